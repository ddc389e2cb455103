import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// A signal or a lost terminal ends the editor while a value is being typed: what is on the
/// edit line is kept (for the journal) if Enter would have kept it, and nothing else changes.
final class StoppingTests: XCTestCase {
    func testTheValueBeingTypedIsKept() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "score"))
        e.type("4")
        XCTAssertEqual(e.state.session.indicators[0].score, "3")
        XCTAssertTrue(e.state.commitTypedValue())
        XCTAssertEqual(e.state.session.indicators[0].score, "4")
        XCTAssertTrue(e.state.isDirty)
    }

    func testAValueEnterWouldRefuseIsNotKept() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .field("fund_annual"))
        e.type("12元")
        XCTAssertFalse(e.state.commitTypedValue())
        XCTAssertFalse(e.state.isDirty)
    }

    func testLongTextBeingWrittenIsKept() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .field("goal_planned"))
        e.key(.function(2))
        e.key(.end)
        e.type("补充一句")
        XCTAssertTrue(e.state.commitTypedValue())
        XCTAssertTrue(e.state.session.fields["goal_planned"].map { "\($0)".contains("补充一句") } ?? false)
    }

    func testNothingBeingTypedChangesNothing() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        XCTAssertFalse(e.state.commitTypedValue())
        XCTAssertFalse(e.state.isDirty)
    }
}

/// The editor adds no row past `SessionLimits.rows`: the sheet could not be read again.
final class RowLimitTests: XCTestCase {
    func testNoRowIsAddedPastTheLimit() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        var s = e.state.session
        let row = s.indicators[0]
        s.indicators += Array(repeating: row, count: SessionLimits.rows - s.rowCount)
        e.state = EditorState(session: s, template: e.state.template, path: "full.json", width: 80, height: 24)
        try e.go(to: .indicator(row: 0, key: "name"))
        e.key(.ctrl("n"))
        XCTAssertEqual(e.state.session.rowCount, SessionLimits.rows)
        XCTAssertTrue(e.screen.contains("行数已达上限"), e.screen)
    }
}

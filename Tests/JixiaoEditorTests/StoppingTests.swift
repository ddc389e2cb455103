import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// A signal or a lost terminal ends the editor while a value is being typed: what is on the
/// edit line is kept (for the journal) if Enter would have kept it, and nothing else changes.
final class StoppingTests: XCTestCase {
    func go(_ e: inout EditorHarness, to target: Target) throws {
        let (t, r, c) = try XCTUnwrap(e.state.position(of: target))
        e.state.tab = t
        e.state.row = r
        e.state.col = c
    }

    func testTheValueBeingTypedIsKept() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try go(&e, to: .indicator(row: 0, key: "score"))
        e.type("4")
        XCTAssertEqual(e.state.session.indicators[0].score, "3")
        XCTAssertTrue(e.state.commitTypedValue())
        XCTAssertEqual(e.state.session.indicators[0].score, "4")
        XCTAssertTrue(e.state.isDirty)
    }

    func testAValueEnterWouldRefuseIsNotKept() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try go(&e, to: .field("fund_annual"))
        e.type("12元")
        XCTAssertFalse(e.state.commitTypedValue())
        XCTAssertFalse(e.state.isDirty)
    }

    func testLongTextBeingWrittenIsKept() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try go(&e, to: .field("goal_planned"))
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

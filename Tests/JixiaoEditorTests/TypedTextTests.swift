import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// What is typed into a text cell is stored as typed, whatever it spells (issue 13, bug 12).
final class TypedTextTests: XCTestCase {
    func testTheWordNullTypedIntoATextCellStaysText() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "name"))
        e.type("null")
        e.key(.enter)
        XCTAssertEqual(e.state.session.indicators[0].name, "null")
        // 偏差原因 is long text: typing opens its editor, Tab finishes.
        try e.go(to: .indicator(row: 0, key: "deviation"))
        e.type("null")
        e.key(.tab)
        XCTAssertEqual(e.state.session.indicators[0].deviation, "null")
        try e.go(to: .field("goal_planned"))
        e.key(.delete)
        e.type("null")
        e.key(.tab)
        XCTAssertEqual(e.state.session.fields["goal_planned"]?.text, "null")
    }

    func testABlankCellIsStillCleared() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "name"))
        e.key(.delete)
        XCTAssertEqual(e.state.session.indicators[0].name, "")
        try e.go(to: .field("staff_actual"))
        e.type("  ")
        e.key(.enter)
        XCTAssertNil(e.state.session.fields["staff_actual"])
    }
}

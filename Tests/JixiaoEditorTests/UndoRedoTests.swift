import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// Undo and redo both show the cell they changed (issue 13, bug 8).
final class UndoRedoTests: XCTestCase {
    func testRedoShowsTheCellItRedid() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 4, key: "score"))
        e.type("2")
        e.key(.enter)
        try e.go(to: .field("staff_actual"))
        e.key(.ctrl("z"))
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 4, key: "score"))
        XCTAssertEqual(e.state.session.indicators[4].score, "4")
        try e.go(to: .field("goal_planned"))
        e.key(.ctrl("y"))
        XCTAssertEqual(e.state.session.indicators[4].score, "2")
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 4, key: "score"))
        XCTAssertTrue(e.screen.contains("已重做"), e.screen)
        // And undo again, from elsewhere, still shows it.
        try e.go(to: .unit)
        e.key(.ctrl("z"))
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 4, key: "score"))
    }

    func testRedoOfAWholeSheetChangeShowsItsCell() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .field("fund_annual"))
        e.type("6000")
        e.key(.enter)
        try e.go(to: .unit)
        e.key(.ctrl("z"))
        try e.go(to: .indicator(row: 0, key: "name"))
        e.key(.ctrl("y"))
        XCTAssertEqual(e.state.currentCell?.target, .field("fund_annual"))
    }
}

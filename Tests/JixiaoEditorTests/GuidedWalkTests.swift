import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// The guided walk (issue 13, bug 6): Enter goes to what must be filled, errors first, never
/// to a computed figure or an optional blank, and never into the long-text editor.
final class GuidedWalkTests: XCTestCase {
    /// Where Enter after Enter goes on a new sheet.
    func testANewSheetIsWalkedThroughWhatMustBeFilled() throws {
        var e = try EditorHarness(newSheet: "hunan-dept-overall")
        var visited = [Target?]()
        for _ in 0..<12 {
            e.key(.enter)
            visited.append(e.state.currentCell?.target ?? (e.state.currentRow?.source == .listEnd(table: nil) ? .indicator(row: -1, key: "add") : nil))
            if case .normal = e.state.mode {} else { return XCTFail("Enter opened an editor at \(String(describing: visited.last))") }
        }
        // On the "add an indicator" line Enter adds one, with the first 一级 and 二级, and
        // the walk goes on through what the new row lacks, then round to the start.
        XCTAssertEqual(visited, [
            .year, .field("staff_authorized"), .field("staff_actual"), .field("fund_initial"), .field("fund_annual"),
            .field("fund_executed"), .field("goal_planned"), .field("goal_achieved"), .indicator(row: -1, key: "add"),
            .indicator(row: 0, key: "name"), .indicator(row: 0, key: "weight"), .indicator(row: 0, key: "score"),
        ])
        e.key(.enter)
        XCTAssertEqual(e.state.currentCell?.target, .unit)
        XCTAssertTrue(e.screen.contains("缺少“单位名称”"), e.screen)
    }

    func testItNeverStopsOnAComputedFigureOrAnOptionalBlank() throws {
        var e = try EditorHarness(newSheet: "hunan-dept-overall")
        for _ in 0..<30 {
            e.key(.enter)
            let cell = try XCTUnwrap(e.state.currentCell)
            XCTAssertNotEqual(cell.look, .computed)
            if let t = cell.target {
                XCTAssertNotNil(e.state.problem(at: t), "stopped at \(t), which nothing asks for")
            }
        }
    }

    /// 得分 missing on a row (an error) comes before a 偏差原因 (a warning), even one nearer.
    func testErrorsComeBeforeWarnings() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        var s = e.state.session
        s.indicators[10].score = nil
        e.state = EditorState(session: s, template: e.state.template, path: "x.json")
        try e.go(to: .indicator(row: 0, key: "name"))
        e.key(.enter)
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 10, key: "score"))
        XCTAssertTrue(e.screen.contains("第 11 行：缺少得分"), e.screen)
        e.type("4")
        e.key(.enter)  // commits and moves right, to 偏差原因
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 10, key: "deviation"))
        e.key(.enter)  // no error left: the warnings, from here on
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 11, key: "deviation"))
        // 得分 = 分值 rows (row 1) are never visited.
        for _ in 0..<6 {
            e.key(.enter)
            guard case .indicator(let n, "deviation")? = e.state.currentCell?.target else { return XCTFail("\(String(describing: e.state.currentCell?.target))") }
            let row = e.state.session.indicators[n]
            XCTAssertLessThan(try XCTUnwrap(row.scoreValue), try XCTUnwrap(row.weightValue))
        }
    }

    func testEnterOnALongTextCellWalksOnInsteadOfOpeningIt() throws {
        var e = try EditorHarness(newSheet: "hunan-dept-overall")
        try e.go(to: .field("goal_planned"))
        e.key(.enter)
        guard case .normal = e.state.mode else { return XCTFail("the long-text editor opened") }
        XCTAssertEqual(e.state.currentCell?.target, .field("goal_achieved"))
        // Typing still opens it.
        e.type("做")
        guard case .longText = e.state.mode else { return XCTFail("typing opens the long-text editor") }
    }

    func testEnterAndTabWhileTypingMoveAlongTheRowThenToTheNextRow() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 2, key: "weight"))
        e.type("4")
        e.key(.enter)
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 2, key: "score"))
        e.type("4")
        e.key(.tab)
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 2, key: "deviation"))
        try e.go(to: .cell(row: "sangong", column: "prev_final"))
        e.type("1.3")
        e.key(.enter)
        XCTAssertEqual(e.state.currentCell?.target, .cell(row: "sangong", column: "budget"))
        try e.go(to: .cell(row: "sangong", column: "final"))
        e.type("1.2")
        e.key(.enter)
        XCTAssertEqual(e.state.currentCell?.target, .cell(row: "car", column: "prev_final"))
    }
}

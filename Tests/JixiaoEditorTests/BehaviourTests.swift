import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

final class BehaviourTests: XCTestCase {
    func testTypingANumberUpdatesTotalsLiveAndOnCommit() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "score"))
        XCTAssertTrue(e.screen.contains("总分 91.00 优秀"), e.screen)
        e.type("4")
        // Live: the result bar follows the number being typed, before it is committed.
        XCTAssertTrue(e.screen.contains("总分 92.00 优秀"), e.screen)
        XCTAssertEqual(e.state.session.indicators[0].score, "3")
        e.key(.enter)
        XCTAssertEqual(e.state.session.indicators[0].score, "4")
        XCTAssertTrue(e.screen.contains("总分 92.00 优秀"))
        XCTAssertTrue(e.state.isDirty)
        XCTAssertTrue(e.screen.contains("[已修改]"))
    }

    func testABadNumberIsRefusedAndTheCellKeepsItsValue() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .field("fund_annual"))
        e.type("12x")
        XCTAssertTrue(e.screen.contains("应为数字"), e.screen)
        e.key(.enter)
        XCTAssertEqual(e.state.session.fields["fund_annual"], .number("5577.04"))
        guard case .editing(let buf) = e.state.mode else { return XCTFail("the edit stays open") }
        XCTAssertEqual(buf.text, "12x")
        e.key(.escape)
        XCTAssertEqual(e.state.session.fields["fund_annual"], .number("5577.04"))
        XCTAssertFalse(e.state.isDirty)
    }

    func testUndoRedoCoversValuesAndRows() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 2, key: "name"))
        e.key(.ctrl("n"))
        XCTAssertEqual(e.state.session.indicators.count, 22)
        e.type("新指标")
        e.key(.enter)
        XCTAssertEqual(e.state.session.indicators[3].name, "新指标")
        e.key(.ctrl("z"))
        XCTAssertEqual(e.state.session.indicators[3].name, "")
        e.key(.ctrl("z"))
        XCTAssertEqual(e.state.session.indicators.count, 21)
        e.key(.ctrl("y"))
        e.key(.ctrl("y"))
        XCTAssertEqual(e.state.session.indicators[3].name, "新指标")
    }

    func testDeleteAsksFirstAndMoveSwapsRows() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "name"))
        e.key(.ctrl("d"))
        XCTAssertTrue(e.screen.contains("删除这一行？"))
        e.key(.escape)
        XCTAssertEqual(e.state.session.indicators.count, 21)
        let first = e.state.session.indicators[0].name, second = e.state.session.indicators[1].name
        e.key(.altDown)
        XCTAssertEqual(e.state.session.indicators[1].name, first)
        XCTAssertEqual(e.state.session.indicators[0].name, second)
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 1, key: "name"))
        e.key(.ctrl("d"))
        e.type("y")
        XCTAssertEqual(e.state.session.indicators.count, 20)
    }

    func testPickersOfferTheTemplatesNames() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "level2"))
        e.key(.f2)
        guard case .picker(let p) = e.state.mode else { return XCTFail("a picker opens") }
        XCTAssertEqual(p.choices, ["数量指标", "质量指标", "时效指标", "成本指标"])
        e.key(.down)
        e.key(.enter)
        XCTAssertEqual(e.state.session.indicators[0].level2, "质量指标")
    }

    func testLongTextEditorWrapsAndKeepsTheCaretOnWideCharacters() throws {
        var e = try EditorHarness(example: "suining-2024.json", width: 40, height: 20)
        try e.go(to: .field("goal_planned"))
        e.key(.f2)
        guard case .longText(let buffer, _) = e.state.mode else { return XCTFail("the long-text editor opens") }
        XCTAssertTrue(buffer.text.hasPrefix("做好干部工作"))
        let b = e.buffer
        let cursor = try XCTUnwrap(b.cursor)
        // The caret sits on a cell boundary, never on the right half of a Chinese character.
        XCTAssertFalse(b[cursor.x, cursor.y].isContinuation)
        e.key(.home)
        e.key(.up, times: 50)
        e.key(.home)
        e.type("（一）")
        e.key(.tab)
        XCTAssertTrue(e.state.session.fields["goal_planned"]?.text.hasPrefix("（一）做好") ?? false)
    }

    func testReviewModeChangesNothing() throws {
        var e = try EditorHarness(example: "suining-2024.json", readOnly: true)
        let before = e.state.session
        for k: Key in [.char("5"), .f2, .delete, .ctrl("n"), .ctrl("d"), .altDown, .enter, .ctrl("s"), .ctrl("z")] {
            e.key(k)
            e.key(.escape)
        }
        e.send(.paste("999"))
        XCTAssertEqual(e.state.session, before)
        XCTAssertTrue(e.commands.allSatisfy { if case .save = $0 { return false } else { return true } })
    }

    func testSaveWritesOnlyWhenChangedAndQuitAsks() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        e.key(.ctrl("s"))
        XCTAssertTrue(e.commands.isEmpty)
        XCTAssertTrue(e.screen.contains("没有修改"))
        e.key(.ctrl("q"))
        XCTAssertEqual(e.commands, [.quit])
        var d = try EditorHarness(example: "suining-2024.json")
        try d.go(to: .field("staff_actual"))
        d.type("43")
        d.key(.enter)
        d.key(.ctrl("q"))
        XCTAssertTrue(d.screen.contains("有未保存的修改"))
        d.type("s")
        guard case .save(_, let bytes, true, _)? = d.commands.first else { return XCTFail("saves before quitting") }
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("\"staff_actual\": 43"))
        XCTAssertEqual(d.commands.last, .quit)
    }

    func testFindJumpsToText() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        e.key(.ctrl("f"))
        e.type("走访慰问老干部人次")
        e.key(.enter)
        XCTAssertEqual(e.state.sections[e.state.tab].id, "indicators")
        XCTAssertEqual(e.state.currentRow?.source, .indicator(5))
    }

    func testGuidedWalkOnANewSheet() throws {
        var e = try EditorHarness(newSheet: "hunan-dept-overall")
        XCTAssertEqual(e.state.currentCell?.target, .unit)
        e.type("测试单位")
        e.key(.enter)
        e.type("2025")
        e.key(.enter)  // on to the next field still to fill, in the next section
        XCTAssertEqual(e.state.currentCell?.target, .field("staff_authorized"))
        XCTAssertTrue(e.screen.contains("第 2/6 部分"), e.screen)
        XCTAssertEqual(e.state.session.unit, "测试单位")
        XCTAssertEqual(e.state.session.year, 2025)
    }

    func testProblemCountsOnTabs() throws {
        let e = try EditorHarness(example: "yiyang-2024.json", width: 120, height: 30)
        XCTAssertTrue(e.screen.contains("3 资金情况(1)"), e.screen)
    }
}

extension Key {
    static let f2 = Key.function(2)
}

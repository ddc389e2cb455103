import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// A block copied from WPS or Excel, pasted on the sheet (issue 13, quicker entry).
final class BlockPasteTests: XCTestCase {
    func testTheClipboardsCellsAreSplitAsSpreadsheetsWriteThem() {
        XCTAssertEqual(PastedBlock("a\tb\r\nc\td\r\n").rows, [["a", "b"], ["c", "d"]])
        XCTAssertEqual(PastedBlock("1\n2\n3\n").rows, [["1"], ["2"], ["3"]])
        XCTAssertEqual(PastedBlock("x\t\ty\n").rows, [["x", "", "y"]])
        XCTAssertEqual(PastedBlock("\"原因\n措施\"\t\"说 \"\"好\"\"\"\t3").rows, [["原因\n措施", "说 \"好\"", "3"]])
        XCTAssertEqual(PastedBlock("单独").rows, [["单独"]])
        // CR LF sent as two line ends: one each; a real empty line in a column stays.
        XCTAssertEqual(PastedBlock("a\tb\n\nc\td\n\n").rows, [["a", "b"], ["c", "d"]])
        XCTAssertEqual(PastedBlock("1\n\n3\n").rows, [["1"], [""], ["3"]])
        // The same without the last line end (a new user's three rows went to rows 1, 3, 5).
        XCTAssertEqual(PastedBlock("a\t1\r\rb\t2\r\rc\t3").rows, [["a", "1"], ["b", "2"], ["c", "3"]])
        XCTAssertFalse(PastedBlock("42\r\n").isBlock)
        XCTAssertTrue(PastedBlock("a\tb").isBlock)
    }

    /// Four indicator rows pasted on the "add an indicator" line of a new sheet: rows added,
    /// every cell filled, one undo step.
    func testIndicatorRowsAreAddedAndFilledAsOneUndoStep() throws {
        var e = try EditorHarness(newSheet: "hunan-dept-overall")
        e.key(.alt("5"))
        let add = try XCTUnwrap(e.state.sections[e.state.tab].rows.firstIndex { $0.source == .listEnd(table: nil) })
        e.state.row = add
        e.send(.paste("""
            产出指标\t数量指标\t培训人次\t≥2000人\t2926\t4\t4\t\r
            产出指标\t质量指标\t党员干部参与率\t≥100%\t≥100%\t5\t4\t有两名党员因病缺席\r
            效益\t社会效益指标\t组织工作宣传覆盖率\t≥95%\t100%\t6\t6\t\r
            满意度指标\t服务对象满意度指标\t党员满意度\t≥95%\t≥95%\t2.5\t2.5\t\r

            """))
        let rows = e.state.session.indicators
        XCTAssertEqual(rows.count, 4)
        XCTAssertEqual(rows[0], IndicatorRow(level1: "产出指标", level2: "数量指标", name: "培训人次", target: "≥2000人", actual: "2926", weight: "4", score: "4"))
        XCTAssertEqual(rows[1].deviation, "有两名党员因病缺席")
        XCTAssertEqual(rows[2].level1, "效益指标", "a name is matched as the picker matches it")
        XCTAssertEqual(rows[3].score, "2.5")
        XCTAssertTrue(e.screen.contains("已粘贴 32 个单元格，新增 4 行"), e.screen)
        e.key(.ctrl("z"))
        XCTAssertEqual(e.state.session.indicators.count, 0, "one undo step")
    }

    func testBadValuesAreNamedCellByCellAndNotStored() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "weight"))
        e.send(.paste("5\t4x\n3\t2\nabc\t1\n"))
        let rows = e.state.session.indicators
        XCTAssertEqual(rows[0].weight, "5")
        XCTAssertEqual(rows[0].score, "3", "4x is refused: the cell keeps its value")
        XCTAssertEqual(rows[1].weight, "3")
        XCTAssertEqual(rows[1].score, "2")
        XCTAssertEqual(rows[2].weight, "4", "abc is refused")
        XCTAssertEqual(rows[2].score, "1")
        guard case .pager(let lines, _) = e.state.mode else { return XCTFail("the refused values are listed") }
        XCTAssertTrue(lines.contains { $0.hasPrefix("第 1 行第 2 列（得分）“4x”") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("第 3 行第 1 列（分值）“abc”") }, "\(lines)")
        XCTAssertEqual(lines.filter { $0.hasPrefix("第 ") }.count, 2)
        XCTAssertEqual(e.state.session.indicators.count, 21, "no row added for rows that exist")
    }

    /// Into a fixed grid: right and down from the cell; what falls outside is counted, and a
    /// computed column is not written.
    func testAGridTakesTheBlockWithinItsRowsAndColumns() throws {
        var e = try EditorHarness(newSheet: "hunan-dept-overall")
        try e.go(to: .cell(row: "reception", column: "budget"))
        e.send(.paste("1.2\t1.3\t9\n2\t3\n"))
        XCTAssertEqual(e.state.session.cells["reception"]?["budget"], .number("1.2"))
        XCTAssertEqual(e.state.session.cells["reception"]?["final"], .number("1.3"))
        XCTAssertNotNil(e.state.message)
        XCTAssertTrue(e.state.message?.text.contains("1 个值超出表格") ?? false, "\(String(describing: e.state.message))")
        XCTAssertEqual(e.state.session.cells["projects"]?["budget"], .number("2"), "the next row of the grid")
    }

    func testAOneValuePasteAndALongTextPasteStayAsTheyWere() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .field("staff_actual"))
        e.send(.paste("43\r\n"))
        guard case .editing(let b) = e.state.mode else { return XCTFail("one value is typed into the cell") }
        XCTAssertEqual(b.text, "43")
        e.key(.escape)
        try e.go(to: .field("goal_planned"))
        e.send(.paste("第一行\n第二行\n"))
        guard case .longText(let t, _) = e.state.mode else { return XCTFail("lines go into the long text") }
        XCTAssertTrue(t.text.hasSuffix("第一行\n第二行\n"))
    }

    func testReviewModeRefusesAPastedBlock() throws {
        var e = try EditorHarness(example: "suining-2024.json", readOnly: true)
        let before = e.state.session
        e.send(.paste("1\t2\n3\t4"))
        XCTAssertEqual(e.state.session, before)
    }
}

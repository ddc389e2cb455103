import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// The editor's parts, each driven on its own (issue 13, "split the document from the cursor
/// and the modal parts"): the document changes and undoes without a cursor, the cursor moves
/// without touching the sheet, and each modal part maps keys to a step without an editor.
final class NestedModelTests: XCTestCase {
    func document() throws -> SheetDocument {
        let loaded = try SessionFile.load("\(EditorHarness.examples)/suining-2024.json", registry: EditorHarness.templates)
        return SheetDocument(session: loaded.session, template: loaded.template, path: "suining-2024.json", lang: .zh)
    }

    func testTheDocumentChangesChecksAndUndoesOnItsOwn() throws {
        var d = try document()
        XCTAssertFalse(d.isDirty)
        let place = SheetDocument.Place(tab: 3, row: 7, col: 6)
        let before = d.session.indicators[0].score
        let errorsBefore = d.report.all.filter { $0.severity == .error }.count
        XCTAssertThrowsError(try d.apply(.indicator(row: 0, key: "score"), "abc", at: place), "a bad value is refused")
        XCTAssertEqual(d.revision, 0, "and changes nothing")
        XCTAssertEqual(try d.apply(.indicator(row: 0, key: "score"), before, at: place), .none, "nor does the same value")
        XCTAssertEqual(try d.apply(.indicator(row: 0, key: "score"), "999", at: place), .indicatorRow)
        XCTAssertEqual(d.session.indicators[0].score, "999")
        XCTAssertTrue(d.isDirty)
        XCTAssertEqual(d.revision, 1)
        // 得分 above 分值 is an error of that cell, found without checking the other rows.
        XCTAssertEqual(d.problem(at: .indicator(row: 0, key: "score")), .error)
        XCTAssertGreaterThan(d.report.all.filter { $0.severity == .error }.count, errorsBefore)
        // The unit is outside the rows: the whole sheet is replaced.
        XCTAssertEqual(try d.apply(.unit, "某单位", at: SheetDocument.Place(tab: 0, row: 0, col: 1)), .sheet)
        XCTAssertEqual(d.session.unit, "某单位")
        // Undo returns where each step was made, newest first.
        XCTAssertEqual(d.travel(undo: true), SheetDocument.Place(tab: 0, row: 0, col: 1))
        XCTAssertEqual(d.travel(undo: true), place)
        XCTAssertEqual(d.session.indicators[0].score, before)
        XCTAssertFalse(d.isDirty)
        XCTAssertNil(d.travel(undo: true), "nothing more to undo")
        XCTAssertEqual(d.travel(undo: false), place, "redo shows the cell it changes")
        XCTAssertEqual(d.session.indicators[0].score, "999")
        d.markSaved()
        XCTAssertFalse(d.isDirty)
    }

    func testTheCursorMovesOverTheRowsAndNeverTheSheet() throws {
        let d = try document()
        var c = Cursor()
        c.moveToFirstSelectable(in: d.sections)
        let first = c.place
        XCTAssertTrue(d.sections[c.tab].rows[c.row].cells[c.col].isSelectable)
        c.moveVertical(1, in: d.sections)
        XCTAssertGreaterThan(c.place, first)
        c.switchTab(-1, in: d.sections)
        XCTAssertEqual(c.tab, d.sections.count - 1, "before the first section comes the last")
        XCTAssertEqual(c.scroll, 0)
        c.switchTab(0, in: d.sections)
        // Tab goes to the next typed cell in reading order.
        c.nextEditable(forward: true, in: d.sections)
        XCTAssertNotNil(d.sections[c.tab].rows[c.row].cells[c.col].target)
        // Finding goes after the cursor, across sections.
        XCTAssertTrue(c.find("满意度", in: d.sections))
        XCTAssertTrue(d.sections[c.tab].rows[c.row].cells.contains { $0.text.contains("满意度") })
        XCTAssertFalse(c.find("没有这样的字", in: d.sections))
        // A cursor off the rows comes back onto a cell that exists.
        c.row = 10_000
        c.col = 99
        c.clamp(in: d.sections)
        XCTAssertTrue(d.sections[c.tab].rows.indices.contains(c.row))
        XCTAssertTrue(d.sections[c.tab].rows[c.row].cells.indices.contains(c.col))
    }

    func testThePickersOwnUpdate() {
        var p = Picker(choices: ["产出指标", "效益指标", "满意度指标"], current: "效益指标")
        XCTAssertEqual(p.update(.key(.down)), .choosing)
        XCTAssertEqual(p.selected, 2)
        XCTAssertEqual(p.update(.key(.char("3"))), .choose(2, then: .char("3")))
        XCTAssertEqual(p.update(.paste("产出")), .choosing)
        XCTAssertEqual(p.selected, 0)
        XCTAssertEqual(p.update(.key(.enter)), .choose(0, then: .enter))
        XCTAssertEqual(p.update(.key(.char("X"))), .choosing)
        XCTAssertNil(p.selected, "产出X names nothing")
        XCTAssertEqual(p.update(.key(.enter)), .nothingChosen)
        XCTAssertEqual(p.update(.key(.escape)), .cancel)
    }

    func testTheProblemListsFindsAndOverlaysOwnUpdates() {
        XCTAssertEqual(ProblemBrowser.update(selected: 0, key: .down, count: 3, page: 10), .highlight(1))
        XCTAssertEqual(ProblemBrowser.update(selected: 2, key: .down, count: 3, page: 10), .highlight(2))
        XCTAssertEqual(ProblemBrowser.update(selected: 2, key: .pageUp, count: 3, page: 10), .highlight(0))
        XCTAssertEqual(ProblemBrowser.update(selected: 1, key: .enter, count: 3, page: 10), .jump(1))
        XCTAssertEqual(ProblemBrowser.update(selected: 1, key: .escape, count: 3, page: 10), .close)

        var b = TextBuffer()
        XCTAssertEqual(FindBar.update(&b, .key(.char("党")), lastSearch: "星级"), .typing)
        XCTAssertEqual(b.text, "党")
        XCTAssertEqual(FindBar.update(&b, .key(.enter), lastSearch: "星级"), .search("党"))
        var empty = TextBuffer()
        XCTAssertEqual(FindBar.update(&empty, .key(.enter), lastSearch: "星级"), .search("星级"), "Enter alone finds the last again")
        XCTAssertEqual(FindBar.update(&empty, .key(.escape), lastSearch: "星级"), .cancel)

        XCTAssertEqual(ScrollingOverlay.update(scroll: 0, key: .down, limit: 5, page: 20), 1)
        XCTAssertEqual(ScrollingOverlay.update(scroll: 0, key: .pageDown, limit: 5, page: 20), 5)
        XCTAssertEqual(ScrollingOverlay.update(scroll: 3, key: .home, limit: 5, page: 20), 0)
        XCTAssertNil(ScrollingOverlay.update(scroll: 3, key: .char("q"), limit: 5, page: 20), "any other key closes")
    }

    func testQuestionsReadTheirAnswers() {
        let delete = EditorState.Confirmation.deleteRow(.indicator(0))
        XCTAssertEqual(delete.answer(.char("y")), .yes)
        XCTAssertEqual(delete.answer(.enter), .no, "only the key the question names")
        XCTAssertEqual(delete.answer(.char("x")), .no)
        let recover = EditorState.Confirmation.recover(savedAt: "", fileChanged: false)
        XCTAssertEqual(recover.answer(.char("r")), .yes)
        XCTAssertEqual(recover.answer(.char("d")), .no)
        XCTAssertEqual(recover.answer(.char("v")), .view)
        XCTAssertEqual(recover.answer(.down), .ignore, "the question stays")
        XCTAssertEqual(EditorState.Confirmation.quit.answer(.char("s")), .yes)
        XCTAssertEqual(EditorState.Confirmation.quit.answer(.char("d")), .no)
        XCTAssertEqual(EditorState.Confirmation.quit.answer(.escape), .cancel)
        // n and y are not offered: neither quits, neither throws edits away.
        XCTAssertEqual(EditorState.Confirmation.quit.answer(.char("n")), .cancel)
        XCTAssertEqual(EditorState.Confirmation.quit.answer(.char("y")), .cancel)
        XCTAssertEqual(recover.answer(.char("n")), .ignore, "the recovered edits are not discarded by n")
    }

    /// Typing on the "add" line, where nothing can be typed, says so (found by a new user
    /// whose paragraph vanished there).
    func testTypingWhereNothingCanBeTypedIsSaid() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        let s = try XCTUnwrap(e.state.indicatorSection)
        let r = try XCTUnwrap(e.state.sections[s].rows.firstIndex { if case .listEnd(nil)? = $0.source { return true } else { return false } })
        e.state.tab = s; e.state.row = r; e.state.col = 0
        let before = e.state.session
        e.type("好")
        XCTAssertTrue(e.screen.contains("这一行用来添加"), e.screen)
        XCTAssertEqual(e.state.session, before)
    }

    /// What stays in EditorState itself once the document and the cursor are parts of it.
    func testTheEditorStateHoldsItsPartsNotTheirFields() throws {
        let names = Mirror(reflecting: try EditorHarness(example: "suining-2024.json").state).children.compactMap(\.label)
        XCTAssertTrue(names.contains("document"))
        XCTAssertTrue(names.contains("cursor"))
        for gone in ["session", "computed", "report", "sections", "undoStack", "tab", "row", "col"] {
            XCTAssertFalse(names.contains(gone), "\(gone) belongs to a part")
        }
        XCTAssertLessThanOrEqual(names.count, 15, "\(names)")
    }
}

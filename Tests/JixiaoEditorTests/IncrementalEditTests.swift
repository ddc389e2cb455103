import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// A committed indicator cell is applied to the one row it belongs to (figures adjusted, that
/// row checked and laid out again); everything the user sees must be what a fresh start on
/// the same sheet shows.
final class IncrementalEditTests: XCTestCase {
    /// The screen of a fresh editor on the same session with the same cursor.
    func freshScreen(_ s: EditorState) -> String {
        var f = EditorState(session: s.session, template: s.template, path: s.path, lang: s.lang, width: s.width, height: s.height)
        f.savedSession = s.savedSession
        f.tab = s.tab
        f.row = s.row
        f.col = s.col
        f.scroll = s.scroll
        f.message = s.message
        return EditorView.draw(f).text
    }

    func testEditsUndoAndRedoOfIndicatorCellsShowWhatAFreshStartShows() throws {
        var e = try EditorHarness(example: "suining-2024.json", width: 120, height: 40)
        let (t, r, c) = try XCTUnwrap(e.state.position(of: .indicator(row: 3, key: "score")))
        e.state.tab = t; e.state.row = r; e.state.col = c
        for (value, key) in [("1", Key.down), ("0", .down), ("2.5", .tab)] {
            e.type(value)
            e.key(key)
            XCTAssertEqual(EditorView.draw(e.state).text, freshScreen(e.state))
        }
        XCTAssertEqual(e.state.session.indicators[3].score, "1")
        XCTAssertEqual(e.state.session.indicators[4].score, "0")
        XCTAssertEqual(e.state.session.indicators[5].score, "2.5")
        // The rows below their weight now lack 偏差原因: marked, and counted on the tab.
        XCTAssertEqual(e.state.problem(at: .indicator(row: 4, key: "deviation")), .warning)
        XCTAssertEqual(e.state.problems, Validator.validate(e.state.session, e.state.template))
        e.key(.ctrl("z"), times: 3)
        XCTAssertEqual(e.state.session.indicators, try EditorHarness(example: "suining-2024.json").state.session.indicators)
        XCTAssertFalse(e.state.isDirty)
        XCTAssertEqual(EditorView.draw(e.state).text, freshScreen(e.state))
        e.key(.ctrl("y"), times: 2)
        XCTAssertEqual(e.state.session.indicators[4].score, "0")
        XCTAssertEqual(e.state.problems, Validator.validate(e.state.session, e.state.template))
        XCTAssertEqual(EditorView.draw(e.state).text, freshScreen(e.state))
        // Changing 一级 goes through the full recomputation, and still agrees.
        let (t2, r2, c2) = try XCTUnwrap(e.state.position(of: .indicator(row: 4, key: "level1")))
        e.state.tab = t2; e.state.row = r2; e.state.col = c2
        e.key(.function(2))  // the picker
        e.key(.down)
        e.key(.enter)
        XCTAssertNotEqual(e.state.session.indicators[4].level1, "产出指标")
        XCTAssertEqual(e.state.computed.json, Calculator.compute(e.state.session, e.state.template).json)
        XCTAssertEqual(EditorView.draw(e.state).text, freshScreen(e.state))
    }

    func testTheRuntimeFormChangesTheRowInPlace() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        let (t, r, c) = try XCTUnwrap(e.state.position(of: .indicator(row: 0, key: "score")))
        var state = e.state
        state.tab = t; state.row = r; state.col = c
        for ch in "2" { _ = Editor.update(&state, .key(.char(ch))) }
        _ = Editor.update(&state, .key(.enter))
        XCTAssertEqual(state.session.indicators[0].score, "2")
        XCTAssertEqual(state.computed.total, Calculator.compute(state.session, state.template).total)
        e.state = state
        XCTAssertEqual(EditorView.draw(e.state).text, freshScreen(e.state))
    }
}

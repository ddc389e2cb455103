import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// Where the terminal's cursor goes: hidden on the selected cell (or "add a row" line) when
/// nothing is typed, so that an input method opens there; shown where the text goes when
/// something is.
final class CursorTests: XCTestCase {
    func testTheCursorWaitsOnTheSelectionAndShowsWhereTextGoes() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 1, key: "name"))
        let b = e.buffer
        let cursor = try XCTUnwrap(b.cursor)
        XCTAssertTrue(b.cursorHidden)
        XCTAssertEqual(b[cursor.x, cursor.y].style, .selected)
        XCTAssertEqual(b[cursor.x, cursor.y].text, "培")
        e.type("x")
        XCTAssertFalse(e.buffer.cursorHidden)
        XCTAssertEqual(e.buffer.cursor?.y, 23)
        e.key(.escape)
        e.key(.alt("5"))
        e.state.row = try XCTUnwrap(e.state.sections[e.state.tab].rows.firstIndex { $0.source == .listEnd(table: nil) })
        let add = e.buffer
        XCTAssertTrue(add.cursorHidden)
        XCTAssertEqual(add.cursor?.x, 1)
        XCTAssertEqual(add.line(try XCTUnwrap(add.cursor).y).trimmingCharacters(in: .whitespaces), "＋ 添加指标（Ctrl-N）")
    }
}

import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// The editor never hands the terminal what it would obey: escape sequences, C1 controls and
/// bidi controls from a sheet (or its file name) are drawn as `\u001B`-style escapes, and
/// typing one into a cell is refused with a message.
final class HostileTextScreenTests: XCTestCase {
    static let osc0 = "abc\u{1B}]0;pwned\u{07}\u{202E}X"

    /// Every cell of a drawn screen: no scalar a terminal would obey or that reorders text.
    private func assertNothingToObey(_ b: ScreenBuffer, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for y in 0..<b.height {
            for x in 0..<b.width {
                for u in b[x, y].text.unicodeScalars where TerminalText.isUnsafe(u.value) {
                    XCTFail("\(what): \(TerminalText.name(u.value)) at (\(x), \(y)) on the line \(b.line(y).debugDescription)", file: file, line: line)
                }
            }
        }
    }

    func testPutDrawsControlsAndBidiControlsAsTheirEscapes() {
        var b = ScreenBuffer(width: 60, height: 3)
        let used = b.put(Self.osc0, x: 0, y: 0)
        XCTAssertEqual(b.line(0), "abc\\u001B]0;pwned\\u0007\\u202EX")
        XCTAssertEqual(used, 30)
        XCTAssertEqual(ScreenBuffer.width(of: Self.osc0), used, "layout measures what is drawn")
        b.put("名\u{9B}31m称\u{0}\u{2066}\u{61C}\u{7F}", x: 0, y: 1)
        XCTAssertEqual(b.line(1), "名\\u009B31m称\\u0000\\u2066\\u061C\\u007F")
        // Tabs and line breaks stay blanks, as a long text's lines on one line of a cell.
        b.put("一\n二\t三\r\n四", x: 0, y: 2)
        XCTAssertEqual(b.line(2), "一 二 三 四")
        assertNothingToObey(b, "put")
        // Clipped inside an escape, the escape is cut, never the raw scalar drawn.
        var narrow = ScreenBuffer(width: 20, height: 1)
        XCTAssertEqual(narrow.put("ab\u{1B}[2J", x: 0, y: 0, limit: 5), 5)
        XCTAssertEqual(narrow.line(0), "ab\\u0")
        assertNothingToObey(narrow, "clipped")
        // `put` asks only about characters of no width: every unsafe scalar must be one.
        let obeyed = (UInt32(0)...0x10FFFF).filter { TerminalText.isUnsafe($0) }.compactMap(Unicode.Scalar.init)
        for u in obeyed where !["\t", "\n", "\r"].contains(u) {
            XCTAssertEqual(ScreenBuffer.shape(Character(u)).1, 0, TerminalText.name(u.value))
            XCTAssertEqual(ScreenBuffer.escaped(Character(u)), TerminalText.escape(u.value))
        }
    }

    /// A sheet read from a hostile file, opened under a hostile file name: the title bar, the
    /// unit, the indicator grid and the problem list show the escapes.
    func testASheetWithEscapesIsDrawnWithTheEscapesVisible() throws {
        let loaded = try SessionFile.load("\(EditorHarness.examples)/suining-2024.json", registry: EditorHarness.templates)
        var s = loaded.session
        s.unit = Self.osc0
        s.indicators[0].name = "培训\u{1B}]52;c;cHduZWQ=\u{07}"
        s.indicators[1].target = "≥\u{9B}2000人"
        var e = try EditorHarness(example: "suining-2024.json")
        e.state = EditorState(session: s, template: loaded.template, path: "s\u{1B}]0;x\u{07}.json", width: 120, height: 40)
        let first = e.screen
        XCTAssertTrue(first.contains("abc\\u001B]0;pwned\\u0007\\u202EX"), first)
        XCTAssertTrue(first.contains("s\\u001B]0;x\\u0007.json"), first)
        assertNothingToObey(e.buffer, "first section")
        e.key(.function(6), times: 4)  // 绩效指标
        XCTAssertTrue(e.screen.contains("培训\\u001B]52;c;"), e.screen)
        XCTAssertTrue(e.screen.contains("≥\\u009B2000"), e.screen)
        assertNothingToObey(e.buffer, "indicators")
        e.key(.function(8))  // the problem list names the characters
        XCTAssertTrue(e.screen.contains("U+001B"), e.screen)
        assertNothingToObey(e.buffer, "problems")
    }

    /// The editor commits through SessionEditor: a bidi control typed (or pasted) into the
    /// unit is refused with a message naming the field and the character, and nothing changes.
    func testTypingABidiControlIsRefusedWithAMessage() throws {
        var e = try EditorHarness(example: "suining-2024.json", width: 120, height: 40)
        let before = e.state.session
        let (t, r, c) = try XCTUnwrap(e.state.position(of: .unit))
        e.state.tab = t; e.state.row = r; e.state.col = c
        e.send(.paste("中共\u{202E}部"))
        e.key(.enter)
        XCTAssertTrue(e.screen.contains("“单位名称”不能包含双向文字控制符 U+202E"), e.screen)
        XCTAssertEqual(e.state.session, before)
        assertNothingToObey(e.buffer, "edit line")
    }
}

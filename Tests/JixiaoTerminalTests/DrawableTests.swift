import Testing
import JixiaoCore
@testable import JixiaoTerminal

/// The last line of defence: whatever a cell holds, no control and no bidi control is handed
/// to curses, and the cell keeps its column.
@Test func noControlOrBidiControlIsHandedToCurses() {
    let unsafe: [Unicode.Scalar] = ["\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{9C}",
                                    "\u{61C}", "\u{200E}", "\u{200F}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}"]
    for u in unsafe {
        #expect(Terminal.drawable(String(u).unicodeScalars) == [0x20], "\(TerminalText.name(u.value)) alone is a blank")
        #expect(Terminal.drawable(("a" + String(u)).unicodeScalars) == [0x61], "\(TerminalText.name(u.value)) after a character is left out")
    }
    #expect(Terminal.drawable("中".unicodeScalars) == [0x4E2D])
    #expect(Terminal.drawable("e\u{301}".unicodeScalars) == [0x65, 0x301])
    #expect(Terminal.drawable("\u{200D}".unicodeScalars) == [0x200D], "a joiner is not a control")
}

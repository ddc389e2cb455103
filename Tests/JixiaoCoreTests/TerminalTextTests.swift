import XCTest
@testable import JixiaoCore

/// TerminalText: which scalars are unsafe for a terminal, how they are shown, and that the
/// fast byte path agrees with a plain scalar-by-scalar reading on every kind of text.
final class TerminalTextTests: XCTestCase {
    static let bidiControls: [UInt32] = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
    /// Neighbours of the unsafe ranges, in one, two and three UTF-8 bytes, and text as sheets have it.
    static let safeNeighbours: [UInt32] = [0x20, 0x7E, 0xA0, 0xA9, 0x061B, 0x061D, 0x200B, 0x200C, 0x200D, 0x2010, 0x2028, 0x2029,
                                           0x202F, 0x2060, 0x2065, 0x206A, 0x3000, 0x4E2D, 0xFEFF, 0xFF10, 0x1F600]

    func testEveryClassOfScalar() {
        for v in UInt32(0)...0x1F { XCTAssertTrue(TerminalText.isUnsafe(v), "C0 \(v)") }
        XCTAssertTrue(TerminalText.isUnsafe(0x7F), "DEL")
        for v in UInt32(0x80)...0x9F { XCTAssertTrue(TerminalText.isUnsafe(v), "C1 \(v)") }
        for v in Self.bidiControls { XCTAssertTrue(TerminalText.isUnsafe(v), TerminalText.name(v)) }
        for v in UInt32(0x20)...0x7E { XCTAssertFalse(TerminalText.isUnsafe(v), "ASCII \(v)") }
        for v in Self.safeNeighbours { XCTAssertFalse(TerminalText.isUnsafe(v), TerminalText.name(v)) }
        let all = (UInt32(0)...0x10FFFF).filter { Unicode.Scalar($0) != nil && TerminalText.isUnsafe($0) }
        XCTAssertEqual(all.count, 32 + 1 + 32 + Self.bidiControls.count)
    }

    func testEachUnsafeScalarIsShownAsItsEscape() {
        XCTAssertEqual(TerminalText.visible("abc\u{1B}]0;pwned\u{07}\u{202E}X"), "abc\\u001B]0;pwned\\u0007\\u202EX")
        XCTAssertEqual(TerminalText.visible("\u{0}\u{9B}31m\u{90}q\u{9C}"), "\\u0000\\u009B31m\\u0090q\\u009C")
        XCTAssertEqual(TerminalText.visible("\u{1B}]52;c;cHduZWQ=\u{07}"), "\\u001B]52;c;cHduZWQ=\\u0007")
        XCTAssertEqual(TerminalText.visible("\u{61C}\u{200E}\u{200F}\u{2066}\u{2069}\u{7F}"), "\\u061C\\u200E\\u200F\\u2066\\u2069\\u007F")
        XCTAssertEqual(TerminalText.name(0x1B), "U+001B")
        XCTAssertEqual(TerminalText.name(0x202E), "U+202E")
        // A text with nothing to show is returned as it is.
        let plain = "中共绥宁县委组织部 ≥20期 “三公”经费 👍🏽 e\u{301}"
        XCTAssertEqual(TerminalText.visible(plain), plain)
    }

    func testLineBreaksAreKeptOnlyWhenAsked() {
        XCTAssertEqual(TerminalText.visible("一\n二"), "一\\u000A二")
        XCTAssertEqual(TerminalText.visible("一\n二", keepingLineBreaks: true), "一\n二")
        // A CR and a tab are never kept: a CR lets later text overwrite the line.
        XCTAssertEqual(TerminalText.visible("一\r\n二\t三\r", keepingLineBreaks: true), "一\\u000D\n二\\u0009三\\u000D")
    }

    func testFirstUnsafeAllowsOnlyRealLineBreaksInLongText() {
        XCTAssertNil(TerminalText.firstUnsafe(in: "第一行\n第二行\r\n第三行", allowingLineBreaks: true))
        XCTAssertEqual(TerminalText.firstUnsafe(in: "第一行\n第二行", allowingLineBreaks: false), "\n")
        XCTAssertEqual(TerminalText.firstUnsafe(in: "a\rb", allowingLineBreaks: true), "\r")
        XCTAssertEqual(TerminalText.firstUnsafe(in: "a\r", allowingLineBreaks: true), "\r")
        XCTAssertEqual(TerminalText.firstUnsafe(in: "a\tb", allowingLineBreaks: true), "\t")
        XCTAssertEqual(TerminalText.firstUnsafe(in: "名称\u{202E}X\u{1B}", allowingLineBreaks: true), "\u{202E}")
        XCTAssertEqual(TerminalText.firstUnsafe(in: "é\u{85}", allowingLineBreaks: false), "\u{85}")
        XCTAssertNil(TerminalText.firstUnsafe(in: "中共绥宁县委组织部\u{200D}\u{2029}", allowingLineBreaks: false))
    }

    /// The byte path (`visibleBytes`, `firstUnsafe`, `holdsUnsafe`) against the scalar path (`isUnsafe` on
    /// each decoded scalar), on random texts made of unsafe scalars, their byte neighbours
    /// and random scalars of every UTF-8 length.
    func testBytePathAndScalarPathAgreeOnRandomTexts() {
        var g = SeededGenerator(seed: 0x7E47)
        let pool = (UInt32(0)...0xA0).map { $0 } + Self.bidiControls + Self.safeNeighbours + [0x0600, 0x06FF, 0x2000, 0x207F, 0xD7FF, 0xE000, 0x10FFFF]
        for _ in 0..<5_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &g) {
                let v: UInt32 = Bool.random(using: &g) ? pool.randomElement(using: &g)! : UInt32.random(in: 0...0x10FFFF, using: &g)
                if let u = Unicode.Scalar(v) { s.append(u) }
            }
            let text = String(s)
            XCTAssertEqual(TerminalText.holdsUnsafe(text), text.unicodeScalars.contains { TerminalText.isUnsafe($0.value) }, text.debugDescription)
            for keep in [false, true] {
                let byScalars = text.unicodeScalars.map { u in
                    TerminalText.isUnsafe(u.value) && !(keep && u == "\n") ? TerminalText.escape(u.value) : String(u)
                }.joined()
                XCTAssertEqual(TerminalText.visible(text, keepingLineBreaks: keep), byScalars, text.debugDescription)
                XCTAssertNil(TerminalText.firstUnsafe(in: TerminalText.visible(text, keepingLineBreaks: keep), allowingLineBreaks: keep),
                             text.debugDescription)
                let scalars = Array(text.unicodeScalars)
                let firstByScalars = scalars.indices.first { k in
                    let v = scalars[k].value
                    let lineBreak = v == 0x0A || (v == 0x0D && k + 1 < scalars.count && scalars[k + 1] == "\n")
                    return TerminalText.isUnsafe(v) && !(keep && lineBreak)
                }.map { scalars[$0] }
                XCTAssertEqual(TerminalText.firstUnsafe(in: text, allowingLineBreaks: keep), firstByScalars, text.debugDescription)
            }
        }
    }
}

import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// The long-text editor wraps a line at a time from a known line start (TextLayout); before,
/// it wrapped the whole text, as an array of Characters, on every key. That whole-text layout
/// is kept here as the reference: after every random edit and caret move, the text, the
/// caret, every visual line, the caret's line and column, and the window must be what the
/// reference gives. Paragraphs of a few hundred lines at narrow widths put landmarks to work.
/// JIXIAO_LAYOUT_SEED and JIXIAO_LAYOUT_ROUNDS run it longer (30 rounds by default; 8 seeds
/// of 200 rounds passed when lines began to break where print breaks them).
final class TextLayoutTests: XCTestCase {
    /// The layout as it was: the whole text as Characters.
    struct Reference {
        let chars: [Character]
        /// UTF-8 offset of each Character index (and of the end).
        let offsets: [Int]
        let width: Int
        /// The visual lines, as Character ranges.
        var lines: [Range<Int>] = []

        init(_ text: String, width: Int) {
            chars = Array(text)
            var o = [0]
            for c in chars { o.append(o[o.count - 1] + c.utf8.count) }
            offsets = o
            self.width = width
            lines = layout(width: width)
        }

        func index(of offset: Int) -> Int? {
            var lo = 0, hi = offsets.count - 1
            while lo <= hi {
                let mid = (lo + hi) / 2
                if offsets[mid] == offset { return mid }
                if offsets[mid] < offset { lo = mid + 1 } else { hi = mid - 1 }
            }
            return nil
        }

        /// Greedy, a character at a time over the whole text: a line ends at the last place a
        /// line may break (`LineBreak`) before the first character past the width, or there if
        /// there is none; a blank past the width hangs on the line it follows.
        func layout(width: Int) -> [Range<Int>] {
            let width = max(2, width)
            var lines = [Range<Int>]()
            var start = 0, col = 0, k = 0
            var lastBreak: Int?
            var breaks = LineBreak()
            while k < chars.count {
                let c = chars[k]
                if c == "\n" {
                    lines.append(start..<k)
                    start = k + 1
                    col = 0
                    lastBreak = nil
                    breaks = LineBreak()
                    k += 1
                    continue
                }
                let w = ScreenBuffer.width(c)
                let kind = LineBreak.kind(c)
                if breaks.next(kind), k > start { lastBreak = k }
                if col + w > width {
                    if kind == .space && col <= width {
                        col += w
                        k += 1
                        continue
                    }
                    let end = lastBreak ?? k
                    lines.append(start..<end)
                    // The characters carried down are laid out again on the new line.
                    start = end
                    k = end
                    col = 0
                    lastBreak = nil
                    breaks = LineBreak()
                    continue
                }
                col += w
                k += 1
            }
            lines.append(start..<chars.count)
            return lines
        }

        func caretPosition(_ caret: Int) -> (line: Int, column: Int) {
            for (n, r) in lines.enumerated() {
                let isLast = n == lines.count - 1
                let nextStartsHere = !isLast && lines[n + 1].lowerBound == caret && r.upperBound == caret
                if caret >= r.lowerBound && caret <= r.upperBound && !nextStartsHere {
                    return (n, chars[r.lowerBound..<caret].reduce(0) { $0 + ScreenBuffer.width($1) })
                }
            }
            return (lines.count - 1, 0)
        }

        /// The caret on line `line` (clamped), as near column `column` as the characters allow;
        /// nil when that is the caret's own line (no move).
        func moved(_ caret: Int, by delta: Int) -> Int? {
            let (line, column) = caretPosition(caret)
            let target = min(max(0, line + delta), lines.count - 1)
            guard target != line else { return nil }
            let r = lines[target]
            var k = r.lowerBound, col = 0
            while k < r.upperBound {
                let w = ScreenBuffer.width(chars[k])
                if col + w > column { break }
                col += w
                k += 1
            }
            return k
        }

        func home(_ caret: Int) -> Int {
            var k = caret
            while k > 0 && chars[k - 1] != "\n" { k -= 1 }
            return k
        }

        func end(_ caret: Int) -> Int {
            var k = caret
            while k < chars.count && chars[k] != "\n" { k += 1 }
            return k
        }

        /// The edit line of a one-line cell: the text from where the caret is in view.
        func shown(_ caret: Int, room: Int) -> (String, Int) {
            var rest = chars[...]
            var caretCol = chars[0..<caret].reduce(0) { $0 + ScreenBuffer.width($1) }
            while caretCol >= room, !rest.isEmpty { caretCol -= ScreenBuffer.width(rest.removeFirst()) }
            return (String(rest), caretCol)
        }

        /// The text with the old insertion of typed text at the caret, and the caret after it.
        func inserting(_ s: String, at caret: Int, multiline: Bool) -> (String, Int) {
            var ins = Array(s.replacing("\r\n", with: "\n"))
            if !multiline { ins = ins.map { $0 == "\n" || $0 == "\t" ? " " : $0 } }
            ins = ins.filter { c in c == "\n" || !c.unicodeScalars.allSatisfy { $0.value < 0x20 || $0.value == 0x7F } }
            var out = chars
            out.insert(contentsOf: ins, at: caret)
            return (String(out), String(out[..<(caret + ins.count)]).utf8.count)
        }
    }

    static let pieces = ["年度总体目标", "完成率≥95%", "培训 2926 人次，", "Budget 5577.04", "abc", " ", "\n", "\n\n", "\r\n", "\t", "\r",
                         "e\u{301}", "\u{301}", "👍🏽", "🇨🇳", "\u{200D}", "（一）", "一二三四五六七八九十一二三四五六七八九十", "x"]

    static func text(_ g: inout SplitMix64, length: Int, lineBreaks: Bool = true) -> String {
        let pieces = lineBreaks ? pieces : pieces.filter { !$0.contains("\n") }
        var s = ""
        while s.unicodeScalars.count < length { s += g.pick(pieces) }
        return s
    }

    /// Where a caret at a UTF-8 offset of the text ends up: that offset when it is between
    /// Characters, else the end of the Character it is in.
    static func aligned(_ offset: Int, in text: String) -> Int {
        let i = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        if String.Index(i, within: text) != nil { return offset }
        return text.utf8.distance(from: text.utf8.startIndex, to: text.index(after: i))
    }

    func testEditsCaretMovesAndTheWindowAgreeWithTheWholeTextLayout() throws {
        var g = SplitMix64(seed: UInt64(ProcessInfo.processInfo.environment["JIXIAO_LAYOUT_SEED"] ?? "") ?? 2024_11)
        var landmarksUsed = 0
        for round in 0..<(Int(ProcessInfo.processInfo.environment["JIXIAO_LAYOUT_ROUNDS"] ?? "") ?? 30) {
            let width = g.pick([2, 3, 4, 7, 10, 33, 74])
            let rows = g.pick([1, 2, 5, 18])
            // One paragraph of hundreds of lines in some rounds: landmarks at work.
            let long = round % 4 == 0
            var b = TextBuffer(Self.text(&g, length: long ? 2000 : 300, lineBreaks: !long), multiline: true)
            var top = b.scrolled(top: 0, rows: rows, width: width)
            for step in 0..<100 {
                let ref = Reference(b.text, width: width)
                if b.landmarks?.starts.isEmpty == false { landmarksUsed += 1 }
                let caret = try XCTUnwrap(ref.index(of: b.caret), "caret between Characters")
                let context = "round \(round) step \(step), width \(width), rows \(rows)"
                var expectedText = b.text
                var expectedCaret: Int?
                // The window's top as the old editor kept it: a line number.
                let sc = try XCTUnwrap(ref.lines.firstIndex { ref.offsets[$0.lowerBound] == top }, "\(context): the top is a line start")
                switch g.int(12) {
                case 0, 1:
                    let piece = g.pick(Self.pieces)
                    (expectedText, expectedCaret) = ref.inserting(piece, at: caret, multiline: true)
                    b.insert(piece)
                case 2:
                    if caret > 0 {
                        var rest = ref.chars
                        rest.remove(at: caret - 1)
                        expectedText = String(rest)
                        expectedCaret = ref.offsets[caret - 1]
                    }
                    b.backspace()
                case 3:
                    if caret < ref.chars.count {
                        var rest = ref.chars
                        rest.remove(at: caret)
                        expectedText = String(rest)
                    }
                    expectedCaret = ref.offsets[caret]
                    b.deleteForward()
                case 4: expectedCaret = ref.offsets[max(0, caret - 1)]; b.left()
                case 5: expectedCaret = ref.offsets[min(ref.chars.count, caret + 1)]; b.right()
                case 6: expectedCaret = ref.offsets[ref.home(caret)]; b.home()
                case 7: expectedCaret = ref.offsets[ref.end(caret)]; b.end()
                default:
                    let delta = g.pick([-1, 1, -1, 1, -rows, rows, -3 * rows - 1, 4 * rows])
                    expectedCaret = ref.offsets[ref.moved(caret, by: delta) ?? caret]
                    b.vertical(delta, width: width, top: g.chance(80) ? top : nil)
                }
                XCTAssertEqual(b.text, expectedText, context)
                if let expectedCaret { XCTAssertEqual(b.caret, Self.aligned(expectedCaret, in: b.text), context) }

                // Every visual line, walked from the top of the text, as the reference lays it out.
                let now = Reference(b.text, width: width)
                let lines = now.lines
                let walked = b.lines(from: 0, rows: .max, width: width)
                XCTAssertEqual(walked.map(\.range), lines.map { now.offsets[$0.lowerBound]..<now.offsets[$0.upperBound] }, context)

                // The window: where the old line-numbered scroll would be, and the caret in it.
                let (line, column) = now.caretPosition(try XCTUnwrap(now.index(of: b.caret)))
                let newTop = b.scrolled(top: top, rows: rows, width: width)
                let want = line < sc ? line : (line >= sc + rows ? line - rows + 1 : sc)
                XCTAssertEqual(newTop, now.offsets[lines[want].lowerBound], "\(context): window top")
                top = newTop
                let window = b.lines(from: top, rows: rows, width: width)
                let at = try XCTUnwrap(window.firstIndex(where: b.holdsCaret), "\(context): the caret is in the window")
                XCTAssertEqual(at, line - want, context)
                XCTAssertEqual(b.caretColumn(on: window[at]), column, context)
            }
        }
        XCTAssertGreaterThan(landmarksUsed, 100, "the long paragraphs keep landmarks")
    }

    /// The long-text editor breaks lines where print does (issue 13, bug 7): the same lines
    /// as `TextWrap`, but for the blanks at a break, which print drops and the editor keeps at
    /// the end of the line (they are text being edited).
    func testTheEditorWrapsAsPrintDoes() {
        let pieces = ["年度总体目标", "完成率≥95%", "培训", "2926", "人次，", "Budget", "5577.04", "万元。", "（一）", "党建", "“三公”",
                      "经费", "、", "；", "abc", "x", "工作", "（5577.04）", "—", "：", "！", "98.5%", "2024年12月底前"]
        var g = SplitMix64(seed: 13)
        for round in 0..<400 {
            var text = ""
            while text.count < g.int(10...160) {
                text += g.pick(pieces)
                // Single blanks between words, never at a line's start (print keeps those as an indent).
                if g.chance(15), !text.hasSuffix(" "), !text.hasSuffix("\n") { text += " " }
                if g.chance(4), !text.hasSuffix(" ") { text += "\n" }
            }
            // Where every word fits a line: a wider one print cuts between its marks and its
            // number (TextWrap.splitMarks), the editor where it passes the width.
            let width = g.pick([12, 13, 17, 20, 33, 40].filter { $0 > TextWrap.longestWord(text) } + [60])
            let b = TextBuffer(text, multiline: true)
            var shown = b.lines(from: 0, rows: .max, width: width).map { line -> String in
                var l = String(b.characters(of: line))
                while l.hasSuffix(" ") { l.removeLast() }
                return l
            }
            if shown.isEmpty { shown = [""] }
            let printed = TextWrap.wrap(text, width: width).map { l -> String in
                var l = l
                while l.hasSuffix(" ") { l.removeLast() }
                return l
            }
            XCTAssertEqual(shown, printed, "round \(round), width \(width): \(text.debugDescription)")
            for line in shown.dropFirst() {
                XCTAssertFalse(line.hasPrefix("，") || line.hasPrefix("。") || line.hasPrefix("）"), "\(line) in \(text.debugDescription)")
            }
        }
    }

    func testALineNeverStartsWithAClosingMarkNorCutsANumber() {
        let b = TextBuffer("一二三四五六七八，九十。5577.04万元", multiline: true)
        let lines = b.lines(from: 0, rows: .max, width: 16).map { String(b.characters(of: $0)) }
        XCTAssertEqual(lines, ["一二三四五六七", "八，九十。", "5577.04万元"])
    }

    func testTheEditLineShowsWhatItShowedBefore() {
        var g = SplitMix64(seed: 7)
        for _ in 0..<400 {
            var b = TextBuffer(Self.text(&g, length: g.int(1...120)))
            for _ in 0..<g.int(40) { b.left() }
            let ref = Reference(b.text, width: 2)
            guard let caret = ref.index(of: b.caret) else { return XCTFail("caret between Characters") }
            let room = g.pick([4, 5, 10, 37, 60])
            let (shown, column) = b.shown(room: room)
            let (want, wantColumn) = ref.shown(caret, room: room)
            XCTAssertEqual(column, wantColumn)
            // What the edit line draws of each, within its room, is the same.
            var x = ScreenBuffer(width: room + 4, height: 1), y = ScreenBuffer(width: room + 4, height: 1)
            XCTAssertEqual(x.put(String(shown), x: 0, y: 0, limit: room), y.put(want, x: 0, y: 0, limit: room))
            XCTAssertEqual(x, y, "\(b.text.debugDescription) at \(b.caret), room \(room)")
        }
    }

    func testOneLineTextTakesNoLineBreaksOrControlCharacters() {
        var b = TextBuffer("a\nb")
        XCTAssertEqual(b.text, "a b")
        b.insert("1\r\n2\t3\u{1}\r4\u{7F}")
        XCTAssertEqual(b.text, "a b1 2 34")
        var m = TextBuffer("", multiline: true)
        m.insert("1\r\n2\t3\u{1}\r4\n")
        XCTAssertEqual(m.text, "1\n234\n")
        XCTAssertEqual(m.caret, m.text.utf8.count)
    }
}

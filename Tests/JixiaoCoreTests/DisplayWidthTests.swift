import XCTest
@testable import JixiaoCore

/// DisplayWidth against Python's wcwidth (a fixture generated once, see WcwidthFixture.swift),
/// then spot checks of the strings the sheets print and of pad().
final class DisplayWidthTests: XCTestCase {
    // MARK: agreement with wcwidth

    /// Where the comparison is split, so that a failure says which kind of text it touches.
    static let eastAsian: [ClosedRange<UInt32>] = [
        0x1100...0x11FF,   // Hangul Jamo
        0x2E80...0xA4CF,   // CJK radicals … CJK symbols and punctuation, kana, bopomofo, ㎡, CJK ideographs, Yi
        0xA960...0xA97F,   // Hangul Jamo Extended-A
        0xAC00...0xD7FF,   // Hangul syllables, Hangul Jamo Extended-B
        0xF900...0xFAFF,   // CJK compatibility ideographs
        0xFE10...0xFE1F,   // vertical forms
        0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
        0xFF00...0xFFEF,   // half-width and full-width forms
        0x16FE0...0x16FFF, // ideographic symbols and punctuation
        0x1B000...0x1B2FF, // kana supplements
        0x20000...0x2FFFF, // CJK extension B … and the rest of plane 2
    ]
    /// Latin, general punctuation ('—', '…'), letterlike, arrows, maths ('≥'), technical,
    /// enclosed alphanumerics, box drawing, block elements, geometric shapes, misc. symbols,
    /// dingbats.
    static let punctuationAndSymbols: [ClosedRange<UInt32>] = [0x20...0x2FF, 0x2000...0x2BFF]
    static let emoji: [ClosedRange<UInt32>] = [0x1F000...0x1FAFF]

    struct Disagreement {
        var start, end: UInt32
        var wcwidth, ours: Int
    }

    /// Every code point of the fixture inside `ranges` (all of them when nil) and outside
    /// the documented differences whose DisplayWidth differs from wcwidth, as runs.
    static func disagreements(in ranges: [ClosedRange<UInt32>]?, excluding: [ClosedRange<UInt32>] = []) -> (count: Int, runs: [Disagreement]) {
        let documented = WcwidthFixture.documentedDifferences.map { $0.start...$0.end }
        var out = [Disagreement]()
        var count = 0
        for run in WcwidthFixture.runs {
            for v in run.start...run.end {
                if let ranges, !ranges.contains(where: { $0.contains(v) }) { continue }
                if excluding.contains(where: { $0.contains(v) }) { continue }
                guard let u = Unicode.Scalar(v) else { continue }  // surrogates
                let ours = DisplayWidth.of(u)
                guard ours != run.width else { continue }
                if documented.contains(where: { $0.contains(v) }) { continue }
                count += 1
                if let last = out.last, last.end + 1 == v, last.wcwidth == run.width, last.ours == ours {
                    out[out.count - 1].end = v
                } else {
                    out.append(Disagreement(start: v, end: v, wcwidth: run.width, ours: ours))
                }
            }
        }
        return (count, out)
    }

    static func describe(_ d: (count: Int, runs: [Disagreement])) -> String {
        func hex(_ v: UInt32) -> String {
            let s = String(v, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - s.count)) + s
        }
        return "\(d.count) code points disagree with \(WcwidthFixture.version):\n" + d.runs.map { r in
            let range = r.start == r.end ? hex(r.start) : "\(hex(r.start))..\(hex(r.end))"
            let sample = Unicode.Scalar(r.start).map { " “\(Character($0))”" } ?? ""
            return "  \(range)\(sample): wcwidth \(r.wcwidth), DisplayWidth \(r.ours) (\(r.end - r.start + 1))"
        }.joined(separator: "\n")
    }

    private func assertAgrees(_ ranges: [ClosedRange<UInt32>]?, excluding: [ClosedRange<UInt32>] = [],
                              file: StaticString = #filePath, line: UInt = #line) {
        let d = Self.disagreements(in: ranges, excluding: excluding)
        XCTAssertEqual(d.count, 0, Self.describe(d), file: file, line: line)
    }

    func testFixtureCoversEveryPrintableCodePointUpTo2FFFF() {
        var next: UInt32 = 0x20
        for run in WcwidthFixture.runs {
            if next == 0x7F { next = 0xA0 }  // wcwidth gives the C0/C1 controls -1
            XCTAssertEqual(run.start, next, "gap or overlap before U+\(String(run.start, radix: 16))")
            XCTAssertLessThanOrEqual(run.start, run.end)
            XCTAssertTrue((0...2).contains(run.width))
            next = run.end + 1
        }
        XCTAssertEqual(next, 0x30000)
        let documented = WcwidthFixture.documentedDifferences
        for (a, b) in zip(documented, documented.dropFirst()) {
            XCTAssertLessThan(a.end, b.start, "documented differences overlap or are unsorted")
        }
    }

    func testFixtureSpotValues() {
        func fixture(_ v: UInt32) -> Int? { WcwidthFixture.runs.first { ($0.start...$0.end).contains(v) }?.width }
        XCTAssertEqual(fixture(0x4E2D), 2)  // 中
        XCTAssertEqual(fixture(0x33A1), 2)  // ㎡
        XCTAssertEqual(fixture(0x2014), 1)  // —
        XCTAssertEqual(fixture(0x0301), 0)  // combining acute
        XCTAssertNil(fixture(0x85))
    }

    func testAgreesWithWcwidthOnCJKAndFullWidthBlocks() {
        assertAgrees(Self.eastAsian)
    }

    func testAgreesWithWcwidthOnLatinPunctuationSymbolsAndBoxDrawing() {
        assertAgrees(Self.punctuationAndSymbols)
    }

    func testAgreesWithWcwidthOnEmoji() {
        assertAgrees(Self.emoji)
    }

    func testAgreesWithWcwidthEverywhereElse() {
        assertAgrees(nil, excluding: Self.eastAsian + Self.punctuationAndSymbols + Self.emoji)
    }

    /// A documented difference that no longer differs should be taken out of the fixture.
    func testDocumentedDifferencesStillDiffer() {
        for d in WcwidthFixture.documentedDifferences {
            var differs = false
            for run in WcwidthFixture.runs where run.end >= d.start && run.start <= d.end {
                for v in max(run.start, d.start)...min(run.end, d.end) {
                    if let u = Unicode.Scalar(v), DisplayWidth.of(u) != run.width { differs = true }
                }
            }
            XCTAssertTrue(differs, "U+\(String(d.start, radix: 16))..U+\(String(d.end, radix: 16)) (\(d.reason)) now agrees: remove it")
        }
    }

    // MARK: spot checks

    func testWidthsOfTheSheetsText() {
        XCTAssertEqual(DisplayWidth.of("中文"), 4)
        XCTAssertEqual(DisplayWidth.of("5577.04"), 7)
        XCTAssertEqual(DisplayWidth.of("≥95%"), 4)
        XCTAssertEqual(DisplayWidth.of("㎡"), 2)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
        XCTAssertEqual(DisplayWidth.of("\u{3000}"), 2)
        XCTAssertEqual(DisplayWidth.of(""), 0)
        XCTAssertEqual(DisplayWidth.of("项目支出绩效自评表"), 18)
        XCTAssertEqual(DisplayWidth.of("（续）"), 6)
        XCTAssertEqual(DisplayWidth.of("，。、；：！？"), 14)
        XCTAssertEqual(DisplayWidth.of("ＡＢ１２"), 8)  // full-width forms
        XCTAssertEqual(DisplayWidth.of("ｱｲ"), 2)  // half-width katakana
        XCTAssertEqual(DisplayWidth.of("—…≥≤×"), 5)  // East-Asian-Ambiguous: narrow
        XCTAssertEqual(DisplayWidth.of("─│┌┐└┘├┤┬┴┼"), 11)  // box drawing: narrow
        XCTAssertEqual(DisplayWidth.of("第 1 页 / 共 3 页"), 17)
        XCTAssertEqual(DisplayWidth.of("😀"), 2)
        XCTAssertEqual(DisplayWidth.of("𠀀"), 2)  // CJK extension B
        XCTAssertEqual(DisplayWidth.of("a\u{200B}b"), 2)  // zero width space
        XCTAssertEqual(DisplayWidth.of("\u{AD}"), 1)  // soft hyphen is printed
        XCTAssertEqual(DisplayWidth.of("\t\n"), 0)
    }

    func testCharacterAndScalarAgreeWithString() {
        for c: Character in ["中", "e\u{301}", "㎡", "a", "—", "\u{3000}", "🇨🇳"] {
            XCTAssertEqual(DisplayWidth.of(c), DisplayWidth.of(String(c)), "\(c)")
            XCTAssertEqual(DisplayWidth.of(c), c.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) }, "\(c)")
        }
    }

    func testPadLeftRightCenterWithChinese() {
        XCTAssertEqual(DisplayWidth.pad("中文", to: 8, align: .left), "中文    ")
        XCTAssertEqual(DisplayWidth.pad("中文", to: 8, align: .right), "    中文")
        XCTAssertEqual(DisplayWidth.pad("中文", to: 8, align: .center), "  中文  ")
        XCTAssertEqual(DisplayWidth.pad("中文", to: 7, align: .center), " 中文  ")  // the odd space goes right
        XCTAssertEqual(DisplayWidth.pad("合计5577.04", to: 14, align: .right), "   合计5577.04")
        XCTAssertEqual(DisplayWidth.pad("㎡", to: 3, align: .left), "㎡ ")
        for s in ["中文", "a中b", "≥95%", "e\u{301}x", ""] {
            for w in 0...12 {
                for a in [DisplayWidth.Alignment.left, .right, .center] {
                    let p = DisplayWidth.pad(s, to: w, align: a)
                    XCTAssertEqual(DisplayWidth.of(p), max(w, DisplayWidth.of(s)), "\(s) \(w) \(a)")
                    XCTAssertEqual(p.trimmingCharacters(in: .whitespaces), s, "\(s) \(w) \(a)")
                }
            }
        }
        // Too long: returned whole, never cut.
        XCTAssertEqual(DisplayWidth.pad("中文字", to: 4, align: .left), "中文字")
    }
}

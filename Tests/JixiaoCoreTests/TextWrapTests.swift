import XCTest
@testable import JixiaoCore

/// A deterministic random number generator (SplitMix64), so that every run tests the same cases.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// TextWrap.wrap: widths, unbreakable numbers, 避头尾, indents, explicit line breaks, and that
/// nothing but spaces is ever lost or reordered.
final class TextWrapTests: XCTestCase {
    // Arrays, not sets: a set's order, and so randomElement(), changes from run to run.
    static let closingMarks: [Character] = ["，", "。", "、", "；", "：", "！", "？", "）", "》", "」", "』", "”"]
    static let openingMarks: [Character] = ["（", "《", "「"]
    static let closing = Set(closingMarks)
    static let opening = Set(openingMarks)
    /// Every mark the wrapper keeps with the character before or after it (its own lists).
    static let allClosing = closing.union(["’", "％", "…", ",", ".", ";", ":", "!", "?", ")", "]", "%"])
    static let allOpening = opening.union(["『", "“", "‘", "(", "["])

    // MARK: the random texts

    /// A random text as the sheets have them, and where its numbers are (character offsets).
    struct Sample {
        var text: [Character]
        var numbers: [Range<Int>]
        var string: String { String(text) }
    }

    static let hanzi = Array("绩效目标完成情况预算执行率资金到位项目单位年度满意度指标产出效益成本数量质量时效社会经济生态可持续影响服务对象")
    static let latin = ["PPP", "GDP", "budget", "rate", "KPI", "ok", "a", "internationalization", "x86", "e\u{301}te"]
    static let numbers = ["5577.04", "450329210000000104678", "95", "2000", "0.5", "12345.67", "100", "432.24", "3"]

    static func sample(_ g: inout SeededGenerator) -> Sample {
        var s = Sample(text: [], numbers: [])
        enum Last { case start, space, hanzi, latin, number, closing, opening }
        var last = Last.start
        if Int.random(in: 0..<5, using: &g) == 0 {
            s.text += Array(repeating: " ", count: [2, 4, 6].randomElement(using: &g)!)
            last = .space
        }
        let pieces = Int.random(in: 1...30, using: &g)
        for _ in 0..<pieces {
            switch Int.random(in: 0..<100, using: &g) {
            case 0..<40:  // Chinese, one to six characters
                for _ in 0..<Int.random(in: 1...6, using: &g) { s.text.append(hanzi.randomElement(using: &g)!) }
                last = .hanzi
            case 40..<55:  // a Latin word: never straight after a number or another word
                if last == .latin || last == .number || last == .closing { s.text.append(" ") }
                s.text += Array(latin.randomElement(using: &g)!)
                last = .latin
            case 55..<70:  // a number
                if last == .latin || last == .number || last == .closing { s.text.append(" ") }
                let n = Array(numbers.randomElement(using: &g)!)
                s.numbers.append(s.text.count..<(s.text.count + n.count))
                s.text += n
                last = .number
                if Int.random(in: 0..<3, using: &g) == 0 { s.text.append("%"); last = .closing }
            case 70..<82:  // spaces
                if last != .opening {
                    s.text += Array(repeating: " ", count: Int.random(in: 1...2, using: &g))
                    last = .space
                }
            case 82..<92:  // closing marks, straight after what they close
                if last == .hanzi || last == .latin || last == .number || last == .closing {
                    for _ in 0..<Int.random(in: 1...2, using: &g) { s.text.append(closingMarks.randomElement(using: &g)!) }
                    last = .closing
                }
            case 92..<97:  // an opening mark, straight before what it opens
                if last == .latin || last == .number { s.text.append(" ") }
                s.text.append(openingMarks.randomElement(using: &g)!)
                s.text.append(hanzi.randomElement(using: &g)!)
                last = .hanzi
            default:
                if last != .opening {
                    s.text.append("\n")
                    last = .space
                }
            }
        }
        return s
    }

    static func cases() -> [(Sample, Int)] {
        var g = SeededGenerator(seed: 20_240_601)
        return (0..<2000).map { _ in (sample(&g), Int.random(in: 2...40, using: &g)) }
    }

    /// The indent wrap() keeps: the leading spaces, when there is room for them.
    static func indent(_ s: String, width: Int) -> Int {
        let k = s.prefix { $0 == " " }.count
        return k > 0 && k + 2 <= width ? k : 0
    }

    /// For each input character, the output line it went to (nil: a space the wrapper dropped);
    /// nil overall when the output is not the input less some spaces.
    static func placement(of input: [Character], in lines: [String], indent: Int) -> [Int?]? {
        var out = [Int?](repeating: nil, count: input.count)
        var i = 0
        for (n, line) in lines.enumerated() {
            // The indent is repeated on continuation lines: those spaces are not in the input.
            let body = n > 0 && indent > 0 ? Array(line.dropFirst(indent)) : Array(line)
            if n > 0 && indent > 0 && !line.hasPrefix(String(repeating: " ", count: indent)) { return nil }
            for c in body {
                while i < input.count && input[i] != c && (input[i] == " " || input[i] == "\n") { i += 1 }
                guard i < input.count, input[i] == c else { return nil }
                out[i] = n
                i += 1
            }
        }
        while i < input.count {
            guard input[i] == " " || input[i] == "\n" else { return nil }
            i += 1
        }
        return out
    }

    /// Runs `check` on every case and fails once, with the count and the first few failures.
    private func forEachCase(_ what: String, file: StaticString = #filePath, line: UInt = #line,
                             _ check: (Sample, Int, [String]) -> String?) {
        var failures = [String]()
        for (s, width) in Self.cases() {
            let lines = TextWrap.wrap(s.string, width: width)
            if let why = check(s, width, lines) {
                failures.append("width \(width): \(s.string.debugDescription)\n    → \(lines.debugDescription)\n    \(why)")
            }
        }
        XCTAssertTrue(failures.isEmpty, "\(what): \(failures.count) of 2000 cases fail, e.g.\n" + failures.prefix(6).joined(separator: "\n"),
                      file: file, line: line)
    }

    // MARK: properties over random texts

    func testRandomTextsEveryLineFitsTheWidth() {
        forEachCase("line wider than the width") { _, width, lines in
            lines.first { DisplayWidth.of($0) > width }.map { "“\($0)” is \(DisplayWidth.of($0)) wide" }
        }
    }

    func testRandomTextsOutputIsTheInputLessSomeSpaces() {
        forEachCase("output is not the input less spaces") { s, width, lines in
            Self.placement(of: s.text, in: lines, indent: Self.indent(s.string, width: width)) == nil ? "characters lost, added or reordered" : nil
        }
    }

    func testRandomTextsNumbersThatFitAreNeverSplit() {
        forEachCase("number split although it fits") { s, width, lines in
            let indent = Self.indent(s.string, width: width)
            guard let place = Self.placement(of: s.text, in: lines, indent: indent) else { return nil }  // reported above
            for r in s.numbers where r.count <= width - indent {
                if Set(r.map { place[$0] }).count > 1 { return "“\(String(s.text[r]))” split" }
            }
            return nil
        }
    }

    /// A closing mark may start a line only when it cannot be kept with what it closes: the
    /// Chinese character, or the whole Latin word or number, before it, with its opening marks
    /// and the closing marks that follow (“（标）。”, “5577.04%，”), is wider than the line. With one
    /// full-width mark after a Chinese character that is never the case from width 4 up.
    func testRandomTextsNoLineStartsWithAClosingMark() {
        forEachCase("line starts with a closing mark") { s, width, lines in
            let indent = Self.indent(s.string, width: width)
            guard let place = Self.placement(of: s.text, in: lines, indent: indent) else { return nil }
            for n in lines.indices.dropFirst() {
                guard let i = place.firstIndex(where: { $0 == n }), Self.closing.contains(s.text[i]) else { continue }
                var b = i
                while b > 0 && Self.allClosing.contains(s.text[b]) { b -= 1 }
                var e = i
                while e + 1 < s.text.count && Self.allClosing.contains(s.text[e + 1]) { e += 1 }
                guard !Self.allClosing.contains(s.text[b]), s.text[b] != " ", s.text[b] != "\n" else { continue }
                if DisplayWidth.of(s.text[b]) < 2 {  // a Latin word or a number ("5577.04"): all of it
                    while b > 0 && !" \n".contains(s.text[b - 1]) && DisplayWidth.of(s.text[b - 1]) < 2
                        && !Self.allOpening.contains(s.text[b - 1]) { b -= 1 }
                }
                while b > 0 && Self.allOpening.contains(s.text[b - 1]) { b -= 1 }  // and its opening marks
                let cluster = String(s.text[b...e])
                if DisplayWidth.of(cluster) <= width - indent { return "line “\(lines[n])”, though “\(cluster)” fits" }
            }
            return nil
        }
    }

    /// An opening mark may end a line only when it and the character after it are together
    /// wider than the line.
    func testRandomTextsNoLineEndsWithAnOpeningMark() {
        forEachCase("line ends with an opening mark") { s, width, lines in
            let indent = Self.indent(s.string, width: width)
            guard let place = Self.placement(of: s.text, in: lines, indent: indent) else { return nil }
            for n in lines.indices {
                guard let i = place.lastIndex(where: { $0 == n }), Self.opening.contains(s.text[i]) else { continue }
                var b = i
                while b > 0 && Self.allOpening.contains(s.text[b - 1]) { b -= 1 }
                var e = i
                while e + 1 < s.text.count && Self.allOpening.contains(s.text[e]) { e += 1 }
                let cluster = String(s.text[b...e])
                if DisplayWidth.of(cluster) <= width - indent { return "line “\(lines[n])”, though “\(cluster)” fits" }
            }
            return nil
        }
    }

    func testRandomTextsKeepTheirIndentOnEveryLine() {
        forEachCase("indent lost") { s, width, lines in
            let k = Self.indent(s.string, width: width)
            guard k > 0 else { return nil }
            let pad = String(repeating: " ", count: k)
            return lines.first { !$0.hasPrefix(pad) }.map { "line “\($0)” lost the \(k)-space indent" }
        }
    }

    func testRandomTextsBreakAtEveryNewline() {
        forEachCase("explicit newline not kept") { s, width, lines in
            guard Self.indent(s.string, width: width) == 0, s.text.first != " " else { return nil }
            // Spaces at the start of a later line are not an indent: the wrapper drops them.
            let parts = s.string.split(separator: "\n", omittingEmptySubsequences: false)
            let separately = parts.flatMap { TextWrap.wrap(String($0.drop { $0 == " " }), width: width) }
            return separately == lines ? nil : "wrapping the lines one by one gives \(separately.debugDescription)"
        }
    }

    // MARK: examples

    func testShortTextIsOneLine() {
        XCTAssertEqual(TextWrap.wrap("", width: 10), [""])
        XCTAssertEqual(TextWrap.wrap("预算执行率", width: 10), ["预算执行率"])
        XCTAssertEqual(TextWrap.wrap("≥95%", width: 4), ["≥95%"])
    }

    func testChineseBreaksBetweenAnyTwoCharacters() {
        XCTAssertEqual(TextWrap.wrap("中文中文中文", width: 4), ["中文", "中文", "中文"])
        XCTAssertEqual(TextWrap.wrap("中文中文中文", width: 5), ["中文", "中文", "中文"])
        XCTAssertEqual(TextWrap.wrap("资金到位率", width: 6), ["资金到", "位率"])
    }

    func testLatinBreaksAtSpaces() {
        XCTAssertEqual(TextWrap.wrap("budget execution rate", width: 10), ["budget", "execution", "rate"])
        XCTAssertEqual(TextWrap.wrap("a b c", width: 3), ["a b", "c"])
    }

    func testNumbersStayWhole() {
        XCTAssertEqual(TextWrap.wrap("合计5577.04元", width: 8), ["合计", "5577.04", "元"])
        XCTAssertEqual(TextWrap.wrap("编码450329210000000104678", width: 22), ["编码", "450329210000000104678"])
        XCTAssertEqual(TextWrap.wrap("目标≥2000人", width: 6), ["目标", "≥2000", "人"])
        XCTAssertEqual(TextWrap.longestWord("合计5577.04元"), 7)
        XCTAssertEqual(TextWrap.longestWord("450329210000000104678"), 21)
    }

    /// A number that fits the line is not cut because a mark attached to it (“%”, “，”, “、”
    /// and the number after it) makes the unbreakable piece wider than the line.
    func testNumberWithAttachedMarksIsNotSplit() {
        for (text, width, number) in [("项续 5577.04%", 7, "5577.04"),
                                      ("编码450329210000000104678，", 22, "450329210000000104678"),
                                      ("分别为5577.04、3000.00", 12, "5577.04"),
                                      ("分别为5577.04、3000.00", 12, "3000.00"),
                                      ("（5577.04）", 8, "5577.04")] {
            let lines = TextWrap.wrap(text, width: width)
            XCTAssertTrue(lines.contains { $0.contains(number) }, "\(text) at width \(width): \(number) split in \(lines)")
        }
    }

    /// An opening mark is not left at the end of a line when the piece it opens is cut.
    func testOpeningMarkNotLeftAtTheEndWhenAWordIsCut() {
        let lines = TextWrap.wrap("说明《表》。", width: 6)
        XCTAssertFalse(lines.contains { $0.hasSuffix("《") }, "\(lines)")
    }

    func testAWordWiderThanTheLineIsCut() {
        let lines = TextWrap.wrap("450329210000000104678", width: 10)
        XCTAssertEqual(lines, ["4503292100", "0000010467", "8"])
    }

    func testClosingMarksStayWithTheCharacterBefore() {
        XCTAssertEqual(TextWrap.wrap("完成目标。", width: 8), ["完成目", "标。"])
        XCTAssertEqual(TextWrap.wrap("项目（一）完成", width: 10), ["项目（一）", "完成"])
        XCTAssertEqual(TextWrap.wrap("绩效，质量。", width: 4), ["绩", "效，", "质", "量。"])
        XCTAssertEqual(TextWrap.wrap("完成目标）。", width: 6), ["完成目", "标）。"])
        XCTAssertEqual(TextWrap.wrap("比率≥95%，完成", width: 6), ["比率", "≥95%，", "完成"])
    }

    func testOpeningMarksStayWithTheCharacterAfter() {
        XCTAssertEqual(TextWrap.wrap("详见《说明》", width: 8), ["详见《说", "明》"])
        XCTAssertEqual(TextWrap.wrap("资金（万元）", width: 6), ["资金", "（万", "元）"])  // not "资金（"
        XCTAssertEqual(TextWrap.wrap("目标「优」", width: 6), ["目标", "「优」"])
    }

    func testIndentIsKeptOnEveryLine() {
        let lines = TextWrap.wrap("  其中：基本支出人员经费", width: 10)
        XCTAssertEqual(lines, ["  其中：基", "  本支出人", "  员经费"])
        // No room for the indent: dropped rather than overflowing.
        XCTAssertEqual(TextWrap.wrap("  中文", width: 3), ["中", "文"])
    }

    func testExplicitNewlinesStartNewLines() {
        XCTAssertEqual(TextWrap.wrap("第一行\n第二行", width: 40), ["第一行", "第二行"])
        XCTAssertEqual(TextWrap.wrap("a\n\nb", width: 40), ["a", "", "b"])
        XCTAssertEqual(TextWrap.wrap("a\r\nb", width: 40), ["a", "b"])
        XCTAssertEqual(TextWrap.wrap("a\n", width: 40), ["a", ""])
    }

    func testSpacesAreNotMultipliedOrMoved() {
        XCTAssertEqual(TextWrap.wrap("a  b", width: 40), ["a b"])  // runs of spaces collapse
        XCTAssertEqual(TextWrap.wrap("abc def", width: 3), ["abc", "def"])
    }

    /// The sheets separate 单位名称 and 年度 with two ideographic spaces (SheetLayout): on one
    /// line they should come out as they went in.
    func testIdeographicSpacesArePrinted() {
        let text = "单位名称：遂宁市财政局　　年度：2024"
        XCTAssertEqual(TextWrap.wrap(text, width: 100), [text])
    }
}

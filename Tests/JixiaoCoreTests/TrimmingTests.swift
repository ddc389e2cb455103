import Foundation
import XCTest
@testable import JixiaoCore

/// The program's own trimming against Foundation's, which it replaces: the same blanks, and
/// the same result on texts made to trip a trim up.
final class TrimmingTests: XCTestCase {
    func testTheBlanksAreFoundationsOverEveryScalar() {
        var differing = [String]()
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if u.isTrimmedWhitespace != CharacterSet.whitespaces.contains(u)
                || (u.isTrimmedWhitespace || u.isTrimmedNewline) != CharacterSet.whitespacesAndNewlines.contains(u) {
                differing.append("U+" + String(v, radix: 16, uppercase: true))
            }
        }
        XCTAssertEqual(differing, [])
    }

    static let tricky: [String] = [
        "", " ", "\t", "\n", "\r\n", " \r\n ", "abc", " abc ", "\u{3000}绥宁县\u{3000}", "\u{3000}\u{3000}",
        "\u{00A0}5577.04\u{00A0}", "\u{200B}x\u{200B}", "\u{FEFF}x\u{FEFF}", "\u{2028}x\u{2029}", "\u{85}x\u{85}",
        "\u{1680}\u{2000}\u{200A}x\u{202F}\u{205F}", "\u{180E}x\u{180E}", "\u{000B}\u{000C}x\u{000D}",
        " \u{301}abc \u{301}", "e\u{301} ", " e\u{301}", "\u{600} x", "x \u{600}", "🇨🇳 ", " 👍🏽", "a\u{200D} ",
        "多行\n文字\n", "\n\n 中 间 \n\n", " \t\u{3000}\r\n", "x\r", "\rx", "\u{3000}a\u{3000}b\u{3000}",
        "\u{D7FF} ", "\u{10FFFF}\t",
    ]

    func testTrimmingMatchesFoundation() {
        for s in Self.tricky {
            XCTAssertEqual(s.trimmingWhitespace(), s.trimmingCharacters(in: .whitespaces), s.debugDescription)
            XCTAssertEqual(s.trimmingWhitespaceAndNewlines(), s.trimmingCharacters(in: .whitespacesAndNewlines), s.debugDescription)
            XCTAssertEqual(s.trimmingWhitespace().unicodeScalars.count, s.trimmingCharacters(in: .whitespaces).unicodeScalars.count)
            let sub = Substring(s)
            XCTAssertEqual(sub.trimmingWhitespace(), sub.trimmingCharacters(in: .whitespaces), s.debugDescription)
            // Blank is what trims to nothing, asked without trimming.
            XCTAssertEqual(s.isBlank, s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, s.debugDescription)
            XCTAssertEqual(s.isBlankOnOneLine, s.trimmingCharacters(in: .whitespaces).isEmpty, s.debugDescription)
        }
    }

    func testTypedInputLosesTheFullWidthSpace() {
        XCTAssertEqual(InputParser.trim("\u{3000} 5577.04\u{3000}\n", keepInnerLines: false), "5577.04")
        XCTAssertEqual(InputParser.trim(" 一\n二 ", keepInnerLines: true), "一\n二")
        XCTAssertEqual(InputParser.trim(" 一\r\n二 ", keepInnerLines: false), "一 二")
    }
}

import Foundation
import XCTest
@testable import JixiaoCore

/// Code patterns with Swift's Regex against ICU's NSRegularExpression, which they replace, on
/// the kinds of patterns templates are written with. Where the two differ is listed in
/// CodePattern's comment, and left out here.
final class CodePatternTests: XCTestCase {
    static let patterns = [
        "^[0-9]{21}$", "[0-9]{21}", "^\\d{21}$", "^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$", "^\\d{17}[\\dXx]$",
        "^1[3-9]\\d{9}$", "^\\d{6}$", "^(\\d{4})-(\\d{2})-(\\d{2})$", "^[A-Z]{2,4}-?\\d+$", "^(?:[0-9]{3}|[A-Z]{3})$", "[a-z]+",
        "^\\S+$", "^\\s*$", "^.{1,10}$", "^[\\u4e00-\\u9fa5]+$", "^\\p{Han}{2,}$", "^[^\\s]+$", "^(?i)[a-f0-9]{8}$",
        "^\\d+(\\.\\d{1,2})?$", "^[A-Za-z0-9_]+$", "^\\D+$", "^[[:digit:]]+$", "^a|b$", "A|AB", "^$", "x*", "^[0-9]{3}\\z",
        "^[0-9]{3}$", "\\bX\\b",
    ]

    static let values = [
        "012345678901234567890", "01234567890123456789", "012345678901234567890\n", "91430000MA4L0XXX1A", "91430000MA4L0XXX1",
        "43052219800101123X", "13812345678", "421600", "2025-03-17", "ABC-123", "ABC", "AB", "123", "abc", "", " ", "\n",
        "中文", "绥宁县", "a b", "１２３", "ＡＢＣ", "é", "e\u{301}", "deadbeef", "DEADBEEF", "12.5", "12.345", "a-b_c", "X",
        " X ", "a\nb", "123\n", "b", "a", "🇨🇳", "👍🏽", "\u{3000}", "٣٤٥", "x\r\n", "123\r\n",
    ]

    func testMatchesLikeICU() {
        for p in Self.patterns {
            XCTAssertTrue(CodePattern.isValid(p), p)
            for v in Self.values {
                let icu = v.range(of: p, options: .regularExpression) == v.startIndex..<v.endIndex
                XCTAssertEqual(CodePattern.matchesWhole(v, p), icu, "\(p) on \(v.debugDescription)")
            }
        }
    }

    func testValidLikeICU() {
        for p in Self.patterns + ["[", "(", "a{2,1}", "\\", "(?<n>a)", "[[a-z]--[aeiou]]", "\\Q.\\E", "a++", "(?=a)", "*a",
                                  "a**", "[]", "\\p{Foo}", "(?x) a b", "\\x{110000}", "\\N{LATIN SMALL LETTER A}", "(a)\\1"] {
            XCTAssertEqual(CodePattern.isValid(p), (try? NSRegularExpression(pattern: p)) != nil, p)
        }
    }

    func testAProjectCodeIsTwentyOneDigits() {
        XCTAssertTrue(CodePattern.matchesWhole("430522240000000000001", "^[0-9]{21}$"))
        XCTAssertFalse(CodePattern.matchesWhole("43052224000000000000", "^[0-9]{21}$"))
        XCTAssertFalse(CodePattern.matchesWhole("430522240000000000001\n", "^[0-9]{21}$"))
        XCTAssertFalse(CodePattern.matchesWhole("４３０５２２２４００００００００００００１", "^[0-9]{21}$"))
        XCTAssertFalse(CodePattern.matchesWhole("anything", "("))
    }
}

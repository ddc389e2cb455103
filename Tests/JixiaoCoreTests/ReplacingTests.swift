import Foundation
import XCTest
@testable import JixiaoCore

/// The standard library's `replacing(_:with:)` and the program's `replacingScalar` against
/// Foundation's `replacingOccurrences(of:with:)`, which they replace, for every target the
/// program replaces, in texts made to trip a search up.
final class ReplacingTests: XCTestCase {
    static let targets = ["\r\n", "~", "/", "%", "\"", "|", ",", "+", "年", "月", "日", " ", ".", "{year}", "{prevYear}",
                          "指标", "上年", "本年"]

    static let hosts: [String] = [
        "", "{year}年度部门整体支出绩效自评表", "{prevYear}年决算数", "上年结转 本年收入", "产出指标", "效益指标指标",
        "2025年3月17日", "2025/3/17", "2025.3.17", " 2025 年 3 月 ", "5,577.04", "+1e+3", "a~b/c", "~0~1//~~",
        "/home/用户/绩效 2024/s.json", "100%", "\"引号\"\"", "a|b||", "\u{3000}上年\u{3000}", "年年年",
        "e\u{301}~\u{301}/\u{301}年\u{301}", "🇨🇳/👍🏽|👨‍👩‍👧", "\u{F98E}", "一\r\n二\r\n", "\r\r\n\n",
        "多行\n文字", "ｆｕｌｌ／ｗｉｄｔｈ，", "{year", "year}", "{{year}}",
    ]

    func testReplacingMatchesFoundation() {
        for t in Self.targets {
            for h in Self.hosts {
                XCTAssertEqual(h.replacing(t, with: "#"), h.replacingOccurrences(of: t, with: "#"), "\(t.debugDescription) in \(h.debugDescription)")
            }
        }
    }

    /// Labels are resolved by bytes; the result must be Foundation's, for every target and
    /// host, combining marks, compatibility ideographs and half-matches ("{{year}}") included.
    func testLiteralReplacingMatchesFoundation() {
        for t in Self.targets {
            for h in Self.hosts {
                XCTAssertEqual(h.replacingLiteral(t, with: "#"), h.replacingOccurrences(of: t, with: "#"), "\(t.debugDescription) in \(h.debugDescription)")
                XCTAssertEqual(h.replacingLiteral(t, with: ""), h.replacingOccurrences(of: t, with: ""), "\(t.debugDescription) in \(h.debugDescription)")
            }
        }
        XCTAssertEqual("{year}年{prevYear}".replacingLiteral("", with: "#"), "{year}年{prevYear}")
    }

    /// Replacing "\n" by Characters would leave a "\r\n" whole; Foundation replaced the "\n" in it.
    func testLineFeedsAreReplacedInsideWindowsLineBreaks() {
        for h in Self.hosts + ["a\r\nb", "\r\n", "\n\n", "x\r", "\n一\n"] {
            XCTAssertEqual(h.replacingScalar("\n", with: "<br>"), h.replacingOccurrences(of: "\n", with: "<br>"), h.debugDescription)
            XCTAssertEqual(Substring(h).replacingScalar("\n", with: " "), h.replacingOccurrences(of: "\n", with: " "), h.debugDescription)
        }
        XCTAssertEqual("a\r\nb".replacingScalar("\n", with: " "), "a\r b")
    }

    /// A journal's file name is the sheet's whole path, flattened: no "/" may be left in it, not
    /// even one a combining mark follows (which Foundation's search skipped).
    func testAJournalNameHoldsNoSlash() {
        let journal = RecoveryJournal(sheet: "/nonexistent-jixiao/\u{301}x/100%.json", environment: ["XDG_STATE_HOME": "/state"])
        XCTAssertEqual(journal.path, "/state/jixiao/recovery/%2Fnonexistent-jixiao%2F\u{301}x%2F100%25.json.json")
    }
}

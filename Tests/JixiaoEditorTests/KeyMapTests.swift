import Foundation
import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// One key map drives dispatch, the F1 help and the status hints; README's key table agrees.
final class KeyMapTests: XCTestCase {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")

    /// The rows of README's key table: the table after "Every key".
    static func readmeRows() throws -> [[String]] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let start = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Every key") }, "README has no key table")
        var rows = [[String]]()
        for line in lines[(start + 1)...] {
            if line.isEmpty && !rows.isEmpty { break }
            guard line.hasPrefix("|") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            rows.append(cells)
        }
        return Array(rows.dropFirst(2))  // the header and its rule
    }

    func testREADMEKeyTableIsTheKeyMap() throws {
        let want = HelpText.keys.map { [$0.key, $0.zh, $0.en] }
        let got = try Self.readmeRows()
        let table = want.map { "| \($0[0]) | \($0[1]) | \($0[2]) |" }.joined(separator: "\n")
        XCTAssertEqual(got, want, "README's key table differs from KeyMap; it should read:\n| key | 作用 | what it does |\n|---|---|---|\n\(table)")
    }

    /// Every binding is reachable: no earlier binding of its context takes its key first.
    func testEveryBindingReachesItsAction() {
        for e in KeyMap.entries {
            for (pattern, action) in e.bindings {
                let key: Key
                switch pattern {
                case .key(let k): key = k
                case .printable: key = .char("字")
                case .digit: key = .char("3")
                case .altDigit: key = .alt("3")
                }
                XCTAssertEqual(KeyMap.action(for: key, in: e.context), action, "\(e.label): \(key) in \(e.context)")
            }
        }
    }

    func testTheHelpAndTheStatusLineComeFromTheMap() throws {
        var e = try EditorHarness(example: "suining-2024.json", width: 132, height: 30)
        let hints = KeyMap.hints(readOnly: false)
        XCTAssertEqual(hints.first?.key, "F1")
        XCTAssertTrue(e.screen.contains("\(hints[0].key) \(hints[0].zh)  \(hints[1].key) \(hints[1].zh)"), e.screen)
        e.key(.function(1))
        for entry in KeyMap.entries.prefix(5) { XCTAssertTrue(e.screen.contains(entry.zh), entry.zh) }
        let r = try EditorHarness(example: "suining-2024.json", width: 132, height: 30, readOnly: true)
        XCTAssertTrue(r.screen.contains("n/p 下一个/上一个问题"), r.screen)
        XCTAssertFalse(r.screen.contains("Ctrl-S 保存"), r.screen)
    }
}

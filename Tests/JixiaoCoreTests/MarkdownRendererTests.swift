import XCTest
@testable import JixiaoCore

/// MarkdownRenderer: GitHub tables with alignment rows, escaped pipes, <br> for line breaks.
final class MarkdownRendererTests: XCTestCase {
    /// The cells of a table line, split at the pipes that are not escaped.
    static func cells(_ line: String) -> [String]? {
        guard line.hasPrefix("|"), line.hasSuffix("|") else { return nil }
        var out = [String]()
        var cur = ""
        var escaped = false
        for c in line.dropFirst() {
            if escaped { cur.append(c); escaped = false; continue }
            if c == "\\" { cur.append(c); escaped = true; continue }
            if c == "|" { out.append(cur.trimmingCharacters(in: .whitespaces)); cur = ""; continue }
            cur.append(c)
        }
        return out
    }

    /// Each table of the document as Markdown lines: the header row, the alignment row, the rows.
    static func tables(_ md: String) -> [[String]] {
        var out = [[String]]()
        var cur = [String]()
        for line in md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("|") { cur.append(line) } else if !cur.isEmpty { out.append(cur); cur = [] }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    func testExampleTablesHaveAnAlignmentRowWithRightAlignedNumbers() {
        for (name, doc) in PrintFixtures.documents {
            let md = MarkdownRenderer().render(doc)
            let printed = Self.tables(md)
            let tables = PrintFixtures.tables(doc)
            XCTAssertEqual(printed.count, tables.count, name)
            for (lines, t) in zip(printed, tables) {
                let what = "\(name) “\(t.title)”"
                XCTAssertEqual(lines.count, 2 + t.rows.count, what)
                guard lines.count >= 2 else { continue }
                XCTAssertEqual(Self.cells(lines[1]), t.columns.map { $0.align == .right ? "---:" : "---" }, what)
                for l in lines {
                    XCTAssertEqual(Self.cells(l)?.count, t.columns.count, "\(what): \(l)")
                }
                // A column of numbers is right-aligned (codes, long strings of digits, are not numbers).
                for (k, c) in t.columns.enumerated() {
                    let values = t.rows.map { $0.cells[k] }.filter { !$0.isEmpty }
                    if !values.isEmpty && values.allSatisfy({ Double($0) != nil && $0.count < 15 }) {
                        XCTAssertEqual(c.align, .right, "\(what): column “\(c.header)” holds numbers \(values.prefix(3))")
                    }
                }
            }
            XCTAssertTrue(md.contains("| --- | ---: | --- |"), "\(name): the 项目/数值/单位 tables")
        }
    }

    func testPipesAreEscapedAndLineBreaksBecomeBr() {
        let t = PrintTable(title: "表", section: "栏目", columns: [PrintColumn("名称|别名"), PrintColumn("金额", align: .right)], rows: [
            PrintRow(["A|B", "5577.04"]),
            PrintRow(["第一行\n第二行", "1"]),
            PrintRow(["甲\r\n乙", "2"]),
            PrintRow(["a\\|b", "3"]),
        ])
        let md = MarkdownRenderer().render(PrintDocument(title: "标题", blocks: [.table(t)]))
        let lines = md.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("| 名称\\|别名 | 金额 |"), md)
        XCTAssertTrue(lines.contains("| --- | ---: |"), md)
        XCTAssertTrue(lines.contains("| A\\|B | 5577.04 |"), md)
        XCTAssertTrue(lines.contains("| 第一行<br>第二行 | 1 |"), md)
        XCTAssertTrue(lines.contains("| 甲<br>乙 | 2 |"), md)
        XCTAssertTrue(lines.contains("| a\\\\\\|b | 3 |"), md)  // the backslash escaped, then the pipe
        for l in Self.tables(md).flatMap({ $0 }) {
            XCTAssertEqual(Self.cells(l)?.count, 2, l)
        }
        XCTAssertFalse(md.contains("\r"))
    }

    func testMergedLabelsAreBlankAndTotalsBold() throws {
        let doc = try XCTUnwrap(PrintFixtures.documents.first { $0.name == "suining-2024" }?.doc)
        let md = MarkdownRenderer().render(doc)
        XCTAssertTrue(md.contains("| 产出指标（50分） | 数量指标 | 干部教育培训、党员教育培训 |"), md)
        XCTAssertTrue(md.contains("|  |  | 培训人次 |"), md)
        XCTAssertTrue(md.contains("| **合计** |"), md)
    }
}

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
            let tables = doc.sheets.flatMap { FlatTable.tables(of: $0) }
            XCTAssertEqual(printed.count, tables.count, name)
            for (lines, t) in zip(printed, tables) {
                let what = "\(name) “\(t.title)”"
                XCTAssertEqual(lines.count, 1 + t.rows.count, what)
                guard lines.count >= 2 else { continue }
                XCTAssertEqual(Self.cells(lines[1]), t.figureColumns.map { $0 ? "---:" : "---" }, what)
                for l in lines {
                    XCTAssertEqual(Self.cells(l)?.count, t.figureColumns.count, "\(what): \(l)")
                }
            }
            XCTAssertTrue(md.contains("---:"), "\(name): some column of figures")
            for sheet in doc.sheets { XCTAssertTrue(md.contains("## "), "\(name): \(sheet.title)") }
        }
    }

    func testPipesAreEscapedAndLineBreaksBecomeBr() {
        let doc = PrintFixtures.document(columns: 2, header: [0], [
            [("名称|别名", 1, 1), ("金额", 1, 1)],
            [("A|B", 1, 1), ("5577.04", 1, 1)],
            [("第一行\n第二行", 1, 1), ("1", 1, 1)],
            [("甲\r\n乙", 1, 1), ("2", 1, 1)],
            [("a\\|b", 1, 1), ("3", 1, 1)],
        ])
        let md = MarkdownRenderer().render(doc)
        let lines = md.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("| **名称\\|别名** | **金额** |") || lines.contains("| 名称\\|别名 | 金额 |"), md)
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

    /// A label that spans rows is printed on its first row only; the part's header row heads
    /// the table; the label down the part's first column is its title.
    func testMergedLabelsAreBlankBelowTheirFirstRow() throws {
        let doc = try XCTUnwrap(PrintFixtures.documents.first { $0.name == "suining-2024" }?.doc)
        let md = MarkdownRenderer().render(doc)
        XCTAssertTrue(md.contains("**绩效指标（90分）**"), md)
        XCTAssertTrue(md.contains("| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |"), md)
        XCTAssertTrue(md.contains("| 产出指标（50分） | 数量指标 | 干部教育培训、党员教育培训 |"), md)
        XCTAssertTrue(md.contains("|  |  | 培训人次 |"), md)
        XCTAssertTrue(md.contains("| 总分 | 100 | 91.00 | 等级：优秀 |"), md)
        XCTAssertTrue(md.contains("\n2.综合评价等级分为"), "a note's indent is not a code block")
    }
}

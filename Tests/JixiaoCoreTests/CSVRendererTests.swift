import XCTest
@testable import JixiaoCore

/// CSVRenderer: the byte order mark, RFC 4180 quoting (read back with a parser written here),
/// and the examples' rows with merged labels written out in full.
final class CSVRendererTests: XCTestCase {
    /// RFC 4180: records end with CRLF, fields are separated by commas, a quoted field may hold
    /// commas, line breaks and doubled quotes. Nil when the text is not valid CSV.
    static func parse(_ text: String) -> [[String]]? {
        var records = [[String]]()
        var record = [String]()
        var field = ""
        var chars = Array(text.unicodeScalars)[...]
        var quoted = false, wasQuoted = false
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append("\"") } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !wasQuoted else { return nil }  // a quote inside an unquoted field
                quoted = true
                wasQuoted = true
            case ",":
                record.append(field); field = ""; wasQuoted = false
            case "\r":
                guard chars.popFirst() == "\n" else { return nil }  // a bare CR
                record.append(field); field = ""; wasQuoted = false
                records.append(record); record = []
            case "\n":
                return nil  // a bare LF outside quotes
            default:
                if wasQuoted { return nil }  // text after the closing quote
                field.unicodeScalars.append(c)
            }
        }
        guard !quoted, field.isEmpty, record.isEmpty else { return nil }  // the last record ends with CRLF
        return records
    }

    /// What the CSV should hold: the document's cells, merged labels filled in.
    static func expectedRecords(_ doc: PrintDocument) -> [[String]] {
        var out = [["栏目", "表", doc.title]]
        var section = ""
        for block in doc.blocks {
            switch block {
            case .heading(let h): section = h
            case .paragraph(let p): out.append([section, "", p])
            case .table(let t):
                out.append(["栏目", "表"] + t.columns.map(\.header))
                var last = [String]()
                for r in t.rows {
                    let cells = r.cells.indices.map { k in r.continues[k] ? last[k] : r.cells[k] }
                    out.append([t.section, t.title] + cells)
                    last = cells
                }
            }
        }
        return out
    }

    func testStartsWithTheUTF8ByteOrderMark() {
        for (name, doc) in PrintFixtures.documents {
            let csv = CSVRenderer().render(doc)
            XCTAssertEqual(Array(csv.utf8.prefix(3)), [0xEF, 0xBB, 0xBF], name)
            XCTAssertEqual(csv.unicodeScalars.filter { $0 == "\u{FEFF}" }.count, 1, name)
        }
    }

    func testQuotingFollowsRFC4180() {
        XCTAssertEqual(CSVRenderer.quote("plain"), "plain")
        XCTAssertEqual(CSVRenderer.quote(""), "")
        XCTAssertEqual(CSVRenderer.quote("中文，全角逗号"), "中文，全角逗号")  // only the ASCII comma separates
        XCTAssertEqual(CSVRenderer.quote("5,577.04"), "\"5,577.04\"")
        XCTAssertEqual(CSVRenderer.quote("“三公”经费 \"quoted\""), "\"“三公”经费 \"\"quoted\"\"\"")
        XCTAssertEqual(CSVRenderer.quote("\""), "\"\"\"\"")
        XCTAssertEqual(CSVRenderer.quote("第一行\n第二行"), "\"第一行\n第二行\"")
        XCTAssertEqual(CSVRenderer.quote("a\rb"), "\"a\rb\"")
        // "\r\n" is one Character in Swift: it is neither "\r" nor "\n".
        XCTAssertEqual(CSVRenderer.quote("a\r\nb"), "\"a\r\nb\"")
        XCTAssertEqual(CSVRenderer.quote(" 前后空格 "), " 前后空格 ")
    }

    func testAwkwardCellsReadBackUnchanged() throws {
        let cells = ["a,b", "say \"hi\"", "第一行\n第二行", "\"", ",", "", "  缩进", "5577.04", "a\rb"]
        let t = PrintTable(title: "表,一", section: "栏\"目", columns: cells.map { PrintColumn($0) },
                           rows: [PrintRow(cells), PrintRow(cells.reversed())])
        let doc = PrintDocument(title: "标题,\"x\"", blocks: [.heading("栏\"目"), .paragraph("段落\n第二行"), .table(t)])
        let csv = CSVRenderer().render(doc)
        let records = try XCTUnwrap(Self.parse(String(csv.dropFirst())), "not RFC 4180:\n\(csv)")
        XCTAssertEqual(records, Self.expectedRecords(doc))
    }

    /// Text pasted from Windows keeps its CRLF line breaks: such a cell must be quoted too.
    func testCellWithCRLFReadsBackUnchanged() throws {
        let t = PrintTable(title: "表", section: "栏目", columns: [PrintColumn("说明"), PrintColumn("金额")],
                           rows: [PrintRow(["第一行\r\n第二行", "5577.04"])])
        let doc = PrintDocument(title: "标题", blocks: [.table(t)])
        let csv = CSVRenderer().render(doc)
        let records = try XCTUnwrap(Self.parse(String(csv.dropFirst())), "not RFC 4180:\n\(csv.debugDescription)")
        XCTAssertEqual(records, Self.expectedRecords(doc), csv.debugDescription)
    }

    func testExamplesReadBackAsTheirDocuments() throws {
        for (name, doc) in PrintFixtures.documents {
            let csv = CSVRenderer().render(doc)
            let records = try XCTUnwrap(Self.parse(String(csv.dropFirst())), "\(name) is not RFC 4180")
            XCTAssertEqual(records, Self.expectedRecords(doc), name)
        }
    }

    /// One row per indicator, the 一级 (and 二级) label on every one, not only the first of a group.
    func testSuiningHasOneRowPerIndicatorWithItsLabels() throws {
        let l = try Fixtures.load("suining-2024")
        let doc = try XCTUnwrap(PrintFixtures.documents.first { $0.name == "suining-2024" }?.doc)
        let records = try XCTUnwrap(Self.parse(String(CSVRenderer().render(doc).dropFirst())))
        let rows = records.filter { $0.count > 4 && $0[1] == "三级绩效指标" && !$0[4].isEmpty }
        let indicators = l.session.indicators
        XCTAssertEqual(indicators.count, 21)
        XCTAssertEqual(rows.count, indicators.count, rows.map { $0.joined(separator: ",") }.joined(separator: "\n"))
        for (r, ind) in zip(rows, indicators) {
            XCTAssertEqual(r.count, 2 + 8)
            XCTAssertTrue(r[2].hasPrefix(ind.level1) && !ind.level1.isEmpty, "一级 “\(r[2])” for \(ind.name)")
            XCTAssertEqual(r[3], ind.level2, ind.name)
            XCTAssertEqual(r[4], ind.name)
            XCTAssertEqual(r[5], ind.target, ind.name)
            XCTAssertEqual(r[6], ind.actual, ind.name)
        }
        XCTAssertEqual(Set(rows.map { $0[2] }), ["产出指标（50分）", "效益指标（30分）", "满意度指标（10分）"])
        // The 小计 rows carry their 一级 label too.
        let subtotals = records.filter { $0.count > 4 && $0[1] == "三级绩效指标" && $0[3] == "小计" }
        XCTAssertEqual(subtotals.map { $0[2] }, ["产出指标（50分）", "效益指标（30分）", "满意度指标（10分）"])
    }
}

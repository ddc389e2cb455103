import XCTest
@testable import JixiaoCore

/// CSVRenderer: the byte order mark, RFC 4180 quoting (read back with a parser written here),
/// the examples' rows with merged labels written out in full, and no formula let through.
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

    /// What the CSV should hold: the lines around each grid, and each part of it as a flat
    /// table whose cells that go on from the row above are written out again.
    static func expectedRecords(_ doc: PrintDocument) -> [[String]] {
        var out = [["表", "部分", doc.title]]
        for sheet in doc.sheets {
            for line in [sheet.caption, sheet.title] + sheet.above where !line.isEmpty { out.append([sheet.name, "", line]) }
            for t in FlatTable.tables(of: sheet) {
                for r in t.rows { out.append([t.sheet, t.title] + r.cells) }
            }
            for line in sheet.below { out.append([sheet.name, "", line]) }
        }
        for p in doc.problems { out.append([doc.problemsHeading, "", p]) }
        return out
    }

    /// A document of one part: a header row of `cells` and a row of them reversed.
    static func awkward(_ cells: [String], title: String) -> PrintDocument {
        var doc = PrintFixtures.document(columns: cells.count, header: [0], [cells.map { ($0, 1, 1) }, cells.reversed().map { ($0, 1, 1) }])
        doc.title = title
        doc.sheets[0].name = "表,一"
        doc.sheets[0].below = ["段落\n第二行"]
        return doc
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
        let doc = Self.awkward(cells, title: "标题,\"x\"")
        let csv = CSVRenderer().render(doc)
        let records = try XCTUnwrap(Self.parse(String(csv.dropFirst())), "not RFC 4180:\n\(csv)")
        XCTAssertEqual(records, Self.expectedRecords(doc))
        XCTAssertTrue(records.contains(["表,一", ""] + cells), records.description)
    }

    /// Text pasted from Windows keeps its CRLF line breaks: such a cell must be quoted too.
    func testCellWithCRLFReadsBackUnchanged() throws {
        let doc = Self.awkward(["第一行\r\n第二行", "5577.04"], title: "标题")
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
        let part = try XCTUnwrap(records.first { $0.count > 3 && $0[2] == "一级指标" }?[1], "the indicator part")
        XCTAssertEqual(part, "绩效指标（90分）")
        let rows = records.filter { $0.count > 4 && $0[1] == part && $0[2] != "一级指标" }
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
            XCTAssertEqual(r[7], ind.weight, ind.name)
            XCTAssertEqual(r[8], ind.score, ind.name)
        }
        XCTAssertEqual(Set(rows.map { $0[2] }), ["产出指标（50分）", "效益指标（30分）", "满意度指标（10分）"])
        // The fund block: its header and figures in one table, under the label that spans it.
        let fund = records.filter { $0.count > 2 && $0[1] == "年度预算申请（万元）" }
        XCTAssertEqual(Array(fund.first?.dropFirst(3).prefix(6) ?? []), ["年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"])
        XCTAssertEqual(Array(fund.dropFirst().first?.dropFirst(2) ?? []), ["年度资金总额", "1541.21", "5577.04", "5576.04", "10", "99.98%", "10.00"])
    }

    // MARK: formulas

    /// OWASP's CSV injection rule: a text cell starting with = + - @, tab or CR gets a leading
    /// apostrophe; a figure is left a number, decided by what the cell is.
    func testTextThatASpreadsheetWouldEvaluateGetsAnApostrophe() throws {
        let texts = ["=1+1", "+1", "-x", "@SUM(1+1)*cmd|' /C calc'!A0", "\tx", "\rx", "-5", "=HYPERLINK(\"http://x\")"]
        let harmless = ["", "x=1", " =1", "＝1", "—", "培训人次", "'quoted", "5577.04"]
        let figures = ["-5", "-1,234.50", "-0.01", "+3", "-12.5%", "0", "5577.04"]
        var rows = [[PrintCell]]()
        func row(_ a: String, _ b: String, figure: Bool) {
            let r = rows.count
            rows.append([PrintCell(row: r, column: 0, text: a),
                         PrintCell(row: r, column: 1, text: b, figure: figure ? PrintFigure(value: 1, decimals: 0) : nil)])
        }
        for t in texts + harmless { row(t, "1", figure: true) }
        for f in figures { row("x", f, figure: true) }
        // Marked as a figure by mistake, a formula is still neutralised.
        row("x", "-1+1", figure: true)
        row("x", "=1", figure: true)
        let grid = PrintGrid(columns: [FormColumn(), FormColumn()], rows: rows.map { _ in PrintGridRow(part: 0) },
                             cells: rows.flatMap { $0 }, parts: [PrintPart(title: "@部分", rows: 0..<rows.count)])
        let doc = PrintDocument(title: "=标题", sheets: [PrintSheet(name: "表", title: "-标题", below: ["-段落"], grid: grid)])
        let csv = CSVRenderer().render(doc)
        let records = try XCTUnwrap(Self.parse(String(csv.dropFirst())), csv.debugDescription)
        let body = records.filter { $0.count == 4 && $0[0] == "表" && $0[1] == "'@部分" }
        XCTAssertEqual(body.map { $0[2] }, texts.map { "'" + $0 } + harmless + figures.map { _ in "x" } + ["x", "x"])
        XCTAssertEqual(body.map { $0[3] }, Array(repeating: "1", count: texts.count + harmless.count) + figures + ["'-1+1", "'=1"])
        XCTAssertEqual(records[0][2], "'=标题")
        XCTAssertTrue(records.contains(["表", "", "'-标题"]), records.description)
        XCTAssertTrue(records.contains(["表", "", "'-段落"]), records.description)
    }

    /// The issue's case on a real sheet: a project named like a formula, a remark of "-5"
    /// typed as text, and a budget cut of -1,234.50 (a signed amount) that must stay a number.
    func testAFormulaNamedProjectIsTextAndANegativeAmountStaysANumber() throws {
        let l = try Fixtures.load("ziyuan-2022-projects")
        let s = try SessionEditor.apply([
            Assignment(pointer: "/tables/projects/0/name", value: "@SUM(1+1)*cmd|' /C calc'!A0"),
            Assignment(pointer: "/tables/projects/0/remark", value: "-5"),
            Assignment(pointer: "/fields/dept_adjustment", value: "-1,234.50"),
        ], to: l.session, l.template)
        let c = Calculator.compute(s, l.template)
        let doc = SheetLayout(session: s, template: l.template, computed: c, problems: []).document()
        let records = try XCTUnwrap(Self.parse(String(CSVRenderer().render(doc).dropFirst())))
        let project = try XCTUnwrap(records.first { $0.contains { $0.contains("SUM(1+1)") } })
        XCTAssertTrue(project.contains("'@SUM(1+1)*cmd|' /C calc'!A0"), project.description)
        XCTAssertTrue(project.contains("'-5"), project.description)
        XCTAssertFalse(project.contains("-5"), "the remark is text: \(project)")
        let adjustment = try XCTUnwrap(records.first { $0.contains("年度预算调整") })
        XCTAssertTrue(adjustment.contains("-1234.50"), adjustment.description)
        XCTAssertFalse(records.joined().contains { $0.hasPrefix("'-1234") }, "a figure is never given an apostrophe")
        // No text cell anywhere starts with what a spreadsheet evaluates.
        for r in records {
            for cell in r where cell.hasPrefix("=") || cell.hasPrefix("+") || cell.hasPrefix("@") {
                XCTFail("\(cell) in \(r)")
            }
        }
    }
}

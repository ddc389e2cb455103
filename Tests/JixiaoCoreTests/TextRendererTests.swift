import XCTest
@testable import JixiaoCore

/// The example sheets laid out (as `jixiao print` does) once for the whole suite.
enum PrintFixtures {
    static let documents: [(name: String, doc: PrintDocument)] = Fixtures.exampleNames.compactMap { name in
        guard let l = try? Fixtures.load(name) else { return nil }
        let computed = Calculator.compute(l.session, l.template)
        let problems = l.notes + Validator.validate(l.session, l.template, computed)
        return (name, SheetLayout(session: l.session, template: l.template, computed: computed, problems: problems).document())
    }

    static func tables(_ doc: PrintDocument) -> [PrintTable] {
        doc.blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    }
}

/// TextRenderer on the four example sheets: widths, tables exactly as wide as the page, pages
/// of exactly pageLength lines with their page numbers, continued tables.
final class TextRendererTests: XCTestCase {
    static let widths = [40, 60, 80, 100, 132]
    static let pageLength = 30

    // MARK: reading the output

    static func lines(_ text: String) -> [String] {
        var l = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if l.last == "" { l.removeLast() }
        return l
    }

    static func isTableLine(_ l: String, _ border: TextRenderer.Border) -> Bool {
        guard let c = l.first else { return false }
        return border == .unicode ? "┌│├└".contains(c) : "+|".contains(c)
    }

    /// A horizontal rule (top, bottom, or between rows; merged cells leave gaps in it).
    static func isRule(_ l: String, _ border: TextRenderer.Border) -> Bool {
        border == .unicode
            ? l.contains("─") && l.allSatisfy { "─│┌┐└┘├┤┬┴┼ ".contains($0) }
            : l.contains("-") && l.contains("+") && l.allSatisfy { "+-| ".contains($0) }
    }

    static func isTop(_ l: String, _ border: TextRenderer.Border) -> Bool {
        border == .unicode ? l.hasPrefix("┌") : l.hasPrefix("+") && isRule(l, border) && !l.contains("| ")
    }

    static func isBottom(_ l: String, _ border: TextRenderer.Border) -> Bool {
        border == .unicode ? l.hasPrefix("└") : isTop(l, border)
    }

    /// A table (or a piece of one on a page): its lines, where they start, and its title.
    struct Fragment {
        var page: Int
        var start: Int  // index of the first table line on its page
        var lines: [String]
        var title: [String]  // the non-blank lines right above it
        var atTopOfPage: Bool
        var lastOnPage: Bool
        /// Lines from the top border to the rule under the column headers.
        var headerCount: Int
        /// Rows in the piece: the rules between the header and the bottom border.
        var rowCount: Int
        var header: [String] { Array(lines.prefix(headerCount)) }
    }

    /// The table pieces of pages of lines (one page: the whole text), in order.
    static func fragments(_ pages: [[String]], border: TextRenderer.Border) -> [Fragment] {
        var out = [Fragment]()
        for (p, page) in pages.enumerated() {
            var i = 0
            while i < page.count {
                guard isTableLine(page[i], border) else { i += 1; continue }
                var j = i
                while j < page.count && isTableLine(page[j], border) { j += 1 }
                let lines = Array(page[i..<j])
                var t = i
                while t > 0 && !page[t - 1].isEmpty && !isTableLine(page[t - 1], border) { t -= 1 }
                let headerEnd = lines.indices.dropFirst().first { isRule(lines[$0], border) } ?? 0
                let rules = lines.indices.filter { $0 > headerEnd && isRule(lines[$0], border) }.count
                out.append(Fragment(page: p, start: i, lines: lines, title: Array(page[t..<i]),
                                    atTopOfPage: t == 0, lastOnPage: page[j...].allSatisfy(\.isEmpty),
                                    headerCount: headerEnd + 1, rowCount: rules))
                i = j
            }
        }
        return out
    }

    /// The pages of paginated output: split on form feeds, the last line of each the page number.
    static func pages(_ text: String) -> [[String]] {
        text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { lines(String($0)) }
    }

    func testAllFourExamplesAreLaidOut() {
        XCTAssertEqual(PrintFixtures.documents.map(\.name), Fixtures.exampleNames)
    }

    // MARK: every line, every table

    func testNoLineExceedsTheWidthAndTablesAreExactlyTheWidth() {
        for (name, doc) in PrintFixtures.documents {
            for width in Self.widths {
                for border in TextRenderer.Border.allCases {
                    let text = TextRenderer(width: width, border: border).render(doc)
                    let what = "\(name) width \(width) \(border)"
                    XCTAssertTrue(text.hasSuffix("\n"), what)
                    XCTAssertFalse(text.contains("\u{0C}"), what)
                    let lines = Self.lines(text)
                    for l in lines where DisplayWidth.of(l) > width {
                        XCTFail("\(what): line \(DisplayWidth.of(l)) wide: \(l)")
                    }
                    let frags = Self.fragments([lines], border: border)
                    XCTAssertEqual(frags.count, PrintFixtures.tables(doc).count, "\(what): one block of table lines per table")
                    for f in frags {
                        XCTAssertTrue(Self.isTop(f.lines[0], border), "\(what): table does not start with a top border: \(f.lines[0])")
                        XCTAssertTrue(Self.isBottom(f.lines[f.lines.count - 1], border), "\(what): table does not end with a bottom border")
                        for l in f.lines where DisplayWidth.of(l) != width {
                            XCTFail("\(what): table line \(DisplayWidth.of(l)) wide, not \(width): \(l)")
                        }
                    }
                    for (f, t) in zip(frags, PrintFixtures.tables(doc)) {
                        XCTAssertEqual(f.rowCount, t.rows.count, "\(what): rows of “\(t.title)”")
                        if !t.title.isEmpty { XCTAssertEqual(f.title, TextWrap.wrap(t.title, width: width), what) }
                    }
                }
            }
        }
    }

    // MARK: pages

    func testEveryPageHasPageLengthLinesAndItsNumber() {
        for (name, doc) in PrintFixtures.documents {
            for width in Self.widths {
                for border in TextRenderer.Border.allCases {
                    let what = "\(name) width \(width) \(border)"
                    let text = TextRenderer(width: width, border: border, pageLength: Self.pageLength).render(doc)
                    XCTAssertTrue(text.hasSuffix("\n"), what)
                    let pages = Self.pages(text)
                    XCTAssertGreaterThan(pages.count, 1, what)
                    for (n, page) in pages.enumerated() {
                        XCTAssertEqual(page.count, Self.pageLength, "\(what): page \(n + 1) has \(page.count) lines")
                        XCTAssertEqual(page.last?.trimmingCharacters(in: .whitespaces), "第 \(n + 1) 页 / 共 \(pages.count) 页", what)
                        XCTAssertEqual(page.dropLast().last, "", "\(what): no blank line above the page number of page \(n + 1)")
                        for l in page where DisplayWidth.of(l) > width {
                            XCTFail("\(what) page \(n + 1): line \(DisplayWidth.of(l)) wide: \(l)")
                        }
                    }
                }
            }
        }
    }

    /// The renderer means to leave no blank line at the top of a page.
    func testNoPageStartsWithABlankLine() {
        for (name, doc) in PrintFixtures.documents {
            for width in Self.widths {
                let pages = Self.pages(TextRenderer(width: width, border: .ascii, pageLength: Self.pageLength).render(doc))
                for (n, page) in pages.enumerated() where page.first == "" && page.dropLast().contains(where: { !$0.isEmpty }) {
                    XCTFail("\(name) width \(width): page \(n + 1) starts with a blank line")
                }
            }
        }
    }

    /// Tables split over pages: every piece closed and as wide as the page, the title repeated
    /// with （续）, the header rows repeated, the merged 一级 label shown again at the top of a page,
    /// and every row printed once.
    func testContinuedTablesRepeatTitleHeaderAndLabels() {
        var continued = 0, labelsRepeated = 0
        for (name, doc) in PrintFixtures.documents {
            for width in Self.widths {
                for border in TextRenderer.Border.allCases {
                    let what = "\(name) width \(width) \(border)"
                    // A row taller than a whole page is split inside the table's borders by
                    // design; such layouts are checked by testPagesAreExactAndNumbered only.
                    let tooTall = PrintFixtures.tables(doc).contains { t in
                        let layout = TableLayout(t, width: width, border: border)
                        let room = Self.pageLength - 2 - layout.head(continued: true).count - 1
                        return t.rows.indices.contains { layout.rowLines($0, labelsRepeated: true).count > room }
                    }
                    if tooTall { continue }
                    let pages = Self.pages(TextRenderer(width: width, border: border, pageLength: Self.pageLength).render(doc))
                        .map { Array($0.dropLast(2)) }  // the blank line and the page number
                    let frags = Self.fragments(pages, border: border)
                    var k = 0
                    var broken = false
                    tables: for t in PrintFixtures.tables(doc) {
                        var rows = 0
                        var first: Fragment?
                        while rows < t.rows.count {
                            guard k < frags.count else {
                                XCTFail("\(what): table “\(t.title)” has \(rows) of its \(t.rows.count) rows")
                                broken = true
                                break tables
                            }
                            let f = frags[k]
                            k += 1
                            let at = "\(what): “\(t.title)” page \(f.page + 1)"
                            for l in f.lines where DisplayWidth.of(l) != width {
                                XCTFail("\(at): table line \(DisplayWidth.of(l)) wide, not \(width): \(l)")
                            }
                            guard Self.isTop(f.lines[0], border), Self.isBottom(f.lines[f.lines.count - 1], border) else {
                                XCTFail("\(at): piece of table without its top or bottom border (a row split over two pages?): \(f.lines.first!) … \(f.lines.last!)")
                                broken = true
                                break tables
                            }
                            if let first {
                                continued += 1
                                XCTAssertTrue(f.atTopOfPage, "\(at): continued, but not at the top of the page")
                                XCTAssertTrue(frags[k - 2].lastOnPage, "\(at): continued although the page before had room")
                                XCTAssertEqual(f.header, first.header, "\(at): header rows not repeated")
                                if !t.title.isEmpty {
                                    XCTAssertEqual(f.title, TextWrap.wrap(t.title + "（续）", width: width), "\(at): title not repeated with （续）")
                                }
                                // The first row on the page shows its merged labels.
                                let row = t.rows[rows]
                                let cells = f.lines[f.headerCount].split(separator: border == .unicode ? "│" : "|", omittingEmptySubsequences: false)
                                for c in row.continues.indices where row.continues[c] {
                                    labelsRepeated += 1
                                    let shown = cells[c + 1].trimmingCharacters(in: .whitespaces)
                                    XCTAssertFalse(shown.isEmpty, "\(at): merged label “\(row.cells[c])” missing at the top of the page")
                                    XCTAssertTrue(row.cells[c].hasPrefix(shown), "\(at): “\(shown)” is not the label “\(row.cells[c])”")
                                }
                            } else {
                                first = f
                                if !t.title.isEmpty { XCTAssertEqual(f.title, TextWrap.wrap(t.title, width: width), at) }
                            }
                            rows += f.rowCount
                        }
                        XCTAssertEqual(rows, t.rows.count, "\(what): rows of “\(t.title)”")
                    }
                    if broken || k == frags.count { continue }
                    XCTFail("\(what): \(frags.count - k) table pieces more than the tables have")
                }
            }
        }
        XCTAssertGreaterThan(continued, 0, "no table was continued: the test tested nothing")
        XCTAssertGreaterThan(labelsRepeated, 0, "no merged label at the top of a page: the test tested nothing")
    }

    // MARK: a made-up table

    /// 40 indicator rows under two merged 一级 labels, on pages of 20 lines.
    static func longTable(rowHeight: Int = 1) -> PrintDocument {
        var rows = [PrintRow]()
        for n in 0..<40 {
            let tier = n < 20 ? "产出指标" : "效益指标"
            let name = String(repeating: "指标\(n)", count: rowHeight)
            rows.append(PrintRow([tier, name, "5577.04"], continues: [n % 20 != 0, false, false]))
        }
        let t = PrintTable(title: "三级绩效指标", section: "绩效指标", columns: [
            PrintColumn("一级指标", minWidth: 8), PrintColumn("三级指标", grow: 1, minWidth: 10),
            PrintColumn("分值", align: .right, minWidth: 7),
        ], rows: rows)
        return PrintDocument(title: "测试表", blocks: [.heading("绩效指标"), .table(t)])
    }

    func testALongTableIsContinuedWithItsHeaderAndLabels() {
        let text = TextRenderer(width: 40, border: .unicode, pageLength: 20).render(Self.longTable())
        let pages = Self.pages(text)
        XCTAssertGreaterThan(pages.count, 2)
        for (n, page) in pages.enumerated() {
            XCTAssertEqual(page.count, 20)
            XCTAssertEqual(page.last?.trimmingCharacters(in: .whitespaces), "第 \(n + 1) 页 / 共 \(pages.count) 页")
            if n > 0 {
                XCTAssertEqual(page[0], "三级绩效指标（续）", "page \(n + 1)")
                XCTAssertTrue(page[1].hasPrefix("┌"), "page \(n + 1)")
                XCTAssertTrue(page[2].contains("一级指标") && page[2].contains("三级指标"), "page \(n + 1): \(page[2])")
                XCTAssertTrue(page[4].hasPrefix("│ 产出指标") || page[4].hasPrefix("│ 效益指标"), "page \(n + 1): label not repeated: \(page[4])")
            }
            XCTAssertFalse(page.contains { $0.hasPrefix("│ 产出指标") && page.firstIndex(of: $0) != 4 && n > 0 })
        }
        // Every value printed once.
        XCTAssertEqual(text.components(separatedBy: "5577.04").count - 1, 40)
    }

    /// A row taller than the room on a page: the table should still be closed at the foot of the
    /// page and reopened (title with （续）, header) on the next, not run on without borders.
    func testARowTallerThanThePageKeepsTheTableClosedOnEveryPage() {
        var doc = Self.longTable(rowHeight: 40)
        if case .table(var t) = doc.blocks[1] {
            t.rows = Array(t.rows.prefix(2))
            doc.blocks[1] = .table(t)
        }
        let pages = Self.pages(TextRenderer(width: 40, border: .unicode, pageLength: 20).render(doc)).map { Array($0.dropLast(2)) }
        XCTAssertGreaterThan(pages.count, 2)
        var problems = [String]()
        var started = false
        for (n, page) in pages.enumerated() {
            let table = page.filter { Self.isTableLine($0, .unicode) }
            guard let first = table.first, let last = table.last else { continue }
            if !first.hasPrefix("┌") { problems.append("page \(n + 1) starts mid-table: \(first)") }
            if !last.hasPrefix("└") { problems.append("page \(n + 1) ends mid-table: \(last)") }
            if started && page.first != "三级绩效指标（续）" { problems.append("page \(n + 1) has no “三级绩效指标（续）” title: \(page.first ?? "")") }
            started = true
        }
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }
}

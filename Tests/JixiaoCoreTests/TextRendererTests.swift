import XCTest
@testable import JixiaoCore

/// The example sheets laid out (as `jixiao print` does) once for the whole suite, and small
/// grids made by hand.
enum PrintFixtures {
    static let documents: [(name: String, doc: PrintDocument)] = Fixtures.exampleNames.compactMap { name in
        guard let l = try? Fixtures.load(name) else { return nil }
        let computed = Calculator.compute(l.session, l.template)
        let problems = l.notes + Validator.validate(l.session, l.template, computed)
        return (name, SheetLayout(session: l.session, template: l.template, computed: computed, problems: problems).document())
    }

    /// A one-sheet document of `columns` columns from rows of cells written as
    /// (text, rows, columns); the cells of a row go into the columns free of taller cells above,
    /// as in a template's form. A cell whose text is a number is a figure.
    static func document(columns: Int, grow: [Int]? = nil, header: Set<Int> = [], repeats: Set<Int> = [],
                         parts: [Range<Int>]? = nil, _ rows: [[(String, Int, Int)]]) -> PrintDocument {
        var busy = [Int](repeating: 0, count: columns)
        var cells = [PrintCell]()
        for (r, row) in rows.enumerated() {
            var c = 0
            for (text, rs, cs) in row {
                while busy[c] > r { c += 1 }
                let figure = ExactDecimal.parse(text).map { PrintFigure(value: $0, decimals: ExactDecimal.decimalPlaces(of: text)) }
                cells.append(PrintCell(row: r, column: c, rowSpan: rs, columnSpan: cs, text: text, figure: figure,
                                       align: figure == nil ? .left : .right, bold: header.contains(r)))
                for k in c..<(c + cs) { busy[k] = r + rs }
                c += cs
            }
        }
        let ranges = parts ?? [0..<rows.count]
        let gridRows = rows.indices.map { r in
            PrintGridRow(part: ranges.firstIndex { $0.contains(r) } ?? 0, header: header.contains(r), repeats: repeats.contains(r))
        }
        let grid = PrintGrid(columns: (grow ?? Array(repeating: 1, count: columns)).map { FormColumn(grow: $0) }, rows: gridRows,
                             cells: cells, parts: ranges.map { PrintPart(title: "", rows: $0) })
        return PrintDocument(title: "测试表", sheets: [PrintSheet(name: "表", title: "测试表", grid: grid)])
    }
}

/// TextRenderer: grids drawn with merged cells, every grid line exactly as wide as asked (the
/// ambiguous characters counted as asked), pages of exactly pageLength lines with their
/// numbers, grids continued over pages with their title, header row and spanning labels.
final class TextRendererTests: XCTestCase {
    static let widths = [40, 60, 80, 100, 132]
    static let pageLength = 30

    // MARK: reading the output

    static func lines(_ text: String) -> [String] {
        var l = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if l.last == "" { l.removeLast() }
        return l
    }

    static func isGridLine(_ l: String, _ border: TextRenderer.Border) -> Bool {
        guard let c = l.trimmingPrefix(" ").first else { return false }
        return border == .unicode ? "┌│├└".contains(c) : "+|".contains(c)
    }

    static func isTop(_ l: String, _ border: TextRenderer.Border) -> Bool {
        let t = l.trimmingPrefix(" ")
        return border == .unicode ? t.hasPrefix("┌") : t.hasPrefix("+") && !t.contains("|")
    }

    static func isBottom(_ l: String, _ border: TextRenderer.Border) -> Bool {
        let t = l.trimmingPrefix(" ")
        return border == .unicode ? t.hasPrefix("└") : t.hasPrefix("+") && !t.contains("|")
    }

    /// Runs of consecutive grid lines, with the page they are on and the lines above them.
    struct Piece {
        var page: Int
        var lines: [String]
        var above: [String]
        var atTopOfPage: Bool
    }

    static func pieces(_ pages: [[String]], border: TextRenderer.Border) -> [Piece] {
        var out = [Piece]()
        for (p, page) in pages.enumerated() {
            var i = 0
            while i < page.count {
                guard isGridLine(page[i], border) else { i += 1; continue }
                var j = i
                while j < page.count && isGridLine(page[j], border) { j += 1 }
                var t = i
                while t > 0 && !page[t - 1].isEmpty && !isGridLine(page[t - 1], border) { t -= 1 }
                out.append(Piece(page: p, lines: Array(page[i..<j]), above: Array(page[t..<i]), atTopOfPage: t == 0))
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

    // MARK: every line, every grid

    func testEveryGridLineIsExactlyTheWidthAndNoLineWider() {
        for (name, doc) in PrintFixtures.documents {
            for width in Self.widths {
                for border in TextRenderer.Border.allCases {
                    for ambiguous in AmbiguousWidth.allCases where ambiguous == .narrow || width >= 80 {
                        let text = TextRenderer(width: width, border: border, ambiguous: ambiguous).render(doc)
                        let what = "\(name) width \(width) \(border) \(ambiguous)"
                        XCTAssertTrue(text.hasSuffix("\n"), what)
                        XCTAssertFalse(text.contains("\u{0C}"), what)
                        let lines = Self.lines(text)
                        for l in lines where DisplayWidth.of(l, ambiguous: ambiguous) > width {
                            XCTFail("\(what): line \(DisplayWidth.of(l, ambiguous: ambiguous)) wide: \(l)")
                        }
                        let pieces = Self.pieces([lines], border: border)
                        XCTAssertEqual(pieces.count, doc.sheets.count, "\(what): one grid per sheet")
                        for p in pieces {
                            XCTAssertTrue(Self.isTop(p.lines[0], border), "\(what): grid does not start with a top border: \(p.lines[0])")
                            XCTAssertTrue(Self.isBottom(p.lines[p.lines.count - 1], border), "\(what): grid does not end with a bottom border")
                            for l in p.lines where DisplayWidth.of(l, ambiguous: ambiguous) != width {
                                XCTFail("\(what): grid line \(DisplayWidth.of(l, ambiguous: ambiguous)) wide, not \(width): \(l)")
                            }
                        }
                        if border == .ascii { XCTAssertFalse(text.contains { "─│┌┐└┘├┤┬┴┼".contains($0) }, what) }
                    }
                }
            }
        }
    }

    /// Every figure of the sheet is printed whole, somewhere: no number is split over lines.
    /// (The 13 columns of the project summary do not fit 80: there the widest give way.)
    func testEveryFigureIsPrintedWhole() {
        for (name, doc) in PrintFixtures.documents {
            for width in [80, 132] where width > 80 || name != "ziyuan-2022-projects" {
                let text = TextRenderer(width: width).render(doc)
                for sheet in doc.sheets {
                    for c in sheet.grid.cells where c.figure != nil {
                        XCTAssertTrue(text.contains(c.text), "\(name) width \(width): \(c.text) is not printed whole")
                    }
                }
            }
        }
    }

    // MARK: merged cells

    /// A 3 × 3 grid with a cell spanning two rows and two columns: the rule between its rows
    /// stops at it, its text goes on through where the rule would be, and the corners fit.
    func testAMergedCellIsDrawnAsOne() {
        let doc = PrintFixtures.document(columns: 3, [
            [("甲", 1, 1), ("乙", 1, 1), ("丙", 1, 1)],
            [("合并的单元格占两行两列", 2, 2), ("1", 1, 1)],
            [("22", 1, 1)],
        ])
        let unicode = Self.lines(TextRenderer(width: 40).render(doc)).filter { Self.isGridLine($0, .unicode) }
        XCTAssertEqual(unicode, [
            "┌──────────────┬───────────────┬───────┐",
            "│ 甲           │ 乙            │ 丙    │",
            "├──────────────┴───────────────┼───────┤",
            "│ 合并的单元格占两行两列       │     1 │",
            "│                              ├───────┤",
            "│                              │    22 │",
            "└──────────────────────────────┴───────┘",
        ])
        let ascii = Self.lines(TextRenderer(width: 40, border: .ascii).render(doc)).filter { Self.isGridLine($0, .ascii) }
        XCTAssertEqual(ascii[2], "+--------------+---------------+-------+")
        XCTAssertEqual(ascii[4], "|                              +-------+")
        XCTAssertEqual(ascii[6], "+------------------------------+-------+")
    }

    /// The text of a cell spanning rows goes on through the rules between them.
    func testATallCellsTextRunsThroughTheRules() {
        let doc = PrintFixtures.document(columns: 2, [
            [("一二三四五六七八九十一二三四五六七八九十", 3, 1), ("a", 1, 1)],
            [("b", 1, 1)],
            [("c", 1, 1)],
        ])
        let lines = Self.lines(TextRenderer(width: 40).render(doc)).filter { Self.isGridLine($0, .unicode) }
        let left = lines.dropFirst().dropLast().map { String($0.dropFirst(2).prefix(while: { $0 != " " && $0 != "│" })) }
        XCTAssertEqual(left.joined(), "一二三四五六七八九十一二三四五六七八九十", lines.joined(separator: "\n"))
        XCTAssertTrue(lines[2].hasPrefix("│ 一") || lines[2].hasPrefix("│ "), lines[2])
    }

    /// A long amount in a narrow column is never cut; Chinese text next to it wraps instead.
    func testALongAmountIsNeverSplit() {
        let amount = "12345678901234567890123456.78"
        let doc = PrintFixtures.document(columns: 3, [
            [("项目名称很长很长很长很长很长很长很长很长很长很长很长很长", 1, 1), (amount, 1, 1), ("说明文字说明文字说明文字说明文字", 1, 1)],
        ])
        for width in [60, 80, 132] {
            let text = TextRenderer(width: width).render(doc)
            XCTAssertTrue(text.contains(amount), "width \(width):\n\(text)")
        }
    }

    // MARK: ambiguous characters counted wide

    /// With box drawing counted two columns wide, every rule is drawn in whole characters and
    /// the grid is exactly as wide as asked, odd widths included (a space leads the grid).
    func testWideBoxDrawingFitsEvenAndOddWidths() {
        let doc = PrintFixtures.document(columns: 3, [
            [("“≥20期”", 1, 1), ("合并", 1, 2)],
            [("—", 1, 1), ("5577.04", 1, 1), ("※说明", 1, 1)],
        ])
        for width in [60, 61, 80, 81] {
            let lines = Self.lines(TextRenderer(width: width, ambiguous: .wide).render(doc)).filter { Self.isGridLine($0, .unicode) }
            XCTAssertEqual(lines.count, 5)
            for l in lines {
                XCTAssertEqual(DisplayWidth.of(l, ambiguous: .wide), width, "\(width): \(l)")
                XCTAssertEqual(l.hasPrefix(" "), width % 2 == 1, "\(width): \(l)")
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
                        if page.first == "" && page.dropLast().contains(where: { !$0.isEmpty }) { XCTFail("\(what): page \(n + 1) starts with a blank line") }
                        for l in page where DisplayWidth.of(l) > width {
                            XCTFail("\(what) page \(n + 1): line \(DisplayWidth.of(l)) wide: \(l)")
                        }
                    }
                    // Each sheet starts a page.
                    for sheet in doc.sheets where !sheet.caption.isEmpty {
                        XCTAssertTrue(pages.contains { $0.first == sheet.caption }, "\(what): \(sheet.caption) does not start a page")
                    }
                }
            }
        }
    }

    /// Grids over pages: every piece closed and as wide as the page, each continued one under
    /// its title marked （续） at the top of a page, after a page that was full.
    func testContinuedGridsAreClosedAndTitled() {
        var continued = 0
        for (name, doc) in PrintFixtures.documents {
            for width in Self.widths {
                for border in TextRenderer.Border.allCases {
                    let what = "\(name) width \(width) \(border)"
                    let pages = Self.pages(TextRenderer(width: width, border: border, pageLength: Self.pageLength).render(doc))
                        .map { Array($0.dropLast(2)) }
                    let pieces = Self.pieces(pages, border: border)
                    for (k, p) in pieces.enumerated() {
                        XCTAssertTrue(Self.isTop(p.lines[0], border), "\(what) page \(p.page + 1): piece without its top border")
                        XCTAssertTrue(Self.isBottom(p.lines[p.lines.count - 1], border), "\(what) page \(p.page + 1): piece without its bottom border")
                        for l in p.lines where DisplayWidth.of(l) != width { XCTFail("\(what): grid line \(DisplayWidth.of(l)) wide: \(l)") }
                        if let title = p.above.first, title.contains("（续）") {
                            continued += 1
                            XCTAssertTrue(p.atTopOfPage, "\(what) page \(p.page + 1): continued, but not at the top of the page")
                            XCTAssertTrue(k > 0 && pieces[k - 1].page == p.page - 1, "\(what) page \(p.page + 1): continued from nowhere")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(continued, 0, "no grid was continued: the test tested nothing")
    }

    // MARK: a made-up long grid

    /// 40 indicator rows under two merged 一级 labels and a tall 绩效指标 label, with a header
    /// row that repeats, on pages of 20 lines.
    static func longGrid(rowHeight: Int = 1, rows count: Int = 40) -> PrintDocument {
        var rows: [[(String, Int, Int)]] = [[("绩效指标", count + 1, 1), ("一级指标", 1, 1), ("三级指标", 1, 1), ("分值", 1, 1)]]
        for n in 0..<count {
            var row = [(String, Int, Int)]()
            if n % 20 == 0 { row.append((n < 20 ? "产出指标" : "效益指标", min(20, count - n), 1)) }
            row.append((String(repeating: "指标\(n)", count: rowHeight), 1, 1))
            row.append(("5577.04", 1, 1))
            rows.append(row)
        }
        return PrintFixtures.document(columns: 4, grow: [0, 0, 1, 0], header: [0], repeats: [0], rows)
    }

    func testALongGridIsContinuedWithItsHeaderAndLabels() {
        let text = TextRenderer(width: 40, border: .unicode, pageLength: 20).render(Self.longGrid())
        let pages = Self.pages(text)
        XCTAssertGreaterThan(pages.count, 2)
        for (n, page) in pages.enumerated() {
            XCTAssertEqual(page.count, 20)
            XCTAssertEqual(page.last?.trimmingCharacters(in: .whitespaces), "第 \(n + 1) 页 / 共 \(pages.count) 页")
            if n > 0 {
                XCTAssertEqual(page[0].trimmingCharacters(in: .whitespaces), "测试表（续）", "page \(n + 1)")
                XCTAssertTrue(page[1].hasPrefix("┌"), "page \(n + 1)")
                XCTAssertTrue(page[2].contains("绩效指标") && page[2].contains("一级指标") && page[2].contains("三级指标"), "page \(n + 1): \(page[2])")
                // The labels that span on are shown again under the repeated header.
                XCTAssertTrue(page[4].contains("产出指标") || page[4].contains("效益指标"), "page \(n + 1): label not repeated: \(page[4])")
            }
        }
        // Every value printed once.
        XCTAssertEqual(text.components(separatedBy: "5577.04").count - 1, 40)
        for n in 0..<40 { XCTAssertEqual(text.components(separatedBy: "指标\(n) ").count - 1, 1, "指标\(n)") }
    }

    /// A row taller than the room on a page: the grid is closed at the foot of each page and
    /// opened again on the next (title with （续）, header), not run on without borders.
    func testARowTallerThanThePageKeepsTheGridClosedOnEveryPage() {
        let pages = Self.pages(TextRenderer(width: 40, border: .unicode, pageLength: 20).render(Self.longGrid(rowHeight: 40, rows: 2)))
            .map { Array($0.dropLast(2)) }
        XCTAssertGreaterThan(pages.count, 2)
        var problems = [String]()
        for (n, page) in pages.enumerated() {
            let grid = page.filter { Self.isGridLine($0, .unicode) }
            guard let first = grid.first, let last = grid.last else { continue }
            if !first.hasPrefix("┌") { problems.append("page \(n + 1) starts mid-grid: \(first)") }
            if !last.hasPrefix("└") { problems.append("page \(n + 1) ends mid-grid: \(last)") }
            if n > 0 && page.first?.trimmingCharacters(in: .whitespaces) != "测试表（续）" {
                problems.append("page \(n + 1) has no “测试表（续）” title: \(page.first ?? "")")
            }
        }
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }
}

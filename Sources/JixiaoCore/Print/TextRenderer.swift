/// Renders a `PrintDocument` as plain text that lines up on a terminal, in a file and on paper:
/// widths in display columns, every table exactly `width` wide, cells wrapped inside their
/// column, merged 一级/二级 labels, and optional pages for a printer (form feed between pages,
/// table headers repeated on a continued table, 第 N 页 / 共 M 页 at each page's foot).
public struct TextRenderer {
    public enum Border: String, Sendable, CaseIterable {
        /// Box-drawing characters (─│┌┼…).
        case unicode
        /// Only + - |: box drawing is East-Asian-Ambiguous and comes out double-width on many
        /// Chinese terminals and printers, which breaks every table.
        case ascii
    }

    public var width: Int
    public var border: Border
    /// Lines per page, footer included; nil for one continuous text.
    public var pageLength: Int?
    public var lang: Language

    public init(width: Int = 100, border: Border = .unicode, pageLength: Int? = nil, lang: Language = .zh) {
        self.width = width
        self.border = border
        self.pageLength = pageLength
        self.lang = lang
    }

    /// Narrowest width and shortest page that still make sense.
    public static let minWidth = 40
    public static let minPageLength = 20

    public func render(_ doc: PrintDocument) -> String {
        var stream = [Piece]()
        for line in TextWrap.wrap(doc.title, width: width) {
            stream.append(.line(DisplayWidth.pad(line, to: width, align: .center).trimmingTrailingSpaces()))
        }
        for block in doc.blocks {
            stream.append(.line(""))
            switch block {
            case .heading(let h):
                for l in TextWrap.wrap("【\(h)】", width: width) { stream.append(.line(l)) }
            case .paragraph(let p):
                for l in TextWrap.wrap(p, width: width) { stream.append(.line(l)) }
            case .table(let t):
                stream.append(.table(TableLayout(t, width: width, border: border)))
            }
        }
        guard let pageLength else {
            var out = [String]()
            for piece in stream {
                switch piece {
                case .line(let l): out.append(l)
                case .table(let t): out += t.allLines()
                }
            }
            return out.joined(separator: "\n") + "\n"
        }
        return paginate(stream, pageLength: max(pageLength, Self.minPageLength))
    }

    enum Piece {
        case line(String)
        case table(TableLayout)
    }

    func paginate(_ stream: [Piece], pageLength: Int) -> String {
        let body = pageLength - 2  // a blank line and the page number at the foot
        var pages = [[String]]()
        var cur = [String]()
        func newPage() {
            pages.append(cur)
            cur = []
        }
        func room() -> Int { body - cur.count }
        func put(_ l: String) {
            if room() <= 0 { newPage() }
            cur.append(l)
        }
        for (k, piece) in stream.enumerated() {
            switch piece {
            case .line(let l):
                // No blank line at the top of a page.
                if l.isEmpty && (cur.isEmpty || room() <= 0) { continue }
                // A heading stays with what follows it: not alone at the foot of a page.
                if l.hasPrefix("【"), room() < 8, !cur.isEmpty, k + 2 < stream.count { newPage() }
                put(l)
            case .table(let t):
                guard !t.rows.isEmpty else { continue }
                let head = t.head(continued: false)
                let first = t.rowLines(0, labelsRepeated: false)
                // The first row goes with the header: the whole row when it fits on a page,
                // else at least three of its lines.
                let firstNeeds = head.count + first.count + 1 <= body ? first.count : 3
                if head.count + firstNeeds + 1 > room() && !cur.isEmpty { newPage() }
                for l in head { put(l) }
                // Breaks a page inside the table: close it, and open it again on the next
                // page with its header and its title marked （续）.
                func breakPage() {
                    put(t.bottom)
                    newPage()
                    for l in t.head(continued: true) { put(l) }
                }
                for i in t.rows.indices {
                    var lines = t.rowLines(i, labelsRepeated: false)
                    if i > 0 {
                        let freshRoom = body - t.head(continued: true).count - 1
                        if 1 + lines.count + 1 <= room() || (lines.count > freshRoom && room() >= 4) {
                            put(t.separator(after: i - 1))
                        } else {
                            breakPage()
                            lines = t.rowLines(i, labelsRepeated: true)
                        }
                    }
                    // A row taller than what is left (or than a whole page) continues on the
                    // next page inside the table's borders.
                    for l in lines {
                        if room() <= 1 { breakPage() }
                        put(l)
                    }
                }
                put(t.bottom)
            }
        }
        if !cur.isEmpty || pages.isEmpty { pages.append(cur) }
        let total = pages.count
        var out = [String]()
        for (n, page) in pages.enumerated() {
            var lines = page
            while lines.count < body { lines.append("") }
            lines.append("")
            let footer = lang.pick("第 \(n + 1) 页 / 共 \(total) 页", "Page \(n + 1) of \(total)")
            lines.append(DisplayWidth.pad(footer, to: width, align: .center).trimmingTrailingSpaces())
            out.append(lines.joined(separator: "\n"))
        }
        return out.joined(separator: "\n\u{0C}") + "\n"
    }
}

/// One table fitted to a width: column widths chosen, cells wrapped, borders ready.
struct TableLayout {
    let table: PrintTable
    let widths: [Int]
    let border: TextRenderer.Border
    let width: Int
    var rows: [PrintRow] { table.rows }

    /// Spaces between a cell's text and its borders: 1, or 0 when a wide table (the 13-column
    /// project summary) would otherwise have to cut its words.
    let padding: Int

    init(_ table: PrintTable, width: Int, border: TextRenderer.Border) {
        self.table = table
        self.border = border
        self.width = width
        let n = table.columns.count
        let metrics = TableLayout.measure(table)
        let least = TableLayout.least(table, metrics)
        self.padding = least.reduce(0, +) + 3 * n + 1 > width ? 0 : 1
        self.widths = TableLayout.fit(table, metrics, least: least, room: width - (n + 1) - 2 * padding * n)
    }

    /// Per column: the widest line of its cells (its natural width) and its longest word.
    struct ColumnMetrics {
        var content = 0
        var word = 0
        var header = 0
        var headerWord = 0
    }

    static func measure(_ t: PrintTable) -> [ColumnMetrics] {
        t.columns.indices.map { i in
            var m = ColumnMetrics()
            let c = t.columns[i]
            m.header = c.header.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0
            m.headerWord = TextWrap.longestWord(c.header)
            for r in t.rows where i < r.cells.count {
                let cell = r.cells[i]
                if cell.isEmpty { continue }
                var widest = 0
                if cell.utf8.contains(0x0A) {
                    for line in cell.split(separator: "\n", omittingEmptySubsequences: false) {
                        widest = max(widest, DisplayWidth.of(String(line)))
                    }
                } else {
                    widest = DisplayWidth.of(cell)
                }
                m.content = max(m.content, widest)
                // A cell no wider than the column's minimum cannot raise the least width:
                // skip finding its longest word (most cells, on a 10,000-row sheet).
                if widest > c.minWidth { m.word = max(m.word, TextWrap.longestWord(cell)) }
            }
            return m
        }
    }

    /// Narrowest sensible width of each column: its longest word (numbers are never cut) and
    /// its own minimum, but never more than its content needs; an empty column needs only
    /// its header's longest word.
    static func least(_ t: PrintTable, _ m: [ColumnMetrics]) -> [Int] {
        t.columns.indices.map { i in
            // A header takes at most four lines: "偏差原因分析及改进措施" over an empty
            // column would otherwise stand one character per line.
            let headerLines = min(m[i].header, ((m[i].header + 3) / 4 + 1) / 2 * 2)
            return max(2, m[i].word, m[i].headerWord, headerLines, min(t.columns[i].minWidth, max(m[i].content, m[i].headerWord)))
        }
    }

    /// Column widths (content only) that add up to exactly `room`.
    static func fit(_ t: PrintTable, _ m: [ColumnMetrics], least: [Int], room: Int) -> [Int] {
        let n = t.columns.count
        let room = max(n * 2, room)
        let natural = m.map { max(2, $0.content, $0.header) }
        var w = least
        // Too narrow even for the unbreakable words: shrink the widest, text columns first.
        var guardCount = 0
        while w.reduce(0, +) > room && guardCount < 100_000 {
            guardCount += 1
            let candidates = w.indices.filter { w[$0] > 2 }
            guard let widest = candidates.max(by: { (w[$0], t.columns[$0].grow > 0 ? 1 : 0) < (w[$1], t.columns[$1].grow > 0 ? 1 : 0) }) else { break }
            w[widest] -= 1
        }
        var extra = room - w.reduce(0, +)
        // Then grow the columns towards their natural widths by water-filling: each column's
        // share is weighted by √(what it lacks) × (grow + 1), so a long goal text does not
        // starve a project name of every spare column.
        let base = w
        let weight = w.indices.map { i in max(1, isqrt(max(0, natural[i] - base[i])) * (t.columns[i].grow + 1)) }
        while extra > 0 {
            let short = w.indices.filter { w[$0] < natural[$0] }
            guard let pick = short.min(by: { (w[$0] - base[$0]) * weight[$1] < (w[$1] - base[$1]) * weight[$0] }) else { break }
            w[pick] += 1
            extra -= 1
        }
        // The rest goes to the columns that grow (text), so every table is `width` wide.
        let growers = t.columns.indices.filter { t.columns[$0].grow > 0 }
        let total = growers.reduce(0) { $0 + t.columns[$1].grow }
        if extra > 0 && total > 0 {
            var given = 0
            for (k, i) in growers.enumerated() {
                let share = k == growers.count - 1 ? extra - given : extra * t.columns[i].grow / total
                w[i] += share
                given += share
            }
        } else if extra > 0 {
            w[0] += extra
        }
        return w
    }

    // MARK: borders

    struct Glyphs {
        let h, v: String
        let junction: (Bool, Bool, Bool, Bool) -> String  // up, down, left, right
    }

    var glyphs: Glyphs {
        switch border {
        case .ascii:
            return Glyphs(h: "-", v: "|") { up, down, left, right in
                (left || right) ? "+" : (up || down) ? "|" : " "
            }
        case .unicode:
            return Glyphs(h: "─", v: "│") { up, down, left, right in
                switch (up, down, left, right) {
                case (true, true, true, true): return "┼"
                case (true, true, false, true): return "├"
                case (true, true, true, false): return "┤"
                case (true, true, false, false): return "│"
                case (false, true, true, true): return "┬"
                case (true, false, true, true): return "┴"
                case (false, true, false, true): return "┌"
                case (false, true, true, false): return "┐"
                case (true, false, false, true): return "└"
                case (true, false, true, false): return "┘"
                case (false, false, _, _): return "─"
                default: return " "
                }
            }
        }
    }

    /// A horizontal rule; `drawn[i]` says whether column i's segment is a line (false: the
    /// cell continues below, merged).
    func rule(up: Bool, down: Bool, drawn: [Bool]) -> String {
        let g = glyphs
        var s = g.junction(up, down, false, drawn.first ?? true)
        for (i, w) in widths.enumerated() {
            s += drawn[i] ? String(repeating: g.h, count: w + 2 * padding) : String(repeating: " ", count: w + 2 * padding)
            let right = i + 1 < widths.count ? drawn[i + 1] : false
            s += g.junction(up, down, drawn[i], right)
        }
        return s
    }

    var top: String { rule(up: false, down: true, drawn: widths.map { _ in true }) }
    var bottom: String { rule(up: true, down: false, drawn: widths.map { _ in true }) }

    func separator(after i: Int) -> String {
        let next = i + 1 < rows.count ? rows[i + 1].continues : []
        return rule(up: true, down: true, drawn: widths.indices.map { !(($0 < next.count) && next[$0]) })
    }

    // MARK: rows

    func lines(of cells: [String], aligns: [DisplayWidth.Alignment]) -> [String] {
        // Most cells fit on one line: measure them once and wrap only those that do not.
        var wrapped = [[(String, Int)]]()
        wrapped.reserveCapacity(widths.count)
        for (i, w) in widths.enumerated() {
            let cell = i < cells.count ? cells[i] : ""
            let cw = DisplayWidth.of(cell)
            if cw <= w && !cell.utf8.contains(0x0A) && !cell.hasPrefix(" ") {
                wrapped.append([(cell, cw)])
            } else {
                wrapped.append(TextWrap.wrap(cell, width: w).map { ($0, DisplayWidth.of($0)) })
            }
        }
        let height = wrapped.map(\.count).max() ?? 1
        // Built as UTF-8 bytes: this runs for every line of every table.
        let v = Array(glyphs.v.utf8)
        return (0..<height).map { k in
            var line = [UInt8]()
            line.reserveCapacity(width * 3)
            line += v
            for (i, w) in widths.enumerated() {
                let (text, tw) = k < wrapped[i].count ? wrapped[i][k] : ("", 0)
                let gap = w - tw
                let left: Int
                switch aligns[i] {
                case .left: left = 0
                case .right: left = gap
                case .center: left = gap / 2
                }
                for _ in 0..<(padding + left) { line.append(0x20) }
                line += text.utf8
                for _ in 0..<(gap - left + padding) { line.append(0x20) }
                line += v
            }
            return String(decoding: line, as: UTF8.self)
        }
    }

    func head(continued: Bool) -> [String] {
        var out = [String]()
        let title = table.title.isEmpty ? "" : table.title + (continued ? "（续）" : "")
        if !title.isEmpty { out += TextWrap.wrap(title, width: width) }
        out.append(top)
        out += lines(of: table.columns.map(\.header), aligns: table.columns.map { _ in .center })
        out.append(rule(up: true, down: true, drawn: widths.map { _ in true }))
        return out
    }

    /// A row's lines; a merged cell is blank unless `labelsRepeated` (the top of a page).
    func rowLines(_ i: Int, labelsRepeated: Bool) -> [String] {
        let r = rows[i]
        let cells = r.cells.enumerated().map { k, c in (!labelsRepeated && k < r.continues.count && r.continues[k]) ? "" : c }
        return lines(of: cells, aligns: table.columns.map(\.align))
    }

    func allLines() -> [String] {
        var out = head(continued: false)
        for i in rows.indices {
            if i > 0 { out.append(separator(after: i - 1)) }
            out += rowLines(i, labelsRepeated: false)
        }
        out.append(bottom)
        return out
    }
}

/// Integer square root (layout weights only; no money is involved).
func isqrt(_ n: Int) -> Int {
    guard n > 1 else { return max(0, n) }
    var x = n, y = (n + 1) / 2
    while y < x {
        x = y
        y = (x + n / x) / 2
    }
    return x
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

/// Renders a `PrintDocument` as plain text that lines up on a terminal, in a file and on paper:
/// each sheet's caption and title, its grid drawn with merged cells (box drawing or + - |),
/// every line of the grid exactly `width` display columns, text wrapped inside its cell, and
/// the lines under it; then the list of problems.
///
/// With a page length, for a printer: each sheet starts a page; a grid that goes on over a
/// page is closed at its foot and opened again at the top of the next with its title marked
/// （续）, the header row of the part it is in repeated, and the labels of cells that span on
/// (一级 and 二级, 绩效指标) shown again; a row taller than a page goes on inside the borders.
/// Form feeds between pages, 第 N 页 / 共 M 页 at each foot.
///
/// With `ambiguous: .wide`, East-Asian-Ambiguous characters (“ ” ≥ — ※, and the box-drawing
/// set itself) are counted two columns wide, as many Chinese terminals and printers draw them.
public struct TextRenderer {
    public enum Border: String, Sendable, CaseIterable {
        /// Box-drawing characters (─│┌┼…).
        case unicode
        /// Only + - |: box drawing is East-Asian-Ambiguous and comes out double-width on many
        /// Chinese terminals and printers.
        case ascii
    }

    public var width: Int
    public var border: Border
    /// Lines per page, footer included; nil for one continuous text.
    public var pageLength: Int?
    public var lang: Language
    public var ambiguous: AmbiguousWidth

    public init(width: Int = 100, border: Border = .unicode, pageLength: Int? = nil, lang: Language = .zh, ambiguous: AmbiguousWidth = .narrow) {
        self.width = width
        self.border = border
        self.pageLength = pageLength
        self.lang = lang
        self.ambiguous = ambiguous
    }

    /// Narrowest width and shortest page that still make sense.
    public static let minWidth = 40
    public static let minPageLength = 20

    public func render(_ doc: PrintDocument) -> String {
        var pages = Pages(body: pageLength.map { max($0, Self.minPageLength) - 2 })
        let glyphs = BoxGlyphs(border, ambiguous: ambiguous)
        for (n, sheet) in doc.sheets.enumerated() {
            if n > 0 {
                if pages.body == nil { pages.put("") } else { pages.newPage() }
            }
            if !sheet.caption.isEmpty { wrapped(sheet.caption, into: &pages) }
            for l in TextWrap.wrap(sheet.title, width: width, ambiguous: ambiguous) { pages.put(centred(l)) }
            pages.put("")
            for l in sheet.above { wrapped(l, into: &pages) }
            let layout = GridLayout(sheet.grid, width: width, glyph: glyphs.width, ambiguous: ambiguous)
            grid(layout, title: sheet.title, glyphs, into: &pages)
            for l in sheet.below { wrapped(l, into: &pages) }
        }
        if !doc.problemsHeading.isEmpty {
            pages.put("")
            // A heading stays with what follows it: not alone at the foot of a page.
            if let room = pages.room, room < 4 { pages.newPage() }
            wrapped("【\(doc.problemsHeading)】", into: &pages)
            for p in doc.problems { wrapped(p, into: &pages) }
        }
        return pages.text(width: width, lang: lang, ambiguous: ambiguous)
    }

    func centred(_ line: String) -> String {
        DisplayWidth.pad(line, to: width, align: .center, ambiguous: ambiguous).trimmingTrailingSpaces()
    }

    func wrapped(_ text: String, into pages: inout Pages) {
        for l in TextWrap.wrap(text, width: width, ambiguous: ambiguous) { pages.put(l) }
    }

    // MARK: grids over pages

    /// Puts a grid on the pages: whole, or in pieces that each fill a page (see the type's
    /// description). The slots of each piece are chosen first and then drawn, so that a cell
    /// that spans on knows how much room it has on the new page.
    func grid(_ layout: GridLayout, title: String, _ glyphs: BoxGlyphs, into pages: inout Pages) {
        let rows = layout.grid.rows
        guard !rows.isEmpty else { return }
        var next = [Int](repeating: 0, count: layout.grid.cells.count)
        var seen = [Bool](repeating: false, count: layout.grid.cells.count)
        guard let body = pages.body else {
            var slots = [GridSlot.top(row: 0)]
            for r in rows.indices {
                if r > 0 { slots.append(.rule(above: r - 1, below: r)) }
                for _ in 0..<layout.heights[r] { slots.append(.content(row: r)) }
            }
            slots.append(.bottom(row: rows.count - 1))
            for l in layout.draw(slots, glyphs, next: &next) { pages.put(l) }
            return
        }
        let heights = layout.heights
        var slots = [GridSlot]()
        /// Lines left on the page for more slots, the bottom border kept aside.
        func room() -> Int { (pages.room ?? 0) - slots.count - 1 }
        /// Each part's repeated header rows, found once: looking through the part for every row
        /// made a long paginated printout quadratic.
        let partHeads = layout.grid.parts.map { $0.rows.filter { rows[$0].repeats } }
        /// The header rows a page that goes on with row r repeats: those of its part above it.
        func repeated(before r: Int) -> [Int] {
            partHeads[rows[r].part].filter { $0 < r }
        }
        func openingSlots(at r: Int) -> [GridSlot] {
            let heads = repeated(before: r)
            guard let first = heads.first else { return [.top(row: r)] }
            var s = [GridSlot.top(row: first)]
            for (i, h) in heads.enumerated() {
                if i > 0 { s.append(.rule(above: heads[i - 1], below: h)) }
                for _ in 0..<heights[h] { s.append(.content(row: h)) }
            }
            s.append(.rule(above: heads[heads.count - 1], below: r))
            return s
        }
        let continuedTitle = TextWrap.wrap(title + lang.pick("（续）", " (continued)"), width: width, ambiguous: ambiguous).map(centred)
        func flush(bottom r: Int) {
            slots.append(.bottom(row: r))
            for (k, count) in layout.showing(slots) {
                // A cell met on an earlier page whose text is all printed there is shown again
                // from its start (a label spanning on), when it fits; one part-printed goes on.
                if seen[k] && next[k] >= layout.lines[k].count && layout.lines[k].count <= count { next[k] = 0 }
                seen[k] = true
            }
            for l in layout.draw(slots, glyphs, next: &next) { pages.put(l) }
            slots = []
        }
        func breakPage(before r: Int, closing last: Int) {
            flush(bottom: last)
            pages.newPage()
            for l in continuedTitle { pages.put(l) }
            slots = openingSlots(at: r)
        }
        /// Lines row r needs to stay whole: a header keeps the row after it company.
        func keep(_ r: Int) -> Int {
            rows[r].header && r + 1 < rows.count ? heights[r] + 1 + heights[r + 1] : heights[r]
        }
        if room() - 1 < min(keep(0), body / 2) && !pages.isPageEmpty { pages.newPage() }
        slots = [.top(row: 0)]
        for r in rows.indices {
            if r > 0 {
                if room() >= 1 + keep(r) {
                    slots.append(.rule(above: r - 1, below: r))
                } else if continuedTitle.count + openingSlots(at: r).count + keep(r) + 1 <= body || room() < 4 {
                    breakPage(before: r, closing: r - 1)
                } else {
                    // Taller than a page: it goes on inside the borders.
                    slots.append(.rule(above: r - 1, below: r))
                }
            }
            for _ in 0..<heights[r] {
                if room() < 1 { breakPage(before: r, closing: r) }
                slots.append(.content(row: r))
            }
        }
        flush(bottom: rows.count - 1)
    }

}

/// Lines gathered into pages of `body` lines (nil: one page, as long as it gets).
struct Pages {
    let body: Int?
    var pages = [[String]]()
    var current = [String]()

    init(body: Int?) { self.body = body }

    /// Lines left on this page.
    var room: Int? { body.map { $0 - current.count } }
    var isPageEmpty: Bool { current.isEmpty }

    mutating func put(_ line: String) {
        if let body {
            // No blank line at the top of a page.
            if line.isEmpty && (current.isEmpty || current.count >= body) { return }
            if current.count >= body { newPage() }
        }
        current.append(line)
    }

    mutating func newPage() {
        guard !current.isEmpty else { return }
        pages.append(current)
        current = []
    }

    /// The pages joined: each filled to its length, a blank line and 第 N 页 / 共 M 页 at its
    /// foot, form feeds between them.
    func text(width: Int, lang: Language, ambiguous: AmbiguousWidth) -> String {
        var all = pages
        if !current.isEmpty || all.isEmpty { all.append(current) }
        guard let body else { return all.flatMap { $0 }.joined(separator: "\n") + "\n" }
        var out = [String]()
        for (n, page) in all.enumerated() {
            var lines = page
            while lines.count < body { lines.append("") }
            lines.append("")
            let footer = lang.pick("第 \(n + 1) 页 / 共 \(all.count) 页", "Page \(n + 1) of \(all.count)")
            lines.append(DisplayWidth.pad(footer, to: width, align: .center, ambiguous: ambiguous).trimmingTrailingSpaces())
            out.append(lines.joined(separator: "\n"))
        }
        return out.joined(separator: "\n\u{0C}") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

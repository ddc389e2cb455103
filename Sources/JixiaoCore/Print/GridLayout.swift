/// A printed grid fitted to a width in display columns: the width of each column, each cell's
/// text wrapped inside it (a cell that spans columns wraps across all of them and the borders
/// between), and the lines each row takes. The text renderer draws it; the workbook writer
/// takes its column widths and row heights from it, so both show the same proportions.
///
/// A column is first given what its cells need so that no word and no number is cut (a
/// number, a code or a Latin word is one word; Chinese may break between any two characters,
/// but a short label is kept on one line); then the width left over goes to the columns
/// whose cells would be wider, then to the columns that grow (`FormColumn.grow`). A cell
/// spanning columns shares what it needs among them.
public struct GridLayout {
    public let grid: PrintGrid
    /// `owner[row][column]`: the cell covering that slot (an index into `grid.cells`).
    let owner: [[Int]]
    /// Content width of each column, padding excluded.
    public let widths: [Int]
    /// Spaces between a cell's text and its borders: 1, or 0 when the grid is too wide for them.
    let padding: Int
    /// Columns one border character takes: 2 for box drawing counted as East-Asian-Ambiguous wide.
    let glyph: Int
    /// Spaces before the left border: 1 when wide box drawing (every piece an even number of
    /// columns) must fill an odd width.
    let margin: Int
    let ambiguous: AmbiguousWidth
    /// Each cell's lines, and their widths.
    public let lines: [[String]]
    let lineWidths: [[Int]]
    /// Content lines of each row.
    public let heights: [Int]

    /// The narrowest a column is made before its words would be cut: four Chinese characters.
    static let shortLabel = 8
    /// A heading up to this wide is kept on one line: eight Chinese characters.
    static let oneLine = 16

    public init(_ grid: PrintGrid, width: Int, glyph: Int = 1, ambiguous: AmbiguousWidth = .narrow) {
        self.grid = grid
        self.glyph = glyph
        self.ambiguous = ambiguous
        owner = grid.owners()
        let n = grid.columns.count
        margin = glyph == 2 && width % 2 == 1 ? 1 : 0
        let metrics = grid.cells.map { Self.measure($0, header: grid.rows[$0.row].header, ambiguous: ambiguous) }
        let borders = (n + 1) * glyph + margin
        var least = Self.spread(grid, metrics.map(\.least), padding: 1, glyph: glyph)
        let padding = least.reduce(0, +) + 2 * n + borders > width ? 0 : 1
        self.padding = padding
        if padding == 0 { least = Self.spread(grid, metrics.map(\.least), padding: 0, glyph: glyph) }
        let hard = zip(Self.spread(grid, metrics.map(\.hard), padding: padding, glyph: glyph), least).map { min($0, $1) }
        // What each column needs for its labels and short values on one line, and then for
        // everything (a paragraph of goals) on as few lines as the width allows: the first is
        // given before the second, so that a paragraph does not take the width a label needs.
        let short = max(24, width / 4)
        let needs = [metrics.map { min($0.natural, short) }, metrics.map(\.natural)]
        let natural = needs.map { need in zip(Self.spread(grid, need, padding: padding, glyph: glyph), least).map { max($0, $1) } }
        var w = Self.fit(grid.columns, least: least, hard: hard, targets: natural, room: width - borders - 2 * padding * n)
        if glyph == 2 { Self.makeEven(&w) }
        widths = w
        var lines = [[String]](), lineWidths = [[Int]]()
        lines.reserveCapacity(grid.cells.count)
        lineWidths.reserveCapacity(grid.cells.count)
        for (k, c) in grid.cells.enumerated() {
            let inner = Self.innerWidth(c, widths: w, padding: padding, glyph: glyph)
            let m = metrics[k]
            // Most cells fit on one line: measured once, wrapped only when they do not.
            if m.natural <= inner && !m.multiline && !c.text.hasPrefix(" ") {
                lines.append([c.text])
                lineWidths.append([m.natural])
            } else {
                let wrapped = TextWrap.wrap(c.text, width: inner, ambiguous: ambiguous)
                lines.append(wrapped)
                lineWidths.append(wrapped.map { DisplayWidth.of($0, ambiguous: ambiguous) })
            }
        }
        self.lines = lines
        self.lineWidths = lineWidths
        heights = Self.heights(grid, lines: lines)
    }

    /// Width of a cell's text: its columns and the borders and padding between them.
    static func innerWidth(_ c: PrintCell, widths: [Int], padding: Int, glyph: Int) -> Int {
        widths[c.column..<(c.column + c.columnSpan)].reduce(0, +) + (c.columnSpan - 1) * (2 * padding + glyph)
    }

    func innerWidth(_ k: Int) -> Int { Self.innerWidth(grid.cells[k], widths: widths, padding: padding, glyph: glyph) }

    /// The whole width of the grid's lines.
    var lineWidth: Int { margin + widths.reduce(0, +) + widths.count * 2 * padding + (widths.count + 1) * glyph }

    // MARK: measuring

    struct Metrics {
        /// Its widest line; the narrowest it should be; whether it holds line breaks.
        var natural = 0
        var least = 0
        /// The narrowest it can be without cutting a word or a number: a heading gives up its
        /// one line, and text its four characters a line, before any of these is cut.
        var hard = 0
        var multiline = false
    }

    static func measure(_ c: PrintCell, header: Bool, ambiguous: AmbiguousWidth) -> Metrics {
        var m = Metrics()
        guard !c.text.isEmpty else { return m }
        if c.text.utf8.contains(0x0A) {
            m.multiline = true
            for line in c.text.split(separator: "\n", omittingEmptySubsequences: false) {
                m.natural = max(m.natural, DisplayWidth.of(String(line), ambiguous: ambiguous))
            }
        } else {
            m.natural = DisplayWidth.of(c.text, ambiguous: ambiguous)
        }
        // A short heading stays on one line (全年预算数(A), 执行率(B/A)), a longer one is kept
        // to four lines ("偏差原因分析及改进措施" over an empty column would otherwise stand a
        // character a line); other text gets four characters a line. A figure is one word.
        let keep = header ? (m.natural <= oneLine ? m.natural : (max(shortLabel, (m.natural + 3) / 4) + 1) / 2 * 2) : shortLabel
        // A figure is one word; a cell no wider than two characters needs no look for its
        // longest word.
        let word = c.figure != nil || m.natural <= 4 ? m.natural : TextWrap.longestWord(c.text, ambiguous: ambiguous)
        m.hard = max(min(m.natural, 4), word)
        m.least = m.natural <= keep ? m.natural : max(keep, word)
        return m
    }

    /// What each column needs so that every cell gets `need` (its least or natural width):
    /// a one-column cell sets its column; a wider cell shares what is still missing among its
    /// columns, the ones that grow taking more. Narrower cells first, so that a wide cell only
    /// adds what its columns do not have already.
    static func spread(_ grid: PrintGrid, _ need: [Int], padding: Int, glyph: Int) -> [Int] {
        var w = [Int](repeating: 2, count: grid.columns.count)
        var wide = [Int]()
        for (k, c) in grid.cells.enumerated() {
            if c.columnSpan == 1 { w[c.column] = max(w[c.column], need[k]) } else if need[k] > 0 { wide.append(k) }
        }
        wide.sort { grid.cells[$0].columnSpan < grid.cells[$1].columnSpan }
        for k in wide {
            let c = grid.cells[k]
            let cols = Array(c.column..<(c.column + c.columnSpan))
            let have = innerWidth(c, widths: w, padding: padding, glyph: glyph)
            var missing = need[k] - have
            guard missing > 0 else { continue }
            let weights = cols.map { grid.columns[$0].grow + 1 }
            let total = weights.reduce(0, +)
            let all = missing
            for (i, col) in cols.enumerated() {
                let share = i == cols.count - 1 ? missing : all * weights[i] / total
                w[col] += share
                missing -= share
            }
        }
        return w
    }

    /// Column widths that add up to exactly `room` (or to the least they need, when that is
    /// more than the room and nothing can give way): each target is reached as far as the
    /// room allows before the next one is begun.
    static func fit(_ columns: [FormColumn], least: [Int], hard: [Int], targets: [[Int]], room: Int) -> [Int] {
        let n = columns.count
        let room = max(n * 2, room)
        var w = least
        var total = w.reduce(0, +)
        // Too narrow for what each column should get: headings and text give way first, the
        // column with most to spare first.
        while total > room, let pick = w.indices.filter({ w[$0] > hard[$0] }).max(by: { w[$0] - hard[$0] < w[$1] - hard[$1] }) {
            w[pick] -= 1
            total -= 1
        }
        // Too narrow even for the unbreakable words: shrink the widest, growing columns first.
        while w.reduce(0, +) > room {
            let candidates = w.indices.filter { w[$0] > 2 }
            guard let widest = candidates.max(by: { (w[$0], columns[$0].grow > 0 ? 1 : 0) < (w[$1], columns[$1].grow > 0 ? 1 : 0) }) else { break }
            w[widest] -= 1
        }
        var extra = room - w.reduce(0, +)
        // Then grow the columns towards each target by water-filling: each column's share is
        // weighted by √(what it lacks) × (grow + 1), so a long goal text does not starve a
        // project name of every spare column.
        for natural in targets {
            let base = w
            let weight = w.indices.map { i in max(1, isqrt(max(0, natural[i] - base[i])) * (columns[i].grow + 1)) }
            while extra > 0 {
                let short = w.indices.filter { w[$0] < natural[$0] }
                guard let pick = short.min(by: { (w[$0] - base[$0]) * weight[$1] < (w[$1] - base[$1]) * weight[$0] }) else { break }
                w[pick] += 1
                extra -= 1
            }
        }
        // The rest goes to the columns that grow, so that every grid is exactly as wide as asked.
        let growers = columns.indices.filter { columns[$0].grow > 0 }
        let growth = growers.reduce(0) { $0 + columns[$1].grow }
        if extra > 0 && growth > 0 {
            var given = 0
            for (k, i) in growers.enumerated() {
                let share = k == growers.count - 1 ? extra - given : extra * columns[i].grow / growth
                w[i] += share
                given += share
            }
        } else if extra > 0, n > 0 {
            w[n - 1] += extra
        }
        return w
    }

    /// Every width even, the sum kept: wide box drawing draws a rule two columns at a time.
    /// The odd ones are rounded up, and what that added is taken back two at a time from the
    /// widest columns. (The sum is even, so the odd widths come in pairs.)
    static func makeEven(_ w: inout [Int]) {
        var excess = 0
        for i in w.indices where w[i] % 2 == 1 {
            w[i] += 1
            excess += 1
        }
        while excess > 1, let widest = w.indices.max(by: { w[$0] < w[$1] }), w[widest] > 2 {
            w[widest] -= 2
            excess -= 2
        }
    }

    /// Content lines of each row: enough for every cell of one row; a cell spanning rows gets
    /// its rows' lines and the rules between them, and its last row grows when that is short.
    static func heights(_ grid: PrintGrid, lines: [[String]]) -> [Int] {
        var h = [Int](repeating: 1, count: grid.rows.count)
        var tall = [Int]()
        for (k, c) in grid.cells.enumerated() {
            if c.rowSpan == 1 { h[c.row] = max(h[c.row], lines[k].count) } else { tall.append(k) }
        }
        tall.sort { grid.cells[$0].rowSpan < grid.cells[$1].rowSpan }
        for k in tall {
            let c = grid.cells[k]
            let have = h[c.row..<(c.row + c.rowSpan)].reduce(0, +) + c.rowSpan - 1
            if lines[k].count > have { h[c.row + c.rowSpan - 1] += lines[k].count - have }
        }
        return h
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

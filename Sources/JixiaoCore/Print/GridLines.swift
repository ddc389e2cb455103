/// One line of a printed grid: its top or bottom border, a rule between two rows, or a line of
/// text of one row. A rule is drawn only between different cells: where a cell spans both
/// rows, its text carries on through the rule. `rule(above:below:)` may join rows that are
/// not neighbours: a repeated header row and the row a page continues with.
enum GridSlot: Equatable {
    case top(row: Int)
    case bottom(row: Int)
    case rule(above: Int, below: Int)
    case content(row: Int)
}

/// The characters borders are drawn with.
struct BoxGlyphs {
    let horizontal: [UInt8]
    let vertical: [UInt8]
    /// Columns each of them takes.
    let width: Int
    let unicode: Bool

    init(_ border: TextRenderer.Border, ambiguous: AmbiguousWidth) {
        unicode = border == .unicode
        horizontal = Array((unicode ? "─" : "-").utf8)
        vertical = Array((unicode ? "│" : "|").utf8)
        // Box drawing is East-Asian-Ambiguous; + - | are not.
        width = unicode && ambiguous == .wide ? 2 : 1
    }

    /// Where lines meet: whether a border goes up, down, left and right from the point.
    func junction(up: Bool, down: Bool, left: Bool, right: Bool) -> String {
        guard unicode else {
            switch (up || down, left || right) {
            case (true, true): return "+"
            case (true, false): return "|"
            case (false, true): return "-"
            case (false, false): return " "
            }
        }
        switch (up, down, left, right) {
        case (true, true, true, true): return "┼"
        case (true, true, false, true): return "├"
        case (true, true, true, false): return "┤"
        case (true, true, false, false), (true, false, false, false), (false, true, false, false): return "│"
        case (false, true, true, true): return "┬"
        case (true, false, true, true): return "┴"
        case (false, true, false, true): return "┌"
        case (false, true, true, false): return "┐"
        case (true, false, false, true): return "└"
        case (true, false, true, false): return "┘"
        case (false, false, true, _), (false, false, _, true): return "─"
        case (false, false, false, false): return " "
        }
    }
}

extension GridLayout {
    /// The cell of each run of one row: (cell, first column, last column).
    func runs(_ row: Int) -> [(cell: Int, from: Int, to: Int)] {
        var out = [(cell: Int, from: Int, to: Int)]()
        var c = 0
        let n = widths.count
        while c < n {
            let k = owner[row][c]
            var end = c
            while end + 1 < n && owner[row][end + 1] == k { end += 1 }
            out.append((k, c, end))
            c = end + 1
        }
        return out
    }

    /// How many of `slots` each cell shows in, for the cells that show at all.
    func showing(_ slots: [GridSlot]) -> [Int: Int] {
        var count = [Int: Int]()
        for slot in slots {
            switch slot {
            case .content(let r):
                for run in runs(r) { count[run.cell, default: 0] += 1 }
            case .rule(let a, let b):
                var last = -1
                for c in widths.indices where owner[a][c] == owner[b][c] && owner[a][c] != last {
                    last = owner[a][c]
                    count[last, default: 0] += 1
                }
            case .top, .bottom:
                break
            }
        }
        return count
    }

    /// Draws `slots`. Each cell's text goes on from line `next[cell]`, which is advanced by
    /// every slot the cell shows in.
    func draw(_ slots: [GridSlot], _ g: BoxGlyphs, next: inout [Int]) -> [String] {
        var out = [String]()
        out.reserveCapacity(slots.count)
        let space = UInt8(ascii: " ")
        let n = widths.count
        func outer(_ c: Int) -> Int { widths[c] + 2 * padding }
        /// Cell k's current line, `padding` spaces either side, filling columns from...to.
        func text(_ k: Int, from: Int, to: Int, into line: inout [UInt8]) {
            let inner = (from...to).reduce(0) { $0 + widths[$1] } + (to - from) * (2 * padding + g.width)
            let i = next[k]
            let (t, tw) = i < lines[k].count ? (lines[k][i], lineWidths[k][i]) : ("", 0)
            let gap = max(0, inner - tw)
            let left: Int
            switch grid.cells[k].align {
            case .left: left = 0
            case .right: left = gap
            case .center: left = gap / 2
            }
            line.append(contentsOf: repeatElement(space, count: padding + left))
            line += t.utf8
            line.append(contentsOf: repeatElement(space, count: gap - left + padding))
            // A cell shows once in a slot: its next line goes in the next slot it shows in.
            next[k] += 1
        }
        // The runs of each row, found once: a row shows in several slots. Keyed by row, not an
        // array as long as the grid: this runs once per page.
        var rowRuns = [Int: [(cell: Int, from: Int, to: Int)]]()
        for slot in slots {
            var line = [UInt8]()
            line.reserveCapacity(lineWidth * 3)
            line.append(contentsOf: repeatElement(space, count: margin))
            switch slot {
            case .content(let r):
                line += g.vertical
                let rowRun: [(cell: Int, from: Int, to: Int)]
                if let known = rowRuns[r] { rowRun = known } else { rowRun = runs(r); rowRuns[r] = rowRun }
                for run in rowRun {
                    text(run.cell, from: run.from, to: run.to, into: &line)
                    line += g.vertical
                }
            case .top, .bottom, .rule:
                let (a, b): (Int?, Int?)
                switch slot {
                case .top(let row): (a, b) = (nil, row)
                case .bottom(let row): (a, b) = (row, nil)
                case .rule(let above, let below): (a, b) = (above, below)
                case .content: (a, b) = (nil, nil)
                }
                /// Whether column c is crossed by a rule here (else a cell goes on through it).
                func ruled(_ c: Int) -> Bool {
                    guard let a, let b else { return true }
                    return owner[a][c] != owner[b][c]
                }
                func junction(_ c: Int) -> String {
                    let up = a.map { c == 0 || c == n || owner[$0][c - 1] != owner[$0][c] } ?? false
                    let down = b.map { c == 0 || c == n || owner[$0][c - 1] != owner[$0][c] } ?? false
                    return g.junction(up: up, down: down, left: c > 0 && ruled(c - 1), right: c < n && ruled(c))
                }
                line += junction(0).utf8
                var c = 0
                while c < n {
                    if ruled(c) {
                        for _ in 0..<(outer(c) / g.width) { line += g.horizontal }
                        c += 1
                    } else {
                        // A cell spanning the rows on both sides: its text goes on here.
                        let k = owner[b ?? 0][c]
                        var end = c
                        while end + 1 < n && !ruled(end + 1) && owner[b ?? 0][end + 1] == k { end += 1 }
                        text(k, from: c, to: end, into: &line)
                        c = end + 1
                    }
                    line += junction(c).utf8
                }
            }
            out.append(String(decoding: line, as: UTF8.self))
        }
        return out
    }
}

/// Where each cell of a part stands: its first column, found the way a Word or Excel table is
/// read. Each row's cells go left to right into the columns that no taller cell from a row
/// above still covers. The checker reports every way a part fails to tile its grid; the
/// filler places cells with the same walk, on a part the checker accepted.
public struct FormTiling: Sendable {
    /// The first column of cell `k` of row `r`: `starts[r][k]`.
    public var starts: [[Int]]
    public var problems: [Problem]

    public enum Problem: Sendable, Equatable {
        /// Cell `cell` of row `row` would need columns past the last one.
        case pastLastColumn(row: Int, cell: Int)
        /// Cell `cell` of row `row` would cover a column a cell from a row above still takes.
        case overlaps(row: Int, cell: Int)
        /// Row `row` leaves columns from `column` (counted from 0) to the end uncovered.
        case gap(row: Int, column: Int)
        /// Cell `cell` of row `row` spans rows past the last row of its part.
        case pastLastRow(row: Int, cell: Int)
    }

    public init(_ part: FormPart, columns n: Int) {
        var starts = [[Int]]()
        var problems = [Problem]()
        // The row (of this part) before which each column is free again.
        var busyUntil = [Int](repeating: 0, count: n)
        let rowCount = part.rows.count
        for (r, row) in part.rows.enumerated() {
            var c = 0
            var rowStarts = [Int]()
            for (k, cell) in row.cells.enumerated() {
                while c < n && busyUntil[c] > r { c += 1 }
                rowStarts.append(c)
                let span = max(1, cell.columns)
                if c + span > n {
                    problems.append(.pastLastColumn(row: r, cell: k))
                    c = n
                    continue
                }
                if (c..<(c + span)).contains(where: { busyUntil[$0] > r }) {
                    problems.append(.overlaps(row: r, cell: k))
                }
                if r + max(1, cell.rows) > rowCount {
                    problems.append(.pastLastRow(row: r, cell: k))
                }
                for cc in c..<(c + span) { busyUntil[cc] = max(busyUntil[cc], r + max(1, cell.rows)) }
                c += span
            }
            while c < n && busyUntil[c] > r { c += 1 }
            if c < n && !problems.contains(where: { if case .pastLastColumn(row: r, _) = $0 { return true } else { return false } }) {
                problems.append(.gap(row: r, column: c))
            }
            starts.append(rowStarts)
        }
        self.starts = starts
        self.problems = problems
    }
}

/// One part of a printed grid as a plain table of rows and columns, for CSV and Markdown,
/// which have no merged cells. Its columns are where the part's cells begin; a cell spanning
/// columns fills the first and leaves the others blank; a cell spanning rows is marked as
/// going on in the rows below its first (CSV repeats it there, so that a spreadsheet can filter
/// on it; Markdown leaves it blank). A label running down the part's whole first column is its
/// title, not a column.
public struct FlatTable: Sendable {
    public var sheet: String
    public var title: String
    /// Rows of equal length; the first is the part's header row when `hasHeader`.
    public var rows: [FlatRow]
    public var hasHeader: Bool
    /// Columns whose cells (below the header) are all figures.
    public var figureColumns: [Bool]

    /// The parts of a sheet's grid, in order.
    public static func tables(of sheet: PrintSheet) -> [FlatTable] {
        let grid = sheet.grid
        let owner = grid.owners()
        return grid.parts.compactMap { part -> FlatTable? in
            guard !part.rows.isEmpty else { return nil }
            let first = part.rows.lowerBound
            // A label down the whole first column names the part.
            var skip = 0
            var title = part.title
            if part.rows.count > 1, let label = owner[first].first.map({ grid.cells[$0] }),
               label.row == first, label.rowSpan == part.rows.count, label.figure == nil, label.columnSpan < grid.columns.count {
                skip = label.columnSpan
                if title.isEmpty { title = label.text.replacing("\n", with: "") }
            }
            var starts = Set<Int>()
            for r in part.rows {
                for c in skip..<grid.columns.count where c == skip || owner[r][c] != owner[r][c - 1] {
                    starts.insert(c)
                }
            }
            let columns = starts.sorted()
            var rows = [FlatRow]()
            for r in part.rows {
                var row = FlatRow()
                for c in columns {
                    let cell = grid.cells[owner[r][c]]
                    let begins = cell.column == c
                    row.cells.append(begins ? cell.text : "")
                    row.figures.append(begins && cell.figure != nil)
                    row.continues.append(begins && cell.row < r)
                    row.bold.append(cell.bold)
                }
                rows.append(row)
            }
            let hasHeader = grid.rows[first].header
            let body = rows.dropFirst(hasHeader ? 1 : 0)
            let figureColumns = columns.indices.map { k in
                let filled = body.filter { !$0.cells[k].isEmpty && !$0.continues[k] }
                return !filled.isEmpty && filled.allSatisfy { $0.figures[k] }
            }
            return FlatTable(sheet: sheet.name, title: title, rows: rows, hasHeader: hasHeader, figureColumns: figureColumns)
        }
    }
}

public struct FlatRow: Sendable, Equatable {
    public var cells: [String] = []
    /// A figure (a spreadsheet gets it as a number).
    public var figures: [Bool] = []
    /// The cell above goes on here (its text is the cell's own, repeated).
    public var continues: [Bool] = []
    public var bold: [Bool] = []
}

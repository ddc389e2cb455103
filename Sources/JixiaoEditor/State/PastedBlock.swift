/// A block of cells as WPS or Excel put it on the clipboard: rows ended by line breaks, cells
/// separated by tabs, and a cell that holds a tab, a line break or a quote written in double
/// quotes with its quotes doubled ("a ""b"""). Split here, before any value reaches
/// `SessionEditor`, which (rightly) refuses a tab in a text.
public struct PastedBlock: Equatable, Sendable {
    public var rows: [[String]]

    public init(rows: [[String]]) {
        self.rows = rows
    }

    /// The cells of pasted text. The line break that spreadsheets put after the last row does
    /// not make an empty row.
    public init(_ text: String) {
        var rows = [[String]]()
        var row = [String]()
        var cell = ""
        var quoted = false, atCellStart = true
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        chars.removeFirst()
                        cell.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atCellStart:
                quoted = true
                atCellStart = false
            case "\t":
                row.append(cell)
                cell = ""
                atCellStart = true
            case "\n", "\r\n", "\r":
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
                atCellStart = true
            default:
                cell.append(c)
                atCellStart = false
            }
        }
        if !atCellStart || !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        // A terminal that turns the clipboard's CR LF into two line ends (tmux, and terminals
        // that send each LF as CR) gives an empty line after every row: one line end each.
        // The last row may lack its line end; then it takes three rows or more to tell it
        // from a column with one real empty line ("1, (empty), 3").
        if rows.count >= 2, rows.count % 2 == 0 || rows.count >= 5,
           stride(from: 1, to: rows.count, by: 2).allSatisfy({ rows[$0] == [""] }) {
            rows = stride(from: 0, to: rows.count, by: 2).map { rows[$0] }
        }
        self.rows = rows
    }

    /// More than one cell: a block, to be spread over the sheet, not one value.
    public var isBlock: Bool { rows.count > 1 || (rows.first?.count ?? 0) > 1 }

    public var cellCount: Int { rows.reduce(0) { $0 + $1.count } }
}

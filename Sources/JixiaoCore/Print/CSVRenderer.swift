/// Renders a `PrintDocument` as CSV for spreadsheets: one table after another, each preceded
/// by its own header row, with the section and table name in the first two columns. Merged
/// labels are written out in full on every row. A UTF-8 byte order mark leads the file,
/// because Excel, which most finance offices open CSV with, otherwise reads Chinese as
/// mojibake. A text cell that a spreadsheet would evaluate as a formula is neutralised
/// (`SpreadsheetCell`).
public struct CSVRenderer {
    public var lang: Language

    public init(lang: Language = .zh) { self.lang = lang }

    public func render(_ doc: PrintDocument) -> String {
        var out = "\u{FEFF}"
        func row(_ cells: [String], figures: [Bool] = []) {
            out += cells.enumerated().map { k, c in
                Self.quote(SpreadsheetCell.content(c, isFigure: k < figures.count && figures[k]))
            }.joined(separator: ",") + "\r\n"
        }
        let sectionHeader = lang.pick("栏目", "section"), tableHeader = lang.pick("表", "table")
        row([sectionHeader, tableHeader, doc.title])
        var section = ""
        for block in doc.blocks {
            switch block {
            case .heading(let h):
                section = h
            case .paragraph(let p):
                row([section, "", p])
            case .table(let t):
                row([sectionHeader, tableHeader] + t.columns.map(\.header))
                var last = [String]()
                for r in t.rows {
                    let cells = r.cells.enumerated().map { k, c in
                        (k < r.continues.count && r.continues[k] && k < last.count) ? last[k] : c
                    }
                    row([t.section, t.title] + cells, figures: [false, false] + r.figures)
                    last = cells
                }
            }
        }
        return out
    }

    /// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
    static func quote(_ s: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\n" nor "\r".
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }
}

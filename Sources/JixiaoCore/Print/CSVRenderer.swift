/// Renders a `PrintDocument` as CSV for spreadsheets: each part of each sheet's form as one
/// flat table (`FlatTable`), every row led by the sheet's name and the part's title; the
/// lines around each grid, and the problems, as rows of their own. A cell that spans rows is
/// written out on every row it covers, so that a spreadsheet can filter on the 一级 and 二级
/// labels. A UTF-8 byte order mark leads the file, because Excel, which most finance offices
/// open CSV with, otherwise reads Chinese as mojibake. A text cell that a spreadsheet would
/// evaluate as a formula is neutralised (`SpreadsheetCell`).
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
        row([lang.pick("表", "sheet"), lang.pick("部分", "part"), doc.title])
        for sheet in doc.sheets {
            for line in [sheet.caption, sheet.title] + sheet.above where !line.isEmpty { row([sheet.name, "", line]) }
            for t in FlatTable.tables(of: sheet) {
                for r in t.rows { row([t.sheet, t.title] + r.cells, figures: [false, false] + r.figures) }
            }
            for line in sheet.below { row([sheet.name, "", line]) }
        }
        for p in doc.problems { row([doc.problemsHeading, "", p]) }
        return out
    }

    /// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
    static func quote(_ s: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\n" nor "\r".
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }
}

import FoundationEssentials

/// A sheet filled in and laid out as its form, independent of the output format: each printed
/// sheet a grid of cells with their spans, texts and figures, and the lines around it.
/// `SheetLayout` builds it from the template's form and the session; the text, CSV, Markdown
/// and XLSX writers render it, and none of them knows a form.
///
/// Every text in it is already shown as it will be printed (`TerminalText.visible`).
public struct PrintDocument: Sendable {
    /// The template's title (the first line of CSV, the Markdown heading).
    public var title: String
    public var sheets: [PrintSheet]
    /// "问题清单（1 个错误，0 个警告）" and one line per problem; empty for a clean sheet.
    public var problemsHeading: String
    public var problems: [String]

    public init(title: String, sheets: [PrintSheet], problemsHeading: String = "", problems: [String] = []) {
        self.title = title
        self.sheets = sheets
        self.problemsHeading = problemsHeading
        self.problems = problems
    }
}

public struct PrintSheet: Sendable {
    /// The worksheet's name in a workbook.
    public var name: String
    /// 附件1-2, or empty.
    public var caption: String
    public var title: String
    /// Lines above and below the grid (预算单位：…, 说明：…, 填表人：…).
    public var above: [String]
    public var below: [String]
    public var grid: PrintGrid
    public var page: FormPage

    public init(name: String, caption: String = "", title: String, above: [String] = [], below: [String] = [], grid: PrintGrid,
                page: FormPage = FormPage()) {
        self.name = name
        self.caption = caption
        self.title = title
        self.above = above
        self.below = below
        self.grid = grid
        self.page = page
    }
}

/// A grid of `columns.count` columns and `rows.count` rows, every slot covered by exactly one
/// cell.
public struct PrintGrid: Sendable {
    public var columns: [FormColumn]
    public var rows: [PrintGridRow]
    /// In reading order: by first row, then first column.
    public var cells: [PrintCell]
    public var parts: [PrintPart]

    public init(columns: [FormColumn], rows: [PrintGridRow], cells: [PrintCell], parts: [PrintPart]) {
        self.columns = columns
        self.rows = rows
        self.cells = cells
        self.parts = parts
    }

    /// The cell covering each slot: `owners()[row][column]` is an index into `cells`.
    public func owners() -> [[Int]] {
        var o = [[Int]](repeating: [Int](repeating: -1, count: columns.count), count: rows.count)
        for (k, c) in cells.enumerated() {
            for r in c.row..<(c.row + c.rowSpan) {
                for col in c.column..<(c.column + c.columnSpan) { o[r][col] = k }
            }
        }
        return o
    }
}

public struct PrintGridRow: Sendable, Equatable {
    /// Which part of the grid the row belongs to (an index into `parts`).
    public var part: Int
    /// Column headings (bold).
    public var header: Bool
    /// Printed again at the top of each page its part continues on.
    public var repeats: Bool

    public init(part: Int, header: Bool = false, repeats: Bool = false) {
        self.part = part
        self.header = header
        self.repeats = repeats
    }
}

/// Rows that belong together; what CSV and Markdown print as one table.
public struct PrintPart: Sendable, Equatable {
    public var title: String
    public var rows: Range<Int>

    public init(title: String, rows: Range<Int>) {
        self.title = title
        self.rows = rows
    }
}

public struct PrintCell: Sendable, Equatable {
    public var row: Int
    public var column: Int
    public var rowSpan: Int
    public var columnSpan: Int
    /// What is printed (figures as the form shows them: a typed value as typed, a computed one
    /// rounded half-up to its places, "—" for a ratio over zero).
    public var text: String
    /// The exact figure behind `text`, for a spreadsheet; nil for text.
    public var figure: PrintFigure?
    public var align: DisplayWidth.Alignment
    public var bold: Bool

    public init(row: Int, column: Int, rowSpan: Int = 1, columnSpan: Int = 1, text: String, figure: PrintFigure? = nil,
                align: DisplayWidth.Alignment = .left, bold: Bool = false) {
        self.row = row
        self.column = column
        self.rowSpan = rowSpan
        self.columnSpan = columnSpan
        self.text = text
        self.figure = figure
        self.align = align
        self.bold = bold
    }
}

/// A figure as a spreadsheet gets it: the value, and the format the form prints it in.
public struct PrintFigure: Sendable, Equatable {
    public var value: Decimal
    /// Places after the point (money 2, a count 0, a weight as the template writes it).
    public var decimals: Int
    /// Thousands separators: money and areas (#,##0.00), not rates, scores or counts.
    public var grouped: Bool
    /// Printed after the figure ("%" for 执行率 99.98%).
    public var suffix: String

    public init(value: Decimal, decimals: Int, grouped: Bool = false, suffix: String = "") {
        self.value = value
        self.decimals = decimals
        self.grouped = grouped
        self.suffix = suffix
    }
}

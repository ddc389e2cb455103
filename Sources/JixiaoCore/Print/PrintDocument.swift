/// A sheet laid out for printing, independent of the output format: the title, headings,
/// paragraphs and tables in template order. `SheetLayout` builds it; the text, CSV and
/// Markdown renderers turn it into output.
public struct PrintDocument: Sendable {
    public var title: String
    public var blocks: [PrintBlock]
}

public enum PrintBlock: Sendable {
    /// A section heading (基础数据表, 绩效指标 …).
    case heading(String)
    /// A line or paragraph of running text (单位名称：…, 填表人：…).
    case paragraph(String)
    case table(PrintTable)
}

public struct PrintTable: Sendable {
    public var title: String
    /// The section the table belongs to (for CSV).
    public var section: String
    public var columns: [PrintColumn]
    public var rows: [PrintRow]
}

public struct PrintColumn: Sendable {
    public var header: String
    public var align: DisplayWidth.Alignment
    /// How much of the spare width the column takes: text columns grow, numbers do not.
    public var grow: Int
    /// Narrowest the column should get before words are cut (a number is never cut above it).
    public var minWidth: Int

    public init(_ header: String, align: DisplayWidth.Alignment = .left, grow: Int = 0, minWidth: Int = 4) {
        self.header = header
        self.align = align
        self.grow = grow
        self.minWidth = minWidth
    }
}

public struct PrintRow: Sendable {
    public var cells: [String]
    /// Cells that continue the cell above (the same 一级/二级 label): drawn merged.
    public var continues: [Bool]
    public var emphasis: Bool
    /// Cells that are figures (a number typed into a numeric field, or a computed one): a
    /// spreadsheet gets them as numbers, even when they start with "-" (`SpreadsheetCell`).
    public var figures: [Bool]

    public init(_ cells: [String], continues: [Bool]? = nil, emphasis: Bool = false, figures: [Bool]? = nil) {
        self.cells = cells
        self.continues = continues ?? Array(repeating: false, count: cells.count)
        self.emphasis = emphasis
        self.figures = figures ?? Array(repeating: false, count: cells.count)
    }
}

/// The printed form a template prescribes: the official sheet as a grid of cells with row and
/// column spans, like the spreadsheet or Word table it comes from.
///
/// A form has one or more sheets (附件1-1 基础数据表 and 附件1-2 自评表 are two), each a grid
/// of a fixed number of columns. Its rows are grouped into parts (the fund block, the goals,
/// the indicator grid): a cell may span rows only inside its part, and a part is what CSV and
/// Markdown print as one flat table. A cell is a fixed text, the label of a field, a value (a
/// typed or computed figure, a text, the unit, 总分, 等级), a weight the template sets, or, in
/// a region row, a column of a table whose rows the user adds (indicators, projects): a region
/// row is printed once for every row of its table.
///
/// The layout is data from the template (`"form"`), decoded by `FormDecoder` and checked by
/// `FormChecker` with the template. `SheetLayout` fills it with a session; every output
/// (text, CSV, Markdown, XLSX) renders what that gives, and none of them knows a form.
public struct FormLayout: Sendable {
    public var sheets: [FormSheet]
    /// Made from the template's sections by `GeneratedForm`, for a template without `"form"`.
    public var isGenerated: Bool

    public init(sheets: [FormSheet], isGenerated: Bool = false) {
        self.sheets = sheets
        self.isGenerated = isGenerated
    }
}

/// One printed sheet: its own title and page, a grid, and the lines around it.
public struct FormSheet: Sendable {
    public var id: String
    /// The worksheet's name in a workbook (at most 31 characters, as Excel allows).
    public var name: String
    /// The attachment number printed above the title (附件1-2), if any.
    public var caption: FormText
    /// The title; empty means the template's title.
    public var title: FormText
    /// Lines between the title and the grid (预算单位：{unit}), and under it (说明, 填表人 …).
    public var above: [FormText]
    public var below: [FormText]
    public var columns: [FormColumn]
    public var parts: [FormPart]
    public var page: FormPage

    public init(id: String, name: String, caption: FormText = FormText(), title: FormText = FormText(), above: [FormText] = [],
                below: [FormText] = [], columns: [FormColumn], parts: [FormPart], page: FormPage = FormPage()) {
        self.id = id
        self.name = name
        self.caption = caption
        self.title = title
        self.above = above
        self.below = below
        self.columns = columns
        self.parts = parts
        self.page = page
    }
}

/// A text written in the template, in Chinese and English. It may name values in braces:
/// {year}, {prevYear}, {unit}, or any value a cell may show ({fill_date}, {total}).
public struct FormText: Sendable, Equatable {
    public var zh: String
    public var en: String

    public init(_ zh: String = "", en: String = "") {
        self.zh = zh
        self.en = en
    }

    public var isEmpty: Bool { zh.isEmpty }
}

/// How a column shares the width left over once every column shows its content: a column
/// of figures (0) never grows past what it holds, a column of long text grows most.
public struct FormColumn: Sendable, Equatable {
    public var grow: Int

    public init(grow: Int = 1) { self.grow = grow }
}

/// The paper a sheet is printed on, for the workbook's page setup.
public struct FormPage: Sendable, Equatable {
    public enum Paper: String, Sendable, CaseIterable {
        case a4 = "A4", a3 = "A3"
    }
    public enum Orientation: String, Sendable, CaseIterable {
        case portrait, landscape
    }
    public var paper: Paper = .a4
    public var orientation: Orientation = .portrait
    /// Columns kept in view when a workbook scrolls right (序号, 项目编码, 项目名称), and
    /// whether the rows down to the repeated header stay in view when it scrolls down.
    public var freezeColumns = 0
    public var freezeRows = false

    public init(paper: Paper = .a4, orientation: Orientation = .portrait, freezeColumns: Int = 0, freezeRows: Bool = false) {
        self.paper = paper
        self.orientation = orientation
        self.freezeColumns = freezeColumns
        self.freezeRows = freezeRows
    }
}

/// Consecutive rows that belong together (the fund block, the indicator grid); no cell spans
/// across two parts.
public struct FormPart: Sendable {
    /// Its name as a table of its own (CSV, Markdown); empty: the text of a label that runs
    /// down its whole first column, if it has one.
    public var title: FormText
    public var rows: [FormRow]

    public init(title: FormText = FormText(), rows: [FormRow]) {
        self.title = title
        self.rows = rows
    }
}

public struct FormRow: Sendable {
    public var cells: [FormCell]
    /// A table printed here once per row ("indicators" or a table id); nil for a fixed row.
    public var region: String?
    /// Column headings: bold, centred.
    public var header: Bool
    /// Repeated at the top of each page the rest of its part continues on (and, in a
    /// workbook, the rows printed at the top of every page).
    public var repeats: Bool
    /// Written as an object, {"cells": […]}, rather than as the array of its cells: where a
    /// message about one of its cells points.
    var cellsInObject = false

    public init(cells: [FormCell], region: String? = nil, header: Bool = false, repeats: Bool = false) {
        self.cells = cells
        self.region = region
        self.header = header
        self.repeats = repeats
    }

    /// The JSON Pointer of cell `k`, given the row's own.
    func pointer(ofCell k: Int, in row: JSONPointer) -> JSONPointer {
        (cellsInObject ? row / "cells" : row) / k
    }
}

public struct FormCell: Sendable {
    public var content: FormContent
    /// Columns and rows the cell takes. In a part with a region row, that row counts once.
    public var columns: Int
    public var rows: Int
    /// nil: centred in a header row or when the cell spans rows, figures to the right,
    /// other text to the left.
    public var align: DisplayWidth.Alignment?
    public var bold: Bool
    /// A figure printed with its unit (99.98%): for a rate whose heading does not say (%).
    public var withUnit: Bool
    /// In a region: consecutive rows with the same value (and the same values in the grouped
    /// columns to its left) are one merged cell, as the 一级 and 二级 labels are.
    public var group: Bool
    /// In an indicator region's 一级 column: the tier's weight after its name, 产出指标（50分）.
    public var withWeight: Bool

    public init(_ content: FormContent, columns: Int = 1, rows: Int = 1, align: DisplayWidth.Alignment? = nil, bold: Bool = false,
                withUnit: Bool = false, group: Bool = false, withWeight: Bool = false) {
        self.content = content
        self.columns = columns
        self.rows = rows
        self.align = align
        self.bold = bold
        self.withUnit = withUnit
        self.group = group
        self.withWeight = withWeight
    }
}

/// What a cell shows.
public enum FormContent: Sendable, Equatable {
    /// Nothing (a blank cell of the form).
    case empty
    /// A fixed text of the form (年度预算申请（万元）, 总分).
    case text(FormText)
    /// The label of a field, grid row or column, as the template names it: "staff_actual",
    /// "car", "projects[].initial", "indicators[].target".
    case label(String)
    /// A value: the unit, the year, a field, a grid cell ("sangong.final"), a column's 合计
    /// ("projects[].initial"), "indicators.score", "total", "grade"; after a fixed text
    /// (等级：优秀) when `prefix` is not empty.
    case value(String, prefix: FormText)
    /// A weight the template sets: the 分值 of a computed score ("exec_score") or the total
    /// of all weights ("total", 100).
    case weight(String)
    /// In a region row: a column of its table ("name", "level1"), or "#" for the running
    /// number (序号).
    case column(String)
}

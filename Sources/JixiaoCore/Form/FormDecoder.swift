/// Reads a template's `"form"`: sheets of parts of rows of cells. What the cells name is
/// checked afterwards, with the rest of the template, by `FormChecker`.
///
///     "form": {"sheets": [{
///       "id": "evaluation", "name": "附件1-2 自评表", "caption": "附件1-2",
///       "title": "{year}年度部门整体支出绩效自评表", "paper": "A4", "orientation": "landscape",
///       "columns": [1, 1, 1, 3, 2, 2, 0, 0, 2],
///       "below": ["说明：1.分值设定100分……"],
///       "parts": [{"rows": [
///         [{"text": "单位名称"}, {"value": "unit", "span": 8}],
///         {"header": true, "repeat": true, "cells": [{"text": "绩效指标（90分）", "rows": 2}, {"label": "indicators[].level1"}, …]},
///         {"region": "indicators", "cells": [{"column": "level1", "group": true, "withWeight": true}, …]}
///       ]}]
///     }]}
enum FormDecoder {
    static func decode(_ v: JSONValue, _ p: JSONPointer, _ r: inout JSONReading) -> FormLayout? {
        guard let o = r.object(v, p, allowed: ["sheets"]) else { return nil }
        let values = r.array(o, "sheets", p, required: true)
        if values.isEmpty && o["sheets"]?.arrayValue != nil {
            r.fail(p / "sheets", "表样至少要有一张表", "a form needs at least one sheet")
        }
        var sheets = [FormSheet]()
        for (n, sv) in values.enumerated() {
            if let s = sheet(sv, p / "sheets" / n, &r) { sheets.append(s) }
        }
        return FormLayout(sheets: sheets)
    }

    static func sheet(_ v: JSONValue, _ p: JSONPointer, _ r: inout JSONReading) -> FormSheet? {
        guard let o = r.object(v, p, allowed: ["id", "name", "caption", "captionEn", "title", "titleEn", "above", "below",
                                               "columns", "parts", "paper", "orientation", "freezeColumns", "freezeRows"]) else { return nil }
        var columns = [FormColumn]()
        let columnValues = r.array(o, "columns", p, required: true)
        for (n, cv) in columnValues.enumerated() {
            guard let lit = cv.numberLiteral, let d = ExactDecimal.parse(lit), let g = ExactDecimal.integer(d), (0...100).contains(g) else {
                r.fail(p / "columns" / n, "列应为 0 到 100 之间的整数（该列分得多余宽度的份数）",
                       "a column is a whole number from 0 to 100 (its share of the spare width)")
                continue
            }
            columns.append(FormColumn(grow: g))
        }
        if columnValues.isEmpty && o["columns"]?.arrayValue != nil {
            r.fail(p / "columns", "至少要有一列", "at least one column is needed")
        }
        var page = FormPage()
        if let s = r.string(o, "paper", p) {
            if let paper = FormPage.Paper(rawValue: s) { page.paper = paper } else {
                r.fail(p / "paper", "纸张应为 \(FormPage.Paper.allCases.map(\.rawValue).joined(separator: " 或 "))",
                       "paper must be \(FormPage.Paper.allCases.map(\.rawValue).joined(separator: " or "))")
            }
        }
        if let s = r.string(o, "orientation", p) {
            if let orientation = FormPage.Orientation(rawValue: s) { page.orientation = orientation } else {
                r.fail(p / "orientation", "方向应为 portrait（纵向）或 landscape（横向）", "orientation must be portrait or landscape")
            }
        }
        page.freezeColumns = r.int(o, "freezeColumns", p, range: 0...100) ?? 0
        page.freezeRows = r.bool(o, "freezeRows", p) ?? false
        var parts = [FormPart]()
        for (n, pv) in r.array(o, "parts", p, required: true).enumerated() {
            if let part = part(pv, p / "parts" / n, &r) { parts.append(part) }
        }
        return FormSheet(id: r.string(o, "id", p, required: true) ?? "",
                         name: r.string(o, "name", p, required: true) ?? "",
                         caption: FormText(r.string(o, "caption", p) ?? "", en: r.string(o, "captionEn", p) ?? ""),
                         title: FormText(r.string(o, "title", p) ?? "", en: r.string(o, "titleEn", p) ?? ""),
                         above: lines(o, "above", p, &r), below: lines(o, "below", p, &r),
                         columns: columns, parts: parts, page: page)
    }

    /// Lines of text: each a string, or {"text": …, "textEn": …}.
    static func lines(_ o: JSONObject, _ key: String, _ p: JSONPointer, _ r: inout JSONReading) -> [FormText] {
        r.array(o, key, p).enumerated().compactMap { n, lv in
            if let s = lv.stringValue { return FormText(s) }
            let lp = p / key / n
            guard let lo = r.object(lv, lp, allowed: ["text", "textEn"]) else { return nil }
            return FormText(r.string(lo, "text", lp, required: true) ?? "", en: r.string(lo, "textEn", lp) ?? "")
        }
    }

    static func part(_ v: JSONValue, _ p: JSONPointer, _ r: inout JSONReading) -> FormPart? {
        guard let o = r.object(v, p, allowed: ["title", "titleEn", "rows"]) else { return nil }
        let values = r.array(o, "rows", p, required: true)
        if values.isEmpty && o["rows"]?.arrayValue != nil {
            r.fail(p / "rows", "一个部分至少要有一行", "a part needs at least one row")
        }
        var rows = [FormRow]()
        for (n, rv) in values.enumerated() {
            if let row = row(rv, p / "rows" / n, &r) { rows.append(row) }
        }
        return FormPart(title: FormText(r.string(o, "title", p) ?? "", en: r.string(o, "titleEn", p) ?? ""), rows: rows)
    }

    /// A row: an array of cells, or {"cells": […], "region": …, "header": …, "repeat": …}.
    static func row(_ v: JSONValue, _ p: JSONPointer, _ r: inout JSONReading) -> FormRow? {
        var row = FormRow(cells: [])
        let cellValues: [JSONValue]
        let cp: JSONPointer
        if let a = v.arrayValue {
            cellValues = a
            cp = p
        } else {
            guard let o = r.object(v, p, allowed: rowKeys) else { return nil }
            cellValues = r.array(o, "cells", p, required: true)
            cp = p / "cells"
            row.cellsInObject = true
            row.region = r.string(o, "region", p, required: o["region"] != nil)
            row.header = r.bool(o, "header", p) ?? false
            row.repeats = r.bool(o, "repeat", p) ?? false
        }
        if cellValues.isEmpty {
            r.fail(cp, "一行至少要有一个单元格", "a row needs at least one cell")
        }
        for (n, cv) in cellValues.enumerated() {
            if let c = cell(cv, cp / n, inRegion: row.region != nil, &r) { row.cells.append(c) }
        }
        return row
    }

    static let contentKeys = ["text", "label", "value", "weight", "column"]
    /// Made once: a form has hundreds of cells, and every command reads its template.
    static let cellKeys = Set(contentKeys + ["textEn", "span", "rows", "align", "bold", "unit", "group", "withWeight"])
    static let rowKeys: Set<String> = ["cells", "region", "header", "repeat"]

    static func cell(_ v: JSONValue, _ p: JSONPointer, inRegion: Bool, _ r: inout JSONReading) -> FormCell? {
        guard let o = r.object(v, p, allowed: cellKeys) else { return nil }
        let given = contentKeys.filter { o[$0] != nil }
        let content: FormContent
        switch given {
        case []:
            content = .empty
        case ["text"]:
            content = .text(FormText(r.string(o, "text", p) ?? "", en: r.string(o, "textEn", p) ?? ""))
        case ["label"]:
            content = .label(r.string(o, "label", p, required: true) ?? "")
        case ["value"], ["text", "value"]:
            content = .value(r.string(o, "value", p, required: true) ?? "",
                             prefix: FormText(r.string(o, "text", p) ?? "", en: r.string(o, "textEn", p) ?? ""))
        case ["weight"]:
            content = .weight(r.string(o, "weight", p, required: true) ?? "")
        case ["column"]:
            content = .column(r.string(o, "column", p, required: true) ?? "")
        default:
            r.fail(p, "单元格只能有“text”“label”“value”“weight”“column”中的一个（“text”可作“value”的前缀）",
                   "a cell has one of \"text\", \"label\", \"value\", \"weight\", \"column\" (\"text\" may lead a \"value\")")
            return nil
        }
        switch (content, inRegion) {
        case (.column, false):
            r.fail(p / "column", "“column”只能用在 region 行中", "\"column\" belongs in a region row only")
        case (.column, true), (.empty, _), (_, false):
            break
        case (_, true):
            r.fail(p, "region 行的单元格应为“column”（或空白）", "the cells of a region row are \"column\" cells (or blank)")
        }
        var cell = FormCell(content)
        cell.columns = r.int(o, "span", p, range: 1...100) ?? 1
        cell.rows = r.int(o, "rows", p, range: 1...100) ?? 1
        if inRegion && cell.rows > 1 {
            r.fail(p / "rows", "region 行的单元格不能跨行（相同的值用“group”合并）", "a region cell cannot span rows (\"group\" merges equal values)")
        }
        if let a = r.string(o, "align", p) {
            switch a {
            case "left": cell.align = .left
            case "center": cell.align = .center
            case "right": cell.align = .right
            default: r.fail(p / "align", "对齐应为 left、center 或 right", "align must be left, center or right")
            }
        }
        cell.bold = r.bool(o, "bold", p) ?? false
        cell.withUnit = r.bool(o, "unit", p) ?? false
        cell.group = r.bool(o, "group", p) ?? false
        cell.withWeight = r.bool(o, "withWeight", p) ?? false
        if !inRegion && (cell.group || cell.withWeight) {
            r.fail(p / (cell.group ? "group" : "withWeight"), "只能用在 region 行中", "belongs in a region row only")
        }
        return cell
    }
}

/// Checks a template's form against the rest of the template: every part tiles its grid
/// (the cells of each row, with the taller cells from the rows above, cover every column
/// exactly once), every field, row, table and column a cell or a {placeholder} names exists,
/// and every sheet can be a worksheet. Each problem is reported at its JSON Pointer.
enum FormChecker {
    /// Most columns a sheet may have: wider than any printed form, narrow enough for a page.
    static let maxColumns = 64

    static func check(_ form: FormLayout, _ t: Template, _ r: inout JSONReading) {
        let fp = JSONPointer() / "form"
        var ids = [String: Int]()
        var names = [String: Int]()
        for (si, sheet) in form.sheets.enumerated() {
            let sp = fp / "sheets" / si
            if let first = ids[sheet.id] {
                r.fail(sp / "id", "表 id “\(sheet.id)”重复（第 \(first) 张已用）", "sheet id \"\(sheet.id)\" is used twice (by sheet \(first))")
            } else {
                ids[sheet.id] = si
            }
            if let why = worksheetNameProblem(sheet.name) {
                r.fail(sp / "name", why.zh, why.en)
            } else if let first = names[sheet.name.lowercased()] {
                r.fail(sp / "name", "表名“\(sheet.name)”重复（第 \(first) 张已用）", "sheet name \"\(sheet.name)\" is used twice (by sheet \(first))")
            } else {
                names[sheet.name.lowercased()] = si
            }
            let n = sheet.columns.count
            if n > maxColumns {
                r.fail(sp / "columns", "最多 \(maxColumns) 列", "at most \(maxColumns) columns")
                continue
            }
            guard n > 0 else { continue }
            if sheet.page.freezeColumns >= n {
                r.fail(sp / "freezeColumns", "冻结的列数应少于表的 \(n) 列", "fewer columns than the sheet's \(n) can be frozen")
            }
            checkText(sheet.caption, at: sp / "caption", t, &r)
            checkText(sheet.title, at: sp / "title", t, &r)
            for (k, line) in sheet.above.enumerated() { checkText(line, at: sp / "above" / k, t, &r) }
            for (k, line) in sheet.below.enumerated() { checkText(line, at: sp / "below" / k, t, &r) }
            for (pi, part) in sheet.parts.enumerated() {
                let pp = sp / "parts" / pi
                checkTiling(part, columns: n, at: pp, &r)
                checkText(part.title, at: pp / "title", t, &r)
                for (ri, row) in part.rows.enumerated() {
                    let rp = pp / "rows" / ri
                    if let region = row.region { checkRegion(region, at: rp / "region", t, &r) }
                    for (ci, cell) in row.cells.enumerated() {
                        checkCell(cell, region: row.region, at: row.pointer(ofCell: ci, in: rp), t, &r)
                    }
                }
            }
        }
    }

    /// Excel's rules for a worksheet name: 1 to 31 characters, none of : \ / ? * [ ], and no
    /// apostrophe at either end.
    static func worksheetNameProblem(_ name: String) -> (zh: String, en: String)? {
        if name.isEmpty { return ("表名不能为空", "a sheet name must not be empty") }
        if name.utf16.count > 31 { return ("表名“\(name)”超过 31 个字符（电子表格的上限）", "sheet name \"\(name)\" is longer than 31 characters (a workbook's limit)") }
        if name.contains(where: { ":\\/?*[]".contains($0) }) {
            return ("表名“\(name)”不能含 : \\ / ? * [ ]", "sheet name \"\(name)\" must not hold : \\ / ? * [ ]")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { return ("表名不能以“'”开头或结尾", "a sheet name must not start or end with '") }
        if TerminalText.holdsUnsafe(name) { return ("表名不能含控制字符", "a sheet name must not hold control characters") }
        return nil
    }

    static func checkTiling(_ part: FormPart, columns n: Int, at pp: JSONPointer, _ r: inout JSONReading) {
        func cellPointer(_ row: Int, _ cell: Int) -> JSONPointer {
            part.rows[row].pointer(ofCell: cell, in: pp / "rows" / row)
        }
        for problem in FormTiling(part, columns: n).problems {
            switch problem {
            case .pastLastColumn(let row, let cell):
                r.fail(cellPointer(row, cell), "单元格超出了最后一列（表有 \(n) 列）", "the cell runs past the last column (the sheet has \(n))")
            case .overlaps(let row, let cell):
                r.fail(cellPointer(row, cell), "单元格与上方跨行的单元格重叠", "the cell overlaps a cell spanning down from a row above")
            case .gap(let row, let column):
                r.fail(pp / "rows" / row, "这一行只排到第 \(column) 列，表有 \(n) 列：各单元格的 span 之和（加上从上方跨下来的单元格）应等于列数",
                       "this row covers only \(column) of the sheet's \(n) columns: its spans, with the cells spanning down from above, must add up to the columns")
            case .pastLastRow(let row, let cell):
                r.fail(cellPointer(row, cell) / "rows", "跨行超出了本部分的最后一行（单元格只能在一个部分内跨行）",
                       "the cell spans past the last row of its part (cells span rows within their part only)")
            }
        }
    }

    static func checkRegion(_ region: String, at p: JSONPointer, _ t: Template, _ r: inout JSONReading) {
        if region == "indicators" {
            if t.indicators == nil { r.fail(p, "模板没有指标体系", "the template has no indicators") }
        } else if t.index.tables[region] == nil {
            r.fail(p, "没有名为“\(region)”的表", "there is no table \"\(region)\"")
        }
    }

    static func checkCell(_ cell: FormCell, region: String?, at p: JSONPointer, _ t: Template, _ r: inout JSONReading) {
        switch cell.content {
        case .empty:
            break
        case .text(let text):
            checkText(text, at: p / "text", t, &r)
        case .label(let ref):
            if t.formLabel(ref) == nil { r.fail(p / "label", "“\(ref)”不是字段、表格的行或列", "\"\(ref)\" names no field, grid row or column") }
        case .value(let ref, let prefix):
            checkText(prefix, at: p / "text", t, &r)
            if let why = valueProblem(ref, t) { r.fail(p / "value", why.zh, why.en) }
        case .weight(let ref):
            if ref == "total" {
                if t.indicators == nil { r.fail(p / "weight", "模板没有指标体系，没有总分值", "the template has no indicators, so no total weight") }
            } else if case .score? = t.index.fields[ref]?.formula {
            } else {
                r.fail(p / "weight", "“\(ref)”不是计算得分的字段（score 公式）", "\"\(ref)\" is not a computed score (a score formula)")
            }
        case .column(let key):
            guard let region, key != "#" else { return }
            let keys: [String]
            if region == "indicators" {
                keys = IndicatorRow.keys
                if cell.withWeight && key != "level1" {
                    r.fail(p / "withWeight", "只有一级指标列能带分值", "only the level1 column shows a weight")
                }
            } else {
                keys = t.index.tables[region]?.columns.map(\.id) ?? []
                if cell.withWeight { r.fail(p / "withWeight", "只有指标表的一级指标列能带分值", "only an indicator region's level1 column shows a weight") }
            }
            if !keys.isEmpty && !keys.contains(key) {
                r.fail(p / "column", "“\(region)”没有列“\(key)”（可用：\(keys.joined(separator: "、"))、#）",
                       "\"\(region)\" has no column \"\(key)\" (known: \(keys.joined(separator: ", ")), #)")
            }
        }
    }

    /// Every {placeholder} of a text must name a value.
    static func checkText(_ text: FormText, at p: JSONPointer, _ t: Template, _ r: inout JSONReading) {
        for name in FormReference.placeholders(in: text.zh) + FormReference.placeholders(in: text.en) {
            if let why = valueProblem(name, t) { r.fail(p, "{\(name)}：\(why.zh)", "{\(name)}: \(why.en)") }
        }
    }

    static func valueProblem(_ ref: String, _ t: Template) -> (zh: String, en: String)? {
        let ix = t.index
        switch FormReference.parse(ref) {
        case .unit, .year:
            return nil
        case .total, .grade:
            return t.total == nil ? ("模板没有总分公式（total）", "the template has no \"total\" formula") : nil
        case .stated(let key):
            return StatedFigures.fields(t).contains { $0.key == key } ? nil
                : ("“\(ref)”不是报告所列的数字（可用：\(StatedFigures.fields(t).map { "stated." + $0.key }.joined(separator: "、"))）",
                   "\"\(ref)\" is not a stated figure")
        case .reference(.field(let id)):
            return ix.fields[id] == nil ? ("“\(ref)”不是字段", "\"\(ref)\" is not a field") : nil
        case .reference(.cell(let row, let column)):
            guard let (gid, gr) = ix.gridRows[row], gr.table == nil, ix.grids[gid]?.columns.contains(where: { $0.id == column }) == true else {
                return ("“\(ref)”不是表格中的单元格", "\"\(ref)\" is not a grid cell")
            }
            return nil
        case .reference(.columnSum(let tid, let column)):
            guard let tab = ix.tables[tid], tab.totals.contains(column) else {
                return ("“\(ref)”不是有合计的列", "\"\(ref)\" is not a column with a total")
            }
            return nil
        case .reference(.indicatorScores), .reference(.indicatorWeights):
            return ix.hasIndicators ? nil : ("模板没有指标体系", "the template has no indicators")
        case .reference(.rowColumn):
            return ("“\(ref)”无法解析", "\"\(ref)\" cannot be resolved")
        }
    }
}

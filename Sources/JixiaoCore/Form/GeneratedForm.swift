/// The form of a template that does not draw its own (one written before forms existed, or a
/// quick one of a user's): one sheet, its sections in order, each block a part. Fields are
/// label and value side by side, grids and tables keep their columns, the indicator grid its
/// eight; 总分 and 等级 close it, and the footer fields (填表人 …) are the lines under it.
enum GeneratedForm {
    static func layout(for t: Template) -> FormLayout {
        var widest = 2
        for s in t.sections {
            for b in s.blocks {
                switch b {
                case .grid(let g): widest = max(widest, 1 + g.columns.count)
                case .table(let tab): widest = max(widest, tab.columns.count + (tab.numbered ? 1 : 0))
                case .indicators: widest = max(widest, IndicatorRow.keys.count)
                case .unit, .fields, .result: break
                }
            }
        }
        let n = widest
        var parts = [FormPart]()
        var below = [FormText]()
        func row(_ cells: [FormContent], header: Bool = false, repeats: Bool = false, region: String? = nil) -> FormRow {
            let spans = spread(cells.count, over: n)
            return FormRow(cells: zip(cells, spans).map { FormCell($0, columns: $1) }, region: region, header: header, repeats: repeats)
        }
        for s in t.sections {
            let title = FormText(s.title, en: s.titleEn)
            for b in s.blocks {
                switch b {
                case .unit:
                    parts.append(FormPart(title: title, rows: [
                        row([.text(FormText(t.unitLabel, en: "Unit")), .value("unit", prefix: FormText())]),
                        row([.text(FormText("年度", en: "Year")), .value("year", prefix: FormText())]),
                    ]))
                case .fields(let g) where g.footer:
                    let line = g.fields.map { "\($0.label)：{\($0.id)}" }.joined(separator: "　　")
                    let lineEn = g.fields.map { "\($0.labelEn.isEmpty ? $0.label : $0.labelEn): {\($0.id)}" }.joined(separator: "    ")
                    below.append(FormText(line, en: lineEn))
                case .fields(let g):
                    var rows = [FormRow]()
                    for f in g.fields {
                        var r = row([.label(f.id), .value(f.id, prefix: FormText())])
                        // A rate shows its %; other units are in the label's heading or go without.
                        r.cells[1].withUnit = f.kind == .percent
                        rows.append(r)
                    }
                    parts.append(FormPart(title: g.title.isEmpty ? title : FormText(g.title, en: g.titleEn), rows: rows))
                case .grid(let g):
                    var rows = [row([.text(FormText(g.corner, en: "Item"))] + g.columns.map { .label("\(g.id)[].\($0.id)") }, header: true)]
                    for gr in g.rows {
                        if let tid = gr.table {
                            rows.append(row([.column("name")] + g.columns.map { .column($0.id) }, region: tid))
                            continue
                        }
                        let indent = String(repeating: "  ", count: gr.indent)
                        let label = FormText(indent + gr.label, en: indent + (gr.labelEn.isEmpty ? gr.label : gr.labelEn))
                        rows.append(row([.text(label)] + g.columns.map { .value("\(gr.id).\($0.id)", prefix: FormText()) }))
                    }
                    parts.append(FormPart(title: FormText(g.title, en: g.titleEn), rows: rows))
                case .table(let tab):
                    let numbered: [FormContent] = tab.numbered ? [.text(FormText("序号", en: "No."))] : []
                    var rows = [row(numbered + tab.columns.map { .label("\(tab.id)[].\($0.id)") }, header: true, repeats: true)]
                    rows.append(row((tab.numbered ? [.column("#")] : []) + tab.columns.map { .column($0.id) }, region: tab.id))
                    if !tab.totals.isEmpty {
                        var cells: [FormContent] = tab.numbered ? [.text(FormText("合计", en: "Total"))] : []
                        for c in tab.columns {
                            cells.append(tab.totals.contains(c.id) ? .value("\(tab.id)[].\(c.id)", prefix: FormText()) : .empty)
                        }
                        if !tab.numbered, let first = tab.columns.firstIndex(where: { !tab.totals.contains($0.id) }) {
                            cells[first] = .text(FormText("合计", en: "Total"))
                        }
                        rows.append(row(cells))
                    }
                    parts.append(FormPart(title: FormText(tab.title, en: tab.titleEn), rows: rows))
                case .indicators:
                    guard t.indicators != nil else { continue }
                    let keys = IndicatorRow.keys
                    var region = row(keys.map { .column($0) }, region: "indicators")
                    region.cells[0].group = true
                    region.cells[0].withWeight = true
                    region.cells[1].group = true
                    let total = [FormContent.text(FormText("合计", en: "Total")), .empty, .empty, .empty, .empty,
                                 .value("indicators.weight", prefix: FormText()), .value("indicators.score", prefix: FormText()), .empty]
                    parts.append(FormPart(title: title, rows: [
                        row(keys.map { .label("indicators[].\($0)") }, header: true, repeats: true), region, row(total),
                    ]))
                case .result:
                    guard t.total != nil else { continue }
                    parts.append(FormPart(title: title, rows: [
                        row([.text(FormText("总分", en: "Total")), .value("total", prefix: FormText())]),
                        row([.text(FormText("等级", en: "Grade")), .value("grade", prefix: FormText())]),
                    ]))
                }
            }
        }
        let sheet = FormSheet(id: "sheet", name: worksheetName(t.title), below: below, columns: Array(repeating: FormColumn(), count: n),
                              parts: parts, page: FormPage(orientation: n > 6 ? .landscape : .portrait))
        return FormLayout(sheets: [sheet], isGenerated: true)
    }

    /// `k` spans that add up to `n`, as even as they can be, the wider ones last.
    static func spread(_ k: Int, over n: Int) -> [Int] {
        guard k > 0 else { return [] }
        let base = n / k, extra = n % k
        return (0..<k).map { base + ($0 >= k - extra ? 1 : 0) }
    }

    /// The template's title as a worksheet name: without {year}, without what Excel forbids,
    /// at most 31 characters.
    static func worksheetName(_ title: String) -> String {
        var name = ""
        for c in title.replacingLiteral("{year}", with: "").replacingLiteral("{prevYear}", with: "")
        where !":\\/?*[]'".contains(c) && !c.unicodeScalars.contains(where: { TerminalText.isUnsafe($0.value) }) {
            guard name.utf16.count + c.utf16.count <= 31 else { break }
            name.append(c)
        }
        return name.isEmpty ? "Sheet1" : name
    }
}

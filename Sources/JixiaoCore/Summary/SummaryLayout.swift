import FoundationEssentials

/// The summary as a `PrintDocument`, for the renderers `jixiao print` uses (text, CSV,
/// Markdown): the title, the money unit, one table (序号 … 主要原因分析, then each sheet's
/// errors, warnings and file; a 小计 after each group; the 合计), the counts per grade with
/// the average score, and the sheets that could not be read.
///
/// The one place the summary is laid out: when printing moves to the official form's grid of
/// cells, this function is what moves. Every text from a sheet goes through `shown`, which
/// makes what a terminal would obey visible (`\u001B`), as `SheetLayout` does for a sheet.
public enum SummaryLayout {
    public static func document(_ summary: ProjectSummary, failures: [String] = [], lang: Language = .zh) -> PrintDocument {
        let form = summary.form
        func pick(_ zh: String, _ en: String) -> String { lang.pick(zh, en) }
        func money(_ d: Decimal?) -> String { d.map { ExactDecimal.format($0, places: form.moneyPlaces) } ?? "" }
        func rate(_ v: ComputedValue?) -> String {
            switch v {
            case .number(let d)?: return ExactDecimal.format(d, places: form.percentPlaces)
            case .undefined?: return "—"
            default: return ""
            }
        }
        func grade(_ g: String?) -> String {
            guard let g else { return "" }
            return shown(lang == .en ? form.grades.first { $0.grade == g }?.gradeEn ?? g : g)
        }
        // 序号, 项目编码 … 主要原因分析, 错误, 警告, 文件: which are figures (for spreadsheets).
        let figures = [true, false, false, false, true, true, true, true, true, true, false, false, true, true, false]
        func totalsRow(_ label: String, _ name: String, _ t: SummaryTotals) -> PrintRow {
            PrintRow([label, "", shown(name), "", money(t.initial), money(t.adjusted), money(t.executed), rate(t.execRate), rate(t.adjustRate),
                      "", "", "", String(t.errors), String(t.warnings), ""], emphasis: true, figures: figures)
        }

        var rows = [PrintRow]()
        var number = 0
        for g in summary.groups {
            for r in g.rows {
                number += 1
                rows.append(PrintRow([String(number), shown(r.code), shown(r.name), shown(r.unit), money(r.initial), money(r.adjusted), money(r.executed),
                                      rate(r.execRate), rate(r.adjustRate), r.score.map { ExactDecimal.format($0, places: form.scorePlaces) } ?? "",
                                      grade(r.grade), shown(r.reason, multiline: true), String(r.errors), String(r.warnings), shown(r.path)],
                                     figures: figures))
            }
            if summary.options.groupBy != nil { rows.append(totalsRow(pick("小计", "Subtotal"), g.name, g.totals)) }
        }
        if number == 0 {
            rows.append(PrintRow([pick("（无）", "(none)")] + Array(repeating: "", count: figures.count - 1)))
        } else {
            rows.append(totalsRow(pick("合计", "Total"), "", summary.totals))
        }

        let headers = [pick("序号", "No.")] + ["code", "name", "budget_unit", "initial", "adjusted", "executed", "exec_rate", "adjust_rate", "score", "grade", "reason"]
            .map { shown(form.label($0, lang)) } + [pick("错误", "Errors"), pick("警告", "Warnings"), pick("文件", "File")]
        func widest(_ k: Int, atLeast least: Int) -> Int { max(least, rows.map { DisplayWidth.of($0.cells[k]) }.max() ?? 0) }
        let columns = headers.enumerated().map { k, h -> PrintColumn in
            switch k {
            case 1: return PrintColumn(h, grow: 0, minWidth: widest(1, atLeast: 6))  // a 21-digit code is never cut
            case 2, 11: return PrintColumn(h, grow: 3, minWidth: 8)
            case 3, 14: return PrintColumn(h, grow: 2, minWidth: 8)
            case 10: return PrintColumn(h, grow: 0, minWidth: widest(10, atLeast: 4))
            default: return PrintColumn(h, align: .right, grow: 0, minWidth: widest(k, atLeast: 4))
            }
        }
        let section = pick("项目自评汇总表", "Summary")
        var blocks: [PrintBlock] = [
            .paragraph(pick("金额单位：\(form.moneyUnit)", "Amounts in \(form.moneyUnit == "元" ? "yuan" : form.moneyUnit == "万元" ? "10k yuan" : form.moneyUnit)")),
            .table(PrintTable(title: "", section: section, columns: columns, rows: rows)),
        ]
        var counts = [String]()
        if summary.options.groupBy != nil {
            for g in summary.groups { counts.append("\(shown(g.name))：\(tally(g.totals, form, lang))") }
        }
        counts.append(pick("合计：", "Total: ") + tally(summary.totals, form, lang))
        blocks.append(.paragraph(counts.joined(separator: "\n")))
        if !failures.isEmpty {
            blocks.append(.heading(pick("未能读取的表（\(failures.count) 个，未计入汇总）", "Sheets that could not be read (\(failures.count), left out)")))
            blocks.append(.paragraph(failures.map { shown($0) }.joined(separator: "\n")))
        }
        let title = lang == .en && !form.template.titleEn.isEmpty ? form.template.titleEn : form.template.title
        return PrintDocument(title: shown(title.replacingLiteral("{year}", with: summary.year.map(String.init) ?? "____")), blocks: blocks)
    }

    /// "40 张表，平均分 91.66；一等 27 个，二等 13 个，三等 0 个，四等 0 个；错误 3 个，警告 12 个".
    static func tally(_ t: SummaryTotals, _ form: SummaryForm, _ lang: Language) -> String {
        let average = t.average.map { ExactDecimal.format($0, places: form.scorePlaces) } ?? "—"
        var grades = t.grades.map { g in
            lang.pick("\(g.grade) \(g.count) 个", "\(form.grades.first { $0.grade == g.grade }?.gradeEn ?? g.grade) \(g.count)")
        }
        if t.ungraded > 0 { grades.append(lang.pick("未评分 \(t.ungraded) 个", "no score \(t.ungraded)")) }
        return lang.pick("\(t.sheets) 张表，平均分 \(average)；\(grades.joined(separator: "，"))；错误 \(t.errors) 个，警告 \(t.warnings) 个",
                         "\(t.sheets) sheets, average score \(average); \(grades.joined(separator: ", ")); \(t.errors) errors, \(t.warnings) warnings")
    }

    /// A text from a sheet as printed: what a terminal would obey is shown as `\u001B`.
    static func shown(_ s: String, multiline: Bool = false) -> String {
        TerminalText.visible(multiline ? s.replacing("\r\n", with: "\n") : s, keepingLineBreaks: multiline)
    }
}

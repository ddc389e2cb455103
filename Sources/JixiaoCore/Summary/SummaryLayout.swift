import FoundationEssentials

/// The summary as a `PrintDocument`, for every renderer `jixiao print` uses (text, XLSX, CSV,
/// Markdown): one sheet whose grid has the header row (repeated on every page), a row per
/// sheet summarised (序号 … 主要原因分析, then its errors, warnings and file; a 小计 after each
/// group; the 合计), with the money unit above it and the counts per grade, the average score
/// and the sheets that could not be read below.
///
/// Every text from a sheet goes through `shown`, which makes what a terminal would obey
/// visible (`\u001B`), as `SheetLayout` does for a sheet; figures carry their exact values, so
/// that a workbook holds numbers.
public enum SummaryLayout {
    public static func document(_ summary: ProjectSummary, failures: [String] = [], lang: Language = .zh) -> PrintDocument {
        let form = summary.form
        func pick(_ zh: String, _ en: String) -> String { lang.pick(zh, en) }
        func money(_ d: Decimal?) -> Entry {
            guard let d else { return .text("") }
            return .figure(PrintFigure(value: d, decimals: form.moneyPlaces, grouped: true), ExactDecimal.format(d, places: form.moneyPlaces))
        }
        func rate(_ v: ComputedValue?) -> Entry {
            switch v {
            case .number(let d)?: return .figure(PrintFigure(value: ExactDecimal.round(d, form.percentPlaces), decimals: form.percentPlaces), ExactDecimal.format(d, places: form.percentPlaces))
            case .undefined?: return .text("—")
            default: return .text("")
            }
        }
        func count(_ n: Int) -> Entry { .figure(PrintFigure(value: Decimal(n), decimals: 0), String(n)) }
        func grade(_ g: String?) -> Entry {
            guard let g else { return .text("") }
            return .text(shown(lang == .en ? form.grades.first { $0.grade == g }?.gradeEn ?? g : g))
        }
        func totals(_ label: String, _ name: String, _ t: SummaryTotals) -> [Entry] {
            [.text(label), .text(""), .text(shown(name)), .text(""), money(t.initial), money(t.adjusted), money(t.executed), rate(t.execRate), rate(t.adjustRate),
             .text(""), .text(""), .text(""), count(t.errors), count(t.warnings), .text("")]
        }

        let headers = [pick("序号", "No.")] + ["code", "name", "budget_unit", "initial", "adjusted", "executed", "exec_rate", "adjust_rate", "score", "grade", "reason"]
            .map { shown(form.label($0, lang)) } + [pick("错误", "Errors"), pick("警告", "Warnings"), pick("文件", "File")]
        var lines: [(entries: [Entry], bold: Bool)] = []
        var number = 0
        for g in summary.groups {
            for r in g.rows {
                number += 1
                let score: Entry = r.score.map { .figure(PrintFigure(value: $0, decimals: form.scorePlaces), ExactDecimal.format($0, places: form.scorePlaces)) } ?? .text("")
                lines.append(([count(number), .text(shown(r.code)), .text(shown(r.name)), .text(shown(r.unit)), money(r.initial), money(r.adjusted), money(r.executed),
                               rate(r.execRate), rate(r.adjustRate), score, grade(r.grade), .text(shown(r.reason, multiline: true)),
                               count(r.errors), count(r.warnings), .text(shown(r.path))], false))
            }
            if summary.options.groupBy != nil { lines.append((totals(pick("小计", "Subtotal"), g.name, g.totals), true)) }
        }
        if number == 0 {
            lines.append(([.text(pick("（无）", "(none)"))] + Array(repeating: .text(""), count: headers.count - 1), false))
        } else {
            lines.append((totals(pick("合计", "Total"), "", summary.totals), true))
        }

        // The grid: the header row, then the lines; names, units, reasons and files grow.
        var cells = headers.enumerated().map { k, h in PrintCell(row: 0, column: k, text: h, align: .center, bold: true) }
        for (n, line) in lines.enumerated() {
            for (k, e) in line.entries.enumerated() {
                switch e {
                case .text(let t): cells.append(PrintCell(row: n + 1, column: k, text: t, bold: line.bold))
                case .figure(let f, let t): cells.append(PrintCell(row: n + 1, column: k, text: t, figure: f, align: .right, bold: line.bold))
                }
            }
        }
        let grows = [0, 0, 3, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 2]
        let grid = PrintGrid(columns: grows.map { FormColumn(grow: $0) },
                             rows: [PrintGridRow(part: 0, header: true, repeats: true)] + lines.map { _ in PrintGridRow(part: 0) },
                             cells: cells, parts: [PrintPart(title: pick("项目自评汇总表", "Summary"), rows: 0..<(lines.count + 1))])

        var below = [String]()
        if summary.options.groupBy != nil {
            for g in summary.groups { below.append("\(shown(g.name))：\(tally(g.totals, form, lang))") }
        }
        below.append(pick("合计：", "Total: ") + tally(summary.totals, form, lang))
        if !failures.isEmpty {
            below.append(pick("未能读取的表（\(failures.count) 个，未计入汇总）：", "Sheets that could not be read (\(failures.count), left out):"))
            below += failures.map { shown($0) }
        }
        let unit = pick("金额单位：\(form.moneyUnit)", "Amounts in \(form.moneyUnit == "元" ? "yuan" : form.moneyUnit == "万元" ? "10k yuan" : form.moneyUnit)")
        let template = lang == .en && !form.template.titleEn.isEmpty ? form.template.titleEn : form.template.title
        let title = shown(template.replacingLiteral("{year}", with: summary.year.map(String.init) ?? "____"))
        let sheet = PrintSheet(name: pick("项目自评汇总表", "Summary"), title: title, above: [unit], below: below, grid: grid,
                               page: FormPage(paper: .a4, orientation: .landscape, freezeColumns: 3, freezeRows: true))
        return PrintDocument(title: title, sheets: [sheet])
    }

    /// One cell of a line: text, or a figure with the text it is printed as.
    enum Entry {
        case text(String)
        case figure(PrintFigure, String)
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

import FoundationEssentials

/// Where a sheet keeps what the summary lists, whatever its template: the project's code and
/// name, its supervising department, and its three money figures.
///
/// The bundled templates share their ids for these (a project sheet's `fund_total` row of the
/// fund grid, a department sheet's `fund_*` fields, Guangxi's `dept_*`), so each figure is the
/// first of its candidates that the sheet's template has. A template with none of them (the
/// Guangdong report data has no budget and spending pair) is still listed, with its score and
/// its problems, and its money left blank, never guessed from another figure.
public enum SheetFigures {
    static let code = ["project_code"]
    static let name = ["project_name"]
    static let department = ["department"]
    /// 年初预算数.
    static let initial = ["fund_total.initial", "fund_initial", "dept_initial"]
    /// 调整后预算数: the budget for the whole year, after adjustments (全年预算数).
    static let adjusted = ["fund_total.annual", "fund_annual", "dept_adjusted"]
    /// 全年执行数.
    static let executed = ["fund_total.executed", "fund_executed", "dept_executed"]

    /// The summary's row for a sheet that was read: its figures, its total and grade, and
    /// the counts of its problems (every one counted, none described).
    public static func row(_ loaded: LoadedSession, form: SummaryForm) -> SummaryRow {
        let s = loaded.session, t = loaded.template
        let computed = Calculator.compute(s, t)
        var problems = ProblemList(limit: 0)
        for note in loaded.notes { problems.add(note) }
        Validator.check(s, t, computed, into: &problems)

        var row = SummaryRow(path: loaded.path, templateID: t.id, year: s.year)
        row.code = text(code, s, t) ?? ""
        row.name = text(name, s, t) ?? t.title(year: s.year)
        row.unit = s.unit
        row.department = text(department, s, t) ?? s.unit
        row.initial = money(initial, s, computed, form)
        row.adjusted = money(adjusted, s, computed, form)
        row.executed = money(executed, s, computed, form)
        row.score = computed.total
        row.grade = computed.total.flatMap { Calculator.grade(of: $0, form.grades) }
        if form.wantsReason(grade: row.grade, adjustRate: row.adjustRate) { row.reason = deviations(s) }
        row.errors = problems.errors
        row.warnings = problems.warnings
        return row
    }

    /// The first of `ids` that is a one-line text field of the template, as filled in (nil
    /// when the template has none of them; empty when it is left blank).
    static func text(_ ids: [String], _ s: Session, _ t: Template) -> String? {
        guard let id = ids.first(where: { t.index.fields[$0] != nil }) else { return nil }
        return s.fields[id]?.text ?? ""
    }

    /// The first of `refs` the template has, in the summary's unit, rounded half-up to the
    /// summary's decimals (the figure its row shows and stores; the 合计 adds these). Nil
    /// when the template has none of them, the sheet leaves it blank, or its unit is unknown.
    /// Taken from what was typed or, for a total left blank (年度资金总额 over its 其中 rows),
    /// from the computation already made, never computed again.
    static func money(_ refs: [String], _ s: Session, _ c: Computed, _ form: SummaryForm) -> Decimal? {
        let ix = c.template.index
        for ref in refs {
            let field: Field?, value: Decimal?
            switch Reference.parse(ref, inTable: nil) {
            case .field(let id):
                field = ix.fields[id]
                value = s.fields[id]?.decimal ?? c.scalars[id]?.decimal
            case .cell(let r, let col):
                field = ix.gridRows[r].flatMap { ix.grids[$0.grid] }?.columns.first { $0.id == col }
                value = s.cells[r]?[col]?.decimal ?? c.gridSums[r]?[col]
            default:
                continue
            }
            guard let field, field.kind == .money else { continue }
            guard let value, let converted = MoneyUnit.convert(value, from: field.unit, to: form.moneyUnit) else { return nil }
            return ExactDecimal.round(converted, form.moneyPlaces)
        }
        return nil
    }

    /// The sheet's 偏差原因分析及改进措施, one indicator a line: "三级指标：原因".
    static func deviations(_ s: Session) -> String {
        s.indicators.compactMap { r in
            let why = r.deviation.trimmingWhitespace()
            guard !why.isEmpty else { return nil }
            let name = r.name.trimmingWhitespace()
            return name.isEmpty ? why : "\(name)：\(why)"
        }.joined(separator: "\n")
    }
}

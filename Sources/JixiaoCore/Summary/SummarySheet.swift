import FoundationEssentials

/// The summary as a sheet of its own template (`guangxi-project-summary`): one row of its
/// table per listed sheet, so that the editor opens it, `validate` checks it and `print`
/// prints it like any other sheet. Its money is each row's as the summary shows it (already
/// in the table's unit and decimals), its 自评得分 the sheet's 总分; the table computes the
/// rates, grades and 合计 itself again. The department's own figures (年初预算, 调整后预算,
/// 全年执行数, 指标完成情况得分) are not any project's and are left for the unit to fill in.
public enum SummarySheet {
    /// `unit` and `year` nil: the supervising department and the year all the sheets share,
    /// if they share one.
    public static func session(_ summary: ProjectSummary, unit: String? = nil, year: Int? = nil) -> Session {
        let form = summary.form
        let departments = Set(summary.rows.map(\.department))
        let shared = departments.count == 1 ? departments.first : nil
        var s = Session.new(for: form.template, unit: unit ?? shared ?? "", year: year ?? summary.year)
        s.tables[form.table.id] = summary.rows.map { r in
            var row = [String: FieldValue]()
            func put(_ column: String, _ text: String) {
                if !text.isEmpty { row[column] = .text(text) }
            }
            func put(_ column: String, _ d: Decimal?) {
                if let d { row[column] = .number(ExactDecimal.plainString(d)) }
            }
            put("code", r.code)
            put("name", r.name)
            put("budget_unit", r.unit)
            put("initial", r.initial)
            put("adjusted", r.adjusted)
            put("executed", r.executed)
            put("score", r.score)
            put("reason", r.reason)
            return row
        }
        return s
    }
}

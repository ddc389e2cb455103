import FoundationEssentials

/// The summary table as its template lays it out: the table of projects of
/// `guangxi-project-summary` (seed 004's 项目自评汇总表), read as data. Its columns give the
/// summary its headings, its money unit (元) and decimals, and its requirements (主要原因分析
/// for 三等/四等 projects); its grade bands grade every sheet summarised, whatever bands the
/// sheet's own template has, so that the printed summary and the sheet `--save` writes agree.
public struct SummaryForm: Sendable {
    /// The template the summary follows by default, and `--save` writes.
    public static let defaultTemplateID = "guangxi-project-summary"

    /// The columns of the table that the summary fills, by id: what `--save` writes, and
    /// what a template must have to serve as a summary.
    public static let columnIDs = ["code", "name", "budget_unit", "initial", "adjusted", "executed",
                                   "exec_rate", "adjust_rate", "score", "grade", "reason"]

    public let template: Template
    /// The table of projects.
    public let table: Table
    /// Its columns by id.
    let columns: [String: Field]

    /// Nil when the template has no table with every column of `columnIDs`.
    public init?(_ template: Template) {
        guard let table = template.index.tableOrder.lazy.compactMap({ template.index.tables[$0] })
            .first(where: { t in Self.columnIDs.allSatisfy { id in t.columns.contains { $0.id == id } } }) else { return nil }
        self.template = template
        self.table = table
        var columns = [String: Field]()
        for c in table.columns { columns[c.id] = c }
        self.columns = columns
    }

    /// The unit of the money columns (元 in seed 004).
    public var moneyUnit: String { columns["initial"]?.unit ?? "元" }
    public var moneyPlaces: Int { columns["initial"]?.decimals ?? template.rounding.money }
    public var percentPlaces: Int { columns["exec_rate"]?.decimals ?? template.rounding.percent }
    public var scorePlaces: Int { columns["score"]?.decimals ?? template.rounding.score }
    public var grades: [GradeBand] { template.grades }

    /// A column's heading, in the language asked for.
    public func label(_ id: String, _ lang: Language) -> String {
        guard let c = columns[id] else { return id }
        return lang.pick(c.label, c.labelEn)
    }

    /// Whether the table asks for 主要原因分析 on a row with this grade and adjustment rate:
    /// the template's own requirements on the `reason` column (三等/四等, 调整率 ≥ 30%),
    /// judged as the validator judges them, so that the summary fills the reasons exactly
    /// where the saved sheet would ask for them.
    public func wantsReason(grade: String?, adjustRate: ComputedValue?) -> Bool {
        table.requirements.contains { q in
            q.column == "reason" && q.when.contains { cond in
                switch cond {
                case .oneOf("grade", let values):
                    return grade.map(values.contains) ?? false
                case .absAtLeast("adjust_rate", let limit):
                    guard case .number(let v)? = adjustRate else { return false }
                    return ExactDecimal.round(v < 0 ? -v : v, 2) >= limit
                default:
                    return false
                }
            }
        }
    }
}

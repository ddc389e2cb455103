import FoundationEssentials

/// One sheet as a line of the summary table (seed 004's 项目自评汇总表): what identifies the
/// project, its money in the summary's unit, its score and grade, and how many errors and
/// warnings the sheet has. Rows hold only these figures, never the sheet: a summary of
/// 10,000 sheets keeps 10,000 small rows.
public struct SummaryRow: Sendable, Equatable {
    /// The file, as it was named or found.
    public var path: String
    public var templateID: String
    public var year: Int?
    /// 项目编码, empty when the sheet has none (a department's overall sheet).
    public var code: String
    /// 项目名称: the project, or for a department's sheet its title.
    public var name: String
    /// 预算单位: the unit that filled in the sheet.
    public var unit: String
    /// 主管部门: the supervising department a project sheet names, else the unit itself.
    public var department: String
    /// 年初预算数, 调整后预算数 (全年预算数) and 全年执行数, in the summary's unit, each
    /// rounded half-up to its decimals as the table shows and stores it; nil when the sheet
    /// does not have the figure.
    public var initial: Decimal?
    public var adjusted: Decimal?
    public var executed: Decimal?
    /// 总分 as the sheet's template computes it (rounded as it shows it).
    public var score: Decimal?
    /// The grade of `score` in the summary's bands.
    public var grade: String?
    /// 主要原因分析, where the summary's table asks for it: the sheet's 偏差原因.
    public var reason: String
    public var errors: Int
    public var warnings: Int

    public init(path: String, templateID: String, year: Int? = nil, code: String = "", name: String = "", unit: String = "",
                department: String = "", initial: Decimal? = nil, adjusted: Decimal? = nil, executed: Decimal? = nil,
                score: Decimal? = nil, grade: String? = nil, reason: String = "", errors: Int = 0, warnings: Int = 0) {
        self.path = path
        self.templateID = templateID
        self.year = year
        self.code = code
        self.name = name
        self.unit = unit
        self.department = department
        self.initial = initial
        self.adjusted = adjusted
        self.executed = executed
        self.score = score
        self.grade = grade
        self.reason = reason
        self.errors = errors
        self.warnings = warnings
    }

    /// 预算执行率 = 全年执行数 / 调整后预算数, in percent.
    public var execRate: ComputedValue? { Self.percent(executed, of: adjusted) }

    /// 财政拨款预算调整率 = (调整后预算数 − 年初预算数) / 年初预算数, in percent.
    public var adjustRate: ComputedValue? { Self.percent(adjusted.flatMap { a in initial.map { a - $0 } }, of: initial) }

    /// `part` as a percentage of `whole`, exact: nil when either is missing, undefined ("—")
    /// when `whole` is zero, as the sheets' own ratios are.
    static func percent(_ part: Decimal?, of whole: Decimal?) -> ComputedValue? {
        guard let part, let whole else { return nil }
        guard let q = ExactDecimal.divide(part, whole) else { return .undefined }
        return .number(q * 100)
    }
}

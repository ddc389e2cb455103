import FoundationEssentials

/// The 合计 (or a group's 小计) of summary rows: the money columns summed exactly, the rates
/// of sums (Σ全年执行数 / Σ调整后预算数, never an average of the rows' rates), how many
/// sheets fall in each grade, and the average score. A rate's two sums are taken over the
/// rows that have both figures: a sheet without its 年初预算数 would otherwise count in
/// Σ调整后预算数 and not in Σ年初预算数, and make the 调整率 of the others 439%.
public struct SummaryTotals: Sendable {
    public private(set) var sheets = 0
    /// Sums of the rows' figures as shown; nil when no row has the figure.
    public private(set) var initial: Decimal?
    public private(set) var adjusted: Decimal?
    public private(set) var executed: Decimal?
    /// (Σ全年执行数, Σ调整后预算数) and (Σ调整后预算数, Σ年初预算数) of the rows with both.
    private var execPair: (part: Decimal, whole: Decimal)?
    private var adjustPair: (part: Decimal, whole: Decimal)?
    /// Rows with a score, and their scores summed.
    public private(set) var scored = 0
    public private(set) var scoreSum: Decimal = 0
    /// Sheets per grade, in the bands' order, every band listed (三等 0 个 says something too).
    public private(set) var grades: [(grade: String, count: Int)]
    public private(set) var errors = 0
    public private(set) var warnings = 0

    public init(bands: [GradeBand]) {
        grades = bands.map { ($0.grade, 0) }
    }

    public init(_ rows: some Sequence<SummaryRow>, bands: [GradeBand]) {
        self.init(bands: bands)
        for r in rows { add(r) }
    }

    public mutating func add(_ r: SummaryRow) {
        sheets += 1
        initial = Self.plus(initial, r.initial)
        adjusted = Self.plus(adjusted, r.adjusted)
        executed = Self.plus(executed, r.executed)
        if let e = r.executed, let a = r.adjusted { execPair = ((execPair?.part ?? 0) + e, (execPair?.whole ?? 0) + a) }
        if let a = r.adjusted, let i = r.initial { adjustPair = ((adjustPair?.part ?? 0) + a, (adjustPair?.whole ?? 0) + i) }
        if let s = r.score {
            scored += 1
            scoreSum += s
        }
        if let g = r.grade, let k = grades.firstIndex(where: { $0.grade == g }) { grades[k].count += 1 }
        errors += r.errors
        warnings += r.warnings
    }

    /// Sheets without a score (a sheet not filled in yet): not in any grade.
    public var ungraded: Int { sheets - scored }

    /// Σ全年执行数 / Σ调整后预算数 of the rows with both, in percent.
    public var execRate: ComputedValue? { SummaryRow.percent(execPair?.part, of: execPair?.whole) }

    /// (Σ调整后预算数 − Σ年初预算数) / Σ年初预算数 of the rows with both, in percent.
    public var adjustRate: ComputedValue? { SummaryRow.percent(adjustPair.map { $0.part - $0.whole }, of: adjustPair?.whole) }

    /// The scores' mean, exact (shown rounded half-up); nil when no row has a score.
    public var average: Decimal? { scored == 0 ? nil : scoreSum / Decimal(scored) }

    /// A blank part adds nothing; all parts blank leave the sum blank, as a sheet's sums do.
    static func plus(_ sum: Decimal?, _ part: Decimal?) -> Decimal? {
        guard let part else { return sum }
        return (sum ?? 0) + part
    }
}

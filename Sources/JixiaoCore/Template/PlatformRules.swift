import FoundationEssentials

/// What the finance bureaus' own systems (财政部 预算管理一体化 绩效模块 and the provinces'
/// variants) do with a sheet beyond its arithmetic, as template settings under `"platform"`:
///
///     "platform": {
///       "scoreTolerance": 0.5,
///       "overAchievement": {"percent": 130, "requireDeviation": true, "deduct": 2},
///       "execCap": [{"below": 80, "max": 89}, {"below": 70, "max": 79}, {"below": 60, "max": 69}, {"below": 50, "max": 59}],
///       "spending": [{"budget": "fund_annual", "executed": "fund_executed"},
///                    {"table": "projects", "budget": "adjusted", "executed": "executed"}]
///     }
///
/// Every key is optional. The province-specific rules (over-achievement, the cap) are off
/// unless a template turns them on: no seed's province uses them, and seed 004's Guangxi
/// sheet, at 54.74% executed, was published with 95.47 where the cap would allow 69.
public struct PlatformRules: Sendable, Equatable {
    /// How far a typed 得分 may be above the suggested one before `validate` warns.
    public var scoreTolerance: Decimal = Decimal(string: "0.5") ?? 0
    /// 实际完成值 far above the target: the target was set too low.
    public var overAchievement: OverAchievement?
    /// 总分 capped by the execution rate, highest band first.
    public var execCap: [ExecCapBand] = []
    /// Budgets checked against what was spent; nil: the figures every 执行率得分 is computed
    /// from (`Template.executionRates`).
    public var spending: [SpendingCheck]?

    public init() {}

    public struct OverAchievement: Sendable, Equatable {
        /// 实际完成值 at or above this percentage of the target counts (130: Guangxi's rule).
        public var percent: Decimal
        /// 偏差原因分析 is then required (a warning when it is blank).
        public var requireDeviation: Bool
        /// Points taken off the suggested 得分 (one province's platform: 2).
        public var deduct: Decimal?
    }

    /// Below `below`% executed, 总分 is at most `max`.
    public struct ExecCapBand: Sendable, Equatable {
        public var below: Decimal
        public var max: Decimal
    }

    /// A budget and what was spent against it: scalar references, or columns of `table`'s rows.
    public struct SpendingCheck: Sendable, Equatable {
        public var table: String?
        public var budget: String
        public var executed: String
    }

    /// The lowest cap that applies to an execution rate (in percent, as shown), if any.
    public func cap(forRate rate: Decimal) -> ExecCapBand? {
        execCap.filter { rate < $0.below }.min { $0.max < $1.max }
    }
}

extension TemplateDecoder {
    static func decodePlatform(_ v: JSONValue, _ p: JSONPointer, _ r: inout JSONReading) -> PlatformRules {
        var rules = PlatformRules()
        guard let o = r.object(v, p, allowed: ["scoreTolerance", "overAchievement", "execCap", "spending"]) else { return rules }
        if let tol = r.decimal(o, "scoreTolerance", p) {
            if tol < 0 { r.fail(p / "scoreTolerance", "不能为负数", "must not be negative") }
            rules.scoreTolerance = tol
        }
        let op = p / "overAchievement"
        if let oo = r.object(o["overAchievement"], op, allowed: ["percent", "requireDeviation", "deduct"]) {
            let percent = r.decimal(oo, "percent", op, required: true) ?? 130
            if percent <= 100 { r.fail(op / "percent", "应大于 100（如 130 表示达到指标值的 130%）", "must be above 100 (130 means 130% of the target)") }
            let deduct = r.decimal(oo, "deduct", op)
            if let deduct, deduct < 0 { r.fail(op / "deduct", "不能为负数", "must not be negative") }
            rules.overAchievement = .init(percent: percent, requireDeviation: r.bool(oo, "requireDeviation", op) ?? false, deduct: deduct)
        }
        for (n, bv) in r.array(o, "execCap", p).enumerated() {
            let bp = p / "execCap" / n
            guard let bo = r.object(bv, bp, allowed: ["below", "max"]),
                  let below = r.decimal(bo, "below", bp, required: true), let max = r.decimal(bo, "max", bp, required: true) else { continue }
            if below <= 0 || below > 100 { r.fail(bp / "below", "执行率界限应在 0 到 100 之间", "the rate bound must be between 0 and 100") }
            if let prev = rules.execCap.last, prev.below <= below || prev.max <= max {
                r.fail(bp, "封顶档次应从高到低排列（执行率界限与最高分都递减）", "cap bands go from high to low (both the rate bound and the maximum falling)")
            }
            rules.execCap.append(.init(below: below, max: max))
        }
        if o["spending"] != nil {
            var checks = [PlatformRules.SpendingCheck]()
            for (n, sv) in r.array(o, "spending", p).enumerated() {
                let sp = p / "spending" / n
                guard let so = r.object(sv, sp, allowed: ["table", "budget", "executed"]),
                      let budget = r.string(so, "budget", sp, required: true),
                      let executed = r.string(so, "executed", sp, required: true) else { continue }
                checks.append(.init(table: r.string(so, "table", sp), budget: budget, executed: executed))
            }
            rules.spending = checks
        }
        return rules
    }
}

extension TemplateChecker {
    /// The settings must fit the sheet: a cap needs a 执行率 and a 总分, an over-achievement
    /// rule needs indicators, and the spending checks name numbers of the template.
    static func checkPlatform(_ t: Template, _ r: inout JSONReading) {
        let p = JSONPointer() / "platform"
        let rules = t.platform
        if !rules.execCap.isEmpty && (t.executionRate == nil || t.total == nil) {
            r.fail(p / "execCap", "按执行率封顶需要模板有执行率得分（score 公式）和总分（total）", "a cap by execution rate needs an execution score (a score formula) and a total")
        }
        if rules.overAchievement != nil && !t.index.hasIndicators {
            r.fail(p / "overAchievement", "模板没有绩效指标", "the template has no indicators")
        }
        for (n, check) in (rules.spending ?? []).enumerated() {
            let cp = p / "spending" / n
            var table: Table?
            if let tid = check.table {
                table = t.index.tables[tid]
                if table == nil {
                    r.fail(cp / "table", "模板没有表“\(tid)”", "the template has no table \"\(tid)\"")
                    continue
                }
                for (key, col) in [("budget", check.budget), ("executed", check.executed)]
                where !(table?.columns.contains { $0.id == col && $0.kind.isNumeric } ?? false) {
                    r.fail(cp / key, "“\(col)”不是表“\(tid)”的数值列", "\"\(col)\" is not a numeric column of table \"\(tid)\"")
                }
                continue
            }
            checkNumericRef(check.budget, at: cp / "budget", table: table, t, &r)
            checkNumericRef(check.executed, at: cp / "executed", table: table, t, &r)
        }
    }
}

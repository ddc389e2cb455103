/// The sheet's 执行率 (全年执行数 / 全年预算数) and the 执行率得分 computed from it, found in the
/// template's formulas rather than named again: the rate is what a `score` formula reads, and
/// the rate is a `ratio` of what was spent to the budget. Stated figures (`/stated/exec_rate`),
/// the execution cap and the spending checks all start from it.
public struct ExecutionRate: Sendable, Equatable {
    /// The computed 执行率 field (`exec_rate`, `dept_exec_rate`).
    public var rate: String
    /// The computed 执行率得分 field (`exec_score`, `dept_exec_score`).
    public var score: String
    /// References to the budget (A) and to what was spent (B): "fund_annual", "fund_total.annual".
    public var budget: String
    public var executed: String
}

extension Template {
    /// The execution rate behind the first 执行率得分 of the sheet, if it has one.
    public var executionRate: ExecutionRate? {
        for id in index.fieldOrder {
            guard case .score(let rate, _, _)? = index.fields[id]?.formula,
                  case .ratio(let executed, let budget)? = index.fields[rate]?.formula else { continue }
            return ExecutionRate(rate: rate, score: id, budget: budget, executed: executed)
        }
        return nil
    }
}

import FoundationEssentials

/// The platform's checks of the sheet as a whole: money spent beyond its budget or against a
/// budget of 0 (each 执行率's figures, and the rows of tables the template names), and a 总分
/// capped by the execution rate where the template's province caps it.
extension Validator {
    static func platformSheet(_ s: Session, _ t: Template, _ c: Computed, _ out: inout ProblemList) {
        for check in spendingChecks(t) {
            if let tid = check.table {
                spendingRows(tid, check, s, t, &out)
            } else {
                let (budget, _) = lookup(check.budget, s, t)
                let (executed, p) = lookup(check.executed, s, t)
                guard let budget, let executed else { continue }
                spending(budget, executed, label(check.budget, t, s.year), label(check.executed, t, s.year), p, prefix: ("", ""), &out)
            }
        }
        if let (band, uncapped) = c.execCap, let exec = t.executionRate, case .number(let rate)? = c.scalars[exec.rate] {
            let places = t.rounding.score
            let shownRate = ExactDecimal.format(rate, places: t.index.fields[exec.rate]?.decimals ?? t.rounding.percent)
            let below = ExactDecimal.plainString(band.below), max = ExactDecimal.format(band.max, places: places)
            let was = ExactDecimal.format(uncapped, places: places)
            out.add(.warning, JSONPointer() / "computed" / "total",
                    "执行率 \(shownRate)% 低于 \(below)%，总分由 \(was) 封顶为 \(max)（本模板按执行率封顶）",
                    "execution \(shownRate)% is below \(below)%: the total \(was) is capped at \(max) (this template caps the total by execution)",
                    code: "exec-cap")
        }
    }

    /// The template's spending checks, or by default the figures of its 执行率.
    static func spendingChecks(_ t: Template) -> [PlatformRules.SpendingCheck] {
        if let checks = t.platform.spending { return checks }
        guard let exec = t.executionRate else { return [] }
        return [.init(table: nil, budget: exec.budget, executed: exec.executed)]
    }

    static func spendingRows(_ tid: String, _ check: PlatformRules.SpendingCheck, _ s: Session, _ t: Template, _ out: inout ProblemList) {
        guard let tab = t.index.tables[tid],
              let bf = tab.columns.first(where: { $0.id == check.budget }),
              let ef = tab.columns.first(where: { $0.id == check.executed }) else { return }
        let b = bf.resolved(year: s.year), e = ef.resolved(year: s.year)
        for (n, row) in (s.tables[tid] ?? []).enumerated() {
            guard let budget = row[check.budget]?.decimal, let executed = row[check.executed]?.decimal else { continue }
            spending(budget, executed, (b.label, b.labelEn), (e.label, e.labelEn), JSONPointer() / "tables" / tid / n / check.executed,
                     prefix: ("第 \(n + 1) 行：", "row \(n + 1): "), &out)
        }
    }

    /// Spent beyond the budget, or spent against none.
    static func spending(_ budget: Decimal, _ executed: Decimal, _ b: (String, String), _ e: (String, String), _ p: @autoclosure () -> JSONPointer,
                         prefix: (String, String), _ out: inout ProblemList) {
        if budget == 0 && executed > 0 {
            out.add(.warning, p(),
                    "\(prefix.0)\(b.0)为 0，\(e.0)却有 \(executed)（执行率无法计算）",
                    "\(prefix.1)\(b.1) is 0, yet \(e.1) is \(executed) (no execution rate can be computed)",
                    code: "spent-without-budget")
        } else if budget > 0 && executed > budget {
            out.add(.warning, p(),
                    "\(prefix.0)\(e.0) \(executed) 超过\(b.0) \(budget)（超出 \(executed - budget)）",
                    "\(prefix.1)\(e.1) \(executed) exceeds \(b.1) \(budget) (by \(executed - budget))",
                    code: "overspent")
        }
    }

    /// The Chinese and English names of a reference: a field's label, or a grid cell's row
    /// and column ("合计 全年执行数").
    static func label(_ ref: String, _ t: Template, _ year: Int?) -> (String, String) {
        switch Reference.parse(ref, inTable: nil) {
        case .field(let id):
            guard let f = t.index.fields[id]?.resolved(year: year) else { return (ref, ref) }
            return (f.label, f.labelEn.isEmpty ? f.label : f.labelEn)
        case .cell(let rowID, let col):
            guard let (gid, row) = t.index.gridRows[rowID], let c = t.index.grids[gid]?.columns.first(where: { $0.id == col })?.resolved(year: year) else { return (ref, ref) }
            return ("“\(row.label.trimmingWhitespace())”\(c.label)", "\(row.labelEn) \(c.labelEn)")
        default:
            return (ref, ref)
        }
    }
}

import FoundationEssentials

extension Calculator {
    /// One province's platform caps 总分 by the execution rate (70–80% → at most 89, 60–70% →
    /// 79, below 60% → 69, below 50% → 59), where the template turns the rule on. The rate is
    /// taken as the sheet shows it, rounded to its decimals: a sheet showing 80.00% is not
    /// capped, whatever the third decimal. An undefined rate (a budget of 0) caps nothing.
    static func capByExecution(_ out: inout Computed, _ t: Template) {
        guard !t.platform.execCap.isEmpty, let exec = t.executionRate, let total = out.total,
              case .number(let rate)? = out.scalars[exec.rate] else { return }
        let places = t.index.fields[exec.rate]?.decimals ?? t.rounding.percent
        guard let band = t.platform.cap(forRate: ExactDecimal.round(rate, places)), total > band.max else { return }
        out.execCap = (band, total)
        out.total = band.max
    }
}

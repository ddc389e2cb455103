import FoundationEssentials

/// What the platform's rules say about one indicator row: a 得分 well above the suggested one
/// (`ScoreSuggestion`) is for the reviewer to question, and a 实际完成值 far above its target
/// needs its reasons where the template's province asks for them (the target was set too low).
extension Validator {
    static func platformRow(_ n: Int, _ row: IndicatorRow, _ weight: Decimal?, _ score: Decimal?, _ fields: IndicatorFields, _ out: inout ProblemList) {
        let rules = fields.rules
        // Without a 分值 there is nothing to suggest, and only the province rule to apply.
        guard weight != nil || rules.overAchievement != nil else { return }
        let suggestion = ScoreSuggestion.suggest(target: row.target, actual: row.actual, weight: max(weight ?? 0, 0), rules: rules, places: fields.places)
        var p: JSONPointer { JSONPointer() / "indicators" / n }
        if let w = weight, let score, score <= w, let s = suggestion.score, score - s > rules.scoreTolerance {
            let tol = ExactDecimal.plainString(rules.scoreTolerance)
            out.add(.warning, p / "score",
                    "第 \(n + 1) 行：得分 \(score) 比\(suggestion.hint(.zh, places: fields.places))高出 \(score - s)（允许 \(tol)）",
                    "row \(n + 1): score \(score) is \(score - s) above the \(suggestion.hint(.en, places: fields.places)) (\(tol) allowed)",
                    code: "score-above-suggestion")
        }
        if let rule = rules.overAchievement, rule.requireDeviation, suggestion.overAchieved, row.deviation.isBlank,
           let pct = suggestion.achievedPercent {
            let shown = ExactDecimal.format(pct, places: 2)
            let limit = ExactDecimal.plainString(rule.percent)
            out.add(.warning, p / "deviation",
                    "第 \(n + 1) 行：实际完成值“\(row.actual)”为年度指标值“\(row.target)”的 \(shown)%，达到 \(limit)% 以上，应填写偏差原因分析（指标值可能定得过低）",
                    "row \(n + 1): achieved \"\(row.actual)\" is \(shown)% of the target \"\(row.target)\", \(limit)% or more; reasons are expected (the target may have been set too low)",
                    code: "over-achievement")
        }
    }
}

import FoundationEssentials

/// What the platform's rules say about one indicator row's 得分: a 得分 well above the
/// suggested one (`ScoreSuggestion`) is for the reviewer to question, and a 实际完成值 far above
/// its target needs its reasons where the template's province asks for them.
extension Validator {
    static func platformRow(_ n: Int, _ row: IndicatorRow, _ score: Decimal, _ weight: Decimal,
                            _ fields: IndicatorFields, _ out: inout ProblemList) {
        let suggestion = ScoreSuggestion.suggest(target: row.target, actual: row.actual, weight: weight, rules: fields.rules, places: fields.places)
        var p: JSONPointer { JSONPointer() / "indicators" / n }
        if let s = suggestion.score, score - s > fields.rules.scoreTolerance {
            let tol = ExactDecimal.plainString(fields.rules.scoreTolerance)
            out.add(.warning, p / "score",
                    "第 \(n + 1) 行：得分 \(score) 比\(suggestion.hint(.zh, places: fields.places))高出 \(score - s)（允许 \(tol)）",
                    "row \(n + 1): score \(score) is \(score - s) above the \(suggestion.hint(.en, places: fields.places)) (\(tol) allowed)",
                    code: "score-above-suggestion")
        }
    }
}

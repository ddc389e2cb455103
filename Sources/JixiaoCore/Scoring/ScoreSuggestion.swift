import FoundationEssentials

/// The 得分 the national platform's rules suggest for one indicator row, from its 年度指标值,
/// 实际完成值 and 分值 (shared/domain.md, "Rules of the national performance platform"):
///
/// - 正向 (≥): the full 分值 when the target is met, else 分值 × 实际 / 指标.
/// - 反向 (≤, costs, complaint rates): the full 分值 when met, falling linearly to 0 at twice
///   the target: 分值 × (2 × 指标 − 实际) / 指标.
/// - 等于 (a bare figure, "100%", "90人次"): scored as 正向, except a target of 0 ("0起"),
///   which is met only by 0 (nothing to fall short of, everything above it is a miss).
/// - 定性, or a 实际完成值 in another unit: no single number, but the platform's three bands,
///   达成 80–100%, 部分达成 60–80%, 未达成 0–60% of 分值.
///
/// The figure is rounded half-up to the sheet's score decimals, as the platform rounds every
/// row's 得分 (4 × 19 / 20 = 3.8 → 3.80; 2.5 × 17 / 20 = 2.125 → 2.13). It is a hint: it is
/// never written over a typed 得分.
public struct ScoreSuggestion: Equatable, Sendable {
    public var target: TargetReading
    public var actual: TargetReading
    public var weight: Decimal
    /// The figure before and after rounding; nil for 定性.
    public var exact: Decimal?
    public var score: Decimal?
    /// 实际完成值 as a percentage of the target, where the over-achievement rule counts it.
    public var achievedPercent: Decimal?
    /// Points taken off for over-achievement (`PlatformRules.OverAchievement.deduct`), if any.
    public var deducted: Decimal?
    /// Whether the over-achievement rule of the template counts this row.
    public var overAchieved: Bool

    /// The suggestion for a row, or nil when it has no readable 分值.
    public static func suggest(_ row: IndicatorRow, _ t: Template) -> ScoreSuggestion? {
        guard let w = row.weightValue, w >= 0 else { return nil }
        return suggest(target: row.target, actual: row.actual, weight: w, rules: t.platform, places: t.rounding.score)
    }

    public static func suggest(target targetText: String, actual actualText: String, weight w: Decimal,
                               rules: PlatformRules, places: Int) -> ScoreSuggestion {
        let target = TargetReading.read(targetText)
        let actual = TargetReading.read(actualText)
        var out = ScoreSuggestion(target: target, actual: actual, weight: w, exact: nil, score: nil,
                                  achievedPercent: nil, deducted: nil, overAchieved: false)
        guard target.isQuantitative, actual.isQuantitative, target.comparable(with: actual),
              let t = target.value, let a = actual.value else { return out }
        var exact: Decimal
        switch target.direction {
        case .atMost:
            if a <= t {
                exact = w
            } else {
                exact = t > 0 ? w * (2 * t - a) / t : 0
            }
        case .equal where t == 0:
            exact = a == 0 ? w : 0
        case .atLeast, .equal:
            exact = a >= t ? w : (t > 0 ? w * a / t : 0)
            if let rule = rules.overAchievement, t > 0, a * 100 >= t * rule.percent {
                out.overAchieved = true
                out.achievedPercent = a * 100 / t
                if let d = rule.deduct, d > 0 {
                    out.deducted = min(d, exact)
                    exact -= d
                }
            }
        case .qualitative:
            return out
        }
        // Met (the usual case) gives w itself, with nothing to clamp: Decimal comparisons are
        // not cheap, and this runs for every row of every check.
        if exact != w { exact = min(max(exact, 0), w) }
        out.exact = exact
        out.score = ExactDecimal.round(exact, places)
        return out
    }

    /// 达成 / 部分达成 / 未达成 and their share of 分值, as the platform bands a 定性 row.
    public static let bandShares: [(zh: String, en: String, low: Decimal, high: Decimal)] = [
        ("达成", "met", Decimal(string: "0.8") ?? 0, 1),
        ("部分达成", "partly met", Decimal(string: "0.6") ?? 0, Decimal(string: "0.8") ?? 0),
        ("未达成", "not met", 0, Decimal(string: "0.6") ?? 0),
    ]

    /// The bands in points of this row's 分值: "达成 3.20–4.00，部分达成 2.40–3.20，未达成 0.00–2.40".
    public func bands(_ lang: Language, places: Int) -> String {
        Self.bandShares.map { b in
            "\(lang.pick(b.zh, b.en)) \(ExactDecimal.format(weight * b.low, places: places))–\(ExactDecimal.format(weight * b.high, places: places))"
        }.joined(separator: lang.pick("，", ", "))
    }

    /// One line for the editor's status line and for messages: the figure and how it comes.
    public func hint(_ lang: Language, places: Int) -> String {
        func n(_ d: Decimal) -> String { ExactDecimal.plainString(d) }
        guard let score else {
            let why: String
            if target.isQuantitative && actual.isQuantitative {
                why = lang.pick("年度指标值与实际完成值单位不同（\(target.unit)/\(actual.unit)）", "target and achieved are in different units (\(target.unit)/\(actual.unit))")
            } else {
                why = lang.pick("定性指标", "qualitative")
            }
            return lang.pick("建议得分：\(why)，按档次：\(bands(lang, places: places))", "suggested score: \(why); by band: \(bands(lang, places: places))")
        }
        let shown = ExactDecimal.format(score, places: places)
        // The figures as typed when both sides use the same unit; else in the common unit.
        let sameUnit = target.unit == actual.unit || actual.unit.isEmpty || target.unit.isEmpty
        let t = sameUnit ? (target.number ?? 0) : (target.value ?? 0)
        let a = sameUnit ? (actual.number ?? 0) : (actual.value ?? 0)
        var how: String
        if let exact, exact == weight || (deducted != nil) {
            how = lang.pick("已达到 \(target.direction.sign)\(n(t))\(target.unit)", "met \(target.direction.sign)\(n(t))\(target.unit)")
        } else if target.direction == .atMost {
            how = lang.pick("反向：\(n(weight)) × (2 × \(n(t)) − \(n(a))) / \(n(t))", "at most: \(n(weight)) × (2 × \(n(t)) − \(n(a))) / \(n(t))")
        } else if target.direction == .equal && target.value == 0 {
            how = lang.pick("指标值为 0，实际 \(n(a))", "target 0, achieved \(n(a))")
        } else {
            how = lang.pick("正向：\(n(weight)) × \(n(a)) / \(n(t))", "at least: \(n(weight)) × \(n(a)) / \(n(t))")
        }
        if let p = achievedPercent, overAchieved {
            let pct = ExactDecimal.format(p, places: 2)
            how += lang.pick("；实际为指标值的 \(pct)%", "; achieved \(pct)% of the target")
            if let d = deducted { how += lang.pick("，超额扣 \(n(d)) 分", ", \(n(d)) points off for over-achievement") }
        }
        return lang.pick("建议得分 \(shown)（\(how)）", "suggested score \(shown) (\(how))")
    }
}

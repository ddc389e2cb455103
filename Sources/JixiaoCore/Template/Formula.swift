import FoundationEssentials

/// How a computed figure is derived. Written in templates as a one-key object:
///
///     {"sum": ["car", "abroad", "reception"]}
///     {"ratio": ["staff_actual", "staff_authorized"]}          // percent: ×100
///     {"difference": ["income_total", "income_prev"]}
///     {"changeRate": ["income_total", "income_prev"]}           // (a − b) / b, percent
///     {"score": {"rate": "exec_rate", "weight": 10, "cap": true}}
///     {"grade": "total"}
///     {"average": "projects[].score"}
///
/// A reference names a field ("staff_actual"), a grid cell ("sangong.final"), the sum of a
/// table column ("special_funds[].final"), a sibling column inside a table row ("budget"), or
/// the indicator grid ("indicators.score", "indicators.weight").
public indirect enum Formula: Sendable, Equatable {
    case sum([String])
    case ratio(String, String)
    case difference(String, String)
    case changeRate(String, String)
    case score(rate: String, weight: Decimal, cap: Bool)
    case grade(String)
    /// Mean of a table column over the rows that have a value (项目平均分).
    case average(String)

    /// Every reference the formula reads.
    public var references: [String] {
        switch self {
        case .sum(let refs): return refs
        case .ratio(let a, let b), .difference(let a, let b), .changeRate(let a, let b): return [a, b]
        case .score(let r, _, _): return [r]
        case .grade(let r), .average(let r): return [r]
        }
    }
}

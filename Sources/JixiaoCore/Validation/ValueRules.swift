import FoundationEssentials

/// What a single typed value must satisfy for its field's kind: decimals, sign, whole numbers,
/// a maximum, a date, a code pattern. Used by validation (on load) and by input (on typing).
public enum ValueRules {
    /// The problem with one value, if any, as (Chinese, English, code).
    public static func check(_ v: FieldValue, _ f: Field) -> (String, String, String)? {
        problem(v, f).map { ($0.message, $0.messageEn, $0.code) }
    }

    /// The problem with one value, if any, described only when asked: a sheet of 100,000 rows
    /// that all break one rule is counted without writing 100,000 messages.
    public static func problem(_ v: FieldValue, _ f: Field) -> ValueProblem? {
        switch v {
        case .number(let lit):
            guard let d = ExactDecimal.parse(lit) else { return ValueProblem(.badNumber, f, lit) }
            let places = ExactDecimal.decimalPlaces(of: lit)
            if f.kind == .count && d != ExactDecimal.round(d, 0) { return ValueProblem(.notWhole, f, lit) }
            if places > f.decimals && d != ExactDecimal.round(d, f.decimals) { return ValueProblem(.tooManyDecimals, f, lit) }
            if d < 0 && !f.signed {
                switch f.kind {
                case .money: return ValueProblem(.negativeMoney, f, lit)
                case .percent: break
                default: return ValueProblem(.negative, f, lit)
                }
            }
            if let max = f.max, d > max { return ValueProblem(.aboveMax(max), f, lit) }
        case .text(let s):
            switch f.kind {
            case .date:
                if !isDate(s) { return ValueProblem(.badDate, f, s) }
            case .code:
                if let p = f.pattern, !CodePattern.matchesWhole(s, p) { return ValueProblem(.badCode, f, s) }
            default:
                break
            }
        }
        return nil
    }

    /// A real calendar date written YYYY-MM-DD.
    public static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }
}

import FoundationEssentials

/// The units money is kept in, and exact conversion between them.
///
/// Sheets differ: a project sheet of the national form is in 万元, Guangxi's summary table in
/// 元. Every unit is a power of ten of the yuan, so a conversion is a shift of the decimal
/// point, done in `Decimal` (base 10): 0.9473 万元 is exactly 9473 元, never 9472.999….
public enum MoneyUnit {
    /// Each unit as a power of ten of the yuan: 万元 is 10⁴ 元.
    static let powerOfTen: [String: Int] = ["元": 0, "千元": 3, "万元": 4, "百万元": 6, "亿元": 8]

    /// `value` in `from` as an amount in `to`; nil when either unit is unknown (an amount is
    /// then left out rather than guessed).
    public static func convert(_ value: Decimal, from: String, to: String) -> Decimal? {
        if from == to { return value }
        guard let f = powerOfTen[from], let t = powerOfTen[to] else { return nil }
        // Only the exponent moves: no multiplication or division is done at all (a Decimal
        // division, even by 10,000, costs more than reading the figure).
        guard value.isFinite, !value.isZero else { return value }
        return Decimal(sign: value.sign, exponent: value.exponent + f - t, significand: value.significand)
    }
}

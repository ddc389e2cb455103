import FoundationEssentials

/// Rounding and whole-number conversion of a Decimal, done on its own digits: FoundationEssentials
/// has Decimal but not NSDecimalRound or NSDecimalNumber, which the program used before.
///
/// A finite Decimal is sign × significand × 10^exponent, the significand a whole number below
/// 2^128 (up to 39 digits). Both functions work on that significand as a UInt128, exactly.
extension ExactDecimal {
    /// Rounds half-up (四舍五入, away from zero at exactly .5) to `places` decimals; a negative
    /// `places` rounds to tens, hundreds…
    ///
    /// The result is NSDecimalRound's (…, .plain) to the digit, written the same way (trailing
    /// zeros dropped: 99.95 to one place is 1 × 10², shown "100"); DecimalRoundingTests compares
    /// them. Only a zero result differs, in the exponent it keeps, which no use of the value sees.
    public static func round(_ value: Decimal, _ places: Int) -> Decimal {
        // NSDecimalRound clamps `places` too; no Decimal exponent lies beyond ±128.
        let places = min(max(places, -1000), 1000)
        // Nothing after the wanted place (NaN included): the value as it is.
        guard value.isFinite, value.exponent < -places, let significand = magnitude(of: value) else { return value }
        let dropped = -places - value.exponent
        var kept: UInt128 = 0
        if dropped < powersOfTen.count {
            let unit = powersOfTen[dropped]
            let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: unit)
            kept = remainder >= unit / 2 ? quotient + 1 : quotient
        }  // else the significand, below 2^128 < 0.5 × 10^39, rounds to zero.
        if kept == 0 { return 0 }
        var exponent = -places
        while kept % 10 == 0 {
            kept /= 10
            exponent += 1
        }
        guard let digits = Decimal(exactly: kept) else { return value }  // kept ≤ significand: it fits
        return Decimal(sign: value.sign, exponent: exponent, significand: digits)
    }

    /// The value as an Int when it is a whole number that fits, else nil (the exact
    /// `NSDecimalNumber(decimal:).intValue` of a whole value).
    public static func integer(_ value: Decimal) -> Int? {
        guard value.isFinite, var n = magnitude(of: value) else { return nil }
        if value.exponent < 0 {
            let dropped = -value.exponent
            guard dropped < powersOfTen.count else { return n == 0 ? 0 : nil }
            let (quotient, remainder) = n.quotientAndRemainder(dividingBy: powersOfTen[dropped])
            guard remainder == 0 else { return nil }
            n = quotient
        } else if value.exponent > 0 && n != 0 {
            guard value.exponent < powersOfTen.count else { return nil }
            let (product, overflow) = n.multipliedReportingOverflow(by: powersOfTen[value.exponent])
            guard !overflow else { return nil }
            n = product
        }
        guard let whole = Int128(exactly: n) else { return nil }
        return Int(exactly: value.sign == .minus ? -whole : whole)
    }

    /// 10^0 … 10^38, every power of ten a UInt128 holds.
    private static let powersOfTen: [UInt128] = {
        var out: [UInt128] = [1]
        while out.count < 39 { out.append(out[out.count - 1] * 10) }
        return out
    }()

    /// The significand's digits as a number. Decimal shows a whole number in plain digits, so
    /// its own text is the exact way in.
    private static func magnitude(of value: Decimal) -> UInt128? {
        UInt128(value.significand.description)
    }
}

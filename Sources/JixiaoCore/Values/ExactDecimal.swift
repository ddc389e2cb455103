import FoundationEssentials

/// Exact decimal arithmetic for money, rates and scores.
///
/// Everything is FoundationEssentials' `Decimal` (base-10, 38 significant digits): 9473 / 20000 is
/// exactly 0.47365 and rounds to 47.37%, where binary floating point gives 47.36. Rounding is
/// half-up (四舍五入, away from zero at exactly .5) and happens only where a figure is shown or
/// stored, never in the middle of a computation.
public enum ExactDecimal {
    /// More significant digits than any real sheet has; beyond this Decimal would silently drop
    /// digits, so such input is refused instead.
    public static let maxSignificantDigits = 30
    /// Digits after the point beyond this are refused: Decimal's exponent stops near -128 and
    /// would silently turn 0.000…0001 into 0.
    public static let maxDecimalPlaces = 100

    /// Parses a JSON number literal or a cleaned-up typed number ("5577.04", "-1.5", "1e3").
    /// Returns nil for anything else, including numbers too long to hold exactly.
    public static func parse(_ literal: String) -> Decimal? {
        // Fast path: up to 18 significant digits, no exponent — every real figure. Parsing is
        // on the hot path (every cell of every sheet on every recomputation), so the general
        // Decimal(string:) is left to long numbers and exponents.
        var mantissa: UInt64 = 0
        var digits = 0, places = 0, intDigits = 0
        var negative = false, seenDot = false, simple = true, leadingZero = false, first = true
        // One pass that also checks JSON's grammar for such a number (no "01", no "5.", no
        // lone "-"): the second pass through isPlainNumber, over a copy of the bytes, took half
        // the time of every parse.
        for b in literal.utf8 {
            switch b {
            case UInt8(ascii: "-") where first:
                negative = true
            case UInt8(ascii: "."):
                if seenDot || intDigits == 0 { simple = false }
                seenDot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if seenDot {
                    places += 1
                } else {
                    if intDigits == 0 && b == UInt8(ascii: "0") { leadingZero = true }
                    intDigits += 1
                }
                if mantissa != 0 || b != UInt8(ascii: "0") { digits += 1 }
                if digits > 18 { simple = false }
                mantissa = mantissa &* 10 &+ UInt64(b - UInt8(ascii: "0"))
            default:
                simple = false
            }
            first = false
            if !simple { break }
        }
        // Decimal silently turns exponents beyond about ±128 into 0 or NaN: refuse anything
        // with more decimals than a figure can have, or a large exponent.
        if places > maxDecimalPlaces { return nil }
        if simple && intDigits > 0 && !(leadingZero && intDigits > 1) && (!seenDot || places > 0) {
            return Decimal(sign: negative && mantissa != 0 ? .minus : .plus, exponent: -places, significand: Decimal(mantissa))
        }
        guard isPlainNumber(literal) else { return nil }
        let digitsOnly = literal.prefix { $0 != "e" && $0 != "E" }.filter(\.isNumber)
        let significant = digitsOnly.drop { $0 == "0" }
        guard significant.count <= maxSignificantDigits else { return nil }
        if let e = literal.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let exp = Int(literal[literal.index(after: e)...].replacing("+", with: "")),
                  abs(exp) <= maxSignificantDigits else { return nil }
        }
        // Without a locale, "." is the decimal point whatever the user's locale says.
        guard let d = Decimal(string: literal), !d.isNaN else { return nil }
        return d
    }

    /// The JSON number grammar (RFC 8259), which typed input must also follow once cleaned.
    static func isPlainNumber(_ s: String) -> Bool {
        var it = Array(s.utf8)[...]
        func digits() -> Int {
            var n = 0
            while let c = it.first, c >= 0x30, c <= 0x39 { it = it.dropFirst(); n += 1 }
            return n
        }
        if it.first == UInt8(ascii: "-") { it = it.dropFirst() }
        let leadingZero = it.first == UInt8(ascii: "0")
        let intDigits = digits()
        guard intDigits > 0, !(leadingZero && intDigits > 1) else { return false }
        if it.first == UInt8(ascii: ".") {
            it = it.dropFirst()
            guard digits() > 0 else { return false }
        }
        if it.first == UInt8(ascii: "e") || it.first == UInt8(ascii: "E") {
            it = it.dropFirst()
            if it.first == UInt8(ascii: "+") || it.first == UInt8(ascii: "-") { it = it.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return it.isEmpty
    }

    /// Number of digits after the decimal point as written ("5577.40" → 2, "1e3" → 0).
    public static func decimalPlaces(of literal: String) -> Int {
        // On the literal's bytes: it runs for every number of every sheet checked.
        var fraction = 0, exponent = 0, exponentSign = 1
        var inFraction = false, inExponent = false
        for b in literal.utf8 {
            switch b {
            case UInt8(ascii: "."):
                inFraction = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                inExponent = true
                inFraction = false
            case UInt8(ascii: "-") where inExponent:
                exponentSign = -1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = min(exponent * 10 + Int(b - UInt8(ascii: "0")), 100_000)
                } else if inFraction {
                    fraction += 1
                }
            default:
                break
            }
        }
        return max(0, fraction - exponentSign * exponent)
    }

    /// The value rounded half-up and written with exactly `places` decimals: 2.625 → "2.63",
    /// 84 → "84.00". This is the text stored in `computed` and shown to the user.
    public static func format(_ value: Decimal, places: Int) -> String {
        guard !value.isNaN else { return "—" }
        let r = round(value, places)
        var text = plainString(r)
        if places > 0 {
            if let dot = text.firstIndex(of: ".") {
                let have = text.distance(from: dot, to: text.endIndex) - 1
                if have < places { text += String(repeating: "0", count: places - have) }
            } else {
                text += "." + String(repeating: "0", count: places)
            }
        }
        if text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            text.removeFirst()  // "-0.00" is just zero
        }
        return text
    }

    /// Decimal's own description, which is plain digits with a point (never an exponent).
    static func plainString(_ d: Decimal) -> String {
        d.description
    }

    /// a / b, or nil when b is zero (a ratio over zero is undefined and shown as "—").
    public static func divide(_ a: Decimal, _ b: Decimal) -> Decimal? {
        guard !b.isZero else { return nil }
        return a / b
    }
}

import FoundationEssentials

/// 元 and 万元 typed in each other's fields. The sheets mix the two (seed 004's projects are in
/// 元, everything else in 万元), and units are typed along with numbers:
///
/// - "1.2万" in a 万元 field is 1.2 万元: the 元 left off, as people write it.
/// - "1.2万元" or "1.2万" in a 元 field is 12000 元, exactly: 万 is a multiplier nobody types
///   by accident. The user is told what was recorded.
/// - "2300元" in a 万元 field is taken at its word, 0.23 万元, when that fits the field's
///   decimals, and the user is warned with the other reading: a report that prints "100.00 元"
///   in a 万元 column (seed 003) almost surely means 100.00 万元. When the 元 amount does not fit
///   ("12元" is 0.0012 万元), nothing is recorded and the message names both readings.
enum MoneyUnits {
    struct Reading {
        /// The amount in the field's unit, or nil when it is refused.
        var literal: String?
        /// What to tell the user (a warning with `literal`, the refusal without).
        var message: String?
        var messageEn: String?
    }

    /// A reading for money typed with the other unit, or nil when the text has none of these.
    static func read(_ text: String, _ f: Field) -> Reading? {
        guard f.kind == .money, f.unit == "元" || f.unit == "万元" else { return nil }
        let compact = text.unicodeScalars.filter { $0 != " " && $0 != "\u{3000}" }.map(String.init).joined()
        let suffix: String
        if compact.hasSuffix("万元") { suffix = "万元" } else if compact.hasSuffix("万") { suffix = "万" } else if compact.hasSuffix("元") { suffix = "元" } else { return nil }
        if suffix == f.unit { return nil }
        let digits = String(compact.dropLast(suffix.count))
        guard let lit = InputParser.normalizeNumber(digits, unit: ""), let n = ExactDecimal.parse(lit) else { return nil }
        let label = f.label, en = f.labelEn.isEmpty ? f.label : f.labelEn
        if f.unit == "万元" && suffix == "万" {
            return Reading(literal: lit)
        }
        if f.unit == "元" {
            let yuan = literal(n * 10_000)
            return Reading(literal: yuan, message: "“\(label)”以元为单位：\(text) 已按 \(yuan) 元录入",
                           messageEn: "\"\(en)\" is in 元: \(text) was recorded as \(yuan) 元")
        }
        let wan = n / 10_000
        let shown = literal(wan)
        guard ExactDecimal.decimalPlaces(of: shown) <= f.decimals else {
            return Reading(literal: nil,
                           message: "“\(label)”以“万元”为单位，不能填写“元”：\(text) 折合 \(shown) 万元，超过 \(f.decimals) 位小数；如原文的“元”是“万元”之误，请填 \(lit)",
                           messageEn: "\"\(en)\" is in 万元, not 元: \(text) is \(shown) 万元, more than \(f.decimals) decimals; if the document's 元 should read 万元, type \(lit)")
        }
        // Under 0.1 万元 (1000 元) a figure of a 万元 sheet is rare: then the 元 is the likely slip.
        if wan < Decimal(string: "0.1") ?? 0 {
            return Reading(literal: shown,
                           message: "“\(label)”以万元为单位：\(text) 已按 \(shown) 万元录入；很可能原文的“元”是“万元”之误，应为 \(lit) 万元（万元表中少见不足 0.1 万元的数）",
                           messageEn: "\"\(en)\" is in 万元: \(text) was recorded as \(shown) 万元; the document's 元 is likely a slip for 万元, making it \(lit) 万元 (a 万元 sheet rarely holds less than 0.1 万元)")
        }
        return Reading(literal: shown,
                       message: "“\(label)”以万元为单位：\(text) 已按 \(shown) 万元录入；如原文的“元”是“万元”之误，应为 \(lit) 万元",
                       messageEn: "\"\(en)\" is in 万元: \(text) was recorded as \(shown) 万元; if the document's 元 should read 万元, it is \(lit) 万元")
    }

    /// An exact amount written plainly, without trailing zeros: 0.0100 → "0.01", 12000 → "12000".
    static func literal(_ d: Decimal) -> String {
        var text = ExactDecimal.plainString(d)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}

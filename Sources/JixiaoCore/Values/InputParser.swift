#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials

/// Turns what a user typed into a field's value, or says why it cannot.
///
/// Accountants type the way their sheets look: full-width digits from a Chinese input method
/// (５５７７．０４), thousands separators (5,577.04), a trailing unit or percent sign (84%,
/// 1.2万元), dates as 2025年3月17日. All of these are accepted and stored in one plain form;
/// anything else is refused with a message that names the field.
public enum InputParser {
    public struct Refusal: Error, Equatable, Sendable {
        public var message: String
        public var messageEn: String
    }

    /// nil result means "clear the field" (the user typed nothing).
    public static func parse(_ raw: String, for f: Field) throws(Refusal) -> FieldValue? {
        let text = trim(raw, keepInnerLines: f.kind == .longtext)
        if text.isEmpty { return nil }
        // Before the kind's own reading, so that an escape sequence in a number is named as
        // what it is rather than quoted back in "cannot read …".
        if let (zh, en, _) = ValueRules.checkText(text, label: f.label, labelEn: f.labelEn, multiline: f.kind == .longtext) {
            throw Refusal(message: zh, messageEn: en)
        }
        let value: FieldValue
        if let money = MoneyUnits.read(text, f) {
            guard let lit = money.literal else {
                throw Refusal(message: money.message ?? "", messageEn: money.messageEn ?? "")
            }
            value = .number(lit)
        } else if f.kind.isNumeric {
            if let typed = knownUnits.first(where: { text.hasSuffix($0) }), typed != f.unit, !(typed == "%" && f.unit == "%") {
                let own = f.unit.isEmpty ? "不带单位" : "以“\(f.unit)”为单位"
                throw Refusal(message: "“\(f.label)”\(own)，不能填写“\(typed)”：\(text)",
                              messageEn: "\"\(f.labelEn)\" is in \(f.unit.isEmpty ? "no unit" : f.unit), not \(typed): \(text)")
            }
            guard let lit = normalizeNumber(text, unit: f.unit) else {
                throw Refusal(message: "“\(f.label)”应为数字，无法识别“\(text)”", messageEn: "\"\(f.labelEn)\" must be a number; \"\(text)\" is not one")
            }
            guard ExactDecimal.parse(lit) != nil else {
                throw Refusal(message: "“\(f.label)”的数字位数过多", messageEn: "the number for \"\(f.labelEn)\" has too many digits")
            }
            value = .number(lit)
        } else if f.kind == .date {
            value = .text(normalizeDate(text) ?? text)
        } else {
            value = .text(text)
        }
        if let (zh, en, _) = ValueRules.check(value, f) { throw Refusal(message: zh, messageEn: en) }
        return value
    }

    /// What the user should know about a value that was accepted (money typed in the other of
    /// 元 and 万元, see `MoneyUnits`), or nil: a warning, not a refusal.
    public static func caution(_ raw: String, for f: Field) -> (message: String, messageEn: String)? {
        // Only a money field has a unit to mistake; a long text is not trimmed for nothing
        // (that took 25 ms of committing a 1.4 MB goal text of 40,000 lines).
        guard f.kind == .money else { return nil }
        let text = trim(raw, keepInnerLines: false)
        guard let money = MoneyUnits.read(text, f), money.literal != nil, let zh = money.message else { return nil }
        return (zh, money.messageEn ?? zh)
    }

    /// Leading and trailing blanks go, including the full-width space (U+3000) the seeds are
    /// full of (a space separator, so among the blanks trimmed); single-line fields also lose
    /// inner line breaks. Long text keeps them, each as one LF: a CR LF from Windows, or a CR
    /// alone from an old Mac file, would otherwise reach a terminal as a CR, which returns to
    /// the start of the line and lets what follows overwrite it.
    public static func trim(_ s: String, keepInnerLines: Bool) -> String {
        let t = s.trimmingWhitespaceAndNewlines()
        guard holdsByte(t, 0x0D) || (!keepInnerLines && holdsByte(t, 0x0A)) else { return t }
        let lines = t.replacing("\r\n", with: "\n").replacingScalar("\r", with: "\n")
        return keepInnerLines ? lines : lines.replacingScalar("\n", with: " ")
    }

    /// Whether the text's UTF-8 holds `byte`: memchr over the bytes, where `utf8.contains`
    /// walks a 1.4 MB long text a byte at a time through the generic iterator.
    static func holdsByte(_ s: String, _ byte: UInt8) -> Bool {
        var copy = s
        return copy.withUTF8 { b in
            guard let base = b.baseAddress, !b.isEmpty else { return false }
            return memchr(base, Int32(byte), b.count) != nil
        }
    }

    /// A plain number literal from typed text, or nil.
    public static func normalizeNumber(_ text: String, unit: String) -> String? {
        var s = ""
        for u in text.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19: s.append(String(u.value - 0xFF10))
            case 0xFF0E, 0x3002: s.append(".")  // ． and 。 typed for a decimal point
            case 0xFF0C: s.append(",")
            case 0xFF0D, 0x2212: s.append("-")
            case 0xFF05: s.append("%")
            case 0x20, 0x3000: continue
            default: s.unicodeScalars.append(u)
            }
        }
        // A unit typed after the number must be the field's own: "12000元" in a 万元 cell is
        // never stored as 12000 万元 (money in the other unit is `MoneyUnits`' to read).
        for suffix in knownUnits where s.hasSuffix(suffix) {
            guard suffix == unit || (suffix == "%" && unit == "%") else { return nil }
            s.removeLast(suffix.count)
            break
        }
        if s.hasPrefix("+") { s.removeFirst() }
        if s.contains(",") {
            // Only real thousands grouping: 5,577.04 yes, 55,77 no.
            let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            let head = groups[0].hasPrefix("-") ? groups[0].dropFirst() : groups[0][...]
            guard (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            s = s.replacing(",", with: "")
        }
        // Typed input takes no exponent ("1e3" in a money cell is a slip, not a thousand);
        // "007", ".5" and "5." are typed often enough to accept and are stored as 7, 0.5, 5.
        let body = s.hasPrefix("-") ? s.dropFirst() : s[...]
        guard !body.isEmpty, body.allSatisfy({ $0 == "." || ($0.isASCII && $0.isNumber) }),
              body.filter({ $0 == "." }).count <= 1, body != "." else { return nil }
        let literal = canonicalLiteral(s)
        return ExactDecimal.isPlainNumber(literal) ? literal : nil
    }

    /// Units a number may be typed with, longest first ("万元" before "元").
    static let knownUnits = ["万元", "元", "%", "人", "名", "分", "㎡", "个", "次"]

    /// JSON-valid form keeping every typed digit: ".5" → "0.5", "5." → "5", "007" → "7".
    static func canonicalLiteral(_ s: String) -> String {
        var neg = false
        var body = Substring(s)
        if body.hasPrefix("-") { neg = true; body = body.dropFirst() }
        var intPart = body.prefix { $0 != "." }
        var frac = body.dropFirst(intPart.count)
        if frac.hasPrefix(".") { frac = frac.dropFirst() }
        while intPart.count > 1 && intPart.hasPrefix("0") { intPart = intPart.dropFirst() }
        if intPart.isEmpty { intPart = "0" }
        let out = frac.isEmpty ? String(intPart) : "\(intPart).\(frac)"
        let isZero = out.allSatisfy { $0 == "0" || $0 == "." }
        return neg && !isZero ? "-" + out : out
    }

    /// "2025年3月17日", "2025/3/17", "2025.3.17" → "2025-03-17"; nil if not a date shape.
    public static func normalizeDate(_ text: String) -> String? {
        var s = text
        for sep in ["年", "月", "/", "."] { s = s.replacing(sep, with: "-") }
        s = s.replacing("日", with: "").replacing(" ", with: "")
        let parts = s.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts[0].count == 4 else { return nil }
        let out = "\(zeroPadded(y, 4))-\(zeroPadded(m, 2))-\(zeroPadded(d, 2))"
        return ValueRules.isDate(out) ? out : nil
    }

    /// printf's "%0*d": at least `width` characters, zeros between the sign and the digits.
    /// Written out because printf's %d takes 32 bits: 2025年4294967297月17日 became 2025-01-17.
    static func zeroPadded(_ n: Int, _ width: Int) -> String {
        let digits = String(n.magnitude)
        let sign = n < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - sign.count - digits.count)) + digits
    }
}

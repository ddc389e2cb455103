import FoundationEssentials

/// What a single typed value must satisfy for its field's kind: decimals, sign, whole numbers,
/// a maximum, a date, a code pattern, text a terminal can show. Used by validation (on load)
/// and by input (on typing).
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
            if let (zh, en, _) = checkText(s, label: f.label, labelEn: f.labelEn, multiline: f.kind == .longtext) {
                return ValueProblem(.controlCharacter(zh, en), f, s)
            }
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

    /// Text must not hold what a terminal obeys instead of showing, or what reads backwards:
    /// control characters (ESC opens the sequences that retitle a window or write the
    /// clipboard) and bidi controls (after U+202E, “abc” shows as “cba”). Line breaks are text
    /// in long text only; a tab is refused everywhere, since a one-line cell cannot show it
    /// and a printed table would lose its columns. Code `control-character`, whatever it is.
    public static func checkText(_ s: String, label: String, labelEn: String, multiline: Bool) -> (String, String, String)? {
        guard let u = TerminalText.firstUnsafe(in: s, allowingLineBreaks: multiline) else { return nil }
        let name = TerminalText.name(u.value)
        let labelEn = labelEn.isEmpty ? label : labelEn
        let code = "control-character"
        switch u.value {
        case 0x09 where !multiline:
            return ("“\(label)”是单行文字，不能包含制表符（\(name)），请用空格", "\"\(labelEn)\" is one line of text and cannot contain a tab (\(name)); use a space", code)
        case 0x09:
            return ("“\(label)”不能包含制表符（\(name)），请用空格或换行", "\"\(labelEn)\" cannot contain a tab (\(name)); use a space or a line break", code)
        case 0x0A where !multiline, 0x0D where !multiline:
            return ("“\(label)”是单行文字，不能包含换行（\(name)）", "\"\(labelEn)\" is one line of text and cannot contain a line break (\(name))", code)
        case 0x80...0x9F, 0..<0x20, 0x7F:
            return ("“\(label)”不能包含控制字符 \(name)（终端会执行它，而不是显示它）",
                    "\"\(labelEn)\" cannot contain the control character \(name) (a terminal obeys it instead of showing it)", code)
        default:
            return ("“\(label)”不能包含双向文字控制符 \(name)（它改变文字的显示顺序，可让一个名称冒充另一个）",
                    "\"\(labelEn)\" cannot contain the bidirectional control \(name) (it changes the order text is shown in, so that one name can pass for another)", code)
        }
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

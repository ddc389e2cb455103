import FoundationEssentials

/// What is wrong with one typed value (`ValueRules.problem`): the rule it breaks, with the
/// field and the value to say so, in words only when someone reads them.
public struct ValueProblem: Sendable {
    public enum Rule: Sendable {
        case badNumber, notWhole, tooManyDecimals, negativeMoney, negative, aboveMax(Decimal), badDate, badCode
        /// A control character or bidi control in text (`ValueRules.checkText` words it: only
        /// a sheet from elsewhere has one, so there are never many to describe).
        case controlCharacter(String, String)
    }

    public let rule: Rule
    let field: Field
    /// The value as typed: a number's literal or the text.
    let value: String

    init(_ rule: Rule, _ field: Field, _ value: String) {
        self.rule = rule
        self.field = field
        self.value = value
    }

    /// A stable name for scripts and tests.
    public var code: String {
        switch rule {
        case .badNumber: return "bad-number"
        case .notWhole: return "not-whole"
        case .tooManyDecimals: return "too-many-decimals"
        case .negativeMoney: return "negative-money"
        case .negative: return "negative"
        case .aboveMax: return "above-max"
        case .badDate: return "bad-date"
        case .badCode: return "bad-code"
        case .controlCharacter: return "control-character"
        }
    }

    public var message: String {
        let label = field.label
        switch rule {
        case .badNumber: return "“\(label)”的数字 \(value) 无法读取"
        case .notWhole: return "“\(label)”应为整数"
        case .tooManyDecimals: return "“\(label)”最多 \(field.decimals) 位小数（填写的是 \(value)）"
        case .negativeMoney: return "“\(label)”金额不能为负数"
        case .negative: return "“\(label)”不能为负数"
        case .aboveMax(let max): return "“\(label)”不能大于 \(max)"
        case .badDate: return "“\(label)”应为日期，格式 YYYY-MM-DD（如 2025-03-17）"
        case .badCode: return "“\(label)”格式不正确\(field.patternHint.map { "（\($0)）" } ?? "")：\(value)"
        case .controlCharacter(let zh, _): return zh
        }
    }

    public var messageEn: String {
        let label = field.labelEn
        switch rule {
        case .badNumber: return "the number \(value) in \"\(label)\" cannot be read"
        case .notWhole: return "\"\(label)\" must be a whole number"
        case .tooManyDecimals: return "\"\(label)\" takes at most \(field.decimals) decimals (got \(value))"
        case .negativeMoney: return "\"\(label)\": an amount cannot be negative"
        case .negative: return "\"\(label)\" cannot be negative"
        case .aboveMax(let max): return "\"\(label)\" cannot exceed \(max)"
        case .badDate: return "\"\(label)\" must be a date, YYYY-MM-DD (e.g. 2025-03-17)"
        case .badCode: return "\"\(label)\" is malformed\((field.patternHintEn ?? field.patternHint).map { " (\($0))" } ?? ""): \(value)"
        case .controlCharacter(_, let en): return en
        }
    }
}

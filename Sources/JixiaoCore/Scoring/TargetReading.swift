import FoundationEssentials

/// A 年度指标值 or 实际完成值 read for scoring: a direction, a number and a unit, the way the
/// vendors' platforms store a target ("≥20期" → ≥, 20, 期; "≤329.47万元" → ≤, 329.47, 万元).
///
/// The text itself is never changed: the sheet keeps what was typed, and this reading is made
/// from it whenever a suggestion is wanted. Anything that cannot be read safely is 定性
/// (qualitative): no number at all ("持续增长", "长期", "不超过预算数"), more than one
/// ("配备完善17个乡镇“五小设施”和1093套干部周转房"), a date ("2024年12月底前"), an ordinal
/// ("第2季度"), or a change ("增长10%", which compares only with changes). A wrong number is
/// worse than none: the suggestion is a hint a bureau may hold the unit to.
public struct TargetReading: Equatable, Sendable {
    public enum Direction: String, Sendable, CaseIterable {
        /// 正向: at least the target ("≥95%", "不低于", "95%以上").
        case atLeast
        /// 反向: at most the target ("≤329.47万元", "不超过", "3个工作日以内"), such as costs and complaint rates.
        case atMost
        /// A bare figure ("100%", "90人次") or "=": reached exactly.
        case equal
        /// 定性: nothing to compute with.
        case qualitative

        /// The sign a platform shows for it.
        public var sign: String {
            switch self {
            case .atLeast: return "≥"
            case .atMost: return "≤"
            case .equal: return "="
            case .qualitative: return "定性"
            }
        }

        /// 正向 / 反向 / 等于 / 定性, and their English.
        public func name(_ lang: Language) -> String {
            switch self {
            case .atLeast: return lang.pick("正向", "at least")
            case .atMost: return lang.pick("反向", "at most")
            case .equal: return lang.pick("等于", "equal")
            case .qualitative: return lang.pick("定性", "qualitative")
            }
        }
    }

    public var direction: Direction
    /// The number as written, in `unit` (329.47 for "≤329.47万元"); nil when qualitative.
    public var number: Decimal?
    /// The unit as written after the number: "期", "人次", "%", "万元", "个乡镇"; "" for none.
    public var unit: String
    /// The number in `baseUnit`: 万 and 亿 multiplied out (329.47万元 → 3294700 元), so that
    /// "1.2万人" and "12000人" compare equal.
    public var value: Decimal?
    public var baseUnit: String

    public static let qualitative = TargetReading(direction: .qualitative, number: nil, unit: "", value: nil, baseUnit: "")

    public var isQuantitative: Bool { direction != .qualitative && value != nil }

    /// Whether two readings measure the same thing: the same base unit, or one of them
    /// without a unit ("≥20期" against an achieved "19").
    public func comparable(with other: TargetReading) -> Bool {
        baseUnit.isEmpty || other.baseUnit.isEmpty || baseUnit == other.baseUnit
    }

    /// Reads typed text. Never fails: what cannot be read is `.qualitative`.
    public static func read(_ text: String) -> TargetReading {
        var s = normalized(text)
        guard !s.isEmpty else { return .qualitative }
        var direction: Direction?
        for (word, d) in leadingWords where s.hasPrefix(word) {
            direction = d
            s.removeFirst(word.count)
            break
        }
        for (word, d) in trailingWords where s.hasSuffix(word) {
            // "≥95%以上" says the same twice; "≤3日以上" contradicts itself and is not read.
            if let direction, direction != d { return .qualitative }
            direction = d
            s.removeLast(word.count)
            break
        }
        guard let (found, literal, rest) = splitNumber(s), let number = ExactDecimal.parse(literal) else { return .qualitative }
        var label = found
        // Text before the number is a label ("走访慰问老干部93人次", "满意度≥95%"), which may end
        // with the comparison; a label that changes what the number means is not read.
        for (word, d) in leadingWords where label.hasSuffix(word) {
            if let direction, direction != d { return .qualitative }
            direction = d
            label.removeLast(word.count)
            break
        }
        if unsafeLabelWords.contains(where: { label.contains($0) }) { return .qualitative }
        var unit = rest
        // "4300余次", "300多人": more than the number; the number is what can be counted on.
        if let first = unit.first, first == "余" || first == "多" { unit.removeFirst() }
        guard isUnit(unit) else { return .qualitative }
        var value = number
        var baseUnit = unit
        if let first = unit.first, let scale = multipliers[first] {
            value = number * scale
            baseUnit = String(unit.dropFirst())
        }
        return TargetReading(direction: direction ?? .equal, number: number, unit: unit, value: value, baseUnit: baseUnit)
    }

    /// Full-width forms and spacing made plain: "≥ ９５％" and "≥95%" read alike.
    static func normalized(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19: out.append(String(u.value - 0xFF10))
            case 0xFF0E: out.append(".")
            case 0xFF0C: out.append(",")
            case 0xFF05: out.append("%")
            case 0xFF1E: out.append(">")
            case 0xFF1C: out.append("<")
            case 0xFF1D: out.append("=")
            case 0x2267, 0x2A7E: out.append("≥")  // ≧ ⩾
            case 0x2266, 0x2A7D: out.append("≤")  // ≦ ⩽
            case 0x20, 0x3000, 0x09, 0x0A, 0x0D: continue
            default: out.unicodeScalars.append(u)
            }
        }
        while let last = out.last, "。，,.；;".contains(last) { out.removeLast() }
        return out
    }

    /// Words that open a target (or end the label before its number), longest first so that
    /// "大于等于" is not read as "大于" nor "不超过" as "超过".
    static let leadingWords: [(String, Direction)] = [
        (">=", .atLeast), ("≥", .atLeast), ("大于或等于", .atLeast), ("大于等于", .atLeast), ("不低于", .atLeast),
        ("不少于", .atLeast), ("不小于", .atLeast), ("至少", .atLeast), ("达到", .atLeast), ("超过", .atLeast), (">", .atLeast), ("大于", .atLeast), ("高于", .atLeast),
        ("<=", .atMost), ("≤", .atMost), ("小于或等于", .atMost), ("小于等于", .atMost), ("不高于", .atMost),
        ("不超过", .atMost), ("不多于", .atMost), ("不大于", .atMost), ("控制在", .atMost), ("<", .atMost), ("小于", .atMost),
        ("低于", .atMost), ("少于", .atMost),
        ("=", .equal), ("等于", .equal),
    ].sorted { $0.0.count > $1.0.count }

    static let trailingWords: [(String, Direction)] = [
        ("及以上", .atLeast), ("以上", .atLeast), ("及以下", .atMost), ("以下", .atMost), ("以内", .atMost), ("之内", .atMost),
        ("内", .atMost),
    ]

    /// In a label, these change what the number means ("第2季度", "增长10%", "下降5%", "前3名"),
    /// or leave a comparison that was not at the label's end ("≥95%满意").
    static let unsafeLabelWords = ["第", "前", "增长", "增加", "下降", "减少", "降低", "提高", "提升", "同比", "环比", "较", "比",
                                   "≥", "≤", ">", "<", "=", "不", "-", "+"]

    /// 万 and 亿 in front of a unit multiply the number.
    static let multipliers: [Character: Decimal] = ["万": 10_000, "亿": 100_000_000]

    /// Units that make a number a date or a time of day, not a quantity.
    static let dateUnits: Set<Character> = ["年", "月", "日", "号", "时", "点"]

    /// Splits "走访慰问老干部93人次" into ("走访慰问老干部", "93", "人次"): the one number in the
    /// text, thousands separators dropped (2,000); nil for none or more than one.
    static func splitNumber(_ s: String) -> (String, String, String)? {
        let chars = Array(s)
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        guard let start = chars.firstIndex(where: isDigit) else { return nil }
        var end = start
        while end < chars.count && (isDigit(chars[end]) || chars[end] == "." || chars[end] == ",") { end += 1 }
        // A point or comma that ends the run is punctuation, not part of the number.
        while end > start && !isDigit(chars[end - 1]) { end -= 1 }
        var run = String(chars[start..<end])
        let rest = chars[end...]
        guard !rest.contains(where: isDigit), run.filter({ $0 == "." }).count <= 1 else { return nil }
        if run.contains(",") {
            let whole = run.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            run = run.replacing(",", with: "")
        }
        // A leading zero that is not "0" or "0.x" is not a figure anyone writes ("007号").
        if run.count > 1 && run.hasPrefix("0") && !run.hasPrefix("0.") { return nil }
        return (String(chars[..<start]), run, String(rest))
    }

    /// A unit is short, one word, and not a date: "人次", "%", "个乡镇", "万元", "㎡".
    static func isUnit(_ u: String) -> Bool {
        if u.isEmpty { return true }
        guard u.count <= 6, let first = u.first, !dateUnits.contains(first) else { return false }
        // "月底", "年底": a date; "个月", "小时" are durations and fine.
        if u.hasPrefix("个") == false, u.contains("月") || u.contains("年") || u.contains("日") { return false }
        if u.contains("%") || u.contains("‰") { return u == "%" || u == "‰" }
        return u.unicodeScalars.allSatisfy { s in s.properties.isAlphabetic || s == "㎡" || s == "²" || s == "³" }
    }
}

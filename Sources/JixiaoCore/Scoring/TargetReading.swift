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
    ///
    /// It runs for every indicator row whenever a sheet is checked or saved (20,000 readings
    /// for a 10,000-row sheet), so it works on the text's scalars and builds a String only for
    /// the unit it returns; a text with no digit at all is 定性 without more ado.
    public static func read(_ text: String) -> TargetReading {
        guard holdsDigit(text) else { return .qualitative }
        var s = normalized(text)[...]
        var direction: Direction?
        // Most targets start with a digit and end with a unit: the word lists are searched only
        // when the first or last character could begin or end one of their words.
        if let first = s.first, leadingFirsts.contains(first), let (word, d) = leadingWords.first(where: { s.starts(with: $0.0) }) {
            direction = d
            s = s.dropFirst(word.count)
        }
        if let last = s.last, trailingLasts.contains(last), let (word, d) = trailingWords.first(where: { hasSuffix(s, $0.0) }) {
            // "≥95%以上" says the same twice; "≤3日以上" contradicts itself and is not read.
            if let direction, direction != d { return .qualitative }
            direction = d
            s = s.dropLast(word.count)
        }
        guard let (found, literal, rest) = splitNumber(s), let number = ExactDecimal.parse(literal) else { return .qualitative }
        var label = found
        // Text before the number is a label ("走访慰问老干部93人次", "满意度≥95%"), which may end
        // with the comparison; a label that changes what the number means is not read.
        if let last = label.last, leadingLasts.contains(last), let (word, d) = leadingWords.first(where: { hasSuffix(label, $0.0) }) {
            if let direction, direction != d { return .qualitative }
            direction = d
            label = label.dropLast(word.count)
        }
        if unsafeLabelWords.contains(where: { contains(label, $0) }) { return .qualitative }
        var unit = rest
        // "4300余次", "300多人": more than the number; the number is what can be counted on.
        if let first = unit.first, first == "余" || first == "多" { unit = unit.dropFirst() }
        guard isUnit(unit) else { return .qualitative }
        let unitText = string(unit)
        // 万 and 亿 are the only multipliers; most units start with neither.
        if let first = unit.first, first == "万" || first == "亿", let scale = multipliers[first] {
            return TargetReading(direction: direction ?? .equal, number: number, unit: unitText, value: number * scale, baseUnit: string(unit.dropFirst()))
        }
        return TargetReading(direction: direction ?? .equal, number: number, unit: unitText, value: number, baseUnit: unitText)
    }

    typealias Scalars = ArraySlice<Unicode.Scalar>

    /// The scalars as a String, written as UTF-8 straight into the string's storage (appending
    /// to a String's scalar view one scalar at a time took a sixth of a check of a 10,000-row
    /// sheet).
    static func string(_ s: Scalars) -> String {
        if s.isEmpty { return "" }
        let capacity = s.reduce(0) { $0 + UTF8.width($1) }
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var k = 0
            for u in s { UTF8.encode(u) { buffer[k] = $0; k += 1 } }
            return k
        }
    }

    static func hasSuffix(_ s: Scalars, _ w: [Unicode.Scalar]) -> Bool {
        s.count >= w.count && s.suffix(w.count).elementsEqual(w)
    }

    static func contains(_ s: Scalars, _ w: [Unicode.Scalar]) -> Bool {
        guard s.count >= w.count else { return false }
        var i = s.startIndex
        while i + w.count <= s.endIndex {
            if s[i..<(i + w.count)].elementsEqual(w) { return true }
            i += 1
        }
        return false
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }

    /// An ASCII or full-width digit (U+FF10…FF19, UTF-8 EF BC 90…99) anywhere in the text.
    static func holdsDigit(_ text: String) -> Bool {
        var before2: UInt8 = 0, before1: UInt8 = 0
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 { return true }
            if before2 == 0xEF && before1 == 0xBC && b >= 0x90 && b <= 0x99 { return true }
            before2 = before1
            before1 = b
        }
        return false
    }

    /// Full-width forms and spacing made plain: "≥ ９５％" and "≥95%" read alike.
    static func normalized(_ text: String) -> [Unicode.Scalar] {
        var out = [Unicode.Scalar]()
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19: out.append(Unicode.Scalar(UInt8(truncatingIfNeeded: u.value - 0xFF10 + 0x30)))
            case 0xFF0E: out.append(".")
            case 0xFF0C: out.append(",")
            case 0xFF05: out.append("%")
            case 0xFF1E: out.append(">")
            case 0xFF1C: out.append("<")
            case 0xFF1D: out.append("=")
            case 0x2267, 0x2A7E: out.append("≥")  // ≧ ⩾
            case 0x2266, 0x2A7D: out.append("≤")  // ≦ ⩽
            case 0x20, 0x3000, 0x09, 0x0A, 0x0D: continue
            default: out.append(u)
            }
        }
        while let last = out.last, trailingPunctuation.contains(last) { out.removeLast() }
        return out
    }

    static let trailingPunctuation: [Unicode.Scalar] = ["。", "，", ",", ".", "；", ";"]

    static func words(_ list: [(String, Direction)]) -> [([Unicode.Scalar], Direction)] {
        list.map { (Array($0.0.unicodeScalars), $0.1) }.sorted { $0.0.count > $1.0.count }
    }

    /// Words that open a target (or end the label before its number), longest first so that
    /// "大于等于" is not read as "大于" nor "不超过" as "超过".
    static let leadingWords = words([
        (">=", .atLeast), ("≥", .atLeast), ("大于或等于", .atLeast), ("大于等于", .atLeast), ("不低于", .atLeast),
        ("不少于", .atLeast), ("不小于", .atLeast), ("至少", .atLeast), ("达到", .atLeast), ("超过", .atLeast), (">", .atLeast),
        ("大于", .atLeast), ("高于", .atLeast),
        ("<=", .atMost), ("≤", .atMost), ("小于或等于", .atMost), ("小于等于", .atMost), ("不高于", .atMost),
        ("不超过", .atMost), ("不多于", .atMost), ("不大于", .atMost), ("控制在", .atMost), ("<", .atMost), ("小于", .atMost),
        ("低于", .atMost), ("少于", .atMost),
        ("=", .equal), ("等于", .equal),
    ])

    // Plain arrays of a dozen scalars: a linear look is quicker than hashing one.
    static let leadingFirsts = Array(Set(leadingWords.compactMap(\.0.first)))
    static let leadingLasts = Array(Set(leadingWords.compactMap(\.0.last)))

    static let trailingWords = words([
        ("及以上", .atLeast), ("以上", .atLeast), ("及以下", .atMost), ("以下", .atMost), ("以内", .atMost), ("之内", .atMost),
        ("内", .atMost),
    ])

    static let trailingLasts = Array(Set(trailingWords.compactMap(\.0.last)))

    /// In a label, these change what the number means ("第2季度", "增长10%", "下降5%", "前3名"),
    /// or leave a comparison that was not at the label's end ("≥95%满意").
    static let unsafeLabelWords = ["第", "前", "增长", "增加", "下降", "减少", "降低", "提高", "提升", "同比", "环比", "较", "比",
                                   "≥", "≤", ">", "<", "=", "不", "-", "+"].map { Array($0.unicodeScalars) }

    /// 万 and 亿 in front of a unit multiply the number.
    static let multipliers: [Unicode.Scalar: Decimal] = ["万": 10_000, "亿": 100_000_000]

    /// Units that make a number a date or a time of day, not a quantity.
    static let dateUnits: [Unicode.Scalar] = ["年", "月", "日", "号", "时", "点"]

    /// Splits "走访慰问老干部93人次" into ("走访慰问老干部", "93", "人次"): the one number in the
    /// text, thousands separators dropped (2,000); nil for none or more than one.
    static func splitNumber(_ s: Scalars) -> (Scalars, String, Scalars)? {
        guard let start = s.firstIndex(where: isDigit) else { return nil }
        var end = start
        while end < s.endIndex && (isDigit(s[end]) || s[end] == "." || s[end] == ",") { end += 1 }
        // A point or comma that ends the run is punctuation, not part of the number.
        while end > start && !isDigit(s[end - 1]) { end -= 1 }
        let rest = s[end...]
        guard !rest.contains(where: isDigit) else { return nil }
        // The digits as ASCII, commas dropped once they are seen to group thousands (2,000
        // yes, 20,00 no): the digits since the last comma, or before the first, are counted.
        var literal = [UInt8]()
        literal.reserveCapacity(end - start)
        var points = 0, commas = 0, group = 0, firstGroup = 0
        for u in s[start..<end] {
            switch u {
            case ",":
                if commas == 0 { firstGroup = group } else if group != 3 { return nil }
                commas += 1
                group = 0
            case ".":
                points += 1
                if commas > 0 && group != 3 { return nil }
                literal.append(UInt8(ascii: "."))
            default:
                if points == 0 { group += 1 }
                literal.append(UInt8(truncatingIfNeeded: u.value))
            }
        }
        guard points <= 1 else { return nil }
        if commas > 0 && (!(1...3).contains(firstGroup) || (points == 0 && group != 3)) { return nil }
        // A leading zero that is not "0" or "0.x" is not a figure anyone writes ("007号").
        if literal.count > 1 && literal[0] == UInt8(ascii: "0") && literal[1] != UInt8(ascii: ".") { return nil }
        return (s[..<start], String(decoding: literal, as: UTF8.self), rest)
    }

    /// A unit is short, one word, and not a date: "人次", "%", "个乡镇", "万元", "㎡".
    static func isUnit(_ u: Scalars) -> Bool {
        guard let first = u.first else { return true }
        guard u.count <= 6, !dateUnits.contains(first) else { return false }
        // "月底", "年底": a date; "个月", "小时" are durations and fine.
        if first != "个", u.contains(where: { $0 == "月" || $0 == "年" || $0 == "日" }) { return false }
        if u.contains("%") || u.contains("‰") { return u.count == 1 }
        return u.allSatisfy { $0.properties.isAlphabetic || $0 == "㎡" || $0 == "²" || $0 == "³" }
    }
}

import FoundationEssentials

/// One filled-in sheet: what the user typed, under the template's ids. Computed figures are
/// never stored here; they are recomputed from this by `Calculator` on every change.
public struct Session: Equatable, Sendable {
    public var templateID: String
    public var templateVersion: Int
    public var unit: String
    public var year: Int?
    /// Scalar fields by id. A missing key means "not filled in".
    public var fields: [String: FieldValue]
    /// Grid cells: row id → column id → value.
    public var cells: [String: [String: FieldValue]]
    /// Table rows: table id → rows → column id → value; what a report states of a computed
    /// column is kept in the row under "stated/<column>" (`StatedFigures`).
    public var tables: [String: [[String: FieldValue]]]
    public var indicators: [IndicatorRow]
    /// What a transcribed report states of the computed figures, by key (`StatedFigures`).
    public var stated: [String: FieldValue]
    /// Where a value comes from when the document does not print it: the value's pointer →
    /// the note (`SheetNote`). Unordered: a file writes them in the order of their values.
    public var notes: [String: String]
    /// The `computed` block as it was read from the file, kept only to compare with a fresh
    /// computation (a stored figure is reported, never trusted).
    public var storedComputed: JSONValue?

    public init(templateID: String, templateVersion: Int, unit: String = "", year: Int? = nil) {
        self.templateID = templateID
        self.templateVersion = templateVersion
        self.unit = unit
        self.year = year
        self.fields = [:]
        self.cells = [:]
        self.tables = [:]
        self.indicators = []
        self.stated = [:]
        self.notes = [:]
        self.storedComputed = nil
    }

    /// Equal when they say the same: a table with no rows is the same as an absent one.
    public static func == (a: Session, b: Session) -> Bool {
        a.templateID == b.templateID && a.templateVersion == b.templateVersion && a.unit == b.unit && a.year == b.year
            && a.fields == b.fields && a.cells == b.cells && a.indicators == b.indicators && a.stated == b.stated && a.notes == b.notes
            && a.storedComputed == b.storedComputed
            && a.tables.filter { !$0.value.isEmpty } == b.tables.filter { !$0.value.isEmpty }
    }

    /// A new, empty sheet for a template.
    public static func new(for template: Template, unit: String = "", year: Int? = nil) -> Session {
        Session(templateID: template.id, templateVersion: template.version, unit: unit, year: year)
    }
}

/// A typed value: a number kept as the exact text the user entered, or text.
public enum FieldValue: Equatable, Sendable, Hashable {
    case number(String)
    case text(String)

    /// The exact decimal of a number (nil for text or an unreadable literal).
    public var decimal: Decimal? {
        if case .number(let lit) = self { return ExactDecimal.parse(lit) }
        return nil
    }

    public var text: String {
        switch self {
        case .number(let n): return n
        case .text(let t): return t
        }
    }

    var json: JSONValue {
        switch self {
        case .number(let n): return .number(n)
        case .text(let t): return .string(t)
        }
    }
}

/// One 三级指标 row of the indicator grid.
public struct IndicatorRow: Equatable, Sendable, Hashable {
    /// 一级指标 and 二级指标 names, from the template's lists.
    public var level1: String
    public var level2: String
    /// 三级指标 (指标名称).
    public var name: String
    /// 年度指标值 and 实际完成值: free text ("≥20期", "2024年12月底前", "19").
    public var target: String
    public var actual: String
    /// 分值 and 得分 as the exact number text entered; nil when empty.
    public var weight: String?
    public var score: String?
    /// 偏差原因分析及改进措施.
    public var deviation: String

    public init(level1: String = "", level2: String = "", name: String = "", target: String = "",
                actual: String = "", weight: String? = nil, score: String? = nil, deviation: String = "") {
        self.level1 = level1
        self.level2 = level2
        self.name = name
        self.target = target
        self.actual = actual
        self.weight = weight
        self.score = score
        self.deviation = deviation
    }

    public var weightValue: Decimal? { weight.flatMap(ExactDecimal.parse) }
    public var scoreValue: Decimal? { score.flatMap(ExactDecimal.parse) }

    /// The keys of a row in the file, in order.
    public static let keys = ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"]
    public static let numericKeys: Set<String> = ["weight", "score"]

    public func value(_ key: String) -> FieldValue? {
        switch key {
        case "level1": return level1.isEmpty ? nil : .text(level1)
        case "level2": return level2.isEmpty ? nil : .text(level2)
        case "name": return name.isEmpty ? nil : .text(name)
        case "target": return target.isEmpty ? nil : .text(target)
        case "actual": return actual.isEmpty ? nil : .text(actual)
        case "weight": return weight.map(FieldValue.number)
        case "score": return score.map(FieldValue.number)
        case "deviation": return deviation.isEmpty ? nil : .text(deviation)
        default: return nil
        }
    }

    public mutating func set(_ key: String, _ v: FieldValue?) {
        switch key {
        case "level1": level1 = v?.text ?? ""
        case "level2": level2 = v?.text ?? ""
        case "name": name = v?.text ?? ""
        case "target": target = v?.text ?? ""
        case "actual": actual = v?.text ?? ""
        case "weight": weight = v?.text
        case "score": score = v?.text
        case "deviation": deviation = v?.text ?? ""
        default: break
        }
    }

    /// A cell of the row as a field, for parsing input and checking values: 分值 and 得分 are
    /// scores with the template's decimals, the rest is text.
    public static func field(_ key: String, decimals: Int) -> Field {
        let numeric = numericKeys.contains(key)
        return Field(id: key, label: label(key, .zh), labelEn: label(key, .en), kind: numeric ? .score : (key == "deviation" ? .longtext : .text),
                     unit: numeric ? "分" : "", decimals: numeric ? decimals : 0, required: false, pattern: nil, patternHint: nil,
                     formula: nil, max: nil, note: "")
    }

    /// Labels for messages, by key.
    public static func label(_ key: String, _ lang: Language) -> String {
        switch key {
        case "level1": return lang.pick("一级指标", "first-tier indicator")
        case "level2": return lang.pick("二级指标", "second-tier indicator")
        case "name": return lang.pick("三级指标", "indicator")
        case "target": return lang.pick("年度指标值", "target")
        case "actual": return lang.pick("实际完成值", "achieved")
        case "weight": return lang.pick("分值", "weight")
        case "score": return lang.pick("得分", "score")
        case "deviation": return lang.pick("偏差原因分析及改进措施", "reasons and remedies")
        default: return key
        }
    }
}

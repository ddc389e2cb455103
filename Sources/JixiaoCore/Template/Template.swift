import FoundationEssentials

/// A form template: the sheet a region prescribes, as data.
///
/// A template is read from a JSON file in Templates/ (see `TemplateLoader`); a new region's
/// variant is a new file, never new code. It names every field with a stable id (the key in
/// the session file), a Chinese label, a kind, what is computed and how, the indicator tiers
/// and the grade bands.
public struct Template: Sendable {
    public var id: String
    public var version: Int
    public var title: String
    public var titleEn: String
    public var region: String
    public var description: String
    /// Label of the unit line at the top of the sheet (单位名称, 预算部门、单位名称 …).
    public var unitLabel: String
    public var rounding: Rounding
    /// What the bureaus' platforms check and suggest beyond the arithmetic (`PlatformRules`).
    public var platform = PlatformRules()
    public var sections: [Section]
    public var indicators: IndicatorScheme?
    public var grades: [GradeBand]
    public var checks: [Check]
    /// Total and grade: the last figures of the sheet.
    public var total: Formula?
    /// The printed form: the template's own `"form"`, or one made from its sections.
    public var form = FormLayout(sheets: [], isGenerated: true)
    /// Values moved since an older version, for reading its files (`TemplateMigration`).
    public var migrations: [TemplateMigration] = []
    /// Where the template was read from, for messages.
    public var source: String
    /// Lookups built from `sections` when the template is loaded.
    public internal(set) var index = TemplateIndex([])

    /// The unit name as a field: one line of text, typed and checked as any other.
    public var unitField: Field {
        Field(id: "unit", label: unitLabel, labelEn: "Unit", kind: .text, required: true)
    }

    /// `title` with the session's year: "{year}年度部门整体支出绩效自评表" → "2024年度…".
    public func title(year: Int?) -> String {
        title.replacingLiteral("{year}", with: year.map(String.init) ?? "____")
    }
}

public struct Rounding: Sendable, Equatable {
    public var money = 2
    public var percent = 2
    public var score = 2
    public var number = 2
}

public struct Section: Sendable {
    public var id: String
    public var title: String
    public var titleEn: String
    public var blocks: [Block]
}

public enum Block: Sendable {
    /// The unit name and year (and nothing else): always the first thing on a sheet.
    case unit
    case fields(FieldGroup)
    case grid(Grid)
    case table(Table)
    case indicators
    /// 总分 and 等级.
    case result
}

/// Scalar fields shown together under an optional heading (按收入性质分 …).
public struct FieldGroup: Sendable {
    public var title: String
    public var titleEn: String
    public var fields: [Field]
    /// Printed at the foot of the sheet (填表人, 填报日期, 联系电话, 单位负责人签字).
    public var footer: Bool = false
}

public enum FieldKind: String, Sendable, CaseIterable {
    /// Money with a unit (万元 or 元) and a number of decimals; never negative.
    case money
    /// A whole number of people, projects, items.
    case count
    /// A percentage, stored in percent units (84 means 84%).
    case percent
    /// Points (分值, 得分).
    case score
    /// Any other measured quantity (area in ㎡).
    case number
    /// One line of text.
    case text
    /// Paragraphs (goals, 偏差原因, 厉行节约保障措施).
    case longtext
    /// A calendar date, YYYY-MM-DD.
    case date
    /// A code with a fixed pattern (21-digit 项目编码).
    case code
    /// A grade name computed from the bands (等级).
    case grade

    public var isNumeric: Bool {
        switch self {
        case .money, .count, .percent, .score, .number: return true
        default: return false
        }
    }
}

public struct Field: Sendable {
    public var id: String
    public var label: String
    public var labelEn: String
    public var kind: FieldKind
    public var unit: String
    public var decimals: Int
    public var required: Bool
    /// For `code`: a regular expression the whole value must match, and how to say it.
    public var pattern: String?
    public var patternHint: String?
    public var patternHintEn: String? = nil
    /// A computed field has a formula and is never typed.
    public var formula: Formula?
    /// Largest value allowed (a project's 自评得分 is at most 100).
    public var max: Decimal?
    /// Whether a negative value is allowed (a budget adjustment can be a cut).
    public var signed: Bool = false
    public var note: String

    public var isComputed: Bool { formula != nil }

    public init(id: String, label: String, labelEn: String, kind: FieldKind, unit: String = "", decimals: Int = 0,
                required: Bool = false, pattern: String? = nil, patternHint: String? = nil, patternHintEn: String? = nil,
                formula: Formula? = nil, max: Decimal? = nil, signed: Bool = false, note: String = "") {
        self.id = id
        self.label = label
        self.labelEn = labelEn
        self.kind = kind
        self.unit = unit
        self.decimals = decimals
        self.required = required
        self.pattern = pattern
        self.patternHint = patternHint
        self.patternHintEn = patternHintEn
        self.formula = formula
        self.max = max
        self.signed = signed
        self.note = note
    }
}

/// A fixed table whose cells are typed: rows × columns, parent rows summing their children
/// (the basic-data table's 经费控制情况, a fund block's 合计/当年财政拨款/上年结转资金).
/// Cell values live at /fields/<row>/<column>.
public struct Grid: Sendable {
    public var id: String
    public var title: String
    public var titleEn: String
    /// Label over the row-label column.
    public var corner: String
    public var columns: [Field]
    public var rows: [GridRow]
}

public struct GridRow: Sendable {
    public var id: String
    public var label: String
    public var labelEn: String
    /// Indent level as printed (0 top, 1 child, 2 grandchild).
    public var indent: Int
    /// Rows (or "table:<id>" for a repeating row group) whose sum this row must equal.
    public var sumOf: [String]
    /// A repeating row group (one row per special fund) stored at /tables/<id>, shown here.
    public var table: String?
    public var nameLabel: String
}

/// A table with as many rows as the user adds (projects, buildings, special funds), stored at
/// /tables/<id>/<n>/<column>, with computed columns and a 合计 row.
public struct Table: Sendable {
    public var id: String
    public var title: String
    public var titleEn: String
    public var columns: [Field]
    /// Columns summed in the 合计 row (at /computed/<id>/total/<column>).
    public var totals: [String]
    /// Rules that make a column required on some rows (主要原因分析 for 三等/四等).
    public var requirements: [RowRequirement]
    /// The running number column (序号) is shown, not stored.
    public var numbered: Bool
    /// Grid a repeating row group belongs to (special funds under 项目支出), if any.
    public var gridID: String?
}

public struct RowRequirement: Sendable {
    public var column: String
    public var when: [RowCondition]
    public var severity: Severity
    public var message: String
    public var messageEn: String
}

public enum RowCondition: Sendable {
    /// The column's value (typed or computed) is one of these texts.
    case oneOf(column: String, values: [String])
    /// The column's absolute value is at least this much.
    case absAtLeast(column: String, value: Decimal)
}

public struct IndicatorScheme: Sendable {
    public var tiers: [IndicatorTier]
    /// Points outside the grid that make up the 100 (预算执行率 10).
    public var otherWeight: Decimal
    public var otherWeightLabel: String
    /// What all weights must add up to.
    public var totalWeight: Decimal
    /// Column headings as this variant prints them.
    public var nameLabel: String
    public var targetLabel: String
    public var actualLabel: String
    public var scoreLabel: String
    public var deviationLabel: String
}

public struct IndicatorTier: Sendable {
    public var name: String
    public var nameEn: String
    /// The points this 一级 carries (产出指标 50); nil where the form leaves them to the sheet
    /// (Guangdong's 评分表 prints none): then only the total of all 分值 is checked.
    public var weight: Decimal?
    public var level2: [String]
}

public struct GradeBand: Sendable, Equatable {
    public var grade: String
    public var gradeEn: String
    /// Lower bound, nil for the last band (everything below).
    public var above: Decimal?
    /// Whether the bound itself belongs to this band (90分(含) vs 大于90分).
    public var inclusive: Bool

    public func admits(_ score: Decimal) -> Bool {
        guard let a = above else { return true }
        return inclusive ? score >= a : score > a
    }
}

public enum Severity: String, Sendable, Comparable {
    case error, warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// A rule the template states about its own figures.
public struct Check: Sendable {
    public enum Rule: Sendable {
        /// The sum of `parts` must equal `whole` (按收入性质分 rows against 全年执行数).
        case sumEquals(parts: [String], whole: String)
        /// A figure the unit stated must agree with the computed one at the precision stated
        /// (增减率 "209%" against a computed 207.93%).
        case statedMatches(stated: String, computed: String)
    }
    public var id: String
    public var rule: Rule
    public var severity: Severity
    public var message: String
    public var messageEn: String
}

/// Labels may name the sheet's year: "{year}年决算数", "{prevYear}年决算数".
public func resolveLabel(_ label: String, year: Int?) -> String {
    guard label.utf8.contains(UInt8(ascii: "{")) else { return label }
    return label
        .replacingLiteral("{prevYear}", with: year.map { String($0 - 1) } ?? "上")
        .replacingLiteral("{year}", with: year.map(String.init) ?? "本")
}

extension Field {
    /// The field with its labels for a given year, for messages and display.
    public func resolved(year: Int?) -> Field {
        // Only labels with a {year} or {prevYear} change; this runs for every cell checked.
        guard label.utf8.contains(UInt8(ascii: "{")) || labelEn.utf8.contains(UInt8(ascii: "{")) else { return self }
        var f = self
        f.label = resolveLabel(label, year: year)
        f.labelEn = resolveLabel(labelEn, year: year).replacingLiteral("上年", with: "last year's").replacingLiteral("本年", with: "this year's")
        return f
    }
}

import FoundationEssentials

/// How the summary's rows are chosen, ordered and grouped: `--filter`, `--sort`, `--group-by`.
/// Each is named in Chinese, as the table heads its columns, or in English.
public struct SummaryOptions: Sendable {
    public var sort: SortKey?
    public var descending = false
    public var groupBy: Grouping?
    public var filters: [Filter] = []

    public init(sort: SortKey? = nil, descending: Bool = false, groupBy: Grouping? = nil, filters: [Filter] = []) {
        self.sort = sort
        self.descending = descending
        self.groupBy = groupBy
        self.filters = filters
    }

    public enum SortKey: String, Sendable, CaseIterable {
        case file, code, name, unit, department, initial, adjusted, executed
        case execRate = "exec-rate", adjustRate = "adjust-rate", score, problems

        /// The Chinese names, as the columns are headed.
        static let chinese: [String: SortKey] = [
            "文件": .file, "序号": .file, "项目编码": .code, "项目名称": .name, "预算单位": .unit, "主管部门": .department,
            "年初预算数": .initial, "调整后预算数": .adjusted, "全年执行数": .executed, "执行数": .executed,
            "预算执行率": .execRate, "执行率": .execRate, "预算调整率": .adjustRate, "调整率": .adjustRate,
            "自评得分": .score, "得分": .score, "问题": .problems,
        ]

        public init?(name: String) {
            guard let k = SortKey(rawValue: name) ?? Self.chinese[name] else { return nil }
            self = k
        }

        /// `a` before `b` in ascending order; a row without the value comes last either way.
        func ascending(_ a: SummaryRow, _ b: SummaryRow) -> Bool? {
            switch self {
            case .file: return Self.order(a.path, b.path)
            case .code: return Self.order(a.code, b.code)
            case .name: return Self.order(a.name, b.name)
            case .unit: return Self.order(a.unit, b.unit)
            case .department: return Self.order(a.department, b.department)
            case .initial: return Self.order(a.initial, b.initial)
            case .adjusted: return Self.order(a.adjusted, b.adjusted)
            case .executed: return Self.order(a.executed, b.executed)
            case .execRate: return Self.order(a.execRate?.decimal, b.execRate?.decimal)
            case .adjustRate: return Self.order(a.adjustRate?.decimal, b.adjustRate?.decimal)
            case .score: return Self.order(a.score, b.score)
            case .problems: return Self.order([a.errors, a.warnings], [b.errors, b.warnings])
            }
        }

        /// Nil when equal, so that the order given decides (the sort is stable).
        static func order<T: Comparable>(_ a: T, _ b: T) -> Bool? { a == b ? nil : a < b }
        static func order<T: Comparable>(_ a: T?, _ b: T?) -> Bool? {
            guard let a, let b else { return nil }  // the missing ones are placed by `isMissing`
            return order(a, b)
        }
        static func order(_ a: [Int], _ b: [Int]) -> Bool? { a == b ? nil : a.lexicographicallyPrecedes(b) }
    }

    public enum Grouping: String, Sendable, CaseIterable {
        case department, unit

        public init?(name: String) {
            switch name {
            case "主管部门", "department": self = .department
            case "预算单位", "unit": self = .unit
            default: return nil
            }
        }

        public func label(_ lang: Language) -> String {
            switch self {
            case .department: return lang.pick("主管部门", "Supervising department")
            case .unit: return lang.pick("预算单位", "Budget unit")
            }
        }

        func key(_ r: SummaryRow) -> String { self == .department ? r.department : r.unit }
    }

    public enum Filter: Sendable, Equatable {
        /// Sheets in this grade (a name of the summary's bands).
        case grade(String)
        /// Sheets without a score.
        case ungraded
        case errors, warnings
        /// Sheets with errors or warnings.
        case problems

        /// A grade of the bands (Chinese or English name), or a kind of problem.
        public init?(name: String, bands: [GradeBand]) {
            if let b = bands.first(where: { $0.grade == name || $0.gradeEn.lowercased() == name.lowercased() }) {
                self = .grade(b.grade)
                return
            }
            switch name {
            case "未评分", "ungraded": self = .ungraded
            case "有错误", "错误", "errors": self = .errors
            case "有警告", "警告", "warnings": self = .warnings
            case "有问题", "问题", "problems": self = .problems
            default: return nil
            }
        }

        var isGrade: Bool {
            switch self {
            case .grade, .ungraded: return true
            default: return false
            }
        }

        func admits(_ r: SummaryRow) -> Bool {
            switch self {
            case .grade(let g): return r.grade == g
            case .ungraded: return r.score == nil
            case .errors: return r.errors > 0
            case .warnings: return r.warnings > 0
            case .problems: return r.errors + r.warnings > 0
            }
        }
    }

    /// Whether a row is listed: it must be in one of the grades asked for (if any) and have
    /// one of the kinds of problems asked for (if any). `--filter 三等 --filter 四等
    /// --filter errors` lists the 三等 and 四等 sheets that have errors.
    public func admits(_ r: SummaryRow) -> Bool {
        let grades = filters.filter(\.isGrade), problems = filters.filter { !$0.isGrade }
        return (grades.isEmpty || grades.contains { $0.admits(r) }) && (problems.isEmpty || problems.contains { $0.admits(r) })
    }

    /// The rows in the order asked for: stable, so that equal rows keep the order given, and
    /// rows without the value last in either direction.
    public func sorted(_ rows: [SummaryRow]) -> [SummaryRow] {
        guard let sort else { return rows }
        return rows.enumerated().sorted { x, y in
            let missingX = sort.isMissing(x.element), missingY = sort.isMissing(y.element)
            if missingX != missingY { return missingY }
            if let before = sort.ascending(x.element, y.element) { return before != descending }
            return x.offset < y.offset
        }.map(\.element)
    }
}

extension SummaryOptions.SortKey {
    /// A row without the value sorted on (no budget, no score, a rate over zero).
    func isMissing(_ r: SummaryRow) -> Bool {
        switch self {
        case .initial: return r.initial == nil
        case .adjusted: return r.adjusted == nil
        case .executed: return r.executed == nil
        case .execRate: return r.execRate?.decimal == nil
        case .adjustRate: return r.adjustRate?.decimal == nil
        case .score: return r.score == nil
        default: return false
        }
    }
}

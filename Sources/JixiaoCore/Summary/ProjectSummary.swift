/// The 项目自评汇总表 of many sheets (seed 004): the rows listed, in order, in groups when
/// asked (with a 小计 each), and the 合计 of all listed rows.
public struct ProjectSummary: Sendable {
    public struct Group: Sendable {
        /// The 主管部门 or 预算单位 the group shares; empty when the summary is not grouped.
        public var name: String
        public var rows: [SummaryRow]
        public var totals: SummaryTotals
    }

    public let form: SummaryForm
    public let options: SummaryOptions
    /// One unnamed group when not grouped; else one per name, in the order first met.
    public let groups: [Group]
    public let totals: SummaryTotals

    public init(_ rows: [SummaryRow], form: SummaryForm, options: SummaryOptions = SummaryOptions()) {
        self.form = form
        self.options = options
        let listed = options.sorted(rows.filter(options.admits))
        let bands = form.grades
        totals = SummaryTotals(listed, bands: bands)
        guard let grouping = options.groupBy else {
            groups = [Group(name: "", rows: listed, totals: totals)]
            return
        }
        var order = [String]()
        var members = [String: [SummaryRow]]()
        for r in listed {
            let key = grouping.key(r)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(r)
        }
        groups = order.map { key in
            let rows = members[key] ?? []
            return Group(name: key, rows: rows, totals: SummaryTotals(rows, bands: bands))
        }
    }

    /// Every listed row, group after group.
    public var rows: [SummaryRow] { groups.flatMap(\.rows) }

    /// The year the sheets share, nil when they differ or none has one.
    public var year: Int? {
        let years = Set(rows.map(\.year))
        guard years.count == 1, let only = years.first else { return nil }
        return only
    }
}

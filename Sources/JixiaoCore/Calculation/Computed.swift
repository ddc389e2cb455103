import FoundationEssentials

/// A computed figure. `undefined` is a ratio over zero (shown "—"); a figure whose inputs are
/// not filled in yet is simply absent.
public enum ComputedValue: Equatable, Sendable {
    case number(Decimal)
    case text(String)
    case undefined

    public var decimal: Decimal? {
        if case .number(let d) = self { return d }
        return nil
    }
}

/// Subtotals of the indicator grid, per 一级 and per 二级.
public struct IndicatorSummary: Equatable, Sendable {
    public struct Level2: Equatable, Sendable {
        public var name: String
        public var weight: Decimal
        public var score: Decimal
        public var rows: Int
    }
    public struct Tier: Equatable, Sendable {
        public var name: String
        /// The weight the template gives this 一级 (50, 30, 10), nil for a 一级 the template lacks.
        public var templateWeight: Decimal?
        /// Sum of its rows' 分值 and 得分 (each 得分 rounded first, as the national platform does).
        public var weight: Decimal
        public var score: Decimal
        public var rows: Int
        public var level2: [Level2]
    }
    public var tiers: [Tier]
    public var weight: Decimal
    public var score: Decimal
    /// How many rows have a 分值 / 得分 at all (an empty grid has no subtotal to show).
    public var weightRows: Int
    public var scoreRows: Int
    public var hasWeights: Bool { weightRows > 0 }
    public var hasScores: Bool { scoreRows > 0 }
    /// The exact integer sums behind these figures, when every figure fitted them; a cache
    /// that lets one changed row be applied without a pass over all rows.
    var unitSums: UnitSums?

    init(tiers: [Tier], weight: Decimal, score: Decimal, weightRows: Int, scoreRows: Int) {
        self.tiers = tiers
        self.weight = weight
        self.score = score
        self.weightRows = weightRows
        self.scoreRows = scoreRows
    }

    /// The figures only: the integer cache says nothing the figures do not.
    public static func == (a: IndicatorSummary, b: IndicatorSummary) -> Bool {
        a.tiers == b.tiers && a.weight == b.weight && a.score == b.score && a.weightRows == b.weightRows && a.scoreRows == b.scoreRows
    }
}

/// Every computed figure of a session, exact. Rounded half-up only in `json` and when shown.
public struct Computed: Sendable {
    public let template: Template
    /// Computed scalar fields by id.
    public var scalars: [String: ComputedValue] = [:]
    /// Sums of grid rows that have children: row → column → sum (absent when no child is filled).
    public var gridSums: [String: [String: Decimal]] = [:]
    /// Computed columns of each table row, and the 合计 row.
    public var tableRows: [String: [[String: ComputedValue]]] = [:]
    public var tableTotals: [String: [String: Decimal]] = [:]
    public var indicators: IndicatorSummary?
    public var total: Decimal?
    public var grade: String?
    /// When the template caps 总分 by the execution rate and the cap bit: the band, and the
    /// total before it (`total` is the capped figure).
    public var execCap: (band: PlatformRules.ExecCapBand, uncapped: Decimal)?

    /// The `computed` block of the session file: template order, figures rounded half-up to
    /// their field's decimals and written with exactly that many (91 → 91.00).
    public var json: JSONValue { json(suggestions: nil) }

    /// The block, with each indicator row's suggested 得分 under indicators.rows when given the
    /// rows: what `jixiao get` reads. The file leaves them out: they are hints made from the
    /// rows' text, not figures of the sheet, and for a 10,000-row sheet they would cost every
    /// save and every check 20,000 readings and half a megabyte. (Computed does not keep the
    /// rows itself: sharing the session's array would make the editor's next edit copy it.)
    public func json(suggestions rows: [IndicatorRow]?) -> JSONValue {
        let t = template
        let ix = t.index
        var o = JSONObject()
        func num(_ d: Decimal?, _ places: Int) -> JSONValue {
            d.map { .number(ExactDecimal.format($0, places: places)) } ?? .null
        }
        func value(_ v: ComputedValue?, _ f: Field) -> JSONValue {
            switch v {
            case .number(let d)?: return num(d, f.decimals)
            case .text(let s)?: return .string(s)
            case .undefined?, nil: return .null
            }
        }
        for sec in t.sections {
            for b in sec.blocks {
                switch b {
                case .fields(let g):
                    for f in g.fields where f.isComputed { o.append(f.id, value(scalars[f.id], f)) }
                case .grid(let g):
                    for row in g.rows where !row.sumOf.isEmpty {
                        var ro = JSONObject()
                        for c in g.columns { ro.append(c.id, num(gridSums[row.id]?[c.id], c.decimals)) }
                        o.append(row.id, .object(ro))
                    }
                    for row in g.rows {
                        if let tid = row.table, let tab = ix.tables[tid] { o.append(tid, tableJSON(tab, value, num)) }
                    }
                case .table(let tab):
                    if tab.columns.contains(where: \.isComputed) || !tab.totals.isEmpty {
                        o.append(tab.id, tableJSON(tab, value, num))
                    }
                case .indicators:
                    if let s = indicators { o.append("indicators", summaryJSON(s, suggestions: rows)) }
                case .unit, .result:
                    break
                }
            }
        }
        if t.total != nil {
            o.append("total", num(total, t.rounding.score))
            o.append("grade", grade.map(JSONValue.string) ?? .null)
        }
        return .object(o)
    }

    private func tableJSON(_ tab: Table, _ value: (ComputedValue?, Field) -> JSONValue, _ num: (Decimal?, Int) -> JSONValue) -> JSONValue {
        var to = JSONObject()
        let computedCols = tab.columns.filter(\.isComputed)
        if !computedCols.isEmpty {
            to.append("rows", .array((tableRows[tab.id] ?? []).map { row in
                var ro = JSONObject()
                for c in computedCols { ro.append(c.id, value(row[c.id], c)) }
                return .object(ro)
            }))
        }
        if !tab.totals.isEmpty {
            var tot = JSONObject()
            for cid in tab.totals {
                let places = tab.columns.first(where: { $0.id == cid })?.decimals ?? 2
                tot.append(cid, num(tableTotals[tab.id]?[cid], places))
            }
            to.append("total", .object(tot))
        }
        return .object(to)
    }

    private func summaryJSON(_ s: IndicatorSummary, suggestions rows: [IndicatorRow]?) -> JSONValue {
        let places = template.rounding.score
        func n(_ d: Decimal) -> JSONValue { .number(ExactDecimal.format(d, places: places)) }
        var o = JSONObject()
        o.append("weight", n(s.weight))
        o.append("score", n(s.score))
        o.append("tiers", .array(s.tiers.map { tier in
            var to = JSONObject()
            to.append("level1", .string(tier.name))
            to.append("weight", n(tier.weight))
            to.append("score", n(tier.score))
            to.append("level2", .array(tier.level2.map { l2 in
                JSONValue.object(JSONObject([("level2", .string(l2.name)), ("weight", n(l2.weight)), ("score", n(l2.score))]))
            }))
            return .object(to)
        }))
        // Each row's suggested 得分 (`ScoreSuggestion`), null for 定性 or without a 分值: made
        // here, when the block is written, rather than on every keystroke of the editor.
        guard let rows else { return .object(o) }
        o.append("rows", .array(rows.map { row in
            let suggested = ScoreSuggestion.suggest(row, template)?.score
            return .object(JSONObject([("suggested_score", suggested.map { n($0) } ?? .null)]))
        }))
        return .object(o)
    }
}

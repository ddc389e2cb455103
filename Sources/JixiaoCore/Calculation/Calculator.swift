import FoundationEssentials

/// Computes every figure of a session from what was typed, exactly, per the template.
///
/// Rules (shared/domain.md): blanks among a sum's parts count as nothing, but a sum with no
/// part filled in is itself blank; a ratio over zero is undefined ("—"); percentages are
/// stored in percent units; a score (执行率得分) is weight × rate, capped at the weight when
/// the template says so, rounded half-up to the score decimals at once, as the national
/// platform does, so that 总分 is the sum of the rounded figures shown on the sheet; each
/// indicator row's 得分 is likewise rounded before it is summed. Everything else stays exact
/// until it is shown or stored.
public enum Calculator {
    public static func compute(_ s: Session, _ t: Template) -> Computed {
        let summary = t.index.hasIndicators ? t.indicators.map { summarize(s.indicators, $0, places: t.rounding.score) } : nil
        return compute(s, t, indicators: summary)
    }

    /// Everything but the indicator subtotals, which the caller has: the editor keeps them up
    /// to date row by row (`IndicatorSummary.replacing`), so that a committed cell of a
    /// 10,000-row sheet does not go through every row again. Nothing here reads the indicator
    /// rows themselves, only `indicators`, which must be the subtotals of `s.indicators`.
    public static func compute(_ s: Session, _ t: Template, indicators summary: IndicatorSummary?) -> Computed {
        var e = Evaluation(s: s, t: t, ix: t.index)
        var out = Computed(template: t)
        // The subtotals first: any formula below may refer to them (indicators.score).
        if e.ix.hasIndicators, t.indicators != nil {
            out.indicators = summary
            e.summary = summary
        }
        // Grid sums next: they depend only on typed cells and table columns.
        for gid in e.ix.gridOrder {
            guard let g = e.ix.grids[gid] else { continue }
            for row in g.rows where !row.sumOf.isEmpty {
                var sums = [String: Decimal]()
                for c in g.columns {
                    if let v = e.gridSum(row.id, c.id) { sums[c.id] = v }
                }
                out.gridSums[row.id] = sums
            }
        }
        for id in e.ix.fieldOrder where e.ix.fields[id]?.isComputed == true {
            if let v = e.scalar(id) { out.scalars[id] = v }
        }
        for tid in e.ix.tableOrder {
            guard let tab = e.ix.tables[tid] else { continue }
            let rows = s.tables[tid] ?? []
            if tab.columns.contains(where: \.isComputed) {
                out.tableRows[tid] = rows.indices.map { n in
                    var rv = [String: ComputedValue]()
                    for c in tab.columns where c.isComputed {
                        if let v = e.tableCell(tab, n, c.id) { rv[c.id] = v }
                    }
                    return rv
                }
            }
            var totals = [String: Decimal]()
            for cid in tab.totals {
                if let v = e.columnSum(tid, cid) { totals[cid] = v }
            }
            out.tableTotals[tid] = totals
        }

        if let total = t.total {
            let v = e.evaluate(total, table: nil, row: nil)
            out.total = v?.decimal.map { ExactDecimal.round($0, t.rounding.score) }
            capByExecution(&out, t)
            out.grade = out.total.flatMap { grade(of: $0, t.grades) }
        }
        return out
    }

    /// The band a score falls in: the first (highest) band whose lower bound admits it.
    public static func grade(of score: Decimal, _ bands: [GradeBand]) -> String? {
        bands.first { $0.admits(score) }?.grade
    }
}

/// Memoised evaluation of references and formulas over one session.
struct Evaluation {
    let s: Session
    let t: Template
    let ix: TemplateIndex
    var scalarMemo = [String: ComputedValue?]()
    /// The indicator subtotals, once computed: "indicators.score" is their total.
    var summary: IndicatorSummary?

    init(s: Session, t: Template, ix: TemplateIndex) {
        self.s = s
        self.t = t
        self.ix = ix
    }

    mutating func scalar(_ id: String) -> ComputedValue? {
        if let m = scalarMemo[id] { return m }
        guard let f = ix.fields[id], let formula = f.formula else {
            return s.fields[id]?.decimal.map(ComputedValue.number)
        }
        scalarMemo[id] = .some(nil)  // cycle guard; the checker rejects cycles anyway
        let v = evaluate(formula, table: nil, row: nil, field: f)
        scalarMemo[id] = .some(v)
        return v
    }

    /// A grid row's sum over its children, for one column; nil when no child has a value.
    func gridSum(_ rowID: String, _ col: String) -> Decimal? {
        guard let (gid, row) = ix.gridRows[rowID], ix.grids[gid] != nil else { return nil }
        var parts = [Decimal]()
        for ref in row.sumOf {
            if ref.hasPrefix("table:") {
                if let v = columnSum(String(ref.dropFirst(6)), col) { parts.append(v) }
            } else if let v = cellValue(ref, col) {
                parts.append(v)
            }
        }
        return parts.isEmpty ? nil : parts.reduce(0, +)
    }

    /// What a cell stands for: the typed value, or for a parent row left blank, its sum.
    func cellValue(_ row: String, _ col: String) -> Decimal? {
        if let typed = s.cells[row]?[col]?.decimal { return typed }
        return gridSum(row, col)
    }

    func columnSum(_ tid: String, _ col: String) -> Decimal? {
        guard let tab = ix.tables[tid] else { return nil }
        var sum: Decimal?
        for n in (s.tables[tid] ?? []).indices {
            if let v = tableCell(tab, n, col)?.decimal { sum = (sum ?? 0) + v }
        }
        return sum
    }

    func tableCell(_ tab: Table, _ n: Int, _ col: String) -> ComputedValue? {
        guard let c = tab.columns.first(where: { $0.id == col }) else { return nil }
        if let formula = c.formula {
            var sub = Evaluation(s: s, t: t, ix: ix)
            return sub.evaluate(formula, table: tab, row: n, field: c)
        }
        return s.tables[tab.id]?[n][col]?.decimal.map(ComputedValue.number)
    }

    mutating func ref(_ text: String, table: Table?, row: Int?) -> ComputedValue? {
        switch Reference.parse(text, inTable: table) {
        case .field(let id): return scalar(id)
        case .cell(let r, let c): return cellValue(r, c).map(ComputedValue.number)
        case .columnSum(let tid, let c): return columnSum(tid, c).map(ComputedValue.number)
        case .rowColumn(let c):
            guard let table, let row else { return nil }
            return tableCell(table, row, c)
        case .indicatorScores:
            if let summary { return summary.hasScores ? .number(summary.score) : nil }
            let places = t.rounding.score
            let scores = s.indicators.compactMap(\.scoreValue)
            return scores.isEmpty ? nil : .number(scores.reduce(0) { $0 + ExactDecimal.round($1, places) })
        case .indicatorWeights:
            if let summary { return summary.hasWeights ? .number(summary.weight) : nil }
            let ws = s.indicators.compactMap(\.weightValue)
            return ws.isEmpty ? nil : .number(ws.reduce(0, +))
        }
    }

    mutating func evaluate(_ f: Formula, table: Table?, row: Int?, field: Field? = nil) -> ComputedValue? {
        func number(_ r: String) -> Decimal? { ref(r, table: table, row: row)?.decimal }
        switch f {
        case .sum(let refs):
            let parts = refs.compactMap { number($0) }
            return parts.isEmpty ? nil : .number(parts.reduce(0, +))
        case .ratio(let a, let b):
            guard let x = number(a), let y = number(b) else { return nil }
            guard let q = ExactDecimal.divide(x, y) else { return .undefined }
            return .number(q * 100)
        case .difference(let a, let b):
            guard let x = number(a), let y = number(b) else { return nil }
            return .number(x - y)
        case .changeRate(let a, let b):
            guard let x = number(a), let y = number(b) else { return nil }
            guard let q = ExactDecimal.divide(x - y, y) else { return .undefined }
            return .number(q * 100)
        case .score(let rateRef, let weight, let cap):
            guard let rate = ref(rateRef, table: table, row: row) else { return nil }
            // A rate over a zero budget is undefined; the platform then gives 0 points.
            guard case .number(let r) = rate else { return .number(0) }
            var v = weight * r / 100
            if cap && v > weight { v = weight }
            return .number(ExactDecimal.round(v, t.rounding.score))
        case .grade(let r):
            guard let v = number(r) else { return nil }
            return Calculator.grade(of: v, t.grades).map(ComputedValue.text)
        case .average(let r):
            guard case .columnSum(let tid, let col) = Reference.parse(r, inTable: nil), let tab = ix.tables[tid] else { return nil }
            let vals = (s.tables[tid] ?? []).indices.compactMap { tableCell(tab, $0, col)?.decimal }
            return vals.isEmpty ? nil : .number(vals.reduce(0, +) / Decimal(vals.count))
        }
    }
}

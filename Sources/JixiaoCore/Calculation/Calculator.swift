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
        var e = Evaluation(s: s, t: t, ix: t.index)
        var out = Computed(template: t)
        // Grid sums first: they depend only on typed cells and table columns.
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
        if e.ix.hasIndicators, let scheme = t.indicators {
            out.indicators = summarize(s.indicators, scheme, places: t.rounding.score)
            e.summary = out.indicators
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
            out.grade = out.total.flatMap { grade(of: $0, t.grades) }
        }
        return out
    }

    /// The band a score falls in: the first (highest) band whose lower bound admits it.
    public static func grade(of score: Decimal, _ bands: [GradeBand]) -> String? {
        bands.first { $0.admits(score) }?.grade
    }

    /// Subtotals per 一级 (in template order, then any the template does not know) and 二级.
    public static func summarize(_ rows: [IndicatorRow], _ scheme: IndicatorScheme, places: Int) -> IndicatorSummary {
        if let fast = summarizeFixedPoint(rows, scheme, places: places) { return fast }
        return summarizeDecimal(rows, scheme, places: places)
    }

    /// The same sums in integer hundredths (10^places), exact, for the common case where every
    /// 分值 and 得分 has at most `places` decimals: Decimal arithmetic costs a hundred times
    /// more, and this runs on every keystroke of a 10,000-row sheet. nil when any figure does
    /// not fit, and the Decimal path takes over.
    static func summarizeFixedPoint(_ rows: [IndicatorRow], _ scheme: IndicatorScheme, places: Int) -> IndicatorSummary? {
        guard places >= 0, places <= 6 else { return nil }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        /// A literal in units of 10^-places; .some(nil) for blank, nil when it does not fit.
        func units(_ literal: String?) -> Int64?? {
            guard let literal else { return .some(nil) }
            // Anything not a plain JSON number is left to the Decimal path, which treats it
            // exactly as everywhere else (an unreadable literal counts as blank).
            guard ExactDecimal.isPlainNumber(literal) else { return nil }
            var v: Int64 = 0, frac = -1, neg = false
            for (k, b) in literal.utf8.enumerated() {
                switch b {
                case UInt8(ascii: "-") where k == 0: neg = true
                case UInt8(ascii: "."): if frac >= 0 { return nil }; frac = 0
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if frac >= 0 { frac += 1; if frac > places { return nil } }
                    if v > Int64.max / 100 { return nil }
                    v = v * 10 + Int64(b - UInt8(ascii: "0"))
                default: return nil
                }
            }
            for _ in 0..<(places - max(0, frac)) { v *= 10 }
            return .some(neg ? -v : v)
        }
        var figures = [(Int64?, Int64?)]()
        figures.reserveCapacity(rows.count)
        for row in rows {
            guard let w = units(row.weight), let sc = units(row.score) else { return nil }
            figures.append((w, sc))
        }
        return accumulate(rows, figures, scheme) { v in
            Decimal(sign: v < 0 ? .minus : .plus, exponent: -places, significand: Decimal(UInt64(v.magnitude)))
        }
    }

    static func summarizeDecimal(_ rows: [IndicatorRow], _ scheme: IndicatorScheme, places: Int) -> IndicatorSummary {
        let figures = rows.map { ($0.weightValue, $0.scoreValue.map { ExactDecimal.round($0, places) }) }
        return accumulate(rows, figures, scheme) { $0 }
    }

    /// Subtotals per 一级 (in template order, then any the template does not know) and per
    /// 二级, in whatever exact number type the caller chose; `decimal` turns it back.
    static func accumulate<N: AdditiveArithmetic>(_ rows: [IndicatorRow], _ figures: [(N?, N?)], _ scheme: IndicatorScheme,
                                                   decimal: (N) -> Decimal) -> IndicatorSummary {
        typealias L2 = Level2Sums<N>
        typealias T = TierSums<N>
        // An array addressed through an index map, so that each row updates its tier in place.
        var tiers = scheme.tiers.map { T(name: $0.name, weight: $0.weight, l2: $0.level2.map { L2(name: $0) }) }
        var tierIndex = [String: Int]()
        for (k, t) in tiers.enumerated() where tierIndex[t.name] == nil { tierIndex[t.name] = k }
        var tw = N.zero, ts = N.zero
        var hasW = false, hasS = false
        for (row, (wOpt, sOpt)) in zip(rows, figures) {
            let w = wOpt ?? .zero, sc = sOpt ?? .zero
            hasW = hasW || wOpt != nil
            hasS = hasS || sOpt != nil
            tw += w
            ts += sc
            let k: Int
            if let found = tierIndex[row.level1] { k = found } else {
                k = tiers.count
                tierIndex[row.level1] = k
                tiers.append(T(name: row.level1, weight: nil, l2: []))
            }
            tiers[k].w += w
            tiers[k].s += sc
            tiers[k].rows += 1
            if let j = tiers[k].l2.firstIndex(where: { $0.name == row.level2 }) {
                tiers[k].l2[j].w += w
                tiers[k].l2[j].s += sc
                tiers[k].l2[j].rows += 1
            } else {
                tiers[k].l2.append(L2(name: row.level2, w: w, s: sc, rows: 1))
            }
        }
        return IndicatorSummary(
            tiers: tiers.map { t in
                IndicatorSummary.Tier(name: t.name, templateWeight: t.weight, weight: decimal(t.w), score: decimal(t.s), rows: t.rows,
                                      level2: t.l2.map { .init(name: $0.name, weight: decimal($0.w), score: decimal($0.s), rows: $0.rows) })
            },
            weight: decimal(tw), score: decimal(ts), hasWeights: hasW, hasScores: hasS)
    }
}

/// Running sums of one 二级 and one 一级, in the number type of the summing path.
struct Level2Sums<N: AdditiveArithmetic> {
    var name: String
    var w: N = .zero
    var s: N = .zero
    var rows = 0
}

struct TierSums<N: AdditiveArithmetic> {
    var name: String
    var weight: Decimal?
    var w: N = .zero
    var s: N = .zero
    var rows = 0
    var l2: [Level2Sums<N>]
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

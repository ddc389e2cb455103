import FoundationEssentials

/// The subtotals of the indicator grid per 一级 and 二级: a full pass over the rows, and the
/// update for one changed row that the editor uses on every committed cell.
extension Calculator {
    /// Subtotals per 一级 (in template order, then any the template does not know) and 二级.
    public static func summarize(_ rows: [IndicatorRow], _ scheme: IndicatorScheme, places: Int) -> IndicatorSummary {
        if let fast = summarizeFixedPoint(rows, scheme, places: places) { return fast }
        return summarizeDecimal(rows, scheme, places: places)
    }

    /// Largest magnitude of one figure on the integer path, in units of 10^-places. With at
    /// most `maxFixedPointRows` rows no sum can pass Int64's 9.2 × 10^18.
    static let maxUnits: Int64 = 10_000_000_000_000
    static let maxFixedPointRows = 900_000

    /// A literal in units of 10^-places: .some(nil) for blank, nil when it does not fit the
    /// integer path (more decimals than `places`, too large, or not a plain number).
    static func units(_ literal: String?, places: Int) -> Int64?? {
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
                v = v * 10 + Int64(b - UInt8(ascii: "0"))
                if v >= maxUnits { return nil }
            default: return nil
            }
        }
        for _ in 0..<(places - max(0, frac)) {
            v *= 10
            if v >= maxUnits { return nil }
        }
        return .some(neg ? -v : v)
    }

    /// The same sums in integer units (10^-places), exact, for the common case where every
    /// 分值 and 得分 has at most `places` decimals: Decimal arithmetic costs a hundred times
    /// more, and this runs on every keystroke of a 10,000-row sheet. nil when any figure does
    /// not fit, and the Decimal path takes over.
    static func summarizeFixedPoint(_ rows: [IndicatorRow], _ scheme: IndicatorScheme, places: Int) -> IndicatorSummary? {
        guard places >= 0, places <= 6, rows.count <= maxFixedPointRows else { return nil }
        var figures = [(Int64?, Int64?)]()
        figures.reserveCapacity(rows.count)
        for row in rows {
            guard let w = units(row.weight, places: places), let sc = units(row.score, places: places) else { return nil }
            figures.append((w, sc))
        }
        let sums = accumulate(rows, figures, scheme)
        var summary = sums.summary { decimal($0, places: places) }
        summary.unitSums = UnitSums(places: places, sums: sums)
        return summary
    }

    static func decimal(_ v: Int64, places: Int) -> Decimal {
        Decimal(sign: v < 0 ? .minus : .plus, exponent: -places, significand: Decimal(UInt64(v.magnitude)))
    }

    static func summarizeDecimal(_ rows: [IndicatorRow], _ scheme: IndicatorScheme, places: Int) -> IndicatorSummary {
        let figures = rows.map { ($0.weightValue, $0.scoreValue.map { ExactDecimal.round($0, places) }) }
        return accumulate(rows, figures, scheme).summary { $0 }
    }

    /// Subtotals per 一级 (in template order, then any the template does not know) and per
    /// 二级, in whatever exact number type the caller chose.
    static func accumulate<N: AdditiveArithmetic>(_ rows: [IndicatorRow], _ figures: [(N?, N?)], _ scheme: IndicatorScheme) -> SubtotalSums<N> {
        typealias L2 = Level2Sums<N>
        typealias T = TierSums<N>
        // An array addressed through an index map, so that each row updates its tier in place.
        var out = SubtotalSums<N>(tiers: scheme.tiers.map { T(name: $0.name, weight: $0.weight, l2: $0.level2.map { L2(name: $0) }) })
        var tierIndex = [String: Int]()
        for (k, t) in out.tiers.enumerated() where tierIndex[t.name] == nil { tierIndex[t.name] = k }
        for (row, (wOpt, sOpt)) in zip(rows, figures) {
            let w = wOpt ?? .zero, sc = sOpt ?? .zero
            if wOpt != nil { out.weightRows += 1 }
            if sOpt != nil { out.scoreRows += 1 }
            out.w += w
            out.s += sc
            let k: Int
            if let found = tierIndex[row.level1] { k = found } else {
                k = out.tiers.count
                tierIndex[row.level1] = k
                out.tiers.append(T(name: row.level1, weight: nil, l2: []))
            }
            out.tiers[k].w += w
            out.tiers[k].s += sc
            out.tiers[k].rows += 1
            if let j = out.tiers[k].l2.firstIndex(where: { $0.name == row.level2 }) {
                out.tiers[k].l2[j].w += w
                out.tiers[k].l2[j].s += sc
                out.tiers[k].l2[j].rows += 1
            } else {
                out.tiers[k].l2.append(L2(name: row.level2, w: w, s: sc, rows: 1))
            }
        }
        return out
    }
}

extension IndicatorSummary {
    /// The subtotals once one row has changed from `old` to `new`, by adjusting the sums of its
    /// 一级 and 二级 instead of summing every row again. nil when a full pass is needed: the
    /// row changed 一级 or 二级 (groups are ordered by first appearance), or a figure does not
    /// fit the exact integer path that makes the adjustment give the full pass's result.
    public func replacing(_ old: IndicatorRow, with new: IndicatorRow) -> IndicatorSummary? {
        guard let u = unitSums else { return nil }
        guard old.level1 == new.level1, old.level2 == new.level2 else { return nil }
        if old.weight == new.weight && old.score == new.score { return self }
        let places = u.places
        guard let ow = Calculator.units(old.weight, places: places), let os = Calculator.units(old.score, places: places),
              let nw = Calculator.units(new.weight, places: places), let ns = Calculator.units(new.score, places: places),
              let k = u.sums.tiers.firstIndex(where: { $0.name == new.level1 }),
              let j = u.sums.tiers[k].l2.firstIndex(where: { $0.name == new.level2 }) else { return nil }
        let dw = (nw ?? 0) - (ow ?? 0), ds = (ns ?? 0) - (os ?? 0)
        var sums = u.sums
        sums.w += dw
        sums.s += ds
        sums.weightRows += (nw == nil ? 0 : 1) - (ow == nil ? 0 : 1)
        sums.scoreRows += (ns == nil ? 0 : 1) - (os == nil ? 0 : 1)
        sums.tiers[k].w += dw
        sums.tiers[k].s += ds
        sums.tiers[k].l2[j].w += dw
        sums.tiers[k].l2[j].s += ds
        // Only the changed groups are turned back into Decimal; the rest are kept as they are.
        var out = self
        func decimal(_ v: Int64) -> Decimal { Calculator.decimal(v, places: places) }
        out.weight = decimal(sums.w)
        out.score = decimal(sums.s)
        out.weightRows = sums.weightRows
        out.scoreRows = sums.scoreRows
        out.tiers[k].weight = decimal(sums.tiers[k].w)
        out.tiers[k].score = decimal(sums.tiers[k].s)
        out.tiers[k].level2[j].weight = decimal(sums.tiers[k].l2[j].w)
        out.tiers[k].level2[j].score = decimal(sums.tiers[k].l2[j].s)
        out.unitSums = UnitSums(places: places, sums: sums)
        return out
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

/// Every running sum of one pass over the rows.
struct SubtotalSums<N: AdditiveArithmetic> {
    var tiers: [TierSums<N>]
    var w: N = .zero
    var s: N = .zero
    var weightRows = 0
    var scoreRows = 0

    /// The summary, with `decimal` turning each sum back into a Decimal.
    func summary(_ decimal: (N) -> Decimal) -> IndicatorSummary {
        IndicatorSummary(
            tiers: tiers.map { t in
                IndicatorSummary.Tier(name: t.name, templateWeight: t.weight, weight: decimal(t.w), score: decimal(t.s), rows: t.rows,
                                      level2: t.l2.map { .init(name: $0.name, weight: decimal($0.w), score: decimal($0.s), rows: $0.rows) })
            },
            weight: decimal(w), score: decimal(s), weightRows: weightRows, scoreRows: scoreRows)
    }
}

/// The integer sums a summary was made from, kept so that one changed row can be applied to
/// them exactly.
struct UnitSums: Sendable {
    var places: Int
    var sums: SubtotalSums<Int64>
}

extension Level2Sums: Sendable where N: Sendable {}
extension TierSums: Sendable where N: Sendable {}
extension SubtotalSums: Sendable where N: Sendable {}

import FoundationEssentials

/// One figure a transcribed report states (`StatedFigures`) beside the one Jixiao computes.
public struct StatedComparison: Sendable {
    public enum Verdict: Sendable, Equatable {
        /// Equal at the precision the report used: "209%" against 208.6 agrees.
        case agrees
        case differs
        /// A rate stated as 100% or 0% that is that only once rounded: 99.98% is not "all
        /// spent" (seed 000: 5576.04 of 5577.04).
        case roundedToBoundary
        /// A rate over a zero budget, stated as something other than the 0 the platform prints.
        case undefined
        /// Nothing computed yet (its inputs are blank): nothing to say.
        case notComputed
    }
    public var pointer: JSONPointer
    /// The stated value's field (label, kind), and "第 20 行：" / "row 20: " for table rows.
    public var field: Field
    public var rowPrefix: (zh: String, en: String)
    public var stated: FieldValue
    /// The computed figure as shown at the report's precision, or at the sheet's if finer.
    public var computed: String
    public var verdict: Verdict

    /// Every stated figure of the sheet, in order: /stated, then the tables' rows.
    public static func all(_ s: Session, _ t: Template, _ c: Computed) -> [StatedComparison] {
        var out = [StatedComparison]()
        let exec = t.executionRate
        for sf in StatedFigures.fields(t) {
            guard let v = s.stated[sf.key] else { continue }
            let figure: ComputedValue?
            var places = t.rounding.score
            switch sf.key {
            case "exec_rate":
                figure = exec.flatMap { c.scalars[$0.rate] }
                places = exec.flatMap { t.index.fields[$0.rate]?.decimals } ?? t.rounding.percent
            case "exec_score": figure = exec.flatMap { c.scalars[$0.score] }
            case "total": figure = c.total.map(ComputedValue.number)
            case "grade": figure = c.grade.map(ComputedValue.text)
            default: figure = nil
            }
            out.append(make(v, figure, sf.field.resolved(year: s.year), places: places, JSONPointer() / "stated" / sf.key, ("", "")))
        }
        for tid in t.index.tableOrder {
            guard let tab = t.index.tables[tid] else { continue }
            let fields = StatedFigures.rowFields(tab)
            guard !fields.isEmpty else { continue }
            for (n, row) in (s.tables[tid] ?? []).enumerated() {
                for sf in fields {
                    guard let v = row[StatedFigures.rowKey(sf.key)] else { continue }
                    let places = tab.columns.first { $0.id == sf.key }?.decimals ?? 2
                    out.append(make(v, c.tableRows[tid]?[n][sf.key], sf.field.resolved(year: s.year), places: places,
                                    JSONPointer() / "tables" / tid / n / "stated" / sf.key, ("第 \(n + 1) 行：", "row \(n + 1): ")))
                }
            }
        }
        return out
    }

    static func make(_ v: FieldValue, _ figure: ComputedValue?, _ f: Field, places: Int, _ p: JSONPointer, _ prefix: (String, String)) -> StatedComparison {
        var out = StatedComparison(pointer: p, field: f, rowPrefix: prefix, stated: v, computed: "", verdict: .notComputed)
        switch (v, figure) {
        case (.text(let said), .text(let got)?):
            out.computed = got
            out.verdict = said.trimmingWhitespace() == got ? .agrees : .differs
        case (.number(let lit), .number(let exact)?):
            guard let said = ExactDecimal.parse(lit) else { return out }
            let at = ExactDecimal.decimalPlaces(of: lit)
            out.computed = ExactDecimal.format(exact, places: max(at, places))
            if ExactDecimal.round(exact, at) != said {
                out.verdict = .differs
            } else if f.kind == .percent && (said == 100 || said == 0) && exact != said {
                out.verdict = .roundedToBoundary
            } else {
                out.verdict = .agrees
            }
        case (.number(let lit), .undefined?):
            out.computed = "—"
            out.verdict = ExactDecimal.parse(lit) == 0 ? .agrees : .undefined
        default:
            break
        }
        return out
    }
}

extension Validator {
    /// Each stated figure checked as a value of its kind, and against what the sheet computes.
    static func stated(_ s: Session, _ t: Template, _ c: Computed, _ out: inout ProblemList) {
        for cmp in StatedComparison.all(s, t, c) {
            let f = cmp.field, (zh, en) = cmp.rowPrefix
            value(cmp.stated, f, cmp.pointer, &out)
            // "预算执行率（%）6.85", not "（%） 6.85%".
            let unit = f.kind == .percent && !f.label.hasSuffix("（%）") ? "%" : ""
            let gap = unit.isEmpty && f.label.hasSuffix("）") ? "" : " "
            let said = cmp.stated.text
            switch cmp.verdict {
            case .agrees, .notComputed:
                continue
            case .differs where f.kind.isNumeric:
                out.add(.warning, cmp.pointer, "\(zh)\(f.label)\(gap)\(said)\(unit)，按数据计算为 \(cmp.computed)\(unit)",
                        "\(en)\(f.labelEn) \(said)\(unit), the figures give \(cmp.computed)\(unit)", code: "stated-mismatch")
            case .differs:
                out.add(.warning, cmp.pointer, "\(zh)\(f.label)“\(said)”，按数据计算为“\(cmp.computed)”",
                        "\(en)\(f.labelEn) \"\(said)\", the figures give \"\(cmp.computed)\"", code: "stated-mismatch")
            case .roundedToBoundary:
                let all = ExactDecimal.parse(said) == 100
                out.add(.warning, cmp.pointer,
                        "\(zh)\(f.label) \(said)%，按数据计算为 \(cmp.computed)%，\(all ? "并未全部执行" : "并非分文未支")（四舍五入后才是 \(said)%）",
                        "\(en)\(f.labelEn) \(said)%, the figures give \(cmp.computed)%: \(all ? "not all was spent" : "something was spent") (it is \(said)% only once rounded)",
                        code: "stated-mismatch")
            case .undefined:
                out.add(.warning, cmp.pointer, "\(zh)\(f.label)\(gap)\(said)\(unit)，但按数据无法计算（分母为 0）",
                        "\(en)\(f.labelEn) \(said)\(unit), but the figures give none (a zero denominator)", code: "stated-mismatch")
            }
        }
    }
}

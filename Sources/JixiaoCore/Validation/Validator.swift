import FoundationEssentials

/// Finds every problem of a session: missing required fields, malformed values, parents that
/// are not the sum of their children, breakdowns that do not add up, indicator weights and
/// scores out of line, missing 偏差原因, and stored figures that disagree with a fresh
/// computation. Errors make a sheet wrong; warnings are for the reviewer to judge.
public enum Validator {
    public static func validate(_ s: Session, _ t: Template, _ c: Computed? = nil) -> [Problem] {
        report(s, t, c ?? Calculator.compute(s, t)).all
    }

    /// Every problem, in parts (`ProblemReport`).
    public static func report(_ s: Session, _ t: Template, _ c: Computed) -> ProblemReport {
        report(s, t, c, rows: true)
    }

    /// Every problem added to `out` in report order, which describes the first of them and
    /// counts the rest (`ProblemList`): what `jixiao validate` prints.
    public static func check(_ s: Session, _ t: Template, _ c: Computed, into out: inout ProblemList) {
        walk(s, t, c, &out) { scheme, out in
            let fields = IndicatorFields(t)
            for (n, row) in s.indicators.enumerated() { indicatorRow(n, row, scheme, fields, &out) }
        }
    }

    /// The report after indicator row `changedRow` alone has changed, made in place: only that
    /// row is checked again, and the rest of the sheet, which depends on the subtotals rather
    /// than on any one row, as usual. The other rows' problems are neither checked nor copied.
    public static func update(_ report: inout ProblemReport, _ s: Session, _ t: Template, _ c: Computed, changedRow n: Int) {
        guard let scheme = t.indicators, report.rows.count == s.indicators.count, s.indicators.indices.contains(n) else {
            report = Self.report(s, t, c)
            return
        }
        let sheet = Self.report(s, t, c, rows: false)
        report.replace(row: n, with: indicatorRow(n, s.indicators[n], scheme, t), leading: sheet.leading, trailing: sheet.trailing)
    }

    /// The whole report, or with `rows` false everything but the indicator rows' own problems.
    static func report(_ s: Session, _ t: Template, _ c: Computed, rows wantRows: Bool) -> ProblemReport {
        var out = ProblemList()
        var leadingEnd: Int?
        var rows = [[Problem]]()
        walk(s, t, c, &out) { scheme, out in
            leadingEnd = out.listed.count
            if wantRows {
                let fields = IndicatorFields(t)
                rows = s.indicators.enumerated().map { indicatorRow($0.offset, $0.element, scheme, fields) }
            }
        }
        guard let leadingEnd else { return ProblemReport(leading: out.listed, rows: [], trailing: []) }
        return ProblemReport(leading: Array(out.listed[..<leadingEnd]), rows: rows, trailing: Array(out.listed[leadingEnd...]))
    }

    /// Checks the sheet in report order; at the indicator grid, `indicators` adds (or keeps
    /// apart) the rows' own problems, before the grid's totals and what follows.
    static func walk(_ s: Session, _ t: Template, _ c: Computed, _ out: inout ProblemList,
                     indicators: (IndicatorScheme, inout ProblemList) -> Void) {
        var seenIndicators = false
        let ix = t.index
        let root = JSONPointer()

        if s.unit.isBlank {
            out.add(.error, root / "unit", "缺少“\(t.unitLabel)”", "the unit name is missing", code: "required")
        } else if let vp = ValueRules.problem(.text(s.unit), t.unitField) {
            out.add(.error, root / "unit", vp.message, vp.messageEn, code: vp.code)
        }
        if s.year == nil {
            out.add(.error, root / "year", "缺少年度", "the year is missing", code: "required")
        }

        for sec in t.sections {
            for b in sec.blocks {
                switch b {
                case .fields(let g):
                    for f in g.fields where !f.isComputed {
                        value(s.fields[f.id], f.resolved(year: s.year), root / "fields" / f.id, &out)
                    }
                case .grid(let g):
                    grid(g, s, c, ix, &out)
                case .table(let tab):
                    table(tab, s, c, &out)
                case .indicators:
                    guard let scheme = t.indicators, !seenIndicators else { break }
                    seenIndicators = true
                    indicators(scheme, &out)
                    indicatorTotals(s, scheme, c, &out)
                case .unit, .result:
                    break
                }
            }
        }
        // Repeating row groups inside grids are tables too.
        for tid in ix.tableOrder {
            if let tab = ix.tables[tid], tab.gridID != nil { table(tab, s, c, &out) }
        }
        for check in t.checks { apply(check, s, t, &out) }
        platformSheet(s, t, c, &out)
        stated(s, t, c, &out)
        notes(s, t, c, &out)
        if let stored = s.storedComputed { compareStored(stored, c.json, root / "computed", t, &out) }
    }

    static func value(_ v: FieldValue?, _ f: Field, _ p: @autoclosure () -> JSONPointer, _ out: inout ProblemList) {
        guard let v, !(v.text.isBlank) else {
            if f.required { out.add(.error, p(), "缺少“\(f.label)”", "\"\(f.labelEn.isEmpty ? f.label : f.labelEn)\" is missing", code: "required") }
            return
        }
        if let vp = ValueRules.problem(v, f) { out.add(.error, p(), vp.message, vp.messageEn, code: vp.code) }
    }

    static func grid(_ g: Grid, _ s: Session, _ c: Computed, _ ix: TemplateIndex, _ out: inout ProblemList) {
        let columns = g.columns.map { $0.resolved(year: s.year) }
        for row in ix.valueRows(of: g) {
            for col in columns {
                let p = JSONPointer() / "fields" / row.id / col.id
                let typed = s.cells[row.id]?[col.id]
                value(typed, col, p, &out)
                guard !row.sumOf.isEmpty, let t = typed?.decimal, let sum = c.gridSums[row.id]?[col.id], t != sum else { continue }
                let (ts, ss) = (figure(t, col.decimals), figure(sum, col.decimals))
                out.add(.error, p,
                                   "“\(row.label.trimmingWhitespace())”\(col.label) 填 \(ts)，但其子项之和为 \(ss)",
                                   "\"\(row.labelEn)\" \(col.labelEn) is \(ts), but its parts add up to \(ss)",
                                   code: "sum-mismatch")
            }
        }
    }

    static func table(_ tab: Table, _ s: Session, _ c: Computed, _ out: inout ProblemList) {
        let rows = s.tables[tab.id] ?? []
        for (n, row) in rows.enumerated() {
            var rp: JSONPointer { JSONPointer() / "tables" / tab.id / n }
            for col in tab.columns where !col.isComputed {
                value(row[col.id], col.resolved(year: s.year), rp / col.id, &out)
            }
            for q in tab.requirements {
                let filled = !(row[q.column]?.text.isBlank ?? true)
                guard !filled else { continue }
                let applies = q.when.contains { cond in
                    switch cond {
                    case .oneOf(let col, let values):
                        let v: String? = c.tableRows[tab.id]?[n][col].flatMap {
                            if case .text(let t) = $0 { return t }
                            return nil
                        } ?? row[col]?.text
                        return v.map(values.contains) ?? false
                    case .absAtLeast(let col, let limit):
                        let v = c.tableRows[tab.id]?[n][col]?.decimal ?? row[col]?.decimal
                        guard let v else { return false }
                        return ExactDecimal.round(v < 0 ? -v : v, 2) >= limit
                    }
                }
                if applies {
                    out.add(q.severity, rp / q.column, "第 \(n + 1) 行：\(q.message)", "row \(n + 1): \(q.messageEn)", code: "row-requirement")
                }
            }
        }
    }

    /// The problems of one indicator row (its own fields, and score against weight).
    public static func indicatorRow(_ n: Int, _ row: IndicatorRow, _ scheme: IndicatorScheme, _ t: Template) -> [Problem] {
        indicatorRow(n, row, scheme, IndicatorFields(t))
    }

    /// The 分值 and 得分 fields of a template, made once per pass rather than once per row.
    struct IndicatorFields {
        let weight: Field
        let score: Field
        /// 一级, 二级, 三级, 年度指标值, 实际完成值 (one line each) and 偏差原因 (long text).
        let text: [Field]
        /// The platform's settings and the score decimals, for each row's suggested 得分.
        let rules: PlatformRules
        let places: Int
        init(_ t: Template) {
            weight = IndicatorRow.field("weight", decimals: t.rounding.score)
            score = IndicatorRow.field("score", decimals: t.rounding.score)
            text = IndicatorRow.keys.filter { !IndicatorRow.numericKeys.contains($0) }.map { IndicatorRow.field($0, decimals: 0) }
            rules = t.platform
            places = t.rounding.score
        }
    }

    static func indicatorRow(_ n: Int, _ row: IndicatorRow, _ scheme: IndicatorScheme, _ fields: IndicatorFields) -> [Problem] {
        var out = ProblemList()
        indicatorRow(n, row, scheme, fields, &out)
        return out.listed
    }

    static func indicatorRow(_ n: Int, _ row: IndicatorRow, _ scheme: IndicatorScheme, _ fields: IndicatorFields, _ out: inout ProblemList) {
        // Built only when a problem is described: most rows of a 10,000-row sheet have none,
        // and the rows past `ProblemList.limit` are only counted.
        var p: JSONPointer { JSONPointer() / "indicators" / n }
        var at: String { "第 \(n + 1) 行" }
        var atEn: String { "row \(n + 1)" }
        let tier = scheme.tiers.first { $0.name == row.level1 }
        if row.level1.isEmpty {
            out.add(.error, p / "level1", "\(at)：缺少一级指标", "\(atEn): the first-tier indicator is missing", code: "required")
        } else if tier == nil {
            out.add(.error, p / "level1", "\(at)：一级指标“\(row.level1)”不在模板中（可用：\(scheme.tiers.map(\.name).joined(separator: "、"))）",
                               "\(atEn): first-tier indicator \"\(row.level1)\" is not in the template", code: "unknown-level1")
        }
        if row.level2.isEmpty {
            out.add(.error, p / "level2", "\(at)：缺少二级指标", "\(atEn): the second-tier indicator is missing", code: "required")
        } else if let tier, !tier.level2.contains(row.level2) {
            out.add(.error, p / "level2", "\(at)：二级指标“\(row.level2)”不属于“\(tier.name)”（可用：\(tier.level2.joined(separator: "、"))）",
                               "\(atEn): \"\(row.level2)\" is not a second-tier indicator of \"\(tier.name)\"", code: "unknown-level2")
        }
        if row.name.isBlank {
            out.add(.error, p / "name", "\(at)：缺少三级指标名称", "\(atEn): the indicator name is missing", code: "required")
        }
        if let w = row.weight {
            if let vp = ValueRules.problem(.number(w), fields.weight) {
                out.add(.error, p / "weight", "\(at)：\(vp.message)", "\(atEn): \(vp.messageEn)", code: vp.code)
            }
        } else {
            out.add(.error, p / "weight", "\(at)：缺少分值", "\(atEn): the weight is missing", code: "required")
        }
        if let sc = row.score {
            if let vp = ValueRules.problem(.number(sc), fields.score) {
                out.add(.error, p / "score", "\(at)：\(vp.message)", "\(atEn): \(vp.messageEn)", code: vp.code)
            }
        } else {
            out.add(.error, p / "score", "\(at)：缺少得分", "\(atEn): the score is missing", code: "required")
        }
        // Read once: each is parsed from its literal, and a 10,000-row sheet has 20,000.
        let weight = row.weightValue, score = row.scoreValue
        if let w = weight, let sc = score {
            if sc > w {
                out.add(.error, p / "score", "\(at)：得分 \(sc) 大于分值 \(w)", "\(atEn): score \(sc) exceeds weight \(w)", code: "score-exceeds-weight")
            } else if sc < w && row.deviation.isBlank {
                out.add(.warning, p / "deviation", "\(at)：得分 \(sc) 低于分值 \(w)，应填写偏差原因分析及改进措施",
                                   "\(atEn): score \(sc) is below weight \(w); reasons and remedies are expected", code: "deviation-missing")
            }
        }
        platformRow(n, row, weight, score, fields, &out)
        // Text a terminal would obey (control characters, bidi controls), in a file written by
        // another program: reported, so that it is fixed before the sheet is passed on. Most
        // rows have none, which six looks at their bytes tell before any field is consulted.
        let suspect = TerminalText.holdsUnsafe(row.level1) || TerminalText.holdsUnsafe(row.level2) || TerminalText.holdsUnsafe(row.name)
            || TerminalText.holdsUnsafe(row.target) || TerminalText.holdsUnsafe(row.actual) || TerminalText.holdsUnsafe(row.deviation)
        for f in fields.text where suspect {
            if let v = row.value(f.id), let vp = ValueRules.problem(v, f) {
                out.add(.error, p / f.id, "\(at)：\(vp.message)", "\(atEn): \(vp.messageEn)", code: vp.code)
            }
        }
    }

    /// The grid as a whole: no rows at all, and 分值 per 一级 and in all against the template.
    static func indicatorTotals(_ s: Session, _ scheme: IndicatorScheme, _ c: Computed, _ out: inout ProblemList) {
        let ip = JSONPointer() / "indicators"
        if s.indicators.isEmpty {
            out.add(.error, ip, "还没有绩效指标", "there are no indicators yet", code: "required")
        }
        guard let summary = c.indicators, !s.indicators.isEmpty else { return }
        for tier in summary.tiers {
            guard let want = tier.templateWeight else { continue }
            if tier.weight != want {
                out.add(.error, ip, "“\(tier.name)”各三级指标分值合计 \(tier.weight)，应为 \(want)",
                                   "the weights under \"\(tier.name)\" add up to \(tier.weight), not \(want)", code: "tier-weight")
            }
        }
        let total = summary.weight + scheme.otherWeight
        if total != scheme.totalWeight {
            // Only the points outside the grid that there are (Guangdong's 评分表 has none).
            let other = scheme.otherWeight == 0 ? ("", "") : ("（含\(scheme.otherWeightLabel) \(scheme.otherWeight)）", " (with \(scheme.otherWeight) for budget execution)")
            out.add(.error, ip, "分值合计 \(total)\(other.0)，应为 \(scheme.totalWeight)",
                               "weights total \(total)\(other.1), not \(scheme.totalWeight)", code: "total-weight")
        }
    }

    /// The number a check's reference names, with its pointer (typed values only for `stated`).
    static func lookup(_ ref: String, _ s: Session, _ t: Template) -> (Decimal?, JSONPointer) {
        var e = Evaluation(s: s, t: t, ix: t.index)
        switch Reference.parse(ref, inTable: nil) {
        case .field(let id):
            let isComputed = t.index.fields[id]?.isComputed ?? false
            return (e.scalar(id)?.decimal, JSONPointer() / (isComputed ? "computed" : "fields") / id)
        case .cell(let row, let col):
            return (e.cellValue(row, col), JSONPointer() / "fields" / row / col)
        default:
            return (e.ref(ref, table: nil, row: nil)?.decimal, JSONPointer())
        }
    }

    static func apply(_ check: Check, _ s: Session, _ t: Template, _ out: inout ProblemList) {
        switch check.rule {
        case .sumEquals(let parts, let whole):
            let values = parts.compactMap { lookup($0, s, t).0 }
            let (w, p) = lookup(whole, s, t)
            guard !values.isEmpty, let w else { return }
            let sum = values.reduce(0, +)
            if sum != w {
                let places = decimals(whole, t) ?? 0
                let (ss, ws, ds) = (figure(sum, places), figure(w, places), figure(sum - w, places))
                out.add(check.severity, p, "\(check.message)：各项之和 \(ss)，填报 \(ws)（相差 \(ds)）",
                                   "\(check.messageEn): the parts add up to \(ss), the total is \(ws) (off by \(ds))", code: check.id)
            }
        case .statedMatches(let stated, let computed):
            guard case .field(let sid) = Reference.parse(stated, inTable: nil), let lit = s.fields[sid]?.text,
                  let sv = ExactDecimal.parse(lit) else { return }
            let (cv, _) = lookup(computed, s, t)
            guard let cv else { return }
            // Compared at the precision the report used: "209%" is checked against 207.93 → 208.
            let places = ExactDecimal.decimalPlaces(of: lit)
            let rounded = ExactDecimal.round(cv, places)
            if rounded != sv {
                out.add(check.severity, JSONPointer() / "fields" / sid,
                                   "\(check.message)：报告为 \(lit)，按数据计算为 \(ExactDecimal.format(cv, places: max(places, 2)))",
                                   "\(check.messageEn): stated \(lit), the figures give \(ExactDecimal.format(cv, places: max(places, 2)))", code: check.id)
            }
        }
    }

    /// A figure in a message as its field shows it: with the field's decimals (785.20, not
    /// 785.2), or more when the figure has more, so that no digit is hidden.
    static func figure(_ d: Decimal, _ places: Int) -> String {
        ExactDecimal.format(d, places: max(places, ExactDecimal.decimalPlaces(of: ExactDecimal.plainString(d))))
    }

    /// The decimals of the field, grid column or table column a check's reference names.
    static func decimals(_ ref: String, _ t: Template) -> Int? {
        let ix = t.index
        switch Reference.parse(ref, inTable: nil) {
        case .field(let id): return ix.fields[id]?.decimals
        case .cell(let row, let col): return ix.gridRows[row].flatMap { ix.grids[$0.0] }?.columns.first { $0.id == col }?.decimals
        case .columnSum(let table, let col): return ix.tables[table]?.columns.first { $0.id == col }?.decimals
        default: return t.rounding.score
        }
    }

    /// Every figure stored in the file's `computed` that differs from a fresh computation.
    static func compareStored(_ stored: JSONValue, _ fresh: JSONValue, _ p: JSONPointer, _ t: Template, _ out: inout ProblemList) {
        switch (stored, fresh) {
        case (.object(let so), .object(let fo)):
            for (k, sv) in so.members {
                guard let fv = fo[k] else { continue }
                compareStored(sv, fv, p / k, t, &out)
            }
        case (.array(let sa), .array(let fa)):
            for (n, (sv, fv)) in zip(sa, fa).enumerated() { compareStored(sv, fv, p / n, t, &out) }
            if sa.count != fa.count {
                out.add(.error, p, "文件中保存的计算结果有 \(sa.count) 行，实际应为 \(fa.count) 行", "the stored figures have \(sa.count) rows, not \(fa.count)", code: "stored-computed")
            }
        case (.number(let a), .number(let b)):
            if ExactDecimal.parse(a) != ExactDecimal.parse(b) { mismatch(a, b, p, &out) }
        case (.null, .null):
            break
        default:
            if stored != fresh {
                mismatch(stored == .null ? "null" : (stored.stringValue ?? JSONWriter.compact(stored)),
                         fresh == .null ? "—" : (fresh.stringValue ?? JSONWriter.compact(fresh)), p, &out)
            }
        }
    }

    static func mismatch(_ stored: String, _ fresh: String, _ p: JSONPointer, _ out: inout ProblemList) {
        let what = p.tokens.last == "total" && p.tokens.count == 2 ? "总分" : p.tokens.last == "grade" && p.tokens.count == 2 ? "等级" : "计算结果"
        out.add(.error, p, "文件中保存的\(what) \(stored) 与重新计算的 \(fresh) 不符（以重新计算为准）",
                           "the stored figure \(stored) differs from the recomputed \(fresh) (the recomputed one stands)", code: "stored-computed")
    }
}

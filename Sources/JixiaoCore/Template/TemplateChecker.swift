import FoundationEssentials

/// Checks what a well-formed template means: ids unique, every reference resolving to a
/// number of the right sort, no formula depending on itself, bands and weights in order.
enum TemplateChecker {
    static func check(_ t: Template, _ r: inout JSONReading) {
        let ix = t.index
        var seen = [String: JSONPointer]()
        var sectionIDs = Set<String>()

        func claim(_ id: String, _ p: JSONPointer) {
            if TemplateIndex.reserved.contains(id) {
                r.fail(p, "id “\(id)”是保留字", "the id \"\(id)\" is reserved")
            } else if let first = seen[id] {
                r.fail(p, "id “\(id)”重复（已在 \(first) 使用）", "the id \"\(id)\" is used twice (first at \(first))")
            } else {
                seen[id] = p
            }
        }

        for (si, s) in t.sections.enumerated() {
            let sp = JSONPointer() / "sections" / si
            if !sectionIDs.insert(s.id).inserted {
                r.fail(sp / "id", "栏目 id “\(s.id)”重复", "section id \"\(s.id)\" is used twice")
            }
            for (bi, b) in s.blocks.enumerated() {
                let bp = sp / "blocks" / bi
                switch b {
                case .fields(let g):
                    for (fi, f) in g.fields.enumerated() {
                        let fp = bp / "fields" / fi
                        claim(f.id, fp / "id")
                        if let formula = f.formula { checkFormula(formula, for: f, at: fp / "compute", table: nil, t, &r) }
                    }
                case .grid(let g):
                    claim(g.id, bp / "id")
                    var cols = Set<String>()
                    for (ci, c) in g.columns.enumerated() {
                        if !cols.insert(c.id).inserted { r.fail(bp / "columns" / ci / "id", "列 id “\(c.id)”重复", "column id \"\(c.id)\" is used twice") }
                        if !c.kind.isNumeric || c.formula != nil {
                            r.fail(bp / "columns" / ci, "表格的列应为可录入的数值（money、count、number…）", "grid columns must be typed numbers (money, count, number …)")
                        }
                    }
                    for (ri, row) in g.rows.enumerated() {
                        let rp = bp / "rows" / ri
                        claim(row.id, rp / "id")
                        if let tid = row.table, tid != row.id {
                            claim(tid, rp / "table")
                        }
                        for (k, ref) in row.sumOf.enumerated() {
                            if ref.hasPrefix("table:") {
                                let tid = String(ref.dropFirst(6))
                                if !g.rows.contains(where: { $0.table == tid }) {
                                    r.fail(rp / "sumOf" / k, "本表没有重复行组“\(tid)”", "this grid has no repeating row group \"\(tid)\"")
                                }
                            } else if ref == row.id || !g.rows.contains(where: { $0.id == ref && $0.table == nil }) {
                                r.fail(rp / "sumOf" / k, "“\(ref)”不是本表的另一行", "\"\(ref)\" is not another row of this grid")
                            }
                        }
                    }
                    if let cycle = sumCycle(g) {
                        r.fail(bp / "rows", "行的求和关系成环：\(cycle)", "row sums form a cycle: \(cycle)")
                    }
                case .table(let tab):
                    claim(tab.id, bp / "id")
                    var cols = Set<String>()
                    for (ci, c) in tab.columns.enumerated() {
                        let cp = bp / "columns" / ci
                        if !cols.insert(c.id).inserted { r.fail(cp / "id", "列 id “\(c.id)”重复", "column id \"\(c.id)\" is used twice") }
                        if let formula = c.formula { checkFormula(formula, for: c, at: cp / "compute", table: tab, t, &r) }
                    }
                    for (k, c) in tab.totals.enumerated() where !tab.columns.contains(where: { $0.id == c && $0.kind.isNumeric }) {
                        r.fail(bp / "totals" / k, "“\(c)”不是本表的数值列", "\"\(c)\" is not a numeric column of this table")
                    }
                    for (qi, q) in tab.requirements.enumerated() {
                        let qp = bp / "requirements" / qi
                        if !cols.contains(q.column) { r.fail(qp / "column", "本表没有列“\(q.column)”", "this table has no column \"\(q.column)\"") }
                        for (k, c) in q.when.enumerated() {
                            let col: String
                            switch c {
                            case .oneOf(let cc, _), .absAtLeast(let cc, _): col = cc
                            }
                            if !cols.contains(col) { r.fail(qp / "when" / k / "column", "本表没有列“\(col)”", "this table has no column \"\(col)\"") }
                        }
                    }
                case .indicators:
                    if t.indicators == nil {
                        r.fail(bp, "有 indicators 块却没有顶层“indicators”定义", "an indicators block needs a top-level \"indicators\" definition")
                    }
                case .unit, .result:
                    break
                }
            }
        }

        if let cycle = formulaCycle(t) {
            r.fail(JSONPointer() / "sections", "计算字段相互依赖成环：\(cycle)", "computed fields depend on each other in a cycle: \(cycle)")
        }

        if let scheme = t.indicators {
            let ip = JSONPointer() / "indicators"
            if !ix.hasIndicators { r.fail(ip, "定义了指标体系却没有 indicators 块", "indicators are defined but no section shows them") }
            var names = Set<String>()
            for (n, tier) in scheme.tiers.enumerated() where !names.insert(tier.name).inserted {
                r.fail(ip / "tiers" / n / "name", "一级指标“\(tier.name)”重复", "first-tier indicator \"\(tier.name)\" appears twice")
            }
            // Weights for every 一级 or for none: a form that sets some leaves the rest unknown.
            let weights = scheme.tiers.compactMap(\.weight)
            if weights.count == scheme.tiers.count {
                let sum = weights.reduce(scheme.otherWeight, +)
                if sum != scheme.totalWeight {
                    r.fail(ip, "一级指标分值合计 \(sum) 不等于总分值 \(scheme.totalWeight)", "tier weights add up to \(sum), not \(scheme.totalWeight)")
                }
            } else if !weights.isEmpty {
                r.fail(ip / "tiers", "一级指标应全部有分值（weight）或全部没有", "either every tier has a weight or none has")
            }
        }

        let gp = JSONPointer() / "grades"
        if t.grades.isEmpty { r.fail(gp, "至少需要一个等级", "at least one grade band is needed") }
        for (n, band) in t.grades.enumerated() {
            let isLast = n == t.grades.count - 1
            if isLast && band.above != nil {
                r.fail(gp / n, "最后一个等级不应有下限（它收下所有更低的分数）", "the last band must have no lower bound (it takes every lower score)")
            }
            if !isLast && band.above == nil {
                r.fail(gp / n / "above", "除最后一个等级外都需要下限", "every band but the last needs a lower bound")
            }
            if n > 0, let prev = t.grades[n - 1].above, let cur = band.above, cur >= prev {
                r.fail(gp / n / "above", "等级下限应从高到低排列", "band bounds must go from high to low")
            }
        }

        if let total = t.total {
            checkFormula(total, for: nil, at: JSONPointer() / "total", table: nil, t, &r)
        } else if ix.hasIndicators {
            r.fail(JSONPointer() / "total", "有指标体系的模板需要“total”公式", "a template with indicators needs a \"total\" formula")
        }

        checkPlatform(t, &r)

        for (n, c) in t.checks.enumerated() {
            let cp = JSONPointer() / "checks" / n
            switch c.rule {
            case .sumEquals(let parts, let whole):
                for (k, p) in parts.enumerated() { checkNumericRef(p, at: cp / "sum" / k, table: nil, t, &r) }
                checkNumericRef(whole, at: cp / "equals", table: nil, t, &r)
            case .statedMatches(let stated, let computed):
                checkNumericRef(stated, at: cp / "stated", table: nil, t, &r)
                checkNumericRef(computed, at: cp / "computed", table: nil, t, &r)
            }
        }
    }

    static func checkFormula(_ f: Formula, for field: Field?, at p: JSONPointer, table: Table?, _ t: Template, _ r: inout JSONReading) {
        let key: String
        switch f {
        case .sum: key = "sum"
        case .ratio: key = "ratio"
        case .difference: key = "difference"
        case .changeRate: key = "changeRate"
        case .score: key = "score"
        case .grade: key = "grade"
        case .average: key = "average"
        }
        if case .score = f {} else {
            for (n, ref) in f.references.enumerated() {
                let rp: JSONPointer
                switch f {
                case .grade, .average: rp = p / key
                default: rp = p / key / n
                }
                checkNumericRef(ref, at: rp, table: table, t, &r)
            }
        }
        if case .score(let rate, _, _) = f { checkNumericRef(rate, at: p / "score" / "rate", table: table, t, &r) }
        guard let field else { return }
        let want: FieldKind?
        switch f {
        case .ratio, .changeRate: want = .percent
        case .score: want = .score
        case .grade: want = .grade
        default: want = nil
        }
        if let want, field.kind != want {
            r.fail(p, "此公式的结果是 \(want.rawValue)，字段类型却是 \(field.kind.rawValue)", "this formula gives a \(want.rawValue), but the field is a \(field.kind.rawValue)")
        }
        if want == nil && !field.kind.isNumeric {
            r.fail(p, "计算字段应为数值类型", "a computed field must be numeric")
        }
    }

    /// A reference must name a number: a numeric field, a grid cell, a table's numeric column.
    static func checkNumericRef(_ ref: String, at p: JSONPointer, table: Table?, _ t: Template, _ r: inout JSONReading) {
        let ix = t.index
        switch Reference.parse(ref, inTable: table) {
        case .field(let id):
            guard let f = ix.fields[id] else {
                r.fail(p, "引用“\(ref)”不存在", "the reference \"\(ref)\" names nothing")
                return
            }
            if !f.kind.isNumeric { r.fail(p, "引用“\(ref)”不是数值字段", "the reference \"\(ref)\" is not a numeric field") }
        case .cell(let row, let col):
            guard let (gid, gr) = ix.gridRows[row], gr.table == nil, let g = ix.grids[gid], g.columns.contains(where: { $0.id == col }) else {
                r.fail(p, "引用“\(ref)”不是表格中的单元格", "the reference \"\(ref)\" is not a grid cell")
                return
            }
        case .columnSum(let tid, let col):
            guard let tab = ix.tables[tid], tab.columns.contains(where: { $0.id == col && $0.kind.isNumeric }) else {
                r.fail(p, "引用“\(ref)”不是表的数值列", "the reference \"\(ref)\" is not a numeric table column")
                return
            }
        case .rowColumn(let col):
            if let c = table?.columns.first(where: { $0.id == col }), !c.kind.isNumeric {
                r.fail(p, "引用“\(ref)”不是数值列", "the reference \"\(ref)\" is not a numeric column")
            }
        case .indicatorScores, .indicatorWeights:
            if !ix.hasIndicators { r.fail(p, "模板没有指标体系", "the template has no indicators") }
        }
    }

    /// A description of a cycle among a grid's row sums, if there is one.
    static func sumCycle(_ g: Grid) -> String? {
        let edges = Dictionary(g.rows.map { ($0.id, $0.sumOf.filter { !$0.hasPrefix("table:") }) }, uniquingKeysWith: { a, _ in a })
        return findCycle(edges)
    }

    /// A description of a cycle among computed fields (scalar and table columns), if any.
    static func formulaCycle(_ t: Template) -> String? {
        var edges = [String: [String]]()
        for (id, f) in t.index.fields {
            guard let formula = f.formula else { continue }
            edges[id] = formula.references.compactMap {
                if case .field(let other) = Reference.parse($0, inTable: nil) { return other }
                return nil
            }
        }
        for (tid, tab) in t.index.tables {
            for c in tab.columns {
                guard let formula = c.formula else { continue }
                edges["\(tid)[].\(c.id)"] = formula.references.compactMap {
                    if case .rowColumn(let other) = Reference.parse($0, inTable: tab) { return "\(tid)[].\(other)" }
                    return nil
                }
            }
        }
        return findCycle(edges)
    }

    static func findCycle(_ edges: [String: [String]]) -> String? {
        var state = [String: Int]()  // 1 visiting, 2 done
        var stack = [String]()
        func visit(_ n: String) -> String? {
            if state[n] == 2 { return nil }
            if state[n] == 1 {
                let from = stack.firstIndex(of: n) ?? 0
                return (stack[from...] + [n]).joined(separator: " → ")
            }
            state[n] = 1
            stack.append(n)
            for m in edges[n] ?? [] { if let c = visit(m) { return c } }
            stack.removeLast()
            state[n] = 2
            return nil
        }
        for n in edges.keys.sorted() { if let c = visit(n) { return c } }
        return nil
    }
}

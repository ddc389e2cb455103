/// Next year's sheet started from this year's (`jixiao new --from`): units fill in almost the
/// same indicators every year, and should not type them again.
///
/// What carries over is what was planned or names someone: the unit, one-line texts (项目名称,
/// 主管部门, 项目编码, 联系电话, 填表人 …), the indicator rows' 一级, 二级, 三级, 年度指标值
/// and 分值 (targets and weights are set before the year starts), and the goals planned
/// (预期目标 / 年初目标设定, a key project's 绩效目标), kept as a draft to rework. What is
/// cleared is what the year itself produced: every figure (money, counts, rates, scores),
/// dates, the 实际完成值, 得分 and 偏差原因 of each indicator, every other long text (实际
/// 完成情况, 主要原因分析, 厉行节约保障措施), and the figures a report stated (`/stated`, a
/// row's `stated/…`, and fields named `stated_…` or `…_stated`) with the notes on values, which
/// belong to last year's report. Rows of tables keep what carries over of them (a special
/// fund's name, a project's code); a row with nothing left is dropped.
public enum NextYearSheet {
    /// Long texts that are plans, by field or column id: kept as drafts.
    public static let plans: Set<String> = ["goal_planned", "goal"]

    /// `s` (read as `t`, the template's newest version) for the year after.
    public static func make(from s: Session, template t: Template, year: Int?) -> Session {
        var next = carried(s, t, year: year)
        for (tid, rows) in next.tables {
            let kept = rows.filter { !$0.isEmpty }
            next.tables[tid] = kept.isEmpty ? nil : kept
        }
        return next
    }

    /// The texts that would carry over but that `set` and the editor refuse (a control
    /// character, a bidi control), at their pointers in `s`: a new sheet is not started with
    /// what `validate` then flags, and the user is told where to correct last year's.
    public static func refusedTexts(in s: Session, template t: Template) -> [Problem] {
        Validator.validate(carried(s, t, year: s.year), t).filter { $0.code == "control-character" }
    }

    /// What carries over, every table row left where it was (empty or not), so that a
    /// pointer into it is one into `s`.
    static func carried(_ s: Session, _ t: Template, year: Int?) -> Session {
        var next = Session.new(for: t, unit: s.unit, year: year)
        let ix = t.index
        for (id, v) in s.fields {
            if let f = ix.fields[id], carries(f) { next.fields[id] = v }
        }
        for (rowID, cells) in s.cells {
            guard let (gid, _) = ix.gridRows[rowID], let g = ix.grids[gid] else { continue }
            let kept = cells.filter { col, _ in g.columns.contains { $0.id == col && carries($0) } }
            if !kept.isEmpty { next.cells[rowID] = kept }
        }
        for (tid, rows) in s.tables {
            guard let tab = ix.tables[tid] else { continue }
            let carried = Set(tab.columns.filter(carries).map(\.id))
            next.tables[tid] = rows.map { $0.filter { carried.contains($0.key) } }
        }
        next.indicators = s.indicators.map { r in
            IndicatorRow(level1: r.level1, level2: r.level2, name: r.name, target: r.target, weight: r.weight)
        }
        return next
    }

    /// Whether a typed field's value is carried into next year's sheet.
    static func carries(_ f: Field) -> Bool {
        guard !f.isComputed, !f.id.hasPrefix("stated_"), !f.id.hasSuffix("_stated") else { return false }
        switch f.kind {
        case .text, .code: return true
        case .longtext: return plans.contains(f.id)
        case .money, .count, .percent, .score, .number, .date, .grade: return false
        }
    }
}

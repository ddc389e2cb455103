import JixiaoCore

/// The sheet as the editor shows it: per template section, rows of cells laid out in blocks
/// (a fields block, a grid, a table, the indicator grid), each cell knowing what it shows and,
/// if it is typed, which `Target` an edit writes to. Rebuilt from (template, session,
/// computed) whenever they change; the view draws only the rows on screen.
public struct FormSection: Sendable {
    public var id: String
    public var title: String
    public var blocks: [BlockLayout]
    public var rows: [FormRow]
    /// Where the indicator rows are in `rows`, one per row of the session, in order.
    public var indicatorRows: Range<Int>?
}

public struct BlockLayout: Sendable {
    public var columns: [ColumnLayout]
}

public struct ColumnLayout: Sendable {
    public var header: String
    public var width: Int
    /// Whether the column takes spare screen width (text) or stays as it is (numbers).
    public var grows: Bool
    public var align: DisplayWidth.Alignment
    /// How wide its widest cell is (up to `ColumnLayout.needCap`): spare screen width goes
    /// first to the columns whose cells are cut, so a 年度指标值 such as "2024年12月底前" is
    /// shown whole at 132 columns before a 三级指标 column grows past what it holds.
    public var need: Int

    public init(header: String, width: Int, grows: Bool, align: DisplayWidth.Alignment, need: Int? = nil) {
        self.header = header
        self.width = width
        self.grows = grows
        self.align = align
        self.need = need ?? width
    }

    /// A column needs no more than this: past it, a text is cut however wide the screen.
    public static let needCap = 40
}

public struct FormRow: Sendable {
    public enum Kind: Sendable, Equatable { case heading, header, data, blank }
    /// The row of a user-extendable list a row stands for (for add, delete, move).
    public enum Source: Sendable, Equatable {
        case indicator(Int)
        case tableRow(table: String, index: Int)
        /// The "add a row" line under an empty or full list.
        case listEnd(table: String?)
    }
    public var kind: Kind
    public var block: Int
    public var cells: [FormCell]
    public var source: Source?
}

public struct FormCell: Sendable {
    public enum Look: Sendable, Equatable { case label, typed, computed, header, heading, problem }
    public var text: String
    public var look: Look
    public var target: Target?
    /// The field behind the cell (label, kind, unit), shared by the cells of a column rather
    /// than copied into each: a 10,000-row grid has 80,000 cells.
    let fieldRef: SharedField?
    /// Fixed choices (一级/二级 names) offered by a picker instead of free typing.
    public var choices: [String]?

    public init(text: String, look: Look, target: Target? = nil, field: Field? = nil, choices: [String]? = nil) {
        self.init(text: text, look: look, target: target, shared: field.map(SharedField.init), choices: choices)
    }

    init(text: String, look: Look, target: Target? = nil, shared: SharedField?, choices: [String]? = nil) {
        self.text = text
        self.look = look
        self.target = target
        self.fieldRef = shared
        self.choices = choices
    }

    /// The field behind the cell, for editing and messages.
    public var field: Field? { fieldRef?.field }

    public var isSelectable: Bool { target != nil || look == .computed }
}

/// One field for many cells.
final class SharedField: Sendable {
    let field: Field
    init(_ field: Field) { self.field = field }
}

public enum FormBuilder {
    public static func build(_ s: Session, _ t: Template, _ c: Computed, lang: Language) -> [FormSection] {
        t.sections.map { section(for: $0, s, t, c, lang) }
    }

    /// The form after indicator row `changed` alone has changed, updated in place: that row is
    /// built again, and the rows around the grid (headings, subtotals, other blocks) and the
    /// other sections are built as usual. The other indicator rows are left where they are, so
    /// a committed cell costs the rows around the grid (a few dozen), not a 10,000-row grid.
    public static func update(_ sections: inout [FormSection], _ s: Session, _ t: Template, _ c: Computed, lang: Language, changed: Int) {
        guard sections.count == t.sections.count else {
            sections = build(s, t, c, lang: lang)
            return
        }
        for (i, sec) in t.sections.enumerated() {
            guard let range = sections[i].indicatorRows, range.count == s.indicators.count, s.indicators.indices.contains(changed) else {
                sections[i] = section(for: sec, s, t, c, lang)
                continue
            }
            // Built without its indicator rows: what goes before them and what after.
            var fresh = section(for: sec, s, t, c, lang, withIndicatorRows: false, changed: changed)
            guard let at = fresh.indicatorRows?.lowerBound else {
                sections[i] = section(for: sec, s, t, c, lang)
                continue
            }
            let changedRow = fresh.rows[at]  // built for the one changed row only (see below)
            fresh.rows.remove(at: at)
            sections[i].rows.replaceSubrange(range.upperBound..., with: fresh.rows[at...])
            sections[i].rows[range.lowerBound + changed] = changedRow
            sections[i].rows.replaceSubrange(..<range.lowerBound, with: fresh.rows[..<at])
            // The other indicator rows were not measured again: their columns need what they did.
            for (b, block) in sections[i].blocks.enumerated() where fresh.blocks.indices.contains(b) {
                for (k, col) in block.columns.enumerated() where fresh.blocks[b].columns.indices.contains(k) {
                    fresh.blocks[b].columns[k].need = max(fresh.blocks[b].columns[k].need, col.need)
                }
            }
            sections[i].blocks = fresh.blocks
            sections[i].title = fresh.title
            sections[i].indicatorRows = at..<(at + range.count)
        }
    }

    static func label(_ f: Field, _ s: Session, _ lang: Language) -> String {
        resolveLabel(lang.pick(f.label, f.labelEn), year: s.year)
    }

    static func show(_ v: ComputedValue?, _ f: Field) -> String {
        switch v {
        case .number(let d)?: return ExactDecimal.format(d, places: f.decimals)
        case .text(let x)?: return x
        // ASCII, not "—": an East-Asian-Ambiguous dash is drawn double-width by many Chinese
        // terminals and would push the rest of the row out of its columns.
        case .undefined?: return "-"
        case nil: return ""
        }
    }

    static func width(_ s: String) -> Int { DisplayWidth.of(s) }

    /// One section's rows. Without `withIndicatorRows`, the indicator grid gets a single row in
    /// place of its rows, built for `changed`: what `update` needs to patch a section.
    static func section(for sec: Section, _ s: Session, _ t: Template, _ c: Computed, _ lang: Language,
                        withIndicatorRows: Bool = true, changed: Int = 0) -> FormSection {
        var blocks = [BlockLayout]()
        var rows = [FormRow]()
        var indicatorRows: Range<Int>?
        let ix = t.index
        func heading(_ text: String) {
            guard !text.isEmpty else { return }
            // A heading may name the year, as labels do: 楼堂馆所控制情况（{year}年完工项目）.
            rows.append(FormRow(kind: .heading, block: -1, cells: [FormCell(text: resolveLabel(text, year: s.year), look: .heading)]))
        }
        func header(_ b: Int) {
            rows.append(FormRow(kind: .header, block: b, cells: blocks[b].columns.map { FormCell(text: $0.header, look: .header) }))
        }
        func blank() {
            if let last = rows.last, last.kind != .blank { rows.append(FormRow(kind: .blank, block: -1, cells: [])) }
        }
        for block in sec.blocks {
            switch block {
            case .unit:
                let b = blocks.count
                blocks.append(BlockLayout(columns: [
                    ColumnLayout(header: "", width: max(10, width(t.unitLabel)), grows: false, align: .left),
                    ColumnLayout(header: "", width: 40, grows: true, align: .left),
                ]))
                rows.append(FormRow(kind: .data, block: b, cells: [
                    FormCell(text: t.unitLabel, look: .label),
                    FormCell(text: s.unit, look: .typed, target: .unit,
                             field: Field(id: "unit", label: t.unitLabel, labelEn: "Unit", kind: .text, unit: "", decimals: 0, required: true,
                                          pattern: nil, patternHint: nil, formula: nil, max: nil, note: "")),
                ]))
                rows.append(FormRow(kind: .data, block: b, cells: [
                    FormCell(text: lang.pick("年度", "Year"), look: .label),
                    FormCell(text: s.year.map(String.init) ?? "", look: .typed, target: .year,
                             field: Field(id: "year", label: "年度", labelEn: "Year", kind: .count, unit: "", decimals: 0, required: true,
                                          pattern: nil, patternHint: nil, formula: nil, max: nil, note: "")),
                ]))
                blank()
            case .fields(let g):
                heading(lang.pick(g.title, g.titleEn))
                let b = blocks.count
                let labelWidth = min(30, max(8, g.fields.map { width(label($0, s, lang)) + ($0.required ? 2 : 0) }.max() ?? 8))
                let hasText = g.fields.contains { !$0.kind.isNumeric }
                blocks.append(BlockLayout(columns: [
                    ColumnLayout(header: "", width: labelWidth, grows: false, align: .left),
                    ColumnLayout(header: "", width: hasText ? 40 : 14, grows: hasText, align: hasText ? .left : .right),
                    ColumnLayout(header: "", width: 6, grows: false, align: .left),
                ]))
                for f in g.fields {
                    let value: FormCell
                    if f.isComputed {
                        value = FormCell(text: show(c.scalars[f.id], f), look: .computed, field: f)
                    } else {
                        value = FormCell(text: s.fields[f.id]?.text ?? "", look: .typed, target: .field(f.id), field: f)
                    }
                    rows.append(FormRow(kind: .data, block: b, cells: [FormCell(text: label(f, s, lang) + (f.required ? " *" : ""), look: .label), value,
                                                                      FormCell(text: f.unit, look: .label)]))
                }
                blank()
            case .grid(let g):
                heading(lang.pick(g.title, g.titleEn))
                let b = blocks.count
                let labelWidth = min(30, max(10, g.rows.map { width($0.label) + 2 * $0.indent }.max() ?? 10))
                blocks.append(BlockLayout(columns: [ColumnLayout(header: g.corner, width: labelWidth, grows: true, align: .left)]
                    + g.columns.map { ColumnLayout(header: label($0, s, lang), width: max(12, width(label($0, s, lang))), grows: false, align: .right) }))
                header(b)
                for row in g.rows {
                    let indent = String(repeating: "  ", count: row.indent)
                    if let tid = row.table {
                        let list = s.tables[tid] ?? []
                        for (n, r) in list.enumerated() {
                            let tab = ix.tables[tid]
                            var cells = [FormCell(text: indent + (r["name"]?.text ?? ""), look: .typed, target: .tableCell(table: tid, row: n, column: "name"),
                                                  field: tab?.columns.first)]
                            for col in g.columns {
                                cells.append(FormCell(text: r[col.id]?.text ?? "", look: .typed, target: .tableCell(table: tid, row: n, column: col.id), field: col))
                            }
                            rows.append(FormRow(kind: .data, block: b, cells: cells, source: .tableRow(table: tid, index: n)))
                        }
                        rows.append(FormRow(kind: .data, block: b, cells: [FormCell(text: indent + lang.pick("＋ \(row.label)（Ctrl-N 添加）", "+ \(row.labelEn) (Ctrl-N adds)"), look: .label)],
                                            source: .listEnd(table: tid)))
                        continue
                    }
                    var cells = [FormCell(text: indent + lang.pick(row.label, row.labelEn).trimmingWhitespace(), look: .label)]
                    for col in g.columns {
                        if let typed = s.cells[row.id]?[col.id] {
                            cells.append(FormCell(text: typed.text, look: .typed, target: .cell(row: row.id, column: col.id), field: col))
                        } else {
                            let sum = c.gridSums[row.id]?[col.id].map { ExactDecimal.format($0, places: col.decimals) } ?? ""
                            cells.append(FormCell(text: sum, look: sum.isEmpty ? .typed : .computed, target: .cell(row: row.id, column: col.id), field: col))
                        }
                    }
                    rows.append(FormRow(kind: .data, block: b, cells: cells))
                }
                blank()
            case .table(let tab):
                heading(lang.pick(tab.title, tab.titleEn))
                let b = blocks.count
                var cols = tab.numbered ? [ColumnLayout(header: lang.pick("序号", "No."), width: 4, grows: false, align: .right)] : []
                for col in tab.columns {
                    let h = label(col, s, lang)
                    let w: Int
                    switch col.kind {
                    case .money: w = 12
                    case .percent, .score, .count, .number, .grade, .date: w = max(8, min(12, width(h)))
                    case .code: w = 22
                    case .text: w = 18
                    case .longtext: w = 24
                    }
                    cols.append(ColumnLayout(header: h, width: w, grows: col.kind == .text || col.kind == .longtext, align: col.kind.isNumeric ? .right : .left))
                }
                blocks.append(BlockLayout(columns: cols))
                header(b)
                let list = s.tables[tab.id] ?? []
                for (n, r) in list.enumerated() {
                    var cells = tab.numbered ? [FormCell(text: String(n + 1), look: .label)] : []
                    for col in tab.columns {
                        if col.isComputed {
                            cells.append(FormCell(text: show(c.tableRows[tab.id]?[n][col.id], col), look: .computed, field: col))
                        } else {
                            cells.append(FormCell(text: r[col.id]?.text ?? "", look: .typed, target: .tableCell(table: tab.id, row: n, column: col.id), field: col))
                        }
                    }
                    rows.append(FormRow(kind: .data, block: b, cells: cells, source: .tableRow(table: tab.id, index: n)))
                }
                if !tab.totals.isEmpty && !list.isEmpty {
                    var cells = tab.numbered ? [FormCell(text: lang.pick("合计", "Total"), look: .label)] : []
                    for col in tab.columns {
                        let v = tab.totals.contains(col.id) ? (c.tableTotals[tab.id]?[col.id].map { ExactDecimal.format($0, places: col.decimals) } ?? "") : ""
                        cells.append(FormCell(text: v, look: v.isEmpty ? .label : .computed, field: col))
                    }
                    rows.append(FormRow(kind: .data, block: b, cells: cells))
                }
                rows.append(FormRow(kind: .data, block: b, cells: [FormCell(text: lang.pick("＋ 添加一行（Ctrl-N）", "+ add a row (Ctrl-N)"), look: .label)],
                                    source: .listEnd(table: tab.id)))
                blank()
            case .indicators:
                guard let scheme = t.indicators else { continue }
                let b = blocks.count
                blocks.append(BlockLayout(columns: [
                    ColumnLayout(header: lang.pick("一级指标", "Tier 1"), width: 10, grows: false, align: .left),
                    ColumnLayout(header: lang.pick("二级指标", "Tier 2"), width: 14, grows: false, align: .left),
                    ColumnLayout(header: lang.pick(scheme.nameLabel, "Indicator"), width: 20, grows: true, align: .left),
                    ColumnLayout(header: lang.pick(scheme.targetLabel, "Target"), width: 12, grows: false, align: .left),
                    ColumnLayout(header: lang.pick(scheme.actualLabel, "Achieved"), width: 12, grows: false, align: .left),
                    ColumnLayout(header: lang.pick("分值", "Weight"), width: 6, grows: false, align: .right),
                    ColumnLayout(header: lang.pick(scheme.scoreLabel, "Score"), width: 6, grows: false, align: .right),
                    ColumnLayout(header: lang.pick("偏差原因", "Reasons"), width: 20, grows: true, align: .left),
                ]))
                header(b)
                var level2Names = [String]()
                for tier in scheme.tiers { level2Names += tier.level2 }
                // By position, in the order of IndicatorRow.keys: this runs for every row.
                let cellFields = IndicatorRow.keys.map { SharedField(IndicatorRow.field($0, decimals: t.rounding.score)) }
                let level1Names = scheme.tiers.map(\.name)
                func indicatorRow(_ n: Int, _ r: IndicatorRow) -> FormRow {
                    let l2 = scheme.tiers.first { $0.name == r.level1 }?.level2 ?? level2Names
                    var cells = [FormCell]()
                    cells.reserveCapacity(IndicatorRow.keys.count)
                    for (k, key) in IndicatorRow.keys.enumerated() {
                        let choices: [String]? = k == 0 ? level1Names : k == 1 ? l2 : nil
                        cells.append(FormCell(text: r.value(key)?.text ?? "", look: .typed, target: .indicator(row: n, key: key), shared: cellFields[k], choices: choices))
                    }
                    return FormRow(kind: .data, block: b, cells: cells, source: .indicator(n))
                }
                let first = rows.count
                if withIndicatorRows {
                    for (n, r) in s.indicators.enumerated() { rows.append(indicatorRow(n, r)) }
                } else if s.indicators.indices.contains(changed) {
                    rows.append(indicatorRow(changed, s.indicators[changed]))
                }
                indicatorRows = first..<rows.count
                rows.append(FormRow(kind: .data, block: b, cells: [FormCell(text: lang.pick("＋ 添加指标（Ctrl-N）", "+ add an indicator (Ctrl-N)"), look: .label)],
                                    source: .listEnd(table: nil)))
                if let summary = c.indicators {
                    blank()
                    heading(lang.pick("小计", "Subtotals"))
                    let sb = blocks.count
                    blocks.append(BlockLayout(columns: [
                        ColumnLayout(header: "", width: 16, grows: false, align: .left),
                        ColumnLayout(header: lang.pick("分值", "Weight"), width: 10, grows: false, align: .right),
                        ColumnLayout(header: lang.pick("得分", "Score"), width: 10, grows: false, align: .right),
                    ]))
                    let places = t.rounding.score
                    for tier in summary.tiers {
                        let want = tier.templateWeight.map { " / \($0)" } ?? ""
                        rows.append(FormRow(kind: .data, block: sb, cells: [
                            FormCell(text: tier.name, look: .label),
                            FormCell(text: ExactDecimal.format(tier.weight, places: places) + want, look: .computed),
                            FormCell(text: ExactDecimal.format(tier.score, places: places), look: .computed),
                        ]))
                    }
                }
                blank()
            case .result:
                let b = blocks.count
                blocks.append(BlockLayout(columns: [
                    ColumnLayout(header: "", width: 16, grows: false, align: .left),
                    ColumnLayout(header: "", width: 12, grows: false, align: .right),
                ]))
                let places = t.rounding.score
                rows.append(FormRow(kind: .data, block: b, cells: [FormCell(text: lang.pick("总分", "Total"), look: .label),
                                                                  FormCell(text: c.total.map { ExactDecimal.format($0, places: places) } ?? "", look: .computed)]))
                rows.append(FormRow(kind: .data, block: b, cells: [FormCell(text: lang.pick("等级", "Grade"), look: .label),
                                                                  FormCell(text: c.grade ?? "", look: .computed)]))
                blank()
                statedRows(s, t, c, lang, &blocks, &rows)
            }
        }
        measureNeeds(&blocks, rows)
        return FormSection(id: sec.id, title: lang.pick(sec.title, sec.titleEn), blocks: blocks, rows: rows, indicatorRows: indicatorRows)
    }

    /// Each column's need: its widest cell, its header included (an "add a row" line spans its
    /// block and counts for none).
    static func measureNeeds(_ blocks: inout [BlockLayout], _ rows: [FormRow]) {
        // Needs gathered per block in plain arrays and written back once: going through
        // blocks[b].columns[k] for each of a large sheet's cells cost more than the widths.
        var needs = blocks.map { $0.columns.map(\.need) }
        for r in rows where (r.kind == .data || r.kind == .header) && needs.indices.contains(r.block) {
            if case .listEnd? = r.source { continue }
            let b = r.block
            for k in 0..<min(r.cells.count, needs[b].count) where needs[b][k] < ColumnLayout.needCap {
                needs[b][k] = max(needs[b][k], CellText.width(r.cells[k].text, upTo: ColumnLayout.needCap))
            }
        }
        for b in blocks.indices {
            for k in blocks[b].columns.indices { blocks[b].columns[k].need = needs[b][k] }
        }
    }
}

extension FormBuilder {
    /// What a transcribed report states (`/stated`) beside what Jixiao computes, for the
    /// reviewer: every figure of the sheet, and the table rows' only where they disagree.
    static func statedRows(_ s: Session, _ t: Template, _ c: Computed, _ lang: Language, _ blocks: inout [BlockLayout], _ rows: inout [FormRow]) {
        let shown = StatedComparison.all(s, t, c).filter { $0.pointer.tokens.first == "stated" || ($0.verdict != .agrees && $0.verdict != .notComputed) }
        guard !shown.isEmpty else { return }
        rows.append(FormRow(kind: .heading, block: -1, cells: [FormCell(text: lang.pick("报告所列与计算结果", "Stated against computed"), look: .heading)]))
        let b = blocks.count
        blocks.append(BlockLayout(columns: [
            ColumnLayout(header: "", width: 28, grows: true, align: .left),
            ColumnLayout(header: lang.pick("报告所列", "Stated"), width: 10, grows: false, align: .right),
            ColumnLayout(header: lang.pick("计算结果", "Computed"), width: 10, grows: false, align: .right),
            ColumnLayout(header: "", width: 6, grows: false, align: .left),
        ]))
        rows.append(FormRow(kind: .header, block: b, cells: blocks[b].columns.map { FormCell(text: $0.header, look: .header) }))
        for cmp in shown {
            let verdict: (String, Bool)
            switch cmp.verdict {
            case .agrees: verdict = (lang.pick("一致", "agrees"), true)
            case .notComputed: verdict = (lang.pick("未计算", "not computed"), true)
            default: verdict = (lang.pick("不符", "differs"), false)
            }
            rows.append(FormRow(kind: .data, block: b, cells: [
                FormCell(text: lang.pick(cmp.rowPrefix.zh + cmp.field.label, cmp.rowPrefix.en + cmp.field.labelEn), look: .label),
                FormCell(text: cmp.stated.text, look: verdict.1 ? .computed : .problem),
                FormCell(text: cmp.computed, look: .computed),
                FormCell(text: verdict.0, look: verdict.1 ? .label : .problem),
            ]))
        }
        rows.append(FormRow(kind: .blank, block: -1, cells: []))
    }
}

import FoundationEssentials

/// Lays a session out as the template's sheet: title, unit, each section in order as tables
/// (fields as 项目/数值 rows, grids with their indent levels, tables with 序号 and 合计, the
/// indicator grid with 一级/二级 merged and 小计 per 一级), 总分 and 等级, footer fields, and
/// the list of problems. Every figure comes from `Computed`; nothing is recomputed here.
///
/// Every text from the sheet or the template enters the document through `shown` or `text`,
/// which show what a terminal would obey (ESC, C1 controls, bidi controls) as `\u001B`: a
/// printout goes to a terminal, a printer or a spreadsheet, and must not retitle a window or
/// write the clipboard on the way. It is done here, once, so that the text, Markdown and CSV
/// renderers all measure and wrap the text as it will be shown.
public struct SheetLayout {
    public let session: Session
    public let template: Template
    public let computed: Computed
    public let problems: [Problem]
    public let lang: Language

    public init(session: Session, template: Template, computed: Computed, problems: [Problem], lang: Language = .zh) {
        self.session = session
        self.template = template
        self.computed = computed
        self.problems = problems
        self.lang = lang
    }

    func text(_ zh: String, _ en: String) -> String { TerminalText.visible(resolveLabel(lang.pick(zh, en), year: session.year)) }

    /// A text from the sheet as printed. Long text keeps its line breaks (a CR LF as one LF,
    /// which the renderers wrap); anything else a terminal would obey is shown as `\u001B`.
    func shown(_ s: String, multiline: Bool = false) -> String {
        TerminalText.visible(multiline ? s.replacing("\r\n", with: "\n") : s, keepingLineBreaks: multiline)
    }

    /// A typed value as printed (nil: not filled in).
    func shown(_ v: FieldValue?, _ f: Field) -> String? {
        v.map { shown($0.text, multiline: f.kind == .longtext) }
    }
    func label(_ f: Field) -> String { text(f.label, f.labelEn) }

    public func document() -> PrintDocument {
        var blocks = [PrintBlock]()
        var footer = [String]()
        for sec in template.sections {
            let title = text(sec.title, sec.titleEn)
            var sectionBlocks = [PrintBlock]()
            for b in sec.blocks {
                switch b {
                case .unit:
                    let year = session.year.map(String.init) ?? "____"
                    let unit = session.unit.isEmpty ? "____" : shown(session.unit)
                    sectionBlocks.append(.paragraph(text("\(template.unitLabel)：\(unit)　　年度：\(year)", "Unit: \(unit)    Year: \(year)")))
                case .fields(let g) where g.footer:
                    footer += g.fields.map { f in "\(label(f))：\(shown(session.fields[f.id], f) ?? "________")" }
                case .fields(let g):
                    sectionBlocks.append(.table(fieldsTable(g, section: title)))
                case .grid(let g):
                    sectionBlocks.append(.table(gridTable(g, section: title)))
                case .table(let t):
                    sectionBlocks.append(.table(tableTable(t, section: title)))
                case .indicators:
                    if let scheme = template.indicators { sectionBlocks.append(.table(indicatorTable(scheme, section: title))) }
                case .result:
                    sectionBlocks.append(.table(resultTable(section: title)))
                }
            }
            if !sectionBlocks.isEmpty {
                blocks.append(.heading(title))
                blocks += sectionBlocks
            }
        }
        if !footer.isEmpty { blocks.append(.paragraph(footer.joined(separator: "　　"))) }
        if !problems.isEmpty {
            let errors = problems.filter { $0.severity == .error }.count
            blocks.append(.heading(text("问题清单（\(errors) 个错误，\(problems.count - errors) 个警告）",
                                        "Problems (\(errors) errors, \(problems.count - errors) warnings)")))
            blocks.append(.paragraph(problems.map { p in
                // A message quotes the value it is about, and a pointer may name a key from the file.
                shown("\(p.severityName(lang)) \(p.pointer.description.isEmpty ? "/" : p.pointer.description)：\(p.message(lang))")
            }.joined(separator: "\n")))
        }
        return PrintDocument(title: shown(resolveLabel(lang == .en && !template.titleEn.isEmpty ? template.titleEn : template.title, year: session.year)
                                .replacing("{year}", with: "____")),
                             blocks: blocks)
    }

    // MARK: values

    /// A computed figure as shown: rounded half-up to the field's decimals, "—" when undefined.
    func show(_ v: ComputedValue?, _ f: Field) -> String {
        switch v {
        case .number(let d)?: return ExactDecimal.format(d, places: f.decimals)
        case .text(let t)?: return shown(lang == .en ? gradeEn(t) : t)
        case .undefined?: return "—"
        case nil: return ""
        }
    }

    func gradeEn(_ g: String) -> String { template.grades.first { $0.grade == g }?.gradeEn ?? g }

    func numberColumn(_ header: String, values: [String]) -> PrintColumn {
        PrintColumn(header, align: .right, grow: 0, minWidth: max(4, values.map(DisplayWidth.of).max() ?? 0))
    }

    func column(for f: Field, header: String, values: [String]) -> PrintColumn {
        switch f.kind {
        case .money, .count, .percent, .score, .number:
            return numberColumn(header, values: values)
        case .code:
            return PrintColumn(header, align: .left, grow: 0, minWidth: max(6, values.map(DisplayWidth.of).max() ?? 0))
        case .grade, .date:
            return PrintColumn(header, align: .left, grow: 0, minWidth: max(4, values.map(DisplayWidth.of).max() ?? 0))
        case .text:
            return PrintColumn(header, align: .left, grow: 2, minWidth: 8)
        case .longtext:
            return PrintColumn(header, align: .left, grow: 4, minWidth: 10)
        }
    }

    // MARK: tables

    func fieldsTable(_ g: FieldGroup, section: String) -> PrintTable {
        let numeric = g.fields.allSatisfy(\.kind.isNumeric)
        var rows = [PrintRow]()
        for f in g.fields {
            let value = f.isComputed ? show(computed.scalars[f.id], f) : (shown(session.fields[f.id], f) ?? "")
            rows.append(numeric ? PrintRow([label(f), value, shown(f.unit)], figures: [false, true, false]) : PrintRow([label(f), value]))
        }
        let title = text(g.title, g.titleEn)
        if numeric {
            return PrintTable(title: title, section: section, columns: [
                PrintColumn(text("项目", "Item"), grow: 2, minWidth: 8),
                numberColumn(text("数值", "Value"), values: rows.map { $0.cells[1] }),
                PrintColumn(text("单位", "Unit"), grow: 0, minWidth: max(4, rows.map { DisplayWidth.of($0.cells[2]) }.max() ?? 0)),
            ], rows: rows)
        }
        return PrintTable(title: title, section: section, columns: [
            PrintColumn(text("项目", "Item"), grow: 1, minWidth: 8),
            PrintColumn(text("内容", "Content"), grow: 5, minWidth: 10),
        ], rows: rows)
    }

    func gridTable(_ g: Grid, section: String) -> PrintTable {
        var rows = [PrintRow]()
        let figures = [false] + g.columns.map(\.kind.isNumeric)
        for row in g.rows {
            let indent = String(repeating: "  ", count: row.indent)
            if let tid = row.table {
                for r in session.tables[tid] ?? [] {
                    let name = shown(r["name"]?.text ?? "")
                    rows.append(PrintRow([indent + name] + g.columns.map { shown(r[$0.id], $0) ?? "" }, figures: figures))
                }
                continue
            }
            let cells = g.columns.map { c -> String in
                if let typed = shown(session.cells[row.id]?[c.id], c) { return typed }
                if let sum = computed.gridSums[row.id]?[c.id] { return ExactDecimal.format(sum, places: c.decimals) }
                return ""
            }
            rows.append(PrintRow([indent + text(row.label, row.labelEn).trimmingWhitespace()] + cells, figures: figures))
        }
        var columns = [PrintColumn(text(g.corner, "Item"), grow: 3, minWidth: 10)]
        for (k, c) in g.columns.enumerated() {
            columns.append(numberColumn(label(c), values: rows.map { $0.cells[k + 1] }))
        }
        return PrintTable(title: text(g.title, g.titleEn), section: section, columns: columns, rows: rows)
    }

    func tableTable(_ t: Table, section: String) -> PrintTable {
        let rowsIn = session.tables[t.id] ?? []
        var rows = [PrintRow]()
        let figures = (t.numbered ? [true] : []) + t.columns.map(\.kind.isNumeric)
        for (n, r) in rowsIn.enumerated() {
            var cells = t.numbered ? [String(n + 1)] : []
            for c in t.columns {
                if c.isComputed {
                    cells.append(show(computed.tableRows[t.id]?[n][c.id], c))
                } else {
                    cells.append(shown(r[c.id], c) ?? "")
                }
            }
            rows.append(PrintRow(cells, figures: figures))
        }
        if !t.totals.isEmpty && !rowsIn.isEmpty {
            var cells = t.numbered ? [text("合计", "Total")] : []
            for c in t.columns {
                if t.totals.contains(c.id) {
                    cells.append(computed.tableTotals[t.id]?[c.id].map { ExactDecimal.format($0, places: c.decimals) } ?? "")
                } else {
                    cells.append("")
                }
            }
            if !t.numbered, let first = t.columns.firstIndex(where: { !t.totals.contains($0.id) }) { cells[first] = text("合计", "Total") }
            rows.append(PrintRow(cells, emphasis: true, figures: figures))
        }
        var columns = [PrintColumn]()
        if t.numbered { columns.append(numberColumn(text("序号", "No."), values: rows.map { $0.cells[0] })) }
        let offset = t.numbered ? 1 : 0
        for (k, c) in t.columns.enumerated() {
            columns.append(column(for: c, header: label(c), values: rows.map { $0.cells[k + offset] }))
        }
        if rowsIn.isEmpty {
            rows.append(PrintRow(columns.indices.map { $0 == 0 ? text("（无）", "(none)") : "" }))
        }
        return PrintTable(title: text(t.title, t.titleEn), section: section, columns: columns, rows: rows)
    }

    func indicatorTable(_ scheme: IndicatorScheme, section: String) -> PrintTable {
        let places = template.rounding.score
        func pts(_ d: Decimal) -> String { ExactDecimal.format(d, places: places) }
        let tiers = computed.indicators?.tiers ?? []
        var rows = [PrintRow]()
        let list = session.indicators
        let figures = [false, false, false, false, false, true, true, false]  // 分值 and 得分
        for (n, r) in list.enumerated() {
            let sameL1 = n > 0 && list[n - 1].level1 == r.level1
            let sameL2 = sameL1 && list[n - 1].level2 == r.level2
            let level1 = shown(r.level1)
            let tierName = tiers.first { $0.name == r.level1 }?.templateWeight.map { "\(level1)（\($0)分）" } ?? level1
            rows.append(PrintRow([tierName, shown(r.level2), shown(r.name), shown(r.target), shown(r.actual), r.weight ?? "", r.score ?? "",
                                  shown(r.deviation, multiline: true)],
                                 continues: [sameL1, sameL2, false, false, false, false, false, false], figures: figures))
            let lastOfTier = n + 1 == list.count || list[n + 1].level1 != r.level1
            if lastOfTier, let tier = tiers.first(where: { $0.name == r.level1 }) {
                rows.append(PrintRow([tierName, text("小计", "Subtotal"), "", "", "", pts(tier.weight), pts(tier.score), ""],
                                     continues: [true, false, false, false, false, false, false, false], emphasis: true, figures: figures))
            }
        }
        if let s = computed.indicators, !list.isEmpty {
            rows.append(PrintRow([text("合计", "Total"), "", "", "", "", pts(s.weight), pts(s.score), ""], emphasis: true, figures: figures))
        }
        if list.isEmpty { rows.append(PrintRow([text("（无）", "(none)"), "", "", "", "", "", "", ""])) }
        let columns = [
            PrintColumn(text("一级指标", "Tier 1"), grow: 0, minWidth: 8),
            PrintColumn(text("二级指标", "Tier 2"), grow: 0, minWidth: 8),
            PrintColumn(text(scheme.nameLabel, "Indicator"), grow: 4, minWidth: 10),
            PrintColumn(text(scheme.targetLabel, "Target"), grow: 2, minWidth: 6),
            PrintColumn(text(scheme.actualLabel, "Achieved"), grow: 2, minWidth: 6),
            numberColumn(text("分值", "Weight"), values: rows.map { $0.cells[5] }),
            numberColumn(text(scheme.scoreLabel, "Score"), values: rows.map { $0.cells[6] }),
            PrintColumn(text(scheme.deviationLabel, "Reasons"), grow: 3, minWidth: 8),
        ]
        return PrintTable(title: text("三级绩效指标", "Indicators"), section: section, columns: columns, rows: rows)
    }

    func resultTable(section: String) -> PrintTable {
        let places = template.rounding.score
        var rows = [PrintRow]()
        if case .sum(let refs)? = template.total, refs.count > 1 {
            let ix = template.index
            for ref in refs {
                if ref == "indicators.score" {
                    rows.append(PrintRow([text("绩效指标得分", "Indicator score"), computed.indicators.map { ExactDecimal.format($0.score, places: places) } ?? ""],
                                         figures: [false, true]))
                } else if let f = ix.fields[ref] {
                    let v = f.isComputed ? show(computed.scalars[ref], f) : (shown(session.fields[ref], f) ?? "")
                    rows.append(PrintRow([label(f), v], figures: [false, f.kind.isNumeric]))
                }
            }
        }
        rows.append(PrintRow([text("总分", "Total"), computed.total.map { ExactDecimal.format($0, places: places) } ?? ""], emphasis: true, figures: [false, true]))
        rows.append(PrintRow([text("等级", "Grade"), computed.grade.map { shown(lang == .en ? gradeEn($0) : $0) } ?? ""], emphasis: true))
        return PrintTable(title: "", section: section, columns: [
            PrintColumn(text("项目", "Item"), grow: 2, minWidth: 8),
            PrintColumn(text("结果", "Result"), align: .right, grow: 0, minWidth: 8),
        ], rows: rows)
    }
}

import FoundationEssentials

/// Lays a session out as the template's form (`Template.form`): each sheet a grid whose fixed
/// cells show their texts, labels and values, whose region rows are printed once for every row
/// of their table (an empty one keeps one blank row to write in; an empty indicator grid keeps
/// the template's 一级 and 二级), with equal 一级 and 二级 labels merged; then the lines around
/// each grid and the list of problems. Every figure comes from `Computed`; nothing is
/// recomputed here.
///
/// Every text from the sheet or the template enters the document through `shown`, `label` or
/// `line`, which show what a terminal would obey (ESC, C1 controls, bidi controls) as
/// `\u001B`: a printout goes to a terminal, a printer or a spreadsheet, and must not retitle a
/// window or write the clipboard on the way. It is done here, once, so that every renderer
/// measures and wraps the text as it will be shown.
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

    public func document() -> PrintDocument {
        let title = shown(resolveLabel(lang == .en && !template.titleEn.isEmpty ? template.titleEn : template.title, year: session.year)
            .replacingLiteral("{year}", with: "____"))
        var doc = PrintDocument(title: title, sheets: template.form.sheets.map { sheet($0, documentTitle: title) })
        if !problems.isEmpty {
            let errors = problems.filter { $0.severity == .error }.count
            doc.problemsHeading = label(FormText("问题清单（\(errors) 个错误，\(problems.count - errors) 个警告）",
                                                 en: "Problems (\(errors) errors, \(problems.count - errors) warnings)"))
            // A message quotes the value it is about, and a pointer may name a key from the file.
            doc.problems = problems.map { p in
                shown("\(p.severityName(lang)) \(p.pointer.description.isEmpty ? "/" : p.pointer.description)：\(p.message(lang))")
            }
        }
        return doc
    }

    // MARK: texts

    /// A text from the sheet as printed. Long text keeps its line breaks (a CR LF as one LF,
    /// which the renderers wrap); anything else a terminal would obey is shown as `\u001B`.
    func shown(_ s: String, multiline: Bool = false) -> String {
        TerminalText.visible(multiline ? s.replacing("\r\n", with: "\n") : s, keepingLineBreaks: multiline)
    }

    /// A fixed text of the form, with the sheet's year in its {year} and {prevYear}.
    func label(_ t: FormText) -> String {
        TerminalText.visible(resolveLabel(lang.pick(t.zh, t.en.isEmpty ? t.zh : t.en), year: session.year))
    }

    /// A line around a grid, or a title: each {name} replaced by that value as printed, a
    /// blank to fill in by hand where there is none yet.
    func line(_ t: FormText) -> String {
        var text = lang.pick(t.zh, t.en.isEmpty ? t.zh : t.en)
        let year = session.year.map(String.init) ?? "____"
        text = text.replacingLiteral("{year}", with: year).replacingLiteral("{prevYear}", with: session.year.map { String($0 - 1) } ?? "____")
        for name in FormReference.placeholders(in: text) {
            let v = value(name).text
            text = text.replacingLiteral("{\(name)}", with: v.isEmpty ? "________" : v)
        }
        // The values are shown already; what is left is the template's own text.
        return TerminalText.visible(text, keepingLineBreaks: true)
    }

    // MARK: values

    /// What a value cell prints, and the figure behind it.
    struct Shown {
        var text: String
        var figure: PrintFigure?
        /// Set in a figure's place (a number, or "—" for a ratio over zero): right-aligned.
        var numeric: Bool
        /// The field's unit, for a cell that prints it (99.98%).
        var unit = ""

        static let blank = Shown(text: "", figure: nil, numeric: false)
    }

    /// A computed figure as shown: rounded half-up to its places, "—" when undefined.
    func computedFigure(_ v: ComputedValue?, places: Int, grouped: Bool) -> Shown {
        switch v {
        case .number(let d)?:
            // The figure rounded as its text shows it, not the text parsed back.
            return Shown(text: ExactDecimal.format(d, places: places),
                         figure: d.isNaN ? nil : PrintFigure(value: ExactDecimal.round(d, places), decimals: places, grouped: grouped), numeric: true)
        case .text(let t)?:
            return Shown(text: shown(lang == .en ? gradeEn(t) : t), figure: nil, numeric: false)
        case .undefined?:
            return Shown(text: "—", figure: nil, numeric: true)
        case nil:
            return Shown(text: "", figure: nil, numeric: true)
        }
    }

    /// A field's value: typed (as typed) or computed.
    func fieldValue(_ typed: FieldValue?, computed: ComputedValue?, _ f: Field) -> Shown {
        var s: Shown
        if f.isComputed {
            s = computedFigure(computed, places: f.decimals, grouped: Self.grouped(f.kind))
        } else if case .number(let literal)? = typed, f.kind.isNumeric {
            s = Shown(text: shown(literal), figure: ExactDecimal.parse(literal).map { PrintFigure(value: $0, decimals: f.decimals, grouped: Self.grouped(f.kind)) },
                      numeric: true)
        } else {
            s = Shown(text: typed.map { shown($0.text, multiline: f.kind == .longtext) } ?? "", figure: nil, numeric: f.kind.isNumeric)
        }
        s.unit = f.unit
        return s
    }

    /// Money and areas are printed with thousands separators in a spreadsheet.
    static func grouped(_ kind: FieldKind) -> Bool { kind == .money || kind == .number }

    func value(_ ref: String) -> Shown {
        let ix = template.index
        let places = template.rounding.score
        switch FormReference.parse(ref) {
        case .unit:
            return Shown(text: shown(session.unit), figure: nil, numeric: false)
        case .year:
            return Shown(text: session.year.map(String.init) ?? "", figure: nil, numeric: false)
        case .total:
            return computedFigure(computed.total.map(ComputedValue.number), places: places, grouped: false)
        case .grade:
            return computedFigure(computed.grade.map(ComputedValue.text), places: 0, grouped: false)
        case .stated(let key):
            guard let f = StatedFigures.fields(template).first(where: { $0.key == key })?.field else { return .blank }
            return fieldValue(session.stated[key], computed: nil, f)
        case .reference(.indicatorScores):
            let s = computed.indicators.flatMap { $0.hasScores ? $0.score : nil }
            return computedFigure(s.map(ComputedValue.number), places: places, grouped: false)
        case .reference(.indicatorWeights):
            let w = computed.indicators.flatMap { $0.hasWeights ? $0.weight : nil }
            return computedFigure(w.map(ComputedValue.number), places: places, grouped: false)
        case .reference(.field(let id)):
            guard let f = ix.fields[id] else { return .blank }
            return fieldValue(session.fields[id], computed: computed.scalars[id], f)
        case .reference(.cell(let row, let column)):
            guard let (gid, _) = ix.gridRows[row], let c = ix.grids[gid]?.columns.first(where: { $0.id == column }) else { return .blank }
            if let typed = session.cells[row]?[column] { return fieldValue(typed, computed: nil, c) }
            var s = computedFigure(computed.gridSums[row]?[column].map(ComputedValue.number), places: c.decimals, grouped: Self.grouped(c.kind))
            s.unit = c.unit
            return s
        case .reference(.columnSum(let tid, let column)):
            guard let c = ix.tables[tid]?.columns.first(where: { $0.id == column }) else { return .blank }
            var s = computedFigure(computed.tableTotals[tid]?[column].map(ComputedValue.number), places: c.decimals, grouped: Self.grouped(c.kind))
            s.unit = c.unit
            return s
        case .reference(.rowColumn):
            return .blank
        }
    }

    func gradeEn(_ g: String) -> String { template.grades.first { $0.grade == g }?.gradeEn ?? g }

    /// A weight the template sets, written as the template writes it (10, 100).
    func weight(_ ref: String) -> Shown {
        let w: Decimal?
        if ref == "total" {
            w = template.indicators?.totalWeight
        } else if case .score(_, let weight, _)? = template.index.fields[ref]?.formula {
            w = weight
        } else {
            w = nil
        }
        guard let w else { return .blank }
        let text = ExactDecimal.plainString(w)
        return Shown(text: text, figure: PrintFigure(value: w, decimals: ExactDecimal.decimalPlaces(of: text)), numeric: true)
    }

    // MARK: sheets

    func sheet(_ s: FormSheet, documentTitle: String) -> PrintSheet {
        var cells = [PrintCell]()
        var rows = [PrintGridRow]()
        var parts = [PrintPart]()
        for part in s.parts {
            let partIndex = parts.count
            let first = rows.count
            let tiling = FormTiling(part, columns: s.columns.count)
            // Rows each template row becomes: a region row as many as its table has (at least one).
            let regions: [Region?] = part.rows.map { $0.region.map(region) }
            let heights = regions.map { $0?.count ?? 1 }
            var start = [Int]()
            var at = first
            for h in heights {
                start.append(at)
                at += h
            }
            for (t, row) in part.rows.enumerated() {
                for _ in 0..<heights[t] { rows.append(PrintGridRow(part: partIndex, header: row.header, repeats: row.repeats)) }
                let starts = t < tiling.starts.count ? tiling.starts[t] : []
                if let region = regions[t] {
                    cells += regionCells(row, starts: starts, region: region, firstRow: start[t])
                    continue
                }
                for (k, cell) in row.cells.enumerated() where k < starts.count {
                    let last = min(part.rows.count - 1, t + max(1, cell.rows) - 1)
                    cells.append(fixedCell(cell, row: start[t], column: starts[k], rowSpan: start[last] + heights[last] - start[t], header: row.header))
                }
            }
            parts.append(PrintPart(title: partTitle(part, cells: cells, rows: first..<rows.count), rows: first..<rows.count))
        }
        cells.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        return PrintSheet(name: s.name, caption: line(s.caption), title: s.title.isEmpty ? documentTitle : line(s.title),
                          above: s.above.map(line), below: s.below.map(line),
                          grid: PrintGrid(columns: s.columns, rows: rows, cells: cells, parts: parts), page: s.page)
    }

    /// The part's own title, else the text of a label running down its whole first column.
    func partTitle(_ part: FormPart, cells: [PrintCell], rows: Range<Int>) -> String {
        if !part.title.isEmpty { return label(part.title) }
        guard rows.count > 1, let c = cells.first(where: { $0.column == 0 && $0.row == rows.lowerBound && $0.rowSpan == rows.count }),
              c.figure == nil else { return "" }
        return c.text.replacing("\n", with: "")
    }

    func fixedCell(_ cell: FormCell, row: Int, column: Int, rowSpan: Int, header: Bool) -> PrintCell {
        var s: Shown
        switch cell.content {
        case .empty:
            s = .blank
        case .text(let t):
            s = Shown(text: label(t), figure: nil, numeric: false)
        case .label(let ref):
            let l = template.formLabel(ref) ?? ("", "")
            // A grid row's label keeps the row's indent level (a child under its parent).
            let indent = String(repeating: "  ", count: template.index.gridRows[ref]?.row.indent ?? 0)
            s = Shown(text: indent + label(FormText(l.zh, en: l.en)).trimmingWhitespace(), figure: nil, numeric: false)
        case .value(let ref, let prefix):
            s = value(ref)
            if !prefix.isEmpty {
                s = Shown(text: label(prefix) + s.text, figure: nil, numeric: false)
            }
        case .weight(let ref):
            s = weight(ref)
        case .column:
            s = .blank
        }
        if cell.withUnit && !s.text.isEmpty && s.text != "—" {
            let unit = shown(s.unit)
            s.text += unit
            s.figure?.suffix = unit
        }
        let align = cell.align ?? (header || rowSpan > 1 && !s.numeric ? .center : s.numeric ? .right : .left)
        return PrintCell(row: row, column: column, rowSpan: rowSpan, columnSpan: max(1, cell.columns), text: s.text, figure: s.figure,
                         align: align, bold: cell.bold || header)
    }

    // MARK: regions

    /// A region's table: how many rows it prints (an empty table keeps one blank row to write
    /// in), and for a column key, its value in row n. The column is looked up once, not once a
    /// row: a region has as many rows as the sheet.
    struct Region {
        var count: Int
        var column: (String) -> (Int) -> Shown
    }

    static func runningNumber(_ n: Int) -> Shown {
        Shown(text: String(n + 1), figure: PrintFigure(value: Decimal(n + 1), decimals: 0), numeric: true)
    }

    func region(_ id: String) -> Region {
        if id == "indicators" { return indicatorRegion() }
        guard let tab = template.index.tables[id], let list = session.tables[id], !list.isEmpty else {
            return Region(count: 1) { _ in { _ in .blank } }
        }
        let computedRows = computed.tableRows[id]
        return Region(count: list.count) { key in
            if key == "#" { return Self.runningNumber }
            guard let c = tab.columns.first(where: { $0.id == key }) else { return { _ in .blank } }
            return { n in fieldValue(list[n][key], computed: computedRows.flatMap { n < $0.count ? $0[n][key] : nil }, c) }
        }
    }

    func indicatorRegion() -> Region {
        let places = template.rounding.score
        var list = session.indicators
        // An empty grid is printed as the blank form is: one row for each 二级 of each 一级.
        if list.isEmpty, let scheme = template.indicators {
            list = scheme.tiers.flatMap { tier in tier.level2.map { IndicatorRow(level1: tier.name, level2: $0) } }
        }
        if list.isEmpty { return Region(count: 1) { _ in { _ in .blank } } }
        func text(_ s: String, multiline: Bool = false) -> Shown { Shown(text: shown(s, multiline: multiline), figure: nil, numeric: false) }
        func score(_ s: String?) -> Shown {
            guard let s else { return Shown(text: "", figure: nil, numeric: true) }
            return Shown(text: shown(s), figure: ExactDecimal.parse(s).map { PrintFigure(value: $0, decimals: places) }, numeric: true)
        }
        return Region(count: list.count) { key in
            switch key {
            case "#": return Self.runningNumber
            case "level1": return { text(list[$0].level1) }
            case "level2": return { text(list[$0].level2) }
            case "name": return { text(list[$0].name) }
            case "target": return { text(list[$0].target) }
            case "actual": return { text(list[$0].actual) }
            case "weight": return { score(list[$0].weight) }
            case "score": return { score(list[$0].score) }
            case "deviation": return { text(list[$0].deviation, multiline: true) }
            default: return { _ in .blank }
            }
        }
    }

    /// The tier weight after each 一级 name: 产出指标（50分）, by the name as shown. A tier
    /// without a weight of its own (Guangdong's 评分表) is printed by its name alone.
    func tierLabels() -> [String: String] {
        var out = [String: String]()
        for tier in template.indicators?.tiers ?? [] {
            out[shown(tier.name)] = shown(tier.name) + (tier.weight.map { "（\(ExactDecimal.plainString($0))分）" } ?? "")
        }
        return out
    }

    /// The cells of a region row printed once for each row of its table: grouped columns merge
    /// runs of equal values (a run of a grouped column ends where a grouped column to its left
    /// starts a new one).
    func regionCells(_ row: FormRow, starts: [Int], region: Region, firstRow: Int) -> [PrintCell] {
        let count = region.count
        let tiers = row.cells.contains(where: \.withWeight) ? tierLabels() : [:]
        // Every value of every column, once.
        let values: [[Shown]] = row.cells.map { cell in
            guard case .column(let key) = cell.content else { return Array(repeating: .blank, count: count) }
            let value = region.column(key)
            return (0..<count).map { n in
                var s = value(n)
                if cell.withWeight, let labelled = tiers[s.text] { s.text = labelled }
                return s
            }
        }
        var out = [PrintCell]()
        out.reserveCapacity(count * row.cells.count)
        // runStart[k]: the first row of the current run of cell k.
        var runStart = [Int](repeating: 0, count: row.cells.count)
        func emit(_ k: Int, from: Int, to: Int) {
            guard k < starts.count else { return }
            let cell = row.cells[k]
            let s = values[k][from]
            let span = to - from + 1
            // A merged label (一级, 二级) is centred in its cell, on one row or many.
            let align = cell.align ?? (s.numeric ? .right : cell.group || span > 1 ? .center : .left)
            out.append(PrintCell(row: firstRow + from, column: starts[k], rowSpan: span, columnSpan: max(1, cell.columns),
                                 text: s.text, figure: s.figure, align: align, bold: cell.bold))
        }
        for i in 0..<count {
            var leftContinues = true
            for k in row.cells.indices {
                let continues = i > 0 && leftContinues && row.cells[k].group && values[k][i].text == values[k][i - 1].text
                if row.cells[k].group { leftContinues = continues }
                if !continues {
                    if i > 0 { emit(k, from: runStart[k], to: i - 1) }
                    runStart[k] = i
                }
            }
        }
        for k in row.cells.indices { emit(k, from: runStart[k], to: count - 1) }
        return out
    }
}

import FoundationEssentials
import JixiaoCore

/// Draws an `EditorState` into a `ScreenBuffer`:
///
///     row 0        title bar: sheet, unit, file, [已修改]
///     row 1        section tabs, each with its count of problems
///     rows 2…h-3   the current section (only the rows on screen are drawn)
///     row h-2      result bar: 执行率, 得分/分值 per 一级, 总分, 等级, errors and warnings
///     row h-1      status line, or the edit line with the caret
///
/// Only ASCII and CJK go into the frame itself: East-Asian-Ambiguous characters (box drawing,
/// '…', '×') would come out double-width on Chinese terminals and shift everything after them.
public enum EditorView {
    public static func draw(_ s: EditorState) -> ScreenBuffer {
        var b = ScreenBuffer(width: s.width, height: s.height)
        guard s.width >= 20, s.height >= 6 else {
            b.put(s.lang.pick("窗口太小", "Window too small"), x: 0, y: 0)
            return b
        }
        titleBar(s, &b)
        tabs(s, &b)
        let scroll = visibleScroll(s)
        body(s, &b, scroll: scroll)
        resultBar(s, &b)
        statusLine(s, &b)
        overlays(s, &b)
        return b
    }

    // MARK: frame

    static func tabs(_ s: EditorState, _ b: inout ScreenBuffer) {
        let counts = s.problemCounts
        var x = 0
        // Scroll the tab line so that the current tab is always visible.
        var labels = [(String, Style)]()
        for (n, sec) in s.sections.enumerated() {
            let c = counts.indices.contains(n) ? counts[n] : (errors: 0, warnings: 0)
            let badge = c.errors > 0 ? "(\(c.errors))" : (c.warnings > 0 ? "(\(c.warnings))" : "")
            let style: Style = n == s.tab ? .selected : (c.errors > 0 ? .error : (c.warnings > 0 ? .warning : .plain))
            labels.append((" \(n + 1) \(sec.title)\(badge) ", style))
        }
        var start = 0
        while start < s.tab && labels[start...s.tab].reduce(0, { $0 + DisplayWidth.of($1.0) + 1 }) > s.width { start += 1 }
        for (text, style) in labels[start...] {
            guard x < s.width else { break }
            x += b.put(text, x: x, y: 1, style: style, limit: s.width - x)
            x += b.put(" ", x: x, y: 1)
        }
    }

    /// First body row to show: the current row stays on screen, with its heading if possible.
    static func visibleScroll(_ s: EditorState) -> Int {
        let h = s.bodyHeight
        var scroll = min(s.scroll, s.row)
        if s.row >= scroll + h { scroll = s.row - h + 1 }
        return max(0, scroll)
    }

    // MARK: body

    /// Column x positions and widths for a block: preferred widths; spare width first to the
    /// columns whose cells are cut (a column at a time, so each gets its share until it holds
    /// its widest cell), then to the columns that grow; when too wide, columns after the first
    /// scroll so the cursor's stays in view.
    static func layout(_ block: BlockLayout, width: Int, focus: Int?) -> [(x: Int, width: Int)?] {
        var widths = block.columns.map(\.width)
        let total = widths.reduce(0, +) + widths.count
        var extra = max(0, width - 1 - total)
        while extra > 0 {
            let short = block.columns.indices.filter { widths[$0] < block.columns[$0].need }
            if short.isEmpty { break }
            for k in short where extra > 0 {
                widths[k] += 1
                extra -= 1
            }
        }
        let growers = block.columns.indices.filter { block.columns[$0].grows }
        if !growers.isEmpty {
            var k = 0
            while extra > 0 {
                widths[growers[k % growers.count]] += 1
                extra -= 1
                k += 1
            }
        }
        var out = [(x: Int, width: Int)?](repeating: nil, count: widths.count)
        guard !widths.isEmpty else { return out }
        // The first column (the row's label) stays; the others scroll horizontally.
        out[0] = (1, min(widths[0], width - 2))
        var first = 1
        if let focus, focus > 0 {
            while first < focus {
                let span = widths[first...focus].reduce(0, +) + (focus - first + 1)
                if 1 + widths[0] + 1 + span <= width { break }
                first += 1
            }
        }
        var x = 1 + widths[0] + 1
        // Only whole columns: a sliver of a column would show a misleading fragment.
        for k in first..<widths.count {
            guard x + widths[k] <= width - 1 || (k == first && x < width - 1) else { break }
            out[k] = (x, min(widths[k], width - 1 - x))
            x += widths[k] + 1
        }
        return out
    }

    static func style(for cell: FormCell, selected: Bool, problem: Severity?) -> Style {
        if selected {
            // The selected cell keeps its mark: the one a user is on is the one to fix.
            guard cell.look == .typed, let problem else { return .selected }
            return problem == .error ? .selectedError : .selectedWarning
        }
        switch cell.look {
        case .heading: return .heading
        case .header: return Style(bold: true, underline: true)
        case .computed: return .computed
        case .label: return .plain
        case .problem: return .error
        case .typed:
            if let problem { return problem == .error ? .error : .warning }
            return .plain
        }
    }

    static func body(_ s: EditorState, _ b: inout ScreenBuffer, scroll: Int) {
        guard s.sections.indices.contains(s.tab) else { return }
        let sec = s.sections[s.tab]
        let top = 2
        for i in 0..<s.bodyHeight {
            let r = scroll + i
            guard sec.rows.indices.contains(r) else { break }
            let row = sec.rows[r]
            let y = top + i
            switch row.kind {
            case .blank: continue
            case .heading:
                b.put(row.cells.first?.text ?? "", x: 1, y: y, style: .heading, limit: s.width - 2)
                continue
            case .header, .data:
                break
            }
            guard sec.blocks.indices.contains(row.block) else { continue }
            let isCurrent = r == s.row
            let spots = layout(sec.blocks[row.block], width: s.width, focus: isCurrent ? s.col : (s.currentRow?.block == row.block ? s.col : nil))
            if row.cells.count == 1 && row.source != nil, case .listEnd = row.source! {
                // "+ add a row" spans the row.
                b.put(row.cells[0].text, x: 1, y: y, style: isCurrent ? .selected : .dim, limit: s.width - 2)
                if isCurrent, case .normal = s.mode { b.cursor = (1, y); b.cursorHidden = true }
                continue
            }
            for (k, cell) in row.cells.enumerated() {
                guard spots.indices.contains(k), let spot = spots[k] else { continue }
                let selected = isCurrent && k == s.col && cell.isSelectable && !isOverlay(s.mode)
                let st = style(for: cell, selected: selected, problem: cell.target.flatMap { s.problem(at: $0) })
                // Long text keeps its lines in the cell as spaces; only what fits is read.
                let text = CellText.fitted(cell.text, width: spot.width)
                let align = sec.blocks[row.block].columns[k].align
                if selected || st.background != .normal { b.fill(x: spot.x, y: y, count: spot.width, style: st) }
                if selected, case .normal = s.mode { b.cursor = (spot.x, y); b.cursorHidden = true }
                b.put(ScreenBuffer.pad(text, to: spot.width, align: row.kind == .header ? .center : align), x: spot.x, y: y, style: st, limit: spot.width)
            }
        }
    }

    static func isOverlay(_ m: EditorState.Mode) -> Bool {
        switch m {
        case .help, .problems, .pager, .longText: return true
        default: return false
        }
    }

    // MARK: overlays

    static func box(_ b: inout ScreenBuffer, x: Int, y: Int, w: Int, h: Int, title: String) {
        for yy in y..<(y + h) {
            b.fill(x: x, y: yy, count: w, style: .plain)
            b.put("|", x: x, y: yy, style: .dim)
            b.put("|", x: x + w - 1, y: yy, style: .dim)
        }
        b.put("+" + String(repeating: "-", count: max(0, w - 2)) + "+", x: x, y: y, style: .dim)
        b.put("+" + String(repeating: "-", count: max(0, w - 2)) + "+", x: x, y: y + h - 1, style: .dim)
        b.put(" \(title) ", x: x + 2, y: y, style: .heading, limit: w - 4)
    }

    static func overlays(_ s: EditorState, _ b: inout ScreenBuffer) {
        let top = 2, h = s.bodyHeight
        switch s.mode {
        case .help(let scroll):
            box(&b, x: 0, y: top, w: s.width, h: h, title: s.lang.pick("按键（任意键关闭，方向键滚动）", "Keys (any key closes, arrows scroll)"))
            let lines = HelpText.lines(s.lang, width: s.width - 4)
            for (i, line) in lines.dropFirst(scroll).prefix(h - 2).enumerated() {
                b.put(line, x: 2, y: top + 1 + i, limit: s.width - 4)
            }
        case .problems(let selected):
            box(&b, x: 0, y: top, w: s.width, h: h, title: s.lang.pick("问题（\(s.problems.count)）Enter 跳到字段，Esc 关闭", "Problems (\(s.problems.count)) Enter jumps, Esc closes"))
            if s.problems.isEmpty {
                b.put(s.lang.pick("没有问题。", "No problems."), x: 2, y: top + 1)
            }
            for (i, line) in ProblemLines.layout(s.problems, selected: selected, lang: s.lang, width: s.width - 4, rows: h - 2).enumerated() {
                let st: Style = line.problem == selected ? .selected : (s.problems[line.problem].severity == .error ? .error : .warning)
                if line.problem == selected { b.fill(x: 1, y: top + 1 + i, count: s.width - 2, style: st) }
                b.put(line.text, x: 2, y: top + 1 + i, style: st, limit: s.width - 4)
            }
        case .pager(let lines, let scroll):
            for i in 0..<h {
                b.fill(x: 0, y: top + i, count: s.width)
                if lines.indices.contains(scroll + i) { b.put(lines[scroll + i], x: 0, y: top + i, limit: s.width) }
            }
            b.fill(x: 0, y: s.height - 1, count: s.width)
            b.put(s.lang.pick("方向键/PgUp/PgDn 滚动，其他键关闭", "arrows/PgUp/PgDn scroll, any other key closes"),
                  x: 0, y: s.height - 1, style: .dim, limit: s.width)
        case .picker(let p):
            picker(s, p, &b)
        case .longText(let buffer, let first):
            let label = s.currentCell?.field.map { resolveLabel(s.lang.pick($0.label, $0.labelEn), year: s.session.year) } ?? ""
            box(&b, x: 0, y: top, w: s.width, h: h, title: s.lang.pick("\(label)：Tab 完成，Esc 取消，Enter 换行", "\(label): Tab done, Esc cancels, Enter new line"))
            let width = s.longTextWidth
            // Only the lines in the window are wrapped, from its first.
            for (i, line) in buffer.lines(from: first, rows: s.longTextRows, width: width).enumerated() {
                b.put(String(buffer.characters(of: line)), x: 3, y: top + 2 + i, limit: width)
                if buffer.holdsCaret(line) {
                    b.cursor = (min(s.width - 2, 3 + buffer.caretColumn(on: line)), top + 2 + i)
                }
            }
        default:
            break
        }
    }
}

extension EditorView {
    /// The 一级/二级 choices, numbered, in a box beside the row being edited: under it, or
    /// over it when there is more room above, so that the row and its cell stay in sight.
    static func picker(_ s: EditorState, _ p: Picker, _ b: inout ScreenBuffer) {
        let top = 2, h = s.bodyHeight
        let rowY = top + s.row - visibleScroll(s)
        let below = top + h - (rowY + 1), above = rowY - top
        let room = max(below, above)
        guard room >= 3 else { return }
        let lines = p.choices.enumerated().map { "\($0.offset < 9 ? String($0.offset + 1) : " ") \($0.element)" }
        let title = p.query.isEmpty ? s.lang.pick("选择：数字或名称", "Choose: number or name") : s.lang.pick("选择：", "Choose: ") + p.query
        let w = min(s.width - 2, max(ScreenBuffer.width(of: title) + 6, (lines.map(ScreenBuffer.width(of:)).max() ?? 10) + 4))
        let hh = min(room, lines.count + 2)
        let y = below >= hh || below >= above ? rowY + 1 : rowY - hh
        let x = min(max(0, s.width - w), cellX(s) ?? 2)
        box(&b, x: x, y: y, w: w, h: hh, title: title)
        // The highlighted choice stays in the box when the list is longer than the room.
        let shown = hh - 2
        let first = max(0, min((p.selected ?? 0) - shown + 1, lines.count - shown))
        for (i, line) in lines.enumerated().dropFirst(first).prefix(shown) {
            let st: Style = i == p.selected ? .selected : .plain
            b.fill(x: x + 1, y: y + 1 + i - first, count: w - 2, style: st)
            b.put(line, x: x + 2, y: y + 1 + i - first, style: st, limit: w - 4)
        }
    }

    /// Where the selected cell starts on screen.
    static func cellX(_ s: EditorState) -> Int? {
        guard let r = s.currentRow, s.sections.indices.contains(s.tab), s.sections[s.tab].blocks.indices.contains(r.block) else { return nil }
        let spots = layout(s.sections[s.tab].blocks[r.block], width: s.width, focus: s.col)
        return spots.indices.contains(s.col) ? spots[s.col]?.x : nil
    }
}

/// A score as short as it can be said: 46.00 → 46, 2.50 → 2.5 (the result bar is narrow).
func short(_ d: Decimal, _ places: Int) -> String {
    var t = ExactDecimal.format(d, places: places)
    if t.contains(".") {
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
    }
    return t
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

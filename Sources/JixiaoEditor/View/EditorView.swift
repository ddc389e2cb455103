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

    static func titleBar(_ s: EditorState, _ b: inout ScreenBuffer) {
        b.fill(x: 0, y: 0, count: s.width, style: .bar)
        let title = " \(s.lang.pick("绩效", "Jixiao")) | \(s.template.title(year: s.session.year)) | \(s.session.unit.isEmpty ? "-" : s.session.unit) | \(s.path)"
        b.put(title, x: 0, y: 0, style: .bar, limit: s.width)
        // The state of the file at the right end, over the title if need be: it shows however
        // narrow the terminal, and appearing on the first edit it moves nothing else (a slow
        // link gets a few bytes, not the whole line again).
        let mode = s.readOnly ? s.lang.pick("[审阅·只读]", "[review, read-only]") : (s.isDirty ? s.lang.pick("[已修改]", "[modified]") : "")
        if !mode.isEmpty {
            let w = min(s.width, ScreenBuffer.width(of: mode) + 2)
            b.fill(x: s.width - w, y: 0, count: w, style: .bar)
            b.put(mode, x: s.width - w + 1, y: 0, style: .bar, limit: w - 1)
        }
    }

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

    /// Column x positions and widths for a block: preferred widths, spare width to the columns
    /// that grow; when too wide, columns after the first scroll so the cursor's stays in view.
    static func layout(_ block: BlockLayout, width: Int, focus: Int?) -> [(x: Int, width: Int)?] {
        var widths = block.columns.map(\.width)
        let total = widths.reduce(0, +) + widths.count
        let growers = block.columns.indices.filter { block.columns[$0].grows }
        if total < width - 1 && !growers.isEmpty {
            var extra = width - 1 - total
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
        if selected { return .selected }
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
                b.put(ScreenBuffer.pad(text, to: spot.width, align: row.kind == .header ? .center : align), x: spot.x, y: y, style: st, limit: spot.width)
            }
        }
    }

    static func isOverlay(_ m: EditorState.Mode) -> Bool {
        switch m {
        case .help, .problems, .pager, .picker, .longText: return true
        default: return false
        }
    }

    // MARK: result bar and status line

    static func resultBar(_ s: EditorState, _ b: inout ScreenBuffer) {
        let y = s.height - 2
        let c = s.preview ?? s.computed
        let errors = s.report.errorCount
        let warnings = s.report.count - errors
        b.fill(x: 0, y: y, count: s.width, style: errors > 0 ? .barError : .bar)
        var parts = [String]()
        let places = s.template.rounding.score
        // 执行率: the rate a score formula is computed from.
        for id in s.template.index.fieldOrder {
            if let f = s.template.index.fields[id], case .score(let rate, _, _)? = f.formula,
               let rf = s.template.index.fields[rate] {
                parts.append(s.lang.pick("执行率", "Exec ") + (FormBuilder.show(c.scalars[rate], rf).nonEmpty ?? "-") + "%")
                break
            }
        }
        if let summary = c.indicators {
            var tiers = [String]()
            for tier in summary.tiers where tier.templateWeight != nil {
                let name = s.lang == .en ? (s.template.indicators?.tiers.first { $0.name == tier.name }?.nameEn ?? tier.name) : tier.name.replacing("指标", with: "")
                tiers.append("\(name) \(short(tier.score, places))/\(tier.templateWeight.map { "\($0)" } ?? "")")
            }
            if !tiers.isEmpty { parts.append(tiers.joined(separator: " ")) }
        }
        let total = c.total.map { ExactDecimal.format($0, places: places) } ?? "-"
        parts.append(s.lang.pick("总分 \(total) \(c.grade ?? "")", "Total \(total) \(c.grade ?? "")"))
        parts.append(s.lang.pick("错误\(errors) 警告\(warnings)", "Errors \(errors) Warnings \(warnings)"))
        // Drop the tier scores first, then the rate, when the line is too narrow.
        while parts.count > 2 && DisplayWidth.of(" " + parts.joined(separator: "  ")) > s.width {
            parts.remove(at: parts.count > 3 ? 1 : 0)
        }
        b.put(" " + parts.joined(separator: "  "), x: 0, y: y, style: errors > 0 ? .barError : .bar, limit: s.width)
    }

    /// The foot line: what is being typed (or the last message) at the left, the keys at the
    /// right. The keys stay where they are while a cell is typed and committed, so a one-cell
    /// edit sends the terminal the typed text and the changed figures, not the line again.
    static func statusLine(_ s: EditorState, _ b: inout ScreenBuffer) {
        let y = s.height - 1
        var used = 0
        switch s.mode {
        case .editing(let buffer):
            let label = (s.currentCell?.field.map { resolveLabel(s.lang.pick($0.label, $0.labelEn), year: s.session.year) } ?? "") + "："
            let lw = b.put(label, x: 0, y: y, style: .heading, limit: s.width / 2)
            let room = max(4, s.width - lw - 1)
            // Show the part of the text around the caret.
            let (shown, caretCol) = buffer.shown(room: room)
            used = lw + b.put(String(shown), x: lw, y: y, style: .editing, limit: room)
            used = max(used, lw + caretCol + 1)
            b.cursor = (min(s.width - 1, lw + caretCol), y)
            if let m = s.message, m.isError {
                // An unreadable number is flagged at once, on the result bar's line end.
                let text = " " + m.text
                let w = ScreenBuffer.width(of: text)
                b.put(text, x: max(0, s.width - w), y: y - 1, style: .barError, limit: s.width)
            }
        case .find(let buffer):
            let lw = b.put(s.lang.pick("查找：", "Find: "), x: 0, y: y, style: .heading)
            b.put(buffer.text, x: lw, y: y, limit: s.width - lw)
            b.cursor = (min(s.width - 1, lw + buffer.caretColumn), y)
            return
        case .confirm(let what):
            let text: String
            switch what {
            case .deleteRow: text = s.lang.pick("删除这一行？ y 删除 / 其他键取消", "Delete this row? y deletes, any other key cancels")
            case .quit: text = s.lang.pick("有未保存的修改：s 保存并退出 / d 不保存退出 / Esc 取消", "Unsaved changes: s saves and quits, d quits without saving, Esc cancels")
            case .recover(let at, false): text = s.lang.pick("发现上次未保存的修改\(at.isEmpty ? "" : "（\(at)）")：r 恢复 / d 丢弃 / v 查看差异", "Unsaved edits were recovered\(at.isEmpty ? "" : " (\(at))"): r restores, d discards, v shows what differs")
            case .recover(let at, true): text = s.lang.pick("发现上次未保存的修改\(at.isEmpty ? "" : "（\(at)）")，但文件之后又被修改过：r 恢复（覆盖那些修改）/ d 丢弃 / v 查看差异", "Unsaved edits were recovered\(at.isEmpty ? "" : " (\(at))"), but the file changed since: r restores (over those changes), d discards, v shows what differs")
            }
            b.put(text, x: 0, y: y, style: .error, limit: s.width)
            return
        default:
            if let m = s.message {
                used = b.put(m.text, x: 0, y: y, style: m.isError ? .error : .plain, limit: s.width)
            } else if let suggestion = s.currentSuggestion {
                // On an indicator row, its suggested 得分 (F4 takes it into an empty 得分).
                let text = suggestion.hint(s.lang, places: s.template.rounding.score) + (suggestion.score == nil ? "" : s.lang.pick("  F4 采纳", "  F4 takes it"))
                used = b.put(text, x: 0, y: y, style: .computed, limit: s.width)
            }
        }
        let hint = s.readOnly
            ? s.lang.pick("n/p 下一个/上一个问题  F8 问题  F5 预览  F1 帮助  Ctrl-Q 退出", "n/p next/prev problem  F8 problems  F5 print  F1 help  Ctrl-Q quit")
            : s.lang.pick("F1 帮助  F2 编辑  Ctrl-S 保存  F8 问题  F5 预览  Ctrl-Q 退出", "F1 help  F2 edit  Ctrl-S save  F8 problems  F5 print  Ctrl-Q quit")
        let hw = ScreenBuffer.width(of: hint)
        // The keys only where they fit whole beside what is at the left.
        if used == 0 || used + 2 <= s.width - hw {
            b.put(hint, x: max(0, s.width - hw), y: y, style: .dim, limit: s.width)
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
            let lines = HelpText.lines(s.lang)
            for (i, line) in lines.dropFirst(scroll).prefix(h - 2).enumerated() {
                b.put(line, x: 2, y: top + 1 + i, limit: s.width - 4)
            }
        case .problems(let selected):
            box(&b, x: 0, y: top, w: s.width, h: h, title: s.lang.pick("问题（\(s.problems.count)）Enter 跳到字段，Esc 关闭", "Problems (\(s.problems.count)) Enter jumps, Esc closes"))
            if s.problems.isEmpty {
                b.put(s.lang.pick("没有问题。", "No problems."), x: 2, y: top + 1)
            }
            let visible = h - 2
            let first = max(0, min(selected - visible / 2, s.problems.count - visible))
            for (i, p) in s.problems.enumerated().dropFirst(first).prefix(visible).map({ $0 }).enumerated() {
                let (n, prob) = p
                let text = "\(prob.severityName(s.lang)) \(prob.pointer): \(prob.message(s.lang))"
                let st: Style = n == selected ? .selected : (prob.severity == .error ? .error : .warning)
                if n == selected { b.fill(x: 1, y: top + 1 + i, count: s.width - 2, style: st) }
                b.put(text, x: 2, y: top + 1 + i, style: st, limit: s.width - 4)
            }
        case .pager(let lines, let scroll):
            for i in 0..<h {
                b.fill(x: 0, y: top + i, count: s.width)
                if lines.indices.contains(scroll + i) { b.put(lines[scroll + i], x: 0, y: top + i, limit: s.width) }
            }
            b.fill(x: 0, y: s.height - 1, count: s.width)
            b.put(s.lang.pick("打印预览：方向键/PgUp/PgDn 滚动，其他键关闭（jixiao print 输出到文件）", "Print preview: arrows/PgUp/PgDn scroll, any other key closes"),
                  x: 0, y: s.height - 1, style: .dim, limit: s.width)
        case .picker(let choices, let selected):
            let w = min(s.width - 4, max(20, (choices.map(DisplayWidth.of).max() ?? 10) + 6))
            let hh = min(h, choices.count + 2)
            box(&b, x: 2, y: top + 1, w: w, h: hh, title: s.lang.pick("选择", "Choose"))
            for (i, c) in choices.prefix(hh - 2).enumerated() {
                let st: Style = i == selected ? .selected : .plain
                b.fill(x: 3, y: top + 2 + i, count: w - 2, style: st)
                b.put(c, x: 4, y: top + 2 + i, style: st, limit: w - 4)
            }
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

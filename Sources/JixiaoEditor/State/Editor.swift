import JixiaoCore

/// What `update` asks the outside world to do: the only effects the editor has.
public enum EditorCommand: Equatable, Sendable {
    /// Write these bytes to the path atomically, then report with `.outcome`. Unless
    /// `overwrite`, a file changed on disk since it was read is not replaced (`.changedOnDisk`).
    case save(path: String, bytes: [UInt8], thenQuit: Bool, overwrite: Bool)
    case quit
    /// The user chose not to restore the edits in the recovery file: delete it.
    case discardRecovery
}

/// All the editing logic: `update(state, event)` gives the next state and the commands to
/// carry out. No terminal, no files: tests drive it with events and read the drawn screen.
public enum Editor {
    public static func update(_ state: EditorState, _ event: Event) -> (EditorState, [EditorCommand]) {
        var s = state
        let commands = s.handle(event)
        return (s, commands)
    }

    /// The same step, made on the caller's state in place. The runtime holds the only copy
    /// of its state, so an edit to one row of a 10,000-row sheet changes that row where it is;
    /// through the pure form above, the sheet shared with the caller's copy is copied first.
    public static func update(_ state: inout EditorState, _ event: Event) -> [EditorCommand] {
        state.handle(event)
    }
}

extension EditorState {
    func say(_ zh: String, _ en: String, error: Bool = false) -> Message {
        Message(text: lang.pick(zh, en), isError: error)
    }

    mutating func handle(_ event: Event) -> [EditorCommand] {
        if case .outcome(let outcome) = event { return handle(outcome) }
        if case .resize(let w, let h) = event {
            width = max(20, w)
            height = max(6, h)
            clampCursor()
            // The window's top stays a line start at any width if it goes back to its paragraph's.
            if case .longText(let buffer, let top) = mode { showLongText(buffer, top: buffer.paragraphStart(of: top)) }
            return []
        }
        let commands = dispatch(event)
        // A recovery offer stays until it is answered (viewing the difference returns to it).
        if case .normal = mode, pendingRecovery != nil { mode = .confirm(recoveryPrompt) }
        return commands
    }

    mutating func dispatch(_ event: Event) -> [EditorCommand] {
        switch mode {
        case .normal: return normal(event)
        case .editing(var buffer): return editing(event, &buffer)
        case .longText(var buffer, let top):
            // The mode lets go of the text while it changes, so that a key edits it in place
            // instead of copying all of it (1.4 MB for a big paste); `longText` sets it again.
            mode = .normal
            return longText(event, &buffer, top)
        case .picker(var p): return picker(event, &p)
        case .confirm(let what): return confirm(event, what)
        case .help(let scroll): overlayScroll(event, scroll) { .help(scroll: $0) }; return []
        case .problems(let selected): return problemList(event, selected)
        case .pager(let lines, let scroll): overlayScroll(event, scroll, limit: max(0, lines.count - bodyHeight)) { .pager(lines: lines, scroll: $0) }; return []
        case .find(var buffer): return find(event, &buffer)
        }
    }

    // MARK: normal mode

    mutating func normal(_ event: Event) -> [EditorCommand] {
        message = nil
        switch event {
        case .paste(let text):
            return paste(text)
        case .resize, .outcome:
            return []
        case .key(let key):
            guard let action = KeyMap.sheetAction(for: key, readOnly: readOnly) else { return [] }
            return sheet(action, key)
        }
    }

    /// A key's action on the sheet (see `KeyMap`).
    mutating func sheet(_ action: KeyAction, _ key: Key) -> [EditorCommand] {
        switch action {
        case .up: moveVertical(-1)
        case .down: moveVertical(1)
        case .left: moveHorizontal(-1)
        case .right: moveHorizontal(1)
        case .firstCell: col = currentRow?.cells.firstIndex(where: \.isSelectable) ?? 0
        case .lastCell: col = currentRow?.cells.lastIndex(where: \.isSelectable) ?? 0
        case .pageUp: for _ in 0..<bodyHeight { moveVertical(-1, crossSections: false) }
        case .pageDown: for _ in 0..<bodyHeight { moveVertical(1, crossSections: false) }
        case .nextCell: nextEditable(forward: true)
        case .previousCell: nextEditable(forward: false)
        case .walk: return enterKey()
        case .editInPlace: return startEditing(with: nil, replace: false)
        case .typeOver:
            if case .char(let c) = key { return startEditing(with: String(c), replace: true) }
        case .help: mode = .help(scroll: 0)
        case .preview: openPager()
        case .takeSuggestion: takeSuggestion()
        case .nextSection: switchTab(tab + 1)
        case .previousSection: switchTab(tab - 1)
        case .problems: mode = .problems(selected: 0)
        case .sectionByDigit:
            if case .alt(let c) = key, let n = c.wholeNumberValue, n >= 1 { switchTab(n - 1) }
        // A new search starts empty (typing never adds to the last one); the last is offered.
        case .find: mode = .find(TextBuffer())
        case .save: return save(thenQuit: false)
        case .quit:
            if isDirty && !readOnly { mode = .confirm(.quit) } else { return [.quit] }
        case .undo: undo()
        case .redo: redo()
        case .addRow: addRow()
        case .deleteRow: askDeleteRow()
        case .rowUp: moveRow(-1)
        case .rowDown: moveRow(1)
        case .clearCell: clearCell()
        case .nextProblem: jumpToProblem(forward: true)
        case .previousProblem: jumpToProblem(forward: false)
        default: break
        }
        return []
    }

    mutating func switchTab(_ t: Int) {
        guard !sections.isEmpty else { return }
        tab = (t % sections.count + sections.count) % sections.count
        scroll = 0
        moveToFirstSelectable()
    }

    mutating func moveVertical(_ step: Int, crossSections: Bool = true) {
        guard let cur = currentRow else { return }
        let curX = columnX(cur, col)
        if let r = nextRow(from: row, step: step) {
            row = r
        } else if crossSections {
            let t = tab + step
            guard sections.indices.contains(t) else { return }
            tab = t
            scroll = 0
            row = step > 0 ? -1 : sections[t].rows.count
            guard let r = nextRow(from: row, step: step) else { moveToFirstSelectable(); return }
            row = r
        } else {
            return
        }
        // Keep to the same column on screen, as a spreadsheet does.
        if let r = currentRow {
            let candidates = r.cells.indices.filter { r.cells[$0].isSelectable }
            col = candidates.min(by: { abs(columnX(r, $0) - curX) < abs(columnX(r, $1) - curX) }) ?? 0
        }
    }

    /// A cell's position in its block, in preferred widths: good enough to line columns up.
    func columnX(_ r: FormRow, _ c: Int) -> Int {
        guard sections[tab].blocks.indices.contains(r.block) else { return c }
        let cols = sections[tab].blocks[r.block].columns
        return cols.prefix(c).reduce(0) { $0 + $1.width + 1 }
    }

    mutating func moveHorizontal(_ step: Int) {
        guard let r = currentRow else { return }
        var k = col + step
        while k >= 0 && k < r.cells.count {
            if r.cells[k].isSelectable { col = k; return }
            k += step
        }
    }

    /// Tab / Shift-Tab: the next typed cell in reading order, on into the next section.
    mutating func nextEditable(forward: Bool) {
        let step = forward ? 1 : -1
        var t = tab, r = row, c = col + step
        for _ in 0..<100_000 {
            guard sections.indices.contains(t) else { return }
            let rows = sections[t].rows
            if rows.indices.contains(r) {
                let cells = rows[r].cells
                while c >= 0 && c < cells.count {
                    if cells[c].target != nil {
                        if t != tab { scroll = 0 }
                        tab = t; row = r; col = c
                        return
                    }
                    c += step
                }
            }
            r += step
            if r < 0 || r >= rows.count {
                t += step
                if !sections.indices.contains(t) { return }
                r = forward ? 0 : sections[t].rows.count - 1
            }
            c = forward ? 0 : (sections[t].rows.indices.contains(r) ? sections[t].rows[r].cells.count - 1 : 0)
        }
    }

    // MARK: editing

    mutating func startEditing(with text: String?, replace: Bool) -> [EditorCommand] {
        guard let cell = currentCell else { return [] }
        if readOnly {
            message = say("审阅模式只读：不能修改", "Review mode is read-only", error: true)
            return []
        }
        guard cell.target != nil, let f = cell.field else {
            if cell.look == .computed {
                message = say("这是计算结果，不能编辑（修改它所依据的数据）", "This figure is computed; change what it comes from", error: true)
            }
            return []
        }
        if let choices = cell.choices {
            // What was typed to open it is the start of a name, or a choice's number.
            var p = Picker(choices: choices, current: cell.text)
            if let text, text.count == 1, let c = text.first, let n = p.numbered(c) { return choose(n, in: p, then: .enter) }
            mode = .picker(p)
            if let text { return picker(.paste(text), &p) }
            return []
        }
        if f.kind == .longtext {
            var buffer = TextBuffer(cell.text, multiline: true)
            if let text { buffer.insert(text) }
            showLongText(buffer, top: 0)
            return []
        }
        var buffer = TextBuffer(replace ? "" : cell.text)
        if let text { buffer.insert(text) }
        mode = .editing(buffer)
        updatePreview(buffer)
        return []
    }

    mutating func editing(_ event: Event, _ buffer: inout TextBuffer) -> [EditorCommand] {
        message = nil
        switch event {
        case .paste(let text): buffer.insert(text)
        case .resize, .outcome: break
        case .key(let key):
            switch KeyMap.action(for: key, in: .typing) {
            case .editText?:
                // Typing, deletion and the caret along the line: alike in every text editor.
                _ = buffer.edit(key)
            case .cancel?:
                mode = .normal
                preview = nil
                return []
            case .commitNext?:
                if commit(buffer.text) { moveOn(forward: true) }
                return []
            case .commitPrevious?:
                if commit(buffer.text) { moveOn(forward: false) }
                return []
            case .commitUp?, .commitDown?:
                if commit(buffer.text) { moveVertical(key == .up ? -1 : 1) }
                return []
            case .commitAndSave?:
                if commit(buffer.text) { return save(thenQuit: false) }
                return []
            default: break
            }
        }
        mode = .editing(buffer)
        updatePreview(buffer)
        return []
    }

    /// Figures as they would be with the number being typed, for the result bar, and a
    /// warning as soon as the text cannot be read as the field's kind.
    mutating func updatePreview(_ buffer: TextBuffer) {
        guard let cell = currentCell, let target = cell.target, let f = cell.field else { return }
        guard f.kind.isNumeric, !buffer.text.isEmpty else { preview = nil; return }
        // A 分值 or 得分: the subtotals adjusted for the one row, without copying the sheet.
        if case .indicator(let k, let key) = target, session.indicators.indices.contains(k) {
            do {
                var row = session.indicators[k]
                row.set(key, try SessionEditor.indicatorValue(key, buffer.text, pointer: target.pointer, template))
                if let summary = computed.indicators?.replacing(session.indicators[k], with: row) {
                    preview = Calculator.compute(session, template, indicators: summary)
                    return
                }
            } catch {
                preview = nil
                message = Message(text: lang.pick(error.message, error.messageEn), isError: true)
                return
            }
        }
        do {
            let next = try SessionEditor.apply([Assignment(pointer: target.pointer, value: buffer.text)], to: session, template)
            preview = Calculator.compute(next, template)
        } catch {
            preview = nil
            message = Message(text: lang.pick(error.message, error.messageEn), isError: true)
        }
    }

    /// Writes the typed text through `SessionEditor`; a bad value keeps the editor open with
    /// the message, and the cell keeps its old value.
    @discardableResult
    mutating func commit(_ text: String) -> Bool {
        guard let target = currentCell?.target else { mode = .normal; return true }
        let field = currentCell?.field
        do {
            try applyEdit(target, text.isBlankOnOneLine ? nil : text)
            mode = .normal
            // Accepted, but worth a word: money typed in the other of 元 and 万元.
            if let field, let c = InputParser.caution(text, for: field.resolved(year: session.year)) {
                message = Message(text: lang.pick(c.message, c.messageEn), isError: false)
            }
            return true
        } catch {
            message = Message(text: lang.pick(error.message, error.messageEn), isError: true)
            return false
        }
    }

    mutating func clearCell() {
        guard let cell = currentCell, cell.target != nil else { return }
        if readOnly { message = say("审阅模式只读：不能修改", "Review mode is read-only", error: true); return }
        if cell.text.isEmpty { return }
        _ = commit("")
    }

    /// A key in the long-text editor. Each key reads the lines around the caret and the
    /// window, never the whole text: see TextLayout.
    mutating func longText(_ event: Event, _ buffer: inout TextBuffer, _ top: Int) -> [EditorCommand] {
        message = nil
        let w = longTextWidth, rows = longTextRows
        switch event {
        case .paste(let text): buffer.insert(text)
        case .resize, .outcome: break
        case .key(let key):
            switch KeyMap.action(for: key, in: .longText) {
            case .editText?:
                // Typing, deletion and the caret along the line: alike in every text editor.
                _ = buffer.edit(key)
            case .newLine?: buffer.insert("\n")
            case .caretUp?: buffer.vertical(-1, width: w, top: top)
            case .caretDown?: buffer.vertical(1, width: w, top: top)
            case .caretPageUp?: buffer.vertical(-rows, width: w, top: top)
            case .caretPageDown?: buffer.vertical(rows, width: w, top: top)
            case .cancel?:
                mode = .normal
                return []
            case .commitNext?, .finish?:
                // Done: like a one-line cell, Tab moves on to the next cell to fill.
                if commit(buffer.text) {
                    mode = .normal
                    if key == .tab { nextEditable(forward: true) }
                } else {
                    mode = .longText(buffer, top: top)
                }
                return []
            case .commitAndSave?:
                if commit(buffer.text) { return save(thenQuit: false) }
                mode = .longText(buffer, top: top)
                return []
            default: break
            }
        }
        showLongText(buffer, top: top)
        return []
    }

    /// The long-text editor on `buffer`, its window moved from `top` as far as the caret needs.
    mutating func showLongText(_ buffer: TextBuffer, top: Int) {
        var buffer = buffer
        // Worked out before the buffer goes into the mode: it keeps the line starts found.
        let shown = buffer.scrolled(top: top, rows: longTextRows, width: longTextWidth)
        mode = .longText(buffer, top: shown)
    }

    /// Text width inside the long-text box.
    public var longTextWidth: Int { max(10, width - 6) }

    /// Text lines inside the long-text box.
    public var longTextRows: Int { max(1, bodyHeight - 4) }

    mutating func picker(_ event: Event, _ p: inout Picker) -> [EditorCommand] {
        message = nil
        switch event {
        case .paste(let text):
            // An input method hands over a phrase at once.
            p.type(TextBuffer.typeable(text, multiline: false))
        case .key(let key):
            switch KeyMap.action(for: key, in: .picker) {
            case .choiceUp?: p.step(-1)
            case .choiceDown?: p.step(1)
            case .cancel?:
                mode = .normal
                return []
            case .choose?:
                guard let n = p.selected else {
                    message = say("没有选中任何选项：请改正输入（Backspace）或用方向键选择", "Nothing is chosen: correct the text (Backspace) or choose with the arrows", error: true)
                    return []
                }
                return choose(n, in: p, then: key)
            case .chooseByDigit?:
                if case .char(let c) = key, let n = p.numbered(c) { return choose(n, in: p, then: key) }
            case .narrow?:
                if case .char(let c) = key { p.type(String(c)) }
            case .widen?: p.erase()
            default: break
            }
        default:
            return []
        }
        mode = .picker(p)
        if p.selected == nil {
            message = say("没有与“\(p.query)”相符的选项", "No choice matches \"\(p.query)\"", error: true)
        }
        return []
    }

    /// Writes choice `n` and moves on: Tab to the next cell to fill, Enter or a number to the
    /// cell on the right (二级 after 一级, the name after 二级).
    mutating func choose(_ n: Int, in p: Picker, then key: Key) -> [EditorCommand] {
        mode = .picker(p)
        guard p.choices.indices.contains(n), commit(p.choices[n]) else { return [] }
        mode = .normal
        if key == .tab { nextEditable(forward: true) } else { moveHorizontal(1) }
        return []
    }

    // MARK: rows

    mutating func addRow() {
        if readOnly { message = say("审阅模式只读：不能修改", "Review mode is read-only", error: true); return }
        guard let source = currentRow?.source else {
            message = say("这里不能添加行（在指标表或可增减行的表中按 Ctrl-N）", "No rows to add here (Ctrl-N works in the indicator grid and in tables)", error: true)
            return
        }
        // Past the limit the sheet could not be read again: refused here, as `set` refuses.
        guard session.rowCount < SessionLimits.rows else {
            message = say("行数已达上限：指标与各表合计最多 \(SessionLimits.rows) 行", "The sheet is full: indicators and tables hold at most \(SessionLimits.rows) rows together", error: true)
            return
        }
        var s = session
        var focus: Target
        switch source {
        case .indicator(let n):
            let cur = s.indicators[n]
            s.indicators.insert(IndicatorRow(level1: cur.level1, level2: cur.level2), at: n + 1)
            focus = .indicator(row: n + 1, key: "name")
        case .listEnd(nil):
            let last = s.indicators.last
            s.indicators.append(IndicatorRow(level1: last?.level1 ?? template.indicators?.tiers.first?.name ?? "",
                                             level2: last?.level2 ?? template.indicators?.tiers.first?.level2.first ?? ""))
            focus = .indicator(row: s.indicators.count - 1, key: "name")
        case .tableRow(let tid, let n):
            var rows = s.tables[tid] ?? []
            rows.insert([:], at: n + 1)
            s.tables[tid] = rows
            focus = .tableCell(table: tid, row: n + 1, column: template.index.tables[tid]?.columns.first { !$0.isComputed }?.id ?? "name")
        case .listEnd(let tid?):
            var rows = s.tables[tid] ?? []
            rows.append([:])
            s.tables[tid] = rows
            focus = .tableCell(table: tid, row: rows.count - 1, column: template.index.tables[tid]?.columns.first { !$0.isComputed }?.id ?? "name")
        }
        setSession(s)
        if let (t, r, c) = position(of: focus) { tab = t; row = r; col = c }
        message = say("已添加一行", "Row added")
    }

    mutating func askDeleteRow() {
        if readOnly { message = say("审阅模式只读：不能修改", "Review mode is read-only", error: true); return }
        guard let source = currentRow?.source else { return }
        switch source {
        case .indicator, .tableRow: mode = .confirm(.deleteRow(source))
        case .listEnd: break
        }
    }

    mutating func confirm(_ event: Event, _ what: Confirmation) -> [EditorCommand] {
        guard case .key(let key) = event else { return [] }
        switch what {
        case .deleteRow(let source):
            mode = .normal
            guard key == .char("y") || key == .char("Y") || key == .enter else {
                message = say("未删除", "Not deleted")
                return []
            }
            var s = session
            switch source {
            case .indicator(let n) where s.indicators.indices.contains(n): s.indicators.remove(at: n)
            case .tableRow(let tid, let n) where (s.tables[tid] ?? []).indices.contains(n): s.tables[tid]?.remove(at: n)
            default: return []
            }
            setSession(s)
            message = say("已删除一行（Ctrl-Z 撤销）", "Row deleted (Ctrl-Z undoes)")
        case .recover:
            switch key {
            case .char("r"), .char("R"), .char("y"), .char("Y"):
                if let r = pendingRecovery {
                    pendingRecovery = nil
                    mode = .normal
                    setSession(r)
                    message = say("已恢复上次未保存的修改（Ctrl-S 保存，Ctrl-Z 撤销恢复）", "Unsaved edits restored (Ctrl-S saves, Ctrl-Z undoes the restore)")
                }
            case .char("d"), .char("D"), .char("n"), .char("N"):
                pendingRecovery = nil
                mode = .normal
                message = say("已丢弃恢复文件中的修改", "The recovered edits were discarded")
                return [.discardRecovery]
            case .char("v"), .char("V"):
                if pendingRecovery != nil {
                    mode = .pager(lines: recoveryDifference(), scroll: 0)
                    return []
                }
            default:
                break
            }
        case .quit:
            switch key {
            case .char("s"), .char("S"), .char("y"), .char("Y"):
                mode = .normal
                return save(thenQuit: true)
            case .char("d"), .char("D"), .char("n"), .char("N"):
                return [.quit]
            default:
                mode = .normal
            }
        }
        return []
    }

    mutating func moveRow(_ step: Int) {
        if readOnly { message = say("审阅模式只读：不能修改", "Review mode is read-only", error: true); return }
        guard let source = currentRow?.source else { return }
        var s = session
        let keepCol = col
        switch source {
        case .indicator(let n):
            let m = n + step
            guard s.indicators.indices.contains(m) else { return }
            s.indicators.swapAt(n, m)
            setSession(s)
            if let (t, r, _) = position(of: .indicator(row: m, key: "name")) { tab = t; row = r; col = keepCol }
        case .tableRow(let tid, let n):
            var rows = s.tables[tid] ?? []
            let m = n + step
            guard rows.indices.contains(m) else { return }
            rows.swapAt(n, m)
            s.tables[tid] = rows
            setSession(s)
            if let (t, r, _) = position(of: .tableCell(table: tid, row: m, column: "name")) ?? firstCell(ofTable: tid, row: m) { tab = t; row = r; col = keepCol }
        case .listEnd:
            return
        }
        clampCursor()
    }

    func firstCell(ofTable tid: String, row n: Int) -> (Int, Int, Int)? {
        for (t, sec) in sections.enumerated() {
            for (r, fr) in sec.rows.enumerated() where fr.source == .tableRow(table: tid, index: n) { return (t, r, 0) }
        }
        return nil
    }

    // MARK: undo, save, problems, find, pager

    mutating func undo() {
        message = travel(undo: true) ? say("已撤销", "Undone") : say("没有可撤销的修改", "Nothing to undo")
    }

    mutating func redo() {
        message = travel(undo: false) ? say("已重做", "Redone") : say("没有可重做的修改", "Nothing to redo")
    }

    mutating func save(thenQuit: Bool) -> [EditorCommand] {
        if readOnly {
            message = say("审阅模式只读：不保存", "Review mode is read-only: nothing is saved", error: true)
            return thenQuit ? [.quit] : []
        }
        guard isDirty else {
            message = say("没有修改，无需保存", "No changes to save")
            return thenQuit ? [.quit] : []
        }
        return [.save(path: path, bytes: SessionFile.render(session, template), thenQuit: thenQuit, overwrite: overwriteConfirmed)]
    }

    /// What the runtime did with a command.
    mutating func handle(_ outcome: Outcome) -> [EditorCommand] {
        switch outcome {
        case .saved(let thenQuit, let note):
            savedSession = session
            overwriteConfirmed = false
            message = note.map { Message(text: $0, isError: true) } ?? say("已保存 \(path)", "Saved \(path)")
            return thenQuit ? [.quit] : []
        case .saveFailed(let reason):
            message = say("保存失败：\(reason)（修改仍在编辑器中）", "Save failed: \(reason) (your changes are still here)", error: true)
        case .changedOnDisk:
            overwriteConfirmed = true
            message = say("文件在编辑期间被其他程序修改或替换；再按一次 Ctrl-S 覆盖它",
                          "the file was changed or replaced by another program while you edited; Ctrl-S again overwrites it", error: true)
        case .journal(let text):
            message = Message(text: text, isError: true)
        }
        return []
    }

    mutating func problemList(_ event: Event, _ selected: Int) -> [EditorCommand] {
        guard case .key(let key) = event else { return [] }
        let last = max(0, problems.count - 1)
        switch KeyMap.action(for: key, in: .problems) {
        case .problemUp?: mode = .problems(selected: max(0, selected - 1))
        case .problemDown?: mode = .problems(selected: min(last, selected + 1))
        case .problemPageUp?: mode = .problems(selected: max(0, selected - bodyHeight))
        case .problemPageDown?: mode = .problems(selected: min(last, selected + bodyHeight))
        case .firstProblem?: mode = .problems(selected: 0)
        case .lastProblem?: mode = .problems(selected: last)
        case .jumpToProblem?:
            mode = .normal
            if problems.indices.contains(selected) { jump(to: problems[selected]) }
        case .close?: mode = .normal
        default: break
        }
        return []
    }

    mutating func jump(to p: Problem) {
        if let target = Target.from(pointer: p.pointer), let (t, r, c) = position(of: target) {
            if t != tab { scroll = 0 }
            tab = t; row = r; col = c
        } else if let t = section(of: p) {
            switchTab(t)
        }
        message = Message(text: p.message(lang), isError: p.severity == .error)
    }

    /// n / p in review: the next problem after (or before) the cursor, in the order of their
    /// places on the sheet. Problems at one place (two about the whole indicator grid) follow
    /// each other in report order: while the cursor stays where the last jump put it, n and p
    /// step from that problem, not from the place, which would find the first of them again.
    mutating func jumpToProblem(forward: Bool) {
        guard !problems.isEmpty else {
            message = say("没有问题", "No problems")
            return
        }
        let here = (tab, row, col)
        func pos(_ p: Problem) -> (Int, Int, Int) {
            if let target = Target.from(pointer: p.pointer), let at = position(of: target) { return at }
            return (section(of: p) ?? 0, 0, 0)
        }
        let ordered = problems.enumerated().map { (p: $0.element, at: pos($0.element), n: $0.offset) }
            .sorted { $0.at != $1.at ? $0.at < $1.at : $0.n < $1.n }
        let k: Int
        if let last = lastProblemJump, last.at == here, ordered.indices.contains(last.index) {
            k = (last.index + (forward ? 1 : ordered.count - 1)) % ordered.count
        } else {
            k = forward ? (ordered.firstIndex { $0.at > here } ?? 0) : (ordered.lastIndex { $0.at < here } ?? ordered.count - 1)
        }
        jump(to: ordered[k].p)
        lastProblemJump = (k, (tab, row, col))
    }

    mutating func find(_ event: Event, _ buffer: inout TextBuffer) -> [EditorCommand] {
        switch event {
        case .paste(let t): buffer.insert(t)
        case .key(let key):
            switch KeyMap.action(for: key, in: .find) {
            case .editText?: _ = buffer.edit(key)
            case .recallSearch?: buffer = TextBuffer(lastSearch)
            case .cancel?:
                mode = .normal
                return []
            case .search?:
                // Enter alone finds the last text again.
                let needle = buffer.text.isEmpty ? lastSearch : buffer.text
                lastSearch = needle
                mode = .normal
                search(needle)
                return []
            default: break
            }
        case .resize, .outcome: break
        }
        mode = .find(buffer)
        return []
    }

    /// Finds text in labels and cells, after the cursor, across sections, wrapping round.
    mutating func search(_ needle: String) {
        guard !needle.isEmpty else { return }
        let total = sections.reduce(0) { $0 + $1.rows.count }
        var t = tab, r = row
        for step in 1...max(1, total + 1) {
            r += 1
            while sections.indices.contains(t) && r >= sections[t].rows.count {
                t = (t + 1) % sections.count
                r = 0
            }
            guard sections.indices.contains(t) else { break }
            let fr = sections[t].rows[r]
            if let k = fr.cells.firstIndex(where: { $0.text.contains(needle) }) {
                if t != tab { scroll = 0 }
                tab = t; row = r
                col = fr.cells[k].isSelectable ? k : (fr.cells.firstIndex(where: \.isSelectable) ?? 0)
                if !isStop(fr), let next = nextRow(from: r, step: 1) { row = next }
                message = say("找到“\(needle)”（Ctrl-F Enter 找下一个）", "Found \"\(needle)\" (Ctrl-F Enter finds the next)")
                return
            }
            _ = step
        }
        message = say("未找到“\(needle)”", "\"\(needle)\" not found", error: true)
    }

    mutating func openPager() {
        let doc = SheetLayout(session: session, template: template, computed: computed, problems: problems, lang: lang).document()
        let text = TextRenderer(width: max(TextRenderer.minWidth, width - 1), border: .unicode, lang: lang).render(doc)
        mode = .pager(lines: text.components(separatedBy: "\n"), scroll: 0)
    }

    mutating func overlayScroll(_ event: Event, _ scroll: Int, limit: Int = 200, _ make: (Int) -> Mode) {
        guard case .key(let key) = event else { return }
        switch key {
        case .up: mode = make(max(0, scroll - 1))
        case .down: mode = make(min(limit, scroll + 1))
        case .pageUp: mode = make(max(0, scroll - bodyHeight))
        case .pageDown, .char(" "): mode = make(min(limit, scroll + bodyHeight))
        case .home: mode = make(0)
        case .end: mode = make(limit)
        default: mode = .normal
        }
    }
}

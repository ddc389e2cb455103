import JixiaoCore

/// Typing a value: into a one-line cell (the edit line), into the long-text editor, or by
/// choosing 一级/二级 in the picker (whose own update is `Picker.update`); and committing it
/// to the sheet.
extension EditorState {
    mutating func startEditing(with text: String?, replace: Bool) -> [EditorCommand] {
        guard let cell = currentCell else { return [] }
        if readOnly {
            message = say("审阅模式只读：不能修改", "Review mode is read-only", error: true)
            return []
        }
        guard cell.target != nil, let f = cell.field else {
            // Said, never swallowed: what was typed here would otherwise vanish unseen.
            if cell.look == .computed {
                message = say("这是计算结果，不能编辑（修改它所依据的数据）", "This figure is computed; change what it comes from", error: true)
            } else if case .listEnd? = currentRow?.source {
                message = say("这一行用来添加：按 Enter 或 Ctrl-N 添加一行，再输入", "This line adds rows: Enter or Ctrl-N adds one; then type", error: true)
            } else if text != nil {
                message = say("这里不能输入", "Nothing can be typed here", error: true)
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

    /// The picker's step (`Picker.update`) carried out: a choice is written and the cursor
    /// moves on; a text that names nothing is said at once.
    mutating func picker(_ event: Event, _ p: inout Picker) -> [EditorCommand] {
        message = nil
        switch p.update(event) {
        case .cancel:
            mode = .normal
            return []
        case .nothingChosen:
            message = say("没有选中任何选项：请改正输入（Backspace）或用方向键选择", "Nothing is chosen: correct the text (Backspace) or choose with the arrows", error: true)
            return []
        case .choose(let n, let key):
            return choose(n, in: p, then: key)
        case .choosing:
            break
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
}

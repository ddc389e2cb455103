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

    // The cursor's moves (see `Cursor`), on the rows as laid out now.
    mutating func switchTab(_ t: Int) { cursor.switchTab(t, in: sections) }

    mutating func moveVertical(_ step: Int, crossSections: Bool = true) {
        cursor.moveVertical(step, crossSections: crossSections, in: sections)
    }

    mutating func moveHorizontal(_ step: Int) { cursor.moveHorizontal(step, in: sections) }

    mutating func nextEditable(forward: Bool) { cursor.nextEditable(forward: forward, in: sections) }

    // MARK: questions

    /// The answer to a question (`Confirmation.answer`) carried out.
    mutating func confirm(_ event: Event, _ what: Confirmation) -> [EditorCommand] {
        guard case .key(let key) = event else { return [] }
        let answer = what.answer(key)
        switch (what, answer) {
        case (.deleteRow, .yes):
            mode = .normal
            guard case .deleteRow(let source) = what else { return [] }
            var s = session
            switch source {
            case .indicator(let n) where s.indicators.indices.contains(n): s.indicators.remove(at: n)
            case .tableRow(let tid, let n) where (s.tables[tid] ?? []).indices.contains(n): s.tables[tid]?.remove(at: n)
            default: return []
            }
            setSession(s)
            message = say("已删除一行（Ctrl-Z 撤销）", "Row deleted (Ctrl-Z undoes)")
        case (.deleteRow, _):
            mode = .normal
            message = say("未删除", "Not deleted")
        case (.recover, .yes):
            if let r = pendingRecovery {
                pendingRecovery = nil
                mode = .normal
                setSession(r)
                message = say("已恢复上次未保存的修改（Ctrl-S 保存，Ctrl-Z 撤销恢复）", "Unsaved edits restored (Ctrl-S saves, Ctrl-Z undoes the restore)")
            }
        case (.recover, .no):
            pendingRecovery = nil
            mode = .normal
            message = say("已丢弃恢复文件中的修改", "The recovered edits were discarded")
            return [.discardRecovery]
        case (.recover, .view):
            if pendingRecovery != nil { mode = .pager(lines: recoveryDifference(), scroll: 0) }
        case (.recover, _):
            break
        case (.quit, .yes):
            mode = .normal
            return save(thenQuit: true)
        case (.quit, .no):
            return [.quit]
        case (.quit, _):
            mode = .normal
        }
        return []
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
            markSaved()
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

    /// The problem list's step (`ProblemBrowser.update`) carried out.
    mutating func problemList(_ event: Event, _ selected: Int) -> [EditorCommand] {
        guard case .key(let key) = event else { return [] }
        switch ProblemBrowser.update(selected: selected, key: key, count: problems.count, page: bodyHeight) {
        case .highlight(let n): mode = .problems(selected: n)
        case .jump(let n):
            mode = .normal
            if problems.indices.contains(n) { jump(to: problems[n]) }
        case .close: mode = .normal
        case .ignore: break
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
        let here = cursor.place
        func pos(_ p: Problem) -> SheetDocument.Place {
            if let target = Target.from(pointer: p.pointer), let (t, r, c) = position(of: target) { return SheetDocument.Place(tab: t, row: r, col: c) }
            return SheetDocument.Place(tab: section(of: p) ?? 0, row: 0, col: 0)
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
        lastProblemJump = (k, cursor.place)
    }

    /// The find line's step (`FindBar.update`) carried out.
    mutating func find(_ event: Event, _ buffer: inout TextBuffer) -> [EditorCommand] {
        switch FindBar.update(&buffer, event, lastSearch: lastSearch) {
        case .typing:
            mode = .find(buffer)
        case .cancel:
            mode = .normal
        case .search(let needle):
            lastSearch = needle
            mode = .normal
            search(needle)
        }
        return []
    }

    /// Finds text in labels and cells, after the cursor, across sections, wrapping round.
    mutating func search(_ needle: String) {
        guard !needle.isEmpty else { return }
        if cursor.find(needle, in: sections) {
            message = say("找到“\(needle)”（Ctrl-F Enter 找下一个）", "Found \"\(needle)\" (Ctrl-F Enter finds the next)")
        } else {
            message = say("未找到“\(needle)”", "\"\(needle)\" not found", error: true)
        }
    }

    mutating func openPager() {
        let doc = SheetLayout(session: session, template: template, computed: computed, problems: problems, lang: lang).document()
        let text = TextRenderer(width: max(TextRenderer.minWidth, width - 1), border: .unicode, lang: lang).render(doc)
        mode = .pager(lines: text.components(separatedBy: "\n"), scroll: 0)
    }

    /// The help's or the pager's step (`ScrollingOverlay.update`) carried out.
    mutating func overlayScroll(_ event: Event, _ scroll: Int, limit: Int = 200, _ make: (Int) -> Mode) {
        guard case .key(let key) = event else { return }
        mode = ScrollingOverlay.update(scroll: scroll, key: key, limit: limit, page: bodyHeight).map(make) ?? .normal
    }
}

import JixiaoCore

/// Everything the editor is: the sheet, where the cursor is, what is being typed, and what
/// the user was last told. A plain value: `Editor.update` makes the next one from an event,
/// `EditorView.draw` turns one into a screen.
public struct EditorState: Sendable {
    public enum Mode: Sendable {
        case normal
        /// Typing into a one-line cell (the edit line at the foot shows the text).
        case editing(TextBuffer)
        /// The multi-line editor for 年度总体目标, 偏差原因 and other long text. `top` is where
        /// the window's first visual line starts in the text (a UTF-8 offset): a window kept
        /// as a line number would need the text wrapped from its start to find it.
        case longText(TextBuffer, top: Int)
        /// Choosing 一级/二级 from the template's lists.
        case picker(Picker)
        case confirm(Confirmation)
        case help(scroll: Int)
        case problems(selected: Int)
        case pager(lines: [String], scroll: Int)
        case find(TextBuffer)
    }

    public enum Confirmation: Sendable, Equatable {
        case deleteRow(FormRow.Source)
        case quit
        /// A recovery file with unsaved edits was found on opening; `fileChanged` when the
        /// sheet was changed after the journal was written (restoring would undo that).
        case recover(savedAt: String, fileChanged: Bool)
    }

    public struct Message: Sendable, Equatable {
        public var text: String
        public var isError: Bool

        public init(text: String, isError: Bool) {
            self.text = text
            self.isError = isError
        }
    }

    /// An undo step: the whole session before a change, or for an edited indicator cell just
    /// the row as it was (holding the whole session would make the next edit copy all rows).
    struct Snapshot: Sendable {
        enum Change: Sendable {
            case session(Session)
            case indicatorRow(Int, IndicatorRow)
        }
        var change: Change
        var tab: Int
        var row: Int
        var col: Int
    }

    public let template: Template
    public var path: String
    public private(set) var session: Session
    public private(set) var computed: Computed
    /// The problems in parts, so that an edited indicator row is checked again on its own.
    public private(set) var report: ProblemReport
    public var problems: [Problem] { report.all }
    public private(set) var sections: [FormSection]
    /// The session as last saved (or loaded): what "unsaved changes" is measured against.
    public var savedSession: Session {
        didSet { isDirty = session != savedSession }
    }
    /// Whether the session differs from the saved one, kept as it changes (the title shows it
    /// on every frame).
    public private(set) var isDirty = false
    public var readOnly: Bool
    public var lang: Language

    public var width: Int
    public var height: Int
    public var tab = 0
    public var row = 0
    public var col = 0
    public var scroll = 0
    public var mode: Mode = .normal
    public var message: Message?
    /// Figures computed from a number still being typed, for the result bar.
    public var preview: Computed?
    public var lastSearch = ""
    /// The problem n / p last showed (its place in the ordered list) and where the cursor was
    /// put: see `jumpToProblem`.
    var lastProblemJump: (index: Int, at: (Int, Int, Int))?
    public var wantsQuit = false
    /// Edits recovered from a crash, waiting for the user to restore or discard them.
    public var pendingRecovery: Session?
    /// The runtime found the file changed on disk at the last Ctrl-S: the next one overwrites.
    public var overwriteConfirmed = false
    /// The question asked about `pendingRecovery`, asked again after its difference is shown.
    public var recoveryPrompt: Confirmation = .recover(savedAt: "", fileChanged: false)
    /// Counts changes to the session, so the runtime knows when to write the journal.
    public private(set) var revision = 0
    var undoStack: [Snapshot] = []
    var redoStack: [Snapshot] = []

    public init(session: Session, template: Template, path: String, readOnly: Bool = false, lang: Language = .zh, width: Int = 80, height: Int = 24) {
        var s = session
        s.storedComputed = nil
        self.template = template
        self.path = path
        self.session = s
        self.savedSession = s
        self.readOnly = readOnly
        self.lang = lang
        self.width = width
        self.height = height
        let c = Calculator.compute(s, template)
        self.computed = c
        self.report = Validator.report(s, template, c)
        self.sections = FormBuilder.build(s, template, c, lang: lang)
        indexPositions()
        moveToFirstSelectable()
    }

    public var currentRow: FormRow? {
        guard sections.indices.contains(tab), sections[tab].rows.indices.contains(row) else { return nil }
        return sections[tab].rows[row]
    }

    public var currentCell: FormCell? {
        guard let r = currentRow, r.cells.indices.contains(col) else { return nil }
        return r.cells[col]
    }

    /// Replaces the session and recomputes every figure, problem and row.
    mutating func setSession(_ s: Session, recordUndo: Bool = true) {
        if recordUndo { pushUndo(.session(session)) }
        session = s
        revision += 1
        refresh()
    }

    mutating func pushUndo(_ change: Snapshot.Change) {
        undoStack.append(Snapshot(change: change, tab: tab, row: row, col: col))
        if undoStack.count > 1000 { undoStack.removeFirst(undoStack.count - 1000) }
        redoStack.removeAll()
    }

    /// Writes one typed value through `SessionEditor`, as `jixiao set` does. A cell of an
    /// indicator row is changed in place and only that row is recomputed, checked and laid
    /// out again; anything else recomputes the sheet. On a bad value nothing changes. A nil
    /// value clears the cell; any text, "null" included, is stored as text.
    mutating func applyEdit(_ target: Target, _ value: String?) throws(EditError) {
        let a = value.map { Assignment(pointer: target.pointer, value: $0) } ?? .clearing(target.pointer)
        if case .indicator(let k, _) = target, session.indicators.indices.contains(k) {
            let old = session.indicators[k]
            try SessionEditor.apply(a, to: &session, template)
            guard session.indicators[k] != old else { return }
            pushUndo(.indicatorRow(k, old))
            revision += 1
            refresh(changedIndicator: k, was: old)
            return
        }
        let next = try SessionEditor.apply([a], to: session, template)
        if next != session { setSession(next) }
        let (t, r, c) = position(of: target) ?? (tab, row, col)
        tab = t; row = r; col = c
        clampCursor()
    }

    /// Undo (or redo): takes the last step off one stack, puts its inverse on the other. The
    /// inverse keeps the step's cell, not where the cursor happens to be: a redo (or an undo
    /// after it) shows the cell it changes, as the first undo did.
    mutating func travel(undo: Bool) -> Bool {
        guard let snap = undo ? undoStack.popLast() : redoStack.popLast() else { return false }
        let inverse: Snapshot.Change
        switch snap.change {
        case .session: inverse = .session(session)
        case .indicatorRow(let k, _):
            guard session.indicators.indices.contains(k) else { return false }
            inverse = .indicatorRow(k, session.indicators[k])
        }
        let back = Snapshot(change: inverse, tab: snap.tab, row: snap.row, col: snap.col)
        if undo { redoStack.append(back) } else { undoStack.append(back) }
        restore(snap)
        return true
    }

    /// Offers edits found in a recovery file: restore (r), discard (d) or view the difference
    /// (v). When the file changed after the journal was written (a `jixiao set` after a
    /// crash), restoring would silently undo that change: the difference is shown first.
    public mutating func offerRecovery(_ recovered: Session, savedAt: String, fileChangedSince: Bool = false) {
        var r = recovered
        r.storedComputed = nil
        guard r != session else { return }
        pendingRecovery = r
        recoveryPrompt = .recover(savedAt: savedAt, fileChanged: fileChangedSince)
        mode = fileChangedSince ? .pager(lines: recoveryDifference(), scroll: 0) : .confirm(recoveryPrompt)
    }

    /// The file against the recovery file, value by value, for the pager.
    func recoveryDifference() -> [String] {
        guard let r = pendingRecovery else { return [] }
        let changes = SessionDiff.changes(from: session, to: r, template)
        var lines = [String]()
        if case .recover(_, true) = recoveryPrompt {
            lines.append(lang.pick("注意：文件在恢复文件写入之后被修改过（例如 jixiao set）。恢复会用下面“恢复”一栏的值覆盖“文件”一栏。",
                                   "Note: the file was changed after the recovery file was written (by jixiao set, say). Restoring replaces the \"file\" values below with the \"recovery\" ones."))
        }
        lines.append(lang.pick("文件与恢复文件的差异（\(changes.count) 处）：q 返回，空格翻页", "Differences between the file and the recovery (\(changes.count)): q returns, space pages"))
        lines.append("")
        for c in changes {
            lines.append(c.pointer)
            lines.append(lang.pick("  文件：", "  file:     ") + (c.old.isEmpty ? "（空）" : c.old))
            lines.append(lang.pick("  恢复：", "  recovery: ") + (c.new.isEmpty ? "（空）" : c.new))
        }
        return lines
    }

    /// Recomputes figures, problems and rows after the session changed. When only indicator
    /// row `k` changed (from `old`), its subtotals are adjusted and only it is checked and laid
    /// out again: the cost of a committed cell stays that of the screen, not of the sheet.
    mutating func refresh(changedIndicator k: Int? = nil, was old: IndicatorRow? = nil) {
        if let k, let old, session.indicators.indices.contains(k),
           let summary = computed.indicators?.replacing(old, with: session.indicators[k]) {
            computed = Calculator.compute(session, template, indicators: summary)
        } else {
            computed = Calculator.compute(session, template)
        }
        if let k {
            Validator.update(&report, session, template, computed, changedRow: k)
            FormBuilder.update(&sections, session, template, computed, lang: lang, changed: k)
        } else {
            report = Validator.report(session, template, computed)
            sections = FormBuilder.build(session, template, computed, lang: lang)
        }
        isDirty = session != savedSession
        indexPositions()
        preview = nil
        clampCursor()
    }

    /// The problem counts per tab and the problem of each cell outside the indicator rows:
    /// built once per change from the sheet-level problems (a few), so that neither a change
    /// nor a frame goes through the problems of every row.
    mutating func indexPositions() {
        var counts = Array(repeating: (errors: 0, warnings: 0), count: sections.count)
        var flagged = [Target: Severity]()
        for p in report.leading + report.trailing {
            if let s = section(of: p), counts.indices.contains(s) {
                if p.severity == .error { counts[s].errors += 1 } else { counts[s].warnings += 1 }
            }
            if let t = Target.from(pointer: p.pointer) { flagged[t] = min(flagged[t] ?? .warning, p.severity) }
        }
        if let s = indicatorSection, counts.indices.contains(s) {
            counts[s].errors += report.rowErrors
            counts[s].warnings += report.rowWarnings
        }
        problemCounts = counts
        sheetProblemAt = flagged
    }

    /// Problems of typed values outside the indicator rows, by target.
    private var sheetProblemAt: [Target: Severity] = [:]

    /// The worst problem of a typed value, for marking its cell.
    public func problem(at target: Target) -> Severity? {
        var worst = sheetProblemAt[target]
        if case .indicator(let n, let key) = target, report.rows.indices.contains(n) {
            for p in report.rows[n] where p.pointer.tokens.count == 3 && p.pointer.tokens[2] == key {
                worst = min(worst ?? .warning, p.severity)
            }
        }
        return worst
    }

    /// The tab of the indicator grid, if the template has one.
    var indicatorSection: Int? {
        template.sections.firstIndex { $0.blocks.contains { if case .indicators = $0 { return true } else { return false } } }
    }

    mutating func restore(_ snap: Snapshot) {
        switch snap.change {
        case .session(let s):
            session = s
            revision += 1
            refresh()
        case .indicatorRow(let k, let r):
            guard session.indicators.indices.contains(k) else { return }
            let was = session.indicators[k]
            session.indicators[k] = r
            revision += 1
            refresh(changedIndicator: k, was: was)
        }
        tab = snap.tab
        row = snap.row
        col = snap.col
        clampCursor()
    }

    mutating func clampCursor() {
        tab = min(max(0, tab), max(0, sections.count - 1))
        guard sections.indices.contains(tab) else { return }
        let rows = sections[tab].rows
        row = min(max(0, row), max(0, rows.count - 1))
        if !(currentRow.map { $0.cells.contains(where: \.isSelectable) || $0.source != nil } ?? false) {
            if let r = nextRow(from: row, step: 1) ?? nextRow(from: row, step: -1) { row = r }
        }
        if let r = currentRow {
            col = min(max(0, col), max(0, r.cells.count - 1))
            if !(r.cells.indices.contains(col) && r.cells[col].isSelectable) {
                col = r.cells.firstIndex(where: \.isSelectable) ?? 0
            }
        }
    }

    /// A row the cursor can stand on: one with a cell to select, or an "add a row" line.
    func isStop(_ r: FormRow) -> Bool {
        r.kind == .data && (r.cells.contains(where: \.isSelectable) || r.source != nil)
    }

    func nextRow(from: Int, step: Int) -> Int? {
        guard sections.indices.contains(tab) else { return nil }
        let rows = sections[tab].rows
        var k = from + step
        while k >= 0 && k < rows.count {
            if isStop(rows[k]) { return k }
            k += step
        }
        return nil
    }

    mutating func moveToFirstSelectable() {
        row = 0
        col = 0
        if let r = currentRow, isStop(r) {
            col = r.cells.firstIndex(where: \.isSelectable) ?? 0
            return
        }
        if let r = nextRow(from: -1, step: 1) { row = r }
        clampCursor()
    }

    /// Where a target is on screen: (section, row, cell).
    public func position(of target: Target) -> (Int, Int, Int)? {
        // An indicator cell is found directly: its row is at a known offset.
        if case .indicator(let n, _) = target, let s = indicatorSection, sections.indices.contains(s),
           let range = sections[s].indicatorRows, range.count > n, n >= 0 {
            let r = range.lowerBound + n
            if let c = sections[s].rows[r].cells.firstIndex(where: { $0.target == target }) { return (s, r, c) }
        }
        // Otherwise a scan, only on jumps (problems, find, undo); nothing per frame depends on it.
        for (t, sec) in sections.enumerated() {
            for (r, fr) in sec.rows.enumerated() {
                if let c = fr.cells.firstIndex(where: { $0.target == target }) { return (t, r, c) }
            }
        }
        return nil
    }

    /// The section a problem belongs to, for the counts on the tabs.
    public func section(of p: Problem) -> Int? {
        let tokens = p.pointer.tokens
        let ix = template.index
        func sectionContaining(_ match: (Block) -> Bool) -> Int? {
            template.sections.firstIndex { $0.blocks.contains(where: match) }
        }
        switch tokens.first {
        case "unit", "year":
            return sectionContaining { if case .unit = $0 { return true } else { return false } }
        case "indicators":
            return sectionContaining { if case .indicators = $0 { return true } else { return false } }
        case "fields" where tokens.count >= 2:
            let id = tokens[1]
            return sectionContaining { b in
                switch b {
                case .fields(let g): return g.fields.contains { $0.id == id }
                case .grid(let g): return g.rows.contains { $0.id == id }
                default: return false
                }
            }
        case "tables" where tokens.count >= 2:
            let id = tokens[1]
            let gridID = ix.tables[id]?.gridID
            return sectionContaining { b in
                switch b {
                case .table(let tab): return tab.id == id
                case .grid(let g): return g.id == gridID
                default: return false
                }
            }
        case "computed", "stated":
            return sectionContaining { if case .result = $0 { return true } else { return false } }
        default:
            return nil
        }
    }

    /// Errors and warnings per section (tab), as of the last change.
    public private(set) var problemCounts: [(errors: Int, warnings: Int)] = []

    /// Rows of the body area (between the tab line and the result bar).
    public var bodyHeight: Int { max(1, height - 4) }
}

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

    /// The sheet: session, figures, problems, rows, saved state and undo history.
    public private(set) var document: SheetDocument
    /// Where the user is on it.
    public var cursor = Cursor()
    public var readOnly: Bool

    public var width: Int
    public var height: Int
    public var mode: Mode = .normal
    public var message: Message?
    /// Figures computed from a number still being typed, for the result bar.
    public var preview: Computed?
    public var lastSearch = ""
    /// The problem n / p last showed (its place in the ordered list) and where the cursor was
    /// put: see `jumpToProblem`.
    var lastProblemJump: (index: Int, at: SheetDocument.Place)?
    public var wantsQuit = false
    /// Edits recovered from a crash, waiting for the user to restore or discard them.
    public var pendingRecovery: Session?
    /// The runtime found the file changed on disk at the last Ctrl-S: the next one overwrites.
    public var overwriteConfirmed = false
    /// The question asked about `pendingRecovery`, asked again after its difference is shown.
    public var recoveryPrompt: Confirmation = .recover(savedAt: "", fileChanged: false)

    public init(session: Session, template: Template, path: String, readOnly: Bool = false, lang: Language = .zh, width: Int = 80, height: Int = 24) {
        document = SheetDocument(session: session, template: template, path: path, lang: lang)
        self.readOnly = readOnly
        self.width = width
        self.height = height
        moveToFirstSelectable()
    }

    // The document's parts, as the view and the commands read them.
    public var template: Template { document.template }
    public var path: String {
        get { document.path }
        set { document.path = newValue }
    }
    public var lang: Language { document.lang }
    public var session: Session { document.session }
    public var computed: Computed { document.computed }
    public var report: ProblemReport { document.report }
    public var problems: [Problem] { document.problems }
    public var sections: [FormSection] { document.sections }
    public var savedSession: Session {
        get { document.savedSession }
        set { document.savedSession = newValue }
    }
    public var isDirty: Bool { document.isDirty }
    public var revision: Int { document.revision }
    public var problemCounts: [(errors: Int, warnings: Int)] { document.problemCounts }
    public func problem(at target: Target) -> Severity? { document.problem(at: target) }
    public func position(of target: Target) -> (Int, Int, Int)? { document.position(of: target) }
    public func section(of p: Problem) -> Int? { document.section(of: p) }
    var indicatorSection: Int? { document.indicatorSection }

    // The cursor's parts.
    public var tab: Int {
        get { cursor.tab }
        set { cursor.tab = newValue }
    }
    public var row: Int {
        get { cursor.row }
        set { cursor.row = newValue }
    }
    public var col: Int {
        get { cursor.col }
        set { cursor.col = newValue }
    }
    public var scroll: Int {
        get { cursor.scroll }
        set { cursor.scroll = newValue }
    }

    public var currentRow: FormRow? { cursor.currentRow(in: sections) }

    public var currentCell: FormCell? {
        guard let r = currentRow, r.cells.indices.contains(col) else { return nil }
        return r.cells[col]
    }

    /// Replaces the session and recomputes every figure, problem and row.
    mutating func setSession(_ s: Session, recordUndo: Bool = true) {
        document.replace(with: s, recordUndo: recordUndo, at: cursor.place)
        afterChange()
    }

    /// Writes one typed value (see `SheetDocument.apply`); after a change to anything but an
    /// indicator row the cursor finds its cell again, wherever the rows put it.
    mutating func applyEdit(_ target: Target, _ value: String?) throws(EditError) {
        switch try document.apply(target, value, at: cursor.place) {
        case .none:
            return
        case .indicatorRow:
            afterChange()
        case .sheet:
            afterChange()
            let (t, r, c) = position(of: target) ?? (tab, row, col)
            tab = t; row = r; col = c
            clampCursor()
        }
    }

    /// Undo (or redo), the cursor put back where the step was made.
    mutating func travel(undo: Bool) -> Bool {
        guard let place = document.travel(undo: undo) else { return false }
        afterChange()
        tab = place.tab
        row = place.row
        col = place.col
        clampCursor()
        return true
    }

    /// The session as it is now counts as saved.
    mutating func markSaved() { document.markSaved() }

    /// What every change of the session leaves behind: no preview of the old figures, and the
    /// cursor on a cell that still exists.
    private mutating func afterChange() {
        preview = nil
        clampCursor()
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

    mutating func clampCursor() { cursor.clamp(in: sections) }

    func nextRow(from: Int, step: Int) -> Int? { cursor.nextRow(in: sections, from: from, step: step) }

    func isStop(_ r: FormRow) -> Bool { Cursor.isStop(r) }

    mutating func moveToFirstSelectable() { cursor.moveToFirstSelectable(in: sections) }

    /// Rows of the body area (between the tab line and the result bar).
    public var bodyHeight: Int { max(1, height - 4) }
}

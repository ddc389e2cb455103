import JixiaoCore

/// The sheet being edited, apart from any screen: the session, its figures, its problems and
/// its rows laid out, what was last saved, and the undo history. Every change to the session
/// goes through here, so that the figures, problems and rows never disagree with it.
///
/// The cursor is not part of it (see `Cursor`): an undo step records where the cursor was
/// (a `Place`) so that undoing shows the cell it changes, and the editor puts the cursor back
/// there.
public struct SheetDocument: Sendable {
    /// A cell of the laid-out sheet: section (tab), row, cell; ordered as they are read.
    public struct Place: Sendable, Comparable {
        public var tab: Int
        public var row: Int
        public var col: Int

        public init(tab: Int, row: Int, col: Int) {
            self.tab = tab
            self.row = row
            self.col = col
        }

        public static func < (a: Place, b: Place) -> Bool {
            (a.tab, a.row, a.col) < (b.tab, b.row, b.col)
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
        var place: Place
    }

    public let template: Template
    public var path: String
    /// The language the rows are laid out in.
    public let lang: Language
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
    /// Counts changes to the session, so the runtime knows when to write the journal.
    public private(set) var revision = 0
    /// Errors and warnings per section (tab), as of the last change.
    public private(set) var problemCounts: [(errors: Int, warnings: Int)] = []
    /// Problems of typed values outside the indicator rows, by target.
    private var sheetProblemAt: [Target: Severity] = [:]
    var undoStack: [Snapshot] = []
    var redoStack: [Snapshot] = []

    public init(session: Session, template: Template, path: String, lang: Language) {
        var s = session
        s.storedComputed = nil
        self.template = template
        self.path = path
        self.lang = lang
        self.session = s
        self.savedSession = s
        let c = Calculator.compute(s, template)
        self.computed = c
        self.report = Validator.report(s, template, c)
        self.sections = FormBuilder.build(s, template, c, lang: lang)
        indexPositions()
    }

    // MARK: changes

    /// Replaces the session and recomputes every figure, problem and row; `place` is where
    /// the change was made, for its undo step.
    mutating func replace(with s: Session, recordUndo: Bool = true, at place: Place) {
        if recordUndo { pushUndo(.session(session), at: place) }
        session = s
        revision += 1
        refresh()
    }

    mutating func pushUndo(_ change: Snapshot.Change, at place: Place) {
        undoStack.append(Snapshot(change: change, place: place))
        if undoStack.count > 1000 { undoStack.removeFirst(undoStack.count - 1000) }
        redoStack.removeAll()
    }

    /// How a typed value changed the sheet.
    enum EditEffect {
        case none
        /// One indicator row changed in place: the cursor stays where it is.
        case indicatorRow
        /// The session was replaced: the rows may have moved, the cursor finds its target again.
        case sheet
    }

    /// Writes one typed value through `SessionEditor`, as `jixiao set` does. A cell of an
    /// indicator row is changed in place and only that row is recomputed, checked and laid
    /// out again; anything else recomputes the sheet. On a bad value nothing changes. A nil
    /// value clears the cell; any text, "null" included, is stored as text.
    mutating func apply(_ target: Target, _ value: String?, at place: Place) throws(EditError) -> EditEffect {
        let a = value.map { Assignment(pointer: target.pointer, value: $0) } ?? .clearing(target.pointer)
        if case .indicator(let k, _) = target, session.indicators.indices.contains(k) {
            let old = session.indicators[k]
            try SessionEditor.apply(a, to: &session, template)
            guard session.indicators[k] != old else { return .none }
            pushUndo(.indicatorRow(k, old), at: place)
            revision += 1
            refresh(changedIndicator: k, was: old)
            return .indicatorRow
        }
        let next = try SessionEditor.apply([a], to: session, template)
        guard next != session else { return .sheet }
        replace(with: next, at: place)
        return .sheet
    }

    /// Undo (or redo): takes the last step off one stack, puts its inverse on the other, and
    /// returns where the step was made, or nil with nothing to undo. The inverse keeps the
    /// step's place, not where the cursor happens to be: a redo (or an undo after it) shows
    /// the cell it changes, as the first undo did.
    mutating func travel(undo: Bool) -> Place? {
        guard let snap = undo ? undoStack.popLast() : redoStack.popLast() else { return nil }
        let inverse: Snapshot.Change
        switch snap.change {
        case .session: inverse = .session(session)
        case .indicatorRow(let k, _):
            guard session.indicators.indices.contains(k) else { return nil }
            inverse = .indicatorRow(k, session.indicators[k])
        }
        let back = Snapshot(change: inverse, place: snap.place)
        if undo { redoStack.append(back) } else { undoStack.append(back) }
        switch snap.change {
        case .session(let s):
            session = s
            revision += 1
            refresh()
        case .indicatorRow(let k, let r):
            let was = session.indicators[k]
            session.indicators[k] = r
            revision += 1
            refresh(changedIndicator: k, was: was)
        }
        return snap.place
    }

    /// The session as it is now counts as saved.
    mutating func markSaved() {
        savedSession = session
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

    // MARK: questions

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

    /// Where a target is laid out: (section, row, cell).
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
}

import JixiaoCore

/// The guided walk and moving on after a commit.
///
/// Enter on the sheet goes to what must be filled: the next cell with an error (a required
/// field still blank, a 得分 missing, a figure that does not add up), in reading order from
/// the cursor and round again, and only when there is none the next cell with a warning (a
/// 偏差原因 that 得分 < 分值 calls for). It never stops on a computed figure or on a blank
/// that nothing asks for, and it never opens an editor: in the long-text editor Enter makes a
/// new line, so an Enter that landed there would type into the text instead of walking on.
extension EditorState {
    /// Enter on the sheet: on an "add a row" line, adds one; otherwise the walk.
    mutating func enterKey() -> [EditorCommand] {
        if case .listEnd? = currentRow?.source, !readOnly {
            addRow()
            return []
        }
        goToNextEmpty()
        return []
    }

    /// The walk: to the next cell that must be filled or holds an error, else to the next
    /// with a warning; says where it is and why.
    mutating func goToNextEmpty() {
        let here = (tab, row, col)
        let at = problemPlaces()
        // For errors and then warnings: the first place after the cursor, else the first of all.
        var next: [(place: (Int, Int, Int), problem: Problem)?] = [nil, nil]
        var first: [(place: (Int, Int, Int), problem: Problem)?] = [nil, nil]
        func consider(_ p: Problem) {
            guard let place = at(p) else { return }
            let k = p.severity == .error ? 0 : 1
            if place > here, next[k].map({ place < $0.place }) ?? true { next[k] = (place, p) }
            if first[k].map({ place < $0.place }) ?? true { first[k] = (place, p) }
        }
        for p in report.leading { consider(p) }
        for rowProblems in report.rows { for p in rowProblems { consider(p) } }
        for p in report.trailing { consider(p) }
        guard let goal = next[0] ?? first[0] ?? next[1] ?? first[1] else {
            let rest = problems.count
            message = rest == 0
                ? say("没有需要填写或改正的单元格。按 Ctrl-S 保存。", "Nothing left to fill in or correct. Ctrl-S saves.")
                : say("没有需要填写的单元格；还有 \(rest) 个整表的问题（F8 查看）", "No cell left to fill in; \(rest) problems about the sheet as a whole remain (F8 lists them)")
            return
        }
        if goal.place.0 != tab { scroll = 0 }
        (tab, row, col) = goal.place
        let section = sections.indices.contains(tab) ? sections[tab].title : ""
        let text = goal.problem.message(lang)
        message = Message(text: lang.pick("第 \(tab + 1)/\(sections.count) 部分 · \(section)：\(text)",
                                          "Part \(tab + 1)/\(sections.count) · \(section): \(text)"),
                          isError: false)
    }

    /// Where the walk goes for a problem: its cell, or for "no indicators yet" the line that
    /// adds one; nil for a computed figure and for problems about the sheet as a whole.
    /// Positions are looked up through one index when there are many (a 50,000-row table).
    func problemPlaces() -> (Problem) -> (Int, Int, Int)? {
        let sheetLevel = report.leading.count + report.trailing.count
        var index = [Target: (Int, Int, Int)]()
        if sheetLevel > 32 {
            for (t, sec) in sections.enumerated() {
                for (r, fr) in sec.rows.enumerated() {
                    for (c, cell) in fr.cells.enumerated() { if let target = cell.target { index[target] = (t, r, c) } }
                }
            }
        }
        let addIndicator = indicatorSection.flatMap { s in
            sections[s].rows.firstIndex { $0.source == .listEnd(table: nil) }.map { (s, $0, 0) }
        }
        return { p in
            if let target = Target.from(pointer: p.pointer) {
                let place: (Int, Int, Int)?
                if case .indicator = target { place = position(of: target) } else { place = index.isEmpty ? position(of: target) : index[target] }
                guard let place, sections[place.0].rows[place.1].cells[place.2].look != .computed else { return nil }
                return place
            }
            if p.pointer.tokens == ["indicators"], p.code == "required" { return addIndicator }
            return nil
        }
    }

    /// After a value is committed with Enter or Tab: on along the row and then to the next
    /// row, as in a spreadsheet (Shift-Tab back), saying where the walk is when the cell
    /// reached is still blank.
    mutating func moveOn(forward: Bool) {
        nextEditable(forward: forward)
        if let cell = currentCell, cell.target != nil, cell.text.isEmpty { stepMessage(cell) }
    }

    /// "第 3/6 部分 · 资金情况：全年预算数(A)": where the guided walk has got to.
    mutating func stepMessage(_ cell: FormCell) {
        let label = cell.field.map { resolveLabel(lang.pick($0.label, $0.labelEn), year: session.year) } ?? ""
        message = say("第 \(tab + 1)/\(sections.count) 部分 · \(sections[tab].title)：\(label)",
                      "Part \(tab + 1)/\(sections.count) · \(sections[tab].title): \(label)")
    }
}

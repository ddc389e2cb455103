import JixiaoCore

/// Where the user is on the laid-out sheet: the section (tab), the row, the cell, and how far
/// the section is scrolled. Its moves read the rows the document lays out and change nothing
/// else: moving never touches the sheet.
public struct Cursor: Sendable, Equatable {
    public var tab = 0
    public var row = 0
    public var col = 0
    public var scroll = 0

    public init() {}

    public var place: SheetDocument.Place {
        get { SheetDocument.Place(tab: tab, row: row, col: col) }
        set {
            if newValue.tab != tab { scroll = 0 }
            tab = newValue.tab
            row = newValue.row
            col = newValue.col
        }
    }

    func currentRow(in sections: [FormSection]) -> FormRow? {
        guard sections.indices.contains(tab), sections[tab].rows.indices.contains(row) else { return nil }
        return sections[tab].rows[row]
    }

    /// A row the cursor can stand on: one with a cell to select, or an "add a row" line.
    static func isStop(_ r: FormRow) -> Bool {
        r.kind == .data && (r.cells.contains(where: \.isSelectable) || r.source != nil)
    }

    /// The next row of this section to stand on, from row `from` in steps of `step`.
    func nextRow(in sections: [FormSection], from: Int, step: Int) -> Int? {
        guard sections.indices.contains(tab) else { return nil }
        let rows = sections[tab].rows
        var k = from + step
        while k >= 0 && k < rows.count {
            if Self.isStop(rows[k]) { return k }
            k += step
        }
        return nil
    }

    /// Back onto a cell that exists and can be selected, after the rows changed.
    mutating func clamp(in sections: [FormSection]) {
        tab = min(max(0, tab), max(0, sections.count - 1))
        guard sections.indices.contains(tab) else { return }
        let rows = sections[tab].rows
        row = min(max(0, row), max(0, rows.count - 1))
        if !(currentRow(in: sections).map { $0.cells.contains(where: \.isSelectable) || $0.source != nil } ?? false) {
            if let r = nextRow(in: sections, from: row, step: 1) ?? nextRow(in: sections, from: row, step: -1) { row = r }
        }
        if let r = currentRow(in: sections) {
            col = min(max(0, col), max(0, r.cells.count - 1))
            if !(r.cells.indices.contains(col) && r.cells[col].isSelectable) {
                col = r.cells.firstIndex(where: \.isSelectable) ?? 0
            }
        }
    }

    /// The first cell to stand on in this section.
    mutating func moveToFirstSelectable(in sections: [FormSection]) {
        row = 0
        col = 0
        if let r = currentRow(in: sections), Self.isStop(r) {
            col = r.cells.firstIndex(where: \.isSelectable) ?? 0
            return
        }
        if let r = nextRow(in: sections, from: -1, step: 1) { row = r }
        clamp(in: sections)
    }

    /// Section `t`, counted round (after the last comes the first), at its first cell.
    mutating func switchTab(_ t: Int, in sections: [FormSection]) {
        guard !sections.isEmpty else { return }
        tab = (t % sections.count + sections.count) % sections.count
        scroll = 0
        moveToFirstSelectable(in: sections)
    }

    /// Up or down a row, on into the next section at its ends when `crossSections`.
    mutating func moveVertical(_ step: Int, crossSections: Bool = true, in sections: [FormSection]) {
        guard let cur = currentRow(in: sections) else { return }
        let curX = columnX(cur, col, in: sections)
        if let r = nextRow(in: sections, from: row, step: step) {
            row = r
        } else if crossSections {
            let t = tab + step
            guard sections.indices.contains(t) else { return }
            tab = t
            scroll = 0
            row = step > 0 ? -1 : sections[t].rows.count
            guard let r = nextRow(in: sections, from: row, step: step) else { moveToFirstSelectable(in: sections); return }
            row = r
        } else {
            return
        }
        // Keep to the same column on screen, as a spreadsheet does.
        if let r = currentRow(in: sections) {
            let candidates = r.cells.indices.filter { r.cells[$0].isSelectable }
            col = candidates.min(by: { abs(columnX(r, $0, in: sections) - curX) < abs(columnX(r, $1, in: sections) - curX) }) ?? 0
        }
    }

    /// A cell's position in its block, in preferred widths: good enough to line columns up.
    func columnX(_ r: FormRow, _ c: Int, in sections: [FormSection]) -> Int {
        guard sections.indices.contains(tab), sections[tab].blocks.indices.contains(r.block) else { return c }
        let cols = sections[tab].blocks[r.block].columns
        return cols.prefix(c).reduce(0) { $0 + $1.width + 1 }
    }

    /// Left or right to the next cell that can be selected, within the row.
    mutating func moveHorizontal(_ step: Int, in sections: [FormSection]) {
        guard let r = currentRow(in: sections) else { return }
        var k = col + step
        while k >= 0 && k < r.cells.count {
            if r.cells[k].isSelectable { col = k; return }
            k += step
        }
    }

    /// Tab / Shift-Tab: the next typed cell in reading order, on into the next section.
    mutating func nextEditable(forward: Bool, in sections: [FormSection]) {
        let step = forward ? 1 : -1
        var t = tab, r = row, c = col + step
        for _ in 0..<100_000 {
            guard sections.indices.contains(t) else { return }
            let rows = sections[t].rows
            if rows.indices.contains(r) {
                let cells = rows[r].cells
                while c >= 0 && c < cells.count {
                    if cells[c].target != nil {
                        place = SheetDocument.Place(tab: t, row: r, col: c)
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

    /// The next row, after this one and across sections, wrapping round, with a cell whose
    /// text holds `needle`: the cursor goes there and true is returned.
    mutating func find(_ needle: String, in sections: [FormSection]) -> Bool {
        guard !needle.isEmpty else { return false }
        let total = sections.reduce(0) { $0 + $1.rows.count }
        var t = tab, r = row
        for _ in 0..<max(1, total + 1) {
            r += 1
            while sections.indices.contains(t) && r >= sections[t].rows.count {
                t = (t + 1) % sections.count
                r = 0
            }
            guard sections.indices.contains(t) else { break }
            let fr = sections[t].rows[r]
            if let k = fr.cells.firstIndex(where: { $0.text.contains(needle) }) {
                place = SheetDocument.Place(tab: t, row: r, col: fr.cells[k].isSelectable ? k : (fr.cells.firstIndex(where: \.isSelectable) ?? 0))
                if !Self.isStop(fr), let next = nextRow(in: sections, from: r, step: 1) { row = next }
                return true
            }
        }
        return false
    }
}

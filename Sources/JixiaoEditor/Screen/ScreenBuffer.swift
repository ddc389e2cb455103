import JixiaoCore

/// The screen as an in-memory grid of cells (like ratatui's Buffer): the view draws into it,
/// tests read it back as text, and the terminal layer shows only the cells that changed.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's real cursor goes after drawing (the caret), so that an input
    /// method's candidate window opens where the user types. nil hides the cursor.
    public var cursor: (x: Int, y: Int)?
    /// The cursor is placed but not shown, where the terminal can hide it: on the selected
    /// cell when nothing is being typed, so that an input method's candidate window opens on
    /// the cell the text will go to, not at a stray spot.
    public var cursorHidden = false

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
        self.cursor = nil
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
            && a.cursorHidden == b.cursorHidden
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` at (x, y), clipped to `limit` columns (and the screen); a double-width
    /// character that does not fit whole is left out and its place padded. Returns the
    /// number of columns used. What a terminal would obey is drawn as its escape (`escaped`).
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (limit ?? width))
        var col = x
        for ch in text where !place(ch, at: &col, from: x, y: y, end: end, style: style) { break }
        return col - x
    }

    /// Draws one character of a `put` at column `col` (moved past it); false when it does not
    /// fit before `end` and the text stops there.
    private mutating func place(_ ch: Character, at col: inout Int, from x: Int, y: Int, end: Int, style: Style) -> Bool {
        var (shown, w) = ScreenBuffer.shape(ch)
        if w == 0, let escape = ScreenBuffer.escaped(ch) {
            // Every scalar a terminal would obey has no width of its own, so only those are asked.
            for e in escape where !place(e, at: &col, from: x, y: y, end: end, style: style) { return false }
            return true
        }
        if ch == "\t" || (w == 0 && ch.unicodeScalars.allSatisfy { $0.value < 0x20 || $0.value == 0x7F }) {
            shown = " "  // a tab or a line break never reaches the terminal
            w = 1
        }
        if w == 0 {
            // A combining mark joins the character before it.
            if col > x, col - 1 < width, col - 1 >= 0 {
                var k = col - 1
                if self[k, y].isContinuation && k > 0 { k -= 1 }
                self[k, y].text += shown
            }
            return true
        }
        if col + w > end {
            if col < end && w == 2 { self[col, y] = Cell(" ", style: style); col += 1 }
            return false
        }
        if col >= 0 {
            clearWide(at: col, y: y)
            self[col, y] = Cell(shown, style: style)
            if w == 2 {
                clearWide(at: col + 1, y: y)
                self[col + 1, y] = Cell.continuation.with(style)
            }
        }
        col += w
        return true
    }

    /// How a character from data that a terminal would obey is drawn: as its `\u001B`
    /// escape, seen and never obeyed (nil for any other character). A sheet received from
    /// someone else can hold ESC (which starts the sequences that retitle a window or write
    /// the clipboard), C1 controls, or a bidi control such as U+202E, which would make the rest
    /// of the row read backwards. Tabs and line breaks stay blanks: a long text shown on
    /// one line of a cell has its lines separated by them.
    ///
    /// Each of these scalars is a Character of its own (Unicode breaks graphemes before and
    /// after a control, and the bidi controls are format controls that count as such), CR LF
    /// aside: the first scalar tells. All of them have no width (`DisplayWidth`), so callers
    /// ask only about characters of width 0, and the common case costs nothing.
    public static func escaped(_ ch: Character) -> String? {
        guard let first = ch.unicodeScalars.first, TerminalText.isUnsafe(first.value) else { return nil }
        if ch == "\t" || ch == "\n" || ch == "\r" || ch == "\r\n" { return nil }
        return TerminalText.visible(String(ch))
    }

    /// What a character is drawn as, and how many columns it takes. A cluster of several
    /// spacing code points (👍🏽, a ZWJ family, a flag) is drawn as its first one: terminals
    /// disagree on such clusters' width (1 to 8 columns), and a cell that drifts shifts the
    /// whole row. Combining marks stay with their base.
    public static func shape(_ ch: Character) -> (String, Int) {
        let scalars = ch.unicodeScalars
        if scalars.count == 1, let u = scalars.first { return (String(ch), DisplayWidth.of(u)) }
        var kept = String.UnicodeScalarView()
        var width = 0
        for u in scalars {
            let w = DisplayWidth.of(u)
            if w > 0 {
                if width > 0 { continue }  // a second spacing code point: left out
                width = w
            } else if width == 0 && !kept.isEmpty {
                continue
            }
            kept.append(u)
        }
        return (String(kept), width)
    }

    /// Columns a character takes on screen (see `shape`; an escape, see `escaped`, takes its own).
    public static func width(_ ch: Character) -> Int {
        let w = shape(ch).1
        return w == 0 ? escaped(ch).map { width(of: $0) } ?? 0 : w
    }

    /// Columns a text takes on screen.
    public static func width(of s: String) -> Int { s.reduce(0) { $0 + width($1) } }

    /// Pads to `width` screen columns.
    public static func pad(_ s: String, to width: Int, align: DisplayWidth.Alignment) -> String {
        let gap = max(0, width - self.width(of: s))
        switch align {
        case .left: return s + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + s
        case .center: return String(repeating: " ", count: gap / 2) + s + String(repeating: " ", count: gap - gap / 2)
        }
    }

    /// Fills columns [x, x+count) of row y with blanks in a style.
    public mutating func fill(x: Int, y: Int, count: Int, style: Style = .plain) {
        guard y >= 0, y < height else { return }
        for c in max(0, x)..<min(width, x + count) {
            clearWide(at: c, y: y)
            self[c, y] = Cell(" ", style: style)
        }
    }

    /// Overwriting half of a wide character blanks its other half, so no half-character is
    /// ever left on screen.
    private mutating func clearWide(at x: Int, y: Int) {
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", style: self[x - 1, y].style)
        } else if x + 1 < width, self[x + 1, y].isContinuation, DisplayWidth.of(cell.text) == 2 {
            self[x + 1, y] = Cell(" ", style: self[x + 1, y].style)
        }
    }

    /// The screen as text, one line per row, trailing blanks removed: what tests compare.
    public var text: String {
        (0..<height).map { line($0) }.joined(separator: "\n")
    }

    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width { s += self[x, y].text }
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

extension Cell {
    func with(_ style: Style) -> Cell {
        var c = self
        c.style = style
        return c
    }
}

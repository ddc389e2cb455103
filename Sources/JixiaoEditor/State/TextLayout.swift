import JixiaoCore

/// The long-text editor's wrapped layout, worked out a visual line at a time.
///
/// Each paragraph (the text between line breaks) wraps at `width` columns by the rules print
/// wraps by (`LineBreak`, held to `TextWrap` by a test): a visual line ends at the last place
/// a line may break before the first character that would pass the width, so that Chinese
/// wraps between characters, a number or a word is kept whole, and no line starts with
/// "，" or "。". A word wider than the whole line is cut where it passes the width. Blanks at
/// a break stay at the end of the line they follow, where one may hang past the width (print
/// drops them there). Where a visual line starts depends on the paragraph before it, so the
/// layout is never worked out from the start of the text. It goes on from a visual line start
/// that is known: the top of the window, the start of a paragraph (found from its line break,
/// by bytes), or a landmark, a line start kept every 16 lines of a longer walk. A key in a
/// 40,000-line text reads the window and the caret's paragraph; in a paragraph of 1.4 MB with
/// no line break, the first walk to its end reads it once, and the keys after that read a few
/// windows' worth.
extension TextBuffer {
    public struct VisualLine: Equatable, Sendable {
        /// The characters shown, as UTF-8 offsets; a line break that ends the line is not one.
        public var range: Range<Int>
        /// Where the next visual line starts; nil after the last line of the text.
        public var next: Int?
    }

    /// Visual line starts at one width, in order. An edit drops those from where it is on.
    struct Landmarks: Sendable {
        var width: Int
        var starts: [Int]
    }

    /// Where a window's top is from a line start that an edit below the top cannot move.
    struct WindowAnchor: Sendable {
        var top: Int
        var width: Int
        var start: Int
        var lines: Int
    }

    /// How far back an edit can move a line start: a line ends at the last place it may break
    /// before the first character past the width, so what decides where the next line starts
    /// lies within the line's width (and a hanging blank) after that start. A line start more
    /// than this many columns before an edit stays where it is.
    static func reach(_ width: Int) -> Int { width + 2 }

    /// How many lines of a walk go by between two landmarks: a walk back up a paragraph
    /// starts at most this many lines above where it is going.
    static let landmarkSpacing = 16

    /// The visual line that starts at `start`, a visual line start.
    public func line(at start: Int, width: Int) -> VisualLine {
        let width = max(2, width)
        let start = min(max(0, start), text.utf8.count)
        var offset = start, column = 0, read = 0
        // The last place after `start` where the line may break.
        var lastBreak: Int?
        var breaks = LineBreak()
        defer { TextWork.add(read) }
        for c in text[characterIndex(start)...] {
            read += 1
            let bytes = c.utf8
            if bytes.count == 1 && bytes.first == 0x0A { return VisualLine(range: start..<offset, next: offset + 1) }
            // The common cases directly (printable ASCII, or one code point with a width, such
            // as a Chinese character): what ScreenBuffer.width gives, without building the
            // shape. Anything of no width (a mark, a control) is ScreenBuffer's to measure.
            let w: Int, kind: LineBreak.Kind
            if bytes.count == 1, let b = bytes.first, b >= 0x20, b < 0x7F {
                w = 1
                kind = Self.asciiKinds[Int(b)]
            } else if let u = c.unicodeScalars.first, c.unicodeScalars.count == 1, case let d = DisplayWidth.of(u), d > 0 {
                w = d
                kind = LineBreak.kind(u, width: d, alone: true)
            } else {
                w = ScreenBuffer.width(c)
                kind = LineBreak.kind(c)
            }
            if breaks.next(kind), offset > start { lastBreak = offset }
            if column + w > width {
                if kind == .space && column <= width {
                    // A blank at the break hangs past the width, on the line it follows.
                    column += w
                    offset += bytes.count
                    continue
                }
                let end = lastBreak ?? offset
                return VisualLine(range: start..<end, next: end)
            }
            column += w
            offset += bytes.count
        }
        return VisualLine(range: start..<offset, next: nil)
    }

    /// The line-breaking kind of each printable ASCII character, looked up once.
    static let asciiKinds: [LineBreak.Kind] = (0..<128).map { LineBreak.kind(Character(Unicode.Scalar(UInt8($0)))) }

    /// Up to `rows` visual lines from `top`, a visual line start: what a window shows.
    public func lines(from top: Int, rows: Int, width: Int) -> [VisualLine] {
        var out = [VisualLine]()
        var from: Int? = top
        while out.count < rows, let start = from {
            let l = line(at: start, width: width)
            out.append(l)
            from = l.next
        }
        return out
    }

    /// Whether the caret shows on a line: a caret at the end of a full line shows at the start
    /// of the next, where the next character will go.
    public func holdsCaret(_ l: VisualLine) -> Bool {
        caret >= l.range.lowerBound && caret <= l.range.upperBound && l.next != caret
    }

    /// The caret's column on a line that holds it.
    public func caretColumn(on l: VisualLine) -> Int {
        columns(l.range.lowerBound..<max(l.range.lowerBound, caret))
    }

    /// The characters a line shows.
    public func characters(of l: VisualLine) -> Substring {
        text[index(l.range.lowerBound)..<index(l.range.upperBound)]
    }

    /// Whether an offset is between two Characters (a window's top can stop being so when a
    /// combining mark typed there joins the character before it).
    func isBoundary(_ offset: Int) -> Bool {
        offset >= 0 && offset <= text.utf8.count && String.Index(index(offset), within: text) != nil
    }

    // MARK: landmarks

    mutating func remember(_ start: Int, width: Int) {
        if landmarks?.width != width { landmarks = Landmarks(width: width, starts: []) }
        let k = landmarkIndex(after: start - 1)  // the first at or past `start`
        if landmarks?.starts.indices.contains(k) == true, landmarks?.starts[k] == start { return }
        landmarks?.starts.insert(start, at: k)
    }

    /// The first landmark past `offset` (the count if none).
    func landmarkIndex(after offset: Int) -> Int {
        guard let starts = landmarks?.starts else { return 0 }
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// An edit at `offset` may move every line start from there to the end of its paragraph,
    /// and shifts the offsets after it: those landmarks go. It may also move line starts just
    /// before it (a word pushed down from the line above may now fit there, a word cut because
    /// it was wider than the line may now break sooner): those within `reach` columns go too.
    mutating func edited(at offset: Int) {
        if let anchor = windowAnchor, offset < anchor.start { windowAnchor = nil }
        // Before the text changes, where the window's top is, when the edit is near enough to
        // move it: found once per place of the window, not on every page of a scroll (and
        // before the landmarks go, as finding it may keep some that the edit moves).
        if let w = placedWindow, windowAnchor.map({ $0.top != w.top || $0.width != w.width }) ?? true,
           columnsBack(from: offset, over: Self.reach(w.width) + 8) <= w.top {
            noteAnchor(w.top, width: w.width)
        }
        if let width = landmarks?.width, let n = landmarks?.starts.count {
            let k = landmarkIndex(after: columnsBack(from: offset, over: Self.reach(width)) - 1)
            if k < n { landmarks?.starts.removeSubrange(k...) }
        }
        editedFrom = min(editedFrom ?? offset, offset)
    }

    /// The offset `columns` columns before `p` (a little more, to a Character's start), or the
    /// start of its paragraph if that is nearer.
    func columnsBack(from p: Int, over columns: Int) -> Int {
        // From the start of the Character at `p` (an edit may have joined it to the one before).
        var i = index(p), w = 0, read = 0
        while i > text.startIndex && String.Index(i, within: text) == nil { i = text.utf8.index(before: i) }
        defer { TextWork.add(read) }
        while i > text.startIndex && w <= columns {
            let before = text.index(before: i)
            if text[before] == "\n" { break }
            w += ScreenBuffer.width(text[before])
            i = before
            read += 1
        }
        return offset(i)
    }

    /// A visual line start in the paragraph of offset `x`, at or before it, as near as is known:
    /// the hint or a landmark when no line break lies between it and `x`, else the start of
    /// the paragraph. Only the bytes between the two are read.
    func knownStart(atOrBefore x: Int, width: Int, hint: Int? = nil) -> Int {
        let k = landmarkIndex(after: x)
        var floor = landmarks?.width == width && k > 0 ? (landmarks?.starts[k - 1] ?? 0) : 0
        if let hint, hint <= x, hint > floor, isBoundary(hint) { floor = hint }
        return paragraphStart(of: x, notBefore: floor)
    }

    // MARK: the caret and the window

    /// Start of the caret's visual line. `hint` is a visual line start at or before the caret
    /// (the window's top).
    mutating func caretLineStart(width: Int, hint: Int?) -> Int {
        var from = knownStart(atOrBefore: caret, width: width, hint: hint)
        var walked = 0
        while true {
            let l = line(at: from, width: width)
            guard !holdsCaret(l), let next = l.next, next > from, next <= caret else { return from }
            from = next
            walked += 1
            if walked % Self.landmarkSpacing == 0 { remember(from, width: width) }
        }
    }

    /// The starts of up to `count` visual lines just above the one starting at `start`, top
    /// first.
    mutating func linesAbove(_ start: Int, count: Int, width: Int) -> [Int] {
        var above = [Int]()  // nearest first
        var end = start
        while above.count < count && end > 0 {
            let first = knownStart(atOrBefore: end - 1, width: width)
            var starts = [first]
            var from = first
            while let next = line(at: from, width: width).next, next < end, next > from {
                starts.append(next)
                from = next
                if starts.count % Self.landmarkSpacing == 0 { remember(next, width: width) }
            }
            above += starts.reversed().prefix(count - above.count)
            end = first
        }
        return above.reversed()
    }

    /// Moves the caret `delta` visual lines down (or up), as far as there are lines, keeping
    /// its column as near as the characters allow (never into the middle of a double-width
    /// character). `top` is the window's top, a visual line start at or before the caret.
    public mutating func vertical(_ delta: Int, width: Int, top: Int?) {
        let start = caretLineStart(width: width, hint: top)
        let column = columns(start..<caret)
        var target: Int?
        if delta > 0 {
            var from = start
            for _ in 0..<delta {
                guard let next = line(at: from, width: width).next else { break }
                from = next
            }
            target = from == start ? nil : from
        } else if delta < 0 {
            target = linesAbove(start, count: -delta, width: width).first
        }
        guard let target else { return }
        let l = line(at: target, width: width)
        var k = index(l.range.lowerBound), col = 0
        let end = index(l.range.upperBound)
        while k < end {
            let w = ScreenBuffer.width(text[k])
            if col + w > column { break }
            col += w
            k = text.index(after: k)
        }
        caret = offset(k)
    }

    /// The window's top once the text has been edited: where its line starts now. An edit on
    /// or just below the window's first line can move where that line starts: a letter fits
    /// where a Chinese character did not, a blank typed in the word the line starts with lets
    /// its first part go up, a "，" typed at its start pulls the character before it down. The
    /// window keeps its line number, counted from a line start far enough above it that the
    /// edit cannot move it (kept when the window was placed). nil when the edit was before the
    /// top, or when where the window was is not known.
    mutating func lineStartAfterEdits(_ top: Int, width: Int) -> Int? {
        defer { editedFrom = nil }
        guard let p = editedFrom else { return top }
        let unmoved = columnsBack(from: p, over: Self.reach(width))
        // Well below the top, or below the break that starts its paragraph, the lines down to
        // it are as they were.
        if p >= top && (unmoved > top || top == 0 || withBytes({ Self.isBreak($0, top - 1) })) { return top }
        // The window moves: its anchor is found again for where it goes.
        defer { windowAnchor = nil }
        guard let anchor = windowAnchor, anchor.top == top, anchor.width == width, anchor.start <= unmoved else { return nil }
        var start = anchor.start
        for _ in 0..<anchor.lines {
            guard let next = line(at: start, width: width).next else { break }
            start = next
        }
        return start
    }

    /// Keeps, for the window's top, a line start more than `reach` columns (and a character)
    /// above it, across paragraphs, and the number of lines between: see `lineStartAfterEdits`.
    /// An edit on the window, or a Backspace at its top, cannot move that start.
    mutating func noteAnchor(_ top: Int, width: Int) {
        if let a = windowAnchor, a.top == top, a.width == width { return }
        let enough = Self.reach(width) + 8  // a character drawn as an escape takes 6 columns
        var start = top, lines = 0, columns = 0, count = 2
        while columns <= enough && start > 0 {
            // Up a few lines at a time: most lines are nearly the width.
            let above = linesAbove(top, count: count, width: width)
            guard above.count > lines else { break }
            for s in above.reversed().dropFirst(lines) {
                columns += self.columns(s..<start) + (s < start && withBytes({ Self.isBreak($0, start - 1) }) ? 1 : 0)
                start = s
                lines += 1
                if columns > enough { break }
            }
            count *= 2
        }
        windowAnchor = WindowAnchor(top: top, width: width, start: start, lines: lines)
    }

    /// The top of a window of `rows` lines that shows the caret: `top` if one of its lines
    /// holds the caret; else the caret's line comes first in the window (the caret went up,
    /// or there was no window) or last (the caret went down).
    public mutating func scrolled(top: Int?, rows: Int, width: Int) -> Int {
        let placed = place(top: top, rows: rows, width: width)
        placedWindow = (placed, width)
        return placed
    }

    mutating func place(top: Int?, rows: Int, width: Int) -> Int {
        let rows = max(1, rows)
        let top = top.map { lineStartAfterEdits($0, width: width) } ?? nil
        guard let top, top <= caret, isBoundary(top) else { return caretLineStart(width: width, hint: nil) }
        // Down from the top, for up to three windows: typing, arrows and paging stay here.
        var starts = [Int]()
        var from = top
        while starts.count < 3 * rows {
            starts.append(from)
            let l = line(at: from, width: width)
            if holdsCaret(l) { return starts.count <= rows ? top : starts[starts.count - rows] }
            guard let next = l.next, next > from else { return top }
            from = next
        }
        // Far below: back from the caret's line.
        let here = caretLineStart(width: width, hint: from)
        return linesAbove(here, count: rows - 1, width: width).first ?? here
    }
}

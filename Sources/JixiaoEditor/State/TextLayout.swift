import JixiaoCore

/// The long-text editor's wrapped layout, worked out a visual line at a time.
///
/// Each paragraph (the text between line breaks) wraps at `width` columns: a visual line ends
/// before the first character that would pass the width, so that Chinese wraps between any
/// two characters. Where a visual line starts depends on the paragraph before it, so the
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

    /// How many lines of a walk go by between two landmarks: a walk back up a paragraph
    /// starts at most this many lines above where it is going.
    static let landmarkSpacing = 16

    /// The visual line that starts at `start`, a visual line start.
    public func line(at start: Int, width: Int) -> VisualLine {
        let width = max(2, width)
        let start = min(max(0, start), text.utf8.count)
        var offset = start, column = 0, read = 0
        defer { TextWork.add(read) }
        for c in text[characterIndex(start)...] {
            read += 1
            let bytes = c.utf8
            if bytes.count == 1 && bytes.first == 0x0A { return VisualLine(range: start..<offset, next: offset + 1) }
            // The common cases directly (printable ASCII, or one code point with a width, such
            // as a Chinese character): what ScreenBuffer.width gives, without building the
            // shape. Anything of no width (a mark, a control) is ScreenBuffer's to measure.
            let w: Int
            if bytes.count == 1, let b = bytes.first, b >= 0x20, b < 0x7F {
                w = 1
            } else if let u = c.unicodeScalars.first, c.unicodeScalars.count == 1, case let d = DisplayWidth.of(u), d > 0 {
                w = d
            } else {
                w = ScreenBuffer.width(c)
            }
            if column + w > width { return VisualLine(range: start..<offset, next: offset) }
            column += w
            offset += bytes.count
        }
        return VisualLine(range: start..<offset, next: nil)
    }

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

    /// An edit at `offset` may move every line start from there (that one included: whether a
    /// line breaks before a character depends on the character) to the end of its paragraph,
    /// and shifts the offsets after it: those landmarks go. A line start before it stays.
    mutating func edited(at offset: Int) {
        let k = landmarkIndex(after: offset - 1)
        if let n = landmarks?.starts.count, k < n { landmarks?.starts.removeSubrange(k...) }
        editedFrom = min(editedFrom ?? offset, offset)
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

    /// The window's top once the text has been edited: where its line starts now. Typing at
    /// the top can pull the characters there up onto the line before (a letter fits where a
    /// Chinese character did not): the window then starts where that line now ends, as a
    /// window that stays on the same line number would. nil when the edit was before the top.
    mutating func lineStartAfterEdits(_ top: Int, width: Int) -> Int? {
        defer { editedFrom = nil }
        guard let p = editedFrom, p <= top else { return top }
        guard p == top else { return nil }
        if top == 0 || withBytes({ Self.isBreak($0, top - 1) }) { return top }
        guard let before = linesAbove(top, count: 1, width: width).first else { return nil }
        return line(at: before, width: width).next ?? before
    }

    /// The top of a window of `rows` lines that shows the caret: `top` if one of its lines
    /// holds the caret; else the caret's line comes first in the window (the caret went up,
    /// or there was no window) or last (the caret went down).
    public mutating func scrolled(top: Int?, rows: Int, width: Int) -> Int {
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

import JixiaoCore

/// Text being typed, with a caret, counted in characters (graphemes) so that a Chinese
/// character is one step of the caret and two columns on screen.
public struct TextBuffer: Equatable, Sendable {
    public private(set) var chars: [Character]
    /// Caret position: before chars[caret].
    public private(set) var caret: Int
    public let multiline: Bool

    public init(_ text: String = "", multiline: Bool = false) {
        self.multiline = multiline
        let clean = multiline ? text : text.replacing("\r\n", with: " ").replacing("\n", with: " ")
        self.chars = Array(clean)
        self.caret = chars.count
    }

    public var text: String { String(chars) }

    public mutating func insert(_ s: String) {
        var ins = Array(s.replacing("\r\n", with: "\n"))
        if !multiline { ins = ins.map { $0 == "\n" || $0 == "\t" ? " " : $0 } }
        // Control characters other than a line break never enter a field.
        ins = ins.filter { c in c == "\n" || !c.unicodeScalars.allSatisfy { $0.value < 0x20 || $0.value == 0x7F } }
        chars.insert(contentsOf: ins, at: caret)
        caret += ins.count
    }

    /// The keys every text editor of the program treats alike: a character typed, deletion,
    /// and the caret along the line. false for any other key, which the caller handles.
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .backspace: backspace()
        case .delete: deleteForward()
        case .left: left()
        case .right: right()
        case .home: home()
        case .end: end()
        default: return false
        }
        return true
    }

    public mutating func backspace() {
        guard caret > 0 else { return }
        chars.remove(at: caret - 1)
        caret -= 1
    }

    public mutating func deleteForward() {
        guard caret < chars.count else { return }
        chars.remove(at: caret)
    }

    public mutating func left() { caret = max(0, caret - 1) }
    public mutating func right() { caret = min(chars.count, caret + 1) }

    public mutating func home() {
        if multiline, let start = lineStart(of: caret) { caret = start } else { caret = 0 }
    }

    public mutating func end() {
        if multiline {
            var k = caret
            while k < chars.count && chars[k] != "\n" { k += 1 }
            caret = k
        } else {
            caret = chars.count
        }
    }

    func lineStart(of index: Int) -> Int? {
        var k = index
        while k > 0 && chars[k - 1] != "\n" { k -= 1 }
        return k
    }

    /// Display width of the text before the caret (single-line fields).
    public var caretColumn: Int {
        chars[0..<caret].reduce(0) { $0 + ScreenBuffer.width($1) }
    }

    // MARK: wrapped layout (long text)

    /// Visual lines of the text wrapped at `width` columns, as character ranges; a caret at
    /// the end of a full line shows at the start of the next.
    public func layout(width: Int) -> [Range<Int>] {
        let width = max(2, width)
        var lines = [Range<Int>]()
        var start = 0, col = 0, k = 0
        while k < chars.count {
            let c = chars[k]
            if c == "\n" {
                lines.append(start..<k)
                start = k + 1
                col = 0
                k += 1
                continue
            }
            let w = ScreenBuffer.width(c)
            if col + w > width {
                lines.append(start..<k)
                start = k
                col = 0
            }
            col += w
            k += 1
        }
        lines.append(start..<chars.count)
        return lines
    }

    /// (line, column) of the caret in the wrapped layout.
    public func caretPosition(width: Int) -> (line: Int, column: Int) {
        let lines = layout(width: width)
        for (n, r) in lines.enumerated() {
            let isLast = n == lines.count - 1
            let nextStartsHere = !isLast && lines[n + 1].lowerBound == caret && r.upperBound == caret
            if caret >= r.lowerBound && caret <= r.upperBound && !nextStartsHere {
                return (n, chars[r.lowerBound..<caret].reduce(0) { $0 + ScreenBuffer.width($1) })
            }
        }
        return (lines.count - 1, 0)
    }

    /// Moves the caret one visual line up or down, keeping its column as near as the
    /// characters allow (never into the middle of a double-width character).
    public mutating func vertical(_ delta: Int, width: Int) {
        let lines = layout(width: width)
        let (line, column) = caretPosition(width: width)
        let target = line + delta
        guard target >= 0, target < lines.count else { return }
        let r = lines[target]
        var k = r.lowerBound, col = 0
        while k < r.upperBound {
            let w = ScreenBuffer.width(chars[k])
            if col + w > column { break }
            col += w
            k += 1
        }
        caret = k
    }
}

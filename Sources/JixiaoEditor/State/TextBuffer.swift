import JixiaoCore

/// Text being typed, with a caret that steps over whole characters (graphemes), so that a
/// Chinese character is one step of the caret and two columns on screen.
///
/// The text stays a String and the caret is a UTF-8 offset into it, so that a key costs the
/// characters around the caret, not the length of the text: opening the editor on a 1.4 MB
/// long text shares the session's storage (an array of its 840,000 Characters takes 26 ms to
/// build), and committing hands the text back as it is. Typing inserts in place, which moves
/// the bytes after the caret along (a memmove, some 0.1 ms for 1.4 MB).
public struct TextBuffer: Equatable, Sendable {
    public private(set) var text: String
    /// Caret position: a UTF-8 offset into `text`, always between two Characters.
    public internal(set) var caret: Int
    public let multiline: Bool
    /// Visual line starts met while wrapping long text (see TextLayout); not part of the value.
    var landmarks: Landmarks?
    /// The first offset an edit has changed since the window was last placed (`scrolled`).
    var editedFrom: Int?
    /// Where the window was last placed (`scrolled`), and, found at the first edit near it, a
    /// line start far enough above its top that the edit cannot move it (see
    /// `lineStartAfterEdits`); not part of the value.
    var placedWindow: (top: Int, width: Int)?
    var windowAnchor: WindowAnchor?

    public static func == (a: TextBuffer, b: TextBuffer) -> Bool {
        a.text == b.text && a.caret == b.caret && a.multiline == b.multiline
    }

    public init(_ text: String = "", multiline: Bool = false) {
        self.multiline = multiline
        var clean = multiline ? text : text.replacing("\r\n", with: " ").replacing("\n", with: " ")
        // Native UTF-8, so that offsets and byte scans are direct (a no-op for our strings).
        clean.makeContiguousUTF8()
        self.text = clean
        self.caret = clean.utf8.count
    }

    public mutating func insert(_ s: String) {
        let clean = Self.typeable(s, multiline: multiline)
        guard !clean.isEmpty else { return }
        edited(at: caret)
        text.insert(contentsOf: clean, at: index(caret))
        caret += clean.utf8.count
        alignCaret()
    }

    /// What typing or pasting `s` puts into the text: a line break as itself in long text and
    /// as a space on one line, a tab as a space on one line, and no other control character
    /// (so "\r\n" becomes a line break, and a lone "\r" nothing). Done on the bytes: control
    /// characters are ASCII, and no byte of a longer UTF-8 sequence is.
    static func typeable(_ s: String, multiline: Bool) -> String {
        let lineBreak: UInt8 = multiline ? 0x0A : 0x20
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case 0x0A: out.append(lineBreak)
            case 0x09 where !multiline: out.append(0x20)
            case 0x00..<0x20, 0x7F: continue
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
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
        let end = index(caret)
        let before = text.index(before: end)
        caret = offset(before)
        edited(at: caret)
        text.removeSubrange(before..<end)
        alignCaret()
    }

    public mutating func deleteForward() {
        guard caret < text.utf8.count else { return }
        edited(at: caret)
        text.removeSubrange(index(caret)..<text.index(after: index(caret)))
        alignCaret()
    }

    public mutating func left() {
        if caret > 0 { caret = offset(text.index(before: index(caret))) }
    }

    public mutating func right() {
        if caret < text.utf8.count { caret = offset(text.index(after: index(caret))) }
    }

    /// Start of the line (long text: of the paragraph), or of the text.
    public mutating func home() { caret = multiline ? paragraphStart(of: caret) : 0 }

    /// End of the line (long text: of the paragraph), or of the text.
    public mutating func end() { caret = multiline ? paragraphEnd(from: caret) : text.utf8.count }

    /// Display width of the text before the caret.
    public var caretColumn: Int { columns(0..<caret) }

    /// The part of a one-line text that an edit line `room` columns wide shows, and the
    /// caret's column in it: from the start while the caret is within the first `room`
    /// columns, else as far back from the caret as fits. Reads only what it shows.
    public func shown(room: Int) -> (text: Substring, caretColumn: Int) {
        var first = index(caret), column = 0, read = 0
        while first > text.startIndex {
            let before = text.index(before: first)
            let w = ScreenBuffer.width(text[before])
            read += 1
            if column + w >= room { break }
            column += w
            first = before
        }
        // Up to the first character past the room: drawing stops there.
        var last = first, used = 0
        while last < text.endIndex && used <= room {
            used += ScreenBuffer.width(text[last])
            last = text.index(after: last)
            read += 1
        }
        TextWork.add(read)
        return (text[first..<last], column)
    }

    // MARK: offsets

    /// The index of a UTF-8 offset (constant time in a native string).
    func index(_ offset: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: min(max(0, offset), text.utf8.count))
    }

    /// The same index, marked as between Characters when it is: a walk from it then steps
    /// over Characters 40% faster than from the bare offset, which String rounds down to a
    /// Character boundary at every step.
    func characterIndex(_ offset: Int) -> String.Index {
        let i = index(offset)
        return String.Index(i, within: text) ?? i
    }

    func offset(_ i: String.Index) -> Int {
        text.utf8.distance(from: text.utf8.startIndex, to: i)
    }

    /// Keeps the caret between Characters when an edit joined the characters on either side
    /// of it (a combining mark typed before a letter): it moves to the end of the joined one.
    mutating func alignCaret() {
        let i = index(caret)
        if String.Index(i, within: text) == nil { caret = offset(text.index(after: i)) }
    }

    /// Display width of the characters in a range of offsets.
    func columns(_ r: Range<Int>) -> Int {
        var w = 0, read = 0
        for c in text[characterIndex(r.lowerBound)..<characterIndex(r.upperBound)] {
            w += ScreenBuffer.width(c)
            read += 1
        }
        TextWork.add(read)
        return w
    }

    // MARK: paragraphs

    /// The text's UTF-8 bytes, to find line breaks without going through Characters.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = text.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Whether byte `k` is a line break: a "\n" Character. The "\n" of a "\r\n" (one Character,
    /// from a file written on Windows) is not one, as it never was for the editor.
    static func isBreak(_ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        b[k] == 0x0A && (k == 0 || b[k - 1] != 0x0D)
    }

    /// Where the paragraph holding offset `p` starts (just after the line break before it),
    /// or `floor` if no line break comes after it: the search goes no further back.
    func paragraphStart(of p: Int, notBefore floor: Int = 0) -> Int {
        withBytes { b in
            var k = min(p, b.count)
            while k > floor && !Self.isBreak(b, k - 1) { k -= 1 }
            TextWork.add(p - k)
            return k
        }
    }

    /// Where the paragraph holding offset `p` ends: at its line break, or the end of the text.
    func paragraphEnd(from p: Int) -> Int {
        withBytes { b in
            var k = max(0, p)
            while k < b.count && !Self.isBreak(b, k) { k += 1 }
            TextWork.add(k - p)
            return k
        }
    }
}

extension StringProtocol {
    /// Every `target` scalar replaced, wherever it stands.
    ///
    /// The standard library's `replacing(_:with:)` matches whole Characters, and a Character can
    /// hold more than the target: "\r\n" is one Character, so replacing "\n" would leave a
    /// Windows line break whole, where Foundation's `replacingOccurrences` (which this
    /// replaces) turned it into "\r" + replacement. Text from a file written on Windows must
    /// come out as it did. Also for file names, where a "/" must go even when a combining mark
    /// follows it.
    ///
    /// Done on the UTF-8 bytes: a scalar's encoding never appears inside another's, so a match
    /// of its bytes is the scalar. (`String.UnicodeScalarView.append(contentsOf:)` copies the
    /// whole text each time: replacing the 40,000 line breaks of a 1.4 MB text took a second.)
    public func replacingScalar(_ target: Unicode.Scalar, with replacement: String) -> String {
        guard unicodeScalars.contains(target) else { return String(self) }
        let t = Array(String(target).utf8)
        guard let first = t.first else { return String(self) }
        let bytes = Array(utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var k = 0
        while k < bytes.count {
            if bytes[k] == first, k + t.count <= bytes.count, bytes[k..<(k + t.count)].elementsEqual(t) {
                out.append(contentsOf: replacement.utf8)
                k += t.count
            } else {
                out.append(bytes[k])
                k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// Every occurrence of an ASCII `target` ("{year}") replaced, found by its bytes and kept
    /// only where it begins and ends between Characters: what `replacing(_:with:)` and
    /// Foundation's `replacingOccurrences` do (a "~" that a combining mark follows is not a
    /// "~"), at a fraction of the cost of the standard library's generic searcher. Labels are
    /// resolved for every cell that is checked or drawn, so this is on the hot path. Only for
    /// ASCII: nothing else is canonically equivalent to these placeholders, where a Chinese
    /// target has compatibility forms (U+F98E is 年), so any other target takes `replacing`.
    public func replacingLiteral(_ target: String, with replacement: String) -> String {
        let t = Array(target.utf8)
        guard let first = t.first else { return self }
        guard t.allSatisfy({ $0 < 0x80 }) else { return replacing(target, with: replacement) }
        let bytes = Array(utf8)
        let view = utf8
        func betweenCharacters(_ offset: Int) -> Bool {
            String.Index(view.index(view.startIndex, offsetBy: offset), within: self) != nil
        }
        var out = [UInt8]()
        var done = 0, k = 0
        var changed = false
        while k + t.count <= bytes.count {
            if bytes[k] == first, bytes[k..<(k + t.count)].elementsEqual(t), betweenCharacters(k), betweenCharacters(k + t.count) {
                out.append(contentsOf: bytes[done..<k])
                out.append(contentsOf: replacement.utf8)
                k += t.count
                done = k
                changed = true
            } else {
                k += 1
            }
        }
        guard changed else { return self }
        out.append(contentsOf: bytes[done...])
        return String(decoding: out, as: UTF8.self)
    }
}

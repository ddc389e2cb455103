/// Trimming blanks off both ends of a text, as Foundation's
/// `trimmingCharacters(in: .whitespaces)` and `(in: .whitespacesAndNewlines)` did, without
/// linking Foundation (and ICU) for it.
///
/// The sets are Foundation's exactly, written out: every space separator (Zs, which includes
/// the full-width space U+3000 the seeds are full of), the tab, and U+200B ZERO WIDTH SPACE,
/// which Foundation counts as whitespace although Unicode no longer does. A list rather than
/// `properties.generalCategory` so that a newer Unicode version cannot change what is trimmed;
/// TrimmingTests compares both sets with Foundation's over every scalar.
///
/// Trimming goes scalar by scalar, as Foundation did: a blank followed by a combining mark
/// loses the blank, where a Character-wise trim would keep the pair.
extension StringProtocol {
    /// Without leading and trailing blanks (`CharacterSet.whitespaces`).
    public func trimmingWhitespace() -> String {
        trimmingScalars(where: \.isTrimmedWhitespace)
    }

    /// Without leading and trailing blanks and line breaks (`CharacterSet.whitespacesAndNewlines`).
    public func trimmingWhitespaceAndNewlines() -> String {
        trimmingScalars { $0.isTrimmedWhitespace || $0.isTrimmedNewline }
    }

    /// Nothing but blanks and line breaks (or nothing at all): what trims to "". Asked of every
    /// 指标名称 and 偏差原因 on every check, so it looks without making a trimmed copy.
    public var isBlank: Bool {
        unicodeScalars.allSatisfy { $0.isTrimmedWhitespace || $0.isTrimmedNewline }
    }

    /// Nothing but blanks, line breaks not counted as such: what `trimmingWhitespace()` empties.
    public var isBlankOnOneLine: Bool {
        unicodeScalars.allSatisfy(\.isTrimmedWhitespace)
    }

    private func trimmingScalars(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        // Most texts have nothing to trim: no copy then.
        if let a = scalars.first, let z = scalars.last, !isTrimmed(a), !isTrimmed(z) { return String(self) }
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex { !isTrimmed($0) } ?? first
        // Sliced by scalars: slicing the string itself would round to whole Characters. Copied
        // as bytes: building a UnicodeScalarView a scalar at a time took 20 ms for 1.4 MB.
        return String(decoding: utf8[first..<scalars.index(after: last)], as: UTF8.self)
    }
}

extension Unicode.Scalar {
    /// In Foundation's `CharacterSet.whitespaces`.
    var isTrimmedWhitespace: Bool {
        switch value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// In Foundation's `CharacterSet.newlines`.
    var isTrimmedNewline: Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}

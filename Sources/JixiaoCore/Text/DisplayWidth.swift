/// How many terminal or printer columns text takes: a Chinese character takes 2, a combining
/// mark 0, everything else 1. The same answer as glibc's wcwidth() in a UTF-8 locale (which
/// ncurses uses) for every code point glibc knows, checked by a test; computed here from
/// tables so that a printout lays out the same whatever machine or locale makes it.
///
/// East-Asian-Ambiguous characters (box drawing, '—', '…', '≥', '×') count 1, as wcwidth does,
/// unless asked to count them 2 (`AmbiguousWidth.wide`): Chinese terminals and printers that
/// draw them double-width are why `print --ambiguous wide` and `--border ascii` exist.
public enum DisplayWidth {
    public static func of(_ s: String) -> Int {
        var w = 0
        for u in s.unicodeScalars { w += of(u) }
        return w
    }

    public static func of(_ c: Character) -> Int {
        var w = 0
        for u in c.unicodeScalars { w += of(u) }
        return w
    }

    /// Widths with East-Asian-Ambiguous characters counted as `ambiguous` says.
    public static func of(_ s: String, ambiguous: AmbiguousWidth) -> Int {
        guard ambiguous == .wide else { return of(s) }
        var w = 0
        for u in s.unicodeScalars { w += of(u, ambiguous: .wide) }
        return w
    }

    @inline(__always)
    public static func of(_ u: Unicode.Scalar, ambiguous: AmbiguousWidth) -> Int {
        let w = of(u)
        // Only a character drawn one column wide can be drawn two: a combining mark in the
        // ambiguous set (U+0300…) stays of no width.
        return ambiguous == .wide && w == 1 && AmbiguousWidth.isAmbiguous(u.value) ? 2 : w
    }

    public static func of(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if v < 0x300 { return 1 }  // Latin-1 and Latin Extended: no marks, no wide characters
        // The common case first: CJK ideographs, CJK punctuation, full-width forms.
        if (0x4E00...0x9FFF).contains(v) || (0x3000...0x3029).contains(v) || (0xFF01...0xFF60).contains(v) { return 2 }
        if let w = glibcOverrides(v) { return w }
        if isZeroWidth(u) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Where the Unicode tables alone would disagree with glibc's wcwidth, which is what
    /// ncurses draws with: the editor's columns must match the terminal's exactly.
    static func glibcOverrides(_ v: UInt32) -> Int? {
        switch v {
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD: return 1  // number signs
        case 0x3248...0x324F, 0x4DC0...0x4DFF: return 2  // circled numbers on squares, Yijing hexagrams
        case 0xD7B0...0xD7C6, 0xD7CB...0xD7FB, 0x1171E: return 0  // Hangul jamo extended-B, Ahom
        default: return nil
        }
    }

    static func isZeroWidth(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v == 0x00AD { return false }  // soft hyphen is printed
        if (0x1160...0x11FF).contains(v) || v == 0x200B { return true }  // Hangul medial vowels, zero width space
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return false
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, Unicode 15.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x2FF0...0x2FFB, 0x3000...0x303E, 0x3041...0x3096,
        0x3099...0x30FF, 0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E3, 0x31F0...0x321E, 0x3220...0x3247,
        0x3250...0x4DBF, 0x4E00...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08,
        0x1AFF0...0x1AFF3, 0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE, 0x1B000...0x1B122, 0x1B132...0x1B132,
        0x1B150...0x1B152, 0x1B155...0x1B155, 0x1B164...0x1B167, 0x1B170...0x1B2FB,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202,
        0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320,
        0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
        0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC,
        0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596,
        0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2,
        0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB,
        0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FA7C,
        0x1FA80...0x1FA88, 0x1FA90...0x1FABD, 0x1FABF...0x1FAC5, 0x1FACE...0x1FADB, 0x1FAE0...0x1FAE8,
        0x1FAF0...0x1FAF8, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool { v >= 0x1100 && contains(v, in: wide) }

    /// Whether `v` falls in one of `ranges`, which are sorted and do not overlap.
    static func contains(_ v: UInt32, in ranges: [ClosedRange<UInt32>]) -> Bool {
        var lo = 0, hi = ranges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = ranges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// Pads with spaces to `width` columns: left, right or centred.
    public static func pad(_ s: String, to width: Int, align: Alignment, ambiguous: AmbiguousWidth = .narrow) -> String {
        let gap = max(0, width - of(s, ambiguous: ambiguous))
        switch align {
        case .left: return s + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + s
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + s + String(repeating: " ", count: gap - left)
        }
    }

    public enum Alignment: Sendable, Equatable {
        case left, right, center
    }
}

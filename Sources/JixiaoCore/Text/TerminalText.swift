/// Text from a sheet, a template or a file name, made harmless for a terminal.
///
/// A sheet received from someone else can carry bytes that a terminal obeys instead of
/// showing: ESC starts CSI, OSC (window title, OSC 52 writes the clipboard) and DCS
/// sequences; the C1 controls U+0080–U+009F are the same commands in one scalar; NUL, BEL,
/// BS and CR hide or overwrite what was shown; the bidi controls (U+202E RIGHT-TO-LEFT
/// OVERRIDE and its kin) make text read backwards, so that a name can pass for another.
/// Everything jixiao writes to a terminal from data goes through `visible`, which shows each
/// of them as a `\u001B`-style escape: seen, never obeyed.
public enum TerminalText {
    /// True for a scalar that a terminal would obey or that reorders text: C0 controls, DEL,
    /// C1 controls, and the bidi embedding, override and isolate controls and marks.
    /// Line feed is among them: callers that keep line breaks say so.
    @inline(__always)
    public static func isUnsafe(_ v: UInt32) -> Bool {
        if v < 0x20 || v == 0x7F { return true }
        if v < 0x80 { return false }
        if v <= 0x9F { return true }
        switch v {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `\u001B` for ESC: the escape shown in place of an unsafe scalar.
    public static func escape(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `U+001B`: how messages name an unsafe scalar.
    public static func name(_ v: UInt32) -> String {
        "U+" + escape(v).dropFirst(2)
    }

    /// `s` with every unsafe scalar shown as an escape. Line feeds are kept when
    /// `keepingLineBreaks` (long texts, whole printouts); tabs and carriage returns never are:
    /// a CR returns to the start of the line and lets later text overwrite what was shown.
    public static func visible(_ s: String, keepingLineBreaks: Bool = false) -> String {
        var copy = s
        let escaped = copy.withUTF8 { visibleBytes($0, keepingLineBreaks: keepingLineBreaks) }
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? s
    }

    /// The bytes of UTF-8 text with every unsafe scalar shown as an escape; nil when there is
    /// none (the common case, found in one pass over the bytes without decoding them).
    public static func visibleBytes(_ bytes: UnsafeBufferPointer<UInt8>, keepingLineBreaks: Bool) -> [UInt8]? {
        var out: [UInt8]?
        var copied = 0  // bytes before this index are in `out` already
        var i = 0
        let n = bytes.count
        while i < n {
            guard let (length, scalar) = unsafeScalar(bytes, at: i), !(scalar == 0x0A && keepingLineBreaks) else {
                i += 1
                continue
            }
            if out == nil { out = []; out?.reserveCapacity(n + 16) }
            out?.append(contentsOf: bytes[copied..<i])
            out?.append(contentsOf: escape(scalar).utf8)
            i += length
            copied = i
        }
        guard var result = out else { return nil }
        result.append(contentsOf: bytes[copied..<n])
        return result
    }

    /// The first unsafe scalar of a text, if any: text fields refuse control characters
    /// (line breaks aside in long text) and bidi controls on input, and report them on load.
    /// A line break is LF or CR LF; a CR alone is not one (it overwrites the line it ends).
    public static func firstUnsafe(in s: String, allowingLineBreaks: Bool) -> Unicode.Scalar? {
        var copy = s
        let found: UInt32? = copy.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                if let (length, scalar) = unsafeScalar(bytes, at: i) {
                    let isLineBreak = scalar == 0x0A || (scalar == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A)
                    if !(allowingLineBreaks && isLineBreak) { return scalar }
                    i += length
                } else {
                    i += 1
                }
            }
            return nil
        }
        return found.flatMap(Unicode.Scalar.init)
    }

    /// Whether `s` holds an unsafe scalar, line feeds included: one look at each byte, and
    /// false for nearly every text (a validation of 10,000 indicator rows asks it of 60,000).
    public static func holdsUnsafe(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { bytes in
            for i in bytes.indices where unsafeScalar(bytes, at: i) != nil { return true }
            return false
        }
    }

    /// The unsafe scalar whose UTF-8 encoding starts at `bytes[i]` (its length and value), or
    /// nil. Read from the bytes, not decoded: every unsafe scalar is one of a few byte
    /// patterns (C0 and DEL one byte, C1 and U+061C two, the bidi controls three), and text
    /// without them, nearly all text, costs one comparison or two per byte.
    @inline(__always)
    static func unsafeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, UInt32)? {
        let b = bytes[i]
        let n = bytes.count
        if b < 0x20 || b == 0x7F { return (1, UInt32(b)) }
        if b == 0xC2, i + 1 < n, (0x80...0x9F).contains(bytes[i + 1]) { return (2, UInt32(bytes[i + 1])) }
        if b == 0xD8, i + 1 < n, bytes[i + 1] == 0x9C { return (2, 0x061C) }
        if b == 0xE2, i + 2 < n {
            let b1 = bytes[i + 1], b2 = bytes[i + 2]
            if b1 == 0x80, b2 == 0x8E || b2 == 0x8F || (0xAA...0xAE).contains(b2) { return (3, 0x2000 + UInt32(b2 - 0x80)) }
            if b1 == 0x81, (0xA6...0xA9).contains(b2) { return (3, 0x2040 + UInt32(b2 - 0x80)) }
        }
        return nil
    }
}

/// Wraps mixed Chinese and Latin text to a width in display columns.
///
/// A line may break between two Chinese characters and at a space in Latin text, never inside
/// a word or a number ("5577.04", "≥2000人" keeps "≥2000" whole), and never so that a closing
/// mark (，。、；：！？）》」』”) starts a line or an opening one (（《「『“) ends it (避头尾). Only
/// a single word wider than the whole line is cut. Widths count East-Asian-Ambiguous
/// characters as `ambiguous` says; where a line may break never depends on it.
public enum TextWrap {
    static let closing: Set<Unicode.Scalar> = ["，", "。", "、", "；", "：", "！", "？", "）", "》", "」", "』", "”", "’", "％", "…", ",", ".", ";", ":", "!", "?", ")", "]", "%"]
    static let opening: Set<Unicode.Scalar> = ["（", "《", "「", "『", "“", "‘", "(", "["]

    /// `closing.contains(u)`, without hashing the letters, digits and Chinese characters that
    /// make up nearly all of a text (this runs for every character of every printed cell).
    @inline(__always)
    static func isClosing(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v == 0x2C || v == 0x2E || v == 0x3B || v == 0x3A || v == 0x21 || v == 0x3F || v == 0x29 || v == 0x5D || v == 0x25 }
        if (0x4E00...0x9FFF).contains(v) { return false }
        return closing.contains(u)
    }

    @inline(__always)
    static func isOpening(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v == 0x28 || v == 0x5B }
        if (0x4E00...0x9FFF).contains(v) { return false }
        return opening.contains(u)
    }

    enum Token {
        /// A break point: " ", a tab (shown as one space) or "\u{3000}" (kept, two columns).
        case space(String, Int)
        case newline
        case word(String, Int)
    }

    /// The unbreakable pieces of a text, with their widths. Works on Unicode scalars (a
    /// combining mark, of width 0, simply joins the word it follows) because this runs for
    /// every cell of every printout.
    static func tokens(_ text: String, keepText: Bool = true, ambiguous: AmbiguousWidth = .narrow) -> [Token] {
        var out = [Token]()
        var word = String.UnicodeScalarView()
        var wordWidth = 0
        var prefix = String.UnicodeScalarView()  // opening marks waiting for their token
        var prefixWidth = 0
        func flush() {
            if !word.isEmpty || wordWidth > 0 {
                out.append(.word(String(word), wordWidth))
                word = String.UnicodeScalarView()
                wordWidth = 0
            }
        }
        func flushPrefix() {
            if !prefix.isEmpty || prefixWidth > 0 {
                out.append(.word(String(prefix), prefixWidth))
                prefix = String.UnicodeScalarView()
                prefixWidth = 0
            }
        }
        for u in text.unicodeScalars {
            // `natural` decides where breaks may fall (a Chinese character, width 2, stands
            // alone); `w` is what the character takes on the line.
            let natural = DisplayWidth.of(u)
            let w = ambiguous == .wide ? DisplayWidth.of(u, ambiguous: .wide) : natural
            switch u {
            case "\n":
                flush()
                flushPrefix()
                out.append(.newline)
            case "\r":
                continue
            case " ", "\t", "\u{3000}":
                flush()
                flushPrefix()
                out.append(u == "\u{3000}" ? .space("\u{3000}", 2) : .space(" ", 1))
            default:
                if isClosing(u) && prefix.isEmpty && prefixWidth == 0 {
                    // A closing mark stays with what it closes.
                    if wordWidth > 0 || !word.isEmpty {
                        if keepText { word.append(u) }
                        wordWidth += w
                    } else if case .word(let last, let lw)? = out.last {
                        out[out.count - 1] = .word(keepText ? last + String(u) : "", lw + w)
                    } else {
                        if keepText { word.append(u) }
                        wordWidth += w
                    }
                    // After a Chinese mark (、，。) a line may break: "5577.04、3000.00" is two
                    // pieces. After "." or "%" it may not: they belong to the number.
                    if natural == 2 { flush() }
                } else if isOpening(u) {
                    flush()
                    if keepText { prefix.append(u) }
                    prefixWidth += w
                } else if natural == 2 {
                    flush()
                    word = prefix
                    wordWidth = prefixWidth + 2
                    if keepText { word.append(u) }
                    prefix = String.UnicodeScalarView()
                    prefixWidth = 0
                    flush()
                } else {
                    if prefixWidth > 0 || !prefix.isEmpty {
                        flush()
                        word = prefix
                        wordWidth = prefixWidth
                        prefix = String.UnicodeScalarView()
                        prefixWidth = 0
                    }
                    if keepText { word.append(u) }
                    wordWidth += w
                }
            }
        }
        flush()
        flushPrefix()
        return out
    }

    /// Lines of at most `width` columns (at least 1 line, possibly empty).
    public static func wrap(_ text: String, width: Int, ambiguous: AmbiguousWidth = .narrow) -> [String] {
        // Leading spaces are an indent (a child row under its parent): kept on every line.
        let indent = text.prefix { $0 == " " }.count
        if indent > 0 && indent + 2 <= width {
            let pad = String(repeating: " ", count: indent)
            return wrapBody(String(text.dropFirst(indent)), width: width - indent, ambiguous: ambiguous).map { pad + $0 }
        }
        return wrapBody(text, width: width, ambiguous: ambiguous)
    }

    static func wrapBody(_ text: String, width: Int, ambiguous: AmbiguousWidth) -> [String] {
        let width = max(width, 2)
        var lines = [String]()
        var line = ""
        var used = 0
        var pending: (String, Int)?  // a space waiting to see whether the next word fits
        func emit() {
            lines.append(line)
            line = ""
            used = 0
            pending = nil
        }
        for t in tokens(text, ambiguous: ambiguous) {
            switch t {
            case .newline:
                emit()
            case .space(let sp, let sw):
                // Consecutive blanks are kept (two ideographic spaces separate 单位 and 年度).
                // Runs of ASCII blanks are one space; ideographic spaces are kept as typed
                // (two of them separate 单位 and 年度 on the unit line).
                if used > 0 {
                    if let (p, pw) = pending {
                        pending = sp == " " ? (p, pw) : (p == " " ? (sp, sw) : (p + sp, pw + sw))
                    } else {
                        pending = (sp, sw)
                    }
                }
            case .word(let w, let ww):
                let gap = pending?.1 ?? 0
                if used + gap + ww <= width {
                    if let (sp, sw) = pending { line += sp; used += sw }
                    line += w
                    used += ww
                    pending = nil
                } else if ww <= width {
                    if used > 0 { emit() }
                    line = w
                    used = ww
                } else if let parts = splitMarks(w, width: width, ambiguous: ambiguous) {
                    // Marks around a number that fits: the marks give way, the number stays whole.
                    if used > 0 { emit() }
                    for (n, p) in parts.enumerated() {
                        if n > 0 { emit() }
                        line = p
                        used = DisplayWidth.of(p, ambiguous: ambiguous)
                    }
                } else {
                    // A piece wider than a whole line: start it on a fresh line, then cut it.
                    if used > 0 { emit() }
                    pending = nil
                    for c in w {
                        let cw = c.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1, ambiguous: ambiguous) }
                        if used + cw > width { emit() }
                        line.append(c)
                        used += cw
                    }
                }
            }
        }
        lines.append(line)
        return lines
    }

    /// "（5577.04）" too wide for the line: split into opening marks, the core and closing
    /// marks, joined where they fit, when the core alone fits; nil otherwise.
    static func splitMarks(_ w: String, width: Int, ambiguous: AmbiguousWidth) -> [String]? {
        func measure(_ s: String) -> Int { DisplayWidth.of(s, ambiguous: ambiguous) }
        let chars = Array(w)
        func isMark(_ c: Character, _ set: Set<Unicode.Scalar>) -> Bool { c.unicodeScalars.count == 1 && set.contains(c.unicodeScalars.first!) }
        var lead = 0
        while lead < chars.count && isMark(chars[lead], opening) { lead += 1 }
        var trail = chars.count
        while trail > lead && isMark(chars[trail - 1], closing) { trail -= 1 }
        guard lead > 0 || trail < chars.count else { return nil }
        let core = String(chars[lead..<trail]), head = String(chars[..<lead]), tail = String(chars[trail...])
        guard !core.isEmpty, measure(core) <= width, measure(head) <= width, measure(tail) <= width else { return nil }
        var parts = [String]()
        if !head.isEmpty && measure(head + core) > width { parts.append(head); parts.append(core) } else { parts.append(head + core) }
        if !tail.isEmpty {
            if measure(parts[parts.count - 1] + tail) <= width { parts[parts.count - 1] += tail } else { parts.append(tail) }
        }
        return parts
    }

    /// Width of the widest unbreakable piece: below this the text must be cut mid-word.
    public static func longestWord(_ text: String, ambiguous: AmbiguousWidth = .narrow) -> Int {
        tokens(text, keepText: false, ambiguous: ambiguous).reduce(0) { m, t in
            if case .word(_, let w) = t { return max(m, w) }
            return m
        }
    }
}

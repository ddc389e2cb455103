/// Wraps mixed Chinese and Latin text to a width in display columns.
///
/// A line may break between two Chinese characters and at a space in Latin text, never inside
/// a word or a number ("5577.04", "≥2000人" keeps "≥2000" whole), and never so that a closing
/// mark (，。、；：！？）》」』”) starts a line or an opening one (（《「『“) ends it (避头尾). Only
/// a single word wider than the whole line is cut.
public enum TextWrap {
    static let closing: Set<Unicode.Scalar> = ["，", "。", "、", "；", "：", "！", "？", "）", "》", "」", "』", "”", "’", "％", "…", ",", ".", ";", ":", "!", "?", ")", "]", "%"]
    static let opening: Set<Unicode.Scalar> = ["（", "《", "「", "『", "“", "‘", "(", "["]

    enum Token {
        case space
        case newline
        case word(String, Int)
    }

    /// The unbreakable pieces of a text, with their widths. Works on Unicode scalars (a
    /// combining mark, of width 0, simply joins the word it follows) because this runs for
    /// every cell of every printout.
    static func tokens(_ text: String, keepText: Bool = true) -> [Token] {
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
            let w = DisplayWidth.of(u)
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
                out.append(.space)
            default:
                if closing.contains(u) && prefix.isEmpty && prefixWidth == 0 {
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
                } else if opening.contains(u) {
                    flush()
                    if keepText { prefix.append(u) }
                    prefixWidth += w
                } else if w == 2 {
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
    public static func wrap(_ text: String, width: Int) -> [String] {
        // Leading spaces are an indent (a child row under its parent): kept on every line.
        let indent = text.prefix { $0 == " " }.count
        if indent > 0 && indent + 2 <= width {
            let pad = String(repeating: " ", count: indent)
            return wrapBody(String(text.dropFirst(indent)), width: width - indent).map { pad + $0 }
        }
        return wrapBody(text, width: width)
    }

    static func wrapBody(_ text: String, width: Int) -> [String] {
        let width = max(width, 2)
        var lines = [String]()
        var line = ""
        var used = 0
        var pendingSpace = false
        func emit() {
            lines.append(line)
            line = ""
            used = 0
            pendingSpace = false
        }
        for t in tokens(text) {
            switch t {
            case .newline:
                emit()
            case .space:
                if used > 0 { pendingSpace = true }
            case .word(let w, let ww):
                let need = ww + (pendingSpace ? 1 : 0)
                if used + need <= width {
                    if pendingSpace { line += " "; used += 1 }
                    line += w
                    used += ww
                    pendingSpace = false
                } else if ww <= width {
                    if used > 0 { emit() }
                    line = w
                    used = ww
                } else {
                    // A word wider than the line: cut it, character by character.
                    if used > 0 && width - used - (pendingSpace ? 1 : 0) < 2 { emit() }
                    if pendingSpace && used > 0 { line += " "; used += 1 }
                    pendingSpace = false
                    for c in w {
                        let cw = DisplayWidth.of(c)
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

    /// Width of the widest unbreakable piece: below this the text must be cut mid-word.
    public static func longestWord(_ text: String) -> Int {
        tokens(text, keepText: false).reduce(0) { m, t in
            if case .word(_, let w) = t { return max(m, w) }
            return m
        }
    }
}

/// Where a line may break, worked out a character at a time: the rules `TextWrap` wraps
/// printed cells by (a test holds the two to the same lines), for the long-text editor, which
/// lays text out a line at a time from a known line start and cannot cut it into `TextWrap`'s
/// tokens first.
///
/// A line may break after a blank, between two Chinese characters, and on either side of a
/// Chinese character next to Latin letters or figures; never inside a word or a number
/// ("5577.04", "≥2000"), never before a closing mark (，。、；：！？）…) and never after an
/// opening one (（《“…): a line never starts with "，" (避头尾). A narrow closing mark (. , % ”)
/// belongs to the word before it: "5,000" is one word, but after "公”" a new one starts.
public struct LineBreak: Sendable {
    public enum Kind: Sendable, Equatable {
        case space, opening, narrow, wide
        /// A closing mark; after a wide one (，。) a line may break.
        case closing(wide: Bool)
    }

    /// What a character is to line breaking (by its first code point, as `TextWrap` takes
    /// them; a combining mark goes with its base).
    public static func kind(_ c: Character) -> Kind {
        guard let u = c.unicodeScalars.first else { return .narrow }
        return kind(u, width: DisplayWidth.of(u), alone: c.unicodeScalars.count == 1)
    }

    /// The same for a Character whose first code point is `u`, of display width `width`;
    /// `alone` when it is the whole Character. Chinese characters (nearly all of a text) are
    /// told without looking the marks up.
    @inline(__always)
    public static func kind(_ u: Unicode.Scalar, width: Int, alone: Bool) -> Kind {
        if (0x4E00...0x9FFF).contains(u.value) { return .wide }
        switch u {
        case " ", "\t", "\u{3000}": return .space
        default: break
        }
        if alone {
            if TextWrap.closing.contains(u) { return .closing(wide: width == 2) }
            if TextWrap.opening.contains(u) { return .opening }
        }
        return width == 2 ? .wide : .narrow
    }

    /// A narrow word (letters, figures) is being read: a narrow character goes on with it.
    var inWord = false
    /// Opening marks wait for what they open: they go with it.
    var opening = false
    /// Blanks (or the start of a paragraph) came last: a closing mark cannot join what is
    /// before them.
    var afterSpace = true

    /// At the start of a paragraph, or of a line (what matters of the line before it, a blank
    /// or a word cut because it is wider than the line, is the same for what follows).
    public init() {}

    /// Takes the next character; true when a line may break before it.
    public mutating func next(_ kind: Kind) -> Bool {
        defer { if kind != .space { afterSpace = false } }
        switch kind {
        case .space:
            inWord = false
            opening = false
            afterSpace = true
            return false  // blanks stay at the end of the line they follow
        case .opening:
            let may = !opening
            inWord = false
            opening = true
            return may
        case .closing(let wide) where !opening:
            // Joins the word it closes (or the character before it); after blanks it starts one.
            let may = afterSpace
            inWord = wide ? false : (inWord || afterSpace)
            return may
        case .closing(let wide):
            opening = false
            inWord = !wide
            return false
        case .wide:
            let may = !opening
            inWord = false
            opening = false
            return may
        case .narrow:
            let may = !opening && !inWord
            inWord = true
            opening = false
            return may
        }
    }
}

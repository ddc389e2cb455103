import JixiaoCore

/// What a cell of the section shows of its text: its line breaks as spaces, and, when it is
/// wider than the column, as much as fits followed by "~".
///
/// Only the start of the text is read: a long text of 1.4 MB costs what its cell shows, not
/// its length (replacing its line breaks and measuring it whole took a second per frame).
enum CellText {
    static func fitted(_ text: String, width: Int) -> String {
        let scalars = text.unicodeScalars
        // A prefix of the text, by scalars, until it is known to be too wide. Its Characters
        // are the text's own except perhaps the last, which a mark further on may extend: it
        // is never counted, so what is clipped is what the whole text gives.
        var take = 2 * max(0, width) + 8
        while true {
            let end = scalars.index(scalars.startIndex, offsetBy: take, limitedBy: scalars.endIndex) ?? scalars.endIndex
            let shown = String(Substring(scalars[..<end])).replacingScalar("\n", with: " ")
            TextWork.add(shown.unicodeScalars.count)
            if end == scalars.endIndex {
                return ScreenBuffer.width(of: shown) > width ? clip(shown, width - 1) + "~" : shown
            }
            if shown.dropLast().reduce(0, { $0 + ScreenBuffer.width($1) }) > width { return clip(shown, width - 1) + "~" }
            take *= 2
        }
    }

    /// Columns `text` takes on one line, counted no further than `cap`: only the start of a
    /// long text is read.
    static func width(_ text: String, upTo cap: Int) -> Int {
        var w = 0
        for u in text.unicodeScalars {
            if TerminalText.isUnsafe(u.value) && u != "\n" && u != "\t" && u != "\r" {
                // Drawn as its escape (\u001B, six columns), as ScreenBuffer draws it: a column
                // measured without it would clip the cell.
                w += TerminalText.visible(String(u)).utf8.count
            } else if u.value < 0x80 {
                w += u.value >= 0x20 && u.value != 0x7F ? 1 : (u == "\n" || u == "\t" ? 1 : 0)
            } else {
                w += DisplayWidth.of(u)
            }
            if w >= cap { return cap }
        }
        return w
    }

    /// The longest prefix of `text` that fits in `width` columns (never half a character).
    static func clip<S: StringProtocol>(_ text: S, _ width: Int) -> String {
        var out = "", w = 0
        for c in text {
            let cw = ScreenBuffer.width(c)
            if w + cw > width { break }
            out.append(c)
            w += cw
        }
        return out
    }
}

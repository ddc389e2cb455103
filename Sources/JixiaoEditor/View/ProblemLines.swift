import JixiaoCore

/// The problem list's lines (F8): one line per problem, cut where a line may break (never
/// inside a number: "应为 100" is never shown as "应为 1") and marked "..." where cut; the
/// selected problem whole, over as many lines as it takes. Only ASCII marks the cut: "…" is
/// drawn double-width by many Chinese terminals.
enum ProblemLines {
    struct Line: Equatable {
        var text: String
        /// Which problem the line shows.
        var problem: Int
    }

    static func text(_ p: Problem, _ lang: Language) -> String {
        "\(p.severityName(lang)) \(p.pointer): \(p.message(lang))"
    }

    /// One line for a problem that is not selected.
    static func cut(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        let first = TextWrap.wrap(text, width: max(1, width - 3)).first ?? ""
        return first + "..."
    }

    /// The lines in a window of `rows`, the selected problem in view.
    static func layout(_ problems: [Problem], selected: Int, lang: Language, width: Int, rows: Int) -> [Line] {
        guard !problems.isEmpty, rows > 0, width > 0 else { return [] }
        let sel = min(max(0, selected), problems.count - 1)
        let whole = TextWrap.wrap(text(problems[sel], lang), width: width).prefix(rows)
        // Around the selected one, as much before as after; the window full at the list's end.
        var first = max(0, sel - (rows - whole.count) / 2)
        let shown = (sel - first) + whole.count + (problems.count - sel - 1)
        if shown < rows { first = max(0, first - (rows - shown)) }
        var out = [Line]()
        var n = first
        while out.count < rows && n < problems.count {
            if n == sel {
                out += whole.prefix(rows - out.count).map { Line(text: $0, problem: n) }
            } else {
                out.append(Line(text: cut(text(problems[n], lang), width: width), problem: n))
            }
            n += 1
        }
        return out
    }
}

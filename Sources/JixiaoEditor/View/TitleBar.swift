import JixiaoCore

extension EditorView {
    /// The title bar: " 绩效 | sheet title | unit | file", and the state of the file at its
    /// right end. When it is too narrow the sheet's title is cut first (it is the same for
    /// every sheet of a template), then the unit, and the file last, from its left: the file
    /// name is what tells two open sheets apart. The room for [已修改] is kept from the start,
    /// so that the mark appearing on the first edit covers nothing and moves nothing (a slow
    /// link gets a few bytes, not the whole line again).
    static func titleBar(_ s: EditorState, _ b: inout ScreenBuffer) {
        b.fill(x: 0, y: 0, count: s.width, style: .bar)
        let mark = s.readOnly ? s.lang.pick("[审阅·只读]", "[review, read-only]") : s.lang.pick("[已修改]", "[modified]")
        let markWidth = min(s.width, ScreenBuffer.width(of: mark) + 2)
        let line = titleLine(app: s.lang.pick("绩效", "Jixiao"), title: s.template.title(year: s.session.year),
                             unit: s.session.unit.isEmpty ? "-" : s.session.unit, path: s.path, room: s.width - markWidth)
        b.put(line, x: 0, y: 0, style: .bar, limit: s.width - markWidth)
        if s.readOnly || s.isDirty {
            b.put(mark, x: s.width - markWidth + 1, y: 0, style: .bar, limit: markWidth - 1)
        }
    }

    /// The title line in `room` columns: the sheet's title cut first, then the unit, then the
    /// path from its left.
    static func titleLine(app: String, title: String, unit: String, path: String, room: Int) -> String {
        func join(_ parts: [String]) -> String { " " + parts.filter { !$0.isEmpty }.joined(separator: " | ") }
        var parts = [app, title, unit, path]
        for k in [1, 2] {
            let over = ScreenBuffer.width(of: join(parts)) - room
            guard over > 0 else { return join(parts) }
            let keep = ScreenBuffer.width(of: parts[k]) - over
            // A cut part keeps at least four columns, or goes (with its separator).
            parts[k] = keep >= 4 ? CellText.clip(parts[k], keep - 1) + "~" : ""
        }
        let over = ScreenBuffer.width(of: join(parts)) - room
        guard over > 0 else { return join(parts) }
        // The path from its right: the file name first.
        var tail = ""
        for c in parts[3].reversed() {
            if ScreenBuffer.width(of: tail) + ScreenBuffer.width(c) + 1 > ScreenBuffer.width(of: parts[3]) - over { break }
            tail = String(c) + tail
        }
        parts[3] = "~" + tail
        return join(parts)
    }
}

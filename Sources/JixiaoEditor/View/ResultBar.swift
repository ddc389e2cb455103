import JixiaoCore

extension EditorView {
    /// The result bar: 执行率, 得分/分值 per 一级, 总分 and 等级, and the counts of errors and
    /// warnings; while a value being typed cannot be read, also what is wrong with it, at its
    /// right end. Figures are shown whole or not at all: when the line is too narrow, the tier
    /// scores go first, then the rate, then the counts, and the message is cut before 总分 is.
    static func resultBar(_ s: EditorState, _ b: inout ScreenBuffer) {
        let y = s.height - 2
        let c = s.preview ?? s.computed
        let errors = s.report.errorCount
        let warnings = s.report.count - errors
        let style: Style = errors > 0 ? .barError : .bar
        b.fill(x: 0, y: y, count: s.width, style: style)
        // (text, which goes first when there is no room: higher goes first)
        var parts = [(String, Int)]()
        let places = s.template.rounding.score
        // 执行率: the rate a score formula is computed from.
        for id in s.template.index.fieldOrder {
            if let f = s.template.index.fields[id], case .score(let rate, _, _)? = f.formula,
               let rf = s.template.index.fields[rate] {
                parts.append((s.lang.pick("执行率", "Exec ") + (FormBuilder.show(c.scalars[rate], rf).nonEmpty ?? "-") + "%", 2))
                break
            }
        }
        if let summary = c.indicators {
            var tiers = [String]()
            for tier in summary.tiers where tier.templateWeight != nil {
                let name = s.lang == .en ? (s.template.indicators?.tiers.first { $0.name == tier.name }?.nameEn ?? tier.name) : tier.name.replacing("指标", with: "")
                tiers.append("\(name) \(short(tier.score, places))/\(tier.templateWeight.map { "\($0)" } ?? "")")
            }
            if !tiers.isEmpty { parts.append((tiers.joined(separator: " "), 3)) }
        }
        let total = c.total.map { ExactDecimal.format($0, places: places) } ?? "-"
        parts.append((s.lang.pick("总分 \(total) \(c.grade ?? "")", "Total \(total) \(c.grade ?? "")"), 0))
        parts.append((s.lang.pick("错误\(errors) 警告\(warnings)", "Errors \(errors) Warnings \(warnings)"), 1))

        let note = inputError(s)
        let noteRoom = note.map { min(ScreenBuffer.width(of: $0) + 2, s.width / 2) } ?? 0
        func line(_ p: [(String, Int)]) -> String { " " + p.map(\.0).joined(separator: "  ") }
        while parts.count > 1, ScreenBuffer.width(of: line(parts)) + noteRoom > s.width,
              let worst = parts.indices.max(by: { parts[$0].1 < parts[$1].1 }) {
            parts.remove(at: worst)
        }
        let used = b.put(line(parts), x: 0, y: y, style: style, limit: s.width)
        guard let note else { return }
        let room = s.width - used - 3  // two blanks between the figures and the message
        guard room >= 4 else { return }
        let shown = ProblemLines.cut(note, width: room)
        b.put(shown, x: s.width - 1 - ScreenBuffer.width(of: shown), y: y, style: .barError, limit: room)
    }

    /// What is wrong with the value being typed, if anything: flagged at once, on the result bar.
    static func inputError(_ s: EditorState) -> String? {
        guard case .editing = s.mode, let m = s.message, m.isError else { return nil }
        return m.text
    }
}

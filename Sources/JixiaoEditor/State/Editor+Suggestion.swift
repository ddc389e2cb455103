import JixiaoCore

/// F4 on an indicator row takes its suggested 得分 (`ScoreSuggestion`): the user's choice,
/// made by a key, and only into an empty 得分. A typed 得分 is the unit's judgement and is never
/// written over; the status line shows the suggestion beside it all the same.
extension EditorState {
    /// The suggestion for the indicator row under the cursor, if the cursor is on one.
    public var currentSuggestion: ScoreSuggestion? {
        guard case .indicator(let n)? = currentRow?.source, session.indicators.indices.contains(n) else { return nil }
        return ScoreSuggestion.suggest(session.indicators[n], template)
    }

    mutating func takeSuggestion() {
        if readOnly { message = say("审阅模式只读：不能修改", "Review mode is read-only", error: true); return }
        guard case .indicator(let n)? = currentRow?.source, session.indicators.indices.contains(n) else {
            message = say("建议得分只在绩效指标行上（F4）", "Suggested scores are on indicator rows (F4)", error: true)
            return
        }
        let places = template.rounding.score
        guard let suggestion = currentSuggestion else {
            message = say("先填写分值，才有建议得分", "Fill in the weight first: the suggestion is a share of it", error: true)
            return
        }
        guard let score = suggestion.score else {
            message = Message(text: suggestion.hint(lang, places: places), isError: false)
            return
        }
        let shown = ExactDecimal.format(score, places: places)
        if let typed = session.indicators[n].score {
            message = say("得分已填为 \(typed)，不会被覆盖；建议得分 \(shown)。如要采纳，先清空得分（Delete）再按 F4",
                          "The score is already \(typed) and is not written over; the suggestion is \(shown). To take it, clear the score (Delete) and press F4",
                          error: true)
            return
        }
        let target = Target.indicator(row: n, key: "score")
        do {
            try applyEdit(target, shown)
        } catch {
            message = Message(text: lang.pick(error.message, error.messageEn), isError: true)
            return
        }
        if let (t, r, c) = position(of: target) { tab = t; row = r; col = c }
        message = say("已采纳\(suggestion.hint(.zh, places: places))", "Took the \(suggestion.hint(.en, places: places))")
    }
}

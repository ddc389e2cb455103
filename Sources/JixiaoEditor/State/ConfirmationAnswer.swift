import JixiaoCore

extension EditorState.Confirmation {
    /// What a key answers to a question.
    public enum Answer: Equatable, Sendable {
        /// Delete the row; restore the recovered edits; save, then quit.
        case yes
        /// Keep the row; discard the recovered edits; quit without saving.
        case no
        /// Show the recovered edits against the file first.
        case view
        /// Leave the question (quit: go back to the sheet).
        case cancel
        /// A key that answers nothing: the question stays.
        case ignore
    }

    /// The question's own update: a key read as an answer. Carrying it out is the editor's
    /// (`EditorState.confirm`). Only the keys the question names answer it: a y or n read as
    /// "no, do not quit" once threw a morning's edits away.
    public func answer(_ key: Key) -> Answer {
        switch self {
        case .deleteRow:
            return key == .char("y") || key == .char("Y") ? .yes : .no
        case .recover:
            switch key {
            case .char("r"), .char("R"): return .yes
            case .char("d"), .char("D"): return .no
            case .char("v"), .char("V"): return .view
            default: return .ignore
            }
        case .quit:
            switch key {
            case .char("s"), .char("S"): return .yes
            case .char("d"), .char("D"): return .no
            default: return .cancel
            }
        }
    }
}

import JixiaoCore

/// The F8 list of problems as a model of its own: which one is highlighted, moved by keys.
/// Jumping to a problem's cell is the editor's (`EditorState.problemList`).
public enum ProblemBrowser {
    public enum Step: Equatable, Sendable {
        /// Problem `n` highlighted, the list still open.
        case highlight(Int)
        /// Enter: to the cell of problem `n`.
        case jump(Int)
        case close
        /// A key the list does not use.
        case ignore
    }

    /// A key on the list of `count` problems with `selected` highlighted; `page` is how many
    /// lines Page Up and Page Down move.
    public static func update(selected: Int, key: Key, count: Int, page: Int) -> Step {
        let last = max(0, count - 1)
        switch KeyMap.action(for: key, in: .problems) {
        case .problemUp?: return .highlight(max(0, selected - 1))
        case .problemDown?: return .highlight(min(last, selected + 1))
        case .problemPageUp?: return .highlight(max(0, selected - page))
        case .problemPageDown?: return .highlight(min(last, selected + page))
        case .firstProblem?: return .highlight(0)
        case .lastProblem?: return .highlight(last)
        case .jumpToProblem?: return .jump(selected)
        case .close?: return .close
        default: return .ignore
        }
    }
}

import JixiaoCore

extension EditorState {
    /// The value being typed, committed as Enter (or, in the long-text editor, Tab) would
    /// commit it: for the last moments of a process that a signal or a lost terminal ends.
    /// A hang-up while the user types must not cost what is on the edit line; it goes into the
    /// recovery journal only, and opening the sheet again offers it with the rest. A value
    /// that would be refused stays out, as it would on Enter. True when something was kept.
    @discardableResult
    public mutating func commitTypedValue() -> Bool {
        switch mode {
        case .editing(let buffer):
            let before = revision
            _ = commit(buffer.text)
            return revision != before
        case .longText(let buffer, _):
            let before = revision
            _ = commit(buffer.text)
            return revision != before
        default:
            return false
        }
    }
}

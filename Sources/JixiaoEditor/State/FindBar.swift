import JixiaoCore

/// Ctrl-F's line as a model of its own: the text being typed, and the last search offered
/// again. Finding it on the sheet is the cursor's (`Cursor.find`).
public enum FindBar {
    public enum Step: Equatable, Sendable {
        /// Still typing (the text as it is now).
        case typing
        case cancel
        /// Enter: find this text (the last search again when nothing was typed).
        case search(String)
    }

    public static func update(_ buffer: inout TextBuffer, _ event: Event, lastSearch: String) -> Step {
        switch event {
        case .paste(let t): buffer.insert(t)
        case .key(let key):
            switch KeyMap.action(for: key, in: .find) {
            case .editText?: _ = buffer.edit(key)
            case .recallSearch?: buffer = TextBuffer(lastSearch)
            case .cancel?: return .cancel
            // Enter alone finds the last text again.
            case .search?: return .search(buffer.text.isEmpty ? lastSearch : buffer.text)
            default: break
            }
        case .resize, .outcome: break
        }
        return .typing
    }
}

/// What happened: a key, a paste or a new terminal size from the user (the terminal layer
/// turns raw input into these), or the outcome of a command the runtime carried out. `update`
/// takes nothing else, so tests drive the editor with them.
public enum Event: Equatable, Sendable {
    case key(Key)
    /// Text arriving at once (bracketed paste, or an input method committing a phrase).
    case paste(String)
    case resize(width: Int, height: Int)
    /// What became of a save or of the recovery journal.
    case outcome(Outcome)
}

public enum Key: Equatable, Sendable, Hashable {
    /// A printable character, Chinese included.
    case char(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown, insert
    /// F1 … F12.
    case function(Int)
    /// Ctrl with a letter: .ctrl("s").
    case ctrl(Character)
    /// Alt (Meta) with a key: .alt("x").
    case alt(Character)
    /// Alt with an arrow, for moving rows.
    case altUp, altDown
}

/// What the runtime reports back into `update` about the effects it carried out: effects
/// come back as events, so that the state (messages, what is saved, what the next Ctrl-S
/// does) changes in one place, and tests can play any outcome without a disk.
public enum Outcome: Equatable, Sendable {
    /// The bytes of a `.save` are on disk. `note` says what the user should know besides
    /// (the previous version kept elsewhere, or not at all).
    case saved(thenQuit: Bool, note: String?)
    /// Nothing was written, and why (磁盘已满, 没有权限 …). The edits stay in the editor.
    case saveFailed(reason: String)
    /// The file was changed or replaced by another program since it was read or saved:
    /// nothing was written; a second Ctrl-S overwrites it.
    case changedOnDisk
    /// The recovery journal could not be written, or went elsewhere than beside the sheet.
    case journal(String)
}

import Synchronization

/// How many characters (or bytes, when looking for line breaks) the editor has read to lay
/// text out, wrap it, or fit it in a cell. Tests read it around a key to check that a key
/// costs what is on screen and not the length of the text: the figure must not grow with a
/// long text that stays off screen.
public enum TextWork {
    private static let read = Atomic<Int>(0)

    /// The running total since the program started.
    public static var total: Int { read.load(ordering: .relaxed) }

    static func add(_ n: Int) {
        read.add(n, ordering: .relaxed)
    }
}

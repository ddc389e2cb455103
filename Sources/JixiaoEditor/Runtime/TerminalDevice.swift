/// What the editor's runtime needs of a terminal: show a grid of cells, read events, and say
/// when the terminal is gone or a signal has asked the program to end. The real one is
/// ncurses (JixiaoTerminal's `Terminal`); tests drive the runtime with a fake.
public protocol TerminalDevice: AnyObject {
    /// The size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows `buffer` (drawing only what changed since the last one).
    func present(_ buffer: ScreenBuffer)
    /// The next event, waiting at most `timeoutMilliseconds`; nil when none came in time. Once a
    /// termination signal has arrived it no longer waits: it returns what has already come.
    func readEvent(timeoutMilliseconds: Int32) -> Event?
    /// SIGHUP, SIGTERM, SIGINT or SIGQUIT, once one has arrived.
    var terminationSignal: Int32? { get }
    /// The terminal has gone away (a dropped SSH link, a closed window).
    var isHungUp: Bool { get }
    /// Checks the terminal's real size; true when it changed unnoticed.
    func syncSize() -> Bool
}

/// Milliseconds on a clock that only goes forward, for the journal's timing. Tests use their
/// own, so that a second passes in no time.
public protocol RuntimeClock: AnyObject {
    var milliseconds: UInt64 { get }
}

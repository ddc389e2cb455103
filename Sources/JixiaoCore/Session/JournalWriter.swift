import Dispatch
import Synchronization

/// Writes the recovery journal on a thread of its own, in order. Writing a 10,000-row sheet
/// takes some 40 ms; done in the key loop, it would hold up the keys typed meanwhile once a
/// second. The session handed over is a value (a copy costs nothing until either side
/// changes it). Removing goes through the same queue, so that a write still under way can
/// never bring a removed journal back, and `finish` waits for both before the editor exits.
public final class JournalWriter: Sendable {
    public let journal: RecoveryJournal
    private let queue = DispatchQueue(label: "jixiao.journal")
    private let failure = Mutex<FileError?>(nil)
    private let moved = Mutex<FileError?>(nil)

    public init(_ journal: RecoveryJournal) {
        self.journal = journal
    }

    public func write(_ session: Session, _ template: Template, base: SheetFingerprint?) {
        queue.async { [self] in
            record(journal.write(session, template, base: base))
        }
    }

    /// Writes now, on the caller's thread, after every write asked for before: for the last
    /// moments of a process that a signal is ending.
    @discardableResult
    public func writeNow(_ session: Session, _ template: Template, base: SheetFingerprint?) -> FileError? {
        queue.sync {
            let result = journal.write(session, template, base: base)
            record(result)
            return result.error
        }
    }

    private func record(_ result: RecoveryJournal.WriteResult) {
        failure.withLock { $0 = result.error }
        if let why = result.movedBecause { moved.withLock { $0 = why } }
    }

    public func remove() {
        queue.async { [self] in
            journal.remove()
            failure.withLock { $0 = nil }
        }
    }

    /// Waits for every write and removal asked for so far.
    public func finish() {
        queue.sync {}
    }

    /// The error of the last write, once: for the status line.
    public func takeError() -> FileError? {
        failure.withLock { e in
            defer { e = nil }
            return e
        }
    }

    /// Why the journal went to the private place instead of beside the sheet, once.
    public func takeMoved() -> FileError? {
        moved.withLock { e in
            defer { e = nil }
            return e
        }
    }
}

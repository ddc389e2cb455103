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

    public init(_ journal: RecoveryJournal) {
        self.journal = journal
    }

    public func write(_ session: Session, _ template: Template) {
        queue.async { [self] in
            let error = journal.write(session, template)
            failure.withLock { $0 = error }
        }
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
}

/// When the recovery journal is written: as soon as the user pauses (`pause` without a
/// committed edit or a key), and at the latest `latest` after the first committed edit not
/// yet in it, so that typing never waits for the disk and no committed edit is more than a
/// second from it. Pure: the runtime tells it what happened and when.
public struct JournalSchedule: Equatable, Sendable {
    public static let pause: UInt64 = 100
    public static let latest: UInt64 = 1000

    /// When the oldest committed edit not yet in the journal was made.
    public private(set) var pendingSince: UInt64?
    /// When the last event came.
    public private(set) var lastActivity: UInt64 = 0

    public init() {}

    /// Something happened at `now`; `committed` when it changed the sheet (or undid a change).
    public mutating func event(at now: UInt64, committed: Bool) {
        lastActivity = now
        if committed && pendingSince == nil { pendingSince = now }
    }

    /// Whether the journal is to be written now.
    public func isDue(at now: UInt64) -> Bool {
        guard let since = pendingSince else { return false }
        return now &- lastActivity >= Self.pause || now &- since >= Self.latest
    }

    /// How long the runtime may wait for the next event before the journal falls due.
    public func wait(at now: UInt64) -> Int32 {
        guard let since = pendingSince else { return 1000 }
        let byPause = (lastActivity &+ Self.pause) &- min(now, lastActivity &+ Self.pause)
        let byLatest = (since &+ Self.latest) &- min(now, since &+ Self.latest)
        return Int32(max(1, min(byPause, byLatest)))
    }

    /// The journal was written, or the sheet was saved (nothing is pending then either).
    public mutating func written() {
        pendingSince = nil
    }
}

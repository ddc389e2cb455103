#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials

/// Who is editing a sheet: `.NAME.lock` next to it holds the user, host and process. A second
/// `jixiao edit` of the same sheet opens it read-only and says who holds it; a lock left by
/// a process that no longer runs (on this host) is recognised and taken over.
public final class SheetLock: @unchecked Sendable {
    public struct Holder: Equatable, Sendable {
        public var user: String
        public var host: String
        public var pid: Int32
        public var since: String

        public var description: String { "\(user)@\(host)（进程 \(pid)，自 \(since)）" }
        public var descriptionEn: String { "\(user)@\(host) (process \(pid), since \(since))" }
    }

    public enum Outcome {
        /// We hold the lock (taking over a stale one if `tookOver`).
        case acquired(SheetLock, tookOver: Holder?)
        /// Someone else holds it: open read-only.
        case heldBy(Holder)
        /// No lock could be made (a read-only folder): go on, but say so.
        case unavailable(String)
    }

    public let path: String
    private var released = false

    init(path: String) { self.path = path }

    public static func lockPath(for sheet: String) -> String {
        let absolute = URL(fileURLWithPath: sheet).standardizedFileURL.path
        return PathComponents.appending(".\(PathComponents.last(absolute)).lock", to: PathComponents.deletingLast(absolute))
    }

    public static func acquire(for sheet: String) -> Outcome {
        let path = lockPath(for: sheet)
        var tookOver: Holder?
        for _ in 0..<3 {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                let me = current()
                let text = "{\"user\": \"\(me.user)\", \"host\": \"\(me.host)\", \"pid\": \(me.pid), \"since\": \"\(me.since)\"}\n"
                _ = text.withCString { write(fd, $0, strlen($0)) }
                fsync(fd)
                close(fd)
                return .acquired(SheetLock(path: path), tookOver: tookOver)
            }
            guard errno == EEXIST else { return .unavailable(String(cString: strerror(errno))) }
            guard let holder = read(path) else {
                // Unreadable or half-written lock: treat as stale.
                unlink(path)
                continue
            }
            if holder.host == current().host && !isAlive(holder.pid) {
                tookOver = holder
                unlink(path)
                continue
            }
            return .heldBy(holder)
        }
        return .unavailable("lock contention")
    }

    public func release() {
        guard !released else { return }
        released = true
        // Only our own lock is removed.
        if let h = SheetLock.read(path), h.pid == getpid(), h.host == SheetLock.current().host { unlink(path) }
    }

    deinit { release() }

    static func read(_ path: String) -> Holder? {
        guard let bytes = try? AtomicFile.read(path), let doc = try? JSONParser.parse(bytes), let o = doc.objectValue,
              let user = o["user"]?.stringValue, let host = o["host"]?.stringValue,
              let pidText = o["pid"]?.numberLiteral, let pid = Int32(pidText) else { return nil }
        return Holder(user: user, host: host, pid: pid, since: o["since"]?.stringValue ?? "")
    }

    static func isAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    static func current() -> Holder {
        var buf = [CChar](repeating: 0, count: 256)
        gethostname(&buf, buf.count - 1)
        let host = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? String(getuid())
        return Holder(user: jsonSafe(user), host: jsonSafe(host), pid: getpid(), since: localTime(time(nil)))
    }

    /// "2026-11-25 14:07" in local time, through the C library: Foundation's date formatting
    /// would load its ICU data, several megabytes, for one timestamp.
    public static func localTime(_ t: time_t) -> String {
        var when = t
        var parts = tm()
        localtime_r(&when, &parts)
        var buf = [CChar](repeating: 0, count: 32)
        let n = strftime(&buf, buf.count, "%Y-%m-%d %H:%M", &parts)
        return String(decoding: buf.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func jsonSafe(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0 != "\"" && $0 != "\\" && $0.value >= 0x20 }.map(Character.init))
    }
}

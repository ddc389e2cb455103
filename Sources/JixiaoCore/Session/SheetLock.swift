#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials

/// Who is writing a sheet. One writer at a time: an editor for as long as it is open, or a
/// `jixiao set` / `format` for the moment of its read, change and write.
///
/// The lock is the kernel's (flock on `.NAME.lock` beside the sheet), so that exactly one
/// process holds it, whatever the timing, and it is freed when its process ends, however it
/// ends: no stale lock to guess about. The file's text only says who holds it (user, host,
/// process, what for), for the messages of those who find it taken. A lock that cannot be
/// taken is reported, never assumed.
public final class SheetLock: @unchecked Sendable {
    public struct Holder: Equatable, Sendable {
        public var user: String
        public var host: String
        public var pid: Int32
        public var since: String
        /// "edit", "set", "format": an editor holds a sheet for long, a command for a moment.
        public var command: String

        public var isEditor: Bool { command == "edit" }
        public var description: String {
            // Only the owner is known of a lock file we may not read.
            if pid == 0 { return "用户 \(user)（锁文件无法读取）" }
            return "\(user)@\(host)（进程 \(pid)\(isEditor ? "" : "，jixiao \(command)")，自 \(since)）"
        }
        public var descriptionEn: String {
            if pid == 0 { return "user \(user) (the lock file cannot be read)" }
            return "\(user)@\(host) (process \(pid)\(isEditor ? "" : ", jixiao \(command)"), since \(since))"
        }
    }

    public enum Outcome {
        /// We hold the lock. `previous` is who held it last and ended without giving it back
        /// (a crash, kill -9); `note` says what the user should know (a private lock was used
        /// because something was in the way; the holder could not be written).
        case acquired(SheetLock, previous: Holder?, note: FileError?)
        /// Someone else holds it; nil when the lock file does not say who.
        case heldBy(Holder?)
        /// No lock could be had, and why: the caller decides whether to go on without one.
        case unavailable(FileError)
    }

    public let path: String
    private var fd: Int32
    private var ownsFile: Bool

    private init(path: String, fd: Int32, ownsFile: Bool) {
        self.path = path
        self.fd = fd
        self.ownsFile = ownsFile
    }

    /// `.NAME.lock` beside the sheet (the real file, links resolved).
    public static func lockPath(for sheet: String) -> String {
        let absolute = SideFile.resolvedSheet(sheet)
        return PathComponents.appending(".\(PathComponents.last(absolute)).lock", to: PathComponents.deletingLast(absolute))
    }

    /// Takes the sheet's lock for `command`. When it is taken, `waitMilliseconds` waits for a
    /// holder that is not an editor (another `set` in a script's loop) to be done.
    public static func acquire(for sheet: String, command: String, waitMilliseconds: Int = 0) -> Outcome {
        let absolute = SideFile.resolvedSheet(sheet)
        let local = lockPath(for: sheet)
        // As open as the sheet and no more, and writable by nobody else: whoever may read the
        // sheet may see who edits it. For the sheet's group, or for none (see attempt).
        let sheet = FileStatus.of(absolute)
        let mode = (sheet?.permissions ?? 0o644) & 0o644 | 0o600
        switch acquire(at: local, mode: mode, group: sheet?.group, command: command, waitMilliseconds: waitMilliseconds) {
        case .done(let outcome):
            return outcome
        case .inTheWay(let why):
            // Something not ours stands in the lock's place (a planted link or FIFO): lock in
            // the private place instead, where every jixiao of this user meets, and say why.
            do {
                let folder = try SideFile.privateFolder("locks")
                let privatePath = PathComponents.appending(SideFile.flatName(absolute, suffix: ".lock"), to: folder)
                switch acquire(at: privatePath, mode: 0o600, group: nil, command: command, waitMilliseconds: waitMilliseconds) {
                case .done(.acquired(let lock, let previous, _)):
                    return .acquired(lock, previous: previous, note: FileError(path: local, message: why.message + "；改用 \(privatePath)", messageEn: why.messageEn + "; using \(privatePath) instead"))
                case .done(let other):
                    return other
                case .inTheWay(let e):
                    return .unavailable(e)
                }
            } catch {
                return .unavailable(why)
            }
        }
    }

    private enum Attempt {
        case done(Outcome)
        /// A link, FIFO, device or hard link at the lock's place: never used.
        case inTheWay(FileError)
    }

    private static func acquire(at path: String, mode: mode_t, group: gid_t?, command: String, waitMilliseconds: Int) -> Attempt {
        let start = MonotonicClock.now()
        var previous: Holder?
        while true {
            // Looked at before it is opened: a FIFO planted here is never opened at all. (One
            // put there after this look is caught below, by what the open descriptor is.)
            if let there = FileStatus.of(link: path), !there.isRegular {
                return .inTheWay(there.isSymbolicLink ? .symbolicLink(path) : .notRegular(path, there.mode))
            }
            // O_NOFOLLOW: a link planted here is refused; O_NONBLOCK: a FIFO does not stop us.
            var writable = true
            var fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode)
            if fd < 0 && (errno == EACCES || errno == EROFS) {
                // Another user's lock (we may read it), or a folder we may not write.
                writable = false
                fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
                if fd < 0 && errno == ENOENT { fd = -2 }
            }
            if fd == -2 {
                return .done(.unavailable(.errno(path, "无法创建锁文件", "cannot create the lock file", EACCES)))
            }
            if fd < 0 {
                let code = errno
                if code == ELOOP { return .inTheWay(.symbolicLink(path)) }
                if code == EACCES, let st = FileStatus.of(link: path) {
                    // There, but not ours to read: its owner is most likely editing.
                    return .done(.heldBy(Holder(user: FileStatus.userName(st.owner), host: "", pid: 0, since: "", command: "")))
                }
                return .done(.unavailable(.errno(path, "无法打开锁文件", "cannot open the lock file", code)))
            }
            guard let st = FileStatus.of(descriptor: fd), st.isRegular else {
                let mode = FileStatus.of(descriptor: fd)?.mode ?? 0
                close(fd)
                return .inTheWay(.notRegular(path, mode))
            }
            if st.isOurs, let group, st.group != group, st.group == getegid(), fchown(fd, uid_t.max, group) != 0 {
                // Made with this user's group, not the sheet's: no group may read it then.
                _ = fchmod(fd, st.permissions & ~0o070)
            }
            if st.links != 1 {
                close(fd)
                return .inTheWay(SideFile.inTheWay(path, st))
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                guard code == EWOULDBLOCK || code == EAGAIN else {
                    close(fd)
                    return .done(.unavailable(.errno(path, "无法加锁", "cannot lock", code)))
                }
                // A command's lock lasts a moment; an editor's is not waited for; one without a
                // holder yet (just being written, or a full disk) is waited for a little.
                let holder = readHolder(fd)
                let limit = holder.map { $0.isEditor ? 0 : waitMilliseconds } ?? max(200, min(waitMilliseconds, 1000))
                let left = limit - start.millisecondsElapsed
                guard left > 0, waitInLine(fd, milliseconds: left) else {
                    close(fd)
                    return .done(.heldBy(holder))
                }
            }
            // We hold the kernel's lock on this file. It must still be the one at the path:
            // a holder that just finished removed it, and a new one may stand there now.
            guard let now = FileStatus.of(link: path), now.isSameFile(as: st) else {
                close(fd)
                continue
            }
            let last = readHolder(fd)
            if let last, last.pid != getpid() || last.host != current(command).host { previous = last }
            if !writable {
                // Another user's lock file, no longer held: make our own in its place if the
                // folder lets us, so that others see who holds it now.
                if unlink(path) == 0 {
                    close(fd)
                    continue
                }
                let note = FileError(path: path, message: "已加锁，但锁文件属于另一用户，无法写入持有人", messageEn: "locked, but the lock file belongs to another user and does not name the holder")
                return .done(.acquired(SheetLock(path: path, fd: fd, ownsFile: false), previous: previous, note: note))
            }
            let note = writeHolder(fd, current(command), path: path)
            return .done(.acquired(SheetLock(path: path, fd: fd, ownsFile: true), previous: previous, note: note))
        }
    }

    /// Waits for the kernel's lock on `fd` for at most `milliseconds`, in the kernel's queue:
    /// first come, first served, so that of two scripts running `set` in a loop neither waits
    /// for ever while the other takes the lock again and again (as polling would allow). The
    /// wait is cut by a timer signal, whose handler does nothing but interrupt it.
    static func waitInLine(_ fd: Int32, milliseconds: Int) -> Bool {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: the signal ends the wait
        var previous = sigaction()
        sigaction(SIGALRM, &action, &previous)
        var timer = itimerval()
        timer.it_value.tv_sec = milliseconds / 1000
        timer.it_value.tv_usec = (milliseconds % 1000) * 1000
        setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &timer, nil)
        let got = flock(fd, LOCK_EX) == 0
        var off = itimerval()
        setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &off, nil)
        sigaction(SIGALRM, &previous, nil)
        return got
    }

    /// Gives the lock back and removes the file while still holding it, so that nobody can
    /// lock the file in the moment between (whoever opened it meanwhile sees it gone and
    /// starts again).
    public func release() {
        guard fd >= 0 else { return }
        if ownsFile, let st = FileStatus.of(descriptor: fd), let there = FileStatus.of(link: path), there.isSameFile(as: st) {
            unlink(path)
        }
        close(fd)
        fd = -1
    }

    deinit { release() }

    /// Who holds a sheet's lock now, if anyone: for `jixiao set` to name an editor.
    public static func holder(of sheet: String) -> Holder? {
        let path = lockPath(for: sheet)
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard FileStatus.of(descriptor: fd)?.isRegular == true else { return nil }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 { return nil }  // nobody holds it
        return readHolder(fd)
    }

    static func readHolder(_ fd: Int32) -> Holder? {
        guard let bytes = try? AtomicFile.readAll(fd, path: "", limit: 4096), let doc = try? JSONParser.parse(bytes), let o = doc.objectValue,
              let user = o["user"]?.stringValue, let host = o["host"]?.stringValue,
              let pidText = o["pid"]?.numberLiteral, let pid = Int32(pidText) else { return nil }
        return Holder(user: user, host: host, pid: pid, since: o["since"]?.stringValue ?? "", command: o["command"]?.stringValue ?? "edit")
    }

    /// Writes who holds the lock. A failure (a full disk) does not undo the lock, which the
    /// kernel holds whatever the file says, but it is reported.
    static func writeHolder(_ fd: Int32, _ me: Holder, path: String) -> FileError? {
        let doc = JSONValue.object(JSONObject([
            ("user", .string(me.user)), ("host", .string(me.host)), ("pid", .number(String(me.pid))),
            ("since", .string(me.since)), ("command", .string(me.command)),
        ]))
        let bytes = Array((JSONWriter.compact(doc) + "\n").utf8)
        guard ftruncate(fd, 0) == 0 else { return .errno(path, "已加锁，但无法写入持有人", "locked, but the holder could not be written") }
        let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard n == bytes.count else {
            let code = n < 0 ? errno : ENOSPC
            _ = ftruncate(fd, 0)
            return .errno(path, "已加锁，但无法写入持有人", "locked, but the holder could not be written", code)
        }
        // Not synced: the holder only names who holds the kernel's lock, and after a crash of
        // the machine nobody does. The sync cost half a millisecond of every editor's start.
        return nil
    }

    static func current(_ command: String) -> Holder {
        var buf = [CChar](repeating: 0, count: 256)
        gethostname(&buf, buf.count - 1)
        let host = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let user = getenv("USER").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? FileStatus.userName(geteuid())
        return Holder(user: user, host: host, pid: getpid(), since: localTime(time(nil)), command: command)
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
}

/// A monotonic instant, for waiting a bounded time.
struct MonotonicClock {
    let nanoseconds: UInt64

    static func now() -> MonotonicClock {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return MonotonicClock(nanoseconds: UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec))
    }

    var millisecondsElapsed: Int { Int((MonotonicClock.now().nanoseconds - nanoseconds) / 1_000_000) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes, safe in a folder shared with others.
///
/// A write goes to a fresh temporary file in the same folder (created with O_EXCL, so never
/// through a link someone planted), is flushed to disk (fsync), then renamed over the target,
/// and the folder is flushed so the rename itself survives a power cut. Whatever happens, the
/// target is either the old file or the new one, never a mixture.
///
/// Reads open without blocking and read regular files only: a FIFO planted where a sheet or
/// a journal belongs would otherwise stop the program for ever.
public enum AtomicFile {
    /// Largest file read: a 10,000-row sheet is 2.4 MB, so 16 MB is far beyond any real sheet
    /// and keeps a hostile 50 MB file from taking the machine's memory and time. What the
    /// program writes for itself to read again (sheets, journals) is held to the same limit,
    /// so that it never writes a file it would then refuse.
    public static let maxReadBytes = 16 << 20

    /// Reads a regular file whole. `followLinks: false` for our own side files: a symbolic
    /// link there was planted by someone else and is refused.
    public static func read(_ path: String, followLinks: Bool = true, limit: Int = maxReadBytes) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (followLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else {
            if !followLinks && errno == ELOOP { throw .symbolicLink(path) }
            throw .errno(path, "无法打开文件", "cannot open the file")
        }
        defer { close(fd) }
        return try readAll(fd, path: path, limit: limit)
    }

    /// Reads what an open file holds, from its start; refuses anything but a regular file.
    public static func readAll(_ fd: Int32, path: String, limit: Int = maxReadBytes) throws(FileError) -> [UInt8] {
        guard let st = FileStatus.of(descriptor: fd) else { throw .errno(path, "无法读取文件信息", "cannot stat the file") }
        if st.isFolder { throw .folder(path) }
        guard st.isRegular else { throw .notRegular(path, st.mode) }
        if st.size > Int64(limit) { throw .tooLarge(path, limit: limit) }
        var out = [UInt8]()
        out.reserveCapacity(Int(st.size))
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .errno(path, "读取失败", "read failed")
            }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
            offset += off_t(n)
            if out.count > limit { throw .tooLarge(path, limit: limit) }
        }
        return out
    }

    /// How a write treats what is already there.
    public struct Options: Sendable {
        /// Refuse to replace an existing file (`jixiao new` never overwrites).
        public var exclusive = false
        /// Follow a symbolic link at the target and update the file it leads to: right for a
        /// sheet (the user may have made the link), wrong for our side files, where a link was
        /// planted; without it, a link there is replaced, never written through.
        public var followLinks = true
        /// Refuse more bytes than this: what the program must be able to read back.
        public var maxBytes: Int?
        /// The permissions the file gets, narrowed by the umask: side files pass the sheet's
        /// own, so that they are never more open than it, whatever stood there before. nil: a
        /// replaced file keeps its own exactly, a new one gets 0666 narrowed by the umask.
        public var mode: mode_t?
        /// The group the file is for (a side file's sheet's): given where this user may; where
        /// not, the file gets no group permissions at all, never those of another group.
        public var group: gid_t?

        public init(exclusive: Bool = false, followLinks: Bool = true, maxBytes: Int? = nil, mode: mode_t? = nil, group: gid_t? = nil) {
            self.exclusive = exclusive
            self.followLinks = followLinks
            self.maxBytes = maxBytes
            self.mode = mode
            self.group = group
        }

        /// One of our side files (journal, backup) of a sheet: never through a link, never
        /// more open than the sheet and never writable by others, for the sheet's group only,
        /// and readable again by this program. Without the sheet (gone): this user's alone.
        public static func sideFile(of sheet: FileStatus?) -> Options {
            Options(followLinks: false, maxBytes: AtomicFile.maxReadBytes, mode: (sheet?.permissions ?? 0o600) & 0o644, group: sheet?.group)
        }

        /// A session file: readable again by this program.
        public static var sheet: Options { Options(maxBytes: AtomicFile.maxReadBytes) }
    }

    public static func write(_ bytes: [UInt8], to path: String, exclusive: Bool) throws(FileError) {
        try write(bytes, to: path, Options(exclusive: exclusive))
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to requested: String, _ options: Options = Options()) throws(FileError) {
        let path = requested  // messages name the path the user gave
        if let max = options.maxBytes, bytes.count > max {
            throw FileError(path: path,
                            message: "保存后的文件将有 \(megabytes(bytes.count)) MB，超过本程序能读取的 \(max >> 20) MB 上限：未写入",
                            messageEn: "the saved file would be \(megabytes(bytes.count)) MB, over the \(max >> 20) MB this program can read back: not written",
                            code: EFBIG)
        }
        var target = requested
        if options.followLinks && !options.exclusive { target = try followed(requested) }
        let dir = PathComponents.deletingLast(target)
        let base = PathComponents.last(target)
        var existing: FileStatus?
        if let st = FileStatus.of(link: target) {
            if st.isFolder { throw .folderInTheWay(path) }
            if options.exclusive { throw .exists(path) }
            if st.isRegular {
                guard st.isWritable(at: target) else {
                    throw FileError(path: path, message: "文件是只读的（权限 \(octal(st.permissions))），不会替换", messageEn: "the file is read-only (mode \(octal(st.permissions))) and will not be replaced", code: EACCES)
                }
                existing = st
            } else if !st.isSymbolicLink {
                throw .notRegular(path, st.mode)
            }
            // A symbolic link left here (followLinks off, or one that leads nowhere) is replaced
            // by the rename below: the link itself, never what it points to.
        }
        let folder = dir.isEmpty ? "." : dir
        TemporaryFile.removeStale(for: base, in: folder)
        let keep = options.mode == nil ? existing : nil
        let temp = try TemporaryFile.create(for: base, in: folder, mode: options.mode ?? keep?.permissions ?? 0o666, reportAs: path)
        var ok = false
        defer {
            if !ok { unlink(temp.path) }
        }
        if let existing = keep {
            // The replaced file's own permissions, exactly (the umask narrowed the new one), and
            // its group where this user may set it: a sheet shared by a group stays shared.
            // Where it may not, the group permissions go: they would be another group's.
            // Root keeps the owner too, so that an administrator's edit does not take a
            // user's sheet away from them.
            var permissions = existing.permissions
            if geteuid() == 0 { _ = fchown(temp.fd, existing.owner, existing.group) }
            else if existing.group != getegid() && fchown(temp.fd, uid_t.max, existing.group) != 0 { permissions &= ~0o070 }
            _ = fchmod(temp.fd, permissions)
        } else if let group = options.group, group != getegid(), fchown(temp.fd, uid_t.max, group) != 0,
                  let made = FileStatus.of(descriptor: temp.fd) {
            _ = fchmod(temp.fd, made.permissions & ~0o070)
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.write(temp.fd, base + written, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(temp.fd)
                throw .errno(path, "写入失败", "write failed", code)
            }
            written += n
        }
        if fsync(temp.fd) != 0 {
            let code = errno
            close(temp.fd)
            throw .errno(path, "写入磁盘失败", "flushing to disk failed", code)
        }
        if close(temp.fd) != 0 { throw .errno(path, "写入失败", "write failed") }
        if options.exclusive {
            // link() fails if the target appeared meanwhile: still never overwrites.
            if link(temp.path, target) != 0 {
                let code = errno
                // FAT and exFAT (a USB stick) and some network folders have no hard links: the
                // file is made with O_EXCL and written in place instead, still never over one.
                guard code == EPERM || code == EOPNOTSUPP || code == ENOSYS else { throw .errno(path, "无法创建文件", "cannot create the file", code) }
                try writeNew(bytes, at: target, mode: FileStatus.of(link: temp.path)?.permissions ?? 0o600, reportAs: path)
            }
            unlink(temp.path)
        } else if rename(temp.path, target) != 0 {
            throw .errno(path, "无法替换文件", "cannot replace the file")
        }
        ok = true
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    /// The file a path leads to, links resolved: a sheet may be a link the user made. Not a
    /// link someone else planted in a shared folder (sticky and writable by all, as /tmp):
    /// there, as the kernel's protected_symlinks rule has it for opening, only a link of this
    /// user's or of the folder's owner is followed. (realpath reads links without that rule.)
    static func followed(_ requested: String) throws(FileError) -> String {
        if let link = FileStatus.of(link: requested), link.isSymbolicLink, !link.isOurs,
           let folder = FileStatus.of(PathComponents.deletingLast(requested).isEmpty ? "." : PathComponents.deletingLast(requested)),
           folder.mode & mode_t(S_ISVTX) != 0, folder.permissions & 0o002 != 0, link.owner != folder.owner {
            let who = FileStatus.userName(link.owner)
            throw FileError(path: requested, message: "这是用户 \(who) 在共享文件夹中放的符号链接，不会通过它写入",
                            messageEn: "this is a symbolic link that user \(who) put in a shared folder; nothing is written through it", code: ELOOP)
        }
        guard let real = realpath(requested, nil) else { return requested }
        defer { free(real) }
        return String(cString: real)
    }

    /// A new file written in place, made with O_EXCL: for where hard links cannot be made. A
    /// failed write removes what was made.
    static func writeNew(_ bytes: [UInt8], at target: String, mode: mode_t, reportAs path: String) throws(FileError) {
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .errno(path, "无法创建文件", "cannot create the file") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.write(fd, base + written, raw.count - written)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let code = errno
                close(fd)
                unlink(target)
                throw .errno(path, "写入失败", "write failed", code)
            }
            written += n
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let code = errno
            unlink(target)
            throw .errno(path, "写入磁盘失败", "flushing to disk failed", code)
        }
    }

    /// Keeps the version about to be replaced as `backup`: a hard link to it, so that it costs
    /// no copy and the sheet is never absent, or a copy where a link cannot be made. The
    /// backup is one of our side files: a link or a file of someone else's at its place is
    /// never written through, and is reported instead (the caller then keeps the backup in a
    /// private place).
    public static func keepBackup(of sheet: String, at backup: String) throws(FileError) {
        let target = try followed(sheet)
        guard let current = FileStatus.of(link: target), current.isRegular else { return }  // nothing to keep
        if let there = FileStatus.of(link: backup) {
            guard there.isSameFile(as: current) || SideFile.isOurOwn(there) else { throw SideFile.inTheWay(backup, there) }
            if unlink(backup) != 0 { throw .errno(backup, "无法替换备份文件", "cannot replace the backup") }
        }
        if link(target, backup) == 0 { return }
        // No hard link (another user's sheet under protected_hardlinks, a file system without
        // them): a copy, through a fresh temporary file and a rename, never through a link.
        let old = try read(target)
        try write(old, to: backup, .sideFile(of: current))
    }

    static func megabytes(_ n: Int) -> String {
        let tenths = (n * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func octal(_ mode: mode_t) -> String {
        let s = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

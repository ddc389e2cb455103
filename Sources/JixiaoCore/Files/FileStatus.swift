#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path is, looked at without following a final symbolic link (lstat), or what an open
/// file is (fstat).
public struct FileStatus: Sendable, Equatable {
    public var mode: mode_t
    public var owner: uid_t
    public var group: gid_t
    public var links: Int
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: Int

    init(_ st: stat) {
        mode = st.st_mode
        owner = st.st_uid
        group = st.st_gid
        links = Int(st.st_nlink)
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        modified = st.st_mtim.tv_sec
    }

    /// The path itself (a symbolic link is reported as one); nil when nothing is there.
    public static func of(link path: String) -> FileStatus? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return FileStatus(st)
    }

    /// What the path leads to, links followed; nil when nothing is there.
    public static func of(_ path: String) -> FileStatus? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStatus(st)
    }

    public static func of(descriptor fd: Int32) -> FileStatus? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return FileStatus(st)
    }

    public var isRegular: Bool { mode & S_IFMT == S_IFREG }
    public var isFolder: Bool { mode & S_IFMT == S_IFDIR }
    public var isSymbolicLink: Bool { mode & S_IFMT == S_IFLNK }
    public var permissions: mode_t { mode & 0o777 }
    public var isOurs: Bool { owner == geteuid() }

    /// Same file: same device and inode.
    public func isSameFile(as other: FileStatus) -> Bool {
        device == other.device && inode == other.inode
    }

    /// Whether this process may write the file. Root may write anything, so for root a file
    /// without any write permission counts as read-only, as it does in editors: a sheet made
    /// read-only (chmod a-w) is not to be replaced by `jixiao set` or a save.
    public func isWritable(at path: String) -> Bool {
        if geteuid() == 0 { return mode & 0o222 != 0 }
        return faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0
    }

    /// "FIFO", "字符设备" … for messages.
    static func kindName(_ mode: mode_t) -> (String, String) {
        switch mode & S_IFMT {
        case S_IFIFO: return ("命名管道 FIFO", "a FIFO")
        case S_IFCHR: return ("字符设备", "a character device")
        case S_IFBLK: return ("块设备", "a block device")
        case S_IFSOCK: return ("套接字", "a socket")
        case S_IFDIR: return ("文件夹", "a folder")
        case S_IFLNK: return ("符号链接", "a symbolic link")
        default: return ("特殊文件", "a special file")
        }
    }

    /// The name of a user, for messages ("另一用户 alice 的文件"); the number when unknown.
    public static func userName(_ uid: uid_t) -> String {
        var pw = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 1024)
        if getpwuid_r(uid, &pw, &buffer, buffer.count, &result) == 0, result != nil, let name = pw.pw_name {
            return String(cString: name)
        }
        return String(uid)
    }
}

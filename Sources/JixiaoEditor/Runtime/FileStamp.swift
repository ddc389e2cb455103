#if canImport(Glibc)
import Glibc
#endif

/// Identity and version of a file on disk, to notice it being changed or replaced behind the
/// editor's back between its reading and its saving.
public struct FileStamp: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int
    var modifiedNanos: Int

    public init?(_ path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        modified = st.st_mtim.tv_sec
        modifiedNanos = st.st_mtim.tv_nsec
    }

    /// Seconds since 1970 of the last change.
    public var modifiedSeconds: Int { modified }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// A file I/O failure, with the path and the system's reason.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var messageEn: String

    public var description: String { "\(path): \(message)" }
    public func render(_ lang: Language) -> String { "\(path): \(lang.pick(message, messageEn))" }

    static func errno(_ path: String, _ what: String, _ whatEn: String, _ code: Int32 = Glibc.errno) -> FileError {
        let reasonEn = String(cString: strerror(code))
        return FileError(path: path, message: "\(what)：\(reasonZh(code) ?? reasonEn)", messageEn: "\(whatEn): \(reasonEn)")
    }

    /// The system's reason in Chinese for the failures an accountant will actually meet.
    static func reasonZh(_ code: Int32) -> String? {
        switch code {
        case ENOENT: return "文件或文件夹不存在"
        case EACCES, EPERM: return "没有权限"
        case ENOSPC: return "磁盘已满"
        case EDQUOT: return "磁盘配额已用完"
        case EROFS: return "文件系统是只读的"
        case EISDIR: return "这是一个文件夹"
        case ENOTDIR: return "路径中的某一级不是文件夹"
        case ENAMETOOLONG: return "文件名过长"
        case EIO: return "磁盘读写错误"
        case ELOOP: return "符号链接层数过多"
        default: return nil
        }
    }
}

/// Whole-file reads and atomic writes.
///
/// A write goes to a temporary file in the same folder, is flushed to disk (fsync), then
/// renamed over the target, and the folder is flushed so the rename itself survives a power
/// cut. Whatever happens, the target is either the old file or the new one, never a mixture.
public enum AtomicFile {
    /// Largest file read: a 10,000-row sheet is 2.4 MB, so 16 MB is far beyond any real sheet
    /// and keeps a hostile 50 MB file from taking the machine's memory and time.
    public static let maxReadBytes = 16 << 20

    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .errno(path, "无法打开文件", "cannot open the file") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .errno(path, "无法读取文件信息", "cannot stat the file") }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw FileError(path: path, message: "这是一个文件夹，不是文件", messageEn: "this is a folder, not a file")
        }
        if Int(st.st_size) > maxReadBytes {
            throw FileError(path: path, message: "文件过大（超过 \(maxReadBytes >> 20) MB）", messageEn: "the file is too large (over \(maxReadBytes >> 20) MB)")
        }
        var out = [UInt8]()
        out.reserveCapacity(Int(st.st_size))
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .errno(path, "读取失败", "read failed")
            }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
            if out.count > maxReadBytes {
                throw FileError(path: path, message: "文件过大（超过 \(maxReadBytes >> 20) MB）", messageEn: "the file is too large (over \(maxReadBytes >> 20) MB)")
            }
        }
        return out
    }

    /// Writes `bytes` to `path` atomically. `exclusive` refuses to replace an existing file
    /// (for `new`, which never overwrites).
    public static func write(_ bytes: [UInt8], to requested: String, exclusive: Bool = false, backup: String? = nil) throws(FileError) {
        // Writing through a symbolic link updates the file it points to, not the link.
        var target = requested
        if !exclusive, let real = realpath(requested, nil) {
            target = String(cString: real)
            free(real)
        }
        let path = requested  // messages name the path the user gave
        let url = URL(fileURLWithPath: target)
        let dir = url.deletingLastPathComponent().path
        let base = url.lastPathComponent
        var mode: mode_t = 0o644
        var st = stat()
        if stat(target, &st) == 0 {
            if exclusive { throw FileError(path: path, message: "文件已存在，不会覆盖", messageEn: "the file exists and will not be overwritten") }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                throw FileError(path: path, message: "这是一个文件夹，不能写入", messageEn: "this is a folder and cannot be written")
            }
            mode = st.st_mode & 0o7777
        }
        var template = Array("\(dir)/.\(base).XXXXXX.tmp".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in
            guard let base = buf.baseAddress else { return -1 }
            return mkstemps(base, 4)
        }
        guard fd >= 0 else { throw .errno(path, "无法在所在文件夹创建临时文件", "cannot create a temporary file in the folder") }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.write(fd, base + written, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                throw .errno(path, "写入失败", "write failed", code)
            }
            written += n
        }
        fchmod(fd, mode)
        if fsync(fd) != 0 {
            let code = errno
            close(fd)
            throw .errno(path, "写入磁盘失败", "flushing to disk failed", code)
        }
        if close(fd) != 0 { throw .errno(path, "写入失败", "write failed") }
        if exclusive {
            // link() fails if the target appeared meanwhile: still never overwrites.
            if link(tmp, target) != 0 { throw .errno(path, "无法创建文件", "cannot create the file") }
        } else {
            // The version being replaced stays as the backup: a hard link made just before the
            // rename, so it costs no copy and the file is never absent.
            if let backup, access(target, F_OK) == 0 {
                unlink(backup)
                if link(target, backup) != 0, let old = try? read(target) {
                    try? write(old, to: backup)
                }
            }
        }
        if !exclusive && rename(tmp, target) != 0 {
            throw .errno(path, "无法替换文件", "cannot replace the file")
        }
        ok = true
        if exclusive { unlink(tmp) }
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }
}

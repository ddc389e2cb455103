#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file I/O failure, with the path and the reason, in Chinese and English.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var messageEn: String
    /// The system's error number, when the failure came from a system call.
    public var code: Int32?

    public init(path: String, message: String, messageEn: String, code: Int32? = nil) {
        self.path = path
        self.message = message
        self.messageEn = messageEn
        self.code = code
    }

    public var description: String { "\(path): \(message)" }
    public func render(_ lang: Language) -> String { "\(path): \(lang.pick(message, messageEn))" }

    static func errno(_ path: String, _ what: String, _ whatEn: String, _ code: Int32 = Glibc.errno) -> FileError {
        let reasonEn = String(cString: strerror(code))
        return FileError(path: path, message: "\(what)：\(reasonZh(code) ?? reasonEn)", messageEn: "\(whatEn): \(reasonEn)", code: code)
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

    /// Where a new file was to be written, a file (`jixiao new`, `summary --save`).
    public static func exists(_ path: String) -> FileError {
        FileError(path: path, message: "文件已存在，不会覆盖", messageEn: "the file exists and will not be overwritten", code: EEXIST)
    }

    /// Where a file was to be written, a folder.
    public static func folderInTheWay(_ path: String) -> FileError {
        FileError(path: path, message: "这是一个文件夹，不能写入", messageEn: "this is a folder and cannot be written", code: EISDIR)
    }

    static func folder(_ path: String) -> FileError {
        FileError(path: path, message: "这是一个文件夹，不是文件", messageEn: "this is a folder, not a file", code: EISDIR)
    }

    /// A FIFO, a device or a socket where a file belongs: reading one could wait for ever
    /// (a FIFO with no writer) or never end (/dev/zero), and writing one is not saving.
    static func notRegular(_ path: String, _ mode: mode_t) -> FileError {
        let (zh, en) = FileStatus.kindName(mode)
        return FileError(path: path, message: "这不是普通文件（是\(zh)），不会读写", messageEn: "this is not a regular file (it is \(en)); it is neither read nor written")
    }

    static func symbolicLink(_ path: String) -> FileError {
        FileError(path: path, message: "这是一个符号链接，不会跟随", messageEn: "this is a symbolic link, which is not followed", code: ELOOP)
    }

    static func tooLarge(_ path: String, limit: Int) -> FileError {
        FileError(path: path, message: "文件过大（超过 \(limit >> 20) MB）", messageEn: "the file is too large (over \(limit >> 20) MB)", code: EFBIG)
    }
}

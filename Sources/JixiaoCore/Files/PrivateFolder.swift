#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh folder only this user can enter (mkdtemp, mode 0700), under $TMPDIR or /tmp, for a
/// library that writes its file to a path (libxlsxwriter): nobody else can plant a link or a
/// FIFO at a path inside it. Its bytes then go where they belong through `AtomicFile`, and the
/// folder is removed with what is in it.
public struct PrivateFolder: ~Copyable {
    public let path: String

    public init(prefix: String) throws(FileError) {
        var base = "/tmp"
        if let t = getenv("TMPDIR"), t.pointee != 0 { base = String(cString: t) }
        var template = Array(PathComponents.appending("\(prefix)-XXXXXX", to: base).utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buf -> Bool in
            guard let p = buf.baseAddress else { return false }
            return mkdtemp(p) != nil
        }
        guard made else { throw .errno(base, "无法创建临时文件夹", "cannot create a temporary folder") }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A path inside the folder.
    public func file(_ name: String) -> String { PathComponents.appending(name, to: path) }

    deinit {
        // Only what is directly inside: nothing we write makes sub-folders.
        for name in FolderNames.of(path) ?? [] { unlink(file(name)) }
        rmdir(path)
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// The names in a folder ("." and ".." left out), in byte order, which is code-point order
/// for UTF-8 names; nil when the folder cannot be opened. Through opendir(3), not FileManager,
/// whose first use cost a tenth of a millisecond of every start.
public enum FolderNames {
    public static func of(_ folder: String) -> [String]? {
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        return read(dir)
    }

    /// The names of a folder already opened (and closed by the caller).
    static func read(_ dir: OpaquePointer) -> [String] {
        var names = [[UInt8]]()
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }.map { String(decoding: $0, as: UTF8.self) }
    }
}

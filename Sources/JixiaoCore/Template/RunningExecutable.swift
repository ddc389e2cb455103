#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials

/// The file of the running program, for finding what was installed beside it
/// (`<prefix>/bin/jixiao` → `<prefix>/share/jixiao/templates`).
///
/// Read from /proc/self/exe, which the kernel keeps as the real file, links resolved, however
/// the program was started: `jixiao` found on PATH has no folder at all in its argv[0], and a
/// relative argv[0] means nothing once the program has changed folder. argv[0] is only the
/// fallback where /proc is not mounted (some chroots and containers), and only when it names
/// a folder.
public enum RunningExecutable {
    /// Through readlink(2) and realpath(3) rather than FileManager and URL, whose first use
    /// cost a quarter of a millisecond of every start.
    public static var path: String? {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0 {
            let p = String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if p.hasPrefix("/") { return p }
        }
        guard let argv0 = CommandLine.arguments.first, argv0.contains("/") else { return nil }
        return resolved(argv0)
    }

    /// The real path of `path` (links resolved, made absolute), or `path` itself when it
    /// cannot be resolved.
    public static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }
}

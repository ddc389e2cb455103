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
    public static var path: String? {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), p.hasPrefix("/") {
            return p
        }
        guard let argv0 = CommandLine.arguments.first, argv0.contains("/") else { return nil }
        return URL(fileURLWithPath: argv0).resolvingSymlinksInPath().path
    }
}

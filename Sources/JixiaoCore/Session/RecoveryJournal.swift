#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials

/// The recovery file of a sheet being edited: every committed edit is written here at once
/// (atomically), so that a dropped SSH link, a closed terminal or `kill -9` costs nothing.
/// A clean save or quit removes it; opening a sheet that has one offers to restore it.
///
/// It lives next to the sheet as `.NAME.recovery.json`, or, when that folder cannot be
/// written, under `$XDG_STATE_HOME/jixiao/recovery/` (default ~/.local/state).
public struct RecoveryJournal: Sendable {
    public let sheetPath: String
    public let path: String

    public init(sheet: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let absolute = URL(fileURLWithPath: sheet).standardizedFileURL.path
        sheetPath = absolute
        let dir = PathComponents.deletingLast(absolute)
        let name = PathComponents.last(absolute)
        if access(dir, W_OK) == 0 {
            path = PathComponents.appending(".\(name).recovery.json", to: dir)
        } else {
            let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? PathComponents.appending(".local/state", to: environment["HOME"] ?? PathComponents.homeDirectory)
            // The full path, flattened, names the file: two sheets never share a journal.
            let flat = absolute.replacingScalar("%", with: "%25").replacingScalar("/", with: "%2F")
            path = PathComponents.appending("jixiao/recovery/\(flat).json", to: state)
        }
    }

    /// Writes the session as it is now. Errors are returned, not thrown: a journal that
    /// cannot be written must not stop the user from working (the status line says so).
    @discardableResult
    public func write(_ s: Session, _ t: Template) -> FileError? {
        let dir = PathComponents.deletingLast(path)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        do {
            try AtomicFile.write(SessionFile.render(s, t), to: path)
            return nil
        } catch {
            return error
        }
    }

    public var exists: Bool { access(path, F_OK) == 0 }

    public func remove() {
        unlink(path)
    }

    /// The recovered session, if there is a journal that reads as a sheet.
    public func read(registry: TemplateRegistry) -> LoadedSession? {
        guard exists, let loaded = try? SessionFile.load(path, registry: registry) else { return nil }
        return loaded
    }

    /// When the journal was last written, as local time ("2026-11-25 14:07").
    public var modified: String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return SheetLock.localTime(st.st_mtim.tv_sec)
    }
}

/// What differs between two versions of a sheet, value by value, for "show what differs".
public enum SessionDiff {
    public struct Change: Equatable, Sendable {
        public var pointer: String
        public var old: String
        public var new: String
    }

    public static func changes(from a: Session, to b: Session, _ t: Template) -> [Change] {
        var left = [String: String](), right = [String: String]()
        flatten(SessionCodec.encode(a, template: t, computed: Calculator.compute(a, t)), "", &left)
        flatten(SessionCodec.encode(b, template: t, computed: Calculator.compute(b, t)), "", &right)
        let keys = Set(left.keys).union(right.keys).filter { !$0.hasPrefix("/computed") }
        return keys.sorted().compactMap { k in
            let o = left[k] ?? "", n = right[k] ?? ""
            return o == n ? nil : Change(pointer: k, old: o, new: n)
        }
    }

    static func flatten(_ v: JSONValue, _ prefix: String, _ out: inout [String: String]) {
        switch v {
        case .object(let o):
            for m in o.members { flatten(m.value, prefix + "/" + m.key, &out) }
        case .array(let a):
            for (n, x) in a.enumerated() { flatten(x, prefix + "/\(n)", &out) }
        case .null: out[prefix] = ""
        case .string(let s): out[prefix] = s
        case .number(let n): out[prefix] = n
        case .bool(let b): out[prefix] = b ? "true" : "false"
        }
    }
}

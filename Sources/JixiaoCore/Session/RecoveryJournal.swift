#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials

/// The recovery file of a sheet being edited: every committed edit is written here, so that
/// a dropped SSH link, a closed terminal, a signal or `kill -9` costs nothing. A clean save or
/// quit removes it; opening a sheet that has one offers to restore it.
///
/// It lives beside the sheet as `.NAME.recovery.json`. It moves to
/// `$XDG_STATE_HOME/jixiao/recovery/` (default ~/.local/state) when that folder cannot be
/// written, or when something not ours stands at its name (a link planted by another user,
/// a FIFO, another user's file): a side file is never written or read through a link. It is
/// never more open than the sheet.
///
/// The file holds the session and the fingerprint of the sheet the edits started from:
/// `{"recovery": {"sheet": …, "base": …}, "session": {…}}`.
public struct RecoveryJournal: Sendable {
    public let sheetPath: String
    /// Beside the sheet.
    public let localPath: String
    /// In the user's private state folder.
    public let privatePath: String
    /// Where it is written.
    public let path: String
    /// Why it is not beside the sheet, when something was in the way there.
    public let note: FileError?
    let environment: [String: String]

    public init(sheet: String, environment: [String: String] = ProcessEnvironment.current) {
        let absolute = SideFile.resolvedSheet(sheet)
        sheetPath = absolute
        self.environment = environment
        let dir = PathComponents.deletingLast(absolute)
        let name = PathComponents.last(absolute)
        localPath = PathComponents.appending(".\(name).recovery.json", to: dir)
        privatePath = PathComponents.appending(SideFile.flatName(absolute, suffix: ".json"), to: RecoveryJournal.privateFolderPath(environment))
        if case .inTheWay(let why) = SideFile.state(of: localPath) {
            path = privatePath
            note = why
        } else if access(dir, W_OK) != 0 {
            path = privatePath
            note = nil
        } else {
            path = localPath
            note = nil
        }
    }

    static func privateFolderPath(_ environment: [String: String]) -> String {
        SideFile.privateFolderPath("recovery", environment: environment)
    }

    /// What a write did.
    public struct WriteResult: Sendable {
        /// The journal could not be written anywhere.
        public var error: FileError?
        /// It went to the private place because the place beside the sheet failed.
        public var movedBecause: FileError?
    }

    /// Writes the session as it is now, with the fingerprint of the file its edits started
    /// from. Errors are returned, not thrown: a journal that cannot be written must not stop
    /// the user from working (the status line says so).
    /// As open as the sheet is now, for its group (see `AtomicFile.Options.sideFile`): a
    /// sheet made private while the editor is open makes its next journal private too.
    @discardableResult
    public func write(_ s: Session, _ t: Template, base: SheetFingerprint?) -> WriteResult {
        if let refusal = SessionFile.unreadable(s, path: path) { return WriteResult(error: refusal) }
        let bytes = render(s, t, base: base)
        if path == localPath {
            do {
                try AtomicFile.write(bytes, to: localPath, .sideFile(of: FileStatus.of(sheetPath)))
                return WriteResult()
            } catch {
                // Something came to stand there since we looked, or the folder turned read-only:
                // the edits go to the private place rather than nowhere.
                let moved = error
                if case .some = writePrivately(bytes) { return WriteResult(error: error) }
                return WriteResult(movedBecause: moved)
            }
        }
        return WriteResult(error: writePrivately(bytes))
    }

    private func writePrivately(_ bytes: [UInt8]) -> FileError? {
        do {
            _ = try SideFile.privateFolder("recovery", environment: environment)
            if case .inTheWay(let why) = SideFile.state(of: privatePath) { return why }
            try AtomicFile.write(bytes, to: privatePath, .sideFile(of: FileStatus.of(sheetPath)))
            return nil
        } catch {
            return error
        }
    }

    func render(_ s: Session, _ t: Template, base: SheetFingerprint?) -> [UInt8] {
        let computed = Calculator.compute(s, t)
        var meta: [(String, JSONValue)] = [("sheet", .string(sheetPath))]
        if let base { meta.append(("base", base.json)) }
        return JSONWriter.bytes(.object(JSONObject([
            ("recovery", .object(JSONObject(meta))),
            ("session", SessionCodec.encode(s, template: t, computed: computed)),
        ])))
    }

    /// The journal files of ours that exist, newest first.
    var existing: [(path: String, status: FileStatus)] {
        var found = [(path: String, status: FileStatus)]()
        for p in [localPath, privatePath] {
            if case .ours(let st) = SideFile.state(of: p) { found.append((p, st)) }
        }
        return found.sorted { $0.status.modified > $1.status.modified }
    }

    public var exists: Bool { !existing.isEmpty }

    /// Removes the journal, wherever it is; only our own files, never a planted link.
    public func remove() {
        SideFile.removeIfOurs(localPath)
        SideFile.removeIfOurs(privatePath)
    }

    /// A journal as found on opening the sheet.
    public struct Recovered: Sendable {
        public var loaded: LoadedSession
        /// The fingerprint of the file the edits started from; nil for a journal written by
        /// an older version.
        public var base: SheetFingerprint?
        /// When it was last written, in local time ("2026-11-25 14:07").
        public var modified: String
    }

    /// The newest journal of ours that reads as a sheet.
    public func read(registry: TemplateRegistry) -> Recovered? {
        for (p, st) in existing {
            // Read from a tape, as sheets are: a journal is as large as its sheet.
            guard let bytes = try? AtomicFile.read(p, followLinks: false), let tape = try? JSONParser.tape(bytes) else { continue }
            var base: SheetFingerprint?
            var session = tape.root
            if let o = tape.root.objectValue, let inner = o["session"], let meta = o["recovery"] {
                session = inner
                base = SheetFingerprint(json: meta.objectValue?["base"]?.value)
            }
            guard let loaded = try? SessionFile.decode(document: session, path: p, registry: registry) else { continue }
            return Recovered(loaded: loaded, base: base, modified: SheetLock.localTime(time_t(st.modified)))
        }
        return nil
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

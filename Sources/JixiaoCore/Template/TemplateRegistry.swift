import FoundationEssentials

/// The templates this program knows: every *.json in the template folders, first folder
/// winning when two define the same id. A broken template file does not hide the others; its
/// errors are kept and reported when it is listed or needed.
///
/// Files are read when they are needed, not all at start: opening a sheet reads the files in
/// lookup order only as far as the first that defines its template, and of those before it
/// only the id (a JSON parse, without the template checks). Every start of the editor gains
/// what the other templates would cost.
public struct TemplateRegistry: Sendable {
    public let folders: [String]
    /// Every *.json of the folders, in lookup order.
    let files: [String]
    private let cache = TemplateFileCache()

    public init(folders: [String]) {
        self.folders = folders
        var files = [String]()
        for folder in folders {
            guard let names = FolderNames.of(folder) else { continue }
            for name in names where name.hasSuffix(".json") {
                files.append(PathComponents.appending(name, to: folder))
            }
        }
        self.files = files
    }

    /// Every template that loads, first file winning for an id.
    public var templates: [Template] {
        var seen = Set<String>()
        return files.compactMap { f in
            guard case .success(let t) = cache.decoded(f), seen.insert(t.id).inserted else { return nil }
            return t
        }
    }

    /// The errors of every file that does not load, in lookup order.
    public var broken: [TemplateError] {
        files.compactMap { f in
            if case .failure(let e) = cache.decoded(f) { return e }
            return nil
        }
    }

    public func template(id: String) -> Template? {
        for f in files {
            switch cache.candidacy(f, id: id) {
            case .no: continue
            case .unsure: guard cache.id(of: f) == id else { continue }
            // Decoded at once, not parsed first for its id alone: such a file usually is it.
            case .likely: break
            }
            // A file that says it is this template but does not load leaves the id to the next.
            if case .success(let t) = cache.decoded(f), t.id == id { return t }
        }
        return nil
    }

    /// The errors of a template file meant to define `id` that failed to load: one named
    /// `<id>.json`, or one of any name that declares the id (its checks failed, not its JSON).
    public func brokenTemplate(id: String) -> TemplateError? {
        for f in files {
            let named = PathComponents.last(f) == "\(id).json"
            guard named || (cache.candidacy(f, id: id) != .no && cache.id(of: f) == id) else { continue }
            if case .failure(let e) = cache.decoded(f) { return e }
        }
        return nil
    }

    /// Where templates are looked for, in order:
    /// 1. `JIXIAO_TEMPLATES` (folders separated by ':'), for a unit's own variants;
    /// 2. `$XDG_DATA_HOME/jixiao/templates` (default ~/.local/share/jixiao/templates);
    /// 3. `<prefix>/share/jixiao/templates` of an installed binary, `<prefix>/bin/jixiao`;
    /// 4. in a debug build only (`searchesSourceTree`), the Templates/ folder of the source
    ///    tree it was built from.
    public static func defaultFolders(executable: String? = RunningExecutable.path, environment: [String: String] = ProcessEnvironment.current) -> [String] {
        var out = [String]()
        if let env = environment["JIXIAO_TEMPLATES"] {
            out += env.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PathComponents.appending(".local/share", to: environment["HOME"] ?? PathComponents.homeDirectory)
        out.append(PathComponents.appending("jixiao/templates", to: dataHome))
        if let executable, !executable.isEmpty {
            let exe = RunningExecutable.resolved(executable)
            out.append(PathComponents.appending("share/jixiao/templates", to: PathComponents.deletingLast(PathComponents.deletingLast(exe))))
        }
        if searchesSourceTree { out.append(sourceTemplates) }
        return out
    }

    /// Whether `defaultFolders` ends with the source tree's Templates/: in debug builds only
    /// (SwiftPM defines DEBUG for `swift build` and `swift test`), so that .build/debug/jixiao
    /// and `make run` work without installing anything. A release build, which is what gets
    /// installed, never looks there: an installed program must find what was installed with
    /// it, and neither depend on nor be changed by a build folder that happened to stay on the
    /// machine it was built on. A compilation condition rather than an environment variable
    /// that the tests would set: nothing in a user's environment can turn it back on, and the
    /// tests need no switch (pytest names the folder in JIXIAO_TEMPLATES, the unit tests use
    /// `sourceTemplates` itself).
    public static var searchesSourceTree: Bool {
        #if DEBUG
        true
        #else
        false
        #endif
    }

    /// Templates/ in the source tree, found from this file's compile-time path.
    public static var sourceTemplates: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Template
            .deletingLastPathComponent()  // JixiaoCore
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // repository
            .appendingPathComponent("Templates").path
    }
}

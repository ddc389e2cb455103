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
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(".json") {
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
        for f in files where cache.id(of: f) == id {
            // A file that says it is this template but does not load leaves the id to the next.
            if case .success(let t) = cache.decoded(f), t.id == id { return t }
        }
        return nil
    }

    /// The errors of a template file whose name suggests it defines `id`, if it failed to load.
    public func brokenTemplate(id: String) -> TemplateError? {
        for f in files where PathComponents.last(f) == "\(id).json" {
            if case .failure(let e) = cache.decoded(f) { return e }
        }
        return nil
    }

    /// Where templates are looked for, in order:
    /// 1. `JIXIAO_TEMPLATES` (folders separated by ':'), for a unit's own variants;
    /// 2. `$XDG_DATA_HOME/jixiao/templates` (default ~/.local/share/jixiao/templates);
    /// 3. `<prefix>/share/jixiao/templates` next to an installed binary;
    /// 4. the Templates/ folder of the source tree this binary was built from.
    public static func defaultFolders(executable: String = CommandLine.arguments.first ?? "", environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var out = [String]()
        if let env = environment["JIXIAO_TEMPLATES"] {
            out += env.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PathComponents.appending(".local/share", to: environment["HOME"] ?? PathComponents.homeDirectory)
        out.append(PathComponents.appending("jixiao/templates", to: dataHome))
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        out.append(exe.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/jixiao/templates").path)
        out.append(sourceTemplates)
        return out
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

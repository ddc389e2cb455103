import FoundationEssentials

/// The templates this program knows: every *.json in the template folders, first folder
/// winning when two define the same id. A broken template file does not hide the others; its
/// errors are kept and reported when it is listed or needed.
public struct TemplateRegistry: Sendable {
    public private(set) var templates: [Template] = []
    public private(set) var broken: [TemplateError] = []
    public private(set) var folders: [String] = []

    public init(folders: [String]) {
        self.folders = folders
        var seen = Set<String>()
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(".json") {
                let path = PathComponents.appending(name, to: folder)
                guard let data = FileManager.default.contents(atPath: path) else {
                    broken.append(TemplateError(file: path, issues: [ReadIssue(JSONPointer(), "无法读取文件", "cannot read the file")]))
                    continue
                }
                do {
                    let t = try TemplateDecoder.decode(Array(data), source: path)
                    if seen.insert(t.id).inserted { templates.append(t) }
                } catch {
                    broken.append(error)
                }
            }
        }
    }

    public func template(id: String) -> Template? {
        templates.first { $0.id == id }
    }

    /// The errors of a template file whose name suggests it defines `id`, if it failed to load.
    public func brokenTemplate(id: String) -> TemplateError? {
        broken.first { PathComponents.last($0.file) == "\(id).json" }
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

import FoundationEssentials

/// Anything that stops a file from being read or written. The file is left as it was.
public enum LoadError: Error, Sendable {
    case file(FileError)
    case syntax(path: String, JSONSyntaxError)
    case session(SessionLoadError)
    case template(TemplateError)
    case unknownTemplate(path: String, id: String, known: [String])
    case newerTemplate(path: String, id: String, fileVersion: Int, known: Int)

    public func render(_ lang: Language) -> String {
        switch self {
        case .file(let e): return e.render(lang)
        case .syntax(let path, let e):
            return lang.pick("\(path): 第 \(e.line) 行第 \(e.column) 列：JSON 格式错误：\(e.message)",
                             "\(path): line \(e.line), column \(e.column): invalid JSON: \(e.messageEn)")
        case .session(let e): return e.render(lang)
        case .template(let e): return e.render(lang)
        case .unknownTemplate(let path, let id, let known):
            return lang.pick("\(path): /template/id: 未知的模板“\(id)”（已知：\(known.joined(separator: "、"))）",
                             "\(path): /template/id: unknown template \"\(id)\" (known: \(known.joined(separator: ", ")))")
        case .newerTemplate(let path, let id, let v, let known):
            return lang.pick("\(path): /template/version: 文件使用模板“\(id)”第 \(v) 版，本程序只认识到第 \(known) 版，请升级 jixiao",
                             "\(path): /template/version: the file uses template \"\(id)\" version \(v); this program knows up to version \(known); please upgrade jixiao")
        }
    }
}

/// A session together with its template, as read from disk.
public struct LoadedSession: Sendable {
    public var path: String
    public var session: Session
    public var template: Template
    /// Notes made while reading (an older template version was read as the current one).
    public var notes: [Problem]
}

/// Reading and writing session files.
public enum SessionFile {
    public static func load(_ path: String, registry: TemplateRegistry) throws(LoadError) -> LoadedSession {
        let bytes: [UInt8]
        do { bytes = try AtomicFile.read(path) } catch { throw .file(error) }
        return try decode(bytes, path: path, registry: registry)
    }

    public static func decode(_ bytes: [UInt8], path: String, registry: TemplateRegistry) throws(LoadError) -> LoadedSession {
        let tape: JSONTape
        do { tape = try JSONParser.tape(bytes) } catch { throw .syntax(path: path, error) }
        return try decode(document: tape.root, path: path, registry: registry)
    }

    /// A session from a parsed document (the recovery journal holds one inside its own).
    public static func decode(document doc: some JSONNode, path: String, registry: TemplateRegistry) throws(LoadError) -> LoadedSession {
        guard doc.isObject else {
            throw .session(SessionLoadError(file: path, issues: [ReadIssue(JSONPointer(), "会话文件应是 JSON 对象", "a session file must be a JSON object")]))
        }
        guard let ref = SessionCodec.templateReference(doc) else {
            let issues = SessionCodec.templateReferenceIssues(doc)
            throw .session(SessionLoadError(file: path, issues: issues.isEmpty ? [ReadIssue(JSONPointer() / "template", "模板引用缺少或格式不对，应为 {\"id\": …, \"version\": …}", "the template reference {\"id\": …, \"version\": …} is missing or malformed")] : issues))
        }
        guard let t = registry.template(id: ref.id) else {
            if let broken = registry.brokenTemplate(id: ref.id) { throw .template(broken) }
            throw .unknownTemplate(path: path, id: ref.id, known: registry.templates.map(\.id))
        }
        if ref.version > t.version {
            throw .newerTemplate(path: path, id: t.id, fileVersion: ref.version, known: t.version)
        }
        var s: Session
        do {
            if ref.version < t.version && !t.migrations.isEmpty {
                // Values moved since the file's version are moved first; the figures stored then
                // were computed under the old template and are recomputed, not compared.
                var moved = TemplateMigration.apply(t.migrations, to: doc.value, version: ref.version)
                if case .object(var o) = moved { o["computed"] = nil; moved = .object(o) }
                s = try SessionCodec.decode(moved, template: t, file: path)
            } else {
                s = try SessionCodec.decode(doc, template: t, file: path)
            }
        } catch { throw .session(error) }
        var notes = [Problem]()
        if ref.version < t.version {
            notes.append(Problem(.warning, JSONPointer() / "template" / "version",
                                 "文件使用模板第 \(ref.version) 版，已按第 \(t.version) 版读取；保存时会升级",
                                 "the file uses template version \(ref.version); it was read as version \(t.version) and will be upgraded when saved",
                                 code: "template-migrated"))
            s.templateVersion = t.version
        }
        return LoadedSession(path: path, session: s, template: t, notes: notes)
    }

    /// The exact bytes a session is saved as.
    public static func render(_ s: Session, _ t: Template) -> [UInt8] {
        let computed = Calculator.compute(s, t)
        return JSONWriter.bytes(SessionCodec.encode(s, template: t, computed: computed))
    }

    /// Why the program must not write this session anywhere: it would refuse to read it back
    /// (more rows than `SessionLimits.rows`). The 16 MB limit is checked on the bytes, where
    /// they are written.
    public static func unreadable(_ s: Session, path: String) -> FileError? {
        let rows = s.rowCount
        guard rows > SessionLimits.rows else { return nil }
        return FileError(path: path,
                         message: "表中有 \(rows) 行，超过本程序能读取的 \(SessionLimits.rows) 行上限：未写入",
                         messageEn: "the sheet has \(rows) rows, over the \(SessionLimits.rows) this program can read back: not written")
    }

    /// Saves atomically. With `exclusive`, refuses to replace an existing file. A sheet too
    /// large for this program to read again is refused before anything is written.
    public static func save(_ s: Session, _ t: Template, to path: String, exclusive: Bool = false) throws(FileError) {
        if let refusal = unreadable(s, path: path) { throw refusal }
        var options = AtomicFile.Options.sheet
        options.exclusive = exclusive
        try AtomicFile.write(render(s, t), to: path, options)
    }
}

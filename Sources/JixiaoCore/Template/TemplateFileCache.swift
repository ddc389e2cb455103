import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// What the registry has read of each template file: its bytes and the id it declares (a JSON
/// parse only), and once needed, the checked template or its errors. Shared by the copies of
/// a registry value; the lock makes it safe to share between threads.
final class TemplateFileCache: Sendable {
    private struct Entry {
        var bytes: [UInt8]?
        var id: String??
        var decoded: Result<Template, TemplateError>?
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The id a file declares, nil when it cannot be read or declares none.
    func id(of path: String) -> String? {
        if let known = entries.withLock({ $0[path]?.id }) { return known }
        let bytes = read(path)
        var id: String?
        // Read in place from the parser's tape: the other members are not made into values,
        // which took half the time of looking through the templates before the sheet's own.
        if let bytes, let tape = try? JSONParser.tape(bytes), let root = tape.root.objectValue {
            id = root["id"]?.stringValue
        }
        entries.withLock { $0[path, default: Entry()].id = .some(id) }
        return id
    }

    /// How likely a file is to declare template `id`, from its bytes alone.
    enum Candidacy {
        /// It cannot: no JSON string in it equals the id.
        case no
        /// It holds the id's bytes between quotes: most likely the template itself.
        case likely
        /// It holds escapes, so a string equal to the id may be written otherwise: its id
        /// must be read to know.
        case unsure
    }

    /// A JSON string equal to `id` is either the id's bytes between quotes or holds an escape
    /// (a backslash). A file with neither is passed over without being parsed: reading the id
    /// of each template before the sheet's own was a fifth of the time to open a sheet.
    func candidacy(_ path: String, id: String) -> Candidacy {
        if let known = entries.withLock({ $0[path]?.id }) { return known == id ? .likely : .no }
        guard let bytes = read(path) else { return .no }
        let quoted = Array("\"\(id)\"".utf8)
        return bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return .no }
            // Each quote in turn (memchr), compared with the quoted id.
            var from = 0
            while from + quoted.count <= b.count, let hit = memchr(base + from, Int32(UInt8(ascii: "\"")), b.count - from) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if at + quoted.count <= b.count && memcmp(base + at, quoted, quoted.count) == 0 { return .likely }
                from = at + 1
            }
            return memchr(base, Int32(UInt8(ascii: "\\")), b.count) != nil ? .unsure : .no
        }
    }

    /// The file as a checked template, or what is wrong with it.
    func decoded(_ path: String) -> Result<Template, TemplateError> {
        if let known = entries.withLock({ $0[path]?.decoded }) { return known }
        let result: Result<Template, TemplateError>
        switch readResult(path) {
        case .success(let bytes):
            do {
                result = .success(try TemplateDecoder.decode(bytes, source: path))
            } catch {
                result = .failure(error)
            }
        case .failure(let e):
            result = .failure(TemplateError(file: path, issues: [ReadIssue(JSONPointer(), "无法读取文件：\(e.message)", "cannot read the file: \(e.messageEn)")]))
        }
        entries.withLock {
            $0[path, default: Entry()].decoded = result
            $0[path]?.bytes = nil  // no longer needed
        }
        return result
    }

    private func read(_ path: String) -> [UInt8]? {
        try? readResult(path).get()
    }

    /// Through AtomicFile: a FIFO or device planted among the templates is refused, not read
    /// for ever.
    private func readResult(_ path: String) -> Result<[UInt8], FileError> {
        if let bytes = entries.withLock({ $0[path]?.bytes }) { return .success(bytes) }
        do {
            let bytes = try AtomicFile.read(path)
            entries.withLock { $0[path, default: Entry()].bytes = bytes }
            return .success(bytes)
        } catch {
            return .failure(error)
        }
    }
}

import FoundationEssentials
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

#if canImport(Glibc)
import Glibc
#endif

/// The process's environment as a dictionary, read from `environ` each time it is asked for
/// (a test may change it). ProcessInfo's first use cost a quarter of a millisecond of every
/// start of the editor.
public enum ProcessEnvironment {
    public static var current: [String: String] {
        var out = [String: String]()
        var p = environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            if let eq = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let key = String(text[..<eq])
                // The first of two entries with one name is what getenv(3) returns.
                if out[key] == nil { out[key] = String(text[text.index(after: eq)...]) }
            }
            p += 1
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// The environment variables Jixiao reads, as the dictionary its functions take, read with
/// getenv(3) each time it is asked for (a test may change them). Only these few: building a
/// dictionary of the whole environment, as ProcessInfo does, cost a tenth of a millisecond of
/// every start of the editor, and nothing else in it is looked at.
public enum ProcessEnvironment {
    /// Template folders, the data and state folders (XDG), and the home folder.
    public static let names = ["JIXIAO_TEMPLATES", "XDG_DATA_HOME", "XDG_STATE_HOME", "HOME"]

    public static var current: [String: String] {
        var out = [String: String](minimumCapacity: names.count)
        for name in names {
            if let value = getenv(name) { out[name] = String(cString: value) }
        }
        return out
    }
}

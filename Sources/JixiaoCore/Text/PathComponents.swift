import FoundationEssentials

/// File paths as text: the few NSString path helpers this program used, without linking
/// Foundation for them. The results are NSString's for every path the program builds
/// (PathComponentsTests compares them), and sensible where NSString's were not: a path of
/// slashes only is the root, and a path without a slash has no parent ("", where NSString
/// stopped the program).
public enum PathComponents {
    /// "/a/b.json" → "b.json"; trailing slashes do not count ("/a/b/" → "b"); "/" → "/".
    public static func last(_ path: String) -> String {
        let trimmed = droppingTrailingSlashes(path[...])
        if trimmed.isEmpty { return path.isEmpty ? "" : "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The folder a path is in: "/a/b.json" → "/a", "/a" → "/", "a//b/" → "a", "a" → "".
    public static func deletingLast(_ path: String) -> String {
        let trimmed = droppingTrailingSlashes(path[...])
        if trimmed.isEmpty { return path.isEmpty ? "" : "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let parent = droppingTrailingSlashes(trimmed[..<slash])
        return parent.isEmpty ? "/" : String(parent)
    }

    /// `component` inside the folder `path`, with one slash between: "/a" + "b" → "/a/b",
    /// "/a/" + "b" → "/a/b", "" + "b" → "b". Nothing else is changed ("/a" + "/b" → "/a//b").
    public static func appending(_ component: String, to path: String) -> String {
        if component.isEmpty { return path }
        if path.isEmpty { return component }
        return path.hasSuffix("/") ? path + component : path + "/" + component
    }

    /// The user's home folder for when HOME is not set: the user database's entry (getpwuid).
    /// NSHomeDirectory() gave the very same: Foundation asks FoundationEssentials for it.
    public static var homeDirectory: String {
        FileManager.default.homeDirectoryForCurrentUser.path
    }

    private static func droppingTrailingSlashes(_ s: Substring) -> Substring {
        var s = s
        while s.hasSuffix("/") { s.removeLast() }
        return s
    }
}

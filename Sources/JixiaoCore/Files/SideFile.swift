#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// The files jixiao keeps beside a sheet (recovery journal, lock, backup) and the private
/// place they move to when the sheet's folder cannot have them.
///
/// A sheet's folder may be shared with other users (a 1777 folder, a group folder), and a
/// name there may be taken before we come: a symbolic link to the victim's ~/.bashrc, a
/// FIFO that would stop the editor at start, a hard link to another of the victim's files,
/// another user's file. None of these is ever followed, opened for writing or removed; the
/// side file then lives under `$XDG_STATE_HOME/jixiao/` (default ~/.local/state/jixiao/),
/// a folder only the user can enter, and the user is told why.
public enum SideFile {
    /// What stands at a side file's place.
    public enum State: Sendable {
        case absent
        /// A regular file of ours with no other names: safe to replace or remove.
        case ours(FileStatus)
        /// Something we must not touch, and why.
        case inTheWay(FileError)
    }

    public static func state(of path: String) -> State {
        guard let st = FileStatus.of(link: path) else { return .absent }
        return isOurOwn(st) ? .ours(st) : .inTheWay(inTheWay(path, st))
    }

    /// A regular file, ours, and with one name only (a hard link planted under our name
    /// would have us write into the file it shares).
    public static func isOurOwn(_ st: FileStatus) -> Bool {
        st.isRegular && st.isOurs && st.links == 1
    }

    static func inTheWay(_ path: String, _ st: FileStatus) -> FileError {
        if st.isSymbolicLink { return .symbolicLink(path) }
        if !st.isRegular { return .notRegular(path, st.mode) }
        if !st.isOurs {
            let who = FileStatus.userName(st.owner)
            return FileError(path: path, message: "这是另一用户 \(who) 的文件，不会改动", messageEn: "this file belongs to another user, \(who), and is left alone", code: EPERM)
        }
        return FileError(path: path, message: "这个文件还有别的名字（硬链接），不会改动", messageEn: "this file has other names (hard links) and is left alone", code: EMLINK)
    }

    /// Removes a side file only if it is our own: a planted link or another user's file stays.
    public static func removeIfOurs(_ path: String) {
        if case .ours = state(of: path) { unlink(path) }
    }

    /// Where the private folder for `kind` is (made or not): `$XDG_STATE_HOME/jixiao/KIND`,
    /// or `~/.local/state/jixiao/KIND`.
    static func privateFolderPath(_ kind: String, environment: [String: String]) -> String {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? PathComponents.appending(".local/state", to: environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? PathComponents.homeDirectory)
        return PathComponents.appending(kind, to: PathComponents.appending("jixiao", to: state))
    }

    /// The private folder for one kind of side file ("recovery", "locks", "backups"):
    /// `$XDG_STATE_HOME/jixiao/KIND`, made with mode 0700 where missing, and checked to be a
    /// real folder of ours that nobody else can write.
    public static func privateFolder(_ kind: String, environment: [String: String] = ProcessEnvironment.current) throws(FileError) -> String {
        let folder = privateFolderPath(kind, environment: environment)
        let jixiao = PathComponents.deletingLast(folder)
        var missing = [String]()
        var p = folder
        while FileStatus.of(link: p) == nil, !p.isEmpty, p != "/" {
            missing.append(p)
            p = PathComponents.deletingLast(p)
        }
        for m in missing.reversed() where mkdir(m, 0o700) != 0 && errno != EEXIST {
            throw .errno(m, "无法创建文件夹", "cannot create the folder")
        }
        for f in [jixiao, folder] {
            guard let st = FileStatus.of(link: f), st.isFolder, st.isOurs, st.permissions & 0o022 == 0 else {
                throw FileError(path: f, message: "这个文件夹不是本用户私有的（或是链接），不会使用", messageEn: "this folder is not private to this user (or is a link) and is not used", code: EPERM)
            }
        }
        return folder
    }

    /// The name a sheet's side file takes in a private folder: the sheet's full path,
    /// flattened, so that two sheets never share one.
    public static func flatName(_ absolutePath: String, suffix: String) -> String {
        absolutePath.replacingScalar("%", with: "%25").replacingScalar("/", with: "%2F") + suffix
    }

    /// The sheet a path leads to, as an absolute path with symbolic links resolved: its side
    /// files belong beside the real file, whichever link the user opened it by. A path that
    /// does not resolve (the file is missing) is made absolute as it is.
    public static func resolvedSheet(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

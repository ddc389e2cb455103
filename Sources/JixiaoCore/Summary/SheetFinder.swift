#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sheets a summary reads: each file named as it is, and every *.json sheet in each
/// folder named, searched all the way down, in name order.
///
/// A folder of sheets collected from a county's units is data from others, so the search
/// stays inside the folder it was given: a symbolic link to a folder is never entered (its
/// target is either inside, and searched already, or outside, where nothing of ours is), and
/// a symbolic link to a sheet is read only when the sheet it leads to is inside the folder
/// too. A folder reached twice (a bind mount) is searched once, and a sheet reached twice
/// (named, and found in a folder) read once. Our own side files are not sheets:
/// `.NAME.recovery.json` is skipped, and the lock, backup and temporary files
/// (`.NAME.lock`, `NAME.bak`, `.NAME.jixiao-….tmp`) are not *.json. Anything else named
/// *.json is a sheet to read: one that is not (a FIFO, a broken file) is reported when read.
public struct SheetFinder {
    /// A sheet to read, with what its path leads to (for telling an output from a sheet).
    public struct Sheet: Sendable, Equatable {
        public var path: String
        public var status: FileStatus
    }

    public private(set) var sheets: [Sheet] = []
    /// Named files and folders that could not be looked at: each is a sheet, or a folder of
    /// sheets, left out of the summary.
    public private(set) var unreadable: [FileError] = []
    /// Links not followed, with why: said, not counted as failures.
    public private(set) var skipped: [FileError] = []

    private var seen = Set<FileID>()
    private var seenFolders = Set<FileID>()

    public init(_ arguments: [String]) {
        for arg in arguments {
            guard let st = FileStatus.of(arg) else {
                unreadable.append(.errno(arg, "无法读取", "cannot read it"))
                continue
            }
            if st.isFolder {
                search(arg)
            } else {
                add(arg, st)  // named on the command line: read whatever its name
            }
        }
    }

    /// Whether a file found in a folder is a sheet to read.
    public static func isSheetName(_ name: String) -> Bool {
        name.hasSuffix(".json") && !(name.hasPrefix(".") && name.hasSuffix(".recovery.json"))
    }

    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ st: FileStatus) {
            device = st.device
            inode = st.inode
        }
    }

    private mutating func add(_ path: String, _ st: FileStatus) {
        if seen.insert(FileID(st)).inserted { sheets.append(Sheet(path: path, status: st)) }
    }

    /// Every sheet below `top`, depth first, each folder's entries in byte order of their names.
    private mutating func search(_ top: String) {
        let root = SideFile.resolvedSheet(top)
        var pending = [top]
        while let folder = pending.popLast() {
            guard let entries = listing(folder) else { continue }
            var subfolders = [String]()
            for name in entries {
                let path = PathComponents.appending(name, to: folder)
                guard let st = FileStatus.of(link: path) else { continue }  // gone meanwhile
                if st.isFolder {
                    subfolders.append(path)
                } else if st.isSymbolicLink {
                    followed(path, name: name, root: root)
                } else if Self.isSheetName(name) {
                    add(path, st)
                }
            }
            pending += subfolders.reversed()
        }
    }

    /// A symbolic link met in a folder: a sheet inside the searched folder is read; a link to
    /// a folder, or to anything outside, is left and said.
    private mutating func followed(_ path: String, name: String, root: String) {
        guard let target = FileStatus.of(path) else { return }  // leads nowhere: nothing to read
        if target.isFolder {
            skipped.append(FileError(path: path, message: "是指向文件夹的符号链接，未进入",
                                     messageEn: "a symbolic link to a folder, not entered"))
            return
        }
        guard Self.isSheetName(name) else { return }
        let real = SideFile.resolvedSheet(path)
        guard real.hasPrefix(root == "/" ? "/" : root + "/") else {
            skipped.append(FileError(path: path, message: "符号链接指向所查文件夹之外（\(real)），未读取",
                                     messageEn: "a symbolic link to a file outside the folder searched (\(real)), not read"))
            return
        }
        add(path, target)
    }

    /// A folder's entry names in byte order, or nil (and the failure kept) when it cannot be
    /// listed. Opened without following a link: a folder swapped for a link after it was
    /// looked at is not entered either.
    private mutating func listing(_ folder: String) -> [String]? {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            unreadable.append(.errno(folder, "无法打开文件夹", "cannot open the folder"))
            return nil
        }
        guard let st = FileStatus.of(descriptor: fd), seenFolders.insert(FileID(st)).inserted, let dir = fdopendir(fd) else {
            close(fd)
            return nil
        }
        defer { closedir(dir) }
        return FolderNames.read(dir)
    }
}

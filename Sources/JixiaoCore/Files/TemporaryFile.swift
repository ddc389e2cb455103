#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary file of an atomic write: `.NAME.jixiao-PID-RANDOM.tmp` beside the target.
///
/// Its name carries the writer's process id, so that one left by a writer killed during a
/// save (kill -9, a power cut) is recognised as ours and stale, and removed at the next save
/// instead of staying for ever.
struct TemporaryFile {
    let fd: Int32
    let path: String

    static func prefix(for base: String) -> String { ".\(base).jixiao-" }

    /// Creates a fresh one with O_CREAT | O_EXCL | O_NOFOLLOW: never an existing file, never
    /// through a link. `mode` before the umask.
    static func create(for base: String, in folder: String, mode: mode_t, reportAs path: String) throws(FileError) -> TemporaryFile {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            var suffix = ""
            for _ in 0..<8 { suffix.unicodeScalars.append(Unicode.Scalar(alphabet[Int(generator.next() % UInt64(alphabet.count))])) }
            let name = PathComponents.appending("\(prefix(for: base))\(getpid())-\(suffix).tmp", to: folder)
            let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 { return TemporaryFile(fd: fd, path: name) }
            if errno != EEXIST { break }
        }
        throw .errno(path, "无法在所在文件夹创建临时文件", "cannot create a temporary file in the folder")
    }

    /// Removes the temporary files of `base` left in `folder` by our own writers that are no
    /// longer running: ours (same owner), regular files, named with a dead process id, and
    /// older than a few seconds (a writer on another machine sharing the folder is never
    /// caught in the middle of its save).
    static func removeStale(for base: String, in folder: String, now: Int = time(nil)) {
        let prefix = Array(prefix(for: base).utf8)
        let suffix = Array(".tmp".utf8)
        for text in FolderNames.of(folder) ?? [] {
            let name = Array(text.utf8)
            guard name.count > prefix.count + suffix.count, name.starts(with: prefix), name.suffix(suffix.count).elementsEqual(suffix) else { continue }
            // PID-RANDOM between the prefix and ".tmp"
            let middle = name[prefix.count..<(name.count - suffix.count)]
            guard let dash = middle.firstIndex(of: UInt8(ascii: "-")),
                  let pid = Int32(String(decoding: middle[middle.startIndex..<dash], as: UTF8.self)), pid > 0 else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }  // still running
            let path = PathComponents.appending(text, to: folder)
            guard let st = FileStatus.of(link: path), st.isRegular, st.isOurs, now - st.modified >= 5 else { continue }
            unlink(path)
        }
    }
}

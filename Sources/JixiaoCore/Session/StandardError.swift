#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Messages for standard error, written straight to its file descriptor as they come (as
/// Foundation's FileHandle.standardError did), so that they are never held back in a buffer.
public enum StandardError {
    /// Writes `text` and a line break. A standard error that cannot be written to is left be:
    /// there is nowhere else to say so.
    public static func writeLine(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(STDERR_FILENO, base + written, raw.count - written)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            written += n
        }
    }
}

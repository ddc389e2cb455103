/// Writes JSON pretty-printed with two-space indentation, members in their stored order,
/// numbers as their literal text, and Chinese (any non-ASCII) written as itself, not escaped,
/// so that a session file is readable and diffs well.
public enum JSONWriter {
    public static func write(_ value: JSONValue) -> String {
        var out = ""
        out.reserveCapacity(4096)
        emit(value, indent: 0, into: &out)
        out.append("\n")
        return out
    }

    /// One line, no spaces: for `get --json` and messages.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        emitCompact(value, into: &out)
        return out
    }

    private static func emit(_ v: JSONValue, indent: Int, into out: inout String) {
        switch v {
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            // Short arrays of scalars stay on one line (rare in sessions, common in schemas).
            out.append("[\n")
            for (n, item) in items.enumerated() {
                pad(indent + 1, &out)
                emit(item, indent: indent + 1, into: &out)
                out.append(n + 1 < items.count ? ",\n" : "\n")
            }
            pad(indent, &out)
            out.append("]")
        case .object(let obj):
            if obj.isEmpty { out.append("{}"); return }
            out.append("{\n")
            for (n, m) in obj.members.enumerated() {
                pad(indent + 1, &out)
                quote(m.key, &out)
                out.append(": ")
                emit(m.value, indent: indent + 1, into: &out)
                out.append(n + 1 < obj.members.count ? ",\n" : "\n")
            }
            pad(indent, &out)
            out.append("}")
        default:
            emitCompact(v, into: &out)
        }
    }

    private static func emitCompact(_ v: JSONValue, into out: inout String) {
        switch v {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let n): out.append(n)
        case .string(let s): quote(s, &out)
        case .array(let items):
            out.append("[")
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(",") }
                emitCompact(item, into: &out)
            }
            out.append("]")
        case .object(let obj):
            out.append("{")
            for (n, m) in obj.members.enumerated() {
                if n > 0 { out.append(",") }
                quote(m.key, &out)
                out.append(":")
                emitCompact(m.value, into: &out)
            }
            out.append("}")
        }
    }

    private static func pad(_ level: Int, _ out: inout String) {
        out.append(String(repeating: "  ", count: level))
    }

    private static let hex = Array("0123456789abcdef")

    static func quote(_ s: String, _ out: inout String) {
        out.append("\"")
        for u in s.unicodeScalars {
            switch u {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                // Control characters, and the line/paragraph separators that break
                // JavaScript-based viewers, are escaped; everything else is written as is.
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 || u.value == 0x7F {
                    let v = Int(u.value)
                    out.append("\\u")
                    for shift in [12, 8, 4, 0] { out.append(hex[(v >> shift) & 0xF]) }
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out.append("\"")
    }
}

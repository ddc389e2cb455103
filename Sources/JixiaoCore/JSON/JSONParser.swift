/// A strict RFC 8259 parser over UTF-8 bytes that reports where it stopped.
///
/// Strict means: one value, no trailing commas, no comments, no NaN, control characters in
/// strings rejected, lone surrogates in `\u` escapes rejected, invalid UTF-8 rejected, and a
/// key that appears twice in one object is an error (two tools disagreeing on which copy wins
/// is how figures get lost).
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
    public var messageEn: String
}

public enum JSONParser {
    /// Deepest nesting accepted: sessions are a few levels deep; this keeps a hostile file from
    /// exhausting the stack.
    public static let maxDepth = 256

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var p = Cursor(bytes: bytes)
        try p.checkUTF8()
        p.skipBOM()
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        if p.i < bytes.count {
            throw p.error("JSON 值之后还有多余内容", "unexpected content after the JSON value")
        }
        return v
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

private struct Cursor {
    let bytes: [UInt8]
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Line and column (1-based, column counted in characters) of byte offset `at`.
    func position(_ at: Int) -> (Int, Int) {
        var line = 1, col = 1, k = 0
        let end = min(at, bytes.count)
        while k < end {
            let b = bytes[k]
            if b == 0x0A { line += 1; col = 1 } else if b & 0xC0 != 0x80 { col += 1 }
            k += 1
        }
        return (line, col)
    }

    func error(_ zh: String, _ en: String, at: Int? = nil) -> JSONSyntaxError {
        let (l, c) = position(at ?? i)
        return JSONSyntaxError(line: l, column: c, message: zh, messageEn: en)
    }

    /// Validates the whole buffer as UTF-8 first so that every later error is about JSON.
    func checkUTF8() throws(JSONSyntaxError) {
        var k = 0
        let n = bytes.count
        while k < n {
            let b = bytes[k]
            if b < 0x80 { k += 1; continue }
            var need = 0
            var minCode: UInt32 = 0
            var code: UInt32 = 0
            if b & 0xE0 == 0xC0 { need = 1; code = UInt32(b & 0x1F); minCode = 0x80 }
            else if b & 0xF0 == 0xE0 { need = 2; code = UInt32(b & 0x0F); minCode = 0x800 }
            else if b & 0xF8 == 0xF0 { need = 3; code = UInt32(b & 0x07); minCode = 0x10000 }
            else { throw error("文件不是有效的 UTF-8 编码", "the file is not valid UTF-8", at: k) }
            if k + need >= n {
                throw error("文件不是有效的 UTF-8 编码（字符被截断）", "the file is not valid UTF-8 (truncated character)", at: k)
            }
            for j in 1...need {
                let c = bytes[k + j]
                if c & 0xC0 != 0x80 {
                    throw error("文件不是有效的 UTF-8 编码", "the file is not valid UTF-8", at: k)
                }
                code = code << 6 | UInt32(c & 0x3F)
            }
            if code < minCode || code > 0x10FFFF || (0xD800...0xDFFF).contains(code) {
                throw error("文件不是有效的 UTF-8 编码", "the file is not valid UTF-8", at: k)
            }
            k += need + 1
        }
    }

    mutating func skipBOM() {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
    }

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    func describeHere() -> String {
        guard i < bytes.count else { return "文件结尾" }
        let b = bytes[i]
        if b >= 0x20 && b < 0x7F { return "“\(Character(Unicode.Scalar(b)))”" }
        return "字节 0x" + String(b, radix: 16)
    }

    func describeHereEn() -> String {
        guard i < bytes.count else { return "end of file" }
        let b = bytes[i]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16)
    }

    mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < JSONParser.maxDepth else {
            throw error("嵌套层数超过 \(JSONParser.maxDepth)", "nesting deeper than \(JSONParser.maxDepth)")
        }
        guard i < bytes.count else {
            throw error("文件意外结束，缺少值", "unexpected end of file, a value was expected")
        }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default:
            throw error("此处应为 JSON 值，却是\(describeHere())", "expected a JSON value, found \(describeHereEn())")
        }
    }

    mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        if i + w.count <= bytes.count && Array(bytes[i..<(i + w.count)]) == w {
            i += w.count
        } else {
            throw error("无法识别的字面量（应为 \(word)）", "invalid literal (expected \(word))")
        }
    }

    mutating func number() throws(JSONSyntaxError) -> String {
        let start = i
        func digit(_ k: Int) -> Bool { k < bytes.count && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard digit(i) else { throw error("数字格式错误", "malformed number") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if digit(i) { throw error("数字不能以 0 开头", "a number may not have a leading zero") }
        } else {
            while digit(i) { i += 1 }
        }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digit(i) else { throw error("小数点后应有数字", "digits expected after the decimal point") }
            while digit(i) { i += 1 }
        }
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard digit(i) else { throw error("指数部分应有数字", "digits expected in the exponent") }
            while digit(i) { i += 1 }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("\\u 转义不完整", "incomplete \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("\\u 转义中有非十六进制字符", "non-hex digit in \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    mutating func string() throws(JSONSyntaxError) -> String {
        let open = i
        i += 1
        // Most strings have no escape: taken straight from the (already checked) bytes.
        var k = i
        while k < bytes.count {
            let b = bytes[k]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: bytes[i..<k], as: UTF8.self)
                i = k + 1
                return s
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            k += 1
        }
        var out = [UInt8](bytes[i..<k])
        i = k
        while true {
            guard i < bytes.count else { throw error("字符串没有结束引号", "unterminated string", at: open) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw error("字符串中有未转义的控制字符", "unescaped control character in string") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw error("字符串没有结束引号", "unterminated string", at: open) }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error("\\u 转义中有孤立的代理项", "lone surrogate in \\u escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw error("\\u 转义中有孤立的代理项", "lone surrogate in \\u escape")
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw error("\\u 转义中有孤立的代理项", "lone surrogate in \\u escape")
                }
                guard let scalar = Unicode.Scalar(code) else {
                    throw error("\\u 转义无效", "invalid \\u escape")
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw error("无效的转义序列", "invalid escape sequence", at: i - 2)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        i += 1
        var items = [JSONValue]()
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard i < bytes.count else { throw error("数组没有结束的“]”", "unterminated array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw error("数组中此处应为“,”或“]”，却是\(describeHere())", "expected ',' or ']' in array, found \(describeHereEn())")
        }
    }

    mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        i += 1
        var obj = JSONObject()
        // Duplicate keys: a look through the keys so far for the usual handful, a set beyond.
        var seen = Set<String>()
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .object(obj) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw error("此处应为用双引号括起的键，却是\(describeHere())", "expected a double-quoted key, found \(describeHereEn())")
            }
            let keyAt = i
            let key = try string()
            let duplicate: Bool
            if obj.members.count < 16 {
                duplicate = obj.members.contains { $0.key == key }
            } else {
                if seen.isEmpty { seen = Set(obj.members.map(\.key)) }
                duplicate = !seen.insert(key).inserted
            }
            if duplicate {
                throw error("键“\(key)”在同一对象中重复出现", "duplicate key \"\(key)\" in one object", at: keyAt)
            }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw error("键之后应为“:”，却是\(describeHere())", "expected ':' after key, found \(describeHereEn())")
            }
            i += 1
            skipSpace()
            obj.append(key, try value(depth: depth + 1))
            skipSpace()
            guard i < bytes.count else { throw error("对象没有结束的“}”", "unterminated object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(obj) }
            throw error("对象中此处应为“,”或“}”，却是\(describeHere())", "expected ',' or '}' in object, found \(describeHereEn())")
        }
    }
}

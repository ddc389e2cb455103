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

    /// The document as a tree: for templates, typed values and everything small.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try tape(bytes).root.value
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// The document as a tape (`JSONTape`): every check of `parse`, at eight bytes a value and
    /// no allocation per value, for session files, whose size a hostile sender chooses.
    public static func tape(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONTape {
        // Offsets are kept in 31 bits (the top bit of an end marks a string that is not
        // plain); files are read only up to 16 MB, so this refuses nothing real.
        guard bytes.count < Int(JSONTape.notPlain) else {
            throw JSONSyntaxError(line: 1, column: 1, message: "文件过大", messageEn: "the file is too large")
        }
        var p = Cursor(bytes: bytes)
        try p.checkUTF8()
        p.skipBOM()
        p.skipSpace()
        // Every value but the last is followed by a ',' or ':', so a document of n bytes holds
        // at most n/2 + 1 values: reserved once, never copied while growing (pages not used
        // are never touched, so they cost no memory).
        p.starts.reserveCapacity(bytes.count / 2 + 1)
        p.ends.reserveCapacity(bytes.count / 2 + 1)
        try p.value(depth: 0)
        p.skipSpace()
        if p.i < bytes.count {
            throw p.error("JSON 值之后还有多余内容", "unexpected content after the JSON value")
        }
        return JSONTape(bytes: bytes, starts: p.starts, ends: p.ends)
    }
}

/// Reads the grammar and writes the tape: for each value, where it starts and where it ends
/// (see `JSONTape`).
struct Cursor: TapeReading {
    let bytes: [UInt8]
    var i = 0
    var starts: [UInt32] = []
    var ends: [UInt32] = []

    init(bytes: [UInt8], at i: Int = 0) {
        self.bytes = bytes
        self.i = i
    }

    /// Adds a value that starts at `start`; containers get their end when they close.
    mutating func node(_ start: Int, _ end: UInt32 = 0) -> Int {
        starts.append(UInt32(truncatingIfNeeded: start))
        ends.append(end)
        return starts.count - 1
    }

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

    mutating func value(depth: Int) throws(JSONSyntaxError) {
        guard depth < JSONParser.maxDepth else {
            throw error("嵌套层数超过 \(JSONParser.maxDepth)", "nesting deeper than \(JSONParser.maxDepth)")
        }
        guard i < bytes.count else {
            throw error("文件意外结束，缺少值", "unexpected end of file, a value was expected")
        }
        let start = i
        switch bytes[i] {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): _ = try stringNode()
        case UInt8(ascii: "t"): try literal("true"); _ = node(start)
        case UInt8(ascii: "f"): try literal("false"); _ = node(start)
        case UInt8(ascii: "n"): try literal("null"); _ = node(start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number(); _ = node(start, UInt32(i))
        default:
            throw error("此处应为 JSON 值，却是\(describeHere())", "expected a JSON value, found \(describeHereEn())")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
        if i + n <= bytes.count && bytes[i..<(i + n)].elementsEqual(w) {
            i += n
        } else {
            throw error("无法识别的字面量（应为 \(word)）", "invalid literal (expected \(word))")
        }
    }

    mutating func number() throws(JSONSyntaxError) {
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

    /// A string's value on the tape: its opening quote, and its closing quote's offset, marked
    /// when it has escapes (or is not plain ASCII, see `JSONTape.plain`). Escapes are checked
    /// here by decoding them once; most strings have none and are only scanned.
    mutating func stringNode() throws(JSONSyntaxError) -> Int {
        let open = i
        var k = i + 1
        var ascii = true
        while k < bytes.count {
            let b = bytes[k]
            if b == UInt8(ascii: "\"") {
                i = k + 1
                return node(open, UInt32(k) | (ascii ? 0 : JSONTape.notPlain))
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            if b >= 0x80 { ascii = false }
            k += 1
        }
        _ = try string()
        return node(open, UInt32(i - 1) | JSONTape.notPlain)
    }

    /// Decodes the string at `i` (its opening quote), escapes and all.
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

    mutating func array(depth: Int) throws(JSONSyntaxError) {
        let me = node(i)
        i += 1
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return close(me) }
        while true {
            skipSpace()
            try value(depth: depth + 1)
            skipSpace()
            guard i < bytes.count else { throw error("数组没有结束的“]”", "unterminated array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return close(me) }
            throw error("数组中此处应为“,”或“]”，却是\(describeHere())", "expected ',' or ']' in array, found \(describeHereEn())")
        }
    }

    /// A container ends where the value after its last descendant begins.
    mutating func close(_ container: Int) {
        ends[container] = UInt32(starts.count)
    }

    mutating func object(depth: Int) throws(JSONSyntaxError) {
        let me = node(i)
        i += 1
        // Duplicate keys: a look through the keys so far for the usual handful, a table beyond.
        var members = 0
        var seen = DuplicateKeys()
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return close(me) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw error("此处应为用双引号括起的键，却是\(describeHere())", "expected a double-quoted key, found \(describeHereEn())")
            }
            let keyAt = i
            let key = try stringNode()
            let duplicate: Bool
            if members < DuplicateKeys.lookLimit {
                duplicate = hasKey(me, like: key)
            } else {
                if seen.isEmpty { seen.insertKeys(of: me, before: key, self) }
                duplicate = !seen.insert(key, self)
            }
            if duplicate {
                let name = string(key)
                throw error("键“\(name)”在同一对象中重复出现", "duplicate key \"\(name)\" in one object", at: keyAt)
            }
            members += 1
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw error("键之后应为“:”，却是\(describeHere())", "expected ':' after key, found \(describeHereEn())")
            }
            i += 1
            skipSpace()
            try value(depth: depth + 1)
            skipSpace()
            guard i < bytes.count else { throw error("对象没有结束的“}”", "unterminated object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return close(me) }
            throw error("对象中此处应为“,”或“}”，却是\(describeHere())", "expected ',' or '}' in object, found \(describeHereEn())")
        }
    }
}

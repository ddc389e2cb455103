import JixiaoCore

/// swift-argument-parser's own messages (an unknown option, a missing argument, a value not
/// allowed) in Chinese when the messages are Chinese. The parser words them in English only
/// and offers no typed error to word them from, so its message is translated pattern by
/// pattern; a line of no known pattern is left as the parser wrote it. The usage line and the
/// hint that follow keep what they say, under Chinese headings.
enum ParserMessages {
    /// The language asked for on the command line. A line that failed to parse has no parsed
    /// options, so `--lang en` (or `--lang=en`) is looked for among the arguments themselves.
    static func language(_ arguments: [String]) -> Language {
        for (i, a) in arguments.enumerated() {
            if a == "--lang=en" || (a == "--lang" && arguments.dropFirst(i + 1).first == "en") { return .en }
        }
        return .zh
    }

    /// The parser's full message (`Error: …`, `Help: …`, `Usage: …`, `See '…' …`) in `lang`.
    static func render(_ message: String, _ lang: Language) -> String {
        guard lang == .zh else { return message }
        return message.split(separator: "\n", omittingEmptySubsequences: false).map { chinese(String($0)) }.joined(separator: "\n")
    }

    static func chinese(_ line: String) -> String {
        if let rest = after("Error: ", line) { return "错误：" + error(rest) }
        if let rest = after("Help:  ", line) { return "说明：" + rest }
        if let rest = after("Usage: ", line) { return "用法：" + rest }
        if let rest = after("  See '", line), let end = rest.firstRange(of: "' for ") { return "  详见 \(rest[..<end.lowerBound])。" }
        return line
    }

    /// The error itself: one of the kinds the parser reports about a command line.
    static func error(_ text: String) -> String {
        if let rest = after("Unknown option '", text) {
            if let r = rest.firstRange(of: "'. Did you mean '"), rest.hasSuffix("'?") {
                return "不认识的选项 \(rest[..<r.lowerBound])，是不是 \(rest[r.upperBound...].dropLast(2))？"
            }
            return "不认识的选项 \(rest.dropLast())"
        }
        if let rest = after("Missing expected argument '", text) { return "缺少参数 \(rest.dropLast())" }
        if let rest = after("Missing value for '", text) { return "\(rest.dropLast()) 缺少值" }
        if let rest = after("Unexpected argument '", text) { return "多余的参数：\(rest.dropLast())" }
        if let r = text.firstRange(of: " unexpected arguments: "), Int(text[..<r.lowerBound]) != nil {
            return "多余的参数：\(list(String(text[r.upperBound...])))"
        }
        if let rest = after("The option '", text), let r = rest.firstRange(of: "' does not take any value, but '"), rest.hasSuffix("' was specified.") {
            return "选项 \(rest[..<r.lowerBound]) 不带值，却给了“\(rest[r.upperBound...].dropLast(16))”"
        }
        if let rest = after("The value '", text), let r = rest.ranges(of: "' is invalid for '").last {
            let value = rest[..<r.lowerBound]
            let tail = rest[r.upperBound...]
            guard let close = tail.firstIndex(of: "'") else { return text }
            let option = tail[..<close]
            let reason = String(tail[tail.index(after: close)...])
            return "\(option) 的值“\(value)”无效" + allowed(reason)
        }
        return text
    }

    /// What follows an invalid value: the values allowed, or the reason the value gave.
    static func allowed(_ reason: String) -> String {
        if reason.isEmpty { return "" }
        if let rest = after(". Please provide one of ", reason), rest.hasSuffix(".") { return "，应为 \(list(String(rest.dropLast()))) 之一" }
        if let rest = after(": ", reason) { return "：" + rest }
        return reason
    }

    /// `'a', 'b' or 'c'` as `a、b 或 c`.
    static func list(_ quoted: String) -> String {
        var s = quoted
        if s.hasPrefix("'") { s.removeFirst() }
        if s.hasSuffix("'") { s.removeLast() }
        return s.replacing("' or '", with: " 或 ").replacing("' and '", with: " 或 ").replacing("', '", with: "、")
    }

    static func after(_ prefix: String, _ s: String) -> String? {
        s.hasPrefix(prefix) ? String(s.dropFirst(prefix.count)) : nil
    }
}

/// One thing wrong with a sheet: how bad, where (an RFC 6901 pointer into the session file),
/// and what, in Chinese and English. `code` is a stable name for scripts and tests.
public struct Problem: Equatable, Sendable {
    public var severity: Severity
    public var pointer: JSONPointer
    public var message: String
    public var messageEn: String
    public var code: String

    public init(_ severity: Severity, _ pointer: JSONPointer, _ message: String, _ messageEn: String, code: String) {
        self.severity = severity
        self.pointer = pointer
        self.message = message
        self.messageEn = messageEn
        self.code = code
    }

    public func message(_ lang: Language) -> String { lang.pick(message, messageEn) }

    public func severityName(_ lang: Language) -> String {
        switch severity {
        case .error: return lang.pick("错误", "error")
        case .warning: return lang.pick("警告", "warning")
        }
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("severity", .string(severity.rawValue)),
            ("pointer", .string(pointer.description)),
            ("code", .string(code)),
            ("message", .string(message)),
            ("messageEn", .string(messageEn)),
        ]))
    }
}

import FoundationEssentials

/// A problem found while reading a document: where (JSON Pointer) and what, in both languages.
public struct ReadIssue: Error, Equatable, Sendable {
    public var pointer: JSONPointer
    public var message: String
    public var messageEn: String

    public init(_ pointer: JSONPointer, _ message: String, _ messageEn: String) {
        self.pointer = pointer
        self.message = message
        self.messageEn = messageEn
    }
}

/// Typed access to a parsed JSON document that records, instead of throwing, every place
/// where the document is not what was expected, so that one run reports all of them.
struct JSONReading {
    var issues: [ReadIssue] = []

    mutating func fail(_ p: JSONPointer, _ zh: String, _ en: String) {
        issues.append(ReadIssue(p, zh, en))
    }

    /// The members of an object; reports keys not in `allowed` (a typo in a template must not
    /// pass silently).
    mutating func object(_ v: JSONValue?, _ p: JSONPointer, allowed: Set<String>? = nil) -> JSONObject? {
        guard let v else { return nil }
        guard let o = v.objectValue else {
            fail(p, "应为对象，却是\(v.typeName)", "expected an object, found \(v.typeName)")
            return nil
        }
        if let allowed {
            for k in o.keys where !allowed.contains(k) {
                fail(p / k, "未知的键“\(k)”", "unknown key \"\(k)\"")
            }
        }
        return o
    }

    mutating func array(_ o: JSONObject, _ key: String, _ p: JSONPointer, required: Bool = false) -> [JSONValue] {
        guard let v = o[key] else {
            if required { fail(p / key, "缺少“\(key)”", "\"\(key)\" is missing") }
            return []
        }
        guard let a = v.arrayValue else {
            fail(p / key, "应为数组，却是\(v.typeName)", "expected an array, found \(v.typeName)")
            return []
        }
        return a
    }

    mutating func string(_ o: JSONObject, _ key: String, _ p: JSONPointer, required: Bool = false) -> String? {
        guard let v = o[key] else {
            if required { fail(p / key, "缺少“\(key)”", "\"\(key)\" is missing") }
            return nil
        }
        guard let s = v.stringValue else {
            fail(p / key, "应为字符串，却是\(v.typeName)", "expected a string, found \(v.typeName)")
            return nil
        }
        if required && s.isEmpty { fail(p / key, "“\(key)”不能为空", "\"\(key)\" must not be empty") }
        return s
    }

    mutating func bool(_ o: JSONObject, _ key: String, _ p: JSONPointer) -> Bool? {
        guard let v = o[key] else { return nil }
        guard let b = v.boolValue else {
            fail(p / key, "应为 true 或 false，却是\(v.typeName)", "expected true or false, found \(v.typeName)")
            return nil
        }
        return b
    }

    mutating func decimal(_ v: JSONValue?, _ p: JSONPointer) -> Decimal? {
        guard let v else { return nil }
        guard let lit = v.numberLiteral else {
            fail(p, "应为数字，却是\(v.typeName)", "expected a number, found \(v.typeName)")
            return nil
        }
        guard let d = ExactDecimal.parse(lit) else {
            fail(p, "数字“\(lit)”位数过多，无法精确表示", "the number \(lit) has too many digits to hold exactly")
            return nil
        }
        return d
    }

    mutating func decimal(_ o: JSONObject, _ key: String, _ p: JSONPointer, required: Bool = false) -> Decimal? {
        if o[key] == nil && required { fail(p / key, "缺少“\(key)”", "\"\(key)\" is missing") }
        return decimal(o[key], p / key)
    }

    mutating func int(_ o: JSONObject, _ key: String, _ p: JSONPointer, required: Bool = false, range: ClosedRange<Int>) -> Int? {
        guard let d = decimal(o, key, p, required: required) else { return nil }
        guard let n = ExactDecimal.integer(d), range.contains(n) else {
            fail(p / key, "应为 \(range.lowerBound) 到 \(range.upperBound) 之间的整数", "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return n
    }
}

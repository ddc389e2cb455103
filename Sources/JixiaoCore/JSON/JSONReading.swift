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

    /// One line per issue, `file: pointer: message`, and, when some were only counted, a last
    /// line saying how many.
    public static func render(_ issues: [ReadIssue], unlisted: Int, file: String, _ lang: Language) -> String {
        var lines = issues.map { "\(file): \($0.pointer.description.isEmpty ? "/" : $0.pointer.description): \(lang.pick($0.message, $0.messageEn))" }
        if unlisted > 0 {
            lines.append(lang.pick("\(file): ……另有 \(unlisted) 个问题未列出", "\(file): … and \(unlisted) more problems"))
        }
        return lines.joined(separator: "\n")
    }
}

/// Typed access to a parsed JSON document that records, instead of throwing, every place
/// where the document is not what was expected, so that one run reports all of them: the
/// first `listed` in full, the rest only counted.
struct JSONReading {
    /// How many problems a reader keeps. A file with more than a few dozen is not a typo but
    /// the wrong file, a file of another template or a generated one; the first fifty show
    /// which, and fit in a terminal's scroll-back. What follows is counted, not written: a
    /// hostile file with a million unknown keys must cost a counter, not a million messages.
    static let listed = 50

    private(set) var issues: [ReadIssue] = []
    /// Problems found after the first `listed`: counted only.
    private(set) var unlisted = 0

    var isEmpty: Bool { issues.isEmpty }

    /// Records a problem. The pointer and the messages are made only for the first `listed`.
    mutating func fail(_ p: @autoclosure () -> JSONPointer, _ zh: @autoclosure () -> String, _ en: @autoclosure () -> String) {
        if issues.count < Self.listed {
            issues.append(ReadIssue(p(), zh(), en()))
        } else {
            unlisted += 1
        }
    }

    /// The members of an object; reports keys not in `allowed` (a typo in a template must not
    /// pass silently).
    mutating func object<V: JSONNode>(_ v: V?, _ p: @autoclosure () -> JSONPointer, allowed: Set<String>? = nil) -> V.Object? {
        guard let v else { return nil }
        guard let o = v.objectValue else {
            fail(p(), "应为对象，却是\(v.typeNameZh)", "expected an object, found \(v.typeName)")
            return nil
        }
        if let allowed {
            for (k, _) in o.members where !allowed.contains(k) {
                fail(p() / k, "未知的键“\(k)”", "unknown key \"\(k)\"")
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
            fail(p / key, "应为数组，却是\(v.typeNameZh)", "expected an array, found \(v.typeName)")
            return []
        }
        return a
    }

    mutating func string<O: JSONMembers>(_ o: O, _ key: String, _ p: JSONPointer, required: Bool = false) -> String? where O.Node: JSONNode {
        guard let v = o[key] else {
            if required { fail(p / key, "缺少“\(key)”", "\"\(key)\" is missing") }
            return nil
        }
        guard let s = v.stringValue else {
            fail(p / key, "应为字符串，却是\(v.typeNameZh)", "expected a string, found \(v.typeName)")
            return nil
        }
        if required && s.isEmpty { fail(p / key, "“\(key)”不能为空", "\"\(key)\" must not be empty") }
        return s
    }

    mutating func bool<O: JSONMembers>(_ o: O, _ key: String, _ p: JSONPointer) -> Bool? where O.Node: JSONNode {
        guard let v = o[key] else { return nil }
        guard let b = v.boolValue else {
            fail(p / key, "应为 true 或 false，却是\(v.typeNameZh)", "expected true or false, found \(v.typeName)")
            return nil
        }
        return b
    }

    mutating func decimal<V: JSONNode>(_ v: V?, _ p: JSONPointer) -> Decimal? {
        guard let v else { return nil }
        guard let lit = v.numberLiteral else {
            fail(p, "应为数字，却是\(v.typeNameZh)", "expected a number, found \(v.typeName)")
            return nil
        }
        guard let d = ExactDecimal.parse(lit) else {
            fail(p, "数字“\(lit)”位数过多，无法精确表示", "the number \(lit) has too many digits to hold exactly")
            return nil
        }
        return d
    }

    mutating func decimal<O: JSONMembers>(_ o: O, _ key: String, _ p: JSONPointer, required: Bool = false) -> Decimal? where O.Node: JSONNode {
        let v = o[key]
        if v == nil && required { fail(p / key, "缺少“\(key)”", "\"\(key)\" is missing") }
        return decimal(v, p / key)
    }

    mutating func int<O: JSONMembers>(_ o: O, _ key: String, _ p: JSONPointer, required: Bool = false, range: ClosedRange<Int>) -> Int? where O.Node: JSONNode {
        guard let d = decimal(o, key, p, required: required) else { return nil }
        guard let n = ExactDecimal.integer(d), range.contains(n) else {
            fail(p / key, "应为 \(range.lowerBound) 到 \(range.upperBound) 之间的整数", "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return n
    }
}

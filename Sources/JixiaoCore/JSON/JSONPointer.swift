/// An RFC 6901 JSON Pointer: how every problem names its field and how `set` and `get`
/// address a value.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var tokens: [String]

    public init(_ tokens: [String] = []) { self.tokens = tokens }

    /// Parses "/fields/staff_actual". The empty string is the whole document.
    public init?(parsing text: String) {
        if text.isEmpty { self.tokens = []; return }
        guard text.hasPrefix("/") else { return nil }
        var result = [String]()
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            // "~1" is "/", "~0" is "~"; any other "~" is malformed.
            var token = ""
            var it = raw.makeIterator()
            while let c = it.next() {
                if c == "~" {
                    switch it.next() {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default: return nil
                    }
                } else {
                    token.append(c)
                }
            }
            result.append(token)
        }
        self.tokens = result
    }

    public var description: String {
        tokens.map { "/" + $0.replacing("~", with: "~0").replacing("/", with: "~1") }.joined()
    }

    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens + [token]) }
    public func appending(_ index: Int) -> JSONPointer { JSONPointer(tokens + [String(index)]) }

    public static func / (p: JSONPointer, token: String) -> JSONPointer { p.appending(token) }
    public static func / (p: JSONPointer, index: Int) -> JSONPointer { p.appending(index) }

    public static func < (a: JSONPointer, b: JSONPointer) -> Bool { a.description < b.description }

    /// The array index a token names, if it is one (no leading zeros, as RFC 6901 says).
    public static func index(_ token: String) -> Int? {
        guard !token.isEmpty, token.allSatisfy(\.isASCII), token.allSatisfy(\.isNumber) else { return nil }
        if token.count > 1 && token.hasPrefix("0") { return nil }
        return Int(token)
    }
}

extension JSONValue {
    /// The value a pointer names, or nil when there is none.
    public func resolve(_ pointer: JSONPointer) -> JSONValue? {
        var cur = self
        for t in pointer.tokens {
            switch cur {
            case .object(let o):
                guard let v = o[t] else { return nil }
                cur = v
            case .array(let a):
                guard let n = JSONPointer.index(t), n < a.count else { return nil }
                cur = a[n]
            default:
                return nil
            }
        }
        return cur
    }
}

/// One value of a `JSONTape`, read in place: what the session reader walks instead of a tree.
/// Nothing is copied until asked for: a key is compared with the file's bytes, a string or a
/// number becomes a `String` only when read, and `value` makes a tree of a part when one is
/// needed (the stored `computed` block).
public struct JSONElement: JSONNode {
    public let tape: JSONTape
    public let index: Int

    private var first: UInt8 { tape.first(index) }

    public var isObject: Bool { first == UInt8(ascii: "{") }
    public var isArray: Bool { first == UInt8(ascii: "[") }
    public var isNull: Bool { first == UInt8(ascii: "n") }

    public var typeName: String {
        switch first {
        case UInt8(ascii: "{"): return "object"
        case UInt8(ascii: "["): return "array"
        case UInt8(ascii: "\""): return "string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "boolean"
        case UInt8(ascii: "n"): return "null"
        default: return "number"
        }
    }

    public var stringValue: String? { first == UInt8(ascii: "\"") ? tape.string(index) : nil }

    public var numberLiteral: String? {
        switch first {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return String(decoding: tape.bytes[Int(tape.starts[index])..<Int(tape.ends[index])], as: UTF8.self)
        default:
            return nil
        }
    }

    public var boolValue: Bool? {
        switch first {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: return nil
        }
    }

    public var objectValue: Object? { isObject ? Object(element: self) : nil }

    public var itemCount: Int { items.count }

    /// The items of an array (none for anything else).
    public var items: Items { Items(tape: tape, from: isArray ? index + 1 : index, end: isArray ? Int(tape.ends[index]) : index) }

    /// How many values this one holds, at any depth, keys included: a size known without
    /// walking it.
    public var descendantCount: Int { tape.next(index) - index - 1 }

    /// This value and everything in it as a tree.
    public var value: JSONValue { tape.value(index) }

    /// The members of an object, in file order.
    public struct Object: JSONMembers {
        let element: JSONElement

        public var members: Members {
            Members(tape: element.tape, from: element.index + 1, end: Int(element.tape.ends[element.index]))
        }

        /// The member named `key`; keys are unique (the parser refuses duplicates).
        public subscript(key: String) -> JSONElement? {
            element.tape.member(of: element.index, named: key).map { JSONElement(tape: element.tape, index: $0) }
        }
    }

    public struct Members: Sequence, IteratorProtocol {
        let tape: JSONTape
        var from: Int
        let end: Int

        public mutating func next() -> (key: String, value: JSONElement)? {
            guard from < end else { return nil }
            let k = from
            from = tape.next(k + 1)
            return (tape.string(k), JSONElement(tape: tape, index: k + 1))
        }
    }

    public struct Items: Sequence, IteratorProtocol {
        let tape: JSONTape
        var from: Int
        let end: Int

        public mutating func next() -> JSONElement? {
            guard from < end else { return nil }
            let k = from
            from = tape.next(k)
            return JSONElement(tape: tape, index: k)
        }

        /// How many items are left, counted by skipping over them.
        public var count: Int {
            var n = 0, k = from
            while k < end { n += 1; k = tape.next(k) }
            return n
        }
    }
}

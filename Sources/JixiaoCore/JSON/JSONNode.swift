/// What reading a parsed document needs of a value, so that one reader serves both a tree
/// (`JSONValue`: templates, typed values, tests) and a tape (`JSONElement`: session files,
/// which may be hostile and large). `JSONReading` and `SessionCodec` are written against it.
public protocol JSONNode {
    associatedtype Object: JSONMembers where Object.Node == Self
    associatedtype Items: Sequence where Items.Element == Self
    var objectValue: Object? { get }
    var typeName: String { get }
    var stringValue: String? { get }
    var numberLiteral: String? { get }
    var boolValue: Bool? { get }
    var isNull: Bool { get }
    var isObject: Bool { get }
    var isArray: Bool { get }
    /// The items of an array, in order; none for anything else.
    var items: Items { get }
    var itemCount: Int { get }
    /// How many values this one holds at any depth, object keys included (as a tape counts).
    var descendantCount: Int { get }
    /// This value and everything in it as a tree.
    var value: JSONValue { get }
}

extension JSONNode {
    /// `typeName` in Chinese, for the Chinese of a message ("应为数组，却是字符串").
    public var typeNameZh: String {
        switch typeName {
        case "boolean": return "布尔值"
        case "number": return "数字"
        case "string": return "字符串"
        case "array": return "数组"
        case "object": return "对象"
        default: return typeName  // null
        }
    }
}

/// An object's members, in order, and a member by key.
public protocol JSONMembers {
    associatedtype Node
    associatedtype Members: Sequence where Members.Element == (key: String, value: Node)
    var members: Members { get }
    subscript(key: String) -> Node? { get }
}

extension JSONValue: JSONNode {
    public var isObject: Bool { objectValue != nil }
    public var isArray: Bool { arrayValue != nil }
    public var items: [JSONValue] { arrayValue ?? [] }
    public var itemCount: Int { arrayValue?.count ?? 0 }
    public var value: JSONValue { self }

    public var descendantCount: Int {
        switch self {
        case .object(let o): return o.members.reduce(0) { $0 + 2 + $1.value.descendantCount }
        case .array(let a): return a.reduce(0) { $0 + 1 + $1.descendantCount }
        default: return 0
        }
    }
}

extension JSONObject: JSONMembers {}

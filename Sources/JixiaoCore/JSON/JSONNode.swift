/// What typed reading (`JSONReading`) needs of a parsed value, so that one set of readers
/// serves both a tree (`JSONValue`, for templates) and a tape (`JSONElement`, for session
/// files, which may be hostile and large).
public protocol JSONNode {
    associatedtype Object: JSONMembers where Object.Node == Self
    var objectValue: Object? { get }
    var typeName: String { get }
    var stringValue: String? { get }
    var numberLiteral: String? { get }
    var boolValue: Bool? { get }
    var isNull: Bool { get }
}

/// An object's members, in order, and a member by key.
public protocol JSONMembers {
    associatedtype Node
    associatedtype Members: Sequence where Members.Element == (key: String, value: Node)
    var members: Members { get }
    subscript(key: String) -> Node? { get }
}

extension JSONValue: JSONNode {}
extension JSONObject: JSONMembers {}

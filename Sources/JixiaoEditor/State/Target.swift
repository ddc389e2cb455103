import JixiaoCore

/// A typed value the cursor can sit on: what an edit writes to. Every target is a JSON Pointer
/// into the session, so an edit goes through the same `SessionEditor` as `jixiao set`, and a
/// problem's pointer leads back to the cell it is about.
public enum Target: Hashable, Sendable {
    case unit
    case year
    case field(String)
    case cell(row: String, column: String)
    case tableCell(table: String, row: Int, column: String)
    case indicator(row: Int, key: String)

    public var pointer: String {
        switch self {
        case .unit: return "/unit"
        case .year: return "/year"
        case .field(let id): return "/fields/\(id)"
        case .cell(let r, let c): return "/fields/\(r)/\(c)"
        case .tableCell(let t, let n, let c): return "/tables/\(t)/\(n)/\(c)"
        case .indicator(let n, let k): return "/indicators/\(n)/\(k)"
        }
    }

    /// The target a problem's pointer names, if it names a typed value.
    public static func from(pointer p: JSONPointer) -> Target? {
        let t = p.tokens
        switch t.first {
        case "unit": return .unit
        case "year": return .year
        case "fields" where t.count == 2: return .field(t[1])
        case "fields" where t.count == 3: return .cell(row: t[1], column: t[2])
        case "tables" where t.count == 4:
            return JSONPointer.index(t[2]).map { .tableCell(table: t[1], row: $0, column: t[3]) }
        case "indicators" where t.count == 3:
            return JSONPointer.index(t[1]).map { .indicator(row: $0, key: t[2]) }
        default: return nil
        }
    }
}

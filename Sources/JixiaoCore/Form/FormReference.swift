/// What a form's value cell or a {placeholder} in its text names: a field, a grid cell, a
/// column's 合计, the indicator sums (the syntax of `Reference`), one of the sheet's own
/// values (the unit, the year, 总分 and 等级), or a figure the transcribed report states
/// (`stated.total`: see `StatedFigures`).
public enum FormReference: Equatable, Sendable {
    case unit
    case year
    case total
    case grade
    case stated(String)
    case reference(Reference)

    public static func parse(_ text: String) -> FormReference {
        switch text {
        case "unit": return .unit
        case "year": return .year
        case "total": return .total
        case "grade": return .grade
        default:
            if text.hasPrefix("stated.") { return .stated(String(text.dropFirst("stated.".count))) }
            return .reference(Reference.parse(text, inTable: nil))
        }
    }

    /// The names in braces in a text of the form ("填表人：{filled_by}" → ["filled_by"]), other
    /// than {year} and {prevYear}, which every label of a template may use.
    public static func placeholders(in text: String) -> [String] {
        guard text.utf8.contains(UInt8(ascii: "{")) else { return [] }
        var out = [String]()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = String(after[..<close])
            if name != "year" && name != "prevYear" { out.append(name) }
            rest = after[after.index(after: close)...]
        }
        return out
    }
}

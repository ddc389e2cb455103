/// What a reference in a formula or check points at. See `Formula` for the syntax.
public enum Reference: Hashable, Sendable {
    /// A scalar field, typed or computed: "staff_actual".
    case field(String)
    /// A grid cell: "sangong.final".
    case cell(row: String, column: String)
    /// The sum of a table column over its rows: "special_funds[].final".
    case columnSum(table: String, column: String)
    /// A sibling column inside the current table row: "budget".
    case rowColumn(String)
    /// Sum of the indicator rows' 得分 ("indicators.score") or 分值 ("indicators.weight").
    case indicatorScores
    case indicatorWeights

    /// Parses a reference; `inTable` is the table whose row is being computed, if any.
    public static func parse(_ text: String, inTable table: Table?) -> Reference {
        if text == "indicators.score" { return .indicatorScores }
        if text == "indicators.weight" { return .indicatorWeights }
        if let r = text.firstRange(of: "[].") {
            return .columnSum(table: String(text[..<r.lowerBound]), column: String(text[r.upperBound...]))
        }
        if let dot = text.firstIndex(of: ".") {
            return .cell(row: String(text[..<dot]), column: String(text[text.index(after: dot)...]))
        }
        if let table, table.columns.contains(where: { $0.id == text }) { return .rowColumn(text) }
        return .field(text)
    }
}

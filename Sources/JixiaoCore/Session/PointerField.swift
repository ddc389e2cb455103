/// The field a `set` pointer writes to, for what is said about its value after it was
/// accepted (`InputParser.caution`): a field, a grid cell, a table cell, a stated figure, an
/// indicator cell. Whole rows and appended rows name no single field.
extension SessionEditor {
    public static func field(at pointer: String, _ t: Template, year: Int?) -> Field? {
        guard let p = JSONPointer(parsing: pointer) else { return nil }
        let k = p.tokens, ix = t.index
        let f: Field?
        switch (k.first, k.count) {
        case ("fields", 2): f = ix.fields[k[1]]
        case ("fields", 3): f = ix.gridRows[k[1]].flatMap { ix.grids[$0.grid]?.columns.first { $0.id == k[2] } }
        case ("tables", 4): f = ix.tables[k[1]]?.columns.first { $0.id == k[3] }
        case ("tables", 5) where k[3] == "stated": f = ix.tables[k[1]].flatMap { StatedFigures.rowFields($0).first { $0.key == k[4] }?.field }
        case ("stated", 2): f = StatedFigures.fields(t).first { $0.key == k[1] }?.field
        case ("indicators", 3): f = IndicatorRow.keys.contains(k[2]) ? IndicatorRow.field(k[2], decimals: t.rounding.score) : nil
        default: f = nil
        }
        return f?.resolved(year: year)
    }
}

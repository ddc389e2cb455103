extension Template {
    /// What a form's `label` cell shows, in both languages: the label of a field
    /// ("staff_actual"), of a grid row ("car"), or of a column of a table, a grid or the
    /// indicator grid ("projects[].initial", "spending_control[].final", "indicators[].target");
    /// nil when the reference names nothing.
    public func formLabel(_ ref: String) -> (zh: String, en: String)? {
        let ix = index
        if let f = ix.fields[ref] { return (f.label, f.labelEn) }
        if let (_, row) = ix.gridRows[ref] { return (row.label, row.labelEn) }
        guard let r = ref.firstRange(of: "[].") else { return nil }
        let owner = String(ref[..<r.lowerBound]), column = String(ref[r.upperBound...])
        if owner == "indicators" {
            guard let scheme = indicators, IndicatorRow.keys.contains(column) else { return nil }
            switch column {
            case "name": return (scheme.nameLabel, IndicatorRow.label(column, .en))
            case "target": return (scheme.targetLabel, IndicatorRow.label(column, .en))
            case "actual": return (scheme.actualLabel, IndicatorRow.label(column, .en))
            case "score": return (scheme.scoreLabel, IndicatorRow.label(column, .en))
            case "deviation": return (scheme.deviationLabel, IndicatorRow.label(column, .en))
            default: return (IndicatorRow.label(column, .zh), IndicatorRow.label(column, .en))
            }
        }
        let columns = ix.tables[owner]?.columns ?? ix.grids[owner]?.columns ?? []
        return columns.first { $0.id == column }.map { ($0.label, $0.labelEn) }
    }
}

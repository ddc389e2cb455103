/// Lookup tables over a template, built once when it is loaded: which id is a scalar field,
/// a grid row or a table, in template order.
public struct TemplateIndex: Sendable {
    /// Scalar fields (typed and computed) by id, and their order on the sheet.
    public var fields: [String: Field] = [:]
    public var fieldOrder: [String] = []
    public var grids: [String: Grid] = [:]
    public var gridOrder: [String] = []
    /// Grid row id → (grid id, row).
    public var gridRows: [String: (grid: String, row: GridRow)] = [:]
    /// Every table, including the repeating row groups declared inside grids.
    public var tables: [String: Table] = [:]
    public var tableOrder: [String] = []
    public var hasIndicators = false

    /// Ids that `/computed` uses itself.
    public static let reserved: Set<String> = ["total", "grade", "indicators", "unit", "year", "template", "fields", "tables", "computed"]

    init(_ sections: [Section]) {
        for s in sections {
            for b in s.blocks {
                switch b {
                case .fields(let g):
                    for f in g.fields where fields[f.id] == nil {
                        fields[f.id] = f
                        fieldOrder.append(f.id)
                    }
                case .grid(let g):
                    guard grids[g.id] == nil else { continue }
                    grids[g.id] = g
                    gridOrder.append(g.id)
                    for row in g.rows where gridRows[row.id] == nil {
                        gridRows[row.id] = (g.id, row)
                        if let tid = row.table, tables[tid] == nil {
                            let name = Field(id: "name", label: row.nameLabel, labelEn: "Name", kind: .text, unit: "", decimals: 0,
                                             required: true, pattern: nil, patternHint: nil, formula: nil, max: nil, signed: false, note: "")
                            tables[tid] = Table(id: tid, title: row.label, titleEn: row.labelEn, columns: [name] + g.columns,
                                                totals: g.columns.map(\.id), requirements: [], numbered: false, gridID: g.id)
                            tableOrder.append(tid)
                        }
                    }
                case .table(let t):
                    guard tables[t.id] == nil else { continue }
                    tables[t.id] = t
                    tableOrder.append(t.id)
                case .indicators:
                    hasIndicators = true
                case .unit, .result:
                    break
                }
            }
        }
    }

    /// Typed grid rows: those that hold values (not a repeating group's placeholder).
    public func valueRows(of grid: Grid) -> [GridRow] { grid.rows.filter { $0.table == nil } }
}

/// A note on one value of a sheet, by its JSON Pointer: where a transcribed value comes from
/// when the document does not print it. Seed 003 never prints its previous year's income; the
/// example derives 1857.81 from 5720.71 − 3862.90 and says so:
///
///     "notes": {"/fields/income_prev": "原文未列出：由 5720.71 − 3862.90 推得"}
///
/// Stored only when there are notes; set with `jixiao set FILE '/notes/~1fields~1income_prev=…'`
/// (RFC 6901 writes the pointer's "/" as "~1"). `validate` warns about a note whose value is
/// not in the sheet (a row deleted since).
public enum SheetNote {
    /// How a note's text is checked: long text, line breaks kept, no control characters.
    static let field = Field(id: "note", label: "注释", labelEn: "Note", kind: .longtext)

    /// A pointer a note may be on: a typed value, a row, a table, the indicator grid.
    static func isNotePointer(_ text: String) -> Bool {
        guard let p = JSONPointer(parsing: text), let head = p.tokens.first else { return false }
        return ["unit", "year", "fields", "tables", "indicators", "stated"].contains(head)
    }
}

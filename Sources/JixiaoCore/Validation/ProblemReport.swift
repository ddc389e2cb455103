/// The problems of a sheet, kept in three parts so that the editor can replace the problems of
/// one indicator row without checking the other 9,999: what comes before the indicator rows in
/// the sheet's order, each row's own, and what comes after (subtotal checks, later sections,
/// cross-checks). `all` is the order `jixiao validate` reports in.
public struct ProblemReport: Sendable, Equatable {
    public private(set) var leading: [Problem]
    public private(set) var rows: [[Problem]]
    public private(set) var trailing: [Problem]
    /// Errors and warnings among the rows' problems, kept as rows change.
    public private(set) var rowErrors = 0
    public private(set) var rowWarnings = 0

    public init(leading: [Problem], rows: [[Problem]], trailing: [Problem]) {
        self.leading = leading
        self.rows = rows
        self.trailing = trailing
        for r in rows { count(r, +1) }
    }

    public var all: [Problem] { leading + rows.joined() + trailing }

    public var errorCount: Int {
        rowErrors + leading.count { $0.severity == .error } + trailing.count { $0.severity == .error }
    }

    public var count: Int {
        rowErrors + rowWarnings + leading.count + trailing.count
    }

    public var isEmpty: Bool { count == 0 }

    /// The same report with row `n`'s problems replaced and the sheet-level parts given anew.
    mutating func replace(row n: Int, with problems: [Problem], leading: [Problem], trailing: [Problem]) {
        count(rows[n], -1)
        rows[n] = problems
        count(problems, +1)
        self.leading = leading
        self.trailing = trailing
    }

    private mutating func count(_ problems: [Problem], _ sign: Int) {
        for p in problems {
            if p.severity == .error { rowErrors += sign } else { rowWarnings += sign }
        }
    }
}

/// What one session file may hold beyond its 16 MB (`AtomicFile.maxReadBytes`), so that any
/// file the program accepts is read, computed and checked in about a second and under 200 MB,
/// whoever made it. A 16 MB file could otherwise hold five million rows `{}` (640 MB as
/// `IndicatorRow`s before anything is checked).
public enum SessionLimits {
    /// Rows of the indicator grid and of every table, together. A real sheet has tens; the
    /// largest the benchmark uses has 10,000. At 50,000 the costliest rows (buildings, two
    /// exact divisions each) still load, compute and save in under a second and 200 MB; at
    /// 100,000 a save took 211 MB. `set` refuses to add a row past it, so that the program
    /// never writes a file it would refuse.
    public static let rows = 50_000

    /// Values in the stored `computed` block, keys included. It is only kept to be compared
    /// with a fresh computation, as a tree; the program writes at most about seven per table
    /// row (a row object and three computed columns), 350,000 at `rows`.
    public static let computedValues = 1_000_000
}

extension Session {
    /// Rows of the indicator grid and of every table, together (`SessionLimits.rows`).
    public var rowCount: Int {
        tables.values.reduce(indicators.count) { $0 + $1.count }
    }
}

/// The rows left to a file as its tables and indicator grid are read (`SessionLimits.rows`).
struct RowBudget {
    private(set) var used = 0

    private var over = false

    /// Takes `count` rows for the array at `p`; when they do not fit, reports it at the first
    /// row over the limit and takes none (the array is not read further). Once over, later
    /// arrays are not read either, and not reported again: the file is refused already.
    mutating func take(_ count: Int, _ p: @autoclosure () -> JSONPointer, _ r: inout JSONReading) -> Bool {
        guard !over else { return false }
        guard used + count > SessionLimits.rows else {
            used += count
            return true
        }
        let limit = SessionLimits.rows
        r.fail(p() / (limit - used),
               "行数超过上限：指标与各表合计最多 \(limit) 行，到此已有 \(used + count) 行",
               "too many rows: indicators and tables hold at most \(limit) rows together, and there are \(used + count) so far")
        over = true
        return false
    }
}

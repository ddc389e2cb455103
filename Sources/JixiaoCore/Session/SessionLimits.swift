/// What one session file may hold beyond its 16 MB (`AtomicFile.maxReadBytes`), so that any
/// file the program accepts is read, computed and checked in about a second and under 200 MB,
/// whoever made it. A 16 MB file could otherwise hold five million rows `{}` (640 MB as
/// `IndicatorRow`s before anything is checked).
public enum SessionLimits {
    /// Rows of the indicator grid and of every table, together. A real sheet has tens; the
    /// largest the benchmark uses has 10,000, and a 16 MB file written by the program holds
    /// about 100,000.
    public static let rows = 100_000

    /// Values in the stored `computed` block, keys included. It is only kept to be compared
    /// with a fresh computation, as a tree; the program writes at most about seven per table
    /// row (a row object and three computed columns), 700,000 at `rows`.
    public static let computedValues = 1_000_000
}

/// The rows left to a file as its tables and indicator grid are read (`SessionLimits.rows`).
struct RowBudget {
    private(set) var used = 0

    /// Takes `count` rows for the array at `p`; when they do not fit, reports it at the first
    /// row over the limit and takes none (the array is not read further).
    mutating func take(_ count: Int, _ p: @autoclosure () -> JSONPointer, _ r: inout JSONReading) -> Bool {
        guard used + count > SessionLimits.rows else {
            used += count
            return true
        }
        let limit = SessionLimits.rows
        r.fail(p() / (limit - used),
               "行数超过上限：一个文件的指标与各表合计最多 \(limit) 行，这里有 \(used + count) 行",
               "too many rows: a file holds at most \(limit) rows of indicators and tables together, this one has \(used + count)")
        used = limit
        return false
    }
}

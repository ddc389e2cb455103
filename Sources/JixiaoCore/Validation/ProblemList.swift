/// Problems as the validator finds them, in the order `jixiao validate` reports: every one,
/// or the first `limit` described and the rest only counted.
///
/// Why a limit: a sheet of 100,000 rows that all break one rule the same way has 100,000
/// problems, and writing each one's pointer and messages costs more than checking the sheet.
/// Counts stay exact; pointers and messages are autoclosures, made for listed problems only.
public struct ProblemList: Sendable {
    public let limit: Int
    public private(set) var listed: [Problem] = []
    public private(set) var errors = 0
    public private(set) var warnings = 0

    /// `limit` nil keeps every problem.
    public init(limit: Int? = nil) {
        self.limit = limit ?? Int.max
    }

    public var count: Int { errors + warnings }
    /// Problems counted but not described.
    public var unlisted: Int { count - listed.count }

    public mutating func add(_ severity: Severity, _ pointer: @autoclosure () -> JSONPointer,
                             _ message: @autoclosure () -> String, _ messageEn: @autoclosure () -> String, code: String) {
        if severity == .error { errors += 1 } else { warnings += 1 }
        if listed.count < limit { listed.append(Problem(severity, pointer(), message(), messageEn(), code: code)) }
    }

    public mutating func add(_ p: Problem) {
        add(p.severity, p.pointer, p.message, p.messageEn, code: p.code)
    }
}

import Synchronization

/// A code field's `pattern` (项目编码: "^[0-9]{21}$"): a regular expression that a value must
/// match as a whole.
///
/// Swift's Regex, where the program used Foundation's ICU regular expressions: linking
/// Foundation and ICU for this one check would double the program's memory. Matching goes scalar
/// by scalar as ICU's does (Swift's default is whole Characters), and ICU's word boundaries are
/// the simple kind. CodePatternTests checks that both agree on what patterns are written with:
/// classes and ranges, \d \s \S \D, counts, anchors, groups, alternation, (?i), \p{Han}.
///
/// Where they still differ, a template author may notice: \w does not take digits other than
/// 0–9 nor combining marks ("１２３", "e\u{301}"), and \b agrees only for ASCII letters; `$`
/// does not match before a final line break, which counts only when the pattern goes on after
/// it ("$\n?"); and a few patterns ICU takes are refused as invalid (look-behind, \K, \cA, a
/// lone surrogate \uD800, counts of 65536 and more), while a{,3} and (?P<name>…) are taken.
enum CodePattern {
    /// Whether the template's pattern is a regular expression at all.
    static func isValid(_ pattern: String) -> Bool {
        compile(pattern) != nil
    }

    /// Whether `value` is the pattern's first match, whole. The first match, not any match:
    /// that is what the ICU search gave, and with "A|AB" the value "AB" does not count.
    static func matchesWhole(_ value: String, _ pattern: String) -> Bool {
        guard let regex = compile(pattern) else { return false }
        return value.firstMatch(of: regex)?.range == value.startIndex..<value.endIndex
    }

    /// Patterns compiled so far: a template has one or two, and compiling one costs far more
    /// than matching it, which every code of every sheet does (a summary of 10,000 sheets
    /// spent a seventh of its time compiling "^[0-9]{21}$" again).
    private static let compiled = Mutex<[String: Compiled]>([:])

    /// A compiled pattern shared between threads (`jixiao summary` checks sheets on every
    /// core). Regex is not marked Sendable because of its untyped output, but a value is never
    /// changed once built, and the program it lowers to on first use is set up atomically.
    private struct Compiled: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>?
    }

    private static func compile(_ pattern: String) -> Regex<AnyRegexOutput>? {
        if let known = compiled.withLock({ $0[pattern] }) { return known.regex }
        let made = Compiled(regex: (try? Regex(pattern))?.matchingSemantics(.unicodeScalar).wordBoundaryKind(.simple))
        compiled.withLock { $0[pattern] = made }
        return made.regex
    }
}

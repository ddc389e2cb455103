import XCTest
@testable import JixiaoCore

/// East-Asian-Ambiguous characters counted two columns wide (print --ambiguous wide): widths,
/// and wrapping that measures with them but breaks where it always does.
final class AmbiguousWidthTests: XCTestCase {
    func testAmbiguousCharactersCountTwoOnlyWhenAsked() {
        for (s, narrow, wide) in [("“≥20期”", 7, 10), ("─│┼", 3, 6), ("※①—…", 4, 8), ("中文", 4, 4), ("abc 5577.04", 11, 11),
                                  ("e\u{301}", 1, 1), ("±×÷", 3, 6), ("Ω", 1, 2), ("㎡", 2, 2)] {
            XCTAssertEqual(DisplayWidth.of(s), narrow, s)
            XCTAssertEqual(DisplayWidth.of(s, ambiguous: .narrow), narrow, s)
            XCTAssertEqual(DisplayWidth.of(s, ambiguous: .wide), wide, s)
        }
    }

    /// The table is sorted and disjoint (a binary search depends on it), and agrees with the
    /// characters the issue names.
    func testTheRangesAreOrdered() {
        let r = AmbiguousWidth.ranges
        for k in r.indices.dropFirst() { XCTAssertLessThan(r[k - 1].upperBound, r[k].lowerBound) }
        for c in "“”≥≤—※─│┌┐└┘├┤┬┴┼" { XCTAssertTrue(AmbiguousWidth.isAmbiguous(c.unicodeScalars.first!.value), String(c)) }
        for c in "a1-|+中，。（）" { XCTAssertFalse(AmbiguousWidth.isAmbiguous(c.unicodeScalars.first!.value), String(c)) }
    }

    func testWrappingMeasuresWideButBreaksAsAlways() {
        let text = "年度指标值“≥2000人”，实际完成2926人次——超过目标※"
        for width in 6...30 {
            let lines = TextWrap.wrap(text, width: width, ambiguous: .wide)
            for l in lines { XCTAssertLessThanOrEqual(DisplayWidth.of(l, ambiguous: .wide), width, "\(width): \(l)") }
            XCTAssertEqual(lines.joined(), text, "\(width)")
            if width >= 8 { XCTAssertTrue(lines.contains { $0.contains("≥2000") }, "\(width): \(lines)") }
        }
        XCTAssertEqual(TextWrap.longestWord("≥2000人", ambiguous: .wide), TextWrap.longestWord("≥2000人") + 1)
    }
}

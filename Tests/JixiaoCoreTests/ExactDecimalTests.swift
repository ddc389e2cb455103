import Foundation
import XCTest
@testable import JixiaoCore

/// Half-up (四舍五入) rounding on exact decimals, and the number grammar.
final class ExactDecimalTests: XCTestCase {
    private func fmt(_ d: Decimal, _ places: Int = 2) -> String { ExactDecimal.format(d, places: places) }

    // MARK: rounding half-up

    func testHalfUpAtTheThirdDecimal() {
        XCTAssertEqual(fmt(D("2.625")), "2.63")
        XCTAssertEqual(fmt(D("2.635")), "2.64")
        XCTAssertEqual(fmt(D("2.6249999")), "2.62")
        XCTAssertEqual(fmt(D("0.005")), "0.01")
        XCTAssertEqual(fmt(D("0.0049")), "0.00")
    }

    func testScoreFromPercentIsExact() {
        // 5 × 52.5% = 2.625 exactly; binary floating point gives 2.6249999… and "2.62".
        let v = D("5") * D("0.525")
        XCTAssertEqual(v, D("2.625"))
        XCTAssertEqual(fmt(v), "2.63")
        XCTAssertEqual(fmt(D("5") * D("52.5") / 100), "2.63")
    }

    func testExecutionRatesFromTheGuangxiSeed() throws {
        let r1 = try XCTUnwrap(ExactDecimal.divide(D("9473"), D("20000")))
        XCTAssertEqual(r1 * 100, D("47.365"))
        XCTAssertEqual(fmt(r1 * 100), "47.37")
        let r2 = try XCTUnwrap(ExactDecimal.divide(D("3443"), D("60000")))
        XCTAssertEqual(fmt(r2 * 100), "5.74")
        let r3 = try XCTUnwrap(ExactDecimal.divide(D("39952"), D("40000")))
        XCTAssertEqual(fmt(r3 * 100), "99.88")
    }

    func testNegativeHalfRoundsAwayFromZero() {
        XCTAssertEqual(fmt(D("-2.625")), "-2.63")
        XCTAssertEqual(fmt(D("-2.5"), 0), "-3")
        XCTAssertEqual(ExactDecimal.round(D("-2.625"), 2), D("-2.63"))
        XCTAssertEqual(ExactDecimal.round(D("2.5"), 0), D("3"))
    }

    func testPadsToTheRequestedDecimals() {
        XCTAssertEqual(fmt(84), "84.00")
        XCTAssertEqual(fmt(D("1.2")), "1.20")
        XCTAssertEqual(fmt(0), "0.00")
        XCTAssertEqual(fmt(D("91"), 0), "91")
        XCTAssertEqual(fmt(D("2.5"), 4), "2.5000")
        XCTAssertEqual(fmt(D("5577.04")), "5577.04")
        XCTAssertEqual(fmt(D("2660149.17")), "2660149.17")
    }

    func testNeverWritesMinusZero() {
        XCTAssertEqual(fmt(D("-0.001")), "0.00")
        XCTAssertEqual(fmt(D("-0.004")), "0.00")
        XCTAssertEqual(fmt(D("-0.4"), 0), "0")
        XCTAssertEqual(fmt(D("-0")), "0.00")
        XCTAssertEqual(fmt(D("-0.005")), "-0.01")
    }

    func testLargeValuesStayPlain() {
        // No exponent in stored figures.
        let s = fmt(D("123456789012345678901234.5"))
        XCTAssertEqual(s, "123456789012345678901234.50")
        XCTAssertFalse(fmt(D("1e20")).contains("e"))
        XCTAssertEqual(fmt(D("1e20"), 0), "100000000000000000000")
    }

    // MARK: parse

    func testParseAcceptsJSONNumbers() {
        XCTAssertEqual(ExactDecimal.parse("5577.40"), D("5577.4"))
        XCTAssertEqual(ExactDecimal.parse("-1.5"), D("-1.5"))
        XCTAssertEqual(ExactDecimal.parse("1e3"), D("1000"))
        XCTAssertEqual(ExactDecimal.parse("2.5E-1"), D("0.25"))
        XCTAssertEqual(ExactDecimal.parse("0"), 0)
        XCTAssertEqual(ExactDecimal.parse("-0"), 0)
        XCTAssertEqual(ExactDecimal.parse("0.5"), D("0.5"))
        // Past the fast path (more than 18 digits, or an exponent): Decimal's own parser, with
        // "." as the point.
        XCTAssertEqual(ExactDecimal.parse("-12345678901234567890.25"), D("-12345678901234567890.25"))
        XCTAssertEqual(ExactDecimal.parse("5577.04e-2"), D("55.7704"))
    }

    func testParseRejectsTooManyDigits() {
        let forty = String(repeating: "1234567890", count: 4)
        XCTAssertNil(ExactDecimal.parse(forty))
        XCTAssertNil(ExactDecimal.parse("0." + forty))
        // 30 significant digits is the limit; leading zeros do not count.
        let thirty = String(repeating: "123456789", count: 3) + "123"
        XCTAssertNotNil(ExactDecimal.parse(thirty))
        XCTAssertNil(ExactDecimal.parse(thirty + "4"))
        XCTAssertNotNil(ExactDecimal.parse("0.000000000000000000000000000000001"))
    }

    func testParseRejectsMalformedLiterals() {
        for bad in ["1e", "1e+", "NaN", "nan", "Infinity", "", "-", "1.", ".5", "+1", "1,000", " 1", "1 ", "0x10", "1.2.3", "--1", "１"] {
            XCTAssertNil(ExactDecimal.parse(bad), "\"\(bad)\" should be refused")
        }
    }

    /// RFC 8259: "01" is not a JSON number (leading zero), and the doc comment of
    /// `isPlainNumber` says it follows that grammar.
    func testParseRejectsLeadingZero() {
        XCTAssertNil(ExactDecimal.parse("01"))
        XCTAssertNil(ExactDecimal.parse("-007.5"))
        XCTAssertFalse(ExactDecimal.isPlainNumber("00"))
    }

    /// The one-pass fast path accepts exactly what JSON's grammar does: every string of up
    /// to five characters from "0", "1", "-" and ".".
    func testTheFastPathFollowsTheGrammar() {
        var strings = [""]
        for _ in 0..<5 { strings += strings.flatMap { s in ["0", "1", "-", "."].map { s + $0 } } }
        for s in Set(strings) {
            XCTAssertEqual(ExactDecimal.parse(s) != nil, ExactDecimal.isPlainNumber(s), "\"\(s)\"")
            if let d = ExactDecimal.parse(s) { XCTAssertEqual(d, Decimal(string: s), "\"\(s)\"") }
        }
    }

    /// An exponent beyond what Decimal holds must be refused, not turned into NaN or a wrong value.
    func testParseRejectsHugeExponents() {
        for lit in ["1e999", "1e-999", "9e200"] {
            let d = ExactDecimal.parse(lit)
            XCTAssertTrue(d == nil || !(d!.isNaN), "\(lit) gave \(String(describing: d))")
            XCTAssertNil(d, "\(lit) cannot be held exactly and should be refused")
        }
    }

    func testDecimalPlaces() {
        XCTAssertEqual(ExactDecimal.decimalPlaces(of: "5577.40"), 2)
        XCTAssertEqual(ExactDecimal.decimalPlaces(of: "209"), 0)
        XCTAssertEqual(ExactDecimal.decimalPlaces(of: "-0.125"), 3)
        XCTAssertEqual(ExactDecimal.decimalPlaces(of: "1e3"), 0)
        XCTAssertEqual(ExactDecimal.decimalPlaces(of: "1.25E2"), 0)
        XCTAssertEqual(ExactDecimal.decimalPlaces(of: "1.5e-2"), 3)
        XCTAssertEqual(ExactDecimal.decimalPlaces(of: "2E+1"), 0)
    }

    func testDivideByZeroIsUndefined() {
        XCTAssertNil(ExactDecimal.divide(5, 0))
        XCTAssertNil(ExactDecimal.divide(0, 0))
        XCTAssertEqual(ExactDecimal.divide(0, 5), 0)
        XCTAssertEqual(ExactDecimal.divide(42, 50).map { $0 * 100 }, 84)
    }
}

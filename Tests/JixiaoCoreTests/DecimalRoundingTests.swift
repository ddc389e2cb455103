import Foundation
import XCTest
@testable import JixiaoCore

/// ExactDecimal.round and .integer against NSDecimalRound and NSDecimalNumber, which they
/// replace: edge cases, then many random values of every length and exponent.
final class DecimalRoundingTests: XCTestCase {
    private func foundationRound(_ value: Decimal, _ places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    /// The same number written the same way: a value's text, and so what a sheet stores and
    /// shows, comes from its significand and exponent. A zero is only compared as a number:
    /// NSDecimalRound's zero keeps an exponent (0.001 to 2 places is 0 × 10⁻²), which neither
    /// its text nor any arithmetic sees.
    private func assertRoundsLikeFoundation(_ value: Decimal, _ places: Int, file: StaticString = #filePath, line: UInt = #line) {
        let ours = ExactDecimal.round(value, places)
        let theirs = foundationRound(value, places)
        let what = "\(value) (\(value.significand)e\(value.exponent)) to \(places) places"
        XCTAssertEqual(ours, theirs, what, file: file, line: line)
        XCTAssertEqual(ours.description, theirs.description, what, file: file, line: line)
        if !theirs.isZero {
            XCTAssertEqual(ours.exponent, theirs.exponent, what, file: file, line: line)
            XCTAssertEqual(ours.significand, theirs.significand, what, file: file, line: line)
            XCTAssertEqual(ours.sign, theirs.sign, what, file: file, line: line)
        }
    }

    static let edgeCases = [
        "0", "0.000", "1", "-1", "0.5", "-0.5", "1.5", "2.5", "-2.5", "0.05", "0.045", "0.0449999", "0.005", "-0.005",
        "2.625", "-2.625", "2.6249999", "99.995", "-99.995", "99.95", "9.5", "0.49999999999999999999999999999999999999",
        "0.50000000000000000000000000000000000001", "99999999999999999999999999999999999999", "12345", "12355", "-12350",
        "340282366920938463463374607431768211455", "-340282366920938463463374607431768211455", "1e100", "-1e100",
        "1e-100", "5e-128", "1.00", "100", "5577.04", "123456789012345678901234567890.123456789", "47.365", "0.47365",
    ]

    func testEdgeCasesRoundLikeFoundation() {
        for s in Self.edgeCases {
            let value = D(s)
            for places in -45...45 { assertRoundsLikeFoundation(value, places) }
            for places in [-1000, -200, -129, -128, 127, 128, 200, 1000] { assertRoundsLikeFoundation(value, places) }
        }
        // Decimals that are not in their shortest form, as `Decimal(sign:exponent:significand:)` makes them.
        for (exponent, significand) in [(-2, 500), (-3, 12500), (-2, 0), (1, 10), (-4, 123450)] {
            for sign in [FloatingPointSign.plus, .minus] {
                let value = Decimal(sign: sign, exponent: exponent, significand: Decimal(significand))
                for places in -6...6 { assertRoundsLikeFoundation(value, places) }
            }
        }
        XCTAssertTrue(ExactDecimal.round(.nan, 2).isNaN)
        XCTAssertTrue(foundationRound(.nan, 2).isNaN)
    }

    func testRandomValuesRoundLikeFoundation() {
        var rng = SeededGenerator(seed: 2024)
        for _ in 0..<3000 {
            // Literals of 1 to 38 digits at any exponent a sheet's arithmetic can reach…
            let digits = (0..<Int.random(in: 1...38, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            let literal = (Bool.random(using: &rng) ? "-" : "") + digits + "e\(Int.random(in: -60...40, using: &rng))"
            // …and quotients, which fill all 38 digits.
            let quotient = Decimal(Int.random(in: -1_000_000...1_000_000, using: &rng)) / Decimal(Int.random(in: 1...99_999, using: &rng))
            for value in [D(literal), quotient, quotient * D("1e-30")] {
                for _ in 0..<8 { assertRoundsLikeFoundation(value, Int.random(in: -40...40, using: &rng)) }
                for places in 0...4 { assertRoundsLikeFoundation(value, places) }
            }
        }
    }

    /// Values ending in exactly 5 after the rounding place: the half-up boundary.
    func testHalvesRoundAwayFromZero() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<2000 {
            let places = Int.random(in: -5...10, using: &rng)
            let head = Int.random(in: 0...999_999_999, using: &rng)
            let value = Decimal(sign: Bool.random(using: &rng) ? .minus : .plus, exponent: -places - 1, significand: Decimal(head * 10 + 5))
            assertRoundsLikeFoundation(value, places)
            XCTAssertEqual(ExactDecimal.round(value, places).magnitude,
                           Decimal(sign: .plus, exponent: -places, significand: Decimal(head + 1)))
        }
    }

    func testIntegerIsNSDecimalNumbersIntValue() {
        var rng = SeededGenerator(seed: 7)
        var values = ["0", "1", "-1", "2024", "1949", "2200", "9223372036854775807", "-9223372036854775808", "1e18", "-1e18",
                      "100.000", "1e3"].map { D($0) }
        values += [Decimal(sign: .plus, exponent: -2, significand: 500), Decimal(sign: .minus, exponent: 2, significand: 7)]
        for _ in 0..<2000 {
            values.append(Decimal(Int.random(in: Int.min...Int.max, using: &rng)))
            values.append(Decimal(Int.random(in: -1_000_000...1_000_000, using: &rng)))
        }
        for value in values {
            XCTAssertEqual(ExactDecimal.integer(value), NSDecimalNumber(decimal: value).intValue, "\(value)")
        }
    }

    func testIntegerRefusesFractionsAndWhatIntCannotHold() {
        for s in ["0.5", "-0.5", "2024.0001", "1e-100", "9223372036854775808", "-9223372036854775809", "1e19", "1e100",
                  "340282366920938463463374607431768211455"] {
            XCTAssertNil(ExactDecimal.integer(D(s)), s)
        }
        XCTAssertNil(ExactDecimal.integer(.nan))
    }
}

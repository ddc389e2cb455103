import XCTest
@testable import JixiaoCore

/// The editor recomputes a committed indicator cell from the previous figures and problems
/// (one row adjusted) instead of a pass over every row. Whatever the edit, that must give
/// exactly what a fresh computation and validation of the edited sheet give.
final class IncrementalTests: XCTestCase {
    static let literals: [String?] = [nil, "0", "4", "2.5", "6.25", "10", "0.01", "99.99", "-1", "3.0", "2.625", "1e1", "abc", "12345678901234"]

    func randomRow(_ scheme: IndicatorScheme, _ rng: inout some RandomNumberGenerator) -> IndicatorRow {
        let tier = scheme.tiers.randomElement(using: &rng)!
        return IndicatorRow(level1: Int.random(in: 0..<8, using: &rng) == 0 ? "其他" : tier.name,
                            level2: tier.level2.randomElement(using: &rng)!,
                            name: Bool.random(using: &rng) ? "指标" : "",
                            weight: Self.literals.randomElement(using: &rng)!, score: Self.literals.randomElement(using: &rng)!,
                            deviation: Bool.random(using: &rng) ? "" : "原因")
    }

    func testOneRowEditsAgreeWithAFreshComputation() throws {
        let loaded = try Fixtures.load("suining-2024")
        let t = loaded.template
        let scheme = try XCTUnwrap(t.indicators)
        var rng = SeededGenerator(seed: 20261125)
        var adjusted = 0
        for round in 0..<120 {
            var s = loaded.session
            s.storedComputed = nil
            // Mostly figures that fit the integer path, so that most edits are adjustments.
            let fitting = round % 3 != 0
            s.indicators = (0..<Int.random(in: 1...30, using: &rng)).map { _ in
                var r = randomRow(scheme, &rng)
                if fitting { r.weight = ["5", "2.5", nil, "10"].randomElement(using: &rng)!; r.score = ["5", "1.25", nil, "0"].randomElement(using: &rng)! }
                return r
            }
            var c = Calculator.compute(s, t)
            var report = Validator.report(s, t, c)
            XCTAssertEqual(report.all, Validator.validate(s, t))
            for _ in 0..<10 {
                let k = Int.random(in: 0..<s.indicators.count, using: &rng)
                let old = s.indicators[k]
                var new = old
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: new.weight = Self.literals.randomElement(using: &rng)!
                case 1: new.score = Self.literals.randomElement(using: &rng)!
                case 2: new.score = ["5", "1.25", nil, "0", "7"].randomElement(using: &rng)!
                case 3: new.deviation = new.deviation.isEmpty ? "原因" : ""
                case 4: new.level2 = scheme.tiers.randomElement(using: &rng)!.level2.randomElement(using: &rng)!
                default: new.name = new.name.isEmpty ? "指标" : ""
                }
                s.indicators[k] = new
                let summary = c.indicators.flatMap { $0.replacing(old, with: new) }
                if summary != nil { adjusted += 1 }
                let fresh = Calculator.compute(s, t)
                let next = summary.map { Calculator.compute(s, t, indicators: $0) } ?? fresh
                XCTAssertEqual(next.indicators, fresh.indicators)
                XCTAssertEqual(next.json, fresh.json)
                Validator.update(&report, s, t, next, changedRow: k)
                XCTAssertEqual(report.all, Validator.validate(s, t))
                XCTAssertEqual(report.errorCount, report.all.count { $0.severity == .error })
                XCTAssertEqual(report.count, report.all.count)
                c = next
            }
        }
        // The adjustment is what is under test: it must have been taken most of the time.
        XCTAssertGreaterThan(adjusted, 250)
    }

    func testAdjustmentStepsAsideWhenItCannotBeExact() throws {
        let t = try Fixtures.template("hunan-dept-overall")
        let scheme = try XCTUnwrap(t.indicators)
        let row = IndicatorRow(level1: "产出指标", level2: "数量指标", name: "x", weight: "5", score: "4")
        let summary = Calculator.summarize([row], scheme, places: 2)
        var moved = row
        moved.level2 = "质量指标"
        XCTAssertNil(summary.replacing(row, with: moved), "a row that changes 二级 needs a full pass")
        var odd = row
        odd.score = "2.625"
        XCTAssertNil(summary.replacing(row, with: odd), "three decimals do not fit the integer path")
        let decimalPath = Calculator.summarize([odd], scheme, places: 2)
        XCTAssertNil(decimalPath.replacing(odd, with: row), "a summary made by the Decimal path has no integer sums")
        var same = row
        same.name = "y"
        XCTAssertEqual(summary.replacing(row, with: same), summary)
    }

    func testHugeFiguresDoNotOverflowTheIntegerPath() throws {
        let t = try Fixtures.template("hunan-dept-overall")
        let scheme = try XCTUnwrap(t.indicators)
        let big = "90000000000000000"
        let rows = (0..<3).map { _ in IndicatorRow(level1: "产出指标", level2: "数量指标", name: "x", weight: big, score: big) }
        let summary = Calculator.summarize(rows, scheme, places: 2)
        XCTAssertEqual(summary.weight, Decimal(string: "270000000000000000"))
    }
}

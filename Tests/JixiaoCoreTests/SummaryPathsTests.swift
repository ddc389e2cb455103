import XCTest
@testable import JixiaoCore

/// The integer fast path of the indicator subtotals must give exactly what the Decimal path
/// gives, and step aside whenever a figure does not fit it.
final class SummaryPathsTests: XCTestCase {
    func testFixedPointAgreesWithDecimalOnRandomSheets() throws {
        let t = try XCTUnwrap(TemplateRegistry(folders: [TemplateRegistry.sourceTemplates]).template(id: "hunan-dept-overall"))
        let scheme = try XCTUnwrap(t.indicators)
        var rng = SystemRandomNumberGenerator()
        let literals = ["0", "4", "2.5", "6.25", "10", "0.01", "99.99", "-1", "3.0"]
        for _ in 0..<200 {
            let rows = (0..<Int.random(in: 0...40, using: &rng)).map { _ -> IndicatorRow in
                let tier = scheme.tiers.randomElement(using: &rng)!
                return IndicatorRow(level1: Bool.random(using: &rng) ? tier.name : "其他", level2: tier.level2.randomElement(using: &rng)!,
                                    name: "x", weight: Bool.random(using: &rng) ? literals.randomElement(using: &rng) : nil,
                                    score: Bool.random(using: &rng) ? literals.randomElement(using: &rng) : nil)
            }
            let fast = try XCTUnwrap(Calculator.summarizeFixedPoint(rows, scheme, places: 2))
            XCTAssertEqual(fast, Calculator.summarizeDecimal(rows, scheme, places: 2))
        }
    }

    func testFiguresThatDoNotFitTakeTheDecimalPath() throws {
        let t = try XCTUnwrap(TemplateRegistry(folders: [TemplateRegistry.sourceTemplates]).template(id: "hunan-dept-overall"))
        let scheme = try XCTUnwrap(t.indicators)
        for odd in ["2.625", "1e1", "99999999999999999999", "007"] {
            let rows = [IndicatorRow(level1: "产出指标", level2: "数量指标", weight: "5", score: odd)]
            XCTAssertNil(Calculator.summarizeFixedPoint(rows, scheme, places: 2), odd)
        }
        let rows = [IndicatorRow(level1: "产出指标", level2: "数量指标", weight: "5", score: "2.625")]
        XCTAssertEqual(Calculator.summarize(rows, scheme, places: 2).score, Decimal(string: "2.63"))
    }
}

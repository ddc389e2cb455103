import Foundation
import XCTest
@testable import JixiaoCore

/// Computed figures: rates, scores, sums, totals and grades, from the examples and by hand.
final class CalculationTests: XCTestCase {
    private func compute(_ name: String) throws -> (LoadedSession, Computed) {
        let l = try Fixtures.load(name)
        return (l, Calculator.compute(l.session, l.template))
    }

    private func json(_ c: Computed, _ pointer: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue? {
        guard let p = JSONPointer(parsing: pointer) else {
            XCTFail("bad pointer \(pointer)", file: file, line: line)
            return nil
        }
        return c.json.resolve(p)
    }

    // MARK: the examples

    func testSuining() throws {
        let (_, c) = try compute("suining-2024")
        XCTAssertEqual(c.total, 91)
        XCTAssertEqual(c.grade, "优秀")
        XCTAssertEqual(json(c, "/exec_rate"), .number("99.98"))
        XCTAssertEqual(c.scalars["exec_score"], .number(10))
        XCTAssertEqual(json(c, "/exec_score"), .number("10.00"))
        XCTAssertEqual(c.scalars["staff_control_rate"], .number(84))
        XCTAssertEqual(json(c, "/staff_control_rate"), .number("84.00"))
        XCTAssertEqual(json(c, "/total"), .number("91.00"))
        XCTAssertEqual(json(c, "/grade"), .string("优秀"))
        // Indicator subtotals per 一级 and 二级.
        let ind = try XCTUnwrap(c.indicators)
        XCTAssertEqual(ind.weight, 90)
        XCTAssertEqual(ind.score, 81)
        XCTAssertEqual(ind.tiers.map(\.name), ["产出指标", "效益指标", "满意度指标"])
        XCTAssertEqual(ind.tiers.map(\.weight), [50, 30, 10])
        XCTAssertEqual(ind.tiers.map(\.score), [46, 25, 10])
        XCTAssertEqual(ind.tiers[0].level2.map(\.name), ["数量指标", "质量指标", "时效指标", "成本指标"])
        XCTAssertEqual(ind.tiers[0].level2.map(\.score), [27, 9, 8, 2])
        XCTAssertEqual(ind.tiers[0].rows, 12)
    }

    func testSuiningGridSums() throws {
        let (_, c) = try compute("suining-2024")
        XCTAssertEqual(c.gridSums["sangong"]?["final"], D("1.2"))
        XCTAssertEqual(c.gridSums["projects"]?["prev_final"], D("178.92"))
        // A parent with no child filled in is blank, not zero.
        XCTAssertEqual(c.gridSums["car"], [:])
        XCTAssertEqual(json(c, "/car/final"), .null)
        XCTAssertEqual(json(c, "/projects/budget"), .number("1011.90"))
        XCTAssertEqual(json(c, "/buildings/rows"), .array([]))
    }

    func testYiyang() throws {
        let (_, c) = try compute("yiyang-2024")
        XCTAssertEqual(c.total, D("99.8"))
        XCTAssertEqual(c.grade, "优秀")
        XCTAssertEqual(json(c, "/total"), .number("99.80"))
        XCTAssertEqual(c.scalars["staff_control_rate"], .number(D("106.25")))
        XCTAssertEqual(c.scalars["exec_rate"], .number(100))
        XCTAssertEqual(c.scalars["exec_score"], .number(10))
        // The all-zero building row: ratios over zero are undefined ("—"), stored as null.
        XCTAssertEqual(c.tableRows["buildings"]?.first?["scale_rate"], .undefined)
        XCTAssertEqual(c.tableRows["buildings"]?.first?["investment_rate"], .undefined)
        XCTAssertEqual(json(c, "/buildings/rows/0/scale_rate"), .null)
        XCTAssertEqual(c.indicators?.score, D("89.8"))
    }

    func testZiyuanProjectRows() throws {
        let (_, c) = try compute("ziyuan-2022-projects")
        XCTAssertEqual(json(c, "/projects/rows/3/exec_rate"), .number("47.37"))
        XCTAssertEqual(json(c, "/projects/rows/6/exec_rate"), .number("5.74"))
        XCTAssertEqual(json(c, "/projects/rows/4/exec_rate"), .number("99.88"))
        XCTAssertEqual(json(c, "/projects/rows/4/adjust_rate"), .number("-42.86"))
        XCTAssertEqual(c.tableRows["projects"]?[3]["exec_rate"], .number(D("47.365")))
        // Zero budgets: undefined rates, never a crash.
        XCTAssertEqual(c.tableRows["projects"]?[0]["exec_rate"], .undefined)
        XCTAssertEqual(json(c, "/projects/rows/0/exec_rate"), .null)
        // Initial 0, adjusted 1000000: the adjustment rate over zero is undefined too.
        XCTAssertEqual(json(c, "/projects/rows/12/adjust_rate"), .null)
        XCTAssertEqual(json(c, "/projects/rows/12/exec_rate"), .number("100.00"))
        // Grades per row from the 自评得分.
        XCTAssertEqual(json(c, "/projects/rows/6/grade"), .string("二等"))
        XCTAssertEqual(json(c, "/projects/rows/3/grade"), .string("一等"))
        XCTAssertEqual(c.tableRows["projects"]?.count, 40)
    }

    func testZiyuanTotals() throws {
        let (_, c) = try compute("ziyuan-2022-projects")
        XCTAssertEqual(c.tableTotals["projects"]?["executed"], D("2660149.17"))
        XCTAssertEqual(c.tableTotals["projects"]?["initial"], D("2915100"))
        XCTAssertEqual(c.tableTotals["projects"]?["adjusted"], D("8310966.87"))
        XCTAssertEqual(json(c, "/projects/total/executed"), .number("2660149.17"))
        XCTAssertEqual(json(c, "/projects/total/initial"), .number("2915100.00"))
        XCTAssertEqual(json(c, "/dept_exec_rate"), .number("54.74"))
        XCTAssertEqual(json(c, "/dept_exec_score"), .number("5.47"))
        XCTAssertEqual(c.scalars["dept_exec_score"], .number(D("5.47")))
        XCTAssertEqual(c.total, D("95.47"))
        XCTAssertEqual(c.grade, "一等")
        XCTAssertEqual(json(c, "/project_average"), .number("91.66"))
    }

    func testLianjiangChanges() throws {
        let (_, c) = try compute("lianjiang-2023")
        XCTAssertEqual(json(c, "/income_change"), .number("3862.90"))
        XCTAssertEqual(c.scalars["income_change"], .number(D("3862.9")))
        XCTAssertEqual(json(c, "/income_change_rate"), .number("207.93"))
        XCTAssertEqual(json(c, "/spend_change"), .number("3862.90"))
        XCTAssertEqual(json(c, "/spend_change_rate"), .number("209.07"))
        XCTAssertEqual(json(c, "/key_projects/total/budget"), .number("152.50"))
        // Seed 003 does not publish its 评分表: no score is computed (its stated 100 and 优秀
        // are kept at /stated, see GuangdongScoringTests).
        XCTAssertNil(c.total)
        XCTAssertNil(c.grade)
    }

    func testFreshComputationEqualsWhatTheExamplesStore() throws {
        for name in Fixtures.exampleNames {
            let (l, c) = try compute(name)
            XCTAssertEqual(c.json, l.session.storedComputed, name)
        }
    }

    // MARK: grade bands

    private func grade(_ templateID: String, _ score: String) throws -> String? {
        Calculator.grade(of: D(score), try Fixtures.template(templateID).grades)
    }

    func testGuangxiBands() throws {
        XCTAssertEqual(try grade("guangxi-project-summary", "100"), "一等")
        XCTAssertEqual(try grade("guangxi-project-summary", "90"), "一等")
        XCTAssertEqual(try grade("guangxi-project-summary", "89.99"), "二等")
        XCTAssertEqual(try grade("guangxi-project-summary", "80"), "二等")
        XCTAssertEqual(try grade("guangxi-project-summary", "79.99"), "三等")
        XCTAssertEqual(try grade("guangxi-project-summary", "60"), "三等")
        XCTAssertEqual(try grade("guangxi-project-summary", "59.99"), "四等")
        XCTAssertEqual(try grade("guangxi-project-summary", "0"), "四等")
    }

    func testHunanBands() throws {
        XCTAssertEqual(try grade("hunan-dept-overall", "90"), "良好", "90 is not > 90")
        XCTAssertEqual(try grade("hunan-dept-overall", "90.01"), "优秀")
        XCTAssertEqual(try grade("hunan-dept-overall", "80"), "良好")
        XCTAssertEqual(try grade("hunan-dept-overall", "79.99"), "较差")
        XCTAssertEqual(try grade("hunan-dept-overall", "60"), "较差")
        XCTAssertEqual(try grade("hunan-dept-overall", "59.99"), "差")
        XCTAssertEqual(try grade("hunan-yiyang-dept-overall", "90"), "良好")
    }

    func testNationalBands() throws {
        XCTAssertEqual(try grade("national-dept-overall", "90"), "优")
        XCTAssertEqual(try grade("national-dept-overall", "89.99"), "良")
        XCTAssertEqual(try grade("national-dept-overall", "80"), "良")
        XCTAssertEqual(try grade("national-dept-overall", "60"), "中")
        XCTAssertEqual(try grade("national-dept-overall", "59.99"), "差")
        XCTAssertEqual(try grade("national-project", "90"), "优")
        XCTAssertEqual(try grade("national-project", "60"), "中")
    }

    func testGradeFollowsTheRoundedTotal() throws {
        let t = try Fixtures.template("guangdong-dept-overall")
        var s = Session.new(for: t, unit: "单位", year: 2023)
        s.indicators = [IndicatorRow(level1: "履职效能", level2: "整体效能", name: "整体效能", weight: "100", score: "89.995")]
        let c = Calculator.compute(s, t)
        XCTAssertEqual(c.total, 90)
        XCTAssertEqual(c.grade, "优秀")
        s.indicators = []
        let empty = Calculator.compute(s, t)
        XCTAssertNil(empty.total)
        XCTAssertNil(empty.grade)
        XCTAssertEqual(empty.json.resolve(JSONPointer(["total"])), .null)
        XCTAssertEqual(empty.json.resolve(JSONPointer(["grade"])), .null)
    }

    // MARK: division by zero and the cap

    private func hunanFunds(annual: String?, executed: String?, template: Template? = nil) throws -> Computed {
        let t = try template ?? Fixtures.template("hunan-dept-overall")
        var s = Session.new(for: t, unit: "单位", year: 2024)
        s.fields["fund_annual"] = annual.map(FieldValue.number)
        s.fields["fund_executed"] = executed.map(FieldValue.number)
        return Calculator.compute(s, t)
    }

    func testRatioOverZeroIsUndefinedAndScoreIsZero() throws {
        let c = try hunanFunds(annual: "0", executed: "5")
        XCTAssertEqual(c.scalars["exec_rate"], .undefined)
        XCTAssertEqual(json(c, "/exec_rate"), .null)
        XCTAssertEqual(c.scalars["exec_score"], .number(0))
        XCTAssertEqual(json(c, "/exec_score"), .number("0.00"))
        let zz = try hunanFunds(annual: "0", executed: "0")
        XCTAssertEqual(zz.scalars["exec_rate"], .undefined)
        XCTAssertEqual(zz.scalars["exec_score"], .number(0))
    }

    func testBlankInputsGiveNoFigure() throws {
        let c = try hunanFunds(annual: "100", executed: nil)
        XCTAssertNil(c.scalars["exec_rate"])
        XCTAssertNil(c.scalars["exec_score"])
        XCTAssertEqual(json(c, "/exec_rate"), .null)
        XCTAssertEqual(json(c, "/exec_score"), .null)
    }

    func testScoreIsCappedAtTheWeight() throws {
        let c = try hunanFunds(annual: "100", executed: "120")
        XCTAssertEqual(c.scalars["exec_rate"], .number(120))
        XCTAssertEqual(c.scalars["exec_score"], .number(10))
        XCTAssertEqual(json(c, "/exec_score"), .number("10.00"))
    }

    func testScoreWithoutCap() throws {
        let doc = try Fixtures.templateJSON("hunan-dept-overall").setting("/sections/2/blocks/0/fields/4/compute/score/cap", .bool(false))
        let t = try TemplateDecoder.decode(Array(JSONWriter.write(doc).utf8), source: "uncapped.json")
        let c = try hunanFunds(annual: "100", executed: "120", template: t)
        XCTAssertEqual(c.scalars["exec_score"], .number(12))
    }

    func testScoreIsRoundedHalfUp() throws {
        // 105 / 200 = 52.5%, × 10 = 5.25; 9473 / 20000 = 47.365%, × 10 = 4.7365 → 4.74.
        let c = try hunanFunds(annual: "200", executed: "105")
        XCTAssertEqual(c.scalars["exec_rate"], .number(D("52.5")))
        XCTAssertEqual(c.scalars["exec_score"], .number(D("5.25")))
        let d = try hunanFunds(annual: "20000", executed: "9473")
        XCTAssertEqual(d.scalars["exec_score"], .number(D("4.74")))  // 4.7365 → 4.74
        XCTAssertEqual(json(d, "/exec_rate"), .number("47.37"))
    }

    // MARK: sums

    func testRepeatingRowsSumIntoTheirParent() throws {
        var l = try Fixtures.load("suining-2024")
        l.session.tables["special_funds"] = [
            ["name": .text("党建专项"), "final": .number("3")],
            ["name": .text("人才专项"), "final": .number("4.5"), "budget": .number("1")],
        ]
        let c = Calculator.compute(l.session, l.template)
        XCTAssertEqual(c.tableTotals["special_funds"]?["final"], D("7.5"))
        XCTAssertEqual(c.gridSums["special"]?["final"], D("7.5"))
        XCTAssertEqual(c.gridSums["special"]?["budget"], D("1"))
        XCTAssertNil(c.gridSums["special"]?["prev_final"])
        // business 3763.29 + special 7.5 (operation has no final).
        XCTAssertEqual(c.gridSums["projects"]?["final"], D("3770.79"))
        XCTAssertEqual(json(c, "/special_funds/total/final"), .number("7.50"))
    }

    func testIndicatorScoresAreRoundedBeforeSumming() throws {
        let t = try Fixtures.template("hunan-dept-overall")
        var s = Session.new(for: t, unit: "单位", year: 2024)
        s.indicators = [
            IndicatorRow(level1: "产出指标", level2: "数量指标", name: "a", weight: "5", score: "2.625"),
            IndicatorRow(level1: "产出指标", level2: "数量指标", name: "b", weight: "5", score: "2.625"),
        ]
        s.fields["fund_annual"] = .number("100")
        s.fields["fund_executed"] = .number("100")
        let c = Calculator.compute(s, t)
        XCTAssertEqual(c.indicators?.score, D("5.26"))
        XCTAssertEqual(c.total, D("15.26"))
    }

    func testSummaryKeepsUnknownTiersAfterTheTemplateOnes() throws {
        let scheme = try XCTUnwrap(try Fixtures.template("hunan-dept-overall").indicators)
        let rows = [
            IndicatorRow(level1: "其他指标", level2: "x", name: "a", weight: "3", score: "1"),
            IndicatorRow(level1: "效益指标", level2: "社会效益指标", name: "b", weight: "4", score: "4"),
        ]
        let sum = Calculator.summarize(rows, scheme, places: 2)
        XCTAssertEqual(sum.tiers.map(\.name), ["产出指标", "效益指标", "满意度指标", "其他指标"])
        XCTAssertNil(sum.tiers[3].templateWeight)
        XCTAssertEqual(sum.weight, 7)
        XCTAssertEqual(sum.score, 5)
        XCTAssertTrue(sum.hasWeights)
        let none = Calculator.summarize([], scheme, places: 2)
        XCTAssertFalse(none.hasWeights)
        XCTAssertEqual(none.tiers.map(\.weight), [0, 0, 0])
    }

    func testAverageIgnoresBlankRows() throws {
        let t = try Fixtures.template("guangxi-project-summary")
        var s = Session.new(for: t, unit: "单位", year: 2022)
        s.tables["projects"] = [["score": .number("90")], [:], ["score": .number("85")]]
        XCTAssertEqual(Calculator.compute(s, t).scalars["project_average"], .number(D("87.5")))
        s.tables["projects"] = [[:]]
        XCTAssertNil(Calculator.compute(s, t).scalars["project_average"])
    }
}

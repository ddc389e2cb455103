import XCTest
@testable import JixiaoCore

/// Guangdong's 评分表 (seed 003): 履职效能 (整体效能, 专项效能) and 管理效率 (预算编制, 预算执行,
/// 信息公开, 绩效管理, 采购管理, 资产管理, 运行成本). The seed names the areas but prints no
/// weights: the sheet sets each row's 分值, all of them adding up to 100, and its score is
/// computed from them; the report's own score and grade are stated figures, compared.
final class GuangdongScoringTests: XCTestCase {
    private func template() throws -> Template { try Fixtures.template("guangdong-dept-overall") }

    /// One row per sub-area, with 分值 made up for the test (the seed prints none).
    private func filled(_ scores: [String]) throws -> Session {
        var s = try Fixtures.load("lianjiang-2023").session
        s.storedComputed = nil
        let areas: [(String, String, String)] = [
            ("履职效能", "整体效能", "30"), ("履职效能", "专项效能", "20"),
            ("管理效率", "预算编制", "10"), ("管理效率", "预算执行", "10"), ("管理效率", "信息公开", "5"),
            ("管理效率", "绩效管理", "10"), ("管理效率", "采购管理", "5"), ("管理效率", "资产管理", "5"),
            ("管理效率", "运行成本", "5"),
        ]
        s.indicators = zip(areas, scores).map { a, score in
            IndicatorRow(level1: a.0, level2: a.1, name: a.1, weight: a.2, score: score, deviation: score == a.2 ? "" : "扣分说明")
        }
        return s
    }

    func testTheTemplateHasTheSeedsAreasAndNoWeights() throws {
        let scheme = try XCTUnwrap(try template().indicators)
        XCTAssertEqual(scheme.tiers.map(\.name), ["履职效能", "管理效率"])
        XCTAssertEqual(scheme.tiers.map(\.level2), [["整体效能", "专项效能"], ["预算编制", "预算执行", "信息公开", "绩效管理", "采购管理", "资产管理", "运行成本"]])
        XCTAssertEqual(scheme.tiers.map(\.weight), [nil, nil])
        XCTAssertEqual(scheme.totalWeight, 100)
        XCTAssertEqual(scheme.otherWeight, 0)
    }

    func testTheScoreIsComputedAndTheStatedGradeCompared() throws {
        let t = try template()
        let full = try filled(["30", "20", "10", "10", "5", "10", "5", "5", "5"])
        let c = Calculator.compute(full, t)
        XCTAssertEqual(c.total, 100)
        XCTAssertEqual(c.grade, "优秀")
        // The report's 100 and 优秀 (seed 003) agree with a 评分表 at full marks.
        XCTAssertEqual(Validator.validate(full, t, c).with(code: "stated-mismatch"), [])
        XCTAssertEqual(Validator.validate(full, t, c).with(code: "total-weight"), [])
        // Points off 预算执行 and 绩效管理: 88.50, 良好, where the report states 100 and 优秀.
        let docked = try filled(["30", "20", "10", "4.5", "5", "4", "5", "5", "5"])
        let d = Calculator.compute(docked, t)
        XCTAssertEqual(d.total, D("88.5"))
        XCTAssertEqual(d.grade, "良好")
        let ps = Validator.validate(docked, t, d).with(code: "stated-mismatch")
        XCTAssertEqual(ps.map(\.pointer.description), ["/stated/total", "/stated/grade"])
        XCTAssertEqual(ps.map(\.message), ["报告所列总分 100，按数据计算为 88.50", "报告所列等级“优秀”，按数据计算为“良好”"])
        // Subtotals per area.
        XCTAssertEqual(d.indicators?.tiers.map(\.score), [50, D("38.5")])
    }

    func testOnlyTheTotalOfTheWeightsIsChecked() throws {
        let t = try template()
        var s = try filled(["30", "20", "10", "10", "5", "10", "5", "5", "5"])
        s.indicators[0].weight = "25"
        s.indicators[0].score = "25"
        let ps = Validator.validate(s, t)
        XCTAssertEqual(ps.with(code: "tier-weight"), [])
        XCTAssertEqual(ps.with(code: "total-weight").map(\.message), ["分值合计 95，应为 100"])
    }

    func testSeed003sReportedScoreAndGradeAreStated() throws {
        let l = try Fixtures.load("lianjiang-2023")
        XCTAssertEqual(l.session.stated, ["total": .number("100"), "grade": .text("优秀")])
        // With no 评分表 in the seed there is nothing to compare them with yet.
        let cmp = StatedComparison.all(l.session, l.template, Calculator.compute(l.session, l.template))
        XCTAssertEqual(cmp.map(\.verdict), [.notComputed, .notComputed])
    }

    func testAVersion1SheetsTypedScoreBecomesItsStatedScore() throws {
        let old = try Fixtures.exampleJSON("lianjiang-2023")
            .setting("/template/version", .number("1"))
            .setting("/stated", nil)
            .setting("/indicators", nil)
            .setting("/fields/self_score", .number("95"))
            .setting("/fields/self_grade_stated", .string("优秀"))
        let l = try SessionFile.decode(Array(JSONWriter.write(old).utf8), path: "v1.json", registry: Fixtures.registry)
        XCTAssertEqual(l.session.stated, ["total": .number("95"), "grade": .text("优秀")])
        XCTAssertEqual(l.notes.map(\.code), ["template-migrated"])
    }

    func testTiersHaveWeightsAllOrNone() throws {
        let bad = try Fixtures.templateJSON("guangdong-dept-overall").setting("/indicators/tiers/0/weight", .number("50"))
        XCTAssertThrowsError(try TemplateDecoder.decode(Array(JSONWriter.write(bad).utf8), source: "t")) { e in
            XCTAssertTrue("\(e)".contains("/indicators/tiers"), "\(e)")
        }
    }
}

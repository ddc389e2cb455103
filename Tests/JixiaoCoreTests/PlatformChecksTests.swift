import XCTest
@testable import JixiaoCore

/// The platform's checks as template settings, over the seeds' own rows: 偏差原因 at 130% of
/// the target (and the 2-point deduction), 总分 capped by the execution rate, and money spent
/// beyond its budget or against none. Boundaries: exactly 130%, exactly 100% and 80%
/// executed, a budget of 0.
final class PlatformChecksTests: XCTestCase {
    /// A bundled template with `platform` replaced, read as any template file is.
    private func template(_ id: String, platform: String) throws -> Template {
        let settings = try JSONParser.parse(Array(platform.utf8))
        let doc = try Fixtures.templateJSON(id).setting("/platform", settings)
        return try TemplateDecoder.decode(Array(JSONWriter.write(doc).utf8), source: "\(id)+platform")
    }

    private func example(_ name: String) throws -> Session {
        var s = try Fixtures.load(name).session
        s.storedComputed = nil
        return s
    }

    private func codes(_ s: Session, _ t: Template, _ code: String) -> [String] {
        Validator.validate(s, t).with(code: code).map(\.pointer.description)
    }

    // MARK: 实际完成值 at 130% of the target or more

    static let guangxiRule = #"{"overAchievement": {"percent": 130, "requireDeviation": true}}"#

    func testSeed000RowsFarAboveTheirTargetsNeedTheirReasons() throws {
        let t = try template("hunan-dept-overall", platform: Self.guangxiRule)
        let s = try example("suining-2024")
        // ≥2000人 → 2926 (146.30%) and ≥200人 → 338人 (169.00%); ≥80人次 → 90人次 is 112.50%.
        XCTAssertEqual(codes(s, t, "over-achievement"), ["/indicators/1/deviation", "/indicators/3/deviation"])
        let p = try XCTUnwrap(Validator.validate(s, t).with(code: "over-achievement").first)
        XCTAssertEqual(p.severity, .warning)
        XCTAssertTrue(p.message.contains("实际完成值“2926”为年度指标值“≥2000人”的 146.30%，达到 130% 以上"), p.message)
        // Off by default: the bundled template does not ask.
        XCTAssertEqual(codes(s, try Fixtures.template("hunan-dept-overall"), "over-achievement"), [])
        // Reasons given: nothing to ask.
        var filled = s
        filled.indicators[1].deviation = "年初指标值定得偏低，下年度按实际调整"
        XCTAssertEqual(codes(filled, t, "over-achievement"), ["/indicators/3/deviation"])
    }

    func testExactly130PercentCounts() throws {
        let t = try template("hunan-dept-overall", platform: Self.guangxiRule)
        var s = try example("suining-2024")
        s.indicators[0].actual = "26"     // ≥20期: 26 is exactly 130%
        s.indicators[0].score = "4"
        XCTAssertTrue(codes(s, t, "over-achievement").contains("/indicators/0/deviation"))
        s.indicators[0].actual = "25.99"  // 129.95%
        XCTAssertFalse(codes(s, t, "over-achievement").contains("/indicators/0/deviation"))
    }

    func testAnotherProvinceDeductsTwoPoints() throws {
        let t = try template("hunan-dept-overall", platform: #"{"overAchievement": {"percent": 130, "deduct": 2}}"#)
        let s = try example("suining-2024")
        let row = try XCTUnwrap(ScoreSuggestion.suggest(s.indicators[1], t))
        XCTAssertEqual(row.score, 2)
        XCTAssertEqual(row.hint(.zh, places: 2), "建议得分 2.00（已达到 ≥2000人；实际为指标值的 146.30%，超额扣 2 分）")
        // Without requireDeviation no reasons are asked; the given 4 is now 2 above the suggestion.
        XCTAssertEqual(codes(s, t, "over-achievement"), [])
        XCTAssertEqual(codes(s, t, "score-above-suggestion"), ["/indicators/1/score", "/indicators/3/score"])
        // 112.50% loses nothing.
        XCTAssertEqual(ScoreSuggestion.suggest(s.indicators[2], t)?.score, 4)
    }

    // MARK: 总分 capped by the execution rate

    static let capRule = #"{"execCap": [{"below": 80, "max": 89}, {"below": 70, "max": 79}, {"below": 60, "max": 69}, {"below": 50, "max": 59}]}"#

    func testSeed004WouldBeCappedAt69() throws {
        let t = try template("guangxi-project-summary", platform: Self.capRule)
        let s = try example("ziyuan-2022-projects")
        let c = Calculator.compute(s, t)
        // 587.51 / 1073.3 = 54.74%: below 60%, so at most 69 (the platform published 95.47).
        XCTAssertEqual(c.total, 69)
        XCTAssertEqual(c.grade, "三等")
        XCTAssertEqual(c.execCap?.uncapped, D("95.47"))
        let p = try XCTUnwrap(Validator.validate(s, t, c).with(code: "exec-cap").first)
        XCTAssertEqual(p.pointer.description, "/computed/total")
        XCTAssertEqual(p.message, "执行率 54.74% 低于 60%，总分由 95.47 封顶为 69.00（本模板按执行率封顶）")
        // Off by default.
        XCTAssertEqual(Calculator.compute(s, try Fixtures.template("guangxi-project-summary")).total, D("95.47"))
    }

    func testCapBoundaries() throws {
        let t = try template("guangxi-project-summary", platform: Self.capRule)
        var s = try example("ziyuan-2022-projects")
        s.fields["dept_adjusted"] = .number("1000")
        func total(_ executed: String) -> Decimal? {
            s.fields["dept_executed"] = .number(executed)
            return Calculator.compute(s, t).total
        }
        // 指标 90 + 执行率得分 (10 × rate).
        XCTAssertEqual(total("1000"), 100)          // exactly 100%: no cap
        XCTAssertEqual(total("800"), 98)            // exactly 80%: not below 80
        XCTAssertEqual(total("799.9"), 89)          // 79.99%
        XCTAssertEqual(total("799.96"), 98)         // 79.996% shows as 80.00%: not capped
        XCTAssertEqual(total("700"), 89)            // exactly 70% is in the 70–80 band
        XCTAssertEqual(total("699.9"), 79)
        XCTAssertEqual(total("600"), 79)
        XCTAssertEqual(total("599.9"), 69)
        XCTAssertEqual(total("500"), 69)            // exactly 50%: below 60, not below 50
        XCTAssertEqual(total("499.9"), 59)
        s.fields["dept_adjusted"] = .number("0")    // a budget of 0: no rate, no cap
        XCTAssertEqual(total("0"), 90)
    }

    func testACapNeedsAnExecutionRate() throws {
        XCTAssertThrowsError(try template("guangdong-dept-overall", platform: Self.capRule)) { e in
            XCTAssertTrue("\(e)".contains("/platform/execCap"), "\(e)")
        }
        XCTAssertThrowsError(try template("guangxi-project-summary", platform: #"{"execCap": [{"below": 60, "max": 69}, {"below": 70, "max": 79}]}"#)) { e in
            XCTAssertTrue("\(e)".contains("/platform/execCap/1"), "\(e)")
        }
    }

    // MARK: spending beyond the budget, or against none

    func testSeed004RowsSpentExactlyTheirBudgetAndPass() throws {
        let s = try example("ziyuan-2022-projects")
        let t = try Fixtures.template("guangxi-project-summary")
        // Rows 13, 18, 27, 28, 31 and 40 spent exactly their budgets; rows 1–3 have 0 and spent 0.
        for n in [12, 17, 26, 27, 30, 39] {
            XCTAssertEqual(s.tables["projects"]?[n]["executed"], s.tables["projects"]?[n]["adjusted"])
        }
        XCTAssertEqual(codes(s, t, "overspent"), [])
        XCTAssertEqual(codes(s, t, "spent-without-budget"), [])
    }

    func testMoneySpentBeyondItsBudgetOrAgainstNone() throws {
        let t = try Fixtures.template("guangxi-project-summary")
        var s = try example("ziyuan-2022-projects")
        s.tables["projects"]?[0]["executed"] = .number("5000")     // 岗责办经费: budget 0
        s.tables["projects"]?[3]["executed"] = .number("20001")    // budget 20000
        let ps = Validator.validate(s, t)
        XCTAssertEqual(ps.with(code: "spent-without-budget").map(\.message), ["第 1 行：调整后预算数为 0，全年执行数却有 5000（执行率无法计算）"])
        XCTAssertEqual(ps.with(code: "overspent").map(\.message), ["第 4 行：全年执行数 20001 超过调整后预算数 20000（超出 1）"])
        XCTAssertEqual(ps.with(code: "overspent").map(\.pointer.description), ["/tables/projects/3/executed"])
    }

    func testTheSheetsOwnExecutionFiguresAreCheckedByDefault() throws {
        let t = try Fixtures.template("hunan-dept-overall")
        var s = try example("suining-2024")
        s.fields["fund_annual"] = .number("0")
        s.fields["fund_executed"] = .number("5000")
        XCTAssertEqual(Validator.validate(s, t).with(code: "spent-without-budget").map(\.message),
                       ["全年预算数(A)为 0，全年执行数(B)却有 5000（执行率无法计算）"])
        s.fields["fund_annual"] = .number("1000")
        XCTAssertEqual(Validator.validate(s, t).with(code: "overspent").map(\.messageEn),
                       ["Spent (B) 5000 exceeds Final budget (A) 1000 (by 4000)"])
        s.fields["fund_annual"] = .number("5000")     // exactly 100%
        XCTAssertEqual(codes(s, t, "overspent") + codes(s, t, "spent-without-budget"), [])
    }

    func testGridFiguresAreNamedByRowAndColumn() throws {
        let t = try Fixtures.template("national-dept-overall")
        var s = Session.new(for: t, unit: "测试", year: 2024)
        s.cells["fund_total"] = ["annual": .number("100"), "executed": .number("120")]
        let p = try XCTUnwrap(Validator.validate(s, t).with(code: "overspent").first)
        XCTAssertEqual(p.pointer.description, "/fields/fund_total/executed")
        XCTAssertEqual(p.message, "“年度资金总额（合计）”全年执行数 120 超过“年度资金总额（合计）”全年预算数 100（超出 20）")
    }

    func testSpendingChecksNameWhatTheTemplateHas() throws {
        XCTAssertThrowsError(try template("guangxi-project-summary", platform: #"{"spending": [{"table": "nope", "budget": "a", "executed": "b"}]}"#)) { e in
            XCTAssertTrue("\(e)".contains("/platform/spending/0/table"), "\(e)")
        }
        XCTAssertThrowsError(try template("guangxi-project-summary", platform: #"{"spending": [{"table": "projects", "budget": "name", "executed": "executed"}]}"#)) { e in
            XCTAssertTrue("\(e)".contains("/platform/spending/0/budget"), "\(e)")
        }
        XCTAssertThrowsError(try template("hunan-dept-overall", platform: #"{"spending": [{"budget": "goal_planned", "executed": "fund_executed"}]}"#)) { e in
            XCTAssertTrue("\(e)".contains("/platform/spending/0/budget"), "\(e)")
        }
    }
}

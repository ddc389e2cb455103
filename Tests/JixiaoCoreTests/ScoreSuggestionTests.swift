import XCTest
@testable import JixiaoCore

/// Suggested 得分 over the seeds' own rows: every row of seeds 000 and 002, the half-up rounding
/// of each figure, the 定性 bands, and the warning when a typed 得分 is above the suggestion.
final class ScoreSuggestionTests: XCTestCase {
    private func suggestion(_ target: String, _ actual: String, _ weight: String, rules: PlatformRules = PlatformRules()) -> ScoreSuggestion {
        ScoreSuggestion.suggest(target: target, actual: actual, weight: D(weight), rules: rules, places: 2)
    }

    /// Each row's suggestion, as `get …/suggested_score` prints it ("—" for none).
    private func suggested(_ name: String) throws -> [String] {
        let l = try Fixtures.load(name)
        let c = Calculator.compute(l.session, l.template)
        XCTAssertNil(c.json.resolve(try XCTUnwrap(JSONPointer(parsing: "/indicators/rows"))), "not kept in the file")
        guard case .array(let rows)? = c.json(suggestions: l.session.indicators).resolve(try XCTUnwrap(JSONPointer(parsing: "/indicators/rows"))) else {
            XCTFail("no rows in computed")
            return []
        }
        return rows.map { $0.objectValue?["suggested_score"]?.numberLiteral ?? "—" }
    }

    func testSeed000Row1SuggestsThreeEighty() {
        let s = suggestion("≥20期", "19", "4")
        XCTAssertEqual(s.exact, D("3.8"))
        XCTAssertEqual(s.score, D("3.8"))
        XCTAssertEqual(s.hint(.zh, places: 2), "建议得分 3.80（正向：4 × 19 / 20）")
        XCTAssertEqual(s.hint(.en, places: 2), "suggested score 3.80 (at least: 4 × 19 / 20)")
    }

    func testEverySuggestionOfSeed000() throws {
        // Row 1 fell short (19 of 20); rows 2–4, 6, 8, 10, 15 and 17 met their targets; row 5's
        // achieved text holds two numbers; row 7 counts 份 against 次; the rest are 定性.
        XCTAssertEqual(try suggested("suining-2024"), [
            "3.80", "4.00", "4.00", "4.00", "—", "4.00", "—", "5.00", "—", "4.00", "—",
            "—", "—", "—", "6.00", "—", "6.00", "—", "—", "—", "—",
        ])
    }

    func testEverySuggestionOfSeed002() throws {
        // Rows 8 and 9 are costs (反向): 412.23 against ≤329.47, 20 against ≤17.
        XCTAssertEqual(try suggested("yiyang-2024"), [
            "5.00", "5.00", "5.00", "5.00", "10.00", "5.00", "5.00", "3.74", "4.12", "—", "—", "—", "—",
        ])
        let cost = suggestion("≤329.47万元", "412.23万元", "5")
        XCTAssertEqual(cost.exact, D("5") * (D("658.94") - D("412.23")) / D("329.47"))
        XCTAssertEqual(cost.hint(.zh, places: 2), "建议得分 3.74（反向：5 × (2 × 329.47 − 412.23) / 329.47）")
        // The same amount in 元 reads the same.
        XCTAssertEqual(suggestion("≤329.47万元", "4122300元", "5").score, D("3.74"))
    }

    func testEachSuggestionIsRoundedHalfUp() {
        // 2.5 (seed 000's 满意度 分值) × 17 / 20 = 2.125: half-up 2.13, where half-even gives 2.12.
        let s = suggestion("≥20期", "17", "2.5")
        XCTAssertEqual(s.exact, D("2.125"))
        XCTAssertEqual(s.score, D("2.13"))
        // 反向: 5 × (2 × 17 − 20.5) / 17 = 3.97058…; 4 × (2 × 8 − 9.9) / 8 = 3.05 exactly.
        XCTAssertEqual(suggestion("≤17万元", "20.5万元", "5").score, D("3.97"))
        XCTAssertEqual(suggestion("≤8万元", "9.9万元", "4").score, D("3.05"))
        // 4 × 19.5 / 20 = 3.9; 3 × 0.5 / 0.8 = 1.875 → 1.88.
        XCTAssertEqual(suggestion("≥20期", "19.5", "4").score, D("3.9"))
        XCTAssertEqual(suggestion("≥0.8", "0.5", "3").score, D("1.88"))
    }

    func testBoundaries() {
        // Exactly met, in both directions, gets the full 分值.
        XCTAssertEqual(suggestion("≥20期", "20", "4").score, 4)
        XCTAssertEqual(suggestion("≤17万元", "17万元", "5").score, 5)
        // 反向 falls to 0 at twice the target, and stays there.
        XCTAssertEqual(suggestion("≤17万元", "34万元", "5").score, 0)
        XCTAssertEqual(suggestion("≤17万元", "50万元", "5").score, 0)
        // A target of 0: "0起" is met only by 0.
        XCTAssertEqual(suggestion("0起", "0起", "4").score, 4)
        XCTAssertEqual(suggestion("0起", "1起", "4").score, 0)
        XCTAssertEqual(suggestion("≤0起", "1起", "4").score, 0)
        // A bare figure is reached, as 正向.
        XCTAssertEqual(suggestion("100%", "95%", "5").score, D("4.75"))
        XCTAssertEqual(suggestion("90人次", "93人次", "4").score, 4)
    }

    func testQualitativeRowsGetBandsNotANumber() {
        let s = suggestion("持续增长", "持续增长", "4")
        XCTAssertNil(s.score)
        XCTAssertEqual(s.bands(.zh, places: 2), "达成 3.20–4.00，部分达成 2.40–3.20，未达成 0.00–2.40")
        XCTAssertTrue(s.hint(.zh, places: 2).contains("定性指标"), s.hint(.zh, places: 2))
        let units = suggestion("≥4000份", "4300余次", "4")
        XCTAssertNil(units.score)
        XCTAssertTrue(units.hint(.zh, places: 2).contains("单位不同（份/次）"), units.hint(.zh, places: 2))
        XCTAssertEqual(suggestion("加强干部队伍素质提高，干部满意", "≥95%", "2.5").bands(.en, places: 2),
                       "met 2.00–2.50, partly met 1.50–2.00, not met 0.00–1.50")
    }

    func testNoWeightNoSuggestion() throws {
        let t = try Fixtures.template("hunan-dept-overall")
        XCTAssertNil(ScoreSuggestion.suggest(IndicatorRow(target: "≥20期", actual: "19"), t))
        XCTAssertEqual(ScoreSuggestion.suggest(IndicatorRow(target: "≥20期", actual: "19", weight: "4"), t)?.score, D("3.8"))
    }

    // MARK: validate

    func testSeed002CostScoresAreAboveTheirSuggestions() throws {
        let l = try Fixtures.load("yiyang-2024")
        let ps = Validator.validate(l.session, l.template).with(code: "score-above-suggestion")
        XCTAssertEqual(ps.map(\.pointer.description), ["/indicators/7/score", "/indicators/8/score"], ps.summary)
        XCTAssertEqual(ps.map(\.severity), [.warning, .warning])
        XCTAssertTrue(ps[0].message.contains("得分 4.9 比建议得分 3.74") && ps[0].message.contains("高出 1.16（允许 0.5）"), ps[0].message)
        XCTAssertTrue(ps[1].messageEn.contains("0.78 above the suggested score 4.12"), ps[1].messageEn)
    }

    func testTheToleranceIsATemplateSettingAndItsBoundaryPasses() throws {
        var l = try Fixtures.load("suining-2024")
        l.session.storedComputed = nil
        func flagged(_ t: Template) -> [String] {
            Validator.validate(l.session, t).with(code: "score-above-suggestion").map(\.pointer.description)
        }
        // Row 1 (≥20期, 分值 4) with 17 achieved: suggestion 3.40. 3.9 is exactly 0.5 above: allowed.
        l.session.indicators[0].actual = "17"
        l.session.indicators[0].score = "3.9"
        XCTAssertEqual(flagged(l.template), [])
        l.session.indicators[0].score = "3.91"
        XCTAssertEqual(flagged(l.template), ["/indicators/0/score"])
        var t = l.template
        t.platform.scoreTolerance = 1
        XCTAssertEqual(flagged(t), [])
        t.platform.scoreTolerance = 0
        l.session.indicators[0].score = "3.4"
        XCTAssertEqual(flagged(t), [])
        l.session.indicators[0].score = "3.41"
        XCTAssertEqual(flagged(t), ["/indicators/0/score"])
    }

    func testTheToleranceIsReadFromTheTemplate() throws {
        let doc = try Fixtures.templateJSON("hunan-dept-overall")
            .setting("/platform", .object(JSONObject([("scoreTolerance", .number("0.25"))])))
        let t = try TemplateDecoder.decode(Array(JSONWriter.write(doc).utf8), source: "test")
        XCTAssertEqual(t.platform.scoreTolerance, D("0.25"))
        XCTAssertEqual(try Fixtures.template("hunan-dept-overall").platform.scoreTolerance, D("0.5"))
        let bad = try Fixtures.templateJSON("hunan-dept-overall")
            .setting("/platform", .object(JSONObject([("scoreTolerance", .number("-1"))])))
        XCTAssertThrowsError(try TemplateDecoder.decode(Array(JSONWriter.write(bad).utf8), source: "test")) { e in
            XCTAssertTrue("\(e)".contains("/platform/scoreTolerance"), "\(e)")
        }
    }
}

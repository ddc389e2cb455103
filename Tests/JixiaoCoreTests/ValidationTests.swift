import Foundation
import XCTest
@testable import JixiaoCore

/// Validation: the examples' real mistakes, then every rule hit by a mutated session.
final class ValidationTests: XCTestCase {
    private func validate(_ l: LoadedSession) -> [Problem] {
        Validator.validate(l.session, l.template)
    }

    /// An example with its stored `computed` dropped, so that a mutation reports only itself.
    private func fresh(_ name: String) throws -> LoadedSession {
        var l = try Fixtures.load(name)
        l.session.storedComputed = nil
        return l
    }

    private func problems(_ name: String, _ mutate: (inout Session) -> Void) throws -> [Problem] {
        var l = try fresh(name)
        mutate(&l.session)
        return validate(l)
    }

    private func assertProblem(_ ps: [Problem], _ code: String, at pointer: String, _ severity: Severity = .error,
                               containing texts: [String] = [], file: StaticString = #filePath, line: UInt = #line) {
        let hits = ps.with(code: code).at(pointer)
        guard let p = hits.first else {
            return XCTFail("no \(code) at \(pointer); got:\n\(ps.summary)", file: file, line: line)
        }
        XCTAssertEqual(p.severity, severity, file: file, line: line)
        for t in texts {
            XCTAssertTrue(p.message.contains(t) || p.messageEn.contains(t), "“\(t)” not in: \(p.message) / \(p.messageEn)", file: file, line: line)
        }
    }

    // MARK: the examples

    func testSuiningHasOnlyTheMissingDeviationWarningsAndItsStated100Percent() throws {
        let ps = validate(try Fixtures.load("suining-2024"))
        XCTAssertEqual(ps.errors.count, 0, ps.summary)
        XCTAssertEqual(ps.warnings.count, 7, ps.summary)
        XCTAssertEqual(Set(ps.warnings.map(\.code)), ["deviation-missing", "stated-mismatch"])
        XCTAssertEqual(ps.warnings.map(\.pointer.description),
                       ["/indicators/0/deviation", "/indicators/8/deviation", "/indicators/11/deviation",
                        "/indicators/12/deviation", "/indicators/13/deviation", "/indicators/15/deviation", "/stated/exec_rate"])
        XCTAssertTrue(ps[0].message.contains("偏差原因"), ps[0].message)
    }

    func testYiyangIncomeBreakdownIsOffByOneCent() throws {
        let ps = validate(try Fixtures.load("yiyang-2024"))
        assertProblem(ps, "income_breakdown", at: "/fields/fund_executed", containing: ["0.01", "432.24", "432.23"])
        XCTAssertEqual(ps.errors.count, 1, ps.summary)
        XCTAssertTrue(ps.with(code: "spending_breakdown").isEmpty, ps.summary)
    }

    func testLianjiangStatedFigures() throws {
        let ps = validate(try Fixtures.load("lianjiang-2023"))
        assertProblem(ps, "quota_breakdown", at: "/fields/quota_total", containing: ["119", "107"])
        assertProblem(ps, "income_change_rate_stated", at: "/fields/income_change_rate_stated", .warning, containing: ["209", "207.93"])
        // 209 against 209.07 agrees at the precision stated (0 decimals).
        XCTAssertTrue(ps.with(code: "spend_change_rate_stated").isEmpty, ps.summary)
        XCTAssertTrue(ps.with(code: "income_change_stated").isEmpty, ps.summary)
        // Its 评分表 is not in the seed: the grid is empty, which is said.
        XCTAssertEqual(ps.errors.map(\.code), ["required", "quota_breakdown"], ps.summary)
        XCTAssertEqual(ps.errors.first?.pointer.description, "/indicators")
        XCTAssertEqual(ps.warnings.map(\.code), ["income_change_rate_stated"], ps.summary)
    }

    func testStatedFiguresAreComparedAtTheStatedPrecision() throws {
        let ps = try problems("lianjiang-2023") { s in
            s.fields["income_change_rate_stated"] = .number("207.9")   // 207.93 → 207.9: agrees
            s.fields["spend_change_rate_stated"] = .number("209.10")  // 209.07 ≠ 209.10
        }
        XCTAssertTrue(ps.with(code: "income_change_rate_stated").isEmpty, ps.summary)
        assertProblem(ps, "spend_change_rate_stated", at: "/fields/spend_change_rate_stated", .warning, containing: ["209.10", "209.07"])
    }

    func testZiyuanPrintedTotalsAndBudget() throws {
        let ps = validate(try Fixtures.load("ziyuan-2022-projects"))
        assertProblem(ps, "stated_total_initial", at: "/fields/stated_total_initial", containing: ["2915100", "2105100"])
        assertProblem(ps, "stated_total_adjusted", at: "/fields/stated_total_adjusted", containing: ["8310966.87", "7410966.87"])
        assertProblem(ps, "dept_budget_adjusted", at: "/fields/dept_adjusted", containing: ["1073.29", "1073.3"])
        XCTAssertTrue(ps.with(code: "stated_total_executed").isEmpty, ps.summary)
        XCTAssertEqual(Set(ps.errors.map(\.code)), ["stated_total_initial", "stated_total_adjusted", "dept_budget_adjusted"], ps.summary)
        // Projects whose budget moved by 30% or more need their reasons.
        XCTAssertEqual(ps.with(code: "row-requirement").map(\.pointer.description),
                       ["/tables/projects/4/reason", "/tables/projects/15/reason", "/tables/projects/16/reason", "/tables/projects/32/reason"],
                       ps.summary)
        XCTAssertTrue(ps.with(code: "row-requirement").allSatisfy { $0.severity == .warning })
    }

    /// Figures in messages are written as their fields show them (issue 13): 1073.30 万元,
    /// not 1073.3; a parent row's 1.50 against its parts' 1.20.
    func testFiguresInMessagesHaveTheirFieldsDecimals() throws {
        let ps = validate(try Fixtures.load("ziyuan-2022-projects"))
        assertProblem(ps, "dept_budget_adjusted", at: "/fields/dept_adjusted", containing: ["各项之和 1073.29，填报 1073.30（相差 -0.01）"])
        let grid = try problems("suining-2024") { s in s.cells["sangong"]?["final"] = .number("1.5") }
        assertProblem(grid, "sum-mismatch", at: "/fields/sangong/final", containing: ["填 1.50，但其子项之和为 1.20"])
        // A figure with more digits than its field keeps them all.
        XCTAssertEqual(Validator.figure(Decimal(string: "785.2")!, 2), "785.20")
        XCTAssertEqual(Validator.figure(Decimal(string: "0.125")!, 2), "0.125")
        XCTAssertEqual(Validator.figure(Decimal(string: "12")!, 0), "12")
    }

    // MARK: every rule

    func testScoreExceedsWeight() throws {
        let ps = try problems("suining-2024") { $0.indicators[1].score = "5" }
        assertProblem(ps, "score-exceeds-weight", at: "/indicators/1/score", containing: ["5", "4"])
    }

    func testTierWeightAndTotalWeight() throws {
        let ps = try problems("suining-2024") { $0.indicators[0].weight = "5" }
        assertProblem(ps, "tier-weight", at: "/indicators", containing: ["产出指标", "51", "50"])
        assertProblem(ps, "total-weight", at: "/indicators", containing: ["101", "100"])
        XCTAssertEqual(ps.with(code: "tier-weight").count, 1, ps.summary)
    }

    func testTotalWeightWithAnUnknownTier() throws {
        let ps = try problems("suining-2024") {
            $0.indicators.append(IndicatorRow(level1: "其他指标", level2: "其他", name: "x", weight: "2", score: "2"))
        }
        assertProblem(ps, "total-weight", at: "/indicators", containing: ["102"])
        assertProblem(ps, "unknown-level1", at: "/indicators/21/level1", containing: ["其他指标"])
        XCTAssertTrue(ps.with(code: "tier-weight").isEmpty, ps.summary)
    }

    func testUnknownLevelNames() throws {
        let ps = try problems("suining-2024") {
            $0.indicators[0].level1 = "产出"
            $0.indicators[1].level2 = "数量"
            $0.indicators[2].level2 = "社会效益指标"  // a 二级 of 效益指标, not of 产出指标
        }
        assertProblem(ps, "unknown-level1", at: "/indicators/0/level1", containing: ["产出"])
        assertProblem(ps, "unknown-level2", at: "/indicators/1/level2", containing: ["数量"])
        assertProblem(ps, "unknown-level2", at: "/indicators/2/level2", containing: ["社会效益指标", "产出指标"])
    }

    func testRequiredFields() throws {
        let ps = try problems("suining-2024") {
            $0.fields["staff_actual"] = nil
            $0.fields["goal_planned"] = .text("  ")
            $0.unit = ""
            $0.year = nil
            $0.indicators[3].name = ""
            $0.indicators[4].weight = nil
            $0.indicators[5].score = nil
            $0.indicators[6].level1 = ""
            $0.indicators[7].level2 = ""
        }
        for p in ["/fields/staff_actual", "/fields/goal_planned", "/unit", "/year", "/indicators/3/name",
                  "/indicators/4/weight", "/indicators/5/score", "/indicators/6/level1", "/indicators/7/level2"] {
            assertProblem(ps, "required", at: p)
        }
        let none = try problems("suining-2024") { $0.indicators = [] }
        assertProblem(none, "required", at: "/indicators")
    }

    func testMalformedProjectCode() throws {
        let ps = try problems("ziyuan-2022-projects") {
            $0.tables["projects"]?[0]["code"] = .text("45032921000000010467")        // 20 digits
            $0.tables["projects"]?[1]["code"] = .text("4503292100000001047031")      // 22 digits
            $0.tables["projects"]?[2]["code"] = .text("45032921000000010467X")       // 21, not all digits
        }
        for n in 0...2 { assertProblem(ps, "bad-code", at: "/tables/projects/\(n)/code", containing: ["21"]) }
        XCTAssertEqual(ps.with(code: "bad-code").count, 3, ps.summary)
    }

    /// A file written by another program may hold what input refuses: it still loads, so that
    /// it can be fixed, and each such value is an error naming the character.
    func testControlCharactersInALoadedFileAreReportedNotRefused() throws {
        var text = String(decoding: try Fixtures.exampleBytes("suining-2024"), as: UTF8.self)
        let edits = [
            (#""unit": "中共绥宁县委组织部""#, #""unit": "abc\u001b]0;pwned\u0007\u202eX""#),
            (#""name": "干部教育培训、党员教育培训""#, #""name": "\u009b31m培训""#),
            (#""name": "培训人次""#, #""name": "培训\t人次""#),
            (#""special_funds": [],"#, #""special_funds": [{"name": "专项\u2066资金"}],"#),
            (#""goal_planned": "做好干部工作、"#, #""goal_planned": "第一行\r\n第二行\n第三行\r做好干部工作、"#),
        ]
        for (old, new) in edits {
            XCTAssertNotNil(text.range(of: old), old)
            text = text.replacing(old, with: new)
        }
        let l = try SessionFile.decode(Array(text.utf8), path: "hostile.json", registry: Fixtures.registry)
        XCTAssertEqual(l.session.unit, "abc\u{1B}]0;pwned\u{07}\u{202E}X", "read as it is, for the user to fix")
        let ps = Validator.validate(l.session, l.template)
        assertProblem(ps, "control-character", at: "/unit", containing: ["U+001B", "单位名称"])
        assertProblem(ps, "control-character", at: "/indicators/0/name", containing: ["U+009B", "第 1 行", "三级指标"])
        assertProblem(ps, "control-character", at: "/indicators/1/name", containing: ["U+0009", "单行文字"])
        assertProblem(ps, "control-character", at: "/tables/special_funds/0/name", containing: ["U+2066", "双向文字控制符"])
        // CR LF is a line break in long text; a CR alone is not.
        assertProblem(ps, "control-character", at: "/fields/goal_planned", containing: ["U+000D"])
        XCTAssertEqual(ps.with(code: "control-character").count, 5, ps.summary)
        // The editor's one-row update finds the same problem as a full check.
        var report = Validator.report(l.session, l.template, Calculator.compute(l.session, l.template))
        var s = l.session
        s.indicators[2].target = "≥\u{202E}5"
        Validator.update(&report, s, l.template, Calculator.compute(s, l.template), changedRow: 2)
        assertProblem(report.all, "control-character", at: "/indicators/2/target", containing: ["U+202E", "年度指标值"])
    }

    func testNegativeMoneyAndCounts() throws {
        let ps = try problems("suining-2024") {
            $0.fields["fund_initial"] = .number("-1")
            $0.fields["staff_actual"] = .number("-1")
            $0.cells["office"]?["final"] = .number("-0.5")
        }
        assertProblem(ps, "negative-money", at: "/fields/fund_initial")
        assertProblem(ps, "negative", at: "/fields/staff_actual")
        assertProblem(ps, "negative-money", at: "/fields/office/final")
        // A signed field (budget adjustment can be a cut) takes a negative amount.
        let gx = try problems("ziyuan-2022-projects") { $0.fields["dept_adjustment"] = .number("-10") }
        XCTAssertTrue(gx.with(code: "negative-money").isEmpty, gx.summary)
    }

    func testParentNotTheSumOfItsChildren() throws {
        let ps = try problems("suining-2024") { $0.cells["sangong"]?["final"] = .number("9") }
        assertProblem(ps, "sum-mismatch", at: "/fields/sangong/final", containing: ["9", "1.2"])
        XCTAssertEqual(ps.with(code: "sum-mismatch").count, 1, ps.summary)
        // A parent typed with trailing zeros is the same number.
        let same = try problems("suining-2024") { $0.cells["sangong"]?["final"] = .number("1.20") }
        XCTAssertTrue(same.with(code: "sum-mismatch").isEmpty, same.summary)
    }

    func testParentAgainstRepeatingRows() throws {
        let ps = try problems("suining-2024") {
            $0.tables["special_funds"] = [["name": .text("专项"), "final": .number("2")]]
            $0.cells["special"] = ["final": .number("3")]
        }
        assertProblem(ps, "sum-mismatch", at: "/fields/special/final")
        // projects.final (3763.29) is now short of business + special (3766.29) too.
        assertProblem(ps, "sum-mismatch", at: "/fields/projects/final")
    }

    func testStoredComputedThatDisagrees() throws {
        let ps = try problems("suining-2024") {
            $0.storedComputed = .object(JSONObject([("total", .number("90")), ("grade", .string("良好")), ("exec_rate", .number("99.980"))]))
        }
        assertProblem(ps, "stored-computed", at: "/computed/total", containing: ["90", "91.00", "总分"])
        assertProblem(ps, "stored-computed", at: "/computed/grade", containing: ["良好", "优秀"])
        // 99.980 is the same number as 99.98.
        XCTAssertTrue(ps.at("/computed/exec_rate").isEmpty, ps.summary)
        XCTAssertEqual(ps.with(code: "stored-computed").count, 2, ps.summary)
    }

    func testStoredComputedRowCount() throws {
        let ps = try problems("yiyang-2024") {
            $0.storedComputed = .object(JSONObject([("buildings", .object(JSONObject([("rows", .array([]))])))]))
        }
        assertProblem(ps, "stored-computed", at: "/computed/buildings/rows")
    }

    func testTooManyDecimals() throws {
        let ps = try problems("suining-2024") {
            $0.fields["fund_initial"] = .number("1541.215")
            $0.indicators[0].score = "2.555"
            $0.cells["office"]?["final"] = .number("38.921")
        }
        assertProblem(ps, "too-many-decimals", at: "/fields/fund_initial", containing: ["1541.215"])
        assertProblem(ps, "too-many-decimals", at: "/indicators/0/score")
        assertProblem(ps, "too-many-decimals", at: "/fields/office/final")
        // Trailing zeros are not extra precision.
        let ok = try problems("suining-2024") { $0.fields["fund_initial"] = .number("1541.2100") }
        XCTAssertTrue(ok.with(code: "too-many-decimals").isEmpty, ok.summary)
    }

    func testWholeNumbersMaximaDatesAndUnreadableNumbers() throws {
        let s = try problems("suining-2024") {
            $0.fields["staff_actual"] = .number("42.5")
            $0.fields["fund_annual"] = .number("abc")
        }
        assertProblem(s, "not-whole", at: "/fields/staff_actual")
        assertProblem(s, "bad-number", at: "/fields/fund_annual")

        let g = try problems("ziyuan-2022-projects") {
            $0.fields["dept_indicator_score"] = .number("95")
            $0.tables["projects"]?[0]["score"] = .number("100.5")
        }
        assertProblem(g, "above-max", at: "/fields/dept_indicator_score", containing: ["90"])
        assertProblem(g, "above-max", at: "/tables/projects/0/score", containing: ["100"])

        let d = try problems("lianjiang-2023") { $0.fields["fill_date"] = .text("2024-02-30") }
        assertProblem(d, "bad-date", at: "/fields/fill_date")
        let leap = try problems("lianjiang-2023") { $0.fields["fill_date"] = .text("2024-02-29") }
        XCTAssertTrue(leap.with(code: "bad-date").isEmpty)
    }

    func testLowGradeProjectNeedsReasons() throws {
        let ps = try problems("ziyuan-2022-projects") { $0.tables["projects"]?[0]["score"] = .number("59") }
        assertProblem(ps, "row-requirement", at: "/tables/projects/0/reason", .warning, containing: ["第 1 行"])
        let filled = try problems("ziyuan-2022-projects") {
            $0.tables["projects"]?[0]["score"] = .number("59")
            $0.tables["projects"]?[0]["reason"] = .text("项目未启动")
        }
        XCTAssertTrue(filled.at("/tables/projects/0/reason").isEmpty, filled.summary)
    }

    func testDateAndDateRules() {
        XCTAssertTrue(ValueRules.isDate("2024-02-29"))
        XCTAssertFalse(ValueRules.isDate("2023-02-29"))
        XCTAssertTrue(ValueRules.isDate("2000-02-29"))
        XCTAssertFalse(ValueRules.isDate("1900-02-29"))
        XCTAssertFalse(ValueRules.isDate("2024-13-01"))
        XCTAssertFalse(ValueRules.isDate("2024-1-01"))
        XCTAssertFalse(ValueRules.isDate("2024-04-31"))
        XCTAssertFalse(ValueRules.isDate("２０２４-04-01"))
    }

    func testProblemJSON() {
        let p = Problem(.warning, JSONPointer(["indicators", "0", "deviation"]), "中", "en", code: "deviation-missing")
        XCTAssertEqual(JSONWriter.compact(p.json),
                       #"{"severity":"warning","pointer":"/indicators/0/deviation","code":"deviation-missing","message":"中","messageEn":"en"}"#)
        XCTAssertEqual(p.message(.en), "en")
        XCTAssertEqual(p.severityName(.zh), "警告")
    }

    /// Labels hold placeholders ("{year}年实际在职人数", "{prevYear}年决算数") that the
    /// template fills in for display; a message must not show them raw.
    func testMessagesDoNotShowLabelPlaceholders() throws {
        let ps = try problems("suining-2024") {
            $0.fields["staff_actual"] = nil
            $0.cells["sangong"]?["prev_final"] = .number("1.305")
        }
        let texts = ps.map(\.message) + ps.map(\.messageEn)
        XCTAssertFalse(texts.isEmpty)
        for t in texts { XCTAssertFalse(t.contains("{year}") || t.contains("{prevYear}"), t) }
    }
}

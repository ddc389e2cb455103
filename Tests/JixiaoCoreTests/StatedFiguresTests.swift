import XCTest
@testable import JixiaoCore

/// Figures a transcribed report states, compared with the computed ones at the report's own
/// precision: seed 000's 100% (99.98%), seed 004's row 20 (6.85% where 6850 / 1000000 is
/// 0.69%), and how they are set, stored and read back.
final class StatedFiguresTests: XCTestCase {
    private func mismatches(_ name: String) throws -> [Problem] {
        let l = try Fixtures.load(name)
        return Validator.validate(l.session, l.template).with(code: "stated-mismatch")
    }

    private func verdicts(_ s: Session, _ t: Template) -> [String: StatedComparison.Verdict] {
        Dictionary(uniqueKeysWithValues: StatedComparison.all(s, t, Calculator.compute(s, t)).map { ($0.pointer.description, $0.verdict) })
    }

    func testSeed000States100PercentWhereItSpent9998() throws {
        let ps = try mismatches("suining-2024")
        XCTAssertEqual(ps.map(\.pointer.description), ["/stated/exec_rate"], ps.summary)
        XCTAssertEqual(ps.first?.severity, .warning)
        XCTAssertEqual(ps.first?.message, "报告所列执行率 100%，按数据计算为 99.98%，并未全部执行（四舍五入后才是 100%）")
        let l = try Fixtures.load("suining-2024")
        // 10 × 99.98% = 9.998 → 10.00, 91 and 优秀: as stated.
        XCTAssertEqual(verdicts(l.session, l.template), ["/stated/exec_rate": .roundedToBoundary, "/stated/exec_score": .agrees,
                                                         "/stated/total": .agrees, "/stated/grade": .agrees])
    }

    func testSeed002StatesWhatItComputes() throws {
        // 432.23 / 432.23 is exactly 100%; 10 and 99.8 agree.
        XCTAssertEqual(try mismatches("yiyang-2024"), [])
    }

    func testSeed004Row20States685WhereItsFiguresGive069() throws {
        let ps = try mismatches("ziyuan-2022-projects")
        XCTAssertEqual(ps.map(\.pointer.description), ["/tables/projects/19/stated/exec_rate"], ps.summary)
        XCTAssertEqual(ps.first?.message, "第 20 行：报告所列预算执行率（%）6.85，按数据计算为 0.69")
        XCTAssertEqual(ps.first?.messageEn, "row 20: Execution rate (%) as stated 6.85, the figures give 0.69")
        // Its 11 projects with neither budget nor spending are printed 0 where the rate is
        // undefined; 47.37 (9473 / 20000 = 47.365), 70.2 (at one decimal) and 100 agree.
        let l = try Fixtures.load("ziyuan-2022-projects")
        let v = verdicts(l.session, l.template)
        XCTAssertEqual(v.count, 43)
        XCTAssertEqual(v.values.filter { $0 == .agrees }.count, 42)
        XCTAssertEqual(v["/tables/projects/0/stated/exec_rate"], .agrees)
        XCTAssertEqual(v["/tables/projects/3/stated/exec_rate"], .agrees)
        XCTAssertEqual(v["/tables/projects/7/stated/exec_rate"], .agrees)
        XCTAssertEqual(v["/stated/exec_rate"], .agrees)
        XCTAssertEqual(v["/stated/exec_score"], .agrees)
        XCTAssertEqual(v["/stated/total"], .agrees)
    }

    func testComparedAtTheStatedPrecision() throws {
        var l = try Fixtures.load("suining-2024")
        func verdict(_ rate: String) -> StatedComparison.Verdict? {
            l.session.stated["exec_rate"] = .number(rate)
            return verdicts(l.session, l.template)["/stated/exec_rate"]
        }
        XCTAssertEqual(verdict("99.98"), .agrees)
        XCTAssertEqual(verdict("99.982"), .agrees)   // 5576.04 / 5577.04 = 99.98206…
        XCTAssertEqual(verdict("99.9"), .differs)    // 99.98 at one decimal is 100.0
        XCTAssertEqual(verdict("100.0"), .roundedToBoundary)
        XCTAssertEqual(verdict("99.97"), .differs)
        // A rate of 0.4% stated as 0: something was spent.
        l.session.fields["fund_executed"] = .number("22.3")
        XCTAssertEqual(verdict("0"), .roundedToBoundary)
        XCTAssertEqual(verdict("0.40"), .agrees)
        // A budget of 0: the rate is undefined; 0 is how the platform prints it.
        l.session.fields["fund_annual"] = .number("0")
        XCTAssertEqual(verdict("0"), .agrees)
        XCTAssertEqual(verdict("5"), .undefined)
        // Nothing to compare with yet.
        l.session.fields["fund_annual"] = nil
        XCTAssertEqual(verdict("5"), .notComputed)
        XCTAssertTrue(Validator.validate(l.session, l.template).with(code: "stated-mismatch").at("/stated/exec_rate").isEmpty)
    }

    func testAStatedGradeIsComparedAsText() throws {
        var l = try Fixtures.load("suining-2024")
        l.session.stated["grade"] = .text("良好")
        let p = try XCTUnwrap(Validator.validate(l.session, l.template).with(code: "stated-mismatch").at("/stated/grade").first)
        XCTAssertEqual(p.message, "报告所列等级“良好”，按数据计算为“优秀”")
    }

    // MARK: set, store, read

    private func edit(_ s: Session, _ t: Template, _ pairs: [(String, String)]) throws(EditError) -> Session {
        // As `jixiao set` reads them: "=null" clears.
        try SessionEditor.apply(pairs.map { Assignment(pointer: $0.0, value: $0.1, clears: $0.1 == "null") }, to: s, t)
    }

    func testSetStoresAndReadsBack() throws {
        let l = try Fixtures.load("ziyuan-2022-projects")
        var s = try edit(l.session, l.template, [("/stated/total", "９５．４７"), ("/stated/grade", "一等"),
                                                 ("/tables/projects/0/stated/grade", "一等"),
                                                 ("/tables/projects/19/stated/exec_rate", "0.69%")])
        XCTAssertEqual(s.stated["total"], .number("95.47"))
        XCTAssertEqual(s.tables["projects"]?[19]["stated/exec_rate"], .number("0.69"))
        let bytes = SessionFile.render(s, l.template)
        let back = try SessionFile.decode(bytes, path: "back.json", registry: Fixtures.registry)
        XCTAssertEqual(back.session, s)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("\"stated\": {\n    \"exec_rate\": 54.74,\n    \"exec_score\": 5.47,\n    \"total\": 95.47,\n    \"grade\": \"一等\"\n  }"), text)
        // null clears; a whole row takes its stated figures too.
        s = try edit(s, l.template, [("/stated/grade", "null"), ("/tables/projects/-", #"{"code": "450329210000000104999", "name": "新", "score": 90, "stated": {"exec_rate": 12.5}}"#)])
        XCTAssertNil(s.stated["grade"])
        XCTAssertEqual(s.tables["projects"]?.last?["stated/exec_rate"], .number("12.5"))
    }

    func testWhatCannotBeStated() throws {
        let l = try Fixtures.load("ziyuan-2022-projects")
        func refusal(_ pointer: String, _ value: String) -> String {
            do {
                _ = try edit(l.session, l.template, [(pointer, value)])
                return "accepted"
            } catch {
                return error.message
            }
        }
        XCTAssertEqual(refusal("/stated/average", "90"), "没有可录入的报告所列数“average”（可用：exec_rate、exec_score、total、grade）")
        XCTAssertEqual(refusal("/stated/total", "九十"), "“报告所列总分”应为数字，无法识别“九十”")
        XCTAssertEqual(refusal("/tables/projects/0/stated/score", "90"), "没有可录入的报告所列数“score”（可用：exec_rate、adjust_rate、grade）")
        XCTAssertTrue(refusal("/indicators/0/stated/score", "1").contains("模板“guangxi-project-summary”没有绩效指标"))
        // A template without an execution score has no stated 执行率.
        let g = try Fixtures.load("lianjiang-2023")
        XCTAssertThrowsError(try edit(g.session, g.template, [("/stated/exec_rate", "100")]))
    }

    func testLoadingRefusesUnknownOrMistypedStatedFigures() throws {
        let doc = try Fixtures.exampleJSON("suining-2024")
        for (pointer, value, expected) in [
            ("/stated/nope", JSONValue.number("1"), "/stated/nope"),
            ("/stated/total", .string("91"), "/stated/total"),
            ("/stated/grade", .number("1"), "/stated/grade"),
        ] {
            let bad = doc.setting(pointer, value)
            XCTAssertThrowsError(try SessionFile.decode(Array(JSONWriter.write(bad).utf8), path: "bad.json", registry: Fixtures.registry)) { e in
                XCTAssertTrue("\(e)".contains(expected), "\(e)")
            }
        }
        let row = try Fixtures.exampleJSON("ziyuan-2022-projects").setting("/tables/projects/0/stated/code", .string("x"))
        XCTAssertThrowsError(try SessionFile.decode(Array(JSONWriter.write(row).utf8), path: "bad.json", registry: Fixtures.registry)) { e in
            XCTAssertTrue("\(e)".contains("/tables/projects/0/stated/code"), "\(e)")
        }
    }
}

import Foundation
import XCTest
@testable import JixiaoCore

/// Typed input (InputParser) and pointer assignments (SessionEditor).
final class EditorTests: XCTestCase {
    private func field(_ templateID: String, _ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> Field {
        try XCTUnwrap(try Fixtures.template(templateID).index.fields[id], "no field \(id)", file: file, line: line)
    }

    private func parse(_ raw: String, _ f: Field, file: StaticString = #filePath, line: UInt = #line) -> FieldValue? {
        do {
            return try InputParser.parse(raw, for: f)
        } catch {
            XCTFail("“\(raw)” refused: \(error.message)", file: file, line: line)
            return nil
        }
    }

    private func refusal(_ raw: String, _ f: Field, file: StaticString = #filePath, line: UInt = #line) -> InputParser.Refusal? {
        do {
            let v = try InputParser.parse(raw, for: f)
            XCTFail("“\(raw)” accepted as \(String(describing: v))", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func apply(_ args: [String], to s: Session, _ t: Template, file: StaticString = #filePath, line: UInt = #line) throws -> Session {
        let assignments = try args.map { try XCTUnwrap(Assignment.parse($0), "not an assignment: \($0)", file: file, line: line) }
        do {
            return try SessionEditor.apply(assignments, to: s, t)
        } catch {
            XCTFail("\(error.render(.en))", file: file, line: line)
            throw error
        }
    }

    private func editError(_ args: [String], to s: Session, _ t: Template, file: StaticString = #filePath, line: UInt = #line) -> EditError? {
        let assignments = args.compactMap(Assignment.parse)
        XCTAssertEqual(assignments.count, args.count, file: file, line: line)
        do {
            _ = try SessionEditor.apply(assignments, to: s, t)
            XCTFail("applied, expected an error", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    // MARK: InputParser

    func testMoneyAsAccountantsTypeIt() throws {
        let f = try field("hunan-dept-overall", "fund_annual")
        XCTAssertEqual(parse("5,577.04", f), .number("5577.04"))
        XCTAssertEqual(parse("５５７７．０４", f), .number("5577.04"))
        XCTAssertEqual(parse("５，５７７．０４", f), .number("5577.04"))
        XCTAssertEqual(parse("5577.04万元", f), .number("5577.04"))
        XCTAssertEqual(parse("\u{3000}5577.40 ", f), .number("5577.40"))
        XCTAssertEqual(parse("1,234,567.8", f), .number("1234567.8"))
        XCTAssertEqual(parse(".5", f), .number("0.5"))
        XCTAssertEqual(parse("5.", f), .number("5"))
        XCTAssertEqual(parse("007", f), .number("7"))
        XCTAssertEqual(parse("+5", f), .number("5"))
        XCTAssertEqual(parse("0.00", f), .number("0.00"))
        XCTAssertNil(parse("", f))
        XCTAssertNil(parse(" \u{3000}", f))
    }

    func testPercentAndOtherUnits() throws {
        let pct = try field("guangdong-dept-overall", "income_change_rate_stated")
        XCTAssertEqual(parse("84%", pct), .number("84"))
        XCTAssertEqual(parse("84％", pct), .number("84"))
        XCTAssertEqual(parse("-5.5%", pct), .number("-5.5"))
        let count = try field("hunan-dept-overall", "staff_actual")
        XCTAssertEqual(parse("42人", count), .number("42"))
        let score = try field("guangxi-project-summary", "dept_indicator_score")
        XCTAssertEqual(parse("88.5分", score), .number("88.5"))
    }

    func testDates() throws {
        let f = try field("guangdong-dept-overall", "fill_date")
        XCTAssertEqual(parse("2025年3月17日", f), .text("2025-03-17"))
        XCTAssertEqual(parse("2025/3/17", f), .text("2025-03-17"))
        XCTAssertEqual(parse("2025.03.17", f), .text("2025-03-17"))
        XCTAssertEqual(parse("2025-03-17", f), .text("2025-03-17"))
        XCTAssertNotNil(refusal("2025年2月30日", f))
        XCTAssertNotNil(refusal("三月", f))
        // A month past 32 bits is no month (printf's 32-bit %d once made it January).
        XCTAssertNotNil(refusal("2025年4294967297月17日", f))
        XCTAssertEqual(InputParser.zeroPadded(7, 2), "07")
        XCTAssertEqual(InputParser.zeroPadded(2025, 2), "2025")
        XCTAssertEqual(InputParser.zeroPadded(-5, 3), "-05")
        XCTAssertEqual(InputParser.zeroPadded(0, 4), "0000")
    }

    func testRefusalNamesTheField() throws {
        let f = try field("hunan-dept-overall", "fund_annual")
        let r = try XCTUnwrap(refusal("abc", f))
        XCTAssertTrue(r.message.contains("“全年预算数(A)”"), r.message)
        XCTAssertTrue(r.message.contains("abc"), r.message)
        XCTAssertTrue(r.messageEn.contains("Final budget (A)"), r.messageEn)
    }

    func testRefusedNumbers() throws {
        let f = try field("hunan-dept-overall", "fund_annual")
        for bad in ["abc", "1e3", "55,77", ",123", "1,2345", "1.2.3", "5-", "--5", "NaN", "一百"] {
            XCTAssertNotNil(refusal(bad, f), bad)
        }
        XCTAssertEqual(refusal("-5", f).map { $0.message.contains("负数") }, true)
        XCTAssertEqual(refusal("1.234", f).map { $0.message.contains("2 位小数") }, true)
        XCTAssertEqual(refusal(String(repeating: "9", count: 40), f).map { $0.message.contains("位数过多") }, true)
        let count = try field("hunan-dept-overall", "staff_actual")
        XCTAssertNotNil(refusal("42.5", count))
        let score = try field("guangxi-project-summary", "dept_indicator_score")
        XCTAssertNotNil(refusal("95", score), "above the maximum of 90")
    }

    /// A unit that is not the field's own is never dropped: "12000元" in a 万元 field is not
    /// stored as 12000 万元, ten thousand times too much. Money in the other of 元 and 万元 is
    /// converted exactly, with a word (MoneyUnitsTests); anything else is refused.
    func testForeignUnitIsNotSilentlyDropped() throws {
        let wan = try field("hunan-dept-overall", "fund_annual")
        XCTAssertEqual(wan.unit, "万元")
        XCTAssertEqual(parse("12000元", wan), .number("1.2"))
        XCTAssertNotNil(InputParser.caution("12000元", for: wan))
        XCTAssertNotNil(refusal("12元", wan))
        XCTAssertNotNil(refusal("84%", wan))
        let count = try field("hunan-dept-overall", "staff_actual")
        XCTAssertNotNil(refusal("42分", count))
    }

    func testSingleLineTextLosesLineBreaksLongTextKeepsThem() throws {
        let unit = try field("hunan-yiyang-dept-overall", "filled_by")
        XCTAssertEqual(parse(" 优\n秀 ", unit), .text("优 秀"))
        let long = try field("hunan-dept-overall", "goal_planned")
        XCTAssertEqual(parse("\n1.第一\n2.第二\n", long), .text("1.第一\n2.第二"))
    }

    // MARK: SessionEditor

    func testSetFieldsCellsUnitAndYear() throws {
        let l = try Fixtures.load("suining-2024")
        let s = try apply(["/fields/staff_actual=43", "/unit=  新单位 ", "/year=2025年",
                           "/fields/fund_annual=５５７７．０４", "/fields/income_other=null"], to: l.session, l.template)
        XCTAssertEqual(s.fields["staff_actual"], .number("43"))
        XCTAssertEqual(s.fields["fund_annual"], .number("5577.04"))
        XCTAssertNil(s.fields["income_other"])
        XCTAssertEqual(s.unit, "新单位")
        XCTAssertEqual(s.year, 2025)
        XCTAssertEqual(Calculator.compute(s, l.template).scalars["staff_control_rate"], .number(86))
        XCTAssertNotNil(editError(["/fields/sangong/final=1,2"], to: l.session, l.template), "1,2 is not thousands grouping")
        let cell = try apply(["/fields/sangong/final=9"], to: l.session, l.template)
        XCTAssertEqual(cell.cells["sangong"]?["final"], .number("9"))
    }

    func testAppendIndicatorRowFromJSON() throws {
        let l = try Fixtures.load("suining-2024")
        let s = try apply([#"/indicators/-={"level1": "产出指标", "level2": "数量指标", "name": "新增指标", "target": "≥10次", "weight": 2, "score": "1.5"}"#],
                          to: l.session, l.template)
        XCTAssertEqual(s.indicators.count, 22)
        XCTAssertEqual(s.indicators.last, IndicatorRow(level1: "产出指标", level2: "数量指标", name: "新增指标", target: "≥10次",
                                                       weight: "2", score: "1.5"))
        XCTAssertEqual(Array(s.indicators.prefix(21)), l.session.indicators)
    }

    func testAValueOfARowThatIsNeitherTextNorANumberIsNamedByItsLabelAndPlace() throws {
        let l = try Fixtures.load("suining-2024")
        let e = editError([#"/indicators/-={"name": {"a": 1}}"#], to: l.session, l.template)
        XCTAssertEqual(e?.pointer, "/indicators/-/name")
        XCTAssertEqual(e?.message, "“三级指标”的值应为文字或数字")
        let z = try Fixtures.load("ziyuan-2022-projects")
        let stated = editError([#"/tables/projects/-={"name": "x", "stated": {"exec_rate": [1]}}"#], to: z.session, z.template)
        XCTAssertEqual(stated?.pointer, "/tables/projects/-/stated/exec_rate")
        XCTAssertTrue(stated?.message.hasPrefix("“报告所列") == true, "\(String(describing: stated))")
    }

    func testAppendIndicatorRowByColumn() throws {
        let l = try Fixtures.load("suining-2024")
        let s = try apply(["/indicators/-/name=x"], to: l.session, l.template)
        XCTAssertEqual(s.indicators.count, 22)
        XCTAssertEqual(s.indicators.last, IndicatorRow(name: "x"))
        let e = try apply(["/indicators/0/score=3.5", "/indicators/0/deviation=培训期数少于计划\n下年改进", "/indicators/1/score=null"],
                          to: l.session, l.template)
        XCTAssertEqual(e.indicators[0].score, "3.5")
        XCTAssertEqual(e.indicators[0].deviation, "培训期数少于计划\n下年改进")
        XCTAssertNil(e.indicators[1].score)
        XCTAssertEqual(e.indicators[2], l.session.indicators[2])
    }

    func testDeleteAndEditTableRows() throws {
        let l = try Fixtures.load("ziyuan-2022-projects")
        let before = try XCTUnwrap(l.session.tables["projects"])
        let s = try apply(["/tables/projects/3=null"], to: l.session, l.template)
        let after = try XCTUnwrap(s.tables["projects"])
        XCTAssertEqual(after.count, 39)
        XCTAssertEqual(after[3], before[4])
        XCTAssertEqual(Array(after.prefix(3)), Array(before.prefix(3)))

        let added = try apply([#"/tables/projects/-={"code": "450329220310600100099", "name": "新项目", "adjusted": "10,000", "executed": 5000, "score": 88}"#,
                               "/tables/projects/0/score=95"], to: l.session, l.template)
        XCTAssertEqual(added.tables["projects"]?.count, 41)
        XCTAssertEqual(added.tables["projects"]?.last?["adjusted"], .number("10000"))
        XCTAssertEqual(added.tables["projects"]?[0]["score"], .number("95"))
        let c = Calculator.compute(added, l.template)
        XCTAssertEqual(c.tableRows["projects"]?.last?["exec_rate"], .number(50))
    }

    func testAllOrNone() throws {
        let l = try Fixtures.load("suining-2024")
        let original = l.session
        let e = try XCTUnwrap(editError(["/fields/staff_actual=43", "/indicators/-/name=x", "/fields/fund_annual=abc", "/unit=y"],
                                        to: l.session, l.template))
        XCTAssertEqual(e.pointer, "/fields/fund_annual")
        XCTAssertTrue(e.message.contains("全年预算数(A)"), e.message)
        XCTAssertEqual(l.session, original)
        XCTAssertEqual(l.session.fields["staff_actual"], .number("42"))
        XCTAssertEqual(l.session.indicators.count, 21)
    }

    func testComputedCannotBeSet() throws {
        let l = try Fixtures.load("suining-2024")
        XCTAssertEqual(editError(["/computed/total=90"], to: l.session, l.template)?.pointer, "/computed/total")
        XCTAssertEqual(editError(["/fields/staff_control_rate=84"], to: l.session, l.template)?.pointer, "/fields/staff_control_rate")
        XCTAssertEqual(editError(["/template/id=x"], to: l.session, l.template)?.pointer, "/template/id")
        let z = try Fixtures.load("ziyuan-2022-projects")
        XCTAssertEqual(editError(["/tables/projects/0/exec_rate=50"], to: z.session, z.template)?.pointer, "/tables/projects/0/exec_rate")
    }

    func testUnknownPointersNameThemselves() throws {
        let l = try Fixtures.load("suining-2024")
        for p in ["/bogus/x", "/fields/nope", "/fields/sangong", "/fields/sangong/total", "/fields/staff_actual/x",
                  "/tables/projects/0/name", "/tables/buildings/5/name", "/tables/buildings/01/name", "/tables/buildings",
                  "/indicators/99/name", "/indicators/0/colour", "/indicators/0/name/x", "/year/x", "/a~2"] {
            XCTAssertEqual(editError(["\(p)=1"], to: l.session, l.template)?.pointer, p)
        }
        XCTAssertEqual(editError(["/year=1800"], to: l.session, l.template)?.pointer, "/year")
        XCTAssertEqual(editError(["/indicators/-=null"], to: l.session, l.template)?.pointer, "/indicators/-")
        XCTAssertEqual(editError(["/indicators/-=[1]"], to: l.session, l.template)?.pointer, "/indicators/-")
        XCTAssertEqual(editError(["/indicators/-={\"name\": "], to: l.session, l.template)?.pointer, "/indicators/-")
        XCTAssertEqual(editError([#"/tables/buildings/-={"colour": "red"}"#], to: l.session, l.template)?.pointer, "/tables/buildings/-")
        let zy = try Fixtures.load("ziyuan-2022-projects")
        XCTAssertEqual(editError(["/indicators/-/name=x"], to: zy.session, zy.template)?.pointer, "/indicators/-/name")
    }

    func testAssignmentParsing() {
        XCTAssertEqual(Assignment.parse("/fields/a=b=c"), Assignment(pointer: "/fields/a", value: "b=c"))
        XCTAssertEqual(Assignment.parse("/unit="), Assignment(pointer: "/unit", value: ""))
        XCTAssertNil(Assignment.parse("fields/a=1"))
        XCTAssertNil(Assignment.parse("/fields/a"))
        XCTAssertEqual(Assignment.parse("/indicators/0/deviation=null")?.clears, true)
        XCTAssertEqual(Assignment.parse("/indicators/0/deviation= null ")?.clears, true)
        XCTAssertEqual(Assignment.parse("/indicators/0/deviation=nullify")?.clears, false)
    }

    /// Text is text, whatever it spells: only a clearing assignment (the command line's
    /// "=null") clears. The editor sends typed text as it is.
    func testTheWordNullIsTextAndOnlyAClearingAssignmentClears() throws {
        let l = try Fixtures.load("suining-2024")
        var s = l.session
        try SessionEditor.apply(Assignment(pointer: "/indicators/0/deviation", value: "null"), to: &s, l.template)
        XCTAssertEqual(s.indicators[0].deviation, "null")
        try SessionEditor.apply(Assignment(pointer: "/unit", value: "null"), to: &s, l.template)
        XCTAssertEqual(s.unit, "null")
        try SessionEditor.apply(Assignment(pointer: "/fields/goal_planned", value: " null "), to: &s, l.template)
        XCTAssertEqual(s.fields["goal_planned"]?.text, "null")
        try SessionEditor.apply(.clearing("/fields/goal_planned"), to: &s, l.template)
        XCTAssertNil(s.fields["goal_planned"])
        try SessionEditor.apply(.clearing("/indicators/0/deviation"), to: &s, l.template)
        XCTAssertEqual(s.indicators[0].deviation, "")
        XCTAssertEqual(try SessionEditor.indicatorValue("name", "null", pointer: "/indicators/0/name", l.template)?.text, "null")
        XCTAssertThrowsError(try SessionEditor.indicatorValue("score", "null", pointer: "/indicators/0/score", l.template))
    }
}

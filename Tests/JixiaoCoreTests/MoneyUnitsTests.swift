import XCTest
@testable import JixiaoCore

/// 元 and 万元 typed in each other's fields: converted exactly, with a warning naming the
/// likely intent, or refused with both readings; "1.2万" read as 1.2 万元.
final class MoneyUnitsTests: XCTestCase {
    private func field(_ templateID: String, _ path: String) throws -> Field {
        let t = try Fixtures.template(templateID)
        return try XCTUnwrap(SessionEditor.field(at: path, t, year: 2023), path)
    }

    private func read(_ text: String, _ f: Field) -> (FieldValue?, String?) {
        let v = try? InputParser.parse(text, for: f)
        return (v ?? nil, InputParser.caution(text, for: f)?.message)
    }

    func testSeed003s100YuanInA10kYuanColumnNamesTheLikelyIntent() throws {
        let budget = try field("guangdong-dept-overall", "/tables/key_projects/0/budget")
        XCTAssertEqual(budget.unit, "万元")
        let (v, warning) = read("100.00 元", budget)
        // Taken at its word, 0.01 万元; the warning says what was surely meant.
        XCTAssertEqual(v, .number("0.01"))
        XCTAssertEqual(warning, "“预算数（万元）”以万元为单位：100.00 元 已按 0.01 万元录入；很可能原文的“元”是“万元”之误，应为 100.00 万元（万元表中少见不足 0.1 万元的数）")
        XCTAssertEqual(InputParser.caution("100.00 元", for: budget)?.messageEn,
                       "\"Budget (10k yuan)\" is in 万元: 100.00 元 was recorded as 0.01 万元; the document's 元 is likely a slip for 万元, making it 100.00 万元 (a 万元 sheet rarely holds less than 0.1 万元)")
    }

    func testYuanThatFitIsConvertedExactly() throws {
        let reception = try field("hunan-dept-overall", "/fields/reception/final")
        let (v, warning) = read("２３００元", reception)
        XCTAssertEqual(v, .number("0.23"))
        XCTAssertEqual(warning, "“{year}年决算数”以万元为单位：２３００元 已按 0.23 万元录入；如原文的“元”是“万元”之误，应为 2300 万元".replacingOccurrences(of: "{year}", with: "2023"))
        XCTAssertEqual(read("12000元", reception).0, .number("1.2"))
    }

    func testYuanThatDoesNotFitIsRefusedWithBothReadings() throws {
        let annual = try field("hunan-dept-overall", "/fields/fund_annual")
        XCTAssertThrowsError(try InputParser.parse("12元", for: annual)) { e in
            let r = e as? InputParser.Refusal
            XCTAssertEqual(r?.message, "“全年预算数(A)”以“万元”为单位，不能填写“元”：12元 折合 0.0012 万元，超过 2 位小数；如原文的“元”是“万元”之误，请填 12")
        }
        XCTAssertThrowsError(try InputParser.parse("175488.1元", for: annual))
    }

    func testWanAloneIsWanYuan() throws {
        let annual = try field("hunan-dept-overall", "/fields/fund_annual")
        XCTAssertEqual(read("1.2万", annual).0, .number("1.2"))
        XCTAssertNil(read("1.2万", annual).1)
        XCTAssertEqual(read("5,577.04 万", annual).0, .number("5577.04"))
        XCTAssertEqual(read("5577.04万元", annual).0, .number("5577.04"))
        XCTAssertNil(read("5577.04万元", annual).1)
    }

    func testWanInAYuanFieldIsMultipliedOut() throws {
        let executed = try field("guangxi-project-summary", "/tables/projects/0/executed")
        XCTAssertEqual(executed.unit, "元")
        XCTAssertEqual(read("1.2万元", executed).0, .number("12000"))
        XCTAssertEqual(read("1.2万", executed).1, "“全年执行数”以元为单位：1.2万 已按 12000 元录入")
        XCTAssertEqual(read("0.685万元", executed).0, .number("6850"))
        XCTAssertEqual(read("175488.1元", executed).0, .number("175488.1"))
        XCTAssertNil(read("175488.1元", executed).1)
    }

    func testOtherFieldsAreAsBefore() throws {
        let staff = try field("hunan-dept-overall", "/fields/staff_actual")
        XCTAssertThrowsError(try InputParser.parse("1.2万", for: staff))
        XCTAssertNil(InputParser.caution("12元", for: staff))
    }

    func testSetAndTheEditorSayIt() throws {
        // The pointer names the field the caution is about.
        let t = try Fixtures.template("guangxi-project-summary")
        XCTAssertEqual(SessionEditor.field(at: "/tables/projects/0/stated/exec_rate", t, year: nil)?.kind, .percent)
        XCTAssertEqual(SessionEditor.field(at: "/stated/total", t, year: nil)?.label, "报告所列总分")
        XCTAssertNil(SessionEditor.field(at: "/tables/projects/-", t, year: nil))
    }
}

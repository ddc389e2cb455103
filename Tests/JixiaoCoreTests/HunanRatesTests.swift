import XCTest
@testable import JixiaoCore

/// Hunan's department indicators (shared/domain.md): 三公经费变动率 = (本年决算 − 上年决算) /
/// 上年决算, and 预算调整率 = 预算调整数 / 年初预算数 (财预〔2013〕53号), 预算调整数 being 全年预算数
/// − 年初预算数: computed, stored and shown for seeds 000 and 002.
final class HunanRatesTests: XCTestCase {
    private func rates(_ name: String) throws -> (Computed, JSONValue) {
        let l = try Fixtures.load(name)
        let c = Calculator.compute(l.session, l.template)
        return (c, c.json)
    }

    func testSeed000() throws {
        let (c, json) = try rates("suining-2024")
        // 三公经费 1.3 → 1.2: (1.2 − 1.3) / 1.3 = −7.6923…%.
        XCTAssertEqual(c.scalars["sangong_change_rate"], .number(D("-0.1") / D("1.3") * 100))
        XCTAssertEqual(json.objectValue?["sangong_change_rate"], .number("-7.69"))
        // 年初 1541.21, 全年 5577.04: (5577.04 − 1541.21) / 1541.21 = 261.86%.
        XCTAssertEqual(c.scalars["budget_adjust_rate"], .number(D("4035.83") / D("1541.21") * 100))
        XCTAssertEqual(json.objectValue?["budget_adjust_rate"], .number("261.86"))
    }

    func testSeed002AgreesWithItsReport() throws {
        let (_, json) = try rates("yiyang-2024")
        // The report: 三公经费 1.47 against 1.51, 下降2.65%; 年中预算追加85.76万元 on 346.47.
        XCTAssertEqual(json.objectValue?["sangong_change_rate"], .number("-2.65"))
        XCTAssertEqual(json.objectValue?["budget_adjust_rate"], .number("24.75"))
    }

    func testNoPreviousYearOrNoInitialBudgetGivesNoRate() throws {
        let l = try Fixtures.load("suining-2024")
        var s = l.session
        s.cells["sangong"]?["prev_final"] = .number("0")
        s.fields["fund_initial"] = .number("0")
        let c = Calculator.compute(s, l.template)
        XCTAssertEqual(c.scalars["sangong_change_rate"], .undefined)
        XCTAssertEqual(c.scalars["budget_adjust_rate"], .undefined)
        s.fields["fund_initial"] = nil
        XCTAssertNil(Calculator.compute(s, l.template).scalars["budget_adjust_rate"])
    }
}

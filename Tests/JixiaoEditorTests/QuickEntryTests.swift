import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// An indicator row costs at most 4 keys besides its values and the Enter that ends each
/// (issue 13, quicker entry): a new row takes the 一级/二级 of the row above, Enter moves
/// along the row, and the picker takes a number.
final class QuickEntryTests: XCTestCase {
    /// Enters a row after the selected one; the keys pressed that are neither a value's
    /// characters nor the Enter that ends a value.
    func enter(_ row: IndicatorRow, after e: inout EditorHarness, tiers: (Int, Int)?, level2Only: Int? = nil) -> Int {
        var keys = 0
        e.key(.ctrl("n")); keys += 1
        if let (one, two) = tiers {
            e.key(.home); keys += 1
            e.type(String(one)); keys += 1
            e.type(String(two)); keys += 1
        } else if let two = level2Only {
            e.key(.left); keys += 1
            e.type(String(two)); keys += 1
        }
        for value in [row.name, row.target, row.actual, row.weight ?? "", row.score ?? ""] {
            e.type(value)
            e.key(.enter)
        }
        if !row.deviation.isEmpty {
            e.type(row.deviation)
            e.key(.tab)  // the long-text editor takes Enter as a new line
        }
        return keys
    }

    func testARowOfTheSameTierCostsOneKeyAndOfAnotherAtMostFour() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 20, key: "deviation"))
        let same = IndicatorRow(level1: "满意度指标", level2: "服务对象满意度指标", name: "群众满意度", target: "≥90%", actual: "96%", weight: "2", score: "2")
        XCTAssertEqual(enter(same, after: &e, tiers: nil), 1)
        XCTAssertEqual(e.state.session.indicators[21], same)
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 21, key: "deviation"))
        let other = IndicatorRow(level1: "效益指标", level2: "经济效益指标", name: "带动投资", target: "≥100万元", actual: "80万元", weight: "3", score: "2.4", deviation: "项目延期")
        XCTAssertLessThanOrEqual(enter(other, after: &e, tiers: (2, 1)), 4)
        XCTAssertEqual(e.state.session.indicators[22], other)
        let sibling = IndicatorRow(level1: "效益指标", level2: "社会效益指标", name: "宣传覆盖", target: "≥95%", actual: "97%", weight: "3", score: "3")
        XCTAssertLessThanOrEqual(enter(sibling, after: &e, tiers: nil, level2Only: 2), 4)
        XCTAssertEqual(e.state.session.indicators[23], sibling)
    }

    func testANewRowTakesTheTiersOfTheRowAbove() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 14, key: "score"))
        e.key(.ctrl("n"))
        XCTAssertEqual(e.state.session.indicators[15].level1, "效益指标")
        XCTAssertEqual(e.state.session.indicators[15].level2, "社会效益指标")
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 15, key: "name"))
        // Enter on the "add" line: after the last row, with its tiers.
        var n = try EditorHarness(example: "suining-2024.json")
        n.key(.alt("5"))
        n.state.row = try XCTUnwrap(n.state.sections[n.state.tab].rows.firstIndex { $0.source == .listEnd(table: nil) })
        n.key(.enter)
        XCTAssertEqual(n.state.session.indicators.last?.level1, "满意度指标")
        XCTAssertEqual(n.state.currentCell?.target, .indicator(row: 21, key: "name"))
    }
}

import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// Spare screen width goes where cells are cut (issue 13, bug 11).
final class ColumnWidthTests: XCTestCase {
    func testAt132ColumnsTargetsAndAchievedValuesGetTheirShare() throws {
        var e = try EditorHarness(example: "suining-2024.json", width: 132, height: 40)
        e.key(.alt("5"))
        let sec = e.state.sections[e.state.tab]
        let block = try XCTUnwrap(sec.rows.first { $0.source == .indicator(0) }).block
        let spots = EditorView.layout(sec.blocks[block], width: 132, focus: 0)
        let widths = spots.map { $0?.width ?? 0 }
        // 一级 二级 三级 年度指标值 实际完成值 分值 得分 偏差原因
        XCTAssertGreaterThanOrEqual(widths[3], 16, "年度指标值: \(widths)")
        XCTAssertGreaterThanOrEqual(widths[4], 16, "实际完成值: \(widths)")
        XCTAssertGreaterThanOrEqual(widths[1], 18, "二级指标 holds 服务对象满意度指标: \(widths)")
        XCTAssertLessThan(widths[2], 32, "三级指标 no longer takes it all: \(widths)")
        XCTAssertTrue(e.screen.contains("2024年12月底前  "), e.screen)
        XCTAssertTrue(e.screen.contains("服务对象满意度指标"), e.screen)
        XCTAssertEqual(widths.reduce(0, +) + widths.count, 131, "the whole width is used: \(widths)")
    }

    /// A column whose cells all fit takes nothing more than its share of what is left.
    func testNumbersStayNarrow() throws {
        var e = try EditorHarness(example: "suining-2024.json", width: 132, height: 40)
        e.key(.alt("5"))
        let sec = e.state.sections[e.state.tab]
        let spots = EditorView.layout(sec.blocks[0], width: 132, focus: 0)
        XCTAssertEqual(spots[5]?.width, 6)
        XCTAssertEqual(spots[6]?.width, 6)
    }

    /// A committed cell measures its row again; the others keep what they need.
    func testAnEditKeepsTheOtherRowsNeeds() throws {
        var e = try EditorHarness(example: "suining-2024.json", width: 132, height: 40)
        let before = e.state.sections.map { $0.blocks.map { $0.columns.map(\.need) } }
        try e.go(to: .indicator(row: 0, key: "score"))
        e.type("4")
        e.key(.enter)
        XCTAssertEqual(e.state.sections.map { $0.blocks.map { $0.columns.map(\.need) } }, before)
    }
}

import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// Review mode (and the editor) shows what a transcribed report states beside what Jixiao
/// computes, on the 结果 tab, which counts the disagreements among its problems.
final class StatedReviewTests: XCTestCase {
    func testSeed004StatedFiguresBesideTheComputedOnes() throws {
        var e = try EditorHarness(example: "ziyuan-2022-projects.json", width: 100, height: 40, readOnly: true)
        e.key(.function(7))  // the last tab: 结果
        let screen = e.screen
        XCTAssertTrue(screen.contains("报告所列与计算结果"), screen)
        let lines = screen.split(separator: "\n").map(String.init)
        let rate = try XCTUnwrap(lines.first { $0.contains("报告所列执行率 ") }, screen)
        XCTAssertTrue(rate.contains("54.74") && rate.hasSuffix("一致"), rate)
        // Row 20's stated 6.85% against 0.69%: the only row shown, as it is the only one that differs.
        let row = try XCTUnwrap(lines.first { $0.contains("第 20 行") }, screen)
        XCTAssertTrue(row.contains("6.85") && row.contains("0.69") && row.hasSuffix("不符"), row)
        XCTAssertEqual(lines.filter { $0.contains("行：报告所列") }.count, 1, screen)
    }

    func testSeed000Stated100Percent() throws {
        var e = try EditorHarness(example: "suining-2024.json", width: 100, height: 40, readOnly: true)
        e.key(.function(7))
        let line = try XCTUnwrap(e.screen.split(separator: "\n").first { $0.contains("报告所列执行率 ") }, e.screen)
        XCTAssertTrue(line.contains("100") && line.contains("99.98") && line.hasSuffix("不符"), String(line))
        // The 结果 tab counts it, and n reaches it after the six rows without 偏差原因.
        XCTAssertTrue(e.screen.contains("结果(1)"), e.screen)
        e.key(.function(6))
        XCTAssertEqual(e.state.tab, 0)
        for _ in 0..<6 { e.type("n") }
        XCTAssertNotEqual(e.state.tab, e.state.sections.count - 1)
        e.type("n")
        XCTAssertEqual(e.state.tab, e.state.sections.count - 1)
    }
}

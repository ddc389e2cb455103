import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// The 一级/二级 picker (issue 13, bugs 1, 2 and the pop-up's place; digits for quick entry).
final class PickerTests: XCTestCase {
    func testTheWholeTypedNameCountsNotItsLastCharacter() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        // Row 13 is 效益指标 / 经济效益指标.
        try e.go(to: .indicator(row: 13, key: "level2"))
        e.key(.f2)
        e.type("可持续影响指标")
        e.key(.enter)
        XCTAssertEqual(e.state.session.indicators[13].level2, "可持续影响指标")
        try e.go(to: .indicator(row: 0, key: "level1"))
        e.key(.f2)
        e.type("满意度指标")
        e.key(.enter)
        XCTAssertEqual(e.state.session.indicators[0].level1, "满意度指标")
        try e.go(to: .indicator(row: 1, key: "level1"))
        e.key(.f2)
        e.type("效益指标")
        e.key(.enter)
        XCTAssertEqual(e.state.session.indicators[1].level1, "效益指标")
    }

    func testAStartComesBeforeAPartAndNoMatchPicksNothing() throws {
        XCTAssertEqual(Picker.match("效益", in: ["产出指标", "效益指标", "满意度指标"]), 1)
        XCTAssertEqual(Picker.match("指标", in: ["产出指标", "效益指标"]), 0)
        XCTAssertEqual(Picker.match("社会", in: ["经济效益指标", "社会效益指标"]), 1)
        XCTAssertEqual(Picker.match("效益", in: ["经济效益指标", "效益（其他）"]), 1)
        XCTAssertNil(Picker.match("质量", in: ["经济效益指标", "社会效益指标"]))
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "level2"))
        e.key(.f2)
        e.type("满意")
        XCTAssertTrue(e.screen.contains("没有与“满意”相符的选项"), e.screen)
        e.key(.enter)
        // Nothing picked, nothing written: the picker stays open and says so.
        XCTAssertEqual(e.state.session.indicators[0].level2, "数量指标")
        guard case .picker(let p) = e.state.mode else { return XCTFail("the picker stays open") }
        XCTAssertNil(p.selected)
        XCTAssertTrue(e.screen.contains("没有选中任何选项"), e.screen)
        e.key(.backspace)
        e.key(.backspace)
        e.type("时效")
        e.key(.enter)
        XCTAssertEqual(e.state.session.indicators[0].level2, "时效指标")
    }

    func testTypingOnAPickerCellKeepsTheFirstCharacter() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "level1"))
        e.type("满")
        guard case .picker(let p) = e.state.mode else { return XCTFail("typing opens the picker") }
        XCTAssertEqual(p.query, "满")
        XCTAssertEqual(p.selected, 2)
        e.key(.enter)
        XCTAssertEqual(e.state.session.indicators[0].level1, "满意度指标")
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 0, key: "level2"))
    }

    func testADigitPicksAtOnceAndMovesRight() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "level1"))
        e.type("2")
        XCTAssertEqual(e.state.session.indicators[0].level1, "效益指标")
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 0, key: "level2"))
        e.type("3")
        XCTAssertEqual(e.state.session.indicators[0].level2, "生态效益指标")
        XCTAssertEqual(e.state.currentCell?.target, .indicator(row: 0, key: "name"))
        // In an open picker too; a number past the list does nothing.
        try e.go(to: .indicator(row: 1, key: "level1"))
        e.key(.f2)
        e.type("9")
        XCTAssertEqual(e.state.session.indicators[1].level1, "产出指标")
        e.type("3")
        XCTAssertEqual(e.state.session.indicators[1].level1, "满意度指标")
    }

    /// The pop-up opens beside the row being edited, never over it.
    func testThePopUpLeavesTheEditedRowInSight() throws {
        for row in [0, 10, 20] {
            var e = try EditorHarness(example: "suining-2024.json")
            try e.go(to: .indicator(row: row, key: "level2"))
            let before = e.buffer
            let y = try XCTUnwrap(before.cursor).y
            e.key(.f2)
            let after = e.buffer
            XCTAssertEqual(after.line(y), before.line(y), "row \(row):\n\(e.screen)")
            XCTAssertTrue(e.screen.contains("1 数量指标") || e.screen.contains("1 经济效益指标") || e.screen.contains("1 服务对象满意度指标"), e.screen)
        }
    }
}

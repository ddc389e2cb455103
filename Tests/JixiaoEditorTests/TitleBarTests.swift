import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// The title bar keeps the file name (issue 13, item 13): the sheet's title is cut first.
final class TitleBarTests: XCTestCase {
    func testTheFileNameStaysWholeAt80ColumnsEvenWhenModified() throws {
        for width in [60, 80] {
            var e = try EditorHarness(example: "suining-2024.json", width: width)
            e.state.path = "/home/kuaiji/2024年绩效自评/suining-2024.json"
            try e.go(to: .field("staff_actual"))
            e.type("43")
            e.key(.enter)
            let title = e.buffer.line(0)
            XCTAssertTrue(title.contains("suining-2024.json"), "at \(width): \(title)")
            XCTAssertTrue(title.hasSuffix("[已修改]"), "at \(width): \(title)")
        }
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .field("staff_actual"))
        e.type("43")
        e.key(.enter)
        let line = e.buffer.line(0)
        XCTAssertTrue(line.contains("中共绥宁县委组织部 | suining-2024.json ") && line.hasSuffix(" [已修改]"), line)
    }

    func testCutsComeTitleFirstThenUnitThenThePathFromItsLeft() {
        let room = 50
        let line = EditorView.titleLine(app: "绩效", title: "2024年度部门整体支出绩效自评表", unit: "中共绥宁县委组织部", path: "s.json", room: room)
        XCTAssertTrue(line.contains("中共绥宁县委组织部 | s.json"), line)
        XCTAssertTrue(line.contains("~"), line)
        XCTAssertLessThanOrEqual(ScreenBuffer.width(of: line), room)
        let narrow = EditorView.titleLine(app: "绩效", title: "2024年度部门整体支出绩效自评表", unit: "中共绥宁县委组织部", path: "/a/b/c/suining-2024.json", room: 30)
        XCTAssertTrue(narrow.hasSuffix("suining-2024.json"), narrow)
        XCTAssertLessThanOrEqual(ScreenBuffer.width(of: narrow), 30)
        let tiny = EditorView.titleLine(app: "绩效", title: "标题", unit: "单位", path: "/a/b/c/suining-2024.json", room: 16)
        XCTAssertTrue(tiny.hasSuffix(".json"), tiny)
        XCTAssertLessThanOrEqual(ScreenBuffer.width(of: tiny), 16)
    }
}

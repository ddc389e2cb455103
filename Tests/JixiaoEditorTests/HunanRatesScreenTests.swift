import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// 三公经费变动率 and 预算调整率 are shown with the figures they come from.
final class HunanRatesScreenTests: XCTestCase {
    func testSeed002sRatesAreOnTheirTabs() throws {
        var e = try EditorHarness(example: "yiyang-2024.json", width: 100, height: 60)
        let basic = try XCTUnwrap(e.state.sections.firstIndex { $0.id == "basic" })
        let funds = try XCTUnwrap(e.state.sections.firstIndex { $0.id == "funds" })
        func line(_ tab: Int, _ label: String) -> String? {
            e.state.tab = tab
            e.state.row = 0
            e.state.scroll = e.state.sections[tab].rows.firstIndex { $0.cells.first?.text == label } ?? 0
            return e.screen.split(separator: "\n").map(String.init).first { $0.contains(label) }
        }
        XCTAssertEqual(line(basic, "三公经费变动率")?.contains("-2.65"), true)
        XCTAssertEqual(line(funds, "预算调整率")?.contains("24.75"), true)
    }
}

import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// Headings name the sheet's year as labels do.
final class HeadingTests: XCTestCase {
    func testAHeadingResolvesTheYear() throws {
        var e = try EditorHarness(example: "suining-2024.json", width: 120, height: 40)
        e.key(.alt("2"))
        XCTAssertTrue(e.screen.contains("楼堂馆所控制情况（2024年完工项目）"), e.screen)
        XCTAssertFalse(e.screen.contains("{year}"), e.screen)
    }
}

import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

final class UnitRefusalTests: XCTestCase {
    func testAForeignUnitIsNamed() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        let (t, r, c) = try XCTUnwrap(e.state.position(of: .field("fund_annual")))
        e.state.tab = t; e.state.row = r; e.state.col = c
        e.type("12元")
        XCTAssertTrue(e.screen.contains("不能填写“元”"), e.screen)
        e.key(.enter)
        XCTAssertTrue(e.screen.contains("不能填写“元”"), e.screen)
    }
}

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

/// Money typed in the other of 元 and 万元 is recorded exactly, with a word on the status line
/// that is a warning, not a refusal: seed 003's "100.00 元" in a 万元 column.
final class MoneyUnitWarningTests: XCTestCase {
    func testSeed003s100YuanIsRecordedAndItsLikelyIntentNamed() throws {
        var e = try EditorHarness(example: "lianjiang-2023.json", width: 160)
        try e.go(to: .tableCell(table: "key_projects", row: 0, column: "budget"))
        e.type("100.00 元")
        e.key(.enter)
        XCTAssertEqual(e.state.session.tables["key_projects"]?[0]["budget"], .number("0.01"))
        XCTAssertEqual(e.state.message?.isError, false)
        XCTAssertTrue(e.screen.contains("很可能原文的“元”是“万元”之误，应为 100.00 万元"), e.screen)
        // The user takes the likely intent by typing it.
        try e.go(to: .tableCell(table: "key_projects", row: 0, column: "budget"))
        e.type("100.00")
        e.key(.enter)
        XCTAssertEqual(e.state.session.tables["key_projects"]?[0]["budget"], .number("100.00"))
        XCTAssertNil(e.state.message)
    }
}

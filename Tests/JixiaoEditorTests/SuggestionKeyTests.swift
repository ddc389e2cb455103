import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// The suggested 得分 in the editor: shown on the status line for the row under the cursor,
/// taken by F4 into an empty 得分, never written over a typed one.
final class SuggestionKeyTests: XCTestCase {
    func testTheStatusLineShowsTheRowsSuggestion() throws {
        var e = try EditorHarness(example: "suining-2024.json", width: 100)
        try e.go(to: .indicator(row: 0, key: "score"))
        XCTAssertTrue(e.screen.contains("建议得分 3.80（正向：4 × 19 / 20）  F4 采纳"), e.screen)
        try e.go(to: .indicator(row: 8, key: "score"))
        XCTAssertTrue(e.screen.contains("建议得分：定性指标，按档次：达成 4.00–5.00"), e.screen)
        // Off the indicator rows the status line is as before.
        try e.go(to: .field("fund_annual"))
        XCTAssertFalse(e.screen.contains("建议得分"), e.screen)
    }

    func testF4TakesTheSuggestionIntoAnEmptyScoreOnly() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "name"))
        // A typed 得分 (3) is the unit's: F4 leaves it and says how to take the suggestion.
        e.key(.function(4))
        XCTAssertEqual(e.state.session.indicators[0].score, "3")
        XCTAssertTrue(e.screen.contains("不会被覆盖"), e.screen)
        XCTAssertFalse(e.state.isDirty)
        try e.go(to: .indicator(row: 0, key: "score"))
        e.key(.delete)
        XCTAssertNil(e.state.session.indicators[0].score)
        e.key(.function(4))
        XCTAssertEqual(e.state.session.indicators[0].score, "3.80")
        XCTAssertTrue(e.screen.contains("总分 91.80 优秀"), e.screen)
        XCTAssertTrue(e.screen.contains("已采纳建议得分 3.80"), e.screen)
        // One undo takes it back.
        e.key(.ctrl("z"))
        XCTAssertNil(e.state.session.indicators[0].score)
    }

    func testF4OnAQualitativeRowExplainsTheBands() throws {
        var e = try EditorHarness(example: "suining-2024.json", width: 120)
        try e.go(to: .indicator(row: 8, key: "score"))
        e.key(.delete)
        e.key(.function(4))
        XCTAssertNil(e.state.session.indicators[8].score)
        XCTAssertTrue(e.screen.contains("部分达成 3.00–4.00"), e.screen)
    }

    func testF4ChangesNothingInReviewMode() throws {
        var e = try EditorHarness(example: "suining-2024.json", readOnly: true)
        try e.go(to: .indicator(row: 0, key: "score"))
        e.key(.function(4))
        XCTAssertEqual(e.state.session.indicators[0].score, "3")
        XCTAssertTrue(e.screen.contains("只读"), e.screen)
    }
}

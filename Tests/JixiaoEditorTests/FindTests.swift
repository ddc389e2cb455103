import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// Ctrl-F (issue 13, bug 5): each search starts empty; the last one is offered, not added to.
final class FindTests: XCTestCase {
    func testASecondSearchIsNotAddedToTheFirst() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        e.key(.ctrl("f"))
        e.type("党校")
        e.key(.enter)
        e.key(.ctrl("f"))
        XCTAssertTrue(e.screen.contains("Enter 再找“党校”"), e.screen)
        e.type("人才引进人数")
        e.key(.enter)
        XCTAssertEqual(e.state.lastSearch, "人才引进人数")
        XCTAssertEqual(e.state.currentRow?.source, .indicator(3))
    }

    func testEnterAloneFindsTheLastTextAgainAndUpBringsItBack() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        e.key(.ctrl("f"))
        e.type("满意度")
        e.key(.enter)
        let first = try XCTUnwrap(e.state.currentRow?.source)
        e.key(.ctrl("f"))
        e.key(.enter)
        XCTAssertNotEqual(e.state.currentRow?.source, first, "the next one")
        XCTAssertEqual(e.state.lastSearch, "满意度")
        e.key(.ctrl("f"))
        e.key(.up)
        guard case .find(let buffer) = e.state.mode else { return XCTFail("find stays open") }
        XCTAssertEqual(buffer.text, "满意度")
    }
}

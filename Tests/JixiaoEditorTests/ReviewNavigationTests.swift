import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// Review mode's n / p (issue 13, bug 3): two problems at one pointer are both reached, in
/// both directions, and neither holds the cursor.
final class ReviewNavigationTests: XCTestCase {
    /// Seed 000 with its first 分值 raised from 4 to 14: two problems at /indicators (产出指标's
    /// 分值 add up to 60, and all 分值 to 110), besides six rows' warnings.
    func review() throws -> EditorHarness {
        var e = try EditorHarness(example: "suining-2024.json", readOnly: true)
        var s = e.state.session
        s.indicators[0].weight = "14"
        e.state = EditorState(session: s, template: e.state.template, path: "x.json", readOnly: true)
        return e
    }

    func messages(_ e: inout EditorHarness, _ key: Character, times: Int) -> [String] {
        (0..<times).map { _ in
            e.type(String(key))
            return e.state.message?.text ?? ""
        }
    }

    func testNextAndPreviousReachBothProblemsAtOnePointer() throws {
        var e = try review()
        let sheet = e.state.problems.filter { $0.pointer.description == "/indicators" }.map { $0.message(.zh) }
        XCTAssertEqual(sheet.count, 2)
        let count = e.state.problems.count
        let forward = messages(&e, "n", times: count)
        XCTAssertEqual(Set(forward).count, count, "n shows every problem once in a round: \(forward)")
        for m in sheet { XCTAssertTrue(forward.contains(m), m) }
        let backward = messages(&e, "p", times: count)
        XCTAssertEqual(Set(backward).count, count, "p shows every problem once in a round: \(backward)")
        // p goes back the way n came.
        XCTAssertEqual(Array(backward.dropFirst()), Array(forward.reversed().dropFirst(2)) + [forward.last!])
    }

    func testMovingAwayStartsFromTheCursorAgain() throws {
        var e = try review()
        e.type("n")
        let first = e.state.message
        e.type("n")
        e.type("n")
        e.key(.alt("1"))  // back to the first section: n starts from there again
        e.type("n")
        XCTAssertEqual(e.state.message, first)
    }
}

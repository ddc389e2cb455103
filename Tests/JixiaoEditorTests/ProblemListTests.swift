import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// The problem list (F8) at narrow widths (issue 13, bug 4): a cut is marked and never falls
/// inside a number, the selected problem is shown whole, and Home / End reach the ends.
final class ProblemListTests: XCTestCase {
    /// Seed 000 with its first 分值 raised from 4 to 14: "分值合计 110（含预算执行率 10），应为 100".
    func sheet(width: Int, height: Int) throws -> EditorHarness {
        var e = try EditorHarness(example: "suining-2024.json", width: width, height: height)
        var s = e.state.session
        s.indicators[0].weight = "14"
        e.state = EditorState(session: s, template: e.state.template, path: "x.json", width: width, height: height)
        return e
    }

    /// The box's lines, without its frame.
    func boxLines(_ e: EditorHarness) -> [String] {
        let b = e.buffer
        return (3..<(b.height - 3)).map { y in
            var line = b.line(y)
            if line.hasPrefix("|") { line.removeFirst() }
            if line.hasSuffix("|") { line.removeLast() }
            return line.trimmingCharacters(in: .whitespaces)
        }
    }

    func testACutIsMarkedAndNeverInsideANumber() throws {
        var e = try sheet(width: 60, height: 20)
        e.key(.function(8))
        let texts = e.state.problems.map { ProblemLines.text($0, .zh) }
        e.key(.end)  // the last is selected and shown whole: the lines above it are one a problem
        let lines = boxLines(e)
        let cut = lines.filter { $0.hasSuffix("...") }
        XCTAssertGreaterThan(cut.count, 3, e.screen)
        for line in lines.prefix(texts.count - 1) {
            XCTAssertTrue(texts.contains(line) || line.hasSuffix("..."), "a cut line is marked: \(line)")
        }
        for line in cut {
            let kept = String(line.dropLast(3))
            let whole = try XCTUnwrap(texts.first { $0.hasPrefix(kept) }, line)
            let next = whole.dropFirst(kept.count).first
            XCTAssertFalse((kept.last?.isNumber ?? false) && (next?.isNumber ?? false), "cut inside a number: \(line) / \(whole)")
        }
        XCTAssertFalse(e.screen.contains("应为 1\n") || e.screen.contains("应为 1 "), e.screen)
    }

    func testTheSelectedProblemIsShownWholeAndHomeEndReachTheEnds() throws {
        var e = try sheet(width: 60, height: 20)
        e.key(.function(8))
        let k = try XCTUnwrap(e.state.problems.firstIndex { $0.message(.zh).hasPrefix("分值合计 110") })
        e.key(.down, times: k)
        let shown = boxLines(e).joined()
        XCTAssertTrue(shown.contains("分值合计 110（含预算执行率 10），应为100"), e.screen)
        e.key(.end)
        guard case .problems(let last) = e.state.mode else { return XCTFail("the list stays open") }
        XCTAssertEqual(last, e.state.problems.count - 1)
        e.key(.home)
        guard case .problems(let first) = e.state.mode else { return XCTFail("the list stays open") }
        XCTAssertEqual(first, 0)
    }
}

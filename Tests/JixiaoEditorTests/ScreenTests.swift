import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// Every section, the overlays, review mode and a resize, drawn at 80×24 and 120×40.
final class ScreenTests: XCTestCase {
    func testEverySectionAt80x24And120x40() throws {
        for (w, h) in [(80, 24), (120, 40)] {
            var e = try EditorHarness(example: "suining-2024.json", width: w, height: h)
            for n in 0..<e.state.sections.count {
                Golden.check(e.buffer, "suining-\(w)x\(h)-section\(n + 1)")
                e.key(.function(6))
            }
        }
    }

    func testOtherTemplatesFirstAndWidestSections() throws {
        for name in ["yiyang-2024.json", "lianjiang-2023.json", "ziyuan-2022-projects.json"] {
            var e = try EditorHarness(example: name, width: 120, height: 40)
            for n in 0..<e.state.sections.count {
                Golden.check(e.buffer, "\(name.dropLast(5))-120x40-section\(n + 1)")
                e.key(.function(6))
            }
        }
    }

    func testHelpProblemsReviewAndResize() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        e.key(.function(1))
        Golden.check(e.buffer, "help-80x24")
        e.key(.escape)
        e.key(.function(8))
        Golden.check(e.buffer, "problems-80x24")
        e.key(.enter)
        Golden.check(e.buffer, "problem-jump-80x24")
        var r = try EditorHarness(example: "yiyang-2024.json", readOnly: true)
        Golden.check(r.buffer, "review-80x24")
        r.type("n")
        Golden.check(r.buffer, "review-next-problem-80x24")
        r.send(.resize(width: 100, height: 30))
        Golden.check(r.buffer, "review-resized-100x30")
    }

    func testEveryLineFitsTheScreenAndWideCharactersArePaired() throws {
        for name in ["suining-2024.json", "ziyuan-2022-projects.json"] {
            for (w, h) in [(80, 24), (81, 25), (120, 40)] {
                var e = try EditorHarness(example: name, width: w, height: h)
                for _ in 0..<e.state.sections.count {
                    let b = e.buffer
                    for y in 0..<b.height {
                        var cols = 0
                        for x in 0..<b.width {
                            let c = b[x, y]
                            if c.isContinuation {
                                XCTAssertTrue(x > 0 && DisplayWidth.of(b[x - 1, y].text) == 2, "orphan right half at \(x),\(y)")
                            } else {
                                cols += max(1, DisplayWidth.of(c.text))
                            }
                        }
                        XCTAssertEqual(cols, w, "row \(y) of \(name) at \(w)")
                    }
                    e.key(.function(6))
                }
            }
        }
    }
}

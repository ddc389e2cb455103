import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// A cell shows the start of its text, read only as far as it fits (CellText); before, every
/// frame replaced the line breaks of the whole text and measured it. Both must show the same.
final class CellTextTests: XCTestCase {
    /// The cell's text as it was worked out from the whole text.
    func whole(_ text: String, width: Int) -> String {
        let flat = text.replacingScalar("\n", with: " ")
        return ScreenBuffer.width(of: flat) > width ? CellText.clip(flat, width - 1) + "~" : flat
    }

    func testTheStartOfATextShowsAsTheWholeTextShowedIt() {
        var g = SplitMix64(seed: 11)
        // Marks after line breaks (a mark joins a space but not a line break), runs of
        // zero-width characters longer than what is read first, emoji and Windows line breaks.
        let pieces = ["年度目标", "abc ", "5577.04", "\n", "\r\n", "\n\u{301}", "e\u{301}", "\u{301}", String(repeating: "\u{200B}", count: 90),
                      "👍🏽", "🇨🇳", "（一）", "\t", "\u{1}", " "]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<g.int(0...30) { text += g.pick(pieces) }
            let width = g.int(0...40)
            XCTAssertEqual(CellText.fitted(text, width: width), whole(text, width: width), "\(text.debugDescription) in \(width)")
        }
    }

    func testAHugeTextIsReadOnlyAsFarAsItsCellShows() {
        let text = String(repeating: "第1项：培训干部 12 期，完成率 98.5%；\n", count: 40_000)
        let before = TextWork.total
        XCTAssertEqual(CellText.fitted(text, width: 30), whole(text, width: 30))
        XCTAssertLessThan(TextWork.total - before, 200)
    }

    /// A column's width is measured as the screen draws its cells: a control character from
    /// a received sheet takes the columns of its escape, so the cell is not clipped.
    func testAColumnIsMeasuredAsTheScreenDrawsIt() {
        for text in ["单位\u{1B}[2J名称", "a\u{202E}b", "合计\u{7F}", "普通文字 abc"] {
            XCTAssertEqual(CellText.width(text, upTo: 100), ScreenBuffer.width(of: text), text.debugDescription)
        }
        XCTAssertEqual(CellText.width("\u{1B}\u{1B}\u{1B}", upTo: 10), 10, "counted no further than the cap")
    }
}

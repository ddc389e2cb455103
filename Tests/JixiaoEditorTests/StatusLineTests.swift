import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// The foot of the screen while a value is typed (issue 13, bugs 9 and 10).
final class StatusLineTests: XCTestCase {
    func testTheKeyHintsStayWhileALongValueIsTyped() throws {
        var e = try EditorHarness(example: "suining-2024.json")
        try e.go(to: .indicator(row: 0, key: "name"))
        let hints = EditorView.hints(e.state)
        XCTAssertTrue(hints.hasPrefix("F1 帮助"), hints)
        XCTAssertTrue(e.buffer.line(23).hasSuffix(hints))
        for n in 1...60 {
            e.type(n % 3 == 0 ? "a" : "培")
            XCTAssertTrue(e.buffer.line(23).hasSuffix(hints), "after \(n) characters: \(e.buffer.line(23))")
        }
        // The caret stays at the end of what is shown, left of the keys.
        let cursor = try XCTUnwrap(e.buffer.cursor)
        XCTAssertEqual(cursor.y, 23)
        XCTAssertLessThan(cursor.x, 80 - ScreenBuffer.width(of: hints))
        e.key(.enter)
        XCTAssertEqual(e.state.session.indicators[0].name.count, 60)
    }

    func testAnInputErrorNeverCutsAFigureOfTheResultBar() throws {
        for width in [60, 80, 100] {
            var e = try EditorHarness(example: "suining-2024.json", width: width)
            try e.go(to: .indicator(row: 0, key: "score"))
            e.type("3元")
            let message = try XCTUnwrap(e.state.message, "an error is said")
            XCTAssertTrue(message.isError)
            let bar = e.buffer.line(22)
            XCTAssertTrue(bar.contains("总分 91.00 优秀"), "at \(width): \(bar)")
            // Every figure on the bar is one the bar has without the message: none is cut.
            e.key(.escape)
            let plain = e.buffer.line(22)
            for part in bar.components(separatedBy: "  ").map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ !$0.isEmpty })
            where !message.text.hasPrefix(part.replacingOccurrences(of: "...", with: "")) {
                XCTAssertTrue(plain.contains(part), "at \(width): \"\(part)\" is not a whole part of \(plain)")
            }
            let shown = bar.components(separatedBy: "  ").last?.trimmingCharacters(in: .whitespaces) ?? ""
            XCTAssertTrue(message.text.hasPrefix(shown.replacingOccurrences(of: "...", with: "")), "at \(width): the message \(shown)")
        }
    }
}

import Foundation
import XCTest
@testable import JixiaoEditor

/// Golden screens: the drawn screen compared with Tests/JixiaoEditorTests/Golden/NAME.txt.
/// The file holds the screen's text, then under a `----` line the style of every cell as one
/// letter (see `StyleMap`), then where the terminal's cursor goes: a cell that loses its error
/// mark, or a computed figure drawn as typed, fails the test as a changed figure does.
/// After an intended change, regenerate with UPDATE_GOLDEN=1 swift test and read the diff.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ screen: ScreenBuffer, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        check(text: StyleMap.golden(screen), name, file: file, line: line)
    }

    static func check(text screen: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? (screen + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let want = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden screen \(name).txt (UPDATE_GOLDEN=1 creates it)", file: file, line: line)
            return
        }
        XCTAssertEqual(screen + "\n", want, "screen differs from \(name).txt", file: file, line: line)
    }
}

/// One letter per style, for golden screens. A style without a letter is `?`, so that a new
/// style shows up in a diff rather than passing as another.
enum StyleMap {
    static let letters: [(Style, Character)] = [
        (.plain, " "), (.bar, "B"), (.barError, "R"), (.heading, "H"), (Style(bold: true, underline: true), "U"),
        (.computed, "C"), (.error, "E"), (.warning, "W"), (.selected, "S"), (.selectedError, "X"),
        (.selectedWarning, "Y"), (.dim, "D"), (.editing, "I"),
    ]

    static func letter(_ s: Style) -> Character {
        letters.first { $0.0 == s }?.1 ?? "?"
    }

    /// The screen's text, its styles, and its cursor, as a golden file holds them.
    static func golden(_ b: ScreenBuffer) -> String {
        var styles = [String]()
        for y in 0..<b.height {
            var line = ""
            for x in 0..<b.width { line.append(letter(b[x, y].style)) }
            while line.hasSuffix(" ") { line.removeLast() }
            styles.append(line)
        }
        let cursor = b.cursor.map { "cursor \($0.x),\($0.y)\(b.cursorHidden ? " hidden" : "")" } ?? "no cursor"
        let legend = "---- " + letters.dropFirst().map { "\($0.1) \(name($0.0))" }.joined(separator: ", ")
        return b.text + "\n" + legend + "\n" + styles.joined(separator: "\n") + "\n" + cursor
    }

    static func name(_ s: Style) -> String {
        switch s {
        case .bar: return "bar"
        case .barError: return "bar with errors"
        case .heading: return "heading"
        case .computed: return "computed"
        case .error: return "error"
        case .warning: return "warning"
        case .selected: return "selected"
        case .selectedError: return "selected error"
        case .selectedWarning: return "selected warning"
        case .dim: return "dim"
        case .editing: return "typed text"
        default: return "column header"
        }
    }
}

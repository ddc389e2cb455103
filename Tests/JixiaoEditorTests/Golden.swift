import Foundation
import XCTest

/// Golden screens: the drawn screen as text, compared with Tests/JixiaoEditorTests/Golden/NAME.txt.
/// After an intended change, regenerate with UPDATE_GOLDEN=1 swift test and read the diff.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ screen: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
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

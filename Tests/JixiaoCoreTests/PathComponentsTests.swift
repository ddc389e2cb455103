import Foundation
import XCTest
@testable import JixiaoCore

/// The program's path helpers against the NSString ones they replace.
final class PathComponentsTests: XCTestCase {
    /// Paths NSString handles: absolute ones as the program builds them, trailing and doubled
    /// slashes, the root, relative ones with a slash.
    static let paths = ["", "/", "/a", "/a/", "/a/b", "/a/b/", "/a/b//", "a//b", "/a//b//", "///a", "./a", "../a/..",
                        "a/b.json", "a/b/c/", "/tmp/x/.s.json", "/home/用户/绩效 2024/s.json", "/a/.x.recovery.json",
                        "relative/jixiao/recovery/%2Fa%2Fb.json.json"]

    func testLastAndDeletingLastMatchNSString() {
        for p in Self.paths {
            XCTAssertEqual(PathComponents.last(p), (p as NSString).lastPathComponent, p)
            XCTAssertEqual(PathComponents.deletingLast(p), (p as NSString).deletingLastPathComponent, p)
        }
    }

    /// Where NSString fails: "//" has no last component there, and a path without a slash stops
    /// the program (Foundation in Swift 6.3 traps). Here they are the root and "no folder".
    func testPathsNSStringFailsOn() {
        XCTAssertEqual(PathComponents.last("//"), "/")
        XCTAssertEqual(PathComponents.deletingLast("//"), "/")
        XCTAssertEqual(PathComponents.last("a"), "a")
        XCTAssertEqual(PathComponents.deletingLast("a"), "")
        XCTAssertEqual(PathComponents.deletingLast("a/"), "")
        XCTAssertEqual(PathComponents.deletingLast("~"), "")
    }

    func testAppendingMatchesNSString() {
        let components = ["", "x", "x/y", "/x", "x/", ".local/state", "jixiao/templates", ".s.json.lock", "绩效.json"]
        for p in Self.paths + ["//", "a", "~"] {
            for c in components {
                XCTAssertEqual(PathComponents.appending(c, to: p), (p as NSString).appendingPathComponent(c), "\(p) + \(c)")
            }
        }
    }

    func testHomeDirectoryIsNSHomeDirectory() {
        XCTAssertEqual(PathComponents.homeDirectory, NSHomeDirectory())
    }

    func testJournalAndLockPaths() {
        XCTAssertEqual(SheetLock.lockPath(for: "/tmp/x/s.json"), "/tmp/x/.s.json.lock")
        XCTAssertEqual(SheetLock.lockPath(for: "/s.json"), "/.s.json.lock")
        let journal = RecoveryJournal(sheet: "/nonexistent-jixiao/s.json", environment: [:])
        XCTAssertEqual(journal.path, (NSHomeDirectory() as NSString).appendingPathComponent(".local/state/jixiao/recovery/%2Fnonexistent-jixiao%2Fs.json.json"))
    }
}

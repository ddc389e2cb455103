import Foundation
import XCTest
@testable import JixiaoCore

/// Which files `jixiao summary` reads from the folders it is given.
final class SheetFinderTests: XCTestCase {
    func testFoldersAreSearchedForSheetsAndOurSideFilesAreLeft() throws {
        let root = try Fixtures.tempFolder(self)
        let fm = FileManager.default
        func touch(_ relative: String) throws { try Fixtures.write("{}", to: (root as NSString).appendingPathComponent(relative)) }
        try fm.createDirectory(atPath: root + "/b/c", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
        for f in ["z.json", "a/1.json", "b/c/2.json", "b/3.json",
                  ".z.json.recovery.json", ".z.json.lock", "z.json.bak", ".z.json.jixiao-123-abcdefgh.tmp", "notes.txt", ".hidden.json"] {
            try touch(f)
        }
        let found = SheetFinder([root])
        // Depth first, each folder's entries in byte order: files before the subfolders' files.
        XCTAssertEqual(found.sheets.map { String($0.path.dropFirst(root.count + 1)) }, [".hidden.json", "z.json", "a/1.json", "b/3.json", "b/c/2.json"])
        XCTAssertTrue(found.unreadable.isEmpty)
        XCTAssertTrue(found.skipped.isEmpty)
    }

    func testLinksOutOfTheFolderAreNotFollowedAndNothingIsReadTwice() throws {
        let root = try Fixtures.tempFolder(self)
        let outside = try Fixtures.tempFolder(self)
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
        try Fixtures.write("{}", to: root + "/in/s.json")
        try Fixtures.write("{}", to: outside + "/secret.json")
        try fm.createSymbolicLink(atPath: root + "/again.json", withDestinationPath: root + "/in/s.json")  // inside: the same sheet
        try fm.createSymbolicLink(atPath: root + "/out.json", withDestinationPath: outside + "/secret.json")
        try fm.createSymbolicLink(atPath: root + "/outdir", withDestinationPath: outside)
        try fm.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root)
        try fm.createSymbolicLink(atPath: root + "/nowhere.json", withDestinationPath: root + "/missing.json")
        let found = SheetFinder([root, root + "/in/s.json"])
        XCTAssertEqual(found.sheets.map(\.path), [root + "/again.json"])  // s.json reached a second and third time: read once
        XCTAssertEqual(Set(found.skipped.map(\.path)), [root + "/out.json", root + "/outdir", root + "/loop"])
        XCTAssertTrue(found.unreadable.isEmpty)
    }

    func testAFileNamedIsReadWhateverItIsAndAMissingOneIsReported() throws {
        let root = try Fixtures.tempFolder(self)
        try Fixtures.write("{}", to: root + "/sheet.txt")
        XCTAssertEqual(mkfifo(root + "/fifo.json", 0o600), 0)
        let found = SheetFinder([root + "/sheet.txt", root + "/gone.json", root])
        XCTAssertEqual(found.sheets.map(\.path), [root + "/sheet.txt", root + "/fifo.json"])
        XCTAssertEqual(found.unreadable.map(\.path), [root + "/gone.json"])
        // The FIFO is refused when read, at once: nothing waits on it.
        let outcome = SummaryReader.read([root + "/fifo.json"], registry: Fixtures.registry,
                                         form: try XCTUnwrap(SummaryForm(Fixtures.template(SummaryForm.defaultTemplateID))))
        guard case .failed(let e)? = outcome.first else { return XCTFail("a FIFO was read as a sheet") }
        XCTAssertTrue(e.render(.zh).contains("不是普通文件"), e.render(.zh))
    }
}

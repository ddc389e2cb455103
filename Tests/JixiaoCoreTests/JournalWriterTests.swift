import Foundation
import XCTest
@testable import JixiaoCore

/// The editor hands journal writes and removals to a thread of their own; they must happen in
/// the order asked, so that a quit right after an edit leaves no journal behind, and a failed
/// write must be reported.
final class JournalWriterTests: XCTestCase {
    func testWritesAndRemovalsHappenInOrder() throws {
        let dir = try Fixtures.tempFolder(self)
        let sheet = (dir as NSString).appendingPathComponent("s.json")
        let loaded = try Fixtures.load("suining-2024")
        let writer = JournalWriter(RecoveryJournal(sheet: sheet, environment: ["XDG_STATE_HOME": dir + "/state"]))
        var s = loaded.session
        for n in 0..<20 {
            s.unit = "单位 \(n)"
            writer.write(s, loaded.template, base: SheetFingerprint([1, 2, 3]))
        }
        writer.finish()
        let back = try XCTUnwrap(writer.journal.read(registry: Fixtures.registry))
        XCTAssertEqual(back.loaded.session.unit, "单位 19", "the last write is the one on disk")
        XCTAssertEqual(back.base, SheetFingerprint([1, 2, 3]))
        writer.write(s, loaded.template, base: nil)
        writer.remove()
        writer.finish()
        XCTAssertFalse(FileManager.default.fileExists(atPath: writer.journal.path), "a removal after a write leaves no journal")
        XCTAssertNil(writer.takeError())
    }

    func testAFailedWriteIsReportedOnce() throws {
        let dir = try Fixtures.tempFolder(self)
        let sheet = (dir as NSString).appendingPathComponent("s.json")
        let loaded = try Fixtures.load("suining-2024")
        // The private place cannot be made either: its parent is a file.
        FileManager.default.createFile(atPath: dir + "/state", contents: Data("x".utf8))
        let writer = JournalWriter(RecoveryJournal(sheet: sheet, environment: ["XDG_STATE_HOME": dir + "/state"]))
        // A folder where the journal file should be: the write cannot replace it.
        try FileManager.default.createDirectory(atPath: writer.journal.path, withIntermediateDirectories: true)
        writer.write(loaded.session, loaded.template, base: nil)
        writer.finish()
        XCTAssertNotNil(writer.takeError())
        XCTAssertNil(writer.takeError())
    }

    /// Something that comes to stand at the journal's place after the editor started (a link
    /// planted by another user) sends the journal to the private place, and says so once.
    func testAJournalBlockedBesideTheSheetGoesToThePrivatePlace() throws {
        let dir = try Fixtures.tempFolder(self)
        let sheet = (dir as NSString).appendingPathComponent("s.json")
        let loaded = try Fixtures.load("suining-2024")
        let writer = JournalWriter(RecoveryJournal(sheet: sheet, environment: ["XDG_STATE_HOME": dir + "/state"]))
        XCTAssertEqual(writer.journal.path, writer.journal.localPath)
        try FileManager.default.createDirectory(atPath: writer.journal.localPath, withIntermediateDirectories: true)
        writer.write(loaded.session, loaded.template, base: nil)
        writer.finish()
        XCTAssertNil(writer.takeError())
        XCTAssertNotNil(writer.takeMoved())
        XCTAssertNil(writer.takeMoved())
        XCTAssertTrue(writer.journal.privatePath.hasPrefix(dir + "/state/jixiao/recovery/"))
        XCTAssertEqual(try XCTUnwrap(writer.journal.read(registry: Fixtures.registry)).loaded.session.unit, loaded.session.unit)
    }
}

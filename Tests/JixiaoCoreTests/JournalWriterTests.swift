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
        let writer = JournalWriter(RecoveryJournal(sheet: sheet))
        var s = loaded.session
        for n in 0..<20 {
            s.unit = "单位 \(n)"
            writer.write(s, loaded.template)
        }
        writer.finish()
        let back = try XCTUnwrap(writer.journal.read(registry: Fixtures.registry))
        XCTAssertEqual(back.session.unit, "单位 19", "the last write is the one on disk")
        writer.write(s, loaded.template)
        writer.remove()
        writer.finish()
        XCTAssertFalse(FileManager.default.fileExists(atPath: writer.journal.path), "a removal after a write leaves no journal")
        XCTAssertNil(writer.takeError())
    }

    func testAFailedWriteIsReportedOnce() throws {
        let dir = try Fixtures.tempFolder(self)
        let sheet = (dir as NSString).appendingPathComponent("s.json")
        let loaded = try Fixtures.load("suining-2024")
        let writer = JournalWriter(RecoveryJournal(sheet: sheet))
        // A folder where the journal file should be: the write cannot replace it.
        try FileManager.default.createDirectory(atPath: writer.journal.path, withIntermediateDirectories: true)
        writer.write(loaded.session, loaded.template)
        writer.finish()
        XCTAssertNotNil(writer.takeError())
        XCTAssertNil(writer.takeError())
    }
}

import Foundation
import XCTest
@testable import JixiaoCore

/// The file primitives a shared folder and a hostile sender test: reads of special files,
/// writes never through a link, the size a reader takes, modes, the kernel lock.
final class FileSafetyTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = try Fixtures.tempFolder(self)
    }

    func path(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }

    func testAFifoIsRefusedWithoutWaiting() throws {
        let fifo = path("f.json")
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        XCTAssertThrowsError(try AtomicFile.read(fifo)) { e in
            XCTAssertTrue((e as? FileError)?.message.contains("FIFO") == true, "\(e)")
        }
        XCTAssertThrowsError(try AtomicFile.write(Array("x".utf8), to: fifo))
    }

    func testASideFileIsNeverReadOrWrittenThroughALink() throws {
        let victim = path("notes.txt")
        try AtomicFile.write(Array("notes".utf8), to: victim)
        let link = path(".s.json.recovery.json")
        XCTAssertEqual(symlink(victim, link), 0)
        XCTAssertThrowsError(try AtomicFile.read(link, followLinks: false))
        try AtomicFile.write(Array("journal".utf8), to: link, .sideFile(of: nil))
        XCTAssertEqual(try AtomicFile.read(victim), Array("notes".utf8), "written through the link")
        XCTAssertEqual(try AtomicFile.read(link, followLinks: false), Array("journal".utf8), "the link itself was replaced")
        if case .inTheWay = SideFile.state(of: victim) { XCTFail("our own file is not in the way") }
        XCTAssertEqual(symlink(victim, path("other")), 0)
        guard case .inTheWay = SideFile.state(of: path("other")) else { return XCTFail("a link is in the way") }
    }

    func testASheetLinkTheUserMadeIsFollowed() throws {
        let real = path("real.json")
        try AtomicFile.write(Array("a".utf8), to: real)
        XCTAssertEqual(symlink(real, path("link.json")), 0)
        try AtomicFile.write(Array("b".utf8), to: path("link.json"), .sheet)
        XCTAssertEqual(try AtomicFile.read(real), Array("b".utf8))
        XCTAssertEqual(SideFile.resolvedSheet(path("link.json")), SideFile.resolvedSheet(real))
    }

    /// In a folder open to all with the sticky bit (as /tmp), a link of another user's is not
    /// followed for writing (the kernel's protected_symlinks rule, which realpath skips).
    func testALinkSomeoneElsePlantedInASharedFolderIsNotWrittenThrough() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root to make a link of another user's") }
        let shared = path("shared")
        XCTAssertEqual(mkdir(shared, 0o777), 0)
        XCTAssertEqual(chmod(shared, 0o1777), 0)
        let notes = path("notes.txt")
        try AtomicFile.write(Array("notes".utf8), to: notes)
        let planted = shared + "/out.txt"
        XCTAssertEqual(symlink(notes, planted), 0)
        XCTAssertEqual(lchown(planted, 23457, 23457), 0)
        XCTAssertThrowsError(try AtomicFile.write(Array("printout".utf8), to: planted)) { e in
            XCTAssertTrue((e as? FileError)?.message.contains("共享文件夹") == true, "\(e)")
        }
        XCTAssertThrowsError(try AtomicFile.keepBackup(of: planted, at: shared + "/out.txt.bak"))
        XCTAssertEqual(try AtomicFile.read(notes), Array("notes".utf8))
        // The folder's owner's link, or our own, is followed.
        XCTAssertEqual(lchown(planted, 0, 0), 0)
        try AtomicFile.write(Array("printout".utf8), to: planted)
        XCTAssertEqual(try AtomicFile.read(notes), Array("printout".utf8))
    }

    /// The journal is as open as the sheet is when it is written, not as it was when opened.
    func testAJournalFollowsTheSheetsModeAsItChanges() throws {
        let old = umask(0o022)
        defer { umask(old) }
        let loaded = try Fixtures.load("suining-2024")
        let sheet = path("s.json")
        try SessionFile.save(loaded.session, loaded.template, to: sheet)
        XCTAssertEqual(chmod(sheet, 0o664), 0)
        let journal = RecoveryJournal(sheet: sheet, environment: ["XDG_STATE_HOME": path("state")])
        XCTAssertNil(journal.write(loaded.session, loaded.template, base: nil).error)
        XCTAssertEqual(FileStatus.of(journal.localPath)?.permissions, 0o644, "readable as the sheet is, writable by nobody else")
        XCTAssertEqual(chmod(sheet, 0o600), 0)
        XCTAssertNil(journal.write(loaded.session, loaded.template, base: nil).error)
        XCTAssertEqual(FileStatus.of(journal.localPath)?.permissions, 0o600)
    }

    func testANewFileOverAFolderIsRefusedAsAFolder() throws {
        // "The file exists" would send the user looking for a file that is not there.
        XCTAssertThrowsError(try AtomicFile.write(Array("x".utf8), to: dir, exclusive: true)) { e in
            XCTAssertEqual((e as? FileError)?.code, EISDIR, "\(e)")
        }
    }

    func testNothingLargerThanTheReaderTakesIsWritten() throws {
        let p = path("s.json")
        try AtomicFile.write(Array("old".utf8), to: p)
        XCTAssertThrowsError(try AtomicFile.write([UInt8](repeating: 0x20, count: 11), to: p, AtomicFile.Options(maxBytes: 10)))
        XCTAssertEqual(try AtomicFile.read(p), Array("old".utf8))
        XCTAssertEqual(AtomicFile.Options.sheet.maxBytes, AtomicFile.maxReadBytes)
        XCTAssertEqual(AtomicFile.Options.sideFile(of: nil).maxBytes, AtomicFile.maxReadBytes)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["s.json"])
    }

    func testAReadOnlyFileIsNotReplaced() throws {
        let p = path("s.json")
        try AtomicFile.write(Array("old".utf8), to: p)
        XCTAssertEqual(chmod(p, 0o444), 0)
        XCTAssertThrowsError(try AtomicFile.write(Array("new".utf8), to: p))
        XCTAssertEqual(try AtomicFile.read(p), Array("old".utf8))
    }

    func testSideFileModesAreNeverWiderThanAsked() throws {
        let old = umask(0o022)
        defer { umask(old) }
        let p = path(".j")
        try AtomicFile.write(Array("a".utf8), to: p)
        XCTAssertEqual(chmod(p, 0o644), 0)
        try AtomicFile.write(Array("b".utf8), to: p, .sideFile(of: nil))
        XCTAssertEqual(FileStatus.of(p)?.permissions, 0o600)
        try AtomicFile.write(Array("c".utf8), to: path("new"))
        XCTAssertEqual(FileStatus.of(path("new"))?.permissions, 0o644)
        XCTAssertEqual(chmod(path("new"), 0o640), 0)
        try AtomicFile.write(Array("d".utf8), to: path("new"))
        XCTAssertEqual(FileStatus.of(path("new"))?.permissions, 0o640, "a replaced file keeps its mode")
    }

    func testABackupInTheWayIsReportedAndNeverFollowed() throws {
        let sheet = path("s.json")
        try AtomicFile.write(Array("v1".utf8), to: sheet)
        try AtomicFile.keepBackup(of: sheet, at: sheet + ".bak")
        XCTAssertEqual(try AtomicFile.read(sheet + ".bak"), Array("v1".utf8))
        try AtomicFile.write(Array("v2".utf8), to: sheet)
        try AtomicFile.keepBackup(of: sheet, at: sheet + ".bak")  // our own old backup is replaced
        XCTAssertEqual(try AtomicFile.read(sheet + ".bak"), Array("v2".utf8))
        let victim = path("bashrc")
        try AtomicFile.write(Array("rc".utf8), to: victim)
        XCTAssertEqual(unlink(sheet + ".bak"), 0)
        XCTAssertEqual(symlink(victim, sheet + ".bak"), 0)
        XCTAssertThrowsError(try AtomicFile.keepBackup(of: sheet, at: sheet + ".bak"))
        XCTAssertEqual(try AtomicFile.read(victim), Array("rc".utf8))
    }

    func testStaleTemporaryFilesOfDeadWritersAreRemoved() throws {
        let dead = Int32.max - 7  // no such process
        let stale = path(".s.json.jixiao-\(dead)-aaaaaaaa.tmp")
        let mine = path(".s.json.jixiao-\(getpid())-bbbbbbbb.tmp")
        let other = path(".t.json.jixiao-\(dead)-cccccccc.tmp")
        for p in [stale, mine, other] { try AtomicFile.write(Array("x".utf8), to: p) }
        TemporaryFile.removeStale(for: "s.json", in: dir, now: time(nil) + 60)
        XCTAssertNil(FileStatus.of(link: stale))
        XCTAssertNotNil(FileStatus.of(link: mine))
        XCTAssertNotNil(FileStatus.of(link: other))
        TemporaryFile.removeStale(for: "t.json", in: dir, now: time(nil))
        XCTAssertNotNil(FileStatus.of(link: other), "one just written may be another machine's save under way")
    }

    func testTheLockExcludesASecondWriterAndIsFreedOnRelease() throws {
        let sheet = path("s.json")
        try AtomicFile.write(Array("{}".utf8), to: sheet)
        guard case .acquired(let first, nil, nil) = SheetLock.acquire(for: sheet, command: "edit") else { return XCTFail("first lock") }
        guard case .heldBy(let holder?) = SheetLock.acquire(for: sheet, command: "set", waitMilliseconds: 50) else { return XCTFail("second lock") }
        XCTAssertEqual(holder.pid, getpid())
        XCTAssertTrue(holder.isEditor)
        XCTAssertEqual(SheetLock.holder(of: sheet)?.command, "edit")
        first.release()
        XCTAssertNil(FileStatus.of(link: SheetLock.lockPath(for: sheet)), "the lock file goes with the lock")
        XCTAssertNil(SheetLock.holder(of: sheet))
        guard case .acquired(let again, _, _) = SheetLock.acquire(for: sheet, command: "set") else { return XCTFail("after release") }
        again.release()
    }

    func testALockOfADeadProcessIsTakenOverAndNamed() throws {
        let sheet = path("s.json")
        try AtomicFile.write(Array("{}".utf8), to: sheet)
        let text = "{\"user\": \"ghost\", \"host\": \"h\", \"pid\": 99999999, \"since\": \"then\"}"
        try AtomicFile.write(Array(text.utf8), to: SheetLock.lockPath(for: sheet))
        guard case .acquired(let lock, let previous?, _) = SheetLock.acquire(for: sheet, command: "edit") else { return XCTFail("stale lock") }
        XCTAssertEqual(previous.user, "ghost")
        lock.release()
    }

    func testALockInTheWayMovesToThePrivatePlace() throws {
        let sheet = path("s.json")
        try AtomicFile.write(Array("{}".utf8), to: sheet)
        XCTAssertEqual(mkfifo(SheetLock.lockPath(for: sheet), 0o644), 0)
        setenv("XDG_STATE_HOME", path("state"), 1)
        defer { unsetenv("XDG_STATE_HOME") }
        guard case .acquired(let lock, _, let note?) = SheetLock.acquire(for: sheet, command: "edit") else { return XCTFail("private lock") }
        XCTAssertTrue(lock.path.hasPrefix(path("state/jixiao/locks/")), lock.path)
        XCTAssertTrue(note.message.contains("FIFO"), note.message)
        guard case .heldBy = SheetLock.acquire(for: sheet, command: "set") else { return XCTFail("the private lock excludes too") }
        lock.release()
    }

    func testTheJournalKeepsTheFingerprintOfItsStartAndReadsOldJournals() throws {
        let loaded = try Fixtures.load("suining-2024")
        let sheet = path("s.json")
        try SessionFile.save(loaded.session, loaded.template, to: sheet)
        let journal = RecoveryJournal(sheet: sheet, environment: ["XDG_STATE_HOME": path("state")])
        let base = SheetFingerprint(try AtomicFile.read(sheet))
        XCTAssertNil(journal.write(loaded.session, loaded.template, base: base).error)
        XCTAssertEqual(journal.read(registry: Fixtures.registry)?.base, base)
        XCTAssertNotEqual(base, SheetFingerprint(Array("other".utf8)))
        // A journal written by an earlier version is the session itself.
        try SessionFile.save(loaded.session, loaded.template, to: journal.localPath)
        let old = try XCTUnwrap(journal.read(registry: Fixtures.registry))
        XCTAssertNil(old.base)
        XCTAssertEqual(old.loaded.session.unit, loaded.session.unit)
        journal.remove()
        XCTAssertFalse(journal.exists)
    }
}

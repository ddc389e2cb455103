import Foundation
import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// A terminal that plays a script: events, quiet spells, a signal, a hang-up, and checks run
/// between them. Its clock moves only when the script says, so a second passes in no time.
final class FakeTerminal: TerminalDevice, RuntimeClock {
    enum Step {
        /// The user does something; it takes `ms` of the clock.
        case event(Event, ms: UInt64 = 10)
        /// Nothing comes for as long as the runtime waits.
        case quiet
        /// A termination signal arrives (events after it have already arrived).
        case signal(Int32)
        /// The terminal goes away.
        case hangUp
        /// A check, made between two steps.
        case check(() -> Void)
    }

    var steps: [Step]
    var size: (width: Int, height: Int) = (80, 24)
    var terminationSignal: Int32?
    var isHungUp = false
    var milliseconds: UInt64 = 1_000_000
    var screen = ""
    var frames = 0

    init(_ steps: [Step]) { self.steps = steps }

    func present(_ buffer: ScreenBuffer) {
        screen = buffer.text
        frames += 1
    }

    func syncSize() -> Bool { false }

    func readEvent(timeoutMilliseconds: Int32) -> Event? {
        while let step = steps.first {
            steps.removeFirst()
            switch step {
            case .check(let f):
                f()
            case .event(let e, let ms):
                milliseconds += ms
                return e
            case .quiet:
                if terminationSignal != nil { return nil }
                milliseconds += UInt64(max(0, timeoutMilliseconds))
                return nil
            case .signal(let s):
                terminationSignal = s
                return nil
            case .hangUp:
                isHungUp = true
                return nil
            }
        }
        // The script is over: the terminal goes, so that every run ends.
        isHungUp = true
        return nil
    }
}

final class RuntimeTests: XCTestCase {
    var dir = ""
    var sheet = ""
    var env: [String: String] = [:]

    override func setUpWithError() throws {
        dir = try XCTUnwrap(FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-runtime-\(UUID().uuidString)").path)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { [dir] in try? FileManager.default.removeItem(atPath: dir) }
        sheet = dir + "/s.json"
        try FileManager.default.copyItem(atPath: "\(EditorHarness.examples)/suining-2024.json", toPath: sheet)
        env = ["XDG_STATE_HOME": dir + "/state", "HOME": dir]
    }

    var journalPath: String { dir + "/.s.json.recovery.json" }
    var journalExists: Bool { FileManager.default.fileExists(atPath: journalPath) }

    func journalYear() throws -> String? {
        let doc = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: journalPath))))
        return doc.objectValue?["session"]?.objectValue?["year"]?.numberLiteral
    }

    func fileYear() throws -> String? {
        try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: sheet)))).objectValue?["year"]?.numberLiteral
    }

    /// The runtime on the sheet as it is now; `between` runs after the sheet was read and
    /// before the runtime takes it over (a `jixiao set` in that moment).
    func runtime(_ terminal: FakeTerminal, readOnly: Bool = false, between: () throws -> Void = {}) throws -> EditorRuntime {
        let stamp = FileStamp(sheet)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: sheet)))
        let loaded = try SessionFile.decode(bytes, path: sheet, registry: EditorHarness.templates)
        try between()
        return EditorRuntime(loaded: loaded, bytes: bytes, stamp: stamp, readOnly: readOnly, lang: .zh, registry: EditorHarness.templates,
                             terminal: terminal, clock: terminal, environment: env)
    }

    /// 单位信息 › 年度: Down, the digits, then Enter unless `commit` is false.
    func typeYear(_ year: String, commit: Bool = true) -> [FakeTerminal.Step] {
        [.event(.key(.down))] + year.map { .event(.key(.char($0))) } + (commit ? [.event(.key(.enter))] : [])
    }

    func testAPauseAfterACommittedEditWritesTheJournal() throws {
        var r: EditorRuntime!
        let t = FakeTerminal(typeYear("2017") + [
            .check { XCTAssertFalse(self.journalExists, "written before the pause") },
            .quiet,
            .check {
                r.writer.finish()
                XCTAssertEqual(try? self.journalYear(), "2017")
            },
            .event(.key(.ctrl("q"))), .event(.key(.char("d"))),
        ])
        r = try runtime(t)
        XCTAssertEqual(r.run(), .quit)
        XCTAssertFalse(journalExists, "discarding the changes removes the journal")
        XCTAssertEqual(try fileYear(), "2024")
    }

    func testWhileKeysKeepComingTheJournalIsWrittenWithinASecond() throws {
        var r: EditorRuntime!
        let moves = (0..<60).map { n in FakeTerminal.Step.event(.key(n % 2 == 0 ? .right : .left), ms: 20) }
        let t = FakeTerminal(typeYear("2017") + moves + [
            .check {
                r.writer.finish()
                XCTAssertEqual(try? self.journalYear(), "2017", "a committed edit more than a second old is not in the journal")
            },
        ])
        r = try runtime(t)
        XCTAssertEqual(r.run(), .hungUp)
    }

    func testASaveWritesTheSheetKeepsTheOldOneAndRemovesTheJournal() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: sheet))
        var r: EditorRuntime!
        let t = FakeTerminal(typeYear("2018") + [.quiet, .event(.key(.ctrl("s"))),
                                                 .check { r.writer.finish() }, .event(.key(.ctrl("q")))])
        r = try runtime(t)
        XCTAssertEqual(r.run(), .quit)
        XCTAssertEqual(try fileYear(), "2018")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: sheet + ".bak")), before)
        XCTAssertFalse(journalExists)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/.s.json.lock"), "the lock is given back")
    }

    func testAFileChangedBehindTheEditorIsOverwrittenOnlyOnASecondSave() throws {
        let other = try String(contentsOfFile: sheet, encoding: .utf8).replacingOccurrences(of: "中共绥宁县委组织部", with: "别的工具改过")
        let t = FakeTerminal(typeYear("2019") + [
            .check { try? other.write(toFile: self.sheet + ".tmp", atomically: false, encoding: .utf8); rename(self.sheet + ".tmp", self.sheet) },
            .event(.key(.ctrl("s"))),
        ])
        t.steps.append(.check {
            XCTAssertTrue(t.screen.contains("被其他程序修改"), t.screen)
            XCTAssertEqual(try? self.fileYear(), "2024", "nothing was written")
        })
        t.steps.append(.event(.key(.ctrl("s"))))
        t.steps.append(.check { XCTAssertTrue(t.screen.contains("已保存"), t.screen) })
        t.steps.append(.event(.key(.ctrl("q"))))
        let r = try runtime(t)
        XCTAssertEqual(r.run(), .quit)
        XCTAssertEqual(try fileYear(), "2019")
    }

    /// Found by the hostile tester: a `set` between the editor's reading and its lock was
    /// written over by the next Ctrl-S, without a word.
    func testASetBetweenTheReadingAndTheLockIsNotWrittenOver() throws {
        let other = try String(contentsOfFile: sheet, encoding: .utf8).replacingOccurrences(of: "中共绥宁县委组织部", with: "SET 写的单位")
        let t = FakeTerminal(typeYear("2019") + [.event(.key(.ctrl("s")))])
        t.steps.append(.check {
            XCTAssertTrue(t.screen.contains("被其他程序修改"), t.screen)
            XCTAssertEqual(try? self.fileYear(), "2024", "nothing was written")
        })
        t.steps.append(.event(.key(.ctrl("q"))))
        t.steps.append(.event(.key(.char("d"))))
        let r = try runtime(t) {
            try other.write(toFile: self.sheet + ".tmp", atomically: false, encoding: .utf8)
            rename(self.sheet + ".tmp", self.sheet)
        }
        XCTAssertEqual(r.run(), .quit)
        XCTAssertTrue(try String(contentsOfFile: sheet, encoding: .utf8).contains("SET 写的单位"))
    }

    func testAFailedSaveKeepsTheEditsAndSaysWhy() throws {
        let t = FakeTerminal(typeYear("2020") + [
            .check { unlink(self.sheet); mkdir(self.sheet, 0o755) },
            .event(.key(.ctrl("s"))),  // the file was replaced: asks first
            .event(.key(.ctrl("s"))),
        ])
        t.steps.append(.check { XCTAssertTrue(t.screen.contains("保存失败"), t.screen) })
        let r = try runtime(t)
        XCTAssertEqual(r.run(), .hungUp)
        XCTAssertTrue(r.state.isDirty)
        XCTAssertEqual(try journalYear(), "2020", "the edits went to the journal as the terminal went")
    }

    func testASignalWritesTheJournalAtOnceAndEndsWithTheSignal() throws {
        let t = FakeTerminal(typeYear("2021") + [.signal(15)])
        let r = try runtime(t)
        XCTAssertEqual(r.run(), .signal(15))
        XCTAssertEqual(try journalYear(), "2021", "written before run returned, without waiting for a pause")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/.s.json.lock"))
    }

    func testKeysThatArrivedBeforeTheSignalCountAndSoDoesTheValueBeingTyped() throws {
        // The Enter has arrived but not been read when the signal comes.
        let t = FakeTerminal([.signal(1)] + typeYear("2022"))
        XCTAssertEqual(try runtime(t).run(), .signal(1))
        XCTAssertEqual(try journalYear(), "2022")
        unlink(journalPath)  // as if discarded, so that no recovery is offered next
        let typing = FakeTerminal(typeYear("2023", commit: false) + [.signal(1)])
        XCTAssertEqual(try runtime(typing).run(), .signal(1))
        XCTAssertEqual(try journalYear(), "2023")
        XCTAssertEqual(try fileYear(), "2024", "the sheet itself is never written by a signal")
    }

    func testASecondEditorOpensReadOnlyAndNamesTheFirst() throws {
        let first = try runtime(FakeTerminal([]))
        let t = FakeTerminal([.event(.key(.ctrl("q")))])
        let second = try runtime(t)
        XCTAssertTrue(second.state.readOnly)
        XCTAssertEqual(second.run(), .quit)
        XCTAssertTrue(t.screen.contains("以只读方式打开"), t.screen)
        XCTAssertTrue(t.screen.contains("进程 \(getpid())"), t.screen)
        _ = first
    }

    func testAJournalIsOfferedAndAChangeSinceItIsShownFirst() throws {
        let crashed = FakeTerminal(typeYear("2025") + [.signal(9)])
        XCTAssertEqual(try runtime(crashed).run(), .signal(9))
        // A script sets a value after the crash.
        let text = try String(contentsOfFile: sheet, encoding: .utf8).replacingOccurrences(of: "中共绥宁县委组织部", with: "后来改过的单位")
        try text.write(toFile: sheet, atomically: true, encoding: .utf8)
        let t = FakeTerminal([])
        t.steps = [.check { XCTAssertTrue(t.screen.contains("文件在恢复文件写入之后被修改过"), t.screen) },
                   .event(.key(.char("q"))),
                   .check { XCTAssertTrue(t.screen.contains("但文件之后又被修改过"), t.screen) },
                   .event(.key(.char("r"))),
                   .check { XCTAssertTrue(t.screen.contains("已恢复"), t.screen) },
                   .event(.key(.ctrl("s"))), .event(.key(.ctrl("q")))]
        XCTAssertEqual(try runtime(t).run(), .quit)
        XCTAssertEqual(try fileYear(), "2025")
        XCTAssertFalse(journalExists)
    }

    func testAJournalThatCannotBeWrittenIsSaid() throws {
        mkdir(journalPath, 0o755)  // a folder where the journal goes
        FileManager.default.createFile(atPath: dir + "/state", contents: Data("x".utf8))  // and no private place
        var r: EditorRuntime!
        let t = FakeTerminal(typeYear("2026") + [.quiet, .check { r.writer.finish() }, .quiet])
        t.steps.append(.check { XCTAssertTrue(t.screen.contains("无法写入恢复文件"), t.screen) })
        r = try runtime(t)
        _ = r.run()
    }

    func testReviewModeTouchesNoJournalAndTakesNoLock() throws {
        let t = FakeTerminal([.event(.key(.down)), .quiet, .signal(15)])
        let r = try runtime(t, readOnly: true)
        XCTAssertEqual(r.run(), .signal(15))
        XCTAssertFalse(journalExists)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/.s.json.lock"))
    }
}

import XCTest
@testable import JixiaoEditor

/// When the journal falls due: a pause after a committed edit, or a second after it at the
/// latest; never for keys that change nothing.
final class JournalScheduleTests: XCTestCase {
    func testAPauseMakesItDue() {
        var s = JournalSchedule()
        s.event(at: 1000, committed: true)
        XCTAssertFalse(s.isDue(at: 1050))
        XCTAssertEqual(s.wait(at: 1050), 50)
        XCTAssertTrue(s.isDue(at: 1100))
        s.written()
        XCTAssertFalse(s.isDue(at: 5000))
        XCTAssertEqual(s.wait(at: 5000), 1000)
    }

    func testKeysThatKeepComingDelayItASecondAtMost() {
        var s = JournalSchedule()
        s.event(at: 0, committed: true)
        for t in stride(from: UInt64(50), through: 950, by: 50) {
            s.event(at: t, committed: false)
            XCTAssertFalse(s.isDue(at: t), "due at \(t)")
        }
        s.event(at: 1000, committed: true)
        XCTAssertTrue(s.isDue(at: 1000))
    }

    func testKeysThatChangeNothingNeverMakeItDue() {
        var s = JournalSchedule()
        for t in stride(from: UInt64(0), through: 5000, by: 200) { s.event(at: t, committed: false) }
        XCTAssertFalse(s.isDue(at: 10_000))
    }
}

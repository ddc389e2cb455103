import XCTest
@testable import JixiaoCore

/// Text typed into a sheet (`jixiao set`, and the editor, which commits through the same
/// `SessionEditor`) refuses what a terminal would obey or what reads backwards, naming the
/// field and the character; long text keeps its line breaks, as LF.
final class ControlCharacterInputTests: XCTestCase {
    /// What a hostile sheet carries, with the scalar the refusal must name.
    static let hostile: [(text: String, named: String)] = [
        ("abc\u{1B}]0;pwned\u{07}\u{202E}X", "U+001B"),          // OSC 0: the window title
        ("x\u{1B}]52;c;cHduZWQ=\u{07}", "U+001B"),               // OSC 52: the clipboard
        ("\u{1B}[2J\u{1B}[31m红", "U+001B"),                      // CSI: clear, colour
        ("a\u{1B}P+q544e\u{1B}\\", "U+001B"),                     // DCS
        ("培训\u{9B}31m人次", "U+009B"),                           // C1 CSI in one scalar
        ("名\u{0}称", "U+0000"),
        ("名称\u{7F}", "U+007F"),
        ("名称\u{202E}txt.exe", "U+202E"),                         // right-to-left override
        ("\u{2066}名称\u{2069}", "U+2066"),
        ("名\u{200F}称", "U+200F"),
        ("名\u{61C}称", "U+061C"),
    ]

    private func refused(_ pointer: String, _ value: String, _ l: LoadedSession, file: StaticString = #filePath, line: UInt = #line) -> EditError? {
        var s = l.session
        do {
            try SessionEditor.apply(Assignment(pointer: pointer, value: value), to: &s, l.template)
            XCTFail("\(pointer)=\(value.debugDescription) accepted", file: file, line: line)
            return nil
        } catch {
            XCTAssertEqual(s, l.session, "a refused assignment changes nothing", file: file, line: line)
            return error
        }
    }

    /// Every text place of a sheet, with the label its refusal must name.
    func testEveryTextPlaceRefusesControlsAndBidiControlsNamingFieldAndCharacter() throws {
        let suining = try Fixtures.load("suining-2024")
        let yiyang = try Fixtures.load("yiyang-2024")
        let ziyuan = try Fixtures.load("ziyuan-2022-projects")
        let places: [(LoadedSession, String, String, String)] = [
            (suining, "/unit", "单位名称", "Unit"),
            (suining, "/fields/goal_planned", "年初目标设定", "Goals set at the start of the year"),
            (suining, "/tables/special_funds/-/name", "专项资金名称", "Name"),
            (suining, "/indicators/0/level1", "一级指标", "first-tier indicator"),
            (suining, "/indicators/0/level2", "二级指标", "second-tier indicator"),
            (suining, "/indicators/0/name", "三级指标", "indicator"),
            (suining, "/indicators/0/target", "年度指标值", "target"),
            (suining, "/indicators/0/actual", "实际完成值", "achieved"),
            (suining, "/indicators/0/deviation", "偏差原因分析及改进措施", "reasons and remedies"),
            (suining, "/indicators/-/name", "三级指标", "indicator"),
            (suining, "/fields/fund_annual", "全年预算数(A)", "Final budget (A)"),
            (suining, "/indicators/0/score", "得分", "score"),
            (yiyang, "/fields/filled_by", "填表人", "Filled in by"),
            (yiyang, "/fields/fill_date", "填报日期", "Date"),
            (ziyuan, "/tables/projects/0/code", "项目编码", "Project code"),
            (ziyuan, "/tables/projects/0/name", "项目名称", "Project"),
            (ziyuan, "/tables/projects/0/reason", "主要原因分析", "Main reasons"),
        ]
        for (l, pointer, label, labelEn) in places {
            for (text, named) in Self.hostile {
                guard let e = refused(pointer, text, l) else { continue }
                let what = "\(pointer)=\(text.debugDescription)"
                XCTAssertEqual(e.pointer, pointer, what)
                XCTAssertTrue(e.message.contains(named) && e.messageEn.contains(named), "\(what): \(e.message) / \(e.messageEn)")
                XCTAssertTrue(e.message.contains("“\(label)") && e.messageEn.contains("\"\(labelEn)"), "\(what): \(e.message) / \(e.messageEn)")
                XCTAssertTrue(e.message.contains(named.hasPrefix("U+20") || named == "U+061C" ? "双向文字控制符" : "控制字符"), e.message)
                // The refusal itself quotes nothing of the value: no escape reaches the terminal through it.
                XCTAssertNil(TerminalText.firstUnsafe(in: e.message + e.messageEn, allowingLineBreaks: false), e.message)
            }
        }
    }

    /// A whole row given as JSON is checked cell by cell, with the same refusal.
    func testAWholeRowAsJSONIsCheckedCellByCell() throws {
        let l = try Fixtures.load("suining-2024")
        let e = try XCTUnwrap(refused("/indicators/-", #"{"level1": "产出指标", "name": "@SUM\u001b]52;c;eA==\u0007"}"#, l))
        XCTAssertTrue(e.message.contains("“三级指标”") && e.message.contains("U+001B"), e.message)
        let t = try XCTUnwrap(refused("/tables/special_funds/-", #"{"name": "专项\u202e"}"#, l))
        XCTAssertTrue(t.message.contains("U+202E"), t.message)
    }

    func testATabIsRefusedAndOneLineTextSaysWhy() throws {
        let l = try Fixtures.load("suining-2024")
        let e = try XCTUnwrap(refused("/indicators/0/name", "培训\t人次", l))
        XCTAssertTrue(e.message.contains("单行文字") && e.message.contains("制表符") && e.message.contains("U+0009"), e.message)
        XCTAssertTrue(e.messageEn.contains("one line of text") && e.messageEn.contains("tab"), e.messageEn)
        let long = try XCTUnwrap(refused("/fields/goal_planned", "第一\t第二", l))
        XCTAssertTrue(long.message.contains("制表符") && !long.message.contains("单行"), long.message)
        // Blanks around a value are trimmed as always, tabs among them.
        var s = l.session
        try SessionEditor.apply(Assignment(pointer: "/unit", value: "\t新单位\t"), to: &s, l.template)
        XCTAssertEqual(s.unit, "新单位")
    }

    /// Long text keeps its line breaks, each stored as LF: a CR would reach the terminal and
    /// let the next line overwrite the one it ends. One-line text turns them into spaces.
    func testLineBreaksAreKeptInLongTextAsLineFeeds() throws {
        let l = try Fixtures.load("suining-2024")
        var s = l.session
        try SessionEditor.apply(Assignment(pointer: "/fields/goal_planned", value: "一\r\n二\r三\n四"), to: &s, l.template)
        XCTAssertEqual(s.fields["goal_planned"], .text("一\n二\n三\n四"))
        try SessionEditor.apply(Assignment(pointer: "/indicators/0/deviation", value: "原因\r\n措施"), to: &s, l.template)
        XCTAssertEqual(s.indicators[0].deviation, "原因\n措施")
        try SessionEditor.apply(Assignment(pointer: "/indicators/0/name", value: "培训\r\n人次\r期数"), to: &s, l.template)
        XCTAssertEqual(s.indicators[0].name, "培训 人次 期数")
    }
}

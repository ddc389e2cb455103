import XCTest
@testable import JixiaoCore

/// SheetLayout shows every text from the sheet and the template as `\u001B`-style escapes, so
/// that no printout (text, Markdown, CSV) carries what a terminal would obey, and so that the
/// renderers measure and wrap what will be shown.
final class SheetLayoutVisibleTextTests: XCTestCase {
    static let osc0 = "abc\u{1B}]0;pwned\u{07}\u{202E}X"

    /// Suining with an escape or a bidi control in every kind of text a printout shows.
    static func hostile() throws -> (Session, Template) {
        let l = try Fixtures.load("suining-2024")
        var s = l.session
        var t = l.template
        s.storedComputed = nil
        s.unit = osc0
        s.fields["goal_planned"] = .text("第一行\r\n第二行\u{1B}]52;c;cHduZWQ=\u{07}")
        s.tables["special_funds"] = [["name": .text("专项\u{9B}31m资金"), "budget": .number("-5")]]
        s.indicators[0].level1 = "产出\u{2066}指标"   // not a tier any more: its problem message quotes it
        s.indicators[1].level2 = "数量\u{200F}指标"
        s.indicators[2].name = "\u{1B}P+q\u{1B}\\名称"
        s.indicators[3].target = "≥\u{202E}20期"
        s.indicators[4].actual = "19\u{0}"
        s.indicators[5].deviation = "原因\r\n措施\u{1B}[2J\t完"
        t.title = "{year}年度\u{1B}]0;title\u{07}自评表"
        return (s, t)
    }

    static func document(width: Int = 80) throws -> PrintDocument {
        let (s, t) = try hostile()
        let c = Calculator.compute(s, t)
        return SheetLayout(session: s, template: t, computed: c, problems: Validator.validate(s, t, c)).document()
    }

    /// Every string of a document, with whether it may hold line breaks (lines and cells).
    static func strings(_ doc: PrintDocument) -> [(String, Bool)] {
        var out: [(String, Bool)] = [(doc.title, false), (doc.problemsHeading, false)] + doc.problems.map { ($0, false) }
        for sheet in doc.sheets {
            out += [(sheet.name, false), (sheet.caption, false), (sheet.title, false)]
            out += (sheet.above + sheet.below).map { ($0, true) }
            out += sheet.grid.parts.map { ($0.title, false) }
            out += sheet.grid.cells.map { ($0.text, true) }
        }
        return out
    }

    func testNoTextInTheDocumentCarriesAControlOrBidiScalar() throws {
        let doc = try Self.document()
        for (s, lines) in Self.strings(doc) {
            XCTAssertNil(TerminalText.firstUnsafe(in: s, allowingLineBreaks: lines), s.debugDescription)
            XCTAssertFalse(s.unicodeScalars.contains("\r"), s.debugDescription)
        }
        let all = Self.strings(doc).map(\.0)
        XCTAssertTrue(doc.title.contains("\\u001B]0;title\\u0007"), doc.title)
        XCTAssertTrue(all.contains("abc\\u001B]0;pwned\\u0007\\u202EX"), "the unit")
        // Long text keeps its line breaks, a CR LF as one LF; a tab is shown, not kept.
        XCTAssertTrue(all.contains("第一行\n第二行\\u001B]52;c;cHduZWQ=\\u0007"), all.filter { $0.hasPrefix("第一行") }.debugDescription)
        XCTAssertTrue(all.contains("原因\n措施\\u001B[2J\\u0009完"))
        for expected in ["专项\\u009B31m资金", "数量\\u200F指标", "\\u001BP+q\\u001B\\名称", "≥\\u202E20期", "19\\u0000"] {
            XCTAssertTrue(all.contains { $0.hasSuffix(expected) }, expected)
        }
        XCTAssertTrue(all.contains { $0.hasPrefix("产出\\u2066指标") }, "the 一级 cell")
        // The problem list quotes the 一级 name it does not know, made visible too.
        XCTAssertTrue(all.contains { $0.contains("一级指标“产出\\u2066指标”不在模板中") })
    }

    /// Text, Markdown and CSV are laid out on the shown text: nothing to obey reaches the
    /// output, and the text tables stay exactly as wide as the page.
    func testEveryRendererWritesOnlyVisibleText() throws {
        let doc = try Self.document()
        let outputs = [
            ("text", TextRenderer(width: 80).render(doc)),
            ("text, pages", TextRenderer(width: 80, pageLength: 40).render(doc)),
            ("markdown", MarkdownRenderer().render(doc)),
            ("csv", CSVRenderer().render(doc)),
        ]
        for (name, out) in outputs {
            // What the renderers add themselves: line feeds, form feeds between pages, CSV's CR LF.
            let own: Set<Unicode.Scalar> = ["\n", "\u{0C}", "\r"]
            let bad = out.unicodeScalars.filter { TerminalText.isUnsafe($0.value) && !own.contains($0) }
            XCTAssertEqual(bad.map { TerminalText.name($0.value) }, [], name)
            XCTAssertTrue(out.contains("\\u001B"), name)
        }
        for line in TextRendererTests.lines(TextRenderer(width: 80).render(doc)) where TextRendererTests.isGridLine(line, .unicode) {
            XCTAssertEqual(DisplayWidth.of(line), 80, line)
        }
    }
}

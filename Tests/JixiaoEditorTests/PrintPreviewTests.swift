import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// F5 shows the sheet as `jixiao print` lays out its official form, fitted to the screen.
final class PrintPreviewTests: XCTestCase {
    func testF5ShowsTheFormAsPrintDoes() throws {
        var h = try EditorHarness(example: "suining-2024.json", width: 100, height: 40)
        h.key(.function(5))
        guard case .pager(let lines, _) = h.state.mode else { return XCTFail("F5 opened no preview") }
        let l = try SessionFile.load("\(EditorHarness.examples)/suining-2024.json", registry: EditorHarness.templates)
        let computed = Calculator.compute(l.session, l.template)
        let problems = Validator.validate(l.session, l.template, computed)
        let doc = SheetLayout(session: l.session, template: l.template, computed: computed, problems: problems).document()
        XCTAssertEqual(lines.joined(separator: "\n"), TextRenderer(width: 99).render(doc))
        XCTAssertEqual(lines.first, "附件1-1")
        XCTAssertTrue(lines.contains { $0.contains("年度资金总额") && $0.contains("5577.04") })
        for line in lines where line.hasPrefix("│") || line.hasPrefix("┌") || line.hasPrefix("├") || line.hasPrefix("└") {
            XCTAssertEqual(DisplayWidth.of(line), 99, line)
        }
        XCTAssertTrue(h.screen.contains("附件1-1"), h.screen)
        XCTAssertTrue(h.screen.contains("┌"), h.screen)
    }
}

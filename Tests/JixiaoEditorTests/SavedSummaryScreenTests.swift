import Foundation
import XCTest
@testable import JixiaoCore
@testable import JixiaoEditor

/// The sheet `jixiao summary --save` writes opens in the editor like any other: its sections,
/// its project rows, and the problems left for the unit to fix.
final class SavedSummaryScreenTests: XCTestCase {
    func testASavedSummaryOpensWithItsRowsAndProblems() throws {
        let registry = EditorHarness.templates
        let form = try XCTUnwrap(registry.template(id: SummaryForm.defaultTemplateID).flatMap(SummaryForm.init))
        let paths = ["suining-2024.json", "yiyang-2024.json"].map { "\(EditorHarness.examples)/\($0)" }
        let rows = SummaryReader.read(paths, registry: registry, form: form).compactMap { o -> SummaryRow? in
            if case .row(let r) = o { return r } else { return nil }
        }
        XCTAssertEqual(rows.count, 2)
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("jixiao-summary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent("summary.json")
        try SessionFile.save(SummarySheet.session(ProjectSummary(rows, form: form), unit: "某县财政局"), form.template, to: path, exclusive: true)

        let loaded = try SessionFile.load(path, registry: registry)
        var e = try EditorHarness(newSheet: loaded.template.id, width: 120, height: 40)
        e.state = EditorState(session: loaded.session, template: loaded.template, path: "summary.json", width: 120, height: 40)
        XCTAssertTrue(e.screen.contains("某县财政局"), e.screen)
        e.key(.function(6))
        e.key(.function(6))  // 单位信息 → 部门整体 → 项目自评汇总表
        XCTAssertTrue(e.screen.contains("项目自评汇总表"), e.screen)
        XCTAssertTrue(e.screen.contains("中共绥宁县委组织部"), e.screen)
        XCTAssertTrue(e.screen.contains("55760400"), e.screen)  // 5576.04 万元 in 元
        // The projects have no 项目编码 (department sheets): required by the table, so errors.
        e.key(.function(8))
        XCTAssertTrue(e.screen.contains("项目编码"), e.screen)
    }
}

import Foundation
import XCTest
@testable import JixiaoCore

/// Templates: the six shipped ones load; a broken one names its file and the JSON Pointer.
final class TemplateTests: XCTestCase {
    static let shippedIDs = [
        "guangdong-dept-overall", "guangxi-project-summary", "hunan-dept-overall",
        "hunan-yiyang-dept-overall", "national-dept-overall", "national-project",
    ]

    /// Version 2: Yiyang's own project lines became rows it names, Guangdong gained its 评分表
    /// (TemplateMigrationTests, GuangdongScoringTests).
    static let versions = ["hunan-yiyang-dept-overall": 2, "guangdong-dept-overall": 2]

    func testAllShippedTemplatesLoad() {
        let reg = Fixtures.registry
        XCTAssertEqual(reg.broken.map(\.description), [])
        XCTAssertEqual(reg.templates.map(\.id).sorted(), Self.shippedIDs)
        for t in reg.templates {
            XCTAssertEqual(t.version, Self.versions[t.id] ?? 1, t.id)
            XCTAssertFalse(t.title.isEmpty, t.id)
            XCTAssertFalse(t.grades.isEmpty, t.id)
            XCTAssertNotNil(t.total, t.id)
            XCTAssertTrue(t.source.hasSuffix("\(t.id).json"), t.source)
            XCTAssertFalse(t.index.fieldOrder.isEmpty, t.id)
        }
    }

    func testEveryShippedTemplateDecodesOnItsOwn() throws {
        for id in Self.shippedIDs {
            let path = (Fixtures.templatesFolder as NSString).appendingPathComponent("\(id).json")
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            XCTAssertNoThrow(try TemplateDecoder.decode(bytes, source: path), id)
        }
    }

    func testHunanTemplateShape() throws {
        let t = try Fixtures.template("hunan-dept-overall")
        XCTAssertEqual(t.title(year: 2024), "2024年度部门整体支出绩效自评表")
        XCTAssertEqual(t.title(year: nil), "____年度部门整体支出绩效自评表")
        let scheme = try XCTUnwrap(t.indicators)
        XCTAssertEqual(scheme.tiers.map(\.name), ["产出指标", "效益指标", "满意度指标"])
        XCTAssertEqual(scheme.tiers.map(\.weight), [50, 30, 10])
        XCTAssertEqual(scheme.otherWeight, 10)
        XCTAssertEqual(scheme.totalWeight, 100)
        XCTAssertEqual(t.index.fields["exec_score"]?.formula, .score(rate: "exec_rate", weight: 10, cap: true))
        XCTAssertEqual(t.index.fields["staff_control_rate"]?.formula, .ratio("staff_actual", "staff_authorized"))
        XCTAssertEqual(t.index.fields["staff_actual"]?.kind, .count)
        XCTAssertEqual(t.index.fields["fund_annual"]?.decimals, 2)
        XCTAssertEqual(t.index.gridRows["car"]?.row.sumOf, ["car_purchase", "car_operation"])
        XCTAssertEqual(t.index.tables["special_funds"]?.gridID, "spending_control")
        XCTAssertEqual(t.index.tables["special_funds"]?.columns.map(\.id), ["name", "prev_final", "budget", "final"])
        XCTAssertTrue(t.index.hasIndicators)
    }

    func testGradeBandsAsPrinted() throws {
        let hunan = try Fixtures.template("hunan-dept-overall").grades
        XCTAssertEqual(hunan.map(\.grade), ["优秀", "良好", "较差", "差"])
        XCTAssertEqual(hunan.first?.inclusive, false)
        let guangxi = try Fixtures.template("guangxi-project-summary").grades
        XCTAssertEqual(guangxi.map(\.grade), ["一等", "二等", "三等", "四等"])
        XCTAssertNil(guangxi.last?.above)
    }

    // MARK: broken templates

    /// Writes the Hunan template changed at `pointer` into a temp folder under `name`, and
    /// returns what the registry reports for it.
    private func brokenHunan(_ pointer: String, _ value: JSONValue?, name: String = "hunan-dept-overall.json",
                             file: StaticString = #filePath, line: UInt = #line) throws -> TemplateError {
        let doc = try Fixtures.templateJSON("hunan-dept-overall").setting(pointer, value)
        return try broken(JSONWriter.write(doc), name: name, file: file, line: line)
    }

    private func broken(_ text: String, name: String, file: StaticString = #filePath, line: UInt = #line) throws -> TemplateError {
        let dir = try Fixtures.tempFolder(self)
        let path = (dir as NSString).appendingPathComponent(name)
        try Fixtures.write(text, to: path)
        let reg = TemplateRegistry(folders: [dir])
        XCTAssertEqual(reg.templates.count, 0, file: file, line: line)
        let e = try XCTUnwrap(reg.broken.first, file: file, line: line)
        XCTAssertEqual(reg.broken.count, 1, file: file, line: line)
        XCTAssertEqual(e.file, path, file: file, line: line)
        // The rendered message names the file and each pointer.
        for issue in e.issues {
            XCTAssertTrue(e.render(.en).contains("\(path): \(issue.pointer.description.isEmpty ? "/" : issue.pointer.description): "),
                          e.render(.en), file: file, line: line)
        }
        return e
    }

    private func pointers(_ e: TemplateError) -> [String] { e.issues.map(\.pointer.description) }

    func testUnknownFieldKind() throws {
        let e = try brokenHunan("/sections/1/blocks/0/fields/2/kind", .string("percentage"))
        XCTAssertEqual(pointers(e), ["/sections/1/blocks/0/fields/2/kind"])
        XCTAssertTrue(e.issues[0].messageEn.contains("percentage"), e.issues[0].messageEn)
        XCTAssertTrue(e.issues[0].messageEn.contains("money"), "lists the known kinds")
    }

    func testDuplicateFieldID() throws {
        let e = try brokenHunan("/sections/2/blocks/0/fields/1/id", .string("fund_initial"))
        XCTAssertTrue(pointers(e).contains("/sections/2/blocks/0/fields/1/id"), e.description)
        let dup = try XCTUnwrap(e.issues.first { $0.pointer.description == "/sections/2/blocks/0/fields/1/id" })
        XCTAssertTrue(dup.messageEn.contains("/sections/2/blocks/0/fields/0/id"), "names the first use: \(dup.messageEn)")
    }

    func testDuplicateGridRowID() throws {
        let e = try brokenHunan("/sections/1/blocks/1/rows/4/id", .string("reception"))
        XCTAssertTrue(pointers(e).contains("/sections/1/blocks/1/rows/5/id"), e.description)
    }

    func testFormulaReferencingAMissingField() throws {
        let e = try brokenHunan("/sections/1/blocks/0/fields/2/compute/ratio/0", .string("staff_in_post"))
        XCTAssertEqual(pointers(e), ["/sections/1/blocks/0/fields/2/compute/ratio/0"])
        XCTAssertTrue(e.issues[0].messageEn.contains("staff_in_post"))
    }

    func testFormulaReferencingATextField() throws {
        let e = try brokenHunan("/sections/2/blocks/0/fields/3/compute/ratio/1", .string("goal_planned"))
        XCTAssertEqual(pointers(e), ["/sections/2/blocks/0/fields/3/compute/ratio/1"])
    }

    func testFormulaKindMismatch() throws {
        // A ratio stored in a money field.
        let e = try brokenHunan("/sections/1/blocks/0/fields/2/kind", .string("money"))
        XCTAssertEqual(pointers(e), ["/sections/1/blocks/0/fields/2/compute"])
    }

    func testUnknownFormula() throws {
        let e = try brokenHunan("/sections/1/blocks/0/fields/2/compute", .object(JSONObject([("quotient", .array([.string("a"), .string("b")]))])))
        XCTAssertEqual(pointers(e), ["/sections/1/blocks/0/fields/2/compute/quotient"])
    }

    func testGradeBandsOutOfOrder() throws {
        let e = try brokenHunan("/grades/1/above", .number("95"))
        XCTAssertEqual(pointers(e), ["/grades/1/above"])
    }

    func testLastGradeBandMustBeOpen() throws {
        let e = try brokenHunan("/grades/3/above", .number("50"))
        XCTAssertEqual(pointers(e), ["/grades/3"])
    }

    func testTierWeightsNotTotalling100() throws {
        let e = try brokenHunan("/indicators/tiers/0/weight", .number("40"))
        XCTAssertEqual(pointers(e), ["/indicators"])
        XCTAssertTrue(e.issues[0].messageEn.contains("90"), e.issues[0].messageEn)
    }

    func testUnknownKey() throws {
        let e = try brokenHunan("/sections/1/blocks/0/fields/0/colour", .string("red"))
        XCTAssertEqual(pointers(e), ["/sections/1/blocks/0/fields/0/colour"])
        let top = try brokenHunan("/titel", .string("x"))
        XCTAssertEqual(pointers(top), ["/titel"])
    }

    func testUnknownBlockType() throws {
        let e = try brokenHunan("/sections/3/blocks/0/type", .string("paragraphs"))
        XCTAssertEqual(pointers(e), ["/sections/3/blocks/0/type"])
    }

    func testMissingRequiredKey() throws {
        let e = try brokenHunan("/sections/1/blocks/0/fields/0/label", nil)
        XCTAssertEqual(pointers(e), ["/sections/1/blocks/0/fields/0/label"])
    }

    func testGridSumOfUnknownRow() throws {
        let e = try brokenHunan("/sections/1/blocks/1/rows/0/sumOf/1", .string("aboard"))
        XCTAssertEqual(pointers(e), ["/sections/1/blocks/1/rows/0/sumOf/1"])
    }

    func testGridSumCycle() throws {
        // car_purchase (row 2) summing its own parent.
        let e = try brokenHunan("/sections/1/blocks/1/rows/2/sumOf", .array([.string("car")]))
        XCTAssertEqual(pointers(e), ["/sections/1/blocks/1/rows"])
        XCTAssertTrue(e.issues[0].messageEn.contains("cycle"))
    }

    func testReservedID() throws {
        let e = try brokenHunan("/sections/1/blocks/0/fields/0/id", .string("total"))
        XCTAssertTrue(pointers(e).contains("/sections/1/blocks/0/fields/0/id"), e.description)
    }

    func testInvalidJSONNamesLineAndColumn() throws {
        let e = try broken("{\n  \"id\": \"x\",\n}\n", name: "bad.json")
        XCTAssertEqual(pointers(e), [""])
        XCTAssertTrue(e.issues[0].messageEn.contains("line 3, column 1"), e.issues[0].messageEn)
        XCTAssertTrue(e.render(.zh).contains("bad.json: /: 第 3 行第 1 列"), e.render(.zh))
    }

    func testBrokenTemplateDoesNotHideTheOthers() throws {
        let dir = try Fixtures.tempFolder(self)
        let doc = try Fixtures.templateJSON("hunan-dept-overall").setting("/grades/1/above", .number("95"))
        try Fixtures.write(doc, to: (dir as NSString).appendingPathComponent("hunan-dept-overall.json"))
        let reg = TemplateRegistry(folders: [dir, Fixtures.templatesFolder])
        // The broken copy comes first; the shipped one of the same id still loads.
        XCTAssertEqual(reg.broken.count, 1)
        XCTAssertEqual(reg.templates.count, 6)
        XCTAssertNotNil(reg.brokenTemplate(id: "hunan-dept-overall"))
        XCTAssertNil(reg.brokenTemplate(id: "national-project"))

        // With only the broken copy, a session needing it reports the template's problems.
        let only = TemplateRegistry(folders: [dir])
        XCTAssertThrowsError(try SessionFile.load(Fixtures.examplePath("suining-2024"), registry: only)) { error in
            guard case .template(let te) = error as? LoadError else { return XCTFail("\(error)") }
            XCTAssertEqual(te.issues.map(\.pointer.description), ["/grades/1/above"])
        }
    }

    func testABrokenTemplateOfAnotherNameIsFoundByTheIdItDeclares() throws {
        let dir = try Fixtures.tempFolder(self)
        let doc = try Fixtures.templateJSON("hunan-dept-overall").setting("/grades/1/above", .number("95"))
        try Fixtures.write(doc, to: (dir as NSString).appendingPathComponent("our-variant.json"))
        let reg = TemplateRegistry(folders: [dir])
        let e = try XCTUnwrap(reg.brokenTemplate(id: "hunan-dept-overall"), "reported as an unknown template")
        XCTAssertEqual(e.issues.map(\.pointer.description), ["/grades/1/above"])
        XCTAssertNil(reg.brokenTemplate(id: "national-project"))
    }

    func testFirstFolderWinsForTheSameID() throws {
        let dir = try Fixtures.tempFolder(self)
        let doc = try Fixtures.templateJSON("national-project").setting("/title", .string("本地版本"))
        try Fixtures.write(doc, to: (dir as NSString).appendingPathComponent("my-national.json"))
        let reg = TemplateRegistry(folders: [dir, Fixtures.templatesFolder])
        XCTAssertEqual(reg.template(id: "national-project")?.title, "本地版本")
        XCTAssertEqual(reg.templates.count, 6)
    }

    /// The ids are looked for in the files' bytes before any is parsed: an id written with an
    /// escape is still found, and another template that merely mentions the id is not taken.
    func testIDsAreFoundHoweverTheyAreWritten() throws {
        let dir = try Fixtures.tempFolder(self)
        let doc = try Fixtures.templateJSON("national-project").setting("/title", .string("转义版本"))
        let path = (dir as NSString).appendingPathComponent("a-escaped.json")
        try Fixtures.write(doc, to: path)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertNotNil(text.range(of: "\"national-project\""))
        text = text.replacingOccurrences(of: "\"national-project\"", with: "\"national\\u002dproject\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        // Another template, earlier in order, whose title is the id itself.
        let other = try Fixtures.templateJSON("hunan-dept-overall").setting("/title", .string("national-project"))
        let otherFolder = try Fixtures.tempFolder(self)
        try Fixtures.write(other, to: (otherFolder as NSString).appendingPathComponent("0-mentions.json"))
        let reg = TemplateRegistry(folders: [otherFolder, dir, Fixtures.templatesFolder])
        XCTAssertEqual(reg.template(id: "national-project")?.title, "转义版本")
        XCTAssertEqual(reg.template(id: "hunan-dept-overall")?.title, "national-project")
        let shipped = TemplateRegistry(folders: [Fixtures.templatesFolder]).template(id: "national-project")?.title
        XCTAssertNotNil(shipped)
        XCTAssertEqual(TemplateRegistry(folders: [otherFolder, Fixtures.templatesFolder]).template(id: "national-project")?.title, shipped)
    }

    func testDefaultFoldersOrder() {
        let folders = TemplateRegistry.defaultFolders(executable: "/opt/jixiao/bin/jixiao",
                                                      environment: ["JIXIAO_TEMPLATES": "/a:/b", "HOME": "/home/u"])
        XCTAssertEqual(folders, ["/a", "/b", "/home/u/.local/share/jixiao/templates", "/opt/jixiao/share/jixiao/templates"]
                                + (TemplateRegistry.searchesSourceTree ? [TemplateRegistry.sourceTemplates] : []))
        let xdg = TemplateRegistry.defaultFolders(executable: "/x/bin/jixiao", environment: ["XDG_DATA_HOME": "/d"])
        XCTAssertEqual(xdg.first, "/d/jixiao/templates")
        // No file for the running program (no /proc, argv[0] without a folder): no installed folder.
        let unknown = TemplateRegistry.defaultFolders(executable: nil, environment: ["HOME": "/home/u"])
        XCTAssertEqual(unknown, ["/home/u/.local/share/jixiao/templates"]
                                + (TemplateRegistry.searchesSourceTree ? [TemplateRegistry.sourceTemplates] : []))
    }
}

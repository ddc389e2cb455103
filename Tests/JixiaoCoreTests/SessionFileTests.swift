import Foundation
import XCTest
@testable import JixiaoCore

/// Session files: canonical round trip, load errors that name the place, atomic writes.
final class SessionFileTests: XCTestCase {
    private func loadError(_ doc: JSONValue, registry: TemplateRegistry = Fixtures.registry,
                           file: StaticString = #filePath, line: UInt = #line) -> LoadError? {
        loadError(Array(JSONWriter.write(doc).utf8), registry: registry, file: file, line: line)
    }

    private func loadError(_ bytes: [UInt8], registry: TemplateRegistry = Fixtures.registry,
                           file: StaticString = #filePath, line: UInt = #line) -> LoadError? {
        do {
            _ = try SessionFile.decode(bytes, path: "test.json", registry: registry)
            XCTFail("loaded, expected an error", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func issuePointers(_ e: LoadError?, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        guard case .session(let se)? = e else {
            XCTFail("expected a session error, got \(String(describing: e))", file: file, line: line)
            return []
        }
        return se.issues.map(\.pointer.description)
    }

    // MARK: round trip

    func testRenderIsByteIdenticalForEveryExample() throws {
        for name in Fixtures.exampleNames {
            let l = try Fixtures.load(name)
            let rendered = SessionFile.render(l.session, l.template)
            let original = try Fixtures.exampleBytes(name)
            XCTAssertEqual(rendered, original, name)
            XCTAssertTrue(l.notes.isEmpty, name)
        }
    }

    func testLoadedExampleContents() throws {
        let l = try Fixtures.load("suining-2024")
        XCTAssertEqual(l.template.id, "hunan-dept-overall")
        XCTAssertEqual(l.session.unit, "中共绥宁县委组织部")
        XCTAssertEqual(l.session.year, 2024)
        XCTAssertEqual(l.session.fields["fund_annual"], .number("5577.04"))
        XCTAssertEqual(l.session.fields["staff_actual"], .number("42"))
        XCTAssertNil(l.session.fields["income_gov_fund"])
        XCTAssertEqual(l.session.cells["sangong"]?["prev_final"], .number("1.3"))
        XCTAssertNil(l.session.cells["car"], "a grid row with every cell null is not stored")
        XCTAssertEqual(l.session.indicators.count, 21)
        XCTAssertEqual(l.session.indicators[0].score, "3")
        XCTAssertEqual(l.session.indicators[17].weight, "2.5")
        XCTAssertEqual(l.session.tables["buildings"], [])
        XCTAssertNotNil(l.session.storedComputed)
    }

    func testSaveThenLoadKeepsEverything() throws {
        let dir = try Fixtures.tempFolder(self)
        let path = (dir as NSString).appendingPathComponent("copy.json")
        var l = try Fixtures.load("ziyuan-2022-projects")
        l.session.fields["dept_indicator_score"] = .number("88.50")
        try SessionFile.save(l.session, l.template, to: path)
        let back = try SessionFile.load(path, registry: Fixtures.registry)
        var expected = l.session
        expected.storedComputed = back.session.storedComputed
        XCTAssertEqual(back.session, expected)
        XCTAssertEqual(back.session.fields["dept_indicator_score"], .number("88.50"))
        // The new figures are stored: 5.47 + 88.50.
        XCTAssertEqual(back.session.storedComputed?.resolve(JSONPointer(["total"])), .number("93.97"))
    }

    func testNewSessionRendersEveryTypedFieldAsNull() throws {
        let t = try Fixtures.template("hunan-dept-overall")
        let doc = try JSONParser.parse(SessionFile.render(Session.new(for: t), t))
        XCTAssertEqual(doc.resolve(JSONPointer(["fields", "staff_actual"])), .null)
        XCTAssertEqual(doc.resolve(JSONPointer(["fields", "sangong", "final"])), .null)
        XCTAssertNil(doc.resolve(JSONPointer(["fields", "staff_control_rate"])), "computed fields live under /computed only")
        XCTAssertEqual(doc.resolve(JSONPointer(["tables", "special_funds"])), .array([]))
        XCTAssertEqual(doc.resolve(JSONPointer(["year"])), .null)
        XCTAssertEqual(doc.resolve(JSONPointer(["computed", "total"])), .null)
        XCTAssertEqual(doc.objectValue?.keys, ["template", "unit", "year", "fields", "tables", "indicators", "computed"])
    }

    // MARK: load errors

    func testStringWhereANumberBelongs() throws {
        let doc = try Fixtures.exampleJSON("suining-2024").setting("/fields/staff_actual", .string("42"))
        let e = loadError(doc)
        XCTAssertEqual(issuePointers(e), ["/fields/staff_actual"])
        XCTAssertTrue(e?.render(.en).contains("test.json: /fields/staff_actual: ") ?? false, e?.render(.en) ?? "")
        XCTAssertTrue(e?.render(.en).contains("must be a number") ?? false)
    }

    func testEveryTypeErrorIsReportedAtOnce() throws {
        let doc = try Fixtures.exampleJSON("suining-2024")
            .setting("/fields/staff_actual", .string("42"))
            .setting("/fields/goal_planned", .number("1"))
            .setting("/fields/sangong/final", .bool(true))
            .setting("/indicators/2/score", .string("4"))
            .setting("/year", .string("2024"))
        XCTAssertEqual(Set(issuePointers(loadError(doc))),
                       ["/fields/staff_actual", "/fields/goal_planned", "/fields/sangong/final", "/indicators/2/score", "/year"])
    }

    func testTypeNamesAreChineseInChineseMessages() throws {
        let base = try Fixtures.exampleJSON("suining-2024")
        let indicators = loadError(base.setting("/indicators", .string("x")))
        XCTAssertTrue(indicators?.render(.zh).contains("指标应为数组，却是字符串") == true, "\(String(describing: indicators))")
        XCTAssertTrue(indicators?.render(.en).contains("found string") == true)
        let row = loadError(base.setting("/indicators/0", .array([])))
        XCTAssertTrue(row?.render(.zh).contains("应为对象，却是数组") == true, "\(String(describing: row))")
        XCTAssertFalse(row?.render(.zh).contains("array") ?? true)
    }

    func testUnknownFieldColumnTableAndKey() throws {
        let base = try Fixtures.exampleJSON("suining-2024")
        XCTAssertEqual(issuePointers(loadError(base.setting("/fields/staff_retired", .number("3")))), ["/fields/staff_retired"])
        XCTAssertEqual(issuePointers(loadError(base.setting("/fields/sangong/total", .number("3")))), ["/fields/sangong/total"])
        XCTAssertEqual(issuePointers(loadError(base.setting("/tables/projects", .array([])))), ["/tables/projects"])
        XCTAssertEqual(issuePointers(loadError(base.setting("/indicators/0/weigth", .number("4")))), ["/indicators/0/weigth"])
        XCTAssertEqual(issuePointers(loadError(base.setting("/comment", .string("x")))), ["/comment"])
        let zy = try Fixtures.exampleJSON("ziyuan-2022-projects")
        XCTAssertEqual(issuePointers(loadError(zy.setting("/tables/projects/2/budget", .number("1")))), ["/tables/projects/2/budget"])
    }

    func testComputedFieldTypedInFields() throws {
        let base = try Fixtures.exampleJSON("suining-2024")
        let e = loadError(base.setting("/fields/staff_control_rate", .number("84")))
        XCTAssertEqual(issuePointers(e), ["/fields/staff_control_rate"])
        XCTAssertTrue(e?.render(.en).contains("computed") ?? false)
        // null for a computed field is harmless.
        XCTAssertNoThrow(try SessionFile.decode(Array(JSONWriter.write(base.setting("/fields/staff_control_rate", .null)).utf8),
                                                path: "t.json", registry: Fixtures.registry))
        let zy = try Fixtures.exampleJSON("ziyuan-2022-projects")
        XCTAssertEqual(issuePointers(loadError(zy.setting("/tables/projects/0/exec_rate", .number("0")))), ["/tables/projects/0/exec_rate"])
    }

    func testTooManyDigitsIsALoadError() throws {
        let forty = String(repeating: "1234567890", count: 4)
        let doc = try Fixtures.exampleJSON("suining-2024").setting("/fields/fund_annual", .number(forty))
        XCTAssertEqual(issuePointers(loadError(doc)), ["/fields/fund_annual"])
    }

    func testUnknownTemplateID() throws {
        let doc = try Fixtures.exampleJSON("suining-2024").setting("/template/id", .string("hunan-dept-overal"))
        guard case .unknownTemplate(let path, let id, let known)? = loadError(doc) else { return XCTFail() }
        XCTAssertEqual(path, "test.json")
        XCTAssertEqual(id, "hunan-dept-overal")
        XCTAssertTrue(known.contains("hunan-dept-overall"))
        XCTAssertTrue(LoadError.unknownTemplate(path: path, id: id, known: known).render(.en).contains("/template/id"))
    }

    func testMissingTemplateReference() throws {
        let doc = try Fixtures.exampleJSON("suining-2024").setting("/template", nil)
        XCTAssertEqual(issuePointers(loadError(doc)), ["/template"])
        XCTAssertEqual(issuePointers(loadError(Array("[1]".utf8))), [""])
    }

    func testAMalformedTemplateReferenceIsSaidWhatIsWrong() throws {
        let base = try Fixtures.exampleJSON("suining-2024")
        let version = loadError(base.setting("/template/version", .string("1")))
        XCTAssertEqual(issuePointers(version), ["/template/version"])
        XCTAssertTrue(version?.render(.zh).contains("/template/version: 应为数字，却是字符串") == true, "\(String(describing: version))")
        let template = loadError(base.setting("/template", .string("x")))
        XCTAssertEqual(issuePointers(template), ["/template"])
        XCTAssertTrue(template?.render(.zh).contains("应为对象，却是字符串") == true, "\(String(describing: template))")
        XCTAssertTrue(loadError(base.setting("/template/id", nil))?.render(.en).contains("/template/id: \"id\" is missing") == true)
    }

    func testNewerTemplateVersionIsAnError() throws {
        let doc = try Fixtures.exampleJSON("suining-2024").setting("/template/version", .number("2"))
        guard case .newerTemplate(_, let id, let fileVersion, let known)? = loadError(doc) else { return XCTFail() }
        XCTAssertEqual(id, "hunan-dept-overall")
        XCTAssertEqual(fileVersion, 2)
        XCTAssertEqual(known, 1)
    }

    func testOlderTemplateVersionLoadsWithANote() throws {
        let dir = try Fixtures.tempFolder(self)
        let tdoc = try Fixtures.templateJSON("hunan-dept-overall").setting("/version", .number("2"))
        try Fixtures.write(tdoc, to: (dir as NSString).appendingPathComponent("hunan-dept-overall.json"))
        let reg = TemplateRegistry(folders: [dir])
        XCTAssertEqual(reg.template(id: "hunan-dept-overall")?.version, 2)
        let l = try SessionFile.load(Fixtures.examplePath("suining-2024"), registry: reg)
        XCTAssertEqual(l.notes.map(\.code), ["template-migrated"])
        XCTAssertEqual(l.notes.first?.severity, .warning)
        XCTAssertEqual(l.notes.first?.pointer.description, "/template/version")
        XCTAssertEqual(l.session.templateVersion, 2)
        // Saved as the new version.
        let out = try JSONParser.parse(SessionFile.render(l.session, l.template))
        XCTAssertEqual(out.resolve(JSONPointer(["template", "version"])), .number("2"))
    }

    func testInvalidJSONNamesLineAndColumn() throws {
        var text = String(decoding: try Fixtures.exampleBytes("lianjiang-2023"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"quota_total\": 107,", with: "\"quota_total\": 107,,")
        guard case .syntax(let path, let e)? = loadError(Array(text.utf8)) else { return XCTFail() }
        XCTAssertEqual(path, "test.json")
        XCTAssertEqual(e.line, 10)
        XCTAssertEqual(e.column, 24)
        XCTAssertTrue(LoadError.syntax(path: path, e).render(.en).hasPrefix("test.json: line 10, column 24: invalid JSON"))
    }

    func testMissingFileIsAFileError() {
        XCTAssertThrowsError(try SessionFile.load("/nonexistent/jixiao/x.json", registry: Fixtures.registry)) { error in
            guard case .file(let fe) = error as? LoadError else { return XCTFail("\(error)") }
            XCTAssertEqual(fe.path, "/nonexistent/jixiao/x.json")
        }
    }

    // MARK: atomic writes

    func testExclusiveWriteRefusesAnExistingFile() throws {
        let dir = try Fixtures.tempFolder(self)
        let path = (dir as NSString).appendingPathComponent("sheet.json")
        try AtomicFile.write(Array("old".utf8), to: path, exclusive: true)
        XCTAssertThrowsError(try AtomicFile.write(Array("new".utf8), to: path, exclusive: true))
        XCTAssertEqual(try AtomicFile.read(path), Array("old".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["sheet.json"])
    }

    func testWritesLeaveNoTemporaryFilesBehind() throws {
        let dir = try Fixtures.tempFolder(self)
        let path = (dir as NSString).appendingPathComponent("会话.json")
        try AtomicFile.write(Array("one".utf8), to: path, exclusive: true)
        try AtomicFile.write(Array("two".utf8), to: path)
        try AtomicFile.write(Array("three".utf8), to: path)
        XCTAssertEqual(try AtomicFile.read(path), Array("three".utf8))
        let l = try Fixtures.load("yiyang-2024")
        let other = (dir as NSString).appendingPathComponent("yiyang.json")
        try SessionFile.save(l.session, l.template, to: other, exclusive: true)
        XCTAssertThrowsError(try SessionFile.save(l.session, l.template, to: other, exclusive: true))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["yiyang.json", "会话.json"])
        XCTAssertEqual(try AtomicFile.read(other), try Fixtures.exampleBytes("yiyang-2024"))
    }

    func testWriteKeepsTheFileMode() throws {
        let dir = try Fixtures.tempFolder(self)
        let path = (dir as NSString).appendingPathComponent("m.json")
        try AtomicFile.write(Array("a".utf8), to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try AtomicFile.write(Array("b".utf8), to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600)
    }

    func testWriteIntoAMissingFolderFails() throws {
        let dir = try Fixtures.tempFolder(self)
        let path = (dir as NSString).appendingPathComponent("no/such/folder/x.json")
        XCTAssertThrowsError(try AtomicFile.write(Array("a".utf8), to: path))
        XCTAssertThrowsError(try AtomicFile.write(Array("a".utf8), to: dir)) // a folder
        XCTAssertThrowsError(try AtomicFile.read(dir))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [])
    }
}

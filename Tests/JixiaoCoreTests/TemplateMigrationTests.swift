import XCTest
@testable import JixiaoCore

/// Sheets written under an older template version are read under the current one, with the
/// values the template moved put where they now belong (`TemplateMigration`).
final class TemplateMigrationTests: XCTestCase {
    /// Seed 002 as version 1 of hunan-yiyang-dept-overall wrote it: the unit's two project
    /// lines were grid rows of their own.
    private func yiyangVersion1() throws -> JSONValue {
        let now = try Fixtures.exampleJSON("yiyang-2024")
        guard case .object(var root) = now, case .object(var fields)? = root["fields"], case .object(var tables)? = root["tables"] else {
            throw XCTSkip("unexpected example shape")
        }
        var old = JSONObject()
        for m in fields.members {
            if m.key == "operation" {
                old.append("inspection", .object(JSONObject([("prev_final", .number("14.15")), ("budget", .number("10")), ("final", .number("10"))])))
                old.append("political", .object(JSONObject([("prev_final", .number("0")), ("budget", .number("0")), ("final", .number("3"))])))
            } else {
                old.append(m.key, m.value)
            }
        }
        fields = old
        tables["project_lines"] = nil
        root["fields"] = .object(fields)
        root["tables"] = .object(tables)
        root["template"] = .object(JSONObject([("id", .string("hunan-yiyang-dept-overall")), ("version", .number("1"))]))
        return .object(root)
    }

    func testSeed002sOwnProjectLinesBecomeRowsItNames() throws {
        let old = try yiyangVersion1()
        let l = try SessionFile.decode(Array(JSONWriter.write(old).utf8), path: "old.json", registry: Fixtures.registry)
        XCTAssertEqual(l.notes.map(\.code), ["template-migrated"])
        XCTAssertEqual(l.session.tables["project_lines"]?.map { $0["name"] }, [.text("派驻纪检监察组工作经费"), .text("政治建设项目经费")])
        XCTAssertEqual(l.session.tables["project_lines"]?[0]["prev_final"], .number("14.15"))
        XCTAssertNil(l.session.cells["operation"])
        // Saved, it is the example as it is now, byte for byte.
        XCTAssertEqual(SessionFile.render(l.session, l.template), try Fixtures.exampleBytes("yiyang-2024"))
        // 项目支出 still adds up: 7 + 10 + 3 = 20.
        XCTAssertEqual(Calculator.compute(l.session, l.template).gridSums["projects"]?["final"], 20)
    }

    func testEmptyOldRowsLeaveNoRow() throws {
        var old = try yiyangVersion1()
        old = old.setting("/fields/political", .object(JSONObject([("prev_final", .null), ("budget", .null), ("final", .null)])))
        let l = try SessionFile.decode(Array(JSONWriter.write(old).utf8), path: "old.json", registry: Fixtures.registry)
        XCTAssertEqual(l.session.tables["project_lines"]?.count, 1)
    }

    func testMovesApplyOnlyBelowTheirVersion() {
        let doc = JSONValue.object(JSONObject([("fields", .object(JSONObject([("a", .number("1"))])))]))
        let m = TemplateMigration(before: 2, move: JSONPointer(["fields", "a"]), to: JSONPointer(["stated", "total"]), with: nil)
        XCTAssertEqual(TemplateMigration.apply([m], to: doc, version: 2), doc)
        let moved = TemplateMigration.apply([m], to: doc, version: 1)
        XCTAssertEqual(moved.resolve(JSONPointer(["stated", "total"])), .number("1"))
        XCTAssertNil(moved.resolve(JSONPointer(["fields", "a"])))
    }

    func testATemplatesMigrationsAreChecked() throws {
        let bad = try Fixtures.templateJSON("hunan-yiyang-dept-overall").setting("/migrations/0/before", .number("3"))
        XCTAssertThrowsError(try TemplateDecoder.decode(Array(JSONWriter.write(bad).utf8), source: "t")) { e in
            XCTAssertTrue("\(e)".contains("/migrations/0/before"), "\(e)")
        }
        let worse = try Fixtures.templateJSON("hunan-yiyang-dept-overall").setting("/migrations/0/to", .string("stated"))
        XCTAssertThrowsError(try TemplateDecoder.decode(Array(JSONWriter.write(worse).utf8), source: "t")) { e in
            XCTAssertTrue("\(e)".contains("/migrations/0"), "\(e)")
        }
    }
}

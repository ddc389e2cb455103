import Foundation
import XCTest
@testable import JixiaoCore

/// The JSON Schema generated per template: shape, and agreement with the examples' keys.
final class SessionSchemaTests: XCTestCase {
    private func at(_ v: JSONValue, _ pointer: String) -> JSONValue? {
        JSONPointer(parsing: pointer).flatMap { v.resolve($0) }
    }

    func testSchemaShapeForEveryTemplate() throws {
        for t in Fixtures.registry.templates {
            let s = SessionSchema.generate(t)
            XCTAssertEqual(at(s, "/$schema"), .string("https://json-schema.org/draft/2020-12/schema"), t.id)
            XCTAssertEqual(at(s, "/additionalProperties"), .bool(false), t.id)
            XCTAssertEqual(at(s, "/properties/template/properties/id/const"), .string(t.id), t.id)
            XCTAssertEqual(at(s, "/properties/template/properties/version/maximum"), .number(String(t.version)), t.id)
            let fieldProps = try XCTUnwrap(at(s, "/properties/fields/properties")?.objectValue, t.id)
            for id in t.index.fieldOrder {
                let f = try XCTUnwrap(t.index.fields[id])
                XCTAssertEqual(fieldProps[id] != nil, !f.isComputed, "\(t.id) \(id)")
            }
            // The schema text itself is stable JSON.
            let text = JSONWriter.write(s)
            XCTAssertEqual(try JSONParser.parse(text), s)
        }
    }

    func testFieldKinds() throws {
        let s = SessionSchema.generate(try Fixtures.template("guangxi-project-summary"))
        XCTAssertEqual(at(s, "/properties/fields/properties/dept_initial/minimum"), .number("0"))
        XCTAssertNil(at(s, "/properties/fields/properties/dept_adjustment/minimum"), "a signed field may be negative")
        XCTAssertEqual(at(s, "/properties/fields/properties/dept_indicator_score/maximum"), .number("90"))
        XCTAssertEqual(at(s, "/properties/tables/properties/projects/items/properties/code/pattern"), .string("^[0-9]{21}$"))
        XCTAssertNil(at(s, "/properties/tables/properties/projects/items/properties/exec_rate"))
        let h = SessionSchema.generate(try Fixtures.template("hunan-dept-overall"))
        XCTAssertEqual(at(h, "/properties/fields/properties/staff_actual/type"), .array([.string("integer"), .string("null")]))
        XCTAssertEqual(at(h, "/properties/fields/properties/sangong/properties/final/type"), .array([.string("number"), .string("null")]))
        XCTAssertEqual(at(h, "/properties/computed/properties/grade/enum"),
                       .array([.string("优秀"), .string("良好"), .string("较差"), .string("差"), .null]))
        XCTAssertEqual(at(h, "/properties/indicators/items/properties/level1/enum"),
                       .array([.string("产出指标"), .string("效益指标"), .string("满意度指标"), .string("")]))
    }

    /// Every key the examples use is one the schema knows.
    func testExamplesUseOnlyKeysTheSchemaKnows() throws {
        for name in Fixtures.exampleNames {
            let l = try Fixtures.load(name)
            let s = SessionSchema.generate(l.template)
            let doc = try Fixtures.exampleJSON(name)
            for k in try XCTUnwrap(doc.objectValue?.keys) {
                XCTAssertNotNil(at(s, "/properties/\(k)"), "\(name): /\(k)")
            }
            for (k, v) in try XCTUnwrap(at(doc, "/fields")?.objectValue).members {
                XCTAssertNotNil(at(s, "/properties/fields/properties/\(k)"), "\(name): /fields/\(k)")
                if let cells = v.objectValue {
                    for c in cells.keys { XCTAssertNotNil(at(s, "/properties/fields/properties/\(k)/properties/\(c)"), "\(name): /fields/\(k)/\(c)") }
                }
            }
            for (tid, rows) in try XCTUnwrap(at(doc, "/tables")?.objectValue).members {
                for row in rows.arrayValue ?? [] {
                    for c in row.objectValue?.keys ?? [] {
                        XCTAssertNotNil(at(s, "/properties/tables/properties/\(tid)/items/properties/\(c)"), "\(name): /tables/\(tid)/\(c)")
                    }
                }
            }
        }
    }
}

import Foundation
import XCTest
@testable import JixiaoCore

/// Files made to cost time and memory (issue 11, item 10): the reader names the first problems
/// and counts the rest, rows and the stored computed block are bounded, the tape reads what a
/// tree would, and the validator counts exactly what it does not describe.
final class HostileSizeTests: XCTestCase {
    private func example() throws -> [UInt8] { try Fixtures.exampleBytes("suining-2024") }

    /// The example with `extra` inserted right after the first `after`.
    private func splice(_ after: String, _ extra: String) throws -> [UInt8] {
        let text = String(decoding: try example(), as: UTF8.self)
        let r = try XCTUnwrap(text.range(of: after))
        return Array((text[..<r.upperBound] + extra + text[r.upperBound...]).utf8)
    }

    private func sessionError(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> SessionLoadError? {
        do {
            _ = try SessionFile.decode(bytes, path: "t.json", registry: Fixtures.registry)
            XCTFail("loaded, expected an error", file: file, line: line)
        } catch {
            if case .session(let e) = error { return e }
            XCTFail("expected a session error, got \(error.render(.en))", file: file, line: line)
        }
        return nil
    }

    // MARK: the reader's cap

    func testTheFirstFiftyProblemsAreNamedAndTheRestCounted() throws {
        let keys = (0..<120).map { "\"u\($0)\": 1," }.joined()
        let e = try XCTUnwrap(sessionError(try splice("\"fields\": {", keys)))
        XCTAssertEqual(e.issues.map(\.pointer.description), (0..<JSONReading.listed).map { "/fields/u\($0)" })
        XCTAssertEqual(e.unlisted, 120 - JSONReading.listed)
        let lines = e.render(.en).split(separator: "\n")
        XCTAssertEqual(lines.count, JSONReading.listed + 1)
        XCTAssertEqual(lines.last, "t.json: … and 70 more problems")
        XCTAssertEqual(e.render(.zh).split(separator: "\n").last, "t.json: ……另有 70 个问题未列出")
    }

    func testFiftyProblemsOrFewerHaveNoCountLine() throws {
        let keys = (0..<JSONReading.listed).map { "\"u\($0)\": 1," }.joined()
        let e = try XCTUnwrap(sessionError(try splice("\"fields\": {", keys)))
        XCTAssertEqual(e.issues.count, JSONReading.listed)
        XCTAssertEqual(e.unlisted, 0)
        XCTAssertFalse(e.render(.en).contains("more problems"))
    }

    func testCountedProblemsCostNoMessage() {
        var r = JSONReading()
        var described = 0
        func message() -> String { described += 1; return "m" }
        for _ in 0..<(JSONReading.listed + 1000) { r.fail(JSONPointer(), message(), message()) }
        XCTAssertEqual(r.issues.count, JSONReading.listed)
        XCTAssertEqual(r.unlisted, 1000)
        XCTAssertEqual(described, 2 * JSONReading.listed, "messages were made for counted problems")
    }

    // MARK: limits

    func testRowsPastTheLimitAreRefusedAtTheFirstRowOver() throws {
        let rows = String(repeating: "{},", count: SessionLimits.rows)  // + the example's 21
        let e = try XCTUnwrap(sessionError(try splice("\"indicators\": [", rows)))
        XCTAssertEqual(e.issues.map(\.pointer.description), ["/indicators/\(SessionLimits.rows)"])
        XCTAssertTrue(e.issues[0].messageEn.contains("at most \(SessionLimits.rows) rows"), e.issues[0].messageEn)
    }

    func testRowsOfTablesAndIndicatorsCountTogether() throws {
        let half = SessionLimits.rows / 2
        var bytes = try splice("\"special_funds\": [", String(repeating: "{},", count: half - 1) + "{}")
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(
            of: "\"indicators\": [", with: "\"indicators\": [" + String(repeating: "{},", count: half))
        bytes = Array(text.utf8)
        let e = try XCTUnwrap(sessionError(bytes))
        XCTAssertEqual(e.issues.map(\.pointer.description), ["/indicators/\(half)"])
    }

    func testASheetAtTheLimitLoadsAndSetAddsNoRow() throws {
        let rows = String(repeating: "{},", count: SessionLimits.rows - 21)
        var l = try SessionFile.decode(try splice("\"indicators\": [", rows), path: "t.json", registry: Fixtures.registry)
        XCTAssertEqual(l.session.rowCount, SessionLimits.rows)
        XCTAssertThrowsError(try SessionEditor.apply(Assignment(pointer: "/indicators/-", value: "{}"), to: &l.session, l.template))
        XCTAssertThrowsError(try SessionEditor.apply(Assignment(pointer: "/tables/buildings/-/name", value: "楼"), to: &l.session, l.template))
        XCTAssertEqual(l.session.rowCount, SessionLimits.rows)
        // Changing a row that is there is still fine.
        XCTAssertNoThrow(try SessionEditor.apply(Assignment(pointer: "/indicators/0/name", value: "x"), to: &l.session, l.template))
    }

    func testAStoredComputedBlockPastTheLimitIsRefused() throws {
        let values = Array(repeating: "1", count: SessionLimits.computedValues).joined(separator: ",")
        let e = try XCTUnwrap(sessionError(try splice("\"computed\": {", "\"x\": [\(values)],")))
        XCTAssertEqual(e.issues.map(\.pointer.description), ["/computed"])
    }

    // MARK: the tape

    func testTheTapeReadsWhatATreeWould() throws {
        let text = #"{"a": [1, -2.50, 1e3, true, false, null, "x\"y", "绩效", {"b": {}}, []], "\u0063": "\ud83d\ude00"}"#
        let tape = try JSONParser.tape(Array(text.utf8))
        let v = tape.root.value
        XCTAssertEqual(v, try JSONParser.parse(text))
        XCTAssertEqual(tape.count, 17)
        let o = try XCTUnwrap(tape.root.objectValue)
        XCTAssertEqual(o["c"]?.stringValue, "😀", "an escaped key is found by its text")
        XCTAssertEqual(o["a"]?.items.count, 10)
        XCTAssertEqual(o["a"]?.descendantCount, 12)
        XCTAssertEqual(o["a"]?.items.map(\.typeName), ["number", "number", "number", "boolean", "boolean", "null", "string", "string", "object", "array"])
        XCTAssertEqual(o["a"]?.items.map(\.numberLiteral).prefix(3), ["1", "-2.50", "1e3"])
        XCTAssertNil(o["zz"])
    }

    func testTheCodecReadsATreeAsItReadsATape() throws {
        for name in Fixtures.exampleNames {
            let bytes = try Fixtures.exampleBytes(name)
            let tape = try JSONParser.tape(bytes).root, tree = try JSONParser.parse(bytes)
            let ref = try XCTUnwrap(SessionCodec.templateReference(tape))
            XCTAssertEqual(SessionCodec.templateReference(tree)?.id, ref.id)
            let t = try Fixtures.template(ref.id)
            XCTAssertEqual(try SessionCodec.decode(tape, template: t, file: name), try SessionCodec.decode(tree, template: t, file: name), name)
            XCTAssertEqual(tape.descendantCount, tree.descendantCount, name)
        }
        // And the same problems, at the same pointers.
        let broken = Array(String(decoding: try splice("\"fields\": {", "\"u1\": 1,"), as: UTF8.self)
            .replacingOccurrences(of: "\"staff_actual\": 42", with: "\"staff_actual\": \"x\"").utf8)
        let t = try Fixtures.template("hunan-dept-overall")
        func pointers(_ doc: some JSONNode) -> [String] {
            do { _ = try SessionCodec.decode(doc, template: t, file: "t"); return [] } catch { return error.issues.map(\.pointer.description) }
        }
        XCTAssertEqual(pointers(try JSONParser.tape(broken).root), ["/fields/u1", "/fields/staff_actual"])
        XCTAssertEqual(pointers(try JSONParser.parse(broken)), ["/fields/u1", "/fields/staff_actual"])
    }

    func testDuplicateKeysAreFoundAsSwiftComparesThem() {
        // "\u212A" (KELVIN SIGN) is canonically the letter K: the same key, in a small object
        // and in one large enough for the table.
        for size in [2, DuplicateKeys.lookLimit + 5, 5000] {
            let keys = (0..<size).map { "\"k\($0)\": 0" } + ["\"K\": 1", "\"\\u212A\": 2"]
            XCTAssertThrowsError(try JSONParser.tape(Array(("{" + keys.joined(separator: ",") + "}").utf8)), "size \(size)")
            let fine = (0..<size).map { "\"k\($0)\": 0" } + ["\"K\": 1"]
            XCTAssertNoThrow(try JSONParser.tape(Array(("{" + fine.joined(separator: ",") + "}").utf8)), "size \(size)")
        }
    }

    func testADuplicateAmongAMillionKeysIsNamedWhereItIs() throws {
        let keys = (0..<1_000_000).map { "\"u\($0)\":1" }.joined(separator: ",")
        let text = "{" + keys + ",\"u999999\":2}"
        XCTAssertThrowsError(try JSONParser.tape(Array(text.utf8))) { e in
            let err = e as? JSONSyntaxError
            XCTAssertEqual(err?.line, 1)
            XCTAssertEqual(err?.column, text.count - 11)
            XCTAssertEqual(err?.messageEn, "duplicate key \"u999999\" in one object")
        }
    }

    // MARK: the validator's cap

    func testTheValidatorDescribesTheFirstAndCountsAll() throws {
        let l = try Fixtures.load("suining-2024")
        var s = l.session
        s.indicators += Array(repeating: IndicatorRow(weight: "1"), count: 500)
        let c = Calculator.compute(s, l.template)
        let every = Validator.validate(s, l.template, c)
        var capped = ProblemList(limit: 10)
        Validator.check(s, l.template, c, into: &capped)
        XCTAssertEqual(capped.listed, Array(every.prefix(10)))
        XCTAssertEqual(capped.errors, every.count { $0.severity == .error })
        XCTAssertEqual(capped.warnings, every.count { $0.severity == .warning })
        XCTAssertEqual(capped.unlisted, every.count - 10)
        var all = ProblemList()
        Validator.check(s, l.template, c, into: &all)
        XCTAssertEqual(all.listed, every)
    }
}

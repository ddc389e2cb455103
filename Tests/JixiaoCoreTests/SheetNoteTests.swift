import XCTest
@testable import JixiaoCore

/// Notes on values: where a transcribed value comes from when the document does not print it
/// (seed 003's previous-year income, 1857.81, derived as 5720.71 − 3862.90).
final class SheetNoteTests: XCTestCase {
    func testSeed003SaysWhichValuesItDerived() throws {
        let l = try Fixtures.load("lianjiang-2023")
        XCTAssertEqual(Set(l.session.notes.keys), ["/fields/income_prev", "/tables/key_projects/0/budget", "/indicators"])
        let derived = try XCTUnwrap(l.session.notes["/fields/income_prev"])
        XCTAssertTrue(derived.contains("5720.71 − 3862.90 = 1857.81"), derived)
        // 1857.81 itself is what the note says: the total less the stated change.
        XCTAssertEqual(l.session.fields["income_prev"]?.decimal, D("5720.71") - D("3862.90"))
        XCTAssertEqual(Validator.validate(l.session, l.template).with(code: "note-orphaned"), [])
    }

    private func set(_ s: Session, _ t: Template, _ pointer: String, _ value: String) throws -> Session {
        // As `jixiao set` reads it: "=null" clears.
        try SessionEditor.apply([try XCTUnwrap(Assignment.parse("\(pointer)=\(value)"))], to: s, t)
    }

    func testSetReplaceAndClearANote() throws {
        let l = try Fixtures.load("suining-2024")
        var s = try set(l.session, l.template, "/notes/~1fields~1income_other", "据决算表补录")
        XCTAssertEqual(s.notes, ["/fields/income_other": "据决算表补录"])
        s = try set(s, l.template, "/notes/~1fields~1income_other", "据 2024 年决算表补录")
        XCTAssertEqual(s.notes, ["/fields/income_other": "据 2024 年决算表补录"])
        let back = try SessionFile.decode(SessionFile.render(s, l.template), path: "n.json", registry: Fixtures.registry)
        XCTAssertEqual(back.session.notes, s.notes)
        s = try set(s, l.template, "/notes/~1fields~1income_other", "null")
        XCTAssertEqual(s.notes, [:])
        XCTAssertFalse(String(decoding: SessionFile.render(s, l.template), as: UTF8.self).contains("\"notes\""))
        XCTAssertThrowsError(try set(l.session, l.template, "/notes/fields", "x"))
        XCTAssertThrowsError(try set(l.session, l.template, "/notes/~1computed~1total", "x"))
    }

    func testNotesAreWrittenInTheOrderOfTheirValuesWhateverTheOrderRead() throws {
        let l = try Fixtures.load("lianjiang-2023")
        var s = l.session
        s.notes["/fields/nothing_here"] = "一条无主的注释"
        s.notes["/unit"] = "单位全称"
        let text = String(decoding: SessionFile.render(s, l.template), as: UTF8.self)
        let order = ["\"/unit\"", "\"/fields/income_prev\"", "\"/tables/key_projects/0/budget\"", "\"/indicators\"", "\"/fields/nothing_here\""]
        let at = order.compactMap { text.range(of: $0)?.lowerBound }
        XCTAssertEqual(at.count, order.count)
        XCTAssertEqual(at, at.sorted())
        let back = try SessionFile.decode(Array(text.utf8), path: "n.json", registry: Fixtures.registry)
        XCTAssertEqual(back.session.notes, s.notes)
        XCTAssertEqual(SessionFile.render(back.session, l.template), Array(text.utf8))
    }

    func testANoteLeftBehindByADeletedRowIsSaid() throws {
        let l = try Fixtures.load("lianjiang-2023")
        let s = try set(l.session, l.template, "/tables/key_projects/1", "null")
        let noted = try set(s, l.template, "/notes/~1tables~1key_projects~11~1budget", "52.50 万元")
        let ps = Validator.validate(noted, l.template).with(code: "note-orphaned")
        XCTAssertEqual(ps.map(\.pointer.description), ["/notes/~1tables~1key_projects~11~1budget"])
        XCTAssertEqual(ps.first?.severity, .warning)
    }

    func testNotesAreCheckedOnLoading() throws {
        let doc = try Fixtures.exampleJSON("lianjiang-2023")
        for (key, value) in [("fields/x", JSONValue.string("no leading slash")), ("/computed/total", .string("not a typed value")),
                             ("/fields/income_prev", .number("1"))] {
            let bad = doc.setting("/notes", .object(JSONObject([(key, value)])))
            XCTAssertThrowsError(try SessionFile.decode(Array(JSONWriter.write(bad).utf8), path: "bad.json", registry: Fixtures.registry), key)
        }
        let hostile = doc.setting("/notes", .object(JSONObject([("/unit", .string("\u{1B}]0;owned\u{07}"))])))
        let l = try SessionFile.decode(Array(JSONWriter.write(hostile).utf8), path: "h.json", registry: Fixtures.registry)
        XCTAssertEqual(Validator.validate(l.session, l.template).with(code: "control-character").map(\.pointer.description), ["/notes/~1unit"])
    }
}

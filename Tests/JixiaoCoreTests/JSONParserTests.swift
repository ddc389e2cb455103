import Foundation
import XCTest
@testable import JixiaoCore

/// The strict JSON parser, the stable writer and JSON Pointers.
final class JSONParserTests: XCTestCase {
    private func syntaxError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONSyntaxError? {
        syntaxError(Array(text.utf8), file: file, line: line)
    }

    private func syntaxError(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> JSONSyntaxError? {
        do {
            let v = try JSONParser.parse(bytes)
            XCTFail("parsed, expected an error: \(JSONWriter.compact(v))", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    // MARK: numbers keep their digits

    func testNumbersKeepTheirLiteralDigits() throws {
        let v = try JSONParser.parse(#"{"a": 5577.40, "b": 1.30, "c": -0, "d": 1E+2, "e": 0.10}"#)
        let o = try XCTUnwrap(v.objectValue)
        XCTAssertEqual(o["a"], .number("5577.40"))
        XCTAssertEqual(o["b"], .number("1.30"))
        XCTAssertEqual(o["c"], .number("-0"))
        XCTAssertEqual(o["d"], .number("1E+2"))
        let out = JSONWriter.write(v)
        XCTAssertTrue(out.contains("\"a\": 5577.40"))
        XCTAssertTrue(out.contains("\"e\": 0.10"))
        XCTAssertEqual(try JSONParser.parse(out), v)
    }

    func testLongNumbersAreKeptAsWritten() throws {
        let forty = String(repeating: "1234567890", count: 4)
        let v = try JSONParser.parse("[\(forty)]")
        XCTAssertEqual(v, .array([.number(forty)]))
        XCTAssertEqual(JSONWriter.compact(v), "[\(forty)]")
    }

    func testObjectsKeepMemberOrder() throws {
        let v = try JSONParser.parse(#"{"z": 1, "a": 2, "m": 3}"#)
        XCTAssertEqual(v.objectValue?.keys, ["z", "a", "m"])
        XCTAssertEqual(JSONWriter.compact(v), #"{"z":1,"a":2,"m":3}"#)
    }

    // MARK: strictness

    func testDuplicateKeyIsAnErrorWithPosition() throws {
        let e = try XCTUnwrap(syntaxError("{\n  \"a\": 1,\n  \"a\": 2\n}"))
        XCTAssertEqual(e.line, 3)
        XCTAssertEqual(e.column, 3)
        XCTAssertTrue(e.messageEn.contains("duplicate"), e.messageEn)
        XCTAssertTrue(e.message.contains("重复"), e.message)
        // Same key in different objects is fine.
        XCTAssertNoThrow(try JSONParser.parse(#"[{"a": 1}, {"a": 2}]"#))
    }

    func testDuplicateKeyIsFoundInObjectsOfAnySize() throws {
        // Small objects are checked by a look through their keys, large ones by a set.
        for size in [1, 15, 16, 17, 40] {
            for dup in [0, size / 2, size - 1] {
                let keys = (0..<size).map { "\"k\($0)\": \($0)" } + ["\"k\(dup)\": 0"]
                let e = syntaxError("{" + keys.joined(separator: ",") + "}")
                XCTAssertNotNil(e, "size \(size), duplicate of k\(dup)")
            }
            let fine = "{" + (0..<size).map { "\"k\($0)\": \($0)" }.joined(separator: ",") + "}"
            XCTAssertEqual(try JSONParser.parse(fine).objectValue?.keys.count, size)
        }
    }

    func testStringsWithAndWithoutEscapesReadTheSame() throws {
        XCTAssertEqual(try JSONParser.parse(#"["绩效自评", "a\"b", "前\n后", "\u7ee9效", ""]"#),
                       .array([.string("绩效自评"), .string("a\"b"), .string("前\n后"), .string("绩效"), .string("")]))
    }

    func testInvalidUTF8IsRejected() throws {
        let cases: [[UInt8]] = [
            [0x22, 0xFF, 0x22],                  // never valid
            [0x22, 0xC0, 0xAF, 0x22],            // overlong "/"
            [0x22, 0xE4, 0xB8, 0x22],            // truncated 中
            [0x22, 0xED, 0xA0, 0x80, 0x22],      // encoded surrogate
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], // above U+10FFFF
            [0x22, 0x80, 0x22],                  // stray continuation byte
            [0x22, 0xE4, 0xB8],                  // truncated at end of file
        ]
        for bytes in cases {
            let e = try XCTUnwrap(syntaxError(bytes), "\(bytes)")
            XCTAssertTrue(e.messageEn.contains("UTF-8"), e.messageEn)
        }
        XCTAssertEqual(try JSONParser.parse(Array("\"中共\"".utf8)), .string("中共"))
    }

    func testUTF8ErrorPositionIsTheBadByte() throws {
        let e = try XCTUnwrap(syntaxError(Array("[\n\"ab".utf8) + [0xFF] + Array("\"]".utf8)))
        XCTAssertEqual(e.line, 2)
        XCTAssertEqual(e.column, 4)
    }

    func testTrailingCommasAndCommentsAreRejected() {
        for bad in ["[1, 2,]", #"{"a": 1,}"#, "// note\n1", "/* c */ 1", "[1 /* c */]", "[1] // c", "{a: 1}", "{'a': 1}",
                    "NaN", "Infinity", "-Infinity", "[,1]", "[1,,2]", "", "   ", "1 2", "[1]]", "tru", "nul", "True"] {
            XCTAssertNotNil(syntaxError(bad), bad)
        }
    }

    func testMalformedNumbersAreRejected() {
        for bad in ["01", "-01", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "1.e3", "--1"] {
            XCTAssertNotNil(syntaxError(bad), bad)
        }
        for good in ["0", "-0", "0.5", "1e3", "1E-3", "-12.5e+10"] {
            XCTAssertEqual(try JSONParser.parse(good), .number(good))
        }
    }

    func testLoneSurrogatesAreRejected() throws {
        for bad in [#""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\ud800x""#, #""\uDBFF\uDBFF""#] {
            let e = try XCTUnwrap(syntaxError(bad), bad)
            XCTAssertTrue(e.messageEn.contains("surrogate"), e.messageEn)
        }
        XCTAssertEqual(try JSONParser.parse(#""\ud83d\ude00""#), .string("😀"))
        XCTAssertEqual(try JSONParser.parse(#""\u4e2d\u5171""#), .string("中共"))
    }

    func testStringEscapesAndControlCharacters() throws {
        XCTAssertEqual(try JSONParser.parse(#""a\"b\\c\/d\b\f\n\r\t""#), .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        XCTAssertNotNil(syntaxError("\"a\tb\""))   // raw tab
        XCTAssertNotNil(syntaxError("\"a\nb\""))   // raw newline
        XCTAssertNotNil(syntaxError(#""\x41""#))   // unknown escape
        XCTAssertNotNil(syntaxError(#""\u12G4""#))
        XCTAssertNotNil(syntaxError(#""\u12""#))
        XCTAssertNotNil(syntaxError("\"open"))
    }

    func testErrorLineAndColumnOnLineThree() throws {
        let e = try XCTUnwrap(syntaxError("{\n  \"a\": 1,\n  \"b\": x\n}"))
        XCTAssertEqual(e.line, 3)
        XCTAssertEqual(e.column, 8)
        // Columns count characters, not bytes.
        let z = try XCTUnwrap(syntaxError("{\"名称\": x}"))
        XCTAssertEqual(z.line, 1)
        XCTAssertEqual(z.column, 8)
        // A missing comma is reported where the next member starts.
        let c = try XCTUnwrap(syntaxError("{\n\"a\": 1\n\"b\": 2}"))
        XCTAssertEqual(c.line, 3)
        XCTAssertEqual(c.column, 1)
    }

    func testByteOrderMarkIsSkipped() throws {
        XCTAssertEqual(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)), .array([.number("1")]))
    }

    func testDeepNestingIsRejectedNotCrashing() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let e = try XCTUnwrap(syntaxError(deep))
        XCTAssertTrue(e.messageEn.contains("nesting"), e.messageEn)
        let deepObj = String(repeating: "{\"a\":", count: 300) + "1" + String(repeating: "}", count: 300)
        XCTAssertNotNil(syntaxError(deepObj))
        let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        XCTAssertNoThrow(try JSONParser.parse(ok))
        // A hostile file much deeper than the limit must not exhaust the stack either.
        let hostile = String(repeating: "[", count: 100_000)
        XCTAssertNotNil(syntaxError(hostile))
    }

    // MARK: writer

    func testWriterIsStableAndKeepsChinese() throws {
        let value = JSONValue.object(JSONObject([
            ("unit", .string("中共绥宁县委组织部")),
            ("year", .number("2024")),
            ("ok", .bool(true)),
            ("nothing", .null),
            ("text", .string("a \"quote\", a \\ backslash,\nnew line, tab\t, ctl \u{01}, sep \u{2028}, del \u{7F}, 😀")),
            ("empty", .object(JSONObject())),
            ("list", .array([.number("1.30"), .array([]), .object(JSONObject([("k", .string("值"))]))])),
        ]))
        let once = JSONWriter.write(value)
        let twice = JSONWriter.write(try JSONParser.parse(once))
        XCTAssertEqual(once, twice)
        XCTAssertEqual(try JSONParser.parse(once), value)
        XCTAssertTrue(once.contains("\"中共绥宁县委组织部\""))
        XCTAssertTrue(once.contains("😀"))
        XCTAssertFalse(once.contains("\\u4e2d"))
        XCTAssertTrue(once.contains("\\u0001"))
        XCTAssertTrue(once.contains("\\u2028"))
        XCTAssertTrue(once.contains("\\n"))
        XCTAssertTrue(once.hasSuffix("}\n"))
        XCTAssertTrue(once.contains("\n  \"year\": 2024,\n"))
        XCTAssertTrue(once.contains("\"empty\": {}"))
        let compact = JSONWriter.compact(value)
        XCTAssertFalse(compact.contains("\n"))
        XCTAssertEqual(try JSONParser.parse(compact), value)
    }

    func testWriterReproducesTheExampleFiles() throws {
        for name in Fixtures.exampleNames {
            let bytes = try Fixtures.exampleBytes(name)
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssertEqual(JSONWriter.write(try JSONParser.parse(bytes)), text, name)
        }
    }

    // MARK: JSON Pointer

    func testPointerParsingAndEscaping() throws {
        let p = try XCTUnwrap(JSONPointer(parsing: "/a~1b/c~0d/0"))
        XCTAssertEqual(p.tokens, ["a/b", "c~d", "0"])
        XCTAssertEqual(p.description, "/a~1b/c~0d/0")
        XCTAssertEqual(JSONPointer(parsing: "")?.tokens, [])
        XCTAssertEqual(JSONPointer(parsing: "/")?.tokens, [""])
        XCTAssertEqual(JSONPointer(parsing: "/fields/staff_actual")?.tokens, ["fields", "staff_actual"])
        XCTAssertEqual(JSONPointer(["~1"]).description, "/~01")
        XCTAssertEqual(JSONPointer(parsing: "/~01")?.tokens, ["~1"])
        XCTAssertEqual((JSONPointer() / "tables" / "projects" / 3).description, "/tables/projects/3")
    }

    func testPointerRejectsBadEscapes() {
        XCTAssertNil(JSONPointer(parsing: "/a~2"))
        XCTAssertNil(JSONPointer(parsing: "/a~"))
        XCTAssertNil(JSONPointer(parsing: "/~x"))
        XCTAssertNil(JSONPointer(parsing: "fields/a"))
    }

    func testPointerArrayIndexes() {
        XCTAssertEqual(JSONPointer.index("0"), 0)
        XCTAssertEqual(JSONPointer.index("12"), 12)
        XCTAssertNil(JSONPointer.index("01"))
        XCTAssertNil(JSONPointer.index("-"))
        XCTAssertNil(JSONPointer.index("-1"))
        XCTAssertNil(JSONPointer.index(""))
        XCTAssertNil(JSONPointer.index("１"))
    }

    func testResolve() throws {
        let v = try JSONParser.parse(#"{"a/b": {"list": [10, 20, {"~k": "x"}]}}"#)
        XCTAssertEqual(v.resolve(try XCTUnwrap(JSONPointer(parsing: "/a~1b/list/1"))), .number("20"))
        XCTAssertEqual(v.resolve(try XCTUnwrap(JSONPointer(parsing: "/a~1b/list/2/~0k"))), .string("x"))
        XCTAssertEqual(v.resolve(JSONPointer()), v)
        XCTAssertNil(v.resolve(try XCTUnwrap(JSONPointer(parsing: "/a~1b/list/3"))))
        XCTAssertNil(v.resolve(try XCTUnwrap(JSONPointer(parsing: "/a~1b/list/01"))))
        XCTAssertNil(v.resolve(try XCTUnwrap(JSONPointer(parsing: "/missing"))))
        XCTAssertNil(v.resolve(try XCTUnwrap(JSONPointer(parsing: "/a~1b/list/0/deeper"))))
    }
}

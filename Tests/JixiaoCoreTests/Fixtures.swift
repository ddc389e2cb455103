import Foundation
import XCTest
@testable import JixiaoCore

/// Shared test helpers: the repository's templates and example sessions, loaded once.
enum Fixtures {
    static let templatesFolder = TemplateRegistry.sourceTemplates
    static let examplesFolder = (templatesFolder as NSString).appendingPathComponent("examples")
    static let exampleNames = ["lianjiang-2023", "suining-2024", "yiyang-2024", "ziyuan-2022-projects"]

    /// Loaded once for the whole suite (template decoding is the slow part).
    static let registry = TemplateRegistry(folders: [templatesFolder])

    static func examplePath(_ name: String) -> String {
        (examplesFolder as NSString).appendingPathComponent("\(name).json")
    }

    static func load(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> LoadedSession {
        do {
            return try SessionFile.load(examplePath(name), registry: registry)
        } catch {
            XCTFail("cannot load \(name): \(error.render(.en))", file: file, line: line)
            throw error
        }
    }

    static func template(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> Template {
        try XCTUnwrap(registry.template(id: id), "template \(id) is missing", file: file, line: line)
    }

    static func exampleBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: examplePath(name))))
    }

    static func exampleJSON(_ name: String) throws -> JSONValue {
        try JSONParser.parse(try exampleBytes(name))
    }

    static func templateJSON(_ id: String) throws -> JSONValue {
        let path = (templatesFolder as NSString).appendingPathComponent("\(id).json")
        return try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// A fresh, empty folder under the system temp folder, removed when the test ends.
    static func tempFolder(_ test: XCTestCase) throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("jixiao-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func write(_ value: JSONValue, to path: String) throws {
        try write(JSONWriter.write(value), to: path)
    }
}

/// An exact decimal from its literal (test shorthand).
func D(_ literal: String, file: StaticString = #filePath, line: UInt = #line) -> Decimal {
    guard let d = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")) else {
        XCTFail("bad decimal literal \(literal)", file: file, line: line)
        return 0
    }
    return d
}

extension JSONValue {
    /// A copy with the value at `pointer` replaced (nil removes an object member). Array
    /// tokens must name an existing index; "-" appends.
    func setting(_ pointer: String, _ new: JSONValue?) -> JSONValue {
        guard let p = JSONPointer(parsing: pointer) else { fatalError("bad pointer \(pointer)") }
        return Self.set(self, p.tokens[...], new)
    }

    private static func set(_ v: JSONValue, _ tokens: ArraySlice<String>, _ new: JSONValue?) -> JSONValue {
        guard let t = tokens.first else { return new ?? .null }
        let rest = tokens.dropFirst()
        switch v {
        case .object(var o):
            if rest.isEmpty {
                o[t] = new
            } else {
                o[t] = set(o[t] ?? .null, rest, new)
            }
            return .object(o)
        case .array(var a):
            if t == "-" {
                a.append(set(.null, rest, new))
            } else if let n = Int(t), n < a.count {
                if rest.isEmpty, new == nil { a.remove(at: n) } else { a[n] = set(a[n], rest, new) }
            } else {
                fatalError("no index \(t)")
            }
            return .array(a)
        default:
            fatalError("cannot descend into \(v.typeName) at \(t)")
        }
    }
}

extension Array where Element == Problem {
    var errors: [Problem] { filter { $0.severity == .error } }
    var warnings: [Problem] { filter { $0.severity == .warning } }
    func with(code: String) -> [Problem] { filter { $0.code == code } }
    func at(_ pointer: String) -> [Problem] { filter { $0.pointer.description == pointer } }

    var summary: String {
        map { "\($0.severity.rawValue) \($0.code) \($0.pointer): \($0.messageEn)" }.joined(separator: "\n")
    }
}

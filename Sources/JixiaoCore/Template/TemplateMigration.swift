import FoundationEssentials

/// How a sheet written under an older version of a template is read under the current one,
/// when a field moved: written in the template, so that a region's change needs no code.
///
///     "migrations": [
///       {"before": 2, "move": "/fields/inspection", "to": "/tables/project_lines/-",
///        "with": {"name": "派驻纪检监察组工作经费"}},
///       {"before": 2, "move": "/fields/self_score", "to": "/stated/total"}
///     ]
///
/// A document of a version below `before` has the value at `move` taken out and put at `to`:
/// appended to an array when `to` ends in "-", with `with`'s members added to an object value
/// (a grid row becoming a named table row). A value that is absent, null, or an object of
/// nulls is only taken out. Moves apply in order.
public struct TemplateMigration: Sendable {
    public var before: Int
    public var move: JSONPointer
    public var to: JSONPointer
    public var with: JSONObject?

    /// The document with every move for a file of `version` made.
    public static func apply(_ migrations: [TemplateMigration], to doc: JSONValue, version: Int) -> JSONValue {
        var d = doc
        for m in migrations where version < m.before {
            guard let value = take(&d, m.move.tokens[...]), !isEmpty(value) else { continue }
            var moved = value
            if case .object(var o) = value, let with = m.with {
                o = JSONObject(with.members.filter { o[$0.key] == nil } + o.members)
                moved = .object(o)
            }
            put(&d, m.to.tokens[...], moved)
        }
        return d
    }

    static func isEmpty(_ v: JSONValue) -> Bool {
        switch v {
        case .null: return true
        case .object(let o): return o.members.allSatisfy { isEmpty($0.value) }
        default: return false
        }
    }

    /// Removes and returns the value at the pointer's tokens (objects only: fields move, not rows).
    static func take(_ v: inout JSONValue, _ tokens: ArraySlice<String>) -> JSONValue? {
        guard let t = tokens.first, case .object(var o) = v else { return nil }
        let rest = tokens.dropFirst()
        if rest.isEmpty {
            let out = o[t]
            o[t] = nil
            v = .object(o)
            return out
        }
        guard var child = o[t] else { return nil }
        let out = take(&child, rest)
        o[t] = child
        v = .object(o)
        return out
    }

    /// Sets (or, at "-", appends) the value, making the objects and array on the way.
    static func put(_ v: inout JSONValue, _ tokens: ArraySlice<String>, _ value: JSONValue) {
        guard let t = tokens.first else { v = value; return }
        let rest = tokens.dropFirst()
        switch v {
        case .array(var a) where t == "-":
            var item = JSONValue.null
            put(&item, rest, value)
            a.append(item)
            v = .array(a)
        case .object(var o):
            var child = o[t] ?? (rest.first == "-" ? .array([]) : .object(JSONObject()))
            if child == .null { child = rest.first == "-" ? .array([]) : .object(JSONObject()) }
            put(&child, rest, value)
            o[t] = child
            v = .object(o)
        default:
            v = .object(JSONObject())
            put(&v, tokens, value)
        }
    }
}

extension TemplateDecoder {
    static func decodeMigrations(_ o: JSONObject, _ root: JSONPointer, version: Int, _ r: inout JSONReading) -> [TemplateMigration] {
        var out = [TemplateMigration]()
        let p = root / "migrations"
        for (n, mv) in r.array(o, "migrations", root).enumerated() {
            let mp = p / n
            guard let mo = r.object(mv, mp, allowed: ["before", "move", "to", "with"]),
                  let before = r.int(mo, "before", mp, required: true, range: 2...1_000_000),
                  let move = r.string(mo, "move", mp, required: true), let to = r.string(mo, "to", mp, required: true) else { continue }
            if before > version {
                r.fail(mp / "before", "迁移所针对的版本 \(before) 高于模板版本 \(version)", "the migration's version \(before) is above the template's \(version)")
            }
            guard let from = JSONPointer(parsing: move), from.tokens.count >= 2, let dest = JSONPointer(parsing: to), dest.tokens.count >= 2 else {
                r.fail(mp, "move 与 to 应为文件中值的 JSON Pointer（如 /fields/x）", "move and to must be JSON Pointers to values in the file (such as /fields/x)")
                continue
            }
            var with: JSONObject?
            if let wv = mo["with"] { with = r.object(wv, mp / "with") }
            out.append(TemplateMigration(before: before, move: from, to: dest, with: with))
        }
        return out
    }
}

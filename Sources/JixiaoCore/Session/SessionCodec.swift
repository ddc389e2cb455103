import FoundationEssentials

/// Why a session document could not be read. Nothing is written after such a failure.
public struct SessionLoadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// The first problems (`JSONReading.listed`), in the order they were found.
    public var issues: [ReadIssue]
    /// How many more there are: counted, not described.
    public var unlisted = 0

    public var description: String { render(.zh) }

    public func render(_ lang: Language) -> String {
        ReadIssue.render(issues, unlisted: unlisted, file: file, lang)
    }
}

/// Session ⇄ JSON. The layout (see README "文件格式"):
///
///     {
///       "template": {"id": "hunan-dept-overall", "version": 1},
///       "unit": "中共绥宁县委组织部",
///       "year": 2024,
///       "fields": {"staff_authorized": 50, "sangong": {"prev_final": 1.3, …}, …},
///       "tables": {"buildings": [{…}], …},
///       "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": …}, …],
///       "computed": {…, "total": 91.00, "grade": "优秀"}
///     }
///
/// Keys are written in template order, every typed field is present (null when empty) so the
/// file shows what is left to fill, and numbers keep the exact digits entered.
public enum SessionCodec {
    public static let topKeys: Set<String> = ["$schema", "template", "unit", "year", "fields", "tables", "indicators", "stated", "notes", "computed"]

    /// Reads the template reference only, to find which template a document needs.
    public static func templateReference(_ doc: some JSONNode) -> (id: String, version: Int)? {
        guard let t = doc.objectValue?["template"]?.objectValue,
              let id = t["id"]?.stringValue,
              let v = t["version"]?.numberLiteral, let n = Int(v) else { return nil }
        return (id, n)
    }

    /// What is wrong with a document's template reference when `templateReference` finds
    /// none: read as `decode` reads it, so that the message names the key and what it holds
    /// (`/template/version: 应为数字，却是字符串`), not merely that the reference is missing.
    public static func templateReferenceIssues(_ doc: some JSONNode) -> [ReadIssue] {
        var r = JSONReading()
        _ = readReference(doc.objectValue?["template"], &r)
        return r.issues
    }

    static func readReference<V: JSONNode>(_ v: V?, _ r: inout JSONReading) -> (id: String?, version: Int?) {
        let tp = JSONPointer() / "template"
        guard let v else {
            r.fail(tp, "缺少“template”（模板 id 与版本）", "\"template\" (template id and version) is missing")
            return (nil, nil)
        }
        guard let to = r.object(v, tp, allowed: ["id", "version"]) else { return (nil, nil) }
        return (r.string(to, "id", tp, required: true), r.int(to, "version", tp, required: true, range: 1...1_000_000))
    }

    /// Decodes a document against its template. Type errors (a string where a number
    /// belongs, an unknown field) fail the load; questions of content (too many decimals, a
    /// negative amount, a malformed code) are left to `Validator`. The first problems are
    /// described and the rest counted (`JSONReading.listed`); rows and the stored `computed`
    /// block are held to `SessionLimits`. A file is read from its tape (`JSONParser.tape`); a
    /// tree does as well, for documents already parsed.
    public static func decode(_ doc: some JSONNode, template t: Template, file: String) throws(SessionLoadError) -> Session {
        var r = JSONReading()
        let root = JSONPointer()
        guard let o = r.object(doc, root, allowed: topKeys) else {
            throw SessionLoadError(file: file, issues: r.issues.isEmpty ? [ReadIssue(root, "会话文件应是 JSON 对象", "a session file must be a JSON object")] : r.issues, unlisted: r.unlisted)
        }
        var rows = RowBudget()
        var s = Session.new(for: t)
        let ref = readReference(o["template"], &r)
        s.templateID = ref.id ?? t.id
        s.templateVersion = ref.version ?? t.version
        if let u = o["unit"], !u.isNull {
            if let str = u.stringValue { s.unit = str } else { r.fail(root / "unit", "单位名称应为字符串", "the unit must be a string") }
        }
        if let y = o["year"], !y.isNull {
            if let lit = y.numberLiteral, let n = Int(lit), (1949...2200).contains(n) {
                s.year = n
            } else {
                r.fail(root / "year", "年度应为 1949 到 2200 之间的整数", "the year must be a whole number from 1949 to 2200")
            }
        }
        let ix = t.index
        // Named once: messages below are made only for the first problems, but a closure that
        // names `t` copies the whole template for every member even so (in debug builds).
        let tid = t.id
        let fp = root / "fields"
        if let fo = r.object(o["fields"], fp) {
            for (key, v) in fo.members {
                // Made only when something is wrong: a hostile file can have a million keys here.
                var p: JSONPointer { fp / key }
                if let f = ix.fields[key] {
                    if f.isComputed {
                        if !v.isNull { r.fail(p, "“\(f.label)”是计算字段，不能录入（计算结果在 /computed 下）", "\"\(f.labelEn)\" is computed and cannot be typed (see /computed)") }
                        continue
                    }
                    if let fv = value(v, kind: f.kind, label: f.resolved(year: s.year), p, &r) { s.fields[key] = fv }
                } else if let (gid, row) = ix.gridRows[key], row.table == nil, let g = ix.grids[gid] {
                    guard let ro = r.object(v, p) else { continue }
                    var rowValues = [String: FieldValue]()
                    for (col, cv) in ro.members {
                        guard let c = g.columns.first(where: { $0.id == col }) else {
                            r.fail(p / col, "“\(row.label)”没有列“\(col)”", "\"\(row.labelEn)\" has no column \"\(col)\"")
                            continue
                        }
                        if let fv = value(cv, kind: c.kind, label: c.resolved(year: s.year), p / col, &r) { rowValues[col] = fv }
                    }
                    if !rowValues.isEmpty { s.cells[key] = rowValues }
                } else {
                    r.fail(p, "模板“\(tid)”没有字段“\(key)”", "template \"\(tid)\" has no field \"\(key)\"")
                }
            }
        }
        let tbp = root / "tables"
        if let tbo = r.object(o["tables"], tbp) {
            for (key, v) in tbo.members {
                var p: JSONPointer { tbp / key }
                guard let tab = ix.tables[key] else {
                    r.fail(p, "模板“\(tid)”没有表“\(key)”", "template \"\(tid)\" has no table \"\(key)\"")
                    continue
                }
                guard v.isArray else {
                    r.fail(p, "表应为数组，却是\(v.typeNameZh)", "a table must be an array, found \(v.typeName)")
                    continue
                }
                guard rows.take(v.itemCount, p, &r) else { continue }
                var out = [[String: FieldValue]]()
                for (n, rv) in v.items.enumerated() {
                    guard let ro = r.object(rv, p / n) else { continue }
                    var rowValues = [String: FieldValue]()
                    for (col, cv) in ro.members {
                        if col == "stated" {
                            stated(cv, StatedFigures.rowFields(tab), p / n / col, s.year, &r) { rowValues[StatedFigures.rowKey($0)] = $1 }
                            continue
                        }
                        guard let c = tab.columns.first(where: { $0.id == col }) else {
                            r.fail(p / n / col, "表“\(tab.title)”没有列“\(col)”", "table \"\(tab.titleEn)\" has no column \"\(col)\"")
                            continue
                        }
                        if c.isComputed {
                            if !cv.isNull { r.fail(p / n / col, "“\(c.label)”是计算列，不能录入", "\"\(c.labelEn)\" is computed and cannot be typed") }
                            continue
                        }
                        if let fv = value(cv, kind: c.kind, label: c.resolved(year: s.year), p / n / col, &r) { rowValues[col] = fv }
                    }
                    out.append(rowValues)
                }
                s.tables[key] = out
            }
        }
        let ip = root / "indicators"
        if let iv = o["indicators"] {
            if ix.hasIndicators == false {
                if !(iv.isArray ? iv.itemCount == 0 : iv.isNull) { r.fail(ip, "模板“\(t.id)”没有绩效指标", "template \"\(t.id)\" has no indicators") }
            } else if iv.isArray, rows.take(iv.itemCount, ip, &r) {
                // Made once, not per row: a sheet can have 10,000 rows.
                // Kinds, not fields: a field (its labels) is made only for a message.
                let kinds = Dictionary(uniqueKeysWithValues: IndicatorRow.keys.map { ($0, IndicatorRow.field($0, decimals: 0).kind) })
                let places = t.rounding.score
                s.indicators.reserveCapacity(iv.itemCount)
                for (n, rv) in iv.items.enumerated() {
                    guard let ro = r.object(rv, ip / n) else { continue }
                    var row = IndicatorRow()
                    // One pass over the row's members (keys are unique): looking each key up
                    // took a fifth of the time to read a sheet.
                    for (key, cv) in ro.members {
                        guard let kind = kinds[key] else {
                            r.fail(ip / n / key, "未知的键“\(key)”", "unknown key \"\(key)\"")
                            continue
                        }
                        row.set(key, value(cv, kind: kind, label: IndicatorRow.field(key, decimals: places), ip / n / key, &r))
                    }
                    s.indicators.append(row)
                }
            } else if !iv.isArray {
                r.fail(ip, "指标应为数组，却是\(iv.typeNameZh)", "indicators must be an array, found \(iv.typeName)")
            }
        }
        if let sv = o["stated"] {
            stated(sv, StatedFigures.fields(t), root / "stated", s.year, &r) { s.stated[$0] = $1 }
        }
        if let nv = o["notes"], let no = r.object(nv, root / "notes") {
            for (key, v) in no.members {
                guard SheetNote.isNotePointer(key) else {
                    r.fail(root / "notes" / key, "注释的键应为表中某个值的 JSON Pointer（如 /fields/income_prev）", "a note's key must be the JSON Pointer of a value of the sheet (such as /fields/income_prev)")
                    continue
                }
                if case .text(let text)? = value(v, kind: .longtext, label: SheetNote.field, root / "notes" / key, &r) {
                    s.notes[key] = text
                }
            }
        }
        if let c = o["computed"], !c.isNull {
            if !c.isObject {
                r.fail(root / "computed", "computed 应为对象", "computed must be an object")
            } else if c.descendantCount > SessionLimits.computedValues {
                r.fail(root / "computed",
                       "文件中保存的计算结果有 \(c.descendantCount) 个值，超过上限 \(SessionLimits.computedValues)（计算结果每次保存时重写，可删去 computed 后再读取）",
                       "the stored figures hold \(c.descendantCount) values, over the limit of \(SessionLimits.computedValues) (they are rewritten on every save; remove computed and read the file again)")
            } else {
                // A tree only now, and only of a block of bounded size: it is kept to be compared.
                s.storedComputed = c.value
            }
        }
        guard r.issues.isEmpty else { throw SessionLoadError(file: file, issues: r.issues, unlisted: r.unlisted) }
        return s
    }

    /// A `stated` object: each key one of `fields`, each value of its kind.
    static func stated(_ v: some JSONNode, _ fields: [StatedField], _ p: JSONPointer, _ year: Int?, _ r: inout JSONReading,
                       store: (String, FieldValue) -> Void) {
        guard let so = r.object(v, p) else { return }
        for (key, sv) in so.members {
            guard let sf = fields.first(where: { $0.key == key }) else {
                let known = fields.map(\.key)
                r.fail(p / key, "没有可录入的报告所列数“\(key)”（可用：\(known.isEmpty ? "无" : known.joined(separator: "、"))）",
                       "\"\(key)\" cannot be stated here (known: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
                continue
            }
            if let fv = value(sv, kind: sf.field.kind, label: sf.field.resolved(year: year), p / key, &r) { store(key, fv) }
        }
    }

    /// Notes in the order of the values they are on, so that a file's notes are written the
    /// same way whatever order they were read in; notes on nothing go last, by pointer.
    static func notesInSheetOrder(_ notes: [String: String], _ root: JSONObject) -> [(String, String)] {
        var order = [String: Int]()
        func walk(_ v: JSONValue, _ p: JSONPointer) {
            order[p.description] = order.count
            switch v {
            case .object(let o): for m in o.members { walk(m.value, p / m.key) }
            case .array(let a): for (n, x) in a.enumerated() { walk(x, p / n) }
            default: break
            }
        }
        walk(.object(root), JSONPointer())
        return notes.sorted { a, b in (order[a.key] ?? Int.max, a.key) < (order[b.key] ?? Int.max, b.key) }.map { ($0.key, $0.value) }
    }

    /// A JSON value as a typed value of the given kind; nil for null. A wrong JSON type is a
    /// load error naming the field.
    /// The pointer is made only when there is something wrong to say about the value.
    static func value(_ v: some JSONNode, kind: FieldKind, label field: @autoclosure () -> Field, _ pointer: @autoclosure () -> JSONPointer, _ r: inout JSONReading) -> FieldValue? {
        // The label (its {year} filled in) is made only for a message: most values have none.
        var f: Field { field() }
        var en: String { f.labelEn.isEmpty ? f.id : f.labelEn }
        if v.isNull { return nil }
        if kind.isNumeric, let lit = v.numberLiteral {
            if ExactDecimal.parse(lit) == nil {
                r.fail(pointer(), "“\(f.label)”的数字 \(lit) 位数过多（最多 \(ExactDecimal.maxSignificantDigits) 位有效数字）", "the number \(lit) in \"\(en)\" has too many digits (at most \(ExactDecimal.maxSignificantDigits) significant digits)")
                return nil
            }
            return .number(lit)
        }
        if !kind.isNumeric, let str = v.stringValue { return .text(str) }
        if kind.isNumeric {
            r.fail(pointer(), "“\(f.label)”应为数字，却是\(v.typeNameZh)", "\"\(en)\" must be a number, found a \(v.typeName)")
        } else {
            r.fail(pointer(), "“\(f.label)”应为文字，却是\(v.typeNameZh)", "\"\(en)\" must be text, found a \(v.typeName)")
        }
        return nil
    }

    /// The document for a session, with its freshly computed figures (and, for `jixiao get`,
    /// the rows' suggested scores: `Computed.json(suggestions:)`).
    public static func encode(_ s: Session, template t: Template, computed: Computed, suggestions: Bool = false) -> JSONValue {
        var root = JSONObject()
        root.append("template", .object(JSONObject([("id", .string(s.templateID)), ("version", .number(String(s.templateVersion)))])))
        root.append("unit", .string(s.unit))
        root.append("year", s.year.map { .number(String($0)) } ?? .null)
        let ix = t.index
        var fields = JSONObject()
        for sec in t.sections {
            for b in sec.blocks {
                switch b {
                case .fields(let g):
                    for f in g.fields where !f.isComputed {
                        fields.append(f.id, s.fields[f.id]?.json ?? .null)
                    }
                case .grid(let g):
                    for row in ix.valueRows(of: g) {
                        var ro = JSONObject()
                        for c in g.columns { ro.append(c.id, s.cells[row.id]?[c.id]?.json ?? .null) }
                        fields.append(row.id, .object(ro))
                    }
                default:
                    break
                }
            }
        }
        root.append("fields", .object(fields))
        var tables = JSONObject()
        for tid in ix.tableOrder {
            guard let tab = ix.tables[tid] else { continue }
            let statedColumns = StatedFigures.rowFields(tab).map(\.key)
            let rows: [JSONValue] = (s.tables[tid] ?? []).map { row in
                var ro = JSONObject()
                for c in tab.columns where !c.isComputed { ro.append(c.id, row[c.id]?.json ?? .null) }
                // Only where the report states something: most sheets are not transcriptions.
                let stated = JSONObject(statedColumns.compactMap { k in row[StatedFigures.rowKey(k)].map { (k, $0.json) } })
                if !stated.members.isEmpty { ro.append("stated", .object(stated)) }
                return .object(ro)
            }
            tables.append(tid, .array(rows))
        }
        root.append("tables", .object(tables))
        if ix.hasIndicators {
            root.append("indicators", .array(s.indicators.map { row in
                var ro = JSONObject()
                for key in IndicatorRow.keys {
                    if IndicatorRow.numericKeys.contains(key) {
                        ro.append(key, row.value(key)?.json ?? .null)
                    } else {
                        ro.append(key, .string(row.value(key)?.text ?? ""))
                    }
                }
                return .object(ro)
            }))
        }
        if !s.stated.isEmpty {
            root.append("stated", .object(JSONObject(StatedFigures.fields(t).compactMap { f in s.stated[f.key].map { (f.key, $0.json) } })))
        }
        if !s.notes.isEmpty {
            root.append("notes", .object(JSONObject(notesInSheetOrder(s.notes, root).map { ($0.0, JSONValue.string($0.1)) })))
        }
        root.append("computed", computed.json(suggestions: suggestions ? s.indicators : nil))
        return .object(root)
    }
}

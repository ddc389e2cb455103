/// The JSON Schema (draft 2020-12) of a template's session files, so that any validator (a
/// finance bureau's Python script, an editor plugin) can check a file's shape without Jixiao.
///
/// The schema checks structure and types: known keys only, numbers where numbers belong,
/// counts whole, money not negative, dates and codes by pattern, 一级/二级 names from the
/// template. It accepts null for every typed value so that drafts conform too; completeness
/// and arithmetic are `jixiao validate`'s job.
public enum SessionSchema {
    public static func generate(_ t: Template) -> JSONValue {
        let ix = t.index
        var fields = JSONObject()
        for sec in t.sections {
            for b in sec.blocks {
                switch b {
                case .fields(let g):
                    for f in g.fields where !f.isComputed { fields.append(f.id, schema(for: f)) }
                case .grid(let g):
                    for row in ix.valueRows(of: g) {
                        var props = JSONObject()
                        for c in g.columns { props.append(c.id, schema(for: c)) }
                        fields.append(row.id, object(props, title: row.label))
                    }
                default:
                    break
                }
            }
        }
        var tables = JSONObject()
        for tid in ix.tableOrder {
            guard let tab = ix.tables[tid] else { continue }
            var props = JSONObject()
            for c in tab.columns where !c.isComputed { props.append(c.id, schema(for: c)) }
            let stated = StatedFigures.rowFields(tab)
            if !stated.isEmpty { props.append("stated", statedObject(stated, title: "报告所列（本行）")) }
            tables.append(tid, .object(JSONObject([
                ("title", .string(tab.title)),
                ("type", .string("array")),
                ("items", object(props, title: nil)),
            ])))
        }
        var props = JSONObject()
        props.append("$schema", .object(JSONObject([("type", .string("string"))])))
        props.append("template", object(JSONObject([
            ("id", .object(JSONObject([("const", .string(t.id))]))),
            ("version", .object(JSONObject([("type", .string("integer")), ("minimum", .number("1")), ("maximum", .number(String(t.version)))]))),
        ]), title: "模板", required: ["id", "version"]))
        props.append("unit", .object(JSONObject([("title", .string(t.unitLabel)), ("type", .string("string"))])))
        props.append("year", .object(JSONObject([("title", .string("年度")), ("type", types(["integer", "null"])),
                                                 ("minimum", .number("1949")), ("maximum", .number("2200"))])))
        props.append("fields", object(fields, title: "录入的字段"))
        props.append("tables", object(tables, title: "可增减行的表"))
        var required = ["template", "unit", "year", "fields"]
        if let scheme = t.indicators, ix.hasIndicators {
            props.append("indicators", .object(JSONObject([
                ("title", .string("三级绩效指标")),
                ("type", .string("array")),
                ("items", indicatorRow(scheme)),
            ])))
            required.append("indicators")
        }
        let stated = StatedFigures.fields(t)
        if !stated.isEmpty { props.append("stated", statedObject(stated, title: "报告所列（抄录的报告中写明的数）")) }
        props.append("notes", .object(JSONObject([
            ("title", .string("注释：键为表中某个值的 JSON Pointer")),
            ("type", .string("object")),
            ("propertyNames", .object(JSONObject([("pattern", .string("^/(unit|year|fields|tables|indicators|stated)(/|$)"))]))),
            ("additionalProperties", .object(JSONObject([("type", .string("string"))]))),
        ])))
        props.append("computed", .object(JSONObject([
            ("title", .string("计算结果（由 jixiao 写入，读取时重新计算）")),
            ("type", .string("object")),
            ("properties", .object(JSONObject([
                ("total", .object(JSONObject([("type", types(["number", "null"]))]))),
                ("grade", .object(JSONObject([("type", types(["string", "null"]))] + (t.grades.isEmpty ? [] : [("enum", .array(t.grades.map { .string($0.grade) } + [.null]))])))),
            ]))),
        ])))
        var root = JSONObject()
        root.append("$schema", .string("https://json-schema.org/draft/2020-12/schema"))
        root.append("$id", .string("urn:jixiao:template:\(t.id):\(t.version)"))
        root.append("title", .string(t.title(year: nil)))
        root.append("description", .string(t.description))
        root.append("type", .string("object"))
        root.append("required", .array(required.map(JSONValue.string)))
        root.append("additionalProperties", .bool(false))
        root.append("properties", .object(props))
        return .object(root)
    }

    static func types(_ names: [String]) -> JSONValue { .array(names.map(JSONValue.string)) }

    static func object(_ props: JSONObject, title: String?, required: [String] = []) -> JSONValue {
        var o = JSONObject()
        if let title { o.append("title", .string(title)) }
        o.append("type", .string("object"))
        if !required.isEmpty { o.append("required", .array(required.map(JSONValue.string))) }
        o.append("additionalProperties", .bool(false))
        o.append("properties", .object(props))
        return .object(o)
    }

    /// What a report may state, each value of its kind (a stated rate may be negative).
    static func statedObject(_ fields: [StatedField], title: String) -> JSONValue {
        var props = JSONObject()
        for sf in fields { props.append(sf.key, schema(for: sf.field)) }
        return object(props, title: title)
    }

    static func schema(for f: Field) -> JSONValue {
        var o = JSONObject()
        o.append("title", .string(f.label))
        if !f.unit.isEmpty { o.append("description", .string("单位：\(f.unit)")) }
        switch f.kind {
        case .count:
            o.append("type", types(["integer", "null"]))
            o.append("minimum", .number("0"))
        case .money, .score, .number:
            o.append("type", types(["number", "null"]))
            if !f.signed { o.append("minimum", .number("0")) }
        case .percent:
            o.append("type", types(["number", "null"]))
        case .date:
            o.append("type", types(["string", "null"]))
            o.append("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
        case .code:
            o.append("type", types(["string", "null"]))
            if let p = f.pattern { o.append("pattern", .string(p)) }
        case .text, .longtext, .grade:
            o.append("type", types(["string", "null"]))
        }
        if let max = f.max { o.append("maximum", .number("\(max)")) }
        return .object(o)
    }

    static func indicatorRow(_ scheme: IndicatorScheme) -> JSONValue {
        func text(_ title: String) -> JSONValue { .object(JSONObject([("title", .string(title)), ("type", .string("string"))])) }
        func points(_ title: String) -> JSONValue {
            .object(JSONObject([("title", .string(title)), ("type", types(["number", "null"])), ("minimum", .number("0"))]))
        }
        var level2 = [String]()
        for tier in scheme.tiers { for n in tier.level2 where !level2.contains(n) { level2.append(n) } }
        var props = JSONObject()
        props.append("level1", .object(JSONObject([("title", .string("一级指标")), ("enum", .array(scheme.tiers.map { .string($0.name) } + [.string("")]))])))
        props.append("level2", .object(JSONObject([("title", .string("二级指标")), ("enum", .array(level2.map(JSONValue.string) + [.string("")]))])))
        props.append("name", text(scheme.nameLabel))
        props.append("target", text(scheme.targetLabel))
        props.append("actual", text(scheme.actualLabel))
        props.append("weight", points("分值"))
        props.append("score", points(scheme.scoreLabel))
        props.append("deviation", text(scheme.deviationLabel))
        // Each 二级 belongs to its own 一级: 数量指标 under 效益指标 does not conform.
        let pairs: [JSONValue] = scheme.tiers.map { tier in
            .object(JSONObject([
                ("if", .object(JSONObject([("properties", .object(JSONObject([("level1", .object(JSONObject([("const", .string(tier.name))])))]))), ("required", .array([.string("level1")]))]))),
                ("then", .object(JSONObject([("properties", .object(JSONObject([("level2", .object(JSONObject([("enum", .array(tier.level2.map(JSONValue.string) + [.string("")]))])))])))]))),
            ]))
        }
        var o = JSONObject()
        o.append("type", .string("object"))
        o.append("required", .array(["level1", "level2", "name"].map(JSONValue.string)))
        o.append("additionalProperties", .bool(false))
        o.append("properties", .object(props))
        o.append("allOf", .array(pairs))
        return .object(o)
    }
}

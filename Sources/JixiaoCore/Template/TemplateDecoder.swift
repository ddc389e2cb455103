import FoundationEssentials

/// Every problem in one template file, each with the file, the JSON path and what is wrong.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var issues: [ReadIssue]
    /// Problems beyond the first `issues`, counted only (`JSONReading.listed`).
    public var unlisted = 0

    public var description: String { render(.zh) }

    public func render(_ lang: Language) -> String {
        ReadIssue.render(issues, unlisted: unlisted, file: file, lang)
    }
}

/// Turns a template document into a `Template`, checking its structure and then its meaning:
/// unique ids, references that resolve, formulas that fit the kinds, bands in order, tier
/// weights that make up the total.
public enum TemplateDecoder {
    public static func decode(_ bytes: [UInt8], source: String) throws(TemplateError) -> Template {
        let doc: JSONValue
        do {
            doc = try JSONParser.parse(bytes)
        } catch {
            throw TemplateError(file: source, issues: [ReadIssue(JSONPointer(), "第 \(error.line) 行第 \(error.column) 列：\(error.message)", "line \(error.line), column \(error.column): \(error.messageEn)")])
        }
        var r = JSONReading()
        var t = decodeTemplate(doc, source: source, &r)
        if let sections = t?.sections { t?.index = TemplateIndex(sections) }
        if var tt = t, r.issues.isEmpty {
            TemplateChecker.check(tt, &r)
            if tt.form.isGenerated {
                tt.form = GeneratedForm.layout(for: tt)
            } else if r.issues.isEmpty {
                FormChecker.check(tt.form, tt, &r)
            }
            t = tt
        }
        guard let t, r.issues.isEmpty else { throw TemplateError(file: source, issues: r.issues, unlisted: r.unlisted) }
        return t
    }

    static let fieldKeys: Set<String> = ["id", "label", "labelEn", "kind", "unit", "decimals", "required", "pattern", "patternHint", "patternHintEn", "compute", "max", "signed", "note"]

    static func decodeTemplate(_ doc: JSONValue, source: String, _ r: inout JSONReading) -> Template? {
        let root = JSONPointer()
        guard let o = r.object(doc, root, allowed: ["id", "version", "title", "titleEn", "region", "description", "unitLabel", "rounding", "platform", "sections", "indicators", "total", "grades", "checks", "migrations", "form", "$schema"]) else { return nil }
        let id = r.string(o, "id", root, required: true) ?? ""
        if !id.isEmpty && !isIdentifier(id, allowDash: true) {
            r.fail(root / "id", "模板 id 只能含小写字母、数字、“-”和“_”", "a template id may hold only lower-case letters, digits, '-' and '_'")
        }
        let version = r.int(o, "version", root, required: true, range: 1...1_000_000) ?? 1
        var rounding = Rounding()
        if let ro = r.object(o["rounding"], root / "rounding", allowed: ["money", "percent", "score", "number"]) {
            let p = root / "rounding"
            rounding.money = r.int(ro, "money", p, range: 0...8) ?? rounding.money
            rounding.percent = r.int(ro, "percent", p, range: 0...8) ?? rounding.percent
            rounding.score = r.int(ro, "score", p, range: 0...8) ?? rounding.score
            rounding.number = r.int(ro, "number", p, range: 0...8) ?? rounding.number
        }
        var sections = [Section]()
        for (n, sv) in r.array(o, "sections", root, required: true).enumerated() {
            if let s = decodeSection(sv, root / "sections" / n, rounding, &r) { sections.append(s) }
        }
        var scheme: IndicatorScheme?
        if let iv = o["indicators"] { scheme = decodeIndicators(iv, root / "indicators", &r) }
        var grades = [GradeBand]()
        for (n, gv) in r.array(o, "grades", root, required: true).enumerated() {
            let p = root / "grades" / n
            guard let go = r.object(gv, p, allowed: ["grade", "gradeEn", "above", "inclusive"]) else { continue }
            grades.append(GradeBand(
                grade: r.string(go, "grade", p, required: true) ?? "",
                gradeEn: r.string(go, "gradeEn", p) ?? "",
                above: r.decimal(go, "above", p),
                inclusive: r.bool(go, "inclusive", p) ?? true))
        }
        var checks = [Check]()
        for (n, cv) in r.array(o, "checks", root).enumerated() {
            if let c = decodeCheck(cv, root / "checks" / n, &r) { checks.append(c) }
        }
        var total: Formula?
        if let tv = o["total"] { total = decodeFormula(tv, root / "total", &r) }
        let form = o["form"].flatMap { FormDecoder.decode($0, root / "form", &r) }
        let platform = o["platform"].map { decodePlatform($0, root / "platform", &r) } ?? PlatformRules()
        var template = Template(
            id: id, version: version,
            title: r.string(o, "title", root, required: true) ?? "",
            titleEn: r.string(o, "titleEn", root) ?? "",
            region: r.string(o, "region", root) ?? "",
            description: r.string(o, "description", root) ?? "",
            unitLabel: r.string(o, "unitLabel", root) ?? "单位名称",
            rounding: rounding, platform: platform, sections: sections, indicators: scheme, grades: grades,
            checks: checks, total: total, migrations: decodeMigrations(o, root, version: version, &r), source: source)
        if let form { template.form = form }
        return template
    }

    static func decodeSection(_ v: JSONValue, _ p: JSONPointer, _ rounding: Rounding, _ r: inout JSONReading) -> Section? {
        guard let o = r.object(v, p, allowed: ["id", "title", "titleEn", "blocks"]) else { return nil }
        var blocks = [Block]()
        for (n, bv) in r.array(o, "blocks", p, required: true).enumerated() {
            if let b = decodeBlock(bv, p / "blocks" / n, rounding, &r) { blocks.append(b) }
        }
        return Section(id: r.string(o, "id", p, required: true) ?? "",
                       title: r.string(o, "title", p, required: true) ?? "",
                       titleEn: r.string(o, "titleEn", p) ?? "", blocks: blocks)
    }

    static func decodeBlock(_ v: JSONValue, _ p: JSONPointer, _ rounding: Rounding, _ r: inout JSONReading) -> Block? {
        guard let o = r.object(v, p) else { return nil }
        let type = r.string(o, "type", p, required: true) ?? ""
        func fields(_ key: String) -> [Field] {
            r.array(o, key, p, required: true).enumerated().compactMap { n, fv in
                decodeField(fv, p / key / n, rounding, &r)
            }
        }
        switch type {
        case "unit", "indicators", "result":
            _ = r.object(v, p, allowed: ["type"])
            return type == "unit" ? .unit : type == "indicators" ? .indicators : .result
        case "fields":
            _ = r.object(v, p, allowed: ["type", "title", "titleEn", "fields", "footer"])
            return .fields(FieldGroup(title: r.string(o, "title", p) ?? "", titleEn: r.string(o, "titleEn", p) ?? "",
                                      fields: fields("fields"), footer: r.bool(o, "footer", p) ?? false))
        case "grid":
            _ = r.object(v, p, allowed: ["type", "id", "title", "titleEn", "corner", "columns", "rows"])
            var rows = [GridRow]()
            for (n, rv) in r.array(o, "rows", p, required: true).enumerated() {
                let rp = p / "rows" / n
                guard let ro = r.object(rv, rp, allowed: ["id", "label", "labelEn", "indent", "sumOf", "table", "nameLabel"]) else { continue }
                let sumOf = r.array(ro, "sumOf", rp).enumerated().compactMap { k, s -> String? in
                    guard let str = s.stringValue else {
                        r.fail(rp / "sumOf" / k, "应为行 id 字符串", "expected a row id string")
                        return nil
                    }
                    return str
                }
                rows.append(GridRow(id: r.string(ro, "id", rp, required: true) ?? "",
                                    label: r.string(ro, "label", rp, required: true) ?? "",
                                    labelEn: r.string(ro, "labelEn", rp) ?? "",
                                    indent: r.int(ro, "indent", rp, range: 0...4) ?? 0,
                                    sumOf: sumOf, table: r.string(ro, "table", rp),
                                    nameLabel: r.string(ro, "nameLabel", rp) ?? "名称"))
            }
            return .grid(Grid(id: r.string(o, "id", p, required: true) ?? "",
                              title: r.string(o, "title", p) ?? "", titleEn: r.string(o, "titleEn", p) ?? "",
                              corner: r.string(o, "corner", p) ?? "项目",
                              columns: fields("columns"), rows: rows))
        case "table":
            _ = r.object(v, p, allowed: ["type", "id", "title", "titleEn", "columns", "totals", "requirements", "numbered"])
            var reqs = [RowRequirement]()
            for (n, qv) in r.array(o, "requirements", p).enumerated() {
                let qp = p / "requirements" / n
                guard let qo = r.object(qv, qp, allowed: ["column", "when", "severity", "message", "messageEn"]) else { continue }
                var conds = [RowCondition]()
                for (k, cv) in r.array(qo, "when", qp, required: true).enumerated() {
                    let cp = qp / "when" / k
                    guard let co = r.object(cv, cp, allowed: ["column", "oneOf", "absAtLeast"]) else { continue }
                    let col = r.string(co, "column", cp, required: true) ?? ""
                    if co["oneOf"] != nil {
                        let vals = r.array(co, "oneOf", cp).compactMap(\.stringValue)
                        conds.append(.oneOf(column: col, values: vals))
                    } else if let d = r.decimal(co, "absAtLeast", cp) {
                        conds.append(.absAtLeast(column: col, value: d))
                    } else {
                        r.fail(cp, "条件应有“oneOf”或“absAtLeast”", "a condition needs \"oneOf\" or \"absAtLeast\"")
                    }
                }
                reqs.append(RowRequirement(column: r.string(qo, "column", qp, required: true) ?? "", when: conds,
                                           severity: severity(qo, qp, &r),
                                           message: r.string(qo, "message", qp, required: true) ?? "",
                                           messageEn: r.string(qo, "messageEn", qp) ?? ""))
            }
            return .table(Table(id: r.string(o, "id", p, required: true) ?? "",
                                title: r.string(o, "title", p) ?? "", titleEn: r.string(o, "titleEn", p) ?? "",
                                columns: fields("columns"),
                                totals: r.array(o, "totals", p).compactMap(\.stringValue),
                                requirements: reqs, numbered: r.bool(o, "numbered", p) ?? false, gridID: nil))
        default:
            r.fail(p / "type", "未知的块类型“\(type)”（可用：unit、fields、grid、table、indicators、result）",
                   "unknown block type \"\(type)\" (known: unit, fields, grid, table, indicators, result)")
            return nil
        }
    }

    static func severity(_ o: JSONObject, _ p: JSONPointer, _ r: inout JSONReading) -> Severity {
        guard let s = r.string(o, "severity", p) else { return .error }
        guard let sev = Severity(rawValue: s) else {
            r.fail(p / "severity", "严重程度应为 error 或 warning", "severity must be error or warning")
            return .error
        }
        return sev
    }

    static func decodeField(_ v: JSONValue, _ p: JSONPointer, _ rounding: Rounding, _ r: inout JSONReading) -> Field? {
        guard let o = r.object(v, p, allowed: fieldKeys) else { return nil }
        let id = r.string(o, "id", p, required: true) ?? ""
        if !id.isEmpty && !isIdentifier(id, allowDash: false) {
            r.fail(p / "id", "字段 id “\(id)”只能含小写字母、数字和“_”，并以字母开头", "field id \"\(id)\" may hold only lower-case letters, digits and '_', starting with a letter")
        }
        let kindName = r.string(o, "kind", p, required: true) ?? "text"
        let kind = FieldKind(rawValue: kindName) ?? {
            r.fail(p / "kind", "未知的字段类型“\(kindName)”（可用：\(FieldKind.allCases.map(\.rawValue).joined(separator: "、"))）",
                   "unknown field kind \"\(kindName)\" (known: \(FieldKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            return .text
        }()
        let defaultDecimals: Int
        switch kind {
        case .money: defaultDecimals = rounding.money
        case .percent: defaultDecimals = rounding.percent
        case .score: defaultDecimals = rounding.score
        case .number: defaultDecimals = rounding.number
        default: defaultDecimals = 0
        }
        let formula = o["compute"].flatMap { decodeFormula($0, p / "compute", &r) }
        let pattern = r.string(o, "pattern", p)
        if let pattern, !CodePattern.isValid(pattern) {
            r.fail(p / "pattern", "正则表达式无效", "invalid regular expression")
        }
        if kind == .code && pattern == nil {
            r.fail(p / "pattern", "code 类型的字段需要 pattern", "a code field needs a pattern")
        }
        let required = r.bool(o, "required", p) ?? false
        if required && formula != nil {
            r.fail(p / "required", "计算字段不能标为必填", "a computed field cannot be required")
        }
        return Field(id: id,
                     label: r.string(o, "label", p, required: true) ?? "",
                     labelEn: r.string(o, "labelEn", p) ?? "",
                     kind: kind,
                     unit: r.string(o, "unit", p) ?? (kind == .percent ? "%" : kind == .score ? "分" : ""),
                     decimals: r.int(o, "decimals", p, range: 0...8) ?? defaultDecimals,
                     required: required,
                     pattern: pattern, patternHint: r.string(o, "patternHint", p),
                     patternHintEn: r.string(o, "patternHintEn", p),
                     formula: formula, max: r.decimal(o, "max", p),
                     signed: r.bool(o, "signed", p) ?? false,
                     note: r.string(o, "note", p) ?? "")
    }

    static func decodeFormula(_ v: JSONValue, _ p: JSONPointer, _ r: inout JSONReading) -> Formula? {
        guard let o = r.object(v, p) else { return nil }
        guard o.members.count == 1, let (key, arg) = o.members.first.map({ ($0.key, $0.value) }) else {
            r.fail(p, "公式应是只有一个键的对象（sum、ratio、difference、changeRate、score、grade、average）",
                   "a formula is an object with one key (sum, ratio, difference, changeRate, score, grade, average)")
            return nil
        }
        let ap = p / key
        func refs() -> [String]? {
            guard let a = arg.arrayValue, !a.isEmpty else {
                r.fail(ap, "应为引用字符串的数组", "expected an array of reference strings")
                return nil
            }
            let strs = a.compactMap(\.stringValue)
            guard strs.count == a.count else {
                r.fail(ap, "引用应为字符串", "references must be strings")
                return nil
            }
            return strs
        }
        func pair() -> (String, String)? {
            guard let s = refs() else { return nil }
            guard s.count == 2 else {
                r.fail(ap, "应正好有两个引用", "expected exactly two references")
                return nil
            }
            return (s[0], s[1])
        }
        switch key {
        case "sum": return refs().map(Formula.sum)
        case "ratio": return pair().map { .ratio($0.0, $0.1) }
        case "difference": return pair().map { .difference($0.0, $0.1) }
        case "changeRate": return pair().map { .changeRate($0.0, $0.1) }
        case "grade", "average":
            guard let s = arg.stringValue else {
                r.fail(ap, "应为一个引用字符串", "expected one reference string")
                return nil
            }
            return key == "grade" ? .grade(s) : .average(s)
        case "score":
            guard let so = r.object(arg, ap, allowed: ["rate", "weight", "cap"]) else { return nil }
            guard let rate = r.string(so, "rate", ap, required: true), let w = r.decimal(so, "weight", ap, required: true) else { return nil }
            return .score(rate: rate, weight: w, cap: r.bool(so, "cap", ap) ?? true)
        default:
            r.fail(p / key, "未知的公式“\(key)”", "unknown formula \"\(key)\"")
            return nil
        }
    }

    static func decodeIndicators(_ v: JSONValue, _ p: JSONPointer, _ r: inout JSONReading) -> IndicatorScheme? {
        guard let o = r.object(v, p, allowed: ["tiers", "otherWeight", "otherWeightLabel", "totalWeight", "labels"]) else { return nil }
        var tiers = [IndicatorTier]()
        for (n, tv) in r.array(o, "tiers", p, required: true).enumerated() {
            let tp = p / "tiers" / n
            guard let to = r.object(tv, tp, allowed: ["name", "nameEn", "weight", "level2"]) else { continue }
            tiers.append(IndicatorTier(name: r.string(to, "name", tp, required: true) ?? "",
                                       nameEn: r.string(to, "nameEn", tp) ?? "",
                                       weight: r.decimal(to, "weight", tp),
                                       level2: r.array(to, "level2", tp, required: true).compactMap(\.stringValue)))
        }
        let labels = r.object(o["labels"], p / "labels", allowed: ["name", "target", "actual", "score", "deviation"]) ?? JSONObject()
        let lp = p / "labels"
        return IndicatorScheme(tiers: tiers,
                               otherWeight: r.decimal(o, "otherWeight", p) ?? 0,
                               otherWeightLabel: r.string(o, "otherWeightLabel", p) ?? "",
                               totalWeight: r.decimal(o, "totalWeight", p) ?? 100,
                               nameLabel: r.string(labels, "name", lp) ?? "三级指标",
                               targetLabel: r.string(labels, "target", lp) ?? "年度指标值",
                               actualLabel: r.string(labels, "actual", lp) ?? "实际完成值",
                               scoreLabel: r.string(labels, "score", lp) ?? "得分",
                               deviationLabel: r.string(labels, "deviation", lp) ?? "偏差原因分析及改进措施")
    }

    static func decodeCheck(_ v: JSONValue, _ p: JSONPointer, _ r: inout JSONReading) -> Check? {
        guard let o = r.object(v, p, allowed: ["id", "sum", "equals", "stated", "computed", "severity", "message", "messageEn"]) else { return nil }
        let rule: Check.Rule
        if o["sum"] != nil {
            let parts = r.array(o, "sum", p).compactMap(\.stringValue)
            guard let whole = r.string(o, "equals", p, required: true) else { return nil }
            rule = .sumEquals(parts: parts, whole: whole)
        } else if let stated = r.string(o, "stated", p) {
            guard let computed = r.string(o, "computed", p, required: true) else { return nil }
            rule = .statedMatches(stated: stated, computed: computed)
        } else {
            r.fail(p, "检查应有“sum”+“equals”或“stated”+“computed”", "a check needs \"sum\" + \"equals\" or \"stated\" + \"computed\"")
            return nil
        }
        return Check(id: r.string(o, "id", p, required: true) ?? "", rule: rule, severity: severity(o, p, &r),
                     message: r.string(o, "message", p, required: true) ?? "", messageEn: r.string(o, "messageEn", p) ?? "")
    }

    static func isIdentifier(_ s: String, allowDash: Bool) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || (allowDash && $0 == "-") }
    }
}

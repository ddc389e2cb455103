import FoundationEssentials

/// One `pointer=value` assignment, as `jixiao set` takes them.
public struct Assignment: Sendable, Equatable {
    public var pointer: String
    public var value: String
    /// Clears the value (or deletes the row) instead of setting text. Said apart from `value`
    /// so that text is text whatever it spells: a 偏差原因 typed as the word "null" in the
    /// editor is stored as that word. Only the command line reads "=null" as clearing.
    public var clears: Bool

    public init(pointer: String, value: String, clears: Bool = false) {
        self.pointer = pointer
        self.value = value
        self.clears = clears
    }

    /// Clears what `pointer` names: a field becomes blank, a row is deleted.
    public static func clearing(_ pointer: String) -> Assignment {
        Assignment(pointer: pointer, value: "", clears: true)
    }

    /// Splits "/fields/staff_actual=42" at the first "="; "=null" clears (as README says).
    public static func parse(_ arg: String) -> Assignment? {
        guard arg.hasPrefix("/"), let eq = arg.firstIndex(of: "=") else { return nil }
        let value = String(arg[arg.index(after: eq)...])
        return Assignment(pointer: String(arg[..<eq]), value: value, clears: value.trimmingWhitespace() == "null")
    }
}

/// An assignment that cannot be applied: which one and why. Nothing is applied then.
public struct EditError: Error, Sendable, Equatable {
    public var pointer: String
    public var message: String
    public var messageEn: String

    public func render(_ lang: Language) -> String { "\(pointer): \(lang.pick(message, messageEn))" }
}

/// Applies RFC 6901 pointer assignments to a session, all or none.
///
///     /unit=中共绥宁县委组织部          /year=2024
///     /fields/staff_actual=42         /fields/sangong/final=1.2
///     /tables/buildings/-={"name": "办公楼", "approved_area": 1200}
///     /tables/projects/0/score=90     /tables/projects/3=null   (deletes row 3)
///     /indicators/-/name=培训人次      /indicators/0/score=3
///     /stated/total=91                /tables/projects/19/stated/exec_rate=6.85
///
/// "-" appends a row (RFC 6901's "past the end"); a row takes a JSON object; a clearing
/// assignment (`=null` on the command line) deletes a row or clears a field; values are parsed
/// by the field's kind (`InputParser`).
public enum SessionEditor {
    public static func apply(_ assignments: [Assignment], to session: Session, _ t: Template) throws(EditError) -> Session {
        var s = session
        for a in assignments { try apply(a, &s, t) }
        return s
    }

    /// One assignment, made on the session in place (no copy of a 10,000-row sheet for one
    /// cell). When it throws, the session is as it was: every branch parses before it stores.
    public static func apply(_ a: Assignment, to s: inout Session, _ t: Template) throws(EditError) {
        try apply(a, &s, t)
    }

    /// The value typed text gives one cell of an indicator row, without changing any session:
    /// the editor's live preview of a 分值 or 得分 being typed.
    public static func indicatorValue(_ key: String, _ text: String, pointer: String, _ t: Template) throws(EditError) -> FieldValue? {
        try parseIndicator(Assignment(pointer: pointer, value: text), key, text, t)
    }

    static func fail(_ a: Assignment, _ zh: String, _ en: String) -> EditError {
        EditError(pointer: a.pointer, message: zh, messageEn: en)
    }

    static func apply(_ a: Assignment, _ s: inout Session, _ t: Template) throws(EditError) {
        guard let p = JSONPointer(parsing: a.pointer), let head = p.tokens.first else {
            throw fail(a, "不是有效的 JSON Pointer（应以“/”开头，如 /fields/staff_actual）", "not a valid JSON Pointer (it starts with '/', e.g. /fields/staff_actual)")
        }
        let ix = t.index
        let rest = Array(p.tokens.dropFirst())
        let isNull = a.clears
        switch head {
        case "unit":
            guard rest.isEmpty else { throw fail(a, "单位名称没有下级", "the unit has no parts") }
            s.unit = try parse(a, t.unitField, isNull)?.text ?? ""
        case "year":
            guard rest.isEmpty else { throw fail(a, "年度没有下级", "the year has no parts") }
            let v = InputParser.trim(a.value, keepInnerLines: false).replacing("年", with: "")
            if v.isEmpty || isNull { s.year = nil; return }
            guard let y = Int(v), (1949...2200).contains(y) else { throw fail(a, "年度应为 1949 到 2200 之间的整数", "the year must be a whole number from 1949 to 2200") }
            s.year = y
        case "fields":
            guard let id = rest.first else { throw fail(a, "请指明字段，如 /fields/staff_actual", "name a field, e.g. /fields/staff_actual") }
            if let f = ix.fields[id] {
                guard rest.count == 1 else { throw fail(a, "字段“\(f.label)”没有下级", "field \"\(f.labelEn)\" has no parts") }
                guard !f.isComputed else { throw computed(a, f) }
                s.fields[id] = try parse(a, f.resolved(year: s.year), isNull)
            } else if let (gid, row) = ix.gridRows[id], row.table == nil, let g = ix.grids[gid] {
                guard rest.count == 2, let col = g.columns.first(where: { $0.id == rest[1] }) else {
                    throw fail(a, "请指明“\(row.label)”的列：\(g.columns.map(\.id).joined(separator: "、"))", "name a column of \"\(row.labelEn)\": \(g.columns.map(\.id).joined(separator: ", "))")
                }
                var cells = s.cells[id] ?? [:]
                cells[col.id] = try parse(a, col.resolved(year: s.year), isNull)
                s.cells[id] = cells.isEmpty ? nil : cells
            } else {
                throw fail(a, "模板“\(t.id)”没有字段“\(id)”", "template \"\(t.id)\" has no field \"\(id)\"")
            }
        case "tables":
            guard !ix.tableOrder.isEmpty else { throw fail(a, "模板“\(t.id)”没有可增减行的表", "template \"\(t.id)\" has no tables") }
            guard let tid = rest.first, let tab = ix.tables[tid] else {
                throw fail(a, "没有这个表（可用：\(ix.tableOrder.joined(separator: "、"))）", "no such table (known: \(ix.tableOrder.joined(separator: ", ")))")
            }
            if rest.count > 1 && rest[1] == "-" { try roomForRow(a, s) }
            var rows = s.tables[tid] ?? []
            let year = s.year
            try editRows(a, Array(rest.dropFirst()), &rows, isNull,
                         columns: tab.columns.filter { !$0.isComputed }.map(\.id),
                         field: { col in
                             col.hasPrefix(StatedFigures.rowPrefix)
                                 ? StatedFigures.rowFields(tab).first { StatedFigures.rowKey($0.key) == col }?.field
                                 : tab.columns.first { $0.id == col }
                         },
                         setCell: { row, col, text throws(EditError) in
                             if col.hasPrefix(StatedFigures.rowPrefix) {
                                 let key = String(col.dropFirst(StatedFigures.rowPrefix.count))
                                 let sf = try statedField(a, key, StatedFigures.rowFields(tab))
                                 row[col] = try parse(a, sf.field.resolved(year: year), text == nil, text ?? "")
                                 return
                             }
                             guard let c = tab.columns.first(where: { $0.id == col }) else {
                                 throw fail(a, "表“\(tab.title)”没有列“\(col)”", "table \"\(tab.titleEn)\" has no column \"\(col)\"")
                             }
                             guard !c.isComputed else { throw computed(a, c) }
                             row[col] = try parse(a, c.resolved(year: year), text == nil, text ?? "")
                         })
            s.tables[tid] = rows
        case "indicators":
            guard ix.hasIndicators else { throw fail(a, "模板“\(t.id)”没有绩效指标", "template \"\(t.id)\" has no indicators") }
            // One cell of an existing row (every keystroke of the editor): edit it in place
            // rather than converting all rows, which costs milliseconds on a 10,000-row sheet.
            if rest.count == 2, let n = JSONPointer.index(rest[0]), s.indicators.indices.contains(n), IndicatorRow.keys.contains(rest[1]) {
                s.indicators[n].set(rest[1], try parseIndicator(a, rest[1], isNull ? nil : a.value, t))
                return
            }
            if rest.first == "-" { try roomForRow(a, s) }
            var rows = s.indicators.map { r in
                Dictionary(uniqueKeysWithValues: IndicatorRow.keys.compactMap { k in r.value(k).map { (k, $0) } })
            }
            try editRows(a, rest, &rows, isNull, columns: IndicatorRow.keys,
                         field: { IndicatorRow.keys.contains($0) ? IndicatorRow.field($0, decimals: 0) : nil },
                         setCell: { row, key, text throws(EditError) in
                             guard IndicatorRow.keys.contains(key) else {
                                 throw fail(a, "指标行没有“\(key)”（可用：\(IndicatorRow.keys.joined(separator: "、"))）", "an indicator row has no \"\(key)\" (known: \(IndicatorRow.keys.joined(separator: ", ")))")
                             }
                             row[key] = try parseIndicator(a, key, text, t)
                         })
            s.indicators = rows.map { d in
                var r = IndicatorRow()
                for (k, v) in d { r.set(k, v) }
                return r
            }
        case "stated":
            let fields = StatedFigures.fields(t)
            guard rest.count == 1, let key = rest.first else {
                throw fail(a, "请指明报告所列的数，如 /stated/total（可用：\(fields.map(\.key).joined(separator: "、"))）",
                           "name a stated figure, e.g. /stated/total (known: \(fields.map(\.key).joined(separator: ", ")))")
            }
            let sf = try statedField(a, key, fields)
            s.stated[key] = try parse(a, sf.field.resolved(year: s.year), isNull)
        case "notes":
            // The note's own pointer is one token: /notes/~1fields~1income_prev.
            guard rest.count == 1, let target = rest.first, SheetNote.isNotePointer(target) else {
                throw fail(a, "请指明注释所在的值，如 /notes/~1fields~1income_prev（“/”写作“~1”）",
                           "name the value the note is on, e.g. /notes/~1fields~1income_prev (\"/\" written as \"~1\")")
            }
            let text = try parse(a, SheetNote.field, isNull)?.text
            s.notes[target] = text
        case "computed":
            throw fail(a, "计算结果不能直接设置，请修改它所依据的数据", "computed figures cannot be set; change the figures they come from")
        case "template":
            throw fail(a, "模板不能用 set 更改", "the template cannot be changed with set")
        default:
            throw fail(a, "未知的位置“/\(head)”（可用：/unit、/year、/fields、/tables、/indicators、/stated、/notes）", "unknown location \"/\(head)\" (known: /unit, /year, /fields, /tables, /indicators, /stated, /notes)")
        }
    }

    /// A row may be added while the sheet is under `SessionLimits.rows`: past it, the file
    /// saved would be one that no command reads again.
    static func roomForRow(_ a: Assignment, _ s: Session) throws(EditError) {
        guard s.rowCount < SessionLimits.rows else {
            throw fail(a, "行数已达上限：指标与各表合计最多 \(SessionLimits.rows) 行", "the sheet is full: indicators and tables hold at most \(SessionLimits.rows) rows together")
        }
    }

    /// The figure a report may state under `key`, or why there is none.
    static func statedField(_ a: Assignment, _ key: String, _ fields: [StatedField]) throws(EditError) -> StatedField {
        guard let sf = fields.first(where: { $0.key == key }) else {
            let known = fields.map(\.key)
            throw fail(a, "没有可录入的报告所列数“\(key)”（可用：\(known.isEmpty ? "无" : known.joined(separator: "、"))）",
                       "\"\(key)\" cannot be stated here (known: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
        }
        return sf
    }

    static func computed(_ a: Assignment, _ f: Field) -> EditError {
        fail(a, "“\(f.label)”是计算字段，不能直接设置", "\"\(f.labelEn)\" is computed and cannot be set")
    }

    static func parse(_ a: Assignment, _ f: Field, _ isNull: Bool, _ text: String? = nil) throws(EditError) -> FieldValue? {
        if isNull { return nil }
        do {
            return try InputParser.parse(text ?? a.value, for: f)
        } catch {
            throw EditError(pointer: a.pointer, message: error.message, messageEn: error.messageEn)
        }
    }

    static func parseIndicator(_ a: Assignment, _ key: String, _ text: String?, _ t: Template) throws(EditError) -> FieldValue? {
        guard let text else { return nil }
        // 分值 and 得分 are scores; the text keys are one-line text, 偏差原因 long text, and
        // all of them are checked like any field's value.
        return try parse(a, IndicatorRow.field(key, decimals: t.rounding.score), false, text)
    }

    /// Row edits shared by tables and indicators: "-" appends, "<n>" addresses a row, a whole
    /// row takes a JSON object (keys are columns) or null to delete it. `field` gives a
    /// column's field, for the label a message names it by.
    static func editRows(_ a: Assignment, _ path: [String], _ rows: inout [[String: FieldValue]], _ isNull: Bool,
                         columns: [String], field: (String) -> Field?,
                         setCell: (inout [String: FieldValue], String, String?) throws(EditError) -> Void) throws(EditError) {
        guard let first = path.first else { throw fail(a, "请指明行号或“-”（追加一行）", "name a row number or '-' (append a row)") }
        let n: Int
        if first == "-" {
            rows.append([:])
            n = rows.count - 1
        } else if let k = JSONPointer.index(first), k < rows.count {
            n = k
        } else {
            throw fail(a, "没有第 \(first) 行（共 \(rows.count) 行，从 0 起数；“-”追加一行）", "there is no row \(first) (\(rows.count) rows, counted from 0; '-' appends one)")
        }
        if path.count == 1 {
            if isNull {
                guard first != "-" else { throw fail(a, "不能删除尚未添加的行", "cannot delete a row that does not exist") }
                rows.remove(at: n)
                return
            }
            let text = a.value.trimmingWhitespaceAndNewlines()
            if text.isEmpty {
                guard first == "-" else { throw fail(a, "请为整行提供 JSON 对象，或用 null 删除", "give a JSON object for the whole row, or null to delete it") }
                return
            }
            let obj: JSONObject
            do {
                guard let o = try JSONParser.parse(text).objectValue else { throw fail(a, "整行的值应为 JSON 对象", "a whole row takes a JSON object") }
                obj = o
            } catch let e as JSONSyntaxError {
                throw fail(a, "整行的值应为 JSON 对象：第 \(e.column) 列：\(e.message)", "a whole row takes a JSON object: column \(e.column): \(e.messageEn)")
            } catch let e as EditError {
                throw e
            } catch {
                throw fail(a, "整行的值应为 JSON 对象", "a whole row takes a JSON object")
            }
            var row = [String: FieldValue]()
            func cell(_ k: String, _ v: JSONValue, at tokens: [String]) throws(EditError) {
                let text: String?
                switch v {
                case .null: text = nil
                case .string(let str): text = str
                case .number(let lit): text = lit
                default:
                    // Named as the sheet names it, at its own place: /indicators/-/name, 三级指标.
                    let f = field(k)
                    let at = tokens.reduce(JSONPointer(parsing: a.pointer) ?? JSONPointer(), /)
                    throw EditError(pointer: at.description, message: "“\(f?.label ?? k)”的值应为文字或数字",
                                    messageEn: "the value of \"\(f.map { $0.labelEn.isEmpty ? $0.label : $0.labelEn } ?? k)\" must be text or a number")
                }
                try setCell(&row, k, text)
            }
            for (k, v) in obj.members {
                // What a report states of the row: {"stated": {"exec_rate": 6.85}}.
                if k == "stated", case .object(let so) = v {
                    for m in so.members { try cell(StatedFigures.rowKey(m.key), m.value, at: [k, m.key]) }
                } else {
                    try cell(k, v, at: [k])
                }
            }
            rows[n] = row
            return
        }
        if path.count == 3 && path[1] == "stated" {
            try setCell(&rows[n], StatedFigures.rowKey(path[2]), isNull ? nil : a.value)
            return
        }
        guard path.count == 2 else { throw fail(a, "位置层级过多", "the pointer goes too deep") }
        try setCell(&rows[n], path[1], isNull ? nil : a.value)
    }
}

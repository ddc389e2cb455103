import JixiaoCore

/// Pasting a block copied from WPS or Excel: the cells fill the sheet from the selected cell
/// right and down, as in a spreadsheet, adding indicator or table rows when the block runs
/// past a list's end (each new indicator takes the 一级/二级 of the row above, as Ctrl-N does).
/// Every value goes through `SessionEditor`, as a typed one would; a value it refuses is
/// named with its row and column and left out, and the rest goes in as one undo step.
extension EditorState {
    /// A paste on the sheet (not while typing): a block is spread over the cells; one value,
    /// or a long text's lines in a long-text cell, is typed into the selected cell.
    mutating func paste(_ text: String) -> [EditorCommand] {
        let isLongText = currentCell?.field?.kind == .longtext
        // Lines pasted into a long text are its text (and may be 1.4 MB: not cut into cells).
        if isLongText && !text.utf8.contains(0x09) { return startEditing(with: text, replace: true) }
        let block = PastedBlock(text)
        guard block.isBlock else { return startEditing(with: block.rows.first?.first ?? text, replace: true) }
        if readOnly {
            message = say("审阅模式只读：不能修改", "Review mode is read-only", error: true)
            return []
        }
        guard let here = currentRow, currentCell?.target != nil || isListEnd(here.source) else {
            message = say("请先选中要粘贴到的单元格", "Select the cell the block goes to first", error: true)
            return []
        }
        pasteBlock(block, from: here)
        return []
    }

    func isListEnd(_ source: FormRow.Source?) -> Bool {
        if case .listEnd? = source { return true }
        return false
    }

    /// Whether a row is one the block may fill, for a block started on `start`: rows of the
    /// same list when it starts in a list, any row of the block's own rows otherwise.
    func takes(_ r: FormRow, startingFrom start: FormRow) -> Bool {
        guard r.kind == .data, r.block == start.block, !isListEnd(r.source) else { return false }
        switch start.source {
        case .indicator?, .listEnd(table: nil)?:
            if case .indicator? = r.source { return true }
            return false
        case .tableRow(let t, _)?, .listEnd(table: let t?)?:
            if case .tableRow(t, _)? = r.source { return true }
            return false
        case nil:
            return r.cells.contains { $0.target != nil }
        }
    }

    /// The rows a block started on row `from` of section `tab` fills, in order.
    func destinationRows(_ layout: [FormSection], from: Int, start: FormRow) -> [FormRow] {
        guard layout.indices.contains(tab) else { return [] }
        let rows = layout[tab].rows
        var out = [FormRow]()
        var r = from
        while rows.indices.contains(r) && (rows[r].block == start.block || rows[r].kind != .data) {
            if takes(rows[r], startingFrom: start) { out.append(rows[r]) }
            r += 1
        }
        return out
    }

    mutating func pasteBlock(_ block: PastedBlock, from start: FormRow) {
        var s = session
        let startCol = isListEnd(start.source) ? 0 : col
        // The rows the block needs that its list does not have yet, added first.
        let available = destinationRows(sections, from: row, start: start).count
        var added = 0
        if block.rows.count > available {
            let room = max(0, SessionLimits.rows - s.rowCount)
            let want = min(block.rows.count - available, room)
            switch start.source {
            case .indicator?, .listEnd(table: nil)?:
                let last = s.indicators.last
                for _ in 0..<want {
                    s.indicators.append(IndicatorRow(level1: last?.level1 ?? template.indicators?.tiers.first?.name ?? "",
                                                     level2: last?.level2 ?? template.indicators?.tiers.first?.level2.first ?? ""))
                }
                added = want
            case .tableRow(let t, _)?, .listEnd(table: let t?)?:
                s.tables[t, default: []].append(contentsOf: Array(repeating: [:], count: want))
                added = want
            case nil:
                break
            }
        }
        let layout = added > 0 ? FormBuilder.build(s, template, Calculator.compute(s, template), lang: lang) : sections
        let rows = destinationRows(layout, from: row, start: start)
        let headers = layout.indices.contains(tab) && layout[tab].blocks.indices.contains(start.block) ? layout[tab].blocks[start.block].columns.map(\.header) : []

        var filled = 0, outside = 0
        var refused = [String]()
        for (i, values) in block.rows.enumerated() {
            guard rows.indices.contains(i) else { outside += values.count; continue }
            for (j, value) in values.enumerated() {
                let k = startCol + j
                guard rows[i].cells.indices.contains(k) else { outside += 1; continue }
                let cell = rows[i].cells[k]
                // A label or a computed figure: its value in the block is not the sheet's to take.
                guard let target = cell.target else { continue }
                guard let (zh, en) = put(value, into: cell, target, &s) else {
                    filled += 1
                    continue
                }
                let name = headers.indices.contains(k) && !headers[k].isEmpty ? headers[k]
                    : cell.field.map { resolveLabel(lang.pick($0.label, $0.labelEn), year: s.year) } ?? ""
                refused.append(lang.pick("第 \(i + 1) 行第 \(j + 1) 列（\(name)）“\(value)”：\(zh)",
                                         "row \(i + 1), column \(j + 1) (\(name)) \"\(value)\": \(en)"))
            }
        }
        if s != session { setSession(s) }
        var text = lang.pick("已粘贴 \(filled) 个单元格", "\(filled) cells pasted")
        if added > 0 { text += lang.pick("，新增 \(added) 行", ", \(added) rows added") }
        if !refused.isEmpty { text += lang.pick("；\(refused.count) 个值有误，未填入", "; \(refused.count) values refused, not stored") }
        if outside > 0 { text += lang.pick("；\(outside) 个值超出表格，未粘贴", "; \(outside) values fell outside the table and were left out") }
        text += lang.pick("（Ctrl-Z 撤销）", " (Ctrl-Z undoes)")
        message = Message(text: text, isError: !refused.isEmpty || outside > 0)
        if !refused.isEmpty {
            mode = .pager(lines: [text, ""] + refused + ["", lang.pick("任意键关闭", "Any key closes")], scroll: 0)
        }
    }

    /// One pasted value into one cell, as typing it would put it: a name from a picker's list
    /// matched as the picker matches typed text, a blank clearing the cell. What is wrong with
    /// it (Chinese, English) when it is refused; nil when it is stored.
    func put(_ value: String, into cell: FormCell, _ target: Target, _ s: inout Session) -> (String, String)? {
        let text = TextBuffer.typeable(value, multiline: cell.field?.kind == .longtext)
        var assignment = Assignment(pointer: target.pointer, value: text)
        if text.isBlankOnOneLine {
            assignment = .clearing(target.pointer)
        } else if let choices = choices(for: cell, target, in: s) {
            guard let k = Picker.match(text, in: choices) else {
                return ("不是可选的名称（可选：\(choices.joined(separator: "、"))）", "not one of the names to choose from (\(choices.joined(separator: ", ")))")
            }
            assignment.value = choices[k]
        }
        do {
            try SessionEditor.apply(assignment, to: &s, template)
            return nil
        } catch {
            return (error.message, error.messageEn)
        }
    }

    /// The names a 一级 or 二级 cell takes: a 二级 those of its row's 一级 as pasted so far.
    func choices(for cell: FormCell, _ target: Target, in s: Session) -> [String]? {
        guard cell.choices != nil, case .indicator(let n, let key) = target, let scheme = template.indicators else { return cell.choices }
        if key == "level2", s.indicators.indices.contains(n), let tier = scheme.tiers.first(where: { $0.name == s.indicators[n].level1 }) {
            return tier.level2
        }
        return cell.choices
    }
}

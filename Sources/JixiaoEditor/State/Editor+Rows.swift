import JixiaoCore

/// Adding, deleting (once the question is answered: `confirm`) and moving rows of the
/// indicator grid and the tables.
extension EditorState {
    mutating func addRow() {
        if readOnly { message = say("审阅模式只读：不能修改", "Review mode is read-only", error: true); return }
        guard let source = currentRow?.source else {
            message = say("这里不能添加行（在指标表或可增减行的表中按 Ctrl-N）", "No rows to add here (Ctrl-N works in the indicator grid and in tables)", error: true)
            return
        }
        // Past the limit the sheet could not be read again: refused here, as `set` refuses.
        guard session.rowCount < SessionLimits.rows else {
            message = say("行数已达上限：指标与各表合计最多 \(SessionLimits.rows) 行", "The sheet is full: indicators and tables hold at most \(SessionLimits.rows) rows together", error: true)
            return
        }
        var s = session
        var focus: Target
        switch source {
        case .indicator(let n):
            let cur = s.indicators[n]
            s.indicators.insert(IndicatorRow(level1: cur.level1, level2: cur.level2), at: n + 1)
            focus = .indicator(row: n + 1, key: "name")
        case .listEnd(nil):
            let last = s.indicators.last
            s.indicators.append(IndicatorRow(level1: last?.level1 ?? template.indicators?.tiers.first?.name ?? "",
                                             level2: last?.level2 ?? template.indicators?.tiers.first?.level2.first ?? ""))
            focus = .indicator(row: s.indicators.count - 1, key: "name")
        case .tableRow(let tid, let n):
            var rows = s.tables[tid] ?? []
            rows.insert([:], at: n + 1)
            s.tables[tid] = rows
            focus = .tableCell(table: tid, row: n + 1, column: template.index.tables[tid]?.columns.first { !$0.isComputed }?.id ?? "name")
        case .listEnd(let tid?):
            var rows = s.tables[tid] ?? []
            rows.append([:])
            s.tables[tid] = rows
            focus = .tableCell(table: tid, row: rows.count - 1, column: template.index.tables[tid]?.columns.first { !$0.isComputed }?.id ?? "name")
        }
        setSession(s)
        if let (t, r, c) = position(of: focus) { tab = t; row = r; col = c }
        message = say("已添加一行", "Row added")
    }

    mutating func askDeleteRow() {
        if readOnly { message = say("审阅模式只读：不能修改", "Review mode is read-only", error: true); return }
        guard let source = currentRow?.source else { return }
        switch source {
        case .indicator, .tableRow: mode = .confirm(.deleteRow(source))
        case .listEnd: break
        }
    }

    mutating func moveRow(_ step: Int) {
        if readOnly { message = say("审阅模式只读：不能修改", "Review mode is read-only", error: true); return }
        guard let source = currentRow?.source else { return }
        var s = session
        let keepCol = col
        switch source {
        case .indicator(let n):
            let m = n + step
            guard s.indicators.indices.contains(m) else { return }
            s.indicators.swapAt(n, m)
            setSession(s)
            if let (t, r, _) = position(of: .indicator(row: m, key: "name")) { tab = t; row = r; col = keepCol }
        case .tableRow(let tid, let n):
            var rows = s.tables[tid] ?? []
            let m = n + step
            guard rows.indices.contains(m) else { return }
            rows.swapAt(n, m)
            s.tables[tid] = rows
            setSession(s)
            if let (t, r, _) = position(of: .tableCell(table: tid, row: m, column: "name")) ?? firstCell(ofTable: tid, row: m) { tab = t; row = r; col = keepCol }
        case .listEnd:
            return
        }
        clampCursor()
    }

    func firstCell(ofTable tid: String, row n: Int) -> (Int, Int, Int)? {
        for (t, sec) in sections.enumerated() {
            for (r, fr) in sec.rows.enumerated() where fr.source == .tableRow(table: tid, index: n) { return (t, r, 0) }
        }
        return nil
    }
}

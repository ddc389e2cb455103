import JixiaoCore

extension EditorView {
    /// The foot line: what is being typed (or the last message) at the left, the keys at the
    /// right. The keys are chosen by the width alone and keep their place while a cell is
    /// typed: the edit line gets the room left of them and scrolls within it, so the keys never
    /// vanish under a long value, and a one-cell edit sends the terminal the typed text and the
    /// changed figures, not the line again.
    static func statusLine(_ s: EditorState, _ b: inout ScreenBuffer) {
        let y = s.height - 1
        let hint = hints(s)
        let hw = ScreenBuffer.width(of: hint)
        var used = 0
        switch s.mode {
        case .editing(let buffer):
            let label = (s.currentCell?.field.map { resolveLabel(s.lang.pick($0.label, $0.labelEn), year: s.session.year) } ?? "") + "："
            let lw = b.put(label, x: 0, y: y, style: .heading, limit: s.width / 3)
            // Room for the text and the caret after it; the keys keep theirs while 8 columns
            // are left to type in.
            let keepKeys = s.width - lw - hw - 3 >= 8
            let room = max(4, keepKeys ? s.width - lw - hw - 3 : s.width - lw - 1)
            // Show the part of the text around the caret.
            let (shown, caretCol) = buffer.shown(room: room)
            b.put(String(shown), x: lw, y: y, style: .editing, limit: room)
            b.cursor = (min(s.width - 1, lw + caretCol), y)
            guard keepKeys else { return }
            used = lw + room + 1
        case .find(let buffer):
            let lw = b.put(s.lang.pick("查找：", "Find: "), x: 0, y: y, style: .heading)
            let tw = b.put(buffer.text, x: lw, y: y, limit: s.width - lw)
            if buffer.text.isEmpty && !s.lastSearch.isEmpty {
                b.put(s.lang.pick("（Enter 再找“\(s.lastSearch)”，Up 取回）", "(Enter finds \"\(s.lastSearch)\" again, Up brings it back)"),
                      x: lw + tw + 1, y: y, style: .dim, limit: s.width - lw - tw - 1)
            }
            b.cursor = (min(s.width - 1, lw + buffer.caretColumn), y)
            return
        case .confirm(let what):
            b.put(question(s, what), x: 0, y: y, style: .error, limit: s.width)
            return
        default:
            if let m = s.message {
                used = b.put(m.text, x: 0, y: y, style: m.isError ? .error : .plain, limit: s.width)
            } else if let suggestion = s.currentSuggestion {
                // On an indicator row, its suggested 得分 (F4 takes it into an empty 得分).
                let text = suggestion.hint(s.lang, places: s.template.rounding.score) + (suggestion.score == nil ? "" : s.lang.pick("  F4 采纳", "  F4 takes it"))
                used = b.put(text, x: 0, y: y, style: .computed, limit: s.width)
            }
        }
        // The keys only where they fit whole beside what is at the left.
        if used == 0 || used + 2 <= s.width - hw {
            b.put(hint, x: max(0, s.width - hw), y: y, style: .dim, limit: s.width)
        }
    }

    /// The key hints for this width: the best of the key map's, as many as fit in two fifths
    /// of the line (three at 80 columns, five at 132).
    static func hints(_ s: EditorState) -> String {
        var out = ""
        for h in KeyMap.hints(readOnly: s.readOnly) {
            let item = "\(h.key) \(s.lang.pick(h.zh, h.en))"
            let next = out.isEmpty ? item : out + "  " + item
            if ScreenBuffer.width(of: next) > s.width * 2 / 5 { break }
            out = next
        }
        return out
    }

    static func question(_ s: EditorState, _ what: EditorState.Confirmation) -> String {
        switch what {
        case .deleteRow: return s.lang.pick("删除这一行？ y 删除 / 其他键取消", "Delete this row? y deletes, any other key cancels")
        case .quit: return s.lang.pick("有未保存的修改：s 保存并退出 / d 不保存退出 / Esc 取消", "Unsaved changes: s saves and quits, d quits without saving, Esc cancels")
        case .recover(let at, false): return s.lang.pick("发现上次未保存的修改\(at.isEmpty ? "" : "（\(at)）")：r 恢复 / d 丢弃 / v 查看差异", "Unsaved edits were recovered\(at.isEmpty ? "" : " (\(at))"): r restores, d discards, v shows what differs")
        case .recover(let at, true): return s.lang.pick("发现上次未保存的修改\(at.isEmpty ? "" : "（\(at)）")，但文件之后又被修改过：r 恢复（覆盖那些修改）/ d 丢弃 / v 查看差异", "Unsaved edits were recovered\(at.isEmpty ? "" : " (\(at))"), but the file changed since: r restores (over those changes), d discards, v shows what differs")
        }
    }
}

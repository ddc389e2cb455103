import JixiaoCore

/// Where a key is pressed: what the editor is doing decides what the key means.
public enum KeyContext: Sendable, Equatable, CaseIterable {
    /// The sheet, nothing being typed.
    case sheet
    /// The sheet in review mode (read-only): consulted before `sheet`.
    case review
    /// Typing into a one-line cell.
    case typing
    /// The long-text editor.
    case longText
    /// Choosing 一级/二级 from the template's lists.
    case picker
    /// The problem list (F8).
    case problems
    /// Typing what to find (Ctrl-F).
    case find
}

/// What a key does. `Editor` carries each one out; `KeyMap` says which key asks for which.
public enum KeyAction: Sendable, Hashable {
    // The sheet.
    case up, down, left, right, firstCell, lastCell, pageUp, pageDown
    case nextCell, previousCell, walk, typeOver, editInPlace, clearCell
    case nextSection, previousSection, sectionByDigit
    case addRow, deleteRow, rowUp, rowDown, undo, redo, find, save, quit, help, preview, problems, takeSuggestion
    case nextProblem, previousProblem
    // Typing a value, one line or long text.
    case editText, commitNext, commitPrevious, commitUp, commitDown, cancel, commitAndSave
    case newLine, finish, caretUp, caretDown, caretPageUp, caretPageDown
    // The picker.
    case choose, chooseByDigit, choiceUp, choiceDown, narrow, widen
    // The problem list.
    case firstProblem, lastProblem, problemUp, problemDown, problemPageUp, problemPageDown, jumpToProblem, close
    // Find.
    case search, recallSearch
}

/// Which keys a binding takes.
public enum KeyPattern: Sendable, Equatable {
    case key(Key)
    /// Any printable character.
    case printable
    /// 1 to 9.
    case digit
    /// Alt-1 to Alt-9.
    case altDigit

    func matches(_ k: Key) -> Bool {
        switch self {
        case .key(let want): return k == want
        case .printable: if case .char = k { return true } else { return false }
        case .digit: if case .char(let c) = k, ("1"..."9").contains(c) { return true } else { return false }
        case .altDigit: if case .alt(let c) = k, ("1"..."9").contains(c) { return true } else { return false }
        }
    }
}

/// A key's word on the status line: "F1 帮助". `rank` orders the hints; the line shows as many
/// as fit, best first.
public struct KeyHint: Sendable, Equatable {
    public let key: String
    public let zh: String
    public let en: String
    public let rank: Int
}

/// One line of the help: how its keys are written, what they do, and the bindings behind it.
public struct KeyEntry: Sendable {
    public let label: String
    public let zh: String
    public let en: String
    public let context: KeyContext
    public let bindings: [(KeyPattern, KeyAction)]
    public let hint: KeyHint?

    init(_ label: String, _ zh: String, _ en: String, _ context: KeyContext, _ bindings: [(KeyPattern, KeyAction)], hint: KeyHint? = nil) {
        self.label = label
        self.zh = zh
        self.en = en
        self.context = context
        self.bindings = bindings
        self.hint = hint
    }
}

/// Every key of the editor, as data: `Editor` dispatches through it, the F1 help lists it,
/// the status line takes its hints from it, and a test holds the README's key table to it.
/// Within a context a key named exactly wins over a pattern (F1's "?" over typing), and
/// otherwise the first binding that matches (digits before any character in the picker).
public enum KeyMap {
    static func k(_ key: Key) -> KeyPattern { .key(key) }

    public static let entries: [KeyEntry] = [
        KeyEntry("方向键 Arrows", "移动", "move", .sheet,
                 [(k(.up), .up), (k(.down), .down), (k(.left), .left), (k(.right), .right)]),
        KeyEntry("Tab / Shift-Tab", "下一个 / 上一个可填单元格（跨栏目）", "next / previous cell to fill (across sections)", .sheet,
                 [(k(.tab), .nextCell), (k(.backTab), .previousCell)]),
        KeyEntry("Enter", "引导填写：到下一处必须填写或有错误的单元格（先错误后警告，不停在计算结果上）；在“添加”行上添加一行", "guided walk: the next cell that must be filled or holds an error (errors first, never a computed figure); on an \"add\" line, adds a row", .sheet,
                 [(k(.enter), .walk)]),
        KeyEntry("直接输入 Typing", "替换单元格内容（长文本：接在末尾）", "replaces the cell (a long text: goes on at its end)", .sheet,
                 [(.printable, .typeOver)]),
        KeyEntry("F2", "在原内容上编辑", "edit the cell in place", .sheet,
                 [(k(.function(2)), .editInPlace)], hint: KeyHint(key: "F2", zh: "编辑", en: "edit", rank: 5)),
        KeyEntry("Home / End", "行首 / 行尾", "first / last cell", .sheet,
                 [(k(.home), .firstCell), (k(.end), .lastCell)]),
        KeyEntry("Backspace / Delete", "清空单元格", "clear the cell", .sheet,
                 [(k(.backspace), .clearCell), (k(.delete), .clearCell)]),
        KeyEntry("PgUp / PgDn", "翻页", "page up / down", .sheet,
                 [(k(.pageUp), .pageUp), (k(.pageDown), .pageDown)]),
        KeyEntry("F6 / F7, Alt-1..9", "下一个 / 上一个栏目，第 N 个栏目", "next / previous section, section N", .sheet,
                 [(k(.function(6)), .nextSection), (k(.function(7)), .previousSection), (.altDigit, .sectionByDigit)]),
        KeyEntry("Ctrl-N / Insert", "添加一行（指标、项目、专项资金）", "add a row (indicator, project, special fund)", .sheet,
                 [(k(.ctrl("n")), .addRow), (k(.insert), .addRow)]),
        KeyEntry("Ctrl-D", "删除当前行（需确认）", "delete this row (asks first)", .sheet,
                 [(k(.ctrl("d")), .deleteRow)]),
        KeyEntry("Alt-Up / Alt-Down", "上移 / 下移当前行", "move this row up / down", .sheet,
                 [(k(.altUp), .rowUp), (k(.altDown), .rowDown)]),
        KeyEntry("Ctrl-Z / Ctrl-Y", "撤销 / 重做（含行的增删移动）", "undo / redo (rows included)", .sheet,
                 [(k(.ctrl("z")), .undo), (k(.ctrl("y")), .redo)]),
        KeyEntry("Ctrl-F", "查找标签和单元格中的文字", "find text in labels and cells", .sheet,
                 [(k(.ctrl("f")), .find)]),
        KeyEntry("Ctrl-S", "保存（原子写入）", "save (atomically)", .sheet,
                 [(k(.ctrl("s")), .save)], hint: KeyHint(key: "Ctrl-S", zh: "保存", en: "save", rank: 2)),
        KeyEntry("Ctrl-Q / Ctrl-C", "退出；有未保存修改时先询问", "quit; asks when there are unsaved changes", .sheet,
                 [(k(.ctrl("q")), .quit), (k(.ctrl("c")), .quit)], hint: KeyHint(key: "Ctrl-Q", zh: "退出", en: "quit", rank: 4)),
        KeyEntry("F1 / ?", "本帮助", "this help", .sheet,
                 [(k(.function(1)), .help), (k(.char("?")), .help)], hint: KeyHint(key: "F1", zh: "帮助", en: "help", rank: 1)),
        KeyEntry("F4", "绩效指标行：采纳建议得分（只填入空的得分）", "indicator row: take the suggested score (into an empty score only)", .sheet,
                 [(k(.function(4)), .takeSuggestion)]),
        KeyEntry("F5", "打印预览", "print preview", .sheet,
                 [(k(.function(5)), .preview)], hint: KeyHint(key: "F5", zh: "预览", en: "print", rank: 6)),
        KeyEntry("F8", "问题列表；Enter 跳到字段", "problem list; Enter jumps to the field", .sheet,
                 [(k(.function(8)), .problems)], hint: KeyHint(key: "F8", zh: "问题", en: "problems", rank: 3)),
        KeyEntry("粘贴 Paste", "从 WPS / Excel 复制的表格：从当前单元格起向右、向下填入，需要时添加指标或表格行；错误的值逐格列出、不填入；Ctrl-Z 一步撤销", "a block copied from WPS / Excel fills the cells right and down from the selected one, adding indicator or table rows as needed; bad values are listed cell by cell and not stored; one Ctrl-Z undoes it", .sheet,
                 []),
        KeyEntry("n / p", "审阅模式：下一个 / 上一个问题", "review mode: next / previous problem", .review,
                 [(k(.char("n")), .nextProblem), (k(.char("p")), .previousProblem)], hint: KeyHint(key: "n/p", zh: "下一个/上一个问题", en: "next/prev problem", rank: 0)),
        KeyEntry("Enter / Tab, Shift-Tab", "编辑时：确认并移到右边一格，行尾移到下一行；Shift-Tab 确认并移回一格", "when typing: commit and move right, from a row's end to the next row; Shift-Tab commits and moves back", .typing,
                 [(k(.enter), .commitNext), (k(.tab), .commitNext), (k(.backTab), .commitPrevious)]),
        KeyEntry("Up / Down", "编辑时：确认并上下移动", "when typing: commit and move up or down", .typing,
                 [(k(.up), .commitUp), (k(.down), .commitDown)]),
        KeyEntry("Esc", "取消编辑", "cancel the edit", .typing,
                 [(k(.escape), .cancel)]),
        KeyEntry("文字键 Text keys", "编辑时：Left / Right / Home / End 移动插入点，Backspace / Delete 删除字符", "when typing: Left / Right / Home / End move the caret, Backspace / Delete delete", .typing,
                 [(.printable, .editText), (k(.backspace), .editText), (k(.delete), .editText), (k(.left), .editText),
                  (k(.right), .editText), (k(.home), .editText), (k(.end), .editText)]),
        KeyEntry("Ctrl-S", "编辑时：确认并保存", "when typing: commit and save", .typing,
                 [(k(.ctrl("s")), .commitAndSave)]),
        KeyEntry("长文本 Long text", "Enter 换行，Tab 或 F2 完成，Esc 取消，Ctrl-S 完成并保存", "Enter new line, Tab or F2 done, Esc cancels, Ctrl-S done and save", .longText,
                 [(k(.enter), .newLine), (k(.tab), .commitNext), (k(.function(2)), .finish), (k(.escape), .cancel), (k(.ctrl("s")), .commitAndSave),
                  (k(.up), .caretUp), (k(.down), .caretDown), (k(.pageUp), .caretPageUp), (k(.pageDown), .caretPageDown),
                  (.printable, .editText), (k(.backspace), .editText), (k(.delete), .editText), (k(.left), .editText),
                  (k(.right), .editText), (k(.home), .editText), (k(.end), .editText)]),
        KeyEntry("一级/二级 Picker", "数字 1–9 直接选定；输入名称（开头优先，其次包含）后 Enter 或 Tab 选定；Up / Down 选择，Esc 取消", "a digit 1–9 picks at once; type a name (its start first, else any part), Enter or Tab picks; Up / Down choose, Esc cancels", .picker,
                 [(.digit, .chooseByDigit), (k(.up), .choiceUp), (k(.down), .choiceDown), (k(.enter), .choose), (k(.tab), .choose),
                  (k(.escape), .cancel), (k(.backspace), .widen), (.printable, .narrow)]),
        KeyEntry("问题列表 F8 list", "Up / Down / PgUp / PgDn / Home / End 选择（选中的问题完整显示），Enter 跳到字段，Esc 关闭", "Up / Down / PgUp / PgDn / Home / End choose (the chosen problem is shown whole), Enter jumps to the field, Esc closes", .problems,
                 [(k(.up), .problemUp), (k(.down), .problemDown), (k(.pageUp), .problemPageUp), (k(.pageDown), .problemPageDown),
                  (k(.home), .firstProblem), (k(.end), .lastProblem), (k(.enter), .jumpToProblem),
                  (k(.escape), .close), (k(.function(8)), .close), (k(.char("q")), .close)]),
        KeyEntry("查找 Find", "Ctrl-F 后输入文字，Enter 查找；不输入直接 Enter 再找上次的文字，Up 取回上次的文字；Esc 取消", "after Ctrl-F type the text, Enter finds; Enter alone finds the last text again, Up brings it back; Esc cancels", .find,
                 [(k(.enter), .search), (k(.up), .recallSearch), (k(.escape), .cancel),
                  (.printable, .editText), (k(.backspace), .editText), (k(.delete), .editText), (k(.left), .editText),
                  (k(.right), .editText), (k(.home), .editText), (k(.end), .editText)]),
    ]

    /// The action a key asks for in a context, if any.
    public static func action(for key: Key, in context: KeyContext) -> KeyAction? {
        let here = entries.filter { $0.context == context }.flatMap(\.bindings)
        if let exact = here.first(where: { $0.0 == .key(key) }) { return exact.1 }
        return here.first { $0.0.matches(key) }?.1
    }

    /// The action of a key on the sheet: in review mode its own keys come first.
    public static func sheetAction(for key: Key, readOnly: Bool) -> KeyAction? {
        if readOnly, let a = action(for: key, in: .review) { return a }
        return action(for: key, in: .sheet)
    }

    /// The status line's hints for the sheet (or review mode), best first.
    public static func hints(readOnly: Bool) -> [KeyHint] {
        let contexts: [KeyContext] = readOnly ? [.review, .sheet] : [.sheet]
        let editing: Set<KeyAction> = [.editInPlace, .save]
        return entries.filter { contexts.contains($0.context) }
            .compactMap { e in e.hint.map { (e, $0) } }
            .filter { !readOnly || !$0.0.bindings.contains { editing.contains($0.1) } }
            .map(\.1)
            .sorted { $0.rank < $1.rank }
    }
}

import JixiaoCore

/// Every key, as the help screen (F1 or ?) and README list them.
public enum HelpText {
    public static let keys: [(key: String, zh: String, en: String)] = [
        ("方向键 Arrows", "移动", "move"),
        ("Tab / Shift-Tab", "下一个 / 上一个可填单元格（跨栏目）", "next / previous cell to fill (across sections)"),
        ("Enter", "下一项待填字段（引导填写）；编辑时确认并下移", "next field to fill (guided walk); when typing, commit and move on"),
        ("直接输入 Typing", "替换单元格内容", "replaces the cell"),
        ("F2", "在原内容上编辑", "edit the cell in place"),
        ("Esc", "取消编辑", "cancel the edit"),
        ("Home / End", "行首 / 行尾（编辑时：文字开头 / 结尾）", "first / last cell (when typing: start / end of text)"),
        ("Backspace / Delete", "删除字符；不在编辑时清空单元格", "delete a character; outside editing, clear the cell"),
        ("PgUp / PgDn", "翻页", "page up / down"),
        ("F6 / F7, Alt-1…9", "下一个 / 上一个栏目，第 N 个栏目", "next / previous section, section N"),
        ("Ctrl-N / Insert", "添加一行（指标、项目、专项资金）", "add a row (indicator, project, special fund)"),
        ("Ctrl-D", "删除当前行（需确认）", "delete this row (asks first)"),
        ("Alt-Up / Alt-Down", "上移 / 下移当前行", "move this row up / down"),
        ("Ctrl-Z / Ctrl-Y", "撤销 / 重做（含行的增删移动）", "undo / redo (rows included)"),
        ("Ctrl-F", "查找标签和单元格中的文字", "find text in labels and cells"),
        ("Ctrl-S", "保存（原子写入）", "save (atomically)"),
        ("Ctrl-Q / Ctrl-C", "退出；有未保存修改时先询问", "quit; asks when there are unsaved changes"),
        ("F1 / ?", "本帮助", "this help"),
        ("F4", "绩效指标行：采纳建议得分（只填入空的得分）", "indicator row: take the suggested score (into an empty score only)"),
        ("F5", "打印预览", "print preview"),
        ("F8", "问题列表；Enter 跳到字段", "problem list; Enter jumps to the field"),
        ("n / p", "审阅模式：下一个 / 上一个问题", "review mode: next / previous problem"),
        ("长文本 Long text", "Enter 换行，Tab 或 F2 完成，Esc 取消，Ctrl-S 完成并保存", "Enter new line, Tab or F2 done, Esc cancels, Ctrl-S done and save"),
    ]

    public static func lines(_ lang: Language) -> [String] {
        let w = keys.map { DisplayWidth.of($0.key) }.max() ?? 10
        return keys.map { DisplayWidth.pad($0.key, to: w + 2, align: .left) + lang.pick($0.zh, $0.en) }
    }
}

import JixiaoCore

/// The help screen (F1 or ?): every entry of the key map, as README's key table lists them.
public enum HelpText {
    public static var keys: [(key: String, zh: String, en: String)] {
        KeyMap.entries.map { ($0.label, $0.zh, $0.en) }
    }

    /// The help's lines at a width: each key, then what it does, wrapped under itself where a
    /// line may break (never inside a number or a key's name).
    public static func lines(_ lang: Language, width: Int = 200) -> [String] {
        let rows = keys
        let w = rows.map { DisplayWidth.of($0.key) }.max() ?? 10
        var out = [String]()
        for row in rows {
            let text = TextWrap.wrap(lang.pick(row.zh, row.en), width: max(10, width - w - 2))
            for (n, line) in text.enumerated() {
                out.append(DisplayWidth.pad(n == 0 ? row.key : "", to: w + 2, align: .left) + line)
            }
        }
        return out
    }
}

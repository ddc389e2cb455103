import JixiaoCore

/// The help screen (F1 or ?): every entry of the key map, as README's key table lists them.
public enum HelpText {
    public static var keys: [(key: String, zh: String, en: String)] {
        KeyMap.entries.map { ($0.label, $0.zh, $0.en) }
    }

    public static func lines(_ lang: Language) -> [String] {
        let rows = keys
        let w = rows.map { DisplayWidth.of($0.key) }.max() ?? 10
        return rows.map { DisplayWidth.pad($0.key, to: w + 2, align: .left) + lang.pick($0.zh, $0.en) }
    }
}

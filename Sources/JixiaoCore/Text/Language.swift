/// The language of messages: Simplified Chinese by default, English with `--lang en`.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// Picks the Chinese or English text.
    public func pick(_ zh: String, _ en: String) -> String {
        self == .zh || en.isEmpty ? zh : en
    }
}

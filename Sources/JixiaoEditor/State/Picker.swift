import JixiaoCore

/// Choosing 一级/二级 from the template's lists: by arrows, by number (1–9), or by typing
/// the name. The whole typed text counts, not its last character: "可持续影响指标" picks
/// 可持续影响指标, never 经济效益指标 because both contain "指标".
public struct Picker: Sendable, Equatable {
    public let choices: [String]
    /// The highlighted choice; nil when the typed text matches none, so that Enter picks
    /// nothing rather than a wrong name.
    public private(set) var selected: Int?
    /// What has been typed to find a choice.
    public private(set) var query = ""

    /// A picker on `choices` with `current` highlighted (or the first).
    public init(choices: [String], current: String) {
        self.choices = choices
        selected = choices.isEmpty ? nil : (choices.firstIndex(of: current) ?? 0)
    }

    /// The choice text names: the first that starts with it, else the first that contains
    /// it; nil when none does. Blanks around the text do not count.
    public static func match(_ text: String, in choices: [String]) -> Int? {
        let t = text.trimmingWhitespace()
        guard !t.isEmpty else { return nil }
        return choices.firstIndex { $0 == t } ?? choices.firstIndex { $0.hasPrefix(t) } ?? choices.firstIndex { $0.contains(t) }
    }

    /// The choice a digit names (1 is the first), if there is one.
    public func numbered(_ c: Character) -> Int? {
        guard let n = c.wholeNumberValue, ("1"..."9").contains(c), choices.indices.contains(n - 1) else { return nil }
        return n - 1
    }

    /// Typing more of a name.
    public mutating func type(_ text: String) {
        query += text
        selected = Self.match(query, in: choices)
    }

    /// Backspace: the last character typed goes; with nothing typed the highlight stays.
    public mutating func erase() {
        guard !query.isEmpty else { return }
        query.removeLast()
        if !query.isEmpty { selected = Self.match(query, in: choices) } else if selected == nil { selected = 0 }
    }

    /// Up (-1) or Down (+1).
    public mutating func step(_ delta: Int) {
        guard !choices.isEmpty else { return }
        selected = min(choices.count - 1, max(0, (selected ?? -delta) + delta))
    }
}

extension Picker {
    /// What a key in the picker comes to, for the editor to carry out.
    public enum Step: Equatable, Sendable {
        /// Still choosing (the picker as it is now).
        case choosing
        /// Escape: nothing chosen.
        case cancel
        /// Choice `n`, by Enter or Tab (`key`) or by its number.
        case choose(Int, then: Key)
        /// Enter with nothing highlighted: the typed text names no choice.
        case nothingChosen
    }

    /// The picker's own update: arrows, digits and typed text change only the picker; what to
    /// write and where to go next is the editor's (`EditorState.picker`).
    public mutating func update(_ event: Event) -> Step {
        switch event {
        case .paste(let text):
            // An input method hands over a phrase at once.
            type(TextBuffer.typeable(text, multiline: false))
        case .key(let key):
            switch KeyMap.action(for: key, in: .picker) {
            case .choiceUp?: step(-1)
            case .choiceDown?: step(1)
            case .cancel?: return .cancel
            case .choose?:
                guard let n = selected else { return .nothingChosen }
                return .choose(n, then: key)
            case .chooseByDigit?:
                if case .char(let c) = key, let n = numbered(c) { return .choose(n, then: key) }
            case .narrow?:
                if case .char(let c) = key { type(String(c)) }
            case .widen?: erase()
            default: break
            }
        case .resize, .outcome:
            break
        }
        return .choosing
    }
}

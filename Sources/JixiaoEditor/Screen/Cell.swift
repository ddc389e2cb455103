/// One terminal cell: a character (a grapheme) and its style. A double-width character takes
/// its cell and the next one, which holds `continuation` so that both cells stay in step.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    /// The right half of a double-width character.
    public static let continuation = Cell("")

    public var isContinuation: Bool { text.isEmpty }
}

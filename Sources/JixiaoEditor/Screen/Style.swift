/// How a cell is drawn. The view says what a cell means (a heading, an error, the caret's
/// field); the terminal layer maps that to colours, or to bold/reverse/underline when the
/// terminal has no colour or NO_COLOR is set.
public struct Style: Hashable, Sendable {
    public enum Color: UInt8, Sendable, CaseIterable {
        case normal, black, red, green, yellow, blue, magenta, cyan, white
    }

    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(foreground: Color = .normal, background: Color = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
    public static let heading = Style(bold: true)
    public static let selected = Style(reverse: true)
    /// The selected cell when its value has an error (or a warning): selected, and still marked.
    public static let selectedError = Style(foreground: .red, bold: true, reverse: true)
    public static let selectedWarning = Style(foreground: .yellow, reverse: true)
    public static let error = Style(foreground: .red, bold: true)
    public static let warning = Style(foreground: .yellow)
    public static let computed = Style(foreground: .cyan)
    public static let dim = Style(foreground: .blue)
    public static let bar = Style(foreground: .black, background: .cyan)
    public static let barError = Style(foreground: .white, background: .red, bold: true)
    public static let editing = Style(underline: true)
}

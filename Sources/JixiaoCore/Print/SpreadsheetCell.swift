/// What a spreadsheet is given for one cell of a printout: the rules every spreadsheet export
/// follows (CSV and XLSX): text that would run as a formula is neutralised, and a figure is a
/// number, formatted as the form prints it.
///
/// Excel, LibreOffice and Google Sheets read a cell that starts with = + - or @ as a formula,
/// and a formula can run a program (`=cmd|' /C calc'!A0`) or send the sheet's figures to a
/// web address. A 三级指标 named `@SUM(1+1)*cmd|' /C calc'!A0` in a sheet received from
/// someone else would run the moment the finance office opens the CSV. Such a text cell is
/// given a leading apostrophe, as OWASP advises: the spreadsheet shows the text and does not
/// evaluate it. Tab and CR lead the list too, because a spreadsheet drops them and then reads
/// what follows. A figure is a figure, decided by what the cell is (a number typed into a
/// numeric field, or a computed one), not by its first character: -5 and -1,234.50 stay
/// numbers that add up.
public enum SpreadsheetCell {
    /// The first characters that make a spreadsheet evaluate a cell, or drop and then evaluate.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` as the spreadsheet gets it: unchanged for a figure that reads as a number, with
    /// a leading apostrophe for anything else that a spreadsheet would evaluate.
    public static func content(_ text: String, isFigure: Bool) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return text }
        if isFigure && isNumber(text) { return text }
        return "'" + text
    }

    /// A figure as printed: a sign, digits (thousands grouped or not), a decimal part, a
    /// percent sign. A cell marked as a figure is still checked for this shape, so that no
    /// mistake in marking can let a formula through.
    static func isNumber(_ s: String) -> Bool {
        var body = Substring(s)
        if body.hasPrefix("-") || body.hasPrefix("+") { body = body.dropFirst() }
        if body.hasSuffix("%") { body = body.dropLast() }
        guard let first = body.first, first.isASCII, first.isNumber else { return false }
        return body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "," || $0 == "." } && body.filter { $0 == "." }.count <= 1
    }

    /// The number format of a figure: grouped thousands for money and areas (#,##0.00), its
    /// places, and its unit where the form prints one (0.00"%").
    public static func numberFormat(_ f: PrintFigure) -> String {
        var format = f.grouped ? "#,##0" : "0"
        if f.decimals > 0 { format += "." + String(repeating: "0", count: f.decimals) }
        let suffix = f.suffix.filter { $0 != "\"" && $0 != "\\" }
        if !suffix.isEmpty { format += "\"\(suffix)\"" }
        return format
    }

    /// Most significant digits a spreadsheet number holds exactly (a binary double: 15).
    public static let exactDigits = 15

    /// A figure as a spreadsheet stores a number: the double nearest to the exact decimal,
    /// which every spreadsheet shows as that decimal; nil for a figure of more digits than a
    /// double holds, which must go as text so that none is lost. The one place a Double is
    /// made from a figure, for a file format that has no other kind of number; it comes from
    /// the exact decimal's own digits, never from arithmetic.
    public static func number(_ f: PrintFigure) -> Double? {
        let text = ExactDecimal.plainString(f.value)
        let digits = text.drop { $0 == "-" || $0 == "0" || $0 == "." }.filter(\.isNumber)
        guard digits.count <= exactDigits else { return nil }
        return Double(text)
    }
}

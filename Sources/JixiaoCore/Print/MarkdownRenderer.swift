/// Renders a `PrintDocument` as Markdown: a heading per sheet, the lines around its grid as
/// paragraphs, and each part of the grid as a GitHub table (`FlatTable`) whose first row is
/// its header. Cells keep their line breaks as <br> and escape "|"; a cell that goes on from
/// the row above is left blank; columns of figures are right-aligned.
public struct MarkdownRenderer {
    public init() {}

    public func render(_ doc: PrintDocument) -> String {
        var out = "# \(Self.escapeText(doc.title))\n"
        for sheet in doc.sheets {
            out += "\n## \(Self.escapeText([sheet.caption, sheet.title].filter { !$0.isEmpty }.joined(separator: " ")))\n"
            for line in sheet.above { out += "\n" + Self.paragraph(line) }
            for t in FlatTable.tables(of: sheet) {
                out += "\n"
                if !t.title.isEmpty { out += "**\(Self.escapeText(t.title))**\n\n" }
                for (n, r) in t.rows.enumerated() {
                    let text = r.cells.indices.map { k -> String in
                        let c = r.continues[k] ? "" : Self.cell(r.cells[k])
                        return r.bold[k] && n > 0 && !c.isEmpty ? "**\(c)**" : c
                    }
                    out += "| " + text.joined(separator: " | ") + " |\n"
                    if n == 0 { out += "|" + t.figureColumns.map { $0 ? " ---: |" : " --- |" }.joined() + "\n" }
                }
            }
            for line in sheet.below { out += "\n" + Self.paragraph(line) }
        }
        if !doc.problemsHeading.isEmpty {
            out += "\n## \(Self.escapeText(doc.problemsHeading))\n\n"
            out += doc.problems.map { Self.escapeText($0) }.joined(separator: "  \n") + "\n"
        }
        return out
    }

    /// A line around a grid as a paragraph: its indent dropped (four spaces would make it code).
    static func paragraph(_ s: String) -> String {
        escapeText(String(s.drop { $0 == " " })).replacingScalar("\n", with: "  \n") + "\n"
    }

    static func cell(_ s: String) -> String {
        escapeText(s).replacing("|", with: "\\|").replacing("\r\n", with: "<br>").replacing("\n", with: "<br>")
    }

    /// Characters that would start Markdown syntax at the start of text are escaped.
    static func escapeText(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\`*_<>[]#".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

/// Renders a `PrintDocument` as Markdown (GitHub tables): headings, paragraphs, and tables
/// whose cells keep their line breaks as <br> and escape "|".
public struct MarkdownRenderer {
    public init() {}

    public func render(_ doc: PrintDocument) -> String {
        var out = "# \(Self.escapeText(doc.title))\n"
        for block in doc.blocks {
            out += "\n"
            switch block {
            case .heading(let h):
                out += "## \(Self.escapeText(h))\n"
            case .paragraph(let p):
                out += Self.escapeText(p).replacingScalar("\n", with: "  \n") + "\n"
            case .table(let t):
                if !t.title.isEmpty { out += "**\(Self.escapeText(t.title))**\n\n" }
                out += "| " + t.columns.map { Self.cell($0.header) }.joined(separator: " | ") + " |\n"
                out += "|" + t.columns.map { $0.align == .right ? " ---: |" : " --- |" }.joined() + "\n"
                for r in t.rows {
                    let cells = r.cells.enumerated().map { k, c in (k < r.continues.count && r.continues[k]) ? "" : c }
                    let text = cells.map(Self.cell).map { r.emphasis && !$0.isEmpty ? "**\($0)**" : $0 }
                    out += "| " + text.joined(separator: " | ") + " |\n"
                }
            }
        }
        return out
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

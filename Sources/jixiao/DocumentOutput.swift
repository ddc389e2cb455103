import ArgumentParser
import JixiaoCore
import JixiaoXLSX

/// A laid-out document written out, as `print` and `summary` write theirs: rendered as text,
/// an XLSX workbook, CSV or Markdown, and sent to standard output or, atomically, to
/// `--output` (a workbook only there), which is never
/// one of the sheets it was made from, nor any other sheet or recovery journal (a printout
/// written over a sheet would replace it, with no backup).
struct DocumentOutput {
    var format: PrintCommand.Format
    var width: Int
    var border: TextRenderer.Border
    var ambiguous: AmbiguousWidth
    var pageLength: Int?
    var output: String?
    /// What the output is made from and what it is, in messages: ("这正是要打印的表",
    /// "this is the sheet being printed") and ("打印结果", "its printout").
    var source: (zh: String, en: String)
    var product: (zh: String, en: String)

    /// The limits of `--width` and `--page-length`, and a workbook's need of `--output`, as
    /// usage errors.
    static func check(width: Int, pageLength: Int?, format: PrintCommand.Format, output: String?) throws {
        if format == .xlsx && output == nil {
            throw ValidationError("--format xlsx 需要 --output 文件名：工作簿不写到终端 (--format xlsx needs --output: a workbook is not written to a terminal)")
        }
        guard width >= TextRenderer.minWidth else {
            throw ValidationError("--width 至少为 \(TextRenderer.minWidth) (at least \(TextRenderer.minWidth))")
        }
        if let pageLength, pageLength < TextRenderer.minPageLength {
            throw ValidationError("--page-length 至少为 \(TextRenderer.minPageLength) (at least \(TextRenderer.minPageLength))")
        }
    }

    /// Renders and writes `doc`; a refused or failed `--output` is said and exits 2.
    func write(_ doc: PrintDocument, sources: [FileStatus], lang: Language) throws {
        if let output, let why = refusal(output, sources: sources, lang: lang) {
            complain(why)
            throw ExitCode(2)
        }
        let text: String
        switch format {
        case .text: text = TextRenderer(width: width, border: border, pageLength: pageLength, lang: lang, ambiguous: ambiguous).render(doc)
        case .csv: text = CSVRenderer(lang: lang).render(doc)
        case .markdown: text = MarkdownRenderer().render(doc)
        case .xlsx:
            // check() made sure of --output.
            do { try XLSXWriter(lang: lang).write(doc, to: output ?? "") } catch {
                complain(error.render(lang))
                throw ExitCode(2)
            }
            return
        }
        guard let output else {
            // Written as it is, not through `say`: the layout (SheetLayout, SummaryLayout) has
            // already shown every text from the sheets and the template as \u001B, and what is
            // left is the renderers' own, whose form feeds (page breaks) and CR LF (CSV's line
            // ends) must stay.
            print(text, terminator: "")
            return
        }
        do { try AtomicFile.write(Array(text.utf8), to: output) } catch {
            complain(error.render(lang))
            throw ExitCode(2)
        }
    }

    /// Why `output` must not be written: it is one of `sources`, or a sheet, or a journal.
    func refusal(_ output: String, sources: [FileStatus], lang: Language) -> String? {
        guard let there = FileStatus.of(output) else { return nil }
        if sources.contains(where: there.isSameFile) {
            return lang.pick("\(output): \(source.zh)，不会用\(product.zh)覆盖它", "\(output): \(source.en); it is not overwritten with \(product.en)")
        }
        if there.isRegular, let bytes = try? AtomicFile.read(output), let doc = try? JSONParser.parse(bytes),
           SessionCodec.templateReference(doc) != nil || doc.objectValue?["recovery"] != nil {
            return lang.pick("\(output): 这是一张表（会话文件），不会用\(product.zh)覆盖它", "\(output): this is a sheet (a session file); it is not overwritten with \(product.en)")
        }
        return nil
    }
}

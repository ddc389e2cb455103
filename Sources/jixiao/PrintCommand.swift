import ArgumentParser
import JixiaoCore
import JixiaoXLSX

struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "按官方表样打印：对齐的文本、XLSX 工作簿、CSV 或 Markdown (print the sheet as its official form: text, XLSX, CSV or Markdown)",
        discussion: """
        示例 / examples:
          jixiao print s.json                          宽 100 列，Unicode 表格线
          jixiao print s.json --width 80 --border ascii
          jixiao print s.json --ambiguous wide         “ ” ≥ — 和表格线占 2 列的终端或打印机
          jixiao print s.json --page-length 66 --output s.txt   分页：换页符、续表表头、第 N 页 / 共 M 页
          jixiao print s.json --format xlsx --output s.xlsx    电子表格：合并单元格、数字格式、打印设置
          jixiao print s.json --format csv --output s.csv
        有问题的草稿照常打印，问题清单附在最后；--strict 则在有错误时拒绝打印（退出码 1）。
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, xlsx, csv, markdown }

    @Argument(help: "会话文件 (session file)", completion: .file(extensions: ["json"]))
    var file: String

    @Option(name: .long, help: "每行最多的显示列数（汉字占 2 列），至少 \(TextRenderer.minWidth) (line width in display columns)")
    var width: Int = 100

    @Option(name: .long, help: "表格线：unicode 或 ascii (border style)")
    var border: TextRenderer.Border = .unicode

    @Option(name: .long, help: "“ ” ≥ — ※ 和表格线等东亚歧义宽度字符按几列排：narrow（1 列，默认）或 wide（2 列，许多中文终端和打印机如此）(East-Asian-Ambiguous characters: 1 or 2 columns)")
    var ambiguous: AmbiguousWidth = .narrow

    @Option(name: .long, help: "每页行数（含页脚），用于打印机分页，至少 \(TextRenderer.minPageLength) (lines per page)")
    var pageLength: Int?

    @Option(name: .long, help: "输出格式：text、xlsx（须配 --output）、csv、markdown (output format; xlsx needs --output)")
    var format: Format = .text

    @Option(name: .long, help: "写入文件而不是标准输出（原子写入）(write to a file)", completion: .file())
    var output: String?

    @Flag(name: .long, help: "有错误时不打印，退出码 1 (refuse to print a sheet with errors)")
    var strict = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        try DocumentOutput.check(width: width, pageLength: pageLength, format: format, output: output)
    }

    func run() throws {
        let lang = common.language
        let loaded = try loadOrExit(file, common)
        let computed = Calculator.compute(loaded.session, loaded.template)
        let problems = loaded.notes + Validator.validate(loaded.session, loaded.template, computed)
        let errors = problems.filter { $0.severity == .error }.count
        if strict && errors > 0 {
            complain(lang.pick("\(file): 有 \(errors) 个错误，--strict 拒绝打印（用 jixiao validate 查看）",
                               "\(file): \(errors) errors; --strict refuses to print (see jixiao validate)"))
            throw ExitCode(1)
        }
        let doc = SheetLayout(session: loaded.session, template: loaded.template, computed: computed, problems: problems, lang: lang).document()
        try DocumentOutput(format: format, width: width, border: border, ambiguous: ambiguous, pageLength: pageLength, output: output,
                           source: ("这正是要打印的表", "this is the sheet being printed"), product: ("打印结果", "its printout"))
            .write(doc, sources: FileStatus.of(file).map { [$0] } ?? [], lang: lang)
    }
}

extension TextRenderer.Border: ExpressibleByArgument {}
extension AmbiguousWidth: ExpressibleByArgument {}

import ArgumentParser
import JixiaoCore

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "把多张表汇总为项目自评汇总表 (summarise many sheets into the 项目自评汇总表)",
        discussion: """
        读取给出的表和文件夹中的全部 *.json 表（项目表与部门整体表均可），每张表一行：项目编码、项目名称、
        预算单位、年初预算数、调整后预算数、全年执行数（换算为元）、预算执行率、预算调整率、自评得分、等级、
        主要原因分析，及该表的错误和警告数；合计行金额精确相加，执行率 = Σ执行数 / Σ调整后预算数；
        其后是各等级个数和平均分。无法读取的表列出原因并略去，其余照常汇总，退出码 1；一张也无法读取时不汇总，退出码 2。
        示例 / examples:
          jixiao summary 2024/                               文件夹中的全部表
          jixiao summary 2024/ --group-by 主管部门 --sort 自评得分 --descending
          jixiao summary 2024/ --filter 三等 --filter 四等    只列三等、四等
          jixiao summary 2024/ --filter 有错误                只列有错误的表
          jixiao summary 2024/ --format csv --output 汇总.csv
          jixiao summary 2024/ --save 汇总.json              另存为汇总表，可编辑、校验、打印
        """)

    @Argument(help: "表或文件夹 (sheets or folders of sheets)")
    var paths: [String]

    @Option(name: .long, help: "分组小计：主管部门 或 预算单位 (subtotals per department or per unit)")
    var groupBy: String?

    @Option(name: .long, help: "排序：序号 项目编码 项目名称 预算单位 主管部门 年初预算数 调整后预算数 全年执行数 预算执行率 预算调整率 自评得分 问题 (or file code name unit department initial adjusted executed exec-rate adjust-rate score problems)")
    var sort: String?

    @Flag(name: .long, help: "从大到小排序 (sort in descending order)")
    var descending = false

    @Option(name: .long, help: "只列出：某一等级（一等 二等 三等 四等 未评分），或 有错误、有警告、有问题；可重复 (only sheets of a grade, or with errors, warnings, problems; repeatable)")
    var filter: [String] = []

    @Option(name: .long, help: "输出格式：text、xlsx（须配 --output）、csv、markdown (output format; xlsx needs --output)")
    var format: PrintCommand.Format = .text

    @Option(name: .long, help: "每行最多的显示列数（汉字占 2 列），至少 \(TextRenderer.minWidth) (line width in display columns)")
    var width: Int = 160

    @Option(name: .long, help: "表格线：unicode 或 ascii (border style)")
    var border: TextRenderer.Border = .unicode

    @Option(name: .long, help: "“ ” ≥ — ※ 和表格线等东亚歧义宽度字符按几列排：narrow（1 列，默认）或 wide（2 列）(East-Asian-Ambiguous characters: 1 or 2 columns)")
    var ambiguous: AmbiguousWidth = .narrow

    @Option(name: .long, help: "每页行数（含页脚），用于打印机分页，至少 \(TextRenderer.minPageLength) (lines per page)")
    var pageLength: Int?

    @Option(name: .long, help: "写入文件而不是标准输出（原子写入；不会覆盖任何表）(write to a file)")
    var output: String?

    @Option(name: .long, help: "另存为汇总表（新文件，绝不覆盖）(save the summary as a new guangxi-project-summary sheet)")
    var save: String?

    @Option(name: .long, help: "另存的汇总表的预算单位，默认为各表共同的主管部门 (unit of the saved summary)")
    var unit: String?

    @Option(name: .long, help: "另存的汇总表的年度，默认为各表共同的年度 (year of the saved summary)")
    var year: Int?

    @Option(name: .long, help: "同时读取的表数，默认每个处理器一个 (sheets read at once; one per processor by default)")
    var jobs: Int?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        try DocumentOutput.check(width: width, pageLength: pageLength, format: format, output: output)
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs 应在 1 到 256 之间 (from 1 to 256)") }
        if let year, !(1949...2200).contains(year) { throw ValidationError("--year 应在 1949 到 2200 之间 (from 1949 to 2200)") }
    }

    func run() throws {
        let lang = common.language
        let registry = common.registry()
        guard let template = registry.template(id: SummaryForm.defaultTemplateID), let form = SummaryForm(template) else {
            complain(lang.pick("找不到汇总表模板“\(SummaryForm.defaultTemplateID)”", "the summary template \"\(SummaryForm.defaultTemplateID)\" is missing"))
            throw ExitCode(2)
        }
        let options = try summaryOptions(form, lang)
        // Refused before the sheets are read and the summary printed, not after: a new file
        // never replaces anything, and a summary printed but not saved is made again.
        if let save, let there = FileStatus.of(link: save) {
            complain((there.isFolder ? FileError.folderInTheWay(save) : FileError.exists(save)).render(lang))
            throw ExitCode(2)
        }
        let found = SheetFinder(paths)
        for note in found.skipped { complain(note.render(lang)) }
        var rows = [SummaryRow]()
        var failures = found.unreadable.map { $0.render(lang) }
        for outcome in SummaryReader.read(found.sheets.map(\.path), registry: registry, form: form, workers: jobs) {
            switch outcome {
            case .row(let r): rows.append(r)
            case .failed(let e): failures.append(e.render(lang))
            }
        }
        guard !failures.isEmpty || !rows.isEmpty else {
            complain(lang.pick("没有找到要汇总的表（*.json）", "no sheets (*.json) were found to summarise"))
            throw ExitCode(2)
        }
        // Nothing read is no summary with its rows left out but a failure to read (exit 2):
        // a script must not take an empty table for the summary of what it named.
        guard !rows.isEmpty else {
            for f in failures { complain(f) }
            complain(lang.pick("没有一张表能够读取，未汇总", "none of the sheets could be read; nothing was summarised"))
            throw ExitCode(2)
        }
        let summary = ProjectSummary(rows, form: form, options: options)
        let doc = SummaryLayout.document(summary, failures: failures, lang: lang)
        try DocumentOutput(format: format, width: width, border: border, ambiguous: ambiguous, pageLength: pageLength, output: output,
                           source: ("这是要汇总的表之一", "this is one of the sheets summarised"), product: ("汇总结果", "the summary"))
            .write(doc, sources: found.sheets.map(\.status), lang: lang)
        for f in failures { complain(f) }
        if let save { try saveSheet(summary, to: save, lang) }
        if !failures.isEmpty {
            complain(lang.pick("\(failures.count) 张表无法读取，未计入汇总", "\(failures.count) of the sheets could not be read and were left out"))
            throw ExitCode(1)
        }
    }

    /// `--sort`, `--group-by` and `--filter` as the core takes them; an unknown name is a
    /// usage error (exit 2).
    func summaryOptions(_ form: SummaryForm, _ lang: Language) throws -> SummaryOptions {
        var options = SummaryOptions(descending: descending)
        if let sort {
            guard let key = SummaryOptions.SortKey(name: sort) else {
                complain(lang.pick("--sort: 不认识“\(sort)”", "--sort: unknown key \"\(sort)\""))
                throw ExitCode(2)
            }
            options.sort = key
        }
        if let groupBy {
            guard let g = SummaryOptions.Grouping(name: groupBy) else {
                complain(lang.pick("--group-by: 应为 主管部门 或 预算单位", "--group-by: 主管部门 (department) or 预算单位 (unit)"))
                throw ExitCode(2)
            }
            options.groupBy = g
        }
        for name in filter {
            guard let f = SummaryOptions.Filter(name: name, bands: form.grades) else {
                complain(lang.pick("--filter: 不认识“\(name)”（可用：\(form.grades.map(\.grade).joined(separator: "、"))、未评分、有错误、有警告、有问题）",
                                   "--filter: unknown \"\(name)\" (a grade: \(form.grades.map(\.gradeEn).joined(separator: ", ")), or ungraded, errors, warnings, problems)"))
                throw ExitCode(2)
            }
            options.filters.append(f)
        }
        return options
    }

    /// `--save`: the summary as a new sheet of its template; never over an existing file.
    func saveSheet(_ summary: ProjectSummary, to path: String, _ lang: Language) throws {
        let s = SummarySheet.session(summary, unit: unit, year: year)
        do {
            try SessionFile.save(s, summary.form.template, to: path, exclusive: true)
        } catch {
            complain(error.render(lang))
            throw ExitCode(2)
        }
        complain(lang.pick("已另存汇总表 \(path)（\(summary.rows.count) 个项目）。部门整体的年初预算、调整后预算、全年执行数和指标完成情况得分请在其中填写：jixiao \(path)",
                           "saved the summary as \(path) (\(summary.rows.count) projects). Fill in the department's own budget, spending and indicator score there: jixiao \(path)"))
    }
}

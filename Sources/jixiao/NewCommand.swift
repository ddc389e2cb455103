import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JixiaoCore

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "按模板新建一张空表，或从上年的表开始，绝不覆盖已有文件 (create an empty sheet, or next year's from this year's; never overwrites)",
        discussion: """
        示例 / examples:
          jixiao new --template national-project --unit 某单位 --year 2025 s.json
          jixiao new --from suining-2024.json                  新建 suining-2025.json
          jixiao new --from suining-2024.json next.json
        --from 沿用上年的表的模板、单位、指标（一级、二级、三级、年度指标值、分值）和预期目标（草稿），
        清空金额、完成值、得分和偏差原因。
        """)

    @Option(name: .long, help: "模板 id，见 jixiao templates；在终端中省略时会列出模板供选择 (template id; asked for in a terminal when left out)",
            completion: TemplateCompletion.ids)
    var template: String?

    @Option(name: .long, help: "从上年的表开始（新表为其下一年度）(start from last year's sheet)")
    var from: String?

    @Option(name: .long, help: "单位名称 (unit name)")
    var unit: String = ""

    @Option(name: .long, help: "年度，如 2024 (year)")
    var year: Int?

    @Argument(help: "新文件路径；在终端中省略时会询问 (path of the new file; asked for in a terminal when left out)",
              completion: .file(extensions: ["json"]))
    var file: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let reg = common.registry()
        if let from { return try startFrom(from, reg, lang) }
        var template = self.template, file = self.file, unit = self.unit, year = self.year
        if template == nil || file == nil {
            guard isatty(STDIN_FILENO) == 1 else {
                complain(lang.pick("请给出 --template 和文件路径（不在终端中时不会询问）", "give --template and a file path (nothing is asked outside a terminal)"))
                throw ExitCode(2)
            }
            guard let answers = NewSheetQuestions.ask(reg, template: template, unit: unit, year: year, file: file, lang: lang) else { throw ExitCode(2) }
            (template, unit, year, file) = (answers.template, answers.unit, answers.year, answers.file)
        }
        guard let template, let file else { throw ExitCode(2) }
        guard let t = reg.template(id: template) else {
            if let broken = reg.brokenTemplate(id: template) {
                complain(broken.render(lang))
            } else {
                complain(lang.pick("未知的模板“\(template)”（可用：\(reg.templates.map(\.id).joined(separator: "、"))）",
                                   "unknown template \"\(template)\" (known: \(reg.templates.map(\.id).joined(separator: ", ")))"))
            }
            throw ExitCode(2)
        }
        if let year, !(1949...2200).contains(year) {
            complain(lang.pick("--year: 年度应在 1949 到 2200 之间", "--year: the year must be from 1949 to 2200"))
            throw ExitCode(2)
        }
        let s = Session.new(for: t, unit: try Self.unitOption(unit, t, lang), year: year)
        do {
            try SessionFile.save(s, t, to: file, exclusive: true)
        } catch {
            complain(error.render(lang))
            throw ExitCode(2)
        }
        say(lang.pick("已新建 \(file)（\(t.title(year: year))，模板 \(t.id) 第 \(t.version) 版）。用 jixiao \(file) 开始填写。",
                        "created \(file) (\(t.id) version \(t.version)). jixiao \(file) opens it."))
    }
}

extension NewCommand {
    /// A unit name as `set /unit` takes it: trimmed, one line, without a control character or
    /// a bidi control, which `set`, the editor and `validate` all refuse.
    static func unitName(_ raw: String, _ f: Field) -> Result<String, InputParser.Refusal> {
        Result { () throws(InputParser.Refusal) in try InputParser.parse(raw, for: f)?.text ?? "" }
    }

    /// `--unit` as the new sheet's unit name, or exit 2 saying why not.
    static func unitOption(_ raw: String, _ t: Template, _ lang: Language) throws -> String {
        switch unitName(raw, t.unitField) {
        case .success(let name): return name
        case .failure(let refusal):
            complain("--unit: " + lang.pick(refusal.message, refusal.messageEn))
            throw ExitCode(2)
        }
    }
}

/// `jixiao new` in a terminal without a template or file: asks, one question a line.
enum NewSheetQuestions {
    struct Answers {
        var template: String
        var unit: String
        var year: Int?
        var file: String
    }

    static func ask(_ reg: TemplateRegistry, template: String?, unit: String, year: Int?, file: String?, lang: Language) -> Answers? {
        func line(_ prompt: String) -> String? {
            say(prompt, terminator: "")
            return readLine()?.trimmingWhitespace()
        }
        var chosen = template
        if chosen == nil {
            say(lang.pick("选择模板：", "Choose a template:"))
            for line in menu(reg.templates, width: terminalWidth()) { say(line) }
            while chosen == nil {
                guard let answer = line(lang.pick("编号（1–\(reg.templates.count)）：", "Number (1–\(reg.templates.count)): ")) else { return nil }
                if let n = Int(answer), reg.templates.indices.contains(n - 1) { chosen = reg.templates[n - 1].id }
                else if reg.template(id: answer) != nil { chosen = answer }
                else { say(lang.pick("没有这个模板，请重新输入。", "No such template; try again.")) }
            }
        }
        var u = unit
        // Checked as --unit is, so that a name refused is asked again rather than ending `new`.
        let unitField = chosen.flatMap(reg.template(id:))?.unitField
        while u.isEmpty, let answer = line(lang.pick("单位名称：", "Unit: ")) {
            if let unitField, case .failure(let refusal) = NewCommand.unitName(answer, unitField) {
                say(lang.pick("\(refusal.message)，请重新输入。", "\(refusal.messageEn); try again."))
                continue
            }
            u = answer
            break
        }
        var y = year
        while y == nil {
            guard let answer = line(lang.pick("年度（如 2025，可留空）：", "Year (e.g. 2025, may be left empty): ")) else { return nil }
            if answer.isEmpty { break }
            if let n = Int(answer.replacing("年", with: "")), (1949...2200).contains(n) { y = n }
            else { say(lang.pick("年度应为 1949 到 2200 之间的整数。", "The year must be from 1949 to 2200.")) }
        }
        var f = file
        while f == nil || f?.isEmpty == true {
            guard let chosen else { return nil }
            let suggestion = "\(chosen)-\(y.map(String.init) ?? "new").json"
            guard let answer = line(lang.pick("文件名（回车用 \(suggestion)）：", "File name (Enter for \(suggestion)): ")) else { return nil }
            f = answer.isEmpty ? suggestion : answer
        }
        guard let chosen, let f else { return nil }
        return Answers(template: chosen, unit: u, year: y, file: f)
    }

    /// The templates to choose from: the number and id on a line of their own (an id that the
    /// terminal wrapped in two could not be read or copied), then the title and region,
    /// wrapped to the terminal's width where a line may break.
    static func menu(_ templates: [Template], width: Int) -> [String] {
        var out = [String]()
        for (n, t) in templates.enumerated() {
            out.append("  \(n + 1). \(t.id)")
            for line in TextWrap.wrap("\(t.title(year: nil))  \(t.region)", width: max(10, width - 6)) {
                out.append("     " + line)
            }
        }
        return out
    }

    /// The terminal's width, or 80 when it cannot be told.
    static func terminalWidth() -> Int {
        var ws = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 else { return 80 }
        return Int(ws.ws_col)
    }
}

import ArgumentParser
import JixiaoCore

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "按模板新建一张空表，绝不覆盖已有文件 (create an empty sheet; never overwrites)")

    @Option(name: .long, help: "模板 id，见 jixiao templates (template id)")
    var template: String

    @Option(name: .long, help: "单位名称 (unit name)")
    var unit: String = ""

    @Option(name: .long, help: "年度，如 2024 (year)")
    var year: Int?

    @Argument(help: "新文件路径 (path of the new file)")
    var file: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let reg = common.registry()
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
        let s = Session.new(for: t, unit: unit, year: year)
        do {
            try SessionFile.save(s, t, to: file, exclusive: true)
        } catch {
            complain(error.render(lang))
            throw ExitCode(2)
        }
        print(lang.pick("已新建 \(file)（\(t.title(year: year))，模板 \(t.id) 第 \(t.version) 版）",
                        "created \(file) (\(t.id) version \(t.version))"))
    }
}

import ArgumentParser
import JixiaoCore

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "列出可用的模板 (list the templates: id, version, title)")

    @OptionGroup var common: CommonOptions

    func run() throws {
        let reg = common.registry()
        let lang = common.language
        let width = reg.templates.map(\.id.count).max() ?? 0
        for t in reg.templates {
            let title = lang == .en && !t.titleEn.isEmpty ? t.titleEn.replacing("{year}", with: "YYYY") : t.title(year: nil)
            say("\(DisplayWidth.pad(t.id, to: width, align: .left))  v\(t.version)  \(title)  \(t.region)")
        }
        for b in reg.broken { complain(b.render(lang)) }
        if reg.templates.isEmpty && reg.broken.isEmpty {
            // An empty list would look like success: say where nothing was found.
            let folders = reg.folders.joined(separator: lang.pick("、", ", "))
            complain(lang.pick("没有找到任何模板（查找过：\(folders)）", "no templates found (looked in: \(folders))"))
            throw ExitCode(2)
        }
        if !reg.broken.isEmpty { throw ExitCode(2) }
    }
}

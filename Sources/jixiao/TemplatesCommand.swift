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
        if !reg.broken.isEmpty { throw ExitCode(2) }
    }
}

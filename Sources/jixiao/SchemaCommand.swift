import ArgumentParser
import JixiaoCore

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "输出模板会话文件的 JSON Schema (2020-12) (print the JSON Schema of a template's sessions)")

    @Argument(help: "模板 id (template id)", completion: TemplateCompletion.ids)
    var id: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        let reg = common.registry()
        guard let t = reg.template(id: id) else {
            if let b = reg.brokenTemplate(id: id) { complain(b.render(common.language)) } else {
                complain(common.language.pick("未知的模板“\(id)”", "unknown template \"\(id)\""))
            }
            throw ExitCode(2)
        }
        say(JSONWriter.write(SessionSchema.generate(t)), terminator: "")
    }
}

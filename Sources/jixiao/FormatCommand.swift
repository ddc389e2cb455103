import ArgumentParser
import JixiaoCore

struct FormatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "format",
        abstract: "按模板顺序重写文件并刷新计算结果 (rewrite in canonical form with fresh figures)",
        discussion: "用于手工或其他工具编辑过的文件。内容相同的文件不会重写。(Files already in canonical form are not rewritten.)")

    @Argument(help: "会话文件 (session files)", completion: .file(extensions: ["json"]))
    var files: [String]

    @Flag(name: .long, help: "只检查是否已是规范格式，不写入；不是则退出码 1 (check only)")
    var check = false

    @Flag(name: .long, help: "编辑器正打开文件时仍然写入 (write even while an editor has a sheet open)")
    var force = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let reg = common.registry()
        var code: Int32 = 0
        for file in files {
            let lock: SheetLock?
            do { lock = check ? nil : try lockForCommand(file, command: "format", force: force, lang: lang) } catch {
                code = 2
                continue
            }
            defer { lock?.release() }
            guard let (loaded, old) = try? readOrExit(file, common, registry: reg) else {
                code = 2
                continue
            }
            let bytes = SessionFile.render(loaded.session, loaded.template)
            if old == bytes { continue }
            if check {
                say(lang.pick("\(file): 不是规范格式", "\(file): not in canonical form"))
                if code == 0 { code = 1 }
                continue
            }
            do { try AtomicFile.write(bytes, to: file, .sheet) } catch {
                complain(error.render(lang))
                code = 2
            }
        }
        if code != 0 { throw ExitCode(code) }
    }
}

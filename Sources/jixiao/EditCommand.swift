import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoEditor
import JixiaoTerminal

/// `jixiao edit FILE` (also `jixiao FILE`) and `jixiao review FILE`: the full-screen editor.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "在终端中编辑一张表（jixiao FILE 亦可）(edit a sheet in the terminal)",
        discussion: "按 F1 查看全部按键。(F1 lists every key.)")

    @Argument(help: "会话文件 (session file)")
    var file: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        guard let file else {
            print(Jixiao.helpMessage())
            return
        }
        try runEditor(file: file, readOnly: false, common: common)
    }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "只读审阅一张表，n / p 跳到下一个 / 上一个问题 (review a sheet read-only)")

    @Argument(help: "会话文件 (session file)")
    var file: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        try runEditor(file: file, readOnly: true, common: common)
    }
}

/// The editor's runtime: reads events from the terminal, runs `Editor.update`, carries out
/// its commands (atomic saves), and shows `EditorView.draw` of each new state.
func runEditor(file: String, readOnly: Bool, common: CommonOptions) throws {
    let lang = common.language
    let loaded = try loadOrExit(file, common)
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        complain(lang.pick("编辑器需要在终端中运行（不需要终端的操作请用 jixiao set / get / validate / print）",
                           "the editor needs a terminal (use jixiao set / get / validate / print without one)"))
        throw ExitCode(2)
    }
    let terminal: Terminal
    do {
        terminal = try Terminal()
    } catch {
        complain(lang.pick("无法初始化终端：\(error)", "cannot initialise the terminal: \(error)"))
        throw ExitCode(2)
    }
    defer { terminal.restore() }
    let size = terminal.size
    var state = EditorState(session: loaded.session, template: loaded.template, path: file, readOnly: readOnly,
                            lang: lang, width: size.width, height: size.height)
    terminal.present(EditorView.draw(state))
    while true {
        guard let event = terminal.readEvent(timeoutMilliseconds: 1000) else { continue }
        var commands: [EditorCommand]
        (state, commands) = Editor.update(state, event)
        while !commands.isEmpty {
            let command = commands.removeFirst()
            switch command {
            case .quit:
                return
            case .save(let path, let bytes, let thenQuit):
                let result: (EditorState, [EditorCommand])
                do {
                    try AtomicFile.write(bytes, to: path)
                    result = Editor.saved(state, error: nil, thenQuit: thenQuit)
                } catch {
                    result = Editor.saved(state, error: error.render(lang), thenQuit: thenQuit)
                }
                state = result.0
                commands += result.1
            }
        }
        terminal.present(EditorView.draw(state))
    }
}

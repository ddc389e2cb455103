import ArgumentParser
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JixiaoCore
import JixiaoEditor
import JixiaoTerminal

/// `jixiao edit FILE` (also `jixiao FILE`) and `jixiao review FILE`: the full-screen editor.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "在终端中编辑一张表（jixiao FILE 亦可）(edit a sheet in the terminal)",
        discussion: "按 F1 查看全部按键。(F1 lists every key.)")

    @Argument(help: "会话文件 (session file)", completion: .file(extensions: ["json"]))
    var file: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        guard let file else {
            say(Jixiao.helpMessage())
            return
        }
        try runEditor(file: file, readOnly: false, lang: common.language, registry: common.registry())
    }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "只读审阅一张表，n / p 跳到下一个 / 上一个问题 (review a sheet read-only)")

    @Argument(help: "会话文件 (session file)", completion: .file(extensions: ["json"]))
    var file: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        try runEditor(file: file, readOnly: true, lang: common.language, registry: common.registry())
    }
}

/// Opens the editor on a sheet: reads it (exit 2 if it cannot be read), starts the terminal,
/// and hands over to `EditorRuntime`, which holds the lock, the journal and the saves. When
/// a signal ends the editor, the process ends with that signal once the terminal is back.
func runEditor(file: String, readOnly: Bool, lang: Language, registry: TemplateRegistry) throws {
    // Before the bytes are read: what the editor will warn about overwriting is any change
    // after this moment (see EditorRuntime.init).
    let stamp = FileStamp(file)
    let (loaded, bytes) = try readOrExit(file, lang: lang, registry: registry)
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
    var runtime: EditorRuntime? = EditorRuntime(loaded: loaded, bytes: bytes, stamp: stamp, readOnly: readOnly, lang: lang,
                                                registry: registry, terminal: terminal)
    let ending = runtime?.run() ?? .quit
    runtime = nil  // journal writes finished, lock given back
    terminal.restore()
    switch ending {
    case .quit: return
    case .signal(let signal): terminal.die(of: signal)
    case .hungUp: throw ExitCode(129)
    }
}

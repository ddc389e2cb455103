import ArgumentParser
import Glibc
import JixiaoCore

/// `jixiao`: create, fill, check and inspect budget performance self-evaluation sheets.
///
/// Exit codes: 0 fine, 1 the sheet has validation errors, 2 usage or I/O problem.
@main
struct Jixiao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jixiao",
        abstract: "绩效自评表：新建、填写、校验、查询 (budget performance self-evaluation sheets)",
        discussion: """
        退出码 / exit codes: 0 正常 fine, 1 有校验错误 validation errors, 2 用法或读写错误 usage or I/O.
        模板目录 / template folders: JIXIAO_TEMPLATES, ~/.local/share/jixiao/templates, Templates/.
        """,
        subcommands: [EditCommand.self, ReviewCommand.self, TemplatesCommand.self, NewCommand.self, SetCommand.self, GetCommand.self,
                      ValidateCommand.self, PrintCommand.self, FormatCommand.self, SchemaCommand.self],
        defaultSubcommand: EditCommand.self
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                exit(withError: error)  // --help, --version
            }
            complain(fullMessage(for: error))
            Glibc.exit(2)
        }
    }
}

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "界面语言 zh 或 en (language of messages)")
    var lang: LanguageOption = .zh

    @Option(name: .long, help: "额外的模板目录，优先于默认目录 (an extra template folder, searched first)")
    var templates: [String] = []

    var language: Language { lang.language }

    func registry() -> TemplateRegistry {
        TemplateRegistry(folders: templates + TemplateRegistry.defaultFolders())
    }
}

enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    case zh, en
    var language: Language { self == .en ? .en : .zh }
}

/// Writes a message to standard error. Whatever it quotes (a file name, a value, a template's
/// title) is shown with its control characters made visible: see `TerminalText`.
func complain(_ text: String) {
    StandardError.writeLine(TerminalText.visible(text, keepingLineBreaks: true))
}

/// Writes to standard output, as `print` would, with every control character and bidi
/// control from data made visible (line breaks kept): a sheet received from someone else
/// must not be able to retitle the window, write the clipboard or reorder what is shown.
func say(_ text: String, terminator: String = "\n") {
    Swift.print(TerminalText.visible(text + terminator, keepingLineBreaks: true), terminator: "")
}

/// Loads a session or reports why not and exits 2.
func loadOrExit(_ path: String, _ options: CommonOptions, registry: TemplateRegistry? = nil) throws -> LoadedSession {
    try readOrExit(path, options, registry: registry).loaded
}

/// Loads a session and keeps the bytes it was read from, so that a command can tell whether
/// its result differs without reading the file again.
func readOrExit(_ path: String, _ options: CommonOptions, registry: TemplateRegistry? = nil) throws -> (loaded: LoadedSession, bytes: [UInt8]) {
    do {
        let bytes = try AtomicFile.read(path)
        return (try SessionFile.decode(bytes, path: path, registry: registry ?? options.registry()), bytes)
    } catch let e as FileError {
        complain(e.render(options.language))
    } catch let e as LoadError {
        complain(e.render(options.language))
    }
    throw ExitCode(2)
}

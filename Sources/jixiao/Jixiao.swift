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
        模板目录 / template folders: --templates, JIXIAO_TEMPLATES, ~/.local/share/jixiao/templates,
        PREFIX/share/jixiao/templates（安装位置 where installed）.
        """,
        version: JixiaoVersion.current,
        subcommands: [EditCommand.self, ReviewCommand.self, TemplatesCommand.self, NewCommand.self, SetCommand.self, GetCommand.self,
                      ValidateCommand.self, PrintCommand.self, SummaryCommand.self, FormatCommand.self, SchemaCommand.self],
        defaultSubcommand: EditCommand.self
    )

    static func main() {
        do {
            if let launch = EditorLaunch(arguments: Array(CommandLine.arguments.dropFirst())) {
                try runEditor(file: launch.file, readOnly: launch.readOnly, lang: .zh,
                              registry: TemplateRegistry(folders: TemplateRegistry.defaultFolders()))
                return
            }
            var command = try parseAsRoot(commandFirst(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                exit(withError: error)  // --help, --version
            }
            complain(ParserMessages.render(fullMessage(for: error), ParserMessages.language(CommandLine.arguments)))
            Glibc.exit(2)
        }
    }

    /// `jixiao --lang en templates` as `jixiao templates --lang en`: the options every command
    /// takes, given before the command's name, are moved after it. The parser, finding no
    /// command first, would give the whole line to the default one (edit), which would open a
    /// sheet named "templates".
    static func commandFirst(_ arguments: [String]) -> [String] {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--lang" || a == "--templates" { i += 2 }
            else if a.hasPrefix("--lang=") || a.hasPrefix("--templates=") { i += 1 }
            else { break }
        }
        let names = Set(configuration.subcommands.compactMap { $0.configuration.commandName })
        guard i > 0, i < arguments.count, names.contains(arguments[i]) else { return arguments }
        return [arguments[i]] + arguments[..<i] + arguments[(i + 1)...]
    }
}

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "界面语言 zh 或 en (language of messages)")
    var lang: LanguageOption = .zh

    @Option(name: .long, help: "额外的模板目录，优先于默认目录 (an extra template folder, searched first)", completion: .directory)
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
    try readOrExit(path, lang: options.language, registry: registry ?? options.registry())
}

func readOrExit(_ path: String, lang: Language, registry: TemplateRegistry) throws -> (loaded: LoadedSession, bytes: [UInt8]) {
    do {
        let bytes = try AtomicFile.read(path)
        return (try SessionFile.decode(bytes, path: path, registry: registry), bytes)
    } catch let e as FileError {
        complain(e.render(lang))
    } catch let e as LoadError {
        complain(e.render(lang))
    }
    throw ExitCode(2)
}

/// Takes a sheet's lock for a command that reads, changes and writes it (`set`, `format`),
/// waiting up to 10 s for another such command to finish. An editor holding the sheet is
/// named and the command refused (exit 2), unless `force`. Nil when there is no lock to hold:
/// the sheet does not exist (reading it reports that), or `force` writes without one.
func lockForCommand(_ file: String, command: String, force: Bool, lang: Language) throws -> SheetLock? {
    guard FileStatus.of(file) != nil else { return nil }
    switch SheetLock.acquire(for: file, command: command, waitMilliseconds: 10_000) {
    case .acquired(let lock, _, let note):
        if let note { complain(note.render(lang)) }
        return lock
    case .heldBy(let holder):
        let who = holder.map { lang.pick($0.description, $0.descriptionEn) } ?? lang.pick("另一个进程", "another process")
        if force {
            complain(lang.pick("\(file): 此文件正由 \(who) 打开；按 --force 仍然写入", "\(file): the sheet is held by \(who); writing anyway (--force)"))
            return nil
        }
        if holder == nil {
            complain(lang.pick("\(file): 此文件已被另一个进程锁定（锁文件中没有写明是谁）：未写入（--force 强行写入）",
                               "\(file): the sheet is locked by another process (the lock file does not say which): not written (--force writes anyway)"))
        } else if holder?.isEditor == true {
            complain(lang.pick("\(file): 此文件正由 \(who) 在编辑器中打开：未写入。请在编辑器中修改，或关闭编辑器后再试（--force 强行写入）",
                               "\(file): the sheet is open in an editor by \(who): not written. Change it there, or try again once it is closed (--force writes anyway)"))
        } else {
            complain(lang.pick("\(file): 此文件正由 \(who) 写入，10 秒后仍未完成：未写入", "\(file): \(who) is writing the sheet and was not done within 10 s: not written"))
        }
        throw ExitCode(2)
    case .unavailable(let why):
        if force {
            complain(lang.pick("\(file): 无法加锁（\(why.render(lang))）；按 --force 仍然写入", "\(file): cannot lock (\(why.render(lang))); writing anyway (--force)"))
            return nil
        }
        complain(lang.pick("\(file): 无法为此文件加锁（\(why.render(lang))）：未写入（--force 不加锁写入）",
                           "\(file): cannot lock the sheet (\(why.render(lang))): not written (--force writes without the lock)"))
        throw ExitCode(2)
    }
}

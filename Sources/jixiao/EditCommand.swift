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

    @Argument(help: "会话文件 (session file)")
    var file: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        guard let file else {
            say(Jixiao.helpMessage())
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
/// its commands, and shows `EditorView.draw` of each new state. Around it, what keeps a day's
/// work safe: a lock (a second editor opens read-only), the recovery journal (every
/// committed edit is on disk at once), a backup of the previous version on each save, and a
/// check that nobody replaced the file behind the editor's back.
func runEditor(file: String, readOnly: Bool, common: CommonOptions) throws {
    let lang = common.language
    let registry = common.registry()
    let loaded = try loadOrExit(file, common, registry: registry)
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        complain(lang.pick("编辑器需要在终端中运行（不需要终端的操作请用 jixiao set / get / validate / print）",
                           "the editor needs a terminal (use jixiao set / get / validate / print without one)"))
        throw ExitCode(2)
    }
    var startMessage: (String, Bool)?
    var lock: SheetLock?
    var readOnly = readOnly
    if !readOnly {
        switch SheetLock.acquire(for: file) {
        case .acquired(let l, let stale):
            lock = l
            if let stale {
                startMessage = (lang.pick("已接管 \(stale.description) 留下的锁（该进程已不在运行）", "Took over the lock left by \(stale.descriptionEn), which is no longer running"), false)
            }
        case .heldBy(let holder):
            readOnly = true
            startMessage = (lang.pick("此文件正由 \(holder.description) 编辑：以只读方式打开", "This file is being edited by \(holder.descriptionEn): opened read-only"), true)
        case .unavailable(let why):
            startMessage = (lang.pick("无法为此文件加锁（\(why)）：请勿同时在别处编辑", "Cannot lock this file (\(why)): do not edit it elsewhere at the same time"), true)
        }
    }
    defer { lock?.release() }
    let journal = RecoveryJournal(sheet: file)

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
    if let (text, isError) = startMessage { state.message = .init(text: text, isError: isError) }
    if !readOnly, let recovered = journal.read(registry: registry), recovered.template.id == loaded.template.id {
        let at = journal.modified ?? ""
        state.offerRecovery(recovered.session, savedAt: at)
        if state.pendingRecovery == nil { journal.remove() }  // nothing new in it
    }
    var fileStamp = FileStamp(file)
    var overwriteConfirmed = false
    var journaled = state.revision

    // The journal is written when the user pauses (100 ms without a key) and at the latest
    // a second after a committed edit, on a thread of its own: typing never waits for the
    // disk, and no committed edit is more than a second from it.
    let writer = JournalWriter(journal)
    defer { writer.finish() }
    var journalDue: UInt64?
    func flushJournal() {
        journalDue = nil
        if state.isDirty {
            writer.write(state.session, state.template)
        } else {
            writer.remove()
        }
    }
    /// A journal that could not be written is said on the status line (the edits are safe in
    /// the editor; the user can still save).
    func reportJournalError() {
        guard let error = writer.takeError() else { return }
        state.message = .init(text: lang.pick("无法写入恢复文件：\(error.message)", "cannot write the recovery file: \(error.messageEn)"), isError: true)
        terminal.present(EditorView.draw(state))
    }

    terminal.present(EditorView.draw(state))
    while true {
        guard let event = terminal.readEvent(timeoutMilliseconds: journalDue == nil ? 1000 : 100) else {
            if journalDue != nil { flushJournal() }
            reportJournalError()
            // A resize whose signal was missed (it came before ncurses listened) still counts.
            if terminal.syncSize(), case let now = terminal.size, now.width != state.width || now.height != state.height {
                _ = Editor.update(&state, .resize(width: now.width, height: now.height))
                terminal.present(EditorView.draw(state))
            }
            if terminal.isHungUp {
                // The terminal is gone: keep every committed edit in the journal and stop,
                // as on SIGHUP.
                writer.finish()
                if !state.readOnly && state.isDirty { _ = journal.write(state.session, state.template) }
                throw ExitCode(129)
            }
            continue
        }
        var commands: [EditorCommand]
        commands = Editor.update(&state, event)
        while !commands.isEmpty {
            let command = commands.removeFirst()
            switch command {
            case .quit:
                // A clean quit (saved, or changes deliberately discarded) leaves no journal;
                // a read-only viewer never touches the journal of whoever holds the sheet.
                if !state.readOnly { writer.remove() }
                return
            case .discardRecovery:
                writer.remove()
            case .save(let path, let bytes, let thenQuit):
                let result: (EditorState, [EditorCommand])
                if !overwriteConfirmed, let stamp = fileStamp, FileStamp(path) != stamp {
                    overwriteConfirmed = true
                    result = Editor.saved(state, error: lang.pick("文件在编辑期间被其他程序修改或替换；再按一次 Ctrl-S 覆盖它",
                                                                   "the file was changed or replaced by another program while you edited; Ctrl-S again overwrites it"),
                                          thenQuit: false)
                } else {
                    do {
                        try AtomicFile.write(bytes, to: path, backup: path + ".bak")
                        fileStamp = FileStamp(path)
                        overwriteConfirmed = false
                        writer.remove()
                        journalDue = nil
                        result = Editor.saved(state, error: nil, thenQuit: thenQuit)
                    } catch {
                        // The reason first: the status line is narrow and the title bar already
                        // shows the path.
                        result = Editor.saved(state, error: lang.pick(error.message, error.messageEn), thenQuit: thenQuit)
                    }
                }
                state = result.0
                commands += result.1
            }
        }
        // A committed edit (or an undo back to the saved sheet) is due in the journal.
        if state.revision != journaled && !state.readOnly {
            journaled = state.revision
            if journalDue == nil { journalDue = DispatchTime.now().uptimeNanoseconds }
        }
        terminal.present(EditorView.draw(state))
        if let due = journalDue, DispatchTime.now().uptimeNanoseconds - due >= 1_000_000_000 { flushJournal() }
    }
}

/// Identity and version of a file on disk, to notice it being replaced behind our back.
struct FileStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int
    var modifiedNanos: Int

    init?(_ path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        modified = st.st_mtim.tv_sec
        modifiedNanos = st.st_mtim.tv_nsec
    }
}

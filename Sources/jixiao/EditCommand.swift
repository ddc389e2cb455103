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
        try runEditor(file: file, readOnly: false, common: common)
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
        try runEditor(file: file, readOnly: true, common: common)
    }
}

/// The editor's runtime: reads events from the terminal, runs `Editor.update`, carries out
/// its commands, and shows `EditorView.draw` of each new state. Around it, what keeps a day's
/// work safe: the sheet's lock (a second writer opens read-only), the recovery journal (every
/// committed edit is on disk within a second, and at once when a signal ends the program), a
/// backup of the previous version on each save, and a check that nobody replaced the file
/// behind the editor's back.
func runEditor(file: String, readOnly: Bool, common: CommonOptions) throws {
    let lang = common.language
    let registry = common.registry()
    let (loaded, loadedBytes) = try readOrExit(file, common, registry: registry)
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        complain(lang.pick("编辑器需要在终端中运行（不需要终端的操作请用 jixiao set / get / validate / print）",
                           "the editor needs a terminal (use jixiao set / get / validate / print without one)"))
        throw ExitCode(2)
    }
    var notes = [(String, Bool)]()
    var lock: SheetLock?
    var readOnly = readOnly
    if !readOnly {
        switch SheetLock.acquire(for: file, command: "edit") {
        case .acquired(let l, let previous, let note):
            lock = l
            if let previous {
                notes.append((lang.pick("已接管 \(previous.description) 留下的锁（该进程已不在运行）", "Took over the lock left by \(previous.descriptionEn), which is no longer running"), false))
            }
            if let note { notes.append((lang.pick(note.message, note.messageEn), true)) }
        case .heldBy(let holder):
            readOnly = true
            let who = holder.map { lang.pick($0.description, $0.descriptionEn) } ?? lang.pick("另一个进程（锁文件中没有写明）", "another process (the lock file does not say which)")
            notes.append((lang.pick("此文件正由 \(who) 编辑：以只读方式打开", "This file is being edited by \(who): opened read-only"), true))
        case .unavailable(let why):
            // Without the lock nobody can tell who else writes the sheet: never assume it.
            readOnly = true
            notes.append((lang.pick("无法为此文件加锁（\(why.render(lang))）：以只读方式打开", "Cannot lock this file (\(why.render(lang))): opened read-only"), true))
        }
    }
    defer { lock?.release() }
    let journal = RecoveryJournal(sheet: file)
    if !readOnly, let why = journal.note {
        notes.append((lang.pick("恢复文件不能放在表旁边（\(why.render(lang))）：改放在 \(journal.path)", "The recovery file cannot stay beside the sheet (\(why.render(lang))): it is kept in \(journal.path)"), true))
    }
    /// The sheet as the journal's edits start from it: as loaded, then as last saved.
    var base = SheetFingerprint(loadedBytes)

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
    if let (text, isError) = notes.last(where: { $0.1 }) ?? notes.last { state.message = .init(text: text, isError: isError) }
    if !readOnly, let recovered = journal.read(registry: registry), recovered.loaded.template.id == loaded.template.id {
        // Changed after the journal: by its fingerprint, or for a journal without one, by time.
        let changed = recovered.base.map { $0 != base }
            ?? ((FileStamp(file)?.modified ?? 0) > (FileStatus.of(link: journal.path)?.modified ?? .max))
        state.offerRecovery(recovered.loaded.session, savedAt: recovered.modified, fileChangedSince: changed)
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
            writer.write(state.session, state.template, base: base)
        } else {
            writer.remove()
        }
    }
    /// A journal that could not be written, or went to the private place, is said on the
    /// status line (the edits are safe in the editor; the user can still save).
    func reportJournalError() {
        if let moved = writer.takeMoved() {
            state.message = .init(text: lang.pick("恢复文件改放在 \(journal.privatePath)（\(moved.render(lang))）", "The recovery file is kept in \(journal.privatePath) (\(moved.render(lang)))"), isError: true)
            terminal.present(EditorView.draw(state))
        }
        guard let error = writer.takeError() else { return }
        state.message = .init(text: lang.pick("无法写入恢复文件：\(error.message)", "cannot write the recovery file: \(error.messageEn)"), isError: true)
        terminal.present(EditorView.draw(state))
    }
    /// The last moments of a process that a signal or a lost terminal ends: every committed
    /// edit goes to the journal now, on this thread, before the process goes.
    func keepEditsAndStop() {
        if !state.readOnly {
            // What is on the edit line counts too: it goes to the journal, not to the sheet.
            state.commitTypedValue()
            if state.isDirty { writer.writeNow(state.session, state.template, base: base) } else { writer.finish() }
        }
        lock?.release()
    }

    /// Carries out what `Editor.update` asked for. False when the editor is to close.
    func perform(_ first: [EditorCommand], stopping: Bool) -> Bool {
        var commands = first
        while !commands.isEmpty {
            let command = commands.removeFirst()
            switch command {
            case .quit:
                if stopping { continue }
                // A clean quit (saved, or changes deliberately discarded) leaves no journal;
                // a read-only viewer never touches the journal of whoever holds the sheet.
                if !state.readOnly { writer.remove() }
                return false
            case .discardRecovery:
                writer.remove()
            case .save(let path, let bytes, let thenQuit):
                let result: (EditorState, [EditorCommand])
                var note: String?
                if !overwriteConfirmed, let stamp = fileStamp, FileStamp(path) != stamp {
                    overwriteConfirmed = true
                    result = Editor.saved(state, error: lang.pick("文件在编辑期间被其他程序修改或替换；再按一次 Ctrl-S 覆盖它",
                                                                   "the file was changed or replaced by another program while you edited; Ctrl-S again overwrites it"),
                                          thenQuit: false)
                } else {
                    do throws(FileError) {
                        if let refusal = SessionFile.unreadable(state.session, path: path) { throw refusal }
                        note = keepBackup(of: path, lang: lang)
                        try AtomicFile.write(bytes, to: path, .sheet)
                        fileStamp = FileStamp(path)
                        base = SheetFingerprint(bytes)
                        overwriteConfirmed = false
                        writer.remove()
                        journalDue = nil
                        result = Editor.saved(state, error: nil, thenQuit: thenQuit)
                    } catch {
                        // The reason first: the status line is narrow and the title bar already
                        // shows the path.
                        note = nil
                        result = Editor.saved(state, error: lang.pick(error.message, error.messageEn), thenQuit: thenQuit)
                    }
                }
                state = result.0
                if let note, case .normal = state.mode { state.message = .init(text: note, isError: true) }
                commands += result.1
            }
        }
        return true
    }

    terminal.present(EditorView.draw(state))
    while true {
        let event = terminal.readEvent(timeoutMilliseconds: journalDue == nil ? 1000 : 100)
        if let signal = terminal.terminationSignal {
            // What was typed before the signal counts (an Enter sent just before it): take
            // what has already arrived, for at most a moment, then keep the edits and go.
            var pending = event
            let start = DispatchTime.now().uptimeNanoseconds
            while let e = pending, DispatchTime.now().uptimeNanoseconds - start < 200_000_000 {
                _ = perform(Editor.update(&state, e), stopping: true)
                pending = terminal.readEvent(timeoutMilliseconds: 0)
            }
            keepEditsAndStop()
            terminal.die(of: signal)
        }
        guard let event else {
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
                keepEditsAndStop()
                throw ExitCode(129)
            }
            continue
        }
        guard perform(Editor.update(&state, event), stopping: false) else { return }
        // A committed edit (or an undo back to the saved sheet) is due in the journal.
        if state.revision != journaled && !state.readOnly {
            journaled = state.revision
            if journalDue == nil { journalDue = DispatchTime.now().uptimeNanoseconds }
        }
        terminal.present(EditorView.draw(state))
        if let due = journalDue, DispatchTime.now().uptimeNanoseconds - due >= 1_000_000_000 { flushJournal() }
    }
}

/// Keeps the version about to be replaced as NAME.bak beside the sheet, or in the private
/// backups folder when something not ours stands there. Never stops a save: what could not
/// be kept is said (the returned note).
func keepBackup(of sheet: String, lang: Language) -> String? {
    let real = SideFile.resolvedSheet(sheet)
    let local = real + ".bak"
    do {
        try AtomicFile.keepBackup(of: sheet, at: local)
        return nil
    } catch let local {
        do {
            let folder = try SideFile.privateFolder("backups")
            let privatePath = PathComponents.appending(SideFile.flatName(real, suffix: ".bak"), to: folder)
            try AtomicFile.keepBackup(of: sheet, at: privatePath)
            return lang.pick("已保存；上一版本改存于 \(privatePath)（\(local.render(lang))）", "Saved; the previous version is kept in \(privatePath) (\(local.render(lang)))")
        } catch {
            return lang.pick("已保存，但无法保留上一版本：\(error.render(lang))", "Saved, but the previous version could not be kept: \(error.render(lang))")
        }
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

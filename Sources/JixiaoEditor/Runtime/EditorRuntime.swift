#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import JixiaoCore

/// The editor's runtime: reads events from a terminal, runs `Editor.update`, carries out its
/// commands and feeds their outcomes back as events, and shows `EditorView.draw` of each new
/// state. Around it, what keeps a day's work safe:
/// - the sheet's lock, held for as long as the editor is open (a second writer opens
///   read-only; a lock that cannot be had is never assumed);
/// - the recovery journal, written when the user pauses and at the latest a second after a
///   committed edit, on a thread of its own, and at once, whole, when a signal or a lost
///   terminal ends the editor (the value being typed included);
/// - the previous version kept on each save, and a check that nobody changed the file behind
///   the editor's back.
/// No ncurses here: the terminal is a `TerminalDevice`, so tests run all of this against a
/// fake one.
public final class EditorRuntime {
    /// How the editor ended.
    public enum Ending: Equatable, Sendable {
        /// The user quit (saved, or chose to discard).
        case quit
        /// A termination signal: the caller ends the process with it, once the terminal is back.
        case signal(Int32)
        /// The terminal went away.
        case hungUp
    }

    public private(set) var state: EditorState
    let terminal: TerminalDevice
    let clock: RuntimeClock
    let environment: [String: String]
    let lock: SheetLock?
    let journal: RecoveryJournal
    let writer: JournalWriter
    var schedule = JournalSchedule()
    var journaled: Int
    /// The sheet as the journal's edits start from it: as loaded, then as last saved.
    var base: SheetFingerprint
    var fileStamp: FileStamp?

    /// Takes the sheet's lock (unless `readOnly`), finds the journal and offers what it holds.
    /// `bytes` are those the session was read from; `stamp` is the file's, taken before they
    /// were read. The lock comes after the reading: a `jixiao set` that wrote in between
    /// changed the file the stamp describes, so the first Ctrl-S warns instead of writing over
    /// it. (A stamp taken here would describe what `set` wrote.)
    public init(loaded: LoadedSession, bytes: [UInt8], stamp: FileStamp?, readOnly: Bool, lang: Language, registry: TemplateRegistry,
                terminal: TerminalDevice, clock: RuntimeClock = SystemClock(),
                environment: [String: String] = ProcessEnvironment.current) {
        let file = loaded.path
        self.terminal = terminal
        self.clock = clock
        self.environment = environment
        var notes = [(text: String, isError: Bool)]()
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
        self.lock = lock
        journal = RecoveryJournal(sheet: file, environment: environment)
        if !readOnly, let why = journal.note {
            notes.append((lang.pick("恢复文件不能放在表旁边（\(why.render(lang))）：改放在 \(journal.path)", "The recovery file cannot stay beside the sheet (\(why.render(lang))): it is kept in \(journal.path)"), true))
        }
        writer = JournalWriter(journal)
        let base = SheetFingerprint(bytes)
        self.base = base
        let size = terminal.size
        var state = EditorState(session: loaded.session, template: loaded.template, path: file, readOnly: readOnly,
                                lang: lang, width: size.width, height: size.height)
        if let note = notes.last(where: \.isError) ?? notes.last { state.message = .init(text: note.text, isError: note.isError) }
        let journal = self.journal
        if !readOnly, let recovered = journal.read(registry: registry), recovered.loaded.template.id == loaded.template.id {
            // Changed after the journal: by its fingerprint, or for a journal without one, by time.
            let changed = recovered.base.map { $0 != base }
                ?? ((FileStamp(file)?.modifiedSeconds ?? 0) > (FileStatus.of(link: journal.path)?.modified ?? .max))
            state.offerRecovery(recovered.loaded.session, savedAt: recovered.modified, fileChangedSince: changed)
            if state.pendingRecovery == nil { journal.remove() }  // nothing new in it
        }
        self.state = state
        fileStamp = stamp
        journaled = state.revision
    }

    deinit {
        writer.finish()
        lock?.release()
    }

    /// Runs until the user quits, a signal comes or the terminal goes.
    public func run() -> Ending {
        terminal.present(EditorView.draw(state))
        while true {
            let event = terminal.readEvent(timeoutMilliseconds: schedule.wait(at: clock.milliseconds))
            if let signal = terminal.terminationSignal {
                // What was typed before the signal counts (an Enter sent just before it): take
                // what has already arrived, for at most a moment, then keep the edits and go.
                var pending = event ?? terminal.readEvent(timeoutMilliseconds: 0)
                let start = clock.milliseconds
                while let e = pending, clock.milliseconds &- start < 200 {
                    _ = perform(Editor.update(&state, e), stopping: true)
                    pending = terminal.readEvent(timeoutMilliseconds: 0)
                }
                keepEditsAndStop()
                return .signal(signal)
            }
            guard let event else {
                idle()
                if terminal.isHungUp {
                    // The terminal is gone: keep every edit in the journal and stop, as on SIGHUP.
                    keepEditsAndStop()
                    return .hungUp
                }
                continue
            }
            guard perform(Editor.update(&state, event), stopping: false) else {
                // Done when run returns: the journal's last removal made, the lock given back.
                writer.finish()
                lock?.release()
                return .quit
            }
            let committed = state.revision != journaled && !state.readOnly
            if committed { journaled = state.revision }
            schedule.event(at: clock.milliseconds, committed: committed)
            terminal.present(EditorView.draw(state))
            if schedule.isDue(at: clock.milliseconds) { flushJournal() }
        }
    }

    /// No event came in time: the journal may be due, a journal problem may need saying, the
    /// terminal may have changed size unnoticed.
    func idle() {
        if schedule.isDue(at: clock.milliseconds) { flushJournal() }
        reportJournal()
        if terminal.syncSize() {
            let now = terminal.size
            if now.width != state.width || now.height != state.height {
                _ = Editor.update(&state, .resize(width: now.width, height: now.height))
                terminal.present(EditorView.draw(state))
            }
        }
    }

    func flushJournal() {
        schedule.written()
        if state.isDirty {
            writer.write(state.session, state.template, base: base)
        } else {
            writer.remove()
        }
    }

    /// A journal that could not be written, or went to the private place, is said on the
    /// status line: the edits are safe in the editor, and the user can still save.
    func reportJournal() {
        let lang = state.lang
        var text: String?
        if let moved = writer.takeMoved() {
            text = lang.pick("恢复文件改放在 \(journal.privatePath)（\(moved.render(lang))）", "The recovery file is kept in \(journal.privatePath) (\(moved.render(lang)))")
        }
        if let error = writer.takeError() {
            text = lang.pick("无法写入恢复文件：\(error.message)", "cannot write the recovery file: \(error.messageEn)")
        }
        guard let text else { return }
        _ = Editor.update(&state, .outcome(.journal(text)))
        terminal.present(EditorView.draw(state))
    }

    /// The last moments of an editor that a signal or a lost terminal ends: every edit, and
    /// the value on the edit line, goes to the journal now, on this thread.
    func keepEditsAndStop() {
        if !state.readOnly {
            state.commitTypedValue()
            if state.isDirty { writer.writeNow(state.session, state.template, base: base) } else { writer.finish() }
        }
        lock?.release()
    }

    /// Carries out what `Editor.update` asked for, feeding each outcome back. False when the
    /// editor is to close.
    func perform(_ first: [EditorCommand], stopping: Bool) -> Bool {
        var commands = first
        while !commands.isEmpty {
            switch commands.removeFirst() {
            case .quit:
                if stopping { continue }
                // A clean quit (saved, or changes deliberately discarded) leaves no journal;
                // a read-only viewer never touches the journal of whoever holds the sheet.
                if !state.readOnly { writer.remove() }
                return false
            case .discardRecovery:
                writer.remove()
            case .save(let path, let bytes, let thenQuit, let overwrite):
                commands += Editor.update(&state, .outcome(save(bytes, to: path, thenQuit: thenQuit, overwrite: overwrite)))
            }
        }
        return true
    }

    func save(_ bytes: [UInt8], to path: String, thenQuit: Bool, overwrite: Bool) -> Outcome {
        if !overwrite, let stamp = fileStamp, FileStamp(path) != stamp { return .changedOnDisk }
        let lang = state.lang
        do throws(FileError) {
            if let refusal = SessionFile.unreadable(state.session, path: path) { throw refusal }
            let note = Backup.keep(of: path, lang: lang, environment: environment)
            try AtomicFile.write(bytes, to: path, .sheet)
            fileStamp = FileStamp(path)
            base = SheetFingerprint(bytes)
            writer.remove()
            schedule.written()
            return .saved(thenQuit: thenQuit, note: note)
        } catch {
            // The reason first: the status line is narrow and the title bar shows the path.
            return .saveFailed(reason: lang.pick(error.message, error.messageEn))
        }
    }
}

/// CLOCK_MONOTONIC in milliseconds.
public final class SystemClock: RuntimeClock {
    public init() {}

    public var milliseconds: UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1000 + UInt64(ts.tv_nsec) / 1_000_000
    }
}

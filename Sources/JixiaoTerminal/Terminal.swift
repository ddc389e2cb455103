import CCurses
import JixiaoCore
import JixiaoEditor

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// curses could not start (an unknown or missing $TERM, say).
    case cannotStart(term: String?)

    public var description: String {
        switch self {
        case .notATerminal:
            return "standard input and output must be a terminal"
        case .cannotStart(let term):
            return "cannot start the terminal (TERM=\(term ?? "unset"))"
        }
    }
}

/// The terminal, through ncursesw: shows `ScreenBuffer`s and reads keys as `Event`s.
/// Everything else (what to draw, what keys mean) is the editor's. One at a time; main thread.
public final class Terminal {
    /// How long curses waits after ESC for the rest of a key sequence.
    /// How long an Esc waits for the rest of a key's sequence (F2, Home, arrows): long enough
    /// for a slow SSH link or a busy machine, short enough that Esc still feels immediate.
    public static let escapeDelayMilliseconds: Int32 = 100

    /// False when NO_COLOR is set or the terminal has no colours: styles are then shown with
    /// bold, underline and reverse only.
    public let usesColor: Bool
    /// Whether the locale's character set is UTF-8 (after falling back to C.UTF-8 if need be).
    public let isUTF8: Bool

    private var decoder: KeyDecoder
    private var queued: [Event] = []
    private var restored = false

    /// The last buffer presented, to draw only what changed; nil forces a full redraw.
    private var previous: ScreenBuffer?
    /// Clear the real screen on the next present (first frame, after a resize or suspend).
    private var clearNext = true
    private var cursorVisible: Bool?

    private let useDefaultColors: Bool
    private var pairs: [Int: Int32] = [:]
    private var nextPair: Int32 = 1
    private var appearances: [Style: (attrs: UInt32, pair: Int32)] = [:]
    private let attrNormal = jx_attr_normal()
    private let attrBold = jx_attr_bold()
    private let attrReverse = jx_attr_reverse()
    private let attrUnderline = jx_attr_underline()

    /// Sets up the locale, starts curses (raw, no echo, keypad, colours unless NO_COLOR),
    /// turns bracketed paste on, and arranges for the terminal to be restored on exit, on
    /// SIGINT/SIGTERM/SIGHUP/SIGQUIT and on crashes.
    public init() throws {
        isUTF8 = jx_setup_locale() != 0
        jx_install_restore_handlers()
        _ = jx_defer_termination()
        switch jx_start(Self.escapeDelayMilliseconds) {
        case 0: break
        case -1: throw TerminalError.notATerminal
        default: throw TerminalError.cannotStart(term: getenv("TERM").map { String(cString: $0) })
        }

        if getenv("NO_COLOR") == nil, jx_has_colors() != 0, jx_start_color() == 0, jx_colors() >= 8 {
            usesColor = true
            useDefaultColors = jx_use_default_colors() == 0
        } else {
            usesColor = false
            useDefaultColors = false
        }

        var codes = KeyDecoder.KeyCodes(
            resize: Int32(JX_KEY_RESIZE), up: Int32(JX_KEY_UP), down: Int32(JX_KEY_DOWN),
            left: Int32(JX_KEY_LEFT), right: Int32(JX_KEY_RIGHT), home: Int32(JX_KEY_HOME),
            end: Int32(JX_KEY_END), pageUp: Int32(JX_KEY_PPAGE), pageDown: Int32(JX_KEY_NPAGE),
            delete: Int32(JX_KEY_DC), insert: Int32(JX_KEY_IC), backspace: Int32(JX_KEY_BACKSPACE),
            backTab: Int32(JX_KEY_BTAB), enter: Int32(JX_KEY_ENTER), find: Int32(JX_KEY_FIND),
            select: Int32(JX_KEY_SELECT), functionBase: jx_key_f(0)
        )
        // xterm's Alt-Up/Alt-Down (kUP3/kDN3), bound to codes even where terminfo lacks them.
        let altUp = jx_key_for_capability("kUP3", "\u{1B}[1;3A")
        if altUp > 0 { codes.altUp.append(altUp) }
        let altDown = jx_key_for_capability("kDN3", "\u{1B}[1;3B")
        if altDown > 0 { codes.altDown.append(altDown) }
        // Paste markers as key codes; if that fails the decoder still parses them by hand.
        let pasteBegin = jx_key_for_sequence("\u{1B}[200~")
        if pasteBegin > 0 { codes.pasteBegin = pasteBegin }
        let pasteEnd = jx_key_for_sequence("\u{1B}[201~")
        if pasteEnd > 0 { codes.pasteEnd = pasteEnd }
        decoder = KeyDecoder(codes: codes, sequenceTimeoutMilliseconds: Self.escapeDelayMilliseconds)

        jx_set_bracketed_paste(1)
    }

    deinit {
        restore()
    }

    private var isActive: Bool { !restored && jx_is_active() != 0 }

    /// The terminal's size in cells.
    /// Checks the terminal's real size; true (and the next frame redrawn whole) if it changed
    /// without ncurses noticing.
    public func syncSize() -> Bool {
        guard jx_sync_size() != 0 else { return false }
        previous = nil
        clearNext = true
        return true
    }

    public var size: (width: Int, height: Int) {
        var rows: Int32 = 0
        var cols: Int32 = 0
        jx_screen_size(&rows, &cols)
        return (Int(cols), Int(rows))
    }

    // MARK: - Output

    /// Shows `buffer`: draws the cells that differ from the last buffer presented (all of them
    /// on the first frame, after a size change, resize or suspend), places or hides the real
    /// cursor, and refreshes. Cells beyond the terminal's size are clipped.
    public func present(_ buffer: ScreenBuffer) {
        guard isActive else { return }
        let screen = size
        let old = previous.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
        if old == nil {
            jx_erase()
            if clearNext { jx_clear_on_next_refresh() }
            clearNext = false
        }
        let width = min(screen.width, buffer.width)
        let height = min(screen.height, buffer.height)
        for y in 0..<max(0, height) {
            for x in 0..<max(0, width) {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }  // drawn with the character to its left
                let wide = x + 1 < buffer.width && buffer[x + 1, y].isContinuation
                if let old, old[x, y] == cell, !wide || old[x + 1, y] == buffer[x + 1, y] { continue }
                draw(cell, x: x, y: y, wide: wide, screenWidth: width)
            }
        }
        previous = buffer

        if let cursor = buffer.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < width, cursor.y < height {
            // Placed even when hidden: an input method opens its window where the cursor is.
            setCursorVisible(!buffer.cursorHidden)
            jx_move(Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisible(false)
        }
        jx_refresh()
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        _ = jx_cursor_visibility(visible ? 1 : 0)
        cursorVisible = visible
    }

    private func draw(_ cell: Cell, x: Int, y: Int, wide: Bool, screenWidth: Int) {
        let (attrs, pair) = appearance(cell.style)
        let y32 = Int32(y)
        let x32 = Int32(x)
        let scalars = cell.text.unicodeScalars
        if scalars.count == 1, let v = scalars.first?.value, v >= 0x20, v < 0x7F {
            _ = jx_put_ascii(y32, x32, Int32(v), attrs, pair)
            return
        }
        if wide && x + 1 >= screenWidth {
            // Half of a double-width character would be cut off by the screen's edge.
            _ = jx_put_ascii(y32, x32, 0x20, attrs, pair)
            return
        }
        var chars = Self.drawable(scalars)
        guard let first = chars.first else { return }
        var libcWidth = Int(jx_wcwidth(first))
        if libcWidth == 0 {
            // A lone combining mark: give it a base, or curses would join it to the cell before.
            chars.insert(0x20, at: 0)
            libcWidth = 1
        }
        let result = chars.withUnsafeBufferPointer { jx_put_wide(y32, x32, $0.baseAddress, Int32($0.count), attrs, pair) }
        if result == -1 {
            // Unprintable to the C library (and so to curses): keep the columns in step.
            _ = jx_put_ascii(y32, x32, 0x3F, attrs, pair)  // "?"
            libcWidth = 1
        }
        if wide && libcWidth < 2 {
            // Double-width to the editor, single to the C library: blank the second column.
            _ = jx_put_ascii(y32, x32 + 1, 0x20, attrs, pair)
        }
    }

    /// The wide characters a cell hands to curses. No control (C0, DEL, C1) and no bidi
    /// control ever reaches the terminal, whatever the cell holds: the editor already draws
    /// them as `\u001B` escapes (`ScreenBuffer.escaped`), and this is the last line of
    /// defence. A first one is blanked, so that the cell keeps its column; a later one, which
    /// curses would take for part of the character, is left out.
    static func drawable(_ scalars: String.UnicodeScalarView) -> [wchar_t] {
        var chars = [wchar_t]()
        for (k, s) in scalars.enumerated() {
            if !TerminalText.isUnsafe(s.value) {
                chars.append(wchar_t(s.value))
            } else if k == 0 {
                chars.append(0x20)
            }
        }
        return chars
    }

    /// The attributes and colour pair for a style: colours when available, otherwise bold,
    /// underline and reverse standing in for them (errors bold, warnings underlined, bars and
    /// selections reversed, computed and dim text plain).
    private func appearance(_ style: Style) -> (attrs: UInt32, pair: Int32) {
        if let known = appearances[style] { return known }
        var attrs = attrNormal
        if style.bold { attrs |= attrBold }
        if style.reverse { attrs |= attrReverse }
        if style.underline { attrs |= attrUnderline }
        var pair: Int32 = 0
        if style.foreground != .normal || style.background != .normal {
            if usesColor, let p = colorPair(style.foreground, style.background) {
                pair = p
            } else {
                if style.foreground == .red { attrs |= attrBold }
                if style.foreground == .yellow { attrs |= attrUnderline }
                if style.background != .normal { attrs |= attrReverse }
            }
        }
        appearances[style] = (attrs, pair)
        return (attrs, pair)
    }

    /// One colour pair per (foreground, background) used, allocated when first needed; nil
    /// when the terminal has no pairs left.
    private func colorPair(_ foreground: Style.Color, _ background: Style.Color) -> Int32? {
        let key = Int(foreground.rawValue) << 8 | Int(background.rawValue)
        if let p = pairs[key] { return p }
        guard nextPair < jx_color_pairs() else { return nil }
        let fg = cursesColor(foreground, isForeground: true)
        let bg = cursesColor(background, isForeground: false)
        guard jx_init_pair(nextPair, fg, bg) == 0 else { return nil }
        pairs[key] = nextPair
        nextPair += 1
        return pairs[key]
    }

    private func cursesColor(_ color: Style.Color, isForeground: Bool) -> Int32 {
        switch color {
        case .normal:
            if useDefaultColors { return -1 }
            return isForeground ? Int32(COLOR_WHITE) : Int32(COLOR_BLACK)
        case .black: return Int32(COLOR_BLACK)
        case .red: return Int32(COLOR_RED)
        case .green: return Int32(COLOR_GREEN)
        case .yellow: return Int32(COLOR_YELLOW)
        case .blue: return Int32(COLOR_BLUE)
        case .magenta: return Int32(COLOR_MAGENTA)
        case .cyan: return Int32(COLOR_CYAN)
        case .white: return Int32(COLOR_WHITE)
        }
    }

    // MARK: - Input

    /// The next event, waiting at most `timeoutMilliseconds` (negative: wait indefinitely).
    /// nil when nothing arrived in time, or when what arrived means nothing to the editor.
    /// An escape sequence or a paste in progress is read to its end first (with the shorter
    /// timeouts of `KeyDecoder`), so a paste comes back as one `.paste`.
    /// True when the terminal has gone away (the SSH link dropped, the window was closed):
    /// input then ends at once, and the program must save what it can and stop instead of
    /// spinning.
    public var isHungUp: Bool {
        var pfd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, 0) >= 0 else { return true }
        if pfd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return true }
        var t = termios()
        return tcgetattr(STDIN_FILENO, &t) != 0
    }

    ///
    /// A termination signal (SIGHUP, SIGTERM, SIGINT, SIGQUIT) ends the wait at once; from
    /// then on only what has already arrived is read, without waiting, and then nil: see
    /// `terminationSignal`.
    public func readEvent(timeoutMilliseconds: Int32) -> Event? {
        guard isActive else { return nil }
        if !queued.isEmpty { return queued.removeFirst() }
        var wait = timeoutMilliseconds
        while true {
            var input = nextInput(timeout: 0)  // what curses holds already comes first
            if input == .timeout && wait != 0 && terminationSignal == nil {
                switch jx_wait_input(wait) {
                case 1: input = nextInput(timeout: wait)
                case 2: input = .timeout  // a signal: what the decoder holds is finished below
                default: break
                }
            }
            if input == .timeout && !decoder.isPending { return nil }
            for output in decoder.feed(input) {
                switch output {
                case .event(let event):
                    queued.append(event)
                case .resize:
                    previous = nil
                    clearNext = true
                    let s = size
                    queued.append(.resize(width: s.width, height: s.height))
                }
            }
            if !queued.isEmpty { return queued.removeFirst() }
            guard let pending = decoder.pendingTimeoutMilliseconds else { return nil }
            wait = terminationSignal == nil ? pending : 0
        }
    }

    private func nextInput(timeout: Int32) -> KeyDecoder.Input {
        jx_set_timeout(timeout)
        var value: UInt32 = 0
        switch jx_get_wch(&value) {
        case Int32(JX_INPUT_CHAR): return .character(value)
        case Int32(JX_INPUT_KEY): return .keyCode(Int32(bitPattern: value))
        default: return .timeout
        }
    }

    /// The termination signal that has arrived, if one has: the runtime then keeps what must
    /// be kept and calls `die(of:)`. Signals are not acted on in their handler, which could
    /// only do what is async-signal-safe, and would lose the edit the journal had not yet
    /// written.
    public var terminationSignal: Int32? {
        let s = jx_pending_termination()
        return s == 0 ? nil : s
    }

    /// Restores the terminal and ends the process with `signal`, as its default action would
    /// (the parent sees the signal, the shell prints 128 + signal).
    public func die(of signal: Int32) -> Never {
        restore()
        jx_die_of(signal)
    }

    // MARK: - Lifetime

    /// Gives the terminal back: bracketed paste off, curses ended. Safe to call more than
    /// once; afterwards `present` and `readEvent` do nothing.
    public func restore() {
        guard !restored else { return }
        restored = true
        jx_restore()
    }

    /// Ctrl-Z: gives the terminal back and stops the process as the shell's job control would;
    /// when resumed (fg), takes the terminal again and queues a `.resize` with the current size
    /// so that the editor redraws everything.
    public func suspend() {
        guard isActive else { return }
        jx_suspend()
        previous = nil
        clearNext = true
        cursorVisible = nil
        let s = size
        queued.append(.resize(width: s.width, height: s.height))
    }

    // MARK: - Widths

    /// The C library's wcwidth for a scalar (under a UTF-8 locale): -1 unprintable, 0, 1 or 2.
    /// For checking that the editor's own width table agrees with what curses assumes.
    public static func wcwidth(_ c: Unicode.Scalar) -> Int {
        Int(jx_wcwidth(wchar_t(c.value)))
    }
}

extension Terminal: TerminalDevice {}

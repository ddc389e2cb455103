import JixiaoEditor

/// Turns raw terminal input (what curses' get_wch returns: characters, key codes, or nothing
/// within a timeout) into `Event`s. Pure: no curses, no clock; the caller reads input with
/// the timeout `pendingTimeoutMilliseconds` asks for while a sequence is half read, and feeds
/// `.timeout` when nothing came. Handles Escape versus Alt-x, escape sequences that curses did
/// not recognise (CSI and SS3), and bracketed paste (`ESC [200~` … `ESC [201~`), whether its
/// markers arrive as key codes or as plain characters.
public struct KeyDecoder: Sendable {
    /// One thing read from the terminal.
    public enum Input: Equatable, Sendable {
        /// get_wch returned OK: a character, control characters included.
        case character(UInt32)
        /// get_wch returned KEY_CODE_YES: a curses key code.
        case keyCode(Int32)
        /// Nothing arrived in the time asked for.
        case timeout
    }

    public enum Output: Equatable, Sendable {
        case event(Event)
        /// The terminal changed size; the caller knows the new size.
        case resize
    }

    /// The key codes curses uses, so this file needs no curses. `Terminal` fills them in from
    /// the C headers and the terminal description; `.ncurses` has ncurses' standard values.
    public struct KeyCodes: Equatable, Sendable {
        public var resize: Int32
        public var up: Int32
        public var down: Int32
        public var left: Int32
        public var right: Int32
        public var home: Int32
        public var end: Int32
        public var pageUp: Int32
        public var pageDown: Int32
        public var delete: Int32
        public var insert: Int32
        public var backspace: Int32
        public var backTab: Int32
        public var enter: Int32
        /// Sent for Home and End by some terminals (\e[1~ and \e[4~ are "find" and "select").
        public var find: Int32
        public var select: Int32
        /// KEY_F0: F(n) is functionBase + n.
        public var functionBase: Int32
        /// Alt-Up / Alt-Down, where curses knows a code for them (xterm's kUP3 / kDN3).
        public var altUp: [Int32]
        public var altDown: [Int32]
        /// Bracketed paste markers, where they are bound to key codes.
        public var pasteBegin: Int32?
        public var pasteEnd: Int32?

        public init(
            resize: Int32, up: Int32, down: Int32, left: Int32, right: Int32, home: Int32, end: Int32,
            pageUp: Int32, pageDown: Int32, delete: Int32, insert: Int32, backspace: Int32,
            backTab: Int32, enter: Int32, find: Int32, select: Int32, functionBase: Int32,
            altUp: [Int32] = [], altDown: [Int32] = [], pasteBegin: Int32? = nil, pasteEnd: Int32? = nil
        ) {
            self.resize = resize
            self.up = up
            self.down = down
            self.left = left
            self.right = right
            self.home = home
            self.end = end
            self.pageUp = pageUp
            self.pageDown = pageDown
            self.delete = delete
            self.insert = insert
            self.backspace = backspace
            self.backTab = backTab
            self.enter = enter
            self.find = find
            self.select = select
            self.functionBase = functionBase
            self.altUp = altUp
            self.altDown = altDown
            self.pasteBegin = pasteBegin
            self.pasteEnd = pasteEnd
        }

        /// ncurses' values from <curses.h> (octal there).
        public static let ncurses = KeyCodes(
            resize: 0o632, up: 0o403, down: 0o402, left: 0o404, right: 0o405, home: 0o406,
            end: 0o550, pageUp: 0o523, pageDown: 0o522, delete: 0o512, insert: 0o513,
            backspace: 0o407, backTab: 0o541, enter: 0o527, find: 0o552, select: 0o601,
            functionBase: 0o410
        )
    }

    private enum State: Equatable, Sendable {
        case ground
        /// ESC read; waiting to see whether anything follows.
        case escape
        /// ESC [ read, then these parameter/intermediate bytes.
        case csi(String)
        /// ESC O read.
        case ss3
        /// Inside a bracketed paste (the text so far is in `pasteText`): how much of
        /// "ESC [201~" has been seen, and whether the last character was a carriage return
        /// (for CR LF → LF).
        case paste(endMatched: Int, afterCR: Bool)
    }

    public var codes: KeyCodes
    /// How long to wait for the rest of an escape sequence once it has begun (ESC [ …).
    public var sequenceTimeoutMilliseconds: Int32
    /// How long to wait after a lone ESC for a following character. Curses has already waited
    /// its escape delay before handing ESC over, so by default this does not wait at all.
    public var escapeFollowTimeoutMilliseconds: Int32
    /// How long a paste may stall before what has arrived is delivered without its end marker.
    public var pasteTimeoutMilliseconds: Int32

    private var state: State = .ground
    /// The text of the paste in progress, kept out of `state` so that it grows in place.
    private var pasteText = ""

    public init(codes: KeyCodes = .ncurses, sequenceTimeoutMilliseconds: Int32 = 25, escapeFollowTimeoutMilliseconds: Int32 = 0, pasteTimeoutMilliseconds: Int32 = 1000) {
        self.codes = codes
        self.sequenceTimeoutMilliseconds = sequenceTimeoutMilliseconds
        self.escapeFollowTimeoutMilliseconds = escapeFollowTimeoutMilliseconds
        self.pasteTimeoutMilliseconds = pasteTimeoutMilliseconds
    }

    /// True in the middle of an escape sequence or a paste: more input should be read (with
    /// `pendingTimeoutMilliseconds`) before the result is known.
    public var isPending: Bool { state != .ground }

    /// How long the caller should wait for the next input; nil when nothing is pending (the
    /// caller then uses its own timeout).
    public var pendingTimeoutMilliseconds: Int32? {
        switch state {
        case .ground: return nil
        case .escape: return escapeFollowTimeoutMilliseconds
        case .csi, .ss3: return sequenceTimeoutMilliseconds
        case .paste: return pasteTimeoutMilliseconds
        }
    }

    public var isInPaste: Bool {
        if case .paste = state { return true }
        return false
    }

    /// Feeds several inputs; returns everything they produced, in order.
    public mutating func feed(_ inputs: [Input]) -> [Output] {
        inputs.flatMap { feed($0) }
    }

    /// Feeds one input. Returns what it completed: usually nothing (a sequence is still open,
    /// or the input meant nothing) or one output; an interrupted sequence can yield two.
    public mutating func feed(_ input: Input) -> [Output] {
        switch state {
        case .ground:
            return ground(input)

        case .escape:
            switch input {
            case .timeout:
                state = .ground
                return [.event(.key(.escape))]
            case .keyCode(let code):
                state = .ground
                // Some terminals send Alt+key as ESC then the key's own sequence.
                if code == codes.up || codes.altUp.contains(code) { return [.event(.key(.altUp))] }
                if code == codes.down || codes.altDown.contains(code) { return [.event(.key(.altDown))] }
                return ground(input)
            case .character(let c):
                switch c {
                case 0x1B:
                    // Escape pressed twice: the first stands alone, the second may start something.
                    state = .escape
                    return [.event(.key(.escape))]
                case 0x5B:  // [
                    state = .csi("")
                    return []
                case 0x4F:  // O
                    state = .ss3
                    return []
                default:
                    state = .ground
                    if let ch = Self.printable(c) { return [.event(.key(.alt(ch)))] }
                    return []  // Alt with a control key: unknown
                }
            }

        case .csi(let params):
            switch input {
            case .timeout:
                state = .ground
                return params.isEmpty ? [.event(.key(.alt("[")))] : []
            case .keyCode:
                state = .ground
                return (params.isEmpty ? [.event(.key(.alt("[")))] : []) + ground(input)
            case .character(let c):
                switch c {
                case 0x20...0x3F:  // parameter and intermediate bytes
                    if params.unicodeScalars.count >= 32 {
                        state = .ground  // runaway: give up on it
                        return []
                    }
                    state = .csi(params + String(UnicodeScalar(UInt8(c))))
                    return []
                case 0x40...0x7E:  // final byte
                    state = .ground
                    return csi(params: params, final: UInt8(c))
                default:
                    // Not a sequence after all: what was read is dropped, this input stands.
                    state = .ground
                    return (params.isEmpty ? [.event(.key(.alt("[")))] : []) + ground(input)
                }
            }

        case .ss3:
            state = .ground
            switch input {
            case .timeout:
                return [.event(.key(.alt("O")))]
            case .keyCode:
                return [.event(.key(.alt("O")))] + ground(input)
            case .character(let c):
                switch c {
                case 0x50...0x53: return [.event(.key(.function(Int(c) - 0x50 + 1)))]  // P Q R S
                case 0x41: return [.event(.key(.up))]
                case 0x42: return [.event(.key(.down))]
                case 0x43: return [.event(.key(.right))]
                case 0x44: return [.event(.key(.left))]
                case 0x48: return [.event(.key(.home))]
                case 0x46: return [.event(.key(.end))]
                case 0x4D: return [.event(.key(.enter))]  // keypad Enter
                default: return [.event(.key(.alt("O")))] + ground(input)
                }
            }

        case .paste(let endMatched, let afterCR):
            return paste(input, endMatched: endMatched, afterCR: afterCR)
        }
    }

    // MARK: - Ground state

    private mutating func ground(_ input: Input) -> [Output] {
        switch input {
        case .timeout:
            return []
        case .keyCode(let code):
            return keyCode(code)
        case .character(let c):
            switch c {
            case 0x1B:
                state = .escape
                return []
            case 13, 10: return [.event(.key(.enter))]
            case 9: return [.event(.key(.tab))]
            case 127, 8: return [.event(.key(.backspace))]
            case 1...26:
                return [.event(.key(.ctrl(Character(UnicodeScalar(UInt8(0x60 + c))))))]
            default:
                if let ch = Self.printable(c) { return [.event(.key(.char(ch)))] }
                return []
            }
        }
    }

    private mutating func keyCode(_ code: Int32) -> [Output] {
        if let begin = codes.pasteBegin, code == begin {
            beginPaste()
            return []
        }
        if let end = codes.pasteEnd, code == end { return [] }  // stray end marker
        let key: Key?
        switch code {
        case codes.resize: return [.resize]
        case codes.up: key = .up
        case codes.down: key = .down
        case codes.left: key = .left
        case codes.right: key = .right
        case codes.home, codes.find: key = .home
        case codes.end, codes.select: key = .end
        case codes.pageUp: key = .pageUp
        case codes.pageDown: key = .pageDown
        case codes.delete: key = .delete
        case codes.insert: key = .insert
        case codes.backspace: key = .backspace
        case codes.backTab: key = .backTab
        case codes.enter: key = .enter
        case (codes.functionBase + 1)...(codes.functionBase + 12): key = .function(Int(code - codes.functionBase))
        default:
            if codes.altUp.contains(code) { key = .altUp }
            else if codes.altDown.contains(code) { key = .altDown }
            else { key = nil }
        }
        return key.map { [.event(.key($0))] } ?? []
    }

    /// ESC [ params final, for sequences curses did not turn into key codes itself.
    private mutating func csi(params: String, final: UInt8) -> [Output] {
        // Private-mode or intermediate bytes (ESC [ ? …, ESC [ … $) name nothing we know.
        guard params.unicodeScalars.allSatisfy({ ($0.value >= 0x30 && $0.value <= 0x39) || $0.value == 0x3B }) else { return [] }
        let fields = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = fields.first.flatMap { $0 } ?? 1
        let modifier = fields.count > 1 ? (fields[1] ?? 1) : 1
        let alt = modifier == 3 || modifier == 9  // xterm: 1 + (Alt = 2); some send Meta = 8
        let key: Key?
        switch final {
        case 0x41: key = alt ? .altUp : .up  // A
        case 0x42: key = alt ? .altDown : .down  // B
        case 0x43: key = .right  // C
        case 0x44: key = .left  // D
        case 0x48: key = .home  // H
        case 0x46: key = .end  // F
        case 0x5A: key = .backTab  // Z
        case 0x50...0x53: key = .function(Int(final) - 0x50 + 1)  // ESC [ 1 ; m P …
        case 0x7E:  // ~
            switch first {
            case 200:
                beginPaste()
                return []
            case 1, 7: key = .home
            case 4, 8: key = .end
            case 2: key = .insert
            case 3: key = .delete
            case 5: key = .pageUp
            case 6: key = .pageDown
            case 11...15: key = .function(first - 10)
            case 17...21: key = .function(first - 11)
            case 23, 24: key = .function(first - 12)
            default: key = nil  // 201 (a stray paste end) and the rest
            }
        default: key = nil
        }
        return key.map { [.event(.key($0))] } ?? []
    }

    // MARK: - Bracketed paste

    private static let pasteEndMarker: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]  // ESC [ 2 0 1 ~

    private mutating func beginPaste() {
        pasteText = ""
        state = .paste(endMatched: 0, afterCR: false)
    }

    private mutating func endPaste() -> [Output] {
        state = .ground
        let text = pasteText
        pasteText = ""
        return text.isEmpty ? [] : [.event(.paste(text))]
    }

    private mutating func paste(_ input: Input, endMatched: Int, afterCR: Bool) -> [Output] {
        var afterCR = afterCR
        switch input {
        case .timeout:
            return endPaste()  // the end marker never came: deliver what did
        case .keyCode(let code):
            if let end = codes.pasteEnd, code == end { return endPaste() }
            // Pasted bytes that curses took for keys: keep what has a textual meaning.
            if code == codes.enter { Self.append(13, to: &pasteText, afterCR: &afterCR) } else { afterCR = false }
            state = .paste(endMatched: 0, afterCR: afterCR)
            return code == codes.resize ? [.resize] : []
        case .character(let c):
            if c == Self.pasteEndMarker[endMatched] {
                if endMatched + 1 == Self.pasteEndMarker.count { return endPaste() }
                state = .paste(endMatched: endMatched + 1, afterCR: afterCR)
                return []
            }
            // A partial match that failed was pasted text after all (its ESC is dropped below).
            for k in Self.pasteEndMarker.prefix(endMatched) { Self.append(k, to: &pasteText, afterCR: &afterCR) }
            if c == Self.pasteEndMarker[0] {
                state = .paste(endMatched: 1, afterCR: afterCR)
                return []
            }
            Self.append(c, to: &pasteText, afterCR: &afterCR)
            state = .paste(endMatched: 0, afterCR: afterCR)
            return []
        }
    }

    /// Pasted text keeps tabs and line breaks (CR LF and CR become LF); other control
    /// characters are dropped.
    private static func append(_ c: UInt32, to text: inout String, afterCR: inout Bool) {
        defer { afterCR = (c == 13) }
        switch c {
        case 13: text.unicodeScalars.append("\n")
        case 10: if !afterCR { text.unicodeScalars.append("\n") }
        case 9: text.unicodeScalars.append("\t")
        default:
            if let scalar = printableScalar(c) { text.unicodeScalars.append(scalar) }
        }
    }

    // MARK: - Characters

    private static func printableScalar(_ c: UInt32) -> Unicode.Scalar? {
        guard c >= 0x20, c != 0x7F, !(0x80...0x9F).contains(c) else { return nil }
        return Unicode.Scalar(c)
    }

    private static func printable(_ c: UInt32) -> Character? {
        printableScalar(c).map(Character.init)
    }
}

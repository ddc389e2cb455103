import Testing
import Foundation
@testable import JixiaoEditor
@testable import JixiaoCore
@testable import JixiaoTerminal

func chars(_ s: String) -> [KeyDecoder.Input] { s.unicodeScalars.map { .character($0.value) } }
func events(_ inputs: [KeyDecoder.Input], codes: KeyDecoder.KeyCodes = .ncurses) -> [KeyDecoder.Output] {
    var d = KeyDecoder(codes: codes)
    let out = d.feed(inputs)
    #expect(!d.isPending, "left pending")
    return out
}
func k(_ key: Key) -> KeyDecoder.Output { .event(.key(key)) }

@Test func plainChars() {
    #expect(events(chars("a中é")) == [k(.char("a")), k(.char("中")), k(.char("é"))])
}
@Test func controls() {
    #expect(events([.character(13), .character(10), .character(9), .character(127), .character(8), .character(1), .character(19), .character(17), .character(26), .character(3), .character(0), .character(28)])
        == [k(.enter), k(.enter), k(.tab), k(.backspace), k(.backspace), k(.ctrl("a")), k(.ctrl("s")), k(.ctrl("q")), k(.ctrl("z")), k(.ctrl("c"))])
}
@Test func escapeAlone() {
    var d = KeyDecoder()
    #expect(d.feed(.character(27)) == [])
    #expect(d.isPending && d.pendingTimeoutMilliseconds == 0)
    #expect(d.feed(.timeout) == [k(.escape)])
    #expect(!d.isPending)
    #expect(d.feed(.timeout) == [])
}
@Test func altChar() {
    #expect(events(chars("\u{1B}x")) == [k(.alt("x"))])
    #expect(events(chars("\u{1B}中")) == [k(.alt("中"))])
    #expect(events(chars("\u{1B}\u{1B}") + [.timeout]) == [k(.escape), k(.escape)])
    #expect(events(chars("\u{1B}[") + [.timeout]) == [k(.alt("["))])
    #expect(events(chars("\u{1B}O") + [.timeout]) == [k(.alt("O"))])
    #expect(events(chars("\u{1B}Ox")) == [k(.alt("O")), k(.char("x"))])
}
@Test func keyCodes() {
    let c = KeyDecoder.KeyCodes.ncurses
    #expect(events([.keyCode(c.up), .keyCode(c.down), .keyCode(c.left), .keyCode(c.right), .keyCode(c.home), .keyCode(c.end), .keyCode(c.pageUp), .keyCode(c.pageDown), .keyCode(c.insert), .keyCode(c.delete), .keyCode(c.backspace), .keyCode(c.backTab), .keyCode(c.enter), .keyCode(c.functionBase + 1), .keyCode(c.functionBase + 12), .keyCode(c.functionBase + 13), .keyCode(c.resize), .keyCode(9999)])
        == [k(.up), k(.down), k(.left), k(.right), k(.home), k(.end), k(.pageUp), k(.pageDown), k(.insert), k(.delete), k(.backspace), k(.backTab), k(.enter), k(.function(1)), k(.function(12)), .resize])
    var codes = c
    codes.altUp = [600]; codes.altDown = [601]
    #expect(events([.keyCode(600), .keyCode(601)], codes: codes) == [k(.altUp), k(.altDown)])
    // ESC then a key code (rxvt-style Alt)
    #expect(events([.character(27), .keyCode(c.up), .character(27), .keyCode(c.down), .character(27), .keyCode(c.left)]) == [k(.altUp), k(.altDown), k(.left)])
}
@Test func rawSequences() {
    #expect(events(chars("\u{1B}[1;3A\u{1B}[1;3B\u{1B}[A\u{1B}[1;5C\u{1B}[3~\u{1B}[5~\u{1B}[6~\u{1B}[2~\u{1B}[1~\u{1B}[4~\u{1B}[H\u{1B}[F\u{1B}[Z\u{1B}[15~\u{1B}[24~\u{1B}OP\u{1B}OS\u{1B}OA"))
        == [k(.altUp), k(.altDown), k(.up), k(.right), k(.delete), k(.pageUp), k(.pageDown), k(.insert), k(.home), k(.end), k(.home), k(.end), k(.backTab), k(.function(5)), k(.function(12)), k(.function(1)), k(.function(4)), k(.up)])
    // unknown and private sequences vanish, and what follows is intact
    #expect(events(chars("\u{1B}[99~a\u{1B}[?1;2cb\u{1B}[201~c")) == [k(.char("a")), k(.char("b")), k(.char("c"))])
    // an unfinished sequence is dropped on timeout
    #expect(events(chars("\u{1B}[1;3") + [.timeout]) == [])
}
@Test func pasteRaw() {
    #expect(events(chars("\u{1B}[200~你好\r\nworld\rx\ty\u{1B}[201~z")) == [.event(.paste("你好\nworld\nx\ty")), k(.char("z"))])
    // marker split over reads, and a near-miss end marker inside the text
    var d = KeyDecoder()
    var out: [KeyDecoder.Output] = []
    for i in chars("\u{1B}[200~a\u{1B}[20x\u{1B}[201") { out += d.feed(i) }
    #expect(d.isPending && d.isInPaste && d.pendingTimeoutMilliseconds == 1000)
    out += d.feed(.character(0x7E))
    #expect(out == [.event(.paste("a[20x"))])
    #expect(!d.isPending)
    // stalled paste is delivered on timeout
    #expect(events(chars("\u{1B}[200~abc") + [.timeout]) == [.event(.paste("abc"))])
    // empty paste produces nothing
    #expect(events(chars("\u{1B}[200~\u{1B}[201~")) == [])
}
@Test func pasteCodes() {
    var codes = KeyDecoder.KeyCodes.ncurses
    codes.pasteBegin = 700; codes.pasteEnd = 701
    #expect(events([.keyCode(700)] + chars("a\u{1B}b") + [.keyCode(codes.enter), .keyCode(codes.up)] + chars("\n行") + [.keyCode(701)], codes: codes) == [.event(.paste("ab\n\n行"))])
    // mixed: code begin, raw end
    #expect(events([.keyCode(700)] + chars("x\u{1B}[201~"), codes: codes) == [.event(.paste("x"))])
    #expect(events(chars("\u{1B}[200~y") + [.keyCode(701)], codes: codes) == [.event(.paste("y"))])
    // resize during a paste comes out, paste continues
    #expect(events([.keyCode(700)] + chars("p") + [.keyCode(codes.resize)] + chars("q") + [.keyCode(701)], codes: codes) == [.resize, .event(.paste("pq"))])
}
@Test func csiInterruptedByKeyCode() {
    let c = KeyDecoder.KeyCodes.ncurses
    #expect(events([.character(27), .character(0x5B), .keyCode(c.up)]) == [k(.alt("[")), k(.up)])
}

@Test func wcwidthCrossCheck() {
    var mismatches: [String] = []
    var checked = 0
    for v in UInt32(0x20)...UInt32(0x3FFFF) {
        guard let s = Unicode.Scalar(v) else { continue }
        let libc = Terminal.wcwidth(s)
        if libc < 0 { continue }
        checked += 1
        let ours = DisplayWidth.of(s)
        if ours != libc { mismatches.append(String(format: "U+%04X ours=%d libc=%d", v, ours, libc)) }
    }
    print("wcwidth checked \(checked), mismatches \(mismatches.count)")
    for m in mismatches { print(m) }
    #expect(Terminal.wcwidth("a") == 1)
    #expect(Terminal.wcwidth("中") == 2)
    #expect(Terminal.wcwidth("\u{301}") == 0)
}

@Test func bigPasteIsLinear() {
    let body = String(repeating: "一二三四五六七八九十abcdefghij\r\n", count: 15_000)  // 330k scalars
    var d = KeyDecoder()
    let start = ContinuousClock.now
    var out = d.feed(chars("\u{1B}[200~"))
    for s in body.unicodeScalars { out += d.feed(.character(s.value)) }
    out += d.feed(chars("\u{1B}[201~"))
    let elapsed = ContinuousClock.now - start
    print("big paste: \(elapsed)")
    #expect(out == [.event(.paste(String(repeating: "一二三四五六七八九十abcdefghij\n", count: 15_000)))])
    #expect(elapsed < .seconds(5))
}

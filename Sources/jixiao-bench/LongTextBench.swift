import Glibc
import JixiaoCore
import JixiaoEditor

/// Goals as an accountant might paste them from a report: Chinese with figures, percentages
/// and a little English; 40,000 lines make 1.4 MB.
func pastedGoals(lines: Int, separator: String = "\n") -> String {
    var out = ""
    for n in 1...max(1, lines) {
        switch n % 4 {
        case 0: out += "第\(n)项：培训干部 \(n % 97) 期，完成率 98.5%；"
        case 1: out += "(\(n)) Budget 5577.04 万元"
        case 2: out += "（\(n)）党建考核优秀"
        default: out += "\(n). 大组工网 OK。"
        }
        if n < lines { out += separator }
    }
    return out
}

/// The editor's work per key with a huge long text, in process (update + view, as in the
/// main table): 1.4 MB pasted into 年初目标设定 and committed, then keys in its section and in
/// the long-text editor holding it. The same keys again with the text as one paragraph (no
/// line break), the case where wrapping has furthest to go. Prints a line per figure: its
/// name and milliseconds, for a repeated key the median and then the slowest.
func benchLongText(_ path: String, registry: TemplateRegistry) {
    guard let loaded = try? SessionFile.load(path, registry: registry) else {
        StandardError.writeLine("cannot load \(path)")
        exit(2)
    }
    let fresh = EditorState(session: loaded.session, template: loaded.template, path: path, width: 80, height: 24)
    guard let (t, r, c) = fresh.position(of: .field("goal_planned")) else {
        StandardError.writeLine("\(path) has no goal_planned field")
        exit(2)
    }
    var state = fresh
    state.tab = t; state.row = r; state.col = c
    let text = pastedGoals(lines: 40_000)
    print("long text: 40,000 lines, \(text.utf8.count) bytes, pasted into goal_planned; update + view, 80x24;")
    print("ms for one key, or the median and the slowest of several rounds:")

    /// One event, timed with the frame it causes.
    func once(_ e: Event) -> Double {
        let s0 = now()
        _ = Editor.update(&state, e)
        _ = EditorView.draw(state)
        return Double(now() - s0) / 1e6
    }
    /// The median and the slowest of `times` rounds of the events, each event timed alone.
    func keys(_ events: [Event], times: Int) -> (Double, Double) {
        var samples = [Double]()
        for _ in 0..<times { for e in events { samples.append(once(e)) } }
        return (median(samples), samples.max() ?? 0)
    }
    func report(_ name: String, _ ms: Double, worst: Double? = nil) {
        print(DisplayWidth.pad(name, to: 44, align: .left) + cFormat("%10.3f", ms) + (worst.map { cFormat("%10.3f", $0) } ?? ""))
    }
    func report(_ name: String, _ figures: (Double, Double)) { report(name, figures.0, worst: figures.1) }
    func editorKeys(_ prefix: String) {
        state.tab = t; state.row = r; state.col = c
        report("\(prefix): open on the text (F2)", once(.key(.function(2))))
        guard case .longText(let buffer, _) = state.mode, buffer.text.utf8.count >= text.utf8.count else {
            StandardError.writeLine("F2 did not open the long-text editor on the pasted text")
            exit(2)
        }
        report("\(prefix): type a character", keys([.key(.char("字"))], times: 9))
        report("\(prefix): caret left / right", keys([.key(.left), .key(.right)], times: 5))
        report("\(prefix): caret up / down", keys([.key(.up), .key(.down)], times: 5))
        report("\(prefix): Home / End", keys([.key(.home), .key(.end)], times: 5))
        report("\(prefix): page up / down", keys([.key(.pageUp), .key(.pageDown)], times: 5))
        report("\(prefix): backspace", keys([.key(.backspace)], times: 9))
        report("\(prefix): commit (F2)", once(.key(.function(2))))
    }

    // Emptied first (Delete), so that the field ends up holding the paste alone.
    _ = once(.key(.delete))
    report("paste: open the long-text editor (F2)", once(.key(.function(2))))
    // Copied from a document, so ending in a line break, which the commit trims.
    report("paste: 1.4 MB", once(.paste(text + "\n")))
    report("paste: commit (F2)", once(.key(.function(2))))
    guard state.session.fields["goal_planned"]?.text == text else {
        StandardError.writeLine("the paste did not reach the session whole")
        exit(2)
    }
    report("section: cursor down / up", keys([.key(.down), .key(.up)], times: 5))
    // 全年实际完成情况, the section's other long text.
    _ = once(.key(.down))
    report("section: type into the other cell", once(.key(.char("x"))))
    report("section: commit it (F2)", once(.key(.function(2))))
    report("section: undo, redo", keys([.key(.ctrl("z")), .key(.ctrl("y"))], times: 3))
    state.tab = t; state.row = r; state.col = c
    report("section: away and back (F6, F7)", keys([.key(.function(6)), .key(.function(7))], times: 3))
    editorKeys("editor")

    // The same text as one paragraph of 1.4 MB.
    state = fresh
    state.tab = t; state.row = r; state.col = c
    _ = once(.key(.delete))
    _ = once(.key(.function(2)))
    report("one paragraph: paste 1.4 MB", once(.paste(pastedGoals(lines: 40_000, separator: " "))))
    report("one paragraph: commit the paste (F2)", once(.key(.function(2))))
    editorKeys("one paragraph")
}

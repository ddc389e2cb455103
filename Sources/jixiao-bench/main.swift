import Dispatch
import Glibc
import JixiaoCore
import JixiaoEditor

/// Times the editor's work per keystroke, in process: update (the editing logic, including
/// recomputing the sheet on a committed edit) plus view (drawing the screen into the cell
/// grid) plus the diff against the previous frame (what the terminal layer sends).
/// Usage: jixiao-bench FILE…   (prints one table row per file)
///        jixiao-bench --long-text FILE   (keys with a 1.4 MB long text in FILE's goals)
///        jixiao-bench --opening FILE     (the editor's start on FILE, by step)

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? 0 : s[s.count / 2]
}

func changedCells(_ a: ScreenBuffer, _ b: ScreenBuffer) -> Int {
    guard a.width == b.width, a.height == b.height else { return b.width * b.height }
    var n = 0
    for i in 0..<a.cells.count where a.cells[i] != b.cells[i] { n += 1 }
    return n
}

let registry = TemplateRegistry(folders: TemplateRegistry.defaultFolders())
// jixiao-bench --long-text FILE: keys with a 1.4 MB long text (LongTextBench.swift).
if CommandLine.arguments.count == 3 && CommandLine.arguments[1] == "--long-text" {
    benchLongText(CommandLine.arguments[2], registry: registry)
    exit(0)
}
// jixiao-bench --opening FILE: the editor's start, by step (OpeningBench.swift).
if CommandLine.arguments.count == 3 && CommandLine.arguments[1] == "--opening" {
    benchOpening(CommandLine.arguments[2], registry: registry)
    exit(0)
}
print(DisplayWidth.pad("rows", to: 10, align: .left)
      + "open ms".leftPad(10) + "move ms".leftPad(10) + "type ms".leftPad(10) + "commit ms".leftPad(11) + "cells/edit".leftPad(12)
      + "add row ms".leftPad(12))
for path in CommandLine.arguments.dropFirst() {
    let t0 = now()
    guard let loaded = try? SessionFile.load(path, registry: registry) else {
        StandardError.writeLine("cannot load \(path)")
        exit(2)
    }
    var state = EditorState(session: loaded.session, template: loaded.template, path: path, width: 80, height: 24)
    var frame = EditorView.draw(state)
    let open = Double(now() - t0) / 1e6
    // Go to the indicator grid, to the 得分 of the middle row.
    if let mid = loaded.session.indicators.indices.dropFirst(loaded.session.indicators.count / 2).first,
       let (t, r, c) = state.position(of: .indicator(row: mid, key: "score")) {
        state.tab = t; state.row = r; state.col = c
        frame = EditorView.draw(state)
    }
    func measure(_ events: [Event], times: Int) -> (Double, Int) {
        var samples = [Double](), cells = 0
        for _ in 0..<times {
            for e in events {
                let s0 = now()
                _ = Editor.update(&state, e)
                let next = EditorView.draw(state)
                cells = changedCells(frame, next)
                frame = next
                samples.append(Double(now() - s0) / 1e6)
            }
        }
        return (median(samples), cells)
    }
    let (move, _) = measure([.key(.down), .key(.up)], times: 20)
    let (type, _) = measure([.key(.char("4")), .key(.escape)], times: 10)
    var commitSamples = [Double](), editCells = 0
    for k in 0..<7 {
        let before = frame
        _ = measure([.key(.char(k % 2 == 0 ? "3" : "4"))], times: 1)
        let s0 = now()
        _ = Editor.update(&state, .key(.enter))
        let next = EditorView.draw(state)
        commitSamples.append(Double(now() - s0) / 1e6)
        editCells = changedCells(before, next)
        frame = next
        _ = Editor.update(&state, .key(.up))
        frame = EditorView.draw(state)
    }
    // A row added (Ctrl-N, then Esc) and the addition undone: the whole grid is recomputed,
    // checked and laid out again, the one edit whose cost grows with the sheet.
    var rowSamples = [Double]()
    for _ in 0..<3 {
        for e in [Event.key(.ctrl("n")), .key(.ctrl("z"))] {
            let s0 = now()
            _ = Editor.update(&state, e)
            if e == .key(.ctrl("n")) { _ = Editor.update(&state, .key(.escape)) }
            frame = EditorView.draw(state)
            rowSamples.append(Double(now() - s0) / 1e6)
        }
    }
    let rows = "\(loaded.session.indicators.count)"
    print(DisplayWidth.pad(rows, to: 10, align: .left)
          + cFormat("%10.2f%10.3f%10.3f%11.3f%12d%12.2f", open, move, type, median(commitSamples), editCells, median(rowSamples)))
}

extension String {
    func leftPad(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}

/// C's printf formatting, for the figures of a row.
func cFormat(_ format: String, _ arguments: CVarArg...) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    let n = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
    return n < 0 ? "" : String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

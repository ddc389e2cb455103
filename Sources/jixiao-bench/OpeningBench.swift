import Glibc
import JixiaoCore
import JixiaoEditor

/// jixiao-bench --opening FILE: the editor's start on FILE in process, by step, the median of
/// repeated runs in ms, so that `make bench` shows where the time to the first frame goes.
/// Each step runs on its own here, warm: the first frame also pays for a cold start.
func benchOpening(_ path: String, registry: TemplateRegistry) {
    func time<T>(_ runs: Int = 15, _ work: () -> T) -> (Double, T) {
        var samples = [Double]()
        var last: T?
        for _ in 0..<runs {
            let t0 = now()
            last = work()
            samples.append(Double(now() - t0) / 1e6)
        }
        guard let last else { fatalError("no runs") }
        return (median(samples), last)
    }
    guard let bytes = try? AtomicFile.read(path), let loaded = try? SessionFile.decode(bytes, path: path, registry: registry) else {
        StandardError.writeLine("cannot load \(path)")
        exit(2)
    }
    let s = loaded.session, t = loaded.template
    let (parse, _) = time { try? JSONParser.tape(bytes) }
    let (template, _) = time { TemplateRegistry(folders: registry.folders).template(id: t.id) }
    let (decode, _) = time { try? SessionFile.decode(bytes, path: path, registry: registry) }
    let (compute, c) = time { Calculator.compute(s, t) }
    let (check, _) = time { Validator.report(s, t, c) }
    let (layout, _) = time { FormBuilder.build(s, t, c, lang: .zh) }
    let targets = s.indicators.flatMap { [$0.target, $0.actual] }
    let (reading, _) = time { targets.map(TargetReading.read) }
    let (state, st) = time { EditorState(session: s, template: t, path: path, width: 80, height: 24) }
    let (draw, _) = time { EditorView.draw(st) }
    print("step (\(s.indicators.count) indicator rows)".padding(to: 44) + "ms".leftPad(8))
    for (name, ms) in [("JSON tape of the sheet", parse), ("its template, found and checked", template),
                       ("the sheet read (tape, template, values)", decode), ("figures computed", compute),
                       ("problems checked", check), ("  of which 年度指标值/实际完成值 read", reading),
                       ("rows laid out", layout), ("editor state (compute, check, lay out)", state),
                       ("first screen drawn", draw)] {
        print(name.padding(to: 44) + String(format3(ms)).leftPad(8))
    }
}

private extension String {
    func padding(to width: Int) -> String { DisplayWidth.pad(self, to: width, align: .left) }
}

private func format3(_ x: Double) -> String {
    let thousandths = Int((x * 1000).rounded())
    let frac = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
}

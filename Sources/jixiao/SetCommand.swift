import ArgumentParser
import JixiaoCore

struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "按 JSON Pointer 设置值，全部成功才写入 (set values by JSON Pointer; all or none)",
        discussion: """
        示例 / examples:
          jixiao set s.json /unit=中共绥宁县委组织部 /year=2024
          jixiao set s.json /fields/staff_actual=42 /fields/sangong/final=1.2
          jixiao set s.json '/indicators/-={"level1":"产出指标","level2":"数量指标","name":"培训人次","weight":4,"score":4}'
          jixiao set s.json /indicators/0/score=3 /tables/buildings/0=null
          jixiao set s.json /stated/exec_rate=100% /stated/total=91   (报告所列数)
          jixiao set s.json '/notes/~1fields~1income_prev=由 5720.71 − 3862.90 推得'
        "-" 追加一行；null 删除一行或清空字段；数值按字段类型解析（接受 5,577.04、５５７７．０４、84%）。
        """)

    @Argument(help: "会话文件 (session file)", completion: .file(extensions: ["json"]))
    var file: String

    @Argument(help: "赋值 /pointer=value (assignments)")
    var assignments: [String] = []

    @Flag(name: .long, help: "编辑器正打开此文件时仍然写入（编辑器保存时会发现文件已被改动）(write even while an editor has the sheet open)")
    var force = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        var parsed = [Assignment]()
        for a in assignments {
            guard let x = Assignment.parse(a) else {
                complain(lang.pick("“\(a)”不是 /pointer=value 形式的赋值", "\"\(a)\" is not an assignment of the form /pointer=value"))
                throw ExitCode(2)
            }
            parsed.append(x)
        }
        guard !parsed.isEmpty else {
            complain(lang.pick("没有要设置的值（形如 /fields/staff_actual=42）", "nothing to set (give assignments like /fields/staff_actual=42)"))
            throw ExitCode(2)
        }
        // Read, change and write under the sheet's lock: two scripts setting values at once
        // take turns, and neither loses the other's change.
        let lock = try lockForCommand(file, command: "set", force: force, lang: lang)
        defer { lock?.release() }
        let (loaded, old) = try readOrExit(file, common)
        let updated: Session
        do {
            updated = try SessionEditor.apply(parsed, to: loaded.session, loaded.template)
        } catch {
            complain("\(file): " + error.render(lang) + lang.pick("（文件未改动）", " (the file is unchanged)"))
            throw ExitCode(2)
        }
        // Accepted, but worth a word: money typed in the other of 元 and 万元.
        for a in parsed {
            if let f = SessionEditor.field(at: a.pointer, loaded.template, year: updated.year), let c = InputParser.caution(a.value, for: f) {
                complain("\(file): \(lang.pick("警告", "warning")) \(a.pointer): \(lang.pick(c.message, c.messageEn))")
            }
        }
        let bytes = SessionFile.render(updated, loaded.template)
        if old == bytes { return }  // nothing changed: an unchanged sheet is never rewritten
        do {
            try AtomicFile.write(bytes, to: file, .sheet)
        } catch {
            complain(error.render(lang))
            throw ExitCode(2)
        }
    }
}

import ArgumentParser
import JixiaoCore

struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "读取任一录入值或计算结果 (print any stored or computed value)",
        discussion: """
        示例 / examples:
          jixiao get s.json /computed/total        → 91.00
          jixiao get s.json /computed/grade        → 优秀
          jixiao get s.json /fields/sangong/final  → 1.2
          jixiao get s.json /computed/indicators/rows/0/suggested_score  → 3.80（定性为“—”）
          jixiao get s.json /indicators/0          (an object, printed as JSON)
        计算结果总是重新计算，不读取文件中保存的值。无定义的比率（分母为零）显示“—”。
        """)

    @Argument(help: "会话文件 (session file)", completion: .file(extensions: ["json"]))
    var file: String

    @Argument(help: "JSON Pointer，如 /computed/total")
    var pointer: String

    @Flag(name: .long, help: "以 JSON 输出 (print as JSON)")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        guard let p = JSONPointer(parsing: pointer) else {
            complain(lang.pick("“\(pointer)”不是有效的 JSON Pointer（应以“/”开头）", "\"\(pointer)\" is not a valid JSON Pointer (it starts with '/')"))
            throw ExitCode(2)
        }
        let loaded = try loadOrExit(file, common)
        let computed = Calculator.compute(loaded.session, loaded.template)
        // With each indicator row's suggested 得分, which the file does not keep, when the
        // pointer asks for them (/computed/indicators/rows…): what is above them stays the file's.
        let wantsSuggestions = p.tokens.starts(with: ["computed", "indicators", "rows"])
        let doc = SessionCodec.encode(loaded.session, template: loaded.template, computed: computed, suggestions: wantsSuggestions)
        guard let v = doc.resolve(p) else {
            complain(lang.pick("\(file): \(pointer): 没有这个值", "\(file): \(pointer): no such value"))
            throw ExitCode(2)
        }
        if json {
            say(JSONWriter.compact(v))
            return
        }
        switch v {
        case .null: say("—")
        case .string(let s): say(s)
        case .number(let n): say(n)
        case .bool(let b): say(b ? "true" : "false")
        case .array, .object: say(JSONWriter.write(v), terminator: "")
        }
    }
}

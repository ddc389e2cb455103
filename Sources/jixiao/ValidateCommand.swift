import ArgumentParser
import JixiaoCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "校验一个或多个会话文件 (check sessions: exit 1 on errors, 2 if unreadable)")

    @Argument(help: "会话文件 (session files)")
    var files: [String]

    @Flag(name: .long, help: "以 JSON 输出 (machine-readable output)")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let lang = common.language
        let reg = common.registry()
        var worst: Int32 = 0
        var reports = [JSONValue]()
        for file in files {
            let loaded: LoadedSession
            do {
                loaded = try SessionFile.load(file, registry: reg)
            } catch {
                worst = 2
                if json {
                    reports.append(.object(JSONObject([("file", .string(file)), ("readable", .bool(false)), ("message", .string(error.render(lang))), ("problems", .array([]))])))
                } else {
                    complain(error.render(lang))
                }
                continue
            }
            let computed = Calculator.compute(loaded.session, loaded.template)
            let problems = loaded.notes + Validator.validate(loaded.session, loaded.template, computed)
            let errors = problems.filter { $0.severity == .error }.count
            let warnings = problems.count - errors
            if errors > 0 && worst < 1 { worst = 1 }
            let total = computed.total.map { ExactDecimal.format($0, places: loaded.template.rounding.score) }
            if json {
                reports.append(.object(JSONObject([
                    ("file", .string(file)), ("readable", .bool(true)),
                    ("template", .string(loaded.template.id)),
                    ("errors", .number(String(errors))), ("warnings", .number(String(warnings))),
                    ("total", total.map(JSONValue.number) ?? .null),
                    ("grade", computed.grade.map(JSONValue.string) ?? .null),
                    ("problems", .array(problems.map(\.json))),
                ])))
                continue
            }
            for p in problems {
                say("\(file): \(p.severityName(lang)) \(p.pointer.description.isEmpty ? "/" : p.pointer.description): \(p.message(lang))")
            }
            let summary = lang.pick("\(errors) 个错误，\(warnings) 个警告", "\(errors) errors, \(warnings) warnings")
            let gradeEn = computed.grade.map { g in loaded.template.grades.first { $0.grade == g }?.gradeEn ?? g }
            let gradeText = (lang == .en ? gradeEn : computed.grade) ?? "—"
            let result = total.map { lang.pick("；总分 \($0)，等级 \(gradeText)", "; total \($0), grade \(gradeText)") } ?? ""
            say("\(file): \(summary)\(result)")
        }
        if json { say(JSONWriter.write(.array(reports)), terminator: "") }
        if worst != 0 { throw ExitCode(worst) }
    }
}

import ArgumentParser
import JixiaoCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "校验一个或多个会话文件 (check sessions: exit 1 on errors, 2 if unreadable)")

    @Argument(help: "会话文件 (session files)", completion: .file(extensions: ["json"]))
    var files: [String]

    @Flag(name: .long, help: "以 JSON 输出 (machine-readable output)")
    var json = false

    @Flag(name: .long, help: "列出全部问题，不限 \(ValidateCommand.listed) 个 (list every problem, not only the first \(ValidateCommand.listed))")
    var all = false

    /// Problems listed per file unless --all: far more than any real sheet has (a new sheet
    /// has 5 to 10, seed 000 six), few enough that a sheet of 100,000 rows that all break one
    /// rule prints in a moment. The counts are always exact, and --json says how many were
    /// left out ("unlisted").
    static let listed = 1_000

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
            var found = ProblemList(limit: all ? nil : Self.listed)
            for note in loaded.notes { found.add(note) }
            Validator.check(loaded.session, loaded.template, computed, into: &found)
            let problems = found.listed
            let errors = found.errors, warnings = found.warnings
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
                    ("unlisted", .number(String(found.unlisted))),
                ])))
                continue
            }
            for p in problems {
                say("\(file): \(p.severityName(lang)) \(p.pointer.description.isEmpty ? "/" : p.pointer.description): \(p.message(lang))")
            }
            if found.unlisted > 0 {
                say(lang.pick("\(file): ……另有 \(found.unlisted) 个问题未列出（--all 列出全部）", "\(file): … and \(found.unlisted) more problems (--all lists them all)"))
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

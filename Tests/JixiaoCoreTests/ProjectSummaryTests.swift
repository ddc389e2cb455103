import Foundation
import XCTest
@testable import JixiaoCore

/// The summary of many sheets (issue 15), in the core: seed 004's 40 projects written as 40
/// national-project sheets in 万元, read back on several threads, and summarised in 元.
final class ProjectSummaryTests: XCTestCase {
    /// Seed 004's rows, as the example transcribes them.
    func seedRows() throws -> [[String: FieldValue]] {
        try XCTUnwrap(Fixtures.load("ziyuan-2022-projects").session.tables["projects"])
    }

    func form() throws -> SummaryForm {
        try XCTUnwrap(SummaryForm(Fixtures.template(SummaryForm.defaultTemplateID)))
    }

    func decimal(_ v: FieldValue?) throws -> Decimal { try XCTUnwrap(v?.decimal) }

    /// The national-project sheet a unit would have filled in for one seed row: the funds in
    /// 万元 as 当年财政拨款, and indicator scores that, with the execution score the sheet
    /// computes, make the row's 自评得分.
    func sheet(_ row: [String: FieldValue], _ t: Template) throws -> Session {
        var s = Session.new(for: t, unit: row["budget_unit"]?.text ?? "", year: 2022)
        s.fields["project_code"] = row["code"]
        s.fields["project_name"] = row["name"]
        s.fields["department"] = .text("中共资源县委员会组织部")
        s.fields["goal_planned"] = .text("完成年度任务。")
        s.fields["goal_achieved"] = .text("已完成。")
        var funds = [String: FieldValue]()
        for (column, key) in [("initial", "initial"), ("annual", "adjusted"), ("executed", "executed")] {
            let wan = try XCTUnwrap(MoneyUnit.convert(try decimal(row[key]), from: "元", to: "万元"))
            funds[column] = .number(ExactDecimal.plainString(wan))
        }
        s.cells["fund_current"] = funds
        let execScore = try XCTUnwrap(Calculator.compute(s, t).scalars["exec_score"]?.decimal)
        var missing = 90 - (try decimal(row["score"]) - execScore)
        for (l1, l2, weight) in [("产出指标", "数量指标", Decimal(50)), ("效益指标", "社会效益指标", 30), ("满意度指标", "服务对象满意度指标", 10)] {
            let lost = min(missing, weight)
            missing -= lost
            s.indicators.append(IndicatorRow(level1: l1, level2: l2, name: "指标", target: "≥95%", actual: "95%",
                                             weight: "\(weight)", score: ExactDecimal.plainString(weight - lost), deviation: lost > 0 ? "未全部完成" : ""))
        }
        return s
    }

    /// Writes the 40 sheets into a fresh folder; returns it.
    func splitSeed004() throws -> String {
        let folder = try Fixtures.tempFolder(self)
        let t = try Fixtures.template("national-project")
        for (n, row) in try seedRows().enumerated() {
            let name = String(format: "%02d.json", n + 1)
            try SessionFile.save(try sheet(row, t), t, to: (folder as NSString).appendingPathComponent(name))
        }
        return folder
    }

    func rows(_ outcomes: [SummaryReader.Outcome]) -> [SummaryRow] {
        outcomes.compactMap { if case .row(let r) = $0 { return r } else { return nil } }
    }

    func testSeed004SplitIntoSheetsComesBackAsItsRowsAndTrueTotals() throws {
        let folder = try splitSeed004()
        let found = SheetFinder([folder])
        XCTAssertEqual(found.sheets.count, 40)
        let form = try form()
        let rows = rows(SummaryReader.read(found.sheets.map(\.path), registry: Fixtures.registry, form: form, workers: 3))
        XCTAssertEqual(rows.count, 40)
        let wan = Decimal(10_000)
        for (row, seed) in zip(rows, try seedRows()) {
            XCTAssertEqual(row.code, seed["code"]?.text)
            XCTAssertEqual(row.name, seed["name"]?.text)
            XCTAssertEqual(row.unit, seed["budget_unit"]?.text)
            XCTAssertEqual(row.department, "中共资源县委员会组织部")
            XCTAssertEqual(row.initial, try decimal(seed["initial"]))
            XCTAssertEqual(row.adjusted, try decimal(seed["adjusted"]))
            XCTAssertEqual(row.executed, try decimal(seed["executed"]))
            XCTAssertEqual(row.score, try decimal(seed["score"]), row.name)
            // A figure in 元 to the fen can need six decimals in 万元, where the form has two:
            // each such figure is an error of the sheet, and counted.
            let excess = try ["initial", "adjusted", "executed"].filter { k in
                let w = try decimal(seed[k]) / wan
                return w != ExactDecimal.round(w, 2)
            }.count
            XCTAssertEqual(row.errors, excess, row.name)
        }
        let summary = ProjectSummary(rows, form: form)
        let t = summary.totals
        XCTAssertEqual(t.sheets, 40)
        XCTAssertEqual(t.executed, D("2660149.17"))
        // What the rows really add up to, not the seed's printed 2105100 and 7410966.87.
        XCTAssertEqual(t.initial, D("2915100"))
        XCTAssertEqual(t.adjusted, D("8310966.87"))
        // Σ执行数 / Σ调整后预算数 = 32.0076…%, not the mean of the rows' rates.
        XCTAssertEqual(t.execRate.flatMap(\.decimal).map { ExactDecimal.format($0, places: 2) }, "32.01")
        XCTAssertEqual(t.grades.map(\.grade), ["一等", "二等", "三等", "四等"])
        XCTAssertEqual(t.grades.map(\.count), [27, 13, 0, 0])
        XCTAssertEqual(t.average.map { ExactDecimal.format($0, places: 2) }, "91.66")  // 3666.21 / 40 = 91.65525
        // Row 4: 9473 / 20000 = 47.365% shows 47.37; a zero budget has no rate at all.
        XCTAssertEqual(rows[3].execRate?.decimal.map { ExactDecimal.format($0, places: 2) }, "47.37")
        XCTAssertEqual(rows[0].execRate, .undefined)
        // Row 5 was cut from 70000 to 40000 (−42.86%): its reasons are asked for, and it has none.
        XCTAssertEqual(rows[4].adjustRate?.decimal.map { ExactDecimal.format($0, places: 2) }, "-42.86")
        XCTAssertEqual(rows[15].reason, "指标：未全部完成")  // −86.42%, 91.33 points: reasons given
        XCTAssertEqual(rows[3].reason, "")  // 一等 and not adjusted: not asked for
    }

    func testADamagedSheetIsReportedAndTheOthersAreStillRead() throws {
        let folder = try splitSeed004()
        let damaged = (folder as NSString).appendingPathComponent("05.json")
        try Fixtures.write("{\"template\": {\"id\": \"national-project\", \"version\": 1}, \"unit\": ", to: damaged)
        let paths = SheetFinder([folder]).sheets.map(\.path)
        let outcomes = SummaryReader.read(paths, registry: Fixtures.registry, form: try form(), workers: 4)
        XCTAssertEqual(outcomes.count, 40)
        guard case .failed(let e) = outcomes[4] else { return XCTFail("05.json was read") }
        XCTAssertTrue(e.render(.zh).contains("05.json"))
        XCTAssertEqual(rows(outcomes).count, 39)
        XCTAssertEqual(rows(outcomes).map(\.path), paths.enumerated().filter { $0.offset != 4 }.map(\.element))
    }

    func testAFailureIsKeptAsItsFirstProblemAndACount() throws {
        let path = (try Fixtures.tempFolder(self) as NSString).appendingPathComponent("wrong.json")
        let fields = (0..<120).map { "\"unknown\($0)\": 1" }.joined(separator: ", ")
        try Fixtures.write("{\"template\": {\"id\": \"national-project\", \"version\": 1}, \"fields\": {\(fields)}}", to: path)
        guard case .failed(let e)? = SummaryReader.read([path], registry: Fixtures.registry, form: try form()).first else {
            return XCTFail("a sheet with 120 unknown fields was read")
        }
        let lines = e.render(.zh).split(separator: "\n")
        XCTAssertEqual(lines.count, 2, e.render(.zh))
        XCTAssertTrue(lines[0].contains("/fields/unknown0"))
        XCTAssertTrue(lines[1].hasSuffix("……另有 119 个问题未列出"), String(lines[1]))
    }

    func testTheOrderIsTheOrderGivenWhateverTheWorkers() throws {
        let paths = SheetFinder([try splitSeed004()]).sheets.map(\.path)
        let form = try form()
        let one = rows(SummaryReader.read(paths, registry: Fixtures.registry, form: form, workers: 1))
        for workers in [2, 7, 64] {
            XCTAssertEqual(rows(SummaryReader.read(paths, registry: Fixtures.registry, form: form, workers: workers)), one)
        }
    }

    func testTheSavedSummaryIsASheetThatAddsUpAsTheSummaryDoes() throws {
        let form = try form()
        let rows = rows(SummaryReader.read(SheetFinder([try splitSeed004()]).sheets.map(\.path), registry: Fixtures.registry, form: form))
        let summary = ProjectSummary(rows, form: form)
        let path = (try Fixtures.tempFolder(self) as NSString).appendingPathComponent("summary.json")
        try SessionFile.save(SummarySheet.session(summary), form.template, to: path, exclusive: true)
        let loaded = try SessionFile.load(path, registry: Fixtures.registry)
        XCTAssertEqual(loaded.session.unit, "中共资源县委员会组织部")  // the department all the sheets name
        XCTAssertEqual(loaded.session.year, 2022)
        let c = Calculator.compute(loaded.session, loaded.template)
        XCTAssertEqual(c.tableTotals["projects"]?["initial"], D("2915100"))
        XCTAssertEqual(c.tableTotals["projects"]?["adjusted"], D("8310966.87"))
        XCTAssertEqual(c.tableTotals["projects"]?["executed"], D("2660149.17"))
        XCTAssertEqual(c.tableRows["projects"]?.compactMap { $0["grade"] }.filter { $0 == .text("一等") }.count, 27)
        XCTAssertEqual(c.scalars["project_average"]?.decimal.map { ExactDecimal.format($0, places: 2) }, "91.66")
        let problems = Validator.validate(loaded.session, loaded.template, c)
        // The department's own figures are left to fill in; every project row is complete,
        // but row 5 (adjusted by −42.86%) has no reasons to give.
        XCTAssertEqual(Set(problems.filter { $0.severity == .error }.map(\.pointer.description)),
                       ["/fields/dept_initial", "/fields/dept_adjusted", "/fields/dept_executed", "/fields/dept_indicator_score"])
        XCTAssertEqual(problems.filter { $0.severity == .warning }.map(\.pointer.description), ["/tables/projects/4/reason"])
        // Saved again, it is the same file: nothing is lost or reformatted on the way.
        XCTAssertEqual(SessionFile.render(loaded.session, loaded.template), try Array(Data(contentsOf: URL(fileURLWithPath: path))))
    }

    func testOtherTemplatesGiveTheirFiguresAndUnknownOnesStayBlank() throws {
        let form = try form()
        // Seed 000 (Hunan, 万元): 年初 1541.21, 全年 5577.04, 执行 5576.04.
        let suining = SheetFigures.row(try Fixtures.load("suining-2024"), form: form)
        XCTAssertEqual([suining.initial, suining.adjusted, suining.executed], [D("15412100"), D("55770400"), D("55760400")])
        XCTAssertEqual(suining.score, D("91"))
        XCTAssertEqual(suining.grade, "一等")  // 优秀 on its own bands, 一等 on the summary's
        XCTAssertEqual(suining.code, "")
        XCTAssertEqual(suining.department, "中共绥宁县委组织部")
        // Six rows with 得分 < 分值 and no 偏差原因, and the stated 执行率 100% against 99.98%.
        XCTAssertEqual(suining.warnings, 7)
        // Seed 003 (Guangdong) states no budget nor spending pair: blank, never guessed.
        let lianjiang = SheetFigures.row(try Fixtures.load("lianjiang-2023"), form: form)
        XCTAssertNil(lianjiang.initial)
        XCTAssertNil(lianjiang.adjusted)
        XCTAssertNil(lianjiang.execRate)
        XCTAssertNil(lianjiang.score)  // its 评分表 is not published: no score is computed
    }

    func testMoneyUnitsConvertExactly() {
        XCTAssertEqual(MoneyUnit.convert(D("0.9473"), from: "万元", to: "元"), D("9473"))
        XCTAssertEqual(MoneyUnit.convert(D("37.492337"), from: "万元", to: "元"), D("374923.37"))
        XCTAssertEqual(MoneyUnit.convert(D("9473"), from: "元", to: "万元"), D("0.9473"))
        XCTAssertEqual(MoneyUnit.convert(D("-1.5"), from: "亿元", to: "万元"), D("-15000"))
        XCTAssertEqual(MoneyUnit.convert(D("0"), from: "万元", to: "元"), D("0"))
        XCTAssertEqual(MoneyUnit.convert(D("7"), from: "元", to: "元"), D("7"))
        XCTAssertNil(MoneyUnit.convert(D("7"), from: "㎡", to: "元"))
    }

    func testTotalsAreSumsAndRatesOfSumsNeverMeansOfRates() throws {
        let bands = try form().grades
        let rows = [
            SummaryRow(path: "a", templateID: "x", initial: D("100"), adjusted: D("100"), executed: D("100"), score: D("95"), grade: "一等"),
            SummaryRow(path: "b", templateID: "x", initial: D("0"), adjusted: D("900"), executed: D("0"), score: D("61.5"), grade: "三等"),
            SummaryRow(path: "c", templateID: "x"),  // nothing filled in
        ]
        let t = SummaryTotals(rows, bands: bands)
        XCTAssertEqual(t.executed, D("100"))
        XCTAssertEqual(t.execRate, .number(D("10")))  // 100 / 1000, where the rows' rates average 50
        XCTAssertEqual(t.adjustRate, .number(D("900")))  // (1000 − 100) / 100
        XCTAssertEqual(rows[1].adjustRate, .undefined)  // over a zero budget
        XCTAssertNil(rows[2].execRate)
        XCTAssertEqual(t.average, D("78.25"))
        XCTAssertEqual(t.ungraded, 1)
        XCTAssertEqual(t.grades.map(\.count), [1, 0, 1, 0])
        // A sheet without its 年初预算数 (or its 执行数) is in the money sums, not in the rates:
        // found by a new user whose 合计 调整率 came out at 439%.
        let partial = SummaryTotals(rows + [SummaryRow(path: "d", templateID: "x", adjusted: D("5000"))], bands: bands)
        XCTAssertEqual(partial.adjusted, D("6000"))
        XCTAssertEqual(partial.adjustRate, .number(D("900")))
        XCTAssertEqual(partial.execRate, .number(D("10")))
        let empty = SummaryTotals([SummaryRow](), bands: bands)
        XCTAssertNil(empty.executed)
        XCTAssertNil(empty.execRate)
        XCTAssertNil(empty.average)
    }

    func testFilterSortAndGroup() throws {
        let form = try form()
        func row(_ name: String, _ dept: String, _ score: String?, errors: Int = 0, warnings: Int = 0) -> SummaryRow {
            let s = score.map { D($0) }
            return SummaryRow(path: name, templateID: "x", name: name, unit: name, department: dept, adjusted: s, score: s,
                              grade: s.flatMap { Calculator.grade(of: $0, form.grades) }, errors: errors, warnings: warnings)
        }
        let rows = [row("a", "乙", "85"), row("b", "甲", "95", errors: 2), row("c", "乙", nil, warnings: 1), row("d", "甲", "59.99"), row("e", "乙", "95")]
        func names(_ o: SummaryOptions) -> [String] { ProjectSummary(rows, form: form, options: o).rows.map(\.name) }
        XCTAssertEqual(names(SummaryOptions()), ["a", "b", "c", "d", "e"])
        XCTAssertEqual(names(SummaryOptions(sort: .score)), ["d", "a", "b", "e", "c"])  // no score last, ties keep order
        XCTAssertEqual(names(SummaryOptions(sort: .score, descending: true)), ["b", "e", "a", "d", "c"])
        XCTAssertEqual(names(SummaryOptions(sort: .problems, descending: true)), ["b", "c", "a", "d", "e"])
        let grade = { (n: String) in try XCTUnwrap(SummaryOptions.Filter(name: n, bands: form.grades)) }
        XCTAssertEqual(names(SummaryOptions(filters: [try grade("一等")])), ["b", "e"])
        XCTAssertEqual(names(SummaryOptions(filters: [try grade("Fourth class"), try grade("未评分")])), ["c", "d"])
        XCTAssertEqual(names(SummaryOptions(filters: [try grade("一等"), try grade("有错误")])), ["b"])
        XCTAssertEqual(names(SummaryOptions(filters: [try grade("problems")])), ["b", "c"])
        XCTAssertNil(SummaryOptions.Filter(name: "五等", bands: form.grades))
        XCTAssertEqual(SummaryOptions.SortKey(name: "自评得分"), .score)
        XCTAssertEqual(SummaryOptions.SortKey(name: "exec-rate"), .execRate)
        XCTAssertNil(SummaryOptions.SortKey(name: "得"))

        let grouped = ProjectSummary(rows, form: form, options: SummaryOptions(groupBy: SummaryOptions.Grouping(name: "主管部门")))
        XCTAssertEqual(grouped.groups.map(\.name), ["乙", "甲"])  // in the order first met
        XCTAssertEqual(grouped.groups.map { $0.rows.map(\.name) }, [["a", "c", "e"], ["b", "d"]])
        XCTAssertEqual(grouped.groups.map(\.totals.adjusted), [D("180"), D("154.99")])
        XCTAssertEqual(grouped.totals.adjusted, D("334.99"))
    }

    func testTheLayoutShowsEveryRowTheTotalsAndTheFailuresAndNoControlCharacter() throws {
        let form = try form()
        let rows = [SummaryRow(path: "x.json", templateID: "national-project", year: 2022, code: "450329210000000104694", name: "关心\u{1B}]0;pwned\u{07}经费",
                               unit: "单位", department: "部门", initial: D("20000"), adjusted: D("20000"), executed: D("9473"),
                               score: D("90.74"), grade: "一等", errors: 1, warnings: 2)]
        let doc = SummaryLayout.document(ProjectSummary(rows, form: form), failures: ["y.json: 第 1 行第 2 列：JSON 格式错误"])
        XCTAssertEqual(doc.title, "2022年度项目自评汇总表")
        let grid = try XCTUnwrap(doc.sheets.first).grid
        func line(_ r: Int) -> [String] { grid.cells.filter { $0.row == r }.sorted { $0.column < $1.column }.map(\.text) }
        XCTAssertEqual(line(0), ["序号", "项目编码", "项目名称", "预算单位", "年初预算数", "调整后预算数", "全年执行数", "预算执行率（%）",
                                 "财政拨款预算调整率（%）", "自评得分", "自评结论（等级）", "主要原因分析", "错误", "警告", "文件"])
        XCTAssertEqual(line(1), ["1", "450329210000000104694", "关心\\u001B]0;pwned\\u0007经费", "单位", "20000.00", "20000.00", "9473.00",
                                 "47.37", "0.00", "90.74", "一等", "", "1", "2", "x.json"])
        XCTAssertEqual(line(2)[0], "合计")
        XCTAssertEqual(line(2)[6], "9473.00")
        // Figures carry their exact values, for a workbook.
        XCTAssertEqual(grid.cells.first { $0.row == 1 && $0.column == 6 }?.figure?.value, D("9473"))
        XCTAssertTrue(grid.rows[0].repeats)
        let text = TextRenderer(width: 160).render(doc) + CSVRenderer().render(doc) + MarkdownRenderer().render(doc)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        XCTAssertTrue(text.contains("一等 1 个，二等 0 个，三等 0 个，四等 0 个"))
        XCTAssertTrue(text.contains("未能读取的表（1 个，未计入汇总）"))
        XCTAssertTrue(text.contains("y.json: 第 1 行第 2 列"))
        let en = SummaryLayout.document(ProjectSummary(rows, form: form), lang: .en)
        XCTAssertEqual(en.title, "2022 summary of project self-evaluations")
        XCTAssertTrue(MarkdownRenderer().render(en).contains("First class 1, Second class 0"))
    }
}

import XCTest
@testable import JixiaoCore

/// Next year's sheet from this year's (`jixiao new --from`), on every example.
final class NextYearSheetTests: XCTestCase {
    func next(_ name: String) throws -> (old: Session, new: Session, template: Template) {
        let loaded = try Fixtures.load(name)
        let year = try XCTUnwrap(loaded.session.year) + 1
        return (loaded.session, NextYearSheet.make(from: loaded.session, template: loaded.template, year: year), loaded.template)
    }

    func testEveryExampleKeepsItsPlansAndLosesItsYear() throws {
        for name in Fixtures.exampleNames {
            let (old, new, t) = try next(name)
            XCTAssertEqual(new.templateID, t.id, name)
            XCTAssertEqual(new.templateVersion, t.version, name)
            XCTAssertEqual(new.unit, old.unit, name)
            XCTAssertEqual(new.year, old.year.map { $0 + 1 }, name)
            XCTAssertNil(new.storedComputed, name)
            // Indicators: the plan stays, what the year gave goes.
            XCTAssertEqual(new.indicators.count, old.indicators.count, name)
            for (a, b) in zip(old.indicators, new.indicators) {
                XCTAssertEqual([b.level1, b.level2, b.name, b.target], [a.level1, a.level2, a.name, a.target], name)
                XCTAssertEqual(b.weight, a.weight, name)
                XCTAssertEqual([b.actual, b.deviation], ["", ""], name)
                XCTAssertNil(b.score, name)
            }
            // No figure of any kind survives, in fields, grids or tables.
            let figures = new.fields.values.filter { $0.decimal != nil } + new.cells.values.flatMap(\.values).filter { $0.decimal != nil }
                + new.tables.values.flatMap { $0.flatMap(\.values) }.filter { $0.decimal != nil }
            XCTAssertEqual(figures, [], name)
            // Saved and read back, it is a sheet like any other, with nothing computed from last year.
            let c = Calculator.compute(new, t)
            XCTAssertNil(c.total, name)
            let bytes = SessionFile.render(new, t)
            var back = try SessionFile.decode(bytes, path: name, registry: Fixtures.registry).session
            back.storedComputed = nil
            XCTAssertEqual(back, new, name)
        }
    }

    func testWhatCarriesOverOfEachExample() throws {
        let suining = try next("suining-2024")
        XCTAssertEqual(suining.new.fields["goal_planned"], suining.old.fields["goal_planned"])  // the draft
        XCTAssertNotNil(suining.old.fields["goal_achieved"])
        XCTAssertNil(suining.new.fields["goal_achieved"])
        XCTAssertNil(suining.new.fields["thrift_measures"])
        XCTAssertTrue(suining.new.cells.isEmpty)  // 经费控制情况: figures only

        // The Yiyang footer as a unit fills it in: 填表人 is a name and carries over, the date does not.
        var yiyang = try Fixtures.load("yiyang-2024")
        yiyang.session.fields["filled_by"] = .text("张三")
        yiyang.session.fields["fill_date"] = .text("2025-01-10")
        let footer = NextYearSheet.make(from: yiyang.session, template: yiyang.template, year: 2025)
        XCTAssertEqual(footer.fields["filled_by"], .text("张三"))
        XCTAssertNil(footer.fields["fill_date"])

        let lianjiang = try next("lianjiang-2023")
        XCTAssertNotNil(lianjiang.old.stated["grade"])
        XCTAssertTrue(lianjiang.new.stated.isEmpty)  // stated in last year's report
        XCTAssertFalse(lianjiang.old.notes.isEmpty)
        XCTAssertTrue(lianjiang.new.notes.isEmpty)  // notes on last year's values
        XCTAssertEqual(lianjiang.new.tables["key_projects"]?.map { $0["name"] }, lianjiang.old.tables["key_projects"]?.map { $0["name"] })
        XCTAssertEqual(lianjiang.new.tables["key_projects"]?.map { $0["goal"] }, lianjiang.old.tables["key_projects"]?.map { $0["goal"] })
        XCTAssertEqual(lianjiang.new.tables["key_projects"]?.compactMap { $0["budget"] }, [])

        let ziyuan = try next("ziyuan-2022-projects")
        XCTAssertEqual(ziyuan.new.tables["projects"]?.count, 40)
        XCTAssertEqual(ziyuan.new.tables["projects"]?.first, ["code": .text("450329210000000104678"), "name": .text("岗责办经费"),
                                                             "budget_unit": .text("106001-中共资源县委员会组织部")])
        XCTAssertTrue(ziyuan.new.fields.isEmpty)  // department figures and the printed totals
    }

    func testControlCharactersThatWouldCarryOverAreNamedAtTheirPlaceInLastYearsSheet() throws {
        var l = try Fixtures.load("suining-2024")
        XCTAssertEqual(NextYearSheet.refusedTexts(in: l.session, template: l.template), [])
        l.session.unit = "A\u{1B}]0;x\u{07}B"
        l.session.indicators[1].name = "培训\u{202E}人次"
        l.session.indicators[2].deviation = "\u{1B}"  // not carried over: no reason to refuse
        let refused = NextYearSheet.refusedTexts(in: l.session, template: l.template)
        XCTAssertEqual(refused.map(\.pointer.description), ["/unit", "/indicators/1/name"], "\(refused.map(\.message))")
        XCTAssertTrue(refused.allSatisfy { $0.message.contains("U+") }, "\(refused.map(\.message))")

        var z = try Fixtures.load("ziyuan-2022-projects")
        // A row with nothing that carries over comes first: it is dropped from the new sheet,
        // but the pointer is into last year's, where the text is to be corrected.
        z.session.tables["projects"]?[0] = ["budget": .number("1")]
        z.session.tables["projects"]?[3]["name"] = .text("项目\u{1B}[31m")
        XCTAssertEqual(NextYearSheet.refusedTexts(in: z.session, template: z.template).map(\.pointer.description), ["/tables/projects/3/name"])
    }
}

import XCTest
@testable import JixiaoCore

/// A template's form: decoded, tiled and checked with the template; every problem named at
/// its JSON Pointer; a template without a form gets one made from its sections.
final class FormLayoutTests: XCTestCase {
    /// A small form for the Hunan template: a unit row, a fund part with a label spanning two
    /// rows, and an indicator part with a repeated header, a region and a 总分 row.
    static let smallForm = """
    {"sheets": [{"id": "s", "name": "自评表", "caption": "附件1-2", "title": "{year}年度自评表", "columns": [1, 2, 0],
      "paper": "A3", "orientation": "landscape", "freezeColumns": 1, "freezeRows": true,
      "parts": [{"rows": [
         [{"text": "单位名称"}, {"value": "unit", "span": 2}],
         [{"text": "资金", "rows": 2, "align": "center"}, {"label": "fund_annual"}, {"value": "fund_annual"}],
         [{"label": "exec_rate"}, {"value": "exec_rate", "unit": true}]
      ]}, {"title": "绩效指标", "rows": [
         {"header": true, "repeat": true, "cells": [{"label": "indicators[].level1"}, {"label": "indicators[].name"}, {"label": "indicators[].score"}]},
         {"region": "indicators", "cells": [{"column": "level1", "group": true, "withWeight": true}, {"column": "name"}, {"column": "score"}]},
         [{"text": "总分", "span": 2}, {"value": "total"}]
      ]}],
      "below": ["填报日期：{year}，{unit}，等级 {grade}"]
    }]}
    """

    static func formJSON(_ text: String = smallForm) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    /// The Hunan template with `form` as its form, decoded; nil and the problems when broken.
    static func hunan(with form: JSONValue) throws -> Result<Template, TemplateError> {
        let doc = try Fixtures.templateJSON("hunan-dept-overall").setting("/form", form)
        do {
            return .success(try TemplateDecoder.decode(Array(JSONWriter.write(doc).utf8), source: "hunan.json"))
        } catch {
            return .failure(error)
        }
    }

    /// The problems the Hunan template has with the small form changed at `pointer`.
    func problems(_ pointer: String, _ value: JSONValue?, file: StaticString = #filePath, line: UInt = #line) throws -> [ReadIssue] {
        let form = try Self.formJSON().setting(pointer, value)
        switch try Self.hunan(with: form) {
        case .success:
            XCTFail("the form was accepted", file: file, line: line)
            return []
        case .failure(let e):
            return e.issues
        }
    }

    func testASmallFormIsDecoded() throws {
        let t = try Self.hunan(with: Self.formJSON()).get()
        XCTAssertFalse(t.form.isGenerated)
        let s = try XCTUnwrap(t.form.sheets.first)
        XCTAssertEqual(s.name, "自评表")
        XCTAssertEqual(s.caption, FormText("附件1-2"))
        XCTAssertEqual(s.columns.map(\.grow), [1, 2, 0])
        XCTAssertEqual(s.page, FormPage(paper: .a3, orientation: .landscape, freezeColumns: 1, freezeRows: true))
        XCTAssertEqual(s.parts.count, 2)
        XCTAssertEqual(s.parts[0].rows[1].cells[0].rows, 2)
        XCTAssertEqual(s.parts[0].rows[1].cells[0].align, .center)
        XCTAssertEqual(s.parts[0].rows[2].cells[1].content, .value("exec_rate", prefix: FormText()))
        XCTAssertTrue(s.parts[0].rows[2].cells[1].withUnit)
        let header = s.parts[1].rows[0]
        XCTAssertTrue(header.header && header.repeats)
        XCTAssertEqual(s.parts[1].rows[1].region, "indicators")
        XCTAssertTrue(s.parts[1].rows[1].cells[0].group && s.parts[1].rows[1].cells[0].withWeight)
        XCTAssertEqual(s.parts[1].title, FormText("绩效指标"))
    }

    func testTilingPlacesCellsBesideTallerCells() throws {
        let s = try XCTUnwrap(try Self.hunan(with: Self.formJSON()).get().form.sheets.first)
        let tiling = FormTiling(s.parts[0], columns: 3)
        XCTAssertEqual(tiling.problems, [])
        // The second row's label spans down: the third row starts in column 1.
        XCTAssertEqual(tiling.starts, [[0, 1], [0, 1, 2], [1, 2]])
    }

    // MARK: problems, each at its pointer

    func testARowThatDoesNotCoverEveryColumn() throws {
        let issues = try problems("/sheets/0/parts/0/rows/0/1/span", .number("1"))
        XCTAssertEqual(issues.map(\.pointer.description), ["/form/sheets/0/parts/0/rows/0"])
        XCTAssertTrue(issues[0].messageEn.contains("covers only 2 of the sheet's 3 columns"), issues[0].messageEn)
    }

    func testACellPastTheLastColumn() throws {
        let issues = try problems("/sheets/0/parts/0/rows/0/1/span", .number("3"))
        XCTAssertEqual(issues.map(\.pointer.description), ["/form/sheets/0/parts/0/rows/0/1"])
    }

    func testACellOverlappingATallerOne() throws {
        // The label of row 1 spans two rows; row 2 gets a third cell that cannot fit beside it.
        let issues = try problems("/sheets/0/parts/0/rows/2/1/span", .number("2"))
        XCTAssertEqual(issues.map(\.pointer.description), ["/form/sheets/0/parts/0/rows/2/1"])
    }

    func testACellSpanningPastItsPart() throws {
        let issues = try problems("/sheets/0/parts/0/rows/1/0/rows", .number("3"))
        XCTAssertEqual(issues.map(\.pointer.description), ["/form/sheets/0/parts/0/rows/1/0/rows"])
    }

    func testNamesThatResolveToNothing() throws {
        var form = try Self.formJSON()
        form = form.setting("/sheets/0/below/0", .string("填报日期：{fill_date_missing}"))
        form = form.setting("/sheets/0/parts/0/rows/1/2/value", .string("fund_anual"))
        form = form.setting("/sheets/0/parts/0/rows/1/1/label", .string("nothing"))
        form = form.setting("/sheets/0/parts/1/rows/1/region", .string("projects"))
        form = form.setting("/sheets/0/parts/1/rows/2/1/value", .string("sangong.nowhere"))
        guard case .failure(let e) = try Self.hunan(with: form) else { return XCTFail("accepted") }
        XCTAssertEqual(e.issues.map(\.pointer.description), [
            "/form/sheets/0/below/0",
            "/form/sheets/0/parts/0/rows/1/1/label",
            "/form/sheets/0/parts/0/rows/1/2/value",
            "/form/sheets/0/parts/1/rows/1/region",
            // Only an indicator region has tier weights to show.
            "/form/sheets/0/parts/1/rows/1/cells/0/withWeight",
            "/form/sheets/0/parts/1/rows/2/1/value",
        ], e.description)
        XCTAssertTrue(e.issues[0].message.contains("{fill_date_missing}"), e.issues[0].message)
        XCTAssertTrue(e.issues[2].messageEn.contains("fund_anual"))
    }

    func testARegionColumnTheTableLacks() throws {
        let issues = try problems("/sheets/0/parts/1/rows/1/cells/1/column", .string("title"))
        XCTAssertEqual(issues.map(\.pointer.description), ["/form/sheets/0/parts/1/rows/1/cells/1/column"])
        XCTAssertTrue(issues[0].messageEn.contains("deviation"), "lists the known columns: \(issues[0].messageEn)")
    }

    func testARegionCellCannotSpanRowsAndAFixedCellCannotGroup() throws {
        var issues = try problems("/sheets/0/parts/1/rows/1/cells/1/rows", .number("2"))
        XCTAssertEqual(issues.map(\.pointer.description), ["/form/sheets/0/parts/1/rows/1/cells/1/rows"])
        issues = try problems("/sheets/0/parts/0/rows/0/0/group", .bool(true))
        XCTAssertEqual(issues.map(\.pointer.description), ["/form/sheets/0/parts/0/rows/0/0/group"])
    }

    func testACellWithTwoContents() throws {
        let issues = try problems("/sheets/0/parts/0/rows/0/0/label", .string("unit"))
        XCTAssertEqual(issues.map(\.pointer.description), ["/form/sheets/0/parts/0/rows/0/0"])
    }

    func testWorksheetNames() throws {
        for bad in ["", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二", "附件1/2", "'自评表"] {
            let issues = try problems("/sheets/0/name", .string(bad))
            XCTAssertTrue(issues.map(\.pointer.description).contains("/form/sheets/0/name"), "“\(bad)”: \(issues)")
        }
        let two = try Self.formJSON().setting("/sheets/-", try XCTUnwrap(Self.formJSON().resolve(JSONPointer(["sheets", "0"]))))
        guard case .failure(let e) = try Self.hunan(with: two) else { return XCTFail("accepted") }
        XCTAssertTrue(e.issues.map(\.pointer.description).contains("/form/sheets/1/name"), e.description)
        XCTAssertTrue(e.issues.map(\.pointer.description).contains("/form/sheets/1/id"), e.description)
    }

    func testAWeightMustBeAComputedScore() throws {
        let issues = try problems("/sheets/0/parts/0/rows/2/1", .object(JSONObject([("weight", .string("fund_annual"))])))
        XCTAssertEqual(issues.map(\.pointer.description), ["/form/sheets/0/parts/0/rows/2/1/weight"])
    }

    func testUnknownKeysAndBadPaper() throws {
        var issues = try problems("/sheets/0/paper", .string("Letter"))
        XCTAssertEqual(issues.map(\.pointer.description), ["/form/sheets/0/paper"])
        issues = try problems("/sheets/0/parts/0/rows/0/0/colspan", .number("2"))
        XCTAssertEqual(issues.map(\.pointer.description), ["/form/sheets/0/parts/0/rows/0/0/colspan"])
    }

    // MARK: the shipped templates

    /// Each shipped template draws its own form, and everything a sheet holds is on it: every
    /// field (typed or computed), every grid cell, every table and the indicator grid.
    func testEveryShippedFormShowsEverythingItsTemplateHolds() throws {
        for t in Fixtures.registry.templates {
            XCTAssertFalse(t.form.isGenerated, "\(t.id) has no form of its own")
            var values = Set<String>(), regions = Set<String>(), placeholders = Set<String>()
            for sheet in t.form.sheets {
                for line in [sheet.caption, sheet.title] + sheet.above + sheet.below {
                    placeholders.formUnion(FormReference.placeholders(in: line.zh))
                }
                for part in sheet.parts {
                    for row in part.rows {
                        if let r = row.region { regions.insert(r) }
                        for cell in row.cells {
                            switch cell.content {
                            case .value(let ref, let prefix):
                                values.insert(ref)
                                placeholders.formUnion(FormReference.placeholders(in: prefix.zh))
                            case .text(let text): placeholders.formUnion(FormReference.placeholders(in: text.zh))
                            default: break
                            }
                        }
                    }
                }
            }
            let shown = values.union(placeholders)
            XCTAssertTrue(shown.contains("unit"), "\(t.id): the unit")
            for id in t.index.fieldOrder { XCTAssertTrue(shown.contains(id), "\(t.id): field \(id) is not on the form") }
            for (gid, g) in t.index.grids {
                for row in t.index.valueRows(of: g) {
                    for c in g.columns { XCTAssertTrue(shown.contains("\(row.id).\(c.id)"), "\(t.id): grid \(gid) cell \(row.id).\(c.id)") }
                }
            }
            for tid in t.index.tableOrder { XCTAssertTrue(regions.contains(tid), "\(t.id): table \(tid) is not on the form") }
            if t.indicators != nil { XCTAssertTrue(regions.contains("indicators"), "\(t.id): the indicator grid") }
            if t.total != nil { XCTAssertTrue(shown.contains("total") && shown.contains("grade"), "\(t.id): 总分 and 等级") }
        }
        XCTAssertEqual(Fixtures.registry.templates.count, 6)
    }

    // MARK: generated forms

    /// A template without a form gets one: every part tiles its grid, and it names only what
    /// the template has (it passes the same checks as a written one).
    func testEveryTemplateWithoutAFormGetsOneThatTiles() throws {
        for id in ["hunan-dept-overall", "hunan-yiyang-dept-overall", "guangdong-dept-overall", "guangxi-project-summary",
                   "national-dept-overall", "national-project"] {
            var doc = try Fixtures.templateJSON(id)
            doc = doc.setting("/form", nil)
            let t = try TemplateDecoder.decode(Array(JSONWriter.write(doc).utf8), source: id)
            XCTAssertTrue(t.form.isGenerated, id)
            var r = JSONReading()
            var checked = t
            checked.form.isGenerated = false
            FormChecker.check(checked.form, checked, &r)
            XCTAssertEqual(r.issues.map { "\($0.pointer): \($0.messageEn)" }, [], id)
            for sheet in t.form.sheets {
                for part in sheet.parts {
                    XCTAssertEqual(FormTiling(part, columns: sheet.columns.count).problems, [], id)
                }
            }
        }
    }

    func testSpreadAddsUp() {
        for n in 1...12 {
            for k in 1...n {
                let s = GeneratedForm.spread(k, over: n)
                XCTAssertEqual(s.count, k)
                XCTAssertEqual(s.reduce(0, +), n)
                XCTAssertLessThanOrEqual((s.max() ?? 0) - (s.min() ?? 0), 1)
            }
        }
    }

    func testPlaceholders() {
        XCTAssertEqual(FormReference.placeholders(in: "填表人：{filled_by}　{year}年 {prevYear} {total}"), ["filled_by", "total"])
        XCTAssertEqual(FormReference.placeholders(in: "no braces"), [])
        XCTAssertEqual(FormReference.placeholders(in: "unclosed {brace"), [])
        XCTAssertEqual(FormReference.parse("unit"), .unit)
        XCTAssertEqual(FormReference.parse("projects[].initial"), .reference(.columnSum(table: "projects", column: "initial")))
    }
}

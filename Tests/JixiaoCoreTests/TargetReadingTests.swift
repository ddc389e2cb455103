import XCTest
@testable import JixiaoCore

/// 年度指标值 and 实际完成值 read into a direction, a number and a unit: the issue's examples,
/// every target and achieved value of seeds 000 and 002, and what must stay 定性.
final class TargetReadingTests: XCTestCase {
    private func assertReads(_ text: String, _ direction: TargetReading.Direction, _ number: String, _ unit: String,
                             value: String? = nil, base: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let r = TargetReading.read(text)
        XCTAssertEqual(r.direction, direction, text, file: file, line: line)
        XCTAssertEqual(r.number, D(number), text, file: file, line: line)
        XCTAssertEqual(r.unit, unit, text, file: file, line: line)
        XCTAssertEqual(r.value, D(value ?? number), text, file: file, line: line)
        XCTAssertEqual(r.baseUnit, base ?? unit, text, file: file, line: line)
    }

    private func assertQualitative(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let r = TargetReading.read(text)
        XCTAssertEqual(r, .qualitative, "\(text) read as \(r)", file: file, line: line)
        XCTAssertFalse(r.isQuantitative, file: file, line: line)
    }

    func testTheIssuesExamples() {
        assertReads("≥2000人", .atLeast, "2000", "人")
        assertReads("≤329.47万元", .atMost, "329.47", "万元", value: "3294700", base: "元")
        assertReads("≥95%", .atLeast, "95", "%")
        assertReads("100%", .equal, "100", "%")
        assertReads("90人次", .equal, "90", "人次")
        assertReads("走访慰问老干部93人次", .equal, "93", "人次")
        assertQualitative("2024年12月底前")
        assertQualitative("持续增长")
        assertQualitative("长期")
    }

    func testSeed000Readings() {
        assertReads("≥20期", .atLeast, "20", "期")
        assertReads("19", .equal, "19", "")
        assertReads("≥80人次", .atLeast, "80", "人次")
        assertReads("≥17个乡镇", .atLeast, "17", "个乡镇")
        // Two numbers: which one was achieved is for a person to say.
        assertQualitative("配备完善17个乡镇“五小设施”和1093套干部周转房")
        assertReads("≥4000份", .atLeast, "4000", "份")
        assertReads("4300余次", .equal, "4300", "次")
        assertReads("≥100%", .atLeast, "100", "%")
        assertQualitative("不超过预算数")
        assertQualitative("长期发展")
        assertQualitative("节约资源、保护环境")
        assertQualitative("加强干部队伍素质提高，干部满意")
    }

    func testSeed002Readings() {
        assertReads("≥6次", .atLeast, "6", "次")
        assertReads("≤17万元", .atMost, "17", "万元", value: "170000", base: "元")
        assertReads("412.23万元", .equal, "412.23", "万元", value: "4122300", base: "元")
        assertReads("1万", .equal, "1", "万", value: "10000", base: "")
        assertQualitative("合规开展")
        assertQualitative("持续开展慈善一日捐活动，单位完成捐款1万元，干部完成捐款0.4万元。")
        assertQualitative("6次党员培训、“强执行、抓落实”微视频展播等活动取得了不错的影响，获得广大党员的一致好评。")
    }

    func testFullWidthAndOtherSpellings() {
        assertReads("≥２０００人", .atLeast, "2000", "人")
        assertReads("＞＝９５％", .atLeast, "95", "%")
        assertReads("≧95%", .atLeast, "95", "%")
        assertReads("≦5％", .atMost, "5", "%")
        assertReads("不低于 95%", .atLeast, "95", "%")
        assertReads("95%以上", .atLeast, "95", "%")
        assertReads("≥95%以上", .atLeast, "95", "%")
        assertReads("3个工作日以内", .atMost, "3", "个工作日")
        assertReads("24小时内", .atMost, "24", "小时")
        assertReads("满意度≥90%", .atLeast, "90", "%")
        assertReads("费用不超过17万元", .atMost, "17", "万元", value: "170000", base: "元")
        assertReads("2,000人", .equal, "2000", "人")
        assertReads("1.2万人", .equal, "1.2", "万人", value: "12000", base: "人")
        assertReads("=0起", .equal, "0", "起")
        assertReads("95%。", .equal, "95", "%")
    }

    func testWhatIsNotSafelyRead() {
        assertQualitative("")
        assertQualitative("第2季度")
        assertQualitative("增长10%")
        assertQualitative("较上年下降5%")
        assertQualitative("前3名")
        assertQualitative("12月底前")
        assertQualitative("2024年")
        assertQualitative("≤3日以上")          // contradicts itself
        assertQualitative("20,00人")           // not a thousands grouping
        assertQualitative("007号")
        assertQualitative("≥95%满意")          // % is a unit only alone
        assertQualitative("100%，全部完成")     // a clause after the unit
    }
}

import ArgumentParser
import JixiaoCore

/// `jixiao new --from LAST.json [FILE]`: next year's sheet started from this year's
/// (`NextYearSheet` says what carries over). Like every `new`, it never overwrites a file.
extension NewCommand {
    func startFrom(_ last: String, _ registry: TemplateRegistry, _ lang: Language) throws {
        if template != nil {
            complain(lang.pick("--from 与 --template 不能同时使用：新表沿用上年的表的模板", "--from and --template cannot be used together: the new sheet keeps the template of last year's"))
            throw ExitCode(2)
        }
        // Read as any sheet is: an older template version is read as the newest, which the new
        // sheet is then written in.
        let loaded = try loadOrExit(last, common, registry: registry)
        guard let year = self.year ?? loaded.session.year.map({ $0 + 1 }) else {
            complain(lang.pick("\(last): 这张表没有年度，请用 --year 给出新表的年度", "\(last): the sheet has no year; give the new sheet's with --year"))
            throw ExitCode(2)
        }
        guard (1949...2200).contains(year) else {
            complain(lang.pick("--year: 年度应在 1949 到 2200 之间", "--year: the year must be from 1949 to 2200"))
            throw ExitCode(2)
        }
        let t = loaded.template
        var kept = loaded.session
        if !unit.isEmpty { kept.unit = try Self.unitOption(unit, t, lang) }
        let file = self.file ?? Self.nextName(last, from: loaded.session.year, to: year)
        let refused = NextYearSheet.refusedTexts(in: kept, template: t)
        guard refused.isEmpty else {
            complain(lang.pick("\(last): 这些文字含有控制字符或双向文字控制符，不能带入新表，请先在上年的表中改正（未新建 \(file)）：",
                               "\(last): these texts hold control characters or bidi controls and cannot be carried into a new sheet; correct last year's first (\(file) not created):"))
            for p in refused { complain("  \(p.pointer): \(p.message(lang))") }
            throw ExitCode(2)
        }
        let s = NextYearSheet.make(from: kept, template: t, year: year)
        do {
            try SessionFile.save(s, t, to: file, exclusive: true)
        } catch {
            complain(error.render(lang))
            throw ExitCode(2)
        }
        say(lang.pick("已新建 \(file)（\(t.title(year: year))，模板 \(t.id) 第 \(t.version) 版），由 \(last) 延续\(carried(s, lang))；金额、完成值、得分和偏差原因已清空。用 jixiao \(file) 开始填写。",
                        "created \(file) (\(t.id) version \(t.version)) from \(last)\(carried(s, lang)); amounts, achieved values, scores and reasons are cleared. jixiao \(file) opens it."))
    }

    /// What came over from last year, for the message: "：21 个指标（…）、年度目标（草稿，请修改）".
    func carried(_ s: Session, _ lang: Language) -> String {
        var parts = [String]()
        if !s.indicators.isEmpty {
            parts.append(lang.pick("\(s.indicators.count) 个指标（一级、二级、三级、年度指标值、分值）", "\(s.indicators.count) indicators (tiers, targets, weights)"))
        }
        let rows = s.tables.values.reduce(0) { $0 + $1.count }
        if rows > 0 { parts.append(lang.pick("\(rows) 行表格（名称、编码等）", "\(rows) table rows (names, codes)")) }
        let plans = s.fields.keys.contains(where: NextYearSheet.plans.contains)
            || s.tables.values.contains { $0.contains { $0.keys.contains(where: NextYearSheet.plans.contains) } }
        if plans { parts.append(lang.pick("年度目标（草稿，请修改）", "the goals (a draft to rework)")) }
        guard !parts.isEmpty else { return "" }
        return lang.pick("：" + parts.joined(separator: "、"), ": " + parts.joined(separator: ", "))
    }

    /// The new sheet's name when none is given, beside the old one: its year replaced
    /// ("suining-2024.json" → "suining-2025.json"), or the new year added ("s.json" →
    /// "s-2025.json").
    static func nextName(_ last: String, from old: Int?, to new: Int) -> String {
        let folder = PathComponents.deletingLast(last)
        let base = PathComponents.last(last)
        var stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : base
        if let old, let r = stem.ranges(of: String(old)).last {
            stem.replaceSubrange(r, with: String(new))
        } else {
            stem += "-\(new)"
        }
        let name = stem + ".json"
        return folder.isEmpty ? name : PathComponents.appending(name, to: folder)
    }
}

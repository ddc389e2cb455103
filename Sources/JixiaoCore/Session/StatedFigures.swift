import FoundationEssentials

/// What a document states, kept beside the figures it states: a sheet transcribed from a
/// received or published report carries the report's own 执行率, 执行率得分, 总分 and 等级
/// (`/stated/total` …) and, in a summary table, each row's own rates
/// (`/tables/projects/19/stated/exec_rate`). They are never used in a computation; `validate`
/// compares each with the figure Jixiao computes, at the precision the report used.
///
/// In a table row they are stored under `stated/<column>`, so that a row moved or deleted
/// takes its stated figures with it; a column id never holds a "/".
public struct StatedField: Sendable {
    /// The key under /stated: exec_rate, exec_score, total, grade.
    public var key: String
    /// How a stated value is typed and checked (kind, label): percent, score or text.
    public var field: Field
}

public enum StatedFigures {
    /// Where a table row keeps what the report states of its computed column.
    public static let rowPrefix = "stated/"

    public static func rowKey(_ column: String) -> String { rowPrefix + column }

    /// A stated figure has as many decimals as the report printed: more than the sheet keeps.
    static let decimals = 8

    /// The figures this template's sheets can state at /stated, in order.
    public static func fields(_ t: Template) -> [StatedField] {
        var out = [StatedField]()
        func add(_ key: String, _ zh: String, _ en: String, _ kind: FieldKind) {
            out.append(StatedField(key: key, field: Field(id: key, label: "报告所列\(zh)", labelEn: "\(en) as stated", kind: kind,
                                                          unit: kind == .percent ? "%" : kind == .score ? "分" : "",
                                                          decimals: kind == .text ? 0 : decimals)))
        }
        if t.executionRate != nil {
            add("exec_rate", "执行率", "Execution rate", .percent)
            add("exec_score", "执行率得分", "Execution score", .score)
        }
        if t.total != nil {
            add("total", "总分", "Total", .score)
            add("grade", "等级", "Grade", .text)
        }
        return out
    }

    /// The computed columns of a table, which its rows can state: as a stated field each.
    public static func rowFields(_ tab: Table) -> [StatedField] {
        tab.columns.filter(\.isComputed).map { c in
            var f = c
            f.formula = nil
            f.label = "报告所列\(c.label)"
            f.labelEn = "\(c.labelEn.isEmpty ? c.id : c.labelEn) as stated"
            f.kind = c.kind == .grade ? .text : c.kind
            if f.kind.isNumeric { f.decimals = decimals }
            return StatedField(key: c.id, field: f)
        }
    }
}

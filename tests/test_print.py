"""`jixiao print`: the official form, as golden printouts of the four examples and of every
template's empty form (widths 80, 100 and 132; unicode and ascii borders; ambiguous narrow and
wide), every grid line exactly the width asked as wcwidth measures it (East-Asian-Ambiguous
characters as 1 or 2), seed 000's 附件1-2 with the seed's rows, labels and order, pages with
their footer, CSV and Markdown one flat table per part of the form.

Regenerate the golden files after an intended layout change with
    UPDATE_GOLDEN=1 make test-cli
and read the diff before committing it.
"""

import csv
import io
import os
import unicodedata

import pytest
from wcwidth import wcwidth

from conftest import EXAMPLES, EXAMPLE_NAMES, REPO, SUINING, YIYANG, ZIYUAN, run_jx

GOLDEN = REPO / "tests" / "golden" / "print"
WIDTHS = (80, 100, 132)
BORDERS = ("unicode", "ascii")
AMBIGUOUS = ("narrow", "wide")
GRID_EDGE = tuple("┌├└│+|")
TEMPLATE_IDS = sorted(p.stem for p in (REPO / "Templates").glob("*.json"))


def width_of(text, ambiguous):
    """Display width as wcwidth gives it; East-Asian-Ambiguous characters as 2 when wide."""
    total = 0
    for ch in text:
        w = wcwidth(ch)
        if w == 1 and ambiguous == "wide" and unicodedata.east_asian_width(ch) == "A":
            w = 2
        total += max(w, 0)
    return total


def is_grid_line(line):
    return line.lstrip(" ").startswith(GRID_EDGE)


@pytest.fixture(scope="module")
def empty_sheets(tmp_path_factory):
    """A new sheet of every template, nothing filled in: the blank form."""
    folder = tmp_path_factory.mktemp("empty")
    sheets = {}
    for tid in TEMPLATE_IDS:
        path = folder / f"{tid}.json"
        p = run_jx("new", "--template", tid, path)
        assert p.returncode == 0, p.stderr
        sheets[tid] = path
    return sheets


def golden_cases():
    for source in [("example", n) for n in EXAMPLE_NAMES] + [("empty", t) for t in TEMPLATE_IDS]:
        for width in WIDTHS:
            for border in BORDERS:
                for ambiguous in AMBIGUOUS:
                    yield source, width, border, ambiguous


def case_id(case):
    (kind, name), width, border, ambiguous = case
    return f"{kind}-{name.removesuffix('.json')}-w{width}-{border}-{ambiguous}"


GOLDEN_CASES = list(golden_cases())


@pytest.mark.parametrize("source,width,border,ambiguous", GOLDEN_CASES, ids=[case_id(c) for c in GOLDEN_CASES])
def test_golden_and_exact_width(jx, empty_sheets, source, width, border, ambiguous):
    kind, name = source
    sheet = EXAMPLES / name if kind == "example" else empty_sheets[name]
    p = jx("print", sheet, "--width", width, "--border", border, "--ambiguous", ambiguous)
    assert p.returncode == 0, p.stderr
    path = GOLDEN / (case_id((source, width, border, ambiguous)).removeprefix("example-") + ".txt")
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(p.stdout, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run UPDATE_GOLDEN=1"
    assert p.stdout == path.read_text(encoding="utf-8"), f"printout differs from {path}"
    lines = p.stdout.split("\n")
    grid = [line for line in lines if is_grid_line(line)]
    assert grid
    for line in grid:
        assert width_of(line, ambiguous) == width, f"{width_of(line, ambiguous)} ≠ {width}: {line}"
    for line in lines:
        assert width_of(line, ambiguous) <= width, f"{width_of(line, ambiguous)} > {width}: {line}"
    if border == "ascii":
        assert not any(ch in p.stdout for ch in "─│┌┐└┘├┤┬┴┼")


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("width", (40, 64, 200))
@pytest.mark.parametrize("border", BORDERS)
def test_every_grid_line_has_the_width_at_other_widths(jx, name, width, border):
    p = jx("print", EXAMPLES / name, "--width", width, "--border", border)
    assert p.returncode == 0, p.stderr
    grid = [line for line in p.stdout.split("\n") if is_grid_line(line)]
    assert grid
    for line in p.stdout.split("\n"):
        assert width_of(line, "narrow") <= width, line
    assert {width_of(line, "narrow") for line in grid} == {width}


# MARK: seed 000, 附件1-2

def cells(text):
    """The cells of the grids of a text printout, in reading order (by the line they start
    on, then from the left), each its text with its lines joined. A cell is a span between
    two vertical borders that goes on down the lines until a rule crosses it."""
    out, open_cells = [], {}
    for n, line in enumerate(text.split("\n")):
        if not is_grid_line(line):
            for c in open_cells.values():
                out.append(c)
            open_cells = {}
            continue
        bars = [i for i, ch in enumerate(line) if ch in "│|┼├┤┬┴┌┐└┘+"]
        still = {}
        for a, b in zip(bars, bars[1:]):
            segment = line[a + 1:b]
            ruled = segment and set(segment) <= set("─-")
            # Where a border stands, in columns: a Chinese character is one index and two columns.
            key = (width_of(line[:a], "narrow"), width_of(line[:b], "narrow"))
            if ruled:
                continue
            cell = open_cells.pop(key, None) or {"line": n, "x": key[0], "parts": []}
            if segment.strip():
                cell["parts"].append(segment.strip())
            still[key] = cell
        for c in open_cells.values():
            out.append(c)
        open_cells = still
    out += open_cells.values()
    out.sort(key=lambda c: (c["line"], c["x"]))
    return ["".join(c["parts"]) for c in out if c["parts"]]


# The labels of seed 000's 附件1-2, in the seed's order (its text, with the line breaks the
# Word table put inside cells taken out); the figures are checked on their own.
SEED_000_LABELS = [
    "单位名称", "中共绥宁县委组织部",
    "年度预算申请（万元）", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分",
    "年度资金总额",
    "按收入性质分：", "按支出性质分：",
    "其中：一般公共预算：", "其中：基本支出：",
    "政府性基金拨款：", "项目支出：",
    "纳入专户管理的非税收入拨款：",
    "其他资金：",
    "年度总体目标", "年初目标设定", "全年实际完成情况",
    "绩效指标（90分）", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
    "产出指标（50分）", "数量指标", "干部教育培训、党员教育培训", "培训人次", "干部选配人批次", "人才引进人数",
    "打造乡镇干部“安心工程”", "走访慰问老干部人次", "干部档案清理",
    "质量指标", "党员干部参与率", "引进紧缺人才增长率",
    "时效指标", "完成及时率", "完成工作时间",
    "成本指标", "所用费用使用额度",
    "效益指标（30分）", "经济效益指标", "抓实村级集体经济发展", "引进人才，发展绥宁经济",
    "社会效益指标", "组织工作宣传覆盖率", "生态效益指标", "促乡村振兴，助美丽乡村建设",
    "可持续影响指标", "持续推进政治建部、从严治部，努力建设让县委放心、让党员干部人才信赖、让广大群众满意的模范部门。",
    "满意度指标（10分）", "服务对象满意度指标", "全县各单位干部满意度", "基层组织，村干部满意度", "老干部满意度", "党员满意度",
    "总分",
]


def test_seed_000_prints_as_its_annex_1_2(jx):
    out = jx("print", EXAMPLES / SUINING, "--width", 132).stdout
    annex = out[out.index("附件1-2"):]
    found = cells(annex)
    # Every label of the seed's sheet, in the seed's order.
    at = 0
    for label in SEED_000_LABELS:
        assert label in found[at:], f"“{label}” missing or out of order after “{found[at - 1] if at else ''}”"
        at = found.index(label, at) + 1
    lines = annex.split("\n")
    # The fund block's headings on one line, and its figures on the next row.
    header = next(line for line in lines if "年初预算数" in line)
    for label in ("年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"):
        assert label in header, (label, header)
    assert header.index("年初预算数") < header.index("全年预算数(A)") < header.index("全年执行数(B)") < header.index("执行率(B/A)")
    figures = next(line for line in lines if "年度资金总额" in line).split("│")
    assert [f.strip() for f in figures if f.strip()][1:] == ["1541.21", "5577.04", "5576.04", "10", "99.98%", "10.00"]
    # The 总分 row: 100 under 分值, 91.00 under 得分.
    total = [f.strip() for f in next(line for line in lines if "总分" in line).split("│") if f.strip()]
    assert total[:3] == ["总分", "100", "91.00"], total
    # The indicator rows in the seed's order with their 分值 and 得分.
    assert found.count("≥95%") >= 2
    assert "说明：1.分值设定100分" in annex


def test_numbers_and_codes_are_never_cut(jx):
    p = jx("print", EXAMPLES / ZIYUAN, "--width", 132)
    assert "450329210000000104678" in p.stdout
    assert "8310966.87" in p.stdout and "2915100.00" in p.stdout
    assert "2660149.17" in p.stdout and "7410966.87" in p.stdout


def test_footer_lines_print_under_the_grids(jx):
    out = jx("print", EXAMPLES / YIYANG).stdout
    # Seed 002 prints its 填表人 line under both of its sheets.
    assert out.count("填表人：________　　填报日期：________　　联系电话：________　　单位负责人签字：________") == 2
    assert out.index("附件2") > out.index("附件1")
    lines = out.split("\n")
    last_grid = max(i for i, line in enumerate(lines) if is_grid_line(line))
    footer = max(i for i, line in enumerate(lines) if line.startswith("填表人"))
    assert footer == last_grid + 1
    assert "单位负责人签字：________" in lines[footer]


def test_problems_follow_a_draft_and_strict_refuses(jx):
    out = jx("print", EXAMPLES / YIYANG)
    assert out.returncode == 0
    assert "问题清单（1 个错误，2 个警告）" in out.stdout
    assert "/fields/fund_executed" in out.stdout
    assert "/indicators/7/score" in out.stdout  # 4.9 against a suggested 3.74
    p = jx("print", "--strict", EXAMPLES / YIYANG)
    assert p.returncode == 1 and p.stdout == ""
    assert "--strict" in p.stderr
    assert jx("print", "--strict", EXAMPLES / SUINING).returncode == 0


def test_pages_have_footer_form_feed_and_repeated_headers(jx):
    p = jx("print", EXAMPLES / ZIYUAN, "--width", 132, "--page-length", 50)
    pages = p.stdout.split("\f")
    assert len(pages) > 3
    for n, page in enumerate(pages, 1):
        lines = page.strip("\n").split("\n") if n > 1 else page.rstrip("\n").split("\n")
        assert len(page.rstrip("\n").lstrip("\n").split("\n")) <= 50
        assert lines[-1].strip() == f"第 {n} 页 / 共 {len(pages)} 页"
    continued = [pg for pg in pages if "2022年度项目自评汇总表（续）" in pg]
    assert continued, "the project grid should continue on a later page with its title marked 续"
    for pg in continued:
        assert "项目编码" in pg  # the header row is repeated
    # The department's sheet starts a page of its own.
    assert any(pg.strip("\n").split("\n")[0].strip() == "2022年度部门预算绩效自评结果" for pg in pages)
    en = jx("print", EXAMPLES / ZIYUAN, "--page-length", 50, "--lang", "en").stdout
    assert "Page 1 of" in en


def test_output_file_is_written_atomically(jx, tmp_path):
    out = tmp_path / "s.txt"
    p = jx("print", EXAMPLES / SUINING, "--output", out)
    assert p.returncode == 0 and p.stdout == ""
    assert out.read_text(encoding="utf-8") == jx("print", EXAMPLES / SUINING).stdout
    assert [f.name for f in tmp_path.iterdir()] == ["s.txt"]
    bad = jx("print", EXAMPLES / SUINING, "--output", tmp_path / "missing" / "s.txt")
    assert bad.returncode == 2 and "文件或文件夹不存在" in bad.stderr


def test_csv_is_one_table_per_part_of_the_form(jx):
    p = jx("print", EXAMPLES / SUINING, "--format", "csv")
    assert p.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(p.stdout.lstrip("\ufeff"))))
    assert rows[0][:2] == ["表", "部分"]
    assert {r[0] for r in rows[1:]} == {"附件1-1 基础数据表", "附件1-2 自评表", "问题清单（0 个错误，7 个警告）"}
    indicators = [r for r in rows if r[1] == "绩效指标（90分）" and r[2] != "一级指标"]
    assert len(indicators) == 21
    assert all(r[2].startswith(("产出指标", "效益指标", "满意度指标")) for r in indicators)
    assert ["附件1-2 自评表", "", "总分", "100", "91.00", "等级：优秀"] in rows


def test_markdown_tables(jx):
    md = jx("print", EXAMPLES / ZIYUAN, "--format", "markdown").stdout
    assert md.startswith("# 2022年度项目自评汇总表")
    assert "## 附件 2022年度项目自评汇总表" in md
    assert "## 2022年度部门预算绩效自评结果" in md
    assert " ---: |" in md
    assert "| 40 | 450329220310600100001 |" in md


@pytest.mark.parametrize("args", (["--width", "20"], ["--page-length", "5"], ["--border", "double"], ["--format", "pdf"],
                                  ["--ambiguous", "half"]))
def test_bad_options_are_usage_errors(jx, args):
    p = jx("print", EXAMPLES / SUINING, *args)
    assert p.returncode == 2

"""`jixiao print --format xlsx`: each example's workbook read back with openpyxl (Debian's
python3-openpyxl): the sheet names, merged ranges, number formats, page setup, and every figure
equal to what `jixiao get` gives; text that would run as a formula neutralised; the file
written atomically, through a private folder that is gone afterwards."""

import json
import shutil
import subprocess
from decimal import Decimal

import pytest

openpyxl = pytest.importorskip("openpyxl")

from conftest import BIN, EXAMPLES, EXAMPLE_NAMES, LIANJIANG, SUINING, YIYANG, ZIYUAN, _env, copy_example, load_example, write_json

SHEETS = {
    SUINING: ["附件1-1 基础数据表", "附件1-2 自评表", "问题清单"],
    YIYANG: ["附件1 基础数据表", "附件2 自评表", "问题清单"],
    LIANJIANG: ["整体绩效自评报告数据", "问题清单"],
    ZIYUAN: ["项目自评汇总表", "部门整体自评结果", "问题清单"],
}


def workbook(jx, tmp_path, sheet, name="out.xlsx"):
    out = tmp_path / name
    p = jx("print", sheet, "--format", "xlsx", "--output", out)
    assert p.returncode == 0, p.stderr
    assert p.stdout == ""
    return openpyxl.load_workbook(out)


def figures(value, path=""):
    """Every number in a `jixiao get --json` value, with its pointer."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from figures(v, f"{path}/{k}")
    elif isinstance(value, list):
        for k, v in enumerate(value):
            yield from figures(v, f"{path}/{k}")
    elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        yield path, Decimal(str(value))


def get_json(jx, sheet, pointer):
    p = jx("get", sheet, pointer, "--json")
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout, parse_float=Decimal, parse_int=Decimal)


def number_cells(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    yield ws.title, c


def exact(v):
    """A spreadsheet number as the decimal it stands for (the shortest text that reads back
    as the same double, which is the decimal it was written from)."""
    return Decimal(repr(v)).normalize()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_figure_equals_jixiao_get(jx, tmp_path, name):
    sheet = EXAMPLES / name
    wb = workbook(jx, tmp_path, sheet)
    assert wb.sheetnames == SHEETS[name]
    # What get gives: typed figures and computed ones, as the exact decimals they are. (The
    # indicator subtotals, per 一级 and over all, are not on the printed forms; 总分 is.)
    typed = {p: v for p, v in figures(get_json(jx, sheet, "/fields"), "/fields")}
    typed.update(figures(get_json(jx, sheet, "/tables"), "/tables"))
    if "indicators" in load_example(name):
        typed.update(figures(get_json(jx, sheet, "/indicators"), "/indicators"))
    computed = {p: v for p, v in figures(get_json(jx, sheet, "/computed"), "/computed") if not p.startswith("/computed/indicators")}
    known = {v.normalize() for v in list(typed.values()) + list(computed.values())}
    cells = list(number_cells(wb))
    assert cells
    rows = max(len(v) for v in get_json(jx, sheet, "/tables").values()) if get_json(jx, sheet, "/tables") else 0
    for title, c in cells:
        v = exact(c.value)
        # Besides the sheet's figures: the weights the template sets (10, 100) and 序号.
        assert v in known or v in (Decimal(10), Decimal(100)) or (v == v.to_integral() and 1 <= v <= max(rows, 1)), \
            f"{title}!{c.coordinate} = {c.value!r} is no figure of the sheet"
    shown = {exact(c.value) for _, c in cells}
    for p, v in computed.items():
        assert v.normalize() in shown, f"{p} = {v} is not in the workbook"


def test_seed_000_figures_stand_where_the_form_has_them(jx, tmp_path):
    wb = workbook(jx, tmp_path, EXAMPLES / SUINING)
    ws = wb["附件1-2 自评表"]
    row = next(r for r in ws.iter_rows() if r[1].value == "年度资金总额")
    assert [c.value for c in row[3:9]] == [1541.21, 5577.04, 5576.04, 10, 99.98, 10]
    assert [c.number_format for c in row[3:9]] == ["#,##0.00", "#,##0.00", "#,##0.00", "0", '0.00"%"', "0.00"]
    header = next(r for r in ws.iter_rows() if r[3].value == "年初预算数")
    assert [c.value for c in header[3:9]] == ["年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"]
    assert all(c.font.b for c in header[3:9])
    total = next(r for r in ws.iter_rows() if r[0].value == "总分")
    assert [total[6].value, total[7].value, total[8].value] == [100, 91, "等级：优秀"]
    assert total[7].number_format == "0.00"
    merged = {str(r) for r in ws.merged_cells.ranges}
    n = header[0].row
    # 年度预算申请（万元） down its seven rows; 总分 across six columns; the title across all nine.
    assert f"A{n}:A{n + 6}" in merged
    assert f"A{total[0].row}:F{total[0].row}" in merged
    assert "A2:I2" in merged and ws["A2"].value == "2024年度部门整体支出绩效自评表"
    assert ws["A1"].value == "附件1-2"
    # 产出指标（50分） spans its twelve indicator rows.
    tier = next(c for r in ws.iter_rows() for c in r if c.value == "产出指标（50分）")
    assert f"B{tier.row}:B{tier.row + 11}" in merged
    # Every cell of the grid has a thin border; headings are bold; text wraps.
    assert ws[f"B{n}"].border.left.style == "thin" and ws[f"I{total[0].row}"].border.bottom.style == "thin"
    assert ws[f"A{n}"].alignment.wrap_text
    # Page setup: A4 landscape, one page wide, the indicator header row on every page.
    assert ws.page_setup.paperSize in (9, "9") and ws.page_setup.orientation == "landscape"
    # One page wide (1 is the default, which the file leaves out), as many long as it takes.
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1, "1") and ws.page_setup.fitToHeight in (0, "0")
    heading = next(r for r in ws.iter_rows() if r[1].value == "一级指标")[0].row
    assert ws.print_title_rows == f"${heading}:${heading}"
    assert ws.print_area and ws.print_area[0].startswith("$A$1:$I$")
    assert ws.column_dimensions["D"].width > 8
    basic = wb["附件1-1 基础数据表"]
    assert basic.page_setup.orientation == "portrait"
    assert basic["A1"].value == "附件1-1" and basic["A2"].value == "2024年度部门整体支出绩效评价基础数据表"


def test_project_summary_freezes_its_header_and_keeps_codes_as_text(jx, tmp_path):
    wb = workbook(jx, tmp_path, EXAMPLES / ZIYUAN)
    ws = wb["项目自评汇总表"]
    header = next(r for r in ws.iter_rows() if r[0].value == "序号")
    assert ws.freeze_panes == f"D{header[0].row + 1}"
    assert ws.print_title_rows == f"${header[0].row}:${header[0].row}"
    first = ws[header[0].row + 1]
    assert first[0].value == 1 and first[1].value == "450329210000000104678" and first[1].data_type == "s"
    total = next(r for r in ws.iter_rows() if r[0].value == "合计")
    assert [c.value for c in total[4:7]] == [2915100, 8310966.87, 2660149.17]
    assert f"A{total[0].row}:D{total[0].row}" in {str(r) for r in ws.merged_cells.ranges}
    rate = ws.cell(row=header[0].row + 4, column=8)  # 关心下一代工作委员会经费: 9473 / 20000
    assert rate.value == 47.37 and rate.number_format == "0.00"
    assert ws.page_setup.orientation == "landscape"
    dept = wb["部门整体自评结果"]
    values = {c.value for r in dept.iter_rows() for c in r}
    assert {54.74, 5.47, 95.47, "一等"} <= values


def test_text_that_would_run_as_a_formula_is_neutralised(jx, tmp_path):
    doc = load_example(ZIYUAN)
    doc["tables"]["projects"][0]["name"] = "=HYPERLINK(\"http://x\",\"点我\")"
    doc["tables"]["projects"][1]["remark"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    doc["tables"]["projects"][2]["remark"] = "-5"
    sheet = write_json(tmp_path / "f.json", doc)
    wb = workbook(jx, tmp_path, sheet)
    values = [c.value for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.value is not None]
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in values
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in values and "'-5" in values
    for ws in wb.worksheets:
        for r in ws.iter_rows():
            for c in r:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula"
                assert not (isinstance(c.value, str) and c.value[:1] in "=+@-"), f"{ws.title}!{c.coordinate}: {c.value}"


def test_written_atomically_through_a_private_folder_left_empty(jx, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    env = dict(_env(), TMPDIR=str(tmp))
    p = subprocess.run([BIN, "print", EXAMPLES / SUINING, "--format", "xlsx", "--output", out_dir / "s.xlsx"],
                       capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    assert [f.name for f in out_dir.iterdir()] == ["s.xlsx"]
    assert list(tmp.iterdir()) == [], "the private folder is removed"
    assert (out_dir / "s.xlsx").read_bytes()[:2] == b"PK"
    # A temporary folder that cannot be made is said, and nothing is written.
    env["TMPDIR"] = str(tmp_path / "missing")
    p = subprocess.run([BIN, "print", EXAMPLES / SUINING, "--format", "xlsx", "--output", out_dir / "t.xlsx"],
                       capture_output=True, text=True, env=env)
    assert p.returncode == 2 and "临时文件夹" in p.stderr
    assert not (out_dir / "t.xlsx").exists()


def test_refuses_without_output_and_never_over_a_sheet(jx, tmp_path):
    p = jx("print", EXAMPLES / SUINING, "--format", "xlsx")
    assert p.returncode == 2 and "--output" in p.stderr
    sheet = copy_example(tmp_path, SUINING)
    before = sheet.read_bytes()
    p = jx("print", EXAMPLES / YIYANG, "--format", "xlsx", "--output", sheet)
    assert p.returncode == 2
    assert sheet.read_bytes() == before


def test_every_empty_form_makes_a_workbook(jx, tmp_path):
    for tid in sorted(p.stem for p in (EXAMPLES.parent).glob("*.json")):
        sheet = tmp_path / f"{tid}.json"
        assert jx("new", "--template", tid, sheet).returncode == 0
        wb = workbook(jx, tmp_path, sheet, f"{tid}.xlsx")
        assert wb.sheetnames[-1] == "问题清单"
        for ws in wb.worksheets[:-1]:
            assert ws.merged_cells.ranges, f"{tid} {ws.title}"
            assert ws.print_area


@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_libxlsxwriter_is_loaded_only_to_write_a_workbook():
    """Linked at start, it would map libcrypto and minizip into every command."""
    p = subprocess.run(["ldd", BIN], capture_output=True, text=True)
    assert "libxlsxwriter" not in p.stdout and "libcrypto" not in p.stdout, p.stdout

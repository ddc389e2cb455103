"""`jixiao print`: golden printouts of the four examples, and the layout promises that hold for
any sheet: every table line has the same display width, none exceeds --width, pages have
their footer, CSV and Markdown are well formed.

Regenerate the golden files after an intended layout change with
    UPDATE_GOLDEN=1 make test-cli
and read the diff before committing it.
"""

import csv
import io
import os

import pytest
from wcwidth import wcswidth

from conftest import EXAMPLES, EXAMPLE_NAMES, REPO, SUINING, YIYANG, ZIYUAN, copy_example

GOLDEN = REPO / "tests" / "golden" / "print"
WIDTHS = (80, 100, 132)
BORDERS = ("unicode", "ascii")
TABLE_EDGE = tuple("┌├└│+|")


def golden_cases():
    for name in EXAMPLE_NAMES:
        for width in WIDTHS:
            for border in BORDERS:
                yield name, width, border


@pytest.mark.parametrize("name,width,border", list(golden_cases()))
def test_golden(jx, name, width, border):
    p = jx("print", EXAMPLES / name, "--width", width, "--border", border)
    assert p.returncode == 0, p.stderr
    path = GOLDEN / f"{name[:-5]}-w{width}-{border}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(p.stdout, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run UPDATE_GOLDEN=1"
    assert p.stdout == path.read_text(encoding="utf-8"), f"printout differs from {path}"


def tables(text):
    """Runs of consecutive lines that belong to a table (start with a border character)."""
    runs, cur = [], []
    for line in text.split("\n"):
        if line.startswith(TABLE_EDGE):
            cur.append(line)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("width", (40, 64, 80, 100, 132, 200))
@pytest.mark.parametrize("border", BORDERS)
def test_every_table_line_has_the_same_width(jx, name, width, border):
    p = jx("print", EXAMPLES / name, "--width", width, "--border", border)
    assert p.returncode == 0, p.stderr
    for line in p.stdout.split("\n"):
        assert wcswidth(line) <= width, f"{wcswidth(line)} > {width}: {line}"
    runs = tables(p.stdout)
    assert runs
    for run in runs:
        widths = {wcswidth(l) for l in run}
        assert widths == {width}, f"table lines of widths {widths}: {run[:3]}"
    if border == "ascii":
        assert not any(ch in p.stdout for ch in "─│┌┐└┘├┤┬┴┼")


def test_numbers_and_codes_are_never_cut(jx):
    p = jx("print", EXAMPLES / ZIYUAN, "--width", 132)
    assert "450329210000000104678" in p.stdout
    assert "7410966.87" in p.stdout and "8310966.87" in p.stdout
    assert "2660149.17" in p.stdout


def test_suining_shows_total_grade_and_subtotals(jx):
    out = jx("print", EXAMPLES / SUINING).stdout
    assert "2024年度部门整体支出绩效自评表" in out.split("\n")[0]
    assert "中共绥宁县委组织部" in out
    assert "91.00" in out and "优秀" in out
    assert out.count("小计") == 3
    assert "50.00" in out and "46.00" in out


def test_footer_fields_print_at_the_foot(jx):
    out = jx("print", EXAMPLES / YIYANG).stdout
    foot = out[out.index("单位负责人签字") - 200:]
    assert "填表人" in foot and "填报日期" in foot and "联系电话" in foot
    assert out.index("填表人") > out.index("【结果】")


def test_problems_follow_a_draft_and_strict_refuses(jx, tmp_path):
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
    continued = [pg for pg in pages if "项目自评汇总表（元）（续）" in pg]
    assert continued, "the project table should continue on a later page with its title marked 续"
    for pg in continued:
        assert "项目编码" in pg  # the header row is repeated
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


def test_csv_is_one_table_after_another(jx):
    p = jx("print", EXAMPLES / SUINING, "--format", "csv")
    assert p.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(p.stdout.lstrip("\ufeff"))))
    headers = [r for r in rows if r[:2] == ["栏目", "表"]]
    assert len(headers) >= 8
    indicator_rows = [r for r in rows if r[1] == "三级绩效指标" and r[4] not in ("", "小计")]
    assert len(indicator_rows) == 21
    assert all(r[2].startswith(("产出指标", "效益指标", "满意度指标")) for r in indicator_rows)


def test_markdown_tables(jx):
    md = jx("print", EXAMPLES / ZIYUAN, "--format", "markdown").stdout
    assert md.startswith("# 2022年度项目自评汇总表")
    assert "## 项目自评汇总表" in md
    assert "| ---: |" in md.replace("|---:|", "| ---: |") or " ---: |" in md
    assert "| 40 | 450329220310600100001 |" in md


@pytest.mark.parametrize("args", (["--width", "20"], ["--page-length", "5"], ["--border", "double"], ["--format", "pdf"]))
def test_bad_options_are_usage_errors(jx, args):
    p = jx("print", EXAMPLES / SUINING, *args)
    assert p.returncode == 2

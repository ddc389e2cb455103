"""`jixiao summary`: the 项目自评汇总表 of many sheets (issue 15), through the binary.

Seed 004's 40 projects are written as 40 national-project sheets (tests/seed004.py) and
summarised back: its rows, its 执行数 合计 2660149.17, the money totals its rows really add up
to (年初 2915100, 调整后 8310966.87, where the seed prints 2105100 and 7410966.87), and its
grades (一等 27, 二等 13).
"""

import csv
import io
import json
import os
import shutil
from decimal import Decimal, ROUND_HALF_UP

import pytest
from wcwidth import wcswidth

import seed004
from conftest import EXAMPLES, snapshot

SECTION = "项目自评汇总表"


def table(stdout):
    """The summary table of `--format csv`: its header and its rows, as dicts."""
    assert stdout.startswith("\ufeff"), "CSV for Excel starts with a BOM"
    lines = list(csv.reader(io.StringIO(stdout[1:])))
    # Each line: the sheet, the part of its grid, then the cells (the form's flat CSV).
    head = next(l for l in lines if l[1] == SECTION and l[2] == "序号")
    header = head[2:]
    return [dict(zip(header, l[2:])) for l in lines if l[1] == SECTION and len(l) > 3 and l is not head]


def paragraphs(stdout):
    """The lines above and below the grid (a sheet's name, no part, one text)."""
    return [l[2] for l in csv.reader(io.StringIO(stdout[1:])) if len(l) == 3 and l[1] == "" and l[0] != "表"]


def fen(d):
    return str(Decimal(d).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@pytest.fixture
def sheets(tmp_path):
    folder = tmp_path / "sheets"
    seed004.split(folder)
    return folder


def test_seed_004_comes_back_from_its_sheets_and_a_damaged_one_stops_nothing(jx, sheets):
    damaged = sheets / "41-damaged.json"
    damaged.write_text('{"template": {"id": "national-project", "version": 1}, "unit": "x", "fields": {', encoding="utf-8")
    p = jx("summary", sheets, "--format", "csv")
    assert p.returncode == 1, p.stderr
    assert "41-damaged.json" in p.stderr and "1 张表无法读取" in p.stderr
    rows = table(p.stdout)
    total = rows.pop()
    assert len(rows) == 40
    for n, (row, seed) in enumerate(zip(rows, seed004.seed_rows()), 1):
        assert row["序号"] == str(n)
        assert (row["项目编码"], row["项目名称"], row["预算单位"]) == (seed["code"], seed["name"], seed["budget_unit"])
        assert (row["年初预算数"], row["调整后预算数"], row["全年执行数"]) == (fen(seed["initial"]), fen(seed["adjusted"]), fen(seed["executed"]))
        rate = "—" if seed["adjusted"] == 0 else fen(seed["executed"] / seed["adjusted"] * 100)
        assert row["预算执行率（%）"] == rate
        assert row["自评得分"] == fen(seed["score"])
        assert row["自评结论（等级）"] == ("一等" if seed["score"] >= 90 else "二等")
        # Each amount that needs more than a 万元 figure's 2 decimals is an error of its sheet.
        assert row["错误"] == str(seed004.excess_decimals(seed)), row
        assert row["警告"] == "0"
        assert row["文件"].endswith(f"{n:02d}-{seed['code']}.json")
    # The rates the seed itself prints, where it prints one.
    assert [rows[k]["预算执行率（%）"] for k in (3, 4, 7, 20, 29)] == ["47.37", "99.88", "70.20", "2.24", "98.91"]
    assert total["序号"] == "合计"
    assert (total["年初预算数"], total["调整后预算数"], total["全年执行数"]) == ("2915100.00", "8310966.87", "2660149.17")
    assert total["预算执行率（%）"] == "32.01"  # Σ执行数 / Σ调整后预算数, not a mean of rates
    counts = paragraphs(p.stdout)
    assert any("40 张表，平均分 91.66；一等 27 个，二等 13 个，三等 0 个，四等 0 个" in c for c in counts), counts
    assert any("41-damaged.json" in c for c in counts), "the unreadable sheet is listed in the summary too"


def test_reasons_where_the_summary_asks_for_them(jx, sheets):
    rows = table(jx("summary", sheets, "--format", "csv").stdout)
    # Adjusted by 30% or more (rows 5, 16, 17, 33): the sheet's 偏差原因, where it has any.
    assert rows[4]["财政拨款预算调整率（%）"] == "-42.86" and rows[4]["主要原因分析"] == ""
    assert rows[15]["主要原因分析"].startswith("资源县第一书记办工作专项经费指标1：第1项未全部完成")
    assert all(r["主要原因分析"] == "" for k, r in enumerate(rows[:-1]) if k not in (4, 15, 16, 32))


def test_text_fits_its_width_and_english(jx, sheets):
    for width in ("160", "100"):
        p = jx("summary", sheets, "--width", width, "--border", "ascii")
        assert p.returncode == 0, p.stderr
        lines = p.stdout.splitlines()
        assert max(wcswidth(l) for l in lines) <= int(width)
        assert "2022年度项目自评汇总表" in lines[0]
    p = jx("summary", sheets, "--lang", "en", "--format", "markdown")
    assert "# 2022 summary of project self\\-evaluations" in p.stdout or "summary of project self" in p.stdout
    assert "First class 27, Second class 13" in p.stdout
    assert "| 合计 |" not in p.stdout and "**Total**" in p.stdout


def test_group_sort_and_filter(jx, sheets):
    for name in ("suining-2024.json", "yiyang-2024.json"):
        shutil.copy(EXAMPLES / name, sheets / name)
    p = jx("summary", sheets, "--group-by", "主管部门", "--format", "csv")
    assert p.returncode == 0, p.stderr
    rows = table(p.stdout)
    subtotals = [r for r in rows if r["序号"] == "小计"]
    assert [r["项目名称"] for r in subtotals] == ["中共资源县委员会组织部", "中共绥宁县委组织部", "中共益阳市直属机关工作委员会"]
    assert subtotals[0]["全年执行数"] == "2660149.17"
    total = rows[-1]
    assert Decimal(total["全年执行数"]) == sum(Decimal(r["全年执行数"]) for r in subtotals)
    assert [r["序号"] for r in rows if r["序号"] not in ("小计", "合计")] == [str(n) for n in range(1, 43)]

    by_score = table(jx("summary", sheets, "--sort", "自评得分", "--descending", "--format", "csv").stdout)[:-1]
    scores = [Decimal(r["自评得分"]) for r in by_score]
    assert scores == sorted(scores, reverse=True) and scores[0] == 100
    second = table(jx("summary", sheets, "--filter", "二等", "--format", "csv").stdout)
    assert len(second) == 14 and second[-1]["序号"] == "合计"
    assert {r["自评结论（等级）"] for r in second[:-1]} == {"二等"}
    with_errors = table(jx("summary", sheets, "--filter", "有错误", "--format", "csv").stdout)[:-1]
    assert with_errors and all(r["错误"] != "0" for r in with_errors)
    assert len(with_errors) == sum(1 for r in seed004.seed_rows() if seed004.excess_decimals(r)) + 1  # yiyang: 432.24 ≠ 432.23
    for bad in (["--filter", "五等"], ["--sort", "颜色"], ["--group-by", "省份"], ["--width", "20"], ["--jobs", "0"]):
        p = jx("summary", sheets, *bad)
        assert p.returncode == 2, bad
        assert p.stdout == ""


def test_save_writes_a_sheet_the_tools_take(jx, sheets, tmp_path):
    saved = tmp_path / "汇总-2022.json"
    p = jx("summary", sheets, "--save", saved, "--format", "csv")
    assert p.returncode == 0, p.stderr
    assert "已另存汇总表" in p.stderr
    doc = json.loads(saved.read_text(encoding="utf-8"))
    assert doc["template"]["id"] == "guangxi-project-summary"
    assert (doc["unit"], doc["year"]) == ("中共资源县委员会组织部", 2022)
    assert len(doc["tables"]["projects"]) == 40
    assert jx("get", saved, "/computed/projects/total/executed").stdout.strip() == "2660149.17"
    assert jx("get", saved, "/computed/projects/total/adjusted").stdout.strip() == "8310966.87"
    assert jx("get", saved, "/computed/project_average").stdout.strip() == "91.66"
    v = json.loads(jx("validate", "--json", saved).stdout)[0]
    # What is left for the unit: its own budget, spending and indicator score; and row 5's reasons.
    assert sorted(x["pointer"] for x in v["problems"]) == ["/fields/dept_adjusted", "/fields/dept_executed", "/fields/dept_indicator_score",
                                                          "/fields/dept_initial", "/tables/projects/4/reason"]
    assert jx("print", saved, "--format", "markdown").returncode == 0
    # Never over an existing file, a sheet least of all.
    before = snapshot(saved)
    p = jx("summary", sheets, "--save", saved)
    assert p.returncode == 2 and "不会覆盖" in p.stderr
    assert snapshot(saved) == before
    # Said before anything is printed, not after the whole summary; a folder is named one.
    assert p.stdout == "", "the summary was printed and then not saved"
    p = jx("summary", sheets, "--save", tmp_path)
    assert p.returncode == 2 and p.stdout == "" and "这是一个文件夹" in p.stderr, p.stderr


def test_output_is_written_atomically_and_never_over_a_sheet(jx, sheets, tmp_path):
    out = tmp_path / "汇总.csv"
    p = jx("summary", sheets, "--format", "csv", "--output", out)
    assert p.returncode == 0 and p.stdout == ""
    assert table(out.read_text(encoding="utf-8"))[-1]["全年执行数"] == "2660149.17"
    one = sheets / "01-450329210000000104678.json"
    other = tmp_path / "other.json"
    shutil.copy(EXAMPLES / "suining-2024.json", other)
    for target in (one, other):
        before = snapshot(target)
        p = jx("summary", sheets, "--output", target)
        assert p.returncode == 2, target
        assert "不会用汇总结果覆盖" in p.stderr
        assert snapshot(target) == before


def test_folders_skip_side_files_and_links_out_of_the_tree(jx, sheets, tmp_path):
    # Our own side files beside a sheet, a link to a sheet outside, a link to a folder outside.
    (sheets / ".01-450329210000000104678.json.recovery.json").write_text("{not a sheet", encoding="utf-8")
    (sheets / ".01-450329210000000104678.json.lock").write_text("x", encoding="utf-8")
    (sheets / "01-450329210000000104678.json.bak").write_text("x", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(EXAMPLES / "suining-2024.json", outside / "s.json")
    os.symlink(outside / "s.json", sheets / "link.json")
    os.symlink(outside, sheets / "linked-folder")
    sub = sheets / "sub"
    sub.mkdir()
    shutil.copy(EXAMPLES / "yiyang-2024.json", sub / "yiyang.json")
    os.mkfifo(sub / "pipe.json")
    p = jx("summary", sheets, "--format", "csv", timeout=20)
    assert p.returncode == 1, p.stderr  # the FIFO: refused at once, never waited on
    rows = table(p.stdout)[:-1]
    assert len(rows) == 41 and rows[-1]["文件"].endswith("sub/yiyang.json")
    assert "pipe.json" in p.stderr and "link.json" in p.stderr and "linked-folder" in p.stderr
    assert not any("outside" in r["文件"] for r in rows)


def test_nothing_to_summarise(jx, tmp_path):
    p = jx("summary", tmp_path)
    assert p.returncode == 2 and "没有找到" in p.stderr
    # Nothing could be read: a failure to read (2), not a summary with sheets left out (1).
    p = jx("summary", tmp_path / "missing.json")
    assert p.returncode == 2 and "missing.json" in p.stderr and p.stdout == ""


def test_text_from_sheets_is_shown_not_obeyed(jx, sheets):
    first = sheets / "01-450329210000000104678.json"
    doc = json.loads(first.read_text(encoding="utf-8"))
    doc["fields"]["project_name"] = "岗责办\u001b]0;pwned\u0007经费"
    doc["unit"] = "=cmd|' /C calc'!A0"
    first.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for fmt in ("text", "csv", "markdown"):
        p = jx("summary", sheets, "--format", fmt)
        assert "\u001b" not in p.stdout and "\u0007" not in p.stdout
        assert "\\u001B" in p.stdout
    rows = table(jx("summary", sheets, "--format", "csv").stdout)
    assert rows[0]["预算单位"].startswith("'=")  # a spreadsheet shows it, and does not run it

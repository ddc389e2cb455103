"""`jixiao get`: stored and computed values, as text or JSON."""

import json

import pytest

from conftest import EXAMPLES, LIANJIANG, SUINING, YIYANG, ZIYUAN, copy_example, replace_once


@pytest.mark.parametrize("name,pointer,expected", [
    (SUINING, "/computed/total", "91.00"),
    (SUINING, "/computed/grade", "优秀"),
    (SUINING, "/fields/fund_annual", "5577.04"),
    (SUINING, "/computed/exec_rate", "99.98"),
    (SUINING, "/computed/staff_control_rate", "84.00"),
    (SUINING, "/computed/sangong/budget", "1.20"),
    (SUINING, "/fields/sangong/final", "1.2"),
    (SUINING, "/computed/indicators/score", "81.00"),
    (SUINING, "/unit", "中共绥宁县委组织部"),
    (SUINING, "/year", "2024"),
    (SUINING, "/indicators/0/name", "干部教育培训、党员教育培训"),
    (SUINING, "/fields/car/final", "—"),
    # Suggested 得分: seed 000 row 1 (≥20期, 19 achieved, 分值 4); 定性 rows print —.
    (SUINING, "/computed/indicators/rows/0/suggested_score", "3.80"),
    (SUINING, "/computed/indicators/rows/8/suggested_score", "—"),
    (YIYANG, "/computed/indicators/rows/7/suggested_score", "3.74"),
    (YIYANG, "/computed/buildings/rows/0/scale_rate", "—"),
    (YIYANG, "/computed/buildings/rows/0/investment_rate", "—"),
    (YIYANG, "/computed/total", "99.80"),
    (LIANJIANG, "/computed/income_change_rate", "207.93"),
    (LIANJIANG, "/computed/total", "—"),          # no 评分表 in seed 003
    (LIANJIANG, "/stated/total", "100"),
    (LIANJIANG, "/stated/grade", "优秀"),
    # A value derived, not printed in the seed, says so.
    (LIANJIANG, "/notes/~1fields~1income_prev",
     "原文未列出上年收入总计：由本年收入总计 5720.71 万元减去“较上年收入增加3862.90万元”推得（5720.71 − 3862.90 = 1857.81）"),
    (ZIYUAN, "/computed/projects/rows/3/exec_rate", "47.37"),
    (ZIYUAN, "/computed/projects/total/executed", "2660149.17"),
    (ZIYUAN, "/computed/dept_exec_score", "5.47"),
    (ZIYUAN, "/computed/total", "95.47"),
    (ZIYUAN, "/computed/grade", "一等"),
])
def test_get_values(jx, name, pointer, expected):
    p = jx("get", EXAMPLES / name, pointer)
    assert p.returncode == 0, p.stderr
    assert p.stdout == expected + "\n"


def test_get_json_scalar(jx):
    p = jx("get", "--json", EXAMPLES / SUINING, "/computed/total")
    assert p.returncode == 0
    assert p.stdout.strip() == "91.00"
    assert json.loads(p.stdout) == 91
    p = jx("get", "--json", EXAMPLES / SUINING, "/computed/grade")
    assert json.loads(p.stdout) == "优秀"
    p = jx("get", "--json", EXAMPLES / YIYANG, "/computed/buildings/rows/0/scale_rate")
    assert json.loads(p.stdout) is None


def test_get_json_object(jx):
    p = jx("get", "--json", EXAMPLES / SUINING, "/indicators/0")
    assert p.returncode == 0
    row = json.loads(p.stdout)
    assert row["name"] == "干部教育培训、党员教育培训"
    assert row["weight"] == 4 and row["score"] == 3
    p = jx("get", "--json", EXAMPLES / SUINING, "/computed")
    c = json.loads(p.stdout)
    assert c["total"] == 91 and c["grade"] == "优秀"


def test_get_object_without_json_flag_is_json(jx):
    p = jx("get", EXAMPLES / SUINING, "/indicators/0")
    assert p.returncode == 0
    assert json.loads(p.stdout)["score"] == 3


def test_get_whole_document_matches_file(jx):
    p = jx("get", "--json", EXAMPLES / SUINING, "")
    assert p.returncode == 0
    assert json.loads(p.stdout) == json.loads((EXAMPLES / SUINING).read_text(encoding="utf-8"))


@pytest.mark.parametrize("pointer", ["/nope", "/computed/nope", "/indicators/99", "/indicators/-",
                                     "/indicators/01", "/fields/fund_annual/x"])
def test_get_missing_pointer(jx, pointer):
    p = jx("get", EXAMPLES / SUINING, pointer)
    assert p.returncode == 2
    assert p.stdout == ""
    assert pointer in p.stderr


def test_get_invalid_pointer(jx):
    p = jx("get", EXAMPLES / SUINING, "computed/total")
    assert p.returncode == 2
    p = jx("get", EXAMPLES / SUINING, "/computed/~2")
    assert p.returncode == 2


def test_get_missing_file(jx, tmp_path):
    p = jx("get", tmp_path / "none.json", "/computed/total")
    assert p.returncode == 2


def test_get_recomputes_instead_of_reading_stored(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    replace_once(f, '"total": 91.00', '"total": 12.00')
    replace_once(f, '"exec_rate": 99.98', '"exec_rate": 1.00')
    assert jx("get", f, "/computed/total").stdout == "91.00\n"
    assert jx("get", f, "/computed/exec_rate").stdout == "99.98\n"


def test_get_half_up_rounding(jx):
    """9473 / 20000 = 0.47365 exactly → 47.37 (binary floating point would give 47.36)."""
    p = jx("get", "--json", EXAMPLES / ZIYUAN, "/computed/projects/rows/3")
    row = json.loads(p.stdout)
    assert p.stdout.count("47.37") >= 1
    assert json.dumps(row)  # parses

"""`jixiao set`: typed values, rows, all-or-none, no needless writes, atomic writes."""

import json
import os
import time

import pytest

from conftest import EXAMPLES, LIANJIANG, SUINING, YIYANG, ZIYUAN, copy_example, snapshot


def get(jx, f, pointer, *opts):
    p = jx("get", *opts, f, pointer)
    assert p.returncode == 0, p.stderr
    return p.stdout.rstrip("\n")


def doc(f):
    return json.loads(f.read_text(encoding="utf-8"))


def test_set_scalars(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    p = jx("set", f, "/unit=新的单位", "/year=2025", "/fields/staff_actual=43")
    assert p.returncode == 0, p.stderr
    assert get(jx, f, "/unit") == "新的单位"
    assert get(jx, f, "/year") == "2025"
    assert get(jx, f, "/fields/staff_actual") == "43"
    d = doc(f)
    assert d["fields"]["staff_actual"] == 43 and d["year"] == 2025
    # computed figures are refreshed on save: 43 of 50 staff
    assert '"staff_control_rate": 86.00' in f.read_text(encoding="utf-8")


def test_set_grid_cell(jx, tmp_path):
    f = tmp_path / "n.json"
    assert jx("new", "--template", "hunan-dept-overall", f).returncode == 0
    p = jx("set", f, "/fields/sangong/final=1.2")
    assert p.returncode == 0, p.stderr
    assert get(jx, f, "/fields/sangong/final") == "1.2"
    assert doc(f)["fields"]["sangong"]["final"] == 1.2
    g = copy_example(tmp_path, SUINING)
    assert jx("set", g, "/fields/sangong/final=1.25").returncode == 0
    assert get(jx, g, "/fields/sangong/final") == "1.25"


def test_set_grid_row_needs_column(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    before = snapshot(f)
    for a in ["/fields/sangong=1", "/fields/sangong/nope=1"]:
        p = jx("set", f, a)
        assert p.returncode == 2, a
        assert snapshot(f) == before


def test_append_indicator_rows(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    n = len(doc(f)["indicators"])
    row = {"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "weight": 4, "score": 4}
    p = jx("set", f, "/indicators/-=" + json.dumps(row, ensure_ascii=False))
    assert p.returncode == 0, p.stderr
    d = doc(f)
    assert len(d["indicators"]) == n + 1
    last = d["indicators"][-1]
    assert {k: last[k] for k in row} == row
    assert last["target"] == "" and last["deviation"] == ""
    assert json.loads(get(jx, f, f"/indicators/{n}", "--json"))["name"] == "培训人次"

    p = jx("set", f, "/indicators/-/name=新指标")
    assert p.returncode == 0, p.stderr
    d = doc(f)
    assert len(d["indicators"]) == n + 2
    assert d["indicators"][-1]["name"] == "新指标"
    assert get(jx, f, f"/indicators/{n + 1}/name") == "新指标"


def test_append_to_empty_indicators_then_fill(jx, tmp_path):
    f = tmp_path / "n.json"
    assert jx("new", "--template", "hunan-dept-overall", f).returncode == 0
    p = jx("set", f, "/indicators/-/name=甲", "/indicators/0/weight=10", "/indicators/0/score=８",
           "/indicators/0/level1=产出指标", "/indicators/0/level2=数量指标")
    assert p.returncode == 0, p.stderr
    (row,) = doc(f)["indicators"]
    assert row["name"] == "甲" and row["weight"] == 10 and row["score"] == 8


def test_delete_table_row(jx, tmp_path):
    f = copy_example(tmp_path, YIYANG)
    assert len(doc(f)["tables"]["buildings"]) == 1
    p = jx("set", f, "/tables/buildings/0=null")
    assert p.returncode == 0, p.stderr
    assert doc(f)["tables"]["buildings"] == []
    assert get(jx, f, "/computed/buildings/rows", "--json") == "[]"

    g = copy_example(tmp_path, ZIYUAN)
    rows = doc(g)["tables"]["projects"]
    p = jx("set", g, "/tables/projects/3=null")
    assert p.returncode == 0, p.stderr
    after = doc(g)["tables"]["projects"]
    assert len(after) == len(rows) - 1
    assert after[3] == rows[4] and after[:3] == rows[:3]


def test_delete_indicator_row(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    rows = doc(f)["indicators"]
    assert jx("set", f, "/indicators/0=null").returncode == 0
    assert doc(f)["indicators"] == rows[1:]


def test_delete_missing_row_refused(jx, tmp_path):
    f = copy_example(tmp_path, YIYANG)
    before = snapshot(f)
    for a in ["/tables/buildings/5=null", "/tables/buildings/-=null", "/tables/nosuch/0=null"]:
        p = jx("set", f, a)
        assert p.returncode == 2, a
        assert snapshot(f) == before


@pytest.mark.parametrize("typed", ["５５７７．０４", "5,577.04", "５，５７７．０４", " 5577.04 ", "5577.04万元"])
def test_typed_numbers_are_normalized(jx, tmp_path, typed):
    f = copy_example(tmp_path, SUINING)
    original = f.read_bytes()
    assert jx("set", f, "/fields/fund_annual=1234.5").returncode == 0
    assert get(jx, f, "/fields/fund_annual") == "1234.5"
    p = jx("set", f, f"/fields/fund_annual={typed}")
    assert p.returncode == 0, p.stderr
    assert get(jx, f, "/fields/fund_annual") == "5577.04"
    assert '"fund_annual": 5577.04,' in f.read_text(encoding="utf-8")
    # back to the example's value: byte for byte the example again
    assert f.read_bytes() == original


def test_full_width_count(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    assert jx("set", f, "/fields/staff_actual=４３").returncode == 0
    assert get(jx, f, "/fields/staff_actual") == "43"
    assert doc(f)["fields"]["staff_actual"] == 43


@pytest.mark.parametrize("bad", [
    "/fields/staff_actual=abc",
    "/fields/staff_actual=42.5",
    "/fields/fund_annual=1.234",
    "/fields/fund_annual=-5",
    "/fields/fund_annual=1e3",
    "/fields/fund_annual=55,77",
    "/fields/fund_annual=" + "9" * 40,
    "/year=1800",
    "/year=abc",
])
def test_bad_value_refused_file_unchanged(jx, tmp_path, bad):
    f = copy_example(tmp_path, SUINING)
    before = snapshot(f)
    p = jx("set", f, bad)
    assert p.returncode == 2, bad
    assert bad.split("=")[0] in p.stderr
    assert snapshot(f) == before
    assert sorted(x.name for x in tmp_path.iterdir()) == [SUINING]


def test_all_or_none(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    before = snapshot(f)
    p = jx("set", f, "/unit=改名", "/fields/staff_actual=43", "/fields/no_such_field=1", "/indicators/0/score=4")
    assert p.returncode == 2
    assert "/fields/no_such_field" in p.stderr
    assert "/fields/staff_actual" not in p.stderr
    assert snapshot(f) == before
    # the bad one last
    p = jx("set", f, "/unit=改名", "/fields/sangong/final=2", "/fields/staff_actual=abc")
    assert p.returncode == 2
    assert "/fields/staff_actual" in p.stderr
    assert snapshot(f) == before
    # the bad one first
    p = jx("set", f, "/indicators/99/score=1", "/unit=改名")
    assert p.returncode == 2
    assert "/indicators/99/score" in p.stderr
    assert snapshot(f) == before
    assert sorted(x.name for x in tmp_path.iterdir()) == [SUINING]


def test_assignments_apply_in_order(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    n = len(doc(f)["indicators"])
    p = jx("set", f, "/indicators/-/name=A", f"/indicators/{n}/score=1", "/indicators/-/name=B")
    assert p.returncode == 0, p.stderr
    rows = doc(f)["indicators"]
    assert [r["name"] for r in rows[n:]] == ["A", "B"]
    assert rows[n]["score"] == 1


@pytest.mark.parametrize("a", ["/computed/total=1", "/computed/grade=优秀", "/template/id=national-project",
                               "/template/version=2", "/nosuch=1", "/=1"])
def test_protected_locations_refused(jx, tmp_path, a):
    f = copy_example(tmp_path, SUINING)
    before = snapshot(f)
    p = jx("set", f, a)
    assert p.returncode == 2, a
    assert snapshot(f) == before


def test_usage_errors(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    before = snapshot(f)
    assert jx("set", f).returncode == 2                      # nothing to set
    assert jx("set", f, "fields/staff_actual=1").returncode == 2  # no leading /
    assert jx("set", f, "/fields/staff_actual").returncode == 2   # no =
    assert jx("set", f, "/indicators/-={not json}").returncode == 2
    assert jx("set", f, '/indicators/-={"bogus": 1}').returncode == 2
    assert jx("set", f, '/indicators/-=[1, 2]').returncode == 2
    assert jx("set", tmp_path / "missing.json", "/unit=x").returncode == 2
    assert not (tmp_path / "missing.json").exists()
    assert snapshot(f) == before


def test_unchanged_content_not_rewritten(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    old_ns = 1_000_000_000_000_000_000  # 2001-09-09, clearly not "now"
    os.utime(f, ns=(old_ns, old_ns))
    ino = os.stat(f).st_ino
    before = snapshot(f)
    for a in ["/fields/staff_actual=42", "/fields/fund_annual=5,577.04", "/unit=中共绥宁县委组织部",
              "/fields/sangong/final=1.2", "/indicators/0/score=3"]:
        p = jx("set", f, a)
        assert p.returncode == 0, p.stderr
        assert snapshot(f) == before, a
        assert os.stat(f).st_ino == ino
    # a change and its undo in one call is no change either
    assert jx("set", f, "/fields/staff_actual=41", "/fields/staff_actual=42").returncode == 0
    assert snapshot(f) == before


def test_changed_content_is_written(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    os.utime(f, ns=(10**18, 10**18))
    assert jx("set", f, "/fields/staff_actual=41").returncode == 0
    assert os.stat(f).st_mtime_ns != 10**18
    assert get(jx, f, "/fields/staff_actual") == "41"


def test_no_temporary_files_left(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    for a in ["/unit=甲", "/fields/staff_actual=40", "/indicators/-/name=乙", "/fields/staff_actual=abc",
              "/computed/total=1"]:
        jx("set", f, a)
        assert sorted(x.name for x in tmp_path.iterdir()) == [SUINING], a


def test_set_keeps_file_mode(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    os.chmod(f, 0o600)
    assert jx("set", f, "/unit=甲").returncode == 0
    assert (os.stat(f).st_mode & 0o777) == 0o600


def test_set_output_is_canonical_and_valid_json(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    assert jx("set", f, "/fields/staff_actual=40", "/indicators/-/name=乙").returncode == 0
    json.loads(f.read_text(encoding="utf-8"))
    assert jx("format", "--check", f).returncode == 0


def test_score_change_changes_total(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    assert get(jx, f, "/computed/total") == "91.00"
    p = jx("set", f, "/indicators/0/score=4")
    assert p.returncode == 0, p.stderr
    assert get(jx, f, "/computed/total") == "92.00"
    assert '"total": 92.00' in f.read_text(encoding="utf-8")
    p = jx("validate", f)
    assert p.returncode == 0
    # Row 1 no longer needs a deviation note; the stated 100% (99.98%) remains, and the
    # stated 总分 91 now differs from the computed 92.00.
    assert "0 个错误，7 个警告" in p.stdout
    assert "/stated/total: 报告所列总分 91，按数据计算为 92.00" in p.stdout


def test_set_through_symlink_updates_target(jx, tmp_path):
    """Editing a session through a symbolic link must change the linked file (or refuse),
    not silently replace the link by a private copy."""
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = copy_example(real_dir, SUINING)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    p = jx("set", link, "/unit=改名")
    if p.returncode == 0:
        assert link.is_symlink(), "the symlink was replaced by a regular file"
        assert get(jx, target, "/unit") == "改名"
    else:
        assert p.returncode == 2
        assert target.read_bytes() == (EXAMPLES / SUINING).read_bytes()


def test_money_in_the_other_unit_is_recorded_exactly_with_a_warning(jx, tmp_path):
    f = copy_example(tmp_path, LIANJIANG)
    p = jx("set", f, "/tables/key_projects/0/budget=100.00 元")
    assert p.returncode == 0, p.stderr
    assert f"{f}: 警告 /tables/key_projects/0/budget: " in p.stderr
    assert "很可能原文的“元”是“万元”之误，应为 100.00 万元" in p.stderr
    assert get(jx, f, "/tables/key_projects/0/budget") == "0.01"
    assert jx("set", f, "/fields/income_prev=1.2万").stderr == ""  # 1.2万 is 1.2 万元
    assert get(jx, f, "/fields/income_prev") == "1.2"
    p = jx("set", f, "/fields/income_prev=12元")
    assert p.returncode == 2 and "请填 12" in p.stderr
    z = copy_example(tmp_path, ZIYUAN)
    p = jx("set", "--lang", "en", z, "/tables/projects/19/adjusted=10万元")
    assert p.returncode == 0 and "was recorded as 100000 元" in p.stderr
    assert get(jx, z, "/computed/projects/rows/19/exec_rate") == "6.85"

"""`jixiao validate`: exit codes, problem lines, --json and --lang en."""

import json
import re

import pytest

from conftest import (CJK, EXAMPLE_NAMES, EXAMPLES, TEMPLATES, LIANJIANG, SUINING, YIYANG, ZIYUAN,
                      copy_example, load_example, problem_lines, replace_once, snapshot,
                      write_json)


def test_suining_has_six_deviation_warnings_and_its_stated_100_percent(jx):
    p = jx("validate", EXAMPLES / SUINING)
    assert p.returncode == 0, p.stdout + p.stderr
    probs = problem_lines(p.stdout)
    assert len(probs) == 7
    assert all(x["severity"] == "警告" for x in probs)
    assert all(re.fullmatch(r"/indicators/\d+/deviation", x["pointer"]) for x in probs[:6])
    assert [x["pointer"] for x in probs] == [f"/indicators/{n}/deviation" for n in (0, 8, 11, 12, 13, 15)] + ["/stated/exec_rate"]
    assert probs[6]["message"] == "报告所列执行率 100%，按数据计算为 99.98%，并未全部执行（四舍五入后才是 100%）"
    assert "0 个错误，7 个警告" in p.stdout
    assert "91.00" in p.stdout and "优秀" in p.stdout


def test_yiyang_income_breakdown_error(jx):
    p = jx("validate", EXAMPLES / YIYANG)
    assert p.returncode == 1, p.stdout + p.stderr
    errs = problem_lines(p.stdout, "错误")
    assert [e["pointer"] for e in errs] == ["/fields/fund_executed"]
    assert "0.01" in errs[0]["message"]
    assert "432.24" in errs[0]["message"] and "432.23" in errs[0]["message"]


def test_lianjiang_quota_error_and_rate_warning(jx):
    p = jx("validate", EXAMPLES / LIANJIANG)
    assert p.returncode == 1, p.stdout + p.stderr
    errs = problem_lines(p.stdout, "错误")
    warns = problem_lines(p.stdout, "警告")
    # The seed does not publish its 评分表: the grid is empty, which is an error.
    assert [e["pointer"] for e in errs] == ["/indicators", "/fields/quota_total"]
    assert "107" in errs[1]["message"]
    assert any("209" in w["message"] and w["pointer"] == "/fields/income_change_rate_stated" for w in warns)


def test_ziyuan_errors(jx):
    p = jx("validate", EXAMPLES / ZIYUAN)
    assert p.returncode == 1
    ptrs = {e["pointer"] for e in problem_lines(p.stdout, "错误")}
    assert {"/fields/dept_adjusted", "/fields/stated_total_initial", "/fields/stated_total_adjusted"} <= ptrs


def test_missing_file_exits_2(jx, tmp_path):
    missing = tmp_path / "missing.json"
    p = jx("validate", missing)
    assert p.returncode == 2
    assert str(missing) in p.stderr


def test_invalid_json_names_line_and_column(jx, tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('{\n  "template": {"id": "hunan-dept-overall", "version": 1},\n  "unit": }\n', encoding="utf-8")
    p = jx("validate", f)
    assert p.returncode == 2
    assert "第 3 行第 11 列" in p.stderr, p.stderr
    p = jx("validate", "--lang", "en", f)
    assert p.returncode == 2
    assert "line 3, column 11" in p.stderr, p.stderr


def test_invalid_json_trailing_comma(jx, tmp_path):
    f = tmp_path / "comma.json"
    f.write_text('{"a": 1,}', encoding="utf-8")
    p = jx("validate", "--lang", "en", f)
    assert p.returncode == 2
    assert re.search(r"line 1, column \d+", p.stderr), p.stderr


def test_one_unreadable_file_among_several_gives_2(jx, tmp_path):
    p = jx("validate", EXAMPLES / SUINING, tmp_path / "nope.json", EXAMPLES / YIYANG)
    assert p.returncode == 2
    # the readable files are still reported
    assert f"{EXAMPLES / SUINING}: 0 个错误，7 个警告" in p.stdout
    assert str(EXAMPLES / YIYANG) in p.stdout
    assert "nope.json" in p.stderr


def test_several_files_worst_code(jx):
    assert jx("validate", EXAMPLES / SUINING, EXAMPLES / SUINING).returncode == 0
    assert jx("validate", EXAMPLES / SUINING, EXAMPLES / YIYANG).returncode == 1
    assert jx("validate", *[EXAMPLES / n for n in EXAMPLE_NAMES]).returncode == 1


def test_json_output(jx):
    p = jx("validate", "--json", EXAMPLES / SUINING, EXAMPLES / YIYANG, EXAMPLES / LIANJIANG)
    assert p.returncode == 1
    reports = json.loads(p.stdout)
    assert isinstance(reports, list) and len(reports) == 3
    s, y, l = reports
    assert s["readable"] is True and s["template"] == "hunan-dept-overall"
    assert (s["errors"], s["warnings"]) == (0, 7)
    assert s["grade"] == "优秀"
    assert p.stdout.count('"total": 91.00') == 1  # digits as stored
    assert s["total"] == 91
    assert len(s["problems"]) == 7
    assert (y["errors"], y["warnings"]) == (1, 2)
    assert [q["pointer"] for q in y["problems"]] == ["/indicators/7/score", "/indicators/8/score", "/fields/fund_executed"]
    assert y["problems"][2]["severity"] == "error"
    assert {q["code"] for q in y["problems"][:2]} == {"score-above-suggestion"}
    assert l["errors"] == 2 and l["warnings"] >= 1


def test_json_output_with_unreadable_file(jx, tmp_path):
    p = jx("validate", "--json", tmp_path / "nope.json", EXAMPLES / SUINING)
    assert p.returncode == 2
    reports = json.loads(p.stdout)
    assert reports[0]["readable"] is False
    assert "nope.json" in reports[0]["message"]
    assert reports[1]["readable"] is True and reports[1]["total"] == 91


def _grade_names():
    names = set()
    for t in TEMPLATES.glob("*.json"):
        for g in json.loads(t.read_text(encoding="utf-8")).get("grades", []):
            names.add(g["grade"])
    return sorted(names, key=len, reverse=True)


GRADE_NAMES = _grade_names()


def _english_message_ok(message):
    """No CJK outside double-quoted values. Grade names (优秀, 差, 一等 …) are values stored in
    the file's /computed/grade, so they are allowed as well."""
    rest = re.sub(r'"[^"]*"', "", message)
    for g in GRADE_NAMES:
        rest = rest.replace(g, "")
    return not CJK.search(rest)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_lang_en_examples(jx, name):
    p = jx("validate", "--lang", "en", EXAMPLES / name)
    assert p.returncode in (0, 1)
    probs = problem_lines(p.stdout)
    assert probs, "every example has at least one problem"
    for x in probs:
        assert x["severity"] in ("error", "warning")
        assert _english_message_ok(x["message"]), x
    assert re.search(r"\d+ errors, \d+ warnings", p.stdout)


def test_lang_en_yiyang_message(jx):
    p = jx("validate", "--lang", "en", EXAMPLES / YIYANG)
    (e,) = problem_lines(p.stdout, "error")
    assert e["pointer"] == "/fields/fund_executed"
    assert "off by 0.01" in e["message"]


# Documents with problems of many kinds; every English problem line must be English.
def _mut_code(d):
    d["tables"]["projects"][0]["code"] = "45032921000000010467X"


EN_CASES = {
    "suining-tier": (SUINING, lambda d: d["indicators"][0].update(level2="社会效益指标")),
    "suining-neg": (SUINING, lambda d: d["fields"].__setitem__("fund_annual", -1)),
    "suining-count": (SUINING, lambda d: d["fields"].__setitem__("staff_actual", 42.5)),
    "lianjiang-date": (LIANJIANG, lambda d: d["fields"].__setitem__("fill_date", "2024-02-30")),
    "yiyang-area": (YIYANG, lambda d: d["tables"]["buildings"][0].__setitem__("approved_area", -1)),
    "ziyuan-code": (ZIYUAN, _mut_code),
}


@pytest.mark.parametrize("case", sorted(EN_CASES))
def test_lang_en_problem_lines_have_no_cjk(jx, tmp_path, case):
    name, mutate = EN_CASES[case]
    doc = load_example(name)
    mutate(doc)
    f = write_json(tmp_path / "m.json", doc)
    p = jx("validate", "--lang", "en", f)
    assert p.returncode == 1, p.stdout + p.stderr
    probs = problem_lines(p.stdout)
    assert any(x["severity"] == "error" for x in probs)
    bad = [x["message"] for x in probs if not _english_message_ok(x["message"])]
    assert bad == [], f"Chinese text in English messages: {bad}"


def test_lang_en_load_error_has_no_cjk(jx, tmp_path):
    """A type error that stops loading is also reported in English, with the English label."""
    doc = load_example(SUINING)
    doc["fields"]["staff_actual"] = "42"
    f = write_json(tmp_path / "m.json", doc)
    p = jx("validate", "--lang", "en", f)
    assert p.returncode == 2
    assert "/fields/staff_actual" in p.stderr
    assert "must be a number" in p.stderr
    assert not CJK.search(p.stderr), f"Chinese text in an English message: {p.stderr!r}"


def test_messages_have_no_unfilled_placeholders(jx, tmp_path):
    """Field labels such as "{year}年实际在职人数" are shown with the year filled in."""
    f = tmp_path / "n.json"
    assert jx("new", "--template", "hunan-dept-overall", "--year", "2024", "--unit", "单位", f).returncode == 0
    for lang in ("zh", "en"):
        p = jx("validate", "--lang", lang, f)
        assert p.returncode == 1
        assert "/fields/staff_actual" in p.stdout
        assert "{year}" not in p.stdout, p.stdout


def test_validate_does_not_modify(jx, tmp_path):
    f = copy_example(tmp_path, LIANJIANG)
    before = snapshot(f)
    jx("validate", f)
    jx("validate", "--json", f)
    assert snapshot(f) == before


def test_exponent_literal_obeys_decimal_places(jx, tmp_path):
    """1.23456e2 is 123.456: three decimals in a two-decimal money field, like 123.456 itself."""
    plain = copy_example(tmp_path, SUINING, "plain.json")
    replace_once(plain, '"fund_initial": 1541.21', '"fund_initial": 123.456')
    expo = copy_example(tmp_path, SUINING, "expo.json")
    replace_once(expo, '"fund_initial": 1541.21', '"fund_initial": 1.23456e2')
    p = jx("validate", plain)
    assert p.returncode == 1
    assert "/fields/fund_initial" in [e["pointer"] for e in problem_lines(p.stdout, "错误")]
    q = jx("validate", expo)
    assert "/fields/fund_initial" in [e["pointer"] for e in problem_lines(q.stdout, "错误")], q.stdout
    assert q.returncode == 1


def test_code_with_trailing_newline_is_malformed(jx, tmp_path):
    """A project code must be exactly 21 digits; "<21 digits>\\n" is 22 characters."""
    doc = load_example(ZIYUAN)
    doc["tables"]["projects"][0]["code"] = "450329210000000104678\n"
    f = write_json(tmp_path / "m.json", doc)
    p = jx("validate", f)
    assert p.returncode == 1
    assert "/tables/projects/0/code" in [e["pointer"] for e in problem_lines(p.stdout, "错误")], p.stdout


def _variant(tmp_path, tid, platform):
    """A bundled template with province rules turned on, in a folder of its own (--templates)."""
    folder = tmp_path / "variant"
    folder.mkdir(exist_ok=True)
    doc = json.loads((TEMPLATES / f"{tid}.json").read_text(encoding="utf-8"))
    doc["platform"] = {**doc.get("platform", {}), **platform}
    write_json(folder / f"{tid}.json", doc)
    return folder


def test_a_template_that_asks_for_reasons_at_130_percent(jx, tmp_path):
    folder = _variant(tmp_path, "hunan-dept-overall", {"overAchievement": {"percent": 130, "requireDeviation": True}})
    p = jx("validate", "--templates", folder, EXAMPLES / SUINING)
    hits = [e["pointer"] for e in problem_lines(p.stdout, "警告") if "达到 130% 以上" in e["message"]]
    assert hits == ["/indicators/1/deviation", "/indicators/3/deviation"], p.stdout
    # The bundled template does not ask.
    assert "130%" not in jx("validate", EXAMPLES / SUINING).stdout


def test_a_template_that_caps_the_total_by_execution(jx, tmp_path):
    cap = [{"below": 80, "max": 89}, {"below": 70, "max": 79}, {"below": 60, "max": 69}, {"below": 50, "max": 59}]
    folder = _variant(tmp_path, "guangxi-project-summary", {"execCap": cap})
    p = jx("get", "--templates", folder, EXAMPLES / ZIYUAN, "/computed/total")
    assert p.stdout == "69.00\n", p.stderr
    assert jx("get", "--templates", folder, EXAMPLES / ZIYUAN, "/computed/grade").stdout == "三等\n"
    v = jx("validate", "--templates", folder, "--lang", "en", EXAMPLES / ZIYUAN)
    assert "execution 54.74% is below 60%: the total 95.47 is capped at 69.00" in v.stdout
    assert jx("get", EXAMPLES / ZIYUAN, "/computed/total").stdout == "95.47\n"


def test_spending_beyond_the_budget_is_a_warning(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    assert jx("set", f, "/fields/fund_annual=0", "/fields/fund_executed=5000").returncode == 0
    p = jx("validate", "--json", f)
    codes = [(q["code"], q["pointer"]) for q in json.loads(p.stdout)[0]["problems"]]
    assert ("spent-without-budget", "/fields/fund_executed") in codes
    assert jx("set", f, "/fields/fund_annual=1000").returncode == 0
    codes = [(q["code"], q["pointer"]) for q in json.loads(jx("validate", "--json", f).stdout)[0]["problems"]]
    assert ("overspent", "/fields/fund_executed") in codes


def test_seed_004_row_20_states_a_rate_its_figures_do_not_give(jx):
    p = jx("validate", "--json", EXAMPLES / ZIYUAN)
    stated = [q for q in json.loads(p.stdout)[0]["problems"] if q["code"] == "stated-mismatch"]
    assert [(q["pointer"], q["message"]) for q in stated] == [
        ("/tables/projects/19/stated/exec_rate", "第 20 行：报告所列预算执行率（%）6.85，按数据计算为 0.69")]


def test_set_and_get_stated_figures(jx, tmp_path):
    f = copy_example(tmp_path, YIYANG)
    assert jx("get", f, "/stated/total").stdout == "99.8\n"
    p = jx("set", f, "/stated/total=99.9", "/stated/grade=优秀")
    assert p.returncode == 0, p.stderr
    v = jx("validate", "--lang", "en", f)
    assert "warning /stated/total: Total as stated 99.9, the figures give 99.80" in v.stdout
    assert "/stated/grade" not in v.stdout
    p = jx("set", f, "/stated/average=1")
    assert p.returncode == 2 and "/stated/average" in p.stderr


def test_a_guangdong_scoring_table_gives_the_score_and_checks_the_stated_grade(jx, tmp_path):
    """Seed 003 names its 评分表's areas and states 100 分, 优秀; the weights here are the test's."""
    f = copy_example(tmp_path, LIANJIANG)
    rows = [("履职效能", "整体效能", 30, 30), ("履职效能", "专项效能", 20, 20), ("管理效率", "预算编制", 10, 10),
            ("管理效率", "预算执行", 10, 4.5), ("管理效率", "信息公开", 5, 5), ("管理效率", "绩效管理", 10, 4),
            ("管理效率", "采购管理", 5, 5), ("管理效率", "资产管理", 5, 5), ("管理效率", "运行成本", 5, 5)]
    sets = [f"/indicators/-={json.dumps({'level1': a, 'level2': b, 'name': b, 'weight': w, 'score': s, 'deviation': '' if s == w else '扣分'}, ensure_ascii=False)}"
            for a, b, w, s in rows]
    assert jx("set", f, *sets).returncode == 0
    assert jx("get", f, "/computed/total").stdout == "88.50\n"
    assert jx("get", f, "/computed/grade").stdout == "良好\n"
    p = jx("validate", f)
    stated = {e["pointer"]: e["message"] for e in problem_lines(p.stdout, "警告") if e["pointer"].startswith("/stated/")}
    assert stated == {"/stated/total": "报告所列总分 100，按数据计算为 88.50", "/stated/grade": "报告所列等级“优秀”，按数据计算为“良好”"}
    assert "/indicators:" not in p.stdout

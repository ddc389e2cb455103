"""`jixiao schema ID`: a valid Draft 2020-12 schema that accepts the examples and new files
and rejects documents of the wrong shape."""

import copy
import json

import jsonschema
import pytest

from conftest import EXAMPLE_NAMES, SUINING, ZIYUAN, load_example


def validator(schemas, tid):
    return jsonschema.Draft202012Validator(schemas[tid])


def errors(schemas, tid, doc):
    return [f"{e.json_path}: {e.message}" for e in validator(schemas, tid).iter_errors(doc)]


def test_templates_lists_known_ids(template_ids):
    for tid in ["hunan-dept-overall", "hunan-yiyang-dept-overall", "guangdong-dept-overall",
                "guangxi-project-summary"]:
        assert tid in template_ids
    assert len(template_ids) == len(set(template_ids))


def test_every_schema_is_valid_draft_2020_12(jx, template_ids):
    for tid in template_ids:
        p = jx("schema", tid)
        assert p.returncode == 0, p.stderr
        schema = json.loads(p.stdout)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
        assert schema.get("type") == "object"


def test_schema_unknown_template_exits_2(jx):
    p = jx("schema", "no-such-template")
    assert p.returncode == 2
    assert p.stdout == ""
    assert "no-such-template" in p.stderr


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_conform_to_their_schema(schemas, name):
    doc = load_example(name)
    tid = doc["template"]["id"]
    assert tid in schemas
    assert errors(schemas, tid, doc) == []


def test_new_file_conforms(jx, tmp_path, schemas, template_ids):
    for tid in template_ids:
        f = tmp_path / f"{tid}.json"
        p = jx("new", "--template", tid, f)
        assert p.returncode == 0, p.stderr
        doc = json.loads(f.read_text(encoding="utf-8"))
        assert errors(schemas, tid, doc) == [], tid
        # with unit and year too
        g = tmp_path / f"{tid}-2024.json"
        p = jx("new", "--template", tid, "--unit", "测试单位", "--year", "2024", g)
        assert p.returncode == 0, p.stderr
        doc = json.loads(g.read_text(encoding="utf-8"))
        assert doc["unit"] == "测试单位" and doc["year"] == 2024
        assert errors(schemas, tid, doc) == [], tid


# Broken documents built from the Suining (hunan-dept-overall) example.
def _set_field(key, value):
    def f(d):
        d["fields"][key] = value
    return f


BROKEN_SUINING = {
    "string-for-number": _set_field("staff_actual", "42"),
    "unknown-top-level-key": lambda d: d.__setitem__("remarks", "x"),
    "unknown-field": _set_field("no_such_field", 1),
    "unknown-grid-column": lambda d: d["fields"]["sangong"].__setitem__("extra", 1),
    "wrong-template-id": lambda d: d["template"].__setitem__("id", "national-project"),
    "template-version-too-high": lambda d: d["template"].__setitem__("version", 99),
    "negative-money": _set_field("fund_annual", -1),
    "negative-money-in-grid": lambda d: d["fields"]["sangong"].__setitem__("final", -1.2),
    "level2-of-another-tier": lambda d: d["indicators"][0].update(level1="产出指标", level2="社会效益指标"),
    "unknown-level1": lambda d: d["indicators"][0].__setitem__("level1", "其他指标"),
    "non-integer-count": _set_field("staff_actual", 42.5),
    "boolean-for-number": _set_field("fund_annual", True),
    "number-for-text": _set_field("goal_planned", 1),
    "indicator-unknown-key": lambda d: d["indicators"][0].__setitem__("note", "x"),
    "indicator-negative-score": lambda d: d["indicators"][0].__setitem__("score", -1),
    "indicator-missing-name": lambda d: d["indicators"][0].pop("name"),
    "missing-fields": lambda d: d.pop("fields"),
    "year-out-of-range": lambda d: d.__setitem__("year", 1800),
    "unit-not-string": lambda d: d.__setitem__("unit", 5),
    "stated-unknown-key": lambda d: d["stated"].__setitem__("average", 90),
    "stated-total-as-text": lambda d: d["stated"].__setitem__("total", "91"),
    "stated-grade-as-number": lambda d: d["stated"].__setitem__("grade", 1),
    "note-key-not-a-pointer": lambda d: d.__setitem__("notes", {"fields/income_other": "补录"}),
    "note-on-a-computed-figure": lambda d: d.__setitem__("notes", {"/computed/total": "补录"}),
    "note-not-text": lambda d: d.__setitem__("notes", {"/fields/income_other": 1}),
}


@pytest.mark.parametrize("case", sorted(BROKEN_SUINING))
def test_broken_suining_does_not_conform(schemas, case):
    doc = load_example(SUINING)
    mutated = copy.deepcopy(doc)
    BROKEN_SUINING[case](mutated)
    assert mutated != doc
    assert errors(schemas, "hunan-dept-overall", mutated), f"{case} should not validate"


@pytest.mark.parametrize("code", [
    "45032921000000010467X",       # 21 characters, one not a digit
    "45032921000000010467",        # 20 digits
    "4503292100000001046781",      # 22 digits
    "４50329210000000104678",       # full-width digit
    "450329-210000000104678",
])
def test_malformed_project_code_does_not_conform(schemas, code):
    doc = load_example(ZIYUAN)
    assert doc["template"]["id"] == "guangxi-project-summary"
    doc["tables"]["projects"][0]["code"] = code
    assert errors(schemas, "guangxi-project-summary", doc), code


def test_well_formed_project_code_conforms(schemas):
    doc = load_example(ZIYUAN)
    doc["tables"]["projects"][0]["code"] = "123456789012345678901"
    assert errors(schemas, "guangxi-project-summary", doc) == []


def test_schema_level2_pairs_follow_each_tier(schemas):
    """A level2 name that belongs to the same tier stays valid; only cross-tier pairs fail."""
    doc = load_example(SUINING)
    doc["indicators"][0].update(level1="效益指标", level2="社会效益指标")
    assert errors(schemas, "hunan-dept-overall", doc) == []


def test_stated_figures_in_table_rows(schemas):
    doc = load_example(ZIYUAN)
    assert doc["tables"]["projects"][19]["stated"] == {"exec_rate": 6.85}
    doc["tables"]["projects"][0]["stated"]["adjust_rate"] = -42.86
    assert errors(schemas, "guangxi-project-summary", doc) == []
    doc["tables"]["projects"][0]["stated"]["score"] = 90
    assert errors(schemas, "guangxi-project-summary", doc)
    doc = load_example(ZIYUAN)
    doc["tables"]["projects"][0]["stated"]["exec_rate"] = "0"
    assert errors(schemas, "guangxi-project-summary", doc)

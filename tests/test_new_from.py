"""`jixiao new --from LAST.json [FILE]`: next year's sheet from this year's, on every example."""

import json
import shutil

import pytest

from conftest import EXAMPLE_NAMES, EXAMPLES, snapshot


def numbers(v):
    """Every number in a JSON value."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return []
    if isinstance(v, (int, float)):
        return [v]
    items = v.values() if isinstance(v, dict) else v
    return [n for x in items for n in numbers(x)]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_next_year_from_each_example(jx, tmp_path, name):
    last = tmp_path / name
    shutil.copy(EXAMPLES / name, last)
    old = json.loads(last.read_text(encoding="utf-8"))
    p = jx("new", "--from", last)
    assert p.returncode == 0, p.stderr
    year = old["year"] + 1
    new_path = tmp_path / name.replace(str(old["year"]), str(year))
    assert new_path.is_file(), list(tmp_path.iterdir())
    assert str(new_path.name) in p.stdout
    new = json.loads(new_path.read_text(encoding="utf-8"))
    assert new["template"] == old["template"]
    assert new["unit"] == old["unit"]
    assert new["year"] == year
    # The indicators' plan stays; what the year gave is cleared.
    assert len(new.get("indicators", [])) == len(old.get("indicators", []))
    for a, b in zip(old.get("indicators", []), new.get("indicators", [])):
        assert [b[k] for k in ("level1", "level2", "name", "target", "weight")] == [a[k] for k in ("level1", "level2", "name", "target", "weight")]
        assert (b["actual"], b["score"], b["deviation"]) == ("", None, "")
    # Every money figure, count, rate and score of last year is gone.
    assert numbers(new["fields"]) == [] and numbers(new["tables"]) == []
    assert new["computed"]["total"] is None and new["computed"]["grade"] is None
    if "goal_planned" in old["fields"]:
        assert new["fields"]["goal_planned"] == old["fields"]["goal_planned"]
        assert new["fields"]["goal_achieved"] is None
    # It is a sheet like any other: validate reads it (and finds what is left to fill in).
    v = jx("validate", new_path)
    assert v.returncode == 1, v.stdout + v.stderr
    assert last.read_text(encoding="utf-8") == (EXAMPLES / name).read_text(encoding="utf-8")


def test_never_overwrites(jx, tmp_path):
    last = tmp_path / "suining-2024.json"
    shutil.copy(EXAMPLES / "suining-2024.json", last)
    target = tmp_path / "next.json"
    target.write_text("precious\n", encoding="utf-8")
    before = snapshot(target)
    p = jx("new", "--from", last, target)
    assert p.returncode == 2
    assert snapshot(target) == before
    assert "不会覆盖" in p.stderr
    assert jx("new", "--from", last).returncode == 0
    made = tmp_path / "suining-2025.json"
    before = snapshot(made)
    assert jx("new", "--from", last).returncode == 2
    assert snapshot(made) == before


def test_given_file_unit_and_year(jx, tmp_path):
    last = tmp_path / "a.json"
    shutil.copy(EXAMPLES / "yiyang-2024.json", last)
    p = jx("new", "--from", last, "--unit", "新单位", "--year", "2030", tmp_path / "b.json", "--lang", "en")
    assert p.returncode == 0, p.stderr
    assert "created" in p.stdout
    doc = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert (doc["unit"], doc["year"]) == ("新单位", 2030)
    # Without a year in the name, the new year is added to it.
    assert jx("new", "--from", last).returncode == 0
    assert (tmp_path / "a-2025.json").is_file()


def test_refusals(jx, tmp_path):
    last = tmp_path / "s.json"
    shutil.copy(EXAMPLES / "suining-2024.json", last)
    p = jx("new", "--from", last, "--template", "national-project", tmp_path / "x.json")
    assert p.returncode == 2 and "--template" in p.stderr
    p = jx("new", "--from", tmp_path / "missing.json", tmp_path / "y.json")
    assert p.returncode == 2 and "missing.json" in p.stderr
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert jx("new", "--from", tmp_path / "broken.json", tmp_path / "z.json").returncode == 2
    nameless = tmp_path / "n.json"
    doc = json.loads(last.read_text(encoding="utf-8"))
    doc["year"] = None
    doc.pop("computed")
    nameless.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    p = jx("new", "--from", nameless, tmp_path / "w.json")
    assert p.returncode == 2 and "--year" in p.stderr
    assert sorted(f.name for f in tmp_path.iterdir()) == ["broken.json", "n.json", "s.json"]
    assert jx("new", "--from", nameless, "--year", "2026", tmp_path / "w.json").returncode == 0


def test_control_characters_are_not_carried_over(jx, tmp_path):
    last = tmp_path / "s-2024.json"
    doc = json.loads((EXAMPLES / "suining-2024.json").read_text(encoding="utf-8"))
    doc["unit"] = "A\x1b]0;x\x07B"
    doc["indicators"][1]["name"] = "培训\u202e人次"
    last.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    p = jx("new", "--from", last)
    assert p.returncode == 2, p.stderr
    assert "/unit: " in p.stderr and "U+001B" in p.stderr and "/indicators/1/name: " in p.stderr and "U+202E" in p.stderr
    assert "\x1b" not in p.stderr and "\u202e" not in p.stderr
    assert sorted(x.name for x in tmp_path.iterdir()) == ["s-2024.json"], "nothing written"
    # A new unit name given instead of last year's is carried, not refused.
    p = jx("new", "--from", last, "--unit", "某单位")
    assert p.returncode == 2 and "/unit: " not in p.stderr and "/indicators/1/name: " in p.stderr

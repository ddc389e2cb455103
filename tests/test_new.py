"""`jixiao new`: creates a file, never overwrites."""

import json
import shutil

import jsonschema
import pytest

from conftest import EXAMPLES, SUINING, _env, problem_lines, snapshot


def test_new_creates_file(jx, tmp_path):
    f = tmp_path / "s.json"
    p = jx("new", "--template", "hunan-dept-overall", f)
    assert p.returncode == 0, p.stderr
    assert f.is_file()
    doc = json.loads(f.read_text(encoding="utf-8"))
    assert doc["template"] == {"id": "hunan-dept-overall", "version": 1}
    assert doc["unit"] == "" and doc["year"] is None
    assert doc["indicators"] == []
    assert "computed" in doc
    assert list(tmp_path.iterdir()) == [f], "no temporary files left"


def test_new_with_unit_and_year(jx, tmp_path):
    f = tmp_path / "s.json"
    p = jx("new", "--template", "guangdong-dept-overall", "--unit", "中共廉江市委组织部", "--year", "2023", f)
    assert p.returncode == 0, p.stderr
    doc = json.loads(f.read_text(encoding="utf-8"))
    assert doc["unit"] == "中共廉江市委组织部"
    assert doc["year"] == 2023


def test_new_refuses_to_overwrite(jx, tmp_path):
    f = tmp_path / "s.json"
    f.write_bytes(b"precious bytes, not even JSON\n")
    before = snapshot(f)
    p = jx("new", "--template", "hunan-dept-overall", f)
    assert p.returncode == 2
    assert snapshot(f) == before
    assert str(f) in p.stderr
    assert list(tmp_path.iterdir()) == [f]


def test_new_refuses_to_overwrite_session(jx, tmp_path):
    f = tmp_path / "s.json"
    assert jx("new", "--template", "hunan-dept-overall", "--unit", "A", f).returncode == 0
    before = snapshot(f)
    p = jx("new", "--template", "national-project", "--unit", "B", f)
    assert p.returncode == 2
    assert snapshot(f) == before


def test_new_unknown_template(jx, tmp_path):
    f = tmp_path / "s.json"
    p = jx("new", "--template", "no-such-template", f)
    assert p.returncode == 2
    assert not f.exists()
    assert "no-such-template" in p.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_bad_year(jx, tmp_path):
    f = tmp_path / "s.json"
    p = jx("new", "--template", "hunan-dept-overall", "--year", "1800", f)
    assert p.returncode == 2
    assert not f.exists()


def test_new_missing_template_option_is_usage_error(jx, tmp_path):
    p = jx("new", tmp_path / "s.json")
    assert p.returncode == 2
    assert not (tmp_path / "s.json").exists()


def test_new_into_missing_folder(jx, tmp_path):
    f = tmp_path / "no" / "such" / "dir" / "s.json"
    p = jx("new", "--template", "hunan-dept-overall", f)
    assert p.returncode == 2
    assert not f.exists()


def test_new_file_validates_with_required_errors(jx, tmp_path, schemas):
    f = tmp_path / "s.json"
    assert jx("new", "--template", "hunan-dept-overall", f).returncode == 0
    p = jx("validate", f)
    assert p.returncode == 1
    errs = problem_lines(p.stdout, "错误")
    ptrs = {e["pointer"] for e in errs}
    assert {"/unit", "/year", "/fields/fund_annual", "/fields/fund_executed"} <= ptrs
    assert all(e["file"] == str(f) for e in errs)
    doc = json.loads(f.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schemas["hunan-dept-overall"]).validate(doc)


def test_new_file_for_every_template(jx, tmp_path, schemas, template_ids):
    for tid in template_ids:
        f = tmp_path / f"{tid}.json"
        assert jx("new", "--template", tid, f).returncode == 0
        p = jx("validate", f)
        assert p.returncode == 1, f"{tid}: a blank sheet has missing required fields"
        assert problem_lines(p.stdout, "错误")
        jsonschema.Draft202012Validator(schemas[tid]).validate(json.loads(f.read_text(encoding="utf-8")))
        # a new file is in canonical form
        assert jx("format", "--check", f).returncode == 0


def test_missing_folder_is_explained_in_chinese(jx, tmp_path):
    p = jx("new", "--template", "hunan-dept-overall", str(tmp_path / "no-such-folder" / "s.json"))
    assert p.returncode == 2
    assert "文件或文件夹不存在" in p.stderr
    assert "No such file" not in p.stderr
    p = jx("new", "--lang", "en", "--template", "hunan-dept-overall", str(tmp_path / "no-such-folder" / "s.json"))
    assert "No such file or directory" in p.stderr


@pytest.mark.parametrize("unit", ["A\x1b]0;x\x07B", "A\u202eB", "A\tB"])
def test_unit_with_a_control_character_is_refused(jx, tmp_path, unit):
    # As `set /unit` and the editor refuse it, named by the template's label for the unit.
    f = tmp_path / "n.json"
    p = jx("new", "--template", "hunan-dept-overall", "--unit", unit, f)
    assert p.returncode == 2 and "--unit:" in p.stderr and "单位名称" in p.stderr, p.stderr
    assert "U+" in p.stderr and "\x1b" not in p.stderr
    assert not f.exists()
    last = tmp_path / "last.json"
    shutil.copy(EXAMPLES / SUINING, last)
    p = jx("new", "--from", last, "--unit", unit, f)
    assert p.returncode == 2 and "单位名称" in p.stderr, p.stderr
    assert not f.exists()


def test_unit_prompt_asks_again_for_a_control_character(tmp_path, binary):
    import pexpect
    f = tmp_path / "n.json"
    child = pexpect.spawn(binary, ["new", "--template", "hunan-dept-overall"], env=_env(), encoding="utf-8", timeout=10)
    child.expect("单位名称：")
    child.sendline("A\x1b]0;x\x07B")
    child.expect("U\\+001B")
    child.expect("请重新输入")
    child.expect("单位名称：")
    child.sendline("某单位")
    child.expect("年度")
    child.sendline("2025")
    child.expect("文件名")
    child.sendline(str(f))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert json.loads(f.read_text(encoding="utf-8"))["unit"] == "某单位"

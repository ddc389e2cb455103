"""`jixiao format`: canonical bytes, --check, fresh computed figures."""

import json
import os
import re

import pytest

from conftest import EXAMPLE_NAMES, EXAMPLES, SUINING, YIYANG, copy_example, problem_lines, replace_once, snapshot


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_are_canonical(jx, tmp_path, name):
    p = jx("format", "--check", EXAMPLES / name)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout == ""
    # format on a copy does not rewrite it
    f = copy_example(tmp_path, name)
    os.utime(f, ns=(10**18, 10**18))
    before = snapshot(f)
    assert jx("format", f).returncode == 0
    assert snapshot(f) == before


def _num(lit):
    return f"@@NUM{lit}@@"


def _dumps_keeping_numbers(doc, **kw):
    """json.dumps, writing numbers parsed with _num exactly as they were written."""
    return re.sub(r'"@@NUM([-+0-9.eE]+)@@"', r"\1", json.dumps(doc, **kw))


def _reordered(name):
    """The example with keys reversed at every level; number literals kept as written."""
    doc = json.loads((EXAMPLES / name).read_text(encoding="utf-8"), parse_float=_num, parse_int=_num)

    def rev(v):
        if isinstance(v, dict):
            return {k: rev(v[k]) for k in reversed(list(v))}
        if isinstance(v, list):
            return [rev(x) for x in v]
        return v
    return rev(doc)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_reordered_copy_is_rewritten_canonically(jx, tmp_path, name):
    f = tmp_path / name
    # keys reversed at every level, odd indentation, CRLF line ends, trailing blank lines
    text = _dumps_keeping_numbers(_reordered(name), ensure_ascii=False, indent=5).replace("\n", "\r\n") + "\r\n\r\n"
    f.write_bytes(text.encode("utf-8"))
    p = jx("format", "--check", f)
    assert p.returncode == 1
    assert str(f) in p.stdout
    assert f.read_bytes() == text.encode("utf-8"), "--check must not write"
    p = jx("format", f)
    assert p.returncode == 0, p.stderr
    assert f.read_bytes() == (EXAMPLES / name).read_bytes()
    assert jx("format", "--check", f).returncode == 0
    assert sorted(x.name for x in tmp_path.iterdir()) == [name]


def test_escaped_unicode_is_rewritten(jx, tmp_path):
    f = tmp_path / SUINING
    doc = json.loads((EXAMPLES / SUINING).read_text(encoding="utf-8"))
    f.write_text(json.dumps(doc, ensure_ascii=True, indent=2), encoding="ascii")
    assert jx("format", "--check", f).returncode == 1
    assert jx("format", f).returncode == 0
    # json.dumps turned 91.00 into 91.0 etc.; format restores the canonical literals
    assert f.read_bytes() == (EXAMPLES / SUINING).read_bytes()


def test_stored_total_90_reported_and_fixed(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    replace_once(f, '"total": 91.00', '"total": 90')
    p = jx("validate", f)
    assert p.returncode == 1
    errs = problem_lines(p.stdout, "错误")
    assert [e["pointer"] for e in errs] == ["/computed/total"]
    assert "90" in errs[0]["message"] and "91.00" in errs[0]["message"]
    p = jx("validate", "--json", f)
    report = json.loads(p.stdout)[0]
    assert report["errors"] == 1
    assert [x["pointer"] for x in report["problems"] if x["severity"] == "error"] == ["/computed/total"]

    assert jx("format", "--check", f).returncode == 1
    p = jx("format", f)
    assert p.returncode == 0, p.stderr
    assert f.read_bytes() == (EXAMPLES / SUINING).read_bytes()
    assert jx("validate", f).returncode == 0


def test_stale_computed_block_fixed(jx, tmp_path):
    f = copy_example(tmp_path, YIYANG)
    doc = json.loads(f.read_text(encoding="utf-8"))
    doc["computed"] = {"total": 1, "grade": "差"}
    f.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    assert jx("validate", f).returncode == 1
    assert jx("format", f).returncode == 0
    assert f.read_bytes() == (EXAMPLES / YIYANG).read_bytes()


def test_missing_computed_block_is_added(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    doc = json.loads(f.read_text(encoding="utf-8"))
    del doc["computed"]
    f.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    assert jx("format", f).returncode == 0
    assert f.read_bytes() == (EXAMPLES / SUINING).read_bytes()


def test_format_several_files_and_errors(jx, tmp_path):
    good = copy_example(tmp_path, SUINING)
    messy = tmp_path / "messy.json"
    messy.write_text(_dumps_keeping_numbers(_reordered(YIYANG), ensure_ascii=False), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    before_bad = snapshot(bad)
    p = jx("format", "--check", good, messy, bad)
    assert p.returncode == 2
    p = jx("format", good, messy, bad)
    assert p.returncode == 2
    assert messy.read_bytes() == (EXAMPLES / YIYANG).read_bytes(), "readable files are still formatted"
    assert snapshot(bad) == before_bad
    assert sorted(x.name for x in tmp_path.iterdir()) == sorted(["bad.json", "messy.json", SUINING])

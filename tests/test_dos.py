"""Denial of service (issue 11, item 10): files under the 16 MB read limit that hold millions of
unknown keys, wrong rows, tiny arrays or stored figures. Each is refused, or read, quickly and
in bounded memory, and says what is wrong with the first problems named and the rest counted.

Time and memory are those of the binary under test alone (tests/measure.py). CI runs the debug build: each time bound is
about three times what the debug build takes on the 2-core development machine, and memory is
held to what the README promises for the release build (200 MB), which the debug build meets
too.
"""

import json
import re

import pytest

from conftest import BIN, EXAMPLES, SUINING, _env, snapshot
from measure import run_measured

SRC = (EXAMPLES / SUINING).read_bytes()
MEMORY_MB = 200
LISTED = 50        # problems a reader names before it counts (JSONReading.listed)
VALIDATE_LISTED = 1000  # problems validate prints before it counts (ValidateCommand.listed)
ROWS = 50_000      # rows of indicators and tables together (SessionLimits.rows)
EXAMPLE_ROWS = len(json.loads(SRC)["indicators"])

class Run:
    """One run of the binary under test: exit code, output, seconds and peak memory."""

    def __init__(self, tmp_path, *args):
        out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
        self.returncode, self.seconds, self.megabytes = run_measured([BIN, *args], env=_env(), stdout=out, stderr=err)
        assert self.returncode >= 0, f"jixiao killed by signal {-self.returncode}: {args}"
        self.stdout = out.read_text(encoding="utf-8", errors="replace")
        self.stderr = err.read_text(encoding="utf-8", errors="replace")

    def within(self, seconds):
        assert self.seconds < seconds, f"took {self.seconds:.2f} s (bound {seconds} s)"
        assert self.megabytes < MEMORY_MB, f"peak memory {self.megabytes:.0f} MB (bound {MEMORY_MB} MB)"
        return self


def splice(after, extra, src=SRC):
    i = src.index(after) + len(after)
    return src[:i] + extra + src[i:]


def unknown_keys(n):
    return b"".join(b'"u%d":1,' % k for k in range(n))


def write(tmp_path, data, name="hostile.json"):
    assert len(data) < 16 << 20, "the case must fit under the 16 MB read limit"
    f = tmp_path / name
    f.write_bytes(data)
    return f


def reader_lines(text, file):
    """`file: /pointer: message` lines of a refused file, and the count line that ends them."""
    lines = text.splitlines()
    named = [m.group(1) for m in (re.match(rf"^{re.escape(str(file))}: (/\S*): ", l) for l in lines) if m]
    return lines, named


def test_a_million_unknown_fields_are_counted_not_listed(tmp_path):
    """The issue's file: 14.5 MB, 1.2 million unknown keys under /fields (23.5 s, 848 MB and
    1.2 million lines before)."""
    f = write(tmp_path, splice(b'"fields": {', unknown_keys(1_200_000)))
    assert len(f.read_bytes()) > 14_000_000
    before = snapshot(f)
    r = Run(tmp_path, "validate", f).within(6)
    assert r.returncode == 2
    lines, named = reader_lines(r.stderr, f)
    assert named == [f"/fields/u{k}" for k in range(LISTED)]
    assert "模板“hunan-dept-overall”没有字段“u0”" in lines[0]
    assert lines[-1] == f"{f}: ……另有 {1_200_000 - LISTED} 个问题未列出"
    assert len(lines) == LISTED + 1
    assert r.stdout == ""
    # set reads the same way, and leaves the file as it was.
    r = Run(tmp_path, "set", "--lang", "en", f, "/unit=x").within(6)
    assert r.returncode == 2
    assert r.stderr.splitlines()[-1] == f"{f}: … and {1_200_000 - LISTED} more problems"
    assert snapshot(f) == before


@pytest.mark.parametrize("where,after,pointer", [
    ("top level", b"{", "/u{}"),
    ("an indicator row", b'"indicators": [\n    {', "/indicators/0/u{}"),
])
def test_a_million_unknown_keys_elsewhere(tmp_path, where, after, pointer):
    f = write(tmp_path, splice(after, unknown_keys(1_200_000)))
    r = Run(tmp_path, "validate", "--lang", "en", f).within(6)
    assert r.returncode == 2
    lines, named = reader_lines(r.stderr, f)
    assert named == [pointer.format(k) for k in range(LISTED)], where
    assert "unknown key" in lines[0]
    assert lines[-1] == f"{f}: … and {1_200_000 - LISTED} more problems"
    assert len(lines) == LISTED + 1


def test_rows_that_are_all_wrong_are_counted(tmp_path):
    """Rows up to the limit, each with text where a number belongs."""
    n = ROWS - EXAMPLE_ROWS
    f = write(tmp_path, splice(b'"indicators": [', b'{"weight":"x"},' * n))
    r = Run(tmp_path, "get", f, "/computed/total").within(3)
    assert r.returncode == 2
    lines, named = reader_lines(r.stderr, f)
    assert named == [f"/indicators/{k}/weight" for k in range(LISTED)]
    assert "“分值”应为数字，却是字符串" in lines[0]
    assert lines[-1] == f"{f}: ……另有 {n - LISTED} 个问题未列出"


def test_a_file_over_the_row_limit_is_refused_at_once(tmp_path):
    """Half a million wrong rows: one message at the first row over the limit, no row read."""
    f = write(tmp_path, splice(b'"indicators": [', b'{"weight":"x"},' * 500_000))
    r = Run(tmp_path, "validate", "--lang", "en", f).within(4)
    assert r.returncode == 2
    lines, named = reader_lines(r.stderr, f)
    assert named == [f"/indicators/{ROWS}"]
    assert f"at most {ROWS} rows" in lines[0] and f"{500_000 + EXAMPLE_ROWS} so far" in lines[0]
    assert len(lines) == 1


def test_a_sheet_at_the_row_limit_loads_and_set_adds_no_row_past_it(tmp_path, jx):
    f = write(tmp_path, splice(b'"indicators": [', b"{}," * (ROWS - EXAMPLE_ROWS)))
    r = Run(tmp_path, "get", f, "/computed/total").within(3)
    assert r.returncode == 0, r.stderr
    before = snapshot(f)
    p = jx("set", "--lang", "en", f, '/indicators/-={"name":"one more"}')
    assert p.returncode == 2
    assert f"at most {ROWS} rows" in p.stderr
    assert snapshot(f) == before
    p = jx("set", f, '/tables/buildings/-={"name":"楼"}')
    assert p.returncode == 2 and "行数已达上限" in p.stderr
    assert snapshot(f) == before


def _rows_lacking_four_values(tmp_path, n, name):
    """n rows that have only a weight: each lacks 一级, 二级, 三级 and 得分."""
    return write(tmp_path, splice(b'"indicators": [', b'{"weight":1},' * n), name)


def test_validate_lists_the_first_problems_and_counts_all(tmp_path, jx):
    # The counts for one such row, to know exactly what 49,979 must give.
    one = json.loads(jx("validate", "--json", _rows_lacking_four_values(tmp_path, 1, "one.json")).stdout)[0]
    n = ROWS - EXAMPLE_ROWS
    f = _rows_lacking_four_values(tmp_path, n, "many.json")
    r = Run(tmp_path, "validate", f).within(4)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    problems = [l for l in lines if re.match(rf"^{re.escape(str(f))}: (错误|警告) /", l)]
    assert len(problems) == VALIDATE_LISTED
    assert problems[0] == f"{f}: 错误 /indicators/0/level1: 第 1 行：缺少一级指标"
    errors, warnings = one["errors"] + 4 * (n - 1), one["warnings"]
    unlisted = errors + warnings - VALIDATE_LISTED
    assert lines[-2] == f"{f}: ……另有 {unlisted} 个问题未列出（--all 列出全部）"
    assert lines[-1].startswith(f"{f}: {errors} 个错误，{warnings} 个警告")
    assert len(lines) == VALIDATE_LISTED + 2
    r = Run(tmp_path, "validate", "--json", f).within(4)
    report = json.loads(r.stdout)[0]
    assert (report["errors"], report["warnings"], report["unlisted"]) == (errors, warnings, unlisted)
    assert len(report["problems"]) == VALIDATE_LISTED
    assert report["problems"][0]["pointer"] == "/indicators/0/level1"


def test_validate_all_lists_every_problem(tmp_path, jx):
    f = _rows_lacking_four_values(tmp_path, 300, "some.json")
    capped = json.loads(jx("validate", "--json", f).stdout)[0]
    every = json.loads(jx("validate", "--json", "--all", f).stdout)[0]
    assert len(capped["problems"]) == VALIDATE_LISTED and capped["unlisted"] > 0
    assert len(every["problems"]) == every["errors"] + every["warnings"] and every["unlisted"] == 0
    assert every["problems"][:VALIDATE_LISTED] == capped["problems"]
    text = jx("validate", "--all", f).stdout.splitlines()
    assert len(text) == len(every["problems"]) + 1


def test_millions_of_values_where_anything_may_stand(tmp_path):
    """$schema is not read, so anything may stand there: 7.5 million numbers are accepted
    without a tree of them."""
    f = write(tmp_path, splice(b"{", b'"$schema":[' + b"0," * 7_500_000 + b"0],"))
    r = Run(tmp_path, "validate", f).within(7)
    assert r.returncode == 0, r.stderr


def test_millions_of_tiny_arrays_in_an_unknown_field(tmp_path):
    f = write(tmp_path, splice(b'"fields": {', b'"x":[' + b"[[]]," * 3_000_000 + b"[]],"))
    r = Run(tmp_path, "validate", f).within(4)
    assert r.returncode == 2
    assert r.stderr == f"{f}: /fields/x: 模板“hunan-dept-overall”没有字段“x”\n"


def test_a_stored_computed_block_of_millions_is_refused(tmp_path):
    """`computed` is kept only to compare, as a tree: its size is bounded."""
    f = write(tmp_path, splice(b'"computed": {', b'"x":[' + b"1," * 7_000_000 + b"1],"))
    r = Run(tmp_path, "validate", "--lang", "en", f).within(6)
    assert r.returncode == 2
    assert r.stderr.startswith(f"{f}: /computed: the stored figures hold 7000")
    assert len(r.stderr.splitlines()) == 1

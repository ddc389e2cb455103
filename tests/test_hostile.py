"""Hostile input: every command exits 2, is never killed by a signal (the `jx` helper checks
that), prints a message, and never modifies the file or leaves files behind."""

import json
import os
import re

import pytest

from conftest import CJK, EXAMPLES, SUINING, copy_example, replace_once, snapshot

SRC = (EXAMPLES / SUINING).read_bytes()


def _swap(old, new):
    assert SRC.count(old) >= 1, old
    return SRC.replace(old, new, 1)


def _with_template(**ref):
    doc = json.loads(SRC)
    doc["template"].update(ref)
    return json.dumps(doc, ensure_ascii=False, indent=2).encode()


HOSTILE = {
    "invalid-utf8": _swap("绥宁".encode(), b"\xff\xfe"),
    "invalid-utf8-overlong": _swap(b'"unit": "', b'"unit": "\xc0\xaf'),
    "utf8-encoded-surrogate": _swap(b'"unit": "', b'"unit": "\xed\xa0\x80'),
    "truncated-utf8-at-end": SRC.rstrip() + b"\xe4\xb8",
    "latin1-file": SRC.decode("utf-8").replace("中共绥宁县委组织部", "Caf\u00e9").encode("latin-1", "replace"),
    "utf16-file": SRC.decode("utf-8").encode("utf-16"),
    "duplicate-top-key": _swap(b'"unit":', b'"unit": "other",\n  "unit":'),
    "duplicate-field-key": _swap(b'"staff_actual": 42,', b'"staff_actual": 42,\n    "staff_actual": 41,'),
    "40-digit-money": _swap(b'"fund_annual": 5577.04', b'"fund_annual": 1234567890123456789012345678901234567890'),
    "40-digit-decimal-money": _swap(b'"fund_annual": 5577.04',
                                    b'"fund_annual": 5577.040000000000000000000000000000000001'),
    "exponent-overflow": _swap(b'"fund_annual": 5577.04', b'"fund_annual": 1e400'),
    "exponent-underflow": _swap(b'"fund_annual": 5577.04', b'"fund_annual": 1e-400'),
    "exponent-huge": _swap(b'"fund_annual": 5577.04', b'"fund_annual": 1e99999999999999999999'),
    "unknown-template-id": _with_template(id="no-such-template"),
    "template-version-99": _with_template(version=99),
    "template-version-string": _with_template(version="1"),
    "template-version-zero": _with_template(version=0),
    "template-id-number": _with_template(id=5),
    "no-template": _swap(b'"template"', b'"tmpl"'),
    "deep-array-10000": b"[" * 10000 + b"]" * 10000,
    "deep-object-10000": b'{"a":' * 10000 + b"1" + b"}" * 10000,
    "deep-unclosed-10000": b"[" * 10000,
    "deep-inside-session": _swap(b'"unit": "', b'"x": ' + b"[" * 10000 + b"]" * 10000 + b', "unit": "'),
    "empty": b"",
    "only-whitespace": b"  \n\t\n",
    "only-bom": b"\xef\xbb\xbf",
    "nul-bytes": b"\x00" * 64,
    "top-level-array": b"[]",
    "top-level-string": b'"hello"',
    "top-level-null": b"null",
    "trailing-garbage": SRC + b"}",
    "truncated": SRC[: len(SRC) // 2],
    "comment": b"// comment\n" + SRC,
    "nan-literal": _swap(b'"fund_annual": 5577.04', b'"fund_annual": NaN'),
    "lone-surrogate-escape": _swap(b'"unit": "', b'"unit": "\\ud800'),
    "control-char-in-string": _swap(b'"unit": "', b'"unit": "\x01'),
    "string-for-number": _swap(b'"staff_actual": 42', b'"staff_actual": "42"'),
    "unknown-top-key": _swap(b'"unit":', b'"hack": 1,\n  "unit":'),
    "indicators-object": _swap(b'"indicators": [', b'"indicators": {"a": [').replace(b'\n  ],\n  "computed"', b'\n  ]},\n  "computed"', 1),
}


def _check_untouched(tmp_path, f, before, names):
    assert snapshot(f) == before, "the file was modified"
    assert sorted(x.name for x in tmp_path.iterdir()) == names, "files were left behind"


COMMANDS = {
    "validate": lambda f: ["validate", f],
    "validate-json": lambda f: ["validate", "--json", f],
    "validate-en": lambda f: ["validate", "--lang", "en", f],
    "format": lambda f: ["format", f],
    "format-check": lambda f: ["format", "--check", f],
    "get": lambda f: ["get", f, "/computed/total"],
    "set": lambda f: ["set", f, "/unit=改"],
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file(jx, tmp_path, case):
    f = tmp_path / "hostile.json"
    f.write_bytes(HOSTILE[case])
    os.utime(f, ns=(10**18, 10**18))
    before = snapshot(f)
    for cmd, argv in COMMANDS.items():
        p = jx(*argv(f))
        assert p.returncode == 2, f"{case} / {cmd}: exit {p.returncode}\n{p.stdout[-500:]}\n{p.stderr[-500:]}"
        if cmd == "validate-json":
            report = json.loads(p.stdout)
            assert report[0]["readable"] is False and report[0]["message"]
        else:
            assert p.stderr.strip(), f"{case} / {cmd}: no message"
            assert str(f) in p.stderr, f"{case} / {cmd}: the message does not name the file"
        if cmd == "validate-en":
            assert not CJK.search(re.sub(r'"[^"]*"', "", p.stderr)), p.stderr
        _check_untouched(tmp_path, f, before, ["hostile.json"])


def test_syntax_errors_name_line_and_column(jx, tmp_path):
    for case in ["invalid-utf8", "duplicate-top-key", "deep-array-10000", "empty", "trailing-garbage"]:
        f = tmp_path / f"{case}.json"
        f.write_bytes(HOSTILE[case])
        p = jx("validate", "--lang", "en", f)
        assert p.returncode == 2
        assert re.search(r"line \d+, column \d+", p.stderr), (case, p.stderr)
    f = tmp_path / "duplicate-top-key.json"
    p = jx("validate", "--lang", "en", f)
    assert "line 7, column 3" in p.stderr and "duplicate" in p.stderr


def test_directory_path(jx, tmp_path):
    d = tmp_path / "folder.json"
    d.mkdir()
    (d / "inside.txt").write_text("x")
    for argv in (["validate", d], ["validate", "--json", d], ["format", d], ["format", "--check", d],
                 ["get", d, "/computed/total"], ["set", d, "/unit=x"],
                 ["new", "--template", "hunan-dept-overall", d]):
        p = jx(*argv)
        assert p.returncode == 2, argv
        assert d.is_dir()
        assert sorted(x.name for x in d.iterdir()) == ["inside.txt"]
    assert sorted(x.name for x in tmp_path.iterdir()) == ["folder.json"]


def test_missing_file_everywhere(jx, tmp_path):
    f = tmp_path / "missing.json"
    for argv in (["validate", f], ["format", f], ["format", "--check", f], ["get", f, "/unit"], ["set", f, "/unit=x"]):
        p = jx(*argv)
        assert p.returncode == 2, argv
        assert not f.exists()
    assert list(tmp_path.iterdir()) == []


def test_deeply_nested_row_value_in_set(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    before = snapshot(f)
    for value in ["[" * 10000, "{" * 10000, '{"name":' + "[" * 10000 + "]" * 10000 + "}"]:
        p = jx("set", f, "/indicators/-=" + value)
        assert p.returncode == 2
        _check_untouched(tmp_path, f, before, [SUINING])


def test_hostile_assignment_values(jx, tmp_path):
    f = copy_example(tmp_path, SUINING)
    before = snapshot(f)
    for a in ["/fields/fund_annual=" + "1" * 40, "/fields/fund_annual=1" + "0" * 400,
              "/fields/fund_annual=NaN",
              "/fields/fund_annual=inf", "/fields/fund_annual=0x10", "/year=99999999999999999999999",
              "/indicators/" + "9" * 30 + "/score=1", "/fields/" + "x" * 10000 + "=1"]:
        p = jx("set", f, a)
        assert p.returncode == 2, a[:60]
        _check_untouched(tmp_path, f, before, [SUINING])


def test_underflowing_decimal_is_refused(jx, tmp_path):
    """0.000…0001 with 400 zeros has far more than the 2 decimals a money field allows, like
    0.0001 (which is refused). It must be refused by `set` and reported by `validate`, not
    stored as a 403-character literal that silently counts as zero."""
    tiny = "0." + "0" * 400 + "1"
    f = copy_example(tmp_path, SUINING)
    before = snapshot(f)
    p = jx("set", f, "/fields/fund_annual=0.0001")
    assert p.returncode == 2
    assert snapshot(f) == before
    p = jx("set", f, "/fields/fund_annual=" + tiny)
    assert p.returncode == 2, "set accepted a 401-decimal amount"
    assert snapshot(f) == before
    # the same literal in a file is an error for validate
    g = copy_example(tmp_path, SUINING, "g.json")
    replace_once(g, '"fund_annual": 5577.04', '"fund_annual": ' + tiny)
    q = jx("validate", "--json", g)
    report = json.loads(q.stdout)[0]
    ptrs = [x["pointer"] for x in report["problems"] if x["severity"] == "error"]
    assert q.returncode in (1, 2)
    assert q.returncode == 2 or "/fields/fund_annual" in ptrs, ptrs


def test_huge_exponent_never_yields_nan(jx, tmp_path):
    """fund_annual written as 1e127 (one significant digit, so it passes the digit limit): the
    execution rate 5576.04 / 1e127 must not become the literal NaN.00, which is not JSON:
    `validate --json` must stay parseable and `format`/`set` must not write an unreadable file."""
    f = copy_example(tmp_path, SUINING)
    replace_once(f, '"fund_annual": 5577.04', '"fund_annual": 1e127')
    p = jx("validate", "--json", f)
    assert p.returncode in (1, 2)
    assert "NaN" not in p.stdout, "validate --json printed NaN"
    json.loads(p.stdout)
    p = jx("get", f, "/computed/total")
    assert "NaN" not in p.stdout
    jx("format", f)
    assert b"NaN" not in f.read_bytes(), "format wrote NaN into the file"
    q = jx("validate", f)
    assert q.returncode in (1, 2)
    assert "JSON" not in q.stderr, f"format left a file jixiao cannot read: {q.stderr}"


def test_a_50_mb_file_is_refused_quickly(jx, tmp_path):
    f = tmp_path / "huge.json"
    with open(f, "wb") as out:
        out.write(b'{"template": {"id": "hunan-dept-overall", "version": 1}, "unit": "')
        out.write(b"x" * (50 << 20))
        out.write(b'"}')
    before = f.stat().st_mtime_ns
    import time
    t0 = time.time()
    p = jx("validate", f)
    assert p.returncode == 2
    assert "文件过大" in p.stderr
    assert time.time() - t0 < 5
    assert f.stat().st_mtime_ns == before

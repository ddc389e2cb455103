"""Escape sequences and formulas hidden in a sheet (issue 11, items 8 and 9), against the real binary.

A sheet received from someone else can hold text a terminal obeys instead of showing: OSC 0
retitles the window, OSC 52 writes the clipboard, CSI clears the screen, DCS queries the
terminal, C1 controls do the same in one character, and U+202E makes text read backwards.
`set` refuses them; a file that has them loads, is reported, and every command shows them as
\\u001B. A CSV cell that a spreadsheet would evaluate as a formula is neutralised.
"""

import csv
import io
import json
import re
import shutil
import subprocess
import time

import pytest
from wcwidth import wcswidth

from conftest import BIN, EXAMPLES, SUINING, TEMPLATES, ZIYUAN, _env, copy_example, load_example, snapshot
from tmux_driver import Tmux

OSC0 = "abc\x1b]0;pwned\x07\u202eX"  # the issue's unit name
HOSTILE_NAMES = {
    "osc52": "培训\x1b]52;c;cHduZWQ=\x07人次",
    "csi": "\x1b[2J\x1b[31m培训人次",
    "dcs": "培训\x1bP+q544e\x1b\\人次",
    "c1": "培训\x9b31m人次",
    "bidi": "培训\u202e次人",
    "isolate": "培训\u2066人次\u2069",
}
# Bidi controls, as UTF-8: none may reach a terminal raw.
BIDI = [chr(c).encode() for c in (0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)]


def run_bytes(*args, cwd=None):
    """Runs the binary and keeps its output as bytes: what a terminal would receive."""
    argv = [BIN] + [str(a) for a in args]
    p = subprocess.run(argv, capture_output=True, env=_env(), cwd=cwd, timeout=30)
    assert p.returncode >= 0, f"killed by signal {-p.returncode}: {argv}"
    return p


def assert_harmless(data, what, allowed=b""):
    """No ESC, BEL, NUL, other C0 controls but line breaks (and what `allowed` names), C1
    controls (UTF-8 C2 80–C2 9F) or bidi controls."""
    for b in set(range(0x20)) - {0x0A} - set(allowed):
        assert bytes([b]) not in data, f"{what}: raw 0x{b:02X} in {data[:400]!r}"
    assert b"\x7f" not in data, f"{what}: raw DEL"
    m = re.search(rb"\xc2[\x80-\x9f]", data)
    assert m is None, f"{what}: raw C1 control {m.group()!r} in {data[:400]!r}"
    for b in BIDI:
        assert b not in data, f"{what}: raw bidi control {b!r} in {data[:400]!r}"


def assert_fits(text, width, what):
    """A text printout is laid out on what is shown: every line, escapes included, within the width."""
    for line in text.split("\n"):
        assert 0 <= wcswidth(line) <= width, f"{what}: {wcswidth(line)} columns > {width}: {line}"


def hostile_sheet(tmp_path, name=SUINING):
    """Suining written as another program might: \\u001b escapes in the JSON text."""
    doc = load_example(SUINING)
    doc["unit"] = OSC0
    doc["indicators"][0]["name"] = HOSTILE_NAMES["osc52"]
    doc["indicators"][1]["name"] = HOSTILE_NAMES["c1"]
    doc["indicators"][2]["target"] = HOSTILE_NAMES["csi"]
    doc["indicators"][3]["actual"] = "19\x00"
    doc["indicators"][0]["deviation"] = "原因\r\n措施" + HOSTILE_NAMES["dcs"]
    doc["fields"]["goal_planned"] = "第一行\n" + HOSTILE_NAMES["isolate"]
    doc.pop("computed", None)
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=True, indent=2) + "\n", encoding="utf-8")
    assert b"\\u001b" in path.read_bytes() and b"\x1b" not in path.read_bytes()
    return path


# --- item 8: refused on input ---------------------------------------------------------------

@pytest.mark.parametrize("lang,label", [("zh", "单位名称"), ("en", "Unit")])
def test_set_refuses_the_issues_unit_name_and_names_the_field(tmp_path, binary, lang, label):
    f = copy_example(tmp_path, SUINING)
    before = snapshot(f)
    p = run_bytes("set", f, "/unit=" + OSC0, "--lang", lang)
    assert p.returncode == 2, p.stderr.decode()
    assert snapshot(f) == before, "the file is unchanged"
    err = p.stderr.decode()
    assert "/unit" in err and label in err and "U+001B" in err, err
    assert_harmless(p.stdout + p.stderr, "set")


@pytest.mark.parametrize("kind", sorted(HOSTILE_NAMES))
def test_set_refuses_escapes_in_an_indicator_name(tmp_path, binary, kind):
    f = copy_example(tmp_path, SUINING)
    before = snapshot(f)
    for pointer in ("/indicators/0/name", "/indicators/-/name"):
        p = run_bytes("set", f, f"{pointer}={HOSTILE_NAMES[kind]}")
        assert p.returncode == 2, p.stderr.decode()
        err = p.stderr.decode()
        assert pointer in err and "三级指标" in err and re.search(r"U\+[0-9A-F]{4}", err), err
        assert_harmless(p.stdout + p.stderr, f"set {kind}")
    # A whole row given as JSON, with the escape written as JSON does.
    row = json.dumps({"level1": "产出指标", "level2": "数量指标", "name": HOSTILE_NAMES[kind]}, ensure_ascii=True)
    p = run_bytes("set", f, f"/indicators/-={row}")
    assert p.returncode == 2 and "三级指标" in p.stderr.decode(), p.stderr.decode()
    assert_harmless(p.stdout + p.stderr, f"set row {kind}")
    assert snapshot(f) == before


def test_set_refuses_a_tab_in_one_line_text_and_keeps_line_breaks_in_long_text(tmp_path, binary):
    f = copy_example(tmp_path, SUINING)
    p = run_bytes("set", f, "/indicators/0/target=≥20\t期")
    assert p.returncode == 2 and "单行文字" in p.stderr.decode() and "U+0009" in p.stderr.decode(), p.stderr.decode()
    p = run_bytes("set", f, "/indicators/0/deviation=原因\r\n措施")
    assert p.returncode == 0, p.stderr.decode()
    assert json.loads(f.read_text(encoding="utf-8"))["indicators"][0]["deviation"] == "原因\n措施"


# --- item 8: reported on load, shown harmless everywhere --------------------------------------

def test_a_hostile_file_loads_and_validate_reports_each_value(tmp_path, binary):
    f = hostile_sheet(tmp_path)
    p = run_bytes("validate", f)
    assert p.returncode == 1, p.stderr.decode()
    assert_harmless(p.stdout + p.stderr, "validate")
    out = p.stdout.decode()
    for pointer, char in [("/unit", "U+001B"), ("/indicators/0/name", "U+001B"), ("/indicators/1/name", "U+009B"),
                          ("/indicators/2/target", "U+001B"), ("/indicators/3/actual", "U+0000"),
                          ("/indicators/0/deviation", "U+001B"), ("/fields/goal_planned", "U+2066")]:
        assert re.search(rf"错误 {re.escape(pointer)}: .*{re.escape(char)}", out), f"{pointer} {char} not reported:\n{out}"

    p = run_bytes("validate", "--json", f)
    assert p.returncode == 1
    assert_harmless(p.stdout + p.stderr, "validate --json")
    reports = json.loads(p.stdout)
    codes = {(q["pointer"], q["code"]) for q in reports[0]["problems"]}
    assert ("/unit", "control-character") in codes, codes
    assert ("/indicators/1/name", "control-character") in codes, codes


def test_get_and_every_print_format_show_the_escapes(tmp_path, binary):
    f = hostile_sheet(tmp_path)
    p = run_bytes("get", f, "/unit")
    assert p.returncode == 0
    assert p.stdout.decode() == "abc\\u001B]0;pwned\\u0007\\u202EX\n"
    for pointer in ("/indicators/0/name", "/indicators/1/name", "/indicators/0/deviation", "/indicators/0"):
        p = run_bytes("get", f, pointer)
        assert p.returncode == 0
        assert_harmless(p.stdout + p.stderr, f"get {pointer}")
    for fmt in ("text", "markdown", "csv"):
        p = run_bytes("print", f, "--format", fmt, "--width", 80)
        assert p.returncode == 0, p.stderr.decode()
        # CSV's own line ends are CR LF; nothing else of the kind.
        assert_harmless(p.stdout + p.stderr, f"print {fmt}", allowed=b"\r" if fmt == "csv" else b"")
        assert b"\\u001B" in p.stdout and b"pwned" in p.stdout, fmt
        assert b"\\u000D" not in p.stdout, f"{fmt}: a line break of the printout's own shown as an escape"
        if fmt == "text":
            assert_fits(p.stdout.decode(), 80, "print")
    p = run_bytes("print", f, "--page-length", 40)
    assert p.returncode == 0
    assert_harmless(p.stdout, "print paged", allowed=b"\f")
    assert p.stdout.count(b"\f") >= 2, "page breaks are the printout's own and stay"


def test_csv_on_stdout_keeps_its_crlf_record_ends(tmp_path, binary):
    p = run_bytes("print", EXAMPLES / SUINING, "--format", "csv")
    assert p.returncode == 0
    assert b"\\u000D" not in p.stdout
    assert p.stdout.endswith(b"\r\n") and p.stdout.count(b"\r\n") > 20
    assert b"\r" not in p.stdout.replace(b"\r\n", b""), "every CR ends a record"
    rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8").lstrip("\ufeff"), newline="")))
    assert all(len(r) >= 3 for r in rows)


def test_template_titles_with_escapes_are_shown_harmless(tmp_path, binary):
    folder = tmp_path / "templates"
    folder.mkdir()
    t = json.loads((TEMPLATES / "hunan-dept-overall.json").read_text(encoding="utf-8"))
    t["id"] = "evil-dept"
    t["title"] = "{year}年度\x1b]0;pwned\x07\u202e自评表"
    t["region"] = "湖南\x9b31m"
    # The form prints each sheet under its own title.
    for sheet in t["form"]["sheets"]:
        sheet["title"] = t["title"]
    (folder / "evil-dept.json").write_text(json.dumps(t, ensure_ascii=True, indent=2), encoding="utf-8")
    p = run_bytes("templates", "--templates", folder)
    assert p.returncode == 0, p.stderr.decode()
    assert_harmless(p.stdout + p.stderr, "templates")
    assert "年度\\u001B]0;pwned\\u0007\\u202E自评表" in p.stdout.decode()
    sheet = tmp_path / "e.json"
    p = run_bytes("new", "--templates", folder, "--template", "evil-dept", "--unit", "某单位", "--year", 2024, sheet)
    assert p.returncode == 0, p.stderr.decode()
    assert_harmless(p.stdout + p.stderr, "new")
    for fmt in ("text", "markdown", "csv"):
        p = run_bytes("print", "--templates", folder, sheet, "--format", fmt, "--width", 60)
        assert_harmless(p.stdout + p.stderr, f"print {fmt} of the template", allowed=b"\r" if fmt == "csv" else b"")
        assert b"\\u001B" in p.stdout
        if fmt == "text":
            assert_fits(p.stdout.decode(), 60, "print")
            title = next(line for line in p.stdout.decode().split("\n") if "pwned" in line)
            shown = title.strip()
            assert shown == "2024年度\\u001B]0;pwned\\u0007\\u202E自评表", title
            assert len(title) - len(shown) == (60 - wcswidth(shown)) // 2, f"the title is centred on what is shown: {title!r}"


def test_file_names_with_escapes_are_shown_harmless_in_messages(tmp_path, binary):
    missing = tmp_path / "gone\x1b]0;pwned\x07\u202e.json"
    broken = tmp_path / "bad\x1b[2J\x9b.json"
    broken.write_text("{ not json", encoding="utf-8")
    hostile = shutil.copyfile(hostile_sheet(tmp_path), tmp_path / "s\x1b]52;c;eA==\x07.json")
    for args in (("validate", missing), ("get", missing, "/unit"), ("print", missing), ("validate", broken),
                 ("set", broken, "/unit=x"), ("format", broken), ("validate", hostile), ("set", hostile, "/unit=" + OSC0)):
        p = run_bytes(*args)
        assert p.returncode in (1, 2), (args, p.returncode)
        assert_harmless(p.stdout + p.stderr, " ".join(map(str, args[:1])))
        assert b"\\u001B" in p.stdout + p.stderr, (args, p.stderr)


# --- item 9: formula injection in CSV ---------------------------------------------------------

def test_csv_neutralises_a_formula_named_indicator_and_keeps_negative_figures(tmp_path, binary):
    f = copy_example(tmp_path, SUINING)
    formula = "@SUM(1+1)*cmd|' /C calc'!A0"
    p = run_bytes("set", f, f"/indicators/0/name={formula}", "/indicators/1/name==HYPERLINK(\"http://x\")",
                  "/indicators/2/target=-5", "/indicators/3/actual=+1")
    assert p.returncode == 0, p.stderr.decode()
    p = run_bytes("print", f, "--format", "csv")
    assert p.returncode == 0
    rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8").lstrip("\ufeff"))))
    cells = [c for r in rows for c in r]
    assert "'" + formula in cells and formula not in cells
    assert "'=HYPERLINK(\"http://x\")" in cells
    assert "'-5" in cells and "'+1" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], "no text cell a spreadsheet evaluates"

    z = copy_example(tmp_path, ZIYUAN)
    p = run_bytes("set", z, "/fields/dept_adjustment=-1,234.50", f"/tables/projects/0/name={formula}")
    assert p.returncode == 0, p.stderr.decode()
    p = run_bytes("print", z, "--format", "csv")
    rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8").lstrip("\ufeff"))))
    adjustment = next(r for r in rows if "年度预算调整" in r)
    assert "-1234.50" in adjustment, adjustment  # a figure stays a number
    assert any(r for r in rows if "'" + formula in r)


# --- item 8: the editor, in a real terminal ---------------------------------------------------

@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make deps installs it)")
def test_the_editor_draws_escapes_visibly_and_obeys_none(tmp_path, binary):
    f = hostile_sheet(tmp_path)
    env = {k: v for k, v in _env().items() if k in ("JIXIAO_TEMPLATES", "XDG_DATA_HOME")}
    t = Tmux(tmp_path, binary, [f], width=120, height=40, env=env)
    try:
        t.tmux("set-option", "-t", "t", "set-titles", "on")
        screen = t.wait_for("abc\\u001B]0;pwned\\u0007\\u202EX")
        assert "\u202e" not in screen and "\x1b" not in screen
        title = t.tmux("display-message", "-p", "-t", "t", "#{pane_title}").stdout
        assert "pwned" not in title, title
        t.keys("F6", "F6", "F6", "F6")  # 绩效指标
        screen = t.wait_for("培训\\u001B]52;c;")
        assert "培训\\u009B31m人次" in screen, screen
        assert not re.search("[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", screen), screen
        # Typing a bidi control into a cell is refused with a message naming it.
        t.keys("Right", "Right")  # 三级指标 of the first row
        t.text("新\u202e名")
        t.keys("Enter")
        t.wait_for("U+202E")
        t.keys("Escape")
        time.sleep(0.2)  # Escape followed at once by another key reads as Alt
        t.keys("C-q")  # nothing was changed: quits without asking
        assert t.exit_status() == 0
    finally:
        t.close()
    assert json.loads(f.read_text(encoding="utf-8"))["indicators"][0]["name"] == HOSTILE_NAMES["osc52"]

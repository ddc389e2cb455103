"""Files that are not what they seem, and writes that must not happen: FIFOs and devices
where a sheet belongs, a save the program could not read back, a printout over a sheet, a
read-only sheet, temporary files left by a killed save, a journal older than the file."""

import json
import os
import signal
import stat
import subprocess
import time

import pytest

from conftest import BIN, EXAMPLES, SUINING, _env, copy_example, run_jx
from pty_editor import PtyEditor


@pytest.mark.parametrize("args", [
    ["validate", "{f}"], ["print", "{f}"], ["get", "{f}", "/year"], ["set", "{f}", "/year=2020"],
    ["format", "{f}"], ["edit", "{f}"], ["review", "{f}"], ["print", "{f}", "--format", "csv"],
], ids=lambda a: a[0] + ("-csv" if "csv" in a else ""))
def test_a_fifo_is_refused_at_once(tmp_path, args):
    f = tmp_path / "f.json"
    os.mkfifo(f)
    started = time.time()
    p = run_jx(*[a.format(f=f) for a in args], timeout=10)
    assert time.time() - started < 5
    assert p.returncode == 2
    assert "FIFO" in p.stderr, p.stderr
    assert stat.S_ISFIFO(os.stat(f).st_mode)  # left as it was


def test_a_device_is_refused(tmp_path):
    p = run_jx("validate", "/dev/zero", timeout=10)
    assert p.returncode == 2 and "字符设备" in p.stderr, p.stderr
    p = run_jx("print", EXAMPLES / SUINING, "--output", "/dev/null")
    assert p.returncode == 2 and "字符设备" in p.stderr, p.stderr


def test_a_fifo_among_the_templates_is_reported_not_waited_for(tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    os.mkfifo(folder / "x.json")
    p = run_jx("templates", "--templates", folder, timeout=10)
    assert p.returncode == 2 and "FIFO" in p.stderr, p.stderr
    assert "hunan-dept-overall" in p.stdout


def swelling_sheet(path, megabytes):
    """Seed 000 whose 年初目标 is `megabytes` MB of U+2028 (LINE SEPARATOR): the file loads,
    but saved it would be twice as large, since the writer escapes each one as \\u2028 (six
    bytes for three) for the sake of JavaScript-based viewers."""
    doc = json.loads((EXAMPLES / SUINING).read_text(encoding="utf-8"))
    doc.pop("computed", None)
    doc["fields"]["goal_planned"] = "\u2028" * int(megabytes * 1_000_000 / 3)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_nothing_is_saved_that_the_program_could_not_read_back(tmp_path):
    f = swelling_sheet(tmp_path / "big.json", 9)
    before = f.read_bytes()
    assert len(before) < 16 << 20
    p = run_jx("set", f, "/year=2025", timeout=60)
    assert p.returncode == 2
    assert "16 MB" in p.stderr and "未写入" in p.stderr, p.stderr
    assert f.read_bytes() == before
    assert run_jx("get", f, "/year", timeout=60).stdout.strip() == "2024"  # still readable
    assert [x for x in os.listdir(tmp_path) if x != "big.json"] == []  # no temporary file left


def test_a_printout_never_replaces_a_sheet(tmp_path):
    f = copy_example(tmp_path, SUINING)
    other = copy_example(tmp_path, SUINING, "other.json")
    before = f.read_bytes()
    for target in (f, other):
        p = run_jx("print", f, "--output", target)
        assert p.returncode == 2, p.stderr
        assert "不会用打印结果覆盖" in p.stderr
    assert f.read_bytes() == before and other.read_bytes() == before
    link = tmp_path / "link.json"
    os.symlink(f, link)
    assert run_jx("print", f, "--output", link).returncode == 2
    assert f.read_bytes() == before
    p = run_jx("print", f, "--output", tmp_path / "out.txt")
    assert p.returncode == 0 and "总分" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_a_read_only_sheet_is_not_replaced(tmp_path):
    f = copy_example(tmp_path, SUINING)
    os.chmod(f, 0o444)
    before = f.read_bytes()
    for args in (["set", f, "/year=2030"], ["set", "--force", f, "/year=2030"]):
        p = run_jx(*args)
        assert p.returncode == 2 and "只读" in p.stderr, p.stderr
    doc = json.loads(before)
    doc["unit"] = "格式不规范"
    f.chmod(0o644)
    f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    f.chmod(0o444)
    before = f.read_bytes()
    p = run_jx("format", f)
    assert p.returncode == 2 and "只读" in p.stderr, p.stderr
    assert f.read_bytes() == before


def dead_pid():
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def test_temporary_files_of_a_killed_save_are_cleaned_up_at_the_next(tmp_path):
    f = copy_example(tmp_path, SUINING)
    stale = tmp_path / f".{f.name}.jixiao-{dead_pid()}-abcdefgh.tmp"
    alive = tmp_path / f".{f.name}.jixiao-{os.getpid()}-abcdefgh.tmp"
    fresh = tmp_path / f".{f.name}.jixiao-{dead_pid()}-ijklmnop.tmp"
    foreign = tmp_path / f".{f.name}.123456.tmp"  # not our name: never touched
    for p in (stale, alive, fresh, foreign):
        p.write_text("{half a sheet")
    an_hour_ago = time.time() - 3600
    for p in (stale, alive, foreign):
        os.utime(p, (an_hour_ago, an_hour_ago))
    assert run_jx("set", f, "/year=2030").returncode == 0
    left = set(os.listdir(tmp_path))
    assert stale.name not in left
    assert {alive.name, fresh.name, foreign.name} <= left  # a live writer's, one just written, another program's


def test_a_journal_older_than_a_set_is_not_restored_silently(tmp_path, binary):
    f = copy_example(tmp_path, SUINING)
    ed = PtyEditor([binary, "edit", f], _env())
    journal = tmp_path / f".{f.name}.recovery.json"
    try:
        assert ed.wait_for("总分 91.00")
        ed.send("\x1b[B2017\r")
        deadline = time.time() + 5
        while not journal.exists() and time.time() < deadline:
            ed.pump(0.1)
        assert journal.exists()
        os.kill(ed.proc.pid, signal.SIGKILL)
    finally:
        ed.close()
    assert run_jx("set", f, "/unit=后来改过的单位").returncode == 0
    ed = PtyEditor([binary, "edit", f], _env())
    try:
        assert ed.wait_for("文件在恢复文件写入之后被修改过"), ed.seen[-800:]
        assert ed.wait_for("/unit") and ed.wait_for("后来改过的单位")
        ed.send("q")
        assert ed.wait_for("但文件之后又被修改过"), ed.seen[-800:]
        ed.send("d")
        assert ed.wait_for("已丢弃")
    finally:
        ed.close()
    assert json.loads(f.read_text(encoding="utf-8"))["unit"] == "后来改过的单位"

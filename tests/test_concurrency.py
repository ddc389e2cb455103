"""Two writers at once: scripts running `jixiao set` side by side, an editor and a script,
two editors started at the same moment. The sheet's lock is the kernel's (flock on
.NAME.lock), so exactly one writer at a time, and nothing lost."""

import fcntl
import json
import os
import socket
import subprocess
import threading
import time

import pytest

from conftest import BIN, SUINING, _env, copy_example, run_jx
from pty_editor import PtyEditor


def rows(f):
    return json.loads(f.read_text(encoding="utf-8"))["indicators"]


def dead_pid():
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def lock_of(f):
    return f.parent / f".{f.name}.lock"


def test_two_scripts_appending_rows_at_once_lose_nothing(tmp_path):
    f = copy_example(tmp_path, SUINING)
    start = len(rows(f))
    failures = []

    def append(tag):
        for n in range(30):
            row = json.dumps({"level1": "产出指标", "level2": "数量指标", "name": f"{tag}{n}", "weight": 0, "score": 0}, ensure_ascii=False)
            p = run_jx("set", f, f"/indicators/-={row}")
            if p.returncode != 0:
                failures.append(p.stderr)

    threads = [threading.Thread(target=append, args=(tag,)) for tag in ("甲", "乙")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:3]
    names = [r["name"] for r in rows(f)]
    assert len(names) == start + 60, f"{start + 60 - len(names)} rows lost"
    for tag in ("甲", "乙"):
        assert [x for x in names if x.startswith(tag)] == [f"{tag}{n}" for n in range(30)]
    assert not lock_of(f).exists()


def big_sheet(tmp_path, name, extra=1500):
    """Seed 000 with 1,500 rows more: a read, change and write that takes long enough for
    two scripts to overlap as they would on a slower machine."""
    f = copy_example(tmp_path, SUINING, name)
    doc = json.loads(f.read_text(encoding="utf-8"))
    doc["indicators"] += [{"level1": "产出指标", "level2": "数量指标", "name": f"行{n}", "target": "1", "actual": "1",
                           "weight": 0, "score": 0, "deviation": ""} for n in range(extra)]
    doc.pop("computed", None)
    f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return f


def test_two_scripts_setting_different_fields_both_win(tmp_path):
    """The second script goes on after the first is done: a write of it that read the sheet
    before the first script's last write must not bring the old value back."""
    for n in range(2):
        f = big_sheet(tmp_path, f"s{n}.json")

        def loop(pointer, values):
            for v in values:
                assert run_jx("set", f, f"{pointer}={v}").returncode == 0

        a = threading.Thread(target=loop, args=("/fields/staff_actual", range(1, 9)))
        b = threading.Thread(target=loop, args=("/unit", [f"单位{n}" for n in range(1, 17)]))
        a.start(); b.start(); a.join(); b.join()
        doc = json.loads(f.read_text(encoding="utf-8"))
        assert (doc["fields"]["staff_actual"], doc["unit"]) == (8, "单位16"), f"try {n}: a stale value came back"


def hold(lock, holder):
    """Holds a sheet's lock as another jixiao would: flock, and who holds it in the file."""
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.write(fd, json.dumps(holder).encode())
    return fd


def test_set_waits_for_another_set_and_then_writes(tmp_path):
    f = copy_example(tmp_path, SUINING)
    fd = hold(lock_of(f), {"user": "u", "host": socket.gethostname(), "pid": os.getpid(), "since": "now", "command": "set"})
    threading.Timer(0.5, lambda: (os.unlink(lock_of(f)), os.close(fd))).start()
    started = time.time()
    p = run_jx("set", f, "/year=2031")
    assert p.returncode == 0, p.stderr
    assert time.time() - started >= 0.4, "set did not wait for the other writer"
    assert json.loads(f.read_text(encoding="utf-8"))["year"] == 2031


def test_set_refuses_a_sheet_an_editor_holds_and_names_it(tmp_path):
    f = copy_example(tmp_path, SUINING)
    before = f.read_bytes()
    ed = PtyEditor([BIN, "edit", f], _env())
    try:
        assert ed.wait_for("总分 91.00")
        started = time.time()
        p = run_jx("set", f, "/year=2031")
        assert p.returncode == 2
        assert time.time() - started < 5, "an editor's lock is not waited for"
        assert "编辑器" in p.stderr and f"进程 {ed.proc.pid}" in p.stderr, p.stderr
        assert f.read_bytes() == before
        p = run_jx("format", f)
        assert p.returncode == 2 and f.read_bytes() == before
        p = run_jx("set", "--lang", "en", f, "/year=2031")
        assert "open in an editor" in p.stderr and f"process {ed.proc.pid}" in p.stderr, p.stderr
        # --force: the user's explicit choice; the editor will notice on its next save.
        p = run_jx("set", "--force", f, "/year=2031")
        assert p.returncode == 0, p.stderr
        assert json.loads(f.read_text(encoding="utf-8"))["year"] == 2031
    finally:
        ed.close()


def test_editors_started_together_on_a_stale_lock_exactly_one_writes(tmp_path):
    for n in range(8):
        f = copy_example(tmp_path, SUINING, f"s{n}.json")
        # A lock left by a process that is gone: the kernel lock died with it.
        lock_of(f).write_text(json.dumps({"user": "ghost", "host": socket.gethostname(), "pid": dead_pid(), "since": "then"}))
        editors = [PtyEditor([BIN, "edit", f], _env()) for _ in range(4)]
        try:
            for e in editors:
                assert e.wait_for("总分 91.00"), e.seen[-500:]
                e.wait_for("只读", timeout=0.3)
            writable = [not e.has("只读") for e in editors]
            assert writable.count(True) == 1, f"try {n}: writable: {writable}"
        finally:
            for e in editors:
                e.close()


def test_an_empty_lock_of_a_live_editor_is_not_taken_for_stale(tmp_path):
    """The moment between creating a lock file and writing who holds it (or a full disk,
    below): the lock file is empty while its editor runs. Nobody may take that for stale."""
    f = copy_example(tmp_path, SUINING)
    first = PtyEditor([BIN, "edit", f], _env())
    second = None
    try:
        assert first.wait_for("总分 91.00")
        os.truncate(lock_of(f), 0)
        second = PtyEditor([BIN, "edit", f], _env())
        assert second.wait_for("总分 91.00")
        assert second.wait_for("以只读方式打开"), second.seen[-800:]
        assert not first.has("只读")
    finally:
        first.close()
        if second:
            second.close()


def test_a_lock_whose_holder_cannot_be_written_still_excludes(tmp_path, full_disk):
    """A full disk: the lock file stays empty. The kernel's lock holds all the same, the
    first editor says it could not write who holds it, and a second opens read-only."""
    editors = []
    try:
        f = full_disk.path / "s.json"
        f.write_bytes(copy_example(tmp_path, SUINING).read_bytes())
        full_disk.fill()
        first = PtyEditor([BIN, "edit", f], _env())
        editors.append(first)
        assert first.wait_for("总分 91.00")
        assert first.wait_for("无法写入持有人"), first.seen[-800:]
        assert lock_of(f).exists() and lock_of(f).stat().st_size == 0
        second = PtyEditor([BIN, "edit", f], _env())
        editors.append(second)
        assert second.wait_for("以只读方式打开"), second.seen[-800:]
        assert run_jx("set", f, "/year=2031").returncode == 2
    finally:
        for e in editors:
            e.close()

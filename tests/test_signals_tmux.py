"""Signals at bad moments: SIGHUP, SIGTERM, SIGINT and a closed terminal right after a
committed edit. The handler only wakes the main loop, which writes the recovery journal
before the process goes, so no committed edit is lost, however soon the signal comes.
The real editor in tmux; each case is tried more than once."""

import json
import os
import signal
import shutil
import subprocess
import threading
import time

import pytest

from conftest import SUINING, copy_example, editor_pid

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make deps installs it)")

TRIES = 2


def gone(pid, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)
    return False


def journal_of(f):
    p = f.parent / f".{f.name}.recovery.json"
    assert p.exists(), "no recovery journal was written"
    doc = json.loads(p.read_text(encoding="utf-8"))
    return doc.get("session", doc)  # (a journal of an earlier version is the session itself)


def type_year(t, year):
    """单位信息 › 年度: typed, then committed with Enter (returns at once, as a user would go on)."""
    t.wait_for("总分 91.00")
    t.keys("Down")
    t.text(year)
    t.wait_for(year)


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT], ids=["HUP", "TERM", "INT"])
@pytest.mark.parametrize("delay_ms", [0, 20, 50])
def test_a_signal_just_after_enter_keeps_the_edit(tmux, tmp_path, sig, delay_ms):
    for n in range(TRIES):
        f = copy_example(tmp_path, SUINING, f"s{n}.json")
        before = f.read_bytes()
        t = tmux(f, name=f"try{n}")
        type_year(t, "2017")
        pid = editor_pid(f)
        t.keys("Enter")
        time.sleep(delay_ms / 1000)
        os.kill(pid, sig)
        assert t.exit_status() == 128 + sig, "the editor must end by the signal it was sent"
        assert f.read_bytes() == before  # never saved
        assert journal_of(f)["year"] == 2017, f"try {n}: the edit committed {delay_ms} ms before the signal was lost"
        # The terminal was given back: the shell after it ran and wrote the exit status.


def test_a_closed_terminal_just_after_enter_keeps_the_edit(tmux, tmp_path):
    for n in range(TRIES + 1):
        f = copy_example(tmp_path, SUINING, f"s{n}.json")
        t = tmux(f, name=f"try{n}")
        type_year(t, "2017")
        pid = editor_pid(f)
        t.keys("Enter")
        time.sleep(0.05)
        t.tmux("kill-server")  # the window is closed: the pty goes away, SIGHUP to the editor
        assert gone(pid), "the editor kept running after its terminal was closed"
        assert journal_of(f)["year"] == 2017, f"try {n}: the edit was lost when the terminal closed"


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["HUP", "TERM"])
def test_a_signal_while_cursor_keys_keep_arriving_keeps_the_edit(tmux, tmp_path, sig):
    for n in range(TRIES):
        f = copy_example(tmp_path, SUINING, f"s{n}.json")
        t = tmux(f, name=f"try{n}")
        type_year(t, "2017")
        pid = editor_pid(f)
        t.keys("Enter")
        stop = threading.Event()

        def press():
            while not stop.is_set():
                t.keys("Down", "Up", "Right", "Left")

        presser = threading.Thread(target=press)
        presser.start()
        try:
            time.sleep(0.05)
            os.kill(pid, sig)
            assert gone(pid), "the editor did not end while keys kept arriving"
        finally:
            stop.set()
            presser.join()
        assert journal_of(f)["year"] == 2017, f"try {n}: the edit was lost while keys kept arriving"


def test_a_clean_sheet_leaves_no_journal_when_a_signal_ends_the_editor(tmux, tmp_path):
    f = copy_example(tmp_path, SUINING)
    t = tmux(f)
    t.wait_for("总分 91.00")
    os.kill(editor_pid(f), signal.SIGTERM)
    assert t.exit_status() == 128 + signal.SIGTERM
    assert not (f.parent / f".{f.name}.recovery.json").exists()
    assert not (f.parent / f".{f.name}.lock").exists()  # given back on the way out


def test_a_signal_while_a_value_is_typed_keeps_it_in_the_journal(tmux, tmp_path):
    """No Enter yet: what is on the edit line goes to the journal (not to the sheet), as
    Enter would have kept it."""
    f = copy_example(tmp_path, SUINING)
    before = f.read_bytes()
    t = tmux(f)
    type_year(t, "2016")
    os.kill(editor_pid(f), signal.SIGHUP)
    assert t.exit_status() == 128 + signal.SIGHUP
    assert f.read_bytes() == before
    assert journal_of(f)["year"] == 2016

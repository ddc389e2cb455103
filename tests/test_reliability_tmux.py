"""Never lose a sheet: recovery after kill -9 and SIGHUP, locks, failed saves, backups.
The real editor in tmux, the file checked on disk."""

import json
import os
import shutil
import signal
import subprocess
import time

import pytest

from conftest import EXAMPLES, SUINING, _env, copy_example, editor_pid, run_jx

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make deps installs it)")


def edit_staff_actual(t, value):
    """Go to 基础数据表 › 实际在职人数 and commit a value."""
    t.keys("F6")
    t.wait_for("实际在职人数")
    t.keys("Down")
    t.text(value)
    t.keys("Enter")
    t.wait_for(f" {value} ")


def recovery_file(f):
    return f.parent / f".{f.name}.recovery.json"


def test_kill_9_loses_no_committed_edit(tmux, tmp_path):
    f = copy_example(tmp_path, SUINING)
    before = f.read_bytes()
    t = tmux(f)
    t.wait_for("总分 91.00")
    edit_staff_actual(t, "47")
    time.sleep(1.1)
    os.kill(editor_pid(f), signal.SIGKILL)
    t.exit_status()
    assert f.read_bytes() == before  # never saved
    assert recovery_file(f).exists()
    t2 = tmux(f, name="again")
    t2.wait_for("发现上次未保存的修改")
    t2.text("v")
    t2.wait_for("/fields/staff_actual")
    t2.keys("q")
    t2.wait_for("r 恢复")
    t2.text("r")
    t2.wait_for("已恢复")
    t2.keys("C-s")
    t2.wait_for("已保存")
    t2.keys("C-q")
    assert t2.exit_status() == 0
    assert json.loads(f.read_text(encoding="utf-8"))["fields"]["staff_actual"] == 47
    assert not recovery_file(f).exists()
    assert (tmp_path / (f.name + ".bak")).read_bytes() == before  # the previous version is kept


def test_sighup_restores_the_terminal_exits_nonzero_and_keeps_the_edits(tmux, tmp_path):
    f = copy_example(tmp_path, SUINING)
    t = tmux(f)
    t.wait_for("总分 91.00")
    edit_staff_actual(t, "48")
    time.sleep(1.1)  # every committed edit is in the journal within a second
    os.kill(editor_pid(f), signal.SIGHUP)
    assert t.exit_status() != 0
    assert recovery_file(f).exists()
    # The terminal is back in its normal mode: the shell sees cooked input again.
    t2 = tmux(f, name="again")
    t2.wait_for("发现上次未保存的修改")
    t2.text("d")
    t2.wait_for("已丢弃")
    assert not recovery_file(f).exists()
    t2.keys("C-q")
    assert t2.exit_status() == 0


def test_a_second_editor_opens_read_only_and_a_dead_lock_is_taken_over(tmux, tmp_path):
    f = copy_example(tmp_path, SUINING)
    first = tmux(f, name="first")
    first.wait_for("总分 91.00")
    second = tmux(f, name="second")
    second.wait_for("以只读方式打开")
    second.wait_for("审阅")
    second.keys("C-q")
    assert second.exit_status() == 0
    os.kill(editor_pid(f), signal.SIGKILL)
    first.exit_status()
    lock = f.parent / f".{f.name}.lock"
    assert lock.exists()  # left behind by the killed editor
    third = tmux(f, name="third")
    third.wait_for("已接管")
    third.keys("C-q")
    assert third.exit_status() == 0
    assert not lock.exists()


def test_a_file_replaced_behind_the_editors_back_is_not_overwritten_silently(tmux, tmp_path):
    f = copy_example(tmp_path, SUINING)
    t = tmux(f)
    t.wait_for("总分 91.00")
    edit_staff_actual(t, "49")
    other = f.read_text(encoding="utf-8").replace('"unit": "中共绥宁县委组织部"', '"unit": "别的工具改过"')
    tmp = tmp_path / "other.json"
    tmp.write_text(other, encoding="utf-8")
    os.replace(tmp, f)
    t.keys("C-s")
    t.wait_for("被其他程序修改")
    assert "别的工具改过" in f.read_text(encoding="utf-8")
    t.keys("C-s")
    t.wait_for("已保存")
    doc = json.loads(f.read_text(encoding="utf-8"))
    assert doc["fields"]["staff_actual"] == 49
    t.keys("C-q")
    assert t.exit_status() == 0


def test_a_path_that_became_a_folder_keeps_the_editor_open(tmux, tmp_path):
    f = copy_example(tmp_path, SUINING)
    t = tmux(f)
    t.wait_for("总分 91.00")
    edit_staff_actual(t, "45")
    f.unlink()
    f.mkdir()
    t.keys("C-s")
    t.wait_for("被其他程序修改或替换")  # replaced behind the editor's back: asked first
    t.keys("C-s")
    t.wait_for("保存失败")
    t.wait_for("[已修改]")  # the edits are still there
    f.rmdir()
    t.keys("C-s")
    t.wait_for("已保存")
    assert json.loads(f.read_text(encoding="utf-8"))["fields"]["staff_actual"] == 45
    t.keys("C-q")
    assert t.exit_status() == 0


def test_a_full_disk_keeps_the_old_file_whole(tmux, full_disk):
    f = full_disk.path / "s.json"
    shutil.copy(EXAMPLES / SUINING, f)
    before = f.read_bytes()
    filler = full_disk.fill()  # the next save cannot fit
    t = tmux(f)
    t.wait_for("总分 91.00")
    edit_staff_actual(t, "46")
    t.keys("C-s")
    t.wait_for("磁盘已满")
    assert f.read_bytes() == before  # the old version, whole
    assert not [p for p in os.listdir(full_disk.path) if p.endswith(".tmp")]
    filler.unlink()
    t.keys("C-s")
    t.wait_for("已保存")
    assert json.loads(f.read_text(encoding="utf-8"))["fields"]["staff_actual"] == 46
    t.keys("C-q")
    assert t.exit_status() == 0


def test_a_terminal_that_goes_away_stops_the_editor_and_keeps_the_edits(tmp_path, binary):
    """The SSH link drops: the pty closes under the editor. It must not spin on a dead
    terminal; it keeps every committed edit in the journal and exits."""
    import fcntl, pty, select, struct, termios
    f = copy_example(tmp_path, SUINING)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(_env(), TERM="xterm-256color")
    proc = subprocess.Popen([binary, "edit", str(f)], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    deadline = time.time() + 10
    while "错误".encode() not in seen and time.time() < deadline:
        if select.select([master], [], [], 0.5)[0]:
            seen += os.read(master, 65536)
    os.write(master, b"\x1b[17~")  # F6
    time.sleep(0.3)
    os.write(master, b"\x1b[B43\r")  # Down, 43, Enter: 实际在职人数
    time.sleep(0.3)
    os.close(master)  # the terminal goes away
    try:
        code = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("the editor kept running after its terminal went away")
    assert code != 0
    journal = json.loads(recovery_file(f).read_text(encoding="utf-8"))
    assert journal["session"]["fields"]["staff_actual"] == 43
    assert journal["recovery"]["base"]["bytes"] == len((EXAMPLES / SUINING).read_bytes())

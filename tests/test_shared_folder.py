"""A folder shared with another user, who plants things where jixiao keeps its side files:
a symbolic link to the victim's notes as the recovery journal, a link to ~/.bashrc as the
backup, FIFOs as the lock and the journal, a journal of their own. Two real Unix users,
played with setpriv (CI runs as root). Nothing is ever written through a link, no FIFO
stops the editor, and the victim is told where the side file went instead."""

import json
import os
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import BIN, EXAMPLES, SUINING, TEMPLATES, _env, run_jx
from pty_editor import PtyEditor

VICTIM = 23456
ATTACKER = 23457

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                                reason="needs root and setpriv to play two users")


@pytest.fixture(scope="module")
def world():
    """A world-readable copy of the binary and the templates, and two home folders."""
    base = Path(tempfile.mkdtemp(prefix="jixiao-users-", dir="/tmp"))
    os.chmod(base, 0o755)
    shutil.copy2(BIN, base / "jixiao")
    shutil.copytree(TEMPLATES, base / "Templates")
    for uid, name in ((VICTIM, "victim"), (ATTACKER, "attacker")):
        home = base / name
        home.mkdir(mode=0o700)
        os.chown(home, uid, uid)
    notes = base / "victim" / "notes.txt"
    notes.write_text("我的笔记\n")
    bashrc = base / "victim" / ".bashrc"
    bashrc.write_text("alias ll='ls -l'\n")
    for p in (notes, bashrc):
        os.chown(p, VICTIM, VICTIM)
        os.chmod(p, 0o644)
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=[0o1777, 0o777], ids=["sticky", "open"])
def shared(world, request):
    d = Path(tempfile.mkdtemp(prefix="shared-", dir=world))
    os.chmod(d, request.param)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def victim_env(world):
    env = {k: v for k, v in _env().items() if k not in ("JIXIAO_TEMPLATES",)}
    env.update(HOME=str(world / "victim"), USER="victim", XDG_STATE_HOME=str(world / "victim" / ".local" / "state"),
               JIXIAO_TEMPLATES=str(world / "Templates"))
    return env


def as_user(uid, *argv):
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *[str(a) for a in argv]]


def victim_sheet(shared, mode=0o644):
    f = shared / "sheet.json"
    shutil.copyfile(EXAMPLES / SUINING, f)
    os.chown(f, VICTIM, VICTIM)
    os.chmod(f, mode)
    return f


def plant_link(path, target):
    """The attacker's symbolic link."""
    os.symlink(target, path)
    os.lchown(path, ATTACKER, ATTACKER)


def victim_editor(world, f):
    return PtyEditor(as_user(VICTIM, world / "jixiao", "edit", f), victim_env(world))


def private_journal(world, f):
    flat = str(f).replace("%", "%25").replace("/", "%2F")
    return world / "victim" / ".local" / "state" / "jixiao" / "recovery" / f"{flat}.json"


def edit_year(ed, year):
    ed.send("\x1b[B")  # Down: 年度
    ed.send(year)
    ed.send("\r")


def test_a_journal_link_planted_by_another_user_is_never_written_through(world, shared):
    f = victim_sheet(shared)
    notes = world / "victim" / "notes.txt"
    before = notes.read_bytes()
    link = shared / ".sheet.json.recovery.json"
    plant_link(link, notes)
    ed = victim_editor(world, f)
    try:
        assert ed.wait_for("总分 91.00"), ed.seen[-800:]
        edit_year(ed, "2017")
        journal = private_journal(world, f)
        deadline = time.time() + 3
        while not journal.exists() and time.time() < deadline:
            ed.pump(0.1)
        assert notes.read_bytes() == before, "the victim's notes were overwritten through the planted link"
        assert ed.wait_for("恢复文件不能放在表旁边"), ed.seen[-800:]
        assert os.readlink(link) == str(notes)  # the link is left as it was: a trace of the attempt
        assert journal.exists()
        assert json.loads(journal.read_text(encoding="utf-8"))["session"]["year"] == 2017
        assert os.stat(journal).st_uid == VICTIM
        assert stat.S_IMODE(os.stat(journal.parent).st_mode) == 0o700
    finally:
        ed.close()


def test_a_backup_link_planted_by_another_user_is_never_written_through(world, shared):
    f = victim_sheet(shared)
    bashrc = world / "victim" / ".bashrc"
    before_rc = bashrc.read_bytes()
    before = f.read_bytes()
    plant_link(shared / "sheet.json.bak", bashrc)
    ed = victim_editor(world, f)
    try:
        assert ed.wait_for("总分 91.00"), ed.seen[-800:]
        edit_year(ed, "2018")
        ed.send("\x13")  # Ctrl-S
        assert ed.wait_for("已保存"), ed.seen[-800:]
        assert bashrc.read_bytes() == before_rc, "~/.bashrc was overwritten through the planted backup link"
        assert ed.wait_for("上一版本改存于"), ed.seen[-800:]
        assert json.loads(f.read_text(encoding="utf-8"))["year"] == 2018
        flat = str(f).replace("%", "%25").replace("/", "%2F")
        backup = world / "victim" / ".local" / "state" / "jixiao" / "backups" / f"{flat}.bak"
        assert backup.read_bytes() == before
    finally:
        ed.close()


def test_fifos_planted_as_lock_and_journal_do_not_stop_the_editor(world, shared):
    f = victim_sheet(shared)
    for name in (".sheet.json.lock", ".sheet.json.recovery.json"):
        os.mkfifo(shared / name)
        os.chown(shared / name, ATTACKER, ATTACKER)
        os.chmod(shared / name, 0o666)
    ed = victim_editor(world, f)
    try:
        assert ed.wait_for("总分 91.00", timeout=10), "the editor hung on a planted FIFO: " + repr(ed.seen[-300:])
        assert not ed.has("只读")
        edit_year(ed, "2019")
        journal = private_journal(world, f)
        deadline = time.time() + 5
        while not journal.exists() and time.time() < deadline:
            ed.pump(0.1)
        assert json.loads(journal.read_text(encoding="utf-8"))["session"]["year"] == 2019
        # set takes the same private lock: the editor holds it.
        p = subprocess.run(as_user(VICTIM, world / "jixiao", "set", f, "/year=2020"), capture_output=True, text=True,
                           env=victim_env(world), timeout=30)
        assert p.returncode == 2 and "编辑器" in p.stderr, p.stderr
    finally:
        ed.close()


def test_a_journal_planted_by_another_user_is_not_offered(world, shared):
    f = victim_sheet(shared)
    doc = json.loads(f.read_text(encoding="utf-8"))
    doc["unit"] = "攻击者改过的单位"
    planted = shared / ".sheet.json.recovery.json"
    planted.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    os.chown(planted, ATTACKER, ATTACKER)
    ed = victim_editor(world, f)
    try:
        assert ed.wait_for("总分 91.00"), ed.seen[-800:]
        ed.wait_for("发现上次未保存的修改", timeout=0.5)
        assert not ed.has("发现上次未保存的修改"), "another user's file was offered as the victim's unsaved edits"
    finally:
        ed.close()


def test_side_files_are_never_more_open_than_the_sheet(tmp_path, binary):
    """umask 077 and a 0600 sheet: the journal is 0600 too, and so is an old 0644 one it replaces."""
    f = tmp_path / "s.json"
    shutil.copyfile(EXAMPLES / SUINING, f)
    os.chmod(f, 0o600)
    old = tmp_path / ".s.json.recovery.json"
    ed = PtyEditor([binary, "edit", f], _env(), umask=0o077)
    try:
        assert ed.wait_for("总分 91.00")
        edit_year(ed, "2021")
        deadline = time.time() + 5
        while not old.exists() and time.time() < deadline:
            ed.pump(0.1)
        assert stat.S_IMODE(os.stat(old).st_mode) == 0o600
    finally:
        ed.close()
    os.chmod(old, 0o644)  # as an earlier version left it
    ed = PtyEditor([binary, "edit", f], _env(), umask=0o022)
    try:
        assert ed.wait_for("发现上次未保存的修改")
        ed.send("r")
        edit_year(ed, "2022")
        time.sleep(1.5)
        ed.pump()
        assert stat.S_IMODE(os.stat(old).st_mode) == 0o600
    finally:
        ed.close()


def run_with_umask(mask, *args):
    env = _env()
    return subprocess.run([BIN, *[str(a) for a in args]], capture_output=True, text=True, env=env,
                          preexec_fn=lambda: os.umask(mask), timeout=30)


def test_new_files_follow_the_umask(tmp_path):
    s = tmp_path / "new.json"
    p = run_with_umask(0o077, "new", "--template", "hunan-dept-overall", s)
    assert p.returncode == 0, p.stderr
    assert stat.S_IMODE(os.stat(s).st_mode) == 0o600
    out = tmp_path / "out.txt"
    p = run_with_umask(0o077, "print", EXAMPLES / SUINING, "--output", out)
    assert p.returncode == 0, p.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    p = run_with_umask(0o027, "print", EXAMPLES / SUINING, "--output", tmp_path / "out2.txt")
    assert stat.S_IMODE(os.stat(tmp_path / "out2.txt").st_mode) == 0o640
    # A replaced file keeps its own mode, whatever the umask.
    os.chmod(s, 0o640)
    assert run_with_umask(0o077, "set", s, "/year=2024").returncode == 0
    assert stat.S_IMODE(os.stat(s).st_mode) == 0o640


def test_an_output_link_planted_by_another_user_is_not_followed(world, shared):
    """print --output into a shared folder where the attacker left a link to the victim's notes:
    realpath would follow it where the kernel (protected_symlinks) would not open it."""
    if not shared.stat().st_mode & stat.S_ISVTX:
        pytest.skip("in a folder open to all without the sticky bit, anyone may replace anything there")
    f = victim_sheet(shared)
    notes = world / "victim" / "notes.txt"
    before = notes.read_bytes()
    out = shared / "out.txt"
    plant_link(out, notes)
    for fmt in ("text", "xlsx"):
        p = subprocess.run(as_user(VICTIM, world / "jixiao", "print", f, "--format", fmt, "--output", out),
                           capture_output=True, text=True, env=victim_env(world), timeout=30)
        assert p.returncode == 2, p.stdout + p.stderr
        assert "链接" in p.stderr, p.stderr
        assert notes.read_bytes() == before
    # The victim's own link is followed, as a sheet of theirs may be one.
    own = shared / "own.txt"
    target = shared / "mine.txt"
    target.write_text("")
    os.chown(target, VICTIM, VICTIM)
    os.symlink(target, own)
    os.lchown(own, VICTIM, VICTIM)
    p = subprocess.run(as_user(VICTIM, world / "jixiao", "print", f, "--output", own),
                       capture_output=True, text=True, env=victim_env(world), timeout=30)
    assert p.returncode == 0, p.stderr
    assert os.path.islink(own) and "单位" in target.read_text()


def test_files_made_in_another_group_get_no_group_permissions(world, tmp_path):
    """A 0640 sheet of group 7000, edited by its owner whose own group is another: neither the
    saved sheet nor its journal may become readable by the writer's group instead."""
    d = world / f"grp-{time.time_ns()}"
    d.mkdir(mode=0o777)
    os.chmod(d, 0o777)
    f = d / "s.json"
    shutil.copyfile(EXAMPLES / SUINING, f)
    os.chown(f, VICTIM, 7000)
    os.chmod(f, 0o640)
    # The victim's primary group is 100 and they are not in 7000: chgrp to 7000 fails.
    p = subprocess.run(["setpriv", f"--reuid={VICTIM}", "--regid=100", "--clear-groups", world / "jixiao", "set", f, "/year=2025"],
                       capture_output=True, text=True, env=victim_env(world), timeout=30)
    assert p.returncode == 0, p.stderr
    st = os.stat(f)
    assert st.st_gid != 7000 and stat.S_IMODE(st.st_mode) == 0o600, oct(st.st_mode)
    os.chown(f, VICTIM, 7000)
    os.chmod(f, 0o640)
    ed = PtyEditor(["setpriv", f"--reuid={VICTIM}", "--regid=100", "--clear-groups", world / "jixiao", "edit", f], victim_env(world))
    journal = d / ".s.json.recovery.json"
    try:
        assert ed.wait_for("总分")
        edit_year(ed, "2021")
        deadline = time.time() + 5
        while not journal.exists() and time.time() < deadline:
            ed.pump(0.1)
        st = os.stat(journal)
        assert stat.S_IMODE(st.st_mode) & 0o070 == 0, oct(st.st_mode)
        lock = d / ".s.json.lock"
        assert stat.S_IMODE(os.stat(lock).st_mode) & 0o070 == 0
    finally:
        ed.close()
    shutil.rmtree(d, ignore_errors=True)


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace makes link() fail as FAT does")
def test_new_files_are_made_where_hard_links_cannot_be(tmp_path):
    """A USB stick (FAT, exFAT) has no hard links: new, new --from and summary --save still make
    their file, and still never over an existing one."""
    s = tmp_path / "n.json"
    cmd = ["strace", "-f", "-o", "/dev/null", "-e", "inject=link,linkat:error=EPERM", BIN, "new", "--template", "national-project", s]
    p = subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=60)
    assert p.returncode == 0, p.stderr
    assert json.loads(s.read_text())["template"]["id"] == "national-project"
    assert not [x for x in os.listdir(tmp_path) if x.endswith(".tmp")]
    s.write_text("mine")
    p = subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=60)
    assert p.returncode == 2
    assert s.read_text() == "mine"

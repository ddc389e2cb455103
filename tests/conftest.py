"""Shared helpers for the end-to-end tests of the `jixiao` command line.

The binary comes from $JIXIAO (set by `make test-cli`), defaulting to the debug build.
Every test works on copies in tmp_path; Templates/examples is never modified.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "Templates"
EXAMPLES = TEMPLATES / "examples"
BIN = os.environ.get("JIXIAO") or str(REPO / ".build" / "debug" / "jixiao")

SUINING = "suining-2024.json"
YIYANG = "yiyang-2024.json"
LIANJIANG = "lianjiang-2023.json"
ZIYUAN = "ziyuan-2022-projects.json"
EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.glob("*.json"))

# CJK ideographs, CJK punctuation and full-width forms.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

_XDG = None


def _env():
    global _XDG
    if _XDG is None:
        import atexit
        import tempfile
        # An empty data home so that templates installed for the user cannot interfere.
        _XDG = tempfile.mkdtemp(prefix="jixiao-xdg-")
        atexit.register(shutil.rmtree, _XDG, True)
    env = dict(os.environ)
    env["LANG"] = "C.UTF-8"
    env["LC_ALL"] = "C.UTF-8"
    env["JIXIAO_TEMPLATES"] = str(TEMPLATES)
    env["XDG_DATA_HOME"] = _XDG
    return env


def run_jx(*args, cwd=None, timeout=30):
    """Runs the binary; never lets a signal death pass silently."""
    argv = [BIN] + [str(a) for a in args]
    p = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", errors="replace",
                       env=_env(), cwd=cwd, timeout=timeout)
    assert p.returncode >= 0, (
        f"jixiao killed by signal {-p.returncode}: {argv}\nstdout: {p.stdout[-2000:]}\nstderr: {p.stderr[-2000:]}")
    return p


@pytest.fixture(scope="session")
def binary():
    if not os.access(BIN, os.X_OK):
        pytest.fail(f"jixiao binary not found at {BIN}; run `swift build` or set JIXIAO")
    return BIN


@pytest.fixture
def jx(binary):
    """jx(*args, cwd=None) -> CompletedProcess with text stdout/stderr."""
    return run_jx


@pytest.fixture(scope="session")
def template_ids(binary):
    p = run_jx("templates")
    assert p.returncode == 0, p.stderr
    ids = [line.split()[0] for line in p.stdout.splitlines() if line.strip()]
    assert ids, "`jixiao templates` listed nothing"
    return ids


@pytest.fixture(scope="session")
def schemas(template_ids):
    """template id -> parsed JSON schema from `jixiao schema ID`."""
    out = {}
    for tid in template_ids:
        p = run_jx("schema", tid)
        assert p.returncode == 0, f"schema {tid}: {p.stderr}"
        out[tid] = json.loads(p.stdout)
    return out


def copy_example(tmp_path, name, new_name=None):
    dst = tmp_path / (new_name or name)
    shutil.copyfile(EXAMPLES / name, dst)
    return dst


def load_example(name):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def write_json(path, doc, indent=2):
    Path(path).write_text(json.dumps(doc, ensure_ascii=False, indent=indent) + "\n", encoding="utf-8")
    return Path(path)


def replace_once(path, old, new):
    """Byte-level replacement of exactly one occurrence (keeps number literals as written)."""
    data = Path(path).read_bytes()
    old_b = old.encode() if isinstance(old, str) else old
    new_b = new.encode() if isinstance(new, str) else new
    assert data.count(old_b) >= 1, f"{old!r} not in {path}"
    Path(path).write_bytes(data.replace(old_b, new_b, 1))
    return Path(path)


def snapshot(path):
    st = os.stat(path)
    return Path(path).read_bytes(), st.st_mtime_ns


def problem_lines(stdout, severity=None):
    """Lines `FILE: SEVERITY POINTER: MESSAGE` of `jixiao validate` (any language)."""
    out = []
    for line in stdout.splitlines():
        m = re.match(r"^(.*?): (错误|警告|error|warning) (/\S*): (.*)$", line)
        if m and (severity is None or m.group(2) == severity):
            out.append({"file": m.group(1), "severity": m.group(2), "pointer": m.group(3), "message": m.group(4)})
    return out


@pytest.fixture
def tmux(tmp_path, binary):
    """tmux(*args, name="t", width=80, height=24) -> a Tmux pane running the real editor; each
    pane gets its own server and folder, and all are closed after the test."""
    from tmux_driver import Tmux
    panes = []

    def start(*args, name="t", **kw):
        env = {k: v for k, v in _env().items() if k in ("JIXIAO_TEMPLATES", "XDG_DATA_HOME")}
        d = tmp_path / f"tmux-{name}-{len(panes)}"
        d.mkdir()
        t = Tmux(d, binary, args, env=env, **kw)
        panes.append(t)
        return t

    yield start
    for t in panes:
        t.close()


def editor_pid(path):
    """The process id of the editor running on `path`."""
    out = subprocess.run(["pgrep", "-f", f"jixiao.* {path}$"], capture_output=True, text=True).stdout.split()
    assert out, "no editor process found"
    return int(out[0])


class SmallDisk:
    """A 64 KB tmpfs at `path`; fill() takes what is left of it and returns the filler file."""

    def __init__(self, path):
        self.path = path

    def fill(self):
        filler = self.path / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"x" * 512)
        except OSError:
            pass
        finally:
            os.close(fd)
        return filler


@pytest.fixture
def full_disk(tmp_path):
    """A SmallDisk (needs root to mount it: skipped otherwise)."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield SmallDisk(mnt)
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)

"""`make install` and `make deb`, met as a user meets them: the release binary installed into a
DESTDIR, and the .deb unpacked with `dpkg-deb -x`, each run as plain `jixiao` found on PATH,
from a folder of its own, with nothing in its environment that points at this source tree. It
finds its templates where they were installed, creates, fills, checks and prints a sheet; the
man page and the bash, zsh and fish completions are found where Debian's tools look for them,
and `--template` completes to the installed template ids.

The release binary is $JIXIAO_RELEASE (make test-cli sets it) or .build/release/jixiao."""

import json
import os
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO, SUINING, TEMPLATES, run_jx

RELEASE = os.environ.get("JIXIAO_RELEASE") or str(REPO / ".build" / "release" / "jixiao")
TEMPLATE_IDS = sorted(json.loads(p.read_text(encoding="utf-8"))["id"] for p in TEMPLATES.glob("*.json"))
COMPLETIONS = {
    "share/bash-completion/completions/jixiao": "bash",
    "share/zsh/vendor-completions/_jixiao": "zsh",
    "share/fish/vendor_completions.d/jixiao.fish": "fish",
}


def make(*args):
    # Called from within `make test`: the outer make's settings must not leak into this one.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    p = subprocess.run(["make", "--no-print-directory", "-C", str(REPO), *args], capture_output=True, text=True,
                       env=env, timeout=900)
    assert p.returncode == 0, f"make {' '.join(args)}:\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}"
    return p


@pytest.fixture(scope="module")
def release():
    if not os.access(RELEASE, os.X_OK):
        if os.environ.get("JIXIAO_RELEASE"):
            pytest.fail(f"JIXIAO_RELEASE={RELEASE} is not an executable")
        pytest.skip("no release build: `make release` (make test builds it)")
    return RELEASE


@pytest.fixture(scope="module")
def destdir(release, tmp_path_factory):
    root = tmp_path_factory.mktemp("destdir")
    make("install", f"DESTDIR={root}", "PREFIX=/usr", f"INSTALL_BIN={release}")
    return root / "usr"


@pytest.fixture(scope="module")
def deb(release, tmp_path_factory):
    """(path of the .deb, its tree unpacked with dpkg-deb -x)."""
    make("deb")
    version = subprocess.run([release, "--version"], capture_output=True, text=True).stdout.strip()
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    path = REPO / ".build" / f"jixiao_{version}_{arch}.deb"
    assert path.is_file(), f"make deb did not write {path.name}, the name `jixiao --version` ({version}) gives"
    root = tmp_path_factory.mktemp("debroot")
    subprocess.run(["dpkg-deb", "-x", str(path), str(root)], check=True)
    return path, root


@pytest.fixture(scope="module", params=["destdir", "deb"])
def prefix(request):
    """The installed /usr: from make install into a DESTDIR, or from the unpacked .deb."""
    if request.param == "deb":
        return request.getfixturevalue("deb")[1] / "usr"
    return request.getfixturevalue("destdir")


def user_env(prefix, home):
    """A user's environment: the installed programs on PATH, an empty home, and XDG_DATA_DIRS
    pointing at the installed share/ the way /usr/share is by default."""
    home.mkdir(exist_ok=True)
    return {"PATH": f"{prefix}/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "XDG_DATA_DIRS": f"{prefix}/share", "TERM": "xterm"}


def run_user(prefix, tmp_path, *args, cwd=None):
    """Runs `jixiao ARGS` as found on PATH: argv[0] has no folder, as when a user types it."""
    work = cwd or tmp_path / "work"
    work.mkdir(exist_ok=True)
    return subprocess.run(["jixiao", *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          env=user_env(prefix, tmp_path / "home"), cwd=work, timeout=60)


def files_under(root):
    return {str(p.relative_to(root)): p.stat().st_mode & 0o777 for p in root.rglob("*") if p.is_file()}


def test_installed_files_and_modes(prefix):
    files = files_under(prefix)
    want = {"bin/jixiao", "share/man/man1/jixiao.1.gz", *COMPLETIONS,
            *(f"share/jixiao/templates/{p.name}" for p in TEMPLATES.glob("*.json"))}
    if prefix.parent.name.startswith("debroot"):
        want.add("share/doc/jixiao/copyright")
    assert set(files) == want
    assert files.pop("bin/jixiao") == 0o755
    assert set(files.values()) == {0o644}
    for p in TEMPLATES.glob("*.json"):
        assert (prefix / "share/jixiao/templates" / p.name).read_bytes() == p.read_bytes()
    man = subprocess.run(["gzip", "-dc", str(prefix / "share/man/man1/jixiao.1.gz")], capture_output=True, check=True).stdout
    assert man == (REPO / "Documentation" / "jixiao.1").read_bytes()


def test_installed_binary_works_from_another_folder(prefix, tmp_path):
    p = run_user(prefix, tmp_path, "templates")
    assert p.returncode == 0, p.stderr
    assert [line.split()[0] for line in p.stdout.splitlines()] == TEMPLATE_IDS

    p = run_user(prefix, tmp_path, "new", "--template", "hunan-dept-overall", "--unit", "中共绥宁县委组织部", "--year", "2024", "s.json")
    assert p.returncode == 0, p.stderr
    p = run_user(prefix, tmp_path, "set", "s.json", "/fields/staff_authorized=50", "/fields/staff_actual=42")
    assert p.returncode == 0, p.stderr
    p = run_user(prefix, tmp_path, "get", "s.json", "/computed/staff_control_rate")
    assert (p.returncode, p.stdout) == (0, "84.00\n"), p.stderr
    p = run_user(prefix, tmp_path, "validate", "s.json")
    assert p.returncode in (0, 1) and "s.json: " in p.stdout.splitlines()[-1], p.stderr
    p = run_user(prefix, tmp_path, "print", "s.json", "--width", "80")
    assert p.returncode == 0 and "2024年度部门整体支出绩效自评表" in p.stdout, p.stderr

    # The installed program says exactly what the one under test here says.
    shutil.copy(EXAMPLES / SUINING, tmp_path / "work" / SUINING)
    for args in (["validate", SUINING], ["print", SUINING, "--border", "ascii"], ["templates", "--lang", "en"]):
        installed, here = run_user(prefix, tmp_path, *args), run_jx(*args, cwd=tmp_path / "work")
        assert (installed.returncode, installed.stdout, installed.stderr) == (here.returncode, here.stdout, here.stderr), args


def test_installed_binary_through_a_link(destdir, tmp_path):
    """/proc/self/exe names the real file, so a link elsewhere on PATH finds the same templates."""
    links = tmp_path / "links"
    links.mkdir()
    (links / "jixiao").symlink_to(destdir / "bin" / "jixiao")
    env = dict(user_env(destdir, tmp_path / "home"), PATH=f"{links}:/usr/bin:/bin")
    p = subprocess.run(["jixiao", "templates"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert [line.split()[0] for line in p.stdout.splitlines()] == TEMPLATE_IDS


def test_release_binary_never_reads_the_source_tree(release, tmp_path):
    """Installed without its templates, the release binary finds none, even when run from this
    repository: the build folder is not a fallback for it."""
    (tmp_path / "p" / "bin").mkdir(parents=True)
    shutil.copy(release, tmp_path / "p" / "bin" / "jixiao")
    p = run_user(tmp_path / "p", tmp_path, "templates", cwd=REPO)
    assert p.returncode == 2
    assert "没有找到任何模板" in p.stderr and f"{tmp_path}/p/share/jixiao/templates" in p.stderr, p.stderr
    assert str(TEMPLATES) not in p.stderr and p.stdout == ""


def test_local_prefix_puts_zsh_completion_where_zsh_looks(release, tmp_path):
    """zsh on Debian searches /usr/share/zsh/vendor-completions for packages and
    /usr/local/share/zsh/site-functions for what the administrator installs."""
    make("install", f"DESTDIR={tmp_path}", "PREFIX=/usr/local", f"INSTALL_BIN={release}")
    assert (tmp_path / "usr/local/share/zsh/site-functions/_jixiao").is_file()
    zsh = subprocess.run(["zsh", "-fc", "print -l $fpath"], capture_output=True, text=True).stdout.split()
    assert "/usr/local/share/zsh/site-functions" in zsh and "/usr/share/zsh/vendor-completions" in zsh


def test_man_finds_the_installed_page(prefix, tmp_path):
    env = dict(user_env(prefix, tmp_path / "home"), MANWIDTH="80", MANPAGER="cat", PAGER="cat")
    p = subprocess.run(["man", "-M", str(prefix / "share/man"), "jixiao"], capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    text = re.sub(".\b", "", p.stdout)
    assert "预算单位的会计人员" in text and "ENGLISH" in text and "jixiao new" in text


def test_completion_scripts_are_the_binarys_own(prefix):
    for path, shell in COMPLETIONS.items():
        want = subprocess.run([str(prefix / "bin/jixiao"), "--generate-completion-script", shell], capture_output=True,
                              text=True, check=True).stdout
        if shell == "bash":  # sourced by bash-completion, never run: its #! line is dropped
            assert want.startswith("#!/bin/bash\n")
            want = want.split("\n", 1)[1]
        assert (prefix / path).read_text(encoding="utf-8") == want, path
    assert subprocess.run(["bash", "-n", str(prefix / "share/bash-completion/completions/jixiao")]).returncode == 0
    assert subprocess.run(["zsh", "-n", str(prefix / "share/zsh/vendor-completions/_jixiao")]).returncode == 0
    assert subprocess.run(["fish", "--no-execute", str(prefix / "share/fish/vendor_completions.d/jixiao.fish")]).returncode == 0


# bash-completion loads the script on demand, the way it does at the first TAB after `jixiao`,
# from share/bash-completion/completions under XDG_DATA_DIRS; the function it registers is
# then called as bash calls it.
BASH_COMPLETE = r"""
source /usr/share/bash-completion/bash_completion
__load_completion jixiao || { echo "bash-completion did not find jixiao" >&2; exit 3; }
spec=$(complete -p jixiao) || exit 4
func=${spec#*-F }; func=${func%% *}
COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
COMPREPLY=()
"$func" jixiao "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""


def bash_complete(prefix, tmp_path, *words, cwd):
    p = subprocess.run(["bash", "-c", BASH_COMPLETE, "bash", "jixiao", *words], capture_output=True, text=True,
                       env=user_env(prefix, tmp_path / "home"), cwd=cwd, timeout=30)
    assert p.returncode == 0, p.stderr
    return sorted(w for w in p.stdout.splitlines() if w)


@pytest.fixture
def folder(tmp_path):
    """A working folder with a sheet, a text file and a folder holding one more template."""
    work = tmp_path / "work"
    (work / "extra").mkdir(parents=True)
    (work / "a.json").write_text("{}", encoding="utf-8")
    (work / "notes.txt").write_text("", encoding="utf-8")
    doc = json.loads((TEMPLATES / "national-project.json").read_text(encoding="utf-8"))
    doc["id"] = "my-project"
    (work / "extra" / "my-project.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return work


def test_bash_completes_template_ids(prefix, tmp_path, folder):
    assert bash_complete(prefix, tmp_path, "new", "--template", "", cwd=folder) == TEMPLATE_IDS
    assert bash_complete(prefix, tmp_path, "new", "--template", "hu", cwd=folder) == ["hunan-dept-overall", "hunan-yiyang-dept-overall"]
    assert bash_complete(prefix, tmp_path, "schema", "", cwd=folder) == TEMPLATE_IDS
    # A folder named with --templates earlier on the line is searched too, as the command would.
    assert bash_complete(prefix, tmp_path, "new", "--templates", "extra", "--template", "", cwd=folder) == sorted(TEMPLATE_IDS + ["my-project"])


def test_bash_completes_files_folders_and_commands(prefix, tmp_path, folder):
    assert bash_complete(prefix, tmp_path, "validate", "", cwd=folder) == ["a.json", "extra"]
    assert bash_complete(prefix, tmp_path, "new", "--templates", "", cwd=folder) == ["extra"]
    assert bash_complete(prefix, tmp_path, "print", "a.json", "--output", "", cwd=folder) == ["a.json", "extra", "notes.txt"]
    assert {"new", "validate", "print", "templates"} <= set(bash_complete(prefix, tmp_path, "", cwd=folder))


def tmux_complete(prefix, tmp_path, shell_argv, setup, line, want):
    """Types LINE and TAB into an interactive shell in tmux; returns the screen once every word
    of WANT is on it (or after 15 s)."""
    socket = f"jixiao-completion-{uuid.uuid4().hex[:8]}"
    env = user_env(prefix, tmp_path / "home")
    cmd = ["env", "-i", *(f"{k}={v}" for k, v in env.items()), *shell_argv]
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-x", "200", "-y", "40", "-c", str(tmp_path), *cmd], check=True)
    try:
        for keys in setup:
            subprocess.run([*tmux, "send-keys", keys, "Enter"], check=True)
        subprocess.run([*tmux, "send-keys", line, "Tab"], check=True)
        screen, deadline = "", time.monotonic() + 15
        while time.monotonic() < deadline:
            screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout
            if all(w in screen for w in want):
                break
            time.sleep(0.2)
        return screen
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def test_zsh_completes_template_ids(prefix, tmp_path):
    vendor = prefix / "share/zsh/vendor-completions"
    screen = tmux_complete(prefix, tmp_path, ["zsh", "-f"],
                           [f"fpath=({vendor} $fpath); autoload -Uz compinit; compinit -u -D"],
                           "jixiao new --template ", TEMPLATE_IDS)
    assert all(i in screen for i in TEMPLATE_IDS), screen


def test_fish_completes_template_ids(prefix, tmp_path):
    """fish finds vendor_completions.d under XDG_DATA_DIRS by itself. Interactive, in tmux:
    fish 3.6 gives a completion callback no cursor outside an interactive session."""
    screen = tmux_complete(prefix, tmp_path, ["fish"], [], "jixiao new --template ", TEMPLATE_IDS)
    assert all(i in screen for i in TEMPLATE_IDS), screen


def test_deb_control_agrees_with_the_binary(deb, release):
    path, root = deb
    field = lambda name: subprocess.run(["dpkg-deb", "-f", str(path), name], capture_output=True, text=True, check=True).stdout.strip()
    version = subprocess.run([str(root / "usr/bin/jixiao"), "--version"], capture_output=True, text=True).stdout.strip()
    assert field("Package") == "jixiao"
    assert field("Version") == version == subprocess.run([release, "--version"], capture_output=True, text=True).stdout.strip()
    assert field("Architecture") == subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    info = subprocess.run(["dpkg-deb", "--info", str(path)], capture_output=True, text=True, check=True).stdout
    assert "md5sums" in info
    copyright = (root / "usr/share/doc/jixiao/copyright").read_text(encoding="utf-8")
    assert copyright.startswith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/")
    assert "/usr/share/common-licenses/Apache-2.0" in copyright


def package_of(library):
    """The Debian package that holds a shared library, whichever of /lib and /usr/lib (merged
    on Debian 12) dpkg has it under."""
    real = os.path.realpath(library)
    for candidate in {library, real, *(re.sub(r"^/usr/lib/", "/lib/", p) for p in (library, real)),
                      *(re.sub(r"^/lib/", "/usr/lib/", p) for p in (library, real))}:
        p = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if p.returncode == 0:
            return p.stdout.split(":")[0]
    pytest.fail(f"no package holds {library}")


def test_deb_depends_on_exactly_what_the_binary_links(deb):
    """Depends names the package of every shared library ldd shows, and of libxlsxwriter, which
    print --format xlsx loads when it writes a workbook, and nothing else; the Swift runtime and
    Foundation are linked in, so no libswift or libFoundation is among them."""
    path, root = deb
    ldd = subprocess.run(["ldd", str(root / "usr/bin/jixiao")], capture_output=True, text=True, check=True).stdout
    libraries = re.findall(r"(/\S+) \(0x", ldd)
    assert libraries, ldd
    assert not [l for l in libraries if re.search(r"libswift|libFoundation|libdispatch|libBlocksRuntime", l)], ldd
    depends = subprocess.run(["dpkg-deb", "-f", str(path), "Depends"], capture_output=True, text=True, check=True).stdout
    named = {re.match(r"\s*([a-z0-9.+-]+)", d).group(1) for d in depends.split(",")}
    xlsx = re.search(r'LXW_SOVERSION "(\w+)"', Path("/usr/include/xlsxwriter.h").read_text()).group(1)
    loaded = package_of(f"/usr/lib/{subprocess.run(['gcc', '-print-multiarch'], capture_output=True, text=True).stdout.strip()}/libxlsxwriter.so.{xlsx}")
    assert named == {package_of(l) for l in libraries} | {loaded}, (depends, ldd)
    assert {"libc6", "libncursesw6", "libtinfo6"} <= named

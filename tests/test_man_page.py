"""The man page, Documentation/jixiao.1: clean for `mandoc -T lint`, laid out by groff (what
`man` uses on Debian) within the width asked for, Chinese included, and true to the binary:
every command and option that `--help` lists is described in the Chinese part and in the
ENGLISH section, and the page names no command or option that the binary does not have."""

import functools
import os
import re
import subprocess

import pytest
from wcwidth import wcswidth

from conftest import REPO, run_jx

MAN = REPO / "Documentation" / "jixiao.1"
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-h)(?![\w-])")


@functools.cache
def help_subcommands():
    text = run_jx("--help").stdout
    block = text.split("SUBCOMMANDS:", 1)[1]
    names = tuple(m.group(1) for m in re.finditer(r"^  ([a-z]+)\b", block, re.M))
    assert "new" in names and "print" in names, text
    return names


@functools.cache
def help_options(*command):
    p = run_jx(*command, "--help")
    assert p.returncode == 0, p.stderr
    block = p.stdout.split("OPTIONS:", 1)[1]
    # An option's line starts with its names, then two spaces or more and its help, which may
    # mention other options: only the names count.
    return frozenset(m for line in block.splitlines() if re.match(r"^  -", line)
                     for m in OPTION.findall(line.split("  ", 2)[1]))


def rendered():
    """The page as mandoc lays it out, wide enough that no line is broken, without bold and
    underline (overstrikes)."""
    p = subprocess.run(["mandoc", "-T", "utf8", "-O", "width=400", str(MAN)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return re.sub(".\b", "", p.stdout)


def sections(text):
    """{heading: text} for the sections (no indent) and subsections (3 spaces)."""
    out, name = {}, None
    for line in text.splitlines():
        if re.match(r"^(\S| {3}\S)", line):
            name = line.strip()
            out[name] = ""
        elif name is not None:
            out[name] += line + "\n"
    return out


def entries(text):
    """{command: its entry} for the entries of a commands section, which start with a line
    `jixiao COMMAND ...` at the first indent."""
    out, name = {}, None
    for line in text.splitlines():
        m = re.match(r"^ {7}jixiao (\S+)", line)
        if m:
            name = m.group(1)
            out[name] = ""
        if name is not None:
            out[name] += line + "\n"
    return out


@pytest.fixture(scope="module")
def page():
    s = sections(rendered())
    assert "ENGLISH" in s and "命令" in s and "选项" in s, list(s)
    return s


def test_mandoc_lint_finds_nothing():
    p = subprocess.run(["mandoc", "-T", "lint", str(MAN)], capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout == "" and p.stderr == "", p.stdout + p.stderr


@pytest.mark.parametrize("part", ["zh", "en"])
def test_every_command_and_its_options_are_described(page, part):
    commands = entries(page["命令"] if part == "zh" else page["Commands"])
    for sub in help_subcommands():
        assert sub in commands, f"{part}: no entry for jixiao {sub}"
        specific = help_options(sub) - common_options()
        described = set(OPTION.findall(commands[sub]))
        assert specific <= described, f"{part}: jixiao {sub}: {sorted(specific - described)} not described"


@pytest.mark.parametrize("part", ["zh", "en"])
def test_options_of_every_command_are_described(page, part):
    text = page["选项"] if part == "zh" else page["Options"]
    missing = common_options() - set(OPTION.findall(text))
    assert not missing, f"{part}: {sorted(missing)} not described"


def common_options():
    """The options every command takes (and the root's own)."""
    sets = [help_options(sub) for sub in help_subcommands()]
    return frozenset.intersection(*sets) | help_options()


@pytest.mark.parametrize("part", ["zh", "en"])
def test_page_names_only_what_the_binary_has(page, part):
    commands = entries(page["命令"] if part == "zh" else page["Commands"])
    known = set(help_subcommands())
    assert set(commands) - {"help"} <= known, sorted(set(commands) - known)
    everything = set().union(*(help_options(sub) for sub in known)) | help_options()
    text = "".join(page[k] for k in page)
    assert set(OPTION.findall(text)) <= everything, sorted(set(OPTION.findall(text)) - everything)


def test_man_lays_chinese_out_within_the_width(tmp_path):
    """groff 1.22 breaks lines only at spaces unless the page loads zh.tmac's rules: without
    them a Chinese paragraph is one line far wider than the terminal."""
    env = dict(os.environ, MANWIDTH="80", LANG="C.UTF-8", LC_ALL="C.UTF-8", MANPAGER="cat", PAGER="cat")
    p = subprocess.run(["man", "-l", str(MAN)], capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    assert p.stderr == "", p.stderr  # groff's warnings: "can't break line", "cannot adjust line"
    lines = re.sub(".\b", "", p.stdout).splitlines()
    assert any("预算单位的会计人员" in line for line in lines)
    too_wide = [line for line in lines if wcswidth(line) > 80]
    assert not too_wide, too_wide

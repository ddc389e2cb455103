"""`--help` on the root command and every subcommand."""

import pytest

SUBCOMMANDS = ["templates", "new", "set", "get", "validate", "format", "schema"]


def test_root_help(jx):
    p = jx("--help")
    assert p.returncode == 0
    for sub in SUBCOMMANDS:
        assert sub in p.stdout


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_subcommand_help(jx, sub):
    p = jx(sub, "--help")
    assert p.returncode == 0, p.stderr
    assert "USAGE" in p.stdout.upper()
    assert sub in p.stdout
    assert "--lang" in p.stdout
    q = jx("help", sub)
    assert q.returncode == 0
    assert q.stdout == p.stdout


def test_unknown_subcommand_and_option(jx):
    assert jx("frobnicate").returncode == 2
    assert jx("validate", "--no-such-option", "x.json").returncode == 2
    assert jx("validate", "--lang", "fr", "x.json").returncode == 2


def test_no_subcommand_is_not_a_crash(jx):
    p = jx()
    assert p.returncode in (0, 2)


def test_common_options_before_the_command(jx, tmp_path):
    # Not taken by the default command (edit) as a sheet named "templates".
    p = jx("--lang", "en", "templates")
    assert p.returncode == 0 and p.stdout == jx("templates", "--lang", "en").stdout, p.stderr
    assert "cannot open" not in p.stderr
    f = tmp_path / "n.json"
    p = jx("--lang=en", "--templates", tmp_path, "new", "--template", "hunan-dept-overall", f)
    assert p.returncode == 0 and p.stdout.startswith("created"), p.stderr
    # A sheet after the options is still opened by the editor (no terminal here).
    p = jx("--lang", "en", f)
    assert p.returncode == 2 and "the editor needs a terminal" in p.stderr

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


# Each kind of error the argument parser reports, in Chinese by default: (arguments, the
# error line). The usage line and the hint follow under Chinese headings.
PARSER_ERRORS = [
    (["new", "--foo"], "错误：不认识的选项 --foo，是不是 --from？"),
    (["new", "-x"], "错误：不认识的选项 -x"),
    (["get", "x.json"], "错误：缺少参数 <pointer>"),
    (["print", "--format", "foo", "x.json"], "错误：--format <format> 的值“foo”无效，应为 text、xlsx、csv 或 markdown 之一"),
    (["print", "--ambiguous", "foo", "x.json"], "错误：--ambiguous <ambiguous> 的值“foo”无效，应为 narrow 或 wide 之一"),
    (["print", "--width", "abc", "x.json"], "错误：--width <width> 的值“abc”无效"),
    (["templates", "extra"], "错误：多余的参数：extra"),
    (["templates", "extra", "more"], "错误：多余的参数：extra、more"),
    (["new", "--unit"], "错误：--unit <unit> 缺少值"),
    (["print", "--strict=x", "x.json"], "错误：选项 --strict 不带值，却给了“x”"),
]


@pytest.mark.parametrize("args,error", PARSER_ERRORS)
def test_parser_errors_are_chinese_by_default(jx, args, error):
    p = jx(*args)
    assert p.returncode == 2
    lines = p.stderr.splitlines()
    assert lines[0] == error, p.stderr
    assert any(l.startswith("用法：jixiao " + args[0]) for l in lines), p.stderr
    assert lines[-1] == f"  详见 jixiao {args[0]} --help。", p.stderr
    # English as the parser words it, with --lang en anywhere on the line.
    q = jx(*args, "--lang", "en")
    assert q.returncode == 2 and q.stderr.startswith("Error: ") and "Usage: jixiao " + args[0] in q.stderr, q.stderr

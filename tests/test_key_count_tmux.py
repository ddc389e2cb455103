"""The whole seed 000 sheet typed into an empty one through the real editor, keys counted.

Every key is counted: each character typed (values, and the digits that pick 一级/二级) and
each other key (Enter, Tab, Down, Ctrl-N, Home, Left, Alt-5, Ctrl-S, Ctrl-Q). The path is
the one a user who knows the keys takes: Tab (or Enter after a value) from cell to cell,
Down past a grid row with nothing in it, Ctrl-N for each indicator after the first, Home and
two digits where a row's 一级 differs from the row above, Left and a digit where only its
二级 does. The editor before issue 13 (main at f208daa) took 1604 keys for the same sheet on
the same path (1293 characters and 311 other keys; 1612 with Tab through the empty grid
rows, as its own test typed it): each indicator row cost Ctrl-N, Home, F2, a letter, Enter,
F2, a letter, Enter and Home besides its values, and the picker matched only the last
character typed.
"""

import json
import shutil

import pytest

from conftest import EXAMPLES, SUINING, run_jx

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make deps installs it)")

BEFORE = 1604


class Counted:
    """A pane whose keys are counted."""

    def __init__(self, pane):
        self.pane = pane
        self.characters = 0
        self.others = 0

    def keys(self, *keys):
        self.others += len(keys)
        self.pane.keys(*keys)

    def text(self, s):
        self.characters += len(s)
        self.pane.text(s)

    @property
    def total(self):
        return self.characters + self.others


def value(v):
    return "" if v is None else (v if isinstance(v, str) else json.dumps(v))


def test_typing_the_whole_seed_000_sheet_takes_fewer_keys_than_before(tmux, tmp_path):
    example = json.loads((EXAMPLES / SUINING).read_text(encoding="utf-8"))
    assert not example["tables"]["special_funds"] and not example["tables"]["buildings"]
    f = tmp_path / "typed.json"
    assert run_jx("new", "--template", "hunan-dept-overall", f).returncode == 0
    pane = tmux(f, width=120, height=40)
    pane.wait_for("单位名称")
    t = Counted(pane)

    def cell(v):
        """A value typed and committed (Enter moves on as Tab does), or an empty cell passed."""
        if value(v):
            t.text(value(v))
        t.keys("Tab")

    cell(example["unit"])
    cell(example["year"])
    # Grid rows followed by another grid row: an empty one is passed with Down.
    followed_by_a_row = {"car", "car_purchase", "car_operation", "abroad"}
    for key, v in example["fields"].items():
        if isinstance(v, dict):
            if key in followed_by_a_row and all(x is None for x in v.values()):
                t.keys("Down")
                continue
            for x in v.values():
                cell(x)
        else:
            cell(v)  # long text too: typing opens its editor, Tab finishes it
    pane.wait_for("全年实际完成情况")
    t.keys("M-5")  # 绩效指标
    pane.wait_for("添加指标")
    tiers = {tier["name"]: tier for tier in json.loads((EXAMPLES.parent / "hunan-dept-overall.json").read_text(encoding="utf-8"))["indicators"]["tiers"]}
    names = list(tiers)
    above = None
    for n, row in enumerate(example["indicators"]):
        # The first on the "add" line with Enter, the others after the row above with Ctrl-N:
        # a new row has the 一级 and 二级 of the row above (the first, the first of each).
        t.keys("Enter" if n == 0 else "C-n")
        pane.wait_for(f"已添加一行")
        have = above or {"level1": names[0], "level2": tiers[names[0]]["level2"][0]}
        level2 = str(tiers[row["level1"]]["level2"].index(row["level2"]) + 1)
        if row["level1"] != have["level1"]:
            t.keys("Home")
            t.text(str(names.index(row["level1"]) + 1))
            t.text(level2)
        elif row["level2"] != have["level2"]:
            t.keys("Left")
            t.text(level2)
        for key in ("name", "target", "actual", "weight", "score"):
            if value(row[key]):
                t.text(value(row[key]))
                t.keys("Enter")
            else:
                t.keys("Tab")
        assert not row["deviation"], "seed 000 has none"
        pane.wait_for(row["name"][:4])
        above = row
    pane.wait_for("总分 91.00 优秀", timeout=30)
    t.keys("C-s")
    pane.wait_for("已保存")
    t.keys("C-q")
    assert pane.exit_status() == 0
    # What the published sheet states of its own figures is transcribed with set, not typed.
    stated = [f"/stated/{k}={v}" for k, v in example.get("stated", {}).items()]
    if stated:
        assert run_jx("set", f, *stated).returncode == 0
    assert f.read_text(encoding="utf-8") == (EXAMPLES / SUINING).read_text(encoding="utf-8")
    print(f"seed 000 typed in {t.total} keys: {t.characters} characters and {t.others} other keys (before: {BEFORE})")
    assert t.total < BEFORE, f"{t.total} keys ({t.characters} characters, {t.others} others), not fewer than {BEFORE}"

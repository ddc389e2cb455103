"""The real editor in a real terminal (tmux): keys in, screen and file out."""

import json
import shutil
import time

import pytest

from conftest import EXAMPLES, SUINING, _env, copy_example, editor_pid, run_jx

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make deps installs it)")


def test_changing_one_score_moves_total_and_grade(tmux, tmp_path):
    f = copy_example(tmp_path, SUINING)
    t = tmux(f)
    t.wait_for("总分 91.00 优秀")
    t.keys("F6", "F6", "F6", "F6")  # to 绩效指标
    t.wait_for("三级指标")
    t.keys("Right", "Right", "Right", "Right", "Right", "Right")  # to 得分 of the first row
    t.text("1")
    t.wait_for("总分 89.00 良好")  # live, while the number is still being typed
    t.keys("Enter")
    t.keys("C-s")
    t.wait_for("已保存")
    t.keys("C-q")
    assert t.exit_status() == 0
    doc = json.loads(f.read_text(encoding="utf-8"))
    assert doc["indicators"][0]["score"] == 1
    assert doc["computed"]["total"] == 89.0 and doc["computed"]["grade"] == "良好"


def test_quit_asks_about_unsaved_changes_and_a_bad_number_keeps_the_value(tmux, tmp_path):
    f = copy_example(tmp_path, SUINING)
    before = f.read_bytes()
    t = tmux(f)
    t.wait_for("总分 91.00")
    t.keys("F6", "F6")  # 资金情况
    t.wait_for("全年预算数(A)")
    t.keys("Down")  # 全年预算数(A)
    t.text("12元")
    t.keys("Enter")
    t.wait_for("不能填写“元”")
    t.keys("Escape")
    time.sleep(0.2)  # Escape followed at once by an arrow reads as Alt-arrow, as in every terminal program
    t.keys("Up")
    t.text("1600")
    t.keys("Enter")
    t.keys("C-q")
    t.wait_for("有未保存的修改")
    t.keys("d")
    assert t.exit_status() == 0
    assert f.read_bytes() == before  # quit without saving: the file is untouched


def test_review_mode_is_read_only(tmux, tmp_path):
    f = copy_example(tmp_path, "yiyang-2024.json")
    before = f.read_bytes()
    t = tmux("review", f)
    t.wait_for("审阅")
    t.text("n")
    t.wait_for("432.24")  # jumped to the income-breakdown problem
    t.text("5")
    t.wait_for("只读")
    t.keys("C-s", "C-q")
    assert t.exit_status() == 0
    assert f.read_bytes() == before


def _cells_in_tab_order(example):
    """The example's typed values in the editor's Tab order (the template's order)."""
    fields = example["fields"]
    out = [example["unit"], str(example["year"])]
    for key, value in fields.items():
        if isinstance(value, dict):
            out += ["" if v is None else json.dumps(v) for v in value.values()]
        else:
            out.append("" if value is None else (value if isinstance(value, str) else json.dumps(value)))
    return out


def test_typing_the_whole_seed_000_sheet_gives_the_example_file(tmux, tmp_path):
    example = json.loads((EXAMPLES / SUINING).read_text(encoding="utf-8"))
    assert not example["tables"]["special_funds"] and not example["tables"]["buildings"]
    f = tmp_path / "typed.json"
    assert run_jx("new", "--template", "hunan-dept-overall", f).returncode == 0
    t = tmux(f, width=120, height=40)
    t.wait_for("单位名称")
    for value in _cells_in_tab_order(example):
        # Long text opens its editor on the first character; Tab finishes every kind of cell.
        t.text(value)
        t.keys("Tab")
    t.wait_for("全年实际完成情况")
    t.keys("F6")  # 绩效指标
    t.wait_for("添加指标")
    tiers = {"产出指标": "产", "效益指标": "效", "满意度指标": "满"}
    for n, row in enumerate(example["indicators"]):
        t.keys("C-n")
        t.wait_for(f"已添加一行")
        t.keys("Home", "F2")
        t.text(tiers[row["level1"]])
        t.keys("Enter", "F2")
        t.text(row["level2"][0])
        t.keys("Enter")
        for key in ("name", "target", "actual", "weight", "score", "deviation"):
            v = row[key]
            t.text("" if v is None else (v if isinstance(v, str) else json.dumps(v)))
            if key != "deviation":
                t.keys("Tab")
        # Back to the first column, so that a narrow window scrolls the name into view.
        t.keys("Home")
        t.wait_for(f"{row['name'][:4]}")
    t.wait_for("总分 91.00 优秀", timeout=30)
    t.keys("C-s")
    t.wait_for("已保存")
    t.keys("C-q")
    assert t.exit_status() == 0
    # What the published sheet states of its own figures is transcribed with set, not typed.
    stated = [f"/stated/{k}={v}" for k, v in example["stated"].items()]
    assert run_jx("set", f, *stated).returncode == 0
    assert f.read_text(encoding="utf-8") == (EXAMPLES / SUINING).read_text(encoding="utf-8")


def test_new_without_a_file_asks_for_template_unit_year_and_file(tmux, tmp_path):
    f = tmp_path / "asked.json"
    t = tmux("new")
    t.wait_for("选择模板")
    t.text("3")
    t.keys("Enter")
    t.wait_for("单位名称")
    t.text("测试单位")
    t.keys("Enter")
    t.wait_for("年度")
    t.text("2025")
    t.keys("Enter")
    t.wait_for("文件名")
    t.text(str(f))
    t.keys("Enter")
    assert t.exit_status() == 0
    doc = json.loads(f.read_text(encoding="utf-8"))
    ids = [l.split()[0] for l in run_jx("templates").stdout.splitlines()]
    assert doc["template"]["id"] == ids[2]
    assert doc["unit"] == "测试单位" and doc["year"] == 2025


def test_new_without_a_file_outside_a_terminal_is_a_usage_error(jx):
    p = jx("new")
    assert p.returncode == 2 and "--template" in p.stderr

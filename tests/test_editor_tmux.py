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


def test_the_cursor_waits_on_the_selected_cell_for_an_input_method(tmux, tmp_path):
    """Outside typing the cursor is hidden but placed on the selected cell: an input method
    opens its candidate window there, where the typed text goes."""
    f = copy_example(tmp_path, SUINING)
    t = tmux(f)
    t.wait_for("总分 91.00")
    t.keys("F6", "F6", "F6", "F6", "Right", "Right", "Down")  # 三级指标 of the second row
    t.wait_for("三级指标")
    deadline = time.time() + 10
    while t.cursor()[:2] != t.column_of("培训人次") and time.time() < deadline:
        time.sleep(0.05)
    x, y, shown = t.cursor()
    assert (x, y) == t.column_of("培训人次") and not shown
    t.text("培")  # typing: the cursor shows, on the edit line
    t.wait_for("三级指标：培")
    deadline = time.time() + 10
    while not t.cursor()[2] and time.time() < deadline:
        time.sleep(0.05)
    x, y, shown = t.cursor()
    assert shown and y == 23, (x, y, shown)


def test_new_lists_templates_without_wrapping_an_id(tmux, template_ids):
    """In a narrow terminal each template id stays whole on its line (issue 13)."""
    t = tmux("new", width=50, height=40)
    screen = t.wait_for("编号")
    lines = [l.strip() for l in screen.splitlines()]
    for n, tid in enumerate(template_ids):
        assert f"{n + 1}. {tid}" in lines, screen
    assert all(len(l) <= 50 for l in screen.splitlines())


def test_a_block_pasted_from_a_spreadsheet_fills_indicator_rows(tmux, tmp_path):
    """Bracketed paste of rows copied from WPS / Excel: rows added, cells filled, a bad value
    named and left out, one Ctrl-Z undoes it all."""
    f = tmp_path / "p.json"
    assert run_jx("new", "--template", "hunan-dept-overall", f).returncode == 0
    t = tmux(f)
    t.wait_for("单位名称")
    t.keys("M-5")
    t.wait_for("添加指标")
    t.keys("Enter")  # on the "add an indicator" line: adds one, its name selected
    t.wait_for("已添加一行")
    t.keys("Home")
    t.paste("产出指标\t数量指标\t培训人次\t≥2000人\t2926\t4\t4\t\r\n"
            "产出指标\t质量指标\t党员干部参与率\t≥100%\t≥100%\t5\t四\t\r\n")
    t.wait_for("1 个值有误")
    t.text("q")  # closes the list of refused values
    t.keys("C-s")
    t.wait_for("已保存")
    doc = json.loads(f.read_text(encoding="utf-8"))
    rows = doc["indicators"]
    assert [r["name"] for r in rows] == ["培训人次", "党员干部参与率"]
    assert rows[0]["score"] == 4 and rows[1]["weight"] == 5 and rows[1]["score"] is None
    t.keys("C-z")
    t.wait_for("已撤销")
    t.keys("C-s")
    t.wait_for("已保存")
    doc = json.loads(f.read_text(encoding="utf-8"))
    assert len(doc["indicators"]) == 1 and doc["indicators"][0]["name"] == ""
    t.keys("C-q")
    assert t.exit_status() == 0

"""Seed 004's 40 projects as 40 national-project sheets, for the summary's tests and benchmark.

Each row of Templates/examples/ziyuan-2022-projects.json (项目自评汇总表, in 元) becomes the
sheet its unit would have filled in on the national project form (财预〔2020〕10号, in 万元):
the project's code, name and supervising department, its funds as 当年财政拨款 (the 合计 row
is their sum), and an indicator grid whose scores, with the execution score the form computes
(10 × 执行率, capped, 0 when the budget is 0), give back the row's 自评得分 exactly. Scores
below their weight carry a 偏差原因. Every figure is exact decimal text: 9473 元 is written
0.9473 万元, never a float.
"""
import json
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "Templates" / "examples" / "ziyuan-2022-projects.json"
DEPARTMENT = "中共资源县委员会组织部"
# (一级, 二级, 分值): 50 + 30 + 10, with 预算执行率's 10 outside the grid.
GRID = [("产出指标", "数量指标", 20), ("产出指标", "质量指标", 15), ("产出指标", "时效指标", 15),
        ("效益指标", "社会效益指标", 15), ("效益指标", "可持续影响指标", 15), ("满意度指标", "服务对象满意度指标", 10)]


def seed_rows():
    """The 40 rows, numbers as Decimal."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"), parse_float=Decimal, parse_int=Decimal)
    return doc["tables"]["projects"]


def literal(d):
    """Exact JSON number text of a Decimal, without exponent or trailing zeros."""
    return format(d.normalize(), "f")


def dumps(v):
    """JSON with Decimals written exactly (the json module would go through float)."""
    if isinstance(v, Decimal):
        return literal(v)
    if isinstance(v, dict):
        return "{" + ", ".join(json.dumps(k, ensure_ascii=False) + ": " + dumps(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(dumps(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)


def exec_score(row):
    """10 × 执行率, rounded half-up to 2 places and capped at 10; 0 over a zero budget."""
    if row["adjusted"] == 0:
        return Decimal(0)
    return min(Decimal(10), (Decimal(10) * row["executed"] / row["adjusted"]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def sheet(row, n):
    """The national-project sheet of seed row `row` (its number n, from 1)."""
    wan = Decimal(10000)
    missing = Decimal(90) - (row["score"] - exec_score(row))  # points the grid falls short by
    assert Decimal(0) <= missing <= Decimal(90), (n, missing)
    indicators = []
    for k, (l1, l2, weight) in enumerate(GRID):
        lost = min(missing, Decimal(weight))
        missing -= lost
        indicators.append({"level1": l1, "level2": l2, "name": f"{row['name']}指标{k + 1}", "target": "≥95%",
                           "actual": "100%" if lost == 0 else "90%", "weight": Decimal(weight), "score": Decimal(weight) - lost,
                           "deviation": f"第{k + 1}项未全部完成，下年改进" if lost else ""})
    return {
        "template": {"id": "national-project", "version": 1},
        "unit": row["budget_unit"],
        "year": 2022,
        "fields": {
            "project_code": row["code"], "project_name": row["name"], "department": DEPARTMENT,
            "fund_current": {"initial": row["initial"] / wan, "annual": row["adjusted"] / wan, "executed": row["executed"] / wan},
            "goal_planned": f"完成{row['name']}年度工作任务。", "goal_achieved": "已按计划完成。",
        },
        "indicators": indicators,
    }


def excess_decimals(row):
    """How many of the row's three amounts need more than the 2 decimals a 万元 figure has:
    each is an error in the sheet (the seed is in 元, to the fen)."""
    return sum(1 for k in ("initial", "adjusted", "executed") if (row[k] / Decimal(10000)) != (row[k] / Decimal(10000)).quantize(Decimal("0.01")))


def split(folder):
    """Writes the 40 sheets into `folder` as 01-….json … 40-….json; returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, row in enumerate(seed_rows(), 1):
        p = folder / f"{n:02d}-{row['code']}.json"
        p.write_text(dumps(sheet(row, n)) + "\n", encoding="utf-8")
        paths.append(p)
    return paths

"""Typed plans of any size, written as a user would write them (``plan.yml``, ``indicators.csv``,
``values.csv``, ``observations/``), for the tests that render a plan of 1, 5 or 60 numeric series.

Every series is believable: a Chinese and an English name, a unit, a kind and a direction, a printed
baseline in the base year, two targets and yearly actuals that move towards them at different speeds,
so a report shows every status. Deterministic: the series are made from their number alone.
"""
from __future__ import annotations

import csv
from pathlib import Path

#: (kind, direction, unit_zh, unit_en, base value, target multiplier at the final year)
KINDS = [
    ("share", "higher", "%", "%", 2.4, 1.25),
    ("count", "higher", "家", "enterprises", 380, 1.6),
    ("intensity", "lower", "吨/万元", "tonnes per 10 000 yuan", 0.92, 0.85),
    ("amount", "higher", "亿元", "100 million yuan", 133, 1.5),
    ("count", "higher", "件", "patents", 12.5, 1.4),
]
CATEGORIES = [("创新投入", "Innovation inputs"), ("创新产出", "Innovation outputs"), ("绿色发展", "Green development")]
#: How far along its way each series is at the last observed year, by number: on track to falling back.
PACE = [1.1, 0.8, 0.5, 0.2, -0.2]


def write_typed_plan(folder: Path, n_series: int, *, name: str = "sized", base_year: int = 2022,
                     mid_term: int = 2025, final: int = 2027, observed_to: int | None = 2025,
                     qualitative: int = 0) -> Path:
    """A typed plan of ``n_series`` numeric series (and ``qualitative`` qualitative rows) in ``folder``, with
    actuals from the year after the base year to ``observed_to`` (none when None)."""
    folder = Path(folder)
    (folder / "observations").mkdir(parents=True, exist_ok=True)
    (folder / "plan.yml").write_text(
        f"name: {name}\n"
        f"city: {{zh: 测试市, en: Testville}}\n"
        f"title: {{zh: 测试市创新行动计划（{base_year + 1}—{final}年）, en: Testville's innovation plan "
        f"({base_year + 1}–{final})}}\n"
        "issuer: {zh: 测试市人民政府, en: Testville municipal government}\n"
        f"published: {base_year + 1}\nbase_year: {base_year}\n"
        f"evaluations: {{{mid_term}: mid_term, {final}: final}}\n"
        "table: {indicators: indicators.csv, values: values.csv}\n", encoding="utf-8")
    indicators, values, actuals = [], [], []
    for number in range(1, n_series + 1):
        kind, direction, unit_zh, unit_en, base, multiplier = KINDS[(number - 1) % len(KINDS)]
        category_zh, category_en = CATEGORIES[(number - 1) // max(1, -(-n_series // len(CATEGORIES)))]
        base = round(base * (1 + (number % 7) / 10), 2)
        target = round(base * multiplier, 2)
        indicators.append([number, "", category_zh, category_en, f"第{number}项测试指标", f"Test indicator {number}",
                           f"指标{number}", f"Indicator {number}", unit_zh, unit_en, "true" if number % 3 == 0 else
                           "false", direction, kind])
        mid = round(base + (target - base) * (mid_term - base_year) / (final - base_year), 2)
        values += [[number, "", base_year, "baseline", base], [number, "", mid_term, "target", mid],
                   [number, "", final, "target", target]]
        if observed_to is not None:
            pace = PACE[(number - 1) % len(PACE)]
            for year in range(base_year + 1, observed_to + 1):
                share = pace * (year - base_year) / (final - base_year)
                actuals.append([number, "", year, round(base + (target - base) * share, 2),
                                f"测试市统计公报{year}"])
    for extra in range(n_series + 1, n_series + qualitative + 1):
        indicators.append([extra, "", CATEGORIES[0][0], CATEGORIES[0][1], f"第{extra}项定性指标",
                           f"Qualitative indicator {extra}", f"定性{extra}", f"Qualitative {extra}", "", "", "false",
                           "none", "qualitative"])
    _write(folder / "indicators.csv", ["indicator_id", "series", "category_zh", "category_en", "name_zh", "name_en",
                                       "short_name_zh", "short_name_en", "unit_zh", "unit_en", "core", "direction",
                                       "kind"], indicators)
    _write(folder / "values.csv", ["indicator_id", "series", "year", "value_type", "value"], values)
    if actuals:
        _write(folder / "observations" / "bulletins.csv", ["indicator_id", "series", "year", "value", "source"],
               actuals)
    return folder


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)

"""Time the assessment on synthetic plans: 100 and 1,000 plans × 30 indicators × 10 years.

Run with ``python benchmarks/assessment.py`` (never part of the tests). Times the vectorised
``assess`` + ``required_growth`` (report year 2024) and, as the baseline, the plain per-row loop
``assess_row_by_row`` (analysis.synthetic), each the median of several runs; building the
synthetic tables is not timed. Cost should be linear in the value rows: the 1,000-plan run has
10× the rows of the 100-plan one, so its time should be about 10× (less when fixed overheads
still weigh on the small run). Another script can ``from assessment import run`` and print the
figures: each is a dict with ``name``, ``value`` and ``unit``, plus details.
"""
from __future__ import annotations

import resource
import statistics
import time

from analysis.progress import assess, required_growth
from analysis.synthetic import assess_row_by_row, synthetic_plans

SIZES = (100, 1000)
N_INDICATORS, N_YEARS, REPORT_YEAR = 30, 10, 2024
TARGET_SECONDS = 1.0
"""assess + required_growth on 1,000 plans should take at most this (2-core machine)."""


def median_seconds(action, repeat: int) -> float:
    action()  # warm up: first-call costs are not what is measured
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _timing(name: str, n_plans: int, rows: int, seconds: float, repeat: int) -> dict:
    return {"name": name, "value": seconds, "unit": "s", "plans": n_plans, "series": n_plans * N_INDICATORS,
            "rows": rows, "seconds": seconds, "rows_per_second": rows / seconds, "repeat": repeat}


def run(repeat: int = 5) -> list[dict]:
    """The figures: timings per size, loop/vectorised ratios, growth 1,000/100 plans, peak memory."""
    loop_repeat = max(1, min(repeat, 3))
    figures, by_size = [], {}
    for n_plans in SIZES:
        indicators, values = synthetic_plans(n_plans, N_INDICATORS, N_YEARS, seed=0)
        rows = len(values)
        both = median_seconds(lambda: (assess(indicators, values, REPORT_YEAR),
                                       required_growth(indicators, values, REPORT_YEAR)), repeat)
        alone = median_seconds(lambda: assess(indicators, values, REPORT_YEAR), repeat)
        loop = median_seconds(lambda: assess_row_by_row(indicators, values, REPORT_YEAR), loop_repeat)
        by_size[n_plans] = {"rows": rows, "both": both, "alone": alone, "loop": loop}
        figures += [
            _timing(f"assess + required_growth, {n_plans} plans", n_plans, rows, both, repeat),
            _timing(f"assess alone, {n_plans} plans", n_plans, rows, alone, repeat),
            _timing(f"per-row loop (assess only), {n_plans} plans", n_plans, rows, loop, loop_repeat),
            {"name": f"loop / vectorised assess, {n_plans} plans", "value": loop / alone, "unit": "x",
             "plans": n_plans},
            {"name": f"loop / (assess + required_growth), {n_plans} plans", "value": loop / both, "unit": "x",
             "plans": n_plans},
        ]
    small, large = (by_size[n] for n in SIZES)
    figures += [
        {"name": f"rows {SIZES[1]} / {SIZES[0]} plans", "value": large["rows"] / small["rows"], "unit": "x"},
        {"name": f"time {SIZES[1]} / {SIZES[0]} plans, assess + required_growth",
         "value": large["both"] / small["both"], "unit": "x"},
        {"name": f"time {SIZES[1]} / {SIZES[0]} plans, per-row loop", "value": large["loop"] / small["loop"],
         "unit": "x"},
        {"name": f"{SIZES[1]} plans within {TARGET_SECONDS:g} s", "value": float(large["both"] <= TARGET_SECONDS),
         "unit": "(1 = yes)"},
        {"name": "peak memory of this process", "value": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
         "unit": "MiB"},
    ]
    return figures


def print_figures(figures: list[dict]) -> None:
    for figure in figures:
        line = f"{figure['name']:<55} {figure['value']:10.3f} {figure['unit']}"
        if "rows_per_second" in figure:
            line += f"   {figure['rows']:>8,} rows  {figure['rows_per_second']:>12,.0f} rows/s  (median of {figure['repeat']})"
        print(line)


if __name__ == "__main__":
    print(f"synthetic plans × {N_INDICATORS} indicators × {N_YEARS} years, report year {REPORT_YEAR}")
    print_figures(run())

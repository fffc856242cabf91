"""Time the assessment on synthetic plans: 100 and 1,000 plans × 30 indicators × 10 years.

Run with ``python benchmarks/assessment.py`` (never part of the tests). Times ``assess`` and
``required_growth`` for one report year, the median of several runs; building the synthetic tables
is not timed. The assessment goes series by series, so its cost should be linear in the value
rows: the 1,000-plan run has 10× the rows of the 100-plan one, so its time should be about 10×.
Another script can ``from assessment import run`` and print the figures: each is a dict with
``name``, ``value`` and ``unit``, plus details.
"""
from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.assess.assessment import assess, required_growth  # noqa: E402
from tests.support.synthetic import BASE_YEAR, synthetic_plans  # noqa: E402

SIZES = (100, 1000)
N_INDICATORS, N_YEARS, REPORT_YEAR = 30, 10, 2024


def median_seconds(action, repeat: int) -> float:
    action()  # warm up: first-call costs are not what is measured
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(repeat: int = 5) -> list[dict]:
    """The figures: timings per size, growth 1,000/100 plans, peak memory."""
    figures, by_size = [], {}
    for n_plans in SIZES:
        indicators, values = synthetic_plans(n_plans, N_INDICATORS, N_YEARS, seed=0)

        def both(indicators=indicators, values=values):
            assess(indicators, values, REPORT_YEAR, BASE_YEAR)
            required_growth(indicators, values, REPORT_YEAR, BASE_YEAR)

        seconds = median_seconds(both, repeat)
        by_size[n_plans] = {"rows": len(values), "seconds": seconds}
        figures.append({"name": f"assess + required_growth, {n_plans} plans", "value": seconds, "unit": "s",
                        "plans": n_plans, "rows": len(values), "rows_per_second": len(values) / seconds,
                        "repeat": repeat})
    small, large = by_size[SIZES[0]], by_size[SIZES[1]]
    figures.append({"name": "time ratio, 1,000 / 100 plans", "value": large["seconds"] / small["seconds"], "unit": "x",
                    "rows_ratio": large["rows"] / small["rows"]})
    figures.append({"name": "peak memory of this process", "value":
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "unit": "MiB"})
    return figures


def print_figures(figures: list[dict]) -> None:
    for figure in figures:
        line = f"{figure['name']:<45} {figure['value']:10.3f} {figure['unit']}"
        if "rows_per_second" in figure:
            line += f"   {figure['rows']:>8,} rows  {figure['rows_per_second']:>10,.0f} rows/s"
        if "rows_ratio" in figure:
            line += f"   (rows x{figure['rows_ratio']:.2f})"
        print(line)


if __name__ == "__main__":
    print_figures(run())

"""Time the pipeline's steps (run on demand with `make benchmark`; never part of the tests).

Prints the median of several runs of each step and the peak memory of this process, so a change
can be compared with the last figures in docs or a closing note. Timings on shared machines are
noisy: compare medians, and ratios between steps, not single runs.
"""
from __future__ import annotations

import resource
import statistics
import tempfile
import time
from pathlib import Path

from analysis.cleaning import clean_indicator_table
from analysis.pipeline import build_data, load_monitoring_data
from analysis.progress import assess
from analysis.report import render_report


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    data = load_monitoring_data()
    with tempfile.TemporaryDirectory() as tmp:
        figures = {
            "parse + clean the printed table": median_seconds(clean_indicator_table, 5),
            "assess 28 series": median_seconds(lambda: assess(data.indicators, data.values, 2024), 20),
            "make data (5 CSVs)": median_seconds(lambda: build_data(processed_dir=Path(tmp) / "p"), 5),
            "full report zh (papermill x3, HTML, PDF)": median_seconds(
                lambda: render_report(2024, "zh", output_root=Path(tmp) / "r", progress=lambda line: None), 2),
        }
    for name, seconds in figures.items():
        print(f"{name:<45} {seconds:8.3f} s")
    report = figures["full report zh (papermill x3, HTML, PDF)"]
    print(f"{'report / make data':<45} {report / figures['make data (5 CSVs)']:8.1f} x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory of this process':<45} {peak:8.1f} MiB")


if __name__ == "__main__":
    main()

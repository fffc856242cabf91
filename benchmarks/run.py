"""`make bench`: the report pipeline against the floor and the stock toolchain, on this machine.

Every case is a whole command run several times; the figures are wall-clock medians and the peak
memory of the command's process tree (the sum of the resident sizes of the command and all its
children, kernels included, sampled every 20 ms). Nothing here asserts: timings on a shared
machine are noisy, so read the medians and the ratios, and compare them with benchmarks/README.md.

Cases:
  floor          papermill on a one-cell notebook importing pandas, matplotlib and seaborn,
                 nbconvert of it to HTML, the PDF step on that HTML (benchmarks/floor.py)
  stock          the stock toolchain on our notebooks, making the same files: the data step (`python -m
                 analysis data`), the `papermill` CLI for 01, 02 and 03 in turn (03 writing the Word
                 edition and the workbook), `jupyter nbconvert --to html` on 03, the PDF step on that HTML
  cold           `make report` for 2024/zh with FORCE=1 (nothing reused); its steps' times (the evidence
                 notebooks beside the report notebook) are printed from its manifest
  unchanged      `make report` again, nothing changed
  batch          `make reports` (4 years x 2 languages) with FORCE=1
  one-by-one     the same 8 reports as 8 `make report FORCE=1` commands in turn
  assessment     assess + required_growth on synthetic plans (benchmarks/assessment.py)

Usage: python benchmarks/run.py [--repeat N] [--cases floor,stock,...] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".work"
BIN = Path(sys.executable).parent
YEARS = (2021, 2022, 2023, 2024)
LANGUAGES = ("zh", "en")
CASES = ("floor", "stock", "cold", "unchanged", "batch", "one-by-one", "assessment")
TARGETS = [
    # (label, numerator, denominator or None, comparison, limit, unit)
    ("cold report / stock toolchain", "cold", "stock", "<=", 0.65, "x"),
    ("unchanged rerun", "unchanged", None, "<=", 0.3, "s"),
    ("batch / one-by-one", "batch", "one-by-one", "<=", 0.55, "x"),
    ("cold report / floor", "cold", "floor", "<=", 1.5, "x"),
]


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


class TreeMemory:
    """Peak of the summed RSS of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.02):
        import psutil

        self.process = psutil.Process(pid)
        self.peak = 0
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            try:
                for process in [self.process, *self.process.children(recursive=True)]:
                    try:
                        total += process.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def run_command(command: list[str]) -> tuple[float, float]:
    """Run a command to completion; return (wall seconds, peak tree MiB). A failure stops the benchmark."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(process.pid)
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    peak = memory.stop()
    if process.returncode != 0:
        sys.exit(f"benchmark command failed ({process.returncode}): {' '.join(command)}\n{err[-2000:]}")
    return seconds, peak


def stock_command(work: Path) -> list[str]:
    out = work / "stock"
    data = relative(out / "processed" / "weihai")
    pdf_step = f"from analysis.report.render import html_to_pdf; html_to_pdf('{out}/03.html', '{out}/03.pdf')"
    steps = [
        f"rm -rf {out} && mkdir -p {out}",
        f"{sys.executable} -m analysis data --processed-dir {relative(out / 'processed')}",
        f"{BIN}/papermill notebooks/01_clean_indicators.ipynb {out}/01.ipynb --cwd notebooks "
        f"-p plan_dir data/raw/weihai -p data_dir {data} --no-progress-bar",
        f"{BIN}/papermill notebooks/02_gap_to_target.ipynb {out}/02.ipynb --cwd notebooks "
        f"-p data_dir {data} -p report_year 2024 --no-progress-bar",
        f"{BIN}/papermill notebooks/03_annual_report.ipynb {out}/03.ipynb --cwd notebooks "
        f"-p data_dir {data} -p report_year 2024 -p language zh -p output_dir {relative(out)} --no-progress-bar",
        f"{BIN}/jupyter nbconvert --to html {out}/03.ipynb --output-dir {out}",
        f'{sys.executable} -c "{pdf_step}"',
    ]
    return ["bash", "-c", " && ".join(steps)]


def make_report(work: Path, folder: str, year: int = 2024, language: str = "zh", force: bool = True) -> list[str]:
    command = ["make", "-s", "report", f"VENV={sys.prefix}", f"YEAR={year}", f"REPORT_LANG={language}",
               f"REPORTS={relative(work / folder)}", f"PROCESSED={relative(work / 'processed')}"]
    return command + (["FORCE=1"] if force else [])


def commands(work: Path) -> dict[str, list[str]]:
    one_by_one = " && ".join(" ".join(make_report(work, "one-by-one", year, language))
                             for year in YEARS for language in LANGUAGES)
    return {
        "floor": [sys.executable, str(ROOT / "benchmarks" / "floor.py"), str(work / "floor")],
        "stock": stock_command(work),
        "cold": make_report(work, "cold"),
        "unchanged": make_report(work, "cold", force=False),
        "batch": ["make", "-s", "reports", f"VENV={sys.prefix}", "FORCE=1", f"REPORTS={relative(work / 'batch')}",
                  f"PROCESSED={relative(work / 'processed')}"],
        "one-by-one": ["bash", "-c", one_by_one],
    }


def step_seconds(report: Path) -> dict[str, float]:
    """The seconds each step of a report's build took, from its manifest."""
    return json.loads((report / "manifest.json").read_text(encoding="utf-8"))["step_seconds"]


#: Steps that run beside another (publish/report.py: the evidence notebooks in a second worker once the report
#: notebook, which writes the Word edition and the workbook, is done and its pages are made): their time overlaps.
BESIDE = {"notebook 01_clean_indicators.ipynb": "html, pdf", "notebook 02_gap_to_target.ipynb": "html, pdf"}


def print_steps(rounds: list[dict[str, float]], cold_median: float) -> dict[str, float]:
    """The cold report's steps, median seconds over the rounds, with what each runs beside."""
    medians = {step: statistics.median(r[step] for r in rounds if step in r) for step in rounds[0]}
    print("\ncold report, its steps (median over the rounds; from manifest.json):")
    for step, seconds in medians.items():
        beside = f"   beside {BESIDE[step]}" if step in BESIDE else ""
        print(f"  {step:<38} {seconds:6.2f} s  {seconds / cold_median:5.0%} of the cold report{beside}")
    return {step: round(seconds, 3) for step, seconds in medians.items()}


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    packages = {}
    for name in ("pandas", "matplotlib", "seaborn", "papermill", "nbconvert", "nbclient", "ipykernel",
                 "jupyter_client", "weasyprint", "pandera", "numpy"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {"cpu": model, "cores": os.cpu_count(), "memory_gib": round(memory, 1),
            "os": platform.platform(), "python": platform.python_version(), "packages": packages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (default 3; the median is shown)")
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated subset of {','.join(CASES)}")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = sorted(set(cases) - set(CASES))
    if unknown or args.repeat < 1:
        parser.error(f"unknown case(s) {unknown}" if unknown else "--repeat must be at least 1")

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB, {info['os']}, "
          f"Python {info['python']}")
    print("packages: " + ", ".join(f"{k} {v}" for k, v in info["packages"].items()))
    print(f"{args.repeat} rounds, each running every case once; wall-clock median (min-max); "
          "peak RSS of the process tree\n")
    figures: dict[str, dict] = {}
    command_for = commands(WORK)
    if "unchanged" in cases and "cold" not in cases:
        run_command(command_for["cold"])  # a report to be unchanged against
    # Round-robin: each round runs every case once, so a shared machine's load drifting during the
    # benchmark weighs on all cases alike instead of on whichever ran last.
    commands_to_time = [case for case in cases if case != "assessment"]
    runs: dict[str, list[tuple[float, float]]] = {case: [] for case in commands_to_time}
    cold_steps: list[dict[str, float]] = []
    for round_number in range(1, args.repeat + 1):
        for case in commands_to_time:
            runs[case].append(run_command(command_for[case]))
            if case == "cold":
                cold_steps.append(step_seconds(WORK / "cold" / "weihai" / "2024" / "zh"))
        print(f"round {round_number}/{args.repeat}: " + ", ".join(f"{case} {runs[case][-1][0]:.2f} s"
                                                                for case in commands_to_time), flush=True)
    print()
    for case in commands_to_time:
        seconds = [s for s, _ in runs[case]]
        figures[case] = {"median_s": statistics.median(seconds), "min_s": min(seconds), "max_s": max(seconds),
                         "peak_mib": max(m for _, m in runs[case]), "runs_s": [round(s, 3) for s in seconds]}
        f = figures[case]
        print(f"{case:<12} {f['median_s']:8.2f} s  ({f['min_s']:.2f}-{f['max_s']:.2f})  {f['peak_mib']:7.0f} MiB")

    if cold_steps:
        figures["cold_steps"] = print_steps(cold_steps, figures["cold"]["median_s"])

    print("\nratios (targets from the performance issue; informational, never asserted):")
    for label, numerator, denominator, comparison, limit, unit in TARGETS:
        if numerator not in figures or (denominator and denominator not in figures):
            continue
        value = figures[numerator]["median_s"] / (figures[denominator]["median_s"] if denominator else 1.0)
        met = value <= limit if comparison == "<=" else value >= limit
        figures.setdefault("ratios", {})[label] = round(value, 3)
        print(f"  {label:<32} {value:6.2f} {unit}   target {comparison} {limit} {unit}   "
              f"{'met' if met else 'NOT MET'}")

    if "assessment" in cases:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import assessment

        print("\nassessment on synthetic plans (30 indicators x 10 years each):")
        figures["assessment"] = assessment.run(repeat=max(args.repeat, 3))
        assessment.print_figures(figures["assessment"])
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "repeat": args.repeat, "figures": figures}, indent=2) + "\n")
    shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Scheduled runs: the same inputs give the same bytes, raw data is never written, a killed run
leaves the last good report in place, two runs do not interleave, and data text is escaped.

Faults are injected deterministically: the lock is held by the test itself, and a run is killed
with SIGKILL at a named step by the ``ANALYSIS_FAULT_AT`` hook (:mod:`analysis.build.report`).
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from analysis.build.data import build_data
from analysis.build.job import NOTEBOOKS
from analysis.build.report import FAULT_AT
from analysis.build.staging import lock_path
from analysis.settings import PROJECT_ROOT
from tests.conftest import FIXTURES, relative


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run(work: Path, plan, *args, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "analysis", "report", "--plan", relative(plan.folder), "--year", "2024",
               "--output-dir", relative(work / "reports"), "--processed-dir", relative(work / "processed"), *args]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def test_processed_tables_are_byte_identical_across_runs(tmp_path, weihai):
    build_data(weihai, tmp_path / "a", "eurostat")
    build_data(weihai, tmp_path / "b", "eurostat")
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_killed_runs_leave_the_previous_report_and_the_next_run_succeeds(work_dir, weihai_in_project):
    raw_before = tree_digest(weihai_in_project.folder)
    first = run(work_dir, weihai_in_project)
    assert first.returncode == 0, first.stderr
    report = work_dir / "reports" / "weihai" / "2024" / "zh"
    good = tree_digest(report)
    processed = tree_digest(work_dir / "processed")
    for step in ("data", f"notebook {NOTEBOOKS[-1]}", "pdf"):
        killed = run(work_dir, weihai_in_project, "--force", env={FAULT_AT: step})
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        assert tree_digest(report) == good, f"report changed after SIGKILL at {step}"
        assert tree_digest(work_dir / "processed") == processed
    # the same run again gives the same bytes (the manifest records timings and the commit, which vary)
    again = run(work_dir, weihai_in_project, "--force")
    assert again.returncode == 0, again.stderr
    rebuilt = tree_digest(report)
    for name in ("report.html", "report.pdf", "data/assessment.csv", "data/indicator_values.csv"):
        assert rebuilt[name] == good[name], name
    # the next run with hostile text in an observation file succeeds and cleans up
    hostile = run(work_dir, weihai_in_project, "--observations", relative(FIXTURES / "observations" / "hostile"))
    assert hostile.returncode == 0, hostile.stderr
    assert [p.name for p in report.parent.iterdir() if p.name.startswith((".staging", ".previous"))] == []
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert tree_digest(weihai_in_project.folder) == raw_before  # raw inputs are never written


def test_a_second_run_for_the_same_report_is_refused_while_the_first_holds_the_lock(work_dir, weihai_in_project):
    destination = work_dir / "reports" / "weihai" / "2024" / "zh"
    destination.parent.mkdir(parents=True)
    with open(lock_path(destination), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # as a running report does
        second = run(work_dir, weihai_in_project, timeout=120)
    assert second.returncode == 2
    assert "another report run for this year and language is in progress" in second.stderr
    assert "Traceback" not in second.stderr and len(second.stderr.splitlines()) == 1
    assert not destination.exists()


def test_bad_parameters_are_refused_before_anything_runs(work_dir, weihai_in_project):
    for args, words in ((["--year", "2031"], "outside the plan"), (["--lang", "fr"], "unknown language 'fr'"),
                        (["--scheme", "oecd"], "unknown cut-off scheme"), (["--plan", "/etc"], "outside the project"),
                        (["--jobs", "¹"], "not a positive number of worker processes")):
        process = run(work_dir, weihai_in_project, *args, timeout=120)
        assert process.returncode == 2, args
        assert words in process.stderr and "Traceback" not in process.stderr
        assert len(process.stderr.strip().splitlines()) == 1
        assert not (work_dir / "reports").exists()


def test_a_batch_runs_in_worker_processes_and_an_unchanged_rerun_is_skipped(work_dir, weihai_in_project):
    batch = run(work_dir, weihai_in_project, "--year", "2023,2024", "--jobs", "2")
    assert batch.returncode == 0, batch.stderr
    for year in (2023, 2024):
        assert (work_dir / "reports" / "weihai" / str(year) / "zh" / "report.pdf").is_file()
    assert (work_dir / "processed" / "weihai" / "assessment.csv").is_file()
    again = run(work_dir, weihai_in_project, "--year", "2023,2024")
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("is up to date") == 2 and "building" not in again.stdout
    # the check itself stays light: no pandas, no kernel, no rendering library is even imported
    arguments = ["report", "--plan", relative(weihai_in_project.folder), "--year", "2023,2024", "--output-dir",
                 relative(work_dir / "reports"), "--processed-dir", relative(work_dir / "processed")]
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; from analysis.cli import main; status = main(sys.argv[1:]); "
         "heavy = [m for m in ('pandas', 'numpy', 'papermill', 'jupyter_client', 'nbconvert', 'weasyprint', "
         "'matplotlib', 'pandera') if m in sys.modules]; print(status, heavy)", *arguments],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert probe.stdout.strip().splitlines()[-1] == "0 []", probe.stdout + probe.stderr


def test_bad_data_is_one_line_per_report_and_exit_2(work_dir, weihai_in_project):
    plan = work_dir / "plan"
    shutil.copytree(weihai_in_project.folder, plan)
    with open(plan / "corrections.csv", "a", encoding="utf-8") as handle:
        handle.write("99,target_2024,not a number\n")
    from analysis.plan import load_plan

    broken = load_plan(plan)
    for years, reports in (("2024", 1), ("2023,2024", 2)):
        process = run(work_dir, broken, "--year", years)
        assert process.returncode == 2, (process.stdout, process.stderr)
        lines = process.stderr.strip().splitlines()
        assert len(lines) == reports and all("corrections.csv:" in line for line in lines), lines
        assert "Traceback" not in process.stderr
        assert not (work_dir / "reports" / "weihai" / "2024" / "zh").exists()

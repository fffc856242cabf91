"""Scheduled runs: the same inputs give the same bytes, raw data is never written, a killed run
leaves the last good report in place, two runs do not interleave, and data text is escaped."""
from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.paths import PROJECT_ROOT, RAW_DIR
from analysis.pipeline import build_data
from analysis.report import render_report

WORK = PROJECT_ROOT / "tests" / ".work" / "reliability"


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def work():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    yield WORK
    shutil.rmtree(WORK, ignore_errors=True)


def test_processed_tables_are_byte_identical_across_runs(tmp_path):
    build_data(RAW_DIR, tmp_path / "a")
    build_data(RAW_DIR, tmp_path / "b")
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_two_report_runs_give_identical_html_and_pdf_and_leave_raw_untouched(tmp_path):
    raw_before = tree_digest(RAW_DIR)
    first = render_report(2024, "zh", output_root=tmp_path / "one", progress=lambda line: None)
    second = render_report(2024, "zh", output_root=tmp_path / "two", progress=lambda line: None)
    for name in ("report.html", "report.pdf", "data/indicator_values.csv", "data/assessment.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert tree_digest(RAW_DIR) == raw_before


def _start(args, work):
    command = [sys.executable, "-m", "analysis", "report", "--year", "2024", "--lang", "zh",
               "--output-dir", str(work / "reports"), "--processed-dir", str(work / "processed"), *args]
    return subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_when(process, marker, timeout=120):
    deadline = time.monotonic() + timeout
    for line in process.stdout:
        if marker in line:
            process.send_signal(signal.SIGKILL)
            process.wait(30)
            return
        assert time.monotonic() < deadline, f"no {marker!r} within {timeout} s"
    pytest.fail(f"the run ended before {marker!r}: {process.stderr.read()}")


def test_killed_runs_leave_the_previous_report_and_the_next_run_succeeds(work):
    first = _start([], work)
    assert first.wait(300) == 0, first.stderr.read()
    report = work / "reports" / "2024" / "zh"
    good = tree_digest(report)
    processed = tree_digest(work / "processed")
    for marker in ("[4/6] notebook 03_annual_report.ipynb …", "[6/6] pdf …"):
        _kill_when(_start(["--force"], work), marker)  # the report is up to date: force a rebuild
        assert tree_digest(report) == good, f"report changed after SIGKILL at {marker}"
        assert tree_digest(work / "processed") == processed
    # the next run (here with hostile text in an observation file) succeeds and cleans up
    hostile = _start(["--observations", "tests/fixtures/observations/hostile"], work)
    assert hostile.wait(300) == 0, hostile.stderr.read()
    leftovers = [p.name for p in report.parent.iterdir() if p.name.startswith((".staging", ".previous"))]
    assert leftovers == []
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;note&#x27;)&lt;/script&gt;" in html or "&lt;script&gt;alert(" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_second_run_for_the_same_report_is_refused_while_the_first_runs(work):
    first = _start([], work)
    for line in first.stdout:
        if "[2/6]" in line:
            break
    second = _start([], work)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 2
    assert "another report run for this year and language is in progress" in err
    assert "Traceback" not in err
    assert first.wait(300) == 0


def test_bad_parameters_are_refused_before_anything_runs(work):
    for args, words in ((["--year", "2031"], "outside the plan"), (["--lang", "fr"], "unknown language 'fr'"),
                        (["--scheme", "oecd"], "unknown cut-off scheme"), (["--raw-dir", "/etc"], "outside the project")):
        process = _start(args, work)
        out, err = process.communicate(timeout=120)
        assert process.returncode == 2, args
        assert words in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
        assert not (work / "reports").exists()


def test_a_batch_runs_in_worker_processes_and_an_unchanged_rerun_is_skipped(work):
    batch = _start(["--year", "2023,2024", "--jobs", "2"], work)
    out, err = batch.communicate(timeout=300)
    assert batch.returncode == 0, err
    for year in (2023, 2024):
        assert (work / "reports" / str(year) / "zh" / "report.pdf").is_file()
    # data/processed holds the latest year's tables
    assert "2024" in (work / "processed" / "assessment.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    again = _start(["--year", "2023,2024"], work)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert out.count("is up to date") == 2 and "building" not in out
    # the check itself stays light: no pandas, no kernel, no rendering library is even imported
    arguments = ["report", "--year", "2023,2024", "--output-dir", str(work / "reports"),
                 "--processed-dir", str(work / "processed")]
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; from analysis.cli import main; status = main(sys.argv[1:]); "
         "heavy = [m for m in ('pandas', 'numpy', 'papermill', 'jupyter_client', 'nbconvert', 'weasyprint', "
         "'matplotlib') if m in sys.modules]; print(status, heavy)", *arguments],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert probe.stdout.strip().splitlines()[-1] == "0 []", probe.stdout + probe.stderr


def test_bad_data_found_in_the_kernel_is_one_line_per_report_and_exit_2(work):
    raw = work / "raw"
    shutil.copytree(RAW_DIR, raw)
    with open(raw / "corrections.csv", "a", encoding="utf-8") as handle:
        handle.write("99,target_2024,not a number\n")
    for years, reports in (("2024", 1), ("2023,2024", 2)):
        process = _start(["--year", years, "--raw-dir", str(raw.relative_to(PROJECT_ROOT))], work)
        out, err = process.communicate(timeout=300)
        assert process.returncode == 2, (out, err)
        lines = err.strip().splitlines()
        assert len(lines) == reports and all("corrections.csv:" in line for line in lines), lines
        assert "Traceback" not in err
        assert not (work / "reports" / "2024" / "zh").exists()

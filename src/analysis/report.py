"""``make report``: data → assessment → report notebooks (papermill) → HTML → PDF → manifest.

The whole report is built in a staging folder beside its destination and swapped in only when
every step has succeeded, so a failed or killed run leaves the previous
``reports/<year>/<language>/`` complete and unchanged. A lock keeps two runs for the same year
and language from interleaving.
"""
from __future__ import annotations

import fcntl
import json
import os
import platform
import shutil
import subprocess
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .csvio import write_bytes_atomic
from .errors import InputError, display_path
from .parameters import check_language, check_report_year, check_scheme
from .paths import NOTEBOOKS_DIR, PROJECT_ROOT, RAW_DIR, REPORTS_DIR
from .pipeline import build_tables, write_tables
from .provenance import sha256_of

NOTEBOOKS = ("01_clean_indicators.ipynb", "02_gap_to_target.ipynb", "03_annual_report.ipynb")
PACKAGES = ("numpy", "pandas", "matplotlib", "pandera", "papermill", "nbconvert", "nbformat", "ipykernel",
            "weasyprint", "pypdf")
STAGING_PREFIX = ".staging-"
PREVIOUS_PREFIX = ".previous-"


class ReportStepError(RuntimeError):
    """A step of the report failed; the message names the notebook and cell."""


@dataclass(frozen=True)
class ReportRun:
    report_year: int
    language: str
    scheme: str
    raw_dir: Path
    observations_dir: Path | None
    output_root: Path

    @property
    def destination(self) -> Path:
        return self.output_root / str(self.report_year) / self.language


@contextmanager
def report_lock(destination: Path):
    """An exclusive lock per report folder; a second run stops at once with a clear message."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    lock_path = destination.parent / f".{destination.name}.lock"
    handle = open(lock_path, "w")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError("another report run for this year and language is in progress; wait for it to "
                             "finish (the lock is released when it exits)", file=lock_path) from None
        yield
    finally:
        handle.close()


def recover_interrupted_swap(destination: Path) -> None:
    """If a run was killed between the two renames of the swap, put the previous report back."""
    for previous in sorted(destination.parent.glob(f"{PREVIOUS_PREFIX}{destination.name}-*")):
        if not destination.exists():
            os.replace(previous, destination)
        else:
            shutil.rmtree(previous, ignore_errors=True)
    for staging in destination.parent.glob(f"{STAGING_PREFIX}{destination.name}-*"):
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, destination: Path) -> None:
    """Replace ``destination`` by ``staging`` with two renames (the old one is removed last)."""
    previous = destination.parent / f"{PREVIOUS_PREFIX}{destination.name}-{os.getpid()}"
    if destination.exists():
        os.replace(destination, previous)
    os.replace(staging, destination)
    shutil.rmtree(previous, ignore_errors=True)


def _execute_notebook(name: str, output: Path, parameters: dict) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    try:
        papermill.execute_notebook(str(NOTEBOOKS_DIR / name), str(output), parameters=parameters,
                                   kernel_name="python3", cwd=str(NOTEBOOKS_DIR), progress_bar=False,
                                   log_output=False, report_mode=False)
    except PapermillExecutionError as exc:
        evalue = str(exc.evalue).splitlines()[0] if exc.evalue else ""
        raise ReportStepError(f"{name}: cell {exc.exec_count} raised {exc.ename}: {evalue} "
                              f"(executed notebook kept for inspection: {display_path(output)})") from None


def _git_commit() -> dict:
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                                timeout=10, check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "src", "notebooks", "data/raw"],
                                    cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10).stdout.strip())
        return {"commit": commit, "uncommitted_changes": dirty}
    except (OSError, subprocess.SubprocessError):
        return {"commit": "unknown", "uncommitted_changes": None}


def _input_files(run: ReportRun) -> list[Path]:
    files = sorted(p for p in run.raw_dir.rglob("*") if p.is_file())
    if run.observations_dir is not None and run.observations_dir.exists():
        files += sorted(p for p in run.observations_dir.rglob("*.csv") if p.is_file())
    return list(dict.fromkeys(files))


def _versions() -> dict:
    versions = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return versions


def write_manifest(run: ReportRun, staging: Path, timings: dict, notebook_parameters: dict) -> Path:
    outputs = sorted(p for p in staging.rglob("*") if p.is_file() and p.name != "manifest.json")
    manifest = {
        "report": {"year": run.report_year, "language": run.language, "scheme": run.scheme},
        "parameters": notebook_parameters,
        "inputs": {display_path(p): sha256_of(p) for p in _input_files(run)},
        "outputs": {str(p.relative_to(staging)): sha256_of(p) for p in outputs},
        "packages": _versions(),
        "git": _git_commit(),
        "step_seconds": {name: round(seconds, 2) for name, seconds in timings.items()},
        "varies_between_runs": ["step_seconds", "git", "notebooks/*.ipynb (execution timestamps)"],
    }
    path = staging / "manifest.json"
    write_bytes_atomic(path, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return path


def render_report(report_year=2024, language="zh", scheme="eurostat", raw_dir: Path = RAW_DIR,
                  observations_dir: Path | None = None, output_root: Path = REPORTS_DIR,
                  processed_dir: Path | None = None, progress: Callable[[str], None] = print) -> Path:
    """Build ``output_root/<year>/<language>/`` and return it.

    Parameters are validated before anything runs; ``processed_dir``, when given, is refreshed
    with the same tables the report used.
    """
    run = ReportRun(check_report_year(report_year), check_language(language), check_scheme(scheme),
                    Path(raw_dir), Path(observations_dir) if observations_dir is not None else None,
                    Path(output_root))
    destination = run.destination
    observations = run.observations_dir or run.raw_dir / "observations"
    notebook_parameters = {
        "report_year": run.report_year, "language": run.language, "scheme": run.scheme,
        "raw_dir": str(display_path(run.raw_dir)), "observations_dir": str(display_path(observations)),
    }
    with report_lock(destination):
        recover_interrupted_swap(destination)
        staging = destination.parent / f"{STAGING_PREFIX}{destination.name}-{os.getpid()}"
        staging.mkdir(parents=True)
        timings: dict[str, float] = {}
        steps = 6
        try:
            def step(number: int, name: str, action: Callable[[], object]) -> None:
                progress(f"[{number}/{steps}] {name} …")
                started = time.perf_counter()
                action()
                timings[name] = time.perf_counter() - started
                progress(f"[{number}/{steps}] {name}: done in {timings[name]:.1f} s")

            tables = {}
            step(1, "data", lambda: tables.update(build_tables(run.raw_dir, run.report_year, run.scheme, observations)))
            write_tables(tables, staging / "data")
            (staging / "notebooks").mkdir()
            params = {
                NOTEBOOKS[0]: {"raw_dir": notebook_parameters["raw_dir"]},
                NOTEBOOKS[1]: {k: notebook_parameters[k] for k in ("report_year", "scheme", "raw_dir", "observations_dir")},
                NOTEBOOKS[2]: notebook_parameters,
            }
            for number, name in enumerate(NOTEBOOKS, start=2):
                step(number, f"notebook {name}", lambda name=name: _execute_notebook(
                    name, staging / "notebooks" / name, params[name]))
            from .render import html_to_pdf, notebook_to_html
            from .report_content import report_title

            title = report_title(run.report_year, run.language)
            step(5, "html", lambda: notebook_to_html(staging / "notebooks" / NOTEBOOKS[2], staging / "report.html",
                                                     language=run.language, title=title))
            step(6, "pdf", lambda: html_to_pdf(staging / "report.html", staging / "report.pdf"))
            write_manifest(run, staging, timings, notebook_parameters)
        except BaseException:
            failed = destination.parent / f".failed-{destination.name}"
            shutil.rmtree(failed, ignore_errors=True)
            if staging.exists():
                os.replace(staging, failed)
                progress(f"failed run kept for inspection in {display_path(failed)}; "
                         f"{display_path(destination)} is unchanged")
            raise
        if processed_dir is not None:
            write_tables(tables, processed_dir)
        swap_in(staging, destination)
    progress(f"report: {display_path(destination / 'report.html')}, {display_path(destination / 'report.pdf')}")
    return destination

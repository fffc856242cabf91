"""``make report``: data → assessment → report notebooks (papermill) → HTML → PDF → manifest.

The whole report is built in a staging folder beside its destination and swapped in only when
every step has succeeded, so a failed or killed run leaves the previous
``reports/<year>/<language>/`` complete and unchanged. A lock keeps two runs for the same year
and language from interleaving.

Speed, measured in ``benchmarks/`` (see its README):

* **Nothing changed, nothing done.** Before anything heavy is imported, the run hashes what the
  report is made from (:mod:`analysis.build_cache`); when the published report's manifest was
  written for the same hashes and its files are intact, the run stops there. ``force`` rebuilds.
* **One kernel per run.** The data step and the three notebooks run in one kernel
  (:mod:`analysis.kernel_session`), which boots while this process imports papermill; nbconvert
  and WeasyPrint are imported, and the CJK font loaded, while the notebooks execute.
* **Batches share work.** Several reports (years × languages) are split over worker processes,
  one kernel each; within a worker, notebooks whose parameters and inputs are the same (01 for
  every report, 02 for both languages of a year) run once and are copied.
"""
from __future__ import annotations

import fcntl
import importlib
import json
import os
import platform
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .atomic_files import write_bytes_atomic, write_files_atomic
from .build_cache import build_key, code_files, digests, environment_digest, input_files, outdated_reason
from .errors import InputError, display_path
from .kernel_session import KernelCodeError, KernelSession, ReportStepError, raise_as_input_error
from .parameters import check_language, check_report_year, check_scheme
from .paths import NOTEBOOKS_DIR, PROJECT_ROOT, RAW_DIR, REPORTS_DIR

__all__ = ["ReportJob", "ReportStepError", "make_job", "render_report", "render_reports"]

NOTEBOOKS = ("01_clean_indicators.ipynb", "02_gap_to_target.ipynb", "03_annual_report.ipynb")
PACKAGES = ("numpy", "pandas", "matplotlib", "pandera", "papermill", "nbconvert", "nbformat", "ipykernel",
            "weasyprint", "pypdf")
STAGING_PREFIX = ".staging-"
PREVIOUS_PREFIX = ".previous-"


@dataclass(frozen=True)
class ReportJob:
    """One report to build: a year, a language and a scheme, from which inputs, to which folder."""
    report_year: int
    language: str
    scheme: str
    raw_dir: Path
    observations_dir: Path | None
    output_root: Path
    processed_dir: Path | None = None  # refreshed with the report's tables when given

    @property
    def destination(self) -> Path:
        return self.output_root / str(self.report_year) / self.language

    @property
    def observations(self) -> Path:
        return self.observations_dir or self.raw_dir / "observations"

    @property
    def label(self) -> str:
        return f"{self.report_year}/{self.language}"

    def parameters(self) -> dict:
        return {"report_year": self.report_year, "language": self.language, "scheme": self.scheme,
                "raw_dir": display_path(self.raw_dir), "observations_dir": display_path(self.observations)}

    def notebook_parameters(self) -> dict[str, dict]:
        """What each notebook is given: 01 only needs the raw folder, 02 no language."""
        every = self.parameters()
        return {NOTEBOOKS[0]: {"raw_dir": every["raw_dir"]},
                NOTEBOOKS[1]: {k: every[k] for k in ("report_year", "scheme", "raw_dir", "observations_dir")},
                NOTEBOOKS[2]: every}


def make_job(report_year=2024, language="zh", scheme="eurostat", raw_dir: Path = RAW_DIR,
             observations_dir: Path | None = None, output_root: Path = REPORTS_DIR,
             processed_dir: Path | None = None) -> ReportJob:
    """A validated :class:`ReportJob` (bad parameters raise :class:`InputError` before anything runs)."""
    return ReportJob(check_report_year(report_year), check_language(language), check_scheme(scheme),
                     Path(raw_dir), Path(observations_dir) if observations_dir is not None else None,
                     Path(output_root), Path(processed_dir) if processed_dir is not None else None)


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


def _git_commit() -> dict:
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                                timeout=10, check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "src", "notebooks", "data/raw"],
                                    cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10).stdout.strip())
        return {"commit": commit, "uncommitted_changes": dirty}
    except (OSError, subprocess.SubprocessError):
        return {"commit": "unknown", "uncommitted_changes": None}


def _versions() -> dict:
    versions = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return versions




# --- what a report is made from ---------------------------------------------------------------------

@dataclass
class Fingerprint:
    """The hashes behind a job's build key (see :mod:`analysis.build_cache`)."""
    key: str
    inputs: dict[str, str]
    code: dict[str, str]
    environment: str


def fingerprint(job: ReportJob, code: dict[str, str], environment: str) -> Fingerprint:
    inputs = digests(input_files(job.raw_dir, job.observations_dir))
    return Fingerprint(build_key(job.parameters(), inputs, code, environment), inputs, code, environment)


def write_manifest(job: ReportJob, staging: Path, timings: dict, prints: Fingerprint) -> Path:
    outputs = sorted(p for p in staging.rglob("*") if p.is_file() and p.name != "manifest.json")
    manifest = {
        "report": {"year": job.report_year, "language": job.language, "scheme": job.scheme},
        "parameters": job.parameters(),
        "inputs": prints.inputs,
        "outputs": {str(p.relative_to(staging)): digests([p])[display_path(p)] for p in outputs},
        "build": {"key": prints.key, "code": prints.code, "environment": prints.environment},
        "packages": _versions(),
        "git": _git_commit(),
        "step_seconds": {name: round(seconds, 2) for name, seconds in timings.items()},
        "varies_between_runs": ["step_seconds", "git", "notebooks/*.ipynb (execution timestamps)"],
    }
    path = staging / "manifest.json"
    write_bytes_atomic(path, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return path


def publish_tables(source: Path, processed_dir: Path) -> None:
    """Copy the report's tables to ``processed_dir``, all changing together; unchanged files are kept."""
    if processed_dir.exists() and not processed_dir.is_dir():
        raise InputError("exists and is not a folder; the processed tables need a folder", file=processed_dir)
    files = {processed_dir / p.name: p.read_bytes() for p in sorted(source.glob("*.csv"))}
    changed = {path: data for path, data in files.items() if not path.is_file() or path.read_bytes() != data}
    if changed:
        write_files_atomic(changed)


# --- building --------------------------------------------------------------------------------------

_rendering_ready = threading.Event()
_rendering_thread: threading.Thread | None = None


def _prepare_rendering() -> None:
    try:
        from .render import warm_up_rendering

        importlib.import_module(f"{__package__}.report_content")  # brings pandas; only the title needs it here
        warm_up_rendering()
    except Exception:  # the HTML and PDF steps import and report the same problem properly
        pass
    finally:
        _rendering_ready.set()


def start_preparing_rendering() -> None:
    """Import nbconvert and WeasyPrint and load the fonts in a thread, once per process."""
    global _rendering_thread
    if _rendering_thread is None:
        _rendering_thread = threading.Thread(target=_prepare_rendering, name="prepare-rendering", daemon=True)
        _rendering_thread.start()


def _data_step_code(job: ReportJob, out_dir: Path) -> str:
    arguments = (f"Path({str(job.raw_dir)!r}), Path({str(out_dir)!r}), report_year={job.report_year!r}, "
                 f"scheme={job.scheme!r}, observations_dir=Path({str(job.observations)!r})")
    return ("def _report_data_step():\n"
            "    from pathlib import Path\n"
            "    from analysis.pipeline import build_data\n"
            f"    build_data({arguments})\n"
            "_report_data_step()\n"
            "del _report_data_step\n")


class BackgroundStep(threading.Thread):
    """Run a step in a thread and hand its exception, if any, back to the caller."""

    def __init__(self, action: Callable[[], object]):
        super().__init__(name="report-step", daemon=True)
        self.action = action
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self.action()
        except BaseException as exc:  # re-raised in the caller's thread by raise_if_failed
            self.error = exc

    def raise_if_failed(self) -> None:
        if self.error is not None:
            raise self.error


@dataclass
class SharedWork:
    """Results a worker can reuse for later reports: executed notebooks and data tables by key."""
    notebooks: dict[tuple, Path] = field(default_factory=dict)
    tables: dict[tuple, Path] = field(default_factory=dict)


def build_one(job: ReportJob, prints: Fingerprint, session: Callable[[], KernelSession], shared: SharedWork,
              progress: Callable[[str], None]) -> Path:
    """Build one report into a staging folder and swap it in; see the module docstring."""
    destination = job.destination
    with report_lock(destination):
        recover_interrupted_swap(destination)
        staging = destination.parent / f"{STAGING_PREFIX}{destination.name}-{os.getpid()}"
        staging.mkdir(parents=True)
        timings: dict[str, float] = {}
        steps = 6
        try:
            def begin(number: int, name: str) -> float:
                progress(f"[{number}/{steps}] {name} …")
                return time.perf_counter()

            def done(number: int, name: str, started: float, note: str = "") -> None:
                timings[name] = time.perf_counter() - started
                progress(f"[{number}/{steps}] {name}: {note or 'done'} in {timings[name]:.1f} s")

            inputs_key = tuple(sorted(prints.inputs.items()))
            data_key = (str(job.raw_dir), str(job.observations), job.report_year, job.scheme, inputs_key)
            started = begin(1, "data")
            if data_key in shared.tables:
                shutil.copytree(shared.tables[data_key], staging / "data")
                done(1, "data", started, f"reused from {display_path(shared.tables[data_key])}")
            else:
                kernel = session()
                request = kernel.submit(_data_step_code(job, staging / "data"))
                importlib.import_module("papermill")  # imported while the kernel boots and builds the tables
                start_preparing_rendering()
                try:
                    kernel.wait(request)
                except KernelCodeError as error:
                    raise_as_input_error(error)
                done(1, "data", started)
            (staging / "notebooks").mkdir()
            parameters = job.notebook_parameters()

            def run_notebook(number: int, name: str) -> None:
                step_name = f"notebook {name}"
                notebook_key = (name, json.dumps(parameters[name], sort_keys=True), inputs_key)
                started = begin(number, step_name)
                if notebook_key in shared.notebooks:
                    shutil.copyfile(shared.notebooks[notebook_key], staging / "notebooks" / name)
                    done(number, step_name, started, f"reused from {display_path(shared.notebooks[notebook_key])}")
                    return
                kernel.execute_notebook(NOTEBOOKS_DIR / name, staging / "notebooks" / name, parameters[name])
                done(number, step_name, started)

            def render_html_and_pdf() -> None:
                start_preparing_rendering()
                _rendering_ready.wait()
                from .render import html_to_pdf, notebook_to_html
                from .report_content import report_title

                started = begin(5, "html")
                notebook_to_html(staging / "notebooks" / NOTEBOOKS[2], staging / "report.html",
                                 language=job.language, title=report_title(job.report_year, job.language))
                done(5, "html", started)
                started = begin(6, "pdf")
                html_to_pdf(staging / "report.html", staging / "report.pdf")
                done(6, "pdf", started)

            kernel = session()
            run_notebook(4, NOTEBOOKS[2])
            # The report is made from notebook 03 alone: a thread renders it to HTML and PDF while
            # the kernel runs 01 and 02 (two cores, two jobs). Everything that talks to the kernel
            # stays in this thread, with its one event loop.
            rendering = BackgroundStep(render_html_and_pdf)
            try:
                run_notebook(2, NOTEBOOKS[0])
                run_notebook(3, NOTEBOOKS[1])
            finally:
                rendering.join()
            rendering.raise_if_failed()
            write_manifest(job, staging, timings, prints)
        except BaseException:
            failed = destination.parent / f".failed-{destination.name}"
            shutil.rmtree(failed, ignore_errors=True)
            if staging.exists():
                os.replace(staging, failed)
                progress(f"failed run kept for inspection in {display_path(failed)}; "
                         f"{display_path(destination)} is unchanged")
            raise
        if job.processed_dir is not None:
            publish_tables(staging / "data", job.processed_dir)
        swap_in(staging, destination)
    shared.tables[data_key] = destination / "data"
    for name in NOTEBOOKS:
        shared.notebooks[(name, json.dumps(parameters[name], sort_keys=True), inputs_key)] = \
            destination / "notebooks" / name
    progress(f"report: {display_path(destination / 'report.html')}, {display_path(destination / 'report.pdf')}")
    return destination


@dataclass
class JobOutcome:
    label: str
    destination: str | None = None
    error_kind: str | None = None   # "input" (the user's to fix), "step" (a notebook or tool failed)
    message: str | None = None


def build_group(jobs: list[tuple[ReportJob, Fingerprint]], progress: Callable[[str], None],
                keep_going: bool) -> list[JobOutcome]:
    """Build several reports one after the other with one kernel; the kernel starts on first need."""
    sessions: list[KernelSession] = []

    def session() -> KernelSession:
        if not sessions:
            sessions.append(KernelSession())
        return sessions[0]

    shared = SharedWork()
    outcomes = []
    try:
        for job, prints in jobs:
            say = progress if len(jobs) == 1 else (lambda line, label=job.label: progress(f"{label}: {line}"))
            try:
                outcomes.append(JobOutcome(job.label, str(build_one(job, prints, session, shared, say))))
            except Exception as exc:
                if not keep_going:
                    raise
                kind = "input" if isinstance(exc, InputError) else "step"
                outcomes.append(JobOutcome(job.label, error_kind=kind, message=str(exc)))
                say(f"error: {exc}")
    finally:
        for kernel in sessions:
            kernel.close()
    return outcomes


def _build_group_in_worker(jobs: list[tuple[ReportJob, Fingerprint]]) -> list[JobOutcome]:
    def progress(line: str) -> None:
        print(line, flush=True)

    return build_group(jobs, progress, keep_going=True)


def split_into_groups(jobs: list, workers: int) -> list[list]:
    """Contiguous, nearly equal groups of jobs sorted by (year, language): both languages of a year
    tend to land in the same worker, which then runs notebook 02 once for them."""
    ordered = sorted(jobs, key=lambda item: (item[0].report_year, item[0].language))
    workers = max(1, min(workers, len(ordered)))
    size, extra = divmod(len(ordered), workers)
    groups, start = [], 0
    for index in range(workers):
        end = start + size + (1 if index < extra else 0)
        groups.append(ordered[start:end])
        start = end
    return [group for group in groups if group]


class BatchError(RuntimeError):
    """Some reports of a batch failed; the others were built. ``outcomes`` has one entry per report."""

    def __init__(self, outcomes: list[JobOutcome]):
        self.outcomes = outcomes
        failed = [o for o in outcomes if o.error_kind]
        super().__init__(f"{len(failed)} of {len(outcomes)} reports failed: "
                         + "; ".join(f"{o.label}: {o.message}" for o in failed))

    @property
    def only_input_errors(self) -> bool:
        return all(o.error_kind in (None, "input") for o in self.outcomes)


def render_reports(jobs: list[ReportJob], *, force: bool = False, workers: int | None = None,
                   progress: Callable[[str], None] = print) -> list[Path]:
    """Build every job whose report is not up to date; return the report folders.

    ``workers`` processes (default: one per core, at most one per job) each build a contiguous
    share of the jobs with one kernel. One job runs in this process and raises its own error;
    in a batch a failing report does not stop the others, and :class:`BatchError` is raised at
    the end naming each failure.
    """
    code = digests(code_files(NOTEBOOKS))
    environment = environment_digest()
    pending: list[tuple[ReportJob, Fingerprint]] = []
    for job in jobs:
        prints = fingerprint(job, code, environment)
        with report_lock(job.destination):
            parts = {"parameters": job.parameters(), "inputs": prints.inputs, "code": prints.code,
                     "environment": prints.environment}
            reason = "--force" if force else outdated_reason(job.destination, prints.key, parts)
            if reason is None:
                if job.processed_dir is not None:
                    publish_tables(job.destination / "data", job.processed_dir)
                progress(f"{job.label}: {display_path(job.destination)} is up to date (inputs, parameters, code "
                         "and environment unchanged; --force rebuilds)")
                continue
        progress(f"{job.label}: building ({reason})")
        pending.append((job, prints))
    if not pending:
        return [job.destination for job in jobs]
    if len(jobs) == 1:
        build_group(pending, progress, keep_going=False)
        return [jobs[0].destination]
    groups = split_into_groups(pending, workers or os.cpu_count() or 1)
    if len(groups) == 1:
        outcomes = build_group(groups[0], progress, keep_going=True)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from concurrent.futures.process import BrokenProcessPool

        try:
            with ProcessPoolExecutor(len(groups), mp_context=multiprocessing.get_context("spawn")) as pool:
                outcomes = [o for result in pool.map(_build_group_in_worker, groups) for o in result]
        except BrokenProcessPool:
            raise ReportStepError("a worker process of the batch died (killed, or out of memory); reports it "
                                  "had not finished are unchanged; run again, or with --jobs 1") from None
    if any(o.error_kind for o in outcomes):
        raise BatchError(outcomes)
    return [job.destination for job in jobs]


def render_report(report_year=2024, language="zh", scheme="eurostat", raw_dir: Path = RAW_DIR,
                  observations_dir: Path | None = None, output_root: Path = REPORTS_DIR,
                  processed_dir: Path | None = None, progress: Callable[[str], None] = print,
                  force: bool = False) -> Path:
    """Build ``output_root/<year>/<language>/`` unless it is up to date, and return it.

    Parameters are validated before anything runs; ``processed_dir``, when given, is refreshed
    with the same tables the report used.
    """
    job = make_job(report_year, language, scheme, raw_dir, observations_dir, output_root, processed_dir)
    return render_reports([job], force=force, workers=1, progress=progress)[0]

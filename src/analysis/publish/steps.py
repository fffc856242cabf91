"""The steps of a report run: the data step, a notebook run by stock papermill, the report notebook's pages.

:func:`prepare` runs in the run's own process; :func:`run_notebook` and :func:`render_pages` in its worker
processes (:mod:`analysis.publish.report`), each raising a :class:`~analysis.errors.StepError` naming the
notebook (and the cell) when it fails. A notebook runs in a
fresh ``python3`` kernel, as ``papermill NOTEBOOK OUTPUT -p …`` would run it; the only options given are
papermill's and nbclient's own, so that the same inputs give the same bytes (one output per stream however
the kernel chunked it, no timestamps).
"""
from __future__ import annotations

import datetime
import multiprocessing
import multiprocessing.connection
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
import papermill
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from papermill.exceptions import PapermillExecutionError
from traitlets.config import Config

from ..catalog import told_words
from ..clean.processed import PLAN_JSON
from ..errors import InputError, StepError, display_path
from ..files import read_regular, write_bytes_atomic
from ..report.context import report_context
from ..report.render import UnpublishableOutputError, html_to_pdf, notebook_to_html
from ..report.words import index_summary, title
from ..settings import NOTEBOOKS_DIR, PROJECT_ROOT
from .cache import PREVIOUS
from .data import build_tables
from .folders import new_staging, write_tables
from .job import PREVIOUS_ASSESSMENT
from .manifest import check_owner, inputs_date

EXECUTION_TIMEOUT = 600  # seconds a single cell may take
#: The kernel's own log is not the report's: jupyter_client interrupts a kernel as it shuts it down, which
#: ipykernel logs as an error; a cell's error reaches the notebook and the run's error line, not the log.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
#: What papermill records of a run's clock, in the notebook's and each cell's ``papermill`` metadata.
PAPERMILL_TIMINGS = ("start_time", "end_time", "duration")
INJECTED_TAG = "injected-parameters"  # papermill's tag for the cell it adds


def watch_parent() -> None:
    """A worker's first act: end the worker when the run's process ends, whatever ends it (a SIGKILL included),
    so that no worker outlives its run to write into a folder a later run uses. A daemon thread waits on the
    parent's sentinel; the kernels a worker started end with it (ipykernel watches its parent the same way)."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (multiprocessing.connection.wait([parent.sentinel]), os._exit(1)),
                         name="watch-parent", daemon=True).start()


def ready() -> None:
    """Nothing: the first task of each worker, which starts it (and so loads this module) before the data step."""


#: The folder the running ``analysis`` package is imported from (``src``).
PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def kernel_path() -> str:
    """``PYTHONPATH`` for a notebook's kernel: the folder this ``analysis`` is imported from first, then the
    caller's entries made absolute. The kernel starts in ``notebooks/``, where a relative entry (``PYTHONPATH=src``,
    from a copy of the project) names nothing, and would import another copy's ``analysis`` (an installed one)."""
    entries = [str(Path(entry).resolve()) for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry]
    return os.pathsep.join(dict.fromkeys([str(PACKAGE_ROOT), *entries]))


def run_notebook(source: Path, output: Path, parameters: dict) -> float:
    """Run the notebook ``source`` with ``parameters`` into ``output``; returns the seconds it took.

    The kernel talks to papermill over Unix sockets in a private folder (mode 0700), not TCP ports on
    localhost: only this user can reach it (nbclient hands the ``config`` to the kernel manager it makes)."""
    started, name = time.perf_counter(), Path(source).name
    os.environ["PYTHONPATH"] = kernel_path()  # the kernel inherits it: the same code as this run's
    try:
        with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as sockets:
            config = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}})
            papermill.execute_notebook(str(source), str(output), parameters=parameters,
                                       kernel_name="python3", cwd=str(NOTEBOOKS_DIR), progress_bar=False,
                                       log_output=False, request_save_on_cell_execute=False, config=config,
                                       extra_arguments=KERNEL_ARGUMENTS, execution_timeout=EXECUTION_TIMEOUT,
                                       coalesce_streams=True, record_timing=False)
    except PapermillExecutionError as exc:
        evalue = str(exc.evalue).splitlines()[0] if exc.evalue else "its traceback is in the notebook"
        if exc.ename == InputError.__name__ and exc.evalue:
            raise InputError(evalue) from None  # an input only the report's language reads: the user's to fix
        raise StepError(f"{name}: cell {exc.exec_count} raised {exc.ename}: {evalue}") from None
    except DeadKernelError:
        raise StepError(f"{name}: the kernel died while the notebook ran (killed, or out of memory)") from None
    except CellTimeoutError as exc:
        raise StepError(f"{name}: {' '.join(str(exc).split())}") from None
    settle(output)
    return time.perf_counter() - started


def settle(path: Path) -> None:
    """What would differ between two runs of the same inputs, taken out of an executed notebook: the times
    papermill writes (the run's step timings are in the manifest) and the random id it gives the cell of
    injected parameters (that cell has a fixed id instead: its tag's name)."""
    notebook = nbformat.read(path, as_version=4)
    for metadata in [notebook.metadata, *(cell.metadata for cell in notebook.cells)]:
        for key in PAPERMILL_TIMINGS:
            metadata.get("papermill", {}).pop(key, None)
    run = notebook.metadata.get("papermill", {})
    for key in ("input_path", "output_path"):  # where the project sits is no part of the report
        if run.get(key):
            run[key] = _project_relative(run[key])
    for cell in notebook.cells:
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell.id = INJECTED_TAG
    write_bytes_atomic(path, (nbformat.writes(notebook) + "\n").encode("utf-8"))


def _project_relative(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return Path(path).name


def render_pages(notebook: Path, folder: Path, language: str, title: str) -> dict[str, float]:
    """``report.html`` from the executed report notebook, then ``report.pdf`` from that page; the seconds each
    took."""
    seconds = {}
    started = time.perf_counter()
    try:
        notebook_to_html(notebook, folder / "report.html", language=language, title=title)
        seconds["html"] = time.perf_counter() - started
        html_to_pdf(folder / "report.html", folder / "report.pdf")
    except UnpublishableOutputError as exc:
        raise StepError(str(exc)) from None
    seconds["pdf"] = time.perf_counter() - started - seconds["html"]
    return seconds


def prepare(group: list, label: str, progress: Callable[[str], None]) -> bool:
    """The data step of a group of builds (:class:`analysis.publish.report.Build`) that share it, the plan's tables
    published (under their lock, which the caller holds), each report's staging folder with its copy of the
    tables, its dates and its summary; returns whether the data step succeeded (else every build has the
    error)."""
    first = group[0].job
    started = time.perf_counter()
    try:
        tables = build_tables(first.plan, first.scheme, first.observations_dir)
        files = tables.files()
        check_owner(first.plan, first.tables / PLAN_JSON, first.tables)
        write_tables(files, first.tables)
    except (InputError, OSError) as exc:
        for build in group:
            build.error = exc
        return False
    seconds = time.perf_counter() - started
    progress(told_words().text("run_lines.step_done", label=label, step="data", seconds=f"{seconds:.1f}"))
    dates = {"generated": datetime.date.today().isoformat(),
             "inputs_date": inputs_date(first.plan.input_files(first.observations))}
    for build in group:
        job = build.job
        build.seconds["data"], build.dates = seconds, dates
        context = report_context(tables, job.report_year, job.language)
        build.summary = {**index_summary(context), "html_title": title(context)}
        build.staging = new_staging(job.destination, build.prints.key[:12])
        (build.staging / "data").mkdir()
        # the tables as of the report's year: a mid-term's package holds no later value nor verdict
        for name, data in tables.up_to(job.report_year).files().items():
            (build.staging / "data" / name).write_bytes(data)
        published = build.prints.inputs.get(f"{PREVIOUS} {display_path(job.previous)}") if job.previous else None
        if published is not None:
            # the statuses the previous report published, as it published them: a copy, kept with this report
            build.previous = build.staging / "data" / PREVIOUS_ASSESSMENT
            build.previous.write_bytes(read_regular(job.previous / "data" / "assessment.csv"))
        (build.staging / "notebooks").mkdir()
    return True

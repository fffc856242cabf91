"""``make report``: the reports of a run, from one data step and stock papermill, each published whole.

A run builds one or more reports (years × languages of a plan) along one route:

1. **check**: each report's lock is taken, so a second run for the same report is refused at once, and a
   report whose build key matches its manifest is skipped (:mod:`.cache`);
2. **data**: the plan's tables are built once (:func:`.data.build_tables`) and published to
   ``data/processed/<plan>/``, whose lock the run holds until it ends, so the notebooks read exactly these
   tables; each report's staging folder gets a copy of them (``data/``);
3. **notebooks**: worker processes run, with stock papermill, the report notebook (``03``) of each report,
   which shows the report's sections and writes its Word edition and workbook from the same report object,
   and the evidence notebooks: ``01`` (the cleaning) once for the run, ``02`` (the assessment) once per year;
4. **pages**: as soon as its report notebook is done, a worker turns it into ``report.html`` (nbconvert) and
   that page into ``report.pdf`` (WeasyPrint);
5. **publish**: with every piece in its staging folder, the manifest is written and the folder put in place
   (:mod:`.folders`); ``reports/index.html`` is rewritten.

Steps that do not wait for each other run side by side, one per core, the reports' own path first. In a
run of several reports, one that fails does not stop the others; the failures are named at the end, each
once however many reports it stopped.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import told_words
from ..errors import InputError, InputErrors, StepError, display_path, error_lines, printable
from ..files import outside_project
from .cache import Fingerprint, code_digests, environment, fingerprint, outdated_reason, previous_report
from .folders import keep_failed, locked, locked_if_free, publish, tables_lock, write_tables
from .index import write_index
from .job import ASSESSMENT, CLEANING, PREVIOUS_ASSESSMENT, REPORT, ReportJob
from .manifest import MANIFEST, check_owner, write_manifest

#: Test hook: ``ANALYSIS_FAULT_AT=<step>`` kills the run with SIGKILL as that step starts (``data``,
#: ``notebook <name>``, ``pages``), so the reliability tests interrupt a run at a named step instead of racing it.
FAULT_AT = "ANALYSIS_FAULT_AT"
PAGES = "pages"
#: The order tasks start in: a report's pages, the report notebooks, the evidence notebooks.
PAGES_FIRST, REPORT_NOTEBOOK, EVIDENCE = 0, 1, 2
OUTPUTS = ("report.html", "report.pdf", "report.docx", "scorecard.xlsx")
#: Written besides at a mid-term or final evaluation: the draft self-evaluation report.
SELF_EVALUATION = ("self-evaluation.docx", "self-evaluation.pdf", "self-evaluation.html")


@dataclass
class Build:
    """A report being built: its job and build key, its staging folder, the steps it waits for, their times."""

    job: ReportJob
    prints: Fingerprint
    staging: Path | None = None
    waiting: set[str] = field(default_factory=set)
    seconds: dict[str, float] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    error: Exception | None = None
    kept: Path | None = None  # where a failed run was kept
    previous: Path | None = None  # the assessment the previous year's report published, copied into this one

    @property
    def label(self) -> str:
        return self.job.label


@dataclass
class Task:
    """A step run in a worker process for some builds: a notebook (whose output the other builds get a copy of)
    or a report's pages. Lower ``priority`` first: the reports' own path before the evidence notebooks."""

    step: str
    builds: list[Build]
    function: Callable
    arguments: tuple
    priority: int
    output: Path | None = None
    pages: Callable | None = None  # for a report notebook: what makes its pages


@dataclass
class Tally:
    """How a run's reports ended, for the summary line a scheduler's log is scanned for."""

    reports: int
    built: int = 0
    up_to_date: int = 0
    failed: int = 0
    started: bool = False  # past the up-to-date check: a run refused before it has no summary

    def line(self) -> str:
        """The summary, in the run's language (:func:`~analysis.catalog.told_words`)."""
        return told_words().count_text("run_lines.summary", self.reports, reports=self.reports, built=self.built,
                                       up_to_date=self.up_to_date, failed=self.failed)


class BatchError(RuntimeError):
    """Some reports of a run failed; the others were built. ``failures`` maps each message to its reports; ``notes``:
    the notes of the data their errors were read with (a hidden sheet not read), each once."""

    def __init__(self, failures: dict[str, list[str]], only_input_errors: bool, notes: list | None = None):
        self.failures = failures
        self.only_input_errors = only_input_errors
        self.notes = notes or []
        super().__init__("; ".join(f"{message} (stopped: {', '.join(labels)})" for message, labels in failures.items()))

    def lines(self) -> list[str]:
        """Each error once, however many reports it stopped: its ``error:`` line, then a line naming those reports
        (``  stopped: weihai/2023/zh, weihai/2023/en``)."""
        lines = []
        for message, labels in self.failures.items():
            # a message of several mistakes (a workbook's) has a line each, each already made printable
            lines += [f"error: {printable(line)}" for line in message.split("\n")]
            lines.append(f"  stopped: {printable(', '.join(labels))}")
        return lines


def render_reports(jobs: list[ReportJob], *, force: bool = False, workers: int | None = None,
                   progress: Callable[[str], None] = print, tally: Tally | None = None) -> list[Path]:
    """Build every job whose report is not up to date; return the report folders.

    A single report's failure is raised as it is (an :class:`InputError` or a :class:`StepError`); the failures
    of a run of several are raised together as a :class:`BatchError`. ``tally`` counts the reports built, up to
    date and failed as the run goes. The reports' front page (``index.html``) is rewritten afterwards, whatever
    became of the reports.
    """
    tally = tally if tally is not None else Tally(len(jobs))
    try:
        with ExitStack() as held:
            builds = check(jobs, force, progress, held)
            tally.started, tally.up_to_date, tally.failed = True, len(jobs) - len(builds), len(builds)
            if builds:
                from . import steps  # pandas, papermill and the renderers: a run with nothing to build never loads them

                grouped = groups(builds)
                pool, slots = held.enter_context(worker_pool(workers, grouped, steps))
                tasks = []
                for group in grouped:
                    held.enter_context(tables_lock(group[0].job.tables))
                    fault("data")
                    if steps.prepare(group, shared_label(group), progress):
                        tasks += notebook_tasks(group, steps)
                run_tasks(pool, slots, tasks, progress)
                for build in builds:
                    finish(build, progress)
                tally.failed = sum(build.error is not None for build in builds)
                tally.built = len(builds) - tally.failed
                raise_failures(builds, single=len(jobs) == 1)
    finally:
        # Only after a run that got going: a refused parameter or output folder writes nothing.
        for root in dict.fromkeys(job.output_root for job in jobs) if tally.started else ():
            if root.is_dir() and outside_project(root) is None:
                write_index(root)
    return [job.destination for job in jobs]


def fault(step: str) -> None:
    if os.environ.get(FAULT_AT) == step:
        os.kill(os.getpid(), signal.SIGKILL)


# --- 1. check --------------------------------------------------------------------------------------------

def check(jobs: list[ReportJob], force: bool, progress: Callable[[str], None], held: ExitStack) -> list[Build]:
    """Take every report's lock (held until the run ends) and keep the reports that are not up to date. An
    up-to-date report's tables are published again if ``data/processed`` lost them."""
    env, code = environment(), {}
    builds, built_now = [], set()
    # Year by year: a report compares its statuses with the previous year's report, built in this run or not.
    for job in sorted(jobs, key=lambda job: (str(job.output_root), job.plan.name, job.report_year)):
        held.enter_context(locked(job.destination, wait=False, busy=told_words()["run_errors.report_busy"]))
        check_owner(job.plan, job.destination / MANIFEST, job.destination)
        if job.notebooks_dir not in code:
            code[job.notebooks_dir] = code_digests(job.notebooks_dir)
        plain = fingerprint(job, code[job.notebooks_dir], env)
        prints = fingerprint(job, code[job.notebooks_dir], env, previous_report(job, plain.inputs, built_now))
        words = told_words()  # the run's language, as its data step's lines and its mistakes
        reason = words["run_lines.reason.force"] if force else outdated_reason(job.destination, prints,
                                                                                job.parameters(), words)
        if reason is None:
            republish(job)
            progress(words.text("run_lines.up_to_date", label=job.label, path=display_path(job.destination)))
            continue
        progress(words.text("run_lines.building", label=job.label, reason=reason))
        builds.append(Build(job, prints))
        built_now.add(job.destination)
    order = {job.destination: index for index, job in enumerate(jobs)}
    return sorted(builds, key=lambda build: order[build.job.destination])


def republish(job: ReportJob) -> None:
    """An up-to-date report's tables back in ``data/processed`` if any of them went (unless another run holds them:
    it publishes its own), built from the raw inputs as ``make data`` builds them: the report's own copy stops at
    its year (a mid-term's holds no later value), the processed tables do not. Tables still there are left as they
    are: a run that builds nothing writes nothing."""
    names = [path.name for path in sorted((job.destination / "data").iterdir())
             if path.is_file() and path.name != PREVIOUS_ASSESSMENT]
    if all((job.tables / name).is_file() for name in names):
        return
    from .data import build_tables  # the data step's libraries, only when a table is to be built: a run that finds
    # every report up to date loads none

    with locked_if_free(job.tables) as free:
        if free:
            check_owner(job.plan, job.tables / "plan.json", job.tables)
            write_tables(build_tables(job.plan, job.scheme, job.observations_dir).files(), job.tables)


def groups(builds: list[Build]) -> list[list[Build]]:
    """The builds that share one data step: the same plan, observations and scheme, into the same tables."""
    grouped: dict[tuple, list[Build]] = {}
    for build in builds:
        job = build.job
        grouped.setdefault((job.plan.folder, job.observations, job.scheme, job.tables), []).append(build)
    folders = [key[3] for key in grouped]
    if len(set(folders)) < len(folders):
        raise InputError(told_words()["run_errors.own_processed"], file=folders[0])
    return list(grouped.values())


# --- 2. data (steps.prepare), and the notebooks each report needs ------------------------------------------

def shared_label(builds: list[Build]) -> str:
    """How a step several reports share is named: ``weihai/2024/zh``, ``weihai/2024`` or ``weihai``."""
    labels = [build.label.split("/") for build in builds]
    common = []
    for parts in zip(*labels):
        if len(set(parts)) > 1:
            break
        common.append(parts[0])
    return "/".join(common)


def notebook_tasks(group: list[Build], steps) -> list[Task]:
    """Each report's notebook, 01 once for the group and 02 once per year; the first report of a shared
    notebook runs it into its staging folder, the others get a copy."""
    tasks = []
    for build in group:
        job = build.job
        build.waiting = {f"notebook {name}" for name in (CLEANING, ASSESSMENT, REPORT)} | {PAGES}
        tasks.append(Task(f"notebook {REPORT}", [build], steps.run_notebook,
                          (job.notebooks_dir / REPORT, build.staging / "notebooks" / REPORT,
                           job.notebook_parameters(REPORT, build.staging, build.dates, build.previous)),
                     priority=REPORT_NOTEBOOK,
                          pages=steps.render_pages))
    years: dict[int, list[Build]] = {}
    for build in group:
        years.setdefault(build.job.report_year, []).append(build)
    shared = [(CLEANING, group)] + [(ASSESSMENT, builds) for builds in years.values()]
    for name, builds in shared:
        output = builds[0].staging / "notebooks" / name
        tasks.append(Task(f"notebook {name}", builds, steps.run_notebook,
                          (builds[0].job.notebooks_dir / name, output, builds[0].job.notebook_parameters(name)),
                          priority=EVIDENCE, output=output))
    return tasks


# --- 3., 4. notebooks and pages ----------------------------------------------------------------------------

@contextmanager
def worker_pool(workers: int | None, grouped: list[list[Build]], steps) -> Iterator[tuple[ProcessPoolExecutor, int]]:
    """The run's worker processes and their number: one per core at most (fewer when there are fewer notebooks),
    started now so that they load the steps while the data step runs; each ends with the run
    (:func:`steps.watch_parent`)."""
    notebooks = sum(1 + len({build.job.report_year for build in group}) + len(group) for group in grouped)
    size = max(1, min(workers or os.cpu_count() or 1, notebooks))
    pool = ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("spawn"), initializer=steps.watch_parent)
    for _ in range(min(size, sum(map(len, grouped)))):  # the workers the report notebooks start in; more as needed
        pool.submit(steps.ready)
    try:
        yield pool, size
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # interrupted: what still runs is abandoned with the run
        raise
    pool.shutdown()


def run_tasks(pool: ProcessPoolExecutor, slots: int, tasks: list[Task], progress: Callable[[str], None]) -> None:
    """Run ``tasks`` and the pages each report notebook leads to in the run's worker processes, the lowest
    priority first: the report notebooks before the evidence notebooks, which wait until no report notebook is
    left to run (a notebook beside another slows both, each kernel taking a core); a report's pages as soon as
    its notebook is done. A failed task fails its builds, and the others go on."""
    ready = sorted(tasks, key=lambda task: task.priority)
    running: dict[Future, Task] = {}
    while ready or running:
        while ready and len(running) < slots:
            task = ready[0]
            if task.priority == EVIDENCE and any(other.priority == REPORT_NOTEBOOK for other in running.values()):
                break
            ready.pop(0)
            if all(build.error for build in task.builds):
                continue
            fault(task.step)
            running[pool.submit(task.function, *task.arguments)] = task
        if not running:
            break
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            task = running.pop(future)
            try:
                ready += completed(task, future.result(), progress)
            except BrokenProcessPool:
                died = StepError(told_words()["run_errors.worker_died"])  # in the run's language, as its mistakes
                for build in (build for other in [task, *running.values(), *ready] for build in other.builds):
                    build.error = build.error or died
                return
            except (InputError, StepError) as exc:
                for build in task.builds:
                    build.error = build.error or exc
            except Exception as exc:  # noqa: BLE001 - a tool failed in a worker: the step's failure, named
                failure = StepError(f"{task.step}: {type(exc).__name__}: {' '.join(str(exc).split())}")
                for build in task.builds:
                    build.error = build.error or failure
            ready.sort(key=lambda task: task.priority)


def completed(task: Task, result, progress: Callable[[str], None]) -> list[Task]:
    """Record a task's times, hand a shared notebook to every build of it; returns the tasks it leads to."""
    label = shared_label(task.builds)
    if task.step == PAGES:
        for step, seconds in result.items():
            progress(told_words().text("run_lines.step_done", label=label, step=step, seconds=f"{seconds:.1f}"))
        steps = result
    else:
        progress(told_words().text("run_lines.step_done", label=label, step=task.step, seconds=f"{result:.1f}"))
        steps = {task.step: result}
    follow = []
    for build in task.builds:
        build.seconds.update(steps)
        build.waiting.discard(PAGES if task.step == PAGES else task.step)
        if task.output is not None and build.staging / "notebooks" / task.output.name != task.output:
            (build.staging / "notebooks" / task.output.name).write_bytes(task.output.read_bytes())
        if task.step == f"notebook {REPORT}":
            follow.append(Task(PAGES, [build], task.pages,
                               (build.staging / "notebooks" / REPORT, build.staging, build.job.language,
                                build.summary["html_title"]), priority=PAGES_FIRST))
    return follow


# --- 5. publish --------------------------------------------------------------------------------------------

def finish(build: Build, progress: Callable[[str], None]) -> None:
    """Write the manifest and put the report in place, or keep the failed run for inspection."""
    job, staging = build.job, build.staging
    if build.error is None and build.waiting:
        build.error = StepError(f"{', '.join(sorted(build.waiting))} did not run")
    if build.error is not None:
        if staging is not None:
            build.kept = keep_failed(staging, job.destination)
        return
    summary = {key: value for key, value in build.summary.items() if key != "html_title"}
    write_manifest(job, staging, build.prints, build.seconds, build.dates, summary)
    publish(staging, job.destination)
    progress("report: " + ", ".join(display_path(job.destination / name) for name in OUTPUTS + SELF_EVALUATION
                                     if (job.destination / name).is_file()))


def raise_failures(builds: list[Build], single: bool) -> None:
    """Raise the failures of a run: a single report's error as it is, those of several as one
    :class:`BatchError` that names each error once, with the reports it stopped."""
    failed = [build for build in builds if build.error is not None]
    if not failed:
        return
    if single:
        [build] = failed
        if build.kept is not None:
            tail = (f"; {display_path(build.job.destination)} is unchanged, the failed run is kept in "
                    f"{display_path(build.kept)}")
            error = InputErrors(build.error.errors, tail) if isinstance(build.error, InputErrors) \
                else type(build.error)(f"{build.error}{tail}")
            error.notes = getattr(build.error, "notes", [])
            raise error
        raise build.error
    failures: dict[str, list[str]] = {}
    for build in failed:
        kept = build.kept is not None
        message = "\n".join(error_lines(build.error)) + (
            "; the reports are unchanged, each failed run is kept beside its report (.<language>.failed)" if kept
            else "")
        failures.setdefault(message, []).append(build.label)
    # the data's notes said once, however many reports the error that came with them stopped
    notes = list(dict.fromkeys(note for build in failed for note in getattr(build.error, "notes", [])))
    raise BatchError(failures, all(isinstance(build.error, InputError) for build in failed), notes)

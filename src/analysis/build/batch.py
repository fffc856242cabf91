"""Several reports at once: skip those up to date, build the rest, one kernel per worker process.

One report builds in this process and raises its own error. A batch (years × languages) is split
over worker processes, one per core; in a batch a failing report does not stop the others, and
:class:`BatchError` names each failure at the end.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, StepError, display_path
from ..files import outside_project
from .cache import Fingerprint, code_digests, environment, fingerprint, outdated_reason
from .index import write_index
from .job import ReportJob
from .kernel import KernelSession
from .report import RenderingWarmUp, build_report, publish_tables
from .staging import report_lock


@dataclass
class JobOutcome:
    label: str
    destination: str | None = None
    error_kind: str | None = None   # "input" (the user's to fix), "step" (a notebook or tool failed)
    message: str | None = None


@dataclass
class Tally:
    """How a run's reports ended, for the summary line a scheduler's log is scanned for."""

    reports: int
    built: int = 0
    up_to_date: int = 0
    failed: int = 0
    started: bool = False  # past the up-to-date check: a run refused before it has no summary

    def line(self) -> str:
        noun = "report" if self.reports == 1 else "reports"
        return f"{self.reports} {noun}: {self.built} built, {self.up_to_date} up to date, {self.failed} failed"


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


def build_group(jobs: list[tuple[ReportJob, Fingerprint]], progress: Callable[[str], None],
                keep_going: bool, labelled: bool | None = None) -> list[JobOutcome]:
    """Build reports one after the other with one kernel, started on first need. Each line a report prints
    starts with its label when ``labelled`` (default: when the group has several reports); a batch's workers
    always label theirs, as their lines interleave."""
    labelled = len(jobs) > 1 if labelled is None else labelled
    sessions: list[KernelSession] = []
    warm_ups: list[RenderingWarmUp] = []

    def kernel() -> KernelSession:
        if not sessions:
            sessions.append(KernelSession())
        return sessions[0]

    def warm_up() -> RenderingWarmUp:
        if not warm_ups:
            warm_ups.append(RenderingWarmUp())
        return warm_ups[0]

    outcomes = []
    try:
        for job, prints in jobs:
            say = (lambda line, label=job.label: progress(f"{label}: {line}")) if labelled else progress
            try:
                outcomes.append(JobOutcome(job.label, str(build_report(job, prints, kernel, warm_up, say))))
            except Exception as exc:
                if not keep_going:
                    raise
                kind = "input" if isinstance(exc, InputError) else "step"
                outcomes.append(JobOutcome(job.label, error_kind=kind, message=str(exc)))
                say(f"error: {exc}")
    finally:
        for session in sessions:
            session.close()
    return outcomes


def _build_group_in_worker(jobs: list[tuple[ReportJob, Fingerprint]]) -> list[JobOutcome]:
    return build_group(jobs, say_whole_line, keep_going=True, labelled=True)


def say_whole_line(line: str) -> None:
    """One line in one write: the workers share the terminal or pipe, and ``print`` writes the text and its
    line break separately, so with unbuffered output (``PYTHONUNBUFFERED``) workers' lines ran together (four
    processes printing 20,000 lines each: 22,872 broken lines with ``print``, none this way)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def split_into_groups(jobs: list, workers: int) -> list[list]:
    """Contiguous, nearly equal groups of jobs in (year, language) order."""
    ordered = sorted(jobs, key=lambda item: (item[0].plan.name, item[0].report_year, item[0].language))
    workers = max(1, min(workers, len(ordered)))
    size, extra = divmod(len(ordered), workers)
    groups, start = [], 0
    for index in range(workers):
        end = start + size + (1 if index < extra else 0)
        groups.append(ordered[start:end])
        start = end
    return [group for group in groups if group]


def pending_jobs(jobs: list[ReportJob], force: bool, progress: Callable[[str], None]
                 ) -> list[tuple[ReportJob, Fingerprint]]:
    """The jobs whose report is not up to date, with their fingerprints; the others say so."""
    code, env = code_digests(), environment()
    pending = []
    for job in jobs:
        prints = fingerprint(job, code, env)
        with report_lock(job.destination):
            reason = "--force" if force else outdated_reason(job.destination, prints, job.parameters())
            if reason is None:
                if job.processed_root is not None:
                    publish_tables(job, job.destination)
                progress(f"{job.label}: {display_path(job.destination)} is up to date (inputs, parameters, code "
                         "and environment unchanged; --force rebuilds)")
                continue
        progress(f"{job.label}: building ({reason})")
        pending.append((job, prints))
    return pending


def render_reports(jobs: list[ReportJob], *, force: bool = False, workers: int | None = None,
                   progress: Callable[[str], None] = print, tally: Tally | None = None) -> list[Path]:
    """Build every job whose report is not up to date; return the report folders.

    ``tally`` counts the reports built, up to date and failed as the run goes. The reports' front page
    (``index.html``) is rewritten afterwards, whatever became of the reports.
    """
    tally = tally if tally is not None else Tally(len(jobs))
    try:
        pending = pending_jobs(jobs, force, progress)
        tally.started, tally.up_to_date = True, len(jobs) - len(pending)
        tally.failed = len(pending)  # until built: a run killed or stopped by an error counts them as failed
        if pending and len(jobs) == 1:
            build_group(pending, progress, keep_going=False)
            tally.built, tally.failed = 1, 0
        elif pending:
            groups = split_into_groups(pending, workers or os.cpu_count() or 1)
            if len(groups) == 1:
                outcomes = build_group(groups[0], progress, keep_going=True)
            else:
                outcomes = _in_worker_processes(groups)
            tally.failed = sum(1 for o in outcomes if o.error_kind)
            tally.built = len(outcomes) - tally.failed
            if tally.failed:
                raise BatchError(outcomes)
    finally:
        # Only after a run that got going: a refused parameter or output folder writes nothing.
        for root in dict.fromkeys(job.output_root for job in jobs) if tally.started else ():
            if root.is_dir() and outside_project(root) is None:
                write_index(root)
    return [job.destination for job in jobs]


def _in_worker_processes(groups: list[list]) -> list[JobOutcome]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(len(groups), mp_context=multiprocessing.get_context("spawn")) as pool:
            return [outcome for result in pool.map(_build_group_in_worker, groups) for outcome in result]
    except BrokenProcessPool:
        raise StepError("a worker process of the batch died (killed, or out of memory); reports it had not "
                        "finished are unchanged; run again, or with --jobs 1") from None

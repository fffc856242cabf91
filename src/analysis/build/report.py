"""``make report`` for one report: data → report notebook → HTML → PDF, Word and scorecard.xlsx (beside notebooks
01, 02) → manifest → swap.

The report is built in a staging folder beside its destination and swapped in only when every
step has succeeded (:mod:`analysis.build.staging`). Steps print as they start and end. On a 2-core
machine the work overlaps: the kernel boots while this process builds the tables; the kernel runs
the report notebook while a thread here draws the cards and nbconvert and WeasyPrint load their
templates and fonts; the kernel runs the evidence notebooks (01 cleaning, 02 assessment) while this
process prints the report, and pandoc, a process of its own, writes the Word edition meanwhile; the scorecard
workbook is written in a thread while the PDF is printed (it takes a few hundredths of a second).
"""
from __future__ import annotations

import datetime
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, StepError, display_path
from ..files import write_changed_files
from ..settings import NOTEBOOKS_DIR, TEMPLATES_DIR
from .cache import Fingerprint
from .job import NOTEBOOKS, REPORT_NOTEBOOK, ReportJob
from .kernel import KernelSession
from .manifest import inputs_date, write_manifest
from .staging import keep_failed, new_staging, recover_interrupted_swap, report_lock, swap_in

#: Test hook: ``ANALYSIS_FAULT_AT=<step>`` kills the run with SIGKILL as that step starts, so the
#: reliability tests interrupt a run at a named step instead of racing it.
FAULT_AT = "ANALYSIS_FAULT_AT"
#: Every step of a run: the report notebook first, then its HTML, its PDF and its Word edition (these two
#: side by side), while the kernel runs the evidence notebooks (01 cleaning, 02 assessment: they read the same
#: tables and feed nothing else). They print numbered in the order they start (:class:`Steps`).
EVIDENCE_NOTEBOOKS = tuple(name for name in NOTEBOOKS if name != REPORT_NOTEBOOK)
STEPS = ("data", f"notebook {REPORT_NOTEBOOK}", "html", "pdf", "docx", "scorecard",
         *(f"notebook {name}" for name in EVIDENCE_NOTEBOOKS))


class Steps:
    """Numbered, timed steps: ``[2/8] notebook 03_annual_report.ipynb …``, then ``… done in 0.4 s``.

    A step's number is the order in which it started: some steps run side by side (the evidence notebooks
    beside the HTML, PDF and Word steps), so a number fixed in advance would print out of order."""

    def __init__(self, progress: Callable[[str], None]):
        self.progress = progress
        self.seconds: dict[str, float] = {}
        self.started = 0
        self.lock = threading.Lock()  # steps start from two threads

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        if name not in STEPS:
            raise ValueError(f"unknown step {name!r}")
        with self.lock:
            self.started += 1
            number = self.started
            self.progress(f"[{number}/{len(STEPS)}] {name} …")
        if os.environ.get(FAULT_AT) == name:
            os.kill(os.getpid(), signal.SIGKILL)
        started = time.perf_counter()
        yield
        self.seconds[name] = time.perf_counter() - started
        with self.lock:
            self.progress(f"[{number}/{len(STEPS)}] {name}: done in {self.seconds[name]:.1f} s")


class FigureDrawing:
    """The report's cards drawn in a thread of this process while the kernel runs the report notebook: the
    two cores share the drawing (:func:`analysis.report.figures.ahead_of_the_notebook`). The thread starts
    with the run and draws once :meth:`tables_written`. The notebook takes each figure from the run's
    ``figures/`` folder when it is ready and draws it itself when it is not; the bytes are the same either
    way (:mod:`analysis.report.figures`), and the notebook leaves there the figures it draws, so that the folder
    holds them all for the Word edition. A failure here is not the run's: the notebook draws and reports it."""

    def __init__(self, job: ReportJob, data: Path, folder: Path):
        # Imported here, before the data step: importing matplotlib in the thread beside that step
        # (both contending for the import lock) made cold reports slower, not faster.
        from ..report.figures import predraw_report

        self.folder = folder
        folder.mkdir(parents=True)  # before the notebook starts: it leaves its figures here only if it exists
        self.ready, self.done = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=predraw_report, name="figure-drawing", daemon=True,
                                       args=(str(data), job.report_year, job.language, str(folder), self.ready,
                                             self.done))
        self.thread.start()

    def tables_written(self) -> None:
        self.ready.set()

    def stop(self) -> None:
        """End the drawing (the figure being drawn is finished first)."""
        self.done.set()
        self.thread.join()

    def remove(self) -> None:
        """Remove the figures once the report and its Word edition hold them."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class RenderingWarmUp:
    """Load nbconvert's template, WeasyPrint, fontconfig and the CJK font in a thread, once per process.

    A failure here is not the run's: the HTML and PDF steps load the same things and report any
    problem properly, so the warm-up only remembers that it is done.
    """

    def __init__(self):
        self.thread = threading.Thread(target=self._run, name="rendering-warm-up", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import nbformat

        from ..report.render import html_to_pdf, notebook_to_html

        notebook = nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_markdown_cell("# 报告 Report\n\n| 指标 | 1.5 |\n|---|---|\n| a | 2 |"),
            nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output(
                "display_data", data={"text/html": "<table><tr><th>指标</th><td>1.5</td></tr></table>"})]),
        ])
        css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix="analysis-warm-up-") as folder:
            try:
                nbformat.write(notebook, Path(folder) / "warm-up.ipynb")
                notebook_to_html(Path(folder) / "warm-up.ipynb", Path(folder) / "warm-up.html", title="warm-up")
                (Path(folder) / "page.html").write_text(
                    f"<html lang='zh-Hans'><style>{css}</style><body><h1>报告 Report</h1><table><tr><td>指标 1.5"
                    "</td></tr></table><p><b>完成</b></p></body></html>", encoding="utf-8")
                html_to_pdf(Path(folder) / "page.html", Path(folder) / "page.pdf")
            except Exception:  # noqa: BLE001 - see the class docstring
                pass

    def wait(self) -> None:
        self.thread.join()


def build_report(job: ReportJob, prints: Fingerprint, kernel: Callable[[], KernelSession],
                 warm_up: Callable[[], RenderingWarmUp], progress: Callable[[str], None]) -> Path:
    """Build one report into a staging folder and swap it in; returns the report folder."""
    destination = job.destination
    with report_lock(destination):
        recover_interrupted_swap(destination)
        staging = new_staging(destination)
        steps = Steps(progress)
        dates = {"generated": datetime.date.today().isoformat(),
                 "inputs_date": inputs_date(job.plan.input_files(job.observations))}
        drawing: FigureDrawing | None = None
        try:
            session = kernel()  # boots while this process imports matplotlib and pandas and builds the tables
            drawing = FigureDrawing(job, staging / "data", staging / "figures")
            with steps("data"):
                from .data import build_tables, write_tables

                write_tables(build_tables(job.plan, job.scheme, job.observations), staging / "data")
            drawing.tables_written()
            (staging / "notebooks").mkdir()
            parameters = job.notebook_parameters(staging / "data", staging / "figures", dates)
            warm_up()
            with steps(f"notebook {REPORT_NOTEBOOK}"):
                session.execute_notebook(NOTEBOOKS_DIR / REPORT_NOTEBOOK,
                                         staging / "notebooks" / REPORT_NOTEBOOK, parameters[REPORT_NOTEBOOK])
            drawing.stop()
            evidence = InThread("evidence-notebooks",
                                lambda: run_evidence_notebooks(session, staging, steps, parameters))
            try:
                summary = render(job, staging, steps, warm_up, dates, prints.inputs)
            finally:
                evidence.wait()  # raises the evidence notebooks' error, if any
            drawing.remove()
            write_manifest(job, staging, prints, steps.seconds, dates, summary)
        except StepError as exc:
            if drawing is not None:
                drawing.remove()
            failed = keep_failed(staging, destination)
            raise StepError(f"{exc}; {display_path(destination)} is unchanged, the failed run is kept in "
                            f"{display_path(failed)}") from None
        except BaseException:
            if drawing is not None:
                drawing.remove()
            keep_failed(staging, destination)
            raise
        if job.processed_root is not None:
            publish_tables(job, staging)
        swap_in(staging, destination)
    progress("report: " + ", ".join(display_path(destination / name) for name in ("report.html", "report.pdf",
                                                                                  "report.docx", "scorecard.xlsx")))
    return destination


class InThread:
    """``work()`` run in a thread beside the build's own work; :meth:`wait` joins it and raises its error, if any."""

    def __init__(self, name: str, work: Callable[[], None]):
        self.work = work
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.work()
        except BaseException as exc:  # noqa: BLE001 - handed to the build's thread in wait()
            self.error = exc

    def wait(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error


def run_evidence_notebooks(session: KernelSession, staging: Path, steps: Steps, parameters: dict) -> None:
    """Notebooks 01 and 02, run in the kernel (in a thread) while this process renders the report: the kernel
    computes and this process prints, so the two cores share the work. Papermill's client only relays the
    kernel's messages, so it barely competes with the renderer."""
    for name in EVIDENCE_NOTEBOOKS:
        with steps(f"notebook {name}"):
            session.execute_notebook(NOTEBOOKS_DIR / name, staging / "notebooks" / name, parameters[name])


def render(job: ReportJob, staging: Path, steps: Steps, warm_up: Callable[[], RenderingWarmUp],
           dates: dict[str, str], inputs: dict[str, str]) -> dict:
    """The report notebook as a self-contained HTML page, that page as an A4 PDF, and beside the PDF the Word
    edition and the scorecard workbook; returns what the reports' front page shows of the report."""
    from ..report.context import load_report
    from ..report.render import html_to_pdf, notebook_to_html
    from ..report.words import index_summary, title

    warm_up().wait()
    with steps("html"):
        context = load_report(staging / "data", job.report_year, job.language)
        notebook_to_html(staging / "notebooks" / REPORT_NOTEBOOK, staging / "report.html", language=job.language,
                         title=title(context))
    word, workbook = InThread("word-edition", lambda: write_word_edition(context, staging, steps, dates)), None
    try:
        with steps("pdf"):
            workbook = InThread("scorecard-workbook",
                                lambda: write_scorecard_workbook(context, staging, steps, dates, inputs))
            html_to_pdf(staging / "report.html", staging / "report.pdf")
    finally:
        word.wait()  # raises the Word edition's error, if any
        if workbook is not None:
            workbook.wait()
    return index_summary(context)


def write_word_edition(context, staging: Path, steps: Steps, dates: dict[str, str]) -> None:
    """``report.docx``, written in a thread while WeasyPrint prints the PDF: pandoc runs as a process of its own,
    so the two overlap; the thread only builds pandoc's input and finishes its output."""
    from ..report.word_file import WordEditionError, write_docx

    with steps("docx"):
        try:
            write_docx(context, staging / "figures", staging / "report.docx", dates.get("generated", ""),
                       dates.get("inputs_date", ""))
        except (WordEditionError, InputError, OSError, subprocess.SubprocessError) as exc:
            raise StepError(f"docx: {exc}") from None


def write_scorecard_workbook(context, staging: Path, steps: Steps, dates: dict[str, str],
                             inputs: dict[str, str]) -> None:
    """``scorecard.xlsx``, written in a thread while WeasyPrint prints the PDF."""
    from ..report.scorecard_workbook import ScorecardBook, write_scorecard

    with steps("scorecard"):
        write_scorecard(ScorecardBook(context, dates["generated"], dates.get("inputs_date", ""), dict(inputs)),
                        staging)


def publish_tables(job: ReportJob, report_folder: Path) -> None:
    """Refresh ``processed_root/<plan>/`` with the tables of a report (unchanged files are left alone)."""
    folder = job.plan.processed_folder(job.processed_root)
    if folder.exists() and not folder.is_dir():
        raise InputError("exists and is not a folder; the processed tables need a folder", file=folder)
    data = report_folder / "data"
    write_changed_files({folder / p.name: p.read_bytes() for p in sorted(data.iterdir()) if p.is_file()})

"""``make report`` for one report: data → notebooks 01, 02, 03 → HTML → PDF → manifest → swap.

The report is built in a staging folder beside its destination and swapped in only when every
step has succeeded (:mod:`analysis.build.staging`). The steps run in the data's way and print in
the order they run. Two things overlap, on a 2-core machine: the kernel boots and imports pandas
while this process builds the tables, and nbconvert and WeasyPrint load their templates and fonts
here while the kernel runs the notebooks.
"""
from __future__ import annotations

import datetime
import os
import shutil
import signal
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
STEPS = ("data", *(f"notebook {name}" for name in NOTEBOOKS), "html", "pdf")


class Steps:
    """Numbered, timed steps: ``[2/6] notebook 01_clean_indicators.ipynb …``, then ``… done in 0.4 s``."""

    def __init__(self, progress: Callable[[str], None]):
        self.progress = progress
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        number = STEPS.index(name) + 1
        self.progress(f"[{number}/{len(STEPS)}] {name} …")
        if os.environ.get(FAULT_AT) == name:
            os.kill(os.getpid(), signal.SIGKILL)
        started = time.perf_counter()
        yield
        self.seconds[name] = time.perf_counter() - started
        self.progress(f"[{number}/{len(STEPS)}] {name}: done in {self.seconds[name]:.1f} s")


class FigureDrawing:
    """The report's figures drawn in a thread of this process, last to first, while the kernel runs the
    notebooks (first to last): the two cores share the drawing. The notebook takes each figure from the run's
    ``figures/`` folder when it is ready and draws it itself when it is not; the bytes are the same either way
    (:mod:`analysis.report.figures`). A failure here is not the run's: the notebook draws and reports it."""

    def __init__(self, job: ReportJob, data: Path, folder: Path):
        self.job, self.data, self.folder = job, data, folder
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name="figure-drawing", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            from ..report.context import load_report
            from ..report.figures import predraw
            from ..report.fonts import configure_matplotlib

            context = load_report(self.data, self.job.report_year, self.job.language)
            configure_matplotlib(self.job.language)
            predraw(context, self.folder, stop=self.done.is_set)
        except Exception:  # noqa: BLE001 - see the class docstring
            pass

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


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
        try:
            session = kernel()  # boots while this process imports pandas and builds the tables
            with steps("data"):
                from .data import build_tables, write_tables

                write_tables(build_tables(job.plan, job.scheme, job.observations), staging / "data")
            run_notebooks(job, session, staging, steps, warm_up, dates)
            summary = render(job, staging, steps, warm_up)
            write_manifest(job, staging, prints, steps.seconds, dates, summary)
        except StepError as exc:
            failed = keep_failed(staging, destination)
            raise StepError(f"{exc}; {display_path(destination)} is unchanged, the failed run is kept in "
                            f"{display_path(failed)}") from None
        except BaseException:
            keep_failed(staging, destination)
            raise
        if job.processed_root is not None:
            publish_tables(job, staging)
        swap_in(staging, destination)
    progress(f"report: {display_path(destination / 'report.html')}, {display_path(destination / 'report.pdf')}")
    return destination


def run_notebooks(job: ReportJob, session: KernelSession, staging: Path, steps: Steps,
                  warm_up: Callable[[], RenderingWarmUp], dates: dict[str, str]) -> None:
    """Notebooks 01, 02 and 03 in the kernel, reading the tables of this run; meanwhile this process draws
    the report's figures and the renderer warms up. The drawn figures are not kept: the report embeds them."""
    (staging / "notebooks").mkdir()
    figures = staging / "figures"
    parameters = job.notebook_parameters(staging / "data", figures, dates)
    drawing = FigureDrawing(job, staging / "data", figures)
    warm_up()
    try:
        for name in NOTEBOOKS:
            with steps(f"notebook {name}"):
                session.execute_notebook(NOTEBOOKS_DIR / name, staging / "notebooks" / name, parameters[name])
    finally:
        drawing.stop()
        shutil.rmtree(figures, ignore_errors=True)


def render(job: ReportJob, staging: Path, steps: Steps, warm_up: Callable[[], RenderingWarmUp]) -> dict:
    """The report notebook as a self-contained HTML page, and that page as an A4 PDF; returns what the
    reports' front page shows of it."""
    from ..report.context import load_report
    from ..report.render import html_to_pdf, notebook_to_html
    from ..report.words import index_summary, title

    warm_up().wait()
    with steps("html"):
        context = load_report(staging / "data", job.report_year, job.language)
        notebook_to_html(staging / "notebooks" / REPORT_NOTEBOOK, staging / "report.html", language=job.language,
                         title=title(context))
    with steps("pdf"):
        html_to_pdf(staging / "report.html", staging / "report.pdf")
    return index_summary(context)


def publish_tables(job: ReportJob, report_folder: Path) -> None:
    """Refresh ``processed_root/<plan>/`` with the tables of a report (unchanged files are left alone)."""
    folder = job.plan.processed_folder(job.processed_root)
    if folder.exists() and not folder.is_dir():
        raise InputError("exists and is not a folder; the processed tables need a folder", file=folder)
    data = report_folder / "data"
    write_changed_files({folder / p.name: p.read_bytes() for p in sorted(data.iterdir()) if p.is_file()})

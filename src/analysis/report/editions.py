"""The report: one object that loads a report's tables once, draws each figure once, and makes every edition.

``notebooks/03_annual_report.ipynb`` opens it (:func:`open_report`) and shows its sections in order, which
become the HTML page and, printed, the PDF (:mod:`analysis.report.render`); at its end the same object writes
the Word edition and the scorecard workbook from the same tables and the same figures::

    report = open_report("data/processed/weihai", 2024, "zh")
    report.show("title")            # … every section in turn
    report.write_word(folder)       # report.docx
    report.write_workbook(folder)   # scorecard.xlsx
    report.write_self_evaluation(folder)  # self-evaluation.{html,pdf,docx}: mid-term and final evaluations
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from IPython.display import HTML, Markdown, display

from ..catalog import Catalog, catalog
from ..errors import InputError, quote
from ..parameters import check_date, resolve_project_path
from . import html
from .context import ReportContext, load_report
from .figures import Figures
from .fonts import configure_matplotlib
from .scorecard_workbook import ScorecardBook, write_scorecard
from .self_evaluation_files import write_self_evaluation
from .word_file import write_docx
from .words import method_markdown

#: The sections of the report, in the order it shows them.
SECTIONS = ("title", "summary", "scorecard", "warnings", "charts", "cards", "method", "appendix")


@dataclass
class Report:
    """One report: its tables in one language for one year (``context``), its figures, and the dates it shows."""

    context: ReportContext
    generated: str = ""
    inputs_date: str = ""
    figures: Figures = field(init=False)

    def __post_init__(self):
        self.generated = self.generated or datetime.date.today().isoformat()
        self.figures = Figures(self.context)

    def html(self, section: str) -> str:
        """Section ``section`` as HTML (the method note as Markdown: see :meth:`show`)."""
        context = self.context
        sections = {
            "title": lambda: html.title_html(context, self.generated, self.inputs_date),
            "summary": lambda: html.summary_html(context),
            "scorecard": lambda: html.scorecard_html(context),
            "warnings": lambda: html.warnings_html(context),
            "charts": lambda: html.charts_html(context, self.figures),
            "cards": lambda: html.cards_html(context, self.figures),
            "appendix": lambda: html.appendix_html(context),
        }
        if section not in sections:  # told in the report's language, as its notebook's other parameters
            words = context.words
            raise InputError(words.text("report_errors.no_section", section=quote(section, words=words),
                                        sections=words["grammar.comma"].join(SECTIONS)), field="section")
        return sections[section]()

    def card_html(self, indicator_id, series: str = "") -> str:
        """The card of one series, as the report shows it."""
        return html.card_html(self.context, self.figures, self.context.series_row(indicator_id, series))

    def show(self, section: str) -> None:
        """Display section ``section`` in the notebook: what the HTML page and the PDF are made of."""
        if section == "method":
            display(Markdown(method_markdown(self.context)))
        else:
            display(HTML(self.html(section)))

    def write_word(self, folder: str | Path) -> Path:
        """``folder/report.docx``: the Word edition, with the figures the sections showed."""
        return write_docx(self.context, self.figures, output_folder(folder, self.context.words) / "report.docx",
                          self.generated, self.inputs_date)

    def write_self_evaluation(self, folder: str | Path) -> list[Path]:
        """``folder/self-evaluation.{html,pdf,docx}``: the draft self-evaluation report (自评报告) of a mid-term or
        final evaluation, in the Ministry's outline; nothing for an annual report."""
        if self.context.kind == "annual":
            return []
        return write_self_evaluation(self.context, output_folder(folder, self.context.words), self.generated)

    def write_workbook(self, folder: str | Path) -> Path:
        """``folder/scorecard.xlsx``: the report's numbers for re-sorting and filtering."""
        book = ScorecardBook(self.context, self.generated, self.inputs_date, dict(self.context.plan.get("inputs", {})))
        return write_scorecard(book, output_folder(folder, self.context.words))


def output_folder(folder: str | Path, words: Catalog | None = None) -> Path:
    """An existing folder inside the project (relative to the project root), where an edition is written; a mistake
    told in ``words``' language (the report's), English without one."""
    path = resolve_project_path(folder, parameter="output_dir", words=words)
    if not path.is_dir():
        raise InputError((words or catalog("en")).text("report_errors.no_folder", folder=folder),
                         field="output_dir")
    return path


def open_report(data_dir: str | Path, report_year, language: str, generated: str = "",
                inputs_date: str = "", previous_assessment: str | Path = "") -> Report:
    """The report of ``report_year`` in ``language`` from the processed tables in ``data_dir`` (relative to the
    project root), with matplotlib set up for its charts (:func:`analysis.report.fonts.configure_matplotlib`);
    ``previous_assessment``: what the previous year's report published, when it was made from other data."""
    context = load_report(data_dir, report_year, language, previous_assessment)
    report = Report(context, check_date(generated, "generated", context.words),
                    check_date(inputs_date, "inputs_date", context.words))
    configure_matplotlib(report.context.language)
    return report

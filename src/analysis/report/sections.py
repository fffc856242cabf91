"""The report's sections as HTML, one function each, for the report notebook to display in order.

Every piece of text that comes from data (names, sources, notes, the plan's titles) is escaped
here: it is never read as HTML or Markdown. The method note is the one section written in
Markdown, and it holds only the catalog's words and numbers.
"""
from __future__ import annotations

import base64
import datetime
from html import escape
from pathlib import Path

from ..catalog import catalog
from ..settings import LANGUAGES
from . import cards, figures, warning_tables
from .context import ReportContext
from .tables import scorecard_html
from .words import Paragraph, data_note, intro, method_note, summary_paragraphs, title


def heading(text: str, level: int = 2) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"


def paragraph(block: Paragraph | str) -> str:
    block = block if isinstance(block, Paragraph) else Paragraph(block)
    text = f"<p>{escape(block.text)}</p>"
    if block.items:
        text += "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    return text


def report_dates(context: ReportContext, generated: str = "", inputs_date: str = "") -> str:
    """"生成日期：…；输入数据最后更新：…": the day the report was built and the day its inputs last changed."""
    words = context.words
    dates = [words.text("dates.generated", date=generated or datetime.date.today().isoformat())]
    if inputs_date:
        dates.append(words.text("dates.inputs", date=inputs_date))
    return words["grammar.list_separator"].join(dates)


def other_editions(context: ReportContext, file_name: str = "report.pdf") -> str:
    """Where the other languages' editions are: "Other editions: zh/report.pdf in the same report year's folder"."""
    others = [language for language in LANGUAGES if language != context.language]
    files = context.words["grammar.comma"].join(f"{language}/{file_name}" for language in others)
    return context.words.text("dates.editions", files=files)


def title_section(context: ReportContext, generated: str = "", inputs_date: str = "") -> str:
    """The title, the dates (built; inputs last changed), the other language editions, the introduction."""
    others = [language for language in LANGUAGES if language != context.language]
    links = "".join(f'<a href="../{language}/report.html" hreflang="{catalog(language)["language.html_lang"]}">'
                    f'{escape(catalog(language)["language.edition_name"])}</a>' for language in others)
    dates_html = escape(report_dates(context, generated, inputs_date))
    return (heading(title(context), 1) + f'<p class="report-dates">{dates_html}</p><p class="editions">{links}</p>'
            f'<p class="editions-print">{escape(other_editions(context))}</p>'
            + paragraph(intro(context)))


def figure_html(context: ReportContext, name: str, folder: str | Path | None = None) -> str:
    """Figure ``name`` as an image (none when it has nothing to show)."""
    data = figures.figure(context, name, folder)
    if data is None:
        return ""
    alt = f'{context.words["language.image_alt"]}: {context.words[f"chart.alt.{name}"]}'
    return (f'<figure class="chart chart-{name}"><img alt="{escape(alt)}" '
            f'src="data:image/png;base64,{base64.b64encode(data).decode("ascii")}"></figure>')


def warnings_section(context: ReportContext) -> str:
    """The warning list by lead department, and each series' status against the previous report year."""
    words = context.words
    return (heading(words["sections.warnings"]) + heading(words["warnings.title"], 3)
            + warning_tables.warnings_html(context) + warning_tables.changes_html(context))


#: The overview charts, in an order that fills printed pages (the tall small multiples open the cards).
OVERVIEW_CHARTS = ("completion", "growth", "categories", "heatmap")


def charts_section(context: ReportContext, folder: str | Path | None = None) -> str:
    return heading(context.words["sections.charts"]) + "".join(
        figure_html(context, name, folder) for name in OVERVIEW_CHARTS)


def cards_section(context: ReportContext, folder: str | Path | None = None) -> str:
    return (heading(context.words["sections.cards"]) + figure_html(context, "multiples", folder)
            + cards.cards_section(context, folder))


def summary_section(context: ReportContext) -> str:
    return heading(context.words["sections.summary"]) + "".join(map(paragraph, summary_paragraphs(context)))


def scorecard_section(context: ReportContext) -> str:
    return heading(context.words["sections.scorecard"]) + scorecard_html(context)


def method_markdown(context: ReportContext) -> str:
    """The method note (Markdown: the catalog's own text and numbers, no data text)."""
    return f"## {context.words['sections.method']}\n\n{method_note(context)}"


def appendix_intro(context: ReportContext) -> str:
    items = "".join(f"<li>{escape(line)}</li>" for line in data_note(context))
    return heading(context.words["sections.quality"]) + f"<ul>{items}</ul>"

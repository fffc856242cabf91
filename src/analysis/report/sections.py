"""The report's sections as HTML, one function each, for the report notebook to display in order.

Every piece of text that comes from data (names, sources, notes, the plan's titles) is escaped
here: it is never read as HTML or Markdown. The method note is the one section written in
Markdown, and it holds only the catalog's words and numbers.
"""
from __future__ import annotations

from html import escape

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


def title_section(context: ReportContext) -> str:
    return heading(title(context), 1) + paragraph(intro(context))


def summary_section(context: ReportContext) -> str:
    return heading(context.words["sections.summary"]) + "".join(map(paragraph, summary_paragraphs(context)))


def scorecard_section(context: ReportContext) -> str:
    return heading(context.words["sections.scorecard"]) + scorecard_html(context)


def qualitative_intro(context: ReportContext) -> str:
    return heading(context.words["sections.qualitative"]) + paragraph(context.words["sections.qualitative_note"])


def method_markdown(context: ReportContext) -> str:
    """The method note (Markdown: the catalog's own text and numbers, no data text)."""
    return f"## {context.words['sections.method']}\n\n{method_note(context)}"


def appendix_intro(context: ReportContext) -> str:
    items = "".join(f"<li>{escape(line)}</li>" for line in data_note(context))
    return heading(context.words["sections.quality"]) + f"<ul>{items}</ul>"

"""The self-evaluation report's files: ``self-evaluation.html`` (printed to ``self-evaluation.pdf``) and
``self-evaluation.docx``, from the blocks of :mod:`analysis.report.self_evaluation`.

The HTML page is a Jinja template with autoescape and the report's own style sheet; the Word file goes
through pandoc's AST (text as ``Str`` nodes, never parsed) with the report's reference document, so
its fonts and sizes are the Word edition's. A placeholder is shown marked (highlighted in HTML, bold in
Word) so that the evaluator finds every gap.
"""
from __future__ import annotations

import datetime
import json
from pathlib import Path

from ..files import write_bytes_atomic
from ..settings import TEMPLATES_DIR
from .context import ReportContext
from .html import render
from .pandoc_ast import PANDOC_API, cell, fitted_widths, header, inlines, table
from .render import html_to_pdf
from .self_evaluation import Block, Placeholder, placeholder_text, self_evaluation_blocks, self_evaluation_title
from .word_content import WordDocument, letters_across
from .word_file import REFERENCE_DOCX, epoch_of, finish, pandoc
from .words import report_dates

STEM = "self-evaluation"
STYLE_SHEET = TEMPLATES_DIR / "report" / "report.css"


def _parts(context: ReportContext, parts: list) -> list[tuple[str, str]]:
    """(kind, text) pairs: plain text, or a placeholder's text."""
    return [("placeholder", placeholder_text(context, part.who)) if isinstance(part, Placeholder) else ("text", part)
            for part in parts]


def self_evaluation_html(context: ReportContext, generated: str) -> str:
    blocks = [{"kind": block.kind, "level": block.level, "parts": _parts(context, block.parts),
               "headers": block.headers, "name": block.name,
               "rows": [[_parts(context, value if isinstance(value, list) else [value]) for value in row]
                        for row in block.rows]}
              for block in self_evaluation_blocks(context)]
    return render("self_evaluation.html.j2", title=self_evaluation_title(context), blocks=blocks,
                  dates=report_dates(context, generated), language=context.words["language.html_lang"],
                  style=STYLE_SHEET.read_text(encoding="utf-8"))


def _inlines(context: ReportContext, parts: list) -> list:
    out: list = []
    for kind, text in _parts(context, parts):
        out += [{"t": "Strong", "c": inlines(text)}] if kind == "placeholder" else inlines(text)
    return out


def self_evaluation_document(context: ReportContext, generated: str) -> tuple[dict, WordDocument]:
    document = WordDocument()
    for block in self_evaluation_blocks(context):
        if block.kind == "heading":
            document.add(header(block.level, block.parts[0]))
        elif block.kind == "paragraph":
            document.add({"t": "Para", "c": _inlines(context, block.parts)})
        else:
            texts = [[value if isinstance(value, str) else "".join(t for _, t in _parts(context, value))
                      for value in row] for row in block.rows]
            columns = [list(column) for column in zip(block.headers, *texts)]
            rows = [[cell([{"t": "Plain", "c": _inlines(context, value if isinstance(value, list) else [value])}])
                     for value in row] for row in block.rows]
            document.add_table(table(block.headers, rows, fitted_widths(columns, letters_across(context))))
    meta = {"title": {"t": "MetaInlines", "c": inlines(self_evaluation_title(context))},
            "date": {"t": "MetaInlines", "c": inlines(report_dates(context, generated))},
            "lang": {"t": "MetaString", "c": context.words["language.docx_lang"]}}
    return {"pandoc-api-version": PANDOC_API, "meta": meta, "blocks": document.blocks}, document


def write_self_evaluation(context: ReportContext, folder: Path, generated: str = "") -> list[Path]:
    """Write the draft's HTML, PDF and Word files into ``folder``; returns their paths."""
    generated = generated or datetime.date.today().isoformat()
    folder = Path(folder)
    html_path, pdf_path, docx_path = (folder / f"{STEM}.{suffix}" for suffix in ("html", "pdf", "docx"))
    write_bytes_atomic(html_path, self_evaluation_html(context, generated).encode("utf-8"))
    html_to_pdf(html_path, pdf_path)
    document, laid_on = self_evaluation_document(context, generated)
    epoch = epoch_of(generated)
    written = pandoc(["--from", "json", "--to", "docx", "--reference-doc", str(REFERENCE_DOCX), "--output", "-"],
                     json.dumps(document, ensure_ascii=False).encode("utf-8"), epoch)
    write_bytes_atomic(docx_path, finish(written, laid_on, context.words, epoch))
    return [html_path, pdf_path, docx_path]


__all__ = ["Block", "write_self_evaluation", "self_evaluation_html"]

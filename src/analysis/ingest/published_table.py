"""A plan's tables as published: a saved government web page (``.html``) or a Word attachment (``.docx``).

Each table is read as a grid of cell texts, exactly as printed (``2.40`` stays ``2.40``), with a merged
cell's text repeated in every row and column it spans, so a category printed once beside its rows
stands beside each of them. What a browser does not show as text (a script, a style sheet, ``<noscript>``,
``<template>``) is no cell's text; a number printed raised (a footnote's mark: ``<sup>1</sup>``, a Word
footnote) is kept raised, ``¹``. Web pages are read with pandas (``read_html`` over lxml, every cell kept
as text), their encoding found by Beautiful Soup's ``UnicodeDammit`` (a page saved as GB2312 or GBK
included); Word files with python-docx. What the grid means is :mod:`analysis.clean.plan_import`'s.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..files import read_regular

#: A web page or a Word attachment with a plan is far smaller.
MAX_BYTES = 20 * 1024 * 1024
FORMATS = (".html", ".htm", ".docx")
#: A table header cell: read as any other cell, so the header rows are rows of the grid.
HEADER_CELL = re.compile(r"<(/?)th\b", re.IGNORECASE)
#: What a browser never shows as a page's text: a script, a style sheet, what is shown only without scripts, a template.
UNSHOWN = ("script", "style", "noscript", "template")
#: A number printed raised (a footnote's mark, ``<sup>1</sup>``), kept raised: ``¹``, no digit of the text before it.
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class Grid:
    """One table: its rows of cell texts (every row as long as the widest), and where it is (``表1``, 1-based)."""

    number: int
    rows: list[list[str]]


def read_tables(path: Path) -> list[Grid]:
    """Every table of the web page or Word file ``path`` (see the module's docstring)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{suffix or 'a file without a suffix'} is not read: give a saved web page (.html, .htm) or a "
                         "Word file (.docx); save a .doc or a PDF as one of them first", file=path)
    data = read_regular(path, MAX_BYTES)
    try:
        grids = _docx_tables(data) if suffix == ".docx" else _html_tables(data)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a file its library cannot read: one line, the file named
        raise InputError(f"cannot be read as {'a Word file' if suffix == '.docx' else 'a web page'} "
                         f"({type(exc).__name__}: {' '.join(str(exc).split())[:120]})", file=path) from None
    grids = [grid for grid in grids if grid.rows]
    if not grids:
        raise InputError("holds no table: the plan's indicator table is not in it (was it saved as a picture?)",
                         file=path)
    return grids


def _clean(text) -> str:
    return " ".join(str(text).split())


def _square(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def _html_tables(data: bytes) -> list[Grid]:
    import lxml.html
    import pandas as pd
    from bs4 import UnicodeDammit

    text = UnicodeDammit(data, ["utf-8", "gb18030"], is_html=True).unicode_markup
    if text is None:
        raise InputError("is not text in any encoding a web page uses")
    document = lxml.html.fromstring(text)
    for element in list(document.iter(*UNSHOWN)):  # never a cell's text (alert(1) is no unit), nor a table
        if element.getparent() is not None:
            element.drop_tree()  # the text after it stays
    for raised in document.iter("sup"):
        if raised.text_content().strip().isdigit():
            raised.text, raised[:] = raised.text_content().strip().translate(SUPERSCRIPT), []
    tables = [table for table in document.iter("table") if not any(a.tag == "table" for a in table.iterancestors())]
    grids = []
    for number, table in enumerate(tables, 1):
        markup = HEADER_CELL.sub(r"<\1td", lxml.html.tostring(table, encoding="unicode"))
        try:
            shaped = pd.read_html(io.StringIO(markup), header=None, keep_default_na=False, flavor="lxml")[0]
        except ValueError:  # a table without rows
            continue
        frame = pd.read_html(io.StringIO(markup), header=None, keep_default_na=False, flavor="lxml",
                             converters={column: str for column in range(shaped.shape[1])})[0]
        grids.append(Grid(number, _square([[_clean(cell) for cell in row] for row in frame.itertuples(index=False)])))
    return grids


def _docx_tables(data: bytes) -> list[Grid]:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    # a footnote's mark as Word numbers it: the footnotes in the order they stand, from 1
    marks = [ref for ref in document.element.body.iter(qn("w:footnoteReference"))
             if ref.get(qn("w:customMarkFollows")) not in ("1", "true", "on")]  # a mark of its own is the text
    footnotes = {ref: str(number).translate(SUPERSCRIPT) for number, ref in enumerate(marks, 1)}
    return [Grid(number, _square([[_clean(_cell_text(cell, footnotes)) for cell in row.cells] for row in table.rows]))
            for number, table in enumerate(document.tables, 1)]


def _cell_text(cell, footnotes: dict) -> str:
    """A Word cell's text, a footnote's mark and a raised number (a footnote's mark typed as such) raised: ``¹``."""
    from docx.oxml.ns import qn
    from docx.text.run import Run

    paragraphs = []
    for paragraph in cell.paragraphs:
        parts = []
        for item in paragraph.iter_inner_content():
            text = item.text
            if isinstance(item, Run):
                if item.font.superscript and text.strip().isdigit():
                    text = text.strip().translate(SUPERSCRIPT)
                text += "".join(footnotes.get(ref, "") for ref in item._r.iter(qn("w:footnoteReference")))
            parts.append(text)
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)

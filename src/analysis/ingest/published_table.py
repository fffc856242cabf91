"""A plan's tables as published: a saved government web page (``.html``) or a Word attachment (``.docx``).

Each table is read as a grid of cell texts, exactly as printed (``2.40`` stays ``2.40``), with a merged
cell's text repeated in every row and column it spans, so a category printed once beside its rows
stands beside each of them. A cell's words wrapped over lines are one text: Chinese on both sides of a
line break is joined without a space (创新 and 投入 on two lines: ``创新投入``), other words with one; Word
cells merged with the same text in each (a category typed in every row, then merged) read as that text
once. What a browser does not show as text (a script, a style sheet, ``<noscript>``, ``<template>``) is
no cell's text; a number printed raised (a footnote's mark: ``<sup>1</sup>``, a Word footnote) is kept
raised, ``¹``. Web pages are read with pandas (``read_html`` over lxml, every cell kept as text), their
encoding found by Beautiful Soup's ``UnicodeDammit`` (a page saved as GB2312 or GBK included); Word files
with python-docx. What the grid means is :mod:`analysis.clean.plan_import`'s.
"""
from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog, catalog
from ..errors import InputError
from ..files import open_regular, read_regular

#: A web page or a Word attachment with a plan is far smaller.
MAX_BYTES = 20 * 1024 * 1024
FORMATS = (".html", ".htm", ".docx")
#: A table header cell: read as any other cell, so the header rows are rows of the grid.
HEADER_CELL = re.compile(r"<(/?)th\b", re.IGNORECASE)
#: What a browser never shows as a page's text: a script, a style sheet, what is shown only without scripts, a template.
UNSHOWN = ("script", "style", "noscript", "template")
#: A number printed raised (a footnote's mark, ``<sup>1</sup>``), kept raised: ``¹``, no digit of the text before it.
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Grid:
    """One table: its rows of cell texts (every row as long as the widest), and where it is (``表1``, 1-based)."""

    number: int
    rows: list[list[str]]


def read_tables(path: Path) -> list[Grid]:
    """Every table of the web page or Word file ``path`` (see the module's docstring)."""
    path = Path(path)
    suffix = path.suffix.lower()
    words = file_words(path)
    if suffix not in FORMATS:  # told in the language of its text too, where it is text (a CSV file, a .txt)
        words = file_words(path, [_text_start(path)])
        raise InputError(words.text("import_errors.not_read", suffix=suffix or words["import_errors.no_suffix"]),
                         file=path)
    if not path.exists() and not path.is_symlink():
        raise InputError(words["import_errors.not_found"], file=path)
    data = read_regular(path, MAX_BYTES)
    if not data.strip():
        raise InputError(words["import_errors.empty"], file=path)
    try:
        grids, text = _docx_tables(data) if suffix == ".docx" else _html_tables(data)
    except InputError as exc:  # its reason: a key of the catalog (import_errors.not_text)
        raise InputError(words[exc.reason], file=path) from None
    except Exception:  # noqa: BLE001 - a file its library cannot read: one line, the file named
        raise InputError(words[f"import_errors.{'not_docx' if suffix == '.docx' else 'not_html'}"],
                         file=path) from None
    grids = [grid for grid in grids if grid.rows]
    if not grids:
        raise InputError(file_words(path, [text])["import_errors.no_table"], file=path)
    return grids


#: A plan's title as printed: a name that ends in what a plan calls itself, its years in brackets after it allowed
#: (云溪市“十四五”科技创新规划, 威海市创建国家创新型城市实施方案（2022—2024年）), with at least six characters before
#: that word: a page titled 实施方案 alone names no plan.
PLAN_TITLE = re.compile(r"\S.{5,78}?(?:规划|方案|计划|纲要)(?:（[^（）]*）|\([^()]*\))?")
#: A title quoted in a notice that issues it (关于印发《…》的通知).
QUOTED = re.compile(r"《([^《》]+)》")


def plan_title(path: Path) -> tuple[str, str] | None:
    """The plan's title where the file prints it unambiguously, and where (``docx_title``, ``docx_heading``,
    ``docx_first``, ``html_h1``, ``html_title``: keys of ``import_draft.title_from``): a Word file's title paragraph,
    else its one first-level heading, else its first paragraph; a web page's one ``<h1>``, else its ``<title>``; each
    the first place that prints one, before the file's first table. Read as a title only when it reads as one (a
    name ending in 规划, 方案, 计划 or 纲要, or one such name quoted in 《》 in a notice issuing it); two different
    titles in that place, or none, give none: the draft leaves it to fill."""
    path = Path(path)
    try:
        data = read_regular(path, MAX_BYTES)
        places = _docx_title_places(data) if path.suffix.lower() == ".docx" else _html_title_places(data)
    except Exception:  # noqa: BLE001 - a file read_tables refuses is told there; here no title
        return None
    for place, texts in places:
        titles = {title for title in map(_as_title, texts) if title}
        if titles:
            return (titles.pop(), place) if len(titles) == 1 else None
    return None


def _as_title(text: str) -> str:
    text = _clean(text)
    quoted = [name for name in QUOTED.findall(text) if PLAN_TITLE.fullmatch(_clean(name))]
    if len(quoted) == 1:
        return _clean(quoted[0])
    return text if PLAN_TITLE.fullmatch(text) else ""


def _docx_title_places(data: bytes) -> list[tuple[str, list[str]]]:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    paragraphs = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            break
        if child.tag == qn("w:p"):
            paragraphs.append(Paragraph(child, document))
    styled = [(paragraph.style.name if paragraph.style is not None else "", paragraph.text) for paragraph in paragraphs
              if paragraph.text.strip()]
    return [("docx_title", [text for style, text in styled if style == "Title"]),
            ("docx_heading", [text for style, text in styled if style == "Heading 1"]),
            ("docx_first", [text for _, text in styled[:1]])]


def _html_title_places(data: bytes) -> list[tuple[str, list[str]]]:
    import lxml.html
    from bs4 import UnicodeDammit

    text = UnicodeDammit(data, ["utf-8", "gb18030"], is_html=True).unicode_markup
    document = lxml.html.fromstring(text)
    headings = []
    for element in document.iter("h1", "table"):
        if element.tag == "table":
            break
        headings.append(element.text_content())
    return [("html_h1", headings), ("html_title", [element.text_content() for element in document.iter("title")])]


def file_words(path, texts=()) -> Catalog:
    """The words a published file's mistakes are told in: Chinese for a file whose name or text (``texts``) is
    written in Chinese, English otherwise."""
    return catalog("zh" if any(HAN.search(text) for text in [Path(path).name, *texts]) else "en")


#: How much of a file not read is looked at for the language of its text.
TEXT_START = 64 * 1024
#: A control character, which no text file holds (a binary file read as text does).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text_start(path: Path) -> str:
    """The start of the file ``path`` as text, where it is a regular file whose start reads as UTF-8 or GB18030 text
    (a CSV or text file saved either way); "" for any other (a PDF, a .doc, a picture, a file that is not there)."""
    try:
        with open_regular(path) as handle:
            data = handle.read(TEXT_START)
    except (InputError, OSError):
        return ""
    for encoding in ("utf-8-sig", "gb18030"):
        try:  # an incremental decoder: a character cut at the end of the start read is no mistake
            text = codecs.getincrementaldecoder(encoding)().decode(data, final=False)
        except UnicodeDecodeError:
            continue
        return "" if CONTROL.search(text) else text
    return ""


#: Chinese text on both sides of a line break or a run of spaces (a cell's words wrapped in a narrow column,
#: or in a web page's markup): read as one word, as a reader reads it, never 创新 投入.
WRAPPED = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def _clean(text) -> str:
    return WRAPPED.sub("", " ".join(str(text).split()))


def _square(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def _html_tables(data: bytes) -> tuple[list[Grid], str]:
    """The page's tables and its text."""
    import lxml.html
    import pandas as pd
    from bs4 import UnicodeDammit

    text = UnicodeDammit(data, ["utf-8", "gb18030"], is_html=True).unicode_markup
    if text is None:
        raise InputError("import_errors.not_text")
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
            shaped = pd.read_html(io.StringIO(markup), header=None, keep_default_na=False, flavor="lxml",
                                  thousands=None)[0]
        except ValueError:  # a table without rows
            continue
        frame = pd.read_html(io.StringIO(markup), header=None, keep_default_na=False, flavor="lxml", thousands=None,
                             converters={column: str for column in range(shaped.shape[1])})[0]
        grids.append(Grid(number, _square([[_clean(cell) for cell in row] for row in frame.itertuples(index=False)])))
    return grids, document.text_content()


def _docx_tables(data: bytes) -> tuple[list[Grid], str]:
    """The document's tables and its text."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    # a footnote's mark as Word numbers it: the footnotes in the order they stand, from 1
    marks = [ref for ref in document.element.body.iter(qn("w:footnoteReference"))
             if ref.get(qn("w:customMarkFollows")) not in ("1", "true", "on")]  # a mark of its own is the text
    footnotes = {ref: str(number).translate(SUPERSCRIPT) for number, ref in enumerate(marks, 1)}
    return ([Grid(number, _square([[_clean(_cell_text(cell, footnotes)) for cell in row.cells] for row in table.rows]))
             for number, table in enumerate(document.tables, 1)], "".join(p.text for p in document.paragraphs))


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
    # cells merged in Word keep each one's paragraphs: a category typed in every row, then merged over them, is
    # the same text again and again; it is printed once
    texts = [paragraph for paragraph in paragraphs if paragraph.strip()]
    if len(texts) > 1 and len({" ".join(text.split()) for text in texts}) == 1:
        return texts[0]
    return "\n".join(paragraphs)

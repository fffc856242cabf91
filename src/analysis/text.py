"""Text written by people, checked before anything shows it: visible, short enough, nothing hidden in it.

Data text is shown in the report, the tables and the terminal exactly as written, never
interpreted; what could make it show something else is refused here, where the file and cell can
still be named: control characters (a terminal's escape codes), bidi embeddings, overrides and
isolates (they reverse text in the report), byte-order marks inside the text, every other invisible
format character (direction marks, a soft hyphen, a word joiner, tag characters, a zero-width space),
characters the report's fonts do not have (an emoji, a rare character of CJK Extension B: an empty
box in the PDF, :mod:`analysis.glyphs`), and cells of invisible characters only. Every text field
has a length cap, so a long cell cannot make the PDF step crawl (its layout time grows faster than
linearly with the length of a table cell). Light: ``plan.yml`` is checked with it before pandas is
loaded. A message is told in the language of the catalog it is given (a data-entry workbook's, from its
template), otherwise in the one a run tells a plan file's mistakes in (:func:`analysis.catalog.mistakes_told_in`,
English by default); the sentences are the catalog's (``text_errors``), the Unicode names data.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .catalog import Catalog, told_words
from .errors import InputError
from .glyphs import drawn

#: Bidi embedding, override and isolate controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Line breaks a multi-line cell may hold.
LINE_BREAKS = frozenset("\n\r")
#: Categories of characters that show nothing: format characters, controls, separators.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})

#: The longest text each kind of field may hold, in characters. Names and units are labels in
#: tables and charts; sources, notes and reasons are sentences; none is a document. Measured: a
#: 500-character Chinese note adds 0.5 s to the PDF step, 1,000 characters 1.9 s, 4,000 characters
#: 35 s (a table cell's narrowest width is found line by line), so no cell may be longer.
LIMITS = {
    "name": 300,
    "short_name": 80,
    "unit": 40,
    "category": 120,
    "source": 200,
    "note": 500,
    "reason": 500,
    "quote": 300,
    "plan_text": 300,
    "cell": 500,
    # what a department writes back: a year's progress on a task, the reasons an indicator lags, the next measures
    "statement": 1000,
}


def visible(text: str) -> bool:
    """True when ``text`` shows something: a character that is neither a space nor invisible (a zero-width space)."""
    return any(not char.isspace() and unicodedata.category(char) not in INVISIBLE_CATEGORIES for char in text)


#: How much a reason must say: letters, a Chinese character counting two (口径调整 passes, "ok" and "." do not).
REASON_MIN_LETTERS = 6
REASON_ADVICE = ("say in words why (for example 统计口径调整，见公报注释 or 'the survey method changed in 2023, "
                 "see the bulletin's note')")


#: The words of a bare confirmation, which says the value is right but not why (已核实, 核实无误, 是, 对, verified,
#: correct): a text made of nothing else (its spaces and marks left aside) is a box ticked, as "ok" is.
BARE_CONFIRMATION = re.compile(
    r"(?:数据|数值|已经|均已|已|经|再次|确认|核实|核对|核查|审核|复核|校核|过|无误|正确|准确|属实|真实|无问题|没问题|可靠|"
    r"是的|是|对的|对|好|ok|okay|yes|checked|double|verified|confirmed|correct|right|true|fine|accurate|data|is|"
    r"the|value|has|been|and)+")


def says_why(text: str) -> bool:
    """True when ``text`` could be a reason: at least :data:`REASON_MIN_LETTERS` letters, where a wide (Chinese,
    Japanese, Korean) character counts two, and more than a bare confirmation (:data:`BARE_CONFIRMATION`). A dot, a
    dash, "ok", "yes", 是 or 已核实 is a box ticked, not a reason."""
    weight = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1
                 for char in text if unicodedata.category(char).startswith("L"))
    return weight >= REASON_MIN_LETTERS and not BARE_CONFIRMATION.fullmatch(re.sub(r"[\W_]+", "", text.casefold()))


def written_in(text: str) -> str:
    """The language ``text`` is mostly written in: ``zh`` where its Chinese characters outweigh its Latin letters
    (a Chinese character counting two: 研发 R&D 投入 is Chinese), ``en`` where Latin letters are most, else nothing
    (digits, marks)."""
    han = sum(1 for char in text if unicodedata.east_asian_width(char) in "WF"
              and unicodedata.category(char) == "Lo")
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    if not han and not latin:
        return ""
    return "zh" if 2 * han >= latin else "en"


def as_submitted(text: str, words: Catalog) -> str:
    """A department's words as written, marked so where they are in the other language than ``words``' edition:
    nothing translates them, and a reader should know it is a quotation (原文)."""
    language = written_in(text)
    return text + words["grammar.as_submitted"] if text and language and language != words.language else text


def forbidden_character(text: str, *, multiline: bool = True, words: Catalog | None = None) -> str | None:
    """The first character of ``text`` that data text may not hold, described in ``words``' language (the run's
    by default, :func:`analysis.catalog.told_words`), or None."""
    for position, char in enumerate(text, 1):
        if char in LINE_BREAKS and multiline or char == "\t":
            continue
        category = unicodedata.category(char)
        if char in BIDI_CONTROLS:
            key = "bidi"
        elif char == "\ufeff":
            key = "byte_order_mark"
        elif category == "Cc" or category == "Cs" or char in LINE_BREAKS or char in "\u2028\u2029":
            key = "line_break" if char in LINE_BREAKS or char in "\u2028\u2029" else "control"
        elif category == "Cf":
            key = "invisible"
        elif not drawn(char):
            key = "not_drawn"
        else:
            continue
        words = words or told_words()
        unnamed = words["text_errors.unnamed_format" if key == "invisible" else "text_errors.unassigned"]
        return words.text(f"text_errors.{key}", code=f"{ord(char):04X}", position=position,
                          name=unicodedata.name(char, unnamed).lower())
    return None


def check_text(text: str, *, kind: str = "cell", required: bool = False, multiline: bool = True,
               file: Path | str | None = None, line: int | str | None = None, field: str | None = None,
               empty_message: str | None = None, words: Catalog | None = None) -> str:
    """``text`` if it may be shown as data text; otherwise an :class:`InputError` naming the cell, told in
    ``words``' language (the run's by default; a data-entry workbook's cells in its template's)."""
    limit = LIMITS[kind]
    if len(text) > limit:
        words = words or told_words()
        kinds = words["text_errors.kinds"]
        advice = "" if kind == "cell" else words["text_errors.shorten"]
        raise InputError(words.text("text_errors.too_long", length=len(text), limit=limit, advice=advice,
                                    kind=kinds.get(kind, kind.replace("_", " "))), file=file, line=line, field=field)
    problem = forbidden_character(text, multiline=multiline, words=words)
    if problem:
        raise InputError((words or told_words()).text("text_errors.contains", problem=problem), file=file,
                         line=line, field=field)
    if required and not visible(text):
        words = words or told_words()
        shown = "" if not text else words["entry_errors.only_invisible"]
        empty = words["text_errors.empty"] if empty_message is None else empty_message
        raise InputError(empty + shown, file=file, line=line, field=field)
    return text

"""The self-evaluation report's files: ``self-evaluation.html`` (printed to ``self-evaluation.pdf``) and
``self-evaluation.docx``, from the blocks of :mod:`analysis.report.self_evaluation`.

The HTML page is a Jinja template with autoescape and the report's own style sheet; the Word file goes
through pandoc's AST (text as ``Str`` nodes, never parsed) with the report's reference document, so
its fonts and sizes are the Word edition's. A placeholder is shown marked (highlighted in HTML, bold in
Word) so that the evaluator finds every gap.

A line never breaks inside a department's Chinese name (市科技|局), an item of the submissions table (任务|4.1), a
placeholder, or the title's years (2022—2024|年): in HTML each is a ``nobr`` span (:mod:`analysis.report.line_breaks`),
and a table column is made as wide as the widest of them. A key task's line, its number, title and departments, is
running text: a name in its list of departments breaks where the line ends, as Chinese breaks between any two
characters. The Word file is a draft the evaluator finishes: its text holds no invisible character but the word
joiners of a number with its unit or a range (:func:`~analysis.report.word_file.plain_text`), so that Find finds the
words the page shows and a paste carries little unseen (Word's Find passes over control characters in a right-to-left
document only: 待补充 with word joiners inside would not be found); Word breaks its lines elsewhere by its own
rules. A placeholder and a reference by number (指标 4, 任务 2.2) start a line where
the line they would start on has no room for them whole, by a line break before them (:func:`_on_one_line`, which
lays the paragraph or the cell out as Word and LibreOffice fill lines: a Chinese character two digits wide, a Latin
letter as wide as Times New Roman sets it, and no room either where the lines were filled half a letter narrower or
wider: a print that wraps a line sooner would otherwise leave a character or two before the break, the piece at the
margin as a paragraph of its own), and a paragraph so broken is set flush left, never spread.
"""
from __future__ import annotations

import datetime
import functools
import io
import itertools
import json
import re
import zipfile
from pathlib import Path

from lxml import etree
from markupsafe import Markup

from ..catalog import catalog
from ..files import write_bytes_atomic
from ..settings import TEMPLATES_DIR
from .context import ReportContext
from .html import editions_of, render
from .line_breaks import (
    CLOSING_MARKS,
    HAN,
    HYPHENATED,
    KEPT,
    NUMBER,
    OPENING_MARKS,
    SHORT_LABEL,
    chinese_words,
    marked,
    merged,
    name_joined,
    name_pieces,
    number_pieces,
)
from .line_breaks import columns as letters
from .ooxml import put, serialize, w
from .pandoc_ast import (
    PANDOC_API,
    WORD_JOINER,
    Label,
    body_pieces,
    cell,
    document_title_inlines,
    fits,
    header,
    inlines,
    joined,
    kept_whole,
    label_parts,
    least_width,
    letters_of,
    table,
)
from .render import html_to_pdf
from .self_evaluation import (
    VALUE_COLUMNS,
    Block,
    Placeholder,
    Status,
    department_names,
    placeholder_text,
    self_evaluation_blocks,
    self_evaluation_title,
)
from .word_content import NAME_FLOOR, PAGE_BREAK, WordDocument, cell_padding, fitted, letters_across
from .word_file import INVISIBLE, REFERENCE_DOCX, TEXT_STYLES, epoch_of, finish, pandoc
from .words import report_dates

STEM = "self-evaluation"
STYLE_SHEET = TEMPLATES_DIR / "report" / "report.css"


def _parts(context: ReportContext, parts: list, word: bool = False, names: bool = True) -> list[tuple[str, str]]:
    """(kind, text) pairs: plain text, a piece kept whole on its line (``whole``: a department's Chinese name, an item
    of the submissions table; in Word, ``word``, a value with its year and a number with its unit too), or a
    placeholder's text. ``names``: a department's Chinese name kept whole; a task's line lets it break, as Chinese
    running text breaks between any two characters (its list of departments, kept whole, broke its lines at three
    quarters of the line: 1.1 …（责任单位：市发展改革委、市工业和信息化局、 | 市自然资源和规划局、…)."""
    out: list[tuple[str, str]] = []
    pattern = _whole_pattern(context, word) if names else _whole(context.language, (), word)
    for part in parts:
        if isinstance(part, Placeholder):
            out.append(("placeholder", placeholder_text(context, part.who)))
            continue
        if isinstance(part, Status) and not word:  # on the page the status's words a badge in its colour, what is
            out.append(("status", part))          # said of it under the badge (as the report's scorecard has it)
            part = part[len(part.words):].lstrip()
        last = 0
        for match in pattern.finditer(part):
            out += [("text", part[last:match.start()])] * (match.start() > last) + [("whole", match.group())]
            last = match.end()
        out += [("text", part[last:])] * (last < len(part))
    if not names and out and out[-1][0] == "text" and (end := re.search(LINE_END, out[-1][1])) and end.start():
        # the line's last two characters with the bracket after them whole: never 局） alone on the last line
        text = out.pop()[1]
        out += [("text", text[:end.start()]), ("whole", end.group())]
    return out


#: The last two Chinese characters of a task's line with the closing marks after them (旅游局）).
LINE_END = re.compile(rf"[{HAN}]{{2}}[{CLOSING_MARKS}]*$")


def _whole_pattern(context: ReportContext, word: bool = False) -> re.Pattern:
    return _whole(context.language, tuple(sorted(department_names(context))), word)


@functools.cache
def _items(language: str) -> list[str]:
    """The patterns of the submissions table's items as they stand in text (任务4.1, 指标4省级, task 4.1): a task's
    or an indicator's word with its number, and an indicator's series after it, with a space between them or none
    as the language writes them."""
    words = catalog(language)
    items = []
    # an indicator's series after its number (指标4省级, indicator 5 provincial): one item, never 指标4 | 省级
    series = "|".join(re.escape(label) for label in sorted(words["series"].values(), key=len, reverse=True))
    for key in ("task", "indicator"):
        head, _, tail = words[f"self_evaluation.submissions.{key}"].partition("{id}")
        # standing as an item (、指标4), never the end of a word of running text (确定指标26项, 定性指标3项)
        items.append(rf"(?<![{HAN}A-Za-z]){re.escape(head)}\d+(?:\.\d+)?(?: ?(?:{series}))?{re.escape(tail)}")
    return items


#: A space inside an item with a character either side (指标 4 省级), which :func:`~.pandoc_ast.joined` joins as it
#: joins it beside them: a narrow no-break space between word joiners beside Chinese, else a no-break space.
SPACE_IN_ITEM = re.compile(r"(?<=(\S)) (?=(\S))")
#: Where an item's Chinese word meets its number with no space between them, or its number the series after it
#: (指标4省级): a word joiner there, as Word and LibreOffice break a line between a Chinese character and a digit.
NUMBER_IN_ITEM = re.compile(rf"(?<=[{HAN}])(?=\d)|(?<=\d)(?=[{HAN}])")


@functools.cache
def _an_item(language: str) -> re.Pattern:
    return re.compile("|".join(_items(language)))


@functools.cache
def _whole(language: str, names: tuple[str, ...], word: bool = False) -> re.Pattern:
    """The departments' names written in Chinese (an English one breaks between its words, as English does), longest
    first, and the submissions table's items (任务 4.1, 指标 4 省级, task 4.1), as one pattern."""
    items = _items(language)
    chinese = sorted((name for name in names if re.search(f"[{HAN}]", name)), key=len, reverse=True)
    # in Word, a value with its year in full-width brackets (24,500（2024年）, 2.9（2022）), a number with its unit, a
    # range (2021—2022年): LibreOffice breaks the draft's plain text 2024 | 年 and 2021 | —2022 where a column is sized
    # to less; the page keeps them whole by its own spans and lets a value's year go under it in a narrow column. An
    # English value's year after a space goes under it too (24,300 | (2023)), as on the page: the values' columns kept
    # "24,300 (2023)" whole left the assessment's words twelve letters a line
    values = [rf"{NUMBER}（\d{{4}}年?）", r"（\d{4}年?）", KEPT.pattern] if word else []
    return re.compile("|".join([*(re.escape(name) for name in chinese), *items, *values]))


#: A short aside in brackets, kept whole in the title: （2022—2024年）, （2024年，草稿）, "2024 (draft)" with the word
#: before it (never "(draft)" alone on the last line); a hyphenated word.
TITLE_ASIDE = re.compile(rf"（[^（）]{{1,12}}）|\S+ \([^()]{{1,12}}\)|{KEPT.pattern}|{HYPHENATED.pattern}")


def title_markup(text: str) -> Markup:
    """The title for the page, escaped, its years and short asides and its Chinese words each in a span that never
    breaks: a line breaks between two words (…评估 | 自评报告), never inside one (自评报 | 告)."""
    return marked(text, merged([match.span() for match in TITLE_ASIDE.finditer(text)] + chinese_words(text)),
                  between=True)


def _width_proxy(context: ReportContext, value) -> str:
    """A cell's text as wide as it is, each piece kept whole a word of its width (for the columns' widths)."""
    return "".join("x" * round(letters(text)) if kind == "whole" or kind == "placeholder" and " " not in text else text
                   for kind, text in _parts(context, value if isinstance(value, list) else [value], word=True))


def self_evaluation_html(context: ReportContext, generated: str) -> str:
    blocks = [{"kind": block.kind, "level": block.level,
               "parts": _parts(context, block.parts, names=block.name != "task"),
               "headers": block.headers, "name": block.name, "columns": block.columns,
               "rows": [[_parts(context, value if isinstance(value, list) else [value]) for value in row]
                        for row in block.rows]}
              for block in self_evaluation_blocks(context)]
    title = self_evaluation_title(context)
    return render("self_evaluation.html.j2", title=title, title_markup=title_markup(title), blocks=blocks,
                  dates=report_dates(context, generated), language=context.words["language.html_lang"],
                  dataset_label=context.dataset_label, links=context.words["links"], editions=editions_of(context),
                  style=STYLE_SHEET.read_text(encoding="utf-8"))


#: Widths of the Latin font's characters in Latin letters, a digit's width (half the type's size): Times New Roman's,
#: as its metric twin Liberation Serif has them (thousandths of an em over 500); a CJK character is two.
LATIN_WIDTHS = {character: width / 500 for characters, width in (
    (" ,.", 250), ("'", 180), ("|", 200), ("/:;\\ijlt", 278), ("!()-I[]`fr", 333), ("Js", 389), ('"', 408),
    ("?acez", 444), ("{}", 480), ("FPS", 556), ("+<=>", 564), ("ELTZ", 611), ("BCR", 667), ("ADGHKNOQUVXYw", 722),
    ("&m", 778), ("%", 833), ("M", 889), ("@", 921), ("W", 944), ("—…", 1000), ("\u202f", 200), ("\u00a0", 250),
    ("\u2060\u200b", 0)) for character in characters}
#: Characters that hold the two beside them on one line (a word joiner, a no-break space).
GLUE = "\u2060\u00a0\u202f\ufeff"
#: Characters no line starts with (a closing bracket, a comma, a full stop).
NON_STARTERS = CLOSING_MARKS + "”’％…·,.;:!?)]%"
#: Latin letters: a line's first one indented by two characters (the body text's ``w:firstLineChars="200"``).
FIRST_LINE_INDENT = 4.0
#: Latin letters: the room a piece kept on its line needs beyond its width, so that an estimate a character short
#: (Word's and LibreOffice's fonts, a hanging comma) still leaves it whole.
LINE_SLACK = 1.0
#: Latin letters: how far a line's print may end from where the estimate ends it (a justified line's spaces, a
#: font's rounding): LibreOffice wrapped 其余 | 2 项 where the estimate left 0.2 of a letter over.
WRAP_DOUBT = 0.5
#: Latin letters: how much narrower a line is taken to be for a placeholder, which a line break may put at the next
#: line's start where the estimate is in doubt (:func:`_on_one_line`).
PLACEHOLDER_DOUBT = 1.0


#: How much wider bold Latin letters print than regular ones (a placeholder's: 5.5–6.5 % in Times New Roman).
BOLD_LATIN = 1.07


def _width(text: str, bold: bool = False) -> float:
    """How wide ``text`` prints in Latin letters of its type (a digit's width): a CJK character two."""
    latin = sum(LATIN_WIDTHS.get(character, 1.0) for character in text if ord(character) < 0x2E80)
    return 2.0 * sum(ord(character) >= 0x2E80 for character in text) + latin * (BOLD_LATIN if bold else 1.0)


def _may_break(before: str, after: str) -> bool:
    """Whether a line may end between ``before`` and ``after`` (Unicode's line breaking and Chinese kinsoku, roughly):
    after a space, or beside a CJK character, but never before a closing mark, after an opening one or by glue."""
    if before in GLUE or after in GLUE or after == " " or after in NON_STARTERS or before in OPENING_MARKS + "“‘(":
        return False
    return before == " " or ord(before) >= 0x2E80 or ord(after) >= 0x2E80


def _said(nodes: list) -> str:
    """The text of pandoc inlines as printed: a space a space, a line break a newline."""
    out = []
    for node in nodes:
        if node["t"] == "Str":
            out.append(node["c"])
        elif node["t"] in ("Space", "SoftBreak"):
            out.append(" ")
        elif node["t"] == "LineBreak":
            out.append("\n")
        elif isinstance(node.get("c"), list):
            out.append(_said(node["c"]))
    return "".join(out)


def _column(text: str, width: float, indent: float) -> float:
    """Where the text after ``text`` starts on its line (Latin letters from the line's start) when ``text`` is set
    on lines ``width`` wide, its first ``indent`` in, each filled with what fits, as Word and LibreOffice fill them."""
    if "\n" in text:
        text, indent = text.rsplit("\n", 1)[1], 0.0
    position, start, last = indent, indent, 0
    for end in [i for i in range(1, len(text)) if _may_break(text[i - 1], text[i])] + [len(text)]:
        piece = text[last:end]
        if position + _width(piece.rstrip(" ")) > width and position > start:
            position = start = 0.0
        position += _width(piece)
        last = end
    return position


def _on_one_line(out: list, text: str, room: tuple[float, float] | None, bold: bool = False) -> list:
    """A line break before a piece kept on its line (a placeholder, 指标 4) where the line it starts on has no room
    for it whole: Word and LibreOffice break a draft's plain text between any two Chinese characters (【待补充：市财政 |
    局】) and at a space (指标 | 4); word joiners inside would hold it but hide it from Word's Find."""
    if room is None or not out:
        return []
    width, indent = room
    before = _said(out)
    for character, instead in INVISIBLE.items():  # the text as the draft has it (plain, its numbers' joiners kept)
        before = before.replace(character, instead)
    before = kept_whole(before, number_pieces())
    if before and (before[-1] in GLUE + OPENING_MARKS + "“‘(" or before[-1] == "\n"):
        return []

    def no_room(across: float) -> bool:  # the piece would not fit whole on its line, the lines ``across`` wide
        column = _column(before, across, indent)
        return column > (0.0 if "\n" in before else indent) and column + _width(text, bold) + LINE_SLACK > width

    # a line break only where the lines filled a little narrower or wider (:data:`WRAP_DOUBT`) leave no room either:
    # a line the estimate ends a hair short of its width may wrap a piece sooner in print, and a break put two lines
    # on then stands after a character or two (…其余 | 2 项 printed, then 据； | 指标 21 at the margin as a paragraph
    # of its own); a piece broken at a line's end is the lesser fault
    # a placeholder, to be typed over, rather starts a line a little short than breaks (【待补充：市税务 | 局】 printed
    # where the estimate left a letter spare): no room on lines a letter narrower is enough
    if bold and no_room(width - PLACEHOLDER_DOUBT):
        return [{"t": "LineBreak"}]
    return [{"t": "LineBreak"}] if no_room(width - WRAP_DOUBT) and no_room(width + WRAP_DOUBT) else []


def _inlines(context: ReportContext, parts: list, body: bool = False, cell: bool = False,
             room: tuple[float, float] | None = None) -> list:
    """Parts as pandoc inlines: a piece kept whole joined, a placeholder in bold; ``body``: a paragraph's, which keeps a
    number with its unit, a short label and an item (指标 4) only (:func:`~.pandoc_ast.body_pieces`): a justified line
    of Chinese would be spaced out for a department's name that does not fit on it (a table's column is made as
    wide); ``cell``: a table cell's, whose other text breaks between its words only (空气质量 | 优良 | 天数 | 比例,
    never 天数比 | 例)."""
    out: list = []
    for kind, text in _parts(context, parts, word=True):
        if kind == "placeholder":  # bold, as typed: Word's Find finds 待补充 (no word joiners inside, which would
            # keep it on one line but hide it from a search), an official's first step in filling the draft; on a
            # line of its own where the line has no room for it whole
            out += _on_one_line(out, text, room, bold=True)
            out.append({"t": "Strong", "c": [{"t": "Str", "c": text}]})
            continue
        if kind == "whole" and _an_item(context.language).fullmatch(text):
            out += _on_one_line(out, text, room)
        if kind == "whole" and body and _an_item(context.language).fullmatch(text):
            # an item of a paragraph whole too (指标4, never 指标 | 4的省级序列 over a page's foot), joined only by its
            # spaces and where its word meets its number: Find finds its words as typed; a department's name breaks
            # there, as a justified line of Chinese would be spaced out for it
            text = SPACE_IN_ITEM.sub(lambda space: joined(f"{space[1]} {space[2]}")[1:-1], text)
            out += inlines(NUMBER_IN_ITEM.sub(WORD_JOINER, text))
        elif kind == "whole" and not body:
            out += inlines(joined(text))
        else:
            out += inlines(name_joined(text) if cell else text, body_pieces() if body else None)
    return out


def _cell_inlines(context: ReportContext, value, room: tuple[float, float] | None = None) -> list:
    """A table cell's inlines: a short text (a unit: 万元/人; a status) whole on its line, as its column is as wide;
    ``room``: its lines' width and indent (Latin letters of its type)."""
    if isinstance(value, str) and "\n" not in value and letters(value) <= SHORT_LABEL:
        return inlines(Label(value))
    return _inlines(context, value if isinstance(value, list) else [value], cell=True, room=room)


def _title_lines(title: str) -> list:
    """The title's inlines, on lines broken by hand where a Chinese title's parts meet: before the plan's years, and
    before the draft's own aside (《…实施方案 | （2022—2024年）》总结评估自评报告 | （2024年，草稿）). The draft's
    text is plain, without the word joiners that keep a range whole, and a title's large type holds some twenty
    characters a line: Word would break where it likes (（2022 | —2024年）)."""
    parts = re.fullmatch(r"(《[^（》]+)(（[^（）]+）》[^（]+)(（[^（）]+）)?", title)
    if parts is None:
        return document_title_inlines(title)
    lines = [document_title_inlines(part) for part in parts.groups() if part]
    return [node for number, line in enumerate(lines) for node in ([{"t": "LineBreak"}] if number else []) + line]


#: Where a value meets its year in brackets (24,300 (2023), 24,800（2024年）): a values' column breaks the line there,
#: the year under the value, as the page sets it.
YEAR_AFTER = re.compile(r"(?<=\d) ?(?=\(\d{4}\)|（\d{4}年?）)")


#: Characters of a Chinese header kept on one line (须说明的指标); a longer one is set on two.
HEADER_LINE = 6
#: Characters of a header of the submissions table kept on one line (部门, 尚缺): its counts' longer ones on two.
COUNT_HEADER_LINE = 3
#: A header that starts with its year (2020年基础值, 2024 target): on two lines, the year on the first.
YEAR_HEADER = re.compile(r"(?P<year>[0-9]{4}年|[0-9]{4} )(?P<rest>\S.*)")


def _header_lines(header: str, line: int = HEADER_LINE) -> str:
    """A long Chinese header on two lines broken between its words, at the word end nearest its middle (下一目标及 /
    每年需增长): the draft's text is plain, which Word would break wherever its column ends (…每年需增 / 长)."""
    year = YEAR_HEADER.fullmatch(str(header))
    if year:  # 2020年 / 基础值, 2020 / baseline: a column of short numbers is not as wide as its header
        return f"{year['year'].rstrip()}\n{year['rest']}"
    parts = label_parts(header)
    if len(parts) < 2 or len(header) <= line:
        return header
    ends = list(itertools.accumulate(len(part) for part in parts))[:-1]
    cut = min(ends, key=lambda end: abs(2 * end - len(header)))
    return f"{header[:cut]}\n{header[cut:]}"


def _value_header(header: str) -> str:
    """A values' column's header of Latin words on two lines (Latest / value), as the page breaks it: a column of
    numbers is not as wide as its header on one line; one of Chinese or on two lines already as it is."""
    if "\n" in header or " " not in header or CJK.search(header):
        return header
    spaces = [match.start() for match in re.finditer(" ", header)]
    cut = min(spaces, key=lambda space: abs(2 * space - len(header)))
    return f"{header[:cut]}\n{header[cut + 1:]}"


#: The longest name (in Latin letters' widths: a Chinese character is two) the self-evaluation's indicator table
#: gives a line of its own in Word: thirteen Chinese characters.
NAME_LINE = 26.0
#: The least width (in Latin letters' widths) of the indicator table's assessment in Word: some four English words a
#: line, twelve Chinese characters; sized to its longest word alone it had two words a line beside the units.
ASSESSMENT_LINE = 24.0
#: points: the smallest type the indicator table is set in for the assessment's line.
ASSESSMENT_TYPE = 8.0


CJK = re.compile(r"[\u4e00-\u9fff]")


def _name_floor(names: list[str]) -> dict[int, float]:
    """The names column's least width: :data:`NAME_FLOOR`, or the longest name's up to :data:`NAME_LINE` (and a
    letter more: a capital, GDP, prints wider than a digit)."""
    # a Latin name breaks between its words as any reader breaks it: only a Chinese one needs its line
    longest = max((letters_of(str(name)) + 1 for name in names if CJK.search(str(name))), default=0.0)
    return {1: max(NAME_FLOOR[1], min(longest, NAME_LINE))}


def _name_lines(name, width: float):
    """A Chinese name wider than ``width`` (Latin letters) on lines broken by hand between its words
    (:func:`~.line_breaks.name_pieces`) or at a space, each line filled with what fits: the draft's text is plain,
    which Word breaks after any character (国家级农业科技园区营 / 收占比); any other value as it is."""
    if not isinstance(name, str) or "\n" in name or not CJK.search(name) or _width(name) <= width:
        return name
    inside = {point for start, end in name_pieces(name) for point in range(start + 1, end)}
    lines, start, last = [], 0, None
    for point in [point for point in range(1, len(name))
                  if point not in inside and _may_break(name[point - 1], name[point])] + [len(name)]:
        if _width(name[start:point].rstrip(" ")) > width and last is not None and last > start:
            lines.append(name[start:last].rstrip(" "))
            start = last
        last = point
    return "\n".join([*lines, name[start:].lstrip(" ")])


def _names_give_way(columns: list[list[str]], floors: dict[int, float], across: float,
                    padding: float) -> dict[int, float] | None:
    """``floors`` with the names' (column 1) lowered as far as the table needs to fit on ``across`` letters, never
    under :data:`NAME_FLOOR`; None where it does not fit even so."""
    spare = across - least_width(columns, floors, padding)
    if spare >= 0:
        return floors
    names = max(floors[1] + spare, NAME_FLOOR[1])
    lowered = {**floors, 1: names}
    return lowered if fits(columns, across, lowered, padding) else None


def self_evaluation_document(context: ReportContext, generated: str) -> tuple[dict, WordDocument]:
    document = WordDocument()
    # a paragraph's lines: the type area's width in Latin letters of the body's type, its first line indented
    body_room = (letters_across(context, float(context.words["word.sizes"]["BodyText"])), FIRST_LINE_INDENT)
    for block in self_evaluation_blocks(context):
        if block.kind == "heading":
            # the annex on a page of its own, as an official document sets an annex (GB/T 9704, 7.5: 附件应另面编排),
            # and as the evaluation office takes it out before the draft is handed in
            annex = block.parts[0] == context.words["self_evaluation.sections.submissions"]
            document.add(*[PAGE_BREAK] * annex, header(block.level, block.parts[0]))
        elif block.kind == "paragraph":
            document.add({"t": "Para", "c": _inlines(context, block.parts, body=True, room=body_room)})
        else:
            # a value's year in Latin brackets under the value, as the page sets it in a narrow column (24,300 |
            # (2023)): the values' columns narrow, the room the assessment's words'
            values = [kind in VALUE_COLUMNS for kind in block.columns]
            block_rows = [[YEAR_AFTER.sub("\n", value) if isinstance(value, str) and under else value
                           for value, under in itertools.zip_longest(row, values)] for row in block.rows]
            texts = [[_width_proxy(context, value) for value in row] for row in block_rows]
            # each header as it prints, on two lines where it is long (2020年 / 基础值): a short number's column is
            # not widened to a header's whole length, the room goes to the assessment's words
            # the submissions' counts (须报送的 / 任务, 填写 / 行数) a header on two lines over a column of one or two
            # digits: the room goes to what is missing, whose items broke at its narrow lines' ends (任务 | 2.2)
            line = COUNT_HEADER_LINE if block.name == "submissions" else HEADER_LINE
            headers = [_value_header(_header_lines(h)) if under else _header_lines(h, line)
                       for h, under in itertools.zip_longest(block.headers, values)]
            columns = [list(column) for column in zip(headers, *texts)]
            # the indicators' names at least six characters a line, never two; Word breaks a Chinese name between its
            # words only (joined inside each), so a name of up to thirteen is given its line whole where there is room
            floors = _name_floor(columns[1][1:]) if block.name == "indicators" else None
            shorter = block.name == "indicators"
            at = block.columns.index("assessment") if floors is not None and "assessment" in block.columns else None
            for size in (None, ASSESSMENT_TYPE) if at is not None else ():
                # the assessment's words a line of their own width, some twelve Chinese characters (three tenths of
                # the table): its notes wrapped every three or four characters (未达 / 到) beside the names' line of
                # thirteen; the names give way to it, down to six characters, in the tables' own type where it fits,
                # else in a smaller type down to ASSESSMENT_TYPE
                wide = _names_give_way(columns, {**floors, at: ASSESSMENT_LINE}, letters_across(context, size),
                                       cell_padding(context, size))
                if wide is not None:
                    # Chinese names given a line of their own (more than six characters) in the tables' own type
                    # (五号, as an official's tables are set beside the 三号 text)
                    shorter = size is not None or wide[1] <= NAME_FLOOR[1]
                    floors = wide
                    break
            # the departments' submissions a table of sentences, in the tables' own type where its words fit
            widths, points = fitted(context, columns, floors, shorter=shorter)
            # each cell's lines as wide as its column within its margins, in the table's type, a letter less (its
            # lines' width as LibreOffice sets it: an item went on broken, 任务 | 3.4, with this letter)
            rooms = [(share * letters_across(context, points) - cell_padding(context, points) - LINE_SLACK, 0.0)
                     for share in widths]
            if block.name == "indicators":  # a Chinese name wider than its column broken between its words
                block_rows = [[_name_lines(value, rooms[1][0]) if number == 1 else value
                               for number, value in enumerate(row)] for row in block_rows]
            rows = [[cell([{"t": "Plain", "c": _cell_inlines(context, value, room)}])
                     for value, room in zip(row, rooms)] for row in block_rows]
            # the baseline, target and value right-aligned, digits under digits, as the HTML's and the report's
            aligns = [("AlignRight" if block.name == "indicators" and 3 <= number <= 5 else "AlignDefault")
                      for number in range(len(block.headers))]
            document.add_table(table(headers, rows, widths, aligns),
                               points=points)
    meta = {"title": {"t": "MetaInlines", "c": _title_lines(self_evaluation_title(context))},
            "date": {"t": "MetaInlines", "c": inlines(report_dates(context, generated))},
            "lang": {"t": "MetaString", "c": context.words["language.docx_lang"]}}
    return {"pandoc-api-version": PANDOC_API, "meta": meta, "blocks": document.blocks}, document


def flush_left_where_broken(docx: bytes) -> bytes:
    """The draft with each paragraph of text that holds a line break (before a placeholder the line had no room for)
    set flush left: Word and LibreOffice spread a justified line that ends in a line break across the line."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                root = etree.fromstring(data)
                for paragraph in root.iter(w("p")):
                    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
                    if style is not None and style.get(w("val")) in TEXT_STYLES and any(
                            brk.get(w("type"), "textWrapping") == "textWrapping" for brk in paragraph.iter(w("br"))):
                        put(put(paragraph, "pPr"), "jc", {"val": "left"})
                data = serialize(root)
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=entry.date_time), data,
                            compress_type=zipfile.ZIP_DEFLATED)
    return output.getvalue()


def write_self_evaluation(context: ReportContext, folder: Path, generated: str = "") -> list[Path]:
    """Write the draft's HTML, PDF and Word files into ``folder``; returns their paths."""
    generated = generated or datetime.date.today().isoformat()
    folder = Path(folder)
    html_path, pdf_path, docx_path = (folder / f"{STEM}.{suffix}" for suffix in ("html", "pdf", "docx"))
    write_bytes_atomic(html_path, self_evaluation_html(context, generated).encode("utf-8"))
    html_to_pdf(html_path, pdf_path)
    write_bytes_atomic(docx_path, self_evaluation_docx(context, generated))
    return [html_path, pdf_path, docx_path]


def self_evaluation_docx(context: ReportContext, generated: str) -> bytes:
    """The draft's Word file."""
    document, laid_on = self_evaluation_document(context, generated)
    epoch = epoch_of(generated)
    written = pandoc(["--from", "json", "--to", "docx", "--reference-doc", str(REFERENCE_DOCX), "--output", "-"],
                     json.dumps(document, ensure_ascii=False).encode("utf-8"), epoch)
    return flush_left_where_broken(finish(written, laid_on, context.words, epoch, editable=True,
                                          running_head=context.dataset_label))


__all__ = ["Block", "write_self_evaluation", "self_evaluation_html"]

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
characters. The Word file is a draft the evaluator finishes: its text
holds no invisible character but the word joiners of a number with its unit or a range
(:func:`~analysis.report.word_file.plain_text`), so that Find finds the words the page shows and a paste carries
little unseen; Word breaks its lines elsewhere by its own rules.
"""
from __future__ import annotations

import datetime
import functools
import itertools
import json
import re
from pathlib import Path

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
    SHORT_LABEL,
    chinese_words,
    marked,
    merged,
    name_joined,
)
from .line_breaks import columns as letters
from .pandoc_ast import (
    PANDOC_API,
    Label,
    body_pieces,
    cell,
    document_title_inlines,
    fits,
    header,
    inlines,
    joined,
    label_parts,
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
from .word_content import NAME_FLOOR, WordDocument, cell_padding, fitted, letters_across
from .word_file import REFERENCE_DOCX, epoch_of, finish, pandoc
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
    """The patterns of the submissions table's items as they stand in text (任务 4.1, 指标 4 省级, task 4.1): a task's
    or an indicator's word with its number, and an indicator's series after it."""
    words = catalog(language)
    items = []
    # an indicator's series after its number (指标 4 省级, indicator 5 provincial): one item, never 指标 4 | 省级
    series = "|".join(re.escape(label) for label in sorted(words["series"].values(), key=len, reverse=True))
    for key in ("task", "indicator"):
        head, _, tail = words[f"self_evaluation.submissions.{key}"].partition("{id}")
        # standing as an item (、指标 4), never the end of a word of running text (确定指标 26 项, 定性指标 3 项)
        items.append(rf"(?<![{HAN}A-Za-z]){re.escape(head)}\d+(?:\.\d+)?(?: (?:{series}))?{re.escape(tail)}")
    return items


#: A space inside an item with a character either side (指标 4 省级), which :func:`~.pandoc_ast.joined` joins as it
#: joins it beside them: a narrow no-break space between word joiners beside Chinese, else a no-break space.
SPACE_IN_ITEM = re.compile(r"(?<=(\S)) (?=(\S))")


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
    values = [rf"{NUMBER}（\d{{4}}年?）", KEPT.pattern] if word else []
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


def _inlines(context: ReportContext, parts: list, body: bool = False, cell: bool = False) -> list:
    """Parts as pandoc inlines: a piece kept whole joined, a placeholder in bold; ``body``: a paragraph's, which keeps a
    number with its unit, a short label and an item (指标 4) only (:func:`~.pandoc_ast.body_pieces`): a justified line
    of Chinese would be spaced out for a department's name that does not fit on it (a table's column is made as
    wide); ``cell``: a table cell's, whose other text breaks between its words only (空气质量 | 优良 | 天数 | 比例,
    never 天数比 | 例)."""
    out: list = []
    for kind, text in _parts(context, parts, word=True):
        if kind == "placeholder":  # bold, as typed: Word's Find finds 待补充 (no word joiners inside, which would
            # keep it on one line but hide it from a search), an official's first step in filling the draft
            out.append({"t": "Strong", "c": [{"t": "Str", "c": text}]})
        elif kind == "whole" and body and _an_item(context.language).fullmatch(text):
            # an item of a paragraph whole too (指标 4, never 指标 | 4 的省级序列 over a page's foot), by its spaces
            # joined only: Find finds its words as typed; a department's name breaks there, as a justified line of
            # Chinese would be spaced out for it
            out += inlines(SPACE_IN_ITEM.sub(lambda space: joined(f"{space[1]} {space[2]}")[1:-1], text))
        elif kind == "whole" and not body:
            out += inlines(joined(text))
        else:
            out += inlines(name_joined(text) if cell else text, body_pieces() if body else None)
    return out


def _cell_inlines(context: ReportContext, value) -> list:
    """A table cell's inlines: a short text (a unit: 万元/人; a status) whole on its line, as its column is as wide."""
    if isinstance(value, str) and "\n" not in value and letters(value) <= SHORT_LABEL:
        return inlines(Label(value))
    return _inlines(context, value if isinstance(value, list) else [value], cell=True)


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


#: The space between a value and its year in Latin brackets (24,300 (2023)), where a line breaks in a values' column.
YEAR_AFTER = re.compile(r"(?<=\d) (?=\(\d{4}\))")


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


def self_evaluation_document(context: ReportContext, generated: str) -> tuple[dict, WordDocument]:
    document = WordDocument()
    for block in self_evaluation_blocks(context):
        if block.kind == "heading":
            document.add(header(block.level, block.parts[0]))
        elif block.kind == "paragraph":
            document.add({"t": "Para", "c": _inlines(context, block.parts, body=True)})
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
            rows = [[cell([{"t": "Plain", "c": _cell_inlines(context, value)}]) for value in row] for row in block_rows]
            # the indicators' names at least six characters a line, never two; Word breaks a Chinese name after any
            # character, so a name of up to thirteen is given its line whole (never 高新技术产业产值占 | 比)
            floors = _name_floor(columns[1][1:]) if block.name == "indicators" else None
            shorter = block.name == "indicators"
            if floors is not None and floors[1] > NAME_FLOOR[1] and fits(columns, letters_across(context), floors,
                                                                          cell_padding(context)):
                # Chinese names given their line in the tables' own type (五号, as an official's tables are set beside
                # the 三号 text): the assessment a few Chinese words a line in what is left (未达标（完成率 / 96.4%）),
                # where a line of twelve had the table in 小五, its figures small beside the text
                shorter = False
            elif floors is not None and "assessment" in block.columns:
                # the assessment's words a line of their own width, not its longest word's: a smaller type if need be,
                # down to ASSESSMENT_TYPE, never at the cost of the names' line (a Chinese mid-term's eight columns)
                wide = {**floors, block.columns.index("assessment"): ASSESSMENT_LINE}
                floors = wide if fits(columns, letters_across(context, ASSESSMENT_TYPE), wide,
                                      cell_padding(context, ASSESSMENT_TYPE)) else floors
            # the departments' submissions a table of sentences, in the tables' own type where its words fit
            widths, points = fitted(context, columns, floors, shorter=shorter)
            # the baseline, target and value right-aligned, digits under digits, as the HTML's and the report's
            aligns = [("AlignRight" if block.name == "indicators" and 3 <= number <= 5 else "AlignDefault")
                      for number in range(len(block.headers))]
            document.add_table(table(headers, rows, widths, aligns),
                               points=points)
    meta = {"title": {"t": "MetaInlines", "c": _title_lines(self_evaluation_title(context))},
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
    write_bytes_atomic(docx_path, finish(written, laid_on, context.words, epoch, editable=True,
                                            running_head=context.dataset_label))
    return [html_path, pdf_path, docx_path]


__all__ = ["Block", "write_self_evaluation", "self_evaluation_html"]

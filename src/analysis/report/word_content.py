"""The Word edition's content: the report as a pandoc document (its JSON AST), made from the report's tables and
figures.

The sections are those of the report notebook, in its order, with the same sentences and the same figures:
each comes from the function the HTML sections use (:mod:`.words`, :mod:`.tables`, :mod:`.cards`), each figure
from the report's :class:`~analysis.report.figures.Figures`, drawn once.
Text from data (names, sources, notes) becomes ``Str`` nodes, which pandoc writes as they are: it is
never read as Markdown, HTML or a link. The method note is the catalog's own Markdown, read by pandoc
(:mod:`.word_file`). Colours that pandoc cannot give a table cell are returned beside the document as
:class:`Shading` and laid on by :mod:`.word_file`.
"""
from __future__ import annotations

import base64
import re
import struct
from dataclasses import dataclass, field, replace

from . import cards, charts, warning_tables
from .context import ReportContext
from .figures import DPI, OVERVIEW_CHARTS, Figures, alt_text
from .line_breaks import COUNTED_PER, HAN, NUMBER_WORD, PHRASE, name_joined
from .line_breaks import columns as text_columns
from .numbers import is_missing
from .palette import LEVEL_COLOURS, LIGHT_COLOURS, STATUS_COLOURS
from .pandoc_ast import (
    CELL_PADDING,
    HEADER,
    LONG_WORD,
    PANDOC_API,
    WORD_JOINER,
    Label,
    bullets,
    cell,
    document_title_inlines,
    fewer_lines,
    fits,
    fitted_widths,
    given_way,
    header,
    inlines,
    joined,
    joined_throughout,
    least_widths,
    letters_of,
    link,
    para,
    plain,
    printed_lines,
    strong,
    styled,
    table,
    without_widow,
)
from .tables import actuals_table, pace_shown, quality_table, scorecard_headers, scorecard_rows
from .words import (
    Paragraph,
    data_note,
    departments_text,
    intro,
    official_rows,
    other_editions,
    pace_lines,
    plan_outline_of,
    report_dates,
    status_text,
    summary_paragraphs,
    title,
)

TYPE_AREA_CM = (15.6, 22.5)  # GB/T 9704's type area
#: points: the types a table whose words do not fit the page's width in the tables' own type is set in, the largest
#: that fits (小五 beside 五号, down to 7.5 points): its numbers with their units, its labels and its names stay whole,
#: where they would break at every other character.
DENSE_TABLE = (9.0, 8.5, 8.0, 7.5)
#: points: the smallest of them a table whose words fit in the tables' own type is set in to print shorter (小五)
SMALLEST_CHOSEN = 9.0
#: points: the largest type of a long table of short cells (the scorecard, the warning list, the actual values'
#: sources), 小五 where its words fit, as an official statistical table is set: in 五号 the Chinese final report's
#: scorecard alone printed a page longer. A table of sentences (the change table's notes, the data's findings) is set
#: in the tables' own type (五号) where its words fit.
DENSE_LARGEST = SMALLEST_CHOSEN
#: A card's chart beside its numbers: the numbers' cell wide enough for their longest labels on one line in 五号
#: (增量完成比例 / 同期序时进度 beside 108% / 100%, 实际年均增长（2020年起） beside +23.1%), which at half the
#: width took two lines each, a card two lines taller.
CARD_COLUMNS = (0.44, 0.56)
CARD_CHART_CM = TYPE_AREA_CM[0] * CARD_COLUMNS[0] - 0.4  # the chart's cell less its margins
#: How much larger a card's chart prints in Word than the HTML card's: drawn this much smaller than it prints (its
#: cell), its lines, marks and 7 pt labels print this much larger (9.5 pt, beside tables of 10.5 pt and a text of 16,
#: where 7 pt were unreadable), at 150 pixels an inch as printed.
CARD_CHART_SCALE = 1.35
#: A card's chart's height for its width (3.3 cm high): no higher than the numbers beside it, eight rows of 五号
#: 12 points apart (3.4 cm; :func:`~.word_file.tight_rows`), where the HTML card's 2 : 3.4 (3.8 cm) made each card
#: taller than its numbers, and two cards shared a page where three fit.
CARD_CHART_ASPECT = 2 / 3.9
CARD_CHART = (CARD_CHART_CM / 2.54 / CARD_CHART_SCALE, CARD_CHART_CM / 2.54 / CARD_CHART_SCALE * CARD_CHART_ASPECT)
#: A new page: an empty paragraph a point high that starts one (a page break before it), never a break in a line of
#: its own, which a page filled to its foot (the heat map and the category chart) carried over whole, to break the
#: page after it and leave one blank.
PAGE_BREAK = {"t": "RawBlock", "c": ["openxml", '<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0" '
                                                'w:line="20" w:lineRule="exact"/></w:pPr></w:p>']}
CORE_MARK = "\u2060*"  # a core indicator's star after a word joiner: never alone on a line (a no-break space is not
# enough after a Chinese character in LibreOffice)
METHOD_NOTE = "method-note"  # the placeholder the method note's blocks replace (:mod:`.word_file`)


@dataclass(frozen=True)
class Shading:
    """A table cell's background: the ``table``-th table of the document, ``row`` 0 being its header."""

    table: int
    row: int
    column: int
    colour: str  # "#1b5e20"


@dataclass
class WordDocument:
    """A pandoc document being built, with what to lay on once pandoc has written it: the cell colours, the
    tables kept on one page (a card's numbers) and those that only lay out (a card's chart beside its numbers).
    Tables are counted in document order, a table inside another right after it."""

    blocks: list = field(default_factory=list)
    shading: list[Shading] = field(default_factory=list)
    kept_together: list[int] = field(default_factory=list)
    kept_with_next: list[int] = field(default_factory=list)  # kept on one page with the paragraph after them
    borderless: list[int] = field(default_factory=list)
    points: dict[int, float] = field(default_factory=dict)  # a table's own type size (a dense table's)
    roomy: list[int] = field(default_factory=list)  # a table of one short row, given the height of a card's row
    splittable: list[int] = field(default_factory=list)  # a table whose rows may break over two pages (the appendix's)
    tables: int = 0

    def add(self, *blocks) -> None:
        self.blocks.extend(blocks)

    def add_table(self, table: dict, colours: dict[tuple[int, int], str] | None = None,
                  keep_together: bool = False, points: float | None = None, splittable: bool = False) -> None:
        self.shading += [Shading(self.tables, row, column, colour) for (row, column), colour in
                         (colours or {}).items()]
        if splittable:
            self.splittable.append(self.tables)
        if keep_together:
            self.kept_together.append(self.tables)
        if points:
            self.points[self.tables] = points
        self.tables += 1
        self.blocks.append(table)


#: The names column of the scorecard, warning and change tables: at least six Chinese characters (twelve letters) a
#: line, so that a name reads as one, not two characters a line beside a wide status note.
NAME_FLOOR = {1: 12.0}
FINDING_FLOOR = 16.0  # letters: the kind of a finding of the data-quality table, on one line up to eight characters


def letters_across(context: ReportContext, points: float | None = None, width_cm: float = TYPE_AREA_CM[0]) -> float:
    """The type area's width (or ``width_cm``) in widths of a Latin letter of the tables' size (or ``points``): half
    the size, as a digit is (a CJK character, counted as two, is a whole one)."""
    points = points or float(context.words["word.sizes"]["Compact"])
    return width_cm / 2.54 * 72 / (points * 0.5)


#: mm: what a cell's text needs beside its margins (``word.cell_margin`` each side): its lines' width and some slack.
CELL_SLACK_MM = 0.5


def cell_padding(context: ReportContext, points: float | None = None) -> float:
    """A table cell's margins (the catalog's ``word.cell_margin`` each side) and :data:`CELL_SLACK_MM`, in widths of a
    Latin letter of ``points`` (the tables' own size where None): 1.5 mm, 0.94 letters of 9 points beside
    :data:`~.pandoc_ast.CELL_PADDING`'s 2 (3.2 mm), which a catalog keeping the reference document's 1 mm margins
    keeps."""
    margin = float(context.words["word.cell_margin"])
    if not margin:
        return CELL_PADDING
    points = points or float(context.words["word.sizes"]["Compact"])
    return (2 * margin + CELL_SLACK_MM) / (points * 0.5 / 72 * 25.4)


def fitted(context: ReportContext, columns: list[list[str]], floors: dict[int, float] | None = None,
           width_cm: float = TYPE_AREA_CM[0], shorter: bool = True, largest: float | None = None
           ) -> tuple[list[float], float | None]:
    """A table's columns' shares of its width (the type area's, or ``width_cm``: :func:`~.pandoc_ast.fitted_widths`),
    and its type size when the tables' own is too large for its words to fit on that width whole (the largest of
    :data:`DENSE_TABLE` they fit in, the smallest if none) or prints the table much taller than a smaller one down to
    :data:`SMALLEST_CHOSEN` (:func:`printed_height`; not when ``shorter`` is false), else None. ``largest``: the
    largest type the table is set in (a dense table's, :data:`DENSE_LARGEST`), where it is smaller than the tables'
    own. A cell's margins (:func:`cell_padding`) are as wide in every type: a smaller type's columns hold more
    letters."""
    points = float(context.words["word.sizes"]["Compact"])
    smaller = [size for size in DENSE_TABLE if size < points]
    if largest is not None and largest < points:
        # the tables' own type too large for a table of short cells: the largest of the others its words fit in
        sizes = [size for size in smaller if size <= largest] or [largest]
        size = next((size for size in sizes
                     if fits(columns, letters_across(context, size, width_cm), floors, cell_padding(context, size))),
                    sizes[-1])
        return fitted_widths(columns, letters_across(context, size, width_cm), floors,
                             cell_padding(context, size)), size

    def fit(size: float | None) -> bool:
        return fits(columns, letters_across(context, size, width_cm), floors, cell_padding(context, size))

    def shares(size: float | None) -> list[float]:
        return fitted_widths(columns, letters_across(context, size, width_cm), floors, cell_padding(context, size))

    if fit(None) and not shorter:
        return shares(None), None
    if fit(None):
        return min([(shares(None), None), *((shares(size), size) for size in smaller if size >= SMALLEST_CHOSEN)],
                   key=lambda fitting: printed_height(context, columns, *fitting, width_cm))
    if not smaller:
        return shares(None), None
    size = next((size for size in smaller if fit(size)), smaller[-1])
    return shares(size), size


def printed_height(context: ReportContext, columns: list[list[str]], shares: list[float], points: float | None,
                   width_cm: float) -> float:
    """A table's height in points, roughly (:func:`~.pandoc_ast.printed_lines`), set in ``points`` (None: the tables'
    own size), weighed by the square of how much smaller its type is than the tables' own: the own type stays where
    its words fit, unless its narrow columns wrap a table's notes on many more lines (9 pt wins beside 10.5 where the
    table prints less than 0.73 times as high)."""
    own = float(context.words["word.sizes"]["Compact"])
    size = points or own
    return printed_lines(columns, shares, letters_across(context, size, width_cm),
                         cell_padding(context, size)) * size * (own / size) ** 2


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's header."""
    return struct.unpack(">II", data[16:24])


#: cm: room for a heading above a figure (小二 bold and its spacing, the figure's own spacing).
HEADING_CM = 2.0
#: cm: the room a figure leaves on its page under its heading for the last lines of what comes before it (a table's
#: last rows, a paragraph's last lines): a figure as tall as the page less its heading starts a page of its own after
#: them, which leaves a page nearly empty before it.
FIGURE_ROOM_CM = 4.5
#: cm: the most a figure prints high (16 cm), so that it shares its page with its heading and :data:`FIGURE_ROOM_CM`.
FIGURE_HEIGHT_CM = TYPE_AREA_CM[1] - HEADING_CM - FIGURE_ROOM_CM
#: cm: the most a figure taller than :data:`FIGURE_HEIGHT_CM` prints high, on a page of its own under a heading
TALL_FIGURE_CM = TYPE_AREA_CM[1] - HEADING_CM
#: inches: the width the Word edition draws its overview charts and small multiples at, the type area's: drawn for the
#: PDF's column (7.2 inches) they printed at 85%, their 7 pt type at 6
FIGURE_WIDTH_IN = TYPE_AREA_CM[0] / 2.54
#: The series a figure of the Word edition's completion chart and small multiples holds: drawn as wide as the type
#: area, 25 series in one figure were 21.3–22.3 cm high (their legend on one column under a label of three lines),
#: more than a page holds under a heading (:data:`TALL_FIGURE_CM`), and printed at 92–96%: their type under 7 pt
FIGURE_PAGE_ROWS = {"completion": 20, "multiples": 20}


def printed_size(data: bytes, max_width_cm: float = TYPE_AREA_CM[0],
                 max_height_cm: float = FIGURE_HEIGHT_CM) -> tuple[float, float]:
    """A PNG's printed width and height in cm: at :data:`DPI`, within ``max_width_cm`` and ``max_height_cm`` (room
    for a heading above a tall chart and for what ends the page before it)."""
    width, height = png_size(data)
    width_cm = min(width / DPI * 2.54, max_width_cm)
    height_cm = width_cm * height / width
    if height_cm > max_height_cm:
        height_cm = max_height_cm
        width_cm = height_cm * width / height
    return width_cm, height_cm


def image(name: str, data: bytes, alt: str, max_width_cm: float = TYPE_AREA_CM[0],
          max_height_cm: float = FIGURE_HEIGHT_CM) -> dict:
    """Figure ``name`` (its PNG ``data``, handed to pandoc inline) at its printed size (:func:`printed_size`): the
    PNGs carry no resolution, so the size is given."""
    width_cm, height_cm = printed_size(data, max_width_cm, max_height_cm)
    size = [["width", f"{width_cm:.2f}cm"], ["height", f"{height_cm:.2f}cm"]]
    source = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    picture = {"t": "Image", "c": [[name, [], size], inlines(alt), [source, ""]]}
    return styled("Figure", [{"t": "Para", "c": [picture]}])


# --- the sections, in the order of notebooks/03_annual_report.ipynb ----------------------------------------

def title_blocks(document: WordDocument, context: ReportContext) -> None:
    """The title and dates are the document's title block (pandoc's metadata); then the editions and the
    introduction."""
    document.add(*[para(editions) for editions in [other_editions(context)] if editions], para(intro(context)))


def paragraph_blocks(block: Paragraph) -> list:
    return [para(block.text)] + ([bullets(block.items)] if block.items else [])


def summary_blocks(document: WordDocument, context: ReportContext) -> None:
    document.add(header(1, context.words["sections.summary"]))
    for block in summary_paragraphs(context):
        document.add(*paragraph_blocks(block))


def scorecard_blocks(document: WordDocument, context: ReportContext) -> None:
    """One row per series under a row naming its category (the page's width goes to the names); the status cell in
    its colour; the official status word last, when the plan chose words (a traffic light in its colour). One table,
    its header at its top and repeated where a page breaks it only, a category's band a row of its own kept with the
    series under it: a table a category, its band part of its header, printed the columns' names three times on one
    page of the English final, once over each category. Its amounts whole where they fit in its type
    (:func:`held_amounts`)."""
    document.add(header(1, context.words["sections.scorecard"]))
    rows = scorecard_rows(context)
    (headers, lines, aligns, colours), widths, points = held_amounts(
        context, lambda kept: scorecard_table(context, amounts_joined(rows, SCORECARD_AMOUNTS, kept)),
        row_amounts(rows, SCORECARD_AMOUNTS), NAME_FLOOR, largest=DENSE_LARGEST)
    document.add_table(table(headers, lines, widths, aligns), colours, points=points)


#: The scorecard's fields whose amounts are kept whole where they fit (the unit, the name, the values, the notes).
SCORECARD_AMOUNTS = ("name", "unit", "base", "latest", "target", "gap", "pace", "final_rate", "official_text")


def scorecard_table(context: ReportContext, rows: list) -> tuple[tuple, list[list]]:
    """The scorecard's header, rows of cells, alignments and cell colours, and the columns of text its widths are
    fitted to."""
    lines, colours, texts = [], {}, []
    official = context.status_words is not None
    headers = scorecard_headers(context)
    right = "AlignRight"
    category = None
    for row in rows:
        if row.category != category:
            category = row.category
            lines.append([cell([strong(category)], col_span=len(headers))])
        status = [plain(Label(row.status_text))] + ([plain(name_joined(row.final_rate))] if row.final_rate else [])
        lines.append([cell(row.indicator_id), name_cell(row.name, row.anchor, row.core), cell(Label(row.unit)),
                      cell(row.base, right), cell(value_with_year(row.latest, row.latest_year), right),
                      cell(value_with_year(row.target, row.target_year), right), cell(row.gap, right),
                      lines_cell(pace_lines(row.pace, context.words)), cell(status)]
                     + ([cell(Label(row.official_text))] if official else []))
        # the cells' text, as the widths of the columns are fitted to it
        texts.append([row.indicator_id, name_joined(row.name) + CORE_MARK, Label(row.unit), row.base,
                      f"{row.latest}\n{row.latest_year.strip()}",
                      f"{row.target}\n{row.target_year.strip()}", row.gap, pace_lines(row.pace, context.words),
                      (Label(row.status_text), name_joined(row.final_rate))]
                     + ([Label(row.official_text)] if official else []))
        colours[(len(lines), 8)] = STATUS_COLOURS[row.status]
        if row.official in LIGHT_COLOURS:
            colours[(len(lines), 9)] = LIGHT_COLOURS[row.official][0]
    aligns = ["AlignDefault"] * 3 + [right] * 4 + ["AlignDefault"] * (3 if official else 2)
    if not pace_shown(rows):  # a final evaluation: no column of "—"
        headers, lines, texts, aligns, colours = without_column(PACE_COLUMN, headers, lines, texts, aligns, colours)
    columns = [[Label(header, HEADER), *(line[i] for line in texts)] for i, header in enumerate(headers)]
    return (headers, lines, aligns, colours), columns


def held_amounts(context: ReportContext, build, amounts: list, floors: dict[int, float] | None = None,
                 **fitting) -> tuple[tuple, list[float], float | None]:
    """A table built by ``build`` (the amounts to keep whole -> (the table's parts, its columns' text)) with as many
    of its ``amounts`` kept whole (:func:`row_amounts`: "120 institutions", "per 10,000 people", "100 million yuan",
    joined by no-break spaces, never "per 10,000 | people") as fit in the type it takes with none: all where they
    fit, else one by one, the narrowest first, each where the table keeps its type and its words fit whole in it
    (its columns' widths fitted to them, :func:`fitted`), or, where they never did (the table set in the smallest
    type, its widest columns given way), where no column needs to be wider, or where the columns it widens keep
    their width, the widest, of names and notes, giving way (:func:`~.pandoc_ast.given_way`): an amount's column is
    given the room before a long name's or a status note's, which wrap between their words (the English mid-term's
    unit column broke "per 10,000 | people" beside names and notes given way already). Amounts whole in every column
    made the scorecard's type smaller (8.5 points to 8 in English) and the warning list's (to 7.5). The table's
    parts, its columns' shares and its type (``fitting``: :func:`fitted`'s)."""
    own = float(context.words["word.sizes"]["Compact"])
    width_cm = fitting.get("width_cm", TYPE_AREA_CM[0])

    def least(columns: list, points: float) -> list[float]:
        return least_widths(columns, floors, cell_padding(context, points))

    parts, columns = build(frozenset())
    widths, points = fitted(context, columns, floors, **fitting)
    size = points or own
    over = max(sum(least(columns, size)), letters_across(context, size, width_cm))

    def kept_in(kept: frozenset, before: frozenset) -> bool:
        _, columns = build(kept)
        points = fitted(context, columns, floors, **fitting)[1] or own
        if points < size:
            return False
        across, low = letters_across(context, points, width_cm), least(columns, points)
        if sum(low) <= max(over, across):
            return True
        # wider than the page in its smallest type: kept where the columns the amounts widen keep their width, the
        # widest giving way
        wider = [i for i, (new, old) in enumerate(zip(low, least(build(before)[1], points))) if new > old + 1e-9]
        given = given_way(low, across)
        return all(given[i] >= low[i] - 1e-9 for i in wider)

    if not amounts:
        return parts, widths, points
    kept: frozenset = frozenset(amounts)
    if not kept_in(kept, frozenset()):
        kept = frozenset()
        for amount in sorted(amounts, key=lambda amount: (letters_of(amount[1]), amount)):
            if kept_in(kept | {amount}, kept):
                kept |= {amount}
    parts, columns = build(kept)
    return (parts, *fitted(context, columns, floors, **fitting))


def row_amounts(rows: list, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """The amounts (:data:`AMOUNT`) in the fields ``names`` of ``rows``, as (field, amount), each once."""
    return sorted({(name, match.group()) for row in rows for name in names
                   for match in AMOUNT.finditer(getattr(row, name))})


def amounts_joined(rows: list, names: tuple[str, ...], kept: frozenset) -> list:
    """``rows`` with the amounts of their fields ``names`` that ``kept`` holds ((field, amount)) :func:`joined`."""
    return [replace(row, **{name: held(getattr(row, name), name, kept) for name in names}) for row in rows]


def held(text: str, key, kept: frozenset) -> str:
    """``text`` with each amount (:data:`AMOUNT`) that ``kept`` holds as (``key``, amount) :func:`joined`."""
    return AMOUNT.sub(lambda match: joined(match.group()) if (key, match.group()) in kept else match.group(), text)


#: The "needed per year" column of the scorecard and of the warning list.
PACE_COLUMN = 7


def without_column(column: int, headers: list, lines: list, texts: list, aligns: list, colours: dict) -> tuple:
    """A table without one of its columns: its header, its cells (a group row across the table one column
    narrower), the texts its widths are fitted to, its alignment and the colours of the cells after it moved left."""
    def narrower(line):
        if len(line) == 1:  # a category's or department's row across the table
            attr, align, rows, span, blocks = line[0]
            return [[attr, align, rows, span - 1, blocks]]
        return line[:column] + line[column + 1:]

    return (headers[:column] + headers[column + 1:], [narrower(line) for line in lines],
            [text[:column] + text[column + 1:] for text in texts], aligns[:column] + aligns[column + 1:],
            {(row, at - (at > column)): colour for (row, at), colour in colours.items() if at != column})


def value_with_year(value: str, year: str) -> list:
    return [{"t": "Plain", "c": inlines(value) + ([{"t": "LineBreak"}, *inlines(year.strip())] if year else [])}]


def lines_cell(lines: tuple[str, ...]) -> list:
    """A cell of lines, each after a line break."""
    return cell([{"t": "Plain", "c": [node for number, line in enumerate(lines)
                                      for node in ([{"t": "LineBreak"}] if number else []) + inlines(line)]}])


def name_cell(name: str, anchor: str, core: bool) -> list:
    """A series' short name linking to its card, with the core indicators' star."""
    return cell([{"t": "Plain", "c": [link(name_joined(name) + (CORE_MARK if core else ""), anchor)]}])


def change_note(notes: tuple[str, ...], words) -> str:
    """A change's note as the Word edition prints it: each short clause (:data:`~.line_breaks.PHRASE`) kept on one
    line (:func:`~.pandoc_ast.joined`), as the HTML keeps it: never "warned in | 2023 (amber)". Chinese clauses break
    as Chinese does (between characters, a number whole): joined, a clause wider than the narrow column LibreOffice
    gives it was broken inside its year ("202 | 3年结论据 2022年数据")."""
    if not words["language.breaks_at_spaces"]:
        return words.join(notes)
    return words.join(joined(note) if text_columns(note) <= PHRASE else AMOUNT.sub(_joined, note) for note in notes)


#: A number with what it counts or the first word of its unit, and "per" with what it is per (120 institutions, 16
#: billion yuan, 230,000 yuan | per worker): one piece of a change's longer clause, as the HTML keeps it (never
#: "(120 | institutions)"); in a table's cells, where the table keeps its type with it whole (:func:`held_amounts`):
#: joined wherever they stood, "per 10,000 people" made the scorecard's and the warning list's type smaller.
AMOUNT = re.compile(f"{COUNTED_PER}|{NUMBER_WORD}")


def _joined(match: re.Match) -> str:
    return joined(match.group())


def warnings_blocks(document: WordDocument, context: ReportContext) -> None:
    """The warning list by lead department (warning and status cells in their colours), then each series'
    status against the previous report year."""
    document.add(header(1, warning_tables.warnings_section(context)), header(2, warning_tables.warning_title(context)))
    rows = warning_tables.warning_rows(context)
    document.add(para(warning_tables.warnings_intro(context, rows)))
    if rows:
        (headers, lines, aligns, colours), widths, points = held_amounts(
            context, lambda kept: warning_table(context, amounts_joined(rows, WARNING_AMOUNTS, kept)),
            row_amounts(rows, WARNING_AMOUNTS), NAME_FLOOR, largest=DENSE_LARGEST)
        document.add_table(table(headers, lines, widths, aligns), colours, points=points)
        # a note on the table's columns, in the notes' smaller type as a card's notes: under the table, not a paragraph
        document.add(styled("Card Notes", [para(warning_tables.warnings_note(context))]))
    previous, changes = warning_tables.change_rows(context)
    if previous is None:
        return
    headers = warning_tables.changes_headers(context, previous)
    document.add(header(2, warning_tables.changes_heading(context, previous)),
                 para(warning_tables.changes_intro(context, previous, changes)))
    changes = warning_tables.listed_changes(changes)
    if not changes:
        return
    (lines, colours, headers), widths, points = held_amounts(
        context, lambda kept: change_table(context, amounts_joined(changes, CHANGE_AMOUNTS, kept), headers),
        row_amounts(changes, CHANGE_AMOUNTS), NAME_FLOOR, shorter=False)
    document.add_table(table(headers, lines, widths), colours, points=points)


#: The change table's fields whose amounts are kept whole where they fit (its notes' are: :func:`change_note`).
CHANGE_AMOUNTS = ("name",)


def change_table(context: ReportContext, changes: list, headers: list) -> tuple[tuple, list[list]]:
    """The change table's rows of cells and cell colours, and the columns of text its widths are fitted to."""
    lines, colours = [], {}
    for number, row in enumerate(changes, 1):
        then = row.status_then_text + (f" ({row.revised_text})" if row.revised_text else "")
        lines.append([cell(row.indicator_id), name_cell(row.name, row.anchor, row.core),
                      cell(Label(then) if then == row.status_then_text else then), cell(Label(row.status_now_text)),
                      cell([plain(Label(row.change_text))]
                           + ([plain(change_note(row.notes, context.words))] if row.notes else []))])
        colours[(number, 2)] = STATUS_COLOURS[row.status_then]
        colours[(number, 3)] = STATUS_COLOURS[row.status_now]
    texts = [[row.indicator_id, name_joined(row.name) + CORE_MARK, Label(row.status_then_text),
              Label(row.status_now_text), (Label(row.change_text), change_note(row.notes, context.words))]
             for row in changes]
    columns = [[Label(header, HEADER), *(line[i] for line in texts)] for i, header in enumerate(headers)]
    return (lines, colours, headers), columns


#: The warning list's fields whose amounts are kept whole where they fit.
WARNING_AMOUNTS = ("name", "status_note", "latest", "target", "gap", "pace", "seen")


def warning_table(context: ReportContext, rows: list) -> tuple[tuple, list[list]]:
    """The warning list's header, rows of cells, alignments and cell colours, and the columns of text its widths are
    fitted to."""
    words = context.words
    right = "AlignRight"
    headers = warning_tables.warning_headers(context)
    lines, colours, department = [], {}, None
    for row in rows:
        if row.department != department:
            department = row.department
            lines.append([cell([strong(warning_tables.department_label(context, rows, department))],
                               col_span=len(headers))])
        lines.append([cell(row.indicator_id), name_cell(row.name, row.anchor, row.core),
                      cell(Label(row.level_text)),
                      cell([plain(Label(row.status_text))]
                           + ([plain(name_joined(row.status_note))] if row.status_note else [])),
                      cell(value_with_year(row.latest, row.latest_year), right),
                      cell(value_with_year(row.target, row.target_year), right), cell(row.gap, right),
                      lines_cell(pace_lines(row.pace, words)),
                      lines_cell((row.seen, row.seen_plan)) if row.seen_plan else cell(row.seen)])
        colours[(len(lines), 2)] = LEVEL_COLOURS[row.level][0]
        colours[(len(lines), 3)] = STATUS_COLOURS[row.status]
    texts = [[row.indicator_id, name_joined(row.name) + CORE_MARK, Label(row.level_text),
              (Label(row.status_text), name_joined(row.status_note)), f"{row.latest}\n{row.latest_year.strip()}",
              f"{row.target}\n{row.target_year.strip()}", row.gap, pace_lines(row.pace, words),
              f"{row.seen}\n{row.seen_plan}" if row.seen_plan else row.seen]
             for row in rows]
    aligns = ["AlignDefault"] * 4 + [right] * 3 + ["AlignDefault", right]  # the growth seen a number, as in HTML
    if not pace_shown(rows):
        headers, lines, texts, aligns, colours = without_column(PACE_COLUMN, headers, lines, texts, aligns,
                                                                colours)
    columns = [[Label(header, HEADER), *(line[i] for line in texts)] for i, header in enumerate(headers)]
    return (headers, lines, aligns, colours), columns


#: cm: what a figure takes on its page beside its picture: the Figure style's 6 points above and below, its line's
#: leading and some slack.
FIGURE_GAP_CM = 0.8


def charts_blocks(document: WordDocument, context: ReportContext, figures: Figures) -> None:
    """The overview charts under their heading, each printed as large as it is drawn: one taller than the room a
    figure leaves on its page (:data:`FIGURE_HEIGHT_CM`) starts a page (the first its heading's), as high as the page
    less a heading (shrunk to the 16 cm, the completion chart printed at 73–81%, its 7 pt type at 5.1–5.6). Where the
    section starts a page, a figure the room left on a page does not hold comes after the next that it holds
    (:func:`packed`): the categories' chart under the completion chart's last part, not on a page of its own after
    the heat map."""
    figures = word_figures(figures)
    parts = []
    for name, last in ((name, chart if name == names[-1] else None) for chart in OVERVIEW_CHARTS
                       for names in [figures.parts(chart)] for name in names):
        data = figures[name]
        tall = data is not None and printed_size(data, max_height_cm=float("inf"))[1] > FIGURE_HEIGHT_CM
        size = {"max_height_cm": TALL_FIGURE_CM} if tall else {}
        height = printed_size(data, **size)[1] if data is not None else 0.0
        parts.append((name, tall, height, figure_blocks(context, figures, name, last, **size)))
    parts = [part for part in parts if part[3]]
    if parts and parts[0][1]:  # on a page of its own, its heading's: the room on each page is known
        parts = packed(parts)
    blocks: list = [header(1, context.words["sections.charts"])]
    for _, tall, _, figure in parts:
        if tall:
            blocks.insert(len(blocks) - (len(blocks) == 1), PAGE_BREAK)
        blocks.extend(figure)
    document.add(*blocks)


def packed(parts: list[tuple]) -> list[tuple]:
    """Figures ``parts`` (name, tall, printed height in cm, blocks) in the order they print on pages that start with
    the first under a heading: each where the room its page leaves holds it (:data:`FIGURE_GAP_CM` beside it), else
    the first later one that the room holds in its place, but for a tall one, which starts a page; a figure's note
    (a few lines) in the room of its lines."""
    pending, out, room = list(parts), [], 0.0
    while pending:
        here = next((part for part in pending if not part[1] and part[2] + FIGURE_GAP_CM <= room), None)
        if here is None:  # the next in order at the head of a page, the first under the section's heading
            here, room = pending[0], TYPE_AREA_CM[1] - (0 if out else HEADING_CM)
        pending.remove(here)
        out.append(here)
        room -= (here[2] or 1.0) + FIGURE_GAP_CM
    return out


def word_figures(figures: Figures) -> Figures:
    """The overview charts and the small multiples as the Word edition prints them: drawn as wide as the type area
    (:data:`FIGURE_WIDTH_IN`), never shrunk to it, and in figures no taller than a page (:data:`FIGURE_PAGE_ROWS`)."""
    return figures.drawn_for(FIGURE_WIDTH_IN, FIGURE_PAGE_ROWS)


def figure_blocks(context: ReportContext, figures: Figures, name: str, chart: str | None = None, **size) -> list:
    """Figure ``name`` of ``figures`` (none when it has nothing to show), or the sentence said in its place where it
    has data for too few series (:func:`~.charts.few_series_note`); after a chart's last part (``chart`` its name),
    the sentence said under it (:func:`~.charts.drawn_note`)."""
    data = figures[name]
    if data is None:
        note = charts.few_series_note(context, name)
        return [para(note)] if note else []
    note = charts.drawn_note(context, chart) if chart else None
    # in the notes' smaller type, as a card's notes: two lines of 五号 under the chart, where the body's 三号 took three
    # and carried the chart with its heading over to the next page (the national report's page 4 left 63% blank)
    return [image(name, data, alt_text(context, name), **size)] + ([styled("Card Notes", [para(note)])] if note else [])


def cards_blocks(document: WordDocument, context: ReportContext, figures: Figures) -> None:
    """The small multiples, the legend of the charts' marks, then the cards under their category, in the order
    of the scorecard."""
    words = context.words
    # on a new page when the small multiples fill more than half of one: a heading left at the foot of the page
    # before is what LibreOffice makes of "keep with next" before so tall a picture (a few fit where they are); as
    # high as the page less its heading then, as it shares its page with nothing before it
    height = {"max_height_cm": TALL_FIGURE_CM}
    printed = word_figures(figures)
    tall = any(printed_size(printed[name], **height)[1] > TYPE_AREA_CM[1] / 2 for name in printed.parts("multiples")
               if printed[name] is not None)
    multiples = [block for name in printed.parts("multiples")
                 for block in figure_blocks(context, printed, name, **(height if tall else {}))]
    document.add(*[PAGE_BREAK] * tall, header(1, words["sections.cards"]), *multiples, legend(words))
    series = {cards.element_id(row): row for row in context.joined().itertuples()}
    # every card's numbers in one type: the largest in which each card's words fit whole (+0.075 个百分点)
    sizes = [card_numbers_fitted(context, card_numbers(context, row))[1] for row in series.values()
             if row.status != "qualitative"]
    points = min((size for size in sizes if size), default=None)
    category = None
    for line in scorecard_rows(context):
        if line.category != category:
            category = line.category
            document.add(header(2, category))
        card_blocks(document, context, figures, series[line.anchor], points)


def legend(words) -> dict:
    """The legend of the cards' marks, in the cards' notes' type (smaller than a card's title, as it explains what
    follows), each of its items kept on one line (never "按实际年均增长推 / 算", nor "—·—" apart from its words)."""
    separator = words["card.legend_separator"]
    items = [joined_throughout(item) for item in words["card.legend"].split(separator)]
    # then what the cards' "distance covered / time elapsed" compares, said where it is first shown
    return styled("Card Notes", [{"t": "Para", "c": [{"t": "Str", "c": separator.join(items)
                                                           + words["card.completion_defined"]}]}])


def card_numbers(context: ReportContext, row) -> list[tuple[str, str]]:
    """A numeric card's status and numbers, as (label, value) rows."""
    return [(context.words["scorecard.headers"][-1], status_text(row, context.words)),
            *cards.card_numbers(context, row)]


def card_numbers_fitted(context: ReportContext, numbers: list[tuple[str, str]], points: float | None = None
                        ) -> tuple[list[float], float | None]:
    """The columns of a card's numbers fitted to its cell (less the cell's margins), in type of ``points`` (None: the
    largest their words fit in whole, the tables' own where they do)."""
    columns = [[Label(text) for text in column] for column in zip(*numbers)]
    width_cm = TYPE_AREA_CM[0] * CARD_COLUMNS[1] - 0.2
    if points:
        return fitted_widths(columns, letters_across(context, points, width_cm),
                             padding=cell_padding(context, points)), points
    return fitted(context, columns, width_cm=width_cm, shorter=False)


def card_blocks(document: WordDocument, context: ReportContext, figures: Figures, row,
                card_points: float | None = None) -> None:
    """A card: its full name, the facts under it with its departments (one paragraph, which a line of facts alone
    and a line of departments ending on a character or two made three lines), its chart, its status and numbers as a
    table (its type ``card_points``, every card's), its notes, its values' sources together (:func:`sources_joined`)."""
    words = context.words
    name = cards.card_name(context, row)
    departments = departments_text(row, words, context.language, plan_outline_of(context))
    facts = [*cards.card_facts(context, row), *([departments] if departments else [])]
    document.add(header(3, f"{row.indicator_id}. {name}", cards.element_id(row)),
                 styled("Card Facts", [para(" · ".join(facts))]))
    status_label = context.words["scorecard.headers"][-1]
    numbers = [(status_label, status_text(row, words))]
    colour = STATUS_COLOURS[row.status]
    notes = sources_joined(cards.card_notes(context, row), words["grammar.list_separator"])
    if row.status == "qualitative":  # its status first, as every card's, then what a qualitative indicator is
        # what a qualitative indicator is, in the notes' type, the row under its status: kept on its page; the table
        # across the type area (no chart beside it), its note on one line, not two in half the width
        note = styled("Card Notes", [para(without_widow(words["card.qualitative"]))])
        if notes:  # kept with its notes; not with the next card's heading, which chained the cards after it
            document.kept_with_next.append(document.tables)
        document.add_table(table([], [*([cell(label), cell(Label(value))] for label, value in numbers),
                                      [cell([note], col_span=2)]], (0.32, 0.68)),
                           {(0, 1): colour}, keep_together=True)
        document.roomy.append(document.tables - 1)
        if notes:
            document.add(styled("Card Notes", [bullets(notes)]))
    else:
        numbers = card_numbers(context, row)
        widths, points = card_numbers_fitted(context, numbers, card_points)
        inner = table([], [[cell(Label(label)), cell(Label(value), "AlignRight")] for label, value in numbers],
                      widths)
        chart = card_chart(context, figures, row)
        # smaller and single-spaced, as the HTML card's, so that cards share a page
        noted = [styled("Card Notes", [bullets(notes)])] if notes else []
        if chart:
            # the chart beside its numbers, as the HTML card shows them: a one-row table without lines, which Word
            # keeps on one page
            document.borderless.append(document.tables)
            document.kept_together.append(document.tables)
            document.shading.append(Shading(document.tables + 1, 0, 1, colour))
            if points:
                document.points[document.tables + 1] = points
            document.tables += 2
            document.add(table([], [[cell(chart), cell([inner])]], CARD_COLUMNS))
        else:  # no value yet, no chart: the numbers alone, as wide as beside a chart, not under an empty cell
            document.add_table(inner, {(0, 1): colour}, keep_together=True, points=points)
        if noted:
            # its notes follow, kept together and (in Word) on the page of its numbers; they flow, so that cards
            # share a page (kept in the card's table, a card and its notes would take most of a page each)
            document.kept_with_next.append(document.tables - (2 if chart else 1))
            document.add(*noted)


def sources_joined(notes: list[str], separator: str) -> list[str]:
    """A card's notes with the sources of its values (a note that starts with the mark its chart shows: ① 2022：…) run
    together in one note, apart by the language's ``separator`` (；), as a short source takes a third of a line: three
    lines of a card's notes in one or two, so that three cards share a page more often. A source whose value's note
    ends a sentence (。) is not followed by another on its line, nor are the other notes joined. A mark is kept with
    the year after it (never "③" at a line's end, "2024：…" under it)."""
    out: list[str] = []
    for note in notes:
        if note[:1] in cards.CIRCLED and note[1:2] == " ":
            note = f"{note[0]}{WORD_JOINER}\u00a0{WORD_JOINER}{note[2:]}"
        if out and note[:1] in cards.CIRCLED and out[-1][:1] in cards.CIRCLED \
                and not out[-1].rstrip().endswith(cards.SENTENCE_ENDS):
            out[-1] += separator + note
        else:
            out.append(note)
    return out


def card_chart(context: ReportContext, figures: Figures, row) -> list:
    """A card's chart (none when the report's has nothing to show), drawn for the Word edition's page: the HTML
    card's, its type and lines :data:`CARD_CHART_SCALE` times larger."""
    if figures[cards.card_id(row)] is None:
        return []
    data = figures.card(cards.card_id(row), CARD_CHART, DPI * CARD_CHART_SCALE)
    return [image(cards.card_id(row), data, charts.card_alt(context, row), max_width_cm=CARD_CHART_CM)]


def method_blocks(document: WordDocument, context: ReportContext) -> None:
    """The heading, and a placeholder for the method note's own blocks (Markdown, read by pandoc), then the table of the
    official status words under their paragraph (:func:`~.words.official_rows`), kept on one page."""
    document.add(header(1, context.words["sections.method"]), {"t": "Div", "c": [[METHOD_NOTE, [], []], []]})
    _, headers, rows = official_rows(context)
    if rows:  # the official words' table, under its paragraph and the sentence that ends the note
        columns = [[Label(header, HEADER), *(row[i] for row in rows)] for i, header in enumerate(headers)]
        widths, points = fitted(context, columns, shorter=False)
        aligns = ["AlignDefault", "AlignDefault", "AlignRight"]
        document.add_table(table(headers, [[cell(text, align) for text, align in zip(row, aligns)] for row in rows],
                                 widths, aligns), keep_together=True, points=points)


def appendix_blocks(document: WordDocument, context: ReportContext) -> None:
    # the appendix's notes (their sources' long web addresses among them) in the notes' smaller type, as its tables
    document.add(header(1, context.words["sections.quality"]), styled("Card Notes", [bullets(data_note(context))]))
    actuals = actuals_table(context)
    for frame in (quality_table(context), actuals):
        if frame.empty:
            continue
        values = [[text_of(value) for value in values] for values in frame.itertuples(index=False)]
        headers = [str(column) for column in frame.columns]

        def built(kept: frozenset, values=values, named=frame is actuals, headers=headers) -> tuple:
            texts = [[held(text, column, kept) for column, text in enumerate(line)] for line in values]
            if named:
                texts = [[unit_held(line[0]), *line[1:]] for line in texts]
            return texts, [[Label(header, HEADER), *(line[i] for line in texts)] for i, header in enumerate(headers)]

        # the indicators' names and the notes at least six characters a line, never two; a finding's kind (基础值取自
        # 统计) whole up to eight
        floors = {0: NAME_FLOOR[1], 4: NAME_FLOOR[1]} if frame is actuals else {0: FINDING_FLOOR}
        # the sources a long table of short cells, in 小五; the findings sentences, in the tables' own type; their
        # amounts whole where they fit
        amounts = sorted({(column, match.group()) for line in values for column, text in enumerate(line)
                          for match in AMOUNT.finditer(text)})
        texts, widths, points = held_amounts(context, built, amounts, floors,
                                             **({"largest": DENSE_LARGEST} if frame is actuals else {"shorter": False}))
        columns = [[Label(header, HEADER), *(line[i] for line in texts)] for i, header in enumerate(headers)]
        rows = [[cell(text) for text in line] for line in texts]
        # a name whose unit would wrap alone (…比重 | （%）) on one line, where a note's column gives the room
        widths = fewer_lines(columns, widths, letters_across(context, points), floors, cell_padding(context, points))
        # a finding or a source runs to many lines: its row may break over two pages, as carried over whole it would
        # leave a page's foot blank; the report's other tables keep each row whole (a status never apart from its name)
        document.add_table(table(headers, rows, widths), points=points, splittable=True)


def unit_held(name: str) -> str:
    """An indicator's name with the unit in brackets after it (…占研发经费比重（%）, R&D intensity (%)) held to the
    name's last word (its last Chinese character): a line that breaks the name carries them over together, never
    the unit alone. An English name's last word and its unit's first (productivity (10,000) when they are longer
    together than :data:`~.pandoc_ast.LONG_WORD` letters are not held: a column narrower than they are broke a word
    in two (SMEs (enterpris | es)), where the unit may as well start the next line."""
    # the name's last character and the unit bound by a word joiner, the unit's own characters kept as a unit is
    # (万元/人 joined at its slash): the name as typed, which Find finds
    held = re.sub(f"(?<=[{HAN}])（[^（）]*）$", lambda match: WORD_JOINER + joined(match.group()), name)
    piece = re.search(r"(\S+) (\([^()\s]*)[^()]*\)$", held)
    if piece and letters_of(f"{piece.group(1)} {piece.group(2)}") > LONG_WORD:
        return held
    return re.sub(r" (?=\([^()]*\)$)", "\u00a0", held)


def text_of(value) -> str:
    """A table value as the HTML tables show it: nothing for a missing one, a whole number without ".0"."""
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def report_document(context: ReportContext, figures: Figures, generated: str = "",
                    inputs_date: str = "") -> tuple[dict, WordDocument]:
    """The whole report as pandoc's JSON AST (a dict), and what to lay on pandoc's output (cell colours, tables
    kept on one page)."""
    document = WordDocument()
    title_blocks(document, context)
    summary_blocks(document, context)
    scorecard_blocks(document, context)
    warnings_blocks(document, context)
    charts_blocks(document, context, figures)
    cards_blocks(document, context, figures)
    method_blocks(document, context)
    appendix_blocks(document, context)
    meta = {"title": {"t": "MetaInlines", "c": document_title_inlines(title(context))},
            "date": {"t": "MetaInlines", "c": inlines(report_dates(context, generated, inputs_date))},
            "lang": {"t": "MetaString", "c": context.words["language.docx_lang"]}}
    return {"pandoc-api-version": PANDOC_API, "meta": meta, "blocks": document.blocks}, document

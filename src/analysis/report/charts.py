"""The report's charts: the overview charts and each card's. Each returns a Figure, or None when it has nothing.

Call :func:`analysis.report.fonts.configure_matplotlib` first: it sets the CJK font, keeps text from
being read as mathtext, and makes a missing glyph an error. Labels come from the report's catalog.
A status is told by its colour and, for a grey print, by its name or a label beside it; legends sit
below the axes, clear of the data and naming only the marks drawn; a value beyond an axis is drawn at
the edge with an arrow and its number. No text is smaller than :data:`PAPER_TEXT` on paper, or than
:data:`PHONE_TEXT` in a chart drawn for a phone (``narrow``); a label wraps rather than being cut, and
never leaves one character alone on its last line.
"""
from __future__ import annotations

import functools
import math
import re

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import patheffects, rc_context, rcParams
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, Formatter, Locator, MaxNLocator, MultipleLocator

from ..assess.assessment import headline_status, plan_start_year
from ..assess.rates import direction_sign
from ..assess.warning_list import SHOWN_IN_STEAD, stage_met_off_course
from ..vocabulary import HELD_EVERY_YEAR, LAGGING, SERIES, STATUSES, STATUSES_BEST_FIRST, target_range
from . import cards
from .context import ReportContext
from .line_breaks import BADGE_BREAK, HAN, KEPT, chinese_words, short_labels
from .numbers import fmt_number, fmt_pct, fmt_signed, is_missing
from .palette import LEVEL_COLOURS, PATH_GREY, STATUS_COLOURS, STATUS_LINES, text_on
from .words import (
    amount,
    join_and,
    level_in_years,
    localized,
    localized_column,
    missed_levels,
    missed_years,
    series_label,
    shown_change,
    shown_status,
    status_text,
    target_year_past,
    year,
)

#: inches: the width of the A4 text column, the overview charts' and the small multiples' (their ``width`` draws them
#: for another page, the Word edition's narrower type area; their ``page_rows``, in figures of so many series)
WIDTH = 7.2
#: inches: an overview chart drawn for a phone (a screen up to 600 px): about 390 px wide, the same type as on paper,
#: so a label reads at 9–10 px where the paper width shrunk to the screen would make it 5 px; row labels wrap.
NARROW_WIDTH = 4.0
NARROW_LEFT = 0.42  # the row labels' share of a narrow chart's width
#: points: the least type of a chart. On paper 7 (the A4 column prints a chart at 97%). On a phone 8.5: a narrow chart
#: is shown :data:`PHONE_PX` wide, so 8.5 points are 10.9 px, whose ink (a Chinese character; a capital and a
#: descender) is some 9 px high, where 6 points were 7.7 px and 5–6 px of ink.
PAPER_TEXT, PHONE_TEXT = 7.0, 8.5
#: points: the least type of the phone's heat map and small multiples, whose words and numbers are what a reader reads
#: in them (a status in every cell, a panel's values): 10 points, 12.9 px on a 390 px phone, where 8.5 read too small.
PHONE_READ_TEXT = 10.0
#: CSS px: how wide a phone (390 px) shows a chart: the screen less the page's margins (report.css: 0.6rem each side).
PHONE_PX = 390 - 2 * 0.6 * 16


def phone_px(points: float, width: float = NARROW_WIDTH) -> float:
    """How high ``points`` of type are, in CSS px, on a phone that shows a figure ``width`` inches wide
    :data:`PHONE_PX` wide."""
    return points / 72 * PHONE_PX / width
CARD_SIZE = (3.4, 2.0)  # inches: a card's chart, beside the card's numbers on an A4 page
COMPLETION_RANGE = (-1.0, 2.0)
#: The completion chart's axis on a phone: −100% to 150%, where −100% to 200% left 49 px of a 390 px screen to every
#: 100% and squeezed the bars near it together; a bar beyond 150% is drawn to the edge, its value written on it with
#: an arrow (one beyond −100% too: a bar from 0% to −100% has room for its words, one to −50% had none).
NARROW_COMPLETION_RANGE = (-1.0, 1.5)
#: inches: a phone's chart with rows taller than this (some 560 px of a 390 px screen, less than it shows at once)
#: repeats its scale at the rows' other end: the completion chart's percentages above them (its 26 rows ran 1,800 px
#: down to the one scale at the foot), the heat map's years under them (1,400 px under the years at the top).
NARROW_TALL_ROWS = 6.0
GROWTH_RANGE = (-40.0, 80.0)


#: The most rows (series) a chart shows on one printed page; a plan with more gets the chart in parts,
#: each a page at most (an A4 page's text column is about 10 inches high).
PAGE_ROWS = {"completion": 32, "growth": 20, "heatmap": 40, "multiples": 25}


def parts(rows: int, chart: str, page_rows: int | None = None) -> int:
    """How many figures a chart of ``rows`` series takes (one at least: the chart says what it has), ``page_rows`` a
    figure (None: :data:`PAGE_ROWS`)."""
    return max(1, -(-rows // (page_rows or PAGE_ROWS[chart])))


def _part(items, chart: str, part: int, page_rows: int | None = None):
    """The rows of figure ``part`` (0-based) of a chart in parts of ``page_rows`` (None: :data:`PAGE_ROWS`)."""
    size = page_rows or PAGE_ROWS[chart]
    return items[part * size:(part + 1) * size]


def _part_title(title: str, chart: str, rows: int, part: int, words, page_rows: int | None = None) -> str:
    count = parts(rows, chart, page_rows)
    return title if count == 1 else words.text("chart.part", title=title, part=part + 1, parts=count)


def _label(row, language: str) -> str:
    return f"{row.indicator_id}. {localized(row, 'short_name', language)}"


def _panel_label(row, words) -> str:
    """A small multiple's title: the series' number and short name, and the unit its unlabelled value axis is in
    (16. Technology contracts traded (100 million yuan), 16. 技术合同成交额（亿元）); none for a rank, whose places
    are its unit, nor where the name says it already (National incubators; Patent applications per 100 R&D
    person-years, never again "(per 100 person-years)"); where the name says what the unit is per, what it counts
    alone (R&D personnel per 10,000 employed (person-years), never "(person-years per 10,000 employed)")."""
    label = _label(row, words.language)
    unit = localized(row, "unit", words.language)
    if row.kind == "rank" or not unit or _says(label, unit):
        return label
    per = re.search(rf"\s{PER_UNIT}$", unit)
    if per and _says(label, per.group().strip()):
        unit = unit[:per.start()]
    return label + words.text("quantity.label", unit=unit)


#: What an English unit is per, at its end (person-years per 10,000 employed): "per" and the words after it.
PER_UNIT = r"per [^()]+"


def _says(name: str, unit: str) -> bool:
    """Whether ``name`` says ``unit`` already: the unit within it, or each of the unit's words in it in turn (per
    100 person-years in "Patent applications per 100 R&D person-years"). A unit of one word, or of Chinese characters,
    only where the name ends with it (National incubators: incubators): 家 in 国家级科技孵化机构, 人 in 研发人员数 or
    高层次人才数 are part of other words, and the panel gives its unit (（家）, （人）)."""
    if (name.casefold().endswith(unit.casefold()) if " " not in unit.strip() else unit.casefold() in name.casefold()):
        return True
    names = iter(name.casefold().split())
    return " " in unit and all(word in names for word in unit.casefold().split())


LEGEND_ROW = 0.2   # inches a row of the legend takes
TITLE = 0.42      # inches above the axes for the title
TITLE_LINE = 0.2  # inches each further line of a wrapped title takes
X_LABEL = 0.5     # inches below the axes for the tick labels and the axis label
LABEL_LINE = 0.16  # inches each further line of a wrapped axis label takes (LABEL_SPACING apart)


def _figure(rows: int, row_height: float, legend: float, left: float = 0.36, right: float = 0.88,
            width: float = WIDTH, title_lines: int = 1, label_lines: int = 1) -> tuple[Figure, object]:
    """A figure whose axes hold ``rows`` rows and leave room, in inches, for a title of ``title_lines`` above,
    the axis label of ``label_lines`` below and a legend ``legend`` inches high at the bottom (legends never sit
    on the data)."""
    bottom = X_LABEL + LABEL_LINE * (label_lines - 1) + legend + 0.1
    top = TITLE + TITLE_LINE * (title_lines - 1)
    height = rows * row_height + top + bottom
    figure = Figure(figsize=(width, height))
    ax = figure.add_axes((left, bottom / height, right - left, rows * row_height / height))
    return figure, ax


def _text_inches(text: str, size: float) -> float:
    """How wide ``text`` is drawn at ``size`` points in the report's fonts (as :func:`configure_matplotlib` set them),
    in inches: measured by matplotlib's own text layout, the widest line of a text on several."""
    return max((_line_points(line, size, tuple(rcParams["font.sans-serif"])) for line in str(text).split("\n")),
               default=0.0) / 72


@functools.lru_cache(maxsize=8192)
def _line_points(line: str, size: float, families: tuple[str, ...]) -> float:
    if not line:
        return 0.0
    width, _, _ = _MEASURE.get_text_width_height_descent(line, FontProperties(family=list(families), size=size),
                                                         ismath=False)
    return width * 72 / MEASURE_DPI


#: The resolution text is measured at: the figures' (analysis.report.figures.DPI), since the glyphs' hinting makes
#: a text some 8% wider at 150 dpi than at 72.
MEASURE_DPI = 150
_MEASURE = RendererAgg(10, 10, MEASURE_DPI)
#: A CJK ideograph, and the CJK punctuation that never starts a line (closing) or ends one (opening).
_CJK = f"{HAN}\u3040-\u30ff"
_CLOSING = "）］｝】〕》〉」』”’，。、：；！？％…·"
_OPENING = "（［｛【〔《〈「『“‘"
_TOKEN = re.compile(rf"(?P<space>\s+)|(?P<cjk>[{_CJK}])|(?P<close>[{_CLOSING}])|(?P<open>[{_OPENING}])"
                    rf"|(?P<latin>[^\s{_CJK}{_CLOSING}{_OPENING}]+)")
#: Inside a Latin word a line may break only after a hyphen between letters (super-|deduction).
_HYPHEN = re.compile(r"(?<=[A-Za-z]{2}-)(?=[A-Za-z]{2})")


@functools.cache
def _kept_whole() -> re.Pattern:
    """What a chart's label never breaks inside: a number with its unit or a range (:data:`line_breaks.KEPT`), and
    the catalogs' short labels (未达标, 需加快)."""
    labels = "|".join(re.escape(label) for label in short_labels())
    kept = rf"{UNIT_IN_BRACKETS}|{KEPT.pattern}"
    return re.compile(rf"{kept}|(?<![A-Za-z])(?:{labels})(?![A-Za-z])" if labels else kept)


#: A short unit in full-width brackets (（万元/人）, （家/万人）, （%）): one piece, never （万元/ | 人）.
UNIT_IN_BRACKETS = r"（[^（）\s]{1,8}）"


def _pieces(text: str) -> list[tuple[str, str]]:
    """``text`` as the pieces a line may break between, each with what stands before it (a space or nothing): a
    Latin word whole (a hyphenated one also after its hyphen), a number with its unit or a short label whole, a
    Chinese word whole (营收, 科技园区: :func:`line_breaks.chinese_words`), any other Chinese character alone; a
    closing mark with what it closes, an opening one with what follows it."""
    tokens: list[tuple[str, str]] = []  # (kind, text)
    last = 0
    spans = [(*match.span(), "kept") for match in _kept_whole().finditer(text)]
    # a Chinese word breaks from what stands beside it as a Chinese character does
    spans += [(*span, "cjk") for span in chinese_words(text)
              if not any(start < span[1] and span[0] < end for start, end, _ in spans)]
    for kept in [*sorted(spans), None]:
        end = kept[0] if kept else len(text)
        for match in _TOKEN.finditer(text, last, end):
            if match.lastgroup == "latin":
                parts = _HYPHEN.split(match.group())
                tokens += [("latin", part) if i == 0 else ("hyphen", part) for i, part in enumerate(parts)]
            else:
                tokens.append((match.lastgroup, match.group()))
        if kept:
            tokens.append((kept[2], text[kept[0]:kept[1]]))
            last = kept[1]
    pieces: list[tuple[str, str]] = []
    before, previous = "", None
    for kind, token in tokens:
        if kind == "space":
            before = " " if pieces else ""
            previous = None
            continue
        glued = pieces and not before and (kind == "close" or previous == "open" or (
            kind not in ("cjk", "open", "hyphen") and previous not in ("cjk", "close")))
        if glued:
            pieces[-1] = (pieces[-1][0] + token, pieces[-1][1])
        else:
            pieces.append((token, before))
        before, previous = "", kind
    # a name's last character alone before its unit in brackets or at its end joins the word before it (企业 | 数
    # → 企业数 | （家/万人）): never 企业 | 数（家/万人）, which reads as a word broken
    for i in range(len(pieces) - 1, 0, -1):
        piece, before = pieces[i]
        ends = i + 1 == len(pieces) or pieces[i + 1][0].startswith(tuple(_OPENING)) and not pieces[i + 1][1]
        if re.fullmatch(f"[{HAN}]", piece) and not before and ends and re.search(f"[{HAN}]$", pieces[i - 1][0]):
            pieces[i - 1: i + 1] = [(pieces[i - 1][0] + piece, pieces[i - 1][1])]
    return pieces


#: A unit in brackets, as a chart's title ends (（%）, （万元/人）, (100 million yuan)).
UNIT_ALONE = re.compile(r"（[^（）()]{1,12}）")
#: A panel title's unit in brackets at its end: "6. Labour productivity (10,000 yuan per worker)", "6. 全员劳动生产率
#: （万元/人）"; a Latin one after a space, a full-width one straight after the name.
TITLE_UNIT = re.compile(r"(?P<name>.*\S)(?:(?P<space>\s+)(?P<latin>\([^()]{1,40}\))|(?P<cjk>（[^（）]{1,12}）))")


def _title_with_unit(text: str, inches: float, size: float, lines: int = 4) -> str:
    """A panel's title on lines at most ``inches`` wide, its unit in brackets whole on the name's last line or a line
    of its own ("1. R&D personnel" / "(persons)", never "1. R&D" / "personnel (persons)" nor "(10,000 yuan per" /
    "worker)"; "6. 全员劳动生产率" / "（万元/人）", never "6. 全员" / "劳动生产率（万元/人）"): the name broken
    only where it is wider than a line, between its words, the unit never taking a word of the name down with it."""
    match = TITLE_UNIT.fullmatch(text)
    if match is None or _text_inches(text, size) <= inches:
        return _wrap(text, inches, size, lines=lines)
    head = _wrap(match["name"], inches, size, lines=lines - 1).split("\n")
    unit, space = match["latin"] or match["cjk"], " " if match["latin"] else ""
    if _text_inches(f"{head[-1]}{space}{unit}", size) <= inches:
        head[-1] = f"{head[-1]}{space}{unit}"
    elif _text_inches(unit, size) <= inches:
        head.append(unit)
    else:
        head += _wrap(unit, inches, size, lines=2).split("\n")
    return "\n".join(head[:lines])


def _wrap(text, inches: float, size: float, lines: int = 2) -> str:
    """``text`` on lines at most ``inches`` wide at ``size`` points, at most ``lines`` of them, the last cut with …
    if it still does not fit. A line breaks at a space, between two Chinese characters, or after a hyphen inside a
    word; never inside a Latin word, a number with its unit or a short label (a piece wider than a line stands
    alone on one); never so that one character stands alone on the last line (天数比|例 → 天数|比例)."""
    text = str(text)
    if _text_inches(text, size) <= inches or "\n" in text:
        return text
    rows: list[list[tuple[str, str]]] = [[]]  # each line's pieces, each with what stood before it
    for piece, before in _pieces(text):
        if rows[-1] and _text_inches(_joined([*rows[-1], (piece, before)]), size) > inches:
            rows.append([])
        rows[-1].append((piece, before))
    # an orphan: the last line's one character takes the piece before it along, when both fit and the line above
    # keeps two characters at least
    while len(rows) > 1 and len(_joined(rows[-1]).strip()) == 1 and len(rows[-2]) > 1 \
            and len(_joined(rows[-2][:-1]).strip()) >= 2 \
            and _text_inches(_joined([rows[-2][-1], *rows[-1]]), size) <= inches:
        rows[-1].insert(0, rows[-2].pop())
    # a unit in brackets alone on the last line ("（%）" under "R&D经费投入强度") takes the name's last word along
    # ("强度（%）"), two characters at least (企业数（家/万人）, never 数（家/万人）), when they fit and the line
    # above keeps two characters at least
    if len(rows) > 1 and len(rows[-1]) == 1 and UNIT_ALONE.fullmatch(rows[-1][0][0]):
        taken = 0
        while taken < len(rows[-2]) - 1 and len(_joined(rows[-2][len(rows[-2]) - taken - 1:]).strip()) < 2:
            taken += 1
        moved = rows[-2][len(rows[-2]) - taken - 1:]
        kept = rows[-2][:len(rows[-2]) - taken - 1]
        if kept and len(_joined(kept).strip()) >= 2 and _text_inches(_joined([*moved, *rows[-1]]), size) <= inches:
            rows[-2:] = [kept, [*moved, *rows[-1]]]
    shown = [_joined(row) for row in rows]
    if len(shown) > lines:
        last = shown[lines - 1]
        while last and _text_inches(last + "…", size) > inches:
            last = last[:-1]
        shown = shown[:lines - 1] + [last.rstrip() + "…"]
    return "\n".join(shown)


def _wrap_items(items: list[str], separator: str, inches: float, size: float, lines: int = 2) -> str:
    """``items`` joined by ``separator`` on lines at most ``inches`` wide at ``size`` points, a line breaking only
    between two items (after the separator's mark), each item whole on one line (a key's "偏离＝偏离目标",
    never 偏 | 离目标); an item wider than a line alone on lines of its own (:func:`_wrap`); at most ``lines``."""
    rows: list[str] = []
    for item in items:
        joined = rows[-1] + separator + item if rows else item
        if rows and _text_inches(joined, size) <= inches:
            rows[-1] = joined
        else:
            if rows:
                rows[-1] += separator.rstrip()
            rows.extend(_wrap(item, inches, size, lines=lines).split("\n"))
    if len(rows) > lines:
        rows = rows[:lines - 1] + [_wrap(" ".join(rows[lines - 1:]), inches, size, lines=1)]
    return "\n".join(rows)


def _joined(pieces: list[tuple[str, str]]) -> str:
    """A line of ``pieces`` (each with what stood before it: a space or nothing), from its first piece."""
    return "".join(piece if i == 0 else before + piece for i, (piece, before) in enumerate(pieces))


#: A legend's type size on paper (a phone's is :data:`PHONE_TEXT`), and in inches its handle with the gap to the text,
#: and the gap between two columns.
LEGEND_SIZE, LEGEND_HANDLE, LEGEND_GAP = PAPER_TEXT, 0.3, 0.22


def _legend_size(narrow: bool) -> float:
    return PHONE_TEXT if narrow else LEGEND_SIZE


def _fit_legend(handles: list, width: float, columns: int = 4, size: float = LEGEND_SIZE) -> tuple[int, float]:
    """The most columns, up to ``columns``, that a legend of ``handles`` below a figure ``width`` inches wide
    takes, and its height in inches; on one column a label too wide for the figure is wrapped (its handle's label
    is changed)."""
    room, count = width - 0.2, 1
    widest = max((_text_inches(handle.get_label(), size) for handle in handles), default=0.0)
    for count in range(min(columns, len(handles)), 0, -1):
        if count * (LEGEND_HANDLE + widest + LEGEND_GAP) - LEGEND_GAP <= room:
            break
    if count == 1:
        for handle in handles:
            handle.set_label(_wrap(handle.get_label(), room - LEGEND_HANDLE, size, lines=3))
    lines = [handle.get_label().count("\n") + 1 for handle in handles]
    return count, _legend_height([max(lines[start:start + count]) for start in range(0, len(lines), count)], size)


def _legend_height(rows: list[int], size: float = LEGEND_SIZE) -> float:
    """The height in inches of a legend whose rows have ``rows`` lines each: matplotlib's legend has 0.4 em of
    padding above and below, 0.5 em between rows, a line 1.2 em high."""
    return size * (0.8 + 1.2 * sum(rows) + 0.5 * (len(rows) - 1)) / 72 + 0.05


def _legend_below(figure: Figure, ax, handles, columns: int = 4, size: float = LEGEND_SIZE,
                  above: float = 0.0) -> None:
    """The legend at the bottom of ``figure``, ``above`` inches higher (over a note below it)."""
    figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.02 + above / figure.get_figheight()),
                  ncol=columns, fontsize=size, frameon=False)


def _status_word(status: str, words, assessment: pd.DataFrame | None = None) -> str:
    """A status's name in a chart's legend, with the shown statuses its colour also stands for
    (:data:`~.words.SHOWN_IN_STEAD`): 已达阶段目标 where every series achieved in ``assessment`` met a stage target, the
    names of all shown where they differ ("Achieved / Stage target met")."""
    if status in SHOWN_IN_STEAD and assessment is not None:
        present = {shown_status(row) for row in assessment.itertuples() if row.status == status}
        names = [words.status(shown) for shown in (status, *(other for other, _ in SHOWN_IN_STEAD[status]))
                 if shown in present]
        if names:
            return functools.reduce(lambda first, second: words.text("chart.either_status", first=first,
                                                                     second=second), names)
    return words.status(status)


def _status_handles(statuses, words, assessment: pd.DataFrame | None = None) -> list:
    present = [s for s in STATUSES_BEST_FIRST if s in set(statuses)]
    return [Patch(color=STATUS_COLOURS[s], label=_status_word(s, words, assessment)) for s in present]


def _status_line_handles(statuses, words, assessment: pd.DataFrame | None = None) -> list:
    """The legend of a chart whose statuses are lines: each a line with its marker, in the colour it is drawn in."""
    present = [s for s in STATUSES_BEST_FIRST if s in set(statuses)]
    return [Line2D([], [], color=STATUS_LINES[s], linewidth=1.6, marker="o", markersize=2.5,
                   label=_status_word(s, words, assessment)) for s in present]


#: The kinds of series counted in whole units: a count (firms, patents, incubators) and a rank (a place).
WHOLE_KINDS = ("count", "rank")


class FewestDecimals(Formatter):
    """Tick labels as the report writes its numbers: trailing zeros dropped (2.85, 2.7, 2.55, 2.4; 3; 90, never 2.70,
    3.00 or 90.0: the method note's "1.50 is written 1.5"), a locator's floating-point noise rounded off at the
    decimals the axis's ticks need (0.30000000000000004 is 0.3), without an offset or a power of ten; thousands
    grouped as the text groups them (24,800); a minus is the text's (−)."""

    def __call__(self, value, pos=None) -> str:
        return self.format_ticks([value])[0]

    def format_ticks(self, values) -> list[str]:
        values = [float(v) for v in values]
        decimals = next((d for d in range(7) if all(abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in values)),
                        6)
        return [_no_trailing_zeros(f"{round(v, decimals) + 0.0:,.{decimals}f}").replace("-", "−") for v in values]


def _no_trailing_zeros(text: str) -> str:
    """``text`` (a number) without the zeros that end its decimals, nor a point left alone: 2.70 → 2.7, 3.00 → 3,
    −0.0 → 0."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


#: The steps a value axis's ticks go in, times a power of ten: 2.4, 2.6, 2.8 or 54, 55, 56; never matplotlib's 1.5,
#: 3, 4, 6 or 8 as well (2.4, 2.55, 2.7, 2.85; 54.4, 55.2, 56), which a reader cannot count along.
NICE_STEPS = (1, 2, 2.5, 5, 10)


def _value_axis(axis, kind: str, bins: int) -> None:
    """An axis of a series' values: at most ``bins`` intervals, whole numbers only for a count or a rank (never 2.5
    incubators, never 4.75th place: one whole tick rather than fractions when the axis spans less than 2), in steps of
    :data:`NICE_STEPS`, each label without trailing zeros (:class:`FewestDecimals`)."""
    whole = kind in WHOLE_KINDS
    axis.set_major_locator(MaxNLocator(bins, integer=whole, min_n_ticks=1 if whole else 2, steps=NICE_STEPS))
    axis.set_major_formatter(FewestDecimals())


#: The least a value axis spans, as a share of the largest value it shows: the national plan's 55.3 beside its target
#: of 55 (its card's one value) on an axis of 55.0–55.3 looked as far apart as 2.4 from 2.85 on another card; on one
#: of 5% of 55.3 (53.8–56.5) they stand 0.3 apart as they are. A rank is left as it is: a place is no share of another.
LEAST_SPAN = 0.05


def _least_span(ax, kind: str) -> None:
    """The value axis of ``ax`` widened about its middle to :data:`LEAST_SPAN` of the largest value it shows where
    it spans less (a small difference never drawn as a large one); a share's axis kept within 100% where it was."""
    if kind == "rank":
        return
    ax.autoscale_view()
    start, end = ax.get_ylim()
    low, high = sorted((start, end))
    least = LEAST_SPAN * max(abs(low), abs(high))
    if high - low >= least:
        return
    middle = (low + high) / 2
    wide_low, wide_high = middle - least / 2, middle + least / 2
    if kind == "share" and wide_high > max(100.0, high):  # 99.8 against 100: never up to 102.3%
        wide_low, wide_high = wide_low - (wide_high - max(100.0, high)), max(100.0, high)
    ax.set_ylim((wide_high, wide_low) if start > end else (wide_low, wide_high))


class _AtLeast(Locator):
    """The ticks of ``locator`` from ``low`` up."""

    def __init__(self, locator: Locator, low: float):
        self.locator, self.low = locator, low

    def set_axis(self, axis):
        super().set_axis(axis)
        self.locator.set_axis(axis)

    def __call__(self):
        return [tick for tick in self.locator() if tick >= self.low - 1e-9]


def _title_from_edge(ax, title: str, left: float, width: float, size: float = 11) -> None:
    """``title`` above ``ax``, from the figure's left edge (the title as wide as the figure, not as the axes)."""
    inches = ax.get_position().width * width
    ax.set_title(title, fontsize=size, loc="left", x=(0.1 - left * width) / inches)


def _fit_ticks(axis, inches: float, labels: list[str], size: float, low: float | None = None) -> None:
    """At most as many major ticks on ``axis`` (``inches`` long) as its widest label of ``labels`` at ``size`` points
    leaves room for, a label's width apart and more (a phone's narrow axis); none below ``low`` if given (the
    completion chart's −100% gives way to 0%, 100% and 200% on a phone)."""
    start, end = sorted(axis.get_view_interval())
    least = (max(_text_inches(label, size) for label in labels) + 0.12) * (end - start) / inches  # in data units
    power = 10.0 ** math.floor(math.log10(least))
    step = next(power * nice for nice in (1, 2, 2.5, 5, 10) if power * nice >= least - 1e-12)
    locator = MultipleLocator(step)
    axis.set_major_locator(locator if low is None else _AtLeast(locator, low))


def _edge_mark(ax, y: float, value: float, low: float, high: float, text: str, colour: str = "#111",
               room: float | None = None, size: float = PAPER_TEXT) -> None:
    """A value beyond the axis: an arrow at the edge and the value itself at ``size`` points, in ``colour`` (the text
    colour of the bar it is written on, if any), the arrow above the number when the bar is shorter than ``room``
    inches would need on one line (a phone's narrow axis: the text stays on its bar, never smaller than the least
    type); a minus sign is the text's (−), not a hyphen."""
    value = round(float(value), 9)  # −1.0000000000000022 is −100%, on the axis's end: no arrow past it
    if low <= value <= high:
        return
    arrow = "▶" if value > high else "◀"
    text = f"{arrow} {text}".replace("-", "−")
    if room is not None and _text_inches(text, size) > room - 0.04:
        text = text.replace(" ", "\n", 1)
    if value > high:
        ax.annotate(text, (high, y), xytext=(-2, 0), textcoords="offset points", ha="right", va="center",
                    multialignment="center", fontsize=size, color=colour)
    elif value < low:
        ax.annotate(text, (low, y), xytext=(2, 0), textcoords="offset points", ha="left", va="center",
                    multialignment="center", fontsize=size, color=colour)


#: Points between a bar's value and the end of its bar, the time-elapsed mark or the frame.
VALUE_PAD = 2.0


def _bar_value(ax, y: float, value: float, limits: tuple[float, float], colour: str, inches: float, size: float,
               elapsed: float = float("nan")) -> None:
    """A bar's value written at its end, for a value on the axis (one beyond it has its arrow: :func:`_edge_mark`):
    inside the bar where it fits there, in the bar's text colour, else beyond its end on white, else beyond the
    time-elapsed mark; never over that mark, nor past the frame. A bar on the axis's end (150%, −100%) or of no length
    (0%) shows its value as any other: it was the one bar a reader could not read off the chart."""
    low, high = limits
    value = round(float(value), 9)  # −1.0000000000000022 is −100%, on the axis's end
    if not low <= value <= high:
        return
    text = f"{value:.0%}".replace("-", "−")
    per_point = (high - low + 0.1) / inches / 72  # data units a point
    width, pad = _text_inches(text, size) * 72 * per_point, VALUE_PAD * per_point
    sign = -1 if value < 0 else 1
    mark = [] if is_missing(elapsed) else [(elapsed - 1.4 * per_point, elapsed + 1.4 * per_point)]

    def span(start: float) -> tuple[float, float]:  # the text's extent, from ``start`` in the direction of ``sign``
        return (start, start + sign * width) if sign > 0 else (start - width, start)

    def free(start: float, on_bar: bool) -> bool:
        a, b = span(start)
        bar = sorted((0.0, value))
        within = bar[0] <= a and b <= bar[1] if on_bar else (b <= bar[0] or a >= bar[1])
        return (within and low - 0.05 + pad <= a and b <= high + 0.05 - pad
                and all(b + pad <= m0 or a - pad >= m1 for m0, m1 in mark))

    inside = value - sign * (pad + width)
    # at the bar's end inside it, else inside it short of the mark, else beyond the bar, else beyond the mark; where
    # none is free (a bar just past the mark near the frame's end), inside at its end, over the mark
    places = [(inside, True), *((m0 - pad - width if sign > 0 else m1 + pad + width, True) for m0, m1 in mark),
              (value + sign * pad, False), *((m1 + pad if sign > 0 else m0 - pad, False) for m0, m1 in mark)]
    start, on_bar = next(((x, bar) for x, bar in places if free(x, bar)), places[0])
    ax.annotate(text, (start, y), ha="left" if sign > 0 else "right", va="center", fontsize=size,
                color=text_on(colour) if on_bar else "#111", zorder=4)


#: A status written beside its bar: a badge in the status colour, as in the scorecard (a light colour's text on
#: white would not read).
BADGE = {"boxstyle": "round,pad=0.25", "linewidth": 0}
#: inches: a badge's longest line on a phone (longer status words wrap), and the row labels' share of the width
NARROW_BADGE, NARROW_COMPLETION_LEFT = 0.75, 0.36


#: An amber warning's edge on a bar of another status's colour, its width in points; the pale ground of a diamond's row.
AMBER_EDGE, AMBER_LINE, LEVEL_GROUND = LEVEL_COLOURS["amber"][0], 1.8, "#f1f1f1"
#: A label of several lines apart, in ems: at matplotlib's 1.2 a Chinese line's ink touched the next's.
LABEL_SPACING = 1.4


def completion_rows(context: ReportContext) -> pd.DataFrame:
    """The series the completion chart shows, in the scorecard's order."""
    table = context.joined()
    return table[table["status"] != "qualitative"]


#: Lines a status's badge takes at most on a phone: a longer status is written in its brief words there (the legend
#: below names it in full in the same colour).
NARROW_BADGE_LINES = 3


def _phone_badge(status: str, words, size: float) -> str:
    """A status's badge on a phone, :data:`NARROW_BADGE` wide: its words whole on up to :data:`NARROW_BADGE_LINES`
    lines, or its brief words ("Moderate progress (needs to accelerate)" on four lines is "Moderate | progress"; the
    legend names it in full), never cut with "…"."""
    full = _badge_text(words.status(status), NARROW_BADGE, size)
    if full.count("\n") < NARROW_BADGE_LINES:
        return full
    return _badge_text(words[f"status_brief.{status}"], NARROW_BADGE, size)


def _badge_text(text: str, inches: float, size: float) -> str:
    """A status's words on a badge whose lines are at most ``inches`` wide, every word of it on as many lines as it
    takes (never cut with "…"): Chinese breaks only after a comma or 但 (已达标但|有回落风险, as the HTML's badges,
    never 回落风|险), a language with spaces between its words."""
    if not re.search(f"[{HAN}]", text):
        return _wrap(text, inches, size, lines=len(text))
    lines: list[str] = []
    for piece in (piece for piece in BADGE_BREAK.split(text) if piece):
        if lines and _text_inches(lines[-1] + piece, size) <= inches:
            lines[-1] += piece
        else:
            lines.append(piece)
    return "\n".join(lines)


#: Why a series is drawn as a diamond (the latest value as a share of its target) rather than as a bar, in the order
#: the legend names them: a level or a yearly floor held every year, no base value, a baseline that meets the target.
LEVEL_CASES = ("held", "no_base", "maintain")


def _level_case(row) -> str:
    """Why ``row`` has no completion (no distance from its baseline to its target to cover): one of
    :data:`LEVEL_CASES`."""
    if row.method == "annual_floor" or row.direction in HELD_EVERY_YEAR:
        return "held"
    return "no_base" if is_missing(row.base_value) else "maintain"


def _level_rule(row, words) -> str:
    """What is written beside a diamond: the level held every year as the scorecard writes it (每年≥90%, 每年≥5%: one
    form for a level and a floor), else why there is no distance to cover (无基础值, 基础值已达标)."""
    case = _level_case(row)
    # with the years it is held in where the targets set more than one level (2024—2025年每年≥60亿元)
    if case == "held" and row.method == "annual_floor":
        return (level_in_years(row, words, f"{row.target_value:g}%")
                or words.text("pace.floor", target=f"{row.target_value:g}"))
    if case == "held":
        target = amount(row, fmt_number(row.target_value), words)
        return level_in_years(row, words, target) or words.text(f"pace.hold_{row.direction}", target=target)
    return words["chart.no_base" if case == "no_base" else "chart.maintain"]


def _year_missed(row, words, key: str, when: int) -> str:
    """What follows the level beside a diamond of a year missed (``key``: with brackets or without): the year
    ("（2022年未达到）"), with the level it missed where that differs from the level written (2022's 90 beside a 2024
    level of 92: "（2022年未达到 90%）"), never read as short of the level written."""
    level = dict(missed_levels(row)).get(str(when), math.nan)
    if is_missing(level) or math.isclose(level, row.target_value):
        return words.text(key, year=year(when))
    form = {"higher": "at_least", "lower": "at_most"}.get(row.direction, row.direction)
    return words.text(f"{key}_level", missed=words.text(f"pace.missed_level_{form}", year=year(when),
                                                         level=amount(row, fmt_number(level), words)))


def _completion_mark(row) -> tuple[str, float] | None:
    """How the completion chart draws ``row``: ``("bar", completion)``, ``("level", latest ÷ target)`` (a diamond,
    the share turned over for a series where lower is better), or None (nothing to draw: no value yet, or no
    verdict: the printed baselines alone once the target year has come, their distance covered none of the plan's)."""
    if row.status == "insufficient_data":
        return None
    if not is_missing(row.completion):
        return "bar", float(row.completion)
    if not is_missing(row.latest_value) and row.target_value:
        return "level", float(row.latest_value / row.target_value if row.direction not in ("lower", "at_most")
                              else row.target_value / row.latest_value)
    return None


def _worst_year(context: ReportContext, row, mark):
    """A level to hold every year missed in an earlier year: its diamond at that year's share of the target, with the
    year (``("level", 0.92, 2023)``: 4.6 against 5), not the latest year's, which meets it beside "not achieved";
    any other mark as it is."""
    if not mark or mark[0] != "level":
        return mark
    missed = cards.missed_gap(context, row)
    if not missed:
        # missed in the latest year itself (18 at the mid-term: 4.6 in 2023 against 5): its diamond is that year's,
        # and says the year missed, as the report's other rows of its kind do
        latest = None if is_missing(row.as_of_year) else str(int(row.as_of_year))
        return (*mark, int(latest)) if latest and latest in missed_years(row) else mark
    gap, missed_year = missed
    # against the level of that year (89 against 2023's 90, beside a 2024 level of 92)
    level = dict(missed_levels(row)).get(missed_year, math.nan)
    level = row.target_value if is_missing(level) else level
    value = level - direction_sign(row.direction) * gap
    share = value / level if row.direction not in ("lower", "at_most") else level / value
    return "level", float(share), int(missed_year)


def _as_of_label(label: str, as_of: float, words, room: tuple[float, float], lines: int = 2) -> str:
    """A row's label with the year its value is of (…比重（2023年数值）), the year on a line of its own when the two
    do not fit the ``room`` (inches, points) on one."""
    aside = words.text("chart.label_as_of", label="", year=year(as_of)).strip()
    one = words.text("chart.label_as_of", label=label, year=year(as_of))
    return one if _text_inches(one, room[1]) <= room[0] else f"{_wrap(label, *room, lines=lines)}\n{aside}"


#: The fewest series with data a chart is drawn for: one bar among 24 grey rows "insufficient data" (the Weihai
#: data's 2024 completion chart) shows nothing a sentence does not say better (:func:`few_series_note`).
FEWEST_SERIES = 2


def _completion_drawn(context: ReportContext) -> list[tuple]:
    """The completion chart's series with something to draw, each with its mark (:func:`_worst_year`)."""
    every = completion_rows(context)
    marks = [(row, _worst_year(context, row, _completion_mark(row))) for row in every.itertuples()]
    return [(row, mark) for row, mark in marks if mark]


def drawn_note(context: ReportContext, chart: str) -> str | None:
    """The sentence under a drawn chart (after its last part): under the completion chart, what its bars measure,
    the distance covered, which is not the scorecard's completion rate (R&D intensity 77% of the way from 2.36 to 2.8,
    yet 2.7 ÷ 2.8 = 96.4% of the target); None under another."""
    return context.words["chart.completion_reading"] if chart == "completion" else None


def few_series_note(context: ReportContext, chart: str) -> str | None:
    """The sentence a chart with data for fewer than :data:`FEWEST_SERIES` of its series gives in its place (the
    completion chart: the one series, its distance covered or its value as a share of the target, and its status);
    None where the chart is drawn, or has no series to show."""
    if chart != "completion":
        return None
    every, words = completion_rows(context), context.words
    drawn = _completion_drawn(context)
    if every.empty or len(drawn) >= FEWEST_SERIES:
        return None
    title = words["chart.completion"]
    if not drawn:
        return words.text("chart.few_series_none", title=title, total=len(every))
    row, mark = drawn[0]
    series = words.text(f"chart.few_series_{mark[0]}", label=_label(row, context.language),
                        value=f"{mark[1]:.0%}", status=words.status(shown_status(row)))
    return words.text("chart.few_series_one", title=title, total=len(every), series=series,
                      others=len(every) - 1)


def completion_chart(context: ReportContext, part: int = 0, narrow: bool = False,
                     width: float = WIDTH, page_rows: int | None = None) -> Figure | None:
    """How far each series has come: the share of the distance from its baseline to its target covered
    (增量完成比例) against the share of the time elapsed (同期序时进度); for a series without that distance (a target
    held every year, no base value, a baseline that meets its target), the latest value as a share of the target (a
    diamond, its rule beside it). The legend names only the marks drawn. Figure ``part`` of a plan with more series
    than a page holds (None where fewer than :data:`FEWEST_SERIES` have data: a sentence says what it would show);
    ``narrow``: drawn for a phone (the least type :data:`PHONE_TEXT`, labels and badges on up to
    three lines and rows as tall as they need, fewer ticks, the title and the legend wrapped to the width)."""
    words, language = context.words, context.language
    text = words["chart"]
    every = completion_rows(context)
    if every.empty or few_series_note(context, "completion"):
        return None
    table = _part(every, "completion", part, page_rows).iloc[::-1]
    low, high = NARROW_COMPLETION_RANGE if narrow else COMPLETION_RANGE
    size = PHONE_TEXT if narrow else PAPER_TEXT  # the least type: badges, rules, values at the edge
    marks = [_worst_year(context, row, _completion_mark(row)) for row in table.itertuples()]
    timed = any(mark and mark[0] == "bar" and not is_missing(row.time_elapsed)
                for mark, row in zip(marks, table.itertuples()))
    cases = {_level_case(row) for mark, row in zip(marks, table.itertuples()) if mark and mark[0] == "level"}
    handles = _status_handles(table["status"], words, context.assessment)
    if timed:
        handles.append(Line2D([], [], color="#111", marker="|", linestyle="", markersize=9, label=text["time"]))
    if cases:
        # a level held every year is drawn at its worst year missed, if any (:func:`_worst_year`): said so
        kinds = [text["level_held_worst" if case == "held" else f"level_{case}"] for case in LEVEL_CASES
                 if case in cases]
        label = words.text("chart.level", cases=join_and(words, kinds))
        handles.append(Line2D([], [], color="#555", marker="D", linestyle="", markersize=5, label=label))
    # a stage target met at a pace short of the next target is on the warning list (amber) in achieved's green: its
    # bar edged in amber and its badge marked, the mark keyed below, never read as a plain "met"
    amber = {row.Index for mark, row in zip(marks, table.itertuples())
             if mark and mark[0] == "bar" and stage_met_off_course(row)}
    amber_mark = text["amber_mark"]
    if amber:
        handles.append(Patch(facecolor=STATUS_COLOURS["achieved"], edgecolor=AMBER_EDGE, linewidth=AMBER_LINE,
                             label=words.text("chart.amber_key", mark=amber_mark)))
    width, left, legend_columns = (NARROW_WIDTH, NARROW_COMPLETION_LEFT, 2) if narrow else (width, 0.36, 4)
    legend_columns, legend = _fit_legend(handles, width, legend_columns, _legend_size(narrow))
    # each row's status as the scorecard names it (a stage target met: 已达阶段目标), in its status's colour
    shown_of = {row.Index: shown_status(row) for row in table.itertuples()}
    badges = {s: _phone_badge(s, words, size) if narrow else words.status(s) for s in set(shown_of.values())}
    badge_of = {row.Index: words.text("chart.heatmap_marked", text=badges[shown_of[row.Index]], mark=amber_mark)
                if row.Index in amber else badges[shown_of[row.Index]] for row in table.itertuples()}
    badge = max(_text_inches(b, size) for b in badge_of.values()) + 2 * 0.25 * size / 72 + 5 / 72
    title = _part_title(text["completion"], "completion", len(every), part, words, page_rows)
    # a bar measured against a stage target (a later one follows: a mid-term's 2023 targets) says so: a long bar is
    # no promise for the final target
    stages = sorted({int(row.target_year) for mark, row in zip(marks, table.itertuples())
                     if mark and mark[0] == "bar" and not is_missing(row.target_year)
                     and not is_missing(getattr(row, "next_target_year", float("nan")))})
    x_label = (words.text("chart.completion_x_stage", years=words["grammar.comma"].join(year(y) for y in stages))
               if stages else text["completion_x"])
    if cases:  # the diamonds on the same axis are no distance covered: the axis title says what they are
        x_label = f"{x_label}\n{text['completion_x_level']}"
    right = 1 - (badge + 0.08) / width
    # a series without a value of the report year says whose year its bar is (4 provincial: 2022's, in 2024)
    label_size = max(7.5, size)
    start = plan_start_year(context.values)  # a row on the printed baselines alone is a status of its own
    labels = [_label(r, language) if is_missing(r.as_of_year) or r.as_of_year >= r.report_year
              or start is None or r.as_of_year < start
              else _as_of_label(_label(r, language), r.as_of_year, words, (left * width - 0.12, label_size),
                                lines=3 if narrow else 2)
              for r in table.itertuples()]
    row_height = 0.24
    if narrow:
        title = _wrap(title, width - 0.2, 11, lines=3)
        centre = (left + right) / 2 * width
        x_label = "\n".join(_wrap(line, 2 * min(centre, width - centre) - 0.1, label_size, lines=3)
                            for line in x_label.split("\n"))
        labels = [_wrap(label, left * width - 0.12, label_size, lines=3) for label in labels]
        lines = max(shown.count("\n") + 1 for shown in [*labels, *badges.values()])
        row_height = max(0.42, lines * 1.2 * label_size / 72 + 0.12)  # every line of the tallest label, and a gap
    heights = [row_height] * len(labels)  # each row's, in inches
    if not narrow:  # a label longer than its room (with its year: …比重（2023年数值）) on two lines, its row as tall;
        # the other rows as they were: one long label made every row taller, the chart too tall for the page left
        # before it (three-quarters of it blank)
        labels = [_wrap(label, left * width - 0.12, label_size, lines=2) for label in labels]
        heights = [max(row_height, (label.count("\n") + 1) * 1.2 * label_size / 72 + 0.06) if "\n" in label
                   else row_height for label in labels]
    top_axis = narrow and sum(heights) > NARROW_TALL_ROWS  # a line of tick labels above the rows, under the title
    figure, ax = _figure(len(table), sum(heights) / len(table), legend, left=left, right=right, width=width,
                         title_lines=title.count("\n") + 1 + 2 * top_axis, label_lines=x_label.count("\n") + 1)
    inches = (right - left) * width  # the axes' width
    spans = np.array(heights) / row_height  # each row's height in rows of the usual one: a bar at its row's middle
    y = np.cumsum(spans) - spans / 2 - 0.5
    for yi, span, row, mark in zip(y, spans, table.itertuples(), marks):
        colour = STATUS_COLOURS[row.status]
        if mark and mark[0] == "bar":
            edge = {"edgecolor": AMBER_EDGE, "linewidth": AMBER_LINE} if row.Index in amber else {}
            ax.barh(yi, float(np.clip(row.completion, low, high)), color=colour, height=0.68, **edge)
            _edge_mark(ax, yi, row.completion, low, high, f"{row.completion:.0%}", text_on(colour),
                       room=(high if row.completion > high else -low) * inches / (high - low + 0.1), size=size)
            _bar_value(ax, yi, row.completion, (low, high), colour, inches, size, row.time_elapsed)
            if not is_missing(row.time_elapsed):
                ax.plot([row.time_elapsed] * 2, [yi - 0.38, yi + 0.38], color="#111", linewidth=1.4)
        elif mark:
            # its row set apart on a pale ground: a value ÷ target, not a distance covered, on the same axis
            ax.axhspan(yi - span / 2, yi + span / 2, color=LEVEL_GROUND, zorder=0, linewidth=0)
            at = float(np.clip(mark[1], low, high))
            ax.scatter(at, yi, marker="D", s=26, color=STATUS_LINES[row.status], zorder=3)
            # beside the diamond on the side with more room, wrapped to it: never under the badge
            after = (high + 0.05 - at) * inches / (high - low + 0.1) - 0.1
            before = (at - low + 0.05) * inches / (high - low + 0.1) - 0.1
            # the level, then the year it missed on a line of its own where both do not fit on one (每年≥90% |
            # （2022年未达到）), without its brackets where it is still wider than the room beside the diamond (a
            # phone's): never over the indicators' names
            room = max(after, before)
            rule = _level_rule(row, words)
            for key in ("chart.level_missed", "chart.level_missed_short")[:2 if len(mark) > 2 else 0]:
                missed = _year_missed(row, words, key, mark[2])
                space = missed[:len(missed) - len(missed.lstrip())]  # " (missed in 2022)": a space between
                rule = _wrap_items([_level_rule(row, words), missed.lstrip()], space, room, size, lines=3)
                if max(_text_inches(line, size) for line in rule.split("\n")) <= room:
                    break
            ax.annotate(_wrap(rule, room, size) if len(mark) <= 2 else rule, (at, yi),
                        xytext=(6 if after >= before else -6, 0), textcoords="offset points", va="center",
                        ha="left" if after >= before else "right", fontsize=size, color="#444", zorder=4,
                        # on white: the 0% and 100% lines pass behind the words, never through them
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})
        ax.annotate(badge_of[row.Index], (1.0, yi), xycoords=("axes fraction", "data"), xytext=(5, 0),
                    textcoords="offset points", va="center", fontsize=size, color=text_on(colour),
                    bbox={**BADGE, "facecolor": colour})
    ax.set_yticks(y, labels, fontsize=label_size, verticalalignment="center")
    ax.tick_params(axis="y", length=0, pad=4)  # a label of two lines centred on its bar, no tick mark beside it
    ax.axvline(1, color="#1b5e20", linewidth=1)
    ax.axvline(0, color="#888", linewidth=0.8)
    ax.set_xlim(low - 0.05, high + 0.05)
    ax.set_ylim(-0.7, spans.sum() - 0.3)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}".replace("-", "−"))
    if narrow:
        # −100%, 0% and 100% where the labels fit, else 0% and 100% alone
        least = (_text_inches("−100%", label_size) + 0.12) * (high - low + 0.1) / inches
        ax.xaxis.set_major_locator(FixedLocator([-1.0, 0.0, 1.0] if least <= 1.0 else [0.0, 1.0]))
        # (over the percentages above the rows, if any: the title's usual 6 points above them)
        with rc_context({"axes.titlepad": rcParams["axes.titlepad"] + (1.2 * label_size + 7 if top_axis else 0)}):
            _title_from_edge(ax, title, left, width)
    else:
        ax.set_title(title, fontsize=11)
    ax.tick_params(axis="x", labelsize=label_size)
    if top_axis:  # the same percentages above the rows, under the title (its pad, above)
        ax.tick_params(axis="x", top=True, labeltop=True)
    ax.set_xlabel(x_label, fontsize=max(8, size), linespacing=LABEL_SPACING)
    ax.grid(axis="y", visible=False)
    _legend_below(figure, ax, handles, legend_columns, _legend_size(narrow))
    return figure


def growth_unit(row) -> str:
    """How the growth chart measures a series' growth a year: ``pp`` for a share paced linearly (percentage points a
    year, as its card and the method give it: 2.9% → 3.3% in two years needs +0.2 pp a year), ``%`` for the others
    (a relative rate a year, or for a yearly floor the latest rate itself)."""
    return "pp" if row.method == "linear" and row.kind == "share" else "%"


def growth_rows(context: ReportContext) -> list[tuple]:
    """The series the growth chart shows: (row, growth needed, growth seen) of each lagging series with both, in the
    unit :func:`growth_unit` gives; none whose target year has come without its value."""
    table = context.joined()
    table = table[table["status"].isin(LAGGING) & (table["verdict"] == "progress")]
    rows = []
    for row in table.itertuples():
        if target_year_past(row):  # a final evaluation without the target year's value: nothing left to pace
            continue
        if row.method == "annual_floor":
            needed, seen = row.required_per_year, row.latest_value
        elif growth_unit(row) == "pp":
            needed, seen = row.required_per_year, row.observed_per_year
        else:
            needed, seen = row.required_cagr * 100, row.observed_cagr * 100
        if not (is_missing(needed) or is_missing(seen)):
            rows.append((row, float(needed), float(seen)))
    return rows


def growth_range(values) -> tuple[float, float]:
    """The growth chart's axis for ``values``: zero and every value with a margin, never wider than
    :data:`GROWTH_RANGE` (a value beyond it is marked at the edge)."""
    low, high = min(0.0, *values), max(0.0, *values)
    pad = max((high - low) * 0.15, 0.1)
    return max(low - pad, GROWTH_RANGE[0]), min(high + pad, GROWTH_RANGE[1])


GROWTH_ROW = 0.44  # inches a series takes in the growth chart (0.5 on a phone): a value above one marker and
# one below the next row's, 6 points off each and 7 points high, clear of each other where they line up
GROWTH_GAP = X_LABEL + 0.25  # inches between two panels: the upper one's axis label


def _value_places(xs: list[float], texts: list[str], size: float, points_per_unit: float) -> list[tuple]:
    """Where a growth row's two values stand, each as (x, points right of x, alignment): centred on its marker, or,
    where the two so centred would come within two points of each other across (0.05 and 0.1 side by side, one
    over the other's marker), each on its own side of the point between the two markers, the lower value's to the
    left: never one over the other, whatever the values."""
    halves = [_text_inches(text, size) * 72 / 2 for text in texts]
    apart = abs(xs[1] - xs[0]) * points_per_unit
    if apart >= halves[0] + halves[1] + 2:
        return [(x, 0, "center") for x in xs]
    middle = (xs[0] + xs[1]) / 2
    lower = 0 if xs[0] <= xs[1] else 1
    return [(middle, -1, "right") if index == lower else (middle, 1, "left") for index in range(2)]


def growth_gap_chart(context: ReportContext, part: int = 0, narrow: bool = False,
                     width: float = WIDTH, page_rows: int | None = None) -> Figure | None:
    """For the series still short of a target year: the growth a year needed from now against the
    growth a year seen since the base year (a yearly rate: the rate needed against the latest rate). A share
    paced linearly is in percentage points a year, on a panel of its own; each axis spans the values it shows; the
    title says when one series lags alone. ``narrow``: drawn for a phone."""
    words, language = context.words, context.language
    text = words["chart"]
    every = growth_rows(context)
    if not every:
        return None
    rows = _part(every, "growth", part, page_rows)
    panels = [(unit, [r for r in rows if growth_unit(r[0]) == unit]) for unit in ("%", "pp")]
    panels = [(unit, panel[::-1]) for unit, panel in panels if panel]
    width, left = (NARROW_WIDTH, NARROW_LEFT) if narrow else (width, 0.36)
    title = _part_title(text["growth_title"], "growth", len(every), part, words, page_rows)
    if len(every) == 1:
        title = words.text("chart.growth_one", title=title)
    title = _wrap(title, width - 0.3, 11, lines=3)  # from the figure's left edge, never cut
    row_height = 0.5 if narrow else GROWTH_ROW
    size = PHONE_TEXT if narrow else PAPER_TEXT  # the least type: the values
    label_size = max(7.5, size)
    handles = [Line2D([], [], color="#c62828", marker="o", linestyle="", label=text["observed"]),
               Line2D([], [], color="#1565c0", marker="s", linestyle="", label=text["required"])]
    legend_columns, legend = _fit_legend(handles, width, 1 if narrow else 2, _legend_size(narrow))
    x_labels = {unit: text["growth_x_pp" if unit == "pp" else "growth_x"] for unit, _ in panels}
    if narrow:
        x_labels = {unit: _wrap(label, (0.96 - left) * width, label_size) for unit, label in x_labels.items()}
    more = LABEL_LINE * max(label.count("\n") for label in x_labels.values())  # an axis label on two lines
    top = TITLE + TITLE_LINE * title.count("\n")
    bottom = X_LABEL + more + legend + 0.1
    heights = [max(len(panel), 2) * row_height for _, panel in panels]
    height = top + sum(heights) + (GROWTH_GAP + more) * (len(panels) - 1) + bottom
    figure = Figure(figsize=(width, height))
    above = top
    for index, ((unit, panel), inches) in enumerate(zip(panels, heights)):
        ax = figure.add_axes((left, 1 - (above + inches) / height, 0.96 - left, inches / height))
        above += inches + GROWTH_GAP + more
        low, high = growth_range([v for _, needed, seen in panel for v in (needed, seen)])
        digits = 2 if unit == "pp" else 1
        for yi, (row, needed, seen) in enumerate(panel):
            shown = [float(np.clip(v, low, high)) for v in (seen, needed)]
            ax.hlines(yi, *sorted(shown), color=PATH_GREY, linewidth=1.2)
            ax.scatter(shown[0], yi, color="#c62828", marker="o", zorder=3, s=30)
            ax.scatter(shown[1], yi, color="#1565c0", marker="s", zorder=3, s=30)
            # the value above its marker (needed) or below it (seen), a fixed distance away in points at any scale, as
            # the card and the scorecard write it: +0.1 pp, +8.9% (+0.12, never +0.115)
            texts = [fmt_signed(shown_change(value, row)) if unit == "pp" else fmt_pct(value / 100).rstrip("%")
                     for value in (seen, needed)]
            places = _value_places(shown, texts, size, (0.96 - left) * width * 72 / (high - low))
            for value, text_, colour, dy, va, (x, dx, ha) in zip((seen, needed), texts, ("#c62828", "#1565c0"),
                                                                 (-6, 6), ("top", "bottom"), places):
                if low <= value <= high:
                    ax.annotate(text_, (x, yi), xytext=(dx, dy),
                                textcoords="offset points", color=colour, fontsize=size, ha=ha, va=va)
            _edge_mark(ax, yi, needed, low, high, f"{needed:+.0f}", size=size)
            _edge_mark(ax, yi, seen, low, high, f"{seen:+.0f}", size=size)
        # a floor that rises with the years held in (2024—2025年每年≥6%), as beside the completion chart's diamond
        labels = [_label(row, language) + (words.text("grammar.aside", text=level_in_years(
            row, words, f"{row.target_value:g}%") or words.text("pace.floor", target=f"{row.target_value:g}"))
            if row.method == "annual_floor" else "") for row, _, _ in panel]
        if narrow:
            labels = [_wrap(label, left * width - 0.12, label_size, lines=3) for label in labels]
        ax.set_yticks(range(len(panel)), labels, fontsize=label_size, verticalalignment="center")
        ax.tick_params(axis="y", length=0, pad=4)  # a label of two lines centred on its row, no tick mark beside it
        ax.axvline(0, color="#888", linewidth=0.8)
        ax.set_xlim(low, high)
        ax.xaxis.set_major_formatter(FewestDecimals())  # 0, 0.25, 0.5: never 0.00, 0.50
        if narrow:
            _fit_ticks(ax.xaxis, (0.96 - left) * width, [f"−{abs(v):.{digits}f}" for v in (low, high)],
                       label_size)
        ax.set_ylim(-0.8, max(len(panel), 2) - 0.2)
        ax.tick_params(axis="x", labelsize=label_size)
        ax.set_xlabel(x_labels[unit], fontsize=max(8, size))
        if index == 0:  # from the figure's left edge: the title is as wide as the figure
            ax.set_title(title, fontsize=11, loc="left", x=-left / (0.96 - left) + 0.02)
        ax.grid(axis="y", visible=False)
    _legend_below(figure, ax, handles, legend_columns, _legend_size(narrow))
    return figure


class FixedLayoutGrid(sns.FacetGrid):
    """A FacetGrid laid out by ``subplots_adjust``: seaborn's automatic tight layout draws the whole grid
    once more to measure it (1.5 s for 25 panels), and the figure sets its margins itself anyway."""

    def tight_layout(self, *args, **kwargs):
        return self


#: The small multiples' grid, in inches: a panel's axes on paper and on a phone, the room for the figure's title
#: above the first row's panel titles, and for the last row's years below (the legend under them).
PANEL_COLUMNS, PANEL_AXES, NARROW_PANEL_AXES, PANELS_TOP, PANELS_BOTTOM = 5, 0.74, 0.9, 0.45, 0.5
PANEL_GAP = 0.38  # the gap between two panels, a share of a panel's width
TITLE_SPACING = 1.3  # a panel title's lines apart, in ems: a Chinese line's ink is nearly an em high


def _ticks_inside(ax, inches: float, size: float) -> None:
    """The value axis of ``ax`` (``inches`` high) widened so that no tick label of ``size`` points sits on the
    axes' frame: each tick half a label and two points inside its top and bottom (the lowest label once sat on the
    years' axis: 1.6 in 20's panel, 64 in 5's); the ticks stay those its locator chose for the data."""
    ax.autoscale_view()
    start, end = ax.get_ylim()
    low, high = sorted((start, end))
    slack = (high - low) * 1e-9
    ticks = [t for t in ax.yaxis.get_major_locator().tick_values(low, high) if low - slack <= t <= high + slack]
    if not ticks or high <= low:
        return
    clear = (size / 2 + 2) / 72 / inches  # a share of the axes' height
    bottom, top = low, high
    for _ in range(4):  # widening the axis shrinks a share of it: four rounds settle to a thousandth
        span = top - bottom
        bottom, top = min(low, ticks[0] - clear * span), max(high, ticks[-1] + clear * span)
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.set_ylim((top, bottom) if start > end else (bottom, top))


#: A small multiple's marks, in points across: a target's star, a value's dot (its white ring with it).
PANEL_STAR, PANEL_DOT = 6.0, 2.9
#: A target the year's value missed, on a small multiple: a hollow star on its year (white inside, its outline dark),
#: larger than a met target's, so the year's dot over it (1,580 against 1,600) leaves its points open to be seen; the
#: legend names it apart from a target met.
MISSED_STAR = {"marker": "*", "markersize": 8.0, "markerfacecolor": "white", "markeredgecolor": "#212121",
               "markeredgewidth": 0.9}
#: A target due by the report year without a value of its year to judge it by, on a small multiple (4 provincial's
#: 2023 and 2024, its latest value 2022's): hollow as a missed one and as large, its outline grey (#757575, 4.6:1
#: against white), never filled as a target met; the legend names it apart from both.
UNJUDGED_STAR = {**MISSED_STAR, "markeredgecolor": "#757575"}
#: A level to hold every year, on a card and a small multiple: dash-dot, #555 at 7.5:1 against white (WCAG 2.1's
#: 1.4.11 asks 3:1 of a graphical object) and 1.4 points wide, over the grid lines it runs along (Weihai's 17 at 90,
#: 18 at 5: at 0.8 points it was lost in the grid's #d9d9d9).
HELD_LINE = {"color": "#555555", "linestyle": "-.", "linewidth": 1.4}


def missed_targets(observed: pd.DataFrame, targets: pd.DataFrame, direction: str) -> pd.Series:
    """For each of ``targets`` (rows of year, value and maybe upper), whether the value ``observed`` the same year
    misses it: below a floor, above a ceiling, outside a range; False for a year with no value, or a series with no
    direction."""
    values = dict(zip(observed["year"], observed["value"]))

    def missed(target) -> bool:
        value = values.get(target.year)
        if value is None or is_missing(value) or direction == "none":
            return False
        bounds = target_range(direction, target.value, getattr(target, "upper", math.nan))
        if bounds is not None:
            return not bounds.holds(value)
        return direction_sign(direction) * (value - target.value) < 0

    return pd.Series([missed(target) for target in targets.itertuples()], index=targets.index, dtype=bool)


def unjudged_targets(observed: pd.DataFrame, targets: pd.DataFrame, report_year: int) -> pd.Series:
    """For each of ``targets``, whether it is due by ``report_year`` and ``observed`` has no value of its year to
    judge it by (neither met nor missed, as far as the data go)."""
    years = {year for year, value in zip(observed["year"], observed["value"]) if not is_missing(value)}
    return pd.Series([year <= report_year and year not in years for year in targets["year"]], index=targets.index,
                     dtype=bool)


def small_multiples(context: ReportContext, part: int = 0, narrow: bool = False,
                    width: float = WIDTH, page_rows: int | None = None) -> Figure | None:
    """Every numeric series in a faceted figure (seaborn): its course, its targets, coloured by status; a plan
    with more series than a page holds gets them in parts (figure ``part``); ``narrow``: for a phone, one panel a
    row, as wide as the screen, the least type :data:`PHONE_READ_TEXT` (two a row were too small to read)."""
    words = context.words
    every = completion_rows(context)
    if every.empty:
        return None
    table = _part(every, "multiples", part, page_rows)
    values = context.values
    # a phone: one panel a row, the screen's width (a tall figure, scrolled as the page is); a panel's title on up to
    # four lines of its width
    columns, width = (1, NARROW_WIDTH) if narrow else (PANEL_COLUMNS, width)
    size, axes_inches = (PHONE_READ_TEXT, NARROW_PANEL_AXES) if narrow else (PAPER_TEXT, PANEL_AXES)
    # the right margin: half a year under the last column's axis (less the axis' own margin); on a phone, room on
    # the left for a value's label in its type (24,000)
    left, right = (0.62 / width if narrow else 0.06), 1 - 0.1 / width
    # a panel's width (the grid's width less the gaps between panels, PANEL_GAP of a panel each); a title may run
    # into the gap on its right, the last column's up to the figure's edge
    panel_inches = (right - left) * width / (columns + (columns - 1) * PANEL_GAP)
    title_inches = panel_inches + min(PANEL_GAP * panel_inches, (1 - right) * width) - 0.03
    frames = []
    for row in table.itertuples():
        series = values[(values["indicator_id"] == row.indicator_id) & (values["series"] == row.series)]
        observed = series[series["value_type"].isin(["baseline", "actual"]) & (series["year"] <= context.report_year)]
        observed = observed.sort_values(["year", "value_type"]).drop_duplicates("year", keep="first")
        targets = series[series["value_type"] == "target"]
        panel = f"{_title_with_unit(_panel_label(row, words), title_inches, size, lines=4)}\n" \
                f"{_wrap(status_text(row, words, 'status_brief'), title_inches, size, lines=2)}"
        frames.append(pd.DataFrame({"panel": panel, "year": observed["year"], "value": observed["value"],
                                    "role": "observed", "status": row.status, "kind": row.kind,
                                    "held": row.direction in HELD_EVERY_YEAR,
                                    "held_from": getattr(row, "held_from", None)}))
        frames.append(pd.DataFrame({"panel": panel, "year": targets["year"], "value": targets["value"],
                                    "upper": targets["upper"] if "upper" in targets else np.nan,
                                    "missed": missed_targets(observed, targets, row.direction),
                                    "unjudged": unjudged_targets(observed, targets, context.report_year),
                                    "role": "target", "status": row.status, "kind": row.kind,
                                    "held": row.direction in HELD_EVERY_YEAR,
                                    "held_from": getattr(row, "held_from", None)}))
    data = pd.concat(frames, ignore_index=True)
    order = list(dict.fromkeys(data["panel"]))
    grid = FixedLayoutGrid(data, col="panel", col_wrap=columns, sharex=True, sharey=False,
                           height=axes_inches, aspect=width / columns / axes_inches, despine=True, col_order=order)

    first, last = int(context.plan["base_year"]), int(data["year"].max())
    gaps = []  # years without a value between two with one, drawn dashed: the legend says so
    for ax, (_, panel) in zip(grid.axes.flat, data.groupby("panel", sort=False)):
        colour = STATUS_LINES[panel["status"].iloc[0]]
        observed = panel[panel["role"] == "observed"].sort_values("year")
        targets = panel[panel["role"] == "target"]
        gaps += _draw_course(ax, observed["year"], observed["value"], colour, 1.6)
        # every target's star on its year, under the value's dot: a target met (or not yet due) filled; a target the
        # year's value missed hollow and larger (:data:`MISSED_STAR`), so 1,580 against 1,600 does not read as met;
        # one due without its year's value hollow and grey (:data:`UNJUDGED_STAR`): neither met nor missed
        missed, unjudged = targets["missed"].astype(bool), targets["unjudged"].astype(bool)
        met = ~missed & ~unjudged
        ax.plot(targets.loc[met, "year"], targets.loc[met, "value"], linestyle="", marker="*",
                markersize=PANEL_STAR, color="#212121", zorder=3)
        if missed.any():
            ax.plot(targets.loc[missed, "year"], targets.loc[missed, "value"], linestyle="", zorder=3, **MISSED_STAR)
        if unjudged.any():
            ax.plot(targets.loc[unjudged, "year"], targets.loc[unjudged, "value"], linestyle="", zorder=3,
                    **UNJUDGED_STAR)
        # each value's dot over a target's star, as on a card: a value just short of its target stays in sight
        ax.plot(observed["year"], observed["value"], linestyle="", marker="o", markersize=PANEL_DOT, color=colour,
                markeredgecolor="white", markeredgewidth=0.4, zorder=VALUE_OVER_TARGET)
        if panel["held"].iloc[0]:  # a level to hold every year: its line over the years held, as on the card
            for value, low, high in held_segments(list(zip(targets["year"], targets["value"])),
                                                  panel["held_from"].iloc[0], first, last):
                ax.hlines(value, low, high, zorder=1, **HELD_LINE)
        _value_axis(ax.yaxis, panel["kind"].iloc[0], 3)
        if panel["kind"].iloc[0] == "rank":
            ax.invert_yaxis()  # the first place on top: up is better
    grid.set_titles("{col_name}", size=size, linespacing=TITLE_SPACING)
    for ax in grid.axes.flat:
        ax.set_xticks([first, last], [str(first), str(last)])
        # a phone's single column: each panel its years, the last row's far below a scrolled screen
        ax.tick_params(labelsize=size, length=2, pad=1.5, **({"labelbottom": True} if narrow else {}))
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.margins(y=0.2)
    figure = grid.figure
    handles = _status_line_handles(data["status"], words, context.assessment) + [
        Line2D([], [], color="#212121", marker="*", linestyle="", markersize=7, label=words["chart.target"])]
    if data["missed"].eq(True).any():
        handles.append(Line2D([], [], linestyle="", label=words["chart.target_missed"], **MISSED_STAR))
    if data["unjudged"].eq(True).any():
        handles.append(Line2D([], [], linestyle="", label=words["chart.target_unjudged"], **UNJUDGED_STAR))
    if data["held"].any():
        handles.append(Line2D([], [], label=words["chart.level_held"], **HELD_LINE))
    if gaps:
        handles.append(Line2D([], [], color="#212121", linewidth=1.6 * 0.7, label=words["chart.gap"], **GAP_DASHED))
    legend_size = PHONE_READ_TEXT if narrow else _legend_size(narrow)  # on a phone as the panels' words
    legend_columns, legend = _fit_legend(handles, width, 3 if narrow else 6, legend_size)
    # The figure's height from its rows and the room above and below, in inches, so a short figure keeps them whole:
    # above each row its panels' titles (the most lines any has, and matplotlib's 6 points of pad), the tick marks of
    # the row above and a margin; below the last row its years, then the legend.
    titles = max(name.count("\n") + 1 for name in order) * TITLE_SPACING * size / 72 + 6 / 72
    gap = titles + 0.12 + ((1.2 * size + 3.5) / 72 if narrow else 0)  # on a phone each panel's years under it
    rows = -(-len(table) // columns)
    top, below = PANELS_TOP + titles, PANELS_BOTTOM + legend
    inches = rows * axes_inches + (rows - 1) * gap + top + below
    figure.set_size_inches(width, inches)
    title = _part_title(words["chart.multiples_title"], "multiples", len(every), part, words, page_rows)
    figure.suptitle(title, fontsize=11, x=0.02, y=1 - 0.12 / inches, ha="left", va="top")
    figure.subplots_adjust(left=left, right=right, top=1 - top / inches, bottom=below / inches,
                           hspace=gap / axes_inches, wspace=PANEL_GAP)
    kinds = [panel["kind"].iloc[0] for _, panel in data.groupby("panel", sort=False)]
    for ax, kind in zip(grid.axes.flat, kinds):
        _least_span(ax, kind)
        _ticks_inside(ax, axes_inches, size)
    figure.legend(handles=handles, loc="lower center", ncol=legend_columns, fontsize=legend_size,
                  frameon=False, bbox_to_anchor=(0.5, 0.0))
    return figure


#: The heat map's key's least type, in points: the figure is printed at 97% of its size.
KEY_SIZE = 8.5


def heatmap_years(context: ReportContext) -> list[int]:
    """The report years of the plan period the status heat map shows (none before a second): a year before the plan
    period is judged on the printed baselines alone, not on what the plan has done."""
    first = plan_start_year(context.values) or min(context.plan["report_years"], default=context.report_year)
    years = [y for y in context.plan["report_years"] if first <= y <= context.report_year]
    return years if len(years) >= 2 else []


def _marked(annotations: pd.DataFrame, mark: str, words) -> pd.DataFrame:
    """The cells' words with ``mark`` after them as the language writes a mark after a word ("On track †", 正常†)."""
    return annotations.apply(lambda column: column.map(lambda text: words.text("chart.heatmap_marked", text=text,
                                                                                 mark=mark)))


def status_heatmap(context: ReportContext, part: int = 0, narrow: bool = False,
                   width: float = WIDTH, page_rows: int | None = None) -> Figure | None:
    """Each series' status in every report year so far (seaborn heat map), once there are two or more; a plan
    with more series than a page holds gets it in parts (figure ``part``); ``narrow``: for a phone (the least type
    :data:`PHONE_READ_TEXT`, the cells as wide as their words need, the row labels wrapped to the rest)."""
    words, language = context.words, context.language
    history = context.tables.assessment
    years = heatmap_years(context)
    if not years:
        return None
    history = history[history["report_year"].isin(years) & (history["status"] != "qualitative")]
    if history.empty:
        return None
    names = context.indicators.set_index(["indicator_id", "series"])[localized_column(context.indicators,
                                                                                       "short_name", language)]
    history = history.assign(label=[f"{i}. {names[(i, s)]}" for i, s in zip(history["indicator_id"],
                                                                            history["series"])])
    every = list(dict.fromkeys(history.sort_values(["indicator_id", "series"])["label"]))
    order = _part(every, "heatmap", part, page_rows)
    history = history[history["label"].isin(order)]
    codes = {status: i for i, status in enumerate(STATUSES)}
    grid = history.pivot(index="label", columns="report_year", values="status").reindex(order)[years]
    numbers = grid.apply(lambda column: column.map(codes))
    size = PHONE_READ_TEXT if narrow else PAPER_TEXT
    width = NARROW_WIDTH if narrow else width
    # on a phone a cell as wide as its widest word and a margin, at least half an inch (a word of two on two lines
    # when the years would leave the labels less than 40% of the width: No|data); on paper 40% of the width
    # a stage target met (a later target follows) is written so in its cell, in achieved's colour: a mid-term's
    # "met" is not the plan's
    # and so is a pace behind once the target's year has come without its value (预计未达标), in moderate's colour
    marks = {other: history.assign(_shown=[shown(row) for row in history.itertuples()]).pivot(
        index="label", columns="report_year", values="_shown").reindex(order)[years].eq(True)
        for others in SHOWN_IN_STEAD.values() for other, shown in others}
    cells = {status: words[f"status_short.{status}"] for status in set(grid.stack())}
    cells.update({other: words[f"status_short.{other}"] for other, mark in marks.items() if mark.to_numpy().any()})
    # a status in the plan period that rests on the printed baselines alone (no value of the plan period yet) is
    # marked: it says how the series ran before the plan, not what the plan has done
    start = plan_start_year(context.values)
    as_of = history.pivot(index="label", columns="report_year", values="as_of_year").reindex(order)[years]
    before = as_of.apply(lambda column: column.map(lambda y: start is not None and not is_missing(y) and y < start))
    before = before & grid.isin([status for status in STATUSES if status != "insufficient_data"])
    # a level to hold every year rated in a year before the first the plan sets it for (17 and 18 in 2022, against
    # 2023's ≥90 and ≥5): no requirement that year, so no status word in its cell, which a reader takes for a verdict
    # ("Moving away ‡"), but words that say so ("no target yet ‡", 当年无要求‡); a cell marked as resting on the
    # printed baselines alone is grey, no verdict of any kind: one mark is enough
    early = _before_level_cells(history, order, years) & ~before & grid.isin(
        [status for status in STATUSES if status != "insufficient_data"])
    early_mark = words["chart.heatmap_before_level_mark"]
    if early.to_numpy().any():
        cells[BEFORE_LEVEL] = words["chart.heatmap_before_level_word"]
    cell = max(_text_inches(word, size) for word in cells.values()) + 0.12
    if narrow and 0.04 + len(years) * max(cell, 0.5) > 0.6 * width:
        cells = {status: _two_lines(word, size) if status == BEFORE_LEVEL else word.replace(" ", "\n")
                 for status, word in cells.items()}
        cell = max(_text_inches(word, size) for word in cells.values()) + 0.12
    if BEFORE_LEVEL in cells:  # its mark after it, as the language writes one ("no target yet ‡", 当年无要求‡)
        cells[BEFORE_LEVEL] = words.text("chart.heatmap_marked", text=cells[BEFORE_LEVEL], mark=early_mark)
        cell = max(_text_inches(word, size) for word in cells.values()) + 0.12
    cells_inches = len(years) * max(cell, 0.5) if narrow else 0.4 * width
    left = (1 - 0.04 / width - cells_inches / width) if narrow else 0.45
    cell_size = size  # the cells' words' type
    if not narrow and len(years) * cell > cells_inches:  # five years of "Not achieved": wider cells, up to 53%
        cells_inches = min(len(years) * cell, 0.53 * width)
        if len(years) * cell > cells_inches:  # still too narrow: the words a little smaller (6 pt at least),
            # never on two lines, which would double every row's height
            cell_size = max(6.0, size * (cells_inches / len(years) - 0.12) / (cell - 0.12))
        left = 1 - 0.04 / width - cells_inches / width
    labels = [_wrap(label, left * width - 0.12, size, lines=4 if narrow else 3) for label in order]
    # drawn in insufficient data's grey, never in a verdict's red or green: the scorecard has no verdict on them
    numbers = numbers.where(~before, codes["insufficient_data"])
    mark = words["chart.heatmap_baselines_mark"]
    annotations = grid.apply(lambda column: column.map(lambda s: cells[s] if isinstance(s, str) else ""))
    for other, marked in marks.items():
        annotations = annotations.where(~marked, cells.get(other, ""))
    annotations = annotations.where(~before, _marked(annotations, mark, words))
    # a status of a report year without its own value, resting on an earlier year's (the latest then): marked, never
    # read as that year's verdict (4 provincial, its latest value 2022's, in 2023 and 2024)
    older = as_of.apply(lambda column: column.map(lambda y: not is_missing(y) and y < column.name))
    older = older & ~before & grid.isin([status for status in STATUSES if status != "insufficient_data"])
    older_mark = words["chart.heatmap_older_mark"]
    annotations = annotations.where(~older, _marked(annotations, older_mark, words))
    annotations = annotations.where(~early, cells.get(BEFORE_LEVEL, ""))
    # not a verdict, so not in a verdict's colour either: grey, as a cell resting on the printed baselines alone, its
    # words in that grey's text colour
    numbers = numbers.where(~early, codes["insufficient_data"])
    neutral = before | early
    # the key to the cells' short words, below the map: only the statuses it shows
    replaced = functools.reduce(lambda a, b: a | b, marks.values(), early)
    written = set(grid.where(~replaced).stack())  # a status every cell of which shows another word is not keyed
    shown = [status for status in STATUSES if status in written
             and words[f"status_short.{status}"] != words.status(status)]  # 未达标 needs no key
    shown += [other for other in marks if other in cells and words[f"status_short.{other}"] != words.status(other)]
    items = [words.text("chart.heatmap_key_item", short=words[f"status_short.{status}"], name=words.status(status))
             for status in shown] + ([words.text("chart.heatmap_baselines_key", mark=mark, start=year(start))]
                                     if before.to_numpy().any() else []) \
        + ([words.text("chart.heatmap_older_key", mark=older_mark)] if older.to_numpy().any() else []) \
        + ([words.text("chart.heatmap_before_level_key", mark=early_mark)] if early.to_numpy().any() else []) \
        + [words["chart.heatmap_columns_key"],
           words["chart.heatmap_colours_key" + ("_final" if context.kind == "final" else "")]]
    # a column is what its year's data allowed: a year of annual monitoring (2022) shows ratings of progress (需加快)
    # the evaluations' columns do not; 需加快 yellow is no warning, 进展不足 orange an amber one; a final evaluation's
    # list is of the targets missed, no warnings
    # the key at 8.5 points at least (8 as the page prints the figure), its lines apart
    key_size = max(size, KEY_SIZE)
    key = _wrap_items(items, words["chart.heatmap_key_separator"], width - 0.3, key_size, lines=10 if narrow else 6)
    line = 1.2 * size / 72  # inches: a line of type
    lines = max(text.count("\n") + 1 for text in [*labels, *cells.values()])
    row = max(0.2, lines * line + 0.08)  # inches: a row holds every line of its label and of its cells' words
    # each column's year over what the plan makes of it (2022年 | 年度监测, 2023 | mid-term): a year of annual
    # monitoring rates progress, an evaluation judges its targets; the kind on lines as wide as the column
    year_size = max(size, 7.5)
    kinds = [context.plan["evaluations"].get(str(y), "annual") for y in years]
    columns = [words.text("chart.heatmap_year", year=year(y)) + "\n"
               + _wrap(words[f"chart.heatmap_kind.{kind}"], cells_inches / len(years) - 0.04, year_size, lines=2)
               for y, kind in zip(years, kinds)]
    heads = max(label.count("\n") + 1 for label in columns)
    # inches: the title and the years above, the key below
    top = 0.75 + line + heads * 1.2 * year_size / 72
    bottom = 0.25 + LABEL_SPACING * key_size / 72 * (key.count("\n") + 1)
    years_under = narrow and row * len(order) > NARROW_TALL_ROWS  # the years under the rows too, over the key
    bottom += (heads * 1.2 * year_size / 72 + 0.1) if years_under else 0
    height = row * len(order) + top + bottom
    figure = Figure(figsize=(width, height))
    ax = figure.add_axes((left, bottom / height, cells_inches / width, 1 - (top + bottom) / height))
    palette = ListedColormap([STATUS_COLOURS[s] for s in STATUSES])
    sns.heatmap(numbers, ax=ax, cmap=palette, vmin=-0.5, vmax=len(STATUSES) - 0.5, cbar=False,
                linewidths=0.6, linecolor="white")
    for (y, x), status in np.ndenumerate(grid.to_numpy()):  # each word in its status's text colour
        if isinstance(status, str):
            ground = STATUS_COLOURS["insufficient_data" if neutral.iat[y, x] else status]
            ax.text(x + 0.5, y + 0.5, annotations.iat[y, x], ha="center", va="center_baseline", fontsize=cell_size,
                    color=text_on(ground), linespacing=1.1)
    ax.set_xticks(np.arange(len(years)) + 0.5, columns, fontsize=year_size, linespacing=1.1)
    ax.set_yticks(np.arange(len(order)) + 0.5, labels, fontsize=size, rotation=0, verticalalignment="center")
    ax.tick_params(axis="y", length=0, pad=4)  # a label of two lines centred on its row, no tick mark beside it
    ax.set_xlabel(words["chart.report_year"], fontsize=max(size, 8))
    ax.set_ylabel("")
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    if years_under:
        ax.tick_params(axis="x", labelbottom=True)
    title = _part_title(words["chart.heatmap_title"], "heatmap", len(every), part, words, page_rows)
    figure.suptitle(title, fontsize=11, x=0.02, y=1 - 0.08 / height, ha="left", va="top")
    figure.text(0.02, 0.08 / height, key, fontsize=key_size, ha="left", va="bottom", color="#333333",
                linespacing=LABEL_SPACING)
    return figure


#: The heat map's cell of a level to hold every year in a year before the plan sets it (:func:`_before_level_cells`):
#: the key of its words among the statuses' (``chart.heatmap_before_level_word``).
BEFORE_LEVEL = "before_level"


def _two_lines(text: str, size: float) -> str:
    """``text`` on two lines, broken at the space that leaves the wider line narrowest ("no target | yet"); as it is
    without a space (当年无要求)."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    at = min(spaces, key=lambda i: max(_text_inches(text[:i], size), _text_inches(text[i + 1:], size)))
    return f"{text[:at]}\n{text[at + 1:]}"


def _before_level_cells(history: pd.DataFrame, order: list[str], years: list[int]) -> pd.DataFrame:
    """The heat map's cells of a level to hold every year in a report year before the first year the plan sets it for
    (``held_from``): True there, by label and report year."""
    if not {"direction", "held_from"} <= set(history.columns):
        return pd.DataFrame(False, index=order, columns=years)
    held_from = pd.to_numeric(history["held_from"], errors="coerce")
    early = history.assign(_early=history["direction"].isin(HELD_EVERY_YEAR).to_numpy()
                           & (held_from > history["report_year"]).to_numpy())
    return early.pivot(index="label", columns="report_year", values="_early").reindex(order)[years].eq(True)


def paired_indicators(assessment: pd.DataFrame) -> dict[int, list[str]]:
    """The indicators of ``assessment`` with more than one series (4 and 5: national and provincial), each with its
    series in the vocabulary's order; the charts that count indicators count each once, by its worse series."""
    found: dict[int, list[str]] = {}
    for indicator, series in assessment.groupby("indicator_id", sort=True)["series"]:
        if series.nunique() > 1:
            found[int(indicator)] = [name for name in SERIES if name in set(series)]
    return found


def category_note(context: ReportContext) -> str:
    """What the category chart's bars count where an indicator has more than one series ("By indicator; for 4 and 5,
    the worse of the national and provincial series"): its other series is in no bar. An indicator is counted by its
    worse series with data (:func:`analysis.assess.assessment.headline_status`): with data in one series only, by
    that one ("for 4, the national series, the only one with data"), with none, as without data; never "the worse"
    of two where one has no data. Empty where no indicator has two series."""
    words = context.words
    paired = paired_indicators(context.assessment)
    if not paired:
        return ""
    assessment = context.assessment
    with_data = assessment[assessment["status"] != "insufficient_data"]
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for indicator, names in paired.items():
        judged = set(with_data.loc[with_data["indicator_id"] == indicator, "series"])
        shown = [name for name in names if name in judged]
        kind = "worse" if len(shown) > 1 else "alone" if shown else "no_data"
        groups.setdefault((kind, tuple(shown) if kind == "alone" else ()), []).append(indicator)
    worse = [indicator for (kind, _), ids in groups.items() if kind == "worse" for indicator in ids]
    series = list(dict.fromkeys(name for indicator in worse for name in paired[indicator]))
    clauses = [words.text(f"chart.category_{kind}", ids=join_and(words, ids),
                          series=join_and(words, [series_label(name, words) for name in (shown or series)]))
               for (kind, shown), ids in groups.items()]
    return words.text("chart.category_note", clauses=words["chart.category_separator"].join(clauses))


def category_status_chart(context: ReportContext, narrow: bool = False, width: float = WIDTH) -> Figure:
    """Stacked bars: the headline status of each indicator, by category, with the counts written in (``narrow``: for
    a phone); below the legend, which series an indicator with several is counted by (:func:`category_note`)."""
    words, indicators = context.words, context.indicators
    text = words["chart"]
    headline = headline_status(context.assessment)
    category = indicators.drop_duplicates("indicator_id")[
        ["indicator_id", localized_column(indicators, "category", context.language)]]
    table = headline.merge(category, on="indicator_id")
    table.columns = ["indicator_id", "status", "category"]
    order = list(dict.fromkeys(category.iloc[:, 1]))
    counts = table.pivot_table(index="category", columns="status", values="indicator_id", aggfunc="count",
                               fill_value=0).reindex(order[::-1])
    statuses = [s for s in STATUSES_BEST_FIRST if s in counts.columns]
    width, columns = (NARROW_WIDTH, 2) if narrow else (width, 4)
    handles = _status_handles(statuses, words, context.assessment)
    columns, legend = _fit_legend(handles, width, columns, _legend_size(narrow))
    size = PHONE_TEXT if narrow else 8
    # the categories' names at most 45% of the width (wrapped on up to three lines; on paper they fit on one)
    room = min(max(_text_inches(name, size) for name in counts.index), 0.45 * width - 0.15)
    labels = [_wrap(name, room, size, lines=3) for name in counts.index]
    lines = max(label.count("\n") + 1 for label in labels)
    left = (max(_text_inches(label, size) for label in labels) + 0.15) / width
    note_size = _legend_size(narrow)
    note = _wrap(category_note(context), width - 0.3, note_size, lines=4)
    below = (note.count("\n") + 1) * 1.2 * note_size / 72 + 0.04 if note else 0.0  # inches: the note under the legend
    figure, ax = _figure(len(counts), max(0.36, 1.2 * size / 72 * lines + 0.1), legend + below, left=left, right=0.96,
                         width=width)
    y = np.arange(len(counts))
    start = np.zeros(len(counts))
    for status in statuses:
        widths = counts[status].to_numpy()
        ax.barh(y, widths, left=start, color=STATUS_COLOURS[status], label=_status_word(status, words,
                                                                                        context.assessment))
        for yi, (begin, count) in enumerate(zip(start, widths)):
            if count:
                ax.text(begin + count / 2, yi, str(int(count)), ha="center", va="center",
                        color=text_on(STATUS_COLOURS[status]), fontsize=size)
        start += widths
    ax.set_yticks(y, labels, verticalalignment="center")
    ax.set_xlabel(text["count"], fontsize=size)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts of indicators: whole numbers
    if narrow:
        _title_from_edge(ax, text["category_title"], left, width)
    else:
        ax.set_title(text["category_title"], fontsize=11)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", labelsize=size, length=0, pad=4)
    _legend_below(figure, ax, handles, columns, _legend_size(narrow), above=below)
    if note:
        figure.text(0.5, 0.02, note, fontsize=note_size, ha="center", va="bottom",
                    multialignment="center", color="#333333")
    return figure


#: A card's marks on paper, in points: a value's dot, a target's star, the type (a source's number, the ticks).
CARD_DOT, STAR_SIZE, CARD_TEXT = 5.3, 9.5, 7.0
#: CSS px: how wide a phone (390 px) shows a card's chart: the screen less the page's margins, the card's border and
#: padding (report.css: 0.6rem, 1px, 0.8rem each side).
PHONE_CARD_PX = PHONE_PX - 2 - 2 * 0.8 * 16
#: A card's chart drawn for a phone (``narrow``), in inches, and its marks in points: shown :data:`PHONE_CARD_PX` wide,
#: a dot of 7.5 points is 10.5 px, a star of 12 points 16.8 px, the type (:data:`PHONE_TEXT`) 11.9 px, where the
#: paper's drawing shrunk to the screen had 7.4 px dots, 13.3 px stars and 9.8 px type.
NARROW_CARD_SIZE = (3.4, 2.3)
NARROW_CARD_DOT, NARROW_STAR_SIZE = 7.5, 12.0


def _mark_offset(ax, figure: Figure, point: tuple[float, float], stars: list[tuple[float, float]],
                 size: float, star_size: float = STAR_SIZE, dot: float = CARD_DOT) -> tuple[float, str]:
    """Where a source's number goes beside its point, in points up (and its vertical alignment): above the point,
    else below it, else above the highest star it would touch (a target met exactly: the star on the point). A star
    is ``star_size`` points across, the point's dot ``dot``: the number keeps clear of both by a point and more."""
    scale = 72 / figure.dpi
    x, y = ax.transData.transform(point) * scale
    star = star_size / 2 + 0.5  # a star's reach from its centre, in points (its edge's half width with it)
    # a star beside the point counts as far as the number (about ``size`` wide) could touch it
    marks = [(sx, sy) for sx, sy in (ax.transData.transform(s) * scale for s in stars) if abs(sx - x) < star + size / 2]
    away = dot / 2 + 2.35  # from the point's centre: 5 points beside a dot of 5.3

    def clear(low: float, high: float) -> bool:  # the number between y + low and y + high touches no star
        return all(sy - y + star + 1 <= low or sy - y - star - 1 >= high for _, sy in marks)

    if clear(away, away + size):
        return away, "bottom"
    if clear(-away - size, -away):
        return -away, "top"
    return max(sy - y for _, sy in marks) + star + 1, "bottom"


#: How many times a card's value axis may reach half a line further for a source's number to lie inside the figure.
MARK_ROOM_STEPS = 12


def _mark_offsets(ax, figure: Figure, points: list[tuple[float, float]], stars: list[tuple[float, float]],
                  size: float, star_size: float = STAR_SIZE, dot: float = CARD_DOT) -> list[tuple[float, str]]:
    """Each source's number's place beside its point (:func:`_mark_offset`), whole inside the figure: a number
    above a point at the top of the value axis reached past the figure's top edge and was cut off there (the Word
    card's chart, 0.97 inches high: 5 national's ③). Where one would, the value axis reaches further at the top,
    half a line at a time, until it lies inside, as the dotted line's label finds its room (:func:`_label_pace`)."""
    scale = 72 / figure.dpi
    line = size * 1.25  # a number's height, with its line's leading, in points
    ceiling = figure.bbox.height * scale
    for step in range(MARK_ROOM_STEPS + 1):
        offsets = [_mark_offset(ax, figure, point, stars, size, star_size, dot) for point in points]
        reach = max((ax.transData.transform(point)[1] * scale + dy + (line if va == "bottom" else 0)
                     for point, (dy, va) in zip(points, offsets)), default=0)
        if reach <= ceiling or step == MARK_ROOM_STEPS:
            return offsets
        bottom, top = ax.get_ylim()  # in the frame's order, bottom first (an inverted axis too)
        ax.set_ylim(bottom, top + (top - bottom) / (ax.bbox.height * scale) * line / 2)
    return offsets


#: Where a value's dot is drawn: over a target's star (zorder 4), under a source's number (5). A value just short of
#: its target (1,580 against 1,600) was hidden under the star, and the chart read as the target reached.
VALUE_OVER_TARGET = 4.5
#: A filled dot's white ring: the dot told from the black star it sits on (the dot as large inside it as without).
VALUE_RING = {"markeredgecolor": "white", "markeredgewidth": 0.8}
#: A card's projection at the observed pace: round dots (the legend's ···), apart from a target's dashed path.
DOTTED = {"linestyle": (0, (0.1, 2.4)), "dash_capstyle": "round", "linewidth": 1.8}
#: A target's straight path from the base year on a card (the legend's - - -).
DASHED = {"linestyle": (0, (4, 2.5)), "dash_capstyle": "butt", "linewidth": 1}


def held_segments(targets: list[tuple[int, float]], held_from, first: int, last: int,
                  edge: float = 0.3) -> list[tuple[float, float, float]]:
    """Where a level to hold every year is drawn: ``(value, from, to)`` in years, each target's level over the years
    it is held in, from the first year held (``held_from``; else ``first``) or the year after the target before, to
    its own year; each edge half way between two years, so an equal level the next target sets draws on without a
    gap, and ``edge`` beyond the first and the last year of the axis (``first``, ``last``). Weihai's 90 for 2023 and
    2024, held from 2023: one line from 2022.7 to 2024.3, none over 2020–2022, years no level is set for."""
    start = first if is_missing(held_from) else int(held_from)
    segments = []
    for target_year, value in sorted(targets):
        if target_year >= start:
            low = start - (edge if start <= first else 0.5)
            high = target_year + (edge if target_year >= last else 0.5)
            segments.append((value, low, high))
        start = max(start, target_year + 1)
    return segments


#: A series' course across years without a value (the national plan's R&D intensity: 2010, then 2014): dashed, in
#: the series' colour, thinner than its solid course, so no value is read where there is none.
GAP_DASHED = {"linestyle": (0, (2.5, 2)), "dash_capstyle": "butt"}


def value_gaps(years) -> list[tuple[int, int]]:
    """The years without a value between values, as (last year with a value, next year with one): [(2010, 2014)] for
    2010, 2014 and 2015; none where every year between the first and the last has its value."""
    years = sorted(int(y) for y in years)
    return [(a, b) for a, b in zip(years, years[1:]) if b - a > 1]


def _draw_course(ax, years, values, colour: str, linewidth: float) -> list[tuple[int, int]]:
    """A series' course: solid from year to year where each has its value, dashed (:data:`GAP_DASHED`) across years
    without one; the gaps drawn, as :func:`value_gaps` gives them."""
    points = dict(zip((int(y) for y in years), values))
    gaps = value_gaps(points)
    ordered = sorted(points)
    runs, run = [], [ordered[0]] if ordered else []
    for a, b in zip(ordered, ordered[1:]):
        if b - a > 1:
            runs.append(run)
            run = [b]
        else:
            run.append(b)
    runs.append(run)
    for run in runs:
        if len(run) > 1:
            ax.plot(run, [points[y] for y in run], color=colour, linewidth=linewidth)
    for a, b in gaps:
        ax.plot([a, b], [points[a], points[b]], color=colour, linewidth=linewidth * 0.7, **GAP_DASHED)
    return gaps


def gap_years(gap: tuple[int, int], words) -> str:
    """The years of a gap (:func:`value_gaps`) as the language writes them: 2011–2013, or 2012 alone."""
    first, last = gap[0] + 1, gap[1] - 1
    return year(first) if first == last else words.text("data_gap.span", first=year(first), last=year(last))


def card_years(context: ReportContext, targets: pd.DataFrame) -> list[int]:
    """The years a card's chart spans: from the plan's base year to its series' last target (``targets``: the series'
    target rows) or the report year, whichever is later."""
    last = max(targets["year"].max(), context.report_year) if not targets.empty else context.report_year
    return list(range(int(context.plan["base_year"]), int(last) + 1))


def card_alt(context: ReportContext, row) -> str:
    """A card's chart in words, for a reader who cannot see it: the series, what the chart shows of it and the years
    it spans ("Chart: R&D personnel from 2020 to 2024, against its targets"; 图表：研发人员数 2020—2024年走势与目标).
    A series is named by its short name alone where that tells it from the indicator's other series ("Provincial
    agri-tech park revenue / GDP", never "… (provincial series)" after it); its series beside a name both share."""
    words = context.words
    series = cards.series_values(context, row)
    years = card_years(context, series[series["value_type"] == "target"])
    named = (words.text("chart.alt.card_series", series=series_label(row.series, words))
             if cards.named_alike(context, row, "short_name") else "")
    what = words.text("chart.alt.card", name=localized(row, "short_name", words.language), series=named,
                      first=years[0], last=years[-1])
    return words.text("language.image_alt_of", alt=words["language.image_alt"], what=what)


def card_chart(context: ReportContext, row, size: tuple[float, float] | None = None,
               narrow: bool = False) -> Figure | None:
    """The course of one series against its targets, for its card: the baselines (open circles), every actual
    value (filled, numbered by its source), the targets (stars), the straight path from the base year to each
    target (what "on schedule" means, dashed), the projection at the observed pace (dotted; named "pace from the 2020
    baseline" where the plan period's move goes the other way: :func:`_label_pace`), and, for a target held
    every year, the line to stay above (or below). Each style is one item of the cards' legend (``card.legend``).
    ``narrow``: drawn for a phone (:data:`NARROW_CARD_SIZE`), its dots, stars and type larger; ``size``: inches
    (:data:`CARD_SIZE` on paper). None for a series with no value yet (no baseline, no actual value): its targets
    alone, a star on an empty frame, would show nothing the card's table does not say."""
    size = size or (NARROW_CARD_SIZE if narrow else CARD_SIZE)
    dot, star_size, text = (NARROW_CARD_DOT, NARROW_STAR_SIZE, PHONE_TEXT) if narrow else (CARD_DOT, STAR_SIZE,
                                                                                         CARD_TEXT)
    series = cards.series_values(context, row)
    baselines = series[series["value_type"] == "baseline"].sort_values("year")
    targets = series[series["value_type"] == "target"].sort_values("year")
    actual = cards.actuals(context, row)
    # a printed baseline a published value revised is drawn as that value (its number names the source; the notes
    # give the printed one): one mark a year, as the card's table has one baseline
    baselines = baselines[~baselines["year"].isin(actual["year"])]
    observed = pd.concat([baselines, actual]).sort_values("year", kind="stable").drop_duplicates("year", keep="last")
    if observed.empty:
        return None
    colour = STATUS_LINES[row.status]  # a line and its markers on white: 3:1 at least
    figure = Figure(figsize=size)
    ax = figure.add_axes((0.5 / size[0], 0.34 / size[1], 1 - 0.62 / size[0], 1 - 0.44 / size[1]))
    years = card_years(context, targets)
    ranges = targets[targets["upper"].notna()] if "upper" in targets else targets.iloc[0:0]
    if not ranges.empty:  # a range target: the band to end in, and a bar at each target year
        for target in ranges.itertuples():
            ax.fill_between([years[0] - 0.4, years[-1] + 0.4], target.value, target.upper, color="#1b5e20",
                            alpha=0.08, linewidth=0)
            ax.vlines(target.year, target.value, target.upper, colors="#212121", linewidth=2.2, zorder=4)
    elif row.direction in HELD_EVERY_YEAR:  # from the first year held: none over years the plan sets no level for
        for value, low, high in held_segments(list(zip(targets["year"], targets["value"])),
                                              getattr(row, "held_from", None), years[0], years[-1]):
            ax.hlines(value, low, high, colors=HELD_LINE["color"], linestyles=HELD_LINE["linestyle"],
                      linewidth=HELD_LINE["linewidth"])
    elif not is_missing(row.base_value):
        for target in targets.itertuples():
            ax.plot([row.base_year, target.year], [row.base_value, target.value], color=PATH_GREY, **DASHED)
    gaps = _draw_course(ax, observed["year"], observed["value"], colour, 1.8)
    # Markers as lines without a line (cheaper to draw than scatter collections, the same to the eye); a value's dot
    # over a target's star (:data:`VALUE_OVER_TARGET`), ringed in white: 1,580 against 1,600 shows its dot on the star
    ax.plot(baselines["year"], baselines["value"], linestyle="", marker="o", markersize=dot,
            markerfacecolor="white", markeredgecolor=colour, zorder=VALUE_OVER_TARGET)
    ax.plot(actual["year"], actual["value"], linestyle="", marker="o", markersize=dot + VALUE_RING["markeredgewidth"],
            color=colour, **VALUE_RING, zorder=VALUE_OVER_TARGET)
    if cards.pace_drawn(row):
        ax.plot([row.as_of_year, row.target_year], [row.latest_value, row.projected_value], color=colour, **DOTTED)
    ax.plot(targets["year"], targets["value"], linestyle="", marker="*", markersize=star_size, color="#212121",
            zorder=4)
    stars = list(zip(targets["year"], targets["value"]))
    if not ranges.empty:
        ax.plot(ranges["year"], ranges["upper"], linestyle="", marker="*", markersize=star_size, color="#212121",
                zorder=4)
        stars += list(zip(ranges["year"], ranges["upper"]))
    # every year named where the names stand apart, else every other one, down from the last (the Word card's 2010 to
    # 2015 ran together: "201020112012"); a tick for each year still
    apart = (size[0] - 0.62) / (years[-1] - years[0] + 0.8) - max(_text_inches(str(y), text) for y in years)
    every = 1 if apart >= YEARS_APART else 2
    ax.set_xticks(years, [str(y) if (years[-1] - y) % every == 0 else "" for y in years])
    _value_axis(ax.yaxis, row.kind, 4)
    if row.kind == "rank":
        ax.invert_yaxis()  # the first place on top: up is better
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.tick_params(labelsize=text)
    ax.grid(axis="x", visible=False)
    ax.margins(y=0.18)
    ax.autoscale_view()  # the limits the numbers are placed by
    _least_span(ax, row.kind)
    # each source's number beside its point, clear of a target's star, and whole inside the figure
    offsets = _mark_offsets(ax, figure, [(point.year, point.value) for point in actual.itertuples()], stars, text,
                            star_size, dot)
    numbers = []
    for point, (dy, va) in zip(actual.itertuples(), offsets):
        # on a white halo: a line passing behind it (a target's dashed path) never crosses the number
        numbers.append(ax.annotate(point.mark, (point.year, point.value), textcoords="offset points", xytext=(0, dy),
                                   ha="center", va=va, fontsize=text, color="#333", zorder=5,
                                   path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")]))
    if cards.pace_against_move(context, row):
        _label_pace(ax, row, context.words.text("chart.pace_from", base=year(row.base_year)), text, dot)
    away = (direction_sign(row.direction) > 0) != ax.yaxis_inverted()
    if gaps:
        _label_gaps(ax, figure, gaps, observed.set_index("year")["value"], away, context.words, text, dot,
                    lambda: _place_numbers(ax, figure, actual, numbers, stars, text, star_size, dot))
    return figure


def _place_numbers(ax, figure: Figure, actual: pd.DataFrame, numbers: list, stars, size: float, star_size: float,
                   dot: float) -> None:
    """Each source's number placed again beside its point (:func:`_mark_offsets`), whole inside the figure."""
    offsets = _mark_offsets(ax, figure, [(point.year, point.value) for point in actual.itertuples()], stars, size,
                            star_size, dot)
    for number, (dy, va) in zip(numbers, offsets):
        number.xyann = (0, dy)
        number.set_verticalalignment(va)


#: Inches at least between two years named under a card's chart (2 points).
YEARS_APART = 2 / 72
#: How many times a card's gaps are labelled again after its numbers moved the value axis (:func:`_label_gaps`).
GAP_LABEL_TRIES = 3
#: The least share of a card's value axis its values span once its gaps are labelled: a label for each gap that
#: leaves them less (two gaps' labels stacked on the national rank's Word card, 18–21 on an axis of 12–41) gives
#: way to one label naming every gap's years.
GAP_LABEL_SPAN = 0.4


def _label_gaps(ax, figure: Figure, gaps: list[tuple[int, int]], values: pd.Series, away: bool, words, size: float,
                dot: float, place_numbers) -> None:
    """Each dashed stretch named beside it ("no value 2014", :func:`_label_line`), clear of every other label, and
    each source's number placed again (``place_numbers``) where the labels' room moved the value axis; where that
    moves the axis again (a number reached past the top), the labels are placed again on it. Where the labels' room
    leaves the values less than :data:`GAP_LABEL_SPAN` of the axis, one label names every gap's years (no value
    2011–2012, 2014) beside the stretch from the first gap to the last."""
    unlabelled = ax.get_ylim()
    each = [(gap, words.text("chart.gap_years", years=gap_years(gap, words))) for gap in gaps]
    every = [((gaps[0][0], gaps[-1][1]), words.text("chart.gap_years",
                                                    years=words["grammar.comma"].join(gap_years(g, words)
                                                                                      for g in gaps)))]
    low, high = values.min(), values.max()
    for labels in (each, every) if len(gaps) > 1 else (each,):
        ax.set_ylim(unlabelled)
        written = len(ax.texts)
        for attempt in range(GAP_LABEL_TRIES):
            for placed in ax.texts[written:] if attempt else []:
                placed.remove()
            for (first, last), label in labels:  # the card's legend has no item for a dashed stretch
                _label_line(ax, (first, values[first]), (last, values[last]), away, label, size, dot,
                            middle_first=True)
            limits = ax.get_ylim()
            place_numbers()
            if ax.get_ylim() == limits:
                break
        bottom, top = ax.get_ylim()
        if (high - low) >= GAP_LABEL_SPAN * abs(top - bottom) or labels is every or len(gaps) == 1:
            return
        for placed in ax.texts[written:]:
            placed.remove()


def _drawn_points(ax) -> np.ndarray:
    """Pixels a label must keep off on a card's chart: every line drawn (sampled every 2 pixels along it), each
    marker's rim and each number already placed, by its anchor and offset."""
    points = []
    scale = ax.figure.dpi / 72
    for line in ax.lines:
        xy = ax.transData.transform(line.get_xydata())
        if line.get_linestyle() not in ("None", "", " ") and len(xy) > 1:
            for a, b in zip(xy[:-1], xy[1:]):
                steps = max(2, int(np.hypot(*(b - a)) / 2) + 1)
                points.extend(a + (b - a) * t for t in np.linspace(0, 1, steps))
        if line.get_marker() not in ("None", "", " ", None):
            rim = line.get_markersize() * scale / 2
            points.extend(p + rim * np.array([math.cos(k * math.pi / 4), math.sin(k * math.pi / 4)])
                          for p in xy for k in range(8))
            points.extend(xy)
    for collection in ax.collections:  # a level held every year (hlines), a range's bars (vlines)
        for path in getattr(collection, "get_segments", lambda: [])():
            xy = ax.transData.transform(path)
            for a, b in zip(xy[:-1], xy[1:]):
                points.extend(a + (b - a) * t for t in np.linspace(0, 1, max(2, int(np.hypot(*(b - a)) / 2) + 1)))
    for mark in ax.texts:
        x, y = ax.transData.transform(mark.xy) + np.asarray(mark.xyann) * scale
        reach = mark.get_fontsize() * scale
        points.extend([(x, y), (x - reach / 2, y), (x + reach / 2, y), (x, y + reach), (x, y - reach)])
    return np.array(points).reshape(-1, 2)


def _text_boxes(ax) -> list[tuple[float, float, float, float]]:
    """Where each text already written on ``ax`` lies, in pixels (left, bottom, right, top), its white halo with it:
    a label placed after it keeps off its whole extent, not only off its anchor (the national rank's Word card wrote
    "no value 2014" over "no value 2011–2012", whose anchor was a third of the chart away)."""
    halo = 1.5 * ax.figure.dpi / 72
    return [(box.x0 - halo, box.y0 - halo, box.x1 + halo, box.y1 + halo)
            for box in (text.get_window_extent() for text in ax.texts if text.get_visible() and text.get_text())]


def _overlaps(box: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether ``box`` (left, bottom, right, top) meets any of ``boxes``."""
    return any(box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3] for other in boxes)


#: How many times a card's value axis may reach half a line further to find the dotted line's label a place.
PACE_ROOM_STEPS = 12


def _label_pace(ax, row, label: str, size: float, dot: float) -> None:
    """A card's dotted line named for what it is where the series' move since the plan began goes the other way
    ("pace from the 2020 baseline": 4 provincial's line falls from 2.9 in 2022 though the series rose since 2021),
    on a white halo, as a source's number: beside the line, on the side away from the targets first, at the first
    place clear of every line, mark and number drawn (:func:`_drawn_points`) and inside the frame: under its end,
    its right edge at the target year (the final's 2024); else from its start, or under its middle; else on two
    lines (the mid-term's line, 2022 to 2023, is short: its end's left is the plan period's own rise); where none is
    clear, the value axis reaches further on the label's side until one is (never over the years under the frame)."""
    away = (direction_sign(row.direction) > 0) != ax.yaxis_inverted()  # the targets above: the label below the line
    _label_line(ax, (row.as_of_year, row.latest_value), (row.target_year, row.projected_value), away, label, size,
                dot)


def _label_line(ax, start: tuple[float, float], end: tuple[float, float], away: bool, label: str, size: float,
                dot: float, middle_first: bool = False) -> None:
    """``label`` beside a card's line from ``start`` to ``end`` (:func:`_label_pace`), below it first where ``away``;
    ``middle_first``: under (or over) its middle first, then its end, then its start, each line of it whole (a dashed
    stretch's "no value 2014", whose years are its middle's)."""
    scale = ax.figure.dpi / 72
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    gap = dot / 2 + 2
    shown = [label, _wrap(label, _text_inches(label, size) * 0.6, size, lines=3 if middle_first else 2)]
    ends = ((end, "right"), (start, "left"), (middle, "center"))
    places = [(down, point, ha) for down in (away, not away) for point, ha in (ends[2:] + ends[:2] if middle_first
                                                                               else ends)]
    chosen = None
    # a chart too low for the label anywhere (the Word card's, 0.97 inches high) gives it room: its value axis
    # reaches further on the side away from the targets, half a line of the label at a time, until one place is clear;
    # a place a label written before takes (a gap's beside another gap's) is tried again past that label, stacked
    for step in range(PACE_ROOM_STEPS + 1):
        taken, frame, written = _drawn_points(ax), ax.bbox, _text_boxes(ax)
        for stacked in (False, True):
            for text in dict.fromkeys(shown):
                width, height = _text_inches(text, size) * ax.figure.dpi, (text.count("\n") + 1) * size * 1.25 * scale
                for down, point, ha in places:
                    x, y = ax.transData.transform(point)
                    left = {"right": x - width, "left": x, "center": x - width / 2}[ha]
                    top = y - gap * scale if down else y + gap * scale + height
                    box = (left - 1, top - height - 1, left + width + 1, top + 1)
                    if stacked:  # past every label in its way, on the same side of the line
                        met = [other for other in written if _overlaps(box, [other])]
                        if not met:
                            continue
                        top = min(o[1] for o in met) - 1 if down else max(o[3] for o in met) + 1 + height
                        box = (left - 1, top - height - 1, left + width + 1, top + 1)
                    edge = 2 * scale if stacked else 0  # a stacked label off the frame's edge, its ticks outside it
                    inside = (frame.x0 + edge <= box[0] and box[2] <= frame.x1 - edge and frame.y0 + edge <= box[1]
                              and box[3] <= frame.y1 - edge)
                    clear = not ((taken[:, 0] > box[0]) & (taken[:, 0] < box[2]) & (taken[:, 1] > box[1])
                                 & (taken[:, 1] < box[3])).any() and not _overlaps(box, written)
                    if inside and clear:
                        offset = (top - (0 if down else height) - y) / scale if stacked else -gap if down else gap
                        chosen = (text, down, point, ha, offset)
                        break
                if chosen:
                    break
            if chosen:
                break
        if chosen or step == PACE_ROOM_STEPS:
            break
        bottom, top = ax.get_ylim()  # in the frame's order, bottom first (an inverted axis too)
        more = (top - bottom) / frame.height * size * 1.25 / 2 * scale
        ax.set_ylim((bottom - more, top) if away else (bottom, top + more))
    text, down, point, ha, offset = chosen or (label, away, end, "right", -gap if away else gap)
    ax.annotate(text, point, textcoords="offset points", xytext=(0, offset), ha=ha,
                va="top" if down else "bottom", multialignment=ha if ha != "center" else "center", fontsize=size,
                color="#333", zorder=5, path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")])

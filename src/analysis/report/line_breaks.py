"""Where a line of the report may break: never inside a number with its unit, a year range or a short label.

WeasyPrint breaks lines by Unicode's rules (UAX #14), which allow a break between a number and the Chinese
character after it (``2024|年``), around a dash in a range (``2023—|2024``) and between any two Chinese
characters (``红色预|警``), and it knows neither ``word-break: keep-all`` nor ``line-break: strict``. So the
HTML marks what must stay whole: each piece in a ``<span class="nobr">`` (``white-space: nowrap`` in
report.css), the text itself unchanged and escaped. Between two such pieces a line may still break, as
between any two characters of Chinese. The Word edition sizes its table columns to the same pieces
(:func:`label_pieces`).
"""
from __future__ import annotations

import functools
import logging
import re
from html import unescape

from markupsafe import Markup, escape

from ..catalog import catalog
from ..settings import LANGUAGES

#: A Chinese character (an ideograph: a unit or a measure word, not punctuation).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Latin letters, digits and the marks inside a number (2.61, 24,800, 97.9%, R&D): Unicode's line-breaking rules,
#: which Word and LibreOffice follow, never break between two of them.
GLUED = "0-9A-Za-z.,%&"
#: Chinese text a line of Chinese may break inside: ideographs and full-width marks (CJK punctuation, full-width
#: forms).
CJK = f"{HAN}\u3000-\u303f\uff01-\uff5d"
#: Where the Word edition puts a word joiner (U+2060) in what it keeps whole: between two characters, not both
#: :data:`GLUED` (no line breaks there anyway), nor both Chinese (:data:`CJK`: a word, a label, a unit of several
#: characters as typed, 未达标, 个百分点), nor a letter and Chinese (R&D经费), nor after an opening bracket or before
#: a closing mark (no line breaks there either): only where a number meets its unit or the other end of its range
#: (2023年, 2022—2024, 0.2个百分点), so that Word's Find finds 2023, R&D, 未达标 or an indicator's name as typed,
#: and a copy carries no invisible characters inside words.
JOINS = re.compile(f"(?<=.)(?=.)(?<![（《“‘])(?![）》”’，。、；：！？])(?!(?<=[{GLUED}])[{GLUED}])"
                   f"(?!(?<=[{CJK}])[{CJK}])(?!(?<=[A-Za-z&])[{CJK}])(?!(?<=[{CJK}])[A-Za-z&])", re.S)
#: A number, signed or not, with thousands separators and decimals: whole, never from inside another (the "8" of
#: "2.8", the "0" of "3.0"), nor with the comma after it ("2.8, provincial" is no number with its series).
NUMBER = r"(?<![\d.,])(?<!\d[.,])[+\-−]?\d(?:[\d,]*\d)?(?:\.\d+)?"


def _unit_words(labels: str = "", slash: str = "/") -> str:
    """A number's unit of more than one Chinese character (0.2个百分点, 158亿元, 0.7件/万人, 4 省级): one unit, never
    个百 | 分点; in Word the only Chinese characters joined to each other by word joiners (:func:`unit_joined`). A unit
    per unit ends before one of ``labels`` after it (77家/万人已达到目标值: the unit is 家/万人, the label its own)."""
    per = rf"[{HAN}]+{slash}[{HAN}](?:(?!(?:{labels}))[{HAN}])*" if labels else rf"[{HAN}]+{slash}[{HAN}]+"
    return rf"个百分点|{per}|亿元|万元|万人|国家级|省级|市级"


UNIT_WORDS = _unit_words()


@functools.cache
def _number_unit() -> re.Pattern:
    """A unit word right after its number (and the space or word joiners between them)."""
    labels = "|".join(re.escape(label) for label in short_labels())
    return re.compile(r"(?<=[\d%])[ \u00a0\u202f\u2060]*(?:" + _unit_words(labels, "\u2060?/\u2060?") + ")")


def unit_joined(text: str) -> str:
    """``text`` with the characters of each unit word right after a number (:func:`_unit_words`) joined by word
    joiners: LibreOffice breaks a line of Chinese between any two characters, and printed 158亿 | 元 and 0.3个百 |
    分点 in running text where only the number and its unit were joined."""
    return _number_unit().sub(lambda match: re.sub(f"(?<=[{HAN}])(?=[{HAN}])", "\u2060", match.group()), text)


def _kept_pattern(labels: str = "", series: str = "") -> str:
    """A number that keeps its unit or the other end of its range: ``2024年``, ``0.2个百分点``, ``158亿元``,
    ``92 %``, ``0.7 pp``, ``2023—2024年``, ``10—12月``, ``26 项``; a bare number needs nothing (no line breaks
    inside one). A Chinese character after a number is its unit unless it starts one of ``labels`` (``R ≥ 0.95
    进度正常``: the label is kept whole instead). An indicator's number keeps the name of its series after it in
    every language, ``series`` (:func:`series_labels`): ``4 省级``, ``4 provincial``, never "4 | provincial"."""
    single = rf"(?!(?:{labels}))[{HAN}]" if labels else rf"[{HAN}]"
    # 件/万人, 吨/万元: a unit per unit is one unit; a series after its indicator's number (4 省级) one piece with it
    unit = rf"{_unit_words(labels)}|{single}"
    after = rf"|\s(?:{series})(?![A-Za-z])" if series else ""
    return (rf"{NUMBER}(?:\s?[—–~～]\s?{NUMBER})?(?:\s?(?:{unit}|%)|\spp\b{after})|"
            rf"{NUMBER}\s?[—–~～]\s?{NUMBER}")


@functools.cache
def series_labels() -> str:
    """The names of an indicator's series in every language (国家级, national, provincial), longest first, as one
    alternation: a list naming an indicator by its number and series (指标 4 省级, indicators 4 provincial, 21) keeps
    the two on one line, as the catalogs write them (``summary.currency_series``: " {series}")."""
    labels = {label for language in LANGUAGES for label in catalog(language)["series"].values()}
    return "|".join(re.escape(label) for label in sorted(labels, key=lambda label: (-len(label), label)))


@functools.cache
def number_words() -> str:
    """The words that name a thing by the number after them, in every language (the catalogs'
    ``language.number_words``: 指标, 第, indicator, No.), an English one with a capital or not, as one pattern: a
    reference keeps its word with its number and series (指标 4 省级, indicators 4 provincial, No. 18, 第2条), never
    "指标 | 4 省级" nor "No. | 18". A word of more than one character stands as a word of its own, not the end of
    another ("subindicators 4"; 定性指标 3 项 counts indicators, a line may break before the count as between any
    words); one Chinese character is a prefix, wherever it stands (第二项第2条). A pattern that matches nothing in
    languages without such words."""
    said = {word for language in LANGUAGES for word in catalog(language)["language.number_words"]}
    said |= {word[0].upper() + word[1:] for word in said if word.isascii()}
    words = "|".join(re.escape(word) for word in sorted(said, key=lambda word: (-len(word), word)) if len(word) > 1)
    prefixes = "".join(re.escape(word) for word in sorted(said) if len(word) == 1)
    return "|".join([*([rf"(?<![{HAN}A-Za-z])(?:{words})"] if words else []),
                     *([f"[{prefixes}]"] if prefixes else [])]) or r"(?!)"


def _reference_pattern(number: str) -> str:
    """A reference by number (:func:`number_words`): the word, a space or none, and the first number after it as
    ``number`` keeps it (with its series or unit: 指标 4 省级, 第2条)."""
    return rf"(?:{number_words()})[ \u00a0\u202f]?(?:{number}|{NUMBER})"


KEPT = re.compile(_kept_pattern())
#: "No data" and "missed" in Chinese, kept whole after the years they follow (2023—2024 年无数据: never 年无数|据;
#: 2022年未达到: never 未|达到).
NO_DATA = "尚无数据|无数据|未达到|进展判断|非最终判定"
#: A number whose thousands are set apart by a space (``10 000``, as SI writes it): one number, never broken.
SPACED_NUMBER = r"(?<![\d.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?(?!\d)"
#: The last two Chinese characters of a text (a cell, a name, an item without a full stop): kept on one line, so that
#: none is left alone at the start of the last (``R&D经费投入强`` / ``度*``), the widow typesetters avoid.
TEXT_END = rf"[{HAN}]{{2}}$"
#: A cell's last two Chinese characters with a unit in brackets after them (下降率（%）, never 下降 | 率（%）); not a
#: year or a number in brackets, nor a unit per unit (（件/万人）, its own piece).
UNIT_END = rf"[{HAN}]{{2}}（[^（）/\d]{{1,8}}）$"
#: The method note's cut-offs of the progress ratio (``0.6 ≤ R < 0.95``, ``R ≥ 0.95``): one piece, never ``0.6 ≤ | R``.
INEQUALITY = r"(?:\d+(?:\.\d+)?\s?[≤<]\s?)?(?<![A-Za-z&])R\s?[<≤≥]\s?−?\d+(?:\.\d+)?"
#: A date as ISO 8601 writes it (a source's publication: 2021-06-10): one piece, never ``2021- | 06-10``.
ISO_DATE = r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])"
#: A move from one value to another (``2.7% → 2.9%``, ``86 → 82``): the arrow stays with the value before it, never
#: ``2.7 | %`` nor ``2.7% | → 2.9%``; a line may break after the arrow (the two whole in a phone's narrow cell would
#: widen its column past the screen).
MOVE = rf"{NUMBER}%?\s?→"
#: A year in Latin brackets after a gap or a value (``0.5 pp (2022)``): one piece, never its closing bracket alone
#: at the start of a line, as WeasyPrint left it after the year (Chinese keeps ``（2022年）`` by its own rules).
YEAR_IN_BRACKETS = r"\(\d{4}\)"
#: A short aside in Latin brackets that ends in the years it dates (``(missed in 2023)``, ``(from 2022)``, ``(missed
#: in 2022 and 2023)``): one piece, as Chinese keeps ``（2023年未达到）`` (:data:`SHORT_ASIDE`), never "(missed in |
#: 2023)" with the year alone below; a longer one, or one with a number or a comma of its own, breaks as its words do.
YEARS_ASIDE = r"\((?:[a-z]+ ){1,3}\d{4}(?:(?:, | and )\d{4}){0,2}\)"
#: The word for a relative rate after a share's percentage points whole, and in English with its rate: "相对" (never
#: "（相 | 对 +7.3%）"; a narrow cell may still break before the rate: "（相对 +25.0%）" whole is wider than a phone's
#: column), "+7.3% relative" (never "(+7.3% | relative)").
RELATIVE = rf"相对|{NUMBER}%\s?relative\b"
#: A year with the value it gives after it (``2022年 2.9%``, ``2023年 24,300人``): one piece, never ``2022年 | 2.9%``,
#: the year read apart from what it dates; the value as :func:`_kept_pattern` keeps it, with its unit.
YEAR_VALUE = r"(?<![\d.,])\d{4}年 ?(?=[+\-−]?\d)"
#: A short clause in full-width brackets (``（相对 +7.3%）``, ``（2023年未达到）``, ``（2020年起）``): one block, on the
#: line where it fits or whole on the next, never ``（相对 | +7.3%）``; only where the block alone is wider than its
#: column (a mid-term scorecard's column of what each series needs) does it break inside, between its own pieces
#: (:func:`marked`). A longer one, or one with a comma in it (a clause, a list), breaks as its words do.
SHORT_ASIDE = re.compile(r"（[^（），；。、\n]{1,10}）")
#: An opening bracket with a word of one letter after it and the word after that (``(a value``, ``(I think``): one
#: piece, never "(a" alone at the end of a line.
BRACKETED_LETTER = r"[(（\[](?<![A-Za-z0-9][(\[])[A-Za-z] [^\s()（）\[\]]+"
#: A number in an English unit with what it counts (per 10,000 people, 100 million yuan, per 100 person-years, its
#: thousands set apart by a space too: per 10 000 yuan): one piece, as a number keeps its unit (never "per 10,000 |
#: people", "100 million | yuan"); not a year (a header's "2020 baseline" breaks as its words do).
COUNTED = (rf"(?<![\w.,])(?!(?:1[89]|2[01])\d\d\b)(?:{SPACED_NUMBER}|{NUMBER})(?: (?:thousand|million|billion))? "
           rf"[A-Za-z]+(?:-[A-Za-z]+)*")
#: "per" with what it is per (per 10,000 people, per 100 person-years, per worker): one piece, a unit breaking before
#: "per" where its cell is narrow (person-years | per 10,000 employed), never after it (per | 10,000 people).
PER = rf"(?<![A-Za-z])per (?:{COUNTED}|[A-Za-z]+(?:-[A-Za-z]+)*)"
#: Words that follow a number without being its unit ("24 in 2023", "7 of the 26", "11 and 1"): a line may break
#: after the number before one as before any word.
NOT_UNITS = ("a", "an", "and", "are", "as", "at", "by", "for", "from", "had", "has", "have", "in", "is", "met",
             "missed", "of", "on", "or", "over", "than", "the", "to", "was", "were", "with")
#: A number in running English with the first word of its unit or of what it counts ("1 base short", "20 enterprises
#: short", "(1 series)"): one piece (never "1 | base short"), as a number keeps its unit; not a percentage, whose unit
#: is its sign, a year ("in 2023 the"), a bound and the label after it ("0.0 ≤ R < 0.6 insufficient"), nor a word that
#: is no unit (:data:`NOT_UNITS`). The HTML keeps the text's spaces: a span that never breaks holds the two.
NUMBER_WORD = (rf"(?<![\w.,])(?<![<>≤≥=] )(?!(?:1[89]|2[01])\d\d\b){NUMBER}(?![\d%]) "
               rf"(?!(?:{'|'.join(NOT_UNITS)}|per)\b)[a-z]+(?:-[a-z]+)*")
#: :data:`COUNTED` or :data:`PER`, a number whole with "per" after it (17.3 per 10,000 people, never 17.3 per |
#: 10,000 people); a line may break before "per" after what a number counts (10,000 yuan | per worker).
COUNTED_PER = rf"(?<![\w.,]){NUMBER} {PER}|{PER}|{COUNTED}"
#: Width in Latin letters beyond which a label may break between its words (a CJK character counts two).
SHORT_LABEL = 12


#: Width in Latin letters up to which a status or warning badge stays on one line on paper and a wide screen:
#: "Projected to miss", "Interim target met" and "Interim target missed" (21) whole (a badge on two lines, "Interim
#: target / missed", read as two); a longer one ("Moderate progress, accelerate") breaks between its words, as a
#: narrow column beside the numbers needs (wider, it covered them).
WHOLE_BADGE = 21


def is_whole_badge(text) -> bool:
    """A badge that never breaks (:data:`WHOLE_BADGE`), nor has a place to break of its own (已达标但 | 有回落风险)."""
    return columns(text) <= WHOLE_BADGE and not BADGE_BREAK.search(str(text))


def columns(text) -> float:
    """How wide ``text`` is in Latin letters: a CJK character counts two."""
    return sum(2.0 if ord(character) >= 0x2E80 else 1.0 for character in str(text))


def is_short(text) -> bool:
    """A label that fits a table column on one line (a badge that never breaks); a longer one breaks between its
    words, never inside one (a Chinese one between characters, as Chinese is set)."""
    return columns(text) <= SHORT_LABEL


@functools.cache
def short_labels() -> tuple[str, ...]:
    """The catalogs' short labels, which a sentence keeps whole too: the statuses, the warning levels, the official
    status words (未达标, 红色预警, not achieved), a final evaluation's list's words (未完成, 数据缺失), every
    language's, longest first."""
    labels = set()
    for language in LANGUAGES:
        words = catalog(language)
        labels |= {*words["status"].values(), *words["status_in_sentence"].values(),
                   *words["warnings.level"].values(), *words["warnings.level_final"].values(),
                   words["pace.met"], words["pace.met_named"]}
        for vocabulary in words["official_status"].values():
            labels |= set(vocabulary["words"].values())
    return tuple(sorted((label for label in labels if is_short(label) and len(label) > 1),
                        key=lambda label: (-len(label), label)))


def _per_year() -> str:
    """A change a year with its unit and the words for "a year" after it (the catalogs' ``language.per_year``: "+0.03
    pp a year", "+8.8% a year"): one piece, never "+0.03 pp a | year"; a pattern that matches nothing in a language
    without such words."""
    said = sorted({phrase for language in LANGUAGES for phrase in catalog(language)["language.per_year"]},
                  key=len, reverse=True)
    if not said:
        return r"(?!)"
    return rf"{NUMBER}(?:%|\spp\b)?\s(?:{'|'.join(re.escape(phrase) for phrase in said)})(?![A-Za-z])"



@functools.cache
def _kept(rates: bool = True) -> re.Pattern:
    """:data:`KEPT`, or one of :func:`short_labels` standing as a word of its own; ``rates``: a completion rate whole
    too (完成率 96.4%), as a table's cell keeps it, not running text (:func:`body_kept_pattern`)."""
    labels = "|".join(re.escape(label) for label in short_labels())
    number = _kept_pattern(labels, series_labels())
    return re.compile(rf"{BRACKETED_LETTER}|{_reference_pattern(number)}|{YEAR_VALUE}(?:{number}|{NUMBER})|"
                      rf"{ISO_DATE}|{INEQUALITY}|{MOVE}|{YEAR_IN_BRACKETS}|{YEARS_ASIDE}|{RELATIVE}|{_per_year()}|"
                      rf"{_held_pattern(rates)}|"
                      rf"{SPACED_NUMBER}|"
                      rf"{number}|"
                      rf"{NO_DATA}|"
                      rf"(?<![A-Za-z])(?:{labels})(?![A-Za-z])" if labels else rf"{SPACED_NUMBER}|{KEPT.pattern}")


@functools.cache
def number_pieces() -> re.Pattern:
    """A number with its unit or the other end of its range (:data:`KEPT`: 2024年, 7 个, 2022—2024年, 2021–2023,
    0.7 pp), not a short label after a number (基础值 86 已达到目标值: 已 is no unit), nor a reference's word before
    a number (指标 4: Find finds 指标 as typed), and nothing else: what the self-evaluation's plain Word draft keeps
    whole."""
    labels = "|".join(re.escape(label) for label in short_labels())
    return re.compile(_kept_pattern(labels, series_labels()))


def kept_pattern() -> re.Pattern:
    """What a line never breaks inside, as :func:`keep_together` marks it: a number with its unit, a range, a level
    held every year, a completion rate, a short label of the catalogs (the Word edition keeps the same pieces)."""
    return _kept()


def body_kept_pattern() -> re.Pattern:
    """What a line of running text never breaks inside: :func:`kept_pattern` but a completion rate, whose word and
    number may part as any word and number do (完成率 | 99.5%): the piece （完成率 99.5%）， carried over whole, would
    space a justified line of Chinese out. A short range stays whole, as a reader reads it: never （2022— | 2024年）
    nor "in 2021– | 2023"."""
    return _kept(False)


def _held_pattern(rates: bool = True) -> str:
    """A level to hold every year as the catalogs write it (每年≥90%, ≥90% every year), and with ``rates`` a completion
    rate (完成率 96.4%), kept whole; where words follow the value after a space, the value and the words are each
    whole and a line may break between them ("≥90% | every year"), as a column too narrow for the whole needs: kept
    as one piece it ran past the edge of a value's column."""
    forms = []
    for language in LANGUAGES:
        words = catalog(language)
        for key, field in (("pace.hold_at_least", "target"), ("pace.hold_at_most", "target"),
                           ("pace.floor", "target"), *([("scorecard.final_rate", "rate")] if rates else [])):
            head, _, tail = words[key].partition("{" + field + "}")
            spaced = re.fullmatch(r"(%?)\s+(\S.*)", tail)
            if spaced and field == "target":  # "≥{target} every year": "≥90%" and "every year", each whole
                forms += [rf"{re.escape(head)}{NUMBER}%?(?={re.escape(tail.removeprefix(spaced[1]))})",
                          rf"(?<=\d{re.escape(spaced[1])} ){re.escape(spaced[2])}",
                          rf"(?<=\d% ){re.escape(spaced[2])}"]
            else:
                forms.append(rf"{re.escape(head)}{NUMBER}%?{re.escape(tail)}")
        # a level in words ("须不低于 90%", "at least 0.5 tonnes"): its words whole (never 须不 | 低于), the amount
        # after them kept with its unit as any amount is
        forms += [rf"{re.escape(words[key].partition('{target}')[0].rstrip())}(?=\s*[-+−]?\d)"
                  for key in ("pace.hold_at_least_needed", "pace.hold_at_most_needed")]
    return "|".join(sorted(set(forms), key=len, reverse=True))


def marked(text: str, pieces: list[tuple[int, int]], between: bool = False, blocks=()) -> Markup:
    """``text`` escaped, the ``(start, end)`` pieces each in a span that never breaks; ``between``: a ``<wbr>``
    between two pieces that touch, so that a table sized to its cells' narrowest width knows a line may break there
    (WeasyPrint and the browsers break between two such spans, but may size a column to the two as one). A piece
    among ``blocks``, a short aside (:func:`asides`), is a block (report.css: ``.aside``) of its own pieces, whole on
    one line where its column holds it, broken between them only where it does not."""
    out, last = [], 0
    for start, end in pieces:
        gap = Markup("<wbr>") if between and start == last and last else Markup("")
        piece = text[start:end]
        inner = _aside_pieces(piece) if (start, end) in blocks else [(0, len(piece))]
        inside = (Markup('<span class="aside">%s</span>') % marked(piece, inner) if len(inner) > 1
                  else Markup('<span class="nobr">%s</span>') % piece)  # one piece: a span that never breaks
        out += [_opening(text[last:start], between and last), gap, inside]
        last = end
    out.append(_opening(text[last:], between and last))
    return Markup("").join(out)


def _aside_pieces(aside: str) -> list[tuple[int, int]]:
    """A short aside's own pieces (``（相对`` and ``+7.3%）``; ``（2023年`` and ``未达到）``; ``（件/万人）`` one), as
    running text keeps them, and a unit per unit whole."""
    spans = [match.span() for match in body_kept_pattern().finditer(aside)] + chinese_words(aside)
    spans += [match.span() for match in re.finditer(rf"[{HAN}]+/[{HAN}]+", aside)]
    # the opening bracket with the piece after it (a line never ends with it)
    return merged([(0 if start == 1 else start, _closing_end(aside, stop)) for start, stop in spans])


def asides(text: str) -> list[tuple[int, int]]:
    """Where the short asides of ``text`` stand (:data:`SHORT_ASIDE`), each with the closing marks after it."""
    return [(match.start(), _closing_end(text, match.end())) for match in SHORT_ASIDE.finditer(text)]


#: The marks that end a clause of Chinese: a note in a table cell is read clause by clause (方案表列 5%，未标“≥”，…).
CLAUSE_MARKS = "，；。、："
#: A clause of a Chinese note between two of :data:`CLAUSE_MARKS` (or the note's start or end), with no bracket in
#: it (a short aside has its own block: :data:`SHORT_ASIDE`).
CLAUSE = re.compile(rf"(?<![^{CLAUSE_MARKS}])[^{CLAUSE_MARKS}（）()\n]+(?![^{CLAUSE_MARKS}])")
#: Width in Latin letters (a CJK character counts two) up to which a clause of a note in a narrow cell is one block,
#: its closing mark with it: six Chinese characters, "方案表列 5%" or "未标“≥”", which the narrowest column that
#: holds notes (a status's, 8 characters of its 7.5 pt type) holds whole with the mark after it.
SHORT_CLAUSE = 12


def clauses(text: str) -> list[tuple[int, int]]:
    """Where the short clauses of a Chinese note stand (:data:`CLAUSE`, :data:`SHORT_CLAUSE` wide at most, the
    closing marks after each with it), in a note of two clauses or more: each a block whole on the line where it fits
    or on the next, never "方案 | 表列 5%" nor "未 | 标“≥”" (a word the segmenter does not know), broken between its
    own pieces only where it is wider than its column. None in a text of one clause, nor in a language that breaks
    at spaces."""
    if not re.search(f"[{CLAUSE_MARKS}]", text):
        return []
    return [(match.start(), _closing_end(text, match.end())) for match in CLAUSE.finditer(text)
            if re.search(f"[{HAN}]", match.group()) and match.group() == match.group().strip()
            and columns(match.group()) <= SHORT_CLAUSE]


#: The marks a line may start with but never end with: after a kept piece, a line may break before one
#: (+0.8个百分点 | （+1.9%）), which WeasyPrint does not see on its own after a span that never breaks.
OPENING_MARKS = "（〔「『【《"


def _opening(text: str, after_piece) -> Markup:
    """``text`` escaped, and where it follows a kept piece and opens with a bracket, a ``<wbr>`` before it."""
    return (Markup("<wbr>") if after_piece and text and text[0] in OPENING_MARKS else Markup("")) + escape(text)


#: A web address in a text (a source's): a line breaks in it after a slash (``…/reports/ | 2014-03/``), as addresses
#: are broken in print, never before a dot or at an underscore (never ``content | _31952113.htm``, ``t20161111_11620910
#: | .htm``), and inside a part longer than the column only as a last resort (the cell's ``overflow-wrap``); its scheme
#: is kept with the first label of its host (``https://zh.``), never "https://" alone at the end of a line. A full
#: stop or a comma after it ends the sentence, not the address. Read from escaped text: an address ends before an
#: escaped quote or bracket (&#34;, &lt;), which no address holds, and holds &amp; whole.
ADDRESS = re.compile(r"(?P<host>https?://(?:[^\s<>（）()，；/&]|&amp;)+)"
                     r"(?P<path>(?:(?:[^\s<>（）()，；&]|&amp;)*[^\s<>（）()，；.,;:!?&])?)"
                     r"(?P<tail>[）)」』】》〕，。；：、！？,.;:!?]*)")
ADDRESS_BREAK = re.compile(r"(?<=/)(?=[^/])")
#: An address's scheme and the first label of its host (``http://www.``), or its whole host where it has one label.
ADDRESS_HEAD = re.compile(r"https?://[^.]*\.?")
#: A long part of an address's path (a file's name, a 32-character hash): printed as one block (report.css:
#: ``.address-part``), on the line where it fits or whole on a line of its own after the slash before it; only where
#: the part alone is wider than its column does it break inside, before its extension first
#: (``d21c972a77fcce6b4a52f7c19bb34693 | .html``, never ``…bb34693.ht | ml``), inside the name only where that alone is
#: wider still (the cell's ``overflow-wrap``). A shorter part is one piece as it is. The marks after an address that
#: no line starts with (``）。``, ``;``) are in the last part's block: a broken block takes the column's width, and a
#: closing bracket after it ran past the column's edge.
ADDRESS_PART = re.compile(r"(?<=/<wbr>)[^/<]{16,}")
#: Where a long part of an address may break when it is wider than its column: before its extension (``.html``).
ADDRESS_EXTENSION = re.compile(r"(?<=[^.])(?=\.[A-Za-z0-9]{2,5}$)")


def _address_breaks(html: Markup) -> Markup:
    def part(match: re.Match) -> str:
        return f'<span class="address-part">{ADDRESS_EXTENSION.sub("<wbr>", match.group())}</span>'

    def broken(match: re.Match) -> str:
        host = match.group("host")
        head = ADDRESS_HEAD.match(host).group()
        path, tail = ADDRESS_PART.sub(part, ADDRESS_BREAK.sub("<wbr>", match.group("path"))), match.group("tail")
        if tail and path.endswith("</span>"):  # its last part's block
            path = path[:-len("</span>")] + tail + "</span>"
            tail = ""
        # a link to the address (http and https only: ADDRESS matches no other scheme), its href the address as
        # typed, escaped once more from the text it was read from; rel="noopener": the page it opens cannot reach
        # back into the report. Its closing marks in its last part's block are in the link with it.
        href = escape(unescape(match.group("host") + match.group("path")))
        return (f'<a class="address" href="{href}" rel="noopener"><span class="nobr">{head}</span>'
                f'{host[len(head):]}{path}</a>{tail}')

    return Markup(ADDRESS.sub(broken, str(html)))


#: A web address's link as :func:`_address_breaks` writes it (no link inside it).
ADDRESS_LINK = re.compile(r'<a class="address" href="[^"<>]*" rel="noopener">(.*?)</a>', re.S)


def without_address_links(html: str) -> str:
    """``html`` with each web address's link replaced by its text: for the printed page, where the address reads as
    text and breaks where it did (WeasyPrint misses the line breaks allowed inside a link and broke
    "reports/2 | 014-03/")."""
    return ADDRESS_LINK.sub(lambda match: match.group(1), str.__str__(html))


#: A short Chinese name or quote in English text: a run of up to eight Chinese characters (威海日报, 国家级), or a
#: quote of up to twelve characters (“国2.8/省3.1”), kept whole as an English word is.
EMBEDDED = re.compile(rf"“[^“”\s]{{1,12}}”|(?<![{HAN}])[{HAN}]{{2,8}}(?![{HAN}])")
#: A longer run of Chinese in English text (中国公民科学素质调查): broken between its words only.
EMBEDDED_LONG = re.compile(rf"[{HAN}]{{9,}}")


def embedded_chinese(text: str) -> list[tuple[int, int]]:
    """Where the Chinese in an English text stands that a line never breaks inside: a short name or quote whole
    (:data:`EMBEDDED`: "Weihai Daily (威海日报)", never 威海 | 日报), a longer one's words (中国 | 公民科学…, never
    中 | 国); none in Chinese text (more Chinese characters than Latin letters), which breaks as Chinese is set."""
    if len(re.findall(f"[{HAN}]", text)) >= len(re.findall("[A-Za-z]", text)):
        return []
    spans = [match.span() for match in EMBEDDED.finditer(text)]
    for match in EMBEDDED_LONG.finditer(text):
        spans += [(match.start() + start, match.start() + end) for start, end in chinese_words(match.group())]
    return spans


def embedded_joined(text: str) -> str:
    """``text`` for Word with each piece of :func:`embedded_chinese` joined (:data:`JOINS`: a Chinese word as typed,
    which Find finds; a number with its unit in it whole)."""
    out, last = [], 0
    for start, end in merged(embedded_chinese(text)):
        out += [text[last:start], JOINS.sub("\u2060", text[start:end])]
        last = end
    return "".join(out) + text[last:]


def keep_together(text) -> Markup:
    """``text`` escaped, each number with its unit (in English the unit's first word, :data:`NUMBER_WORD`), each range,
    each short label of the catalogs, its last two Chinese characters (:func:`name_end`) and in English the Chinese
    names it quotes (:func:`embedded_chinese`) in a span that never breaks; each short aside in brackets
    (:func:`asides`: （相对 +7.3%）) in a block whole where its column holds it."""
    text = str(text)
    if re.fullmatch(rf"[{HAN}]+/[{HAN}]+", text) and is_short(text):  # a unit per unit in a cell: 万元/人, 件/万人
        return marked(text, [(0, len(text))])
    spans = ([match.span() for match in _kept().finditer(text)] + embedded_chinese(text)
             + [match.span() for match in re.finditer(NUMBER_WORD, text)])
    end = name_end(text)  # and its last two Chinese characters, as a table cell or a list's item ends
    # with the closing marks after each piece (2.9%）；, 1,600 enterprises),): no line starts with one, as Chinese
    # typesetting rules
    spans = [(start, _closing_end(text, stop, AFTER_PIECE)) for start, stop in spans + ([end] if end else [])]
    html = marked(text, merged(spans + asides(text)), blocks=asides(text))
    return _address_breaks(html) if "://" in text else html


def keep_running(text) -> Markup:
    """Running Chinese text (a paragraph, the method note's points) as HTML: as :func:`keep_together` keeps it, and
    each Chinese word whole (:func:`chinese_words`: 改称, never 改 | 称 at a line's end; 列出, never 列 | 出). Text in
    a language that breaks at spaces as :func:`keep_together` keeps it."""
    text = str(text)
    if len(re.findall(f"[{HAN}]", text)) < max(2, len(re.findall("[A-Za-z]", text))):
        return keep_together(text)
    spans = [match.span() for match in _kept().finditer(text)] + chinese_words(text)
    end = name_end(text)
    spans = [(start, _closing_end(text, stop, AFTER_PIECE)) for start, stop in spans + ([end] if end else [])]
    html = marked(text, merged(spans), between=True)
    return _address_breaks(html) if "://" in text else html


#: Width in Latin letters up to which a clause of a note in a table stays on one line (a change's "warned in 2023
#: (amber)", "2024 status from 2023 data", 2023年已列为黄色预警): the column holds it on paper and a wide screen.
PHRASE = 28


def keep_phrases(phrases, separator: str) -> Markup:
    """The clauses of a note (``phrases``) joined by ``separator`` (``；``, ``; ``), each as :func:`keep_together` marks
    it and a short one (:data:`PHRASE`) whole besides, in a ``<span class="phrase">`` (report.css: a phone's narrow
    column may still break it), the separator's mark with the clause before it: never "warned in | 2023 (amber)"
    nor a line starting with "；"."""
    phrases = [str(phrase) for phrase in phrases]
    mark = separator.rstrip()
    out = []
    for number, phrase in enumerate(phrases):
        last = number == len(phrases) - 1
        if columns(phrase) <= PHRASE:
            out.append(Markup('<span class="phrase">%s</span>') % keep_together(phrase if last else phrase + mark))
        elif (aside := CLOSING_ASIDE.search(phrase)) and columns(aside.group()) <= PHRASE:
            # a long one ending on a clause in brackets: the clause a block whole where its column holds it, never
            # "（为与 | 2023年水平的对照）"
            tail = phrase[aside.start():] + ("" if last else mark)
            whole = [(0, len(tail))]
            out.append(keep_together(phrase[:aside.start()]) + marked(tail, whole, blocks=whole))
        elif (space := _last_free_space(phrase)) > 0:  # a long one breaks between its words, its last word (with
            # the amount it ends: "(120 institutions)", "(16 billion yuan)") and the mark together: never "…(10%)" and
            # "; 2024 status…" on the next line, nor "(120 | institutions);"
            head, tail = phrase[:space + 1], phrase[space + 1:]
            out.append(keep_together(head) + _amount_block(tail if last else tail + mark))
        else:
            out.append(keep_together(phrase if last else phrase + mark))
        if not last:  # and a <wbr>: a table sizing its columns knows a line may break between two clauses kept
            # whole (a Chinese note has no space there: the column was as wide as the whole note, past the page)
            out.append(escape(separator[len(mark):]) + Markup("<wbr>"))
    return Markup("").join(out)


#: A clause in full-width brackets that ends a long clause of a note (``…适用的年份（为与 2023年水平的对照）``), longer
#: than a short aside (:data:`SHORT_ASIDE`) but at most :data:`PHRASE` wide: a block of its own pieces (report.css:
#: ``.aside``), whole on the line where its column holds it, broken between its pieces only where it does not.
CLOSING_ASIDE = re.compile(r"(?<=\S)（[^（）\n]+）$")


#: An amount in Latin brackets at the end of a clause, with its whole unit (``(230,000 yuan per worker)``, ``(120
#: institutions)``, ``(10%)``): a block of its own pieces, whole on the line where it fits (never "(230,000 yuan per |
#: worker)"), broken between them only where its column is narrower (:func:`_amount_block`).
AMOUNT_IN_BRACKETS = re.compile(rf"\((?=[+\-−]?\d)[^()]{{1,{PHRASE}}}\)[;,.]?$")


def _amount_block(tail: str) -> Markup:
    """The end of a long clause (``tail``, its mark after it) kept whole: a bracketed amount with its unit
    (:data:`AMOUNT_IN_BRACKETS`) as a block (report.css: ``.aside``) of its pieces, "(230,000 yuan" and "per worker);"
    (a number with what it counts, "per" with what it is per), on one line where its column holds it; one piece, or
    any other last word, in a span that never breaks."""
    if AMOUNT_IN_BRACKETS.search(tail):
        spans = [match.span() for pattern in (_kept(), re.compile(COUNTED_PER), re.compile(NUMBER_WORD))
                 for match in pattern.finditer(tail)]
        # the opening bracket with the piece after it, the closing one and the mark with the piece before them
        pieces = merged([(0 if start == 1 else start, _closing_end(tail, stop, LATIN_CLOSING))
                         for start, stop in spans])
        if len(pieces) > 1:
            return Markup('<span class="aside">%s</span>') % marked(tail, pieces)
    return Markup('<span class="nobr">%s</span>') % keep_together(tail)


def _last_free_space(phrase: str) -> int:
    """Where ``phrase`` may break last: its last space outside an amount with its unit (``(120 institutions)``, ``16
    billion yuan``, :data:`COUNTED`), a bracketed amount at its end (:data:`AMOUNT_IN_BRACKETS`) or another piece
    :func:`keep_together` keeps whole; -1 where it has none."""
    spans = [match.span() for pattern in (_kept(), re.compile(NUMBER_WORD), re.compile(COUNTED), AMOUNT_IN_BRACKETS)
             for match in pattern.finditer(phrase)]
    spaces = [at for at, character in enumerate(phrase.rstrip())
              if character == " " and not any(start < at < end for start, end in spans)]
    return spaces[-1] if spaces else -1


#: Marks no line starts with (Chinese typesetting's 行首禁则): closing brackets and the full-width stops.
CLOSING_MARKS = "）〕」』】》，。；：、！？"


#: Latin marks no line starts with after an amount in brackets: "(120 institutions);".
LATIN_CLOSING = ");,."
#: The marks kept with a piece kept whole before them (:func:`keep_together`, :func:`keep_running`, :func:`keep_words`),
#: Chinese and Latin: no line starts with one, never "(1,600 enterprises)" and ", still missed" on the next line
#: (WeasyPrint may break after a span that never breaks, before the mark that follows it).
AFTER_PIECE = CLOSING_MARKS + LATIN_CLOSING + ":;!?"


def _closing_end(text: str, stop: int, marks: str = CLOSING_MARKS) -> int:
    """``stop`` moved past the closing ``marks`` that follow it (2.9% → 2.9%）；)."""
    while stop < len(text) and text[stop] in marks:
        stop += 1
    return stop


#: A hyphenated word (mid-term, self-evaluation): a title's line never ends on "Mid-".
HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
#: A title's short last part after a colon (…indicators: Final evaluation 2024), kept on one line.
TITLE_TAIL = re.compile(r"(?<=: )[^:]{1,32}$")


def keep_title(text) -> Markup:
    """:func:`keep_together`, each hyphenated word whole and a short part after the title's colon whole: a title
    breaks after its colon or between words, never at a hyphen (…indicators: Mid- | term) nor inside its last phrase
    (…: Final | evaluation 2024); a Chinese title between its words (…指标 | 总结 | 评估报告, never 总 | 结)."""
    text = str(text)
    spans = [match.span() for match in _kept().finditer(text)] + [m.span() for m in HYPHENATED.finditer(text)]
    spans += [m.span() for m in TITLE_TAIL.finditer(text)] + chinese_words(text)
    spans += [m.span() for m in re.finditer(LABEL_ASIDE, text)]  # （2024年）, never （ | 2024年）
    return marked(text, merged(spans), between=True)


@functools.cache
def _dates() -> re.Pattern:
    """A day as the catalogs write it for a reader (``dates.day``: 2026年12月3日, 3 December 2026)."""
    forms = []
    for language in LANGUAGES:
        words = catalog(language)
        months = "|".join(re.escape(str(month)) for month in words["dates.months"])
        form = re.escape(words["dates.day"])
        for field, pattern in (("year", r"\d{4}"), ("month", f"(?:{months})"), ("day", r"\d{1,2}")):
            form = form.replace(re.escape("{" + field + "}"), pattern)
        forms.append(form)
    return re.compile("|".join(forms))


def keep_dates(text) -> Markup:
    """A line of dates (the title page's "generated on …; inputs last changed on …"): each date whole, never
    2026年 | 12月3日; a line breaks between the dates' words."""
    text = str(text)
    return marked(text, [match.span() for match in _dates().finditer(text)])


#: A unit per unit in brackets (（件/万人）, （万元/人）).
UNIT_IN_BRACKETS = re.compile(rf"（[{HAN}]+/[{HAN}]+）")


def keep_words(text) -> Markup:
    """:func:`keep_together`, and each Chinese word (:func:`chinese_words`) in a span that never breaks: for the short
    notes of a narrow cell (进展判断，非最终判定), never 非最终判 | 定, and a table's cells (示例统计公报（虚构）, never
    虚 | 构); a web address breaks where print breaks one; a short aside in brackets a block (:func:`asides`)."""
    text = str(text)
    spans = _word_spans(text) + asides(text)
    # a short clause of a note (:func:`clauses`) a block where no piece of it runs into the next clause
    blocks = asides(text) + [(start, end) for start, end in clauses(text)
                             if not any(a < start < b or a < end < b for a, b in spans)]
    html = marked(text, merged(spans + blocks), between=True, blocks=blocks)
    return _address_breaks(html) if "://" in text else html


def _word_spans(text: str) -> list[tuple[int, int]]:
    """The pieces :func:`keep_words` keeps whole, merged."""
    if re.fullmatch(rf"[{HAN}]+/[{HAN}]+", text) and is_short(text):  # a unit per unit: 万元/人
        return [(0, len(text))]
    if re.fullmatch(f"[{HAN}]{{2,4}}", text):  # a short word or label whole: 未报送, 已填写, 报送文件 (never 未 | 报送)
        return [(0, len(text))]
    spans = [match.span() for match in _kept().finditer(text)] + chinese_words(text) + embedded_chinese(text)
    # an English unit's number with what it counts, a hyphenated word (per 100 person-years: never "person- | years")
    spans += [match.span() for match in re.finditer(rf"{COUNTED_PER}|{HYPHENATED.pattern}", text)]
    # a unit per unit in brackets after a name (万人发明专利拥有量（件/万人）): one piece, never （件/ | 万人）
    spans += [match.span() for match in UNIT_IN_BRACKETS.finditer(text)]
    end = name_end(text) or (match.span() if (match := re.search(UNIT_END, text)) else None)
    # each piece with the closing marks after it, as keep_together's: never a line of a cell starting "）；最新值…"
    return merged([(start, _closing_end(text, stop, AFTER_PIECE)) for start, stop in spans + ([end] if end else [])])


def departments(text) -> Markup:
    """A list of responsible departments as HTML (a card's 责任部门（方案未列明，按职能确定）：
    市科技局（牵头）、市统计局): a short name whole (市科技局, 市发展改革委: :func:`is_short`), a long one between
    its words (市 | 自然资源 | 和 | 规划局), never inside a word of two characters (市统 | 计局, 规 | 划局), and a
    role in brackets whole with the marks after it (（牵头）、, never （牵 | 头）、); a list in a language that
    breaks at spaces as :func:`keep_together` keeps it. A piece is a name at most: a card's line is wide."""
    text = str(text)
    if not re.search(f"[{HAN}]", text):
        return keep_together(text)
    spans = [match.span() for match in _kept().finditer(text)] + chinese_words(text) + embedded_chinese(text)
    for run in re.finditer(f"[{HAN}]+", text):  # a name, or the words of the list's lead-in
        if len(run.group()) > 1 and is_short(run.group()):
            spans.append(run.span())
        elif end := name_end(run.group()):
            spans.append((run.start() + end[0], run.start() + end[1]))
    spans += [match.span() for match in re.finditer(LABEL_ASIDE, text)]
    spans = [(start, _closing_end(text, stop)) for start, stop in spans]
    return marked(text, merged(spans), between=True)


#: Where a long badge may break: after a comma, and after 但 ("已达标但 | 有回落风险", "Achieved, | at risk").
BADGE_BREAK = re.compile(r"(?<=[,，、但])\s*")


def badge(text) -> Markup:
    """A status badge's words as HTML: in Chinese, pieces that never break, a line break allowed only after a comma
    or 但, so that "已达标但有回落风险" never ends a line on 风, and in a badge kept whole (:func:`is_whole_badge`,
    on one line where its column holds it) between its words (基本 | 符合 | 预期, never 基本符合预 | 期) where a
    column is narrower than it; in a language that breaks at spaces, as its words break (a narrow column fits
    "Insufficient / progress", never "Insuffi / cient")."""
    text = str(text)
    if not re.search(f"[{HAN}]", text):
        return escape(text)
    if is_whole_badge(text) and not BADGE_BREAK.search(text):
        # on one line where it fits (report.css); in a column too narrow, between its words
        return marked(text, chinese_words(text) or [(0, len(text))])
    pieces, last = [], 0
    for match in BADGE_BREAK.finditer(text):
        if match.start() > last:
            pieces.append((last, match.start()))
        last = match.end()
    pieces.append((last, len(text)))
    return marked(text, [(start, end) for start, end in pieces if end > start])


WORD = re.compile(r"\S+")


#: A label's short aside in full-width brackets (实际年均增长（2020年起）): one piece, never （2020年 | 起）.
LABEL_ASIDE = r"（[^（）]{1,8}）"


def _label_spans(text: str) -> list[tuple[int, int]]:
    spans, last = [], 0
    for match in re.finditer(rf"{LABEL_ASIDE}|{COUNTED_PER}|{SPACED_NUMBER}|{KEPT.pattern}", text):
        spans += [word.span() for word in WORD.finditer(text, last, match.start())] + [match.span()]
        last = match.end()
    return spans + [word.span() for word in WORD.finditer(text, last)]


def label_pieces(text) -> list[str]:
    """The pieces of a short label (a table header) that never break: its words, and in Chinese the number with
    its unit apart from the rest (``2020年基础值``: ``2020年``, ``基础值``; ``Needed per year``: three words), a short
    aside in brackets whole (``实际年均增长（2020年起）``: ``实际年均增长``, ``（2020年起）``)."""
    text = str(text)
    return [text[start:end] for start, end in _label_spans(text)]


#: The letters of a unit's piece the self-evaluation's unit column holds on one line ("per 10,000 people", "100
#: million yuan", "per 10 000 yuan"); a longer one ("per 10,000 employed", "per 100 person-years") breaks between its
#: words where it must, each word whole.
UNIT_COLUMN = 17


def unit(text) -> Markup:
    """A unit in a narrow column (the self-evaluation's indicator table) as HTML: in a language that breaks at
    spaces, its pieces as a table's label keeps them (:func:`label`: a number with what it counts, "100 million yuan";
    "per" with what it is per, "per 10,000 people"; a hyphenated word whole, never "person- | years"), so that a unit
    breaks between what it counts and what it is per ("10,000 yuan | per worker", "patents | per 10,000 people"),
    never inside either (the column holds :data:`UNIT_COLUMN` letters: "per 10,000 | people" and "100 million | yuan"
    read as two units); only a piece wider than the column between its words, "per" with the word after it
    (:data:`UNIT_WORD`: "per 10,000 | employed", "per 100 | person-years"); a Chinese one as :func:`keep_together`
    keeps it (件/万人 whole)."""
    text = str(text)
    if re.search(f"[{HAN}]", text):
        return keep_together(text)
    return marked(text, _unit_spans(text))


def _unit_spans(text: str) -> list[tuple[int, int]]:
    """The pieces :func:`unit` keeps whole in a language that breaks at spaces."""
    spans = []
    for start, end in _label_spans(text):
        spans += [(start, end)] if columns(text[start:end]) <= UNIT_COLUMN else \
            [(start + word.start(), start + word.end()) for word in UNIT_WORD.finditer(text[start:end])]
    return spans


#: A word of a unit's piece too wide for its column, "per" with the word after it: "per 10,000 | employed", never
#: "person-years per | 10,000 employed".
UNIT_WORD = re.compile(r"(?<![A-Za-z])per \S+|\S+")


def name_cell(text, where: str = "mid-term") -> Markup:
    """An indicator's name in a narrow column (the self-evaluation's indicator table): a Chinese one's words whole
    (:func:`keep_words`); in a language that breaks at spaces, as :func:`unit` keeps a unit's pieces, a long "per"
    phrase between its words ("R&D personnel per 10,000 | employed", which whole ran past its column into the
    unit's); a core indicator's star joined to the name's last word (…比重*, never a line of its own after 比重, where
    Unicode's rules allow a break between a Chinese character and a mark), as the report's scorecard joins it; an
    English name's last short word alone on a line only where its column (``where``: :data:`NAME_WIDTHS`) leaves
    no room for it (:func:`name_tail`)."""
    text = str(text)
    if len(text) > 1 and text.endswith("*"):
        return name_cell(text[:-1], where) + CORE_STAR
    if re.search(f"[{HAN}]", text):
        return keep_words(text)
    words = all(columns(match.group()) <= NAME_COLUMN for match in re.finditer(COUNTED_PER, text))
    # as a cell's words or a unit's pieces, and its last two words on one line where a short word would be alone on
    # its last line and the line before can spare one (:func:`name_tail`)
    html = marked(text, with_tail(text, _word_spans(text) if words else _unit_spans(text), NAME_WIDTHS[where]),
                  between=words)
    return _address_breaks(html) if "://" in text else html


#: The letters of a "per" phrase an English name's column holds on one line ("per 10,000 people"; "per 10,000
#: employed" does not fit).
NAME_COLUMN = 17
#: How wide a Latin character is drawn, in ems (the report's sans-serif, Noto Sans: a space 0.22, "i" 0.28, "m"
#: 0.93), a little over rather than under; any other character 0.6 (a digit 0.56, most letters 0.5–0.65).
LATIN_EMS = {" ": 0.22, **dict.fromkeys("ijl.,'I", 0.28), **dict.fromkeys("f()-/rt", 0.36),
             **dict.fromkeys("*szxcvy", 0.49), **dict.fromkeys("&DGUNHOQ", 0.72), **dict.fromkeys("mwMW%", 0.88)}


def ems(text: str) -> float:
    """How wide Latin ``text`` is drawn, in ems (:data:`LATIN_EMS`): "revenue / GDP" 6.7, "service institutions"
    8.8 (measured 6.6 and 8.8); its letters tell less ("management team", 15 letters, is 9.0 ems)."""
    return sum(LATIN_EMS.get(character, 0.6) for character in text)


#: How wide a line of an English name is in each table that lists names, in ems of the table's type (its column's
#: width less its padding, report.css): the scorecard's and the warning list's (17.5 % at 8.5 pt: 9.7), a scorecard's
#: beside the plan's own status words (14 % at 8 pt: 8.1), a card's title (a line of the page) and the
#: self-evaluation's indicator table (a mid-term's 17 % at 9 pt: 8.8, its assessment keeping a fifth of the line; a
#: final's 20.5 % at 9.5 pt: 10.2), each a little under. :func:`name_tail` sets a name at that width to find its
#: last line.
NAME_WIDTHS = {"table": 9.6, "official": 8.0, "card": 40.0, "mid-term": 8.7, "final": 10.1}
#: A word short enough that a name's last line never holds it alone where the line before can spare a word for it
#: (GDP, R&D, size: up to about four letters); a longer one (revenue*, people) may end a name on its own line.
SHORT_WORD = 3.0
#: A word of a name in a language that breaks at spaces: what stands between spaces with a letter or a digit in it
#: (a slash between two words is none: "revenue / GDP" are two).
NAME_WORD = re.compile(r"[^\s]*[^\W_][^\s]*")


def name_lines(text: str, spans: list[tuple[int, int]], width: float) -> list[tuple[int, int]]:
    """Where each line of a name in a language that breaks at spaces starts and ends when its words fill a line of
    ``width`` ems (:func:`ems`) one after another, as a browser sets them: a line breaks at a space, never inside one
    of ``spans`` (the pieces kept whole); a piece wider than the line has one of its own."""
    atoms: list[list[int]] = []
    for match in re.finditer(r"\S+", text):
        if atoms and any(start < match.start() < end for start, end in spans):
            atoms[-1][1] = match.end()  # inside a piece kept whole: one with the word before it
        else:
            atoms.append([match.start(), match.end()])
    lines: list[tuple[int, int]] = []
    for start, end in atoms:
        if lines and ems(text[lines[-1][0]:end]) <= width:
            lines[-1] = (lines[-1][0], end)
        else:
            lines.append((start, end))
    return lines


def name_tail(text: str, spans: list[tuple[int, int]] | None = None, width: float = NAME_WIDTHS["table"]
              ) -> tuple[int, int] | None:
    """Where a name in a language that breaks at spaces has its last two words, what stands between them included,
    when they are to be kept on one line: only where the name, its words filling each line of ``width`` ems
    (:func:`name_lines`), would end with a short word alone (:data:`SHORT_WORD`: "… zone revenue / | GDP" in a
    narrow column) and the line before can spare the word before it, keeping two words of its own ("Foreign
    investment | used / GDP", never "National high-tech / zone / revenue / GDP", a line of one word traded for
    another); None otherwise, the name set as its words fill the lines, and for a Chinese name, whose last two
    characters :func:`name_end` keeps."""
    if re.search(f"[{HAN}]", text):
        return None
    words = list(NAME_WORD.finditer(text))
    if len(words) < 3:
        return None
    lines = name_lines(text, spans or [], width)
    tail = (words[-2].start(), words[-1].end())
    if len(lines) < 2 or len(NAME_WORD.findall(text[lines[-1][0]:lines[-1][1]])) != 1 \
            or ems(words[-1].group()) > SHORT_WORD or ems(text[tail[0]:tail[1]]) > width:
        return None
    kept = text[lines[-2][0]:tail[0]]  # what the line before keeps, the word before the last gone down
    return tail if lines[-2][0] < tail[0] and len(NAME_WORD.findall(kept)) >= 2 else None


def with_tail(text: str, spans: list[tuple[int, int]], width: float = NAME_WIDTHS["table"]) -> list[tuple[int, int]]:
    """A name's pieces kept whole (``spans``) and, where :func:`name_tail` keeps them, its last two words, merged."""
    tail = name_tail(text, merged(spans), width)
    return merged([*spans, tail]) if tail else merged(spans)


def label_breaks(text) -> str:
    """A short label as plain text (a phone's column name before each cell, shown by CSS ``attr()``, which takes no
    markup): a zero-width space where a line may break, between its Chinese words and beside a number with its unit
    (2020年 | 基础值, 下一 | 目标 | 及 | 每年 | 需 | 增长), which report.css lets a line break at alone
    (``word-break: keep-all``): never 基础 | 值."""
    text = str(text)
    spans = merged(chinese_words(text) + [match.span() for match in _kept().finditer(text)])
    cuts = sorted({edge for span in spans for edge in span} - {0, len(text)})
    out, last = [], 0
    for cut in cuts:
        out.append(text[last:cut])
        # never after an opening bracket nor before a closing one or a stop (（ | 2020年, 起 | ）)
        if not text[cut - 1].isspace() and not text[cut].isspace() and text[cut - 1] not in "（《“(" \
                and text[cut] not in "）》”)，、；：,;:":
            out.append("\u200b")
        last = cut
    return "".join(out) + text[last:]


def label(text) -> Markup:
    """A short label (a table header) as HTML: each of its :func:`label_pieces` in a span that never breaks, a line
    break allowed only between them."""
    text = str(text)
    return marked(text, _label_spans(text))


#: Words of statistics the segmenter's general dictionary lacks, which a name must not break inside (营|收, 规|上).
STATISTICS_WORDS = ("营收", "高企", "规上", "占比", "万人", "每万人", "高价值", "非最终", "最新值", "基础值", "目标值",
                    "实际值", "完成率", "达不到", "非最终判定", "自评", "自评报告", "序时进度", "进展判断")


@functools.cache
def _segmenter():
    """jieba's segmenter with its general dictionary and :data:`STATISTICS_WORDS`; quiet (a notebook's output stays
    the same); without its statistical guessing of unknown words (HMM), which joins a word to the next."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    segmenter = jieba.Tokenizer()
    for word in STATISTICS_WORDS:
        segmenter.add_word(word)
    return segmenter


def chinese_words(text: str) -> list[tuple[int, int]]:
    """Where the Chinese words of two characters or more stand in ``text`` (``国家级`` ``农业`` ``科技园区`` ``营收``
    ``占比``): a line breaks between them, never inside one."""
    spans, position = [], 0
    for word in _segmenter().cut(text, HMM=False):
        if len(word) > 1 and re.fullmatch(f"[{HAN}]+", word):
            spans.append((position, position + len(word)))
        position += len(word)
    return spans if position == len(text) else []


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


#: A short unit in brackets after an English name, kept whole: ``(100 million yuan)``, never ``(100 million / yuan)``.
NAME_UNIT = re.compile(r"\([^()]{1,18}\)$")


@functools.cache
def _series_after_name() -> re.Pattern:
    """A card's series after its indicator's name, as the catalogs write it (``card.series_name``: … · 国家级,
    … · national): the separator with the series, from the separator on."""
    forms = []
    for language in LANGUAGES:
        words = catalog(language)
        between, _, tail = words["card.series_name"].partition("{name}")[2].partition("{series}")
        labels = "|".join(re.escape(label) for label in sorted(words["series"].values(), key=len, reverse=True))
        forms.append(rf"{re.escape(between.lstrip())}(?:{labels}){re.escape(tail)}$")
    return re.compile("|".join(forms))


def name_pieces(text: str) -> list[tuple[int, int]]:
    """The pieces of an indicator's name a line never breaks inside: its Chinese words (:func:`chinese_words`) and
    its last two characters (:func:`name_end`); in English its unit in brackets, when short (:data:`NAME_UNIT`); a
    card's series after the name with its separator (``· 国家级``: a line breaks before the separator, never after it,
    "…工程实验室） ·" ending a line and "国家级" alone on the next)."""
    end = name_end(text)
    unit = NAME_UNIT.search(text) if not re.search(f"[{HAN}]", text) else None
    series = _series_after_name().search(text)
    return merged(chinese_words(text) + ([end] if end else []) + ([unit.span()] if unit else [])
                  + ([series.span()] if series else []))


def name_end(text: str) -> tuple[int, int] | None:
    """Where a name's last two Chinese characters stand, or None: a Chinese name in a narrow cell may break between
    any two characters, as Chinese is set, but never leaves its last character alone on a line (``R&D经费投入强 /
    度*``, the widow typesetters avoid)."""
    match = re.search(TEXT_END, text)
    return match.span() if match and len(text) > 2 else None


def name(text, where: str = "table", core: bool = False) -> Markup:
    """An indicator's name as HTML: escaped, each of its :func:`name_pieces` in a span that never breaks; a name in
    a language that breaks at spaces as it is, but a short hyphenated word whole, as a unit's (per 100 R&D
    person-years: never "person- | years"; a long one, Innovation-strategy, may break after its hyphen where a column
    is narrower than it), and a "per" phrase a name's column holds whole (:data:`NAME_COLUMN`: "New enterprises |
    per 10,000 people", never "… per | 10,000 people"; a longer one, "per 10,000 employed", between its words).
    ``core``: a core indicator's star after a word joiner, in the name's last piece kept whole (…收入 | 比重*, as
    :func:`with_core_star` joins it)."""
    if core:
        return with_core_star(name(text, where))
    text = str(text)
    latin = not re.search(f"[{HAN}]", text)
    hyphenated = [match.span() for match in HYPHENATED.finditer(text) if is_short(match.group())] if latin else []
    # a "per" phrase a name's column holds (…per 10,000 people: never "New enterprises per | 10,000 people"), ending
    # with a whole word (not "per 100 R" of "per 100 R&D")
    counted = [match.span() for match in re.finditer(COUNTED_PER, text) if columns(match.group()) <= NAME_COLUMN
               and not re.match(r"[\w&]", text[match.end():])] if latin else []
    # and its last two words on one line where a short word would be alone on its last line in its column (``where``:
    # :data:`NAME_WIDTHS`) and the line before can spare one (:func:`name_tail`)
    return marked(text, with_tail(text, name_pieces(text) + hyphenated + counted, NAME_WIDTHS[where]), between=True)


#: A core indicator's star as HTML: after a word joiner (U+2060), never alone at the start of a line.
CORE_STAR = Markup("&#8288;*")


def with_core_star(html) -> Markup:
    """A name's HTML (:func:`name`) with a core indicator's star (:data:`CORE_STAR`) inside the span of its last piece
    kept whole (``<span class="nobr">比重&#8288;*</span>``), or after its last word: one piece with it, so that a line
    breaks before the piece where the star does not fit on its line. (A star in a text of its own after the piece,
    WeasyPrint set "比重" on the line and the star past the cell's edge, or broke at the word joiner, the star alone on
    the next line; after a link holding the name, it found no break inside the link: the change table's
    "高企营收占规上工业企业收入比重*" ran its star 3 px past its cell.)"""
    html = str(html)
    if html.endswith("</span>"):  # its last piece kept whole (marked: only such spans end a name)
        return Markup(html[:-len("</span>")]) + CORE_STAR + Markup("</span>")
    return Markup(html) + CORE_STAR


def name_joined(text: str) -> str:
    """An indicator's name or a cell's note for Word: each of its :func:`name_pieces` joined (:data:`JOINS`: a
    Chinese word as typed, which Find finds, breaking as Chinese is set; a Latin piece's characters by word joiners,
    which Word and LibreOffice never break at), a space in one a no-break space (LibreOffice broke "(100 million |
    yuan)" at a space between word joiners); not inside a piece Word keeps whole already (a number with its unit, a
    short label: :func:`kept_pattern`)."""
    kept = [match.span() for match in _kept().finditer(text)]  # Word's own pieces (2024 年无数据), left as they are
    out, last = [], 0
    for start, end in name_pieces(text):
        if any(start < other_end and other_start < end for other_start, other_end in kept):
            continue
        out += [text[last:start], JOINS.sub("\u2060", text[start:end].replace(" ", "\u00a0"))]
        last = end
    return "".join(out) + text[last:]

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
import re

from markupsafe import Markup, escape

from ..catalog import catalog
from ..settings import LANGUAGES

#: A Chinese character (an ideograph: a unit or a measure word, not punctuation).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A number, signed or not, with thousands separators and decimals.
NUMBER = r"[+\-−]?\d[\d,]*(?:\.\d+)?"


def _kept_pattern(labels: str = "") -> str:
    """A number that keeps its unit or the other end of its range: ``2024年``, ``0.2个百分点``, ``158亿元``,
    ``92 %``, ``0.7 pp``, ``2023—2024年``, ``10—12月``, ``26 项``; a bare number needs nothing (no line breaks
    inside one). A Chinese character after a number is its unit unless it starts one of ``labels`` (``R ≥ 0.95
    进度正常``: the label is kept whole instead)."""
    single = rf"(?!(?:{labels}))[{HAN}]" if labels else rf"[{HAN}]"
    unit = rf"个百分点|[{HAN}]+/[{HAN}]+|亿元|万元|{single}"  # 件/万人, 吨/万元: a unit per unit is one unit
    return rf"{NUMBER}(?:\s?[—–~～]\s?{NUMBER})?(?:\s?(?:{unit})|\s(?:%|pp\b))|{NUMBER}\s?[—–~～]\s?{NUMBER}"


KEPT = re.compile(_kept_pattern())
#: "No data" in Chinese, kept whole after the years it follows (2023—2024 年无数据: never 年无数|据).
NO_DATA = "尚无数据|无数据"
#: A number whose thousands are set apart by a space (``10 000``, as SI writes it): one number, never broken.
SPACED_NUMBER = r"(?<![\d.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?(?!\d)"
#: Width in Latin letters beyond which a label may break between its words (a CJK character counts two).
SHORT_LABEL = 12


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
    status words (未达标, 红色预警, not achieved), every language's, longest first."""
    labels = set()
    for language in LANGUAGES:
        words = catalog(language)
        labels |= {*words["status"].values(), *words["status_in_sentence"].values(), *words["warnings.level"].values(),
                   words["pace.met"]}
        for vocabulary in words["official_status"].values():
            labels |= set(vocabulary["words"].values())
    return tuple(sorted((label for label in labels if is_short(label) and len(label) > 1),
                        key=lambda label: (-len(label), label)))


@functools.cache
def _kept() -> re.Pattern:
    """:data:`KEPT`, or one of :func:`short_labels` standing as a word of its own."""
    labels = "|".join(re.escape(label) for label in short_labels())
    return re.compile(rf"{_held_pattern()}|{SPACED_NUMBER}|{_kept_pattern(labels)}|{NO_DATA}|"
                      rf"(?<![A-Za-z])(?:{labels})(?![A-Za-z])" if labels else rf"{SPACED_NUMBER}|{KEPT.pattern}")


def kept_pattern() -> re.Pattern:
    """What a line never breaks inside, as :func:`keep_together` marks it: a number with its unit, a range, a level
    held every year, a completion rate, a short label of the catalogs (the Word edition keeps the same pieces)."""
    return _kept()


def _held_pattern() -> str:
    """A level to hold every year as the catalogs write it (每年≥90%, ≥90% every year), and a completion rate
    (完成率 96.4%), kept whole."""
    forms = []
    for language in LANGUAGES:
        words = catalog(language)
        for key, field in (("pace.hold_at_least", "target"), ("pace.hold_at_most", "target"),
                           ("pace.floor", "target"), ("scorecard.final_rate", "rate")):
            head, _, tail = words[key].partition("{" + field + "}")
            forms.append(rf"{re.escape(head)}{NUMBER}%?{re.escape(tail)}")
    return "|".join(sorted(set(forms), key=len, reverse=True))


def _marked(text: str, pieces: list[tuple[int, int]]) -> Markup:
    """``text`` escaped, the ``(start, end)`` pieces each in a span that never breaks."""
    out, last = [], 0
    for start, end in pieces:
        out += [escape(text[last:start]), Markup('<span class="nobr">'), escape(text[start:end]), Markup("</span>")]
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def keep_together(text) -> Markup:
    """``text`` escaped, each number with its unit, each range and each short label of the catalogs in a span that
    never breaks."""
    text = str(text)
    return _marked(text, [match.span() for match in _kept().finditer(text)])


#: Where a long badge may break: after a comma, and after 但 ("已达标但 | 有回落风险", "Achieved, | at risk").
BADGE_BREAK = re.compile(r"(?<=[,，、但])\s*")


def badge(text) -> Markup:
    """A status badge's words as HTML: in Chinese, pieces that never break, a line break allowed only after a comma
    or 但, so that "已达标但有回落风险" never ends a line on 风; in a language that breaks at spaces, as its words
    break (a narrow column fits "Insufficient / progress", never "Insuffi / cient")."""
    text = str(text)
    if not re.search(f"[{HAN}]", text):
        return escape(text)
    pieces, last = [], 0
    for match in BADGE_BREAK.finditer(text):
        if match.start() > last:
            pieces.append((last, match.start()))
        last = match.end()
    pieces.append((last, len(text)))
    return _marked(text, [(start, end) for start, end in pieces if end > start])


WORD = re.compile(r"\S+")


def _label_spans(text: str) -> list[tuple[int, int]]:
    spans, last = [], 0
    for match in re.finditer(rf"{SPACED_NUMBER}|{KEPT.pattern}", text):
        spans += [word.span() for word in WORD.finditer(text, last, match.start())] + [match.span()]
        last = match.end()
    return spans + [word.span() for word in WORD.finditer(text, last)]


def label_pieces(text) -> list[str]:
    """The pieces of a short label (a table header) that never break: its words, and in Chinese the number with
    its unit apart from the rest (``2020年基础值``: ``2020年``, ``基础值``; ``Needed per year``: three words)."""
    text = str(text)
    return [text[start:end] for start, end in _label_spans(text)]


def label(text) -> Markup:
    """A short label (a table header) as HTML: each of its :func:`label_pieces` in a span that never breaks, a line
    break allowed only between them."""
    text = str(text)
    return _marked(text, _label_spans(text))

"""The words of the project, one catalog per language: ``catalogs/<language>.yml``.

Report text, labels, status names, chart labels, the data-quality details and the one method note
live there, not in code branches: a third language is a third file. A template names its fields
(``{as_of}``, ``{value:g}``); data values are substituted as they are, never read as templates
themselves. Where the result becomes HTML, the report's templates escape it (see
:mod:`analysis.report.html`).
"""
from __future__ import annotations

import contextvars
import functools
import re
import string
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import yaml

from .errors import RUN_MORE, RUN_WORDS, InputError, quote
from .numerals import chinese_numeral
from .settings import CATALOGS_DIR, DEFAULT_LANGUAGE, LANGUAGES
from .vocabulary import SERIES_ALIASES


class Catalog:
    """The words of one language; keys are dotted paths (``status.achieved``)."""

    def __init__(self, language: str, entries: dict, path: Path):
        self.language = language
        self.entries = entries
        self.path = path

    def __getitem__(self, key: str):
        node = self.entries
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"{self.path.name} has no entry {key!r}")
            node = node[part]
        return node

    def text(self, key: str, **fields) -> str:
        """The template at ``key`` with ``fields`` filled in. In a language that does not break at spaces, a space of
        the template between a full-width bracket and a Chinese character is left out where a field brings the
        bracket (指标 {indicator} 不在: 指标99（national 序列）不在): the bracket holds its own space; so is one
        between a Chinese character and a field that brings a number (未知的年份 {year}：未知的年份2030,
        未知的年份 'x'), as the catalog writes no space between a Chinese character and a number.
        The fields' own text is kept as it is."""
        template = self[key]
        if not fields:
            return template
        if self["language.breaks_at_spaces"] or " " not in template:
            return template.format(**fields)
        return _tight(template, fields)

    def value_text(self, key: str, value: str, **fields) -> str:
        """The template at ``key`` for a ``value`` that opens with a number (2015年的55.3%; the 55.3% of 2015), or at
        ``key_words`` for one that opens with a word (2015年的第18位, a rank's place; the 18th place of 2015)."""
        key += "" if re.match(r"[0-9+\-−.]", value) else "_words"
        return self.text(key, value=value, **fields)

    def count_text(self, key: str, count: int, **fields) -> str:
        """The template at ``key``, or at ``key_one`` when ``count`` is 1 (English: "1 series has"), or at
        ``key_two`` when ``count`` is 2 and the catalog has one (English: "both series", never "all 2 series")."""
        if count == 2 and self._has(f"{key}_two"):
            key = f"{key}_two"
        return self.text(f"{key}_one" if count == 1 else key, count=count, **fields)

    def _has(self, key: str) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def date(self, iso: str) -> str:
        """A day as the language writes it for a reader (``2024年2月28日``, ``28 February 2024``), from ISO
        ``YYYY-MM-DD``; a month (``YYYY-MM``: ``2024年2月``, ``February 2024``) and a year alone (``YYYY``:
        ``2024年``, ``2024``) in the language's forms too, as a publication date may be given; anything else (free
        text) is returned as given."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(iso).strip())
        if not match or not 1 <= int(match[2] or 1) <= 12:
            return str(iso)
        year = int(match[1])
        if match[2] is None:
            return self.text("dates.year", year=year)
        month = self["dates.months"][int(match[2]) - 1]
        if match[3] is None:
            return self.text("dates.month", year=year, month=month)
        return self.text("dates.day", year=year, month=month, day=int(match[3]))

    def plan_place(self, place, line: int = 0) -> str:
        """Where in the printed plan (:func:`analysis.ingest.plan_outline.place_of`): ``[section, group,
        paragraph]`` as the language cites it (``第二部分第三项第4条``, ``part 2, section 3, point 4``), ``"table"`` the
        indicator table, ``[]`` the opening before the first heading; None (a plan without its text) the ``line``
        given."""
        if place is None:
            return self.text("plan_place.line", line=line)
        if place == "table":
            return self["plan_place.table"]
        if not place:
            return self["plan_place.opening"]
        numeral = chinese_numeral if self["plan_place.numerals"] == "chinese" else str
        section, group, paragraph = place
        return (self.text("plan_place.section", section=numeral(section))
                + (self.text("plan_place.group", group=numeral(group)) if group else "")
                + (self.text("plan_place.paragraph", paragraph=paragraph) if paragraph else ""))

    def status(self, status: str) -> str:
        return self[f"status.{status}"]

    def quantity(self, number: str, unit: str, percent: bool = False) -> str:
        """``number`` in its unit, in a sentence: ``2.61%`` in % (the sign right after the number, in every
        language); in another unit as the language writes it (``24个``; in English the number alone, the unit named
        with the series' name)."""
        if percent:
            return self.text("quantity.percent", number=number)
        if self.writes_out(unit):  # 158 in 100 million yuan: "15.8 billion yuan", never a bare 158
            return self.quantity_alone(number, unit)
        if not unit or not self["quantity.unit_after_number"]:
            return number
        return self.text("quantity.unit", number=number, unit=unit)

    def writes_out(self, unit: str) -> bool:
        """Whether a sentence writes an amount in ``unit`` out in full (``15.8 billion yuan`` for 158 in
        ``100 million yuan``, ``230,000 yuan per worker`` for 23 in ``10,000 yuan per worker``): a unit that opens
        with a number of its own, in a language that names the unit apart from its numbers and names the large
        numbers (``quantity.large``); the series' name then takes no label of its unit."""
        return bool(unit) and bool(re.match(r"\d", unit)) and not self["quantity.unit_after_number"] and bool(
            self["quantity.large"])

    def quantity_alone(self, number: str, unit: str, percent: bool = False) -> str:
        """``number`` in its unit where the sentence does not name the series (a finding of the appendix, a value a
        verdict rests on): the unit after the number in every language (``6.3件/万人``, ``6.3 patents per 10,000
        people``); a unit that opens with a number of its own written out (``800 billion yuan``) where the catalog
        names the large numbers, else as a multiple (``8,000 × 100 zillion yuan``)."""
        if percent or not unit or self["quantity.unit_after_number"]:
            return self.quantity(number, unit, percent)
        if re.match(r"\d", unit):  # 100 million yuan, 10,000 people: the amount written out in full
            scaled = self._scaled_out(number, unit)
            if scaled:
                return scaled
        key = "quantity.alone_scaled" if re.match(r"\d", unit) else "quantity.alone"
        if number == "1" and self["quantity.singular_drops_s"]:  # 1 enterprise, 1 base, never "1 bases"
            first, _, rest = unit.partition(" ")
            irregular = dict(self["quantity.singular_words"])  # 1 person, a unit typed as "people"
            first = irregular.get(first) or (first[:-3] + "y" if first.endswith("ies") else first[:-1]
                                             if re.search(r"[^s]s$", first) else first)
            unit = f"{first} {rest}" if rest else first
        return self.text(key, number=number, unit=self._plural(unit))

    def _plural(self, unit: str) -> str:
        """``unit`` after a number other than 1, its first word as the language says it there
        (``quantity.plural_words``: "2 people", never "2 persons")."""
        first, _, rest = unit.partition(" ")
        first = dict(self["quantity.plural_words"]).get(first, first)
        return f"{first} {rest}" if rest else first

    def _scaled_out(self, number: str, unit: str) -> str:
        """``2`` in ``100 million yuan`` as the language writes the amount (``200 million yuan``; ``158`` as
        ``15.8 billion yuan``; ``2.5`` in ``10,000 people`` as ``25,000 people``), where the catalog names the large
        numbers (``quantity.large``); empty where it does not, or the number or unit is not plain."""
        large = {int(power): word for power, word in self["quantity.large"]}
        powers = {word: power for power, word in large.items()}
        # the unit's number, the large number's word if it has one (100 million), and what it counts ("yuan per
        # worker" in 10,000 yuan per worker: a word after the number that names no large number is the unit's own)
        words = "|".join(re.escape(word) for word in powers)
        match = re.fullmatch(rf"([\d,]+)(?: ({words}))? (.+)" if words else r"([\d,]+) (.+)()", unit)
        sign = re.match(r"[≥≤=+−-]?", number).group()  # a floor's, a ceiling's or a change's sign kept before it
        if not large or not match:
            return ""
        try:
            value = Decimal(number[len(sign):].replace(",", "")) * Decimal(match.group(1).replace(",", ""))
        except ArithmeticError:
            return ""
        value *= Decimal(10) ** powers.get(match.group(2), 0)
        for power in sorted(large, reverse=True):
            if abs(value) >= Decimal(10) ** power:
                amount = value.scaleb(-power).normalize()
                return self.text("quantity.scaled_out", number=f"{sign}{amount:,f}", large=large[power],
                                 unit=self._plural(match.group(3)))
        return self.text("quantity.alone", number=f"{sign}{value.normalize():,f}", unit=self._plural(match.group(3)))

    def join(self, items) -> str:
        """Items joined as the language lists them (``；`` in Chinese, ``; `` in English)."""
        return self["grammar.list_separator"].join(items)

    def join_or(self, items) -> str:
        """``a or b``; ``a, b or c`` (``国或省``; ``lower 或 at_most``, a space beside a Latin word in Chinese):
        choices as the language lists them."""
        items = [str(item) for item in items]
        if len(items) < 2:
            return "".join(items)
        word = self["grammar.or"]
        if not self["language.breaks_at_spaces"] and re.search(r"[A-Za-z0-9]$", items[-2]) and re.match(
                r"[A-Za-z0-9]", items[-1]):
            word = f" {word.strip()} "
        return self["grammar.comma"].join(items[:-1]) + word + items[-1]

    def join_and(self, items) -> str:
        """``2020、2021`` / ``2020 and 2021``; ``a, b and c``."""
        items = [str(item) for item in items]
        if len(items) < 2:
            return "".join(items)
        return self["grammar.comma"].join(items[:-1]) + self["grammar.and"] + items[-1]


#: A full-width bracket, and a Chinese character: no space between them in a language that does not break at spaces.
_BRACKET_CLOSE, _BRACKET_OPEN = "）", "（"
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: A number in a Chinese unit (77家/万人, 109.61亿元, 2023—2024年): no space before the Chinese word after it.
_QUANTITY = re.compile(r"[+\-−]?\d[\d,.]*(?:[—–-]\d[\d,.]*)?\S*[\u4e00-\u9fff]")
#: A Chinese character or full-width punctuation (，：（）“”): no space between it and a number.
_FULL_WIDTH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’]")
#: A field's text that opens with a number (2030, −0.3, 4.6%, 2011-09-28), and one that ends in a number (4.6%, 2030),
#: not a Latin word's (UTF-8, v2) nor a name's (a hash 59d9e2…, a file 2023-市科技局.xlsx).
_OPENS_NUMBER = re.compile(r"[+\-−]?\d(?![\d,.]*(?:[A-Za-z_]|-\D))")
_ENDS_NUMBER = re.compile(r"(?<![A-Za-z_\d.,])(?<![A-Za-z_][\-.+])[+\-−]?\d(?:[\d,.]*\d)?%?$")  # not target_2024


def _tight(template: str, fields: dict) -> str:
    """``template`` filled with ``fields``, less each space of the template itself that stands between ）and a Chinese
    character, or a Chinese character and （, after a field that is a number in a Chinese unit before a Chinese
    character (``{latest} 已达到`` gives 77家/万人已达到, as a word set apart, ``单位 {unit} 和``, keeps its own), and
    between a Chinese character or full-width punctuation and a field that opens with a number (``年份为 {year}，``
    gives 年份为2030，, as ``年份为 'x'，`` keeps its space; ``{status} {count}项``: 已达标3项), and between a field
    that ends with a number and the template's own Chinese character (``{count} 项``); a number and the name it
    numbers, two fields, keep their space (``{id} {name}``: 1 研发人员数, 1.1 创新布局) (:meth:`Catalog.text`)."""
    text, spaces, quantities, starts, ends, own = "", [], set(), set(), set(), set()
    for literal, name, spec, conversion in string.Formatter().parse(template):
        spaces += [len(text) + index for index, char in enumerate(literal) if char == " "]
        own.update(range(len(text), len(text) + len(literal)))
        text += literal
        if name is not None:
            field = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            value = field.format(**fields)
            if _OPENS_NUMBER.match(value):
                starts.add(len(text))
            text += value
            if _QUANTITY.fullmatch(value):
                quantities.add(len(text) - 1)
            if _ENDS_NUMBER.search(value):
                ends.add(len(text) - 1)

    def loose(index: int) -> bool:
        before, after = text[index - 1:index], text[index + 1:index + 2]
        return (before == _BRACKET_CLOSE and bool(_HAN.match(after))) or (
            bool(_HAN.match(before)) and after == _BRACKET_OPEN) or (
            index - 1 in quantities and bool(_HAN.match(after))) or (
            index + 1 in starts and bool(_FULL_WIDTH.match(before))) or (
            index - 1 in ends and index + 1 in own and bool(_FULL_WIDTH.match(after)))

    dropped = {index for index in spaces if loose(index)}
    return "".join(char for index, char in enumerate(text) if index not in dropped) if dropped else text


def check_language(value, words: Catalog | None = None) -> str:
    """A report language (zh, en); an unknown one told in ``words``' language (English by default)."""
    if value not in LANGUAGES:
        words = words or catalog("en")
        raise InputError(words.text("parameter_errors.unknown_language", value=quote(value, words=words),
                                    choices=words.join_or(LANGUAGES)), field="language")
    return value


@functools.cache
def catalog(language: str = DEFAULT_LANGUAGE) -> Catalog:
    language = check_language(language)
    path = CATALOGS_DIR / f"{language}.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Catalog(language, entries, path)


@functools.cache
def plan_catalog(language: str, plan_word: str = "", figures_from: str = "plan_text") -> Catalog:
    """The catalog of ``language`` for a plan that calls itself ``plan_word`` (规划) where the catalog says
    ``language.plan_word`` (方案): the catalog's own sentences with the plan's word, a whole word in a language that
    breaks at spaces. Empty, or the catalog's word: the catalog as it is. A plan whose figures were typed from a
    press quote of it (``figures_from``: ``press_quote``) takes the sentences the catalog gives such a plan
    (``figures_from.press_quote``: "the press quote gives no baseline", never "the plan prints none")."""
    words = catalog(language)
    entries = words.entries
    if figures_from != "plan_text":
        entries = _overlaid(entries, words[f"figures_from.{figures_from}"])
    own = words["language.plan_word"]
    if not plan_word or plan_word == own:
        return words if entries is words.entries else Catalog(language, entries, words.path)
    pattern = re.compile(rf"\b{re.escape(own)}\b" if words["language.breaks_at_spaces"] else re.escape(own))

    def swap(node):
        if isinstance(node, dict):
            return {key: swap(value) for key, value in node.items()}
        if isinstance(node, list):
            return [swap(value) for value in node]
        return pattern.sub(plan_word, node) if isinstance(node, str) else node

    return Catalog(language, swap(entries), words.path)


def _overlaid(entries: dict, overlay: dict) -> dict:
    """``entries`` with each sentence of ``overlay`` (a mapping of the catalog's own shape) in place of its namesake."""
    merged = dict(entries)
    for key, value in overlay.items():
        merged[key] = _overlaid(merged[key], value) if isinstance(value, dict) else value
    return merged


#: The language a run tells the mistakes of a plan's own files in (plan.yml, indicators.csv, corrections.csv, …):
#: the one language ``--lang`` asks for, set once by the command line (:func:`mistakes_told_in`); English where it
#: asks for none or both, as the files' keys and the docs are written.
_TOLD_IN: contextvars.ContextVar[str] = contextvars.ContextVar("told_in", default="en")


@contextmanager
def mistakes_told_in(language: str) -> Iterator[None]:
    """Within the block, a plan file's mistakes (:func:`plan_error`) are told in ``language`` (English if unknown)."""
    token = _TOLD_IN.set(language if language in LANGUAGES else "en")
    more = RUN_MORE.set(told_words()["entry_errors.more"])
    words = RUN_WORDS.set(told_words())
    try:
        yield
    finally:
        RUN_WORDS.reset(words)
        RUN_MORE.reset(more)
        _TOLD_IN.reset(token)


def told_words() -> Catalog:
    """The catalog a plan file's mistakes are told from: the run's language (:func:`mistakes_told_in`)."""
    return catalog(_TOLD_IN.get())


def plan_error(key: str, **fields) -> str:
    """A plan file's mistake (the catalogs' ``plan_errors.<key>``) in the language the run tells mistakes in; the
    fields are filled in as given (a cell already quoted with :func:`~analysis.errors.quote`)."""
    return told_words().text(f"plan_errors.{key}", **fields)


def plan_error_count(key: str, count: int, **fields) -> str:
    """:func:`plan_error` of ``plan_errors.<key>``, or of ``<key>_one`` when ``count`` is 1 ("1 row", "2 rows")."""
    return told_words().count_text(f"plan_errors.{key}", count, **fields)


def catalogs() -> list[Catalog]:
    return [catalog(language) for language in LANGUAGES]


def keys(entries: dict, prefix: str = "") -> set[str]:
    """Every dotted key of a catalog (to check that all languages say the same things)."""
    found = set()
    for name, value in entries.items():
        key = f"{prefix}{name}"
        found |= keys(value, key + ".") if isinstance(value, dict) else {key}
    return found


def series_named(text: str, known: list[str]) -> str:
    """The series ``text`` names: itself, or the series whose label it is in either language (国家级: national), or
    whose short form (国家, 省: :data:`~analysis.vocabulary.SERIES_ALIASES`); ``text`` as given where it names none.
    A department workbook's series cell and notebook 04's ``series`` parameter alike."""
    if text in known:
        return text
    labels = {label.casefold(): series for words in catalogs() for series, label in words["series"].items()}
    key = " ".join(text.casefold().rstrip("。.").split())
    return labels.get(key) or SERIES_ALIASES.get(key) or text

"""A plan's indicator table as published, read into the typed plan files, with a review of every reading.

:mod:`analysis.ingest.published_table` gives the tables of a web page or a Word file as grids of text.
Here the indicator table is found (the table whose header names baseline and target years), its
columns named by their header words (一级指标, 序号, 二级指标, 单位, ``2020年基础值``, ``2024年目标值``; in English
No., Indicator, Unit, ``2020``, ``2024 target``),
and every row read into ``indicators.csv`` and ``values.csv`` rows (docs/new-plan.md), splitting what
must be split: a combined cell (``国2.8/省3.1``) into a national and a provincial series, a parent row
with ``国家级`` and ``省级`` rows under it into two series, a unit printed in the name (``研发人员数（人）``)
into the unit, a core mark (``*`` after the name, its unit or its number) into ``core``, a footnote's mark
(``①``, ``(注1)``, ``[1]``, ``¹``) into a row of the review, a bound (``≥90``, ``90以上``, ``前18位``, ``翻一番``)
into a value with its direction, kind or basis.

Every cell read becomes a row of the review (``review.csv``), naming the table, row and column; a
split, a guess (a kind from the unit, a direction from the words) and what only a person can give
(the English names) are marked for confirmation, and the plan folder is not read until each is
confirmed (:func:`analysis.ingest.plan_inputs.check_review`). The review is written in the table's language (its
words in the catalogs' ``import_review``): Chinese for a table in Chinese, as :func:`file_words` tells a file's
mistakes; what it quotes from the table stays as printed, and the codes a person types (``indicator_id``,
``national``, ``at_least``) as the files spell them.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from ..catalog import Catalog, catalog
from ..errors import InputError
from ..ingest.printed_table import COMBINED_CELL, PLAIN_NUMBER
from ..ingest.published_table import Grid, file_words
from ..numerals import NUMERALS, chinese_number

YEAR = re.compile(r"((?:19|20)\d{2})")
#: The header words of a column, in Chinese as a plan prints them and in English as a translated table heads them
#: (No., Indicator, Unit, 2020, 2023 target, 2024 target), an English word whole and in any case: the first role
#: whose words a header names is the column's (一级指标 and "Primary indicator" a category, not a name).
BASE_WORDS = re.compile(r"基础|基期|基准|现状|现值|起点|基数|\b(?:base(?:line)?|base[- ]year|current|actual)\b",
                        re.IGNORECASE)
TARGET_WORDS = re.compile(r"目标|预期值|规划值|计划|\b(?:targets?|goals?|planned|expected)\b", re.IGNORECASE)
ROLE_WORDS = [("category", re.compile(r"一级指标|类别|领域|方面|维度|分类|\b(?:categor(?:y|ies)|dimensions?|areas?|"
                                      r"fields?|domains?|first[- ]level|level[- ]?(?:1|one)|primary)\b",
                                      re.IGNORECASE)),
              ("number", re.compile(r"序号|编号|^\s*(?:no\.?|nos?\.|number|s/?n|#|item)\s*$", re.IGNORECASE)),
              ("unit", re.compile(r"^(计量)?单位$|^\s*units?(?:\s+of\s+measure(?:ment)?)?\s*$", re.IGNORECASE)),
              ("attribute", re.compile(r"属性|性质|\b(?:attributes?|nature|type)\b", re.IGNORECASE)),
              ("name", re.compile(r"二级指标|指标名称|具体指标|指标|\bindicators?\b|\bnames?\b", re.IGNORECASE))]
SERIES_ROWS = {"国家级": "national", "省级": "provincial", "国家": "national", "省": "provincial"}
UNIT_IN_NAME = re.compile(r"^(?P<name>.*?)\s*[（(](?P<unit>[^（）()]*)[）)]$")
#: The core mark after a name or a number (``研发人员数（人）*``, ``3*``), as the printed plan marks a core indicator.
CORE_MARKS = "*＊★"
CIRCLED = "①-⑳⑴-⒇❶-❿➀-➉"
#: A footnote's mark after a name or a number: ①, (注1), 注1, [1], a raised ¹ (a name's last, before or after its unit).
FOOTNOTE = re.compile(rf"(?:[（(]\s*注\s*(?:\d+|[{CIRCLED}])?\s*[）)]|[\[［【〔]\s*注?\s*\d+\s*[\]］】〕]"
                      rf"|注\s*(?:\d+|[{CIRCLED}])|[{CIRCLED}]|[⁰¹²³⁴-⁹]+)$")
NUMBER = r"\d+(?:\.\d+)?"
#: A floor (≥90, 90以上) or a ceiling (控制在0.45以内), as the plan may say it is kept (保持40以上, 保持在0.45以下).
AT_LEAST = re.compile(rf"^(?:保持)?(?:≥|>=|不低于|不少于|达到)\s*(?P<n>{NUMBER})\s*(?:以上)?$"
                      rf"|^(?:保持在?)?\s*(?P<m>{NUMBER})\s*(?:以上|及以上)$")
AT_MOST = re.compile(rf"^(?:保持)?(?:≤|<=|不高于|不超过|控制在)\s*(?P<n>{NUMBER})\s*(?:以内|以下)?$"
                     rf"|^(?:保持在?)?\s*(?P<m>{NUMBER})\s*(?:以下|以内)$")
#: The % of a bound in a % indicator (40%以上, ≥90%): the unit, dropped before the bound is read.
BOUND_PERCENT = re.compile(r"\s*%\s*(?=(?:以上|及以上|以内|以下)?$)")
RANK = re.compile(r"^(?:进入|保持|位居)?(?:世界|全国|全省)?(?:前|第)\s*(?P<n>\d+)\s*(?:位|名)?(?:以内)?$")
#: A change from the base value, as values.csv writes it (basis percent or points, without a sign): 下降10%, 增长20%,
#: 提高0.6个百分点.
CHANGE = re.compile(rf"^(?P<verb>增长|提高|提升|增加|上升|下降|降低|减少)\s*(?P<n>{NUMBER})\s*(?P<unit>%|个百分点)$")
FALL_WORDS = ("下降", "降低", "减少")
#: A range (direction within): 控制在12—15, 2.8-3.2, 2%～3%.
RANGE = re.compile(rf"^(?:控制在|保持在|介于)?\s*(?P<n>{NUMBER})\s*%?\s*(?:-|－|—+|–|~|～|至|到)\s*"
                   rf"(?P<upper>{NUMBER})\s*%?\s*(?:之间|以内|区间)?$")
#: A number given as about: 约10, 10左右.
ABOUT = re.compile(rf"^(?:约|大约)\s*(?P<n>{NUMBER})$|^(?P<m>{NUMBER})\s*(?:左右|上下)$")
#: A number with what the plan strives for beside it: 35（力争40）, 35，力争40.
STRIVE = re.compile(rf"^(?P<n>{NUMBER})\s*(?:[（(]\s*(?P<note>力争[^（）()]*)[）)]|[，,；;]\s*(?P<after>力争.*))$")
#: A number in ten thousands: 2.5万.
TEN_THOUSANDS = re.compile(rf"^(?P<n>{NUMBER})\s*万$")
#: One series' number alone: 国3, 省5.
ONE_SERIES = re.compile(rf"^(?P<series>国|省)(?:家级|级)?\s*(?P<n>{NUMBER})$")
#: A number with its thousands apart: 2 000, 1,200.
THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:[,，\s]\d{3})+(?![\d])")
#: A number in brackets: often what the plan's years add up to (注：[ ]内为五年累计数).
BRACKETED = re.compile(rf"^[\[［【〔]\s*{NUMBER}\s*%?\s*[\]］】〕]$")
DOUBLED = {"翻一番": "2", "翻两番": "4", "翻番": "2"}
NO_VALUE = re.compile(r"^(?:|—+|-+|－+|/|／|…+|无|暂无|定性|定性指标)$")
#: A name that counts per people or per output (每万人, 万人发明专利, 万元GDP能耗): an intensity, its unit per what
#: the name says (件 → 件/万人, 吨标准煤 → 吨标准煤/万元) where the table prints the numerator's alone.
PER_NAME = [(re.compile(r"每万(?:名|个)?(?:人口|人|就业人员|从业人员)|^万人口?"), "万人"),
            (re.compile(r"万元(?:GDP|地区生产总值|国内生产总值|工业增加值)"), "万元")]
INTENSITY_NAME = re.compile(r"人均|每(?:百|千|万|十万)|^万人")
#: A name or unit of a place in a ranking: rank, better the lower.
RANK_NAME = re.compile(r"排名|位次|排位|名次")
RANK_UNITS = ("位", "名")
LOWER_WORDS = re.compile(r"排放|能耗|污染|事故|死亡|成本|耗")
#: A name that counts a fall itself (能耗降低, 排放下降: its value is how much it fell): the more, the better.
FALL_NAME = re.compile(r"下降|降低|减少")
UNIT_KINDS = [("share", re.compile(r"^%$|^％$|百分比")), ("intensity", re.compile(r"/|每|百人")),
              ("amount", re.compile(r"元")),
              ("count", re.compile(r"^(个|家|件|项|人|名|座|所|台|篇|次|人次|平台|万人)$"))]


@dataclass
class ImportedPlan:
    """What the table gives: the typed plan's rows, the review, and the years its header names. A value read from a
    cell of its own holds its row of the review (``review``), which is not a column of ``values.csv``. ``language``:
    the one the review (and the draft's README) is written in."""

    table: int
    indicators: list[dict] = field(default_factory=list)
    values: list[dict] = field(default_factory=list)
    review: list[dict] = field(default_factory=list)
    baseline_years: list[int] = field(default_factory=list)
    target_years: list[int] = field(default_factory=list)
    language: str = "en"

    @property
    def words(self) -> Catalog:
        return catalog(self.language)

    def say(self, entry: str, /, **fields) -> str:
        """A reading of the review in the plan's language: ``import_review.<entry>`` with ``fields``."""
        return self.words.text(f"import_review.{entry}", **fields)


@dataclass(frozen=True)
class Column:
    index: int
    label: str
    role: str
    year: int | None = None
    value_type: str = ""
    guessed: bool = False


def _numeric(text: str) -> bool:
    return bool(PLAIN_NUMBER.fullmatch(text) or COMBINED_CELL.fullmatch(text) or AT_LEAST.match(text)
                or AT_MOST.match(text) or RANK.match(text))


def _header_rows(grid: Grid) -> int:
    """How many rows the header takes: the rows before the first with two numbers (at most four), or before the first
    category heading (一、创新投入, or 一 beside its words), which has none."""
    for index, row in enumerate(grid.rows[:5]):
        first = next((cell.strip() for cell in row if cell.strip()), "")
        if index and (HEADING_NUMERAL.match(first) or HEADING_NUMBER.fullmatch(first) and not first.isdecimal()):
            return index
        if sum(_numeric(cell) for cell in row) >= 2:
            return index
    return 1


def columns(grid: Grid) -> list[Column]:
    """The table's columns named by their header words; a title spanning the whole width is no header."""
    header = [row for row in grid.rows[:_header_rows(grid)] if len({cell for cell in row if cell}) > 1]
    named = []
    for index in range(len(grid.rows[0])):
        label = " ".join(dict.fromkeys(row[index] for row in header if row[index]))
        year = YEAR.search(label)
        if year:
            value_type = "baseline" if BASE_WORDS.search(label) else "target" if TARGET_WORDS.search(label) else ""
            named.append(Column(index, label, "value", int(year[1]), value_type))
            continue
        role = next((role for role, words in ROLE_WORDS if words.search(label)), "")
        named.append(Column(index, label, role))
    # years the header names without saying baseline or target: the earliest are baselines, up to the first year
    # a target column names (or the earliest year alone), each a guess
    untyped = [c for c in named if c.role == "value" and not c.value_type]
    if untyped:
        targets = [c.year for c in named if c.value_type == "target"]
        first_target = min(targets) if targets else min(c.year for c in named if c.role == "value") + 1
        named = [Column(c.index, c.label, c.role, c.year, "baseline" if c.year < first_target else "target", True)
                 if c in untyped else c for c in named]
    return named


def find_indicator_table(grids: list[Grid], source: str) -> tuple[Grid, list[Column]]:
    """The table with a name column and years of baselines or targets; of several, the one with most rows."""
    found = []
    for grid in grids:
        named = columns(grid)
        if any(c.role == "name" for c in named) and any(c.role == "value" for c in named):
            found.append((len(grid.rows), grid, named))
    if not found:
        texts = [cell for grid in grids for row in grid.rows for cell in row]
        raise InputError(file_words(source, texts)["import_errors.no_indicator_table"], file=source)
    _, grid, named = max(found, key=lambda item: item[0])
    return grid, named


def read_plan_table(grids: list[Grid], source: str, language: str | None = None) -> ImportedPlan:
    """The indicator table of ``grids`` read into typed plan rows and a review (see the module's docstring), in
    ``language`` (zh, en); by default the table's: Chinese where the file's name or the table's text is Chinese."""
    grid, named = find_indicator_table(grids, source)
    language = language or file_words(source, [cell for row in grid.rows for cell in row]).language
    role = {c.role: c.index for c in reversed(named) if c.role and c.role != "value"}
    value_columns = [c for c in named if c.role == "value"]
    plan = ImportedPlan(grid.number, baseline_years=sorted({c.year for c in value_columns if c.value_type ==
                                                            "baseline"}),
                        target_years=sorted({c.year for c in value_columns if c.value_type == "target"}),
                        language=language)
    where = lambda row, column: plan.say("where", table=grid.number, row=row + 1, column=column + 1)  # noqa: E731
    for column in value_columns:
        if column.guessed:
            plan.review.append(_review(where(0, column.index), column.label, plan.say(
                "column_year", year=column.year, value_type=plan.say(f"value_types.{column.value_type}")), "guess"))
    _unused_columns(plan, grid, named, role, where)
    rows = _rows(plan, grid, named, role, value_columns, where)
    number, parent, heading = 0, None, None
    headings: list[dict] = []  # each category heading: its category, its row of the review, its indicators
    numbers_printed = {r: _indicator_number(row, role) for r, row, kind in rows if kind == "indicator"}
    printed = {n for n, _ in numbers_printed.values() if n}
    numbers: dict[int, int] = {}  # each indicator's number: the row it is read from
    numbered: list[tuple[int, int]] = []  # the numbers printed, in their order, each with its row
    for r, row, kind in rows:
        cells = {c: row[c.index] for c in value_columns}
        if kind == "series":
            _read_values(plan, parent, SERIES_ROWS[_series_word(row, role)], cells, r, where)
            continue
        if kind == "heading":  # 一、创新投入: no indicator, the category of the indicators under it
            words, category = _heading_words(row, role)
            plan.review.append(_review(where(r, role["name"]), words, "", "guess"))
            heading = {"category": category, "row": r, "review": plan.review[-1], "ids": []}
            headings.append(heading)
            continue
        printed_number, as_printed = numbers_printed[r]  # 3*: indicator 3, core; （三）: indicator 3
        free = next(n for n in itertools.count(number + 1) if n not in numbers and n not in printed)
        indicator_id = printed_number or free  # none printed: the next not printed
        if printed_number:
            numbered.append((indicator_id, r))
        if indicator_id in numbers:  # printed twice (1, 1, 4), or again from 1 under each category: the next free
            first = where(numbers[indicator_id], role["number"])
            plan.review.append(_review(where(r, role["number"]), row[role["number"]], plan.say(
                "number_again", id=free, number=indicator_id, first=first, check=plan.say("check_number")), "guess"))
            indicator_id = free
        elif "number" in role and re.sub(r"[^0-9]", "", as_printed) != str(indicator_id):
            # （三）, ５, 9.1, a letter, none: told, never changed in silence; （3） and 3. are 3 as printed
            said = "number_other" if printed_number else "number_not_whole" if as_printed else "number_none"
            plan.review.append(_review(where(r, role["number"]), row[role["number"]], plan.say(
                said, id=indicator_id, printed=as_printed, check=plan.say("check_number")), "guess"))
        numbers[indicator_id], number = r, indicator_id
        parent = _read_indicator(plan, indicator_id, row, role, r, where)
        if heading is not None and not parent["category_zh"]:  # no category cell of its own: its heading's
            parent["category_zh"] = heading["category"]
            heading["ids"].append(indicator_id)
        if any(cells.values()):
            _read_values(plan, parent, "", cells, r, where)
    if numbered:
        _number_gaps(plan, numbered, set(numbers), grid, role["number"], where)
    _review_categories(plan, headings, role, where)
    _place_series(plan)
    _guess_kinds(plan)
    return plan


#: A Chinese numeral as a table numbers its rows: 一 to 九十九 (三, 十二, 二十).
CHINESE_NUMERAL = rf"(?=[{NUMERALS}])(?:[{NUMERALS[:9]}]?十)?[{NUMERALS[:9]}]?"
#: A number cell as printed, its width normalized (（３） → (3), ③ → 3): 3, 3., 3、, (3), 三, （三）, 三、.
NUMBER_CELL = re.compile(rf"\(?(?:(?P<digits>\d+)|(?P<numeral>{CHINESE_NUMERAL}))\)?[、.]?")
#: A category heading's own number: 一, 一、, （一）.
HEADING_NUMBER = re.compile(rf"[（(]?{CHINESE_NUMERAL}[）)]?[、.．]?")
#: The numeral a category heading's words start with: 一、创新投入, （一）创新投入, 一．创新投入.
HEADING_NUMERAL = re.compile(rf"^(?:[（(]\s*{CHINESE_NUMERAL}\s*[）)]|{CHINESE_NUMERAL}\s*[、.．])\s*")


def _indicator_number(row: list[str], role: dict) -> tuple[int | None, str]:
    """The indicator's number as its row prints it, in whatever form (``3``, ``３``, ``3.``, ``（3）``, ``③``, ``三``,
    ``（三）``), without a core mark or a footnote's (``3*``: 3), and its text as printed without them; no number
    for none, or for one that is no whole number (``9.1``, ``a``)."""
    printed = _marks(row[role["number"]])[0].strip() if "number" in role else ""
    found = NUMBER_CELL.fullmatch(unicodedata.normalize("NFKC", printed).replace(" ", ""))
    if not found:
        return None, printed
    return (int(found["digits"]) if found["digits"] else chinese_number(found["numeral"])) or None, printed


def _series_word(row: list[str], role: dict) -> str:
    return re.sub(r"^其中[:：]?", "", row[role["name"]] if "name" in role else "").strip()


def _heading_words(row: list[str], role: dict) -> tuple[str, str]:
    """A category heading's words as its row prints them (``一、创新投入``, or ``创新投入`` beside the number 一) and
    the category they name (``创新投入``); ``("", "")`` for a row that is no heading. A heading is one text, its
    number apart, printed in the name column (and in any column it spans), with no value of its own, that a Chinese
    numeral numbers (一 in the number column, or 一、 before its words), that spans the table's width, or that has
    no number where the table numbers its rows."""
    number = row[role["number"]].strip() if "number" in role else ""
    numeral = bool(number) and not number.isdecimal() and bool(HEADING_NUMBER.fullmatch(number))
    texts = {cell.strip() for index, cell in enumerate(row)
             if cell.strip() and not (numeral and index == role["number"])}
    if len(texts) != 1 or "name" not in role or row[role["name"]].strip() not in texts:
        return "", ""
    [words] = texts
    category = HEADING_NUMERAL.sub("", words).strip()
    spans = all(cell.strip() == words for cell in row)
    if not category or not (numeral or spans or category != words or "number" in role and not number):
        return "", ""
    return words, category


def _rows(plan: ImportedPlan, grid: Grid, named: list[Column], role: dict, value_columns: list[Column],
          where) -> list[tuple[int, list[str], str]]:
    """The rows under the table's header, each with what it is: ``indicator``; ``series``, a 国家级 or 省级 row under
    its parent; or ``heading``, a category heading over the indicators under it (一、创新投入, with no values; one
    with no indicator under it is an indicator). A note under the table is told in the review and left out, and so
    are an empty row and the header printed again."""
    found: list[tuple[int, list[str], str]] = []
    values = {c.index for c in value_columns}
    for r, row in enumerate(grid.rows[_header_rows(grid):], _header_rows(grid)):
        name = row[role["name"]] if "name" in role else ""
        words = {re.sub(r"\s+", "", cell) for index, cell in enumerate(row) if index not in values and cell.strip()}
        if words and words <= TOTAL_WORDS:  # 合计: the rows above added up, no indicator; told, never lost in silence
            column = next(index for index, cell in enumerate(row) if re.sub(r"\s+", "", cell) in TOTAL_WORDS)
            plan.review.append(_review(where(r, column), row[column], plan.say("total_row"), "skip"))
            continue
        if not name and not any(row[c.index] for c in value_columns) or name in {c.label for c in named}:
            continue
        note = _table_note(row)
        if note:  # 注1：不含外观设计专利, across the table's width: no indicator, its words kept for a person to read
            plan.review.append(_review(where(r, 0), note, plan.say("table_note"), "skip"))
            continue
        if _series_word(row, role) in SERIES_ROWS and found:
            if found[-1][2] == "heading":  # 科技创新基地 above its 国家级 and 省级 rows: their parent, no heading
                found[-1] = (*found[-1][:2], "indicator")
            kind = "series"
        else:
            kind = "heading" if _heading_words(row, role)[0] else "indicator"
        found.append((r, row, kind))
    return [(r, row, "indicator" if kind == "heading" and (index + 1 == len(found) or found[index + 1][2] !=
                                                          "indicator") else kind)
            for index, (r, row, kind) in enumerate(found)]


#: The words of a row of totals: 合计, 总计, 小计.
TOTAL_WORDS = {"合计", "总计", "小计", "共计", "总数", "合计数", "Total", "total", "TOTAL", "Subtotal"}


def _unused_columns(plan: ImportedPlan, grid: Grid, named: list[Column], role: dict, where) -> None:
    """A column the draft has no place for (指标属性: 预期性, 约束性; 备注), told once at its header with what it
    prints, as the review lists every cell read."""
    used = set(role.values()) - {role.get("attribute")}
    for column in named:
        if column.role == "value" or column.index in used or not column.label:
            continue
        printed = list(dict.fromkeys(row[column.index].strip() for row in grid.rows[_header_rows(grid):]
                                     if row[column.index].strip() and row[column.index].strip() != column.label
                                     and len({cell.strip() for cell in row}) > 1))  # a row across: a note, a heading
        shown = plan.words["grammar.comma"].join(printed[:6]) + ("…" if len(printed) > 6 else "")
        plan.review.append(_review(where(0, column.index), column.label, plan.say(
            "column_unused" if printed else "column_empty", label=column.label, printed=shown), "skip"))


def _review_categories(plan: ImportedPlan, headings: list[dict], role: dict, where) -> None:
    """Each category once, for the indicators it spans (a cell merged down their rows is read in each of them): a
    category column's as read, at its first row; a category heading's as a guess, at the heading. A category printed
    again after another asks whether it is one category or two of one name."""
    heading_of = {indicator_id: heading for heading in headings for indicator_id in heading["ids"]}
    runs: list[tuple[tuple, list[dict]]] = []  # the indicators in a row of one category (and heading)
    for indicator in plan.indicators:
        key = (indicator["category_zh"], id(heading_of.get(indicator["indicator_id"])))
        if runs and runs[-1][0] == key:
            runs[-1][1].append(indicator)
        else:
            runs.append((key, [indicator]))
    seen: dict[str, str] = {}
    for (category, _), run in runs:
        if not category:
            continue
        heading = heading_of.get(run[0]["indicator_id"])
        place = where(heading["row"], role["name"]) if heading else where(run[0]["row"], role["category"])
        again = plan.say("category_again", category=category, place=seen[category]) if category in seen else ""
        seen.setdefault(category, place)
        reading = plan.words.count_text("import_review.category", len(run), category=category,
                                        ids=plan.words["grammar.comma"].join(str(i["indicator_id"]) for i in run))
        reading += again
        if heading:
            heading["review"]["read_as"] = plan.say("heading", reading=reading)
        else:
            plan.review.append(_review(place, category, reading, "guess" if again else "read"))
    for heading in headings:
        if not heading["ids"]:  # each row under it has a category cell of its own
            heading["review"]["read_as"] = plan.say("heading_alone", category=heading["category"])


def _number_gaps(plan: ImportedPlan, numbered: list[tuple[int, int]], held: set[int], grid: Grid, column: int,
                 where) -> None:
    """A number missing from those printed (1, 1, 4: no 3) is a row of the review, at the first number after it: an
    indicator lost, or a number the plan skips, which only the published plan tells. A number the draft gave a row
    (``held``: one with no number, 9.1, a number printed again) is no gap: adding an indicator under it would give
    the draft two of that number."""
    missing = sorted(set(range(1, max(n for n, _ in numbered) + 1)) - {n for n, _ in numbered} - held)
    runs: list[list[int]] = []  # consecutive numbers missing: one row of the review
    for n in missing:
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    for first, last in runs:
        after, r = next((n, r) for n, r in numbered if n > last)
        plan.review.append(_review(where(r, column), grid.rows[r][column], plan.say(
            "number_gap", numbers=f"{first}–{last}" if last > first else first, after=after), "fill"))


#: How a note under a table begins: 注1：…, 说明：…, 资料来源：…, Note: …
#: (its colon is needed: 注册企业数 is a name)
TABLE_NOTE = re.compile(r"\s*(?:注|说明|备注|资料来源|数据来源|notes?|sources?)\s*[0-9０-９①-⑩]*\s*[:：]",
                        re.IGNORECASE)


def _table_note(row: list[str]) -> str:
    """The words of a row that is a note under the table (one text, spread across its cells by a merged cell, that
    starts as a note does), else ""."""
    texts = {cell.strip() for cell in row if cell and cell.strip()}
    if len(texts) != 1:
        return ""
    [text] = texts
    return text if TABLE_NOTE.match(text) and not _numeric(text) else ""


def _review(where: str, text: str, reading: str, action: str) -> dict:
    return {"where": where, "text": text, "read_as": reading, "action": action,
            "confirmed": "yes" if action == "read" else ""}


def _marks(text: str) -> tuple[str, bool, list[str]]:
    """``text`` without the core marks and footnote marks after it; whether a core mark was among them; the footnote
    marks, in their order (``研发人员数（人）*①`` → ``研发人员数（人）``, True, ``["①"]``)."""
    core, notes = False, []
    while True:
        text = text.rstrip()
        if len(text) > 1 and text[-1] in CORE_MARKS:
            core, text = True, text[:-1]
            continue
        found = FOOTNOTE.search(text)
        if not found or found.start() == 0:
            return text, core, notes
        notes.insert(0, found[0])
        text = text[:found.start()]


def _read_indicator(plan: ImportedPlan, indicator_id: int, row: list[str], role: dict, r: int, where) -> dict:
    printed = row[role["name"]]
    unit = row[role["unit"]] if "unit" in role else ""
    name, core, notes = _marks(printed)
    note = ""
    match = UNIT_IN_NAME.match(name)
    if match and ("、" in match["unit"] or len(match["unit"]) > 12):
        match = None  # a list in parentheses (重点实验室、技术创新中心) belongs to the name, it is no unit
    if match and not unit:
        unit = match["unit"]
        name, name_core, name_notes = _marks(match["name"])  # 高新技术企业数*（家）: the mark before the unit
        core, notes = core or name_core, name_notes + notes
        if "，" in unit or "," in unit:
            unit, note = re.split(r"[，,]", unit, maxsplit=1)
    per = next(((found[0], per) for pattern, per in PER_NAME if (found := pattern.search(name))), None)
    printed_unit = unit.strip()
    if per and printed_unit and not re.search(r"[/%％]|每", printed_unit) and per[1] not in printed_unit:
        unit = f"{printed_unit}/{per[1]}"  # 万元GDP能耗（吨标准煤）: 吨标准煤/万元, as the plan means it
    number_core = _read_number(plan, indicator_id, row, role, r, where)
    category = row[role["category"]] if "category" in role else ""
    indicator = {"indicator_id": indicator_id, "name_zh": name.strip(), "unit_zh": unit.strip(),
                 "core": core or number_core, "category_zh": category, "note": note.strip(), "row": r, "series": [],
                 "bounds": set(), "texts": []}
    reading = plan.say("name", id=indicator_id, name=indicator["name_zh"]) \
        + (plan.say("unit_per", unit=unit, printed=printed_unit, words=per[0]) if unit.strip() != printed_unit
           else plan.say("unit", unit=unit.strip()) if unit.strip() else "") \
        + (plan.say("unit_note", note=note.strip()) if note.strip() else "") \
        + (plan.say("core") if core else "") + _footnote_reading(plan, notes)
    plan.review.append(_review(where(r, role["name"]), printed, reading,
                               "split" if match or core or notes else "read"))
    plan.indicators.append(indicator)
    return indicator


def _read_number(plan: ImportedPlan, indicator_id: int, row: list[str], role: dict, r: int, where) -> bool:
    """Whether the indicator's printed number carries the core mark (``3*``); a mark after it is a row of the
    review."""
    printed = row[role["number"]] if "number" in role else ""
    _, core, notes = _marks(printed)
    if core or notes:
        plan.review.append(_review(where(r, role["number"]), printed, plan.say("indicator", id=indicator_id)
                                   + (plan.say("core") if core else "") + _footnote_reading(plan, notes), "split"))
    return core


def _footnote_reading(plan: ImportedPlan, notes: list[str]) -> str:
    return plan.say("footnote", marks=" ".join(notes)) if notes else ""


def _read_values(plan: ImportedPlan, indicator: dict, series: str, cells: dict, r: int, where) -> None:
    for column, text in cells.items():
        if NO_VALUE.match(text):
            continue
        combined = COMBINED_CELL.fullmatch(text)
        if combined and not series:
            for part in ("national", "provincial"):
                _add(plan, indicator, part, column, combined[part])
            plan.review.append(_review(where(r, column.index), text, plan.say(
                "combined", label=_value_key(plan, indicator, series, column), national=combined["national"],
                provincial=combined["provincial"]), "split"))
            continue
        cell = _read_cell(text, indicator["unit_zh"])
        key = _value_key(plan, indicator, series or cell["series"], column)
        if cell["advice"]:
            indicator["texts"].append(text)
            plan.review.append(_review(where(r, column.index), text, plan.say(
                cell["advice"], label=key, unit=indicator["unit_zh"], year=column.year), "fill"))
            continue
        if cell["bound"]:
            indicator["bounds"].add(cell["bound"])
        if cell["core"]:
            indicator["core"] = True
        value, upper = cell["value"], cell["upper"]
        reading = plan.say("value", label=key, value=f"{value}–{upper}" if upper else value) \
            + (plan.say(f"bounds.{cell['bound']}", upper=upper) if cell["bound"] in BOUND_WORDS else "") \
            + (plan.say(f"basis_{cell['basis']}") if cell["basis"] == "multiple" else "") \
            + "".join(plan.say(f"cell.{entry}", **fields) for entry, fields in cell["said"]) \
            + (plan.say("core") if cell["core"] else "") + _footnote_reading(plan, cell["notes"])
        plan.review.append(_review(where(r, column.index), text, reading, cell["action"]))
        _add(plan, indicator, series or cell["series"], column, value, cell["basis"], upper,
             cell["note"])["review"] = plan.review[-1]


#: The bounds a reading names (the way of a change, fall or rise, is told with its basis).
BOUND_WORDS = ("at_least", "at_most", "rank", "within")


def _value_key(plan: ImportedPlan, indicator: dict, series: str, column: Column) -> str:
    return plan.say("value_key_series" if series else "value_key", id=indicator["indicator_id"],
                    series=plan.say(f"series.{series}") if series else "", year=column.year,
                    value_type=plan.say(f"value_types.{column.value_type}"))


def _read_cell(text: str, unit: str) -> dict:
    """What a value cell gives that ``values.csv`` can hold (docs/data.md): its ``value`` and, as printed, a bound
    (≥90, 前10位), a basis (翻一番, 下降10%: the change without its sign, its way in ``bound``: ``fall`` or
    ``rise``), a range's ``upper`` bound (2.8-3.2: direction within), a ``note`` (约10, 35（力争40）), one ``series``
    (国3), a core mark or a footnote's after the number (800*); ``said``: what the review tells of the reading. A
    cell none of these reads holds the ``advice`` for a person (the catalog's entry)."""
    cell = {"value": "", "basis": "", "bound": "", "upper": "", "note": "", "series": "", "said": [], "advice": ""}
    bare, core, notes = _marks(text)
    if not re.search(r"\d", bare):  # 较好*: no number's mark
        bare, core, notes = text, False, []
    cell.update(core=core, notes=notes)
    wide = unicodedata.normalize("NFKC", bare).strip()
    joined = THOUSANDS.sub(lambda found: re.sub(r"[,，\s]", "", found[0]), wide)
    if joined != wide:  # 2 000: 2000
        cell["said"].append(("thousands", {}))
        wide = joined
    percent = unit.strip() in ("%", "％")
    if percent and BOUND_PERCENT.search(wide) and not CHANGE.match(wide) and not RANGE.match(wide):
        wide = BOUND_PERCENT.sub("", wide, count=1).strip()  # 10% (or 40%以上) of a % indicator
        cell["said"].append(("percent_sign", {}))
    if PLAIN_NUMBER.fullmatch(wide):
        cell["value"] = wide
    elif wide in DOUBLED:
        cell.update(value=DOUBLED[wide], basis="multiple")
    elif found := next(((bound, found) for bound, pattern in (("at_least", AT_LEAST), ("at_most", AT_MOST),
                                                              ("rank", RANK)) if (found := pattern.match(wide))), None):
        bound, match = found
        cell.update(value=match["n"] or match.groupdict().get("m"), bound=bound)
    elif found := CHANGE.match(wide):  # 下降10%: 10, the way the direction says is better
        way = "fall" if found["verb"] in FALL_WORDS else "rise"
        basis = "percent" if found["unit"] == "%" else "points"
        cell.update(value=found["n"], basis=basis, bound=way)
        cell["said"].append((f"{basis}_{way}", {}))
    elif (found := RANGE.match(wide)) and float(found["n"]) < float(found["upper"]):
        cell.update(value=found["n"], upper=found["upper"], bound="within")
    elif found := ABOUT.match(wide):
        cell.update(value=found["n"] or found["m"], note=text.strip())
        cell["said"].append(("about", {"note": cell["note"]}))
    elif found := STRIVE.match(wide):
        cell.update(value=found["n"], note=(found["note"] or found["after"]).strip())
        cell["said"].append(("strive", {"note": cell["note"]}))
    elif found := TEN_THOUSANDS.match(wide):
        value = Decimal(found["n"]) * 10000
        cell["value"] = format(value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize(), "f")
        cell["said"].append(("ten_thousands", {"value": cell["value"], "printed": found["n"]}))
    elif found := ONE_SERIES.match(wide):
        series = "national" if found["series"] == "国" else "provincial"
        cell.update(value=found["n"], series=series)
        cell["said"].append((f"one_series.{series}", {}))
    else:
        cell["advice"] = ("advice.bracketed" if BRACKETED.match(wide) else "advice.percent" if "%" in wide else
                          "advice.number" if re.search(r"\d", wide) else "not_number")
        return cell
    plain = cell["value"] == text and not cell["said"]
    marks_only = cell["value"] == wide == bare.strip() and (core or notes) and not cell["said"]
    cell["action"] = "read" if plain else "split" if marks_only else "guess"
    return cell


def _add(plan: ImportedPlan, indicator: dict, series: str, column: Column, value: str, basis: str = "",
         upper: str = "", note: str = "") -> dict:
    if series not in indicator["series"]:
        indicator["series"].append(series)
    plan.values.append({"indicator_id": indicator["indicator_id"], "series": series, "year": column.year,
                        "value_type": column.value_type, "value": value, "basis": basis, "note": note,
                        "upper": upper})
    return plan.values[-1]


def _place_series(plan: ImportedPlan) -> None:
    """A number printed once for an indicator whose other cells or rows give its national and provincial series
    (``国800/省900`` beside ``1200``; a parent row's number above its 国家级 and 省级 rows) is no series of its own
    and belongs to none of them for sure: it is left out of ``values.csv``, and its row of the review asks a person
    to put it under the series it is, or to leave it out if it is their total."""
    for indicator in plan.indicators:
        if "" not in indicator["series"] or len(indicator["series"]) == 1:
            continue
        indicator["series"].remove("")
        named = plan.words.join_and(plan.say(f"series_named.{series}") for series in indicator["series"])
        for value in [v for v in plan.values if v["indicator_id"] == indicator["indicator_id"] and not v["series"]]:
            plan.values.remove(value)
            review = value["review"]
            review.update(read_as=plan.say("beside_series", reading=review["read_as"], series=named), action="fill",
                          confirmed="")


def _guess_kinds(plan: ImportedPlan) -> None:
    """Each indicator's kind and direction, guessed from its unit, its words and its cells, for a person to confirm."""
    for indicator in plan.indicators:
        unit, name = indicator["unit_zh"], indicator["name_zh"]
        # a unit, or a number in a cell not read, is a numeric indicator whose values a person types
        unread = not indicator["series"] and (unit or any(re.search(r"\d", text) for text in indicator["texts"]))
        if not indicator["series"] and not unread:
            kind, direction = "qualitative", "none"
        elif "rank" in indicator["bounds"] or unit in RANK_UNITS or RANK_NAME.search(name):
            kind, direction = "rank", "lower"
        else:
            kind = next((kind for kind, words in UNIT_KINDS if words.search(unit)), "count")
            if kind == "share" and re.search(r"(下降|降低|增长|提高)率|增速|增幅", name):
                kind = "rate_of_change"
            elif kind != "share" and INTENSITY_NAME.search(name):
                kind = "intensity"
            bounds = indicator["bounds"]
            direction = ("within" if "within" in bounds else "at_least" if "at_least" in bounds else "at_most" if
                         "at_most" in bounds else "lower" if "fall" in bounds else "higher" if "rise" in bounds
                         else "lower" if LOWER_WORDS.search(name) and not FALL_NAME.search(name)
                         else "at_least" if kind == "rate_of_change" else "higher")
        indicator["kind"], indicator["direction"] = kind, direction
        where = plan.say("where_row", table=plan.table, row=indicator["row"] + 1)
        plan.review.append(_review(where, indicator["name_zh"], plan.say(
            "kind" if unit else "kind_no_unit", id=indicator["indicator_id"], kind=plan.say(f"kinds.{kind}"),
            direction=plan.say(f"directions.{direction}"), unit=unit) + (plan.say("unread") if unread else ""),
            "guess"))
        plan.review.append(_review(where, indicator["name_zh"], plan.say("names", id=indicator["indicator_id"]),
                                   "fill"))

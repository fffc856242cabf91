"""The sentences of a report, made from the catalogs' templates and the report's numbers.

Nothing here holds a number of its own: every figure comes from the assessment. The language is
the catalog's; no sentence is written in code. Every sentence is right whatever the data state:
a latest value before, at or after the target year (a final verdict then), two to many data
points, a target above or below the value, a count whose needed growth is a fraction.
"""
from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from ..assess.assessment import headline_status, plan_start_year
from ..assess.rates import compound_rate, direction_sign, linear_rate, paces_differ
from ..assess.warning_list import (
    course_share,
    on_course_short,
    on_track_cut,
    overdue_behind,
    row_warning_level,
    shown_status,
    stage_met,
    stage_met_off_course,
    stage_missed,
    stage_missed_off_course,
    stage_missed_on_course,
)
from ..catalog import Catalog, catalog
from ..clean.quality import held_in_years, rested_on
from ..ingest.plan_outline import place_of
from ..numbers import half_up
from ..settings import LANGUAGES, SCHEMES
from ..text import as_submitted
from ..vocabulary import (
    DEPARTMENT_SEPARATORS,
    HELD_EVERY_YEAR,
    LAGGING,
    STATUS_VOCABULARIES,
    STATUSES,
    TALLY_ORDER,
)
from .context import ReportContext
from .numbers import (
    MISSING,
    fmt_number,
    fmt_pct,
    fmt_printed,
    fmt_signed,
    is_missing,
    round_shown,
    shown_decimals,
)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text (never Markdown or HTML), with an optional list under it."""

    text: str
    items: tuple[str, ...] = field(default_factory=tuple)


def localized(row, column: str, language: str) -> str:
    """``row.<column>_<language>``, or the English one for a language the data does not carry."""
    return getattr(row, f"{column}_{language}", None) or getattr(row, f"{column}_en")


def status_text(row, words: Catalog, form: str = "status") -> str:
    """A series' status in words (``form``: the catalog's ``status``, ``status_in_sentence`` or ``status_brief``)."""
    return words[f"{form}.{shown_status(row)}"]


def shown_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many indicators are shown in each status (:func:`shown_status`), the worse series of an indicator with two
    (a stage target met ranks with achieved), in :data:`TALLY_ORDER` (已达标 first, then not achieved, moving away, …
    projected to miss, and so in every edition); every status with a count listed, insufficient data last but one."""
    counts = shown_rows(table)["_shown"].value_counts()
    return {status: int(counts[status]) for status in TALLY_ORDER if counts.get(status, 0)}


def shown_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The row :func:`shown_counts` counts for each indicator (the worse series of two), its shown status in
    ``_shown``."""
    rank = {status: i for i, status in enumerate(STATUSES)}
    shown = table.assign(_shown=[shown_status(row) for row in table.itertuples()],
                         _rank=table["status"].map(rank))
    judged = shown[shown["status"] != "insufficient_data"].sort_values("_rank", kind="stable")
    worst = judged.drop_duplicates("indicator_id")
    missing = shown[~shown["indicator_id"].isin(worst["indicator_id"])].drop_duplicates("indicator_id")
    return pd.concat([worst, missing])


def qualitative_rating(context: ReportContext, row) -> str:
    """The self-rating (a key of the catalogs' ``entry.words.ratings``) a qualitative indicator's department sent for
    the report year in its workbook; empty when none was sent."""
    said = getattr(context.tables, "words", None)
    if said is None or said.empty:
        return ""
    number = pd.to_numeric(said["indicator_id"], errors="coerce")
    sent = said[(said["item"] == "indicator") & (number == row.indicator_id)
                & (pd.to_numeric(said["year"], errors="coerce") == context.report_year)]
    return next((rating for rating in sent["rating"].fillna("").astype(str) if rating), "")


def qualitative_state(context: ReportContext, row, form: str = "card") -> str:
    """What a qualitative indicator's card (``form`` card) or a sentence (``summary``) says of its assessment: the
    self-rating its department sent for the report year, or that none has been sent: never a bare "qualitative",
    which names a kind of indicator, not a result."""
    words, rating = context.words, qualitative_rating(context, row)
    if rating:
        return words.text(f"{form}.qualitative_rated", rating=words[f"entry.words.ratings.{rating}"],
                          year=year(context.report_year))
    return words.text(f"{form}.qualitative_owed", year=year(context.report_year))


def status_aside(row, words: Catalog) -> str:
    """What a status cell adds in brackets: the year a level held every year missed; whether a stage target's verdict
    is on course for the next target (met off course, missed on course or off course), as the scorecard's note
    says it."""
    if missed_years(row):
        return words.text("grammar.aside", text=words.text("scorecard.missed",
                                                           years=words["grammar.comma"].join(missed_years(row))))
    course = stage_course(row)
    return words.text("grammar.aside", text=course_text(row, course, words)) if course else ""


def stage_course(row) -> str:
    """Whether a stage target's verdict is on course for the next target: ``off_course`` (met or missed, the pace seen
    short of the next target), ``on_course`` (missed, the pace seen enough for it); "" for any other verdict, and for
    one met on course, which needs no word."""
    return ("off_course" if stage_met_off_course(row) or stage_missed_off_course(row)
            else "on_course" if stage_missed_on_course(row) else "")


def course_text(row, course: str, words: Catalog) -> str:
    """Whether the pace seen reaches a target in time (``course``: ``off_course`` or ``on_course`` for the next target
    after a stage target's verdict, ``overdue`` for a target whose year has come without its value: what the latest
    value allows, never a pace "in time" for a year gone), as the scorecard, the warning list and the self-evaluation
    say it: of a rank, its move in places (位次变化), never a growth."""
    target_year = row.target_year if course == "overdue" else row.next_target_year
    # on track by the on-track band on a growth below the need (25 at the mid-term: 97%): its share of the need, as
    # the overview says it, never a bare "on track"
    near = course == "on_course" and on_course_short(row)
    return words.text(f"scorecard.{course}{'_rank' if row.kind == 'rank' else ''}{'_near' if near else ''}",
                      year=year(target_year), base=MISSING if is_missing(row.base_year) else year(row.base_year),
                      share=share_text(course_share(row)) if near else "",
                      as_of=MISSING if is_missing(row.as_of_year) else year(row.as_of_year))


def provenance(source, line) -> str:
    """``file:line``; the file alone without a line; nothing without a file (a finding about a value still awaited
    has none: never ``:1``)."""
    source = "" if is_missing(source) else str(source).strip()
    if not source:
        return ""
    return f"{source}:{int(line)}" if not is_missing(line) and int(line) > 0 else source


#: Findings about a whole file or sheet: placed by its name alone.
ABOUT_A_FILE = ("skipped_file", "skipped_sheet", "empty_file")


def finding_place(context: ReportContext, outline: list[dict], source, line, issue: str = "", sheet="") -> str:
    """Where a data-quality finding is, as its reader finds it: the place in the printed plan (``方案二（三）2``); the
    publication an observation file quotes; a workbook's sheet and row (``市科技局.xlsx“数据报送”工作表第 9 行``);
    else the file's name and line without its folders (a file skipped, a plan typed as tables)."""
    words = context.words
    if is_missing(source) or not str(source).strip():
        return ""
    if source == context.plan["table"].get("printed_text"):
        return words.text("tables.plan_place", place=words.plan_place(place_of(outline, line), line))
    values = context.values
    quoted = values[(values["source"] == source) & (values["source_line"] == line)
                    & (values["source_sheet"] == ("" if is_missing(sheet) else sheet))]
    if len(quoted) and quoted["reference"].iloc[0]:
        return publication(next(quoted.itertuples()), context.language, words)
    if issue in ABOUT_A_FILE:
        return str(source).replace("\\", "/").rsplit("/", 1)[-1]
    return file_place(words, source, line, sheet)


def publication(point, language: str, words: Catalog) -> str:
    """The publication a value comes from, named as a list of sources names it: its name in the language where its
    writer gave one (``source_en``), else its source as written without the passage it quotes (:func:`source_name`)."""
    if getattr(point, f"reference_{language}", ""):
        return reference_in(point, language)
    return source_name(reference_in(point, language), fmt_printed(point.printed_text, point.value), words)


#: Opening and closing brackets a source's name or quotation may hold (《…》, “…”, （…）): a colon inside them is
#: part of a title (《中国经济的转型升级：从“十二五”看“十三五”》), not the end of the name.
_OPENING, _CLOSING = "《“（(「『", "》”）)」』"


def source_name(text: str, value: str, words: Catalog) -> str:
    """A source as it names a publication, without the passage it quotes: a source written as ``name: quotation
    （address）`` (新华社 2016-08-16: 国家整体创新能力从2015年的18名…（http://…）) is named by its name and address
    (新华社 2016-08-16（http://…）), as the English editions' sources are; one written as ``quotation（address）``, the
    quotation giving the value (每万人口发明专利拥有量达到6.3件…（https://…）), by its address alone; one that quotes
    nothing (光明日报 2021-06-10（https://…）) by its name and address alike. A source without an address in brackets
    at its end is as written."""
    match = re.search(r"[（(]([^（）()]*https?://[^（）()]*)[）)]\s*$", text)
    if not match:
        return text
    body, address = text[:match.start()].rstrip(), match[1].strip()
    depth, name = 0, None
    for at, char in enumerate(body):
        depth += (char in _OPENING) - (char in _CLOSING)
        if depth == 0 and (char == "：" or body.startswith(": ", at)):
            name = body[:at].rstrip()
            break
    if name is None:  # a publication's name alone (光明日报 2021-06-10), or a quotation, which gives the value
        name = "" if re.search(rf"(?<![\d.]){re.escape(value)}(?![\d])", body) else body
    return words.text("tables.source_name", name=name, address=address) if name else address


def finding_detail(words: Catalog, issue: str, detail: str) -> str:
    """A finding's detail in a row of its own (the appendix, the workbook's log): a sentence, its first letter a
    capital where the catalog's words open it in lower case to follow their label on a card ("Baseline not in the
    plan: the 2010 value …"); a detail the catalog opens with a field (a source's name, a value) as written."""
    try:
        template = words[f"quality_detail.{issue}"]
    except KeyError:
        return detail
    if isinstance(template, str) and template[:1].islower() and detail[:1].islower():
        return detail[0].upper() + detail[1:]
    return detail


def file_place(words: Catalog, source, line, sheet="") -> str:
    """A file's line as its reader finds it, without the file's folders: ``2024.csv:3``; a workbook's row as Excel
    numbers it, on its sheet where it was read from one (``市科技局.xlsx“数据报送”工作表第 9 行``: a department may
    add the next year as a second sheet, whose rows are numbered alike)."""
    name = str(source).replace("\\", "/").rsplit("/", 1)[-1]
    if name.lower().endswith(".xlsx") and not is_missing(line) and int(line) > 0:
        if not is_missing(sheet) and str(sheet):
            return words.text("tables.workbook_sheet_row", file=name, sheet=str(sheet), row=int(line))
        return words.text("tables.workbook_row", file=name, row=int(line))
    return provenance(name, line)


def reference_in(row, language: str) -> str:
    """A publication's name in ``language`` where its writer gave one (``source_zh``), else as written, marked so where
    it is in the other language (a department's 市统计局统计公报 in the English edition: nothing translates it)."""
    given = getattr(row, f"reference_{language}", "")
    if given or not row.reference:
        return given or row.reference
    # a name with a web address is judged by its words, not the address's letters (光明日报 2021-06-10（https://…）)
    han = re.search(r"[\u4e00-\u9fff]", re.sub(r"https?://\S+", "", row.reference))
    other = bool(han) if language == "en" else not han
    return row.reference + catalog(language)["grammar.as_submitted"] if other else row.reference


def note_in(row, language: str) -> str:
    """A value's note in ``language`` where its writer gave one (``note_zh``), else as written (``note``), marked as
    untranslated where it is in the other language."""
    return getattr(row, f"note_{language}", "") or as_submitted(row.note, catalog(language))


def series_label(series: str, words: Catalog) -> str:
    """A series' name (国家级 / National), or nothing for an indicator with one series."""
    return words[f"series.{series}"] if series else ""


def localized_column(frame: pd.DataFrame, column: str, language: str) -> str:
    """The column ``<column>_<language>`` of ``frame``, or the English one."""
    return f"{column}_{language}" if f"{column}_{language}" in frame.columns else f"{column}_en"


def official_header(context: ReportContext) -> str:
    """The scorecard's header of the official status words the plan chose; empty when it chose none."""
    chosen = context.status_words
    return context.words[f"official_status.{chosen.vocabulary}.header"] if chosen else ""


def official_text(row, context: ReportContext) -> str:
    """A series' official status word (``official_status``) in the report's language; empty without one."""
    chosen = context.status_words
    if chosen is None or not row.official_status:
        return ""
    return context.words[f"official_status.{chosen.vocabulary}.words.{row.official_status}"]


def official_rule(context: ReportContext, part: str = "rule") -> str:
    """The rule of the plan's official status words, with its thresholds: in one line (``rule``) or as the method
    note's paragraph (``method``); empty when the plan chose none."""
    chosen = context.status_words
    if chosen is None:
        return ""
    return context.words.text(f"official_status.{chosen.vocabulary}.{part}",
                              **({"amber_points": chosen.amber_points, "red_points": chosen.red_points}
                                 if chosen.vocabulary == "traffic_light" else {}))


def official_counts(context: ReportContext) -> dict[str, int]:
    """The series of this report by official status word, as the scorecard's column gives them (``official_status``:
    a qualitative indicator none), every word of the plan's vocabulary in its order, 0 for one no series has; empty
    when the plan chose no words."""
    chosen = context.status_words
    if chosen is None:
        return {}
    counts = context.joined()["official_status"].value_counts()
    return {word: int(counts.get(word, 0)) for word in STATUS_VOCABULARIES[chosen.vocabulary]}


def official_rows(context: ReportContext) -> tuple[str, list[str], list[list[str]]]:
    """The table of the official words under their paragraph in the method note: the sentence above it, its headers
    and its rows (each word, its rule in short, how many of this report's series have it: :func:`official_counts`).
    A mid-term or annual report lists every word, one no series has with 0; a final evaluation only those some series
    has, and names the others, left out (提前实现, 快于预期 speak of a target year still ahead). ("", [], []) when the
    plan chose no words. The HTML report's Markdown (:func:`official_table`) and the Word edition's table."""
    counts = official_counts(context)
    if not counts:
        return "", [], []
    words, chosen = context.words, context.status_words
    key = f"official_status.{chosen.vocabulary}"
    fields = ({"amber_points": chosen.amber_points, "red_points": chosen.red_points}
              if chosen.vocabulary == "traffic_light" else {})
    shown = {word: count for word, count in counts.items() if count or context.kind != "final"}
    left_out = [words.text("official_status_table.quoted", word=words[f"{key}.words.{word}"])
                for word in counts if word not in shown]
    # none has “reached early”, “ahead of schedule” or “insufficient data”
    listed = left_out[0] if len(left_out) == 1 else words["grammar.comma"].join(left_out[:-1]) + words[
        "grammar.or"] + left_out[-1] if left_out else ""
    said = words.text("official_status_table.final_only", words=listed) if left_out else ""
    rows = [[words[f"{key}.words.{word}"], words.text(f"{key}.rules.{word}", **fields), str(count)]
            for word, count in shown.items()]
    return said + words["official_status_table.intro"], list(words["official_status_table.headers"]), rows


def official_table(context: ReportContext) -> str:
    """:func:`official_rows` as Markdown: the sentence, then a pipe table (the catalog's words and numbers only)."""
    intro, headers, rows = official_rows(context)
    if not rows:
        return ""
    lines = ["| " + " | ".join(headers) + " |", "|---|---|---:|", *("| " + " | ".join(row) + " |" for row in rows)]
    return intro + "\n\n" + "\n".join(lines)


def plan_outline_of(context: ReportContext) -> list[dict]:
    """The printed plan's outline (:func:`analysis.ingest.plan_outline.plan_outline`, kept with the plan text's
    source in ``plan.json``); empty for a plan typed as tables."""
    printed = context.plan["table"].get("printed_text")
    return next((source.get("outline", []) for source in context.plan.get("sources", [])
                 if source.get("file") == printed), [])


def generic_group(name: str) -> bool:
    """Whether a department's English name is of a group, not one body: ``department_names.csv`` writes a body's
    name as a proper name, in title case (Municipal Science and Technology Bureau, Rongcheng City Government), and a
    group the plan names as such (各区市政府, 开发区管委) in sentence case, its words after the first in lower case
    (District and county-level city governments)."""
    words = name.split()
    return len(words) > 1 and not words[0].isupper() and not any(word[:1].isupper() for word in words[1:])


def in_a_list(names: list[str]) -> list[str]:
    """Departments' names as a list in running text writes them: a group's name (:func:`generic_group`) after the
    first place with a small letter ("…; Municipal Bureau of Commerce; district and county-level city governments"),
    as at the start of a list as written; a proper name, and a Chinese one, as it is."""
    return [name[:1].lower() + name[1:] if place and generic_group(name) else name for place, name in enumerate(names)]


def departments_text(row, words: Catalog, language: str, context_outline: list[dict] = ()) -> str:
    """``责任部门（方案未列明，按职能确定）：市科技局（牵头）、市统计局``, in the order given (a printed list as
    the plan prints it, its lead marked where it stands, and said to be chosen by function when it is not the
    first); empty when the plan folder gives none.
    ``context_outline`` places a printed plan's line for a reader (``方案二（三）4列明``)."""
    data_language = language if getattr(row, f"departments_{language}", "") else "en"
    names = getattr(row, f"departments_{data_language}", "")
    if not names:
        return ""
    separator = DEPARTMENT_SEPARATORS[data_language]
    named = names.split(separator)
    lead = getattr(row, f"lead_department_{data_language}", "") or named[0]
    listed = separator.join(words.text("card.department_lead", name=shown) if name == lead else shown
                            for name, shown in zip(named, in_a_list(named)))
    if row.department_basis == "assigned":
        basis = words["card.departments_assigned"]
    elif row.department_line:
        basis = words.text("card.departments_printed_place",
                           place=words.plan_place(place_of(context_outline, row.department_line), row.department_line))
    else:
        basis = words["card.departments_printed"]
    if row.department_basis != "assigned" and named[0] != lead:
        # the plan names the departments, not which leads: a lead other than its first is the evaluation's choice
        basis += words["card.lead_assigned"]
    return words.count_text("card.departments", len(named), names=listed, basis=basis)


def join_and(words: Catalog, items: list) -> str:
    """``2020、2021`` / ``2020 and 2021``; ``a, b and c``."""
    return words.join_and(items)


def year(value) -> str:
    """A year as a year: 2024, never 2,024."""
    return "" if is_missing(value) else str(int(value))


def year_aside(value, words: Catalog) -> str:
    """A value's year after it in a table, in the language's brackets, written as a year: 2.61（2023年）, 2.61 (2023);
    none without one."""
    return words.text("grammar.year_aside", year=year(value)) if year(value) else ""


def title(context: ReportContext) -> str:
    """The report's title: the city, the plan's subject and the kind of report; a plan.yml without a subject (it is
    optional, and an import draft has none) titled by the city alone ("Yunxi: Mid-term evaluation 2023")."""
    words = context.words
    subject = _subject(context)
    return words.text("title" if subject else "title_no_subject", city=context.plan_text("city"), subject=subject,
                      kind=words[f"report_kind.{context.kind}"], year=context.report_year)


def _subject(context: ReportContext) -> str:
    return (context.plan.get("subject") or {}).get(context.language, "")


def report_dates(context: ReportContext, generated: str = "", inputs_date: str = "") -> str:
    """"生成日期：…；输入数据最后更新：…": the day the report was built and the day its inputs last changed."""
    words = context.words
    dates = [words.text("dates.generated", date=words.date(generated or datetime.date.today().isoformat()))]
    if inputs_date:
        dates.append(words.text("dates.inputs", date=words.date(inputs_date)))
    return words["grammar.list_separator"].join(dates)


def other_languages(context: ReportContext) -> list[str]:
    return [language for language in LANGUAGES if language != context.language]


def other_editions(context: ReportContext) -> str:
    """That the report has editions in other languages: "A Chinese edition accompanies this report."
    (a printed page names no folder; the HTML links them)."""
    words = context.words
    languages = words["grammar.comma"].join(words[f"language.names.{language}"]
                                            for language in other_languages(context))
    return words.text("dates.editions", languages=languages)  # "" where a language names none (a submission upward)


def intro(context: ReportContext) -> str:
    words = context.words
    schedule = (context.plan.get("schedule") or {}).get(context.kind, {})
    purpose = schedule.get(context.language) or words[f"purpose.{context.kind}"]
    count = context.indicators["indicator_id"].nunique()
    # the year the values are for and when they come out (2024's in 2025), apart from when the plan's schedule sets
    # the evaluation (October–December 2024), which a reader would otherwise take for the months the data cover
    period = words.text("period", year=context.report_year, next=context.report_year + 1)
    made = made_after(context) if schedule.get(context.language) else ""  # the schedule's months beside when the
    # report could be made: said once, in place of "assessed on the data published by the time it was made"
    return words.count_text("intro_made" if made else "intro", count, plan_title=context.plan_text("title"),
                            n_indicators=count, purpose=purpose, period=period, made=made)


#: A publication day, month or year as the values' ``published`` column holds it (2025-03-12, 2025-03, 2025).
ISO_DAY = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def made_after(context: ReportContext) -> str:
    """That the report was made once its year's values had come out, after the schedule's months the intro quotes
    (a final evaluation set for October–December 2024, made from 2024 values published in 2025): the latest day one
    of them was published, where the values record it ("the latest on 12 March 2025"), else no date (the report's
    header gives the day it was made); nothing without a value for the report year."""
    values = context.values
    actual = values[(values["value_type"] == "actual") & (values["year"] == context.report_year)]
    if actual.empty:
        return ""
    days = [str(day).strip() for day in actual.get("published", pd.Series(dtype=object)) if not is_missing(day)]
    days = [day for day in days if ISO_DAY.fullmatch(day)]
    words = context.words
    if days:  # ISO: the latest sorts last (a day after its month, 2025-03-12 after 2025-03)
        return words.text("made_after_dated", year=context.report_year, date=words.date(max(days)))
    return words.text("made_after", year=context.report_year)


# --- paces -------------------------------------------------------------------------------------------

def _unit(row, words: Catalog) -> str:
    return localized(row, "unit", words.language)


def is_percent(row) -> bool:
    """A series in % (a share, a rate): its numbers carry the percent sign, its differences are percentage points."""
    return row.unit_zh == "%"


def amount(row, number: str, words: Catalog, table: bool = False) -> str:
    """A number in the series' unit, in a sentence: ``2.61%`` for a series in % (the sign right after the number, in
    every language); in another unit as the catalog writes it (``quantity``: ``24个`` in Chinese; in English the
    number alone, the unit named once after the series' name by :func:`named`, since a plan's units are typed in the
    plural and "1 incubators" would be wrong); a rank's place, whose words carry it, as it is. ``table``: in a table's
    cell, beside the series' name with its unit as a label (``named(…, table=True)``), a number in a unit a sentence
    writes out (100 million yuan) as printed, as every other unit's: 158, never "15.8 billion yuan", which a value's
    narrow column broke ("15.8 billion | yuan")."""
    if row.kind == "rank" or number == MISSING:
        return number
    unit = _unit(row, words)
    if table and words.writes_out(unit):
        return number
    return words.quantity(number, unit, is_percent(row))


def amount_alone(row, number: str, words: Catalog) -> str:
    """A number in the series' unit where the sentence does not name the series, in every language (6.3件/万人,
    6.3 patents per 10,000 people, 55.3%); a rank's place as it is."""
    if row.kind == "rank" or number == MISSING:
        return number
    return words.quantity_alone(number, _unit(row, words), is_percent(row))


def _with_unit(row, number: str, words: Catalog) -> str:
    """``number`` with the series' unit after it, as a sentence that does not name the series gives it, in every
    language (+22人, 0.7 patents per 10,000 people, 1 billion yuan)."""
    return words.quantity_alone(number, _unit(row, words))


def shortfall_text(row, number: str, words: Catalog, table: bool = False) -> str:
    """A shortfall (or an excess) in a sentence, in the series' unit in every language: 0.1 pp, 20 enterprises,
    1 base (a plan's plural unit in the singular after 1), 200 million yuan (never a bare "2 short", which a reader
    cannot tell 2 of what from), a rank's places as they are. ``table``: in a table's cell beside the series' name,
    a number in a unit a sentence writes out as printed (2 beside "(100 million yuan)", as the values are), every
    other number in its unit (1 base, 1个)."""
    if is_percent(row):
        return number + words["pace.percentage_points"]
    if table and words.writes_out(_unit(row, words)):
        return number
    return amount_alone(row, number, words)


def difference(row, number: str, words: Catalog, table: bool = False) -> str:
    """A difference in the series' unit: percentage points for a series in % (0.09 pp, 0.09个百分点); ``table``: as
    :func:`amount` gives a table's cell."""
    return number + words["pace.percentage_points"] if is_percent(row) else amount(row, number, words, table)


def named(row, words: Catalog, table: bool = False) -> str:
    """A series' short name in a sentence that gives its numbers, with its unit as a label where the language does
    not write units after numbers (English: "R&D personnel (persons)"; Chinese numbers carry theirs). A name that
    says its unit already ("National incubators", unit incubators) takes none: never "bases (bases)". ``table``: a
    row of a table without a unit column, whose cells give numbers as printed (:func:`amount`): a unit a sentence
    writes out is a label too ("Technology contracts traded (100 million yuan)")."""
    name = localized(row, "short_name", words.language)
    unit = _unit(row, words)
    if row.kind == "rank" or is_percent(row) or not unit or words["quantity.unit_after_number"]:
        return name
    if says_unit(name, unit) or (words.writes_out(unit) and not table):  # its amounts carry it: 15.8 billion yuan
        return name
    return name + words.text("quantity.label", unit=unit)


def says_unit(name: str, unit: str) -> bool:
    """Whether a name says its unit already, as a word of its own ("National incubators", incubators; "Invention
    patents per 10,000 people", per 10,000 people): a label of the unit after it would only repeat it. A Chinese unit
    of one character is a measure word, which a name holds only inside another word (家 in 国家级科技孵化机构, 人 in
    高层次人才数): never said by it. A word may stand between the unit's words ("per 100 R&D person-years")."""
    if re.fullmatch("[\u4e00-\u9fff]", unit or ""):
        return False
    # the unit's words in their order, a qualifier between them allowed ("per 100 R&D person-years", per 100
    # person-years)
    pattern = r"\s+(?:\S+\s+)*?".join(re.escape(word) for word in (unit or "").split())
    return bool(pattern) and bool(re.search(rf"(?<![A-Za-z]){pattern}(?![A-Za-z])", name, re.IGNORECASE))


def value_text(row, value: float, words: Catalog, role: str = "value") -> str:
    """A value as the report writes it: a number (2.8), or for a rank its place (第19位, No. 19) and for a rank's
    target the places it must be among (前18位, top 18) when ``role`` is ``target``."""
    if row.kind != "rank" or is_missing(value):
        return as_printed(row, value, role)
    return words.text(f"rank.{role}", n=int(round(float(value))))


def as_printed(row, value: float, role: str = "value") -> str:
    """``value`` as its plan or publication printed it where it is the row's baseline, latest value or (``role``
    ``target``) target and a printed form is known (``base_printed``…, :func:`analysis.report.context.printed_forms`:
    the plan's 2.40, never 2.4; 国3.0, never 3); else as :func:`fmt_number` shows it."""
    pairs = (("target_printed", "target_value"),) if role == "target" else (("latest_printed", "latest_value"),
                                                                             ("base_printed", "base_value"))
    if not is_missing(value):
        for printed, of in pairs:
            text, known = getattr(row, printed, ""), getattr(row, of, math.nan)
            if isinstance(text, str) and text and not is_missing(known) and float(value) == float(known):
                return text
    return fmt_number(value)


def operator(row) -> str:
    """How the plan sets the series' target, as a self-evaluation form's operator column names it: the direction
    (``higher`` ≥, ``lower`` ≤, ``at_least``/``at_most`` every year, ``none`` qualitative), or ``within`` and
    ``exactly`` for a range target (whose assessment turns the direction into the side approached)."""
    if row.kind == "qualitative":
        return "none"
    if not is_missing(getattr(row, "target_lower", math.nan)):
        return "exactly" if row.target_lower == row.target_upper else "within"
    return row.direction


def target_text(row, words: Catalog, value: float | None = None, upper: float | None = None) -> str:
    """A target as the plan sets it: 2.8 to reach; ≥90 or ≤5 to hold every year; 2–3 for a range, =3 to equal;
    前18位 (top 18) for a rank. ``value`` (and ``upper``) give another of the series' targets than the binding one."""
    form = operator(row)
    if value is None:
        value, upper = (row.target_value, None) if form not in ("within", "exactly") else (row.target_lower,
                                                                                           row.target_upper)
    if is_missing(value):
        return fmt_number(value)
    if form == "within":
        return words.text("target_form.within", lower=fmt_number(value),
                          upper=fmt_number(value if upper is None or is_missing(upper) else upper))
    if form in ("exactly", "at_least", "at_most"):
        return words.text(f"target_form.{form}", value=as_printed(row, value, "target"))
    return value_text(row, value, words, "target")


def change_per_year(value: float, row, words: Catalog, with_unit: bool = False) -> str:
    """A change per year in the series' unit: +0.133个百分点; for a count "about 12" (no fraction of a firm
    where the pace is 10 or more a year, one decimal below that: about 1.3); for a rank the places it moves (up
    is a lower number). ``with_unit`` names the unit of other series too (+22人), as a sentence needs; a table
    has it in its unit column."""
    if row.kind == "rank":
        places = abs(shown_change(value, row))
        if places == 0:
            return words["rank.steady"]
        key = ("rank.up" if value < 0 else "rank.down") + ("_one" if places == 1 else "")
        return words.text(key, places=fmt_number(places))
    about = row.kind == "count" and not float(value).is_integer()
    text = fmt_signed(shown_change(value, row) if about or is_percent(row) else value)
    if is_percent(row):
        text += words["pace.percentage_points"]
    elif with_unit:
        text = _with_unit(row, text, words)
    return words.text("pace.about", value=text) if about else text


def shown_change(value: float, row) -> float:
    """A change per year rounded as :func:`change_per_year` shows it: a rank's places to one decimal; a count's to a
    whole number from 10 a year and to one decimal below (11.67 → 12, 1.33 → 1.3); percentage points to two
    decimals, as the shares they move are printed with one or two (0.867 → 0.87, 0.0825 → 0.08: never a third
    beside a gap of 0.9); others as :func:`fmt_number`."""
    if row.kind == "rank" or (row.kind == "count" and not float(value).is_integer()) or is_percent(row):
        digits = 2 if is_percent(row) and row.kind != "rank" else 1 if row.kind == "rank" or abs(value) < 10 else 0
        return math.copysign(float(half_up(abs(value), digits)), value)
    return round_shown(value)


def seen_text(row, words: Catalog) -> str:
    """The growth seen per year since the baseline, in the series' method (— when there is none, and for a yearly floor:
    a rate is met or missed each year, the drift of the rate itself is no growth)."""
    if row.method == "annual_floor":
        return MISSING
    return _seen_shown(row, words, row.observed_cagr, row.observed_per_year)


def _seen_shown(row, words: Catalog, cagr: float, per_year: float) -> str:
    seen = cagr if row.method == "compound" else per_year
    if is_missing(seen):
        return MISSING
    if is_percent(row):
        # a series in % moves in points a year, whatever rate its status is judged by: one style for every series in
        # % (7, a ratio of two counts judged by its compound rate, reads +3.3个百分点 as 8 and 20 do, never
        # "+4.5%（+3.3个百分点）" beside their points; the method note says so)
        return change_per_year(per_year, row, words) if not is_missing(per_year) else MISSING
    return fmt_pct(seen) if row.method == "compound" else change_per_year(seen, row, words)


def _shown_rate(row, cagr: float, per_year: float) -> float:
    """A growth a year in the series' method as the report shows it: a compound rate in % to one decimal (21.0), a
    change a year as :func:`shown_change` rounds it (+0.87 pp, about 12 enterprises); NaN for none."""
    if row.method == "compound":
        return math.nan if is_missing(cagr) else float(half_up(cagr, 1, 100))
    return math.nan if is_missing(per_year) else shown_change(float(per_year), row)


def _shown_need(row) -> float:
    """The growth needed a year the report shows beside the growth seen, in the series' method and rounded so: to the
    binding target, or after a verdict on a stage target to the next one; NaN where it asks none (a target met or
    missed for good, a level to hold, its year come without its value)."""
    if row.verdict == "final":
        if next_need(row) != "pace":
            return math.nan
        return _shown_rate(row, row.next_required_cagr, row.next_required_per_year)
    if row.status in ("achieved", "achieved_at_risk") or target_year_past(row):
        return math.nan
    return _shown_rate(row, row.required_cagr, row.required_per_year)


def plan_period_pace(row) -> bool:
    """Whether the growth seen a year over the plan period (from the year before its first year: ``since_year``,
    :func:`~analysis.report.context.plan_period_paces`) differs materially from the growth seen a year since the base
    year, which the status is rated on (:func:`~analysis.assess.rates.paces_differ`: by more than a quarter of it, or
    on the other side of the growth needed a year): then every place that gives the one gives the other beside it
    (10 of the example data in 2024: +21.0% since 2020, +14.6% since 2021). Not for a yearly floor, a series without a
    verdict, or one whose latest value precedes the plan period."""
    if (row.method not in ("compound", "linear") or row.status in ("insufficient_data", "qualitative")
            or is_missing(getattr(row, "since_year", math.nan)) or seen_text_missing(row)):
        return False
    return paces_differ(_shown_rate(row, row.observed_cagr, row.observed_per_year),
                        _shown_rate(row, row.since_cagr, row.since_per_year), _shown_need(row),
                        direction_sign(row.direction))


def seen_text_missing(row) -> bool:
    seen = row.observed_cagr if row.method == "compound" else row.observed_per_year
    return is_missing(seen)


def plan_seen_text(row, words: Catalog) -> str:
    """The growth seen a year over the plan period, written as :func:`seen_text` writes the growth since the base year
    ("+14.6%", "+2.4 pp"); "" where it does not differ materially from that (:func:`plan_period_pace`)."""
    return _seen_shown(row, words, row.since_cagr, row.since_per_year) if plan_period_pace(row) else ""


def pace_text(row, words: Catalog, named: int | None = None, later: tuple[int, float] | None = None,
              missed: bool = True, target_beside: bool = False) -> str:
    """The scorecard's "needed per year": from the latest value to the binding target, in the series' method.
    ``missed``: a level to hold every year with one year left says the years it missed after it ("≥5% (missed in
    2023)"); not where they are given beside it (a card's row of the years missed).

    After a final verdict it is the pace to the next target (a mid-term with data for its year), or —. Under a
    label that names the year the growth is needed in (``named``, :func:`one_year_left`: "2024年需增长"), what the
    next target of that year asks is given alone, the year said once: "2024年需增长 +0.19个百分点" (已达到目标,
    每年≥90%, ≥92% for 2024's level alone), never "2024年需增长 2024年目标：+0.19个百分点".
    ``target_beside``: the target a need for a ``later`` target is counted to is given beside it (the
    self-evaluation's next target), so the need does not name it again (:func:`later_need`).
    """
    if row.verdict == "final":
        need = next_need(row)
        if need == "none":
            return MISSING
        next_year, next_value = following_target(row)
        alone = named is not None and int(next_year) == named  # the label says the year already
        if need == "hold":
            # a level the next target raises (or lowers) is held from the year after this target's only
            # (≥45 in 2023, ≥60 in 2025: 2024—2025年每年≥60亿元), never "every year"
            changes = next_year > row.target_year and next_value != row.target_value
            first = int(row.target_year) + 1 if changes else None
            target = amount(row, fmt_number(next_value), words)
            pace = (words.text(f"pace.hold_{row.direction}_needed", target=target) if alone and first == named
                    else held_in_years(words, row.direction, target, first, next_year))  # 2024年需增长 ≥92%
        elif need == "met":
            pace = words["pace.met_named" if alone else "pace.met"]  # 2024年需增长 已达到目标
        else:
            pace = _pace(row, words, row.next_required_cagr, row.next_required_per_year, next_value)
        if need in ("hold", "floor") and _one_year_to_hold(row, next_year):
            # a level to hold every year with one year left, the next target's: that year's level, and the years
            # missed so far ("≥5% in 2024 (missed in 2023)"), never "2024 target: ≥5% every year", which reads as
            # if every year were still to come; under a label naming the year, the level alone ("≥5% (missed in 2023)")
            target = amount(row, fmt_number(next_value), words)
            pace = (words.text(f"pace.hold_{row.direction}_needed", target=target) if alone
                    else held_in_years(words, row.direction, target, next_year))
            return missed_in(row, words, pace, next_value) if missed else pace
        return pace if alone else words.text("pace.next", year=year(next_year), pace=pace)
    if later is not None and target_year_past(row) and row.status != "achieved":
        return later_need(row, words, later, target_beside)
    if row.status == "achieved" or target_year_past(row):
        return MISSING
    return _pace(row, words, row.required_cagr, row.required_per_year, row.target_value, held_years=True)


def later_target(context: ReportContext, row) -> tuple[int, float] | None:
    """The series' first target after the one it answers to, for a progress verdict whose target's year has come
    without its value (a mid-term's series without a 2023 value: 4 provincial, 2.9 in 2022 against 3.3 for 2023 and
    for 2024): the target still ahead, which a need can be counted to; None for any other row, a level to hold
    every year, a yearly floor or a range (their needs are not a growth to a value), or a series without a verdict
    (insufficient data: no value of the plan period)."""
    if (not target_year_past(row) or row.verdict != "progress" or row.direction in HELD_EVERY_YEAR
            or row.method == "annual_floor" or not is_missing(getattr(row, "target_upper", float("nan")))):
        return None
    values = context.series_values(row.indicator_id, row.series)
    later = values[(values["value_type"] == "target") & (values["year"] > row.target_year)
                   & (values["year"] > int(row.report_year))].sort_values("year")
    return None if later.empty else (int(later["year"].iloc[0]), float(later["value"].iloc[0]))


def later_need(row, words: Catalog, later: tuple[int, float], target_beside: bool = False) -> str:
    """What a series whose target's year came without its value needs for the target still ahead (``later``), a
    year from its latest value, with the target it is for, as the row beside it shows the one whose year came (380
    for 2025, in the 2025 report without a 2025 value; 420 for 2026 still ahead): "至2026年目标420家，2025—2026年每年
    增长12.0%（约43家），自2024年数值起算", "grow by 12.0% (about 43) in each year of 2025–2026 …", under any label:
    a cell read without its column's "per year" (a workbook's cell copied out) still says the growth is a year's,
    never "2025—2026年增长 12.0%", which reads as the two years' together; a fall said as one ("下降4.3%（0.02）",
    "fall by 4.3%"), never a growth of −4.3%. The target not named again where it is given beside the need
    (``target_beside``). Never a bare — that reads as nothing needed; the years said, as the growth spans more than
    the one a column's label names."""
    next_year, next_value = later
    if is_missing(row.latest_value) or is_missing(row.as_of_year):
        return MISSING
    first = int(row.as_of_year) + 1
    years = words.text("data_gap.span", first=year(first), last=year(next_year)) if next_year > first \
        else year(next_year)
    rates = later_rates(row, later)
    if rates is None:
        return words.text("pace.later_met", year=year(next_year), as_of=year(row.as_of_year))
    change = _pace_in_sentence(row, words, *rates)
    key = "pace.later" + ("" if target_beside else "_target")
    return words.text(key, change=change, years=years, as_of=year(row.as_of_year), year=year(next_year),
                      target=amount(row, fmt_number(next_value), words))


def later_rates(row, later: tuple[int, float]) -> tuple[float, float] | None:
    """The growth a year a series whose target's year came without its value needs for the target still ahead
    (``later``), from its latest value: (compound, linear), as :func:`later_need` words it (4 provincial at the
    mid-term: 2.9 in 2022 to 3.3 in 2024, (3.3 / 2.9) ** (1 / 2) − 1 = 6.7% and (3.3 − 2.9) / 2 = 0.2 points); None
    where the latest value meets it already (or there is none)."""
    next_year, next_value = later
    if is_missing(row.latest_value) or is_missing(row.as_of_year) \
            or direction_sign(row.direction) * (row.latest_value - next_value) >= 0:
        return None
    span = next_year - int(row.as_of_year)
    # a place moves, never grows at a rate (as the assessment gives a rank no rate)
    cagr = float("nan") if row.kind == "rank" else compound_rate(row.latest_value, next_value, span)
    return cagr, linear_rate(row.latest_value, next_value, span)


def _one_year_to_hold(row, next_year) -> bool:
    """A level to hold every year whose next target, the one it answers to next, is the year after its latest value's:
    one year's level left to hold (18 at the mid-term: 2024's)."""
    return (row.direction in HELD_EVERY_YEAR and not is_missing(next_year) and not is_missing(row.as_of_year)
            and next_year == getattr(row, "next_target_year", float("nan"))
            and int(next_year) == int(row.as_of_year) + 1)


def pace_years(row) -> tuple[int, int] | None:
    """The years the growth :func:`pace_text` gives spans, from the latest value's year to the target's (the next
    target's after a final verdict); None where it gives no growth: a level to hold every year, a yearly floor, a
    target met already, or none at all."""
    if is_missing(getattr(row, "as_of_year", float("nan"))):
        return None
    if row.verdict == "final":
        return (int(row.as_of_year), int(following_target(row)[0])) if next_need(row) == "pace" else None
    if (row.status in ("achieved", "qualitative") or target_year_past(row) or row.method == "annual_floor"
            or is_missing(row.required_per_year) or is_missing(row.target_year)):
        return None
    return int(row.as_of_year), int(row.target_year)


def one_year_left(rows) -> int | None:
    """The year every growth a column of ``rows`` gives is needed in, where each is one year's, to the same year (a
    mid-term's 2023 values to their 2024 targets): the column says that year ("2024年需增长", "Needed in 2024"),
    never "per year" of a single year; None where a growth spans more years (a latest value of 2022 to a 2024
    target) or none is given."""
    spans = {span for row in rows if (span := pace_years(row)) is not None}
    ends = {end for _, end in spans}
    if len(ends) == 1 and all(end - start == 1 for start, end in spans):
        return ends.pop()
    return None


def year_left(row) -> int | None:
    """The one year left to what a single series needs, its card's label says ("2024年需增长", "Needed in 2024"): a
    growth's as :func:`one_year_left`; a final verdict's next target met already, a level to hold or a yearly floor
    of the year after the latest value's too, the value then that year's alone (已达到目标, never "每年需增长 2024年
    目标：已达到"); None for a rank (it moves, not grows) or a need over more years."""
    if row.kind == "rank":
        return None
    if (row.verdict == "final" and next_need(row) in ("met", "hold", "floor")
            and not is_missing(getattr(row, "as_of_year", float("nan")))):
        next_year = int(following_target(row)[0])
        return next_year if next_year - int(row.as_of_year) == 1 else None
    return one_year_left([row])


def needs_level(row) -> bool:
    """Whether what :func:`pace_text` gives for ``row`` is a level to reach (a level to hold every year, a yearly
    floor: "须不低于 90%", "每年≥5%"), not a growth: a label over it says so, never "需增长"."""
    if row.kind == "rank":
        return False
    if row.verdict == "final":
        return next_need(row) in ("hold", "floor")
    return judged_yearly(row)


def needed_label(rows, words: Catalog, left: int | None | bool = False) -> str:
    """The header of what ``rows`` need: "每年需增长" ("Needed per year"), or with one year left for each, that year
    (:func:`one_year_left`, or ``left`` where given: "2024年需增长", "Needed in 2024"). Where each need given is a
    level to reach (:func:`needs_level`), a label for a level ("2024年要求", "Required in 2024"); where growths and
    levels share the column, one that fits both ("2024年所需", "2024 needs")."""
    rows = list(rows)
    if left is False:
        left = one_year_left(rows)
    kind = needed_kind(rows, words, left)
    return (words[f"card.needed{kind}"] if left is None
            else words.text(f"card.needed_in{kind}", year=year(left)))


def needed_kind(rows, words: Catalog, left: int | None) -> str:
    """Which label fits what :func:`pace_text` gives for ``rows`` (named by ``left``), as the suffix of its catalog
    key: "" where each is a growth, "_level" where each is a level to reach (:func:`needs_level`), "_mixed" where a
    column holds both, or a target met already (已达到目标 is no growth: never under "2024年需增长")."""
    kinds = {"met" if row.verdict == "final" and next_need(row) == "met" else needs_level(row)
             for row in rows if row.status != "qualitative" and pace_text(row, words, left) != MISSING}
    return "" if kinds <= {False} else "_level" if kinds == {True} else "_mixed"


def pace_lines(text: str, words: Catalog) -> tuple[str, ...]:
    """A pace as the lines of a narrow table cell: the next target's label ("2024年目标：", "2024 target:") on a line
    of its own, so that a column breaks there rather than inside the number and its unit."""
    head, _, tail = words["pace.next"].partition("{pace}")
    label = re.match(re.escape(head).replace(re.escape("{year}"), r"\d{4}"), text) if not tail else None
    if label is None or label.end() == len(text):
        return (text,)
    return text[:label.end()].rstrip(), text[label.end():]


def next_need(row) -> str:
    """What a series with a final verdict needs for its next target: ``none`` (no next target), ``hold`` (a level to
    hold every year), ``floor`` (a yearly floor), ``met`` (the latest value meets it already) or ``pace`` (a growth
    a year, :data:`next_required_cagr` and :data:`next_required_per_year`)."""
    next_year, next_value = following_target(row)
    if is_missing(next_year):
        return "none"
    if row.direction in HELD_EVERY_YEAR and row.method != "annual_floor":
        return "hold"
    if direction_sign(row.direction) * (row.latest_value - next_value) >= 0:
        return "met"
    return "floor" if row.method == "annual_floor" else "pace"


def following_target(row) -> tuple[float, float]:
    """The year and value of the target a series with a final verdict answers to next: the next target, but for a
    level or rate to hold every year missed before its binding target's year, that target (missed in 2022, it must
    hold in 2023, not only in 2024)."""
    if (row.direction in HELD_EVERY_YEAR and not is_missing(row.target_year) and not is_missing(row.as_of_year)
            and row.target_year > row.as_of_year):
        return row.target_year, row.target_value
    return row.next_target_year, row.next_target_value


def _pace(row, words: Catalog, cagr: float, per_year: float, target: float, with_unit: bool = False,
          linear_first: bool = False, held_years: bool = False) -> str:
    if row.method == "annual_floor":
        # a floor that rises (4% in 2022, 5% in 2023 and 2024) with the years the binding target's holds in, as a
        # sentence gives it (:func:`held_level`: "2023—2024年每年≥5%"), never "每年≥5%" beside a 2022 of 4%
        years = level_in_years(row, words, amount(row, fmt_number(target), words)) if held_years else ""
        return years or words.text("pace.floor", target=fmt_number(target))
    if is_missing(per_year):
        return MISSING
    linear = change_per_year(per_year, row, words, with_unit)
    if is_missing(cagr):
        return linear
    return paired_pace(row, words, cagr, linear, linear_first)


def running_total(row) -> bool:
    """A total over the plan's years, as the plan folder marks it (``running_total``: 〔13.5〕, a cumulative fall in %;
    〔100〕 platforms added since the base year), each target the total to reach by its year; never told by its base
    value (a share truly 0 in its base year is no total, and a total may be printed from a base other than 0)."""
    return bool(getattr(row, "running_total", False))


def paired_pace(row, words: Catalog, cagr: float, linear: str, linear_first: bool = False) -> str:
    """A growth a year as a rate and an amount, the series' method first: "+5.3%（+8亿元）"; a share's percentage
    points alone ("+0.2个百分点", "+0.2 pp"), the unit its method moves in (docs/method.md: shares move linearly):
    never a compound rate beside a linear step ("+0.2个百分点（相对 +6.7%）" for 2.9 → 3.3 in two years, where
    0.2 ÷ 2.9 is 6.9% and (3.3 ÷ 2.9)^(1/2) − 1 is 6.7%); a running total's amount alone ("+2.7个百分点": a rate of
    a total counted from 0 has no meaning)."""
    first = "compound_first" if row.method == "compound" and not linear_first else "linear_first"
    if (first == "linear_first" and running_total(row)) or (is_percent(row) and row.kind != "rank"):
        # a total counted from 0 (〔13.5〕, 〔100〕): its own rate a year says nothing of the plan's pace; a series in
        # % moves in points, as every one is shown (7, a ratio judged by its compound rate, too: the method says so)
        return linear
    return words.text(f"pace.{first}", cagr=fmt_pct(cagr), linear=linear)


def _pace_in_sentence(row, words: Catalog, cagr: float, per_year: float) -> str:
    """"grow by 5.3% (0.133 pp)" / "fall by 7.4% (0.065 tonnes)": the verb carries the sign, the series' method
    first in every sentence (a growth rate, then its amount with its unit: "grow by 5.3% (230,000 yuan per
    worker)"; a share's percentage points alone: "grow by 0.19 pp"), never a bare "(17)"
    a reader cannot place. Where the language names a unit once after the series' name (English), a count names
    its amount as more or fewer ("grow by 16.7% (1 more)"), never "1 enterprise" beside a name that says it; a rate
    per population likewise ("grow by 4.0% (0.7 more)", never "(0.7 patents per 10,000 people)" where a count's
    line reads "(1 more)"), but for a unit a sentence writes out, whose name carries no label of it."""
    direction = "fall" if per_year < 0 else "grow"
    unit_apart = not words["quantity.unit_after_number"]
    counted = unit_apart and (row.kind == "count" or (row.kind == "intensity" and not is_percent(row)
                                                      and not words.writes_out(_unit(row, words))))
    if counted and row.method != "annual_floor" and not is_missing(cagr) and not is_missing(per_year):
        amount = words.text("pace.fewer" if per_year < 0 else "pace.more",
                            amount=change_per_year(abs(per_year), row, words))
        magnitude = words.text("pace.compound_first", cagr=fmt_pct(abs(cagr)), linear=amount)
    else:
        # a count's amount alone where its unit labels the name (grow by 3), as "1 more" above
        magnitude = _pace(row, words, abs(cagr) if not is_missing(cagr) else cagr, abs(per_year), math.nan,
                          with_unit=not counted)
    return words.text(f"pace.{direction}", pace=magnitude.replace("+", ""))


# --- the summary ---------------------------------------------------------------------------------------

def summary_paragraphs(context: ReportContext) -> list[Paragraph]:
    """Scope and data currency; statuses by indicator; final verdicts; core indicators; what the lagging
    ones need; thin evidence; revisions; and the dataset's label when it is not the plan's own data."""
    words = context.words
    table = context.joined()
    numeric = table[table["status"] != "qualitative"]
    paragraphs = [Paragraph(_scope(context)), Paragraph(_statuses(context))]
    finals = final_counts(context)
    if finals:
        items = [words.text("summary.final_item", status=words[f"status_in_sentence.{s}"], count=count)
                 for s, count in finals.items()]
        paragraphs.append(Paragraph(words.count_text("summary.finals", sum(finals.values()),
                                                     items=words.join_and(items))))
    core = table[table["core"]]  # a qualitative core indicator too, named as such
    if len(core):
        items = [words.text("summary.core_item_no_data" if is_missing(row.as_of_year) else
                            "summary.core_item_gap" if data_gap_text(row, words) else "summary.core_item",
                            name=localized(row, "short_name", words.language),
                            status=qualitative_state(context, row, "summary") if row.status == "qualitative"
                            else status_text(row, words, "status_in_sentence"), year=year(row.as_of_year),
                            gap=data_gap_text(row, words))
                 # a move over the plan period its status from the base year hides, as the scorecard says it: a core
                 # indicator achieved while falling every year of the plan is never read as one doing well
                 + (words.text("summary.core_moved", moved=moved) if row.status != "qualitative"
                    and (moved := plan_period_note(context, row, final_too=True)) else "")
                 for row in core.itertuples()]
        paragraphs.append(Paragraph(words["summary.core"], tuple(items)))
    lagging = numeric[numeric["status"].isin(LAGGING)].sort_values(["core", "indicator_id"], ascending=[False, True],
                                                                   kind="stable")
    needs = [_lagging_item(row, words, _missed_values(context, row), plan_period_note(context, row),
                           bare_reading(context, row), bare_printed(context, row), final=context.kind == "final")
             for row in lagging.itertuples()]
    if needs:
        # the lead-in names the statuses the list holds, worst first, and no other
        shown = [status for status in ("not_achieved", "moving_away", "stage_missed", "insufficient", "overdue",
                                       "moderate") if status in {shown_status(row) for row in lagging.itertuples()}]
        kinds = [words[f"summary.lagging_kinds.{status}"] for status in shown]
        listed = kinds[0] if len(kinds) == 1 else words["grammar.comma"].join(kinds[:-1]) + words["grammar.or"] \
            + kinds[-1]
        # core indicators first, said so where both kinds are listed
        core_first = lagging["core"].any() and not lagging["core"].all()
        paragraphs.append(Paragraph(words.text("summary.lagging_intro_core" if core_first else "summary.lagging_intro",
                                               kinds=listed), tuple(needs)))
    promised = prose_growth_missed(context)
    if promised:
        # before the final evaluation the promise still runs: short so far, not missed
        intro = "summary.prose_growth_intro" if context.kind == "final" else "summary.prose_growth_intro_so_far"
        paragraphs.append(Paragraph(words[intro], tuple(promised)))
    off_course = [row for row in numeric.itertuples() if stage_met_off_course(row)]
    if off_course:
        paragraphs.append(Paragraph(words.count_text("summary.off_course_intro", len(off_course)),
                                    tuple(_stage_met_need(row, words) for row in off_course)))
    waiting = _awaiting_plan_data(context, numeric)
    if waiting:
        paragraphs.append(Paragraph(waiting))
    # thin evidence behind a progress verdict (a series without one is named just above; a final verdict reads the
    # target year's own value, which needs no history)
    low = thin_evidence(numeric)
    if len(low):
        paragraphs.append(Paragraph(words.count_text("summary.low_evidence", len(low), ids=series_ids(low, words),
                                                     years=_low_evidence_years(context, low))))
    single = single_plan_value(context, numeric)
    if len(single):
        # every series: "all 25", never a list of 25 numbers to read through
        key = "summary.single_value_all" if len(single) == len(numeric) > 1 else "summary.single_value"
        paragraphs.append(Paragraph(words.count_text(key, len(single), ids=series_ids(single, words),
                                                     first=year(plan_start_year(context.values)))))
    for line in (_revisions(context), _observation_revisions(context), preliminary_note(context),
                 secondary_note(context)):
        if line:
            paragraphs.append(Paragraph(line))
    label = context.dataset_label
    if label:
        paragraphs.insert(0, Paragraph(words.text("summary.dataset", label=label)))
    shares = any(is_percent(row) and row.kind != "rank" for row in context.joined().itertuples())
    return _points_defined(paragraphs, words, shares)


def final_counts(context: ReportContext) -> dict[str, int]:
    """The numeric series judged on their target year's value (a final verdict), counted by shown status in
    :data:`TALLY_ORDER`, any other after it: every shown status counted (a level met in a stage year, a later one to
    hold, is "met every year so far"), so the counts add up to the series judged. The overview's and the workbook's."""
    table = context.joined()
    finals = table[(table["status"] != "qualitative") & (table["verdict"] == "final")]
    counts = pd.Series([shown_status(row) for row in finals.itertuples()], dtype=object).value_counts()
    return {s: int(counts[s]) for s in (*TALLY_ORDER, *sorted(set(counts.index) - set(TALLY_ORDER))) if s in counts}


def _points_defined(paragraphs: list[Paragraph], words: Catalog, shares: bool = False) -> list[Paragraph]:
    """The overview with its first differences in percentage points written in full where the language abbreviates
    them (``0.1 percentage points (pp) short``, then ``0.3 pp``): the abbreviation defined where a reader first meets
    it; one with a bracket of its own after it, or inside a bracket, in full without the abbreviation (``(96.4% of
    the target, 0.1 percentage points short)``: never two brackets running, nor one inside another), the next
    defining it. A difference is the suffix right after a number, never the same letters in a name. An overview
    that gives none outside a bracket (a final report's "(96.4% of the target, 0.1 percentage points short)" only),
    of a plan with shares (``shares``), whose tables and cards then abbreviate them, says the abbreviation in a
    sentence of its own, after the paragraph that first writes them in full (else last)."""
    short, full, defining = (words["pace.percentage_points"], words["pace.percentage_points_full"],
                             words["pace.percentage_points_first"])
    if short == defining:
        return paragraphs
    points = re.compile(rf"(?<=\d){re.escape(short)}(?![A-Za-z])(?P<bracket> \()?")
    done = False

    def defined(text: str) -> str:
        nonlocal done
        if done:
            return text

        def one(match: re.Match) -> str:
            nonlocal done
            if done:
                return match.group(0)
            before = text[:match.start()]
            if match.group("bracket") or before.count("(") > before.count(")"):
                return full + (match.group("bracket") or "")
            done = True
            return defining

        return points.sub(one, text)

    paragraphs = [Paragraph(defined(paragraph.text), tuple(defined(item) for item in paragraph.items))
                  for paragraph in paragraphs]
    if done or not shares:
        return paragraphs
    written = [i for i, paragraph in enumerate(paragraphs)
               if any(full.strip() in text for text in (paragraph.text, *paragraph.items))]
    at = written[0] + 1 if written else len(paragraphs)
    return [*paragraphs[:at], Paragraph(words["summary.points_abbreviated"]), *paragraphs[at:]]


def _missed_values(context: ReportContext, row) -> str:
    """A level to hold every year: its values in the years it missed (4.6%), as the summary gives them beside the
    verdict they make; "" for any other."""
    years = missed_years(row)
    if not years:
        return ""
    values = context.series_values(row.indicator_id, row.series)
    actual = values[values["value_type"] == "actual"].drop_duplicates("year", keep="last").set_index("year")["value"]
    words = context.words
    if not _missed_other_level(row):
        return words["grammar.comma"].join(amount(row, value_text(row, actual[int(y)], words), words)
                                           for y in years if int(y) in actual.index)
    # a year held to another level than the one the sentence states: each value with the level it missed then
    form = {"higher": "at_least", "lower": "at_most"}.get(row.direction, row.direction)
    return words["summary.held_missed_separator"].join(
        words.text("summary.held_missed_item", year=when, value=amount(row, value_text(row, actual[int(when)], words),
                                                                      words),
                   level=words.text(f"pace.hold_{form}_named", target=amount(row, fmt_number(level), words)))
        for when, level in missed_levels(row) if int(when) in actual.index)


def _missed_other_level(row) -> bool:
    """A level to hold every year missed in a year held to another level than its binding target's (2023's 90 beside
    2024's 92)."""
    return any(not is_missing(level) and not math.isclose(level, row.target_value) for _, level in missed_levels(row))


def plan_period_move(context: ReportContext, row) -> tuple[str, dict] | None:
    """A series whose growth from the base year and whose move over the plan period point opposite ways: ``turn``,
    one that moved the wrong way in the plan period while its growth from the base year looks right (a jump before
    the plan hides a fall in it) and is short of its target, ``back``, the same move ending still at or beyond the
    target (the plan setting its target below the value it started from), or ``toward`` (``toward_fell`` where lower
    is better), one that moved towards its target in the plan period while its status, from the base year, says it
    moves away (a fall before the plan hides a rise in it, and it is still short of the baseline), or ``dip``
    (``dip_fell``), one whose rise in the plan period is faster than its growth from the base year, the year before
    the plan period lying on the far side of the baseline (a fall before the plan slows the pace the status rates);
    with the two ends of the plan period, as shown in the series' unit. None for any other."""
    first = plan_start_year(context.values)
    if first is None or row.kind == "qualitative" or is_missing(row.as_of_year) or int(row.as_of_year) < first:
        return None
    values = context.series_values(row.indicator_id, row.series)
    points = values[values["value_type"].isin(["baseline", "actual"]) & (values["year"] <= context.report_year)]
    points = points.sort_values("value_type", key=lambda kind: kind.map({"actual": 0, "baseline": 1}), kind="stable")
    start = points[points["year"] == first - 1]
    if start.empty:
        return None
    d = direction_sign(row.direction)
    start_value = float(start["value"].iloc[0])
    in_plan, from_base = d * (row.latest_value - start_value), d * (row.latest_value - row.base_value)
    # a fall that stays above the target (7: 86% → 82% against 81%, the plan's own targets below its 2021 value) is
    # no move against it: ``back``, moved back while meeting the target
    meets = not is_missing(row.target_value) and d * (row.latest_value - row.target_value) >= 0
    if in_plan < 0 < from_base:  # back: said as the value went (fell, or rose for a series where lower is better)
        kind = ("back" if d > 0 else "back_rose") if meets else "turn"
    elif from_base < 0 < in_plan and row.verdict == "progress" and row.method != "annual_floor":
        # a rating of the pace from the base year (not a level judged year by year); said as the value went (rose,
        # or fell for a series where lower is better), and as still short of the baseline, never "towards the target"
        # beside a status that says it moves away
        kind = "toward" if d > 0 else "toward_fell"
    elif (0 <= from_base < in_plan and d * (start_value - row.base_value) < 0 and row.method != "annual_floor"
          and row.direction not in HELD_EVERY_YEAR and (row.verdict == "progress" or target_ahead(context, row))):
        # the year before the plan period on the far side of the baseline (19: 3.1% in 2020, 2.7% in 2021, 3.2% in
        # 2023): the pace from the base year (+0.03 pp a year), which the status rates, understates the move in the
        # plan period (+0.25 pp a year); said, so that a warning resting on that pace is read as resting on it
        kind = "dip" if d > 0 else "dip_fell"
    else:
        return None
    words = context.words

    def shown(value: float) -> str:  # in the series' unit: 2.7%, 86%
        return amount(row, value_text(row, value, words), words)

    # the pace since the year before the plan period, in the series' method, as the growth seen from the baseline is
    # given (3: 39.3% in 2021, 44.1% in 2023: (44.1 − 39.3) / 2 = +2.4 pp a year, against +0.87 from 2020's 41.5%)
    span = int(row.as_of_year) - (first - 1)
    cagr = compound_rate(start_value, row.latest_value, span) if row.method == "compound" else math.nan
    per_year = linear_rate(start_value, row.latest_value, span)
    pace = _pace(row, words, cagr, per_year, math.nan, with_unit=True)
    # the same as numbers (the pace a dip's note gives, and its start), for the workbook
    return kind, {"first": year(first - 1), "start": shown(start_value), "last": year(row.as_of_year),
                  "end": shown(row.latest_value), "base": year(row.base_year), "base_value": shown(row.base_value),
                  "pace": pace, "since_year": first - 1, "since_cagr": cagr, "since_per_year": per_year}


def target_ahead(context: ReportContext, row) -> bool:
    """Whether the series has a target after the report's year (a mid-term's 2024 target, whatever its 2023 stage
    verdict): the pace from the base year then still rates the way to it."""
    values = context.series_values(row.indicator_id, row.series)
    return bool(((values["value_type"] == "target") & (values["year"] > context.report_year)).any())


def plan_period_note(context: ReportContext, row, final_too: bool = False) -> str:
    """The same in a few words under the series' status in the scorecard and the warning list ("still below the 2020
    baseline of 3.1%; up from 2.7% in 2021": the latest value, 2.9% in 2022, is said beside it, never twice in one
    sentence of the overview), as a status rating the pace from the base year would otherwise
    say the opposite there; none beside a verdict on the level reached (achieved, missed), which the move does not
    change, but for a faster move than the pace rated (``dip``), which arises only with a target ahead.
    ``final_too``: beside a final verdict as well (the overview's core indicators: one achieved while falling every
    year of the plan is said to fall, as its card says)."""
    move = plan_period_move(context, row)
    # a faster move in the plan period than the pace rated (``dip``) is said beside a stage verdict too: the pace is
    # what the way to the target ahead is rated on
    if not move or not (row.verdict == "progress" or final_too or move[0].startswith("dip")):
        return ""
    kind, fields = move
    return context.words.text(f"scorecard.plan_period_{kind}", **fields,
                              span=context.words.text("data_gap.span", first=fields["first"], last=fields["last"]))


def _lagging_item(row, words: Catalog, missed: str = "", moved: str = "", reading: str = "", printed: str = "",
                  final: bool = False) -> str:
    """What a lagging series needs, with its status named after it where the sentence does not say it (a progress
    verdict; a final one says "not achieved" itself); ``missed``: the values of the years a level held every year
    missed (:func:`_missed_values`); ``moved``: the plan-period move its status from the base year hides
    (:func:`plan_period_note`), said after the status, as the scorecard and the warning list say it; ``printed``: the
    targets of a level to hold every year the table prints without its sign (:func:`bare_printed`). ``final``: a final
    evaluation, whose list warns no more: a target missed says no colour, a series without its target year's value
    that it is data missing, to be supplied (as the list of targets missed names it)."""
    need = _need(row, words, missed, reading, printed) + _data_gap_in_sentence(row, words)
    # every warned item says its warning's colour, as the warning list gives it; a stage target missed on course for
    # the next one says why it is warned (the stage target missed, not the pace)
    level = row_warning_level(row)
    warned = (words.text("summary.lagging_amber", stage_year=year(row.target_year)) if stage_missed_on_course(row)
              else "" if not level
              else words[f"summary.lagging_final.{'missed' if row.verdict == 'final' else 'data_missing'}"] if final
              else words[f"summary.lagging_level.{level}"])
    if row.verdict == "final":
        return need + warned
    status = status_text(row, words, "status_in_sentence")
    if _awaiting_final(row):  # the status said with what it is, not in a bracket after it
        return words.text("summary.lagging_item_not_final", need=need, status=status,
                          moved=words.text("summary.lagging_item_moved_tail", moved=moved) if moved else "") + warned
    return words.text("summary.lagging_item_moved" if moved else "summary.lagging_item", need=need, status=status,
                      moved=moved) + warned


def _awaiting_plan_data(context: ReportContext, numeric: pd.DataFrame) -> str:
    """The series a final evaluation cannot judge: values printed before the plan period, none since (the
    assessment gives them insufficient data); empty when there are none."""
    words = context.words
    unjudged = numeric[(numeric["status"] == "insufficient_data") & numeric["as_of_year"].notna()]
    first = plan_start_year(context.values)
    if unjudged.empty or first is None:
        return ""
    # a series whose only value lies in the plan period (a base value from statistics, published for a later year
    # than the base year) has a value of the plan period, but nothing after its base to measure progress by
    alone = unjudged[unjudged["as_of_year"] >= first]
    waiting = unjudged[unjudged["as_of_year"] < first]
    text = "" if waiting.empty else words.count_text(
        "summary.before_plan", len(waiting), start=first,
        span=words.text("data_gap.span", first=first, last=context.report_year)
        if context.report_year > first else str(first), ids=series_ids(waiting, words))
    if not alone.empty:
        text += (" " if text and words.language == "en" else "") + words.count_text(
            "summary.base_alone", len(alone), ids=series_ids(alone, words),
            years=words["grammar.comma"].join(sorted({year(y) for y in alone["as_of_year"]})))
    return text


def series_ids(rows: pd.DataFrame, words: Catalog) -> str:
    """``2, 4 (national)``: the series of ``rows`` by their indicators' numbers."""
    return words["grammar.comma"].join(
        str(row.indicator_id) + (words.text("summary.currency_series", series=series_label(row.series, words))
                                 if row.series else "") for row in rows.itertuples())


def thin_evidence(numeric: pd.DataFrame) -> pd.DataFrame:
    """The series whose progress verdict rests on one or two data points (low evidence). A final verdict is not
    among them: it compares the target year's value with the target, whatever came before."""
    return numeric[(numeric["evidence"] == "low") & (numeric["n_points"] <= 2)
                   & (numeric["status"] != "insufficient_data")
                   & (numeric["verdict"] != "final")]


def prose_growth_checks(context: ReportContext) -> dict[tuple, tuple]:
    """By series, the growth a year the plan's prose promises (in %), the growth seen against it and the year that is
    counted from (:func:`prose_growth_check`; None before a value after the table's last baseline), and what the
    table's own target implies a year from the same start (:func:`prose_growth_implied`); then, where the overview
    names the table's first baseline beside it (its targets count from there: 9.6% seen against the 9.9% its target
    implies from 2020), that year, the growth seen from it and what the target implies from it, else three Nones."""
    out = {}
    for promise in context.quality[context.quality["issue"] == "prose_growth"].itertuples():
        row = context.series_row(promise.indicator_id, promise.series)
        check = prose_growth_check(context, row, promise)
        base = (None, None, None)
        if check and not (pd.isna(row.observed_cagr) or row.method != "compound" or int(row.base_year) >= check[2]):
            base = (int(row.base_year), float(row.observed_cagr), prose_growth_implied(context, row, promise,
                                                                                        first=True))
        out[(promise.indicator_id, promise.series)] = (float(promise.value), *((check[0], check[2]) if check else
                                                                                (None, None)),
                                                        prose_growth_implied(context, row, promise), *base)
    return out


def prose_growth_implied(context: ReportContext, row, promise, first: bool = False) -> float | None:
    """What the table's target for the year of a growth the prose promises implies a year, from the table's last
    baseline as the report uses it (a value published for that year before the printed one): (160 / 133)^(1/3) − 1 =
    6.4%; from its first baseline with `first`, as the table's targets count: (160 / 109.61)^(1/4) − 1 = 9.9%; None
    where the table sets no target that year."""
    series = context.series_values(row.indicator_id, row.series)
    baselines = series.loc[series["value_type"] == "baseline", "year"]
    start_year = int(baselines.min() if first else baselines.max())
    start = float(series[series["year"] == start_year].sort_values("value_type")["value"].iloc[0])
    target = series.loc[(series["value_type"] == "target") & (series["year"] == promise.year), "value"]
    if target.empty or promise.year <= start_year:
        return None
    return (float(target.iloc[0]) / start) ** (1 / (promise.year - start_year)) - 1


def prose_growth_missed(context: ReportContext) -> list[str]:
    """The growths the plan's prose promises that a series falls short of, as the overview names them: "技术合同成交额：
    方案正文要求年均增长 10% 以上，自 2021年（方案表中最后一个基础值）至 2024年实际年均增长 5.9%" (a growth in a
    sentence without its sign, a fall with its minus); none awaiting data."""
    return [item for _, item in prose_growth_shortfalls(context)]


def prose_growth_shortfalls(context: ReportContext) -> list[tuple]:
    """:func:`prose_growth_missed`'s items, each with the row of the series that falls short (whose lead department
    is asked for its reasons, as for a series that lags)."""
    words = context.words
    # a series short of the prose's growth but not behind the table's targets gets no warning: said so, where the
    # reader would look for it on the warning list and not find it
    return [(row, words.text(f"summary.prose_growth_item{one}", name=localized(row, "short_name", words.language),
                             unwarned="" if row_warning_level(row) else words["summary.prose_growth_unwarned"],
                             **fields))
            for row, one, fields in prose_growth_shortfall_fields(context)]


def prose_growth_shortfall_fields(context: ReportContext) -> list[tuple]:
    """Each series short of a growth the plan's prose promises: its row, "_one" where a single year is seen (no
    average to speak of) else "", and the figures its sentence gives (the rate required, the rate seen, the years)."""
    quality, words = context.quality, context.words
    out = []
    for promise in quality[quality["issue"] == "prose_growth"].itertuples():
        row = context.series_row(promise.indicator_id, promise.series)
        check = prose_growth_check(context, row, promise)
        if check and not check[1]:
            # what the table's own target implies a year, from the same start: a growth short of the prose may
            # still be ahead of the table's path (6.6% seen, 6.4% implied)
            implied = prose_growth_implied(context, row, promise)
            table = "" if implied is None else words.text(
                "summary.prose_growth_table", year=year(promise.year), implied=fmt_pct(implied).lstrip("+"),
                first=year(check[2]))
            # the scorecard and the card count growth from the first baseline: the same series' other figure is
            # named beside this one, so that 5.9% here and +9.6% there read as two starts, not two answers
            # (that one may meet the requirement where this one does not: only through the growth of the table's
            # last baseline's year, before the plan period, said so, never left to read as a contradiction)
            since = {"since": ""}
            # the same pieces apart, for a text that gives each start a sentence of its own (the self-evaluation's)
            pieces = {"implied": "" if implied is None else fmt_pct(implied).lstrip("+"),
                      "table_year": year(promise.year),
                      "base_year": "", "base_seen": "", "table_base": "", "above": "", "before": year(check[2])}
            if not (pd.isna(row.observed_cagr) or row.method != "compound" or int(row.base_year) >= check[2]):
                above = "_above" if float(half_up(float(row.observed_cagr), 1, 100)) >= promise.value - 1e-9 else ""
                # beside it, what the table's target implies from that same first baseline (9.6% seen against
                # 9.9% implied from 2020; 5.9% against 6.4% from 2021): each rate set against one of the same start
                implied_base = prose_growth_implied(context, row, promise, first=True)
                table_base = "" if implied_base is None else words.text(
                    "summary.prose_growth_base_table", implied=fmt_pct(implied_base).lstrip("+"))
                since = {"since": words.text(f"summary.prose_growth_since{above}", year=year(int(row.base_year)),
                                             seen=fmt_pct(float(row.observed_cagr)).lstrip("+"), before=year(check[2]),
                                             promised=fmt_number(promise.value), table_base=table_base)}
                pieces.update(base_year=year(int(row.base_year)), table_base=table_base, above=above,
                              base_seen=fmt_pct(float(row.observed_cagr)).lstrip("+"))
            # the value the growth is counted from, as the table prints it: a reader of a table that shows the first
            # baseline only (the self-evaluation's 2020) is told the year counted from and its value (133亿元)
            series = context.series_values(row.indicator_id, row.series)
            start = series[(series["year"] == check[2]) & (series["value_type"] == "baseline")]
            start_value = amount(row, value_text(row, float(start["value"].iloc[0]), words), words) \
                if len(start) else MISSING
            out.append((row, "_one" if check[3] - check[2] == 1 else "",
                        {"promised": fmt_number(promise.value), "seen": fmt_pct(check[0]).lstrip("+"),
                         "first": year(check[2]), "last": year(check[3]), "table": table, "start": start_value,
                         **since, **pieces}))
    return out


def prose_growth_check(context: ReportContext, row, promise) -> tuple[float, bool, int, int] | None:
    """The growth a year seen from the table's last baseline to the latest value (the card's note on the promise
    counts the same), whether it meets the prose's promise as shown (10.0% meets "10% 以上"), and the two years;
    None before a value after the baseline."""
    series = context.series_values(row.indicator_id, row.series)
    start_year = int(series.loc[series["value_type"] == "baseline", "year"].max())
    start = float(series[series["year"] == start_year].sort_values("value_type")["value"].iloc[0])
    later = series[(series["value_type"] == "actual") & (series["year"] > start_year)
                   & (series["year"] <= context.report_year)].sort_values("year", kind="stable")
    if later.empty:
        return None
    latest = later.iloc[-1]
    seen = (float(latest["value"]) / start) ** (1 / (int(latest["year"]) - start_year)) - 1
    return seen, float(half_up(seen, 1, 100)) >= promise.value - 1e-9, start_year, int(latest["year"])


def single_plan_value(context: ReportContext, numeric: pd.DataFrame) -> pd.DataFrame:
    """The series whose progress verdict rests on a single value of the plan period, however many baselines the plan
    printed before it (indicator 26 of Weihai's published data: 36.6 in 2022 alone): thin evidence too, said so."""
    return numeric[(numeric["evidence"] == "low") & (numeric["n_points"] > 2) & (numeric["verdict"] == "progress")
                   & (numeric["status"] != "insufficient_data")]


def scope_counts(context: ReportContext) -> dict[str, int]:
    """The plan's indicators, its quantitative ones, their series and its qualitative ones, as the overview's first
    sentence counts them (and the workbook's summary sheet)."""
    headline = headline_status(context.assessment)
    table = context.joined()
    qualitative = int((headline["status"] == "qualitative").sum())
    return dict(n_indicators=len(headline), numeric_indicators=len(headline) - qualitative,
                numeric_series=int((table["status"] != "qualitative").sum()), qualitative=qualitative)


def _scope(context: ReportContext) -> str:
    words = context.words
    fields = scope_counts(context)
    # a plan of quantitative indicators only says so, never "and 0 qualitative"
    text = words.count_text("summary.scope" if fields["qualitative"] else "summary.scope_all_numeric",
                            fields["n_indicators"], **fields, currency=data_currency(context))
    # a plan that prints baselines for two years (2020, 2021): which one the growth counts from, and where the plan
    # period starts, said once, as the cards speak of either
    values = context.values
    baselines = sorted({int(y) for y in values.loc[values["value_type"] == "baseline", "year"].dropna()})
    start = plan_start_year(values)
    if len(baselines) > 1 and start is not None:
        text += words.text("summary.baselines", years=words.join_and([year(y) for y in baselines]),
                           base=year(context.plan["base_year"]), start=year(start))
        # a growth the plan's text requires counts from the table's last baseline (2021), not the base year: said
        # here too, where the overview names the base year
        quality = context.quality
        if (quality["issue"] == "prose_growth").any():
            text += words.text("summary.baselines_prose", last=year(baselines[-1]))
    return text + abbreviations_note(context)


def abbreviations_note(context: ReportContext) -> str:
    """The abbreviations the catalog lists (``summary.abbreviations``: S&T, SMEs) that the indicators' short names in
    the report's language use, each spelled out once, where the overview first counts the series ("In the
    indicators' short names, S&T stands for science and technology and SMEs stands for small and medium-sized
    enterprises."); empty where none is used, or the language lists none."""
    words = context.words
    column = localized_column(context.indicators, "short_name", words.language)
    names = [name for name in context.indicators[column] if isinstance(name, str)] if column in context.indicators \
        else []
    used = [words.text("summary.abbreviation", short=short, full=full)
            for short, full in words["summary.abbreviations"]
            if any(re.search(rf"(?<!\w){re.escape(short)}(?!\w)", name) for name in names)]
    return words.text("summary.abbreviated", items=words.join_and(used)) if used else ""


def data_currency(context: ReportContext) -> str:
    """How current the numeric series are, in the overview's words ("N of the M numeric series have data for Y")."""
    words = context.words
    table = context.joined()
    latest = table.loc[table["status"] != "qualitative", "as_of_year"]
    if latest.nunique(dropna=False) == 1 and latest.notna().all():
        return words.count_text("summary.currency_one", len(latest), year=year(latest.iloc[0]))
    groups = []
    numeric = table[table["status"] != "qualitative"]
    for as_of, count in latest.value_counts(dropna=False).sort_index(ascending=False).items():
        key = ("summary.currency_none" if is_missing(as_of) else "summary.currency_at_report_year"
               if int(as_of) == context.report_year else "summary.currency_earlier")
        # the series without data, or whose latest value is older than the report year, named by number (and
        # national/provincial where an indicator has both): never "1 has 2022 as its latest year" unnamed
        missing = numeric[numeric["as_of_year"].isna()] if is_missing(as_of) else \
            numeric[numeric["as_of_year"] == as_of] if key == "summary.currency_earlier" else numeric.iloc[0:0]
        without = [str(row.indicator_id) + (words.text("summary.currency_series",
                                                       series=series_label(row.series, words)) if row.series else "")
                   for row in missing.itertuples()]
        if key == "summary.currency_earlier" and count > 5:  # a list too long to read: counted only
            key = "summary.currency_earlier_unnamed"
        groups.append(words.count_text(key, int(count), year=year(as_of), ids=words["grammar.comma"].join(without)))
    return words.text("summary.currency_many", report_year=context.report_year, count=len(latest),
                      groups=join_and(words, groups))


def indicator_counts(context: ReportContext) -> dict[str, int]:
    """The quantitative indicators by shown status (the worse series of two: :func:`shown_counts`), every status with
    a count, as the overview counts them (and the workbook's summary sheet)."""
    return {status: count for status, count in shown_counts(context.assessment).items()
            if count and status != "qualitative"}


def _statuses(context: ReportContext) -> str:
    """Headline statuses counted, each in the words a sentence gives it (achieved 12, never a badge's Achieved 12),
    every status with a count, listed as the language lists (achieved 12, not achieved 9 and moving away 1; 已达标 12
    项、未达标 9 项、偏离目标 1 项), never run together with semicolons."""
    words = context.words
    items = [words.text("summary.status_item", status=words[f"status_in_sentence.{status}"], count=count)
             for status, count in indicator_counts(context).items()]
    ranks = context.indicators.drop_duplicates("indicator_id")
    ranks = [localized(row, "short_name", context.language) for row in ranks[ranks["kind"] == "rank"].itertuples()]
    paired = context.assessment["indicator_id"].duplicated().any()  # an indicator with national and provincial series
    text = words.text("summary.statuses" if paired else "summary.statuses_single",
                      items=words.join_and(items))
    joined = context.joined()
    waiting = joined[[not_final(row) for row in joined.itertuples()]]
    pending = sorted(set(waiting["indicator_id"].astype(int)))
    named_ = []
    if pending:
        # an indicator with a series that has its target year's value names the one that has not: 4 (provincial)
        whole = joined.groupby("indicator_id")["series"].size()
        named_ = [series_ids(rows, words) if len(rows) < whole[indicator] else str(indicator)
                  for indicator, rows in waiting.sort_values(["indicator_id", "series"]).groupby("indicator_id")]
    # a series among them (4 provincial) is named as a series, never as an indicator ("indicators 4 provincial")
    series = "_series" if any(name not in {str(i) for i in pending} for name in named_) else ""
    # an indicator without data in the plan period, its target year come: no verdict at all, said so, never left to
    # read as one that has its target year's value because "of these" named only those with a progress verdict
    past = pd.Series([target_year_past(row) for row in joined.itertuples()], index=joined.index, dtype=bool)
    bare = joined[(joined["status"] == "insufficient_data") & past].groupby("indicator_id").size()
    whole = joined.groupby("indicator_id").size()
    unjudged = [indicator for indicator, count in bare.items() if count == whole[indicator]]
    numeric = set(joined.loc[joined["status"] != "qualitative", "indicator_id"].astype(int))
    if pending and unjudged and set(pending) | {int(i) for i in unjudged} == numeric:
        # none has its target year's value: said first, then why each has the verdict it has (or none)
        return text + words.count_text("summary.none_final" + series, len(pending), total=len(numeric),
                                       ids=words["grammar.comma"].join(named_), bare=len(unjudged))
    if pending:
        text += words.count_text("summary.not_final" + series, len(pending), ids=words["grammar.comma"].join(named_))
    if unjudged:
        text += words.count_text("summary.no_verdict", len(unjudged), total=len(numeric))
    return text


def _need(row, words: Catalog, missed: str = "", reading: str = "", printed: str = "") -> str:
    name = named(row, words)
    if row.verdict == "final":
        return _final_need(row, words, name, missed, reading, printed)
    if row.method == "annual_floor":
        catch_up = ""
        if (not is_missing(row.required_per_year) and abs(row.required_per_year - row.target_value) > 0.005
                and not target_year_past(row)):  # no "from now on" once the target year has come
            catch_up = words.text("summary.need_floor_catch_up", rate=fmt_number(row.required_per_year))
        return words.text("summary.need_floor", name=name, target=fmt_number(row.target_value),
                          as_of=year(row.as_of_year), latest=fmt_number(row.latest_value), catch_up=catch_up)
    if row.kind == "rank":
        pace = MISSING if is_missing(row.required_per_year) else change_per_year(row.required_per_year, row, words)
        return words.text("summary.need_rank", name=name, as_of=year(row.as_of_year),
                          latest=value_text(row, row.latest_value, words), target_year=year(row.target_year),
                          target=target_text(row, words), pace=pace)
    if target_year_past(row):  # a final evaluation without the target year's value: no pace, a verdict to come
        # a stage target (a later one follows) is checked, not finally judged (method, item 1)
        return words.text("summary.need_awaiting" if _awaiting_final(row) else "summary.need_awaiting_stage", name=name,
                          as_of=year(row.as_of_year),
                          latest=amount(row, value_text(row, row.latest_value, words), words),
                          target_year=year(row.target_year), target=amount(row, target_text(row, words), words),
                          years=years_without_value(row, words))
    pace = (MISSING if is_missing(row.required_per_year)
            else _pace_in_sentence(row, words, row.required_cagr, row.required_per_year))
    # one year to go: what that year must add, never "a year"; the numbers with the digits printed (3.0, not 3)
    one_year = not is_missing(row.as_of_year) and row.target_year - row.as_of_year == 1
    return words.text("summary.need_growth_one_year" if one_year else "summary.need_growth", name=name,
                      as_of=year(row.as_of_year), latest=amount(row, value_text(row, row.latest_value, words), words),
                      target_year=year(row.target_year),
                      target=amount(row, value_text(row, row.target_value, words, "target"), words), pace=pace)


def _awaiting_final(row) -> bool:
    """A progress verdict on a series whose last target year has come without its value (a final verdict to come,
    not a stage target's check)."""
    return (row.verdict != "final" and row.method != "annual_floor" and row.kind != "rank" and target_year_past(row)
            and is_missing(getattr(row, "next_target_value", float("nan"))))


def projection_shown(row) -> bool:
    """Whether a card projects the pace seen to the target year: a progress verdict resting on more than two points
    (two printed baselines say too little to extrapolate), for a series that grows (a floor or a level to meet every
    year is met or missed each year, never projected)."""
    return (row.verdict == "progress" and not is_missing(row.projected_value) and row.n_points > 2
            and row.method != "annual_floor" and row.direction not in HELD_EVERY_YEAR)


def level_in_years(row, words: Catalog, target: str, prose: str = "") -> str:
    """A level to hold every year (``target``: it as written) with the years it is held in, where the series' targets
    set more than one level (``level_first``, ``level_last``: ≥50 in 2023, ≥60 in 2024 and 2025, this row's 60:
    "2024—2025年每年≥60亿元", "≥60 every year 2024–2025"); "" where one level is held throughout."""
    first, last = getattr(row, "level_first", math.nan), getattr(row, "level_last", math.nan)
    if is_missing(first) or is_missing(last):
        return ""
    # a yearly rate of a series whose direction is higher or lower (a floor met year by year): at least, at most
    form = {"higher": "at_least", "lower": "at_most"}.get(row.direction, row.direction)
    return held_in_years(words, form, target, int(first), int(last), prose)


def held_level(row, words: Catalog) -> str:
    """A level to hold every year as a sentence states it, in words where the language writes them so, never a sign
    in running text: with the years it is held in where the targets set more than one (:func:`level_in_years`:
    "2024—2025年每年不低于 60亿元"), else from the first year it is held in where that is known ("自 2023年起每年不低于
    5%", "≥5% every year from 2023": 2022's 5.2 was held to none); else "每年不低于 5%"."""
    target = amount(row, fmt_number(row.target_value), words)
    if years := level_in_years(row, words, target, "_prose"):
        return years
    # a yearly rate of a series whose direction is higher or lower (a floor met year by year): at least, at most
    form = {"higher": "at_least", "lower": "at_most"}.get(row.direction, row.direction)
    held_from = getattr(row, "held_from", None)
    if held_from is None or is_missing(held_from):
        return words.text(f"pace.hold_{form}_prose", target=target)
    return words.text(f"pace.hold_{form}_from_prose", target=target, year=year(held_from))


def projected_shown(row) -> float:
    """The projection as a card and the workbook give it: a rank no better than first, a count whole (firms, persons),
    any other to the decimals the series' own base and latest values carry (41.5 and 42 project to 42.3, never
    42.25: a projection is no more precise than what it rests on), at most as many as any number shows."""
    projected = float(row.projected_value)
    if row.kind == "rank":
        return max(projected, 1.0)  # no place above first
    if row.kind == "count":
        return float(round(projected))
    digits = max(_decimals(getattr(row, printed, ""), getattr(row, value, math.nan))
                 for printed, value in (("base_printed", "base_value"), ("latest_printed", "latest_value")))
    digits = min(digits, shown_decimals(projected))
    shown = float(half_up(projected, digits))
    # never rounded onto or across its target: 2.95 short of 3.0 is 2.95, not 3.0 (a projection that misses reads so)
    target = getattr(row, "target_value", math.nan)
    side = 0 if is_missing(target) else (projected > target) - (projected < target)
    while side and (shown > target) - (shown < target) != side and digits < shown_decimals(projected):
        digits += 1
        shown = float(half_up(projected, digits))
    return shown


def _decimals(printed, value) -> int:
    """The decimals a value was given with: its printed form's (2.40: 2), else its number's (41.5: 1, 42.0: 0)."""
    given = isinstance(printed, str) and bool(printed.strip())
    text = printed if given else "" if is_missing(value) else repr(float(value))
    number = re.search(r"\d+(?:\.(\d+))?", text.replace(",", ""))
    if number is None or number.group(1) is None:
        return 0
    return 0 if set(number.group(1)) == {"0"} and not printed else len(number.group(1))


def not_final(row) -> bool:
    """A progress verdict in a report year at or after the series' target year: the target year's value is not in,
    and the status (achieved, moving away, …) rests on an earlier value; a reader must not take it for final."""
    return row.verdict == "progress" and target_year_past(row)


def target_year_past(row) -> bool:
    """A series without a final verdict in a report year at or after its target year (a progress verdict, or none
    for want of data in the plan period): the target year's value is not in yet, and no pace can still reach a
    target whose year has come."""
    return (row.verdict != "final" and row.status != "qualitative" and not is_missing(row.target_year)
            and not is_missing(row.report_year)
            and int(row.report_year) >= int(row.target_year))


def _data_gap_in_sentence(row, words: Catalog) -> str:
    """The years without a value after the one a need is counted from, closing its sentence; empty without (and
    for a verdict that awaits its target year's value, whose sentence says so itself)."""
    if target_year_past(row) and row.method != "annual_floor" and row.kind != "rank":
        return ""
    gap = data_gap_text(row, words)
    return words.text("summary.need_data_gap", gap=gap) if gap else ""


def bare_reading(context: ReportContext, row) -> str:
    """A level to hold every year read from targets the plan's table prints without its sign (18: 5% for 2023 and
    2024, no "≥"), said where a verdict rests on that reading: a year missed before a latest year that meets the
    level (18 at the final: 4.6 in 2023, 5.3 in 2024): "方案表列 5%，未标“≥”，本报告按每年须达到评估"; "" for any
    other series (a table that prints the sign, a target to reach, a latest year that misses the level itself)."""
    missed = missed_years(row)
    if row.direction not in HELD_EVERY_YEAR or not missed or is_missing(row.as_of_year) \
            or str(int(row.as_of_year)) in missed:
        return ""
    return bare_target_reading(context, row)


def bare_target_reading(context: ReportContext, row) -> str:
    """"方案表列 5%，未标“≥”，本报告按每年须达到评估": how a level to hold every year is read from targets the plan's
    table prints without its sign, whatever the verdict (a table that writes the target "≥5" says so under it); ""
    for a series whose targets are printed with their sign or are no level to hold."""
    printed = bare_printed(context, row)
    if not printed:
        return ""
    return context.words.text("summary.bare_reading_text", printed=printed,
                              sign=context.words.text(f"target_form.{row.direction}", value=""))


def bare_printed(context: ReportContext, row) -> str:
    """The targets of a level to hold every year as the plan's table prints them without its sign ("5%": 18, 2023 and
    2024), each once; "" for a series whose targets carry their sign or that is no level to hold."""
    if row.direction not in HELD_EVERY_YEAR or not getattr(row, "bare_target", False):
        return ""
    values = context.series_values(row.indicator_id, row.series)
    targets = values[values["value_type"] == "target"].sort_values("year")
    if targets.empty:
        return ""
    words = context.words
    return words["grammar.comma"].join(dict.fromkeys(amount(row, value_text(row, float(value), words, "target"), words)
                                                     for value in targets["value"]))


def _final_need(row, words: Catalog, name: str, missed_values: str = "", reading: str = "", printed: str = "") -> str:
    """A target year's value that missed its target: the completion rate, the shortfall, the years a target to
    hold every year was missed (``reading``: the level read from targets the table prints bare, :func:`bare_reading`),
    and what the next target (if any) asks."""
    shortfall = ""
    if row.shortfall > 0:
        shortfall = words.text("summary.need_final_shortfall",
                               shortfall=shortfall_text(row, fmt_number(row.shortfall), words))
    missed = ""
    if row.missed_years:
        missed = words.text("summary.need_final_missed", years=join_and(words, row.missed_years.split(";")))
    # a shortfall in the series' unit (2 persons short) names it: the name then takes no label of it ("High-level
    # talent: 318 in 2024 against a target of 320, … 2 persons short", never "(persons) … persons")
    if row.shortfall > 0 and row.kind != "rank" and not is_percent(row):
        name = localized(row, "short_name", words.language)
    following = next_target_need(row, words, "" if reading else printed)  # the reading said once
    if row.missed_years and row.direction in HELD_EVERY_YEAR:  # the missed year first: the latest value may meet it
        # the values of the years missed given, the latest among them: its value once, not again after "not achieved"
        latest_missed = missed_values and int(row.as_of_year) in {int(y) for y in missed_years(row)}
        levels = "_levels" if missed_values and _missed_other_level(row) else ""  # each value with its own level
        return words.text("summary.need_final_held" + ("_values" if missed_values else "") + levels
                          + ("_latest" if latest_missed else ""), name=name,
                          missed=missed_values, year=year(row.as_of_year),
                          value=amount(row, value_text(row, row.latest_value, words), words),
                          target=held_level(row, words), years=join_and(words, missed_years(row)), next=following,
                          reading=words.text("summary.bare_reading", reading=reading) if reading else "")
    stage = stage_missed(row)  # a stage target: a later one follows
    if _above_range(row):  # over a range's ceiling (or above a value to equal): above it, never short of it
        return words.text("summary.need_final_stage_above" if stage else "summary.need_final_above", name=name,
                          year=year(row.as_of_year), stage_year=year(row.target_year),
                          value=amount(row, value_text(row, row.latest_value, words), words),
                          target=amount(row, target_text(row, words), words),
                          over=shortfall_text(row, fmt_number(row.shortfall), words), missed=missed, next=following)
    rank = "_rank" if row.kind == "rank" else ""  # a place is reached or not: no share of its target
    return words.text(("summary.need_final_stage" if stage else "summary.need_final") + rank, name=name,
                      year=year(row.as_of_year), stage_year=year(row.target_year),
                      value=amount(row, value_text(row, row.latest_value, words), words),
                      target=amount(row, target_text(row, words), words), rate=rate_text(row.completion_rate),
                      shortfall=shortfall, missed=missed, next=following)


def _above_range(row) -> bool:
    """A range target (or a value to equal) missed from above: the series had to fall to its upper bound."""
    return operator(row) in ("within", "exactly") and row.direction == "lower" and row.shortfall > 0


def next_target_need(row, words: Catalog, printed: str = "", plan_pace: bool = True) -> str:
    """After a verdict on a stage target: what the next target asks ("; to reach 120 in 2024 it must grow by 16.5%
    over 2023, more than the growth seen so far (+8.8% a year)"); empty without a next target. A level to hold every
    year read from targets the table prints without the sign (``printed``, :func:`bare_printed`: 18's 5%) says the
    next year's level is this evaluation's reading, never that the plan asks for "at least" it. The growth seen since
    the base year is followed by the plan period's own (:func:`plan_seen_text`) where the two differ materially,
    unless ``plan_pace`` is False (a note beside it gives that pace already)."""
    if row.direction in HELD_EVERY_YEAR:  # the year it must hold next: perhaps the binding target's
        next_year, next_value = following_target(row)
        if is_missing(next_year):
            return ""
        return words.text(f"summary.need_final_hold_{row.direction}" + ("_bare" if printed else ""),
                          next_year=year(next_year), next_target=amount(row, fmt_number(next_value), words),
                          printed=printed, sign=words.text(f"target_form.{row.direction}", value=""))
    if is_missing(row.next_target_year):
        return ""
    fields = {"next_year": year(row.next_target_year),
              "next_target": value_text(row, row.next_target_value, words, "target") if row.kind == "rank"
              else amount(row, fmt_number(row.next_target_value), words)}
    if direction_sign(row.direction) * (row.latest_value - row.next_target_value) >= 0:
        # a range already reached: its bound is no target to name alone (3 of 2.5–3)
        return words.text("summary.need_final_next_met" + ("_range" if operator(row) in ("within", "exactly")
                                                            else ""), **fields)
    rank = "_rank" if row.kind == "rank" else ""  # a place: the places it must move a year, never a growth
    if rank:
        pace = MISSING if is_missing(row.next_required_per_year) else change_per_year(row.next_required_per_year,
                                                                                       row, words)
        following = words.text("summary.need_final_next_rank", pace=pace, **fields)
    else:
        pace = _pace_in_sentence(row, words, row.next_required_cagr, row.next_required_per_year)
        one_year = int(row.next_target_year) - int(row.as_of_year) == 1  # one year's growth, not "a year"
        following = words.text("summary.need_final_next_one" if one_year else "summary.need_final_next",
                               pace=pace, year=year(row.as_of_year), **fields)
    if seen_text(row, words) != MISSING:
        course = "on" if stage_missed_on_course(row) or (stage_met(row) and not stage_met_off_course(row)) else "off"
        course = "near" if on_course_short(row) else course  # on track, a little below the need: never "reaches"
        following += words.text(f"summary.need_final_course{rank}_{course}", seen=seen_text(row, words),
                                base=year(row.base_year), share=share_text(course_share(row)),
                                cut=share_text(on_track_cut(row)))
        if plan_pace and plan_seen_text(row, words):  # 10 at the mid-term: +25.2% a year since 2020, +17.6% since 2021
            following += words.text(f"summary.need_final_course_plan{rank}", seen=plan_seen_text(row, words),
                                    year=year(row.since_year))
    return following


def share_text(ratio: float) -> str:
    """The growth seen as a share of the growth needed, in whole percent rounded down (0.967: 96%): one on track
    (at least 0.95) never shown below the cut-off, one short of the need never shown as 100%."""
    return f"{math.floor(round(ratio * 100, 6))}%"


def _stage_met_need(row, words: Catalog) -> str:
    """A stage target met off course for the next one: its value, the stage target, and what the next one asks."""
    # a place is reached or not: no share of its target (as the scorecard gives none)
    return words.text("summary.need_stage_met" + ("_rank" if row.kind == "rank" else ""), name=named(row, words),
                      year=year(row.as_of_year),
                      stage_year=year(row.target_year),
                      value=amount(row, value_text(row, row.latest_value, words), words),
                      target=amount(row, target_text(row, words), words), rate=rate_text(row.completion_rate),
                      next=next_target_need(row, words))


def rate_text(fraction: float) -> str:
    """A completion rate, rounded half up as every number: 96.7%; 24,300 ÷ 24,000 = 101.25% → 101.3%."""
    return MISSING if is_missing(fraction) else f"{half_up(fraction, 1, 100)}%"


# --- what a verdict rests on ---------------------------------------------------------------------------

def years_without_value(row, words: Catalog) -> str:
    """"2023–2024" (2024 alone): the years after a series' latest value up to the report year, which have no value;
    empty when it has a value for the report year (or none at all: its status says so)."""
    if row.kind == "qualitative" or is_missing(row.as_of_year) or int(row.as_of_year) >= int(row.report_year):
        return ""
    first, last = int(row.as_of_year) + 1, int(row.report_year)
    return str(first) if first == last else words.text("data_gap.span", first=first, last=last)


def data_gap_text(row, words: Catalog) -> str:
    """"latest value 2022; no value for 2023–2024": what a verdict and a pace rest on when the series' latest value
    is older than the report year; empty when it is not."""
    years = years_without_value(row, words)
    return words.text("data_gap.text", as_of=year(row.as_of_year), years=years) if years else ""


def missed_years(row) -> list[str]:
    """The years of the plan period a target to hold every year was missed in (``missed_years``: 2022;2023)."""
    return [item for item in str(row.missed_years or "").split(";") if item]


def judged_yearly(row) -> bool:
    """A target judged year by year: a level to hold every year (at least, at most) or a yearly rate's floor; its
    completion rate is the latest year's own, whatever the years before."""
    return row.direction in HELD_EVERY_YEAR or getattr(row, "method", "") == "annual_floor"


def held_note(context: ReportContext, row) -> str:
    """A level to hold every year missed in a year: the values of the years it missed, and the latest value where
    it is of a later year ("4.6% in 2023, missed; 5.3% in 2024"), so that a row showing 5.3 against ≥5 says why it is
    not achieved and that 2024 met the level; one held in every year a final verdict rests on, each year's value
    (:func:`_held_met_note`); "" for any other series, or where a year's value is not at hand."""
    years = missed_years(row)
    if not years:
        return _held_met_note(context, row)
    words = context.words
    values = context.series_values(row.indicator_id, row.series)
    actual = values[values["value_type"] == "actual"].drop_duplicates("year", keep="last").set_index("year")["value"]
    if any(int(when) not in actual.index for when in years):
        return ""

    def shown(value: float) -> str:  # in the series' unit: 4.6%
        return amount(row, value_text(row, value, words), words)

    notes = [words.text("scorecard.missed_values", values=join_and(words, [
        words.text("scorecard.missed_value", year=year(when), value=shown(actual[int(when)])) for when in years]))]
    if not is_missing(row.as_of_year) and str(int(row.as_of_year)) not in years:
        notes.append(words.text("scorecard.held_latest", year=year(row.as_of_year), value=shown(row.latest_value)))
    return words.join(notes)


def _held_met_note(context: ReportContext, row) -> str:
    """A level to hold every year, achieved in a final verdict over more than one year: each year's value, as the
    verdict rests on them all ("91.2% in 2023, 92% in 2024, met in each"), never the last year's alone; "" where a
    year's value is not at hand, or for any other series."""
    held_from = getattr(row, "held_from", float("nan"))
    if (row.verdict != "final" or row.status != "achieved" or not judged_yearly(row) or is_missing(held_from)
            or is_missing(row.as_of_year) or int(row.as_of_year) <= int(held_from)):
        return ""
    words = context.words
    values = context.series_values(row.indicator_id, row.series)
    actual = values[values["value_type"] == "actual"].drop_duplicates("year", keep="last").set_index("year")["value"]
    years = range(int(held_from), int(row.as_of_year) + 1)
    if any(when not in actual.index for when in years):
        return ""
    return words.text("scorecard.held_met_values", values=join_and(words, [
        words.text("scorecard.missed_value", year=year(when), value=amount(row, value_text(row, actual[when], words),
                                                                            words)) for when in years]))


def scorecard_note(context: ReportContext, row) -> str:
    """:func:`status_note` as the scorecard, the warning list and the workbook give it: with the plan-period move
    (:func:`plan_period_note`) and a level held every year's values (:func:`held_note`)."""
    note = status_note(row, context.words, plan_period_note(context, row), held_note(context, row))
    if row.status == "qualitative" or quoted_values(context, row).empty:
        return note
    # a verdict resting on a value a secondary source quotes is marked beside it, in every edition and the workbook
    return context.words.join([context.words["scorecard.secondary"], *([note] if note else [])])


def missed_levels(row) -> list[tuple[str, float]]:
    """The years a level to hold every year missed, each with the level it was judged against then
    (``missed_levels``, :func:`~analysis.report.context.level_years`: [("2022", 90.0)]; NaN where not known)."""
    levels = [float(level) for level in str(getattr(row, "missed_levels", "") or "").split(";") if level]
    years = missed_years(row)
    return list(zip(years, levels)) if len(levels) == len(years) else [(when, math.nan) for when in years]


def missed_in(row, words: Catalog, text: str, shown: float) -> str:
    """``text`` (a level to hold: "≥92%") with the years it missed: "≥92% (missed in 2022)" where each was held to the
    level ``shown``; where one was held to another (90 in 2022, 92 in 2024), every year with its own, so a year is
    never read as having missed the level shown: "≥92% (2022: below the 90% then required)"; ``text`` alone where
    none was missed."""
    missed = missed_levels(row)
    if not missed:
        return text
    if all(is_missing(level) or math.isclose(level, shown) for _, level in missed):
        return words.text("pace.missed_in", pace=text, years=join_and(words, [when for when, _ in missed]))
    form = {"higher": "at_least", "lower": "at_most"}.get(row.direction, row.direction)
    return words.text("pace.missed_levels", pace=text, years=join_and(words, [
        words.text(f"pace.missed_level_{form}", year=when, level=amount(row, fmt_number(level), words))
        for when, level in missed]))


def status_note(row, words: Catalog, moved: str = "", held: str = "", course_said: bool = False) -> str:
    """The line under a series' status in the scorecard: the completion rate of a final verdict, the years a
    target to hold every year was missed in (``held``: with their values, :func:`held_note`), a plan-period move the
    status from the base year hides (``moved``: :func:`plan_period_note`), and the years without a value when the
    verdict rests on an older one ("104.0% of the target; missed in 2023", "latest value 2022; no value for
    2023–2024"). ``course_said``: a sentence after the note gives the pace needed against the pace seen, with the
    verdict on a pace a little short of the need (:func:`next_target_need`), which the note then leaves to it."""
    notes = [words["scorecard.not_final"]] if not_final(row) else []
    if missed_years(row):  # first: the reason a target held every year is not achieved, whatever its last value
        notes.append(held or words.text("scorecard.missed", years=join_and(words, missed_years(row))))
    elif held:  # a level held in every year its verdict rests on: each year's value
        notes.append(held)
    if row.verdict == "final":
        if row.kind != "rank":  # a place is reached or not: no share of a target
            stage = stage_missed(row) or stage_met(row)
            # a level held every year: the rate is the last year's alone, met or missed the years before (17 and 18
            # alike)
            key = ("scorecard.stage_rate" if stage else "scorecard.year_rate" if judged_yearly(row)
                   else "scorecard.final_rate")
            if _above_range(row):  # over a range's ceiling: by how much, never a share of the target that reads short
                key = "scorecard.stage_above" if stage else "scorecard.final_above"
            notes.append(words.text(key, rate=rate_text(row.completion_rate), year=year(row.as_of_year)
                                    if key == "scorecard.year_rate" else year(row.target_year),
                                    over=shortfall_text(row, fmt_number(row.shortfall), words)))
        if stage_met_off_course(row):  # met now, but the pace seen does not reach the next target: amber
            notes.append(course_text(row, "off_course", words))
        elif stage_missed_on_course(row):  # missed now, but the pace seen reaches the next target: amber, not red
            # said once, with the paces, by the sentence after
            if not (course_said and on_course_short(row) and seen_text(row, words) != MISSING):
                notes.append(course_text(row, "on_course", words))
        elif stage_missed_off_course(row):  # missed, and the pace seen does not reach the next target either: red,
            # said so, as a row of amber beside it may show a lower completion rate
            notes.append(course_text(row, "off_course", words))
    if overdue_behind(row):  # behind the pace, its target's year come without its value: amber
        notes.append(course_text(row, "overdue", words))
    if moved:
        notes.append(moved)
    gap = data_gap_text(row, words)
    if gap:
        notes.append(gap)
    return words.join(notes)


def _low_evidence_years(context: ReportContext, low: pd.DataFrame) -> str:
    """``（2020、2021 年基础值）`` when the two points are the printed baselines, as they are before any data."""
    baselines = sorted(context.values.loc[context.values["value_type"] == "baseline", "year"].unique())
    if len(baselines) == 2 and set(low["base_year"].dropna()) == {baselines[0]} and \
            set(low["as_of_year"].dropna()) == {baselines[1]}:
        return context.words.text("summary.low_evidence_years", years=join_and(context.words, baselines))
    return ""


def _short_name(context: ReportContext, indicator_id: int, series: str) -> str:
    column = localized_column(context.indicators, "short_name", context.language)
    return context.indicators.set_index(["indicator_id", "series"]).loc[(indicator_id, series), column]


def _observation_revisions(context: ReportContext) -> str:
    """The values a later publication revised, up to the report year: the latest is the one used. A value a secondary
    source quotes is said to be one, never an earlier or a later release (1.84%, a book's: "1.84% (secondary source:
    …)"), and the sentence then speaks of earlier values, not published ones."""
    words = context.words
    revised = context.quality[(context.quality["issue"] == "observation_revised")
                              & (context.quality["year"].fillna(0) <= context.report_year)]
    if revised.empty:
        return ""
    actual = _printed_texts(context, "actual")
    series = context.indicators.set_index(["indicator_id", "series"])
    items, quoted = [], False
    told = _baseline_revised(context)  # a year the plan printed: its releases told with it (:func:`_revisions`)
    for row in revised.itertuples():
        if not pd.isna(row.year) and (row.indicator_id, row.series, int(row.year)) in told:
            continue
        indicator = series.loc[(row.indicator_id, row.series)]
        earlier = amount(indicator, fmt_printed(row.printed_text), words)
        later = amount(indicator, fmt_printed(actual.get((row.indicator_id, row.series, int(row.year)), ""),
                                              row.value), words)
        earlier_quoted = getattr(row, "revised_source_kind", "") == "secondary"
        later_point = _quoted_point(context, row)
        if earlier_quoted or later_point is not None:
            quoted = True
            earlier = words.text("summary.quoted_value_unnamed", value=earlier) if earlier_quoted else earlier
            later = later if later_point is None else words.text(
                "summary.quoted_value", value=later, reference=publication(later_point, context.language, words))
            key = "summary.observation_revision_item_quoted"
        else:
            key = "summary.observation_revision_item"
        items.append(words.text(key, name=_short_name(context, row.indicator_id, row.series), year=year(row.year),
                                printed=earlier, published=later))
    if not items:
        return ""
    return words.count_text("summary.observation_revisions" + ("_quoted" if quoted else ""), len(items),
                            items=words.join(items))


def _baseline_revised(context: ReportContext) -> set:
    """The (indicator, series, year) of each value the plan printed that a published one revises."""
    revised = context.quality[context.quality["issue"] == "observation_revises_baseline"]
    return {(row.indicator_id, row.series, int(row.year)) for row in revised.itertuples() if not pd.isna(row.year)}


def _earlier_releases(context: ReportContext, key: tuple, indicator) -> str:
    """The values earlier releases gave for a year the plan printed, before the one used (2010: the first
    release's 1.76%, before 1.84%), in the order they came out; empty where the one used was the first."""
    words = context.words
    revised = context.quality[(context.quality["issue"] == "observation_revised")
                              & (context.quality["year"].fillna(0) <= context.report_year)]
    found = [row for row in revised.itertuples()
             if not pd.isna(row.year) and (row.indicator_id, row.series, int(row.year)) == key]
    return words.join(amount(indicator, fmt_printed(row.printed_text), words) for row in found)


def _quoted_point(context: ReportContext, finding):
    """The actual value a finding names (its series, year and value), where a secondary source quotes it (a
    newspaper, an article, a book: no release of its publisher's); else None."""
    if getattr(finding, "source_kind", "") != "secondary" or "source_kind" not in context.values.columns:
        return None
    values = context.values
    found = values[(values["indicator_id"] == finding.indicator_id) & (values["series"] == finding.series)
                   & (values["year"] == finding.year) & (values["value_type"] == "actual")
                   & (values["source_kind"] == "secondary")]
    return next(found.itertuples(), None)


def preliminary_note(context: ReportContext) -> str:
    """The preliminary figures up to the report year, named, so no verdict built on one reads as final."""
    words = context.words
    values = context.values
    preliminary = values[(values["value_type"] == "actual") & (values["year"] <= context.report_year)
                         & values["processing"].str.split(";").apply(lambda p: "preliminary" in p)]
    if preliminary.empty:
        return ""
    items = [words.text("summary.preliminary_item", name=_short_name(context, row.indicator_id, row.series),
                        year=year(row.year)) for row in preliminary.itertuples()]
    return words.count_text("summary.preliminary", len(items), items=words.join(items))


#: The order the overview names the statuses of series resting on quoted values in: from done to not done.
QUOTED_ORDER = ("achieved", "met_early", "met_stage_early", "met_unconfirmed", "met_so_far", "stage_achieved",
                "achieved_at_risk", "on_track", "moderate", "overdue", "insufficient", "stage_missed", "moving_away",
                "not_achieved")


def quoted_values(context: ReportContext, row) -> pd.DataFrame:
    """The actual values the series' verdict of the report year rests on (:func:`analysis.clean.quality.rested_on`)
    that a secondary source quotes (a newspaper, an article, a book, a forum, a website), by year; none without a
    verdict."""
    values = context.series_values(row.indicator_id, row.series)
    if "source_kind" not in values.columns:
        return values.iloc[0:0]
    assessment = context.assessment
    resting = rested_on(assessment[(assessment["indicator_id"] == row.indicator_id)
                                   & (assessment["series"] == row.series)], values)
    quoted = values[(values["value_type"] == "actual") & (values["source_kind"] == "secondary")
                    & (values["year"] <= context.report_year)]
    at = [(int(row.indicator_id), row.series, int(y)) in resting for y in quoted["year"]]
    return quoted[pd.Series(at, index=quoted.index, dtype=bool)].sort_values("year", kind="stable")


def secondary_note(context: ReportContext) -> str:
    """The verdicts that rest on values a secondary source quotes, counted by status among the series of that status:
    a report is handed in on the publisher's own releases; "" when every verdict rests on them."""
    words = context.words
    table = context.joined()
    judged = table[(table["verdict"] != "") & (table["status"] != "qualitative")]
    groups: dict[str, list] = {}
    values = 0
    for row in judged.itertuples():
        quoted = quoted_values(context, row)
        values += len(quoted)
        groups.setdefault(shown_status(row), []).append((row, not quoted.empty))
    order = [*QUOTED_ORDER, *sorted(set(groups) - set(QUOTED_ORDER))]
    items, series = [], 0
    for status in (status for status in order if status in groups):
        rows = [row for row, quoted in groups[status] if quoted]
        if not rows:
            continue
        series += len(rows)
        total = len(groups[status])
        key = "summary.secondary_item_all" if len(rows) == total else "summary.secondary_item"
        items.append(words.count_text(key, len(rows), total=total, status=words[f"status_in_sentence.{status}"],
                                      ids=series_ids(pd.DataFrame(rows), words)))
    if not items:
        return ""
    text = words.count_text("summary.secondary", series, items=words.join_and(items),
                            values=words.count_text("summary.secondary_values", values))
    return text[:1].upper() + text[1:]


def _printed_texts(context: ReportContext, value_type: str) -> dict:
    """The printed text of each value of ``value_type`` by (indicator, series, year): a value quoted as printed keeps
    its digits (2.10, never 2.1)."""
    values = context.values[context.values["value_type"] == value_type]
    if "printed_text" not in values.columns:
        return {}
    return {(row.indicator_id, row.series, int(row.year)): row.printed_text for row in values.itertuples()}


def _revisions(context: ReportContext) -> str:
    words = context.words
    revised = context.quality[context.quality["issue"] == "observation_revises_baseline"]
    if revised.empty:
        return ""
    names = context.indicators.set_index(["indicator_id", "series"])
    column = localized_column(context.indicators, "short_name", words.language)
    printed = context.values[context.values["value_type"] == "baseline"].set_index(
        ["indicator_id", "series", "year"])["value"]
    texts = _printed_texts(context, "baseline")
    items, quoted = [], False
    for row in revised.itertuples():
        indicator = names.loc[(row.indicator_id, row.series)]
        key = (row.indicator_id, row.series, int(row.year))
        later = amount(indicator, fmt_printed(row.printed_text, row.value), words)
        point = _quoted_point(context, row)
        if point is not None:  # no published statistic: a secondary source's, named (1.84%, a book's)
            quoted = True
            later = words.text("summary.quoted_value", value=later,
                               reference=publication(point, context.language, words))
        # the year's earlier releases in the same sentence (1.75% printed, 1.76% first released, 1.84% used), never
        # one year's three values spread over two paragraphs
        earlier = _earlier_releases(context, key, indicator)
        items.append(words.text("summary.revision_item" + ("_quoted" if point is not None else "")
                                + ("_between" if earlier else ""),
                                name=names.loc[(row.indicator_id, row.series), column], year=year(row.year),
                                printed=amount(indicator, fmt_printed(texts.get(key, ""), printed.get(key)), words),
                                earlier=earlier, published=later))
    return words.count_text("summary.revisions" + ("_quoted" if quoted else ""), len(items), items=words.join(items))


def finding_label(words: Catalog, finding) -> str:
    """A data-quality finding's label (the card's, the appendix's, the workbook's); a baseline revised by a value a
    secondary source quotes is not said to be revised by a published one."""
    issue = finding.issue
    if issue in QUOTED_LABELS and getattr(finding, "source_kind", "") == "secondary":
        return words[f"quality_issue.{issue}_quoted"]
    return words[f"quality_issue.{issue}"]


#: The findings whose label says the value is published, with another for a value a secondary source quotes.
QUOTED_LABELS = ("observation_revises_baseline",)


# --- the method note and the data note ----------------------------------------------------------------

#: A line break inside a Chinese paragraph of Markdown (a Chinese character or mark on both sides, the next line's
#: indent between): Markdown makes it a space, which Chinese does not put between sentences.
CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
CJK_SOFT_BREAK = re.compile(rf"(?<=[{CJK}])\n[ \t]*(?=[{CJK}])")
#: Any other line break inside a paragraph or a list item of the catalog's Markdown (not before a blank line, a list
#: item or a table row): one space. A break left in the text can break the PDF's line where it is, or next to it.
#: After a full-width mark (。，：) none: Chinese puts no space after its own punctuation.
SOFT_BREAK = re.compile(r"(?<=(\S))[ \t]*\n[ \t]*(?=\S)(?!\d+\.\s|[-*+]\s|\|)")
FULL_WIDTH_MARK = re.compile("[\u3000-\u303f\uff00-\uffef]")


def has_stage_targets(context: ReportContext) -> bool:
    """Whether a series of the plan has a target with a later one after it (a stage target: Weihai's 2023 targets),
    not a level to hold every year."""
    targets = context.values[context.values["value_type"] == "target"]
    directions = context.indicators.drop_duplicates("indicator_id").set_index("indicator_id")["direction"]
    held = targets["indicator_id"].map(directions).isin(HELD_EVERY_YEAR)
    return bool((targets[~held].groupby(["indicator_id", "series"])["year"].nunique() > 1).any())


def stage_verdicts_open(context: ReportContext) -> bool:
    """Whether a series can be judged against a stage target in the report's year: a target of the year or before
    with a later one after the year (the 2023 report; not the final one, after which no target follows)."""
    judged = context.assessment
    return bool((judged["next_target_year"].notna() & (judged["target_year"] <= int(context.report_year))
                 & ~judged["direction"].isin(HELD_EVERY_YEAR)).any())  # a level held every year has no stage


#: The columns whose text a report shows of its indicators, values and findings (with or without a language's suffix):
#: where a term of the method's terms item must be found for the item to explain it.
SHOWN_TEXT = ("category", "name", "short_name", "unit", "note", "reference", "base_source", "detail")


def shown_text(context: ReportContext) -> str:
    """The data text the report shows in its language: its indicators' names, units and categories, its values'
    notes and sources, its findings (read for the words it contains, never as markup)."""
    own = {column for name in SHOWN_TEXT for column in (name, f"{name}_{context.language}")}
    texts = [str(text) for frame in (context.indicators, context.values, context.quality)
             for column in frame.columns if column in own for text in frame[column].dropna() if str(text)]
    return "\n".join(texts)


def terms_item(context: ReportContext) -> str:
    """The method's terms item: each term of the catalog's list one of whose signs the report's own text contains
    (a whole word where the language breaks at spaces: NBS, never inside another word), in the list's order; empty
    where it uses none (the national plan uses no "designated size", Weihai's no "vintage")."""
    words = context.words
    text = shown_text(context)
    edge = r"(?<!\w){}(?!\w)" if words["language.breaks_at_spaces"] else "{}"
    items = [term["text"] for term in words["method.term_items"].values()
             if any(re.search(edge.format(re.escape(sign)), text) for sign in term["signs"])]
    return words.text("method.terms", items=" ".join(items)) if items else ""


def method_note(context: ReportContext, table: bool = True) -> str:
    """The one method note, with the plan's base year, evaluation years and the scheme's cut-offs; the parts on stage
    targets, rates of change and national/provincial pairs only for a plan that has them; the official words'
    paragraph and its table (without the table: ``table`` False, for the Word edition, which lays it out itself)."""
    words = context.words
    years = sorted(int(y) for y in context.plan["evaluations"])
    examples = [words.text("method.example" if i == 0 else "method.example_next", year=y) for i, y in enumerate(years)]
    on_track, moderate, insufficient = SCHEMES[context.scheme]
    stages = has_stage_targets(context)
    rates = context.indicators.drop_duplicates("indicator_id")
    rates = [localized(row, "short_name", context.language)
             for row in rates[rates["kind"] == "rate_of_change"].itertuples()]
    ranks = context.indicators.drop_duplicates("indicator_id")
    ranks = [localized(row, "short_name", context.language) for row in ranks[ranks["kind"] == "rank"].itertuples()]
    if words["language.breaks_at_spaces"]:  # mid-sentence: "the decline …", an acronym kept as it is
        rates, ranks = ([name[:1].lower() + name[1:] if name[1:2].islower() else name for name in names]
                        for names in (rates, ranks))
    paired = context.assessment["indicator_id"].duplicated().any()
    base_year = int(context.plan["base_year"])
    baselines = context.values[context.values["value_type"] == "baseline"]["year"]
    later = sorted({int(y) for y in baselines if y > base_year})  # Weihai's 2021 beside 2020: not the start
    later_baselines = words.text("method.later_baselines", base_year=base_year,
                                 years=words.join_and([str(y) for y in later])) if later else ""
    # and the growth over the plan period, from the last of them, beside the growth from the base year where the two
    # differ materially (:func:`plan_period_pace`)
    later_baselines += words.text("method.plan_pace", last=later[-1], base_year=base_year) if later else ""
    # a growth a year the plan's text requires (a prose check) counts from the table's last baseline, the status and
    # the growth beside it from the base year: both starts, said where the note says what is reported (method, item 7)
    prose = (context.quality["issue"] == "prose_growth").any() and later
    prose_growth = words.text("method.prose_growth", last=later[-1], base_year=base_year) if prose else ""
    parts = {key: words.text(f"method.{key}", on_track=on_track) if stages else ""
             for key in ("stage_verdict", "stage_red", "stage_warning", "stage_same", "stage_early")}
    note = words.text("method.note", base_year=context.plan["base_year"], first_year=years[0],
                      examples=words["method.example_separator"].join(examples),
                      scheme=words[f"explore.schemes.{context.scheme}"], on_track=on_track, moderate=moderate,
                      insufficient=insufficient, **parts,
                      stage_next=words.text("method.stage_next", first_year=years[0]) if stages else "",
                      rate_clause=words.text("method.rate_clause", names=words["grammar.comma"].join(rates))
                      if rates else "",
                      rank_clause=words.text("method.rank_clause", names=words["grammar.comma"].join(ranks))
                      if ranks else "",
                      pairs_clause=words["method.pairs_clause"] if paired else "", later_baselines=later_baselines,
                      prose_growth=prose_growth, terms=terms_item(context),
                      # the plan's own figures, printed in it or quoted from it (figures_from)
                      **{key: words[f"method.{key}"] for key in ("last_baseline", "revised_values", "digits")})
    official = official_rule(context, "method")
    if official:
        below = official_table(context) if table else official_rows(context)[0]
        note = f"{note}\n\n{official}\n\n{below}"
    if not words["language.breaks_at_spaces"]:  # Chinese: a line of the source is no space in the text
        note = CJK_SOFT_BREAK.sub("", note)
    # one line a paragraph or list item: no break inside a sentence
    return SOFT_BREAK.sub(lambda match: "" if FULL_WIDTH_MARK.match(match[1]) else " ", note)


def method_markdown(context: ReportContext) -> str:
    """The method section in Markdown: the catalog's own text and numbers, no data text."""
    return f"## {context.words['sections.method']}\n\n{method_note(context)}"


def data_note(context: ReportContext) -> list[str]:
    """Data currency, the plan text's provenance, the actual values used, and low-evidence series."""
    words, language = context.words, context.language
    numeric = context.assessment[context.assessment["status"] != "qualitative"]
    values = context.values
    actual = values[(values["value_type"] == "actual") & (values["year"] <= context.report_year)]
    # the publications by name, each once (two passages quoted from one book are one source)
    references = sorted({publication(point, language, words) for point in actual.itertuples()})
    latest = numeric["as_of_year"].dropna()
    lines = [words.text("data_note.as_of", as_of=year(latest.max()) if len(latest) else MISSING,
                        report_year=context.report_year)]
    for source in context.plan.get("sources", [])[:1]:
        # the plan's title as the rest of the report gives it (plan.yml), one title per edition
        lines.append(words.text("data_note.source", title=context.plan_text("title") or source["title"],
                                issuer=context.plan_text("issuer") or source["issuer"]))
    if words["data_note.plan_text"]:  # figures typed from a press quote of the plan: said once, here
        lines.append(words["data_note.plan_text"])
    sources = (words.text("data_note.actuals_sources", sources=words.join(references)) if references
               else words["data_note.actuals_none"])
    quoted = int((actual["source_kind"] == "secondary").sum()) if "source_kind" in actual.columns else 0
    lines.append(words.text("data_note.actuals", values=words.count_text("data_note.actuals_values", len(actual)),
                            sources=sources)
                 # a value a newspaper, an article or a book quotes is no publisher's release: how many, said
                 + (words.count_text("data_note.actuals_quoted_all" if quoted == len(actual)
                                     else "data_note.actuals_quoted", quoted) if quoted else ""))
    lines.append(words.text("data_note.low_evidence", count=len(thin_evidence(numeric))
                            + len(single_plan_value(context, numeric))))
    return lines


def index_summary(context: ReportContext) -> dict:
    """What the reports' front page shows of this report: its title, kind, data currency and statuses."""
    words = context.words
    numeric = context.assessment[context.assessment["status"] != "qualitative"]
    currency = numeric["as_of_year"].value_counts().sort_index(ascending=False)
    counts = shown_counts(context.assessment)
    label = context.dataset_label
    items = [words.text("index.currency_item", year=year(y), count=int(n)) for y, n in currency.items()]
    bare = int(numeric["as_of_year"].isna().sum())  # series without any value: said, never left out of the count
    if bare:
        items.append(words.text("index.currency_none", count=bare))
    shown = {s: n for s, n in counts.items() if n and s != "qualitative"}
    return {"title": title(context) + (f" — {label}" if label else ""), "kind": context.kind,
            "plan_title": context.plan_text("title"),
            "currency": words.text("index.currency", items=words["grammar.comma"].join(items)) if items else "",
            "counts": {words.status(s): n for s, n in shown.items()},
            # the same in the report's words, by indicator (定量指标 26 项：已达标 4 项、数据不足 22 项; 23 quantitative
            # indicators: achieved 12, …), the qualitative ones counted after them, never left out: each count a part
            # of its own, which the front page sets on a line of its own
            "counts_parts": index_counts(context, shown)}


def index_counts(context: ReportContext, shown: dict[str, int]) -> list[str]:
    """The front page's statuses by indicator, each count a part of its own: the quantitative ones counted, each
    status with a progress verdict marked so (a final evaluation's 预计未达标 rests on an earlier year's value: not
    final), then the qualitative ones self-rated, then those not assessed yet (["23 quantitative indicators: achieved
    12, … and projected to miss 1 (progress verdict, not final)", "3 qualitative indicators not assessed yet"]),
    never run together ("not achieved 9. 3 qualitative …" read as one number); the counts a list as the language
    writes one (:meth:`~analysis.catalog.Catalog.join_and`), each status as a sentence gives it, as the summary's."""
    words = context.words
    rows = shown_rows(context.assessment)
    items = []
    for status, n in shown.items():
        item = words.text("summary.status_item", status=words[f"status_in_sentence.{status}"], count=n)
        progress = int((rows.loc[rows["_shown"] == status, "verdict"] == "progress").sum()) if "verdict" in rows else 0
        if progress == n:
            item = words.text("index.status_progress", item=item)
        elif progress:
            item = words.count_text("index.status_progress_some", progress, item=item)
        items.append(item)
    parts = [words.count_text("index.quantitative", sum(shown.values()),
                              items=words.join_and(items))] if shown else []
    qualitative = headline_status(context.assessment)
    qualitative = qualitative[qualitative["status"] == "qualitative"]
    rated = sum(bool(qualitative_rating(context, row)) for row in qualitative.itertuples())
    if rated:
        parts.append(words.count_text("index.qualitative_rated", rated))
    if len(qualitative) - rated:
        parts.append(words.count_text("index.qualitative_owed", len(qualitative) - rated))
    return parts

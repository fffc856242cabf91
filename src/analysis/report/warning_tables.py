"""The report's warning list (预警清单, by lead department) and its change since the last report year, as rows.

Which series are warned and how a status change is judged is the method's
(:mod:`analysis.assess.warning_list`); here are the words and the rows every edition shows.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

import pandas as pd

from ..assess.assessment import plan_start_year
from ..assess.warning_list import (
    BEFORE_LEVEL,
    CHANGES_WORST_FIRST,
    MISSED,
    MISSED_AGAIN,
    overdue_behind,
    previous_report_year,
    row_warning_level,
    status_changes,
    warning_list,
)
from ..catalog import Catalog
from ..settings import SCHEMES
from ..vocabulary import HELD_EVERY_YEAR, LOWER_IS_BETTER
from .cards import element_id, gap_text, target_aside
from .context import ReportContext
from .numbers import MISSING, is_missing
from .words import (
    amount,
    amount_alone,
    bare_reading,
    join_and,
    later_target,
    localized,
    missed_years,
    named,
    needed_label,
    not_final,
    one_year_left,
    pace_text,
    qualitative_rating,
    scorecard_note,
    seen_text,
    series_ids,
    series_label,
    stage_verdicts_open,
    status_text,
    target_text,
    value_text,
    year,
    year_aside,
    years_without_value,
)


@dataclass(frozen=True)
class WarningRow:
    """One warned series, as text: what the HTML and the Word report both show."""

    department: str  # the lead department's name (or "no department given")
    indicator_id: str
    anchor: str      # the element id of the series' card
    name: str
    core: bool
    level: str       # red, amber (the colour); ``level_text`` is its name
    level_text: str
    status: str
    status_text: str
    latest: str
    latest_year: str
    target: str
    target_year: str
    gap: str
    pace: str
    seen: str
    status_note: str = ""  # under the status: a final verdict's completion rate, missed years, years without a value
    pace_label: str = ""  # the need's label on a phone, by its kind: "2024年需增长" (a growth), "2024年要求" (a level)
    # under the growth seen since the base year, the plan period's own where the two differ materially ("(since 2021:
    # +14.6%)" under 10's +21.0% in 2024)
    seen_plan: str = ""
    outcome: str = ""  # at a final evaluation, its word in the list's stead of a warning: missed, data_missing
    missing_years: str = ""  # at a final evaluation, the years without a value of a series listed as data missing
    series: str = ""  # national, provincial; empty for an indicator of one series


@dataclass(frozen=True)
class ChangeRow:
    """One series' status in the previous report year and now."""

    indicator_id: str
    anchor: str
    name: str
    core: bool
    status_then: str
    status_then_text: str
    status_now: str
    status_now_text: str
    change: str      # worse, better, same, not_comparable
    change_text: str
    status_then_today: str = ""  # the previous year's status from today's data
    revised_text: str = ""  # what today's data say of the previous year, where a revision changed its verdict
    reason_text: str = ""  # what changed besides the series: no new value, a later target, a verdict now
    bases: tuple[str, ...] = ()  # the kinds of that change (BASIS_KINDS), for the sentence counting them
    series: str = ""  # the series (national, provincial), named with the indicator's number in that sentence
    target_year: str = ""  # the binding target's year now, for a later target that sentence names
    note_text: str = ""  # what the change column says under its word: the basis changed, the earlier years' values
    reason_parts: tuple[str, ...] = ()  # the pieces of ``reason_text``, one of which the sentence above may say once
    note_parts: tuple[str, ...] = ()  # the pieces of ``note_text``
    reason: str = ""  # the assessment's reasons, joined by "+" (:func:`~analysis.assess.warning_list.status_changes`)
    notes: tuple[str, ...] = ()  # its clauses ("no new value", "warned in 2023 (amber)"), a short one kept whole
    values_text: str = ""  # the values then and now, where the value moved against the status ("41.2% → 41.8%")


def final_list(context: ReportContext) -> bool:
    """A final evaluation's list: the target year has come, so the list says what was not completed (未完成, "Target
    missed"), not a warning, which looks forward; the mid-term's and the annual reports' lists warn."""
    return context.kind == "final"


def final_outcome(row) -> str:
    """A listed series' word at a final evaluation: ``missed`` for a verdict on a target year's value short of the
    target; ``data_missing`` for a progress verdict, its target year's value not in (4 provincial: 2.9% in 2022,
    nothing for 2023–2024), which the method still rates on its pace and the list names as data to be supplied."""
    return "missed" if getattr(row, "verdict", "") == "final" else "data_missing"


def level_word(context: ReportContext, row) -> str:
    """A listed series' badge: its warning's colour (红色预警, "Red"), or at a final evaluation its outcome
    (:func:`final_outcome`: 未完成 / "Target missed", 数据缺失 / "Data missing")."""
    words = context.words
    if final_list(context):
        return words[f"warnings.level_final.{final_outcome(row)}"]
    return words[f"warnings.level.{row.level}"]


def warning_title(context: ReportContext) -> str:
    """The list's heading: 预警清单 ("Warning list"), at a final evaluation 未完成目标的指标 ("Targets missed")."""
    return context.words["warnings.title_final" if final_list(context) else "warnings.title"]


def warnings_section(context: ReportContext) -> str:
    """The section's heading, naming the list as its own heading does."""
    return context.words["sections.warnings_final" if final_list(context) else "sections.warnings"]


def listed_series(context: ReportContext) -> pd.DataFrame:
    """The series the list names, by lead department (:func:`warning_list`): the warned ones; at a final evaluation,
    those that missed their target or lack its year's value, the numeric series without any data to judge by among
    them (data missing: the target year has come without them)."""
    return warning_list(context.joined(), unjudged=final_list(context))


def warning_rows(context: ReportContext) -> list[WarningRow]:
    """The warned series of the report year, grouped by lead department (see :func:`listed_series`); at a final
    evaluation, the series that missed their target or lack its year's value (:func:`final_outcome`)."""
    words, language = context.words, context.language
    rows = []
    column_year = one_year_left(context.joined().itertuples())  # the year the need column's header names, if any
    final = final_list(context)
    for row in listed_series(context).itertuples():
        rows.append(WarningRow(
            department=localized(row, "lead_department", language) or words["warnings.no_department"],
            # the table has no unit column: each value carries its unit (2.7%, 24,800人), or in English the name does,
            # a unit a sentence writes out too ("(100 million yuan)" after the name, 158 | 160 | 2 in the cells: "15.8
            # billion yuan" in a value's narrow column broke before "yuan")
            indicator_id=str(row.indicator_id), anchor=element_id(row), name=named(row, words, table=True),
            core=bool(row.core), level=row.level, level_text=level_word(context, row),
            outcome=final_outcome(row) if final else "", series=row.series if isinstance(row.series, str) else "",
            missing_years=years_without_value(row, words) if final and final_outcome(row) == "data_missing" else "",
            status=row.status, status_text=status_text(row, words),
            # as the scorecard's row: the latest value with its year, a level held every year and missed in an
            # earlier year "≥5% (yearly)", the gap with the year missed
            latest=amount(row, value_text(row, row.latest_value, words), words, table=True),
            latest_year=year_aside(row.as_of_year, words),
            target=amount(row, target_text(row, words), words, table=True),
            target_year=target_aside(context, row),
            gap=gap_text(context, row, with_unit=True, table=True),
            pace=pace_text(row, words, column_year, later_target(context, row)),
            # without data to judge by, the printed baselines' pace is no growth seen either (as the card and workbook)
            seen=MISSING if row.status == "insufficient_data" else seen_text(row, words),
            # the plan period's own pace, where it differs materially, is on the card, in the overview and in the
            # workbook: the list's narrow last column cannot hold "（2021年起+0.2个百分点）" whole
            # where the verdict rests on a level read from targets the table prints bare, said so under the status
            status_note=words.join([note for note in (scorecard_note(context, row), bare_reading(context, row))
                                    if note]),
            pace_label=needed_label([row], words, column_year)))
    return rows


def warnings_intro(context: ReportContext, rows: list[WarningRow]) -> str:
    """The sentence saying which series each colour warns ("红色：…；黄色：…") and counting them (or saying there are
    none); the rule for a stage target only for a plan with stage targets."""
    words = context.words
    stages = stage_verdicts_open(context)  # not at a final evaluation, when no stage verdict can be
    on_track = SCHEMES[context.scheme][0]  # on course for the next target: the method's on-track band
    stage = {key: words.text(f"warnings.{key}", on_track=on_track) if stages else ""
             for key in ("intro_stage_red", "intro_stage_amber")}
    final = "_final" if final_list(context) else ""
    if not rows:
        unjudged = int((context.assessment["status"] == "insufficient_data").sum())
        return words.text(("warnings.none_judged" if unjudged else "warnings.none") + final,
                          stage_red=words["warnings.stage_red"] if stages else "") + (
            still_to_supply(context, rows) if final else "") + (
            words.count_text(f"warnings.unjudged{final}", unjudged, status=words.status("insufficient_data"))
            if unjudged else "") + _not_warned(context)
    if final:
        return final_intro(context, rows) + _not_warned(context)
    red, amber = warning_tally(rows).values()
    tally = (words.text("warnings.tally", count=len(rows), red=red, amber=amber) if red and amber
             else words.count_text(f"warnings.tally_{'red' if red else 'amber'}", len(rows)))
    return words.text("warnings.intro", tally=tally, **stage) + _not_warned(context)


def final_intro(context: ReportContext, rows: list[WarningRow]) -> str:
    """A final evaluation's sentence above its list: what each word in it means (only the words it uses: no
    definition of a word nothing is listed by), the series counted by it, and the data still to be supplied
    (:func:`still_to_supply`)."""
    words = context.words
    tally = final_tally(rows)
    parts = words["grammar.comma"].join(words.text(f"warnings.tally_final_part.{outcome}", n=count)
                                        for outcome, count in tally.items() if count)
    kinds_listed = [outcome for outcome, count in tally.items() if count]
    # one outcome for all: "共24个，均为数据缺失" ("24 series, all with data missing"), never "24 series: 24 with …"
    counted = (words.count_text(f"warnings.tally_final_only.{kinds_listed[0]}", len(rows)) if len(kinds_listed) == 1
               else words.text("warnings.tally_final", count=len(rows), parts=parts))
    missing = [row for row in rows if row.outcome == "data_missing"]
    unjudged = any(row.status == "insufficient_data" for row in missing)
    pace = any(row.status != "insufficient_data" for row in missing)
    kinds = ((["missed"] if tally["missed"] else [])
             + (["data_missing" + ("_unjudged" if unjudged else "")] if pace else ["unjudged"] if unjudged else []))
    definitions = words["warnings.definition_final_separator"].join(
        words.text(f"warnings.definition_final.{kind}", year=context.report_year) for kind in kinds)
    return words.text("warnings.intro_final", definitions=definitions,
                      tally=counted,
                      missing=still_to_supply(context, rows))


def still_to_supply(context: ReportContext, rows: list[WarningRow], said: str = "warnings") -> str:
    """A final evaluation's data still to be supplied, by lead department, each named once in the list's order (then
    those owing a qualitative indicator's assessment alone). Under each, in the order of their first indicator: the
    series listed as data missing that lack the same years, said once for them all ("市科技局：指标1、2缺2022—2024年
    数据，指标7缺2024年数据"); those listed without any data to judge by; the qualitative indicators whose department
    has sent no assessment for the report year (not yet assessed); a series the list does not name whose status rests
    on a value before its target year, with that status ("指标26缺2023—2024年数据（达标待确认）"). Where the plan
    names no lead department for any of them, no department is named. Empty when nothing is owed. ``said``: where the
    catalog gives the words for each (the self-evaluation writes an item as its own text does: 指标 4)."""
    words, language = context.words, context.language
    joined = context.joined()
    order = {(str(row.indicator_id), row.series if isinstance(row.series, str) else ""): place
             for place, row in enumerate(joined.itertuples())}  # the plan's order of its series
    # department: (kind, years, status): the series
    owed: dict[str, dict[tuple[str, str, str], list[tuple[int, str]]]] = {}
    for row in rows:
        if row.outcome == "data_missing":
            kind = ("item", row.missing_years, "") if row.missing_years else ("item_none", "", "")
            owed.setdefault(row.department, {}).setdefault(kind, []).append(
                (order.get((row.indicator_id, row.series), len(order)), _listed_id(row, words)))
    listed = {order.get((row.indicator_id, row.series)) for row in rows}
    for place, row in enumerate(joined.itertuples()):
        # a series not listed whose status rests on a value before its target year (达标待确认 on 2022's value): its
        # target year's value is owed as much, said with its status, so a reader knows why it is not counted
        if place not in listed and not_final(row) and (years := years_without_value(row, words)):
            department = localized(row, "lead_department", language) or words["warnings.no_department"]
            kind = ("item_unconfirmed", years, status_text(row, words, "status_in_sentence"))
            owed.setdefault(department, {}).setdefault(kind, []).append((place, _listed_id(row, words)))
    for place, row in enumerate(joined.itertuples()):
        if row.kind == "qualitative" and not qualitative_rating(context, row):
            department = localized(row, "lead_department", language) or words["warnings.no_department"]
            owed.setdefault(department, {}).setdefault(("item_owed", "", ""), []).append((place, str(row.indicator_id)))
    items = []
    for department, groups in owed.items():
        parts = [words.count_text(f"{said}.data_missing_{kind}", len(series), years=years,
                                  ids=join_and(words, [number for _, number in sorted(series)]),
                                  status=status)
                 for (kind, years, status), series in sorted(groups.items(), key=lambda group: min(group[1]))]
        together = words["warnings.data_missing_separator"].join(parts)
        # a plan that names no lead department at all: the series alone, no "Lead department not named:" before them
        alone = list(owed) == [words["warnings.no_department"]]
        items.append(together if alone else words.text("warnings.data_missing_department", department=department,
                                                       items=together))
    return words.text("warnings.data_missing", items=words.join(items)) if items else ""


def _listed_id(row, words: Catalog) -> str:
    """The series' number as the summary names it ("4 省级", "4 provincial"); the number alone for one series."""
    series = row.series if isinstance(row.series, str) else ""
    return str(row.indicator_id) + (words.text("summary.currency_series", series=series_label(series, words))
                                    if series else "")


def final_tally(rows: list[WarningRow]) -> dict[str, int]:
    """A final evaluation's listed series by outcome, targets missed first, as the sentence above its list counts
    them."""
    outcomes = [row.outcome for row in rows]
    return {"missed": outcomes.count("missed"), "data_missing": outcomes.count("data_missing")}


def warning_tally(rows: list[WarningRow]) -> dict[str, int]:
    """The warned series by colour, red then amber, as the sentence above the warning list counts them."""
    levels = [row.level for row in rows]
    return {"red": levels.count("red"), "amber": levels.count("amber")}


def change_counts(rows: list[ChangeRow]) -> dict[str, int]:
    """The series by change of status (worse, better, same, not comparable), as the sentence above the table of
    changes counts them."""
    changes = [row.change for row in rows]
    return {change: changes.count(change) for change in CHANGES_WORST_FIRST}


def _not_warned(context: ReportContext) -> str:
    """The series rated "moderate" (需加快), which the method does not warn: named, so that a reader who finds one
    in the summary and not in the list knows why."""
    words = context.words
    moderate = context.joined()
    moderate = moderate[moderate["status"] == "moderate"]
    moderate = moderate[[not overdue_behind(row) for row in moderate.itertuples()]]  # warned: no time to accelerate
    if moderate.empty:
        return ""
    return words.count_text("warnings.moderate", len(moderate), ids=series_ids(moderate, words),
                            status=words.status("moderate"))


def department_label(context: ReportContext, rows: list[WarningRow], department: str) -> str:
    return context.words.text("warnings.department", department=department,
                              count=sum(row.department == department for row in rows))


def change_rows(context: ReportContext) -> tuple[int | None, list[ChangeRow]]:
    """The previous report year and each numeric series' status then and now, worse first (None: no previous)."""
    words = context.words
    previous = previous_report_year(context.plan["report_years"], context.report_year)
    if previous is None:
        return None, []
    changes = status_changes(context.tables.assessment, context.report_year, previous, context.published_previous)
    changes = changes[changes["status_now"] != "qualitative"]
    names = context.joined().drop(columns=["status"])
    # each year's status as its own report shows it (a stage target met: 已达阶段目标), from today's data
    shown = {year_: {(row.indicator_id, row.series): status_text(row, words) for row in
                     context.tables.assessment[context.tables.assessment["report_year"] == year_].itertuples()}
             for year_ in (previous, context.report_year)}
    # and, where a year's status rests on an earlier year's value, that year (a 2014 status from 2013's rank), said
    # under the change as the scorecard dates its latest value: the status columns stay narrow
    as_of = {year_: {(row.indicator_id, row.series): int(row.as_of_year) for row in
                     context.tables.assessment[context.tables.assessment["report_year"] == year_].itertuples()
                     if row.status not in ("insufficient_data", "qualitative") and not is_missing(row.as_of_year)
                     and int(row.as_of_year) < year_}
             for year_ in (previous, context.report_year)}
    # the series the previous report warned amber (a stage target met on a course short of the next target, a pace
    # too slow) whose status is worse now: the warning borne out, said, so that a reader of both reports sees it was
    # foreseen (a red one was already failing then: nothing foreseen to say)
    warned = {(row.indicator_id, row.series) for row in
              context.tables.assessment[context.tables.assessment["report_year"] == previous].itertuples()
              if row_warning_level(row) == "amber"}
    # the value each series' previous status rests on, from today's data: said where it moved against the status
    judged = {(row.indicator_id, row.series): row.latest_value for row in
              context.tables.assessment[context.tables.assessment["report_year"] == previous].itertuples()}
    rows = []
    for row in changes.merge(names, on=["indicator_id", "series"], how="left", sort=False).itertuples():
        key = (row.indicator_id, row.series)
        foreseen = (words.text("warnings.warned_then", year=previous)
                    if row.change == "worse" and key in warned and row.status_then == row.status_then_today else "")
        # a level held every year missed in a year judged then too: both statuses rest on that year, whatever the
        # years since (18: 4.6 in 2023; 5.3 in 2024 meets the level, "not achieved" both times), said so that a
        # reader does not look for a second year missed
        missed = [when for when in missed_years(row) if int(when) <= previous]
        stands = (words.text("warnings.missed_stands", years=join_and(words, missed))
                  if row.change == "same" and row.status_then == row.status_now == "not_achieved" and missed
                  and row.status_then == row.status_then_today else "")
        then_today = shown[previous].get(key, words.status(row.status_then_today))
        then = then_today if row.status_then == row.status_then_today else words.status(row.status_then)
        status_then = row.status_then
        if BEFORE_LEVEL in str(row.reason or "").split("+"):
            # a level to hold every year, rated in a year before the plan sets it (17 and 18 in 2022): no verdict,
            # in the heat map's words, mark and grey ("当年无要求‡"), the row's note saying when the level applies
            then = words.text("chart.heatmap_marked", text=words["chart.heatmap_before_level_word"],
                              mark=words["chart.heatmap_before_level_mark"])
            status_then = "insufficient_data"
        rows.append(ChangeRow(
            # a unit a sentence writes out named with the series, as the warning list names it (Technology contracts
            # traded (100 million yuan)): the row's numbers as the plan prints them (158, 23)
            indicator_id=str(row.indicator_id), anchor=element_id(row), name=_change_name(row, words),
            core=bool(row.core), status_then=status_then, status_then_text=then,
            status_now=row.status_now,
            status_now_text=shown[context.report_year].get(key, words.status(row.status_now)),
            change=row.change, change_text=_change_text(row, words),
            status_then_today=row.status_then_today,
            revised_text=words.text("warnings.revised_then", status=then_today)
            if row.status_then_today != row.status_then else "",
            reason_text=words.join(reasons := _change_reasons(row, words, previous)), bases=_bases(row.reason),
            series=row.series, target_year=year(row.target_year), reason_parts=tuple(reasons), reason=row.reason,
            values_text=(values := _values_against(row, judged.get(key), words)),
            note_parts=(notes := tuple(text for text in (
                *_with_values(reasons, values, words), *_dated(as_of[previous].get(key), as_of[context.report_year].get(
                    key), previous, context.report_year, words), foreseen, stands) if text)),
            notes=notes, note_text=words.join(notes)))
    # the basis most rows share, said once in the sentence above the table (:func:`common_reason`): left out of
    # their notes, which name the exceptions only (a row's values kept, their reason said above)
    common = common_reason(rows, words)
    if common:
        said = {words.text("warnings.change_values_because", values=row.values_text, reason=common): row.values_text
                for row in rows if row.values_text}
        rows = [replace(row, notes=(kept := tuple(said.get(part, part) for part in row.note_parts if part != common)),
                        note_text=words.join(kept))
                if common in row.reason_parts else row for row in rows]
    # within "the same", the rows that read alike together: "missed both times" before the others, never split by
    # them
    unchanged = words["warnings.change.same"]
    rows.sort(key=lambda row: (CHANGES_WORST_FIRST.index(row.change), row.change_text == unchanged,
                               row.change_text if row.change == "same" else ""))
    return previous, rows


def common_reason(rows: list[ChangeRow], words: Catalog) -> str:
    """The basis more than half the listed rows (and at least three) share, word for word ("rated on its pace then,
    now judged on the 2023 stage target" at a mid-term): said once above the table, not in each row; "" for none.
    Never "no new value", a fact of the data, not a basis, which its rows keep."""
    listed = listed_changes(rows)
    shared = Counter(part for row in listed for part in row.reason_parts
                     if part != words["warnings.change_reason.no_new_value"]).most_common(1)
    if not shared:
        return ""
    part, count = shared[0]
    return part if count >= 3 and 2 * count > len(listed) else ""


def _change_text(row, words: Catalog) -> str:
    """How the change reads: worse, better, unchanged, one word for each, as the sentence above the table counts
    them; of the unchanged, a target missed in both reports says so (“两次均未达到”: a stage target missed, the next
    one too), counted among them."""
    if row.change == "same" and (MISSED_AGAIN in str(row.reason or "").split("+")
                                 or missed_twice(row.status_then, row.status_now)):
        return words["warnings.change_same.missed_again"]
    return words[f"warnings.change.{row.change}"]


def missed_twice(then: str, now: str) -> bool:
    """A target missed in both reports: each status a verdict short of a target (:data:`MISSED`: a stage target
    missed, not achieved), "missed both times" whether the words are the same (18: not achieved in 2023 and 2024) or
    not; a rating of the pace (moving away both times, 4 provincial) is no miss."""
    return then in MISSED and now in MISSED


def without_data_both_years(row: ChangeRow) -> bool:
    """A series without the data for a status in either year (and no revision that gave it one then): nothing to
    compare, told in the sentence above the table (:func:`changes_intro`), not in a row of its own."""
    return row.status_then == row.status_now == "insufficient_data" and not row.revised_text


def listed_changes(rows: list[ChangeRow]) -> list[ChangeRow]:
    """The rows the table of changes lists: all but those :func:`without_data_both_years`."""
    return [row for row in rows if not without_data_both_years(row)]


#: The kinds of basis a status can change on besides the series' move, as the sentence counting them names them, in
#: its order: each raw reason of the assessment by the kind it is.
BASIS_KINDS = {"no_new_value": "no_new_value", "target_changed": "later_target", "now_final": "verdict",
               "now_complete": "verdict"}


def _bases(reason) -> tuple[str, ...]:
    reasons = str(reason or "").split("+")
    return tuple(dict.fromkeys(BASIS_KINDS[r] for r in reasons if r in BASIS_KINDS))


def _values_against(row, then, words: Catalog) -> str:
    """The values then and now of a series whose value moved one way and its status the other ("41.2% → 41.8%": up,
    yet worse against a later target; down, yet better), in the series' unit as the row names its target; "" for a
    status that moved with its value, did not move, or a series without a better side (a range)."""
    if row.change not in ("worse", "better") or is_missing(then) or is_missing(row.latest_value):
        return ""
    if row.latest_value == then or row.direction not in ("higher", "at_least", *LOWER_IS_BETTER):
        return ""
    improved = (row.latest_value < then) == (row.direction in LOWER_IS_BETTER)
    if improved == (row.change == "better"):
        return ""
    before = _table_amount(row, value_text(row, then, words), words)
    after = _table_amount(row, value_text(row, row.latest_value, words), words)
    number, _, unit = before.partition(" ")
    if words["warnings.change_values_unit_once"] and unit and after.endswith(" " + unit):
        before = number  # the same words after both numbers (billion yuan, enterprises): said once, after the later
    return words.text("warnings.change_values", then=before, now=after)


def _change_name(row, words: Catalog) -> str:
    """A series' name in the change table: its short name, with its unit where a sentence writes its amounts out
    (:meth:`~analysis.catalog.Catalog.writes_out`), whose numbers the row then gives as printed (:func:`_table_amount`).
    """
    name = localized(row, "short_name", words.language)
    return named(row, words, table=True) if words.writes_out(localized(row, "unit", words.language)) else name


def _table_amount(row, number: str, words: Catalog) -> str:
    """An amount in a change's note, as a table gives it: in its unit where that is a word after the number (120
    institutions, 42%, 120个), as printed where a sentence would write it out (158, 23: never "15.8 billion yuan",
    "230,000 yuan per worker"), its unit then beside the series' name (:func:`_change_name`)."""
    if words.writes_out(localized(row, "unit", words.language)):
        return amount(row, number, words, table=True)
    return amount_alone(row, number, words)


def _with_values(reasons: list[str], values: str, words: Catalog) -> list[str]:
    """A row's reasons with its values (:func:`_values_against`) before the first, as one clause: the values and
    why the status moved against them ("41.2% → 41.8%, now against the 2024 target (42%)")."""
    if not values:
        return reasons
    if not reasons:
        return [values]
    return [words.text("warnings.change_values_because", values=values, reason=reasons[0]), *reasons[1:]]


def _dated(then: int | None, now: int | None, previous: int, report_year: int, words) -> list[str]:
    """The years of the values a row's statuses rest on, where earlier than their report years ("2014: from 2013's
    value"; both from one year's, said once), each a clause."""
    if then is not None and then == now:
        return [words.text("warnings.as_of_both", year=year(then))]
    return [words.text("warnings.as_of", status_year=year(status_year), year=year(data))
            for status_year, data in ((previous, then), (report_year, now)) if data is not None]


def _change_reasons(row, words, previous: int) -> list[str]:
    """What changed besides the series, each a clause: no value since the previous review, a later binding target
    ("no new value", "now against the 2024 target (120)"), a verdict where a rating of the pace was, or the next
    target missed as the stage target was ("the 2024 target (42%) missed as well")."""
    reasons = row.reason.split("+")
    if BEFORE_LEVEL in reasons:  # nothing else to say: the two statuses are not compared
        held_from = getattr(row, "held_from", float("nan"))
        return [words.text("warnings.change_reason.before_level", previous=year(previous),
                           first=year(held_from) if not is_missing(held_from) else "",
                           mark=words["chart.heatmap_before_level_mark"])]
    said = []
    if "no_new_value" in reasons:
        said.append(words["warnings.change_reason.no_new_value"])
    if MISSED_AGAIN in reasons:
        # the target as the table's numbers are given, its unit with the series' name where the language writes
        # it there (Technology contracts traded (100 million yuan): the 2024 target (160))
        # against a later target of another value (2.7 then, 2.8 now): said so, as a row whose basis changed
        said.append(words.text("warnings.change_reason.missed_again" + ("_later" if "target_changed" in reasons
                                                                         else ""), year=year(row.target_year),
                               target=_table_amount(row, target_text(row, words), words)))
    if "target_changed" in reasons and MISSED_AGAIN not in reasons:  # the target named once, as missed again
        said.append(words.text("warnings.change_reason.later_target", year=year(row.target_year),
                               target=_table_amount(row, target_text(row, words), words)))
    # no status then (insufficient data), one now: said, as the sentence above the table speaks of a verdict then
    no_data = row.status_then == "insufficient_data" and row.status_now not in ("insufficient_data", "qualitative")
    if "now_final" in reasons or (no_data and getattr(row, "verdict", "") == "final"):
        # a stage target (a later one follows) is checked, not finally judged (method, item 1)
        stage = not is_missing(getattr(row, "next_target_value", float("nan")))
        # a level to hold every year, checked in a year with a later one to hold: no stage target, the year's level
        held = stage and getattr(row, "direction", "") in HELD_EVERY_YEAR
        kind = "held" if held else "stage" if stage else "final"
        said.append(words.text(f"warnings.change_reason.{'no_data' if no_data else 'now'}_{kind}",
                               year=year(row.target_year)))
    elif no_data:
        said.append(words["warnings.change_reason.no_data"])
    if "now_complete" in reasons:
        # a level held every year: the final verdict rests on every year it is held in, not on the last one's value
        held_from = getattr(row, "held_from", float("nan"))
        first = year(held_from) if not is_missing(held_from) else year(row.target_year)
        said.append(words.text("warnings.change_reason.now_complete", year=year(row.target_year), first=first,
                               previous=previous))
    return said


def warning_headers(context: ReportContext) -> list[str]:
    """The warning list's column headers, the growth seen with the year it is measured from ("Change a year since
    2020"), as the cards label it: a reader comparing it with a growth counted from another year sees which is
    which."""
    # what each series needs, as the scorecard heads it ("2024年需增长" with one year left to every target)
    needed = needed_label(context.joined().itertuples(), context.words)
    headers = [header.format(base_year=context.plan["base_year"], needed=needed)
               for header in context.words["warnings.headers"]]
    if final_list(context):  # the outcome, no warning, in the badge's column (:func:`level_word`)
        headers[2] = context.words["warnings.level_header_final"]
    return headers


def warnings_note(context: ReportContext) -> str:
    """The note under the warning list: its last column holds growth rates (%) and changes of a series in % (points
    a year) under one heading, each said once here."""
    return context.words.text("warnings.seen_note", base_year=context.plan["base_year"])


def earlier_kind(context: ReportContext, previous: int) -> str:
    """What the earlier year of a change was: one of the plan's evaluations (``mid_term``, ``final``), or a year of
    annual monitoring (``annual``), whose status is worked out now from today's data: no assessment of it need have
    been published, so it is never called one."""
    return context.plan["evaluations"].get(str(previous), "annual")


def earlier(context: ReportContext, previous: int) -> str:
    """The earlier year of a change named by what it was: "the 2023 mid-term evaluation", "the 2022 status as
    today's data give it"."""
    return context.words.text(f"warnings.earlier.{earlier_kind(context, previous)}", year=previous)


def changes_heading(context: ReportContext, previous: int) -> str:
    return context.words.text(f"warnings.changes_title.{earlier_kind(context, previous)}", year=previous)


def changes_intro(context: ReportContext, previous: int, rows: list[ChangeRow]) -> str:
    """The sentence counting the changes, against the statuses the previous report published when its data differ
    from today's, and the published verdicts a revision changed."""
    words = context.words
    published = context.published_previous is not None
    text = ""
    counts: dict = change_counts(rows)
    # none not comparable: no "0 not comparable" clause; each kind with its number where there are two
    counts["not_comparable"] = _not_comparable(context, previous, rows) if counts["not_comparable"] else ""
    key = "warnings.changes_intro_published" if published else "warnings.changes_intro"
    # none worse and none better: said so, never "0 worse, 0 better"
    none = not counts["worse"] and not counts["better"]
    # each count as a number, or the word for none: "no series has worsened", "none improved"; one in the singular
    # ("1 series has worsened"); the same status under another word (a rating of the pace then borne out by a verdict
    # now) is consistent with the earlier rating too, counted with it
    counts.update({change: words.text(f"warnings.changes_count.{change}"
                                      + {0: "_zero", 1: "_one"}.get(counts[change], ""), n=counts[change])
                   for change in ("worse", "better", "same")})
    # a target missed in both reports, by the same word or not, "missed both times", each named (:func:`missed_twice`)
    missed = [row for row in rows if row.change == "same"
              and row.change_text == words["warnings.change_same.missed_again"]]
    if missed:
        kind = words.text("warnings.changes_count.same_kind", kind=words["warnings.changes_count.kinds.missed_again"],
                          n=len(missed)) + words.count_text("warnings.changes_count.missed_ids", len(missed),
                                                            ids=_changed_ids(missed, words))
        counts["same"] = words.text("warnings.changes_count.same_of_which", same=counts["same"], kinds=kind)
    text += words.text(key + ("_none" if none else ""), year=previous, earlier=earlier(context, previous), **counts)
    # the table compares ratings, not values: said once above it, with why a row gives its values where one does
    # (41.2% → 41.8%, a worse status)
    listed = listed_changes(rows)
    if listed:
        text += words["warnings.changes_ratings" + ("_values" if any(row.values_text and row.change == "worse"
                                                                         for row in listed) else "")]
    start = plan_start_year(context.values)
    if start is not None and previous < start:  # a year of the plan's printed baselines, before its period
        # a baseline of that year that published data revised (R&D personnel 2021: 23,000 printed, 23,150
        # published) is used as revised: said, never "the baselines the plan prints" alone
        quality = context.quality
        revised = not quality[(quality["issue"] == "observation_revises_baseline")
                              & (pd.to_numeric(quality["year"], errors="coerce") == previous)].empty
        text += words.text("warnings.changes_before_plan" + ("_revised" if revised else ""), year=previous,
                           start=start)
    # one short sentence on the bases: the one most rows share, said once (the column's notes naming only the others),
    # or that the column names each basis that moved (a later target, a verdict where a rating of the pace was; no new
    # value is a fact of the data, no basis, its row says it); the table lists the worse first, its order says so
    common = common_reason(rows, words)
    if common:
        text += words.text("warnings.changes_column_common", reason=common)
    elif any(set(row.bases) - {"no_new_value"} for row in rows):
        text += words["warnings.changes_column"]
    # each by its series, as a count of series is listed (4 国家级、4 省级), never 24 series listed as 22 numbers
    unlisted = [row for row in rows if without_data_both_years(row)]
    if unlisted:
        text += words.count_text("warnings.changes_unlisted", len(unlisted), ids=_changed_ids(unlisted, words))
    revised = [row for row in rows if row.revised_text]
    if revised:
        items = [words.text("warnings.revised_item", name=row.name, then=row.status_then_text,
                            today=words.status(row.status_then_today)) for row in revised]
        text += words.count_text("warnings.revised", len(revised), year=previous, items=words.join(items))
    return text


def _not_comparable(context: ReportContext, previous: int, rows: list[ChangeRow]) -> str:
    """The clause counting the series whose statuses cannot be compared: for want of data (a status without a verdict),
    or a level to hold every year rated in ``previous`` before the first year the plan sets it for (named)."""
    words = context.words
    incomparable = [row for row in rows if row.change == "not_comparable"]
    early = [row for row in incomparable if BEFORE_LEVEL in row.reason.split("+")]
    kinds = {"insufficient_data": words["warnings.not_comparable_kind.insufficient_data"]} if len(early) < len(
        incomparable) else {}
    if early:
        kinds["before_level"] = words.count_text("warnings.not_comparable_kind.before_level", len(early),
                                                 ids=_changed_ids(early, words), year=year(previous))
    counted = {"insufficient_data": len(incomparable) - len(early), "before_level": len(early)}
    why = next(iter(kinds.values())) if len(kinds) == 1 else words["grammar.comma"].join(
        words.text("warnings.changes_count.same_kind", n=counted[kind], kind=text) for kind, text in kinds.items())
    return words.text("warnings.changes_not_comparable", count=len(incomparable), why=why)


def _changed_ids(others: list[ChangeRow], words: Catalog) -> str:
    """Series by their indicators' numbers in the plan's order ("3", "8、14、16、21"): the sentences saying whose basis
    moved name them, never "the series" alone."""
    keys = dict.fromkeys((row.indicator_id, row.series) for row in others)
    ordered = sorted(keys, key=lambda key: (int(re.match(r"\d*", str(key[0]))[0] or 0), str(key[0])))
    return series_ids(pd.DataFrame(ordered, columns=["indicator_id", "series"]), words)


def changes_headers(context: ReportContext, previous: int) -> list[str]:
    return [h.format(year=previous, report_year=context.report_year) for h in context.words["warnings.changes_headers"]]

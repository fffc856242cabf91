"""An indicator card for each series: its full name, the facts under it, its numbers and its notes, as text.

A card's element id is ``indicator-<id>`` or ``indicator-<id>-<series>`` (``indicator-4-national``);
the scorecard and the warning list link each name to its card. Its chart is
:func:`analysis.report.charts.card_chart`; every edition lays the card out from these pieces.
"""
from __future__ import annotations

import re

import pandas as pd

from ..assess.assessment import plan_start_year
from ..assess.rates import direction_sign
from ..assess.warning_list import overdue_behind
from ..ingest.plan_outline import place_of
from ..vocabulary import HELD_EVERY_YEAR
from .context import ReportContext
from .numbers import MISSING, fmt_number, fmt_pct, half_up, is_missing
from .words import (
    amount,
    amount_alone,
    course_text,
    difference,
    finding_label,
    is_percent,
    judged_yearly,
    later_target,
    localized,
    missed_levels,
    missed_years,
    needed_label,
    not_final,
    note_in,
    pace_text,
    plan_outline_of,
    plan_period_move,
    plan_seen_text,
    projected_shown,
    projection_shown,
    prose_growth_implied,
    qualitative_state,
    quoted_values,
    rate_text,
    reference_in,
    seen_text,
    stage_course,
    status_text,
    target_text,
    value_text,
    year,
    year_aside,
    year_left,
    years_without_value,
)

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def card_id(row) -> str:
    """``card-4-national``: the name of the card's chart; the card's element id is ``indicator-4-national``."""
    return f"card-{row.indicator_id}" + (f"-{row.series}" if row.series else "")


def element_id(row) -> str:
    """``indicator-4-national``: where a series' card is, for the links of the scorecard and the warning list."""
    return "indicator-" + card_id(row)[len("card-"):]


def numeric_rows(context: ReportContext) -> list:
    table = context.joined()
    return list(table[table["status"] != "qualitative"].itertuples())


def series_values(context: ReportContext, row) -> pd.DataFrame:
    return context.series_values(row.indicator_id, row.series)


def actuals(context: ReportContext, row) -> pd.DataFrame:
    """The series' actual values up to the report year, each with the number of its source."""
    series = series_values(context, row)
    actual = series[(series["value_type"] == "actual") & (series["year"] <= context.report_year)]
    actual = actual.sort_values("year", kind="stable")
    references = list(dict.fromkeys(actual["reference"]))
    return actual.assign(mark=[CIRCLED[references.index(r) % len(CIRCLED)] for r in actual["reference"]])


def card_numbers(context: ReportContext, row) -> list[tuple[str, str]]:
    """The card's numbers: (label, value) pairs, from the baseline to the pace seen and the projection."""
    words = context.words
    labels = words["card"]
    unit = localized(row, "unit", context.language)
    # without a base value, the plan's base year it lacks; without a value at all, no year to name
    base_year = context.plan["base_year"] if is_missing(row.base_year) else row.base_year
    latest = labels["latest_none"] if is_missing(row.as_of_year) else labels["latest"].format(year=year(row.as_of_year))
    rows = [(labels["base"].format(year=year(base_year)), value_text(row, row.base_value, words)),
            (latest, value_text(row, row.latest_value, words))]
    if years_without_value(row, words):  # the verdict and the pace rest on an older value than the report year's
        rows.append((words.count_text("card.no_value", int(row.report_year) - int(row.as_of_year)),
                     years_without_value(row, words)))
    rows.append((labels["target"].format(year=year(row.target_year)), target_text(row, words)))
    other = series_values(context, row)
    other = other[(other["value_type"] == "target") & (other["year"] != row.target_year)].sort_values("year")
    for target in other.itertuples():
        rows.append((labels["other_target"].format(year=year(target.year)),
                     target_text(row, words, target.value, target.upper)))
    if missed_years(row):  # a target to hold every year, missed in these years: the reason it is not achieved
        rows.append((words.count_text("card.missed", len(missed_years(row))),
                     words.join(words.text("card.missed_year", year=missed,  # 2023 (4.6%)
                                           value=amount(row, value_text(row, value, words), words))
                                for missed, value in _values_in(context, row, missed_years(row)))))
    if row.verdict == "final" and row.kind != "rank":  # a place is reached or not: no share of a target
        # a level held every year: the rate is the last year's alone (over 100 % beside "not achieved" after a year
        # missed), labelled so whether a year was missed or not (17 and 18 alike)
        label = (labels["completion_rate_year"].format(year=year(row.as_of_year)) if judged_yearly(row)
                 else labels["completion_rate"])
        rows.append((label, rate_text(row.completion_rate)))
    # without a verdict (insufficient data: the printed baselines alone, its target year come), no gap nor progress:
    # a printed 2021 value held against the 2024 target is no shortfall of the plan period
    judged = row.status != "insufficient_data"
    # the gap in the unit of the card's values: 0.1 pp, and 2 as 158 is, in 100 million yuan (never "200 million
    # yuan" beside a latest 158)
    if judged and not is_missing(row.gap) and row.gap > 0:
        rows.append((labels["gap"], difference(row, fmt_number(row.gap), words, table=True)))
    elif judged and missed_gap(context, row) is not None:  # met now, short in a year missed: that year's, as the
        rows.append((labels["gap"], gap_text(context, row, with_unit=True, table=True)))  # 0.4 pp (2023)
    if judged and not is_missing(row.completion):
        # both measured to the latest value: its year said where it is older than the report's (−100% / 50% of 4
        # provincial in the 2024 final is 2022's, not the plan's end)
        older = not is_missing(row.as_of_year) and row.as_of_year < context.report_year
        # a stage target, a later one after it (a mid-term's 2023 target, 2024's to come): which, said
        stage = bool((other["year"] > row.target_year).any())
        pair = f"{fmt_pct(row.completion, 0).lstrip('+')} / {fmt_pct(row.time_elapsed, 0).lstrip('+')}"
        rows.append((labels["completion"],
                     words.text("card.completion_stage" + ("_older" if older else ""), value=pair,
                                year=year(row.target_year), as_of=year(row.as_of_year)) if stage
                     else pair + (year_aside(row.as_of_year, words) if older else "")))
    # a place moves, not grows; "Needed in 2024" with one year left, its need then without "2024 target:" again
    # (a growth, a target met already, a level to hold), as the scorecard gives it
    named = year_left(row)
    # the years a level held every year missed are a row of their own above: never again in brackets after the level
    # ("at least 5% (missed in | 2023)" in a card's narrow column)
    pace = pace_text(row, words, named, later_target(context, row), missed=not missed_years(row))
    if pace != MISSING:  # none once the target's year has come (a final verdict without a later target): no "—" row
        rows.append((labels["needed_rank"] if row.kind == "rank" else needed_label([row], words, named), pace))
    if judged and seen_text(row, words) != MISSING:
        # from the base value on, which a prose's promise or a turn in the plan period may count otherwise
        # a rank's change is in places a year already ("up 0.6 places a year"), not "per year … a year"
        seen = labels["seen_rank" if row.kind == "rank" else "seen"]
        rows.append((seen.format(year=year(base_year)), seen_text(row, words)))
        if plan_seen_text(row, words):  # the plan period's own pace beside it, where the two differ materially (10 in
            # 2024: +21.0% since 2020, +14.6% since 2021, 2021 having jumped before the plan began)
            seen = labels["seen_plan_rank" if row.kind == "rank" else "seen_plan"]
            rows.append((seen.format(year=year(row.since_year)), plan_seen_text(row, words)))
    if projection_shown(row):
        rows.append((labels["projected"].format(year=year(row.target_year)),
                     value_text(row, projected_shown(row), words)))
    return [(label.format(unit=unit), value) for label, value in rows]


def _values_in(context: ReportContext, row, years: list[str]) -> list[tuple[str, float]]:
    """The series' value in each of ``years`` (an actual value before a printed baseline), as the assessment read it."""
    values = series_values(context, row)
    points = values[values["value_type"].isin(["actual", "baseline"])].sort_values(
        "value_type", key=lambda kind: kind.map({"actual": 0, "baseline": 1}), kind="stable")
    first = points.drop_duplicates("year").set_index("year")["value"]
    return [(missed, first.get(int(missed), float("nan"))) for missed in years]


def held_before_first(context: ReportContext, row) -> str:
    """A level to hold every year: the plan period's values before the first year the plan sets the level for, which
    are not judged against it, said so a reader of the chart (17: 89.5 in 2022 under the ≥90 line, set from 2023)
    does not take them for a year missed; "" for any other series."""
    start = plan_start_year(context.values)
    if row.direction not in HELD_EVERY_YEAR or start is None:
        return ""
    values = series_values(context, row)
    targets = values.loc[values["value_type"] == "target", "year"]
    if targets.empty:
        return ""
    first = int(targets.min())
    before = [(when, value) for when, value in _values_in(context, row, [str(y) for y in range(start, first)
                                                                          if y <= context.report_year])
              if not is_missing(value)]
    if not before:
        return ""
    words = context.words
    # a report before that first year rates the value against the first year's level, as its status says (18: 5.2 in
    # 2022 "already met" against 2023's ≥5), a comparison and not a verdict: said as such, never "not judged" beside
    # the status that compares it
    key = "card.held_before_first" if context.report_year >= first else "card.held_before_first_rated"
    # the years as one subject of the sentence: 2021年（88%）、2022年（89.5%）早于…, 2021 (88%) and 2022 (89.5%): …
    return words.text(key, first=year(first), values=words.join_and(
        words.text("card.missed_year", year=when, value=amount(row, value_text(row, value, words), words))
        for when, value in before))


def missed_year_values(context: ReportContext, row) -> list[tuple[str, float]]:
    """A level to hold every year: each year it missed with its value (18: [("2023", 4.6)]); [] for any other."""
    return _values_in(context, row, missed_years(row)) if missed_years(row) else []


def missed_gap(context: ReportContext, row) -> tuple[float, str] | None:
    """A level to hold every year, missed in an earlier year and met in the latest: the largest shortfall of a year
    missed, and that year (18: 5 - 4.6 = 0.4 in 2023), the gap its "not achieved" rests on; None for any other
    (a gap of the latest value is the gap then)."""
    if not missed_years(row) or (not is_missing(row.gap) and row.gap > 0):
        return None
    # each year against the level it was judged by then (90 in 2022 beside a 2024 level of 92)
    levels = {when: row.target_value if is_missing(level) else level for when, level in missed_levels(row)}
    d = direction_sign(row.direction)
    shortfalls = [(d * (levels[missed] - value), missed)
                  for missed, value in _values_in(context, row, missed_years(row)) if not is_missing(value)]
    shortfalls = [(round(gap, 10), missed) for gap, missed in shortfalls if gap > 0]
    return max(shortfalls, key=lambda item: item[0]) if shortfalls else None


def target_aside(context: ReportContext, row) -> str:
    """A scorecard's (or warning list's) target's aside: the binding target's year ("（2024年）", " (2024)"), or, for
    a level to hold every year whose gap is an earlier year's (:func:`missed_gap`) and which is one level throughout,
    that it holds every year ("≥5 (yearly)" for 18 at the final, 4.6 in 2023 missing it): beside the latest value
    and its year (5.3 (2024)) and the gap with the year missed ("0.4 pp (2023)"), never a year that reads as the
    latest value's. A level that changed over the years (90 in 2022, 92 in 2024) keeps its year."""
    words = context.words
    return words["scorecard.each_year_aside"] if held_missed_earlier(context, row) else year_aside(row.target_year,
                                                                                                     words)


def held_missed_earlier(context: ReportContext, row) -> bool:
    """Whether ``row`` is a level to hold every year, one level throughout, whose gap is an earlier year's
    (:func:`missed_gap`: 18 at the final, ≥5 missed in 2023 with 4.6, met in 2024 with 5.3)."""
    return (row.status != "insufficient_data" and is_missing(getattr(row, "level_first", float("nan")))
            and missed_gap(context, row) is not None)


def gap_text(context: ReportContext, row, with_unit: bool = False, table: bool = False) -> str:
    """A scorecard's gap: the latest value's to the binding target, or, for a level to hold every year missed in an
    earlier year, that year's (:func:`missed_gap`: "0.5 (2022)"); "—" when none is short, or without a verdict
    (insufficient data: a printed baseline against the target is no shortfall of the plan period). A gap in % is in
    percentage points (0.1个百分点, 0.1 pp: never a bare 0.1 beside a unit of %); ``with_unit`` (a table without a
    unit column), any gap in its unit (20家), and with ``table`` as its values are (:func:`~.words.amount`: 2 beside
    the name's "(100 million yuan)", never "200 million yuan"). An English count's gap stays bare in a narrow
    column: "20 enterprises" in the warning list's gap column overflowed the printed cell and the phone's table."""
    if row.status == "insufficient_data":
        return MISSING
    words = context.words

    def shown(gap: float) -> str:
        number = fmt_number(gap)
        return difference(row, number, words, table) if with_unit or is_percent(row) else number

    if not is_missing(row.gap) and row.gap > 0:
        return shown(row.gap)
    missed = missed_gap(context, row)
    if missed is None:
        return MISSING
    return words.text("scorecard.gap_in_year", gap=shown(missed[0]), year=year(missed[1]))


def card_notes(context: ReportContext, row) -> list[str]:
    """The sources of the actual values, their notes, and the data-quality findings of the series; a qualitative
    indicator's assessment first."""
    language = context.language
    words = context.words
    notes = [turn] if (turn := plan_period_turn(context, row)) else []
    # a stage target's verdict and the next target: as the scorecard and the warning list say it beside the status
    # (14 and 21 at the mid-term: met, amber, the pace short of 2024's target), first
    if course := stage_course(row):
        notes.insert(0, sentence(words.text("card.course", status=status_text(row, words),
                                            course=course_text(row, course, words)), words))
    notes += [early] if (early := held_before_first(context, row)) else []
    if row.status == "qualitative":
        notes.append(qualitative_state(context, row))
    if not_final(row):  # first: what the status rests on, when the target year has come without its value
        # a stage target (a later one follows: a mid-term's 2023 targets) is checked, not finally judged
        values = series_values(context, row)
        stage = bool(((values["value_type"] == "target") & (values["year"] > row.target_year)).any())
        # at a final evaluation, the years without a value named beside the verdict, as data missing to be supplied
        # (as the list of targets missed names it: 4 provincial, 2023–2024)
        key = ("card.not_final_stage" if stage else "card.not_final_missing" if context.kind == "final"
               else "card.not_final")
        notes.insert(0, words.text(key, target_year=year(row.target_year), as_of=year(row.as_of_year),
                                   status=status_text(row, words), years=years_without_value(row, words))
                     + (words["card.overdue" + ("_final" if context.kind == "final" else "")]
                        if overdue_behind(row) else ""))
    actual = actuals(context, row)
    for _, group in actual.groupby("reference", sort=False):
        years = words["grammar.comma"].join(year(y) for y in group["year"])
        # a value's own note follows its source, under the one mark the chart shows
        # (a note several values share, once, after their years: "2010, 2014: the publication's date is not given")
        shared: dict[str, list[str]] = {}
        for point in group.itertuples():
            if note := note_in(point, language):
                shared.setdefault(note, []).append(year(point.year))
        # a note of every year the source gives is said without them again ("① 2022：威海日报…。原文：…", never
        # "① 2022：…。2022年：原文：…"); an item with a note closes as a sentence
        every = [year(y) for y in group["year"]]
        text = words.text("card.source", mark=group["mark"].iloc[0], years=years,
                          reference=reference_in(next(group.itertuples()), language)) + "".join(
            words.text("card.point_note_all", note=note) if note_years == every
            else words.text("card.point_note", year=words["grammar.comma"].join(note_years), note=note)
            for note, note_years in shared.items())
        closed = not shared or re.search(r"[。.!?！？][”’\"')）]*$", text)  # a source alone is a label, no sentence
        notes.append(text if closed else text + words["grammar.full_stop"])
    quoted = quoted_values(context, row)
    if not quoted.empty:  # its verdict rests on a quote, not on the publisher's release: said with its sources
        values = [words.value_text("card.secondary_value",
                                   amount_alone(row, value_text(row, point.value, words), words), year=year(point.year))
                  for point in quoted.itertuples()]
        notes.append(words.count_text("card.secondary", len(values), values=words.join_and(values),
                                      status=status_text(row, words, "status_in_sentence")))
    plan_notes = series_values(context, row)
    plan_notes = plan_notes[plan_notes["value_type"].isin(["baseline", "target"])]
    for point in plan_notes.sort_values(["year", "value_type"]).itertuples():
        if not note_in(point, language):
            continue
        notes.append(words.text("card.plan_note", year=year(point.year), role=words[f"card.role.{point.value_type}"],
                                note=note_in(point, language)))
    quality = context.quality
    # The card says itself that an indicator is qualitative, and agreement needs no note.
    findings = quality[(quality["indicator_id"] == row.indicator_id) & quality["series"].isin(["", row.series])
                       & ~quality["issue"].isin(["prose_agrees", "qualitative", "prose_growth", "secondary_source"])]
    # a correction of the type only ("14.6 " with a space after it, read as 14.6) changes no number: the appendix and
    # the workbook list it, the card does not
    findings = findings[pd.Series([not typographic(finding) for finding in findings.itertuples()],
                                  index=findings.index, dtype=bool)]
    notes += [prose_growth_note(context, row, promise) for promise in quality[
        (quality["indicator_id"] == row.indicator_id) & (quality["series"] == row.series)
        & (quality["issue"] == "prose_growth")].itertuples()]
    for _issue, group in findings.groupby("issue", sort=False):  # one line an issue: a split cell is four
        note = words.text("card.finding", label=finding_label(words, next(group.itertuples())),
                          detail=group[f"detail_{language}"].iloc[0])
        # the others of the kind are in the appendix, said in a sentence of its own after the first
        notes.append(sentence(note, words) + words.count_text("card.more", len(group) - 1) if len(group) > 1
                     else note)
    notes += [across] if (across := across_releases(context, row)) else []
    return notes


def across_releases(context: ReportContext, row) -> str:
    """A series whose base value a later release revised (national R&D intensity: the plan printed 1.75% for 2010, a
    later vintage gives 1.84%) and whose latest value comes from another source (2015's 2.07%): the growth seen and
    the distance covered run between the two releases, and the target was set against the printed value; said in a
    sentence, from the data, after the findings that list the revisions. "" for any other series."""
    quality = context.quality
    revised = quality[(quality["indicator_id"] == row.indicator_id) & (quality["series"] == row.series)
                      & (quality["issue"] == "observation_revises_baseline")
                      & (pd.to_numeric(quality["year"], errors="coerce") == row.base_year)]
    actual = actuals(context, row)
    # the values the assessment used (a year with an earlier figure too, 2015's preliminary 2.10, by the one kept)
    base = actual[(actual["year"] == row.base_year) & (actual["value"] == row.base_value)]
    latest = actual[(actual["year"] == row.as_of_year) & (actual["value"] == row.latest_value)]
    values = series_values(context, row)
    printed = values[(values["value_type"] == "baseline") & (values["year"] == row.base_year)]
    if revised.empty or base.empty or latest.empty or printed.empty or is_missing(row.target_value) \
            or set(base["reference"]) & set(latest["reference"]):
        return ""
    words = context.words

    def shown(value: float) -> str:
        return amount(row, value_text(row, float(value), words), words)

    return words.text("card.across_releases", base=year(row.base_year), base_value=shown(row.base_value),
                      last=year(row.as_of_year), end=shown(row.latest_value),
                      printed=shown(printed["value"].iloc[-1]), target=shown(row.target_value))


def typographic(finding) -> bool:
    """A correction whose printed text, without its spaces, reads as the value it was read as: "14.6 " → 14.6."""
    if finding.issue != "correction":
        return False
    try:
        return float(re.sub(r"\s", "", str(finding.printed_text))) == float(finding.value)
    except ValueError:
        return False


def prose_growth_note(context: ReportContext, row, promise) -> str:
    """A growth the plan's prose promises ("技术交易额年均增长10%以上"), a commitment beside the table's target: what
    the table's target implies a year, and the growth seen from the table's last baseline to the latest value."""
    words = context.words
    series = series_values(context, row)
    start_year = int(series.loc[series["value_type"] == "baseline", "year"].max())
    # the start as the report uses it: a value published for the baseline's year replaces the printed one
    at_start = series[series["year"] == start_year].sort_values("value_type")  # actual before baseline
    start = float(at_start["value"].iloc[0])
    target = series[(series["value_type"] == "target") & (series["year"] == promise.year)]
    # the values each rate runs between, since the card's own pace counts from the base year (2020), this from the
    # table's last baseline (2021)
    fields = {"place": words.plan_place(place_of(plan_outline_of(context), promise.source_line), promise.source_line),
              "promised": fmt_number(promise.value), "year": year(promise.year), "start_year": start_year,
              "start_value": amount(row, fmt_number(start), words),
              "target": amount(row, fmt_number(target["value"].iloc[0]), words) if len(target) else MISSING,
              "implied": MISSING if (implied := prose_growth_implied(context, row, promise)) is None
              else fmt_pct(implied)}
    later = actuals(context, row)
    later = later[later["year"] > start_year]
    if later.empty:
        return words.text("card.prose_growth_awaiting", **fields)
    latest = later.iloc[-1]
    seen = (float(latest["value"]) / start) ** (1 / (int(latest["year"]) - start_year)) - 1
    met = float(half_up(seen, 1, 100)) >= promise.value - 1e-9  # as shown: 10.0% meets "10% 以上"
    # the card's own growth seen counts from an earlier base (2020's 109.61, before the table's 2021 jump to 133): said
    # which, so that +11.3% above and +6.6% "below the promised rate" here are not read as one figure
    base_note = ""
    if not is_missing(row.base_year) and int(row.base_year) < start_year and seen_text(row, words) != MISSING:
        # short of the requirement from the table's last baseline: whether the growth from the base year is too, or
        # above it only through the last baseline's year, before the plan period (9.6% from 2020: below 10% too)
        compared = ""
        if not met and row.method == "compound" and not pd.isna(row.observed_cagr):
            above = float(half_up(float(row.observed_cagr), 1, 100)) >= promise.value - 1e-9
            compared = words.text(f"card.prose_growth_base_compared.{'above' if above else 'short'}",
                                  start_year=year(start_year))
        base_note = words.text("card.prose_growth_base", seen=seen_text(row, words), base=year(row.base_year),
                               base_value=amount(row, value_text(row, row.base_value, words), words),
                               compared=compared)
    one_year = int(latest["year"]) - start_year == 1  # one year's growth is no average a year
    pace = words.text("card.prose_growth_pace_one" if one_year else "card.prose_growth_pace", seen=fmt_pct(seen))
    return words.text("card.prose_growth", **fields, latest_year=int(latest["year"]), pace=pace,
                      latest=amount(row, fmt_number(latest["value"]), words),
                      verdict=words[f"card.prose_growth_verdict.{'met' if met else 'short'}"]) + base_note


#: The marks that end a sentence, in every catalog's language.
SENTENCE_ENDS = (".", "。", "!", "！", "?", "？")


def sentence(text: str, words) -> str:
    """``text`` ended as a sentence: its own full stop, or the language's (``grammar.full_stop``) added."""
    return text if text.rstrip().endswith(SENTENCE_ENDS) else text.rstrip() + words["grammar.full_stop"]


def plan_period_turn(context: ReportContext, row) -> str:
    """The card's note on a series whose plan-period move and growth from the base year point opposite ways
    (:func:`plan_period_move`), first among its notes."""
    move = plan_period_move(context, row)
    if not move:
        return ""
    # a sentence, ended as one (the notes after it are sentences too); where the chart's dotted line carries the pace
    # from the baseline on against that move, it says so (the chart labels the line too: :func:`pace_against_move`)
    note = sentence(context.words.text(f"card.plan_period_{move[0]}", **move[1]), context.words)
    return note + (context.words.text("card.pace_line", target_year=year(row.target_year))
                   if pace_against_move(context, row) else "")


def pace_drawn(row) -> bool:
    """Whether a card's chart draws the projection at the pace seen (its dotted line): a progress verdict with a
    projected value."""
    return row.verdict == "progress" and not is_missing(row.projected_value)


def pace_against_move(context: ReportContext, row) -> bool:
    """Whether a card's dotted line, the pace from the base year carried on (the method's projection), goes against
    the plan period's move its note tells (:func:`plan_period_move`: ``toward``, ``toward_fell``): 4 provincial, 3.1
    in 2020, 2.7 in 2021, 2.9 in 2022, whose line falls to 2.7 in 2024 (−0.1 a year from 3.1) though the series rose
    since 2021. The chart then labels the line as that pace, and the note says what it carries on."""
    move = plan_period_move(context, row)
    return bool(move) and move[0] in ("toward", "toward_fell") and pace_drawn(row)


def card_name(context: ReportContext, row) -> str:
    """A card's heading: the indicator's full name, and its series (· 国家级) where another series of the indicator is
    named alike (the plan prints one name for both: 国家和省级农业科技园区营业总收入占地区GDP比重（%，分别列出）),
    so that no two cards are headed alike."""
    name = localized(row, "name", context.language)
    return context.words.text("card.series_name", name=name, series=context.words[f"series.{row.series}"]) \
        if named_alike(context, row, "name") else name


def named_alike(context: ReportContext, row, column: str) -> bool:
    """Whether another series of ``row``'s indicator has the same ``column`` (``name``, ``short_name``) in the report's
    language: then, and only then, a name needs its series beside it to tell the two apart."""
    if not row.series:
        return False
    others = context.indicators[(context.indicators["indicator_id"] == row.indicator_id)
                                & (context.indicators["series"] != row.series)]
    name = localized(row, column, context.language)
    return any(localized(other, column, context.language) == name for other in others.itertuples())


def card_facts(context: ReportContext, row) -> list[str]:
    """The line under a card's name: short name, unit, series, category, and whether it is a core indicator."""
    words, language = context.words, context.language
    facts = [localized(row, "short_name", language), localized(row, "category", language)]
    if row.series:
        facts.insert(1, words[f"series.{row.series}"])
    if localized(row, "unit", language):
        facts.insert(1, localized(row, "unit", language))
    if row.core:
        facts.append(words["card.core"])
    return facts

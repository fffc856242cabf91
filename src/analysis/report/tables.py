"""The tables of a report as rows of text: the scorecard, the data-quality log and the actual values.

Every edition shows these same rows (the HTML through its templates, the Word edition as Word tables, the
workbook as cells). Column headers and labels come from the catalogs.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .cards import element_id, gap_text, target_aside
from .context import ReportContext, actuals_shown
from .numbers import MISSING, is_missing
from .words import (
    finding_detail,
    finding_label,
    finding_place,
    later_target,
    localized,
    localized_column,
    named,
    needed_label,
    note_in,
    official_header,
    official_text,
    one_year_left,
    pace_text,
    plan_outline_of,
    publication,
    qualitative_state,
    says_unit,
    scorecard_note,
    status_text,
    target_text,
    value_text,
    year,
    year_aside,
)


@dataclass(frozen=True)
class ScorecardRow:
    """One series' line of the scorecard, as text: what the HTML and the Word report both show."""

    category: str
    indicator_id: str
    anchor: str     # the element id of the series' card
    name: str
    core: bool
    status: str     # the status key (its colour); ``status_text`` is its name
    status_text: str
    unit: str = ""
    base: str = ""
    latest: str = ""
    latest_year: str = ""
    target: str = ""
    target_year: str = ""
    gap: str = ""
    pace: str = ""
    pace_label: str = ""  # what the need is, as a phone labels it under the status: "2024年需增长", "2024年要求"
    phone_pace: str = ""  # the need under the status on a phone where it is said whole: "2024年目标已达到"
    final_rate: str = ""  # under the status: "96.7% of the target" once a final verdict is in, the years a target to
    # hold every year was missed in, "latest value 2022; no value for 2023–2024" (words.status_note)
    official: str = ""       # the official status word's key (a light: its colour), when the plan chose words
    official_text: str = ""
    # a phone leaves the unit column out: the unit joined to each value (2.7%, 24,800人), or where the language
    # names units after the series' name (English) that label (" (100 million yuan)"); none for a rank (第18位)
    value_unit: str = ""
    name_unit: str = ""
    phone_gap: str = ""  # the gap with its unit, as a phone shows it without the unit column (20家)


def scorecard_headers(context: ReportContext) -> list[str]:
    """The scorecard's headers; the official status words last, when the plan chose them."""
    official = official_header(context)
    needed = needed_label(context.joined().itertuples(), context.words)  # "2024年需增长" with one year left
    return [h.format(base_year=context.plan["base_year"], needed=needed)
            for h in context.words["scorecard.headers"]] + ([official] if official else [])


def _base_text(context: ReportContext, row) -> str:
    """The baseline column's value: the base year's, or a later year's standing in for it with that year (43.5
    (2012) under "2010 baseline"), never a later value passed off as the base year's."""
    text = value_text(row, row.base_value, context.words)
    if is_missing(row.base_year) or int(row.base_year) == int(context.plan["base_year"]):
        return text
    return text + year_aside(row.base_year, context.words)


def scorecard_rows(context: ReportContext) -> list[ScorecardRow]:
    """Every indicator series, grouped by category, in the order of the scorecard."""
    words, language = context.words, context.language
    table = context.joined()
    column_year = one_year_left(table.itertuples())  # the year the need column's header names ("2024年需增长")
    rows = []
    for category, group in table.groupby(localized_column(table, "category", language), sort=False):
        for row in group.itertuples():
            common = dict(category=category, indicator_id=str(row.indicator_id),
                          anchor=element_id(row),
                          name=localized(row, "short_name", language), core=bool(row.core), status=row.status,
                          status_text=status_text(row, words), official=row.official_status,
                          official_text=official_text(row, context))
            if row.status == "qualitative":  # its state under the kind: rated (and how) or not assessed yet
                rows.append(ScorecardRow(**common, final_rate=qualitative_state(context, row, "scorecard")))
                continue
            unit = localized(row, "unit", language)
            joined = row.kind != "rank" and unit and (row.unit_zh == "%" or words["quantity.unit_after_number"])
            labelled = row.kind != "rank" and unit and not joined
            rows.append(ScorecardRow(
                **common, unit=unit, base=_base_text(context, row),
                value_unit=unit if joined else "",
                # none when the name says it; the plan's own unit where a sentence writes the amount out
                name_unit=named(row, words, table=True)[len(common["name"]):] if labelled else "",
                # the latest value with its year, always (18 at the final: 5.3 (2024)); a level held every year and
                # missed in an earlier year says so in the target's aside ("≥5 (yearly)"), the gap names the year
                latest=value_text(row, row.latest_value, words), latest_year=year_aside(row.as_of_year, words),
                target=target_text(row, words), target_year=target_aside(context, row),
                # with its unit, as the warning list's (20家, 0.1个百分点: never a bare 20 beside a share's points),
                # in the unit the values are printed in ("2" beside "(100 million yuan)"), never "200 million yuan"
                gap=gap_text(context, row, with_unit=True, table=True),
                phone_gap=gap_text(context, row, with_unit=True, table=True),
                pace=(pace := pace_text(row, words, column_year, later_target(context, row))),
                pace_label=needed_label([row], words, column_year),
                # a target met already, under the status: the year's target met, never "2024年所需 已达到目标"
                phone_pace=words.text("pace.met_in", year=year(column_year))
                if column_year is not None and pace == words["pace.met_named"] else "",
                final_rate=scorecard_note(context, row)))
    return rows


def pace_shown(rows) -> bool:
    """Whether a table's "needed per year" column says anything: not once every target's year has come (a final
    evaluation), when it would be a column of "—" (the editions leave it out)."""
    return any(row.pace not in ("", MISSING) for row in rows)


def quality_table(context: ReportContext, include_agreements: bool = False) -> pd.DataFrame:
    words, language = context.words, context.language
    quality = context.quality
    rows = quality if include_agreements else quality[quality["issue"] != "prose_agrees"]
    names = words["tables.quality"]
    outline = plan_outline_of(context)
    where = [finding_place(context, outline, source, line, issue, sheet) for source, line, issue, sheet
             in zip(rows["source"], rows["source_line"], rows["issue"], rows["source_sheet"])]
    return pd.DataFrame({names["issue"]: [finding_label(words, row) for row in rows.itertuples()],
                         # a finding about a file (one skipped) has no indicator: id 0, shown blank
                         names["id"]: rows["indicator_id"].map(lambda i: "" if i == 0 else str(i)),
                         names["year"]: rows["year"].astype("string").fillna(""),
                         names["detail"]: [finding_detail(words, issue, detail) for issue, detail
                                           in zip(rows["issue"], rows[f"detail_{language}"])],
                         names["where"]: where})


def actuals_table(context: ReportContext) -> pd.DataFrame:
    """The actual values published after the plan that the report uses, with their sources and notes."""
    language, words = context.language, context.words
    names = words["tables.actuals"]
    values = context.values
    name = localized_column(context.indicators, "short_name", language)
    unit = localized_column(context.indicators, "unit", language)
    actual = values[(values["value_type"] == "actual") & (values["year"] <= context.report_year)].merge(
        context.indicators[["indicator_id", "series", *dict.fromkeys([name, unit])]], on=["indicator_id", "series"])
    return pd.DataFrame({  # each value's unit after its indicator's name, as the workbook's sheet has it: 158 what?
        # a unit the name says already left out: never "National incubators (incubators)"
        names["indicator"]: [f"{i}. {n}" + (words.text("quantity.label", unit=u) if u and not says_unit(n, u) else "")
                             for i, n, u in zip(actual["indicator_id"], actual[name], actual[unit].fillna(""))],
        names["year"]: actual["year"].map(year),
        names["value"]: [shown + (words["tables.preliminary_mark"] if "preliminary" in processing.split(";") else "")
                         for shown, processing in zip(actuals_shown(actual, context.joined()), actual["processing"])],
        # the publication by name, as the English edition's sources are, never the passage it quotes again (the
        # card quotes it)
        names["source"]: [publication(point, context.language, words)
                          + (words.text("tables.published", date=words.date(point.published))
                             if point.published else "")
                          for point in actual.itertuples()],
        names["note"]: [note_in(point, context.language) for point in actual.itertuples()]})

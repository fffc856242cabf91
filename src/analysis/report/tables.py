"""The tables of a report: the scorecard, the qualitative indicators, data quality and actual values.

Column headers and labels come from the catalogs; text from data files is HTML-escaped.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from ..catalog import Catalog
from .context import ReportContext
from .numbers import fmt_number
from .words import localized, localized_column, pace_text, rate_text, year

#: Status colours, shared by the scorecard and the charts.
STATUS_COLOURS = {
    "not_achieved": "#7f0000",
    "achieved": "#1b5e20",
    "achieved_at_risk": "#9ccc65",
    "on_track": "#26a69a",
    "moderate": "#fbc02d",
    "insufficient": "#fb8c00",
    "moving_away": "#d32f2f",
    "insufficient_data": "#9e9e9e",
    "qualitative": "#607d8b",
}


def status_badge(status: str, words: Catalog) -> str:
    colour = STATUS_COLOURS[status]
    return (f'<span class="status status-{status}" style="background:{colour};color:#fff;'
            f'padding:1px 6px;border-radius:3px;display:inline-block;line-height:1.3">'
            f'{html.escape(words.status(status))}</span>')


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
    final_rate: str = ""  # "96.7% of target" once a final verdict is in


def scorecard_headers(context: ReportContext) -> list[str]:
    return [h.format(base_year=context.plan["base_year"]) for h in context.words["scorecard.headers"]]


def scorecard_rows(context: ReportContext) -> list[ScorecardRow]:
    """Every indicator series, grouped by category, in the order of the scorecard."""
    words, language = context.words, context.language
    table = context.joined()
    rows = []
    for category, group in table.groupby(localized_column(table, "category", language), sort=False):
        for row in group.itertuples():
            common = dict(category=category, indicator_id=str(row.indicator_id),
                          anchor="indicator-" + str(row.indicator_id) + (f"-{row.series}" if row.series else ""),
                          name=localized(row, "short_name", language), core=bool(row.core), status=row.status,
                          status_text=words.status(row.status))
            if row.status == "qualitative":
                rows.append(ScorecardRow(**common))
                continue
            rows.append(ScorecardRow(
                **common, unit=localized(row, "unit", language), base=fmt_number(row.base_value),
                latest=fmt_number(row.latest_value), latest_year=year(row.as_of_year),
                target=fmt_number(row.target_value), target_year=year(row.target_year),
                gap="—" if not row.gap > 0 else fmt_number(row.gap), pace=pace_text(row, words),
                final_rate=(words.text("scorecard.final_rate", rate=rate_text(row.completion_rate))
                            if row.verdict == "final" else "")))
    return rows


def scorecard_html(context: ReportContext) -> str:
    """The scorecard: every indicator series grouped by category, status in colour."""
    words = context.words
    headers = scorecard_headers(context)
    out = ['<table class="scorecard">', "<thead><tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr></thead>",
           "<tbody>"]
    category = None
    for row in scorecard_rows(context):
        if row.category != category:
            category = row.category
            out.append(f'<tr class="category"><td colspan="{len(headers)}">{html.escape(category)}</td></tr>')
        name = f'<a href="#{row.anchor}">{html.escape(row.name)}</a>' + (" *" if row.core else "")
        status = status_badge(row.status, words)
        if row.status == "qualitative":
            cells = [row.indicator_id, name, "", "", "", "", "", "", status]
        else:
            if row.final_rate:
                status += f"<br><small>{html.escape(row.final_rate)}</small>"
            cells = [row.indicator_id, name, html.escape(row.unit), row.base,
                     f"{row.latest} <small>({row.latest_year})</small>",
                     f"{row.target} <small>({row.target_year})</small>", row.gap, html.escape(row.pace), status]
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def quality_table(context: ReportContext, include_agreements: bool = False) -> pd.DataFrame:
    words, language = context.words, context.language
    quality = context.quality
    rows = quality if include_agreements else quality[quality["issue"] != "prose_agrees"]
    names = words["tables.quality"]
    plan_text = context.plan["table"].get("printed_text")
    plan_line = rows["source_line"].map(lambda line: words.text("tables.plan_line", line=line))
    where = plan_line.where(rows["source"] == plan_text, rows["source"] + ":" + rows["source_line"].astype(str))
    return pd.DataFrame({names["issue"]: rows["issue"].map(lambda issue: words[f"quality_issue.{issue}"]),
                         # a finding about a file (one skipped) has no indicator: id 0, shown blank
                         names["id"]: rows["indicator_id"].map(lambda i: "" if i == 0 else str(i)),
                         names["year"]: rows["year"].astype("string").fillna(""),
                         names["detail"]: rows[f"detail_{language}"], names["where"]: where})


def actuals_table(context: ReportContext) -> pd.DataFrame:
    """The actual values published after the plan that the report uses, with their sources and notes."""
    language = context.language
    names = context.words["tables.actuals"]
    values = context.values
    name = localized_column(context.indicators, "short_name", language)
    actual = values[(values["value_type"] == "actual") & (values["year"] <= context.report_year)].merge(
        context.indicators[["indicator_id", "series", name]], on=["indicator_id", "series"])
    return pd.DataFrame({
        names["indicator"]: actual["indicator_id"].astype(str) + ". " + actual[name],
        names["year"]: actual["year"].map(year), names["value"]: actual["value"].map(fmt_number),
        names["source"]: actual["reference"], names["note"]: actual["note"],
        names["file"]: actual["source"].map(lambda path: path.rsplit("/", 1)[-1]) + ":"
        + actual["source_line"].astype(str)})


LABEL_COLUMN = re.compile(r"(^|[_ ])(year|line|id)([_ ]|$)|年份|^年$|行号|编号", re.IGNORECASE)


def _is_label_column(column: pd.Series) -> bool:
    if not (LABEL_COLUMN.search(str(column.name)) and pd.api.types.is_numeric_dtype(column)):
        return False
    present = column.dropna()
    return bool((present == present.round()).all())


def _plain_label(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def table_html(frame: pd.DataFrame, caption: str | None = None, *, table_id: str = "table") -> str:
    """A DataFrame as an HTML table with a fixed id (pandas Styler ids are random); data text is escaped."""
    styler = frame.style.hide(axis="index").format(precision=4, thousands=",", na_rep="", escape="html")
    # Years, line numbers and ids are labels, not quantities: 2021, never "2,021".
    labels = [column for column in frame.columns if _is_label_column(frame[column])]
    if labels:
        styler = styler.format(_plain_label, subset=labels, na_rep="", escape="html")
    styler = styler.set_uuid(table_id)
    if caption:
        styler = styler.set_caption(caption)
    return styler.to_html()


def show_table(frame: pd.DataFrame, caption: str | None = None, **kwargs) -> None:
    from IPython.display import HTML, display  # only in a notebook: the build's processes never need IPython

    display(HTML(table_html(frame, caption, **kwargs)))

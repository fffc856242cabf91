"""The report's warning list (预警清单, by lead department) and its change since the last report year.

Which series are warned and how a status change is judged is the method's
(:mod:`analysis.assess.warnings`); here are the words and the tables. Text from data is escaped.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from ..assess.warnings import previous_report_year, status_changes, warning_list
from .context import ReportContext
from .numbers import fmt_number
from .tables import status_badge
from .words import localized, pace_text, seen_text, year

#: Warning colours (red, amber) with the text colour each needs; the level is also written out.
LEVEL_COLOURS = {"red": ("#b71c1c", "#fff"), "amber": ("#f9a825", "#000")}


def level_badge(level: str, words) -> str:
    background, text = LEVEL_COLOURS[level]
    return (f'<span class="warning-level warning-{level}" style="background:{background};color:{text};'
            f'padding:1px 6px;border-radius:3px;display:inline-block;line-height:1.3">'
            f'{escape(words[f"warnings.level.{level}"])}</span>')


def anchor(row) -> str:
    """The element id of the series' card (``indicator-4-national``)."""
    return "indicator-" + str(row.indicator_id) + (f"-{row.series}" if row.series else "")


def _name_link(row, language: str) -> str:
    return f'<a href="#{anchor(row)}">{escape(localized(row, "short_name", language))}</a>' + (" *" if row.core else "")


def warnings_rows(context: ReportContext) -> pd.DataFrame:
    """The warned series of the report year, grouped by lead department (see :func:`warning_list`)."""
    return warning_list(context.joined())


def warnings_intro(context: ReportContext, rows: pd.DataFrame) -> str:
    """The sentence counting the warnings (or saying there are none)."""
    words = context.words
    if rows.empty:
        return words["warnings.none"]
    counts = rows["level"].value_counts()
    return words.text("warnings.intro", count=len(rows), red=int(counts.get("red", 0)),
                      amber=int(counts.get("amber", 0)))


def warnings_by_department(context: ReportContext, rows: pd.DataFrame) -> list[tuple[str, list]]:
    """Each lead department's label ("市科技局（3 个）") with its warned series, in the list's order."""
    words, language = context.words, context.language
    groups = []
    for _, group in rows.groupby("lead_department_zh", sort=False):
        name = localized(group.iloc[0], "lead_department", language) or words["warnings.no_department"]
        groups.append((words.text("warnings.department", department=name, count=len(group)),
                       list(group.itertuples())))
    return groups


def warning_numbers(row, words) -> dict[str, str]:
    """A warned series' numbers as the list shows them (the years apart, set small beside their value)."""
    return {"latest": fmt_number(row.latest_value), "latest_year": year(row.as_of_year),
            "target": fmt_number(row.target_value), "target_year": year(row.target_year),
            "gap": "—" if not row.gap > 0 else fmt_number(row.gap), "needed": pace_text(row, words),
            "seen": seen_text(row, words)}


def warnings_html(context: ReportContext) -> str:
    """The sentence counting the warnings, then the table by lead department (nothing but the sentence if none)."""
    words, language = context.words, context.language
    rows = warnings_rows(context)
    intro = warnings_intro(context, rows)
    if rows.empty:
        return f"<p>{escape(intro)}</p>"
    headers = words["warnings.headers"]
    out = [f"<p>{escape(intro)}</p>", '<table class="warning-list">',
           "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr></thead><tbody>"]
    for label, group in warnings_by_department(context, rows):
        out.append(f'<tr class="department"><td colspan="{len(headers)}">{escape(label)}</td></tr>')
        for row in group:
            numbers = warning_numbers(row, words)
            cells = [str(row.indicator_id), _name_link(row, language), level_badge(row.level, words),
                     status_badge(row.status, words),
                     f"{numbers['latest']} <small>({numbers['latest_year']})</small>",
                     f"{numbers['target']} <small>({numbers['target_year']})</small>", numbers["gap"],
                     escape(numbers["needed"]), escape(numbers["seen"])]
            out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def changes_rows(context: ReportContext) -> tuple[int | None, pd.DataFrame]:
    """The previous report year and each numeric series' status then and now, worse first (None: no previous)."""
    previous = previous_report_year(context.plan["report_years"], context.report_year)
    if previous is None:
        return None, pd.DataFrame()
    changes = status_changes(context.tables.assessment, context.report_year, previous)
    changes = changes[changes["status_now"] != "qualitative"]
    names = context.joined().drop(columns=["status"])
    return previous, changes.merge(names, on=["indicator_id", "series"], how="left", sort=False)


def changes_words(context: ReportContext, previous: int, rows: pd.DataFrame) -> tuple[str, str, list[str]]:
    """The title, the sentence counting the changes, and the table's headers."""
    words = context.words
    counts = rows["change"].value_counts()
    intro = words.text("warnings.changes_intro", year=previous,
                       **{change: int(counts.get(change, 0)) for change in words["warnings.change"]})
    headers = [h.format(year=previous, report_year=context.report_year) for h in words["warnings.changes_headers"]]
    return words.text("warnings.changes_title", year=previous), intro, headers


def changes_html(context: ReportContext) -> str:
    """Since the previous report year: the counts, then every numeric series' status then and now, worse first."""
    words, language = context.words, context.language
    previous, rows = changes_rows(context)
    if previous is None:
        return ""
    title, intro, headers = changes_words(context, previous, rows)
    out = [f"<h3>{escape(title)}</h3>", f"<p>{escape(intro)}</p>",
           '<table class="status-changes">',
           "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr></thead><tbody>"]
    for row in rows.itertuples():
        cells = [str(row.indicator_id), _name_link(row, language), status_badge(row.status_then, words),
                 status_badge(row.status_now, words), escape(words[f"warnings.change.{row.change}"])]
        out.append(f'<tr class="change-{row.change}">' + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)

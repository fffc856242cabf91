"""The sentences of a report, made from the catalogs' templates and the report's numbers.

Nothing here holds a number of its own: every figure comes from the assessment. The language is
the catalog's; no sentence is written in code.
"""
from __future__ import annotations

import html

import pandas as pd

from ..assess.assessment import status_counts
from ..catalog import Catalog
from ..clean.schemas import LAGGING
from ..settings import SCHEMES
from .context import ReportContext
from .numbers import fmt_number, fmt_pct, fmt_signed, is_missing


def localized(row, column: str, language: str) -> str:
    """``row.<column>_<language>``, or the English one for a language the data does not carry."""
    return getattr(row, f"{column}_{language}", None) or getattr(row, f"{column}_en")


def localized_column(frame: pd.DataFrame, column: str, language: str) -> str:
    """The column ``<column>_<language>`` of ``frame``, or the English one."""
    return f"{column}_{language}" if f"{column}_{language}" in frame.columns else f"{column}_en"


def join_and(words: Catalog, items: list[str]) -> str:
    """``2020、2021`` / ``2020 and 2021``; ``a, b and c``."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return words["grammar.comma"].join(items[:-1]) + words["grammar.and"] + items[-1]


def title(context: ReportContext) -> str:
    words = context.words
    return words.text("title", city=context.plan_text("city"), subject=_subject(context),
                      kind=words[f"report_kind.{context.kind}"], year=context.report_year)


def _subject(context: ReportContext) -> str:
    return (context.plan.get("subject") or {}).get(context.language, "")


def intro(context: ReportContext) -> str:
    words = context.words
    schedule = (context.plan.get("schedule") or {}).get(context.kind, {})
    purpose = schedule.get(context.language) or words[f"purpose.{context.kind}"]
    return words.text("intro", plan_title=context.plan_text("title"),
                      n_indicators=context.indicators["indicator_id"].nunique(), purpose=purpose)


def pace_text(row, words: Catalog) -> str:
    """Growth needed per year from the latest value to the binding target, in the series' method."""
    if row.status == "achieved":
        return "—"
    if row.method == "annual_floor":
        return words.text("pace.floor", target=fmt_number(row.target_value))
    if is_missing(row.required_per_year):
        return "–"
    unit = words["pace.percentage_points"] if row.unit_zh == "%" else ""
    linear = fmt_signed(row.required_per_year) + unit
    if is_missing(row.required_cagr):
        return linear
    first = "compound_first" if row.method == "compound" else "linear_first"
    return words.text(f"pace.{first}", cagr=fmt_pct(row.required_cagr), linear=linear)


def summary_paragraphs(context: ReportContext) -> list[str]:
    """Counts of numeric indicators by status, the core indicators, and what the lagging ones need."""
    words, language = context.words, context.language
    counts = status_counts(context.assessment)
    table = context.joined()
    paragraphs = [words.text(
        "summary.counts", n_indicators=context.indicators["indicator_id"].nunique(),
        numeric=sum(v for k, v in counts.items() if k != "qualitative"), qualitative=counts["qualitative"],
        as_of=int(table["as_of_year"].dropna().max()), achieved=counts["achieved"] + counts["achieved_at_risk"],
        achieved_at_risk=counts["achieved_at_risk"], on_track=counts["on_track"],
        lagging=counts["moderate"] + counts["insufficient"], moving_away=counts["moving_away"],
        insufficient_data=counts["insufficient_data"])]
    core = table[table["core"] & (table["status"] != "qualitative")]
    items = [words.text("summary.core_item", name=localized(row, "short_name", language),
                        status=words[f"status_in_sentence.{row.status}"]) for row in core.itertuples()]
    if items:
        paragraphs.append(words.text("summary.core", items=words.join(items)))
    needs = [_need(row, words) for row in table[table["status"].isin(LAGGING)]
             .sort_values(["core", "indicator_id"], ascending=[False, True], kind="stable").itertuples()]
    if needs:
        paragraphs.append(words["summary.lagging_intro"] + "\n\n" + "\n".join(f"- {html.escape(n)}" for n in needs))
    low = int((context.assessment["evidence"] == "low").sum())
    if low:
        years = sorted(context.values.loc[context.values["value_type"] == "baseline", "year"].unique())
        paragraphs.append(words.text("summary.low_evidence", count=low, years=join_and(words, years)))
    return paragraphs


def _need(row, words: Catalog) -> str:
    name = localized(row, "short_name", words.language)
    if row.method == "annual_floor":
        catch_up = ""
        if not is_missing(row.required_per_year) and abs(row.required_per_year - row.target_value) > 0.005:
            catch_up = words.text("summary.need_floor_catch_up", rate=fmt_number(row.required_per_year))
        return words.text("summary.need_floor", name=name, target=fmt_number(row.target_value),
                          as_of=row.as_of_year, latest=fmt_number(row.latest_value), catch_up=catch_up)
    return words.text("summary.need_growth", name=name, as_of=row.as_of_year, latest=fmt_number(row.latest_value),
                      unit=localized(row, "unit", words.language), target_year=row.target_year,
                      target=fmt_number(row.target_value), pace=pace_text(row, words))


def method_note(context: ReportContext) -> str:
    """The one method note, with the plan's base year, evaluation years and the scheme's cut-offs."""
    words = context.words
    years = sorted(int(year) for year in context.plan["evaluations"])
    examples = [words.text("method.example" if i == 0 else "method.example_next", year=year)
                for i, year in enumerate(years)]
    on_track, moderate, insufficient = SCHEMES[context.scheme]
    return words.text("method.note", base_year=context.plan["base_year"],
                      examples=words["method.example_separator"].join(examples), scheme=context.scheme,
                      on_track=on_track, moderate=moderate, insufficient=insufficient)


def data_note(context: ReportContext) -> str:
    """As-of year, the plan text's provenance, the actual values used, and low-evidence series."""
    words, language = context.words, context.language
    numeric = context.assessment[context.assessment["status"] != "qualitative"]
    actual = context.values[context.values["value_type"] == "actual"]
    references = sorted(set(actual["reference"]))
    lines = [words.text("data_note.as_of", as_of=int(numeric["as_of_year"].dropna().max()),
                        report_year=context.report_year)]
    for source in context.plan.get("sources", [])[:1]:
        lines.append(words.text("data_note.source", title=html.escape(source.get(f"title_{language}", source["title"])),
                                issuer=html.escape(source["issuer"]), sha256=source["sha256"][:16]))
    sources = (words.text("data_note.actuals_sources", sources=html.escape(words.join(references))) if references
               else words["data_note.actuals_none"])
    lines.append(words.text("data_note.actuals", count=len(actual), sources=sources))
    lines.append(words.text("data_note.low_evidence", count=int((numeric["evidence"] == "low").sum())))
    return "\n".join(lines)


def counts_line(assessment: pd.DataFrame) -> str:
    """A one-line summary of headline statuses (``moving_away=5, …``)."""
    return ", ".join(f"{status}={count}" for status, count in status_counts(assessment).items())


def quality_line(quality: pd.DataFrame, issues) -> str:
    counts = quality["issue"].value_counts()
    return ", ".join(f"{issue}={int(counts[issue])}" for issue in issues if issue in counts)

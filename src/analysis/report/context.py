"""What a report notebook starts from: the processed tables of one plan, seen for one year and language."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..assess.assessment import binding_target, plan_start_year
from ..assess.rates import compound_rate, linear_rate
from ..assess.warning_list import previous_report_year
from ..catalog import Catalog, catalog, mistakes_told_in, plan_catalog
from ..clean.observations import series_named
from ..clean.processed import ProcessedTables, read_processed, read_table
from ..clean.quality import level_spans
from ..errors import InputError, quote
from ..ingest.printed_table import series_part
from ..numbers import PRINTED_NUMBER, fmt_number, fmt_printed
from ..parameters import check_language, check_year, resolve_project_path, said
from ..plan import StatusWords
from ..vocabulary import ASSESSMENT_COLUMNS, HELD_EVERY_YEAR


@dataclass(frozen=True)
class ReportContext:
    """The tables a report shows, the words it uses, and the plan it is about."""

    plan: dict
    report_year: int
    words: Catalog
    tables: ProcessedTables
    assessment: pd.DataFrame  # the report year's
    growth: pd.DataFrame      # the report year's
    #: The statuses the previous year's report published (its own year's rows), when it was made from other data
    #: than today's: a revision since may have changed a verdict it published. None: it said what today's data say.
    published_previous: pd.DataFrame | None = None

    @property
    def language(self) -> str:
        return self.words.language

    @property
    def scheme(self) -> str:
        """The cut-off scheme the tables were assessed with."""
        return self.tables.plan["scheme"]

    @property
    def status_words(self) -> StatusWords | None:
        """The official status words the plan chose (``status_words`` in plan.yml), None when it chose none."""
        return StatusWords.from_dict(self.plan.get("status_words"))

    @property
    def dataset_label(self) -> str:
        """The label of the observations the report is made from (example data) in its language; none for a plan's
        own data."""
        return (self.plan.get("dataset_label") or {}).get(self.language, "")

    @property
    def kind(self) -> str:
        """``final``, ``mid_term`` or ``annual``."""
        return self.plan["evaluations"].get(str(self.report_year), "annual")

    @property
    def indicators(self) -> pd.DataFrame:
        return self.tables.indicators

    @property
    def values(self) -> pd.DataFrame:
        return self.tables.values

    @property
    def quality(self) -> pd.DataFrame:
        return self.tables.quality

    def plan_text(self, key: str) -> str:
        """The plan's ``key`` (city, title, issuer, subject) in the report's language."""
        texts = self.plan.get(key) or {}
        if self.language not in texts:
            raise InputError(self.words.text("report_errors.no_plan_text", language=repr(self.language), entry=key),
                             field=key)
        return texts[self.language]

    def series_row(self, indicator_id, series: str = ""):
        """The report year's row of one series, with its names. ``indicator_id`` as the plan numbers it (``2``, also
        ``"2"`` or ``2.0`` as a notebook's parameter may come), ``series`` as a department workbook may write it
        (national, 国家级, 国家, prov); an unknown indicator, or a series it has not, is named with what to set
        instead."""
        table = self.joined()
        number = indicator_number(indicator_id)
        given = "" if series is None else str(series).strip()
        # written as a department workbook may write it (National, 国家级, 国家, prov): the series it names
        named = series_named(given, table.loc[table["indicator_id"] == number, "series"].tolist())
        match = table[(table["indicator_id"] == number) & (table["series"] == named)]
        if match.empty:  # a notebook's parameters (04's indicator_id, series): told in the report's language, the
            # series as given
            raise self._no_series(table, indicator_id, number, given)
        return next(match.itertuples())

    def _no_series(self, table: pd.DataFrame, indicator_id, number: int | None, series) -> InputError:
        """What is wrong with ``indicator_id`` and ``series``: an indicator the plan has not (every series it has
        listed), a series left empty where the indicator has several, or one it has not."""
        words = self.words
        own = table.loc[table["indicator_id"] == number, "series"].tolist() if number is not None else []
        if not own:
            known = words["grammar.comma"].join(f"{i}{' ' + s if s else ''}"
                                                for i, s in zip(table["indicator_id"], table["series"]))
            return InputError(words.text("report_errors.no_indicator", indicator=quote(indicator_id, words=words),
                                         known=known), field="indicator_id")
        if own == [""]:
            return InputError(words.text("report_errors.no_series", indicator=number,
                                         series=quote(series, words=words)), field="series")
        key = "report_errors.series_needed" if series == "" else "report_errors.unknown_series"
        return InputError(words.text(key, indicator=number, series=quote(series, words=words),
                                     choices=words.join_or(own)), field="series")

    def series_values(self, indicator_id: int, series: str) -> pd.DataFrame:
        """Every value of one series (baselines, targets, actual values)."""
        empty = self.values.iloc[0:0]
        return self._values_by_series.get((indicator_id, series), empty)

    @cached_property
    def _values_by_series(self) -> dict[tuple[int, str], pd.DataFrame]:
        return {key: group for key, group in self.values.groupby(["indicator_id", "series"], sort=False)}

    def joined(self) -> pd.DataFrame:
        """The report year's assessment with each series' names, units and category (a copy: every
        section and each of a report's figures asks for it)."""
        return self._joined.copy()

    @cached_property
    def _joined(self) -> pd.DataFrame:
        return joined(self.indicators, self.assessment, self.values)


def joined(indicators: pd.DataFrame, assessment: pd.DataFrame, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """The assessment with each series' names, units and category; with ``values``, also the baseline, the latest
    value and the target as their plan or publication printed them (:func:`printed_forms`)."""
    table = assessment.merge(indicators.drop(columns=["kind", "direction", "core"]), on=["indicator_id", "series"])
    return table if values is None else plan_period_paces(level_years(printed_forms(table, values), values), values)


def plan_period_paces(table: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the growth seen a year over the plan period, from the year before its first year (the plan's
    last printed baseline, or a value published for that year) to the latest value: ``since_year``, ``since_value``,
    ``since_cagr`` (a fraction) and ``since_per_year`` (in the series' unit), beside the growth since the base year
    (``observed_cagr``, ``observed_per_year``) the status is rated on; NaN where the latest value lies before the plan
    period, that year is the base year or has no value. Indicator 10 of the example data in 2024: 1,049 in 2021 to
    1,580 in 2024, (1580 / 1049)^(1/3) − 1 = 14.6% a year, beside 21.0% since 2020's 738."""
    nan = float("nan")
    first = plan_start_year(values) if {"value_type", "year"} <= set(values.columns) else None
    columns = {"since_year": [], "since_value": [], "since_cagr": [], "since_per_year": []}
    for row in table.itertuples():
        start = pd.DataFrame()
        if (first is not None and not pd.isna(row.as_of_year) and not pd.isna(row.base_year)
                and int(row.base_year) < first - 1 < int(row.as_of_year)):
            start = values[(values["indicator_id"] == row.indicator_id) & (values["series"] == row.series)
                           & (values["year"] == first - 1) & values["value_type"].isin(["actual", "baseline"])]
            # a published value before the printed baseline, as the assessment reads the year
            start = start.sort_values("value_type", kind="stable")
        if start.empty:
            for values_of in columns.values():
                values_of.append(nan)
            continue
        value, span = float(start["value"].iloc[0]), int(row.as_of_year) - (first - 1)
        columns["since_year"].append(float(first - 1))
        columns["since_value"].append(value)
        columns["since_cagr"].append(compound_rate(value, float(row.latest_value), span))
        columns["since_per_year"].append(linear_rate(value, float(row.latest_value), span))
    return table.assign(**columns)


def level_years(table: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the years the binding target's level is held in (``level_first``, ``level_last``), for a level
    to hold every year (or a yearly floor) whose targets set more than one level: ≥50 in 2023, ≥60 in 2024 and 2025
    is held at 60 in 2024—2025 (:func:`~analysis.clean.quality.level_spans`), said so, never "every year"; empty
    (NaN) where one level is held throughout. With them, the level each year in ``missed_years`` was judged against
    (``missed_levels``, in the same order: "90.0" for 2022 beside a 2024 level of 92), as the assessment judged it
    (:func:`~analysis.assess.assessment.binding_target`)."""
    targets = values[(values["value_type"] == "target") & values["value"].notna()] \
        if {"value_type", "value"} <= set(values.columns) else values.iloc[0:0]
    levels = {key: sorted((int(when), float(value)) for when, value in zip(group["year"], group["value"]))
              for key, group in targets.groupby(["indicator_id", "series"], dropna=False)}
    first, last, missed = [], [], []
    for row in table.itertuples():
        own = dict(levels.get((row.indicator_id, row.series), []))
        missed.append(";".join(repr(binding_target(own, int(when))[1])
                               for when in str(getattr(row, "missed_years", "") or "").split(";") if when and own))
        span = (float("nan"), float("nan"))
        years = levels.get((row.indicator_id, row.series), [])
        held = row.direction in HELD_EVERY_YEAR or getattr(row, "method", "") == "annual_floor"
        if held and len({value for _, value in years}) > 1 and not pd.isna(row.target_year):
            start = getattr(row, "held_from", float("nan"))  # checked from the first year held, as the chart draws it
            for low, high, _ in level_spans(years, None if pd.isna(start) else int(start)):
                if low <= int(row.target_year) <= high:
                    span = (float(low), float(high))
        first.append(span[0])
        last.append(span[1])
    return table.assign(level_first=first, level_last=last, missed_levels=missed)


#: The columns :func:`printed_forms` adds: each number's printed digits (2.40, 3.0), or "" where none is known.
PRINTED_COLUMNS = {"base_printed": ("base_year", "base_value", ("baseline", "actual")),
                   "latest_printed": ("as_of_year", "latest_value", ("actual", "baseline")),
                   "target_printed": ("target_year", "target_value", ("target",))}


def printed_forms(table: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the digits its baseline, latest value and target were printed with (``base_printed``,
    ``latest_printed``, ``target_printed``): the plan's 2.40 and the 国3.0 of a combined cell stay 2.40 and 3.0
    where the number alone would read 2.4 and 3 (method, item 9). A number is matched by its series, year, kind and
    value: one revised since it was printed, or computed, keeps no printed form."""
    printed = {}
    if not {"printed_text", "value_type"} <= set(values.columns):  # a table of values without their printed texts
        values = values.iloc[0:0].assign(printed_text="", value_type="")
    for row in values.itertuples():
        text = row.printed_text if isinstance(row.printed_text, str) else ""
        part = series_part(text, row.series)
        if part and not pd.isna(row.value):
            printed[(row.indicator_id, row.series, int(row.year), row.value_type, float(row.value))] = \
                fmt_printed(part, row.value)
    table = table.copy()
    for column, (year_column, value_column, kinds) in PRINTED_COLUMNS.items():
        table[column] = [next((printed[key] for kind in kinds
                               if not pd.isna(year_) and not pd.isna(value)
                               and (key := (indicator, series, int(year_), kind, float(value))) in printed), "")
                         for indicator, series, year_, value in zip(table["indicator_id"], table["series"],
                                                                    table[year_column], table[value_column])]
    # the latest value beside its target with the target's decimals where it has fewer and its digits allow: a
    # bulletin's 3 beside the plan's 3.0 reads 3.0, never "3 (2023) | 3.0 (2023)" (zeros added, no digit dropped)
    table["latest_printed"] = [_with_decimals(latest, value, target)
                               for latest, value, target in zip(table["latest_printed"], table["latest_value"],
                                                                table["target_printed"])]
    return table


def _with_decimals(shown: str, value, target: str) -> str:
    """``value`` (shown as ``shown``, or "" when no form was printed) with as many decimals as ``target``'s printed
    form has, where it has fewer and rounding to them keeps it; else ``shown``."""
    if not isinstance(target, str) or not PRINTED_NUMBER.fullmatch(target) or "." not in target or pd.isna(value):
        return shown
    decimals = len(target.rpartition(".")[2])
    current = fmt_printed(shown, value) if shown else fmt_number(value)
    if not PRINTED_NUMBER.fullmatch(current) or len(current.rpartition(".")[2] if "." in current else "") >= decimals \
            or round(float(value), decimals) != float(value):
        return shown
    return fmt_printed(f"{float(value):.{decimals}f}", value)



def actuals_shown(values: pd.DataFrame, table: pd.DataFrame) -> list[str]:
    """Each of ``values``' numbers (an actual value of a year) as the report shows it: with the digits it was printed
    with, and as many decimals as its series' printed target where it has fewer and its digits allow (``table``:
    :func:`joined`'s, with ``target_printed``): a bulletin's 3 beside the plan's 3.0 reads 3.0 in the appendix as it
    does in the scorecard, on the card and in the self-evaluation."""
    targets = {(indicator, series): target for indicator, series, target
               in zip(table["indicator_id"], table["series"], table["target_printed"])}
    shown = []
    for row in values.itertuples():
        text = getattr(row, "printed_text", "")
        part = series_part(text, row.series) if isinstance(text, str) and text and not pd.isna(row.value) else ""
        printed = fmt_printed(part, row.value) if part else ""
        shown.append(_with_decimals(printed, row.value, targets.get((row.indicator_id, row.series), ""))
                     or printed or fmt_number(row.value))
    return shown


def indicator_number(value) -> int | None:
    """An indicator's number as a notebook's parameter gives it: ``2``, ``2.0`` (papermill) or ``"2"`` (typed as
    text); None for anything else (``True``, ``2.5``, ``"R&D"``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


#: What the change since the last report reads of the assessment that report published.
PUBLISHED_COLUMNS = ("indicator_id", "series", "report_year", "status")


def load_report(data_dir: str | Path, report_year, language: str,
                previous_assessment: str | Path = "") -> ReportContext:
    """Check the notebook's parameters and read the tables in ``data_dir`` (relative to the project root), and the
    assessment the previous year's report published (``previous_assessment``, a file; empty: none). The language
    first: the other parameters' mistakes are told in it (an unknown one in English)."""
    words = catalog(check_language(language))
    folder = resolve_project_path(data_dir, parameter="data_dir", words=words)
    with mistakes_told_in(language):  # a folder without the tables: told in the report's language too
        tables = read_processed(folder)
    context = report_context(tables, report_year, language)
    if not str(previous_assessment).strip():
        return context
    path = resolve_project_path(previous_assessment, parameter="previous_assessment", words=context.words)
    if not path.is_file():  # a name mistyped: said so, not "not a table this project wrote; rebuild it"
        raise InputError(said(context.words, "previous_missing", value=quote(str(previous_assessment),
                                                                            words=context.words)),
                         field="previous_assessment")
    # the columns the comparison reads, from a table an earlier version of the project may have written
    published = read_table(path, {name: ASSESSMENT_COLUMNS[name] for name in PUBLISHED_COLUMNS}, among=True)
    previous = previous_report_year(context.plan["report_years"], context.report_year)
    return replace(context, published_previous=published[published["report_year"] == previous])


def report_context(tables: ProcessedTables, report_year, language: str) -> ReportContext:
    """The report of ``report_year`` in ``language`` from processed tables already read or built; the year's
    mistakes told in the report's language (the language checked first, an unknown one told in English)."""
    language = check_language(language)
    words = plan_catalog(language, (tables.plan.get("plan_word") or {}).get(language, ""),
                         tables.plan.get("figures_from", "plan_text"))
    year = check_year(report_year, words=words)
    if year not in tables.plan["report_years"]:
        years = tables.plan["report_years"]
        raise InputError(said(words, "outside_plan", year=year, first=years[0], last=years[-1]), field="report_year")
    assessment, growth = tables.for_year(year)
    tables = replace(tables, quality=tables.quoted_for(year))  # the quoted values this year's verdicts rest on
    return ReportContext(plan=tables.plan, report_year=year, words=words, tables=tables,
                         assessment=assessment, growth=growth)

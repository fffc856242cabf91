"""A plan's targets as it writes them, and the years it can mean.

Real plans set targets as absolute values ("达到2.8%"), as places (前十八位, a rank), and relative to
the base value: a multiple (翻一番: twice the base), a percent or points of change from it ("增长20%",
"下降15%"), written without a sign, as the plan writes them: the change goes the way the series' direction
says is better (up for ``higher``/``at_least``, down for ``lower``/``at_most``; up, over the base, for a range
or a value to equal).
A relative target becomes absolute once the base value is known, from the printed baseline or, when
the plan prints none, from the base year's observation of the statistic ``base_source`` names
(:func:`resolve_relative_targets`); until then the series waits, and the data-quality log says why.

A plan that contradicts itself is refused with the file, line and field named
(:func:`check_plan_years`): a target in or before the base year, a baseline in or after the first
target year, a numeric series with no target, or with neither a baseline nor a named source for its
base value, and a final evaluation that is not the year of the plan's last targets (a target row past the final
evaluation, when the other targets end in its year, is named itself: its year mistyped).
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..catalog import plan_error
from ..errors import InputError, Mistakes, quote
from ..ingest.printed_table import series_of
from ..numbers import fmt_exact, fmt_number, fmt_printed
from ..plan import PLAN_FILE, Plan, line_of
from ..vocabulary import HELD_EVERY_YEAR, lower_is_better
from .quality import RELATIVE, alone_in_unit, details, in_language, in_unit, met_by, target_in_unit


def check_plan_years(plan: Plan, indicators: pd.DataFrame, values: pd.DataFrame, source_path: Path,
                     kinds_path: Path, kind_lines: dict[tuple, int], mistakes: Mistakes | None = None,
                     refused=frozenset()) -> None:
    """The plan's years and targets against each other (see the module's docstring). With ``mistakes``, what is
    wrong is added there, told with the table's other mistakes; ``refused``: the series of rows already refused (None:
    a row whose series cannot be told), whose targets and baselines are not in ``values``: what a series lacks is not
    told of them, nor the year of the plan's last targets, until those rows are read."""
    numeric = indicators[indicators["kind"] != "qualitative"]
    targets = values[values["value_type"] == "target"]
    baselines = values[values["value_type"] == "baseline"]
    told = Mistakes()  # every row's mistakes at once: a plan's author fixes them in one round
    for row in targets[targets["year"] <= plan.base_year].sort_values("source_line").itertuples():
        told.add(InputError(plan_error("table.target_before_base", indicator=_label(row), year=row.year,
                                       base_year=plan.base_year), file=source_path, line=row.source_line, field="year"))
    for row in numeric.itertuples():
        whole = None not in refused and (row.indicator_id, row.series) not in refused
        with told.row():
            _check_series(plan, row, targets, baselines, source_path, kinds_path, kind_lines, whole)
    final = max(year for year, kind in plan.evaluations.items() if kind == "final")
    last = int(targets["year"].max()) if not targets.empty else final
    if last > final and (targets["year"] == final).any():
        # the plan's targets end in the final evaluation's year but for a few rows past it: a year mistyped in them
        for row in targets[targets["year"] > final].sort_values("source_line").itertuples():
            told.add(InputError(plan_error("table.target_after_final", indicator=_label(row), year=row.year,
                                           final=final), file=source_path, line=row.source_line, field="year"))
    if mistakes is not None:
        for error in told.errors:
            mistakes.add(error)
    if told.errors or refused:
        if mistakes is None:
            told.check()
        return
    if last != final:
        error = InputError(plan_error("table.final_not_last", final=final, last=last), file=plan.folder / PLAN_FILE,
                           line=line_of(plan.lines, f"evaluations.{final}"), field="evaluations")
        if mistakes is None:
            raise error
        mistakes.add(error)


def _check_series(plan: Plan, row, targets: pd.DataFrame, baselines: pd.DataFrame, source_path: Path,
                  kinds_path: Path, kind_lines: dict[tuple, int], whole: bool = True) -> None:
    """One numeric series' targets and baselines: a target, a range's bounds, baselines before the targets; what it
    lacks only where it is ``whole`` (none of its rows refused)."""
    key = (row.indicator_id, row.series)
    own_targets = targets[(targets["indicator_id"] == key[0]) & (targets["series"] == key[1])]
    own_baselines = baselines[(baselines["indicator_id"] == key[0]) & (baselines["series"] == key[1])]
    line = kind_lines.get(key)
    if own_targets.empty and not whole:
        return  # its targets refused, told with their rows
    if own_targets.empty:
        raise InputError(plan_error("table.no_target", indicator=_label(row)), file=kinds_path, line=line,
                         field="indicator_id")
    if row.direction == "within" and own_targets["upper"].isna().any():
        raise InputError(plan_error("table.range_printed", indicator=_label(row)), file=kinds_path, line=line,
                         field="direction")
    ahead = own_targets[own_targets["year"] > plan.base_year]  # a target in or before the base year is told apart
    first = int(ahead["year"].min()) if not ahead.empty else None
    late = own_baselines[own_baselines["year"] >= first] if first is not None else own_baselines.iloc[:0]
    if not late.empty:
        bad = late.iloc[0]
        raise InputError(plan_error("table.baseline_late", indicator=_label(row), year=bad.year, first=first),
                         file=source_path, line=int(bad.source_line), field="year")
    if own_baselines.empty and whole and not str(getattr(row, "base_source", "")).strip():
        raise InputError(plan_error("table.no_baseline", indicator=_label(row), base_year=plan.base_year),
                         file=kinds_path, line=line, field="base_source")


def resolve_relative_targets(plan: Plan, indicators: pd.DataFrame,
                             values: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """``values`` with every relative target made absolute from its series' base value, and the findings the
    data-quality log should list: each target resolved (or waiting for its base value), and each base value
    that comes from statistics rather than the plan (or is still awaited)."""
    findings: list[dict] = []
    kinds = indicators.set_index(["indicator_id", "series"])
    directions = kinds["direction"]
    keep = pd.Series(True, index=values.index)
    values = values.copy()
    for row in indicators.itertuples():
        key = (row.indicator_id, row.series)
        if not str(row.base_source).strip() or kinds.loc[key, "kind"] == "qualitative":
            continue
        base = _base_point(values, key, plan.base_year)
        # the statistic and the publication in the finding's language where their writer gave it
        findings.append(_finding("base_from_statistics", key, plan.base_year, base,
                                 lambda w, base=base, row=row, of=kinds.loc[key]: w.text(
                                     "quality_detail.base_from_statistics" if base is not None
                                     else "quality_detail.base_awaited", base_year=plan.base_year,
                                     value=alone_in_unit(w, of, fmt_printed(base.printed_text, base.value))
                                     if base is not None else "",
                                     reference=in_language(base, "reference", w) if base is not None else "",
                                     source=in_language(row, "base_source", w))))
    for index, row in values[values["processing"].str.contains(RELATIVE, regex=False)].iterrows():
        basis = next(p for p in row.processing.split(";") if p.startswith(RELATIVE))[len(RELATIVE):]
        key = (row.indicator_id, row.series)
        # a percent or points of change goes the way the series is better: 下降15% of a lower-is-better series is down
        down = basis != "multiple" and lower_is_better(directions[key])
        worded = basis + ("_down" if down else "")
        base = _base_point(values, key, plan.base_year)
        factor = row.value
        if base is None:
            keep[index] = False  # the series waits for its base value
            findings.append(_finding("relative_target", key, row.year, None, lambda w, row=row, worded=worded: w.text(
                "quality_detail.relative_waiting", year=row.year, base_year=plan.base_year, text=row.printed_text,
                basis=w[f"target_basis.{worded}"])))
            continue
        target = _absolute(basis, base.value, factor, down)
        values.at[index, "value"] = target
        if not math.isnan(row.upper):
            values.at[index, "upper"] = _absolute(basis, base.value, row.upper, down)
        # the base and the target made absolute in the series' unit (2.4%, 380家), the target as every finding gives it
        findings.append(_finding("relative_target", key, row.year, None, lambda w, row=row, worded=worded, base=base,
                                 target=target, of=kinds.loc[key]: w.text(
                                     f"quality_detail.relative_{worded}", year=row.year, base_year=plan.base_year,
                                     base=in_unit(w, of, fmt_printed(base.printed_text, base.value)),
                                     k=fmt_exact(row.value), value=target_in_unit(w, of, fmt_number(target)))))
        if met_by(base.value, values.loc[index], directions[key]):  # the base already meets the target made absolute
            detail = ("quality_detail.baseline_meets_target_every_year" if directions[key] in HELD_EVERY_YEAR
                      else "quality_detail.baseline_meets_target")
            # both in the series' unit, the target with its sign where held every year, as the table's findings (a
            # level worked out from a relative target, never printed bare: no word of the table's sign); checked each
            # year from the series' first target year
            first = int(values.loc[(values["indicator_id"] == key[0]) & (values["series"] == key[1])
                                   & (values["value_type"] == "target"), "year"].min())
            findings.append(_finding("baseline_meets_target", key, base.year, base, lambda w, row=row, base=base,
                                     target=target, detail=detail, of=kinds.loc[key],
                                     first=first: w.text(
                                         detail, year=base.year, first=first, unsigned="",
                                         value=in_unit(w, of, fmt_printed(base.printed_text, base.value)),
                                         targets=w.text("quality_detail.target_item", year=row.year,
                                                        value=target_in_unit(w, of, fmt_number(target))))))
    return values[keep].reset_index(drop=True), findings


def _absolute(basis: str, base: float, k: float, down: bool = False) -> float:
    """A target written relative to the base value, made absolute; ``down``: a percent or points of decline."""
    sign = -1 if down else 1
    return {"multiple": base * k, "percent": base * (1 + sign * k / 100), "points": base + sign * k}[basis]


def _base_point(values: pd.DataFrame, key: tuple, base_year: int):
    """The series' value for the base year: a published actual before the printed baseline; None if neither."""
    points = values[(values["indicator_id"] == key[0]) & (values["series"] == key[1]) & (values["year"] == base_year)
                    & values["value_type"].isin(["actual", "baseline"])]
    if points.empty:
        return None
    return points.sort_values("value_type", key=lambda s: s.map({"actual": 0, "baseline": 1})).iloc[0]


def _finding(issue: str, key: tuple, year, point, detail) -> dict:
    return {"issue": issue, "indicator_id": key[0], "series": key[1], "year": year,
            "printed_text": "" if point is None else str(point.printed_text),
            "value": math.nan if point is None else float(point.value),
            "source": "" if point is None else str(point.source),
            "source_line": 1 if point is None else int(point.source_line), **details(detail)}


def _label(row) -> str:
    return series_of(row.indicator_id, row.series, quote)

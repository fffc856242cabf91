"""Notebook 04's answers about one series, in the report's words: how its status depends on the method, "what if",
and what the plan's own numbers ask.

The numbers are :mod:`analysis.assess.what_if`'s; the words are the catalogs' (``explore``), with the report's way
of writing values, targets and paces (:func:`~analysis.report.words.value_text`,
:func:`~analysis.report.words.target_text`, :func:`~analysis.report.words.change_per_year`). Every answer is
about the chosen series, whatever its kind: a count, a share, an intensity to lower, a yearly floor, a rank, a
range, a qualitative indicator.
"""
from __future__ import annotations

import math

import pandas as pd

from ..assess.assessment import Series, plan_start_year, series_by_key
from ..assess.rates import direction_sign
from ..assess.warning_list import shown_status, stage_met, stage_missed
from ..assess.what_if import growth_needed, sensitivity, year_reached, yearly_checks
from ..catalog import Catalog
from ..parameters import check_rate, check_year
from ..vocabulary import HELD_EVERY_YEAR, target_range
from .charts import card_chart
from .context import ReportContext
from .numbers import MISSING, fmt_number, fmt_pct, fmt_signed, half_up, is_missing
from .words import (
    amount,
    change_per_year,
    is_percent,
    localized,
    named,
    paired_pace,
    status_note,
    status_text,
    target_text,
    value_text,
    year,
)

HORIZON = 50  # years: "what if" looks no further
#: "What if" without a growth rate chosen (``growth_rate = None``): +5% a year for a compound rate, +0.05 a year in
#: the unit for a linear one, and for a rank, where a fraction of a place means nothing, up one place a year.
DEFAULT_RATE, DEFAULT_RANK_RATE = 0.05, -1.0


def chosen_rate(row, growth_rate, words: Catalog | None = None) -> float:
    """The rate "what if" goes at: ``growth_rate`` checked (a number, or its digits as text), or where it is None the
    series' default (:data:`DEFAULT_RATE`; up one place a year for a rank)."""
    if growth_rate is None:
        return DEFAULT_RANK_RATE if row.kind == "rank" else DEFAULT_RATE
    return check_rate(growth_rate, words=words)  # "5%" or "2022" as text: told, not a Python error


def method_comparison(context: ReportContext, row) -> tuple[str, pd.DataFrame]:
    """How the series' status depends on the method: a sentence where it does not (a final verdict, a qualitative
    indicator, no data), else a table of the progress ratio and the status by each cut-off scheme and each rate
    method (the series' own marked), in the report's words. One of the two is empty."""
    words = context.words
    name = localized(row, "short_name", words.language)
    if row.kind == "qualitative":
        return words.text("explore.qualitative", name=name), pd.DataFrame()
    if row.status == "insufficient_data":
        return _no_data(context, row), pd.DataFrame()
    if _held(row) and report_year_held(context, row):  # met or missed year by year: no ratio, cut-off or rate has a
        # say (before its first year held, its pace is rated as any series' is: the table below)
        note = status_note(row, words)
        return words.text("explore.held", name=name, target=_target(row, words), first=_first_held(context, row),
                          status=status_text(row, words, "status_in_sentence"),
                          note=words.text("grammar.aside", text=note) if note else ""), pd.DataFrame()
    if row.verdict == "final":
        # a stage target's verdict is on that stage, not on the plan (method, item 1)
        key = "explore.stage" if stage_met(row) or stage_missed(row) else "explore.final"
        note = status_note(row, words)  # none for a rank reached or not, with nothing else to say: no brackets
        return words.text(key, target_year=year(row.target_year), status=status_text(row, words, "status_in_sentence"),
                          value=_value(row, row.latest_value, words), year=year(row.as_of_year),
                          target=_target(row, words),
                          note=words.text("grammar.aside", text=note) if note else ""), pd.DataFrame()
    table = sensitivity(context.indicators, context.values, context.report_year, context.plan["base_year"],
                        row.indicator_id, row.series)
    headers = words["explore.headers"]
    rates = ["rank" if row.kind == "rank" else method for method in table["rates"]]
    return "", pd.DataFrame({
        headers["rates"]: [words[f"explore.rates.{method}"] for method in rates],
        headers["scheme"]: [words[f"explore.schemes.{scheme}"] for scheme in table["scheme"]],
        # a target met before its year is rated by its level (method, item 2): no ratio beside it
        headers["ratio"]: [MISSING if is_missing(ratio) or status in ("achieved", "achieved_at_risk")
                           else str(half_up(ratio, 2)).replace("-", "−")
                           for ratio, status in zip(table["progress_ratio"], table["status"])],
        # each status as the report would show it for this series (a target met ahead of its year, "projected to
        # miss" once the target year has come without its value: never "accelerate" then)
        headers["status"]: [words.status(shown_status(row._replace(status=status, verdict=verdict)))
                            for status, verdict in zip(table["status"], table["verdict"])],
        headers["own"]: [words["explore.own"] if own and scheme == context.scheme else ""
                         for own, scheme in zip(table["own"], table["scheme"])],
    })


def method_caption(context: ReportContext, row) -> str:
    return context.words.text("explore.caption", name=_name(row, context.words), year=context.report_year)


def what_if(context: ReportContext, row, growth_rate: float | None = None, from_year: int | None = None) -> list[str]:
    """From the latest value, the year the binding target (once a stage target is judged on its year's value, the
    next target) is met at ``growth_rate`` a year (a fraction for compound
    rates, the series' unit a year for linear ones, places a year for a rank: −1 is up one place; None: the series'
    default, :func:`chosen_rate`); from
    ``from_year``'s value (the base year's when None), the growth a year each later target needs. A target held
    every year is checked year by year instead; a qualitative indicator has nothing to compute, which
    :func:`method_comparison` says in full and this refers back to."""
    words = context.words
    growth_rate = chosen_rate(row, growth_rate, words)
    from_year = None if from_year is None else check_year(from_year, field="from_year", words=words)
    if row.kind == "qualitative":  # said in full by the notebook's section before (method_comparison): referred to
        return [words["explore.qualitative_again"]]
    data = _series(context, row)
    if _held(row):
        return [_yearly(context, row, data)]
    if is_missing(row.latest_value):
        return [_no_data(context, row)]
    if row.verdict == "final" and not is_missing(row.next_target_year):
        # a stage target judged on its year's value: what is ahead is the next target (the card's "needed per year")
        lines = [_reach(row, words, int(row.as_of_year), row.latest_value, int(row.next_target_year), growth_rate,
                        data, _written(context, row))]
    else:
        lines = [_reach(row, words, int(row.as_of_year), row.latest_value, int(row.target_year), growth_rate)]
    start_year = from_year if from_year is not None else (int(row.base_year) if not is_missing(row.base_year)
                                                          else data.points[0][0])
    values = dict(data.points)
    if start_year in values:
        lines.append(_needed(context, row, start_year, values[start_year], data))
    else:
        lines.append(words.text("explore.no_value_in", year=start_year,
                                years=words["grammar.comma"].join(str(y) for y in values)))
    return lines


def plan_numbers(context: ReportContext, row, growth_rate: float | None = None) -> list[str]:
    """What the plan's printed numbers alone say of the series, so the answer holds whatever values are published
    later: its baselines and targets, the growth a year each target needs from the last printed baseline (for a
    target held every year, whether that baseline meets it), and the year its last target is met at
    ``growth_rate`` a year from that baseline. A qualitative indicator's line refers back to
    :func:`method_comparison`'s."""
    words = context.words
    growth_rate = chosen_rate(row, growth_rate, words)
    name = _name(row, words)
    if row.kind == "qualitative":  # said in full once, by method_comparison: referred to
        return [words["explore.qualitative_again"]]
    printed = context.series_values(row.indicator_id, row.series)
    baselines = printed[printed["value_type"] == "baseline"].sort_values("year")
    targets = printed[printed["value_type"] == "target"].sort_values("year")
    listed = words["grammar.comma"].join
    items = [words.text("explore.printed_item", value=_value(row, point.value, words), year=int(point.year))
             for point in baselines.itertuples()]
    target_items = [words.text("explore.printed_item", value=_target(row, words, point.value, point.upper),
                               year=int(point.year)) for point in targets.itertuples()]
    lines = [words.text("explore.printed", name=name, baselines=listed(items) or words["explore.printed_none"],
                        targets=listed(target_items) or words["explore.printed_none"])]
    if baselines.empty or targets.empty:
        return lines
    base_year, base = int(baselines["year"].iloc[-1]), float(baselines["value"].iloc[-1])
    plan = Series([(int(y), float(v)) for y, v in zip(baselines["year"], baselines["value"])],
                  {int(y): float(v) for y, v in zip(targets["year"], targets["value"])},
                  {int(y): float(u) for y, u in zip(targets["year"], targets["upper"]) if not is_missing(u)})
    if _held(row):
        first = min(plan.targets)
        d = direction_sign(_written(context, row))
        lines.append(words.text("explore.printed_held", target=_target(row, words, plan.targets[first]),
                                first=_first_held(context, row), year=base_year, value=_value(row, base, words),
                                meets=words["explore.meets" if d * (base - plan.targets[first]) >= 0
                                            else "explore.misses"]))
        return lines
    lines.append(_needed(context, row, base_year, base, plan))
    last = max(plan.targets)
    lines.append(_reach(row, words, base_year, base, last, growth_rate, plan, _written(context, row)))
    return lines


def growth_from_latest(context: ReportContext, row) -> str:
    """Notebook 02's example: the series named, and from its latest value the growth a year each target of the report
    year's growth table (``required_growth.csv``) needs, in the report's words; a target already met said so."""
    words = context.words
    name = _name(row, words)
    if row.kind == "qualitative":
        return words.text("explore.qualitative", name=name)
    growth = context.growth
    rows = growth[(growth["indicator_id"] == row.indicator_id) & (growth["series"] == row.series)]
    if rows.empty:
        return _no_data(context, row)
    items = []
    for target in rows.sort_values("target_year").itertuples():
        fields = dict(target=_target(row, words, target.target_value), target_year=int(target.target_year))
        if target.already_met:
            items.append(words.text("explore.needed_met", **fields))
            continue
        pace = _pace(row, words, {"linear": target.required_per_year, "compound": target.required_cagr})
        items.append(words.text("explore.needed_item_rank" if row.kind == "rank" else "explore.needed_item",
                                pace=pace, **fields))
    first = rows.iloc[0]
    return words.text("explore.needed_named", name=name, value=_value(row, first["from_value"], words),
                      year=int(first["from_year"]), items=words.join(items))


def status_lines(context: ReportContext) -> list[str]:
    """Notebook 02's list: each numeric series' number, series, rates, progress ratio and status, in the report's
    words. A series without a verdict on its pace (insufficient data) has no progress ratio, said so, not a number
    computed from its printed baselines alone; nor has one whose ratio cannot be computed."""
    words = context.words
    lines = []
    for row in context.assessment.itertuples():
        if row.status == "qualitative":
            continue
        if row.status == "insufficient_data" or is_missing(row.progress_ratio):
            ratio = words["explore.ratio_none"]
        else:
            ratio = words.text("explore.ratio_line", ratio=f"{row.progress_ratio:.2f}".replace("-", "−"))
        series = words["series"].get(row.series, row.series)
        rates = words["explore.rates"][row.method]  # the report's words, not the codes of assessment.csv
        lines.append(f"{row.indicator_id:>2} {series:<10} {rates:<24} {ratio:<22} {words.status(row.status)}")
    return lines


def course_chart(context: ReportContext, row, size: tuple[float, float] = (9, 5)):
    """The series' course at full size (its card's chart), or None where there is none to draw: a qualitative
    indicator, or a series with no value at all yet (a target alone: the card's table says it)."""
    if row.kind == "qualitative":
        return None
    return card_chart(context, row, size=size)


# --- the pieces -----------------------------------------------------------------------------------------

def _no_data(context: ReportContext, row) -> str:
    """Insufficient data, whatever the method: no value after the base year, or (a baseline not collected yet)
    no value at all."""
    words = context.words
    key = "explore.no_data" if _series(context, row).points else "explore.no_value"
    return words.text(key, name=_name(row, words))


def _name(row, words: Catalog) -> str:
    """The series' name, with its unit as a label where the language does not write units after numbers."""
    return named(row, words)


def _value(row, value: float, words: Catalog) -> str:
    """2.4%, 1,049家 (1,049 in English, the unit named with the series), No. 21: a value as the report writes it."""
    if row.kind == "rank":
        return value_text(row, value, words)
    return amount(row, fmt_number(value), words)


def _target(row, words: Catalog, value: float | None = None, upper: float | None = None) -> str:
    """A target as the plan sets it (2.8%, ≥90%, 2–3, =3, top 18), in the report's way with units."""
    text = target_text(row, words, value, upper)
    return text if row.kind == "rank" else amount(row, text, words)


def _written(context: ReportContext, row) -> str:
    """The direction the plan sets (``within`` for a range), not the side the assessment approaches it from."""
    indicators = context.indicators
    match = indicators[(indicators["indicator_id"] == row.indicator_id) & (indicators["series"] == row.series)]
    return str(match["direction"].iloc[0])


def _held(row) -> bool:
    return row.method == "annual_floor" or row.direction in HELD_EVERY_YEAR


def report_year_held(context: ReportContext, row) -> bool:
    """Whether the report year is one the level is held in (from ``held_from``): before it, a value is rated by its
    pace, as any series' is."""
    return context.report_year >= _first_held(context, row)


def _first_held(context: ReportContext, row) -> int:
    """The first year a level held every year is checked in, as the assessment checks it (``held_from``: 2023 for a
    level the plan sets for 2023 and 2024), else the plan period's first year."""
    held_from = getattr(row, "held_from", None)
    if held_from is not None and not is_missing(held_from):
        return int(held_from)
    return plan_start_year(context.values) or context.plan["base_year"] + 1


def _series(context: ReportContext, row) -> Series:
    return series_by_key(context.values, context.report_year).get((row.indicator_id, row.series), Series([], {}))


def _rate(row, words: Catalog, growth_rate: float) -> str:
    """At +5.0% a year, at +0.05 pp a year, moving up 2 places a year: the rate as the reader gave it, not rounded
    as a pace the report computed is (0.004 pp a year is not "0 pp", 0.05 places not "0.1")."""
    if row.kind == "rank":
        places = abs(growth_rate)
        if places == 0:  # "holding its place", not "moving no change in place"
            return words["explore.rank_held"]
        key = ("rank.up" if growth_rate < 0 else "rank.down") + ("_one" if places == 1 else "")
        return words.text("explore.rank_rate", pace=words.text(key, places=fmt_number(places)))
    if row.method == "compound":
        return words.text("explore.per_year", pace=fmt_pct(growth_rate))
    pace = fmt_signed(growth_rate) + (words["pace.percentage_points"] if is_percent(row) else "")
    return words.text("explore.per_year", pace=pace)


def _bound(direction: str, value: float, upper: float, start: float) -> tuple[str, float]:
    """The side a series at ``start`` approaches a target from, and the value it must reach there."""
    span = target_range(direction, value, upper)
    return span.approach(start) if span is not None else (direction, value)


def _reach(row, words: Catalog, start_year: int, start: float, target_year: int, growth_rate: float,
           data: Series | None = None, written: str | None = None) -> str:
    """From ``start`` in ``start_year`` at ``growth_rate`` a year: the year the target of ``target_year`` is met."""
    if data is None:  # the assessment's binding target, approached from the side it reports
        direction, bound = row.direction, row.target_value
        target = _target(row, words)
    else:
        upper = data.uppers.get(target_year, math.nan)
        direction, bound = _bound(written, data.targets[target_year], upper, start)
        target = _target(row, words, data.targets[target_year], upper if not math.isnan(upper) else None)
    fields = dict(latest=_value(row, start, words), year=start_year, target_year=target_year, target=target,
                  rate=_rate(row, words, growth_rate), horizon=HORIZON)
    if direction_sign(direction) * (start - bound) >= 0:
        return words.text("explore.reach_met", **fields)
    method = "compound" if row.method == "compound" else "linear"
    reached = year_reached(start_year, start, bound, growth_rate, method, direction, HORIZON)
    if reached is None:
        return words.text("explore.reach_never", **fields)
    return words.text("explore.reach", reached=reached, **fields)


def _needed(context: ReportContext, row, start_year: int, start: float, data: Series) -> str:
    """From ``start`` in ``start_year``: the growth a year each later target needs, in the series' method."""
    words = context.words
    written = _written(context, row)
    items = []
    for target_year in sorted(y for y in data.targets if y > start_year):
        upper = data.uppers.get(target_year, math.nan)
        direction, bound = _bound(written, data.targets[target_year], upper, start)
        fields = dict(target=_target(row, words, data.targets[target_year], upper if not math.isnan(upper) else None),
                      target_year=target_year)
        if direction_sign(direction) * (start - bound) >= 0:
            items.append(words.text("explore.needed_met", **fields))
            continue
        needed = growth_needed(start_year, start, target_year, bound)
        items.append(words.text("explore.needed_item_rank" if row.kind == "rank" else "explore.needed_item",
                                pace=_pace(row, words, needed), **fields))
    if not items:  # from the last target year: nothing ahead to need growth for
        return words.text("explore.needed_none", value=_value(row, start, words), year=start_year)
    return words.text("explore.needed", value=_value(row, start, words), year=start_year, items=words.join(items))


def _pace(row, words: Catalog, needed: dict[str, float]) -> str:
    """+0.15 pp (+6.1%), +15.1% (about +184), up 0.6 places a year: as the scorecard's "needed per year" (the
    sentence names the unit with the values)."""
    if row.kind == "rank":
        return change_per_year(needed["linear"], row, words)
    linear = change_per_year(needed["linear"], row, words)
    if is_missing(needed["compound"]):
        return linear
    return paired_pace(row, words, needed["compound"], linear)


def _yearly(context: ReportContext, row, data: Series) -> str:
    """A target held every year, year by year from the plan period's first year: each value, met or missed."""
    words = context.words
    first = _first_held(context, row)
    target = _target(row, words, data.targets[min(data.targets)]) if data.targets else MISSING
    checks = yearly_checks(data.points, data.targets, _written(context, row), first)
    if not checks:
        return words.text("explore.yearly_none", target=target, first=first)
    items = [words.text("explore.yearly_item", year=y, value=_value(row, value, words),
                        verdict=words["explore.met" if met else "explore.missed"]) for y, value, _, met in checks]
    return words.text("explore.yearly", target=target, first=first, items=words.join(items))

"""Values no statistic of their kind can take, and values far off their series.

Two kinds of check, for every number a person gives (an observation, a corrected cell) and for
the kind the metadata gives an indicator:

* **impossible** (refused, no way round): a share outside 0–100 %, a negative count, amount,
  intensity or share (``-0`` included), a magnitude of 10^15 or more. A kind the table's own
  numbers contradict (a "share" printed as 22154, a "count" in %) is a mistake in the metadata.
* **implausible** (refused unless the row confirms it): a count, amount or intensity more than
  three times, or less than a third of, the previous value of its series; a share off by a factor
  near 10 or 100 (a misplaced decimal point, a fraction typed for a percentage) or moving more than
  10 percentage points a year, or, for a share below 10 % (R&D intensity), more than twice or less than half of the
  previous value; a zero after a value that was not (how "no data" is often typed); a
  rate of change outside −100…100 %, or of the other sign than the previous value and more than
  :data:`RATE_OTHER_SIGN` percent (a fall typed as a negative rate of decline; energy use per unit of GDP rising by
  2 % after falling, a decline of −2, is plausible). If such a value is right, the
  row says why in its ``confirm`` column; the value is then kept and the confirmation goes to the
  data-quality log.

The previous value of a series is its latest earlier point (a printed baseline or an actual),
or the printed value of the same year for a revision, or else its earliest later point.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..catalog import Catalog, catalog, plan_error, told_words
from ..errors import InputError, display_path, quote
from ..ingest.csv_reader import MAX_MAGNITUDE
from ..numbers import fmt_exact
from ..text import visible

NON_NEGATIVE_KINDS = ("count", "amount", "intensity", "share")
RATIO_KINDS = ("count", "amount", "intensity")
#: More than this many times (or less than its inverse) the previous value is implausible.
MAX_RATIO = 3.0
#: A share moving more than this many percentage points a year is implausible.
MAX_SHARE_POINTS_PER_YEAR = 10.0
#: A share whose previous value is below this many percent (R&D intensity, 2.4) is also held to a ratio: ten points
#: a year would let it pass at seven times itself.
SMALL_SHARE = 10.0
#: More than this many times (or less than its inverse) the previous value of a small share is implausible.
MAX_SMALL_SHARE_RATIO = 2.0
#: A share whose ratio to the previous value lies this close (in powers of ten) to 10 or 100.
FACTOR_TOLERANCE = 0.15
#: How far inside the refused factors the plausible range a workbook shows ends (in powers of ten).
FACTOR_MARGIN = 0.005
RATE_LIMIT = 100.0
#: A rate of change of the other sign than the previous value up to this many percent is plausible (a decline of
#: energy use per unit of GDP of −2: it rose by 2 %); beyond, it is asked about (a fall of 30 typed as −30).
RATE_OTHER_SIGN = 10.0
#: A ratio to the previous value from which a message asks whether the value is in another unit.
UNIT_RATIO = 9.5
PERCENT_UNITS = ("%",)


@dataclass(frozen=True)
class Point:
    """A value of a series and where it was given (as each language names it, where its source has a name in each:
    by language)."""

    year: int
    value: float
    where: str | dict[str, str]
    printed: bool


def impossible(value: float, kind: str, words: Catalog | None = None) -> str | None:
    """Why ``value`` cannot be a value of an indicator of ``kind``, or None; in ``words``' language (English by
    default)."""
    words = words or catalog("en")
    if kind == "rank" and not (value >= 1 and float(value).is_integer()):
        return words.text("plausibility.rank", value=fmt_exact(value))
    if kind in NON_NEGATIVE_KINDS and (value < 0 or math.copysign(1.0, value) < 0):
        shown = words["plausibility.negative_zero"] if value == 0 else fmt_exact(value)
        return words.text("plausibility.negative", value=shown, kind=words[f"plausibility.kinds.{kind}"])
    if kind == "share" and value > 100:
        return words.text("plausibility.share_above", value=fmt_exact(value))
    return None


def implausible(value: float, year: int, previous: Point, kind: str, compared: str | None = None,
                words: Catalog | None = None) -> str | None:
    """Why ``value`` (for ``year``) is far off ``previous``, a point of its series, or None; in ``words``' language
    (English by default). ``compared``: how the message names ``previous`` (the previous value)."""
    words = words or catalog("en")

    def says(key: str, **fields) -> str:
        return words.text(f"plausibility.{key}", value=fmt_exact(value), **fields)

    # a value the plan prints is named as the plan's (a department's clerk knows the plan, not its text file); another
    # by its source's name in the message's language
    where = previous.where.get(words.language, "") if isinstance(previous.where, dict) else previous.where
    where = words.text("plausibility.printed_where", where=where) if previous.printed else where
    before = words.text("plausibility.before", compared=compared or words["plausibility.previous_value"],
                        value=fmt_exact(previous.value), year=previous.year, where=where)
    if kind == "rate_of_change":
        if not -RATE_LIMIT <= value <= RATE_LIMIT:
            return says("rate_range")
        if previous.where and value * previous.value < 0 and abs(value) > RATE_OTHER_SIGN:
            return says("rate_sign", before=before)
        return None
    if kind in RATIO_KINDS + ("share",) and value == 0 and previous.value > 0:
        return says("zero", before=before)
    if kind in RATIO_KINDS and previous.value > 0 and value > 0:
        ratio = value / previous.value
        # ten times or more (a tenth or less): a value in yuan for 亿元, in persons for 万人 (a unit told apart)
        hint = words["plausibility.unit_hint"] if max(ratio, 1 / ratio) >= UNIT_RATIO else ""
        if ratio > MAX_RATIO:
            return says("times", ratio=f"{ratio:,.1f}", before=before, hint=hint)
        if ratio < 1 / MAX_RATIO:
            return says("fraction", ratio=f"{1 / ratio:,.1f}", before=before, hint=hint)
    if kind == "share":
        if previous.value > 0 and value > 0:
            power = abs(math.log10(value / previous.value))
            for factor, exponent in ((10, 1), (100, 2)):
                if abs(power - exponent) <= FACTOR_TOLERANCE:
                    return says("factor", factor=factor, before=before)
            ratio = value / previous.value
            if previous.value < SMALL_SHARE and ratio > MAX_SMALL_SHARE_RATIO:  # 12.5 after 2.4: five times
                return says("times", ratio=f"{ratio:,.1f}", before=before, hint="")
            if previous.value < SMALL_SHARE and ratio < 1 / MAX_SMALL_SHARE_RATIO:
                return says("fraction", ratio=f"{1 / ratio:,.1f}", before=before, hint="")
        years = max(1, abs(year - previous.year))
        # to the digits a share is given with: 40.2 − 10.2 is 30 points, not the 30.000000000000004 of binary floats
        points = round(abs(value - previous.value) / years, 9)
        if points > MAX_SHARE_POINTS_PER_YEAR:
            return says("points", points=f"{points:.1f}", before=before)
    return None


def plausible_range(kind: str, previous: float | None, years: int = 1) -> tuple[float, float]:
    """The range of values :func:`impossible` and :func:`implausible` let pass for a series of ``kind`` whose
    previous value ``previous`` lies ``years`` years back (a data-entry workbook's validation shows it).

    A share's range ends short of a factor near 10 from the previous value (its misplaced decimal point).
    """
    if kind == "rate_of_change":  # the other sign than the previous rate's up to RATE_OTHER_SIGN (a fall typed as
        # a rise is asked about, a small rise after a fall not)
        if previous is not None and previous > 0:
            return -RATE_OTHER_SIGN, RATE_LIMIT
        if previous is not None and previous < 0:
            return -RATE_LIMIT, RATE_OTHER_SIGN
        return -RATE_LIMIT, RATE_LIMIT
    if kind == "rank":  # a place: the first or a later one, whatever the place before (impossible: below 1)
        return 1.0, MAX_MAGNITUDE
    low = 0.0 if kind in NON_NEGATIVE_KINDS else -MAX_MAGNITUDE
    high = 100.0 if kind == "share" else MAX_MAGNITUDE
    if previous is None or not previous > 0:
        return low, high
    if kind in RATIO_KINDS:
        return max(low, previous / MAX_RATIO), min(high, previous * MAX_RATIO)
    if kind == "share":
        # within the points a share may move, and short of a factor near 10 either way (a misplaced decimal point,
        # refused however few points it moves): 2.4 gives 0.34–16.8, as the checks let pass
        points = MAX_SHARE_POINTS_PER_YEAR * max(1, years)
        factor = 10 ** (1 - FACTOR_TOLERANCE - FACTOR_MARGIN)
        if previous < SMALL_SHARE:  # a small share: within half and twice the previous value too (2.4: 1.2–4.8)
            factor = MAX_SMALL_SHARE_RATIO
        return max(low, previous - points, previous / factor), min(high, previous + points, previous * factor)
    return low, high


def previous_point(points: list[Point], year: int) -> Point | None:
    """The point a value for ``year`` is compared with (see the module's docstring); a zero is skipped while
    the series has a value that is not, since nothing is a multiple of zero."""
    points = [p for p in points if p.value != 0] or points
    earlier = [p for p in points if p.year < year or (p.year == year and p.printed)]
    if earlier:
        return max(earlier, key=lambda p: (p.year, p.printed))
    later = [p for p in points if p.year > year]
    return min(later, key=lambda p: p.year) if later else None


# --- the plan's table ----------------------------------------------------------------------------

def check_table_values(indicators: pd.DataFrame, values: pd.DataFrame, cells: pd.DataFrame,
                       corrections: pd.DataFrame, corrections_path: Path, kinds_path: Path,
                       kind_lines: dict[tuple, int], source_path: Path) -> None:
    """The table's numbers against the kinds of their indicators, and corrected cells against their series.

    ``cells`` are the table's cells with their corrected ``text`` and ``correction`` reason;
    ``kind_lines`` gives the line of ``kinds_path`` where each series' kind is set. Mistakes are told in the language
    the run tells a plan's mistakes in (:func:`~analysis.catalog.plan_error`).
    """
    words = told_words()
    kinds = {(r.indicator_id, r.series): r for r in indicators.itertuples()}
    corrected = {(r.indicator_id, r.series, r.field): r for r in corrections.itertuples()}
    field_of = {(r.indicator_id, r.year, r.value_type, r.source_line): r.field for r in cells.itertuples()}
    for key, meta in kinds.items():
        if meta.kind in ("qualitative",):
            continue
        if meta.kind == "share" and not all(u.strip() in PERCENT_UNITS for u in (meta.unit_zh, meta.unit_en)):
            raise InputError(plan_error("hand_files.share_unit", unit=quote(meta.unit_en)), file=kinds_path,
                             line=kind_lines.get(key), field="kind")
        if meta.kind in ("count", "amount") and any(u.strip() in PERCENT_UNITS for u in (meta.unit_zh, meta.unit_en)):
            raise InputError(plan_error("hand_files.percent_unit", quoted=quote(meta.kind), kind=meta.kind),
                             file=kinds_path, line=kind_lines.get(key), field="kind")
        series = values[(values.indicator_id == key[0]) & (values.series == key[1])]
        for row in series.itertuples():
            if "relative:" in row.processing:  # a multiple or an increase, checked once made absolute
                continue
            field = field_of.get((row.indicator_id, row.year, row.value_type, row.source_line), row.value_type)
            correction = corrected.get((row.indicator_id, "", field)) or corrected.get((row.indicator_id, row.series,
                                                                                       field))
            problem = impossible(row.value, meta.kind, words)
            if problem is None and meta.kind == "rate_of_change" and abs(row.value) > RATE_LIMIT:
                problem = plan_error("hand_files.rate_outside", value=fmt_exact(row.value))
            if problem is None and abs(row.value) >= 1e15:
                problem = plan_error("hand_files.too_large", value=fmt_exact(row.value))
            if problem is None:
                continue
            if correction is not None:
                raise InputError(problem, file=corrections_path, line=correction.csv_line, field="corrected_value")
            raise InputError(plan_error("hand_files.kind_contradicts", kind=quote(meta.kind),
                                        printed=row.printed_text.strip(), field=field,
                                        where=f"{display_path(source_path)}:{row.source_line}", problem=problem),
                             file=kinds_path, line=kind_lines.get(key), field="kind")
        for correction in corrections.itertuples():
            if correction.indicator_id != key[0] or correction.series not in ("", key[1]):
                continue
            _check_corrected_cell(correction, series, meta.kind, field_of, corrections_path, source_path,
                                  corrections.attrs.get("columns", ["confirm"]))


def _check_corrected_cell(correction, series: pd.DataFrame, kind: str, field_of: dict, corrections_path: Path,
                          source_path: Path, corrections_columns=("confirm",)) -> None:
    """A corrected value far off the other values of its series needs a confirmation (``corrections_columns``: the
    columns the corrections file's header names, which may lack the confirm column)."""
    def field(row) -> str:
        return field_of.get((row.indicator_id, row.year, row.value_type, row.source_line), "")

    own = [row for row in series.itertuples() if field(row) == correction.field]
    if not own or visible(getattr(correction, "confirm", "")):
        return
    row = own[0]
    others = [Point(r.year, r.value, f"{field(r)}, {display_path(source_path)}:{r.source_line}", True)
              for r in series.itertuples() if field(r) != correction.field]
    nearest = min(others, key=lambda p: (abs(p.year - row.year), p.year), default=None)
    if nearest is None:
        return
    words = told_words()
    problem = implausible(row.value, row.year, nearest, kind, plan_error("hand_files.nearest_value"), words)
    if problem:
        # a file whose header has no confirm column is told it may add one
        key = "confirm_far_off" if "confirm" in corrections_columns else "confirm_far_off_add"
        raise InputError(plan_error(f"hand_files.{key}", problem=problem, value=fmt_exact(row.value)),
                         file=corrections_path, line=correction.csv_line, field="corrected_value")

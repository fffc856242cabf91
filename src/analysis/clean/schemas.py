"""The one source of the tables' columns, their types and every enumeration, and their validation.

Every table the project writes is validated here (pandera) on every build, not only in the tests:
a run that would write a table violating these rules stops with an :class:`InputError` instead.
pandera is imported only when validating, so reading the processed tables stays light.
"""
from __future__ import annotations

import functools

import pandas as pd

from ..errors import InputError
from ..settings import LANGUAGES

SERIES = ("", "national", "provincial")
VALUE_TYPES = ("baseline", "target", "actual")
DIRECTIONS = ("higher", "lower", "at_least", "at_most", "none")
LOWER_IS_BETTER = ("lower", "at_most")
#: A target to hold every year of the plan period (a floor or a ceiling), checked year by year.
HELD_EVERY_YEAR = ("at_least", "at_most")
KINDS = ("count", "amount", "share", "intensity", "rate_of_change", "qualitative")
#: How each kind's growth is measured: shares in points a year, counts, amounts and intensities
#: compounded, a rate of change as a floor to meet every year.
METHOD_BY_KIND = {"share": "linear", "count": "compound", "amount": "compound", "intensity": "compound",
                  "rate_of_change": "annual_floor", "qualitative": "none"}
METHODS = ("linear", "compound", "annual_floor", "none")
#: Worst first: an indicator with several series takes the worst status of its series (Destatis).
STATUSES = ("not_achieved", "moving_away", "insufficient", "moderate", "achieved_at_risk", "on_track", "achieved",
            "insufficient_data", "qualitative")
#: A final verdict once the target year's data are in; a progress verdict before.
VERDICTS = ("", "final", "progress")
#: The order a reader scans in: from done to not done, then the statuses without a verdict.
STATUSES_BEST_FIRST = ("achieved", "achieved_at_risk", "on_track", "moderate", "insufficient", "moving_away",
                       "not_achieved", "insufficient_data", "qualitative")
#: How a series' departments are known: not given, named by the plan, assigned where it names none.
DEPARTMENT_BASES = ("", "printed", "assigned")
LAGGING = ("moderate", "insufficient", "moving_away", "not_achieved")
EVIDENCE = ("", "low", "medium", "high")
QUALITY_ISSUES = ("correction", "split_combined_cell", "split_two_rows", "qualitative", "baseline_meets_target",
                  "prose_disagrees", "prose_agrees", "observation_revises_baseline", "duplicate_observation",
                  "confirmed_value", "skipped_file")

INDICATOR_COLUMNS = {
    "indicator_id": "int64", "series": "str", "category_zh": "str", "category_en": "str", "name_zh": "str",
    "name_en": "str", "short_name_zh": "str", "short_name_en": "str", "unit_zh": "str", "unit_en": "str",
    "core": "bool", "direction": "str", "kind": "str", "source_line": "int64",
    # Responsible departments (``departments.csv``): the lead, all of them (the lead first), printed
    # (with its plan line) or assigned; empty and 0 when the plan folder gives none.
    "lead_department_zh": "str", "lead_department_en": "str", "departments_zh": "str", "departments_en": "str",
    "department_basis": "str", "department_line": "int64",
}
#: The department columns come from ``departments.csv``; the others from the plan's table and metadata.
DEPARTMENT_COLUMNS = ("lead_department_zh", "lead_department_en", "departments_zh", "departments_en",
                      "department_basis", "department_line")
#: How ``departments_<language>`` joins the names (the lead first); a department's name holds neither.
DEPARTMENT_SEPARATORS = {"zh": "、", "en": "; "}
TABLE_INDICATOR_COLUMNS = [column for column in INDICATOR_COLUMNS if column not in DEPARTMENT_COLUMNS]
VALUE_COLUMNS = {
    "indicator_id": "int64", "series": "str", "year": "int64", "value_type": "str", "value": "float64",
    "printed_text": "str", "source": "str", "source_line": "int64", "processing": "str", "reference": "str",
    "note": "str",
}
QUALITY_COLUMNS = {
    "issue": "str", "indicator_id": "int64", "series": "str", "year": "Int64", "printed_text": "str",
    "value": "float64", "source": "str", "source_line": "int64",
    **{f"detail_{language}": "str" for language in sorted(LANGUAGES)},
}
ASSESSMENT_COLUMNS = {
    "indicator_id": "int64", "series": "str", "core": "bool", "kind": "str", "direction": "str", "method": "str",
    "report_year": "int64", "base_year": "Int64", "base_value": "float64", "as_of_year": "Int64",
    "latest_value": "float64", "n_points": "int64", "evidence": "str", "target_year": "Int64",
    "target_value": "float64", "gap": "float64", "gap_pct": "float64", "completion": "float64",
    "time_elapsed": "float64", "observed_cagr": "float64", "observed_per_year": "float64",
    "required_cagr": "float64", "required_per_year": "float64", "progress_ratio": "float64",
    "projected_value": "float64", "anticipated_progress": "float64", "status": "str", "verdict": "str",
    "completion_rate": "float64", "shortfall": "float64", "missed_years": "str", "next_target_year": "Int64",
    "next_target_value": "float64", "next_required_cagr": "float64", "next_required_per_year": "float64",
    "scheme": "str",
}
GROWTH_COLUMNS = {
    "indicator_id": "int64", "series": "str", "kind": "str", "from_year": "int64", "from_value": "float64",
    "target_year": "int64", "target_value": "float64", "required_cagr": "float64", "required_per_year": "float64",
    "method": "str", "already_met": "bool", "report_year": "int64",
}
#: The processed tables, in the order they are written, with their columns.
TABLES = {
    "indicators.csv": INDICATOR_COLUMNS,
    "indicator_values.csv": VALUE_COLUMNS,
    "data_quality.csv": QUALITY_COLUMNS,
    "assessment.csv": ASSESSMENT_COLUMNS,
    "required_growth.csv": GROWTH_COLUMNS,
}


def lower_is_better(direction: str) -> bool:
    return direction in LOWER_IS_BETTER


def typed(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``frame`` with exactly ``columns``, in order, each converted to its type (text empty, not NaN)."""
    converted = {}
    for column, dtype in columns.items():
        data = frame[column]
        if dtype == "str":
            data = data.fillna("").astype(str)
        elif dtype == "bool":
            data = data.map(lambda v: v if isinstance(v, bool) else str(v) == "True").astype(bool)
        else:
            data = data.astype(dtype)
        converted[column] = data
    return pd.DataFrame(converted, index=frame.index)


# --- validation -------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _schemas() -> dict:
    import pandera.pandas as pa

    def column(dtype: str, *checks, nullable: bool = False):
        return pa.Column(str if dtype == "str" else dtype, list(checks), nullable=nullable)

    filled = pa.Check.str_length(min_value=1)
    positive = pa.Check.gt(0)
    finite = pa.Check(lambda s: s.notna() & (s.abs() < float("inf")), error="must be a finite number")
    indicators = {name: column(dtype) for name, dtype in INDICATOR_COLUMNS.items()}
    indicators.update({
        "indicator_id": column("int64", positive), "series": column("str", pa.Check.isin(SERIES)),
        "category_zh": column("str", filled), "category_en": column("str", filled),
        "name_zh": column("str", filled, pa.Check(lambda s: ~s.str.endswith("*"), error="core mark left in name")),
        "name_en": column("str", filled), "direction": column("str", pa.Check.isin(DIRECTIONS)),
        "kind": column("str", pa.Check.isin(KINDS)), "source_line": column("int64", positive),
        "department_basis": column("str", pa.Check.isin(DEPARTMENT_BASES)),
        "department_line": column("int64", pa.Check.ge(0)),
    })
    values = {name: column(dtype) for name, dtype in VALUE_COLUMNS.items()}
    values.update({
        "indicator_id": column("int64", positive), "series": column("str", pa.Check.isin(SERIES)),
        "year": column("int64", pa.Check.in_range(1900, 2100)), "value_type": column("str", pa.Check.isin(VALUE_TYPES)),
        "value": column("float64", finite), "printed_text": column("str", filled), "source": column("str", filled),
        "source_line": column("int64", positive),
    })
    quality = {name: column(dtype, *([filled] if name.startswith("detail_") else [])) for name, dtype
               in QUALITY_COLUMNS.items()}
    quality.update({
        # 0: a finding about a file rather than an indicator (a skipped file)
        "issue": column("str", pa.Check.isin(QUALITY_ISSUES)), "indicator_id": column("int64", pa.Check.ge(0)),
        "series": column("str", pa.Check.isin(SERIES)), "year": column("Int64", nullable=True),
        "value": column("float64", nullable=True), "source_line": column("int64", positive),
    })
    assessment = {name: column(dtype, nullable=dtype in ("Int64", "float64")) for name, dtype
                  in ASSESSMENT_COLUMNS.items()}
    assessment.update({"status": column("str", pa.Check.isin(STATUSES)),
                       "verdict": column("str", pa.Check.isin(VERDICTS)),
                       "method": column("str", pa.Check.isin(METHODS)),
                       "evidence": column("str", pa.Check.isin(EVIDENCE))})
    growth = {name: column(dtype, nullable=dtype == "float64") for name, dtype in GROWTH_COLUMNS.items()}

    def schema(name, columns, unique):
        return pa.DataFrameSchema(columns, unique=unique, strict=True, ordered=True, name=name)

    return {
        "indicators.csv": schema("indicators", indicators, ["indicator_id", "series"]),
        "indicator_values.csv": schema("indicator_values", values, ["indicator_id", "series", "year", "value_type"]),
        "data_quality.csv": schema("data_quality", quality, None),
        "assessment.csv": schema("assessment", assessment, ["indicator_id", "series", "report_year"]),
        "required_growth.csv": schema("required_growth", growth,
                                      ["indicator_id", "series", "target_year", "report_year"]),
    }


def validate(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` typed and checked as processed table ``table``; the first failure is one line."""
    from pandera.errors import SchemaErrors

    frame = typed(frame, TABLES[table])
    try:
        return _schemas()[table].validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
        first = cases.iloc[0]
        column = first.get("column")
        index = first.get("index")
        where = ""
        if index is not None and index == index and "source_line" in frame.columns and index in frame.index:
            where = f" (row given at line {frame.loc[index, 'source_line']})"
        raise InputError(f"{len(cases)} validation failure(s); first: {first['check']} failed for "
                         f"value {first['failure_case']!r}{where}", file=table,
                         field=str(column) if column is not None else None) from None


def check_values_belong(values: pd.DataFrame, indicators: pd.DataFrame) -> None:
    """Every value belongs to a known, numeric indicator series."""
    known = set(zip(indicators["indicator_id"], indicators["series"]))
    qualitative = set(zip(indicators.loc[indicators["kind"] == "qualitative", "indicator_id"],
                          indicators.loc[indicators["kind"] == "qualitative", "series"]))
    for row in values.itertuples():
        key = (row.indicator_id, row.series)
        if key not in known or key in qualitative:
            raise InputError(f"value for {'qualitative' if key in qualitative else 'unknown'} indicator "
                             f"{row.indicator_id} {row.series!r}", file=row.source, line=row.source_line)

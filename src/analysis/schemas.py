"""Validation of every table the pipeline writes (pandera schemas).

The checks run on every build, not only in the tests: a scheduled run that would write a table
violating them stops with an :class:`~analysis.errors.InputError` instead.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from .errors import InputError

SERIES = ["", "national", "provincial"]
VALUE_TYPES = ["baseline", "target", "actual"]
QUALITY_ISSUES = ["correction", "split_combined_cell", "split_two_rows", "qualitative", "baseline_meets_target",
                  "prose_disagrees", "prose_agrees", "observation_revises_baseline", "duplicate_observation"]
STATUSES = ["achieved", "achieved_at_risk", "on_track", "moderate", "insufficient", "moving_away",
            "insufficient_data", "qualitative"]

INDICATORS = pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(int, pa.Check.in_range(1, 26)),
        "series": pa.Column(str, pa.Check.isin(SERIES)),
        "category_zh": pa.Column(str, pa.Check.str_length(min_value=1)),
        "category_en": pa.Column(str, pa.Check.str_length(min_value=1)),
        "name_zh": pa.Column(str, [pa.Check.str_length(min_value=1),
                                   pa.Check(lambda s: ~s.str.endswith("*"), error="core mark left in name")]),
        "name_en": pa.Column(str, pa.Check.str_length(min_value=1)),
        "short_name_zh": pa.Column(str),
        "short_name_en": pa.Column(str),
        "unit_zh": pa.Column(str),
        "unit_en": pa.Column(str),
        "core": pa.Column(bool),
        "direction": pa.Column(str, pa.Check.isin(["higher", "lower", "at_least", "at_most", "none"])),
        "kind": pa.Column(str, pa.Check.isin(["count", "amount", "share", "intensity", "rate_of_change",
                                              "qualitative"])),
        "source_line": pa.Column(int, pa.Check.gt(0)),
    },
    unique=["indicator_id", "series"],
    strict=True,
    ordered=True,
    name="indicators",
)

VALUES = pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(int, pa.Check.in_range(1, 26)),
        "series": pa.Column(str, pa.Check.isin(SERIES)),
        "year": pa.Column(int, pa.Check.in_range(2020, 2030)),
        "value_type": pa.Column(str, pa.Check.isin(VALUE_TYPES)),
        "value": pa.Column(float, [pa.Check(lambda s: pd.Series(pd.array(s, dtype="Float64")).notna()
                                            & (s.abs() < float("inf")), error="value must be a finite number")]),
        "printed_text": pa.Column(str, pa.Check.str_length(min_value=1)),
        "source": pa.Column(str, pa.Check.str_length(min_value=1)),
        "source_line": pa.Column(int, pa.Check.gt(0)),
        "processing": pa.Column(str),
        "reference": pa.Column(str),
        "note": pa.Column(str),
    },
    unique=["indicator_id", "series", "year", "value_type"],
    strict=True,
    ordered=True,
    name="indicator_values",
)

QUALITY = pa.DataFrameSchema(
    {
        "issue": pa.Column(str, pa.Check.isin(QUALITY_ISSUES)),
        "indicator_id": pa.Column(int, pa.Check.in_range(1, 26)),
        "series": pa.Column(str, pa.Check.isin(SERIES)),
        "year": pa.Column("Int64", nullable=True),
        "printed_text": pa.Column(str),
        "value": pa.Column(float, nullable=True),
        "source": pa.Column(str),
        "source_line": pa.Column(int, pa.Check.gt(0)),
        "detail_en": pa.Column(str, pa.Check.str_length(min_value=1)),
        "detail_zh": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=True,
    ordered=True,
    name="data_quality",
)


def _validate(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame:
    try:
        return schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
        first = cases.iloc[0]
        column = first.get("column")
        index = first.get("index")
        where = ""
        if index is not None and index == index and "source_line" in frame.columns and index in frame.index:
            where = f" (row printed at line {frame.loc[index, 'source_line']})"
        raise InputError(f"{len(cases)} validation failure(s); first: {first['check']} failed for "
                         f"value {first['failure_case']!r}{where}", file=f"{schema.name}.csv",
                         field=str(column) if column is not None else None) from None


def validate_indicators(frame: pd.DataFrame) -> pd.DataFrame:
    return _validate(INDICATORS, frame)


def validate_values(frame: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype({"indicator_id": int, "year": int, "value": float, "source_line": int})
    frame = _validate(VALUES, frame)
    known = set(zip(indicators["indicator_id"], indicators["series"]))
    qualitative = set(zip(indicators.loc[indicators["kind"] == "qualitative", "indicator_id"],
                          indicators.loc[indicators["kind"] == "qualitative", "series"]))
    for row in frame.itertuples():
        key = (row.indicator_id, row.series)
        if key not in known or key in qualitative:
            raise InputError(f"value for {'qualitative' if key in qualitative else 'unknown'} indicator "
                             f"{row.indicator_id} {row.series!r}", file=row.source, line=row.source_line)
    return frame


def validate_quality(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype({"indicator_id": int, "year": "Int64", "value": float, "source_line": int})
    return _validate(QUALITY, frame)

"""Numbers as a reader of the report writes them (the same in every language)."""
from __future__ import annotations

import math

import pandas as pd

MISSING = "–"


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value)


def fmt_number(value) -> str:
    """At most two decimals (three below 1), trailing zeros dropped, thousands separated: 109.61, 2.4, 0.067."""
    if is_missing(value):
        return MISSING
    value = float(value)
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    text = f"{value:.{3 if abs(value) < 1 else 2}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_signed(value) -> str:
    """A change with its sign: +0.133, −5, ±0."""
    if is_missing(value):
        return MISSING
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{fmt_number(abs(value))}"


def fmt_pct(fraction, digits: int = 1) -> str:
    """A fraction as a signed percentage: 0.0527 → +5.3%."""
    if is_missing(fraction):
        return MISSING
    return f"{fraction * 100:+.{digits}f}%".replace("-", "−")

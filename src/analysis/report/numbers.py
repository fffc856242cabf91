"""Numbers as a reader of the report writes them (the same in every language)."""
from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd

MISSING = "–"


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value)


def shown_decimals(value: float) -> int:
    """The decimals a number is shown with at most: none from 1000, three below 1, two otherwise."""
    magnitude = abs(float(value))
    return 0 if magnitude >= 1000 else 3 if magnitude < 1 else 2


def round_shown(value: float) -> float:
    """A number rounded as :func:`fmt_number` shows it (0.0900000000000003 → 0.09, 715.333 → 715.33), for a
    workbook that stores what the report shows."""
    return float(f"{float(value):.{shown_decimals(value)}f}")


def fmt_number(value) -> str:
    """At most two decimals (three below 1), trailing zeros dropped, thousands separated: 109.61, 2.4, 0.067; a
    negative number with the minus sign (−2.8), as :func:`fmt_signed` and :func:`fmt_pct` write it."""
    if is_missing(value):
        return MISSING
    value = float(value)
    if abs(value) >= 1000:
        return f"{value:,.0f}".replace("-", "−")
    text = f"{value:.{shown_decimals(value)}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-", "−")


def fmt_signed(value) -> str:
    """A change with its sign: +0.133, −5; no change, or one that rounds to none, is 0 (never ±0 or −0)."""
    if is_missing(value):
        return MISSING
    shown = fmt_number(abs(value))
    if shown == "0":
        return "0"
    return f"{'+' if value > 0 else '−'}{shown}"


def round_pct(fraction: float, digits: int = 1) -> float:
    """A fraction rounded as :func:`fmt_pct` shows it: 0.052705 → 0.053 (5.3%)."""
    return float(Decimal(f"{float(fraction) * 100:.{digits}f}") / 100)


def fmt_pct(fraction, digits: int = 1) -> str:
    """A fraction as a signed percentage: 0.0527 → +5.3%. Every language writes a percentage so, the sign right after
    the number (``2.7%``, never ``2.7 %``): the catalogs' sentences and the charts too."""
    if is_missing(fraction):
        return MISSING
    shown = f"{fraction * 100:+.{digits}f}%"
    if float(shown[:-1]) == 0:  # a change that rounds to none has no sign: 0.0%, never +0.0% or −0.0%
        return shown[1:]
    return shown.replace("-", "−")

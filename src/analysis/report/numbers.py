"""Numbers as a reader of the report writes them (the same in every language): a number, a value as printed and
the mark for none come from :mod:`analysis.numbers` (the data step's findings write them too); changes, percentages
and the workbook's rounding are here."""
from __future__ import annotations

from ..numbers import MISSING, fmt_number, fmt_printed, half_up, is_missing, shown_decimals

__all__ = ["MISSING", "fmt_number", "fmt_pct", "fmt_printed", "fmt_signed", "is_missing", "round_pct",
           "round_shown", "shown_decimals"]


def round_shown(value: float) -> float:
    """A number rounded as :func:`fmt_number` shows it (0.0900000000000003 → 0.09, 715.333 → 715.33), for a
    workbook that stores what the report shows."""
    return float(half_up(value, shown_decimals(value)))


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
    return float(half_up(fraction, digits, scale=100) / 100)


def fmt_pct(fraction, digits: int = 1) -> str:
    """A fraction as a signed percentage: 0.0527 → +5.3%. Every language writes a percentage so, the sign right after
    the number (``2.7%``, never ``2.7 %``): the catalogs' sentences and the charts too."""
    if is_missing(fraction):
        return MISSING
    shown = f"{half_up(fraction, digits, scale=100):+.{digits}f}%"  # half up: 1.0125 → 101.3%
    if float(shown[:-1]) == 0:  # a change that rounds to none has no sign: 0.0%, never +0.0% or −0.0%
        return shown[1:]
    return shown.replace("-", "−")

"""Numbers as every edition writes them, in every language: the report's tables and sentences and the data-quality
findings the data step writes (so it lives below both).

One style for both languages (Chinese reports write Arabic numerals with the same marks): thousands separated by a
comma (23,150), a decimal point, the minus sign − (U+2212), and one mark for a value that is not there,
:data:`MISSING`, the em dash "—" (a blank table cell in Chinese and English typesetting alike; a year range keeps its
own dash, 2022–2024 in English and 2022—2024 in Chinese). Python's format mini-language does the grouping; the CLDR
rules of a locale library (Babel) would give the same marks for ``zh`` and ``en``, so none is needed.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

#: A value that is not there, in a table cell or a sentence (no value, no pace, no gap), in every language.
MISSING = "—"

#: A number as a plan or a publication prints it: digits, thousands perhaps separated, a decimal point, a sign.
PRINTED_NUMBER = re.compile(r"[-−]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value)


def shown_decimals(value: float) -> int:
    """The decimals a number is shown with at most: none from 1000, three below 1, two otherwise."""
    magnitude = abs(float(value))
    return 0 if magnitude >= 1000 else 3 if magnitude < 1 else 2


def half_up(value, digits: int, scale: int = 1) -> Decimal:
    """``value`` × ``scale`` rounded to ``digits`` decimals half up (四舍五入), as a reader checks it by hand: 101.25 →
    101.3, where Python's formatting rounds half to even (101.2). The number is taken to 15 significant digits (as
    Excel shows it), not its binary value, so a half stays a half: 1.0125 and (37.9 − 34) / 4 = 0.97499999999999964
    (the float arithmetic's) are 1.0125 and 0.975."""
    exact = Decimal(format(float(value), ".15g")) * scale
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def fmt_number(value) -> str:
    """At most two decimals (three below 1), trailing zeros dropped, thousands separated: 109.61, 2.4, 0.067; a
    negative number with the minus sign (−2.8), as :func:`analysis.report.numbers.fmt_signed` and
    :func:`analysis.report.numbers.fmt_pct` write it; :data:`MISSING` for none."""
    if is_missing(value):
        return MISSING
    value = float(value)
    if not math.isfinite(value):
        return MISSING
    digits = shown_decimals(value)
    rounded = half_up(value, digits)
    if abs(value) >= 1000:
        return f"{rounded:,.0f}".replace("-", "−")
    text = f"{rounded:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-", "−")


def fmt_printed(text, value=math.nan) -> str:
    """A value quoted as its plan or publication printed it: the printed digits kept (2.10 stays 2.10, never 2.1),
    thousands separated and the minus sign as :func:`fmt_number` writes them (23150 → 23,150, -5 → −5). A printed
    text that is no plain number, or not ``value`` (a combined cell 国2.8/省3.1, a misprint corrected), gives way to
    ``value`` as :func:`fmt_number` shows it; without a ``value``, it is quoted as it is."""
    printed = "" if is_missing(text) else str(text).strip()
    if not PRINTED_NUMBER.fullmatch(printed):
        return printed if printed and is_missing(value) else fmt_number(value)
    plain = printed.replace(",", "").replace("−", "-")
    if not is_missing(value) and float(plain) != float(value):
        return fmt_number(value)
    whole, point, decimals = plain.lstrip("-").partition(".")
    shown = f"{int(whole):,}" + point + decimals
    return "−" + shown if plain.startswith("-") and float(plain) != 0 else shown


def fmt_exact(value) -> str:
    """A number with every digit it was given (a factor, a value typed in a file and read as a number: 133.97,
    1234.5, 1.2), thousands separated as :func:`fmt_number` writes them; no trailing zeros (80, never 80.0)."""
    if is_missing(value):
        return MISSING
    return fmt_printed(format(float(value), ".15g"), value)


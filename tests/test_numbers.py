"""One style for numbers in every edition and language: thousands separated, the minus sign, a printed value's own
digits where it is quoted as printed, and one mark for a value that is not there.

Every expected text is written out by hand from the rule in :mod:`analysis.numbers`.
"""
from __future__ import annotations

import math

import pytest

from analysis.catalog import catalogs
from analysis.numbers import MISSING, fmt_exact, fmt_number, fmt_printed


def test_one_mark_for_no_value_in_every_language():
    # the em dash, never the en dash a year range takes in English (2022–2024)
    assert MISSING == "\u2014"
    assert fmt_number(math.nan) == fmt_number(None) == fmt_exact(math.nan) == "—"
    for words in catalogs():  # the one catalog entry that is a table cell of its own
        assert words["explore.rates.none"] == MISSING


@pytest.mark.parametrize(("text", "value", "shown"), [
    ("2.10", 2.1, "2.10"),            # the trailing zero printed is kept (fmt_number shows 2.1)
    ("23150", 23150.0, "23,150"),     # grouped as every table groups it
    ("23,150", 23150.0, "23,150"),    # printed grouped already
    ("1234.50", 1234.5, "1,234.50"),  # decimals kept from 1000 too (fmt_number shows 1,235)
    ("-5", -5.0, "−5"),               # the minus sign
    ("0.067", 0.067, "0.067"),
    ("2.09", 2.02, "2.02"),           # a printed text that is not the value: the value
    ("国2.8/省3.1", 2.8, "2.8"),      # a combined cell: the value
    ("", 1.7, "1.7"),                 # nothing printed: the value
    ("2.10", math.nan, "2.10"),       # no value to check against: the printed number
    ("约2.1", math.nan, "约2.1"),      # no plain number and no value: quoted as it is
    ("", math.nan, "—"),
])
def test_a_value_quoted_as_printed_keeps_its_digits(text, value, shown):
    assert fmt_printed(text, value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    (133.97, "133.97"), (1234.5, "1,234.5"), (80.0, "80"), (0.1 + 0.2, "0.3"), (-2.5, "−2.5"), (22154, "22,154")])
def test_a_number_read_from_a_file_keeps_every_digit_it_was_given(value, shown):
    assert fmt_exact(value) == shown

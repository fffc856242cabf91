"""Notebook tables: quantities with thousands separators, years, lines and ids as plain labels."""
from __future__ import annotations

import re

import pandas as pd

from analysis.report.html import table_html


def cells(html: str) -> list[str]:
    return re.findall(r"<td[^>]*>([^<]*)</td>", html)


def test_years_lines_and_ids_are_labels_and_values_keep_their_separators():
    frame = pd.DataFrame({"indicator_id": [10], "year": [2021], "value": [1049.0], "source_line": [1234],
                          "as_of_year": [2024.0], "年份": [2022], "年均增速": [1234.0]})
    assert cells(table_html(frame)) == ["10", "2021", "1,049.0000", "1234", "2024", "2022", "1,234.0000"]


def test_a_missing_year_is_blank_and_data_text_is_escaped():
    frame = pd.DataFrame({"year": [2020, None], "note": ["<b>x</b>", "=1+1"]})
    assert cells(table_html(frame)) == ["2020", "&lt;b&gt;x&lt;/b&gt;", "", "=1+1"]

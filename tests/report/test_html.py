"""Notebook tables: quantities with thousands separators, years, lines and ids as plain labels."""
from __future__ import annotations

import re

import pandas as pd
import pytest

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


def test_the_appendix_lists_every_actual_value_with_its_publication(example_tables):
    from analysis.report.context import load_report
    from analysis.report.html import appendix_html
    from tests.conftest import relative

    html = appendix_html(load_report(relative(example_tables), 2023, "en"))
    tables = dict(re.findall(r'<table id="(\w+)"(?: class="reflow")?>(.*?)</table>', html, re.S))
    assert set(tables) == {"quality", "actuals"}
    # each cell's text, its spans that keep a unit whole (10,000 people) aside
    rows = [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", tables["actuals"], re.S)]
    rows = [row for row in rows if row]  # not the header
    # line 2 of the example's 2023-bulletin.csv: 1,,2021,23150,Example bulletin 2023 (fictional),…,revised figure …
    # the publication names the source; the file and line it was read from are the workbook's (actuals sheet)
    # (with its unit after its name, as the workbook's sheet has it in a column: "158" alone says nothing)
    # (its note after the source: two values of the example have a note, no column of notes empty down the pages)
    assert rows[0] == ["1. R&amp;D personnel (people)", "2021", "23,150",
                       "Example bulletin 2023 (fictional); note: revised figure; the plan printed 23,000"]
    assert ".csv" not in tables["actuals"]
    # every actual value up to the report year, and none after it
    assert [row[1] for row in rows if row[0] == "1. R&amp;D personnel (people)"] == ["2021", "2022", "2023"]
    assert all(int(row[1]) <= 2023 for row in rows)


def test_a_table_of_four_columns_or_more_names_each_cell_for_a_phone():
    # five columns on a 390 px screen cut a source's note off and squeezed the rest to a word a line: each cell
    # carries its column's name (escaped, as any text), which a phone shows before it, one card a row
    wide = pd.DataFrame({"Finding": ["Correction"], "No.": [12], "Detail": ['"<i>x</i>"'], "Where": ["plan"]})
    html = table_html(wide, table_id="quality")
    assert '<table id="quality" class="reflow">' in html
    assert re.findall(r'<td[^>]*data-label="([^"]*)"', html) == ["Finding", "No.", "Detail", "Where"]
    assert '<td data-label="Detail">&#34;&lt;i&gt;x&lt;/i&gt;&#34;</td>' in html or \
        '<td data-label="Detail">&quot;&lt;i&gt;x&lt;/i&gt;&quot;</td>' in html
    narrow = table_html(pd.DataFrame({"year": [2020], "value": [1.5]}))
    assert "reflow" not in narrow and "data-label" not in narrow  # two columns fit any screen


@pytest.mark.parametrize(("year", "language", "expected"), [
    (2024, "zh", [("../en/report.html", "English edition"), ("self-evaluation.html", "自评报告（草稿）"),
                  ("../../../index.html", "全部报告")]),
    (2022, "en", [("../zh/report.html", "中文版"), ("../../../index.html", "All reports")]),  # annual: no draft
])
def test_the_report_links_its_other_edition_its_self_evaluation_and_every_report(example_tables, year, language,
                                                                                 expected):
    from bs4 import BeautifulSoup

    from analysis.report.context import load_report
    from analysis.report.html import title_html
    from tests.conftest import relative

    page = BeautifulSoup(title_html(load_report(relative(example_tables), year, language)), "html.parser")
    assert [(a["href"], a.get_text()) for a in page.select("p.editions a")] == expected
    # the printed page: the English edition says a Chinese one accompanies it; the Chinese edition, submitted upward,
    # names no English one
    printed = [p.get_text() for p in page.select("p.editions-print")]
    assert printed == ({"zh": [], "en": ["A Chinese edition accompanies this report."]}[language])
    assert "另附" not in page.get_text()


@pytest.mark.parametrize("name", ["keep_together", "keep_running", "keep_words"])
def test_data_text_typed_over_lines_keeps_its_lines_and_is_never_markup(name):
    """A department's words typed over three lines in its workbook's cell ("一是…", "二是…"), as the Word draft keeps
    them (a line break each): on screen and in the PDF they ran together into one line. Each line is kept, apart by
    a ``<br>``, with a Windows line end too, and what looks like markup stays text."""
    from bs4 import BeautifulSoup

    from analysis.report.html import ENVIRONMENT

    text = "一是新建研究院3家；\r\n二是<b>引进</b>人才；\n**三是** $x$"
    soup = BeautifulSoup(str(ENVIRONMENT.filters[name](text)), "html.parser")
    assert len(soup.find_all("br")) == 2 and not soup.find_all("b")
    shown = "".join("\n" if getattr(node, "name", None) == "br" else node.get_text() if getattr(node, "name", None)
                    else str(node) for node in soup.contents)
    assert shown == "一是新建研究院3家；\n二是<b>引进</b>人才；\n**三是** $x$"

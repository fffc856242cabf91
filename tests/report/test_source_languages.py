"""Every source, publication and plan reference a reader sees is in the edition's language.

An English edition shows Chinese only as the original of an English gloss, in parentheses ("Weihai Daily (威海日报)",
"(《中国科技统计年鉴》)"), as a quote of the plan followed by its English ("“国2.8/省3.1” (national 2.8,
provincial 3.1)"), in a web address and in the link to the Chinese edition
(中文版); a Chinese edition never shows a publication by its English name where the data give a Chinese one. Checked
on the data as given (every observation file of the fixtures, the real plans' published values as frozen there, typed
indicator table, prose check and correction of the project), on the cards, appendix and workbook made from each real
plan's data, and on a whole rendered report in each language.
"""
from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from analysis.clean.quality import blank_fault
from analysis.plan import load_plan
from analysis.publish.data import build_tables, write_tables
from analysis.report import html
from analysis.report.context import load_report
from analysis.report.scorecard_workbook import ScorecardBook, scorecard_bytes
from analysis.settings import DEFAULT_PLAN_DIR, PROJECT_ROOT
from tests.conftest import FIXTURES, NATIONAL_DIR, relative
from tests.support.charts import NoCharts

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
#: A gloss's Chinese original: a name in parentheses (one level of parentheses inside), never a sentence or a quote
#: of one (no ，。；, ellipsis, percent or full-width parenthesis): "(威海日报)", "(《中国科技统计年鉴》)".
GLOSS = re.compile(r"\((?:[^()，。；…%（]|\([^()]*\))*\)")
ADDRESS = re.compile(r"https?://\S+")
#: The plan's own words quoted in an English text, each followed by what it says in English: “国2.8/省3.1” (national
#: 2.8, provincial 3.1); the page's text apart where an element ends (a Chinese run set in its own span).
QUOTED_AND_RENDERED = re.compile(r"“[^”]*”\s*\([A-Za-z][^()]*\)")
#: The English edition's link to the Chinese one.
LANGUAGE_LINK = "中文版"
#: What a Chinese text may write in Latin letters: addresses, file names, R&D and GDP, a unit or a method's author.
LATIN_KEPT = re.compile(r"https?://[^\s）)，；]+|[\w./-]+\.(?:csv|xlsx|yml|txt|md|pdf|html|docx)\b|R&D|GDP|sha256")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def unglossed_chinese(text: str) -> list[str]:
    """The runs of Chinese characters of an English text outside a gloss, a quote of the plan followed by its English,
    an address and the language link."""
    return HAN.findall(GLOSS.sub("", QUOTED_AND_RENDERED.sub("", ADDRESS.sub("", text.replace(LANGUAGE_LINK, "")))))


def latin_words(text: str) -> list[str]:
    """The Latin words of a Chinese text that are not an address, a file name or a kept abbreviation."""
    return LATIN_WORD.findall(LATIN_KEPT.sub("", text))


def test_the_checks_tell_a_gloss_from_untranslated_chinese():
    assert unglossed_chinese("Weihai Daily (威海日报), 2023: http://ysfri.cafs.ac.cn/信息.htm") == []
    assert unglossed_chinese("the Yearbook (《中国科技统计年鉴》) and a cell (国2.8/省3.1); 中文版") == []
    assert unglossed_chinese("威海日报，2023（网站转载：http://x.cn/1.htm）") == ["威海日报", "网站转载"]
    assert unglossed_chinese("Section 一（二）2 says 80") == ["一", "二"]
    # the plan's words quoted, followed by their English; a quote without it is no gloss
    assert unglossed_chinese("The plan prints “国2.8/省3.1” (national 2.8, provincial 3.1)") == []
    assert unglossed_chinese("The plan prints “国2.8/省3.1”; split") == ["国", "省"]
    # a Chinese sentence in parentheses is a quote, not a gloss
    assert unglossed_chinese("a preliminary figure (据初步统计…强度为2.10%)") == ["据初步统计", "强度为"]
    assert latin_words("示例统计公报 2023（虚构）；R&D 经费（见 corrections.csv，https://news.gmw.cn/a.htm）") == []
    assert latin_words("（first release; http://jiyikeji.com/sci/kjxw6432.html）") == ["first", "release"]


def rows_of(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


#: The real plans' published values, as frozen for the tests (tests/fixtures/published: never the live folders,
#: which a researcher adds to), and the other fixtures' (example data, the national copy of 2021).
PUBLISHED = FIXTURES / "published"
OBSERVATION_FILES = sorted([*PUBLISHED.glob("*/*.csv"),
                            *(FIXTURES / "example-2022-2024").glob("*.csv"),
                            *(FIXTURES / "national-12th-fyp-2021").glob("*.csv")])


@pytest.mark.parametrize("path", OBSERVATION_FILES, ids=lambda path: relative(path))
def test_every_publication_and_note_is_given_in_both_languages(path):
    for line, row in enumerate(rows_of(path), start=2):
        for column in ("source", "note"):
            written, chinese, english = (row.get(name, "") for name in (column, f"{column}_zh", f"{column}_en"))
            if not written.strip():
                continue
            if unglossed_chinese(written):  # written in Chinese: the English edition needs its own words
                assert english, f"{relative(path)}:{line}: {column} in Chinese without {column}_en"
            else:
                assert chinese, f"{relative(path)}:{line}: {column} in English without {column}_zh"
            assert unglossed_chinese(english or written) == [], f"{relative(path)}:{line}: {english or written}"
            if column == "source":  # a note may quote a term (R&D, GDP) the check does not know
                assert latin_words(chinese or written) == [], f"{relative(path)}:{line}: {chinese or written}"


def test_a_typed_plan_names_the_statistic_of_each_base_value_in_english():
    tables = [path for path in sorted([*PROJECT_ROOT.glob("data/raw/*/indicators.csv"),
                                       *(FIXTURES / "plans").glob("*/indicators.csv")])
              if "base_source" in rows_of(path)[0]]
    assert relative(NATIONAL_DIR / "indicators.csv") in [relative(path) for path in tables]
    for path in tables:
        for row in rows_of(path):
            if HAN.search(row["base_source"]):
                english = row.get("base_source_en", "")
                assert english and unglossed_chinese(english) == [], (relative(path), row["indicator_id"])


def test_what_only_the_english_edition_shows_is_in_english():
    """A prose check's note and a correction's reason are shown by the English edition alone (the Chinese one quotes
    the plan's words and says the fault itself): no plan section numbered in Chinese (Section 一（二）2)."""
    checked = 0
    for path in sorted(PROJECT_ROOT.glob("data/raw/*/prose_checks.csv")):
        for row in rows_of(path):
            assert unglossed_chinese(row["note"]) == [], (relative(path), row["note"])
            checked += 1
    for path in sorted(PROJECT_ROOT.glob("data/raw/*/corrections.csv")):
        for row in rows_of(path):
            assert unglossed_chinese(row["reason"]) == [], (relative(path), row["reason"])
            checked += 1
    assert checked >= 15


@pytest.mark.parametrize(("printed", "corrected", "fault"), [
    ("14.6 ", "14.6", "after"), (" 14.6", "14.6", "before"), (" 14.6 ", "14.6", "around"), ("14 .6", "14.6", "within"),
    ("3..5", "3.5", ""), ("14.6", "14.6", ""), ("14.6 ", "14.7", ""),
])
def test_a_blank_is_the_fault_only_when_removing_it_gives_the_corrected_text(printed, corrected, fault):
    assert blank_fault(printed, corrected) == fault


# --- the editions made from each real plan's data ----------------------------------------------------------------

#: name: (plan folder, observations (None: the plan's own), report year)
PLANS = {"weihai": (DEFAULT_PLAN_DIR, PUBLISHED / "weihai", 2024),
         "national": (NATIONAL_DIR, PUBLISHED / "national-12th-fyp", 2015),
         "national-2021": (NATIONAL_DIR, FIXTURES / "national-12th-fyp-2021", 2015),
         "example": (DEFAULT_PLAN_DIR, FIXTURES / "example-2022-2024", 2024)}


class PageText(HTMLParser):
    """The text a reader sees on a page: its words, and the titles and alternative texts it shows (no script or
    style)."""

    def __init__(self):
        super().__init__()
        self.hidden, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")
        self.parts += [value for name, value in attrs if name in ("title", "alt", "aria-label") and value]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def page_text(page: str) -> str:
    parser = PageText()
    # a place a line may break, no text of its own; a piece kept on one line (a long part of an address, one block),
    # part of the text around it
    parser.feed(re.sub(r'<span class="(?:nobr|address-part)">(.*?)</span>', r"\1", re.sub(r"<wbr\s*/?>", "", page)))
    return "\n".join(parser.parts)


def workbook_text(data: bytes) -> str:
    """The text of a workbook's sheets of data (not its first two: the overview's counts, and how it was made: methods,
    checksums)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(cell.value for sheet in book.worksheets[2:] for row in sheet.iter_rows() for cell in row
                     if isinstance(cell.value, str))


@pytest.fixture(scope="module")
def editions(project_tmp):
    """For each plan of :data:`PLANS` and language: what its cards, appendix and workbook show, as text."""
    shown = {}
    for name, (folder, observations, year) in PLANS.items():
        data = project_tmp / "source-languages" / name
        write_tables(build_tables(load_plan(folder), "eurostat", observations).files(), data)
        for language in ("zh", "en"):
            context = load_report(relative(data), year, language)
            book = ScorecardBook(context, "2025-01-15", "2025-01-10", {})
            shown[name, language] = "\n".join([page_text(html.cards_html(context, NoCharts())),
                                               page_text(html.appendix_html(context)),
                                               workbook_text(scorecard_bytes(book))])
    return shown


def observation_rows(name: str) -> list[dict]:
    """The rows of the plan's observation files that its report year shows (a later year's value is not shown)."""
    folder, observations, year = PLANS[name]
    return [row for path in sorted(Path(observations or folder / "observations").glob("*.csv"))
            for row in rows_of(path) if int(row["year"]) <= year]


@pytest.mark.parametrize("name", list(PLANS))
def test_an_english_edition_names_every_source_in_english(editions, name):
    shown = editions[name, "en"]
    assert unglossed_chinese(shown) == []
    for row in observation_rows(name):
        if row.get("source_en"):
            # the Chinese name only inside its English gloss ("Weihai Statistical Bulletin (威海市统计公报)")
            assert row["source_en"] in shown and row["source"] not in shown.replace(row["source_en"], "")


@pytest.mark.parametrize("name", list(PLANS))
def test_a_chinese_edition_never_names_a_source_in_english_where_a_chinese_name_is_given(editions, name):
    shown = editions[name, "zh"]
    sources = observation_rows(name)
    assert sources
    for row in sources:
        assert (row.get("source_zh") or row["source"]) in shown
        for english in (row["source"] if row.get("source_zh") else "", row.get("source_en", "")):
            assert not english or english not in shown
    assert latin_words(shown) == []


def test_the_chinese_edition_says_in_words_that_a_printed_value_had_a_blank(editions):
    assert "原表数值后有空格，按14.6处理" in editions["weihai", "zh"]
    assert "原表印作“14.6”" not in editions["weihai", "zh"]


def test_the_english_edition_names_a_plan_section_in_english(editions):
    shown = editions["weihai", "en"]
    # the place as the printed plan numbers it (二（三）2), found by its headings, in English words
    assert "Prose (plan, part 2, section 3, point 2) requires at least 10% a year" in shown
    assert "Section 一" not in shown and "二（三）" not in shown


def test_an_english_card_quotes_the_plans_words_as_its_own_and_says_them_in_english(project_tmp):
    """The 2023 English cards of indicators 4 and 5 (series printed in one cell, 国2.8/省3.1, or over two rows,
    国家级 / 省级) and 22–24 (qualitative), and the appendix's findings about them: the plan's words quoted, each
    followed by its English (“国2.8/省3.1” (national 2.8, provincial 3.1)); a word the report itself uses, the
    series' names and "qualitative", in English alone, never "Assessed qualitatively (定性评价)"."""
    data = project_tmp / "source-languages-2023"
    write_tables(build_tables(load_plan(DEFAULT_PLAN_DIR), "eurostat", FIXTURES / "example-2022-2024").files(), data)
    context = load_report(relative(data), 2023, "en")
    cards = page_text(html.cards_html(context, NoCharts()))
    appendix = page_text(html.appendix_html(context))
    for text in (cards, appendix):
        assert HAN.findall(QUOTED_AND_RENDERED.sub("", text.replace(LANGUAGE_LINK, "").replace("(威海日报)", ""))) \
            == [], HAN.findall(QUOTED_AND_RENDERED.sub("", text))
    assert "“国2.8/省3.1” (national 2.8, provincial 3.1)" in cards
    assert "“国家级” (national) and “省级” (provincial)" in appendix
    assert "“定性评价” (qualitative assessment)" in appendix and "定性评价" not in cards


# --- whole rendered reports ----------------------------------------------------------------------------------------

def test_a_rendered_english_report_shows_chinese_only_as_a_gloss(example_reports):
    for case in ("final-en", "lakeside-2027-en"):
        text = page_text((example_reports[case] / "report.html").read_text(encoding="utf-8"))
        assert unglossed_chinese(text) == [], case


def test_a_rendered_chinese_report_names_sources_and_notes_in_chinese(example_reports):
    def text(case: str) -> str:  # without blanks: a date or a phrase may be split over elements
        page = page_text((example_reports[case] / "report.html").read_text(encoding="utf-8"))
        return re.sub(r"\s+", "", page)

    example = text("final-zh")
    assert "Examplebulletin" not in example and "示例统计公报2025（虚构）" in example
    national = text("national-2015-zh")
    assert "firstrelease" not in national and "国家统计局2011-09-28初次公布" in national
    assert "13thplan" not in national and "作为“十三五”规划的基础值公布" in national


@pytest.mark.parametrize(("given", "language", "shown"), [
    # a department's workbook gives its source in its own language only: the other edition shows it as given, marked
    # as not translated, as a department's note is; the edition's own language, or a gloss given, unmarked
    ({"reference": "市统计局统计公报", "reference_en": ""}, "en", "市统计局统计公报 (original, untranslated)"),
    ({"reference": "市统计局统计公报", "reference_zh": ""}, "zh", "市统计局统计公报"),
    ({"reference": "Statistical bulletin", "reference_zh": ""}, "zh", "Statistical bulletin（原文，未译）"),
    ({"reference": "市统计局统计公报", "reference_en": "Municipal statistical bulletin (市统计局统计公报)"}, "en",
     "Municipal statistical bulletin (市统计局统计公报)"),
])
def test_a_source_given_in_one_language_only_is_marked_in_the_other_edition(given, language, shown):
    from types import SimpleNamespace

    from analysis.report.words import reference_in

    assert reference_in(SimpleNamespace(**given), language) == shown


def test_a_chinese_source_with_a_web_address_is_not_taken_for_english():
    from types import SimpleNamespace

    from analysis.report.words import reference_in

    row = SimpleNamespace(reference="光明日报 2021-06-10（https://news.gmw.cn/2021-06/10/content_34912395.htm）",
                          reference_zh="", reference_en="")
    assert reference_in(row, "zh") == row.reference
    assert reference_in(row, "en") == row.reference + " (original, untranslated)"

"""One style in every edition: the one mark for a value that is not there, a rank written one way in every table,
a card that sends the reader to the appendix in a sentence, and a method note that says what the code does.

The rows are those of the real national plan (many series without a value) and of the example 2022–2024 data (the
2023 and 2024 reports); the HTML edition, the Word edition and the PDF (made from the HTML) all lay out these same rows.
"""
from __future__ import annotations

import html
import re
from dataclasses import astuple

import pytest

from analysis.assess.assessment import SCHEMES, Series, assess_series
from analysis.catalog import catalog
from analysis.numbers import MISSING
from analysis.plan import load_plan
from analysis.publish.data import build_tables
from analysis.report import words as report_words
from analysis.report.cards import card_notes, card_numbers, numeric_rows
from analysis.report.html import appendix_html, scorecard_html, warnings_html
from analysis.report.self_evaluation import self_evaluation_blocks
from analysis.report.tables import scorecard_rows
from analysis.report.warning_tables import change_rows, warning_rows
from tests.conftest import FIXTURES, NATIONAL_DIR
from tests.support.self_evaluation import block_texts, year_context

#: An en dash that is not inside a range of numbers (2022–2024, 2–3): the other dash, a missing value's mark once.
STRAY_EN_DASH = re.compile(r"(?<![0-9])–|–(?![0-9])")


@pytest.fixture(scope="module")
def national_tables():
    return build_tables(load_plan(NATIONAL_DIR), "eurostat", FIXTURES / "national-12th-fyp-2021")


@pytest.fixture(scope="module")
def example(weihai_in_project):
    return build_tables(weihai_in_project, "eurostat", FIXTURES / "example-2022-2024")


def cell_texts(page: str) -> list[str]:
    """The text of every cell of the tables of an HTML fragment."""
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]


def table_texts(context) -> list[str]:
    """Every table cell the report and the self-evaluation show: the scorecard, the warning list, the change table,
    the appendix, each card's numbers, and the self-evaluation's indicator table."""
    texts = cell_texts(scorecard_html(context)) + cell_texts(warnings_html(context))
    texts += cell_texts(appendix_html(context))
    texts += [str(value) for row in scorecard_rows(context) + warning_rows(context) for value in astuple(row)]
    texts += [str(value) for row in change_rows(context)[1] for value in astuple(row)]
    texts += [value for row in numeric_rows(context) for _, value in card_numbers(context, row)]
    texts += [str(part) for block in self_evaluation_blocks(context) for row in block.rows for value in row
              for part in (value if isinstance(value, list) else [value])]
    return texts


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_table_shows_the_other_dash(national_tables, example, language):
    shown = []
    for tables, year in ((national_tables, 2015), (example, 2023), (example, 2024)):
        texts = table_texts(year_context(tables, language, year))
        assert [text for text in texts if STRAY_EN_DASH.search(text)] == [], (year, language)
        shown += texts
    # the mark is there where a value is not: the national plan's base values not yet published, a gap where the
    # target is met, a pace once the target year has come
    assert shown.count(MISSING) > 20


def test_the_yearly_floor_has_the_mark_in_the_warning_list(example):
    # energy use per unit of GDP (18), a floor of 5% every year: no growth of its own is seen (a rate is met or
    # missed each year), shown as every other empty cell of the list is; in 2024 (5.3, the floor met) the gap is the
    # year it missed: 5 − 4.6 = 0.4 in 2023
    for language in ("zh", "en"):
        for year in (2023, 2024):
            [row] = [row for row in warning_rows(year_context(example, language, year)) if row.indicator_id == "18"]
            assert row.seen == MISSING
        assert row.gap == {"zh": "0.4个百分点（2023年）", "en": "0.4 pp (2023)"}[language]


@pytest.mark.parametrize(("language", "base", "latest", "target"), [("zh", "第21位", "第18位", "前18位"),
                                                                    ("en", "No. 21", "No. 18", "top 18")])
def test_a_rank_is_written_one_way_in_every_table(national_tables, language, base, latest, target):
    # the innovation capability rank (1): 21st in 2010, 18th in 2015, the target the top 18
    context = year_context(national_tables, language, 2015)
    [row] = [row for row in scorecard_rows(context) if row.indicator_id == "1"]
    assert (row.base, row.latest, row.target) == (base, latest, target)
    numbers = dict(card_numbers(context, next(r for r in numeric_rows(context) if r.indicator_id == 1)))
    assert base in numbers.values() and latest in numbers.values()
    [table] = [block for block in self_evaluation_blocks(context) if block.name == "indicators"]
    [self_row] = [cells for cells in table.rows if cells[0] == "1"]
    assert self_row[3] == base and self_row[5].startswith(latest)


def test_a_card_sends_the_reader_to_the_appendix_in_a_sentence_of_its_own(example):
    # provincial innovation bases (4, national series): four printed cells split, one named on the card
    for language, line in (("en", "(national 2.8, provincial 3.1); split into two series. The appendix lists 3 "
                                  "more findings of this kind."),
                           ("zh", "本报告分别评估。附录另列同类情况3处。")):
        context = year_context(example, language, 2024)
        row = next(r for r in numeric_rows(context) if (r.indicator_id, r.series) == (4, "national"))
        notes = card_notes(context, row)
        assert [note for note in notes if note.endswith(line)], notes
        assert not [note for note in notes if "more like it" in note or "另有" in note]


def test_one_more_is_said_in_the_singular():
    en = catalog("en")
    assert en.count_text("card.more", 1) == " The appendix lists 1 more finding of this kind."
    assert en.count_text("self_evaluation.share.rest", 1, reasons="r") == " The one without a final verdict yet: r."


@pytest.mark.parametrize(("points", "evidence"), [(1, "low"), (2, "low"), (3, "medium"), (4, "high")])
def test_the_method_note_and_the_appendix_state_the_rule_for_low_evidence(points, evidence):
    # a series of one or two points is low evidence (values 10, 11, 12, 13 from 2020, a target of 20 in 2024)
    series = Series(points=[(2020 + i, 10.0 + i) for i in range(points)], targets={2024: 20.0})
    assert assess_series(series, "count", "higher", 2024, 2020, SCHEMES["eurostat"])["evidence"] == evidence
    zh, en = catalog("zh"), catalog("en")
    method = " ".join(en["method.note"].split())
    # of a progress verdict: a final verdict reads the target year's value, which needs no history
    assert ("进展判断只有一两个数据点、或方案实施期内仅一个数值的序列标为“证据有限”"
            "（最终判定只看目标年份的数值，不在此列）") in zh["method.note"]
    assert "进展判断仅有一两个数据点、或方案实施期内仅一个数值（证据有限）" in zh["data_note.low_evidence"]
    assert "只有两个数据点" not in zh["method.note"]
    assert ("a progress verdict resting on only one or two data points, or on a single value of the plan period, is "
            "flagged as low evidence (a final verdict reads the target year's value alone)") in method
    assert ("progress verdict rests on one or two data points only, or on a single value of the plan period (low "
            "evidence)") in en["data_note.low_evidence"]


def test_the_method_note_says_what_a_published_value_replaces(example):
    # R&D personnel (1): the 2020 baseline 22,154 is the starting point; the plan's 2021 value 23,000, revised to
    # 23,150, is neither the start nor (in 2023 and 2024) the latest: the note says what is done, not more
    for language, said, unsaid in (("en", "replaces the printed one for that year wherever that year's value is used",
                                    "as its starting point and as the latest value"),
                                   ("zh", "凡用到该年数值之处均以公布值代替方案所列数值", "起点和现状均用公布值")):
        note = report_words.method_note(year_context(example, language, 2024))
        assert said in " ".join(note.split()) and unsaid not in note


def test_the_method_note_names_both_starts_of_a_growth_the_plans_text_requires(example, national_tables):
    # Weihai's plan requires 10% a year in its text (technology trading, 二（三）2) and prints baselines for 2020 and
    # 2021: the requirement is judged from 2021, the table's last baseline, the status and the growth beside it from
    # 2020 (docs/method.md, "The status", item 7); said under what is reported (item 7 of the note), before item 8
    for language, said in (
            ("en", "A growth rate the plan's text requires beside its table is judged on its own, from 2021, the "
                   "table's last baseline, as a requirement on the plan's own period; the status against the table's "
                   "target, and the growth a year shown beside it, count from 2020, as the target does."),
            ("zh", "方案正文在指标表之外要求的年均增速单独评价：作为对方案实施期本身的要求，"
                   "自指标表最后一个基础值2021年起算；"
                   "对照指标表目标的结论及其旁所列的年均增速，与目标一样自2020年起算。")):
        note = " ".join(report_words.method_note(year_context(example, language, 2024)).split())
        assert said in note
        item_7, item_8 = note.index(" 7. "), note.index(" 8. ")
        assert item_7 < note.index(said) < item_8
    # a plan without such a requirement (the national plan's indicators alone): not a word of it
    assert "table's last baseline" not in report_words.method_note(year_context(national_tables, "en", 2015))


@pytest.mark.parametrize(("language", "said"), [
    ("en", ["; the plan's key tasks and support measures were not provided for this evaluation.",
            "The plan's key tasks were not provided for this evaluation."]),
    ("zh", ["；本次评估未获得规划重点任务和保障措施的材料。", "本次评估未获得规划重点任务的材料。"])])
def test_a_plan_given_without_its_tasks_says_so_plainly(national_tables, language, said):
    # the national plan comes as its indicators alone: said of what the evaluation was given, in the plan's own
    # word (规划), never naming a file nor blaming the plan for a form it could not be read in
    text = "\n".join(block_texts(self_evaluation_blocks(year_context(national_tables, language, 2015))))
    assert all(sentence in text for sentence in said)
    for unsaid in ("tasks.csv", "given to the project", "in a form that can be read", "可读取", "本项目未读取"):
        assert unsaid not in text


def test_the_appendix_places_each_finding_where_its_reader_finds_it(example):
    # the printed plan's place (corrections in its table; prose in 二（三）2), the publication an observation quotes
    # (indicator 1's 2021 value revises the printed one: tests/fixtures/example-2022-2024/2023-bulletin.csv), never a
    # folder path or a line of the project's copy of the text
    from analysis.report.tables import quality_table

    for language, table_place, prose_place, publication in (
            ("zh", "方案指标表", "方案第二部分第三项第2条", "示例统计公报 2023（虚构）"),
            ("en", "plan, indicator table", "plan, part 2, section 3, point 2", "Example bulletin 2023 (fictional)")):
        table = quality_table(year_context(example, language, 2024))
        where = dict(zip(zip(table.iloc[:, 0], table.iloc[:, 1], table.iloc[:, 2]), table.iloc[:, 4]))
        words = catalog(language)["quality_issue"]
        assert where[(words["correction"], "19", "2024")] == table_place
        assert where[(words["prose_growth"], "16", "2024")] == prose_place
        assert where[(words["observation_revises_baseline"], "1", "2021")] == publication
        assert not [place for place in where.values() if "/" in place or "第" in place and "行" in place]

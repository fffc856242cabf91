"""Indicator cards: one per series and qualitative indicator, reached from the scorecard, with the plan's
full name, the numbers, the sources of the actual values and the series' data-quality findings."""
from __future__ import annotations

import re
from html import unescape

import pandas as pd
import pytest

from analysis.report import cards, html, words
from analysis.report.context import load_report
from tests.conftest import relative
from tests.support.charts import NoCharts
from tests.support.line_breaks import unmarked


@pytest.fixture(scope="module")
def example(example_tables):
    return load_report(relative(example_tables), 2024, "zh")


@pytest.fixture(scope="module")
def cards_html(example):
    return html.cards_html(example, NoCharts())


def test_a_card_for_every_series_and_qualitative_indicator(cards_html):
    ids = re.findall(r'<section class="card" id="([^"]+)"', cards_html)
    assert len(ids) == 28 and len(set(ids)) == 28
    assert ids[:6] == ["indicator-1", "indicator-2", "indicator-3", "indicator-4-national", "indicator-4-provincial",
                       "indicator-5-national"]
    assert "indicator-22" in ids and "indicator-26" in ids
    assert cards_html.count('class="card-chart"') == 25  # the qualitative ones say how they are judged instead
    assert cards_html.count("定性评价：方案未列基础值和目标值") == 3


def test_the_scorecard_links_every_name_to_its_card(example, cards_html):
    links = re.findall(r'<a href="#([^"]+)">', html.scorecard_html(example))
    assert links == re.findall(r'<section class="card" id="([^"]+)"', cards_html)


def test_every_card_links_back_to_its_row_in_the_scorecard_on_a_screen_only(example, cards_html):
    """A phone's report is some 60,000 px long, and no card had a way back: each card's head links to its series' row
    in the scorecard, in the catalog's words; paper (WeasyPrint's print media, the PDF) leaves the link out."""
    from bs4 import BeautifulSoup
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from analysis.settings import TEMPLATES_DIR

    soup = BeautifulSoup(cards_html, "html.parser")
    rows = {row["id"] for row in BeautifulSoup(html.scorecard_html(example), "html.parser").select("tr[id]")}
    cards_ = soup.select("section.card")
    backs = [(card_.select_one(".card-head > a.card-back"), card_["id"]) for card_ in cards_]
    assert len(backs) == 28 and all(link is not None for link, _ in backs)
    assert [link["href"] for link, _ in backs] == [f"#scorecard-{anchor}" for _, anchor in backs]
    assert {link["href"][1:] for link, _ in backs} <= rows
    assert {link.get_text() for link, _ in backs} == {"↑ 指标评估表"}
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    page = (f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><style>{css}</style></head><body>'
            f'<main class="report"><div class="jp-RenderedHTMLCommon">{cards_[0]}</div></main></body></html>')

    def texts(media: str) -> str:
        document = HTML(string=page, media_type=media).render()
        return "".join(box.text for sheet in document.pages for box in sheet._page_box.descendants()
                       if isinstance(box, boxes.TextBox))

    assert "指标评估表" in texts("screen") and "指标评估表" not in texts("print")


def card(text: str, element: str) -> str:
    start = text.index(f'id="{element}"')
    return unmarked(text[start:text.index("</section>", start)])


def test_a_card_has_the_full_printed_name_and_its_numbers(cards_html):
    rd = card(cards_html, "indicator-2")
    assert "<h3>全社会R&amp;D经费支出占地区GDP比重（%）</h3>" in rd  # the plan's full name, as printed
    assert "R&amp;D经费投入强度 · % · 创新要素集聚能力 · 核心指标" in rd
    assert "<th>2020年基础值</th><td>2.36</td>" in rd and "<th>最新值（2024年）</th><td>2.7</td>" in rd
    assert "<th>对照目标（2024年）</th><td>2.8</td>" in rd and "<th>2023年目标</th><td>2.7</td>" in rd
    assert "<th>完成率</th><td>96.4%</td>" in rd  # 2.7 / 2.8
    # seen per year, a share: (2.70 − 2.36) / 4 = 0.085 points, shown to two decimals, half up
    assert "<td>+0.09个百分点</td>" in rd
    assert "未达标" in rd


def test_a_card_lists_its_sources_and_findings(cards_html):
    personnel = card(cards_html, "indicator-1")
    # the publication by its Chinese name (the file's source_zh)
    # and the note of its 2021 value, in the edition's language (the file's note_zh; the English edition keeps
    # note), after its source: one line under the one mark ① the chart shows, not two lines each marked ①
    assert ("<li>① 2021、2022：示例统计公报 2023（虚构）。2021年：修订数；方案印作 23,000。</li>"
            in personnel)
    assert personnel.count("①") == 1
    assert "Example bulletin" not in personnel
    assert "revised figure" not in personnel
    assert "基础值按公布数修订" in personnel  # the revision, from the data-quality log
    parks = card(cards_html, "indicator-4-national")
    # the four printed cells split into two series (2020, 2021, 2023, 2024): one line, not four
    # the other three are in the appendix, said in a sentence of its own
    assert parks.count("两组数据合列") == 1
    assert "（国2.8/省3.1），本报告分别评估。附录另列同类情况3处。" in parks
    decision = card(cards_html, "indicator-22")
    assert "定性评价：方案未列基础值和目标值" in decision and "定性指标：" not in decision  # said once


def test_data_text_in_a_card_is_escaped(example):
    row = example.series_row(2)._replace(name_zh="<script>x</script> **b**")
    text = html.card_html(example, NoCharts(), row)
    assert "<script>" not in text and "&lt;script&gt;x&lt;/script&gt; **b**" in text


def test_sources_and_notes_in_a_card_are_escaped(example, monkeypatch):
    # what people typed in an observation file (a source, a note) reaches the card's notes as it was typed
    typed = "<img src=x onerror=alert(1)> [x](javascript:alert(1))"
    monkeypatch.setattr(cards, "card_notes", lambda context, row: [typed])
    text = html.card_html(example, NoCharts(), example.series_row(2))
    assert "<img src=x" not in text
    assert '<ul class="card-notes"><li>&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))</li></ul>' in text


def test_a_card_names_the_responsible_departments_and_where_the_plan_names_them(cards_html):
    card = unmarked(re.search(r'<section class="card" id="indicator-26">.*?</section>', cards_html, re.S).group(0))
    # plan text line 62 is the paragraph "4.产业集聚发展更加紧密" of 二、…（三）主要目标: cited as a reader of the
    # printed plan finds it, not by a line number of the project's copy
    # where the list comes from first, so it never reads as a note on the last name
    # in the plan's order, the lead marked where it stands: the plan names no lead, so one other than its first is
    # said to be chosen by function (the marine share is the marine bureau's, though the plan lists it last)
    # the place without brackets of its own inside the brackets: never 责任部门（方案第二部分（三）4列明；…）
    assert ("责任部门（方案第二部分第三项第4条列明；牵头部门按职能确定）："
            "市发展改革委、市科技局、市工业和信息化局、市海洋发展局（牵头）") in card
    card = re.search(r'<section class="card" id="indicator-17">.*?</section>', cards_html, re.S).group(0)
    assert "责任部门（方案未列明，按职能确定）：市生态环境局（牵头）" in unmarked(card)
    # a phone broke the line inside the role (市生态环境局（牵 | 头）): the name whole, the role whole
    assert '<span class="nobr">市生态环境局</span><wbr><span class="nobr">（牵头）</span>' in card
    # high-tech enterprises: the plan lists the science bureau first, and it leads: nothing chosen to say
    card = unmarked(re.search(r'<section class="card" id="indicator-10">.*?</section>', cards_html, re.S).group(0))
    assert "列明）：市科技局（牵头）、市市场监督管理局" in card and "按职能确定" not in card


@pytest.fixture(scope="module")
def cards_html_en(example_tables):
    return html.cards_html(load_report(relative(example_tables), 2024, "en"), NoCharts())


def test_an_english_card_names_the_target_it_is_assessed_against_in_plain_words(cards_html_en):
    """对照目标 is the target a series is assessed against: "applicable", never "binding", which official English
    uses for 约束性 (a binding indicator), another thing."""
    rd = card(cards_html_en, "indicator-2")
    assert "<th>Applicable target (2024)</th><td>2.8</td>" in rd and "<th>2023 target</th><td>2.7</td>" in rd
    assert "binding" not in cards_html_en.lower()
    # the growth seen, a noun phrase with the year it counts from: (2.70 − 2.36) / 4 = 0.085 points a year
    assert re.search(r"<th>Change a year since 2020</th><td>\+0\.09\s?pp</td>", rd)


def test_a_level_met_since_it_applies_is_not_said_met_every_year(example_tables):
    """Good-air days (17) at the 2023 mid-term: ≥90 every year from 2023, 91.2 in 2023, but 89.5 in 2022, before the
    level applied: "met so far", the one word the badge, the heat map and the sentences use (never "required",
    which the plan is not), never "every year so far", which 2022 belies."""
    air = card(html.cards_html(load_report(relative(example_tables), 2023, "en"), NoCharts()), "indicator-17")
    assert "Met so far" in air and "every year so far" not in air and "required" not in air
    assert "2022 (89.5%): not judged against the level, which the plan first sets for 2023" in air
    air = card(html.cards_html(load_report(relative(example_tables), 2023, "zh"), NoCharts()), "indicator-17")
    assert "迄今均达标" in air and "目前均达标" not in air  # "so far" in written words, never the spoken 目前


def test_a_card_names_the_year_a_target_to_hold_missed_and_its_value(cards_html, cards_html_en):
    # energy-intensity decline: 5.3 in 2024 against ≥5 every year (106.0 %), but 4.6 in 2023: not achieved
    energy = card(cards_html, "indicator-18")
    assert "<th>未达到的年份</th><td>2023年（4.6%）</td>" in energy
    # the rate over 100 % beside "not achieved" is said to be 2024's alone (5.3 ÷ 5), after the year missed
    assert energy.index("<th>未达到的年份</th>") < energy.index("<th>2024年当年完成率</th><td>106.0%</td>")
    assert "<th>完成率</th>" not in energy
    english = card(cards_html_en, "indicator-18")
    # a label reads on its own, never the start of a phrase its value ends ("Missed in | 2023")
    assert "<th>Year missed</th><td>2023 (4.6%)</td>" in english
    assert "<th>Completion rate in 2024 alone</th><td>106.0%</td>" in english
    assert "<th>完成率</th><td>96.4%</td>" in card(cards_html, "indicator-2")  # a target to reach: 2.7 ÷ 2.8
    # good-air days: 89.5 in 2022, a year before the plan's first target (90 for 2023 and 2024): held to none; 91.2
    # and 92 meet both: no year missed, the completion rate 92 ÷ 90 = 102.2 %, 2024's own as 18's is, by the same
    # label
    air = unmarked(card(cards_html, "indicator-17"))
    assert "未达到的年份" not in air and "<th>2024年当年完成率</th><td>102.2%</td>" in air
    assert "未达到的年份" not in card(cards_html, "indicator-2")  # a target to reach is judged in its year


def test_a_card_from_an_older_value_names_the_years_without_one(cards_html, cards_html_en):
    # the provincial parks' share was last published for 2022, the super-deduction relief for 2023
    parks = card(cards_html, "indicator-4-provincial")
    assert ("<th>最新值（2022年）</th><td>2.9</td><th>无数据的年份</th><td>2023—2024</td>"
            in parks.replace("</tr><tr>", ""))
    # a label reads on its own, never the start of a phrase its value ends ("No value for | 2023–2024")
    assert "<th>Years without a value</th><td>2023–2024</td>" in card(cards_html_en, "indicator-4-provincial")
    assert "<th>无数据的年份</th><td>2024</td>" in card(cards_html, "indicator-21")
    assert "无数据的年份" not in card(cards_html, "indicator-2")


@pytest.mark.parametrize("language, label, stage, older", [
    ("en", "Distance covered / time elapsed", "100% / 100% (to the 2023 target)",
     "−100% / 67% (2022, to the 2023 target)"),
    ("zh", "增量完成比例 / 同期序时进度", "100% / 100%（对照2023年目标）",
     "−100% / 67%（2022年数值，对照2023年目标）")])
def test_a_mid_terms_distance_covered_names_the_stage_target_it_is_measured_to(example_tables, language, label,
                                                                                stage, older):
    """The 2023 mid-term measures the distance covered to the 2023 interim target, while the plan runs to 2024: the row
    names the target. National agri-tech parks (4): 2.8 in 2020, 3.0 in 2023 against 3.0 for 2023: (3.0 − 2.8) /
    (3.0 − 2.8) = 100% of the distance, in (2023 − 2020) / (2023 − 2020) = 100% of the time; the 2024 final measures
    to 2024's, the plan's last, and says no target. The provincial series, last seen in 2022 (2.9 against 3.1 in
    2020, 3.3 for 2023): (2.9 − 3.1) / (3.3 − 3.1) = −100% in (2022 − 2020) / (2023 − 2020) = 67% of the time, its
    year said too. The target after the value: a label that long outgrows the card's column."""
    mid = html.cards_html(load_report(relative(example_tables), 2023, language), NoCharts())
    assert f"<th>{label}</th><td>{stage}</td>" in card(mid, "indicator-4-national")
    assert f"<th>{label}</th><td>{older}</td>" in card(mid, "indicator-4-provincial")
    final = html.cards_html(load_report(relative(example_tables), 2024, language), NoCharts())
    [shown] = re.findall(f"<th>{re.escape(label)}</th><td>([^<]*)</td>", card(final, "indicator-4-national"))
    assert "target" not in shown and "目标" not in shown


def test_no_english_card_label_is_a_phrase_its_value_ends(example_tables):
    """Each label of a card's numbers reads on its own, as a heading at a phone's width does above its value: never
    "No value for" over "2023", "Missed in" over "2023 (4.6%)"."""
    from analysis.report import cards

    for year_ in (2023, 2024):
        context = load_report(relative(example_tables), year_, "en")
        for row in cards.numeric_rows(context):
            for label, _ in cards.card_numbers(context, row):
                assert label.split()[-1] not in {"for", "in", "of", "to", "at", "by", "from", "with"}, label


def test_a_baseline_that_meets_its_target_is_not_called_a_target_held_every_year(cards_html, cards_html_en):
    # new enterprises per 10 000 people: 77 in 2021 against 70 in 2023 and 2024, a target to reach (higher)
    firms = card(cards_html, "indicator-13")
    # each value in its unit, as everywhere in a sentence (in English the unit is named with the series)
    assert ("2021年基础值77家/万人已达到目标值（2023年目标70家/万人、2024年目标70家/万人）；仍与其他目标一样，"
            "依据方案实施期内的数值评估，"
            "最终按目标年数值判断（不按每年须达到的水平逐年判断）") in firms
    # after its label and a colon: in lower case ("Baseline meets target: the 2021 baseline …")
    assert ("Baseline meets target: the 2021 baseline 77 already meets the target (70 in 2023, 70 in 2024); it is "
            "still judged as any other "
            "target is, on the plan period&#39;s values and finally on the target year&#39;s (not year by year: it is "
            "not set as a level to hold every year)") in card(cards_html_en, "indicator-13")
    # good-air days: 90.1 in 2021 against ≥90, a level to hold every year (indicator_metadata.csv: at_least), its
    # targets quoted as the table prints them (90, no sign), said to be printed bare
    assert ("2021年基础值90.1%已达到目标值（2023年目标90%、2024年目标90%，方案表未标“≥”）；按每年须达到的水平评估，"
            "自方案首个设定目标的年份（2023年）起逐年对照判断" in card(cards_html, "indicator-17"))
    assert ("Baseline meets target: the 2021 baseline 90.1% already meets the target (90% in 2023, 90% in 2024, "
            "printed without “≥”), assessed as a level") in card(cards_html_en, "indicator-17")
    # the high-tech ratio (7), in %: 86% against 80% and 81%, never a bare 86
    assert "2021年基础值86%已达到目标值（2023年目标80%、2024年目标81%）" in card(cards_html, "indicator-7")
    assert "Baseline meets target: the 2021 baseline 86% already meets the target (80% in 2023, 81% in 2024)" in card(
        cards_html_en, "indicator-7")
    assert "each year from 2023, the first the plan sets it for, is checked against it" in card(cards_html_en,
                                                                                                "indicator-17")
    assert "保持" not in cards_html


def test_a_series_without_any_value_names_the_base_year_it_lacks_and_no_latest_year():
    from tests.report.test_words import NAN, assessed, context

    # no value at all (as the national plan's indicators 4 and 6–9): no "年基础值 –" nor "最新值（年）"
    empty = {**assessed(25, 2024, "compound", NAN, None, NAN, 2024, 320, "insufficient_data", n=0, verdict=""),
             "base_year": None}
    zh = context("zh", [empty])
    numbers = cards.card_numbers(zh, next(zh.joined().itertuples()))
    assert [label for label, _ in numbers[:2]] == ["2020年基础值", "最新值"]
    en = context("en", [empty])
    assert [label for label, _ in cards.card_numbers(en, next(en.joined().itertuples()))[:2]] == [
        "2020 baseline", "Latest"]


def test_a_fall_in_the_plan_period_hidden_by_a_rise_before_it_comes_first(example, example_tables):
    # 高企数与规上工业企业数比值 (7): 68.8 in 2020, 86 in 2021 (both printed), 82 in 2024: +4.5% a year from 2020,
    # yet down from 86 over the plan period (2022–2024). Against its target of 81, which the plan sets below its
    # 2021 value, the fall is no move against it: moved back, still meeting it. Against a target of 84 it is.
    row = example.series_row(7)
    assert cards.plan_period_turn(example, row) == ("方案实施期内有所下降、仍达到目标：由方案实施期前一年2021年的"
                                                    "86%降至"
                                                    "2024年的82%；上列年均增长自2020年基础值起算。")
    short = row._replace(target_value=84.0)
    assert cards.card_notes(example, short)[0] == (
        "方案实施期内变化方向与目标相反：由方案实施期前一年2021年的86%变为2024年的82%；上列年均增长自2020年基"
        "础值起算。")
    # a series that rose in the plan period as well has no such note (10: 1,049 in 2021, 1,580 in 2024)
    assert not cards.plan_period_turn(example, example.series_row(10))
    english = load_report(relative(example_tables), 2024, "en")
    assert cards.card_notes(english, english.series_row(7)._replace(target_value=84.0))[0] == (
        "Moved the wrong way over the plan period: from 86% in 2021, the year before the plan period, to 82% in 2024; "
        "the change a year above is measured from the 2020 baseline.")
    # a ratio in % judged by its compound rate ((82 / 68.8)^(1/4) − 1 = 4.49%) shows its points a year, as every
    # series in % (8: +1.5个百分点): (82 − 68.8) / 4 = 3.3 points, never "+4.5%（+3.3个百分点）" beside them
    from analysis.report.words import seen_text

    assert seen_text(row, example.words) == "+3.3个百分点"
    assert seen_text(english.series_row(7), english.words) == "+3.3 pp"
    # and a growth it needs likewise: its points a year alone, as a share's (never "+4.5%（+3.3个百分点）")
    from analysis.report.words import paired_pace

    assert paired_pace(row, example.words, 0.045, "+3.3个百分点") == "+3.3个百分点"


def test_a_rise_in_the_plan_period_hidden_by_a_fall_before_it_comes_first(example, example_tables):
    # 省级农业科技园区营收占比 (4 provincial): 3.1 in 2020, 2.7 in 2021 (both printed: 国2.8/省2.7), 2.9 in 2022: moving
    # away from 3.3 by its growth from 2020, yet up from 2.7 over the plan period
    row = example.series_row(4, "provincial")
    assert row.status == "moving_away"
    # second, after what the status rests on (the 2024 report has no 2024 value for it); one sentence, ended as one,
    # says why it is "moving away" all the same: 2.9 is still below 3.1, the baseline it is measured from; never
    # "towards the target" beside "moving away"; and a second, that the chart's dotted line, falling from 2.9 to 2.7
    # (2.9 − 0.1 × 2, the pace from 3.1 in 2020), carries that pace on, not the rise since 2021
    assert cards.card_notes(example, row)[1] == (
        "有所回升：由方案实施期前一年2021年的2.7%升至2022年的2.9%，但仍低于2020年基础值3.1%；"
        "上列年均增长和评估结论自该基础值起算。图中点线即按该增速推算至2024年。")
    english = load_report(relative(example_tables), 2024, "en")
    assert cards.card_notes(english, english.series_row(4, "provincial"))[1] == (
        "Rose from 2.7% in 2021 (the year before the plan period) to 2.9% in 2022, but is still "
        "below the 2020 baseline of 3.1%, from which the change a year above and the status are measured. The chart's "
        "dotted line carries that pace on to 2024.")
    # the national series rose from 2020 and in the plan period: no such note; nor has the decline in energy use
    # (18: 5.48 in 2020, 3.41 in 2021, 5.3 in 2024), a floor judged year by year, not from the base year
    assert not cards.plan_period_turn(example, example.series_row(4, "national"))
    assert not cards.plan_period_turn(example, example.series_row(18))


def test_a_faster_rise_in_the_plan_period_than_the_pace_rated_is_said_at_the_mid_term(example_tables):
    """外资占比 (19): 3.1% in 2020, 2.7% in 2021 (both printed), 3.2% in 2023. The mid-term rates the way to the 2024
    target (3.5%) on the pace from 2020, (3.2 − 3.1) / 3 = +0.03 pp a year, while the plan period saw (3.2 − 2.7) / 2 =
    +0.25 pp a year: the card, the scorecard and the warning list say the plan period's rise beside the red warning.
    Likewise 3 (41.5, 39.3, 44.1) and 20 (2.07, 1.9, 2.8). Not 4 national (2.8 in 2020 and 2021: no dip), not 17 (a
    level held every year: 90.4, 90.1, 91.2 against ≥ 90), and none in the final report, with no target ahead."""
    from analysis.report.tables import scorecard_rows
    from analysis.report.warning_tables import warning_rows

    zh = load_report(relative(example_tables), 2023, "zh")
    en = load_report(relative(example_tables), 2023, "en")
    # the plan period's pace, by hand: 19 (3.2 − 2.7) / 2 = +0.25 pp a year (from 2020's 3.1: +0.03); 3 (44.1 − 39.3)
    # / 2 = +2.4 (from 41.5: +0.87); 20 (2.8 − 1.9) / 2 = +0.45 (from 2.07: +0.24)
    assert cards.plan_period_turn(zh, zh.series_row(19)) == (
        "方案实施期内上升快于自基础值以来：由方案实施期前一年2021年的2.7%（低于2020年基础值3.1%）升至2023年的"
        "3.2%，"
        "年均+0.25个百分点；上列年均增长和评估结论自该基础值起算。")
    assert cards.plan_period_turn(en, en.series_row(19)) == (
        "Rose faster over the plan period than since the baseline: from 2.7% in 2021 (the year before the plan "
        "period, below the 2020 baseline of 3.1%) to 3.2% in 2023, +0.25 pp a year; the change a year above and the "
        "status are measured from the baseline.")
    # (no aside in brackets: a short note under a status, whose bracket a narrow column broke); the values and the
    # pace, never "up faster … below the baseline" (回升较快), which said neither from what nor how fast (the baseline's
    # value is in the column beside it; the self-evaluation's table keeps to four pages with the note this short)
    for context, notes in ((zh, {"3": "2021年39.3%，低于基础值；此后年均+2.4个百分点",
                                 "19": "2021年2.7%，低于基础值；此后年均+0.25个百分点",
                                 "20": "2021年1.9%，低于基础值；此后年均+0.45个百分点"}),
                           (en, {"3": "39.3% in 2021, below the baseline; +2.4 pp a year since",
                                 "19": "2.7% in 2021, below the baseline; +0.25 pp a year since",
                                 "20": "1.9% in 2021, below the baseline; +0.45 pp a year since"})):
        shown = {row.indicator_id: row.final_rate for row in scorecard_rows(context)}
        assert {key for key, note in shown.items()
                if ("此后年均" in note or "a year since" in note)} == set(notes)
        for key, note in notes.items():
            assert shown[key].endswith(note)
        warned = {row.anchor: row.status_note for row in warning_rows(context)}
        assert warned["indicator-19"].endswith(notes["19"])
    for number in ("4", "17"):
        assert not cards.plan_period_turn(zh, zh.series_row(number, "national" if number == "4" else ""))
    final = load_report(relative(example_tables), 2024, "zh")
    assert not cards.plan_period_turn(final, final.series_row(19))


def test_the_scorecard_and_the_warning_list_say_a_rise_the_status_from_the_base_year_hides(example, example_tables):
    """"Moving away" for 4 provincial (3.1 in 2020, 2.7 in 2021, 2.9 in 2022) is followed, under the status, by the
    plan period's move (2021–2022: 2.7% → 2.9%) in the scorecard and the warning list, not on the card alone; 7,
    achieved (82 against 81) though down from 86, has none there: its verdict is on the level reached."""
    from analysis.report.tables import scorecard_rows
    from analysis.report.warning_tables import warning_rows

    english = load_report(relative(example_tables), 2024, "en")
    # the latest value still below the baseline the status is measured from, then the rise since: never "towards the
    # target" beside "moving away"
    for context, move in ((example, "仍低于2020年基础值3.1%；较2021年的2.7%有所回升"),
                          (english, "still below the 2020 baseline of 3.1%, though up from 2.7% in 2021")):
        notes = {(row.indicator_id, row.anchor): row.final_rate for row in scorecard_rows(context)}
        assert move in notes[("4", "indicator-4-provincial")]
        assert not [note for key, note in notes.items() if key != ("4", "indicator-4-provincial") and
                    ("有所回升" in note or "up from" in note)]
        warned = {row.anchor: row.status_note for row in warning_rows(context)}
        assert move in warned["indicator-4-provincial"]
    assert words.plan_period_note(example, example.series_row(7)) == ""


def test_a_projection_only_from_enough_points_and_whole_for_counts(example_tables):
    """The 2022 review: tech SMEs (11, a count) and high-level talent (25) rest on the 2020/2021 baselines and 2022;
    a projection from two printed baselines alone (the 2021 review) is not shown; a floor is never projected."""
    early = load_report(relative(example_tables), 2021, "zh")
    for row in early.joined().itertuples():
        if row.status == "qualitative":
            continue
        labels = [label for label, _ in cards.card_numbers(early, row)]
        assert not any(label.startswith("按实际年均增长推算") for label in labels), row.indicator_id
    review = load_report(relative(example_tables), 2022, "zh")
    rows = {(row.indicator_id, row.series): row for row in review.joined().itertuples()}
    talent = dict(cards.card_numbers(review, rows[(25, "")]))
    projected = talent["按实际年均增长推算2023年"]  # the binding target: 2023 stage
    # 242 (2020) to 275 (2022): (275 / 242) ** 0.5 = 1.0660 a year; 275 × 1.0660 = 293.15: whole persons, 293
    assert projected == "293"
    # a share to the decimals its values carry: tech zones (3), 41.5 (2020) to 42 (2022), +0.25 a year, 42.25 in 2023,
    # given as 42.3 (a projection no more precise than the values it rests on; the workbook stores the same)
    assert dict(cards.card_numbers(review, rows[(3, "")]))["按实际年均增长推算2023年"] == "42.3"
    # never rounded onto its target: 4 national, 2.8 (2020) to 2.9 (2022), +0.05 a year, 2.95 in 2023, is short
    # of 3.0: given as 2.95, not 3.0 beside its target 3.0 (nor 3); the workbook stores 2.95 too
    national = dict(cards.card_numbers(review, rows[(4, "national")]))
    assert national["按实际年均增长推算2023年"] == "2.95"
    # the floor of energy use (18): met or missed each year, no projection
    assert not any(label.startswith("按实际年均增长推算") for label, _ in cards.card_numbers(review, rows[(18, "")]))


def test_a_card_without_a_verdict_shows_no_progress_from_the_printed_baselines(weihai):
    # the plan as printed in its final year: high-tech enterprises (10), 738 (2020) and 1,049 (2021) only, its target
    # year come: insufficient data, so no completion against time elapsed and no growth seen (a +42.1% a year from
    # the baselines would read as progress under the plan)
    from analysis.publish.data import build_tables
    from analysis.report.cards import card_numbers
    from analysis.report.context import report_context

    context = report_context(build_tables(weihai, "eurostat"), 2024, "zh")
    row = context.series_row(10)
    assert row.status == "insufficient_data"
    labels = [label for label, _ in card_numbers(context, row)]
    words = context.words["card"]
    assert words["completion"] not in labels and words["seen"].format(year=2020) not in labels
    assert "+42.1%" not in [value for _, value in card_numbers(context, row)]


def test_a_growth_the_prose_promises_is_held_against_the_growth_seen(example, example_tables):
    # 二（三）2 promises "技术交易额年均增长10%以上"; the table: 133 in 2021, 160 for 2024,
    # (160/133)^(1/3) − 1 = 6.36 %; the example: 158 in 2024, (158/133)^(1/3) − 1 = 5.91 % a year; 142 in 2022,
    # 142/133 − 1 = 6.77 %. Each rate with the values it runs between: the card's own pace counts from 2020.
    row = example.series_row(16)
    assert ("正文（方案第二部分第三项第2条）要求年均增长10%以上：表中2021年133亿元至2024年160亿元，"
            "折合年均+6.4%；自2021年（表中133亿元）至2024年实际158亿元，年均+5.9%，低于要求；"
            "上表实际年均增长（+9.6%）自2020年基础值109.61亿元起算，同样低于要求") in cards.card_notes(example, row)
    mid_term = load_report(relative(example_tables), 2022, "en")
    # the card's own pace from 2020: (142 / 109.61)^(1/2) − 1 = 13.8 %, named beside the note's +6.8% from 2021, and
    # above 10% only through 2021's jump (109.61 to 133); 2024's 9.6% from 2020 is below 10% too
    # (the amounts in 100 million yuan written out, as every English sentence gives them: 133 is 13.3 billion yuan,
    # 109.61 is 10.961 billion)
    assert ("The prose (plan, part 2, section 3, point 2) requires at least 10% a year: the table, 13.3 billion yuan "
            "in 2021 to 16 billion yuan in 2024, implies +6.4% a year; from the table's 13.3 billion yuan in 2021 to "
            "an actual 14.2 billion yuan in 2022: +6.8% in one year, "
            "below the required rate; the actual growth per year above (+13.8%) counts from the 2020 baseline, "
            "10.961 billion yuan, above the required rate only because of the jump in 2021, before the plan "
            "period") in cards.card_notes(
        mid_term, mid_term.series_row(16))
    # the card's own row says where its pace counts from: (158 / 109.61)^(1/4) − 1 = 9.57 % from the 2020 baseline,
    # so +9.6% beside the note's +5.9% from 2021 is no contradiction
    assert ("实际年均增长（2020年起）", "+9.6%") in cards.card_numbers(example, row)
    # before any value after the table's last baseline, the promise waits for one
    first = load_report(relative(example_tables), 2021, "zh")
    assert ("正文（方案第二部分第三项第2条）要求年均增长10%以上：表中2021年133亿元至2024年160亿元，"
            "折合年均+6.4%；2021年以后尚无数据，待公布后对照" in cards.card_notes(first, first.series_row(16)))


def test_a_card_says_what_a_series_needs_a_year_only_while_it_needs_something(example, example_tables, cards_html):
    # the final evaluation (2024): every target's year has come, nothing is needed any more: no "—" row
    assert "每年需增长" not in cards_html
    # the mid-term (2023): R&D intensity (2), 2.61 against the 2024 target 2.8, needs 0.19 points in the one year,
    # 2.8 / 2.61 − 1 = 7.3%; the provincial parks (4), last seen in 2022 and past their 2023 target: what the 2024
    # target (3.3) still needs from 2.9, (3.3 − 2.9) / 2 = 0.2 points a year, (3.3 / 2.9) ** 0.5 − 1 = 6.7%
    mid = html.cards_html(load_report(relative(example_tables), 2023, "zh"), NoCharts())
    # (one year's growth, 2023 to 2024: what 2024 must add, never "每年"; the year said once, not "2024年目标：" again)
    assert "<th>2024年需增长</th><td>+0.19个百分点</td>" in card(mid, "indicator-2")
    # a growth over two years said as each year's even under a label that says "per year" (每年): never
    # "2023—2024年增长 0.2个百分点", "grow by 0.2 pp in 2023–2024", read as the two years' growth together
    # (its 2023 target's year has come: the need names the 2024 target it is for)
    assert ("<th>每年需增长</th><td>至2024年目标3.3%，2023—2024年每年增长0.2个百分点，自2022年数值起算</td>"
            in card(mid, "indicator-4-provincial"))
    english = html.cards_html(load_report(relative(example_tables), 2023, "en"), NoCharts())
    assert ("<th>Needed per year</th><td>grow by 0.2 pp in each year of 2023–2024 to reach the 2024 target of 3.3%, "
            "from the 2022 value</td>" in card(english, "indicator-4-provincial"))


def test_a_card_with_one_year_left_names_that_year_for_a_target_met_or_a_level_held(example_tables):
    """The mid-term (2023): a card whose 2024 target is met already (high-tech firms per industrial firm (7), 83 in
    2023 against 81) or a level to hold (good-air days (17), ≥90 again in 2024) names the year too, the value that
    year's alone, as the scorecard gives it: never "每年需增长2024年目标：已达到" ("per year" of one year, and the
    year named twice). The level in words under a label for a level ("2024年 须不低于90%", never "2024年要求 须…"):
    never a bare "≥90%", nor a level under "2024年需增长", read as a growth of 90%. A target met already is no growth
    either: under the label of what a year needs, of any kind ("2024年所需"): never under "2024年需增长", a growth's
    label. In English "Needed in 2024" says no growth: one name for the figure, whatever its kind, as the scorecard's
    column and the phone's row name it alike (once "2024 needs" over the column, "Needed in 2024" on the phone)."""
    for language, label, level, met, held in (
            ("zh", "2024年所需", "2024年", "已达到目标", "须不低于90%"),
            ("en", "Needed in\u00a02024", "Needed in\u00a02024", "target already met", "at least 90%")):
        mid = load_report(relative(example_tables), 2023, language)
        [seven] = [row for row in mid.joined().itertuples() if row.indicator_id == 7]
        [good_air] = [row for row in mid.joined().itertuples() if row.indicator_id == 17]
        assert (label, met) in cards.card_numbers(mid, seven)
        assert (level, held) in cards.card_numbers(mid, good_air)
        assert words.year_left(seven) == 2024
        # the growth of a latest value two years before its target is a year's each, per year as before
        assert words.year_left(seven._replace(as_of_year=2022)) is None
    mid_html = html.cards_html(load_report(relative(example_tables), 2023, "zh"), NoCharts())
    assert "<th>2024年所需</th><td>已达到目标</td>" in card(mid_html, "indicator-7")


@pytest.mark.parametrize(("language", "met", "label", "growth"), [
    ("zh", "2024年目标已达到", "2024年所需", "2024年需增长"),
    ("en", "2024 target already met", "Needed in 2024", "Needed in 2024")])
def test_a_target_met_already_reads_whole_under_the_status_on_a_phone(example_tables, language, met, label, growth):
    """The mid-term (2023): 7 (83 against 2024's 81), 9, 13 and 4 national have met their 2024 target already. A
    phone gives the need under the status, after its label: "2024年所需 已达到目标" read as "needed in 2024: met".
    It says it whole instead, "2024年目标已达到" ("2024 target already met"), never after the label; a growth keeps
    its label (2, R&D intensity: 2.61 in 2023 against 2.8)."""
    from bs4 import BeautifulSoup

    mid = load_report(relative(example_tables), 2023, language)
    soup = BeautifulSoup(html.scorecard_html(mid), "html.parser")

    def phone(number: str) -> list[str]:
        [row] = [row for row in soup.find_all("tr") if row.find("td") and row.find("td").get_text() == number]
        return [" ".join(small.get_text().replace("\u00a0", " ").split())
                for small in row.find_all("small", class_="phone-only")]

    for number in ("7", "9", "13"):
        assert met in phone(number) and not any(label in text for text in phone(number))
    # a number joined to its Chinese label (2024年需增长+0.19个百分点), as a word is not
    assert any(text.startswith(growth + {"zh": "+", "en": " +"}[language]) for text in phone("2"))


def test_a_final_evaluation_leaves_out_the_needed_per_year_column(example, example_tables):
    # 2024, the year of every target, with its values: nothing is needed any more, the column would be all "—"; the
    # mid-term (2023): the pace to 2024 (R&D intensity 2.61 → 2.8: +0.19 points)
    assert '<table class="scorecard no-pace">' in html.scorecard_html(example)
    assert '<table class="warning-list reflow no-pace">' in html.warnings_html(example)
    mid = load_report(relative(example_tables), 2023, "zh")
    assert '<table class="scorecard">' in html.scorecard_html(mid)
    # the year in the header, once; growths (2) and levels to hold (17, 18) share the column: a header for both
    assert "<th>2024年所需</th>" in unmarked(html.scorecard_html(mid))
    assert "<td>+0.19个百分点</td>" in unmarked(html.scorecard_html(mid))
    assert '<table class="warning-list reflow">' in html.warnings_html(mid)


@pytest.mark.parametrize("language, growth, level", [("zh", "2024年需增长", "2024年"),
                                                     ("en", "Needed in\u00a02024", "Needed in\u00a02024")])
def test_a_phone_labels_each_rows_need_by_its_kind(example_tables, language, growth, level):
    """The mid-term's scorecard on a phone gives each row's need under its status with a label of its own: a growth
    (R&D intensity (2), +0.19 points in 2024) as one, a level to hold (good-air days (17): at least 90%; 18: at least
    5%) as a level, never "2024年需增长 须不低于90%" (the column's header over a level); in English "Needed in 2024"
    over both, as over the column."""
    from bs4 import BeautifulSoup
    mid = load_report(relative(example_tables), 2023, language)
    soup = BeautifulSoup(html.scorecard_html(mid), "html.parser")

    def phone(number: str) -> list[str]:
        return [" ".join(small.get_text().split()) for row in soup.select("tr[id]")
                if row.select_one("td").get_text() == number for small in row.select("small.phone-only")]

    held = {"zh": "须不低于", "en": "at least"}[language]
    assert [line for line in phone("17") if held in line][0].startswith(level.replace("\u00a0", " ") + " ")
    assert [line for line in phone("18") if held in line][0].startswith(level.replace("\u00a0", " ") + " ")
    assert any(line.startswith(growth.replace("\u00a0", " ") + {"zh": "+0.19", "en": " +0.19"}[language])
               for line in phone("2"))


def test_a_final_evaluation_explains_no_stage_target_rule(example, example_tables):
    # 2024: no target follows, no verdict on an interim target can be; the mid-term (2023) explains the amber rule
    final = unmarked(html.warnings_html(example))
    assert "阶段目标" not in final.split("</p>")[0]
    mid = unmarked(html.warnings_html(load_report(relative(example_tables), 2023, "zh")))
    # said by colour, so that an interim target missed reads once under red and once under amber, never as both
    lead = mid.split("</p>")[0]
    # on course for the next target is the method's on-track band, R ≥ 0.95 (Eurostat): 3 (R = 0.96) and 25
    # (R = 0.97) turn amber, 7 red and 7 amber of the 14
    assert ("红色：未达标、偏离目标、未达阶段目标且对下一目标未达进度正常"
            "（现有年均增速 ÷ 下一目标所需年均增速 < 0.95）的；"
            "黄色：进展不足、预计未达标的，以及未达阶段目标但对下一目标进度正常"
            "（现有年均增速 ÷ 下一目标所需年均增速 ≥ 0.95）的、"
            "已达阶段目标但对下一目标未达进度正常的。共14个，红色7个，黄色7个。") in unescape(lead)
    mid_en = unmarked(html.warnings_html(load_report(relative(example_tables), 2023, "en")))
    assert ("Red: missed their target or moving away from it, or an interim target missed while not on track for the "
            "next target (change a year seen ÷ change a year the next target needs < 0.95); amber: progressing too "
            "slowly or projected to miss, or an interim target missed while on track for the next target "
            "(change a year seen ÷ change a year the next target needs ≥ 0.95), or one met while not on track for it. "
            "14 series, 7 red and "
            "7 amber.") in unescape(mid_en.split("</p>")[0])


def test_a_card_says_why_a_pace_behind_is_warned_once_its_target_year_has_come(cards_html, cards_html_en):
    # the R&D super-deduction (21): 9.3 in 2023 against 10 for 2024, no 2024 value: moderate, amber in the final,
    # and shown as projected to miss, never "accelerate" once the target's year has passed
    # the final warns no more: listed among the targets missed, as data missing
    assert "按实际年均增长推算达不到目标，列为“数据缺失”，待补充该年数据后作最终判定" in card(
        cards_html, "indicator-21")
    assert "需加快" not in card(cards_html, "indicator-21")
    assert "listed as “Data missing” until that value is in" in card(cards_html_en, "indicator-21")
    assert "Projected to miss" in card(cards_html_en, "indicator-21")
    assert "accelerate" not in card(cards_html_en, "indicator-21")
    assert "Projected to miss" not in card(cards_html_en, "indicator-2")  # 2.7 in 2024: a final verdict
    assert "amber warning until" not in card(cards_html_en, "indicator-2")


def test_the_front_pages_summary_gives_the_data_currency_in_words(example_tables):
    """The example's 2024 data: 23 series to 2024, 21 (R&D super-deduction) to 2023, 4 provincial to 2022."""
    from analysis.report.words import index_summary

    chinese = index_summary(load_report(relative(example_tables), 2024, "zh"))
    english = index_summary(load_report(relative(example_tables), 2024, "en"))
    assert chinese["currency"] == "最新数据年份：2024年23个序列、2023年1个序列、2022年1个序列"
    assert english["currency"] == "latest data: 2024 (23 series), 2023 (1 series), 2022 (1 series)"
    assert chinese["plan_title"] == "威海市建设国家创新型城市实施方案（2022—2024年）"


def test_a_level_held_every_year_and_missed_once_shows_that_years_gap(example, example_tables):
    """18 (≥5 every year): 4.6 in 2023, so 5 − 4.6 = 0.4. The latest value meets the level (5.3), so without this the
    gap was "—" beside "not achieved"; 17 (≥90 in 2023 and 2024: 91.2, 92, met) and 1 (met) keep "—" and 2 its
    latest gap (2.8 − 2.7 = 0.1)."""
    from analysis.report.tables import scorecard_rows
    from analysis.report.warning_tables import warning_rows

    english = load_report(relative(example_tables), 2024, "en")
    assert cards.missed_gap(example, example.series_row(18)) == (0.4, "2023")
    assert cards.missed_gap(example, example.series_row(17)) is None
    gaps = {row.indicator_id: row.gap for row in scorecard_rows(example)}
    assert (gaps["17"], gaps["18"], gaps["1"], gaps["2"]) == ("—", "0.4个百分点（2023年）", "—", "0.1个百分点")
    assert gaps["10"] == "20家"  # a count's gap with its unit (1,600 − 1,580), as a share's points are, as the list's
    assert {row.indicator_id: row.gap for row in warning_rows(example)}["10"] == "20家"
    assert {row.indicator_id: row.gap for row in warning_rows(english)}["18"] == "0.4 pp (2023)"


@pytest.mark.parametrize(("language", "gap"), [("zh", "2亿元"), ("en", "2")])
def test_a_cards_gap_is_in_the_unit_of_its_values(example_tables, language, gap):
    """16, technology contracts (100 million yuan): 158 in 2024 against 160, so 160 − 158 = 2. The English card gave
    "Latest 158 … Applicable target 160 … Gap 200 million yuan", its values in the unit under the name and the gap
    written out in another. The gap is 2 as the values are; the Chinese carries its unit as every Chinese number."""
    final = load_report(relative(example_tables), 2024, language)
    numbers = dict(cards.card_numbers(final, final.series_row(16)))
    assert numbers[final.words["card"]["gap"]] == gap


@pytest.mark.parametrize(("language", "missed", "needed", "scorecard"), [
    ("zh", "2023年（4.6%）", "≥5%", "≥5%（2023年未达到）"),
    ("en", "2023 (4.6%)", "≥5%", "≥5% (missed in 2023)")])
def test_a_card_says_the_years_a_level_missed_once(example_tables, language, missed, needed, scorecard):
    """18 (≥5% every year from 2023) at the mid-term: 4.6 in 2023 missed it. The card gives the year missed a row of
    its own; its row of what 2024 requires gives the level alone, never "(missed in 2023)" again after it (a bracket
    the card's narrow column broke: "at least 5% (missed in | 2023)"); the scorecard, with no such row, keeps it."""
    from analysis.report.tables import scorecard_rows

    mid = load_report(relative(example_tables), 2023, language)
    numbers = cards.card_numbers(mid, mid.series_row(18))
    assert dict(numbers)[mid.words.count_text("card.missed", 1)] == missed  # one year missed: "Year missed"
    [need] = [value for label, value in numbers if label in ("Needed in\u00a02024", "2024年")]
    assert need.replace("at least ", "≥").replace("不低于", "≥").replace("须", "") == needed
    [row] = [row for row in scorecard_rows(mid) if row.indicator_id == "18"]
    assert row.pace.replace("at least ", "≥").replace("不低于", "≥").replace("须", "") == scorecard


@pytest.mark.parametrize(("language", "latest", "target", "gap", "note"), [
    ("zh", ("5.3%", "（2024年）"), ("≥5%", "（每年）"), "0.4个百分点（2023年）",
     "2023年为4.6%，未达到；2024年为5.3%"),
    ("en", ("5.3%", " (2024)"), ("≥5%", " (yearly)"), "0.4 pp (2023)", "4.6% in 2023, missed; 5.3% in 2024")])
def test_a_level_missed_in_an_earlier_year_shows_the_latest_value_and_the_gap_of_the_year_missed(
        example_tables, language, latest, target, gap, note):
    """18 (≥5 every year) at the final: 4.6 in 2023 missed the level, 5.3 in 2024 meets it. The warning row's latest
    value is the newest, 5.3 (2024), as the card's and the self-evaluation's are; its target holds every year
    ("≥5% (yearly)"), its gap is 2023's (5 − 4.6 = 0.4) with that year; the note says both years."""
    from analysis.report.warning_tables import warning_rows

    [row] = [row for row in warning_rows(load_report(relative(example_tables), 2024, language))
             if row.indicator_id == "18"]
    assert ((row.latest, row.latest_year), (row.target, row.target_year), row.gap) == (latest, target, gap)
    assert note in row.status_note


@pytest.mark.parametrize(("language", "latest", "target", "gap", "note", "mid"), [
    ("zh", ("5.3", "（2024年）"), ("≥5", "（每年）"), "0.4个百分点（2023年）", "2023年为4.6%，未达到；2024年为5.3%",
     (("4.6", "（2023年）"), ("≥5", "（2023年）"), "0.4个百分点")),
    ("en", ("5.3", " (2024)"), ("≥5", " (yearly)"), "0.4 pp (2023)", "4.6% in 2023, missed; 5.3% in 2024",
     (("4.6", " (2023)"), ("≥5", " (2023)"), "0.4 pp"))])
def test_the_scorecard_row_of_a_level_missed_in_an_earlier_year_gives_the_latest_value(example_tables, language,
                                                                                      latest, target, gap, note, mid):
    """18 (≥5% every year from 2023) at the final: 4.6 in 2023 (the 2024 bulletin) missed it, 5.3 in 2024 (the 2025
    bulletin) meets it. The scorecard's latest value is the newest, 5.3 (2024), as on the card; the target holds every
    year ("≥5 (yearly)"), never a year that reads as the latest value's; the gap, 5 − 4.6 = 0.4, names 2023; the
    note says both years. At the mid-term 2023 is the latest year: 4.6 (2023) against 2023's ≥5, gap 0.4 pp of its
    own."""
    from analysis.report.tables import scorecard_rows

    [row] = [row for row in scorecard_rows(load_report(relative(example_tables), 2024, language))
             if row.indicator_id == "18"]
    assert ((row.latest, row.latest_year), (row.target, row.target_year), row.gap) == (latest, target, gap)
    assert note in row.final_rate
    [then] = [row for row in scorecard_rows(load_report(relative(example_tables), 2023, language))
              if row.indicator_id == "18"]
    assert ((then.latest, then.latest_year), (then.target, then.target_year), then.gap) == mid


@pytest.mark.parametrize(("language", "shares"), [
    ("zh", {"3": "现有增速为2024年目标所需的96%，视为进度正常",
            "25": "现有增速为2024年目标所需的97%，视为进度正常"}),
    ("en", {"3": "the growth seen since 2020 is 96% of what the 2024 target needs, counted as on track",
            "25": "the growth seen since 2020 is 97% of what the 2024 target needs, counted as on track"})])
def test_on_track_on_a_growth_below_the_need_gives_its_share_wherever_a_short_note_says_it(example_tables, language,
                                                                                           shares):
    """The mid-term: 3 (linear) missed its 2023 interim target of 45 with 44.1; since 41.5 in 2020 it grew
    (44.1 − 41.5) ÷ 3 = +0.867 a year, and 2024's 45 needs 45 − 44.1 = +0.9: 0.867 ÷ 0.9 = 0.963, 96% (rounded down).
    25 (compound): 242 in 2020, 298 in 2023, (298 ÷ 242)^(1/3) − 1 = 7.18% a year seen, 320 ÷ 298 − 1 = 7.38% needed:
    0.973, 97%. Both are on track by the band (≥ 95%) on a growth short of the need: the scorecard's note, the warning
    list's and the card's say the share, as the overview does, never a bare "on track". 5 (national), whose growth
    seen is more than its need, keeps the plain words."""
    from analysis.report.tables import scorecard_rows
    from analysis.report.warning_tables import warning_rows

    context = load_report(relative(example_tables), 2023, language)
    rows = scorecard_rows(context)
    notes = {row.indicator_id: row.final_rate for row in rows}
    warned = {row.indicator_id: row.status_note for row in warning_rows(context)}
    plain = {"zh": "按现有增速有望如期完成2024年目标",
             "en": "at the pace seen since 2020, on track for the 2024 target"}[language]
    for indicator, share in shares.items():
        assert share in notes[indicator] and plain not in notes[indicator]
        assert share in warned[indicator]
        assert any(share in note for note in cards.card_notes(context, context.series_row(int(indicator))))
    assert any(plain in row.final_rate for row in rows if row.indicator_id == "5")  # the national series


@pytest.mark.parametrize(("language", "reading"), [
    ("zh", "方案表列5%，未标“≥”，本报告按每年须达到评估"),
    ("en", "the plan's table prints 5%, without “≥”; read as a level to hold every year")])
def test_a_verdict_resting_on_a_level_read_from_bare_targets_says_so_in_the_warning_list(example_tables, language,
                                                                                          reading):
    """18: the plan's table prints 5 for 2023 and 2024, no "≥"; at the final, 5.3 in 2024 meets it, and "not achieved"
    rests on reading it as a level to hold every year (2023's 4.6): the note says so. At the mid-term 2023's own 4.6
    misses 2023's 5, whatever the reading: no such note."""
    from analysis.report.warning_tables import warning_rows

    notes = {}
    for report_year in (2023, 2024):
        [row] = [row for row in warning_rows(load_report(relative(example_tables), report_year, language))
                 if row.indicator_id == "18"]
        notes[report_year] = row.status_note
    assert reading in notes[2024] and reading not in notes[2023]


def test_no_gap_without_a_verdict(example):
    """A series with insufficient data (its printed 2021 value, 23,000, against the 2024 target 24,500) shows no gap
    of 1,500 in the scorecard, the warning list or the workbook: the report cannot judge it."""
    from types import SimpleNamespace

    from analysis.report.scorecard_workbook import _gap

    row = SimpleNamespace(status="insufficient_data", gap=1500.0, missed_years="", unit_zh="人")
    assert cards.gap_text(example, row) == "—" and _gap(example, row) is None
    judged = SimpleNamespace(status="not_achieved", gap=1500.0, missed_years="", verdict="final", unit_zh="人")
    assert cards.gap_text(example, judged) == "1,500" and _gap(example, judged) == 1500  # no unit (is_percent) read


def test_a_correction_of_the_type_only_is_left_to_the_appendix(example):
    """12's 2021 baseline printed "14.6 " (a space after it) and read as 14.6 changes no number: its card says
    nothing of it; a correction that changes the number read stays on its card."""
    from types import SimpleNamespace

    assert not any("原表数值后有空格" in note for note in cards.card_notes(example, example.series_row(12)))
    assert cards.typographic(SimpleNamespace(issue="correction", printed_text="14.6 ", value=14.6))
    assert not cards.typographic(SimpleNamespace(issue="correction", printed_text="1 4.6", value=1.46))
    assert not cards.typographic(SimpleNamespace(issue="correction", printed_text="约2.5", value=2.5))
    assert not cards.typographic(SimpleNamespace(issue="split_cell", printed_text="2.8", value=2.8))


def test_a_qualitative_indicator_says_under_its_kind_whether_it_was_assessed(example, example_tables):
    # the example sends no self-rating for 22–24 in 2024: the scorecard's status says the kind (定性指标) and, under
    # it, that no assessment came (尚未评价), never the kind alone, which a reader may take for a verdict
    from analysis.report.tables import scorecard_rows

    qualitative = {row.indicator_id: (row.status_text, row.final_rate) for row in scorecard_rows(example)
                   if row.status == "qualitative"}
    assert qualitative == {"22": ("定性指标", "尚未评价"), "23": ("定性指标", "尚未评价"),
                           "24": ("定性指标", "尚未评价")}
    english = load_report(relative(example_tables), 2024, "en")
    assert {row.final_rate for row in scorecard_rows(english) if row.status == "qualitative"} == {"not assessed yet"}


def test_a_phone_reads_each_gap_under_its_status(example_tables):
    """A phone leaves the scorecard's gap and unit columns out (report.css): each row's status cell carries the gap
    with its unit instead, headed by the column's name, hidden but on a phone (the attribute: a notebook's view has
    no style sheet); none where the gap column shows none."""
    lines = {}
    for language, word in (("zh", "差距"), ("en", "Gap")):
        scorecard = html.scorecard_html(load_report(relative(example_tables), 2024, language))
        rows = re.findall(r"<tr id=\"[^\"]*\"><td class=\"num\">(\d+)</td>(.*?)</tr>", scorecard, re.S)
        for number, row in rows:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            phone = re.findall(r'<small class="phone-only" hidden>(.*?)</small>', row, re.S)
            if unmarked(cells[5]) in ("", "—"):  # the gap column (the number is the row's first cell)
                assert phone == []
            else:
                # the gap joined to its Chinese label, a number (差距20家), an English one spaced (Gap 20)
                assert len(phone) == 1 and unmarked(phone[0]).startswith({"zh": word, "en": f"{word} "}[language])
                lines.setdefault(language, {})[number] = unmarked(phone[0])
    # by hand, at the final evaluation: R&D intensity 2.7 % against 2.8 %; high-tech enterprises 1,580 against 1,600
    # (the English name says the unit, as for the values beside it: "20 enterprises" overflowed the narrow column)
    # (the English name labels the unit, "(100 million yuan)" after technology contracts' name: "Gap 2" reads in it)
    assert (lines["zh"]["2"], lines["en"]["2"]) == ("差距0.1个百分点", "Gap 0.1 pp")
    assert (lines["zh"]["10"], lines["en"]["10"]) == ("差距20家", "Gap 20")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_scorecards_gap_column_gives_each_gap_with_its_unit(example_tables, language):
    """The final evaluation's scorecard printed a count's gap bare ("20", "8") beside a share's "0.1个百分点", under a
    header the English edition had to explain ("Gap (its unit)"): each gap with its unit, as the warning list gives
    it, under "差距" / "Gap". By hand: R&D intensity 2.8 − 2.7 = 0.1 points; provincial bases 80 − 79 = 1; high-tech
    enterprises 1,600 − 1,580 = 20; service institutions 120 − 112 = 8; technology contracts 160 − 158 = 2 (100
    million yuan, printed as the values are); high-level talent 320 − 318 = 2. English names its unit once, after the
    series' name (or in the unit column): a count's number as it is, a share's points as pp."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html.scorecard_html(load_report(relative(example_tables), 2024, language)), "html.parser")
    headers = [unmarked(th.get_text()) for th in soup.select("thead th")]
    assert headers[6] == {"zh": "差距", "en": "Gap"}[language]
    gaps = {row["id"].removeprefix("scorecard-indicator-"): unmarked(row.find_all("td", recursive=False)[6].get_text())
            for row in soup.select("tr[id]")}
    expected = {"zh": {"2": "0.1个百分点", "5-provincial": "1个", "10": "20家", "14": "8个", "16": "2亿元",
                       "25": "2人"},
                "en": {"2": "0.1 pp", "5-provincial": "1", "10": "20", "14": "8", "16": "2", "25": "2"}}[language]
    assert {key: gaps[key] for key in expected} == expected


@pytest.mark.parametrize("language, sentence", [
    ("zh", "条形所示为增量完成比例，即（最新值－基础值）÷（目标值－基础值），"
           "表示基础值至目标值的差距已完成多少；它不是指标评估表中的完成率（最新值÷目标值），两者数值不同。"),
    ("en", "The bars show the distance covered, (latest − baseline) ÷ (target − baseline): how much of the way "
           "from the baseline to the target has been covered. It is not the scorecard's completion rate "
           "(latest ÷ target), and the two differ.")])
def test_the_completion_chart_says_its_bars_are_no_completion_rate(example_tables, language, sentence):
    """Section 4's first chart shows R&D intensity at (2.7 − 2.36) ÷ (2.8 − 2.36) = 77% and the S&T spending share at
    (3.2 − 2.07) ÷ (3.5 − 2.07) = 79%, where the scorecard's completion rates read 2.7 ÷ 2.8 = 96.4% and 3.2 ÷ 3.5 =
    91.4%: a sentence under the chart says which is which; none under the other charts."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html.charts_html(load_report(relative(example_tables), 2024, language), NoCharts()),
                         "html.parser")
    notes = soup.select("p.chart-note")
    assert [unmarked(note.get_text()) for note in notes] == [sentence]
    assert "chart-completion" in notes[0].find_previous_sibling("figure")["class"]


def test_a_note_several_values_of_a_source_share_is_told_once_after_their_years(example, monkeypatch):
    """Two values of one publication with the same note (a book's figures for 2010 and 2014, both "date not given")
    read "2010、2014年：…" once, not the note again after each year; a note of one value keeps its year."""
    real = cards.actuals

    def noted(context, row):
        frame = real(context, row).copy()
        frame["reference"] = frame["reference_zh"] = "示例年鉴"
        frame["mark"] = "①"
        frame["note"] = frame["note_zh"] = ["出版日期未注明", "出版日期未注明", "初步数", ""]
        return frame

    monkeypatch.setattr(cards, "actuals", noted)
    source = [note for note in cards.card_notes(example, example.series_row(1)) if "示例年鉴" in note]
    # indicator 1's actual values in the example: 2021 (the revised figure), 2022, 2023, 2024
    assert source == ["① 2021、2022、2023、2024：示例年鉴。2021、2022年：出版日期未注明。2023年：初步数。"]


def test_a_note_of_every_value_of_a_source_is_told_without_their_years(example, monkeypatch):
    """One quoted value (Weihai's 26: 2022 from a newspaper, its note the quote): "① 2022：威海日报。原文：…。",
    never "① 2022：威海日报。2022年：原文：…" with the year said twice; the note closes as a sentence, once ("。" not
    doubled after a note that has its own)."""
    real = cards.actuals

    def quoted(context, row, note):
        frame = real(context, row).copy()
        frame["reference"] = frame["reference_zh"] = "示例日报"
        frame["mark"] = "①"
        frame["note"] = frame["note_zh"] = note
        return frame

    for note, expected in (("原文：“占比达到36.6%。”统计口径一致",
                            "① 2021、2022、2023、2024：示例日报。原文：“占比达到36.6%。”统计口径一致。"),
                           ("初步数。", "① 2021、2022、2023、2024：示例日报。初步数。")):
        monkeypatch.setattr(cards, "actuals", lambda context, row, note=note: quoted(context, row, note))
        assert [item for item in cards.card_notes(example, example.series_row(1)) if "示例日报" in item] == [expected]


def test_numbers_from_the_plan_keep_their_printed_digits(weihai, example):
    """Method, item 9: a number quoted from the plan keeps the digits it was printed with. The plan prints the
    national agri-tech parks' targets in a combined cell, 国3.0/省3.3 (2023 and 2024), and R&D intensity's 2021
    baseline as 2.40: 3.0 and 2.40, never 3 and 2.4; a number printed without a trailing zero stays as it is (2.8)."""
    from analysis.publish.data import build_tables
    from analysis.report.cards import card_numbers
    from analysis.report.context import report_context
    from analysis.report.tables import scorecard_rows

    national = example.series_row(4, "national")
    numbers = dict(card_numbers(example, national))
    assert unmarked(numbers[example.words["card"]["target"].format(year="2024")]) == "3.0"
    row = next(row for row in scorecard_rows(example) if row.indicator_id == "4" and "国家级" in unmarked(row.name))
    assert unmarked(row.target).startswith("3.0")
    assert unmarked(row.base) == "2.8"
    # the plan alone, in its last year: R&D intensity's latest value is the 2021 baseline, printed 2.40
    plan_only = report_context(build_tables(weihai, "eurostat"), 2024, "zh")
    intensity = next(row for row in scorecard_rows(plan_only) if row.indicator_id == "2")
    assert unmarked(intensity.latest).startswith("2.40") and unmarked(intensity.target).startswith("2.8")


def test_a_latest_value_takes_its_targets_decimals_where_it_has_fewer(example_tables):
    """The example's 2023 bulletin gives the national agri-tech parks' share as 3; the plan prints its 2023 target
    国3.0: the scorecard and the card read 3.0 and 3.0, never "3 (2023) | 3.0 (2023)" (a zero added, no digit
    dropped); a value with more decimals than its target keeps them (R&D intensity 2.61 against 2.7)."""
    from analysis.report.cards import card_numbers
    from analysis.report.tables import scorecard_rows

    mid = load_report(relative(example_tables), 2023, "zh")
    row = next(row for row in scorecard_rows(mid) if row.indicator_id == "4" and "国家级" in unmarked(row.name))
    assert unmarked(row.latest).startswith("3.0") and unmarked(row.target).startswith("3.0")
    numbers = dict(card_numbers(mid, mid.series_row(4, "national")))
    assert unmarked(numbers[mid.words["card"]["latest"].format(year="2023")]) == "3.0"
    intensity = next(row for row in scorecard_rows(mid) if row.indicator_id == "2")
    assert unmarked(intensity.latest).startswith("2.61")


def test_a_mid_term_card_calls_its_stage_target_year_so(example_tables):
    """At the mid-term, 2023 is an interim target's year (2024's follows): provincial agri-tech parks (4), with no 2023
    value, read "2023 is the interim-target year", never "the target year", which the final evaluation's 2024 is."""
    mid = load_report(relative(example_tables), 2023, "en")
    notes = " ".join(cards.card_notes(mid, mid.series_row(4, "provincial")))
    assert "2023 is the interim-target year, but its value has not been published yet" in unmarked(notes)
    assert "is the target year" not in unmarked(notes)
    zh = load_report(relative(example_tables), 2023, "zh")
    zh_notes = " ".join(cards.card_notes(zh, zh.series_row(4, "provincial")))
    assert "2023年为阶段目标年份，但尚无该年数据" in unmarked(zh_notes)


def test_a_distance_covered_to_an_older_value_says_its_year(example):
    """4 provincial in the 2024 final: 2.9 in 2022 is its latest; (2.9 − 3.1) / (3.3 − 3.1) = −100% of the distance in
    2 of 4 years (50%): both measured to 2022, said so, never read as the plan's end; 2 (2.7 in 2024) says no year."""
    numbers = dict(cards.card_numbers(example, example.series_row(4, "provincial")))
    assert numbers["增量完成比例 / 同期序时进度"] == "−100% / 50%（2022年）"
    assert dict(cards.card_numbers(example, example.series_row(2)))["增量完成比例 / 同期序时进度"] == "77% / 100%"


def test_a_series_where_lower_is_better_that_rose_while_meeting_its_target_is_said_to_rise(example):
    """The move back of a series where lower is better is a rise: 90 at the base, 78 the year before the plan
    period, 82 now against a ceiling of 85 (met): it rose over the plan period, never "fell"."""
    from types import SimpleNamespace

    row = example.series_row(7)._replace(direction="lower", base_value=90.0, latest_value=82.0, target_value=85.0)
    values = example.values.copy()
    values.loc[(values["indicator_id"] == 7) & (values["year"] == 2021) & (values["value_type"] != "target"),
               "value"] = 78.0
    context = SimpleNamespace(values=values, words=example.words, report_year=2024, series_values=lambda i, s: values[
        (values["indicator_id"] == i) & (values["series"] == s)])
    assert cards.plan_period_turn(context, row) == ("方案实施期内有所上升、仍达到目标：由方案实施期前一年2021年的"
                                                    "78%升至"
                                                    "2024年的82%；上列年均增长自2020年基础值起算。")


def test_a_level_held_every_year_says_the_years_before_its_first_year_are_not_judged(cards_html, cards_html_en):
    """Good-air days (17): 89.5 in 2022 under the ≥90 line the chart draws, yet "achieved": the plan sets the level
    from 2023, so 2022 is not judged; the card says so, with the value, rather than leave a year missed unexplained.
    A series the plan sets no level for every year (2, R&D intensity) has no such note."""
    # the year first, what it is then, and what follows last: one sentence, never "不对照…判断：2022年（89.5%），早于…"
    assert ("2022年（89.5%）早于方案首个设定目标的年份（2023年），不按每年须达到的水平判断"
            in card(cards_html, "indicator-17"))
    assert ("2022年（5.2%）早于方案首个设定目标的年份（2023年），不按每年须达到的水平判断"
            in card(cards_html, "indicator-18"))
    assert ("2022 (89.5%): not judged against the level, which the plan first sets for 2023"
            in card(cards_html_en, "indicator-17"))
    assert "不按每年须达到的水平判断" not in card(cards_html, "indicator-2")


def test_a_level_held_every_year_in_a_report_before_its_first_year_says_the_status_compares(example_tables):
    """In 2022, a year before 2023, the first the plan sets the energy saving's (18) and good-air days' (17) levels
    for, their statuses compare 2022's values with 2023's level (18: 5.2 against ≥5, already met; 17: 89.5 against
    ≥90, moving away): the note says so, never "not judged against the level" beside a status that compares them."""
    zh = html.cards_html(load_report(relative(example_tables), 2022, "zh"), NoCharts())
    assert ("2022年（5.2%）早于方案首个设定目标的年份（2023年）；状态为与2023年须达到水平的对照，"
            "判定待2023年数据公布后作出") in card(zh, "indicator-18")
    assert "不按每年须达到的水平判断" not in zh
    en = html.cards_html(load_report(relative(example_tables), 2022, "en"), NoCharts())
    assert ("2022 (89.5%): before 2023, the first year the plan sets the level for; the status compares it with the "
            "2023 level, and the verdict waits for 2023&#39;s value") in card(en, "indicator-17")


def test_no_two_cards_are_headed_alike(example_tables):
    """The plan prints one name for 4's national and provincial series (国家和省级…（%，分别列出）) and one for 5's: in
    Chinese the two cards read alike but for the line under them; each heading says its series where the name is
    shared, and only there (the English names differ already: no "· national" after "Revenue of national …")."""
    from analysis.report.cards import card_name
    from tests.conftest import relative

    for language in ("zh", "en"):
        context = load_report(relative(example_tables), 2024, language)
        names = [card_name(context, row) for row in context.joined().itertuples()]
        assert len(names) == len(set(names)), language
    zh = load_report(relative(example_tables), 2024, "zh")
    named = {(row.indicator_id, row.series): card_name(zh, row) for row in zh.joined().itertuples()}
    assert named[(4, "provincial")] == "国家和省级农业科技园区营业总收入占地区GDP比重（%，分别列出） · 省级"
    assert named[(6, "")] == "全员劳动生产率（万元/人）"
    en = load_report(relative(example_tables), 2024, "en")
    assert not any(card_name(en, row).endswith(" · national") for row in en.joined().itertuples())


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", {"indicator-1": "图表：研发人员数2020—2024年走势与目标",
            "indicator-4-provincial": "图表：省级农业科技园区营收占比2020—2024年走势与目标",
            "indicator-5-national": "图表：国家级科技创新基地2020—2024年走势与目标"}),
    ("en", {"indicator-1": "Chart: R&amp;D personnel from 2020 to 2024, against its targets",
            "indicator-4-provincial": "Chart: Provincial agri-tech park revenue / GDP from 2020 to 2024, against its "
                                      "targets",
            "indicator-5-national": "Chart: National innovation bases from 2020 to 2024, against its targets"}),
])
def test_a_cards_chart_is_named_in_its_alt_text(example_tables, language, expected):
    """A card's chart says what it shows to a reader who cannot see it: the indicator, what is drawn and the years
    from the plan's base year (2020) to its last target (2024); Chinese with a full-width colon. It said "Chart"
    (图表) alone, on every card; then "National innovation bases (national series), 2020–2024", the series named
    twice: a series' short name already tells it from the other one."""
    context = load_report(relative(example_tables), 2024, language)
    page = html.cards_html(context, NoCharts())
    alts = dict(re.findall(r'<section class="card" id="([^"]+)".*?<img alt="([^"]*)" class="card-chart"', page,
                           flags=re.DOTALL))
    assert len(alts) == 25 and len(set(alts.values())) == 25  # every chart its own words
    assert {card: alts[card] for card in expected} == expected


def test_a_series_is_named_beside_a_short_name_only_where_another_series_shares_it():
    # a plan may give two series one short name: only then does the alt text (and a card's heading) add the series
    from types import SimpleNamespace

    from analysis.report.cards import named_alike

    indicators = pd.DataFrame({"indicator_id": [4, 4, 6], "series": ["national", "provincial", ""],
                               "short_name_en": ["Park revenue / GDP", "Park revenue / GDP", "Labour productivity"],
                               "short_name_zh": ["国家级园区营收占比", "省级园区营收占比", "全员劳动生产率"]})
    rows = list(indicators.itertuples())
    english, chinese = (SimpleNamespace(indicators=indicators, language=language) for language in ("en", "zh"))
    assert [named_alike(english, row, "short_name") for row in rows] == [True, True, False]
    assert [named_alike(chinese, row, "short_name") for row in rows] == [False, False, False]


def test_the_overview_charts_alt_texts_take_the_languages_colon(example_tables):
    # 图表：各类别指标状态, never 图表: 各类别指标状态
    context = load_report(relative(example_tables), 2024, "zh")
    alts = re.findall(r'<img alt="([^"]*)"', html.charts_html(context, NoCharts()))
    assert [alt.split("。")[0] for alt in alts] == [
        "图表：各指标增量完成比例与同期序时进度", "图表：各报告年份的评估结论",
        "图表：进度落后指标的所需增速与实际增速", "图表：各类别指标状态"]
    # a chart coloured by status said only its title ("Chart: status by category"): it counts the indicators by
    # status after it, the 26 of the plan, 23 quantitative and 3 qualitative; the growth chart colours no status
    for alt in (alts[0], alts[1], alts[3]):
        counts = alt.split("。", 1)[1]
        assert counts.startswith("定量指标23项：") and counts.endswith("定性指标3项尚未评价"), alt
        assert sum(int(n) for n in re.findall(r"(\d+)项(?!：|尚)", counts)) == 23, alt
    assert "。" not in alts[2]


def test_the_word_editions_pictures_have_the_same_alt_texts(example_tables):
    import io

    from PIL import Image

    from analysis.report import word_content

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(buffer, format="PNG")

    class Pictures(NoCharts):
        def __getitem__(self, name: str) -> bytes:
            return buffer.getvalue()

        def card(self, name, size, dpi) -> bytes:
            return buffer.getvalue()

    def alt(node) -> str:  # the alt text of the one picture in pandoc's blocks
        if isinstance(node, dict) and node.get("t") == "Image":
            text = "".join(piece["c"] for piece in node["c"][1] if piece["t"] == "Str")
            return re.sub("[\u200b\u2060]", "", text)  # the marks a Word line breaks or keeps together at
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
        return "".join(alt(child) for child in children)

    context = load_report(relative(example_tables), 2024, "zh")
    row = next(row for row in context.joined().itertuples() if (row.indicator_id, row.series) == (4, "provincial"))
    assert alt(word_content.card_chart(context, Pictures(), row)) == \
        "图表：省级农业科技园区营收占比2020—2024年走势与目标"
    # a chart coloured by status with its indicators counted by status, as the HTML says it (Word's spaces aside)
    from analysis.report.figures import alt_text

    categories = alt(word_content.figure_blocks(context, Pictures(), "categories"))
    assert categories.startswith("图表：各类别指标状态。定量指标")
    assert re.sub(r"\s", "", categories) == re.sub(r"\s", "", alt_text(context, "categories"))


@pytest.fixture(scope="module")
def national_notes() -> dict[str, dict[int, list[str]]]:
    """The national plan's 2015 cards' notes with its published values, by language and indicator."""
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from analysis.report.context import report_context
    from tests.conftest import NATIONAL_DIR, NATIONAL_PUBLISHED

    tables = build_tables(load_plan(NATIONAL_DIR), "eurostat", NATIONAL_PUBLISHED).up_to(2015)
    notes = {}
    for language in ("en", "zh"):
        context = report_context(tables, 2015, language)
        notes[language] = {row.indicator_id: cards.card_notes(context, row) for row in cards.numeric_rows(context)}
    return notes


def test_a_card_whose_verdict_rests_on_a_quoted_value_says_so(national_notes):
    notes = national_notes
    assert ("The verdict “achieved” rests on 55.3% (2015), quoted by a secondary source, not taken from the "
            "publisher's own release; the official figure is not yet cited.") in notes["en"][2]
    # a space before the year and after 年 before the number (2015年的 55.3%), none before a place's words (第18位)
    assert ("“已达标”的判定依据2015年的55.3%，转引自二手来源，非发布机构原始发布，"
            "尚待官方数据核实。") in notes["zh"][2]
    assert any(note.startswith("“已达标”的判定依据2015年的第18位，转引自二手来源") for note in notes["zh"][1])
    assert any(note.startswith("“已达标”的判定依据2015年的6.3件/万人，转引自二手来源") for note in notes["zh"][5])
    # in English too the value is given with its unit: the note does not name the series
    assert any(note.startswith("The verdict “achieved” rests on 6.3 patents per 10,000 people (2015), quoted by")
               for note in notes["en"][5])
    # said once, not again among the findings; no verdict's caution where the verdict rests on the bulletin's own
    # 2.07 (not achieved), but its base value, the book's 1.84, is said to be quoted, never called published
    assert sum("secondary" in note.lower() for note in notes["en"][5]) == 1
    assert not any(note.startswith("The verdict") for note in notes["en"][3])
    assert not any("判定依据" in note for note in notes["zh"][3])
    assert [note for note in notes["en"][3] if note.startswith("Secondary source's value")] == [
        "Secondary source's value revises a baseline: China's Economic Transformation and Upgrading "
        "(《中国经济的转型升级：从“十二五”看“十三五”》), a book, section 2.5: "
        "https://m.novel.qq.com/read/1026832009/20 gives 1.84% for 2010; the plan, as quoted, gives 1.75%. This value, "
        "quoted by a secondary source, not taken from the publisher's own release, replaces the plan's quoted one "
        "wherever the 2010 value is used; cite the official release once one is found."]
    [quoted] = [note for note in notes["zh"][3] if note.startswith("基础值按二手来源数值修订")]
    assert quoted.startswith("基础值按二手来源数值修订：据《中国经济的转型升级：从“十二五”看“十三五”》2.5节")
    # the plan's own text not seen: its 1.75% is the press quote's (引述值), never printed in it (印作)
    assert quoted.endswith("2010年为1.84%，规划引述值为1.75%；该数值转引自二手来源（非发布机构原始发布），"
                           "凡用到2010年数值之处均以该数值代替规划引述值；找到官方发布后请改引")
    assert not any("公布值" in note for note in notes["zh"][3])


def test_a_finding_s_label_is_said_once_on_the_card(national_notes):
    # the press quote the national plan's figures come from gives no baseline for 2–10 (its text is not to be had:
    # never said to be the plan's silence): the label says so, its detail goes on with where the 2010 value comes
    # from, never "…未列基础值：…未列基础值；…" or "No baseline …: the plan prints no baseline; …"
    notes = national_notes
    assert "所据新闻稿引文未列基础值：2010年值应取自《中国科技统计年鉴》，尚未收集" in notes["zh"][6]
    assert ("Baseline not given by the press report quoting the plan: the 2010 value would come from the China "
            "Statistical Yearbook on Science and Technology (《中国科技统计年鉴》), and has not been collected"
            ) in notes["en"][6]
    assert ("所据新闻稿引文未列基础值：2010年值1.7件/万人取自《中国经济的转型升级：从“十二五”看“十三五”》2.5节："
            "每万人发明专利拥有量从"
            "2010年的1.7件提高到2014年的4.8件（https://m.novel.qq.com/read/1026832009/20）") in notes["zh"][5]
    # the English finding gives the value's unit too, as the Chinese does (1.7件/万人): it does not name its series
    assert any(note.startswith("Baseline not given by the press report quoting the plan: the 2010 value 1.7 "
                               "patents per 10,000 people comes from ") for note in notes["en"][5])
    for indicator in (2, 4, 5, 6, 7, 8, 9, 10):
        assert sum("未列基础值" in note for note in notes["zh"][indicator]) == 1
        assert sum("Baseline not given by the press report" in note for note in notes["en"][indicator]) == 1
        assert not any(note.count("未列基础值") > 1 for note in notes["zh"][indicator])
        assert not any("prints no baseline" in note for note in notes["en"][indicator])


def test_a_ranks_card_asks_for_places_not_growth():
    """A rank (40) 5th in 2023 with the top 3 to reach by 2025: its card's row reads "每年前进 1 位" under a label
    of places, as the row below it (实际位次变化), never under "每年需增长" (growth a year), which a place has not."""
    from types import SimpleNamespace

    from analysis.assess.warning_list import shown_status
    from tests.report.test_words import assessed, context

    row = {**assessed(40, 2023, "linear", 6, 2023, 5, 2023, 5, "achieved", n=4, verdict="final", shortfall=0,
                      next_year=2025, next_target=3, next_per_year=-1.0), "observed_per_year": -1 / 3}
    row["shown_status"] = shown_status(SimpleNamespace(**row))
    for language, label, needed, seen in (
            ("zh", "所需位次变化", "2025年目标：每年前进1位", "实际位次变化（2020年起）"),
            ("en", "Change in rank needed", "2025 target: up 1 place a year", "Change in rank (since 2020)")):
        review = context(language, [row], 2023)
        numbers = dict(cards.card_numbers(review, next(review.joined().itertuples())))
        assert numbers[label] == needed and seen in numbers
        assert "每年需增长" not in numbers and "Needed per year" not in numbers


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_card_without_a_chart_sets_its_numbers_where_the_others_do(language):
    """The national plan's cards of series with no data (4, 6, 7, 8, 9) had their numbers at the card's left edge,
    every other card beside its chart, at half the card and a gap: on paper and on a wide screen, a card's numbers
    start at one place whether it has a chart or not; on a phone, under the chart, at the card's left."""
    import io

    from PIL import Image
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from analysis.settings import TEMPLATES_DIR
    from tests.publish.test_report_layout import narrow_screen_rules

    picture = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(picture, format="PNG")
    macros = html.ENVIRONMENT.get_template("macros.html.j2").module

    def card(number: int, chart) -> str:
        return str(macros.card({"anchor": f"indicator-{number}", "indicator_id": number, "name": "Name",
                                "facts": "facts", "departments": "", "status": "insufficient",
                                "status_text": "Insufficient data", "numbers": [("2010 baseline", "—"),
                                                                                ("Target (2015)", "5")],
                                "chart": chart, "narrow_chart": None, "chart_alt": "chart", "notes": []}, ""))

    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    page = (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><style>{css}</style></head><body>'
            f'<main class="report"><div class="jp-RenderedHTMLCommon">{card(1, picture.getvalue())}{card(2, None)}'
            "</div></main></body></html>")
    for media, width in (("print", None), ("screen", 1000), ("screen", 390)):
        # (WeasyPrint reads media types, not widths: a phone's rules unwrapped)
        sheet = (f"@page {{ size: {width}px 3000px; margin: 0 }}" if width else "") + (
            narrow_screen_rules(css, width) if width == 390 else "")
        document = HTML(string=page + f"<style>{sheet}</style>", media_type=media).render()
        tables = [box for box in document.pages[0]._page_box.descendants()
                  if isinstance(box, boxes.TableBox) and "card-numbers" in (box.element.get("class") or "")]
        cards_ = list({box.element: box for box in document.pages[0]._page_box.descendants()
                       if isinstance(box, boxes.BlockBox) and box.element_tag == "section"}.values())
        assert len(tables) == 2 and len(cards_) == 2
        left = [table.border_box_x() - card_.content_box_x() for table, card_ in zip(tables, cards_)]
        if width == 390:  # a phone: the numbers under the chart, at the card's left
            assert left[1] == pytest.approx(0, abs=0.5), left
        else:  # half the card and the gap (0.8 rem) in from its left edge, as beside a chart
            assert left[0] > cards_[0].width / 2
            assert left[1] == pytest.approx(left[0], abs=0.5), (media, left)


def test_a_sources_web_address_in_a_card_is_a_link_and_nothing_else_is(example, monkeypatch):
    """A source's address was plain text: an http or https address is a link on screen, its href the address as typed
    (escaped), opened without a way back into the report (rel="noopener"); any other scheme, and a quote or a bracket
    typed after an address, stay text."""
    from bs4 import BeautifulSoup

    typed = ('示例统计公报（https://tjj.example.cn/a/b.html?x=1&y=2），另见 javascript:alert(1)、ftp://x.cn/a、'
             'http://e.cn/p"onmouseover="alert(1)')
    monkeypatch.setattr(cards, "card_notes", lambda context, row: [typed])
    notes = BeautifulSoup(html.card_html(example, NoCharts(), example.series_row(2)), "html.parser").select_one(
        "ul.card-notes")
    links = [(a["href"], a.get("rel"), a.get_text()) for a in notes.find_all("a")]
    assert links == [("https://tjj.example.cn/a/b.html?x=1&y=2", ["noopener"],
                      "https://tjj.example.cn/a/b.html?x=1&y=2），"),  # its closing marks in its last block
                     ("http://e.cn/p", ["noopener"], "http://e.cn/p")]
    assert notes.get_text() == typed  # the words as typed
    assert not notes.find_all(attrs={"onmouseover": True})


def test_the_front_pages_statuses_count_the_quantitative_mark_progress_verdicts_and_keep_the_qualitative(
        example_tables):
    """The example's 2024 statuses by indicator: achieved 1, 3, 6, 7, 9, 11, 12, 13, 15, 17, 19, 26 (12); not achieved
    2, 5 (its provincial series), 8, 10, 14, 16, 18, 20, 25 (9); moving away 4 (its provincial series, to 2022 only)
    and projected to miss 21 (to 2023 only), both progress verdicts: 23 quantitative; 22–24 qualitative, none rated."""
    import dataclasses

    from analysis.report.words import index_summary

    chinese = index_summary(load_report(relative(example_tables), 2024, "zh"))
    english_context = load_report(relative(example_tables), 2024, "en")
    # those met first, then the others worst first: not achieved, moving away, projected to miss (as the summary
    # lists the lagging series), in both languages; each count a part of its own, the qualitative apart from the
    # quantitative: never "not achieved 9. 3 qualitative"; a list as each language writes one (a, b and c; 甲、乙、丙)
    assert chinese["counts_parts"] == ["定量指标23项：已达标12项、未达标9项、"
                                       "偏离目标1项（进展判断，非最终判定）、"
                                       "预计未达标1项（进展判断，非最终判定）", "定性指标3项尚未评价"]
    assert index_summary(english_context)["counts_parts"] == [
        "23 quantitative indicators: achieved\u00a012, not achieved\u00a09, moving away\u00a01 (progress verdict, "
        "not final) and projected to miss\u00a01 (progress verdict, not final)",
        "3 qualitative indicators not assessed yet"]
    # one of each: indicator 21 and qualitative 22 alone, in the singular
    assessment = english_context.assessment
    one = dataclasses.replace(english_context, assessment=assessment[assessment["indicator_id"].isin([21, 22])])
    assert index_summary(one)["counts_parts"] == [
        "1 quantitative indicator: projected to miss\u00a01 (progress verdict, not final)",
        "1 qualitative indicator not assessed yet"]
    # a status some of whose indicators have a progress verdict (a guard: 2 final, 8 made a progress verdict here):
    # how many, said
    mixed = assessment[assessment["indicator_id"].isin([2, 8])].assign(verdict=["final", "progress"])
    assert index_summary(dataclasses.replace(english_context, assessment=mixed))["counts_parts"] == [
        "2 quantitative indicators: not achieved\u00a02 (1 of them by progress verdict, not final)"]


def test_a_series_where_lower_is_better_moving_away_though_down_in_the_plan_period_is_said_to_fall(example):
    """"Moving away" from the base year, yet down towards a ceiling over the plan period: 2.5 at the base (2020), 3.3
    the year before the plan period, 2.9 now against 2.0. It fell, and is still above its baseline, which the status
    counts from: the card and the scorecard say so, never "towards the target" beside "moving away"."""
    from types import SimpleNamespace

    row = example.series_row(4, "provincial")._replace(direction="lower", base_value=2.5, base_printed="2.5",
                                                       target_value=2.0)
    values = example.values.copy()
    values.loc[(values["indicator_id"] == 4) & (values["series"] == "provincial") & (values["year"] == 2021)
               & (values["value_type"] != "target"), "value"] = 3.3
    context = SimpleNamespace(values=values, words=example.words, report_year=2024, series_values=lambda i, s: values[
        (values["indicator_id"] == i) & (values["series"] == s)])
    assert cards.plan_period_turn(context, row) == (
        "有所回落：由方案实施期前一年2021年的3.3%降至2022年的2.9%，但仍高于2020年基础值2.5%；"
        "上列年均增长和评估结论自该基础值起算。图中点线即按该增速推算至2024年。")
    assert words.plan_period_note(context, row) == "仍高于2020年基础值2.5%；较2021年的3.3%有所回落"


def test_a_level_missed_in_a_year_says_both_years_and_its_rate_as_the_years_own(example, example_tables):
    """Energy saving (18), ≥5% to hold every year: 4.6 in 2023 (missed), 5.3 in 2024. The 2024 row shows 5.3 against
    ≥5, so its note says both years, never "missed in 2023" alone; its rate, 5.3 / 5 = 106.0%, is 2024's own, labelled
    so on its card as on good-air days' (17: 92 / 90 = 102.2%, met both years), the same thing by the same words."""
    from analysis.report.words import scorecard_note

    english = load_report(relative(example_tables), 2024, "en")
    assert scorecard_note(example, example.series_row(18)) == (
        "2023年为4.6%，未达到；2024年为5.3%；2024年当年完成率106.0%")
    assert scorecard_note(english, english.series_row(18)) == (
        "4.6% in 2023, missed; 5.3% in 2024; 106.0% of the target in 2024 alone")
    # 17, held from 2023 and met in both years: the final verdict rests on both, so both years' values are given
    # (91.2 in 2023, 92 in 2024), never 2024's share alone
    assert scorecard_note(english, english.series_row(17)) == (
        "91.2% in 2023 and 92% in 2024, met in each; 102.2% of the target in 2024 alone")
    assert scorecard_note(example, example.series_row(17)) == (
        "2023年为91.2%、2024年为92%，均达到；2024年当年完成率102.2%")
    for context, label in ((example, "2024年当年完成率"), (english, "Completion rate in 2024 alone")):
        assert dict(cards.card_numbers(context, context.series_row(17)))[label] == "102.2%"
        assert dict(cards.card_numbers(context, context.series_row(18)))[label] == "106.0%"


def test_a_stage_target_met_off_course_says_so_on_its_card_too(example_tables):
    """The mid-term: S&T service institutions (14: 103 against 100 in 2023, 120 in 2024 needs +16.5%) and R&D
    super-deduction (21: 9.3 against 9, 10 in 2024) met their interim targets at a pace short of 2024's: amber in the
    scorecard and the warning list, and the card says it, first, as they do."""
    for language, note in (("zh", "已达阶段目标：按现有增速不足以如期完成2024年目标。"),
                           ("en", "Interim target met: at the pace seen since 2020 it would fall short of the 2024 "
                                  "target.")):
        mid = load_report(relative(example_tables), 2023, language)
        for indicator in (14, 21):
            assert cards.card_notes(mid, mid.series_row(indicator))[0] == note
        # one met on course for 2024 (1: 24,300 against 24,000, 24,500 next) has no such note
        assert not any(note in text for text in cards.card_notes(mid, mid.series_row(1)))


def test_the_mid_terms_next_target_of_a_level_held_every_year_is_said_once(example_tables):
    """The 2023 self-evaluation's column of the next target and what it needs: for a level to hold every year (17:
    ≥90, 18: ≥5) the next target is the level 2024 must hold, said once ("≥5 (2024)"), never followed by "≥5% in
    2024" again; a growth target keeps its need (10: 1,600 in 2024, +10.3% (+150) over 1,450)."""
    from analysis.report.self_evaluation import _next_target

    for language, held in (("zh", ("≥90（2024年）", "≥5（2024年）")), ("en", ("≥90 (2024)", "≥5 (2024)"))):
        mid = load_report(relative(example_tables), 2023, language)
        assert (_next_target(mid, mid.series_row(17)), _next_target(mid, mid.series_row(18))) == held
        assert "\n" in _next_target(mid, mid.series_row(10))


def test_the_front_page_counts_the_qualitative_indicators_self_rated_apart_from_those_owed(example_tables):
    """The example's 2024: qualitative 22–24, of which 22 and 24 sent a 2024 self-rating (on schedule, behind) and 23
    none (a 2023 rating of 23 is not this year's): 2 self-rated, 1 not assessed yet, each a part of its own."""
    import dataclasses

    import pandas as pd

    from analysis.report.words import index_summary

    said = pd.DataFrame({"department_zh": ["市科技局"] * 3, "item": ["indicator"] * 3, "task_id": [""] * 3,
                         "indicator_id": [22, 24, 23], "series": [""] * 3, "year": [2024, 2024, 2023],
                         "progress": [""] * 3, "rating": ["on_schedule", "behind", "completed"], "reasons": [""] * 3,
                         "measures": [""] * 3, "source": [""] * 3})
    for language, expected in (("zh", ["定性指标2项已自评", "定性指标1项尚未评价"]),
                               ("en", ["2 qualitative indicators self-rated",
                                       "1 qualitative indicator not assessed yet"])):
        context = load_report(relative(example_tables), 2024, language)
        context = dataclasses.replace(context, tables=dataclasses.replace(context.tables, words=said))
        assert index_summary(context)["counts_parts"][1:] == expected


def test_a_pace_computed_across_releases_says_so_with_the_printed_base(example_tables):
    """National R&D intensity (3), with the values collected in 2021: the plan printed 1.75% for 2010 and set 2.2% for
    2015 against it; a later vintage (a book, 2015 or later) gives 1.84% for 2010, a preliminary release 2.10% for
    2015. The growth seen ((2.10 − 1.84) / 5 = +0.05 pp a year) and the distance covered ((2.10 − 1.84) / (2.2 −
    1.84) = 72%) run between two releases: the card says so, from the data, after the findings that list them.
    Weihai's R&D personnel (1), whose revised 2021 baseline is
    not the base year's (2020), and its other series say nothing of the kind."""
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from analysis.report.context import report_context
    from tests.conftest import FIXTURES, NATIONAL_DIR

    tables = build_tables(load_plan(NATIONAL_DIR), "eurostat", FIXTURES / "national-12th-fyp-2021")
    expected = {
        "en": "The growth seen and the distance covered are computed across releases: from the 2010 value as later "
              "revised (1.84%) to the 2015 value (2.10%) from another release; the plan set its target (2.2%) "
              "against the 1.75% it gives for 2010, as quoted.",
        # the national plan is a 规划: said so
        "zh": "实际年均增长和已完成进度跨越不同来源的数据计算：起点为经修订的2010年值（1.84%），终点为另一来源的"
              "2015年值（2.10%）；规划目标（2.2%）是以规划2010年引述值1.75%为基础制定的。"}
    for language, sentence in expected.items():
        context = report_context(tables, 2015, language)
        notes = cards.card_notes(context, context.series_row(3))
        assert notes[-1] == sentence
        assert [cards.across_releases(context, row) for row in context.joined().itertuples()].count("") == len(
            context.joined()) - 1
    weihai = load_report(relative(example_tables), 2024, "en")
    assert not any(cards.across_releases(weihai, row) for row in weihai.joined().itertuples())


@pytest.mark.parametrize(("year", "since_2020", "since_2021"), [
    # 10, high-tech enterprises: 738 (2020), 1,049 (2021), 1,450 (2023), 1,580 (2024). 2024: (1580 / 738)^(1/4) − 1 =
    # 20.96%, (1580 / 1049)^(1/3) − 1 = 14.63%; 2023: (1450 / 738)^(1/3) − 1 = 25.25%, (1450 / 1049)^(1/2) − 1 = 17.57%
    (2024, "+21.0%", "+14.6%"),
    (2023, "+25.2%", "+17.6%"),
])
def test_a_card_gives_the_plan_periods_pace_where_it_differs_materially(
        example_tables, year, since_2020, since_2021):
    """The growth seen from the base year (2020) counts 2021's jump, before the plan period 2022–2024: where the pace
    from 2021 differs from it by more than a quarter (6.4 points of 21.0; 7.6 of 25.2), the card gives both; the
    warning list's narrow cell the first alone (its second would not stay whole there). 14 at the mid-term (103 in
    2023: +8.8% from 2020's 80, +10.1% from 2021's 85, 1.3 points apart, both short of the +16.5% 2024 needs) and
    12 at the final (+8.5%, +8.4%) give one."""
    from bs4 import BeautifulSoup

    for language, label, label_plan in (
            ("en", "Change a year since 2020", "Over the plan period (from 2021)"),
            ("zh", "实际年均增长（2020年起）", "方案实施期年均增长（2021年起）")):
        context = load_report(relative(example_tables), year, language)
        numbers = dict(cards.card_numbers(context, context.series_row(10, "")))
        assert (numbers[label], numbers[label_plan]) == (since_2020, since_2021)
        other = context.series_row(14 if year == 2023 else 12, "")
        assert label in dict(cards.card_numbers(context, other))
        assert label_plan not in dict(cards.card_numbers(context, other))
        soup = BeautifulSoup(html.warnings_html(context), "html.parser")
        row = next(tr for tr in soup.select("table.warning-list tr")
                   if (first := tr.find("td")) is not None and first.get_text(strip=True) == "10")
        seen = row.find_all("td")[-1]  # the growth since 2020 alone
        assert seen.find("small") is None and unmarked(seen.get_text()).replace("\u00a0", " ") == since_2020


@pytest.mark.parametrize(("language", "definition"), [
    ("en", "“Distance covered / time elapsed”: how much of the way from baseline to target the value has gone, and "
           "how much of the time to the target year has passed."),
    ("zh", "“增量完成比例 / 同期序时进度”：实际值自基础值向目标值所走过的增量占全部增量的比例，"
           "与自基础年至目标年已过去的时间所占比例并列。")])
def test_the_cards_pair_of_distance_and_time_is_defined_where_first_shown(example_tables, language, definition):
    # every card shows "113% / 100%" under this label; the legend above the first card says what the two are
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html.cards_html(load_report(relative(example_tables), 2024, language), NoCharts()),
                         "html.parser")
    legend = soup.find("p", class_="card-legend").get_text()
    assert legend.endswith(definition)
    first_card = soup.find("section", class_="card")
    assert legend in soup.get_text() and soup.get_text().index(legend) < soup.get_text().index(first_card.get_text())

"""The warning list and the change since the last report year as the report prints them, on the hand-made
assessments of test_words (rows typed there; expected cells written out by hand here)."""
from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest

from analysis.catalog import catalog
from analysis.clean.schemas import typed
from analysis.report.context import ReportContext
from analysis.report.html import warnings_html
from analysis.vocabulary import ASSESSMENT_COLUMNS
from tests.report.test_words import MID_TERM_DATA, context
from tests.support.line_breaks import unmarked


def warning_list(html: str) -> str:
    return unmarked(html).split('<table class="status-changes">')[0]


def changes(html: str) -> str:
    return unmarked(html).split("<table class=\"warning-list reflow\">")[-1].split("</table>", 1)[-1]


def rows_of(html: str) -> list[list[str]]:
    rows = [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html)]
    return [row for row in rows if row]  # not the header


def test_mid_term_warnings_by_department_in_chinese():
    html = warning_list(warnings_html(context("zh", MID_TERM_DATA, 2023)))
    # 2, 17 and 25 are not achieved (red); 10 is achieved. 2 has no department, 17 the ecology bureau, 25 the
    # science bureau: departments in the order of their first indicator. Under each status its completion rate
    # (2.61/2.7 = 96.7 %, 91.2/90 = 101.3 %, 298/300 = 99.3 %), and for 17 the year it fell below 90 (these
    # assessed rows carry no values of their years: the year alone).
    assert "共3个，均为红色预警。" in html  # never "红色 3 个，黄色 0 个"
    # the need column's header says the one year each need is for (2023 to 2024): its cells never again; a growth
    # (2) and a level to hold (17) share it, so it heads both ("2024年所需"), never "需增长" over a level
    assert "2024年所需" in html and "2024年目标" not in html and "需增长" not in html
    assert rows_of(html) == [
        ["未明确牵头部门（1个）"],
        ["2", "R&amp;D经费投入强度&#8288;*", "红色预警", "未达阶段目标2023年阶段目标完成率96.7%", "2.61%（2023年）",
         "2.7%（2023年）", "0.09个百分点",
         "+0.19个百分点", "—"],
        ["市生态环境局（1个）"],
        ["17", "空气质量优良天数比例", "红色预警", "未达标2022年未达到；2023年当年完成率101.3%", "91.2%（2023年）",
         "≥90%（2023年）", "—", "须不低于90%（2022年未达到）", "—"],
        ["市科技局（1个）"],
        ["25", "高层次人才数", "红色预警", "未达阶段目标2023年阶段目标完成率99.3%", "298人（2023年）",
         "300人（2023年）", "2人", "+7.4%（+22）", "—"],
    ]
    assert "未达标</span><br><small>2022年未达到；2023年当年完成率101.3%</small></td>" in html


def test_a_phone_labels_each_warnings_need_by_its_kind():
    """On a phone each cell of the warning list is labelled: a growth's need (2: +0.19 points in 2024) as a growth
    ("2024年需增长"), a level to hold (17: at least 90% in 2024) as a level ("2024年", never "2024年要求 须不低于",
    要求 and 须 twice), never the growth's label over a level; 25's growth (+7.4%) as 2's."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(warnings_html(context("zh", MID_TERM_DATA, 2023)), "html.parser")
    labels = {row.select("td")[0].get_text(): row.select("td")[7]["data-label"].replace("\u200b", "")
              for row in soup.select("table.warning-list tbody tr") if len(row.select("td")) > 1}
    assert labels == {"2": "2024年需增长", "17": "2024年", "25": "2024年需增长"}


def test_warnings_before_the_data_in_english_red_before_amber():
    html = warning_list(warnings_html(context("en")))
    # 2024 is the plan's last target year (a final evaluation): none of the four has a 2024 value, so none is a
    # target missed; each is listed as data missing, its years 2022–2024 named among the data still to be supplied,
    # once for the four, in their order (18, red, is listed first), and the qualitative 22 after them; 10 (Science
    # Bureau), on track on its 2021 value and not listed, owes the same years, said with its status
    assert "4 series, all with data missing." in html and "Red" not in html
    assert ("Data still to be supplied: Lead department not named: indicators 2, 14, 18 and 30 for 2022–2024, "
            "indicator 22 not assessed yet; Science Bureau: indicator 10 for 2022–2024 (on track).") in html
    # the last column's heading a noun phrase, with the year the change is counted from (never "Actual per year")
    headings = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<th[^>]*>(.*?)</th>", html)]
    assert headings[-1] == "Change a year since 2020" and "Actual per year" not in html
    assert [row[:3] for row in rows_of(html)] == [
        ["Lead department not named (4)"], ["18", "Decline in energy use per unit of GDP", "Data missing"],
        ["2", "R&amp;D intensity&#8288;*", "Data missing"], ["14", "S&amp;T service institutions", "Data missing"],
        # the list has no unit column: a value carries its unit in Chinese, the name in English (not "institutions
        # (institutions)")
        ["30", "Carbon intensity (t per 10k yuan)", "Data missing"]]
    # red (moving away) before amber (insufficient progress): the badges keep their colours
    from bs4 import BeautifulSoup
    badges = BeautifulSoup(html, "html.parser").select("span.warning-level")
    assert [badge["class"][1] for badge in badges] == ["warning-red", "warning-amber", "warning-amber",
                                                       "warning-amber"]
    # the 2024 report from 2021's values: each status says which years have none
    assert [row[3] for row in rows_of(html)[1:]] == [
        "Moving awaya progress verdict, not final; latest value 2021; no value for 2022–2024"] + [
        "Insufficient progressa progress verdict, not final; latest value 2021; no value for 2022–2024"] * 3


@pytest.mark.parametrize(("language", "intro", "none"), [
    ("zh", "目标年份已到，以下按牵头责任部门列出各序列：2024年数值未达到目标的，为“未完成”。"
           "共1个，未完成。待补充的数据：指标22尚未评价。",
     "目标年份已到，没有未完成目标或数据缺失的指标序列。待补充的数据：指标22尚未评价。"),
    ("en", "The target year has come. Series that missed their target or lack its data, by lead department: “Target "
           "missed” where the 2024 value falls short of the target. 1 series, with the target missed. Data still to be "
           "supplied: "
           "indicator 22 not assessed yet.",
     "The target year has come: no series has missed its target or lacks its data. Data still to be supplied: "
     "indicator 22 not assessed yet.")])
def test_a_final_list_defines_only_the_words_it_uses_and_names_what_is_not_assessed_yet(language, intro, none):
    """A final evaluation (2024) with high-tech enterprises (10) at 1,580 in 2024 against 1,600, a target missed,
    and a qualitative indicator (22) whose department has sent no rating: the sentence defines "Target missed"
    alone, never "Data missing", which nothing in the list is; 22, not yet assessed, is named among what is still to
    be supplied, also where nothing is listed (10 at 1,620, achieved)."""
    from analysis.report.warning_tables import warning_rows, warnings_intro
    from tests.report.test_words import QUALITATIVE, assessed

    missed = assessed(10, 2024, "compound", 738, 2024, 1580, 2024, 1600, "not_achieved", n=4, gap=20,
                      verdict="final", rate=1580 / 1600, shortfall=20)
    report = context(language, [missed, QUALITATIVE], 2024)
    assert warnings_intro(report, warning_rows(report)) == intro
    achieved = assessed(10, 2024, "compound", 738, 2024, 1620, 2024, 1600, "achieved", n=4, gap=-20,
                        verdict="final", rate=1620 / 1600, shortfall=-20)
    report = context(language, [achieved, QUALITATIVE], 2024)
    assert warning_rows(report) == [] and warnings_intro(report, []) == none


def test_the_data_still_to_be_supplied_are_grouped_by_department_and_by_the_years_missing():
    """A final evaluation (2024). Without a lead department: 2 and 18 have no value at all, 14 its 2023 value last
    (2024 missing), 30 its 2022 value (2023–2024 missing, moving away: red, so listed first), 22 qualitative with no
    rating sent. The Science Bureau's 10 (insufficient, amber) and 25 (moving away, red) both have 2022's last. The
    Ecology Bureau's 17 missed its 2024 target: nothing owed. Each department is named once, in the list's order;
    under it the series lacking the same years once, all in the indicators' order whatever their colour, never one
    clause a series."""
    from analysis.report.warning_tables import still_to_supply, warning_rows
    from tests.report.test_words import NAN, QUALITATIVE, assessed

    rows = [assessed(2, 2024, "linear", NAN, None, NAN, 2024, 2.8, "insufficient_data", n=0, verdict=""),
            assessed(10, 2024, "compound", 738, 2022, 1200, 2024, 1600, "insufficient", n=3, gap=400),
            assessed(14, 2024, "compound", 80, 2023, 90, 2024, 120, "insufficient", n=4, gap=30),
            assessed(17, 2024, "linear", 90.4, 2024, 88.0, 2024, 90, "not_achieved", n=5, gap=2, verdict="final",
                     rate=88 / 90, shortfall=2),
            assessed(18, 2024, "annual_floor", NAN, None, NAN, 2024, 5, "insufficient_data", n=0, verdict=""),
            QUALITATIVE,
            assessed(25, 2024, "compound", 242, 2022, 230, 2024, 320, "moving_away", n=3, gap=90),
            assessed(30, 2024, "compound", 0.92, 2022, 0.95, 2024, 0.78, "moving_away", n=3, gap=0.17)]
    for language, expected in (
            ("zh", "待补充的数据：未明确牵头部门：指标2、18无可作判断的数据，指标14缺2024年数据，指标22尚未评价，"
                   "指标30缺2023—2024年数据；市科技局：指标10、25缺2023—2024年数据。"),
            # one indicator said in the singular, two in the plural
            ("en", " Data still to be supplied: Lead department not named: indicators 2 and 18 with no data to judge "
                   "by, indicator 14 for 2024, indicator 22 not assessed yet, indicator 30 for 2023–2024; Science "
                   "Bureau: indicators 10 and 25 for 2023–2024.")):
        report = context(language, rows, 2024)
        assert still_to_supply(report, warning_rows(report)) == expected


def test_a_status_on_a_value_before_the_target_year_is_owed_its_data_with_that_status():
    """A final evaluation (2024): R&D intensity (2) met its 2.8% target with 2.9% in 2022, nothing after (达标待确认,
    not listed: nothing in it fell short); high-tech enterprises (10, Science Bureau) lack 2023–2024 and are behind
    (listed, data missing). Both are owed: 2 with its status, so that a reader who counts the list's one series knows
    why two are named; the self-evaluation never says 2 completed its target."""
    from analysis.report.self_evaluation import _none_lagging
    from analysis.report.warning_tables import still_to_supply, warning_rows
    from tests.report.test_words import assessed

    met = assessed(2, 2024, "linear", 2.36, 2022, 2.9, 2024, 2.8, "achieved", n=3, gap=-0.1)
    behind = assessed(10, 2024, "compound", 738, 2022, 1200, 2024, 1600, "insufficient", n=3, gap=400)
    for language, owed, provisional in (
            ("zh", "待补充的数据：市科技局：指标10缺2023—2024年数据；"
                   "未明确牵头部门：指标2缺2023—2024年数据（达标待确认）。",
             "指标2尚无目标年份的数值，“达标待确认”是按此前最新值作出的进展判断，待补充数据后作最终判定。"),
            ("en", " Data still to be supplied: Science Bureau: indicator 10 for 2023–2024; Lead department not named: "
                   "indicator 2 for 2023–2024 (provisionally met).",
             "Indicator 2 has no value for its target year yet: “provisionally met” rests on an earlier value, not a "
             "final verdict, which waits for the data.")):
        report = context(language, [met, behind], 2024)
        rows = warning_rows(report)
        assert [row.indicator_id for row in rows] == ["10"]
        assert still_to_supply(report, rows) == owed
        # nothing lags and nothing lacks data to judge by: no "已完成目标" for 2, its state said instead
        alone = context(language, [met], 2024)
        assert warning_rows(alone) == [] and _none_lagging(alone) == provisional
        # a final verdict met beside it keeps its own sentence first
        final = assessed(10, 2024, "compound", 738, 2024, 1620, 2024, 1600, "achieved", n=4, gap=-20,
                         verdict="final", rate=1620 / 1600, shortfall=-20)
        both = _none_lagging(context(language, [met, final], 2024))
        assert both.endswith(provisional) and both != provisional
        assert "2、" not in both and "2, 10" not in both


def test_a_series_without_data_to_judge_by_shows_no_growth_seen_in_the_list():
    """High-tech enterprises (10) with only the plan's printed baselines, 738 (2020) and 1,049 (2021): at the final
    evaluation it is listed as data missing, and the printed step (1,049 ÷ 738 − 1 = +42.1% in one year) is no growth
    seen in the plan period: "—", as its card and the workbook give it. The same pace on data of the plan period
    (rated behind) is shown."""
    from analysis.report.warning_tables import warning_rows
    from tests.report.test_words import assessed

    pace = {"observed_cagr": 1049 / 738 - 1, "observed_per_year": 311.0}
    unjudged = {**assessed(10, 2024, "compound", 738, 2021, 1049, 2024, 1600, "insufficient_data", verdict=""), **pace}
    behind = {**assessed(10, 2024, "compound", 738, 2022, 1049, 2024, 1600, "insufficient", n=3, gap=551), **pace}
    for language in ("zh", "en"):
        assert [row.seen for row in warning_rows(context(language, [unjudged], 2024))] == ["—"]
        assert [row.seen for row in warning_rows(context(language, [behind], 2024))] == ["+42.1%"]


def test_no_warnings_says_so():
    achieved = [row for row in MID_TERM_DATA if row["status"] == "achieved"]
    html = warnings_html(context("zh", achieved, 2023))
    # a mid-term (2023 targets with 2024's after them): a missed interim target is named among the warnings' causes
    assert ("<p class=\"lead-in\">没有未达标、偏离目标、未达阶段目标或进展不足的指标序列，本期无预警。</p>"
            in unmarked(html))
    assert "warning-list" not in html


def test_no_warning_for_want_of_data_is_not_an_all_clear():
    # two series achieved and two without data: no warning, and the two that cannot be judged are counted
    rows = [row for row in MID_TERM_DATA if row["status"] == "achieved"]
    unknown = [{**row, "status": "insufficient_data", "verdict": ""} for row in MID_TERM_DATA
               if row["status"] != "achieved"][:2]
    html = unmarked(warnings_html(context("zh", rows + unknown, 2023)))
    # no all-clear for what cannot be judged: the sentence says whom it covers
    assert ("已有数据可作判断的序列中，没有未达标、偏离目标、未达阶段目标或进展不足的，本期无预警。"
            "另有2个序列缺少可作判断的数据（数据不足），"
            "无法判断是否需要预警，不能视为无问题。") in html
    english = unmarked(warnings_html(context("en", rows + unknown[:1], 2023)))
    assert ("Of the series that can be judged, none has missed its target or an interim target, is moving away from "
            "it or is progressing too slowly: no warnings. 1 other series lacks the data for a judgement "
            "(Insufficient data), so whether it needs a warning is unknown: no warning here does not mean no "
            "problem.") in english


def test_a_series_that_needs_to_accelerate_is_named_as_not_warned():
    """"Moderate" (需加快) is not warned (method 8); the list says which series are rated so, in either case."""
    achieved = [row for row in MID_TERM_DATA if row["status"] == "achieved"]
    moderate = [{**row, "status": "moderate"} for row in MID_TERM_DATA if row["indicator_id"] in (2, 25)]
    html = unmarked(warnings_html(context("zh", achieved + moderate, 2023)))
    assert ("本期无预警。评估结论为“需加快”的2个序列（指标2、25）进度低于要求，按方法说明不列入预警。"
            in html) and "差距尚小" not in html  # 25 needs +9.1% a year against +6.6% seen: no small gap
    english = unmarked(warnings_html(context("en", achieved + moderate[:1], 2023)))
    # the status says what it asks for in brackets, never "Moderate progress, accelerate" (a bare imperative)
    assert ("no warnings. 1 series (indicator 2) is rated “Moderate progress (needs to accelerate)”: behind the pace "
            "needed, but not far enough for a warning, as the method sets out.") in english
    # beside warnings: after the count; and nothing when no series is rated so
    red = [row for row in MID_TERM_DATA if row["indicator_id"] == 17]
    assert "共1个，为红色预警。评估结论为“需加快”的1个序列（指标25）" in unmarked(
        warnings_html(context("zh", achieved + red + moderate[1:], 2023)))
    assert "需加快" not in unmarked(warnings_html(context("zh", MID_TERM_DATA, 2023)))
    # one warning of one colour: "1 series, red", never "1 in all, 1 red and 0 amber" ("in all" of one reads oddly)
    english = unmarked(warnings_html(context("en", achieved + red, 2023)))
    assert ". 1 series, red.</p>" in english and "0 amber" not in english


def test_changes_since_the_previous_report_year_worse_first():
    from analysis.report.warning_tables import change_rows, changes_intro

    now = {2: "not_achieved", 10: "moderate", 17: "achieved", 25: "not_achieved"}
    # in 2024, the last target's year, no target follows
    final = [{**row, "report_year": 2024, "status": now[row["indicator_id"]], "next_target_year": float("nan")}
             for row in MID_TERM_DATA]
    both = typed(pd.DataFrame(MID_TERM_DATA + final), ASSESSMENT_COLUMNS)
    base = context("zh", final, 2024)
    report = ReportContext(plan=base.plan, report_year=2024, words=catalog("zh"),
                           tables=base.tables.__class__(**{**base.tables.__dict__, "assessment": both}),
                           assessment=base.assessment, growth=base.growth)
    html = changes(warnings_html(report))
    # against the status on 2023's data: two sentences at most; no new value is no basis moved, its rows say it
    # the table compares ratings, not values: said above it (no value moved here, so nothing on values)
    assert "与按2023年数据所作中期评估判断相比，3个序列的评估结论变差，1个好转，没有结论不变的。" in html
    assert changes_intro(report, *change_rows(report)) == (
        "与按2023年数据所作中期评估判断相比，3个序列的评估结论变差，1个好转，没有结论不变的。"
        "“结论变化”列比较两年的评估结论，不比较数值。")
    # the same values in both years here: a status that moved without a new value is worse or better as it reads,
    # its row saying there is no new value; the largest fall first (10: met to moderate, three ranks)
    # 10 met its 2023 interim target (a later target followed): so the 2023 column says, as the 2023 report did
    # every 2024 status rests on 2023's value (no 2024 value): the change column says so after the basis
    dated = "；2024年结论据2023年数据"
    assert rows_of(html) == [["10", "高新技术企业", "已达阶段目标", "需加快", "结论变差无新数据" + dated],
                             ["2", "R&amp;D经费投入强度&#8288;*", "未达阶段目标", "未达标", "结论变差无新数据" + dated],
                             ["25", "高层次人才数", "未达阶段目标", "未达标", "结论变差无新数据" + dated],
                             ["17", "空气质量优良天数比例", "未达标", "已达标", "结论好转无新数据" + dated]]
    # the first report year has nothing to compare with: no subsection
    assert "status-changes" not in warnings_html(context("zh", MID_TERM_DATA, 2021))


def test_section_heading_and_data_text_escaped():
    html = warnings_html(context("zh", MID_TERM_DATA, 2023))
    assert html.startswith("<h2>三、预警与变化</h2><h3>（一）预警清单</h3>")


@pytest.mark.parametrize(("language", "word", "note"), [
    ("zh", "当年无要求‡", "‡该水平自2023年起适用，2022年无要求"),
    ("en", "no target yet ‡", "‡ the level applies from 2023: no requirement in 2022")])
def test_a_year_before_a_level_applies_reads_as_in_the_heat_map(example_tables, language, word, note):
    """Good-air days (17) and energy saving (18) are held to a level every year from 2023 (≥90, ≥5): in 2022 there
    was none, so the heat maps show 2022 grey, "当年无要求‡" (chart.heatmap_before_level_word with its mark). The
    mid-term's change table says the same of 2022, in the same grey (insufficient data's colour), never the status
    2022's value had against 2023's level ("偏离目标" for 17's 89.5, "已提前达标" for 18's 5.2); its note says from when
    the level applies, under the same mark."""
    from analysis.report.context import load_report
    from analysis.report.warning_tables import change_rows
    from tests.conftest import relative

    _, rows = change_rows(load_report(relative(example_tables), 2023, language))
    early = {row.indicator_id: row for row in rows if row.indicator_id in ("17", "18")}
    assert {key: (row.status_then, row.status_then_text, row.note_text) for key, row in early.items()} == {
        key: ("insufficient_data", word, note) for key in ("17", "18")}


def test_a_status_that_moves_with_the_target_or_without_new_data_says_why(example_tables):
    from analysis.report.context import load_report
    from analysis.report.warning_tables import change_rows, changes_intro
    from tests.conftest import relative

    _, rows = change_rows(load_report(relative(example_tables), 2024, "en"))
    why = {row.indicator_id: (row.change, row.reason_text) for row in rows}
    # S&T service institutions (14): 103 met the 2023 target of 100; 112 (up) misses 2024's 120: worse, as the status
    # reads, the row saying the target moved
    # the table names the series without its unit: the target carries it (never a bare "(120)")
    assert why["14"] == ("worse", "now against the 2024 target (120 institutions)")
    # R&D super-deduction (21): 9.3 in 2023 both times, no 2024 value; judged against 2024's 10 instead of 2023's
    assert why["21"] == ("worse", "no new value; now against the 2024 target (10%)")  # with its unit
    # the same target in both years (3: 45): nothing to explain beyond the values
    assert why["3"] == ("better", "")
    # the 2023 review against the 2022 one: foreign investment (19) went from "moving away" (a rating of the pace
    # towards 3.5 in 2023) to "interim target missed" (a verdict on 2023's value): short both times, the same, the row
    # saying the basis moved
    _, mid = change_rows(load_report(relative(example_tables), 2023, "en"))
    mid = {row.indicator_id: (row.change, row.reason_text) for row in mid}
    assert mid["19"] == ("same", "given a progress verdict then, now judged on the 2023 interim target")
    # the high-tech ratio (7): its target met early in 2022 (a progress verdict, not a rating of its pace), its 2023
    # interim target met now (a verdict): the same status, its basis said all the same, never "rated on its pace"
    assert mid["7"] == ("same", "given a progress verdict then, now judged on the 2023 interim target")
    # high-tech enterprises (10): on track in 2022, short of the 2023 interim target (3.5 again in 2024): worse, a
    # verdict on an interim target, not a final one (method, item 1)
    assert mid["10"] == ("worse", "given a progress verdict then, now judged on the 2023 interim target")
    # the energy saving (18) "met" its floor in 2022 (5.2 against 5), a year before the first it is held in (2023),
    # and missed it in 2023 (4.6): 2022's status compared 5.2 with a level not yet in force, not comparable with the
    # verdict on 2023's, never "worse"; good-air days (17: 89.5 in 2022 "moving away", 91.2 in 2023 met) likewise,
    # never "better"
    before = "‡ the level applies from 2023: no requirement in 2022"
    assert mid["18"] == ("not_comparable", before)
    assert mid["17"] == ("not_comparable", before)
    # S&T share of public spending (20): 2.8 in 2023 short of the interim target 3.5, 3.2 in 2024 short of the same 3.5:
    # missed both times, the same (as tech zones, 3: 44.1 short of 45 in 2023, 45.6 in 2024, reached it: better); the
    # cell says why, where R&D intensity (2: 2.61 short of 2.7 in 2023, 2.7 short of 2.8 in 2024) is re-rated, its
    # row saying the target changed (as the sentence above the table says every such row does)
    assert why["20"] == ("same", "the 2024 target (3.5%) missed as well")
    assert why["2"] == ("same", "now against the 2024 target (2.8%), still missed")
    # likewise 10 (2023's target 1,500, 2024's 1,600) and 25 (300, then 320), whose targets changed; 5 provincial (80
    # both years) did not
    assert why["10"][1] == "now against the 2024 target (1,600 enterprises), still missed"
    assert why["25"][1] == "now against the 2024 target (320 people), still missed"
    assert [row.reason_text for row in rows if row.anchor == "indicator-5-provincial"] == [
        "the 2024 target (80 bases) missed as well"]
    # …and only 2's basis moved, to a higher target (2.7 then 2.8): 20's 3.5 is the same value, as 3's 45 is, so the
    # sentence counting the series on another basis counts 2 and not 20
    bases = {row.indicator_id: row.bases for row in rows if row.series in ("", None) or row.series != row.series}
    assert (bases["2"], bases["20"], bases["3"]) == (("later_target",), (), ())
    # 14 (103 in 2023 met the interim target of 100, +8.8% a year short of the +16.5% 2024's 120 needed) and 21 (9.3
    # met 9, +0.3 pp a year short of the +0.7 pp 10 needed) were amber in 2023's warning list: their worse status now
    # was foreseen, and the row says so; 8 and 16, on course for 2024 then, were not warned, and say nothing of it
    notes = {row.indicator_id: row.note_text for row in rows}
    # …and, its value up (103 in 2023, 112 in 2024) though its status is worse, the row gives both values with why
    assert notes["14"] == ("103 → 112 institutions, now against the 2024 target (120 institutions); "
                           "warned in 2023 (amber)")
    assert notes["21"].endswith("; warned in 2023 (amber)")
    # each clause apart, so that a short one is kept on one line (never "warned in | 2023 (amber)")
    clauses = {row.indicator_id: row.notes for row in rows}
    assert clauses["14"] == ("103 → 112 institutions, now against the 2024 target (120 institutions)",
                             "warned in 2023 (amber)")
    assert clauses["21"] == ("no new value", "now against the 2024 target (10%)", "2024 status from 2023 data",
                             "warned in 2023 (amber)")
    assert "warned" not in notes["8"] + notes["16"]
    # the high-tech share (8): 41.2 met 2023's 41, 41.8 (up) misses 2024's 42; technology contracts (16): 151 (亿元,
    # 15.1 billion yuan) met 2023's 140, 158 (15.8 billion) misses 2024's 160: worse, their values up, both said
    assert notes["8"] == "41.2% → 41.8%, now against the 2024 target (42%)"
    # in the plan's unit, as every table gives its numbers (the warning list's 158 and 160), never written out as a
    # sentence writes them (15.1 → 15.8 billion yuan), the unit beside the series' name; labour productivity (6) the
    # same: 2024's target 23, never "230,000 yuan per worker"; a unit that is a word after its number (120
    # institutions, above) as it is
    assert notes["16"] == "151 → 158, now against the 2024 target (160)"
    assert why["6"] == ("same", "now against the 2024 target (23)")
    names = {row.indicator_id: row.name for row in rows}
    assert (names["16"], names["6"], names["14"]) == ("Technology contracts traded (100 million yuan)",
                                                      "Labour productivity (10,000 yuan per worker)",
                                                      "S&T service institutions")
    # Chinese gives every amount in the plan's unit after its number, the name as it is
    _, chinese = change_rows(load_report(relative(example_tables), 2024, "zh"))
    chinese = {row.indicator_id: (row.name, row.note_text) for row in chinese}
    assert chinese["16"] == ("技术合同成交额", "151亿元 → 158亿元，改为对照2024年目标（160亿元）")
    assert chinese["6"] == ("全员劳动生产率", "改为对照2024年目标（23万元/人）")
    # 21's value did not move (9.3, no 2024 value) and tech zones (3: 44.1 then 45.6, better) moved with their
    # statuses: no values to explain
    assert "→" not in notes["21"] + notes["3"]
    # energy saving (18): 4.6 in 2023 missed the ≥5 to hold every year, "not achieved" then and now, though 2024's 5.3
    # meets it: both statuses rest on 2023, said, so that a reader does not look for a second year missed
    assert notes["18"] == "both statuses rest on the level missed in 2023"
    # 2 missed its 2023 interim target and 2024's: no level held every year, nothing of the kind
    assert "level missed" not in notes["2"]
    # good-air days (17): met every year so far in 2023 (91.2), achieved with 2024's value (92): the same status, the
    # row saying it is now a final verdict on each year it is held in, 2023 and 2024, never on 2024's value alone (a
    # basis moved is said whether or not the status changed)
    assert why["17"] == ("same", "met so far as of 2023; now a final verdict on every year "
                                 "from 2023 to 2024")
    # one word for the same status, as the sentence above the table counts it: a rating of the pace borne out by the
    # verdict (19: moving away, then the interim target missed; 3: insufficient, then missed) is unchanged as the same
    # word both times is (17: met so far, then achieved); of them, a target missed twice (20) says so
    told = {row.indicator_id: row.change_text for row in rows}
    _, mid_rows = change_rows(load_report(relative(example_tables), 2023, "en"))
    told_mid = {row.indicator_id: row.change_text for row in mid_rows}
    assert (told_mid["19"], told_mid["3"], told["20"], told["17"]) == (
        "Status unchanged", "Status unchanged", "Status unchanged (missed both times)", "Status unchanged")
    # energy saving (18), not achieved in 2023 and in 2024: missed both times too, the same word or not; 4 provincial,
    # moving away in both (no value since 2022), a rating of the pace and no target missed: unchanged
    told_series = {(row.indicator_id, row.series): row.change_text for row in rows}
    assert (told_series[("18", "")], told_series[("4", "provincial")]) == ("Status unchanged (missed both times)",
                                                                            "Status unchanged")
    final_zh = load_report(relative(example_tables), 2024, "zh")
    previous, changed = change_rows(final_zh)
    # in Chinese likewise, each value with its unit as the row gives the target's (14: 103个, then 112个, its unit 个)
    zh_notes = {row.indicator_id: row.note_text for row in changed}
    assert zh_notes["8"] == "41.2% → 41.8%，改为对照2024年目标（42%）"
    assert zh_notes["14"].startswith("103个 → 112个，改为对照2024年目标（120个）")
    intro = changes_intro(final_zh, previous, changed)
    # 8, 14 and 16 met their 2023 interim targets and miss 2024's (14: 103 against 100, then 112 against 120), and 21
    # met its 2023 interim target (9.3 against 9) and, without a 2024 value, falls short of 2024's 10 at the pace seen:
    # 4 worse, never "0 worse"; 3, 5, 12, 15 and 19 missed their 2023 interim targets and meet 2024's: 5 better; the
    # other 16 of the 25 series the same, of which 5 missed their 2023 interim targets and miss 2024's too (2: 2.61
    # then 2.7; 5 provincial: 76 then 79; 10: 1,450 then 1,580; 20: 2.8 then 3.2; 25: 298 then 318), counted apart as
    # the table's column names them, never hidden in "unchanged"
    # the count, then one sentence on the bases: none most rows share (8 of the 16 the same moved, as many as not),
    # so the column names each; ~30 words where there were ~110
    assert intro == ("与按2023年数据所作中期评估判断相比，"
                     # 18 too: not achieved in 2023 (4.6 against 5) and in 2024 (the year missed stands): missed
                     # both times, as the table says; 4 provincial, moving away both times, is a rating of the pace,
                     # no target missed: unchanged, not missed
                     "4个序列的评估结论变差，5个好转，"
                     "16个结论不变（其中6个两次均未达到：指标2、5省级、10、18、20、25）。"
                     # 8, 14, 16: worse, their values up (41.2% → 41.8%): the table compares ratings, said above it
                     "“结论变化”列比较两年的评估结论，不比较数值：结论变差而数值仍在向目标推进的，该列列出两年数值。"
                     "对照基准有变的序列，该列均注明。")
    final_en = load_report(relative(example_tables), 2024, "en")
    assert changes_intro(final_en, *change_rows(final_en)) == (
        "Compared with the 2023 mid-term status as today's data give it, 4 series have worsened, 5 improved and 16 are "
        "unchanged (6 missed both times: indicators 2, 5 provincial, 10, 18, 20, 25). "
        "The “Change in status” column compares the two years' ratings, not the values: where a status is worse "
        "though the value moved towards the target, the column gives both values. It also names each "
        "series judged on a different basis.")
    assert [row.indicator_id for row in changed if row.change == "worse"] == ["8", "14", "16", "21"]
    # 17 met its level in 2023 (91.2 against ≥90), "met every year so far", and is judged on 2024's value now: the
    # status's own words, as 由进展判断转为… says a rating of the pace, never "此前为目前逐年达标" (two words for
    # "so far" side by side)
    seventeen = next(row for row in changed if row.indicator_id == "17")
    assert "上期为迄今均达标，现按2023—2024年各年数值作最终判定" in seventeen.note_text
    # the mid-term against 2022: 18 met its floor in 2022 and missed it in 2023; 10 on track and 2, 12 and 25
    # moderate in 2022 miss their 2023 interim targets: 5 worse; 4 national moderate then, its interim target met now,
    # and 17 moving away then (89.5 in 2022), met so far now (91.2 in 2023, a verdict on 2023's level where a rating
    # of the pace was: a basis moved, 6 of the 7): 2 better; 18 of 25 the same (3, 5, 15, 20 short of pace then and
    # of the interim target now)
    mid_zh = load_report(relative(example_tables), 2023, "zh")
    mid_intro = changes_intro(mid_zh, *change_rows(mid_zh))
    # two short sentences: the counts against the status on 2022's data, then the basis 21 of the 25 rows share,
    # said once here, not in every row; "the same" counts 12 whose words differ (3, 19: short of pace, then of the
    # interim target; 1, 6: on track, then met), all unchanged, the word the table gives them
    assert mid_intro == ("与按2022年数据所作判断相比，4个序列的评估结论变差，1个好转，18个结论不变，"
                         # 17 and 18, rated in 2022 against 2023's level: not comparable, named
                         "2个无法比较（指标17、18的2022年结论早于该水平适用的年份）。"
                         # 2 (2.52% → 2.61%) and 10, 12, 25: worse, their values up
                         "“结论变化”列比较两年的评估结论，不比较数值：结论变差而数值仍在向目标推进的，该列列出两年数值。"
                         "除另有注明的以外，各序列均由进展判断转为对照2023年阶段目标的判定。")
    mid_en = load_report(relative(example_tables), 2023, "en")
    assert changes_intro(mid_en, *change_rows(mid_en)) == (
        "Compared with the 2022 status as today's data give it, 4 series have worsened, 1 improved and 18 are "
        "unchanged; 2 cannot be compared "
        "(indicators 17, 18: 2022 before the level applied). "
        "The “Change in status” column compares the two years' ratings, not the values: where a status is worse "
        "though the value moved towards the target, the column gives both values. Unless its row says "
        "otherwise, each series was given a progress verdict then, now judged on the 2023 interim target.")
    # …and the rows sharing it say nothing of it: their notes are the exceptions only (4 provincial without a new
    # value; 17 and 18 rated before the level applied)
    mid_notes = {(row.indicator_id, row.series): row.note_text for row in change_rows(mid_en)[1]}
    assert mid_notes[("7", "")] == mid_notes[("4", "national")] == ""
    # but high-tech enterprises (10), worse though its value rose (1,300 in 2022, 1,450 in 2023), keeps its values,
    # their reason said above; as do 2 (2.52 then 2.61), 12 and 25
    assert mid_notes[("10", "")] == "1,300 → 1,450 enterprises"
    assert mid_notes[("2", "")] == "2.52% → 2.61%"
    assert mid_notes[("4", "provincial")] == "no new value; 2023 status from 2022 data"
    assert mid_notes[("18", "")] == "‡ the level applies from 2023: no requirement in 2022"
    assert "rated on its pace" not in " ".join(mid_notes.values())
    zh = {row.indicator_id: row.reason_text for row in changed}
    assert zh["21"] == "无新数据；改为对照2024年目标（10%）"
    # a status resting on an earlier year's value says that year: 21 has no 2024 value (its 2023 value, 9.3,
    # projected short of 10), 4 provincial none since 2022 (2.9) in either report; the others none
    notes = {row.anchor: row.note_text for row in changed}
    # …and, amber in 2023's warning list, says it was warned
    assert notes["indicator-21"] == ("无新数据；改为对照2024年目标（10%）；2024年结论据2023年数据；"
                                     "2023年已列为黄色预警")
    assert notes["indicator-4-provincial"] == "无新数据；两年结论均依据2022年数据"  # both from one year: said once
    # the others' notes name no year of data; 18's names the year missed its statuses rest on, 2023
    assert [anchor for anchor, note in notes.items() if "年结论" in note] == [
        "indicator-21", "indicator-18", "indicator-4-provincial"]  # 18 with the others missed both times
    assert notes["indicator-18"] == "两年结论均依据2023年未达到的数值"  # never "均据未达到的 2023年"
    assert zh["20"] == "2024年目标（3.5%）仍未达到"
    # R&D intensity (2): 2.7 in 2023, 2.8 in 2024, a changed target: said so, as the sentence above says of such rows
    assert zh["2"] == "改为对照2024年目标（2.8%），仍未达到"



def test_series_without_data_in_either_year_are_counted_not_listed(weihai):
    """The plan alone in its last year: none of its 25 series has a status in 2023 or 2024 (insufficient data both
    times), which a row each would only repeat: the sentence names them and no table follows."""
    from analysis.publish.data import build_tables
    from analysis.report.context import report_context

    tables = build_tables(weihai, "eurostat")
    html = changes(warnings_html(report_context(tables, 2024, "zh")))
    # each by its series, as the count is of series: 4 and 5 have a national and a provincial one (23 numbers, 25
    # series), never "25 个序列（指标 1、2、3、4、5…）" listing 23
    assert html.endswith("两个年份均数据不足的25个序列（指标1、2、3、4国家级、4省级、5国家级、5省级、"
                         "6、7、8、9、10、11、12、13、14、15、16、17、18、19、20、21、25、26）不逐行列出。</p>")
    assert rows_of(html) == [] and "<table" not in html
    en = changes(warnings_html(report_context(tables, 2024, "en")))
    assert ("The 25 series with insufficient data in both years (indicators 1, 2, 3, 4 national, 4 provincial, "
            "5 national, 5 provincial, 6, 7,") in en and "<table" not in en


def test_the_rows_that_read_alike_stand_together(example_tables):
    """The 2023 review's unchanged outcomes: the 12 series whose words differ (insufficient or moving away then, an
    interim target missed now; on track then, met now) and the 6 whose words are the same read alike, one term, as the
    sentence above the table counts them (once "consistent with the earlier rating" for some, "unchanged" for others);
    the 2024 review's missed both times come in one block before the other unchanged."""
    from analysis.report.context import load_report
    from analysis.report.warning_tables import change_rows
    from tests.conftest import relative

    _, rows = change_rows(load_report(relative(example_tables), 2023, "en"))
    same = [row.change_text for row in rows if row.change == "same"]
    assert same == ["Status unchanged"] * 18
    _, rows = change_rows(load_report(relative(example_tables), 2024, "en"))
    same = [row.change_text for row in rows if row.change == "same"]
    # 2, 5 provincial, 10, 18, 20, 25 missed both times; 1, 4 national, 4 provincial, 6, 7, 9, 11, 13, 17, 26 unchanged
    assert same == ["Status unchanged (missed both times)"] * 6 + ["Status unchanged"] * 10


def test_a_change_from_a_baseline_year_says_the_year_is_before_the_plan(example_tables):
    """The 2022 review compares with 2021, a year the plan prints baselines for (its period starts in 2022): said in
    the sentence above the table; the 2023 review's comparison with 2022 says nothing of the kind."""
    from analysis.report.context import load_report
    from analysis.report.warning_tables import change_rows, changes_intro
    from tests.conftest import relative

    # R&D personnel's 2021 baseline, printed 23,000, published 23,150: the statuses of 2021 rest on it as revised
    for year, language, said in ((2022, "zh", True), (2022, "en", True), (2023, "en", False)):
        context = load_report(relative(example_tables), year, language)
        previous, rows = change_rows(context)
        text = changes_intro(context, previous, rows)
        expected = {"zh": "2021年为方案基础值年份，当年的结论依据方案表列的基础值（已公布数据修订的，按修订后的数值），"
                          "方案实施期自2022年起。",
                    "en": " 2021 is a baseline year of the plan, before its period (from 2022): its statuses rest on "
                          "the baselines the plan prints, as published data revised them."}[language]
        assert (expected in text) is said, text
        assert ("baseline year" in text or "基础值年份" in text) is said
    # without that revision, the baselines as printed, and nothing said of revisions
    unrevised = load_report(relative(example_tables), 2022, "en")
    unrevised = replace(unrevised, tables=replace(unrevised.tables, quality=unrevised.tables.quality[
        unrevised.tables.quality["issue"] != "observation_revises_baseline"]))
    assert changes_intro(unrevised, *change_rows(unrevised)).endswith(
        " 2021 is a baseline year of the plan, before its period (from 2022): its statuses rest on the baselines the "
        "plan prints.")


def test_the_change_in_status_is_printed_on_one_line(example_tables):
    """2022 against 2021: few rows have a reason, so the change column is narrow; its words are a short label, printed
    whole ("Status unchanged", never "Status / unchanged" in every row), as WeasyPrint lays the table out on paper."""
    from weasyprint import HTML

    from analysis.report.context import load_report
    from analysis.report.self_evaluation_files import STYLE_SHEET
    from tests.conftest import relative

    context = load_report(relative(example_tables), 2022, "en")
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{STYLE_SHEET.read_text("utf-8")}'
            f'</style></head><body><main class="report"><div class="jp-RenderedHTMLCommon">{warnings_html(context)}'
            "</div></main></body></html>")
    lines = ["".join(box.text for box in line.descendants() if isinstance(getattr(box, "text", None), str)).strip()
             for page_ in HTML(string=page, media_type="print").render().pages
             for line in page_._page_box.descendants() if type(line).__name__ == "LineBox"]
    assert lines.count("Status unchanged") == 15  # 1 worse, 9 better, 15 the same
    assert "unchanged" not in lines


def test_no_change_either_way_is_said_in_words_never_as_zero_counts():
    """Weihai's own data in 2024: no value for 2024 yet, every status of 2023 the same in 2024 (25 series, 1 without
    data both years): "没有评估结论变差或好转的序列", never "0个序列的评估结论变差，0个好转"."""
    from analysis.report.context import load_report
    from analysis.report.warning_tables import change_rows, changes_intro
    from analysis.settings import PROJECT_ROOT

    for language, start in (("zh", "与按2023年数据所作中期评估判断相比，没有评估结论变差或好转的序列，"),
                            ("en", "Compared with the 2023 mid-term status as today's data give it, no series has "
                                   "worsened or improved; ")):
        report = load_report(PROJECT_ROOT / "data" / "processed" / "weihai", 2024, language)
        intro = changes_intro(report, *change_rows(report))
        assert intro.startswith(start), intro
        assert "0个" not in intro and " 0 " not in intro


@pytest.mark.parametrize("language, unchanged, counted", [("zh", "结论不变", "16个结论不变"),
                                                          ("en", "Status unchanged", "16 are unchanged")])
def test_the_change_column_counts_as_its_sentence_does(example_tables, language, unchanged, counted):
    """The 2024 review: the sentence above the table says 16 series are unchanged, 6 of them missed both times (2,
    5 provincial, 10, 18, 20, 25); a reader counting the rows whose change reads "unchanged" finds the 16 (the 6 say
    they missed both times after the word), never 10 beside a column of "两次均未达到"."""
    from bs4 import BeautifulSoup

    from analysis.report.context import load_report
    from tests.conftest import relative

    context = load_report(relative(example_tables), 2024, language)
    soup = BeautifulSoup(warnings_html(context), "html.parser")
    words = [unmarked(word.get_text()) for word in soup.select("table.status-changes span.change-word")]
    assert sum(word.startswith(unchanged) for word in words) == 16
    assert sum(word.startswith(unchanged) and word != unchanged for word in words) == 6
    assert counted in unmarked(soup.select("table.status-changes")[0].find_previous("p").get_text())


@pytest.mark.parametrize("language, header, note", [
    ("zh", "2020年以来年均变化", "注：“2020年以来年均变化”一栏，以%表示的为年均增长率，"
     "以个百分点表示的为比重（以%表示的指标）每年变化的百分点。"),
    ("en", "Change a year since 2020", "Note: in “Change a year since 2020”, a figure in % is a growth "
     "rate a year; one in pp (percentage points) is the change a year of an indicator given in %.")])
def test_the_last_column_of_the_warning_list_is_headed_for_both_its_measures(example_tables, language, header, note):
    """The final evaluation's list gives growth rates (5 provincial: (79 / 66)^(1/4) − 1 = +4.6%) and changes of a
    share (2: (2.7 − 2.36) / 4 = +0.09 points) in one column, once headed "实际年均增长（2020年起）": a heading for
    both, each measure said once in a note under the table."""
    from bs4 import BeautifulSoup

    from analysis.report.context import load_report
    from tests.conftest import relative

    soup = BeautifulSoup(warnings_html(load_report(relative(example_tables), 2024, language)), "html.parser")
    table = soup.select_one("table.warning-list")
    assert unmarked(table.select("thead th")[-1].get_text()) == header
    seen = {row.select("td")[0].get_text(): unmarked(row.select("td")[-1].get_text())
            for row in table.select("tbody tr") if len(row.select("td")) > 1}
    assert (seen["2"], seen["10"]) == {"zh": ("+0.09个百分点", "+21.0%"), "en": ("+0.09 pp", "+21.0%")}[language]
    assert unmarked(table.find_next_sibling("p").get_text()) == note

def _lists(html: str):
    """The list's heading and, per row, its number, series name and badge (BeautifulSoup)."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "html.parser")
    rows = [(row.select("td")[0].get_text(), row.select("td")[1].get_text().replace("\u2060", "").rstrip("*"),
             row.select_one("span.warning-level").get_text().replace("\u200b", ""))
            for row in soup.select("table.warning-list tbody tr") if row.select_one("span.warning-level")]
    return soup.h2.get_text(), soup.h3.get_text(), soup.select_one("p.lead-in").get_text(), rows


@pytest.mark.parametrize(("language", "missed", "missing", "section", "title", "mid_term"), [
    ("zh", "未完成", "数据缺失", "三、未完成目标与变化", "（一）未完成目标或数据缺失的指标",
     ("三、预警与变化", "（一）预警清单")),
    ("en", "Target missed", "Data missing", "3. Targets missed and changes", "3.1 Targets missed or data missing",
     ("3. Warnings and changes", "3.1 Warning list"))])
def test_the_final_lists_targets_missed_and_data_missing_not_warnings(example_tables, language, missed, missing,
                                                                       section, title, mid_term):
    """The final evaluation (2024, the example's last target year) warns no more: a warning looks forward. By hand
    from the example data: 2 (2.7 of 2.8), 5 provincial (79 of 80), 8, 10, 14, 16, 18 (4.6 in 2023, a level held every
    year), 20 and 25 have their verdict on the target year's value short of the target: "Target missed" (未完成), nine;
    4 provincial (2.9 in 2022, nothing for 2023–2024) and 21 (9.3 in 2023, nothing for 2024) are rated on their
    progress only: "Data missing" (数据缺失), their missing years named among the data still to be supplied. The
    mid-term (2023) keeps its warning list and red and amber warnings."""
    from analysis.report.context import load_report
    from tests.conftest import relative

    words = catalog(language)
    heading, subheading, intro, rows = _lists(warnings_html(load_report(relative(example_tables), 2024, language)))
    assert (heading, subheading) == (section, title)
    badges = {number: badge for number, _, badge in rows}
    finally_missed = ["2", "5", "8", "10", "14", "16", "18", "20", "25"]
    assert sorted((badge for number, badge in badges.items() if number in finally_missed)) == [missed] * 9
    assert [badge for number, badge in badges.items() if number not in finally_missed] == [missing] * 2
    assert sorted(badges) == sorted([*finally_missed, "4", "21"])
    # no warning word anywhere in the list: heading, sentence, badges
    warning_words = ("预警", "红色", "黄色") if language == "zh" else ("warning", "Warning", "Red", "Amber")
    assert not any(word in text for word in warning_words for text in (heading, subheading, intro,
                                                                       *badges.values()))
    # the qualitative 22–24: the example sends no department's rating, so none is assessed yet (22 and 24 the Science
    # and Technology Bureau's, 23 the Organization Department's): named as still to be supplied
    assert {"zh": "共11个：未完成9个、数据缺失2个。待补充的数据：市科技局：指标4省级缺2023—2024年数据，"
                  "指标22、24尚未评价；市税务局：指标21缺2024年数据；市委组织部：指标23尚未评价。",
            "en": "11 series: 9 with the target missed, 2 with data missing. Data still to be supplied: Municipal "
                  "Science and Technology Bureau: indicator 4 provincial for 2023–2024, indicators 22 and 24 not "
                  "assessed yet; Municipal Taxation Bureau: indicator 21 for 2024; Organization Department of the "
                  "Municipal Party Committee: indicator 23 not assessed yet."}[language] in intro.replace("\u200b", "")
    # the mid-term keeps its warnings: the list's name and red and amber badges
    heading, subheading, intro, rows = _lists(warnings_html(load_report(relative(example_tables), 2023, language)))
    assert (heading, subheading) == mid_term
    assert {badge for _, _, badge in rows} == {words["warnings.level.red"], words["warnings.level.amber"]}


@pytest.mark.parametrize(("language", "name", "status", "years", "missing"), [
    ("zh", "省级农业科技园区营收占比", "偏离目标", "2023—2024", "数据缺失"),
    ("en", "Provincial agri-tech park revenue / GDP", "Moving away", "2023–2024", "data missing")])
def test_the_finals_series_without_its_target_years_value_names_the_missing_years_wherever_its_status_is(
        example_tables, language, name, status, years, missing):
    """Indicator 4's provincial series in the final (2024): its one value of the plan period is 2.9 in 2022, nothing
    for 2023 or 2024. The method keeps its progress verdict ("moving away", from the 3.1 baseline) and names the years
    without a value beside it: so its card, the summary's item, the self-evaluation (its table and its problems) and
    the workbook's list each give 2023–2024 with the verdict and say it is data missing, to be supplied."""
    import io

    import openpyxl

    from analysis.report.cards import card_notes
    from analysis.report.context import load_report
    from analysis.report.scorecard_workbook import ScorecardBook, scorecard_bytes
    from analysis.report.self_evaluation import self_evaluation_blocks
    from analysis.report.words import summary_paragraphs
    from tests.conftest import relative

    report = load_report(relative(example_tables), 2024, language)
    row = next(row for row in report.joined().itertuples() if row.indicator_id == 4 and row.series == "provincial")
    # the card: its first note says what the status rests on, with the missing years and that they are to be supplied
    first = card_notes(report, row)[0]
    assert years in first and missing.lower() in first.lower() and status in first
    # the summary's item among the lagging series
    items = [item for paragraph in summary_paragraphs(report) for item in paragraph.items if item.startswith(name)]
    assert len(items) == 1 and years in items[0] and missing in items[0] and status.lower() in items[0].lower()
    # the self-evaluation: each place that gives its status (the indicator table's cell, the problems' paragraph)

    def texts(parts) -> str:
        return "".join(part if isinstance(part, str) else texts(part) if isinstance(part, list) else ""
                       for part in parts)

    blocks = self_evaluation_blocks(report)
    said = [texts(block.parts) for block in blocks if block.kind == "paragraph" and name in texts(block.parts)
            and status.lower() in texts(block.parts).lower()]
    said += [texts(cell if isinstance(cell, list) else [cell]) for block in blocks if block.kind == "table"
             for cells in block.rows if any(name in texts(cell if isinstance(cell, list) else [cell]) for cell in cells)
             for cell in cells if status.lower() in texts(cell if isinstance(cell, list) else [cell]).lower()]
    assert len(said) >= 2 and all(years in text and missing in text for text in said)
    # the workbook's list: its badge, data missing, and the status note naming the years
    book = openpyxl.load_workbook(io.BytesIO(scorecard_bytes(ScorecardBook(report, "2025-01-15", "2025-01-10", {}))))
    sheet = book[catalog(language)["workbook.sheets_final.warnings"]]
    listed = [[cell.value for cell in line] for line in sheet.iter_rows(min_row=2) if line[2].value == 4]
    assert len(listed) == 1 and listed[0][1] == catalog(language)["warnings.level_final.data_missing"]
    assert any(isinstance(value, str) and years in value and status not in value for value in listed[0])


@pytest.mark.parametrize(("year", "language", "heading", "sheet"), [
    # the final against the 2023 mid-term evaluation, one of the plan's evaluations (plan.yml)
    (2024, "en", "3.2 Changes from the 2023 mid-term status", "Since 2023 mid-term"),
    (2024, "zh", "（二）与按2023年数据所作中期评估判断相比", "与2023年中期评估相比"),
    # the mid-term against 2022, a year of annual monitoring: its status is worked out now, no assessment of it
    # need have been published, so none is cited
    (2023, "en", "3.2 Changes from the 2022 status", "From the 2022 status"),
    (2023, "zh", "（二）与按2022年数据所作判断相比", "与按2022年数据所作判断相比")])
def test_the_earlier_year_of_a_change_is_named_by_what_it_was(example_tables, year, language, heading, sheet):
    from bs4 import BeautifulSoup

    from analysis.report.context import load_report
    from analysis.report.scorecard_workbook import earlier_kind
    from tests.conftest import relative
    report = load_report(relative(example_tables), year, language)
    soup = BeautifulSoup(warnings_html(report), "html.parser")
    headings = [h.get_text(" ", strip=True) for h in soup.find_all("h3")]
    assert heading in headings
    assert not any("assessment" in h or "年评估结论相比" in h for h in headings if h != heading)
    previous = year - 1
    assert report.words.text(f"workbook.sheets.changes.{earlier_kind(report, previous)}", year=previous) == sheet
    assert len(sheet) <= 31  # an Excel sheet's name

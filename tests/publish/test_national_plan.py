"""A real second plan: the national 12th Five-Year S&T plan (base 2010, targets for 2015), typed as its release
quotes it, with the published outcomes and their vintages (``tests/fixtures/national-12th-fyp-2021``).

Every expected value is worked out by hand from the quote and the sources (data/raw/national-12th-fyp/README.md).
"""
from __future__ import annotations

import math

import pytest

from analysis.clean.processed import read_processed
from analysis.report import charts
from analysis.report.context import load_report
from analysis.report.fonts import configure_matplotlib
from tests.conftest import relative
from tests.support.pdf import pdf_text


@pytest.fixture(scope="module")
def report(example_reports):
    return example_reports["national-2015-zh"]


@pytest.fixture(scope="module")
def final(report):
    tables = read_processed(report / "data")
    assessment = tables.assessment[tables.assessment.report_year == 2015].set_index("indicator_id")
    return tables, assessment


@pytest.mark.parametrize(("indicator", "status", "judged", "target", "rate"), [
    # rank 18 in 2015 against 前十八位 (18 or better): met; a place is reached or not, with no completion rate
    (1, "achieved", 18.0, 18.0, math.nan),
    # 55.3 against 力争达到55%: met; 55.3/55 = 1.00545
    (2, "achieved", 55.3, 55.0, 55.3 / 55),
    # R&D intensity 2.10 (preliminary) against 2.2: missed; 2.10/2.2 = 0.954545, short by 0.10 points
    (3, "not_achieved", 2.10, 2.2, 2.10 / 2.2),
    # invention patents per 10 000 people 6.3 against 3.3: exceeded; 6.3/3.3 = 1.909
    (5, "achieved", 6.3, 3.3, 6.3 / 3.3),
    # scientific literacy 6.2 % against 5 %: exceeded; 6.2/5 = 1.24
    (10, "achieved", 6.2, 5.0, 1.24),
])
def test_the_final_verdicts_worked_out_by_hand(final, indicator, status, judged, target, rate):
    _, assessment = final
    row = assessment.loc[indicator]
    assert (row.status, row.verdict) == (status, "final")
    assert row.latest_value == pytest.approx(judged) and row.target_value == pytest.approx(target)
    assert row.completion_rate == pytest.approx(rate, nan_ok=True)


def test_a_rank_reached_has_no_completion_rate_in_the_tables_the_workbook_reads(final):
    # 18th place against the top 18: achieved; a place is reached or not, never "100 % of target" (the card shows
    # none, and the workbook read 100 %)
    _, assessment = final
    row = assessment.loc[1]
    assert (row.status, row.verdict) == ("achieved", "final")
    assert math.isnan(row.completion_rate)


def test_the_series_no_source_gave_a_2015_value_stay_unassessed_and_say_why(final):
    tables, assessment = final
    for indicator in (4, 6, 7, 8, 9):
        assert assessment.loc[indicator, "status"] == "insufficient_data"
    awaited = tables.quality[(tables.quality.issue == "base_from_statistics")
                             & tables.quality.detail_en.str.contains("has not been collected")]
    assert sorted(awaited.indicator_id) == [2, 4, 6, 7, 8, 9, 10]
    assert awaited.set_index("indicator_id").loc[6, "detail_zh"] == "2010年值应取自《中国科技统计年鉴》，尚未收集"


def test_a_rank_is_assessed_in_places_never_by_compound_growth(final):
    _, assessment = final
    rank = assessment.loc[1]
    assert rank.kind == "rank" and rank.method == "linear"
    # 21st (2010) to 18th (2015): 3 places up in 5 years, −0.6 places a year; no growth rate in %
    assert rank.observed_per_year == pytest.approx(-0.6)
    assert rank.observed_cagr != rank.observed_cagr and rank.required_cagr != rank.required_cagr  # NaN


def test_the_vintages_of_rd_intensity(final):
    tables, assessment = final
    values = tables.values[(tables.values.indicator_id == 3) & (tables.values.value_type == "actual")]
    used = {row.year: (row.value, row.processing) for row in values.itertuples()}
    # 2010: 1.76 first release (2011-09-28) revised to 1.84 (2015); 2014: 2.09 (2015) revised to 2.02 (2021-06-10);
    # 2015: the preliminary 2.10
    assert used == {2010: (1.84, "revised"), 2014: (2.02, "revised"), 2015: (2.10, "preliminary")}
    assert assessment.loc[3, "base_value"] == pytest.approx(1.84)  # the revised base, not the plan's 1.75
    revised = tables.quality[tables.quality.issue == "observation_revised"].sort_values("year")
    assert revised[["year", "printed_text", "value"]].values.tolist() == [[2010, "1.76", 1.84], [2014, "2.09", 2.02]]


def test_the_report_writes_places_as_places_and_names_every_caveat(report):
    text = "".join(pdf_text(report / "report.pdf").split())
    assert "全国科技发展主要指标总结评估报告（2015年）" in text
    for words in ("第21位", "第18位", "前18位", "每年前进0.6位",          # the rank's card
                  "实际位次变化（2010年起）",  # a rank's pace, already "a year": not under "年均增长"
                  "研发投入强度：2015年为2.10%，目标2.2%，未达标（完成率95.5%，差0.1个百分点）",
                  # the revisions, each saying which value came from where: the plan's 1.75, the first release's
                  # 1.76 and the book's 1.84 for 2010 are not two "before" values of one change; the book's and the
                  # newspaper's values are said to be quoted, with their sources, never called published (公布, 发布)
                  # each with its unit
                  # the plan's own text not seen: its 1.75 is the press quote's (引述值), never printed (印作)
                  "研发投入强度2010年，规划引述值1.75%，初次发布为1.76%，修订为1.84%（二手来源：《中国经济的转型升级",
                  "研发投入强度2014年，早先为2.09%（二手来源），后来为2.02%（二手来源：光明日报2021-06-10",
                  "基础值按二手来源数值修订：据《中国经济的转型升级",  # the card's finding
                  "该数值转引自二手来源（非发布机构原始发布），凡用到2010年数值之处均以该数值代替规划引述值",
                  # the data note: of the 10 values, only the 2013 rank (the index report's own) is no quote
                  "规划之后取得的实际值：10个",
                  "其中9个转引自二手来源（报刊、文章、书籍、论坛），非发布机构原始发布。",
                  "初步数1个（研发投入强度2015年）",
                  # what the plan says of its target, in Chinese (values.csv's note_zh); a five-year plan is 规划
                  "规划（2015年目标值）：力争达到55%",
                  # the card's finding, its label said once: the press quote's silence, not the plan's
                  "所据新闻稿引文未列基础值：2010年值应取自科技进步贡献率测算（科学技术部），尚未收集"):
        assert words in text, words
    assert "未列基础值；" not in text and "规划未列基础值" not in text and "规划印作1.75%" not in text
    assert "公布值为1.84%" not in text and "后来发布为1.84%" not in text and "后来发布为2.02%" not in text
    assert "strive" not in text and "方案" not in text  # no English note, no implementation plan's word


def test_a_series_without_a_base_value_is_not_called_met_by_the_baseline_in_the_chart(report):
    configure_matplotlib("zh")
    chart = charts.completion_chart(load_report(relative(report / "data"), 2015, "zh"))
    notes = [text.get_text() for text in chart.axes[0].texts]
    assert notes.count("无基础值") == 2 and "基础值已达标" not in notes  # 科技进步贡献率 and 公民科学素质比例


def test_the_previous_years_status_says_the_older_value_it_rests_on(report):
    """The 2014 review had no 2014 rank of the national innovation capability (indicator 1): its "on track" rested on
    2013's value, and the change table says so, so a reader does not take it for a 2014 figure."""
    from analysis.report.warning_tables import change_rows

    for language, dated in (("zh", "2014年结论据2013年数据"), ("en", "2014 status from 2013 data")):
        _, rows = change_rows(load_report(relative(report / "data"), 2015, language))
        assert {row.indicator_id: row.note_text for row in rows}["1"].endswith(dated)


def test_a_revised_value_is_quoted_with_its_unit_in_either_language(report):
    """R&D intensity is a share: "printed 1.75 in the plan, published as 1.84" left the reader to guess 1.75 of what;
    each value of a revision carries its unit as every other number in a sentence does. 1.84 is a book's (a
    secondary source), 2.09 the same book's and 2.02 a newspaper's: none is called published or a release, each
    given as quoted, the one used with its source; the bureau's 1.76, its first release, is named as such between
    the plan's value and the one used."""
    from analysis.report.words import _observation_revisions, _revisions

    english = load_report(relative(report / "data"), 2015, "en")
    book = ("China's Economic Transformation and Upgrading (《中国经济的转型升级：从“十二五”看“十三五”》), a book, "
            "section 2.5: https://m.novel.qq.com/read/1026832009/20")
    assert _revisions(english) == (
        "One value quoted from the plan has since been revised by later data; the assessment uses the revised value: "
        "R&D intensity 2010, 1.75% in the plan as quoted, first released as 1.76%, revised to 1.84% (secondary "
        f"source: {book}).")
    revisions = _observation_revisions(english)
    # 2010's 1.76 → 1.84 is said once, in the plan's revision above (its first release between the plan's value and
    # the one used), not again as a later publication's revision
    assert revisions.startswith("A later publication revised 1 earlier value; the report uses the latest: ")
    assert "R&D intensity 2010" not in revisions
    assert ("R&D intensity 2014, earlier 2.09% (secondary source), later 2.02% (secondary source: Guangming Daily "
            "(光明日报), 2021-06-10: https://news.gmw.cn/2021-06/10/content_34912395.htm)") in revisions
    assert "published" not in revisions and "release" not in revisions


def test_a_count_of_none_is_said_in_words_in_the_change_sentence(report):
    """2014 → 2015: 1 series worse (3, a verdict where its pace was rated), none better, 2 unchanged (5, achieved
    both times; 1, on track then and achieved now: one word for both), 7 not comparable: "none improved", never
    "0 improved"; one worse in the singular, "1 series has worsened"; in Chinese 无好转, never "0个好转"."""
    from analysis.report.warning_tables import change_rows, changes_intro

    for language, expected in (
            ("en", "1 series has worsened, none improved and 2 are unchanged; 7 cannot be compared"),
            ("zh", "1个序列的评估结论变差，无好转，2个结论不变，7个无法比较")):
        context = load_report(relative(report / "data"), 2015, language)
        assert expected in changes_intro(context, *change_rows(context))


def test_the_sentence_on_the_basis_is_one_short_one(report):
    """2014 → 2015: after the counts and the sentence saying the table compares ratings, not values, one sentence on
    the basis most rows share (a rating of the pace in 2014, a verdict on the 2015 target now), its exceptions in
    their rows, never a paragraph of counts of bases (the 5 series without data in either year are said apart, as
    they are not listed)."""
    from analysis.report.warning_tables import change_rows, changes_intro

    for language, expected, stop in (
            ("zh", "除另有注明的以外，各序列均由进展判断转为对照2015年目标的最终判定。", "。"),
            ("en", " Unless its row says otherwise, each series was given a progress verdict then, now judged on the "
                   "2015 target.", ". ")):
        context = load_report(relative(report / "data"), 2015, language)
        intro = changes_intro(context, *change_rows(context))
        assert intro.split(stop)[2].strip() + stop.strip() == expected.strip(), intro
        assert "对照基准与" not in intro and "on a different basis from" not in intro


@pytest.mark.parametrize(("language", "badges", "intro"), [
    ("zh", {"missed": "未完成", "data_missing": "数据缺失"},
     "目标年份已到，以下按牵头责任部门列出各序列：2015年数值未达到目标的，为“未完成”；"
     "没有可作判断的数据的，为“数据缺失”，待补充数据后作最终判定。共6个：未完成1个、数据缺失5个。"
     "待补充的数据：指标4、6、7、8、9无可作判断的数据。"),
    ("en", {"missed": "Target missed", "data_missing": "Data missing"},
     "The target year has come. Series that missed their target or lack its data, by lead department: “Target "
     "missed” where the 2015 value falls short of the target; “Data missing” where there are no data to judge by, "
     "to be judged finally once the data are supplied. 6 series: 1 with the target missed, 5 with data missing. "
     "Data still to be supplied: indicators 4, 6, 7, 8 and 9 with no data to judge by.")])
def test_the_final_list_names_the_series_without_data_as_data_missing(report, language, badges, intro):
    """2015 is the plan's target year: R&D intensity (3) missed its target on its 2015 value (2.10 against 2.2); the
    paper-citation rank (4), patent applications per R&D staff (6), technology contracts (7), the high-tech share
    (8) and R&D staff per 10,000 employed (9) have their 2015 targets only, no baseline and no value (values.csv, the
    fixture's sources): data missing, all five, named among the data still to be supplied, never left out of a list
    counting one series. Nothing in the list is a pace short of its target without the 2015 value, so that kind of
    data missing is not defined; the plan names no lead department. The workbook's sheet lists the same six."""
    import io

    import openpyxl

    from analysis.catalog import catalog
    from analysis.report.scorecard_workbook import ScorecardBook, scorecard_bytes
    from analysis.report.warning_tables import warning_rows, warnings_intro

    context = load_report(relative(report / "data"), 2015, language)
    rows = warning_rows(context)
    assert [(row.indicator_id, row.level_text) for row in rows] == [
        ("3", badges["missed"]), *((number, badges["data_missing"]) for number in ("4", "6", "7", "8", "9"))]
    assert warnings_intro(context, rows) == intro
    assert "按进展判断" not in intro and "progress verdict" not in intro
    book = openpyxl.load_workbook(io.BytesIO(scorecard_bytes(ScorecardBook(context, "2016-08-16", "2016-08-16", {}))))
    sheet = book[catalog(language)["workbook.sheets_final.warnings"]]
    assert [(line[2].value, line[1].value) for line in sheet.iter_rows(min_row=2)] == [
        (3, badges["missed"]), *((number, badges["data_missing"]) for number in (4, 6, 7, 8, 9))]


def test_the_method_says_the_plans_figures_are_quoted_never_printed(report):
    """The plan's own text was not seen: its figures are the press quote's (plan.yml, figures_from: press_quote). The
    method note's items on the last baseline (1), on a published value replacing the plan's (6) and on the digits a
    value keeps (9) say so, as the rendered report shows them, in either language; Weihai's say "printed"
    (tests/report/test_one_style.py)."""
    from bs4 import BeautifulSoup

    from analysis.report.words import method_note

    soup = BeautifulSoup((report / "report.html").read_text(encoding="utf-8"), "html.parser")
    method = next(heading for heading in soup.find_all("h2") if heading.get_text().endswith("方法说明"))
    items = [" ".join(item.get_text().split()) for item in method.find_next("ol").find_all("li", recursive=False)]
    assert "（规划只设定最后一年目标的，自新闻稿引文所列最后一个基础值年份的下一年起）" in items[0]
    assert items[5].startswith("规划印发后公布的数据与规划引述值（新闻稿引文所列某年数值）不同的，"
                               "凡用到该年数值之处均以公布值代替规划引述值（该年为基年的，起点也用公布值），"
                               "两个数值均在附录列出。")
    assert ("规划引述值和公报的数值保留原有位数（如原为2.10的仍写2.10）；最新值的小数位少于其目标值的，"
            "补足到目标值的位数（目标写作3.0的，最新值3写作3.0）。") in items[8]
    assert not any(word in item for item in items for word in ("原印", "印作", "规划所列"))
    english = " ".join(method_note(load_report(relative(report / "data"), 2015, "en")).split())
    for said in ("(where the plan sets them for its last year only, from the year after the last baseline the press "
                 "quote gives)",
                 "6. Where data published after the plan give another value for a year than the one quoted from the "
                 "plan, the published value replaces the quoted one for that year wherever that year's value is used "
                 "(as the starting point only where that year is the base year); both values are listed in the "
                 "appendix.",
                 "A value quoted from the plan or a publication keeps the digits it is given with (2.10 stays 2.10). "
                 "A latest value beside its target takes the target's decimals where it has fewer (3 beside a target "
                 "given as 3.0 reads 3.0)."):
        assert said in english, said
    assert "print" not in english

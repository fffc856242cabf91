"""The data-quality log's finding on a value quoted by a secondary source, where a verdict rests on it."""
from __future__ import annotations

import shutil

import pytest

from analysis.plan import load_plan
from analysis.publish.data import build_tables
from tests.conftest import FIXTURES, NATIONAL_DIR, NATIONAL_PUBLISHED, copy_plan


@pytest.fixture(scope="module")
def national():
    return build_tables(load_plan(NATIONAL_DIR), "eurostat", NATIONAL_PUBLISHED)


def quoted(quality):
    found = quality[quality["issue"] == "secondary_source"]
    return sorted(zip(found["indicator_id"].astype(int), found["year"].astype(int)))


def test_every_value_a_verdict_of_some_year_rests_on_that_a_secondary_source_quotes_is_a_finding(national):
    # 2015: rank 18 and literacy 6.2 (Xinhua, reprinted), 55.3 (an article), 6.3 (a forum post); R&D intensity's
    # 2.07 is the bulletin's own. 2011–2014: the progress verdicts of 3 and 5 rest on the book's 2010 values and on
    # their 2014 values (the book's 4.8, Guangming Daily's 2.02)
    assert quoted(national.quality) == [(1, 2015), (2, 2015), (3, 2010), (3, 2014), (5, 2010), (5, 2014), (5, 2015),
                                        (10, 2015)]


def test_a_report_lists_only_those_its_own_verdicts_rest_on(national):
    # the final verdicts rest on the 2015 values alone; the 2014 report's on the base and the latest values
    assert quoted(national.up_to(2015).quality) == [(1, 2015), (2, 2015), (5, 2015), (10, 2015)]
    assert quoted(national.up_to(2014).quality) == [(3, 2010), (3, 2014), (5, 2010), (5, 2014)]


def test_the_finding_names_the_publication_that_quotes_the_value_in_both_languages(national):
    finding = national.quality[(national.quality["issue"] == "secondary_source")
                               & (national.quality["indicator_id"] == 5) & (national.quality["year"] == 2015)].iloc[0]
    assert finding.detail_en == (
        "6.3 patents per 10,000 people for 2015 is quoted by a secondary source, not taken from the publisher's own "
        "release: Undated post on the Wenxuecity forum (文学城): "
        "https://zh.wenxuecity.com/bbs/mychina/860855-print.html; this report's verdict rests on it, so cite the "
        "official release")
    # the value with its unit in either language (件/万人, patents per 10,000 people): the finding does not name its
    # series, so a bare 6.3 would say nothing of what it counts; a space between 年 and the number
    assert finding.detail_zh == (
        "2015年的6.3件/万人转引自二手来源（非发布机构原始发布）：每万人口发明专利拥有量达到6.3件，圆满完成了“十二五”"
        "规划纲要提出的目标（https://zh.wenxuecity.com/bbs/mychina/860855-print.html）；"
        "本报告的判定以此为据，请改引官方发布")
    # the source's own brackets (its address) are never inside the finding's: no “（…（https://…））”
    assert "））" not in finding.detail_zh
    assert finding.source.endswith("invention-patents-2015.csv") and finding.source_line == 2


def test_the_finding_quotes_a_rank_as_a_place_and_a_share_with_its_percent_sign(national):
    found = national.quality[national.quality["issue"] == "secondary_source"].set_index(["indicator_id", "year"])
    # 1: the innovation capability's 18th place; 2: the contribution of S&T progress, 55.3%; 3: R&D intensity's
    # 1.84% of 2010 (the book's)
    zh, en = found["detail_zh"], found["detail_en"]
    said = "is quoted by a secondary source, not taken from the publisher's own release: "
    assert zh[(1, 2015)].startswith("2015年的第18位转引自二手来源（非发布机构原始发布）：新华社 2016-08-16")
    assert en[(1, 2015)].startswith(f"No. 18 for 2015 {said}Xinhua")
    assert zh[(2, 2015)].startswith("2015年的55.3%转引自二手来源（非发布机构原始发布）：")
    assert en[(2, 2015)].startswith(f"55.3% for 2015 {said}")
    assert zh[(3, 2010)].startswith("2010年的1.84%转引自二手来源（非发布机构原始发布）：《中国经济的转型升级")


def test_no_finding_where_every_value_is_the_publishers_own(tmp_path):
    weihai = load_plan(copy_plan(NATIONAL_DIR.parent / "weihai", tmp_path / "weihai"))
    # the example quotes Weihai Daily (a newspaper) for 26's 2022 value: its one finding of the kind
    tables = build_tables(weihai, "eurostat", FIXTURES / "example-2022-2024")
    assert quoted(tables.quality) == [(26, 2022)]
    # the same files with that value recorded as the publisher's own: none
    observations = tmp_path / "observations"
    shutil.copytree(FIXTURES / "example-2022-2024", observations)
    bulletin = observations / "2023-bulletin.csv"
    text = bulletin.read_text(encoding="utf-8")
    assert text.count(",secondary\n") == 1
    bulletin.write_text(text.replace(",secondary\n", ",official\n"), encoding="utf-8")
    tables = build_tables(weihai, "eurostat", observations)
    assert quoted(tables.quality) == []
    assert set(tables.values.loc[tables.values.value_type == "actual", "source_kind"]) == {"official"}


def test_a_report_read_from_the_whole_tables_names_only_its_own_years_quoted_values(national):
    from analysis.report.context import report_context

    assert quoted(report_context(national, 2015, "en").quality) == [(1, 2015), (2, 2015), (5, 2015), (10, 2015)]


def test_a_revision_whose_sources_have_brackets_of_their_own_gives_them_apart(national):
    # R&D intensity 2014: the book's 2.09, then Guangming Daily's 2.02; each source ends with its address in brackets,
    # so the finding puts none around them: never “2.09%（…（https://…），2015年发布）”; both are quotes (a book, a
    # newspaper), each said to be a secondary source, and the finding records both kinds
    found = national.quality[(national.quality["issue"] == "observation_revised")
                             & (national.quality["indicator_id"] == 3) & (national.quality["year"] == 2014)].iloc[0]
    assert (found.revised_source_kind, found.source_kind) == ("secondary", "secondary")
    assert found.detail_zh == (
        "2014年：2.09% → 2.02%，以后者为准。前者：《中国经济的转型升级：从“十二五”看“十三五”》2.5节：占GDP的比重从"
        "2010年的1.84%提高到2014年的2.09%（https://m.novel.qq.com/read/1026832009/20），二手来源，2015年发布；"
        "后者：光明日报 2021-06-10（https://news.gmw.cn/2021-06/10/content_34912395.htm），二手来源，2021年6月10日发布")
    assert found.detail_en == (
        "2014: 2.09% → 2.02%; the later figure is used. Earlier: China's Economic Transformation and Upgrading "
        "(《中国经济的转型升级：从“十二五”看“十三五”》), a book, section 2.5: "
        "https://m.novel.qq.com/read/1026832009/20, a secondary source, published 2015; later: Guangming Daily "
        "(光明日报), 2021-06-10: https://news.gmw.cn/2021-06/10/content_34912395.htm, a secondary source, published "
        "10 June 2021")
    # the bureau's own first release (1.76 for 2010) is no quote: said as before, only the book's 1.84 marked
    first = national.quality[(national.quality["issue"] == "observation_revised")
                             & (national.quality["indicator_id"] == 3) & (national.quality["year"] == 2010)].iloc[0]
    assert (first.revised_source_kind, first.source_kind) == ("official", "secondary")
    assert "http://jiyikeji.com/sci/kjxw6432.html, published 28 September 2011" in first.detail_en
    assert first.detail_en.count("a secondary source") == 1

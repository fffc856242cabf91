"""Where a line of the plan text stands in the printed plan: the plan's own headings, or its indicator table."""
from __future__ import annotations

from analysis.catalog import catalog
from analysis.ingest.plan_outline import TABLE, place_of, plan_outline
from analysis.ingest.printed_table import read_source_lines
from analysis.settings import DEFAULT_PLAN_DIR

TEXT = """前言，在任何标题之前。
一、发展基础
（一）发展基础
1.充满活力的创新之城。
2.特色鲜明的海洋之城。增长1.5倍。
二、主要目标
（三）主要目标
到2024年，……
创新型城市建设目标
\t一级指标
\t3
注：带*为核心指标
4.产业集聚发展更加紧密。
三、重点任务
""".splitlines()


def test_each_line_takes_the_headings_above_it():
    outline = plan_outline(TEXT)
    assert place_of(outline, 1) == []                      # before the first heading: the opening
    assert place_of(outline, 2) == [1, 0, 0]
    assert place_of(outline, 3) == [1, 1, 0]
    assert place_of(outline, 5) == [1, 1, 2]               # "增长1.5倍" inside the paragraph opens nothing
    assert place_of(outline, 8) == [2, 3, 0]               # the group's own text, before any numbered paragraph
    assert [place_of(outline, line) for line in (9, 10, 11, 12)] == [TABLE] * 4  # title to footnote
    assert place_of(outline, 13) == [2, 3, 4]              # after the table, the section goes on
    assert place_of(outline, 14) == [3, 0, 0]


def test_a_plan_without_text_has_no_outline():
    assert place_of(plan_outline([]), 7) is None


def test_each_language_cites_the_place_as_its_reader_finds_it():
    zh, en = catalog("zh"), catalog("en")
    assert [zh.plan_place(place, 7) for place in ([2, 3, 4], [3, 7, 0], [2, 0, 0], TABLE, [], None)] == [
        "第二部分第三项第4条", "第三部分第七项", "第二部分", "指标表", "开篇", "原文第7行"]
    # no brackets of its own: a place is often cited inside brackets (责任部门（方案第二部分第三项第1条列明）)
    assert [en.plan_place(place, 7) for place in ([2, 3, 4], [3, 7, 0], [2, 0, 0], TABLE, [], None)] == [
        "part 2, section 3, point 4", "part 3, section 7", "part 2", "indicator table", "opening", "line 7"]


def test_weihai_lines_are_placed_where_the_printed_plan_has_them():
    lines = read_source_lines(DEFAULT_PLAN_DIR / "weihai-innovative-city-plan-2022.txt")
    outline = plan_outline(lines)
    assert lines[61].startswith("4.产业集聚发展更加紧密") and place_of(outline, 62) == [2, 3, 4]
    assert lines[26].startswith("2.创新创业生态进一步优化") and place_of(outline, 27) == [1, 2, 2]
    assert place_of(outline, 183) == TABLE                 # a cell of the indicator table (indicator 12)
    assert lines[293].startswith("注：") and place_of(outline, 294) == TABLE  # the footnote closes the table
    assert lines[294].strip().startswith("三、") and place_of(outline, 295) == [3, 0, 0]

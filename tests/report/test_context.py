"""A report notebook's parameters checked before anything is shown: a mistake named by its parameter and told in the
report's language (the notebook's ``language``), as a researcher running the notebook in JupyterLab reads it."""
from __future__ import annotations

import dataclasses

import pytest

from analysis.clean.processed import read_processed
from analysis.errors import InputError
from analysis.report.context import load_report, report_context
from analysis.settings import PROJECT_ROOT
from tests.conftest import relative


@pytest.fixture(scope="module")
def tables(example_tables):
    return read_processed(example_tables)


@pytest.mark.parametrize(("year", "language", "expected"), [
    (2030, "zh", "report_year: 2030年不在方案的报告年份内：报告年份为2021—2024年"),
    (2030, "en", "report_year: 2030 is outside the plan: report years run 2021–2024"),
    ("2024年", "zh", "report_year: '2024年'：请只写数字2024，不加“年”"),
    ("2024年", "en", "report_year: '2024年' is not a year: write the digits 2024 alone"),
])
def test_a_report_year_the_plan_has_not_is_told_in_the_reports_language(tables, year, language, expected):
    with pytest.raises(InputError) as caught:
        report_context(tables, year, language)
    assert str(caught.value) == expected


def test_an_unknown_language_is_told_in_english(tables):
    # no language to tell it in: English, whatever else is wrong (the year is told once the language is known)
    with pytest.raises(InputError) as caught:
        report_context(tables, 2030, "fr")
    assert str(caught.value) == "language: unknown language 'fr'; use zh or en"


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "data_dir: '/etc' 位于项目文件夹（{root}）之外：请给出项目内的文件夹"),
    ("en", "data_dir: '/etc' lies outside the project ({root}); name a folder inside it"),
])
def test_a_data_folder_outside_the_project_is_told_in_the_reports_language(language, expected):
    with pytest.raises(InputError) as caught:
        load_report("/etc", 2024, language)
    assert str(caught.value) == expected.format(root=PROJECT_ROOT)


@pytest.mark.parametrize(("folder", "language", "expected"), [
    # notebook 02, 03 or 04's data_dir mistyped: not "no plan.json: run `make data` first", and not in English in a
    # Chinese report's notebook
    ("data/processed/weihia", "zh",
     "data/processed/weihia: 没有这个文件夹：请给出 `make data` 写出处理后表格的文件夹（data/processed/<方案>）"),
    ("data/processed/weihia", "en",
     "data/processed/weihia: no such folder; name the folder `make data` wrote the processed tables into "
     "(data/processed/<plan>)"),
    # data_dir = "data/raw/weihai" (the plan_dir of notebook 01): not "no plan.json: run `make data` first"
    ("data/raw/weihai", "en",
     "data/raw/weihai: a plan folder, not its processed tables: name the folder `make data` wrote them into "
     "(data/processed/weihai)"),
    ("data/raw/weihai", "zh",
     "data/raw/weihai: 这是方案文件夹，不是处理后的表格：请给出 `make data` 写出表格的文件夹（data/processed/weihai）"),
])
def test_a_data_folder_not_of_processed_tables_is_said_so_in_the_reports_language(folder, language, expected):
    with pytest.raises(InputError) as caught:
        load_report(folder, 2024, language)
    assert str(caught.value) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "title: 方案未给出 title 的 'zh' 文本：请在 plan.yml 中补上"),
    ("en", "title: the plan gives no 'en' title; add it to plan.yml"),
])
def test_a_plan_text_missing_in_the_reports_language_is_told_in_it(tables, language, expected):
    context = report_context(tables, 2024, language)
    other = "en" if language == "zh" else "zh"
    without = dataclasses.replace(context, plan={**context.plan, "title": {other: "x"}})
    with pytest.raises(InputError) as caught:
        without.plan_text("title")
    assert str(caught.value) == expected


@pytest.mark.parametrize(("language", "indicator", "series", "expected"), [
    ("zh", 99, "", "indicator_id: 方案中没有指标99：方案中的指标（及其序列）为1、2、3、4 national、4 provincial、"
                   "5 national、"),
    ("en", 99, "", "indicator_id: no indicator 99; the plan has 1, 2, 3, 4 national, 4 provincial, 5 national, "),
    ("en", "R&D", "", "indicator_id: no indicator 'R&D'; the plan has 1, 2, 3, "),
    ("en", 2.5, "", "indicator_id: no indicator 2.5; the plan has 1, 2, 3, "),
    ("zh", 2, "national", "series: 指标2不分序列（series 填写了 'national'）：series 请留空"),
    ("en", 2, "national", "series: indicator 2 has one series only: leave series empty ('national' given)"),
    ("zh", 4, "", "series: 指标4分为多个序列：请将 series 设为 national 或 provincial"),
    ("en", 4, "", "series: indicator 4 has several series: set series to national or provincial"),
    ("en", 4, "city", "series: indicator 4 has no series 'city'; set series to national or provincial"),
    ("zh", 4, "市级", "series: 指标4没有序列 '市级'：请将 series 设为 national 或 provincial"),
    ("en", 2, "国家", "series: indicator 2 has one series only: leave series empty ('国家' given)"),
])
def test_a_series_the_plan_has_not_is_told_in_the_reports_language(example_tables, language, indicator, series,
                                                                   expected):
    # notebook 04's parameters (indicator_id, series): an unknown indicator with every series the plan has listed
    # after the mistake; a series left out, given where there is none, or unknown, with what to set instead
    context = load_report(relative(example_tables), 2024, language)
    with pytest.raises(InputError) as caught:
        context.series_row(indicator, series)
    assert str(caught.value).startswith(expected) and "\n" not in str(caught.value)


@pytest.mark.parametrize(("series", "expected"), [
    ("National", "national"), ("国家级", "national"), ("国家", "national"), ("国", "national"), ("省", "provincial"),
    ("national level", "national"), ("nat", "national"), ("Province", "provincial"), ("prov", "provincial"),
    (" provincial ", "provincial"), ("省级", "provincial"),
])
def test_a_series_is_taken_as_a_department_workbook_writes_it(example_tables, series, expected):
    # papermill -p series National, or series = "国家" typed in JupyterLab: the series a department workbook's cell
    # would name by it (the example data's indicator 4 has a national and a provincial series)
    context = load_report(relative(example_tables), 2024, "zh")
    row = context.series_row(4, series)
    assert (row.indicator_id, row.series) == (4, expected)


@pytest.mark.parametrize("indicator", [2, "2", " 2 ", 2.0])
def test_an_indicator_number_given_as_text_or_a_whole_float_is_the_indicator(example_tables, indicator):
    # papermill -r indicator_id 2, or indicator_id = "2" typed in JupyterLab: R&D intensity, as 2 is
    context = load_report(relative(example_tables), 2024, "en")
    row = context.series_row(indicator)
    assert (row.indicator_id, row.series, row.short_name_en) == (2, "", "R&D intensity")


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "previous_assessment: 'reports/weihai/2023/zh/data/assesment.csv' is not a file; name the assessment.csv "
           "the previous year's report published (in its data folder), or leave it empty"),
    ("zh", "previous_assessment: 'reports/weihai/2023/zh/data/assesment.csv' 不是文件：请给出上一年度报告发布的 "
           "assessment.csv（在其 data 文件夹中），或留空"),
])
def test_a_previous_assessment_that_is_not_there_is_said_not_to_be(example_tables, language, expected):
    # notebook 03's previous_assessment mistyped: not "not a table this project wrote (…: file not found); rebuild it
    # with `make data`"
    with pytest.raises(InputError) as caught:
        load_report(relative(example_tables), 2024, language, "reports/weihai/2023/zh/data/assesment.csv")
    assert str(caught.value) == expected



"""The report object a notebook shows and writes its editions from: what it is asked for checked, a mistake told in
the report's language (the notebook's ``language``)."""
from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.report.context import load_report
from analysis.report.editions import Report
from tests.conftest import relative


@pytest.fixture(scope="module")
def reports(example_tables):
    # the report object as open_report makes it, without setting up matplotlib: nothing is drawn here
    return {language: Report(load_report(relative(example_tables), 2024, language)) for language in ("zh", "en")}


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "section: 报告没有 'chart' 这一部分：报告的各部分为 title、summary、scorecard、warnings、charts、cards、"
           "method、appendix"),
    ("en", "section: no section 'chart'; the report has title, summary, scorecard, warnings, charts, cards, method, "
           "appendix"),
])
def test_a_section_the_report_has_not_is_told_in_its_language(reports, language, expected):
    with pytest.raises(InputError) as caught:
        reports[language].html("chart")
    assert str(caught.value) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "output_dir: reports/no-such-folder：没有这个文件夹；报告文件须写入已有的文件夹"),
    ("en", "output_dir: reports/no-such-folder: no such folder; the editions are written into an existing folder"),
])
def test_an_edition_into_a_folder_not_there_is_told_in_the_reports_language(reports, language, expected):
    for write in (reports[language].write_word, reports[language].write_workbook):
        with pytest.raises(InputError) as caught:
            write("reports/no-such-folder")
        assert str(caught.value) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "output_dir: '' 不是路径"),
    ("en", "output_dir: '' is not a path"),
])
def test_an_edition_folder_that_is_no_path_is_told_in_the_reports_language(reports, language, expected):
    with pytest.raises(InputError) as caught:
        reports[language].write_word("")
    assert str(caught.value) == expected


@pytest.mark.parametrize(("language", "generated", "inputs_date", "expected"), [
    ("en", "yesterday", "", "generated: 'yesterday' is not a day: write it as year-month-day (2024-12-01), or leave "
                            "it empty"),
    ("zh", "2024-12-02", "2024-13-01", "inputs_date: '2024-13-01' 不是日期：请写作 年-月-日（2024-12-01），或留空"),
    ("en", "", "2024-02-30", "inputs_date: '2024-02-30' is not a day: write it as year-month-day (2024-12-01), or "
                             "leave it empty"),
])
def test_a_date_that_is_not_a_day_is_told_not_printed_in_the_title(example_tables, language, generated, inputs_date,
                                                                   expected):
    # notebook 03's generated and inputs_date: the title printed "Generated on yesterday; inputs last changed on
    # 2024-13-01"
    from analysis.report.editions import open_report

    with pytest.raises(InputError) as caught:
        open_report(relative(example_tables), 2024, language, generated, inputs_date)
    assert str(caught.value) == expected


def test_a_day_given_is_the_titles_day(example_tables):
    from analysis.report.editions import open_report

    report = open_report(relative(example_tables), 2024, "en", " 2024-12-02 ", "2024-11-30")
    assert (report.generated, report.inputs_date) == ("2024-12-02", "2024-11-30")
    assert ('Generated on <span class="nobr">2 December 2024</span>; inputs last changed on <span class="nobr">'
            '30 November 2024</span>') in report.html("title")

"""scorecard.xlsx read back with openpyxl: its sheets, headers, numbers, status colours, and text never a formula.

The workbook is made from the example 2022–2024 data (one source rewritten as ``=HYPERLINK("x")``) for
the 2024 final report and the 2023 mid-term. Expected numbers are worked out by hand from the plan and the
example data; every number is stored rounded as the report shows it.
"""
from __future__ import annotations

import datetime
import io
import re
import shutil
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from analysis.catalog import catalog
from analysis.plan import load_plan
from analysis.publish.data import build_tables, write_tables
from analysis.report.context import load_report
from analysis.report.scorecard_workbook import ScorecardBook, display_width, scorecard_bytes, write_scorecard
from analysis.report.words import file_place, provenance
from tests.conftest import FIXTURES, NATIONAL_DIR

EXAMPLE = FIXTURES / "example-2022-2024"
GENERATED = "2025-01-15"
FORMULA_TEXT = '=HYPERLINK("x")'
#: data/raw/weihai/indicator_metadata.csv: 26 indicators, 4 and 5 with a national and a provincial series.
SERIES = 28


@pytest.fixture(scope="module")
def data_folder(weihai_in_project, project_tmp):
    observations = project_tmp / "workbook-observations"
    shutil.copytree(EXAMPLE, observations)
    bulletin = observations / "2025-bulletin.csv"
    text = bulletin.read_text(encoding="utf-8")
    # indicator 1, 2024: its source becomes text a spreadsheet would take for a formula
    text = text.replace("1,,2024,24800,Example bulletin 2025 (fictional),示例统计公报 2025（虚构）,",
                        '1,,2024,24800,"=HYPERLINK(""x"")","=HYPERLINK(""x"")",', 1)
    bulletin.write_text(text, encoding="utf-8")
    folder = project_tmp / "workbook-data"
    write_tables(build_tables(weihai_in_project, "eurostat", observations).files(), folder)
    return folder


def _book(data_folder, language: str) -> ScorecardBook:
    return ScorecardBook(load_report(data_folder, 2024, language), GENERATED, "2025-01-10",
                         {"data/raw/weihai/plan.yml": "0" * 64})


@pytest.fixture(scope="module", params=["zh", "en"])
def workbook_bytes(request, data_folder):
    return request.param, scorecard_bytes(_book(data_folder, request.param))


@pytest.fixture(scope="module")
def workbook(workbook_bytes):
    language, data = workbook_bytes
    return language, openpyxl.load_workbook(io.BytesIO(data))


# the 2024 final: its list is of the targets missed, no warnings (the mid-term's sheet is 预警清单, "Warnings")
SHEET_NAMES = {"zh": ["概况", "说明", "指标评估表", "未完成目标或数据缺失", "与2023年中期评估相比", "数据质量",
                      "实际值"],
               "en": ["Summary", "About", "Scorecard", "Targets missed or data missing", "Since 2023 mid-term",
                      "Data quality", "Actual values"]}
# the number, short name and series first: what each printed page repeats at its left
FIRST_HEADERS = {"zh": ["序号", "简称", "序列", "类别", "指标名称（方案原文）", "核心指标", "单位", "目标属性",
                        "2020年基础值", "2021年基础值", "最新值", "最新值年份", "2023年目标", "2024年目标",
                        "对照目标年份"],
                 "en": ["No.", "Short name", "Series", "Category", "Indicator (full name)", "Core", "Unit",
                        "Target form", "2020 baseline", "2021 baseline", "Latest value", "Latest year", "2023 target",
                        "2024 target", "Applicable target year"]}


def _scorecard(book):
    return book.worksheets[2]


def _row_of(sheet, indicator_id: int, series: str = ""):
    """A row by its indicator and series; a plan of one series an indicator has no series column."""
    headers = [cell.value for cell in sheet[1]]
    column = next((i for i, name in enumerate(headers) if name in ("序列", "Series")), None)
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == indicator_id and ((row[column].value or "") if column is not None else "") == series:
            return {sheet.cell(1, cell.column).value: cell for cell in row}
    raise AssertionError(f"no row for {indicator_id} {series!r}")


def test_sheets_and_headers_come_from_the_catalog(workbook):
    language, book = workbook
    assert book.sheetnames == SHEET_NAMES[language]
    headers = [cell.value for cell in next(_scorecard(book).iter_rows(max_row=1))]
    assert headers[:len(FIRST_HEADERS[language])] == FIRST_HEADERS[language]
    assert headers[-3:] == {"zh": ["状态", "结论说明", "牵头责任部门"],
                            "en": ["Status", "Status note", "Lead department"]}[language]


def _summary(book, language: str) -> tuple[dict, dict]:
    """The summary sheet's facts (label → value, above its table) and counts (label → cell), by their labels."""
    sheet = book[catalog(language)["workbook.sheets.summary"]]
    rows = [row for row in sheet.iter_rows(min_row=2) if row[0].value is not None]
    header = next(i for i, row in enumerate(rows) if row[0].value == catalog(language)["workbook.summary.label"])
    return ({row[0].value: row[1].value for row in rows[:header]},
            {row[0].value: row[1] for row in rows[header + 1:]})


def _counted(words, key: str, word: str = "", **fields) -> str:
    return words.text(f"workbook.summary.{key}", **fields, **({"status": words.status(word)} if word else {}))


def test_the_summary_sheet_holds_the_overviews_counts_as_numbers(workbook):
    """The 2024 final's overview counted by hand from the plan and the example data: 26 indicators, 3 qualitative
    (22–24), 23 quantitative in 25 series (4 and 5 national and provincial). Every series but 4 provincial (no value
    since 2022) and 21 (none for 2024) has its 2024 value: 9 miss their 2024 target (2: 2.7 of 2.8; 5 provincial, 8,
    10, 14, 16, 18 (4.6 in 2023, a level held every year), 20, 25), the other 14 meet it. By indicator, the worse
    series: 5 not achieved by its provincial one, 4 moving away by its provincial one (2.9 in 2022 below the 3.1
    baseline), 21 projected to miss (9.3 in 2023 short of 10 at its pace): 9 not achieved, 1, 1, and 23 − 11 = 12
    achieved. Listed (a final evaluation warns no more): the nine missed "Target missed", 4 provincial and 21, without
    their 2024 value, "Data missing". Against 2023: 8, 14, 16, 21 worse (interim target
    met, 2024's missed), 3, 5, 12, 15, 19 better (interim target missed, 2024's met), the other 16 of the 25 the
    same."""
    language, book = workbook
    words = catalog(language)
    # the final compares with the 2023 mid-term evaluation, one of the plan's evaluations
    mid_term = {"zh": "与按2023年数据所作中期评估判断相比", "en": "since the 2023 mid-term"}[language]
    facts, counts = _summary(book, language)
    front = words["workbook.front"]
    assert facts[front["report_year"]] == 2024
    assert facts[front["kind"]] == words["report_kind.final"]
    assert facts[front["plan"]] == {"zh": "威海市建设国家创新型城市实施方案（2022—2024年）",
                                    "en": "Weihai's implementation plan for building a national innovative city "
                                          "(2022–2024)"}[language]
    assert facts[front["currency"]].startswith({"zh": "截至本次（2024年）评估，25个定量序列中，23个有2024年数据",
                                                "en": "In this 2024 review, of the 25 quantitative series, 23 have "
                                                      "data for 2024"}[language])
    outcome = {key: words[f"warnings.level_final.{key}"] for key in ("missed", "data_missing")}
    change = {key: words[f"warnings.change.{key}"] for key in ("worse", "better", "same")}
    expected = {_counted(words, "n_indicators"): 26, _counted(words, "numeric_indicators"): 23,
                _counted(words, "numeric_series"): 25, _counted(words, "qualitative"): 3,
                _counted(words, "status", "achieved"): 12, _counted(words, "status", "not_achieved"): 9,
                _counted(words, "status", "moving_away"): 1, _counted(words, "status", "overdue"): 1,
                _counted(words, "final", "achieved"): 14, _counted(words, "final", "not_achieved"): 9,
                _counted(words, "warning_final", level=outcome["missed"]): 9,
                _counted(words, "warning_final", level=outcome["data_missing"]): 2,
                _counted(words, "change", earlier=mid_term, change=change["worse"]): 4,
                _counted(words, "change", earlier=mid_term, change=change["better"]): 5,
                # unchanged as the report counts it, then the 6 missed both times among them, a number of their own
                # (2, 5 provincial, 10, 18, 20, 25: a 2023 interim target or level missed, 2024's missed too)
                {"zh": "与按2023年数据所作中期评估判断相比的序列：结论不变",
                 "en": "Series since the 2023 mid-term: Status unchanged"}[language]: 16,
                {"zh": "与按2023年数据所作中期评估判断相比的序列：结论不变，其中两次均未达到",
                 "en": "Series since the 2023 mid-term: Status unchanged, of them missed both times"}[language]: 6}
    assert {label: cell.value for label, cell in counts.items()} == expected
    assert list(counts) == list(expected)  # in the overview's order
    # numbers, whole, never text; every label wholly inside its column (a Chinese character two)
    assert all(cell.data_type == "n" and type(cell.value) is int for cell in counts.values())
    sheet = book.worksheets[0]
    assert sheet.column_dimensions["A"].width >= max(display_width(label) for label in [*facts, *counts])


def test_the_mid_terms_summary_sheet_counts_its_stage_targets(mid_term):
    """The 2023 mid-term, by hand: 2, 3, 5 (both series), 10, 12, 15, 19, 20 and 25 miss their 2023 interim targets (10
    series, 9 indicators); 18 misses the level it holds every year (4.6 of 5); 17 holds its level so far; 4
    provincial (no value since 2022) is moving away; the other 12 series meet their interim targets, 11 indicators
    (4 counted by its provincial series). Warned: 7 red, 7 amber (3 and 25 amber, on course for 2024)."""
    language, book = mid_term
    words = catalog(language)
    facts, counts = _summary(book, language)
    assert facts[words["workbook.front.report_year"]] == 2023
    assert facts[words["workbook.front.kind"]] == words["report_kind.mid_term"]
    values = {label: cell.value for label, cell in counts.items()}
    statuses = {status: values.pop(_counted(words, "status", status), None) for status in
                ("stage_achieved", "met_so_far", "not_achieved", "moving_away", "stage_missed")}
    assert statuses == {"stage_achieved": 11, "met_so_far": 1, "not_achieved": 1, "moving_away": 1,
                        "stage_missed": 9}
    assert [values[_counted(words, "final", status)] for status in ("stage_achieved", "met_so_far", "not_achieved",
                                                                    "stage_missed")] == [12, 1, 1, 10]
    assert [values[_counted(words, "warning", level=words[f"warnings.level.{level}"])]
            for level in ("red", "amber")] == [7, 7]


def test_the_change_since_the_previous_year_and_the_projections_are_in_the_book(workbook):
    """Section 3.2 and the cards' projections as the report gives them: 8, 14, 16 met their 2023 interim targets and
    miss 2024's, and 21 (9.3 in 2023, no 2024 value) falls short of 2024's 10: 4 worse, first; 21 projected at
    9.3 + 0.3 × 1 = 9.6 and 4 provincial at 2.9 − 0.1 × 2 = 2.7 by 2024; a final verdict is never projected."""
    language, book = workbook
    changes = book.worksheets[4]
    words = catalog(language)
    rows = [[cell.value for cell in row] for row in changes.iter_rows(min_row=2)]
    worse = [row for row in rows if row[4] == words["warnings.change.worse"]]
    assert [row[0] for row in worse] == [8, 14, 16, 21] and rows[:4] == worse
    # 14 was warned amber in 2023 (its interim target met, on a course short of 2024's): said beside the reason, after
    # its values (103 in 2023, 112 in 2024: up, yet worse against 2024's 120)
    assert worse[1][5] == {"zh": "103个 → 112个，改为对照2024年目标（120个）；2023年已列为黄色预警",
                           "en": "103 → 112 institutions, now against the 2024 target (120 institutions); "
                                 "warned in 2023 (amber)"}[language]
    assert len(rows) == 25  # every numeric series: 23 quantitative indicators, two of them with two series
    header = words["workbook.scorecard.projected"]
    card = _scorecard(book)
    assert _row_of(card, 21)[header].value == 9.6
    assert _row_of(card, 4, words["series.provincial"])[header].value == 2.7
    assert _row_of(card, 2)[header].value is None  # 2.7 in 2024: a final verdict


def test_the_status_says_what_it_rests_on_as_the_report_does(workbook):
    """The status note the report prints under a status, in the scorecard and the warnings: 4 provincial's latest
    value is 2022's (2.9, up from 2.7 in 2021 though moving away from 3.3 by its growth from 3.1 in 2020); 21's is
    2023's (9.3: from it, 2024's 10 looks out of reach); a final verdict on 2024's value (R&D intensity, 2) has its
    completion rate (2.7 / 2.8 = 96.4%)."""
    language, book = workbook
    note = {"zh": "结论说明", "en": "Status note"}[language]
    expected = {"zh": {(4, "省级"): "进展判断，非最终判定；仍低于2020年基础值3.1%；"
                                    "较2021年的2.7%有所回升；最新值为2022年，2023—2024年无数据",
                       (21, ""): ("进展判断，非最终判定；按2023年数值推算，2024年难以达到目标；"
                                  "最新值为2023年，2024年无数据"),
                       (2, ""): "完成率96.4%"},
                "en": {(4, "provincial"): "a progress verdict, not final; still below the 2020 baseline of "
                                          "3.1%, though up from 2.7% in 2021; latest value 2022; no value for "
                                          "2023–2024",
                       (21, ""): "a progress verdict, not final; from the 2023 value, the 2024 target looks out of "
                                 "reach; latest value 2023; no value for 2024",
                       (2, ""): "96.4% of the target"}}[language]
    for (indicator, series), text in expected.items():
        assert _row_of(_scorecard(book), indicator, series)[note].value == text
    warnings = book.worksheets[3]
    headers = [cell.value for cell in warnings[1]]
    rows = {(row[2].value, row[3].value or ""): row[headers.index(note)].value for row in warnings.iter_rows(min_row=2)}
    assert rows[(4, {"zh": "省级", "en": "provincial"}[language])] == expected[
        (4, {"zh": "省级", "en": "provincial"}[language])]


def test_one_row_per_indicator_series(workbook):
    _, book = workbook
    sheet = _scorecard(book)
    assert sheet.max_row == 1 + SERIES
    assert [c.value for c in sheet["A"][1:]].count(4) == 2


def test_numbers_are_numbers_worked_out_by_hand(workbook):
    language, book = workbook
    # R&D intensity (2): 2020 baseline 2.36, 2024 value 2.7 against the 2024 target 2.8:
    # completion (2.7 − 2.36) / (2.8 − 2.36) = 0.34 / 0.44 = 0.7727, stored whole as the report shows it, 77%;
    # completion rate
    # 2.7 / 2.8 = 0.9643, 96.4%; seen per year (2.7 − 2.36) / 4 = 0.085 points, 0.09 to two decimals (half up).
    row = _row_of(_scorecard(book), 2)
    names = FIRST_HEADERS[language]
    assert row[names[8]].value == 2.36 and row[names[8]].data_type == "n"
    assert row[names[10]].value == 2.7 and row[names[11]].value == 2024
    assert row[names[13]].value == 2.8
    # the operator column, as a self-evaluation form has it: R&D intensity is a level to reach (≥ 2.8), good air
    # days (17) a floor to hold every year, the energy saving (18) a yearly floor too
    assert row[names[7]].value == "≥"
    assert _row_of(_scorecard(book), 17)[names[7]].value == {"zh": "每年≥", "en": "≥ every year"}[language]
    completion = row[{"zh": "增量完成比例", "en": "Distance covered"}[language]]
    assert completion.value == 0.77 and completion.number_format == "0%"
    assert row[{"zh": "完成率", "en": "Completion rate"}[language]].value == 0.964
    assert row[{"zh": "实际年均变化量", "en": "Change a year since the base year"}[language]].value == 0.09
    assert row[names[0]].value == 2 and row[names[0]].data_type == "n"
    # R&D personnel (1): 24,800 persons, shown with a thousands separator and no decimals; its 2021 baseline is
    # the published 23,150 that revised the plan's 23,000, as the report uses it
    personnel = _row_of(_scorecard(book), 1)
    assert personnel[names[10]].number_format == "#,##0"
    # 24,800 against 24,500: past the target, no gap, as the report's "—" (not −300)
    gap = {"zh": "与对照目标差距", "en": "Gap to applicable target"}[language]
    assert personnel[gap].value is None
    assert (personnel[names[8]].value, personnel[names[9]].value) == (22154, 23150)


def test_a_baseline_a_published_value_revises_is_marked_in_its_cell(workbook):
    """Indicator 1's 2021 baseline: the plan prints 23,000 (data/raw/weihai's plan text), the example's 2023 bulletin
    gives 23,150 for 2021 (tests/fixtures/example-2022-2024); the cell holds 23,150, the value used, and its comment
    names the printed value, the published one and where it comes from, as the data-quality sheet does. The 2020
    baseline (22,154, printed and used) carries none, nor does any other cell."""
    language, book = workbook
    names = FIRST_HEADERS[language]
    personnel = _row_of(_scorecard(book), 1)
    revised = personnel[names[9]]
    assert revised.value == 23150 and revised.comment is not None
    assert revised.comment.text == {
        "zh": "据示例统计公报 2023（虚构），2021年为23,150人，方案印作23,000人；"
              "凡用到2021年数值之处均以公布值代替方案所列数值",
        "en": "Example bulletin 2023 (fictional) gives 23,150 for 2021; the plan printed 23,000. The published value "
              "replaces the printed one wherever the 2021 value is used."}[language]
    assert personnel[names[8]].comment is None
    commented = [cell.coordinate for row in _scorecard(book).iter_rows() for cell in row if cell.comment]
    assert commented == [revised.coordinate]


def test_status_is_written_and_filled_in_the_report_colour(workbook):
    language, book = workbook
    status = _row_of(_scorecard(book), 2)[{"zh": "状态", "en": "Status"}[language]]
    assert status.value == {"zh": "未达标", "en": "Not achieved"}[language]
    assert status.fill.fgColor.rgb == "FF7F0000"  # STATUS_COLOURS["not_achieved"], as in the HTML report
    lead = _row_of(_scorecard(book), 2)[{"zh": "牵头责任部门", "en": "Lead department"}[language]]
    assert lead.value == {"zh": "市科技局", "en": "Municipal Science and Technology Bureau"}[language]
    achieved = _row_of(_scorecard(book), 1)[{"zh": "状态", "en": "Status"}[language]]
    assert achieved.fill.fgColor.rgb == "FF1B5E20"


def test_warning_sheet_lists_the_lagging_series_by_department(workbook):
    language, book = workbook
    sheet = book.worksheets[3]
    headers = [cell.value for cell in sheet[1]]
    rows = [{header: cell for header, cell in zip(headers, row)} for row in sheet.iter_rows(min_row=2)]
    # the 2024 final: the outcome in the badge's column, no warning
    names = {"zh": ("牵头责任部门", "完成情况", "序号", "最新值", "差距"),
             "en": ("Lead department", "Outcome", "No.", "Latest value", "Gap")}[language]
    department, level, number, latest, gap = names
    # R&D intensity (2): 2.7 in 2024 against 2.8: not achieved, a target missed (in red), 0.1 short; led by the science
    # bureau
    rnd = next(row for row in rows if row[number].value == 2)
    assert rnd[level].value == {"zh": "未完成", "en": "Target missed"}[language]
    assert rnd[level].fill.fgColor.rgb == "FFB71C1C"
    assert rnd[department].value == {"zh": "市科技局", "en": "Municipal Science and Technology Bureau"}[language]
    assert rnd[latest].value == 2.7 and rnd[gap].value == pytest.approx(0.1)
    # each number read in its unit, as on the scorecard sheet: technology contracts' 158, 160 and 2 are 亿元
    unit = {"zh": "单位", "en": "Unit"}[language]
    assert rnd[unit].value == "%"
    trade = next(row for row in rows if row[number].value == 16)
    assert trade[unit].value == {"zh": "亿元", "en": "100 million yuan"}[language] and trade[latest].value == 158
    # exactly the scorecard's series that are not achieved, moving away or insufficient
    lagging = {"zh": ("未达标", "偏离目标", "进展不足"), "en": ("Not achieved", "Moving away",
                                                        "Insufficient progress")}[language]
    status_column = {"zh": "状态", "en": "Status"}[language]
    scorecard = _scorecard(book)
    series = [cell.value for cell in scorecard[1]].index({"zh": "序列", "en": "Series"}[language])
    expected = sorted((row[0].value, (row[series].value or "")) for row in scorecard.iter_rows(min_row=2)
                      if _row_of(scorecard, row[0].value, row[series].value or "")[status_column].value in lagging)
    # and the R&D super-deduction (21), behind the pace ("moderate"), its target's year 2024 come without a 2024
    # value: no time left to accelerate; without its 2024 value, data missing (in amber)
    expected = sorted([*expected, (21, "")])
    listed = sorted((row[number].value, row[{"zh": "序列", "en": "Series"}[language]].value or "") for row in rows)
    assert listed == expected and len(listed) > 0
    overdue = next(row for row in rows if row[number].value == 21)
    assert overdue[level].value == {"zh": "数据缺失", "en": "Data missing"}[language]


def test_header_is_frozen_and_filtered(workbook):
    _, book = workbook
    sheet = _scorecard(book)
    width = len(next(sheet.iter_rows(max_row=1)))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(width)}{1 + SERIES}"
    assert all(sheet.column_dimensions[get_column_letter(c)].width >= 6 for c in range(1, width + 1))


def test_formula_looking_source_is_stored_as_text(workbook):
    language, book = workbook
    actuals = book[catalog(language)["workbook.sheets.actuals"]]
    cells = [cell for row in actuals.iter_rows() for cell in row if cell.value == FORMULA_TEXT]
    assert len(cells) == 1 and cells[0].data_type == "s"
    assert not [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
                if cell.data_type == "f"]


def test_front_sheet_names_the_report_and_its_inputs(workbook):
    language, book = workbook
    text = [cell.value for row in book.worksheets[1].iter_rows() for cell in row if cell.value is not None]
    assert {"zh": "威海市国家创新型城市建设指标总结评估报告（2024年）",
            "en": "Weihai: Final evaluation of the national innovative city indicators, 2024"}[language] in text
    # the generated date a date a spreadsheet sorts as one, shown as ISO text
    assert datetime.datetime(2025, 1, 15) in text and "data/raw/weihai/plan.yml" in text and "0" * 64 in text
    dated = next(cell for row in book.worksheets[1].iter_rows() for cell in row if cell.value == datetime.datetime(
        2025, 1, 15))
    assert dated.number_format == "yyyy-mm-dd"
    # 28 series, 3 of them qualitative; the example data reach 2024 for 23 of the 25 numeric ones
    currency = {"zh": "25个定量序列中，23个有2024年数据",
                "en": "of the 25 quantitative series, 23 have data for 2024"}
    assert any(currency[language] in str(value) for value in text)
    assert book.properties.created == datetime.datetime(2025, 1, 15)
    # the method as it judges this final evaluation's rows: against the target where its year's value is in (21 of
    # the 23 indicators), the progress ratio's cut-offs only for the others
    method = {"zh": "目标年份数据已到位的，对照目标判定已达标或未达标；其余按进度比 R 作进展判断",
              "en": "Achieved or not achieved against the target once the target year's value is in; before, a "
                    "progress verdict by the progress ratio R"}
    assert any(str(value).startswith(method[language]) for value in text)


def _glossary(book) -> dict:
    """The front sheet's note on the scorecard's columns: each column's header and what it holds."""
    rows = [[cell.value for cell in row[:2]] for row in book.worksheets[1].iter_rows()]
    start = next(number for number, row in enumerate(rows) if row[0] in ("指标评估表各列说明",
                                                                         "What the scorecard's columns hold"))
    return {row[0]: row[1] for row in rows[start + 2:] if row[0]}


def test_the_front_sheet_says_what_each_column_the_scorecard_has_holds(mid_term, workbook):
    language, book = mid_term
    glossary, names = _glossary(book), COLUMNS[language]
    headers = [cell.value for cell in _scorecard(book)[1]]
    assert set(glossary) <= set(headers)  # only columns the sheet has, headed as there
    # the mid-term: the pace to the next target explained, not the pace to a binding target left out
    assert names["next_rate"] in glossary and names["needed_rate"] not in glossary
    # a share's need is in points alone (R&D intensity, 2: +0.19), its rate cell empty as the growth seen's is
    empty = {"zh": "按百分点计的比重、位次类及方案实施期累计数为空",
             "en": "empty for shares (in points), ranks (in places) and running totals"}
    assert empty[language] in glossary[names["next_rate"]]
    completion = {"zh": ("增量完成比例", "（最新值 − 基础值）÷（目标值 − 基础值）"),
                  "en": ("Distance covered", "(latest − baseline) ÷ (target − baseline)")}[language]
    assert glossary[completion[0]] == completion[1]
    language, final = workbook
    assert not [key for key in ("needed_rate", "next_year", "next_rate") if COLUMNS[language][key] in _glossary(final)]


def test_the_front_sheet_says_a_shares_gap_is_in_percentage_points(workbook):
    """R&D intensity (2) in 2024: 2.7 against a target of 2.8, its gap 0.1 beside the unit "%", which the report
    writes "0.1 pp" (0.1个百分点), never 0.1 per cent of 2.8: the front sheet's note on the gap column says that a
    share's gap is in percentage points, as its note on the actual change per year does."""
    language, book = workbook
    gap, unit = {"zh": ("与对照目标差距", "单位"),
                 "en": ("Gap to applicable target", "Unit")}[language]
    intensity = _row_of(_scorecard(book), 2)
    assert (intensity[unit].value, intensity[gap].value) == ("%", 0.1)
    points = {"zh": "按指标单位计（比重类为百分点；排名类为位次）",
              "en": "in the indicator's unit (percentage points for a share; places for a rank)"}[language]
    assert points in _glossary(book)[gap]


def test_a_pace_column_is_headed_true_for_every_row_of_any_unit(mid_term):
    """R&D intensity (2), a share in %: its pace to 2024 is 2.8 − 2.61 = 0.19 percentage points, the report giving no
    rate of a share (7.3% relative): its rate cell empty; R&D personnel (1) in persons: 24,500 / 24,300 − 1 = 0.8%.
    The headers were "Needed per year (%)" and "(in the unit)"
    (每年需增长（%）, （按单位）): % for a row in persons or places, and "the unit" % for a share's points. No pace
    column's header names a unit now: a growth rate is a percentage in its cell, a change a year is in the row's
    unit, the front sheet saying which (points for a share, places for a rank)."""
    language, book = mid_term
    names = COLUMNS[language]
    for sheet in (_scorecard(book), book.worksheets[3]):
        paces = [header for header in _headers(sheet) if header in names.values() and header != names["needed_text"]]
        assert len(paces) >= 4, paces
        assert not [header for header in paces if "%" in header or "unit" in header or "单位" in header]
    intensity, personnel = _row_of(_scorecard(book), 2), _row_of(_scorecard(book), 1)
    assert (intensity[names["next_rate"]].value, intensity[names["next_change"]].value) == (None, 0.19)
    assert (personnel[names["next_rate"]].value, personnel[names["next_rate"]].number_format) == (0.008, "0.0%")
    assert {"zh": "按指标单位计", "en": "in the indicator's unit"}[language] in _glossary(book)[names["next_change"]]


def test_same_inputs_give_the_same_bytes(workbook_bytes, data_folder, project_tmp):
    language, data = workbook_bytes
    folder = project_tmp / f"workbook-again-{language}"
    path = write_scorecard(_book(data_folder, language), folder)
    assert path.name == "scorecard.xlsx" and path.read_bytes() == data


# --- the mid-term: the pace to the next target, and every number as the report shows it ---------------------------

@pytest.fixture(scope="module", params=["zh", "en"])
def mid_term(request, data_folder):
    data = scorecard_bytes(ScorecardBook(load_report(data_folder, 2023, request.param), GENERATED))
    return request.param, openpyxl.load_workbook(io.BytesIO(data))


COLUMNS = {"zh": {"gap": "与对照目标差距", "needed_rate": "每年需增长率", "needed_change": "每年需变化量",
                  "next_year": "下一目标年份", "next_target": "下一目标", "next_rate": "距下一目标每年需增长率",
                  "next_change": "距下一目标每年需变化量", "seen_rate": "实际年均增长率",
                  "seen_change": "实际年均变化量", "needed_text": "每年所需（报告表述）"},
           "en": {"gap": "Gap to applicable target",
                  "needed_rate": "Needed growth rate a year", "needed_change": "Needed change a year",
                  "next_year": "Next target year",
                  "next_target": "Next target", "next_rate": "Needed growth rate a year to the next target",
                  "next_change": "Needed change a year to the next target",
                  "seen_rate": "Growth rate a year since the base year",
                  "seen_change": "Change a year since the base year",
                  "needed_text": "Needed per year, as the report writes it"}}
# (the mid-term's warning list holds growths (2: +0.19 points) and a yearly floor missed (18: at least 5% in 2024):
# the report's words for them headed for both kinds, 每年所需, never 每年需增长 over a level)


def _values(row, language: str) -> dict:
    return {key: row[header].value for key, header in COLUMNS[language].items() if header in row}


def test_the_change_sheet_gives_every_rows_basis_though_the_report_says_the_common_one_once(mid_term):
    """The mid-term's changes since 2022: the report says once, above its table, that the series were rated on their
    pace in 2022 and are judged on the 2023 interim target now; a sheet's rows are read one by one (sorted, filtered),
    so each keeps it (high-tech enterprises, 10: on track in 2022, short of 2023's 1,500 in 2023), after its values
    (1,300 in 2022, 1,450 in 2023: up, yet worse)."""
    language, book = mid_term
    rows = {row[0].value: row for row in book.worksheets[4].iter_rows(min_row=2) if row[0].value == 10}
    assert rows[10][5].value == {"zh": "1,300家 → 1,450家，由进展判断转为对照2023年阶段目标的判定",
                                 "en": "1,300 → 1,450 enterprises, given a progress verdict then, now judged on the "
                                       "2023 interim target"}[language]


def test_a_mid_term_gives_the_pace_to_the_next_target_once_a_verdict_is_final(mid_term):
    language, book = mid_term
    sheet = _scorecard(book)
    # R&D intensity (2): 2.61 in 2023 against 2.7, final and not achieved, 2.7 − 2.61 = 0.09 short; the next target
    # 2.8 in 2024 needs (2.8 − 2.61) / 1 = 0.19 points a year, a share's need in points alone, as the report gives it
    # (never 2.8 / 2.61 − 1 = 7.3% beside it)
    assert _values(_row_of(sheet, 2), language) == {
        "gap": 0.09, "next_year": 2024, "next_target": 2.8,
        "next_rate": None, "next_change": 0.19, "seen_rate": None, "seen_change": 0.08}
    # (seen from the 2020 baseline: (2.61 − 2.36) / 3 = 0.0833 points, 0.08 to two decimals; a share's growth is in
    # points, as the report shows it, not a percent)
    # national incubators (15): 24 against 25, 1 short; 25 in 2024 needs 1 a year, 25 / 24 − 1 = 0.0417 (4.2%)
    row = _values(_row_of(sheet, 15), language)
    assert (row["gap"], row["next_year"], row["next_target"], row["next_rate"], row["next_change"]) == \
        (1, 2024, 25, 0.042, 1)
    # good-air days (17): a level to hold every year, met in 2023 (91.2 against 90); the energy saving (18) a yearly
    # floor missed in 2023: the next target, no pace
    for indicator_id, target in ((17, 90), (18, 5)):
        row = _values(_row_of(sheet, indicator_id), language)
        assert (row["next_year"], row["next_target"], row["next_rate"], row["next_change"]) == \
            (2024, target, None, None)
    # provincial agri-tech parks (4): latest 2.9 in 2022, no final verdict: 3.3 − 2.9 = 0.4 short of the 2023 target,
    # whose year has come without its value; the target still ahead, 3.3 in 2024, as the card gives it: over the two
    # years from 2022, (3.3 − 2.9) / 2 = 0.2 points a year, a share's need with no rate beside it
    assert _values(_row_of(sheet, 4, {"zh": "省级", "en": "provincial"}[language]), language) == {
        "gap": 0.4, "next_year": 2024, "next_target": 3.3,
        "next_rate": None, "next_change": 0.2, "seen_rate": None, "seen_change": -0.1}
    # every series with 2023 data (24 of the 25 numeric) has its final verdict and the 2024 target after it, the
    # provincial parks (latest 2022's) the 2024 target still ahead; 18 of them need a pace to it: 2 hold a level or
    # a floor (17, 18), 5 meet it already (4 national 3 against 3, 7 83 against 81, 9 69.5 against 67, 13 81
    # against 70, 26 37.2 against 36)
    def column(key):
        letter = get_column_letter(_row_of(sheet, 2)[COLUMNS[language][key]].column)
        return [cell.value for cell in sheet[letter][1:]]

    assert column("next_year").count(2024) == 25 and set(column("next_year")) == {2024, None}
    assert len([value for value in column("next_change") if value is not None]) == 18
    # of those 18, the 7 shares in % (2, 3, 4 provincial, 8, 19, 20, 21: linear, in points) have no rate, as the
    # report gives none; the 11 counts and amounts (1, 5 ×2, 6, 10, 11, 12, 14, 15, 16, 25) have theirs
    ids = [cell.value for cell in sheet["A"][1:]]
    paced = [(number, rate is not None) for number, rate, change in zip(ids, column("next_rate"), column("next_change"))
             if change is not None]
    assert sorted(number for number, rated in paced if rated) == [1, 5, 5, 6, 10, 11, 12, 14, 15, 16, 25]


def _headers(sheet) -> list:
    return [cell.value for cell in sheet[1]]


@pytest.mark.parametrize("sheet", [2, 3])
def test_a_mid_term_leaves_out_the_pace_to_a_target_whose_year_has_come(mid_term, workbook, sheet):
    # 2023, the year of every binding target (the interim targets): no series needs a pace to it any more, the
    # mid-term's number is the pace to 2024's (the next target's columns); the report's own wording stays last
    language, book = mid_term
    names = COLUMNS[language]
    headers = _headers(book.worksheets[sheet])
    assert names["needed_rate"] not in headers and names["needed_change"] not in headers
    assert headers.index(names["next_year"]) < headers.index(names["next_rate"]) < headers.index(names["next_change"])
    # the final evaluation (2024): no target after the plan's last, no pace at all; the gap and the growth seen stay
    language, final = workbook
    names = COLUMNS[language]
    headers = _headers(final.worksheets[sheet])
    assert not [key for key in ("needed_rate", "needed_change", "next_year", "next_target", "next_rate",
                                "next_change", "needed_text") if names[key] in headers]
    assert names["seen_change"] in headers and (sheet == 3 or names["gap"] in headers)


def test_a_report_before_its_targets_year_keeps_the_pace_to_it(data_folder):
    # 2022's monitoring, before the first target's year: R&D intensity (2), 2.52 in 2022 against 2.7 in 2023, needs
    # 2.7 − 2.52 = 0.18 points in the one year (a share: no rate, as the report gives none); national incubators
    # (15), 23 in 2022 against 25 in 2023: 2 a year, 25 / 23 − 1 = 0.087 (8.7%)
    book = openpyxl.load_workbook(io.BytesIO(scorecard_bytes(ScorecardBook(load_report(data_folder, 2022, "en"),
                                                                           GENERATED))))
    row = _values(_row_of(_scorecard(book), 2), "en")
    assert (row["needed_change"], row["needed_rate"]) == (pytest.approx(0.18), None)
    row = _values(_row_of(_scorecard(book), 15), "en")
    assert (row["needed_change"], row["needed_rate"]) == (2, 0.087)
    # good-air days (17): its level (90) lies below its 2020 base (90.4): no distance to cover, so no time elapsed
    # beside it either (2 of 3 years, 67%, compared with nothing), as its card shows neither; 2 has both: (2.52 −
    # 2.36) / (2.7 − 2.36) = 47% of the distance in 2 of 3 years, 67%
    air, intensity = _row_of(_scorecard(book), 17), _row_of(_scorecard(book), 2)
    assert (air["Distance covered"].value, air["Time elapsed"].value) == (None, None)
    assert (intensity["Distance covered"].value, intensity["Time elapsed"].value) == (0.47, 0.67)


def test_the_warning_list_stores_numbers_beside_the_words_of_the_report(mid_term):
    language, book = mid_term
    sheet = book.worksheets[3]
    headers = [cell.value for cell in sheet[1]]
    rows = {row[2].value: {header: cell for header, cell in zip(headers, row)} for row in sheet.iter_rows(min_row=2)}
    rnd = rows[2]
    assert COLUMNS[language]["needed_text"] in headers
    assert rows[18][COLUMNS[language]["needed_text"]].value == {"zh": "2024年≥5%（2023年未达到）",
                                                               "en": "≥5% in 2024 (missed in 2023)"}[language]
    assert _values(rnd, language) == {
        "next_year": 2024, "next_target": 2.8, "next_rate": None,
        "next_change": 0.19, "seen_rate": None, "seen_change": 0.08,
        "needed_text": {"zh": "2024年目标：+0.19个百分点",
                        "en": "2024 target: +0.19 pp"}[language]}
    # high-level talent (25): 298 against 300; 320 in 2024 needs 22 persons a year, 320 / 298 − 1 = 0.0738 (7.4%)
    talent = _values(rows[25], language)
    assert (talent["next_change"], talent["next_rate"]) == (22, 0.074)
    assert rows[25][COLUMNS[language]["next_rate"]].number_format == "0.0%"


def test_a_need_over_several_years_says_each_years_in_its_own_cell(mid_term):
    """The mid-term's warning sheet worded the provincial agri-tech parks' need (4: 2.9 in 2022, no 2023 value, 3.3
    for 2024) "2023—2024年增长 0.2个百分点", "grow by 0.2 pp in 2023–2024": copied out of the sheet, without its
    header's 每年 ("per year"), it reads as the two years' growth together. By hand: (3.3 − 2.9) / (2024 − 2022) =
    0.2 points in each of the two years, said so in the cell."""
    language, book = mid_term
    sheet = book.worksheets[3]
    headers = [cell.value for cell in sheet[1]]
    series = headers.index({"zh": "序列", "en": "Series"}[language])
    [row] = [{header: cell.value for header, cell in zip(headers, cells)} for cells in sheet.iter_rows(min_row=2)
             if cells[2].value == 4 and cells[series].value == {"zh": "省级", "en": "provincial"}[language]]
    assert row[COLUMNS[language]["needed_text"]] == {
        "zh": "至2024年目标3.3%，2023—2024年每年增长0.2个百分点，自2022年数值起算",
        "en": "grow by 0.2 pp in each year of 2023–2024 to reach the 2024 target of 3.3%, from the 2022 value",
    }[language]


def test_every_pace_the_report_words_is_in_the_workbook_as_numbers(mid_term):
    """Each need the warning list words (its last column, the report's own text) is in the book as numbers too: the
    change a year, and the growth rate where the text gives one, to the target it is needed for. The provincial
    agri-tech parks (4) at the mid-term: 2.9 in 2022 against 3.3 for 2023 and 2024, the 2023 value not published:
    "+0.2 pp (+6.7% relative) in 2023–2024", (3.3 − 2.9) / 2 = 0.2 and (3.3 / 2.9) ** (1 / 2) − 1 = 6.7%, to 3.3 in
    2024."""
    language, book = mid_term
    sheet = book.worksheets[3]
    headers = [cell.value for cell in sheet[1]]
    names = COLUMNS[language]
    checked = []
    for cells in sheet.iter_rows(min_row=2):
        row = {header: cell.value for header, cell in zip(headers, cells)}
        text = row.get(names["needed_text"]) or ""
        # a signed change, or one the words give its direction (…每年增长0.2个百分点; "grow by 0.2 pp")
        signed = re.findall(r"(?:[+−]|增长 ?|下降 ?|(?:grow|fall) by )(\d+(?:\.\d+)?)(%?)", text)
        if not signed:  # a level to hold, a target met: no growth said
            continue
        change = row.get(names["next_change"], row.get(names["needed_change"]))
        rate = row.get(names["next_rate"], row.get(names["needed_rate"]))
        # a growth rate in %, a change in the unit (points, persons): "+5.3% (+4)", "+0.2 pp (+6.7% relative)"
        for number, percent in signed:
            stored = round(rate * 100, 1) if percent and rate is not None else change if not percent else None
            assert stored is not None and abs(stored) == float(number), (row, text)
        checked.append((cells[2].value, row.get(names["next_year"]), row.get(names["next_target"])))
    assert (4, 2024, 3.3) in checked


NUMBER_TEXT = re.compile(r"^[+−-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")


def _decimals_shown(number_format: str) -> int:
    """The decimals a number format shows of the stored value: 0.00 two, 0.0% three (of the fraction)."""
    decimals = len(number_format.split(".", 1)[1].rstrip("%")) if "." in number_format else 0
    return decimals + (2 if number_format.endswith("%") else 0)


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_numbers_are_stored_as_numbers_rounded_as_shown(data_folder, year, language):
    book = openpyxl.load_workbook(io.BytesIO(scorecard_bytes(ScorecardBook(load_report(data_folder, year, language),
                                                                            GENERATED))))
    checked = 0
    for sheet in book.worksheets[2:]:  # the tables (the summary and front sheets pair labels with values)
        columns = list(sheet.iter_cols(min_row=2))
        for column in columns:
            numbers = [cell for cell in column if cell.data_type == "n" and cell.value is not None]
            if not numbers:
                continue
            texts = [cell.value for cell in column if cell.data_type == "s"]
            assert not [text for text in texts if NUMBER_TEXT.match(text.strip())], (sheet.title, column[0].column)
            for cell in numbers:
                if isinstance(cell.value, float):
                    decimals = -Decimal(repr(cell.value)).as_tuple().exponent
                    assert decimals <= _decimals_shown(cell.number_format), (sheet.title, cell.coordinate, cell.value)
                    checked += 1
    assert checked > 100


# --- every number the report shows, the years a level held every year missed, where each finding comes from -------

def test_a_level_held_every_year_lists_the_years_it_missed_beside_its_completion_rate(workbook):
    language, book = workbook
    names = {"zh": ("完成率", "未达到的年份", "状态"), "en": ("Completion rate", "Years missed", "Status")}[language]
    rate, missed, status = names
    # the energy saving (18): ≥ 5 % every year, missed in 2023, 5.3 in 2024: not achieved for 2023, though
    # 5.3 / 5 = 1.06; one year a number, as every year in the book (not "2023" stored as text)
    row = _row_of(_scorecard(book), 18)
    assert (row[rate].value, row[missed].value, row[missed].data_type) == (1.06, 2023, "n")
    assert row[missed].number_format in ("General", "0")
    assert row[status].value == {"zh": "未达标", "en": "Not achieved"}[language]
    # good-air days (17): 90 in 2023 and 2024 (91.2, 92), 2022 held to none: achieved, 92 / 90 = 1.0222, no year
    row = _row_of(_scorecard(book), 17)
    assert (row[rate].value, row[missed].value, row[status].value) == (
        1.022, None, {"zh": "已达标", "en": "Achieved"}[language])
    # R&D intensity (2), reached or not in 2024 alone: no year listed
    assert _row_of(_scorecard(book), 2)[missed].value is None


@pytest.fixture(scope="module", params=["zh", "en"])
def national(request, project_tmp):
    folder = project_tmp / f"workbook-national-{request.param}"
    write_tables(build_tables(load_plan(NATIONAL_DIR), "eurostat", FIXTURES / "national-12th-fyp-2021").files(),
                 folder)
    data = scorecard_bytes(ScorecardBook(load_report(folder, 2015, request.param), GENERATED))
    return request.param, openpyxl.load_workbook(io.BytesIO(data))


def test_a_base_value_from_statistics_is_in_the_workbook_as_the_report_shows_it(national):
    language, book = national
    # invention patents (5): the plan prints no baseline; the report's base value is the published 2010 value 1.7
    # (revised-series-2015.csv, line 4), stored as the number 1.7 in the 2010 baseline column
    baseline = {"zh": "2010年基础值", "en": "2010 baseline"}[language]
    cell = _row_of(_scorecard(book), 5)[baseline]
    assert (cell.value, cell.data_type) == (1.7, "n")
    # R&D intensity (3): the plan's 1.75, revised by the published 1.84, which the report uses
    assert _row_of(_scorecard(book), 3)[baseline].value == 1.84
    # contribution of S&T progress (2): no value for 2010 at all, as the report's "—"
    assert _row_of(_scorecard(book), 2)[baseline].value is None


def test_a_rank_stays_a_number_shown_as_the_report_writes_a_place(national):
    language, book = national
    # the innovation capability rank (1): 21st in 2010, 18th in 2015, the target the top 18 in 2015; the number is
    # kept (it sorts and filters), its format writes it as the report's tables do (No. 21, 第21位; top 18, 前18位)
    place, top = {"zh": ('"第"0"位"', '"前"0"位"'), "en": ('"No. "0', '"top "0')}[language]
    baseline, latest, target = {"zh": ("2010年基础值", "最新值", "2015年目标"),
                                "en": ("2010 baseline", "Latest value", "2015 target")}[language]
    row = _row_of(_scorecard(book), 1)
    assert [(row[name].value, row[name].number_format) for name in (baseline, latest, target)] == [
        (21, place), (18, place), (18, top)]
    # another series keeps its plain number format: R&D intensity (3), 1.84 in 2010
    assert _row_of(_scorecard(book), 3)[baseline].number_format == "#,##0.00"


def test_where_a_finding_comes_from_is_never_a_bare_line_number(national):
    language, book = national
    quality = book[catalog(language)["workbook.sheets.quality"]]
    rows = [[cell.value for cell in row] for row in quality.iter_rows(min_row=2)]
    where = {(row[1], row[0]): row[-1] for row in rows}
    assert not [row for row in rows if str(row[-1] or "").startswith(":")]
    # the base value of 5 comes from line 4 of revised-series-2015.csv, which quotes a book: the finding names the
    # book, as the appendix does; those of 2, 4, 6, 7, 8, 9 and 10 are awaited: no publication yet
    book_name = {"zh": "《中国经济的转型升级：从“十二五”看“十三五”》", "en": "China's Economic Transformation and "
                                                                          "Upgrading"}[language]
    issue = next(row[0] for row in rows if row[1] == 5 and str(row[-1]).startswith(book_name))
    awaited = sorted(row[1] for row in rows if row[0] == issue and row[-1] is None)
    assert awaited == [2, 4, 6, 7, 8, 9, 10]
    # no folder path, no file: a publication's own address is all the slashes left
    assert not [place for place in where.values()
                if place and ("/" in re.sub(r"https?://[^\s）)]+", "", place) or ".csv" in place)]


def test_a_finding_in_a_row_of_its_own_opens_with_a_capital_its_data_as_written(national, project_tmp):
    from analysis.report.tables import quality_table

    language, book = national
    words = catalog(language)
    quality = book[words["workbook.sheets.quality"]]
    rows = [[cell.value for cell in row] for row in quality.iter_rows(min_row=2)]
    # on the card the words follow their label ("Baseline not in the plan: the 2010 value …"); in a row of their own
    # they are a sentence (Chinese has no capitals: as it is)
    expected = {"en": "The 2010 value would come from the China Statistical Yearbook on Science and Technology "
                      "(《中国科技统计年鉴》), and has not been collected",
                "zh": "2010年值应取自《中国科技统计年鉴》，尚未收集"}[language]
    assert [row[3] for row in rows if row[1] == 6] == [expected]  # 6's one finding: no baseline in the plan
    appendix = quality_table(load_report(project_tmp / f"workbook-national-{language}", 2015, language))
    assert expected in list(appendix[words["tables.quality.detail"]])
    # a detail the catalog opens with a publication's name is that name as written
    assert any(row[3].startswith({"en": "China's Economic Transformation", "zh": "据《中国经济的转型升级"}[language])
               for row in rows if row[1] == 3)


def test_where_a_finding_comes_from_names_its_publication_not_the_passage_it_quotes(national, project_tmp):
    language, book = national
    rows = [[cell.value for cell in row] for row in book[catalog(language)["workbook.sheets.quality"]].iter_rows(
        min_row=2)]
    where = {(row[1], row[2]): row[-1] for row in rows if row[0] == catalog(language)["quality_issue.secondary_source"]}
    # as the English edition names the sources (Xinhua News Agency (新华社), 2016-08-16: http://…), the Chinese one
    # gives their names and addresses, never the passages they quote again
    assert where[(1, 2015)] == {"zh": "新华社 2016-08-16（http://shenduxp.com/2016-08/16/content_18325813.htm）",
                                "en": "Xinhua News Agency (新华社), 2016-08-16: "
                                      "http://shenduxp.com/2016-08/16/content_18325813.htm"}[language]
    # a forum post typed as its quotation and address: its address (the English edition has a name for it)
    assert where[(5, 2015)] == {"zh": "https://zh.wenxuecity.com/bbs/mychina/860855-print.html",
                                "en": "Undated post on the Wenxuecity forum (文学城): "
                                      "https://zh.wenxuecity.com/bbs/mychina/860855-print.html"}[language]
    # the appendix's list of the actual values names them alike, with the day each was published
    from analysis.report.tables import actuals_table

    table = actuals_table(load_report(project_tmp / f"workbook-national-{language}", 2015, language))
    sources = dict(zip(zip(table.iloc[:, 0].str.partition(".")[0], table.iloc[:, 1]), table.iloc[:, 3]))
    assert sources[("1", "2015")] == {
        "zh": "新华社 2016-08-16（http://shenduxp.com/2016-08/16/content_18325813.htm）（2016年8月16日发布）",
        "en": "Xinhua News Agency (新华社), 2016-08-16: http://shenduxp.com/2016-08/16/content_18325813.htm "
              "(published 16 August 2016)"}[language]


@pytest.mark.parametrize(("source", "line", "shown"), [
    ("data/raw/x/values.csv", 4, "data/raw/x/values.csv:4"), ("values.csv", 0, "values.csv"), ("", 1, ""),
    (float("nan"), 1, "")])
def test_provenance_is_a_file_and_its_line_or_nothing(source, line, shown):
    assert provenance(source, line) == shown


@pytest.mark.parametrize(("source", "line", "sheet", "zh", "en"), [
    ("data/raw/x/observations/市科技局.xlsx", 9, "", "市科技局.xlsx第9行", "市科技局.xlsx, row 9"),
    # a second sheet (next year's tab) numbers its rows alike: the sheet tells them apart
    ("data/raw/x/observations/市科技局.xlsx", 9, "2025", "市科技局.xlsx“2025”工作表第9行",
     "市科技局.xlsx, sheet “2025”, row 9"),
    ("data/raw/x/observations/2024.csv", 3, "", "2024.csv:3", "2024.csv:3"),
    ("data\\raw\\x\\a.XLSX", 0, "Sheet1", "a.XLSX", "a.XLSX")])
def test_a_file_is_placed_without_its_folders_a_workbooks_row_as_excel_numbers_it(source, line, sheet, zh, en):
    assert (file_place(catalog("zh"), source, line, sheet), file_place(catalog("en"), source, line, sheet)) == (zh, en)


def test_a_level_held_every_year_keeps_the_gap_of_the_year_it_missed(workbook):
    """18: 5 − 4.6 = 0.4 in 2023, as a number, beside it the year the gap is that of (the binding target's year is
    2024, which 5.3 meets), the year in Years missed too; 1 and 17 (met) have none, and 2 (short in 2024 itself, the
    binding year) no year of its gap."""
    language, book = workbook
    gap, year_, missed = {"zh": ("与对照目标差距", "差距所在年份（该年未达到）", "未达到的年份"),
                          "en": ("Gap to applicable target",
                                 "Year of the gap (a level missed that year)",
                                 "Years missed")}[language]
    row = _row_of(_scorecard(book), 18)
    assert (row[gap].value, row[gap].data_type, row[year_].value, row[missed].value) == (0.4, "n", 2023, 2023)
    assert _row_of(_scorecard(book), 1)[gap].value is None and _row_of(_scorecard(book), 17)[gap].value is None
    assert _row_of(_scorecard(book), 2)[gap].value is not None and _row_of(_scorecard(book), 2)[year_].value is None


def test_a_plan_without_series_core_indicators_yearly_levels_or_departments_leaves_those_columns_out(national):
    """The national plan: one series an indicator, no core indicator, no level to hold every year, no department
    named: its scorecard has no empty Series, Core, Years missed or Lead department column; its actual values no
    Series column."""
    language, book = national
    names = catalog(language)["workbook.scorecard"]
    headers = [cell.value for cell in _scorecard(book)[1]]
    assert names["id"] in headers and names["status"] in headers
    assert not {names[key] for key in ("series", "core", "gap_year", "missed_years", "lead_department")} & set(headers)
    actuals = [cell.value for cell in book.worksheets[-1][1]]
    assert catalog(language)["workbook.actuals"]["series"] not in actuals and len(actuals) == 8


def test_an_empty_warning_sheet_says_why(data_folder, monkeypatch):
    """No warnings: the sheet says so in the report's words, alone in A1, never headers alone (read as "no
    problem") nor the sentence in a data row under "Lead department"; here with every series of the example taken
    off the list."""
    from analysis.report import scorecard_workbook

    monkeypatch.setattr(scorecard_workbook, "listed_series", lambda context: context.joined().iloc[0:0])
    book = openpyxl.load_workbook(io.BytesIO(scorecard_bytes(_book(data_folder, "zh"))))
    sheet = book["未完成目标或数据缺失"]  # the 2024 final: no warnings, the targets missed
    assert sheet.max_row == 1 and sheet.max_column == 1 and sheet.auto_filter.ref is None
    assert sheet["A1"].value.startswith("目标年份已到，没有未完成目标或数据缺失的指标序列。")
    assert sheet.column_dimensions["A"].width >= 50  # the sentence's 25 characters in sight, not cut at 8


def test_the_growth_the_plans_text_promises_is_in_the_workbook_as_the_overview_gives_it(workbook):
    """Technology contracts (16): the plan's text promises at least 10% a year; from the table's 2021 baseline, 133, to
    158 in 2024, (158 / 133) ** (1 / 3) − 1 = 5.91% a year, by hand: the overview's "+5.9% a year seen from 2021"
    as numbers, one decimal as shown, and what the table's 2024 target of 160 implies from the same start, (160 /
    133) ** (1 / 3) − 1 = 6.36%, as the overview's "方案表中2024年目标折合年均6.4%"; the columns empty for every
    series the text promises nothing for."""
    language, book = workbook
    names = catalog(language)["workbook.scorecard"]
    row = _row_of(_scorecard(book), 16)
    promised, seen, first, implied = (row[names[key]] for key in ("promised_rate", "promised_seen", "promised_from",
                                                                  "promised_implied"))
    assert (promised.value, seen.value, first.value, implied.value) == (0.1, 0.059, 2021, 0.064)
    # the requirement as the text gives it and the overview quotes it, "10% 以上" (10%, never 10.0%); the rates worked
    # out to one decimal, as shown
    assert promised.number_format == "0%"
    assert seen.number_format == implied.number_format == "0.0%"
    # from the table's first baseline, 109.61 in 2020, as its targets count and the overview names it beside the
    # requirement: 158 in 2024 is (158 / 109.61) ** (1 / 4) − 1 = 9.57% a year seen, "9.6% a year against the 9.9%
    # the table's target implies", 160 being (160 / 109.61) ** (1 / 4) − 1 = 9.92%
    base_first, base_seen, base_implied = (row[names[key]] for key in ("promised_base_from", "promised_base_seen",
                                                                       "promised_base_implied"))
    assert (base_first.value, base_seen.value, base_implied.value) == (2020, 0.096, 0.099)
    assert base_seen.number_format == base_implied.number_format == "0.0%"
    headers = [cell.value for cell in _scorecard(book)[1]]
    assert headers.index(names["promised_from"]) < headers.index(names["promised_seen"]) < headers.index(
        names["promised_implied"]) < headers.index(names["promised_base_from"])
    others = [_row_of(_scorecard(book), i)[names[key]].value for i in (1, 2, 10)
              for key in ("promised_rate", "promised_base_from", "promised_base_implied")]
    assert others == [None] * 9


def test_a_number_from_the_plan_keeps_its_printed_digits_in_the_workbook(workbook):
    """As in the report (method, item 9): the national agri-tech parks' 2024 target, printed 国3.0, is 3.0 in its
    cell (a number, formatted with one decimal), never 3."""
    language, book = workbook
    row = _row_of(_scorecard(book), 4, {"zh": "国家级", "en": "national"}[language])
    for header in ("2023年目标", "2023 target", "2024年目标", "2024 target"):
        if header in row:
            assert row[header].value == 3.0 and row[header].data_type == "n"
            assert row[header].number_format == "#,##0.0"
    # R&D intensity's 2021 baseline, printed 2.40: two decimals
    baseline = next(cell for header, cell in _row_of(_scorecard(book), 2).items()
                    if header in ("2021年基础值", "2021 baseline"))
    assert baseline.value == 2.4 and baseline.number_format == "#,##0.00"


def test_a_gap_of_an_earlier_year_names_its_year_in_the_warning_sheet(workbook):
    """Energy saving (18): 5.3 in 2024 meets 5, the gap is 2023's (5 − 4.6 = 0.4), as the report writes "0.4 pp
    (2023)"; its year stands beside it. R&D intensity (2), short in 2024 itself, has none."""
    language, book = workbook
    sheet = book.worksheets[3]
    headers = [cell.value for cell in sheet[1]]
    rows = {row[headers.index({"zh": "序号", "en": "No."}[language])].value: dict(zip(headers, row))
            for row in sheet.iter_rows(min_row=2)}
    gap, year_ = {"zh": ("差距", "差距所在年份（该年未达到）"),
                  "en": ("Gap", "Year of the gap (a level missed that year)")}[language]
    assert (rows[18][gap].value, rows[18][year_].value) == (0.4, 2023)
    assert rows[2][year_].value is None
    # its latest value is the newest, 5.3 in 2024, as on the scorecard sheet and the card, against 5 held each year:
    # the target a number, its form in a column of its own ("≥5%（每年）" in the report), the year a number too (the
    # 2024 target, the one the final evaluation answers to), never "每年" among the years; R&D intensity (2) a target
    # to reach (2.7 in 2024 against 2.8)
    value, value_year, target, form, target_year = {
        "zh": ("最新值", "该值年份", "对照目标", "目标属性", "目标年份"),
        "en": ("Latest value", "Year of the value", "Applicable target", "Target form", "Target year")}[language]
    assert [rows[18][key].value for key in (value, value_year, target, form, target_year)] == [
        5.3, 2024, 5, {"zh": "每年≥", "en": "≥ every year"}[language], 2024]
    assert [rows[2][key].value for key in (value, value_year, target, form, target_year)] == [2.7, 2024, 2.8, "≥", 2024]
    assert all(row[target_year].data_type == "n" and row[target].data_type == "n" for row in rows.values())


def test_a_wide_sheet_prints_on_pages_its_text_is_readable_on(workbook):
    """The scorecard's columns are some 450 characters wide: on one A4 landscape page (150 characters at about 90 %)
    its text printed at 3 pt. It prints three or more pages wide, each page starting with the row's number and
    every page with the header row; the change sheet (six columns) stays one page wide."""
    from openpyxl.utils import get_column_letter

    language, book = workbook
    sheet = _scorecard(book)
    # a run of columns of one width is stored once, as a range (4 and 5 both 28 wide: <col min="4" max="5">), which
    # openpyxl keys by its first column: the others read as its default width unless the range is spread out
    widths = {column: dimension.width for dimension in sheet.column_dimensions.values() if dimension.min
              for column in range(dimension.min, dimension.max + 1)}
    total = sum(widths.get(c, sheet.column_dimensions[get_column_letter(c)].width)
                for c in range(1, sheet.max_column + 1))
    assert total > 300
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    named = sum(widths.get(c, sheet.column_dimensions[get_column_letter(c)].width) for c in (1, 2, 3))
    assert sheet.page_setup.fitToWidth == -(-(total - named) // (150 - named)) >= 3
    # each page names its rows: number, short name and series (A:C), a third of a page at most
    assert sheet.print_title_cols.replace("$", "") == "A:C" and sheet.print_title_rows.replace("$", "") == "1:1"
    assert [sheet.cell(1, column).value for column in (1, 2, 3)] == FIRST_HEADERS[language][:3]
    # the year after a value right-aligned is centred: never read as one number with it ("24,8002024")
    row = _row_of(sheet, 1)
    latest_year = {"zh": "最新值年份", "en": "Latest year"}[language]
    assert row[latest_year].value == 2024 and row[latest_year].alignment.horizontal == "center"
    change = book.worksheets[4]
    assert change.page_setup.fitToWidth in (None, 1) and not change.print_title_cols


def test_the_front_sheet_names_the_preliminary_figures_the_verdicts_rest_on(example_reports):
    """The national plan's 2015 R&D intensity (2.10) is preliminary: the workbook, which may travel alone, says so on
    its front sheet, as the report's summary does; Weihai's example has none and says nothing."""
    sheet = catalog("zh")["workbook.sheets.front"]  # the second: after the summary
    front = openpyxl.load_workbook(example_reports["national-2015-zh"] / "scorecard.xlsx")[sheet]
    rows = {row[0].value: row[1].value for row in front.iter_rows() if row[0].value}
    assert rows["初步数"] == "初步数1个（研发投入强度2015年），正式数据可能不同。"
    weihai = openpyxl.load_workbook(example_reports["final-zh"] / "scorecard.xlsx")[sheet]
    assert "初步数" not in {row[0].value for row in weihai.iter_rows()}


def test_an_actual_value_has_its_series_printed_digits_and_a_name_its_unit_once(mid_term, data_folder):
    """The 2023 report's appendix gave indicator 4's national 2023 value as "3" (its bulletin's figure) where the
    scorecard, its card and the self-evaluation print the plan's 3.0, and the workbook's Actual values sheet 3 in
    #,##0: 3.0, with one decimal, in both; and the appendix named "Invention patents per 10,000 people (per 10,000
    people)" and "National incubators (incubators)": a unit the name ends with is not said again."""
    from analysis.report.tables import actuals_table

    language, book = mid_term
    sheet = book.worksheets[-1]
    headers = [cell.value for cell in sheet[1]]
    value, year = headers.index({"zh": "数值", "en": "Value"}[language]), headers.index({"zh": "年份",
                                                                                        "en": "Year"}[language])
    series = headers.index({"zh": "序列", "en": "Series"}[language])
    national = {"zh": "国家级", "en": "national"}[language]
    cell = next(row[value] for row in sheet.iter_rows(min_row=2)
                if row[0].value == 4 and row[year].value == 2023 and row[series].value == national)
    assert (cell.value, cell.number_format) == (3, "#,##0.0")
    table = actuals_table(load_report(data_folder, 2023, language))
    names, years, values = (table.iloc[:, index].tolist() for index in range(3))
    shown = {(name.partition(".")[0], year_): number for name, year_, number in zip(names, years, values)}
    assert shown[("4", "2023")] == "3.0"
    if language == "en":
        assert "12. Invention patents per 10,000 people" in names and "15. National incubators" in names
        assert "1. R&D personnel (people)" in names and "2. R&D intensity (%)" in names  # a unit it does not say
    else:
        assert "12. 万人发明专利拥有量（件/万人）" in names  # a Chinese name keeps its unit in brackets


def test_a_running_totals_pace_is_its_amount_alone_in_the_book_too():
    """A cumulative fall marked a running total (0 in 2020, 8.1 by 2023, 〔13.5〕 by 2025): the book's pace a year
    is (13.5 − 8.1) ÷ 2 = 2.7 in the unit, its % column empty, as the report gives no rate of a total, from a printed
    base of 0 or of 2.36 alike, a total of platforms (〔100〕, counted as a count is) too; a share in % not marked so
    has no rate either (it moves in points, as the report gives it); a count not marked so keeps √(13.5 ÷ 8.1) − 1 =
    29.1%."""
    from types import SimpleNamespace

    from analysis.report.scorecard_workbook import Percent, _needed
    from tests.report.test_words import assessed

    total = assessed(2, 2023, "linear", 0, 2023, 8.1, 2025, 13.5, "on_track", n=4, gap=5.4,
                     required_cagr=(13.5 / 8.1) ** 0.5 - 1, required_per_year=2.7)
    for base in (0, 2.36):
        for unit, method in (("%", "linear"), ("个", "compound")):
            rate, change = _needed(SimpleNamespace(**{**total, "base_value": base, "method": method},
                                                   running_total=True, unit_zh=unit))
            assert rate == Percent(None) and change == pytest.approx(2.7)
        rate, change = _needed(SimpleNamespace(**{**total, "base_value": base}, running_total=False, unit_zh="%"))
        assert rate == Percent(None) and change == pytest.approx(2.7)
        rate, _ = _needed(SimpleNamespace(**{**total, "base_value": base, "method": "compound", "kind": "count"},
                                          running_total=False, unit_zh="个"))
        assert rate.value == pytest.approx(0.291, abs=5e-4)


def test_the_change_seen_a_year_is_shown_as_the_indicator_card_shows_it(workbook):
    """The report's card of good-air days (17, a share to hold at ≥90 every year) shows the change seen a year since
    the base year, (92 − 90.4) / (2024 − 2020) = +0.4 points, as any share; the energy saving's (18, a decline rate to
    hold at ≥5 every year) none: a rate is met or missed each year, its drift is no growth. The scorecard gives the
    same, and docs/data.md says so (before, it said the reports show no pace for any level held every year)."""
    language, book = workbook
    seen = catalog(language)["workbook.scorecard"]["seen_change"]
    assert _row_of(_scorecard(book), 17)[seen].value == pytest.approx(0.4)
    assert _row_of(_scorecard(book), 18)[seen].value is None


#: A number the report's text shows: its digits (thousands separated or not), its decimals, a percent sign, and the word
#: of scale an English sentence writes an amount out with (15.8 billion yuan, for 158 in 100 million yuan).
REPORT_NUMBER = re.compile(r"(?<![\w.,])[+−-]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%)?( (?:billion|million))?( yuan)?")
#: A unit that opens with a number of its own, its scale in yuan: 100 million yuan, 10,000 yuan per worker.
SCALED_UNIT = re.compile(r"^(\d[\d,]*)( million| billion)? yuan")


def _sections_text(html: str, first: int, last: int) -> str:
    """The text of the report's sections ``first`` to ``last``, without their headings (3.1, 3.2), its spaces as one."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    start, stop = soup.find(id=f"section-{first}"), soup.find(id=f"section-{last + 1}")
    pieces = []
    for node in start.find_all_next(string=True):
        if node is stop or stop in node.parents:
            break
        if node.find_parent(["h2", "h3", "script", "style"]) is None:
            pieces.append(str(node))
    return re.sub(r"\s+", " ", " ".join(pieces).translate({0x2060: None, 0x200B: None, 0xA0: " ", 0x202F: " "}))


@pytest.mark.parametrize("edition", ["final-en", "mid-term-en"])
def test_every_number_the_report_shows_in_its_first_three_sections_is_in_the_workbook(example_reports, edition):
    """Each number of the English report's overview, scorecard and warnings (sections 1–3) is a number of the workbook,
    within the rounding the report shows it with: 9.9% a fraction of 0.099 (0.0985–0.0995), 0.1 pp a number between
    0.05 and 0.15, 15.8 billion yuan 158 in 100 million yuan. Units that open with a number (10,000 yuan per worker)
    are no numbers of the report's; a printed value a published one replaces is in its cell's comment (23,000)."""
    folder = example_reports[edition]
    book = openpyxl.load_workbook(folder / "scorecard.xlsx")
    held, units, comments = [], set(), []
    for sheet in book.worksheets:
        headers = [cell.value for cell in sheet[1]]
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "n" and isinstance(cell.value, (int, float)):
                    held.append(abs(float(cell.value)) * (100 if "%" in cell.number_format else 1))
                elif isinstance(cell.value, str) and headers[cell.column - 1] == "Unit":
                    units.add(cell.value)
                if cell.comment is not None:
                    comments.append(cell.comment.text)
    scales = {float(m.group(1).replace(",", "")) * {"": 1, " million": 1e6, " billion": 1e9}[m.group(2) or ""]
              for unit in units if (m := SCALED_UNIT.match(unit))}
    assert scales == {1e8, 1e4}  # technology contracts (100 million yuan), labour productivity (10,000 yuan per worker)
    text = _sections_text((folder / "report.html").read_text(encoding="utf-8"), 1, 3)
    for unit in sorted(units, key=len, reverse=True):  # "per 10,000 people" names a unit, not a number
        if re.search(r"\d", unit):
            text = text.replace(unit, " ")
    quoted = " ".join(comments)
    missing, checked = [], 0
    for match in REPORT_NUMBER.finditer(text):
        digits, decimals, _, scale, yuan = match.groups()
        value = float((digits + (decimals or "")).replace(",", ""))
        half = 0.5 * 10 ** -(len(decimals) - 1 if decimals else 0)
        # an amount written out (15.8 billion yuan, 230,000 yuan per worker): in the unit the workbook gives it in
        factor = {" billion": 1e9, " million": 1e6}.get(scale or "", 1)
        candidates = [(value * factor / unit, half * factor / unit) for unit in scales] if scale or yuan else []
        candidates.append((value, half))
        checked += 1
        if not any(abs(number - shown) <= within + 1e-9 for shown, within in candidates for number in held) \
                and match.group(0).strip("+−-") not in quoted:
            missing.append((match.group(0), text[max(match.start() - 50, 0):match.end() + 30]))
    assert checked > 300, checked
    assert missing == [], missing


def test_the_plan_periods_pace_where_it_differs_materially_is_a_number(workbook, mid_term):
    """10, high-tech enterprises (738 in 2020, 1,049 in 2021, 1,450 in 2023, 1,580 in 2024): beside the growth seen
    since 2020, the pace since 2021, the year before the plan period, which differs from it by more than a quarter
    (docs/method.md). Final: (1580 / 1049)^(1/3) − 1 = 14.63% → 0.146, (1580 − 1049) / 3 = 177 a year; beside
    (1580 / 738)^(1/4) − 1 = 20.96% → 0.21. Mid-term: (1450 / 1049)^(1/2) − 1 = 17.57% → 0.176, (1450 − 1049) / 2 =
    200.5 → 201 (about, whole), beside 25.25% → 0.252. 12 (+8.5% since 2020, +8.4% since 2021) has none."""
    for (language, book), expected in ((workbook, (2021, 0.146, 177, 0.21)), (mid_term, (2021, 0.176, 201, 0.252))):
        names = catalog(language)["workbook.scorecard"]
        row = _row_of(_scorecard(book), 10)
        assert (row[names["plan_period_from"]].value, row[names["plan_period_rate"]].value,
                row[names["plan_period_change"]].value, row[names["seen_rate"]].value) == expected
        assert row[names["plan_period_rate"]].number_format.endswith("%")
        other = _row_of(_scorecard(book), 12)
        assert [other[names[key]].value for key in ("plan_period_from", "plan_period_rate")] == [None, None]


def test_a_faster_move_in_the_plan_period_and_the_cut_offs_are_numbers_too(mid_term):
    """At the mid-term the status notes of 3, 19 and 20 give the pace since 2021, the year before the plan period,
    below the baseline: 3 from 39.3 to 44.1 in 2023, (44.1 − 39.3) / 2 = +2.4 pp a year; 19 from 2.7 to 3.2,
    +0.25 pp; 20 from 1.9 to 2.8, +0.45 pp; the workbook holds the year and the points, as shown. The
    warning list's sentence quotes the cut-offs of R (0.95 on track, Eurostat): the front sheet holds each a number."""
    language, book = mid_term
    words = catalog(language)
    names = words["workbook.scorecard"]
    sheet = _scorecard(book)
    moved = {number: (row[names["plan_period_from"]].value, row[names["plan_period_change"]].value)
             for number in (3, 19, 20, 1) for row in [_row_of(sheet, number)]}
    assert moved == {3: (2021, 2.4), 19: (2021, 0.25), 20: (2021, 0.45), 1: (None, None)}
    front = book[words["workbook.sheets.front"]]
    cutoffs = {row[0].value: row[1].value for row in front.iter_rows() if row[1].data_type == "n"}
    assert [cutoffs[words.text("workbook.front.cutoff", status=words.status(status))]
            for status in ("on_track", "moderate", "insufficient")] == [0.95, 0.6, 0]

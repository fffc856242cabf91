"""A department's revision of a value already on file, sent in its workbook the whole way, in both languages.

The example 2022–2024 data hold R&D personnel's (1) 2024 value, 24,800, from 2025-bulletin.csv, a file without a
publication date (its name carries the year). The science bureau's 2024 workbook shows it in its reference column
"本行年份已收到的数值" (Value already received for the row's year); its instructions ask a department that has a revised
figure to type it in the row, with the day it was issued. A row that does so gives another value for the same series
and year: it revises the value its template showed, and is used, the revision listed (24,800 → 24,900) with both
sources.
"""
from __future__ import annotations

import shutil

import openpyxl
import pytest

from analysis.clean.observations import check_observations
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError
from analysis.ingest.observations import read_observation_files
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.plan import load_plan
from analysis.publish.templates import build_templates
from tests.conftest import DEFAULT_PLAN_DIR, FIXTURES, copy_plan

YEAR = 2024
SCIENCE = {"zh": "市科技局", "en": "Municipal Science and Technology Bureau"}
SHEET = {"zh": "数据报送", "en": "'Data entry'"}
EXAMPLE = FIXTURES / "example-2022-2024"


@pytest.fixture(scope="module")
def templates(project_tmp):
    """The science bureau's 2024 workbook in each language, made where 24,800 is on file for 2024."""
    plan = load_plan(copy_plan(DEFAULT_PLAN_DIR, project_tmp / "revision-plan" / "weihai", EXAMPLE))
    return {language: next(path for path in build_templates(plan, YEAR, language,
                                                            project_tmp / f"revision-templates-{language}")
                           if path.name == f"{YEAR}-{SCIENCE[language]}.xlsx") for language in ("zh", "en")}


def _plan(folder, observations=EXAMPLE):
    return load_plan(copy_plan(DEFAULT_PLAN_DIR, folder / "weihai", observations))


def _personnel_row(template) -> int:
    sheet = openpyxl.load_workbook(template).worksheets[0]
    return next(row[0].row for row in sheet.iter_rows(min_row=5) if row[0].value == 1 and row[2].value == YEAR)


def _fill(template, folder, cells: dict, name: str | None = None):
    """The template with ``cells`` ({"D": 24900}, in R&D personnel's row) filled, saved into ``folder``."""
    row = _personnel_row(template)
    book = openpyxl.load_workbook(template)
    for column, value in cells.items():
        book.worksheets[0][f"{column}{row}"] = value
    path = folder / (name or template.name)
    book.save(path)
    return path


def _checked(plan):
    clean = clean_plan_table(load_plan_inputs(plan))
    return check_observations(read_observation_files(plan.folder / "observations"), clean.indicators, plan,
                              clean.values)


def _refusal(plan) -> str:
    """What checking the plan's observations refuses, as the run tells it (it must refuse them)."""
    with pytest.raises(InputError) as caught:
        _checked(plan)
    return str(caught.value)


def _personnel(checked):
    values = checked.values
    return values[(values["indicator_id"] == 1) & (values["year"] == YEAR)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_revised_value_typed_in_the_row_of_the_value_on_file_is_used_and_the_revision_listed(
        templates, tmp_path, language):
    """Before, the run stopped: "D5: 数值: 指标 1：2024年的数值 24900 与 Example bulletin 2025 (fictional)
    （2025-bulletin.csv:2）中的 24800 不一致；如其中一份资料修订了另一份，请在两行的发布日期列分别填写各自的发布
    日期" — a file the department never saw, and which has no such column."""
    plan = _plan(tmp_path)
    path = _fill(templates[language], plan.folder / "observations",
                 {"D": 24900, "E": "科技统计快报", "G": "补充在威高校数据", "I": "2025-03-20"})
    checked = _checked(plan)
    used = _personnel(checked)
    assert list(used["value"]) == [24900.0]
    assert list(used["processing"]) == ["revised"]
    assert list(used["published"]) == ["2025-03-20"]
    [(old, new)] = [(old, new) for old, new in checked.revisions if old["indicator_id"] == 1]
    assert (old["value"], old["source"].rsplit("/", 1)[-1], old["source_line"]) == (24800.0, "2025-bulletin.csv", 2)
    assert (new["value"], new["source"].rsplit("/", 1)[-1], new["reference"]) == (24900.0, path.name, "科技统计快报")


@pytest.mark.parametrize("language, label", [("zh", "已收到的2024年数值"), ("en", "2024 value on file")])
def test_a_workbook_sent_out_with_the_earlier_label_of_the_value_on_file_is_read_the_same(templates, tmp_path,
                                                                                          language, label):
    """A workbook made before the column was named by the row's year (本行年份已收到的数值), its label the workbook's
    year (已收到的2024年数值), and sent back with a revision: its value on file is still found, and the revision
    used, not refused as a conflict with the value it revises."""
    plan = _plan(tmp_path)
    path = _fill(templates[language], plan.folder / "observations",
                 {"D": 24900, "E": "科技统计快报", "I": "2025-03-20"})
    book = openpyxl.load_workbook(path)
    [cell] = [cell for cell in book.worksheets[0][3]
              if cell.value in ("本行年份已收到的数值", "Value already received for the row's year")]
    cell.value = label
    book.save(path)
    assert list(_personnel(_checked(plan))["value"]) == [24900.0]


def test_a_revision_read_before_the_value_it_revises_is_used_all_the_same(templates, tmp_path):
    """A workbook named so that it is read before the CSV file it revises (0-市科技局.xlsx): the same."""
    plan = _plan(tmp_path)
    _fill(templates["zh"], plan.folder / "observations", {"D": 24900, "E": "科技统计快报", "I": "2025-03-20"},
          name="0-市科技局.xlsx")
    checked = _checked(plan)
    assert list(_personnel(checked)["value"]) == [24900.0]
    assert [(old["value"], new["value"]) for old, new in checked.revisions if old["indicator_id"] == 1] == [
        (24800.0, 24900.0)]


@pytest.mark.parametrize("language, expected", [
    ("zh", "数据报送!I5: 发布日期: 指标1：2024年的数值24900修订了已收到的数值24800（示例统计公报 2025（虚构）"
           "（2025-bulletin.csv:2））：请在发布日期列填写修订后数值发布的日期（如2011-09-28），"
           "以后的资料按这一日期比较先后"),
    ("en", "'Data entry'!I5: Published: indicator 1 year 2024: value 24900 revises the value on file, 24800 (Example "
           "bulletin 2025 (fictional), 2025-bulletin.csv:2): give the day the revised figure appeared in the Published "
           "column (2011-09-28), by which later publications are ordered against it"),
])
def test_a_revision_without_the_day_it_was_issued_is_refused_at_its_date_cell(templates, tmp_path, language,
                                                                              expected):
    plan = _plan(tmp_path)
    assert _personnel_row(templates[language]) == 5
    path = _fill(templates[language], plan.folder / "observations", {"D": 24900, "E": "科技统计快报"})
    assert _refusal(plan) == f"{path}:{expected}"


@pytest.fixture(scope="module")
def early_template(project_tmp):
    """The science bureau's 2024 workbook made before 24,800 was on file: it shows nothing there. Made from the plan's
    own data (R&D personnel known for 2021 alone), it asks for 2022 and 2023 too: R&D personnel's 2024 row is row 7."""
    early = _plan(project_tmp / "revision-early", observations=None)
    return next(path for path in build_templates(early, YEAR, "zh", project_tmp / "revision-early-templates")
                if path.name == f"{YEAR}-{SCIENCE['zh']}.xlsx")


def test_two_sources_neither_of_which_revises_the_other_are_still_refused(early_template, tmp_path):
    """A workbook made before 24,800 was on file showed nothing there: its 24,900 (dated) and the bulletin's 24,800
    are two sources that disagree, and neither says it revises the other. Told at the workbook's cell (read after
    the bulletin), with what the department does, as docs/data.md says: ask for a new workbook, which shows 24,800 on
    file. Before: "如其中一份资料修订了另一份，请在两行的发布日期列分别填写各自的发布日期" (the bulletin's row is
    no row of the department's, and its own gives its date already)."""
    plan = _plan(tmp_path)
    path = _fill(early_template, plan.folder / "observations", {"D": 24900, "E": "科技统计快报", "I": "2025-03-20"},
                 name="市科技局.xlsx")
    assert _refusal(plan) == (
        f"{path}:数据报送!D7: 数值: 指标1：2024年的数值24900与示例统计公报 2025（虚构）（2025-bulletin.csv:2）"
        "中的24800不一致；本工作簿生成时尚未收到24800，因此未显示该数值：如24900是对它的修订，请向评估牵头单位"
        "索取新的2024年报送表（其中显示已收到的24800），在该行填写24900，并在发布日期列填写其发布日期；"
        "或在本行的发布日期列和24800所在文件那一行的发布日期列各自填写发布日期：将采用较晚发布的数值，"
        "并列出这次修订")


def test_a_conflict_with_an_old_workbook_read_first_is_told_at_the_workbooks_cell(early_template, tmp_path):
    """The same workbook under the name it was sent with (2024-市科技局.xlsx), read before the bulletin: the conflict
    is told at the workbook's cell all the same, in its language, naming the bulletin, as docs/data.md says; which file
    it is told at does not hang on the order of the files' names. Before: at the bulletin's row, in English
    ("2025-bulletin.csv:2: value: … conflicts with 24900 in 科技统计快报, 2024-市科技局.xlsx:数据报送!D5")."""
    plan = _plan(tmp_path)
    path = _fill(early_template, plan.folder / "observations", {"D": 24900, "E": "科技统计快报", "I": "2025-03-20"})
    assert _refusal(plan) == (
        f"{path}:数据报送!D7: 数值: 指标1：2024年的数值24900与示例统计公报 2025（虚构）（2025-bulletin.csv:2）"
        "中的24800不一致；本工作簿生成时尚未收到24800，因此未显示该数值：如24900是对它的修订，请向评估牵头单位"
        "索取新的2024年报送表（其中显示已收到的24800），在该行填写24900，并在发布日期列填写其发布日期；"
        "或在本行的发布日期列和24800所在文件那一行的发布日期列各自填写发布日期：将采用较晚发布的数值，"
        "并列出这次修订")


def test_a_conflict_with_an_old_english_workbook_offers_both_routes_in_english(project_tmp, tmp_path):
    """The English workbook made before 24,800 was on file, read after the bulletin: the same two routes, in English
    (before: the new workbook's alone)."""
    early = _plan(project_tmp / "revision-early-en", observations=None)
    template = next(path for path in build_templates(early, YEAR, "en", project_tmp / "revision-early-templates-en")
                    if path.name == f"{YEAR}-{SCIENCE['en']}.xlsx")
    plan = _plan(tmp_path)
    path = _fill(template, plan.folder / "observations", {"D": 24900, "E": "S&T flash report", "I": "2025-03-20"},
                 name="science.xlsx")
    assert _refusal(plan) == (
        f"{path}:'Data entry'!D7: Value: indicator 1 year 2024: value 24900 conflicts with 24800 in Example bulletin "
        "2025 (fictional), 2025-bulletin.csv:2, which this workbook does not show on file: it was made before 24800 "
        "came in; if 24900 revises 24800, ask the office that sent it for a new workbook for 2024, which shows 24800 "
        "on file, and give 24900 in that row with the day it appeared in the Published column; or give both rows the "
        "day each appeared (this row's Published, and the publication date column of 24800's file): the later is "
        "used and the revision listed")


def test_a_conflict_with_a_chinese_bulletin_read_after_the_workbook_is_told_at_the_workbook(early_template,
                                                                                           tmp_path):
    """The bulletin headed in Chinese, read after the old workbook: told at the workbook's cell too, naming the
    bulletin by its source (before: at the bulletin's row)."""
    plan = _plan(tmp_path)
    path = _fill(early_template, plan.folder / "observations", {"D": 24900, "E": "科技统计快报", "I": "2025-03-20"})
    bulletin = plan.folder / "observations" / "2025-bulletin.csv"
    bulletin.write_text("编号,序列,年份,数值,数据来源\n1,,2024,24800,2025年统计公报\n", encoding="utf-8")
    assert _refusal(plan) == (
        f"{path}:数据报送!D7: 数值: 指标1：2024年的数值24900与2025年统计公报（2025-bulletin.csv:2）中的24800"
        "不一致；本工作簿生成时尚未收到24800，因此未显示该数值：如24900是对它的修订，请向评估牵头单位索取新的"
        "2024年报送表（其中显示已收到的24800），在该行填写24900，并在发布日期列填写其发布日期；或在本行的发布日期列"
        "和24800所在文件那一行的发布日期列各自填写发布日期：将采用较晚发布的数值，并列出这次修订")


def test_the_dated_route_the_conflict_offers_settles_it(early_template, tmp_path):
    """The route the conflict offers beside a new workbook: the old workbook's row dated 2025-03-20, the bulletin's
    given the day it appeared, 2025-02-28: the later, the department's 24,900, is used, the revision listed."""
    plan = _plan(tmp_path)
    _fill(early_template, plan.folder / "observations", {"D": 24900, "E": "科技统计快报", "I": "2025-03-20"})
    (plan.folder / "observations" / "2025-bulletin.csv").write_text(
        "indicator_id,series,year,value,source,published\n1,,2024,24800,Bulletin 2025,2025-02-28\n", encoding="utf-8")
    checked = _checked(plan)
    assert list(_personnel(checked)["value"]) == [24900.0]
    assert [(old["value"], new["value"]) for old, new in checked.revisions if old["indicator_id"] == 1] == [
        (24800.0, 24900.0)]


def test_a_departments_dated_correction_revises_its_own_undated_workbook_without_editing_it(tmp_path):
    """The department's first workbook (24,700, no date) is in; the workbook made after it shows 24,700 on file, and
    the department's correction (24,900, dated) in it revises it: the first workbook is left as it was."""
    folder = tmp_path / "start"
    folder.mkdir()
    for name in ("2023-bulletin.csv", "2024-bulletin.csv"):  # 2024's value not yet published
        shutil.copyfile(EXAMPLE / name, folder / name)
    plan = _plan(tmp_path, observations=folder)
    first_template = next(path for path in build_templates(plan, YEAR, "zh", tmp_path / "first")
                          if path.name == f"{YEAR}-{SCIENCE['zh']}.xlsx")
    first = _fill(first_template, plan.folder / "observations", {"D": 24700, "E": "科技统计快报"},
                  name="2024-市科技局.xlsx")
    second_template = next(path for path in build_templates(plan, YEAR, "zh", tmp_path / "second")
                           if path.name == f"{YEAR}-{SCIENCE['zh']}.xlsx")
    _fill(second_template, plan.folder / "observations", {"D": 24900, "E": "科技统计年报", "I": "2025-05-10"},
          name="2024-市科技局-更正.xlsx")
    before = first.read_bytes()
    checked = _checked(plan)
    assert list(_personnel(checked)["value"]) == [24900.0]
    assert [(old["value"], old["source"].rsplit("/", 1)[-1]) for old, _ in checked.revisions] == [
        (24700.0, "2024-市科技局.xlsx")]
    assert first.read_bytes() == before


@pytest.mark.parametrize("language, asked, prompt", [
    ("zh", "“本行年份已收到的数值”列已有数值、且无修订的，也可留空；"
           "有修订的，请在该行填写修订后的数值、数据来源和修订数的发布日期。",
     "已收到2024年数值24,800人：无修订可留空，有修订请填写新数值并在“发布日期”列填写修订数的发布日期。"),
    ("en", "or if its 'Value already received for the row's year' needs no revision; to revise that value, type the "
           "revised value, its source and the day it was issued ('Published') in the row.",
     "2024 value on file: 24,800 people; leave the cell empty, or type the revised value and its date in "
     "'Published'. "),
])
def test_the_workbook_asks_for_the_day_a_revised_value_was_issued(templates, language, asked, prompt):
    """Before, the instructions and the value cell's prompt asked for the revised value only: a revision came without
    the day it was issued."""
    sheet = openpyxl.load_workbook(templates[language]).worksheets[0]
    assert asked in sheet["A2"].value
    shown = next(v.prompt for v in sheet.data_validations.dataValidation if str(v.sqref) == "D5")
    assert shown.startswith(prompt)


@pytest.mark.parametrize("language, expected", [
    ("zh", "50是上一个值6（2023年，示例统计公报 2024（虚构）（2024-bulletin.csv:6））的8.3倍"),
    ("en", "50 is 8.3 times the previous value 6 (2023, Example bulletin 2024 (fictional), 2024-bulletin.csv:6)"),
])
def test_a_value_far_off_names_the_previous_values_source_in_the_messages_language(templates, tmp_path, language,
                                                                                    expected):
    """National innovation bases (5, 国家级): 6 in 2023, from 2024-bulletin.csv, whose row names its source in both
    languages (source, source_zh). 50 typed for 2024 is far off it, and the message names that source in the
    workbook's language (before, the Chinese message quoted its English name)."""
    plan = _plan(tmp_path)
    book = openpyxl.load_workbook(templates[language])
    sheet = book.worksheets[0]
    row = next(row[0].row for row in sheet.iter_rows(min_row=5) if row[0].value == 5 and row[1].value in ("国家级",
                                                                                                   "national"))
    sheet[f"D{row}"], sheet[f"E{row}"] = 50, "科技统计快报"
    book.save(plan.folder / "observations" / templates[language].name)
    assert expected in _refusal(plan)

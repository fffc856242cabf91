"""The departments' workbooks the whole way, in both languages: a template of ``make templates``, filled as a clerk
fills it, read back. The values sheet's errors a clerk can fix are told in the template's language; the template's
own labels are read back, as a header row (the row of names deleted, or typed over) and as series (国家级, 省级).

The Weihai plan without observations: R&D personnel (1, a count) was 23,000 in 2021 (plan text line 83), R&D
intensity (2) is a share; the science bureau's workbook for 2023 lists them in rows 5 and 6, the national and
provincial series of indicator 4 in rows 8 and 9.
"""
from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from analysis import cli
from analysis.clean.observations import check_observations
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError
from analysis.ingest.observations import read_observation_files
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.publish.templates import build_templates
from tests.conftest import copy_plan, relative

YEAR = 2023
SCIENCE = {"zh": "市科技局", "en": "Municipal Science and Technology Bureau"}
SHEET = {"zh": "数据报送", "en": "'Data entry'"}


@pytest.fixture(scope="module")
def science(weihai_in_project, project_tmp):
    """The science bureau's template in each language."""
    return {language: next(path for path in build_templates(weihai_in_project, YEAR, language,
                                                            project_tmp / f"language-templates-{language}")
                           if path.stem == SCIENCE[language]) for language in ("zh", "en")}


@pytest.fixture(scope="module")
def clean(weihai_in_project):
    return clean_plan_table(load_plan_inputs(weihai_in_project))


def _filled(template, folder, cells: dict, delete_row: int | None = None):
    """The template with ``cells`` ({"D5": 24300}) filled, saved into ``folder`` under its own name."""
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    for cell, value in cells.items():
        sheet[cell] = value
    if delete_row is not None:
        sheet.delete_rows(delete_row)
    folder.mkdir(parents=True, exist_ok=True)
    book.save(folder / template.name)
    return folder / template.name


CASES = {
    "not a number": ({"D6": "2,61", "E6": "统计公报"},
                     "D6: value: '2,61' 不是数字（请只写数字和小数点，不加千位分隔符、单位或 % 号）",
                     "D6: value: '2,61' is not a number (write plain digits with a decimal point, no thousands "
                     "separators, units or % signs)"),
    "far off its series": ({"D5": 90000, "E5": "统计公报"},
                           "D5: value: 90000 是上一个值 23000（2021 年，weihai-innovative-city-plan-2022.txt:83）"
                           "的 3.9 倍；如 90000 无误，请在该行的“确认”列说明理由（见 observations 文件夹的 README）",
                           "D5: value: 90000 is 3.9 times the previous value 23000 (2021, "
                           "weihai-innovative-city-plan-2022.txt:83); if 90000 is right, say why in the row's confirm "
                           "column (see the observations README)"),
    "negative": ({"D6": -2.61, "E6": "统计公报"}, "D6: value: -2.61 是负数；比重不能为负",
                 "D6: value: -2.61 is negative; a share cannot be"),
    "not the workbook's year": ({"C5": 2024, "D5": 24300, "E5": "统计公报"},
                                "C5: year: 年份为 2024，但本工作簿是为 2023 年生成的（make templates YEAR=2023）；"
                                "锁定的单元格被改动了：请为 2024 年另行生成工作簿",
                                "C5: year: year 2024, but the workbook was made for 2023 (make templates YEAR=2023); "
                                "its locked cells were changed: make a workbook for 2024"),
    "no such series": ({"B8": "国家", "D8": 3.1, "E8": "园区年报"},
                       "B8: series: 指标 4 没有序列 '国家'；请填写 '国家级', '省级'",
                       "B8: series: indicator 4 has no series '国家'; use 'national', 'provincial'"),
    "no source": ({"D5": 24300}, "E5: source: 为空：请写明数值出自哪一份资料",
                  "E5: source: empty: say which publication the value comes from"),
    "no reason": ({"D5": 24300, "E5": "统计公报", "G5": "ok"},
                  "G5: confirm: 'ok' 不是理由；请用文字说明原因（例如：统计口径调整，见公报注释），或将该单元格留空",
                  "G5: confirm: 'ok' is no reason; say in words why (for example 统计口径调整，见公报注释 or "
                  "'the survey method changed in 2023, see the bulletin's note'), or leave the cell empty"),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_values_error_is_told_in_the_templates_language(science, clean, weihai_in_project, tmp_path, case,
                                                          language):
    cells, chinese, english = CASES[case]
    path = _filled(science[language], tmp_path / "observations", cells)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(path.parent), clean.indicators, weihai_in_project, clean.values)
    expected = chinese if language == "zh" else english
    assert str(caught.value) == f"{path}:{SHEET[language]}!{expected}"


def test_a_workbook_without_a_language_is_told_in_english(science, clean, weihai_in_project, tmp_path):
    book = openpyxl.load_workbook(science["zh"])
    language = next(prop for prop in book.custom_doc_props if prop.name == "analysis_language")
    book.custom_doc_props.props.remove(language)  # a template made before it recorded its language
    book.worksheets[0]["D6"], book.worksheets[0]["E6"] = "2,61", "统计公报"
    (tmp_path / "observations").mkdir()
    book.save(tmp_path / "observations" / "a.xlsx")
    with pytest.raises(InputError, match=r"a.xlsx:数据报送!D6: value: '2,61' is not a number \(write plain digits"):
        check_observations(read_observation_files(tmp_path / "observations"), clean.indicators, weihai_in_project,
                           clean.values)


@pytest.mark.parametrize(("language", "header", "series"), [
    ("zh", None, ("国家级", "省级")),   # the row of names deleted: the labels above it are the header
    ("en", ["No.", "Series", "Year", "Value", "Source", "Note", "Why a value far off is right", "Published",
            "Preliminary"], ("National", "provincial")),   # the names typed over with the labels
])
def test_the_templates_own_labels_are_read_back(science, weihai_in_project, work_dir, language, header, series):
    plan = copy_plan(weihai_in_project.folder, work_dir / "plan")
    cells = {"D5": 24300, "E5": "统计公报", "B8": series[0], "D8": 3.1, "E8": "园区年报", "B9": series[1], "D9": 2.9,
             "E9": "园区年报"}
    cells.update({f"{column}4": name for column, name in zip("ABCDEFGHI", header or [])})
    _filled(science[language], plan / "observations", cells, delete_row=4 if header is None else None)
    processed = work_dir / "processed"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    values = pd.read_csv(processed / "weihai" / "indicator_values.csv", encoding="utf-8-sig", keep_default_na=False)
    actual = values[values["value_type"] == "actual"]
    assert actual[["indicator_id", "series", "year", "value"]].values.tolist() == [
        [1, "", YEAR, 24300.0], [4, "national", YEAR, 3.1], [4, "provincial", YEAR, 2.9]]
    first = 4 if header is None else 5  # the rows moved up one with the row of names
    assert actual["source_line"].tolist() == [first, first + 3, first + 4]

"""The hand-written files beside a plan's table (analysis.ingest.hand_files), on small inputs."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.catalog import catalog, mistakes_told_in
from analysis.errors import InputError, Mistakes
from analysis.ingest.csv_reader import LINE_COLUMN
from analysis.ingest.hand_files import (
    check_direction,
    check_row_series,
    load_categories,
    load_metadata,
    load_prose_checks,
    refuse_duplicates,
    require_filled,
    series_twice,
)
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.ingest.printed_table import value_field
from analysis.plan import load_plan
from analysis.text import REASON_ADVICE
from tests.conftest import copy_plan

HEADER = "indicator_id,series,year,value_type,claim,prose_quote,prose_value,note\n"


def test_a_growth_claim_without_a_baseline_in_the_table_is_told_at_its_line(tmp_path):
    """A typed plan's values.csv may give no baseline: a prose claim of growth a year then has no year to grow from,
    told at its line (the reader crashed on max() of nothing); a claim of a value needs none and is read."""
    fields = (value_field(2024, "target"),)
    (tmp_path / "prose_checks.csv").write_text(HEADER + "1,,2024,target,value,达到80,80,\n", encoding="utf-8")
    assert load_prose_checks(tmp_path, fields)["prose_value"].tolist() == [80.0]
    (tmp_path / "prose_checks.csv").write_text(HEADER + "1,,2024,target,value,达到80,80,\n"
                                               "1,,2024,target,annual_growth_pct,年均增长10%,10,\n", encoding="utf-8")
    with pytest.raises(InputError) as told:
        load_prose_checks(tmp_path, fields)
    assert str(told.value).endswith("prose_checks.csv:3: claim: an annual growth claim needs a baseline to grow "
                                    "from, and the plan's table gives none")


def test_the_hand_files_mistakes_are_told_in_chinese_where_the_run_asks_for_it(tmp_path):
    path = tmp_path / "indicator_metadata.csv"
    with mistakes_told_in("zh"):
        with pytest.raises(InputError) as told:
            check_row_series("nation", path, 4)
        assert told.value.reason == ("未知的 series 'nation'：series 应留空，或填写 national、provincial"
                                     "（国家级请写 national，省级请写 provincial）")
        # told in pieces: why the direction does not fit, and the directions that do, joined by the language's "or"
        with pytest.raises(InputError) as told:
            check_direction("higher", "rank", path, 3)
        assert told.value.reason == "direction 'higher' 不适用于 rank：排名类指标的名次越小越好；请用 lower 或 at_most"
        with pytest.raises(InputError) as told:
            check_direction("none", "count", path, 3)
        assert told.value.reason == "direction 'none' 只能且必须与 kind 'qualitative' 搭配"
        # a row given twice: what repeats, and where it is given first
        twice = pd.DataFrame({"indicator_id": [4, 4], "series": ["national", "national"], LINE_COLUMN: [2, 5]})
        with pytest.raises(InputError) as told:
            refuse_duplicates(twice, ["indicator_id", "series"], path, "indicator_id",
                              lambda row: series_twice(row.indicator_id, row.series))
        assert (told.value.line, told.value.reason) == (5, "指标4（series 'national'）出现了两次（首次出现在第2行）")
        # an empty cell, and one of invisible characters only
        cells = pd.DataFrame({"name_en": ["", "\u200b"], LINE_COLUMN: [2, 3]})
        with pytest.raises(InputError) as told:
            require_filled(cells, ("name_en",), path)
        assert [error.reason for error in told.value.errors] == ["为空", "为空（只有不可见字符）"]
    # outside the block: English, as before
    with pytest.raises(InputError) as told:
        check_direction("higher", "rank", path, 3)
    assert told.value.reason == "direction 'higher' for a rank: a rank is better the lower it is; use lower or at_most"
    # four choices listed as a list is: "a, b, c or d", never "a or b or c or d"
    with pytest.raises(InputError) as told:
        check_direction("within", "rate_of_change", path, 3)
    assert told.value.reason.endswith("; use higher, lower, at_least or at_most")


@pytest.mark.parametrize(("language", "said"), [
    ("en", ["direction: direction ' higher' (a space before it) unknown; use one of higher, lower, at_least, "
            "at_most, within, exactly or none",
            "kind: kind 'count ' (a space after it) unknown; use one of count, amount, share, intensity, "
            "rate_of_change, rank or qualitative"]),
    ("zh", ["direction: 未知的 direction ' higher'（前面多了空格）：请用 higher、lower、at_least、at_most、within、"
            "exactly 或 none 之一",
            "kind: 未知的 kind 'count '（后面多了空格）：请用 count、amount、share、intensity、rate_of_change、rank 或 "
            "qualitative 之一"]),
])
def test_the_choices_are_listed_as_the_language_lists_them_and_a_stray_space_is_named(tmp_path, language, said):
    """A direction and a kind refused: the words they take joined with the language's comma and "or"
    (higher、lower…或 none in Chinese, not "higher, lower, none"); a word refused only for a space before or after it
    says so, as the quotes alone hardly show it."""
    path = tmp_path / "indicator_metadata.csv"
    with mistakes_told_in(language), pytest.raises(InputError) as told:
        check_direction(" higher", "count ", path, 3)
    assert [f"{error.field}: {error.reason}" for error in told.value.errors] == said


def test_a_series_refused_for_a_space_around_it_says_so(tmp_path):
    with pytest.raises(InputError) as told:
        check_row_series(" national ", tmp_path / "departments.csv", 2)
    assert told.value.reason == ("series ' national ' (spaces before and after it) unknown; use empty, national or "
                                 "provincial")
    with pytest.raises(InputError) as told:  # a word that is none of them: no more said
        check_row_series(" nation", tmp_path / "departments.csv", 2)
    assert told.value.reason == "series ' nation' unknown; use empty, national or provincial"


def test_a_correction_without_a_reason_is_told_in_chinese_with_the_advice(plan_copy):
    """A bad row of a copied plan's corrections.csv walked through the plan's reading: its every mistake, in the
    language the run asks for, the reason's advice included."""
    corrections = plan_copy / "corrections.csv"
    corrections.write_text(corrections.read_text(encoding="utf-8") + "26,,target_2029,36,3.6,ok,\n", encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as told:
        load_plan_inputs(load_plan(plan_copy))
    assert [(error.line, error.field, error.reason) for error in told.value.errors] == [
        (4, "field", "未知的 field 'target_2029'：请用 baseline_2020、baseline_2021、target_2023 或 target_2024 之一"),
        (4, "reason", "'ok' 不是理由；请用文字说明原因（例如：统计口径调整，见公报注释）"),
    ]
    with pytest.raises(InputError, match=r"corrections.csv:4: field: field 'target_2029' unknown; use one of "):
        load_plan_inputs(load_plan(plan_copy))


def test_the_reasons_advice_is_the_one_an_observation_file_is_given():
    assert catalog("en").text("plan_errors.hand_files.reason_advice") == REASON_ADVICE


def test_a_growth_claim_for_the_base_year_is_told_in_chinese(tmp_path):
    fields = (value_field(2021, "baseline"), value_field(2024, "target"))
    (tmp_path / "prose_checks.csv").write_text(HEADER + "1,,2021,baseline,annual_growth_pct,年均增长10%,10,\n",
                                               encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as told:
        load_prose_checks(tmp_path, fields)
    assert str(told.value).endswith("prose_checks.csv:2: year: 年均增长的说法须有晚于2021年基期的目标年份")


def test_every_row_of_prose_checks_csv_is_told_in_one_round(tmp_path):
    """A value_type mistyped, a claim unknown, a quote the plan text lacks, a value in words: four rows, four lines in
    one run (four runs before: the reader stopped at its first); a value_type mistyped is told as such (it was told
    as a value the table lacks, at indicator_id)."""
    fields = (value_field(2021, "baseline"), value_field(2024, "target"))
    (tmp_path / "prose_checks.csv").write_text(
        HEADER + "16,,2021,base,value,达到133.97亿元,133.97,\n16,,2024,target,growth,年均增长10%以上,10,\n"
        "14,,2021,baseline,value,培育科技服务机构81家,80,\n15,,2021,baseline,value,其中国家级22家,二十二,\n"
        "2,,2024,target,value,比重达到2.8%,2.8,\n", encoding="utf-8")
    text = ["技术市场合同额年均增长10%以上，达到133.97亿元", "培育科技服务机构80家，其中国家级22家", "比重达到2.8%"]
    with pytest.raises(InputError) as told:
        load_prose_checks(tmp_path, fields, text)
    assert [line.split("prose_checks.csv:", 1)[1] for line in str(told.value).splitlines()] == [
        "2: value_type: value_type 'base' unknown; use baseline or target",
        "3: claim: claim 'growth' unknown; use value or annual_growth_pct",
        "4: prose_quote: '培育科技服务机构81家' does not occur in the source text",
        "5: prose_value: '二十二' is not a number (write plain digits with a decimal point, no thousands separators, "
        "units or % signs)"]
    with mistakes_told_in("zh"), pytest.raises(InputError) as told:
        load_prose_checks(tmp_path, fields, text)
    assert told.value.errors[0].reason == "value_type 'base' 未知；请用 baseline 或 target"
    # with a list to add them to, the rows without a mistake are kept, to be checked against the table's values
    found = Mistakes()
    kept = load_prose_checks(tmp_path, fields, text, found)
    assert len(found.errors) == 4 and kept["indicator_id"].tolist() == [2]


def test_every_row_of_categories_csv_is_told_in_one_round(tmp_path):
    """An English name left empty and a category given again with another: both in one run (two before)."""
    (tmp_path / "categories.csv").write_text(
        "category_zh,category_en\n创新投入,\n创新产出,Innovation outputs\n创新产出,Outputs\n", encoding="utf-8")
    with pytest.raises(InputError) as told:
        load_categories(tmp_path)
    assert [line.split("categories.csv:", 1)[1] for line in str(told.value).splitlines()] == [
        "2: category_en: empty",
        "4: category_en: category '创新产出' is defined again, as 'Outputs'; line 3 names it 'Innovation outputs': "
        "keep one row"]
    with mistakes_told_in("zh"), pytest.raises(InputError) as told:
        load_categories(tmp_path)
    assert [error.reason for error in told.value.errors] == [
        "为空", "类别 '创新产出' 再次定义为 'Outputs'，而第3行定义为 'Innovation outputs'：请只保留一行"]


def test_every_row_of_the_metadata_is_told_in_one_round(tmp_path):
    """A direction and a kind both unknown, a number mistyped, a series given twice and a name left empty: every
    one in a run, in the file's order (the direction hid the kind, and the names the row given twice)."""
    header = ",".join(["indicator_id", "series", "name_en", "short_name_zh", "short_name_en", "unit_zh", "unit_en",
                       "direction", "kind"])
    (tmp_path / "indicator_metadata.csv").write_text(
        header + "\n1,,R&D personnel,研发人员,R&D personnel,人,persons,up,counts\n"
        "2,,,研发强度,R&D intensity,%,%,higher,share\nx,,Bases,基地,Bases,个,bases,higher,count\n"
        "2,,R&D intensity,研发强度二,R&D intensity 2,%,%,higher,share\n", encoding="utf-8")
    with pytest.raises(InputError) as told:
        load_metadata(tmp_path)
    assert [line.split("indicator_metadata.csv:", 1)[1] for line in str(told.value).splitlines()] == [
        "2: direction: direction 'up' unknown; use one of higher, lower, at_least, at_most, within, exactly or none",
        "2: kind: kind 'counts' unknown; use one of count, amount, share, intensity, rate_of_change, rank or "
        "qualitative",
        "3: name_en: empty",
        "4: indicator_id: 'x' is not a whole number",
        "5: indicator_id: indicator 2 series '' appears twice (first at line 3)"]


def test_a_typed_plans_prose_checks_are_refused_as_it_has_no_text(tmp_path, lakeside):
    """A typed plan has no text: a prose check's quote cannot be looked for in it. The file is refused whole, saying
    why (each quote was told it does not occur in the source text, as though mistyped)."""
    plan = copy_plan(lakeside.folder, tmp_path / "lakeside")
    (plan / "prose_checks.csv").write_text(HEADER + "1,,2027,target,value,达到80,80,\n", encoding="utf-8")
    with pytest.raises(InputError) as told:
        load_plan_inputs(load_plan(plan))
    assert str(told.value).endswith(
        "prose_checks.csv: the plan is typed as a table and has no text to quote: a prose check's quote cannot be "
        "found in it, so the file is not read; remove it, or name the plan's printed text in plan.yml (table: "
        "printed_text)")
    with mistakes_told_in("zh"), pytest.raises(InputError) as told:
        load_plan_inputs(load_plan(plan))
    assert told.value.reason == ("该方案以表格录入，没有方案文本可供引用：正文核对的引文无从查找，因此不读取此文件；"
                                 "请删除该文件，或在 plan.yml 中给出方案文本（table: printed_text）")


def test_the_metadata_marks_a_running_total_in_a_column_of_its_own(tmp_path):
    """A printed table's 〔100〕 marked in indicator_metadata.csv's running_total (true, 是); a row left empty or
    false is none; without the column, no series is one."""
    header = ",".join(["indicator_id", "series", "name_en", "short_name_zh", "short_name_en", "unit_zh", "unit_en",
                       "direction", "kind"])
    rows = ("1,,R&D platforms added,新增研发平台,Platforms added,个,platforms,higher,count",
            "2,,R&D intensity,研发强度,R&D intensity,%,%,higher,share",
            "3,,Energy use cut,能耗累计降低,Energy use cut,%,%,higher,share")
    (tmp_path / "indicator_metadata.csv").write_text(
        header + ",running_total\n" + "\n".join(f"{row},{mark}" for row, mark in zip(rows, ("true", "", "是")))
        + "\n", encoding="utf-8")
    assert load_metadata(tmp_path)["running_total"].tolist() == [True, False, True]
    (tmp_path / "indicator_metadata.csv").write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert load_metadata(tmp_path)["running_total"].tolist() == [False, False, False]

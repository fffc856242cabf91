"""The processed tables as a report of one year publishes them (:meth:`ProcessedTables.up_to`)."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analysis.catalog import catalog, mistakes_told_in
from analysis.clean.processed import ProcessedTables, read_processed, read_table
from analysis.errors import InputError
from analysis.vocabulary import OBSERVATION_ISSUES
from tests.conftest import DEFAULT_PLAN_DIR, LAKESIDE_DIR


def test_a_mid_term_publishes_nothing_of_a_later_year(example_tables):
    """The example holds actual values for 2022–2024; a 2023 report's tables keep the 2024 targets (the plan's) and
    drop the 2024 values, the 2024 verdicts and the findings on 2024 values; the 2024 report keeps all."""
    tables = read_processed(example_tables)
    mid = tables.up_to(2023)
    actual = mid.values[mid.values["value_type"] == "actual"]
    assert actual["year"].max() == 2023 and len(actual) > 0
    assert (tables.values["value_type"].eq("actual") & tables.values["year"].eq(2024)).sum() > 0
    assert mid.values[(mid.values["value_type"] == "target") & (mid.values["year"] == 2024)].shape[0] == \
        tables.values[(tables.values["value_type"] == "target") & (tables.values["year"] == 2024)].shape[0] > 0
    assert set(mid.assessment["report_year"]) == {2021, 2022, 2023}
    assert set(mid.growth["report_year"]) <= {2021, 2022, 2023}
    later = pd.to_numeric(mid.quality["year"], errors="coerce") > 2023
    # the plan's own findings on its 2024 targets stay (a split cell, a prose check); none on a 2024 value
    assert "prose_growth" in set(mid.quality.loc[later, "issue"])
    assert not set(mid.quality.loc[later, "issue"]) & set(OBSERVATION_ISSUES)
    # a preliminary 2024 value's finding (the example has none): left out of 2023's, kept in 2024's
    finding = tables.quality.iloc[[0]].assign(issue="preliminary_value", year=2024)
    flagged = dataclasses.replace(tables, quality=pd.concat([tables.quality, finding], ignore_index=True))
    assert "preliminary_value" not in set(flagged.up_to(2023).quality["issue"])
    assert "preliminary_value" in set(flagged.up_to(2024).quality["issue"])
    assert not (pd.to_numeric(mid.words["year"], errors="coerce") > 2023).any()
    assert isinstance(mid, ProcessedTables) and mid.plan == tables.plan
    # the 2024 report keeps all but the finding on a value quoted by a secondary source that no 2024 verdict rests
    # on: the example's one such value is 26's 36.6% for 2022, and 26's 2024 verdict rests on its 2024 value
    final, everything = tables.up_to(2024), tables.files()
    assert {name: data for name, data in final.files().items() if name != "data_quality.csv"} == \
        {name: data for name, data in everything.items() if name != "data_quality.csv"}
    dropped = tables.quality.merge(final.quality, how="left", indicator=True).query("_merge == 'left_only'")
    assert dropped[["issue", "indicator_id", "year"]].astype(str).values.tolist() == [
        ["secondary_source", "26", "2022"]]


def test_the_mid_term_package_holds_no_2024_value(example_reports):
    folder = example_reports["mid-term-zh"] / "data"
    values = pd.read_csv(folder / "indicator_values.csv", encoding="utf-8-sig")
    assert values.loc[values["value_type"] == "actual", "year"].max() == 2023
    assert pd.read_csv(folder / "assessment.csv", encoding="utf-8-sig")["report_year"].max() == 2023


def test_a_folder_or_table_the_data_step_did_not_write_is_told_in_the_language_the_run_asks_for(tmp_path):
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        read_processed(tmp_path)
    assert caught.value.reason == "缺少 plan.json：请先运行 `make data`（它写出处理后的表格）"
    (tmp_path / "indicators.csv").write_text("id,name\n1,x\n", encoding="utf-8")
    columns = {"indicator_id": "int64", "series": "str"}
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        read_table(tmp_path / "indicators.csv", columns)
    assert caught.value.reason == "列为 'id'、'name'；应为 indicator_id、series（请用 `make data` 重新生成）"
    with pytest.raises(InputError) as caught:
        read_table(tmp_path / "indicators.csv", columns)
    assert caught.value.reason == "columns 'id', 'name'; expected indicator_id, series (rebuild it with `make data`)"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "data/processed/weihai: holds the tables of plan 'weihai', not of 'national-12th-fyp': set data_dir to "
           "data/processed/national-12th-fyp"),
    ("zh", "data/processed/weihai: 存放的是方案 'weihai' 的表格，不是 'national-12th-fyp' 的：请将 data_dir 设为 "
           "data/processed/national-12th-fyp"),
])
def test_the_tables_of_another_plan_are_refused_with_the_folder_to_name(language, expected):
    # notebook 01 with plan_dir data/raw/national-12th-fyp and data_dir left at Weihai's: not Weihai's tables shown
    # under the national plan's table
    from analysis.clean.processed import read_processed_of
    from analysis.settings import PROJECT_ROOT

    with mistakes_told_in(language), pytest.raises(InputError) as caught:
        read_processed_of("national-12th-fyp", PROJECT_ROOT / "data" / "processed" / "weihai")
    assert str(caught.value) == expected
    assert read_processed_of("weihai", PROJECT_ROOT / "data" / "processed" / "weihai").plan["name"] == "weihai"


def notebook_01_prints(output, plan_dir: str, data_dir: str) -> str:
    """Notebook 01 run by papermill into ``output`` on ``plan_dir`` and ``data_dir`` (project-relative): the text
    its cells print."""
    import json

    import papermill

    from analysis.settings import NOTEBOOKS_DIR

    papermill.execute_notebook(str(NOTEBOOKS_DIR / "01_clean_indicators.ipynb"), str(output), kernel_name="python3",
                               parameters={"plan_dir": plan_dir, "data_dir": data_dir}, progress_bar=False)
    return "".join("".join(out.get("text", "")) for cell in json.loads(output.read_text(encoding="utf-8"))["cells"]
                   for out in cell.get("outputs", []) if out.get("output_type") == "stream")


def test_notebook_01_tells_a_typed_plans_table_in_its_own_words(project_tmp):
    # the national plan's table is typed (values.csv), not printed in a text: no "table title at line None", no
    # "Series([], )", and its indicator 2 is the contribution of S&T progress (55% in 2015), not "R&D intensity
    # 2020–2024"
    printed = notebook_01_prints(project_tmp / "01-national.ipynb", "data/raw/national-12th-fyp",
                                 "data/processed/national-12th-fyp")
    for line in ("no plan text in the folder: the table is typed in values.csv\n",
                 "typed table values.csv; 10 indicators in 5 categories; 12 value cells\n",
                 "The table is typed, one row per value in values.csv. Every value cell keeps its text as typed and "
                 "its line in values.csv.\n",
                 "A typed table gives each series its own rows: no cell to split.\n",
                 "processing: {'as given': 12}\n",
                 "indicator 2, Contribution of S&T progress: {2015: 55.0}\n",
                 "no finding about values.csv\n"):
        assert line in printed, line
    assert "None" not in printed and "Series(" not in printed and "R&D intensity" not in printed
    assert "printed" not in printed and "a tab opens a cell" not in printed  # words for a table parsed as printed


def test_an_indicators_table_written_before_running_totals_were_marked_reads_none_as_one(tmp_path):
    """A report's data/indicators.csv of an earlier version has no running_total column: read with it, false for
    every series (none was marked then); one written with it keeps its marks."""
    from analysis.vocabulary import INDICATOR_COLUMNS

    row = {"indicator_id": 7, "series": "", "category_zh": "类", "category_en": "Category", "name_zh": "平台",
           "name_en": "Platforms", "short_name_zh": "平台", "short_name_en": "Platforms", "unit_zh": "个",
           "unit_en": "platforms", "core": False, "direction": "higher", "kind": "count", "running_total": True,
           "bare_target": False, "source_line": 8, "base_source": "", "base_source_zh": "", "base_source_en": "",
           "lead_department_zh": "", "lead_department_en": "", "departments_zh": "", "departments_en": "",
           "department_basis": "", "department_line": 0}
    assert list(row) == list(INDICATOR_COLUMNS)
    pd.DataFrame([row]).to_csv(tmp_path / "indicators.csv", index=False)
    assert read_table(tmp_path / "indicators.csv", INDICATOR_COLUMNS)["running_total"].tolist() == [True]
    pd.DataFrame([row]).drop(columns=["running_total", "bare_target"]).to_csv(tmp_path / "indicators.csv",
                                                                             index=False)
    earlier = read_table(tmp_path / "indicators.csv", INDICATOR_COLUMNS)
    assert list(earlier.columns) == list(INDICATOR_COLUMNS) and earlier["running_total"].tolist() == [False]
    assert earlier["bare_target"].tolist() == [False]  # none said bare: the reports of then said it from the cells


def _imported_plan(folder, published: str):
    """The fictional Lakeside plan as ``import-plan`` leaves it once reviewed and moved: its typed tables, review.csv
    confirmed, and the published file it was read from (``published``: a Word file or a saved web page; a table of
    one row stands in for it, the story names it, never reads it)."""
    from analysis.ingest.plan_inputs import REVIEW_COLUMNS, REVIEW_FILE
    from tests.conftest import copy_plan
    from tests.support.published import write_docx, write_html

    plan = copy_plan(LAKESIDE_DIR, folder)
    (plan / REVIEW_FILE).write_text(",".join(REVIEW_COLUMNS) + "\n表1第2行第2列,1,指标1,read,yes\n",
                                    encoding="utf-8")
    (write_docx if published.endswith(".docx") else write_html)(
        plan / published, ["一级指标", "序号", "二级指标", "2023年基础值", "2027年目标值"],
        [["创新投入", "1", "R&D经费投入强度（%）*", "2.1", "2.6"]])
    return plan


@pytest.mark.parametrize(("published", "kind"), [("实施方案.docx", "a Word file"),
                                                 ("实施方案.html", "a saved web page")])
def test_the_story_of_a_table_read_from_a_published_file_names_that_file(project_tmp, published, kind):
    # a plan imported from a Word file or a web page was told "the table is typed in values.csv", and its cells
    # "split into cells (a tab opens a cell …)" as a printed text's are
    from analysis.ingest.plan_inputs import table_story
    from analysis.plan import load_plan

    plan = load_plan(_imported_plan(project_tmp / published.replace(".", "-") / "lakeside", published))
    assert table_story(plan, "source") == (
        f"no plan text in the folder: the table was read from {published} ({kind}) into values.csv and "
        "indicators.csv, each reading confirmed in review.csv")
    assert table_story(plan, "where") == f"table read from {published} into values.csv"
    assert table_story(plan, "reading").startswith(f"The tables of {published} were read as grids of cell text")
    assert table_story(plan, "splits", catalog("zh")) == (
        f"国2.8/省3.1这样的合并单元格在读取 {published} 时已拆为国家级和省级两个序列，"
        "每次拆分都是 review.csv 中的一行。")
    # typed by hand (no review, no published file), and printed
    assert table_story(load_plan(LAKESIDE_DIR), "source") == (
        "no plan text in the folder: the table is typed in values.csv")
    assert table_story(load_plan(DEFAULT_PLAN_DIR), "where", line=64) == "table title at line 64"


def test_notebook_01_tells_a_table_read_from_a_word_file_in_its_own_words(project_tmp):
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from tests.conftest import relative

    plan = load_plan(_imported_plan(project_tmp / "imported" / "lakeside", "实施方案.docx"))
    processed = project_tmp / "imported-processed" / "lakeside"
    processed.mkdir(parents=True)
    for name, data in build_tables(plan, "eurostat", plan.folder / "observations").files().items():
        (processed / name).write_bytes(data)
    printed = notebook_01_prints(project_tmp / "01-imported.ipynb", relative(plan.folder), relative(processed))
    for line in ("no plan text in the folder: the table was read from 实施方案.docx (a Word file) into values.csv and "
                 "indicators.csv, each reading confirmed in review.csv\n",
                 "table read from 实施方案.docx into values.csv; ",
                 "The tables of 实施方案.docx were read as grids of cell text, exactly as published",
                 "were split into a national and a provincial series when 实施方案.docx was read"):
        assert line in printed, line
    assert "typed" not in printed and "printed" not in printed and "a tab opens a cell" not in printed

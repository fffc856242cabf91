"""The processed tables as a report of one year publishes them (:meth:`ProcessedTables.up_to`)."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analysis.catalog import mistakes_told_in
from analysis.clean.processed import ProcessedTables, read_processed, read_table
from analysis.errors import InputError
from analysis.vocabulary import OBSERVATION_ISSUES


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
    assert tables.up_to(2024).files() == tables.files()


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

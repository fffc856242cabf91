"""A plan folder's files read as given: an imported plan's review (its readings not yet confirmed stop the run, told
in the run's language), the files a typed table does not read."""
from __future__ import annotations

import pytest

from analysis.catalog import mistakes_told_in
from analysis.errors import InputError, error_lines
from analysis.ingest.plan_inputs import check_review, load_plan_inputs
from analysis.plan import load_plan
from tests.conftest import copy_plan

REVIEW = ("where,text,read_as,action,confirmed\n"
          "表1第3行第4列,5,指标1 2020年基础值：5,read,yes\n"
          "表1第4行第4列,3,指标1国家级2020年基础值：3,guess,\n"
          "表1第5行第5列,80,指标1省级2025年目标值：80,fill,no\n")


def test_readings_not_yet_confirmed_are_told_in_the_runs_language(tmp_path):
    (tmp_path / "review.csv").write_text(REVIEW, encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        check_review(tmp_path)
    assert (caught.value.file, caught.value.line, caught.value.field) == (tmp_path / "review.csv", 3, "confirmed")
    assert caught.value.reason == (
        "导入表格中有2处读取结果尚未确认，第一处：guess（表1第4行第4列）：指标1国家级2020年基础值：3；"
        "请逐项与已发布的表格核对，必要时更正 indicators.csv 或 values.csv，并在 confirmed 中填写 yes")
    with pytest.raises(InputError) as caught:
        check_review(tmp_path)
    assert caught.value.reason == (
        "2 reading(s) of the imported table not yet confirmed, the first: guess at 表1第4行第4列: 指标1国家级"
        "2020年基础值：3; check each against the published table, correct indicators.csv or values.csv where needed, "
        "and write yes in confirmed")
    (tmp_path / "review.csv").write_text(REVIEW.replace(",guess,\n", ",guess,yes\n").replace(",no\n", ",Yes\n"),
                                         encoding="utf-8")
    check_review(tmp_path)  # every reading confirmed


def test_a_printed_tables_files_beside_a_typed_table_are_told_not_read(tmp_path, lakeside):
    """indicator_metadata.csv and categories.csv give what a printed table does not print; a typed table's
    indicators.csv gives it itself. Either file beside a typed table is told, not passed over: each once, saying
    where its words go, in the run's language."""
    plan = copy_plan(lakeside.folder, tmp_path / "lakeside")
    (plan / "indicator_metadata.csv").write_text(
        "indicator_id,series,name_en,short_name_zh,short_name_en,unit_zh,unit_en,direction,kind\n"
        "1,,R&D spending,研发投入,R&D,%,%,higher,share\n", encoding="utf-8")
    (plan / "categories.csv").write_text("category_zh,category_en\n创新投入,Innovation input\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan_inputs(load_plan(plan))
    assert error_lines(caught.value) == [
        f"{plan / 'categories.csv'}: the plan is typed as a table, whose indicators.csv gives each indicator's "
        "category in both languages (category_zh, category_en): this file, for a printed table, is not read; remove "
        "it, and write the English names in indicators.csv",
        f"{plan / 'indicator_metadata.csv'}: the plan is typed as a table, whose indicators.csv gives each series' "
        "names, units, direction and kind: this file, for a printed table, is not read; remove it, and write what it "
        "says in indicators.csv"]
    (plan / "categories.csv").unlink()
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan_inputs(load_plan(plan))
    assert caught.value.reason == ("该方案以表格录入，各序列的名称、单位、方向和类型由 indicators.csv 给出："
                                   "此文件供印发的指标表使用，不会被读取；"
                                   "请删除该文件，并把其中的内容写入 indicators.csv")

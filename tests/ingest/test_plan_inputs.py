"""An imported plan's review: its readings not yet confirmed stop the run, told in the run's language."""
from __future__ import annotations

import pytest

from analysis.catalog import mistakes_told_in
from analysis.errors import InputError
from analysis.ingest.plan_inputs import check_review

REVIEW = ("where,text,read_as,action,confirmed\n"
          "表1 第3行 第4列,5,指标 1 2020年基础值：5,read,yes\n"
          "表1 第4行 第4列,3,指标 1 国家级 2020年基础值：3,guess,\n"
          "表1 第5行 第5列,80,指标 1 省级 2025年目标值：80,fill,no\n")


def test_readings_not_yet_confirmed_are_told_in_the_runs_language(tmp_path):
    (tmp_path / "review.csv").write_text(REVIEW, encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        check_review(tmp_path)
    assert (caught.value.file, caught.value.line, caught.value.field) == (tmp_path / "review.csv", 3, "confirmed")
    assert caught.value.reason == (
        "导入表格中有 2 处读取结果尚未确认，第一处：guess（表1 第4行 第4列）：指标 1 国家级 2020年基础值：3；"
        "请逐项与已发布的表格核对，必要时更正 indicators.csv 或 values.csv，并在 confirmed 中填写 yes")
    with pytest.raises(InputError) as caught:
        check_review(tmp_path)
    assert caught.value.reason == (
        "2 reading(s) of the imported table not yet confirmed, the first: guess at 表1 第4行 第4列: 指标 1 国家级 "
        "2020年基础值：3; check each against the published table, correct indicators.csv or values.csv where needed, "
        "and write yes in confirmed")
    (tmp_path / "review.csv").write_text(REVIEW.replace(",guess,\n", ",guess,yes\n").replace(",no\n", ",Yes\n"),
                                         encoding="utf-8")
    check_review(tmp_path)  # every reading confirmed

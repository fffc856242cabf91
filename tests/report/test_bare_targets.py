"""A level to hold every year is said to be read from a bare number ("方案表列 85%，未标“≥”") only where the plan's
table really prints it so: never for a typed plan's ``at_least`` series unless its indicators.csv marks it
``bare_target``, as a typed plan's value column holds a number, never the sign the plan prints or leaves out."""
from __future__ import annotations

import csv

import pytest

from analysis.catalog import mistakes_told_in
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.plan import load_plan
from analysis.publish.data import build_tables
from analysis.report import words
from analysis.report.context import load_report
from analysis.report.self_evaluation import self_evaluation_blocks
from tests.conftest import relative
from tests.support.plans import write_typed_plan
from tests.support.self_evaluation import block_texts

#: Good-air days: 88.5% in the base year, 85% to hold in 2025 and in 2027 (the plan: 保持在85%以上).
AIR = ["3", "", "绿色发展", "Green development", "空气质量优良天数比例", "Share of good-air days", "优良天数比例",
       "Good-air days", "%", "%", "false", "at_least", "share"]


def typed_plan(folder, bare: str | None):
    """A typed plan of two series and the good-air share; ``bare``: its ``bare_target`` cell (None: no column)."""
    write_typed_plan(folder, 2, name=folder.name)
    with open(folder / "indicators.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows.append(AIR)
    if bare is not None:
        rows = [row + [cell] for row, cell in zip(rows, ["bare_target", "", "", bare])]
    with open(folder / "indicators.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    with open(folder / "values.csv", "a", encoding="utf-8") as handle:
        handle.write("3,,2022,baseline,88.5\n3,,2025,target,85\n3,,2027,target,85\n")
    with open(folder / "observations" / "bulletins.csv", "a", encoding="utf-8") as handle:
        handle.write("3,,2023,86,测试市统计公报2023\n3,,2024,87,测试市统计公报2024\n3,,2025,88,测试市统计公报2025\n")
    return folder


@pytest.fixture(scope="module", params=[None, "", "true"], ids=["no-column", "empty", "true"])
def case(request, project_tmp):
    name = {None: "none", "": "empty"}.get(request.param, request.param)
    folder = typed_plan(project_tmp / "plans" / f"bare-{name}", request.param)
    tables = project_tmp / "bare-tables" / folder.name
    tables.mkdir(parents=True)
    for name, data in build_tables(load_plan(folder), "eurostat", folder / "observations").files().items():
        (tables / name).write_bytes(data)
    return request.param == "true", folder, tables


def test_the_data_quality_log_says_a_typed_target_is_bare_only_where_indicators_csv_says_so(case):
    """88.5% in 2022 already meets 85%: the log gives the targets, and ", printed without “≥”" only for the series
    marked bare (by hand: the catalog's printed_unsigned, "，方案表未标“≥”")."""
    bare, folder, _ = case
    quality = clean_plan_table(load_plan_inputs(load_plan(folder))).quality
    [met] = quality[(quality.issue == "baseline_meets_target") & (quality.indicator_id == 3)].itertuples()
    zh, en = met.detail_zh.replace(" ", ""), met.detail_en
    assert "（2025年目标85%、2027年目标85%" in zh
    assert "(85% in 2025, 85% in 2027" in en
    assert ("方案表未标“≥”" in zh) is bare and ("未标" in zh) is bare
    assert ("printed without “≥”" in en) is bare and ("without" in en) is bare


def test_a_typed_level_gets_the_bare_reading_only_where_indicators_csv_says_so(case):
    """The self-evaluation's note under the table, and the reading the summary adds to a verdict resting on it: for
    the series marked bare "方案表列 85%，未标“≥”，本报告按每年须达到评估" / "the plan's table prints 85%, without “≥”";
    nothing at all for a typed at_least series not marked (the plan printed 保持在85%以上: its direction says so)."""
    bare, _, tables = case
    # the second note under the table, after the one on what its signs mean (the plan has no core indicators)
    for language, note in (("zh", "（2）指标3方案表列85%，未标“≥”，本报告按每年须达到评估。"),
                           ("en", "2. Indicator 3: the plan's table prints 85%, without “≥”; read as a level to hold "
                                  "every year.")):
        context = load_report(relative(tables), 2025, language)
        [row] = [row for row in context.joined().itertuples() if row.indicator_id == 3]
        texts = [text.replace(" ", "") if language == "zh" else text
                 for text in block_texts(self_evaluation_blocks(context))]
        if bare:
            assert words.bare_target_reading(context, row) != ""
            assert (note.replace(" ", "") if language == "zh" else note) in texts, texts
        else:
            assert words.bare_target_reading(context, row) == ""
            # (the table's note on its signs, "未标的，为目标年份应达到的数值", is no such claim)
            assert not [text for text in texts if "未标“≥”" in text or "without “≥”" in text], texts


def test_a_bare_target_for_a_target_to_reach_is_refused(project_tmp):
    """bare_target true for a series to grow (higher) means nothing: refused at its line, in either language."""
    folder = typed_plan(project_tmp / "plans" / "bare-higher", "true")
    text = (folder / "indicators.csv").read_text(encoding="utf-8").replace("false,at_least,share,true",
                                                                            "false,higher,share,true")
    (folder / "indicators.csv").write_text(text, encoding="utf-8")
    for language, expected in (("en", "bare_target true for a series whose direction is 'higher'"),
                               ("zh", "该序列 direction 为'higher'，bare_target 不应为 true")):
        with mistakes_told_in(language), pytest.raises(InputError) as raised:
            clean_plan_table(load_plan_inputs(load_plan(folder)))
        assert "indicators.csv:4" in str(raised.value) and expected in str(raised.value), str(raised.value)

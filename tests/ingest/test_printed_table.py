"""The parser reads the printed table, and says exactly where a broken table breaks."""
from __future__ import annotations

import pytest

from analysis.catalog import mistakes_told_in
from analysis.clean.tidy import parse_values
from analysis.errors import InputError
from analysis.ingest.printed_table import parse_printed_table
from analysis.settings import DEFAULT_PLAN_DIR
from tests.conftest import FIXTURES

SOURCE = DEFAULT_PLAN_DIR / "weihai-innovative-city-plan-2022.txt"
TABLES = FIXTURES / "tables"


@pytest.fixture(scope="module")
def printed():
    return parse_printed_table(SOURCE)


def test_real_table_has_26_indicators_in_5_categories(printed):
    rows = printed.rows
    assert sorted(rows["indicator_id"].unique()) == list(range(1, 27))
    assert rows["category"].nunique() == 5
    assert rows.groupby("category", sort=False)["indicator_id"].nunique().tolist() == [12, 4, 3, 5, 2]


def test_core_marks_and_qualitative_rows(printed):
    rows = printed.rows.drop_duplicates("indicator_id")
    assert sorted(rows.loc[rows["core"], "indicator_id"]) == [2, 7, 8, 20, 22, 23]
    assert sorted(rows.loc[rows["qualitative"], "indicator_id"]) == [22, 23, 24]
    assert "*" in printed.core_note


def test_indicator_5_spans_two_printed_rows(printed):
    five = printed.rows[printed.rows["indicator_id"] == 5]
    assert five["series"].tolist() == ["national", "provincial"]
    assert five["name_printed"].iloc[0].startswith("科技创新基地")


def test_value_cells_keep_printed_text_and_line(printed):
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    cells = printed.cells
    assert len(cells) == 4 * 24  # 21 plain rows, indicator 4 as one combined row, indicator 5 as two rows
    for row in cells.itertuples():
        assert lines[row.source_line - 1] == "\t" + row.printed_text
    typo = cells[(cells.indicator_id == 19) & (cells.field == "target_2024")].iloc[0]
    assert typo.printed_text == "3..5"
    spaced = cells[(cells.indicator_id == 12) & (cells.field == "baseline_2021")].iloc[0]
    assert spaced.printed_text == "14.6 "
    combined = cells[(cells.indicator_id == 4) & (cells.field == "baseline_2020")].iloc[0]
    assert combined.printed_text == "国2.8/省3.1"


def test_header_gives_the_value_fields(printed):
    assert [(f.name, f.year, f.value_type) for f in printed.fields] == [
        ("baseline_2020", 2020, "baseline"), ("baseline_2021", 2021, "baseline"),
        ("target_2023", 2023, "target"), ("target_2024", 2024, "target")]


def test_a_table_with_other_years_gives_other_fields(tmp_path):
    text = (TABLES / "good.txt").read_text(encoding="utf-8")
    other = text.replace("2020年", "2022年").replace("2021年", "2023年").replace("2023年\n\n目标值", "2026年\n\n目标值")
    other = other.replace("2024年", "2027年")
    (tmp_path / "other.txt").write_text(other, encoding="utf-8")
    fields = parse_printed_table(tmp_path / "other.txt").fields
    assert [f.name for f in fields] == ["baseline_2022", "baseline_2023", "target_2026", "target_2027"]


def test_a_header_cell_that_is_not_a_value_column_is_named(tmp_path):
    text = (TABLES / "good.txt").read_text(encoding="utf-8").replace("\t2020年基础值", "\t备注", 1)
    (tmp_path / "bad.txt").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.txt:\d+: header: header cell reads '备注', expected a value column"):
        parse_printed_table(tmp_path / "bad.txt")


def test_small_good_fixture_parses():
    printed = parse_printed_table(TABLES / "good.txt")
    assert printed.rows["indicator_id"].tolist() == [1, 2]
    assert printed.rows["core"].tolist() == [False, True]
    assert printed.cells["printed_text"].tolist() == ["10", "12", "14", "15", "2.5", "2.6", "3", "3"]


@pytest.mark.parametrize(
    ("fixture", "line", "words"),
    [
        ("missing_cell.txt", 23, "ends after 3 value cells"),
        ("extra_cell.txt", 25, "after its 4 value cells"),
        ("empty_cell.txt", 22, "baseline_2021 cell is empty"),
        ("id_out_of_sequence.txt", 27, "out of sequence"),
    ],
)
def test_broken_tables_name_the_line(fixture, line, words):
    with pytest.raises(InputError) as caught:
        parse_printed_table(TABLES / fixture)
    message = str(caught.value)
    assert f"{fixture}:{line}:" in message
    assert words in message
    assert caught.value.line == line


def test_missing_footnote_is_reported():
    with pytest.raises(InputError, match="no closing footnote"):
        parse_printed_table(TABLES / "no_footnote.txt")


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        parse_printed_table(tmp_path / "absent.txt")


def test_non_utf8_source_is_reported(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("创新型城市建设目标".encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8"):
        parse_printed_table(path)


def test_unknown_printed_token_names_the_line():
    path = TABLES / "unknown_token.txt"
    printed = parse_printed_table(path)
    cells = printed.cells.assign(text=printed.cells["printed_text"], correction="")
    with pytest.raises(InputError) as caught:
        parse_values(cells, path, path.name)
    assert "unknown_token.txt:23: target_2023:" in str(caught.value)
    assert "unknown printed token '约14'" in str(caught.value)


@pytest.mark.parametrize(
    ("fixture", "reason"),
    [
        ("missing_cell.txt", "指标1所在行只有3个数值单元格，应为4个（缺少单元格）"),
        ("extra_cell.txt", "指标1所在行在4个数值单元格之后还有单元格 '16'（单元格数目不对）"),
        ("empty_cell.txt", "指标1：baseline_2021 单元格为空（缺少单元格）"),
        ("id_out_of_sequence.txt", "指标编号3不连续，应为2"),
        ("no_footnote.txt", "表格末尾缺少以“注：”开头的注释行"),
    ],
)
def test_a_broken_printed_table_is_told_in_the_language_the_run_asks_for(fixture, reason):
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        parse_printed_table(TABLES / fixture)
    assert caught.value.reason == reason


def test_a_series_label_the_table_does_not_know_is_told_in_chinese(tmp_path):
    """A second row of indicator 2 labelled 市级: the labels the table takes listed with the catalog's "or"."""
    text = (TABLES / "good.txt").read_text(encoding="utf-8")
    two = "\t国家级\n\t2.5\n\t2.6\n\t3\n\t3\n\n\t\n\t\n\t\n\t市级\n\t2.5\n\t2.6\n\t3\n\t3\n"
    text = text.replace("\t2.5\n\t2.6\n\t3\n\t3\n", two, 1)
    (tmp_path / "series.txt").write_text(text, encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        parse_printed_table(tmp_path / "series.txt")
    assert caught.value.reason == "应为序列标签（国家级或省级），实为 '市级'"
    with pytest.raises(InputError, match=r"series: expected a series label \(国家级 or 省级\), found '市级'$"):
        parse_printed_table(tmp_path / "series.txt")

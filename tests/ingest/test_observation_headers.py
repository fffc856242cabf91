"""An observation CSV's header: the columns' own names, or the labels the department templates show above them."""
from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.ingest.observations import read_observation_files


def write(folder, text: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2024-bulletin.csv").write_text(text, encoding="utf-8")
    return folder


def test_a_csv_headed_with_the_templates_chinese_labels_is_read(tmp_path):
    # a clerk who saved the template's sheet as CSV keeps its Chinese header: 编号, 序列, 年份, 数值, 数据来源
    folder = write(tmp_path / "obs", "编号,序列,年份,数值,数据来源\n2,,2023,2.61,威海市统计公报\n")
    frame = read_observation_files(folder).files[0].frame
    assert frame.loc[0, ["indicator_id", "year", "value", "source"]].tolist() == ["2", "2023", "2.61", "威海市统计公报"]


def test_a_csv_header_naming_no_column_is_still_refused(tmp_path):
    folder = write(tmp_path / "obs", "编号,年份,金额,数据来源\n2,2023,2.61,公报\n")
    with pytest.raises(InputError, match="missing column"):
        read_observation_files(folder)


def test_a_chinese_comma_for_the_decimal_point_is_told_as_such(tmp_path):
    from analysis.catalog import catalog
    from analysis.ingest.csv_reader import parse_number

    with pytest.raises(InputError, match="小数点应写作“.”，不是逗号或顿号"):
        parse_number("2，9", file=tmp_path / "a.xlsx", line=5, field="value", words=catalog("zh"))
    with pytest.raises(InputError, match="请只写数字和小数点"):  # a thousands separator: the general advice
        parse_number("24,800", file=tmp_path / "a.xlsx", line=5, field="value", words=catalog("zh"))

"""A plan file's header (indicators.csv, categories.csv: headed by the columns' own names) told in the run's
language: its columns named by those names alone, not by an observation template's labels."""
from __future__ import annotations

import pytest

from analysis.catalog import mistakes_told_in
from analysis.errors import InputError
from analysis.ingest.csv_reader import read_strict_csv


def told(path, required, optional=()) -> str:
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        read_strict_csv(path, required, optional)
    return str(caught.value).replace(f"{path}:", "")


def test_a_plan_files_label_typed_for_a_column_is_told_by_the_columns_name(tmp_path):
    path = tmp_path / "indicator_metadata.csv"
    path.write_text("编号,series,name_en\n1,,R&D\n", encoding="utf-8")
    assert told(path, ["indicator_id", "series", "name_en"]) == (
        "1: 表头: 表头中有无法识别的列 编号：是否应为 indicator_id？")


def test_a_plan_files_unknown_and_repeated_columns_are_named_by_their_names(tmp_path):
    path = tmp_path / "indicator_metadata.csv"
    path.write_text("indicator_id,series,name_en,extra\n1,,R&D,x\n", encoding="utf-8")
    assert told(path, ["indicator_id", "series", "name_en"]) == (
        "1: 表头: 表头中有无法识别的列：extra；可用的列为 indicator_id、series、name_en")
    path = tmp_path / "categories.csv"
    path.write_text("category_zh,category_en,category_en\n创新,Innovation,Innovation\n", encoding="utf-8")
    assert told(path, ["category_zh", "category_en"]) == "1: 表头: 列 category_en 出现了两次"
    path.write_text("category_zh,category_en,category_en,category_en\n创新,a,b,c\n", encoding="utf-8")
    assert told(path, ["category_zh", "category_en"]) == "1: 表头: 列 category_en 出现了3次"


def test_a_plan_files_row_of_too_few_fields_lists_its_header_in_chinese(tmp_path):
    path = tmp_path / "categories.csv"
    path.write_text("category_zh,category_en\n创新\n", encoding="utf-8")
    assert told(path, ["category_zh", "category_en"]) == (
        "2: 这一行有1个值，表头有2列（category_zh、category_en）："
        "是否多了或少了逗号？含逗号的文字请用英文双引号括起")
    path.write_text("", encoding="utf-8")
    assert told(path, ["category_zh", "category_en"]) == "1: 文件为空：第一行应为表头，含 category_zh、category_en"


@pytest.mark.parametrize(("header", "said"), [
    ("category_zh,category_en,remark", "1: 表头: 表头中有无法识别的列：remark；可用的列为 category_zh、category_en"),
    ("category_zh,remark,category_en", "1: 表头: 表头中有无法识别的列：remark；可用的列为 category_zh、category_en"),
    ("category_zh,category_en,category_en", "1: 表头: 列 category_en 出现了两次"),
])
def test_a_column_added_to_the_header_only_is_told_once_not_on_every_row(tmp_path, header, said):
    """A column typed into the header and into no row (remark): the header's mistake, told once; the rows, one cell
    short of the header, are read by the columns it knows, not each told a comma too few."""
    path = tmp_path / "categories.csv"
    path.write_text(f"{header}\n创新投入,Innovation input\n创新产出,Innovation output\n创新环境,Environment\n",
                    encoding="utf-8")
    assert told(path, ["category_zh", "category_en"]) == said
    frame = read_strict_csv(path, ["category_zh", "category_en"], defer=True)
    assert frame["category_en"].tolist() == ["Innovation input", "Innovation output", "Environment"]
    assert [error.line for error in frame.attrs["mistakes"]] == [1]

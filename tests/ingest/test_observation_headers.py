"""An observation CSV's header: the columns' own names, or the labels the department templates show above them."""
from __future__ import annotations

import re

import pytest

from analysis.errors import InputError
from analysis.ingest.observations import read_observation_files
from tests.support.observations import refused_file


@pytest.fixture(scope="module")
def clean_weihai(weihai):
    from analysis.clean.tidy import clean_plan_table
    from analysis.ingest.plan_inputs import load_plan_inputs

    return clean_plan_table(load_plan_inputs(weihai))


def write(folder, text: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2024-bulletin.csv").write_text(text, encoding="utf-8")
    return folder


def test_a_csv_headed_with_the_templates_chinese_labels_is_read(tmp_path):
    # a clerk who saved the template's sheet as CSV keeps its Chinese header: 编号、序列、年份、数值、数据来源
    folder = write(tmp_path / "obs", "编号,序列,年份,数值,数据来源\n2,,2023,2.61,威海市统计公报\n")
    frame = read_observation_files(folder).files[0].frame
    assert frame.loc[0, ["indicator_id", "year", "value", "source"]].tolist() == ["2", "2023", "2.61", "威海市统计公报"]
    # every column has its label in each language: 中文数据来源 is source_zh, as 英文数据来源 is source_en
    folder = write(tmp_path / "obs2", "编号,序列,年份,数值,数据来源,中文数据来源\n2,,2023,2.61,bulletin,统计公报\n")
    assert read_observation_files(folder).files[0].frame.loc[0, "source_zh"] == "统计公报"


def test_a_csv_header_naming_no_column_is_still_refused(tmp_path):
    folder = write(tmp_path / "obs", "编号,年份,金额,数据来源\n2,2023,2.61,公报\n")
    with pytest.raises(InputError, match="表头缺少列：序列（series）、数值（value）；现在的表头为 编号、年份、金额"):
        read_observation_files(folder)


def test_a_chinese_comma_for_the_decimal_point_is_told_as_such(tmp_path):
    from analysis.catalog import catalog
    from analysis.ingest.csv_reader import parse_number

    with pytest.raises(InputError, match=r"'2，9' 不是数字（是否应为2\.9？小数点请用“\.”）"):
        parse_number("2，9", file=tmp_path / "a.xlsx", line=5, field="value", words=catalog("zh"))
    with pytest.raises(InputError, match=r"'24,800' 不是数字（是否应为24800？请去掉千位分隔符）"):
        parse_number("24,800", file=tmp_path / "a.xlsx", line=5, field="value", words=catalog("zh"))


# A CSV headed in Chinese is told its mistakes in Chinese, each naming its line and the column by its Chinese label;
# a CSV headed in English is told them in English, as before.
@pytest.mark.parametrize(("text", "expected"), [
    ("编号,序列,年份,数值\n2,,2023,2.61\n",
     "a.csv:1: 表头: 表头缺少列：数据来源（source）；现在的表头为 编号、序列、年份、数值"),
    ("编号,序列,年份,数值,数据来源\n2,,2023,2.61\n",
     "a.csv:2: 这一行有4个值，表头有5列（编号、序列、年份、数值、数据来源）"),
    ("indicator_id,series,year,value,source\n2,,2023\n", "a.csv:2: 3 fields, expected 5 (indicator_id, series, year,"),
    ("indicator_id,series,year,value,source\n2\n", "a.csv:2: 1 field, expected 5"),
    ("编号,序列,年份,数值,数据来源,金额\n2,,2023,2.61,公报,3\n",
     "a.csv:1: 表头: 表头中有无法识别的列：金额；可用的列为 编号（indicator_id）"),
    # typed with a Chinese input method: full-width commas, told as such, not as five columns missing
    ("编号，序列，年份，数值，数据来源\n2，，2023，2.61，公报\n",
     "a.csv:1: 表头: 表头只有一列 编号，序列，年份，数值，数据来源，各列以全角逗号“，”分隔："
     "请在表头和每一行中改用半角逗号“,”（英文输入法）分隔各列"),
    ("indicator_id，series，year，value，source\n2，，2023，2.61，Bulletin\n",
     "a.csv:1: header: the header is one column, indicator_id，series，year，value，source, its names separated by the "
     "full-width comma '，': separate the columns with the comma ','"),
])
def test_a_csv_header_problem_is_told_in_the_headers_language(clean_weihai, weihai, tmp_path, text, expected):
    # a row's shape, an unknown column: told with the rows' mistakes
    folder = tmp_path / "obs"
    message = refused_file(folder, "a.csv", text, clean_weihai, weihai).replace(f"{folder}/", "")
    assert message.startswith(expected)
    if "编号" in text:
        told = re.sub(r"（[^）]*）", "", message.split(": ", 2)[-1])  # a column's or a character's name aside
        assert not re.search(r"[a-z]{3,} [a-z]{3,}", told), message  # no English sentence


def test_a_csv_headed_in_chinese_is_told_a_wrong_cell_in_chinese(clean_weihai, weihai, tmp_path):
    from analysis.clean.observations import check_observations

    folder = write(tmp_path / "obs", "编号,序列,年份,数值,数据来源\n2,,2023,2.61,公报\n3,,2023,约25,公报\n"
                                      "99,,2023,1,公报\n")
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(folder), clean_weihai.indicators, weihai,
                           clean_weihai.values)
    lines = str(caught.value).replace(f"{folder}/", "").splitlines()
    assert lines[0].startswith("2024-bulletin.csv:3: 数值: '约25' 不是数字")
    assert lines[1].startswith("2024-bulletin.csv:4: 编号: 方案中没有编号为99的指标")
    english = write(tmp_path / "en", "indicator_id,series,year,value,source\n3,,2023,about 25,bulletin\n")
    with pytest.raises(InputError, match=r"2024-bulletin.csv:2: value: 'about 25' is not a number"):
        check_observations(read_observation_files(english), clean_weihai.indicators, weihai,
                           clean_weihai.values)


@pytest.mark.parametrize(("name", "text", "expected"), [
    # Chinese Excel's "CSV (逗号分隔)" is GBK: told in the header's language, the way to save it named
    ("gbk", "编号,序列,年份,数值,数据来源\n2,,2023,2.61,公报\n".encode("gbk"),
     "a.csv:1: 不是 UTF-8 编码（多为 Excel 的“CSV（逗号分隔）”，即 GBK 编码，不能读取）"),
    ("utf-16", "编号,序列,年份,数值,数据来源\n".encode("utf-16"), "a.csv: 含有空字节，不是文本 CSV 文件"),
    ("two marks", "\ufeff\ufeff编号,序列,年份,数值,数据来源\n".encode(),
     "a.csv:1: 表头: 文件开头有两个字节顺序标记"),
    ("a quote left open", '编号,序列,年份,数值,数据来源\n3,,2023,2.7,"公报\n'.encode(),
     "a.csv:2: 这一行无法按 CSV 读取"),
    ("gbk, in English", b"indicator_id,series,year,value,source\n2,,2023,2.61,\xb9\xab\xb1\xa8\n",
     "a.csv:2: not UTF-8 (byte 51); save the file as UTF-8"),
])
def test_a_file_that_cannot_be_read_as_text_is_told_in_its_headers_language(tmp_path, name, text, expected):
    folder = tmp_path / "obs"
    folder.mkdir()
    (folder / "a.csv").write_bytes(text)
    with pytest.raises(InputError) as caught:
        read_observation_files(folder)
    assert str(caught.value).replace(f"{folder}/", "").startswith(expected)


def test_every_hidden_character_of_a_csv_is_told_with_the_other_rows_mistakes(clean_weihai, weihai, tmp_path):
    from analysis.clean.observations import check_observations

    # line 2's zero-width space stopped the reading: line 3's 约1350 and line 4's empty value waited for a second run
    folder = write(tmp_path / "obs", "编号,序列,年份,数值,数据来源\n2,,2023,2.61,公\u200b报\n1,,2023,约1350,公报\n"
                                      "3,,2023,,公报\n4,国家级,2023,2.9,公报\n2,国家级,2022,2.5,公报\n")
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(folder), clean_weihai.indicators, weihai, clean_weihai.values)
    lines = str(caught.value).replace(f"{folder}/", "").splitlines()
    assert [line.split(": ")[0:2] for line in lines] == [
        ["2024-bulletin.csv:2", "数据来源"], ["2024-bulletin.csv:3", "数值"], ["2024-bulletin.csv:4", "数值"],
        ["2024-bulletin.csv:6", "序列"]]
    assert lines[2].endswith("数值: 为空：请填写数值")
    assert lines[3].endswith("序列: 指标2不分国家级、省级序列（填写了 '国家级'）：序列一栏请留空")


def test_how_many_more_mistakes_there_are_is_told_in_the_files_language(clean_weihai, weihai, tmp_path):
    from analysis.clean.observations import check_observations
    from analysis.errors import LISTED_ERRORS

    rows = "".join(f"2,,2023,约{n},公报\n" for n in range(LISTED_ERRORS + 5))
    folder = write(tmp_path / "obs", "编号,序列,年份,数值,数据来源\n" + rows)
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(folder), clean_weihai.indicators, weihai, clean_weihai.values)
    lines = caught.value.lines()
    assert len(lines) == LISTED_ERRORS + 1 and lines[-1].endswith("/obs/2024-bulletin.csv: ……另有5处错误")


@pytest.mark.parametrize(("header", "expected"), [
    # a misspelt column: the unknown cell named with the column it most likely is, one line, not "missing value"
    ("indicator_id,series,year,vaule,source", "a.csv:1: header: unknown column vaule: did you mean value?"),
    ("编号,序列,年份,数值,数据来原", "a.csv:1: 表头: 表头中有无法识别的列 数据来原：是否应为 数据来源（source）？"),
    # a two-character label one character off (数直 for 数值): a slip, though too short for a ratio to find
    ("编号,序列,年份,数直,数据来源", "a.csv:1: 表头: 表头中有无法识别的列 数直：是否应为 数值（value）？"),
])
def test_a_misspelt_column_is_named_with_the_column_it_is_closest_to(tmp_path, header, expected):
    folder = tmp_path / "obs"
    folder.mkdir()
    (folder / "a.csv").write_text(header + "\n1,,2023,24100,统计公报\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_observation_files(folder)
    assert str(caught.value).replace(f"{folder}/", "") == expected


NOT_A_NUMBER = "is not a number (write plain digits with a decimal point, no thousands separators, units or % signs)"
ADVICE = "a comma too many or too few? Put text holding a comma in double quotes"


def test_every_row_of_too_few_or_too_many_fields_is_told_with_the_other_rows_mistakes(clean_weihai, weihai, tmp_path):
    from analysis.clean.observations import check_observations

    # line 3's missing source stopped the reading: lines 2 and 4's values and line 5's extra fields waited for more
    # runs (a row that stops before the optional note alone is read, its note empty)
    folder = write(tmp_path / "obs", "indicator_id,series,year,value,source,note\n2,,2023,abc,bulletin,\n"
                                      "10,,2023,1450\n11,,2023,xyz,bulletin,\n12,,2023,1,2,3,4\n")
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(folder), clean_weihai.indicators, weihai, clean_weihai.values)
    assert str(caught.value).replace(f"{folder}/", "").splitlines() == [
        f"2024-bulletin.csv:2: value: 'abc' {NOT_A_NUMBER}",
        f"2024-bulletin.csv:3: 4 fields, expected 6 (indicator_id, series, year, value, source, note): {ADVICE}",
        f"2024-bulletin.csv:4: value: 'xyz' {NOT_A_NUMBER}",
        f"2024-bulletin.csv:5: 7 fields, expected 6 (indicator_id, series, year, value, source, note): {ADVICE}"]


def test_a_csv_headed_in_chinese_is_told_its_rows_of_too_few_fields_in_chinese_with_the_others(clean_weihai, weihai,
                                                                                               tmp_path):
    from analysis.clean.observations import check_observations

    folder = write(tmp_path / "obs", "编号,序列,年份,数值,数据来源\n2,,2023,约2.6,公报\n10,,2023,1450\n"
                                      "11,,2023,50,公报,备注\n")
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(folder), clean_weihai.indicators, weihai, clean_weihai.values)
    advice = "是否多了或少了逗号？含逗号的文字请用英文双引号括起"
    assert str(caught.value).replace(f"{folder}/", "").splitlines() == [
        "2024-bulletin.csv:2: 数值: '约2.6' 不是数字（是否应为2.6？请去掉“约”，只写数字；"
        "如为估计数，请在该行的备注中说明）",
        f"2024-bulletin.csv:3: 这一行有4个值，表头有5列（编号、序列、年份、数值、数据来源）：{advice}",
        f"2024-bulletin.csv:4: 这一行有6个值，表头有5列（编号、序列、年份、数值、数据来源）：{advice}"]


@pytest.mark.parametrize(("header", "told"), [
    ("indicator_id,series,year,value,source,extra",
     ["2024-bulletin.csv:1: header: unexpected column(s) extra; allowed: indicator_id, series, year, value, source,",
      f"2024-bulletin.csv:2: value: 'abc' {NOT_A_NUMBER}",
      f"2024-bulletin.csv:3: 4 fields, expected 6 (indicator_id, series, year, value, source, extra): {ADVICE}"]),
    ("编号,序列,年份,数值,数据来源,额外列",
     ["2024-bulletin.csv:1: 表头: 表头中有无法识别的列：额外列；可用的列为 编号（indicator_id）、序列（series）、",
      "2024-bulletin.csv:2: 数值: 'abc' 不是数字（请只写数字和小数点，不加千位分隔符、单位或 % 号）",
      "2024-bulletin.csv:3: 这一行有4个值，表头有6列（编号、序列、年份、数值、数据来源、额外列）："
      "是否多了或少了逗号？含逗号的文字请用英文双引号括起"]),
])
def test_an_unknown_column_in_the_header_is_told_with_the_rows_mistakes(clean_weihai, weihai, tmp_path, header, told):
    """The header's unknown column stopped the file at its header: the rows' mistakes waited for a second round."""
    from analysis.clean.observations import check_observations

    folder = write(tmp_path / "obs", header + "\n2,,2023,abc,bulletin,x\n10,,2023,1450\n11,,2023,1950,bulletin,y\n")
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(folder), clean_weihai.indicators, weihai, clean_weihai.values)
    lines = str(caught.value).replace(f"{folder}/", "").splitlines()
    assert len(lines) == len(told) and all(line.startswith(start) for line, start in zip(lines, told)), lines


def test_a_mark_for_no_data_without_a_source_is_told_once_at_the_value(clean_weihai, weihai, tmp_path):
    """A dash or 无 for a value not yet published, its source left empty: one line, at the value, saying to leave the
    row out; no second line asking for the source of a value there is none of."""
    from analysis.clean.observations import check_observations

    folder = write(tmp_path / "obs", "编号,序列,年份,数值,数据来源\n2,,2023,—,\n10,,2023,无,\n")
    with pytest.raises(InputError) as caught:
        check_observations(read_observation_files(folder), clean_weihai.indicators, weihai, clean_weihai.values)
    assert str(caught.value).replace(f"{folder}/", "").splitlines() == [
        "2024-bulletin.csv:2: 数值: '—' 不是数字（这是表示无数据的符号：数值公布之前，请删去该行）",
        "2024-bulletin.csv:3: 数值: '无' 不是数字（这是表示无数据的符号：数值公布之前，请删去该行）"]


def test_the_empty_columns_excel_saves_after_the_last_one_are_read_as_nothing(tmp_path):
    """Excel saves a sheet whose cells right of the table were once touched with empty columns after the last one
    (",,," on every line, the header included): before, the file was refused ("unexpected column(s) '', '', ''") for
    columns that hold nothing; now its rows are read, its empty rows skipped."""
    folder = write(tmp_path / "obs", "indicator_id,series,year,value,source,,,\r\n2,,2023,2.61,公报,,,\r\n"
                                     ",,,,,,,\r\n3,,2023,40.2,公报\r\n")
    frame = read_observation_files(folder).files[0].frame
    assert frame[["indicator_id", "value", "csv_line"]].values.tolist() == [["2", "2.61", 2], ["3", "40.2", 4]]
    assert read_observation_files(folder).files[0].mistakes == []


@pytest.mark.parametrize(("header", "expected"), [
    ("indicator_id,series,year,value,source,,",
     "2024-bulletin.csv:2: column 7 has no name in the header (line 1), but holds '见附注' (and 1 more row): "
     "nothing in a column without a name is read; type the column's name in the header, or move what it holds into "
     "a column that has one"),
    ("编号,序列,年份,数值,数据来源,,",
     "2024-bulletin.csv:2: 第7列在表头（第1行）中没有列名，却填有 '见附注'（另有1行也在该列填有内容）："
     "没有列名的列不会被读取；请在表头中填写该列的列名，或把内容移到有列名的列中"),
])
def test_words_under_a_column_without_a_name_are_told_once_where_first_filled(tmp_path, header, expected):
    """What a row writes under an unnamed column is not read: told once for the column, at the first line filling it,
    in the header's language, never passed over in silence (before: only the header's "unexpected column(s) '', ''")."""
    folder = write(tmp_path / "obs", f"{header}\n2,,2023,2.61,公报,,见附注\n3,,2023,40.2,公报,,\n"
                                     "1,,2023,24300,公报,,另见\n")
    rows = read_observation_files(folder).files[0]
    assert [str(error).replace(f"{folder}/", "") for error in rows.mistakes] == [expected]
    assert rows.frame["indicator_id"].tolist() == ["2", "3", "1"]  # the rows are read by the columns named


def test_a_plan_file_saved_with_empty_columns_after_the_last_is_read(tmp_path):
    """A typed plan's indicators.csv saved from Excel with two empty columns after the last: read as without them."""
    from analysis.ingest.csv_reader import read_strict_csv

    path = tmp_path / "indicators.csv"
    path.write_text("indicator_id,series,kind,,\n1,,count,,\n", encoding="utf-8")
    frame = read_strict_csv(path, ["indicator_id", "series", "kind"])
    assert frame[["indicator_id", "kind"]].values.tolist() == [["1", "count"]]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "a.csv:2: value: '=1+1' is not a number (a formula, which is not computed here: type the number it gives)"),
    ("zh", "a.csv:2: value: '=1+1' 不是数字（是公式，此处不会计算：请直接填写其结果数字）"),
])
def test_a_formula_typed_into_a_csv_value_is_told_as_a_formula(tmp_path, language, expected):
    """=1+1 in a CSV file is its text, never computed: told as a formula whose result goes there (before: "write plain
    digits with a decimal point, no thousands separators, units or % signs", which it had none of)."""
    from analysis.catalog import catalog
    from analysis.ingest.csv_reader import parse_number

    with pytest.raises(InputError) as caught:
        parse_number("=1+1", file=tmp_path / "a.csv", line=2, field="value", words=catalog(language))
    assert str(caught.value).replace(f"{tmp_path}/", "") == expected

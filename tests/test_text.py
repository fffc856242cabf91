"""Text people write: visible, within its cap, with nothing in it that changes how it shows; and the CSV reader
that applies these rules cell by cell."""
from __future__ import annotations

import csv
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.catalog import catalog, catalogs, mistakes_told_in
from analysis.errors import InputError
from analysis.ingest.csv_reader import meant_number, parse_int, parse_number, read_strict_csv
from analysis.text import LIMITS, as_submitted, check_text, forbidden_character, says_why, visible, written_in


@pytest.mark.parametrize(("text", "shows"), [
    ("统计公报", True), ("a", True), (" x ", True),
    ("", False), ("   ", False), ("\u200b", False), ("\u200b\u200d\ufeff", False), ("\u3000", False),
    ("\u00a0\u2028", False), ("\u202e", False),
])
def test_visible(text, shows):
    assert visible(text) is shows


@pytest.mark.parametrize(("text", "words"), [
    ("a\u202eb", "the bidi control U+202E at character 2"),
    ("\u2066isolate\u2069", "the bidi control U+2066 at character 1"),
    ("统计\ufeff公报", "a byte-order mark (U+FEFF) at character 3"),
    ("bulletin\x1b[2J", "the control character U+001B at character 9"),
    ("a\x00b", "the control character U+0000"),
    ("a\x85b", "the control character U+0085"),        # a C1 control (NEL)
    ("one\u2028two", "a line break U+2028"),
])
def test_what_data_text_may_not_hold(text, words):
    assert words in forbidden_character(text)


def test_line_breaks_and_tabs_are_allowed_where_a_cell_may_span_lines():
    assert forbidden_character("first line\nsecond\r\nthird\tcolumn") is None
    assert forbidden_character("a\nb", multiline=False) == "a line break U+000A at character 2"



@pytest.mark.parametrize(("char", "name"), [
    ("\u200f", "right-to-left mark"), ("\u061c", "arabic letter mark"), ("\u200e", "left-to-right mark"),
    ("\u00ad", "soft hyphen"), ("\u2060", "word joiner"), ("\U000e0041", "tag latin capital letter a"),
    ("\u200b", "zero width space"), ("\u200d", "zero width joiner"),
])
def test_every_invisible_format_character_is_refused_by_name(char, name):
    # a direction mark reorders the text around it; a soft hyphen, a joiner or a tag character hides in it
    assert forbidden_character(f"统计{char}公报") == (
        f"the invisible character U+{ord(char):04X} ({name}) at character 3 (it changes how the text shows, "
        "or hides in it)")


def test_caps_are_by_kind_and_name_the_cell():
    assert check_text("x" * LIMITS["note"], kind="note") == "x" * 500
    with pytest.raises(InputError) as caught:
        check_text("创" * 501, kind="note", file="b.csv", line=7, field="note")
    assert str(caught.value) == ("b.csv:7: note: 501 characters; a note holds at most 500 (shorten it; a long text "
                                 "belongs in the publication it cites)")
    with pytest.raises(InputError, match=r"^b.csv:2: year: 501 characters; a cell holds at most 500$"):
        check_text("9" * 501, file="b.csv", line=2, field="year")
    with pytest.raises(InputError, match="source: empty: say which publication"):
        check_text("", kind="source", required=True, field="source", empty_message="empty: say which publication")
    with pytest.raises(InputError, match=r"source: empty \(only invisible characters\)"):
        check_text("\u3000\u00a0", kind="source", required=True, field="source")


def test_a_workbooks_cell_is_told_in_its_templates_language():
    zh = catalog("zh")
    with pytest.raises(InputError) as caught:
        check_text("创" * 501, kind="note", file="a.xlsx", line="数据报送!F5", field="note", words=zh)
    assert str(caught.value) == ("a.xlsx:数据报送!F5: note: 共501个字符；备注最多500个字符"
                                 "（请删减；长篇内容应留在所引用的资料中）")
    with pytest.raises(InputError) as caught:
        check_text("公报\u202e", kind="source", file="a.xlsx", line="数据报送!E5", field="source", words=zh)
    assert str(caught.value) == ("a.xlsx:数据报送!E5: source: 第3个字符是双向文字控制符 U+202E"
                                 "（会使报告中的文字反向显示）：请删除该字符")
    assert forbidden_character("一\n二", multiline=False, words=zh) == "第2个字符是换行符 U+000A"


def test_a_plan_files_text_is_told_in_the_language_the_run_asks_for():
    """Without a catalog given (plan.yml, a task file), the run's language (``--lang zh``); English by default."""
    from analysis.catalog import mistakes_told_in

    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        check_text("标题\u200b", kind="plan_text", file="plan.yml", field="title.zh")
    assert str(caught.value) == ("plan.yml: title.zh: 第3个字符是不可见字符 U+200B（zero width space），"
                                 "会改变文字的显示方式，或藏在文字中不易察觉：请删除该字符")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        check_text("\u3000", required=True, file="tasks.csv", line=4, field="title")
    assert str(caught.value) == "tasks.csv:4: title: 为空（只有不可见字符）"
    with pytest.raises(InputError, match=r"^title: 301 characters; a name holds at most 300 \(shorten it"):
        check_text("x" * 301, kind="name", field="title")


def test_every_kind_of_text_is_named_in_every_language():
    for words in catalogs():
        assert set(words["text_errors.kinds"]) == set(LIMITS), words.language


@settings(max_examples=200, deadline=None, derandomize=bool(os.environ.get("CI")))
@given(st.text(max_size=600))
def test_any_text_is_accepted_or_refused_in_one_printable_line(text):
    try:
        assert check_text(text, kind="note") == text
    except InputError as exc:
        assert str(exc).isprintable()


HEADER = "indicator_id,series,year,value,source,note\n"


def write(tmp_path, data: bytes, name="b.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(path):
    return read_strict_csv(path, ["indicator_id", "series", "year", "value", "source"], ["note"],
                           text_kinds={"source": "source", "note": "note"})


def test_a_cell_beyond_the_csv_modules_field_limit_is_named_by_column(tmp_path):
    note = "创" * 200_000
    assert len(note) > csv.field_size_limit()  # the csv module alone says "field larger than field limit"
    path = write(tmp_path, (HEADER + f"2,,2022,2.5,bulletin,{note}\n").encode())
    with pytest.raises(InputError) as caught:
        read(path)
    assert str(caught.value).endswith("b.csv:2: note: 200,000 characters; a note holds at most 500 (shorten it; a "
                                      "long text belongs in the publication it cites)")
    assert csv.field_size_limit() == 131072  # the reader put the module's limit back


def test_byte_order_marks(tmp_path):
    assert read(write(tmp_path, ("\ufeff" + HEADER + "2,,2022,2.5,bulletin,\n").encode())).source.tolist() == \
        ["bulletin"]
    with pytest.raises(InputError, match=r"b.csv:1: header: starts with two byte-order marks"):
        read(write(tmp_path, ("\ufeff\ufeff" + HEADER + "2,,2022,2.5,bulletin,\n").encode()))
    with pytest.raises(InputError, match=r"b.csv:2: source: contains a byte-order mark \(U\+FEFF\) at character 3"):
        read(write(tmp_path, (HEADER + "2,,2022,2.5,bu\ufeffll,\n").encode()))


def test_a_header_with_hidden_characters_is_shown_escaped(tmp_path):
    with pytest.raises(InputError) as caught:
        read(write(tmp_path, ("indicator_id,series,ye\u200bar,value,source\n").encode()))
    assert str(caught.value).endswith("b.csv:1: header: unknown column 'ye\\u200bar': did you mean year?")


def test_only_regular_files_of_sane_size_are_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(InputError, match=r"pipe.csv: is a named pipe \(FIFO\), not a regular file"):
        read(tmp_path / "pipe.csv")
    big = write(tmp_path, HEADER.encode() + b"2,,2022,2.5,bulletin,\n" * 300_000, "big.csv")
    with pytest.raises(InputError, match=r"big.csv: 6,\d{3},\d{3} bytes; an input larger than 5,242,880 bytes"):
        read(big)
    with pytest.raises(InputError, match="absent.csv: file not found"):
        read(tmp_path / "absent.csv")


@pytest.mark.parametrize(("text", "words"), [
    ("2" * 10, "'2222222222' is not a whole number of at most 9 digits"),
    ("2" * 5000, "(5000 characters) is not a whole number of at most 9 digits"),
    ("2022¹", "'2022¹' is not a whole number"),
    ("٢٠٢٢", "'٢٠٢٢' is not a whole number"),
    # what to write instead, where it is plain: a year with its 年, an empty id
    ("2024年", "'2024年' is not a whole number: write the number alone (2024)"),
    ("", "year: empty: write a whole number"),
    ("20x2", "'20x2' is not a whole number"),
])
def test_whole_numbers_have_at_most_nine_ascii_digits(text, words):
    with pytest.raises(InputError) as caught:
        parse_int(text, file="b.csv", line=2, field="year")
    assert words in str(caught.value)


@pytest.mark.parametrize(("text", "words"), [("2024年", "'2024年' 不是整数：只填数字（2024）"),
                                           ("  ", "为空：请填写整数"),
                                           # full-width digits: the year meant (before: only "不是整数")
                                           ("２０２３", "'２０２３' 不是整数（是否应为2023？这是全角数字（中文输入法下"
                                                      "输入）：请改用半角数字重新输入）")])
def test_a_whole_number_mistake_is_told_in_the_workbooks_language(text, words):
    from analysis.catalog import catalog

    with pytest.raises(InputError) as caught:
        parse_int(text, file="b.xlsx", line="Sheet1!C3", field="年份", words=catalog("zh"))
    assert str(caught.value) == f"b.xlsx:Sheet1!C3: 年份: {words}"
    assert parse_int("-123456789", file="b.csv", line=2, field="year") == -123456789


@pytest.mark.parametrize(("text", "value"), [("2.5", 2.5), ("-0", -0.0), ("1e14", 1e14),
                                             ("999999999999999", 999999999999999.0)])
def test_numbers_below_ten_to_the_fifteenth(text, value):
    assert parse_number(text, file="b.csv", line=2, field="value") == value


@pytest.mark.parametrize("text", ["1e15", "-1e15", "1e300", "1" + "0" * 300, "1" + "0" * 5000])
def test_no_statistic_of_a_city_reaches_ten_to_the_fifteenth(text):
    with pytest.raises(InputError, match="is larger than any statistic of a city can be"):
        parse_number(text, file="b.csv", line=2, field="value")


@pytest.mark.parametrize(("text", "reason"), [
    (".", False), ("ok", False), ("yes", False), ("—", False), ("x1", False), ("已核", False), ("12345678", False),
    ("统计口径调整", True), ("new survey", True), ("新增企业", True), ("已核实，见公报注3", True),
    ("新增企业120家，已核实", True), ("survey method changed, verified", True),
    # a bare confirmation says the value is right, not why: a box ticked, however many letters
    ("已核实", False), ("已确认", False), ("核实无误", False), ("无误", False), ("是", False), ("对", False),
    ("数据已核实无误。", False), ("确认无误！", False), ("checked", False), ("Verified, correct.", False),
    ("double-checked", False),
])
def test_a_reason_says_something_in_words(text, reason):
    # letters, a wide character counting two, and more than a bare confirmation: a ticked box ("ok", ".", 已核实
    # "verified") is no reason, 统计口径调整 ("the survey method changed") is one
    assert says_why(text) is reason


@pytest.mark.parametrize(("text", "advice"), [
    ("—", "a mark for no data: leave the row out until the value is published"),
    ("/", "a mark for no data"), ("暂无", "a mark for no data"),
    ("−3.2", "its minus sign is U+2212, which a word processor writes, not the hyphen-minus '-' of a keyboard"),
    ("－1", "its minus sign is U+FF0D"),
    # a number in full-width digits alone: the number meant said (before: "full-width digits, such as １２．５")
    ("１２.５", "did you mean 12.5? the digits are full-width, as a Chinese input method types them: type them again "
             "as half-width digits"),
    ("－１２３", "did you mean -123? the digits are full-width"),
    # with a full-width thousands separator in them: the number meant, the separator left out (before: "full-width
    # digits, such as １２．５", an example unrelated to the value)
    ("１，２３４", "did you mean 1234? the digits are full-width, as a Chinese input method types them, with a "
                 "thousands separator: type them again as half-width digits, without the separator"),
    # a full-width separator that is no thousands group: the full-width digits are said, no number guessed
    ("１，２３", "full-width digits, such as １２．５: write them as half-width digits"),
    ("1,234.5", "did you mean 1234.5? leave out the thousands separators"),
    ("约2.5", "did you mean 2.5? leave out '约' and write the number alone; if it is an estimate, say so in the row's "
             "note"),
    ("2.5%", "did you mean 2.5? leave out the % sign"),  # before: "no thousands separators, units or % signs"
])
def test_a_number_written_otherwise_is_refused_with_what_to_do(text, advice):
    with pytest.raises(InputError) as caught:
        parse_number(text, file="b.csv", line=2, field="value")
    assert str(caught.value).startswith(f"b.csv:2: value: {text!r} is not a number (") and advice in str(caught.value)


def test_full_width_digits_with_a_full_width_thousands_separator_are_asked_about_with_the_number_meant():
    from analysis.catalog import catalog

    with pytest.raises(InputError) as caught:
        parse_number("１，９００", file="b.csv", line=2, field="value", words=catalog("zh"))
    assert str(caught.value) == ("b.csv:2: value: '１，９００' 不是数字（是否应为1900？这是全角数字（中文输入法下"
                                 "输入），并带有千位分隔符：请改用半角数字重新输入，不加千位分隔符）")
    assert meant_number("１，９００") == 1900  # the number the range check weighs


@pytest.mark.parametrize(("text", "language", "said"), [
    ("２０２３", "en", "year: '２０２３' is not a whole number (did you mean 2023? the digits are full-width, as a "
                     "Chinese input method types them: type them again as half-width digits)"),
    # two years in one cell: one year a row (before: only "is not a whole number")
    ("2023, 2024", "en", "year: '2023, 2024' is not one year: give one year per row, the values of 2023 and 2024 "
                         "each in a row of its own"),
    ("2023,2024", "zh", "year: '2023,2024' 不是一个年份：每行只填一个年份，2023、2024的数值请分行填写"),
])
def test_a_year_in_full_width_digits_or_two_years_in_a_cell_is_told_what_to_write(text, language, said):
    from analysis.catalog import catalog

    with pytest.raises(InputError) as caught:
        parse_int(text, file="b.csv", line=2, field="year", words=catalog(language))
    assert str(caught.value) == f"b.csv:2: {said}"


@pytest.mark.parametrize(("text", "language", "said"), [
    # a comma where the point goes (1–2 digits after it: no thousands group), which a clerk might fix as 261
    ("2,61", "zh", "'2,61' 不是数字（是否应为2.61？小数点请用“.”）"),
    ("2,61", "en", "'2,61' is not a number (did you mean 2.61? use a point for decimals)"),
    ("-12,3", "en", "'-12,3' is not a number (did you mean -12.3? use a point for decimals)"),
    # a full-width comma (a Chinese input method's) or a full stop where the point goes: the same
    ("2，65", "zh", "'2，65' 不是数字（是否应为2.65？小数点请用“.”）"),
    ("2。65", "zh", "'2。65' 不是数字（是否应为2.65？小数点请用“.”）"),
    ("2。65", "en", "'2。65' is not a number (did you mean 2.65? use a point for decimals)"),
    # a thousands group, with a comma or a full-width one: the number without its separators
    ("24,800", "en", "'24,800' is not a number (did you mean 24800? leave out the thousands separators)"),
    ("1，820", "zh", "'1，820' 不是数字（是否应为1820？请去掉千位分隔符）"),
    ("1，820", "en", "'1，820' is not a number (did you mean 1820? leave out the thousands separators)"),
    ("12,345,678.5", "zh", "'12,345,678.5' 不是数字（是否应为12345678.5？请去掉千位分隔符）"),
    # a word making it an estimate: the number, and the estimate said in the note
    ("约25800", "zh", "'约25800' 不是数字（是否应为25800？请去掉“约”，只写数字；"
                    "如为估计数，请在该行的备注中说明）"),
    ("25800左右", "zh", "'25800左右' 不是数字（是否应为25800？请去掉“左右”，只写数字；"
                      "如为估计数，请在该行的备注中说明）"),
    ("about 3.5", "en", "'about 3.5' is not a number (did you mean 3.5? leave out 'about' and write the number alone; "
                        "if it is an estimate, say so in the row's note)"),
    # an estimate's word and a unit (before: only "请只写数字…", though 约2600 alone gets the number meant)
    ("约2600家", "zh", "'约2600家' 不是数字（是否应为2600？请去掉“约”和“家”，只写数字，按该指标本身的单位计；"
                     "如为估计数，请在该行的备注中说明）"),
    ("about 150.3 亿元", "en", "'about 150.3 亿元' is not a number (did you mean 150.3? leave out 'about' and '亿元' "
                             "and write the number alone, in the indicator's own unit; if it is an estimate, say so "
                             "in the row's note)"),
    # a unit typed in: left out, the number in the indicator's own unit (150.3亿元 is 150.3 only where it is 亿元)
    # a CSV file's row has no unit beside it (before: "报送表在该行右侧列出了单位", of a workbook): the processed
    # indicators table gives it
    ("150.3亿元", "zh", "'150.3亿元' 不是数字（请去掉“亿元”，只写数字，按该指标本身的单位计："
                      "处理后的 indicators.csv 的 unit_zh 列列出了单位）"),
    ("1820家", "en", "'1820家' is not a number (leave out '家' and write the number alone, in the indicator's own "
                    "unit, which the unit_en column of the processed indicators.csv gives)"),
    # a share typed with its % sign, as text (before: "write plain digits …, no thousands separators, units or %
    # signs"): the number meant, the sign left out, in the indicator's own unit
    ("2.65%", "zh", "'2.65%' 不是数字（是否应为2.65？请去掉“%”，只写数字，按该指标本身的单位计：处理后的 "
                    "indicators.csv 的 unit_zh 列列出了单位）"),
    ("2.65 ％", "en", "'2.65 ％' is not a number (did you mean 2.65? leave out the % sign and write the number alone, "
                     "in the indicator's own unit, which the unit_en column of the processed indicators.csv gives)"),
    ("1,2,3", "en", "'1,2,3' is not a number (write plain digits with a decimal point, no thousands separators, "
                    "units or % signs)"),
])
def test_a_decimal_comma_is_asked_about_with_the_number_meant(text, language, said):
    assert _value_refused(text, language, "b.csv") == f"b.csv:2: value: {said}"


@pytest.mark.parametrize(("text", "language", "said"), [
    ("2.65%", "zh", "'2.65%' 不是数字（是否应为2.65？请去掉“%”，只写数字，按该指标本身的单位计：报送表在该行右侧"
                    "列出了单位）"),
    ("1820家", "en", "'1820家' is not a number (leave out '家' and write the number alone, in the indicator's own "
                    "unit, which a data-entry workbook lists beside the row)"),
])
def test_a_workbooks_unit_is_found_beside_its_row(text, language, said):
    """A workbook's row lists its unit beside it (a CSV file's has none: the hint says where each finds it)."""
    assert _value_refused(text, language, "b.xlsx") == f"b.xlsx:2: value: {said}"


def _value_refused(text: str, language: str, file: str) -> str:
    """What a value ``text`` on line 2 of ``file`` is refused with, in ``language``."""
    from analysis.catalog import catalog

    with pytest.raises(InputError) as caught:
        parse_number(text, file=file, line=2, field="value", words=catalog(language))
    return str(caught.value)


@pytest.mark.parametrize(("text", "language"), [
    ("统计局尚未发布，预计6月公布", "zh"),
    ("研发 R&D 投入", "zh"),  # four Chinese characters (counting eight) outweigh three Latin letters
    ("Provincial data not yet published", "en"),
    ("Data from 市统计局 bulletin", "en"),  # four characters (counting eight) against 15 letters
    ("2024", ""),
    ("", ""),
])
def test_the_language_a_text_is_mostly_written_in(text, language):
    assert written_in(text) == language


def test_words_in_the_other_language_are_marked_as_quoted_not_translated():
    assert as_submitted("统计局尚未发布", catalog("en")) == "统计局尚未发布 (original, untranslated)"
    assert as_submitted("Not yet published", catalog("zh")) == "Not yet published（原文，未译）"
    assert as_submitted("统计局尚未发布", catalog("zh")) == "统计局尚未发布"
    assert as_submitted("2024-06", catalog("en")) == "2024-06"
    assert as_submitted("", catalog("en")) == ""


def test_a_plan_files_row_and_number_are_told_in_the_language_the_run_asks_for(tmp_path):
    # a plan's own file (no header language to go by: its columns are English keys) is told as the run asks
    path = write(tmp_path, (HEADER + "2,,2022\n").encode())
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.reason == ("这一行有3个值，表头有6列（indicator_id、series、year、value、source、note）："
                                   "是否多了或少了逗号？含逗号的文字请用英文双引号括起")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        parse_int("十二", file=path, line=2, field="indicator_id")
    assert caught.value.reason == "'十二'：请用阿拉伯数字编号（1、2…）"
    with pytest.raises(InputError, match="^.*: '十二' is not a whole number"):
        parse_int("十二", file=path, line=2, field="indicator_id")

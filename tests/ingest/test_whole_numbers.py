"""A whole number a plan file gives (an id, a year), its mistakes told in the run's language."""
from __future__ import annotations

import pytest

from analysis.catalog import mistakes_told_in
from analysis.errors import InputError
from analysis.ingest.csv_reader import parse_int


@pytest.mark.parametrize(("text", "field", "expected"), [
    ("2022年", "year", "'2022年'：请只写数字2022，不加“年”"),
    ("二〇二〇", "year", "'二〇二〇'：请用阿拉伯数字写年份，如2020"),
    ("9" * 12, "year", "'999999999999' 不是年份：应为4位数字"),
    ("9" * 12, "indicator_id", "'999999999999' 不是整数（至多9位数字）"),
    ("一", "indicator_id", "'一'：请用阿拉伯数字编号（1、2…）"),
    ("第5", "indicator_id", "'第5' 不是整数：只填数字（5）"),
])
def test_a_whole_number_is_told_what_to_write_in_chinese(text, field, expected):
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        parse_int(text, file=None, line=2, field=field)
    assert caught.value.reason == expected


def test_a_whole_numbers_mistakes_stay_as_they_were_in_english():
    for text, expected in (("一", "'一' is not a whole number"), ("9" * 12, "'999999999999' is not a whole number of "
                                                                           "at most 9 digits")):
        with pytest.raises(InputError) as caught:
            parse_int(text, file=None, line=2, field="year")
        assert caught.value.reason == expected

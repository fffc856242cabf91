"""A typed plan's tables (indicators.csv, values.csv): their mistakes of shape told together, before their values'."""
from __future__ import annotations

import shutil

import pytest

from analysis.catalog import mistakes_told_in
from analysis.errors import InputError
from analysis.ingest.typed_table import read_typed_table
from analysis.settings import PROJECT_ROOT

NATIONAL = PROJECT_ROOT / "data" / "raw" / "national-12th-fyp"


def test_an_unknown_column_and_every_row_of_the_wrong_length_are_told_at_once(tmp_path):
    """A row without a cell under the unknown column (line 3) is read by the others: the column is told once, with
    the header; a row of a cell too many for the header (line 4) is told."""
    shutil.copy(NATIONAL / "indicators.csv", tmp_path / "indicators.csv")
    (tmp_path / "values.csv").write_text("indicator_id,series,year,value_type,value,unit\n2,,2010,baseline,50.9,%\n"
                                         "2,,2015,target,55\n2,,2015,target,55,%,x\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    lines = str(caught.value).replace(f"{tmp_path}/", "").splitlines()
    advice = "a comma too many or too few? Put text holding a comma in double quotes"
    assert lines == [
        "values.csv:1: header: unexpected column(s) unit; allowed: indicator_id, series, year, value_type, value, "
        "basis, note, note_zh, note_en, upper",
        f"values.csv:4: 7 fields, expected 6 (indicator_id, series, year, value_type, value, unit): {advice}"]


def test_a_column_added_to_the_header_of_values_csv_only_is_told_once(tmp_path):
    """remark typed at the end of values.csv's header and in none of its 12 rows: one line, the header's."""
    shutil.copy(NATIONAL / "indicators.csv", tmp_path / "indicators.csv")
    lines = (NATIONAL / "values.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "values.csv").write_text("\n".join([lines[0] + ",remark", *lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert str(caught.value).replace(f"{tmp_path}/", "").splitlines() == [
        "values.csv:1: header: unexpected column(s) remark; allowed: indicator_id, series, year, value_type, value, "
        "basis, note, note_zh, note_en, upper"]


def test_optional_columns_added_to_the_header_may_be_missing_from_the_rows_typed_before(tmp_path):
    """upper added at the end of values.csv's header by hand (the national plan's rows have 9 fields, the header then
    10): read, upper empty in every row, never one line per row; a row with a field too many (11) is still told, as
    is a row that stops before a required column (3)."""
    shutil.copy(NATIONAL / "indicators.csv", tmp_path / "indicators.csv")
    lines = (NATIONAL / "values.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "values.csv").write_text("\n".join([lines[0] + ",upper", *lines[1:]]) + "\n", encoding="utf-8")
    table, _ = read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert len(table.cells) == len(lines) - 1 and set(table.cells["upper_text"]) == {""}
    shutil.copy(tmp_path / "values.csv", tmp_path / "one.csv")
    with open(tmp_path / "one.csv", "a", encoding="utf-8") as handle:
        handle.write("2,,2012,baseline,52,,,,,,x\n2,,2013\n")
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "one.csv")
    header = "indicator_id, series, year, value_type, value, basis, note, note_zh, note_en, upper"
    advice = "a comma too many or too few? Put text holding a comma in double quotes"
    assert str(caught.value).replace(f"{tmp_path}/", "").splitlines() == [
        f"one.csv:{len(lines) + 1}: 11 fields, expected 10 ({header}): {advice}",
        f"one.csv:{len(lines) + 2}: 3 fields, expected 10 ({header}): {advice}"]


def test_a_typed_plans_rows_of_the_wrong_length_and_its_values_mistakes_are_told_in_one_round(tmp_path):
    """A row too short, a value type, a series and a year mistyped: four lines in one run, in the file's order (the
    shape of the rows was told in a first round, the values' mistakes in a second)."""
    shutil.copy(NATIONAL / "indicators.csv", tmp_path / "indicators.csv")
    (tmp_path / "values.csv").write_text("indicator_id,series,year,value_type,value\n2,,2010,baseline,50.9\n"
                                         "2,,2015,goal,55\n2,,2015\n2,city,2015,target,55\n2,,215,target,55\n",
                                         encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    lines = str(caught.value).replace(f"{tmp_path}/", "").splitlines()
    assert lines == [
        "values.csv:3: value_type: value_type 'goal' unknown; use baseline or target",
        "values.csv:4: 3 fields, expected 5 (indicator_id, series, year, value_type, value): a comma too many or too "
        "few? Put text holding a comma in double quotes",
        "values.csv:5: series: series 'city' unknown; use empty, national or provincial",
        "values.csv:6: year: 215 is not a plausible year"]


def _indicators_with(tmp_path, change) -> None:
    """The national plan's indicators.csv with ``change(rows)`` applied to its rows (header first), and its values."""
    import csv
    with open(NATIONAL / "indicators.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    change(rows)
    with open(tmp_path / "indicators.csv", "w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    shutil.copy(NATIONAL / "values.csv", tmp_path / "values.csv")


def test_two_series_of_one_short_name_are_refused_at_the_second(tmp_path):
    """Indicator 3's short name given to indicator 4 as well: charts name a series by it alone (the status chart
    would fold both into one row); line 5 is told, naming line 4."""
    def same(rows):
        rows[4][6] = rows[3][6]  # short_name_zh of indicator 4 (line 5) = indicator 3's, 研发投入强度

    _indicators_with(tmp_path, same)
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert str(caught.value).replace(f"{tmp_path}/", "") == (
        "indicators.csv:5: short_name_zh: '研发投入强度' is also the short name of indicator 3 (line 4): every series "
        "needs its own, as charts and tables name a series by it alone")


def test_every_empty_name_of_a_typed_plan_is_told_in_one_round(tmp_path):
    """An import draft's English left empty on two rows, and a core typed 是 on a third: all three rows' mistakes in
    one round, in the file's order (the empty cells were told one a run)."""
    def empty(rows):
        rows[1][3] = rows[1][5] = ""  # indicator 1: category_en, name_en
        rows[2][7] = ""  # indicator 2: short_name_en
        rows[3][10] = "对"  # indicator 3: core (是 is read as true)

    _indicators_with(tmp_path, empty)
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert str(caught.value).replace(f"{tmp_path}/", "").splitlines() == [
        "indicators.csv:2: category_en: empty", "indicators.csv:2: name_en: empty",
        "indicators.csv:3: short_name_en: empty", "indicators.csv:4: core: core '对': write true or false"]


def test_every_row_given_twice_is_told_in_one_round_with_its_first_line(tmp_path):
    """Indicators 1 and 2 pasted again below the table (their short names changed): lines 12 and 13, each naming the
    line that gives it first (they came one a run, without it)."""
    def twice(rows):
        for number in (1, 2):
            again = list(rows[number])
            again[6], again[7] = again[6] + "（二）", again[7] + " II"
            rows.append(again)

    _indicators_with(tmp_path, twice)
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert str(caught.value).replace(f"{tmp_path}/", "").splitlines() == [
        "indicators.csv:12: indicator_id: indicator 1 series '' appears twice (first at line 2)",
        "indicators.csv:13: indicator_id: indicator 2 series '' appears twice (first at line 3)"]


def test_a_row_pasted_again_unchanged_is_told_once(tmp_path):
    """Indicator 2's row given twice as it stands: one line, the row given twice (its short names were told too, as
    shared with indicator 2 itself: three lines for one mistake)."""
    _indicators_with(tmp_path, lambda rows: rows.append(list(rows[2])))
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert str(caught.value).replace(f"{tmp_path}/", "").splitlines() == [
        "indicators.csv:12: indicator_id: indicator 2 series '' appears twice (first at line 3)"]


def test_a_row_of_the_wrong_length_stops_no_other_rows_checks_in_indicators_csv(tmp_path):
    """A core typed 是 (line 2), a cell too many (line 4), a direction typed 增长 (line 5) and indicator 1 pasted again
    below the table (line 12, its short names changed): four lines in one run, in the file's order (the row of the
    wrong length was told alone, the row given twice a round after the others)."""
    def broken(rows):
        rows[1][10] = "对"
        rows[3].append("extra")
        rows[4][11] = "增长"
        again = list(rows[1])
        again[6], again[7], again[10] = again[6] + "（二）", again[7] + " II", "true"
        rows.append(again)

    _indicators_with(tmp_path, broken)
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    columns = "indicator_id, series, category_zh, category_en, name_zh, name_en, short_name_zh, short_name_en, " \
              "unit_zh, unit_en, core, direction, kind, base_source, base_source_en"
    assert str(caught.value).replace(f"{tmp_path}/", "").splitlines() == [
        "indicators.csv:2: core: core '对': write true or false",
        f"indicators.csv:4: 16 fields, expected 15 ({columns}): a comma too many or too few? Put text holding a "
        "comma in double quotes",
        "indicators.csv:5: direction: direction '增长' unknown; use one of higher, lower, at_least, at_most, within, "
        "exactly or none",
        "indicators.csv:12: indicator_id: indicator 1 series '' appears twice (first at line 2)"]


def test_a_core_mark_typed_in_chinese_is_read(tmp_path):
    """A Chinese researcher marks a core indicator 是 and another 否, as the template's own 初步数 column takes 是:
    read as true and false (they were refused with "write true or false")."""
    def marked(rows):
        rows[1][10], rows[2][10] = "是", "否"

    _indicators_with(tmp_path, marked)
    _, indicators = read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert indicators["core"].tolist()[:2] == [True, False]


def test_indicators_csv_and_values_csv_are_told_in_one_round(tmp_path):
    """Indicator 3's core typed 对 (indicators.csv line 4), indicator 2's row of a cell too many (line 3), and a target
    of indicator 5 typed a "goal" (values.csv): the three in one run (values.csv's came a run after indicators.csv's);
    the rows of values.csv for 2 and 3 are not told they name no indicator, their rows' own mistakes being told."""
    def broken(rows):
        rows[3][10] = "对"
        rows[2].append("extra")

    _indicators_with(tmp_path, broken)
    values = (tmp_path / "values.csv").read_text(encoding="utf-8").splitlines()
    [line] = [number for number, text in enumerate(values) if text.startswith("5,,2015,target,")]
    values[line] = values[line].replace("5,,2015,target,", "5,,2015,goal,", 1)
    (tmp_path / "values.csv").write_text("\n".join(values) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    told = str(caught.value).replace(f"{tmp_path}/", "").splitlines()
    assert [text.split(": ")[0] for text in told] == ["indicators.csv:3", "indicators.csv:4",
                                                       f"values.csv:{line + 1}"]
    assert "not in indicators.csv" not in str(caught.value)


def test_every_mistake_of_a_values_row_is_told_at_once(tmp_path):
    """Line 3: a value type, a year and the value all mistyped: three lines in one run (the first only, before: three
    runs). Line 4: a series that indicators.csv lacks and a value that is no number. Line 5: a baseline given a basis,
    its value 2 fine: one line. A combined cell (国2.8/省2.7) is a value the clean step reads: no mistake of its own."""
    shutil.copy(NATIONAL / "indicators.csv", tmp_path / "indicators.csv")
    (tmp_path / "values.csv").write_text("indicator_id,series,year,value_type,value,basis\n2,,2010,baseline,50.9,\n"
                                         "2,,20x5,goal,５５,\n2,national,2015,target,abc,\n3,,2010,baseline,2,percent\n"
                                         "3,,2015,goal,国2.8/省2.7,\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert str(caught.value).replace(f"{tmp_path}/", "").splitlines() == [
        "values.csv:3: value_type: value_type 'goal' unknown; use baseline or target",
        "values.csv:3: year: '20x5' is not a whole number",
        "values.csv:3: value: '５５' is not a number (did you mean 55?): write it here as plain digits with a decimal "
        "point, no spaces inside, thousands separators, units or % signs",
        "values.csv:4: indicator_id: indicator 2 series national is not in indicators.csv",
        "values.csv:4: value: 'abc' is not a number: write it here as plain digits with a decimal point, no spaces "
        "inside, thousands separators, units or % signs",
        "values.csv:5: basis: basis percent for a baseline: only a target can be relative to the base value",
        "values.csv:6: value_type: value_type 'goal' unknown; use baseline or target"]


def test_a_typed_plans_mistakes_are_told_in_the_language_the_run_asks_for(tmp_path):
    """values.csv's rows read through read_typed_table in a Chinese run: the files' column names and values stay as
    typed, the list of bases in the catalog's list form, an indicator named with its series."""
    shutil.copy(NATIONAL / "indicators.csv", tmp_path / "indicators.csv")
    (tmp_path / "values.csv").write_text("indicator_id,series,year,value_type,value,basis\n2,,2010,baseline,50.9,\n"
                                         "2,,2015,goal,55,\n2,,215,target,55,\n2,,2015,target,55,double\n"
                                         "99,national,2015,target,5,\n", encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert str(caught.value).replace(f"{tmp_path}/", "").splitlines() == [
        "values.csv:3: value_type: value_type 'goal' 未知；请用 baseline 或 target",
        "values.csv:4: year: 215不是合理的年份",
        "values.csv:5: basis: basis 'double' 未知；请用 absolute、multiple、percent 或 points（留空即为 absolute）",
        "values.csv:6: indicator_id: 指标99（national 序列）不在 indicators.csv 中"]


def test_a_typed_plans_indicators_mistakes_are_told_in_chinese(tmp_path):
    def broken(rows):
        rows[1][10] = "对"
        rows[5][3] = "Original innovation"  # indicator 5 names its category apart from indicator 4

    _indicators_with(tmp_path, broken)
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert str(caught.value).replace(f"{tmp_path}/", "").splitlines() == [
        "indicators.csv:2: core: core 为 '对'：请填写 true 或 false",
        "indicators.csv:6: category_en: 类别 '原始创新能力' 在此处的英文名为 'Original innovation'，在第5行为 "
        "'Capacity for original innovation'：请只用一个英文名"]


@pytest.mark.parametrize(("typed", "hint"), [
    ("=1+1", " (a formula, which is not computed here: type the number it gives)"),
    ("+1.75", " (did you mean 1.75?)"),
])
def test_a_typed_value_is_told_what_it_is_where_that_is_evident(tmp_path, typed, hint):
    """values.csv typed by hand: a formula (=1+1, never computed) and a number with a plus sign (+1.75) are told what
    they are (before: only "is not a number: write it here as plain digits …")."""
    from analysis.ingest.typed_table import not_a_number

    error = not_a_number(typed, tmp_path / "values.csv", 5)
    assert str(error).replace(f"{tmp_path}/", "") == (
        f"values.csv:5: value: '{typed}' is not a number{hint}: write it here as plain digits with a decimal point, no "
        "spaces inside, thousands separators, units or % signs")


def test_a_running_total_is_read_from_its_own_column_not_its_base_value(tmp_path):
    """indicators.csv marks indicator 7 a running total (true) and indicator 8 not (false), and leaves the others'
    cells empty: 7 alone is one, though the plan prints no base of 0 for it; without the column none is; a word other
    than true or false is told with its line."""
    def marked(rows):
        rows[0].append("running_total")
        for row in rows[1:]:
            row.append({"7": "true", "8": "false"}.get(row[0], ""))

    _indicators_with(tmp_path, marked)
    _, indicators = read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert indicators.loc[indicators["running_total"], "indicator_id"].tolist() == [7]
    _, plain = read_typed_table(NATIONAL / "indicators.csv", NATIONAL / "values.csv")
    assert not plain["running_total"].any()

    def mistyped(rows):
        marked(rows)
        rows[7][-1] = "累计"  # indicator 7, line 8

    _indicators_with(tmp_path, mistyped)
    with pytest.raises(InputError) as caught:
        read_typed_table(tmp_path / "indicators.csv", tmp_path / "values.csv")
    assert str(caught.value).replace(f"{tmp_path}/", "") == (
        "indicators.csv:8: running_total: running_total '累计': write true for a total over the plan's years (〔100〕, "
        "五年累计), false or nothing otherwise")

"""A typed plan's tables (indicators.csv, values.csv): their mistakes of shape told together, before their values'."""
from __future__ import annotations

import shutil

import pytest

from analysis.errors import InputError
from analysis.ingest.typed_table import read_typed_table
from analysis.settings import PROJECT_ROOT

NATIONAL = PROJECT_ROOT / "data" / "raw" / "national-12th-fyp"


def test_an_unknown_column_and_every_row_of_the_wrong_length_are_told_at_once(tmp_path):
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
        f"values.csv:3: 5 fields, expected 6 (indicator_id, series, year, value_type, value, unit): {advice}",
        f"values.csv:4: 7 fields, expected 6 (indicator_id, series, year, value_type, value, unit): {advice}"]


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

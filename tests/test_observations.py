"""Actual values: what a researcher drops into data/raw/observations, and every way it can be wrong."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.cleaning import clean_indicator_table
from analysis.errors import InputError
from analysis.observations import read_observations
from analysis.pipeline import build_tables, load_monitoring_data

OBSERVATIONS = Path(__file__).resolve().parent / "fixtures" / "observations"
HEADER = "indicator_id,series,year,value,source\n"


@pytest.fixture(scope="module")
def indicators():
    return clean_indicator_table().indicators


def _write(tmp_path, body, name="bulletin.csv", header=HEADER):
    folder = tmp_path / "observations"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(header + body, encoding="utf-8")
    return folder


def test_absent_or_empty_folder_is_fine(tmp_path, indicators):
    observations, duplicates = read_observations(tmp_path / "absent", indicators)
    assert observations.empty and duplicates == []
    (tmp_path / "empty").mkdir()
    assert read_observations(tmp_path / "empty", indicators)[0].empty


def test_good_file_is_read_with_its_source(indicators):
    observations, _ = read_observations(OBSERVATIONS / "good", indicators)
    assert len(observations) == 5
    row = observations[observations.indicator_id == 2].iloc[0]
    assert (row.year, row.value, row.value_type) == (2022, 2.55, "actual")
    assert row.reference == "Synthetic test bulletin 2022"
    assert row.source.endswith("good/2022-bulletin.csv") and row.source_line == 2


@pytest.mark.parametrize(
    ("body", "line", "field", "words"),
    [
        ("27,,2022,1,bulletin\n", 2, "indicator_id", "unknown indicator 27"),
        ("4,,2022,1,bulletin\n", 2, "series", "indicator 4 has no series ''"),
        ("2,national,2022,1,bulletin\n", 2, "series", "indicator 2 has no series 'national'"),
        ("22,,2022,1,bulletin\n", 2, "indicator_id", "qualitative"),
        ("2,,2022,two,bulletin\n", 2, "value", "'two' is not a number"),
        ("2,,2022,nan,bulletin\n", 2, "value", "not a finite number"),
        ("2,,2022,inf,bulletin\n", 2, "value", "not a finite number"),
        ("2,,2019,2.4,bulletin\n", 2, "year", "year 2019 outside 2020–2030"),
        ("2,,2031,2.4,bulletin\n", 2, "year", "year 2031 outside"),
        ("2,,20x2,2.4,bulletin\n", 2, "year", "not a whole number"),
        ("17,,2022,100.5,bulletin\n", 2, "value", "within 0–100"),
        ("10,,2022,-3,bulletin\n", 2, "value", "negative"),
        ("2,,2022,2.5,\n", 2, "source", "empty"),
        ("2,,2022,2.5,a\n2,,2022,2.5,b\n", 3, "year", "duplicate year"),
        ("2,,2022,2.5\n", 2, None, "4 fields, expected 5"),
    ],
)
def test_bad_rows_are_rejected_with_file_line_and_field(tmp_path, indicators, body, line, field, words):
    folder = _write(tmp_path, body)
    with pytest.raises(InputError) as caught:
        read_observations(folder, indicators)
    message = str(caught.value)
    assert f"bulletin.csv:{line}:" in message
    if field:
        assert f":{line}: {field}:" in message
    assert words in message


def test_two_files_with_different_values_for_one_year_conflict(indicators):
    with pytest.raises(InputError) as caught:
        read_observations(OBSERVATIONS / "conflict", indicators)
    message = str(caught.value)
    assert "conflict/b.csv:2: value:" in message and "conflicts with 2.55 in" in message and "a.csv:2" in message


def test_the_same_value_in_two_files_is_kept_once(indicators):
    observations, duplicates = read_observations(OBSERVATIONS / "duplicate_same", indicators)
    assert len(observations[observations.indicator_id == 2]) == 1
    assert len(duplicates) == 1


def test_missing_column_and_wrong_encoding(tmp_path, indicators):
    folder = _write(tmp_path, "2,,2022,2.5\n", header="indicator_id,series,year,value\n")
    with pytest.raises(InputError, match=r"bulletin.csv:1: header: missing column\(s\) source"):
        read_observations(folder, indicators)
    (folder / "bulletin.csv").write_bytes((HEADER + "2,,2022,2.5,统计公报\n").encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_observations(folder, indicators)


def test_a_bom_is_accepted(tmp_path, indicators):
    folder = tmp_path / "observations"
    folder.mkdir()
    (folder / "bom.csv").write_bytes(("\ufeff" + HEADER + "2,,2022,2.5,统计公报\n").encode("utf-8"))
    observations, _ = read_observations(folder, indicators)
    assert observations.value.tolist() == [2.5]


def test_observations_change_the_assessment(tmp_path):
    without = build_tables(report_year=2024, observations_dir=tmp_path / "none")["assessment.csv"]
    with_obs = build_tables(report_year=2024, observations_dir=OBSERVATIONS / "good")["assessment.csv"]
    key = lambda frame, i, s="": frame[(frame.indicator_id == i) & (frame.series == s)].iloc[0]
    assert key(without, 2).as_of_year == 2021
    rd = key(with_obs, 2)
    assert rd.as_of_year == 2022 and rd.latest_value == 2.55 and rd.n_points == 3 and rd.evidence == "medium"
    # linear: (2.55 - 2.36)/2 = 0.095 pp a year vs (2.8 - 2.36)/4 = 0.11 -> R = 0.864 -> moderate
    assert rd.progress_ratio == pytest.approx(0.095 / 0.11)
    assert rd.status == "moderate"
    assert key(with_obs, 17).status == "moving_away"   # 89.5 < 90 and falling
    # 5.2 meets the 5 % floor again, but 5.48 -> 5.2 over 2020-2022 is still a falling trend
    assert key(with_obs, 18).status == "achieved_at_risk"
    assert key(without, 18).status == "moving_away"
    # the 2023 mid-term uses the 2023 actuals once they are published
    later = tmp_path / "both"
    shutil.copytree(OBSERVATIONS / "good", later)
    shutil.copy(OBSERVATIONS / "later" / "2023-bulletin.csv", later)
    mid = build_tables(report_year=2023, observations_dir=later)["assessment.csv"]
    assert key(mid, 2).as_of_year == 2023 and key(mid, 2).status == "achieved"
    assert key(mid, 10).latest_value == 1520 and key(mid, 10).status == "achieved"
    # and a 2022 report ignores what was published for 2023
    early = build_tables(report_year=2022, observations_dir=later)["assessment.csv"]
    assert key(early, 2).as_of_year == 2022


def test_actuals_appear_in_the_values_table():
    data = load_monitoring_data(observations_dir=OBSERVATIONS / "good")
    actual = data.values[data.values.value_type == "actual"]
    assert len(actual) == 5 and len(data.values) == 105

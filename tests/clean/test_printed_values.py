"""All 100 numeric values of the plan's table, typed in independently of the parser.

Each tuple: (indicator_id, series, 2020 baseline, 2021 baseline, 2023 target, 2024 target),
read off the printed plan by eye; 3..5 and "14.6 " are typed as the corrected 3.5 and 14.6.
"""
from __future__ import annotations

import pytest

from analysis.clean.tidy import clean_plan_table
from analysis.ingest.plan_inputs import load_plan_inputs

TYPED = [
    (1, "", 22154, 23000, 24000, 24500),
    (2, "", 2.36, 2.40, 2.7, 2.8),
    (3, "", 41.5, 39.3, 45, 45),
    (4, "national", 2.8, 2.8, 3.0, 3.0),
    (4, "provincial", 3.1, 2.7, 3.3, 3.3),
    (5, "national", 3, 3, 7, 7),
    (5, "provincial", 66, 68, 80, 80),
    (6, "", 17.4, 20, 22, 23),
    (7, "", 68.8, 86, 80, 81),
    (8, "", 35.8, 40.2, 41, 42),
    (9, "", 60.13, 67.13, 67, 67),
    (10, "", 738, 1049, 1500, 1600),
    (11, "", 1136, 1870, 2400, 2500),
    (12, "", 13.4, 14.6, 18, 18),
    (13, "", 63.2, 77, 70, 70),
    (14, "", 80, 85, 100, 120),
    (15, "", 22, 22, 25, 25),
    (16, "", 109.61, 133, 140, 160),
    (17, "", 90.4, 90.1, 90, 90),
    (18, "", 5.48, 3.41, 5, 5),
    (19, "", 3.1, 2.7, 3.5, 3.5),
    (20, "", 2.07, 1.9, 3.5, 3.5),
    (21, "", 8.4, 8.5, 9, 10),
    (25, "", 242, 257, 300, 320),
    (26, "", 34, 35.1, 36, 36),
]
COLUMNS = [(2020, "baseline"), (2021, "baseline"), (2023, "target"), (2024, "target")]


@pytest.fixture(scope="module")
def values(weihai):
    return clean_plan_table(load_plan_inputs(weihai)).values


def test_every_printed_number_matches_the_typed_value(values):
    assert len(values) == 100
    assert set(zip(values.indicator_id, values.series)) == {(row[0], row[1]) for row in TYPED}
    lookup = {(r.indicator_id, r.series, r.year, r.value_type): r.value for r in values.itertuples()}
    checked = 0
    for indicator_id, series, *numbers in TYPED:
        for (year, value_type), expected in zip(COLUMNS, numbers):
            assert lookup[(indicator_id, series, year, value_type)] == pytest.approx(expected, abs=1e-12), (
                indicator_id, series, year)
            checked += 1
    assert checked == 100


def test_qualitative_indicators_have_no_values(values):
    assert not values["indicator_id"].isin([22, 23, 24]).any()

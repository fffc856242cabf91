"""Values no statistic can take, values far off their series, and the confirmation that lets a right one through.

Every expected value below is worked out by hand in the comment beside it.
"""
from __future__ import annotations

import csv
import io

import pytest

from analysis.clean.observations import check_observations
from analysis.clean.plausibility import Point, implausible, impossible, plausible_range, previous_point
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError
from analysis.ingest.observations import read_observation_files
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.publish.data import monitoring_data
from tests.support.observations import refused_file

HEADER = "indicator_id,series,year,value,source,note,confirm\n"


def point(year, value, printed=True):
    return Point(year, value, "plan.txt:9", printed)


@pytest.mark.parametrize(("value", "kind", "words"), [
    (-0.0, "count", "-0 (negative zero) is negative; a count cannot be negative"),
    (-1.0, "amount", "−1 is negative; an amount cannot be negative"),
    (-0.5, "intensity", "−0.5 is negative; an intensity cannot be negative"),
    (100.5, "share", "100.5 is a share in %, it must lie within 0–100"),
    (-0.0, "share", "is negative; a share cannot be negative"),
])
def test_impossible_values(value, kind, words):
    assert words in impossible(value, kind)


@pytest.mark.parametrize(("value", "kind"), [(0.0, "count"), (100.0, "share"), (0.0, "share"), (-0.0, "rate_of_change"),
                                             (-150.0, "rate_of_change")])
def test_possible_values(value, kind):
    assert impossible(value, kind) is None  # a rate of change may fall; its range is a plausibility check


@pytest.mark.parametrize(("value", "kind", "outlier"), [
    (3000.0, "count", False),     # 3000 / 1000 = 3.0: at the limit
    (3001.0, "count", True),      # 3.001 times
    (334.0, "amount", False),     # 334 / 1000 = 0.334 > 1/3
    (333.0, "amount", True),      # 0.333 < 1/3
    (3500.0, "intensity", True),  # 3.5 times
])
def test_counts_amounts_and_intensities_within_three_times_the_previous_value(value, kind, outlier):
    assert (implausible(value, 2022, point(2021, 1000.0), kind) is not None) is outlier


@pytest.mark.parametrize(("value", "previous", "years", "words"), [
    (24.0, 2.4, 1, "24 is off by a factor near 10 from the previous value 2.4"),      # ratio 10
    (17.0, 2.4, 1, "17 is off by a factor near 10"),        # ratio 7.08: log10 0.850, within 0.15 of 1
    (0.024, 2.4, 1, "0.024 is off by a factor near 100"),   # ratio 0.01
    (60.0, 90.1, 1, "60 moves 30.1 percentage points a year from the previous value 90.1"),
    (61.0, 40.0, 2, "61 moves 10.5 percentage points a year"),   # 21 points over 2 years
    # ratio 2.08: 25 - 12 = 13 points in a year
    (25.0, 12.0, 1, "25 moves 13.0 percentage points a year from the previous value 12 (2021, as the plan prints "
                    "it)"),
    # a share below 10 %, held to twice and half its previous value: 12.5 / 2.4 = 5.21 (before: let pass, 10.1 points
    # over two years and no factor near 10), 16 / 2.4 = 6.67 (before: told as 13.6 points), 1.1 / 2.4 = 1 / 2.18
    (12.5, 2.4, 2, "12.5 is 5.2 times the previous value 2.4 (2021, as the plan prints it)"),
    (16.0, 2.4, 1, "16 is 6.7 times the previous value 2.4"),
    (1.1, 2.4, 1, "1.1 is 1/2.2 of the previous value 2.4"),
    (4.9, 2.4, 1, "4.9 is 2.0 times the previous value 2.4"),  # 2.04 times
])
def test_shares(value, previous, years, words):
    assert words in implausible(value, 2021 + years, point(2021, previous), "share")


def test_shares_that_move_little_pass():
    assert implausible(60.0, 2023, point(2021, 40.0), "share") is None   # 20 points over 2 years: 10 a year
    assert implausible(2.61, 2022, point(2021, 2.4), "share") is None
    assert implausible(0.4, 2022, point(2021, 0.5), "share") is None     # a tenth of a point
    # exactly ten points a year, whatever the binary arithmetic makes of 40.2 − 10.2 (30.000000000000004)
    assert implausible(10.2, 2024, point(2021, 40.2), "share") is None
    assert implausible(70.2, 2024, point(2021, 40.2), "share") is None
    # a share below 10 %: twice and half its previous value exactly pass
    assert implausible(4.8, 2022, point(2021, 2.4), "share") is None
    assert implausible(1.2, 2022, point(2021, 2.4), "share") is None
    # one of 10 % or more is held to its points alone: 6 after 12, half of it, is 6 points
    assert implausible(6.0, 2022, point(2021, 12.0), "share") is None


def test_rates_of_change_keep_within_a_hundred_percent():
    assert implausible(150.0, 2022, point(2021, 5.0), "rate_of_change") == \
        "150% is outside −100…100% for a yearly rate of change"
    assert implausible(-100.0, 2022, point(2021, -5.0), "rate_of_change") is None
    assert implausible(80.0, 2022, point(2021, 5.0), "rate_of_change") is None  # judged by its range only


@pytest.mark.parametrize(("kind", "previous"), [("count", 23000.0), ("amount", 133.0), ("intensity", 0.92),
                                                ("share", 2.4), ("share", 0.5)])
def test_a_zero_after_a_value_that_was_not_needs_a_confirmation(kind, previous):
    # "0" is how a missing value is often typed: 2.4 % to 0 is only 2.4 points, 23000 to 0 no ratio at all
    assert implausible(0.0, 2023, point(2022, previous), kind) == (
        f"0 after the previous value {previous:,g} (2022, as the plan prints it): a value not yet "
        "published is left out, not written 0 (a blank cell is not a zero)")
    assert implausible(0.0, 2023, point(2022, 0.0), kind) is None       # a series that was zero may stay zero


def test_a_value_after_a_zero_is_compared_with_the_last_value_that_was_not():
    # 23000 (2021), a confirmed 0 (2022): 2300000 for 2023 is 100 times 23000, not "anything after zero"
    points = [point(2021, 23000.0), point(2022, 0.0, printed=False)]
    assert previous_point(points, 2023).value == 23000.0
    assert previous_point([point(2022, 0.0)], 2023).value == 0.0        # nothing else to compare with


def test_a_rate_of_change_far_to_the_other_sign_needs_a_confirmation():
    # 万元GDP能耗下降率: the plan prints 5.48 and 3.41 (a fall, as a positive rate); −32 reads 下降32% wrongly, while
    # −3.2 (energy use per unit of GDP rose by 3.2 %) is plausible (before: asked about, its range shown 0 – 100)
    assert implausible(-32.0, 2023, point(2022, 3.41), "rate_of_change") == (
        "−32% has the other sign than the previous value 3.41 (2022, as the plan prints it) (where the "
        "indicator is a rate of decline, a fall is written as a positive number)")
    assert implausible(-3.2, 2023, point(2022, 3.41), "rate_of_change") is None
    assert implausible(-10.0, 2023, point(2022, 3.41), "rate_of_change") is None
    assert implausible(-10.1, 2023, point(2022, 3.41), "rate_of_change") is not None
    assert implausible(10.1, 2023, point(2022, -2.0), "rate_of_change") is not None
    assert implausible(3.2, 2023, point(2022, 3.41), "rate_of_change") is None
    assert implausible(0.0, 2023, point(2022, 3.41), "rate_of_change") is None
    assert implausible(-3.2, 2023, Point(2023, -3.2, "", False), "rate_of_change") is None  # no previous value


def test_the_previous_value():
    points = [point(2020, 1.0), point(2021, 2.0), point(2023, 4.0, printed=False)]
    assert previous_point(points, 2022).value == 2.0   # the latest earlier point
    assert previous_point(points, 2021).value == 2.0   # a revision is compared with the printed value of its year
    assert previous_point(points, 2020).value == 1.0
    assert previous_point([point(2023, 4.0, printed=False)], 2022).value == 4.0  # else the earliest later one
    assert previous_point([], 2022) is None


@pytest.fixture(scope="module")
def clean(weihai):
    return clean_plan_table(load_plan_inputs(weihai))


def read(tmp_path, body, weihai, clean):
    folder = tmp_path / "observations"
    folder.mkdir(exist_ok=True)
    (folder / "b.csv").write_text(HEADER + body, encoding="utf-8")
    return check_observations(read_observation_files(folder), clean.indicators, weihai, clean.values)


def test_an_outlier_is_refused_with_the_previous_value_and_how_to_confirm(tmp_path, weihai, clean):
    with pytest.raises(InputError) as caught:
        read(tmp_path, "10,,2022,15800,Bulletin 2022,,\n", weihai, clean)
    # 15800 / 1049 (the printed 2021 baseline, plan text line 167) = 15.06
    assert str(caught.value).endswith(
        "b.csv:2: value: 15,800 is 15.1 times the previous value 1,049 (2021, as the plan prints it) (a value in "
        "another unit?); if 15,800 is right, say why in the row's confirm column")


@pytest.mark.parametrize(("header", "told"), [
    ("indicator_id,series,year,value,source\n",
     "value: 15,800 is 15.1 times the previous value 1,049 (2021, as the plan prints it) (a value in another unit?); "
     "if 15,800 is right, add a column headed confirm at the end of the header and give the reason in this row's "
     "cell of it"),
    ("编号,序列,年份,数值,数据来源\n",
     "数值: 15,800是上一个值1,049（2021年，方案所列）的15.1倍（单位是否不同？）；如15,800无误，"
     "请在表头末尾添加“确认”列，并在该行的此列说明理由"),
])
def test_an_outlier_in_a_file_without_a_confirm_column_is_told_to_add_it(tmp_path, weihai, clean, header, told):
    # 15800 / 1049 = 15.06, as above; the file has no confirm column to say why in (it was told to use the row's one):
    # told to add it, headed as the reader takes it in the file's own language (its header's)
    folder = tmp_path / "observations"
    message = refused_file(folder, "b.csv", header + "10,,2022,15800,Bulletin 2022\n", clean, weihai)
    assert message == f"{folder / 'b.csv'}:2: {told}"


def test_the_first_outlier_in_file_and_line_order_is_named(tmp_path, weihai, clean):
    body = "1,,2022,2300,Bulletin,,\n10,,2022,15800,Bulletin,,\n"   # both far off; line 2 comes first
    with pytest.raises(InputError, match=r"b.csv:2: value: 2,300 is 1/10.0 of the previous value 23,000"):
        read(tmp_path, body, weihai, clean)


def test_an_outlier_names_the_value_before_it_by_publication_and_file_not_folders(tmp_path, weihai, clean):
    # 1,300 firms for 2022 from a bulletin, then 13,000 for 2023 (a zero too many): told against the bulletin's
    # value, by its name and the file's, never the folders the file was read from
    with pytest.raises(InputError) as caught:
        read(tmp_path, "10,,2022,1300,Bulletin 2022,,\n10,,2023,13000,Bulletin 2023,,\n", weihai, clean)
    assert "the previous value 1,300 (2022, Bulletin 2022, b.csv:2)" in str(caught.value)
    assert "observations/b.csv:2)" not in str(caught.value)


def test_a_value_refused_is_not_the_previous_value_of_the_next(tmp_path, weihai, clean):
    # 2.46 (ten-thousands of people, not people) for 2022 is refused against the printed 23,000 (2021): 23000 / 2.46
    # = 9,349.6; the right 24,100 for 2023 is measured by 23,000 (1.05 times), not by the refused 2.46, and passes
    with pytest.raises(InputError) as caught:
        read(tmp_path, "1,,2022,2.46,Bulletin,,\n1,,2023,24100,Bulletin,,\n", weihai, clean)
    assert str(caught.value) == (
        f"{tmp_path / 'observations' / 'b.csv'}:2: value: 2.46 is 1/9,349.6 of the previous value 23,000 (2021, as "
        "the plan prints it) (a value in another unit?); if 2.46 is right, say why in the row's confirm column")


def test_a_value_refused_blames_no_other_file_for_conflicting_with_it(tmp_path, weihai, clean):
    # a.csv: 230,000 for 2022, a zero too many (10 times the printed 23,000); b.csv: the right 23,500. Only a.csv's
    # row is told: b.csv's does not conflict with a value that is not used
    folder = tmp_path / "observations"
    folder.mkdir()
    (folder / "a.csv").write_text(HEADER + "1,,2022,230000,Bulletin,,\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(tmp_path, "1,,2022,23500,Yearbook,,\n", weihai, clean)
    assert str(caught.value).startswith(f"{folder / 'a.csv'}:2: value: 230,000 is 10.0 times the previous value")
    assert "b.csv" not in str(caught.value)


def test_a_confirmed_outlier_is_kept_and_logged(tmp_path, weihai, clean):
    observed = read(tmp_path, "10,,2022,15800,Bulletin 2022,,all firms counted from 2022 on\n", weihai, clean)
    assert observed.values.value.tolist() == [15800.0]
    [confirmed] = observed.confirmed
    assert confirmed["confirm"] == "all firms counted from 2022 on" and confirmed["previous"].value == 1049.0
    data = monitoring_data(weihai, tmp_path / "observations")
    [row] = data.quality[data.quality.issue == "confirmed_value"].itertuples()
    assert (row.indicator_id, row.year, row.value) == (10, 2022, 15800.0)
    assert row.detail_en == ("15,800 for 2022 is far off the previous value 1,049 (2021); kept because the row "
                             "confirms it: all firms counted from 2022 on")
    # the reason as written, marked so in the other language's edition
    # both in the series' unit (家 after the number in Chinese; in English the unit follows the series' name)
    assert row.detail_zh == ("2022年数值15,800家与前值1,049家（2021年）相差悬殊，该行已确认，予以保留："
                             "all firms counted from 2022 on（原文，未译）")


def test_a_plausible_value_needs_no_confirmation_and_logs_none(tmp_path, weihai, clean):
    observed = read(tmp_path, "10,,2022,1300,Bulletin 2022,,checked anyway\n", weihai, clean)
    assert observed.values.value.tolist() == [1300.0] and observed.confirmed == []


def test_corrections_get_the_same_checks(plan_copy):
    from analysis.plan import load_plan

    corrections = plan_copy / "corrections.csv"
    base = corrections.read_text(encoding="utf-8")
    corrections.write_text(base + "2,,baseline_2021,2.40,250,mistyped,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"corrections.csv:4: corrected_value: 250 is a share in %, it must lie"):
        clean_plan_table(load_plan_inputs(load_plan(plan_copy)))
    # 3.6 against the 2023 target 36 (one year away, nearer than the 2021 baseline 35.1): ratio 0.1
    corrections.write_text(base + "26,,target_2024,36,3.6,thought to be a typo,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"corrections.csv:4: corrected_value: 3.6 is off by a factor near 10 from "
                                         r"the nearest value of its series, 36 \(2023, as the plan prints it\)"):
        clean_plan_table(load_plan_inputs(load_plan(plan_copy)))
    rows = list(csv.reader(io.StringIO(base)))
    rows = [rows[0] + ["confirm"]] + [row + [""] for row in rows[1:]]
    rows.append(["26", "", "target_2024", "36", "3.6", "the plan's own erratum", "方案勘误",
                 "erratum no. 2 of the plan"])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    corrections.write_text(buffer.getvalue(), encoding="utf-8")
    values = clean_plan_table(load_plan_inputs(load_plan(plan_copy))).values
    assert values[(values.indicator_id == 26) & (values.year == 2024)].value.tolist() == [3.6]


def test_the_metadatas_kind_must_fit_the_tables_numbers_and_units(plan_copy):
    from analysis.plan import load_plan

    metadata = plan_copy / "indicator_metadata.csv"
    base = metadata.read_text(encoding="utf-8")
    metadata.write_text(base.replace("R&D personnel,人,people,higher,count", "R&D personnel,%,%,higher,share"),
                        encoding="utf-8")
    with pytest.raises(InputError, match=r"indicator_metadata.csv:2: kind: kind 'share' contradicts the table, "
                                         r"which gives 22154 for baseline_2020 \(.*plan-2022.txt:82\)"):
        clean_plan_table(load_plan_inputs(load_plan(plan_copy)))
    metadata.write_text(base.replace("R&D intensity,%,%,higher,share", "R&D intensity,%,%,higher,amount"),
                        encoding="utf-8")
    with pytest.raises(InputError, match=r"indicator_metadata.csv:3: kind: kind 'amount' but unit %"):
        clean_plan_table(load_plan_inputs(load_plan(plan_copy)))
    metadata.write_text(base.replace("R&D personnel,人,people,higher,count", "R&D personnel,人,people,higher,share"),
                        encoding="utf-8")
    with pytest.raises(InputError, match=r"indicator_metadata.csv:2: kind: kind 'share' but unit 'people'"):
        clean_plan_table(load_plan_inputs(load_plan(plan_copy)))


def test_a_typed_plan_gets_the_same_checks(tmp_path, lakeside):
    import shutil

    from analysis.plan import load_plan

    folder = shutil.copytree(lakeside.folder, tmp_path / "lakeside")
    values = folder / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("1,,2027,target,2.8", "1,,2027,target,280"),
                      encoding="utf-8")
    with pytest.raises(InputError, match=r"indicators.csv:2: kind: kind 'share' contradicts the table, which gives "
                                         r"280 for target_2027"):
        clean_plan_table(load_plan_inputs(load_plan(folder)))


@pytest.mark.parametrize(("kind", "previous", "years", "expected"), [
    ("count", 300.0, 1, (100.0, 900.0)),          # a third to three times the previous value
    ("amount", 0.0, 1, (0.0, 1e15)),              # no ratio to a zero: only the sign and the magnitude
    # a share below 10 %: ±10 points a year (−17.6…22.4), within 0–100, and within half and twice it: 1.2–4.8
    # (before: short of a factor near 10 alone, 0.34293–16.796)
    ("share", 2.4, 2, (1.2, 4.8)),
    # one of 10 % or more: ±10 points a year (−8…32), within 0–100, and short of a factor near 10: 10^0.845 = 6.9984,
    # so 12 / 6.9984 = 1.7147
    ("share", 12.0, 2, (1.7147, 32.0)),
    ("share", 95.0, 1, (85.0, 100.0)),
    # a rate keeps its sign but for up to 10 % the other way: −12 after 3.41 is asked about (a fall typed as a rise),
    # −2 not (a rise of 2 %)
    ("rate_of_change", 3.0, 1, (-10.0, 100.0)),
    ("rate_of_change", -2.0, 1, (-100.0, 10.0)),
    ("rate_of_change", None, 1, (-100.0, 100.0)),
    ("intensity", None, 1, (0.0, 1e15)),
    ("rank", 6.0, 1, (1.0, 1e15)),                # a place: the first or any later, whatever the place before
])
def test_plausible_range_worked_out_by_hand(kind, previous, years, expected):
    assert plausible_range(kind, previous, years) == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(("kind", "previous"), [("count", 300.0), ("share", 40.0), ("share", 2.4),
                                               ("intensity", 0.5)])
def test_the_plausible_range_is_what_the_checks_let_pass(kind, previous):
    low, high = plausible_range(kind, previous, 1)
    point = Point(2022, previous, "bulletin.csv:2", False)
    assert implausible(low, 2023, point, kind) is None and implausible(high, 2023, point, kind) is None
    assert implausible(low * 0.98, 2023, point, kind) and implausible(high * 1.02, 2023, point, kind)


def test_the_plans_kinds_and_corrections_are_told_in_chinese_where_the_run_asks_for_it(plan_copy):
    """The metadata's kinds against the table, and a corrected cell far off its series, in a copied plan: told in the
    language the run asks for, the reason from the plausibility checks within the message."""
    from analysis.catalog import mistakes_told_in
    from analysis.plan import load_plan

    metadata = plan_copy / "indicator_metadata.csv"
    base = metadata.read_text(encoding="utf-8")
    metadata.write_text(base.replace("R&D intensity,%,%,higher,share", "R&D intensity,%,%,higher,amount"),
                        encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as told:
        clean_plan_table(load_plan_inputs(load_plan(plan_copy)))
    assert told.value.reason == ("kind 为 'amount'，单位却是 %：amount 不是百分比；请改用 share、intensity 或 "
                                 "rate_of_change")
    metadata.write_text(base.replace("R&D personnel,人,people,higher,count", "R&D personnel,%,%,higher,share"),
                        encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as told:
        clean_plan_table(load_plan_inputs(load_plan(plan_copy)))
    assert told.value.reason.startswith("kind 'share' 与指标表不符（表中的 baseline_2020，")
    assert told.value.reason.endswith("plan-2022.txt:82）：比重（%）应在0–100之间，而此处为22,154")
    metadata.write_text(base, encoding="utf-8")
    corrections = plan_copy / "corrections.csv"
    typo = "26,,target_2024,36,3.6,thought to be a typo,\n"
    corrections.write_text(corrections.read_text(encoding="utf-8") + typo, encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as told:
        clean_plan_table(load_plan_inputs(load_plan(plan_copy)))
    assert (told.value.line, told.value.field) == (4, "corrected_value")
    assert told.value.reason == ("3.6与该序列中最接近的数值36（2023年，方案所列）相差约10倍"
                                 "（小数点位置错了，还是把小数当成了百分数？）；"
                                 # the file's header has no confirm column: where it goes is told
                                 "如3.6无误，请在该行的 confirm 列（可在表头末尾添加此列）说明理由")

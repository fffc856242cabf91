"""Notebook 02's and 04's sentences about one series, with the numbers worked out by hand."""
from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.report.context import load_report
from analysis.report.exploration import growth_from_latest, plan_numbers, what_if
from tests.conftest import relative


def test_the_growth_needed_from_the_latest_value_names_the_plans_own_indicator():
    # Weihai, 2024, printed values only: R&D intensity 2.4 in 2021; to 2.7 in 2023: 0.3/2 = 0.15 pp a year,
    # √(2.7/2.4) − 1 = √1.125 − 1 = 6.07%; to 2.8 in 2024: 0.4/3 = 0.133 pp, (2.8/2.4)^(1/3) − 1 = 5.27%
    weihai = load_report("data/processed/weihai", 2024, "en")
    assert growth_from_latest(weihai, weihai.series_row(2)) == (
        "R&D intensity, from 2.4% in 2021: to 2.7% in 2023, +0.15 pp a year; "
        "to 2.8% in 2024, +0.13 pp a year.")


def test_a_target_already_met_is_said_met_not_a_growth_of_nan():
    # the national 12th plan's indicator 2 is the contribution of S&T progress (not R&D intensity): 55.3% in 2015
    # against the 2015 target 55%, met: no growth needed, and no "nan% a year"
    national = load_report("data/processed/national-12th-fyp", 2015, "en")
    assert growth_from_latest(national, national.series_row(2)) == (
        "Contribution of S&T progress, from 55.3% in 2015: to 55% in 2015, already met.")
    chinese = load_report("data/processed/national-12th-fyp", 2015, "zh")
    assert growth_from_latest(chinese, chinese.series_row(2)) == (
        "科技进步贡献率，从2015年的55.3%起：至2015年55%，已达到。")


def test_what_if_after_a_stage_target_is_judged_looks_to_the_next_target(example_tables):
    # the example data's 2023 (mid-term) report: high-level talent 298 in 2023, the 2023 interim target 300 missed; the
    # card asks for the 2024 target 320 next. At +5% a year: 298 × 1.05 = 312.9 in 2024, × 1.05 = 328.5 in 2025 ≥ 320
    # (not "the 2023 target 300 is met in 2024", a year already judged)
    mid_term = load_report(relative(example_tables), 2023, "en")
    assert what_if(mid_term, mid_term.series_row(25), 0.05)[0] == (
        "From 298 in 2023, at +5.0% a year, the 2024 target 320 is met in 2025.")
    # R&D intensity 2.61% in 2023, the 2023 target 2.7% missed: 2.61 + 4 × 0.05 = 2.81 ≥ 2.8 in 2027 (2.76 in 2026)
    assert what_if(mid_term, mid_term.series_row(2), 0.05)[0] == (
        "From 2.61% in 2023, at +0.05 pp a year, the 2024 target 2.8% is met in 2027.")
    # the final report (2024): no target after 2024, the binding one is still the one asked about: 2.7 + 2 × 0.05
    final = load_report(relative(example_tables), 2024, "en")
    assert what_if(final, final.series_row(2), 0.05)[0] == (
        "From 2.7% in 2024, at +0.05 pp a year, the 2024 target 2.8% is met in 2026.")


def test_what_if_takes_a_year_and_a_rate_given_as_text_and_refuses_a_percentage_in_one_line(example_tables):
    # papermill -r from_year 2022 gives "2022": the example's R&D intensity has 2.52 for 2022, not "No value for 2022;
    # the series has values for 2020, 2021, 2022, …". From 2.52: (2.7 − 2.52)/1 = +0.18 pp, 2.7/2.52 − 1 = +7.1%;
    # (2.8 − 2.52)/2 = +0.14 pp, √(2.8/2.52) − 1 = √1.1111 − 1 = +5.4%
    final = load_report(relative(example_tables), 2024, "en")
    assert what_if(final, final.series_row(2), "0.05", "2022")[1] == (
        "From 2.52% in 2022: to 2.7% in 2023, +0.18 pp a year; to 2.8% in 2024, +0.14 pp"
        " a year.")
    chinese = load_report(relative(example_tables), 2024, "zh")
    with pytest.raises(InputError) as caught:
        what_if(chinese, chinese.series_row(2), "5%")
    assert str(caught.value) == "growth_rate: '5%' 不是数字：每年的变化请写作数字（0.05即每年+5%，-1即前进一位）"
    with pytest.raises(InputError) as caught:
        what_if(final, final.series_row(2), 0.05, "2022年")
    assert str(caught.value) == "from_year: '2022年' is not a year: write the digits 2022 alone"


def test_growth_needed_from_the_last_target_year_says_there_is_no_target_after_it(example_tables):
    # from_year 2024, the plan's last target year: not "From 2.7% in 2024: none."
    final = load_report(relative(example_tables), 2024, "en")
    assert what_if(final, final.series_row(2), 0.05, 2024)[1] == "From 2.7% in 2024: no target after 2024."
    chinese = load_report(relative(example_tables), 2024, "zh")
    assert what_if(chinese, chinese.series_row(2), 0.05, 2024)[1] == "从2024年的2.7%起：2024年以后没有目标。"


def test_notebook_04_runs_for_a_series_without_any_value(project_tmp):
    # the national plan's paper-citations rank: a 2015 target, no baseline collected, no value published; its card has
    # no chart, and the notebook stopped there ("'NoneType' object has no attribute 'set_dpi'")
    import json

    import papermill

    from analysis.settings import NOTEBOOKS_DIR

    output = project_tmp / "04-national-4.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS_DIR / "04_explore_indicator.ipynb"), str(output), kernel_name="python3",
                               parameters={"data_dir": "data/processed/national-12th-fyp", "report_year": 2015,
                                           "indicator_id": 4, "language": "en"}, progress_bar=False)
    cells = json.loads(output.read_text(encoding="utf-8"))["cells"]
    printed = "".join("".join(out.get("text", "")) for cell in cells for out in cell.get("outputs", []))
    sentence = ("Paper citations rank has no value yet, not even its baseline: insufficient data, whatever the "
                "method.\n")
    assert printed.count(sentence) == 2  # by method, and what if
    assert not any("image/png" in out.get("data", {}) for cell in cells for out in cell.get("outputs", []))


def test_notebook_04_takes_a_series_as_a_department_workbook_writes_it(project_tmp):
    # papermill -p series 国家: Weihai's indicator 4, national series (a department workbook reads 国家 so); it
    # stopped at "indicator 4 has no series '国家'"
    import json

    import papermill

    from analysis.settings import NOTEBOOKS_DIR

    output = project_tmp / "04-weihai-4.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS_DIR / "04_explore_indicator.ipynb"), str(output), kernel_name="python3",
                               parameters={"data_dir": "data/processed/weihai", "report_year": 2024, "indicator_id": 4,
                                           "series": "国家", "language": "en"}, progress_bar=False)
    cells = json.loads(output.read_text(encoding="utf-8"))["cells"]
    printed = "".join("".join(out.get("text", "")) for cell in cells for out in cell.get("outputs", []))
    assert ("National agri-tech park revenue / GDP, as the plan prints it: baselines 2.8% (2020), 2.8% (2021); "
            "targets 3.0% (2023), 3.0% (2024).\n") in printed


def test_notebook_02_counts_the_statuses_in_the_reports_words(project_tmp):
    # Weihai 2024 on the plan's own values: 26 indicators, 3 qualitative; the marine economy's 36.6% of 2022 meets
    # its 2024 target 36%, the other 22 have no value after 2021: "Insufficient data 22", not "insufficient_data 22"
    import json

    import papermill

    from analysis.settings import NOTEBOOKS_DIR

    output = project_tmp / "02-weihai.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS_DIR / "02_gap_to_target.ipynb"), str(output), kernel_name="python3",
                               progress_bar=False)
    outputs = [out for cell in json.loads(output.read_text(encoding="utf-8"))["cells"]
               for out in cell.get("outputs", [])]
    printed = "".join("".join(out.get("text", "")) for out in outputs)
    assert "Achieved                                 1\n" in printed
    assert "Insufficient data                        22\n" in printed
    assert "Qualitative                              3\n" in printed
    floor = next(line for line in printed.splitlines() if line.startswith("18 "))  # the energy-use decline
    assert "a floor every year" in floor and floor.endswith("  Insufficient data")
    # a series without a verdict on its pace has no progress ratio, in words: not "R=  1.50" worked out from the
    # plan's two printed baselines (R&D personnel: 2020 and 2021) nor "R=   n/a"
    personnel = next(line for line in printed.splitlines() if line.startswith(" 1 "))
    assert personnel.split() == ["1", "compound", "(%", "a", "year)", "no", "progress", "ratio", "Insufficient",
                                 "data"]
    assert "R=" not in printed and "n/a" not in printed
    assert not {"insufficient_data", "annual_floor", "achieved\n"} & {word for word in printed.split(" ") if word}
    assert any("Assessment for 2024 (Eurostat cut-offs)" in "".join(out.get("data", {}).get("text/html", ""))
               for out in outputs)


def test_what_if_says_the_rate_as_given_not_rounded_as_a_computed_pace(example_tables):
    # 0.004 pp a year was said "at 0 pp a year" (a share's pace is shown to two decimals); 9.3 + 50 × 0.004 = 9.5 < 10
    final = load_report(relative(example_tables), 2024, "en")
    assert what_if(final, final.series_row(21), 0.004)[0] == (
        "From 9.3% in 2023, at +0.004 pp a year, the 2024 target 10% is not met within 50 years.")
    # a rank's places: 0.05 (the default growth_rate) was said "0.1 places"; 19 + 0.05 n never reaches the top 18
    national = load_report("data/processed/national-12th-fyp", 2013, "zh")
    assert what_if(national, national.series_row(1), 0.05)[0] == (
        "从2013年的第19位起，按每年后退0.05位，2015年目标前18位在50年内无法达到。")


def test_what_if_without_a_rate_moves_a_rank_by_whole_places(example_tables, project_tmp):
    # the notebook's default rate was 0.05 whatever the series: for a rank "moving down 0.05 places a year, not met
    # within 50 years", which means nothing; without a rate chosen a rank moves up one place a year. No. 19 in 2013:
    # 19 − n ≤ 18 ⇔ n ≥ 1: 2014; from the printed No. 21 of 2010: 21 − n ≤ 18 ⇔ n ≥ 3: 2013
    national = load_report("data/processed/national-12th-fyp", 2013, "en")
    rank = national.series_row(1)
    assert what_if(national, rank)[0] == (
        "From No. 19 in 2013, moving up 1 place a year, the 2015 target top 18 is met in 2014.")
    assert plan_numbers(national, rank)[-1] == (
        "From No. 21 in 2010, moving up 1 place a year, the 2015 target top 18 is met in 2013.")
    # a share keeps 0.05 a year in its own method (+0.05 pp a year): 2.7 + 0.05 n ≥ 2.8 ⇔ n ≥ 2: 2026
    final = load_report(relative(example_tables), 2024, "en")
    assert what_if(final, final.series_row(2))[0] == (
        "From 2.7% in 2024, at +0.05 pp a year, the 2024 target 2.8% is met in 2026.")
    # the notebook, run as a researcher runs it with the rank chosen and no rate: whole places, in its words
    import json

    import papermill

    from analysis.settings import NOTEBOOKS_DIR

    output = project_tmp / "04-national-rank.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS_DIR / "04_explore_indicator.ipynb"), str(output), kernel_name="python3",
                               parameters={"data_dir": "data/processed/national-12th-fyp", "report_year": 2015,
                                           "indicator_id": 1, "language": "zh"}, progress_bar=False)
    printed = "".join("".join(out.get("text", "")) for cell in json.loads(output.read_text(encoding="utf-8"))["cells"]
                      for out in cell.get("outputs", []))
    assert "从2010年的第21位起，按每年前进1位，2015年目标前18位于2013年达到。\n" in printed
    assert "0.05位" not in printed


def test_what_if_a_rank_holds_its_place(example_tables):
    # growth_rate 0 for a rank read "moving no change in place"; No. 19 held never reaches the top 18
    for language, expected in (("en", "From No. 19 in 2013, holding its place, the 2015 target top 18 is not met "
                                      "within 50 years."),
                               ("zh", "从2013年的第19位起，位次保持不变，2015年目标前18位在50年内无法达到。")):
        national = load_report("data/processed/national-12th-fyp", 2013, language)
        assert what_if(national, national.series_row(1), 0)[0] == expected

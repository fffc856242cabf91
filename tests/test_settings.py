"""Run parameters and messages: years, worker counts, paths, and how names and cells are shown."""
from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import InputError, display_path, printable, quote
from analysis.parameters import (
    check_jobs,
    check_rate,
    check_year,
    resolve_observations_dir,
    resolve_plan_dir,
    resolve_project_path,
)
from analysis.settings import PROJECT_ROOT


@pytest.mark.parametrize(("value", "year"), [(2024, 2024), ("2024", 2024), (" 2024 ", 2024), (2024.0, 2024)])
def test_a_year_is_four_digits(value, year):
    assert check_year(value) == year


@pytest.mark.parametrize("value", [
    True, 999, 10000, -2024, 2024.5, "20x4", "２０２４", "٢٠٢٤", "2024¹", "", "2024; touch X #", 1e300,
    # str() of an int of over 4,300 digits raises ValueError
    pytest.param(10 ** 5000, id="int-5001-digits"), pytest.param(-(10 ** 5000), id="negative-int-5001-digits"),
    pytest.param("2" * 5000, id="text-5000-digits"),
])
def test_anything_else_is_not_a_year_and_the_message_stays_short(value):
    with pytest.raises(InputError) as caught:
        check_year(value, "base_year")
    message = str(caught.value)
    assert message.startswith("base_year: ") and message.endswith(" is not a year")
    assert len(message) < 120


@pytest.mark.parametrize(("value", "rate"), [(0.05, 0.05), (-1, -1.0), ("0.05", 0.05), (" -1 ", -1.0), (".5", 0.5)])
def test_a_change_a_year_is_a_number(value, rate):
    # notebook 04's growth_rate, as papermill -p, -r or a JupyterLab cell gives it
    assert check_rate(value) == rate


@pytest.mark.parametrize(("value", "shown"), [("5%", "'5%'"), ("five", "'five'"), (True, "True"),
                                              (float("nan"), "nan"), ("", "''"), (None, "None")])
def test_anything_else_is_not_a_change_a_year_and_is_told_in_one_line(value, shown):
    # "5%" reached abs() and stopped the notebook with "TypeError: bad operand type for abs(): 'str'"
    with pytest.raises(InputError) as caught:
        check_rate(value)
    assert str(caught.value) == (f"growth_rate: {shown} is not a number: write a change a year as one (0.05 for +5% "
                                 "a year, -1 for up one place)")


def test_a_huge_integer_is_described_not_printed():
    assert quote(10 ** 5000) == "a number of 5001 digits"
    assert quote(-(2 * 10 ** 99)) == "a number of 100 digits"
    assert quote(12345) == "12345"


@pytest.mark.parametrize(("value", "jobs"), [(None, None), ("1", 1), (" 8 ", 8), (3, 3), ("9999", 9999)])
def test_worker_counts(value, jobs):
    assert check_jobs(value) == jobs


@pytest.mark.parametrize("value", ["¹", "٣", "３", "0", "-1", "1.5", "10000", "two", "", "1e2"])
def test_worker_counts_are_ascii_digits_only(value):
    # '¹'.isdigit() and '٣'.isdigit() are true, and int('٣') is 3: neither may pass.
    with pytest.raises(InputError, match="is not a positive number of worker processes"):
        check_jobs(value)


def test_paths_must_stay_in_the_project(tmp_path):
    assert resolve_project_path("data/raw/weihai") == PROJECT_ROOT / "data" / "raw" / "weihai"
    for value in ("/etc", "..", "data/../../x", str(tmp_path)):
        with pytest.raises(InputError, match="lies outside the project"):
            resolve_project_path(value, parameter="--plan")


def test_an_observations_folder_must_be_there():
    """A mistyped --observations folder is refused, never read as a folder without values."""
    assert resolve_observations_dir("tests/fixtures/example-2022-2024") == (
        PROJECT_ROOT / "tests" / "fixtures" / "example-2022-2024")
    with pytest.raises(InputError, match="'no-such-folder' does not exist; name the folder that holds the observation "
                                         "files") as refused:
        resolve_observations_dir("no-such-folder")
    assert refused.value.field == "--observations"


@pytest.mark.parametrize(("value", "said"), [
    ("no-such-plan", "'no-such-plan' does not exist; name a plan folder (a folder with plan.yml)"),
    ("README.md", "'README.md' is a file; name a plan folder (a folder with plan.yml)"),
    ("data", "'data' has no plan.yml; name a plan folder (a folder with plan.yml)"),
])
def test_a_plan_folder_must_be_there_with_its_plan_yml(value, said):
    assert resolve_plan_dir("data/raw/weihai") == PROJECT_ROOT / "data" / "raw" / "weihai"
    with pytest.raises(InputError) as refused:
        resolve_plan_dir(value)
    assert str(refused.value) == f"--plan: {said}"


@pytest.mark.parametrize(("text", "shown"), [
    ("plain 文字 text", "plain 文字 text"),
    ("bul\x1b[2Jletin.csv", "bul\\x1b[2Jletin.csv"),        # a terminal escape code
    ("two\nlines\r", "two\\nlines\\r"),                      # line breaks
    ("abc\u202edef", "abc\\u202edef"),                       # a right-to-left override
    ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),    # invisible characters
    ("bad\udc80byte", "bad\\udc80byte"),                     # a file name byte that is not UTF-8
])
def test_printable_shows_what_a_terminal_would_act_on_or_hide(text, shown):
    assert printable(text) == shown


@settings(derandomize=bool(os.environ.get("CI")))
@given(st.text())
def test_a_message_is_always_one_printable_line(text):
    message = str(InputError(text, file=f"obs/{text}.csv", line=3, field=text))
    assert message.isprintable()


def test_quote_cuts_long_text_and_says_how_long():
    assert quote("x" * 200, 10) == "'xxxxxxxxxx'… (200 characters)"
    assert quote("a\x1bb") == "'a\\x1bb'"


def test_display_path_names_a_link_not_its_target(tmp_path):
    link = PROJECT_ROOT / "tests" / ".work" / "display-link"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to("/etc/passwd")
    try:
        assert display_path(link) == "tests/.work/display-link"
    finally:
        link.unlink()
    assert display_path(PROJECT_ROOT / "data" / "raw") == "data/raw"
    assert display_path(tmp_path / "a\nb") == str(tmp_path) + "/a\\nb"

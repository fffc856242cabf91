"""Actual values: what a researcher drops into data/raw/observations, and every way it can be wrong."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.assess.assessment import assess
from analysis.clean.observations import named_date
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.publish.data import monitoring_data
from tests.conftest import FIXTURES
from tests.support.observations import one_sheet_workbook, read_observations, refused_lines

OBSERVATIONS = FIXTURES / "observations"
HEADER = "indicator_id,series,year,value,source\n"


@pytest.fixture(scope="module")
def indicators(weihai):
    return clean_plan_table(load_plan_inputs(weihai)).indicators


@pytest.fixture(scope="module")
def read(weihai, indicators):
    """``read(folder)``: the observations of ``folder`` for the Weihai plan."""
    return lambda folder: read_observations(folder, indicators, weihai)


def _write(tmp_path, body, name="bulletin.csv", header=HEADER):
    folder = tmp_path / "observations"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(header + body, encoding="utf-8")
    return folder


def test_absent_or_empty_folder_is_fine(tmp_path, read):
    observations, duplicates = read(tmp_path / "absent")
    assert observations.empty and duplicates == []
    (tmp_path / "empty").mkdir()
    assert read(tmp_path / "empty")[0].empty


def test_good_file_is_read_with_its_source(read):
    observations, _ = read(OBSERVATIONS / "good")
    assert len(observations) == 5
    row = observations[observations.indicator_id == 2].iloc[0]
    assert (row.year, row.value, row.value_type) == (2022, 2.55, "actual")
    assert row.reference == "Synthetic test bulletin 2022"
    assert row.source.endswith("good/2022-bulletin.csv") and row.source_line == 2


@pytest.mark.parametrize(
    ("body", "line", "field", "words"),
    [
        ("27,,2022,1,bulletin\n", 2, "indicator_id", "unknown indicator 27"),
        ("4,,2022,1,bulletin\n", 2, "series", "indicator 4 has more than one series: write 'national', 'provincial'"),
        ("2,national,2022,1,bulletin\n", 2, "series",
         "indicator 2 has no national or provincial series ('national' given): leave the series empty"),
        ("4,state,2022,1,bulletin\n", 2, "series", "indicator 4 has no series 'state'; use 'national', 'provincial'"),
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
def test_bad_rows_are_rejected_with_file_line_and_field(tmp_path, read, body, line, field, words):
    folder = _write(tmp_path, body)
    with pytest.raises(InputError) as caught:
        read(folder)
    message = str(caught.value)
    assert f"bulletin.csv:{line}:" in message
    if field:
        assert f":{line}: {field}:" in message
    assert words in message


@pytest.mark.parametrize(("body", "expected"), [
    ("99,,2022,1,bulletin\n", "bulletin.csv:2: indicator_id: unknown indicator 99 (the plan has 1–26)"),
    ("2,,2022,2.5,a\n2,,2022,2.5,b\n",
     "bulletin.csv:3: year: indicator 2 year 2022 already given at line 2 of this file (duplicate year)"),
    # a repeat with another value (before: told as the same row given twice): both lines and values named
    ("1,,2022,2100,a\n1,,2022,2150,a\n",
     "bulletin.csv:3: year: indicator 1 year 2022 is given twice in this file with different values: 2100 at line 2, "
     "2150 at line 3: keep the row with the right value and delete the other"),
    ("2,,2022,2.5,统计\u200b公报\n", "bulletin.csv:2: source: contains the invisible character U+200B (zero width "
                                   "space) at character 3 (it changes how the text shows, or hides in it); remove it"),
    ("2,,2035,2.5,bulletin\n", "bulletin.csv:2: year: year 2035 outside 2020–2030"),
])
def test_a_plain_csv_without_a_language_is_told_in_english(tmp_path, read, body, expected):
    # the errors a Chinese template's workbook is told in Chinese (tests/publish/test_entry_languages.py)
    with pytest.raises(InputError) as caught:
        read(_write(tmp_path, body))
    assert str(caught.value).endswith(f"/observations/{expected}")


def test_two_files_with_different_values_for_one_year_conflict(read):
    with pytest.raises(InputError) as caught:
        read(OBSERVATIONS / "conflict")
    message = str(caught.value)
    assert "conflict/b.csv:2: value:" in message and "conflicts with 2.55 in" in message and "a.csv:2" in message


def test_the_same_value_in_two_files_is_kept_once(read):
    observations, duplicates = read(OBSERVATIONS / "duplicate_same")
    assert len(observations[observations.indicator_id == 2]) == 1
    assert len(duplicates) == 1


def test_missing_column_and_wrong_encoding(tmp_path, read):
    folder = _write(tmp_path, "2,,2022,2.5\n", header="indicator_id,series,year,value\n")
    with pytest.raises(InputError, match=r"bulletin.csv:1: header: missing column\(s\) source"):
        read(folder)
    (folder / "bulletin.csv").write_bytes((HEADER + "2,,2022,2.5,统计公报\n").encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8"):
        read(folder)


def test_a_workbook_saved_as_csv_with_its_title_above_the_header_is_told_so_once(tmp_path, read):
    """A department's sheet saved as "CSV UTF-8": its title and instructions on lines 1–2, its labels (the header) on
    line 3: one line saying where the header is and what to do, in the labels' language, not every column missing."""
    body = ("市科技局：2024年数据报送表,,,,,\n请在黄色单元格中填写,,,,,\n编号,序列,年份,数值,数据来源,,指标名称\n"
            "1,,2024,25300,统计公报,,研发人员数（人）\n")
    with pytest.raises(InputError) as caught:
        read(_write(tmp_path, body, header=""))
    assert str(caught.value).endswith(
        "bulletin.csv:1: 表头应在第1行，但第3行才是表头（编号、序列、年份、数值、数据来源），其上是标题或说明："
        "报送表请直接报送 .xlsx 文件（另存为 CSV 会带上标题、说明和参考列）；自制的 CSV 请删去第1—2行")


def test_a_bom_is_accepted(tmp_path, read):
    folder = tmp_path / "observations"
    folder.mkdir()
    (folder / "bom.csv").write_bytes(("\ufeff" + HEADER + "2,,2022,2.5,统计公报\n").encode("utf-8"))
    observations, _ = read(folder)
    assert observations.value.tolist() == [2.5]


def assessment(plan, observations, report_year):
    data = monitoring_data(plan, observations)
    return assess(data.indicators, data.values, report_year, plan.base_year)


def test_observations_change_the_assessment(tmp_path, weihai):
    without = assessment(weihai, tmp_path / "none", 2024)
    with_obs = assessment(weihai, OBSERVATIONS / "good", 2024)

    def key(frame, i, s=""):
        return frame[(frame.indicator_id == i) & (frame.series == s)].iloc[0]

    assert key(without, 2).as_of_year == 2021
    rd = key(with_obs, 2)
    # three points (2020, 2021, 2022), but 2022 the plan period's only value: low evidence, as the reports flag it
    assert rd.as_of_year == 2022 and rd.latest_value == 2.55 and rd.n_points == 3 and rd.evidence == "low"
    # linear: (2.55 - 2.36)/2 = 0.095 pp a year vs (2.8 - 2.36)/4 = 0.11 -> R = 0.864 -> moderate
    assert rd.progress_ratio == pytest.approx(0.095 / 0.11)
    assert rd.status == "moderate"
    # 89.5 in 2022, a year the plan sets no level for (90 for 2023 and 2024): nothing missed yet, a progress verdict;
    # 90.4 (2020) → 89.5 falls away from 90: moving away
    assert (key(with_obs, 17).status, key(with_obs, 17).verdict, key(with_obs, 17).missed_years) == (
        "moving_away", "progress", "")
    # 5.2 meets the 5 % floor again, but 5.48 -> 5.2 over 2020-2022 is still a falling trend
    assert key(with_obs, 18).status == "achieved_at_risk"
    # without a value from 2022 on, the final evaluation has only the printed baselines: no verdict yet
    assert key(without, 18).status == "insufficient_data"
    # nor has the 2023 mid-term (its interim target's year come); a 2022 report judges the baselines' pace
    assert key(assessment(weihai, tmp_path / "none", 2023), 18).status == "insufficient_data"
    assert key(assessment(weihai, tmp_path / "none", 2022), 18).status == "moving_away"  # 5.48 → 3.41
    # the 2023 mid-term uses the 2023 actuals once they are published
    later = tmp_path / "both"
    shutil.copytree(OBSERVATIONS / "good", later)
    shutil.copy(OBSERVATIONS / "later" / "2023-bulletin.csv", later)
    mid = assessment(weihai, later, 2023)
    assert key(mid, 2).as_of_year == 2023 and key(mid, 2).status == "achieved"
    assert key(mid, 10).latest_value == 1520 and key(mid, 10).status == "achieved"
    # and a 2022 report ignores what was published for 2023
    early = assessment(weihai, later, 2022)
    assert key(early, 2).as_of_year == 2022


def test_actuals_appear_in_the_values_table(weihai):
    data = monitoring_data(weihai, OBSERVATIONS / "good")
    actual = data.values[data.values.value_type == "actual"]
    assert len(actual) == 5 and len(data.values) == 105


def test_hidden_files_are_skipped_and_listed_in_the_log_a_readme_is_left_alone(tmp_path, weihai):
    folder = _write(tmp_path, "2,,2022,2.5,统计公报\n")
    (folder / ".draft.csv").write_text(HEADER + "2,,2022,not a number,draft\n", encoding="utf-8")
    (folder / "README.md").write_text("# where these come from\n", encoding="utf-8")
    data = monitoring_data(weihai, folder)
    assert data.values[data.values.value_type == "actual"].value.tolist() == [2.5]
    [skipped] = data.quality[data.quality.issue == "skipped_file"].itertuples()
    assert skipped.indicator_id == 0 and skipped.source.endswith("observations/.draft.csv")
    assert skipped.detail_en.startswith("Hidden or system file, not read")


def test_an_observation_file_of_another_format_stops_the_run(tmp_path, read):
    folder = _write(tmp_path, "2,,2022,2.5,统计公报\n")
    (folder / "2023.ods").write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="2023.ods: a spreadsheet \\(OpenDocument\\), which is not read"):
        read(folder)


def test_every_format_read_has_a_reader():
    from analysis.ingest.observations import READERS
    from analysis.plan import NOT_READ_FORMATS, OBSERVATION_FORMATS, WORKBOOK_FORMATS

    assert set(READERS) == set(OBSERVATION_FORMATS)
    assert not set(OBSERVATION_FORMATS) & (set(NOT_READ_FORMATS) | set(WORKBOOK_FORMATS))


def test_a_file_that_repeats_another_is_one_finding_a_single_repeat_a_note_on_its_indicator(tmp_path, weihai):
    rows = ("2,,2022,2.55,Bulletin 2022\n10,,2022,1300,Bulletin 2022\n18,,2022,5.2,Bulletin 2022\n")
    folder = _write(tmp_path, rows, name="a.csv")
    _write(tmp_path, rows, name="b.csv")                                  # a copy of the whole file
    _write(tmp_path, "10,,2022,1300,Department's return\n", name="c.csv")  # one value given again
    data = monitoring_data(weihai, folder)
    repeats = data.quality[data.quality.issue == "duplicate_observation"]
    assert len(data.values[data.values.value_type == "actual"]) == 3      # each value kept once
    assert repeats["source"].str.rsplit("/", n=1).str[-1].tolist() == ["b.csv", "c.csv"]
    copy, single = repeats.iloc[0], repeats.iloc[1]
    assert copy.indicator_id == 0 and copy.source_line == 2
    # the first file by its name, never the folders it was read from (a report shows the detail)
    assert copy.detail_en == "3 values the same as in a.csv, each kept once"
    assert copy.detail_zh == "3个数值与 a.csv 相同，各只计一次"
    assert (single.indicator_id, single.year, single.source_line) == (10, 2022, 2)
    assert single.detail_en == "Same value as a.csv:3; kept once."


REVISION_HEADER = "indicator_id,series,year,value,source,published,preliminary\n"


def test_a_later_publication_revises_an_earlier_one_whatever_the_file_order(tmp_path, weihai):
    # R&D intensity 2022: 2.55 in the bulletin (2023-03-20), 2.62 in the yearbook (2023-11-30); the yearbook's file
    # sorts first, the later publication is used all the same, and the revision is listed from → to
    folder = _write(tmp_path, "2,,2022,2.62,Yearbook 2023,2023-11-30,\n", name="a-yearbook.csv",
                    header=REVISION_HEADER)
    _write(tmp_path, "2,,2022,2.55,Bulletin 2022,2023-03-20,yes\n", name="b-bulletin.csv", header=REVISION_HEADER)
    data = monitoring_data(weihai, folder)
    actual = data.values[data.values.value_type == "actual"]
    assert actual[["year", "value", "reference", "published", "processing"]].values.tolist() == [
        [2022, 2.62, "Yearbook 2023", "2023-11-30", "revised"]]
    [revision] = data.quality[data.quality.issue == "observation_revised"].itertuples()
    assert (revision.printed_text, revision.value) == ("2.55", 2.62)
    # the days as a reader writes them; the data keep them ISO (published above)
    # both figures in the series' unit (%), as every value in a sentence
    assert revision.detail_en == ("2022: 2.55% (Bulletin 2022, published 20 March 2023) → 2.62% (Yearbook 2023, "
                                  "published 30 November 2023); the later figure is used")
    assert "2023年3月20日发布" in revision.detail_zh and "2023年11月30日发布" in revision.detail_zh
    assert data.quality[data.quality.issue == "preliminary_value"].empty  # the preliminary figure was replaced


def test_a_final_figure_replaces_a_preliminary_one_without_dates(tmp_path, weihai):
    folder = _write(tmp_path, "2,,2022,2.55,Bulletin 2022,,初步核算\n", name="a.csv", header=REVISION_HEADER)
    _write(tmp_path, "2,,2022,2.58,Yearbook 2023,,\n", name="b.csv", header=REVISION_HEADER)
    data = monitoring_data(weihai, folder)
    assert data.values.loc[data.values.value_type == "actual", "value"].tolist() == [2.58]
    assert len(data.quality[data.quality.issue == "observation_revised"]) == 1


def test_a_preliminary_figure_is_marked_until_a_final_one_comes(tmp_path, weihai):
    folder = _write(tmp_path, "2,,2022,2.55,Bulletin 2022,2023-03-20,预计\n", header=REVISION_HEADER)
    data = monitoring_data(weihai, folder)
    assert data.values.loc[data.values.value_type == "actual", "processing"].tolist() == ["preliminary"]
    [finding] = data.quality[data.quality.issue == "preliminary_value"].itertuples()
    assert finding.detail_zh == "2022年2.55%为初步数（Bulletin 2022），正式数据公布后替换"  # in its unit
    assert finding.detail_en == ("2.55% for 2022 is a preliminary figure (Bulletin 2022); the final figure replaces "
                                 "it when published")
    # the same value published again as final: one value, final, and the repeat logged
    _write(tmp_path, "2,,2022,2.55,Yearbook 2023,2023-11-30,\n", name="yearbook.csv", header=REVISION_HEADER)
    data = monitoring_data(weihai, folder)
    actual = data.values[data.values.value_type == "actual"]
    assert actual[["reference", "processing"]].values.tolist() == [["Yearbook 2023", ""]]
    assert data.quality[data.quality.issue == "preliminary_value"].empty


NOTED_HEADER = "indicator_id,series,year,value,source,published,preliminary,note,note_zh\n"


@pytest.mark.parametrize(("note", "note_zh", "told"), [
    ("", "初步核算数，正式数据6月公布", "初步核算数，正式数据6月公布"),   # said in the Chinese note only
    ("an estimate before the year's end", "", "an estimate before the year's end"),
    ("Preliminary", "预计数", "Preliminary"),                       # the first note column that says it
])
def test_a_figure_read_as_final_that_its_note_calls_preliminary_is_told(tmp_path, weihai, note, note_zh, told):
    folder = _write(tmp_path, f"2,,2022,2.55,Bulletin 2022,2023-03-20,,{note},{note_zh}\n", header=NOTED_HEADER)
    data = monitoring_data(weihai, folder)
    assert data.values.loc[data.values.value_type == "actual", "processing"].tolist() == [""]  # read as written
    [finding] = data.quality[data.quality.issue == "preliminary_in_note"].itertuples()
    assert (finding.indicator_id, finding.year, finding.value) == (2, 2022, 2.55)
    # the value in its unit (%); the note as written
    assert finding.detail_en.startswith(f"2.55% for 2022 is read as a final figure, though its note says “{told}")
    assert finding.detail_zh.startswith(f"2022年2.55%按正式数据读取，但其备注称“{told}")
    assert "请在初步数列填写“是”" in finding.detail_zh


@pytest.mark.parametrize(("preliminary", "note"), [
    ("yes", "初步核算数"),                                   # marked: the preliminary finding says it
    ("", "最终数，修订 2016 年 4 月公布的初步数 2.10"),        # a final figure revising a preliminary one
    ("", "the final figure; it revises the preliminary 2.10"),
    ("", "统计公报"),
])
def test_a_note_that_is_marked_final_or_says_no_more_is_not_told(tmp_path, weihai, preliminary, note):
    folder = _write(tmp_path, f"2,,2022,2.55,Bulletin 2022,2023-03-20,{preliminary},{note},\n",
                    header=NOTED_HEADER)
    data = monitoring_data(weihai, folder)
    assert data.quality[data.quality.issue == "preliminary_in_note"].empty


def test_a_conflict_that_declares_no_revision_says_how_to_declare_one(tmp_path, read):
    folder = _write(tmp_path, "2,,2022,2.55,Bulletin 2022,2023-03,\n", name="a.csv", header=REVISION_HEADER)
    _write(tmp_path, "2,,2022,2.62,Yearbook 2023,2023,\n", name="b.csv", header=REVISION_HEADER)  # 2023 holds 2023-03
    with pytest.raises(InputError) as caught:
        read(folder)
    assert str(caught.value).endswith(
        "b.csv:2: value: indicator 2 year 2022: value 2.62 conflicts with 2.55 in Bulletin 2022, a.csv:2; if one "
        "publication revises the other, give both rows the day each appeared in the published column (2011-09-28): "
        "the later is used and the revision listed")


@pytest.mark.parametrize(("published", "preliminary", "field", "words"), [
    ("2023-02-30", "", "published", "'2023-02-30' is not a date: write the day the publication appeared as "
                                    "2011-09-28"),
    ("23/3/2023", "", "published", "is not a date"),      # the year last: day and month cannot be told apart
    ("2023年2月30日", "", "published", "'2023-02-30' is not a date"),   # read as the ISO day, which is none
    ("2023.13.1", "", "published", "is not a date"),
    ("2999-01-01", "", "published", "2999-01-01 is after today"),
    ("", "maybe", "preliminary", "'maybe': write yes for a preliminary figure (初步核算, 预计), or leave the cell "
                                 "empty"),
])
def test_publication_dates_and_preliminary_flags_are_checked(tmp_path, read, published, preliminary, field, words):
    folder = _write(tmp_path, f"2,,2022,2.55,Bulletin 2022,{published},{preliminary}\n", header=REVISION_HEADER)
    with pytest.raises(InputError) as caught:
        read(folder)
    assert f"bulletin.csv:2: {field}: " in str(caught.value) and words in str(caught.value)


@pytest.mark.parametrize(("published", "iso"), [
    ("2023-02-28", "2023-02-28"), ("2023年2月28日", "2023-02-28"), ("2023年2月", "2023-02"), ("2023年", "2023"),
    ("2023.2.28", "2023-02-28"), ("2023/02/28", "2023-02-28"), ("2023.2", "2023-02"),
])
def test_a_publication_date_written_with_the_year_first_is_read_as_its_day(tmp_path, read, published, iso):
    """A clerk writes 2023年2月28日 or 2023.2.28 as often as 2023-02-28: each is the same day, kept as ISO text."""
    folder = _write(tmp_path, f"2,,2022,2.55,Bulletin 2022,{published},\n", header=REVISION_HEADER)
    observed = read(folder)
    assert list(observed[0]["published"]) == [iso]


def test_a_value_quoted_as_printed_keeps_its_digits_and_groups_its_thousands(tmp_path, weihai):
    # R&D personnel (1): the plan prints 23000 for 2021, a bulletin gives 23150; R&D intensity (2): the plan prints
    # 2.40 for 2021, the bulletin 2.50. Each is quoted with its own digits, thousands grouped as in every table
    # (never 23150, 2.4 or 2.5), and the finding says what is done: the published value stands in for the printed
    # one wherever that year's value is used (for 2021 that is not the starting point: the base year is 2020)
    folder = _write(tmp_path, "1,,2021,23150,Bulletin 2022\n2,,2021,2.50,Bulletin 2022\n")
    quality = monitoring_data(weihai, folder).quality
    revised = quality[quality.issue == "observation_revises_baseline"].set_index("indicator_id")
    assert revised.loc[1, "detail_en"] == ("Bulletin 2022 gives 23,150 for 2021; the plan printed 23,000. The "
                                           "published value replaces the printed one wherever the 2021 value is used.")
    # both in the series' unit: 人 after the number in Chinese (in English the unit follows the series' name), %
    assert revised.loc[1, "detail_zh"] == ("据Bulletin 2022，2021年为23,150人，方案印作23,000人；"
                                           "凡用到2021年数值之处均以公布值代替方案所列数值")
    assert revised.loc[2, "detail_en"].startswith("Bulletin 2022 gives 2.50% for 2021; the plan printed 2.40%.")
    assert revised.loc[2, "detail_zh"].startswith("据Bulletin 2022，2021年为2.50%，方案印作2.40%；")


def test_a_preliminary_figure_whose_source_has_brackets_gives_it_apart(tmp_path, weihai):
    # the source ends with its address in brackets: the finding puts none around it, never “（公报（http://…））”
    folder = _write(tmp_path, "2,,2022,2.55,公报（http://x.cn/a）,2023-03-20,预计\n", header=REVISION_HEADER)
    [finding] = monitoring_data(weihai, folder).quality.query("issue == 'preliminary_value'").itertuples()
    assert finding.detail_zh == "2022年2.55%为初步数，正式数据公布后替换；来源：公报（http://x.cn/a）"
    assert finding.detail_en.startswith("2.55% for 2022 is a preliminary figure; the final figure replaces it when "
                                        "published. Source: 公报（http://x.cn/a）")


def test_a_revision_quotes_both_figures_as_they_were_published(tmp_path, weihai):
    # 2.10 first (a preliminary figure, printed with its trailing zero), 2.07 later: "2.10 → 2.07", never "2.1 → 2.07"
    folder = _write(tmp_path, "2,,2022,2.07,Yearbook 2023,2023-11-30,\n", name="a-yearbook.csv",
                    header=REVISION_HEADER)
    _write(tmp_path, "2,,2022,2.10,Bulletin 2022,2023-03-20,yes\n", name="b-bulletin.csv", header=REVISION_HEADER)
    [revision] = monitoring_data(weihai, folder).quality.query("issue == 'observation_revised'").itertuples()
    assert revision.detail_en == ("2022: 2.10% (Bulletin 2022, published 20 March 2023) → 2.07% (Yearbook 2023, "
                                  "published 30 November 2023); the later figure is used")
    assert revision.detail_zh == ("2022年：2.10%（Bulletin 2022，2023年3月20日发布）→ 2.07%（Yearbook 2023，"
                                  "2023年11月30日发布），以后者为准")


def test_a_publication_dated_to_its_year_or_month_only_is_dated_in_the_language_s_form(tmp_path, weihai):
    # a book dated 2022 (its year alone), a yearbook dated 2023-11 (its month): "2022年发布", "2023年11月发布" in
    # Chinese, never "2022发布"; in English "published 2022", "published November 2023"
    folder = _write(tmp_path, "2,,2022,2.07,Yearbook 2023,2023-11,\n", name="a-yearbook.csv",
                    header=REVISION_HEADER)
    _write(tmp_path, "2,,2022,2.10,Book,2022,\n", name="b-book.csv", header=REVISION_HEADER)
    [revision] = monitoring_data(weihai, folder).quality.query("issue == 'observation_revised'").itertuples()
    assert revision.detail_zh == "2022年：2.10%（Book，2022年发布）→ 2.07%（Yearbook 2023，2023年11月发布），以后者为准"
    assert revision.detail_en == ("2022: 2.10% (Book, published 2022) → 2.07% (Yearbook 2023, published November "
                                  "2023); the later figure is used")


DAILY = "26,,2022,36.6,Weihai Daily 2023\n"  # a file without a published column, as the first Weihai files are
BULLETIN = "26,,2022,36.9,Bulletin 2024,2025-03-01\n"
DATED = "indicator_id,series,year,value,source,published\n"


def test_a_dated_publication_revises_a_file_whose_name_gives_an_earlier_year(tmp_path, weihai):
    # the marine economy's share (26) for 2022: 36.6 in a file named 2023-… without a published column, 36.9 in a
    # bulletin published 2025-03-01. The earlier file is not edited: its name dates it to 2023, some day before any
    # of 2025, so the bulletin revises it (before: refused as a conflict until the earlier file had a published cell)
    folder = _write(tmp_path, DAILY, name="2023-weihai-daily.csv")
    _write(tmp_path, BULLETIN, name="2025-03-01-statistical-bulletin.csv", header=DATED)
    data = monitoring_data(weihai, folder)
    actual = data.values[data.values.value_type == "actual"]
    # the published column as the files give it: the bulletin's day, nothing the daily's file did not say
    assert actual[["year", "value", "reference", "published", "processing"]].values.tolist() == [
        [2022, 36.9, "Bulletin 2024", "2025-03-01", "revised"]]
    [revision] = data.quality[data.quality.issue == "observation_revised"].itertuples()
    assert (revision.printed_text, revision.value) == ("36.6", 36.9)
    assert revision.detail_en == ("2022: 36.6% (Weihai Daily 2023, published 2023) → 36.9% (Bulletin 2024, "
                                  "published 1 March 2025); the later figure is used")
    assert revision.detail_zh == ("2022年：36.6%（Weihai Daily 2023，2023年发布）→ 36.9%（Bulletin 2024，"
                                  "2025年3月1日发布），以后者为准")


def test_two_files_dated_by_their_names_alone_are_ordered_by_them(tmp_path, weihai):
    # neither file has a published column: the day 2025-03-01 the second's name begins with is later than 2023
    folder = _write(tmp_path, DAILY, name="2023-weihai-daily.csv")
    _write(tmp_path, "26,,2022,36.9,Bulletin 2024\n", name="2025-03-01-statistical-bulletin.csv")
    data = monitoring_data(weihai, folder)
    assert data.values.loc[data.values.value_type == "actual", ["value", "published"]].values.tolist() == [
        [36.9, ""]]
    assert len(data.quality[data.quality.issue == "observation_revised"]) == 1


def test_a_name_s_year_and_a_day_of_that_year_are_still_a_conflict(tmp_path, read):
    # 2025 is some day of 2025: neither 2025-03-01 nor it is the later, so the two values are refused as before, the
    # message saying how to date them. Indicator 2's 2022 value, revised by a file named a year later, passes: the
    # conflict is the one line told (before: indicator 2's revision was refused too)
    folder = _write(tmp_path, DAILY + "2,,2022,2.55,Weihai Daily 2023\n", name="2025-weihai-daily.csv")
    _write(tmp_path, BULLETIN, name="2025-03-01-statistical-bulletin.csv", header=DATED)
    _write(tmp_path, "2,,2022,2.62,Yearbook\n", name="2026-yearbook.csv")
    with pytest.raises(InputError) as caught:
        read(folder)
    assert str(caught.value) == (
        f"{folder / '2025-weihai-daily.csv'}:2: value: indicator 26 year 2022: value 36.6 conflicts with 36.9 in "
        "Bulletin 2024, 2025-03-01-statistical-bulletin.csv:2; if one publication revises the other, give both rows "
        "the day each appeared in the published column (2011-09-28): the later is used and the revision listed")


@pytest.mark.parametrize(("name", "date"), [
    ("2025-03-01-statistical-bulletin.csv", "2025-03-01"), ("2025-03-bulletin.csv", "2025-03"),
    ("2023-weihai-daily.csv", "2023"), ("2024.CSV", "2024"), ("2023年统计公报.csv", "2023"),
    ("2025-02-30-bulletin.csv", ""),     # no day
    ("2024-2025-review.csv", ""),        # which year is not said
    ("20250301-bulletin.csv", ""), ("bulletin-2025.csv", ""), ("revised-series-2015.csv", ""),
    ("2999-bulletin.csv", ""),           # after today
    ("2021-bulletin.csv", ""),           # before the value's year (2022) began
])
def test_the_date_a_file_s_name_begins_with(name, date):
    assert named_date(Path(name), 2022) == date


def test_every_mistake_of_one_row_is_told_at_once(tmp_path, weihai):
    # a value with a thousands separator, no source, a date that is none and a preliminary flag not yes or no, all in
    # one row: four lines, in the order of the columns, not one a round
    from analysis.errors import InputErrors

    folder = _write(tmp_path, '1,,2022,"24,800",,2023-13-01,maybe\n', header=REVISION_HEADER)
    with pytest.raises(InputErrors) as caught:
        monitoring_data(weihai, folder)
    fields = [line.split(": ")[1] for line in caught.value.lines()]
    assert fields == ["value", "source", "published", "preliminary"], caught.value.lines()
    assert all(":2: " in line for line in caught.value.lines())


@pytest.mark.parametrize(("body", "fields"), [
    ("1,,2019,abc,\n", ["year", "value", "source"]),       # a year outside the plan hides nothing after it
    ("x,,2019,2.5,Bulletin\n", ["indicator_id", "year"]),  # nor an id that is no number
    ("27,,20x2,abc,\n", ["indicator_id", "year", "value", "source"]),
])
def test_a_bad_year_or_id_hides_none_of_the_rows_other_mistakes(tmp_path, weihai, body, fields):
    from analysis.errors import InputErrors

    with pytest.raises(InputErrors) as caught:
        monitoring_data(weihai, _write(tmp_path, body))
    assert [line.split(": ")[1] for line in caught.value.lines()] == fields, caught.value.lines()
    assert all("bulletin.csv:2: " in line for line in caught.value.lines())


def test_a_hidden_sheet_left_unread_is_named_in_the_log(tmp_path, weihai):
    import openpyxl

    folder = _write(tmp_path, "2,,2022,2.5,统计公报\n")
    book = openpyxl.Workbook()
    book.active.append(["indicator_id", "series", "year", "value", "source"])
    book.active.append([2, "", 2023, 2.61, "统计公报"])
    notes = book.create_sheet("备注")
    notes["A1"] = "草稿"
    notes.sheet_state = "hidden"
    book.save(folder / "b.xlsx")
    data = monitoring_data(weihai, folder)
    [skipped] = data.quality[data.quality.issue == "skipped_sheet"].itertuples()
    assert skipped.detail_en == "Hidden sheet '备注' of a workbook, not read; show it to have it read"
    assert skipped.detail_zh == "工作簿中的隐藏工作表 '备注'，未读取；如需使用，请取消隐藏"


def test_a_note_typed_beside_a_row_hides_none_of_the_rows_own_mistakes(tmp_path, weihai):

    folder = tmp_path / "observations"
    folder.mkdir()
    one_sheet_workbook(["indicator_id", "series", "year", "value", "source"],
                       [2, None, 2023, "2.5%", "统计公报", "另见附件"]).save(folder / "b.xlsx")
    assert sorted(refused_lines(weihai, folder)) == sorted([
        f"{folder / 'b.xlsx'}:Sheet1!F2: holds '另见附件' in a column without a header, which is not read: move it "
        "into the row's note, or give each table its own sheet",
        f"{folder / 'b.xlsx'}:Sheet1!D2: value: '2.5%' is not a number (did you mean 2.5? leave out the % sign and "
        "write the number alone, in the indicator's own unit, which a data-entry workbook lists beside the row)"])


KIND_HEADER = "indicator_id,series,year,value,source,source_kind\n"


@pytest.mark.parametrize(("kind", "read_as"), [
    ("", "official"), ("official", "official"), ("secondary", "secondary"), ("Secondary", "secondary"),
    ("官方", "official"), ("二手", "secondary")])
def test_the_kind_of_source_is_read_official_when_empty(tmp_path, read, kind, read_as):
    observations, _ = read(_write(tmp_path, f"2,,2022,2.55,Bulletin 2022,{kind}\n", header=KIND_HEADER))
    assert observations["source_kind"].tolist() == [read_as]


def test_a_file_without_the_column_gives_official_values(read):
    observations, _ = read(OBSERVATIONS / "good")
    assert set(observations["source_kind"]) == {"official"}


def test_an_unknown_kind_of_source_is_refused_in_one_line(tmp_path, read):
    with pytest.raises(InputError) as caught:
        read(_write(tmp_path, "2,,2022,2.55,People's Daily,quoted\n", header=KIND_HEADER))
    assert str(caught.value).endswith(
        "/observations/bulletin.csv:2: source_kind: 'quoted' is not a kind of source: write official (the statistical "
        "office's or the responsible ministry's own release) or secondary (a value quoted by a newspaper, article, "
        "book, forum or website), or leave the cell empty (official)")


def test_an_unknown_kind_of_source_in_a_file_headed_in_chinese_is_told_in_chinese(tmp_path, read):
    folder = _write(tmp_path, "2,,2022,2.55,人民日报,转载\n", header="编号,序列,年份,数值,数据来源,来源类型\n")
    with pytest.raises(InputError) as caught:
        read(folder)
    assert str(caught.value).endswith(
        "/observations/bulletin.csv:2: 来源类型: '转载' 不是来源类型：统计部门或主管部门自己发布的数值填“官方”，报刊、"
        "文章、书籍、论坛或网站转引的数值填“二手”；留空按官方计")


@pytest.mark.parametrize(("header", "published", "expected"), [
    ("indicator_id,series,year,value,source,published\n", "2021-03-01",
     "published: 2021-03-01 is before the value's year (2022): a value for 2022 is not published before 2022; write "
     "the day this value was published"),
    ("编号,序列,年份,数值,数据来源,发布日期\n", "2021年3月",
     "发布日期: 2021-03早于数值所属年份（2022年）：2022年的数值不会在2022年之前发布；请填写该数值发布的日期"),
])
def test_a_publication_date_before_the_values_year_is_refused(tmp_path, read, header, published, expected):
    """A value for 2022 appears in 2022 at the earliest: a date of 2021 is a slip (the year of the bulletin before, or
    the value's year less one), refused in the file's language."""
    with pytest.raises(InputError) as caught:
        read(_write(tmp_path, f"2,,2022,2.55,Bulletin 2022,{published}\n", header=header))
    assert str(caught.value).endswith(f"/observations/bulletin.csv:2: {expected}")


def test_a_value_published_in_its_own_year_is_read(tmp_path, read):
    observed = read(_write(tmp_path, "2,,2022,2.55,Bulletin 2022,2022\n1,,2021,23150,Bulletin,2021-12-31\n",
                           header="indicator_id,series,year,value,source,published\n"))
    assert sorted(observed[0]["published"]) == ["2021-12-31", "2022"]


def test_the_kind_of_source_is_carried_into_the_tidy_table(tmp_path, weihai):
    folder = _write(tmp_path, "2,,2022,2.55,Bulletin 2022,official\n11,,2022,1450,Dazhong Daily,secondary\n",
                    header=KIND_HEADER)
    values = monitoring_data(weihai, folder).values
    kinds = values.set_index(["indicator_id", "year", "value_type"])["source_kind"]
    assert (kinds[(2, 2022, "actual")], kinds[(11, 2022, "actual")]) == ("official", "secondary")
    assert set(values.loc[values.value_type != "actual", "source_kind"]) == {""}  # the plan's own values: no kind


def test_a_value_quoted_and_released_alike_is_kept_as_released(tmp_path, weihai):
    # the same value in a newspaper (read first) and in the bureau's bulletin: the bulletin's row is the one kept
    folder = _write(tmp_path, "2,,2022,2.55,Dazhong Daily,secondary\n", name="a.csv", header=KIND_HEADER)
    _write(tmp_path, "2,,2022,2.55,Bulletin 2022,official\n", name="b.csv", header=KIND_HEADER)
    actual = monitoring_data(weihai, folder).values.query("value_type == 'actual'")
    assert actual[["reference", "source_kind"]].values.tolist() == [["Bulletin 2022", "official"]]


def test_a_source_given_in_english_alone_is_told_it_was_seen(tmp_path, read):
    """Before: "source: empty: say which publication the value comes from", as if no source had been given."""
    with pytest.raises(InputError) as caught:
        read(_write(tmp_path, "2,,2022,2.55,,Weihai bulletin 2022\n", header="indicator_id,series,year,value,source,"
                                                                             "source_en\n"))
    assert str(caught.value).endswith(
        "/observations/bulletin.csv:2: source: empty, though the source in English gives 'Weihai bulletin 2022': write "
        "the publication's own name here (a Chinese publication's Chinese name); the source in English holds its "
        "English name only")


@pytest.mark.parametrize(("header", "expected"), [
    ("indicator_id,series,year,value,source,source_zh\n",
     "bulletin.csv:2: source: empty, though the source in Chinese gives '威海市2022年统计公报': write the "
     "publication's own name here (a Chinese publication's Chinese name, as given there); the source in Chinese holds "
     "a Chinese name only for a publication in another language"),
    ("编号,序列,年份,数值,数据来源,中文数据来源\n",  # headed in Chinese: told in Chinese, the column by its label
     "bulletin.csv:2: 数据来源: 为空，只在中文数据来源中填写了 '威海市2022年统计公报'：请在此填写该资料本身的名称"
     "（中文资料即填该中文名称）；中文数据来源只用于填写外文资料的中文名称"),
])
def test_a_source_given_in_chinese_alone_is_told_it_was_seen(tmp_path, read, header, expected):
    """``source`` names the publication, ``source_zh`` only what the Chinese edition shows (docs/data.md): a Chinese
    name in ``source_zh`` alone is refused as the English one alone is, told it was seen and where it goes. Before:
    "source: empty: say which publication the value comes from", as if no source had been given."""
    with pytest.raises(InputError) as caught:
        read(_write(tmp_path, "2,,2022,2.55,,威海市2022年统计公报\n", header=header))
    assert str(caught.value).endswith("/observations/" + expected)


def test_a_tab_copied_with_a_value_changed_is_told_once_and_its_cells_mistakes_are_not_told_again(tmp_path, weihai):
    """A clerk copied the values sheet to a tab named 2025, kept its years at 2024 and changed one value: the copy is
    no other publication (no conflict with "another" file), and a cell wrong in both sheets is told once."""
    import openpyxl


    folder = tmp_path / "observations"
    folder.mkdir()
    book = openpyxl.Workbook()
    book.active.title = "Values"
    for sheet in (book.active, book.create_sheet("2025")):
        sheet.append(["indicator_id", "series", "year", "value", "source"])
        sheet.append([1, None, 2024, 24400, "bulletin"])
        sheet.append([2, None, 2024, "2.5%", "bulletin"])
    book["2025"]["D2"] = 24500
    book.save(folder / "b.xlsx")
    assert refused_lines(weihai, folder) == [
        f"{folder / 'b.xlsx'}:Values!D3: value: '2.5%' is not a number (did you mean 2.5? leave out the % sign and "
        "write the number alone, in the indicator's own unit, which a data-entry workbook lists beside the row)",
        f"{folder / 'b.xlsx'}:2025!D2: sheet '2025' repeats the 2024 rows of sheet 'Values', and its value at D2 "
        "differs: it is no other return; delete the copy, or ask for the 2025 workbook and give the 2025 values there"]


@pytest.mark.parametrize(("language", "sheet", "labels", "expected"), [
    ("en", "Data entry", ["No.", "Series", "Year", "Value", "Source"], [
        "'Data entry'!D4: value: row 4 is hidden but holds a value, which the person who checks the sheet does not "
        "see: show the row, or delete it",
        "'Data entry'!D4: value: '2.5%' is not a number (did you mean 2.5? leave out the % sign and write the number "
        "alone, in the indicator's own unit, which a data-entry workbook lists beside the row)"]),
    ("zh", "数据报送", ["编号", "序列", "年份", "数值", "数据来源"], [
        "数据报送!D4: 数值: 第4行被隐藏，但填有数值，核对表格的人看不到：请取消隐藏该行，或将其删除",
        "数据报送!D4: 数值: '2.5%' 不是数字（是否应为2.5？请去掉“%”，只写数字，按该指标本身的单位计："
        "报送表在该行右侧列出了单位）"]),
])
def test_a_hidden_row_hides_none_of_its_cells_mistakes(tmp_path, weihai, language, sheet, labels, expected):
    # row 4 hidden, its value typed "2.5%": both told in one round, in the workbook's language, not the second only
    # once the row is shown (docs/data.md: a department fixes its workbook in one round)
    import openpyxl
    from openpyxl.packaging.custom import StringProperty

    from analysis.ingest.xlsx_reader import LANGUAGE_PROPERTY

    folder = tmp_path / "observations"
    folder.mkdir()
    book = openpyxl.Workbook()
    book.active.title = sheet
    names = ["indicator_id", "series", "year", "value", "source"]
    for row in (["title"], labels, names, [2, None, 2023, "2.5%", "公报"]):
        book.active.append(row)
    book.active.row_dimensions[4].hidden = True
    book.custom_doc_props.append(StringProperty(name=LANGUAGE_PROPERTY, value=language))
    book.save(folder / "b.xlsx")
    assert refused_lines(weihai, folder) == [f"{folder / 'b.xlsx'}:{line}" for line in expected]


def test_a_hidden_column_hides_none_of_its_cells_mistakes(tmp_path, weihai):
    # the value's column hidden, "2.5%" in it: the hidden column and the value that is no number, both in one round

    folder = tmp_path / "observations"
    folder.mkdir()
    book = one_sheet_workbook(["indicator_id", "series", "year", "value", "source"],
                              [2, None, 2023, "2.5%", "统计公报"])
    book.active.column_dimensions["D"].hidden = True
    book.save(folder / "b.xlsx")
    assert refused_lines(weihai, folder) == [
        f"{folder / 'b.xlsx'}:Sheet1!D2: value: column D is hidden but holds what this row gives, which the person who "
        "checks the sheet does not see: show the column",
        f"{folder / 'b.xlsx'}:Sheet1!D2: value: '2.5%' is not a number (did you mean 2.5? leave out the % sign and "
        "write the number alone, in the indicator's own unit, which a data-entry workbook lists beside the row)"]

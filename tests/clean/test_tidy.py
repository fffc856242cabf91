"""Corrections, splits, metadata and the data-quality log."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.catalog import mistakes_told_in
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.plan import load_plan


@pytest.fixture(scope="module")
def dataset(weihai):
    return clean_plan_table(load_plan_inputs(weihai))


def clean(folder):
    return clean_plan_table(load_plan_inputs(load_plan(folder)))


def test_indicators_table_has_one_row_per_series(dataset):
    indicators = dataset.indicators
    assert len(indicators) == 28  # 26 indicators, two of them with two series
    assert indicators.loc[indicators.indicator_id == 4, "series"].tolist() == ["national", "provincial"]
    assert indicators.loc[indicators.indicator_id == 5, "series"].tolist() == ["national", "provincial"]
    assert not indicators["name_zh"].str.endswith("*").any()
    core = indicators.drop_duplicates("indicator_id").set_index("indicator_id")["core"]
    assert core[core].index.tolist() == [2, 7, 8, 20, 22, 23]
    assert (indicators.loc[indicators.indicator_id.isin([22, 23, 24]), "kind"] == "qualitative").all()
    assert indicators.loc[indicators.indicator_id == 18, "kind"].item() == "rate_of_change"
    # the two levels to hold every year whose targets the table prints bare (90, 5: no "≥"), and no other series
    assert indicators.loc[indicators["bare_target"], "indicator_id"].tolist() == [17, 18]


def test_values_trace_back_to_the_printed_cell(dataset):
    values = dataset.values
    corrected = values[values["processing"].str.contains("corrected")]
    assert set(zip(corrected.indicator_id, corrected.printed_text, corrected.value)) == {
        (12, "14.6 ", 14.6), (19, "3..5", 3.5)}
    split = values[values["processing"] == "split"]
    assert len(split) == 8 and set(split.indicator_id) == {4}
    assert (values["source"] == "weihai-innovative-city-plan-2022.txt").all()


def test_quality_log_lists_every_finding(dataset):
    quality = dataset.quality
    by_issue = quality.groupby("issue")["indicator_id"].apply(lambda s: sorted(set(s))).to_dict()
    assert by_issue["correction"] == [12, 19]
    assert by_issue["split_combined_cell"] == [4]
    assert by_issue["split_two_rows"] == [5]
    assert by_issue["qualitative"] == [22, 23, 24]
    assert by_issue["baseline_meets_target"] == [7, 9, 13, 17]
    # the energy saving (18): 5 printed for 2023 and for 2024, a rate of each year, held every year, its 2021 baseline
    # 3.41 short of it: the reading recorded where the plan's numbers are traced (17's with its baseline met, above)
    assert by_issue["held_every_year"] == [18]
    [held] = quality[quality.issue == "held_every_year"].itertuples()
    # each target quoted as the plan's table prints it (5, no sign: never "≥5" put in the plan's mouth), said to be
    # printed bare, the level read from it with its sign apart, and every value in its unit (%)
    assert held.detail_zh == ("方案所列目标（2023年目标5%、2024年目标5%，方案表未标“≥”）"
                              "按每年须达到的水平评估（每年≥5%）："
                              "自方案首个设定目标的年份（2023年）起逐年对照判断，任一年未达到即为未达标；"
                              "2021年基础值3.41%未达到")
    assert held.detail_en.startswith("the plan's targets (5% in 2023, 5% in 2024, printed without “≥”) are assessed "
                                     "as a level to hold every year (≥5% every year): ")
    assert held.detail_en.endswith("is checked against it, and a single year below the level means “not achieved”; "
                                   "the 2021 baseline 3.41% does not meet it")  # never "one year short is not achieved"
    # 16: the prose's 133.97 against the table's 133, which it gives for no year: a disagreement; 14: the prose's 80,
    # checked against 2021's 85, is the table's 2020 baseline: the same figure, another year, never "disagrees"
    disagree = quality[quality.issue == "prose_disagrees"]
    assert set(zip(disagree.indicator_id, disagree.value)) == {(16, 133.97)}
    other_year = quality[quality.issue == "prose_other_year"]
    assert set(zip(other_year.indicator_id, other_year.year, other_year.value)) == {(14, 2021, 80.0)}
    # a growth the prose promises is a finding of its own, whatever the table implies: the card holds it against data
    [growth] = quality[quality.issue == "prose_growth"].itertuples()
    assert (growth.indicator_id, growth.year, growth.value) == (16, 2024, 10.0)
    # (160 / 133) ** (1/3) - 1 = 0.0636: the table implies 6.4% a year against the promised 10 %
    assert "implies 6.4% a year" in growth.detail_en and "折合年均6.4%" in growth.detail_zh
    # the table's values in the series' unit (亿元; in English written out: 133 亿元 = 13.3 billion yuan), the promise
    # a rate
    assert "要求年均增长10%以上；表中2021年133亿元至2024年160亿元，折合年均6.4%" in growth.detail_zh
    assert ("requires at least 10% a year; the table (13.3 billion yuan in 2021 to 16 billion yuan in 2024) "
            "implies 6.4%") in growth.detail_en


def test_each_edition_gives_the_notes_and_reasons_in_its_language(dataset):
    """corrections.csv's ``reason_zh`` and prose_checks.csv's ``note_zh`` go to the Chinese details, the plain
    columns to the English; the split and qualitative findings quote the printed Chinese, glossed."""
    quality = dataset.quality.set_index(["issue", "indicator_id"])
    typo = quality.loc[("correction", 19)]
    assert typo.detail_zh.startswith("原表印作“3..5”，按3.5处理。小数点重复，系录入错误")
    # in lower case, as it follows its label on a card (Correction: printed …); a row of its own gives it a capital
    assert typo.detail_en.startswith("printed “3..5”, read as 3.5. Reason: Doubled decimal point, a typing error")
    prose = quality.loc[("prose_other_year", 14)]
    # the note adds what the sentence before it does not say (80 and 85 are said once)
    # (80 is the 2020 baseline the assessment starts from: the note says so, never that 85 replaces it, nor that
    # the two "agree" under a heading that says they disagree)
    # both values in the series' unit (个); the note as written
    assert "）为80个，表中为85个；" in prose.detail_zh
    assert prose.detail_zh.endswith("表中为85个；正文未注明年份；80 与表中 2020年基础值（评估的起点）相同；"
                                    "85 为表中 2021年数值")
    assert prose.detail_en.endswith("the table 85. The prose names no year; 80 is the table's 2020 value, the "
                                    "baseline the assessment starts from; 85 is the table's 2021 value.")
    assert quality.loc[("split_two_rows", 5)].detail_en == (
        "the plan gives “国家级” (national) and “省级” (provincial) a row each; kept as 2 series")
    assert quality.loc[("split_two_rows", 5)].detail_zh == "方案分国家级、省级两行列出，本报告分别评估"


def test_a_note_written_in_one_language_is_shown_in_both(plan_copy):
    """A correction with no ``reason_zh`` keeps its reason in the Chinese details rather than dropping it."""
    path = plan_copy / "corrections.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([rows[0], rows[1].rsplit(",", 1)[0] + ",", rows[2]]) + "\n", encoding="utf-8")
    typo = clean(plan_copy).quality.set_index(["issue", "indicator_id"]).loc[("correction", 12)]
    assert typo.detail_zh == ("原表数值后有空格，按14.6处理。Trailing space after the number in the printed cell; "
                              "the value itself is unambiguous.")


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_correction_that_no_longer_matches_the_source_stops_the_run(plan_copy):
    _edit(plan_copy / "corrections.csv", "3..5,3.5", "3.,3.5")
    with pytest.raises(InputError, match=r"corrections.csv:3: printed_text: '3\.' no longer matches"):
        clean(plan_copy)


def test_correction_for_an_unknown_indicator_stops_the_run(plan_copy):
    with open(plan_copy / "corrections.csv", "a", encoding="utf-8") as handle:
        handle.write("27,,baseline_2020,1,1,no such indicator,\n")
    with pytest.raises(InputError, match=r"corrections.csv:4: indicator_id: no printed cell for indicator 27"):
        clean(plan_copy)


def test_every_row_of_corrections_csv_is_checked_in_one_round(plan_copy):
    """A reason of one word, a field misspelt, an indicator the table lacks and a printed text mistyped: four rows,
    five lines in one run, in the file's order (the table's cells were checked a round after the rows' own); the first
    row's printed text is mistyped too (the table prints 41.5), told with its reason."""
    with open(plan_copy / "corrections.csv", "a", encoding="utf-8") as handle:
        handle.write("3,,baseline_2020,39.9,40,typo,\n2,,basline_2021,2.4,2.5,the column name is misspelt,\n"
                     "27,,baseline_2020,1,1,no such indicator in the table,\n"
                     "12,,target_2024,99,100,a printed text the table does not give,\n")
    with pytest.raises(InputError) as caught:
        clean(plan_copy)
    lines = [line.split("corrections.csv:", 1)[1] for line in str(caught.value).splitlines()]
    assert [line.split(": ", 2)[:2] for line in lines] == [["4", "reason"], ["4", "printed_text"], ["5", "field"],
                                                           ["6", "indicator_id"], ["7", "printed_text"]]
    assert lines[4].startswith("7: printed_text: '99' no longer matches the source, which prints ")


def test_a_correction_that_changes_nothing_and_a_second_for_one_cell_are_refused(plan_copy):
    """41.5, indicator 3's printed 2020 baseline, "corrected" to 41.5 is no correction (the row was left in by
    mistake); a cell corrected twice is told at its second row, naming its first: both in one round (the second came
    a run after the first)."""
    with open(plan_copy / "corrections.csv", "a", encoding="utf-8") as handle:
        handle.write("3,,baseline_2020,41.5,41.5,the printed value checked against the bulletin,\n"
                     "19,,target_2024,3..5,3.5,the same typing error as line 3,\n")
    with pytest.raises(InputError) as caught:
        clean(plan_copy)
    assert [line.split("corrections.csv:", 1)[1] for line in str(caught.value).splitlines()] == [
        "4: corrected_value: '41.5' is the printed text itself: nothing is corrected; remove the row, or give the "
        "value the cell should hold",
        "5: field: a second correction for indicator 19 target_2024 (first at line 3)"]


def test_a_corrections_rows_every_mistake_is_told_in_one_round(plan_copy):
    """Indicator 12's correction with a reason of one word and a printed text mistyped (the table prints '14.6 ', line
    183), and indicator 19's with a reason_zh of a dot: three lines in one run (the printed text came a run after the
    reason), and no cell looked for in a row whose field is misspelt."""
    (plan_copy / "corrections.csv").write_text(
        "indicator_id,series,field,printed_text,corrected_value,reason,reason_zh\n"
        "12,,baseline_2021,14.7 ,14.6,ok,多出的空格不影响数值\n"
        "19,,target_2024,3..5,3.5,a doubled decimal point,.\n"
        "3,,basline_2020,41.5,41.6,the field name misspelt here,\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        clean(plan_copy)
    lines = [line.split("corrections.csv:", 1)[1] for line in str(caught.value).splitlines()]
    advice = "say in words why (for example 统计口径调整，见公报注释 or 'the survey method changed in 2023, see the " \
             "bulletin's note')"
    assert lines[0] == f"2: reason: 'ok' is no reason; {advice}"
    assert lines[1].startswith("2: printed_text: '14.7 ' no longer matches the source, which prints '14.6 ' at ")
    assert lines[1].endswith("weihai-innovative-city-plan-2022.txt:183")
    assert [line.split(": ", 2)[:2] for line in lines] == [["2", "reason"], ["2", "printed_text"], ["3", "reason_zh"],
                                                           ["4", "field"]]
    assert lines[2] == f"3: reason_zh: '.' is no reason; {advice}"


def test_a_correction_of_one_series_of_a_combined_cell_names_the_cell_and_a_second_names_its_id(plan_copy):
    """Indicator 4's 2021 baseline is printed as one cell for both series ('国2.8/省2.7'), split after the
    corrections: a correction naming its national series is told to correct the cell (was "the table has no such
    indicator or field", though 4 is in it); a second correction of 12's cell names indicator 12 (was "12.0")."""
    path = plan_copy / "corrections.csv"
    path.write_text(path.read_text(encoding="utf-8")
                    + "12,,baseline_2021,14.6 ,14.7,the same cell corrected twice,同一单元格改正两次\n"
                    + "4,national,baseline_2021,2.8,2.9,the national series of the combined cell,国家级序列\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        clean(plan_copy)
    lines = [line.split("corrections.csv:", 1)[1] for line in str(caught.value).splitlines()]
    assert lines == ["4: field: a second correction for indicator 12 baseline_2021 (first at line 2)",
                     "5: series: the table prints one cell for indicator 4 baseline_2021, '国2.8/省2.7', split into "
                     "its series after the corrections: correct that cell, its series left empty"]


def test_without_the_correction_the_typo_is_an_unknown_token(plan_copy):
    lines = (plan_copy / "corrections.csv").read_text(encoding="utf-8").splitlines()
    (plan_copy / "corrections.csv").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"plan-2022.txt:241: target_2024: .*unknown printed token '3..5'"):
        clean(plan_copy)


def test_missing_metadata_is_named(plan_copy):
    path = plan_copy / "indicator_metadata.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("6,")) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="no metadata for indicator 6"):
        clean(plan_copy)


def test_unknown_kind_is_named(plan_copy):
    _edit(plan_copy / "indicator_metadata.csv", "higher,count\n", "higher,counts\n")
    with pytest.raises(InputError, match=r"indicator_metadata.csv:2: kind: kind 'counts' unknown"):
        clean(plan_copy)


def test_prose_quote_must_occur_in_the_source(plan_copy):
    _edit(plan_copy / "prose_checks.csv", "培育科技服务机构80家", "培育科技服务机构81家")
    with pytest.raises(InputError, match=r"prose_checks.csv:4: prose_quote"):
        clean(plan_copy)


def test_tables_are_tidy(dataset):
    values = dataset.values
    assert not values.duplicated(["indicator_id", "series", "year", "value_type"]).any()
    assert set(values["value_type"]) == {"baseline", "target"}
    assert pd.api.types.is_float_dtype(values["value"])


def test_a_plan_typed_as_csv_is_cleaned_like_a_printed_one(lakeside):
    dataset = clean_plan_table(load_plan_inputs(lakeside))
    indicators = dataset.indicators
    assert indicators[["indicator_id", "series"]].values.tolist() == [
        [1, ""], [2, ""], [3, ""], [4, ""], [5, "national"], [5, "provincial"], [6, ""]]
    assert indicators.set_index("indicator_id").loc[3, "direction"] == "lower"
    assert indicators.set_index("indicator_id").loc[6, "kind"] == "qualitative"
    assert indicators.loc[indicators.core, "indicator_id"].tolist() == [1, 3, 6]
    values = dataset.values
    assert len(values) == 24 and set(values.value_type) == {"baseline", "target"}
    assert set(values.source) == {"values.csv"}
    row = values[(values.indicator_id == 3) & (values.year == 2027)].iloc[0]
    assert (row.value, row.printed_text, row.source_line) == (0.78, "0.78", 13)
    assert dataset.quality["issue"].tolist() == ["qualitative"]  # no printed rows to split, nothing corrected


def test_a_typed_value_for_an_unknown_indicator_is_named(tmp_path, lakeside):
    import shutil

    folder = tmp_path / "lakeside"
    shutil.copytree(lakeside.folder, folder)
    with open(folder / "values.csv", "a", encoding="utf-8") as handle:
        handle.write("7,,2023,baseline,1\n")
    with pytest.raises(InputError, match=r"values.csv:26: indicator_id: indicator 7 is not in indicators.csv"):
        clean(folder)


def test_a_typed_value_that_is_no_number_is_fixed_where_it_is(tmp_path, lakeside):
    # values.csv is typed, not printed: no "printed token", no corrections.csv; every such cell told at once
    import shutil

    from analysis.errors import InputErrors

    folder = tmp_path / "lakeside"
    shutil.copytree(lakeside.folder, folder)
    lines = (folder / "values.csv").read_text(encoding="utf-8").splitlines()
    assert lines[3] == "1,,2026,target,2.6" and lines[5] == "2,,2023,baseline,410"
    # full-width digits (４１０) are 410; 翻一番 is a multiple of the base value, told how to type it
    lines[3], lines[5] = "1,,2026,target,2.6 %", "2,,2023,baseline,4l0"
    lines[4] = f"{lines[4].rsplit(',', 1)[0]},翻一番"
    lines[6] = "2,,2024,baseline, 455 "  # spaces around a number are no mistake, as in an observation file
    lines.append("2,,2022,baseline,４１０")
    (folder / "values.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        clean(folder)
    assert caught.value.lines() == [
        f"{folder / 'values.csv'}:4: value: '2.6 %' is not a number (did you mean 2.6?): write it here as plain "
        "digits with a decimal point, no spaces inside, thousands separators, units or % signs",
        f"{folder / 'values.csv'}:5: value: '翻一番' is not a number (翻一番 is relative to the base value: write 2 "
        "here and multiple in basis): write it here as plain digits with a decimal point, no spaces inside, "
        "thousands separators, units or % signs",
        f"{folder / 'values.csv'}:6: value: '4l0' is not a number: write it here as plain digits with a decimal "
        "point, no spaces inside, thousands separators, units or % signs",
        f"{folder / 'values.csv'}:{len(lines)}: value: '４１０' is not a number (did you mean 410?): write it here as "
        "plain digits with a decimal point, no spaces inside, thousands separators, units or % signs"]


def test_a_typed_plans_mistakes_are_told_in_one_round_per_file(tmp_path, lakeside):
    """indicators.csv with core 是 (line 2) and direction 增长 (line 3), values.csv with a value_type 基础值 (line 2)
    and an unknown indicator 99 (line 3): the indicators' two told together; once fixed, the values' two together."""
    import shutil

    from analysis.errors import InputErrors

    folder = tmp_path / "lakeside"
    shutil.copytree(lakeside.folder, folder)
    path = folder / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    original = list(lines)
    lines[1] = lines[1].replace(",true,higher,", ",对,higher,")
    lines[2] = lines[2].replace(",false,higher,", ",false,增长,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        clean(folder)
    assert [line.split(": ", 1)[0].rsplit(":", 1)[-1] for line in caught.value.lines()] == ["2", "3"]
    assert "core '对'" in caught.value.lines()[0] and "'增长'" in caught.value.lines()[1]
    path.write_text("\n".join(original) + "\n", encoding="utf-8")
    values = folder / "values.csv"
    rows = values.read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].replace(",baseline,", ",基础值,")
    rows[2] = "99" + rows[2][1:]
    values.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        clean(folder)
    assert [line.split(": ", 1)[0].rsplit(":", 1)[-1] for line in caught.value.lines()] == ["2", "3"]


def test_a_table_file_mistyped_in_plan_yml_is_told_with_its_key(tmp_path, lakeside):
    import shutil

    folder = tmp_path / "lakeside"
    shutil.copytree(lakeside.folder, folder)
    spec = folder / "plan.yml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("values: values.csv", "values: value.csv"),
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        clean(folder)
    # at the line of the mistyped file name
    line = next(number for number, text in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1)
                if "values: value.csv" in text)
    assert str(caught.value) == (f"{spec}:{line}: table: values: 'value.csv' is not in the plan folder; the folder's "
                                 ".csv files: indicators.csv, values.csv")


def test_a_typed_value_that_is_no_number_is_told_in_the_language_the_run_asks_for(tmp_path, lakeside):
    """The cells of the test above in a Chinese run, each with its hint: the cell as typed, the digits meant."""
    import shutil

    from analysis.errors import InputErrors

    folder = tmp_path / "lakeside"
    shutil.copytree(lakeside.folder, folder)
    lines = (folder / "values.csv").read_text(encoding="utf-8").splitlines()
    lines[3], lines[5] = "1,,2026,target,2.6 %", "2,,2023,baseline,4l0"
    lines[4] = f"{lines[4].rsplit(',', 1)[0]},翻一番"
    (folder / "values.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputErrors) as caught:
        clean(folder)
    advice = "请在此处只写数字和小数点，不含空格、千位分隔符、单位或 % 号"
    assert [error.reason for error in caught.value.errors] == [
        f"'2.6 %' 不是数字（是否应为2.6？）：{advice}",
        f"'翻一番' 不是数字（翻一番 是相对于基础值的目标：此处填2，basis 填 multiple）：{advice}",
        f"'4l0' 不是数字：{advice}"]


def test_a_printed_plans_mistakes_are_told_in_chinese(plan_copy):
    """Missing metadata, a printed token no correction fixes, a prose check of a value the table lacks: each through
    clean_plan_table in a Chinese run."""
    metadata = plan_copy / "indicator_metadata.csv"
    kept = metadata.read_text(encoding="utf-8").splitlines()
    metadata.write_text("\n".join(line for line in kept if not line.startswith("6,")) + "\n", encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        clean(plan_copy)
    assert caught.value.reason == "指标6在 indicator_metadata.csv 中没有对应行；请添加一行"
    metadata.write_text("\n".join(kept) + "\n", encoding="utf-8")
    _edit(plan_copy / "prose_checks.csv", "16,,2021,baseline,value,", "16,,2022,baseline,value,")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        clean(plan_copy)
    assert caught.value.reason == "指标表中没有指标16的2022年基期值（baseline）"
    _edit(plan_copy / "prose_checks.csv", "16,,2022,baseline,value,", "16,,2021,baseline,value,")
    corrections = plan_copy / "corrections.csv"
    corrections.write_text("\n".join(corrections.read_text(encoding="utf-8").splitlines()[:2]) + "\n",
                           encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        clean(plan_copy)
    assert caught.value.reason == ("指标19 target_2024：无法识别的印出内容 '3..5'；如为印误，请在 corrections.csv 中"
                                   "添加一行")


def clean_deferred(folder):
    """The plan's files read as the data step reads them: every file's own mistakes told with the comparisons'."""
    return clean_plan_table(load_plan_inputs(load_plan(folder), defer=True))


def _told(caught, name):
    return [line.split(f"{name}:", 1)[1] for line in str(caught.value).splitlines()]


def test_the_metadata_against_the_table_is_told_in_one_round(plan_copy):
    """A series the metadata lacks (6), one the table does not print (99), a numeric indicator said to be qualitative
    (1) and a category deleted from categories.csv: four lines in one run (four runs before)."""
    metadata = plan_copy / "indicator_metadata.csv"
    kept = [line for line in metadata.read_text(encoding="utf-8").splitlines() if not line.startswith("6,")]
    metadata.write_text("\n".join(kept) + "\n99,,Extra,额外指标,Extra,个,items,higher,count\n", encoding="utf-8")
    _edit(metadata, "1,,R&D personnel,研发人员数,R&D personnel,人,people,higher,count",
          "1,,R&D personnel,研发人员数,R&D personnel,人,people,none,qualitative")
    _edit(plan_copy / "categories.csv", "创新要素集聚能力,Concentration of innovation resources\n", "")
    with pytest.raises(InputError) as caught:
        clean(plan_copy)
    assert [line.split("weihai/", 1)[1] for line in str(caught.value).splitlines()] == [
        "categories.csv: category_zh: no English name for category '创新要素集聚能力'",
        "indicator_metadata.csv: indicator_id: no metadata for indicator 6; add a row",
        "indicator_metadata.csv:2: kind: indicator 1: kind 'qualitative' disagrees with the table, which prints it as "
        "numeric",
        "indicator_metadata.csv:29: indicator_id: indicator 99 is not in the printed table"]


def test_a_name_left_empty_is_told_with_the_units_the_metadata_lacks(plan_copy):
    """Indicator 3's unit_en, 5's name_en (national) and unit_zh (provincial) left empty: three lines in one run (three
    runs before: the name stopped the reading, and the units were told one a run), in Chinese too."""
    metadata = plan_copy / "indicator_metadata.csv"
    _edit(metadata, ",%,%,higher,share\n4,national", ",%,,higher,share\n4,national")
    lines = metadata.read_text(encoding="utf-8").splitlines()
    assert lines[6].startswith('5,national,"National-level') and lines[7].startswith("5,provincial,")
    lines[6] = "5,national,," + lines[6].split('",', 1)[1]
    lines[7] = lines[7].replace("Provincial innovation bases,个,bases", "Provincial innovation bases,,bases")
    metadata.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        clean_deferred(plan_copy)
    assert _told(caught, "indicator_metadata.csv") == [
        "4: unit_en: empty: numeric indicator 3 needs its unit", "7: name_en: empty",
        "8: unit_zh: empty: numeric indicator 5 needs its unit"]
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        clean_deferred(plan_copy)
    assert [error.reason for error in caught.value.errors] == [
        "为空：数值型指标3须填写单位", "为空", "为空：数值型指标5须填写单位"]


def test_a_category_no_indicator_is_in_is_told(plan_copy):
    """A category categories.csv names and the table prints no indicator under (it passed silently), told at its
    line, in English and in Chinese."""
    path = plan_copy / "categories.csv"
    path.write_text(path.read_text(encoding="utf-8") + "新类别,New category\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        clean(plan_copy)
    assert _told(caught, "categories.csv") == [
        "7: category_zh: category '新类别' is named by no indicator of the table: remove the row, or is the category "
        "printed under another name?"]
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        clean(plan_copy)
    assert caught.value.reason == "没有指标属于类别 '新类别'：请删除该行，或核对表中是否以其他名称印出该类别"


def test_every_mistake_of_prose_checks_csv_is_told_in_one_round(plan_copy):
    """A value_type mistyped, a claim unknown, a quote the plan lacks, a value in words and a year the table has no
    target for: five lines in one run (six runs before); the value_type is told as mistyped (it was told as a value
    the table lacks, at indicator_id)."""
    path = plan_copy / "prose_checks.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1:6] = ["16,,2021,base,value,技术市场合同额年均增长10%以上，达到133.97亿元,133.97,,",
                  "16,,2024,target,growth,技术交易额年均增长10%以上,10,,",
                  "14,,2021,baseline,value,培育科技服务机构81家,80,,",
                  "15,,2021,baseline,value,其中国家级22家,二十二,,",
                  "2,,2030,target,value,研发经费投入占生产总值比重达到2.8%,2.8,,"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        clean_deferred(plan_copy)
    assert _told(caught, "prose_checks.csv") == [
        "2: value_type: value_type 'base' unknown; use baseline or target",
        "3: claim: claim 'growth' unknown; use value or annual_growth_pct",
        "4: prose_quote: '培育科技服务机构81家' does not occur in the source text",
        "5: prose_value: '二十二' is not a number (write plain digits with a decimal point, no thousands separators, "
        "units or % signs)",
        "6: indicator_id: the table has no target for indicator 2 in 2030"]


def test_levels_that_rise_are_each_given_with_the_years_they_are_held_in(tmp_path, lakeside):
    """Technology contracts (4) held at ≥48 by 2025 and ≥55 by 2027: each year is held to the first target at or
    after it, so 48 is the level of 2025 alone and 55 that of 2026 and 2027, never "every year ≥48"."""
    import shutil

    folder = tmp_path / "lakeside"
    shutil.copytree(lakeside.folder, folder)
    path = folder / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "false,higher,amount", "false,at_least,amount"), encoding="utf-8")
    path = folder / "values.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("4,,2026,target,48", "4,,2025,target,48"),
                    encoding="utf-8")
    quality = clean(folder).quality
    [held] = quality[quality.issue == "held_every_year"].itertuples()
    assert "按每年须达到的水平评估（2025年≥48亿元、2026—2027年每年≥55亿元）：" in held.detail_zh
    # 48 亿元 = 4.8 billion yuan, 55 亿元 = 5.5 billion yuan: the amounts written out in English
    assert ("as a level to hold every year (≥4.8 billion yuan in 2025, ≥5.5 billion yuan every year 2026–2027): "
            in held.detail_en)

"""The report's figures: each drawn once and the same bytes every time, every series with its own rule,
legends clear of the data, values beyond an axis marked, statuses told by name as well as colour."""
from __future__ import annotations

import dataclasses
import io

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from analysis.assess.warning_list import stage_met_off_course
from analysis.clean.processed import read_processed
from analysis.colours import contrast
from analysis.publish.data import build_tables
from analysis.report import charts, figures
from analysis.report.context import load_report
from analysis.report.fonts import configure_matplotlib
from tests.conftest import relative


@pytest.fixture(scope="module")
def example(example_tables):
    """The example 2022–2024 data, assessed (shared by the session)."""
    return example_tables


@pytest.fixture(scope="module")
def before_data(weihai_in_project, project_tmp):
    folder = project_tmp / "figures-plain" / "weihai"
    folder.mkdir(parents=True)
    for name, data in build_tables(weihai_in_project, "eurostat").files().items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def paced(monkeypatch):
    """The growth chart as a report before the target year draws it: in the 2024 report itself the example's lagging
    series have reached their target year without its value, and no pace is asked of them
    (:func:`test_no_pace_is_drawn_once_the_target_year_has_come`)."""
    monkeypatch.setattr(charts, "target_year_past", lambda row: False)


def context(folder, year, language):
    configure_matplotlib(language)
    return load_report(relative(folder), year, language)


def texts(figure) -> list[str]:
    return [text.get_text() for ax in figure.axes for text in ax.texts] + \
           [label.get_text() for ax in figure.axes for label in ax.get_yticklabels()]


def test_figures_are_drawn_once_and_the_same_bytes_every_time(example, monkeypatch):
    report = context(example, 2024, "zh")
    drawn = figures.Figures(report)
    assert drawn.names[:5] == ["completion", "heatmap", "growth", "categories", "multiples"]
    assert len([n for n in drawn.names if n.startswith("card-")]) == 25
    first = {name: drawn[name] for name in ("completion", "heatmap", "card-4-national")}
    assert first["completion"].startswith(b"\x89PNG")
    again = figures.Figures(report)
    assert {name: again[name] for name in first} == first  # a new report draws the same bytes
    calls = []
    real = charts.completion_chart
    monkeypatch.setattr(charts, "completion_chart",
                        lambda context, part=0, **size: calls.append(1) or real(context, part, **size))
    once = figures.Figures(report)
    assert once["completion"] == once["completion"] == first["completion"] and calls == [1]  # drawn once


def test_every_numeric_series_is_in_the_completion_chart_with_its_own_rule(before_data):
    # the plan as printed in its final year: no series drawn (no verdict from the printed baselines alone once the
    # target year has come: high-tech zones' 203% would read as progress under the plan), and 25 grey rows would
    # show nothing: a sentence says so in the chart's place
    final = context(before_data, 2024, "en")
    assert charts.completion_chart(final) is None
    assert charts.few_series_note(final, "completion") == ("Distance covered against time elapsed: not drawn, as none "
                                                           "of its 25 series has data yet.")
    # in 2022, before the first target year, the baselines' pace is the progress verdict and is drawn
    figure = charts.completion_chart(context(before_data, 2022, "en"))
    assert "≥5% every year" in texts(figure)  # indicator 18: the floor, not a distance covered
    # indicator 17: at least 90% every year, written as the floor is (one form for both, as the scorecard has it)
    assert "≥90% every year" in texts(figure)


def test_a_yearly_rate_is_in_the_growth_chart_with_its_rule(before_data, paced):
    # 2022, before the first target year: the printed baselines' pace is the progress verdict (from 2023 on, with the
    # interim target's year come, the plan as printed has no verdict)
    report = context(before_data, 2022, "zh")
    figure = charts.growth_gap_chart(report)
    labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert "18. 万元GDP能耗下降率（每年≥5%）" in labels


def test_values_beyond_the_axis_are_marked(example):
    report = context(example, 2024, "zh")
    figure = charts.completion_chart(report)
    marks = [t for t in texts(figure) if t.startswith(("▶", "◀"))]
    # indicator 13: 63.2 → 83 against 70 covers 19.8/6.8 = 291 % of the distance; 4 provincial falls back
    # (2.9 − 3.1) / (3.3 − 3.1) = −100%, the axis's own end: its bar ends there, no arrow
    assert marks == ["▶ 291%"]


def test_statuses_are_named_not_only_coloured(example):
    report = context(example, 2024, "en")
    figure = charts.completion_chart(report)
    # one per row, beside the bar: 2, 5 provincial, 8, 10, 14, 16, 18, 20 and 25 missed their 2024 targets
    assert texts(figure).count("Not achieved") == 9
    heat = charts.status_heatmap(report)
    cells = [t.get_text() for t in heat.axes[0].texts]
    assert "Not achieved" in cells and "Achieved" in cells
    # 2023's verdicts on interim targets met (a 2024 target followed): 11 indicators and 4 national, 12 series, each
    # "Interim target met" in the 2023 column (the second), in achieved's green: the status's own words, no code the
    # key has to explain
    grid = heat.axes[0]
    staged = [(round(t.get_position()[0] - 0.5), t.get_text()) for t in grid.texts
              if t.get_text() == "Interim target met"]
    assert len(staged) == 12 and {column for column, _ in staged} == {1}
    assert "Interim target met =" not in [t.get_text() for t in heat.texts][-1].replace("\n", " ")
    # 21 (9.3 in 2023, none for 2024, behind the pace to 10): projected to miss in 2024 (the third column) alone,
    # marked † as resting on an earlier year's value; so is 4 provincial (2.9 in 2022) in 2023 and 2024, moving away
    overdue = [(round(t.get_position()[0] - 0.5), t.get_text()) for t in grid.texts
               if t.get_text().startswith("Projected to miss")]
    assert overdue == [(2, "Projected to miss †")]  # a space before the mark, as after an English word
    older = sorted((round(t.get_position()[0] - 0.5), t.get_text()) for t in grid.texts if t.get_text().endswith("†"))
    assert older == [(1, "Moving away †"), (2, "Moving away †"), (2, "Projected to miss †")]
    chinese = charts.status_heatmap(context(example, 2024, "zh")).axes[0]
    older = sorted((round(t.get_position()[0] - 0.5), t.get_text()) for t in chinese.texts
                   if t.get_text().endswith("†"))
    assert older == [(1, "偏离目标†"), (2, "偏离目标†"), (2, "预计未达标†")]  # none after a Chinese word
    assert "† = no value for that report year yet" in [t.get_text() for t in heat.texts][-1].replace("\n", " ")
    # and the distance chart's labels name the year of their value
    labels = [t.get_text().replace("\n", " ") for t in figure.axes[0].get_yticklabels()]
    assert [label for label in labels if "value)" in label] == [
        "21. R&D super-deduction relief / business R&D (2023 value)",
        "4. Provincial agri-tech park revenue / GDP (2022 value)"]
    # at the 2023 mid-term every series achieved met an interim target, but 17, a level to hold every year met in 2023
    # with 2024 to come: the charts' badges and legends say so, the two in one green
    mid = context(example, 2023, "en")
    completion = charts.completion_chart(mid)
    legend = [t.get_text() for legend in completion.legends for t in legend.get_texts()]
    assert "Interim target met / Met so far" in legend and "Achieved" not in legend
    # a badge a series met (1, 4 national, 6, …); one met at a pace short of the 2024 target's need (on the warning
    # list, amber) marked §, its key below: as many marked as the warning rule finds, and at least one in the example
    met = [text for text in texts(completion) if text.startswith("Interim target met")]
    assert len(met) == 12
    off_course = sum(stage_met_off_course(row) for row in charts.completion_rows(mid).itertuples())
    assert met.count("Interim target met §") == off_course >= 1
    assert "§ amber warning: interim target met, but at its pace short of the next target" in legend
    assert texts(completion).count("Met so far") == 1
    bars = charts.category_status_chart(mid)
    assert "Interim target met / Met so far" in [t.get_text() for legend in bars.legends
                                                          for t in legend.get_texts()]


@pytest.mark.parametrize(("language", "columns", "note"), [
    ("zh", ["2022年年度监测", "2023年中期评估", "2024年总结评估"],
     "各列＝该年数据所能作出的判断：目标年份之前为进展判断"),
    ("en", ["2022 annual monitoring", "2023 mid-term", "2024 final"],
     "each column = what that year's data allowed: progress ratings before a target's year")])
@pytest.mark.parametrize("narrow", [False, True])
def test_the_heat_maps_columns_say_what_each_report_year_is(example, language, columns, note, narrow):
    """The final's heat map headed its columns 2022, 2023, 2024 under "report year": the plan (evaluations: 2023
    mid_term, 2024 final) makes 2022 a year of annual monitoring, whose ratings of progress (需加快, 进展不足) the
    final's text and tables never use. Each column names its year and what that year's report is, and the key says
    a column holds the judgement its year's data allowed; the mid-term's two columns alike."""
    for year in (2024, 2023):
        heat = charts.status_heatmap(context(example, year, language), narrow=narrow)
        ticks = [tick.label2 for tick in heat.axes[0].xaxis.get_major_ticks()]  # the years over the rows
        joined = "" if language == "zh" else " "
        assert [tick.get_text().replace("\n", joined) for tick in ticks] == columns[:year - 2021]
        key = [t.get_text() for t in heat.texts][-1].replace("\n", joined)
        assert note in key


def test_a_status_from_the_printed_baselines_alone_is_marked_in_the_heat_map(example):
    """Weihai's published data: in 2022 only indicator 26 has a value of the plan period (36.6); every other
    series' 2022 status rests on the plan's 2020 and 2021 baselines and is marked, and the key says so. The example
    has 2022 values for every series: nothing marked."""
    from analysis.settings import PROJECT_ROOT

    real = context(PROJECT_ROOT / "data" / "processed" / "weihai", 2024, "en")
    heat = charts.status_heatmap(real)
    grid = heat.axes[0]
    rows = [label.get_text().replace("\n", " ") for label in grid.get_yticklabels()]
    cells = {(round(t.get_position()[1] - 0.5), round(t.get_position()[0] - 0.5)): t.get_text() for t in grid.texts}
    marine = rows.index("26. Marine economy share of GDP")
    assert cells[(marine, 0)] == "Target already met"  # 36.6 in 2022 against 36 for 2023: met before its year
    assert cells[(rows.index("1. R&D personnel"), 0)].endswith("*")
    assert sum(text.endswith("*") for (_, column), text in cells.items() if column == 0) == len(rows) - 1
    assert not any(text.endswith("*") for (_, column), text in cells.items() if column > 0)  # unmarked, grey
    # a marked cell is grey (insufficient data's colour), never a verdict's red or green: the scorecard gives none
    from analysis.vocabulary import STATUSES

    codes = grid.collections[0].get_array()  # each cell's status, as its colour's index
    assert all(codes[row][0] == STATUSES.index("insufficient_data") for row in range(len(rows)) if row != marine)
    assert codes[marine][0] == STATUSES.index("achieved")
    key = [t.get_text() for t in heat.texts][-1].replace("\n", " ")
    assert "* = judged on the plan's printed baselines alone" in key
    plain = charts.status_heatmap(context(example, 2024, "en"))
    assert not any(t.get_text().endswith("*") for t in plain.axes[0].texts)


def test_a_target_met_before_its_year_is_not_called_achieved_in_the_heat_map(example):
    """The example's 2022 column: 7 (84 in 2022 against 80 for 2023), 9 (68 against 67), 13 (79 against 70), 16 (142
    against 140) and 26 (36.6 against 36) met their 2023 target in 2022, a progress verdict: "Target already met"
    (已提前达标, the status's name: no key); 18, a floor to meet every year from 2023 (≥5% each year: 5.2 in 2022),
    had no requirement in 2022, the year before its first year held: its cell says so ("no target yet ‡", 当年无要求‡),
    not "Target already met", "Met so far" nor "Achieved" (in 2023 it missed: not achieved). In 2023 the verdict is
    final: 7 (83 against 80) "Interim target met"."""
    for language, early, stage, stage_early, before in (
            ("en", "Target already met", "Interim target met", "Interim already met", "no target yet ‡"),
            ("zh", "已提前达标", "已达阶段目标", "阶段提前达标", "当年无要求‡")):
        heat = charts.status_heatmap(context(example, 2023, language))
        grid = heat.axes[0]
        rows = [label.get_text().replace("\n", "") for label in grid.get_yticklabels()]
        cells = {(round(t.get_position()[1] - 0.5), round(t.get_position()[0] - 0.5)): t.get_text().replace("\n", " ")
                 for t in grid.texts}
        first = {int(row.split(".")[0]): cells[(number, 0)] for number, row in enumerate(rows)}
        assert [number for number, text in first.items() if text == early] == [7, 9, 13, 26]
        # 16's 142 met 2023's 140, an interim target, not 2024's 160: an interim target met early
        assert first[16] == stage_early
        # 18's and 17's 2022 cells before 2023's level applied: no requirement that year, no status word (17's 89.5
        # against 2023's ≥90 is no "Moving away"), marked ‡
        assert first[18] == before and first[17] == before
        assert [number for number, text in first.items() if "‡" in text] == [17, 18]
        assert cells[(rows.index(next(row for row in rows if row.startswith("7."))), 1)] == stage
        key = [t.get_text() for t in heat.texts][-1].replace("\n", "")
        assert (early + (" =" if language == "en" else "＝")).replace(" ", "") not in key.replace(" ", "")  # no "X = X"
        if language == "en":  # 阶段提前达标 is short enough for its cell: no key
            assert "Interim already met = Interim target already met".replace(" ", "") in key.replace(" ", "")
        assert ("‡ = before the level applied" if language == "en" else "‡＝早于该水平适用的年份").replace(" ", "") in \
            key.replace(" ", "")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_cell_before_the_level_applied_is_grey_not_a_verdicts_colour(example, language):
    """17 and 18 in 2022, a year before 2023, the first the plan sets their level for: no requirement that year, so no
    status word (17's 89.5 is no "moving away" against 2023's ≥90, nor 18's 5.2 "already met" against ≥5) but "no
    target yet ‡" (当年无要求‡), and the key says the same: no requirement, no verdict. Not coloured as one either: in
    insufficient data's grey (#9e9e9e), its words black on it (luminance 0.342: (0.342 + 0.05) / 0.05 = 7.8:1), as a
    cell resting on the printed baselines alone; their 2023 cells keep their statuses' colours (17 met so far, 18 not
    achieved), and the key says the grey."""
    from analysis.catalog import catalog
    from analysis.vocabulary import STATUSES

    heat = charts.status_heatmap(context(example, 2023, language))
    grid = heat.axes[0]
    rows = [int(label.get_text().split(".")[0]) for label in grid.get_yticklabels()]
    codes = grid.collections[0].get_array().reshape(len(rows), -1)
    words = {(round(t.get_position()[1] - 0.5), round(t.get_position()[0] - 0.5)): t for t in grid.texts}
    for number in (17, 18):
        row = rows.index(number)
        assert words[(row, 0)].get_text().replace("\n", " ") == {"en": "no target yet ‡", "zh": "当年无要求‡"}[language]
        assert codes[row][0] == STATUSES.index("insufficient_data")
        assert to_hex(words[(row, 0)].get_color()) == "#000000"
    assert codes[rows.index(18)][1] == STATUSES.index("not_achieved")
    assert codes[rows.index(17)][1] != STATUSES.index("insufficient_data")
    key = [t.get_text() for t in heat.texts][-1].replace("\n", "").replace(" ", "")
    said = {"en": "norequirementthatyearandnoverdict,ingrey", "zh": "当年无要求，不作判定，故以灰色表示"}
    assert said[language] in key
    statuses = [catalog(language)[f"status_short.{status}"] for status in STATUSES]
    assert not any(words[(rows.index(number), 0)].get_text().startswith(tuple(statuses)) for number in (17, 18))


@pytest.mark.parametrize("language, heads", [
    ("en", {"moderate": "Moderate", "met_stage_early": "Interim already met", "stage_missed": "Interim missed"}),
    ("zh", {"achieved_at_risk": "有回落风险"})])
def test_a_heat_maps_word_is_its_statuss_name_or_words_of_it(language, heads):
    """The heat map's short words said a status in other words than its name everywhere else ("Slow progress" for
    Insufficient progress, "Unconfirmed" for Provisionally met, 阶段未达 for 未达阶段目标): each is now the name itself,
    or where that is too wide for a cell (wider than "Insufficient progress", 6 Chinese characters) words of it, in its
    order (Moderate, Interim already met, Interim missed: "Interim target missed" is 0.92 inch at 7 points,
    "Insufficient progress" 0.88; 有回落风险 of 已达标但有回落风险), never another word."""
    import re

    from analysis.catalog import catalog
    from analysis.report.fonts import configure_matplotlib
    from analysis.vocabulary import STATUSES

    configure_matplotlib(language)
    words = catalog(language)
    widest = charts._text_inches({"en": "Insufficient progress", "zh": "未达阶段目标"}[language], charts.PAPER_TEXT)
    for status in STATUSES:
        short, name = words[f"status_short.{status}"], words[f"status.{status}"]
        assert short == heads.get(status, name), status
        pieces = short.split() if language == "en" else [short]
        assert re.search(".*".join(re.escape(piece) for piece in pieces), name), status
        assert charts._text_inches(short, charts.PAPER_TEXT) <= widest, status


@pytest.mark.parametrize("language, heads", [("en", {"moderate": "Moderate progress"}), ("zh", {})])
def test_a_panels_brief_status_is_its_name_or_its_head_words(language, heads):
    """The small panels' titles and a phone's badges said a status in other words than its name ("Stage met early"
    for Interim target already met, "At risk" for Achieved but at risk): each brief word is now the name itself,
    where it fits a panel's title on two lines (1.09 inches at 7 points: "Interim target already met" is 1.07) and a
    phone's badge on three; else its head words ("Moderate progress" of "Moderate progress (needs to accelerate)",
    whose badge took four lines), never another word."""
    from analysis.catalog import catalog
    from analysis.report.fonts import configure_matplotlib
    from analysis.vocabulary import STATUSES

    configure_matplotlib(language)
    words = catalog(language)
    for status in STATUSES:
        brief, name = words[f"status_brief.{status}"], words.status(status)
        assert brief == heads.get(status, name), status
        assert name.startswith(brief), status
        badge = charts._badge_text(brief, charts.NARROW_BADGE, charts.PHONE_READ_TEXT)
        assert badge.count("\n") < charts.NARROW_BADGE_LINES, status
    assert words["status_brief.met_stage_early"] == {"en": "Interim target already met", "zh": "阶段提前达标"}[language]


def test_the_heat_maps_key_breaks_between_its_items(example):
    """The key under the heat map breaks a line only after an item's separator: every part of every line is a whole
    "short = name" (never "逐 | 年达标＝目前逐年达标", "预计未 | 达＝预计未达标")."""
    from analysis.report.charts import _wrap_items

    for language, equals, separator in (("zh", "＝", "；"), ("en", " = ", "; ")):
        heat = charts.status_heatmap(context(example, 2024, language))
        key = [t.get_text() for t in heat.texts][-1]
        assert "\n" in key  # the example's key takes two lines or more
        for line in key.split("\n"):
            parts = [part for part in line.split(separator.strip()) if part.strip()]
            assert parts and all(equals.strip() in part for part in parts), line
    # an item wider than the line stands on lines of its own
    assert _wrap_items(["a = b", "x" * 80 + " = y"], "; ", 1.0, 8).split("\n")[0] == "a = b;"


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_legends_sit_clear_of_the_data(example, paced):
    report = context(example, 2024, "zh")
    for draw in (charts.completion_chart, charts.growth_gap_chart, charts.category_status_chart,
                 charts.small_multiples):
        figure = draw(report)
        renderer = FigureCanvasAgg(figure).get_renderer()
        legends = figure.legends + [ax.get_legend() for ax in figure.axes if ax.get_legend()]
        assert legends, draw.__name__
        for legend in legends:
            box = legend.get_window_extent(renderer)
            for ax in figure.axes:
                assert not _overlaps(box, ax.get_window_extent(renderer)), draw.__name__


def test_years_are_written_as_years(example):
    report = context(example, 2024, "zh")
    heat = charts.status_heatmap(report)
    heads = [label.get_text().split("\n")[0] for label in heat.axes[0].get_xticklabels()]
    assert heads == ["2022年", "2023年", "2024年"]  # each over what its report was (年度监测, 中期评估, 总结评估)
    card = charts.card_chart(report, report.series_row(10))
    assert [label.get_text() for label in card.axes[0].get_xticklabels()] == ["2020", "2021", "2022", "2023", "2024"]


def test_no_heat_map_without_history(before_data):
    report = context(before_data, 2021, "zh")
    assert charts.status_heatmap(report) is None
    assert figures.Figures(report)["heatmap"] is None


def test_the_tables_read_back(example):
    assert len(read_processed(example).assessment) == 4 * 28


@pytest.mark.parametrize("language", ["zh", "en"])
def test_panel_titles_fit_their_panels_and_the_page(example, language):
    report = context(example, 2024, language)
    figure = charts.small_multiples(report)
    renderer = FigureCanvasAgg(figure).get_renderer()
    page = figure.bbox
    titles = [child for ax in figure.axes for child in ax.get_children()  # the report's titles sit left
              if isinstance(child, Text) and child.get_text() and child.get_text() == ax.get_title(loc="left")]
    assert len(titles) == 25
    boxes = [title.get_window_extent(renderer) for title in titles]
    for title, box in zip(titles, boxes):
        assert page.x0 <= box.x0 and box.x1 <= page.x1, title.get_text()
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _overlaps(a, b), (titles[boxes.index(a)].get_text(), titles[boxes.index(b)].get_text())
    # a title's last line is the status, whole: "Projected to miss" for indicator 21 (behind, no 2024 value), never cut
    assert any(title.get_text().endswith("\n" + report.words["status_brief.overdue"]) for title in titles)
    # no name is cut with …: "3. National high-tech zone revenue / GDP" wraps over lines of its panel, on a page
    # and on a phone
    for drawn in (figure, charts.small_multiples(report, narrow=True)):
        shown = [child.get_text() for ax in drawn.axes for child in ax.get_children() if isinstance(child, Text)]
        assert not any("…" in text for text in shown)
        names = {text.split("\n")[0].split(".")[0]: text for text in shown if "\n" in text}
        assert "".join(names["3"].split("\n")[:-1]).replace(" ", "") == "".join(
            charts._panel_label(next(r for r in charts.completion_rows(report).itertuples() if r.indicator_id == 3),
                                report.words).split()).replace(" ", "")


def test_a_panel_title_names_its_unit_once():
    """The national plan's 6 and 9 named what their unit is per twice: "Patent applications per 100 R&D person-years
    (per 100 person-years)", "R&D personnel per 10,000 employed (person-years per 10,000 employed)"; the name says
    it, the unit adds what it counts, or nothing."""
    from types import SimpleNamespace

    from analysis.catalog import catalog

    def title(number, name, unit, kind="ratio", name_zh="", unit_zh=""):
        row = SimpleNamespace(indicator_id=number, short_name_en=name, short_name_zh=name_zh, unit_en=unit,
                              unit_zh=unit_zh, kind=kind)
        return charts._panel_label(row, catalog("en")), charts._panel_label(row, catalog("zh"))

    assert title(6, "Patent applications per 100 R&D person-years", "per 100 person-years",
                 name_zh="研发人员发明专利申请量", unit_zh="件/百人年") == (
        "6. Patent applications per 100 R&D person-years", "6. 研发人员发明专利申请量（件/百人年）")
    assert title(9, "R&D personnel per 10,000 employed", "person-years per 10,000 employed")[0] == \
        "9. R&D personnel per 10,000 employed (person-years)"
    # as before: a unit the name holds whole, none; one it does not hold, whole; a rank's places, none
    assert title(12, "Invention patents per 10,000 people", "per 10,000 people")[0] == \
        "12. Invention patents per 10,000 people"
    assert title(6, "Labour productivity", "10,000 yuan per worker")[0] == \
        "6. Labour productivity (10,000 yuan per worker)"
    assert title(15, "National incubators", "incubators", kind="count")[0] == "15. National incubators"
    assert title(11, "Tech-based SMEs", "enterprises", kind="count")[0] == "11. Tech-based SMEs (enterprises)"
    assert title(1, "Innovation capability rank", "place", kind="rank")[0] == "1. Innovation capability rank"


def test_every_small_multiple_names_its_unit_in_the_readers_language(example_tables):
    """Weihai's 1 (研发人员数, 人), 15 (国家级科技孵化机构, 家) and 25 (高层次人才数, 人) had no unit in their
    panel's title: 人 and 家 were found inside 人员, 人才 and 国家级. Each panel names its unit once, as text."""
    from matplotlib.text import Text

    from analysis.report.context import load_report
    from tests.conftest import relative

    for language, expected in (("zh", {"1": "1.研发人员数（人）", "15": "15.国家级科技孵化机构（家）",
                                       "25": "25.高层次人才数（人）", "5": "5.国家级科技创新基地（个）"}),
                               ("en", {"1": "1. R&D personnel (people)", "15": "15. National incubators",
                                       "25": "25. High-level talent (people)"})):
        configure_matplotlib(language)
        report = load_report(relative(example_tables), 2024, language)
        titles = {}
        for part in range(charts.parts(len(charts.completion_rows(report)), "multiples")):
            figure = charts.small_multiples(report, part)
            for title in (text.get_text() for ax in figure.axes for text in ax.findobj(Text)):
                if "\n" in title and title[:1].isdigit():  # its name and unit, then the status on the last line
                    name = " ".join(title.split("\n")[:-1])
                    titles.setdefault(name.split(".")[0], name if language == "en" else name.replace(" ", ""))
            assert not any("$" in text.get_text() and text.get_parse_math() for ax in figure.axes
                           for text in ax.findobj(Text))
        for number, title in expected.items():
            assert titles.get(number, "").replace("\n", "") == title, titles


def test_a_dollar_sign_in_a_label_is_text_not_mathtext(tmp_path):
    configure_matplotlib("en")
    figure = Figure(figsize=(3, 1))
    figure.text(0.1, 0.5, r"cost $\frac$ in yuan")  # broken mathtext: an error if it were parsed
    figure.savefig(tmp_path / "label.png")
    assert (tmp_path / "label.png").stat().st_size > 0


def test_a_share_grows_in_percentage_points_on_an_axis_fitted_to_it(example, paced):
    """The example's two lagging series are shares paced linearly: 4 provincial, 3.1 (2020) → 2.9 (2022), 3.3 by
    2024, has seen (2.9 − 3.1) / 2 = −0.10 pp a year and needs (3.3 − 2.9) / 2 = +0.20; 21, 8.4 (2020) → 9.3 (2023),
    10.0 by 2024, has seen 0.9 / 3 = +0.30 and needs +0.70 (in relative percent they were −3.3% and +7.5%)."""
    report = context(example, 2024, "en")
    figure = charts.growth_gap_chart(report)
    [ax] = figure.axes
    assert {"−0.1", "+0.2", "+0.3", "+0.7"} <= set(texts(figure))  # as the card writes them: no trailing zero
    assert "+7.5" not in texts(figure) and "−3.3" not in texts(figure)
    assert ax.get_xlabel() == "growth per year (percentage points)"
    low, high = ax.get_xlim()  # zero and the values with a margin, not −40…80
    assert -0.5 < low < -0.1 and 0.7 < high < 1.0
    assert ax.get_title(loc="left") == "Lagging indicators: growth needed vs growth seen"  # two series: no "one series"


def test_rates_and_shares_are_on_panels_of_their_own(before_data, paced):
    report = context(before_data, 2022, "zh")
    figure = charts.growth_gap_chart(report)
    units = [ax.get_xlabel() for ax in figure.axes]
    assert units == ["年均增速（%）", "年均增加（百分点）"]
    rates = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    shares = [label.get_text() for label in figure.axes[1].get_yticklabels()]
    assert "18. 万元GDP能耗下降率（每年≥5%）" in rates and not any(label.startswith("18.") for label in shares)
    assert any(label.startswith("21.") for label in shares)


def test_a_growth_chart_of_one_series_says_so(example, monkeypatch, paced):
    report = context(example, 2024, "en")
    one = charts.growth_rows(report)[:1]
    monkeypatch.setattr(charts, "growth_rows", lambda context: one)
    figure = charts.growth_gap_chart(report)
    assert figure.axes[0].get_title(loc="left") == "Lagging indicators: growth needed vs growth seen (one series lags)"
    assert len(figure.axes[0].get_yticklabels()) == 1
    narrow = charts.growth_gap_chart(report, narrow=True)
    assert "(one series lags)" in narrow.axes[0].get_title(loc="left").replace("\n", " ")


def test_every_overview_chart_has_a_narrower_taller_drawing_for_a_phone(example, paced):
    drawn = figures.Figures(context(example, 2024, "zh"))
    for name in ("completion", "growth", "categories", "heatmap", "multiples"):
        wide = Image.open(io.BytesIO(drawn[name])).size
        narrow = Image.open(io.BytesIO(drawn.narrow(name))).size
        assert narrow[0] == charts.NARROW_WIDTH * figures.DPI < wide[0] == charts.WIDTH * figures.DPI, name
        assert narrow[1] / narrow[0] > wide[1] / wide[0], name  # as tall or taller: its rows take the height
    # the small multiples two panels a row instead of five: 13 rows of panels instead of 5, the figure twice as tall
    assert Image.open(io.BytesIO(drawn.narrow("multiples"))).size[1] > 2 * Image.open(
        io.BytesIO(drawn["multiples"])).size[1]
    # a card's chart has a phone's drawing too: as wide, taller, its marks larger
    card, narrow_card = (Image.open(io.BytesIO(png)).size for png in (drawn["card-4-national"],
                                                                      drawn.narrow("card-4-national")))
    assert narrow_card[0] == card[0] and narrow_card[1] > card[1]
    assert drawn.narrow("completion") is drawn.narrow("completion")  # drawn once


def test_the_heat_map_shows_the_plan_period_with_a_key_to_its_words(example):
    report = context(example, 2024, "en")
    # report years 2021–2024; the plan period starts in 2022 (after the 2021 baselines): 2021 would be judged on
    # the printed baselines alone
    assert report.plan["report_years"][0] == 2021 and charts.heatmap_years(report) == [2022, 2023, 2024]
    key = " ".join(text.get_text() for text in charts.status_heatmap(report).texts).replace("\n", " ")
    # an interim target missed in 2023 in words of the status's name (never the code "Stage missed"): the whole
    # "Interim target missed" is wider than a cell holds, so its words "Interim missed", which the key names
    cells = [text.get_text() for text in charts.status_heatmap(report).axes[0].texts]
    assert "Interim missed" in cells and "Interim target missed" not in cells and "Stage missed" not in cells
    assert "Interim missed = Interim target missed" in key and "Stage missed" not in key
    assert "Projected to miss =" not in key  # the whole words: no key
    assert "Achieved =" not in key and "Not achieved =" not in key  # whole words: no key
    zh = " ".join(text.get_text() for text in charts.status_heatmap(context(example, 2024, "zh")).texts)
    assert "已达标＝" not in zh and "未达标＝" not in zh  # a word that is the status itself needs no key
    # the colours are statuses: a final evaluation's list is of the targets missed, no warnings, and the key names it
    # so (the mid-term's: "not a warning level: see the warning list")
    assert "颜色＝评估结论（另见第三部分的清单）" in zh.replace("\n", "")
    assert "colour = status (see the list in section 3)" in key
    mid_term = " ".join(text.get_text() for text in charts.status_heatmap(context(example, 2023, "en")).texts)
    assert "colour = status (not a warning level: see the warning list)" in mid_term.replace("\n", " ")


def test_no_pace_is_drawn_once_the_target_year_has_come(example, before_data):
    # the final 2024 report: 4 provincial (latest 2022) and 21 (latest 2023) lack 2024's value; nothing can still
    # reach a 2024 target, so neither is in the growth chart, which is then not drawn
    assert charts.growth_rows(context(example, 2024, "en")) == []
    assert charts.growth_gap_chart(context(example, 2024, "en")) is None
    # the plan as printed, in 2022: the 2023 targets are ahead of the 2021 values, and 18's floor is paced
    labels = [label.get_text() for ax in charts.growth_gap_chart(context(before_data, 2022, "zh")).axes
              for label in ax.get_yticklabels()]
    assert "18. 万元GDP能耗下降率（每年≥5%）" in labels


def test_a_level_to_hold_every_year_is_a_line_across_its_small_multiple(example):
    """Good-air days (17, ≥90 every year) and the energy-saving floor (18, ≥5 every year) are drawn with their level
    as a dash-dot line, as on their cards, over the years the plan holds it in (2023 and 2024: from half way between
    2022 and 2023, 2022.5, to 0.3 past 2024), so 2022's 89.5 under 90 is not drawn as a year below it; a target to
    reach (2) has none, and the legend names the line. The line is seen: 3:1 against white and against the grid's
    #d9d9d9 it runs along (WCAG 2.1's 1.4.11), at least twice the grid's 0.6 points wide (0.8 was lost in it)."""
    figure = charts.small_multiples(context(example, 2024, "en"))
    for ax in figure.axes:
        for lines in ax.collections:
            if lines.get_linestyle()[0][1]:
                colour = to_hex(lines.get_colors()[0])
                assert contrast(colour, "#ffffff") >= 3 and contrast(colour, "#d9d9d9") >= 3
                assert lines.get_linewidths()[0] >= 1.2
    held = {}
    for ax in figure.axes:
        title = ax.get_title(loc="left")
        if title.split(".")[0] in ("2", "17", "18"):
            held[title.split(".")[0]] = sorted({(float(segment[0][1]), float(segment[0][0]), float(segment[1][0]))
                                                for lines in ax.collections for segment in lines.get_segments()
                                                if lines.get_linestyle()[0][1]})
    assert held == {"2": [], "17": [(90.0, 2022.5, 2023.5), (90.0, 2023.5, 2024.3)],
                    "18": [(5.0, 2022.5, 2023.5), (5.0, 2023.5, 2024.3)]}
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert "targets to hold every year" in legend


def test_a_level_missed_in_an_earlier_year_is_drawn_at_that_year(example):
    """The distance chart's diamond for a level to hold every year: 18 (≥5% a year) missed in 2023 with 4.6, drawn at
    4.6 ÷ 5 = 92.0% with its year, not at 2024's 5.3 ÷ 5 = 106.0% beside "not achieved"; 17 (≥90% in 2023 and 2024,
    met both years: 89.5 in 2022 is held to none) keeps its latest value's share, 92 ÷ 90 = 102.2%, with no year."""
    report = context(example, 2024, "en")
    rows = {row.indicator_id: row for row in charts.completion_rows(report).itertuples()}
    air = charts._worst_year(report, rows[17], charts._completion_mark(rows[17]))
    energy = charts._worst_year(report, rows[18], charts._completion_mark(rows[18]))
    assert air == charts._completion_mark(rows[17]) and air[0] == "level" and air[1] == pytest.approx(92 / 90)
    assert energy[0] == "level" and energy[1] == pytest.approx(4.6 / 5) and energy[2] == 2023
    assert charts._worst_year(report, rows[1], charts._completion_mark(rows[1])) == charts._completion_mark(rows[1])
    # at the mid-term, 18's latest year is the year missed (4.6 in 2023): its diamond there, with its year, so the
    # label says "missed in 2023" as it does in 2024
    mid = context(example, 2023, "en")
    rows = {row.indicator_id: row for row in charts.completion_rows(mid).itertuples()}
    energy = charts._worst_year(mid, rows[18], charts._completion_mark(rows[18]))
    assert energy[0] == "level" and energy[1] == pytest.approx(4.6 / 5) and energy[2] == 2023


def test_the_heat_maps_key_names_only_the_words_its_cells_show(example):
    """At the 2023 mid-term every series achieved in 2023 met an interim target (已达阶段目标) and in 2022 was ahead of
    time (已提前达标); the 2024 final's cells read 已达标 too. Each cell's word is its status's name, which needs no
    key: no "已达标＝已达标", "已达阶段目标＝已达阶段目标"."""
    for year, achieved in ((2023, False), (2024, True)):
        heat = charts.status_heatmap(context(example, year, "zh"))
        cells = {t.get_text() for t in heat.axes[0].texts}
        key = heat.texts[-1].get_text().replace("\n", "")
        assert ("已达标" in cells) is achieved and "已达阶段目标" in cells
        assert "已达标＝" not in key and "已达阶段目标＝" not in key and "达标＝" not in key


def test_a_card_draws_a_level_held_every_year_from_its_first_year_held(example):
    """17's card (≥90 for 2023 and 2024, nothing for 2022) draws its level from 2022.5 on, none over 2020–2022; a
    level set once, for the last year, is held from the plan's start (2022: from 2021.5)."""
    report = context(example, 2024, "zh")
    row = next(row for row in report.assessment.itertuples() if row.indicator_id == 17)
    ax = charts.card_chart(report, row).axes[0]
    spans = sorted((float(s[0][0]), float(s[1][0])) for lines in ax.collections if lines.get_linestyle()[0][1]
                   for s in lines.get_segments())
    assert spans == [(2022.5, 2023.5), (2023.5, 2024.3)]
    assert charts.held_segments([(2024, 5.0)], 2022, 2020, 2024) == [(5.0, 2021.5, 2024.3)]


def test_a_growth_in_points_is_labelled_as_the_card_writes_it(example):
    """20 (S&T share of public expenditure) in 2022: 2.07 (2020) → 2.3 (2022) is (2.3 − 2.07) / 2 = +0.115 pp a year
    seen, written +0.12 pp on its card (points to two decimals, half up): the chart's label the same, not +0.115."""
    figure = charts.growth_gap_chart(context(example, 2022, "en"))
    [points] = [ax for ax in figure.axes if "points" in ax.get_xlabel()]
    labels = [text.get_text() for text in points.texts]
    assert "+0.12" in labels and "+0.115" not in labels


CATEGORY_NOTES = {"en": "By indicator; for {ids}, the worse of the national and provincial series",
                  "zh": "按指标计；指标{ids}取国家级、省级序列中较差者"}
ONE_WITH_DATA = {"en": "By indicator; for 4, the worse of the national and provincial series; for 5, the provincial "
                       "series, the only one with data",
                 "zh": "按指标计；指标4取国家级、省级序列中较差者；指标5取省级序列（仅此序列有数据）"}
NONE_WITH_DATA = {"en": "By indicator; for 4, the worse of the national and provincial series; for 5, no series has "
                        "data yet",
                  "zh": "按指标计；指标4取国家级、省级序列中较差者；指标5各序列均尚无数据"}


@pytest.mark.parametrize(("language", "ids"), [("en", ("4 and 5", "4")), ("zh", ("4、5", "4"))])
def test_the_category_chart_says_which_series_an_indicator_of_two_is_counted_by(example, language, ids):
    """The category chart counts an indicator once, by its worse series: 4's national series (achieved) is in no bar.
    A note below the legend says so, naming the indicators with two series as the data have them; none without."""
    mid = context(example, 2024, language)
    assessment = mid.assessment

    def notes(report, narrow=False) -> list[str]:
        figure = charts.category_status_chart(report, narrow=narrow)
        return [text.get_text().replace("\n", " " if language == "en" else "") for text in figure.texts]

    assert notes(mid) == notes(mid, narrow=True) == [CATEGORY_NOTES[language].format(ids=ids[0])]
    # 5's national series gone from the data: 4 alone has two
    four = dataclasses.replace(mid, assessment=assessment[(assessment.indicator_id != 5)
                                                          | (assessment.series != "national")])
    assert notes(four) == [CATEGORY_NOTES[language].format(ids=ids[1])]
    # 5's national series without data: 5 is counted by its provincial series alone, not "the worse" of the two;
    # neither of 5's series with data: 5 counts as without data
    lacking = assessment.assign(status=assessment["status"].mask((assessment.indicator_id == 5)
                                                                 & (assessment.series == "national"),
                                                                 "insufficient_data"))
    assert notes(dataclasses.replace(mid, assessment=lacking)) == [ONE_WITH_DATA[language]]
    none = assessment.assign(status=assessment["status"].mask(assessment.indicator_id == 5, "insufficient_data"))
    assert notes(dataclasses.replace(mid, assessment=none)) == [NONE_WITH_DATA[language]]
    # one series an indicator: nothing to say, and no room kept for it
    single = dataclasses.replace(mid, assessment=assessment.drop_duplicates("indicator_id"))
    assert notes(single) == notes(single, narrow=True) == []
    assert charts.category_status_chart(single).get_figheight() < charts.category_status_chart(mid).get_figheight()


def test_a_chart_with_one_series_with_data_says_so_in_a_sentence():
    """The Weihai data's 2024 report drew its completion chart as 24 grey rows and one bar. Three series, one with
    data (10: 1,580 in 2024 from 738 in 2020, against 1,600: (1,580 − 738) ÷ (1,600 − 738) = 842 ÷ 862 = 98% of the
    distance covered): no chart, a sentence naming the series, its value and its status, in the Word edition too.
    With a second series with data the chart is drawn."""
    from analysis.report.word_content import figure_blocks
    from tests.report.test_words import QUALITATIVE, assessed
    from tests.report.test_words import context as small_context

    met = {**assessed(10, 2024, "compound", 738, 2024, 1580, 2024, 1600, "not_achieved"), "completion": 842 / 862}
    empty = [assessed(i, 2024, "compound", base, None, float("nan"), 2024, target, "insufficient_data", n=1)
             for i, base, target in ((14, 80, 120), (25, 242, 320))]
    sentences = {"zh": "增量完成比例与同期序时进度：3个序列中仅1个有数据，不单独绘图："
                       "10. 高新技术企业，增量完成比例98%（未达标）；其余2个序列数据不足。",
                 "en": "Distance covered against time elapsed: not drawn, as only one of its 3 series has data: "
                       "10. High-tech enterprises, 98% of the distance from its baseline to its target covered "
                       "(status: Not achieved); the other 2 have insufficient data."}
    for language, sentence in sentences.items():
        configure_matplotlib(language)
        few = small_context(language, rows=[met, *empty, QUALITATIVE])
        assert charts.completion_chart(few) is None
        assert charts.few_series_note(few, "completion") == sentence
        [block] = figure_blocks(few, figures.Figures(few), "completion")
        assert block["t"] == "Para"
        two = small_context(language, rows=[met, {**empty[0], "status": "not_achieved", "as_of_year": 2024,
                                            "latest_value": 100.0, "completion": 0.5}, empty[1], QUALITATIVE])
        assert charts.few_series_note(two, "completion") is None
        assert isinstance(charts.completion_chart(two), Figure)
    # Weihai's published data: 26 alone, 36.6 in 2022 from 34 in 2020 against 36: 2.6 ÷ 2 = 130%
    from analysis.settings import PROJECT_ROOT

    real = context(PROJECT_ROOT / "data" / "processed" / "weihai", 2024, "zh")
    assert charts.few_series_note(real, "completion") == (
        "增量完成比例与同期序时进度：25个序列中仅1个有数据，不单独绘图："
        "26. 海洋产业增加值占GDP比重，增量完成比例130%（达标待确认）；其余24个序列数据不足。")


def test_value_gaps_are_the_years_without_a_value_between_two_with_one():
    """2010, 2014, 2015 (the national plan's R&D intensity): 2011–2013 without a value, one gap (2010, 2014); 2010,
    2013, 2015 (its innovation rank): two; every year from 2020 to 2024: none."""
    from analysis.catalog import catalog

    assert charts.value_gaps([2015, 2010, 2014]) == [(2010, 2014)]
    assert charts.value_gaps([2010, 2013, 2015]) == [(2010, 2013), (2013, 2015)]
    assert charts.value_gaps(range(2020, 2025)) == []
    assert charts.gap_years((2010, 2014), catalog("en")) == "2011–2013"
    assert charts.gap_years((2010, 2014), catalog("zh")) == "2011—2013"
    assert charts.gap_years((2013, 2015), catalog("en")) == "2014"


@pytest.fixture(scope="module")
def national(project_tmp):
    """The national 12th Five-Year plan's tables with its own observations (R&D intensity: 2010, 2014 and 2015)."""
    from analysis.plan import load_plan
    from tests.conftest import NATIONAL_DIR

    folder = project_tmp / "figures-national" / "national"
    folder.mkdir(parents=True)
    for name, data in build_tables(load_plan(NATIONAL_DIR), "eurostat").files().items():
        (folder / name).write_bytes(data)
    return folder


def _styled_segments(ax, colour: str | None = None) -> dict[tuple[float, float], bool]:
    """Each line of two points or more drawn on ``ax`` without markers (in ``colour`` only, if given): (first year,
    last year) → dashed or not."""
    return {(float(line.get_xdata()[0]), float(line.get_xdata()[-1])): line.get_linestyle() != "-"
            for line in ax.lines if line.get_marker() in ("None", "", None) and len(line.get_xdata()) > 1
            and colour in (None, to_hex(line.get_color()))}


@pytest.mark.parametrize(("language", "said"), [("en", "no value 2011–2013"), ("zh", "2011—2013年无数值")])
def test_a_series_gap_is_dashed_and_said_so(national, language, said):
    """R&D intensity (3) has values for 2010, 2014 and 2015 alone: 2010→2014 was one solid line, as if 2011–2013 were
    on it. Its course is dashed from 2010 to 2014, solid from 2014 to 2015, on its card (which says "no value
    2011–2013" beside it) and on its small multiple (whose legend names the dashed stretch); a course with a value
    every year (Weihai's) has no dashed stretch nor that legend item."""
    report = context(national, 2015, language)
    row = report.series_row(3)
    card = charts.card_chart(report, row).axes[0]
    course = _styled_segments(card, to_hex(charts.STATUS_LINES[row.status]))  # not the target's grey path
    assert course == {(2010.0, 2014.0): True, (2014.0, 2015.0): False}
    assert said in [text.get_text().replace("\n", " ") for text in card.texts]
    figure = charts.small_multiples(report)
    [panel] = [ax for ax in figure.axes if ax.get_title(loc="left").startswith("3.")]
    assert _styled_segments(panel) == {(2010.0, 2014.0): True, (2014.0, 2015.0): False}
    assert report.words["chart.gap"] in [text.get_text() for text in figure.legends[0].get_texts()]


def test_a_course_with_every_years_value_is_solid(example):
    figure = charts.small_multiples(context(example, 2024, "en"))
    assert not any(dashed for ax in figure.axes for dashed in _styled_segments(ax).values()
                   if not ax.collections)  # a level held every year's dash-dot is a collection, not a line
    assert "no value for the years between" not in [text.get_text() for text in figure.legends[0].get_texts()]


def test_a_cards_numbers_stay_inside_when_a_gaps_label_widens_its_axis(national):
    """The national plan's innovation rank (1: 2010, 2013, 2015) on the Word card's 0.97-inch chart: its gaps' labels
    (no value 2011–2012, no value 2014) need the value axis to reach further, which pushed 2015's number ② past the
    figure's top; the numbers are placed again, every text inside the figure."""
    from analysis.report.word_content import CARD_CHART
    from tests.report.test_charts_layout import outside

    for language in ("en", "zh"):
        report = context(national, 2015, language)
        figure = charts.card_chart(report, report.series_row(1), size=CARD_CHART)
        assert outside(figure) == []

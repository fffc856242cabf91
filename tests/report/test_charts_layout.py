"""The charts' layout: a phone's narrow charts keep every text inside the picture, tick labels apart; lines break
between words (never inside GDP or a number with its unit); whole-number series have whole-number ticks, and every
tick as many decimals as it needs; a card's source numbers never hide under a target's star; each line style a card
draws is one item of the cards' legend. Every text of a phone's chart is 10.5 px at least on a 390 px screen (some
9 px of ink), of a printed one 7 points; no label is cut with … where it wraps, none leaves one character alone on a
line; a panel's value ticks keep off its frame; the completion chart's legend names the marks it draws."""
from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.text import Text

from analysis.catalog import catalog
from analysis.report import charts, figures
from analysis.report.context import load_report
from analysis.report.fonts import configure_matplotlib
from analysis.report.palette import LEVEL_COLOURS
from tests.conftest import NATIONAL_PUBLISHED, relative

NARROW = {"completion": charts.completion_chart, "growth": charts.growth_gap_chart,
          "categories": charts.category_status_chart, "heatmap": charts.status_heatmap,
          "multiples": charts.small_multiples}


@pytest.fixture(scope="module", params=[("zh", 2024), ("en", 2024), ("en", 2023), ("zh", 2023)])
def report(request, example_tables):
    language, year = request.param
    configure_matplotlib(language)
    return load_report(relative(example_tables), year, language)


@pytest.fixture
def paced(monkeypatch):
    """The growth chart drawn as before the target year (see tests/report/test_figures.py)."""
    monkeypatch.setattr(charts, "target_year_past", lambda row: False)


def undrawn_tick_labels(figure) -> set[int]:
    """The labels of ticks beyond their axis's view: matplotlib keeps them, but does not draw them."""
    found = set()
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            slack = (high - low) * 1e-9
            for tick in axis.get_major_ticks():
                if not low - slack <= tick.get_loc() <= high + slack:
                    found |= {id(tick.label1), id(tick.label2)}
    return found


def drawn_texts(figure):
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    hidden = undrawn_tick_labels(figure)
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]
    return renderer, texts


def tick_labels(figure, axis) -> list[Text]:
    """The tick labels ``axis`` draws."""
    hidden = undrawn_tick_labels(figure)
    return [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text() and id(t) not in hidden]


def outside(figure) -> list[str]:
    """The texts of ``figure`` that reach beyond its edges (a pixel's slack)."""
    renderer, texts = drawn_texts(figure)
    page = figure.bbox
    return [text.get_text() for text in texts if (box := text.get_window_extent(renderer)).x0 < page.x0 - 1
            or box.x1 > page.x1 + 1 or box.y0 < page.y0 - 1 or box.y1 > page.y1 + 1]


def overlapping_tick_labels(figure) -> list[tuple[str, str]]:
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    found = []
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = tick_labels(figure, axis)
            boxes = [t.get_window_extent(renderer) for t in labels]
            found += [(labels[i].get_text(), labels[j].get_text()) for i in range(len(boxes))
                      for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    return found


def test_the_checks_see_a_cut_title_and_overlapping_ticks():
    configure_matplotlib("en")
    figure = charts.Figure(figsize=(2, 2))
    ax = figure.add_axes((0.3, 0.3, 0.6, 0.6))
    ax.set_title("Completion against time elapsed", fontsize=11)  # 2.4 inches of title from 0.6 in
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.1, 0.2], ["−100%", "0%", "100%"])
    assert outside(figure) == ["Completion against time elapsed"]
    assert ("−100%", "0%") in overlapping_tick_labels(figure)


@pytest.mark.parametrize("chart", list(NARROW))
def test_every_text_of_a_phone_chart_lies_inside_it_and_no_tick_labels_overlap(report, chart, paced):
    figure = NARROW[chart](report, narrow=True)
    if figure is None:
        pytest.skip(f"no {chart} chart in this report")
    assert outside(figure) == []
    assert overlapping_tick_labels(figure) == []


@pytest.mark.parametrize("chart", list(NARROW))
def test_every_text_of_a_printed_chart_lies_inside_it(report, chart, paced):
    figure = NARROW[chart](report)
    if figure is None:
        pytest.skip(f"no {chart} chart in this report")
    assert outside(figure) == []
    assert overlapping_tick_labels(figure) == []


def test_the_phone_completion_chart_keeps_a_hundred_percent_and_its_title_whole(example_tables):
    configure_matplotlib("en")
    figure = charts.completion_chart(load_report(relative(example_tables), 2024, "en"), narrow=True)
    ax = figure.axes[0]
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    # the axis runs from −100% to 150% (and 0.05 beyond each end): the screen's 370.8 px give each 100% the axes'
    # share of them (0.41: 153 px) over 2.6, 59 px, where −100% to 200% gave it 153 px over 3.1, 49 px, the bars near
    # 100% squeezed together; 4 provincial's −100% (moving away) shows the scale below 0%; a bar beyond 150% runs to
    # the end with its value and an arrow: 13's 2.91 and 26's 1.95 of the distance (291%, 195%)
    assert ax.get_xlim() == pytest.approx((-1.05, 1.55))
    assert ax.get_position().width * charts.PHONE_PX / 2.6 > 55
    # (at the rows' foot, and above them: the chart is taller than a phone's screen)
    assert [t.get_text() for t in tick_labels(figure, ax.xaxis)] == ["−100%", "0%", "100%"] * 2
    beyond = sorted(t.get_text().replace("\n", " ") for t in ax.texts if t.get_text().startswith(("▶", "◀")))
    assert beyond == ["▶ 195%", "▶ 291%"]
    assert ax.get_title(loc="left").replace("\n", " ") == "Distance covered against time elapsed"
    assert not any("…" in t.get_text() for t in ax.get_yticklabels())  # labels wrap, whole


def _tall_phone_chart(example_tables, draw):
    """The example's 2024 English report, and the axes and renderer of its phone chart ``draw`` drawn, its rows
    taller than the height past which a phone chart repeats its scale."""
    configure_matplotlib("en")
    report = load_report(relative(example_tables), 2024, "en")
    figure = draw(report, narrow=True)
    ax = figure.axes[0]
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    assert ax.get_position().height * figure.get_figheight() > charts.NARROW_TALL_ROWS
    return report, ax, renderer


def test_a_tall_phone_completion_chart_repeats_its_percentages_above_its_rows(example_tables):
    """The 2024 chart's 26 rows (a few of three lines) run some 1,800 px down a 390 px screen, more than it shows at
    once: −100%, 0% and 100% stand above the rows too, under the title, clear of it; on paper the chart is one
    page's, its scale at its foot alone."""
    report, ax, renderer = _tall_phone_chart(example_tables, charts.completion_chart)
    top = [tick.label2 for tick in ax.xaxis.get_major_ticks() if tick.label2.get_visible()]
    assert [label.get_text() for label in top] == ["−100%", "0%", "100%"]
    rows = ax.get_window_extent(renderer)
    # (the phone's title starts at the figure's edge: the axes' left title)
    [title] = [text for text in ax.findobj(Text) if text.get_text() == ax.get_title(loc="left")]
    for label in top:
        box = label.get_window_extent(renderer)
        assert rows.y1 < box.y0 and box.y1 < title.get_window_extent(renderer).y0
    printed = charts.completion_chart(report).axes[0]
    assert not any(tick.label2.get_visible() for tick in printed.xaxis.get_major_ticks())


def test_a_tall_phone_heat_map_repeats_its_years_under_its_rows(example_tables):
    """The 2024 heat map's 26 rows run some 1,400 px down a 390 px screen under the years at the top: 2022, 2023 and
    2024 stand under the rows too, over the key, clear of it; on paper (a page's) the years stand at the top alone."""
    report, ax, renderer = _tall_phone_chart(example_tables, charts.status_heatmap)
    ticks = ax.xaxis.get_major_ticks()
    # each year over what its report is (2022 | annual monitoring)
    assert [tick.label2.get_text().split("\n")[0] for tick in ticks if tick.label2.get_visible()] == \
        ["2022", "2023", "2024"]
    under = [tick.label1 for tick in ticks if tick.label1.get_visible()]
    assert [label.get_text().split("\n")[0] for label in under] == ["2022", "2023", "2024"]
    rows = ax.get_window_extent(renderer)
    # the key's first item: "Interim missed = Interim target missed"
    key = min((text for text in ax.figure.texts if text.get_text().startswith("Interim missed")),
              key=lambda text: text.get_window_extent(renderer).y1)
    for label in under:
        box = label.get_window_extent(renderer)
        assert key.get_window_extent(renderer).y1 < box.y0 and box.y1 < rows.y0
    printed = charts.status_heatmap(report).axes[0]
    assert not any(tick.label1.get_visible() for tick in printed.xaxis.get_major_ticks())


# --- where a line breaks ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "text", "inches", "expected"), [
    # 0.75 in is 54 pt: "26. " about 10 pt and six characters of 6.5 pt 39 pt, a seventh would make 55.5, but 增加值
    # is one word and goes down whole; GDP whole
    ("zh", "26. 海洋产业增加值占GDP比重", 0.75, ["26. 海洋产业", "增加值占GDP比重"]),
    # 0.85 in is 61.2 pt in Liberation Sans (an English chart's face): "4. Provincial agri-tech" about 66 pt, so the
    # word breaks after its hyphen; "tech park revenue /" 59 pt fits, a " GDP" more does not
    ("en", "4. Provincial agri-tech park revenue / GDP", 0.85, ["4. Provincial agri-", "tech park revenue /", "GDP"]),
    ("en", "Innovation and entrepreneurship environment", 0.6, ["Innovation", "and", "entrepreneurship",
                                                               "environment"]),
    # 0.6 in is 43.2 pt: "2020年" about 21 pt and three characters more; the number keeps its unit (158亿元), a
    # closing mark its text (，), the short label stays whole: "为158亿元，需" would be 45 pt, so 需加快 moves whole
    ("zh", "2020年基础值为158亿元，需加快推进", 0.6, ["2020年基础值", "为158亿元，", "需加快推进"]),
])
def test_a_wrapped_label_breaks_between_words_never_inside_one(language, text, inches, expected):
    configure_matplotlib(language)
    assert charts._wrap(text, inches, 6.5, lines=5).split("\n") == expected


@pytest.mark.parametrize(("text", "head", "unit", "expected"), [
    # the unit takes the name's last word along, never a character alone (企业 | 数（家/万人）)
    ("13. 每万人新增注册企业数（家/万人）", "13. 每万人新增注册企业数", "（家/万人）",
     ["13. 每万人新增注册", "企业数（家/万人）"]),
    # a last word too long to go with it: the unit goes down alone, whole (never （万元/ | 人）)
    ("6. 全员劳动生产率（万元/人）", "6. 全员劳动生产率", "（万元/人）", ["6. 全员劳动生产率", "（万元/人）"]),
    ("12. 万人发明专利拥有量（件/万人）", "12. 万人发明专利拥有量", "（件/万人）",  # never （件 | /万人）
     ["12. 万人发明专利", "拥有量（件/万人）"]),
    ("2. R&D经费投入强度（%）", "2. R&D经费投入强度", "（%）", ["2. R&D经费投入", "强度（%）"]),
])
def test_a_unit_in_brackets_goes_down_whole_with_the_names_last_word(text, head, unit, expected):
    configure_matplotlib("zh")
    inches = charts._text_inches(head, 6.5) + 0.02  # the name fits a line, the name with its unit does not
    assert charts._wrap(text, inches, 6.5, lines=3).split("\n") == expected
    # narrower than the name: its words break, the unit stays whole
    lines = charts._wrap(text, inches * 0.6, 6.5, lines=4).split("\n")
    assert len(lines) > 2 and lines[-1].endswith(unit) and "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_label_too_long_for_its_lines_ends_with_an_ellipsis():
    configure_matplotlib("en")
    assert charts._wrap("Innovation and entrepreneurship environment", 0.6, 6.5, lines=2) == "Innovation\nand…"


LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9%]")


def broken_words(wrapped: str, original: str) -> list[str]:
    """Each line break of ``wrapped`` (``original`` wrapped) that stands for no space of the original and has a
    letter, a digit or % on both sides (GD|P, 5|%): inside a word. A break after a hyphen is a word's own."""
    found, at = [], 0
    for index, character in enumerate(wrapped):
        if character != "\n":
            assert original[at] == character, (wrapped, original)
            at += 1
        elif original[at] == " ":
            at += 1  # the space the line broke at
        elif LATIN_OR_DIGIT.match(wrapped[index - 1]) and LATIN_OR_DIGIT.match(wrapped[index + 1]):
            found.append(f"{wrapped[index - 1]}|{wrapped[index + 1]}")
    return found


def test_the_word_checker_sees_a_word_broken():
    assert broken_words("26. 海洋产业增加值占GD\nP比重", "26. 海洋产业增加值占GDP比重") == ["D|P"]
    assert broken_words("26. 海洋产业增加值占\nGDP比重", "26. 海洋产业增加值占GDP比重") == []
    assert broken_words("3. National high-tech\nzone", "3. National high-tech zone") == []
    assert broken_words("3. National high-te\nch zone", "3. National high-tech zone") == ["e|c"]


@pytest.mark.parametrize("name", ["4.省级农业科技园区营收占比", "7.高企数与规上工业企业数比值",
                                  "13.每万人新增注册企业数", "21.研发费用加计扣除减免占研发经费比重"])
@pytest.mark.parametrize("inches", [0.6, 0.9, 1.2])
def test_a_chinese_title_breaks_between_words(name, inches):
    # never 营|收, 企|业, 减|免, 经|费: each line ends where a word does
    words = ("省级", "农业", "科技园区", "营收", "占比", "高企", "规上", "工业", "企业", "比值", "每万人", "新增",
             "注册", "研发", "费用", "加计", "扣除", "减免", "经费", "比重")
    configure_matplotlib("zh")  # measured in the Chinese font, whichever test ran before (alone: DejaVu, no glyphs)
    wrapped = charts._wrap(name, inches, 8, lines=4).rstrip("…")
    assert "\n" in wrapped
    for line, following in zip(wrapped.split("\n"), wrapped.split("\n")[1:]):
        assert not any(word[:i] == line[-i:] and following.startswith(word[i:])
                       for word in words for i in range(1, len(word))), wrapped


@pytest.mark.parametrize("narrow", [False, True])
def test_no_panel_title_breaks_inside_a_word(report, narrow):
    figure = charts.small_multiples(report, narrow=narrow)
    titles = [ax.get_title(loc="left").rsplit("\n", 1)[0] for ax in figure.axes]  # the name, not its status line
    names = [charts._panel_label(row, report.words) for row in charts.completion_rows(report).itertuples()]
    assert len(titles) == len(names) == 25
    assert [(title, broken_words(title, name)) for title, name in zip(titles, names)
            if broken_words(title, name)] == []


# --- ticks -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("ticks", "expected"), [
    ([55.0, 55.1, 55.2, 55.3], ["55", "55.1", "55.2", "55.3"]),  # 1.50 is written 1.5: no 55.0
    ([55.0, 55.15, 55.3], ["55", "55.15", "55.3"]),  # the national plan's card 2 once: 55.00, 55.15, 55.30
    ([2.85, 2.7, 2.55, 2.4], ["2.85", "2.7", "2.55", "2.4"]),  # never 2.70, 2.40
    ([2.5, 2.75, 3.0], ["2.5", "2.75", "3"]),  # never 3.00
    ([89.5, 90.0, 90.5], ["89.5", "90", "90.5"]),  # never 90.0
    ([22.0, 24.0, 26.0], ["22", "24", "26"]),
    ([-0.5, 0.0, 0.5], ["−0.5", "0", "0.5"]),
    ([-1e-17, 0.25], ["0", "0.25"]),  # a locator's zero a little below it: never −0
    ([0.30000000000000004, 0.6000000000000001], ["0.3", "0.6"]),  # a locator's floating-point noise
    ([1500.0, 2400.0], ["1,500", "2,400"]),  # grouped as the text groups them
    ([-1500.0, 0.0, 22400.5], ["−1,500", "0", "22,400.5"]),
    ([24000.0, 24500.0, 25000.0], ["24,000", "24,500", "25,000"]),  # a whole number's zeros are kept
])
def test_ticks_have_no_trailing_zeros(ticks, expected):
    assert charts.FewestDecimals().format_ticks(ticks) == expected
    assert [charts.FewestDecimals()(tick) for tick in ticks if tick] == [text for tick, text in zip(ticks, expected)
                                                                          if tick]


@pytest.mark.parametrize("narrow", [False, True])
def test_the_growth_axis_has_no_trailing_zeros(report, paced, narrow):
    # the example's 2024 phone chart once read 0.00, 0.25, 0.50, 0.75 (percentage points a year), its 2023 paper
    # one −0.2, −0.1, 0.0, 0.1: matplotlib's own labels
    figure = charts.growth_gap_chart(report, narrow=narrow)
    drawn_texts(figure)
    labels = [label.get_text() for ax in figure.axes for label in tick_labels(figure, ax.xaxis)]
    assert labels and [label for label in labels if re.search(r"\.\d*0$|^−?0\.0*$", label)] == []
    assert "0" in labels  # every panel's axis has its zero


def shown_ticks(figure, axis="y") -> list[float]:
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    ax = figure.axes[0]
    low, high = sorted(ax.get_ylim())
    return [t for t in (ax.get_yticks() if axis == "y" else ax.get_xticks()) if low <= t <= high]


def test_a_count_has_whole_number_ticks(example_tables):
    configure_matplotlib("en")
    report = load_report(relative(example_tables), 2024, "en")
    row = report.series_row(15)  # national incubators: 22, 22, 23, 24, 25 against 25 (ticks 22.5, 24, 25.5 once)
    assert row.kind == "count"
    ticks = shown_ticks(charts.card_chart(report, row))
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)
    multiples = charts.small_multiples(report)
    panel = next(ax for ax in multiples.axes if ax.get_title(loc="left").startswith("15."))
    renderer = FigureCanvasAgg(multiples).get_renderer()
    multiples.draw(renderer)
    low, high = sorted(panel.get_ylim())
    assert all(float(t).is_integer() for t in panel.get_yticks() if low <= t <= high)


# --- the cards ---------------------------------------------------------------------------------------------------

def card_rows(report):
    table = report.joined()
    return list(table[table["status"] != "qualitative"].itertuples())


def test_a_dotted_line_against_the_plan_periods_move_is_named_for_the_pace_it_carries_on(report):
    """4 provincial: 3.1 in 2020, 2.7 in 2021, 2.9 in 2022, against 3.3. Its dotted line carries on the pace from the
    2020 baseline, (2.9 − 3.1) ÷ 2 = −0.1 a year, from 2022 to the binding target's year: 2.8 in 2023 at the
    mid-term, 2.7 in 2024 at the final; it falls though its card's note says the series rose since 2021. The chart
    names the line for that pace, under it (the targets lie above), inside the frame, clear of the line of values
    (2021's 2.7 and the rise to 2022): in one line under the final's end; on two at the mid-term, whose line, one
    year long, has the rise just left of it. The national series (2.8 in 2020 and 2021, up every year since) and
    R&D intensity (2) draw no such label."""
    label = {"en": "pace from the 2020 baseline", "zh": "自2020年基础值起算的增速"}[report.language]
    end = {2023: (2023, 2.8), 2024: (2024, 2.7)}[report.report_year]
    for narrow in (False, True):
        figure = charts.card_chart(report, report.series_row(4, "provincial"), narrow=narrow)
        ax = figure.axes[0]
        dotted = [line.get_xydata().tolist() for line in ax.lines if len(line.get_xdata()) == 2
                  and line.get_xdata()[0] == 2022]
        assert len(dotted) == 1 and dotted[0][0] == [2022, 2.9] and dotted[0][1] == pytest.approx(end)
        named = [text for text in ax.texts
                 if text.get_text().replace("\n", " " if report.language == "en" else "") == label]
        assert len(named) == 1
        assert named[0].get_text().count("\n") == (1 if report.report_year == 2023 else 0)
        assert named[0].xyann[1] < 0 and named[0].get_va() == "top"  # under the line
        renderer = FigureCanvasAgg(figure).get_renderer()
        figure.draw(renderer)
        box, frame = named[0].get_window_extent(renderer), ax.bbox
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        values = next(line for line in ax.lines if line.get_xdata().tolist() == [2020, 2021, 2022])
        xy = ax.transData.transform(values.get_xydata())
        along = [a + (b - a) * t for a, b in zip(xy[:-1], xy[1:]) for t in np.linspace(0, 1, 200)]
        assert not [p for p in along if box.x0 <= p[0] <= box.x1 and box.y0 <= p[1] <= box.y1]
    for row in (report.series_row(4, "national"), report.series_row(2)):
        assert not [text for text in charts.card_chart(report, row).axes[0].texts
                    if label in text.get_text().replace("\n", " " if report.language == "en" else "")]



def test_the_word_cards_dotted_line_label_keeps_off_the_years(report):
    """The Word edition draws a card's chart 1.89 by 0.97 inches (printed 1.35 times larger): 4 provincial's label
    found no place inside the frame there and printed over the years under it (2024 .docx p. 14, 2023 p. 16). At
    that size it stays inside the frame, clear of every tick label and of the line of values."""
    from analysis.report.word_content import CARD_CHART

    label = {"en": "pace from the 2020 baseline", "zh": "自2020年基础值起算的增速"}[report.language]
    figure = charts.card_chart(report, report.series_row(4, "provincial"), size=CARD_CHART)
    ax = figure.axes[0]
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    [named] = [text for text in ax.texts
               if text.get_text().replace("\n", " " if report.language == "en" else "") == label]
    box, frame = named.get_window_extent(renderer), ax.bbox
    assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
    hidden = undrawn_tick_labels(figure)
    ticks = [tick for tick in (*ax.get_xticklabels(), *ax.get_yticklabels())
             if tick.get_text() and id(tick) not in hidden]
    assert len(ticks) >= 5 + 2  # the years 2020 to 2024, two values at least
    assert not [tick.get_text() for tick in ticks if box.overlaps(tick.get_window_extent(renderer))]
    values = next(line for line in ax.lines if line.get_xdata().tolist() == [2020, 2021, 2022])
    xy = ax.transData.transform(values.get_xydata())
    along = [a + (b - a) * t for a, b in zip(xy[:-1], xy[1:]) for t in np.linspace(0, 1, 200)]
    assert not [p for p in along if box.x0 <= p[0] <= box.x1 and box.y0 <= p[1] <= box.y1]

@pytest.mark.parametrize("size", ["paper", "phone", "word"])
def test_every_source_number_lies_inside_its_card_figure(report, size):
    """A source's number above its point at the top of the value axis was clipped at the figure's top edge in Word,
    whose card chart is 1.89 by 0.97 inches (5 national's ③, 2024 .docx p. 14): at every size (paper, phone, Word)
    each number, and every other label, lies whole inside the figure."""
    from analysis.report.word_content import CARD_CHART

    for row in card_rows(report):
        figure = charts.card_chart(report, row, **{"paper": {}, "phone": {"narrow": True},
                                                   "word": {"size": CARD_CHART}}[size])
        renderer = FigureCanvasAgg(figure).get_renderer()
        figure.draw(renderer)
        whole = figure.bbox
        for mark in figure.axes[0].texts:
            box = mark.get_window_extent(renderer)
            assert whole.x0 <= box.x0 and box.x1 <= whole.x1 and whole.y0 <= box.y0 and box.y1 <= whole.y1, \
                (row.indicator_id, row.series, mark.get_text(), box.bounds, whole.bounds)


def test_no_source_number_hides_under_a_target_star(report):
    for row in card_rows(report):
        figure = charts.card_chart(report, row)
        renderer = FigureCanvasAgg(figure).get_renderer()
        figure.draw(renderer)
        ax = figure.axes[0]
        scale = figure.dpi / 72
        stars = [ax.transData.transform(xy) for line in ax.lines if line.get_marker() == "*"
                 for xy in line.get_xydata()]
        reach = charts.STAR_SIZE / 2 * scale
        for mark in ax.texts:
            box = mark.get_window_extent(renderer)
            hidden = [(x, y) for x, y in stars if box.x0 < x + reach and x - reach < box.x1
                      and box.y0 < y + reach and y - reach < box.y1]
            assert hidden == [], (row.indicator_id, mark.get_text())
            assert mark.get_zorder() > max(line.get_zorder() for line in ax.lines)


def test_a_phone_card_has_marks_of_ten_pixels_and_numbers_clear_of_every_star(report):
    """A card's chart drawn for a phone, shown the card's width on a 390 px screen: a value's dot 10 px across at
    least (the paper's drawing there made it 7.4 px), a star larger still, its type 10.5 px; a source's number keeps a
    point clear of every star, the star's edge with it (it sat right under a star, and a dashed path crossed it)."""
    for row in card_rows(report):
        figure = charts.card_chart(report, row, narrow=True)
        px = charts.PHONE_CARD_PX / figure.get_figwidth() / 72  # CSS px a point on the phone
        renderer = FigureCanvasAgg(figure).get_renderer()
        figure.draw(renderer)
        ax = figure.axes[0]
        marks = {line.get_marker(): line.get_markersize() * px for line in ax.lines
                 if line.get_marker() not in (None, "None", "")}
        assert marks["o"] >= 10 and marks.get("*", 99) >= 14, (row.indicator_id, marks)
        assert all(mark.get_fontsize() * px >= PHONE_LEAST_PX for mark in ax.texts)
        scale = figure.dpi / 72
        stars = [(ax.transData.transform(xy), (line.get_markersize() / 2 + 0.5 + 1) * scale) for line in ax.lines
                 if line.get_marker() == "*" for xy in line.get_xydata()]
        for mark in ax.texts:
            box = mark.get_window_extent(renderer)
            touching = [(x, y) for (x, y), reach in stars if box.x0 < x + reach and x - reach < box.x1
                        and box.y0 < y + reach and y - reach < box.y1]
            assert touching == [], (row.indicator_id, mark.get_text())
            assert mark.get_path_effects()  # on a white halo


def test_the_number_checker_sees_a_number_under_a_star():
    configure_matplotlib("en")
    figure = charts.Figure(figsize=charts.CARD_SIZE)
    ax = figure.add_axes((0.15, 0.15, 0.8, 0.8))
    ax.plot([2023], [1500], linestyle="", marker="*", markersize=charts.STAR_SIZE)
    ax.set_xlim(2020, 2024)
    ax.set_ylim(600, 1700)
    # above the point 5 points up, the star centred on it reaches 4.75 points up: the number's foot under it
    assert charts._mark_offset(ax, figure, (2023, 1500), [(2023, 1500)], 7) == (pytest.approx(6.25), "bottom")
    # a star well above the point: the number goes above the point as always
    assert charts._mark_offset(ax, figure, (2023, 900), [(2023, 1500)], 7) == (5, "bottom")


def pixel(figure, renderer, ax, point) -> str:
    """The colour drawn at ``point`` (data coordinates) of ``ax``, as #rrggbb."""
    x, y = ax.transData.transform(point)
    rgba = np.asarray(renderer.buffer_rgba())
    return "#{:02x}{:02x}{:02x}".format(*rgba[int(round(figure.bbox.height - y)), int(round(x))][:3])


def test_a_value_just_short_of_its_target_is_drawn_over_the_star(example_tables):
    """High-tech enterprises, 2024: 1,580 against a target of 1,600 (not achieved). The star (9.5 points) drawn over
    the dot (5.3 points) hid it: the card read as the target reached. The dot is drawn over the star, in its status's
    colour at its centre, ringed in white; so in the small multiples."""
    configure_matplotlib("en")
    report = load_report(relative(example_tables), 2024, "en")
    row = report.series_row(10)
    assert (row.latest_value, row.target_value, row.status) == (1580, 1600, "not_achieved")
    colour = charts.STATUS_LINES["not_achieved"]
    figure = charts.card_chart(report, row)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    ax = figure.axes[0]
    star = next(line for line in ax.lines if line.get_marker() == "*")
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    # the dot's centre lies inside the star: 20 enterprises are less than a point apart on the card
    apart = (ax.transData.transform((2024, 1600)) - ax.transData.transform((2024, 1580)))[1] * 72 / figure.dpi
    assert 0 < apart < charts.STAR_SIZE / 4
    assert all(dot.get_zorder() > star.get_zorder() for dot in dots)
    assert pixel(figure, renderer, ax, (2024, 1580)) == colour
    filled = next(dot for dot in dots if 1580 in list(dot.get_ydata()))
    assert filled.get_markeredgecolor() == "white"
    assert filled.get_markersize() - filled.get_markeredgewidth() == pytest.approx(charts.CARD_DOT)

    multiples = charts.small_multiples(report)
    renderer = FigureCanvasAgg(multiples).get_renderer()
    multiples.draw(renderer)
    panel = next(ax for ax in multiples.axes if ax.get_title(loc="left").startswith("10."))
    star = next(line for line in panel.lines if line.get_marker() == "*")
    dot = next(line for line in panel.lines if line.get_marker() == "o")
    assert dot.get_zorder() > star.get_zorder()
    assert pixel(multiples, renderer, panel, (2024, 1580)) == colour


def dash_pattern(line) -> tuple:
    """How a line is drawn: solid, or its dash pattern in points per unit of width with its caps."""
    offset, dashes = line._unscaled_dash_pattern
    return ("solid",) if not dashes else (tuple(round(d, 2) for d in dashes), line.get_dash_capstyle())


def test_each_line_style_of_a_card_is_one_item_of_the_legend(report):
    """The cards' legend (card.legend) names three styles of line besides the course: - - - the straight path to a
    target, ··· the projection, —·— a level held every year. Every card draws only these, each one way (the
    projection once looked dashed, like the path): a style on a card is the legend's item of its name."""
    legend = report.words["card.legend"]
    styles = {"path": dash_pattern(charts.Line2D([], [], **charts.DASHED)),
              "projection": dash_pattern(charts.Line2D([], [], **charts.DOTTED))}
    assert styles["path"] != styles["projection"]
    assert styles["projection"][1] == "round" and styles["projection"][0][0] < 0.5  # dots, not dashes
    assert "- - -" in legend and "···" in legend and "—·—" in legend
    drawn = set()
    for row in card_rows(report):
        figure = charts.card_chart(report, row)
        ax = figure.axes[0]
        for line in ax.lines:
            if line.get_linestyle() in ("None", "", " "):
                continue
            pattern = dash_pattern(line)
            name = {styles["path"]: "path", styles["projection"]: "projection", ("solid",): "course"}.get(pattern)
            assert name is not None, (row.indicator_id, pattern)
            drawn.add(name)
        held = [c for c in ax.collections if c.get_linestyle() and c.get_linestyle()[0][1]]
        drawn |= {"held"} if held and row.direction in ("at_least", "at_most") else set()
    assert {"course", "path"} <= drawn


# --- a phone and paper: type size, whole labels, no orphans ------------------------------------------------------

#: CSS px: the width a 390 px phone shows a chart at (report.css: main.report's padding, 0.6rem each side).
PHONE_IMAGE_PX = 390 - 2 * 0.6 * 16
#: CSS px: the least type of a phone's chart, as an em; its ink (a Chinese character, a capital with a descender) is
#: some 0.85 em high: about 9 px.
PHONE_LEAST_PX = 10.5
#: points: the least type of a printed chart (the A4 column prints it at 97%).
PAPER_LEAST_PT = 7.0


def px_at_390(figure, points: float) -> float:
    """How high ``points`` of type are on a 390 px phone: the PNG is the figure's inches at its DPI, drawn
    :data:`PHONE_IMAGE_PX` wide; a point is DPI/72 of its pixels."""
    png_px = figure.get_figwidth() * figures.DPI
    return points * figures.DPI / 72 * PHONE_IMAGE_PX / png_px


def small_type(figure, least: float, size=lambda figure, points: points) -> list[tuple[str, float]]:
    """The drawn texts of ``figure`` whose type is smaller than ``least`` (in the unit ``size`` gives)."""
    _, texts = drawn_texts(figure)
    return [(text.get_text(), round(size(figure, text.get_fontsize()), 1)) for text in texts
            if size(figure, text.get_fontsize()) < least]


def test_the_size_checks_see_small_type():
    configure_matplotlib("en")
    figure = charts.Figure(figsize=(charts.NARROW_WIDTH, 2))
    figure.text(0.1, 0.5, "On tr.", fontsize=6)  # the old heat map's cells: 6 points of 4 inches at 371 px
    figure.text(0.1, 0.2, "Ach.", fontsize=charts.PHONE_TEXT)
    assert small_type(figure, PHONE_LEAST_PX, px_at_390) == [("On tr.", 7.7)]
    assert px_at_390(figure, 6) == pytest.approx(charts.phone_px(6))
    wide = charts.Figure(figsize=(charts.WIDTH, 2))  # a wide chart on a phone: 6 points are 4.3 px
    assert px_at_390(wide, 6) == pytest.approx(4.3, abs=0.05)


@pytest.mark.parametrize("chart", list(NARROW))
def test_every_text_of_a_phone_chart_reads_at_390_px(report, chart, paced):
    figure = NARROW[chart](report, narrow=True)
    if figure is None:
        pytest.skip(f"no {chart} chart in this report")
    assert small_type(figure, PHONE_LEAST_PX, px_at_390) == []


@pytest.mark.parametrize("chart", list(NARROW))
def test_every_text_of_a_printed_chart_is_seven_points_at_least(report, chart, paced):
    figure = NARROW[chart](report)
    if figure is None:
        pytest.skip(f"no {chart} chart in this report")
    assert small_type(figure, PAPER_LEAST_PT) == []


def one_character_lines(text: str) -> list[str]:
    """The lines of a text on several that hold one character alone (天数比|例); an arrow at a value beyond the
    axis stands over its number by design (◀ above −100% on a phone's short bar)."""
    lines = text.split("\n")
    return [line for line in lines if len(lines) > 1 and len(line.strip()) == 1 and line.strip() not in "▶◀"]


@pytest.mark.parametrize("chart", list(NARROW))
@pytest.mark.parametrize("narrow", [False, True])
def test_no_label_is_cut_none_leaves_a_character_alone_or_breaks_a_word(report, chart, narrow, paced):
    figure = NARROW[chart](report, narrow=narrow)
    if figure is None:
        pytest.skip(f"no {chart} chart in this report")
    _, texts = drawn_texts(figure)
    shown = [text.get_text() for text in texts]
    assert [text for text in shown if "…" in text] == []  # every name of the example wraps whole
    assert [(text, one_character_lines(text)) for text in shown if one_character_lines(text)] == []
    rows = list(charts.completion_rows(report).itertuples())
    # a row's label (its name) or a panel's title (its name and its unit)
    names = [charts._panel_label(row, report.words) for row in rows] + [charts._label(row, report.language)
                                                                         for row in rows]
    checked = 0
    for text in shown:  # a row's label or a panel's title: its name, broken between words only
        for name in names:
            wrapped = wrapped_prefix(text, name)
            if wrapped is not None and "\n" in wrapped.rstrip("\n"):
                assert broken_words(wrapped.rstrip("\n"), name) == [], (wrapped, name)
                checked += 1
    assert checked or not (narrow and chart == "completion")  # a phone's labels wrap: some are checked


def wrapped_prefix(text: str, original: str) -> str | None:
    """The start of ``text`` that is ``original`` wrapped (a space turned into a line break, or a break added),
    or None when ``text`` does not start with ``original``."""
    at = 0
    for character in original:
        if at < len(text) and text[at] == "\n" and character != " ":
            at += 1  # a break where the original has none
        if at < len(text) and (text[at] == character or (character == " " and text[at] == "\n")):
            at += 1
        else:
            return None
    return text[:at]


@pytest.mark.parametrize(("text", "size", "orphan"), [
    ("13. 每万人新增注册企业数", 6.5, "数"),  # a panel's title: its last word 数 of one character
    ("10. 高新技术企业数", 7.5, "数"),
])
def test_a_wrapped_label_never_leaves_one_character_alone(text, size, orphan):
    configure_matplotlib("zh")
    inches = charts._text_inches(text[:-1], size) + 0.01  # all but the last character fits a line
    greedy = []  # what filling each line first would give: the orphan the rule is for
    for piece, before in charts._pieces(text):
        if greedy and charts._text_inches(greedy[-1] + before + piece, size) <= inches:
            greedy[-1] += before + piece
        else:
            greedy.append(piece)
    # the last character goes with its word as a piece already (企业数, 企业数), so no line can hold it alone
    assert greedy[-1].endswith(orphan) and len(greedy[-1]) > 1
    wrapped = charts._wrap(text, inches, size, lines=3).split("\n")
    assert "".join(wrapped) == text and len(wrapped) == 2
    assert len(wrapped[-1]) > 1 and wrapped[-1].endswith(orphan)  # the word before it goes down with it (企业|数)
    assert all(charts._text_inches(line, size) <= inches for line in wrapped)


def test_a_small_multiple_tick_label_keeps_off_the_frame(report):
    """The lowest value tick once sat on the panel's bottom edge (1.6 in panel 20, 64 in panel 5 provincial), half
    over the years' axis: every value tick is half a label and more inside its panel."""
    for narrow in (False, True):
        figure = charts.small_multiples(report, narrow=narrow)
        renderer = FigureCanvasAgg(figure).get_renderer()
        figure.draw(renderer)
        for ax in figure.axes:
            frame = ax.get_window_extent(renderer)
            for label in tick_labels(figure, ax.yaxis):
                box = label.get_window_extent(renderer)
                assert frame.y0 + 1 < box.y0 and box.y1 < frame.y1 + 1, (ax.get_title(loc="left"), label.get_text())


# --- the completion chart's legend: the marks it draws ------------------------------------------------------------

@pytest.fixture(scope="module")
def national_tables(project_tmp):
    """The national 12th Five-Year plan's tables with its values as collected: indicators 2 and 10 have no base
    value, so their completion is a diamond."""
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from tests.conftest import FIXTURES, NATIONAL_DIR

    folder = project_tmp / "chart-national" / "national-12th-fyp"
    folder.mkdir(parents=True)
    for name, data in build_tables(load_plan(NATIONAL_DIR), "eurostat",
                                   FIXTURES / "national-12th-fyp-2021").files().items():
        (folder / name).write_bytes(data)
    return folder


def drawn_marks(figure, report) -> dict[str, set]:
    """What a completion chart draws, read off the figure: the series shown as bars, as diamonds (each with the text
    beside it), and whether a time-elapsed mark is drawn."""
    ax = figure.axes[0]
    labels = [label.get_text().replace("\n", "") for label in ax.get_yticklabels()]
    ids = [int(label.split(".")[0]) for label in labels]
    rows = list(ax.get_yticks())  # each row's middle (a row with a label on two lines is taller)

    def at(y):
        return ids[min(range(len(rows)), key=lambda index: abs(rows[index] - y))]

    bars = {at(bar.get_y() + bar.get_height() / 2) for bar in ax.patches if bar.get_width()}
    diamonds = {at(y) for collection in ax.collections for _, y in collection.get_offsets()}
    timed = any(len(line.get_ydata()) == 2 and abs(line.get_ydata()[1] - line.get_ydata()[0] - 0.76) < 1e-9
                for line in ax.lines)  # a bar's time-elapsed mark, not the 0% and 100% rules across the axes
    return {"bars": bars, "diamonds": diamonds, "timed": timed}


def legend_texts(figure) -> list[str]:
    """The legend's items, unwrapped: a line break between two Latin words a space, else nothing (Chinese)."""
    return [re.sub(r"(?<=[A-Za-z,;:])\n(?=[A-Za-z(])", " ", text.get_text()).replace("\n", "")
            for legend in figure.legends for text in legend.get_texts()]


@pytest.mark.parametrize("narrow", [False, True])
@pytest.mark.parametrize(("plan", "year", "language", "cases"), [
    # 17 (≥90% every year) and 18 (≥5% every year), each at its worst year missed
    ("example", 2024, "zh", ["每年须达到的目标，有未达到年份的取最差一年"]),
    ("example", 2024, "en", ["targets to hold every year: in the worst year missed, if any"]),
    ("national", 2015, "zh", ["无基础值的指标"]),  # 2 and 10: no base value
    ("national", 2015, "en", ["no base value"]),
])
def test_the_completion_legend_names_the_marks_it_draws(example_tables, national_tables, plan, year, language, cases,
                                                        narrow):
    configure_matplotlib(language)
    report = load_report(relative(example_tables if plan == "example" else national_tables), year, language)
    words = report.words
    figure = charts.completion_chart(report, narrow=narrow)
    marks = drawn_marks(figure, report)
    legend = legend_texts(figure)
    diamond = [text for text in legend if text.startswith(words["chart.level"].split("{")[0])]
    if plan == "example":  # the baseline of 7, 9 and 13 (2021) met the targets; their completion runs from 2020
        assert {17, 18} == marks["diamonds"] and {7, 9, 13} <= marks["bars"]
        shown = {text.replace("\n", "" if language == "zh" else " ") for ax in figure.axes for text in
                 (t.get_text() for t in ax.texts)}
        assert {"每年≥90%", "每年≥5%（2023年未达到）"} <= shown if language == "zh" else \
            {"≥90% every year", "≥5% every year (missed in 2023)"} <= shown
    else:
        assert marks["diamonds"] == {2, 10}
    # one item for the diamonds, naming exactly why they are diamonds; the time-elapsed mark only when drawn
    assert diamond == [words.text("chart.level", cases=cases[0])]
    assert (words["chart.time"] in legend) == marks["timed"]


def texts_of(figure) -> list[str]:
    return [text.get_text().replace("\n", " ") for ax in figure.axes for text in ax.texts]


def test_a_card_without_any_value_draws_no_chart():
    """National indicators 4, 6, 7, 8 and 9 have a 2015 target and no value at all (no baseline printed, none
    published: data/raw/national-12th-fyp/README.md): their chart would be a lone star. 3 (R&D intensity) has
    baselines and actual values: it has one."""
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from analysis.report.context import report_context
    from tests.conftest import NATIONAL_DIR

    report = report_context(build_tables(load_plan(NATIONAL_DIR), "eurostat", NATIONAL_PUBLISHED), 2015, "zh")
    drawn = {row.indicator_id: charts.card_chart(report, row) is not None for row in report.joined().itertuples()
             if row.status != "qualitative"}
    assert [number for number, has_chart in drawn.items() if not has_chart] == [4, 6, 7, 8, 9]
    pictures = figures.Figures(report)
    assert pictures["card-4"] is None and pictures["card-3"] is not None


def test_a_revised_baseline_is_drawn_once_as_the_published_value():
    """National R&D intensity (3): the plan printed 1.75 for 2010, the published 1.84 replaced it (the card's table
    says 1.84): the chart marks 2010 once, at 1.84, a filled dot numbered by its source, not also an open 1.75."""
    from matplotlib.colors import to_rgba

    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from analysis.report.context import report_context
    from tests.conftest import NATIONAL_DIR

    report = report_context(build_tables(load_plan(NATIONAL_DIR), "eurostat", NATIONAL_PUBLISHED), 2015, "zh")
    figure = charts.card_chart(report, report.series_row(3))
    marks = [(list(line.get_xdata()), list(line.get_ydata()), to_rgba(line.get_markerfacecolor()) == to_rgba("white"))
             for line in figure.axes[0].get_lines() if line.get_marker() == "o"]
    assert not [x for xs, _, hollow in marks if hollow for x in xs if x == 2010]
    assert [(x, y) for xs, ys, hollow in marks if not hollow for x, y in zip(xs, ys) if x == 2010] == [(2010, 1.84)]


def test_a_small_difference_is_not_drawn_as_a_large_one():
    """National indicator 2: one value, 55.3 in 2015, beside its target of 55. Its card's axis ran 55.0–55.3 (ticks
    55, 55.15, 55.3), the 0.3 between them the height of the chart; it now spans 5% of the value at least (2.765 and
    more), as does its small multiple's. R&D intensity (3: 1.84 in 2010 to 2.2) spans more already: its axis is the
    data's with matplotlib's margins of 18% (1.84 − 0.0648 to 2.2 + 0.0648)."""
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from analysis.report.context import report_context
    from tests.conftest import NATIONAL_DIR

    configure_matplotlib("zh")
    report = report_context(build_tables(load_plan(NATIONAL_DIR), "eurostat", NATIONAL_PUBLISHED), 2015, "zh")
    card = charts.card_chart(report, report.series_row(2)).axes[0]
    multiples = charts.small_multiples(report)
    panel = next(ax for ax in multiples.axes if ax.get_title(loc="left").startswith("2."))
    for ax in (card, panel):
        low, high = sorted(ax.get_ylim())
        assert low < 55.0 and high > 55.3 and high - low >= 0.05 * 55.3
    assert sorted(charts.card_chart(report, report.series_row(3)).axes[0].get_ylim()) == pytest.approx(
        [1.84 - 0.0648, 2.2 + 0.0648])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_word_of_a_printed_heat_map_fits_its_cell(language):
    """The national plan's five report years (2011–2015): "Not achieved" and "Already met" in cells a fifth of 40% of
    the page wide ran over their edges ("lot achieved"); each cell's words now lie inside it."""
    configure_matplotlib(language)
    context = load_report("data/processed/national-12th-fyp", 2015, language)
    figure = charts.status_heatmap(context)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    ax = figure.axes[0]
    columns = len(ax.get_xticks())
    cell = ax.get_window_extent(renderer).width / columns
    words = [text for text in ax.texts if text.get_text().strip()]
    assert columns == 5 and any("\n" not in t.get_text() and len(t.get_text()) > {"en": 6}.get(language, 2)
                                for t in words)
    assert not [t.get_text() for t in words if t.get_window_extent(renderer).width > cell - 2]


def test_a_value_on_the_axis_end_gets_no_arrow_past_it():
    """Provincial agri-tech parks (4): (2.9 − 3.1) / (3.3 − 3.1) = −100%, the completion axis's left end, computed
    as −1.0000000000000022: its bar ends there, and no "◀ −100%" says it runs further; −120% does."""
    import matplotlib.pyplot as plt

    from analysis.report.charts import _edge_mark

    figure, ax = plt.subplots()
    try:
        _edge_mark(ax, 0, (2.9 - 3.1) / (3.3 - 3.1), -1.0, 2.0, "−100%")
        assert list(ax.texts) == []
        _edge_mark(ax, 1, -1.2, -1.0, 2.0, "−120%")
        assert [text.get_text() for text in ax.texts] == ["◀ −120%"]
    finally:
        plt.close(figure)


@pytest.mark.parametrize(("name", "unit"), [("1. R&D personnel", "(persons)"),
                                             ("6. Labour productivity", "(10,000 yuan per worker)")])
def test_an_english_panel_title_keeps_its_unit_whole_on_a_line_of_its_own(name, unit):
    # never "1. R&D" / "personnel (persons)" where the name fits a line, nor "(10,000 yuan per" / "worker)"
    configure_matplotlib("en")
    inches = max(charts._text_inches(name, 7), charts._text_inches(unit, 7)) + 0.02
    assert charts._title_with_unit(f"{name} {unit}", inches, 7).split("\n") == [name, unit]
    # room for both on one line: one line
    wide = charts._text_inches(f"{name} {unit}", 7) + 0.02
    assert charts._title_with_unit(f"{name} {unit}", wide, 7) == f"{name} {unit}"


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("narrow", [False, True])
def test_the_growth_values_of_neighbouring_rows_stand_clear_of_each_other(example_tables, language, narrow):
    """2022's example: 12 seen +8.9 a row above 15 needed +8.7, the two labels at one x (+8.9 under its marker, +8.7
    over the next); at 0.38 in a row they overlapped."""
    configure_matplotlib(language)
    figure = charts.growth_gap_chart(load_report(relative(example_tables), 2022, language), narrow=narrow)
    renderer, _ = drawn_texts(figure)
    for ax in figure.axes:
        values = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]
        shares = "points" in ax.get_xlabel() or "百分点" in ax.get_xlabel()
        assert shares or {"+8.9", "+8.7"} <= {text for text, _ in values}
        clashes = [(a, b) for i, (a, box) in enumerate(values) for b, other in values[i + 1:] if box.overlaps(other)]
        assert clashes == []


def test_a_completion_label_on_two_lines_heightens_its_own_row_only(example_tables):
    """The final English chart sets 4 provincial's label and 21's on two lines, each with its value's year
    ("…revenue / GDP (2022 value)"): every one of its 25 rows was as tall as those two (0.31 inch: two lines of 7.5
    points, 1.2 apart, and 0.06 to spare), the chart 1.6 inches taller than the mid-term's, too tall for the foot of
    the page before it, which it left blank. Those two rows are 0.31 inch, the 23 others 0.24 as ever: 6.14 inches
    of rows (7.75 before), each bar at its row's middle."""
    configure_matplotlib("en")
    figure = charts.completion_chart(load_report(relative(example_tables), 2024, "en"))
    ax = figure.axes[0]
    rows = ax.get_position().height * figure.get_figheight()  # the axes' height, in inches
    assert rows == pytest.approx(23 * 0.24 + 2 * 0.31, abs=0.01)
    labels = [label.get_text() for label in ax.get_yticklabels()]
    ticks = list(ax.get_yticks())
    tall = [index for index, label in enumerate(labels) if "\n" in label]
    assert [labels[index].split(".")[0] for index in tall] == ["21", "4"]  # drawn from the bottom up
    # a tall row is 0.31 / 0.24 of a usual one: its middle that much further from its neighbours', half each side
    for index in tall:
        assert ticks[index] - ticks[index - 1] == pytest.approx(0.5 + 0.31 / 0.24 / 2)
    assert ticks[1] - ticks[0] == pytest.approx(1)  # 26 and 25, two usual rows


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("narrow", [False, True])
def test_the_two_values_of_a_growth_row_stand_side_by_side_never_one_over_the_other(example_tables, language,
                                                                                     narrow):
    """2022's example, 4 national: +0.05 seen and +0.1 needed, their markers 0.05 apart, each value centred on its
    marker: +0.1 over +0.05, the one across the other's marker. Every row's two values span no common width of the
    chart: side by side where their markers are close (the lower's to the left), each over its own marker where
    there is room."""
    configure_matplotlib(language)
    figure = charts.growth_gap_chart(load_report(relative(example_tables), 2022, language), narrow=narrow)
    renderer, _ = drawn_texts(figure)
    pairs = 0
    for ax in figure.axes:
        rows: dict[float, list] = {}
        for text in ax.texts:
            rows.setdefault(text.xy[1], []).append((text.get_text(), text.get_window_extent(renderer)))
        for values in rows.values():
            pairs += len(values) == 2
            across = [(a, b) for i, (a, box) in enumerate(values) for b, other in values[i + 1:]
                      if box.x0 < other.x1 and other.x0 < box.x1]
            assert across == []
        shares = "points" in ax.get_xlabel() or "百分点" in ax.get_xlabel()
        if shares:  # 4 national: +0.05 left of +0.1
            [(low, low_box), (high, high_box)] = next(values for values in rows.values()
                                                      if {text for text, _ in values} == {"+0.05", "+0.1"})
            boxes_ = dict([(low, low_box), (high, high_box)])
            assert boxes_["+0.05"].x1 <= boxes_["+0.1"].x0
    assert pairs >= 10  # 12 lagging series, 2 with a value beyond the axis (an edge mark)


@pytest.mark.parametrize(("xs", "texts"), [((0.05, 0.1), ("+0.05", "+0.1")), ((0.3, 0.3), ("+0.3", "+0.3")),
                                           ((2.0, -1.0), ("+2.0", "−1.0")), ((0.0, 60.0), ("+0.0", "+60.0"))])
def test_two_values_of_a_growth_row_are_placed_apart_whatever_they_are(xs, texts):
    """Two values at any distance (equal, reversed, far apart), 30 points a unit: their labels' extents, measured as
    drawn at 7.5 points, do not meet."""
    configure_matplotlib("en")
    spans = []
    for (x, dx, ha), text in zip(charts._value_places(list(xs), list(texts), 7.5, 30.0), texts):
        width = charts._text_inches(text, 7.5) * 72
        start = x * 30 + dx - {"center": width / 2, "right": width, "left": 0}[ha]
        spans.append((start, start + width))
    (a0, a1), (b0, b1) = spans
    assert a1 <= b0 or b1 <= a0, spans


def test_a_phone_completion_charts_status_is_never_cut(example_tables):
    """The 2022 English phone chart cut a status to "Moderate progress (needs to…" (four lines in a badge of three):
    a status too long for the badge is written in its brief words there, which the legend below names in full in the
    same colour; no text of the chart is cut with "…"."""
    configure_matplotlib("en")
    figure = charts.completion_chart(load_report(relative(example_tables), 2022, "en"), narrow=True)
    _, texts = drawn_texts(figure)
    shown = [text.get_text() for text in texts]
    assert [text for text in shown if "…" in text] == []
    assert "Moderate\nprogress" in shown and "Insufficient\nprogress" in shown and "On track" in shown
    assert "Moderate progress (needs to accelerate)" in [text.get_text() for text in figure.legends[0].get_texts()]
    assert outside(figure) == []


@pytest.mark.parametrize("chart", ["heatmap", "multiples"])
def test_a_phones_heat_map_and_small_multiples_read_at_390_px(report, chart):
    """On a 390 px phone the heat map's cells and the small multiples' panels, drawn in 8.5 points (10.9 px) and two
    panels a row (each some 1.5 inches of a 4-inch figure), were too small to read: every text is 10 points at least,
    12.9 px; the small multiples one panel a row, its axes three quarters of the screen's width and more, each with
    its years under it (the last row's are a long scroll away)."""
    figure = NARROW[chart](report, narrow=True)
    assert small_type(figure, 12.5, px_at_390) == []
    if chart == "multiples":
        lefts = {round(ax.get_position().x0, 3) for ax in figure.axes}
        assert len(lefts) == 1 and all(ax.get_position().width >= 0.75 for ax in figure.axes)
        _, texts = drawn_texts(figure)
        years = [text.get_text() for text in texts if text.get_text() in ("2020", "2024")]
        assert years.count("2020") == years.count("2024") == len(figure.axes) == 25


@pytest.mark.parametrize(("name", "unit"), [("6. 全员劳动生产率", "（万元/人）"), ("11. 科技型中小企业", "（家）")])
def test_a_chinese_panel_title_breaks_before_its_unit_never_inside_the_name(name, unit):
    # room for the name on a line, and for its last word with the unit: "6. 全员劳动生产率" / "（万元/人）", never
    # "6. 全员" / "劳动生产率（万元/人）", which breaks the term 全员劳动生产率 (likewise 科技型 | 中小企业)
    configure_matplotlib("zh")
    last = {"6. 全员劳动生产率": "劳动生产率", "11. 科技型中小企业": "中小企业"}[name]
    inches = max(charts._text_inches(name, 7), charts._text_inches(last + unit, 7)) + 0.02
    assert charts._title_with_unit(name + unit, inches, 7).split("\n") == [name, unit]


def test_the_small_multiples_titles_keep_each_term_whole(example_tables):
    """The final zh report's panels 5, 6 and 11 (p. 9): the name whole where it fits a line, the unit after it or on a
    line of its own (never 国家级科技创新 | 基地（个）, 全员 | 劳动生产率（万元/人）, 科技型 | 中小企业（家）)."""
    configure_matplotlib("zh")
    figure = charts.small_multiples(load_report(relative(example_tables), 2024, "zh"))
    titles = [ax.get_title(loc="left").split("\n")[:-1] for ax in figure.axes]  # the name, not its status line
    assert ["6. 全员劳动生产率", "（万元/人）"] in titles
    assert ["11. 科技型中小企业", "（家）"] in titles
    assert ["5. 国家级科技创新基地", "（个）"] in titles



def _marks_in_2024(ax, renderer, marker: str) -> list[tuple[np.ndarray, float]]:
    """Where a panel draws its ``marker`` marks for 2024, in pixels, each with its reach from its centre (half its
    size and half its edge)."""
    scale = ax.figure.dpi / 72
    found = []
    for line in ax.lines:
        if line.get_marker() == marker and line.get_visible():
            reach = (line.get_markersize() + line.get_markeredgewidth()) / 2 * scale
            found += [(line.get_transform().transform(point), reach) for point in line.get_xydata() if point[0] == 2024]
    return found


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("narrow", [False, True])
def test_a_target_just_missed_sits_on_its_year_and_reads_apart_from_a_target_met(example_tables, language, narrow):
    """The final report's panels 8 (41.8 against 42), 10 (1,580 against 1,600) and 16 (158 against 160): a star on
    the 2024 dot read as met; drawn 6 points to the right of the year instead, it looked like no year's (20's 2024
    star past the axis' end). Every star sits on its year, inside its panel; a target missed is hollow (white inside)
    and larger than the 2024 dot over it, one met (15's 25 against 25) filled; the legend names both."""
    configure_matplotlib(language)
    words = catalog(language)
    figure = charts.small_multiples(load_report(relative(example_tables), 2024, language), narrow=narrow)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    panels = {ax.get_title(loc="left").split(".")[0]: ax for ax in figure.axes if ax.get_title(loc="left")}
    for number in ("8", "10", "16"):
        [(star, star_reach)] = _marks_in_2024(panels[number], renderer, "*")
        [(dot, dot_reach)] = _marks_in_2024(panels[number], renderer, "o")
        assert abs(star[0] - dot[0]) < 0.5, number  # the same year, the same place across
        [hollow] = [line for line in panels[number].lines if line.get_marker() == "*" and 2024 in line.get_xdata()]
        assert to_hex(hollow.get_markerfacecolor()) == "#ffffff", number
        assert star_reach > dot_reach, number
    [(star, _)] = _marks_in_2024(panels["15"], renderer, "*")
    [(dot, _)] = _marks_in_2024(panels["15"], renderer, "o")
    assert np.hypot(*(star - dot)) < 1
    [met] = [line for line in panels["15"].lines if line.get_marker() == "*" and 2024 in line.get_xdata()]
    assert to_hex(met.get_markerfacecolor()) == "#212121"
    for number, ax in panels.items():  # 20's 2024 star inside its panel's frame, as every other
        box = ax.get_window_extent(renderer)
        for point, _ in _marks_in_2024(ax, renderer, "*"):
            assert box.x0 <= point[0] <= box.x1, number
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert words["chart.target"] in legend and words["chart.target_missed"] in legend


@pytest.mark.parametrize(("language", "title"), [("zh", "4. 省级农业科技园区"), ("en", "4. Provincial agri-tech")])
@pytest.mark.parametrize("year", [2024, 2023])
def test_a_target_without_its_years_value_is_drawn_neither_met_nor_missed(example_tables, language, title, year):
    """4 provincial has no value after 2022: its 2023 and 2024 targets were filled stars, as a target met, in a key
    that names a hollow star "a target the year's value missed". A target due by the report year without a value of
    its year is hollow and grey, and the key names it; a target met stays filled, one to come (the mid-term's 2024)
    too."""
    configure_matplotlib(language)
    words = catalog(language)
    figure = charts.small_multiples(load_report(relative(example_tables), year, language))
    [panel] = [ax for ax in figure.axes if ax.get_title(loc="left").startswith(title)]
    stars = {(int(x), to_hex(line.get_markerfacecolor()), to_hex(line.get_markeredgecolor()))
             for line in panel.lines if line.get_marker() == "*" for x in line.get_xdata()}
    expected = {2023: ("#ffffff", "#757575"), 2024: ("#ffffff", "#757575") if year == 2024 else ("#212121", "#212121")}
    assert stars == {(x, face, edge) for x, (face, edge) in expected.items()}
    # 15's 25 against 25 in 2024, met: filled
    [met] = [ax for ax in figure.axes if ax.get_title(loc="left").startswith("15.")]
    assert {to_hex(line.get_markerfacecolor()) for line in met.lines if line.get_marker() == "*"
            and 2024 in line.get_xdata()} == {"#212121"}
    legend = {text.get_text(): handle for text, handle in zip(figure.legends[0].get_texts(),
                                                               figure.legends[0].legend_handles)}
    assert to_hex(legend[words["chart.target_unjudged"]].get_markeredgecolor()) == "#757575"
    assert to_hex(legend[words["chart.target_unjudged"]].get_markerfacecolor()) == "#ffffff"


def _badges_by_row(figure) -> dict[str, str]:
    """The completion chart's badge beside each row: its label's number (and series) → the badge's words."""
    ax = figure.axes[0]
    rows = {round(y, 3): label.get_text().split("\n")[0] for y, label in zip(ax.get_yticks(), ax.get_yticklabels())}
    return {rows[round(text.xy[1], 3)]: text.get_text() for text in ax.texts
            if getattr(text, "xycoords", None) == ("axes fraction", "data")}


def test_a_stage_target_met_on_the_warning_list_is_marked_so_on_the_completion_chart(example_tables):
    """The mid-term zh chart: 14 (S&T service institutions) and 21 (R&D super-deduction) met their 2023 interim targets,
    green bars past 100%, but at a pace short of the 2024 targets they are amber on the warning list: each badge
    carries the mark, its bar an amber edge, the key says what the mark means; no other row is marked."""
    configure_matplotlib("zh")
    words = catalog("zh")
    figure = charts.completion_chart(load_report(relative(example_tables), 2023, "zh"))
    mark = words["chart.amber_mark"]
    marked = sorted(row.split(".")[0] for row, badge in _badges_by_row(figure).items() if badge.endswith(mark))
    assert marked == ["14", "21"]
    edged = [patch for patch in figure.axes[0].patches
             if patch.get_linewidth() > 1 and to_hex(patch.get_edgecolor()) == LEVEL_COLOURS["amber"][0]]
    assert len(edged) == 2
    assert words.text("chart.amber_key", mark=mark) in [text.get_text() for text in figure.legends[0].get_texts()]


@pytest.mark.parametrize(("language", "year"), [("en", 2024), ("zh", 2023)])
def test_the_completion_axis_says_what_its_diamonds_are_on_lines_apart(example_tables, language, year):
    """17 and 18 (levels held every year) are diamonds at value ÷ target on an axis titled "Distance covered": the
    axis title says what the diamonds are, their rows on a ground of their own; the title's lines apart (the mid-term
    zh's two lines touched at matplotlib's 1.2) and in Chinese "已完成基础值至目标值差距的比例"."""
    configure_matplotlib(language)
    words = catalog(language)
    figure = charts.completion_chart(load_report(relative(example_tables), year, language))
    ax = figure.axes[0]
    label = ax.xaxis.get_label()
    assert label.get_text().split("\n")[-1] == words["chart.completion_x_level"]
    assert label.get_linespacing() >= 1.35
    if language == "zh":
        assert "已完成基础值至对照目标差距的比例" in label.get_text()
        assert "距离已完成" not in label.get_text()
    grounds = [patch for patch in ax.patches if to_hex(patch.get_facecolor()) == charts.LEVEL_GROUND]
    assert len(grounds) == 2  # 17 and 18


def test_the_heat_maps_key_is_eight_points_printed_on_lines_apart(example_tables):
    """The final zh heat map's key (p. 8) was 7 points drawn, 6.8 printed (the figure at 97%), its lines touching:
    8 points at least as printed (1,080 pixels at 150 dpi on a column of 7.0 inches), lines 1.35 ems apart."""
    configure_matplotlib("zh")
    figure = charts.status_heatmap(load_report(relative(example_tables), 2024, "zh"))
    [key] = [text for text in figure.texts if "颜色" in text.get_text()]
    assert key.get_fontsize() * 7.0 / 7.2 >= 8 and key.get_linespacing() >= 1.35

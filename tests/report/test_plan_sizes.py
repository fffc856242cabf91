"""A plan of any size: every section, chart, Word edition and workbook for a plan of 1, 5 or 60 numeric series,
before any actual value and with some; a chart whose series fill more than a page comes in parts, each a
page at most."""
from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook
from PIL import Image

from analysis.plan import load_plan
from analysis.publish.data import build_data
from analysis.report import charts as charts_module
from analysis.report.charts import PAGE_ROWS
from analysis.report.editions import SECTIONS, open_report
from analysis.report.figures import DPI
from tests.conftest import relative
from tests.support.line_breaks import unmarked
from tests.support.plans import write_typed_plan

#: An A4 page's text column is 297 − 2 × 18 mm = 10.3 inches high: no figure may be taller.
PAGE_HEIGHT = 10.3


@pytest.fixture(scope="module")
def plans(project_tmp):
    """Processed tables of typed plans of 1, 5 and 60 series with actuals to 2025, and of 5 with none."""
    made = {}
    for n, observed in ((1, 2025), (5, 2025), (60, 2025), (5, None)):
        name = f"size{n}-{'none' if observed is None else 'some'}"
        plan = load_plan(write_typed_plan(project_tmp / "sized" / name, n, name=name, observed_to=observed))
        written, _ = build_data(plan, project_tmp / "sized-processed", "eurostat")
        made[(n, observed)] = written[0].parent
    return made


@pytest.mark.parametrize(("n", "observed", "year", "language"), [
    (1, 2025, 2025, "zh"), (1, 2025, 2027, "en"), (5, 2025, 2025, "en"), (5, None, 2025, "zh"),
    (5, None, 2027, "en"), (60, 2025, 2027, "zh"),
])
def test_every_edition_of_a_plan_of_any_size(plans, project_tmp, n, observed, year, language):
    report = open_report(relative(plans[(n, observed)]), year, language)
    pages = {section: unmarked(report.html(section)) for section in SECTIONS if section != "method"}
    for number in (1, n):
        name = f"指标{number}" if language == "zh" else f"Indicator {number}"
        assert name in pages["scorecard"] and name in pages["cards"], (number, name)
    folder = project_tmp / "sized-editions" / f"{n}-{observed}-{year}-{language}"
    folder.mkdir(parents=True)
    with zipfile.ZipFile(report.write_word(relative(folder))) as document:
        assert "word/document.xml" in document.namelist()
    workbook = load_workbook(report.write_workbook(relative(folder)))
    scorecard = workbook.worksheets[2]
    ids = [row[0] for row in scorecard.iter_rows(min_row=2, values_only=True) if isinstance(row[0], int)]
    assert ids == list(range(1, n + 1))


def test_a_chart_whose_series_fill_more_than_a_page_comes_in_parts_each_a_page_at_most(plans):
    report = open_report(relative(plans[(60, 2025)]), 2027, "en")
    names = report.figures.names
    charts = [name for name in names if not name.startswith("card-")]
    lagging = len(report.figures.parts("growth"))
    # 60 series: the completion chart 32 + 28, the heat map 40 + 20, the small multiples 25 + 25 + 10
    assert charts == ["completion", "completion-2", "heatmap", "heatmap-2",
                      *(["growth"] + [f"growth-{i}" for i in range(2, lagging + 1)]), "categories", "multiples",
                      "multiples-2", "multiples-3"]
    assert PAGE_ROWS == {"completion": 32, "growth": 20, "heatmap": 40, "multiples": 25}
    for name in names:
        if not name.startswith("card-") and report.figures[name] is not None:
            width, height = Image.open(io.BytesIO(report.figures[name])).size
            assert height / DPI <= PAGE_HEIGHT, (name, height / DPI)
    html = report.html("charts") + report.html("cards")
    second = charts_module.completion_chart(report.context, part=1)
    assert second.axes[0].get_title(loc="left") == "Distance covered against time elapsed (2 of 2)"
    assert len(second.axes[0].get_yticklabels()) == 60 - 32
    for name in ("completion-2", "multiples-3", "heatmap-2"):
        assert f"chart-{name}" in html, name


def test_a_plan_of_one_series_draws_every_chart_in_a_figure_of_its_own_size(plans):
    report = open_report(relative(plans[(1, 2025)]), 2025, "zh")
    multiples = Image.open(io.BytesIO(report.figures["multiples"]))
    # one row of panels: a panel's axes; above, the figure's title and the panel's (its name and its status, two
    # lines); below, the years and a legend of one row
    title = (2 * charts_module.TITLE_SPACING * charts_module.PAPER_TEXT + 6) / 72
    inches = charts_module.PANEL_AXES + charts_module.PANELS_TOP + title + charts_module.PANELS_BOTTOM \
        + charts_module._legend_height([1])
    assert abs(multiples.size[1] - inches * DPI) <= 1 and inches < 2.5

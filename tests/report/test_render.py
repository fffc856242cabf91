"""Tests for analysis.report.render (notebook -> HTML -> PDF) and analysis.report.fonts.

The fixture notebook tests/fixtures/render_sample.ipynb holds saved outputs, so no
kernel runs here. Regenerate it with the papermill command in its first code cell.
"""
from __future__ import annotations

import io
import json
import re
import warnings
from pathlib import Path

import matplotlib
import nbformat
import pytest
from bs4 import BeautifulSoup
from matplotlib import font_manager
from matplotlib.figure import Figure

from analysis.report import charts, fonts
from analysis.report.render import UnpublishableOutputError, html_external_references, html_to_pdf, notebook_to_html
from analysis.settings import TEMPLATES_DIR
from tests.conftest import FIXTURES
from tests.support.pdf import pdf_fonts, pdf_image_count, pdf_text

FIXTURE = FIXTURES / "render_sample.ipynb"
REPORT_HEADING = "创新规划指标年度监测报告"
TABLE_TEXT = "每万人高价值发明专利拥有量"
STDERR_TEXT = "调试信息"
REMOVED_CELL_TEXT = "remove-cell 标签"
CODE_SNIPPETS = ["configure_matplotlib(", "pd.DataFrame(", "plt.subplots("]
NOTEBOOK_CHROME = ["jp-InputArea", "input_area", "jp-InputPrompt", "In&nbsp;[", "Out["]
A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def fixture_source() -> str:
    """The raw fixture file: proves the text the report must hide is really there."""
    return FIXTURE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """Render the fixture once to HTML and PDF (PDF rendering is the slow part)."""
    out_dir = tmp_path_factory.mktemp("report")
    html_path = notebook_to_html(FIXTURE, out_dir / "report.html")
    pdf_path = html_to_pdf(html_path, out_dir / "report.pdf")
    return {"dir": out_dir, "html": html_path, "pdf": pdf_path}


@pytest.fixture(scope="module")
def html(rendered) -> str:
    return rendered["html"].read_text(encoding="utf-8")


@pytest.fixture
def isolated_matplotlib(monkeypatch):
    """Undo configure_matplotlib's global changes (rcParams, env) after each test."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    with matplotlib.rc_context():
        yield


def write_notebook_with_extra_output(tmp_path: Path, output: dict) -> Path:
    """Copy the fixture, append one output to its table cell, return the new path."""
    notebook = nbformat.read(FIXTURE, as_version=4)
    table_cell = next(
        cell
        for cell in notebook.cells
        if TABLE_TEXT in json.dumps(cell.get("outputs", []), ensure_ascii=False)
    )
    table_cell.outputs.append(nbformat.from_dict(output))
    path = tmp_path / "modified.ipynb"
    nbformat.write(notebook, path)
    return path


# --------------------------------------------------------------------- HTML


def test_html_shows_markdown_and_table_text(html):
    assert "<h1" in html and REPORT_HEADING in html
    assert TABLE_TEXT in html


def test_html_has_no_code_input_or_prompts(html, fixture_source):
    body = html.split("</head>", 1)[1]
    for snippet in CODE_SNIPPETS:
        assert snippet in fixture_source, f"fixture lost its code {snippet!r}"
        assert snippet not in html
    for chrome in NOTEBOOK_CHROME:
        assert chrome not in body


def test_html_drops_stderr_tagged_and_injected_cells(html, fixture_source):
    for text in (STDERR_TEXT, REMOVED_CELL_TEXT, "injected-parameters"):
        assert text in fixture_source, f"fixture lost {text!r}"
        assert text not in html


def test_html_is_self_contained(html):
    assert html_external_references(html) == []
    assert "<script" not in html
    assert '<img alt="图表" src="data:image/png;base64,' in html


def test_html_lang_and_title(html):
    assert '<html lang="zh-Hans">' in html
    assert f"<title>{REPORT_HEADING}</title>" in html


def test_html_english_lang_and_explicit_title(tmp_path):
    html_path = notebook_to_html(
        FIXTURE, tmp_path / "en.html", language="en", title="Monitoring report"
    )
    english = html_path.read_text(encoding="utf-8")
    assert '<html lang="en">' in english
    assert "<title>Monitoring report</title>" in english
    assert 'alt="Chart"' in english


def test_html_right_aligns_numeric_columns_only(html):
    assert '<td class="num">3.21</td>' in html
    assert '<th class="num">实际值</th>' in html
    assert "<td>亿元</td>" in html  # the text column "单位" stays left-aligned


def test_html_is_deterministic(rendered, tmp_path):
    second = notebook_to_html(FIXTURE, tmp_path / "again.html")
    assert second.read_bytes() == rendered["html"].read_bytes()


def test_rendering_leaves_no_temporary_files(rendered):
    assert sorted(path.name for path in rendered["dir"].iterdir()) == ["report.html", "report.pdf"]


def test_external_script_output_is_refused(tmp_path):
    notebook = write_notebook_with_extra_output(
        tmp_path,
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"text/html": '<script src="https://cdn.plot.ly/plotly.min.js"></script>'},
        },
    )
    with pytest.raises(UnpublishableOutputError, match="cdn.plot.ly"):
        notebook_to_html(notebook, tmp_path / "report.html")
    assert not (tmp_path / "report.html").exists()


def test_error_output_is_refused(tmp_path):
    notebook = write_notebook_with_extra_output(
        tmp_path,
        {"output_type": "error", "ename": "UserWarning", "evalue": "Glyph", "traceback": []},
    )
    with pytest.raises(UnpublishableOutputError, match="UserWarning"):
        notebook_to_html(notebook, tmp_path / "report.html")


def test_html_external_references_finds_every_kind():
    page = """
    <html><head>
      <script src="https://cdn.example.org/require.js"></script>
      <link rel="stylesheet" href="//fonts.example.org/css">
      <style>@import url("https://example.org/a.css");</style>
      <style>.x { background: url(http://example.org/b.png) }</style>
    </head><body>
      <img src="http://example.org/c.png">
      <div style="background-image: url('https://example.org/d.png')"></div>
      <img src="data:image/png;base64,AAAA">
      <a href="https://example.org/source-of-the-data">a plain link is not a resource</a>
    </body></html>
    """
    assert html_external_references(page) == [
        "https://cdn.example.org/require.js",
        "//fonts.example.org/css",
        "http://example.org/c.png",
        "https://example.org/a.css",
        "http://example.org/b.png",
        "https://example.org/d.png",
    ]


# ---------------------------------------------------------------------- PDF


def test_pdf_text_has_chinese_heading_and_table(rendered):
    text = pdf_text(rendered["pdf"])
    assert REPORT_HEADING in text
    assert TABLE_TEXT in text
    assert STDERR_TEXT not in text


def test_pdf_fonts_are_all_embedded_cjk(rendered):
    used_fonts = pdf_fonts(rendered["pdf"])
    assert used_fonts, "no fonts found in the PDF"
    assert all(font["embedded"] for font in used_fonts), used_fonts
    assert any("CJK" in font["name"] for font in used_fonts), used_fonts


def test_pdf_of_an_english_page_sets_its_marks_in_a_latin_face_and_its_letters_as_before(tmp_path):
    """In an English page (``<html lang="en">``) quotes, dashes, ellipses and ≥ come from a Latin face ("Latin Marks":
    Liberation Sans, else DejaVu Sans), not drawn full width by the CJK font; its letters and Chinese names stay in
    the CJK font, whose widths the layouts are made for. A Chinese page has no Latin marks face."""
    text = "“Weihai’s plan” ≥ 5 … 2022–2024 (威海日报)"

    def names(language: str) -> set[str]:  # "/ABCDEF+Noto-Sans-CJK-SC" → "NotoSansCJKSC"
        page = tmp_path / f"{language}.html"
        page.write_text(f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><style>'
                        + (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
                        + f"</style></head><body><p>{text}</p></body></html>", encoding="utf-8")
        return {font["name"].split("+")[-1].replace("-", "")
                for font in pdf_fonts(html_to_pdf(page, tmp_path / f"{language}.pdf"))}

    assert names("en") == {"LatinMarks", "NotoSansCJKSC"}
    assert names("zh") == {"NotoSansCJKSC"}


def test_stylesheet_sets_english_marks_in_a_latin_face_and_chinese_in_the_cjk_font():
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")

    def families(selector: str) -> list[str]:
        block = re.search(rf"^{re.escape(selector)} {{([^}}]*)}}", css, re.MULTILINE).group(1)
        value = re.search(r"font-family:([^;]*);", block).group(1)
        return [name.strip().strip('"') for name in value.split(",")]

    assert families("html")[0] == "Noto Sans CJK SC"
    assert families("html:lang(en)")[:2] == ["Latin Marks", "Noto Sans CJK SC"]
    faces = re.findall(r"@font-face \{([^}]*)\}", css)
    assert len(faces) == 2 and all('"Latin Marks"' in face and "unicode-range: U+00B7, U+2013-2014, U+2018-201F, "
                                   "U+2022, U+2026, U+2264-2265" in face for face in faces)
    assert all('local("DejaVu Sans' in face for face in faces)  # installed with the report (scripts/system-deps.sh)


def test_pdf_has_the_chart_image(rendered):
    assert pdf_image_count(rendered["pdf"]) >= 1


def test_pdf_fetches_only_what_the_page_embeds(tmp_path):
    """A page that names a file on disk (a path or a file: URL, as hostile text turned into markup would)
    gets nothing from it into the PDF; a data: image, which is how the report embeds its charts, is drawn."""
    png = io.BytesIO()
    figure = Figure(figsize=(1, 1))
    figure.add_subplot().plot([0, 1], [0, 1])
    figure.savefig(png, format="png")
    outside = tmp_path / "outside.png"  # a real image, readable, outside what the report embeds
    outside.write_bytes(png.getvalue())
    import base64

    embedded = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode("ascii")
    page = tmp_path / "page.html"
    for sources, images in (([str(outside), outside.as_uri()], 0), ([embedded], 1)):
        page.write_text("<html><body>" + "".join(f'<p><img src="{src}"></p>' for src in sources)
                        + f'<link rel="stylesheet" href="{outside.as_uri()}"></body></html>', encoding="utf-8")
        html_to_pdf(page, tmp_path / "page.pdf")
        assert pdf_image_count(tmp_path / "page.pdf") == images, sources


def test_pdf_pages_are_a4(rendered):
    from pypdf import PdfReader

    for page in PdfReader(rendered["pdf"]).pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1)


def test_pdf_is_deterministic(rendered, tmp_path):
    second = html_to_pdf(rendered["html"], tmp_path / "again.pdf")
    assert second.read_bytes() == rendered["pdf"].read_bytes()


def charts_page(tmp_path: Path, heights: list[float], before: str = "") -> Path:
    """A page of the report's style with a chart (``figure.chart``) for each of ``heights``, each a share of the A4
    page's text column (261 mm high, 178 mm wide: 297 and 210 mm less the margins of 18 and 16 mm) at the column's
    full width; ``before``: HTML before them."""
    import base64

    from PIL import Image

    figures = []
    for number, height in enumerate(heights):
        buffer = io.BytesIO()
        Image.new("RGB", (178 * 4, round(261 * height * 4)), "#1f4e79").save(buffer, format="PNG")
        figures.append(f'<figure class="chart chart-{number}"><img alt="" src="data:image/png;base64,'
                       f'{base64.b64encode(buffer.getvalue()).decode()}"></figure>')
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    page = tmp_path / "charts.html"
    page.write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{css}</style></head><body>'
                    f'<main class="report">{before}{"".join(figures)}</main></body></html>', encoding="utf-8")
    return page


def chart_boxes(pdf: Path) -> list[tuple[int, float, float]]:
    """Each picture of a PDF: its page (from 1), its width and height in millimetres."""
    from tests.support.pdf import pdf_layout

    return [(number, round((box[2] - box[0]) / 72 * 25.4, 1), round((box[3] - box[1]) / 72 * 25.4, 1))
            for number, page in enumerate(pdf_layout(pdf), 1) for box in page["boxes"] if not box[4]]


def test_a_chart_a_little_too_tall_for_the_pages_foot_shares_it_printed_smaller(tmp_path):
    """The 2022 report's lagging-series chart left a third of its page blank and the category chart (84 mm) stood
    alone on the next. Charts of 68 % and 32 % of the column's 261 mm (177.5 and 83.5 mm, 261 mm with the 1rem margin
    between them, 3.7 mm, past the page) print on one page, both smaller by one factor, at least 90 % of the column's
    178 mm: 160.2 mm wide at the least, together no higher than the column."""
    pdf = html_to_pdf(charts_page(tmp_path, [0.68, 0.32]), tmp_path / "charts.pdf")
    (page_a, width_a, height_a), (page_b, width_b, height_b) = chart_boxes(pdf)
    assert page_a == page_b == 1
    assert width_a == width_b and 160.2 <= width_a < 178
    assert height_a + height_b <= 261


def test_a_chart_that_would_need_printing_much_smaller_goes_to_the_next_page_whole(tmp_path):
    """Charts of 68 % and 50 % of the column (177.5 and 130.5 mm): together 308 mm, 47 mm past the page, which would
    take printing them at 261 / 308, 85 % of the column: too small; the second goes to the next page, both at the
    column's full 178 mm, as before."""
    pdf = html_to_pdf(charts_page(tmp_path, [0.68, 0.5]), tmp_path / "charts.pdf")
    assert [(page, width) for page, width, _ in chart_boxes(pdf)] == [(1, 178.0), (2, 178.0)]


def test_a_chart_kept_with_its_heading_is_fitted_with_it(tmp_path):
    """A section's heading (``break-after: avoid``) goes with the chart after it: the chart of 30 % after a heading
    fits the foot of a page with a chart of 68 % (177.5 + 78.3 mm and the heading's 2rem margin, a line and its rule,
    about 16 mm, past the page's 261 mm) only printed smaller, the heading above it on the same page."""
    page = charts_page(tmp_path, [0.68]).read_text(encoding="utf-8")
    second = charts_page(tmp_path, [0.3]).read_text(encoding="utf-8")
    figure = re.search(r"<figure.*</figure>", second).group(0).replace("chart-0", "chart-1")
    (tmp_path / "both.html").write_text(page.replace("</main>", f"<h2>5. Indicator by indicator</h2>{figure}</main>"),
                                        encoding="utf-8")
    pdf = html_to_pdf(tmp_path / "both.html", tmp_path / "charts.pdf")
    assert [page for page, _, _ in chart_boxes(pdf)] == [1, 1]
    assert pdf_text(pdf).split("\n") == ["5. Indicator by indicator", "1 / 1"]  # one page: the heading on it


def test_a_sections_later_chart_that_fits_the_blank_before_the_section_is_printed_first(tmp_path):
    """The English final's change table ended 40 % down its page, "4. Charts" and its first chart (85 % of a page) on
    the next, the rest of the page blank. Nine paragraphs (about 103 mm of the column's 261), then a section of a
    chart of 85 % (222 mm: not in the 158 mm left, even at 90 %) and one of 30 % (78 mm, with the heading some 100 mm):
    the heading and the smaller chart fill the first page's foot, the larger chart the second page, both at the
    column's full 178 mm; two pages, not three (the first 60 % blank)."""
    filler = "".join(f"<p>Line {number} of the table before.</p>" for number in range(1, 10))
    page = charts_page(tmp_path, [0.85], before=filler).read_text(encoding="utf-8")
    second = charts_page(tmp_path, [0.3]).read_text(encoding="utf-8")
    figure = re.search(r"<figure.*</figure>", second).group(0).replace("chart-0", "chart-1")
    page = page.replace('<figure class="chart chart-0">', '<h2>4. Charts</h2><figure class="chart chart-0">')
    (tmp_path / "section.html").write_text(page.replace("</main>", f"{figure}</main>"), encoding="utf-8")
    pdf = html_to_pdf(tmp_path / "section.html", tmp_path / "section.pdf")
    assert [(page, width) for page, width, _ in chart_boxes(pdf)] == [(1, 178.0), (2, 178.0)]
    assert [round(height) for _, _, height in chart_boxes(pdf)] == [78, 222]  # the smaller first
    from pypdf import PdfReader

    first, second_page = (sheet.extract_text() for sheet in PdfReader(pdf).pages)
    assert "Line 9" in first and "4. Charts" in first and "4. Charts" not in second_page


# -------------------------------------------------------------------- fonts


def draw_png(text: str) -> bytes:
    """Draw ``text`` as an axes title and return the PNG bytes."""
    figure = Figure()
    figure.subplots().set_title(text)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def test_configure_matplotlib_puts_cjk_font_first(isolated_matplotlib):
    family = fonts.configure_matplotlib("zh")
    assert family == fonts.CJK_FONT_FAMILIES[0]
    assert matplotlib.rcParams["font.sans-serif"][:2] == [family, "DejaVu Sans"]
    assert draw_png("研发经费投入强度−12.5%").startswith(b"\x89PNG")


def test_configure_matplotlib_english_puts_a_latin_face_first_and_keeps_cjk_fallback(isolated_matplotlib):
    family = fonts.configure_matplotlib("en")
    installed = {font.name for font in font_manager.fontManager.ttflist}
    latin = [fonts.LATIN_FIRST_FAMILY] if fonts.LATIN_FIRST_FAMILY in installed else []
    assert matplotlib.rcParams["font.sans-serif"] == [*latin, "DejaVu Sans", family]
    assert draw_png("Weihai Daily (威海日报) “on track” … ≥ 90%").startswith(b"\x89PNG")  # no glyph missing


def test_configure_matplotlib_english_without_liberation_sans_starts_with_dejavu(isolated_matplotlib, monkeypatch):
    monkeypatch.setattr(fonts, "LATIN_FIRST_FAMILY", "No Such Latin Font")
    family = fonts.configure_matplotlib("en")
    assert matplotlib.rcParams["font.sans-serif"] == ["DejaVu Sans", family]


@pytest.mark.parametrize("language, full_width", [("zh", True), ("en", False)])
def test_chart_quotes_are_full_width_in_chinese_only(isolated_matplotlib, language, full_width):
    """A chart measures (and draws) a curly quote as its first font does: a CJK font's is as wide as a Chinese
    character, a Latin face's (an English chart's) less than half as wide."""
    fonts.configure_matplotlib(language)
    quote, ideograph = charts._text_inches("“", 10), charts._text_inches("中", 10)
    assert (quote > 0.9 * ideograph) is full_width and (quote < 0.5 * ideograph) is not full_width


def test_missing_glyph_raises(isolated_matplotlib):
    private_use_character = "\U000f0000"  # no font ships a glyph for it
    with warnings.catch_warnings():
        # Ignore everything first (including pytest's own filters), so only the
        # filter installed by configure_matplotlib can turn the warning into an error.
        warnings.simplefilter("ignore")
        fonts.configure_matplotlib()
        with pytest.raises(UserWarning, match="missing from font"):
            draw_png(f"指标 {private_use_character}")


def test_png_output_is_deterministic(isolated_matplotlib):
    fonts.configure_matplotlib()
    assert draw_png("完成度（%）") == draw_png("完成度（%）")


def draw_svg() -> bytes:
    figure = Figure()
    figure.subplots().plot([3.21, 18.4, 1045.6], label="实际值")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg")
    return buffer.getvalue()


def test_svg_output_is_deterministic(isolated_matplotlib, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # configure_matplotlib must pin the date itself
    fonts.configure_matplotlib()
    assert draw_svg() == draw_svg()


def test_font_not_found_names_the_fix(isolated_matplotlib, monkeypatch):
    monkeypatch.setattr(fonts, "CJK_FONT_FAMILIES", ["No Such CJK Font 字体"])
    rebuilds = []
    monkeypatch.setattr(fonts, "_rebuild_font_cache", lambda: rebuilds.append(True))
    with pytest.raises(fonts.FontNotFoundError) as raised:
        fonts.configure_matplotlib()
    assert isinstance(raised.value, RuntimeError)
    message = str(raised.value)
    assert "apt-get install fonts-noto-cjk" in message
    assert "rm ~/.cache/matplotlib/fontlist-*.json" in message
    assert rebuilds == [True], "the font cache should be rebuilt exactly once before giving up"


def test_font_cache_rebuild_keeps_fonts_usable(isolated_matplotlib):
    fonts._rebuild_font_cache()
    assert fonts.configure_matplotlib() == fonts.CJK_FONT_FAMILIES[0]
    assert draw_png("技术合同成交额").startswith(b"\x89PNG")


def test_the_pdf_fetcher_reads_installed_fonts_only(tmp_path):
    """A local() font is read from the system's font folders; a font file elsewhere, a file that is no font, or a
    path that climbs out of a font folder is refused, as any other file: URL."""
    from analysis.report.render import offline_fetcher

    fetcher = offline_fetcher()
    font = next(path for path in Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))  # fonts-dejavu-core
    response = fetcher.fetch(font.as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType font's first bytes
    copied = tmp_path / "DejaVuSans.ttf"
    copied.write_bytes(font.read_bytes())
    for url in (copied.as_uri(), "file:///usr/share/fonts/../../../etc/hostname",
                (tmp_path / "notes.txt").as_uri(), "https://example.org/font.ttf"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def _first_page_rows(page: str, spacer: float) -> tuple[int, int]:
    """How many of a printed table's body rows its first page holds, and how many it has: ``page`` an HTML page with
    ``{spacer}`` standing for the height (points) of what comes before the table."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    document = HTML(string=page.replace("{spacer}", f"{spacer}pt"), media_type="print").render()
    printed = [[row for group in sheet._page_box.descendants()
                if isinstance(group, boxes.TableRowGroupBox) and group.element_tag == "tbody" for row in group.children]
               for sheet in document.pages]
    return next(len(rows) for rows in printed if rows), sum(len(rows) for rows in printed)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_tables_header_never_goes_to_a_page_with_fewer_than_three_of_its_rows(language):
    """A report's table (the self-evaluation's: tests/report/test_self_evaluation.py) never starts at a page's foot
    with its header over a row or two of its body. Wherever it starts on its page (a block before it of 560 to 740
    points, on an A4 page of 740 points inside its margins), its first page holds three rows of its body at least (a
    row two lines high, about 25 points), or none: the table starts on the next page; a table of two rows goes
    whole."""
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    for count in (2, 12):
        rows = "".join(f"<tr><td>{number}</td><td>row {number}<br>second line</td></tr>"
                       for number in range(1, count + 1))
        page = (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><style>{css}</style></head>'
                '<body><main class="report"><div class="jp-RenderedHTMLCommon"><div style="height: {spacer}"></div>'
                f"<table><thead><tr><th>No.</th><th>Name</th></tr></thead><tbody>{rows}</tbody></table>"
                "</div></main></body></html>")
        for spacer in range(560, 741, 20):
            first, every = _first_page_rows(page, spacer)
            assert every == count
            assert first >= min(3, count), (count, spacer, first)


@pytest.fixture(scope="module")
def national_tables(project_tmp):
    """The national 12th Five-Year plan's tables with its values as collected (categories of one to three rows)."""
    from analysis.plan import load_plan
    from analysis.publish.data import build_tables
    from tests.conftest import NATIONAL_DIR

    folder = project_tmp / "render-national" / "national-12th-fyp"
    folder.mkdir(parents=True)
    for name, data in build_tables(load_plan(NATIONAL_DIR), "eurostat",
                                   FIXTURES / "national-12th-fyp-2021").files().items():
        (folder / name).write_bytes(data)
    return folder


def scorecard_pages(document) -> list[tuple[list[tuple[str, str, float, str]], float]]:
    """The scorecard's body rows page by page, as laid out: each row's class ("category" for a band), text, height
    and its body's class; and the room left under the page's last row."""
    from weasyprint.formatting_structure import boxes

    from analysis.report.render import _page_content

    pages = []
    for sheet in document.pages:
        rows, bottom = [], None
        for group in _page_content(sheet):
            if (isinstance(group, boxes.TableRowGroupBox) and group.element_tag == "tbody"
                    and group.element is not None):
                rows += [(row.element.get("class") or "", "".join(row.element.itertext()).strip(), row.height,
                          group.element.get("class") or "") for row in group.children]
                if group.children:
                    bottom = group.children[-1].position_y + group.children[-1].height
        foot = sheet._page_box.content_box_y() + sheet._page_box.height
        pages.append((rows, foot - bottom if bottom is not None else 0.0))
    return pages


@pytest.mark.parametrize(("plan", "year", "language", "continued"),
                         [("national", 2015, "zh", None), ("national", 2015, "en", None),
                          # the example's three categories of more than three rows (14, 4 and 5), each carried
                          # over somewhere as the scorecard's start moves down the page
                          ("example", 2023, "en", ("Concentration of innovation resources (continued)",
                                                   "Innovation and entrepreneurship environment (continued)",
                                                   "Innovation policy and governance (continued)")),
                          ("example", 2024, "zh", ("创新要素集聚能力（续）", "创新创业环境（续）",
                                                   "创新政策体系和治理架构（续）"))])
def test_a_category_carried_to_another_page_has_its_band_there(national_tables, example_tables, plan, year,
                                                                language, continued):
    """The national zh scorecard broke after row 4: rows 5 and 6 of 原始创新能力 opened page 2 under no band. Wherever
    the scorecard starts on its page, every page it continues on starts with a category's band; a category of three
    rows or fewer (html.KEPT_CATEGORY) is on one page; a longer one (the example's first, fourteen rows) carried over
    has its band again, "… (continued)" ("…（续）"), over its rows on the next page."""
    from weasyprint import HTML

    from analysis.report.context import load_report
    from analysis.report.html import scorecard_html
    from analysis.report.render import continued_bands
    from tests.conftest import relative

    tables = national_tables if plan == "national" else example_tables
    table = scorecard_html(load_report(relative(tables), year, language))
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    bands_repeated = set()
    for spacer in range(0, 741, 60):
        page = (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><style>{css}</style></head>'
                f'<body><main class="report"><div style="height: {spacer}pt"></div>'
                f'<div class="jp-RenderedHTMLCommon">{table}</div></main></body></html>')
        _, document = continued_bands(page, lambda text: HTML(string=text, media_type="print"))
        laid_out = [(rows, room) for rows, room in scorecard_pages(document) if rows]
        pages = [[(kind, text) for kind, text, _, _ in rows] for rows, _ in laid_out]
        for rows in pages[1:]:
            assert "category" in rows[0][0].split(), (spacer, rows[0])
        # and no category goes to the next page needlessly: what opens a page (a short category whole, a longer
        # one's band and two rows, a band repeated and its row) did not fit the room left on the page before
        for (_, room), (rows, _) in zip(laid_out, laid_out[1:]):
            kind, _, _, body = rows[0]
            together = (len(rows) if "kept" in body.split() else 2 if "continued" in kind.split() else 3)
            together = next((index for index, row in enumerate(rows[1:], 1)
                             if row[3] != body or ("category" in row[0].split() and "continued" not in row[0])),
                            len(rows)) if "kept" in body.split() else together
            assert sum(height for _, _, height, _ in rows[:together]) > room, (spacer, rows[0], room)
        bands = [text for rows in pages for kind, text in rows if "continued" in kind.split()]
        bands_repeated |= set(bands)
        # each category's rows (under its own band, the first of its name) and the pages they are on
        where: dict[str, set] = {}
        category = None
        for number, rows in enumerate(pages):
            for kind, text in rows:
                if "category" in kind.split():
                    category = category if "continued" in kind.split() else text
                else:
                    where.setdefault(category, []).append(number)
        for rows_pages in where.values():
            assert len(rows_pages) > 3 or len(set(rows_pages)) == 1, (spacer, where)
    assert bands_repeated == set(continued or ())


def test_a_page_lists_its_sections_before_the_first_with_working_anchors():
    """A long report on a phone (some 55 screens) had no contents: a compact list of its sections (each h2) stands
    before the first, each a link to its section; the words as the heading shows them, escaped; hidden on paper
    (report.css), whose PDF lists the headings in its outline. Every section's id is section-N, N its place: the
    Markdown heading of the method note was "6.-Method", the only one with a "¶" link, which goes."""
    from analysis.report.render import _with_contents

    page = ('<h1>T</h1><p>intro</p><h2>1. Overview &amp; <span class="nobr">2024年</span></h2><p>x</p>'
            '<h2 id="6.-Method">6. Method<a class="anchor-link" href="#6.-Method">¶</a></h2>')
    assert _with_contents(page, "Contents") == (
        '<h1>T</h1><p>intro</p><nav class="contents" aria-label="Contents"><ul>'
        '<li><a href="#section-1">1. Overview &amp; 2024年</a></li><li><a href="#section-2">6. Method</a></li>'
        '</ul></nav>\n'
        '<h2 id="section-1">1. Overview &amp; <span class="nobr">2024年</span></h2><p>x</p>'
        '<h2 id="section-2">6. Method</h2>')
    assert _with_contents("<h1>T</h1><h2>One</h2>", "Contents") == "<h1>T</h1><h2>One</h2>"  # one section: none
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    assert "@media print { nav.contents { display: none; } }" in css


def test_the_rendered_pages_contents_link_every_section(html):
    soup = BeautifulSoup(html, "html.parser")
    headings = soup.find_all("h2")
    links = soup.select("nav.contents a")
    assert len(headings) >= 2 and [a["href"] for a in links] == [f"#{h['id']}" for h in headings]
    # one scheme for every section's id, and no "¶" after a Markdown heading
    assert [h["id"] for h in headings] == [f"section-{number}" for number in range(1, len(headings) + 1)]
    assert soup.select("a.anchor-link") == []


def test_a_sentence_that_leads_into_a_table_is_never_split_between_two_pages(tmp_path):
    """A lead-in paragraph (the warning list's intro) that reaches a page's foot goes whole to the next page with
    its table, never its first lines on one page and its last with the table on the next (the 2023 English
    report's warning list: "…is amber, and so is one met on a course that does not: 14 series…" split at p. 5)."""
    filler = "".join(f"<p>Line {number} of the text before.</p>" for number in range(1, 21))
    words = " ".join(f"word{number}" for number in range(1, 90))
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>'
                    + (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
                    + f'</style></head><body>{filler}<p class="lead-in">LEADSTART {words} LEADEND</p>'
                    '<table><thead><tr><th>No.</th><th>Indicator</th></tr></thead><tbody>'
                    + "".join(f"<tr><td>{row}</td><td>Row {row}</td></tr>" for row in range(1, 6))
                    + "</tbody></table></body></html>", encoding="utf-8")
    from pypdf import PdfReader

    pages = [sheet.extract_text() for sheet in PdfReader(html_to_pdf(page, tmp_path / "page.pdf")).pages]
    start = next(number for number, text in enumerate(pages) if "LEADSTART" in text)
    assert len(pages) >= 2 and "LEADEND" in pages[start] and "Row 1" in pages[start], pages


def test_chinese_in_an_english_page_is_marked_as_chinese(tmp_path):
    """An English edition quotes Chinese (a source's name, 威海日报; a book's title, 《中国科技统计年鉴》) that a screen
    reader read with English rules: each run of it is in a span of lang zh-Hans, its text as it was, never read as
    HTML; a title, a style and a run already marked are left alone. A Chinese edition is Chinese throughout."""
    from analysis.report.render import _chinese_marked

    page = ('<html><head><title>威海</title><style>p::before { content: "注"; }</style></head><body>'
            '<p>Weihai Daily (<span class="nobr">威海日报</span>), 2023; the Yearbook (《中国科技统计年鉴》 第3版) '
            '&lt;b&gt;中文&lt;/b&gt; <span lang="zh-Hans">中文版</span> — ok</p></body></html>')
    soup = BeautifulSoup(_chinese_marked(page, "zh-Hans"), "html.parser")
    assert [span.get_text() for span in soup.select('p span[lang="zh-Hans"]')] == [
        "威海日报", "《中国科技统计年鉴》", "第", "版", "中文", "中文版"]
    assert soup.p.get_text() == BeautifulSoup(page, "html.parser").p.get_text()  # the text itself unchanged
    assert soup.find("b") is None and soup.title.string == "威海" and "注" in soup.style.string
    # the sample notebook rendered as an English page: no Chinese outside a span that says so
    english = BeautifulSoup(notebook_to_html(FIXTURE, tmp_path / "en.html", language="en").read_text(
        encoding="utf-8"), "html.parser")
    unmarked = [str(text) for text in english.body.find_all(string=re.compile("[\u4e00-\u9fff]"))
                if not text.find_parent(lang="zh-Hans") and text.parent.name not in ("script", "style")]
    assert unmarked == [] and english.select('span[lang="zh-Hans"]')
    chinese = BeautifulSoup(notebook_to_html(FIXTURE, tmp_path / "zh.html", language="zh").read_text(
        encoding="utf-8"), "html.parser")
    assert chinese.select("span[lang]") == []

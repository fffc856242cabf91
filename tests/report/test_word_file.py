"""The Word edition (report.docx): its headings, scorecard, colours, figures, fonts, page and footer, read back
with python-docx and from its XML; data text kept literal; a missing figure or a failing pandoc named in one line.

The final reports from the example 2022–2024 data are the ones the page tests read (``example_reports``).
"""
from __future__ import annotations

import csv
import functools
import json
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.shared import Mm
from lxml import etree
from pypdf import PdfReader

from analysis.catalog import catalog
from analysis.publish.data import build_tables, write_tables
from analysis.report import word_file
from analysis.report.context import load_report
from analysis.report.word_file import WordEditionError, write_docx
from analysis.settings import DEFAULT_PLAN_DIR
from tests.conftest import FIXTURES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: data/raw/weihai/indicator_metadata.csv: 26 indicators, 4 and 5 each printed as a national and a provincial
#: series, so 28 series; 22, 23 and 24 are qualitative, so 25 cards with a chart.
SERIES, CHARTED_CARDS = 28, 25
CATEGORIES_ZH = ["创新要素集聚能力", "创新创业环境", "创新对社会民生发展的支撑", "创新政策体系和治理架构", "特色指标"]


@pytest.fixture(scope="module")
def zh(example_reports):
    return docx.Document(example_reports["final-zh"] / "report.docx")


@pytest.fixture(scope="module")
def en(example_reports):
    return docx.Document(example_reports["final-en"] / "report.docx")


def part(path, name: str):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, spaced(p.text)) for p in document.paragraphs
            if p.style.name.startswith(("Title", "Heading"))]


def spaced(text: str) -> str:
    """Text with its no-break spaces (which keep a number with its unit: 2023 年) as spaces."""
    return text.replace("\u00a0", " ").replace("\u2060", "")


def series_rows(table) -> list:
    """The rows of a series in a Word table: not the header, not a category's or department's row across it."""
    return [row for row in table.rows[1:] if len({cell._tc for cell in row.cells}) > 1]


def test_the_series_count_is_the_metadatas():
    with open(DEFAULT_PLAN_DIR / "indicator_metadata.csv", encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == SERIES
    assert sum(row["kind"] != "qualitative" for row in rows) == CHARTED_CARDS


def test_sections_are_word_headings_in_the_reports_order(zh):
    found = headings(zh)
    assert found[0] == ("Title", "威海市国家创新型城市建设指标总结评估报告（2024年）")
    assert [text for style, text in found if style == "Heading 1"] == [
        "一、总体情况", "二、指标评估表", "三、预警与变化", "四、图示", "五、逐项指标", "六、方法说明",
        "附录：数据质量与来源"]
    assert [text for style, text in found if style == "Heading 2"] == ["（一）预警清单", "（二）与 2023 年评估相比",
                                                                       *CATEGORIES_ZH]
    cards = [text for style, text in found if style == "Heading 3"]
    assert len(cards) == SERIES
    assert cards[0] == "1. 研发人员数（人）"
    assert cards[3].startswith("4. ") and cards[3].endswith(" · 国家级") and cards[4].endswith(" · 省级")


def test_the_scorecard_is_a_table_with_a_row_per_series(zh, en):
    scorecard = zh.tables[0]
    assert len(series_rows(scorecard)) == SERIES
    assert [cell.text for cell in scorecard.rows[0].cells] == [
        "序号", "指标", "单位", "2020年基础值", "最新值", "目标值", "差距", "每年需增长", "状态"]
    # each category heads its series in a row across the table
    assert [cell.text for cell in scorecard.rows[1].cells] == [CATEGORIES_ZH[0]] * 9
    # R&D intensity: 2.70 in 2024 against a target of 2.8 (the example data's README), 2.70 / 2.8 = 96.4 %
    intensity = [spaced(cell.text) for cell in scorecard.rows[3].cells]
    assert intensity[0:2] == ["2", "R&D经费投入强度*"]  # the star joined to the name
    assert intensity[4:6] == ["2.7\n(2024)", "2.8\n(2024)"]
    assert intensity[8] == "未达标\n完成率 96.4%"
    assert len(series_rows(en.tables[0])) == SERIES and en.tables[0].rows[0].cells[0].text == "No."


def fill(cell) -> str:
    return cell._tc.find(f"{W}tcPr/{W}shd").get(f"{W}fill")


def test_status_cells_have_the_status_colours(zh):
    rows = series_rows(zh.tables[0])
    assert fill(rows[1].cells[8]) == "7F0000"  # not achieved, as in the HTML scorecard
    words = catalog("zh")
    from analysis.report.palette import STATUS_COLOURS

    by_name = {words.status(status): colour.lstrip("#").upper() for status, colour in STATUS_COLOURS.items()}
    for row in rows:
        status = row.cells[8].text.split("\n")[0]
        assert fill(row.cells[8]) == by_name[status], row.cells[1].text
    # white text on the dark red
    colours = {run.get(f"{W}val") for run in rows[1].cells[8]._tc.iter(f"{W}color")}
    assert colours == {"FFFFFF"}


def test_the_warning_list_has_its_levels_and_statuses_in_colour(zh):
    warning_list, changes = zh.tables[1], zh.tables[2]
    assert [cell.text for cell in warning_list.rows[0].cells][:4] == ["序号", "指标", "预警", "评估结果"]
    # the first department's row spans the table; R&D intensity (not achieved in 2024) is warned red
    assert len({cell._tc for cell in warning_list.rows[1].cells}) == 1
    intensity = warning_list.rows[2].cells
    # under the status its completion rate, 2.7/2.8 = 96.4 %
    assert [intensity[0].text, intensity[2].text, intensity[3].text] == ["2", "红色预警", "未达标\n完成率 96.4%"]
    assert (fill(intensity[2]), fill(intensity[3])) == ("B71C1C", "7F0000")
    assert [spaced(cell.text) for cell in changes.rows[0].cells] == ["序号", "指标", "2023 年", "2024 年", "变化"]
    assert len(changes.rows) == CHARTED_CARDS + 1  # every numeric series, then and now


def test_no_table_row_is_split_over_two_pages(zh):
    rows = list(zh.element.body.iter(f"{W}tr"))
    assert rows and all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)


def test_every_chart_and_card_chart_is_an_image_within_the_type_area(example_reports):
    body = part(example_reports["final-zh"] / "report.docx", "word/document.xml")
    extents = body.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    assert len(extents) >= CHARTED_CARDS + 4
    assert max(int(extent.get("cx")) for extent in extents) <= Mm(156)
    assert max(int(extent.get("cy")) for extent in extents) <= Mm(225)


def test_fonts_are_in_the_styles_east_asian_for_chinese_and_a_serif(example_reports):
    def style_fonts(styles, style_id):
        return styles.find(f"{W}style[@{W}styleId='{style_id}']/{W}rPr/{W}rFonts")

    for case in ("final-zh", "final-en"):
        styles = part(example_reports[case] / "report.docx", "word/styles.xml")
        fonts = functools.partial(style_fonts, styles)
        assert fonts("Normal").get(f"{W}eastAsia") == "仿宋_GB2312"
        assert fonts("BodyText").get(f"{W}eastAsia") == "仿宋_GB2312"
        assert fonts("Heading1").get(f"{W}eastAsia") == "黑体"
        assert fonts("Heading2").get(f"{W}eastAsia") == fonts("Heading3").get(f"{W}eastAsia") == "楷体_GB2312"
        assert fonts("Compact").get(f"{W}eastAsia") == fonts("Table").get(f"{W}eastAsia") == "宋体"
        assert fonts("Normal").get(f"{W}ascii") == fonts("Normal").get(f"{W}hAnsi") == "Times New Roman"
    fallback = part(example_reports["final-zh"] / "report.docx", "word/fontTable.xml")
    assert fallback.find(f"{W}font[@{W}name='仿宋_GB2312']/{W}altName").get(f"{W}val") == "仿宋"


def test_sizes_and_language_follow_the_catalog(zh, en):
    assert zh.styles["Normal"].font.size.pt == 16 and en.styles["Normal"].font.size.pt == 12  # 三号; 12 pt
    assert zh.styles["Heading 1"].font.bold is True and en.styles["Heading 1"].font.bold is True
    assert zh.core_properties.language == "zh-CN" and en.core_properties.language == "en-US"


def style_run(styles, style_id: str) -> tuple[float, bool]:
    """A style's own size in points and whether it is bold (``w:b`` without ``w:val``, or ``w:val`` true)."""
    properties = styles.find(f"{W}style[@{W}styleId='{style_id}']/{W}rPr")
    bold = properties.find(f"{W}b")
    return (int(properties.find(f"{W}sz").get(f"{W}val")) / 2,
            bold is not None and bold.get(f"{W}val", "true") in ("true", "1", "on"))


@pytest.mark.parametrize("language, heading_1, heading_2, body", [
    # zh: 小二 18 pt bold over a 三号 16 pt body, second and third levels 三号 bold; en: 15 and 13 pt bold over 12 pt
    ("zh", (18, True), (16, True), (16, False)),
    ("en", (15, True), (13, True), (12, False)),
])
def test_headings_stand_out_by_size_and_weight_in_any_font(language, heading_1, heading_2, body):
    """Without the GB2312 fonts a fallback font draws every style alike, so the headings are set apart by their size
    and weight, not by their typeface: the first level larger than the body and bold, the second and third bold,
    a card's notes smaller than the body."""
    with zipfile.ZipFile(word_file.REFERENCE_DOCX) as archive:
        xml = archive.read("word/styles.xml")
    words = catalog(language)
    styles = etree.fromstring(word_file.size_styles(xml, words["word.sizes"], words["word.bold"]))
    assert style_run(styles, "Heading1") == heading_1
    assert style_run(styles, "Heading2") == heading_2
    assert style_run(styles, "Heading3")[1] is True
    assert style_run(styles, "Normal") == body
    assert style_run(styles, "Heading1")[0] > style_run(styles, "Normal")[0]
    assert style_run(styles, "CardNotes")[0] < style_run(styles, "Normal")[0]


#: LibreOffice takes some 3 s for a report; a first start makes its profile
SOFFICE_SECONDS = 120


@pytest.mark.parametrize("case", ["final-zh", "final-en"])
def test_the_word_edition_prints_on_about_as_many_pages_as_the_pdf(case, example_reports, tmp_path):
    """Cards flow, several to a page, each kept with its heading, instead of one to a page with the rest left blank:
    LibreOffice prints the document on at most half as many pages again as the PDF edition (the example's: zh 26,
    en 27 pages; the Word edition zh 36, en 25 with cards sharing pages, 40 and more before)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = example_reports[case]
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(folder / "report.docx")],
                   check=True, capture_output=True, timeout=SOFFICE_SECONDS)
    word_pages = len(PdfReader(tmp_path / "report.pdf").pages)
    pdf_pages = len(PdfReader(folder / "report.pdf").pages)
    assert pdf_pages >= 10  # the whole report, cards and appendix
    assert word_pages <= 1.5 * pdf_pages, f"report.docx prints on {word_pages} pages, report.pdf on {pdf_pages}"


def test_a4_with_official_margins_and_page_numbers_in_the_footer(zh, example_reports):
    section = zh.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm) for m in (section.top_margin, section.left_margin, section.right_margin,
                                     section.bottom_margin)]
    assert margins == [37, 28, 26, 35]  # the type area 156 × 225 mm
    footer = etree.fromstring(section.footer._element.xml.encode("utf-8"))
    assert [text.text.strip() for text in footer.iter(f"{W}instrText")] == ["PAGE"]


def test_the_documents_date_is_the_day_it_was_generated(zh, example_reports):
    manifest = json.loads((example_reports["final-zh"] / "manifest.json").read_text(encoding="utf-8"))
    assert zh.core_properties.created.date().isoformat() == manifest["dates"]["generated"]
    assert zh.core_properties.title == "威海市国家创新型城市建设指标总结评估报告（2024年）"


# --- data text, bad input ------------------------------------------------------------------------------------

HOSTILE_SOURCE = "[x](javascript:alert(1))"
HOSTILE_NOTE = "**bold** <b>x</b> $x$"


@pytest.fixture(scope="module")
def hostile_report(weihai_in_project, project_tmp):
    """The example data with a source and a note that Markdown or HTML would read as markup, and figures that
    have nothing to show (this module checks text, not pictures)."""
    observations = project_tmp / "hostile-observations"
    observations.mkdir()
    for path in sorted((FIXTURES / "example-2022-2024").glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        if path.name == "2024-bulletin.csv":
            text = text.replace("1,,2023,24300,Example bulletin 2024 (fictional),示例统计公报 2024（虚构）,",
                                f'1,,2023,24300,{HOSTILE_SOURCE},,"{HOSTILE_NOTE}"')
        (observations / path.name).write_text(text, encoding="utf-8")
    data = project_tmp / "hostile-data"
    write_tables(build_tables(weihai_in_project, "eurostat", observations).files(), data)
    return load_report(data, 2024, "en"), NothingToShow()


class NothingToShow:
    """Figures as the Word edition takes them, none with anything to show."""

    def __getitem__(self, name: str) -> None:
        return None

    def parts(self, chart: str) -> list[str]:
        return [chart]


def test_data_text_is_literal_never_markup_or_a_link(hostile_report, project_tmp):
    context, folder = hostile_report
    path = write_docx(context, folder, project_tmp / "hostile.docx", "2024-12-31")
    document = docx.Document(path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert HOSTILE_SOURCE in text and HOSTILE_NOTE in text
    body = part(path, "word/document.xml")
    runs = [run for run in body.iter(f"{W}r") if "**bold**" in "".join(t.text or "" for t in run.iter(f"{W}t"))]
    assert runs and not [run for run in runs if run.find(f"{W}rPr/{W}b") is not None]  # no bold from it or <b>
    links = [link.get(f"{W}anchor") for link in body.iter(f"{W}hyperlink")]
    assert links and all(anchor and anchor.startswith("indicator-") for anchor in links)  # the cards, nothing else
    with zipfile.ZipFile(path) as archive:
        relationships = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "javascript" not in relationships and "hyperlink" not in relationships
    assert document.core_properties.created.date().isoformat() == "2024-12-31"
    again = write_docx(context, folder, project_tmp / "hostile-again.docx", "2024-12-31")
    assert again.read_bytes() == path.read_bytes()  # the same inputs, the same bytes


def test_a_failing_or_missing_pandoc_is_one_line(hostile_report, project_tmp, monkeypatch):
    context, folder = hostile_report
    with pytest.raises(WordEditionError) as caught:
        word_file.pandoc(["--from", "no-such-format"], b"")
    assert str(caught.value).startswith("pandoc failed") and "\n" not in str(caught.value)
    monkeypatch.setattr(word_file, "pandoc_path", lambda: str(project_tmp / "no-pandoc"))
    with pytest.raises(WordEditionError) as caught:
        write_docx(context, folder, project_tmp / "none.docx")
    assert str(caught.value).startswith("cannot run pandoc") and "no-pandoc" in str(caught.value)

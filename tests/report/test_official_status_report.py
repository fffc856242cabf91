"""The plan's official status words in the report: a last column of the scorecard (HTML and PDF, Word, workbook) and
a paragraph of the method note, with the thresholds; nothing of it when the plan chooses none.

Made from the example 2022–2024 data for the 2024 final report, with a copy of the Weihai plan whose plan.yml chooses
the words. Expected words worked out by hand from the plan and the example data (see each test).
"""
from __future__ import annotations

import io
import re

import openpyxl
import pytest
import yaml

from analysis.catalog import catalog
from analysis.plan import load_plan
from analysis.publish.data import build_tables
from analysis.report.context import load_report, report_context
from analysis.report.html import scorecard_html
from analysis.report.palette import LIGHT_COLOURS
from analysis.report.pandoc_ast import WORD_JOINER
from analysis.report.scorecard_workbook import ScorecardBook, scorecard_bytes
from analysis.report.word_content import WordDocument, scorecard_blocks
from analysis.report.words import method_note
from tests.conftest import FIXTURES, copy_plan, relative
from tests.support.line_breaks import unmarked

EXAMPLE = FIXTURES / "example-2022-2024"


def tables_with(tmp_path_factory, status_words: dict):
    """The example data's tables, from a copy of the Weihai plan that chooses ``status_words``."""
    from analysis.settings import DEFAULT_PLAN_DIR

    folder = copy_plan(DEFAULT_PLAN_DIR, tmp_path_factory.mktemp("plans") / "weihai")
    spec = yaml.safe_load((folder / "plan.yml").read_text(encoding="utf-8"))
    (folder / "plan.yml").write_text(yaml.safe_dump({**spec, "status_words": status_words}, allow_unicode=True),
                                     encoding="utf-8")
    return build_tables(load_plan(folder), "eurostat", EXAMPLE)


@pytest.fixture(scope="module")
def light_tables(tmp_path_factory):
    return tables_with(tmp_path_factory, {"vocabulary": "traffic_light"})


@pytest.fixture(scope="module")
def review_tables(tmp_path_factory):
    return tables_with(tmp_path_factory, {"vocabulary": "review"})


def rows_of(html: str) -> dict[str, list[str]]:
    """The scorecard's body rows by their number: each cell's text, tags removed."""
    found = {}
    for row in re.findall(r"<tr(?: id=\"[^\"]*\")?>(.*?)</tr>", html, re.S):
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells:
            found.setdefault(cells[0], cells)
    return found


def headers_of(html: str) -> list[str]:
    return re.findall(r"<th[^>]*>([^<]*)</th>", unmarked(html))


def test_the_assessment_table_holds_the_words(light_tables, review_tables):
    light = light_tables.assessment.set_index(["report_year", "indicator_id", "series"])["official_status"]
    review = review_tables.assessment.set_index(["report_year", "indicator_id", "series"])["official_status"]
    # 2024, R&D intensity (2): 2.7 in 2024 against 2.8: not achieved, a final verdict: red, 未完成
    assert light[(2024, 2, "")] == "red" and review[(2024, 2, "")] == "not_completed"
    # 2024, R&D personnel (1): 24,800 against 24,500: achieved: green, 已完成
    assert light[(2024, 1, "")] == "green" and review[(2024, 1, "")] == "completed"
    # 2024, indicator 21: 8.4 (2020) → 9.3 (2023) against 10 in 2024: completion 0.9 / 1.6 = 56.25 %, time elapsed
    # 3 / 4 = 75 %: 18.75 points behind, amber; moderate progress: 基本符合预期
    assert light[(2024, 21, "")] == "amber" and review[(2024, 21, "")] == "on_schedule"
    # provincial R&D intensity (4): 3.1 → 2.9 (2022) against 3.3: moving away, (0.5 + 1.0) × 100 = 150 behind
    assert light[(2024, 4, "provincial")] == "red" and review[(2024, 4, "provincial")] == "lagging"
    assert light[(2024, 22, "")] == "" and review[(2024, 22, "")] == ""  # qualitative
    assert light_tables.plan["status_words"] == {"vocabulary": "traffic_light", "amber_points": 10, "red_points": 30}


def test_the_html_scorecard_has_the_light_as_a_last_column_in_its_colour(light_tables):
    html = scorecard_html(report_context(light_tables, 2024, "zh"))
    assert headers_of(html)[-2:] == ["状态", "红黄绿灯"] and 'class="scorecard with-official' in html
    rows = rows_of(html)
    assert rows["2"][-1] == "红灯" and rows["21"][-1] == "黄灯" and rows["1"][-1] == "绿灯"
    assert rows["22"][-1] == ""  # a qualitative indicator has no light
    assert len(rows["22"]) == len(rows["2"]) == 10
    background, text = LIGHT_COLOURS["amber"]
    assert f'class="official-light light-amber" style="background:{background};color:{text};' in html


def test_the_review_words_in_english(review_tables):
    html = scorecard_html(report_context(review_tables, 2024, "en"))
    assert headers_of(html)[-1] == "Review wording"
    rows = rows_of(html)
    assert rows["2"][-1] == "Not completed" and rows["1"][-1] == "Completed" and rows["21"][-1] == "Broadly on schedule"
    assert "official-light" not in html  # a review's word is text, not a badge


def test_no_column_without_a_choice(example_tables):
    context = load_report(relative(example_tables), 2024, "zh")
    html = scorecard_html(context)
    assert headers_of(html)[-1] == "状态" and "with-official" not in html and "红黄绿灯" not in html
    assert all(len(cells) == 9 for cells in rows_of(html).values())
    assert "红黄绿灯" not in method_note(context) and "规划评估表述" not in method_note(context)
    # no table of words either: the method section as before, in the Word edition too (its page count held)
    from analysis.report.word_content import method_blocks

    assert "|---" not in method_note(context) and method_note(context, table=False) == method_note(context)
    document = WordDocument()
    method_blocks(document, context)
    assert document.tables == 0 and len(document.blocks) == 2  # the heading and the note's placeholder


def strings(node) -> str:
    """The text of a pandoc AST node: its Str nodes, spaces between."""
    if isinstance(node, dict):
        if node.get("t") == "Str":
            return node["c"]
        if node.get("t") in ("Space", "SoftBreak", "LineBreak"):
            return " "
        return strings(node.get("c"))
    if isinstance(node, list):
        return "".join(strings(item) for item in node)
    return ""


def test_the_word_scorecard_has_the_light_in_its_colour(light_tables):
    document = WordDocument()
    scorecard_blocks(document, report_context(light_tables, 2024, "en"))
    tables = [block["c"] for block in document.blocks if block["t"] == "Table"]
    assert len(tables) == 1  # one table, its header repeated where a page breaks it, a category a row of it
    headers = [strings(cell) for cell in tables[0][3][1][0][1]]
    # the final evaluation: no "needed per year" column (every target's year has come), 9 columns
    assert headers[-2:] == ["Status", "Traffic light"] and len(tables[0][2]) == 9
    # the category is the body's first row, across the table
    rows = tables[0][4][0][3]
    assert [strings(cell) for cell in rows[0][1]] == ["Concentration of innovation resources"]
    # a row's place: (its table, its row counted from the header's, 0)
    body = {strings(row[1][0]): ([strings(cell) for cell in row[1]], (0, index))
            for index, row in enumerate(rows, 1)}
    assert body["2"][0][-1] == "Red" and body["21"][0][-1] == "Amber" and body["1"][0][-1] == "Green"
    shaded = {(shade.table, shade.row, shade.column): shade.colour for shade in document.shading}
    assert shaded[(*body["21"][1], 8)] == LIGHT_COLOURS["amber"][0]
    # R&D super-deduction (21) under the fourth category, policy and governance: the fourth band above it
    bands = [index for index, row in enumerate(rows, 1) if len(row[1]) == 1]
    assert len(bands) == 5 and bands[3] < body["21"][1][1] < bands[4]


def test_the_workbook_has_the_light_filled_and_the_rule_on_its_front(light_tables):
    book = openpyxl.load_workbook(io.BytesIO(scorecard_bytes(ScorecardBook(report_context(light_tables, 2024, "zh"),
                                                                           "2025-01-15"))))
    sheet = book.worksheets[2]
    headers = [cell.value for cell in sheet[1]]
    assert headers[-4:] == ["状态", "结论说明", "红黄绿灯", "牵头责任部门"]
    column = headers.index("红黄绿灯")
    series = headers.index("序列")
    by_id = {(row[0].value, row[series].value or ""): row for row in sheet.iter_rows(min_row=2)}
    assert by_id[(21, "")][column].value == "黄灯"
    assert by_id[(21, "")][column].fill.fgColor.rgb == "FF" + LIGHT_COLOURS["amber"][0].lstrip("#").upper()
    assert by_id[(2, "")][column].value == "红灯" and by_id[(22, "")][column].value is None
    front = {row[0].value: row[1].value for row in book.worksheets[1].iter_rows(min_row=3, max_row=14) if row[0].value}
    assert "落后不到10个百分点为绿灯，10～30个百分点（含两端）为黄灯，超过30个百分点为红灯" in front["红黄绿灯"]


def test_the_method_note_states_the_rule_with_the_plans_thresholds(light_tables, tmp_path_factory):
    note = method_note(report_context(light_tables, 2024, "zh"))
    assert ("落后不到10个百分点（含进度超前）为绿灯，落后10至30个百分点（含两端）为黄灯，"
            "落后超过30个百分点为红灯") in note
    changed = tables_with(tmp_path_factory, {"vocabulary": "traffic_light", "amber_points": 5, "red_points": 12.5})
    note = " ".join(method_note(report_context(changed, 2024, "en")).split())
    assert ("Under 5 points behind (or ahead) is green; 5 to 12.5 points behind, both included, amber; "
            "more than 12.5 red") in note
    # 21: 18.75 points behind is red beyond 12.5
    assert changed.assessment.set_index(["report_year", "indicator_id"]).loc[(2024, 21), "official_status"] == "red"


def test_the_review_rule_in_the_method_note(review_tables):
    note = method_note(report_context(review_tables, 2024, "zh"))
    assert "**规划评估表述。**" in note and "“相对滞后”" in note


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of ``#rrggbb`` or ``#rgb``."""
    digits = colour.lstrip("#")
    digits = "".join(2 * d for d in digits) if len(digits) == 3 else digits
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    red, green, blue = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize(("light", "ratio"), [("green", 7.87), ("red", 6.57), ("amber", 10.66)])
def test_a_lights_text_has_wcag_aa_contrast_on_its_badge(light, ratio):
    # (L1 + 0.05) / (L2 + 0.05), the lighter over the darker: #1b5e20 and #b71c1c under white, #f9a825 under black
    background, text = LIGHT_COLOURS[light]
    lighter, darker = sorted((relative_luminance(background), relative_luminance(text)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) == pytest.approx(ratio, abs=0.005)
    assert ratio >= 4.5


@pytest.mark.parametrize(("year", "language"), [(2023, "en"), (2023, "zh"), (2024, "en")])
def test_every_piece_of_the_ten_column_scorecard_stays_in_its_column_on_paper(review_tables, year, language):
    """The scorecard with the review's words as a tenth column, printed: no cell's text runs past its column. At the
    2023 mid-term the English table's "≥90% every year" (the needed pace of a level held every year, one piece) ran
    16 px past its column of 11 %, "0.09 pp" 2 px past the gap's; the Chinese "0.09个百分点" 4 px."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from analysis.settings import TEMPLATES_DIR

    html = scorecard_html(report_context(review_tables, year, language))
    assert "with-official" in html
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    page = (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><style>{css}</style></head><body>'
            f'<main class="report"><div class="jp-RenderedHTMLCommon">{html}</div></main></body></html>')
    past = []
    for sheet in HTML(string=page, media_type="print").render().pages:
        for cell in sheet._page_box.descendants():
            if isinstance(cell, boxes.TableCellBox):
                right = cell.content_box_x() + cell.width + cell.padding_right
                past += [box.text for box in cell.descendants()
                         if isinstance(box, boxes.TextBox) and box.position_x + box.width > right + 0.5]
    assert past == []


def _pandoc_text(node) -> str:
    """The text of a pandoc JSON node: its strings, a space for a space."""
    if isinstance(node, dict):
        return node["c"] if node.get("t") == "Str" else " " if node.get("t") in ("Space", "SoftBreak") else \
            _pandoc_text(node.get("c", []))
    return "".join(_pandoc_text(item) for item in node) if isinstance(node, list) else ""


def word_table(context) -> list[list[str]]:
    """The method section's table as the Word edition lays it out: its rows of cell texts, the header first, without
    the word joiners that keep a word on its line; the note above it without a table of its own."""
    from analysis.report.word_content import method_blocks

    assert "|---" not in method_note(context, table=False)  # no pipe table (a | stands for an absolute value)
    document = WordDocument()
    method_blocks(document, context)
    [table] = [block for block in document.blocks if block["t"] == "Table"]
    assert document.tables == 1 and document.kept_together == [0]  # on one page
    _, _, _, head, bodies, _ = table["c"]
    rows = head[1] + [row for body in bodies for row in body[3]]
    return [[_pandoc_text(cell[4]).replace(WORD_JOINER, "").strip() for cell in row[1]] for row in rows]


def html_table(note: str) -> tuple[list[str], list[list[str]]]:
    """The method note as the HTML report renders it (nbconvert's Markdown): the paragraphs' text and the table's
    rows of cell texts, the header first."""
    from bs4 import BeautifulSoup
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    page = BeautifulSoup(markdown2html_mistune(note), "html.parser")
    [table] = page.find_all("table")
    return ([p.get_text() for p in page.find_all("p")],
            [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")])


#: The review's words at the 2023 mid-term, by hand from the example data: every series with an interim target has its
#: 2023 value but 4 provincial (no value since 2022: moving away, a progress verdict, 相对滞后); 12 met their stage
#: targets (1, 4 national, 6, 7, 8, 9, 11, 13, 14, 16, 21, 26) and 17 holds its level so far: 13 已完成; 10 missed
#: theirs (2, 3, 5 both series, 10, 12, 15, 19, 20, 25) and 18 its level (4.6 of 5): 11 未完成; none before its year.
MID_TERM = {"提前实现": 0, "快于预期": 0, "基本符合预期": 0, "相对滞后": 1, "已完成": 13, "未完成": 11, "数据不足": 0}
#: The 2024 final: 21 (9.3 in 2023, no 2024 value, moderate) 基本符合预期, 4 provincial 相对滞后, and of the 23 with
#: their 2024 value 9 miss it (2, 5 provincial, 8, 10, 14, 16, 18, 20, 25: 未完成), 14 meet it (已完成).
FINAL = {"基本符合预期": 1, "相对滞后": 1, "已完成": 14, "未完成": 9}


def test_the_method_note_tables_the_review_words_with_the_series_that_have_them(review_tables):
    """Under the paragraph, each word with its rule in short and how many series have it, as the scorecard's column:
    every word at the mid-term (0 for one none has), in the final only those some series has, the others named."""
    mid_term = report_context(review_tables, 2023, "zh")
    note = method_note(mid_term)
    rule = {word: catalog("zh")[f"official_status.review.rules.{key}"]
            for key, word in catalog("zh")["official_status.review.words"].items()}
    paragraphs, rows = html_table(note)
    assert rows[0] == ["表述", "判定规则", "本报告序列数"]
    assert rows[1:] == [[word, rule[word], str(count)] for word, count in MID_TERM.items()]
    assert word_table(mid_term) == rows  # the Word edition: the same table
    assert paragraphs[-1] == "各表述的判定规则及本报告中的序列数（按序列计，定性指标不列）："
    assert note.index("**规划评估表述。**") < note.index("| 表述 |")  # where the paragraph is, after it
    final = report_context(review_tables, 2024, "zh")
    paragraphs, rows = html_table(method_note(final))
    assert rows[1:] == [[word, rule[word], str(count)] for word, count in FINAL.items()]
    assert word_table(final) == rows
    assert paragraphs[-1] == ("总结评估只列有序列使用的表述，“提前实现”、“快于预期”或“数据不足”"
                              "本报告没有序列使用，不列。"
                              "各表述的判定规则及本报告中的序列数（按序列计，定性指标不列）：")
    english = method_note(report_context(review_tables, 2024, "en"))
    paragraphs, rows = html_table(english)
    assert [row[0] for row in rows] == ["Wording", "Broadly on schedule", "Lagging", "Completed", "Not completed"]
    assert [row[2] for row in rows[1:]] == ["1", "1", "14", "9"]
    assert paragraphs[-1].startswith("A final evaluation lists only the words some series has; no series here has "
                                     "“Reached early”, “Ahead of schedule” or “Insufficient data”.")


def test_the_lights_table_counts_the_lights_with_the_plans_thresholds(light_tables):
    """The traffic light's words in the same table, their rules with the plan's points (10, 30): at the 2024 final 21
    is amber (18.75 points behind), 4 provincial red (moving away), the 23 judged on their 2024 value green (14) or
    red (9); no series without data."""
    paragraphs, rows = html_table(method_note(report_context(light_tables, 2024, "zh")))
    assert rows[1:] == [["绿灯", "落后不到10个百分点（含进度超前），或已达标", "14"],
                        ["黄灯", "落后10～30个百分点（含两端）", "1"],
                        ["红灯", "落后超过30个百分点，或目标年数据到位后未达标", "10"]]

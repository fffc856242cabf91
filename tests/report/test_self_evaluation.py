"""The self-evaluation report as the report run writes it: at a mid-term or final evaluation only, in the Ministry's
outline, in both languages, its gaps marked; data text escaped, never markup."""
from __future__ import annotations

import html
import io
import itertools
import json
import re
import zipfile

import docx
import pytest
from lxml import etree

from analysis.plan import load_plan
from analysis.publish.data import build_tables
from analysis.report.context import load_report
from analysis.report.line_breaks import CLOSING_MARKS, HAN
from analysis.report.line_breaks import columns as letters
from analysis.report.pandoc_ast import WORD_JOINER
from analysis.report.render import html_external_references
from analysis.report.self_evaluation import final_verdicts, self_evaluation_blocks
from analysis.report.self_evaluation_files import self_evaluation_document
from analysis.report.word_content import letters_across
from tests.conftest import DEFAULT_PLAN_DIR, EXAMPLE_REPORTS, LAKESIDE_REPORTS, NATIONAL_REPORTS, copy_plan
from tests.support.line_breaks import paragraph_lines
from tests.support.pdf import pdf_layout
from tests.support.self_evaluation import block_texts, year_context

CASES = [*EXAMPLE_REPORTS, *LAKESIDE_REPORTS, *NATIONAL_REPORTS]
OUTLINE = {"zh": ["一、总体情况和整体评价", "二、目标和指标完成情况", "三、重点任务实施情况",
                  "四、组织保障措施落实情况", "五、取得的经验做法", "六、存在的问题和意见建议", "七、证明材料和附件",
                  "附：材料报送情况（供评估牵头单位核对，定稿报送前删除）"],
           "en": ["1. Overall situation and evaluation", "2. Goals and indicators", "3. Key tasks",
                  "4. Organisation and support measures", "5. Experience and practices", "6. Problems and suggestions",
                  "7. Supporting evidence and annexes",
                  "Annex: what the departments sent (for the evaluation office; delete before submission)"]}


@pytest.mark.parametrize("case", CASES)
def test_written_at_a_mid_term_or_final_evaluation_only(example_reports, case):
    folder = example_reports[case]
    kind = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["summary"]["kind"]
    written = {path.name for path in folder.glob("self-evaluation.*")}
    assert written == (set() if kind == "annual" else {"self-evaluation.docx", "self-evaluation.pdf",
                                                        "self-evaluation.html"})


@pytest.mark.parametrize(("case", "language"), [("final-zh", "zh"), ("final-en", "en")])
def test_the_word_draft_follows_the_outline_with_its_gaps_marked(example_reports, case, language):
    document = docx.Document(example_reports[case] / "self-evaluation.docx")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == OUTLINE[language]
    marked = [run.text for p in document.paragraphs for run in p.runs if run.bold and run.text.strip()]
    owed = {"zh": "【待补充：市发展改革委】", "en": "[To be supplied: Municipal Development and Reform Commission]"}
    # task 1.1's lead sent nothing: its gap is bold, and as typed, so that Word's Find finds every "待补充"
    assert owed[language] in marked
    gap = {"zh": "【待补充：", "en": "[To be supplied: "}[language]
    placeholders = [text for text in marked if gap in text]
    assert len(placeholders) > 20 and not any(WORD_JOINER in text for text in placeholders)
    # Weihai's 29 key tasks, each under its group (task 7.6 is the last)
    # no-break spaces keep numbers whole, word joiners a department's name
    text = "\n".join(p.text for p in document.paragraphs).replace("\u00a0", " ").replace("\u202f", " ").replace(
        WORD_JOINER, "")
    first, last = {"zh": ("\n1.1 ", "\n7.6 "), "en": ("\nTask 1.1 – ", "\nTask 7.6 – ")}[language]
    assert text.count(last) == 1 and text.count(first) == 1


def test_the_page_loads_nothing_and_escapes_the_data(example_reports):
    page = (example_reports["final-zh"] / "self-evaluation.html").read_text(encoding="utf-8")
    assert html_external_references(page) == []
    # a placeholder kept whole on its line (never 【待补充：市科 | 技局】)
    assert '<span class="placeholder"><span class="nobr">【待补充：评估牵头单位】</span></span>' in page
    assert "R&amp;D经费投入强度" in page and "R&D经费" not in page.replace("R&amp;D", "")


def test_the_paragraph_before_a_table_stays_on_its_page(example_reports):
    # the annex's note on who is asked for a task's words leads into the submissions table: kept with it
    page = (example_reports["final-zh"] / "self-evaluation.html").read_text(encoding="utf-8")
    note = re.search(r'<p class="lead-in">方案对重点任务只列责任部门(?:(?!</p>).)*</p>\s*'
                     r'<div class="table-wrap"><table class="submissions', page)
    assert note, "the annex's note is not kept with its table"


def test_the_paragraph_before_a_table_stays_on_its_page_in_word(example_reports):
    # the Word draft's annex note is kept with the submissions table after it
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(example_reports["final-zh"] / "self-evaluation.docx") as docx:
        body = etree.fromstring(docx.read("word/document.xml")).find(f"{w}body")
    leading = [block for block, after in zip(body, list(body)[1:]) if block.tag == f"{w}p" and after.tag == f"{w}tbl"]
    note = [p for p in leading if "方案对重点任务只列责任部门" in "".join(t.text or "" for t in p.iter(f"{w}t"))
            .replace("\u2060", "")]
    assert len(note) == 1 and note[0].find(f"{w}pPr/{w}keepNext") is not None


def test_the_word_drafts_numbers_are_right_aligned_and_its_words_not(example_reports):
    """Row 1 of the indicators table: 22,154, 24,500 and 24,800 (2024's, said in the cell: the latest values' years
    differ) right-aligned (digits under digits, as the HTML and the report's scorecard); its name, unit and status
    left as written."""
    document = docx.Document(example_reports["final-zh"] / "self-evaluation.docx")
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "序号")
    row = next(r for r in table.rows if r.cells[0].text == "1")
    aligned = [cell.paragraphs[0].alignment for cell in row.cells]
    # (2024⁠年: a word joiner keeps a year whole in Word)
    assert [cell.text for cell in row.cells][3:6] == ["22,154", "24,500", "24,800\n（2024\u2060年）"]
    assert aligned[3:6] == [docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT] * 3
    assert docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT not in aligned[:3] + aligned[6:]


def test_a_plan_without_tasks_says_so_instead_of_counting_none(example_reports):
    page = (example_reports["national-2015-zh"] / "self-evaluation.html").read_text(encoding="utf-8")
    # said of what the evaluation was given, in the plan's own word (plan.yml's plan_word: 规划), never naming a
    # file or blaming the plan
    assert "本次评估未获得规划重点任务和保障措施的材料。" in page and "0个方面" not in page
    assert "本次评估未获得规划重点任务的材料。" in page
    assert "tasks.csv" not in page and "可读取" not in page


@pytest.mark.parametrize("case", ["final-zh", "final-en", "national-2015-zh"])
def test_no_line_runs_past_the_page_margin(example_reports, case):
    # A4 is 595.3 pt wide and report.css sets 16 mm (45.4 pt) margins: every line ends by 549.9 pt
    overflowing = [(number, box[4][:30]) for number, page in enumerate(pdf_layout(
        example_reports[case] / "self-evaluation.pdf"), 1) for box in page["boxes"]
        if box[4] and box[2] > page["width"] - 16 / 25.4 * 72 + 1]
    assert overflowing == []


# --- the share of indicators achieved (指标达标比例): final verdicts only, the denominator and the rest stated -----

def _page_text(folder) -> str:
    """The self-evaluation page's text, its markup (the spans that keep a line whole) taken out."""
    page = (folder / "self-evaluation.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.fixture(scope="module")
def one_value_of_the_plan_period(project_tmp):
    # the plan as printed (values to the 2021 baselines) and one value for the plan period: marine economy (26),
    # 36.6 in 2022 against 36 for 2024, met, as the real data of 2023 have it; a progress verdict in 2024, not final
    folder = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "self-evaluation-one" / "weihai")
    (folder / "observations" / "2023-one.csv").write_text(
        "indicator_id,series,year,value,source\n26,,2022,36.6,威海日报2023\n", encoding="utf-8")
    return build_tables(load_plan(folder), "eurostat")


def test_no_space_beside_a_full_width_mark_in_the_chinese_pdf(example_tables, tmp_path):
    """The Chinese draft's text has no space beside a full-width colon or bracket, nor does its print show one: a
    placeholder after a colon reads 整体评价：【待补充：评估牵头单位】, 原因：【待补充：市科技局】, never with the gap
    a highlight's padding left, which a reader (and a PDF's text) takes for a space."""
    from analysis.report.render import html_to_pdf
    from analysis.report.self_evaluation_files import self_evaluation_html
    from tests.conftest import relative

    context = load_report(relative(example_tables), 2023, "zh")
    page = tmp_path / "self-evaluation.html"
    page.write_text(self_evaluation_html(context, "2026-01-01"), encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8").split("<body>", 1)[1]))
    marks = "：；，。、（）【】《》"  # a task's number before its title's quote (1.2 “五区”示范) is no such space
    beside = re.compile(f"[{marks}][ \u00a0\u3000]|[ \u00a0\u3000][{marks}]")
    assert not beside.findall(text)
    html_to_pdf(page, tmp_path / "self-evaluation.pdf")
    lines = [box[4] for layout in pdf_layout(tmp_path / "self-evaluation.pdf") for box in layout["boxes"]]
    assert "整体评价：【待补充：评估牵头单位】" in lines
    assert any(line.endswith("原因：【待补充：市科技局】") for line in lines)
    assert not [line for line in lines if beside.search(line)]
    # nor the Word draft's paragraphs and cells (pandoc's inlines: Str, Space, a placeholder in Strong)

    def said(node) -> str:
        if isinstance(node, list):
            return "".join(said(item) for item in node)
        if not isinstance(node, dict):
            return ""
        kind, content = node.get("t"), node.get("c")
        if kind == "Str":
            return content
        if kind in ("Space", "SoftBreak", "LineBreak"):
            return "\n" if kind == "LineBreak" else " "
        return "\n" + said(content) if kind in ("Para", "Plain") else said(content)

    document, _ = self_evaluation_document(context, "2026-01-01")
    word = said(document["blocks"]).replace(WORD_JOINER, "")
    assert "整体评价：【待补充：评估牵头单位】" in word and not beside.findall(word)


def printed_rows(page) -> list[tuple[int, list[list[int]]]]:
    """Each table body of the printed ``page`` (an HTML file), in order: how many rows it has, and the rows (their
    places in the body) each page prints of it, page by page (WeasyPrint's layout)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from analysis.report.render import offline_fetcher

    document = HTML(filename=page, url_fetcher=offline_fetcher(), media_type="print").render()
    bodies, pages = [], []
    for printed in document.pages:
        for box in printed._page_box.descendants():
            if isinstance(box, boxes.TableRowGroupBox) and box.element_tag == "tbody":
                if box.element not in bodies:
                    bodies.append(box.element)
                    pages.append([])
                rows = list(box.element)
                pages[bodies.index(box.element)].append([rows.index(row.element) for row in box.children])
    return [(len(body), printed) for body, printed in zip(bodies, pages)]


@pytest.fixture(scope="module")
def printed_pages(example_tables, tmp_path_factory):
    """A year's and language's self-evaluation page, written once, and the rows of its tables as they print (each
    table's row count and its rows by page): laid out once for every test that reads them."""
    from analysis.report.self_evaluation_files import self_evaluation_html
    from tests.conftest import relative

    laid_out = {}

    def printed(year: int, language: str):
        if (year, language) not in laid_out:
            page = tmp_path_factory.mktemp(f"self-evaluation-{year}-{language}") / "self-evaluation.html"
            page.write_text(self_evaluation_html(load_report(relative(example_tables), year, language),
                                                 "2026-01-01"), encoding="utf-8")
            laid_out[year, language] = page, printed_rows(page)
        return laid_out[year, language]
    return printed


@pytest.mark.parametrize("year, language", [(2023, "zh"), (2023, "en"), (2024, "zh"), (2024, "en")])
def test_no_printed_table_leaves_its_last_row_alone_on_a_page(printed_pages, tmp_path, year, language):
    """The English final's annex (nine departments) ran from page 11 to a page 12 holding one row, the Municipal
    Administration for Market Regulation's: a table's last row goes to the next page with the row before it, and the
    annex, in the type of the indicators' table with an English name two lines a row, is printed on one page."""
    from analysis.report.render import html_to_pdf

    page, printed = printed_pages(year, language)
    assert len(printed) >= 2  # the indicators' table and the annex
    for count, pages in printed:
        assert sum(len(rows) for rows in pages) == count
        assert count < 2 or len(pages[-1]) >= 2, pages
    annex = printed[-1][1]
    if (year, language) == (2024, "en"):
        assert annex == [list(range(9))]  # nine departments owe words, all on the annex's page
        html_to_pdf(page, tmp_path / "self-evaluation.pdf")
        # the lone row's page gone: 12 pages, the annex whole on the last (each assessment's status a badge with its
        # note on a line of its own lengthened the indicators' table by a page)
        assert len(pdf_layout(tmp_path / "self-evaluation.pdf")) == 12


@pytest.mark.parametrize("year, language", [(2023, "en"), (2023, "zh"), (2024, "en")])
def test_no_printed_table_starts_at_a_pages_foot_with_one_row_under_its_header(printed_pages, year, language):
    """The English mid-term's indicators' table started at page 1's foot, its header and row 1 (R&D personnel) there,
    rows 2 to 24 on page 2: a table's first page holds three of its rows at least (every row of a shorter one)."""
    _, printed = printed_pages(year, language)
    assert len(printed) >= 2  # the indicators' table and the annex
    for count, pages in printed:
        assert len(pages[0]) >= min(3, count), pages


@pytest.mark.parametrize("year, language", [(2023, "zh"), (2024, "zh"), (2024, "en")])
def test_a_key_tasks_line_is_printed_on_one_page_with_what_follows_it(example_tables, tmp_path, year, language):
    """Once a task's departments could break at a line's end, a task's line broke at a page's too: the English
    final's task 6.3 ended page 6 at "…Municipal Local Financial Supervision and", the Chinese mid-term's 7.6 at
    "…市自然资"; and the final's 4.4 ended page 4 with its placeholder on page 5. Each task's line on one page, the
    paragraph after it starting on that page."""
    from weasyprint import HTML

    from analysis.report.render import offline_fetcher
    from analysis.report.self_evaluation_files import self_evaluation_html
    from tests.conftest import relative

    page = tmp_path / "self-evaluation.html"
    page.write_text(self_evaluation_html(load_report(relative(example_tables), year, language), "2026-01-01"),
                    encoding="utf-8")
    document = HTML(filename=page, url_fetcher=offline_fetcher(), media_type="print").render()
    pages: dict = {}  # each paragraph's element: the pages its boxes are on
    for number, printed in enumerate(document.pages):
        for box in printed._page_box.descendants():
            if box.element_tag == "p" and box.element is not None:
                pages.setdefault(box.element, set()).add(number)
    order = list(pages)  # the paragraphs in the order printed
    tasks = [element for element in order if "task" in (element.get("class") or "").split()]
    assert len(tasks) >= 29  # Weihai's 29 key tasks
    for task in tasks:
        assert len(pages[task]) == 1, "".join(task.itertext())[:40]
        after = order[order.index(task) + 1] if task is not order[-1] else None
        if after is not None:
            assert min(pages[after]) == min(pages[task]), "".join(task.itertext())[:40]


def test_the_printed_indicator_table_gives_the_assessment_its_width_and_the_units_little(example_tables, tmp_path):
    """The English mid-term's section 2 on paper: laid out by the longest words, the unit column took about 25
    letters ("100 million yuan" whole) and the assessment 7, a verdict one or two words a line (4 provincial's on 17
    lines) over five pages. Widths by what a column holds: the unit's pieces whole in a smaller type ("100 million
    yuan", "per 10,000 people": they printed "100 million | yuan", "per 10,000 | people" in a 13% column), the
    assessment about a fifth of the line at least (it had 14%; 19% since the latest value's column holds a value
    with thousands and its year on one line), wider than the unit with the blank before the right-aligned baseline;
    the table is done by page 4 (it ran to page 6; it starts on page 2, with more than one row under its header)."""
    from analysis.report.render import html_to_pdf
    from analysis.report.self_evaluation_files import self_evaluation_html
    from tests.conftest import relative

    page = tmp_path / "self-evaluation.html"
    page.write_text(self_evaluation_html(load_report(relative(example_tables), 2023, "en"), "2026-01-01"),
                    encoding="utf-8")
    html_to_pdf(page, tmp_path / "self-evaluation.pdf")
    layout = pdf_layout(tmp_path / "self-evaluation.pdf", char_margin=1.0)  # a header's cells apart
    boxes = [box for box in layout[1]["boxes"] if box[4]]  # page 2: the table's header repeated on top

    def left(text):
        return min(box[0] for box in boxes if box[4].startswith(text))

    unit, assessment = left("2020") - left("Unit"), left("Next target") - left("Assessment")
    area = layout[1]["width"] - 2 * 45.35  # A4 less report.css's 16 mm margins
    assert assessment >= 0.185 * area and assessment > unit  # (19%, its width by report.css)
    lines = [box[4] for layout_page in layout for box in layout_page["boxes"]]
    assert "100 million yuan" in lines and "per 10,000 people" in lines
    assert "100 million" not in lines and "per 10,000" not in lines
    # the table's last page: the last with its header (repeated on each page), its column "Assessment"
    last = max(number for number, layout_page in enumerate(layout, 1)
               if any(box[4] == "Assessment" for box in layout_page["boxes"]))
    assert last <= 4


def test_the_printed_units_keep_their_words_and_a_latest_value_its_year_where_the_column_holds_them(example_tables,
                                                                                                    tmp_path):
    """The English final evaluation on paper split units inside their pieces ("10,000 | yuan per | worker",
    "person- | years") and set "45.6 | (2024)" on two lines beside "7 (2024)" on one: a unit's pieces stay whole
    (10,000 yuan | per worker; person-years), and a value with its year on one line where the column holds it, one
    with thousands too ("24,800 | (2024)" on two lines beside "2.7 (2024)" on one)."""
    from analysis.report.render import html_to_pdf
    from analysis.report.self_evaluation_files import self_evaluation_html
    from analysis.settings import PROJECT_ROOT
    from tests.conftest import relative

    lines, boxes = {}, {}
    for plan, folder, year in (("weihai", relative(example_tables), 2024),
                               ("national", PROJECT_ROOT / "data" / "processed" / "national-12th-fyp", 2015)):
        page = tmp_path / f"{plan}.html"
        page.write_text(self_evaluation_html(load_report(folder, year, "en"), "2026-01-01"), encoding="utf-8")
        html_to_pdf(page, tmp_path / f"{plan}.pdf")
        boxes[plan] = [(number, box) for number, layout_page in enumerate(pdf_layout(tmp_path / f"{plan}.pdf"))
                       for box in layout_page["boxes"] if box[4]]
        lines[plan] = [box[4] for _, box in boxes[plan]]
    # a name's last words kept whole end before the unit's column: 9's "per 10,000 employed" printed over its unit
    # "per 10,000" (the name's column 16.5% wide)
    left = min(box[0] for _, box in boxes["national"] if box[4] == "Unit")
    units = [(number, box) for number, box in boxes["national"] if box[4] == "per 10,000" and abs(box[0] - left) < 3]
    assert units
    for number, unit in units:  # every line of the name beside it on its page (level with it: the unit's type is
        # smaller than the name's, their lines' heights differ) ends before the unit's column
        beside = [box for page_number, box in boxes["national"] if page_number == number and box[1] < unit[3]
                  and unit[1] < box[3] and box[0] < unit[0] - 20]
        assert beside and all(box[2] + 3 < unit[0] for box in beside), (beside, unit)
    # Weihai's labour productivity (6) in 10,000 yuan per worker, 23.5 in 2024; high-tech zones (3) 45.6 in 2024
    assert any("10,000 yuan" in line for line in lines["weihai"])
    assert any("per worker" in line for line in lines["weihai"])
    assert any("45.6 (2024)" in line for line in lines["weihai"])
    assert any("23.5 (2024)" in line for line in lines["weihai"])
    # and a value with thousands (1: 24,800 persons; 10: 1,580 enterprises; 11: 2,610), which the latest value's
    # column set as "24,800 | (2024)" two rows above "2.7 (2024)" on one line: the column holds it whole too
    for value in ("24,800", "1,580", "2,610"):
        assert any(f"{value} (2024)" in line for line in lines["weihai"]), value
        assert value not in lines["weihai"], value  # never alone on its line, its year under it
    # and the narrow columns' headers whole, as before (never "No / ." nor "baselin / e")
    assert not [line for plan in lines for line in lines[plan] if line.endswith("baselin") or line in (".", "e")]
    # the national plan's R&D personnel (9) in person-years per 10,000 employed
    assert not any(line.endswith("person-") for plan in lines for line in lines[plan])
    assert sum("person-years" in line for line in lines["national"]) >= 2  # 6's unit and 9's


def test_the_word_indicator_table_gives_the_assessment_a_line_of_words(example_tables):
    """The Word draft's table, sized to its columns' longest words, left the English mid-term's assessment 16
    letters a line beside "24,300 (2023)" kept whole and "Latest value" on one line: the value's year goes under it
    and the header on two lines, as the page sets them, and the assessment has 24 letters at least (in 8 pt at the
    smallest); the Chinese mid-term, whose names need their line, keeps its layout."""
    from analysis.report.pandoc_ast import CELL_PADDING

    for language, least in (("en", 24 + CELL_PADDING), ("zh", 0)):
        context = load_report(example_tables, 2023, language)
        document, laid_on = self_evaluation_document(context, "2025-01-15")
        tables = [block for block in document["blocks"] if block["t"] == "Table"]
        indicators = next(table for table in tables if len(table["c"][2]) == 8)
        shares = [column[1]["c"] for column in indicators["c"][2]]
        points = laid_on.points.get(tables.index(indicators))
        assert points is None or points >= 8.0
        assert shares[6] * letters_across(context, points) >= least
        if language == "en":
            assert shares[6] > 1.5 * shares[2]
            row = next(row for row in indicators["c"][4][0][3]
                       if "".join(node.get("c", "") for node in row[1][0][4][0]["c"]
                                  if node["t"] == "Str") == "1")
            latest = row[1][5][4][0]["c"]
            assert {"t": "LineBreak"} in latest


def test_a_met_level_before_the_target_year_is_no_final_verdict_and_no_share(one_value_of_the_plan_period):
    # the 2024 final evaluation with 26's 2022 value only: "achieved" is a progress status; no indicator has its
    # target year's (2024) value, so there is no share; 1 still lacks it (26), 22 have no value for 2022–2024
    context = year_context(one_value_of_the_plan_period, "zh", 2024)
    numeric = context.joined()[lambda frame: frame["status"] != "qualitative"]
    assert numeric.loc[numeric["indicator_id"] == 26, ["status", "verdict"]].values.tolist() == [
        ["achieved", "progress"]]
    assert final_verdicts(numeric) == {}
    text = block_texts(self_evaluation_blocks(context))
    assert ("23项定量指标均尚无最终判定（目标年份数据尚未到位），暂不计算指标达标比例："
            "1项仅有进展判断（指标26尚缺2023—2024年数据）；22项尚无方案实施期内（2022年起）数据。") in text
    assert not any("100.0%" in t or "完成率" in t for t in text)
    english = block_texts(self_evaluation_blocks(year_context(one_value_of_the_plan_period, "en", 2024)))
    assert ("None of the 23 quantitative indicators has a final verdict yet (no target year's value has been "
            "published), so no share of indicators achieved is given: 1 with a progress verdict only (indicator 26 "
            "lacks its 2023–2024 values); 22 without data for the plan period (from 2022).") in english
    assert not any("completion share" in t or "100.0%" in t for t in english)


@pytest.mark.parametrize("case", ["final-zh", "final-en"])
def test_the_share_of_indicators_achieved_counts_final_verdicts_only(example_reports, case):
    # the example data, final 2024 (tests/assess/test_example_dataset.py): 23 numeric indicators. Without a final
    # verdict: 4 (its national series 3.1 against 3 in 2024 is final, its provincial one has 2.9 for 2022 only) and
    # 21 (9.3 in 2023, none for 2024). Final: 5 not achieved by its provincial series (79 against 80), so 21 in all;
    # achieved 1, 3, 6, 7, 9, 11, 12, 13, 15, 17, 19, 26: 12 of all 23 = 52.17 %, shown 52.2 %, first, as official
    # reviews count; of the 21 with a final verdict 12 = 57.14 %, shown 57.1 %
    expected = {"final-zh": "23项定量指标中，达到目标的12项，按全部定量指标计，达标比例为52.2%（12/23）；"
                            "按目标年份数据已到位、可作最终判定的21项计，达标比例为57.1%（12/21）。"
                            "其余2项仅有进展判断：指标4的省级序列尚缺2023—2024年数据；指标21尚缺2024年数据。",
                "final-en": "Of the 23 quantitative indicators, 12 reached their target: 52.2% of all quantitative "
                            "indicators (12 of 23); of the 21 with a final verdict (their target year's value is in), "
                            "57.1% reached it (12 of 21). The other 2 have a progress verdict only: indicator 4 "
                            "lacks the 2023–2024 values of its provincial series; indicator 21 lacks its 2024 "
                            "value."}[case]
    text = _page_text(example_reports[case])
    assert expected in text
    assert "指标完成率" not in text and "completion share" not in text


def test_a_stage_target_is_no_final_verdict_for_the_share(example_tables):
    # the example data at the 2023 mid-term: 2024's targets follow every 2023 target, so a verdict on 2023's is on a
    # stage. Final for the plan: only a level to hold every year missed in a year, 18 (4.6 in 2023 against 5): 0 of 1.
    # Stage verdicts on 21 indicators: reached by 1, 6, 7, 8, 9, 11, 13, 14, 16, 17, 21, 26 (12: 17 met 2023's 90 with
    # 91.2, 2024's to come; 89.5 in 2022, a year the plan sets no level for, is held to none), missed by 2, 3, 5, 10,
    # 12, 15, 19, 20, 25 (9); 4's provincial series has 2022 only (a progress verdict)
    from tests.conftest import relative

    text = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2023, "zh")))
    # a mid-term's result leads: the interim targets, 17's level held so far (no interim target) apart among those met,
    # as the statuses counted next (11 + 1), and 18's level missed in 2023 among those missed (9 + 1), then the final
    # verdict named
    # 12 of 22 met: 54.545… → 54.5%
    # (never "其中已达阶段目标 11 项，每年须达到的目标目前逐年达标 1 项", hard to read)
    assert ("23项定量指标中，22项对照2023年目标作出判定：达到12项（占54.5%），其中11项达到2023年阶段目标，"
            "1项为“迄今均达标”；未达到10项。"
            # the final verdict (a level missed in a year) named with what it rests on, no share of it: 0.0% would
            # misquote the plan; never "达到目标 0 项"
            "其中1项已可作最终判定：指标18 万元GDP能耗下降率2023年为4.6%，"
            "未达到自2023年起每年不低于5%的要求，未达标。"
            "对照最终目标的指标达标比例待目标年份数据到位后计算。"
            # 23 = 22 + 1: the verdicts are not listed again among those without a final verdict
            # 4 provincial: no value for 2023, the year of the target it answers to (not the plan's last, 2024)
            # its national series has 2023's value (7, final): only the provincial series lacks it
            "其余1项（指标4）的省级序列尚缺2023年数据。") in text
    # 14 met its 2023 interim target (103 against 100) on a course short of 2024's 120 (+8.8% a year against +16.5%
    # needed): a risk to the next target, its pace explained, never the "reasons" of a target it met; 2 (2.61 short
    # of 2.7) is asked its reasons
    problems = text[text.index("六、存在的问题和意见建议"):]
    services = next(t for t in problems if t.startswith("科技服务机构："))
    assert "增速偏慢的原因：" in services and "。原因：" not in services
    assert any(t.startswith("R&D经费投入强度：") and "。原因：" in t and "增速偏慢" not in t for t in problems)
    # counted as the scorecard shows them: an interim target met is not the plan's "已达标"; those met first, then the
    # others worst first, as every tally orders them (a final verdict missed, a rating of the pace, a stage missed)
    # one list, its items parted by 、; all 23 have data for the plan period: not said of them
    assert any("进展判断），23项定量指标中，已达阶段目标11项、迄今均达标1项、未达标1项、"
               "偏离目标1项、未达阶段目标9项。" in t for t in text)
    english = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2023, "en")))
    # (never "12 met them (54.5%: 11 an interim target, 1 a level to hold every year, met so far)")
    assert any(t.startswith("Of the 23 quantitative indicators, 22 were judged against their 2023 targets: 12 met "
                            "them (54.5%; 11 met the 2023 interim target, and 1 has met its yearly level so far) and "
                            "10 missed them. "
                            "Of these, one already has a final verdict: "
                            "indicator 18, “Decline in energy use per unit of GDP”, was 4.6% in 2023, short of the "
                            "level it is assessed against (≥5% every year from 2023): not achieved. The share of "
                            "indicators achieving their final targets can be "
                            "given once the target years' values are in. The remaining one, indicator 4, lacks "
                            "the 2023 value of its provincial series.") for t in english)
    # the counts in a sentence, each status as a sentence writes it (never "…: Interim target met 11; Moving away 1"),
    # listed as English lists, never run together with semicolons
    assert any("interim target met\u00a011, met so far\u00a01, not achieved\u00a01, moving "
               "away\u00a01 and interim target missed\u00a09." in t for t in english)
    assert not any("比例0.0%" in t or "of 0.0%" in t or "(0 of 2" in t or "0 reached" in t or "目标0项" in t
                   for t in text + english)


def test_an_indicator_without_a_final_verdict_names_the_series_that_lack_the_target_years_value():
    """What an indicator with a progress verdict only lacks is said of the series that lack it: 4's national series
    has its 2023 value (a final verdict), its provincial one not; both lacking, both named, the value plural; one
    series of its own, its value."""
    from types import SimpleNamespace

    import pandas as pd

    from analysis.catalog import catalog
    from analysis.report.self_evaluation import _lacking_items

    numeric = pd.DataFrame({"indicator_id": [4, 4, 5, 5, 21], "series": ["national", "provincial", "national",
                                                                         "provincial", ""],
                            "verdict": ["final", "progress", "progress", "progress", "progress"],
                            "target_year": [2023, 2023, 2023, 2023, 2024]})
    for language, expected in (
            ("zh", ["指标4的省级序列尚缺2023年数据", "指标5的国家级、省级序列尚缺2023年数据",
                    "指标21尚缺2024年数据"]),
            ("en", ["indicator 4 lacks the 2023 value of its provincial series",
                    "indicator 5 lacks the 2023 values of its national and provincial series",
                    "indicator 21 lacks its 2024 value"])):
        context = SimpleNamespace(words=catalog(language), language=language)
        assert _lacking_items(context, numeric, [4, 5, 21]) == expected


def test_an_indicator_without_a_final_verdict_names_every_year_its_series_lacks():
    """A series whose latest value is 2022's lacks 2023's as well as its target year's (2024): both named, not
    "lacks 2024" alone, which reads as if 2023 were in; a latest of 2023 lacks 2024 alone."""
    from types import SimpleNamespace

    import pandas as pd

    from analysis.catalog import catalog
    from analysis.report.self_evaluation import _lacking_items

    numeric = pd.DataFrame({"indicator_id": [4, 4, 21, 26], "series": ["national", "provincial", "", ""],
                            "verdict": ["final", "progress", "progress", "progress"],
                            "target_year": [2024, 2024, 2024, 2024], "as_of_year": [2024, 2022, 2023, 2022]})
    for language, expected in (
            ("zh", ["指标4的省级序列尚缺2023—2024年数据", "指标21尚缺2024年数据",
                    "指标26尚缺2023—2024年数据"]),
            ("en", ["indicator 4 lacks the 2023–2024 values of its provincial series",
                    "indicator 21 lacks its 2024 value", "indicator 26 lacks its 2023–2024 values"])):
        context = SimpleNamespace(words=catalog(language), language=language)
        assert _lacking_items(context, numeric, [4, 21, 26]) == expected


def test_a_final_verdict_is_named_with_the_value_it_rests_on(example_tables):
    """Each indicator with a final verdict, as the mid-term names it: a level missed in a year by that year's value
    against the level (18: 4.6 in 2023 against ≥5 every year), another by its target year's value against the target
    (the example's 2024 values: 1 reached 24,500 with 24,800, 16 missed 160 with 158; of 5, not achieved, the series
    that missed: the provincial's 79 against 80, not the national 7 that reached its 7)."""
    from analysis.report.self_evaluation import _final_items
    from tests.conftest import relative

    for language, expected in (
            ("zh", ["指标1 研发人员数2024年为24,800人，2024年目标24,500人，已达标",
                    "指标5 省级科技创新基地2024年为79个，2024年目标80个，未达标",
                    "指标16 技术合同成交额2024年为158亿元，2024年目标160亿元，未达标",
                    "指标18 万元GDP能耗下降率2023年为4.6%，未达到自2023年起每年不低于5%的要求，未达标"]),
            # in English the name quoted inside the sentence, as the plan gives it (never "indicator 18, Decline in
            # …", its capital read as a sentence's start), its unit after it
            ("en", ["indicator 1, “R&D personnel” (people), was 24,800 in 2024 against a 2024 target of 24,500: "
                    "achieved",
                    "indicator 5, “Provincial innovation bases”, was 79 in 2024 against a 2024 target of 80: "
                    "not achieved",
                    # an amount in 100 million yuan written out: 158 is 15.8 billion yuan, 160 16 billion
                    "indicator 16, “Technology contracts traded”, was 15.8 billion yuan in 2024 against a 2024 "
                    "target of 16 billion yuan: not achieved",
                    "indicator 18, “Decline in energy use per unit of GDP”, was 4.6% in 2023, short of the level "
                    "it is assessed against (≥5% every year from 2023): not achieved"])):
        context = load_report(relative(example_tables), 2024, language)
        numeric = context.joined()
        numeric = numeric[numeric["status"] != "qualitative"]
        finals = final_verdicts(numeric)
        assert _final_items(context, numeric, {i: finals[i] for i in (1, 5, 16, 18)}) == expected
    # a qualitative indicator's name after its number, so too (never "indicator 22, Innovation-strategy …")
    english = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2024, "en")))
    assert any(t.startswith("Qualitative indicator 22, “Innovation-strategy decision and policies”: ") for t in english)


def test_a_mid_term_table_gives_the_next_target_and_its_need(example_tables):
    """The mid-term's main number beside each verdict: 14 met its 2023 interim target (103 against 100); 2024's 120
    needs 120/103 - 1 = 16.5 % (+17) in one year, more than the 8.8 % a year seen (80 in 2020 → 103 in 2023:
    (103/80)^(1/3) - 1 = 8.78 %), so the problems name it though its interim target is met."""
    from tests.conftest import relative

    for language, status, cell, state in (
            ("zh", "已达阶段目标（按现有增速不足以如期完成2024年目标）", "120（2024年）\n+16.5%（+17）",
             "科技服务机构：已达阶段目标（2023年阶段目标完成率103.0%；按现有增速不足以如期完成2024年目标），"
             "2023年为103个，2023年目标100个；要在2024年达到120个，需比2023年增长16.5%（17个），"
             "高于2020年以来实际年均增长（+8.8%）。"),
            ("en", "Interim target met (at the pace seen since 2020 it would fall short of the 2024 target)",
             "120 (2024)\n+16.5% (+17)",
             "103 in 2023, against a 2023 target of 100: interim target met (103.0% of the 2023 interim target; at the "
             "pace seen since 2020 it would fall short of the 2024 target); to reach 120 in 2024 it must grow by "
             "16.5% (17 "
             "more) over 2023, more than the growth seen since 2020 (+8.8% a year).")):
        blocks = self_evaluation_blocks(load_report(relative(example_tables), 2023, language))
        table = next(block for block in blocks if block.name == "indicators")
        # every next target's growth is one year's, 2023's value to 2024's target: that year, never "per year"; the
        # column holds growths (14: +16.5%), levels to hold (17, 18: ≥90, ≥5) and targets met already (7: 已达到):
        # headed for both kinds, never "2024年需增长" over a level
        assert table.headers[-1] == {"zh": "下一目标及2024年所需", "en": "Next target, needed in\u00a02024"}[language]
        assert [row[-1] for row in table.rows if row[0] in ("7", "17")] == {
            "zh": ["81（2024年）\n已达到", "≥90（2024年）"], "en": ["81 (2024)\nalready met", "≥90 (2024)"]}[language]
        row = next(row for row in table.rows if row[0] == "14")
        assert row[-2:] == [status, cell]
        assert any(state in text for text in block_texts(blocks))
    # the plan's last targets have no next one: a final evaluation's table has no such column
    final = self_evaluation_blocks(load_report(relative(example_tables), 2024, "zh"))
    assert len(next(block for block in final if block.name == "indicators").headers) == 7


@pytest.mark.parametrize(("language", "verdict", "need"), [
    ("zh", "视为进度正常",
     "；2020年以来实际年均增长+7.2%，略低于所需，但已达所需的95%以上（97%），按评估方法视为进度正常"),
    ("en", "counted as on track", ", a little more than the growth seen since 2020 (+7.2% a year), which at 97% of the "
                                  "need is counted as on track (the method's band starts at 95%)")])
def test_a_pace_a_little_short_of_the_need_is_said_on_track_once(example_tables, language, verdict, need):
    """25 at the mid-term: 242 (2020) to 298 (2023) is (298/242)^(1/3) - 1 = 7.19 % a year; 2024's 320 needs
    320/298 - 1 = 7.38 %: 7.19/7.38 = 0.974, 97 %, on track by the band from 95 %. The problems' paragraph says the
    growth seen is below the need and that it counts as on track once, in the sentence that gives both paces; its
    status bracket keeps the completion rate alone."""
    from tests.conftest import relative

    blocks = self_evaluation_blocks(load_report(relative(example_tables), 2023, language))
    talent = [text for text in block_texts(blocks) if text.startswith(("高层次人才数：", "High-level talent"))
              and ("需比" in text or "must grow" in text)]
    assert len(talent) == 1, talent
    assert talent[0].count(verdict) == 1
    assert need in talent[0]


def test_the_plan_periods_pace_follows_the_growth_seen_where_it_differs_materially(example_tables):
    """10 at the mid-term: 1,450 in 2023 against the 1,500 interim target; 2024's 1,600 needs 1600 / 1450 − 1 = 10.3%.
    The growth seen from 2020's 738, (1450 / 738)^(1/3) − 1 = 25.2% a year, counts 2021's jump to 1,049 before the plan
    period; from 2021, (1450 / 1049)^(1/2) − 1 = 17.6%: 7.6 points apart, more than a quarter of 25.2 (6.3), so the
    problems' paragraph gives it after the first (docs/method.md). 14 (+8.8% and +10.1%) gives one."""
    from tests.conftest import relative

    for language, pace, one in (
            ("zh", "，按2020年以来实际年均增长（+25.2%）推算有望达到；方案实施期（2021年起）实际年均增长+17.6%。",
             "高于2020年以来实际年均增长（+8.8%）。"),
            ("en", ", and the growth seen since 2020 (+25.2% a year), kept up, would reach it; growth over the plan "
                   "period (since 2021): +17.6% a year. ", "more than the growth seen since 2020 (+8.8% a year). ")):
        texts = [tight(text) for text in block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2023,
                                                                                        language)))]
        enterprises = [text for text in texts if text.startswith(("高新技术企业：", "High-tech enterprises:"))]
        assert sum(pace in text for text in enterprises) == 1, enterprises
        services = [text for text in texts if text.startswith(("科技服务机构：", "S&T service institutions:"))
                    and one in text]
        assert len(services) == 1 and not any(key in services[0] for key in ("方案实施期", "plan period"))


def test_the_national_share_states_its_denominator_and_the_indicators_without_data(example_reports):
    # 2015: 1 (rank 18, top 18), 2 (55.3 against 55), 5 (6.3 against 3.3) and 10 (6.2 against 5) achieved, 3 (2.07
    # against 2.2) not: 4 of all 10 = 40.0 %, and 4 of the 5 with a final verdict = 80.0 %; 4, 6, 7, 8 and 9 have no
    # value for 2011–2015 at all. The plan calls itself
    # 规划 (plan.yml's plan_word), and the draft does so too
    text = _page_text(example_reports["national-2015-zh"])
    assert ("10项定量指标中，达到目标的4项，"
            "按全部定量指标计，达标比例为40.0%（4/10）；按目标年份数据已到位、可作最终判定的5项计，"
            "达标比例为80.0%（4/5）。"
            "其余5项尚无规划实施期内（2011年起）数据。") in text
    # no indicator of this plan has a national and a provincial series: nothing said of taking the worse; every
    # indicator judged has its target year's value: nothing said of a progress verdict either
    # the 4 achieved are the share's numerator just given: the counts after it say the rest, not the 4 again
    assert ("按指标的最新评估结论计，已有规划实施期内数据的5项定量指标中，除上述达到目标的4项外，"
            "其余1项未达标。") in text
    assert "省级" not in text and "进展判断" not in text
    # R&D intensity (3) missed its target and the plan names no department for it: the problems ask its reasons,
    # and the annex owes them too (not "no indicator needs explaining")
    # (the fixture's 2.10 of 2.2: 95.5 %)
    assert "研发投入强度：未达标（完成率95.5%）" in text and "也没有须说明的指标" not in text
    # that verdict rests on 2015's preliminary 2.10: said in the overview, as in the report (never read as final)
    overview = text[:text.index("二、")]
    assert "初步数1个（研发投入强度2015年），正式数据可能不同。" in overview
    annex = text[text.index("附：材料报送情况"):]
    assert "未明确牵头部门" in annex and "指标3" in annex


def test_a_final_names_the_series_without_data_as_data_missing_as_the_report_does():
    """The national plan's 2015 final, from the fixture's values: 4, 6, 7, 8 and 9 have their 2015 targets only, no
    baseline and no value, and the plan names no lead department. The report's list of targets missed calls the five
    data missing and names them among the data still to be supplied; the draft says the same: each one's status cell
    (数据不足 with 数据缺失，待补充, as a series without its target year's value), and the problems, after R&D
    intensity (3, the one target missed), with the report's count and its words for what is to be supplied."""
    from tests.conftest import FIXTURES, NATIONAL_DIR
    from tests.support.self_evaluation import year_context

    tables = build_tables(load_plan(NATIONAL_DIR), "eurostat", FIXTURES / "national-12th-fyp-2021")
    for language, status, said in (
            ("zh", "数据不足（数据缺失，待补充）",
             "目标年份已到，5个指标序列尚无可作最终判定的数据，为“数据缺失”。"
             "待补充的数据：指标4、6、7、8、9无可作判断的数据。"),
            ("en", "Insufficient data (data missing, to be supplied)",
             "The target year has come: 5 series have no data for a final verdict yet (“Data missing”). Data still "
             "to be supplied: indicators 4, 6, 7, 8 and 9 with no data to judge by.")):
        blocks = self_evaluation_blocks(year_context(tables, language, 2015))
        table = next(block for block in blocks if block.kind == "table" and block.name == "indicators")
        cells = {row[0]: row[6] for row in table.rows}
        assert [number for number, cell in cells.items() if cell == status] == ["4", "6", "7", "8", "9"]
        texts = block_texts(blocks)
        problems = texts[texts.index(words_of(language, "problems.issues")) + 1:
                         texts.index(words_of(language, "problems.next"))]
        assert len(problems) == 2 and problems[0].startswith(("研发投入强度：", "R&D intensity:"))
        assert problems[1] == said


def words_of(language: str, key: str) -> str:
    from analysis.catalog import catalog

    return catalog(language)[f"self_evaluation.{key}"]


def test_the_statuses_counted_say_how_they_are_read_only_where_it_applies(project_tmp, example_tables):
    """The national plan's 2015 final evaluation: 1, 2, 3, 5 and 10 each have their 2015 value, a final verdict,
    and no indicator has two series: the counts carry no "(a progress verdict where …)" nor "(the worse of …)". The
    example's 2023 mid-term has a progress verdict (4 provincial, 2022's value) and pairs: both said. The national
    plan's counts are of those with data for the plan period (5 of its 10 have none), said so; the example's 23 all
    have some: nothing said of it."""
    from tests.conftest import FIXTURES, NATIONAL_DIR, relative

    folder = project_tmp / "national-tables" / "national"
    folder.mkdir(parents=True)
    plan = load_plan(copy_plan(NATIONAL_DIR, project_tmp / "plans" / "national"))
    for name, data in build_tables(plan, "eurostat", FIXTURES / "national-12th-fyp-2021").files().items():
        (folder / name).write_bytes(data)
    for language, expected in (
            ("zh", "按指标的最新评估结论计，已有规划实施期内数据的5项定量指标中，除上述达到目标的4项外，"
                   "其余1项未达标。"),
            ("en", "Of the 5 quantitative indicators with data for the plan period, by their latest verdict, 4 are "
                   "achieved, as above, and 1 not achieved.")):
        text = block_texts(self_evaluation_blocks(load_report(relative(folder), 2015, language)))
        assert any(t.startswith(expected) for t in text), language
        assert not any("进展判断" in t or "progress verdict" in t for t in text)
    for language, expected in (
            ("zh", "按指标的最新评估结论计（同一指标的国家级、省级序列取较差者；目标年份数据未到位的为进展判断），"
                   "23项定量指标中，"),
            ("en", "Of the 23 quantitative indicators, by their latest verdict (the "
                   "worse of an indicator's national and provincial series; a progress verdict where the target "
                   "year's value has not been published): ")):
        text = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2023, language)))
        assert any(t.startswith(expected) for t in text), language


def test_a_final_counts_the_achieved_once(example_tables):
    """The example's 2024 final: 12 of the 23 quantitative indicators achieved (the share's numerator, 12 / 21 with a
    final verdict), then by latest verdict the rest: 1 projected to miss (21), 1 moving away (4, provincial), 9 not
    achieved (2, 5, 6, 8, 10, 13, 16, 18, 25 by the overview's list): 12 + 1 + 1 + 9 = 23. The second paragraph gave the
    12 again; the mid-term, whose lead counts interim targets, keeps its own list."""
    from tests.conftest import relative

    for language, share, rest in (
            ("zh", "23项定量指标中，达到目标的12项", "进展判断），23项定量指标中，除上述达到目标的12项外，"
                                                   "其余11项中，未达标9项、偏离目标1项、预计未达标1项。"),
            ("en", "Of the 23 quantitative indicators, 12 reached their target", "published), 12 are achieved, as "
             "above; of the other 11: not achieved\u00a09, moving away\u00a01 and projected to miss\u00a01.")):
        text = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2024, language)))
        assert any(t.startswith(share) for t in text), language
        assert sum(rest in t for t in text) == 1, language
    mid = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2023, "zh")))
    assert not any("除上述" in t for t in mid)


def test_the_worse_of_two_series_is_not_said_where_only_one_has_data(project_tmp, weihai_in_project):
    """The example's 2024 final without the provincial series of 4 and 5: each indicator is counted by its national
    series, the only one with data; the counts say nothing of "the worse" of two."""
    from tests.conftest import FIXTURES, relative

    observations = project_tmp / "one-series-observations"
    observations.mkdir()
    for source in (FIXTURES / "example-2022-2024").iterdir():
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith(("4,provincial,", "5,provincial,"))]
        (observations / source.name).write_text("".join(kept), encoding="utf-8")
    folder = project_tmp / "one-series-tables" / "weihai"
    folder.mkdir(parents=True)
    for name, data in build_tables(weihai_in_project, "eurostat", observations).files().items():
        (folder / name).write_bytes(data)
    for language, counted, worse in (("en", "by their latest verdict", "the worse of"),
                                     ("zh", "按指标的最新评估结论计", "取较差者")):
        text = [t for t in block_texts(self_evaluation_blocks(load_report(relative(folder), 2024, language)))
                if counted in t]
        assert len(text) == 1 and worse not in text[0], language


@pytest.mark.parametrize("case", ["final-zh", "final-en"])
def test_a_task_lists_its_departments_and_calls_none_the_lead(example_reports, case):
    # the plan prints （责任单位：市总工会、市发展改革委、…） under task 2.2: no lead named, none is called one; where
    # task_leads.csv assigns one by function (2.2, 7.1, 7.2: the trade union or the Party's organization department
    # listed first by protocol), the list stays as printed and the lead is said after it
    document = docx.Document(example_reports[case] / "self-evaluation.docx")
    text = [p.text.replace(WORD_JOINER, "").replace("\u00a0", " ").replace("\u202f", " ") for p in document.paragraphs]
    start = {"final-zh": "2.2 ", "final-en": "Task 2.2 – "}[case]
    task = next(t for t in text if t.startswith(start))
    # each department under the one name department_names.csv counts it under (市人力资源社会保障局 and 市市场监管局
    # as printed: same_as)
    assert task.endswith({"final-zh": "（责任部门：市总工会、市发展改革委、市科技局、市人力资源和社会保障局、"
                                      "市海洋发展局、市市场监督管理局、高区管委、经区管委；牵头部门按职能确定为市科技局）",
                          "final-en": "Administrative Committee of the Economic and Technological Development "
                                      "Zone; lead chosen by remit: Municipal Science and Technology "
                                      "Bureau)"}[case])
    tasks = [t for t in text if re.match({"final-zh": r"\d\.\d+ ", "final-en": r"Task \d\.\d+ – "}[case], t)]
    assert len(tasks) == 29
    led = [t.split(" ")[0 if case == "final-zh" else 1].rstrip(":") for t in tasks
           if re.search(r"牵头|列首位|\blead\b|first listed", t)]
    assert led == ["2.2", "7.1", "7.2"]
    # whose placeholder asks the assigned lead, not the first listed
    assert any("【待补充：市科技局】" in t or "[To be supplied: Municipal Science and Technology Bureau]" in t
               for t in text[text.index(task):text.index(task) + 3])
    assert not any("市总工会】" in t or "Trade Unions]" in t for t in text)
    # the annex says who is asked for a task's words, and that the plan names no lead
    # (its header on two lines, so that the missing items have the room: 须报送 / 的任务)
    header = document.tables[-1].rows[0].cells[1].text.replace(WORD_JOINER, "")
    assert header.replace("\n", "" if case == "final-zh" else " ") == {"final-zh": "须报送的任务",
                                                                       "final-en": "Tasks due"}[case]


def test_the_plans_groups_are_numbered_apart_from_the_tasks_they_hold(example_tables):
    """English numbered the plan's groups as sections of part 3 (3.3 Open wider to the world) above tasks numbered by
    the plan (Task 3.3): the same number for two things. Groups and measures take the plan's (1), as Chinese its
    （一）; a task's number is set off from its title by a dash, as a title may hold a colon of its own (Task 1.2 –
    Five demonstration zones: new models …)."""
    from tests.conftest import relative

    text = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2024, "en")))
    assert "(3) Open wider to the world: speed up building an international city" in text
    assert not any(re.match(r"[34]\.\d ", t) for t in text)
    task = next(t for t in text if t.startswith("Task 1.2 "))
    assert task.startswith("Task 1.2 – Five demonstration zones: new models of high-quality development (")
    assert any(t.startswith("(1) Stronger organisation and leadership: ") for t in text)
    # and part 6's own parts the same way: (1) Problems, never 6.1 beside the (1) of parts 3 and 4
    assert {"(1) Problems", "(2) Next measures", "(3) Suggestions"} <= set(text)


def test_a_group_of_departments_is_no_proper_name_after_the_first_place(example_tables):
    """Task 1.1's departments in English: seven bureaus by their proper names, then the plan's 各区市政府 and
    开发区管委, groups, written as a list writes a common noun ("district and …", never "…; District and …")."""
    from tests.conftest import relative

    text = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2023, "en")))
    task = next(t for t in text if t.startswith("Task 1.1 – "))
    assert task.endswith("(responsible departments: Municipal Development and Reform Commission; Municipal Bureau "
                         "of Industry and Information Technology; Municipal Bureau of Natural Resources and Planning; "
                         "Municipal Bureau of Housing and Urban-Rural Development; Municipal Transport Bureau; "
                         "Municipal Bureau of "
                         "Commerce; Municipal Administrative Approval Service Bureau; district and county-level city "
                         "governments; administrative committees of the development zones)")
    assert not any("; District and" in t or "; Administrative committees" in t for t in text)


def test_one_department_is_a_department_not_departments(example_tables):
    """Tasks 3.4 and 6.2 name the science bureau alone (plan: （责任部门：市科技局）): "responsible department", as
    a card of one department says "Responsible department" (technology service institutions, 14); a list of two or
    more stays plural (task 1.1, indicator 2)."""
    from analysis.report.words import departments_text, plan_outline_of
    from tests.conftest import relative

    context = load_report(relative(example_tables), 2024, "en")
    text = block_texts(self_evaluation_blocks(context))
    for number in ("3.4", "6.2"):
        task = next(t for t in text if t.startswith(f"Task {number} – "))
        assert task.endswith("(responsible department: Municipal Science and Technology Bureau)"), task
    assert next(t for t in text if t.startswith("Task 1.1 – ")).count("(responsible departments: ") == 1
    outline = plan_outline_of(context)
    one = departments_text(context.series_row(14), context.words, "en", outline)
    assert one.startswith("Responsible department (listed in the plan") and one.endswith(
        "): Municipal Science and Technology Bureau (lead)")
    assert departments_text(context.series_row(2), context.words, "en", outline).startswith(
        "Responsible departments (listed in the plan")


def test_the_title_years_and_the_departments_names_are_never_broken_in_the_pdf(example_reports):
    folder = example_reports["final-zh"]
    page = (folder / "self-evaluation.html").read_text(encoding="utf-8")
    # the title breaks between its words only (自评报告 whole, never 自评报 | 告), its years whole
    assert ('<span class="nobr">实施方案</span><wbr><span class="nobr">（2022—2024年）</span>》'
            '<span class="nobr">总结</span><wbr><span class="nobr">评估</span><wbr><span class="nobr">自评报告</span>'
            in page)
    # an item of the annex whole with its series (指标 4 省级, never 指标 4 | 省级)
    assert '<span class="nobr">指标4省级</span>' in page
    assert re.search(r'<td data-label="[^"]+"><span class="nobr">市住房城乡建设局</span></td>', page)
    lines = [box[4] for layout in pdf_layout(folder / "self-evaluation.pdf") for box in layout["boxes"]]
    # the title's years on one line (never 2022—2024 | 年）)
    assert any("（2022—2024年）" in line for line in lines[:4])
    # in the annex, each department's name whole on its line (never 市发展改 | 革委)
    annex = lines[next(i for i, line in enumerate(lines) if line.startswith("附：材料报送情况")):]
    for name in ("市发展改革委", "市科技局", "市行政审批服务局", "市住房城乡建设局", "市交通运输局", "市委组织部",
                 "市市场监督管理局"):
        assert any(line.startswith(name) for line in annex), name


def test_a_tasks_line_breaks_inside_a_chinese_department_name_where_its_line_ends(example_tables, tmp_path):
    """The Chinese final's key tasks: 1.1's line (its title, then eleven departments) broke after 市工业和信息化局、 at
    some three quarters of the line, as every name was kept whole; a task's line is running text, and breaks where
    the line ends, inside a name too (市自然资源和规 | 划局). Its last two characters stay with the bracket after them
    (never 局） alone on a line); the annex's cells keep each name whole, as before."""
    from analysis.report.render import html_to_pdf
    from analysis.report.self_evaluation_files import self_evaluation_html
    from tests.conftest import relative

    page = tmp_path / "self-evaluation.html"
    text = self_evaluation_html(load_report(relative(example_tables), 2024, "zh"), "2026-01-01")
    page.write_text(text, encoding="utf-8")
    task = next(line for line in text.splitlines() if "1.1 " in line and "责任部门" in line)
    assert '<span class="nobr">市自然资源和规划局</span>' not in task and "市自然资源和规划局" in task
    assert re.search(r'<td data-label="[^"]+"><span class="nobr">市住房城乡建设局</span></td>', text)
    html_to_pdf(page, tmp_path / "self-evaluation.pdf")
    layout = pdf_layout(tmp_path / "self-evaluation.pdf")
    right = layout[0]["width"] - 16 / 25.4 * 72  # report.css's 16 mm margin
    lines = [box for printed in layout for box in printed["boxes"] if box[4]]
    first = [box for box in lines if re.match(r"\d\.\d+ ", box[4]) and re.search("责任(单位|部门)：", box[4])]
    assert len(first) == 29
    # a task's first line, unless the whole task fits on it, runs to within three characters (10.5 points each) of
    # the margin (the line's end, 游局）, goes on whole): the next name (9 characters, 市自然资源和规划局) no longer
    # goes whole to the next line
    assert [box[4] for box in first if not box[4].endswith("）") and box[2] < right - 3 * 10.5 - 3] == []
    broke = "1.1 创新布局，优化城市梯次发展新空间（责任部门：市发展改革委、市工业和信息化局、"  # where it broke
    assert next(box for box in first if box[4].startswith("1.1 "))[4].startswith(broke + "市自然资源")
    assert not [box[4] for box in lines if re.fullmatch(rf"[{HAN}][{CLOSING_MARKS}]+", box[4])]


def test_the_word_draft_joins_the_title_years_and_the_names_and_sizes_the_column(example_tables):
    context = load_report(example_tables, 2024, "zh")
    document, laid_on = self_evaluation_document(context, "2025-01-15")
    title = "".join(node["c"] for node in document["meta"]["title"]["c"] if node["t"] == "Str")
    assert "（2022\u2060—\u20602024\u2060年）" in title  # a word joiner beside a number only
    # the draft is written plain (its joiners dropped, for Find): the title breaks by hand before the plan's years
    # and before the draft's aside, each line at most 19 characters of the title's large type
    lines = [""]
    for node in document["meta"]["title"]["c"]:
        if node["t"] == "LineBreak":
            lines.append("")
        else:
            lines[-1] += node["c"].replace("\u2060", "")
    assert lines == ["《威海市建设国家创新型城市实施方案", "（2022—2024年）》总结评估自评报告", "（2024年，草稿）"]
    submissions = [block for block in document["blocks"] if block["t"] == "Table"][-1]
    body = submissions["c"][4][0][3]
    first_cells = ["".join(node["c"] for node in row[1][0][4][0]["c"] if node["t"] == "Str") for row in body]
    assert "市住房城乡建设局" in first_cells  # as typed, without word joiners: Find finds it
    # the department column holds 市住房城乡建设局 (8 characters, 16 Latin letters) on one line, in the table's type
    share = submissions["c"][2][0][1]["c"]
    points = laid_on.points.get(laid_on.tables - 1)
    assert share * letters_across(context, points) >= letters("市住房城乡建设局")


def test_the_word_drafts_next_target_column_holds_a_value_with_its_year_on_one_line(example_tables):
    """The mid-term's last column ("24,500（2024年）", then the pace on its own line): LibreOffice broke the draft's
    plain text as "24,500（2024" | "年）" where the column was sized to its words alone; it is as wide as the value
    with its year and the cell's padding (8 + 4 × 2 = 16 Latin letters for 24,500（2024年）: six digits and a comma,
    four Chinese characters and brackets; the column had 16.2 with the padding in): its margins and slack, 0.5 mm each
    side and 0.5 mm (a letter of 8.5 points)."""
    from analysis.report.word_content import cell_padding

    context = load_report(example_tables, 2023, "zh")
    document, laid_on = self_evaluation_document(context, "2025-01-15")
    tables = [block for block in document["blocks"] if block["t"] == "Table"]
    indicators = next(table for table in tables if len(table["c"][2]) == 8)
    share = indicators["c"][2][-1][1]["c"]
    points = laid_on.points.get(tables.index(indicators))
    assert share * letters_across(context, points) >= letters("24,500（2024年）") + cell_padding(context, points)


def test_the_overview_says_how_current_each_series_is_and_whose_data_these_are(example_tables):
    # the example's final: 23 series with 2024, 4 provincial's latest is 2022 (and 21's 2023); the data are made up
    from tests.conftest import relative

    text = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2024, "zh")))
    # every latest year counted, 21's 2023 too: 23 + 1 + 1 = 25 series
    assert any("各序列最新数据年份不一：2024年23个序列、2023年1个序列、2022年1个序列。" in t for t in text)
    assert any(t.startswith("本报告使用的观测数据为：示例数据") for t in text)
    english = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2024, "en")))
    assert any("the series' latest years differ: 2024 (23 series), 2023 (1 series), 2022 (1 series)." in t
               for t in english)
    # a sentence, not a title followed by a list: 26 indicators (23 quantitative, 3 qualitative), 29 tasks in 7 groups;
    # the series the latest years count (23 + 1 + 1 = 25) explained where the indicators are first counted: 4 and 5
    # each have a national and a provincial series (the plan folder's indicators.csv), 21 one each: 21 + 2 × 2 = 25
    assert any("确定指标26项（定量指标23项、定性指标3项；指标4、5分国家级、省级序列评估，"
               "定量指标共25个序列），" in t for t in text)
    assert any(t.startswith("The plan “Weihai's implementation plan for building a national innovative city "
                            "(2022–2024)” sets 26 indicators (23 quantitative, 3 qualitative; indicators 4 and 5 "
                            "are each assessed as national and provincial series: 25 quantitative series in all), "
                            "29 key tasks in 7 "
                            "groups and ")
               for t in english)


def test_a_problem_names_the_unit_its_numbers_are_in(example_tables):
    """English writes a unit once, after the name (never "1 incubators"): the final self-evaluation's problems give
    technology contracts (16) as 15.8 billion yuan against 16 billion (158 and 160 in 100 million yuan, written
    out), not as a count of contracts."""
    from tests.conftest import relative

    text = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2024, "en")))
    assert any(t.startswith("Technology contracts traded: 15.8 billion yuan in 2024, against a 2024 target of "
                            "16 billion yuan") for t in text)


def test_a_level_to_hold_every_year_is_said_to_be_one(example_tables):
    """The energy saving (18: ≥5 a year, 4.6 in 2023) is a level held every year: its problem says so, never "against
    a 2024 target of ≥5%" beside 5.3 and "not achieved", and gives the value of the year it missed (4.6%). Good-air
    days (17: 90 in 2023 and 2024, met with 91.2 and 92) is no problem at all."""
    from tests.conftest import relative

    english = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2024, "en")))
    # the plan prints 5 for its target years, 2023 and 2024: that value is the plan's, holding it every year (≥5%)
    # this evaluation's reading, said as such, never "the plan's target of ≥5%"; both years named, the verdict resting
    # on 2023's, never the 2024 target alone
    assert any(t.startswith("Decline in energy use per unit of GDP: 5.3% in 2024, 4.6% in 2023; the plan sets 5% "
                            "for 2023 and 2024, "
                            "assessed as ≥5% every year from 2023: not achieved (missed in 2023;") for t in english)
    assert not any(t.startswith("Share of good-air-quality days:") for t in english)
    chinese = block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2024, "zh")))
    assert any(t.startswith("万元GDP能耗下降率：未达标（2023年未达到；")
               and "2024年为5.3%，2023年为4.6%；方案2023、2024年目标均为5%，按自2023年起每年不低于5%评估。" in t
               for t in chinese)
    # a target of one year keeps its year
    assert any(t.startswith("R&D intensity: 2.7% in 2024, against a 2024 target of 2.8%: not achieved")
               for t in english)


def test_a_plan_of_quantitative_indicators_only_says_so():
    # the national plan's 10 indicators are all quantitative: never "10 quantitative, 0 qualitative"
    from analysis.settings import PROJECT_ROOT

    for language, said in (("zh", "确定指标10项（均为定量指标）"), ("en", "sets 10 indicators (all quantitative)")):
        context = load_report(PROJECT_ROOT / "data" / "processed" / "national-12th-fyp", 2015, language)
        text = " ".join(block_texts(self_evaluation_blocks(context)))
        assert said in text and "0 qualitative" not in text and "定性指标0项" not in text


def test_the_verdicts_resting_on_quoted_values_are_said_under_the_table_as_in_the_report():
    # the national plan's 2015 "achieved" verdicts (1, 2, 5, 10) rest on values newspapers, an article and a forum
    # quote: the draft handed in says so right after its table, as the report's overview does; R&D intensity's "not
    # achieved" rests on the bulletin's own 2.07
    from analysis.settings import PROJECT_ROOT

    said = {"zh": "判定为“已达标”的4个序列（指标1、2、5、10）所依据的数值转引自二手来源，非发布机构原始发布，"
                  "尚待官方数据核实。",
            "en": "All 4 “achieved” verdicts (indicators 1, 2, 5, 10) rest on values quoted by secondary sources, not "
                  "on the publisher's own release; the official figures are not yet cited."}
    for language in ("zh", "en"):
        context = load_report(PROJECT_ROOT / "data" / "processed" / "national-12th-fyp", 2015, language)
        blocks = self_evaluation_blocks(context)
        table = next(i for i, block in enumerate(blocks) if block.name == "indicators")
        assert block_texts(blocks[table + 1:table + 2]) == [said[language]]


def test_no_word_of_secondary_sources_where_every_value_is_the_publishers_own(example_tables):
    from tests.conftest import relative

    for language in ("zh", "en"):
        text = " ".join(block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2024, language))))
        assert "二手" not in text and "secondary" not in text


def unseen_outside_numbers(xml: bytes, language: str = "en") -> list[str]:
    """The paragraphs of a Word file with a character a reader does not see (a word joiner, a zero-width or a no-break
    space) but inside a number with its unit or a range (2024⁠年, 2022⁠—⁠2024⁠年, 0.7 pp) or a reference written
    without a space (指⁠标⁠21, where a line is likely to end in it, or in a table's cell), or a zero-width space
    where a line may break before one (after a comma: 2022年，​2023—2024年)."""
    from analysis.catalog import catalog
    from analysis.report.line_breaks import number_pieces
    from analysis.report.word_file import reference_pattern

    references = reference_pattern(catalog(language))
    out = []
    for text in paragraph_lines(etree.fromstring(xml)):  # a piece may span runs: 7 | 个
        shown = re.sub("[\u00a0\u202f]", " ", re.sub("[\u2060\u200b]", "", text))
        pieces = [match.span() for match in number_pieces().finditer(shown)]
        pieces += [match.span() for match in references.finditer(shown)] if references else []
        position = 0  # in shown
        for character in text:
            if character == "\u2060":
                inside = any(start < position < end for start, end in pieces)
            elif character == "\u200b":
                inside = any(position == start for start, _ in pieces)
            else:
                inside = character not in "\u00a0\u202f" or any(start < position < end for start, end in pieces)
                position += 1
            if not inside:
                out.append(text)
                break
    return out


@pytest.mark.parametrize("case", ["final-zh", "mid-term-zh", "final-en"])
def test_the_word_draft_holds_no_character_the_reader_does_not_see_but_in_a_number(example_reports, case):
    """The self-evaluation's Word file is finished by hand: Find must find the words the page shows (with word joiners
    between its characters "未达标" was found 0 times of the 24 on the page) and a paste must carry little unseen:
    word joiners hold only a number with its unit or a range whole (2024⁠年, 2023⁠—⁠2024⁠年: no reader breaks them,
    and LibreOffice breaks the plain text 2023— | 2024年), and a reference where a line is likely to end in it or in a
    table's cell (指标21); the report's own Word edition keeps them all (its lines break between words only)."""
    with zipfile.ZipFile(example_reports[case] / "self-evaluation.docx") as archive:
        xml = archive.read("word/document.xml")
    assert unseen_outside_numbers(xml, case.rsplit("-", 1)[1]) == []
    assert WORD_JOINER in xml.decode("utf-8")
    document = docx.Document(example_reports[case] / "self-evaluation.docx")
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    if case.endswith("zh"):  # each status word as typed: Find counts it in the table
        assert sum(text.count("已达阶段目标" if case.startswith("mid") else "已达标") for text in cells) >= 10
        assert any(text == "空气质量优良天数比例" for text in cells)
    with zipfile.ZipFile(example_reports[case] / "report.docx") as archive:
        assert "\u2060" in archive.read("word/document.xml").decode("utf-8")


def test_no_lagging_series_is_said_of_those_judged_only_and_the_rest_are_asked_for_by_department(monkeypatch):
    """Weihai's own 2024 data: one series can be judged (26, no warning), the others lack data. The problems section
    names the one judged ("可作判断的1个指标序列（指标26）"), never "none of the indicators that can be judged",
    which reads as a clean bill, and asks each lead department for its series' data by name."""
    from types import SimpleNamespace

    import pandas as pd

    from analysis.catalog import catalog
    from analysis.report.self_evaluation import _none_lagging

    joined = pd.DataFrame({"indicator_id": [1, 4, 4, 22, 26], "series": ["", "national", "provincial", "", ""],
                           "status": ["insufficient_data", "insufficient_data", "insufficient_data", "qualitative",
                                      "on_track"],
                           "lead_department_zh": ["市科技局", "市农业农村局", "市农业农村局", "市科技局",
                                                  "市海洋发展局"]})
    # a mid-term's: a final evaluation says "targets met" (no warning any more)
    context = SimpleNamespace(words=catalog("zh"), language="zh", joined=lambda: joined, kind="mid_term")
    assert _none_lagging(context) == (
        "可作判断的1个指标序列（指标26）本年度没有出现预警或未达标。"
        "另有3个指标序列缺少可作判断的数据，无法判断是否存在问题，请补充数据："
        "市科技局（指标1）；市农业农村局（指标4国家级、4省级）。")
    from analysis.report import self_evaluation

    monkeypatch.setattr(self_evaluation, "_english_names", lambda context: {"市科技局": "Science Bureau"})
    english = SimpleNamespace(words=catalog("en"), language="en", joined=lambda: joined, kind="mid_term")
    assert _none_lagging(english) == (
        "The one series that can be judged (indicator 26) has no warning and has not missed its target this "
        "year. 3 other series lack the data for a judgement: whether they have a problem cannot be told until "
        "their data are added: Science Bureau (indicator 1); 市农业农村局 (indicators 4 national, 4 provincial).")


def test_a_move_the_status_from_the_base_year_hides_is_said_in_the_self_evaluation_too(example_tables):
    """4 provincial: "moving away" from its 2020 baseline (3.1) though up from 2.7 to 2.9 in 2021–2022: the table's
    status and the problems section say so, as the scorecard does, one bracket after the status; else an official
    reads the series as falling."""
    from tests.conftest import relative

    # and, as the scorecard, the years its latest value (2022) leaves without data in a final evaluation: 2023–2024
    for language, move in (("zh", "偏离目标（进展判断，非最终判定；仍低于2020年基础值3.1%；"
                                  "较2021年的2.7%有所回升；最新值为2022年，2023—2024年无数据；数据缺失，待补充）"),
                           ("en", "Moving away (a progress verdict, not final; still below the 2020 baseline of "
                                  "3.1%, though up from 2.7% in 2021; latest value 2022; no value for 2023–2024; "
                                  "data missing, to be supplied)")):
        text = " ".join(block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2024, language))))
        assert move in text
        # the table and the problems section; no bracket within the status's bracket
        assert text.count({"zh": "较2021年的2.7%有所回升", "en": "up from 2.7% in 2021"}[language]) == 2
        assert "（2.7%" not in text and "(2.7%" not in text


def tight(text: str) -> str:
    """``text`` without a space between a Chinese character and a number or its sign, either way round ("年均 9.9%",
    "10%以上"): the catalogs write such pairs together, and the Chinese assertions here do not hang on one left."""
    return re.sub(rf"(?<=[{HAN}）])\s+(?=[\d+−])|(?<=[\d%])\s+(?=[{HAN}（])", "", text)


def sentences_of(text: str) -> list[str]:
    """An English paragraph's sentences (a full stop and a space end one; 13.3 and 10% stay whole)."""
    return [part for part in re.split(r"(?<=\.) ", text) if part]


def test_a_growth_the_plans_text_promises_and_a_series_falls_short_of_is_a_problem(example_tables):
    """Technology contracts: at least 10% a year promised in the plan's text, +6.6% a year seen 2021–2023 (151 / 133,
    two years: (151 / 133) ** 0.5 − 1 = 6.55%, by hand; from the 2020 baseline 109.61, (151 / 109.61) ** (1/3) − 1 =
    11.27%, named beside it with what the table's 2024 target implies from that baseline, (160 / 109.61) ** (1/4)
    − 1 = 9.92%; from 2021, (160 / 133) ** (1/3) − 1 = 6.36%): the report's overview names it, and so does the
    self-evaluation's problems section, though the mid-term's interim target (140) is met, one short sentence a point,
    as the overview's bullet gives them: the requirement and its verdict, the growth the verdict counts, what the table
    implies, the growth from the base year. Its table shows the 2020 baseline only: the 2021 value the growth counts
    from is given where it is said (the plan's table prints 133, the prose 133.97: data/raw/weihai/prose_checks.csv;
    133亿元 is 13.3 billion yuan)."""
    from tests.conftest import relative

    for language, expected in (
            # named as a lagging series is, its name and one colon first (never the overview's lead-in before it,
            # a colon after each: "…的指标：技术合同成交额：…"); the growth in the sentence without its sign; its
            # reasons asked of its lead
            ("zh", "技术合同成交额：方案正文要求年均增长10%以上，目前低于要求。"
                   "自2021年（方案表最后一个基础值年份，列为133亿元）起算至2023年，实际年均增长6.6%。"
                   "方案表中2024年目标自2021年起算折合年均6.4%。"
                   "若按方案表目标的口径自2020年基础值起算，实际年均增长11.3%、方案表目标折合年均9.9%。"
                   "该增速高于10%，仅因方案实施期前2021年的跃升。"
                   "原因：【市科技局】"),
            ("en", "Technology contracts traded: the plan's text requires at least 10% growth a year; growth is below "
                   "the requirement so far. From 2021 (the table's last baseline, 13.3 billion yuan, which the "
                   "verdict counts from) to 2023, growth was 6.6% a year. The table's 2024 target implies 6.4% a "
                   "year from 2021. From the 2020 baseline, as the table's targets count, growth was 11.3% a year "
                   "against the 9.9% the table's target implies. That rate is above 10% only because of the jump in "
                   "2021, before the plan period. "
                   "Reasons: 【Municipal Science and Technology Bureau】")):
        texts = [tight(text) for text in block_texts(self_evaluation_blocks(load_report(relative(example_tables), 2023,
                                                                                        language)))]
        assert expected in texts
        if language == "en":  # short sentences, never the one of 75 words it was: at most 30 words each
            assert max(len(sentence.split()) for sentence in sentences_of(expected)) <= 30
        # after the series that lag (R&D intensity, its interim target missed, among them), not before
        lagging = [i for i, t in enumerate(texts)
                   if t.startswith(("R&D经费投入强度：未达阶段目标", "R&D intensity: 2.61% in"))]
        assert lagging and max(lagging) < texts.index(expected)


def test_a_growth_the_plans_text_promises_and_a_series_falls_short_of_is_asked_for_like_a_lagging_one(
        example_tables):
    """Technology contracts (16, led by the Municipal S&T Bureau) met its 2023 interim target but grows 6.6% a year
    against the 10% the plan's text promises: like every shortfall the problems name, it is given its next measures
    (6.2) and is counted in the annex as owed by its lead; at the final evaluation (158 against 160, not achieved,
    and 5.9% a year) it lags too: one entry, its growth said after its state, asked for once."""
    from tests.conftest import relative

    for language, lead, item, measure in (
            ("zh", "市科技局", "指标16", "技术合同成交额："),
            ("en", "Municipal Science and Technology Bureau", "indicator 16",
             "Technology contracts traded: ")):
        for year in (2023, 2024):
            blocks = self_evaluation_blocks(load_report(relative(example_tables), year, language))
            texts = block_texts(blocks)
            problems = texts[texts.index({"zh": "（一）存在的问题", "en": "(1) Problems"}[language]):]
            steps = problems[problems.index({"zh": "（二）下一步措施", "en": "(2) Next measures"}[language]):]
            growth = [t for t in problems if "10%以上" in tight(t) or "at least 10% growth a year" in t]
            assert len(growth) == 1 and growth[0].endswith(f"【{lead}】")
            assert measure + f"【{lead}】" in steps
            annex = next(block for block in blocks if block.name == "submissions")
            # what its count counts, as the English "Form rows completed": never a bare 已填写 (on two lines at most)
            assert annex.headers[3] == {"zh": "填写行数", "en": "Form rows completed"}[language]
            owed = next(row for row in annex.rows if row[0] == lead)
            assert item in owed[-1].split({"zh": "；", "en": "; "}[language])
            # what the count of things to explain counts: series, as its list of what is missing names them (5 national
            # and 5 provincial two), never "Indicators to explain: 11" over ten indicators; and the qualitative
            # indicators (22, 24: their progress and self-rating), never counted as series
            assert annex.headers[2] == {"zh": "须说明的序列和定性指标",
                                        "en": "Series and qualitative indicators to explain"}[language]
            listed = [part for part in owed[-1].split({"zh": "；", "en": "; "}[language])
                      if part.startswith({"zh": "指标", "en": "indicator "}[language])]
            assert owed[2] == str(len(listed))
            if year == 2023:  # nothing sent: 2, 3, 4 provincial, 5 national, 5 provincial, 10, 14, 15, 16, 22, 24
                assert len(listed) == 11 and len({re.search(r"\d+", part)[0] for part in listed}) == 10
                assert {item[:-2] + "22", item[:-2] + "24"} <= set(listed)  # the qualitative two
            if year == 2024:
                # its state, then its growth in short sentences of its own: neither the overview's heading pasted
                # in nor its name said twice; (158 / 133) ** (1 / 3) − 1 = 5.9% a year, by hand, with the growth
                # from the 2020 baseline as the report gives it, (158 / 109.61) ** (1 / 4) − 1 = 9.6%
                expected = {
                    "zh": "技术合同成交额：未达标（完成率98.8%），2024年为158亿元，2024年目标160亿元。"
                          "方案正文另要求年均增长10%以上，未达到要求。"
                          "自2021年（方案表最后一个基础值年份，列为133亿元）起算至2024年，实际年均增长5.9%。"
                          "方案表中2024年目标自2021年起算折合年均6.4%。"
                          "若按方案表目标的口径自2020年基础值起算，实际年均增长9.6%、方案表目标折合年均9.9%，"
                          "同样低于要求的10%。"
                          "原因：【市科技局】",
                    "en": "Technology contracts traded: 15.8 billion yuan in 2024, against a 2024 target of 16 "
                          "billion yuan: not achieved (98.8% of the target). The plan's text also requires at least "
                          "10% growth a year; growth is below the requirement. From 2021 (the table's last baseline, "
                          "13.3 billion yuan, which the verdict counts from) to 2024, growth was 5.9% a year. The "
                          "table's 2024 target implies 6.4% a year from 2021. From the 2020 baseline, as the table's "
                          "targets count, growth was 9.6% a year against the 9.9% the table's target implies, also "
                          "below the 10% required. "
                          "Reasons: 【Municipal Science and Technology Bureau】"}[language]
                assert tight(growth[0]) == expected


def test_a_stage_target_missed_off_course_says_so_in_the_table(example_tables):
    """The mid-term's indicator table, as the report's scorecard: R&D intensity (2) missed its 2023 interim target
    (2.61 against 2.7) and at +0.08 pp a year does not reach 2024's 2.8 either: "at its pace, not enough to reach
    the 2024 target in time", not a bare "interim target missed" beside the rows that carry their course."""
    from tests.conftest import relative

    context = load_report(relative(example_tables), 2023, "en")
    table = next(block for block in self_evaluation_blocks(context) if block.name == "indicators")
    row = next(row for row in table.rows if row[0] == "2")
    assert row[6] == "Interim target missed (at the pace seen since 2020 it would fall short of the 2024 target)"


def test_a_year_heads_a_column_only_when_every_value_in_it_is_of_that_year(example_tables):
    """A bureau's table heads its columns with the year (2024年目标值) rather than repeat it in every cell, where
    every value is of that year: in the example, every final target is 2024's, the mid-term's interim targets 2023's.
    Not the latest values: 4 provincial's is 2022's (2.9) and 21's 2023's (9.3) at the final evaluation, 4
    provincial's 2022's at the mid-term, never under "2024年实际值" or "2023 value": their column is the main
    report's "最新值" / "Latest value", each cell with its year."""
    from tests.conftest import relative

    def table(year, language):
        blocks = self_evaluation_blocks(load_report(relative(example_tables), year, language))
        found = next(block for block in blocks if block.name == "indicators")
        return found.headers, {(row[0], row[2]): row for row in found.rows}

    headers, rows = table(2024, "zh")
    assert headers[3:6] == ["2020年基础值", "2024年目标值", "最新值"]
    assert rows[("1", "人")][4:6] == ["24,500", "24,800（2024年）"]
    latest = [row[5] for row in rows.values() if row[1] == "省级农业科技园区营收占比" or row[0] == "21"]
    assert latest == ["2.9（2022年）", "9.3（2023年）"]
    headers, rows = table(2023, "en")
    assert headers[3:6] == ["2020 baseline", "2023 target", "Latest value"]
    assert next(row for key, row in rows.items() if key[0] == "14")[4:6] == ["100", "103 (2023)"]
    assert next(row for row in rows.values() if row[1] == "Provincial agri-tech park revenue / GDP")[5] == \
        "2.9 (2022)"


def test_a_column_of_values_of_one_year_is_headed_with_it(example_tables):
    """Where every latest value is of one year (the example's 2024 values, 4 provincial's and 21's older ones left
    out), that year heads the column (2024年实际值, 2024 value) and no cell repeats it."""
    from tests.conftest import relative

    for language, header in (("zh", "2024年实际值"), ("en", "2024 value")):
        context = load_report(relative(example_tables), 2024, language)
        joined = context.joined()
        older = (joined["status"] != "qualitative") & (joined["as_of_year"] != 2024)
        assert older.sum() == 2
        context.__dict__["_joined"] = joined[~older]  # the cached table context.joined() copies
        table = next(block for block in self_evaluation_blocks(context) if block.name == "indicators")
        assert table.headers[5] == header
        assert next(row for row in table.rows if row[0] == "1")[5] == "24,800"
        assert not any(isinstance(row[5], str) and "2024" in row[5] for row in table.rows)


def test_a_level_missed_in_a_year_gives_that_years_value_in_the_table(example_tables):
    """18 (≥5 every year) missed 2023 with 4.6 and met it in 2024 with 5.3: beside 5.3 the status cell gives the
    value it was not achieved for, as the report's card does (2023年（4.6%）), not the year alone."""
    from tests.conftest import relative

    for year, language, status in ((2024, "zh", "未达标（2023年为4.6%，未达到）"),
                                   (2024, "en", "Not achieved (4.6% in 2023, missed)"),
                                   (2023, "zh", "未达标（2023年为4.6%，未达到）"),
                                   (2023, "en", "Not achieved (4.6% in 2023, missed)")):
        blocks = self_evaluation_blocks(load_report(relative(example_tables), year, language))
        table = next(block for block in blocks if block.name == "indicators")
        assert next(row for row in table.rows if row[0] == "18")[6] == status


def test_the_indicator_table_stars_the_core_indicators_as_the_report_does(example_tables):
    """Weihai's plan marks 2, 7, 8, 20, 22 and 23 with * (核心考核指标): the self-evaluation's table stars those
    six names, no other, and says under the table what the star means."""
    from tests.conftest import relative

    # the first of the notes under the table (the signs' and the bare targets' follow), numbered under one 注
    for language, note in (("zh", "注：（1）标 * 的为方案确定的核心指标。"),
                           ("en", "Notes: 1. * marks the plan's core indicators.")):
        blocks = self_evaluation_blocks(load_report(relative(example_tables), 2024, language))
        table = next(block for block in blocks if block.name == "indicators")
        starred = sorted({int(row[0]) for row in table.rows if row[1].endswith("*")})
        assert starred == [2, 7, 8, 20, 22, 23]
        assert note in block_texts(blocks)


@pytest.mark.parametrize("language, note", [
    ("zh", "（2）目标值标“≥”或“≤”的，为每年须达到的水平；未标的，为目标年份应达到的数值。"),
    ("en", "2. A target marked ≥ or ≤ is a level to hold every year; an unmarked one is the value to reach in its "
           "target year.")])
def test_the_indicator_tables_signs_mark_a_level_held_every_year_and_say_so(example_tables, language, note):
    """The final's table wrote "≥90" and "≥5" for 17 and 18 (levels held every year) and every other target bare
    (2.8, 1,600: values to reach by 2024), with no word on why, as if the others were no floors: the signs as the
    report's scorecard writes them, said once under the table."""
    from tests.conftest import relative

    blocks = self_evaluation_blocks(load_report(relative(example_tables), 2024, language))
    table = next(block for block in blocks if block.name == "indicators")
    marked = sorted(int(row[0]) for row in table.rows if row[4].startswith(("≥", "≤")))
    assert marked == [17, 18]
    assert note in block_texts(blocks)


def test_a_long_chinese_header_of_the_word_draft_breaks_between_its_words():
    """The draft's text is plain (no word joiners), so Word breaks a header wherever its column ends: 下一目标及每年需
    增长 printed "…每年需增 / 长". A Chinese header over six characters is set on two lines at a word's end near its
    middle; a shorter one is left to its column; one led by its year breaks after it (2023年 / 目标值)."""
    from analysis.report.self_evaluation_files import _header_lines

    assert _header_lines("下一目标及每年需增长") == "下一目标\n及每年需增长"
    assert _header_lines("须说明的指标") == "须说明的指标"
    assert _header_lines("2023年目标值") == "2023年\n目标值"
    assert _header_lines("Next target and need per year") == "Next target and need per year"


def test_the_word_indicator_table_gives_a_name_of_up_to_thirteen_characters_its_line():
    """Word breaks a Chinese name after any character: the names column is as wide as the longest name (and a
    letter for capitals) up to thirteen characters: 高新技术产业产值占比 (20 letters), never 高新技术产业产值占 | 比."""
    from analysis.report.self_evaluation_files import _name_floor

    assert _name_floor(["研发人员数", "高新技术产业产值占比"]) == {1: 21.0}
    assert _name_floor(["高企营收占规上工业企业收入比重*"]) == {1: 26.0}  # 15½ characters: thirteen, no more
    assert _name_floor(["R&D"]) == {1: 12.0}  # six characters at least, as every names column
    # an English name breaks between its words in Word too: no floor beyond the six characters'
    assert _name_floor(["High-tech firms' share of industrial revenue*"]) == {1: 12.0}


def test_a_header_that_starts_with_its_year_is_two_lines_in_word():
    """A column of short numbers under 2020年基础值 is not as wide as the header on one line: 2020年 / 基础值."""
    from analysis.report.self_evaluation_files import _header_lines

    assert [_header_lines(h) for h in ("2020年基础值", "2024 target", "最新值", "2023年")] == [
        "2020年\n基础值", "2024\ntarget", "最新值", "2023年"]


def test_a_next_target_that_is_a_range_is_given_with_both_its_bounds(project_tmp):
    """Lakeside's R&D intensity (1) set as ranges, 2.3–2.6 for 2026 and 2.5–2.8 for 2027, with 2.4 in 2026: the 2026
    interim target is met, and the mid-term's table names the next one as the plan prints it, 2.5–2.8 (2027), never
    "2.5–2.5" (its lower bound twice)."""
    import pandas as pd

    from tests.conftest import LAKESIDE_DIR

    folder = copy_plan(LAKESIDE_DIR, project_tmp / "lakeside-ranges")
    indicators = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    indicators.loc[indicators["indicator_id"] == "1", "direction"] = "within"
    indicators.to_csv(folder / "indicators.csv", index=False)
    values = pd.read_csv(folder / "values.csv", dtype=str, keep_default_na=False)
    values["upper"] = ""
    for target_year, lower, upper in (("2026", "2.3", "2.6"), ("2027", "2.5", "2.8")):
        at = (values["indicator_id"] == "1") & (values["year"] == target_year)
        values.loc[at, "value"], values.loc[at, "upper"] = lower, upper
    values.to_csv(folder / "values.csv", index=False)
    (folder / "observations" / "2026-bulletin.csv").write_text(
        "indicator_id,series,year,value,source\n1,,2026,2.4,Lakeside statistical bulletin 2026 (fictional)\n",
        encoding="utf-8")
    tables = build_tables(load_plan(folder), "eurostat", folder / "observations")
    for language, cell in (("zh", "2.5～2.8（2027年）"), ("en", "2.5–2.8 (2027)")):
        blocks = self_evaluation_blocks(year_context(tables, language, 2026))
        table = next(block for block in blocks if block.name == "indicators")
        row = next(row for row in table.rows if row[0] == "1")
        assert row[-1].startswith(cell)


def test_a_rank_met_off_course_is_asked_why_its_place_moves_too_slowly():
    """A rank (40) 5th in 2023, its interim target of the top 5 met, the top 3 by 2025 out of reach at 0.3 places a
    year: the problems ask why the place moves too slowly, not why its growth (增速) is slow, which a place has not."""
    from types import SimpleNamespace

    from analysis.assess.warning_list import shown_status
    from tests.report.test_words import assessed, context

    row = {**assessed(40, 2023, "linear", 6, 2023, 5, 2023, 5, "achieved", n=4, verdict="final", shortfall=0,
                      next_year=2025, next_target=3, next_per_year=-1.0), "observed_per_year": -1 / 3}
    row["shown_status"] = shown_status(SimpleNamespace(**row))
    for language, asked in (("zh", "（每年前进0.3位）。位次进展偏慢的原因：【评估牵头单位】"),
                            ("en", "(up 0.3 places a year). Why the rank moves too slowly: 【the evaluation office】")):
        texts = block_texts(self_evaluation_blocks(context(language, [row], 2023)))
        assert any(text.endswith(asked) for text in texts), [t for t in texts if "0.3" in t]


def printed_cells(page, column: str) -> list[tuple[float, list[str]]]:
    """Each cell of the indicators' column ``column`` (its class, col-unit …) as the printed ``page`` (an HTML file)
    lays it out: its type's size (px) and its lines' text."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from analysis.report.render import offline_fetcher

    document = HTML(filename=page, url_fetcher=offline_fetcher(), media_type="print").render()
    cells = []
    for printed in document.pages:
        for box in printed._page_box.descendants():
            if isinstance(box, boxes.TableCellBox) and box.element_tag == "td" \
                    and f"col-{column}" in (box.element.get("class") or "").split():
                lines = ["".join(text.text for text in line.descendants() if isinstance(text, boxes.TextBox))
                         for line in box.descendants() if isinstance(line, boxes.LineBox)]
                lines = [line.replace("\u2060", "").strip() for line in lines]  # (a star's word joiner unseen)
                cells.append((box.style["font_size"], [line for line in lines if line]))
    return cells


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_printed_unit_is_set_in_one_type_at_the_mid_term_and_the_final(example_tables, tmp_path, language):
    """The English mid-term set its table's units at 0.9 of the table's type (8.1 pt of 9 pt), the final at the
    table's own (9.5 pt): one table read in two ways. Every evaluation's unit in the same proportion to its table's
    names: 0.9 of it in English (8.1 of 9 pt, 8.55 of 9.5 pt), the table's own in Chinese (9.5 pt in both)."""
    from analysis.report.self_evaluation_files import self_evaluation_html
    from tests.conftest import relative

    sizes = {}
    for year in (2023, 2024):
        page = tmp_path / f"{year}.html"
        page.write_text(self_evaluation_html(load_report(relative(example_tables), year, language), "2026-01-01"),
                        encoding="utf-8")
        units, names = printed_cells(page, "unit"), printed_cells(page, "name")
        assert len(units) == len(names) >= 20
        sizes[year] = ({round(size * 3 / 4, 2) for size, _ in units}, {round(size * 3 / 4, 2) for size, _ in names})
    expected = {"en": {2023: (8.1, 9), 2024: (8.55, 9.5)}, "zh": {2023: (9.5, 9.5), 2024: (9.5, 9.5)}}[language]
    for year, (unit, name) in expected.items():  # in points (a CSS pixel is 3/4 of one)
        assert sizes[year] == ({unit}, {name}), year



def test_a_printed_english_name_fills_its_lines(example_tables, tmp_path):
    """The English mid-term's table printed 3 as "National high-tech / zone / revenue / GDP" and 8 as "High-tech firms'
    / share of / industrial revenue*", a word or two a line, its last two words kept together whatever the column: a
    name fills each line of its column (17 %, the assessment keeping a fifth of the line) as its words come, a short
    last word alone only where the line before cannot spare a word ("zone revenue /" would leave "zone" alone); a
    Chinese name's last two characters, as before."""
    from analysis.report.self_evaluation_files import self_evaluation_html
    from tests.conftest import relative

    wanted = {"National high-tech zone revenue / GDP": ["National high-tech", "zone revenue /", "GDP"],
              "Provincial agri-tech park revenue / GDP": ["Provincial", "agri-tech park", "revenue / GDP"],
              "High-tech firms' share of industrial revenue*": ["High-tech firms'", "share of industrial", "revenue*"]}
    for language in ("en", "zh"):
        page = tmp_path / f"{language}.html"
        page.write_text(self_evaluation_html(load_report(relative(example_tables), 2023, language), "2026-01-01"),
                        encoding="utf-8")
        names = [lines for _, lines in printed_cells(page, "name")]
        assert len(names) >= 20
        if language == "en":
            printed = {" ".join(lines): lines for lines in names}
            for name, expected in wanted.items():
                assert printed[name] == expected, printed[name]
        else:
            assert all(len(lines[-1].rstrip("*")) >= 2 for lines in names if len(lines) > 1)


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", [("report.html", "评估报告"), ("../en/self-evaluation.html", "English edition"),
            ("../../../index.html", "全部报告")]),
    ("en", [("report.html", "The evaluation report"), ("../zh/self-evaluation.html", "中文版"),
            ("../../../index.html", "All reports")]),
])
def test_the_page_links_its_report_the_other_language_and_every_report(example_tables, language, expected):
    """The self-evaluation's page had no link at all: on screen it links its report (in the same folder), the draft
    in the other language, and the reports' index (reports/index.html, three folders up), as the report links its
    other edition; a printed page has none (report.css hides p.editions in print)."""
    from bs4 import BeautifulSoup

    from analysis.report.self_evaluation_files import self_evaluation_html
    from tests.conftest import relative

    page = BeautifulSoup(self_evaluation_html(load_report(relative(example_tables), 2024, language), "2026-01-01"),
                         "html.parser")
    assert [(a["href"], a.get_text()) for a in page.select("p.editions a")] == expected


def test_the_pages_assessment_is_its_status_in_the_status_colour_as_the_report_shows_it(example_tables):
    """On a phone the indicator table is 26 cards of 7 rows: the assessment was plain text among them. Its status is
    a badge in the status's colour, as in the report's scorecard, what is said of it under the badge; a qualitative
    indicator's words are "below", which a phone's cards and paper's table both have them (not "below the table")."""
    from bs4 import BeautifulSoup

    from analysis.report.palette import STATUS_COLOURS, STATUS_TEXT
    from analysis.report.self_evaluation_files import self_evaluation_html
    from tests.conftest import relative

    soup = BeautifulSoup(self_evaluation_html(load_report(relative(example_tables), 2023, "en"), "2026-01-01"),
                         "html.parser")
    cells = soup.select("table.indicators td.col-assessment")
    assert len(cells) == 28  # 25 series of 23 quantitative indicators and 3 qualitative
    shown = []
    for cell in cells:
        badge = cell.find("span", class_="status")
        assert badge is not None and cell.contents[0] is badge, cell
        said = cell.get_text()[len(badge.get_text()):]
        assert not said or badge.next_sibling.name == "br", cell  # on a line of its own (a printed gap read as a space)
        shown.append((cell.find_parent("tr").td.get_text(), badge.get_text(), badge["style"].split(";")[:2], said))
    assert shown[0] == ("1", "Interim target met", ["background:#1b5e20", "color:#ffffff"], "")
    assert shown[1] == ("2", "Interim target missed", ["background:#6a1b9a", "color:#ffffff"],
                        "(at the pace seen since 2020 it would fall short of the 2024 target)")
    qualitative = [row for row in shown if row[1] == "Qualitative"]
    assert len(qualitative) == 3
    assert {tuple(row[2]) for row in qualitative} == {(f"background:{STATUS_COLOURS['qualitative']}",
                                                       f"color:{STATUS_TEXT['qualitative']}")}
    assert {row[3] for row in qualitative} == {"(not assessed yet: progress still to be sent; see the notes below)"}
    assert "below the table" not in soup.get_text()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_mid_term_series_without_its_stage_years_value_is_given_the_need_of_the_target_still_ahead(
        example_tables, language):
    """4 provincial at the 2023 mid-term: 2.9% in 2022, no 2023 value, 3.3% for 2023 and again for 2024 (a progress
    verdict, moving away). Its 2024 target is still ahead: the scorecard and the self-evaluation's next target give
    what it needs, never a bare —. By hand: (3.3 − 2.9) / (2024 − 2022) = +0.2 points a year (a share's need in
    points alone), counted from the 2022 value, as said."""
    from analysis.report import tables
    from tests.conftest import relative

    context = load_report(relative(example_tables), 2023, language)
    # under the column's "Needed in 2024" (2024年需增长), the need of each of the two years, 2024's among them: never
    # "a year in 2023–2024" under a header that names one year
    # (the row shows its 2023 target: the need names the 2024 target it is for)
    need = {"en": "grow by 0.2 pp in each year of 2023–2024 to reach the 2024 target of 3.3%, from the 2022 value",
            "zh": "至2024年目标3.3%，2023—2024年每年增长0.2个百分点，自2022年数值起算"}[language]
    [row] = [row for row in tables.scorecard_rows(context) if row.anchor == "indicator-4-provincial"]
    assert row.pace == need
    assert row.pace_label == {"en": "Needed in\u00a02024", "zh": "2024年需增长"}[language]
    annex = next(block for block in self_evaluation_blocks(context) if block.name == "indicators")
    national, provincial = [cells for cells in annex.rows if cells[0] == "4"]  # the national series first
    # under the annex's header, which says "per year" already ("Next target, needed per year"), each year's all the
    # same: "0.2 pp in 2023–2024" reads as the two years' together (the target it is for given above it, not named
    # again)
    assert provincial[-1] == {"en": "3.3 (2024)\ngrow by 0.2 pp in each year of 2023–2024, from the 2022 value",
                              "zh": "3.3（2024年）\n2023—2024年每年增长0.2个百分点，自2022年数值起算"}[
                                 language]


def test_an_item_of_a_paragraph_is_kept_whole_in_the_word_draft(example_tables):
    """An item a paragraph names (指标4的省级序列尚缺2024年数据, in the progress verdicts' list) is one piece in
    Word, as in a cell: LibreOffice printed 指标 at a page's foot and 4的省级序列 on the next. A department's name in
    a paragraph still breaks (a justified line would be spaced out for it); the item's words carry no joiner, so that
    Find finds 指标 as typed: a word joiner stands only where the word meets its number and the number its series."""
    from analysis.report.self_evaluation_files import _inlines
    from tests.conftest import relative

    context = load_report(relative(example_tables), 2024, "zh")
    text = "2项仅有进展判断（指标4的省级序列尚缺2024年数据、指标12尚缺2024年数据），市科技局报送"
    inlines = _inlines(context, [text], body=True)
    printed = "".join(inline["c"] if inline["t"] == "Str" else " " for inline in inlines)
    assert "（指标\u20604的" in printed and "、指标\u206012尚缺" in printed
    assert "市科技局" in printed
    # with its series (指标4省级): the number joined to the series too, the series' characters as typed
    printed = "".join(inline["c"] if inline["t"] == "Str" else " "
                      for inline in _inlines(context, ["市科技局：指标4省级缺2023—2024年数据"], body=True))
    assert "：指标\u20604\u2060省级缺" in printed


def test_a_sign_the_table_adds_to_a_bare_target_is_said_under_it(example_tables):
    """The plan's table prints 17's targets as 90 (2023 and 2024) and 18's as 5, no "≥" (data/raw/weihai's plan text,
    printed_text "90" and "5"); the assessment reads each as a level to hold every year and the indicator table
    writes "≥90", "≥5": a note under the table says so of both, in the main report's words, whatever the verdict
    (17 is achieved, 18 not), in the mid-term and the final alike; no other target is read so."""
    from tests.conftest import relative

    for year in (2023, 2024):
        for language, expected in (
                ("zh", "（3）指标17方案表列90%，未标“≥”，本报告按每年须达到评估；"
                       "指标18方案表列5%，未标“≥”，本报告按每年须达到评估。"),
                ("en", "3. Indicator 17: the plan's table prints 90%, without “≥”; read as a level "
                       "to hold every year. Indicator 18: the plan's table prints 5%, without “≥”; read as a level "
                       "to hold every year.")):
            blocks = self_evaluation_blocks(load_report(relative(example_tables), year, language))
            table = next(i for i, block in enumerate(blocks) if block.name == "indicators")
            # under the table, after the core indicators' note and the one on what the signs mean
            assert block_texts(blocks[table + 3:table + 4]) == [expected], (year, language)
            assert sum(expected in text for text in block_texts(blocks)) == 1


def test_the_word_annexs_missing_items_have_the_room_its_counts_do_not_need(example_tables):
    """The Word draft's annex (zh 2024): its counts (one or two digits) had columns as wide as their headers on one
    line (须报送的任务, 填写行数, 报送文件), the missing items 28.7% of the table, three items a line broken
    inside (任务 | 2.2). The counts' headers on two lines (须报送 / 的任务, 填写 / 行数, 报送 / 文件): what is missing
    has 40% of the table at least (43%)."""
    context = load_report(example_tables, 2024, "zh")
    document, _ = self_evaluation_document(context, "2025-01-15")
    submissions = [block for block in document["blocks"] if block["t"] == "Table"][-1]
    shares = [spec[1]["c"] for spec in submissions["c"][2]]
    assert len(shares) == 6 and shares[-1] >= 0.40
    # the count columns narrower than any header of theirs on one line; the department's names whole, as before
    assert shares[1] < 0.1 and shares[3] < 0.1


def test_the_printed_chinese_finals_names_take_two_lines_at_most(example_tables, tmp_path):
    """The Chinese final's indicator table on paper: the name column (15.5%) set 4's "国家级农业科技园区营收占比"
    (13 characters) on three lines (国家级农业 / 科技园区营收 / 占比) beside an assessment of a word or two with room
    to spare. The names a fifth of the line, about nine characters a line at the table's 9.5 pt, broken between
    words: the longest, 21's 研发费用加计扣除减免占研发经费比重 (17), on two lines; 4's 国家级农业科技园区 /
    营收占比."""
    from analysis.report.render import html_to_pdf
    from analysis.report.self_evaluation_files import self_evaluation_html
    from tests.conftest import relative

    page = tmp_path / "self-evaluation.html"
    page.write_text(self_evaluation_html(load_report(relative(example_tables), 2024, "zh"), "2026-01-01"),
                    encoding="utf-8")
    html_to_pdf(page, tmp_path / "self-evaluation.pdf")
    lines = [box[4] for layout_page in pdf_layout(tmp_path / "self-evaluation.pdf") for box in layout_page["boxes"]
             if box[4]]
    # 4's two series and 21 on two lines each, broken between words
    for first, second in (("国家级农业科技园区", "营收占比"), ("省级农业科技园区", "营收占比"),
                          ("研发费用加计扣除", "减免占研发经费比重")):
        assert first in lines and second in lines
    assert not {"国家级农业", "省级农业", "科技园区营收", "研发费用加计"} & set(lines)


@pytest.fixture(scope="module")
def printed_drafts(example_tables, tmp_path_factory) -> dict:
    """The Word drafts of the example's final (2024) and mid-term (2023), Chinese and English, as LibreOffice prints
    them: {(year, language): (the document's text, the printed lines flat, without spaces and joiners)}."""
    import shutil
    import subprocess

    from analysis.report.self_evaluation_files import self_evaluation_docx

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or pdftotext (poppler) is not installed")
    folder = tmp_path_factory.mktemp("drafts")
    cases = [(year, language) for year in (2024, 2023) for language in ("zh", "en")]
    for year, language in cases:
        (folder / f"{language}-{year}.docx").write_bytes(
            self_evaluation_docx(load_report(example_tables, year, language), "2025-01-15"))
    documents = [str(folder / f"{language}-{year}.docx") for year, language in cases]
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), *documents], check=True, capture_output=True, timeout=240)
    out = {}
    for year, language in cases:
        path = folder / f"{language}-{year}.docx"
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
        paragraphs = ["".join(node.text or "" for node in paragraph.iter(f"{{{W_MAIN}}}t"))
                      for paragraph in root.iter(f"{{{W_MAIN}}}p")]
        printed = subprocess.run(["pdftotext", "-raw", str(path.with_suffix(".pdf")), "-"], check=True,
                                 capture_output=True, text=True, timeout=60).stdout
        out[year, language] = (paragraphs, [re.sub(r"[\s\u2060\u200b]", "", line) for line in printed.splitlines()])
    return out


W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize("year", [2024, 2023])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_word_placeholder_and_a_reference_print_whole_and_stay_as_typed(printed_drafts, year, language):
    """LibreOffice printed the Word draft's placeholders broken at a line's end (原因：【待补充：市财政 | 局】, five in
    the Chinese final, "[To be | supplied: …]" twenty-two times in the English one) and its references by number
    (任务 | 3.4 in the annex, 指标 | 4 in the summary): each placeholder and each 任务 2.2, 指标 4 (task 2.2,
    indicator 4) now prints on one line. A placeholder's text is as typed, no joiner inside, so that Word's Find
    finds 待补充; a reference is as typed but where a line is likely to end in it or in a table's cell, where word
    joiners hold it (指标4 is written with no space, and a line breaks between 标 and 4)."""
    paragraphs, lines = printed_drafts[year, language]
    mark = {"zh": "【待补充：", "en": "[To be supplied: "}[language]
    end = {"zh": "】", "en": "]"}[language]
    placeholders = [found for paragraph in paragraphs
                    for found in re.findall(re.escape(mark) + f"[^{re.escape(end)}]*{re.escape(end)}", paragraph)]
    assert len(placeholders) > 20 and not any(set(found) & set("\u2060\u200b\u202f\u00a0") for found in placeholders)
    # a reference standing as one (、指标4), not the end of a word (定性指标22)
    item = re.compile(r"(?<![\u4e00-\u9fffA-Za-z])" + {"zh": r"(?:任务|指标)\d+(?:\.\d+)?",
                                                        "en": r"(?:[Tt]ask|[Ii]ndicator) \d+(?:\.\d+)?"}[language])
    items = {found for paragraph in paragraphs for found in item.findall(paragraph.replace("\u2060", ""))}
    assert len(items) > 10
    # joined only where a line is likely to end in one, or in a table's cell (the annex lists them): in running
    # text as typed
    assert len({found for paragraph in paragraphs for found in item.findall(paragraph)}) >= 3
    ends = set(itertools.accumulate(len(line) for line in lines))
    flat = "".join(lines)
    broken = [piece for piece in {*placeholders, *items}
              for start in (match.start() for match in re.finditer(
                  r"(?<![\u4e00-\u9fffA-Za-z])" + re.escape(re.sub(r"\s", "", piece)), flat))
              if any(start < end < start + len(re.sub(r"\s", "", piece)) for end in ends)]
    assert broken == []
    # every placeholder printed, each whole on one line
    assert sum(line.count(re.sub(r"\s", "", mark)) for line in lines) == len(placeholders)


def test_the_chinese_finals_word_indicator_table_is_set_in_the_tables_own_type(example_tables):
    """The Chinese final's indicator table was set in 9 pt (小五) beside the draft's 16 pt text, to give its
    assessment twelve characters a line; official tables are set in 五号 (10.5 pt): its names give way to ten
    characters a line, broken between their words, and the assessment keeps its twelve. The mid-term's eight columns
    do not fit in 五号 (nor in 小五) and take the smallest type, 8 points, for the assessment's twelve characters."""
    for year, expected in ((2024, None), (2023, 8.0)):
        context = load_report(example_tables, year, "zh")
        document, laid_on = self_evaluation_document(context, "2025-01-15")
        tables = [block for block in document["blocks"] if block["t"] == "Table"]
        indicators = next(number for number, table in enumerate(tables) if len(table["c"][2]) >= 7)
        assert laid_on.points.get(indicators) == expected, year
    assert float(context.words["word.sizes"]["Compact"]) == 10.5


@pytest.mark.parametrize("year", [2024, 2023])
def test_the_printed_word_assessment_holds_a_note_on_a_few_lines_of_whole_names(printed_drafts, year):
    """LibreOffice printed the Chinese draft's assessment three or four characters a line beside a latest value kept
    whole with its year (偏离目标（进 / 展判断，非最 / …: indicator 4's provincial note on eleven lines) and names of
    thirteen characters a line. The note is 115 Latin letters wide (a Chinese character two) and the assessment holds
    twelve characters a line at least (24 letters): five lines full, and one for where lines end short. The names
    broken by hand between their words: never 国家级农业科技园区营 / 收占比."""
    lines = printed_drafts[year, "zh"][1]
    start = next(number for number, line in enumerate(lines) if "偏离目标（" in line and "：偏离目标" not in line)
    # (a final evaluation's note closes "…无数据；数据缺失，待补充）")
    end = next(number for number in range(start, len(lines)) if re.search("(据|补充)）", lines[number]))
    assert end - start + 1 <= 6
    assert not [line for line in lines if re.search(r"(农业科技园区营|工业企业收|驱动发展战略决)$", line)]


@pytest.mark.parametrize("year", [2024, 2023])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_word_indicator_table_gives_the_assessment_three_tenths_and_the_latest_value_its_year_under_it(
        example_tables, year, language):
    """The Chinese draft's latest value kept its year on its line (24,800（2024年）: 14 letters), which left the
    assessment 13.5 letters of the final's 84: its year goes under it, as on the page and in English, and the
    assessment has twelve Chinese characters a line (24 letters and a cell's margins), some three tenths of the
    table, in every edition."""
    from analysis.report.word_content import cell_padding

    context = load_report(example_tables, year, language)
    document, laid_on = self_evaluation_document(context, "2025-01-15")
    tables = [block for block in document["blocks"] if block["t"] == "Table"]
    indicators = next(table for table in tables if len(table["c"][2]) >= 7)
    points = laid_on.points.get(tables.index(indicators))
    shares = [column[1]["c"] for column in indicators["c"][2]]
    assert shares[6] * letters_across(context, points) >= 24 + cell_padding(context, points)
    assert shares[6] >= 0.24
    # the latest value under its year: one line the value, one its year in brackets
    first = indicators["c"][4][0][3][0][1]
    assert {"t": "LineBreak"} in first[5][4][0]["c"]


def test_a_chinese_name_wider_than_its_column_is_broken_by_hand_between_its_words():
    """The draft's text is plain: Word broke a name after any character (国家级农业科技园区营 / 收占比). A line of 19
    Latin letters holds nine Chinese characters (18): the name's words fill the first line, the rest go on the next;
    a Latin word stays whole (GDP), a name that fits and an English one as they are."""
    from analysis.report.self_evaluation_files import _name_lines

    assert _name_lines("国家级农业科技园区营收占比", 19.0) == "国家级农业科技园区\n营收占比"
    assert _name_lines("国家高新区营收占 GDP 比重", 19.0) == "国家高新区营收占\nGDP 比重"
    assert _name_lines("研发人员数", 19.0) == "研发人员数"
    assert _name_lines("Share of good-air days in the year", 19.0) == "Share of good-air days in the year"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_sentence_of_the_word_draft_runs_on_without_a_line_break(example_tables, language):
    """The Chinese final's summary broke its list of progress verdicts in the middle (…指标 4 的省级序列尚缺
    2023—2024年数据； | 指标 21 尚缺 2024年数据。): a line break put before 指标 21 by an estimate of where its line
    would end, which LibreOffice filled a letter short two lines before (…其余 | 2 项), left 据； alone on a line and
    指标 21 at the margin as a paragraph of its own. The sentence is one paragraph's, with no line break in it."""
    from analysis.report.self_evaluation_files import self_evaluation_docx

    context = load_report(example_tables, 2024, language)
    item = {"zh": "指标{}", "en": "[Ii]ndicator {}"}[language]
    with zipfile.ZipFile(io.BytesIO(self_evaluation_docx(context, "2025-01-15"))) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))

    def text(paragraph) -> str:  # a line break as a newline, the joiners and their narrow spaces as typed
        said = "".join("\n" if node.tag == f"{{{W_MAIN}}}br" else node.text or ""
                       for node in paragraph.iter(f"{{{W_MAIN}}}t", f"{{{W_MAIN}}}br"))
        return re.sub("[\u2060\u200b]", "", said).replace("\u202f", " ").replace("\u00a0", " ")

    # the paragraph naming 4 and 21 as the two progress verdicts left (4's provincial series and 21 lack data); the
    # problems name them again among the data still to be supplied, a list of its own
    holding = [text(paragraph) for paragraph in root.iter(f"{{{W_MAIN}}}p")
               if re.search(item.format(4) + r"\D.*" + item.format(21) + r"\D", text(paragraph), re.S)
               and ("仅有进展判断" in text(paragraph) or "a progress verdict only" in text(paragraph))]
    assert len(holding) == 1
    between = re.search(item.format(4) + r"\D.*" + item.format(21), holding[0], re.S)[0]
    assert "\n" not in between


def test_the_submissions_table_names_the_values_each_department_still_owes(example_tables):
    """The example's final evaluation (2024): 4 provincial's latest value is 2022's (Science Bureau) and 21's 2023's
    (Taxation Bureau), every other series has its 2024 value. Each lead department's "still missing" names the values
    it owes after its tasks and explanations, as the data still to be supplied do. The mid-term (2023): 4 provincial
    is owed; 21 has its 2023 value."""
    from tests.conftest import relative

    def annex(year, language):
        blocks = self_evaluation_blocks(load_report(relative(example_tables), year, language))
        return next(block for block in blocks if block.name == "submissions")

    for language, science, taxation, data_4, data_21 in (
            ("zh", "市科技局", "市税务局", "数据（指标4省级）", "数据（指标21）"),
            ("en", "Municipal Science and Technology Bureau", "Municipal Taxation Bureau",
             "data (indicator 4 provincial)", "data (indicator 21)")):
        separator = {"zh": "；", "en": "; "}[language]
        final = annex(2024, language)
        rows = {row[0]: row for row in final.rows}
        assert rows[science][-1].split(separator)[-1] == data_4
        assert rows[taxation][-1].split(separator)[-1] == data_21
        assert sum(data_4 in row[-1] or data_21 in row[-1] for row in final.rows) == 2
        rows = {row[0]: row for row in annex(2023, language).rows}
        assert rows[science][-1].split(separator)[-1] == data_4 and data_21 not in rows[taxation][-1]


def test_the_submissions_table_joins_a_series_to_its_indicators_number_as_its_language_does():
    """The table of materials owed named "指标4 省级" where every other Chinese text reads 指标4省级 (no space between
    a number and the Chinese word after it); English keeps its space (4 provincial)."""
    from types import SimpleNamespace

    from analysis.catalog import catalog
    from analysis.report.self_evaluation import _series_id

    provincial = SimpleNamespace(indicator_id="4", series="provincial")
    assert _series_id(provincial, catalog("zh")) == "4省级"
    assert _series_id(provincial, catalog("en")) == "4 provincial"
    assert _series_id(SimpleNamespace(indicator_id="21", series=""), catalog("zh")) == "21"

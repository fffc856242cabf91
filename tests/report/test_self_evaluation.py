"""The self-evaluation report as the report run writes it: at a mid-term or final evaluation only, in the Ministry's
outline, in both languages, its gaps marked; data text escaped, never markup."""
from __future__ import annotations

import json

import docx
import pytest

from analysis.report.render import html_external_references
from tests.conftest import EXAMPLE_REPORTS, LAKESIDE_REPORTS, NATIONAL_REPORTS
from tests.support.pdf import pdf_layout

CASES = [*EXAMPLE_REPORTS, *LAKESIDE_REPORTS, *NATIONAL_REPORTS]
OUTLINE = {"zh": ["一、总体情况和整体评价", "二、目标和指标完成情况", "三、重点任务实施情况",
                  "四、组织保障措施落实情况", "五、经验做法", "六、存在的问题和意见建议", "附：材料报送情况"],
           "en": ["1. Overall situation and evaluation", "2. Goals and indicators", "3. Key tasks",
                  "4. Organisation and support measures", "5. Experience and practices", "6. Problems and suggestions",
                  "Annex: what the departments sent"]}


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
    assert owed[language] in marked  # task 1.1's lead sent nothing: its gap is bold, to be found
    # Weihai's 29 key tasks, each under its group (task 7.6 is the last)
    text = "\n".join(p.text for p in document.paragraphs).replace("\u00a0", " ")  # no-break spaces keep numbers whole
    first, last = {"zh": ("\n1.1 ", "\n7.6 "), "en": ("\nTask 1.1: ", "\nTask 7.6: ")}[language]
    assert text.count(last) == 1 and text.count(first) == 1


def test_the_page_loads_nothing_and_escapes_the_data(example_reports):
    page = (example_reports["final-zh"] / "self-evaluation.html").read_text(encoding="utf-8")
    assert html_external_references(page) == []
    # a placeholder kept whole on its line (never 【待补充：市科 | 技局】)
    assert '<span class="placeholder"><span class="nobr">【待补充：评估牵头单位】</span></span>' in page
    assert "R&amp;D经费投入强度" in page and "R&D经费" not in page.replace("R&amp;D", "")


def test_a_plan_without_tasks_says_so_instead_of_counting_none(example_reports):
    page = (example_reports["national-2015-zh"] / "self-evaluation.html").read_text(encoding="utf-8")
    assert "未提供 tasks.csv" in page and "0 个方面" not in page
    assert "方案未以可读取的形式列出重点任务。" in page


@pytest.mark.parametrize("case", ["final-zh", "final-en", "national-2015-zh"])
def test_no_line_runs_past_the_page_margin(example_reports, case):
    # A4 is 595.3 pt wide and report.css sets 16 mm (45.4 pt) margins: every line ends by 549.9 pt
    overflowing = [(number, box[4][:30]) for number, page in enumerate(pdf_layout(
        example_reports[case] / "self-evaluation.pdf"), 1) for box in page["boxes"]
        if box[4] and box[2] > page["width"] - 16 / 25.4 * 72 + 1]
    assert overflowing == []

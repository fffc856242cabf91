"""Any plan by configuration: the fictional Lakeside plan (typed, other years, other indicators)
is rendered by the same code as Weihai's, into its own folders."""
from __future__ import annotations

import re

import pytest

from analysis import cli
from analysis.clean.processed import read_processed
from tests.conftest import relative
from tests.support.line_breaks import unmarked
from tests.support.pdf import pdf_text


@pytest.fixture(scope="module")
def reports(example_reports):
    """The reports folder where the run's reports of both plans were built together (``example_reports``)."""
    root = example_reports["lakeside-2026-zh"].parents[2]
    assert example_reports["final-zh"].parents[2] == root
    return root


def test_two_plans_never_share_a_folder(reports):
    assert sorted(p.name for p in reports.iterdir() if p.is_dir()) == ["lakeside", "national-12th-fyp", "weihai"]
    assert (reports / "lakeside" / "2026" / "zh" / "report.pdf").is_file()
    assert (reports / "weihai" / "2024" / "zh" / "report.pdf").is_file()


def test_the_front_page_lists_every_report_by_plan(reports):
    index = (reports / "index.html").read_text(encoding="utf-8")
    # each plan headed by its title, Chinese first, the English under it where an English report names it; in the
    # order of the plans' folders (lakeside, national-12th-fyp, weihai)
    plans = [re.sub(r"<span[^>]*>", " / ", heading).replace("</span>", "")
             for heading in re.findall(r"<h2>(.*?)</h2>", index)]
    assert plans == ["湖滨市创新驱动发展行动计划（2025—2027年） / Lakeside&#39;s action plan for innovation-driven "
                     "development (2025–2027)", "国家“十二五”科学和技术发展规划",
                     "威海市建设国家创新型城市实施方案（2022—2024年） / Weihai&#39;s implementation plan for "
                     "building a national innovative city (2022–2024)"]
    for folder in ("lakeside/2027/en", "lakeside/2026/zh", "weihai/2024/zh"):
        assert f'href="{folder}/report.pdf"' in index and f'href="{folder}/report.html"' in index
    lakeside = index.split("<h2>威海市")[0]
    assert lakeside.index("lakeside/2027/en") < lakeside.index("lakeside/2026/zh")  # the latest first


def test_the_mid_term_report_of_the_second_plan(reports):
    html = unmarked((reports / "lakeside" / "2026" / "zh" / "report.html").read_text(encoding="utf-8"))
    assert "湖滨市创新驱动发展指标中期评估报告（2026年）" in html
    assert "依据《湖滨市创新驱动发展行动计划（2025—2027年）》所列6项指标。" in html
    assert re.search(r"<th[^>]*>2023年基础值</th>", html)
    for name in ("研发投入强度", "碳排放强度", "国家级重点实验室", "省级重点实验室"):
        assert name in html
    assert "配套政策体系" in html  # the qualitative indicator is listed apart
    assert "威海" not in html


def test_the_final_report_of_the_second_plan_in_english(reports):
    folder = reports / "lakeside" / "2027" / "en"
    text = " ".join(pdf_text(folder / "report.pdf").split())
    assert "Lakeside: Final evaluation of the innovation-driven development indicators, 2027" in text
    assert "Lakeside statistical bulletin 2025 (fictional)" in text
    assessment = read_processed(folder / "data").assessment
    carbon = assessment[(assessment.indicator_id == 3) & (assessment.report_year == 2027)].iloc[0]
    # lower is better: 0.92 (2023) to 0.91 (2025) is −0.5 % a year; the target 0.78 in 2027 needs
    # (0.78/0.92)^(1/4) − 1 = −4.04 % a year; R = −1 × −0.0054 / 0.0404 = 0.134: insufficient
    assert carbon.direction == "lower" and carbon.as_of_year == 2025
    assert carbon.progress_ratio == pytest.approx(-((0.91 / 0.92) ** 0.5 - 1) / (1 - (0.78 / 0.92) ** 0.25), rel=1e-9)
    assert carbon.status == "insufficient"
    # starred: the star in the link, after its last word (line_breaks.with_core_star)
    assert re.search(r"Carbon intensity\u2060\*</a>", (folder / "report.html").read_text(encoding="utf-8"))


def test_the_command_line_takes_a_plan_folder(work_dir, lakeside, capsys):
    status = cli.main(["data", "--plan", relative(lakeside.folder), "--processed-dir", relative(work_dir)])
    assert status == 0
    assert (work_dir / "lakeside" / "assessment.csv").is_file()
    assert "wrote " + relative(work_dir / "lakeside" / "plan.json") in capsys.readouterr().out

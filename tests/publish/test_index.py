"""reports/index.html: every report by plan, year and language, from the reports' own manifests."""
from __future__ import annotations

import json
import os
import re

from bs4 import BeautifulSoup

from analysis.publish.index import index_html, write_index
from analysis.settings import TEMPLATES_DIR


def manifest(folder, plan, year, language, title, counts, formats=("report.html", "report.pdf"), plan_title=None):
    folder.mkdir(parents=True)
    for name in formats:
        (folder / name).write_bytes(b"x")
    (folder / "manifest.json").write_text(json.dumps({
        "report": {"plan": plan, "year": year, "language": language},
        "dates": {"generated": "2026-11-27", "inputs_date": "2026-11-20"},
        "summary": {"title": title, "kind": "final", "currency": "latest data: 2024", "counts": counts,
                    **({"plan_title": plan_title} if plan_title else {})}}),
        encoding="utf-8")


def test_the_front_page_lists_reports_latest_first_with_their_formats(tmp_path):
    manifest(tmp_path / "weihai" / "2023" / "zh", "weihai", 2023, "zh", "中期评估", {"进度正常": 3})
    manifest(tmp_path / "weihai" / "2024" / "en", "weihai", 2024, "en", "<b>Final</b>", {"Achieved": 20},
             formats=("report.html",))
    (tmp_path / "weihai" / "2022" / "zh").mkdir(parents=True)
    (tmp_path / "weihai" / "2022" / "zh" / "manifest.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "weihai" / "2021" / "zh").mkdir(parents=True)
    os.mkfifo(tmp_path / "weihai" / "2021" / "zh" / "manifest.json")  # a pipe: skipped, never waited on
    page = index_html(tmp_path)
    rows = re.findall(r'<tr><td class="year">(\d{4})</td><td class="language">(\w+)</td>', page)
    assert rows == [("2024", "English"), ("2023", "中文")]  # the broken one is left out, the latest first
    assert 'href="weihai/2023/zh/report.pdf"' in page and 'href="weihai/2024/en/report.pdf"' not in page
    assert "&lt;b&gt;Final&lt;/b&gt;" in page and "<b>Final" not in page  # a title is data: escaped
    assert "进度正常\u00a03" in page and "2026-11-27" in page and "latest data: 2024" in page


def test_the_front_page_is_rewritten_only_when_it_changes(tmp_path):
    manifest(tmp_path / "weihai" / "2024" / "zh", "weihai", 2024, "zh", "总结评估", {"已达标": 1})
    path = write_index(tmp_path)
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10**9, before - 10**9))
    write_index(tmp_path)
    assert path.stat().st_mtime_ns == before - 10**9
    assert "总结评估" in re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))


def test_an_english_reports_title_is_marked_english_for_its_latin_font(tmp_path):
    manifest(tmp_path / "weihai" / "2024" / "en", "weihai", 2024, "en", "“Final” evaluation", {"Achieved": 20})
    manifest(tmp_path / "weihai" / "2024" / "zh", "weihai", 2024, "zh", "总结评估", {"已达标": 1})
    page = index_html(tmp_path)
    assert '<td lang="en">“Final” evaluation<br>' in page
    assert '<td><span class="nobr">总结</span><wbr><span class="nobr">评估</span></td>' in page  # no lang: Chinese
    assert re.search(r':lang\(en\) \{ font-family: "Latin Marks", "Noto Sans CJK SC"', page)  # marks in a Latin face


def test_a_plan_is_headed_by_its_title_and_a_phone_sees_each_report_as_lines(tmp_path):
    """The heading is the plan's title as its reports give it, Chinese first (never its folder id "weihai" when a
    report names it); on a phone the table's rows become blocks, its header hidden, never wider than the screen."""
    manifest(tmp_path / "weihai" / "2024" / "en", "weihai", 2024, "en", "Final", {"Achieved": 20},
             plan_title="Weihai's plan")
    manifest(tmp_path / "weihai" / "2024" / "zh", "weihai", 2024, "zh", "总结评估", {"已达标": 1},
             plan_title="威海市方案")
    manifest(tmp_path / "other" / "2015" / "zh", "other", 2015, "zh", "评估", {"已达标": 1})
    page = index_html(tmp_path)
    assert '<h2>威海市方案<span class="en" lang="en">Weihai&#39;s plan</span></h2>' in page
    assert "<h2>other</h2>" in page and "<h2>weihai</h2>" not in page  # an old manifest without a title: its id
    assert re.search(r"@media \(max-width: 600px\) \{\s*table, tbody, tr, td \{ display: block", page)
    assert '<td class="date">2026-11-27</td>' in page and "td.date { white-space: nowrap; }" in page
    assert '<td class="data">latest data: 2024</td>' in page and "td.data, td.counts { word-break: keep-all; }" in page


def test_the_statuses_read_in_the_reports_words_and_stay_on_a_phone(tmp_path):
    """The counts as the report writes them, by indicator (已达标4项、数据不足22项, never an English comma in
    Chinese), a count kept with its status; on a phone they stay, labelled, as do the data."""
    manifest(tmp_path / "weihai" / "2024" / "zh", "weihai", 2024, "zh", "总结评估", {"已达标": 4, "数据不足": 22})
    path = tmp_path / "weihai" / "2024" / "zh" / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["summary"]["counts_parts"] = ["定量指标26项：已达标4项、数据不足22项", "定性指标3项尚未评价"]
    path.write_text(json.dumps(data), encoding="utf-8")
    page = index_html(tmp_path)
    # each part a line of its own (display: block), a count never joined to the next part ("未达标 9 项 定性指标 3
    # 项", "Not achieved 9. 3 qualitative …" read as one)
    parts = [span.get_text() for span in BeautifulSoup(page, "html.parser").select("td.counts span.part")]
    assert parts == ["定量指标26项：已达标4项、数据不足22项", "定性指标3项尚未评价"]  # keep-all: broken at 、 only
    assert re.search(r"td\.counts \.part \{ display: block; \}", page)
    # a manifest written before the parts: its text in one part
    data["summary"].pop("counts_parts")
    data["summary"]["counts_text"] = "已达标4项、数据不足22项"
    path.write_text(json.dumps(data), encoding="utf-8")
    parts = [span.get_text() for span in BeautifulSoup(index_html(tmp_path), "html.parser").select("td.counts .part")]
    assert parts == ["已达标4项、数据不足22项"]
    phone = page[page.index("@media (max-width: 600px)"):]
    phone = phone[:phone.index("</style>")]
    assert "thead { display: none; }" in phone and not re.search(r"td\.counts[^{]*\{ display: none", phone)
    assert 'td.counts::before { content: "结论（按指标）Statuses by indicator: "' in phone


def test_the_data_currency_names_the_series_without_data():
    """The national plan's 2015 report: 5 of its 10 series have a 2015 value, 5 have none, said so, not left out."""
    from analysis.report.context import load_report
    from analysis.report.words import index_summary
    from analysis.settings import PROJECT_ROOT

    for language, text in (("zh", "最新数据年份：2015年5个序列、尚无数据5个序列"),
                           ("en", "latest data: 2015 (5 series), no data (5 series)")):
        context = load_report(PROJECT_ROOT / "data" / "processed" / "national-12th-fyp", 2015, language)
        assert index_summary(context)["currency"] == text


def test_the_self_evaluation_is_linked_in_every_format_it_has(tmp_path):
    # its HTML too, which a reader opens on a phone, beside the Word file to edit and the PDF to print
    manifest(tmp_path / "weihai" / "2024" / "zh", "weihai", 2024, "zh", "总结评估", {"已达标": 1},
             formats=("report.html", "self-evaluation.html", "self-evaluation.docx", "self-evaluation.pdf"))
    page = index_html(tmp_path)
    for name in ("self-evaluation.html", "self-evaluation.docx", "self-evaluation.pdf"):
        assert f'href="weihai/2024/zh/{name}"' in page
    assert "自评报告 HTML" in page and "self-evaluation" not in page.replace("self-evaluation.", "")
    # a row speaks its report's language: an English report's kind and self-evaluation in English
    manifest(tmp_path / "weihai" / "2024" / "en", "weihai", 2024, "en", "Weihai: 2024", {"Achieved": 1},
             formats=("report.html", "self-evaluation.pdf"))
    page = index_html(tmp_path)
    assert "Self-evaluation PDF" in page and "总结评估 / final evaluation" not in page
    # the kind under a title that does not say it ("Weihai: 2024"), never under one that does (总结评估)
    assert '<span class="muted">Final evaluation</span>' in page and '<span class="muted">总结评估</span>' not in page


def test_the_report_and_its_self_evaluation_link_their_formats_in_one_order_in_the_reports_colour(tmp_path):
    """The report's formats were linked HTML, PDF, DOCX and its self-evaluation's HTML, DOCX, PDF: one order for both;
    and the links were a browser's default blue beside the reports' own dark blue (report.css's --accent)."""
    from bs4 import BeautifulSoup

    formats = ("report.html", "report.pdf", "report.docx", "self-evaluation.html", "self-evaluation.docx",
               "self-evaluation.pdf")
    manifest(tmp_path / "weihai" / "2024" / "en", "weihai", 2024, "en", "Weihai: 2024", {"Achieved": 1},
             formats=formats)
    page = BeautifulSoup(index_html(tmp_path), "html.parser")
    names = [link.get_text() for link in page.select("td.formats a")]
    assert names == ["HTML", "PDF", "DOCX", "Self-evaluation HTML", "Self-evaluation PDF", "Self-evaluation DOCX"]
    accent = re.search(r"--accent:\s*(#[0-9a-f]{6})", (TEMPLATES_DIR / "report" / "report.css").read_text(
        encoding="utf-8")).group(1)
    assert re.search(r"(?:^|\n)a \{ color: " + accent + r"; \}", page.style.string), page.style.string[:200]


def test_a_title_that_says_its_kind_is_not_followed_by_the_kind_again(tmp_path):
    """A report's title names its kind (…总结评估报告（2024年）, "…: Final evaluation 2024"): the row says it once,
    never "Final evaluation 2024" and under it "Final evaluation" again."""
    manifest(tmp_path / "weihai" / "2024" / "zh", "weihai", 2024, "zh",
             "威海市国家创新型城市建设指标总结评估报告（2024年）", {"已达标": 1})
    manifest(tmp_path / "weihai" / "2024" / "en", "weihai", 2024, "en", "Weihai: final evaluation 2024",
             {"Achieved": 1})
    rows = re.sub(r"<[^>]+>", "", index_html(tmp_path).split("<tbody>", 1)[1])
    assert rows.count("总结评估") == 1 and rows.count("inal evaluation") == 1
    assert '<span class="muted">' not in index_html(tmp_path).split("<tbody>", 1)[1]


def test_the_data_currency_keeps_each_count_with_its_series_on_a_phone(tmp_path):
    """A phone's narrow line breaks the data currency between a year and its count, never between a count and the
    series it counts (…2023年 1 | 个序列, 2023 (1 | series)): a no-break space after each number; Chinese without
    spaces (2023年1个序列) breaks at its punctuation only (word-break: keep-all)."""
    for language, text in (("zh", "最新数据年份：2024年23个序列、2023年1个序列"),
                           ("en", "latest data: 2024 (23 series), 2023 (1 series)")):
        folder = tmp_path / language
        manifest(folder / "weihai" / "2024" / language, "weihai", 2024, language, "Final", {"Achieved": 1})
        path = folder / "weihai" / "2024" / language / "manifest.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["summary"]["currency"] = text
        path.write_text(json.dumps(data), encoding="utf-8")
        page = index_html(folder)
        expected = {"zh": "最新数据年份：2024年23个序列、2023年1个序列",
                    "en": "latest data: 2024\u00a0(23\u00a0series), 2023\u00a0(1\u00a0series)"}[language]
        assert re.search(r'<td class="data"( lang="en")?>' + re.escape(expected) + "</td>", page), language


def test_a_reports_title_breaks_between_its_words_never_inside_its_year(tmp_path):
    """A phone's narrow line broke a title as 评估报告（2024 | 年）: the title's pieces are kept whole, as its page's
    own heading keeps them, and still escaped."""
    manifest(tmp_path / "weihai" / "2024" / "zh", "weihai", 2024, "zh", "<i>总结评估报告（2024年）</i>", {"已达标": 1})
    manifest(tmp_path / "weihai" / "2023" / "en", "weihai", 2023, "en", "Indicators: Mid-term evaluation 2023",
             {"Achieved": 1})
    page = index_html(tmp_path)
    assert '<span class="nobr">（2024年）</span>' in page and "&lt;i&gt;" in page and "<i>" not in page
    assert '<span class="nobr">Mid-term evaluation 2023</span>' in page
    assert ".nobr { white-space: nowrap; }" in page

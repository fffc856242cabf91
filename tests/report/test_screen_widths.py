"""The HTML edition fits the screens it is read on: a phone (390 px), a tablet held flat (1,024 px) and a laptop
(1,280 px). Each report is opened in headless Chromium inside a frame of that width (Chromium's own window is never
narrower than 500 px), and every table and chart must end inside its column and the page, so that nothing is cut
at the right edge or needs scrolling sideways. Skipped where Chromium is not installed.
"""
from __future__ import annotations

import html as markup
import json
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

WIDTHS = (390, 1024, 1280)

#: Run inside the report once it is laid out: each table or image whose right edge passes its parent's or the
#: page's, and the page's own width against the frame's; sent to the frame's parent page.
MEASURE = """<script>window.addEventListener('load', () => {
  const page = document.documentElement.clientWidth, wide = [];
  document.querySelectorAll('table, img').forEach(element => {
    const box = element.getBoundingClientRect(), column = element.parentElement.getBoundingClientRect();
    if (box.width > 0 && (box.right > column.right + 1 || box.right > page + 1))
      wide.push(`${element.tagName.toLowerCase()}.${element.className}: ${Math.round(box.width)} px`
                + ` in ${Math.round(Math.min(column.width, page))} px`);
  });
  parent.postMessage(JSON.stringify({page, scroll: document.documentElement.scrollWidth, wide}), '*');
});</script>"""

FRAME = """<!DOCTYPE html><html><body style="margin:0"><iframe src="page.html" width="{width}" height="2400"
style="border:0"></iframe><script>window.addEventListener('message', event =>
document.body.setAttribute('data-measured', event.data));</script></body></html>"""


def measured(html: Path, width: int, folder: Path, script: str = MEASURE) -> dict:
    """What ``script`` (:data:`MEASURE` unless told) finds in ``html`` laid out ``width`` pixels wide."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "page.html").write_text(html.read_text(encoding="utf-8").replace("</body>", script + "</body>"),
                                      encoding="utf-8")
    (folder / "frame.html").write_text(FRAME.format(width=width), encoding="utf-8")
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,2400",
                          "--virtual-time-budget=10000", "--dump-dom", (folder / "frame.html").as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    start = dom.index('data-measured="') + len('data-measured="')
    return json.loads(markup.unescape(dom[start:dom.index('"', start)]))


def test_the_measure_sees_a_table_wider_than_its_column(tmp_path):
    page = tmp_path / "wide.html"
    page.write_text('<!DOCTYPE html><html><body><div style="width:300px"><table class="wide" style="width:600px">'
                    "<tr><td>x</td></tr></table></div></body></html>", encoding="utf-8")
    found = measured(page, 1024, tmp_path / "frame")
    assert found["page"] == 1024 and found["wide"] == ["table.wide: 600 px in 300 px"]


@pytest.mark.parametrize("case", ["final-zh", "final-en", "mid-term-zh"])
def test_every_table_and_chart_fits_a_phone_a_tablet_and_a_laptop(example_reports, case, tmp_path):
    for width in WIDTHS:
        found = measured(example_reports[case] / "report.html", width, tmp_path / str(width))
        assert width - 20 <= found["page"] <= width  # less the frame's scroll bar, where it draws one
        assert found["wide"] == [] and found["scroll"] <= found["page"], (width, found)


#: Run inside a page once it is laid out: for each value's year in the scorecard and the warning list (a <small> in
#: the latest or target column), the lines its text takes; sent to the frame's parent page.
YEAR_LINES = """<script>window.addEventListener('load', () => {
  const lines = [...document.querySelectorAll('td:nth-child(5) small, td:nth-child(6) small')].map(small => {
    const range = document.createRange();
    range.selectNodeContents(small);
    return new Set([...range.getClientRects()].map(box => Math.round(box.top))).size;
  });
  parent.postMessage(JSON.stringify({page: document.documentElement.clientWidth, scroll: 0, wide: [], lines}), '*');
});</script>"""


@pytest.mark.parametrize("width", [1024, 1280])
def test_a_values_year_under_it_is_never_broken_on_a_wide_screen(tmp_path, width):
    """A Chinese scorecard laid out by its contents gave the latest and target columns their values' width (24,800)
    and broke each year under its value as （2024 | 年）: the year stays whole on one line, in the scorecard as in the
    warning list."""
    from analysis.report.html import ENVIRONMENT
    from analysis.settings import TEMPLATES_DIR

    value_year = ENVIRONMENT.get_template("macros.html.j2").module.value_year
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    note = "2023年阶段目标完成率96.7%；按现有增速不足以如期完成2024年目标" * 2
    rows = "".join(f"<tr><td>{number}</td><td>国家级农业科技园区营收占比</td><td>家/万人</td><td>22,154</td>"
                   f"<td>{value_year('24,800', '（2024年）', '人')}</td>"
                   f"<td>{value_year('1,580', '（2023年）', '家')}</td>"
                   f"<td>0.09个百分点（2023年）</td><td>2024年目标：+0.19个百分点（相对+7.3%）</td>"
                   f"<td>未达阶段目标<br>"
                   f"<small>{note}</small></td></tr>" for number in range(1, 4))
    tables = "".join(f'<div class="jp-RenderedHTML jp-RenderedHTMLCommon"><table class="{name}"><thead><tr>'
                     + "<th>表头</th>" * 9 + f"</tr></thead><tbody>{rows}</tbody></table></div>"
                     for name in ("scorecard", "warning-list"))
    page = tmp_path / "page.html"
    page.write_text(f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><style>{css}</style></head><body>'
                    f'<main class="report">{tables}</main></body></html>', encoding="utf-8")
    found = measured(page, width, tmp_path / "frame", YEAR_LINES)
    assert found["lines"] == [1] * 12, found


#: Run inside a page once it is laid out: the type size of each note under a status (a <small> in a status's cell),
#: in pixels, by the table it is in; sent to the frame's parent page.
NOTE_SIZES = """<script>window.addEventListener('load', () => {
  const sizes = {};
  document.querySelectorAll('td small[data-note]').forEach(small => {
    if (small.getClientRects().length === 0) return;  // not shown at this width
    const table = small.closest('table').className;
    (sizes[table] = sizes[table] || []).push(Math.round(parseFloat(getComputedStyle(small).fontSize) * 100) / 100);
  });
  parent.postMessage(JSON.stringify({page: document.documentElement.clientWidth, scroll: 0, wide: [], sizes}), '*');
});</script>"""


@pytest.mark.parametrize(("width", "expected"), [
    (390, 12.0),     # 0.75rem: the table's 0.78rem (12.48 px) made smaller for a <small> read 12.48 / 1.2 = 10.4 px
    (1024, 11.67),   # a wide screen's as it was: the table's 0.875rem (14 px) / 1.2
])
def test_the_note_under_a_status_is_read_without_zooming_on_a_phone(tmp_path, width, expected):
    """The note under a status carries its reasoning ("a progress verdict, not final; …", "差距 0.4个百分点"): on a
    phone at least 12 px in the scorecard (with the plan's own words as a tenth column too), the warning list and the
    changes since last year; a wide screen keeps its size."""
    from analysis.report.html import ENVIRONMENT
    from analysis.settings import TEMPLATES_DIR

    badge = ENVIRONMENT.get_template("macros.html.j2").module.status_badge("moderate", "Moderate progress, accelerate")
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    note = "<small data-note>a progress verdict, not final; judged from the 2020 baseline</small>"
    gap = '<small class="phone-only" data-note hidden>Gap 0.4 percentage points</small>'
    cells = ["1", "Enterprises' R&amp;D spending", "%", "2.1", "2.4", "2.9", "0.5", "+0.2"]
    scorecard = "".join(f"<td>{cell}</td>" for cell in cells) + f"<td>{badge}<br>{note}{gap}</td>"
    rows = {"scorecard": scorecard, "scorecard with-official": scorecard + "<td>Green</td>",
            "warning-list reflow": "".join(f"<td>{cell}</td>" for cell in cells[:3]) + f"<td>{badge}<br>{note}</td>"
                                   + "<td>2.4</td>" * 5,
            "status-changes": f"<td>1</td><td>{cells[1]}</td><td>{badge}<br>{note}</td><td>{badge}</td>"
                              f"<td>Status unchanged<br>{note}</td>"}
    tables = "".join(f'<div class="jp-RenderedHTML jp-RenderedHTMLCommon"><table class="{name}"><thead><tr>'
                     + "<th>Header</th>" * row.count("<td")
                     + f"</tr></thead><tbody><tr>{row}</tr></tbody></table></div>"
                     for name, row in rows.items())
    page = tmp_path / "page.html"
    page.write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                    '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
                    f'<style>{css}</style></head><body><main class="report">{tables}</main></body></html>',
                    encoding="utf-8")
    found = measured(page, width, tmp_path / "frame", NOTE_SIZES)
    shown = 2 if width == 390 else 1  # the gap under the status on a phone only, where its column goes
    assert found["sizes"] == {"scorecard": [expected] * shown, "scorecard with-official": [expected] * shown,
                              "warning-list reflow": [expected], "status-changes": [expected] * 2}, found


#: Run inside a page once it is laid out: each row of the change table, the width of its note (the <small> under the
#: change) against the table's, whether it stands under the change's word, the weight of both; the type size of each
#: status; each piece a note keeps whole that a line broke; sent to the frame's parent page.
CHANGE_ROWS = """<script>window.addEventListener('load', () => {
  const table = document.querySelector('table.status-changes'), width = table.getBoundingClientRect().width;
  const lines = element => new Set([...element.getClientRects()].map(box => Math.round(box.top))).size;
  const rows = [...table.querySelectorAll('tbody tr')].map(row => {
    const word = row.querySelector('.change-word'), note = row.querySelector('td:last-child small');
    const seen = {change: row.className, weight: getComputedStyle(word).fontWeight};
    if (note) Object.assign(seen, {share: Math.round(note.getBoundingClientRect().width / width * 100) / 100,
                                   below: note.getBoundingClientRect().top >= word.getBoundingClientRect().bottom - 1,
                                   note_weight: getComputedStyle(note).fontWeight});
    return seen;
  });
  const badges = [...table.querySelectorAll('.status')].map(badge => parseFloat(getComputedStyle(badge).fontSize));
  const broken = [...table.querySelectorAll('small .nobr')].filter(piece => lines(piece) > 1)
    .map(piece => piece.textContent);
  const whole = [...table.querySelectorAll('small .nobr')].map(piece => piece.textContent);
  parent.postMessage(JSON.stringify({page: document.documentElement.clientWidth, scroll: 0, wide: [], rows,
                                     smallest: Math.min(...badges), broken, whole}), '*');
});</script>"""


@pytest.mark.parametrize(("language", "amount"), [("en", "(120 institutions);"), ("zh", "（120个）；")])
def test_a_phone_sets_each_change_as_a_row_its_note_the_screens_width(example_tables, tmp_path, language, amount):
    """The final report's change since 2023 on a 390-pixel phone was five columns, its note's 85 px wide, a word a
    line ("Status | worse | now | against | the 2024 | target"), each row for the worse bold throughout, "(120
    institutions⏎);" and "（120⏎个）" broken, the Chinese statuses 11.2 px. Each row is now a block: the note under the
    change on a line of its own as wide as the table (nearly: padding), as a wide screen sets it; only the word of a
    change for the worse in bold; an amount with its unit and bracket whole (S&T service institutions, 14); every
    status at least 12 px."""
    from analysis.report.context import load_report
    from analysis.report.html import warnings_html
    from analysis.settings import TEMPLATES_DIR
    from tests.conftest import relative

    context = load_report(relative(example_tables), 2024, language)
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(f'<!DOCTYPE html><html lang="{context.words["language.html_lang"]}"><head><meta charset="utf-8">'
                    '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
                    f'<style>{css}</style></head><body><main class="report">'
                    f'<div class="jp-RenderedHTML jp-RenderedHTMLCommon">{warnings_html(context)}</div>'
                    "</main></body></html>", encoding="utf-8")
    found = measured(page, 390, tmp_path / "frame", CHANGE_ROWS)
    rows = found["rows"]
    noted = [row for row in rows if "share" in row]
    worse = [row for row in rows if row["change"] == "change-worse"]
    assert len(rows) >= 10 and len(noted) >= 5 and len(worse) == 4, rows  # 8, 14, 16 and 21 worse in 2024
    assert all(row["share"] >= 0.95 and row["below"] for row in noted), rows
    assert all(row["weight"] == "700" for row in worse)
    assert all(row["note_weight"] == "400" for row in noted), rows
    assert [row["weight"] for row in rows if row["change"] != "change-worse"] == ["400"] * (len(rows) - 4)
    assert found["smallest"] >= 12, found["smallest"]
    assert amount in found["whole"] and found["broken"] == [], found


#: Run inside a page once it is laid out: the widest paragraph or list item outside a table, in its own font's "0"s
#: (ch) and ems, and the scorecard's width; sent to the frame's parent page.
MEASURES = """<script>window.addEventListener('load', () => {
  const widest = {ch: 0, em: 0};
  document.querySelectorAll('main p, main li').forEach(element => {
    if (element.closest('table')) return;
    const zero = document.createElement('span');
    zero.textContent = '0'.repeat(100);
    zero.style.whiteSpace = 'nowrap';
    element.appendChild(zero);
    const ch = zero.getBoundingClientRect().width / 100;
    zero.remove();
    const width = element.getBoundingClientRect().width, em = parseFloat(getComputedStyle(element).fontSize);
    widest.ch = Math.max(widest.ch, width / ch);
    widest.em = Math.max(widest.em, width / em);
  });
  const table = document.querySelector('table.scorecard').getBoundingClientRect().width;
  parent.postMessage(JSON.stringify({page: document.documentElement.clientWidth, scroll: 0, wide: [], widest, table}),
                     '*');
});</script>"""


@pytest.mark.parametrize("language", ["en", "zh"])
def test_running_text_keeps_a_reading_measure_on_a_laptop(example_tables, tmp_path, language):
    """At 1,280 px the summary's lines ran the column's 1,000 px, some 150 characters: a paragraph or a list's item
    outside a table holds some 75 (70 "0"s of its font in English, 42 Chinese characters), the scorecard keeps the
    column's width (952 px inside the page's padding)."""
    from analysis.report.context import load_report
    from analysis.report.html import scorecard_html, summary_html
    from analysis.settings import TEMPLATES_DIR
    from tests.conftest import relative

    context = load_report(relative(example_tables), 2024, language)
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(f'<!DOCTYPE html><html lang="{context.words["language.html_lang"]}"><head><meta charset="utf-8">'
                    f'<style>{css}</style></head><body><main class="report">{summary_html(context)}'
                    f'<div class="jp-RenderedHTML jp-RenderedHTMLCommon">{scorecard_html(context)}</div>'
                    "</main></body></html>", encoding="utf-8")
    found = measured(page, 1280, tmp_path / "frame", MEASURES)
    if language == "en":
        assert 60 <= found["widest"]["ch"] <= 70.5, found
    else:
        assert 36 <= found["widest"]["em"] <= 42.5, found
    assert found["table"] >= 950, found


#: Run inside a page once it is laid out: each reference to a thing by its number in one block of text (指标 4 省级,
#: indicators 4 provincial, No. 18: ``{pattern}``), as it reads, and each of them a line breaks; sent to the frame's
#: parent page.
REFERENCE_LINES = """<script>window.addEventListener('load', () => {{
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), nodes = [];
  const block = node => node.parentElement.closest('p, li, td, th, div, h1, h2, h3, h4, caption, figcaption');
  let text = '';
  while (walker.nextNode()) {{  // a block's text apart from the next's: never a word ending one cell, a number the next
    if (nodes.length && block(nodes.at(-1)[0]) !== block(walker.currentNode)) text += '\\n';
    nodes.push([walker.currentNode, text.length]);
    text += walker.currentNode.data;
  }}
  const at = offset => {{
    const [node, start] = nodes.findLast(([, start]) => start <= offset);
    return [node, offset - start];
  }};
  const found = [], broken = [];
  for (const match of text.matchAll(new RegExp({pattern}, 'g'))) {{
    const [first, start] = at(match.index), [last, end] = at(match.index + match[0].length - 1);
    const range = document.createRange();
    range.setStart(first, start);
    range.setEnd(last, end + 1);
    const boxes = [...range.getClientRects()].filter(box => box.width > 0);
    if (!boxes.length) continue;  // not shown at this width
    found.push(match[0]);
    const tops = boxes.map(box => box.top), height = Math.min(...boxes.map(box => box.height));
    if (Math.max(...tops) - Math.min(...tops) > height / 2) broken.push(match[0]);
  }}
  parent.postMessage(JSON.stringify({{page: document.documentElement.clientWidth, scroll: 0, wide: [], found,
                                     broken}}), '*');
}});</script>"""


def reference_lines(pattern: str) -> str:
    """:data:`REFERENCE_LINES` looking for ``pattern`` (a regular expression both Python and JavaScript read)."""
    return REFERENCE_LINES.format(pattern=json.dumps(pattern))


def references_pattern() -> str:
    """A word of the catalogs' ``language.number_words``, the number after it and its series' name, if any."""
    from analysis.report.line_breaks import number_words, series_labels

    return rf"(?:{number_words()})[ \u00a0\u202f]?\d+(?:[ \u00a0\u202f](?:{series_labels()}))?"


def test_the_reference_measure_sees_a_word_broken_from_its_number(tmp_path):
    page = tmp_path / "narrow.html"
    page.write_text('<!DOCTYPE html><html><body><p style="width:4em">indicators 4 provincial</p>'
                    '<p style="width:4em"><span style="white-space:nowrap">indicators 21</span></p>'
                    "<table><tr><td>指标</td><td>4</td></tr></table></body></html>", encoding="utf-8")
    found = measured(page, 390, tmp_path / "frame", reference_lines(references_pattern()))
    assert found["found"] == ["indicators 4 provincial", "indicators 21"], found
    assert found["broken"] == ["indicators 4 provincial"], found


@pytest.mark.parametrize("case", ["final-zh", "final-en", "mid-term-zh", "mid-term-en"])
def test_a_reference_by_number_is_never_broken_on_a_phone(example_reports, case, tmp_path):
    """A phone's line broke "（指标 | 4 省级、21）" and "：指标 | 2、5 省级" in the final report's overview and changes:
    every reference to an indicator by its number (a word of ``language.number_words``, its number and its
    series) stays on one line, in the report and the self-evaluation, at 390 px."""
    for name in ("report.html", "self-evaluation.html"):
        found = measured(example_reports[case] / name, 390, tmp_path / name, reference_lines(references_pattern()))
        assert found["broken"] == [], (name, found)
        if name == "report.html":
            # the overview's, the warnings', the changes' lists (the mid-term's English: 4, its changes' introduction
            # two short sentences)
            assert len(found["found"]) >= 4, found


#: Run inside a report once it is laid out: each amount shown in a cell of the scorecard or the warning list (the
#: pattern handed in: a number with its unit or what it counts, "per" with what it is per) that a line broke, with its
#: table's class; sent to the frame's parent page. A cell's text is read as shown, a line of its own (a value's year
#: under it, a status's note) apart from the text before it.
AMOUNT_LINES = """<script>window.addEventListener('load', () => {
  const pattern = new RegExp(PATTERN, 'g'), broken = [], shown = [];
  const block = node => {
    let element = node.parentElement;
    while (getComputedStyle(element).display === 'inline') element = element.parentElement;
    return element;
  };
  document.querySelectorAll('table.scorecard td, table.warning-list td').forEach(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), nodes = [];
    let text = '', last = null, node;
    while ((node = walker.nextNode())) {
      if (node.parentElement.getClientRects().length === 0) continue;  // not shown at this width
      if (last !== null && block(node) !== last) text += '\\u0001';
      nodes.push([node, text.length]);
      text += node.data.replace(/[\\u00a0\\u202f]/g, ' ');
      last = block(node);
    }
    const at = (position, end) => {
      for (const [node, start] of nodes)
        if (position >= start && (position < start + node.data.length
                                  || (end && position === start + node.data.length))) return [node, position - start];
      return null;
    };
    for (const match of text.matchAll(pattern)) {
      const start = at(match.index, false), end = at(match.index + match[0].length, true);
      if (!start || !end) continue;
      const range = document.createRange();
      range.setStart(...start);
      range.setEnd(...end);
      const boxes = [...range.getClientRects()].filter(box => box.width > 0);
      const lines = new Set(boxes.map(box => Math.round(box.bottom)));
      shown.push(match[0]);
      if (lines.size > 1) broken.push(`${cell.closest('table').classList[0]}: ${match[0]}`);
    }
  });
  parent.postMessage(JSON.stringify({page: document.documentElement.clientWidth, scroll: 0, wide: [], broken, shown}),
                     '*');
});</script>"""


@pytest.mark.parametrize("case", ["final-en", "mid-term-en", "final-zh", "mid-term-zh"])
def test_no_amount_of_the_scorecard_or_the_warning_list_breaks_on_any_screen(example_reports, case, tmp_path):
    """At 1,024 and 1,280 px the English warning list broke "15.8 billion | yuan", "16 billion | yuan" and "200
    million | yuan" in its columns of values, laid out by their contents; a phone the scorecard's "(10,000 yuan per |
    worker)" after a name. No amount in a cell of either table breaks on a phone, a tablet or a laptop: a number
    with its unit (2.7%, 0.4 pp, 158亿元, 1,580家, 2024年), with what it counts or "per" with what it is per (per
    10,000 people, 100 million yuan); a unit breaks between two of them only ("10,000 yuan | per worker")."""
    from analysis.report.line_breaks import number_pieces
    from analysis.report.word_content import AMOUNT

    script = AMOUNT_LINES.replace("PATTERN", json.dumps(f"{AMOUNT.pattern}|{number_pieces().pattern}"))
    for width in WIDTHS:
        found = measured(example_reports[case] / "report.html", width, tmp_path / str(width), script)
        assert len(found["shown"]) >= 50, (width, found["shown"][:10])  # 89 in the final in English, 1,280 px
        assert found["broken"] == [], (width, found["broken"])

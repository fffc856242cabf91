"""No line of the printed report breaks inside a word, a number with its unit or a short label, in either language.

Read back from the PDFs the test run builds once (``example_reports``): pypdf gives a page's text in the order it is
drawn, a line of a table cell after the line before it in the same cell, so a label broken over two lines is the
end of one line and the start of the next (``红色预`` / ``警``, ``（2024`` / ``年）``, ``enterprise`` / ``s``). The
known labels are the catalogs' statuses, warning levels and official status words and the table headers; a word is
one the page itself writes whole (its HTML), and a break inside it has no hyphen.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

import pandas as pd
import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTFigure
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from analysis.catalog import catalog
from analysis.report.line_breaks import (
    chinese_words,
    is_short,
    keep_together,
    keep_words,
    label,
    label_pieces,
    number_words,
    short_labels,
)

#: Every report the run builds: Weihai's final in both languages and its mid-term without data and with (in both),
#: the fictional Lakeside plan's mid-term (Chinese) and final (English), the national 12th plan's final (Chinese).
REPORTS = ["final-zh", "final-en", "mid-term-en-plain", "mid-term-zh", "mid-term-en", "lakeside-2026-zh",
           "lakeside-2027-en",
           "national-2015-zh"]
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@dataclass
class Line:
    """A run of characters drawn one after another on one baseline, with no more than a space between them: a line
    of a paragraph or of a table cell (the cells of a table row are further apart)."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float


def drawn_lines(page) -> list[Line]:
    """The page's lines in the order they are drawn."""
    lines: list[Line] = []
    for char in characters(page):
        baseline, size = char.matrix[5], char.size
        last = lines[-1] if lines else None
        if last and abs(baseline - last.baseline) < 0.3 and -0.5 < char.x0 - last.x1 < 0.5 * size:
            last.text += (" " if char.x0 - last.x1 > 0.15 * size else "") + char.get_text()
            last.x1 = char.x1
        else:
            lines.append(Line(char.get_text(), char.x0, char.x1, baseline, size))
    return lines


def characters(item):
    for child in item:
        if isinstance(child, LTChar):
            yield child
        elif isinstance(child, LTFigure):
            yield from characters(child)


def line_pairs(pdf) -> list[tuple[int, str, str]]:
    """(page, a line, the line that goes on from it) of every page: the next line drawn, one line lower (a line's
    height is 1.35 to 1.6 times the font size; a new paragraph or table row lies further down), at the same left
    edge (or right edge, in a column of numbers)."""
    return [(number, a.text, b.text) for number, a, b in drawn_pairs(pdf)]


def drawn_pairs(pdf) -> list[tuple[int, Line, Line]]:
    """:func:`line_pairs` with each line's place and size."""
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)  # characters as drawn, not regrouped
    interpreter = PDFPageInterpreter(manager, device)
    pairs = []
    with open(pdf, "rb") as file:
        for number, page in enumerate(PDFPage.get_pages(file), 1):
            interpreter.process_page(page)
            lines = drawn_lines(device.get_result())
            pairs += [(number, a, b) for a, b in zip(lines, lines[1:])
                      if 0.9 * a.size < a.baseline - b.baseline < 1.7 * a.size
                      and (abs(a.x0 - b.x0) < 1 or abs(a.x1 - b.x1) < 1)]
    return pairs


def labels_of(language: str) -> tuple[list[str], list[str]]:
    """The labels that never break (short ones) and those that break between words only (long ones)."""
    words = catalog(language)
    labels = {*words["status"].values(), *words["warnings.level"].values()}
    for vocabulary in words["official_status"].values():
        labels |= set(vocabulary["words"].values())
    return (sorted(label for label in labels if is_short(label)),
            sorted(label for label in labels if not is_short(label)))


def headers_of(language: str, years=range(2010, 2031)) -> list[str]:
    """The table headers with a year (2020年基础值, 2020 baseline): the others are words a sentence may break as it
    breaks any Chinese (目标), their words checked as words."""
    words = catalog(language)
    headers = [*words["warnings.headers"], *words["warnings.changes_headers"], *words["scorecard.headers"]]
    return sorted({header.format(base_year=year, year=year, report_year=year) for header in headers for year in years
                   if "{" in header and re.sub(r"\{\w+\}", "", header).strip()})  # a bare year is a number


def split_inside(text: str, a: str, b: str, allowed) -> bool:
    """Whether line ``a`` ends with the start of ``text`` and line ``b`` goes on with its rest, at a point other than
    ``allowed`` ones."""
    for k in range(1, len(text)):
        if k in allowed:
            continue
        head, tail = text[:k].rstrip(), text[k:].lstrip()
        if head and tail and a.endswith(head) and b.startswith(tail):
            return True
    return False


def broken_labels(pairs, language: str) -> list:
    short, long = labels_of(language)
    found = []
    for page, a, b in pairs:
        found += [(page, a[-12:], b[:12]) for text in short if split_inside(text, a, b, ())]
        # a long one breaks between its words (or, in Chinese, its characters) only
        found += [(page, a[-12:], b[:12]) for text in long if text.isascii()
                  and split_inside(text, a, b, {k for k in range(len(text)) if " " in text[k - 1:k + 1]})]
        for header in headers_of(language):  # between its pieces only: 2020年 | 基础值, 2020 | baseline
            ends, position = set(), 0
            for piece in label_pieces(header):
                position = header.index(piece, position) + len(piece)
                ends |= {position, position + 1} if header[position:position + 1] == " " else {position}
            found += [(page, a[-12:], b[:12])] if split_inside(header, a, b, ends) else []
    return found


UNIT = re.compile(rf"(?:[{HAN}%]|pp\b)")


def broken_numbers(pairs) -> list:
    """A number at the end of a line whose unit starts the next (（2024 / 年）), or a range broken at its dash."""
    return [(page, a[-12:], b[:12]) for page, a, b in pairs
            if (re.search(r"\d$", a) and UNIT.match(b)) or (re.search(r"\d\s?[—–~～]$", a) and re.match(r"\d", b))
            or (re.search(r"\d$", a) and re.match(r"[—–~～]\s?\d", b))]


def vocabulary(html: str) -> set[str]:
    text = unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)))
    return {word.lower() for word in re.findall(r"[A-Za-z]+", text) if len(word) > 1 or word.lower() in "ai"}


def broken_words(pairs, words: set[str]) -> list:
    """A Latin word split over two lines with no hyphen: the two pieces make a word the page writes whole, and at
    least one of them is no word of its own."""
    found = []
    for page, a, b in pairs:
        # not a piece of an address or a file name (…wenxuecity.co / m/bbs/…), which may break where it must
        head, tail = re.search(r"(?<![A-Za-z0-9./:@_=?&#%~-])[A-Za-z]+$", a), re.match(r"[a-z]+(?![A-Za-z])", b)
        if head and tail:
            whole = (head.group() + tail.group()).lower()
            if whole in words and not (head.group().lower() in words and tail.group() in words):
                found.append((page, a[-12:], b[:12]))
    return found


def broken_names(pairs, names) -> list:
    """A Chinese name whose last character stands alone at the start of a line (``R&D经费投入强`` / ``度*``)."""
    found = []
    for page, a, b in pairs:
        found += [(page, a[-12:], b[:12]) for name in names if re.fullmatch(f".*[{HAN}]{{2}}", name)
                  and a.endswith(name[:-1]) and re.match(rf"{re.escape(name[-1])}(?:\u2060?\*)?(?![{HAN}])", b)]
    return found


def chinese_names(folder) -> list[str]:
    indicators = pd.read_csv(folder / "data" / "indicators.csv", dtype=str, keep_default_na=False)
    return sorted(set(indicators["short_name_zh"]) | set(indicators["name_zh"]))


@pytest.fixture(scope="module", params=REPORTS)
def report(request, example_reports):
    return request.param, example_reports[request.param]


def language_of(case: str) -> str:
    return "zh" if case.endswith("zh") else "en"


def test_no_label_is_broken_over_two_lines(report):
    case, folder = report
    assert broken_labels(line_pairs(folder / "report.pdf"), language_of(case)) == []


def test_no_number_is_parted_from_its_unit(report):
    _, folder = report
    assert broken_numbers(line_pairs(folder / "report.pdf")) == []


def test_no_chinese_name_leaves_its_last_character_alone(report):
    case, folder = report
    if language_of(case) == "zh":
        assert broken_names(line_pairs(folder / "report.pdf"), chinese_names(folder)) == []


def test_no_word_is_broken_without_a_hyphen(report):
    case, folder = report
    words = vocabulary((folder / "report.html").read_text(encoding="utf-8"))
    assert broken_words(line_pairs(folder / "report.pdf"), words) == []


#: An indicator's number and the name of its series, in a list of indicators (indicators 4 provincial, 21; 指标 4 省级).
SERIES = re.compile(r"(?:national|provincial|国家级|省级)(?![A-Za-z])")
#: An English unit's pieces, which a line never breaks inside, in the scorecard's unit column and the
#: self-evaluation's (Weihai's 12, 13, 16 and 6, the Lakeside plan's 3); a unit breaks between two of them only.
UNIT_PIECES = ["per 10,000 people", "100 million yuan", "10,000 yuan", "per worker", "per 10 000 yuan"]


def broken_series(pairs) -> list:
    """An indicator's number at the end of a line whose series starts the next (indicators 4 / provincial, 21)."""
    return [(page, a[-12:], b[:12]) for page, a, b in pairs if re.search(r"\d$", a) and SERIES.match(b)]


def broken_references(pairs) -> list:
    """A word that names a thing by its number at the end of a line whose number starts the next (（指标 / 4 省级、21）,
    "(indicators / 4 provincial", 第 / 2条): the words of every language's ``language.number_words``."""
    end = re.compile(rf"(?:{number_words()})\s?$")
    return [(page, a[-12:], b[:12]) for page, a, b in pairs if end.search(a) and re.match(r"[+\-−]?\d", b)]


#: An English amount written out with its word of scale and what it counts (15.8 billion yuan, 200 million yuan):
#: one piece too, never "15.8 billion / yuan", which the warning list's narrow columns of values printed.
SCALED = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)? (?:thousand|million|billion) [a-z]+")


def broken_units(pairs) -> list:
    """A line ending inside one of :data:`UNIT_PIECES` or a written-out amount (:data:`SCALED`) and the next going on
    with its rest (per 10,000 / people, 15.8 billion / yuan)."""
    return [(page, a[-12:], b[:12]) for page, a, b in pairs
            if any(split_inside(piece, a, b, ()) for piece in UNIT_PIECES)
            or any(match.start() < len(a) < match.end() for match in SCALED.finditer(f"{a} {b}"))]


def printed(folder) -> list:
    """The report's PDF and, at a mid-term or final evaluation, the self-evaluation's."""
    return [folder / name for name in ("report.pdf", "self-evaluation.pdf") if (folder / name).is_file()]


#: A change a year with its unit ("+0.03 pp a year", "+8.8% a year"), as the English sentences write it.
PER_YEAR = re.compile(r"[+\-−]?\d[\d,]*(?:\.\d+)?(?:%| pp)? a year\b")


def broken_per_year(pairs) -> list:
    """A change a year broken over two lines (+0.03 pp a / year, +0.03 pp / a year, +8.8% / a year)."""
    return [(page, a[-12:], b[:12]) for page, a, b in pairs
            if any(match.start() < len(a) < match.end() for match in PER_YEAR.finditer(f"{a} {b}"))]


#: points: how wide a line of a narrow table cell is at most (a status's note, a need, a gap: the columns are 60 to
#: 80 pt wide on the A4 page's 504 pt); a paragraph's line, a card's or a wide column's is wider.
NARROW = 100
#: The marks that end a clause of Chinese.
CLAUSE_MARKS = "，；。、："
#: Letters (a Chinese character counts two) of a short clause, which a narrow cell keeps on one line: six characters,
#: "方案表列 5%", "未标“≥”".
SHORT_CLAUSE = 12


def narrow_runs(pdf) -> list[tuple[int, list[str]]]:
    """The lines of each narrow cell's text (:data:`NARROW`), one after another: (page, its lines)."""
    runs: list[tuple[int, list]] = []
    for page, a, b in drawn_pairs(pdf):
        if max(a.x1 - a.x0, b.x1 - b.x0) >= NARROW:
            continue
        if runs and runs[-1][0] == page and runs[-1][1][-1] is a:
            runs[-1][1].append(b)
        else:
            runs.append((page, [a, b]))
    return [(page, [line.text for line in lines]) for page, lines in runs]


def broken_chinese_words(runs) -> list:
    """A Chinese word (of two characters or more, as the report's segmenter knows them) at the end of one line of a
    narrow cell and the start of the next (2023—2024年每 / 年 +0.2个百分点)."""
    found = []
    for page, lines in runs:
        for a, b in zip(lines, lines[1:]):
            tail, head = re.search(f"[{HAN}]{{0,6}}$", a).group(), re.match(f"[{HAN}]{{0,6}}", b).group()
            if tail and head and any(start < len(tail) < end for start, end in chinese_words(tail + head)):
                found.append((page, a[-12:], b[:12]))
    return found


def broken_clauses(runs) -> list:
    """A short clause of a Chinese note of two clauses or more (:data:`SHORT_CLAUSE`, between two of
    :data:`CLAUSE_MARKS` or the cell's start and end, no bracket in it) broken over two lines of a narrow cell (方案 /
    表列 5%，未 / 标“≥”); a header's words (2020年 / 基础值) are no note."""
    found = []
    for page, lines in runs:
        text, ends = "", set()
        for line in lines:
            text += line
            ends.add(len(text))
        for clause in re.finditer(f"(?<![^{CLAUSE_MARKS}])[^{CLAUSE_MARKS}]+(?![^{CLAUSE_MARKS}])", text):
            inside = sorted(end for end in ends if clause.start() < end < clause.end())
            words = clause.group().strip()
            if inside and re.search(f"[{CLAUSE_MARKS}]", text) and re.search(f"[{HAN}]", words) \
                    and not re.search("[（）()]", words) \
                    and sum(2 if ord(character) >= 0x2E80 else 1 for character in words) <= SHORT_CLAUSE:
                found.append((page, text[max(0, inside[0] - 6):inside[0]], text[inside[0]:inside[0] + 6]))
    return found


def test_no_chinese_word_nor_short_clause_breaks_in_a_narrow_cell(report):
    """The final's warning list printed "方案 / 表列 5%，未 / 标“≥”", the mid-term's need "2023—2024年每 / 年
    +0.2个百分点"."""
    case, folder = report
    if language_of(case) == "zh":
        runs = [run for pdf in printed(folder) for run in narrow_runs(pdf)]
        assert broken_chinese_words(runs) == []
        assert broken_clauses(runs) == []


def test_no_change_a_year_is_broken_over_two_lines(report):
    case, folder = report
    if language_of(case) == "en":
        assert [found for pdf in printed(folder) for found in broken_per_year(line_pairs(pdf))] == []


def test_no_indicators_number_is_parted_from_its_series(report):
    _, folder = report
    assert [found for pdf in printed(folder) for found in broken_series(line_pairs(pdf))] == []


def test_no_reference_by_number_is_parted_from_its_number(report):
    _, folder = report
    assert [found for pdf in printed(folder) for found in broken_references(line_pairs(pdf))] == []


def test_no_english_unit_breaks_inside_its_pieces(report):
    case, folder = report
    if language_of(case) == "en":
        assert [found for pdf in printed(folder) for found in broken_units(line_pairs(pdf))] == []


# --- the checks flag what the report printed before (a test that cannot fail proves nothing) ---------------

def test_the_checks_flag_the_breaks_the_report_used_to_have():
    assert broken_labels([(4, "17 空气质量优良天数比例 红色预", "警")], "zh") == [(4, "质量优良天数比例 红色预", "警")]
    assert broken_labels([(2, "序号 指标 单位 2020年基", "础值 最新值 目标值")], "zh") != []
    assert broken_labels([(2, "序号 指标 单位 2020年", "基础值 最新值 目标值")], "zh") == []  # between its pieces
    assert broken_labels([(4, "2 R&D intensity * Red Not", "achieved 2.7 (2024)")], "en") != []
    assert broken_labels([(3, "21 … +0.7 pp (+7.5%) Moderate", "progress, accelerate")], "en") == []  # long: words
    assert broken_names([(3, "2 R&D经费投入强", "度* 2.7% (2024)")], ["R&D经费投入强度"]) == [
        (3, "2 R&D经费投入强", "度* 2.7% (202")]
    assert broken_names([(3, "2 R&D经费投入", "强度* 2.7%")], ["R&D经费投入强度"]) == []  # two characters: allowed
    assert broken_numbers([(1, "威海市国家创新型城市建设指标总结评估报告（2024", "年）")]) != []
    assert broken_numbers([(2, "最新值为 2022年，2023—", "2024年无数据")]) != []
    assert broken_numbers([(2, "+0.2个百分点", "（+6.7%）")]) == []
    words = {"high", "tech", "enterprises", "warning", "status", "not", "achieved"}
    assert broken_words([(2, "10 High-tech enterprise", "s 738"), (4, "No. Indicator Warnin", "g Status")], words) == [
        (2, "h enterprise", "s 738"), (4, "cator Warnin", "g Status")]
    assert broken_words([(4, "Not", "achieved")], words) == []  # two words: a break between them is allowed
    assert broken_words([(12, "（https://zh.wenxuecity.co", "m/bbs/mychina/）")], words | {"com"}) == []  # an address
    # the overview's "(indicators 4 / provincial, 21)", the self-evaluation's units "per 10,000 / people" and
    # "100 million / yuan"; a unit between its pieces, a series' name after a word, are no breaks
    assert broken_series([(1, "have no value for 2024. Of these, 2 (indicators 4", "provincial, 21) have no")]) != []
    assert broken_series([(1, "（指标 4", "省级、21）尚无")]) != []
    assert broken_series([(1, "the worse of the", "provincial series")]) == []
    # the final report's "2 (indicators / 4 provincial, 21)", the Chinese one's "第二项第 / 2条"; a number alone on
    # the next line after other words is no reference, nor a count after a word that ends in 指标 (定性指标 / 3 项)
    assert broken_references([(1, "Of these, 2 (indicators", "4 provincial, 21) have")]) != []
    assert broken_references([(25, "方案第一部分第二项第", "2条")]) != []
    assert broken_references([(1, "尚无目标年份数据（指标", "4 省级、21）")]) != []
    assert broken_references([(1, "定量指标 23 项、定性指标", "3 项），7 个方面")]) == []
    assert broken_references([(1, "Of these, 2 (indicators 4", "provincial, 21)"), (2, "the top", "indicator")]) == []
    assert broken_references([(3, "subindicators", "4 and 5")]) == []
    assert broken_units([(2, "per 10,000", "people")]) == [(2, "per 10,000", "people")]
    assert broken_units([(2, "100 million", "yuan")]) != [] and broken_units([(2, "per", "10 000 yuan")]) != []
    assert broken_units([(2, "10,000 yuan", "per worker")]) == []
    # the warning list's values: "15.8 billion / yuan", "200 / million yuan"; whole at a line's end, no break
    assert broken_units([(5, "15.8 billion", "yuan")]) == [(5, "15.8 billion", "yuan")]
    assert broken_units([(5, "200", "million yuan")]) != []
    assert broken_units([(5, "to 16 billion yuan", "in 2024")]) == []
    # the mid-term's self-evaluation: "(+0.03 pp a / year)"; a change a year whole at a line's end is no break
    assert broken_per_year([(9, "growth seen since 2020 (+0.03 pp a", "year). Reasons")]) != []
    assert broken_per_year([(9, "since 2020 (+0.87 pp", "a year)")]) != []
    assert broken_per_year([(9, "since 2020 (+0.87 pp a year).", "Reasons: [To be")]) == []
    # the final zh warning list's "方案 / 表列 5%，未 / 标“≥”", the mid-term zh need's "2023—2024年每 / 年"; a long
    # clause between its words, a header between its pieces, a word whole at a line's end are no breaks
    assert broken_clauses([(5, ["方案", "表列 5%，未", "标“≥”，本报告按每", "年须达到评估"])]) == [
        (5, "方案", "表列 5%，"), (5, "列 5%，未", "标“≥”，本")]
    assert broken_clauses([(5, ["方案表列 5%，", "未标“≥”，本报告按", "每年须达到评估"])]) == []
    assert broken_clauses([(2, ["2020年", "基础值"])]) == []
    assert broken_chinese_words([(3, ["2023—2024年每", "年 +0.2个百分点，"])]) == [
        (3, "2023—2024年每", "年 +0.2个百分点，")]
    assert broken_chinese_words([(3, ["2023—2024年", "每年 +0.2个百分点"])]) == []


def test_a_short_clause_of_a_note_in_a_narrow_cell_is_one_block():
    """The final's warning list broke its note "方案表列 5%，未标“≥”，本报告按每年须达到评估" as 方案 / 表列 5%，未 /
    标“≥”: each clause of six characters or fewer ("方案表列 5%": 4 characters, a space and 5%, 11 letters; "未标“≥”":
    7) is whole on a line or on the next, broken between its own pieces only where its column is narrower; a longer
    one (本报告按每年须达到评估, 22 letters) between its words; a text of one clause (a header) as before."""
    html = str(keep_words("方案表列 5%，未标“≥”，本报告按每年须达到评估"))
    assert html.startswith('<span class="aside"><span class="nobr">方案</span><span class="nobr">表列</span> '
                           '<span class="nobr">5%，</span></span>')
    assert '<span class="nobr">未标“≥”，</span>' in html  # no word of its own inside: one piece
    assert '<span class="nobr">每年</span>' in html and '<span class="nobr">评估</span>' in html
    assert html.count('class="aside"') == 1 and "本报告按" not in html  # the long one: its words apart
    assert keep_words("2020年基础值") == '<span class="nobr">2020年</span><wbr><span class="nobr">基础值</span>'
    # the mid-term's need: "每年" after a year range whole (the cell took keep_together, which keeps no word)
    assert '<wbr><span class="nobr">每年</span> <span class="nobr">+0.2个百分点</span>' in keep_words(
        "2023—2024年每年 +0.2个百分点")


def test_a_number_keeps_its_unit_and_a_label_its_words_in_the_html():
    # with the closing mark after it: no line starts with ）or ；
    assert keep_together("报告（2024年）") == '报告<span class="nobr">（2024年）</span>'
    assert keep_together("差 0.2个百分点，2023—2024年无数据") == (
        '差 <span class="nobr">0.2个百分点，</span><span class="nobr">2023—2024年</span>'
        '<span class="nobr">无数据</span>')
    # a change a year with its unit and "a year" whole: never "+0.03 pp a | year"
    assert keep_together("92 % in 2024; 0.7 pp a year") == (
        '<span class="nobr">92 %</span> in 2024; <span class="nobr">0.7 pp a year</span>')
    # the closing mark after a piece with it: no line starts with ")" (nor ",", ";")
    assert keep_together("since 2020 (+8.8% a year)") == 'since 2020 (<span class="nobr">+8.8% a year)</span>'
    assert keep_together("未达标 10 项，not achieved; unachieved") == (
        '<span class="nobr">未达标</span> <span class="nobr">10 项，</span><span class="nobr">not achieved;</span> '
        "unachieved")
    # a label, not a unit; the cut-off whole before it (never 0.6 ≤ | R)
    assert keep_together("R ≥ 0.95 进度正常") == '<span class="nobr">R ≥ 0.95</span> <span class="nobr">进度正常</span>'
    assert keep_together("0.0 ≤ R < 0.6 insufficient; R&D") == (
        '<span class="nobr">0.0 ≤ R &lt; 0.6</span> insufficient; R&amp;D')
    # a source's date whole (never "2021- | 06-10"), not a number of a path or a longer run of digits
    assert keep_together("Guangming Daily, 2021-06-10") == 'Guangming Daily, <span class="nobr">2021-06-10</span>'
    assert "nobr" not in str(keep_together("/2021-06-10-1/"))
    assert keep_together("<b>2024年</b>") == '&lt;b&gt;<span class="nobr">2024年</span>&lt;/b&gt;'  # data text escaped
    assert label("2020年基础值") == '<span class="nobr">2020年</span><span class="nobr">基础值</span>'
    assert label("Needed per year") == '<span class="nobr">Needed</span> <span class="nobr">per year</span>'
    assert "红色预警" in short_labels() and "Not achieved" in short_labels()
    assert "Moderate progress (needs to accelerate)" not in short_labels()  # long: breaks between its words


def test_a_unit_in_a_narrow_column_keeps_its_pieces_and_breaks_a_long_one_between_its_words():
    from analysis.report.line_breaks import unit

    # a number with what it counts, "per" with what it is per: never "10,000 | yuan per | worker"
    assert unit("10,000 yuan per worker") == (
        '<span class="nobr">10,000 yuan</span> <span class="nobr">per worker</span>')
    # the self-evaluation's column holds 17 letters: "per 10,000 people" and "100 million yuan" whole (they printed
    # "per 10,000 | people", "100 million | yuan"), and with its thousands set apart by a space "per 10 000 yuan"
    assert unit("per 10,000 people") == '<span class="nobr">per 10,000 people</span>'
    assert unit("patents per 10,000 people") == (
        '<span class="nobr">patents</span> <span class="nobr">per 10,000 people</span>')
    assert unit("100 million yuan") == '<span class="nobr">100 million yuan</span>'
    assert unit("tonnes per 10 000 yuan") == (
        '<span class="nobr">tonnes</span> <span class="nobr">per 10 000 yuan</span>')
    # a hyphenated word whole (never "person- | years"); "per 10,000 employed" (19 letters), too wide for the column,
    # between its words, "per" with the number after it (never "person-years per | 10,000 employed")
    assert unit("person-years per 10,000 employed") == (
        '<span class="nobr">person-years</span> <span class="nobr">per 10,000</span> '
        '<span class="nobr">employed</span>')
    assert unit("per 100 person-years") == '<span class="nobr">per 100</span> <span class="nobr">person-years</span>'
    # a Chinese unit as before: a unit per unit whole
    assert unit("件/万人") == '<span class="nobr">件/万人</span>'
    assert unit("<b>") == '<span class="nobr">&lt;b&gt;</span>'  # data text escaped


def test_an_indicators_number_keeps_its_series_in_every_language():
    """The overview printed "(indicators 4 | provincial, 21)": a list naming an indicator by its number and series
    (summary.currency_series, " {series}") keeps the two on one line in every language, as Chinese kept 指标 4 省级; a
    word that only starts like a series' name is no series."""
    from analysis.report.line_breaks import number_pieces
    from analysis.report.pandoc_ast import body_pieces, kept_whole

    assert keep_together("Of these, 2 (indicators 4 provincial, 21) have") == (
        'Of these, 2 (<span class="nobr">indicators 4 provincial,</span> 21) have')
    assert keep_together("the 7 series (indicators 2, 4 national, 10)") == (  # a count with its word too (7 series)
        'the <span class="nobr">7 series</span> (<span class="nobr">indicators 2,</span> '
        '<span class="nobr">4 national,</span> 10)')
    assert keep_together("其中 2 项（指标 4 省级、21）") == (
        '其中 <span class="nobr">2 项</span>（<span class="nobr">指标 4 省级、</span>21）')
    assert '<span class="nobr">4 national</span>' not in str(keep_together("grew 4 nationally"))
    # the self-evaluation's Word draft and the report's Word edition: a no-break space, the words as typed
    assert [match.group() for match in number_pieces().finditer("indicator 4 provincial; 指标 5 国家级")] == [
        "4 provincial", "5 国家级"]
    assert kept_whole("(indicators 4 provincial, 21)", body_pieces()) == "(indicators\u00a04\u00a0provincial, 21)"


def test_a_reference_by_number_keeps_its_word_with_its_number():
    """A phone's line broke "（指标 | 4 省级、21）" and "：指标 | 2、5 省级", the PDF "方案第二项第 | 2条": a word that
    names a thing by the number after it (the catalogs' ``language.number_words``) stays on the line of its
    number, and of the series or unit after the number, in the HTML (a span that never breaks) and in the report's
    Word edition (word joiners, no-break spaces); the text itself is as written, and a word that only ends like one
    is none."""
    from analysis.report.line_breaks import keep_running, number_pieces
    from analysis.report.pandoc_ast import body_pieces, kept_whole

    assert keep_together("：指标 2、5 省级") == (
        '：<span class="nobr">指标 2、</span><span class="nobr">5 省级</span>')
    assert keep_running("两次均未达到：指标 2、5 省级") == (
        '<span class="nobr">两次</span>均<span class="nobr">未达到：</span><wbr><span class="nobr">指标 2、</span>'
        '<wbr><span class="nobr">5 省级</span>')
    assert keep_together("方案第二项第2条") == '方案第二项<span class="nobr">第2条</span>'
    assert keep_together("Indicator 18, “Decline”; No. 18") == (
        '<span class="nobr">Indicator 18,</span> <span class="nobr">“Decline”;</span> <span class="nobr">No. 18</span>')
    assert "nobr" not in str(keep_together("subindicators 4, 5"))  # no word of its own
    assert keep_together("定量指标 23 项") == '定量指标 <span class="nobr">23 项</span>'  # a count of indicators
    assert keep_together("<b>指标 4</b>") == '&lt;b&gt;<span class="nobr">指标 4</span>&lt;/b&gt;'  # data text escaped
    # Word: a word joiner beside each narrow no-break space (LibreOffice breaks at a no-break space beside Chinese),
    # none inside a word (Find finds 指标 as typed) but a number's series or unit (4 省级, never 省 | 级), a line free
    # to break after the 、; in English no-break spaces
    assert kept_whole("（指标 4 省级、21）", body_pieces()) == (
        "（指标\u2060\u202f\u20604\u2060\u202f\u2060省\u2060级、\u200b21）")
    assert kept_whole("rank No. 18 (2023)", body_pieces()) == "rank No.\u00a018 (2023)"
    # the self-evaluation's editable draft holds no word joiner inside a word, which Find would miss (指⁠标): its
    # numbers keep their units only, as before
    assert [match.group() for match in number_pieces().finditer("指标 18 另无新数据；第2条")] == ["18 另", "2条"]


def test_the_word_edition_keeps_a_number_with_its_unit_and_a_star_with_its_name():
    from analysis.report.pandoc_ast import fitted_widths, kept_whole, text_widths
    from analysis.report.word_content import CORE_MARK, name_cell
    from analysis.report.words import pace_lines

    # a number with its unit in Chinese: a word joiner where the number meets its unit only (not between its digits,
    # which no line breaks, nor between two Chinese characters: Word's Find then finds 2022 and 无数据), its space a
    # narrow no-break space (at which LibreOffice never breaks, as it does at a no-break space beside Chinese), a line
    # free to break after the comma before the next number (a zero-width space); in English a no-break space
    assert kept_whole("最新值为 2022年，2023年无数据") == (
        "最新值为 2022\u2060年，\u200b2023\u2060年无数据")
    assert kept_whole("2022 年") == "2022\u2060\u202f\u2060年"  # a space typed in a data text
    # a line may break before a number's year in brackets, with its 年 or without (never 24,50 | 0（2024年）)
    assert kept_whole("24,500（2024年）") == "24,500\u200b（2024\u2060年）"
    assert kept_whole("24,000（2023）") == "24,000\u200b（2023）"
    # and after a title's closing bracket before its section's number, never inside the number (2. | 5节)
    assert kept_whole("《年鉴》2.5节（https://x.cn/a）") == "《年鉴》\u200b2.5\u2060节（https://x.cn/a）"
    assert kept_whole("24,800人") == "24,800\u2060人" and kept_whole("R&D经费") == "R&D经费"
    # a change a year with its unit and its "a year" (never "pp a | year")
    assert kept_whole("fall by 0.7 pp a year") == "fall by 0.7\u00a0pp\u00a0a\u00a0year"
    assert kept_whole("in 2022–2024") == "in 2022\u2060–\u20602024"  # never 2022– | 2024
    # a column is as wide as "0.19个百分点" (4 + 4 × 2 = 12 letters), and "2022年，" with the comma that may not
    # start a line (4 + 2 + 2 = 8)
    assert text_widths("每年需增长 0.19个百分点（7.3%）")[1] == 12
    assert text_widths("最新值为 2022年，2023年无数据")[1] == 8
    # the next target's label stands on a line of its own, in either language
    assert pace_lines("2024年目标：+0.19个百分点（+7.3%）", catalog("zh")) == ("2024年目标：", "+0.19个百分点（+7.3%）")
    assert pace_lines("2024 target: +0.2 pp (+7.3%)", catalog("en")) == ("2024 target:", "+0.2 pp (+7.3%)")
    assert pace_lines("+0.4个百分点（+13.8%）", catalog("zh")) == ("+0.4个百分点（+13.8%）",)
    # the core star is in the name's own run, after a word joiner; the width counts it with the name
    node = name_cell("R&D经费投入强度", "card-2", True)[4][0]["c"]
    assert [item["t"] for item in node] == ["Link"] and node[0]["c"][1][-1]["c"].endswith("强度\u2060*")
    assert fitted_widths([["enterprises" + CORE_MARK]], 80) == [1.0]
    assert text_widths("enterprises" + CORE_MARK)[1] == 12  # one word: 11 letters and the star
    assert text_widths("比重" + CORE_MARK)[1] == 3  # 重 and its star: 2 + 1


def test_an_english_word_is_never_broken_inside_a_table():
    """A column holds an English word whole, however long: a name's last word held to its unit by a no-break space
    ("Tech-based SMEs (enterprises)", 18 letters together) was counted as one word of at most 18 letters, so a longer
    piece ("High-tech enterprises (enterprises)": "enterprises (enterprises", 24) made the column narrower than it
    and the line broke inside a word (enterpris | es). Such a name's unit now starts a line of its own where the two
    are longer than 18 letters together; an address still breaks where it must."""
    from analysis.report.pandoc_ast import text_widths
    from analysis.report.word_content import unit_held

    assert unit_held("R&D intensity (%)") == "R&D intensity\u00a0(%)"  # "intensity (%)": 13 letters, held
    assert unit_held("Tech-based SMEs (enterprises)") == "Tech-based SMEs\u00a0(enterprises)"  # 4 + 1 + 12 = 17
    assert unit_held("High-tech enterprises (enterprises)") == "High-tech enterprises (enterprises)"  # 24
    assert unit_held("Labour productivity (10,000 yuan per worker)") == (
        "Labour productivity (10,000 yuan per worker)")  # "productivity (10,000": 12 + 1 + 7 = 20
    # the longest word of a text: 22 letters whole, where it counted 18; an address's letters not a word
    assert text_widths("Internationalizational reforms")[1] == 22
    assert text_widths("see https://www.example.org/abcdefghijklmnopqrstuvwxyz.htm")[1] == 18


def test_running_text_breaks_a_long_label_between_its_words_only():
    """In a paragraph of the Word edition a label of more than four Chinese characters is carried over in parts, at
    the ends of its words (已达 | 阶段 | 目标), never inside one, nor one character alone (已提前 | 达标, not
    已 | 提前); a short one stays whole (未达标); a table keeps every label whole."""
    from analysis.report.pandoc_ast import body_pieces, kept_whole, label_parts

    assert label_parts("已达阶段目标") == ["已达", "阶段", "目标"]
    assert label_parts("已提前达标") == ["已提前", "达标"]
    assert label_parts("预计未达标") == ["预计", "未达标"]
    assert label_parts("未达标") == ["未达标"] and label_parts("Not achieved") == ["Not achieved"]
    # a label of four: between its two words, never inside one (红色 | 预警, never 红色预 | 警)
    assert label_parts("红色预警") == ["红色", "预警"] and label_parts("偏离目标") == ["偏离", "目标"]
    # a label as typed, in running text too (Find finds it), joined within its words only where a line is likely to
    # end inside it (label_joined: the Word file's labels_at_line_ends); a number's year joined to its 年
    from analysis.report.pandoc_ast import label_joined

    j = "\u2060"
    assert kept_whole("高企数：已达阶段目标（2023年）；", body_pieces()) == f"高企数：已达阶段目标（2023{j}年）；"
    assert kept_whole("高企数：未达标。", body_pieces()) == "高企数：未达标。"
    assert kept_whole("已达阶段目标") == "已达阶段目标"  # a table's cell
    assert label_joined("已达阶段目标") == f"已{j}达阶{j}段目{j}标" and label_joined("未达标") == f"未{j}达{j}标"


def test_running_text_keeps_a_short_range_whole():
    """A year range in a paragraph of the Word edition is one piece, as in a table: LibreOffice printed the report's
    first paragraph as "…实施方案（2022—" | "2024年）》所列" and the English one as "back in 2021–" | "2023"."""
    from analysis.report.pandoc_ast import body_pieces, kept_whole

    j = "\u2060"
    assert kept_whole("实施方案（2022—2024年）》所列", body_pieces()) == f"实施方案（2022{j}—{j}2024{j}年）》所列"
    assert kept_whole("back in 2021–2023 (86%", body_pieces()) == f"back in 2021{j}–{j}2023 (86%"
    assert kept_whole("最新值为 2023年，2024年无数据", body_pieces()).startswith(f"最新值为 2023{j}年，")


def test_a_chinese_name_breaks_between_its_words_only():
    from analysis.report.line_breaks import keep_words, name, name_joined

    # 国家级 | 农业 | 科技园区 | 营收 | 占比: 营收 and 占比 from the statistics words, not 营 | 收
    def pieces(text):
        return re.sub(r'<span class="nobr">([^<]*)</span>', r"[\1]", str(name(text))).replace("<wbr>", "|")

    # a break allowed between two words that touch (<wbr>): a column may be as narrow as its longest word
    assert pieces("国家级农业科技园区营收占比") == "[国家级]|[农业]|[科技园区]|[营收]|[占比]"
    # a character between words may break from them (占), the last never from the one before it (下降率)
    assert pieces("高企营收占规上工业企业收入比重") == "[高企]|[营收]占[规上]|[工业]|[企业]|[收入]|[比重]"
    assert pieces("万元GDP能耗下降率") == "[万元]GDP[能耗]|[下降率]"
    # in Word a Chinese name as typed, which Find finds: it breaks as Chinese is set
    assert name_joined("R&D经费投入强度") == "R&D经费投入强度"
    # a status note in Word: what Word keeps whole already (a kept phrase, 非最终判定; 2024年无数据) left to it
    assert name_joined("非最终判定；2024年无数据") == "非最终判定；2024年无数据"
    assert name_joined("研发经费；2024年无数据") == "研发经费；2024年无数据"
    assert str(name("Mean <b>")) == "Mean &lt;b&gt;"  # escaped; Latin names break at their spaces
    # a note in a narrow cell keeps its words: never 非最终判 | 定, nor 进展 | 判断; a unit per unit whole: never
    # 万元/ | 人
    assert str(keep_words("进展判断，非最终判定")) == (
        '<span class="nobr">进展判断，</span><wbr><span class="nobr">非最终判定</span>')
    assert str(keep_together("万元/人")) == str(keep_words("万元/人")) == '<span class="nobr">万元/人</span>'
    # a web address breaks after a slash, as print breaks one, not "….ht / m" nor "content / _1.htm", and never
    # after its scheme (never "http:// | a.cn"); on screen it is a link to itself
    assert str(keep_together("（http://a.cn/2016/content_1.htm?x=1&y=2）")) == (
        '（<a class="address" href="http://a.cn/2016/content_1.htm?x=1&amp;y=2" rel="noopener">'
        '<span class="nobr">http://a.</span>cn/<wbr>2016/<wbr><span class="address-part">content_1.htm?x=1&amp;y=2'
        '）</span></a>')  # (the closing bracket in the last part's block, as no line starts with it)
    # a long part one block, a line free to break before its extension where the part is wider than its column
    assert str(keep_together("https://a.cn/periodical/d21c972a77fcce6b4a52f7c19bb34693.html")) == (
        '<a class="address" href="https://a.cn/periodical/d21c972a77fcce6b4a52f7c19bb34693.html" rel="noopener">'
        '<span class="nobr">https://a.</span>cn/<wbr>periodical/<wbr><span class="address-part">'
        'd21c972a77fcce6b4a52f7c19bb34693<wbr>.html</span></a>')
    # but a short unit in brackets stays whole: never "(100 million / yuan)"
    assert pieces("Technology contracts traded (100 million yuan)") == (
        "Technology contracts traded [(100 million yuan)]")


def test_a_core_indicators_star_stays_with_its_name_in_the_self_evaluation():
    """The self-evaluation's name column on a phone put a core indicator's star on a line of its own (…收入比重 | *):
    Unicode's rules break between a Chinese character and the star; a word joiner keeps it with the last word, as the
    report's scorecard does, in English too, and the name is still escaped."""
    from analysis.report.line_breaks import name_cell

    assert str(name_cell("R&D经费投入强度*")) == ('R&amp;D<span class="nobr">经费</span><wbr><span class="nobr">投入'
                                               '</span><wbr><span class="nobr">强度</span>&#8288;*')
    # (its words filling their lines: "High-tech firms / / industrial firms*", nothing else kept)
    assert str(name_cell("High-tech firms / industrial firms*")) == ('<span class="nobr">High-tech</span> firms / '
                                                                   'industrial firms&#8288;*')
    assert str(name_cell("<b>*")) == "&lt;b&gt;&#8288;*"


def test_a_core_indicators_star_stays_with_its_name_in_a_link():
    """The Chinese mid-term's change table ran the star of 高企营收占规上工业企业收入比重* 3 px past its cell: after the
    link holding the name, WeasyPrint found no break between the link's pieces kept whole, and a star in the link
    after them it set alone on the next line. The star is in the link, in the name's last piece (or after its last
    word): at any width a line breaks before 比重*, the star never past the cell nor at a line's start."""
    from types import SimpleNamespace

    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from analysis.report.html import ENVIRONMENT
    from analysis.report.line_breaks import name
    from analysis.settings import TEMPLATES_DIR

    assert str(name("R&D经费投入强度", core=True)).endswith('<span class="nobr">强度&#8288;*</span>')
    assert str(name("R&D intensity", core=True)) == "R&amp;D intensity&#8288;*"
    assert str(name("<b>", core=True)) == "&lt;b&gt;&#8288;*"
    name_link = ENVIRONMENT.get_template("macros.html.j2").module.name_link
    link = str(name_link(SimpleNamespace(anchor="indicator-8", name="高企营收占规上工业企业收入比重", core=True)))
    assert link.startswith('<a href="#indicator-8">') and link.endswith("比重&#8288;*</span></a>")
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    cells = "".join(f'<table class="status-changes" style="table-layout: fixed; width: auto"><tbody><tr>'
                    f'<td style="width: {width}px">{link}</td></tr></tbody></table>' for width in range(160, 184, 2))
    page = (f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><style>{css}</style></head><body>'
            f'<main class="report"><div class="jp-RenderedHTMLCommon">{cells}</div></main></body></html>')
    found = []
    for page_ in HTML(string=page, media_type="print").render().pages:
        for cell in page_._page_box.descendants():
            if isinstance(cell, boxes.TableCellBox):
                lines = ["".join(box.text for box in line.descendants() if isinstance(box, boxes.TextBox))
                         for line in cell.descendants() if isinstance(line, boxes.LineBox)]
                right = max(box.position_x + box.width for box in cell.descendants() if isinstance(box, boxes.TextBox))
                found.append((round(cell.width), lines[-1].replace("\u200b", ""),
                              right <= cell.content_box_x() + cell.width + 0.5))
    assert len(found) == 12
    assert all(last.endswith("比重\u2060*") and len(last) > 2 and inside for _, last, inside in found), found


def test_a_column_of_chinese_names_keeps_its_floor():
    from analysis.report.pandoc_ast import CELL_PADDING, fitted_widths

    # names (8 characters: 16 letters a line, 2 a word) beside a long note (40 letters a line, 10 its longest word),
    # on 30 letters: without a floor, the names get 2 + 2 of padding = 4 and the note the rest
    names, note = ["高新技术企业数比重"[:8]], ["最新值为 2022年，2023—2024年无数据" * 1]
    plain = fitted_widths([names, note], 30)
    floored = fitted_widths([names, note], 30, {0: 12.0})
    assert plain[0] * 30 < 12
    # with a floor of 12 letters (6 characters) and its padding: at least 14 of the 30 letters
    assert floored[0] * 30 >= 12 + CELL_PADDING - 1e-9
    # a floor never widens a column past its longest line (4 letters and padding here)
    assert fitted_widths([["比重"], note], 30, {0: 12.0})[0] * 30 == pytest.approx(4 + CELL_PADDING)


def test_a_level_in_words_keeps_its_words_whole():
    """A level to reach in words (the mid-term's 17: "须不低于 90%"): Word and a browser never break inside 须不低于
    nor "at least"; the amount after it is whole with its unit as any amount (0.5吨), a line free to break between."""
    from analysis.report.pandoc_ast import inlines
    word = inlines("须不低于 90%（2022年未达到）")[0]["c"]
    assert word == "须不低于 90%（2022\u2060年未达到）"  # in Word as typed, but for the year with its 年
    assert inlines("at least 90%")[0]["c"].startswith("at\u00a0least")
    assert str(keep_together("须不高于 0.5吨")) == '<span class="nobr">须不高于</span> <span class="nobr">0.5吨</span>'
    assert str(keep_together("at least 90%")) == '<span class="nobr">at least</span> <span class="nobr">90%</span>'


def test_a_unit_per_unit_a_level_held_every_year_and_already_met_are_kept_whole():
    assert str(keep_together("需增长 0.7件/万人（+5%）")) == (
        '需增长 <span class="nobr">0.7件/万人</span><span class="nobr">（+5%）</span>')
    assert str(keep_together("2024年目标：每年≥90%")) == (
        '<span class="nobr">2024年</span>目标：<span class="nobr">每年≥90%</span>')
    assert str(keep_together("2024年目标：已达到")) == (
        '<span class="nobr">2024年</span>目标：<span class="nobr">已达到</span>')
    # a level to hold: its value and its words each whole, a line breaking between them where it must
    assert str(keep_together("≥5% every year")) == '<span class="nobr">≥5%</span> <span class="nobr">every year</span>'
    # a series after its indicator's number: 4 省级 whole, never 4 省 | 级 (省 read as a one-character unit); the
    # first with the word before it (never 指标 | 4 省级)
    assert str(keep_together("指标 4 省级、5 国家级")) == (
        '<span class="nobr">指标 4 省级、</span><span class="nobr">5 国家级</span>')


def test_a_long_header_takes_two_lines_at_most_in_word():
    from analysis.report.pandoc_ast import Label, text_widths

    # 每年需增长: 5 characters, 10 letters, longer than a short header (8): a column at least 5 letters wide, two
    # lines; never one character a line beside a column of dashes
    assert text_widths(Label("每年需增长", 8)) == (10, 5)
    assert text_widths(Label("序号", 8)) == (5, 5)  # a short one whole, a letter more for bold


def test_the_cards_legend_keeps_each_mark_with_its_words_in_chinese():
    from analysis.report.html import legend_items

    zh = str(legend_items(catalog("zh")))
    assert '<span class="nobr">··· 按实际年均增长推算</span>' in zh and zh.count('<span class="nobr">') == 6
    # English breaks between its words, each mark kept with its first word: never "● | actual value (…)"
    en = str(legend_items(catalog("en")))
    for kept in ("○ baseline", "● actual", "★ target", "- - - straight", "··· at", "—·— level"):
        assert f'<span class="nobr">{kept}</span>' in en
    assert en.count('<span class="nobr">') == 6 and "numbered by its source" in en


def test_a_long_badge_breaks_only_after_a_comma_or_but():
    from analysis.report.line_breaks import badge

    nobr = '<span class="nobr">{}</span>'
    # never "已达标但有回落风|险"; English breaks between its words only, as it does anywhere
    assert str(badge("已达标但有回落风险")) == nobr.format("已达标但") + nobr.format("有回落风险")
    assert str(badge("偏离目标，需加快")) == nobr.format("偏离目标，") + nobr.format("需加快")
    assert str(badge("Insufficient data")) == "Insufficient data"
    assert str(badge("<b>")) == "&lt;b&gt;" and str(badge("<b>但")) == nobr.format("&lt;b&gt;但")  # never markup


def test_a_header_keeps_its_short_aside_whole():
    from analysis.report.line_breaks import label_pieces

    # the warning list's growth seen, with the year it counts from: never （2020年 | 起）
    assert label_pieces("实际年均增长（2020年起）") == ["实际年均增长", "（2020年起）"]
    assert label_pieces("2020年基础值") == ["2020年", "基础值"]


@pytest.mark.parametrize(("header", "lines"), [
    ("2010年基础值", ["2010\u2060年", "基础值"]),  # never 2010年基 | 础值 (the national report's header)
    ("2015年目标值", ["2015\u2060年", "目标值"]),
    ("实际年均增长（2020年起）", ["实际年均增长（2020\u2060年起）"]),
])
def test_a_long_header_breaks_after_its_year_in_word(header, lines):
    """A header too long for one line and headed by a year breaks after the year by a line break of its own (2010年 |
    基础值), not inside the word after it; its words as typed (no word joiner between two Chinese characters: Find
    finds 基础值), a word joiner only between the year and its 年."""
    from analysis.report.pandoc_ast import HEADER, Label, inlines

    assert not Label(header, HEADER).whole  # too long for one line
    nodes = inlines(Label(header, HEADER))
    assert [node["c"] for node in nodes if node["t"] == "Str"] == lines
    assert [node["t"] for node in nodes] == ["Str", "LineBreak", "Str"][:2 * len(lines) - 1]


def test_a_number_with_spaced_thousands_is_one_number():
    from analysis.report.line_breaks import keep_together, label_pieces

    # never "10 | 000"; with what it counts and "per", one piece, as "per 10,000 people" is
    assert label_pieces("per 10 000 people") == ["per 10 000 people"]
    assert str(keep_together("12 345.6 yuan")) == '<span class="nobr">12 345.6 yuan</span>'
    # a year beside a count is not one number: the count keeps its word, the year stands apart
    assert str(keep_together("in 2024 123 firms")) == 'in 2024 <span class="nobr">123 firms</span>'


def test_word_body_text_keeps_a_number_whole_and_its_labels_as_typed():
    """A paragraph and a list's item of the Word edition keep a number with its unit whole (13 个, never 13 | 个) by
    word joiners at the number's ends and a narrow no-break space; a short label of the catalogs (已达标, 未完成,
    红色预警) and the other words of a sentence as typed, which Word's Find finds (the Word file joins a label only
    where a line is likely to end inside it); a stage's long head is not held whole in body text, nor a completion
    rate's word with its number; an English label by a no-break space."""
    from analysis.report.pandoc_ast import bullets, para

    j, narrow = "\u2060", "\u202f"
    text = para("按该年目标作出判断：已达标 13 个、未达标 10 个；“需加快”不预警。")["c"][0]["c"]
    assert text == f"按该年目标作出判断：已达标 13{j}{narrow}{j}个、未达标 10{j}{narrow}{j}个；“需加快”不预警。"
    item = bullets(["R&D 经费投入强度：未达标（完成率 96.4%），红色预警"])["c"][0][0]["c"][0]["c"]
    assert item == "R&D 经费投入强度：未达标（完成率 96.4%），红色预警"
    assert para("未完成 2 个，数据缺失 1 个")["c"][0]["c"] == f"未完成 2{j}{narrow}{j}个，数据缺失 1{j}{narrow}{j}个"
    assert "not\u00a0achieved" in para("at 3.5%, not achieved (91.4% of the target)")["c"][0]["c"]
    assert para("2023年阶段目标完成率 96.7%")["c"][0]["c"] == f"2023{j}年阶段目标完成率 96.7%"


def test_a_title_never_breaks_at_a_hyphen():
    from analysis.report.line_breaks import keep_title

    assert str(keep_title("Weihai's plan: Mid-term evaluation 2023")) == (
        'Weihai&#39;s plan: <span class="nobr">Mid-term evaluation 2023</span>')
    # the short part after the colon whole: never "…indicators: Final | evaluation 2024"
    assert str(keep_title("Weihai indicators: Final evaluation 2024")) == (
        'Weihai indicators: <span class="nobr">Final evaluation 2024</span>')
    assert str(keep_title("a self-evaluation report, 2024")) == (
        'a <span class="nobr">self-evaluation</span> report, 2024')


def test_a_self_evaluation_title_keeps_its_asides_with_what_they_follow():
    from analysis.report.self_evaluation_files import title_markup

    english = str(title_markup("A plan (2022–2024): self-evaluation report for the final evaluation, 2024 (draft)"))
    assert '<span class="nobr">2024 (draft)</span>' in english  # never "(draft)" alone on the last line
    assert '<span class="nobr">self-evaluation</span>' in english
    # and a Chinese title between its words only: 评估 | 自评报告, never 自评报 | 告
    assert str(title_markup("《方案（2022—2024年）》总结评估自评报告（2024年，草稿）")) == (
        '《<span class="nobr">方案</span><wbr><span class="nobr">（2022—2024年）</span>》<span class="nobr">总结</span>'
        '<wbr><span class="nobr">评估</span><wbr><span class="nobr">自评报告</span><wbr>'
        '<span class="nobr">（2024年，草稿）</span>')


def test_a_move_between_two_values_and_a_percentage_stay_whole():
    """A status note's move (（2.7% → 2.9%）) never breaks as 2.7 | % nor 2.7% | →; 非最终判定 is one word."""
    from analysis.report.line_breaks import keep_words

    assert '<span class="nobr">2.7% →</span> <span class="nobr">2.9%）</span>' in str(
        keep_words("向目标方向变化（2.7% → 2.9%）"))
    assert '<span class="nobr">86 →</span> 82' in str(keep_together("fell (86 → 82)"))
    # (a completion rate as the catalog writes it, 完成率 and its number unspaced: whole, as a table's cell keeps it)
    assert '<span class="nobr">完成率97.9%</span>' in str(keep_together("完成率97.9%之后"))
    assert '<span class="nobr">97.9%</span>' in str(keep_together("增长97.9%之后"))
    assert '<span class="nobr">非最终判定</span>' in str(keep_words("进展判断，非最终判定"))


def test_a_cell_may_break_before_an_opening_bracket_after_a_kept_piece():
    # a mid-term self-evaluation's "+0.19个百分点（+7.3%）" was set on one line, past the printed page's edge
    from analysis.report.line_breaks import keep_words

    assert str(keep_words("+0.8个百分点（+1.9%）")) == (
        '<span class="nobr">+0.8个百分点</span><wbr><span class="nobr">（+1.9%）</span>')
    # a cell's closing marks go with what they close: never a line starting "）；最新值" (the mid-term warning list's 4
    # provincial)
    assert '<span class="nobr">2.9%）；</span><wbr><span class="nobr">最新值</span>' in str(
        keep_words("已向目标方向变化（2.7% → 2.9%）；最新值为 2022年"))
    assert "<wbr>" not in str(keep_words("（2024年）"))  # nothing kept before it: no break to offer


def test_a_short_chinese_cell_is_one_piece():
    # the self-evaluation's submissions table printed 未 | 报送 and its headers 已 | 填写, 报送 | 文件
    from analysis.report.line_breaks import keep_words

    for text in ("未报送", "已填写", "报送文件"):
        assert str(keep_words(text)) == f'<span class="nobr">{text}</span>'
    assert str(keep_words("2020年基础值")).count("nobr") == 2  # longer: between its words (2020年 | 基础值)


def test_a_year_in_brackets_is_one_piece():
    # the warning list's gap of a level missed in an earlier year: never "0.5 pp (2022" with ")" alone below
    assert keep_together("0.5 pp (2022)") == '<span class="nobr">0.5 pp</span> <span class="nobr">(2022)</span>'
    assert keep_together("0.5个百分点（2022年）") == (  # Chinese brackets: no line starts with （ nor ends with ）
        '<span class="nobr">0.5个百分点</span><span class="nobr">（2022年）</span>')


def test_a_short_aside_that_ends_in_its_years_is_one_piece():
    """A level to hold every year with the years it missed, as the mid-term's scorecard and warning list give it
    (18): never "(missed in" at a line's end and "2023)" below, as Chinese keeps （2023年未达到） whole; a longer
    aside, with a number or a colon of its own, breaks between its words."""
    assert keep_together("at least 5% (missed in 2023)") == (
        '<span class="nobr">at least</span> <span class="nobr">5%</span> <span class="nobr">(missed in 2023)</span>')
    assert keep_together("≥5% (missed in 2022 and 2023)") == (
        '≥<span class="nobr">5%</span> <span class="nobr">(missed in 2022 and 2023)</span>')
    assert keep_together("≥92% (2022: below the 90% then required)") == (
        '≥<span class="nobr">92%</span> (2022: below the <span class="nobr">90%</span> then required)')


def test_english_keeps_the_chinese_it_quotes_whole_or_breaks_it_between_words():
    """The English editions quote Chinese names as their sources print them: a short one whole, as an English word
    is (Weihai Daily (威海日报), never 威海 | 日报; “国2.8/省3.1”), a longer one between its words only (中国 | 公民…,
    never 中 | 国); in Word by word joiners. Chinese text breaks as Chinese is set: nothing added."""
    from analysis.report.line_breaks import embedded_joined

    assert '(<span class="nobr">威海日报),</span>' in keep_together("Weihai Daily (威海日报), 2023")
    assert '<span class="nobr">“国2.8/省3.1”);</span>' in keep_together("printed as one cell (“国2.8/省3.1”); split")
    survey = keep_together("China Civic Science Literacy Survey (中国公民科学素质调查) and is not in the data")
    assert '(<span class="nobr">中国</span><span class="nobr">公民</span>' in survey
    # in Word as typed: a word joiner inside would hide 威海日报 from Find
    assert embedded_joined("Weihai Daily (威海日报)") == "Weihai Daily (威海日报)"
    assert embedded_joined("Literacy Survey (中国公民科学素质调查)") == "Literacy Survey (中国公民科学素质调查)"
    assert embedded_joined("示例统计公报 2023（虚构）") == "示例统计公报 2023（虚构）"
    assert keep_together("据威海日报报道，当年如此。") == "据威海日报报道，当年如此。"


def test_a_chinese_title_breaks_between_its_words_and_keeps_its_year_and_dates_whole():
    """The title (two lines on a phone, in Word's large type) breaks between its words: 指标 | 总结, never 总 | 结;
    its year in brackets whole; the title page's dates each whole (2026年 | 12月3日 was seen on a phone)."""
    from analysis.report.line_breaks import keep_dates, keep_title
    from analysis.report.pandoc_ast import document_title_inlines, title_inlines

    title = "威海市国家创新型城市建设指标总结评估报告（2024年）"
    assert '<span class="nobr">总结</span>' in keep_title(title)
    assert '<span class="nobr">（2024年）</span>' in keep_title(title)
    word = document_title_inlines(title)[0]["c"]
    assert word == "威海市国家创新型城市建设指标总结评估报告（2024\u2060年）"  # as typed, Find finds it
    assert title_inlines("一、总体情况")[0]["c"] == "一、总体情况"  # a heading as it is: Word's Find finds it
    assert keep_dates("生成日期：2026年12月4日；输入数据最后更新：2026年12月3日").count(
        '<span class="nobr">2026年12月') == 2
    assert '<span class="nobr">3 December 2026</span>' in keep_dates("inputs last changed on 3 December 2026")


def test_a_phones_column_name_breaks_between_its_words_only():
    """A phone shows each cell after its column's name (CSS attr(), plain text): zero-width spaces where it may
    break, at word-break: keep-all, so 2020年 | 基础值 and 下一目标 | 及 | 每年 …, never 基础 | 值 or 每 | 年; none
    after an opening bracket or before a closing one; English as it is."""
    from analysis.report.line_breaks import label_breaks

    assert label_breaks("2020年基础值") == "2020年\u200b基础值"
    assert label_breaks("2024年实际值") == "2024年\u200b实际值"  # the self-evaluation's header: never 实际 | 值
    assert "每年" in label_breaks("下一目标及每年需增长") and "\u200b年" not in label_breaks("下一目标及每年需增长")
    assert "（\u200b" not in label_breaks("实际年均增长（2020年起）")
    assert label_breaks("Needed per year") == "Needed per year"
    from analysis.settings import TEMPLATES_DIR

    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    assert re.search(r"table\.reflow td::before \{[^}]*word-break: keep-all", css)


def test_a_badge_of_three_short_words_stays_on_one_line():
    """On paper and a wide screen a status badge of a few short words is one piece ("Projected to miss", 预计未达标):
    the PDF had "Projected to / miss" in a narrow column; "Interim target missed" (21 letters) too; a longer one
    ("Moderate progress, accelerate") breaks between its words, and so does a badge in a phone's narrow column
    (report.css)."""
    from analysis.report.html import ENVIRONMENT

    status_badge = ENVIRONMENT.get_template("macros.html.j2").module.status_badge

    def classes(text):
        return re.search(r'class="([^"]*)"', str(status_badge("insufficient", text))).group(1).split()

    # (the 2023 warning list and self-evaluation had "Stage target / missed", as the status was named then, on two
    # lines)
    for whole in ("Projected to miss", "Interim target met", "Interim target missed", "预计未达标", "已达阶段目标",
                  "Not achieved"):
        assert "badge-long" not in classes(whole), whole
    assert "badge-long" in classes("Moderate progress (needs to accelerate)")
    assert "badge-long" in classes("Insufficient progress, accelerate")



@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_badge_runs_past_its_column_on_paper(language):
    """The 2023 EN scorecard's "Interim target met" (16 letters, kept whole) ran past the table's right edge: every
    status badge of the catalogs, in the status column of the scorecard (with the official words' column or not) and
    of the warning list, and every official word in its own column, ends inside its cell on paper; a badge kept
    whole (:func:`is_whole_badge`) is on one line in a status column."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from analysis.report.html import ENVIRONMENT
    from analysis.report.line_breaks import is_whole_badge
    from analysis.report.palette import LIGHT_COLOURS
    from analysis.settings import TEMPLATES_DIR

    macros = ENVIRONMENT.get_template("macros.html.j2").module
    words = catalog(language)
    statuses = sorted(set(words["status"].values()))
    official = [(key, text) for vocabulary in words["official_status"].values()
                for key, text in vocabulary["words"].items()]
    cases = [("scorecard", 9, 9), ("scorecard with-official", 10, 9), ("warning-list", 9, 4)]
    rows = []
    for table, columns_, column in cases:
        cells = [[str(macros.status_badge("achieved", text)) if number == column else "x"
                  for number in range(1, columns_ + 1)] for text in statuses]
        if table == "scorecard with-official":
            cells += [["x"] * 9 + [str(macros.official_word(key if key in LIGHT_COLOURS else "review", text))]
                      for key, text in official]
        rows.append(f'<table class="{table}"><thead><tr>{"<th>h</th>" * columns_}</tr></thead><tbody>'
                    + "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in cells)
                    + "</tbody></table>")
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    page = (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><style>{css}</style></head><body>'
            f'<main class="report"><div class="jp-RenderedHTMLCommon">{"".join(rows)}</div></main></body></html>')
    past, broken = [], []
    for page_ in HTML(string=page, media_type="print").render().pages:
        for cell in page_._page_box.descendants():
            if not isinstance(cell, boxes.TableCellBox):
                continue
            right = cell.content_box_x() + cell.width
            for badge_ in cell.descendants():
                if isinstance(badge_, boxes.InlineBlockBox):
                    text = "".join(box.text for box in badge_.descendants() if isinstance(box, boxes.TextBox))
                    if badge_.position_x + badge_.margin_width() > right + 0.5:
                        past.append(text)
                    lines = sum(isinstance(box, boxes.LineBox) for box in badge_.descendants())
                    if text in statuses and is_whole_badge(text) and lines > 1:
                        broken.append(text)
            past += [box.text for box in cell.descendants()
                     if isinstance(box, boxes.TextBox) and box.position_x + box.width > right + 0.5]
    assert past == [] and broken == []
    assert is_whole_badge("Interim target met") and "Interim target met" in statuses or language == "zh"


def test_a_mid_terms_status_keeps_its_badge_on_one_line_beside_its_note_on_paper():
    """The English mid-term's scorecard set "Interim target / missed" on two lines and its note ("96.7% of the 2023
    interim target; at its pace, not enough to reach the 2024 target in time") under it in a 17 % status column, six
    lines a row beside a name of two: the status column takes what the numbers' columns spare, the badge on one line,
    badge and note five lines at most, nothing past the column."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from analysis.report.html import ENVIRONMENT
    from analysis.settings import TEMPLATES_DIR

    macros = ENVIRONMENT.get_template("macros.html.j2").module
    note = "96.7% of the 2023 interim target; at its pace, not enough to reach the 2024 target in time"
    status = f'{macros.status_badge("stage_missed", "Interim target missed")}<br><small>{keep_together(note)}</small>'
    cells = ["2", "R&amp;D intensity*", "%", "2.36", "2.61", "2.7", "0.09 pp", "2024 target: +0.19 pp (+7.3%)", status]
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    page = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>' + css + '</style></head><body>'
            '<main class="report"><div class="jp-RenderedHTMLCommon"><table class="scorecard"><thead><tr>'
            + "<th>h</th>" * 9 + "</tr></thead><tbody><tr>" + "".join(f"<td>{cell}</td>" for cell in cells)
            + "</tr></tbody></table></div></main></body></html>")
    document = HTML(string=page, media_type="print").render()
    cell = [box for box in document.pages[0]._page_box.descendants() if isinstance(box, boxes.TableCellBox)][-1]
    badge_ = next(box for box in cell.descendants() if isinstance(box, boxes.InlineBlockBox))
    lines = [box for box in cell.descendants() if isinstance(box, boxes.LineBox)]
    badge_lines = [box for box in badge_.descendants() if isinstance(box, boxes.LineBox)]
    right = cell.content_box_x() + cell.width + 0.5
    assert len(badge_lines) == 1
    assert len(lines) - len(badge_lines) <= 5, len(lines)
    assert not [box.text for box in cell.descendants()
                if isinstance(box, boxes.TextBox) and box.position_x + box.width > right]


def test_the_words_of_statistics_are_never_split():
    """Words the segmenter's general dictionary lacks, as a card's labels use them: 序时进度 (the share of the
    period elapsed) whole in "同期序时进度", never 序时 | 进度; 营收 in a name; 自评报告 in a title."""
    from analysis.report.line_breaks import chinese_words

    def pieces(text):
        return [text[start:end] for start, end in chinese_words(text)]

    assert pieces("同期序时进度") == ["同期", "序时进度"]
    assert "营收" in pieces("国家高新区营收占GDP比重")
    assert "自评报告" in pieces("总结评估自评报告")
    assert "进展判断" in pieces("偏离目标（进展判断，非最终判定）")


def test_a_cards_heading_in_word_breaks_between_its_words_only():
    # LibreOffice printed the card of indicator 5 as "…工程研究中 / 心、工程实验室）"; a section's heading stays as
    # typed
    from analysis.report.pandoc_ast import header

    def text(node):
        return "".join(item["c"] if item["t"] == "Str" else " " for item in node["c"][2])

    name = "5. 国家级科技创新基地（重点实验室、技术创新中心、工程研究中心、工程实验室）"
    card = text(header(3, name))
    assert card == name  # as typed: Find finds 工程研究中心
    assert "\u2060" not in text(header(1, "一、总体情况"))


def test_a_cells_unit_per_unit_in_brackets_stays_whole():
    """The appendix's series column: "12. 万人发明专利拥有量（件/万人）" broke as "（件/" | "万人）" in the PDF; the
    bracketed unit is one piece, the name before it still breaks between its words."""
    from analysis.report.line_breaks import keep_words

    html = str(keep_words("12. 万人发明专利拥有量（件/万人）"))
    assert '<span class="nobr">（件/万人）</span>' in html
    assert '<span class="nobr">发明专利</span><wbr>' in html


def test_an_english_units_number_stays_with_what_it_counts():
    """The scorecard's unit column printed "per 10,000 / people" and "100 million / yuan", the national plan's
    "per 100 person- / years": a number and what it counts are one unit, as 24个 is in Chinese."""
    from analysis.report.line_breaks import keep_words, label_pieces

    assert label_pieces("per 10,000 people") == ["per 10,000 people"]  # and "per" with it
    assert label_pieces("100 million yuan") == ["100 million yuan"]
    assert label_pieces("person-years per 10,000 employed") == ["person-years", "per 10,000 employed"]
    assert str(keep_words("per 100 person-years")) == '<span class="nobr">per 100 person-years</span>'
    assert label_pieces("Needed per year") == ["Needed", "per year"]  # no number: its words, "per" with the next
    # a year is no count: a header's "2020 baseline" breaks between its words, as a narrow column needs
    assert label_pieces("2020 baseline") == ["2020", "baseline"]


def test_a_unit_breaks_before_per_never_after_it():
    """The scorecard printed "per / 10,000 people" (Weihai's 12 and 13), "per / 100 person-years" and "person-years /
    per / 10,000 employed" (the national plan's 6 and 9): "per" stays with what it is per, in a unit (its column's
    label) and a value's unit joined to it; a unit breaks before "per" where its cell is narrow."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from analysis.report.html import ENVIRONMENT
    from analysis.settings import TEMPLATES_DIR

    assert label_pieces("per 10,000 people") == ["per 10,000 people"]
    assert label_pieces("patents per 10,000 people") == ["patents", "per 10,000 people"]
    assert label_pieces("per 100 person-years") == ["per 100 person-years"]
    assert label_pieces("person-years per 10,000 employed") == ["person-years", "per 10,000 employed"]
    assert label_pieces("10,000 yuan per worker") == ["10,000 yuan", "per worker"]
    assert label_pieces("Needed per year") == ["Needed", "per year"]
    value_year = ENVIRONMENT.get_template("macros.html.j2").module.value_year
    assert '<span class="unit-joined"> <span class="nobr">per 10,000 people</span></span>' in str(
        value_year("17.3", " (2023)", "per 10,000 people", " "))
    # on paper, in the unit column of a scorecard with the needed pace, of one without (a final evaluation) and of
    # one with the plan's official status words as a tenth column (its unit column 12 % wide: "per 10,000 employed"
    # and "per 100 person-years" ran 11 px past it)
    units = ["per 10,000 people", "patents per 10,000 people", "person-years per 10,000 employed",
             "100 million yuan", "10,000 yuan per worker"]
    tables = [("scorecard", 9, units), ("scorecard no-pace", 9, [*units, "per 100 person-years"]),
              ("scorecard with-official", 10, [*units, "per 100 person-years"])]
    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    html = "".join(f'<table class="{table}"><thead><tr>{"<th>h</th>" * count}</tr></thead><tbody>'
                   + "".join(f"<tr><td>1</td><td>x</td><td>{label(unit)}</td>{'<td>x</td>' * (count - 3)}</tr>"
                             for unit in rows)
                   + "</tbody></table>" for table, count, rows in tables)
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{css}</style></head><body>'
            f'<main class="report"><div class="jp-RenderedHTMLCommon">{html}</div></main></body></html>')
    lines, past = [], []
    for page_ in HTML(string=page, media_type="print").render().pages:
        for cell in page_._page_box.descendants():
            text = [box for box in cell.descendants() if isinstance(box, boxes.TextBox)] \
                if isinstance(cell, boxes.TableCellBox) else []
            if any("per" in box.text or "yuan" in box.text for box in text):
                lines.append(["".join(box.text for box in line.descendants() if isinstance(box, boxes.TextBox))
                              for line in cell.descendants() if isinstance(line, boxes.LineBox)])
                right = cell.content_box_x() + cell.width + cell.padding_right
                past += [box.text for box in text if box.position_x + box.width > right + 0.5]
    expected = [["per 10,000 people"], ["patents", "per 10,000 people"], ["person-years", "per 10,000 employed"],
                ["100 million yuan"]]
    assert lines[:4] == expected and lines[5:9] == expected and lines[11:15] == expected, lines
    assert lines[10] == lines[16] == ["per 100 person-years"], lines
    assert lines[4] in (["10,000 yuan per worker"], ["10,000 yuan", "per worker"]), lines
    assert lines[15] in (["10,000 yuan per worker"], ["10,000 yuan", "per worker"]), lines
    assert past == []


def test_a_web_address_breaks_after_a_slash_only():
    """The national plan's appendix printed "…/31/content" over "_31952113.htm", "t20161111_11620910" over ".htm" and
    "https://" alone on a line: in a cell of any width an address breaks after a slash, inside a part only where the
    part is wider than the cell (before its extension first), never after its scheme; a full stop after it is the
    sentence's."""
    texts = ["Innovation Index Report 2013: http://www.bhkjw.net/reports/2014-03/31/content_31952113.htm. 2013",
             "Ministry: https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgknr/qtwj/qtwj2016/201611/t20161111_11620910.htm",
             "Undated post (文学城): https://zh.wenxuecity.com/bbs/mychina/860855-print.html"]
    assert address_lines(texts, 190)[0][-3:] == ["http://www.bhkjw.net/reports/", "2014-03/31/",
                                                 "content_31952113.htm. 2013"]
    assert address_lines(texts, 190)[1][-1] == "t20161111_11620910.htm"
    for width in (120, 150, 190, 240, 300):
        for cell in address_lines(texts, width):
            assert not any(line.endswith("//") or line.startswith(("_", "/")) for line in cell), (width, cell)
            # a line starts with a dot only where a file's name alone fills the line before it: its extension
            assert all(before.count("/") == 0 for before, line in zip(cell, cell[1:]) if line.startswith(".")), cell


def address_cells(texts: list[str], width: int) -> list:
    """Each of ``texts`` (:func:`keep_words`) printed in a cell of the appendix's table ``width`` px wide: the cells'
    boxes as WeasyPrint laid them out."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from analysis.report.line_breaks import keep_words, without_address_links
    from analysis.settings import TEMPLATES_DIR

    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    rows = "".join(f"<tr><td>{without_address_links(keep_words(text))}</td></tr>" for text in texts)  # as printed
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{css}</style></head><body>'
            f'<main class="report"><div class="jp-RenderedHTMLCommon"><div style="width:{width}px">'
            f'<table id="actuals"><tbody>{rows}</tbody></table></div></div></main></body></html>')
    return [box for page_ in HTML(string=page, media_type="print").render().pages
            for box in page_._page_box.descendants() if isinstance(box, boxes.TableCellBox)]


def address_lines(texts: list[str], width: int) -> list[list[str]]:
    """Each of ``texts`` in a cell ``width`` px wide (:func:`address_cells`): its lines' text as the page shows them (a
    long part of an address, a block of its own, counts by the lines it takes)."""
    from weasyprint.formatting_structure import boxes

    found = []
    for cell in address_cells(texts, width):
        # the text boxes by the line they stand on, top to bottom, left to right (a block's last line shares its line)
        rows_: list[list] = []
        for text in sorted((box for box in cell.descendants() if isinstance(box, boxes.TextBox)),
                           key=lambda box: (box.position_y + box.baseline, box.position_x)):
            if rows_ and abs(rows_[-1][0].position_y + rows_[-1][0].baseline - text.position_y - text.baseline) < 2:
                rows_[-1].append(text)
            else:
                rows_.append([text])
        found.append(["".join(text.text for text in row).replace("\u200b", "") for row in rows_])
    return found


def test_a_long_part_of_an_address_is_whole_on_a_line_of_its_own_or_broken_before_its_extension():
    """The national plan's source, a periodical's page named by a 32-character hash, printed
    "d21c972a77fcce6b4a52f7c19bb34693.ht" over "ml" in the appendix's column of sources: the name fits the column, its
    extension not. The part goes whole to a line of its own where it fits one; where it does not, it breaks before its
    extension (the name, 32 characters, fills 235 px and 190 px of the sources' column does not hold it); the name
    itself breaks only where it is wider than the column (134 px), its extension then after its end; a short part
    ("860855-print.html") is never broken at its hyphen."""
    texts = ["Undated periodical article: https://jxxfw.com/periodical/d21c972a77fcce6b4a52f7c19bb34693.html; next",
             "2015年科技进步对经济社会发展的贡献率增长到55.3%（https://jxxfw.com/periodical/d21c972a77fcce6b4a52f7c19bb34693.html）",
             "Undated post (文学城): https://zh.wenxuecity.com/bbs/mychina/860855-print.html"]
    name = "d21c972a77fcce6b4a52f7c19bb34693"
    english, chinese, post = address_lines(texts, 300)
    assert f"{name}.html; next" in english and f"{name}.html）" in chinese  # whole, on a line of its own
    english, chinese, post = address_lines(texts, 235)
    # (a part broken takes the column's width: what follows it starts a line after its end, the semicolon with it)
    assert english[-4:] == ["https://jxxfw.com/periodical/", name, ".html;", "next"], english
    assert chinese[-2:] == [name, ".html）"], chinese
    # the closing bracket after it on its last line, inside the column: a block broken takes the column's width, and
    # the bracket after it ran 10 px past the column's edge
    from weasyprint.formatting_structure import boxes

    for width in (134, 235, 300):
        past = [(width, text.text) for cell in address_cells(texts[:2], width) for text in cell.descendants()
                if isinstance(text, boxes.TextBox)
                and text.position_x + text.width > cell.content_box_x() + cell.width + cell.padding_right + 0.5]
        assert past == []
    assert post[-1].endswith("860855-print.html"), post
    for width in (134, 150, 190):
        english, chinese, post = address_lines(texts, width)
        for cell in (english, chinese):
            assert any(line.startswith(name[:8]) for line in cell), (width, cell)  # after the slash, a line's start
            # the extension whole, never ".ht" over "ml"
            assert any(".html" in line for line in cell), (width, cell)
            assert not any(line.endswith((".", ".h", ".ht", ".htm")) for line in cell), (width, cell)
        assert any(line.endswith("860855-print.html") for line in post), (width, post)


def test_a_chinese_name_keeps_its_last_two_characters_with_its_unit_in_brackets():
    # the appendix's "18. 万元GDP能耗下降率（%）" broke as "…下降 / 率（%）" once its column narrowed
    from analysis.report.line_breaks import keep_words, name_end

    html = str(keep_words("18. 万元GDP能耗下降率（%）"))
    assert '<span class="nobr">下降率（%）</span>' in html
    assert '<span class="nobr">（件/万人）</span>' in str(keep_words("12. 万人发明专利拥有量（件/万人）"))
    assert name_end("R&D经费投入强度") == (7, 9)


def test_a_cards_series_stays_with_its_separator_after_the_name():
    """The mid-term zh card of indicator 5 ended a line on "…工程实验室） ·" and set "国家级" alone on the next: the
    series and the separator before it are one piece, a line breaking before the separator."""
    from analysis.report.line_breaks import name, name_pieces

    def pieces(text):
        return re.sub(r'<span class="nobr">([^<]*)</span>', r"[\1]", str(name(text))).replace("<wbr>", "|")

    text = "科技创新基地（重点实验室、技术创新中心、工程研究中心、工程实验室） · 国家级"
    assert pieces(text).endswith("） [· 国家级]")
    assert (len(text) - 5, len(text)) in name_pieces(text)  # "· 国家级": five characters
    assert pieces("R&D intensity · national") == "R&amp;D intensity [· national]"  # escaped
    assert pieces("Innovation bases · provincial") == "Innovation bases [· provincial]"
    # a name without its series has no such piece (a dot inside a name is no separator)
    assert "·" not in "".join(re.findall(r"\[([^\]]*)\]", pieces("研发人员 · 数量")))


def test_an_english_name_keeps_a_short_hyphenated_word_whole():
    """The national plan's English scorecard printed 6 as "Patent applications / per 100 R&D person- / years": a
    name's unit word with a hyphen is one piece, as the unit column keeps it; a long hyphenated word may still break
    after its hyphen in a narrow column."""
    from analysis.report.line_breaks import name

    def pieces(text):
        return re.sub(r'<span class="nobr">([^<]*)</span>', r"[\1]", str(name(text))).replace("<wbr>", "|")

    assert pieces("Patent applications per 100 R&D person-years") == (
        "Patent applications per 100 R&amp;D [person-years]")
    assert pieces("High-tech share of manufacturing") == "[High-tech] share of manufacturing"
    # (its words filling their lines: "Innovation-strategy / decision and policies", nothing more kept)
    assert pieces("Innovation-strategy decision and policies") == "Innovation-strategy decision and policies"


def test_a_relative_rate_is_one_piece_with_its_word():
    """A share's pace in a narrow cell broke "（相 | 对 +9.4%）" and "(+9.4% | relative)": the Chinese word is one piece
    (its rate may go to the next line: "（相对 +25.0%）" whole is wider than the mid-term's column on a phone), the
    English rate one with its word; the amount before them breaks from them as before."""
    from analysis.report.line_breaks import keep_together

    # (in Chinese with its opening bracket, inside the aside's block: test_a_year_with_its_value_…)
    for text, piece in (("+0.3个百分点（相对 +9.4%）", "（相对"), ("+0.3 pp (+9.4% relative)", "+9.4% relative")):
        # (a closing bracket goes with the piece before it, as everywhere: never at a line's start)
        assert re.search(f'<span class="nobr">{re.escape(piece)}[）)]?</span>', str(keep_together(text))), text


def test_an_english_name_fills_its_lines_and_keeps_a_short_last_word_company_only_where_it_can():
    """The English scorecard, warning list and self-evaluation printed "National high-tech / zone / revenue / GDP" and
    "High-tech firms' / share of / industrial revenue*", a word or two a line: a rule kept a name's last two words on
    one line whatever the column. A name now fills each line of its column as its words come; only where its last
    line would hold one short word alone (GDP) and the line before keeps two words after giving up one are the last
    two kept together (its column's width by where it stands: line_breaks.NAME_WIDTHS)."""
    from analysis.report.line_breaks import name, name_cell, name_lines

    def pieces(markup):
        return re.sub(r'<span class="nobr">([^<]*)</span>', r"[\1]", str(markup)).replace("<wbr>", "|")

    # 9.6 ems: "National high-tech" (8.75) / "zone revenue / GDP" (9.2): filled, no word alone, nothing joined
    text = "National high-tech zone revenue / GDP"
    assert [text[start:end] for start, end in name_lines(text, [(9, 18)], 9.6)] == [
        "National high-tech", "zone revenue / GDP"]
    assert pieces(name(text)) == "National [high-tech] zone revenue / GDP"
    assert pieces(name_cell(text)) == "National [high-tech] zone revenue / GDP"
    assert pieces(name_cell(text, "final")) == "National [high-tech] zone revenue / GDP"
    # beside the plan's status words (8 ems): "National / high-tech zone / revenue / GDP", GDP not alone either
    assert pieces(name(text, "official")) == "National [high-tech] zone revenue / GDP"
    # "High-tech firms' / share of industrial / revenue*": its last word is no short one, never "share of / industrial
    # revenue*"
    assert pieces(name_cell("High-tech firms' share of industrial revenue*")) == (
        "[High-tech] firms&#39; share of industrial revenue&#8288;*")
    # GDP alone after "parks as a share of": "of GDP" together, the line before keeping "parks as a share"
    long = "Revenue of national agricultural science and technology parks as a share of GDP"
    assert [long[start:end] for start, end in name_lines(long, [], 9.6)][-2:] == ["parks as a share of", "GDP"]
    assert pieces(name(long)).endswith(" parks as a share [of GDP]")
    # R&D alone after "relief / business", which cannot spare "business" ("relief /" alone would be a line of one
    # word): left as its words fill the lines
    assert pieces(name("R&D super-deduction relief / business R&D")) == (
        "R&amp;D super-deduction relief / business R&amp;D")
    assert pieces(name("Foreign investment used / GDP")) == "Foreign investment used / GDP"
    assert pieces(name("Innovation-strategy decision and policies")) == "Innovation-strategy decision and policies"
    # too wide for any column of names (8.8 ems): the name breaks as before
    assert pieces(name_cell("S&T service institutions")) == "S&amp;T service institutions"
    # two words: free to break between them
    assert pieces(name("Labour productivity")) == "Labour productivity"
    # a long "per" phrase keeps breaking between its words, never joined into one wider than its column
    assert pieces(name_cell("R&D personnel per 10,000 employed")) == (
        "[R&amp;D] [personnel] [per 10,000] [employed]")
    # Chinese: its words and its last two characters, nothing more
    assert pieces(name("国家高新区营业收入占GDP比重")) == "[国家]|[高新区]|[营业]|[收入]占GDP[比重]"
    assert pieces(name_cell("万元GDP能耗下降率")) == "[万元]GDP[能耗]|[下降率]"


def test_a_kept_piece_never_starts_or_ends_inside_a_number():
    """The English report printed "national 2.<span>8, provincial</span>" and "3.<span>0, …": the piece that keeps an
    indicator's number with its series (4 provincial) began inside a decimal, took the comma after it as part of the
    number, and left "2." free to end a line. A number is kept whole or not at all: "2.8, provincial" is a value, a
    comma and the next series' name, no number with its series."""
    from analysis.report.line_breaks import number_pieces

    text = "needs national 2.8, provincial 3.0 a year (provincial 3.0, national 2.5)"
    # (a change a year whole with its "a year", the number whole inside it)
    assert str(keep_together(text)) == text.replace("3.0 a year", '<span class="nobr">3.0 a year</span>')
    assert [match.group() for match in number_pieces().finditer(text)] == []
    # a number with its series after a decimal and a comma is still one piece, the decimal left whole before it
    assert str(keep_together("values 2.5, 4 provincial")) == 'values 2.5, <span class="nobr">4 provincial</span>'
    # thousands and decimals stay inside the piece they belong to
    assert str(keep_together("1,580.5 provincial; 24,800个")) == (
        '<span class="nobr">1,580.5 provincial;</span> <span class="nobr">24,800个</span>')
    for sample in (text, "national 12.75, provincial 3.05", "2.8, national 1,600, provincial",
                   "0.95, 国家级 1.5, 省级"):
        html = str(keep_together(sample)) + str(keep_words(sample))
        assert not re.search(r'\d[.,]?<span class="nobr">\d|\d</span>[.,]?\d', html), html


def test_a_list_of_departments_keeps_each_short_name_and_its_role_whole():
    """A phone printed a card's departments as "市科技局（牵 / 头）、市统计局": only a name's last two
    characters were kept together (市统<span>计局</span>). A short name is whole, a role in brackets whole with the
    mark after it; a long name breaks between its words (after 市, before 和), never inside a word of two
    characters (规 | 划局)."""
    from analysis.report.line_breaks import departments

    def pieces(text):
        return re.sub(r'<span class="nobr">([^<]*)</span>', r"[\1]", str(departments(text))).replace("<wbr>", "|")

    assert pieces("责任部门（方案未列明，按职能确定）：市科技局（牵头）、市统计局") == (
        "[责任部门]|（[方案未列明，]|[按职能确定）：]|[市科技局]|[（牵头）、]|[市统计局]")
    assert pieces("市发展改革委、市自然资源和规划局、市住房城乡建设局") == (
        "[市发展改革委、]市[自然资源]和[规划局、]市[住房]|[城乡]|[建设局]")
    # an English list breaks at its spaces as before; data text escaped
    assert str(departments("Municipal Science and Technology Bureau (lead); <b>")) == (
        "Municipal Science and Technology Bureau (lead); &lt;b&gt;")
    assert pieces("<b>市科技局") == "&lt;b&gt;[市科技局]"


def test_a_web_address_is_a_link_on_screen_and_text_on_paper():
    """Sources' addresses were plain text: an http or https address is a link on screen, built from the escaped text
    (href and words escaped, rel="noopener"); any other scheme stays text; the printed page has the address as text,
    as WeasyPrint broke an address inside a link where no break is allowed (reports/2 | 014-03/)."""
    from analysis.report.line_breaks import without_address_links

    html = str(keep_together('see http://a.cn/x"><script>y</script>?a=1&b=2 and javascript:alert(1), ftp://a.cn/f'))
    assert html == ('see <a class="address" href="http://a.cn/x" rel="noopener"><span class="nobr">http://a.</span>'
                    'cn/<wbr>x</a>&#34;&gt;&lt;script&gt;y&lt;/script&gt;?a=1&amp;b=2 and javascript:alert(1), '
                    'ftp://a.cn/f')
    assert without_address_links(html) == ('see <span class="nobr">http://a.</span>cn/<wbr>x&#34;&gt;&lt;script&gt;y'
                                           '&lt;/script&gt;?a=1&amp;b=2 and javascript:alert(1), ftp://a.cn/f')


def test_running_chinese_text_keeps_its_words_whole():
    """The method note's point 8 broke "改 | 称“预计未达标”" at a line's end, and the real report's change intro "不逐行
    列 | 出。": in running Chinese text each word is whole (改称, 列出), a status whole as before (未达阶段目标)."""
    from analysis.report.line_breaks import keep_running

    text = ("方向正确但进展不足的为黄色预警；未达阶段目标（其后另有目标）、已无加快的时间，改称“预计未达标”，"
            "不逐行列出。")
    html = str(keep_running(text))
    pieces = re.findall(r'<span class="nobr">([^<]*)</span>', html)
    assert "改称" in pieces and "列出。" in pieces and "未达阶段目标" in pieces and "预计未达标" in pieces
    assert unescape(re.sub(r"<[^>]+>", "", html)) == text
    english = "Interim target missed for 2 series in 2023, 0.7 pp short"
    assert str(keep_running(english)) == str(keep_together(english))


def _note_lines(note, width: float, language: str) -> tuple[list[str], list[str]]:
    """A change table's note (its HTML) beside a long name in a table ``width`` points wide on paper: the text of
    each line of the note, and any text past the table's right edge (a column as wide as a note that cannot break
    pushes the table past its width)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from analysis.settings import TEMPLATES_DIR

    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    page = (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><style>{css}</style></head><body>'
            '<main class="report"><div class="jp-RenderedHTMLCommon">'
            f'<table class="status-changes" style="width: {width}pt"><tbody><tr>'
            "<td>研发费用加计扣除减免占研发经费比重</td>"
            f'<td><span class="change-word">x</span><br><small>{note}</small></td></tr></tbody></table>'
            "</div></main></body></html>")
    document = HTML(string=page, media_type="print").render()
    cell = [box for box in document.pages[0]._page_box.descendants() if isinstance(box, boxes.TableCellBox)][-1]
    lines = ["".join(box.text for box in line.descendants() if isinstance(box, boxes.TextBox))
             for line in cell.descendants() if isinstance(line, boxes.LineBox)]
    table = next(box for box in document.pages[0]._page_box.descendants() if isinstance(box, boxes.TableBox))
    right = table.position_x + width * 4 / 3 + 0.5  # CSS px
    return lines, [box.text for box in cell.descendants()
                   if isinstance(box, boxes.TextBox) and box.position_x + box.width > right]


@pytest.mark.parametrize(("language", "notes", "whole"), [
    ("en", ("no new value", "now against the 2024 target (10%)", "2024 status from 2023 data",
            "warned in 2023 (amber)"), ("2024 status from 2023 data;", "warned in 2023 (amber)")),
    ("zh", ("无新数据", "改为对照 2024年目标（10%）", "2024年结论据 2023年数据", "2023年已列为黄色预警"),
     ("2024年结论据 2023年数据；", "2023年已列为黄色预警"))])
def test_a_changes_short_clauses_stay_whole_on_paper(language, notes, whole):
    """The final report's change table printed "…; warned in | 2023 (amber)" (21, R&D super-deduction): each short
    clause of a change's note stays on one line, its semicolon with it, at any width of the column (a longer clause,
    "now against the 2024 target (10%)", breaks between its words), and nothing runs past the column."""
    from analysis.report.line_breaks import keep_phrases

    separator = catalog(language)["grammar.list_separator"]
    html = keep_phrases(notes, separator)
    assert unescape(re.sub(r"<[^>]+>", "", str(html))) == separator.join(notes)  # the text itself unchanged
    # each clause's mark inside a piece kept whole with the word before it, a long clause's too: the PDF set
    # "…the 2024 target (10%)" and "; 2024 status…" on the next line
    mark = separator.strip()
    assert str(html).count(mark) == len(notes) - 1 and re.findall(f"{re.escape(mark)}(?!</span>)", str(html)) == []
    for width in range(160, 360, 20):
        lines, past = _note_lines(html, width, language)
        assert past == [], (width, past)
        for clause in whole:
            assert any(clause in line for line in lines), (width, lines)
        assert not any(line.startswith(separator.strip()) for line in lines)


@pytest.mark.parametrize(("notes", "whole"), [
    (("now against the 2024 target (120 institutions)", "warned in 2023 (amber)"), "(120 institutions);"),
    (("now against the 2024 target (16 billion yuan)",), "(16 billion yuan)")])
def test_a_changes_long_clause_keeps_its_amount_with_its_unit(notes, whole):
    """A long clause breaks between its words, but never inside the amount it ends with: the final report's change
    table broke "(120 | institutions);" (14) and "(16 billion | yuan)" (16), the last word alone kept with its mark."""
    from bs4 import BeautifulSoup

    from analysis.report.line_breaks import keep_phrases

    html = keep_phrases(notes, "; ")
    assert unescape(re.sub(r"<[^>]+>", "", str(html))) == "; ".join(notes)
    pieces = [span.get_text() for span in BeautifulSoup(str(html), "html.parser").select("span.nobr")]
    assert whole in pieces, pieces


def test_a_changes_amount_in_brackets_keeps_its_whole_unit_on_paper():
    """The final report's PDF broke "(230,000 yuan per | worker)" (row 6): an amount in brackets at a long clause's end
    stays on one line with all its unit's words where its column holds it; where the column is narrower, it breaks
    before "per" only, and nothing runs past the column."""
    from analysis.report.line_breaks import keep_phrases

    notes = ("no new value", "now against the 2024 target (230,000 yuan per worker)", "warned in 2023 (amber)")
    html = keep_phrases(notes, "; ")
    assert unescape(re.sub(r"<[^>]+>", "", str(html))) == "; ".join(notes)
    for width in range(120, 380, 20):
        lines, past = _note_lines(html, width, "en")
        assert past == [], (width, past)
        assert not any(line.rstrip("\u200b ").endswith(("(230,000", "yuan per")) for line in lines), (width, lines)
        if width >= 140:  # a note's column about 100 pt wide holds the amount whole
            assert any("(230,000 yuan per worker);" in line for line in lines), (width, lines)


def test_a_changes_clause_in_brackets_at_a_long_clauses_end_stays_whole_on_paper():
    """The mid-term's PDF broke "2022年早于该水平适用的年份（为与 | 2023年水平的对照）" (rows 17 and 18), a clause in
    brackets longer than a short aside: where its column holds it, it stays on one line, and nothing runs past the
    column where it does not."""
    from analysis.report.line_breaks import keep_phrases

    notes = ("无新数据", "2022年早于该水平适用的年份（为与 2023年水平的对照）")
    html = keep_phrases(notes, "；")
    assert unescape(re.sub(r"<[^>]+>", "", str(html))) == "；".join(notes)
    for width in range(120, 380, 20):
        lines, past = _note_lines(html, width, "zh")
        assert past == [], (width, past)
        if width >= 180:  # a note's column about 130 pt wide holds the clause whole
            assert "（为与 2023年水平的对照）" in lines, (width, lines)


def printed_table(table: str, rows: list[list[str]], width: str = "100%", language: str = "en"):
    """A ``table`` of the report's print style ``width`` wide with ``rows`` (each cell's HTML), as WeasyPrint lays it
    out on paper: the rendered document."""
    from weasyprint import HTML

    from analysis.settings import TEMPLATES_DIR

    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    columns_ = len(rows[0])
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    page = (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><style>{css}</style></head><body>'
            f'<main class="report"><div class="jp-RenderedHTMLCommon"><div style="width:{width}">'
            f'<table class="{table}"><thead><tr>{"<th>h</th>" * columns_}</tr></thead><tbody>{body}</tbody></table>'
            '</div></div></main></body></html>')
    return HTML(string=page, media_type="print").render()


def cell_lines(document) -> list[list[str]]:
    """The text of each line of each body cell of a rendered table (:func:`printed_table`), cell by cell."""
    from weasyprint.formatting_structure import boxes

    cells = [box for page in document.pages for box in page._page_box.descendants()
             if isinstance(box, boxes.TableCellBox) and box.element_tag == "td"]
    return [["".join(box.text for box in line.descendants() if isinstance(box, boxes.TextBox))
             for line in cell.descendants() if isinstance(line, boxes.LineBox)] for cell in cells]


def cells_past_their_column(table: str, rows: list[list[str]], width: str = "100%", language: str = "en") -> list[str]:
    """The text of each cell of ``rows`` (HTML) that runs past its column's right edge (its content box: a value's
    column ends where its values end) in a ``table`` of the report's print style ``width`` wide."""
    from weasyprint.formatting_structure import boxes

    past = []
    for page_ in printed_table(table, rows, width, language).pages:
        for cell in page_._page_box.descendants():
            if isinstance(cell, boxes.TableCellBox):
                right = cell.content_box_x() + cell.width + 0.2
                past += [box.text for box in cell.descendants()
                         if isinstance(box, boxes.TextBox) and box.position_x + box.width > right]
    return past


@pytest.mark.parametrize("width", ["100%", "85%", "70%"])
def test_a_short_value_stays_inside_its_column_on_paper(width):
    """The 2023 English editions printed "≥90% every year" (a level held every year, kept as one piece) 2 px past
    the right edge of its column in the self-evaluation's scorecard, and "0.09 pp" 6 px past the warning list's gap
    column of 6 %. A level to hold breaks at the space after its value where its column is too narrow for it whole
    ("≥90% | every year"); the gap's column holds "0.09 pp" whole."""
    needed = f"2024 target:<br>{keep_together('≥90% every year')}"
    scorecard = [["17", "Share of good-air-quality days", "%", "90.4", "91.2<small>(2023)</small>",
                  "≥90<small>(2023)</small>", "—", needed, "Met every year so far"]]
    assert cells_past_their_column("scorecard", scorecard, width) == []
    assert cells_past_their_column("scorecard with-official", [scorecard[0] + ["Completed"]], width) == []
    warnings = [["2", "R&amp;D intensity*", "Red", "Interim target missed", "2.61%<small>(2023)</small>",
                 "2.7%<small>(2023)</small>", keep_together("0.09 pp"),
                 f"2024 target:<br>{keep_together('+0.19 pp (+7.3% relative)')}", keep_together("+0.08 pp")]]
    assert cells_past_their_column("warning-list", warnings) == []
    assert str(keep_together("≥90% every year")) == (
        '<span class="nobr">≥90%</span> <span class="nobr">every year</span>')


def test_a_number_keeps_the_first_word_of_its_unit_in_running_english():
    """Running English parted a number from its unit at a line's end ("…, 1 | base short", "20 | enterprises
    short"): the number and the unit's first word are one piece in the HTML, the text's plain space kept; a year, a
    percentage and a word that is no unit ("24 in 2023", "7 of the 26") still part from the number as words do."""
    from analysis.report.line_breaks import keep_running

    assert str(keep_together("to reach 7 in 2024, 1 base\u00a0short")) == (
        'to reach 7 in 2024, <span class="nobr">1 base</span>\u00a0short')
    assert str(keep_running("1,450 in 2023, 20 enterprises\u00a0short of the target")) == (
        '1,450 in 2023, <span class="nobr">20 enterprises</span>\u00a0short of the target')
    assert str(keep_running("2023 (24 series), 2022 (1 series)")) == (
        '2023 (<span class="nobr">24 series),</span> 2022 (<span class="nobr">1 series)</span>')
    assert str(keep_running("24 in 2023, 7 of the 26 and 96.7% of it in 2023 alone")) == (
        '24 in 2023, 7 of the 26 and <span class="nobr">96.7%</span> of it in 2023 alone')
    assert unescape(re.sub("<[^>]+>", "", str(keep_running("20 enterprises short")))) == "20 enterprises short"


def _pieces(html, kind: str = "nobr") -> list[str]:
    """The text of each span of class ``kind`` in ``html``: a piece that never breaks, or a short aside's block."""
    from bs4 import BeautifulSoup

    return [span.get_text() for span in BeautifulSoup(str(html), "html.parser").select(f"span.{kind}")]


def test_a_year_with_its_value_a_short_aside_and_a_bracketed_letter_are_each_one_piece():
    """The Chinese mid-term's warning list printed "2022年 / 2.9%" and "（相对 / +7.3%）" over two lines, and the
    self-evaluation "(a" alone at a line's end: a year with the value after it and an opening bracket with a
    one-letter word and the word after it are each kept whole, as a number keeps its unit; a short clause in
    full-width brackets is a block of its own pieces (whole where its column holds it: report.css ``.aside``); a
    longer aside, or one holding a clause's comma, breaks as its words do."""
    from analysis.report.line_breaks import keep_running

    assert "2022年 2.9%，" in _pieces(keep_words("进展判断，非最终判定；2022年 2.9%，仍低于 2020年基础值"))
    html = keep_together("+0.19个百分点（相对 +7.3%）")
    assert _pieces(html, "aside") == ["（相对 +7.3%）"] and _pieces(html) == ["+0.19个百分点", "（相对", "+7.3%）"]
    assert _pieces(keep_words("≥5%（2023年未达到）；"), "aside") == ["（2023年未达到）；"]
    assert "(a progress" in _pieces(keep_together("(a progress verdict, not final; latest value 2023)"))
    # a long aside, one with a comma, a letter after a word's bracket (f(x), R(a)): none kept whole
    assert _pieces(keep_together("责任部门（方案未列明，按职能确定）"), "aside") == []
    assert not any(piece.startswith("(") for piece in _pieces(keep_together("f(x y) and R(a b)")))
    # running text breaks a long aside between its words: a justified line spaced out round a piece kept whole
    assert _pieces(keep_running("提高 0.7个百分点（相对 25.0%），高于 2020年以来实际年均增长"), "aside") == []
    for text in ("+0.19个百分点（相对 +7.3%）", "2022年 2.9%，仍低于", "(a <b>)"):  # the text itself, escaped
        assert unescape(re.sub(r"<[^>]+>", "", str(keep_together(text)))) == text


@pytest.mark.parametrize("width", ["100%", "85%"])
def test_a_warning_lists_short_asides_stay_whole_on_paper(width):
    """On paper, the warning list as wide as the page or a little narrower, "（相对 +7.3%）" and "2022年 2.9%，" are
    each on one line of their cell (the mid-term's PDF broke them after 相对 and after the year)."""
    # as the list prints 4 provincial's row and 2's (warnings.html.j2): the status's note under its badge
    note = keep_words("进展判断，非最终判定；2022年 2.9%，仍低于 2020年基础值 3.1%；2021年以来回升")
    status = f'<span class="status">偏离目标</span><br><small>{note}</small>'
    row = ["4", "省级农业科技园区营收占比", "红色预警", status,
           keep_together("2.61%"), keep_together("2.7%"), keep_together("0.4个百分点"),
           f"{keep_together('+0.19个百分点（相对 +7.3%）')}", keep_together("+0.08个百分点")]
    lines = [line for cell in cell_lines(printed_table("warning-list", [row], width, "zh")) for line in cell]
    for whole in ("（相对 +7.3%）", "2022年 2.9%，"):
        assert any(whole in line for line in lines), (width, lines)


def broken_asides(pairs) -> list:
    """A short clause in full-width brackets broken over two lines (（相对 / +7.3%）), or a year at a line's end with
    its value at the start of the next (2022年 / 2.9%)."""
    found = []
    for page, a, b in pairs:
        opened = re.search(r"（([^（）]*)$", a)
        closed = re.match(r"([^（）]*)）", b)
        if opened and closed and opened.group(1) and len(opened.group(1) + closed.group(1)) <= 10 \
                and not re.search("[，；。、]", opened.group(1) + closed.group(1)):
            found.append((page, a[-12:], b[:12]))
        if re.search(r"\d{4}年$", a) and re.match(r"[+\-−]?\d", b):
            found.append((page, a[-12:], b[:12]))
    return found


def section_pages(pdf, first: str, after: str) -> set[int]:
    """The pages (from 1) of a report's section from its heading ``first`` to the page of the next heading,
    ``after``."""
    from tests.publish.test_report_layout import pdf_chars

    texts = ["".join(char.get_text() for char in page) for page in pdf_chars(pdf)]
    start = next(number for number, text in enumerate(texts, 1) if first in text)
    end = next(number for number, text in enumerate(texts, 1) if number > start and after in text)
    return set(range(start, end + 1))


def test_the_mid_terms_warning_list_keeps_its_short_asides_and_years_with_their_values(example_reports):
    """The Chinese mid-term's warning list printed "（相对 / +7.3%）" and "2022年 / 2.9%": on its printed pages (section
    3, its list and its changes) neither breaks."""
    pdf = example_reports["mid-term-zh"] / "report.pdf"
    sections = catalog("zh")["sections"]
    pages = section_pages(pdf, sections["warnings"], sections["charts"])
    assert [found for found in broken_asides(line_pairs(pdf)) if found[0] in pages] == []


@pytest.mark.parametrize("case", ["final-zh", "final-en"])
def test_no_bracket_and_one_letter_word_end_a_line_of_the_self_evaluation(example_reports, case):
    """The final self-evaluations printed "(a" alone at a line's end in 4 provincial's assessment ("(a" / "progress
    verdict, not final; …"): an opening bracket and a one-letter word go with the word after them."""
    pairs = line_pairs(example_reports[case] / "self-evaluation.pdf")
    assert [(page, a[-12:], b[:12]) for page, a, b in pairs if re.search(r"[(（][A-Za-z]$", a)] == []


def test_the_mid_terms_scorecard_keeps_its_needs_short_asides_whole(example_reports):
    """The Chinese mid-term's scorecard printed "须不低于 5%（2023年 / 未达到）" (row 18), its need's column narrower
    than the aside: on its printed pages (section 2) no short aside breaks, nor a year leaves its value; and its
    change table's longer clause in brackets stays whole (never "（为与 / 2023年水平的对照）", rows 17 and 18)."""
    pdf = example_reports["mid-term-zh"] / "report.pdf"
    sections = catalog("zh")["sections"]
    pages = section_pages(pdf, sections["scorecard"], sections["warnings"])
    pairs = line_pairs(pdf)
    assert [found for found in broken_asides(pairs) if found[0] in pages] == []
    changes = section_pages(pdf, sections["warnings"], sections["charts"])
    opened, closed = re.compile(r"（[^（）]{1,14}$"), re.compile(r"[^（）]{1,14}）")
    assert [(page, a[-12:], b[:12]) for page, a, b in pairs
            if page in changes and opened.search(a) and closed.match(b)] == []


def test_a_latin_mark_after_an_amount_kept_whole_stays_with_it():
    """The English change table's note "now against the 2024 target (1,600 enterprises), still missed" broke after the
    amount's span, the comma opening the next line: the closing bracket and the comma after an amount go into its
    span, as a Chinese closing mark does (2.9%）；)."""
    assert str(keep_together("target (1,600 enterprises), still")) == (
        'target (<span class="nobr">1,600 enterprises),</span> still')
    assert str(keep_together("reached 2.7%; then")) == 'reached <span class="nobr">2.7%;</span> then'


"""Numbers in words: English plurals and one percent style, in the report's sentences and in the catalogs.

A plan types its units in the plural ("persons", "institutions"), which is wrong after 1; English sentences
name the unit once after the series' name and write the values alone ("High-level talent (persons): 299 in
2023 ..."); a shortfall, a number a reader cannot place otherwise, carries its unit, in the singular after 1
("1 person short"). The project's own nouns take their catalog's form for one ("up 1 place a year"). A
percentage is written one way in every language: the sign right after the number (2.7%), never "2.7 %".
The rows are typed by hand (tests/report/test_words.py) and every expected text worked out from them.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.catalog import catalog as catalog_of
from analysis.catalog import catalogs
from analysis.report import words
from analysis.report.html import scorecard_html, warnings_html
from tests.report.test_words import BEFORE_THE_DATA, INDICATORS, MID_TERM_DATA, assessed, context, texts

#: High-level talent (25): 299 against 300 in 2023, 1 short; the 2024 target 300 needs 1 a year,
#: 300 / 299 − 1 = 0.00334 (0.3%); completion rate 299 / 300 = 0.99667 (99.7%).
ONE_SHORT = assessed(25, 2023, "compound", 242, 2023, 299, 2023, 300, "stage_missed", n=4, gap=1, verdict="final",
                     rate=299 / 300, shortfall=1.0, next_year=2024, next_target=300, next_cagr=300 / 299 - 1,
                     next_per_year=1)
#: S&T service institutions (14), in the 2023 review: 99 in 2023 against 100 in 2024, 1 a year; (100 / 99) − 1 = 0.0101
#: (1.0%).
ONE_A_YEAR = assessed(14, 2023, "compound", 80, 2023, 99, 2024, 100, "moderate", gap=1, required_cagr=100 / 99 - 1,
                      required_per_year=1.0)


def test_english_names_a_plural_unit_once_and_never_after_one():
    english = texts(words.summary_paragraphs(context("en", [ONE_SHORT], 2023)))
    # the shortfall names the unit: the name takes no label of it (never "High-level talent (persons): … 1 person
    # short", the unit twice)
    # the row gives no growth seen, so its pace to the 2024 target is not known to be on track: a red warning
    assert english[-1][1] == [
        "High-level talent: 299 in 2023, short of the 2023 interim target of 300 (99.7% of it, "
        "1 person\u00a0short); to reach 300 in 2024 it must grow by 0.3% (1 more) over 2023; a red warning"]
    assert texts(words.summary_paragraphs(context("en", [ONE_A_YEAR], 2023)))[-2][1] == [
        "S&T service institutions must grow by 1.0% (1 more) in one year, from 99 in 2023 to the 2024 target of 100: "
        "rated “moderate progress (needs to accelerate)”"]
    # Chinese numbers carry their unit, with no label after the name
    assert texts(words.summary_paragraphs(context("zh", [ONE_SHORT], 2023)))[-1][1] == [
        "高层次人才数：2023年为299人，未达到2023年阶段目标300人（完成率99.7%，差1人）；"
        "要在2024年达到300人，需比2023年增长0.3%（1人）；列为红色预警"]


def test_an_english_count_grows_by_its_rate_and_names_the_amount_as_more_or_fewer():
    # a count's amount stands alone in English (its unit labels the name): "grow by 1 (16.7%)" reads as if 1 were
    # the 16.7%; the rate comes first and the amount says what it is. 6 → 7: 7 / 6 − 1 = 0.1667 (16.7%), 1 more;
    # 26 → 24 over two years: (24 / 26)^(1/2) − 1 = −0.0392 (3.9%), −1 a year, 1 fewer; a pace of 1.25 a year
    # below 10 keeps one decimal (about 1.3); a series from 0 has no rate, the amount alone
    en, zh = catalog_of("en"), catalog_of("zh")
    count = next(context("en", [ONE_A_YEAR], 2023).joined().itertuples())
    assert count.kind == "count"
    assert words._pace_in_sentence(count, en, 7 / 6 - 1, 1.0) == "grow by 16.7% (1 more)"
    assert words._pace_in_sentence(count, en, (24 / 26) ** 0.5 - 1, -1.0) == "fall by 3.9% (1 fewer)"
    assert words._pace_in_sentence(count, en, 0.05, 1.25) == "grow by 5.0% (about 1.3 more)"
    assert words._pace_in_sentence(count._replace(method="linear"), en, 0.05, 12.0) == "grow by 5.0% (12 more)"
    assert words._pace_in_sentence(count, en, float("nan"), 3.0) == "grow by 3"
    # every series in its method's order, as in Chinese: a share's points first (its method linear), a rate per
    # head's rate first and its amount after it as a count's is (never "grow by 0.7 (4.0%)", nor "(0.7 patents per
    # 10,000 people)" beside a count's "grow by 16.7% (1 more)"): 4.0% and 0.7 more
    share = count._replace(kind="share", unit_en="%", unit_zh="%", method="linear")
    assert words._pace_in_sentence(share, en, 0.073, 0.19) == "grow by 0.19 pp"
    per_head = count._replace(kind="intensity", unit_en="patents per 10,000 people", unit_zh="件/万人")
    assert words._pace_in_sentence(per_head, en, 0.04, 0.7) == "grow by 4.0% (0.7 more)"
    assert words._pace_in_sentence(per_head, zh, 0.04, 0.7) == "增长4.0%（0.7件/万人）"
    # a unit a sentence writes out labels no name: its amount says it, 23 × 10,000 yuan per worker
    per_worker = count._replace(kind="intensity", unit_en="10,000 yuan per worker", unit_zh="万元/人")
    assert words._pace_in_sentence(per_worker, en, 0.05, 23.0) == "grow by 5.0% (230,000 yuan per worker)"
    # an amount in a scaled unit written out: 10 × 100 million yuan a year is 1 billion yuan
    amount_row = count._replace(kind="amount", unit_en="100 million yuan", unit_zh="亿元")
    assert words._pace_in_sentence(amount_row, en, 0.064, 10.0) == "grow by 6.4% (1 billion yuan)"
    # Chinese numbers carry their unit, in the method's order as before
    assert words._pace_in_sentence(count, zh, 7 / 6 - 1, 1.0) == "增长16.7%（1个）"
    assert words._pace_in_sentence(count._replace(method="linear"), zh, 7 / 6 - 1, 1.0) == "增长1个（16.7%）"


def test_the_projects_own_nouns_take_their_form_for_one():
    en, zh = catalog_of("en"), catalog_of("zh")
    rank = next(context("en").joined().itertuples())._replace(kind="rank")
    # a rank moves in places (a lower number is up); shown to one decimal, 0.96 is 1.0: one place
    assert words.change_per_year(-1.0, rank, en) == "up 1 place a year"
    assert words.change_per_year(-0.96, rank, en) == "up 1 place a year"
    assert words.change_per_year(1.0, rank, en) == "down 1 place a year"
    assert words.change_per_year(-2.0, rank, en) == "up 2 places a year"
    assert words.change_per_year(0.5, rank, en) == "down 0.5 places a year"
    assert words.change_per_year(-1.0, rank, zh) == "每年前进1位"
    # a plan with a single indicator
    single = context("en", [BEFORE_THE_DATA[0]])
    assert words.intro(single).startswith("Based on the 1 indicator of the plan “Testville's plan (2022–2024)”.")
    assert texts(words.summary_paragraphs(single))[0].startswith(
        "The plan lists 1 indicator, quantitative (1 series).")
    assert texts(words.summary_paragraphs(context("en")))[0].startswith("The plan lists 6 indicators:")


PERCENT_WITH_SPACE = re.compile(r"[\d}][ \u00a0\u2009\u202f]+%")
#: "1 persons", "1 places": a plural after one (a verb after a count, "1 has", is no noun).
PLURAL_AFTER_ONE = re.compile(r"(?<![\d.,])[+−-]?1 (?!series\b|has\b|is\b|was\b)[a-z]+s\b")
UNITS_EN = sorted({unit for unit in INDICATORS["unit_en"] if unit and unit != "%"})


def _rendered(language: str) -> list[str]:
    """What the report writes of the hand-typed rows: the overview, the scorecard and warning list (HTML), each
    row's needed and seen pace and status note."""
    out = []
    for rows, year in ((BEFORE_THE_DATA, 2024), (MID_TERM_DATA, 2023), ([ONE_SHORT], 2023), ([ONE_A_YEAR], 2023)):
        report = context(language, rows, year)
        for paragraph in words.summary_paragraphs(report):
            out += [paragraph.text, *paragraph.items]
        out += [scorecard_html(report), warnings_html(report)]
        for row in report.joined().itertuples():
            if row.status == "qualitative":
                continue
            out += [words.pace_text(row, report.words), words.seen_text(row, report.words),
                    words.status_note(row, report.words)]
    return out


@pytest.mark.parametrize("language", ["zh", "en"])
def test_rendered_text_has_one_percent_style(language):
    rendered = _rendered(language)
    assert any("%" in text for text in rendered)
    assert [text for text in rendered if PERCENT_WITH_SPACE.search(text)] == []


def test_rendered_english_puts_no_plural_unit_after_a_number():
    """The values of a series its name labels with its unit are written alone; a shortfall carries its unit ("2
    people short"), never in the plural after 1 ("1 person short")."""
    rendered = _rendered("en")
    after_number = re.compile(rf"\d (?:{'|'.join(re.escape(unit) for unit in UNITS_EN)})\b(?!\u00a0short| above)")
    assert [text for text in rendered if after_number.search(text)] == []
    assert [text for text in rendered if PLURAL_AFTER_ONE.search(text)] == []


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [text for value in node.values() for text in _strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _strings(value)]
    return [node] if isinstance(node, str) else []


@pytest.mark.parametrize("words_of", catalogs(), ids=lambda words_of: words_of.language)
def test_the_catalogs_write_a_percentage_one_way(words_of):
    """No template puts a space before a percent sign: "{value}%", "2.7%", "−100…100%"."""
    assert [text for text in _strings(words_of.entries) if PERCENT_WITH_SPACE.search(text)] == []


def test_a_change_that_rounds_to_none_is_written_without_a_sign():
    from analysis.report.numbers import fmt_pct, fmt_signed

    # −0.004 % rounds to 0.0 %: never "−0.0%" beside "+0.0%" and "±0"
    assert [fmt_pct(-0.00004), fmt_pct(0.0), fmt_pct(0.00004)] == ["0.0%", "0.0%", "0.0%"]
    assert [fmt_signed(0.0), fmt_signed(-0.0001), fmt_signed(0.0001)] == ["0", "0", "0"]
    assert [fmt_pct(0.053), fmt_pct(-0.2), fmt_signed(0.133), fmt_signed(-5)] == ["+5.3%", "−20.0%", "+0.133", "−5"]


def test_a_negative_number_has_the_minus_sign_not_a_hyphen():
    from analysis.report.numbers import fmt_number

    # a value below zero (a decline rate of −2.8 %) reads with U+2212, as signed changes and percentages do
    # (a half rounds away from zero, 四舍五入 of its size: −1,234.5 → −1,235)
    assert [fmt_number(-2.8), fmt_number(-1234.5), fmt_number(-0.0004), fmt_number(2.8)] == [
        "−2.8", "−1,235", "0", "2.8"]


def test_a_half_rounds_up_as_a_reader_checks_it_by_hand():
    """四舍五入, never Python's half to even: R&D personnel 24,300 against 24,000 is 101.25 %, shown 101.3 % (it read
    101.2 % beside 83 ÷ 80 = 103.75 % shown 103.8 %); the workbook stores what is shown (1.013); 2.675 shows 2.68
    (its binary value is below the half, its written one is not); 0.125 → 0.125 (three decimals below 1)."""
    from analysis.report.numbers import fmt_number, fmt_pct, round_pct, round_shown

    assert fmt_pct(24300 / 24000).lstrip("+") == "101.3%" and fmt_pct(83 / 80).lstrip("+") == "103.8%"
    assert round_pct(24300 / 24000) == 1.013
    assert [fmt_number(2.675), fmt_number(2.665), fmt_number(0.125), fmt_number(2.5)] == ["2.68", "2.67", "0.125",
                                                                                         "2.5"]
    assert round_shown(715.335) == 715.34 and fmt_number(1500.5) == "1,501"


def test_a_half_computed_in_floats_is_still_a_half():
    """Indicator 26's change a year, (37.9 − 34) / 4 = 0.975 by hand, is 0.97499999999999964 in floats: shown 0.98 as
    a reader checks it, not 0.97; 103 / 80 = 1.2875 likewise 128.8 %, and (2.7 − 2.36) / 4 = 0.085 → 0.09."""
    from types import SimpleNamespace

    from analysis.catalog import catalog
    from analysis.report.numbers import fmt_number, fmt_pct
    from analysis.report.words import change_per_year, rate_text, shown_change

    percent = SimpleNamespace(kind="intensity", unit="%", unit_en="%", unit_zh="%")
    assert (37.9 - 34) / 4 < 0.975  # the float arithmetic's
    assert fmt_number(round(37.9 - 34, 10) * 0.25) == "0.975"  # three decimals below 1, as a share's is not
    assert shown_change((37.9 - 34) / 4, percent) == 0.98
    assert change_per_year((37.9 - 34) / 4, percent, catalog("en")) == "+0.98 pp"
    assert fmt_pct(103 / 80).lstrip("+") == "128.8%" and fmt_number(0.16250000000000003 * 10) == "1.63"
    assert shown_change((2.7 - 2.36) / 4, percent) == 0.09 and shown_change(-(37.9 - 34) / 4, percent) == -0.98
    # a completion rate under a status, as the card's beside it: R&D personnel's 2023 interim target 24,300 ÷ 24,000
    assert rate_text(24300 / 24000) == "101.3%" and rate_text(29 / 30) == "96.7%"


def test_a_shortfall_carries_its_unit_in_the_singular_after_one():
    """A number where the sentence does not place it by the series' name (a shortfall, a change's target) carries its
    unit: a plan's plural unit in the singular after 1, a unit that opens with a number as a multiple of it."""
    english = catalog_of("en")
    assert english.quantity_alone("20", "enterprises") == "20 enterprises"
    assert english.quantity_alone("1", "enterprises") == "1 enterprise"
    assert english.quantity_alone("1", "bases") == "1 base"
    assert english.quantity_alone("1", "companies") == "1 company"
    assert english.quantity_alone("1", "patents per 10,000 people") == "1 patent per 10,000 people"
    assert english.quantity_alone("1", "class") == "1 class"  # a word ending in ss is no plural
    assert english.quantity_alone("2", "100 million yuan") == "200 million yuan"
    assert catalog_of("zh").quantity_alone("2", "亿元") == "2亿元"


def test_a_shortfall_per_10000_people_names_what_it_counts():
    """Weihai's invention patents (件/万人) and new enterprises (家/万人) per 10,000 people: a shortfall of 0.7 is
    "0.7 patents per 10,000 people short", never "0.7 per 10,000 people", which counts nothing; the unit the plan
    folder gives in English names the noun the Chinese unit's 件 and 家 count."""
    from types import SimpleNamespace

    from analysis.settings import PROJECT_ROOT

    indicators = pd.read_csv(PROJECT_ROOT / "data" / "processed" / "weihai" / "indicators.csv")
    units = dict(zip(indicators["indicator_id"], indicators["unit_en"]))
    assert (units[12], units[13]) == ("patents per 10,000 people", "enterprises per 10,000 people")
    patents = SimpleNamespace(kind="intensity", unit_zh="件/万人", unit_en=units[12])
    assert words.shortfall_text(patents, "0.7", catalog_of("en")) == "0.7 patents per 10,000 people"
    assert words.shortfall_text(patents, "0.7", catalog_of("zh")) == "0.7件/万人"


def test_a_unit_typed_as_people_reads_person_after_one():
    # Weihai's counts of people (indicators 1 and 25) are typed "people", the word the sentences use ("2 people
    # short"): after 1 it is "1 person", never "1 people"; in Chinese 人 either way
    english = catalog_of("en")
    assert english.quantity_alone("1", "people") == "1 person"
    assert english.quantity_alone("2", "people") == "2 people"
    assert catalog_of("zh").quantity_alone("1", "人") == "1人"


def test_weihais_counts_of_people_are_typed_people():
    # one word for people in the tables (unit column) and the sentences ("2 people short")
    from analysis.settings import RAW_DIR
    units = pd.read_csv(RAW_DIR / "weihai" / "indicator_metadata.csv", dtype=str).set_index("indicator_id")["unit_en"]
    assert units["1"] == units["25"] == "people"
    assert "persons" not in set(units)

"""The word catalogs: every language says the same things, with the same fields."""
from __future__ import annotations

import re
import string

import pytest

from analysis.catalog import catalog, catalogs, keys, mistakes_told_in, plan_error
from analysis.errors import InputError
from analysis.settings import LANGUAGES
from analysis.vocabulary import QUALITY_ISSUES, STATUSES


def fields(template) -> set[str]:
    if not isinstance(template, str):
        return set()
    return {name.split("!")[0].split(":")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_chinese_first_then_english():
    assert LANGUAGES == ("zh", "en")


def test_every_catalog_has_the_same_keys():
    reference = keys(catalog("zh").entries)
    for words in catalogs():
        assert keys(words.entries) == reference, words.language


def test_a_translation_uses_the_fields_of_the_other_language():
    """A translation may leave a field out (the Chinese details omit the English notes) but not invent one."""
    zh, en = catalog("zh"), catalog("en")
    invented = [key for key in keys(zh.entries) if fields(zh[key]) - fields(en[key])
                and key not in ("quality_detail.split_combined_cell", "quality_detail.split_two_rows",
                                # a column named with its label in Chinese: 数据来源（source）; how many times a
                                # column is given, said in Chinese (出现了两次), English keeping "more than once"
                                "entry_errors.column", "entry_errors.repeated_columns")]
    assert invented == []


def test_every_status_and_quality_issue_has_words():
    for words in catalogs():
        for status in STATUSES:
            assert words.status(status) and words[f"status_in_sentence.{status}"]
        for issue in QUALITY_ISSUES:
            assert words[f"quality_issue.{issue}"]


def test_a_template_fills_its_fields_and_keeps_data_as_is():
    words = catalog("en")
    assert words.text("summary.core_item", name="{as_of} <b>", status="on track", year=2023) == (
        "{as_of} <b>: on track (2023)")


def test_one_has_its_own_form_where_the_language_needs_it():
    en, zh = catalog("en"), catalog("zh")
    assert en.count_text("summary.currency_earlier", 1, year=2022, ids="21") == (
        "1 has 2022 as its latest year (indicator 21)")
    assert en.count_text("summary.currency_earlier", 2, year=2022, ids="4, 21") == (
        "2 have 2022 as their latest year (indicators 4, 21)")
    assert zh.count_text("summary.currency_earlier", 1, year=2022, ids="21") == "1个最新为2022年（指标21）"


def test_a_status_word_has_no_comma_of_its_own():
    """A status is counted in lists ("achieved 12; provisionally met 1"): a comma of its own would read as the list's
    ("Met, to be confirmed 1", "Achieved, at risk 2"), in no language."""
    for words in catalogs():
        for group in ("status", "status_in_sentence"):
            for status in STATUSES:
                assert not re.search(r"[,，、]", words[f"{group}.{status}"]), (words.language, group, status)


def test_two_read_as_both_where_the_language_says_so():
    """"All 2 series" is no English: two are "both"; Chinese counts them as any other number; one is "the"."""
    en = catalog("en")
    assert en.count_text("summary.currency_one", 1, year=2015) == "The quantitative series has 2015 as its latest year."
    assert en.count_text("summary.currency_one", 2, year=2015) == (
        "Both quantitative series have 2015 as their latest year.")
    # a key without a form for two keeps its own: "2 have 2022 as their latest year"
    assert en.count_text("summary.currency_earlier", 2, year=2022, ids="4, 21").startswith("2 have")


def test_a_value_a_sentence_does_not_name_the_series_of_has_its_unit_in_every_language():
    en, zh = catalog("en"), catalog("zh")
    assert en.quantity_alone("6.3", "patents per 10,000 people") == "6.3 patents per 10,000 people"
    # a unit that is a multiple of its own is written out: never "8,000 100 million yuan" nor "8,000 × 100 million yuan"
    assert en.quantity_alone("8,000", "100 million yuan") == "800 billion yuan"  # 8,000 × 10^8 = 8 × 10^11
    assert en.quantity_alone("158", "100 million yuan") == "15.8 billion yuan"
    assert en.quantity_alone("0.35", "100 million yuan") == "35 million yuan"
    assert en.quantity_alone("2.5", "10,000 people") == "25,000 people"  # below a million: the number in full
    # a word after the unit's number that names no large number is what the unit counts: 23 × 10,000 yuan per worker
    # is 230,000 yuan per worker (never "23 × 10,000 yuan per worker"), 23.5 of them 235,000
    assert en.quantity_alone("23", "10,000 yuan per worker") == "230,000 yuan per worker"
    assert en.quantity_alone("23.5", "10,000 yuan per worker") == "235,000 yuan per worker"
    # a floor's sign kept before the amount written out: ≥60 × 100 million yuan is ≥6 billion yuan
    assert en.quantity_alone("≥60", "100 million yuan") == "≥6 billion yuan"
    # a number that is no plain number (a range) keeps the multiple
    assert en.quantity_alone("2–3", "100 million yuan") == "2–3 × 100 million yuan"
    assert en.quantity_alone("55.3", "%", percent=True) == "55.3%"
    # a plan's "persons" reads as English says a count of them: 2 people, 1 person, 25,000 people
    assert en.quantity_alone("2", "persons") == "2 people"
    assert en.quantity_alone("1", "persons") == "1 person"
    assert en.quantity_alone("2.5", "10,000 persons") == "25,000 people"
    assert zh.quantity_alone("2", "人") == "2人"
    assert zh.quantity_alone("6.3", "件/万人") == "6.3件/万人"
    assert zh.quantity_alone("8,000", "亿元") == "8,000亿元"


def test_neither_a_number_nor_a_place_s_words_after_a_chinese_word_has_a_space():
    zh = catalog("zh")
    assert zh.value_text("card.secondary_value", "55.3%", year="2015") == "2015年的55.3%"
    assert zh.value_text("card.secondary_value", "第18位", year="2015") == "2015年的第18位"
    assert catalog("en").value_text("card.secondary_value", "No. 18", year="2015") == "No. 18 (2015)"


def test_a_date_reads_as_the_language_writes_a_day_a_month_or_a_year():
    en, zh = catalog("en"), catalog("zh")
    assert (zh.date("2016-08-16"), en.date("2016-08-16")) == ("2016年8月16日", "16 August 2016")
    assert (zh.date("2016-08"), en.date("2016-08")) == ("2016年8月", "August 2016")
    assert (zh.date("2015"), en.date("2015")) == ("2015年", "2015")
    # anything else as given
    assert (zh.date("2015年前后"), zh.date("2016-13"), zh.date("")) == ("2015年前后", "2016-13", "")


def test_an_unknown_key_or_language_is_named():
    with pytest.raises(KeyError, match="en.yml has no entry 'summary.nothing'"):
        catalog("en")["summary.nothing"]
    with pytest.raises(InputError, match="unknown language 'fr'"):
        catalog("fr")


def test_a_plan_that_calls_itself_otherwise_gets_its_word():
    from analysis.catalog import catalog, plan_catalog

    national = plan_catalog("zh", "规划")
    # 方案 (an implementation plan) becomes 规划 (a five-year plan) in every sentence, nothing else changes
    assert national["summary.scope"].startswith("规划共列{n_indicators}项指标")
    assert "方案" not in str(national.entries)
    assert national["status.achieved"] == catalog("zh")["status.achieved"]
    # the catalog's own word, or none: the catalog itself
    assert plan_catalog("zh", "方案") is catalog("zh") and plan_catalog("zh") is catalog("zh")
    # English swaps whole words only
    english = plan_catalog("en", "programme")
    assert english["summary.scope"].startswith("The programme lists {n_indicators} indicators")
    assert english["language.breaks_at_spaces"] is True


def test_no_catalog_gives_a_key_twice():
    # YAML keeps the last of a key given twice without a word: one sentence would silently replace another
    from analysis.plan import read_yaml
    from analysis.settings import CATALOGS_DIR

    for path in sorted(CATALOGS_DIR.glob("*.yml")):
        assert isinstance(read_yaml(path, 10 * 1024 * 1024), dict), path


#: A space beside a full-width bracket with Chinese on its other side ("） 不在", "的 （"); one beside a Latin word is
#: the house style ("national 序列"), none beside a number (:data:`NUMBER_SPACE`).
BRACKET_SPACE = re.compile(r"） +[\u4e00-\u9fff]|[\u4e00-\u9fff] +（")


def texts(node, key: str = ""):
    """Every text of a catalog, with its key."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from texts(value, f"{key}.{name}" if key else str(name))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{key}[{index}]")
    elif isinstance(node, str):
        yield key, node


class _Any:
    """A field's value of any format (``{value:g}``, ``{size:,}``): a number's digit."""

    def __format__(self, spec: str) -> str:
        return "1"


def test_no_chinese_text_puts_a_space_beside_a_full_width_bracket():
    """Neither a text of zh.yml as written nor as filled in: a field may end with ）(an indicator with its series:
    99（national 序列）) or start with （ (a group: （一）), and the template's space beside it is left out."""
    zh = catalog("zh")
    assert [key for key, text in texts(zh.entries) if BRACKET_SPACE.search(text)] == []
    spaced = set()
    for key, text in texts(zh.entries):
        names = fields(text)
        for name in names:
            for value in ("99（national 序列）", "（一）"):
                try:
                    said = zh.text(key, **{other: value if other == name else _Any() for other in names})
                except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                    continue  # a field of a number's format (:g): never a bracket
                if BRACKET_SPACE.search(said):
                    spaced.add(key)
    assert sorted(spaced) == []


def test_an_indicators_series_is_told_without_a_space_after_its_bracket():
    from analysis.ingest.printed_table import series_of

    with mistakes_told_in("zh"):
        assert plan_error("table.not_in_indicators", indicator=series_of(99, "national"), file="indicators.csv") == (
            "指标99（national 序列）不在 indicators.csv 中")
        assert plan_error("table.not_in_indicators", indicator=series_of(99, ""), file="indicators.csv") == (
            "指标99不在 indicators.csv 中")  # none beside a number, one beside a Latin word
    assert catalog("en").text("plan_errors.table.not_in_indicators", indicator="99 series national",
                              file="indicators.csv") == "indicator 99 series national is not in indicators.csv"


def test_no_chinese_text_leaves_a_space_between_a_fields_unit_and_the_words_after_it():
    """A value in its unit (77家/万人, 109.61亿元) ends in a Chinese character: the template's space after the field,
    there for a bare number (2.5% 已达到), is left out before a Chinese word (77家/万人已达到); a space that sets a
    word apart (单位 人 和), one the template writes between two of its own words, and one beside a number or a Latin
    word are kept."""
    zh = catalog("zh")
    assert zh.text("quantity.unit", number="77", unit="家/万人") == "77家/万人"
    spaced = set()
    for key, text in texts(zh.entries):
        names = fields(text)
        for name in names:
            try:
                said = zh.text(key, **{other: "77家/万人" if other == name else _Any() for other in names})
            except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                continue  # a field of a number's format (:g)
            if "77家/万人 " in said and re.search(r"77家/万人 +[\u4e00-\u9fff]", said):
                spaced.add(key)
    assert sorted(spaced) == []
    from analysis.catalog import _tight

    assert _tight("{value}起算", {"value": "109.61亿元"}) == "109.61亿元起算"
    assert _tight("{value}起算", {"value": "2.5%"}) == "2.5%起算"
    assert _tight("依据单位 {unit} 和指标名称", {"unit": "人"}) == "依据单位 人 和指标名称"  # a word set apart
    assert _tight("另见 {where}", {"where": "市科技局.xlsx"}) == "另见 市科技局.xlsx"
    assert _tight("表{table}第{row}行", {"table": "1", "row": "2"}) == "表1第2行"
    assert _tight("{name} 序列", {"name": "national"}) == "national 序列"


#: Chinese characters and full-width punctuation (，：（）“”).
FULL_WIDTH = "\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”"
#: A space between a Chinese character (or full-width punctuation) and a number, on either side ("所列 26 项",
#: "2020年 2.40", "（相对 +7.3%）"): GB/T 15834-2011 and official documents write none. Not a number that belongs to
#: a Latin word or follows one as its argument (UTF-8 编码, 加 --jobs 1 运行, FORCE=1 可, Excel 97-2003 工作簿: a space
#: beside Latin is kept).
NUMBER_SPACE = re.compile(rf"[{FULL_WIDTH}] +[+\-−]?\d|(?<![A-Za-z_])(?<![A-Za-z_][\-.+=])(?<![A-Za-z] )(?<!\d-)"
                          rf"(?<![\d.,])\d(?:[\d,.]*\d)?%? +[{FULL_WIDTH}]")
#: A field that always holds a number, written with a space beside a Chinese character ("共 {count} 个", "第 {row} 行";
#: not a year, which a mistake may quote as typed), or one its unit or measure word follows, which holds a number
#: there ("已发布的 {year}年", "增长 {promised}%", "第 {column}列"; not a column's letter: "{letter} 列").
NUMBER_FIELD_SPACE = re.compile(rf"[{FULL_WIDTH}] +\{{(?:count|n|total|line|row|n_indicators)[:}}]|"
                                rf"\{{(?:count|n|total|line|row|n_indicators)(?::[^{{}}]*)?\}}%? +[{FULL_WIDTH}]|"
                                rf"[{FULL_WIDTH}] +\{{\w+(?::[^{{}}]*)?\}}(?:%|年(?!份)|个|项|倍|次(?!要))")


class _Number:
    """A field's value as a number of any format (``{value:g}``, ``{size:,}``, ``{value}``)."""

    def __format__(self, spec: str) -> str:
        return "12"


def test_no_chinese_text_puts_a_space_between_a_chinese_character_and_a_number():
    """zh.yml writes no space between a Chinese character and a number or a field that holds one (所列26项指标,
    第1行, 共{count}个), and none is left when the fields are numbers: a space the template keeps beside a field that
    may hold a word (未知的年份 {year}：, a quoted 'x' or a number) is left out where the field is a number."""
    zh = catalog("zh")
    assert [key for key, text in texts(zh.entries) if NUMBER_SPACE.search(text)] == []
    assert [key for key, text in texts(zh.entries) if NUMBER_FIELD_SPACE.search(text)] == []
    spaced = []
    for key, text in texts(zh.entries):
        names = fields(text)
        if names:
            try:
                said = zh.text(key, **{name: _Number() for name in names})
            except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                continue  # a field that is no number (a list, a mapping)
            if NUMBER_SPACE.search(said):
                spaced.append((key, said))
    assert spaced == []


def test_a_chinese_sentence_joins_its_numbers_to_their_words():
    zh = catalog("zh")
    assert zh.text("intro", plan_title="测试方案", n_indicators=26, purpose="", period="") == (
        "依据《测试方案》所列26项指标。本报告按编制时已发布的数据评估，各数值的来源见附录。")
    assert zh.text("made_after", year=2024) == "本报告依据已发布的2024年数据编制"
    from analysis.catalog import _tight

    # a template's space beside a field that may hold a word or a number (a value as typed, quoted or not)
    assert _tight("年份为 {typed}，但", {"typed": "2030"}) == "年份为2030，但"
    assert _tight("年份为 {typed}，但", {"typed": "'x'"}) == "年份为 'x'，但"  # a quoted value: its space kept
    assert _tight("{name} {when}年为 {reading}", {"name": "万元GDP能耗下降率", "when": "2023", "reading": "4.6%"}) == (
        "万元GDP能耗下降率2023年为4.6%")
    assert _tight("{id} {name}：", {"id": "1.1", "name": "创新布局"}) == "1.1 创新布局："  # a number and its name
    assert _tight("文件 {file} 有误", {"file": "v2"}) == "文件 v2 有误"  # a Latin word ending in a digit
    # a file's name that opens with its year is no number: its spaces kept, as any name's
    assert _tight("与 {file} 相同", {"file": "2023-市科技局 - 副本.xlsx"}) == "与 2023-市科技局 - 副本.xlsx 相同"
    assert _tight("如 {date} 或", {"date": "2011-09-28"}) == "如2011-09-28或"  # a date is a number
    assert _tight("是否应为 {plain}？", {"plain": "−2.5"}) == "是否应为−2.5？"


def test_the_chinese_catalog_calls_a_plan_by_its_own_word():
    """The catalog says 方案 where it speaks of the plan, a plan.yml's plan_word (规划) put in its stead: a sentence
    that wrote 规划 itself read "对规划目标的最终判定" in a report on Weihai's 方案, and the workbook's front sheet
    labelled the plan 规划. Only the national plans' official status words, a vocabulary of their own, name 规划."""
    words = catalog("zh")
    said = [key for key in keys(words.entries) if "规划" in str(words[key])]
    assert said and all(key.startswith("official_status.") for key in said), said


def test_a_sentence_writes_an_amount_in_a_scaled_unit_out_and_names_no_unit_after_the_series():
    """In English running text an amount in 100 million yuan is written out (15.8 billion yuan), the name labelled
    with no unit: never "Technology contracts traded (100 million yuan): 158 … 200 million yuan short"."""
    en, zh = catalog("en"), catalog("zh")
    assert en.quantity("158", "100 million yuan") == "15.8 billion yuan"  # 158 × 10^8 = 1.58 × 10^10
    assert en.quantity("160", "100 million yuan") == "16 billion yuan"
    assert en.quantity("24", "incubators") == "24"  # a unit without a number of its own: named after the series
    assert en.writes_out("100 million yuan") and not en.writes_out("incubators")
    assert not zh.writes_out("亿元") and zh.quantity("158", "亿元") == "158亿元"


def test_a_plan_typed_from_a_press_quote_says_the_quote_gives_no_baseline():
    """A plan whose figures come from a press quote of it (figures_from: press_quote): a baseline it lacks is the
    quote's silence, not the plan's; the data note says once where its figures come from."""
    from analysis.catalog import plan_catalog

    quote_zh, quote_en = plan_catalog("zh", "规划", "press_quote"), plan_catalog("en", "plan", "press_quote")
    assert quote_zh["quality_issue.base_from_statistics"] == "所据新闻稿引文未列基础值"
    assert quote_en["quality_issue.base_from_statistics"] == (
        "Baseline not given by the press report quoting the plan")
    assert quote_zh["data_note.plan_text"].startswith("规划文本：未能获得规划原文")  # 方案 said as the plan's 规划
    assert plan_catalog("zh", "规划")["quality_issue.base_from_statistics"] == "规划未列基础值"
    assert plan_catalog("en")["data_note.plan_text"] == ""
    # a year of the plan's baselines is judged on them as quoted, never as the plan prints them
    assert quote_en["warnings.changes_before_plan"] == (
        " {year} is a baseline year of the plan, before its period (from {start}): its statuses rest on the plan's "
        "baselines as quoted.")
    assert "依据规划引述的基础值" in quote_zh["warnings.changes_before_plan_revised"]
    # every other sentence as the catalog has it
    assert quote_en["quality_issue.prose_disagrees"] == catalog("en")["quality_issue.prose_disagrees"]


def test_the_status_column_has_one_name_in_every_table():
    """The scorecard, the warning list, the workbook's sheets and the notebook exploring a series head the same
    column, each series' status, with one word in each language (the Chinese said 状态, 评估结果 and 评估结论 for it,
    the English "Status" throughout); a year's column of the changes is that word with its year."""
    for words in catalogs():
        name = words["scorecard.headers"][-1]
        assert name == {"zh": "状态", "en": "Status"}[words.language]
        assert words["warnings.headers"][3] == name
        assert words["workbook.warnings.status"] == words["workbook.scorecard.status"] == name
        assert words["explore.headers.status"] == name
        then = words["workbook.changes.then"].format(year=2023)
        assert then == {"zh": "2023年状态", "en": "2023 status"}[words.language]
        assert words["workbook.changes.now"] == words["workbook.changes.then"]


def test_the_english_method_explains_the_chinese_statistical_terms_the_editions_use():
    """Indicators 7, 8, 9 and 21 count "industrial enterprises above designated size", 17 days of air "Grade II or
    better", 21 the R&D "super-deduction"; the national plan's sources name NBS, MOST and MOF and its notes a later
    "vintage"; the method cites Open SDG: each explained in the method's terms, in words a reader without the Chinese
    terms follows, each term found by the sign it is named by (a report explains only those it uses)."""
    terms = catalog("en")["method.term_items"]
    for key, term, explained in [
            ("designated_size", "industrial enterprises above designated size", "revenue of 20 million yuan or more"),
            ("grade_two", "Grade II or better", "air quality index of 100 or less"),
            ("super_deduction", "super-deduction", "deduct more than its actual R&D spending"),
            ("nbs", "NBS", "National Bureau of Statistics"), ("most", "MOST", "Ministry of Science and Technology"),
            ("mof", "MOF", "Ministry of Finance"), ("vintage", "vintage", "one edition of a published figure")]:
        text = terms[key]["text"]
        assert term.lower() in text.lower() and explained in text, term
        assert all(sign in text for sign in terms[key]["signs"]) and terms[key]["signs"], term
    # the note itself names none: they come in its last item, only where the report uses them
    assert "designated size" not in catalog("en")["method.note"] and "{terms}" in catalog("en")["method.note"]
    assert "Open SDG, the open-source platform" in " ".join(catalog("en")["method.note"].split())


def test_english_change_words_and_department_bases_read_plainly():
    english = catalog("en")
    # "Worse", "Better", in a column headed "Change in status": never "Status worse"
    assert (english["warnings.change.worse"], english["warnings.change.better"]) == ("Worse", "Better")
    assert english.text("card.departments", basis=english.text("card.departments_printed_place", place="part 2")
                        + english["card.lead_assigned"], names="A") == (
        "Responsible departments (listed in the plan, part 2; lead chosen by remit): A")
    assert english["card.departments_assigned"] == "not listed in the plan; chosen by remit"

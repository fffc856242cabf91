"""plan.yml: a plan's identity, checked key by key."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from analysis import cli
from analysis.catalog import mistakes_told_in
from analysis.errors import InputError, InputErrors
from analysis.plan import StatusWords, load_plan, observation_entries, observation_files
from analysis.settings import DEFAULT_PLAN_DIR, PROJECT_ROOT
from tests.conftest import copy_plan, relative


def test_the_weihai_plan():
    plan = load_plan(DEFAULT_PLAN_DIR)
    assert plan.name == "weihai" and plan.city == {"zh": "威海市", "en": "Weihai"}
    assert plan.base_year == 2020 and plan.evaluations == {2023: "mid_term", 2024: "final"}
    assert plan.report_years == (2021, 2022, 2023, 2024)
    assert [plan.report_kind(year) for year in plan.report_years] == ["annual", "annual", "mid_term", "final"]
    assert plan.printed_text == DEFAULT_PLAN_DIR / "weihai-innovative-city-plan-2022.txt"


def test_a_typed_plan_has_its_own_years(lakeside):
    assert lakeside.report_years == (2024, 2025, 2026, 2027)
    assert lakeside.printed_text is None and lakeside.table_file("values").name == "values.csv"
    assert lakeside.check_report_year("2027") == 2027
    with pytest.raises(InputError, match="2028 is outside the plan: report years run 2024–2027"):
        lakeside.check_report_year(2028)


def write(folder, **changes):
    spec = yaml.safe_load((DEFAULT_PLAN_DIR / "plan.yml").read_text(encoding="utf-8"))
    spec.update(changes)
    for key in [k for k, v in changes.items() if v is None]:
        del spec[key]
    folder.mkdir(exist_ok=True)
    (folder / "plan.yml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"name": "Wei Hai"}, "name", "not a folder-safe id"),
    ({"base_year": "20x0"}, "base_year", "is not a year"),
    ({"evaluations": {2019: "final"}}, "evaluations", "not after the base year 2020"),
    ({"evaluations": {2024: "last"}}, "evaluations", "use one of mid_term, final"),
    ({"table": {"printed_text": "../other.txt"}}, "table", "'../other.txt' is not the name of a file: name a file in "
                                                            "the plan folder"),
    # an empty name is said to be empty, never "None is not the name of a file"
    ({"table": {"indicators": "indicators.csv", "values": None}}, "table", "values: is empty: name a file in the "
                                                                          "plan folder"),
    ({"table": {"values": "values.csv"}}, "table", "expected {printed_text: FILE} or {indicators: FILE, values: FILE}"),
    ({"city": "Weihai"}, "city", "expected the text in each language"),
    ({"titel": {"en": "x"}}, "titel", "unknown key 'titel'; known: name, city, title,"),
    ({"statuswords": {"vocabulary": "review"}}, "statuswords",
     "unknown key 'statuswords' (did you mean 'status_words'?); known: name, city,"),
    ({"issuer": None}, "issuer", "missing"),
    # a plan that cannot be meant: no final evaluation, two, a mid-term after it, a final far off
    ({"evaluations": {2023: "mid_term"}}, "evaluations", "a plan has one final evaluation, in its target year; none"),
    ({"evaluations": {2023: "final", 2024: "final"}}, "evaluations", "one final evaluation, in its target year; 2 "
                                                                     "(2023, 2024) given"),
    ({"evaluations": {2023: "final", 2024: "mid_term"}}, "evaluations", "the mid-term evaluation in 2024 comes after "
                                                                        "the final one in 2023"),
    ({"evaluations": {2099: "final"}}, "evaluations", "the final evaluation in 2099 is 79 years after the base year "
                                                      "2020; a plan runs at most 15"),
    # a publication year that cannot be meant (a typo): before the base year or after the last evaluation
    ({"published": 2032}, "published", "2032 is outside the plan's years (2020, the base year, to 2024, its last "
                                       "evaluation)"),
    ({"published": 2019}, "published", "2019 is outside the plan's years"),
    # a text every report shows: in every report language, and only in those
    ({"title": {"zh": "标题"}}, "title.en", "no 'en' text: the report in every language (zh, en) shows it"),
    ({"issuer": {"en": "Weihai"}}, "issuer.zh", "no 'zh' text"),
    # a schedule's text named by its evaluation: the final's English missing is schedule.final.en
    ({"schedule": {"final": {"zh": "二〇二七年"}}}, "schedule.final.en", "no 'en' text"),
    ({"city": {"zh": "威海", "en": "Weihai", "fr": "Weihai"}}, "city", "'fr' is not a report language; use zh, en"),
    # an import draft's placeholders left in: no report titled （待填写）
    ({"title": {"zh": "（待填写）", "en": "(to fill)"}}, "title",
     "still the draft's placeholders (zh: '（待填写）', en: '(to fill)'): write the plan's own words"),
    ({"issuer": {"zh": "威海市", "en": " (to fill) "}}, "issuer", "still the draft's placeholder (en: '(to fill)')"),
    # however retyped: without its brackets, in capitals
    ({"city": {"zh": "待填写", "en": "To Fill"}}, "city",
     "still the draft's placeholders (zh: '待填写', en: 'To Fill')"),
])
def test_mistakes_in_plan_yml_are_named(tmp_path, changes, field, words):
    folder = write(tmp_path / "plan", **changes)
    _assert_told(folder, changes, field, words)


def _line_of(folder, key: str) -> int:
    """The line (1-based) of plan.yml in ``folder`` that ``key`` starts."""
    lines = (folder / "plan.yml").read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(f"{key}:"))


def _assert_told(folder, changes: dict, field: str, words: str) -> None:
    """Loading the plan in ``folder`` is refused with a line naming plan.yml, its line, the field and ``words``: a key
    the plan does not know at the line it is typed on, any other mistake on a line of the key it is about
    (:func:`_unplaced`)."""
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    unknown = {"titel", "statuswords"} & set(changes)
    told = re.search(rf"plan\.yml:(\d+): {re.escape(field)}: ", str(caught.value))
    assert told and words in str(caught.value), str(caught.value)
    if unknown:
        assert int(told[1]) == _line_of(folder, *unknown)
    else:
        _unplaced(folder, str(caught.value))


def _unplaced(folder, message: str) -> str:
    """``message`` (``…/plan.yml:N: field: …``) without its line number, having checked that line is one of the
    lines of the key its field names (the key's own, or a line of its block: an evaluation's year, a threshold), or,
    for a key not in the file (missing), the document's first line. Each line's exact number is worked out by hand
    in the tests of small files (test_every_mistake_of_plan_yml_is_told_at_its_line)."""
    told = re.match(r"(.*plan\.yml):(\d+): ([^:：]+?): (.*)$", message, re.S)
    assert told, message
    key, line = told[3].split(".")[0], int(told[2])
    lines = (folder / "plan.yml").read_text(encoding="utf-8").splitlines()
    if not any(text.startswith(f"{key}:") for text in lines):
        assert line == 1, message
    else:
        first = _line_of(folder, key)
        after = next((number for number, text in enumerate(lines, 1) if number > first and not text.startswith(" ")),
                     len(lines) + 1)
        assert first <= line < after, message
    return f"{told[1]}: {told[3]}: {told[4]}"


#: One key misspelt, and two keys: the unknown one with the one it likely means, then what is missing.
MISSPELT = [{"evaluations": None, "evaluation": {2023: "mid_term", 2024: "final"}},
            {"base_year": None, "Base-Year": 2020, "issuer": None, "notes": "x"}]


@pytest.mark.parametrize(("changes", "language", "said"), [
    (MISSPELT[0], "en", "unknown key 'evaluation' (did you mean 'evaluations'?); missing: evaluations"),
    (MISSPELT[1], "en", "unknown keys 'Base-Year' (did you mean 'base_year'?), 'notes'; missing: issuer, base_year"),
    (MISSPELT[0], "zh", "未知的键 'evaluation'（是否应为 'evaluations'？）；未填写：evaluations"),
    (MISSPELT[1], "zh", "未知的键 'Base-Year'（是否应为 'base_year'？）、'notes'；未填写：issuer、base_year"),
])
def test_a_misspelt_key_is_named_with_the_key_it_leaves_missing(tmp_path, changes, language, said):
    """A required key misspelt is the key missing: both named, the one meant suggested, in the run's language."""
    folder = write(tmp_path / "plan", **changes)
    with mistakes_told_in(language), pytest.raises(InputError) as caught:
        load_plan(folder)
    # told at the line of the first unknown key, in the order the keys are listed (Base-Year before notes)
    first = min(key for key, value in changes.items() if value is not None)
    assert str(caught.value) == f"{folder / 'plan.yml'}:{_line_of(folder, first)}: {said}"


#: Two small plan.yml files of several mistakes, each told at its line (numbered by hand): a text without its English
#: at its key's line; a year that is no year, an evaluation's kind, a threshold at their own lines; a required key
#: missing at the line of the mapping it is missing from (the document's, which starts after the comments); a
#: schedule's unknown evaluation, a mid-term after the final and a file name left empty at their own lines.
SMALL_PLANS = [
    ("# a plan of mistakes\n"                           # 1
     "name: p\n"                                        # 2
     "city: {zh: 湖城, en: Lake City}\n"                 # 3
     "title:\n"                                         # 4
     "  zh: 方案\n"                                      # 5
     "issuer: {zh: 市政府, en: City government}\n"       # 6
     "published: twenty\n"                              # 7
     "base_year: 2020\n"                                # 8
     "evaluations:\n"                                   # 9
     "  2023: mid_term\n"                               # 10
     "  2024: last\n"                                   # 11
     "table: {printed_text: plan.txt}\n"                # 12
     "status_words:\n"                                  # 13
     "  vocabulary: traffic_light\n"                    # 14
     "  red_points: 30%\n",                             # 15
     {"en": ["4: title.en: no 'en' text", "7: published: 'twenty' is not a year",
             "11: evaluations: 'last' for 2024: use one of mid_term, final",
             "15: status_words.red_points: '30%' is not a number of percentage points"],
      "zh": ["4: title.en: 缺少 'en' 文字", "7: published: 'twenty' 不是年份",
             "11: evaluations: 2024年的评估类型 'last' 无效：请用 mid_term 或 final",
             "15: status_words.red_points: '30%' 不是落后于进度的百分点数"]}),
    ("# a plan without its base year\n"                 # 1
     "\n"                                               # 2
     "name: p\n"                                        # 3
     "city: {zh: 湖城, en: Lake City}\n"                 # 4
     "title: {zh: 方案, en: Plan}\n"                     # 5
     "issuer: {zh: 市政府, en: City government}\n"       # 6
     "published: 2021\n"                                # 7
     "evaluations: {2023: final,\n"                     # 8
     "              2024: mid_term}\n"                  # 9
     "table:\n"                                         # 10
     "  indicators: indicators.csv\n"                   # 11
     "  values:\n"                                      # 12
     "schedule:\n"                                      # 13
     "  final: {zh: 年底, en: year end}\n"               # 14
     "  interim: {zh: 年中, en: mid-year}\n",            # 15
     {"en": ["3: base_year: missing", "9: evaluations: the mid-term evaluation in 2024 comes after the final one",
             "12: table: values: is empty", "15: schedule: 'interim'"],
      "zh": ["3: base_year: 未填写", "9: evaluations: 2024年的中期评估在2023年的总结评估之后",
             "12: table: values：为空", "15: schedule: 'interim' 无效：请用 mid_term 或 final"]}),
]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize(("text", "told"), SMALL_PLANS)
def test_every_mistake_of_plan_yml_is_told_at_its_line(tmp_path, text, told, language):
    """Every mistake of plan.yml names its line, not only an unknown key: where it is to be fixed, in both
    languages."""
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "plan.yml").write_text(text, encoding="utf-8")
    with mistakes_told_in(language), pytest.raises(InputErrors) as caught:
        load_plan(tmp_path / "plan")
    lines = [line.split("plan.yml:", 1)[1] for line in caught.value.lines()]
    assert len(lines) == len(told[language])
    for line, start in zip(lines, told[language]):
        assert line.startswith(start), (line, start)


def test_a_file_plan_yml_names_that_is_not_there_is_told_at_its_line(tmp_path):
    """table's file missing from the folder (told once the plan is read): at the line of its role."""
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "plan.yml").write_text(
        "name: p\ncity: {zh: 湖城, en: Lake City}\ntitle: {zh: 方案, en: Plan}\n"
        "issuer: {zh: 市政府, en: City government}\npublished: 2021\nbase_year: 2020\n"
        "evaluations: {2024: final}\ntable:\n  indicators: indicators.csv\n  values: values.csv\n", encoding="utf-8")
    (tmp_path / "plan" / "indicators.csv").write_text("x\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(tmp_path / "plan").check_table_files()
    assert "plan.yml:10: table: values: 'values.csv' is not in the plan folder" in str(caught.value)


@pytest.mark.parametrize(("status_words", "field", "words"), [
    ("review", "status_words", "expected {vocabulary: review or traffic_light}"),
    ({"vocabulary": "weather"}, "status_words.vocabulary", "'weather': use review or traffic_light"),
    ({"amber_points": 10}, "status_words.vocabulary", "missing: use review or traffic_light"),
    ({"vocabulary": "traffic_light", "green_points": 5}, "status_words.green_points",
     "unknown key 'green_points'; known: vocabulary, amber_points, red_points"),
    ({"vocabulary": "review", "amber_points": 10}, "status_words.amber_points",
     "only the traffic_light vocabulary has thresholds"),
    ({"vocabulary": "traffic_light", "amber_points": 40, "red_points": 30}, "status_words.amber_points",
     "40 is more than red_points 30"),
    ({"vocabulary": "traffic_light", "amber_points": 40}, "status_words.amber_points",
     "40 is more than red_points 30"),  # the default red threshold
    ({"vocabulary": "traffic_light", "amber_points": "10%"}, "status_words.amber_points",
     "'10%' is not a number of percentage points"),
    ({"vocabulary": "traffic_light", "red_points": True}, "status_words.red_points", "True is not a number"),
    ({"vocabulary": "traffic_light", "red_points": 0}, "status_words.red_points", "more than 0 and at most 100"),
    ({"vocabulary": "traffic_light", "red_points": 150}, "status_words.red_points", "more than 0 and at most 100"),
    ({"vocabulary": "traffic_light", "amber_points": float("nan")}, "status_words.amber_points",
     "more than 0 and at most 100"),
])
def test_status_words_mistakes_are_named_in_one_line(tmp_path, status_words, field, words):
    folder = write(tmp_path / "plan", status_words=status_words)
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    message = str(caught.value)
    # status_words: is line 22 of the file as yaml writes it (keys sorted), its first key 23: the key told is the
    # first of its mapping in every case but the two that name the mapping itself (not one, or vocabulary missing)
    line = 23 if isinstance(status_words, dict) and field.split(".")[1] in status_words else 22
    assert f"plan.yml:{line}: {field}: " in message and words in message and "\n" not in message


def test_a_plan_says_whether_its_figures_come_from_its_text_or_a_press_quote(tmp_path):
    """``figures_from``: the plan's own text by default (Weihai's, checked word for word), ``press_quote`` for a plan
    typed from a press report quoting it (the national 12th five-year plan); anything else told."""
    weihai = load_plan(DEFAULT_PLAN_DIR)
    assert weihai.figures_from == "plan_text" and "figures_from" not in weihai.identity()
    quoted = load_plan(write(tmp_path / "quoted", figures_from="press_quote"))
    assert quoted.figures_from == "press_quote" and quoted.identity()["figures_from"] == "press_quote"
    with pytest.raises(InputError) as caught:
        load_plan(write(tmp_path / "rumour", figures_from="rumour"))
    # figures_from: follows evaluations (lines 5-7) as yaml writes the keys, sorted
    assert "plan.yml:8: figures_from: " in str(caught.value) and "plan_text or press_quote" in str(caught.value)


def test_status_words_are_optional_with_the_traffic_lights_thresholds_by_default(tmp_path):
    weihai = load_plan(DEFAULT_PLAN_DIR)
    assert weihai.status_words is None and "status_words" not in weihai.identity()
    review = load_plan(write(tmp_path / "review", status_words={"vocabulary": "review"}))
    assert review.status_words == StatusWords("review") and review.identity()["status_words"] == {
        "vocabulary": "review"}
    light = load_plan(write(tmp_path / "light", status_words={"vocabulary": "traffic_light"}))
    assert light.identity()["status_words"] == {"vocabulary": "traffic_light", "amber_points": 10, "red_points": 30}
    changed = load_plan(write(tmp_path / "changed", status_words={"vocabulary": "traffic_light", "amber_points": 12.5,
                                                                  "red_points": 25}))
    assert changed.status_words == StatusWords("traffic_light", 12.5, 25)
    assert StatusWords.from_dict(changed.identity()["status_words"]) == changed.status_words
    same = load_plan(write(tmp_path / "same", status_words={"vocabulary": "traffic_light", "amber_points": 20,
                                                               "red_points": 20}))
    assert same.status_words == StatusWords("traffic_light", 20, 20)


def test_the_longest_plan_is_fifteen_years_from_its_base_year(tmp_path):
    plan = load_plan(write(tmp_path / "plan", evaluations={2030: "mid_term", 2035: "final"}))
    assert plan.evaluations == {2030: "mid_term", 2035: "final"} and plan.report_years[-1] == 2035


@pytest.mark.parametrize(("text", "lines", "key"), [
    ("evaluations: {2023: mid_term, 2024: final}\nevaluations: {2024: final}\n", (1, 2), "'evaluations'"),
    ("evaluations: {2023: mid_term, 2023: final}\n", (1, 1), "2023"),   # a flow mapping on one line
])
def test_a_key_given_twice_in_plan_yml_is_refused_with_both_lines(tmp_path, text, lines, key):
    folder = write(tmp_path / "plan", evaluations=None)
    before = (folder / "plan.yml").read_text(encoding="utf-8")
    (folder / "plan.yml").write_text(before + text, encoding="utf-8")
    first, second = (len(before.splitlines()) + n for n in lines)
    where = f"lines {first} and {second}" if first != second else f"line {first}"
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    assert str(caught.value).endswith(f"plan.yml:{second}: the key {key} is given twice ({where}); YAML would keep the "
                                      "last without a word: keep one")


def test_a_key_given_twice_hides_no_other_mistake_of_plan_yml(tmp_path):
    """published given twice, the last 2019, and the issuer without its English: all three in one run (the key
    given twice was told alone, the file not read past it), the year checked the last one, as YAML reads it, and
    the line saying so."""
    folder = write(tmp_path / "plan", issuer={"zh": "威海市"})
    before = (folder / "plan.yml").read_text(encoding="utf-8")
    (folder / "plan.yml").write_text(before + "published: 2019\n", encoding="utf-8")
    lines = before.splitlines()
    first = next(number for number, line in enumerate(lines, 1) if line.startswith("published:"))
    second = len(lines) + 1
    with pytest.raises(InputErrors) as caught:
        load_plan(folder)
    assert [line.split("plan.yml", 1)[1] for line in caught.value.lines()] == [
        ":8: issuer.en: no 'en' text: the report in every language (zh, en) shows it; add it",
        f":{second}: the key 'published' is given twice (lines {first} and {second}); YAML would keep the last without "
        f"a word: keep one (the value at line {second} is the one checked meanwhile)",
        f":{second}: published: 2019 is outside the plan's years (2020, the base year, to 2024, its last evaluation): "
        "a plan is published in between"]


def test_every_key_given_twice_in_plan_yml_is_told_in_one_round(tmp_path):
    folder = write(tmp_path / "plan")
    before = (folder / "plan.yml").read_text(encoding="utf-8")
    (folder / "plan.yml").write_text(before + "name: weihai\npublished: 2022\n", encoding="utf-8")
    lines = before.splitlines()
    name, published = (next(number for number, line in enumerate(lines, 1) if line.startswith(key))
                       for key in ("name:", "published:"))
    end = len(lines)
    with pytest.raises(InputErrors) as caught:
        load_plan(folder)
    assert [line.split("plan.yml", 1)[1] for line in caught.value.lines()] == [
        f":{end + 1}: the key 'name' is given twice (lines {name} and {end + 1}); YAML would keep the last without a "
        "word: keep one",
        f":{end + 2}: the key 'published' is given twice (lines {published} and {end + 2}); YAML would keep the last "
        "without a word: keep one"]


def test_a_folder_without_plan_yml(tmp_path):
    with pytest.raises(InputError, match="no plan.yml"):
        load_plan(tmp_path)


def test_a_plan_files_mistake_is_told_in_the_language_the_run_asks_for(tmp_path):
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan(tmp_path)
    assert caught.value.reason == "缺少 plan.yml：方案文件夹在此文件中说明方案（见 data/raw/README.md）"
    with mistakes_told_in("fr"), pytest.raises(InputError, match="^.*: no plan.yml: a plan folder"):
        load_plan(tmp_path)  # a language the catalogs lack: English
    with pytest.raises(InputError, match="no such folder; name a plan folder"):
        load_plan(tmp_path / "none")  # outside the block, English again


def test_a_plan_folder_that_does_not_exist_is_said_not_to_exist_and_a_file_not_to_be_a_folder(tmp_path):
    # notebook 01's plan_dir mistyped: "no such folder", not "not a plan folder" as if it were there
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan(tmp_path / "weihia")
    assert caught.value.reason == "没有这个文件夹：请给出方案文件夹（须含 plan.yml）"
    (tmp_path / "plan.yml").write_text("city: x\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(tmp_path / "plan.yml")
    assert caught.value.reason == "not a plan folder (a folder with plan.yml)"


def test_observation_files_are_csv_files_and_workbooks_of_any_case(tmp_path):
    for name in ("2024.CSV", "a.csv", "README.md", ".draft.csv", ".DS_Store", "Thumbs.db", "~$2024.xlsx", "b.XLSX"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in observation_files(tmp_path)] == ["2024.CSV", "a.csv", "b.XLSX"]
    assert [(p.name, role) for p, role in observation_entries(tmp_path)] == [
        (".DS_Store", "hidden"), (".draft.csv", "hidden"), ("2024.CSV", "data"), ("README.md", "readme"),
        ("Thumbs.db", "hidden"), ("a.csv", "data"), ("b.XLSX", "data"), ("~$2024.xlsx", "hidden")]


@pytest.mark.parametrize(("name", "expected"), [
    ("~$copy.xlsx", "is named like the lock file an office suite leaves (~$…), but it is a workbook: rename it without "
                    "the ~$ to have it read, or move it out of the folder"),
    ("~$锁.xlsx", "文件名像办公软件留下的锁定文件（~$…），却是一个工作簿：请去掉文件名开头的 ~$ 以便读取，"
                 "或将其移出该文件夹"),
])
def test_a_workbook_named_like_a_lock_file_is_told_so_in_its_names_language(tmp_path, name, expected):
    (tmp_path / name).write_bytes(b"PK\x03\x04")  # a zip archive's first bytes: a workbook, not a lock file
    with pytest.raises(InputError) as caught:
        observation_files(tmp_path)
    assert str(caught.value) == f"{tmp_path / name}: {expected}"


def test_a_subfolder_named_in_chinese_is_told_in_chinese(tmp_path):
    (tmp_path / "a.csv").write_text("x", encoding="utf-8")
    (tmp_path / "子目录").mkdir()
    with pytest.raises(InputError) as caught:
        observation_files(tmp_path)
    assert str(caught.value) == (f"{tmp_path / '子目录'}: 是文件夹：只读取该文件夹本身中的数据文件，不读取子文件夹；"
                                 "请把其中的文件移到上一级，或把该文件夹移出")


def test_the_folders_strays_can_be_left_to_tell_with_the_files_mistakes(tmp_path):
    """Given a list, the entries refused (an .xls, a text file) go into it, every one, and the others are listed: a
    reader reads the files and tells the strays with their mistakes."""
    for name in ("a.csv", "旧格式.xls", "notes.txt", "b.xlsx"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    strays: list[InputError] = []
    assert [(p.name, role) for p, role in observation_entries(tmp_path, strays)] == [("a.csv", "data"),
                                                                                      ("b.xlsx", "data")]
    assert [(Path(error.file).name, error.reason.split("，")[0].split(",")[0]) for error in strays] == [
        ("notes.txt", "a text file"), ("旧格式.xls", "是 Excel 97-2003 工作簿")]


@pytest.mark.parametrize(("name", "words"), [
    ("notes.txt", "a text file, which is not read"),
    ("bulletin.csv.txt", "ends in .csv.txt (an editor that hides extensions added .txt?): rename it to 'bulletin.csv'"),
    ("bulletin.CSV.TXT", "rename it to 'bulletin.CSV'"),
    ("2024.xlsm", "an Excel workbook, which is not read"),
    ("2024.xls", "an Excel workbook, which is not read (observations are read from .csv, .xlsx files): save it as "
                 "'Excel Workbook (.xlsx)' in this folder and move the original out"),
    # a department's workbook, named in Chinese, saved in Excel's old format: told in Chinese
    ("市科技局.xls", "是 Excel 97-2003 工作簿，不能读取（观测数据只读取 .csv、.xlsx 文件）：请在 Excel 中“另存为”"
                    "“Excel 工作簿（*.xlsx）”，放入本文件夹，并把原文件移出"),
    ("2024.xlsx.txt", "ends in .xlsx.txt"),
    ("2024.ods", "a spreadsheet (OpenDocument)"),
    ("2024.json", "a JSON file"),
    ("2024.tsv", "a tab-separated file"),
    ("bulletin.pdf", "not an observation file"),
    ("bulletin", "not an observation file"),
    # named in Chinese: told in Chinese, whatever it is
    ("2024数据.txt", "是文本文件，不能读取（观测数据只读取 .csv、.xlsx 文件）：如含有数据，请按规定的列另存为 .csv "
                    "文件"),
    ("统计公报.csv.txt", "文件名以 .csv.txt 结尾（隐藏扩展名的编辑器多加了 .txt？）：请改名为 '统计公报.csv'"),
    ("说明.pdf", "不是数据文件：该文件夹只存放 .csv、.xlsx 文件和说明文件（README）"),
])
def test_anything_else_that_looks_like_data_is_refused_by_name(tmp_path, name, words):
    (tmp_path / "a.csv").write_text("x", encoding="utf-8")
    (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        observation_files(tmp_path)
    assert f"{name}: " in str(caught.value) and words in str(caught.value)


def test_a_file_named_in_no_language_is_refused_in_the_runs_language(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        observation_files(tmp_path)
    assert str(caught.value).endswith("notes.txt: 是文本文件，不能读取（观测数据只读取 .csv、.xlsx 文件）："
                                      "如含有数据，请按规定的列另存为 .csv 文件；否则请将其移出该文件夹")


def test_folders_pipes_and_links_out_of_the_project_are_refused(tmp_path):
    (tmp_path / "2023").mkdir()
    with pytest.raises(InputError, match="2023: is a folder"):
        observation_files(tmp_path)
    (tmp_path / "2023").rmdir()
    os.mkfifo(tmp_path / "2024.csv")
    with pytest.raises(InputError, match=r"2024.csv: is a named pipe \(FIFO\), not a regular file"):
        observation_files(tmp_path)  # decided by stat(), without opening: no hang
    (tmp_path / "2024.csv").unlink()
    (tmp_path / "passwd.csv").symlink_to("/etc/passwd")
    with pytest.raises(InputError, match="passwd.csv: is a link that leads outside the project"):
        observation_files(tmp_path)
    (tmp_path / "passwd.csv").unlink()
    (tmp_path / "inside.csv").symlink_to(DEFAULT_PLAN_DIR / "categories.csv")  # a link within the project is fine
    assert [p.name for p in observation_files(tmp_path)] == ["inside.csv"]


def test_every_stray_of_the_folder_is_told_in_one_round(tmp_path):
    """A subfolder of last year's files, a text note and a workbook named like a lock file: three lines at once,
    in the folder's order, not one a run."""
    from analysis.errors import InputErrors, error_lines

    (tmp_path / "2024.csv").write_text("x", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "~$copy.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(InputErrors) as caught:
        observation_files(tmp_path)
    lines = error_lines(caught.value)
    assert len(lines) == 3
    assert ["notes.txt: a text file" in lines[0], "old: is a folder" in lines[1],
            "~$copy.xlsx: is named like the lock file" in lines[2]] == [True, True, True], lines


def test_inputs_are_what_the_reader_reads(tmp_path):
    """One rule: the observation files hashed for the build key are the ones read, and only those."""
    plan = load_plan(copy_plan(DEFAULT_PLAN_DIR, tmp_path / "plan"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in ("BULLETIN.CSV", "README.md", ".draft.csv"):
        (elsewhere / name).write_text("x", encoding="utf-8")
    (plan.observations_dir / "own.csv").write_text("x", encoding="utf-8")
    inputs = plan.input_files(elsewhere)
    assert elsewhere / "BULLETIN.CSV" in inputs
    assert not [p for p in inputs if p.parent == elsewhere and p.name != "BULLETIN.CSV"]
    assert plan.observations_dir / "own.csv" not in inputs  # the plan's own folder is not read by this run
    assert plan.skipped_files(elsewhere) == [elsewhere / ".draft.csv"]
    assert plan.observations_dir / "own.csv" in plan.input_files()
    (elsewhere / "BULLETIN.xlsm").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="BULLETIN.xlsm: an Excel workbook"):
        plan.input_files(elsewhere)  # refused when hashing as when reading


def test_plan_yml_must_be_a_regular_file_of_sane_size(tmp_path):
    folder = tmp_path / "plan"
    folder.mkdir()
    os.mkfifo(folder / "plan.yml")
    with pytest.raises(InputError, match=r"plan.yml: is a named pipe \(FIFO\)"):
        load_plan(folder)
    (folder / "plan.yml").unlink()
    text = (DEFAULT_PLAN_DIR / "plan.yml").read_text(encoding="utf-8")
    text = text.replace("base_year: 2020", "base_year: " + "2" * 5000)
    (folder / "plan.yml").write_text(text, encoding="utf-8")  # yaml reads it with int(), which refuses 4,300+ digits
    with pytest.raises(InputError, match="holds a number of more than 4,300 digits"):
        load_plan(folder)


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"base_year": int("2" * 4000)}, "base_year", "a number of 4000 digits is not a year"),
    ({"title": {"zh": "标题", "en": "a \u202e title"}}, "title.en", "contains the bidi control U+202E"),
    ({"title": {"zh": "标题", "en": "t" * 301}}, "title.en", "301 characters; a text of plan.yml holds at most 300"),
    ({"city": {"zh": "\u3000", "en": "Weihai"}}, "city", "the 'zh' text is empty or not text"),
])
def test_texts_and_years_of_plan_yml_are_checked(tmp_path, changes, field, words):
    folder = write(tmp_path / "plan", **changes)
    _assert_told(folder, changes, field, words)


@pytest.mark.parametrize(("damage", "expected"), [
    # a tab indenting a line: its line, and the fix, not the YAML library's report
    (lambda text: text.replace("\n  zh: ", "\n\tzh: ", 1).encode("utf-8"),
     "plan.yml:6: a tab character: YAML is indented with spaces only; replace the tab with spaces"),
    # saved as GBK: the line of the first byte that is not UTF-8 (威 of line 4, after 286 + 11 bytes), and the fix
    (lambda text: text.encode("gb18030"), "plan.yml:4: not UTF-8 (byte 297): save the file as UTF-8 (GBK is not read)"),
])
def test_a_plan_yml_that_cannot_be_read_names_its_line_and_the_fix(tmp_path, damage, expected):
    folder = tmp_path / "plan"
    folder.mkdir()
    text = (DEFAULT_PLAN_DIR / "plan.yml").read_text(encoding="utf-8")
    assert text.splitlines()[5].startswith("  zh: ") and "威海" in text.splitlines()[3]
    (folder / "plan.yml").write_bytes(damage(text))
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    assert str(caught.value) == f"{folder / expected}"


def test_a_plan_in_data_raw_copied_with_its_old_name_is_refused_at_once(tmp_path, monkeypatch):
    """A copy of lakeside into data/raw/lake2 that keeps ``name: lakeside`` would write reports/lakeside/ and
    data/processed/lakeside/: refused on its first run, before it writes anything (the original, lakeside, is then
    never the one refused); renamed, it reads."""
    import analysis.plan
    from tests.conftest import LAKESIDE_DIR

    monkeypatch.setattr(analysis.plan, "RAW_DIR", tmp_path)
    copy = copy_plan(LAKESIDE_DIR, tmp_path / "lake2")
    with pytest.raises(InputError) as caught:
        load_plan(copy)
    assert str(caught.value).endswith("lake2/plan.yml:3: name: 'lakeside' is not the name of its folder, lake2: a plan "
                                      "in data/raw/ is named after its folder, as its reports and tables are "
                                      "(reports/<name>/, data/processed/<name>/); a copied plan keeps the name it was "
                                      "copied with")
    (copy / "plan.yml").write_text((copy / "plan.yml").read_text(encoding="utf-8").replace(
        "name: lakeside", "name: lake2", 1), encoding="utf-8")
    assert load_plan(copy).name == "lake2"
    assert load_plan(LAKESIDE_DIR).name == "lakeside"  # a plan outside data/raw keeps the name it has


def test_every_key_mistyped_in_plan_yml_is_told_in_one_round(tmp_path):
    """Five keys mistyped: five lines in one run, in the file's order (its keys written alphabetically here), each
    naming its key; a base year that is no year still lets the evaluations be read, their kinds checked."""
    folder = write(tmp_path / "plan", name="Wei Hai", base_year="20x0", title={"zh": "标题"},
                   evaluations={2024: "last"}, status_words={"vocabulary": "weather"})
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    lines = str(caught.value).splitlines()
    fields = [line.split("plan.yml:", 1)[1].split(": ", 2)[:2] for line in lines]
    # as yaml writes the file: base_year 1, city 2-4, evaluations 5 (2024: 6), issuer 7-9, name 10, published 11,
    # schedule 12-20, status_words 21 (vocabulary: 22), subject 23-25, table 26-27, title 28
    assert fields == [["1", "base_year"], ["6", "evaluations"], ["10", "name"], ["22", "status_words.vocabulary"],
                      ["28", "title.en"]]
    assert "'last' for 2024: use one of mid_term, final" in lines[1] and "'weather': use review" in lines[3]


def test_a_published_year_is_checked_against_the_years_read(tmp_path):
    """The publication year is compared with the plan's years only when both are read: with the evaluations
    mistyped, that line alone is told, not a second about the year published."""
    folder = write(tmp_path / "plan", published=2032, evaluations={2024: "last"})
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    assert str(caught.value).endswith("plan.yml:6: evaluations: 'last' for 2024: use one of mid_term, final")


def test_every_mistake_of_status_words_is_told_in_one_round(tmp_path):
    """A threshold misnamed and another typed with a % sign: both lines in one run (they came one a run), the
    comparison of amber with red left until both are numbers."""
    folder = write(tmp_path / "plan", status_words={"vocabulary": "traffic_light", "green_points": 5,
                                                    "amber_points": 40, "red_points": "30%"})
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    # status_words: line 22 as yaml writes it: amber_points 23, green_points 24, red_points 25, vocabulary 26
    assert [line.split("plan.yml:", 1)[1] for line in str(caught.value).splitlines()] == [
        "24: status_words.green_points: unknown key 'green_points'; known: vocabulary, amber_points, red_points",
        "25: status_words.red_points: '30%' is not a number of percentage points behind schedule (as 30)"]


@pytest.mark.parametrize(("changes", "line"), [
    ({"name": "Wei Hai"}, "name: 'Wei Hai' 不能用作文件夹名（只可用小写字母、数字、- 和 _）"),
    ({"base_year": "20x0"}, "base_year: '20x0' 不是年份"),
    ({"issuer": None}, "issuer: 未填写"),
    ({"evaluations": {2019: "final"}}, "evaluations: 评估年份2019年早于基期2020年"),
    ({"evaluations": {2020: "final"}}, "evaluations: 评估年份2020年不晚于基期2020年"),
    ({"base_year": "二〇二〇"}, "base_year: '二〇二〇'：请用阿拉伯数字写年份，如2020"),
    ({"published": "2022年"}, "published: '2022年'：请只写数字2022，不加“年”"),
    ({"evaluations": {2024: "last"}}, "evaluations: 2024年的评估类型 'last' 无效：请用 mid_term 或 final"),
    ({"evaluations": {2023: "mid_term"}}, "evaluations: 方案只能有一次总结评估，且应在最后的目标年份；此处一次也没有"),
    ({"evaluations": {2023: "final", 2024: "final"}},
     "evaluations: 方案只能有一次总结评估，且应在最后的目标年份；此处有2次（2023年、2024年）"),
    ({"evaluations": {2023: "final", 2024: "mid_term"}}, "evaluations: 2024年的中期评估在2023年的总结评估之后"),
    ({"evaluations": {2099: "final"}},
     "evaluations: 2099年的总结评估比基期2020年晚79年；方案最长15年（年份是否写错？）"),
    ({"evaluations": [2024]}, "evaluations: 应为 {year: mid_term 或 final, …}"),
    ({"published": 2032},
     "published: 2032年不在方案的年份内（基期2020年至最后一次评估的2024年）：方案应在此期间发布"),
    ({"table": {"values": "values.csv"}}, "table: 应为 {printed_text: FILE} 或 {indicators: FILE, values: FILE}"),
    ({"table": {"indicators": "indicators.csv", "values": None}}, "table: values：为空：请填写方案文件夹中的文件名"),
    ({"table": {"printed_text": "../other.txt"}},
     "table: printed_text：'../other.txt' 不是文件名：请填写方案文件夹中的文件名"),
    ({"city": "Weihai"}, "city: 应为各语言的文字，写作 {zh: …, en: …}"),
    ({"city": {"zh": "\u3000", "en": "Weihai"}}, "city: 'zh' 文字为空或不是文字"),
    ({"city": {"zh": "威海", "en": "Weihai", "fr": "Weihai"}}, "city: 'fr' 不是报告语言：请用 zh、en"),
    ({"title": {"zh": "标题"}}, "title.en: 缺少 'en' 文字：各语言（zh、en）的报告都要显示它，请补上"),
    ({"title": {"zh": "标题", "en": "t" * 301}},
     "title.en: 共301个字符；plan.yml 中的文字最多300个字符（请删减；长篇内容应留在所引用的资料中）"),
    # one placeholder, two
    ({"issuer": {"zh": "威海市", "en": " (to fill) "}},
     "issuer: 仍是草稿的占位文字（en: '(to fill)'）：请写上方案本身的文字"),
    ({"title": {"zh": "（待填写）", "en": "(to fill)"}},
     "title: 仍是草稿的占位文字（zh: '（待填写）'、en: '(to fill)'）：请写上方案本身的文字"),
    ({"schedule": {"interim": {"zh": "年中", "en": "mid-year"}}}, "schedule: 'interim' 无效：请用 mid_term 或 final"),
    ({"schedule": ["mid_term"]}, "schedule: 应为 {mid_term: {zh: …, en: …}, final: …}"),
    ({"statuswords": {"vocabulary": "review"}},
     "statuswords: 未知的键 'statuswords'（是否应为 'status_words'？）；可用的键：name、city、title、issuer、"
     "published、base_year、evaluations、table、subject、plan_word、schedule、status_words、figures_from"),
    ({"status_words": "review"}, "status_words: 应为 {vocabulary: review 或 traffic_light}；交通信号灯（traffic_light）"
                                 "可另设 amber_points 和 red_points（未给出时为10和30）"),
    ({"status_words": {"vocabulary": "weather"}},
     "status_words.vocabulary: 'weather' 无效：只能是 review 或 traffic_light"),
    ({"status_words": {"amber_points": 10}}, "status_words.vocabulary: 未填写：请用 review 或 traffic_light"),
    ({"status_words": {"vocabulary": "review", "amber_points": 10}},
     "status_words.amber_points: 只有 traffic_light 用语有阈值：请删去此项，或改用 vocabulary: traffic_light"),
    ({"status_words": {"vocabulary": "traffic_light", "red_points": "30%"}},
     "status_words.red_points: '30%' 不是落后于进度的百分点数（如30）"),
    ({"status_words": {"vocabulary": "traffic_light", "red_points": 150}},
     "status_words.red_points: 150：落后于进度的百分点数须大于0且不超过100"),
    ({"status_words": {"vocabulary": "traffic_light", "amber_points": 40}},
     "status_words.amber_points: 40大于 red_points 30：落后于进度 amber_points 至 red_points 个百分点为黄灯，"
     "超过为红灯，故 amber_points 不得大于 red_points"),
])
def test_mistakes_in_plan_yml_are_told_in_chinese_when_the_run_asks_for_it(tmp_path, changes, line):
    folder = write(tmp_path / "plan", **changes)
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan(folder)
    if "statuswords" in changes:  # an unknown key: at its line
        assert str(caught.value) == f"{folder / 'plan.yml'}:{_line_of(folder, 'statuswords')}: {line}"
    else:
        assert _unplaced(folder, str(caught.value)) == f"{folder / 'plan.yml'}: {line}"


def test_a_key_given_twice_and_the_other_mistakes_are_told_in_chinese_in_one_round(tmp_path):
    """The duplicate's line says which value the other mistakes were checked with; every line in Chinese."""
    folder = write(tmp_path / "plan", issuer={"zh": "威海市"})
    before = (folder / "plan.yml").read_text(encoding="utf-8")
    (folder / "plan.yml").write_text(before + "published: 2019\n", encoding="utf-8")
    lines = before.splitlines()
    first = next(number for number, line in enumerate(lines, 1) if line.startswith("published:"))
    second = len(lines) + 1
    with mistakes_told_in("zh"), pytest.raises(InputErrors) as caught:
        load_plan(folder)
    assert [line.split("plan.yml", 1)[1] for line in caught.value.lines()] == [
        ":8: issuer.en: 缺少 'en' 文字：各语言（zh、en）的报告都要显示它，请补上",
        f":{second}: 键 'published' 出现了两次（第{first}行和第{second}行）；YAML 会不加提示地只保留后一个："
        f"请只保留一个（其余各项暂按第{second}行的值检查）",
        f":{second}: published: 2019年不在方案的年份内（基期2020年至最后一次评估的2024年）：方案应在此期间发布"]


@pytest.mark.parametrize(("damage", "expected"), [
    (lambda text: text.replace("\n  zh: ", "\n\tzh: ", 1).encode("utf-8"),
     "plan.yml:6: 有制表符（Tab）：YAML 只能用空格缩进；请把制表符换成空格"),
    (lambda text: text.encode("gb18030"),
     "plan.yml:4: 不是 UTF-8 编码（字节297）：请另存为 UTF-8 编码（GBK 编码不能读取）"),
    # YAML's own words (the library's) kept as they are, inside the Chinese sentence
    (lambda text: (text + "table: [\n").encode("utf-8"),
     "plan.yml:{end}: 不是有效的 YAML：第1列有误（解析器原文：expected the node content, but found '<stream end>', "
     "while parsing a flow node）"),
    (lambda text: "name: [" * 2000, "plan.yml: 嵌套层次过深，不像方案的说明"),
    (lambda text: text.replace("base_year: 2020", "base_year: " + "2" * 5000).encode("utf-8"),
     "plan.yml: 含有超过4300位的数字，没有哪一项用得到"),
])
def test_a_plan_yml_that_cannot_be_read_is_told_in_chinese(tmp_path, damage, expected):
    folder = tmp_path / "plan"
    folder.mkdir()
    text = (DEFAULT_PLAN_DIR / "plan.yml").read_text(encoding="utf-8")
    damaged = damage(text)
    (folder / "plan.yml").write_bytes(damaged if isinstance(damaged, bytes) else damaged.encode("utf-8"))
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan(folder)
    assert str(caught.value) == f"{folder}/{expected.format(end=len(text.splitlines()) + 2)}"


@pytest.mark.parametrize(("before", "after", "zh", "en"), [
    # a { not closed: told where it was opened (line 4), not where the parser gave up (line 5)
    ("city: {zh: 威海市, en: Weihai}\n", "city: {zh: 威海市, en: Weihai\n",
     ":4: 不是有效的 YAML：第4行的 { 没有闭合：请补上 }（解析器原文：expected ',' or '}', but got ':', "
     "while parsing a flow mapping）",
     ":4: not valid YAML: the { opened on line 4 is not closed: add its } (the parser says: expected ',' or '}', "
     "but got ':' (while parsing a flow mapping))"),
    ("city: {zh: 威海市, en: Weihai}\n", "city: [威海市, Weihai\n",
     ":4: 不是有效的 YAML：第4行的 [ 没有闭合：请补上 ]（解析器原文：expected ',' or ']', but got ':', "
     "while parsing a flow sequence）",
     ":4: not valid YAML: the [ opened on line 4 is not closed: add its ] (the parser says: expected ',' or ']', "
     "but got ':' (while parsing a flow sequence))"),
    ("  zh: 威海市建设", "  zh:威海市建设",
     ":6: 不是有效的 YAML：第6行的冒号后缺少空格：应写 key: value，不是 key:value"
     "（解析器原文：mapping values are not allowed here）",
     ":6: not valid YAML: a colon on line 6 has no space after it: write 'key: value', not 'key:value' "
     "(the parser says: mapping values are not allowed here)"),
    ("table: {printed_text: weihai", "table: {printed_text: 'weihai",
     ":{last}: 不是有效的 YAML：第{last}行的引号没有闭合：请补上另一半引号"
     "（解析器原文：found unexpected end of stream, while scanning a quoted scalar）",
     ":{last}: not valid YAML: the quotation mark opened on line {last} is not closed: add the closing one "
     "(the parser says: found unexpected end of stream (while scanning a quoted scalar))"),
])
def test_a_yaml_mistake_is_told_by_its_likely_cause_at_its_line(tmp_path, before, after, zh, en):
    folder = tmp_path / "plan"
    folder.mkdir()
    text = (DEFAULT_PLAN_DIR / "plan.yml").read_text(encoding="utf-8")
    assert before in text
    (folder / "plan.yml").write_text(text.replace(before, after, 1), encoding="utf-8")
    for language, expected in (("zh", zh), ("en", en)):
        with mistakes_told_in(language), pytest.raises(InputError) as caught:
            load_plan(folder)
        last = len(text.splitlines())
        assert str(caught.value) == f"{folder}/plan.yml{expected.replace('{last}', str(last))}"



#: A key or an indentation typed with a Chinese input method, as each language tells it.
FULL_WIDTH = {
    "colon": {"zh": "第{line}行的键后用了全角冒号“：”（中文输入法）：键后应为半角冒号“:”加一个空格，即 key: value",
              "en": "the key on line {line} ends with a full-width colon '：' (typed with a Chinese input method): "
                    "a key ends with a half-width colon ':' and a space, 'key: value'"},
    "space": {"zh": "第{line}行的缩进或冒号后有全角空格（中文输入法）：YAML 只认半角空格，请改为半角空格",
              "en": "line {line} has a full-width space (typed with a Chinese input method) in its indentation or "
                    "after its colon: YAML reads half-width spaces only; retype it as a half-width space"}}
TITLE = ("title:\n  zh: 威海市建设国家创新型城市实施方案（2022—2024年）\n"
         "  en: Weihai's implementation plan for building a national innovative city (2022–2024)\n")


@pytest.mark.parametrize(("before", "after", "told"), [
    # weihai's plan.yml: city on line 4, title 5 (its zh 6, its en 7), published 10. A key ended with a full-width
    # colon: before, told a line later (11, column 1), as YAML's "could not find expected ':'"
    ("published: 2022", "published：2022", [("colon", 10)]),
    ("title:\n", "title：\n", [("colon", 5)]),
    ("  zh: 威海市建设", "  zh：威海市建设", [("colon", 6)]),  # before: line 7, "mapping values are not allowed"
    # a full-width space after the colon, or as the indentation: before, line 11 and line 7
    ("published: 2022", "published:\u30002022", [("space", 10)]),
    ("  zh: 威海市建设", "\u3000zh: 威海市建设", [("space", 6)]),
    # read by YAML, as keys no plan has: before, the city was told cut at its comma, the title missing, the evaluations
    # a year '2023：mid_term'
    ("city: {zh: 威海市", "city: {zh：威海市", [("colon", 4)]),
    ("evaluations: {2023: mid_term", "evaluations: {2023：mid_term", [("colon", 12)]),
    (TITLE, TITLE.replace("  zh: ", "\u3000\u3000zh: ").replace("  en: ", "\u3000\u3000en: "),
     [("space", 6), ("space", 7)]),
    # the title's one line under it, read as its text
    (TITLE, "title:\n  zh：威海市建设国家创新型城市实施方案（2022—2024年）\n", [("colon", 6)]),
])
def test_a_key_typed_with_a_full_width_colon_or_space_is_told_at_its_line(tmp_path, before, after, told):
    """A Chinese input method's colon (：) or space (U+3000) in plan.yml: told at the line it is on, with what to
    type, in the run's language."""
    folder = tmp_path / "plan"
    folder.mkdir()
    text = (DEFAULT_PLAN_DIR / "plan.yml").read_text(encoding="utf-8")
    assert before in text
    (folder / "plan.yml").write_text(text.replace(before, after, 1), encoding="utf-8")
    for language in ("zh", "en"):
        with mistakes_told_in(language), pytest.raises(InputError) as caught:
            load_plan(folder)
        lines = caught.value.lines() if isinstance(caught.value, InputErrors) else [str(caught.value)]
        assert len(lines) == len(told)
        for shown, (kind, line) in zip(lines, told):
            assert shown.startswith(f"{folder}/plan.yml:{line}: ")
            assert FULL_WIDTH[kind][language].format(line=line) in shown


def test_the_plan_folders_own_mistakes_are_told_in_chinese(tmp_path):
    """A file plan.yml names that the folder lacks (with the folder's files of its kind), a text the plan has not in
    a language asked for, plan.yml a pipe, an observations folder that is a file or a pipe in it."""
    from tests.conftest import LAKESIDE_DIR

    copy = copy_plan(LAKESIDE_DIR, tmp_path / "lakeside")
    plan = load_plan(copy)
    (copy / "plan.yml").write_text((copy / "plan.yml").read_text(encoding="utf-8").replace(
        "values: values.csv", "values: value.csv"), encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan(copy).check_table_files()
    csv_files = sorted(path.name for path in copy.glob("*.csv"))
    assert str(caught.value).endswith(
        f"lakeside/plan.yml:13: table: values：方案文件夹中没有 'value.csv'；文件夹中的 .csv 文件有："
        f"{'、'.join(csv_files)}")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        plan.text("city", "fr")
    assert caught.value.reason == "缺少 'fr' 项：fr 版报告须有此项"
    (tmp_path / "pipe").mkdir()
    os.mkfifo(tmp_path / "pipe" / "plan.yml")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        load_plan(tmp_path / "pipe")
    assert caught.value.reason == "是命名管道（FIFO），不是普通文件：只读取普通文件"
    (tmp_path / "observations").write_text("x", encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        observation_files(tmp_path / "observations")
    assert caught.value.reason == "应为存放观测数据 CSV 文件的文件夹"
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "folder" / "数据.csv")  # told in the language of its name, as the folder's other strays
    with pytest.raises(InputError) as caught:
        observation_files(tmp_path / "folder")
    assert caught.value.reason == "是命名管道（FIFO），不是普通文件：只读取普通文件"


@pytest.mark.parametrize(("args", "lines"), [
    # weihai's plan.yml: city on line 4, evaluations (a mapping on one line) on line 12
    (["--lang", "zh"], ["4: city.en: 缺少 'en' 文字：各语言（zh、en）的报告都要显示它，请补上",
                        "12: evaluations: 2024年的评估类型 'last' 无效：请用 mid_term 或 final"]),
    ([], ["4: city.en: no 'en' text: the report in every language (zh, en) shows it; add it",
          "12: evaluations: 'last' for 2024: use one of mid_term, final"]),
])
def test_the_data_step_tells_plan_yml_s_mistakes_in_the_language_it_asks_for(work_dir, capsys, args, lines):
    """``make data LANG=zh``: both mistakes of plan.yml, in one run, in Chinese; without --lang, in English."""
    plan = copy_plan(DEFAULT_PLAN_DIR, work_dir / "plan")
    text = (plan / "plan.yml").read_text(encoding="utf-8")
    text = text.replace("city: {zh: 威海市, en: Weihai}", "city: {zh: 威海市}", 1).replace(
        "evaluations: {2023: mid_term, 2024: final}", "evaluations: {2023: mid_term, 2024: last}", 1)
    (plan / "plan.yml").write_text(text, encoding="utf-8")
    status = cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(work_dir / "processed"), *args])
    assert status == 2
    assert capsys.readouterr().err.splitlines() == [f"error: {relative(plan)}/plan.yml:{line}" for line in lines]
    assert not (work_dir / "processed").exists()


def test_a_typed_plans_mistakes_in_plan_yml_and_its_tables_are_told_in_one_run(work_dir, capsys):
    """plan.yml published after the plan's end, values.csv's line 3 of an unknown value type and a value that is no
    number, line 5 (a row read) of a value that is no number: four lines in one run, plan.yml's first (two runs,
    before: the tables were read only once plan.yml was right)."""
    plan = copy_plan(PROJECT_ROOT / "data" / "raw" / "national-12th-fyp", work_dir / "plan")
    text = (plan / "plan.yml").read_text(encoding="utf-8")
    (plan / "plan.yml").write_text(text.replace("published: 2011", "published: 2030", 1), encoding="utf-8")
    lines = (plan / "values.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[2].startswith("1,,2015,target,18,") and lines[4].startswith("3,,2010,baseline,1.75,")
    lines[2] = lines[2].replace("1,,2015,target,18,", "1,,2015,goal,1x8,", 1)
    lines[4] = lines[4].replace("3,,2010,baseline,1.75,", "3,,2010,baseline,一点七五,", 1)
    (plan / "values.csv").write_text("".join(lines), encoding="utf-8")
    status = cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(work_dir / "processed")])
    assert status == 2
    values = f"error: {relative(plan)}/values.csv"
    advice = ("write it here as plain digits with a decimal point, no spaces inside, thousands separators, units or "
              "% signs")
    assert capsys.readouterr().err.splitlines() == [
        f"error: {relative(plan)}/plan.yml:13: published: 2030 is outside the plan's years (2010, the base year, to "
        "2015, its last evaluation): a plan is published in between",
        f"{values}:3: value_type: value_type 'goal' unknown; use baseline or target",
        f"{values}:3: value: '1x8' is not a number: {advice}",
        f"{values}:5: value: '一点七五' is not a number: {advice}"]


def test_no_mistake_of_the_plan_folder_is_worded_in_code():
    """Every message of plan.yml, the plan folder and reading a file comes from the catalogs (``plan_errors``,
    ``text_errors``, ``entry_errors``), so that it is told in the run's language: no InputError of a literal."""
    import re

    from analysis.settings import PACKAGE_DIR

    for name in ("plan.py", "files.py", "text.py"):
        source = (PACKAGE_DIR / name).read_text(encoding="utf-8")
        assert re.findall(r"InputError\(\s*f?[\"']", source) == [], name


def _one_mistake_in_each_file(plan: Path) -> None:
    """One mistake in each of a printed plan's files but plan.yml: its metadata, categories, departments, department
    names, corrections, prose checks, task names, task leads, measure names and an observation file headed in
    Chinese."""
    for name, old, new in [
        ("indicator_metadata.csv", "1,,R&D personnel,研发人员数,R&D personnel,人,people,higher,",
         "1,,R&D personnel,研发人员数,R&D personnel,人,people,up,"),
        ("categories.csv", "创新创业环境,Innovation and entrepreneurship environment", "创新创业环境,"),
        ("department_names.csv", "市科技局,Municipal Science and Technology Bureau,", "市科技局,,"),
        ("departments.csv", "3,,市科技局,市科技局、高区管委,assigned,", "3,,市科技局,市科技局、高区管委,given,"),
        ("corrections.csv", ",Trailing space after the number in the printed cell; the value itself is unambiguous.,",
         ",,"),
        ("prose_checks.csv", "16,,2021,baseline,value,", "16,,2021,baseline,growth,"),
        ("task_names.csv", "1,Rethink development and make Weihai a model “exquisite city”", "1,"),
        ("task_leads.csv", "2.2,市科技局,", "9.9,市科技局,"),
        ("measure_names.csv", "1,Stronger organisation and leadership", "0,Stronger organisation and leadership"),
    ]:
        text = (plan / name).read_text(encoding="utf-8")
        assert old in text
        (plan / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    (plan / "observations").mkdir(exist_ok=True)
    (plan / "observations" / "2024-公报.csv").write_text(
        "编号,序列,年份,数值,数据来源\n2,,2023,约2.6,威海市2023年统计公报\n", encoding="utf-8")


def test_every_file_of_a_printed_plan_is_told_its_own_mistakes_in_one_run(work_dir, capsys):
    """A mistake in each of eleven files took twelve runs, one line a run. Now one run tells plan.yml's with every hand
    file's (and, plan.yml right, the observation file's too, in its own language). Still a round later, while plan.yml
    has a mistake: the observation files, checked against its years."""
    plan = copy_plan(DEFAULT_PLAN_DIR, work_dir / "plan")
    _one_mistake_in_each_file(plan)
    text = (plan / "plan.yml").read_text(encoding="utf-8")
    (plan / "plan.yml").write_text(text.replace("en: national innovative city indicators}", 'en: ""}', 1),
                                   encoding="utf-8")
    where = f"error: {relative(plan)}"
    files = [
        f"{where}/indicator_metadata.csv:2: direction: direction 'up' unknown; use one of higher, lower, at_least, "
        "at_most, within, exactly or none",
        f"{where}/categories.csv:3: category_en: empty",
        f"{where}/department_names.csv:3: name_en: empty",
        f"{where}/departments.csv:4: basis: basis 'given' unknown; use printed (the plan names them) or assigned",
        f"{where}/corrections.csv:2: reason: every correction needs a reason",
        f"{where}/prose_checks.csv:2: claim: claim 'growth' unknown; use value or annual_growth_pct",
        f"{where}/measure_names.csv:2: number: measure 0 is not among the plan's 5 support measures",
        f"{where}/task_leads.csv:2: task_id: '9.9' is not a task (1.2) of the plan's tasks "
        "(weihai-innovative-city-plan-2022.txt)",
        f"{where}/task_names.csv:2: title_en: empty"]
    status = cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(work_dir / "processed")])
    assert status == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{where}/plan.yml:9: subject: the 'en' text is empty or not text", *files]
    (plan / "plan.yml").write_text(text, encoding="utf-8")
    status = cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(work_dir / "processed")])
    assert status == 2
    # file by file, in the order of their paths
    assert capsys.readouterr().err.splitlines() == [
        files[1], files[4], files[2], files[3], files[0], files[6],
        f"{where}/observations/2024-公报.csv:2: 数值: '约2.6' 不是数字（是否应为2.6？请去掉“约”，只写数字；"
        "如为估计数，请在该行的备注中说明）",
        files[5], files[7], files[8]]


@pytest.mark.parametrize(("typed", "shown"), [("yes", "'yes'"), ("no", "'no'"), ("on", "'on'")])
def test_a_word_yaml_1_1_takes_for_a_boolean_is_told_as_typed(tmp_path, typed, shown):
    """``published: yes`` was told "True is not a year", words the file never had: plan.yml's yes, no, on and off are
    words, as YAML 1.2 reads them, told as typed."""
    folder = tmp_path / "plan"
    copy_plan(DEFAULT_PLAN_DIR, folder)
    text = (folder / "plan.yml").read_text(encoding="utf-8")
    (folder / "plan.yml").write_text(text.replace("published: 2022", f"published: {typed}"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    assert str(caught.value).endswith(f"plan.yml:10: published: {shown} is not a year")  # weihai's line 10


def test_a_comma_that_cuts_a_text_in_braces_is_named_as_such(tmp_path):
    """`en: Plan for Science, Technology and Innovation` inside {zh: …, en: …}: YAML ends the text at the comma and
    reads "Technology and Innovation" as a key of its own. The person wrote no such key: the message names the comma
    and the quotes that keep it, not a language to use instead."""
    folder = write(tmp_path / "plan", title=None)
    with (folder / "plan.yml").open("a", encoding="utf-8") as plan_yml:
        plan_yml.write("title: {zh: 云溪市“十四五”科技创新规划, "
                       "en: Yunxi's Plan for Science, Technology and Innovation}\n")
    last = len((folder / "plan.yml").read_text(encoding="utf-8").splitlines())  # the title's line
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    assert str(caught.value).endswith(
        f"plan.yml:{last}: title: 'Technology and Innovation' is no report language but the rest of the text before "
        "it, cut at its comma: in {zh: …, en: …} a comma ends a text; put a text holding a comma in quotes "
        "(en: \"…, …\")")


def test_weihais_english_task_titles_read_as_english_not_word_for_word():
    """The plan folder's English task titles (task_names.csv, the translation, never the printed plan): an English
    reader's words for 精准培育，打造科技型企业“雁阵”群 and the rest, not a gloss of each character ("a “wild-goose
    formation”", "Refinement first", "Strengthening the best", "the whole city an … city" without a verb)."""
    import csv

    with (DEFAULT_PLAN_DIR / "task_names.csv").open(encoding="utf-8", newline="") as handle:
        titles = {row["task_id"]: row["title_en"] for row in csv.DictReader(handle)}
    assert titles["1"] == "Rethink development and make Weihai a model “exquisite city”"
    assert titles["2.1"] == ("Land and sea planned together: make the whole city an international marine science "
                             "and technology city")
    assert titles["3.1"] == "Putting the “exquisite city” first: bring the city up to international standards"
    assert titles["5.1"] == ("Targeted support: a “flying geese” formation of technology-based enterprises, the "
                             "leaders pulling the rest")
    assert titles["6.4"] == "Make the strongest industries stronger: grow the seven leading industrial clusters"
    assert titles["7.5"] == ("Led by Party building: a Party-guided (“red”) science and technology service industry, "
                             "governed and shared together")

"""A plan's table as published (a web page, a Word file) read into the typed plan files, with a review of every
cell: round trips against the Weihai table and the national 12th-plan table, and what is refused."""
from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from analysis import cli
from analysis.clean.plan_import import read_plan_table
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.ingest.printed_table import PLAIN_NUMBER
from analysis.ingest.published_table import Grid, read_tables
from analysis.plan import load_plan
from analysis.publish.data import build_tables
from analysis.publish.imports import import_plan
from tests.conftest import NATIONAL_DIR, relative
from tests.support.published import published_rows, write_docx, write_html


@pytest.fixture(scope="module")
def weihai_table(weihai):
    """Weihai's table as the plan prints it (names with their units), its typos corrected, as a published table."""
    clean = clean_plan_table(load_plan_inputs(weihai))
    values = clean.values.assign(printed_text=[text.strip() if PLAIN_NUMBER.fullmatch(text.strip()) else f"{value:g}"
                                               for text, value in zip(clean.values.printed_text, clean.values.value)])
    indicators = clean.indicators.assign(unit_zh="")  # the printed name holds the unit already
    return clean, published_rows(indicators, values)


@pytest.fixture(scope="module")
def national_table():
    inputs = load_plan_inputs(load_plan(NATIONAL_DIR))
    clean = clean_plan_table(inputs)
    values = clean.values.copy()
    ranks = clean.indicators.loc[clean.indicators.kind == "rank", "indicator_id"]
    rank_targets = values.indicator_id.isin(ranks) & (values.value_type == "target")
    values.loc[rank_targets, "printed_text"] = "前" + values.loc[rank_targets, "printed_text"] + "位"  # 前十八位
    return clean, published_rows(clean.indicators, values)


def read_back(tmp_path, header, rows, form):
    path = (write_docx(tmp_path / "plan.docx", header, rows) if form == "docx" else
            write_html(tmp_path / "plan.html", header, rows, encoding="gb18030" if form == "html-gbk" else "utf-8"))
    return read_plan_table(read_tables(path), str(path), "en")


@pytest.mark.parametrize("form", ["html", "html-gbk", "docx"])
def test_the_weihai_table_read_back_from_a_web_page_or_a_word_file(tmp_path, weihai_table, form):
    clean, (header, rows) = weihai_table
    imported = read_back(tmp_path, header, rows, form)
    assert imported.baseline_years == [2020, 2021] and imported.target_years == [2023, 2024]
    # every series with its category, printed name (unit and note back in their parentheses) and core mark
    printed = {(r.indicator_id, r.series): (r.category_zh, r.name_zh, r.core) for r in clean.indicators.itertuples()}
    read = {}
    for indicator in imported.indicators:
        unit = indicator["unit_zh"] + (f"，{indicator['note']}" if indicator["note"] else "")
        name = indicator["name_zh"] + (f"（{unit}）" if unit else "")
        for series in indicator["series"] or [""]:
            read[(indicator["indicator_id"], series)] = (indicator["category_zh"], name, indicator["core"])
    assert read == printed
    # every value, the combined cells split into their national and provincial series
    expected = {(r.indicator_id, r.series, r.year, r.value_type): r.value for r in clean.values.itertuples()}
    got = {(v["indicator_id"], v["series"], v["year"], v["value_type"]): float(v["value"]) for v in imported.values}
    assert got == expected
    splits = [r for r in imported.review if r["action"] == "split" and "national" in r["read_as"]]
    assert len(splits) == 8  # indicators 4 and 5: four cells each
    assert all(r["confirmed"] == "" for r in imported.review if r["action"] != "read")


def test_the_national_table_read_back_with_its_ranks(tmp_path, national_table):
    clean, (header, rows) = national_table
    imported = read_back(tmp_path, header, rows, "docx")
    kinds = {i["indicator_id"]: (i["kind"], i["direction"]) for i in imported.indicators}
    assert kinds[1] == kinds[4] == ("rank", "lower")     # 前18位, 前5位: places, better the lower
    assert kinds[2] == ("share", "higher") and kinds[7] == ("amount", "higher")
    got = {(v["indicator_id"], v["year"], v["value_type"]): float(v["value"]) for v in imported.values}
    assert got == {(r.indicator_id, r.year, r.value_type): r.value for r in clean.values.itertuples()}
    rank = next(r for r in imported.review if r["text"] == "前18位")
    assert (rank["read_as"], rank["action"]) == ("indicator 1 2015 target: 18 (rank)", "guess")


def test_an_imported_plan_is_read_only_once_its_review_is_confirmed(tmp_path, national_table, project_tmp):
    _, (header, rows) = national_table
    source = write_html(tmp_path / "national.html", header, rows)
    folder = project_tmp / "imports" / "national-draft"
    imported, written = import_plan(source, folder, "national-draft", "en")
    assert {path.name for path in written} == {"indicators.csv", "values.csv", "review.csv", "plan.yml",
                                                "national.html", "README.md"}
    # the draft's placeholders are no plan's words: the city, the title and the issuer, told in one round
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    # each at its key's line in the draft's plan.yml
    lines = (folder / "plan.yml").read_text(encoding="utf-8").splitlines()
    at = {key: next(number for number, line in enumerate(lines, 1) if line.startswith(f"{key}:"))
          for key in ("city", "title", "issuer")}
    assert [line.split("plan.yml:", 1)[1] for line in str(caught.value).splitlines()] == [
        f"{at[key]}: {key}: still the draft's placeholders (zh: '（待填写）', en: '(to fill)'): write the plan's own "
        "words" for key in ("city", "title", "issuer")]
    # what no table gives is to fill, and the years guessed from the header are to check, in review.csv and plan.yml
    review = pd.read_csv(folder / "review.csv", dtype=str, keep_default_na=False)
    to_fill = "in place of （待填写） and (to fill), in Chinese and English ({zh: …, en: …})"
    placeholder = "{zh: （待填写）, en: (to fill)}"
    assert review[review["where"] == "plan.yml"].drop(columns="where").values.tolist() == [
        [f"city: {placeholder}", f"city: not in the table: write the city's name in plan.yml {to_fill}", "fill", ""],
        [f"title: {placeholder}", f"title: not in the table: write the plan's title in plan.yml {to_fill}", "fill",
         ""],
        [f"issuer: {placeholder}", f"issuer: not in the table: write who issued it in plan.yml {to_fill}", "fill", ""],
        ["published: 2011", "published: guessed, the year after the base year: write the year the plan was published",
         "guess", ""],
        ["base_year: 2010", "base_year: guessed, the table's first baseline year: check it against the plan", "guess",
         ""],
        ["evaluations: {2015: final}", "evaluations: guessed from the target years, the last the final evaluation: "
                                       "check them against what the plan says of its evaluations", "guess", ""]]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "In `plan.yml`, `city`, `title` and `issuer` are to fill (they hold （待填写） and (to fill))" in readme
    # a person fills them first
    text = (folder / "plan.yml").read_text(encoding="utf-8")
    for key in ("city", "title", "issuer"):
        text = text.replace(f"{key}: {placeholder}", f"{key}: {{zh: 中国{key}, en: China {key}}}")
    (folder / "plan.yml").write_text(text, encoding="utf-8")
    plan = load_plan(folder)
    assert (plan.base_year, plan.evaluations, plan.city["en"]) == (2010, {2015: "final"}, "China city")
    with pytest.raises(InputError) as caught:
        build_tables(plan, "eurostat")
    assert "review.csv:" in str(caught.value) and ": confirmed: " in str(caught.value)
    assert "reading(s) of the imported table not yet confirmed" in str(caught.value)
    # the first reading named by its cell and what it was read as: the table's first indicator cell (row 2, after the
    # category and number columns), 国家综合创新能力世界排名（位）, split into its name and unit
    assert ("the first: split at table 1, row 2, column 3: indicator 1: 国家综合创新能力世界排名, unit 位; check "
            "each") in str(caught.value)
    # a person checks every reading, gives the English names, the base sources, and confirms: the plan reads
    review = pd.read_csv(folder / "review.csv", dtype=str, keep_default_na=False).assign(confirmed="yes")
    review.to_csv(folder / "review.csv", index=False)
    typed = pd.read_csv(NATIONAL_DIR / "indicators.csv", dtype=str, keep_default_na=False)
    drafted = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    for column in ("category_en", "name_en", "short_name_zh", "short_name_en", "unit_en", "base_source"):
        drafted[column] = typed[column]
    drafted.to_csv(folder / "indicators.csv", index=False, quoting=csv.QUOTE_MINIMAL)
    tables = build_tables(load_plan(folder), "eurostat")
    final = tables.assessment[tables.assessment.report_year == 2015].set_index("indicator_id")
    assert final.loc[1, "status"] == "insufficient_data"  # no observations in the draft: nothing judged yet
    assert len(tables.indicators) == 10


def test_a_file_named_in_chinese_is_drafted_under_a_name_the_last_line_says_how_to_change(
        tmp_path, national_table, project_tmp, capsys):
    """实施方案.docx gives no folder-safe name: the draft goes to imported-plan/, and the last line says how to name
    it (it said nothing of --name, nor that plan.yml's name: follows the folder)."""
    _, (header, rows) = national_table
    source = write_docx(tmp_path / "实施方案.docx", header, rows)
    output = project_tmp / "interim-unnamed"
    assert cli.main(["import-plan", str(source), "--output-dir", relative(output)]) == 0
    said = capsys.readouterr().out.splitlines()[-1]
    assert said.endswith(f"待在 {relative(output)}/imported-plan/plan.yml 中填写；"
                         "文件名中没有可用作文件夹名的拉丁字母，文件夹暂名为imported-plan：请加 --name 重新运行以命名"
                         "（python -m analysis import-plan FILE --name weihai；make import-plan FILE=… NAME=weihai），"
                         "或把文件夹和 plan.yml 中的 name: 一并改名")
    assert (output / "imported-plan" / "plan.yml").read_text(encoding="utf-8").splitlines()[1] == (
        "# 然后把本文件夹移到 data/raw/imported-plan/（文件夹改名时，下面的 name: 须改为同一名称）。")
    shutil.rmtree(output)


def test_the_command_writes_a_draft_and_never_into_the_raw_folder(tmp_path, national_table, project_tmp, capsys):
    _, (header, rows) = national_table
    source = write_docx(tmp_path / "十二五规划指标.docx", header, rows)
    output = project_tmp / "interim"
    assert cli.main(["import-plan", str(source), "--name", "national", "--output-dir", relative(output)]) == 0
    said = capsys.readouterr().out.splitlines()
    # a Chinese table's draft is told in Chinese, its review and README too
    assert said[-1].startswith("import-plan：从表1读取指标10项、数值12个；")
    assert said[-1].endswith(f"项读取结果待在 {relative(output)}/national/review.csv 中确认；city、title 和 issuer "
                             f"待在 {relative(output)}/national/plan.yml 中填写")
    assert (output / "national" / "review.csv").is_file()
    assert cli.main(["import-plan", str(source), "--name", "national", "--output-dir", relative(output)]) == 2
    # told in the file's language, Chinese for a file named in Chinese
    assert ": 已存在：草稿只写入新的文件夹，不覆盖已有的文件夹（请移走或删除它）\n" in capsys.readouterr().err
    assert cli.main(["import-plan", str(source), "--output-dir", "data/raw"]) == 2
    assert "error: --output-dir: data/raw 位于原始数据文件夹 data/raw 内，该文件夹只读\n" == capsys.readouterr().err
    assert cli.main(["import-plan", str(source), "--name", "国家"]) == 2
    assert "error: --name: '国家' 不能用作文件夹名（只能用小写字母、数字、- 和 _）\n" == capsys.readouterr().err
    assert cli.main(["import-plan", str(tmp_path / "plan.docx"), "--name", "A"]) == 2
    said = capsys.readouterr().err
    assert said == "error: --name: 'A' is not a folder-safe id (lower-case letters, digits, - and _)\n"
    assert cli.main(["import-plan", ""]) == 2  # make import-plan without FILE=…: said so, never a folder "."
    assert "FILE: no file given: name the saved web page or Word file" in capsys.readouterr().err


@pytest.mark.parametrize(("lang", "expected"), [
    (["--lang", "zh"], "error: FILE: 未指定文件：请给出另存的网页或 Word 文件，如 make import-plan FILE=plan.docx\n"),
    (["--lang", "en"], "error: FILE: no file given: name the saved web page or Word file, e.g. make import-plan "
                       "FILE=plan.docx\n"),
    ([], "error: FILE: no file given: name the saved web page or Word file, e.g. make import-plan FILE=plan.docx\n"),
])
def test_no_file_given_is_told_in_the_language_asked_for(capsys, lang, expected):
    # no file to take a language from: --lang's, English without it (make import-plan passes none)
    assert cli.main(["import-plan", "", *lang]) == 2
    assert capsys.readouterr().err == expected


def test_the_command_writes_the_draft_in_the_language_asked_for(tmp_path, national_table, project_tmp, capsys):
    _, (header, rows) = national_table
    source = write_docx(tmp_path / "十二五规划指标.docx", header, rows)
    output = project_tmp / "interim"
    assert cli.main(["import-plan", str(source), "--name", "national-en", "--output-dir", relative(output),
                     "--lang", "en"]) == 0
    review = pd.read_csv(output / "national-en" / "review.csv", dtype=str, keep_default_na=False)
    open_rows = (review["action"] != "read").sum()
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"import-plan: 10 indicators, 12 values from table 1; {open_rows} readings to confirm in "
        f"{relative(output)}/national-en/review.csv; city, title and issuer to fill in "
        f"{relative(output)}/national-en/plan.yml")
    assert review["read_as"][0] == "indicator 1: 国家综合创新能力世界排名, unit 位"
    # where each reading is, told in English too: the table's cells as any English row names them
    assert review["where"][0] == "table 1, row 2, column 3" and not review["where"].str.contains("表|第").any()
    assert (output / "national-en" / "README.md").read_text(encoding="utf-8").startswith(
        "# A plan read from 十二五规划指标.docx\n\nTable 1 of `十二五规划指标.docx` was read into")
    # a language the catalogs do not have is refused, nothing written
    assert cli.main(["import-plan", str(source), "--name", "national-fr", "--output-dir", relative(output),
                     "--lang", "fr"]) == 2
    assert capsys.readouterr().err == "error: --lang: unknown language 'fr'; use zh or en\n"
    assert not (output / "national-fr").exists()


@pytest.mark.parametrize(("name", "content", "words"), [
    ("plan.pdf", b"%PDF-1.4", ".pdf is not read: give a saved web page (.html, .htm) or a Word file (.docx); save a "
                              ".doc or a PDF as one of them first"),
    ("方案.doc", b"\xd0\xcf\x11\xe0", ".doc不能读取：请给出另存的网页（.html、.htm）或 Word 文件（.docx）；.doc 或 PDF "
                                    "文件请先另存为其中一种"),
    ("plan", b"x", "a file without a suffix is not read: give"),
    # a file not read whose text is Chinese (a CSV file, saved as UTF-8 or as GBK): told in Chinese
    ("wendeng.csv", "\ufeff一级指标,序号,二级指标,2023年基础值,2026年目标值\n创新投入,1,研发人员数,1,2\n".encode(),
     ".csv不能读取：请给出另存的网页（.html、.htm）或 Word 文件（.docx）；.doc 或 PDF 文件请先另存为其中一种"),
    ("plan.csv", "一级指标,二级指标\n".encode("gbk"), ".csv不能读取：请给出另存的网页"),
    ("plan.csv", b"category,name\ninput,researchers\n", ".csv is not read: give a saved web page"),
    # a binary file's bytes are no text, whatever they would spell as GB18030 (\xd0\xcf: a Han character)
    ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", ".doc is not read: give a saved web page"),
    ("plan.html", None, "file not found: give the saved web page (.html, .htm) or Word file (.docx)"),
    ("方案.html", None, "找不到该文件：请给出另存的网页（.html、.htm）或 Word 文件（.docx）"),
    ("空.html", b"", "是空文件（0字节）：请重新保存该网页或 Word 文件"),
    ("plan.html", b" \n", "is empty (0 bytes): save the web page or the Word file again"),
    # a page in Chinese, whatever its name: told in Chinese
    ("plan.html", "<html><body><p>创新型城市建设目标</p></body></html>".encode(),
     "没有表格：方案的指标表不在其中（是否保存成了图片？）"),
    ("plan.html", b"<html><body><p>Innovation targets</p></body></html>",
     "holds no table: the plan's indicator table is not in it (was it saved as a picture?)"),
    ("plan.html", "<table><tr><td>项目</td><td>内容</td></tr><tr><td>a</td><td>b</td></tr></table>".encode(),
     "没有一个表格列出指标及其基期或目标年份（表头如 二级指标 | 2020年基础值 | 2024年目标值，或英文的 Indicator | "
     "2020 baseline | 2024 target）"),
    ("plan.html", b"<table><tr><td>item</td><td>text</td></tr><tr><td>a</td><td>b</td></tr></table>",
     "no table names its indicators and the years of its baselines or targets"),
    # a file its library cannot read: what to do, never the library's exception
    ("plan.docx", b"PK\x03\x04 not really", "cannot be read as a Word file (.docx): it is damaged, or another kind of "
                                            "file named .docx (a .doc?); open it in Word and save it as a Word "
                                            "document (.docx)"),
    ("计划.docx", b"PK\x03\x04 not really",
     "不能作为 Word 文件（.docx）读取（文件已损坏，或是扩展名改为 .docx 的其他文件，如 .doc）："
     "请在 Word 中打开，另存为“Word 文档（*.docx）”"),
])
def test_what_is_no_plan_table_is_refused_in_one_line_in_the_files_language(tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_plan_table(read_tables(path), str(path))
    assert str(caught.value).startswith(f"{path}: {words}") and "\n" not in str(caught.value)
    assert "Error" not in str(caught.value) and "Zip" not in str(caught.value)


def test_bounds_sub_series_rows_and_text_cells_are_read_with_what_they_mean():
    grid = Grid(2, [
        ["创新型城市建设目标"] * 5,                                  # a title spanning the width: no header
        ["一级指标", "二级指标", "单位", "2020年基础值", "2025年目标值"],
        ["投入", "空气质量优良天数比例", "%", "88", "≥90"],           # a floor: at least 90
        ["投入", "单位GDP能耗", "吨标准煤/万元", "0.5", "控制在0.45以内"],  # a ceiling: at most 0.45
        ["投入", "高新技术企业数", "家", "380", "翻一番"],             # twice the base
        ["投入", "科技创新基地", "个", "", ""],                       # a parent row with its series below
        ["投入", "国家级", "个", "3", "7"],
        ["投入", "省级", "个", "66", "80"],
        ["产出", "创新生态", "", "较好", "定性"],                      # text: a person gives it
    ])
    imported = read_plan_table([grid], "plan.html", "en")
    kinds = {i["indicator_id"]: (i["kind"], i["direction"], i["series"]) for i in imported.indicators}
    assert kinds == {1: ("share", "at_least", [""]), 2: ("intensity", "at_most", [""]),
                     3: ("count", "higher", [""]), 4: ("count", "higher", ["national", "provincial"]),
                     5: ("qualitative", "none", [])}
    values = {(v["indicator_id"], v["series"], v["year"]): (v["value"], v["basis"]) for v in imported.values}
    assert values[(1, "", 2025)] == ("90", "") and values[(2, "", 2025)] == ("0.45", "")
    assert values[(3, "", 2025)] == ("2", "multiple") and values[(4, "provincial", 2020)] == ("66", "")
    to_fill = [r for r in imported.review if r["action"] == "fill" and r["text"] == "较好"]
    assert to_fill[0]["where"] == "table 2, row 9, column 4"
    assert imported.baseline_years == [2020] and imported.target_years == [2025]


#: The header row of the small published tables the tests below read.
HEADER = ["一级指标", "序号", "二级指标", "2020年基础值", "2025年目标值"]


def imported_from(*rows: list[str]):
    """A published table of :data:`HEADER` and ``rows``, read as import-plan reads a web page's table, its review
    in English."""
    return read_plan_table([Grid(1, [HEADER, *rows])], "plan.html", "en")


FOOTNOTE = "find its note in the published plan and keep what it says in a value's note if it matters"


def test_a_footnote_mark_after_a_name_is_no_unit_and_is_told_in_the_review():
    imported = imported_from(
        ["投入", "1", "研发人员数（人）(注1)", "100", "200"],
        ["投入", "2", "R&D经费投入强度（%）①", "2.1", "2.5"],
        ["投入", "3", "专利授权数（件）[1]", "50", "80"],
        ["投入", "4", "技术合同成交额（亿元）注2", "3", "6"],
        ["投入", "5", "万人发明专利拥有量（件）*¹", "10", "12"],
        ["投入", "6", "研发机构数①（个）", "7", "9"],
    )
    read = [(i["name_zh"], i["unit_zh"], i["core"], i["kind"]) for i in imported.indicators]
    assert read == [("研发人员数", "人", False, "count"), ("R&D经费投入强度", "%", False, "share"),
                    ("专利授权数", "件", False, "count"), ("技术合同成交额", "亿元", False, "amount"),
                    ("万人发明专利拥有量", "件/万人", True, "intensity"),
                    ("研发机构数", "个", False, "count")]
    names = {row["where"]: (row["read_as"], row["action"], row["confirmed"]) for row in imported.review
             if row["where"].endswith("column 3")}
    assert names["table 1, row 2, column 3"] == (
        f"indicator 1: 研发人员数, unit 人, footnote mark (注1): {FOOTNOTE}", "split", "")
    assert names["table 1, row 3, column 3"][0] == f"indicator 2: R&D经费投入强度, unit %, footnote mark ①: {FOOTNOTE}"
    assert names["table 1, row 4, column 3"][0] == f"indicator 3: 专利授权数, unit 件, footnote mark [1]: {FOOTNOTE}"
    assert names["table 1, row 5, column 3"][0] == (
        f"indicator 4: 技术合同成交额, unit 亿元, footnote mark 注2: {FOOTNOTE}")
    assert names["table 1, row 6, column 3"][0] == (
        f"indicator 5: 万人发明专利拥有量, unit 件/万人 (printed 件, completed from 万人 in the name), core, "
        f"footnote mark ¹: {FOOTNOTE}")
    assert names["table 1, row 7, column 3"][0] == f"indicator 6: 研发机构数, unit 个, footnote mark ①: {FOOTNOTE}"


def test_a_core_mark_before_the_unit_or_after_the_number_makes_a_core_indicator_told_in_the_review():
    from analysis.publish.imports import _indicator_rows

    imported = imported_from(
        ["投入", "1", "高新技术企业数*（家）", "380", "500"],
        ["投入", "3*", "企业研发投入（亿元）", "20", "30"],
        ["投入", "4", "研发人员数（人）", "100", "200"],
    )
    read = [(i["indicator_id"], i["name_zh"], i["unit_zh"], i["core"]) for i in imported.indicators]
    assert read == [(1, "高新技术企业数", "家", True), (3, "企业研发投入", "亿元", True),
                    (4, "研发人员数", "人", False)]
    assert [row[10] for row in _indicator_rows(imported)] == ["true", "true", "false"]  # indicators.csv: core
    review = {(row["where"], row["text"]): (row["read_as"], row["action"]) for row in imported.review
              if not row["read_as"].startswith("no indicator printed with the number 2")}  # 1, 3*, 4: no 2
    assert review[("table 1, row 2, column 3", "高新技术企业数*（家）")] == (
        "indicator 1: 高新技术企业数, unit 家, core", "split")
    assert review[("table 1, row 3, column 2", "3*")] == ("indicator 3, core", "split")
    assert review[("table 1, row 3, column 3", "企业研发投入（亿元）")] == (
        "indicator 3: 企业研发投入, unit 亿元", "split")


def test_a_note_under_the_table_is_no_indicator_and_is_told_in_the_review():
    """注1：不含外观设计专利 across the table's width (a merged cell repeats it in every column) is no indicator 3;
    每万人新增注册企业数 (注 with no colon) stays one."""
    note = "注1：不含外观设计专利"
    imported = imported_from(
        ["投入", "1", "专利授权数（件）(注1)", "50", "80"],
        ["投入", "2", "注册企业数（家）", "10", "12"],
        [note] * 5,
    )
    assert [(i["indicator_id"], i["name_zh"]) for i in imported.indicators] == [(1, "专利授权数"), (2, "注册企业数")]
    [told] = [row for row in imported.review if row["text"] == note]
    assert (told["where"], told["action"], told["confirmed"]) == ("table 1, row 4, column 1", "skip", "")
    assert told["read_as"].startswith("a note under the table, not an indicator")


def test_full_width_digits_are_read_as_the_number_for_a_person_to_confirm():
    imported = imported_from(
        ["投入", "1", "研发人员数（人）", "３５.５", "40"],
    )
    [cell] = [row for row in imported.review if row["text"] == "３５.５"]
    assert (cell["read_as"], cell["action"], cell["confirmed"]) == ("indicator 1 2020 baseline: 35.5", "guess", "")


def test_a_number_printed_once_beside_a_national_and_a_provincial_series_waits_for_a_person_to_place_it():
    """国800/省900 beside 1200: the 1200 is national, provincial, each or their total, which only a person can tell;
    it is no third series with an empty name, and no reading confirmed already."""
    from analysis.publish.imports import _indicator_rows

    imported = imported_from(
        ["产出", "1", "有效发明专利（件）", "国800/省900", "1200"],
        ["产出", "2", "研发人员数（人）", "≥1000", "国1200/省1500"],    # the other way round, a bound
        ["投入", "3", "科技创新基地（个）", "69", "87"],                  # a parent row's numbers above its series
        ["投入", "3", "国家级", "3", "7"],
        ["投入", "3", "省级", "66", "80"],
    )
    assert [row[:2] for row in _indicator_rows(imported)] == [  # indicators.csv: indicator_id, series
        [1, "national"], [1, "provincial"], [2, "national"], [2, "provincial"], [3, "national"], [3, "provincial"]]
    values = {(v["indicator_id"], v["series"], v["year"], v["value_type"], v["value"]) for v in imported.values}
    assert values == {(1, "national", 2020, "baseline", "800"), (1, "provincial", 2020, "baseline", "900"),
                      (2, "national", 2025, "target", "1200"), (2, "provincial", 2025, "target", "1500"),
                      (3, "national", 2020, "baseline", "3"), (3, "national", 2025, "target", "7"),
                      (3, "provincial", 2020, "baseline", "66"), (3, "provincial", 2025, "target", "80")}
    review = {row["where"]: (row["text"], row["read_as"], row["action"], row["confirmed"]) for row in imported.review}
    place = ("one number beside the series national and provincial: it is in no series of values.csv; add it there "
             "under the one it belongs to (or each), or leave it out if it is their total")
    assert review["table 1, row 2, column 5"] == ("1200", f"indicator 1 2025 target: 1200, {place}", "fill", "")
    assert review["table 1, row 3, column 4"] == (
        "≥1000", f"indicator 2 2020 baseline: 1000 (at_least), {place}", "fill", "")
    assert review["table 1, row 4, column 4"] == ("69", f"indicator 3 2020 baseline: 69, {place}", "fill", "")
    assert review["table 1, row 4, column 5"] == ("87", f"indicator 3 2025 target: 87, {place}", "fill", "")
    # its row says
    assert review["table 1, row 5, column 5"] == ("7", "indicator 3 national 2025 target: 7", "read", "yes")


def test_a_number_printed_twice_is_read_as_the_next_free_one_and_a_number_missing_is_told_in_the_review():
    """序号 1, 1, 4: two indicators 1 would be one indicator with two targets for the same year; the second is read
    as 2, and the 3 that no row prints (nor is read as) is a row of the review too (a row lost, or a misprint)."""
    imported = imported_from(
        ["投入", "1", "研发强度（%）", "2.3", "3.0"],
        ["投入", "1", "研发人员（人）", "4000", "5000"],
        ["投入", "4", "专利（件）", "100", "80以上"],
    )
    assert [(i["indicator_id"], i["name_zh"]) for i in imported.indicators] == [(1, "研发强度"), (2, "研发人员"),
                                                                               (4, "专利")]
    targets = [(v["indicator_id"], v["value"]) for v in imported.values if v["value_type"] == "target"]
    assert targets == [(1, "3.0"), (2, "5000"), (4, "80")]
    review = {row["where"]: (row["text"], row["read_as"], row["action"], row["confirmed"]) for row in imported.review}
    assert review["table 1, row 3, column 2"] == (
        "1", "indicator 2: the number 1 again (indicator 1 is at table 1, row 2, column 2), read as 2; check the "
             "published plan and correct indicator_id in indicators.csv and values.csv if it is another", "guess", "")
    assert review["table 1, row 4, column 2"] == (
        "4", "no indicator printed with the number 3 (before 4): find it in the published plan (a row lost when the "
             "file was saved, or a number printed wrong) and give it in indicators.csv and values.csv under its "
             "number, or confirm that the plan has none", "fill", "")
    assert review["table 1, row 3, column 3"][1] == "indicator 2: 研发人员, unit 人"


def test_numbers_again_from_1_under_a_category_and_a_number_that_is_no_plain_number_give_indicators_of_their_own():
    imported = imported_from(
        ["投入", "1", "研发机构数（个）", "1", "2"],
        ["投入", "2", "孵化器数（个）", "1", "2"],
        ["产出", "1", "专利数（件）", "1", "2"],       # again from 1: the next number no row prints, 3
        ["产出", "6", "商标数（件）", "1", "2"],       # 3 to 5 printed by no row
        ["产出", "①", "论文数（篇）", "1", "2"],      # ① is 1, again: the next no row prints, 7
    )
    assert [i["indicator_id"] for i in imported.indicators] == [1, 2, 3, 6, 7]
    review = {row["where"]: (row["read_as"], row["action"]) for row in imported.review}
    assert review["table 1, row 4, column 2"] == (
        "indicator 3: the number 1 again (indicator 1 is at table 1, row 2, column 2), read as 3; check the published "
        "plan and correct indicator_id in indicators.csv and values.csv if it is another", "guess")
    assert review["table 1, row 5, column 2"][0].startswith(
        "no indicator printed with the number 4–5 (before 6): find it in")
    assert review["table 1, row 6, column 2"] == (
        "indicator 7: the number 1 again (indicator 1 is at table 1, row 2, column 2), read as 7; check the published "
        "plan and correct indicator_id in indicators.csv and values.csv if it is another", "guess")


CHECK = "check the published plan and correct indicator_id in indicators.csv and values.csv if it is another"


def test_a_number_printed_otherwise_or_not_at_all_is_kept_where_it_is_one_and_told_where_the_draft_uses_another():
    """序号 empty, 9.1, a letter: no number to keep, each read as the next number no row prints; （二）, ５, 6. and 十二
    are the numbers 2, 5, 6 and 12 and are kept. Each row whose number is not printed in the digits the draft writes
    (6. is 6 as printed) is a row of the review saying what was printed and what the draft uses, never a number
    changed in silence."""
    imported = imported_from(
        ["投入", "", "研发强度（%）", "2.3", "3.0"],
        ["投入", "9.1", "研发人员（人）", "4000", "5000"],
        ["投入", "a", "专利（件）", "100", "120"],
        ["投入", "（二）", "论文（篇）", "10", "20"],
        ["投入", "５", "商标（件）", "10", "20"],
        ["投入", "6.", "平台（个）", "10", "20"],
        ["投入", "十二", "基地（个）", "10", "20"],
        ["投入", "13", "园区（个）", "1", "2"],
    )
    # printed: 2, 5, 6, 12 and 13; the rows with none take 1, 3 and 4, the first numbers no row prints
    assert [(i["indicator_id"], i["name_zh"]) for i in imported.indicators] == [
        (1, "研发强度"), (3, "研发人员"), (4, "专利"), (2, "论文"), (5, "商标"), (6, "平台"), (12, "基地"),
        (13, "园区")]
    assert {(v["indicator_id"], v["value"]) for v in imported.values if v["value_type"] == "target"} == {
        (1, "3.0"), (3, "5000"), (4, "120"), (2, "20"), (5, "20"), (6, "20"), (12, "20"), (13, "2")}
    numbers = {row["where"]: (row["text"], row["read_as"], row["action"], row["confirmed"]) for row in imported.review
               if row["read_as"].startswith("indicator") and row["where"].endswith("column 2")}
    assert numbers == {
        "table 1, row 2, column 2": (
            "", f"indicator 1: no number printed: read as 1, the next number no row prints; {CHECK}", "guess", ""),
        "table 1, row 3, column 2": ("9.1", "indicator 3: the number printed is 9.1, no whole number: read as 3, the "
                                     f"next number no row prints; {CHECK}", "guess", ""),
        "table 1, row 4, column 2": ("a", "indicator 4: the number printed is a, no whole number: read as 4, the next "
                                   f"number no row prints; {CHECK}", "guess", ""),
        "table 1, row 5, column 2": (
            "（二）", f"indicator 2: the number printed is （二）, read as 2; {CHECK}", "guess", ""),
        "table 1, row 6, column 2": ("５", f"indicator 5: the number printed is ５, read as 5; {CHECK}", "guess", ""),
        "table 1, row 8, column 2": (
            "十二", f"indicator 12: the number printed is 十二, read as 12; {CHECK}", "guess", "")}
    # the numbers no row prints and the draft gives no row, told before the next printed: 7–11 (1, 3 and 4 are held)
    gaps = [(row["where"], row["read_as"].split(":")[0]) for row in imported.review
            if row["read_as"].startswith("no indicator printed")]
    assert gaps == [("table 1, row 8, column 2", "no indicator printed with the number 7–11 (before 12)")]


def test_a_number_the_draft_gave_a_row_is_never_told_as_missing():
    """9.1 read as 3, a row with no number as 4, ① (1 again) as 6 and a second 5 as 9: the review asks a person to
    add no indicator 3, 4, 6 or 9, which the draft holds already (two of a number); only 10–11 are missing."""
    imported = imported_from(
        ["投入", "一", "研发强度（%）", "2.1", "2.8"],
        ["投入", "（二）", "研发人员数（人）", "5000", "8000"],
        ["投入", "9.1", "高新技术企业数（家）", "300", "600"],
        ["投入", "", "技术合同成交额（亿元）", "30", "50"],
        ["投入", "①", "专利授权量（件）", "1000", "1500"],
        ["产出", "5", "重点实验室（个）", "2", "4"],
        ["产出", "5", "万元GDP能耗（吨标准煤）", "0.5", "0.45"],
        ["产出", "十二", "科技进步贡献率（%）", "55", "60"],
        ["产出", "7", "论文数（篇）", "1", "2"],
        ["产出", "8", "商标数（件）", "1", "2"],
    )
    assert [i["indicator_id"] for i in imported.indicators] == [1, 2, 3, 4, 6, 5, 9, 12, 7, 8]
    gaps = [(row["where"], row["text"], row["read_as"].split(":")[0]) for row in imported.review
            if row["read_as"].startswith("no indicator printed")]
    assert gaps == [("table 1, row 9, column 2", "十二", "no indicator printed with the number 10–11 (before 12)")]


NUMBER_HEADER = ["序号", "指标", "2020年基础值", "2025年目标值"]


def test_category_headings_numbered_with_chinese_numerals_are_the_categories_of_the_indicators_under_them():
    """一 创新投入 with no values above indicators 1 and 2: a category heading, no indicator; so is 二、创新产出
    printed across the table's width. Indicators numbered 一, 二 with values are indicators 1 and 2; a parent row
    above its 国家级 and 省级 rows is no heading, and a heading with no indicator under it (the table's last row) is
    an indicator."""
    imported = read_plan_table([Grid(1, [
        NUMBER_HEADER,
        ["一", "创新投入", "", ""],
        ["1", "研发强度（%）", "2.3", "3.0"],
        ["2", "科技创新基地（个）", "", ""],
        ["", "国家级", "3", "7"],
        ["", "省级", "66", "80"],
        ["二、创新产出"] * 4,
        ["3", "专利（件）", "100", "120"],
        ["四", "创新生态", "", ""],
    ])], "plan.html", "en")
    assert [(i["indicator_id"], i["category_zh"], i["name_zh"], i["series"]) for i in imported.indicators] == [
        (1, "创新投入", "研发强度", [""]), (2, "创新投入", "科技创新基地", ["national", "provincial"]),
        (3, "创新产出", "专利", [""]), (4, "创新产出", "创新生态", [])]
    headings = [(row["where"], row["text"], row["read_as"], row["action"]) for row in imported.review
                if "category" in row["read_as"] and "heading" in row["read_as"]]
    assert headings == [
        ("table 1, row 2, column 2", "创新投入",
         "a category heading, not an indicator: category 创新投入 of indicators 1, 2", "guess"),
        ("table 1, row 7, column 2", "二、创新产出",
         "a category heading, not an indicator: category 创新产出 of indicators 3, 4", "guess")]
    # 四 is a number the draft writes otherwise: told; nothing is read from the headings' cells
    assert [row["read_as"] for row in imported.review if row["where"] == "table 1, row 9, column 1"] == [
        f"indicator 4: the number printed is 四, read as 4; {CHECK}"]
    assert not [row for row in imported.review
                if row["where"].startswith(("table 1, row 2, column 3", "table 1, row 7, column 3"))]

    # a heading with no number where the table numbers its rows; a row like it above 国家级 and 省级 is their parent
    unnumbered = read_plan_table([Grid(1, [
        NUMBER_HEADER, ["1", "孵化器（个）", "3", "5"], ["", "创新环境", "", ""], ["", "科技创新基地（个）", "", ""],
        ["", "国家级", "3", "7"], ["", "省级", "66", "80"], ["3", "专利（件）", "1", "2"]])], "plan.html", "en")
    assert [(i["indicator_id"], i["category_zh"], i["name_zh"], i["series"]) for i in unnumbered.indicators] == [
        (1, "", "孵化器", [""]), (2, "创新环境", "科技创新基地", ["national", "provincial"]),
        (3, "创新环境", "专利", [""])]
    assert [(row["where"], row["read_as"]) for row in unnumbered.review
            if row["read_as"].startswith(("a category", "indicator 2: no number"))] == [
        ("table 1, row 3, column 2", "a category heading, not an indicator: category 创新环境 of indicators 2, 3"),
        ("table 1, row 4, column 1",
         f"indicator 2: no number printed: read as 2, the next number no row prints; {CHECK}")]

    numbered = read_plan_table([Grid(1, [NUMBER_HEADER, ["一", "研发强度（%）", "2.3", "3.0"],
                                         ["二", "专利（件）", "100", "120"]])], "plan.html", "en")
    assert [(i["indicator_id"], i["category_zh"]) for i in numbered.indicators] == [(1, ""), (2, "")]
    assert [row["read_as"] for row in numbered.review if row["where"].endswith("column 1")] == [
        f"indicator 1: the number printed is 一, read as 1; {CHECK}",
        f"indicator 2: the number printed is 二, read as 2; {CHECK}"]


def test_a_word_tables_category_headings_merged_across_its_width_are_no_indicators(tmp_path):
    import docx

    document = docx.Document()
    rows = [NUMBER_HEADER, ["一、创新投入"], ["1", "研发强度（%）", "2.3", "3.0"],
            ["2", "研发人员（人）", "4000", "5000"], ["二、创新产出"], ["3", "专利（件）", "100", "120"]]
    table = document.add_table(rows=len(rows), cols=4)
    for index, row in enumerate(rows):
        if len(row) == 1:
            table.cell(index, 0).merge(table.cell(index, 3)).text = row[0]
        for column, text in enumerate(row if len(row) > 1 else []):
            table.cell(index, column).text = text
    document.save(tmp_path / "plan.docx")
    imported = read_plan_table(read_tables(tmp_path / "plan.docx"), "plan.docx", "en")
    assert [(i["indicator_id"], i["category_zh"], i["name_zh"]) for i in imported.indicators] == [
        (1, "创新投入", "研发强度"), (2, "创新投入", "研发人员"), (3, "创新产出", "专利")]
    assert imported.target_years == [2025] and len(imported.values) == 6
    assert not [row for row in imported.review if row["action"] == "fill" and "not a number" in row["read_as"]]


def test_each_category_is_told_once_for_the_indicators_it_spans_and_a_category_printed_again_is_asked_about():
    """A category cell merged down its rows stands in each row: it is one row of the review, naming its indicators;
    the same category again after another (two categories of one name, or rows out of place) is a question. One
    indicator is "indicator 3", never "indicators 3"."""
    imported = imported_from(
        ["创新投入", "1", "研发强度（%）", "2.3", "3.0"],
        ["创新投入", "2", "研发人员（人）", "4000", "5000"],
        ["创新产出", "3", "专利（件）", "100", "120"],
        ["创新投入", "4", "研发机构（个）", "10", "20"],
    )
    categories = [(row["where"], row["text"], row["read_as"], row["action"]) for row in imported.review
                  if row["where"].endswith("column 1")]
    assert categories == [
        ("table 1, row 2, column 1", "创新投入", "category 创新投入 of indicators 1, 2", "read"),
        ("table 1, row 4, column 1", "创新产出", "category 创新产出 of indicator 3", "read"),
        ("table 1, row 5, column 1", "创新投入", "category 创新投入 of indicator 4; 创新投入 is printed at table 1, "
                                               "row 2, column 1 too: one category, or two of one name? Give each its "
                                               "own category_zh if they are two", "guess")]


CHECK_ZH = "请对照公开发布的方案核对，序号如有不同，请在 indicators.csv 和 values.csv 中改正 indicator_id"


def test_a_chinese_tables_review_is_written_in_chinese_quoting_the_table_as_printed():
    """The readings a Chinese researcher checks are in Chinese, as the table is: what they quote from it (（四）, 9.1,
    创新投入) as printed, the codes they type (indicator_id, national, at_least, category_zh) as the files spell
    them."""
    table = [HEADER,
             ["创新投入", "1", "R&D经费投入强度（%）*", "2.3", "≥3.0"],
             ["创新投入", "1", "研发人员数（人，全时当量）①", "4000", "翻一番"],
             ["创新产出", "（四）", "科技创新基地（个）", "国3/省66", "国7/省80"],
             ["创新产出", "", "技术合同成交额（亿元）", "３５.５", "前18位"],
             ["创新投入", "9.1", "创新生态", "较好", "定性"],
             ["注1：不含外观设计专利"] * 5]
    imported = read_plan_table([Grid(1, table)], "plan.html")
    assert imported.language == "zh"
    review = [(row["where"], row["text"], row["read_as"], row["action"]) for row in imported.review]
    assert review[:26] == [
        ("表1第7行第1列", "注1：不含外观设计专利",
         "表下注释，不是指标：请找出它说明的数值，如有必要，把它写入该数值的 note", "skip"),
        ("表1第2行第3列", "R&D经费投入强度（%）*", "指标1：R&D经费投入强度，单位为%，核心指标", "split"),
        ("表1第2行第4列", "2.3", "指标1 2020年基础值：2.3", "read"),
        ("表1第2行第5列", "≥3.0", "指标1 2025年目标值：3.0（下限，不低于：at_least）", "guess"),
        ("表1第3行第2列", "1", f"指标2：序号1重复（指标1在表1第2行第2列），按2读取；{CHECK_ZH}", "guess"),
        ("表1第3行第3列", "研发人员数（人，全时当量）①",
         "指标2：研发人员数，单位为人（全时当量：如有必要，写入数值的 note），脚注标记 ①：请在公开发布的方案中找到该"
         "脚注，如有必要，把其内容写入数值的 note", "split"),
        ("表1第3行第4列", "4000", "指标2 2020年基础值：4000", "read"),
        ("表1第3行第5列", "翻一番", "指标2 2025年目标值：2（basis 为 multiple：基础值的倍数）", "guess"),
        ("表1第4行第2列", "（四）", f"指标4：印出的序号为“（四）”，按4读取；{CHECK_ZH}", "guess"),
        ("表1第4行第3列", "科技创新基地（个）", "指标4：科技创新基地，单位为个", "split"),
        ("表1第4行第4列", "国3/省66", "指标4 2020年基础值：拆为国家级（national）3、省级（provincial）66", "split"),
        ("表1第4行第5列", "国7/省80", "指标4 2025年目标值：拆为国家级（national）7、省级（provincial）80", "split"),
        ("表1第5行第2列", "", f"指标5：未印序号，按5读取，即各行都未印出的下一个序号；{CHECK_ZH}", "guess"),
        ("表1第5行第3列", "技术合同成交额（亿元）", "指标5：技术合同成交额，单位为亿元", "split"),
        ("表1第5行第4列", "３５.５", "指标5 2020年基础值：35.5", "guess"),
        ("表1第5行第5列", "前18位", "指标5 2025年目标值：18（位次：rank）", "guess"),
        ("表1第6行第2列", "9.1",
         f"指标6：印出的序号为“9.1”，不是整数，按6读取，即各行都未印出的下一个序号；{CHECK_ZH}", "guess"),
        ("表1第6行第3列", "创新生态", "指标6：创新生态", "read"),
        ("表1第6行第4列", "较好",
         "指标6 2020年基础值：不是数值；请在 values.csv 中填写数值，或把该指标改为定性指标（kind 为 qualitative）",
         "fill"),
        ("表1第4行第2列", "（四）", "没有一行印出序号3（在4之前）：请在公开发布的方案中查找（可能是保存文件"
                                   "时丢失了一行，或序号印错），按其序号补入 indicators.csv 和 values.csv；如方案本就"
                                   "没有该序号，请确认", "fill"),
        ("表1第2行第1列", "创新投入", "类别“创新投入”，含指标1、2", "read"),
        ("表1第4行第1列", "创新产出", "类别“创新产出”，含指标4、5", "read"),
        ("表1第6行第1列", "创新投入", "类别“创新投入”，含指标6；“创新投入”也印在表1第2行第1列：是同一个类别，还是"
                                      "同名的两个类别？如是两个，请分别给出各自的 category_zh", "guess"),
        ("表1第2行", "R&D经费投入强度", "指标1：kind 推断为 share（比重，%），direction 推断为 at_least（每年不低于"
                                     "目标），依据单位 % 和指标名称", "guess"),
        ("表1第2行", "R&D经费投入强度", "指标1：请在 indicators.csv 中填写 category_en、name_en、short_name_zh、"
                                     "short_name_en 和 unit_en（英文类别、英文名称、中英文简称、英文单位）", "fill"),
        ("表1第3行", "研发人员数", "指标2：kind 推断为 count（数量），direction 推断为 higher（越高越好），依据单位"
                                " 人 和指标名称", "guess")]
    kinds = [row["read_as"] for row in imported.review if "kind 推断为" in row["read_as"]]
    assert kinds[2:] == [
        "指标4：kind 推断为 count（数量），direction 推断为 higher（越高越好），依据单位 个 和指标名称",
        "指标5：kind 推断为 rank（位次），direction 推断为 lower（越低越好），依据单位 亿元 和指标名称",
        "指标6：kind 推断为 qualitative（定性），direction 推断为 none（定性，无方向），依据指标名称（表中未印单位）"]
    # what the files hold is the same in either language: only the readings are told otherwise
    english = read_plan_table([Grid(1, table)], "plan.html", "en")
    assert english.language == "en"
    assert [{k: v for k, v in value.items() if k != "review"} for value in english.values] == [
        {k: v for k, v in value.items() if k != "review"} for value in imported.values]
    assert english.indicators == imported.indicators
    assert [row["read_as"] for row in english.review][:2] == [
        "a note under the table, not an indicator: find what it explains and keep it in that value's note if it "
        "matters", "indicator 1: R&D经费投入强度, unit %, core"]


def test_a_chinese_tables_series_headings_and_guessed_columns_are_told_in_chinese():
    imported = read_plan_table([Grid(1, [
        ["一级指标", "序号", "二级指标", "2020年", "2025年目标值"],   # 2020年: a baseline, guessed
        ["", "一", "创新投入", "", ""],                              # a heading whose rows have categories of their own
        ["投入", "1", "科技创新基地（个）", "5", ""],                  # a number beside its 国家级 and 省级 rows
        ["投入", "", "国家级", "3", "7"],
        ["投入", "", "省级", "66", "80"],
    ])], "plan.html")
    review = {row["where"]: (row["text"], row["read_as"], row["action"]) for row in imported.review}
    assert review["表1第1行第4列"] == ("2020年", "2020年基础值（表头未写明是基础值还是目标值，按年份推断）", "guess")
    assert review["表1第2行第3列"] == (
        "创新投入", "类别标题，不是指标：类别“创新投入”，不含任何指标（其下各行各有自己的类别）", "guess")
    assert review["表1第3行第4列"] == (
        "5", "指标1 2020年基础值：5，与国家级（national）、省级（provincial）序列并列的一个数值：不在 values.csv 的"
             "任何序列中；请把它补在所属的序列下（或每个序列下），如是各序列的合计则不补", "fill")
    assert review["表1第4行第4列"] == ("3", "指标1国家级2020年基础值：3", "read")
    assert review["表1第5行第5列"] == ("80", "指标1省级2025年目标值：80", "read")


def test_a_chinese_tables_draft_asks_for_what_no_table_gives_in_chinese(tmp_path, national_table, project_tmp):
    _, (header, rows) = national_table
    source = write_docx(tmp_path / "十二五规划指标.docx", header, rows)
    folder = project_tmp / "imports" / "national-zh"
    imported, _ = import_plan(source, folder, "national-zh")
    assert imported.language == "zh"
    review = pd.read_csv(folder / "review.csv", dtype=str, keep_default_na=False)
    placeholder = "{zh: （待填写）, en: (to fill)}"
    to_fill = "（{zh: …, en: …}），替换（待填写）和 (to fill)"
    assert review[review["where"] == "plan.yml"].drop(columns="where").values.tolist() == [
        [f"city: {placeholder}", f"city：表中没有：请在 plan.yml 中以中英文写出城市名称{to_fill}", "fill", ""],
        [f"title: {placeholder}", f"title：表中没有：请在 plan.yml 中以中英文写出方案标题{to_fill}", "fill", ""],
        [f"issuer: {placeholder}", f"issuer：表中没有：请在 plan.yml 中以中英文写出发布机关{to_fill}", "fill", ""],
        ["published: 2011", "published：推断为基期的次年：请写出方案发布的年份", "guess", ""],
        ["base_year: 2010", "base_year：推断为表中最早的基础值年份：请对照方案核对", "guess", ""],
        ["evaluations: {2015: final}",
         "evaluations：据目标值年份推断，最后一年为总结评估：请对照方案中有关评估的安排核对", "guess", ""]]
    # the columns and the action words stay as check_review reads them
    assert list(review.columns) == ["where", "text", "read_as", "action", "confirmed"]
    assert set(review["action"]) == {"read", "split", "guess", "fill"}
    assert (review["read_as"].str.contains("indicator ") | review["read_as"].str.contains(" the ")).sum() == 0
    open_rows = (review["action"] != "read").sum()
    assert (folder / "README.md").read_text(encoding="utf-8") == (
        "# 方案草稿（读自 十二五规划指标.docx）\n\n"
        "`十二五规划指标.docx` 中的表1已读入 `indicators.csv` 和 `values.csv`（格式见 docs/new-plan.md）。`review.csv` "
        f"列出读取的每个单元格及其在公开发布的表格中的位置；其中{open_rows}行是拆分、推断或缺漏，须由人对照表格逐行核"
        "对，必要时改正这两个 CSV 文件并补上英文名称，然后在 `confirmed` 列填写 yes。表格不含 `plan.yml` 中的 "
        "`city`、`title` 和 `issuer`（城市名称、方案标题、发布机关），现写作（待填写）和 (to fill)，请改为方案本身"
        "的中英文表述；其中的年份据表头推断，请核对。review.csv 的每一行都确认之前，本草稿不作为方案读取；全部确认"
        "后，把本文件夹移到 `data/raw/<name>/`。\n")
    text = (folder / "plan.yml").read_text(encoding="utf-8")
    assert text.splitlines()[:3] == [
        "# 从公开发布的表格读取的草稿（python -m analysis import-plan）：请逐行核对本文件，再核对 review.csv 的各行，",
        "# 然后把本文件夹移到 data/raw/national-zh/（文件夹改名时，下面的 name: 须改为同一名称）。",
        "name: national-zh"]
    assert f"city: {placeholder}   # 待填写：城市名称，中英文\n" in text
    assert "base_year: 2010                     # 推断：表中最早的基础值年份\n" in text
    # what a plan calls itself, which no table gives: a 规划 left without it would be called 方案 in every report
    assert ("# subject: {zh: …, en: …}   # 可选：报告标题中的指标主题（如 科技创新主要指标）\n"
            "# plan_word: {zh: 规划, en: plan}   "
            "# 可选：方案的自称；不写则报告一律称之为“方案”（plan）\n"
            "published: 2011") in text
    # the plan.yml written in Chinese reads as the English one does, once a person fills it
    for key in ("city", "title", "issuer"):
        text = text.replace(f"{key}: {placeholder}", f"{key}: {{zh: 中国{key}, en: China {key}}}")
    (folder / "plan.yml").write_text(text, encoding="utf-8")
    assert (load_plan(folder).base_year, load_plan(folder).evaluations) == (2010, {2015: "final"})
    # the line uncommented, as a person does for a 规划: read as the plan's word
    (folder / "plan.yml").write_text(text.replace("# plan_word: ", "plan_word: "), encoding="utf-8")
    assert load_plan(folder).plan_word == {"zh": "规划", "en": "plan"}


def test_a_drafts_placeholders_and_its_readings_to_confirm_are_told_in_one_run(tmp_path, national_table, project_tmp,
                                                                              capsys):
    """A draft's first data run tells the plan.yml keys to fill and the readings of review.csv to confirm together:
    the person works through both at once (the readings came a run after the placeholders)."""
    _, (header, rows) = national_table
    source = write_docx(tmp_path / "十二五规划指标.docx", header, rows)
    output = project_tmp / "interim"
    assert cli.main(["import-plan", str(source), "--name", "draft", "--output-dir", relative(output),
                     "--lang", "en"]) == 0
    capsys.readouterr()
    assert cli.main(["data", "--plan", relative(output / "draft"),
                     "--processed-dir", relative(project_tmp / "processed")]) == 2
    told = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error: ")]
    assert [line.split(": ")[2] for line in told] == ["city", "title", "issuer", "confirmed"]
    assert told[-1].split("review.csv:", 1)[1].startswith("2: confirmed: ")


def test_cells_values_csv_can_write_are_read_as_it_writes_them_for_a_person_to_confirm():
    """A relative target (下降10%, 增长20%: basis percent, the change without its sign), a % in a % indicator, a spaced
    thousands, a core mark after a number, 前10 without 位, 力争 (a note), a range (within, its upper bound in upper)
    and 约 (about, a note) are what values.csv can hold (docs/data.md): each read, told as a guess, never "not a
    number"; what it cannot hold gets advice of its own."""
    imported = imported_from(
        ["投入", "1", "能源消耗（吨标准煤）", "0.5", "下降10%"],
        ["投入", "2", "技术合同成交额（亿元）", "50", "增长20%"],
        ["投入", "3", "数字经济占比（%）", "7.5", "10%"],
        ["投入", "4", "高新技术企业（家）", "1200", "2 000"],
        ["投入", "5", "发明专利授权量（件）", "500", "800*"],
        ["投入", "6", "创新能力名次", "15", "前10"],
        ["投入", "7", "研发人员（人）", "30", "35（力争40）"],
        ["投入", "8", "科技服务业增加值（亿元）", "10", "控制在12—15"],
        ["投入", "9", "专利（件）", "20", "2.8-3.2"],
        ["投入", "10", "科技人才（万人）", "约10", "15左右"],
        ["投入", "11", "科技人员（人年）", "2.5万", "4万"],
        ["投入", "12", "能耗下降（%）", "—", "[13.5]"],
        ["投入", "13", "企业数（家）", "10", "20%"],
    )
    values = {(v["indicator_id"], v["year"]): (v["value"], v["basis"], v["upper"], v["note"]) for v in imported.values}
    assert values == {
        (1, 2020): ("0.5", "", "", ""), (1, 2025): ("10", "percent", "", ""),
        (2, 2020): ("50", "", "", ""), (2, 2025): ("20", "percent", "", ""),
        (3, 2020): ("7.5", "", "", ""), (3, 2025): ("10", "", "", ""),
        (4, 2020): ("1200", "", "", ""), (4, 2025): ("2000", "", "", ""),
        (5, 2020): ("500", "", "", ""), (5, 2025): ("800", "", "", ""),
        (6, 2020): ("15", "", "", ""), (6, 2025): ("10", "", "", ""),
        (7, 2020): ("30", "", "", ""), (7, 2025): ("35", "", "", "力争40"),
        (8, 2020): ("10", "", "", ""), (8, 2025): ("12", "", "15", ""),
        (9, 2020): ("20", "", "", ""), (9, 2025): ("2.8", "", "3.2", ""),
        (10, 2020): ("10", "", "", "约10"), (10, 2025): ("15", "", "", "15左右"),
        (11, 2020): ("25000", "", "", ""), (11, 2025): ("40000", "", "", ""),
        (13, 2020): ("10", "", "", "")}
    kinds = {i["indicator_id"]: (i["kind"], i["direction"], i["core"]) for i in imported.indicators}
    assert kinds[1][1] == "lower" and kinds[2][1] == "higher"       # the way of the change the plan writes
    assert kinds[5] == ("count", "higher", True)                     # 800*: a core indicator
    assert kinds[6][:2] == ("rank", "lower")
    assert kinds[8][1] == kinds[9][1] == "within"
    review = {row["text"]: (row["read_as"], row["action"], row["confirmed"]) for row in imported.review
              if row["where"].endswith(("column 4", "column 5"))}
    assert review["下降10%"] == ("indicator 1 2025 target: 10 (basis percent: a fall from the base value, without its "
                               "sign; direction lower)", "guess", "")
    assert review["10%"][:2] == ("indicator 3 2025 target: 10 (% is the indicator's unit: dropped)", "guess")
    assert review["2 000"][:2] == ("indicator 4 2025 target: 2000 (its thousands separator dropped)", "guess")
    assert review["800*"][:2] == ("indicator 5 2025 target: 800, core", "split")
    assert review["35（力争40）"][:2] == ("indicator 7 2025 target: 35 (力争40 kept in note)", "guess")
    assert review["控制在12—15"][:2] == (
        "indicator 8 2025 target: 12–15 (within: a range, its upper bound 15 in upper)", "guess")
    assert review["约10"][:2] == ("indicator 10 2020 baseline: 10 (about: 约10 kept in note)", "guess")
    assert review["[13.5]"][1:] == ("fill", "")
    assert review["[13.5]"][0].startswith("indicator 12 2025 target: a number in brackets, often what the plan's "
                                          "years add up to")
    # a total is marked and typed as a running total from 0, the number the total to reach by its year: not "find
    # which year"
    assert ("a total is marked running_total true in indicators.csv and typed as a running total, a baseline of 0 in "
            "the base year and this number as the total to reach by 2025, each actual value the total since the base "
            "year") in review["[13.5]"][0]
    assert review["20%"][0].startswith("indicator 13 2025 target: printed with %, but the unit is 家")
    assert not any("not a number" in reading for reading, _, _ in review.values())


def test_a_rank_a_unit_and_a_count_per_people_or_per_output_are_guessed_as_the_project_types_them():
    """位 or 排名/位次 is a place in a ranking (rank, lower); a unit printed means a number, whatever the cells; 每万人
    and 万元GDP count per people or per output: an intensity, its unit per what the name says (as the typed plans
    write 件/万人), never a count."""
    imported = imported_from(
        ["产出", "1", "城市创新能力排名（位）", "15", "10"],
        ["产出", "2", "创新能力位次", "12", "8"],
        ["产出", "3", "科技企业孵化器（家）", "若干", "较多"],
        ["产出", "4", "每万人研发人员（人）", "30", "35"],
        ["产出", "5", "每万人口高价值发明专利拥有量（件）", "3.5", "8"],
        ["产出", "6", "万元GDP能耗（吨标准煤）", "0.5", "0.45"],
        ["产出", "7", "创新政策体系", "—", "基本建立"],
    )
    kinds = {i["indicator_id"]: (i["unit_zh"], i["kind"], i["direction"]) for i in imported.indicators}
    assert kinds == {1: ("位", "rank", "lower"), 2: ("", "rank", "lower"), 3: ("家", "count", "higher"),
                     4: ("人/万人", "intensity", "higher"), 5: ("件/万人", "intensity", "higher"),
                     6: ("吨标准煤/万元", "intensity", "lower"), 7: ("", "qualitative", "none")}
    readings = [row["read_as"] for row in imported.review]
    assert ("indicator 6: 万元GDP能耗, unit 吨标准煤/万元 (printed 吨标准煤, completed from 万元GDP in the "
            "name)") in readings
    assert ("indicator 3: kind count, direction higher (from the unit 家 and the words); none of its values read: "
            "type them in values.csv") in readings


def test_a_row_of_totals_and_a_column_the_draft_does_not_read_are_told_in_the_review():
    """The review lists every cell read: a 合计 row (no indicator) and a column with no place in the typed plan
    (指标属性: 预期性, 约束性) are each told, never left out in silence."""
    imported = read_plan_table([Grid(1, [
        ["序号", "指标名称", "单位", "2020年基础值", "2025年目标值", "指标属性"],
        ["1", "研发强度", "%", "2.3", "3.0", "预期性"],
        ["2", "能耗下降", "%", "3", "13.5", "约束性"],
        ["3", "研发人员", "人", "100", "200", "预期性"],
        ["合计", "", "", "120", "200", ""],
    ])], "plan.html", "en")
    assert [i["indicator_id"] for i in imported.indicators] == [1, 2, 3]
    told = [(row["where"], row["text"], row["read_as"], row["action"], row["confirmed"]) for row in imported.review
            if row["action"] == "skip"]
    assert told == [
        ("table 1, row 1, column 6", "指标属性", "column 指标属性 (预期性, 约束性): not read into the draft, as "
                                               "indicators.csv and values.csv have no column for it; keep what it says "
                                               "in a value's note if it matters", "skip", ""),
        ("table 1, row 5, column 1", "合计", "a row of totals, not an indicator: its numbers not read (the rows "
                                           "above added up); if the plan counts it as an indicator, give it in "
                                           "indicators.csv and values.csv", "skip", "")]


def test_a_table_headed_in_english_is_read_as_one_headed_in_chinese(tmp_path):
    """A plan's table as an English web page heads it (No., Indicator, Unit, 2020, 2023 target, 2024 target): its
    columns are named by the English words as by the Chinese (before: no table named its indicators and years), the
    year printed alone a baseline guessed, as for 2020年 alone; a category column headed "Primary indicator" is the
    category, not the name."""
    header = ["Primary indicator", "No.", "Indicator", "Unit", "2020", "2023 target", "2024 target"]
    rows = [["Input", "1", "R&D intensity", "%", "2.4", "2.7", "2.8"],
            ["Output", "2", "High-tech enterprises", "", "380", "500", "600"]]
    path = write_html(tmp_path / "plan.html", header, rows)
    imported = read_plan_table(read_tables(path), str(path))
    assert imported.language == "en"
    assert imported.baseline_years == [2020] and imported.target_years == [2023, 2024]
    assert [(i["indicator_id"], i["category_zh"], i["name_zh"], i["unit_zh"]) for i in imported.indicators] == [
        (1, "Input", "R&D intensity", "%"), (2, "Output", "High-tech enterprises", "")]
    values = {(v["indicator_id"], v["year"], v["value_type"]): v["value"] for v in imported.values}
    assert values == {(1, 2020, "baseline"): "2.4", (1, 2023, "target"): "2.7", (1, 2024, "target"): "2.8",
                      (2, 2020, "baseline"): "380", (2, 2023, "target"): "500", (2, 2024, "target"): "600"}
    # the year printed alone is a guess for a person to confirm, as 2020年 alone is
    assert [r["where"] for r in imported.review if r["text"] == "2020"] == ["table 1, row 1, column 5"]


@pytest.mark.parametrize(("label", "role"), [
    ("No.", "number"), ("Number", "number"), ("S/N", "number"), ("Indicator", "name"), ("Indicator name", "name"),
    ("Secondary indicator", "name"), ("Category", "category"), ("Level-1 indicator", "category"), ("Unit", "unit"),
    ("Unit of measurement", "unit"), ("Attribute", "attribute"), ("Indicator type", "attribute"),
    ("2020 baseline", "value"), ("Base year 2020", "value"), ("Target 2025", "value")])
def test_each_english_header_word_names_its_column(label, role):
    from analysis.clean.plan_import import columns

    named = columns(Grid(1, [[label, "Indicator" if role != "name" else "No."], ["1", "2"]]))
    assert named[0].role == role, named
    if label.startswith(("2020 baseline", "Base year")):
        assert (named[0].year, named[0].value_type, named[0].guessed) == (2020, "baseline", False)
    if label == "Target 2025":
        assert (named[0].year, named[0].value_type) == (2025, "target")


def test_a_level_the_plan_keeps_is_a_bound_and_a_fall_named_in_the_name_is_better_the_more():
    """保持40%以上 (maintain above 40%) is a floor, as 40以上 is; 保持在0.45以下 a ceiling. An indicator that counts
    a fall itself (单位地区生产总值能耗降低, 碳排放减少: its value is how much energy use fell) is better the more it
    falls: higher, never lower, as 能耗下降 already was."""
    imported = imported_from(
        ["创新主体", "1", "有研发活动企业占比（%）", "38", "保持40%以上"],
        ["创新主体", "2", "高新技术企业数（家）", "520", "保持500以上"],
        ["创新环境", "3", "万元GDP能耗（吨标准煤）", "0.5", "保持在0.45以下"],
        ["创新环境", "4", "单位地区生产总值能耗降低（%）", "—", "13.5"],
        ["创新环境", "5", "单位GDP二氧化碳排放减少（%）", "3", "18"],
    )
    values = {(v["indicator_id"], v["year"]): v["value"] for v in imported.values}
    assert values == {(1, 2020): "38", (1, 2025): "40", (2, 2020): "520", (2, 2025): "500", (3, 2020): "0.5",
                      (3, 2025): "0.45", (5, 2020): "3", (5, 2025): "18", (4, 2025): "13.5"}
    kinds = {i["indicator_id"]: (i["kind"], i["direction"]) for i in imported.indicators}
    assert kinds == {1: ("share", "at_least"), 2: ("count", "at_least"), 3: ("intensity", "at_most"),
                     4: ("share", "higher"), 5: ("share", "higher")}
    review = {row["text"]: (row["read_as"], row["action"]) for row in imported.review}
    assert review["保持40%以上"] == ("indicator 1 2025 target: 40 (at_least) (% is the indicator's unit: dropped)",
                                   "guess")


def test_the_plans_title_is_read_where_the_file_prints_it_unambiguously_and_told_in_the_review(tmp_path, project_tmp):
    """A Word file's title paragraph, a web page's one <h1> (its <title> a notice issuing the plan), a notice's 《…》:
    the Chinese title is read into plan.yml, its English left to fill, and review.csv says where it was read; a
    page with two different <h1> titles, or a first paragraph that names no plan, leaves it to fill."""
    import docx

    from analysis.ingest.published_table import plan_title

    header, rows = NUMBER_HEADER, [["1", "研发强度（%）", "2.3", "3.0"]]
    document = docx.Document()
    document.add_heading("云溪市“十四五”科技创新规划", 0)
    document.add_paragraph("云溪市人民政府2021年6月")
    table = document.add_table(rows=2, cols=4)
    for index, row in enumerate([header, *rows]):
        for column, text in enumerate(row):
            table.cell(index, column).text = text
    document.save(tmp_path / "yunxi.docx")
    cells = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in [header, *rows])
    page = ("<html><head><meta charset='utf-8'><title>云溪市人民政府关于印发云溪市“十四五”科技创新规划的通知</title>"
            "</head><body>{}<table>" + cells + "</table></body></html>")
    (tmp_path / "one.html").write_text(page.format("<h1>云溪市“十四五”科技创新规划</h1>"), encoding="utf-8")
    two = "<h1>云溪市“十四五”科技创新规划</h1><h1>云溪市科技创新行动方案</h1>"
    (tmp_path / "two.html").write_text(page.format(two), encoding="utf-8")
    (tmp_path / "notice.html").write_text(page.format("<p>附件</p>").replace(
        "印发云溪市“十四五”科技创新规划", "印发《云溪市“十四五”科技创新规划》"), encoding="utf-8")
    title = "云溪市“十四五”科技创新规划"
    assert plan_title(tmp_path / "yunxi.docx") == (title, "docx_title")
    assert plan_title(tmp_path / "one.html") == (title, "html_h1")
    assert plan_title(tmp_path / "notice.html") == (title, "html_title")
    assert plan_title(tmp_path / "two.html") is None  # two titles: which is the plan's is for a person to say
    # a first paragraph that names no plan (附件：创新型城市建设目标)
    assert plan_title(write_docx(tmp_path / "plan.docx", ["类别", *header], [["创新投入", *rows[0]]])) is None
    assert plan_title(tmp_path / "page.html") is None  # no file: no title, and no error here
    folder = project_tmp / "imports" / "yunxi-draft"
    import_plan(tmp_path / "yunxi.docx", folder, "yunxi-draft")
    text = (folder / "plan.yml").read_text(encoding="utf-8")
    read = 'title: {zh: "云溪市“十四五”科技创新规划", en: (to fill)}'
    assert f"{read}   # 取自Word 文件的标题段落：请核对，并写出英文标题\n" in text
    review = pd.read_csv(folder / "review.csv", dtype=str, keep_default_na=False)
    assert review[review["text"].str.startswith("title: ")].drop(columns="where").values.tolist() == [
        [read, "title：取自Word 文件的标题段落：请对照公开发布的方案核对中文标题，并写出英文标题，"
               "替换 (to fill)", "guess", ""]]
    # the Chinese title is the plan's own words now; the English one still the placeholder, refused until written
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    assert "title: " in str(caught.value) and "(to fill)" in str(caught.value)
    text = text.replace("city: {zh: （待填写）, en: (to fill)}", "city: {zh: 云溪市, en: Yunxi}")
    text = text.replace("issuer: {zh: （待填写）, en: (to fill)}", "issuer: {zh: 云溪市人民政府, en: Yunxi government}")
    text = text.replace("en: (to fill)}", "en: Yunxi's plan for science and technology}")
    (folder / "plan.yml").write_text(text, encoding="utf-8")
    assert load_plan(folder).title == {"zh": title, "en": "Yunxi's plan for science and technology"}

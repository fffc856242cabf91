"""What a run says when it goes well (``wrote …``, ``data: …``, ``templates: …``, ``note: …``): in the run's language
(``--lang``; English where it asks for none), and a line about one file in that file's own language, as its mistakes
are told: a department's workbook in its template's, whatever its name, a CSV file in its header's."""
from __future__ import annotations

import re
import shutil

import openpyxl

from analysis import cli
from analysis.publish.templates import build_templates
from tests.conftest import DEFAULT_PLAN_DIR, copy_plan, relative

YEAR = 2023


def _lines(capsys) -> list[str]:
    told = capsys.readouterr()
    assert told.err == ""  # stderr is for errors
    return told.out.splitlines()


def test_a_chinese_data_run_says_what_it_wrote_in_chinese(project_tmp, capsys):
    plan = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "lines-zh" / "weihai")
    processed = project_tmp / "lines-zh-processed"
    assert cli.main(["data", "--lang", "zh", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    lines = _lines(capsys)
    folder = relative(processed / "weihai")
    assert f"已写入 {folder}/indicators.csv" in lines
    assert lines[-1].startswith(f"data: {folder}：10个文件，10个有变化，用时"), lines
    assert re.fullmatch(r".*，用时\d+(?:\.\d+)?秒", lines[-1]), lines  # no space beside the seconds
    # run again: nothing changed, said so in Chinese; in English where the run asks for English, or for no language
    assert cli.main(["data", "--lang", "zh", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    assert _lines(capsys)[-1].startswith(f"data: {folder}：10个文件，均无变化，用时")
    for asked in (["--lang", "en"], []):
        assert cli.main(["data", *asked, "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
        assert _lines(capsys)[-1].startswith(f"data: {folder}: 10 files, unchanged, in ")


def test_a_chinese_templates_run_counts_its_workbooks_in_chinese(project_tmp, capsys):
    plan = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "lines-templates" / "weihai")
    out = project_tmp / "lines-templates-out"
    assert cli.main(["templates", "--year", "2024", "--lang", "zh", "--plan", relative(plan),
                     "--output-dir", relative(out)]) == 0
    lines = _lines(capsys)
    assert lines[-1] == "templates: 12个工作簿"
    assert f"已写入 {relative(out)}/weihai/2024/2024-市科技局.xlsx" in lines
    shutil.rmtree(out)


def test_a_note_on_a_workbook_speaks_its_templates_language_whatever_its_name(project_tmp, capsys):
    """A Chinese template handed back renamed in Latin letters (kjj.xlsx), with a hidden tab, and an English one
    renamed in Chinese (科技局-英文.xlsx): each noted in its template's language, as its mistakes would be told, not in
    the language of its name; a CSV file headed in Chinese, named in Latin letters, in Chinese."""
    plan = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "lines-notes" / "weihai")
    for language, name in (("zh", "kjj.xlsx"), ("en", "科技局-英文.xlsx")):
        [path] = [p for p in build_templates(plan_of(plan), YEAR, language, project_tmp / f"lines-{language}")
                  if "市科技局" in p.name or "Science and Technology" in p.name]
        book = openpyxl.load_workbook(path)
        hidden = book.create_sheet("2025")
        hidden["A1"], hidden["D1"] = "1", 25000
        hidden.sheet_state = "hidden"
        book.save(plan / "observations" / name)
    (plan / "observations" / "bulletin.csv").write_text("编号,序列,年份,数值,数据来源\n", encoding="utf-8")
    processed = project_tmp / "lines-notes-processed"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    notes = [line for line in _lines(capsys) if line.startswith("note: ")]
    where = relative(plan / "observations")
    assert notes == [
        f"note: {where}/bulletin.csv: 文件中没有数值（只有表头，或报送表未填写），未读入任何数值",
        f"note: {where}/kjj.xlsx: 文件中没有数值（只有表头，或报送表未填写），未读入任何数值",
        f"note: {where}/科技局-英文.xlsx: No value in the file (a header only, or a form not filled in): nothing read "
        "from it",
        f"note: {where}/kjj.xlsx: 工作簿中的隐藏工作表 '2025'，未读取；如需使用，请取消隐藏",
        f"note: {where}/科技局-英文.xlsx: Hidden sheet '2025' of a workbook, not read; show it to have it read",
    ], notes


def plan_of(folder):
    from analysis.plan import load_plan

    return load_plan(folder)


def test_a_report_run_says_the_datas_notes_once(project_tmp, capsys, monkeypatch):
    """A Chinese template handed back with a hidden tab (草稿): ``analysis report`` for two languages says the note
    ``analysis data`` says, once for the run, not once a report. Before, a report run never said it. (The reports
    themselves are not made here: the run is told they were built, from the data ``analysis data`` wrote.)"""
    from analysis.publish import report

    plan = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "report-notes" / "weihai")
    [path] = [p for p in build_templates(plan_of(plan), YEAR, "zh", project_tmp / "report-notes-zh")
              if "市科技局" in p.name]
    book = openpyxl.load_workbook(path)
    hidden = book.create_sheet("草稿")
    hidden["A1"], hidden["D1"] = "1", 25000
    hidden.sheet_state = "hidden"
    book.worksheets[0]["D6"], book.worksheets[0]["E6"] = 24300, "威海市统计公报"
    book.save(plan / "observations" / "kjj.xlsx")
    processed = project_tmp / "report-notes-processed"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 0
    note = (f"note: {relative(plan / 'observations')}/kjj.xlsx: "
            "工作簿中的隐藏工作表 '草稿'，未读取；如需使用，请取消隐藏")
    assert note in _lines(capsys)
    arguments = ["report", "--plan", relative(plan), "--processed-dir", relative(processed), "--year", "2023",
                 "--lang", "zh,en", "--output-dir", relative(project_tmp / "report-notes-out")]
    # two reports built: the note once
    monkeypatch.setattr(report, "render_reports", lambda *args, tally, **kwargs: setattr(tally, "built", 2))
    assert cli.main(arguments) == 0
    assert [line for line in _lines(capsys) if line.startswith("note: ")] == [note]
    # both up to date: told when they were built, not again (such a run loads nothing heavy)
    monkeypatch.setattr(report, "render_reports", lambda *args, tally, **kwargs: setattr(tally, "up_to_date", 2))
    assert cli.main(arguments) == 0
    assert [line for line in _lines(capsys) if line.startswith("note: ")] == []


def test_a_data_run_refused_for_a_mistake_still_says_its_notes(project_tmp, capsys):
    """The same workbook, a hidden tab (草稿) and 'abc' typed as a value (D6): the note on the
    hidden tab is said with the error. Before, a run with an error left the note out."""
    plan = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "error-notes" / "weihai")
    [path] = [p for p in build_templates(plan_of(plan), YEAR, "zh", project_tmp / "error-notes-zh")
              if "市科技局" in p.name]
    book = openpyxl.load_workbook(path)
    book.create_sheet("草稿").sheet_state = "hidden"
    book.worksheets[0]["D6"], book.worksheets[0]["E6"] = "abc", "威海市统计公报"
    book.save(plan / "observations" / "kjj.xlsx")
    processed = project_tmp / "error-notes-processed"
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 2
    told = capsys.readouterr()
    where = relative(plan / "observations")
    assert [line for line in told.out.splitlines() if line.startswith("note: ")] == [
        f"note: {where}/kjj.xlsx: 工作簿中的隐藏工作表 '草稿'，未读取；如需使用，请取消隐藏"]
    assert told.err.splitlines() == [
        f"error: {where}/kjj.xlsx:数据报送!D6: 数值: 'abc' 不是数字（请只写数字和小数点，不加千位分隔符、单位或 % 号）"]


def test_a_report_run_refused_for_a_mistake_says_the_datas_notes_once(project_tmp, capsys):
    """The workbook with a hidden tab (草稿) and two values that are no numbers (D6, D7): ``analysis report`` says
    the note on the hidden tab once, then each error once, however many reports the error stops, and exits 2, as
    ``analysis data`` does. Before, a report run stopped by an input error left the note out (and a data run with
    more than one error did too)."""
    plan = copy_plan(DEFAULT_PLAN_DIR, project_tmp / "report-error-notes" / "weihai")
    [path] = [p for p in build_templates(plan_of(plan), YEAR, "zh", project_tmp / "report-error-notes-zh")
              if "市科技局" in p.name]
    book = openpyxl.load_workbook(path)
    book.create_sheet("草稿").sheet_state = "hidden"
    sheet = book.worksheets[0]
    sheet["D6"], sheet["E6"], sheet["D7"], sheet["E7"] = "abc", "威海市统计公报", "xyz", "威海市统计公报"
    book.save(plan / "observations" / "kjj.xlsx")
    processed = project_tmp / "report-error-notes-processed"
    where = relative(plan / "observations")
    note = f"note: {where}/kjj.xlsx: 工作簿中的隐藏工作表 '草稿'，未读取；如需使用，请取消隐藏"
    advice = "不是数字（请只写数字和小数点，不加千位分隔符、单位或 % 号）"
    errors = [f"error: {where}/kjj.xlsx:数据报送!D6: 数值: 'abc' {advice}",
              f"error: {where}/kjj.xlsx:数据报送!D7: 数值: 'xyz' {advice}"]
    assert cli.main(["data", "--plan", relative(plan), "--processed-dir", relative(processed)]) == 2
    told = capsys.readouterr()
    assert [line for line in told.out.splitlines() if line.startswith("note: ")] == [note]
    assert told.err.splitlines() == errors
    arguments = ["report", "--plan", relative(plan), "--processed-dir", relative(processed), "--year", "2023",
                 "--output-dir", relative(project_tmp / "report-error-notes-out")]
    # two reports stopped by the one error: the note once, the error once, the reports it stopped named
    assert cli.main([*arguments, "--lang", "zh,en"]) == 2
    told = capsys.readouterr()
    assert [line for line in told.out.splitlines() if line.startswith("note: ")] == [note]
    assert told.err.splitlines() == [*errors, "  stopped: weihai/2023/zh, weihai/2023/en"]
    # one report
    assert cli.main([*arguments, "--lang", "zh"]) == 2
    told = capsys.readouterr()
    assert [line for line in told.out.splitlines() if line.startswith("note: ")] == [note]
    assert told.err.splitlines() == errors


def test_a_report_runs_progress_and_summary_are_said_in_its_language(tmp_path):
    """A ``--lang zh`` report run printed its progress and summary in English while its data step spoke Chinese. The
    run's language is the one --lang asks for; English for several (--lang all), as its mistakes are told."""
    from analysis.catalog import mistakes_told_in
    from analysis.publish.cache import outdated_reason
    from analysis.publish.report import Tally

    tally = Tally(1, built=1)
    with mistakes_told_in("zh"):
        assert tally.line() == "1份报告：1份已生成，0份无需更新，0份失败"
        assert Tally(8, 5, 3).line() == "8份报告：5份已生成，3份无需更新，0份失败"
    for asked in ("en", "zh,en"):  # English: the line a scheduled run's log is scanned for (docs/scheduling.md)
        with mistakes_told_in(asked):
            assert Tally(8, 5, 3).line() == "8 reports: 5 built, 3 up to date, 0 failed"
            assert tally.line() == "1 report: 1 built, 0 up to date, 0 failed"
    from analysis.catalog import catalog
    assert outdated_reason(tmp_path / "none", None, {}, catalog("zh")) == "尚无报告"
    assert outdated_reason(tmp_path / "none", None, {}) == "no report yet"

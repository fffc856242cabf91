"""Real reports, built once for the run (``example_reports``), and what a reader gets; a failing step named."""
from __future__ import annotations

import json
import re
import shutil
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from types import SimpleNamespace

import nbformat
import pytest

from analysis import cli
from analysis.catalog import mistakes_told_in
from analysis.clean.tidy import clean_plan_table
from analysis.errors import InputError
from analysis.files import sha256_file
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.publish.cache import code_digests, environment, fingerprint, outdated_reason, previous_report
from analysis.publish.data import build_tables
from analysis.publish.job import ASSESSMENT, CLEANING, NOTEBOOKS, REPORT, make_job
from analysis.publish.report import REPORT_NOTEBOOK, BatchError, Task, render_reports, run_tasks
from analysis.report.render import html_external_references
from analysis.settings import NOTEBOOKS_DIR, PROJECT_ROOT
from tests.conftest import FIXTURES, relative
from tests.support.line_breaks import unmarked
from tests.support.pdf import pdf_fonts, pdf_image_count, pdf_text

EXAMPLE = FIXTURES / "example-2022-2024"
OUTPUTS = ("report.html", "report.pdf", "report.docx", "scorecard.xlsx")


def names_missing_from(html: str, names) -> list[str]:
    """Indicator names that do not appear in the HTML (where "&" is written "&amp;")."""
    return [name for name in names if name.replace("&", "&amp;") not in html]


def notebooks_with_extra_cell(tmp_path, name: str, code: str):
    """A copy of the notebooks in which ``name`` runs ``code`` after its set-up (a job's ``notebooks_dir``)."""
    changed = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, changed)
    notebook = nbformat.read(changed / name, as_version=4)
    setup = next(i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])) + 1
    notebook.cells.insert(setup + 1, nbformat.v4.new_code_cell(code))
    nbformat.write(notebook, changed / name)
    return changed


@pytest.fixture(scope="module")
def indicators(shared_weihai):
    return clean_plan_table(load_plan_inputs(shared_weihai)).indicators


@pytest.fixture(scope="module")
def zh_report(example_reports):
    return example_reports["final-zh"]


def test_report_folder_has_every_output(zh_report):
    assert zh_report.parts[-3:] == ("weihai", "2024", "zh")
    for name in (*OUTPUTS, "manifest.json", *(f"notebooks/{n}" for n in NOTEBOOKS), "data/assessment.csv",
                 "data/plan.json"):
        assert (zh_report / name).is_file(), name
    left = [p.name for p in zh_report.parent.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")]
    assert left == []  # no staging folder or failed run left


def test_no_output_names_where_the_project_sits(zh_report):
    # the same inputs give the same bytes in any checkout: papermill's paths are kept relative to the project
    for path in sorted(p for p in zh_report.rglob("*") if p.is_file() and p.suffix in (".ipynb", ".html", ".json")):
        assert str(PROJECT_ROOT).encode() not in path.read_bytes(), path.name
    run = json.loads((zh_report / "notebooks" / REPORT).read_text(encoding="utf-8"))["metadata"]["papermill"]
    assert run["input_path"] == f"notebooks/{REPORT}"


def test_html_is_self_contained_chinese_and_has_every_indicator(zh_report, indicators):
    html = (zh_report / "report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in html
    assert "<title>威海市国家创新型城市建设指标总结评估报告（2024年）</title>" in html
    assert names_missing_from(html, indicators["short_name_zh"]) == []
    assert html_external_references(html) == []
    assert "<script" not in html
    assert "jp-InputArea" not in html and "open_report" not in html  # no code cells
    assert "This notebook" not in html  # the notebook's own prose is not the report's
    assert html.count("data:image/png;base64") >= 4


def test_pdf_has_chinese_text_embedded_fonts_and_charts(zh_report, indicators):
    pdf = zh_report / "report.pdf"
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert "2024" in text and "总结评估报告" in text
    for name in indicators.loc[indicators.kind != "qualitative", "short_name_zh"]:
        assert re.sub(r"\s+", "", name) in text, name
    fonts = pdf_fonts(pdf)
    assert fonts and all(font["embedded"] for font in fonts)
    assert any("CJK" in font["name"] for font in fonts)
    assert pdf_image_count(pdf) >= 4


def test_manifest_hashes_match_the_files(zh_report, shared_weihai):
    manifest = json.loads((zh_report / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["report"] == {"plan": "weihai", "plan_folder": relative(shared_weihai.folder), "year": 2024,
                                  "language": "zh", "scheme": "eurostat"}
    assert set(manifest["step_seconds"]) == {"data", "html", "pdf", *(f"notebook {n}" for n in NOTEBOOKS)}
    assert set(OUTPUTS) <= set(manifest["outputs"])
    for name, digest in manifest["outputs"].items():
        assert sha256_file(zh_report / name) == digest, name
    source = shared_weihai.printed_text
    assert manifest["inputs"][relative(source)] == sha256_file(source)
    assert manifest["build"]["environment"]["packages"]["matplotlib"].startswith("3.")


def test_english_mid_term_report_has_english_names(example_reports, indicators):
    report = example_reports["mid-term-en-plain"]
    html = (report / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert "Weihai: Mid-term evaluation of the national innovative city indicators, 2023" in html
    assert names_missing_from(html, indicators["short_name_en"]) == []
    text = " ".join(pdf_text(report / "report.pdf").split())
    assert "Mid- term evaluation of the" in text or "Mid-term evaluation of the" in text
    assert "总结评估" not in html
    final = " ".join(pdf_text(example_reports["final-en"] / "report.pdf").split())
    assert "Example bulletin 2024 (fictional)" in final  # the actual values' source, named in the cards


def test_the_report_is_made_from_the_data_steps_tables_read_where_make_data_writes_them(example_reports,
                                                                                       shared_weihai):
    report = example_reports["final-en"]
    tables = build_tables(shared_weihai, "eurostat", EXAMPLE)
    fresh = tables.files()
    # the report's data are the tables as of its year: the example's one value quoted by a secondary source (26's
    # 36.6% for 2022) is no 2024 verdict's ground (26's rests on its 2024 value), so its finding is left out there
    assert {p.name: p.read_bytes() for p in (report / "data").iterdir()} == tables.up_to(2024).files()
    assert tables.up_to(2024).files()["data_quality.csv"] != fresh["data_quality.csv"]
    processed = report.parents[3] / "processed-example" / "weihai"
    assert {p.name: p.read_bytes() for p in processed.iterdir() if p.is_file()} == fresh
    for name in NOTEBOOKS:
        notebook = json.loads((report / "notebooks" / name).read_text(encoding="utf-8"))
        assert notebook["metadata"]["papermill"]["parameters"]["data_dir"] == relative(processed), name


def test_evidence_notebooks_run_once_for_the_reports_that_share_them(example_reports):
    """The cleaning is the same for every report of a run, the assessment for both languages of a year."""
    zh, en = example_reports["final-zh"], example_reports["final-en"]
    for name in (CLEANING, ASSESSMENT):
        assert (zh / "notebooks" / name).read_bytes() == (en / "notebooks" / name).read_bytes(), name
    assert (zh / "notebooks" / REPORT).read_bytes() != (en / "notebooks" / REPORT).read_bytes()
    notebook = json.loads((zh / "notebooks" / REPORT).read_text(encoding="utf-8"))
    counts = [cell["execution_count"] for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))  # a fresh kernel: its cells number from 1


def test_the_word_edition_and_the_workbook_come_from_the_report_notebook(zh_report):
    """Notebook 03 writes them, with the figures it showed, each drawn by the same figures for the Word page: the
    cards' charts in larger type, one for each of the HTML's, and the overview's charts as wide as the Word type area
    (its type printed at 7 pt, never the HTML's drawing shrunk), the completion chart and the small multiples in
    parts: none of its pictures is the HTML's, and there are more of them than cards."""
    html = (zh_report / "report.html").read_text(encoding="utf-8")
    pictures = set(re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html))
    import base64
    import zipfile

    with zipfile.ZipFile(zh_report / "report.docx") as archive:
        media = [archive.read(name) for name in archive.namelist() if name.startswith("word/media/")]
        document = archive.read("word/document.xml").decode("utf-8")
    shown = {base64.b64encode(data).decode("ascii") for data in media}
    cards = len(re.findall(r'w:bookmarkStart w:id="\d+" w:name="card-', document))
    assert media and cards and len(shown) == len(media) and shown.isdisjoint(pictures)
    overview = len(re.findall(r'descr="图表：各', document))  # 图表：各指标增量完成比例…, 各指标走势…
    assert overview >= 4 and len(media) == cards + overview


def test_a_failing_notebook_is_named_with_its_cell_and_nothing_is_published(tmp_path, capsys, work_dir,
                                                                            weihai_in_project):
    notebooks = notebooks_with_extra_cell(tmp_path, REPORT, "1 / 0  # a step that fails")
    job = make_job(weihai_in_project, 2024, "zh", output_root=work_dir, processed_root=work_dir / "processed",
                   notebooks_dir=notebooks)
    with pytest.raises(Exception) as caught:
        render_reports([job], progress=lambda line: None)
    message = str(caught.value)
    assert f"{REPORT}: cell" in message and "ZeroDivisionError" in message and "\n" not in message
    assert not (work_dir / "weihai" / "2024" / "zh").exists()  # nothing published
    assert (work_dir / "weihai" / "2024" / ".zh.failed" / "notebooks" / REPORT).is_file()
    assert f"the failed run is kept in {relative(work_dir / 'weihai' / '2024' / '.zh.failed')}" in message


def test_an_input_error_the_report_notebook_raises_is_the_users_to_fix(tmp_path, work_dir, weihai_in_project):
    # an input only the report reads (a text in one language) is refused as bad input (exit 2), not as a broken
    # step: the line is the input's own, not "cell 4 raised InputError"
    notebooks = notebooks_with_extra_cell(tmp_path, REPORT, 'from analysis.errors import InputError\n'
                                          'from analysis.settings import PROJECT_ROOT\n'
                                          'raise InputError("no unit given", file=PROJECT_ROOT / "data" / "units.csv", '
                                          'line=3, field="unit")')
    job = make_job(weihai_in_project, 2024, "en", output_root=work_dir, processed_root=work_dir / "processed",
                   notebooks_dir=notebooks)
    with pytest.raises(InputError) as caught:
        render_reports([job], progress=lambda line: None)
    kept = relative(work_dir / "weihai" / "2024" / ".en.failed")
    published = relative(work_dir / "weihai" / "2024" / "en")
    assert str(caught.value) == (f"data/units.csv:3: unit: no unit given; {published} is unchanged, the failed run "
                                 f"is kept in {kept}")


class DeadPool:
    """A worker pool whose processes have died: every task it is given fails as a broken pool."""

    def submit(self, function, *arguments):
        future = Future()
        future.set_exception(BrokenProcessPool("A process in the process pool was terminated abruptly"))
        return future


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "本次运行的一个工作进程意外退出（被终止或内存不足）：请重新运行，或加 --jobs 1 运行"),
    ("en", "a worker process of the run died (killed, or out of memory); run again, or with --jobs 1"),
])
def test_a_worker_process_that_died_is_told_in_the_language_the_run_asks_for(language, expected):
    builds = [SimpleNamespace(error=None), SimpleNamespace(error=None)]
    tasks = [Task(f"notebook {REPORT}", [build], print, (), REPORT_NOTEBOOK) for build in builds]
    with mistakes_told_in(language):
        run_tasks(DeadPool(), 2, tasks, lambda line: None)
    # every report of the run stopped by it, the one whose task found the pool broken and those still waiting
    assert [str(build.error) for build in builds] == [expected, expected]


def test_an_unchanged_rerun_does_nothing_but_put_its_tables_back(zh_report, shared_weihai, project_tmp):
    root = project_tmp / "rerun"
    copy = root / "weihai" / "2024" / "zh"
    shutil.copytree(zh_report, copy)
    manifest = (copy / "manifest.json").read_bytes()
    lines = []
    job = make_job(shared_weihai, 2024, "zh", observations_dir=EXAMPLE, output_root=root,
                   processed_root=project_tmp / "rerun-processed")
    assert render_reports([job], progress=lines.append) == [copy]
    assert lines == [f"weihai/2024/zh: {relative(copy)} is up to date (inputs, parameters, code and environment "
                     "unchanged; --force, or make's FORCE=1, rebuilds)"]
    assert (copy / "manifest.json").read_bytes() == manifest
    # the up-to-date run put the plan's tables back where make data writes them, as make data writes them
    processed = project_tmp / "rerun-processed" / "weihai"
    built = build_tables(shared_weihai, "eurostat", EXAMPLE).files()
    assert {path.name: path.read_bytes() for path in processed.iterdir() if path.suffix != ".lock"} == built
    # tables still there are left alone: the run builds nothing, it writes nothing (a table holding a year after
    # the report's, which the report's own copy leaves out, stays as make data wrote it)
    (processed / "indicator_values.csv").write_bytes(b"as make data wrote it")
    lines.clear()
    assert render_reports([job], progress=lines.append) == [copy] and "is up to date" in lines[0]
    # a run in Chinese (--lang zh) says it in Chinese, as its data step and its mistakes (before: in English)
    lines.clear()
    with mistakes_told_in("zh"):
        render_reports([job], progress=lines.append)
    assert lines == [f"weihai/2024/zh: {relative(copy)} 无需更新（输入、参数、代码和环境均未改变；--force 或 make 的 "
                     "FORCE=1 可强制重新生成）"]
    assert (processed / "indicator_values.csv").read_bytes() == b"as make data wrote it"
    assert (processed / "assessment.csv").read_bytes() == built["assessment.csv"]
    # a hand-edited output is not up to date (the next run builds the report again)
    (copy / "report.html").write_bytes(b"edited")
    assert outdated_reason(copy, fingerprint(job, code_digests(), environment()), job.parameters()) == (
        "report.html was changed after it was built")


def test_a_failing_report_or_kernel_does_not_stop_the_rest_of_the_run(tmp_path, weihai_in_project, work_dir):
    notebooks = notebooks_with_extra_cell(tmp_path, REPORT, 'import os\nassert language != "en", "no English today"\n'
                                          'if report_year == 2023:\n    os._exit(1)  # as if killed')
    jobs = [make_job(weihai_in_project, year, language, output_root=work_dir, processed_root=work_dir / "processed",
                     notebooks_dir=notebooks) for year, language in ((2024, "en"), (2024, "zh"), (2023, "zh"))]
    with pytest.raises(BatchError) as caught:
        render_reports(jobs, force=True, progress=lambda line: None)
    failures = {labels[0]: message for message, labels in caught.value.failures.items()}
    assert sorted(failures) == ["weihai/2023/zh", "weihai/2024/en"] and not caught.value.only_input_errors
    assert f"{REPORT}: cell" in failures["weihai/2024/en"] and "no English today" in failures["weihai/2024/en"]
    assert "the kernel died while the notebook ran" in failures["weihai/2023/zh"]
    assert (work_dir / "weihai" / "2024" / "zh" / "report.pdf").is_file()
    assert not (work_dir / "weihai" / "2024" / "en").exists()
    assert (work_dir / "weihai" / "2024" / ".en.failed" / "notebooks" / REPORT).is_file()


def test_the_command_line_names_a_failure_once_with_its_reports_and_exits_1(tmp_path, capsys, work_dir, monkeypatch,
                                                                           weihai_in_project):
    from analysis.publish import report

    monkeypatch.setattr(report, "run_tasks", lambda pool, slots, tasks, progress: [
        setattr(build, "error", report.StepError("notebook failed")) for task in tasks for build in task.builds])
    status = cli.main(["report", "--plan", relative(weihai_in_project.folder), "--year", "2023,2024", "--output-dir",
                       relative(work_dir), "--processed-dir", relative(work_dir / "processed")])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.err.splitlines() == ["error: notebook failed; the reports are unchanged, each failed run is kept "
                                         "beside its report (.<language>.failed)",
                                         "  stopped: weihai/2023/zh, weihai/2024/zh"]
    assert captured.out.splitlines()[-1] == "2 reports: 0 built, 0 up to date, 2 failed"


def test_a_bad_observation_is_one_error_naming_every_report_it_stopped(capsys, work_dir, weihai_in_project):
    observations = work_dir / "observations"
    observations.mkdir()
    (observations / "bulletin.csv").write_text("indicator_id,series,year,value,source\n2,,2022,abc,公报\n",
                                               encoding="utf-8")
    status = cli.main(["report", "--plan", relative(weihai_in_project.folder), "--year", "2023,2024", "--lang", "zh",
                       "--observations", relative(observations), "--output-dir", relative(work_dir / "reports"),
                       "--processed-dir", relative(work_dir / "processed")])
    captured = capsys.readouterr()
    assert status == 2  # a bad input, however many reports it stopped
    assert captured.err.splitlines() == [
        f"error: {relative(observations)}/bulletin.csv:2: value: 'abc' is not a number (write plain digits with a "
        "decimal point, no thousands separators, units or % signs)",
        "  stopped: weihai/2023/zh, weihai/2024/zh"]
    # the summary in the run's language (--lang zh); the error in the English-headed file's
    assert captured.out.splitlines()[-1] == "2份报告：0份已生成，0份无需更新，2份失败"


def test_a_copied_plan_that_kept_its_name_never_overwrites_the_original_report(tmp_path, work_dir, weihai_in_project):
    destination = work_dir / "weihai" / "2024" / "zh"
    destination.mkdir(parents=True)
    manifest = json.dumps({"report": {"plan": "weihai", "plan_folder": "data/raw/weihai"}})
    (destination / "manifest.json").write_text(manifest, encoding="utf-8")
    job = make_job(weihai_in_project, 2024, "zh", output_root=work_dir, processed_root=work_dir / "processed")
    with pytest.raises(InputError) as caught:
        render_reports([job], progress=lambda line: None)
    assert f"name: 'weihai' is also the name of the plan in data/raw/weihai, which made {relative(destination)}" in (
        str(caught.value))
    assert sorted(p.name for p in destination.iterdir()) == ["manifest.json"]  # nothing written, nothing built
    assert not (work_dir / "processed").exists()


def test_the_change_since_the_last_report_reads_what_that_report_published(work_dir, weihai_in_project):
    # The 2023 report was published before any actual value; the 2024 report, made once the example values came
    # (2023 figures among them), compares with the statuses the 2023 report published, keeps a copy of them, and
    # says which published verdicts the new data changed.
    plain = build_tables(weihai_in_project, "eurostat").assessment
    published = work_dir / "weihai" / "2023" / "zh"
    (published / "data").mkdir(parents=True)
    (published / "data" / "assessment.csv").write_bytes(build_tables(weihai_in_project, "eurostat")
                                                         .files()["assessment.csv"])
    (published / "manifest.json").write_text(json.dumps({"inputs": {"data/raw/weihai/plan.yml": "older"}}),
                                             encoding="utf-8")
    job = make_job(weihai_in_project, 2024, "zh", observations_dir=EXAMPLE, output_root=work_dir,
                   processed_root=work_dir / "processed")
    render_reports([job], progress=lambda line: None)
    report = job.destination
    assert (report / "data" / "previous-assessment.csv").read_bytes() == (published / "data" /
                                                                          "assessment.csv").read_bytes()
    manifest = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
    key = f"previous report {relative(published)}"
    assert manifest["inputs"][key] == sha256_file(published / "data" / "assessment.csv")
    # which 2023 verdicts the example values change: the published (no values) against today's (with them)
    today = build_tables(weihai_in_project, "eurostat", EXAMPLE).assessment
    then = plain[plain.report_year == 2023].set_index(["indicator_id", "series"])["status"]
    now = today[today.report_year == 2023].set_index(["indicator_id", "series"])["status"]
    changed = int((then != now.reindex(then.index)).sum())
    html = unmarked((report / "report.html").read_text(encoding="utf-8"))
    assert "与2023年报告发布的评估结论相比" in html
    assert changed > 0 and html.count("按此后公布或修订的数据为：") == changed
    assert f"此后公布或修订的数据改变了2023年报告已发布的{changed}个结论" in html
    # the previous report republished (a revision): this report is no longer up to date, and says why
    (published / "data" / "assessment.csv").write_bytes(build_tables(weihai_in_project, "unsd")
                                                         .files()["assessment.csv"])
    prints = fingerprint(job, code_digests(), environment(), previous_report(job, fingerprint(
        job, code_digests(), environment()).inputs, set()))
    assert outdated_reason(report, prints, job.parameters()) == f"inputs changed: {key} changed"


def test_every_bad_row_of_a_file_is_an_error_line_of_its_own(capsys, work_dir, weihai_in_project):
    # two mistakes in one file: both told, each on its "error:" line, once however many reports they stopped
    observations = work_dir / "observations-two"
    observations.mkdir()
    (observations / "bulletin.csv").write_text("indicator_id,series,year,value,source\n2,,2022,abc,公报\n"
                                               "2,,2023,2.6,\n", encoding="utf-8")
    status = cli.main(["report", "--plan", relative(weihai_in_project.folder), "--year", "2023,2024", "--lang", "zh",
                       "--observations", relative(observations), "--output-dir", relative(work_dir / "reports"),
                       "--processed-dir", relative(work_dir / "processed-two")])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.splitlines() == [
        f"error: {relative(observations)}/bulletin.csv:2: value: 'abc' is not a number (write plain digits with a "
        "decimal point, no thousands separators, units or % signs)",
        f"error: {relative(observations)}/bulletin.csv:3: source: empty: say which publication the value comes from",
        "  stopped: weihai/2023/zh, weihai/2024/zh"]
    status = cli.main(["data", "--plan", relative(weihai_in_project.folder), "--observations", relative(observations),
                       "--processed-dir", relative(work_dir / "processed-two")])
    assert status == 2
    assert [line[:len("error: ")] for line in capsys.readouterr().err.splitlines()] == ["error: "] * 2


@pytest.mark.parametrize(("args", "line"), [
    (["--year", "2019", "--lang", "zh"], "error: --year: 2019年不在方案的报告年份内：报告年份为2021—2024年"),
    (["--year", "2019", "--lang", "en"], "error: --year: 2019 is outside the plan: report years run 2021–2024"),
    # no language asked for, or several: the help's and the docs' English
    (["--year", "2019"], "error: --year: 2019 is outside the plan: report years run 2021–2024"),
    (["--year", "2019", "--lang", "all"], "error: --year: 2019 is outside the plan: report years run 2021–2024"),
    (["--year", "2024", "--lang", "zh", "--jobs", "0"], "error: --jobs: '0' 不是有效的工作进程数（须为正整数）"),
    # an unknown language first: it decides the words every other mistake would be told in
    (["--year", "2030", "--lang", "fr"], "error: --lang: unknown language 'fr'; use zh or en"),
    # the command line's own mistakes too, in the language --lang asks for wherever it stands
    (["--year", "2024", "--lang", "zh", "--edition", "full"],
     "error: 无法识别的参数：--edition full（参见 python -m analysis --help）"),
    (["--lang=zh", "--year"], "error: --year：缺少取值（参见 python -m analysis report --help）"),
    (["--year", "2024", "--lang", "en", "--edition", "full"],
     "error: unrecognized arguments: --edition full (see python -m analysis --help)"),
    (["--year", "2024", "--lang", "zh", "--scheme", "oecd"],
     "error: --scheme: 未知的进度阈值方案 'oecd'：请用 eurostat 或 unsd"),
])
def test_a_parameter_mistake_is_told_in_the_language_the_run_asks_for(weihai_in_project, work_dir, capsys, args,
                                                                         line):
    try:
        status = cli.main(["report", "--plan", relative(weihai_in_project.folder), *args, "--output-dir",
                           relative(work_dir / "reports")])
    except SystemExit as exc:  # the command line's own mistakes: argparse exits
        status = exc.code
    assert status == 2 and capsys.readouterr().err.splitlines() == [line]
    assert not (work_dir / "reports").exists()


@pytest.mark.parametrize(("args", "line"), [
    # a folder that is not there, a file, a folder without plan.yml: said so, after the option, in the run's language
    (["--plan", "data/raw/nosuch", "--lang", "zh"],
     "error: --plan: 'data/raw/nosuch' 不存在：请给出方案文件夹（含 plan.yml 的文件夹）"),
    (["--plan", "{plan}/plan.yml", "--lang", "zh"],
     "error: --plan: '{plan}/plan.yml' 是文件，不是文件夹：请给出方案文件夹（含 plan.yml 的文件夹）"),
    (["--plan", "docs", "--lang", "zh"],
     "error: --plan: 'docs' 中没有 plan.yml：请给出方案文件夹（含 plan.yml 的文件夹）"),
    (["--plan", "data/raw/nosuch", "--lang", "en"],
     "error: --plan: 'data/raw/nosuch' does not exist; name a plan folder (a folder with plan.yml)"),
    (["--plan", "docs", "--lang", "all"],  # no single language: English
     "error: --plan: 'docs' has no plan.yml; name a plan folder (a folder with plan.yml)"),
    (["--plan", "/", "--lang", "zh"], "error: --plan: '/' 位于项目文件夹（{root}）之外：请给出项目内的文件夹"),
    (["--output-dir", "{plan}/plan.yml", "--lang", "zh"],
     "error: --output-dir: '{plan}/plan.yml' 是文件，不是文件夹：此处需要文件夹"),
    (["--processed-dir", "{plan}/plan.yml", "--lang", "zh"],
     "error: --processed-dir: '{plan}/plan.yml' 是文件，不是文件夹：此处需要文件夹"),
    (["--observations", "data/raw/nosuch", "--lang", "zh"],
     "error: --observations: 'data/raw/nosuch' 不存在：请给出存放观测数据文件的文件夹"),
    (["--observations", "{plan}/plan.yml", "--lang", "zh"],
     "error: --observations: '{plan}/plan.yml' 是文件，不是文件夹：请给出存放观测数据文件的文件夹"),
    (["--output-dir", "{plan}/reports", "--lang", "zh"],
     "error: --output-dir: {plan}/reports 位于原始数据文件夹 {plan} 内，该文件夹只读"),
])
def test_a_path_mistake_is_told_after_its_option_in_the_language_the_run_asks_for(weihai_in_project, work_dir,
                                                                                  capsys, args, line):
    from analysis.settings import PROJECT_ROOT

    names = {"work": relative(work_dir), "plan": relative(weihai_in_project.folder), "root": PROJECT_ROOT}
    status = cli.main(["report", "--plan", relative(weihai_in_project.folder), "--year", "2024", "--output-dir",
                       relative(work_dir / "reports"), *[arg.format(**names) for arg in args]])
    assert status == 2 and capsys.readouterr().err.splitlines() == [line.format(**names)]
    assert not (work_dir / "reports").exists()


def test_a_template_path_mistake_is_told_in_the_workbooks_language(weihai_in_project, work_dir, capsys):
    status = cli.main(["templates", "--plan", "data/raw/nosuch", "--lang", "zh", "--output-dir",
                       relative(work_dir / "templates")])
    assert status == 2 and capsys.readouterr().err.splitlines() == [
        "error: --plan: 'data/raw/nosuch' 不存在：请给出方案文件夹（含 plan.yml 的文件夹）"]


def test_a_template_year_mistake_is_told_in_the_workbooks_language(weihai_in_project, work_dir, capsys):
    status = cli.main(["templates", "--plan", relative(weihai_in_project.folder), "--year", "2019", "--lang", "zh",
                       "--output-dir", relative(work_dir / "templates")])
    lines = capsys.readouterr().err.splitlines()
    assert status == 2 and lines == ["error: --year: 2019年：可报送数据的年份为2021—2030年"]

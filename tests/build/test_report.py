"""Render real reports into a scratch folder and check what a reader gets."""
from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest

from analysis import cli
from analysis.build import report as build_report
from analysis.build.batch import BatchError, render_reports
from analysis.build.data import build_tables
from analysis.build.job import NOTEBOOKS, make_job
from analysis.clean.tidy import clean_plan_table
from analysis.files import sha256_file
from analysis.ingest.plan_inputs import load_plan_inputs
from analysis.report.render import html_external_references
from analysis.settings import NOTEBOOKS_DIR
from tests.conftest import FIXTURES, relative
from tests.support.pdf import pdf_fonts, pdf_image_count, pdf_text

OBSERVATIONS = FIXTURES / "observations" / "good"


def names_missing_from(html: str, names) -> list[str]:
    """Indicator names that do not appear in the HTML (where "&" is written "&amp;")."""
    return [name for name in names if name.replace("&", "&amp;") not in html]


def notebooks_with_extra_cell(tmp_path, monkeypatch, name: str, code: str) -> None:
    """Point the report at a copy of the notebooks in which ``name`` runs ``code`` after its setup."""
    broken = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, broken)
    notebook = nbformat.read(broken / name, as_version=4)
    notebook.cells.insert(3, nbformat.v4.new_code_cell(code))
    nbformat.write(notebook, broken / name)
    monkeypatch.setattr(build_report, "NOTEBOOKS_DIR", broken)


def build(plan, year, language, root, **kwargs):
    job = make_job(plan, year, language, output_root=root, **kwargs)
    render_reports([job], force=True, progress=lambda line: None)
    return job.destination


@pytest.fixture(scope="module")
def indicators(weihai):
    return clean_plan_table(load_plan_inputs(weihai)).indicators


@pytest.fixture(scope="module")
def zh_report(weihai_in_project, project_tmp):
    return build(weihai_in_project, 2024, "zh", project_tmp / "zh-report")


@pytest.fixture(scope="module")
def en_report(weihai_in_project, project_tmp):
    return build(weihai_in_project, 2023, "en", project_tmp / "en-report", observations_dir=OBSERVATIONS)


def test_report_folder_has_every_output(zh_report):
    assert zh_report.parts[-3:] == ("weihai", "2024", "zh")
    for name in ("report.html", "report.pdf", "report.docx", "scorecard.xlsx", "manifest.json",
                 *(f"notebooks/{n}" for n in NOTEBOOKS), "data/assessment.csv", "data/plan.json"):
        assert (zh_report / name).is_file(), name
    assert not [p for p in zh_report.parent.iterdir() if p.name.startswith((".staging", ".previous", ".failed"))]


def test_html_is_self_contained_chinese_and_has_every_indicator(zh_report, indicators):
    html = (zh_report / "report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in html
    assert "威海市国家创新型城市建设指标总结评估报告（2024年）" in html
    assert names_missing_from(html, indicators["short_name_zh"]) == []
    assert html_external_references(html) == []
    assert "<script src=" not in html
    assert "jp-InputArea" not in html and "configure_matplotlib" not in html  # no code cells
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


def test_manifest_hashes_match_the_files(zh_report, weihai_in_project):
    manifest = json.loads((zh_report / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["report"] == {"plan": "weihai", "year": 2024, "language": "zh", "scheme": "eurostat"}
    assert set(manifest["step_seconds"]) == {"data", "html", "pdf", "docx", "scorecard",
                                             *(f"notebook {n}" for n in NOTEBOOKS)}
    assert {"report.pdf", "report.html", "report.docx", "scorecard.xlsx"} <= set(manifest["outputs"])
    assert not [name for name in manifest["outputs"] if name.startswith("figures/")]  # embedded, then removed
    for name, digest in manifest["outputs"].items():
        assert sha256_file(zh_report / name) == digest, name
    source = weihai_in_project.printed_text
    assert manifest["inputs"][relative(source)] == sha256_file(source)
    assert manifest["build"]["environment"]["packages"]["matplotlib"].startswith("3.")


def test_english_mid_term_report_has_english_names(en_report, indicators):
    html = (en_report / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert "Weihai national innovative city indicators: Mid-term evaluation 2023" in html
    assert names_missing_from(html, indicators["short_name_en"]) == []
    text = " ".join(pdf_text(en_report / "report.pdf").split())
    assert "Mid- term evaluation 2023" in text or "Mid-term evaluation 2023" in text
    assert "Synthetic test bulletin 2022" in text
    assert "总结评估" not in html


def test_the_notebooks_read_the_tables_kept_beside_the_report(en_report, weihai_in_project):
    """The report is made from the data step's tables: the same bytes `make data` would write."""
    fresh = build_tables(weihai_in_project, "eurostat", OBSERVATIONS)
    assert {p.name: p.read_bytes() for p in (en_report / "data").iterdir()} == fresh
    notebook = json.loads((en_report / "notebooks" / NOTEBOOKS[-1]).read_text(encoding="utf-8"))
    parameters = notebook["metadata"]["papermill"]["parameters"]
    assert parameters["report_year"] == 2023 and parameters["data_dir"].endswith("2023/.staging-en/data")


def test_a_failing_notebook_is_named_with_its_cell_and_nothing_is_published(tmp_path, monkeypatch, capsys,
                                                                            work_dir, weihai_in_project):
    notebooks_with_extra_cell(tmp_path, monkeypatch, NOTEBOOKS[1], "1 / 0  # a step that fails")
    status = cli.main(["report", "--plan", relative(weihai_in_project.folder), "--output-dir",
                       relative(work_dir), "--processed-dir", relative(work_dir / "processed")])
    err = capsys.readouterr().err
    assert status == 1
    assert f"error: {NOTEBOOKS[1]}: cell" in err and "ZeroDivisionError" in err
    assert "Traceback" not in err
    assert not (work_dir / "weihai" / "2024" / "zh").exists()  # nothing published
    assert not (work_dir / "processed").exists()                # nor the tables
    assert (work_dir / "weihai" / "2024" / ".failed-zh" / "notebooks" / NOTEBOOKS[1]).is_file()


def test_an_unchanged_rerun_does_nothing_and_a_changed_output_is_rebuilt(zh_report, weihai_in_project, project_tmp):
    root = project_tmp / "rerun"
    copy = root / "weihai" / "2024" / "zh"
    shutil.copytree(zh_report, copy)
    manifest = (copy / "manifest.json").read_bytes()
    lines = []
    job = make_job(weihai_in_project, 2024, "zh", output_root=root)
    assert render_reports([job], progress=lines.append) == [copy]
    assert lines == [f"weihai/2024/zh: {relative(copy)} is up to date (inputs, parameters, code and environment "
                     "unchanged; --force rebuilds)"]
    assert (copy / "manifest.json").read_bytes() == manifest
    # a hand-edited output is not "up to date": the run puts the built one back
    good = (copy / "report.html").read_bytes()
    (copy / "report.html").write_bytes(good.replace("总结评估".encode(), b"edited"))
    lines.clear()
    render_reports([job], progress=lines.append)
    assert lines[0] == "weihai/2024/zh: building (report.html was changed after it was built)"
    assert (copy / "report.html").read_bytes() == good
    # processed tables are refreshed by an up-to-date run as well
    job = make_job(weihai_in_project, 2024, "zh", output_root=root, processed_root=project_tmp / "processed")
    render_reports([job], progress=lambda line: None)
    assert ((project_tmp / "processed" / "weihai" / "assessment.csv").read_bytes()
            == (copy / "data" / "assessment.csv").read_bytes())


def test_a_batch_shares_one_kernel_and_gives_the_bytes_of_single_runs(zh_report, weihai_in_project, project_tmp):
    lines = []
    jobs = [make_job(weihai_in_project, 2024, language, output_root=project_tmp / "batch") for language in ("zh", "en")]
    render_reports(jobs, workers=1, force=True, progress=lines.append)
    batch = project_tmp / "batch" / "weihai" / "2024" / "zh"
    for name in ("report.html", "report.pdf", "report.docx", "data/assessment.csv"):
        assert (batch / name).read_bytes() == (zh_report / name).read_bytes(), name
    # the notebooks run second in the same kernel number their cells from 1 and see no earlier variables
    notebook = json.loads((batch / "notebooks" / NOTEBOOKS[-1]).read_text(encoding="utf-8"))
    counts = [cell["execution_count"] for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))
    manifest = json.loads((batch / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["build"]["key"] == json.loads((zh_report / "manifest.json").read_text())["build"]["key"]
    # each report's steps print numbered in the order they start, every step once, though some run side by side
    for report in ("weihai/2024/zh", "weihai/2024/en"):
        starts = [line.removeprefix(f"{report}: ") for line in lines
                  if line.startswith(f"{report}: [") and line.endswith(" …")]
        assert [start.split("]")[0] for start in starts] == [f"[{n}/8" for n in range(1, 9)]
        assert sorted(start.split("] ")[1].removesuffix(" …") for start in starts) == sorted(build_report.STEPS)


def batch_where_english_runs(tmp_path, monkeypatch, plan, root, code: str) -> BatchError:
    """Build 2024 zh and en in one worker with ``code`` added to the report notebook; return the BatchError."""
    notebooks_with_extra_cell(tmp_path, monkeypatch, NOTEBOOKS[-1], code)
    jobs = [make_job(plan, 2024, language, output_root=root) for language in ("en", "zh")]
    with pytest.raises(BatchError) as caught:
        render_reports(jobs, workers=1, force=True, progress=lambda line: None)
    return caught.value


def test_a_failing_report_does_not_stop_the_rest_of_its_batch(tmp_path, monkeypatch, weihai_in_project, work_dir):
    error = batch_where_english_runs(tmp_path, monkeypatch, weihai_in_project, work_dir,
                                     'assert language != "en", "no English today"')
    [failed] = [o for o in error.outcomes if o.error_kind]
    assert failed.label == "weihai/2024/en" and failed.error_kind == "step"
    assert f"{NOTEBOOKS[-1]}: cell" in failed.message and "no English today" in failed.message
    assert not error.only_input_errors
    assert (work_dir / "weihai" / "2024" / "zh" / "report.pdf").is_file()
    assert not (work_dir / "weihai" / "2024" / "en").exists()
    assert (work_dir / "weihai" / "2024" / ".failed-en" / "notebooks" / NOTEBOOKS[-1]).is_file()


def test_a_kernel_that_dies_is_named_and_the_next_report_gets_a_new_one(tmp_path, monkeypatch, weihai_in_project,
                                                                        work_dir):
    error = batch_where_english_runs(tmp_path, monkeypatch, weihai_in_project, work_dir,
                                     'import os\nif language == "en":\n    os._exit(1)  # as if killed')
    [failed] = [o for o in error.outcomes if o.error_kind]
    assert failed.label == "weihai/2024/en" and "the kernel died while the notebook ran" in failed.message
    assert (work_dir / "weihai" / "2024" / "zh" / "report.pdf").is_file()  # built after en, in a new kernel

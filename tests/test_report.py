"""Render real reports into a temporary folder and check what a reader gets."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from analysis.cleaning import clean_indicator_table
from analysis.paths import PROJECT_ROOT, RAW_DIR
from analysis.provenance import sha256_of
from analysis.render import html_external_references, pdf_fonts, pdf_image_count, pdf_text
from analysis.report import render_report

OBSERVATIONS = Path(__file__).resolve().parent / "fixtures" / "observations" / "good"


def names_missing_from(html: str, names) -> list[str]:
    """Indicator names that do not appear in the HTML (where "&" is written "&amp;")."""
    return [name for name in names if name.replace("&", "&amp;") not in html]


def notebooks_with_extra_cell(tmp_path, monkeypatch, name: str, code: str) -> None:
    """Point the report at a copy of the notebooks in which ``name`` runs ``code`` after its setup."""
    import nbformat

    from analysis import report
    from analysis.paths import NOTEBOOKS_DIR

    broken = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, broken)
    notebook = nbformat.read(broken / name, as_version=4)
    notebook.cells.insert(3, nbformat.v4.new_code_cell(code))
    nbformat.write(notebook, broken / name)
    monkeypatch.setattr(report, "NOTEBOOKS_DIR", broken)


@pytest.fixture(scope="module")
def indicators():
    return clean_indicator_table().indicators


@pytest.fixture(scope="module")
def zh_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    return render_report(2024, "zh", "eurostat", output_root=root, progress=lambda line: None)


@pytest.fixture(scope="module")
def en_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    return render_report(2023, "en", "eurostat", observations_dir=OBSERVATIONS, output_root=root,
                         progress=lambda line: None)


def test_report_folder_has_every_output(zh_report):
    assert zh_report.name == "zh" and zh_report.parent.name == "2024"
    for name in ("report.html", "report.pdf", "manifest.json", "notebooks/01_clean_indicators.ipynb",
                 "notebooks/02_gap_to_target.ipynb", "notebooks/03_annual_report.ipynb", "data/assessment.csv"):
        assert (zh_report / name).is_file(), name
    assert not [p for p in zh_report.parent.iterdir() if p.name.startswith((".staging", ".previous", ".failed"))]


def test_html_is_self_contained_chinese_and_has_every_indicator(zh_report, indicators):
    html = (zh_report / "report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in html
    assert "总结评估报告（2024年）" in html
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


def test_manifest_hashes_match_the_files(zh_report):
    manifest = json.loads((zh_report / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["report"] == {"year": 2024, "language": "zh", "scheme": "eurostat"}
    assert set(manifest["step_seconds"]) >= {"data", "html", "pdf"}
    assert "report.pdf" in manifest["outputs"] and "report.html" in manifest["outputs"]
    for name, digest in manifest["outputs"].items():
        assert sha256_of(zh_report / name) == digest, name
    source = "data/raw/weihai-innovative-city-plan-2022.txt"
    assert manifest["inputs"][source] == sha256_of(PROJECT_ROOT / source)
    assert manifest["packages"]["matplotlib"].startswith("3.")


def test_english_mid_term_report_has_english_names(en_report, indicators):
    html = (en_report / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert "Mid-term evaluation 2023" in html
    assert names_missing_from(html, indicators["short_name_en"]) == []
    text = " ".join(pdf_text(en_report / "report.pdf").split())
    assert "Mid- term evaluation 2023" in text or "Mid-term evaluation 2023" in text
    assert "Synthetic test bulletin 2022" in text
    assert "总结评估" not in html


def test_data_written_beside_the_report_is_the_assessment_it_shows(en_report):
    assessment = (en_report / "data" / "assessment.csv").read_text(encoding="utf-8-sig")
    assert "2023" in assessment.splitlines()[1]
    assert RAW_DIR.is_dir()


def test_a_failing_notebook_is_named_with_its_cell_and_nothing_is_published(tmp_path, monkeypatch, capsys):
    import shutil

    from analysis import cli

    notebooks_with_extra_cell(tmp_path, monkeypatch, "02_gap_to_target.ipynb", "1 / 0  # a step that fails")
    output = PROJECT_ROOT / "tests" / ".work" / "failing-notebook"
    shutil.rmtree(output, ignore_errors=True)
    try:
        status = cli.main(["report", "--year", "2024", "--output-dir", str(output),
                           "--processed-dir", str(output / "processed")])
        err = capsys.readouterr().err
        assert status == 1
        assert "error: 02_gap_to_target.ipynb: cell" in err and "ZeroDivisionError" in err
        assert "Traceback" not in err
        assert not (output / "2024" / "zh").exists()       # nothing published
        assert not (output / "processed").exists()          # nor the tables
        assert (output / "2024" / ".failed-zh" / "notebooks" / "02_gap_to_target.ipynb").is_file()
    finally:
        shutil.rmtree(output, ignore_errors=True)


def test_an_unchanged_rerun_does_nothing_and_a_changed_output_is_rebuilt(zh_report, tmp_path):
    copy = tmp_path / "reports" / "2024" / "zh"
    shutil.copytree(zh_report, copy)
    manifest = (copy / "manifest.json").read_bytes()
    lines = []
    assert render_report(2024, "zh", output_root=tmp_path / "reports", progress=lines.append) == copy
    assert lines == [f"2024/zh: {copy} is up to date (inputs, parameters, code and environment unchanged; "
                     "--force rebuilds)"]
    assert (copy / "manifest.json").read_bytes() == manifest
    # a hand-edited output is not "up to date": the run puts the built one back
    good = (copy / "report.html").read_bytes()
    (copy / "report.html").write_bytes(good.replace("总结评估".encode(), "edited".encode()))
    lines.clear()
    render_report(2024, "zh", output_root=tmp_path / "reports", progress=lines.append)
    assert lines[0] == "2024/zh: building (report.html was changed after it was built)"
    assert (copy / "report.html").read_bytes() == good
    # processed tables are refreshed by an up-to-date run as well
    processed = tmp_path / "processed"
    render_report(2024, "zh", output_root=tmp_path / "reports", processed_dir=processed, progress=lambda line: None)
    assert (processed / "assessment.csv").read_bytes() == (copy / "data" / "assessment.csv").read_bytes()


def test_a_batch_shares_one_kernel_and_gives_the_bytes_of_single_runs(zh_report, tmp_path):
    from analysis.report import make_job, render_reports

    lines = []
    jobs = [make_job(2024, language, output_root=tmp_path) for language in ("zh", "en")]
    render_reports(jobs, workers=1, progress=lines.append)
    batch = tmp_path / "2024" / "zh"
    for name in ("report.html", "report.pdf", "data/assessment.csv"):
        assert (batch / name).read_bytes() == (zh_report / name).read_bytes(), name
    # en is built first; zh reuses its tables and notebooks 01 and 02 (no language in their parameters)
    reused = [line for line in lines if "reused from" in line]
    assert [line.split(":")[0] for line in reused] == ["2024/zh"] * 3
    # the notebook run second in the same kernel numbers its cells from 1 and sees no earlier variables
    notebook = json.loads((batch / "notebooks" / "03_annual_report.ipynb").read_text(encoding="utf-8"))
    counts = [cell["execution_count"] for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))
    manifest = json.loads((batch / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["build"]["key"] == json.loads((zh_report / "manifest.json").read_text())["build"]["key"]


def batch_where_english_runs(tmp_path, monkeypatch, code: str):
    """Build 2024 zh and en in one worker with ``code`` added to notebook 03; return the BatchError."""
    from analysis.report import BatchError, make_job, render_reports

    notebooks_with_extra_cell(tmp_path, monkeypatch, "03_annual_report.ipynb", code)
    jobs = [make_job(2024, language, output_root=tmp_path / "reports") for language in ("zh", "en")]
    with pytest.raises(BatchError) as caught:
        render_reports(jobs, workers=1, progress=lambda line: None)
    return caught.value


def test_a_failing_report_does_not_stop_the_rest_of_its_batch(tmp_path, monkeypatch):
    error = batch_where_english_runs(tmp_path, monkeypatch, 'assert language != "en", "no English today"')
    [failed] = [o for o in error.outcomes if o.error_kind]
    assert failed.label == "2024/en" and failed.error_kind == "step"
    assert "03_annual_report.ipynb: cell" in failed.message and "no English today" in failed.message
    assert not error.only_input_errors
    assert (tmp_path / "reports" / "2024" / "zh" / "report.pdf").is_file()
    assert not (tmp_path / "reports" / "2024" / "en").exists()
    assert (tmp_path / "reports" / "2024" / ".failed-en" / "notebooks" / "03_annual_report.ipynb").is_file()


def test_a_kernel_that_dies_is_named_and_the_next_report_gets_a_new_one(tmp_path, monkeypatch):
    error = batch_where_english_runs(tmp_path, monkeypatch,
                                     'import os\nif language == "en":\n    os._exit(1)  # as if killed')
    [failed] = [o for o in error.outcomes if o.error_kind]
    assert failed.label == "2024/en" and "the kernel died while the notebook ran" in failed.message
    assert (tmp_path / "reports" / "2024" / "zh" / "report.pdf").is_file()  # built after en, in a new kernel

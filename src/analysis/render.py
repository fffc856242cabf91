"""Render executed report notebooks to a self-contained HTML page and an A4 PDF.

HTML comes from nbconvert with the project's ``report`` template (code hidden, no
network resources, images inlined); the PDF is WeasyPrint's rendering of that HTML,
because ``nbconvert --to pdf`` drops Chinese text and ``--to webpdf`` needs a browser.
The ``pdf_*`` helpers read a rendered PDF back, for tests and release checks.
"""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from pypdf import PdfReader
from traitlets.config import Config

from .paths import TEMPLATES_DIR

# BCP 47 tags for <html lang>; "zh-Hans" (simplified script) lets browsers and
# WeasyPrint pick Simplified Chinese glyph forms.
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
IMAGE_ALT_TEXT = {"zh": "图表", "en": "Chart"}

# Cells carrying one of these tags are left out of the report entirely.
# "injected-parameters" is the cell papermill adds with the run's parameters.
REMOVE_CELL_TAGS = {"remove-cell", "hide", "injected-parameters"}
REMOVE_OUTPUT_TAGS = {"remove-output"}

# Output mime types a static, offline report can show, best first. JavaScript and
# widget views are absent on purpose: they would need scripts from the network.
REPORT_MIME_PRIORITY = [
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/latex",
    "text/plain",
]

# Fields of the PDF that differ between two renders of the same HTML: none.
# Measured with WeasyPrint 70 (both font subsetters). No /CreationDate or /ModDate is
# written (the page has no dcterms.created meta) and no /ID (pdf_identifier is off).
# The one time-based field, head.modified inside fonts subset by fontTools (the
# fallback when libharfbuzz-subset is missing), is pinned by _fixed_source_date().
# Would vary if turned on: /ID (pdf_identifier=True), /CreationDate and /ModDate
# (dcterms.* meta tags), the XMP document id (PDF/A variants, a random uuid4).
PDF_VARIABLE_FIELDS: tuple[str, ...] = ()

_EXTERNAL_URL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
_CSS_URL = re.compile(
    r"""@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)|url\(\s*['"]?([^'")\s]+)""", re.IGNORECASE
)
_URL_ATTRIBUTE_BY_TAG = {
    "script": "src",
    "link": "href",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "embed": "src",
    "video": "src",
    "audio": "src",
    "object": "data",
}
_NUMBER = re.compile(r"^(?=.*\d)[-+−]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?%?$")
_MISSING_VALUE_TEXTS = {"", "nan", "NaN", "<NA>", "NaT", "None", "-", "–", "—"}
_MARKDOWN_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


class UnpublishableOutputError(ValueError):
    """The notebook holds output a report must not show: a traceback, or a resource
    loaded from the network."""


class _DropStderrAndEmptyCells(Preprocessor):
    """Remove stderr streams (warnings, logging), then code cells left without output.

    Input is hidden in the report, so a code cell without output would only leave an
    empty box behind.
    """

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = [
                    output
                    for output in cell.outputs
                    if not (output.output_type == "stream" and output.name == "stderr")
                ]
        nb.cells = [cell for cell in nb.cells if cell.cell_type != "code" or cell.outputs]
        return nb, resources


def notebook_to_html(
    notebook_path: str | os.PathLike,
    html_path: str | os.PathLike,
    *,
    language: str = "zh",
    title: str | None = None,
) -> Path:
    """Render an executed notebook to a self-contained, deterministic HTML report.

    Parameters
    ----------
    notebook_path : path-like
        Executed ``.ipynb`` whose saved outputs make up the report.
    html_path : path-like
        Destination; written atomically (temporary file, then ``os.replace``).
    language : {"zh", "en"}
        Report language; sets ``<html lang>`` and the images' alt text.
    title : str, optional
        Page title. Defaults to ``metadata.title``, else the first ``# `` heading of
        a markdown cell, else the notebook's file name.

    Returns
    -------
    Path
        ``html_path``.

    Raises
    ------
    UnpublishableOutputError
        If a cell has an error output (a traceback, e.g. from a missing chart glyph,
        see :mod:`analysis.fonts`), or if an output would load a script, stylesheet,
        font or image from the network.
    """
    if language not in HTML_LANG:
        raise ValueError(f"language must be one of {sorted(HTML_LANG)}, not {language!r}")
    notebook_path, html_path = Path(notebook_path), Path(html_path)
    notebook = nbformat.read(notebook_path, as_version=4)
    failed = _error_output_names(notebook)
    if failed:
        raise UnpublishableOutputError(
            f"{notebook_path.name}: cells raised {failed}; fix the notebook and run it "
            f"again instead of publishing tracebacks."
        )
    resources = {
        # "path" lets nbconvert find images referenced by markdown cells to embed them.
        "metadata": {"name": notebook_path.stem, "path": str(notebook_path.parent)},
        "report": {
            "lang": HTML_LANG[language],
            "title": title or _default_title(notebook, notebook_path),
            "image_alt": IMAGE_ALT_TEXT[language],
        },
    }
    html_text, _ = _report_exporter().from_notebook_node(notebook, resources=resources)
    html_text = _right_align_numeric_columns(html_text)

    external = html_external_references(html_text)
    if external:
        raise UnpublishableOutputError(
            f"{notebook_path.name}: the report must work offline, but outputs load "
            f"{external}. Render such content as a static image or table instead."
        )
    _write_atomically(html_path, html_text.encode("utf-8"))
    return html_path


def html_to_pdf(html_path: str | os.PathLike, pdf_path: str | os.PathLike) -> Path:
    """Print an HTML report to an A4 PDF with WeasyPrint.

    Page size, margins and page numbers come from the page's own ``@page`` rule.
    WeasyPrint embeds subsets of every font used. Only ``data:`` and ``file:`` URLs
    are fetched, so rendering never waits on the network. The output is
    byte-identical across runs (see :data:`PDF_VARIABLE_FIELDS`).

    Parameters
    ----------
    html_path : path-like
        HTML produced by :func:`notebook_to_html`.
    pdf_path : path-like
        Destination; written atomically (temporary file, then ``os.replace``).

    Returns
    -------
    Path
        ``pdf_path``.
    """
    # Imported here: WeasyPrint is slow to import and needs Pango, which HTML-only
    # callers should not depend on.
    from weasyprint import HTML, URLFetcher

    html_path, pdf_path = Path(html_path), Path(pdf_path)
    offline_fetcher = URLFetcher(allowed_protocols={"data", "file"})
    document = HTML(filename=html_path, url_fetcher=offline_fetcher, media_type="print")
    with _fixed_source_date():
        pdf_bytes = document.write_pdf()
    _write_atomically(pdf_path, pdf_bytes)
    return pdf_path


def html_external_references(html_text: str) -> list[str]:
    """List the network URLs a page would load.

    Looks at ``src``/``href``/``data`` of resource-loading elements (script, link,
    img, source, iframe, embed, video, audio, object) and at ``@import`` and
    ``url(...)`` in ``<style>`` blocks and ``style`` attributes. Plain ``<a href>``
    links are not resources and are ignored.

    Parameters
    ----------
    html_text : str
        The HTML document.

    Returns
    -------
    list of str
        URLs starting with ``http:``, ``https:`` or ``//``: element URLs in document
        order, then those found in CSS.
    """
    soup = BeautifulSoup(html_text, "html.parser")
    urls = []
    for element in soup.find_all(_URL_ATTRIBUTE_BY_TAG):
        attribute = _URL_ATTRIBUTE_BY_TAG[element.name]
        if element.get(attribute):
            urls.append(element[attribute])
    css_texts = [style.get_text() for style in soup.find_all("style")]
    css_texts += [element["style"] for element in soup.find_all(style=True)]
    for css in css_texts:
        urls += [match.group(1) or match.group(2) for match in _CSS_URL.finditer(css)]
    return [url for url in urls if _EXTERNAL_URL.match(url)]


def pdf_text(pdf_path: str | os.PathLike) -> str:
    """Extract the text of all pages, pages separated by newlines."""
    return "\n".join(page.extract_text() for page in PdfReader(pdf_path).pages)


def pdf_fonts(pdf_path: str | os.PathLike) -> list[dict]:
    """List the fonts a PDF uses and whether each one is embedded.

    Parameters
    ----------
    pdf_path : path-like
        The PDF to inspect.

    Returns
    -------
    list of dict
        ``{"name": str, "embedded": bool}`` per font, sorted by name, e.g.
        ``{"name": "/TSPJMR+Noto-Sans-CJK-SC", "embedded": True}`` (the prefix marks
        a subset). Type 3 fonts count as embedded: their glyphs are drawn inline.
    """
    embedded_by_name: dict[str, bool] = {}
    for page in PdfReader(pdf_path).pages:
        for font in _fonts_in_resources(page.get("/Resources"), seen=set()):
            name = str(font.get("/BaseFont", font.get("/Name", "<unnamed>")))
            embedded = _font_is_embedded(font)
            embedded_by_name[name] = embedded_by_name.get(name, True) and embedded
    return [
        {"name": name, "embedded": embedded} for name, embedded in sorted(embedded_by_name.items())
    ]


def pdf_image_count(pdf_path: str | os.PathLike) -> int:
    """Count the raster images drawn on all pages of a PDF."""
    return sum(len(page.images) for page in PdfReader(pdf_path).pages)


def _report_exporter() -> HTMLExporter:
    """Build the HTML exporter: report template, no code, no prompts, cleaned outputs."""
    config = Config(
        {
            "TemplateExporter": {
                "exclude_input": True,
                "exclude_input_prompt": True,
                "exclude_output_prompt": True,
            },
            "HTMLExporter": {
                "template_name": "report",
                "extra_template_basedirs": [str(TEMPLATES_DIR)],
                "embed_images": True,
            },
            "NbConvertBase": {"display_data_priority": REPORT_MIME_PRIORITY},
            "TagRemovePreprocessor": {
                "enabled": True,
                "remove_cell_tags": REMOVE_CELL_TAGS,
                "remove_all_outputs_tags": REMOVE_OUTPUT_TAGS,
            },
        }
    )
    exporter = HTMLExporter(config=config)
    # Registered after the built-in preprocessors, so it also sees what TagRemove left.
    exporter.register_preprocessor(_DropStderrAndEmptyCells(), enabled=True)
    return exporter


def _default_title(notebook, notebook_path: Path) -> str:
    if notebook.metadata.get("title"):
        return notebook.metadata["title"]
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and (heading := _MARKDOWN_TITLE.search(cell.source)):
            return heading.group(1)
    return notebook_path.stem


def _error_output_names(notebook) -> list[str]:
    """Exception names of all error outputs, e.g. ``["UserWarning"]``."""
    return [
        output.get("ename", "error")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]


def _right_align_numeric_columns(html_text: str) -> str:
    """Add class ``num`` to the cells and header of every numeric output-table column.

    Columns are matched from the right end of each row: data cells always come last,
    while row headers on the left vary in count when pandas uses ``rowspan``.
    Header rows with ``colspan`` (upper MultiIndex levels) are left alone.
    """
    soup = BeautifulSoup(html_text, "html.parser")
    for table in soup.select(".jp-OutputArea-output table"):
        body_rows = _cells_by_row(table, "tbody")
        header_rows = [
            row for row in _cells_by_row(table, "thead")
            if all(cell.get("colspan", "1") == "1" for cell in row)
        ]
        for offset in range(1, max(map(len, body_rows), default=0) + 1):
            column = [row[-offset] for row in body_rows if len(row) >= offset]
            data_cells = [cell for cell in column if cell.name == "td"]
            if not _is_numeric([cell.get_text(strip=True) for cell in data_cells]):
                continue
            header_cells = [row[-offset] for row in header_rows if len(row) >= offset]
            for cell in data_cells + header_cells:
                cell["class"] = [*cell.get("class", []), "num"]
    return str(soup)


def _cells_by_row(table, section: str) -> list[list]:
    return [row.find_all(["th", "td"], recursive=False) for row in table.select(f"{section} > tr")]


def _is_numeric(texts: list[str]) -> bool:
    """True if there is at least one number and everything else is a missing value."""
    numbers = [text for text in texts if _NUMBER.match(text)]
    others = {text for text in texts if not _NUMBER.match(text)}
    return bool(numbers) and others <= _MISSING_VALUE_TEXTS


def _fonts_in_resources(resources, seen: set[int]):
    """Yield the font dictionaries of a resource dictionary and its form XObjects."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
            seen.add(id(xobject))
            yield from _fonts_in_resources(xobject.get("/Resources"), seen)


def _font_is_embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":  # composite (CJK) font: data sits on its descendant
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@contextlib.contextmanager
def _fixed_source_date():
    """Set ``SOURCE_DATE_EPOCH`` (unless the caller did) for the duration of a render.

    Without libharfbuzz-subset, WeasyPrint subsets fonts with fontTools, which stamps
    the current time into each embedded font's ``head.modified`` field; fontTools
    honours ``SOURCE_DATE_EPOCH`` instead, which keeps the PDF byte-identical.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` so readers see either the old file or the complete new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Same folder, so os.replace is a rename on one file system, never a copy.
    descriptor, temporary_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as temporary_file:
            temporary_file.write(data)
            temporary_file.flush()
            os.fsync(temporary_file.fileno())
        # mkstemp creates the file private (0600); reports are meant to be shared.
        os.chmod(temporary_name, 0o644)
        os.replace(temporary_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary_name)
        raise


def warm_up_rendering() -> None:
    """Render a two-cell notebook to HTML and a line of Chinese to PDF, so that nbconvert's
    template, the Markdown and HTML parsers, fontconfig, Pango and the CJK font are all loaded
    before the report is due (a run does this while its notebooks execute in the kernel)."""
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 报告 Report\n\n| 指标 | 1.5 |\n|---|---|\n| a | 2 |"),
        nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output(
            "display_data", data={"text/html": "<table><tr><th>指标</th><td>1.5</td></tr></table>"})]),
    ])
    with tempfile.TemporaryDirectory(prefix="analysis-warm-up-") as folder:
        nbformat.write(notebook, Path(folder) / "warm-up.ipynb")
        notebook_to_html(Path(folder) / "warm-up.ipynb", Path(folder) / "warm-up.html", title="warm-up")
    warm_up_pdf()


def warm_up_pdf() -> None:
    """Import WeasyPrint and lay out a line of Chinese once (fontconfig, Pango, the CJK font)."""
    from weasyprint import HTML

    css = (TEMPLATES_DIR / "report" / "report.css").read_text(encoding="utf-8")
    HTML(string=f"<html lang='zh-Hans'><style>{css}</style><body><h1>报告 Report</h1>"
                f"<table><tr><td>指标 1.5</td></tr></table><p><b>完成</b></p></body></html>").write_pdf()

"""Render executed report notebooks to a self-contained HTML page and an A4 PDF.

HTML comes from nbconvert with the project's ``report`` template (code hidden, no
network resources, images inlined); the PDF is WeasyPrint's rendering of that HTML,
because ``nbconvert --to pdf`` drops Chinese text and ``--to webpdf`` needs a browser.
"""
from __future__ import annotations

import contextlib
import os
import re
from html import unescape
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup, NavigableString
from markupsafe import escape
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets.config import Config

from ..catalog import catalog
from ..files import write_bytes_atomic
from ..settings import TEMPLATES_DIR
from .line_breaks import HAN, keep_running, without_address_links

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
    """Render the executed notebook at ``notebook_path`` (its saved outputs make up the report) to a
    self-contained, deterministic HTML page at ``html_path``, written atomically; returns ``html_path``.

    ``language`` (a catalog) sets ``<html lang>`` and the images' alt text. ``title`` defaults to
    ``metadata.title``, else the first ``# `` heading of a markdown cell, else the notebook's file name.
    Raises :class:`UnpublishableOutputError` if a cell has an error output (a traceback, e.g. from a
    missing chart glyph, see :mod:`analysis.report.fonts`), or if an output would load a script,
    stylesheet, font or image from the network.
    """
    words = catalog(language)
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
            "lang": words["language.html_lang"],
            "title": title or _default_title(notebook, notebook_path),
            "image_alt": words["language.image_alt"],
        },
    }
    html_text, _ = _report_exporter().from_notebook_node(notebook, resources=resources)
    html_text = _with_contents(_keep_together_in_markdown(_right_align_numeric_columns(html_text)),
                               words["links.contents"])
    if words["language.quoted_chinese_lang"]:
        html_text = _chinese_marked(html_text, words["language.quoted_chinese_lang"])

    external = html_external_references(html_text)
    if external:
        raise UnpublishableOutputError(
            f"{notebook_path.name}: the report must work offline, but outputs load "
            f"{external}. Render such content as a static image or table instead."
        )
    write_bytes_atomic(html_path, html_text.encode("utf-8"))
    return html_path


def html_to_pdf(html_path: str | os.PathLike, pdf_path: str | os.PathLike) -> Path:
    """Print an HTML report to an A4 PDF with WeasyPrint.

    Page size, margins and page numbers come from the page's own ``@page`` rule.
    WeasyPrint embeds subsets of every font used. Only ``data:`` URLs are fetched, and the installed font files an
    ``@font-face`` names by ``local()`` (:func:`offline_fetcher`): rendering never waits on the network nor reads a
    file the report names. The output is
    byte-identical across runs: no /CreationDate, /ModDate or /ID is written (the page
    has no dcterms meta, pdf_identifier is off), and the one time-based field, the
    ``head.modified`` of fonts subset by fontTools, is pinned (``SOURCE_DATE_EPOCH``).
    ``html_path`` is a page made by :func:`notebook_to_html`; ``pdf_path`` is written atomically
    (temporary file, then ``os.replace``) and returned.
    """
    # Imported here: WeasyPrint is slow to import and needs Pango, which HTML-only
    # callers should not depend on.
    from weasyprint import HTML

    html_path, pdf_path = Path(html_path), Path(pdf_path)

    def page_of(text: str):
        return HTML(string=text, base_url=str(html_path.resolve()), url_fetcher=offline_fetcher(),
                    media_type="print")

    # a web address as text on paper (its link is the screen's): read as a string, its folder the base of its URLs
    printed = without_address_links(html_path.read_text(encoding="utf-8"))
    with _fixed_source_date():
        printed, page, document = _with_bands(printed, page_of)
        page, document = charts_moved_up(printed, page_of, page, document)
        pdf_bytes = charts_fitted(page, document).write_pdf()
    write_bytes_atomic(pdf_path, pdf_bytes)
    return pdf_path


#: How many times at most a report is laid out again to repeat a category's band over its rows on the next page.
MOST_BANDS_REPEATED = 4


def continued_bands(html_text: str, page_of):
    """The page ``page_of(html_text)`` makes (WeasyPrint's ``HTML``) and its layout, with a category's band repeated
    ("研发投入（续）", "R&D (continued)") over its rows where the scorecard carries them to another page: a reader of a
    row at the top of page 2 sees its category there, not only at the foot of page 1. Each band so repeated costs one
    more layout, none where no category is split (a short one is kept whole: html.KEPT_CATEGORY)."""
    _, page, document = _with_bands(html_text, page_of)
    return page, document


def _with_bands(html_text: str, page_of):
    """:func:`continued_bands`, with the page's text as laid out first."""
    page = page_of(html_text)
    document = page.render()
    for _ in range(MOST_BANDS_REPEATED):
        rows = _rows_continuing_a_category(document)
        bands = [(f'<tr id="{row_id}"', f'<tr class="category continued"><td colspan="{colspan}">{escape(text)}</td>'
                  "</tr>") for row_id, text, colspan in rows]
        bands = [(row, band) for row, band in bands if html_text.count(row) == 1]
        if not bands:
            break
        for row, band in bands:
            html_text = html_text.replace(row, band + row)
        page = page_of(html_text)
        document = page.render()
    return html_text, page, document


def _rows_continuing_a_category(document) -> list[tuple[str, str, int]]:
    """Each scorecard row that opens a page below no band of its category (begun on a page before): its id, the band's
    text on a page it continues (the body's ``data-continued``) and the band's column span."""
    from weasyprint.formatting_structure import boxes

    found, begun = [], set()
    for page in document.pages:
        for group in _page_content(page):
            if not (isinstance(group, boxes.TableRowGroupBox) and group.element_tag == "tbody"
                    and "category-group" in (group.element.get("class") or "").split()):
                continue
            first = group.children[0].element if group.children else None
            if (group.element in begun and first is not None and first.get("id")
                    and "category" not in (first.get("class") or "").split()):
                band = next(iter(group.element))  # the category's own band, its first row
                found.append((first.get("id"), group.element.get("data-continued") or "",
                              int(next(iter(band)).get("colspan") or 1)))
            begun.add(group.element)
    return found


#: How many times at most a report is laid out again to bring a section's later chart up to the page before it.
MOST_CHARTS_MOVED = 2


def charts_moved_up(html_text: str, page_of, page, document):
    """The page and its layout (``page``, ``document``: ``page_of(html_text)`` laid out), with a section whose first
    chart opens a page (its heading above it) leaving the page before it partly blank started at that page's foot
    instead: the section's heading, then a later chart of the section that fits the blank, printed first, the others
    after it in their order. The English final's change table ended 40 % down its page, the rest blank above the
    distance-covered chart (85 % of a page); the category chart (a third of one) fits there. Printed only: a screen
    has no pages, and shows the charts in their order. Kept only if the chart moved up and no page was added."""
    for _ in range(MOST_CHARTS_MOVED):
        proposal = _chart_to_move_up(html_text, document)
        if proposal is None:
            break
        first, later = proposal
        figure = re.search(f'<figure class="{re.escape(later)}">.*?</figure>(?:<p class="chart-note">.*?</p>)?',
                           html_text, re.S)
        opening = f'<figure class="{first}">'
        if figure is None or html_text.count(opening) != 1:
            break
        moved_text = html_text[:figure.start()] + html_text[figure.end():]
        moved_text = moved_text.replace(opening, figure.group(0) + opening, 1)
        moved_page = page_of(moved_text)
        moved = moved_page.render()
        name = ".".join(later.split())
        if len(moved.pages) > len(document.pages) or _chart_page(moved, name) >= _chart_page(document, name):
            break
        html_text, page, document = moved_text, moved_page, moved
    return page, document


def _chart_to_move_up(html_text: str, document) -> tuple[str, str] | None:
    """The classes of the first chart of a section that opens a page under the section's heading alone, and of a
    later chart of the section (before the next heading of its level) that would fit, with the heading, the blank at
    the foot of the page before; None if there is none."""
    heights = {box.element.get("class"): box.margin_height() for page in document.pages for box in _charts(page)}
    for before, page in zip(document.pages, document.pages[1:]):
        charts = _charts(page)
        if not charts:
            continue
        chart = charts[0]
        top = page._page_box.content_box_y()
        above = _text_above(_page_content(page), chart)
        if not any(box.element_tag == "h2" for box in above) \
                or any(box.style["break_after"] not in ("avoid", "avoid-page") for box in above):
            continue
        free = _free_at_foot(before)
        if free is None:
            continue
        # (the heading's top margin, which a page's top took off, comes back at the foot of the page before)
        margin = max((box.style["margin_top"].value for box in above
                      if getattr(box.style["margin_top"], "unit", "") == "px"), default=0)
        heading = chart.position_y - top + margin
        first = chart.element.get("class")
        start = html_text.find(f'<figure class="{first}">')
        if start < 0:
            continue
        end = html_text.find("<h2", start)
        section = html_text[start:end if end >= 0 else len(html_text)]
        for later in re.findall(r'<figure class="(chart [^"]+)">', section)[1:]:
            if later in heights and heading + heights[later] + 2 <= free:
                return first, later
    return None


#: The least share of the column a chart is printed at so that it shares a page with what stands before it (its type
#: then about 6.3 points, the charts' least 7 points drawn for the column printed at 90 %); a chart that would need
#: less goes to the next page whole, as before.
LEAST_CHART_SCALE = 0.9
#: How many charts a report prints smaller at most (each takes one more layout of the page).
MOST_CHARTS_FITTED = 4


def charts_fitted(page, document=None):
    """The printed layout of WeasyPrint's ``page`` (an ``HTML``), a chart (``figure.chart``) that a page break pushed
    to the top of the next page with the page before it left partly blank printed smaller instead, with the charts
    on that page before it, all by one factor of at least :data:`LEAST_CHART_SCALE`, so that it fits the gap: a
    lagging series' chart left a third of a page blank and the category chart alone on the next. What keeps with a
    chart (a heading before it, ``break-after: avoid``) goes with it; a chart is never split, nor parted from its
    heading. Each chart so fitted costs one more layout, and is kept only if the layout shows it moved up.
    ``document``: ``page`` laid out already, if it is."""
    from weasyprint import CSS

    scales: dict[str, float] = {}
    tried: set[str] = set()
    document = page.render() if document is None else document
    for _ in range(MOST_CHARTS_FITTED):
        proposal = _chart_to_fit(document, scales, tried)
        if proposal is None:
            break
        chart, wanted = proposal
        tried.add(chart)
        # (a sheet given to render() is the user's, which only !important sets above the page's own)
        rules = "".join(f"figure.{name} img {{ width: {100 * scale:.2f}% !important; }}"
                        for name, scale in wanted.items())
        fitted = page.render(stylesheets=[CSS(string=f"@media print {{ {rules} }}")])
        if _chart_page(fitted, chart) < _chart_page(document, chart):
            document, scales = fitted, wanted
    return document


def _page_content(page) -> list:
    """The boxes of a laid-out page's content: not its margin boxes (the running head, the page number)."""
    from weasyprint.formatting_structure import boxes

    return [box for child in page._page_box.children if not isinstance(child, boxes.MarginBox)
            for box in child.descendants()]


def _text_above(content: list, chart) -> list:
    """The blocks of lines standing above ``chart`` on its page (a heading, a lead-in)."""
    from weasyprint.formatting_structure import boxes

    return [box for box in content if isinstance(box, boxes.BlockContainerBox) and box.position_y < chart.position_y
            and any(isinstance(child, boxes.LineBox) for child in box.children)]


def _free_at_foot(page) -> float | None:
    """The height left blank at the foot of a laid-out page, under its last line, row or picture (None: nothing)."""
    from weasyprint.formatting_structure import boxes

    lines = [box for box in _page_content(page)
             if isinstance(box, (boxes.LineBox, boxes.TableRowBox, boxes.ReplacedBox))]
    if not lines:
        return None
    return page._page_box.content_box_y() + page._page_box.height - max(box.position_y + box.height for box in lines)


def _charts(page) -> list:
    """The ``figure.chart`` boxes of a laid-out page, in order."""
    from weasyprint.formatting_structure import boxes

    return [box for box in _page_content(page) if isinstance(box, boxes.BlockBox) and box.element_tag == "figure"
            and "chart" in (box.element.get("class") or "").split()]


def _chart_name(box) -> str:
    """A chart's classes as a selector's (``chart.chart-growth``)."""
    return ".".join(box.element.get("class").split())


def _chart_page(document, name: str) -> int:
    return next((number for number, page in enumerate(document.pages)
                 if any(_chart_name(box) == name for box in _charts(page))), -1)


def _chart_to_fit(document, scales: dict[str, float], tried: set[str]) -> tuple[str, dict[str, float]] | None:
    """The first chart that opens a page (after nothing but what keeps with it, a heading) and would fit the foot of
    the page before it with that page's charts and itself printed smaller by one factor of at least
    :data:`LEAST_CHART_SCALE` of the column; with every chart's share of the column (``scales``, 1 by default) as
    they would print it. None if there is no such chart."""
    from weasyprint.formatting_structure import boxes

    def image_height(chart) -> float:
        return sum(box.height for box in chart.descendants() if isinstance(box, boxes.ReplacedBox))

    for before, page in zip(document.pages, document.pages[1:]):
        charts = _charts(page)
        if not charts or _chart_name(charts[0]) in tried:
            continue
        chart = charts[0]
        content = _page_content(page)
        top = page._page_box.content_box_y()
        # what stands above it on its page keeps with it (a heading, a lead-in), or it does not open the page
        above = _text_above(content, chart)
        if any(box.style["break_after"] not in ("avoid", "avoid-page") for box in above):
            continue
        free = _free_at_foot(before)
        if free is None:
            continue
        # the top margin a page's top took off what opens it comes back at the foot of the page before
        margin = max((box.style["margin_top"].value for box in content if isinstance(box, boxes.BlockBox)
                      and box.position_y <= top + 0.5 and getattr(box.style["margin_top"], "unit", "") == "px"),
                     default=0)
        needed = chart.position_y + chart.margin_height() - top + margin + 2  # (2 px to spare)
        shrinking = [*_charts(before), chart]
        heights = sum(image_height(box) for box in shrinking)
        if needed <= free or not heights:
            continue
        factor = 1 - (needed - free) / heights
        wanted = dict(scales)
        for box in shrinking:
            wanted[_chart_name(box)] = scales.get(_chart_name(box), 1.0) * factor
        if min(wanted.values()) >= LEAST_CHART_SCALE:
            return _chart_name(chart), wanted
        tried.add(_chart_name(chart))
    return None


#: Where the system keeps its fonts (Debian's packages, a local install, a user's own; macOS): a ``local()`` font is
#: read from there, nothing else is.
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
             Path.home() / ".local" / "share" / "fonts", Path("/System/Library/Fonts"), Path("/Library/Fonts"))
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".woff", ".woff2")


def offline_fetcher():
    """WeasyPrint's fetcher for a report: ``data:`` URLs (the report embeds all it shows), and a font file under
    :data:`FONT_DIRS`, which is how WeasyPrint reads the installed font an ``@font-face`` names by ``local()`` (the
    English edition's Latin marks, report.css). Any other URL is refused: no network, no file the report names."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from weasyprint import URLFetcher

    class OfflineFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url[:5].lower() == "file:":
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if path.suffix.lower() not in FONT_SUFFIXES or not any(path.is_relative_to(folder.resolve())
                                                                       for folder in FONT_DIRS):
                    raise ValueError(f"not fetched (a report embeds what it shows): {url}")
            return super().fetch(url, headers)

    return OfflineFetcher(allowed_protocols={"data", "file"})


def html_external_references(html_text: str) -> list[str]:
    """List the network URLs a page would load.

    Looks at ``src``/``href``/``data`` of resource-loading elements (script, link,
    img, source, iframe, embed, video, audio, object) and at ``@import`` and
    ``url(...)`` in ``<style>`` blocks and ``style`` attributes. Plain ``<a href>``
    links are not resources and are ignored. Returns the URLs starting with ``http:``, ``https:``
    or ``//``: element URLs in document order, then those found in CSS.
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
                # no "¶" link after a Markdown heading: the page's contents link every section (_with_contents)
                "exclude_anchor_links": True,
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
                if "num" not in cell.get("class", []):  # the report's own tables mark their columns themselves
                    cell["class"] = [*cell.get("class", []), "num"]
    return str(soup)


#: A section's heading in the page, its attributes and what it holds (a Markdown cell's ends with its ¶ link).
_SECTION_HEADING = re.compile(r"<h2(?P<attributes>[^>]*)>(?P<inner>.*?)</h2>", re.S)
_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]*>")
_ID = re.compile(r'\sid="([^"]*)"')


def _with_contents(html_text: str, heading: str) -> str:
    """The page with a compact list of its sections before the first: each section's heading (``<h2>``) linked, each
    heading's id ``section-1``, ``section-2``… in the order of the page, a Markdown heading's too (nbconvert named
    it from its words, ``6.-Method``, with a "¶" link after them, left out); none for a page of one section.
    On screen only (report.css: the PDF's outline lists the sections, from its headings)."""
    sections: list[tuple[str, str]] = []

    def identified(match: re.Match) -> str:
        attributes, inner = _ID.sub("", match.group("attributes")), _ANCHOR_LINK.sub("", match.group("inner"))
        anchor = f"section-{len(sections) + 1}"
        sections.append((anchor, " ".join(unescape(_TAG.sub("", inner)).split())))
        return f'<h2 id="{anchor}"{attributes}>{inner}</h2>'

    page = _SECTION_HEADING.sub(identified, html_text)
    if len(sections) < 2:
        return html_text
    items = "".join(f'<li><a href="#{escape(anchor)}">{escape(words)}</a></li>' for anchor, words in sections)
    contents = f'<nav class="contents" aria-label="{escape(heading)}"><ul>{items}</ul></nav>\n'
    first = page.index("<h2")
    return page[:first] + contents + page[first:]


def _keep_together_in_markdown(html_text: str) -> str:
    """In the Markdown outputs (the method note, the catalog's words and numbers), each number with its unit, each
    status word and each Chinese word kept on one line, as the templates keep a paragraph's (:func:`keep_running`)."""
    soup = BeautifulSoup(html_text, "html.parser")
    for output in soup.select(".jp-RenderedMarkdown"):
        for string in list(output.find_all(string=True)):
            if type(string) is not NavigableString or string.parent.name in ("code", "pre", "script", "style"):
                continue
            marked = str(keep_running(string))
            if "<span" in marked:
                string.replace_with(BeautifulSoup(marked, "html.parser"))
        # the space before an emphasis taken inside it ("means<em> not achieved</em>"): WeasyPrint (70) breaking a
        # line at a space right before an inline box broke it at the line's first space instead ("only,⏎from⏎the
        # year …", method item 1); the text is the same
        for emphasis in output.find_all(["em", "strong"]):
            before = emphasis.previous_sibling
            if type(before) is NavigableString and before.endswith(" "):
                before.replace_with(NavigableString(before[:-1]))
                emphasis.insert(0, NavigableString(" "))
    return str(soup)


#: A run of Chinese in a text: Han characters and the CJK marks and full-width forms among them (《中国科技统计年鉴》,
#: 威海日报，2023年), quotation marks, an ellipsis or a dash inside it (《中国经济的转型升级：从“十二五”看“十三五”》).
_CJK = f"{HAN}\u3000-\u303f\uff00-\uffef"
_CHINESE_RUN = re.compile(f"[{_CJK}]+(?:[“”‘’…—·]+[{_CJK}]+)*")


def _chinese_marked(html_text: str, lang: str) -> str:
    """An English edition with each run of Chinese in its text (a source's name, 威海日报; a book's title; the other
    edition's name, 中文版) in a ``<span lang>`` of ``lang``: a screen reader reads it as Chinese, a browser draws it
    with a Chinese face. The text is never read as HTML: each run is a new element holding it as text."""
    soup = BeautifulSoup(html_text, "html.parser")
    body = soup.body or soup
    for string in list(body.find_all(string=_CHINESE_RUN)):
        if (type(string) is not NavigableString or string.parent.name in ("script", "style", "title")
                or string.find_parent(lang=lang)):
            continue
        text, pieces, last = str(string), [], 0
        for match in _CHINESE_RUN.finditer(text):
            if not re.search(f"[{HAN}]", match.group()):
                continue
            pieces.append(text[last:match.start()])
            span = soup.new_tag("span", attrs={"lang": lang})
            span.string = match.group()
            pieces.append(span)
            last = match.end()
        if not pieces:
            continue
        pieces.append(text[last:])
        for piece in reversed([piece for piece in pieces if piece != ""]):
            string.insert_after(piece)
        string.extract()
    return str(soup)


def _cells_by_row(table, section: str) -> list[list]:
    return [row.find_all(["th", "td"], recursive=False) for row in table.select(f"{section} > tr")]


def _is_numeric(texts: list[str]) -> bool:
    """True if there is at least one number and everything else is a missing value."""
    numbers = [text for text in texts if _NUMBER.match(text)]
    others = {text for text in texts if not _NUMBER.match(text)}
    return bool(numbers) and others <= _MISSING_VALUE_TEXTS


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

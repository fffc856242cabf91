"""``reports/index.html``: every report built, by plan, year and language, rewritten after every run.

A reader (or a web server pointed at ``reports/``) finds the latest evaluation there without knowing
the folder layout: each report's formats, the day it was built, its data currency and its status
counts, all read from the reports' own ``manifest.json``, and written by a Jinja template (every value
escaped).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2

from ..errors import InputError
from ..files import read_regular, write_bytes_atomic
from ..report.line_breaks import keep_title

MAX_MANIFEST_BYTES = 4 * 1024 * 1024
ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                                 undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
#: a report's title breaks between its words, as its own page's heading does, never inside 2024年 (…报告（2024 | 年）)
ENVIRONMENT.filters["keep_title"] = keep_title
TEMPLATE = ENVIRONMENT.get_template("index.html.j2")
#: A report's files in the order its row links them: the report's formats, then the self-evaluation's in the same order.
FORMATS = ("report.html", "report.pdf", "report.docx", "scorecard.xlsx", "self-evaluation.html",
           "self-evaluation.pdf", "self-evaluation.docx")
#: A report's kind and its self-evaluation's name on its row, in the report's language (English for any other).
KINDS = {"final": {"zh": "总结评估", "en": "Final evaluation"},
         "mid_term": {"zh": "中期评估", "en": "Mid-term evaluation"},
         "annual": {"zh": "年度监测", "en": "Annual monitoring"}}
SELF_EVALUATION = {"zh": "自评报告", "en": "Self-evaluation"}
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
def _reports(root: Path) -> list[tuple[Path, dict]]:
    found = []
    for manifest in sorted(root.glob("*/*/*/manifest.json")):
        if any(part.startswith(".") for part in manifest.relative_to(root).parts):
            continue  # staging and failed runs
        try:  # a regular file inside the project, of a manifest's size: never a pipe or a link out
            data = json.loads(read_regular(manifest, MAX_MANIFEST_BYTES).decode("utf-8"))
        except (InputError, OSError, ValueError):
            continue
        if isinstance(data, dict) and isinstance(data.get("report"), dict):
            found.append((manifest.parent, data))
    return found


def index_html(root: Path) -> str:
    """The front page of ``root`` (the reports folder), written by its template, every value escaped."""
    plans: dict[str, list[dict]] = {}
    titles: dict[str, dict[str, str]] = {}  # each plan's title in each language its reports are in
    reports = sorted(_reports(root), key=lambda item: (item[1]["report"].get("plan", ""),
                                                      -int(item[1]["report"].get("year", 0)),
                                                      item[1]["report"].get("language", "")))
    for folder, manifest in reports:
        report = manifest["report"]
        relative = folder.relative_to(root).as_posix()
        summary = manifest.get("summary") or {}
        plan, language = str(report.get("plan", "")), str(report.get("language", ""))
        title = str(summary.get("title") or relative)
        kind = _in(KINDS.get(summary.get("kind", ""), {}), language)
        if summary.get("plan_title"):
            titles.setdefault(plan, {}).setdefault(language, str(summary["plan_title"]))
        plans.setdefault(plan, []).append({
            "year": report.get("year", ""), "language": LANGUAGE_NAMES.get(language, language),
            "lang": language,
            # the kind under the title only where the title does not say it (总结评估报告（2024年） says 总结评估;
            # "…: Final evaluation 2024" says final evaluation): never the kind twice in one cell
            "title": title, "kind": "" if kind.casefold() in title.casefold() else kind,
            "links": [{"href": f"{relative}/{name}",
                       "name": (_in(SELF_EVALUATION, language) + " " if name.startswith("self-evaluation") else "")
                       + name.rsplit(".", 1)[-1].upper()}
                      for name in FORMATS if (folder / name).is_file()],
            "built": (manifest.get("dates") or {}).get("generated", ""), "currency": _currency(summary),
            # a count never apart from its status (已达标 4, never 已达标 | 4): a no-break space between
            "counts": _counts(summary)})
    # a plan headed by its title, Chinese first (its folder id only when no report names it)
    headings = {plan: [titles.get(plan, {})[language] for language in sorted(titles.get(plan, {}), key=_zh_first)]
                or [plan] for plan in plans}
    return TEMPLATE.render(plans=plans, headings=headings)


def _counts(summary: dict) -> list[str]:
    """The statuses by indicator in the report's own words, each part a line of the cell (定量指标 23 项：已达标 12
    项、…; 定性指标 3 项尚未评价), a count never apart from its status (a no-break space) but never joined to the next
    part; a manifest written before the report gave them in parts: its text, or its counts, comma-separated."""
    parts = summary.get("counts_parts")
    if not isinstance(parts, list):
        parts = [summary["counts_text"]] if summary.get("counts_text") else [
            ", ".join(f"{label} {count}" for label, count in (summary.get("counts") or {}).items())]
    return [re.sub(r"(?<=\S) (?=\d)|(?<=\d) (?=\S)", "\u00a0", str(part)) for part in parts if part]


def _currency(summary: dict) -> str:
    """The data currency (最新数据年份：2024年 23 个序列、2023年 1 个序列; latest data: 2024 (23 series)), a count never
    apart from its series (1 个序列, never 1 | 个序列 on a phone's line): a no-break space after a number."""
    return re.sub(r"(?<=\d) (?=\S)", "\u00a0", str(summary.get("currency", "")))


def _in(words: dict[str, str], language: str) -> str:
    """``words`` in ``language``, or in English for a language it lacks ("" for no words)."""
    return words.get(language, words.get("en", ""))


def _zh_first(language: str) -> tuple[bool, str]:
    return language != "zh", language


def write_index(root: Path) -> Path:
    """Rewrite ``root/index.html`` (only when its content changes)."""
    path = Path(root) / "index.html"
    content = index_html(Path(root)).encode("utf-8")
    if not path.is_file() or path.read_bytes() != content:
        write_bytes_atomic(path, content)
    return path

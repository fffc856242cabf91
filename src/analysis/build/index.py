"""``reports/index.html``: every report built, by plan, year and language, rewritten after every run.

A reader (or a web server pointed at ``reports/``) finds the latest evaluation there without knowing
the folder layout: each report's formats, the day it was built, its data currency and its status
counts, all read from the reports' own ``manifest.json``. Standard library only.
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..errors import InputError
from ..files import read_regular, write_bytes_atomic

MAX_MANIFEST_BYTES = 4 * 1024 * 1024
FORMATS = ("report.html", "report.pdf", "report.docx", "scorecard.xlsx")
KINDS = {"final": ("总结评估", "final evaluation"), "mid_term": ("中期评估", "mid-term evaluation"),
         "annual": ("年度监测", "annual monitoring")}
STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 2rem auto;
       max-width: 980px; padding: 0 1rem; color: #1f2328; line-height: 1.6; }
h1 { color: #1f4e79; border-bottom: 2px solid #1f4e79; padding-bottom: .3rem; }
h2 { color: #1f4e79; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.formats a { margin-right: .6rem; white-space: nowrap; }
.muted { color: #59636e; font-size: .85rem; }
@media (max-width: 600px) { td.counts, th.counts { display: none; } }
"""


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
    """The front page of ``root`` (the reports folder)."""
    rows_by_plan: dict[str, list[str]] = {}
    reports = sorted(_reports(root), key=lambda item: (item[1]["report"].get("plan", ""),
                                                      -int(item[1]["report"].get("year", 0)),
                                                      item[1]["report"].get("language", "")))
    for folder, manifest in reports:
        report = manifest["report"]
        relative = folder.relative_to(root).as_posix()
        links = " ".join(f'<a href="{escape(relative)}/{name}">{escape(name.rsplit(".", 1)[-1].upper())}</a>'
                         for name in FORMATS if (folder / name).is_file())
        summary = manifest.get("summary") or {}
        kind = KINDS.get(summary.get("kind", ""), ("", ""))
        title = summary.get("title") or relative
        currency = summary.get("currency", "")
        counts = ", ".join(f"{escape(str(label))} {count}" for label, count in (summary.get("counts") or {}).items())
        built = (manifest.get("dates") or {}).get("generated", "")
        rows_by_plan.setdefault(report.get("plan", ""), []).append(
            f"<tr><td>{escape(str(report.get('year', '')))}</td><td>{escape(report.get('language', ''))}</td>"
            f"<td>{escape(title)}<br><span class=\"muted\">{escape(' / '.join(k for k in kind if k))}</span></td>"
            f"<td class=\"formats\">{links}</td><td>{escape(built)}</td><td>{escape(currency)}</td>"
            f"<td class=\"counts\">{counts}</td></tr>")
    sections = []
    for plan, rows in rows_by_plan.items():
        sections.append(f"<h2>{escape(plan)}</h2><table><thead><tr><th>年份 Year</th><th>语言 Language</th>"
                        "<th>报告 Report</th><th>格式 Formats</th><th>生成 Built</th><th>数据 Data</th>"
                        "<th class=\"counts\">结论 Statuses</th></tr></thead><tbody>" + "".join(rows)
                        + "</tbody></table>")
    if not sections:
        sections.append("<p>尚无报告。No reports yet: <code>make report</code>.</p>")
    return ("<!DOCTYPE html>\n<html lang=\"zh-Hans\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>评估报告 Reports</title><style>{STYLE}</style></head><body><main>"
            "<h1>评估报告 · Reports</h1><p class=\"muted\">最新的报告在前；每份报告的文件夹中有其数据表、笔记本和"
            "manifest.json。The latest first; each report's folder holds its tables, notebooks and manifest.json."
            "</p>" + "".join(sections) + "</main></body></html>\n")


def write_index(root: Path) -> Path:
    """Rewrite ``root/index.html`` (only when its content changes)."""
    path = Path(root) / "index.html"
    content = index_html(Path(root)).encode("utf-8")
    if not path.is_file() or path.read_bytes() != content:
        write_bytes_atomic(path, content)
    return path

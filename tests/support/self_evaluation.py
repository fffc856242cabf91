"""Reading the self-evaluation's blocks back as text (for the tests of the draft and of what departments sent)."""
from __future__ import annotations

from analysis.clean.processed import ProcessedTables
from analysis.report.context import ReportContext, report_context
from analysis.report.self_evaluation import Placeholder


def year_context(tables: ProcessedTables, language: str, year: int = 2024) -> ReportContext:
    """The report of ``year`` in ``language`` from tables built in memory, as a run makes it."""
    return report_context(tables, year, language)


def block_texts(blocks) -> list[str]:
    """Each block's text: its parts and its table cells joined, a placeholder as 【who】."""
    out = []
    for block in blocks:
        parts = block.parts + [part for row in block.rows for value in row
                               for part in (value if isinstance(value, list) else [value])]
        out.append("".join(f"【{p.who}】" if isinstance(p, Placeholder) else str(p) for p in parts))
    return out

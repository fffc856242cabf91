"""Figures without images, for the tests that read a report's text."""
from __future__ import annotations


class NoCharts:
    """The figures as the card templates take them, each a PNG's first bytes (the tests read the text, never the
    images)."""

    def __getitem__(self, name: str) -> bytes:
        return b"\x89PNG"

    def parts(self, chart: str) -> list[str]:
        return [chart]

    def narrow(self, name: str) -> None:
        return None

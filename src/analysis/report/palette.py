"""The report's colours: one per status and per warning level, the same in every edition and chart.

A status is always written as well as coloured, so a greyscale print reads the same.
"""
from __future__ import annotations

#: Status colours: the scorecard, the cards, the charts, the Word tables and the workbook.
STATUS_COLOURS = {
    "not_achieved": "#7f0000",
    "achieved": "#1b5e20",
    "achieved_at_risk": "#9ccc65",
    "on_track": "#26a69a",
    "moderate": "#fbc02d",
    "insufficient": "#fb8c00",
    "moving_away": "#d32f2f",
    "insufficient_data": "#9e9e9e",
    "qualitative": "#607d8b",
}
#: Warning colours (red, amber) with the text colour each needs; the level is also written out.
LEVEL_COLOURS = {"red": ("#b71c1c", "#fff"), "amber": ("#f9a825", "#000")}
#: The traffic light of the official status words (plan.yml ``status_words``), with the text colour each needs: the
#: warning colours for red and amber, and a green with white text at a contrast of 7.9:1 (WCAG AA asks 4.5:1).
LIGHT_COLOURS = {"green": ("#1b5e20", "#fff"), **LEVEL_COLOURS}
#: The text colour on a status colour.
STATUS_TEXT = "#fff"

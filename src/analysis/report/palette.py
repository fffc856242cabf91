"""The report's colours: one per status and per warning level, the same in every edition and chart.

A status is always written as well as coloured, so a greyscale print reads the same.
"""
from __future__ import annotations

from ..colours import relative_luminance

#: The accent of headings and links (report.css ``--accent``): 8.8:1 on white.
ACCENT = "#1f4e79"
#: Status colours: the scorecard, the cards, the charts, the Word tables and the workbook.
STATUS_COLOURS = {
    "not_achieved": "#7f0000",
    "achieved": "#1b5e20",
    "achieved_at_risk": "#9ccc65",
    "on_track": "#26a69a",
    "moderate": "#fbc02d",
    "insufficient": "#fb8c00",
    "moving_away": "#d32f2f",
    "stage_missed": "#6a1b9a",  # purple: the red it was (#bf360c) looked the same as moving away's
    "insufficient_data": "#9e9e9e",
    "qualitative": "#546e7a",
}
#: Warning colours (red, amber) with the text colour each needs; the level is also written out. Every colour has six
#: digits: the workbook's writer reads "#fff" as #000fff, a blue.
LEVEL_COLOURS = {"red": ("#b71c1c", "#ffffff"), "amber": ("#f9a825", "#000000")}
#: The traffic light of the official status words (plan.yml ``status_words``), with the text colour each needs: the
#: warning colours for red and amber, and a green with white text at a contrast of 7.9:1 (WCAG AA asks 4.5:1).
LIGHT_COLOURS = {"green": ("#1b5e20", "#ffffff"), **LEVEL_COLOURS}
#: The text colour on each status colour: white on the dark ones, black on the light ones, whichever contrasts more,
#: so that every status word written on its colour reads at WCAG AA (4.5:1 at least; tests/report/test_contrast.py).
STATUS_TEXT = {"not_achieved": "#ffffff", "achieved": "#ffffff", "achieved_at_risk": "#000000", "on_track": "#000000",
               "moderate": "#000000", "insufficient": "#000000", "moving_away": "#ffffff", "stage_missed": "#ffffff",
               "insufficient_data": "#000000", "qualitative": "#ffffff"}
#: The colour of a status drawn as a line or a marker on the charts' white (a card's course, a small multiple, the
#: completion chart's diamonds): the status colour where it reads at 3:1 against white (WCAG 2's non-text contrast),
#: else a darker shade of it (yellow #fbc02d is 1.66:1, a dark gold 3.82:1). A fill keeps the status colour.
STATUS_LINES = {**STATUS_COLOURS, "achieved_at_risk": "#558b2f", "on_track": "#00897b", "moderate": "#a67c00",
                "insufficient": "#e65100", "insufficient_data": "#757575"}
#: The grey of the charts' neutral lines on white (a target's straight path on a card, the connector of the rate
#: needed and the rate seen): 4.61:1 against white, where #9e9e9e was 2.68:1 and #bbb 1.92:1.
PATH_GREY = "#757575"


def text_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background``: at least 4.58:1 on any colour."""
    return "#000000" if relative_luminance(background) > 0.179 else "#ffffff"

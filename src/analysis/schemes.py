"""The progress-ratio cut-off schemes, kept apart from the method so that checking a parameter
does not import pandas (the report's up-to-date check must stay fast)."""
from __future__ import annotations

from .errors import InputError

SCHEMES = {
    # name: (on_track at or above, moderate at or above, insufficient at or above; below: moving away)
    "eurostat": (0.95, 0.60, 0.0),
    "unsd": (0.95, 0.50, -0.10),
}
SCHEME_REFERENCES = {
    "eurostat": "Eurostat, EU SDG monitoring report: progress towards quantitative targets",
    "unsd": "UN Statistics Division, SDG Progress Chart technical note (2016–2022 editions)",
}


def check_scheme(scheme: str) -> tuple[float, float, float]:
    """The cut-offs of a scheme; an unknown name is an :class:`InputError`."""
    if not isinstance(scheme, str) or scheme not in SCHEMES:
        raise InputError(f"unknown cut-off scheme {scheme!r}; use one of {', '.join(SCHEMES)}", field="scheme")
    return SCHEMES[scheme]

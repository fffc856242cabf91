"""Small display helpers shared by the notebooks: stable HTML tables."""
from __future__ import annotations

import pandas as pd
from IPython.display import HTML, display


def table_html(frame: pd.DataFrame, caption: str | None = None, *, table_id: str = "table") -> str:
    """Render a DataFrame as an HTML table with a fixed id (pandas Styler ids are random).

    Text from the data is HTML-escaped, so a note that contains ``<script>`` shows as text.
    """
    styler = frame.style.hide(axis="index").format(precision=4, thousands=",", na_rep="", escape="html")
    styler = styler.set_uuid(table_id)
    if caption:
        styler = styler.set_caption(caption)
    return styler.to_html()


def show_table(frame: pd.DataFrame, caption: str | None = None, **kwargs) -> None:
    display(HTML(table_html(frame, caption, **kwargs)))

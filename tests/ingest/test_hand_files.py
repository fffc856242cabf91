"""The hand-written files beside a plan's table (analysis.ingest.hand_files), on small inputs."""
from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.ingest.hand_files import load_prose_checks
from analysis.ingest.printed_table import value_field

HEADER = "indicator_id,series,year,value_type,claim,prose_quote,prose_value,note\n"


def test_a_growth_claim_without_a_baseline_in_the_table_is_told_at_its_line(tmp_path):
    """A typed plan's values.csv may give no baseline: a prose claim of growth a year then has no year to grow from,
    told at its line (the reader crashed on max() of nothing); a claim of a value needs none and is read."""
    fields = (value_field(2024, "target"),)
    (tmp_path / "prose_checks.csv").write_text(HEADER + "1,,2024,target,value,达到 80,80,\n", encoding="utf-8")
    assert load_prose_checks(tmp_path, fields)["prose_value"].tolist() == [80.0]
    (tmp_path / "prose_checks.csv").write_text(HEADER + "1,,2024,target,value,达到 80,80,\n"
                                               "1,,2024,target,annual_growth_pct,年均增长 10%,10,\n", encoding="utf-8")
    with pytest.raises(InputError) as told:
        load_prose_checks(tmp_path, fields)
    assert str(told.value).endswith("prose_checks.csv:3: claim: an annual growth claim needs a baseline to grow "
                                    "from, and the plan's table gives none")

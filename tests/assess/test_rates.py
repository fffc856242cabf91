"""When the growth a year over the plan period differs materially from the growth a year since the base year: the
rule (docs/method.md, "Growth seen from two starts") on paces as the report shows them, worked out by hand."""
from __future__ import annotations

import math

import pytest

from analysis.assess.rates import paces_differ


@pytest.mark.parametrize(("from_base", "in_plan", "needed", "sign", "differ"), [
    # 10 of the example data, 2024: +21.0% since 2020, +14.6% since 2021: 6.4 apart, more than 21.0 / 4 = 5.25
    (21.0, 14.6, math.nan, 1.0, True),
    # 10 at the 2023 mid-term: +25.2% and +17.6%, 7.6 apart against 6.3; both above the +10.3% 2024 needs
    (25.2, 17.6, 10.3, 1.0, True),
    # 14 at the mid-term: +8.8% and +10.1%, 1.3 apart against 2.2, both below the +16.5% 2024 needs: not material
    (8.8, 10.1, 16.5, 1.0, False),
    # 25 at the mid-term: +7.2% and +7.7%, 0.5 apart against 1.8, but on either side of the +7.4% needed
    (7.2, 7.7, 7.4, 1.0, True),
    (7.2, 7.7, math.nan, 1.0, False),
    # exactly a quarter apart (1.0 of 4.0) is not more than a quarter
    (4.0, 5.0, math.nan, 1.0, False),
    (4.0, 5.01, math.nan, 1.0, True),
    # a pace of 0 since the base year: any other pace differs; the same 0 does not
    (0.0, 0.1, math.nan, 1.0, True),
    (0.0, 0.0, math.nan, 1.0, False),
    # opposite signs: −0.1 and +0.2 pp a year (4 provincial), 0.3 apart against 0.025
    (-0.1, 0.2, math.nan, 1.0, True),
    # lower is better: −5.0 since the base year reaches the −4.5 needed, −4.0 over the plan period does not (1.0 apart,
    # not more than 5.0 / 4 = 1.25): on either side of the need
    (-5.0, -4.0, -4.5, -1.0, True),
    (-5.0, -4.0, -3.5, -1.0, False),
    # a pace unknown: nothing to compare
    (math.nan, 14.6, math.nan, 1.0, False),
    (21.0, math.nan, 10.0, 1.0, False),
])
def test_paces_differ_by_more_than_a_quarter_or_across_the_need(from_base, in_plan, needed, sign, differ):
    assert paces_differ(from_base, in_plan, needed, sign) is differ

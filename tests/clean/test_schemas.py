"""The processed tables validated: a table that breaks a rule is one line, in the language the run asks for."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.catalog import mistakes_told_in
from analysis.clean.schemas import check_values_belong, validate
from analysis.errors import InputError
from analysis.vocabulary import TABLES

DIRECTIONS = "isin(('higher', 'lower', 'at_least', 'at_most', 'within', 'exactly', 'none'))"


def _indicators(**change) -> pd.DataFrame:
    """One row of indicators.csv that passes every rule, with ``change`` applied."""
    row = {column: {"str": "x", "int64": 1, "bool": False}[dtype] for column, dtype in TABLES["indicators.csv"].items()}
    row.update({"series": "", "direction": "higher", "kind": "count", "department_basis": "", "source_line": 7,
                **change})
    return pd.DataFrame([row])


def test_a_rule_broken_is_told_with_the_line_of_its_row():
    validate("indicators.csv", _indicators())
    with pytest.raises(InputError) as caught:
        validate("indicators.csv", _indicators(direction="up"))
    assert str(caught.value) == (f"indicators.csv: direction: 1 validation failure(s); first: {DIRECTIONS} failed for "
                                 "value 'up' (row given at line 7)")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        validate("indicators.csv", _indicators(direction="up"))
    assert caught.value.reason == f"1处校验未通过；第一处：数值 'up' 未通过 {DIRECTIONS}（见第7行）"


def test_a_value_of_no_numeric_series_is_told_in_chinese():
    indicators = pd.DataFrame({"indicator_id": [1, 2], "series": ["", "national"], "kind": ["count", "qualitative"]})
    values = pd.DataFrame({"indicator_id": [2], "series": ["national"], "source": ["values.csv"], "source_line": [3]})
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        check_values_belong(values, indicators)
    assert str(caught.value) == "values.csv:3: 定性评价指标2 'national' 有数值"
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        check_values_belong(values.assign(indicator_id=[9]), indicators)
    assert caught.value.reason == "未知指标9 'national' 有数值"
    with pytest.raises(InputError, match="^values.csv:3: value for unknown indicator 9 'national'$"):
        check_values_belong(values.assign(indicator_id=[9]), indicators)

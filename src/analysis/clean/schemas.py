"""The processed tables typed and validated (pandera) against the vocabulary's columns and enumerations.

Every table the project writes is validated here on every build, not only in the tests: a run that
would write a table violating these rules stops with an :class:`InputError` instead. The columns and
enumerations themselves are :mod:`analysis.vocabulary`'s. pandera is imported only when validating,
so reading the processed tables stays light.
"""
from __future__ import annotations

import functools

import pandas as pd

from ..catalog import plan_error
from ..errors import InputError
from ..vocabulary import (
    ASSESSMENT_COLUMNS,
    DEPARTMENT_BASES,
    DEPARTMENT_WORDINGS,
    DIRECTIONS,
    EVIDENCE,
    GROWTH_COLUMNS,
    INDICATOR_COLUMNS,
    KINDS,
    MEASURE_COLUMNS,
    METHODS,
    OFFICIAL_STATUSES,
    QUALITY_COLUMNS,
    QUALITY_ISSUES,
    RATINGS,
    SERIES,
    SOURCE_KINDS,
    STATUS_VOCABULARIES,
    STATUSES,
    TABLES,
    TASK_COLUMNS,
    TASK_ITEM_COLUMNS,
    VALUE_COLUMNS,
    VALUE_TYPES,
    VERDICTS,
    WORDS_COLUMNS,
)


def typed(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``frame`` with exactly ``columns``, in order, each converted to its type (text empty, not NaN)."""
    converted = {}
    for column, dtype in columns.items():
        data = frame[column]
        if dtype == "str":
            # a column no row gave (all missing) is read as numbers: text first, so that it fills with ""
            data = data.astype(object).fillna("").astype(str)
        elif dtype == "bool":
            data = data.map(lambda v: v if isinstance(v, bool) else str(v) == "True").astype(bool)
        else:
            data = data.astype(dtype)
        converted[column] = data
    return pd.DataFrame(converted, index=frame.index)


# --- validation -------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _schemas() -> dict:
    import pandera.pandas as pa

    def column(dtype: str, *checks, nullable: bool = False):
        return pa.Column(str if dtype == "str" else dtype, list(checks), nullable=nullable)

    filled = pa.Check.str_length(min_value=1)
    positive = pa.Check.gt(0)
    finite = pa.Check(lambda s: s.notna() & (s.abs() < float("inf")), error="must be a finite number")
    indicators = {name: column(dtype) for name, dtype in INDICATOR_COLUMNS.items()}
    indicators.update({
        "indicator_id": column("int64", positive), "series": column("str", pa.Check.isin(SERIES)),
        "category_zh": column("str", filled), "category_en": column("str", filled),
        "name_zh": column("str", filled, pa.Check(lambda s: ~s.str.endswith("*"), error="core mark left in name")),
        "name_en": column("str", filled), "direction": column("str", pa.Check.isin(DIRECTIONS)),
        "kind": column("str", pa.Check.isin(KINDS)), "source_line": column("int64", positive),
        "department_basis": column("str", pa.Check.isin(DEPARTMENT_BASES)),
        "department_line": column("int64", pa.Check.ge(0)),
    })
    values = {name: column(dtype) for name, dtype in VALUE_COLUMNS.items()}
    values.update({
        "indicator_id": column("int64", positive), "series": column("str", pa.Check.isin(SERIES)),
        "year": column("int64", pa.Check.in_range(1900, 2100)), "value_type": column("str", pa.Check.isin(VALUE_TYPES)),
        "value": column("float64", finite), "printed_text": column("str", filled), "source": column("str", filled),
        "source_line": column("int64", positive), "upper": column("float64", nullable=True),
        "source_kind": column("str", pa.Check.isin(("", *SOURCE_KINDS))),
    })
    quality = {name: column(dtype, *([filled] if name.startswith("detail_") else [])) for name, dtype
               in QUALITY_COLUMNS.items()}
    quality.update({
        # 0: a finding about a file rather than an indicator (a skipped file)
        "issue": column("str", pa.Check.isin(QUALITY_ISSUES)), "indicator_id": column("int64", pa.Check.ge(0)),
        "series": column("str", pa.Check.isin(SERIES)), "year": column("Int64", nullable=True),
        "value": column("float64", nullable=True), "source_line": column("int64", positive),
        "source_kind": column("str", pa.Check.isin(("", *SOURCE_KINDS))),
        "revised_source_kind": column("str", pa.Check.isin(("", *SOURCE_KINDS))),
    })
    assessment = {name: column(dtype, nullable=dtype in ("Int64", "float64")) for name, dtype
                  in ASSESSMENT_COLUMNS.items()}
    assessment.update({"status": column("str", pa.Check.isin(STATUSES)),
                       "verdict": column("str", pa.Check.isin(VERDICTS)),
                       "method": column("str", pa.Check.isin(METHODS)),
                       "evidence": column("str", pa.Check.isin(EVIDENCE)),
                       "official_status": column("str", pa.Check.isin(OFFICIAL_STATUSES), pa.Check(
                           lambda s: any(set(s[s != ""]) <= set(words) for words in STATUS_VOCABULARIES.values()),
                           error="words of one vocabulary only"))})
    growth = {name: column(dtype, nullable=dtype == "float64") for name, dtype in GROWTH_COLUMNS.items()}
    task_id = pa.Check.str_matches(r"^[0-9]{1,3}\.[0-9]{1,3}$")
    lines = {"first_line": column("int64", positive), "last_line": column("int64", positive)}
    tasks = {name: column(dtype) for name, dtype in TASK_COLUMNS.items()}
    tasks.update({
        "task_id": column("str", task_id), "group": column("int64", positive), "number": column("int64", positive),
        "group_title_zh": column("str", filled), "title_zh": column("str", filled),
        "department_wording": column("str", pa.Check.isin(DEPARTMENT_WORDINGS)),
        "department_line": column("int64", pa.Check.ge(0)), "n_items": column("int64", pa.Check.ge(0)),
        "source": column("str", filled), **lines,
    })
    task_items = {name: column(dtype) for name, dtype in TASK_ITEM_COLUMNS.items()}
    task_items.update({"task_id": column("str", task_id), "item": column("int64", positive),
                       "title_zh": column("str", filled), "line": column("int64", positive),
                       "department_line": column("int64", pa.Check.ge(0))})
    measures = {name: column(dtype) for name, dtype in MEASURE_COLUMNS.items()}
    measures.update({"number": column("int64", positive), "title_zh": column("str", filled),
                     "source": column("str", filled), **lines})
    said = {name: column(dtype) for name, dtype in WORDS_COLUMNS.items()}
    said.update({"department_zh": column("str"),  # empty: a plan that names no departments
                 "item": column("str", pa.Check.isin(("task", "indicator"))),
                 "rating": column("str", pa.Check.isin(("", *RATINGS))), "source": column("str", filled),
                 "indicator_id": column("int64", pa.Check.ge(0))})
    # the lead is named first among the departments, and only where there are departments
    def lead_is_first(frame):
        return frame["departments_zh"].str.split("、").str[0].fillna("") == frame["lead_department_zh"]

    lead_first = pa.Check(lead_is_first, error="the lead is the first of the departments")

    # a task's lead: the first listed, or another of them where task_leads.csv assigns it ("assigned")
    def lead_is_listed(frame):
        listed = frame["departments_zh"].str.split("、")
        among = [lead in names or lead == "" for lead, names in zip(frame["lead_department_zh"], listed)]
        return pd.Series(among, index=frame.index) & (lead_is_first(frame) == (frame["lead_basis"] == ""))

    lead_listed = pa.Check(lead_is_listed, error="the lead is the first of the departments, or assigned among them")
    tasks["lead_basis"] = column("str", pa.Check.isin(("", "assigned")))
    in_order = pa.Check(lambda df: df["last_line"] >= df["first_line"], error="last_line before first_line")

    def schema(name, columns, unique):
        return pa.DataFrameSchema(columns, unique=unique, strict=True, ordered=True, name=name)

    return {
        "indicators.csv": schema("indicators", indicators, ["indicator_id", "series"]),
        "indicator_values.csv": schema("indicator_values", values, ["indicator_id", "series", "year", "value_type"]),
        "data_quality.csv": schema("data_quality", quality, None),
        "assessment.csv": schema("assessment", assessment, ["indicator_id", "series", "report_year"]),
        "required_growth.csv": schema("required_growth", growth,
                                      ["indicator_id", "series", "target_year", "report_year"]),
        "tasks.csv": pa.DataFrameSchema(tasks, unique=["task_id"], strict=True, ordered=True, name="tasks",
                                        checks=[lead_listed, in_order]),
        "task_items.csv": pa.DataFrameSchema(task_items, unique=["task_id", "item"], strict=True, ordered=True,
                                             name="task_items", checks=[lead_first]),
        "measures.csv": pa.DataFrameSchema(measures, unique=["number"], strict=True, ordered=True, name="measures",
                                           checks=[in_order]),
        "department_words.csv": schema("department_words", said,
                                       ["department_zh", "item", "task_id", "indicator_id", "series", "year"]),
    }


def validate(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` typed and checked as processed table ``table``; the first failure is one line."""
    from pandera.errors import SchemaErrors

    frame = typed(frame, TABLES[table])
    try:
        return _schemas()[table].validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
        first = cases.iloc[0]
        column = first.get("column")
        index = first.get("index")
        where = ""
        if index is not None and index == index and "source_line" in frame.columns and index in frame.index:
            where = plan_error("table.validation_line", line=frame.loc[index, "source_line"])
        raise InputError(plan_error("table.validation", count=len(cases), check=first["check"],
                                    value=repr(first["failure_case"]), where=where), file=table,
                         field=str(column) if column is not None else None) from None


def check_values_belong(values: pd.DataFrame, indicators: pd.DataFrame) -> None:
    """Every value belongs to a known, numeric indicator series."""
    known = set(zip(indicators["indicator_id"], indicators["series"]))
    qualitative = set(zip(indicators.loc[indicators["kind"] == "qualitative", "indicator_id"],
                          indicators.loc[indicators["kind"] == "qualitative", "series"]))
    for row in values.itertuples():
        key = (row.indicator_id, row.series)
        if key not in known or key in qualitative:
            raise InputError(plan_error("table.value_qualitative" if key in qualitative else "table.value_unknown",
                                        id=row.indicator_id, series=repr(row.series)),
                             file=row.source, line=row.source_line)

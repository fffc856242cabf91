"""plan.yml: a plan's identity, checked key by key."""
from __future__ import annotations

import pytest
import yaml

from analysis.errors import InputError
from analysis.plan import load_plan, observation_files
from analysis.settings import DEFAULT_PLAN_DIR


def test_the_weihai_plan():
    plan = load_plan(DEFAULT_PLAN_DIR)
    assert plan.name == "weihai" and plan.city == {"zh": "威海市", "en": "Weihai"}
    assert plan.base_year == 2020 and plan.evaluations == {2023: "mid_term", 2024: "final"}
    assert plan.report_years == (2021, 2022, 2023, 2024)
    assert [plan.report_kind(year) for year in plan.report_years] == ["annual", "annual", "mid_term", "final"]
    assert plan.printed_text == DEFAULT_PLAN_DIR / "weihai-innovative-city-plan-2022.txt"


def test_a_typed_plan_has_its_own_years(lakeside):
    assert lakeside.report_years == (2024, 2025, 2026, 2027)
    assert lakeside.printed_text is None and lakeside.table_file("values").name == "values.csv"
    assert lakeside.check_report_year("2027") == 2027
    with pytest.raises(InputError, match="2028 is outside the plan: report years run 2024–2027"):
        lakeside.check_report_year(2028)


def write(folder, **changes):
    spec = yaml.safe_load((DEFAULT_PLAN_DIR / "plan.yml").read_text(encoding="utf-8"))
    spec.update(changes)
    for key in [k for k, v in changes.items() if v is None]:
        del spec[key]
    folder.mkdir(exist_ok=True)
    (folder / "plan.yml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"name": "Wei Hai"}, "name", "not a folder-safe id"),
    ({"base_year": "20x0"}, "base_year", "is not a year"),
    ({"evaluations": {2019: "final"}}, "evaluations", "not after the base year 2020"),
    ({"evaluations": {2024: "last"}}, "evaluations", "use one of mid_term, final"),
    ({"table": {"printed_text": "../other.txt"}}, "table", "not the name of a file in the plan folder"),
    ({"table": {"values": "values.csv"}}, "table", "expected {printed_text: FILE} or {indicators: FILE, values: FILE}"),
    ({"city": "Weihai"}, "city", "expected the text in each language"),
    ({"titel": {"en": "x"}}, "titel", "unknown key(s) titel"),
    ({"issuer": None}, "issuer", "missing"),
])
def test_mistakes_in_plan_yml_are_named(tmp_path, changes, field, words):
    folder = write(tmp_path / "plan", **changes)
    with pytest.raises(InputError) as caught:
        load_plan(folder)
    assert f"plan.yml: {field}: " in str(caught.value) and words in str(caught.value)


def test_a_folder_without_plan_yml(tmp_path):
    with pytest.raises(InputError, match="no plan.yml"):
        load_plan(tmp_path)


def test_observation_files_are_csv_files_of_any_case(tmp_path):
    for name in ("2024.CSV", "a.csv", "README.md", "notes.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.csv").mkdir()
    assert [p.name for p in observation_files(tmp_path)] == ["2024.CSV", "a.csv"]

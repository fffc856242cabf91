"""The shared vocabulary of the data: the tables' columns and types, and every enumeration.

On the ground floor: every room (ingest, clean, assess, report) names series, kinds, directions,
statuses and columns by these words, and none of them defines its own. Validation against them is
:mod:`analysis.clean.schemas`'s. Standard library only.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .settings import LANGUAGES

SERIES = ("", "national", "provincial")
#: What a clerk types for a series besides its label (国家级, national): the short forms the names invite
#: (国家级园区, 国家和省级农业科技园区: 国家, 省), as a combined cell writes them (国2.8/省3.1: 国, 省), and the
#: English ones. Compared in any case, spaces and a closing 。 or . aside.
SERIES_ALIASES = {"国家": "national", "国": "national", "nat": "national", "national level": "national",
                  "national-level": "national", "省": "provincial", "prov": "provincial", "province": "provincial",
                  "provincial level": "provincial", "provincial-level": "provincial"}
#: What names the national series and the provincial one in a series cell: a cell naming both (国家/省, 国省, national
#: and provincial) is refused as naming no one series.
SERIES_MARKS = {"national": ("国", "nation"), "provincial": ("省", "provinc")}
VALUE_TYPES = ("baseline", "target", "actual")
DIRECTIONS = ("higher", "lower", "at_least", "at_most", "within", "exactly", "none")
LOWER_IS_BETTER = ("lower", "at_most")
#: A target to hold every year of the plan period (a floor or a ceiling), checked year by year.
HELD_EVERY_YEAR = ("at_least", "at_most")
#: A target that is a range (``within``: a lower and an upper bound, 控制在2%–3%) or a value to equal (``exactly``,
#: compared at the precision the target is written in): met inside it, approached from the side the series is on.
RANGE_DIRECTIONS = ("within", "exactly")
KINDS = ("count", "amount", "share", "intensity", "rate_of_change", "rank", "qualitative")
#: How each kind's growth is measured: shares in points a year, counts, amounts and intensities
#: compounded, a rate of change as a floor to meet every year, a rank (a position: 1 is first, lower is
#: better) in places a year, never compounded.
METHOD_BY_KIND = {"share": "linear", "count": "compound", "amount": "compound", "intensity": "compound",
                  "rate_of_change": "annual_floor", "rank": "linear", "qualitative": "none"}
#: The direction a kind must have, where it has one: a rank is better the lower it is.
KIND_DIRECTIONS = {"rank": ("lower", "at_most"), "rate_of_change": ("higher", "lower", "at_least", "at_most")}
METHODS = ("linear", "compound", "annual_floor", "none")
#: Worst first: an indicator with several series takes the worst status of its series (Destatis).
#: ``stage_missed`` is a final verdict on a stage target (a later target of its own follows): missed, but not for good.
STATUSES = ("not_achieved", "moving_away", "stage_missed", "insufficient", "moderate", "achieved_at_risk", "on_track",
            "achieved", "insufficient_data", "qualitative")
#: A final verdict once the target year's data are in; a progress verdict before.
VERDICTS = ("", "final", "progress")
#: The order a reader scans in: from done to not done, then the statuses without a verdict.
STATUSES_BEST_FIRST = ("achieved", "achieved_at_risk", "on_track", "moderate", "insufficient", "stage_missed",
                       "moving_away", "not_achieved", "insufficient_data", "qualitative")
#: The order statuses are counted in, as shown (a stage target met, a target already met: in achieved's stead; projected
#: to miss in moderate's), in every tally of every edition and language: those met or on course, best first; then the
#: others, worst first, as the summary lists the lagging series (not achieved, moving away, … projected to miss); then
#: the statuses without a verdict.
TALLY_ORDER = ("achieved", "stage_achieved", "met_stage_early", "met_early", "met_unconfirmed", "met_so_far",
               "achieved_at_risk", "on_track", "not_achieved", "moving_away", "stage_missed", "insufficient", "overdue",
               "moderate", "insufficient_data", "qualitative")
#: How a series' departments are known: not given, named by the plan, assigned where it names none.
DEPARTMENT_BASES = ("", "printed", "assigned")
LAGGING = ("moderate", "insufficient", "stage_missed", "moving_away", "not_achieved")
#: Official status words a plan may choose besides the statuses (``status_words`` in plan.yml): the wording of a
#: national five-year plan's review (提前实现, 快于预期, 基本符合预期, 相对滞后; 已完成, 未完成 for a final verdict) or
#: a traffic light on time elapsed (绿灯, 黄灯, 红灯); each vocabulary's word keys, the catalogs' ``official_status``.
#: How a status maps to them: :mod:`analysis.assess.official_status`.
STATUS_VOCABULARIES = {
    "review": ("reached_early", "ahead", "on_schedule", "lagging", "completed", "not_completed", "no_data"),
    "traffic_light": ("green", "amber", "red", "no_data"),
}
#: What the assessment's ``official_status`` holds: a word key of a vocabulary, or nothing (no vocabulary chosen, a
#: qualitative indicator).
OFFICIAL_STATUSES = ("", *dict.fromkeys(word for words in STATUS_VOCABULARIES.values() for word in words))
EVIDENCE = ("", "low", "medium", "high")
QUALITY_ISSUES = ("correction", "split_combined_cell", "split_two_rows", "qualitative", "baseline_meets_target",
                  "held_every_year", "prose_disagrees", "prose_other_year", "prose_agrees", "prose_growth",
                  "observation_revises_baseline",
                  "duplicate_observation",
                  "confirmed_value", "skipped_file", "skipped_sheet", "observation_revised", "preliminary_value",
                  "relative_target", "base_from_statistics", "no_value_note", "empty_file", "secondary_source",
                  "preliminary_in_note")
#: The findings on an observed value (of its year), not on the plan's table: a report of an earlier year leaves out a
#: later year's.
OBSERVATION_ISSUES = ("observation_revises_baseline", "duplicate_observation", "confirmed_value",
                      "observation_revised", "preliminary_value", "no_value_note", "secondary_source",
                      "preliminary_in_note")

INDICATOR_COLUMNS = {
    "indicator_id": "int64", "series": "str", "category_zh": "str", "category_en": "str", "name_zh": "str",
    "name_en": "str", "short_name_zh": "str", "short_name_en": "str", "unit_zh": "str", "unit_en": "str",
    "core": "bool", "direction": "str", "kind": "str",
    # A total over the plan's years (〔13.5〕, 〔100〕: a cumulative fall in %, platforms added since the base year),
    # as the plan folder marks it (``running_total`` in indicators.csv or indicator_metadata.csv): each value the total
    # since the base year, whatever its base value is; its pace an amount a year, never a rate of the total.
    "running_total": "bool",
    # A level to hold every year (``at_least``, ``at_most``) whose targets the plan's table prints without their sign
    # (Weihai's 17 and 18: 90%, 5%, no "≥"): the every-year reading is the evaluation's, and the reports say so. A
    # printed table's from its cells; a typed one's as its indicators.csv says (``bare_target``; empty: false).
    "bare_target": "bool", "source_line": "int64",
    # Where the base value comes from when the plan prints none: a statistic named, its base-year value an
    # observation ("" when the plan prints the baseline); as written, and in each language where it is given.
    "base_source": "str", **{f"base_source_{language}": "str" for language in LANGUAGES},
    # Responsible departments (``departments.csv``): the lead, all of them (in the order given: the plan's), printed
    # (with its plan line) or assigned; empty and 0 when the plan folder gives none.
    "lead_department_zh": "str", "lead_department_en": "str", "departments_zh": "str", "departments_en": "str",
    "department_basis": "str", "department_line": "int64",
}
#: The department columns come from ``departments.csv``; the others from the plan's table and metadata.
DEPARTMENT_COLUMNS = ("lead_department_zh", "lead_department_en", "departments_zh", "departments_en",
                      "department_basis", "department_line")
#: How ``departments_<language>`` joins the names; a department's name holds neither.
DEPARTMENT_SEPARATORS = {"zh": "、", "en": "; "}
TABLE_INDICATOR_COLUMNS = [column for column in INDICATOR_COLUMNS if column not in DEPARTMENT_COLUMNS]
#: A value's note in each language (Open SDG's translated fields): the report shows its edition's, else ``note``.
NOTE_COLUMNS = tuple(f"note_{language}" for language in LANGUAGES)
#: The publication's name in each language where its writer gave one (an observation file's source_zh, source_en).
REFERENCE_COLUMNS = tuple(f"reference_{language}" for language in LANGUAGES)
#: The observation files' columns that give them.
SOURCE_COLUMNS = tuple(f"source_{language}" for language in LANGUAGES)
#: A typed table's statistic a base value comes from, in each language (``base_source`` as written).
BASE_SOURCE_COLUMNS = tuple(f"base_source_{language}" for language in LANGUAGES)
VALUE_COLUMNS = {
    "indicator_id": "int64", "series": "str", "year": "int64", "value_type": "str", "value": "float64",
    "printed_text": "str", "source": "str", "source_line": "int64",
    # A workbook's sheet the value was read from (its row is ``source_line``); empty for every other file.
    "source_sheet": "str", "processing": "str", "reference": "str",
    "note": "str", "published": "str",
    # The note in each language where its writer gave one (note_zh, note_en); ``note`` as written otherwise.
    **{f"note_{language}": "str" for language in LANGUAGES},
    **{f"reference_{language}": "str" for language in LANGUAGES},
    # Where an actual value was taken from (:data:`SOURCE_KINDS`); empty for a value the plan prints.
    "source_kind": "str",
    # A range target's upper bound (``value`` is its lower bound); empty for every other value.
    "upper": "float64",
}
#: What an actual value was taken from: the publisher's own release (the statistical office's, the responsible
#: ministry's), or a value another publication quotes (a newspaper, an article, a book, a forum, a website).
SOURCE_KINDS = ("official", "secondary")
#: What ``processing`` may say of an actual value: a preliminary figure, a value that revised an earlier
#: publication's (and of a printed value: corrected, split).
PRELIMINARY, REVISED = "preliminary", "revised"
#: How a target relates to the base value: as written (absolute), a multiple of it (翻一番: 2), a percent or
#: percentage points of change from it, in the direction that is better (下降15% of a lower-is-better series is a
#: decline). A relative target becomes absolute once the base value is known.
TARGET_BASES = ("absolute", "multiple", "percent", "points")
QUALITY_COLUMNS = {
    "issue": "str", "indicator_id": "int64", "series": "str", "year": "Int64", "printed_text": "str",
    "value": "float64", "source": "str", "source_line": "int64", "source_sheet": "str",
    # What the value ``source`` names was taken from (:data:`SOURCE_KINDS`), and for a value a later publication
    # revised, what the earlier one was taken from; empty for a finding on no observed value.
    "source_kind": "str", "revised_source_kind": "str",
    **{f"detail_{language}": "str" for language in sorted(LANGUAGES)},
}
#: The plan's key tasks (重点任务), one row per task: its id (``1.2``: group 1, task 2), its group (number and title)
#: and its title, its departments as the plan names them (the lead first; empty when it names none), the plan's
#: word for them (责任单位 or 责任部门; empty for a typed task) and the line their parenthesis opens on (0: none or
#: typed), how many items (一是, 二是, …) it has, and where it is given: the file (``source``) and its first and last
#: line there (a typed task: its row of ``tasks.csv``).
TASK_COLUMNS = {
    "task_id": "str", "group": "int64", "group_title_zh": "str", "group_title_en": "str", "number": "int64",
    "title_zh": "str", "title_en": "str",
    "lead_department_zh": "str", "lead_department_en": "str", "departments_zh": "str", "departments_en": "str",
    # "assigned": the lead is not the first department the plan lists (task_leads.csv); "" the first, or none
    "lead_basis": "str",
    "department_wording": "str", "department_line": "int64", "n_items": "int64",
    "source": "str", "first_line": "int64", "last_line": "int64", "note": "str",
}
#: How the plan introduces a task's departments (both are printed); empty for a task typed in ``tasks.csv``.
DEPARTMENT_WORDINGS = ("", "责任单位", "责任部门")
#: The items of a key task (一是, 二是, …: ``item`` 1, 2, …), each with its words up to the first 。 and its plan line;
#: the departments of an item that closes with its own parenthesis (else empty: the task's cover it).
TASK_ITEM_COLUMNS = {
    "task_id": "str", "item": "int64", "title_zh": "str", "line": "int64",
    "lead_department_zh": "str", "lead_department_en": "str", "departments_zh": "str", "departments_en": "str",
    "department_line": "int64",
}
#: The plan's support measures (保障措施: （一）加强组织领导。…), numbered from 1, with where they are given.
MEASURE_COLUMNS = {
    "number": "int64", "title_zh": "str", "title_en": "str", "source": "str", "first_line": "int64",
    "last_line": "int64", "note": "str",
}
ASSESSMENT_COLUMNS = {
    "indicator_id": "int64", "series": "str", "core": "bool", "kind": "str", "direction": "str", "method": "str",
    "report_year": "int64", "base_year": "Int64", "base_value": "float64", "as_of_year": "Int64",
    "latest_value": "float64", "n_points": "int64", "evidence": "str", "target_year": "Int64",
    "target_value": "float64",
    # A range target's bounds (``exactly``: both the target): ``target_value`` is then the bound the series
    # approaches (the lower one once inside); empty for every other target.
    "target_lower": "float64", "target_upper": "float64",
    "gap": "float64", "gap_pct": "float64", "completion": "float64",
    "time_elapsed": "float64", "observed_cagr": "float64", "observed_per_year": "float64",
    "required_cagr": "float64", "required_per_year": "float64", "progress_ratio": "float64",
    "projected_value": "float64", "anticipated_progress": "float64", "status": "str", "verdict": "str",
    # The status the reports show (``stage_achieved``, ``met_early``, ``met_stage_early``, ``met_unconfirmed``,
    # ``met_so_far``, ``overdue`` where one applies: :func:`analysis.assess.warning_list.shown_status`), else
    # ``status``.
    "shown_status": "str",
    "completion_rate": "float64", "shortfall": "float64", "missed_years": "str",
    # The first year a level to hold every year is checked in (:func:`analysis.assess.assessment.first_held_year`);
    # empty for every other target.
    "held_from": "Int64", "next_target_year": "Int64",
    "next_target_value": "float64", "next_required_cagr": "float64", "next_required_per_year": "float64",
    "scheme": "str",
    # The official status word the plan chose (``status_words`` in plan.yml: a key of STATUS_VOCABULARIES); empty
    # when it chose none.
    "official_status": "str",
}
GROWTH_COLUMNS = {
    "indicator_id": "int64", "series": "str", "kind": "str", "from_year": "int64", "from_value": "float64",
    "target_year": "int64", "target_value": "float64", "required_cagr": "float64", "required_per_year": "float64",
    "method": "str", "already_met": "bool", "report_year": "int64",
}
#: A key task's self-rating in the departments' words (the words sheet offers them as a list).
RATINGS = ("completed", "on_schedule", "behind", "not_started")
#: The departments' words (``department_words.csv``): per department, year and task (its progress, its rating) or
#: lagging indicator series (the reasons, the next measures); ``source`` is the workbook and cell they came from.
WORDS_COLUMNS = {
    "department_zh": "str", "item": "str", "task_id": "str", "indicator_id": "int64", "series": "str",
    "year": "int64", "progress": "str", "rating": "str", "reasons": "str", "measures": "str", "source": "str",
}
#: The processed tables, in the order they are written, with their columns.
TABLES = {
    "indicators.csv": INDICATOR_COLUMNS,
    "indicator_values.csv": VALUE_COLUMNS,
    "data_quality.csv": QUALITY_COLUMNS,
    "assessment.csv": ASSESSMENT_COLUMNS,
    "required_growth.csv": GROWTH_COLUMNS,
    "tasks.csv": TASK_COLUMNS,
    "task_items.csv": TASK_ITEM_COLUMNS,
    "measures.csv": MEASURE_COLUMNS,
    "department_words.csv": WORDS_COLUMNS,
}
#: Tables added after the first five: a folder written before them (a report's ``data/``) reads them as empty.
LATER_TABLES = ("tasks.csv", "task_items.csv", "measures.csv", "department_words.csv")
#: Columns added to a table after it was first written, with the value a table written before them reads as (a
#: report's ``data/`` of an earlier version: no series marked a running total).
LATER_COLUMNS = {"indicators.csv": {"running_total": False, "bare_target": False},
                 "data_quality.csv": {"source_kind": "", "revised_source_kind": ""}}


def lower_is_better(direction: str) -> bool:
    return direction in LOWER_IS_BETTER


@dataclass(frozen=True)
class Range:
    """A range target (``within``: 控制在2%–3%) or a value to equal (``exactly``): its bounds, and the tolerance
    a value is compared with (for ``exactly``, half a unit of the target's last decimal, as statistics are
    rounded: "= 3" is met by 2.5 to 3.5, "= 2.85" by 2.845 to 2.855)."""

    lower: float
    upper: float
    tolerance: float = 0.0

    def holds(self, value: float) -> bool:
        slack = self.tolerance * (1 + 1e-9) + 1e-12
        return self.lower - slack <= value <= self.upper + slack

    def approach(self, value: float) -> tuple[str, float]:
        """The direction a series at ``value`` must move, and the bound it moves to: down to the upper bound from
        above the range, else up to the lower one (also from inside it, or with no value yet)."""
        if math.isfinite(value) and value > self.upper and not self.holds(value):
            return "lower", self.upper
        return "higher", self.lower


def target_range(direction: str, target: float, upper: float = math.nan) -> Range | None:
    """The range a target of ``direction`` sets, None for a one-sided target."""
    if direction == "within":
        return Range(target, upper if math.isfinite(upper) else target)
    if direction == "exactly":
        return Range(target, target, 0.5 * 10.0 ** -_decimals(target))
    return None


def _decimals(value: float) -> int:
    """The decimals ``value`` is written with (3.0 and 3 -> 0, 2.85 -> 2), at most 6."""
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0

"""The self-evaluation report (自评报告): a draft in the Ministry's outline, for the mid-term and the final evaluation.

The outline is the one 国科创函〔2017〕3号 sets for innovative cities: 一、总体情况和整体评价; 二、目标和指标
完成情况; 三、重点任务实施情况; 四、组织保障措施落实情况; 五、经验做法; 六、存在的问题和意见建议; and
a table of what each department sent. The indicator section is generated from the assessment (the share of
indicators achieved, 指标达标比例, of those with a final verdict, the others counted; the statuses counted; the
table); the key tasks from the departments' words (:mod:`analysis.clean.department_words`), each task under its
group with its departments as the plan prints them (none called the lead: the plan names none); the problems from
the reasons given for lagging indicators and the tasks rated behind. What nobody has sent is a visible placeholder
naming who owes it (【待补充：市科技局】), never invented text; the parts only the evaluator can write (the overall
judgement, the experience, the suggestions) are placeholders for the evaluation office. The content
is built once as blocks (:class:`Block`) and written as HTML (and printed to PDF) and as Word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..assess.assessment import headline_status, plan_start_year
from ..assess.warning_list import shown_status, stage_met_off_course
from ..text import as_submitted
from ..vocabulary import DEPARTMENT_SEPARATORS, HELD_EVERY_YEAR, LAGGING, STATUS_VOCABULARIES, TALLY_ORDER
from .cards import missed_year_values
from .context import ReportContext
from .numbers import MISSING, half_up, is_missing
from .warning_tables import still_to_supply, warning_rows
from .words import (
    abbreviations_note,
    amount,
    bare_target_reading,
    data_gap_text,
    following_target,
    held_level,
    in_a_list,
    judged_yearly,
    later_target,
    localized,
    named,
    needed_kind,
    next_target_need,
    not_final,
    one_year_left,
    pace_lines,
    pace_text,
    plan_period_move,
    plan_period_note,
    preliminary_note,
    prose_growth_shortfall_fields,
    prose_growth_shortfalls,
    secondary_note,
    series_label,
    shown_counts,
    status_aside,
    status_note,
    status_text,
    target_text,
    value_text,
    year,
    year_aside,
)

#: Who writes what no department sends: the office that leads the evaluation.
EVALUATOR = "evaluator"


#: What each column of the indicator table holds, by its key: its width follows (a number's or a unit's narrow, the
#: assessment's words wide; the latest value a little wider, for its year after it: 45.6 (2024)).
COLUMN_KINDS = {"id": "id", "name": "name", "unit": "unit", "base": "number", "target": "number", "latest": "latest",
                "status": "assessment", "next": "next"}
#: The kinds of column that hold values (:data:`COLUMN_KINDS`).
VALUE_COLUMNS = ("number", "latest")


@dataclass(frozen=True)
class Placeholder:
    """A gap the evaluator fills in Word: who owes the text (a department, or the evaluation office)."""

    who: str


class Status(str):
    """The indicator table's assessment: a status's words (已达标, Moderate progress, accelerate) and what is said of
    it after them (（进展判断，非最终判定；…）), one text. ``status``: its key, the colour the page's badge of its words
    (``words``) takes, as the report's scorecard shows them; Word writes the text."""

    status: str
    words: str

    def __new__(cls, status: str, words: str, said: str = "") -> Status:
        made = super().__new__(cls, words + said)
        made.status, made.words = status, words
        return made


@dataclass
class Block:
    """One block of the document: a heading (``level`` 1–2), a paragraph (text and placeholders in turn), or a
    table (``headers`` and ``rows`` of text)."""

    kind: str  # "heading", "paragraph", "table"
    parts: list = field(default_factory=list)  # str and Placeholder, in reading order
    level: int = 1
    headers: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)  # cells: str, or a list of str and Placeholder
    name: str = ""  # a table's name: the indicators or the submissions; "task": a key task's line, its departments
    columns: list[str] = field(default_factory=list)  # what each column holds (:data:`COLUMN_KINDS`), for its width


def heading(text: str, level: int = 1) -> Block:
    return Block("heading", [text], level)


def paragraph(*parts) -> Block:
    return Block("paragraph", [part for part in parts if part != ""])


def self_evaluation_title(context: ReportContext) -> str:
    words = context.words
    return words.text("self_evaluation.title", plan_title=context.plan_text("title"),
                      kind=words[f"self_evaluation.kind.{context.kind}"], year=context.report_year)


def self_evaluation_blocks(context: ReportContext) -> list[Block]:
    """The whole draft, in the outline's order."""
    words = context.words
    evaluator = words["self_evaluation.evaluator"]
    tasks, measures, said = _tables(context)
    blocks = [paragraph(words.text("self_evaluation.draft_note"))]
    blocks += _overview(context, tasks, measures, evaluator)
    blocks += _indicators(context, said)
    blocks += _tasks(context, tasks, said)
    blocks += [heading(words["self_evaluation.sections.measures"])]
    if measures.empty:
        blocks.append(paragraph(words["self_evaluation.no_measures"], Placeholder(evaluator)))
    for row in measures.itertuples():
        blocks.append(paragraph(words.text("self_evaluation.measure", number=_outline_number(int(row.number), words),
                                           title=row.title_zh if context.language == "zh" else
                                           (getattr(row, "title_en", "") or row.title_zh)), Placeholder(evaluator)))
    blocks += [heading(words["self_evaluation.sections.experience"]), paragraph(Placeholder(evaluator))]
    blocks += _problems(context, tasks, said, evaluator)
    # the Ministry's outline ends with the evidence (证明材料和附件): the evaluation office lists what it annexes
    blocks += [heading(words["self_evaluation.sections.evidence"]), paragraph(Placeholder(evaluator))]
    blocks += _submissions(context, tasks, said)
    return blocks


def _tables(context: ReportContext) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The plan's tasks and measures, and the departments' words of the report year (empty when none)."""
    tables = context.tables
    tasks = getattr(tables, "tasks", None)
    measures = getattr(tables, "measures", None)
    said = getattr(tables, "words", None)
    tasks = tasks if tasks is not None else pd.DataFrame(columns=["task_id", "group", "group_title_zh", "title_zh",
                                                                  "lead_department_zh", "departments_zh"])
    measures = measures if measures is not None else pd.DataFrame(columns=["number", "title_zh"])
    if said is None:
        said = pd.DataFrame(columns=["department_zh", "item", "task_id", "indicator_id", "series", "year",
                                     "progress", "rating", "reasons", "measures", "source"])
    return tasks, measures, said[said["year"] == context.report_year]


def department_name(context: ReportContext, name_zh: str) -> str:
    """A department's name in the report's language (its English name, as the plan folder gives it)."""
    if context.language == "zh" or not name_zh:
        return name_zh
    return _english_names(context).get(name_zh) or name_zh


def sender(context: ReportContext, name_zh: str) -> str:
    """The department that sent words, in the report's language; a template of a plan that names no departments
    records none: that group as the warning lists name it (未明确牵头部门, Lead department not named)."""
    return department_name(context, name_zh) or context.words["warnings.no_department"]


def department_names(context: ReportContext) -> set[str]:
    """Every department's name the draft may print, as the plan folder and the departments' workbooks write them (in
    Chinese, and in English where given): the names a line never breaks inside."""
    names = {*_english_names(context), *_english_names(context).values()}
    said = getattr(context.tables, "words", None)
    if said is not None:
        names |= set(said["department_zh"])
    frames = [context.indicators, getattr(context.tables, "tasks", None)]
    for frame in (f for f in frames if f is not None):
        for language in ("zh", "en"):
            for column in (f"lead_department_{language}", f"departments_{language}"):
                if column in frame.columns:
                    for value in frame[column].dropna():
                        names |= set(str(value).split(DEPARTMENT_SEPARATORS[language]))
    return {name.strip() for name in names if isinstance(name, str) and name.strip()}


def same_department(context: ReportContext, one: str, other: str) -> bool:
    """True for one department, also where the plan writes it two ways (市市场监督管理局, 市市场监管局) and the
    plan folder gives both the same English name."""
    english = _english_names(context)
    return one == other or bool(english.get(one)) and english.get(one) == english.get(other)


def _english_names(context: ReportContext) -> dict[str, str]:
    names: dict[str, str] = {}
    frames = [context.indicators, getattr(context.tables, "tasks", None)]
    for frame in (f for f in frames if f is not None and "departments_zh" in f.columns):
        for zh, en in zip(frame["departments_zh"], frame["departments_en"]):
            parts_zh, parts_en = str(zh).split(DEPARTMENT_SEPARATORS["zh"]), str(en).split(DEPARTMENT_SEPARATORS["en"])
            if len(parts_zh) == len(parts_en):
                names.update(zip(parts_zh, parts_en))
    return names


def _overview(context: ReportContext, tasks: pd.DataFrame, measures: pd.DataFrame, evaluator: str) -> list[Block]:
    words = context.words
    numeric = context.indicators[context.indicators["kind"] != "qualitative"]["indicator_id"].nunique()
    qualitative = context.indicators[context.indicators["kind"] == "qualitative"]["indicator_id"].nunique()
    groups = tasks["group"].nunique() if not tasks.empty else 0
    data_year = context.assessment["as_of_year"].dropna()
    key = "self_evaluation.overview" if len(tasks) or len(measures) else "self_evaluation.overview_no_tasks"
    text = words.text(key, plan_title=context.plan_text("title"),
                      indicators=numeric + qualitative, numeric=numeric, qualitative=qualitative, groups=groups,
                      kinds=words.text("self_evaluation.kinds" if qualitative else "self_evaluation.kinds_all_numeric",
                                       numeric=numeric, qualitative=qualitative, split=_split_series(context)),
                      tasks=len(tasks), measures=len(measures), kind=words[f"self_evaluation.kind.{context.kind}"],
                      data_years=MISSING if data_year.empty else
                      words.text("self_evaluation.data_years_one", year=year(data_year.max()))
                      if data_year.nunique() == 1 else
                      # every latest year with its count, the latest first: none left out between the extremes
                      words.text("self_evaluation.data_years_mixed", items=words["grammar.comma"].join(
                          [words.text("self_evaluation.data_years_item", year=year(latest), count=int(count))
                           for latest, count in data_year.value_counts().sort_index(ascending=False).items()]))) \
        + abbreviations_note(context)  # S&T spelled out once, as the report's overview does
    label = context.dataset_label  # an example's data: said, as the report
    preliminary = preliminary_note(context)  # a verdict resting on a preliminary figure is not read as final
    return [heading(words["self_evaluation.sections.overview"]), paragraph(text),
            *([paragraph(words.text("summary.dataset", label=label))] if label else []),
            *([paragraph(preliminary)] if preliminary else []),
            paragraph(words["self_evaluation.overall_judgement"], Placeholder(evaluator))]


def _split_series(context: ReportContext) -> str:
    """Where a quantitative indicator is assessed as several series (4 and 5: national and provincial), said where the
    indicators are first counted, with the series counted, so that the series' latest years counted after it add up
    ("；指标 4、5 分国家级、省级序列评估，定量指标共 25 个序列"); "" where each has one series."""
    words = context.words
    numeric = context.indicators[context.indicators["kind"] != "qualitative"]
    split: dict[tuple[str, ...], list[str]] = {}
    for indicator_id, series in numeric.groupby("indicator_id", sort=True):
        if len(series) > 1:
            labels = tuple(series_label(name, words) for name in series["series"])
            split.setdefault(labels, []).append(str(indicator_id))
    if not split:
        return ""
    items = words["grammar.list_separator"].join(
        words.count_text("self_evaluation.split_item", len(ids), ids=words.join_and(ids),
                         series=words.join_and(labels)) for labels, ids in split.items())
    return words.text("self_evaluation.split", items=items, count=len(numeric))


def _indicators(context: ReportContext, written: pd.DataFrame) -> list[Block]:
    """The share of indicators achieved of those with a final verdict, the statuses counted by indicator, the table,
    and what the departments wrote of the qualitative indicators (their progress and self-rating)."""
    words = context.words
    blocks = [heading(words["self_evaluation.sections.indicators"])]
    joined = context.joined()
    numeric = joined[joined["status"] != "qualitative"]
    headline = headline_status(numeric) if not numeric.empty else pd.DataFrame(columns=["indicator_id", "status"])
    # an indicator is counted once a series of it has a value for the plan period (a verdict from the printed
    # baselines alone is not the plan's result); the others are named
    first = plan_start_year(context.tables.values)
    in_period = numeric.loc[numeric["as_of_year"].fillna(0) >= (first or 0), "indicator_id"]
    counted = headline[(headline["status"] != "insufficient_data") & headline["indicator_id"].isin(in_period)]
    uncounted = sorted(set(headline["indicator_id"]) - set(counted["indicator_id"]))
    counts = shown_counts(numeric[numeric["indicator_id"].isin(counted["indicator_id"])])
    best_first = TALLY_ORDER  # the statuses shown in a status's stead beside it, as every tally orders them
    # a final: the achieved the paragraph before counts (its share's numerator) are not counted again, only the rest
    finals = final_verdicts(numeric)
    said = sum(verdict == "achieved" for verdict in finals.values())
    rest = bool(said) and not stage_verdicts(numeric, finals) and counts.get("achieved", 0) == said and any(
        counts.get(status, 0) for status in best_first if status != "achieved")
    # the statuses counted: one list, as the language lists ("未达标 9 项、偏离目标 1 项"; "not achieved 9 and moving
    # away 1", never run together with semicolons)
    listed = words.join_and(
        words.text("self_evaluation.count", status=words[f"status_in_sentence.{status}"], n=counts[status])
        for status in best_first if counts.get(status, 0) and not (rest and status == "achieved"))
    if len(counted):
        blocks.append(paragraph(_achieved_share(context, numeric, set(counted["indicator_id"]), len(headline),
                                                first)))
    which = (words.count_text("self_evaluation.missing_ids", len(uncounted),
                              ids=words["grammar.comma"].join(str(i) for i in uncounted))
             if uncounted else "")
    others = [status for status in best_first if counts.get(status, 0) and status != "achieved"]
    # the rest all of one status: said in a word ("其余 1 项未达标", "and 1 not achieved"), never counted as a list
    key = ("self_evaluation.status_counts" + ("_rest" + ("_all" if len(others) == 1 else "") if rest else "")) \
        if len(counted) else "self_evaluation.status_counts_none"
    # how the counts are read, each where it applies: an indicator's worse series where one has two with data; a
    # progress verdict where a counted series' target year has no value yet (never said where every one has it)
    shown = numeric[numeric["indicator_id"].isin(counted["indicator_id"])]
    paired = shown[shown["status"] != "insufficient_data"]["indicator_id"].duplicated().any()  # two series with data
    read = ([words["self_evaluation.pairs_clause"]] if paired else []) + \
        ([words["self_evaluation.progress_clause"]] if shown["verdict"].eq("progress").any() else [])
    notes = words.text("grammar.aside", text=words["grammar.list_separator"].join(read)) if read else ""
    without = words.count_text("self_evaluation.without", len(uncounted), missing=len(uncounted), which=which,
                               first=first or MISSING) if uncounted else ""
    blocks.append(paragraph(words.count_text(key, len(counted), n=len(counted), counts=listed, missing=len(uncounted),
                                             achieved=said, rest=len(counted) - said,
                                             status=words[f"status_in_sentence.{others[0]}"] if others else "",
                                             which=which, first=first or MISSING, notes=notes, without=without,
                                             # "with data for the plan period" only where some have none
                                             with_data=words["self_evaluation.with_data"] if uncounted else "")))
    chosen = context.status_words
    if chosen is not None and not counted.empty:
        # in the plan's own status words, one per indicator: the word of the series that gives its status
        worst = counted.merge(numeric, on=["indicator_id", "status"]).drop_duplicates("indicator_id")
        said = worst["official_status"].value_counts()
        words_listed = words.join_and(words.text("self_evaluation.count",
                                                                                 n=int(said[key]),
                                             status=words[f"official_status.{chosen.vocabulary}.words.{key}"])
                                  for key in STATUS_VOCABULARIES[chosen.vocabulary] if said.get(key, 0))
        blocks.append(paragraph(words.text("self_evaluation.official_counts", n=len(worst),
                                           header=words[f"official_status.{chosen.vocabulary}.header"],
                                           counts=words_listed or MISSING)))
    # a mid-term: after a stage target's verdict, the next target and what it needs a year (as the report's scorecard)
    ahead = bool((numeric["verdict"].eq("final") & numeric["next_target_year"].notna()).any())
    keys = ("id", "name", "unit", "base", "target", "latest", "status") + (("next",) if ahead else ())
    # the year every target, or every latest value, is of heads its column (2024年目标值), as a bureau's table does;
    # where their years differ, the column is the main report's (最新值, 目标值) and each cell says its year
    # (2.9（2022）), never a value of 2022 under "2024年实际值"
    quantitative = joined[joined["status"] != "qualitative"]
    target_year = _one_year(quantitative["target_year"])
    latest_year = _one_year(quantitative.loc[quantitative["latest_value"].notna(), "as_of_year"])
    # and the year every next target's growth is needed in, where each is one year's ("下一目标及2024年需增长")
    # and the kind of what each needs: a growth, a level to reach, both ("下一目标及2024年要求", "下一目标及2024年所需")
    finals = list(quantitative[quantitative["verdict"] == "final"].itertuples())
    headed = {"target": target_year, "latest": latest_year, "next": one_year_left(finals)}
    kinds = {"next": needed_kind(finals, words, None)}
    headers = [words.text(f"self_evaluation.table.{key}" + ("_in" if headed.get(key) else "") + kinds.get(key, ""),
                          base_year=context.plan["base_year"], year=headed.get(key)) for key in keys]
    rows, described = [], []
    qualitative_words = written[written["item"] == "indicator"]
    for row in joined.itertuples():
        name = series_name(row, context)
        named = name + ("*" if row.core else "")  # a core indicator starred in the table, as in the report
        if row.status == "qualitative":
            lead = getattr(row, "lead_department_zh", "")
            sent = [a for a in qualitative_words[qualitative_words["indicator_id"] == row.indicator_id].itertuples()
                    if a.progress]
            ratings = words["grammar.comma"].join(words[f"entry.words.ratings.{a.rating}"] for a in sent)
            # the self-rating in the table, what was done under it: a placeholder there until sent (in a narrow
            # column a department's long name took seven lines)
            aside = words.text("self_evaluation.qualitative_rating", rating=ratings) if sent else \
                words["self_evaluation.qualitative_owed"]
            rows.append([str(row.indicator_id), named, "", "", "", "",
                         Status(row.status, words.status(row.status), aside)]
                        + ([""] if ahead else []))
            quoted = words.text("grammar.name_in_sentence", name=name)  # after its number, as a sentence quotes it
            if not sent:
                described.append(paragraph(words.text("self_evaluation.qualitative", id=row.indicator_id, name=quoted),
                                           Placeholder(department_name(context, lead) or
                                                       words["self_evaluation.evaluator"])))
            described += [paragraph(words.text("self_evaluation.qualitative", id=row.indicator_id, name=quoted),
                                    words.text("self_evaluation.progress",
                                               department=sender(context, answer.department_zh),
                                               rating=words[f"entry.words.ratings.{answer.rating}"]),
                                    as_submitted(answer.progress, words)) for answer in sent]
            continue
        latest = MISSING if is_missing(row.latest_value) else \
            value_text(row, row.latest_value, words) + _own_year(row.as_of_year, latest_year, words)
        target = target_text(row, words) + _own_year(row.target_year, target_year, words)
        rows.append([str(row.indicator_id), named, localized(row, "unit", context.language),
                     value_text(row, row.base_value, words), target, latest,
                     # a verdict on an earlier value once the target year has come says so, as the report's does
                     Status(row.status, status_text(row, words),
                            _status_aside(context, row) + _status_notes(context, row))]
                    + ([_next_target(context, row)] if ahead else []))
    blocks.append(Block("table", headers=headers, rows=rows, name="indicators",
                        columns=[COLUMN_KINDS[key] for key in keys]))
    notes = []
    if joined["core"].any():
        notes.append(words["self_evaluation.core_note"])
    # the target column's signs, as the report's scorecard writes them: ≥90 a level held every year, 2.8 a value to
    # reach in its year (a floor too, never marked): said once where the table has both kinds
    if joined["direction"].isin(HELD_EVERY_YEAR).any():
        notes.append(words["self_evaluation.held_note"])
    # a target the table writes "≥90" where the plan printed 90: the sign is this evaluation's reading, said so
    bare = [words.text("self_evaluation.bare_note_item", id=row.indicator_id, reading=reading)
            for row in joined[joined["status"] != "qualitative"].itertuples()
            if (reading := bare_target_reading(context, row))]
    if bare:
        separator = words["self_evaluation.bare_note_separator"]
        notes.append(words.text("self_evaluation.bare_note", items=separator.join(bare)))
    blocks.extend(paragraph(text) for text in numbered_notes(notes, words))
    # verdicts resting on values a secondary source quotes, as the report's overview names them: the draft handed in
    # must not read them as the publishers' own
    quoted = secondary_note(context)
    if quoted:
        blocks.append(paragraph(quoted))
    return blocks + described + _explained(context, qualitative_words)


def numbered_notes(notes: list[str], words) -> list[str]:
    """The notes under the indicator table as a document prints them: one "注：…" / "Note: …"; more, one "注：" over
    them all, each numbered on a line of its own ("注：（1）…", "（2）…"; "Notes: 1. …", "2. …"), never "注：" three
    times in a row."""
    if len(notes) == 1:
        return [words.text("self_evaluation.note_one", note=notes[0])]
    return [words.text("self_evaluation.note_first" if number == 1 else "self_evaluation.note_next",
                       number=number, note=note) for number, note in enumerate(notes, 1)]

def _explained(context: ReportContext, answers: pd.DataFrame) -> list[Block]:
    """What a department wrote about a series without a warning (every series it leads has a row for it): under the
    indicator table, said to be so, never dropped; a lagging series' reasons are under the problems."""
    words = context.words
    warned = {(row.indicator_id, row.series) for row in shortfall_rows(context)}
    rows = {(row.indicator_id, row.series): row for row in context.joined().itertuples()}
    blocks = []
    for answer in answers.itertuples():
        row = rows.get((answer.indicator_id, answer.series))
        if row is None or row.status == "qualitative" or (answer.indicator_id, answer.series) in warned \
                or not answer.reasons:
            continue
        # at a final evaluation, no warning any more: "not among the targets missed"
        unwarned = "self_evaluation.problems.unwarned" + ("_final" if context.kind == "final" else "")
        blocks.append(paragraph(words.text(unwarned, id=row.indicator_id,
                                           name=words.text("grammar.name_in_sentence",
                                                           name=series_name(row, context)),
                                           status=status_text(row, words, "status_in_sentence"),
                                           department=sender(context, answer.department_zh),
                                           reasons=as_submitted(answer.reasons, words))))
    return blocks


def _next_target(context: ReportContext, row) -> str:
    """After a stage target's verdict: the next target and what it needs a year ("120 (2024)", "+16.5% (+17)"), as
    the scorecard says it; — without one (a progress verdict, but for one whose target's year came without its value,
    given the target still ahead: :func:`~analysis.report.words.later_target`). The target without its unit, as the
    table's other values: its unit column gives it; a range with both its bounds as the plan sets them (2.5–2.8
    (2027))."""
    words = context.words
    next_year, next_value = following_target(row)
    later = later_target(context, row)
    if later is not None:  # its target's year came without its value: the target still ahead, and its need
        next_year, next_value = later
        need = pace_text(row, words, later=later, target_beside=True)  # the target is given above it
    elif row.verdict != "final" or is_missing(next_year):
        return MISSING
    else:
        need = pace_lines(pace_text(row, words), words)[-1]
    targets, upper = context.series_values(row.indicator_id, row.series), None
    if "upper" in targets:  # a range's upper bound, which the assessment's row does not give for the next target
        bounds = targets.loc[(targets["value_type"] == "target") & (targets["year"] == next_year), "upper"]
        upper = bounds.iloc[0] if len(bounds) else None
    # a level to hold every year: the next target is the level the next year must hold, said once (never "≥5 (2024)"
    # and "≥5% in 2024" in one cell); the years missed, in the status column
    return words.text("self_evaluation.next_held" if judged_yearly(row) else "self_evaluation.next",
                      target=target_text(row, words, next_value, upper), year=year(next_year), need=need)


def _for_the_plan(series: pd.DataFrame) -> pd.Series:
    """Which series' final verdicts are final for the plan: on its last target (no later target follows), or a
    level to hold every year missed in a year (missed for good). A verdict on a stage target is not: the series
    still has a later target to reach (a stage target missed, ``stage_missed``; or reached, or a level held so far,
    ``achieved`` with a later target)."""
    last = series["next_target_year"].isna() if "next_target_year" in series else True
    return (series["verdict"] == "final") & ((series["status"] == "not_achieved") | last)


def final_verdicts(numeric: pd.DataFrame) -> dict[int, str]:
    """The indicators with a final verdict for the plan (see :func:`_for_the_plan`), ``achieved`` or
    ``not_achieved``: not achieved once a series of it is, achieved once every series of it is; an indicator with a
    series still on a progress verdict, on a stage target's verdict or without data has none yet."""
    verdicts: dict[int, str] = {}
    for indicator_id, series in numeric.groupby("indicator_id", sort=True):
        final = _for_the_plan(series)
        if (final & (series["status"] == "not_achieved")).any():
            verdicts[int(indicator_id)] = "not_achieved"
        elif final.all() and (series["status"] == "achieved").all():
            verdicts[int(indicator_id)] = "achieved"
    return verdicts


def stage_verdicts(numeric: pd.DataFrame, finals: dict[int, str]) -> dict[int, str]:
    """The indicators without a final verdict for the plan whose every series has a final verdict on a stage target:
    ``achieved`` when every series reached it, ``stage_missed`` otherwise."""
    verdicts: dict[int, str] = {}
    for indicator_id, series in numeric.groupby("indicator_id", sort=True):
        if int(indicator_id) not in finals and (series["verdict"] == "final").all():
            verdicts[int(indicator_id)] = "achieved" if (series["status"] == "achieved").all() else "stage_missed"
    return verdicts


def _achieved_share(context: ReportContext, numeric: pd.DataFrame, with_data: set, total: int,
                    first: int | None) -> str:
    """指标达标比例 (share of indicators achieved): the indicators that reached their target, of those with a final
    verdict for the plan, the denominator stated; and how many have none yet, and why (a stage target's verdict
    only, with how many reached it; values before the target year only, a progress verdict; no data for the plan
    period). Not the report's 完成率, a series' value as a share of its target."""
    words = context.words
    finals = final_verdicts(numeric)
    stages = stage_verdicts(numeric, finals)
    achieved = sum(verdict == "achieved" for verdict in finals.values())
    pending = sorted(set(numeric["indicator_id"].astype(int)) - set(finals))
    progress = [i for i in pending if i in with_data and i not in stages]
    reached = sum(verdict == "achieved" for verdict in stages.values())
    # a mid-term's stage verdicts are its lead sentence: the others without a final verdict are named after it, each
    # with the series that lack their target year's value (a mid-term's 2023, never "the target year" read as the
    # plan's last; 4's provincial series, never the indicator, whose national series has it)
    lacking = words.join(_lacking_items(context, numeric, progress))
    reasons = ([words.count_text("self_evaluation.share.progress_only", len(progress), n=len(progress),
                                 items=lacking)] if progress else []) + \
        ([words.text("self_evaluation.share.no_data", n=len(pending) - len(progress) - len(stages),
                     first=first or MISSING)] if len(pending) > len(progress) + len(stages) else [])
    lead = ""
    if stages:  # a mid-term's result: the stage targets, before the share of the few final verdicts
        judged = numeric[numeric["indicator_id"].astype(int).isin(stages)]
        # a level to hold every year, met so far, has no stage target: counted apart among those met, as the
        # statuses counted after it show it (17: 迄今均达标)
        held = sum(verdict == "achieved" and all(shown_status(row) == "met_so_far" for row in series.itertuples())
                   for indicator_id, verdict in stages.items()
                   for series in [judged[judged["indicator_id"].astype(int) == indicator_id]])
        # the few final verdicts of a mid-term (a level held every year, missed in a year: 18) are verdicts on that
        # year's level too: counted among those judged, and named after it ("其中 1 项已可作最终判定")
        finished = sum(verdict == "achieved" for verdict in finals.values())
        # (1 "has met its yearly level", 2 "have met their yearly levels")
        key = "stage_lead" if not held else "stage_lead_held_one" if held == 1 else "stage_lead_held"
        lead = words.text(f"self_evaluation.share.{key}", n=len(stages) + len(finals), reached=reached + finished,
                          missed=len(stages) - reached + len(finals) - finished, total=total, held=held,
                          stage=reached - held,
                          share=str(half_up((reached + finished) / (len(stages) + len(finals)), 1, 100)),
                          years=words.join_and(sorted({year(y) for y in judged["target_year"].dropna()})))
    if not finals:
        staged = [words.text("self_evaluation.share.stage_only", n=len(stages))] if stages else []
        return lead + words.text("self_evaluation.share.none", total=total, reasons=words.join(staged + reasons))
    # several kinds of pending: counted as parts of the whole pending (a mid-term's stage verdicts apart); one kind:
    # the others
    others = len(pending) - len(stages)
    if len(reasons) > 1:
        rest = words.count_text("self_evaluation.share.rest", others, reasons=words.join(reasons))
    elif others:  # one reason for them all: said once, not "the other 2 …: 2 still missing …"
        kind = "progress_only" if progress else "no_data"
        rest = words.count_text(f"self_evaluation.share.{kind}_rest", others, first=first or MISSING, items=lacking,
                                **({"id": progress[0], "lacks": _lacks(context, numeric, progress[0])}
                                   if len(progress) == 1 else {}))
    else:
        rest = ""
    # a level to hold every year missed before the last target year: final, though that year's value is not in
    early = numeric[numeric["indicator_id"].astype(int).isin(finals) & _for_the_plan(numeric)
                    & numeric["next_target_year"].notna()]
    # why each is final: its target year's value in, a yearly level missed, or both kinds among them
    basis = ("self_evaluation.share.basis" if not len(early) else "self_evaluation.share.basis_held_only"
             if len(early.drop_duplicates("indicator_id")) == len(finals) else "self_evaluation.share.basis_held")
    if stages:  # a mid-term: a share of the few final verdicts (levels missed in a year) would misquote the plan
        # each named, with what it rests on (18: "2023年为 4.6%，低于每年≥5%的要求，未达标")
        return lead + words.count_text("self_evaluation.share.finals_mid", len(finals), rest=rest,
                                       items=words["grammar.list_separator"].join(_final_items(context, numeric,
                                                                                               finals)))
    share = str(half_up(achieved / len(finals), 1, 100))
    judged = words.text("self_evaluation.share.judged", count=len(finals), share=share, basis=words[basis],
                        achieved=achieved) \
        if len(finals) < total else words.text("self_evaluation.share.judged_all", basis=words[basis])
    # the share of all the quantitative indicators first, as official reviews give it (28个指标中…达到25个, 89.3%),
    # named as such; that of those with a final verdict after it, with its own denominator; the rest's reasons last
    return lead + words.count_text("self_evaluation.share.counted", len(finals), total=total, achieved=achieved,
                            share=share, rest=rest, basis=words[basis], judged=judged,
                            share_all=str(half_up(achieved / total, 1, 100)),
                            of_all=words.text("self_evaluation.share.of_all", achieved=achieved, total=total,
                                              share_all=str(half_up(achieved / total, 1, 100)))
                            if len(finals) < total else "",
                            basis_one=words[f"{basis}_one"])


def _lacks(context: ReportContext, numeric: pd.DataFrame, indicator_id: int) -> str:
    """What an indicator without a final verdict lacks: the values of the series without one from the year after its
    latest to its target year, named where it has several ("lacks the 2023–2024 values of its provincial series",
    "的省级序列尚缺 2023—2024年数据": its latest is 2022's), or its own ("lacks its 2024 value")."""
    words = context.words
    rows = numeric[(numeric["indicator_id"].astype(int) == indicator_id) & (numeric["verdict"] != "final")]
    targets = sorted({int(y) for y in rows["target_year"].dropna()})
    years, span = words.join_and([year(y) for y in targets]), ""
    latest = rows["as_of_year"].dropna() if "as_of_year" in rows else ()
    if len(targets) == 1 and len(latest) and int(latest.min()) + 1 < targets[0]:
        years, span = words.text("data_gap.span", first=int(latest.min()) + 1, last=targets[0]), "_span"
    labels = [series_label(series, words) for series in rows["series"] if series]
    if not labels:
        return words.text(f"self_evaluation.share.lacks_own{span}", years=years)
    if span:
        return words.text("self_evaluation.share.lacks_series_span", series=words.join_and(labels), years=years)
    return words.count_text("self_evaluation.share.lacks_series", len(labels), series=words.join_and(labels),
                            years=years)


def _lacking_items(context: ReportContext, numeric: pd.DataFrame, indicators: list[int]) -> list[str]:
    """Each indicator with a progress verdict only, with what it lacks (:func:`_lacks`)."""
    return [context.words.text("self_evaluation.share.lacking_item", id=indicator_id,
                               lacks=_lacks(context, numeric, indicator_id)) for indicator_id in indicators]


def _final_items(context: ReportContext, numeric: pd.DataFrame, finals: dict[int, str]) -> list[str]:
    """Each indicator with a final verdict for the plan, by the series it rests on (those not achieved of one not
    achieved, every series of one achieved): its number and name, the values of the years a level to hold every
    year missed against that level ("指标 18 万元GDP能耗下降率 2023年为 4.6%，低于每年≥5%的要求，未达标"), or its
    value of the target year against the target."""
    words = context.words
    items = []
    for indicator_id, verdict in finals.items():
        series = numeric[numeric["indicator_id"].astype(int) == indicator_id]
        series = series[_for_the_plan(series) & (series["status"] == "not_achieved")] \
            if verdict == "not_achieved" else series
        for row in series.itertuples():
            fields = dict(id=row.indicator_id, name=named_series(row, context, in_sentence=True),
                          status=status_text(row, words, "status_in_sentence"),
                          target=held_level(row, words) if row.direction in HELD_EVERY_YEAR
                          else amount(row, target_text(row, words), words))
            missed = [(missed_year, value) for missed_year, value in missed_year_values(context, row)
                      if not is_missing(value)]
            if row.status == "not_achieved" and missed:
                values = words["grammar.comma"].join(
                    words.text("self_evaluation.missed_value", year=year(missed_year),
                               value=amount(row, value_text(row, value, words), words))
                    for missed_year, value in missed)
                items.append(words.text("self_evaluation.share.final_held", **fields, values=values))
            else:
                items.append(words.text("self_evaluation.share.final_item", **fields, year=year(row.as_of_year),
                                        latest=amount(row, value_text(row, row.latest_value, words), words),
                                        target_year=year(row.target_year)))
    return items


def _tasks(context: ReportContext, tasks: pd.DataFrame, said: pd.DataFrame) -> list[Block]:
    words = context.words
    blocks = [heading(words["self_evaluation.sections.tasks"])]
    if tasks.empty:
        return blocks + [paragraph(words["self_evaluation.no_tasks"],
                                   Placeholder(words["self_evaluation.evaluator"]))]
    progress = said[said["item"] == "task"]
    for group, group_tasks in tasks.groupby("group", sort=True):
        first = group_tasks.iloc[0]
        group_title = first.group_title_zh if context.language == "zh" else \
            (getattr(first, "group_title_en", "") or first.group_title_zh)
        blocks.append(heading(words.text("self_evaluation.group", number=_outline_number(int(group), words),
                                         title=group_title), 2))
        for task in group_tasks.itertuples():
            task_title = task.title_zh if context.language == "zh" else (getattr(task, "title_en", "") or task.title_zh)
            # the departments the plan makes responsible: the plan names no lead among them (tasks.csv's
            # lead_department is the first listed, to whom the words workbook goes), so none is called one, unless
            # task_leads.csv assigns another by function: then said after the list; always in the report's own word
            # (责任部门), as everywhere else, though the plan prints 责任单位 for some tasks and 责任部门 for others
            listed = localized(task, "departments", context.language)
            separator = DEPARTMENT_SEPARATORS["zh" if listed == task.departments_zh else "en"]
            named = listed.split(separator) if listed else []
            departments = separator.join(in_a_list(named)) if listed else MISSING
            if getattr(task, "lead_basis", "") == "assigned":
                departments += words.text("self_evaluation.task_lead",
                                          lead=department_name(context, task.lead_department_zh))
            blocks.append(Block("paragraph", [words.text("self_evaluation.task", id=task.task_id, title=task_title,
                                                         wording=words.count_text("self_evaluation.wording",
                                                                                  len(named)),
                                                         departments=departments)], name="task"))
            sent = progress[progress["task_id"] == task.task_id]
            for answer in sent.itertuples():
                rating = words[f"entry.words.ratings.{answer.rating}"] if answer.rating else MISSING
                blocks.append(paragraph(words.text("self_evaluation.progress",
                                                   department=sender(context, answer.department_zh),
                                                   rating=rating), as_submitted(answer.progress or "", words),
                                        *([] if answer.progress else [Placeholder(sender(
                                            context, answer.department_zh))])))
            lead = task.lead_department_zh
            if lead and not any(same_department(context, lead, other) for other in sent["department_zh"]):
                blocks.append(paragraph(Placeholder(department_name(context, lead))))
    return blocks


def lagging_rows(context: ReportContext) -> pd.DataFrame:
    """The series that lag: a warning (red, amber, a final "not achieved"; a stage target met off course for the next
    one), or progress too slow to reach the target on time (moderate: 需加快), lead department first."""
    joined = context.joined()
    off_course = [stage_met_off_course(row) for row in joined.itertuples()]
    return joined[joined["status"].isin(LAGGING) | pd.Series(off_course, index=joined.index, dtype=bool)]


def shortfall_rows(context: ReportContext) -> list:
    """The series whose reasons the draft asks for, each once: those that lag (:func:`lagging_rows`), then those that
    fall short of a growth the plan's prose promises (:func:`~analysis.report.words.prose_growth_shortfalls`), as the
    problems name them; each is given its reasons, its next measures and its place in the annex."""
    rows = list(lagging_rows(context).itertuples())
    seen = {(row.indicator_id, row.series) for row in rows}
    for row, _ in prose_growth_shortfalls(context):
        if (row.indicator_id, row.series) not in seen:
            seen.add((row.indicator_id, row.series))
            rows.append(row)
    return rows


def _status_aside(context: ReportContext, row) -> str:
    """:func:`~analysis.report.words.status_aside`, with the value of each year a level to hold every year missed, as
    the report's card gives it ("未达标（2023年为 4.6%，未达到）" beside 2024's 5.3 that meets it); the years alone
    where a value is not on file."""
    words = context.words
    missed = missed_year_values(context, row)
    if not missed or any(is_missing(value) for _, value in missed):
        return status_aside(row, words)
    values = words["grammar.comma"].join(
        words.text("self_evaluation.missed_value", year=year(missed_year),
                   value=amount(row, value_text(row, value, words), words)) for missed_year, value in missed)
    return words.text("grammar.aside", text=words.text("self_evaluation.missed", values=values))


def _status_notes(context: ReportContext, row) -> str:
    """What a status cell adds in one bracket: that a verdict on an earlier value, once the target year has come, is
    not final, as the report's says; a move in the plan period the status from the base year hides, and the years
    without a value after the latest, as the scorecard says them ("（进展判断，非最终判定；按 2020年基础值（3.1%）
    评定，但 …；最新值为 2022年，2023—2024年无数据）")."""
    words = context.words
    notes = [words["scorecard.not_final"]] if not_final(row) else []
    notes += [moved] if (moved := plan_period_note(context, row)) else []
    notes += [gap] if (gap := data_gap_text(row, words)) else []  # the years its latest value leaves without data
    # as the report's list of targets missed names it: a progress verdict without the target year's value, and a
    # series with no data to judge by
    if context.kind == "final" and (gap and not_final(row) or row.status == "insufficient_data"):
        notes.append(words["self_evaluation.data_missing"])
    return words.text("grammar.aside", text=words["grammar.list_separator"].join(notes)) if notes else ""


def _none_lagging(context: ReportContext) -> str:
    """No series lags: said of all, or of those that can be judged, named ("可作判断的 1 个指标序列（指标 26）…"),
    never an all-clear for the rest, whose indicators are named by lead department, each asked for its data; at a
    final evaluation they are data missing, said after it with the data still to be supplied (:func:`_data_missing`)."""
    words = context.words
    numeric = context.joined()
    numeric = numeric[numeric["status"] != "qualitative"]
    unjudged = numeric[numeric["status"] == "insufficient_data"]
    final = "_final" if context.kind == "final" else ""  # the target year come: missed, no warning
    judged = numeric[numeric["status"] != "insufficient_data"]
    # at a final evaluation, a status on a value before the target year (达标待确认 on 2022's value) is no target met:
    # said as what it is, one sentence a status, its series in the plan's order
    provisional = judged[[bool(final) and not_final(row) for row in judged.itertuples()]]
    judged = judged.drop(provisional.index)
    by_status: dict[str, list[str]] = {}
    for row in provisional.itertuples():
        by_status.setdefault(status_text(row, words, "status_in_sentence"), []).append(_series_id(row, words))
    said = "".join(words.count_text("self_evaluation.problems.none_lagging_provisional", len(ids), status=status,
                                    ids=words.join_and(ids)) for status, ids in by_status.items())
    if unjudged.empty:
        return (words["self_evaluation.problems.none_lagging" + final] if len(judged) or not said else "") + said
    if judged.empty:
        text = "" if said else words["self_evaluation.problems.none_judged"]
    else:
        text = words.count_text("self_evaluation.problems.none_lagging_judged" + final, len(judged),
                                ids=words["grammar.comma"].join(_series_id(row, words) for row in judged.itertuples()))
    text += said
    if final:  # the target year come: they are data missing, said with the data still to be supplied (_data_missing)
        return text
    owed: dict[str, list[str]] = {}
    for row in unjudged.itertuples():
        lead = getattr(row, "lead_department_zh", "") or ""
        owed.setdefault(department_name(context, lead) or words["warnings.no_department"], []).append(
            _series_id(row, words))
    departments = words["grammar.list_separator"].join(
        words.count_text("self_evaluation.problems.unjudged_department", len(ids), department=department,
                         ids=words["grammar.comma"].join(ids)) for department, ids in owed.items())
    return text + words.count_text("self_evaluation.problems.unjudged", len(unjudged), departments=departments)


def _data_missing(context: ReportContext) -> str:
    """A final evaluation's series without data for a final verdict, counted as the report's list of targets missed
    counts them (数据缺失), and the data still to be supplied as the report names them, by lead department
    (:func:`~analysis.report.warning_tables.still_to_supply`); empty where nothing is owed."""
    words = context.words
    rows = warning_rows(context)
    missing = sum(row.outcome == "data_missing" for row in rows)
    owed = still_to_supply(context, rows, "self_evaluation.problems")
    if not missing:
        return owed.strip()
    return words.count_text("self_evaluation.problems.data_missing", missing) + owed


def _problems(context: ReportContext, tasks: pd.DataFrame, said: pd.DataFrame, evaluator: str) -> list[Block]:
    words = context.words
    blocks = [heading(words["self_evaluation.sections.problems"]),
              heading(words["self_evaluation.problems.issues"], 2)]
    explained = said[said["item"] == "indicator"]
    lagging = lagging_rows(context)
    if lagging.empty:
        blocks.append(paragraph(_none_lagging(context)))
    # a growth the plan's text promises that a series falls short of, as the report's overview names it (a stage
    # target met may hide it): said after the series' own entry where it lags, else an entry of its own after theirs
    # a series whose own state is said first is not named again: its shortfall follows as a clause of its own
    warned = {(row.indicator_id, row.series) for row in lagging.itertuples()}
    promised: dict[tuple, list[str]] = {}
    verdict = words["self_evaluation.problems.prose_growth_verdict" + ("" if context.kind == "final" else "_so_far")]
    # a series named for its growth alone is named as a lagging one is for its state, its name and a colon first; then
    # one short sentence a point, as the report's overview gives them: the requirement and the verdict, the growth from
    # the table's last baseline (which the verdict counts from), what the table's target implies, the growth from the
    # base year ("技术合同成交额：方案正文要求年均增长10%以上，未达到要求。自2021年…")
    for row, one, fields in prose_growth_shortfall_fields(context):
        head = "also" if (row.indicator_id, row.series) in warned else "own"
        sentences = [words.text(f"self_evaluation.problems.prose_growth_{head}", verdict=verdict, **fields),
                     words.text(f"self_evaluation.problems.prose_growth_seen{one}", **fields)]
        if fields["implied"]:
            sentences.append(words.text("self_evaluation.problems.prose_growth_table", **fields))
        if fields["base_year"]:
            sentences.append(words.text(f"self_evaluation.problems.prose_growth_since{fields['above']}", **fields))
        promised.setdefault((row.indicator_id, row.series), []).extend(sentences)

    def growth(row) -> str:
        items = promised.get((row.indicator_id, row.series))
        if not items:
            return ""
        if (row.indicator_id, row.series) in warned:
            return "".join(items)
        return words.text("self_evaluation.problems.prose_growth", name=series_name(row, context), items="".join(items))

    next_steps = []
    for row in shortfall_rows(context):
        lead = getattr(row, "lead_department_zh", "") or ""
        who = department_name(context, lead) or evaluator
        name = named_series(row, context)  # its numbers follow: in English its unit after the name
        # a stage target met on a course short of the next: a risk to the next target, whose pace is explained (not
        # the "reasons" of a target it met)
        # the reasons asked of a rank name its places, not a growth (增速) it has not
        pace = ("_pace_rank" if row.kind == "rank" else "_pace") if stage_met_off_course(row) else ""
        state = (_lagging_state(context, row, name) if (row.indicator_id, row.series) in warned else "") + growth(row)
        answers = explained[(explained["indicator_id"] == row.indicator_id) & (explained["series"] == row.series)]
        reasons = [a for a in answers.itertuples() if a.reasons]
        if reasons:
            for answer in reasons:
                blocks.append(paragraph(state, words.text(f"self_evaluation.problems.reasons{pace}",
                                                          reasons=as_submitted(answer.reasons, words),
                                                          department=sender(context, answer.department_zh))))
        else:
            blocks.append(paragraph(state, words[f"self_evaluation.problems.reasons_label{pace}"], Placeholder(who)))
        measures = [a for a in answers.itertuples() if a.measures]
        if measures:
            next_steps += [paragraph(words.text("self_evaluation.problems.measure", name=name,
                                                measures=as_submitted(a.measures, words),
                                                department=sender(context, a.department_zh)))
                           for a in measures]
        else:
            next_steps.append(paragraph(words.text("self_evaluation.problems.measure_label", name=name),
                                        Placeholder(who)))
    # the next measures sent for a series with no warning (its explanation is under the indicator table)
    asked = {(row.indicator_id, row.series) for row in shortfall_rows(context)}
    rows = {(row.indicator_id, row.series): row for row in context.joined().itertuples()}
    for answer in explained.itertuples():
        row = rows.get((answer.indicator_id, answer.series))
        if row is None or row.status == "qualitative" or (answer.indicator_id, answer.series) in asked:
            continue
        name, department = series_name(row, context), sender(context, answer.department_zh)
        if answer.measures:
            next_steps.append(paragraph(words.text("self_evaluation.problems.measure", name=name,
                                                   measures=as_submitted(answer.measures, words),
                                                   department=department)))
    behind = said[(said["item"] == "task") & said["rating"].isin(["behind", "not_started"])]
    titles = dict(zip(tasks["task_id"], tasks["title_zh"])) if not tasks.empty else {}
    for answer in behind.itertuples():
        blocks.append(paragraph(words.text("self_evaluation.problems.task_behind", id=answer.task_id,
                                           title=titles.get(answer.task_id, ""),
                                           rating=words[f"entry.words.ratings.{answer.rating}"],
                                           department=sender(context, answer.department_zh))))
    if context.kind == "final" and (missing := _data_missing(context)):
        blocks.append(paragraph(missing))
    blocks.append(heading(words["self_evaluation.problems.next"], 2))
    blocks += next_steps or [paragraph(Placeholder(evaluator))]
    blocks += [heading(words["self_evaluation.problems.suggestions"], 2), paragraph(Placeholder(evaluator))]
    return blocks


def _lagging_state(context: ReportContext, row, name: str) -> str:
    """What a series that lags stands at: its latest value against its target, its status, and after a stage
    target's verdict what the next target asks."""
    words = context.words
    # the plan period's pace after the growth seen since the base year, unless the note gives it (a faster move: dip)
    move = plan_period_move(context, row)
    need = next_target_need(row, words, plan_pace=not (move and move[0].startswith("dip"))) \
        if row.verdict == "final" else ""
    # a pace a little short of the need, on track by the method's band: the need after the note says so, once
    note = status_note(row, words, plan_period_note(context, row), course_said=bool(need))
    if note and context.kind == "final" and not_final(row) and data_gap_text(row, words):
        note = words.join([note, words["self_evaluation.data_missing"]])  # as the status cell says it
    # a level to hold every year is no target of one year: "against a target of ≥90% every year"
    held = row.direction in HELD_EVERY_YEAR or getattr(row, "method", "") == "annual_floor"
    return words.text("self_evaluation.problems.state_held" if held else "self_evaluation.problems.state",
                      name=name,
                      status=status_text(row, words, "status_in_sentence"),
                      note=words.text("self_evaluation.problems.note", note=note) if note else "",
                      latest=MISSING if is_missing(row.latest_value) else
                      amount(row, value_text(row, row.latest_value, words), words),
                      year=year(row.as_of_year),
                      target=held_level(row, words) if held else amount(row, target_text(row, words), words),
                      # the values of the years it missed, besides the latest (18: "2023年为 4.6%")
                      missed="".join(words.text("self_evaluation.problems.missed_value", year=year(missed),
                                                value=amount(row, value_text(row, value, words), words))
                                     for missed, value in missed_year_values(context, row)
                                     if not is_missing(value) and int(missed) != row.as_of_year),
                      # the plan prints the value (90); holding it every year is this evaluation's reading
                      printed=_printed_targets(context, row) if held else "",
                      target_year=year(row.target_year),
                      # after a stage target's verdict: what the next target asks, against the pace seen
                      next=need)


def _printed_targets(context: ReportContext, row) -> str:
    """What the plan prints for a level held every year, each year it sets one: "方案 2023、2024年目标均为 5%" (the
    verdict may rest on 2023: never only the last year's named), "方案 2024年目标为 90%" where it sets one."""
    words = context.words
    series = context.series_values(row.indicator_id, row.series)
    targets = series[(series["value_type"] == "target") & (series["year"] <= row.target_year)].sort_values("year")
    if len(targets) < 2:
        return words.text("self_evaluation.problems.printed_one", year=year(row.target_year),
                          value=amount(row, value_text(row, row.target_value, words, "target"), words))
    values = [amount(row, value_text(row, float(value), words), words) for value in targets["value"]]
    years = [year(int(y)) for y in targets["year"]]
    if len(set(values)) == 1:
        return words.text("self_evaluation.problems.printed_same", years=words.join_and(years), value=values[0])
    return words.text("self_evaluation.problems.printed_each", items=words.join_and(
        words.text("self_evaluation.problems.printed_item", year=y, value=v) for y, v in zip(years, values)))


def _submissions(context: ReportContext, tasks: pd.DataFrame, said: pd.DataFrame) -> list[Block]:
    """Which department sent what, from which file, and what is still missing."""
    words = context.words
    owed: dict[str, dict[str, list[str]]] = {}

    def owing(department: str) -> dict[str, list[str]]:
        known = next((key for key in owed if same_department(context, key, department)), department)
        return owed.setdefault(known, {"tasks": [], "indicators": [], "data": []})

    unassigned = []  # a lagging series whose department the plan does not give: still to be explained, by someone
    for row in shortfall_rows(context):  # a series that lags, or falls short of a growth the prose promises
        lead = getattr(row, "lead_department_zh", "") or ""
        if lead:
            owing(lead)["indicators"].append(_series_id(row, words))
        else:
            unassigned.append(_series_id(row, words))
    joined = context.joined()
    for row in joined[joined["status"] == "qualitative"].drop_duplicates("indicator_id").itertuples():
        lead = getattr(row, "lead_department_zh", "") or ""
        if lead:  # its progress and self-rating, owed like a task's
            owing(lead)["indicators"].append(_series_id(row, words))
    for task in tasks.itertuples():
        if task.lead_department_zh:
            owing(task.lead_department_zh)["tasks"].append(task.task_id)
    for department in said["department_zh"]:
        if department:
            owing(department)
    # the values still owed for the report year, by the series' lead department, as the data still to be supplied
    # name them (市生态环境局: 数据（指标17）), a department that owes nothing else given a row of its own
    unplaced = []
    for row in joined[joined["status"] != "qualitative"].itertuples():
        if not is_missing(row.as_of_year) and int(row.as_of_year) >= context.report_year:
            continue
        lead = getattr(row, "lead_department_zh", "") or ""
        (owing(lead)["data"] if lead else unplaced).append(_series_id(row, words))
    if unassigned or unplaced or (said["department_zh"] == "").any():  # owed or sent by no department named: last
        owed[""] = {"tasks": [], "indicators": unassigned, "data": unplaced}
    returned: dict[str, set[str]] = {}  # each lead department's workbooks of values read for the report year
    leads = {(r.indicator_id, r.series): (getattr(r, "lead_department_zh", "") or "") for r in joined.itertuples()}
    actual = context.values[(context.values["value_type"] == "actual")
                            & (context.values["year"] == context.report_year)]
    for row in actual.itertuples():
        name = Path(str(row.source)).name
        if name.lower().endswith(".xlsx"):
            returned.setdefault(leads.get((row.indicator_id, row.series), ""), set()).add(name)
    rows = []
    for department, items in owed.items():
        own = said[said["department_zh"].map(lambda other, d=department: same_department(context, d, other))
                   .astype(bool)]
        sent_tasks = set(own.loc[own["item"] == "task", "task_id"])
        sent_indicators = {_series_id(r, words) for r in own[own["item"] == "indicator"].itertuples()
                           if r.reasons or r.progress}
        missing = [words.text("self_evaluation.submissions.task", id=t) for t in items["tasks"] if t not in sent_tasks]
        missing += [words.text("self_evaluation.submissions.indicator", id=i) for i in sorted(
                    items["indicators"], key=lambda i: (int(re.match(r"\d+", i).group()), i))
                    if i not in sent_indicators]
        if items["data"]:
            missing.append(words.count_text("self_evaluation.submissions.data", len(items["data"]),
                                            ids=words.join_and(items["data"])))
        # the workbooks it returned: those its words came from, and those whose values for the year it leads were
        # read (a workbook of values whose words sheet is empty was still received)
        files = sorted({source.split(":")[0] for source in own["source"]}
                       | returned.get(next((key for key in returned if same_department(context, key, department)),
                                           department), set()))
        # what was owed and sent, so that owed − sent is what is missing; a row beyond (an explanation of a series
        # without a warning, a task it does not lead) counted beside it
        answered = len(set(items["tasks"]) & sent_tasks) + len(set(items["indicators"]) & sent_indicators)
        extra = len(own) - answered
        filled = words.text("self_evaluation.submissions.rows_extra", count=answered, extra=extra) if extra > 0 \
            else str(answered)
        rows.append([sender(context, department), str(len(items["tasks"])), str(len(items["indicators"])),
                     filled, words.join(files) or words["self_evaluation.submissions.nothing"],
                     words.join(missing) or words["self_evaluation.submissions.complete"]])
    headers = [words[f"self_evaluation.submissions.{key}"] for key in ("department", "tasks", "indicators", "rows",
                                                                       "files", "missing")]
    blocks = [heading(words["self_evaluation.sections.submissions"])]
    if not rows:
        return blocks + [paragraph(words["self_evaluation.submissions.none_owed"])]
    if not tasks.empty:  # who is asked for a task's words, and that this is no lead the plan names
        assigned = int((tasks.get("lead_basis", pd.Series(dtype=str)) == "assigned").sum())
        blocks.append(paragraph(words["self_evaluation.submissions.tasks_note"]
                                + (words.count_text("self_evaluation.submissions.tasks_assigned", assigned)
                                   if assigned else "")))
    return blocks + [Block("table", headers=headers, rows=rows, name="submissions")]


def _one_year(years: pd.Series) -> int | None:
    """The year all of ``years`` are; none where they differ, or without any."""
    distinct = set(years.dropna().astype(int))
    return distinct.pop() if len(distinct) == 1 else None


def _own_year(value, headed: int | None, words) -> str:
    """A cell's year after its value, unless its column's header gives it."""
    return "" if headed is not None and not is_missing(value) and int(value) == headed else year_aside(value, words)


def _series_id(row, words) -> str:
    """"4省级", "4 provincial": an indicator series as the submissions table names it, its series joined to its number
    as the language joins them (``summary.currency_series``)."""
    return str(row.indicator_id) + (words.text("summary.currency_series", series=series_label(row.series, words))
                                     if row.series else "")


def _outline_number(number: int, words) -> str:
    """How the outline numbers a group or a measure: 一 … 十 in Chinese (（一）), the digits otherwise."""
    digits = "一二三四五六七八九十"
    return digits[number - 1] if words.language == "zh" and 1 <= number <= 10 else str(number)


def placeholder_text(context: ReportContext, who: str) -> str:
    """【待补充：市科技局】 / [To be supplied: …]: how a gap reads in every edition."""
    return context.words.text("self_evaluation.placeholder", who=who)


def named_series(row, context: ReportContext, in_sentence: bool = False) -> str:
    """:func:`series_name` with the unit a sentence giving its numbers names after it where the language does not
    write units after numbers (:func:`analysis.report.words.named`: "Technology contracts traded (100 million
    yuan)"); ``in_sentence``: the name as a sentence quotes it after its number (``grammar.name_in_sentence``:
    "indicator 16, “Technology contracts traded” (100 million yuan), was …"), never with a capital that reads as a
    sentence's start ("indicator 18, Decline in …"), the name as the plan gives it."""
    name = series_name(row, context)
    if in_sentence:
        name = context.words.text("grammar.name_in_sentence", name=name)
    return named(row, context.words).replace(localized(row, "short_name", context.language), name, 1)


def series_name(row, context: ReportContext) -> str:
    """A series' short name, with its level (national, provincial) as an aside where the name does not say it."""
    name, words = localized(row, "short_name", context.language), context.words
    label = series_label(row.series, words) if row.series else ""
    return name + words.text("grammar.aside", text=label) if label and label.casefold() not in name.casefold() else name

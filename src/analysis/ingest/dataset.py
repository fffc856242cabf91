"""An observations folder's optional ``dataset.yml``: a label every report made from it shows.

The project's own observations need none. A data set that is not the plan's published values (the
example data for 2022–2024 under ``tests/fixtures``, a draft from a department) says so here, and
the report prints the label under its title, so it cannot be mistaken for an evaluation of real data.
It is read by the same rules as ``plan.yml`` (a regular file, small, each text checked like a
plan's text).
"""
from __future__ import annotations

from pathlib import Path

from ..catalog import plan_error, told_words
from ..errors import InputError, Mistakes, quote
from ..plan import MAX_PLAN_YML_BYTES, language_texts, observation_entries, placed, read_yaml, unknown_keys

#: The keys a dataset.yml takes.
DATASET_KEYS = ("label",)


def read_dataset_label(folder: Path | None, entries: list[tuple[Path, str]] | None = None) -> dict[str, str]:
    """``{language: label}`` from ``folder/dataset.yml``; empty when there is none. ``entries``: the folder's entries
    as :func:`analysis.plan.observation_entries` gave them, when read already."""
    if folder is None:
        return {}
    entries = observation_entries(Path(folder)) if entries is None else entries
    labels = [path for path, role in entries if role == "label"]
    if not labels:
        return {}
    path = labels[0]
    nodes: dict[str, int] = {}  # the line of every key: each mistake told at its key's line, as plan.yml's
    spec = read_yaml(path, MAX_PLAN_YML_BYTES, nodes=nodes)
    told, label = Mistakes(), {}
    with told.row():
        if not isinstance(spec, dict) or "label" not in spec:
            raise InputError(plan_error("plan_yml.dataset_label"), file=path, field="label")
        label = language_texts(spec["label"], path, "label")
    # a key misspelt (sorce:, lable:) is told as plan.yml's is, in the same round as the label's mistake
    unknown = sorted(key if isinstance(key, str) else quote(key) for key in spec if key not in DATASET_KEYS) \
        if isinstance(spec, dict) else []
    if unknown:
        absent = [key for key in DATASET_KEYS if key not in spec]
        told.add(InputError(plan_error("plan_yml.unknown_known", unknown=unknown_keys(unknown, absent),
                                       known=told_words()["grammar.comma"].join(DATASET_KEYS)),
                            file=path, field=unknown[0]))
    told.errors = [placed(error, path, nodes) for error in told.errors]
    told.check()
    return label

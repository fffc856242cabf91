"""An observations folder's optional ``dataset.yml``: a label every report made from it shows.

The project's own observations need none. A data set that is not the plan's published values (the
example data for 2022–2024 under ``tests/fixtures``, a draft from a department) says so here, and
the report prints the label under its title, so it cannot be mistaken for an evaluation of real data.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import InputError

DATASET_FILE = "dataset.yml"


def read_dataset_label(folder: Path) -> dict[str, str]:
    """``{language: label}`` from ``folder/dataset.yml``; empty when there is none."""
    path = Path(folder) / DATASET_FILE
    if not path.is_file():
        return {}
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"not valid UTF-8 YAML: {' '.join(str(exc).split())}", file=path) from None
    label = spec.get("label") if isinstance(spec, dict) else None
    if not isinstance(label, dict) or not label or not all(isinstance(v, str) and v.strip() for v in label.values()):
        raise InputError("expected label: {zh: …, en: …}, the data set's name in each language", file=path,
                         field="label")
    return {str(language): " ".join(text.split()) for language, text in label.items()}

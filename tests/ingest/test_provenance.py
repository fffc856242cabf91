"""Raw checksums: a changed source, or a plan text no sidecar vouches for, stops the run."""
from __future__ import annotations

import pytest
import yaml

from analysis.errors import InputError
from analysis.files import sha256_file
from analysis.ingest.provenance import verify_provenance
from analysis.settings import DEFAULT_PLAN_DIR

PLAN_TEXT = "weihai-innovative-city-plan-2022.txt"


def test_source_checksum_and_size_match_the_sidecar():
    sidecar = yaml.safe_load((DEFAULT_PLAN_DIR / f"{PLAN_TEXT}.provenance.yml").read_text(encoding="utf-8"))
    assert sha256_file(DEFAULT_PLAN_DIR / sidecar["file"]) == sidecar["sha256"]
    assert (DEFAULT_PLAN_DIR / sidecar["file"]).stat().st_size == sidecar["bytes"]
    assert [meta["file"] for meta in verify_provenance(DEFAULT_PLAN_DIR, DEFAULT_PLAN_DIR / PLAN_TEXT)] == [PLAN_TEXT]


def test_tampered_source_is_refused(plan_copy):
    source = plan_copy / PLAN_TEXT
    source.write_bytes(source.read_bytes().replace(b"3..5", b"3.5"))
    with pytest.raises(InputError, match="sha256 is .* the raw file has changed"):
        verify_provenance(plan_copy, source)


def test_the_plan_text_needs_a_sidecar_of_its_own(plan_copy):
    (plan_copy / "other.txt").write_text("another document\n", encoding="utf-8")
    sidecar = plan_copy / f"{PLAN_TEXT}.provenance.yml"
    text = sidecar.read_text(encoding="utf-8").replace(f"file: {PLAN_TEXT}", "file: other.txt")
    text = text.replace(sha256_file(plan_copy / PLAN_TEXT), sha256_file(plan_copy / "other.txt"))
    sidecar.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=f"no provenance sidecar describes {PLAN_TEXT}"):
        verify_provenance(plan_copy, plan_copy / PLAN_TEXT)

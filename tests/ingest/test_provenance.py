"""Raw checksums: a changed source, or a plan text no sidecar vouches for, stops the run."""
from __future__ import annotations

import os

import pytest
import yaml

from analysis.catalog import mistakes_told_in
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
    with pytest.raises(InputError, match="the file's is .* the raw file has changed"):
        verify_provenance(plan_copy, source)


def test_the_plan_text_needs_a_sidecar_of_its_own(plan_copy):
    (plan_copy / "other.txt").write_text("another document\n", encoding="utf-8")
    sidecar = plan_copy / f"{PLAN_TEXT}.provenance.yml"
    text = sidecar.read_text(encoding="utf-8").replace(f"file: {PLAN_TEXT}", "file: other.txt")
    text = text.replace(sha256_file(plan_copy / PLAN_TEXT), sha256_file(plan_copy / "other.txt"))
    text = text.replace("bytes: 75165", f"bytes: {(plan_copy / 'other.txt').stat().st_size}")
    sidecar.rename(plan_copy / "other.txt.provenance.yml")
    (plan_copy / "other.txt.provenance.yml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=f"no provenance sidecar describes {PLAN_TEXT}"):
        verify_provenance(plan_copy, plan_copy / PLAN_TEXT)


def test_a_sidecar_describes_the_file_it_is_named_after(plan_copy):
    """Pointing the plan text's sidecar at another file would leave the plan text unchecked."""
    (plan_copy / "other.txt").write_text("another document\n", encoding="utf-8")
    sidecar = plan_copy / f"{PLAN_TEXT}.provenance.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(f"file: {PLAN_TEXT}", "file: other.txt"),
                       encoding="utf-8")
    with pytest.raises(InputError, match=f"file: names 'other.txt', but the sidecar {PLAN_TEXT}.provenance.yml "
                                         f"describes '{PLAN_TEXT}'"):
        verify_provenance(plan_copy, plan_copy / PLAN_TEXT)


@pytest.mark.parametrize(("line", "words"), [
    ("bytes: 75164", "bytes: records 75164, but weihai-innovative-city-plan-2022.txt has 75165 bytes"),
    ("bytes: '75165'", "bytes: '75165' is not a size in bytes"),
    ("bytes: -1", "bytes: -1 is not a size in bytes"),
    ("", "bytes: missing provenance field"),
])
def test_the_recorded_size_is_checked(plan_copy, line, words):
    sidecar = plan_copy / f"{PLAN_TEXT}.provenance.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("bytes: 75165", line), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        verify_provenance(plan_copy, plan_copy / PLAN_TEXT)
    assert words in str(caught.value)


def test_only_regular_files_are_read(plan_copy):
    os.mkfifo(plan_copy / "stray.provenance.yml")  # opening it for reading would block the run for ever
    with pytest.raises(InputError, match=r"stray.provenance.yml: is a named pipe \(FIFO\), not a regular file"):
        verify_provenance(plan_copy, plan_copy / PLAN_TEXT)
    (plan_copy / "stray.provenance.yml").unlink()
    source = plan_copy / PLAN_TEXT
    source.unlink()
    os.mkfifo(source)
    with pytest.raises(InputError, match=r"is a named pipe \(FIFO\), not a regular file"):
        verify_provenance(plan_copy, source)


@pytest.mark.parametrize(("line", "words"), [
    ("bytes: 75164",
     "记录的是75164，但 weihai-innovative-city-plan-2022.txt 有75165字节（其 sha256 相符）：请更正来源说明文件"),
    ("bytes: '75165'", "'75165' 不是以字节计的文件大小（须为整数）"),
    ("", "缺少来源说明字段"),
])
def test_a_sidecars_mistake_is_told_in_chinese_when_the_run_asks_for_it(plan_copy, line, words):
    sidecar = plan_copy / f"{PLAN_TEXT}.provenance.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("bytes: 75165", line), encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        verify_provenance(plan_copy, plan_copy / PLAN_TEXT)
    assert (caught.value.file, caught.value.field, caught.value.reason) == (sidecar, "bytes", words)


def test_a_changed_source_is_told_in_chinese_when_the_run_asks_for_it(plan_copy):
    source = plan_copy / PLAN_TEXT
    recorded = sha256_file(source)
    source.write_bytes(source.read_bytes().replace(b"3..5", b"3.5"))
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        verify_provenance(plan_copy, source)
    assert caught.value.reason == (f"实际为 {sha256_file(source)}，来源说明文件记录的是 {recorded}："
                                   "原始文件已被改动；请恢复原文件（原始数据一律不得编辑）")


def test_a_plan_text_without_a_sidecar_is_told_in_chinese_when_the_run_asks_for_it(plan_copy):
    sidecar = plan_copy / f"{PLAN_TEXT}.provenance.yml"
    (plan_copy / "other.txt").write_text("another document\n", encoding="utf-8")
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(f"file: {PLAN_TEXT}", "file: other.txt"),
                       encoding="utf-8")
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        verify_provenance(plan_copy, plan_copy / PLAN_TEXT)
    assert caught.value.reason == (f"写的是 'other.txt'，但来源说明文件 {PLAN_TEXT}.provenance.yml 说明的是 "
                                   f"'{PLAN_TEXT}'：来源说明文件以其说明的文件命名")
    sidecar.unlink()
    with mistakes_told_in("zh"), pytest.raises(InputError) as caught:
        verify_provenance(plan_copy, plan_copy / PLAN_TEXT)
    assert caught.value.reason == "找不到来源说明文件（*.provenance.yml）"


def _sidecar_told(plan_copy, language: str) -> list[str]:
    from analysis.errors import error_lines

    with mistakes_told_in(language), pytest.raises(InputError) as caught:
        verify_provenance(plan_copy, plan_copy / PLAN_TEXT)
    return [line.replace(f"{plan_copy}/", "") for line in error_lines(caught.value)]


def test_a_sidecars_wrong_sha256_and_wrong_size_are_told_in_one_round(plan_copy):
    sidecar = plan_copy / f"{PLAN_TEXT}.provenance.yml"
    actual = sha256_file(plan_copy / PLAN_TEXT)
    recorded = actual[:-1] + ("0" if actual[-1] != "0" else "1")
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(f"sha256: {actual}", f"sha256: {recorded}")
                       .replace("bytes: 75165", "bytes: 75156"), encoding="utf-8")
    assert _sidecar_told(plan_copy, "en") == [
        f"{PLAN_TEXT}: sha256: the file's is {actual}, the provenance sidecar records {recorded}: the raw file has "
        "changed; restore it (raw data is never edited)",
        f"{PLAN_TEXT}.provenance.yml: bytes: records 75156, but {PLAN_TEXT} has 75165 bytes",
    ]
    assert _sidecar_told(plan_copy, "zh") == [
        f"{PLAN_TEXT}: sha256: 实际为 {actual}，来源说明文件记录的是 {recorded}：原始文件已被改动；请恢复原文件"
        "（原始数据一律不得编辑）",
        f"{PLAN_TEXT}.provenance.yml: bytes: 记录的是75156，但 {PLAN_TEXT} 有75165字节",
    ]


def test_every_field_of_a_sidecar_mistyped_is_told_in_one_round(plan_copy):
    sidecar = plan_copy / f"{PLAN_TEXT}.provenance.yml"
    actual = sha256_file(plan_copy / PLAN_TEXT)
    text = sidecar.read_text(encoding="utf-8").replace(f"sha256: {actual}", "sha256: abc")
    text = text.replace("bytes: 75165", "bytes: 75,165").replace("year: 2022\n", "")
    sidecar.write_text(text, encoding="utf-8")
    assert _sidecar_told(plan_copy, "en") == [
        f"{PLAN_TEXT}.provenance.yml: year: missing provenance field",
        f"{PLAN_TEXT}.provenance.yml: sha256: 'abc' is not a sha256 hex digest (64 lowercase hex digits, quoted)",
        f"{PLAN_TEXT}.provenance.yml: bytes: '75,165' is not a size in bytes (a whole number)",
    ]

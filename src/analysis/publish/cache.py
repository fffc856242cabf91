"""Is a report up to date? One content hash (the build key) of everything a report is made from.

A report is rebuilt only when something it is made from has changed:

* its **parameters** (plan, year, language, scheme, observations folder);
* its **inputs**: every regular file of the plan folder and the observation files, chosen by the
  same rule the reader follows (:meth:`analysis.plan.Plan.input_files`), so a file is hashed if
  and only if it is read (``BULLETIN.CSV`` as well as ``bulletin.csv``); hidden files of the
  observations folder count by name, since the data-quality log lists them;
* the **code**: ``src/analysis`` (modules, catalogs, templates) and the notebooks' cells (their
  source, not their outputs, so running a notebook in JupyterLab changes nothing);
* the **environment**: what outside the project changes a report's bytes: Python, the versions of the
  packages that write its outputs, the font files it is set in (Noto Sans CJK, DejaVu Sans, Liberation Sans: the
  pages' stylesheet and the charts' font list name them) and the text-layout libraries the PDF is set with.
  Not the other fonts and libraries of the machine: installing an office suite or a browser, with
  fonts of their own, rebuilds no report.

The key is stored in the report's ``manifest.json`` with the sha256 of every output, so a report
whose files were edited or deleted is rebuilt too. This is the only cache: there is nothing else
to invalidate. Only the standard library is imported here, so an unchanged run costs a fraction of
a second.
"""
from __future__ import annotations

import fnmatch
import glob
import hashlib
import json
import os
import platform
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..catalog import Catalog, catalog
from ..errors import display_path
from ..files import read_regular, sha256_bytes, sha256_file
from ..settings import NOTEBOOKS_DIR, PACKAGE_DIR, PROJECT_ROOT
from .job import NOTEBOOKS, ReportJob

CODE_SUFFIXES = {".py", ".yml", ".j2", ".css", ".json", ".docx"}  # .docx: the Word edition's reference styles
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
#: The distributions whose version can change a report's bytes (also listed in the manifest): those that compute,
#: draw and write its outputs (HTML: nbconvert, beautifulsoup4; PDF: WeasyPrint and its parsers; Word: pandoc;
#: workbooks: xlsxwriter), not every package installed.
PACKAGES = ("numpy", "pandas", "matplotlib", "seaborn", "pillow", "pandera", "pyyaml", "jinja2", "papermill",
            "nbclient", "nbconvert", "nbformat", "ipykernel", "jupyter_client", "mistune", "beautifulsoup4",
            "weasyprint", "pydyf", "tinycss2", "cssselect2", "tinyhtml5", "pyphen", "fonttools", "pypandoc-binary",
            "lxml", "xlsxwriter", "openpyxl")
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
             Path.home() / ".local/share/fonts")
#: The font files a report is set in, by name: Noto Sans CJK (the pages' stylesheet: Noto Sans CJK SC, Noto Sans SC,
#: Noto Sans Mono CJK SC; the charts' first family, analysis.report.fonts), DejaVu Sans and DejaVu Sans Mono (the
#: charts' Latin family; the pages' fallback, which draws what Noto lacks: analysis.glyphs refuses any other
#: character), Liberation Sans (an English edition's charts, and its pages' quotes and dashes) and WenQuanYi Micro Hei
#: (the charts' last resort). Every other font file is left out.
REPORT_FONTS = ("NotoSansCJK*", "NotoSansMonoCJK*", "NotoSansSC-*", "DejaVuSans.ttf", "DejaVuSans-*",
                "DejaVuSansMono*", "LiberationSans-*", "wqy-microhei*")
#: The text-layout libraries WeasyPrint sets the PDF with; their file names carry their versions.
TEXT_LIBRARIES = ("pango-1.0", "pangoft2-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "freetype")
#: Where the dynamic loader finds them: the system's library folders, not the folders of programs that bring
#: copies of their own (/usr/lib/libreoffice, /usr/lib/chromium).
MULTIARCH = getattr(sys.implementation, "_multiarch", "") or "*-linux-gnu"
LIBRARY_DIRS = ("/usr/local/lib", f"/usr/lib/{MULTIARCH}", f"/lib/{MULTIARCH}", "/usr/lib64", "/lib64", "/usr/lib",
                "/lib")


@dataclass(frozen=True)
class Fingerprint:
    """A job's build key and the hashes it is made of (recorded in the manifest)."""

    key: str
    inputs: dict[str, str]
    code: dict[str, str]
    environment: dict


def digests(paths: list[Path]) -> dict[str, str]:
    return {display_path(p): sha256_file(p) for p in paths}


def notebook_digest(path: Path) -> str:
    """The sha256 of a notebook's cells as written (type, source, tags) and its kernel: not its outputs."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = [(cell.get("cell_type"), "".join(cell.get("source", "")), cell.get("metadata", {}).get("tags", []))
             for cell in notebook.get("cells", [])]
    kernel = notebook.get("metadata", {}).get("kernelspec", {}).get("name")
    return sha256_bytes(json.dumps([kernel, cells], ensure_ascii=False).encode("utf-8"))


def code_digests(notebooks_dir: Path = NOTEBOOKS_DIR) -> dict[str, str]:
    """The library's modules, catalogs and templates, and the report's notebooks."""
    library = sorted(p for p in PACKAGE_DIR.rglob("*")
                     if p.is_file() and p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts)
    return {**digests(library), **{display_path(notebooks_dir / name): notebook_digest(notebooks_dir / name)
                                   for name in NOTEBOOKS}}


def environment(digest_cache: Path | None = None) -> dict:
    """What outside the project changes a report's bytes: Python, the versions of the packages that write it, the
    font files it is set in (each by its content: a fresh install of the same fonts is the same environment), the
    text-layout libraries. ``digest_cache``: where the fonts' content hashes are kept between runs (default
    :data:`FONT_DIGESTS`)."""
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    libraries = sorted({os.path.realpath(path) for name in TEXT_LIBRARIES for lib_dir in LIBRARY_DIRS
                        for path in glob.glob(f"{lib_dir}/lib{name}.so*")})
    return {"python": sys.version.split()[0], "machine": platform.machine(), "packages": versions,
            "libraries": [Path(path).name for path in libraries],
            "fonts": font_digests(FONT_DIGESTS if digest_cache is None else digest_cache)}


#: The fonts' content hashes kept between runs, each with the size and modification time of the file it was made
#: from: a font file is read again only when either changed (a run then costs a stat a file, not a read of 100 MB).
FONT_DIGESTS = PROJECT_ROOT / ".cache" / "font-digests.json"


def font_files(font_dirs=None) -> list[Path]:
    """The report's font files (:data:`REPORT_FONTS`) in the font folders, in a stable order."""
    found = []
    for font_dir in FONT_DIRS if font_dirs is None else font_dirs:
        for root, dirs, files in os.walk(font_dir):
            dirs.sort()
            found += [Path(root, name) for name in sorted(files)
                      if any(fnmatch.fnmatchcase(name, pattern) for pattern in REPORT_FONTS)]
    return found


def font_digests(cache_path: Path, font_dirs=None) -> dict[str, str]:
    """``{file name: sha256 of its content}`` for each of the report's font files (a name found twice, in two
    folders, keeps its folder: ``opentype/noto/NotoSansCJK-Regular.ttc``). A file is read only when its path, size
    or modification time is not the one ``cache_path`` records for its hash (which is then written anew): the hash
    says what the file holds, never when it was installed."""
    try:
        cached = json.loads(Path(cache_path).read_text(encoding="utf-8"))
        cached = cached if isinstance(cached, dict) else {}
    except (OSError, ValueError):
        cached = {}
    kept, digests_, names = {}, {}, {}
    for path in font_files(font_dirs):
        try:
            stat = os.stat(path)
        except OSError:
            continue
        stamp = f"{stat.st_size} {stat.st_mtime_ns}"
        entry = cached.get(str(path))
        if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == stamp):
            try:
                entry = [stamp, _content_digest(path)]
            except OSError:
                continue
        kept[str(path)] = entry
        names.setdefault(path.name, []).append(path)
        digests_[path] = entry[1]
    if kept != cached:
        try:
            Path(cache_path).parent.mkdir(parents=True, exist_ok=True)
            temporary = Path(cache_path).with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(kept, sort_keys=True, indent=0), encoding="utf-8")
            os.replace(temporary, cache_path)
        except OSError:
            pass  # a read-only project: the hashes are made again next run
    fonts = {}
    for path, digest in digests_.items():
        name = path.name if len(names[path.name]) == 1 else _below_font_dir(path)
        fonts[name] = digest
    return dict(sorted(fonts.items()))


def _below_font_dir(path: Path) -> str:
    for font_dir in FONT_DIRS:
        if path.is_relative_to(font_dir):
            return str(path.relative_to(font_dir))
    return str(path)


def _content_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_key(parameters: dict, inputs: dict[str, str], code: dict[str, str], environment: dict) -> str:
    """One sha256 over everything a report is made from (canonical JSON, sorted keys)."""
    payload = {"parameters": parameters, "inputs": inputs, "code": code, "environment": environment}
    return sha256_bytes(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8"))


#: What the build key records for a hidden file of the observations folder: its name counts (the
#: data-quality log lists it), its content does not (it is not read).
SKIPPED = "skipped"


#: How a report's build key names the report of the previous year it compares its statuses with.
PREVIOUS = "previous report"


def fingerprint(job: ReportJob, code: dict[str, str], environment: dict, previous: str | None = None) -> Fingerprint:
    """``job``'s build key; ``previous`` is the digest of the assessment the previous year's report published
    when that report was made from other inputs (see :func:`previous_report`)."""
    inputs = digests(job.plan.input_files(job.observations))
    inputs.update({display_path(path): SKIPPED for path in job.plan.skipped_files(job.observations)})
    if previous is not None:
        inputs[f"{PREVIOUS} {display_path(job.previous)}"] = previous
    return Fingerprint(build_key(job.parameters(), inputs, code, environment), inputs, code, environment)


def previous_report(job: ReportJob, inputs: dict[str, str], built_now: set[Path]) -> str | None:
    """The sha256 of the assessment the previous report year's report published, when that report was made from
    other inputs than this one (a revision since may have changed the statuses it published). None when there is
    no previous year or no published assessment, or when it is made (or built in this run) from the same inputs:
    then its statuses are today's, and the report is the same with or without it."""
    folder = job.previous
    if folder is None or folder in built_now:
        return None
    manifest = read_manifest(folder)
    recorded = {name: digest for name, digest in (manifest or {}).get("inputs", {}).items()
                if not name.startswith(PREVIOUS)} if manifest else None
    if recorded is not None and recorded == {n: d for n, d in inputs.items() if not n.startswith(PREVIOUS)}:
        return None
    published = folder / "data" / "assessment.csv"
    return sha256_file(published) if published.is_file() else None


def read_manifest(destination: Path) -> dict | None:
    try:
        manifest = json.loads(read_regular(destination / "manifest.json", MAX_MANIFEST_BYTES).decode("utf-8"))
    except (OSError, ValueError):  # InputError is a ValueError: a FIFO or a huge file is no manifest
        return None
    return manifest if isinstance(manifest, dict) else None


def _first_difference(kind: str, recorded, current, words: Catalog) -> str | None:
    if recorded == current:
        return None
    named = words[f"run_lines.reason.kinds.{kind}"]
    if kind == "environment" and isinstance(recorded, dict) and isinstance(current, dict):
        reason = _environment_difference(recorded, current, words)
        if reason:
            return words.text("run_lines.reason.changed_environment", kind=named, change=reason)
    elif isinstance(recorded, dict) and isinstance(current, dict):
        for name in sorted(set(recorded) | set(current)):
            if recorded.get(name) != current.get(name):
                change = "added" if name not in recorded else "removed" if name not in current else "changed"
                return words.text("run_lines.reason.changed_file", kind=named, name=name,
                                  change=words[f"run_lines.reason.changes.{change}"])
    return words.text("run_lines.reason.changed", kind=named)


def _environment_difference(recorded: dict, current: dict, words: Catalog) -> str | None:
    """What in the environment changed, named: "lxml 6.2.0 → 6.2.1", "Python 3.11.7 → 3.11.8", "font file
    NotoSansCJK-Regular.ttc changed", "text-layout library libpango-1.0.so.0.5000.6 added"; None where nothing
    this can name did (a manifest of an older format)."""
    reason = "run_lines.reason.environment"

    def version(value) -> str:
        return words[f"{reason}.not_installed"] if value is None else str(value)

    for name in ("python", "machine"):
        if recorded.get(name) != current.get(name):
            return words.text(f"{reason}.version", name=words[f"{reason}.{name}"], old=version(recorded.get(name)),
                              new=version(current.get(name)))
    old, new = recorded.get("packages"), current.get("packages")
    if isinstance(old, dict) and isinstance(new, dict):
        for package in sorted(set(old) | set(new)):
            if old.get(package) != new.get(package):
                return words.text(f"{reason}.version", name=package, old=version(old.get(package)),
                                  new=version(new.get(package)))
    old, new = recorded.get("fonts"), current.get("fonts")
    if old != new:
        if not (isinstance(old, dict) and isinstance(new, dict)):
            return words[f"{reason}.fonts"]  # recorded before each font file was kept apart
        for name in sorted(set(old) | set(new)):
            if old.get(name) != new.get(name):
                change = "added" if name not in old else "removed" if name not in new else "changed"
                return words.text(f"{reason}.font", name=name, change=words[f"run_lines.reason.changes.{change}"])
    old, new = recorded.get("libraries"), current.get("libraries")
    if old != new and isinstance(old, list) and isinstance(new, list):
        for name in sorted(set(old) ^ set(new)):
            change = "added" if name not in old else "removed"
            return words.text(f"{reason}.library", name=name, change=words[f"run_lines.reason.changes.{change}"])
    return None


def outdated_reason(destination: Path, prints: Fingerprint, parameters: dict,
                    words: Catalog | None = None) -> str | None:
    """Why ``destination`` must be rebuilt, or None when it is up to date; said in ``words``' language (the run's;
    English where not given).

    Up to date means: its manifest was written for the same key, and every output the manifest
    lists is present with the sha256 recorded for it. The reason names what changed.
    """
    words = words or catalog("en")
    manifest = read_manifest(destination)
    if manifest is None:
        return words["run_lines.reason.no_report" if not destination.exists() else "run_lines.reason.no_manifest"]
    build = manifest.get("build") if isinstance(manifest.get("build"), dict) else {}
    if build.get("key") != prints.key:
        recorded = {"parameters": manifest.get("parameters"), "inputs": manifest.get("inputs"),
                    "code": build.get("code"), "environment": build.get("environment")}
        current = {"parameters": parameters, "inputs": prints.inputs, "code": prints.code,
                   "environment": prints.environment}
        for kind in current:
            reason = _first_difference(kind, recorded.get(kind), current[kind], words)
            if reason:
                return reason
        return words["run_lines.reason.any"]
    outputs = manifest.get("outputs")
    if not isinstance(outputs, dict) or not outputs:
        return words["run_lines.reason.no_outputs"]
    for relative, recorded_digest in sorted(outputs.items()):
        path = destination / relative
        if not path.is_file():
            return words.text("run_lines.reason.missing", path=relative)
        if sha256_file(path) != recorded_digest:
            return words.text("run_lines.reason.edited", path=relative)
    return None

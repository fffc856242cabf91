"""environment.yml (conda) and pyproject.toml (pip) list the same packages."""
from __future__ import annotations

import re
import tomllib

import yaml

from analysis.settings import PROJECT_ROOT


def _requirement_names(specs):
    parsed = {}
    for spec in specs:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", spec.strip())
        parsed[match.group(1).lower().replace("_", "-")] = match.group(2).replace(" ", "")
    return parsed


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    pip_specs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        pip_specs += extra
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda_specs = [d for d in environment["dependencies"] if isinstance(d, str)]
    # what conda-forge does not carry is installed by pip (its options and the project itself aside)
    conda_specs += [d for section in environment["dependencies"] if isinstance(section, dict)
                    for d in section.get("pip", []) if not d.startswith("-")]
    conda_names = {name: spec for name, spec in _requirement_names(conda_specs).items()
                   if name not in ("python", "pip")}
    assert conda_names == _requirement_names(pip_specs)
    assert _requirement_names(pip_specs)["matplotlib"] == ">=3.11"


#: The options pip takes on a line of a requirements file; conda hands the ``pip:`` section to pip as one, so
#: any other option (``--no-deps``) stops ``conda env create`` with "no such option".
REQUIREMENTS_FILE_OPTIONS = ("-e ", "--editable ", "-r ", "-c ", "--index-url ", "--extra-index-url ", "-f ",
                             "--find-links ", "--pre", "--prefer-binary", "--only-binary ", "--no-binary ")


def test_the_pip_section_of_environment_yml_is_a_valid_requirements_file():
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    lines = [d for section in environment["dependencies"] if isinstance(section, dict) for d in section.get("pip", [])]
    assert "-e ." in lines  # the project itself
    options = [line for line in lines if line.startswith("-")]
    assert [line for line in options if not line.startswith(REQUIREMENTS_FILE_OPTIONS)] == []

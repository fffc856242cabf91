# innovation-plan monitor — the workflow as make targets. `make help` lists them.
.PHONY: help setup system-deps data report test test-fast lab benchmark clean
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
YEAR        ?= 2024
REPORT_LANG ?= zh
SCHEME      ?= eurostat

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo ""
	@echo "  Variables: YEAR=$(YEAR) REPORT_LANG=$(REPORT_LANG) (zh|en) SCHEME=$(SCHEME) (eurostat|unsd)"

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

setup: $(VENV)/.installed system-deps ## Create .venv, install the package (editable) and system packages

system-deps: ## Install the fonts and libraries the report needs (apt-get as root)
	@bash scripts/system-deps.sh

data: $(VENV)/.installed ## Rebuild data/processed from data/raw (YEAR=2024)
	$(PY) -m analysis data --year $(YEAR) --scheme $(SCHEME)

report: setup ## Render reports/YEAR/REPORT_LANG/ (HTML, PDF, notebooks, manifest)
	$(PY) -m analysis report --year $(YEAR) --lang $(REPORT_LANG) --scheme $(SCHEME)

test: setup ## Run the test suite: pytest for src/analysis, nbval for the notebooks
	$(PY) -m pytest --nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

lab: setup ## Start JupyterLab with the project's kernel
	$(PY) -m pip install --quiet -e ".[test,lab]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (innovation-plan monitor)"
	cd notebooks && ../$(PY) -m jupyterlab $(if $(filter 0,$(shell id -u)),--allow-root)

benchmark: setup ## Time the pipeline steps (prints figures; never part of the tests)
	$(PY) benchmarks/run.py

clean: ## Remove the virtual environment and caches (data/raw, data/processed and reports stay)
	rm -rf $(VENV) .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

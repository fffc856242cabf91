# innovation-plan monitor — the workflow as make targets. `make help` lists them.
.PHONY: help setup system-deps data report reports test lab bench benchmark clean
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
YEAR        ?= 2024
REPORT_LANG ?= zh
SCHEME      ?= eurostat
REPORTS     ?= reports
PROCESSED   ?= data/processed
FORCE       ?=
JOBS        ?=
REPORT_ARGS = --scheme $(SCHEME) --output-dir $(REPORTS) --processed-dir $(PROCESSED) $(if $(FORCE),--force) \
              $(if $(JOBS),--jobs $(JOBS))

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo ""
	@echo "  Variables: YEAR=$(YEAR) REPORT_LANG=$(REPORT_LANG) (zh|en) SCHEME=$(SCHEME) (eurostat|unsd)"
	@echo "             FORCE=1 rebuilds an up-to-date report; JOBS=N worker processes for make reports"

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

setup: $(VENV)/.installed system-deps ## Create .venv, install the package (editable) and system packages

system-deps: ## Install the fonts and libraries the report needs (apt-get as root)
	@bash scripts/system-deps.sh

data: $(VENV)/.installed ## Rebuild data/processed from data/raw (YEAR=2024)
	$(PY) -m analysis data --year $(YEAR) --scheme $(SCHEME) --processed-dir $(PROCESSED)

report: setup ## Render reports/YEAR/REPORT_LANG/ (HTML, PDF, notebooks, manifest); skipped when up to date
	$(PY) -m analysis report --year $(YEAR) --lang $(REPORT_LANG) $(REPORT_ARGS)

reports: setup ## Render every report year in both languages as one batch (one worker per core)
	$(PY) -m analysis report --year all --lang all $(REPORT_ARGS)

test: setup ## Run the test suite: pytest for src/analysis, nbval for the notebooks
	$(PY) -m pytest --nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

lab: setup ## Start JupyterLab with the project's kernel
	$(PY) -m pip install --quiet -e ".[test,lab]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (innovation-plan monitor)"
	cd notebooks && ../$(PY) -m jupyterlab $(if $(filter 0,$(shell id -u)),--allow-root)

$(VENV)/.bench-installed: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e ".[test,bench]"
	@touch $@

bench: setup $(VENV)/.bench-installed ## Benchmark against the floor and the stock toolchain (prints medians and ratios)
	$(PY) benchmarks/run.py $(if $(REPEAT),--repeat $(REPEAT))

benchmark: bench

clean: ## Remove the virtual environment and caches (data/raw, data/processed and reports stay)
	rm -rf $(VENV) .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

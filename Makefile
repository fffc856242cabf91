# innovation-plan monitor — the workflow as make targets. `make help` lists them.
.PHONY: help setup system-deps data report reports templates import-plan example test lint lab bench benchmark clean
.DEFAULT_GOAL := help

PYTHON      ?= python3
VENV        ?= .venv
PLAN        ?= data/raw/weihai
YEAR        ?=
REPORT_LANG ?= zh
SCHEME      ?= eurostat
REPORTS     ?= reports
PROCESSED   ?= data/processed
FORCE       ?=
JOBS        ?=
REPEAT      ?=
FILE        ?=
NAME        ?=

# The variables reach the commands through the environment and the recipes quote them ("$$YEAR"),
# so the shell never parses their values: YEAR='2024; touch X #' is a year the command refuses, not
# a command. Empty --year and --jobs mean the defaults.
export PYTHON VENV PLAN YEAR REPORT_LANG SCHEME REPORTS PROCESSED FORCE JOBS REPEAT FILE NAME
PY          := "$$VENV/bin/python"
INPUTS      := --plan "$$PLAN" --scheme "$$SCHEME" --processed-dir "$$PROCESSED"
REPORT_ARGS := $(INPUTS) --output-dir "$$REPORTS" $${FORCE:+--force} --jobs "$$JOBS"

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}' Makefile
	@echo ""
	@printf '%s\n' "  Variables: PLAN=$$PLAN (a plan folder with plan.yml) YEAR=(the plan's final year) REPORT_LANG=zh|en|all (templates: zh|en)" \
	    "             SCHEME=eurostat|unsd  FORCE=1 rebuilds an up-to-date report  JOBS=N workers for make reports" \
	    "  A failing command prints its own error line; make then adds its own and exits 2 (see docs/scheduling.md)."

# Built under a lock, and used only once complete: a run killed half-way leaves a venv the next
# run rebuilds, and two first-time runs do not race (scripts/setup-venv.sh).
$(VENV)/.installed: pyproject.toml
	@bash scripts/setup-venv.sh

setup: $(VENV)/.installed system-deps ## Create .venv, install the package (editable) and system packages

system-deps: ## Install the fonts and libraries the report needs (apt-get as root)
	@bash scripts/system-deps.sh

data: $(VENV)/.installed ## Rebuild data/processed/<plan> from the plan folder (every report year)
	@$(PY) -m analysis data --lang "$$REPORT_LANG" $(INPUTS)

report: setup ## Render reports/<plan>/YEAR/REPORT_LANG/ (HTML, PDF, Word, workbook, notebooks, manifest); skipped when up to date
	@$(PY) -m analysis report --year "$$YEAR" --lang "$$REPORT_LANG" $(REPORT_ARGS)

reports: setup ## Render every report year of the plan in both languages as one batch (one worker per core)
	@$(PY) -m analysis report --year all --lang all $(REPORT_ARGS)

templates: $(VENV)/.installed ## Write the departments' data-entry workbooks for YEAR into reports/templates/<plan>/YEAR/ (FORCE=1 writes over an earlier run's)
	@$(PY) -m analysis templates --year "$$YEAR" --lang "$$REPORT_LANG" --plan "$$PLAN" --output-dir "$$REPORTS/templates" $${FORCE:+--force}

import-plan: $(VENV)/.installed ## Read a plan's table from a saved web page or Word file (FILE=…, NAME=its folder name) into data/interim/<name>/ to review
	@$(PY) -m analysis import-plan "$$FILE" $${NAME:+--name "$$NAME"}

example: setup ## Render the mid-term and final reports from the example 2022-2024 data into reports/example/
	$(PY) -m analysis report --observations tests/fixtures/example-2022-2024 --year 2023,2024 --lang all \
	    --output-dir reports/example --processed-dir reports/example/processed $(if $(FORCE),--force)

lint: $(VENV)/.installed ## Check the code style (ruff, line length 120)
	@$(PY) -m ruff check src tests benchmarks

test: setup lint ## Run the test suite: ruff, pytest for src/analysis, nbval for the notebooks
	@# one worker per core; a test file stays on one worker, so the reports its fixtures build are built once
	@$(PY) -m pytest -n auto --dist loadfile --nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

lab: setup ## Start JupyterLab with the project's kernel; saved notebooks stay tidy (outputs stripped)
	@$(PY) -m pip install --quiet -e ".[test,lab]"
	@$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (innovation-plan monitor)"
	@python="$$(cd "$$VENV" && pwd)/bin/python" && cd notebooks && "$$python" -m jupyterlab \
	    $(if $(filter 0,$(shell id -u)),--allow-root) \
	    --FileContentsManager.pre_save_hook=analysis.notebook_source.pre_save_hook

$(VENV)/.bench-installed: $(VENV)/.installed pyproject.toml
	@$(PY) -m pip install --quiet -e ".[test,bench]"
	@touch -- "$$VENV/.bench-installed"

bench: setup $(VENV)/.bench-installed ## Benchmark against the floor and the stock toolchain (prints medians and ratios)
	@$(PY) benchmarks/run.py $${REPEAT:+--repeat "$$REPEAT"}

benchmark: bench

clean: ## Remove the virtual environment and caches (data/raw, data/processed and reports stay)
	rm -rf -- "$$VENV" .pytest_cache .hypothesis tests/.work benchmarks/.work
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# Set-up is part of every target: on a fresh machine `make demo` or `make test` does it all.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench browser clean

demo: $(STAMP) browser
	@scripts/system-deps.sh fonts
	@scripts/system-deps.sh documents
	$(VENV)/bin/govwatch demo

test: $(STAMP) browser
	@scripts/system-deps.sh postgres
	@scripts/system-deps.sh fonts
	@scripts/system-deps.sh documents
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

bench: $(STAMP) browser
	$(PY) benchmarks/crawl_bench.py

$(STAMP): pyproject.toml
	@scripts/system-deps.sh python $(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

browser: $(STAMP)
	@scripts/system-deps.sh browser $(PY)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache

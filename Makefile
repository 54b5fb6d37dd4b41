# detente: `make demo` and `make test` are the whole quick start.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DB ?= demo.duckdb

.PHONY: install demo test lint typecheck unit eval bench lock clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "detente needs Python >= 3.11, found " + sys.version.split()[0] + ": run make PYTHON=/path/to/python3.11")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

demo: install
	$(PY) -m detente.demo --db $(DB)

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: install
	$(VENV)/bin/mypy

unit: install
	$(VENV)/bin/pytest -n 2 --dist loadfile

test: lint typecheck unit

eval: install
	$(PY) -m detente.evaluate.floors --shared ../shared --write-benchmarks

bench: install
	$(PY) bench/run_all.py

# Re-pin every installed distribution after changing pyproject.toml.
lock: install
	$(PY) -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^detente' > requirements.lock

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache

# The edition's two commands: `make site` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt
# The edition to build: this one, or another folder (make site EDITION=../my-edition).
EDITION ?= .

.PHONY: site test test-stress lint check serve bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# One stamp per dependency set, renewed when the pins or the project change.
$(VENV)/.site-deps: pyproject.toml constraints.txt | $(PY)
	$(PIP) -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml constraints.txt | $(PY)
	$(PIP) -e '.[test]'
	touch $@ $(VENV)/.site-deps

site: $(VENV)/.site-deps
	$(PY) build_site.py build --strict --root $(EDITION)
	$(PY) build_site.py export --strict --root $(EDITION)

check: $(VENV)/.site-deps
	$(PY) build_site.py check --strict --root $(EDITION)

serve: $(VENV)/.site-deps
	$(PY) build_site.py serve --root $(EDITION)

lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff check edition build_site.py tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	$(PY) -m pytest

# The browser tests three times in a row while a CPU-bound process loads every core (tests/stress.py);
# prints each run's failures and `test-stress: N failures in 3 runs`, and fails if N > 0.
test-stress: $(VENV)/.test-deps
	$(PY) tests/stress.py

# Timings of our stages and of MkDocs on the real and synthetic editions (k = 1, 10, 100),
# live-preview latency and page weight; writes bench/results.json and bench/summary.json.
bench: $(VENV)/.test-deps
	$(PY) bench/run.py

clean:
	rm -rf site dist build .build-* .site.src test-output

# The one way to set up, run and test plenary. Every target installs what it needs itself.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: run test test-sqlite test-postgres test-fast fuzz bench bench-vote fault-vote bench-scale lint system-deps clean help

help:
	@echo "make run    - install, migrate, load the demo organisation and serve on http://$(HOST):$(PORT)"
	@echo "make test   - lint, then the whole suite, on SQLite and on a throwaway PostgreSQL"
	@echo "make lint   - ruff and mypy (the type check; see docs/decisions/0010-type-checking.md)"
	@echo "make fuzz   - the API fuzz test with fresh random inputs, many more of them (not in make test)"
	@echo "make bench  - the benchmarks (figures go in docs/benchmarks.md)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The local demo: officers' two-factor enforcement is off so the demo logins work at once.
run: export PLENARY_OFFICER_MFA ?= off
# Links in emails and notifications point at the address the site is served on.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: $(STAMP) system-deps
	@mkdir -p var
	$(BIN)/plenary migrate --no-input
	$(BIN)/plenary createcachetable
	$(BIN)/plenary collectstatic --no-input --verbosity 0
	$(BIN)/plenary demo --address $(HOST):$(PORT)
	$(BIN)/plenary serve $(HOST):$(PORT)

# Debian packages: Pango and fonts for PDFs, pdftotext, Chromium and PostgreSQL for the suite.
system-deps:
	@scripts/ensure-system-deps.sh

test: $(STAMP) system-deps lint test-sqlite test-postgres

test-sqlite: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

# Every test that touches the database runs again on PostgreSQL (browser tests run once, above).
test-postgres: $(STAMP)
	scripts/with-postgres.sh $(BIN)/python -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider -m "not browser" tests/web

test-fast: $(STAMP)
	$(BIN)/python -m pytest -x -q -m "not browser and not slow"

# make test draws the same hypothesis examples every run (profile "ci", tests/conftest.py);
# this draws fresh ones, many more, and reports any failing case it finds.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -p no:cacheprovider -q tests/web/api/test_fuzz.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Voting under load and under faults (gunicorn + a throwaway PostgreSQL on 127.0.0.1); each
# stops by itself within 5 minutes. Not part of `make test` or `make bench`: see docs/benchmarks.md.
bench-vote: $(STAMP) system-deps
	$(BIN)/python bench/vote_load.py

fault-vote: $(STAMP) system-deps
	$(BIN)/python bench/vote_fault.py

# Two gunicorn instances and two workers behind nginx, one instance killed halfway: the vote
# load, the box and the login throttle across instances (docs/benchmarks.md, "Scale out").
bench-scale: $(STAMP) system-deps
	$(BIN)/python bench/vote_scale.py

# Style and types: ruff over src and tests, then mypy over src/plenary ([tool.mypy] in pyproject).
lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var .pytest_cache

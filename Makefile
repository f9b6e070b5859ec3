# Two commands for a newcomer: `make run` and `make test`. Everything else here serves those two.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BIN ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
export PIP_DISABLE_PIP_VERSION_CHECK := 1
MAKEMESSAGES := $(MANAGE) makemessages --locale cy --no-location --no-obsolete \
	--ignore .venv --ignore node_modules --ignore var --ignore static-build --ignore bench

.PHONY: help assets run demo-login test lint typecheck checks unit unit-postgres browser messages bench clean system-deps browser-deps

help:
	@echo "make run   install everything, prepare the database and demo data, serve http://127.0.0.1:8000"
	@echo "make test  install what the tests need and run every check and test"

## --- installation ---------------------------------------------------------------------------

system-deps:
	@bin/ensure-debian-packages gettext:msgfmt nodejs:node npm:npm \
		libpango-1.0-0:'/usr/lib/*/libpango-1.0.so.0' libpangoft2-1.0-0:'/usr/lib/*/libpangoft2-1.0.so.0' \
		fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

$(PY):
	@$(PYTHON_BIN) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed: install python3.11 and run make again.")'
	$(PYTHON_BIN) -m venv $(VENV)

$(VENV)/.installed-base: requirements/base.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@ $(VENV)/.installed-base

node_modules/.package-lock.json: package-lock.json package.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

static-build/.built: node_modules/.package-lock.json frontend/build.mjs $(shell find frontend -type f)
	npm run --silent build
	touch $@

var/.compiled-messages: childrights/locale/cy/LC_MESSAGES/django.po | $(PY)
	mkdir -p var
	APP_ENV=development $(MANAGE) compilemessages --ignore .venv --ignore node_modules -v0
	touch $@

assets: system-deps static-build/.built var/.compiled-messages

## --- make run -------------------------------------------------------------------------------

run: export APP_ENV := development
run: system-deps $(VENV)/.installed-base static-build/.built var/.compiled-messages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data
	$(MANAGE) demo_login
	@echo "Serving on http://127.0.0.1:8000 (press Ctrl+C to stop). Sign in at http://127.0.0.1:8000/sign-in/"
	@echo "For a fresh two-factor code for a demo account, run: make demo-login"
	@$(MANAGE) db_worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT; \
	 $(MANAGE) runserver 127.0.0.1:8000

demo-login: export APP_ENV := development
demo-login: $(VENV)/.installed-base
	@$(MANAGE) demo_login

## --- make test ------------------------------------------------------------------------------

browser-deps:
	@bin/ensure-debian-packages chromium:/usr/bin/chromium

test: system-deps browser-deps $(VENV)/.installed-dev static-build/.built var/.compiled-messages
	$(MAKE) --no-print-directory lint typecheck checks unit browser
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory unit-postgres; \
	 else echo "DATABASE_URL is not set: the suite ran on SQLite only."; fi

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: export APP_ENV := development
typecheck:
	$(VENV)/bin/mypy .

checks:
	env -u DATABASE_URL APP_ENV=test SECRET_KEY=checks-only $(MANAGE) makemigrations --check --dry-run
	env -u DATABASE_URL APP_ENV=test SECRET_KEY=checks-only $(MANAGE) check --fail-level WARNING

# The whole suite (browser tests included) on the embedded SQLite database...
# Tests run in TEST_WORKERS processes (pytest-xdist), each with its own test database.
TEST_WORKERS ?= 2
unit:
	env -u DATABASE_URL $(VENV)/bin/pytest -m "not browser" -q -n $(TEST_WORKERS)
browser:
	env -u DATABASE_URL $(VENV)/bin/pytest -m browser -q -n $(TEST_WORKERS)

# ...and again on PostgreSQL whenever DATABASE_URL points at one.
unit-postgres:
	@echo "Running the suite on PostgreSQL ($${DATABASE_URL%%@*}@...)"
	$(VENV)/bin/pytest -q -n $(TEST_WORKERS)

## --- maintenance ----------------------------------------------------------------------------

messages: export APP_ENV := development
messages: $(VENV)/.installed-dev
	$(MAKEMESSAGES)

# Benchmarks print what they measure, with ratios to baselines measured in the same run; the
# figures and how to reproduce them are in docs/benchmarks.md.
bench: export APP_ENV := test
bench: $(VENV)/.installed-dev
	$(PY) bench/poverty.py --rows 10000000
	$(PY) bench/participation_submit.py --clients 16 --seconds 10
	$(PY) bench/participation_results.py --sizes 100000 1000000

clean:
	rm -rf $(VENV) node_modules static-build var

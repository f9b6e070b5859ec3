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

.PHONY: lock help assets run demo-login test static lint typecheck checks unit unit-postgres unit-sqlite-only browser messages bench bench-poverty bench-upload bench-submit bench-results bench-directory bench-api bench-pages bench-themes clean system-deps browser-deps

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

# The installer (pip) and the lock tool (uv) are pinned with their hashes before anything else.
$(VENV)/.installed-tools: requirements/tools.txt | $(PY)
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/tools.txt
	touch $@

# Exactly the lock: every package with its hash, no resolver (--no-deps), then `pip check`.
$(VENV)/.installed-base: requirements/base.txt tooling/lock.py $(VENV)/.installed-tools
	$(PY) -m tooling.lock install requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt tooling/lock.py $(VENV)/.installed-tools
	$(PY) -m tooling.lock install requirements/dev.txt
	touch $@ $(VENV)/.installed-base

# After changing dependencies in pyproject.toml (or requirements/tools.in): write complete,
# hashed lock files. Pins already in the files are kept; `make lock UPGRADE=1` moves every
# package to its newest release that pyproject.toml allows.
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock: $(VENV)/.installed-tools
	$(UV_COMPILE) requirements/tools.in -o requirements/tools.txt
	$(UV_COMPILE) pyproject.toml -o requirements/base.txt
	$(UV_COMPILE) pyproject.toml --extra dev -o requirements/dev.txt
	@echo "Locked. Commit requirements/ with pyproject.toml; make run and make test install it."

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

# Unit and integration tests run on SQLite and, when DATABASE_URL points at a PostgreSQL server,
# again on PostgreSQL; the browser tests run once, on PostgreSQL when there is one. Each stage's
# time is printed at the end.
test: system-deps browser-deps $(VENV)/.installed-dev static-build/.built var/.compiled-messages
	@bin/run-stages static unit $(if $(DATABASE_URL),unit-postgres,unit-sqlite-only) browser

static: lint typecheck checks

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: export APP_ENV := development
typecheck:
	$(VENV)/bin/mypy .

checks:
	$(PY) -m tooling.lock check
	env -u DATABASE_URL APP_ENV=test SECRET_KEY=checks-only $(MANAGE) makemigrations --check --dry-run
	env -u DATABASE_URL APP_ENV=test SECRET_KEY=checks-only $(MANAGE) check --fail-level WARNING

# Tests run in TEST_WORKERS processes (pytest-xdist), each with its own test database.
TEST_WORKERS ?= 2
PYTEST = $(VENV)/bin/pytest -q -n $(TEST_WORKERS)
unit:
	env -u DATABASE_URL $(PYTEST) -m "not browser"

unit-postgres:
	@echo "Unit and integration tests on PostgreSQL ($${DATABASE_URL%%@*}@...)"
	$(PYTEST) -m "not browser"

unit-sqlite-only:
	@echo "DATABASE_URL is not set: unit and integration tests ran on SQLite only."

# Playwright driving Chromium, axe on every page: on PostgreSQL when DATABASE_URL is set.
browser:
	$(PYTEST) -m browser

## --- maintenance ----------------------------------------------------------------------------

messages: export APP_ENV := development
messages: $(VENV)/.installed-dev
	$(MAKEMESSAGES)

# Benchmarks print what they measure, with ratios to baselines measured in the same run; the
# figures and how to reproduce them are in docs/benchmarks.md.
# Each benchmark installs the development lock first (pandas, the baseline of the poverty
# benchmark, is there), so each runs from a fresh clone. ARGS adds options, such as
# ARGS=--assert-targets.
bench: bench-poverty bench-upload bench-submit bench-results bench-directory bench-api bench-pages bench-themes

bench-poverty bench-upload bench-submit bench-results bench-directory bench-api bench-pages bench-themes: export APP_ENV := test
bench-poverty: $(VENV)/.installed-dev
	$(PY) bench/poverty.py --rows 10000000 $(ARGS)
bench-upload: $(VENV)/.installed-dev
	$(PY) bench/poverty_upload.py --rows 10000000 $(ARGS)
bench-submit: $(VENV)/.installed-dev
	$(PY) bench/participation_submit.py --clients 16 --seconds 10 $(ARGS)
bench-results: $(VENV)/.installed-dev
	$(PY) bench/participation_results.py --sizes 100000 1000000 $(ARGS)
bench-directory: $(VENV)/.installed-dev
	$(PY) bench/directory.py --services 1000000 --councils 400 --requests 50 $(ARGS)
bench-api: $(VENV)/.installed-dev
	$(PY) bench/api_frameworks.py --requests 2000 $(ARGS)
bench-pages: $(VENV)/.installed-dev
	$(PY) bench/page_sweep.py --scale 1.0 --small-scale 0.01 --small-councils 40 --repeats 10 $(ARGS)
bench-themes: $(VENV)/.installed-dev
	$(PY) bench/themes.py --answers 100000 $(ARGS)

clean:
	rm -rf $(VENV) node_modules static-build var

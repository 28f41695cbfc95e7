# Two commands set everything up: `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The first Python 3.12+ on PATH (pyenv's shims honour .python-version).
PYTHON ?= $(shell for p in python3.12 python3.13 python3.14 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: run test test-browser install install-prod install-browser lock upgrade-deps smoke lint clean messages benchmark

# Exact versions and hashes of the whole dependency tree: requirements.txt
# (what the site runs on) and requirements-dev.txt (that plus tests and
# tools). Both are generated from pyproject.toml by `make lock`.
UV_VERSION := 0.13.8
LOCK := $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.12 \
	--no-emit-index-url --custom-compile-command "make lock"

define NO_PYTHON
Python 3.12 or newer is needed, and none was found on PATH. To get it:
  Debian 13 / Ubuntu 24.04:  apt-get install python3 python3-venv
  older Debian / Ubuntu:     use pyenv or uv below (deadsnakes PPA on Ubuntu:
                             add-apt-repository ppa:deadsnakes/ppa && apt-get install python3.12-venv)
  macOS (Homebrew):          brew install python@3.12
  pyenv:                     pyenv install 3.12 && pyenv local 3.12   (.python-version names it)
  uv:                        uv python install 3.12, then: make PYTHON="$$(uv python find 3.12)"
endef
export NO_PYTHON

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "$$NO_PYTHON" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(BIN)/.installed: requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	@touch $@

# Production: the runtime set only, nothing for tests.
install-prod: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)

# After changing pyproject.toml: the same versions where possible.
lock: $(BIN)/uv
	$(LOCK) -o requirements.txt
	$(LOCK) --extra dev --constraints requirements.txt -o requirements-dev.txt

# Every dependency to its newest release allowed by pyproject.toml's pins
# (transitive ones included); review the diff and run the tests.
upgrade-deps: $(BIN)/uv
	$(LOCK) --upgrade -o requirements.txt
	$(LOCK) --upgrade --extra dev --constraints requirements.txt -o requirements-dev.txt

install: $(BIN)/.installed

# Test-only tools from npm, pinned in package-lock.json: axe-core and the Nu
# HTML Checker. --ignore-scripts: vnu-jar's install script would download a
# Java runtime; Debian's Java is used instead.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the browser checks: apt-get install nodejs npm" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

install-browser: node_modules/.installed

# The demo site on SQLite, with DEBUG on and the demo staff account.
run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo
	@# The worker sends the e-mail alerts (django-tasks' db_worker); it stops with the server.
	DJANGO_DEBUG=1 $(BIN)/python manage.py db_worker --queue-name '*' & \
	worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite; DATABASE_URL=postgres://... runs it on PostgreSQL. The
# browser tests skip, saying what to install, without Chromium or `make install-browser`.
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Only the browser tests (Chromium, axe-core, HTML checker, page weight).
test-browser: install install-browser
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

# The site under gunicorn with production settings on PostgreSQL, checked
# from outside (see .ci/prod-smoke).
smoke: install
	bash .ci/prod-smoke

# The static checks, exactly as CI runs them (.ci/run calls this target, and
# .pre-commit-config.yaml runs the same commands): ruff's lint and format,
# the templates' indentation (djhtml), and migrations up to date.
TEMPLATE_DIRS := templates history/templates
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $(TEMPLATE_DIRS)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# Interface translations (every catalog in locale/): collect every translatable
# string of the code and templates into locale/*/LC_MESSAGES/django.po, keeping the
# translations already made. Translate the new entries (empty msgstr, or
# marked "fuzzy"), then run `make messages` again to compile. Needs GNU
# gettext (apt-get install gettext); the compiled .mo files are committed, so
# running the site does not.
MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=staticfiles --ignore=media --ignore=node_modules
messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --all --no-obsolete --add-location=file $(MESSAGES_IGNORE)
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages $(MESSAGES_IGNORE)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media node_modules test-results

# Speed and memory of the public pages, printed as figures (asserts nothing).
benchmark: install
	$(BIN)/python -m tests.benchmark $(BENCHMARK_ARGS)

# Two commands set everything up: `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The first Python 3.12+ on PATH (pyenv's shims honour .python-version).
PYTHON ?= $(shell for p in python3.12 python3.13 python3.14 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: run test test-browser install install-browser smoke lint check demo clean messages benchmark

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.12 not found)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $@

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

lint: install
	$(BIN)/ruff check .
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# Interface translations (Russian, Hindi): collect every translatable string
# of the code and templates into locale/*/LC_MESSAGES/django.po, keeping the
# translations already made. Translate the new entries (empty msgstr, or
# marked "fuzzy"), then run `make messages` again to compile. Needs GNU
# gettext (apt-get install gettext); the compiled .mo files are committed, so
# running the site does not.
MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=staticfiles --ignore=media --ignore=node_modules
messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages -l ru -l hi --no-obsolete --add-location=file $(MESSAGES_IGNORE)
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages -l ru -l hi $(MESSAGES_IGNORE)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media node_modules test-results

# Speed and memory of the public pages, printed as figures (asserts nothing).
benchmark: install
	$(BIN)/python -m tests.benchmark $(BENCHMARK_ARGS)

# Two commands on a fresh clone: `make run` and `make test`.
# PYTHON=/path/to/python3.12 overrides the interpreter search.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format serve install demo messages clean bench

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "No Python >= 3.12 found (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Local development: DEBUG on, SQLite under var/ unless DATABASE_URL is set.
run: export DJANGO_DEBUG = 1
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Portal: http://$(HOST):$(PORT)/   Staff: http://$(HOST):$(PORT)/admin/"
	$(PY) manage.py runserver $(HOST):$(PORT)

demo: export DJANGO_DEBUG = 1
demo: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: export DJANGO_DEBUG = 1
test: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

# Compile the translations (needs GNU gettext); the .mo files are committed.
messages: export DJANGO_DEBUG = 1
messages: $(STAMP)
	$(PY) manage.py makemessages --locale zh_Hans --locale en --no-obsolete --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

# Production-like: gunicorn + whitenoise. Needs DJANGO_SECRET_KEY,
# DJANGO_ALLOWED_HOSTS and usually DATABASE_URL in the environment.
serve: $(STAMP)
	$(PY) manage.py collectstatic --noinput
	$(PY) manage.py migrate --noinput
	$(VENV)/bin/gunicorn disclosure_portal.wsgi:application \
		--bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

# The benchmark of docs/performance.md: gunicorn + PostgreSQL (database portal_bench,
# made if missing) against a hello-world; BENCH_ARGS="--rounds 1 --pages home" passes options.
bench: $(STAMP)
	scripts/bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var

# Collegium: `make run` starts the service with a demo network, `make test` runs every test.
PYTHON := $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint typecheck check demo bench clean

run: setup
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py load_demo_network
	@echo 'On a new database (no demo), make the first network admin with:'
	@echo '  DEBUG=true $(BIN)/python manage.py create_network_admin EMAIL --name "FULL NAME"'
	@# A background worker runs queued tasks (allocation runs, reminders) while the server is
	@# up; the scheduler queues the daily reminders of overdue milestones.
	DEBUG=true $(BIN)/python manage.py db_worker & worker=$$!; \
	  DEBUG=true $(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	  trap 'kill $$worker $$scheduler' EXIT; \
	  DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup
	$(BIN)/pytest

setup: $(VENV)/.installed node_modules/.installed collegium/static/collegium.css

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Collegium needs Python 3.12 or newer." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Collegium needs Node.js 20 or newer with npm." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

collegium/static/collegium.css: node_modules/.installed frontend/collegium.scss scripts/build-assets.mjs
	npm run --silent build

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	DEBUG=true $(BIN)/mypy

check: lint typecheck
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

bench: setup
	$(BIN)/python bench/run.py import

clean:
	rm -rf $(VENV) node_modules staticfiles collegium/static/collegium.css collegium/static/govuk

# The README's two commands are `make run` and `make test`; everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test worker lint bench clean

install: $(STAMP) node_modules/.installed

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Bootstrap's CSS/JS come from the npm registry, pinned by package-lock.json, served by the app itself.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "peel is at http://$(HOST):$(PORT)/ — log in as admin, lead, inspector, inspector2, hmi, outsider,"
	@echo "liaison (Cleveland Police) or liaison2 (Northumbria Police)"
	@echo "(demo password: peel-demo-2016). Stop with Ctrl-C."
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# With no environment: SQLite and in-process tasks. With DATABASE_URL/REDIS_URL: PostgreSQL and Redis
# (DEBUG is then off, so a test-only SECRET_KEY is supplied unless one is set). Tests run on every core
# (pytest-xdist, one test database per worker).
PYTEST_ARGS ?= -n auto --dist loadfile
test: install
	SECRET_KEY="$${SECRET_KEY:-test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz}" \
		$(BIN)/python -m pytest $(PYTEST_ARGS)

worker: install
	$(BIN)/celery -A peel worker --loglevel=INFO

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3

# Benchmarks on PostgreSQL + Redis + a real worker (see bench/run.py); appends to docs/benchmarks.md.
bench: install
	command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py

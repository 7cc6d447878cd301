# One way to run each job, for people and CI alike. Every target bootstraps .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ONLY ?=
PORT ?= 8000
# The web tests run a second time on PostgreSQL when it answers here; under CI=true it must answer.
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test lint bench format clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	GONOGO_DEBUG=1 $(BIN)/gonogo manage migrate --noinput
	GONOGO_DEBUG=1 $(BIN)/gonogo manage demo --url http://127.0.0.1:$(PORT)/
	GONOGO_DEBUG=1 $(BIN)/gonogo serve --host 127.0.0.1 --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "web tests again on PostgreSQL ($(PG_URL))"; \
		DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest tests/web; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(PG_URL); CI must run the web tests on it" >&2; exit 1; \
	else \
		echo "PostgreSQL is not reachable at $(PG_URL): web tests ran on SQLite only"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	GONOGO_DEBUG=1 GONOGO_VAR_DIR=$$(mktemp -d) $(BIN)/gonogo manage makemigrations --check --dry-run

# benchmark-only dependencies (e.g. the VADER baseline) live in the optional group "bench"
$(VENV)/.installed-bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@touch $@

bench: $(STAMP) $(VENV)/.installed-bench
	$(BIN)/python bench/run.py $(ONLY)

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis

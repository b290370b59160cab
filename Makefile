# Two commands do everything: `make run` (install + migrate + start) and `make test` (the whole suite).
# `make test-pg` runs the same suite on PostgreSQL + Redis (servers on 127.0.0.1 by default); `make test-both`
# runs the two variants side by side (what CI does: the suite mostly waits on bot processes, so two fit on 2 cores).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# A PostgreSQL server (each test creates and drops its own database there) and a Redis for test-pg.
TEST_PG_SERVER ?= postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
TEST_REDIS ?= redis://127.0.0.1:6379/0
PG_ENV := TEST_DATABASE_URL=$(TEST_PG_SERVER) TEST_REDIS_URL=$(TEST_REDIS)

.PHONY: install run test test-pg test-both lint migrate check-content bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

# Installed once per change of pyproject.toml (a stamp in the venv), not on every start. `run` needs only the
# bot's own dependencies; the test targets add the dev extras.
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e '.[dev]'
	touch $@ $(RUN_STAMP)

install: $(DEV_STAMP)

run: $(RUN_STAMP)
	$(BIN)/python -m bot run

migrate: $(RUN_STAMP)
	$(BIN)/python -m bot migrate

check-content: $(RUN_STAMP)
	$(BIN)/python -m bot check-content

lint: install
	$(BIN)/ruff check .

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

test-pg: install
	$(PG_ENV) $(BIN)/python -m pytest -q

# The PostgreSQL run's report is printed after SQLite's; the target fails if either variant fails.
test-both: install
	$(BIN)/ruff check .
	@$(PG_ENV) $(BIN)/python -m pytest -q -p no:cacheprovider > .test-pg.log 2>&1 & pg=$$!; \
	echo "== SQLite variant (the PostgreSQL + Redis variant runs alongside) =="; \
	$(BIN)/python -m pytest -q; sqlite=$$?; \
	wait $$pg; pgrc=$$?; echo "== PostgreSQL + Redis variant =="; cat .test-pg.log; rm -f .test-pg.log; \
	exit $$(( sqlite || pgrc ))

bench: install
	$(BIN)/python benchmarks/bench_rfm.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .test-pg.log

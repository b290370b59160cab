# Two commands do everything: `make run` (install + migrate + start) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run test lint migrate check-content bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -e '.[dev]'

run: install
	$(BIN)/python -m bot run

migrate: install
	$(BIN)/python -m bot migrate

check-content: install
	$(BIN)/python -m bot check-content

lint: install
	$(BIN)/ruff check .

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/bench_rfm.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

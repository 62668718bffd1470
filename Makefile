# The two set-up commands for a fresh machine (see README.md):
#   make demo   create .venv, install claimcheck, scan the bundled sample offline
#   make test   create .venv, install claimcheck with its test tools, lint and run every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/claimcheck demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check claimcheck tests benchmarks fixtures
	$(BIN)/ruff format --check claimcheck tests benchmarks fixtures

test: lint
	$(BIN)/python fixtures/corpus/build.py --check
	$(BIN)/python fixtures/corpus/build.py fixtures/unseen --check
	$(BIN)/python -m pytest

eval: $(VENV)/.installed
	$(BIN)/claimcheck eval fixtures/corpus/gold.jsonl --quiet
	$(BIN)/claimcheck eval fixtures/unseen/gold.jsonl --quiet

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_detect.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache test-artifacts

# The two set-up commands for a fresh machine (see README.md):
#   make demo   create .venv, install claimcheck, scan the bundled sample offline
#   make test   create .venv, install claimcheck with its test tools and Debian's chromium,
#               lint and run every test (the browser tests included)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint eval bench lab chromium clean

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

# The quickstart review in JupyterLab (after `make demo`).
lab: $(VENV)/.installed
	$(BIN)/jupyter lab notebooks/01-quickstart.ipynb

# Debian's chromium for the browser tests (Playwright drives it; its own download is not used).
# When another apt or dpkg process holds the lock, wait for it (up to 10 minutes) instead of
# failing.
APT_WAIT := -o DPkg::Lock::Timeout=600
chromium:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get $(APT_WAIT) update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get $(APT_WAIT) install -y -qq chromium \
	    >/dev/null; }

lint: $(VENV)/.installed-test
	$(BIN)/ruff check claimcheck tests benchmarks fixtures
	$(BIN)/ruff format --check claimcheck tests benchmarks fixtures

test: lint chromium
	$(BIN)/python fixtures/corpus/build.py --check
	$(BIN)/python fixtures/corpus/build.py fixtures/unseen --check
	$(BIN)/python fixtures/corpus/build.py fixtures/realstyle --check
	$(BIN)/python fixtures/corpus/build.py fixtures/realstyle-unseen --check
	$(BIN)/python fixtures/corpus/build.py fixtures/realstyle-unseen-2 --check
	$(BIN)/python fixtures/corpus/build.py fixtures/realstyle-unseen-3 --check
	$(BIN)/python fixtures/corpus/build.py fixtures/realstyle-unseen-4 --check
	$(BIN)/python fixtures/corpus/build.py fixtures/transcripts --check
	$(BIN)/python fixtures/corpus/build.py fixtures/transcripts-unseen --check
	$(BIN)/python fixtures/corpus/build.py fixtures/linking-unseen --check
	$(BIN)/python fixtures/fit_sentence_weights.py --check
	$(BIN)/python fixtures/workshop/build.py --check
	CLAIMCHECK_BROWSER_TESTS=required $(BIN)/python -m pytest

# Unseen sets first: they measure what to expect on new copy.
eval: $(VENV)/.installed
	@echo "== held out: fixtures/realstyle-unseen-4 (16 articles in styles no other set has, written and annotated by a fourth author before the detector ran; never tuned on)"
	$(BIN)/claimcheck eval fixtures/realstyle-unseen-4 --quiet
	$(BIN)/claimcheck eval fixtures/realstyle-unseen-4 --sentences
	@echo "== held out: fixtures/realstyle-unseen-3 (16 articles in real styles, written and annotated by a third author before the detector ran; never tuned on)"
	$(BIN)/claimcheck eval fixtures/realstyle-unseen-3 --quiet
	$(BIN)/claimcheck eval fixtures/realstyle-unseen-3 --sentences
	@echo "== unseen when first scored, since used in development: fixtures/realstyle-unseen-2 (16 articles in real styles, by a second author)"
	$(BIN)/claimcheck eval fixtures/realstyle-unseen-2 --quiet
	$(BIN)/claimcheck eval fixtures/realstyle-unseen-2 --sentences
	@echo "== unseen when first scored, since used in development: fixtures/realstyle-unseen (24 articles in real styles)"
	$(BIN)/claimcheck eval fixtures/realstyle-unseen --quiet
	$(BIN)/claimcheck eval fixtures/realstyle-unseen --sentences
	@echo "== unseen: fixtures/transcripts-unseen (5 transcripts, annotated before the detector ran)"
	$(BIN)/claimcheck eval fixtures/transcripts-unseen --quiet
	$(BIN)/claimcheck eval fixtures/transcripts-unseen --sentences
	@echo "== unseen: fixtures/linking-unseen (8 articles about pack events, annotated before linking ran)"
	$(BIN)/claimcheck eval fixtures/linking-unseen --quiet
	@echo "== unseen: fixtures/unseen (first generation)"
	$(BIN)/claimcheck eval fixtures/unseen --quiet
	@echo "== development: fixtures/realstyle (60 articles in real styles)"
	$(BIN)/claimcheck eval fixtures/realstyle --quiet
	@echo "== development: fixtures/transcripts (5 transcripts)"
	$(BIN)/claimcheck eval fixtures/transcripts --quiet
	$(BIN)/claimcheck eval fixtures/transcripts --sentences
	@echo "== development: fixtures/corpus"
	$(BIN)/claimcheck eval fixtures/corpus --quiet

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_detect.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache test-artifacts

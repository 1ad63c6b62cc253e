# mtfix: `make fix` repairs raw/ into fixed/; `make test` runs the linters and the test suite.
# Both install what they need into .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup fix check lint test snapshots clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --quiet --upgrade pip
	$(BIN)/pip install --quiet --quiet -e '.[test]'
	touch $(STAMP)

fix: setup
	$(BIN)/mtfix fix raw -o fixed

check: setup
	$(BIN)/mtfix check raw

lint: setup
	$(BIN)/ruff check .

test: setup lint
	$(BIN)/pytest

snapshots: fix

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build *.egg-info

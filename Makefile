# mtfix: `make fix` repairs raw/ into fixed/; `make test` runs the linters and the test suite.
# Both install what they need into .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup browser-deps fix check lint test test-rules snapshots bench bench-main bench-report clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --quiet --upgrade pip
	$(BIN)/pip install --quiet --quiet -e '.[test]'
	touch $(STAMP)

# Debian's Chromium for the browser tests of the HTML report; nothing to do when it is installed.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

fix: setup
	$(BIN)/mtfix fix raw -o fixed

check: setup
	$(BIN)/mtfix check raw

lint: setup
	$(BIN)/ruff check .

# Every test, the ones marked slow included (`pytest -m "not slow"` leaves those out).
test: setup lint browser-deps
	$(BIN)/pytest

# For rule writers, in seconds: every rule's examples and leave-alone texts, and the rules' unit tests.
RULE_TESTS := tests/test_rule_examples.py tests/test_registry.py tests/test_family_rules.py tests/test_dates.py \
	tests/test_biblio.py tests/test_debris_scans.py tests/test_source_rules.py tests/test_rule_contract.py
test-rules: setup
	$(BIN)/pytest -m "not slow" $(RULE_TESTS)

snapshots: fix

# Time to open the HTML report of a 5 MB input in headless Chromium (numbers, not a test).
bench-report: setup browser-deps
	$(BIN)/python benchmarks/report_open.py --mb 5

# The main job (fix DIR -o OUT with and without grammar, fix -, -j 1 against -j 2, --grammar full on 1 and 8 MB),
# then throughput and memory of fix - against ftfy on ~50 MB of MT text (inputs built in the git-ignored bench/).
# The sources are byte-compiled first, as in an installed package: where PYTHONDONTWRITEBYTECODE is set
# (as on the machine these figures come from), every run would otherwise compile them again, about 0.2 s of each run.
bench: setup
	$(BIN)/python -m compileall -q pipeline rules
	$(BIN)/python benchmarks/bench.py

# The main job alone.
bench-main: setup
	$(BIN)/python -m compileall -q pipeline rules
	$(BIN)/python benchmarks/bench.py --only main

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build *.egg-info
	find pipeline rules tests benchmarks -name __pycache__ -prune -exec rm -rf {} +

# The two commands a newcomer needs: `make play` and `make test`.
# Both create .venv if it is missing and install the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test bench bench-tui clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/burnrate play --scenario openai-2024

# One worker per core, each test file on one worker (a module's expensive fixtures, such as
# the red team's 45 x 5 x 200 games, are computed once). A plain `pytest` runs serially.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_lab.py
	$(BIN)/python benchmarks/bench_saves.py

bench-tui: $(STAMP)
	$(BIN)/python benchmarks/bench_tui.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

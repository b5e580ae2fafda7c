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

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_lab.py
	$(BIN)/python benchmarks/bench_saves.py

bench-tui: $(STAMP)
	$(BIN)/python benchmarks/bench_tui.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

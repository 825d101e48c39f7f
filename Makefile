# Two entry points: `make run` and `make test`. Both create .venv when missing (stamp keyed on pyproject.toml).
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.stamp-$(shell cat pyproject.toml constraints.txt | sha1sum | cut -c1-12)
DEMO_DIR ?= .demo
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export LITELLM_LOCAL_MODEL_COST_MAP := True
export ANONYMIZED_TELEMETRY := False
export PIP_CONSTRAINT := $(CURDIR)/constraints.txt

.PHONY: run test venv lint typecheck pytest demo index bench eval clean

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.stamp-*
	@touch $@

run: venv
	$(BIN)/appeal-assistant demo --out $(DEMO_DIR) --keep-existing
	$(BIN)/appeal-assistant index
	$(BIN)/appeal-assistant app --demo $(DEMO_DIR)

lint: venv
	$(BIN)/ruff check appeal_assistant tests evals benchmarks
	$(BIN)/ruff format --check appeal_assistant tests evals benchmarks

typecheck: venv
	$(BIN)/mypy

pytest: venv
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

bench: venv
	$(BIN)/python benchmarks/analyze.py
	$(BIN)/python benchmarks/retrieval.py

eval: venv
	$(BIN)/appeal-assistant eval

clean:
	rm -rf $(VENV) $(DEMO_DIR)

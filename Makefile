# GeneChat: `make serve` and `make test` are all a new machine needs (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install index serve test lint eval bench clean

# torch first, pinned to the CPU build on this machine's disk; an unpinned torch pulls a multi-GB CUDA build
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -c constraints.txt -e ".[dev,bench]"
	touch $(STAMP)

install: $(STAMP)

# the index, then the safety models trained into data/models (cached per data version), so a server starts warm
index: install
	$(BIN)/genechat index
	$(BIN)/genechat models

serve: index
	$(BIN)/genechat serve

lint: install
	$(BIN)/ruff check bot tests benchmarks scripts
	$(BIN)/genechat kb lint

test: index lint
	./scripts/run-tests.sh $(BIN)/python

eval: index
	$(BIN)/genechat eval --suite all --check

bench: index
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) data evals/out benchmarks/out

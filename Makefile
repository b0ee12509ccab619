# retell — the two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint types unit browser-deps llm-server llm-server-stop bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,web,llm]'
	@touch $(STAMP)

## demo: build the virtualenv, report on the bundled sample, audit the sample's Metro rewrite
demo: $(STAMP)
	$(BIN)/retell report examples/russian-deserters.txt
	@echo
	@echo "== retell audit: the Metro rewrite against its source =="
	$(BIN)/retell audit examples/russian-deserters.txt examples/russian-deserters.metro-rewrite.txt --no-color || test $$? -eq 1

## test: lint, types, unit, integration (real llama.cpp server) and browser (Debian chromium)
test: $(STAMP) browser-deps lint types
	$(BIN)/python -m pytest -q -ra

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q -m "not llm and not browser"

browser-deps:
	@bash scripts/install_browser.sh

## llm-server: a llama.cpp OpenAI-compatible server on 127.0.0.1:8081 (model from PyPI)
llm-server: $(STAMP)
	$(BIN)/python scripts/llm_server.py start

llm-server-stop: $(STAMP)
	$(BIN)/python scripts/llm_server.py stop

bench: $(STAMP)
	$(BIN)/python bench/report.py
	$(BIN)/python bench/audit.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

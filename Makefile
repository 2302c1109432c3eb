# The README's two set-up commands: `make run` (the server and the job worker beside it) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: `make run` installs the runtime only (requirements.txt, as production); test, lint, bandit and bench
# install requirements-dev.txt (runtime + tools). Each re-installs when its file changes; both pin with hashes.
RUN_STAMP := $(VENV)/.installed-requirements
DEV_STAMP := $(VENV)/.installed-requirements-dev
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test lint bandit translations bench requirements clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $(RUN_STAMP)

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(DEV_STAMP) $(RUN_STAMP)

# Re-pin after editing requirements.in or requirements-dev.in (the runtime first: the dev file is held to it).
PIP_COMPILE_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
requirements: $(DEV_STAMP)
	$(BIN)/pip-compile $(PIP_COMPILE_FLAGS) requirements.in
	$(BIN)/pip-compile $(PIP_COMPILE_FLAGS) requirements-dev.in

translations: $(RUN_STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d jobfair/translations

run: $(RUN_STAMP) translations
	$(FLASK) init-db
	$(FLASK) seed-demo --if-empty
	@# The job worker (imports, the match, e-mail) runs beside the server and stops with it (Ctrl+C).
	$(FLASK) worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
		$(FLASK) run --host 127.0.0.1 --port 5000

lint: $(DEV_STAMP)
	$(BIN)/ruff check .

# Security lint: a medium or high finding fails (the accepted low ones are listed in pyproject.toml).
bandit: $(DEV_STAMP)
	$(BIN)/bandit -c pyproject.toml -r jobfair --severity-level medium -q

# The suite in parallel, one worker a CPU (pytest-xdist; each worker has its own test database), a test file per
# worker so module fixtures are built once: TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: $(DEV_STAMP) translations lint bandit
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

bench: $(DEV_STAMP)
	$(BIN)/python bench/bench_matching.py
	$(BIN)/python bench/bench_protection_import.py --rows 7140
	$(BIN)/python bench/bench_dashboard.py
	$(BIN)/python bench/bench_search.py --vacancies 10000

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

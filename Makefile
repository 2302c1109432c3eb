# The README's two set-up commands: `make run` (the server and the job worker beside it) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test lint bandit translations bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

translations: $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d jobfair/translations

run: $(STAMP) translations
	$(FLASK) init-db
	$(FLASK) seed-demo --if-empty
	@# The job worker (imports, the match, e-mail) runs beside the server and stops with it (Ctrl+C).
	$(FLASK) worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
		$(FLASK) run --host 127.0.0.1 --port 5000

lint: $(STAMP)
	$(BIN)/ruff check .

# Security lint: a medium or high finding fails (the accepted low ones are listed in pyproject.toml).
bandit: $(STAMP)
	$(BIN)/bandit -c pyproject.toml -r jobfair --severity-level medium -q

test: $(STAMP) translations lint bandit
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_matching.py
	$(BIN)/python bench/bench_protection_import.py --rows 7140
	$(BIN)/python bench/bench_dashboard.py
	$(BIN)/python bench/bench_search.py --vacancies 10000

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

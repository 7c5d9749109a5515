# Tasks of the Krakow international relations registry. `make` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := DEBUG=1 $(BIN)/python manage.py
PYTEST_ARGS ?=
# `make run`'s port, and the language of the log-in hint it prints (the README's).
PORT ?= 8000
HINT_LANGUAGE ?= en

.DEFAULT_GOAL := help
.PHONY: help install run test lint format messages bench

help: ## list the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed ## create .venv and install the project with its test tools

run: install ## migrate, load the Krakow demo registry and serve on http://127.0.0.1:8000 (PORT=8001: another port)
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --site http://127.0.0.1:$(PORT) --language $(HINT_LANGUAGE)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install ## run the test suite on every core (DATABASE_URL selects the database; SQLite by default)
	DEBUG=1 $(BIN)/pytest -n auto --dist worksteal $(PYTEST_ARGS)

BENCHMARKS := public_pages dashboard exchange load
# The PostgreSQL server on which the benchmarks make their throw-away databases (skipped if it does not answer).
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432

bench: install ## benchmarks on SQLite, then PostgreSQL: pages, dashboard, report, import and export at 1x and 100x, a loopback load
	for benchmark in $(BENCHMARKS); do DEBUG=1 $(BIN)/python tests/benchmarks/$$benchmark.py || exit 1; done
	if pg_isready -q -d "$(BENCH_POSTGRES)"; then \
		for benchmark in $(BENCHMARKS); do \
			BENCH_POSTGRES=$(BENCH_POSTGRES) DEBUG=1 $(BIN)/python tests/benchmarks/$$benchmark.py || exit 1; \
		done; \
	else echo "PostgreSQL does not answer at $(BENCH_POSTGRES): the benchmarks ran on SQLite only"; fi

lint: install ## ruff, Django's system checks and the migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

format: install ## format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install ## update the Polish and English catalogues (English: msgid copied) and compile them
	$(MANAGE) makemessages -l pl -l en --no-obsolete --ignore .venv --ignore tests
	for po in */locale/en/LC_MESSAGES/django.po; do \
		msgattrib --no-wrap --clear-fuzzy --empty $$po | msgen --no-wrap -o $$po - || exit 1; \
		sed -i 's/"Language: \\n"/"Language: en\\n"/' $$po; \
	done
	$(MANAGE) compilemessages --ignore .venv

# Haven's front door: `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run test setup bench bench-full lint clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	PY=$(PY) sh scripts/run-dev.sh

test: setup
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
		echo "!!! NO BROWSER FOUND: browser tests will NOT run. Install Debian's chromium (apt-get install chromium). !!!"
	$(VENV)/bin/ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PY) benchmarks/run.py

bench-full: setup
	HAVEN_BENCH_SIZE=full $(PY) benchmarks/run.py

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) node_modules staticfiles haven.sqlite3 test-haven.sqlite3

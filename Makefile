# gongshi: `make run` serves the portal with demo data, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2

.PHONY: run test lint bench-import demo clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# run: the change-log consumer runs beside gunicorn as the search index's single writer and stops with it.
run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py publication_sweep
	$(PY) manage.py search_rebuild --if-missing
	$(PY) manage.py refresh_stats
	$(PY) manage.py search_consume --follow & consumer=$$!; \
	trap 'kill $$consumer 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn -c portal/gunicorn_conf.py portal.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

# PYTEST_ARGS narrows the run: make test PYTEST_ARGS="tests/search -q"
test: $(VENV)/.dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

bench-import: $(VENV)/.runtime
	$(PY) benchmarks/import_csv.py

# Regenerate the committed demo data set (same seed and anchor give the same files).
demo: $(VENV)/.runtime
	rm -rf fixtures/demo
	$(PY) manage.py generate_demo --records 3000 --seed 1 --anchor 2026-11-01 --out fixtures/demo

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache

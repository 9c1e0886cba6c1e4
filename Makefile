# The two commands of the quick start: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run serve test lint format bench bench-search bench-postgres check-migrations services-stop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

## run: install, migrate, load the demo content and serve on 127.0.0.1:$(PORT)
run: $(VENV)/.runtime-installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content --site-address http://127.0.0.1:$(PORT)
	$(MANAGE) search_index --rebuild
	$(MANAGE) ensure_admin
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## serve: production settings under gunicorn on 127.0.0.1:$(PORT) (README "Production";
## DEMO=1 also loads the demo content and makes the admin account, as `make run` does)
serve: export DJANGO_SETTINGS_MODULE = portal.settings.production
serve: $(VENV)/.runtime-installed
	@test -n "$$SECRET_KEY" || { echo 'make serve: set SECRET_KEY, e.g. export SECRET_KEY="$$(python3 -c "import secrets; print(secrets.token_urlsafe(50))")" (README, Production)' >&2; exit 1; }
	@test -n "$$WAGTAILADMIN_BASE_URL" || { echo "make serve: set WAGTAILADMIN_BASE_URL to the site's address, e.g. http://127.0.0.1:$(PORT) (README, Production)" >&2; exit 1; }
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput -v0
	if [ "$(DEMO)" = 1 ]; then \
	  $(MANAGE) load_demo_content --site-address "$$WAGTAILADMIN_BASE_URL" && \
	  $(MANAGE) search_index --rebuild && $(MANAGE) ensure_admin; fi
	@echo "Serving with production settings on http://127.0.0.1:$(PORT)/"
	exec $(BIN)/gunicorn -c portal/gunicorn_conf.py --bind 127.0.0.1:$(PORT)

## test: install what the tests need, start the services, run the whole suite
test: $(VENV)/.dev-installed
	scripts/test

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: $(VENV)/.dev-installed
	$(MANAGE) makemigrations --check --dry-run

## bench: every benchmark against PostgreSQL, Redis and Elasticsearch -> bench/results.json
##   (services from DATABASE_URL, REDIS_URL, ELASTICSEARCH_URL, else started by scripts/;
##   scale: BENCH_CASES=10000 BENCH_ES_DOCS=100000 BENCH_SECONDS=10; see bench/README.md)
bench: $(VENV)/.dev-installed
	$(BIN)/python bench/run.py

## bench-search: our search beside Wagtail's at 10,000 cases, printed (SQLite, a temporary file)
bench-search: $(VENV)/.dev-installed
	$(BIN)/python bench/search_benchmark.py --cases $${BENCH_CASES:-10000}

## bench-postgres: the same on a throwaway PostgreSQL started by scripts/postgres
bench-postgres: $(VENV)/.dev-installed
	eval "$$(scripts/postgres start)" && export DATABASE_URL && \
	  $(BIN)/python bench/search_benchmark.py --cases $${BENCH_CASES:-10000}

services-stop:
	-scripts/elasticsearch stop
	-scripts/elasticsearch --nodes 3 stop
	-scripts/postgres stop
	-scripts/redis stop

clean:
	rm -rf $(VENV) db.sqlite3 .run .pytest_cache .ruff_cache node_modules

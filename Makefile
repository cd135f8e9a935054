# newswire: two commands do everything on a fresh machine with Python 3.11 and git.
#   make run      build the environment if missing, run the Airflow DAG newswire_etl on seeds/
#   make test     build the environment if missing, run the whole test suite
#   make airflow  start the Airflow UI on http://127.0.0.1:8080 with the project's DAGs
#   make eval     the quality report on real text (../shared), peers beside newswire (minutes)
#   make docs     dbt docs of the warehouse (after make run), served on http://127.0.0.1:8081
#   make bi       Apache Superset (own venv .venv-bi) with the newswire dashboard on http://127.0.0.1:8088
#   make run-distributed  the same DAG on CeleryExecutor (2 workers, Redis, Postgres) into DuckLake (.venv-dist)

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EVAL_STAMP := $(VENV)/.installed-eval

# Airflow lives inside the project: its home, a SQLite metadata database, our DAGs only.
export AIRFLOW_HOME := $(CURDIR)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION := False
export AIRFLOW__API__HOST := 127.0.0.1
export AIRFLOW__API__PORT := 8080
# Task processes reach the scheduler's execution API through this URL.
export AIRFLOW__API__BASE_URL := http://127.0.0.1:8080
# A task whose process died (worker killed, machine rebooted) stops heartbeating: the scheduler
# fails it after this many seconds (default 300) and retries it, so a crash never leaves a run
# 'running' in the UI with later runs queued behind it (max_active_runs=1).
export AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT := 120
# No telemetry, no network at run time.
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := False
export AIRFLOW__COSMOS__ENABLE_TELEMETRY := False

.PHONY: run test airflow docs bi eval env clean run-distributed dist-env

env: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip install --python $(BIN)/python -e '.[dev]'
	touch $(STAMP)

# The peers of the quality report (HeidelTime, textacy): an optional extra, never needed to run or test.
$(EVAL_STAMP): pyproject.toml $(STAMP)
	$(BIN)/uv pip install --python $(BIN)/python -e '.[dev,eval]'
	touch $(EVAL_STAMP)

$(AIRFLOW_HOME)/airflow.db: $(STAMP)
	$(BIN)/airflow db migrate

run: $(STAMP) $(AIRFLOW_HOME)/airflow.db
	$(BIN)/airflow dags test newswire_etl
	$(BIN)/python -m extract.report

# Debian's Chromium, for the dashboard screenshot test (Playwright drives it; it never downloads a browser).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	$(if $(filter 0,$(shell id -u)),,sudo) sh -c 'apt-get update -qq && apt-get install -y -qq chromium'

# The distributed mode's own venv (extra "distributed": Celery, psycopg2, duckdb 1.4.4 with the DuckLake
# extension packages) and Debian's Redis and PostgreSQL servers.
DIST_VENV  := .venv-dist
DIST_STAMP := $(DIST_VENV)/.installed
REDIS      := /usr/bin/redis-server
PG_BIN     := /usr/lib/postgresql/15/bin
SUDO       := $(if $(filter 0,$(shell id -u)),,sudo)

$(DIST_STAMP): pyproject.toml $(STAMP)
	test -x $(DIST_VENV)/bin/python || $(PYTHON) -m venv $(DIST_VENV)
	$(BIN)/uv pip install --python $(DIST_VENV)/bin/python -e '.[dev,distributed]'
	touch $(DIST_STAMP)

$(REDIS):
	$(SUDO) sh -c 'apt-get update -qq && apt-get install -y -qq redis-server'

$(PG_BIN)/postgres:
	$(SUDO) sh -c 'apt-get update -qq && apt-get install -y -qq postgresql-15'

dist-env: $(DIST_STAMP) $(REDIS) $(PG_BIN)/postgres

run-distributed: dist-env
	$(DIST_VENV)/bin/python scripts/distributed.py

test: $(STAMP) $(CHROMIUM) dist-env
	$(BIN)/python -m pytest

eval: $(EVAL_STAMP) $(AIRFLOW_HOME)/airflow.db
	$(BIN)/python -m evaluation.report --update-readme

airflow: $(STAMP)
	PATH=$(CURDIR)/$(BIN):$$PATH scripts/airflow_local.sh

docs: $(STAMP)
	$(BIN)/python -m extract.docs

# Superset lives in .venv-bi (pyproject.toml's dependency group "bi"), never in the pipeline's venv.
bi: $(STAMP)
	bi/start.sh

clean:
	rm -rf $(AIRFLOW_HOME) warehouse dbt/target dbt/logs .venv-bi .dist .venv-dist

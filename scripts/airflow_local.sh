#!/usr/bin/env bash
# The Airflow UI, scheduler, DAG processor and triggerer for newswire on this machine (`make airflow`).
#
# What `airflow standalone` starts, with two differences that matter on a shared machine:
#   - every listener is on 127.0.0.1: the API server binds AIRFLOW__API__HOST (the Makefile sets
#     127.0.0.1), and the scheduler and triggerer run without their log servers, which bind all
#     interfaces and are not needed when tasks run on this machine (the UI reads the log files);
#   - files are created readable by their owner only (umask 077), the generated admin password
#     file included.
# Ctrl-C (or a TERM) stops all four components. AIRFLOW_HOME must be set (the Makefile sets it).
set -euo pipefail
: "${AIRFLOW_HOME:?set AIRFLOW_HOME (make airflow sets it to .airflow/ in the project)}"

umask 077
mkdir -p "$AIRFLOW_HOME"
passwords="${AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE:-$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated}"
touch "$passwords"
chmod 600 "$passwords"

airflow db migrate > "$AIRFLOW_HOME/db-migrate.log"

pids=()
stop() {
    trap - INT TERM EXIT
    kill "${pids[@]}" 2>/dev/null || true
    wait || true
}
trap stop INT TERM EXIT

airflow api-server & pids+=($!)
airflow scheduler --skip-serve-logs & pids+=($!)
airflow dag-processor & pids+=($!)
airflow triggerer --skip-serve-logs & pids+=($!)

echo "newswire: Airflow UI on http://${AIRFLOW__API__HOST:-127.0.0.1}:${AIRFLOW__API__PORT:-8080} (user admin);" \
     "password in $passwords (mode 600). Ctrl-C stops it."
wait -n  # one component exiting stops the others

#!/usr/bin/env bash
# Start Apache Superset over the published newswire warehouse, with the "newswire" dashboard.
#
#   bi/start.sh               migrate, create admin, init, serve on 127.0.0.1:8088, set up the
#                             dashboard, then stay in the foreground (Ctrl-C stops Superset)
#   bi/start.sh --background  same, but return once the dashboard is set up; the server keeps
#                             running (pid in $NEWSWIRE_BI_HOME/superset.pid, log superset.log)
#   bi/start.sh --stop        stop a server started with --background
#
# Superset lives in its own venv ($NEWSWIRE_BI_VENV, default <repo>/.venv-bi), created from the
# PEP 735 group "bi" of pyproject.toml when missing. Environment (all optional):
#   NEWSWIRE_BI_HOME      state: metadata sqlite, pid, log    (default <repo>/warehouse/bi)
#   NEWSWIRE_PUBLISHED    DuckDB file the dashboard reads      (default <repo>/warehouse/published/newswire.duckdb)
#   NEWSWIRE_BI_PORT      port on 127.0.0.1                    (default 8088)
#   NEWSWIRE_BI_PASSWORD  password of the user admin           (default newswire)
#   NEWSWIRE_BI_SECRET    Flask SECRET_KEY                     (default: a dev-only constant)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${NEWSWIRE_BI_VENV:-$REPO/.venv-bi}"
export NEWSWIRE_BI_HOME="${NEWSWIRE_BI_HOME:-$REPO/warehouse/bi}"
export NEWSWIRE_PUBLISHED="${NEWSWIRE_PUBLISHED:-$REPO/warehouse/published/newswire.duckdb}"
export NEWSWIRE_BI_PASSWORD="${NEWSWIRE_BI_PASSWORD:-newswire}"
PORT="${NEWSWIRE_BI_PORT:-8088}"
HOST=127.0.0.1
export NEWSWIRE_BI_URL="http://$HOST:$PORT"
export SUPERSET_CONFIG_PATH="$REPO/bi/superset_config.py"
export FLASK_APP=superset
# No telemetry, no network at run time.
export SCARF_ANALYTICS=false DO_NOT_TRACK=1 SUPERSET_LOAD_EXAMPLES=no
PIDFILE="$NEWSWIRE_BI_HOME/superset.pid"
LOG="$NEWSWIRE_BI_HOME/superset.log"

mode=foreground
case "${1:-}" in
    "") ;;
    --background) mode=background ;;
    --stop) mode=stop ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--background|--stop]" >&2; exit 2 ;;
esac

stop_server() {
    if [[ -f "$PIDFILE" ]]; then
        local pid; pid="$(cat "$PIDFILE")"
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"  # gunicorn master: stops its workers too
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
            echo "superset stopped (pid $pid)"
        fi
        rm -f "$PIDFILE"
    fi
}

if [[ $mode == stop ]]; then stop_server; exit 0; fi

if [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    echo "superset already running (pid $(cat "$PIDFILE")); bi/start.sh --stop first" >&2
    exit 1
fi

ts() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(ts)" 'BEGIN { printf "%.1fs", b - a }'; }

# --- venv -------------------------------------------------------------------------------------
if [[ ! -x "$VENV/bin/superset" ]]; then
    UV="$REPO/.venv/bin/uv"; [[ -x "$UV" ]] || UV="$(command -v uv)"
    t=$(ts)
    echo "creating $VENV (dependency group 'bi')"
    "$UV" venv --python python3.11 "$VENV"
    (cd "$REPO" && "$UV" pip install --python "$VENV/bin/python" --group bi)
    echo "venv ready in $(elapsed "$t")"
fi
export PATH="$VENV/bin:$PATH"
mkdir -p "$NEWSWIRE_BI_HOME"

if [[ ! -f "$NEWSWIRE_PUBLISHED" ]]; then
    echo "published warehouse not found: $NEWSWIRE_PUBLISHED (run the pipeline first)" >&2
    exit 1
fi

# --- metadata database, admin, roles ----------------------------------------------------------
t=$(ts)
superset db upgrade >>"$LOG" 2>&1 || { echo "superset db upgrade failed, see $LOG" >&2; exit 1; }
echo "superset db upgrade: $(elapsed "$t")"
t=$(ts)
# create-admin leaves an existing user alone ("... already exists"), so this is idempotent.
superset fab create-admin --username admin --firstname Admin --lastname Newswire \
    --email admin@localhost --password "$NEWSWIRE_BI_PASSWORD" >>"$LOG" 2>&1 \
    || { echo "superset fab create-admin failed, see $LOG" >&2; exit 1; }
superset init >>"$LOG" 2>&1 || { echo "superset init failed, see $LOG" >&2; exit 1; }
echo "superset create-admin + init: $(elapsed "$t")"

# --- server -----------------------------------------------------------------------------------
t=$(ts)
# One worker (the Explore/filter-state caches are in-process), threads for parallel chart queries.
# setsid: the server outlives this script in --background mode and ignores the terminal's SIGINT.
setsid gunicorn --workers 1 --worker-class gthread --threads 8 --timeout 120 \
    --bind "$HOST:$PORT" "superset.app:create_app()" >>"$LOG" 2>&1 &
server=$!
for _ in $(seq 240); do
    if curl -sf "$NEWSWIRE_BI_URL/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then echo "superset exited, see $LOG" >&2; exit 1; fi
    sleep 0.5
done
curl -sf "$NEWSWIRE_BI_URL/health" >/dev/null || { echo "superset did not become healthy, see $LOG" >&2; kill "$server"; exit 1; }
echo "$server" >"$PIDFILE"
echo "superset healthy: $(elapsed "$t")"

trap 'stop_server' INT TERM
t=$(ts)
if ! "$VENV/bin/python" "$REPO/bi/setup_dashboard.py"; then
    echo "dashboard setup failed" >&2
    [[ $mode == foreground ]] && stop_server
    exit 1
fi
echo "dashboard setup: $(elapsed "$t")"

cat <<EOF

  Superset:  $NEWSWIRE_BI_URL/superset/dashboard/newswire/
  login:     admin / $( [[ "$NEWSWIRE_BI_PASSWORD" == newswire ]] && echo newswire || echo '$NEWSWIRE_BI_PASSWORD')
  data:      $NEWSWIRE_PUBLISHED (read-only)
  log:       $LOG
EOF

if [[ $mode == background ]]; then
    echo "  pid:       $(cat "$PIDFILE")  (stop with: bi/start.sh --stop)"
    exit 0
fi
echo "  Ctrl-C stops Superset."
wait "$server"

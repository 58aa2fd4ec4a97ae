#!/bin/sh
# `make run`: the web server with a django-q2 worker beside it (the deadline sweep runs
# every minute). Stopping the server (Ctrl+C) stops the worker too.
set -eu
PY="${PY:-.venv/bin/python}"

"$PY" manage.py setup_schedules
"$PY" manage.py qcluster &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true; wait "$WORKER" 2>/dev/null || true' EXIT INT TERM

echo ""
echo "Haven is starting at http://127.0.0.1:8000 (Ctrl+C stops it and its worker)."
"$PY" manage.py runserver 127.0.0.1:8000

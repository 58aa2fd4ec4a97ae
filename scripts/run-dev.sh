#!/bin/sh
# `make run`: Haven served over ASGI by uvicorn (live incident screens and support-partner
# alerts stream server-sent events, which need ASGI), with a django-q2 worker beside it
# (the deadline sweep and alert escalation run every minute). Static files come from
# whitenoise (config/settings/local.py). Ctrl+C stops the server and its worker.
set -eu
PY="${PY:-.venv/bin/python}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.local}"

"$PY" manage.py setup_schedules
"$PY" manage.py qcluster &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true; wait "$WORKER" 2>/dev/null || true' EXIT INT TERM

echo ""
echo "Haven is starting at http://127.0.0.1:8000 (Ctrl+C stops it and its worker)."
"$PY" -m uvicorn config.asgi:application --host 127.0.0.1 --port 8000 --timeout-graceful-shutdown 2

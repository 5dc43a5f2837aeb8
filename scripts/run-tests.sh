#!/usr/bin/env bash
# Runs the whole pytest suite (tests/, including bot/'s docstring examples through tests/unit/test_doctests.py)
# with the given python. A run that collects no test fails (pytest exit 5).
# When PostgreSQL binaries are present, the store/API suites also run against a throwaway server.
set -euo pipefail
PY=${1:-.venv/bin/python}
shift || true
cmd=("$PY" -m pytest "$@")
if [ -x scripts/with-postgres.sh ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  exec scripts/with-postgres.sh "${cmd[@]}"
fi
exec "${cmd[@]}"

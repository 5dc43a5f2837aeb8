#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server, then stop it and delete its files.
#   scripts/with-postgres.sh .venv/bin/python -m pytest tests/unit/test_api_patient.py
# Exports GENECHAT_DATABASE_URL (for `genechat serve` etc.) and GENECHAT_TEST_POSTGRES_URL (tests create
# a fresh database per test on this server). Binds 127.0.0.1 only, on a free port other than 5432.
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "with-postgres: PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi

free_port() {
  python3 - <<'PY'
import socket
for port in range(55432, 55532):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
PY
}
PGPORT=${PGPORT:-$(free_port)}
if [ -z "$PGPORT" ] || [ "$PGPORT" = 5432 ]; then echo "with-postgres: no free port" >&2; exit 1; fi

PGTMP=$(mktemp -d -t genechat-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGTMP"; AS_PG=(runuser -u postgres --); else AS_PG=(); fi

stop_pg() {
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap stop_pg EXIT

"${AS_PG[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 30 \
  -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$PGTMP/server.log" >&2; exit 1; }

export GENECHAT_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
export GENECHAT_TEST_POSTGRES_URL="$GENECHAT_DATABASE_URL"
echo "with-postgres: PostgreSQL on 127.0.0.1:$PGPORT" >&2
set +e
"$@"
rc=$?
set -e
exit $rc

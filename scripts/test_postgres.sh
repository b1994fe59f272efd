#!/bin/sh
# Run the suite against PostgreSQL: TEST_DATABASE_URL, or the server on 127.0.0.1:5432.
# A developer without PostgreSQL gets a loud warning and a skip; with CI=true it is a failure.
set -eu
PY="$1"
WORKERS="${2:-2}"
URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

if ! "$PY" scripts/pg_ready.py "$URL"; then
    if [ "${CI:-}" = "true" ]; then
        echo "ERROR: PostgreSQL at $URL does not answer, and CI=true requires the PostgreSQL half of the suite." >&2
        exit 1
    fi
    echo "" >&2
    echo "############################################################################" >&2
    echo "# WARNING: PostgreSQL at $URL does not answer." >&2
    echo "# The PostgreSQL half of the test suite was SKIPPED. CI will not skip it." >&2
    echo "# Start it, e.g.: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
    echo "############################################################################" >&2
    exit 0
fi
DATABASE_URL="$URL" exec "$PY" -m pytest -n "$WORKERS" -q

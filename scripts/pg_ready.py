"""Exit 0 when the PostgreSQL server at the given URL accepts a connection within 5 seconds."""

import sys

import dj_database_url
import psycopg

config = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(
        dbname=config["NAME"],
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        connect_timeout=5,
    ).close()
except psycopg.Error as error:
    print(f"PostgreSQL not reachable: {error}".strip(), file=sys.stderr)
    sys.exit(1)

"""What the server benchmarks share: a throwaway database, gunicorn as in production, and wrk.

Used by bench/surge.py and bench/worklist.py (scripts, not tests). Each benchmark makes its own
PostgreSQL database ``bidra_bench_<name>`` on the server in ``BENCH_POSTGRES`` (default
postgres://postgres@127.0.0.1:5432/postgres) and drops it afterwards, or a SQLite file in a
temporary folder; gunicorn serves bidra.wsgi with DEBUG off and DJANGO_ENV unset, as in
the README's deployment but over plain HTTP on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"  # beside the Python running the benchmark
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")


def each_database(script: str, databases: list[str], name: str) -> list[dict]:
    """Run ``script`` again once per database with ``--child VENDOR --results FILE`` (Django reads its
    settings once per process) and return the figures each child wrote there as JSON."""
    gathered = []
    with tempfile.TemporaryDirectory(prefix=f"bidra-bench-{name}-results-") as folder:
        for vendor in databases:
            out = Path(folder) / f"{vendor}.json"
            command = [sys.executable, script, *sys.argv[1:], "--child", vendor, "--results", str(out)]
            subprocess.run(command, check=True)  # noqa: S603 - the benchmark script itself
            gathered.append(json.loads(out.read_text()))
    return gathered


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def database(vendor: str, name: str, folder: Path) -> Iterator[str]:
    """A fresh, empty database's URL: PostgreSQL ``bidra_bench_<name>`` (dropped at the end) or a SQLite file."""
    if vendor == "sqlite":
        yield f"sqlite:///{folder / f'{name}.sqlite3'}"
        return
    import psycopg

    db = f"bidra_bench_{name}"
    base = POSTGRES.rsplit("/", 1)[0]
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{db}"')
    try:
        yield f"{base}/{db}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def server_env(database_url: str, folder: Path) -> dict[str, str]:
    """The environment Django runs with, in the benchmark process and in gunicorn alike."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ENV", "DEBUG"}}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        PRIVATE_FILES_ROOT=str(folder / "private"),
        DJANGO_SETTINGS_MODULE="bidra.settings",
        LOG_LEVEL="WARNING",
        # Receipts are built in full but kept in memory: no mail server on the benchmark machine.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


@contextlib.contextmanager
def gunicorn(env: dict[str, str], folder: Path, workers: int = 2) -> Iterator[str]:
    """gunicorn with ``workers`` sync workers on a free port; yields the base URL, stops it at the end."""
    port = free_port()
    log = (folder / f"gunicorn-{port}.log").open("w")
    command = [str(GUNICORN), "bidra.wsgi", "-w", str(workers), "-k", "sync", "-b", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/livez", timeout=5) as response:  # noqa: S310 - our own server
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start; see {log.name}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


# wrk prints its summary as text; this script makes it print JSON with the percentiles we need.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


@dataclass
class Load:
    """Throughput and latency of one URL under load (milliseconds)."""

    label: str
    requests: int
    seconds: float
    p50: float
    p95: float
    p99: float
    errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_path() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing; installing the Debian package wrk …", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, capture_output=True)  # noqa: S607
        found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is needed for the throughput figures: apt-get install wrk (Debian/Ubuntu) or brew install wrk.")
    return found


def wrk(label: str, url: str, *, cookie: str = "", threads: int = 2, connections: int = 20, seconds: int = 20) -> Load:
    """Run wrk against one URL; every non-2xx/3xx answer, timeout and socket error counts as an error."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = [wrk_path(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script.name]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    try:
        done = subprocess.run([*command, url], capture_output=True, text=True, check=True)  # noqa: S603
    finally:
        os.unlink(script.name)
    found = re.search(r"^\{.*\}$", done.stdout, re.MULTILINE)
    if not found:
        raise RuntimeError(f"wrk printed no summary:\n{done.stdout}\n{done.stderr}")
    figures = json.loads(found.group(0))
    errors = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Load(label, figures["requests"], figures["seconds"], figures["p50"], figures["p95"], figures["p99"], errors)


def answer(url: str, cookie: str = "") -> int:
    """The status one GET gets, redirects not followed (a 302 to the log-in page is not a page)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers={"Cookie": cookie})
    status = connection.getresponse().status
    connection.close()
    return status


def met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def logged_in_session(user) -> str:
    """A session key for ``user`` as a real log-in leaves it, second factor verified when staff 2FA is installed.

    Made in the database directly (through django.contrib.auth.login on a request object, so the
    log-in signals run) instead of driving the log-in form, which for staff asks for a TOTP code.
    """
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth import login
    from django.test import RequestFactory

    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    password = ("ModelBackend", "ModelPermissionsBackend")
    password_backend = next(b for b in settings.AUTHENTICATION_BACKENDS if b.endswith(password))
    login(request, user, backend=password_backend)
    request.user = user  # login() only replaces a user already on the request
    if apps.is_installed("django_otp.plugins.otp_totp"):
        from django_otp import login as verify
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        verify(request, device)
    request.session.save()
    return request.session.session_key

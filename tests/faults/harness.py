"""A fault-injection harness: real gunicorn on loopback, a throwaway PostgreSQL database, real HTTP clients.

Used by tests/faults/ (in CI) and bench/faults.py (longer runs). The pieces:

- ``scratch_database()``: a fresh database on the shared PostgreSQL server, migrated and seeded with
  an open call and municipality users, dropped afterwards;
- ``PrivateCluster``: a PostgreSQL cluster of our own (initdb in a temporary folder) that may be
  stopped and started without disturbing anyone else's tests;
- ``Server``: ``gunicorn bidra.wsgi`` in its own process group, killed with SIGKILL and restarted;
- ``Applicant``: one municipality user who logs in through the log-in form and applies, step by
  step, with an attachment, retrying after every connection error or server error;
- ``sigkill_run()``: applicants submitting while a killer thread kills and restarts gunicorn,
  then the database checked by ``tests/faults/database_side.py``.
"""

import contextlib
import html.parser
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import requests

PROJECT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
ADMIN_URL = os.environ.get(
    "FAULTS_DATABASE_URL", os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
)
# The smallest PDF that sniffing recognises as application/pdf (as in tests/helpers.py).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class FaultRunError(AssertionError):
    """The harness itself could not do its part (a server that never came up, a setup that failed)."""


def postgres_answers(url: str = ADMIN_URL) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def with_database(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


def base_env(database_url: str, private_root: Path) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO_ALLOW_ASYNC", "COV_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bidra.settings",
        DJANGO_ENV="development",
        DEBUG="false",  # the real 500 page, not the debug page
        DATABASE_URL=database_url,
        PRIVATE_FILES_ROOT=str(private_root),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise FaultRunError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout


@dataclass
class Site:
    """A migrated, seeded database with its private files folder."""

    database_url: str
    private_root: Path
    env: dict[str, str]
    seed: dict[str, Any]

    def verify(self, acknowledged: list[dict]) -> dict[str, Any]:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as stream:
            json.dump(acknowledged, stream)
        try:
            output = manage(self.env, "-m", "tests.faults.database_side", "verify", stream.name)
        finally:
            os.unlink(stream.name)
        return json.loads(output.strip().splitlines()[-1])


def seed_site(database_url: str, private_root: Path, users: int) -> Site:
    env = base_env(database_url, private_root)
    manage(env, "manage.py", "migrate", "--noinput", "-v0")
    output = manage(env, "-m", "tests.faults.database_side", "setup", str(users))
    return Site(database_url, private_root, env, json.loads(output.strip().splitlines()[-1]))


@contextlib.contextmanager
def scratch_database(users: int, admin_url: str = ADMIN_URL) -> Iterator[Site]:
    """A fresh database ``bidra_faults_<pid>_<n>`` on the shared server; dropped afterwards."""
    name = f"bidra_faults_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    folder = Path(tempfile.mkdtemp(prefix="bidra-faults-"))
    try:
        yield seed_site(with_database(admin_url, name), folder / "private", users)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise FaultRunError("initdb not found under /usr/lib/postgresql/*/bin")
    return found[-1].parent


class PrivateCluster:
    """A PostgreSQL cluster in a temporary folder, run as the ``postgres`` OS user, on its own port."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="bidra-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.bin = postgres_bin()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/bidra"
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self.folder.chmod(0o700)

    def _run(self, *args: str) -> None:
        done = subprocess.run(  # noqa: S603 - PostgreSQL's own tools
            [*self._as_postgres, *args], capture_output=True, text=True, check=False, timeout=120
        )
        if done.returncode != 0:
            raise FaultRunError(f"{args[0]} failed: {done.stdout}{done.stderr}")

    def init(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        with psycopg.connect(with_database(self.url, "postgres"), autocommit=True) as admin:
            admin.execute("CREATE DATABASE bidra")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -h 127.0.0.1 -c fsync=off"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"), "-o", options, "-w", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(FaultRunError):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


class Server:
    """``gunicorn bidra.wsgi`` with two sync workers, in a process group of its own."""

    def __init__(self, env: dict[str, str], log_folder: Path, workers: int = 2) -> None:
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.log = open(log_folder / "gunicorn.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self, ready_within: float = 120) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [
                GUNICORN,
                "bidra.wsgi",
                f"--workers={self.workers}",
                f"--bind=127.0.0.1:{self.port}",
                # The master imports Django once and forks the workers, so a restart costs one import.
                "--preload",
                "--timeout=60",
                "--no-control-socket",  # one per user by default: parallel runs would take each other's
            ],
            cwd=PROJECT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.starts += 1
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise FaultRunError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return
            time.sleep(0.05)
        raise FaultRunError(f"gunicorn did not answer within {ready_within} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_bytes()[-4000:].decode(errors="replace")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once (the whole process group)."""
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def pids(self) -> set[int]:
        """The master and its workers."""
        assert self.process is not None
        found = {self.process.pid}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                # The parent's pid is the second field after the command, which is in parentheses.
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    found.add(int(stat.parent.name))
        return found

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


class _Inputs(html.parser.HTMLParser):
    """The named inputs of a page (hidden ones with their values) and the text of a case number."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.case_number = ""
        self._in_case_number = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "input" and attributes.get("name") and attributes.get("type") == "hidden":
            self.values[attributes["name"] or ""] = attributes.get("value") or ""
        if tag == "span" and "case-number" in (attributes.get("class") or ""):
            self._in_case_number = True

    def handle_data(self, data: str) -> None:
        if self._in_case_number:
            self.case_number += data.strip()

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._in_case_number = False


def parse(page: str) -> _Inputs:
    parser = _Inputs()
    parser.feed(page)
    return parser


class Retry(Exception):
    """The server did not answer, or answered with an error: do the unit of work again."""

    def __init__(self, message: str, *, cut_off: bool = False):
        super().__init__(message)
        self.cut_off = cut_off  # the request was sent and its answer lost (not merely refused)


@dataclass
class ClientFigures:
    attempted: int = 0
    acknowledged: list[dict] = field(default_factory=list)
    errors: int = 0  # connection errors and 5xx responses seen
    cut_off: int = 0  # of those: requests sent and then cut off by a kill (not merely refused)
    conflicts: int = 0  # 409: a step posted with an outdated version (each attempt reads the page first)
    submits_cut_off: int = 0  # "submit" posts whose answer a kill cut off; posted again on the same draft


class Applicant:
    """One municipality user applying again and again through the real forms."""

    def __init__(self, base_url: str, user: dict, seed: dict, figures: ClientFigures, stop: threading.Event):
        self.base = base_url
        self.user = user
        self.seed = seed
        self.figures = figures
        self.stop = stop
        self.session = requests.Session()

    # --- HTTP with retries ---------------------------------------------------------------------
    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            response = self.session.request(method, self.base + path, allow_redirects=False, timeout=60, **kwargs)
        except requests.RequestException as error:
            self.figures.errors += 1
            cut_off = "refused" not in str(error).lower()
            self.figures.cut_off += cut_off
            raise Retry(str(error), cut_off=cut_off) from error
        if response.status_code >= 500:
            self.figures.errors += 1
            raise Retry(f"{method} {path}: {response.status_code}")
        return response

    def post(self, path: str, data: dict | list, **kwargs: Any) -> requests.Response:
        token = self.session.cookies.get("csrftoken", "")
        headers = {"X-CSRFToken": token, "Referer": self.base + path}
        return self.request("POST", path, data=data, headers=headers, **kwargs)

    def until_done(self, unit: Callable[[], Any], patience: float = 180) -> Any:
        """Run a unit of work until it completes; between attempts the server may be restarting."""
        deadline = time.monotonic() + patience
        while True:
            try:
                return unit()
            except Retry:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    # --- The journey ---------------------------------------------------------------------------
    def log_in(self) -> None:
        def unit() -> None:
            page = self.request("GET", "/konto/logga-in/")
            token = parse(page.text).values.get("csrfmiddlewaretoken", "")
            response = self.post(
                "/konto/logga-in/",
                {"csrfmiddlewaretoken": token, "username": self.user["email"], "password": self.user["password"]},
            )
            if response.status_code != 302:
                raise FaultRunError(f"log-in refused for {self.user['email']}: {response.status_code}")

        self.until_done(unit)

    def start(self) -> int:
        start_key = str(uuid.uuid4())  # the same key on every retry: a repeated start gives the same draft

        def unit() -> int:
            response = self.post(
                f"/ansokningar/ny/{self.seed['call']}/",
                {"start_key": start_key, "municipality": self.user["municipality"]},
            )
            if response.status_code != 302 or "/steg/" not in response.headers["Location"]:
                raise FaultRunError(f"start gave {response.status_code} {response.headers.get('Location')}")
            return int(response.headers["Location"].split("/")[2])

        return self.until_done(unit)

    def step(self, pk: int, slug: str, answers: dict, rows: list[dict] | None = None) -> None:
        path = f"/ansokningar/{pk}/steg/{slug}/"

        def unit() -> None:
            # Read the page each time: its version and row ids change if the last post was saved.
            shown = parse(self.request("GET", path).text).values
            data: dict[str, Any] = {key: value for key, value in shown.items() if key != "csrfmiddlewaretoken"}
            data.update(answers, action="continue")
            if rows is not None:
                initial = int(shown.get("rows-INITIAL_FORMS", "0"))
                data["rows-TOTAL_FORMS"] = str(max(initial, len(rows)))
                for index, row in enumerate(rows):
                    data.update({f"rows-{index}-{key}": value for key, value in row.items()})
            response = self.post(path, data)
            if response.status_code == 409:
                self.figures.conflicts += 1
                raise Retry("saved by an attempt whose answer was lost")
            if response.status_code != 302:
                raise FaultRunError(f"step {slug} of {pk} gave {response.status_code}: {response.text[:2000]}")

        self.until_done(unit)

    def attach(self, pk: int) -> None:
        path = f"/ansokningar/{pk}/steg/bilagor/"
        name = f"plan-{pk}.pdf"

        def unit() -> None:
            if name in self.request("GET", path).text:
                return  # an upload whose answer was lost was stored all the same
            response = self.post(path, {"action": "upload"}, files={"file": (name, PDF_BYTES, "application/pdf")})
            if response.status_code != 302:
                raise FaultRunError(f"upload to {pk} gave {response.status_code}")

        self.until_done(unit)

    def submit(self, pk: int) -> str:
        def unit() -> str:
            try:
                response = self.post(f"/ansokningar/{pk}/skicka-in/", {})
            except Retry as retry:
                self.figures.submits_cut_off += retry.cut_off
                raise
            if response.status_code != 302 or not response.headers["Location"].endswith("/kvitto/"):
                raise FaultRunError(f"submit {pk} gave {response.status_code} {response.headers.get('Location')}")
            receipt = self.request("GET", response.headers["Location"])
            number = parse(receipt.text).case_number
            if receipt.status_code != 200 or not number:
                raise Retry(f"receipt of {pk} without a case number ({receipt.status_code})")
            return number

        return self.until_done(unit)

    def apply_once(self) -> None:
        self.figures.attempted += 1
        pk = self.start()
        year = self.seed["year"]
        self.step(
            pk,
            "organisation",
            {"administration": "Socialförvaltningen", "contact_name": "Fel Felsson", "contact_email": "fel@x.test"},
        )
        self.step(
            pk,
            "insatsen",
            {
                "title": f"Brobyggare {pk}",
                "summary": "Brobyggare stöder elever och familjer.",
                "purpose": "Öka närvaron i skolan.",
                "activities": "Hembesök och läxhjälp.",
            },
        )
        self.step(
            pk,
            "omraden",
            {"areas": [str(a) for a in self.seed["areas"]], "target_groups": ["children_youth", "women"]},
        )
        self.step(
            pk,
            "forankring",
            {"roma_participation": "En referensgrupp styr arbetet.", "long_term_effects": "Ingår i elevhälsan."},
            rows=[{"name": "Romska kulturföreningen", "organisation_number": "", "role": "Medarrangör"}],
        )
        self.step(
            pk,
            "budget",
            {"period_start": f"{year}-02-01", "period_end": f"{year}-12-31", "requested_amount": "250000"},
            rows=[
                {"category": "personnel", "description": "Brobyggare", "amount": "200000"},
                {"category": "materials", "description": "Material", "amount": "50000"},
            ],
        )
        self.attach(pk)
        number = self.submit(pk)
        self.figures.acknowledged.append({"application": pk, "case_number": number})

    def run(self, logged_in: threading.Event | None = None) -> None:
        self.log_in()
        if logged_in is not None:
            logged_in.set()
        while not self.stop.is_set():
            self.apply_once()


@dataclass
class RunFigures:
    kills: int
    seconds: float
    attempted: int
    acknowledged: int
    found: int
    errors: int
    cut_off: int
    conflicts: int
    submits_cut_off: int
    restart_seconds_max: float
    check: dict[str, Any]

    def lines(self) -> list[str]:
        return [
            f"kills (SIGKILL to gunicorn master and workers): {self.kills}",
            f"run time: {self.seconds:.1f} s; slowest restart until /healthz answered: "
            f"{self.restart_seconds_max:.2f} s",
            f"submissions attempted: {self.attempted}, acknowledged (case number on the receipt): {self.acknowledged}",
            f"submitted applications found in the database: {self.found}; cases: {self.check['cases']}",
            f"errors seen by the clients (connection errors, 5xx): {self.errors}, of which requests cut off "
            f"in flight: {self.cut_off}; 409 answers to a step: {self.conflicts}",
            f"submissions cut off in flight and sent again for the same draft: {self.submits_cut_off}",
            f"{self.check['audit']}",
            f"problems: {len(self.check['problems'])}",
            *(f"  - {problem}" for problem in self.check["problems"][:20]),
        ]


def sigkill_run(
    kills: int, *, applicants: int = 3, up_between: tuple[float, float] = (0.3, 1.5), seed: int | None = None
) -> RunFigures:
    """Applicants submit while gunicorn is killed ``kills`` times; then the database is checked."""
    chance = random.Random(seed)
    with scratch_database(users=applicants) as site:
        server = Server(site.env, site.private_root.parent)
        stop = threading.Event()
        figures = [ClientFigures() for _ in range(applicants)]
        failures: list[BaseException] = []
        began = time.monotonic()
        server.start()
        people = [
            Applicant(server.url, user, site.seed, figures[index], stop)
            for index, user in enumerate(site.seed["users"])
        ]

        ready = [threading.Event() for _ in people]

        def run(person: Applicant, logged_in: threading.Event) -> None:
            try:
                person.run(logged_in)
            except BaseException as error:  # noqa: BLE001 - reported after the run
                failures.append(error)
                stop.set()

        threads = [threading.Thread(target=run, args=pair, daemon=True) for pair in zip(people, ready, strict=True)]
        for thread in threads:
            thread.start()
        restart_max = 0.0
        try:
            # Log-ins (a deliberately slow password hash) happen before the first kill; sessions
            # are stored in the database, so they outlive every kill that follows.
            for logged_in in ready:
                while not logged_in.wait(0.5) and not stop.is_set():
                    pass
            for _ in range(kills):
                if stop.wait(chance.uniform(*up_between)):
                    break
                server.kill()
                restarted = time.monotonic()
                server.start()
                restart_max = max(restart_max, time.monotonic() - restarted)
        finally:
            stop.set()  # each applicant finishes the application in hand, then stops
            for thread in threads:
                thread.join(timeout=300)
            server.stop()
        if failures:
            raise failures[0]
        seconds = time.monotonic() - began
        acknowledged = [ack for f in figures for ack in f.acknowledged]
        check = site.verify(acknowledged)
    return RunFigures(
        kills=server.starts - 1,
        seconds=seconds,
        attempted=sum(f.attempted for f in figures),
        acknowledged=len(acknowledged),
        found=check["found"],
        errors=sum(f.errors for f in figures),
        cut_off=sum(f.cut_off for f in figures),
        submits_cut_off=sum(f.submits_cut_off for f in figures),
        conflicts=sum(f.conflicts for f in figures),
        restart_seconds_max=restart_max,
        check=check,
    )


@dataclass(frozen=True)
class Sample:
    """One request of the hammering client: when it started and ended, and what came back."""

    started: float
    ended: float
    path: str
    status: int  # 0: no HTTP answer at all
    page_500: bool = False  # a 500 with Bidra's own error page


@dataclass
class Outage:
    mode: str  # pg_ctl stop mode
    stopping: float  # pg_ctl stop called
    up: float  # pg_ctl start returned: accepting connections again


@dataclass
class RestartFigures:
    samples: list[Sample]
    outages: list[Outage]
    pids_before: set[int]
    pids_after: set[int]
    acknowledged: int
    errors_seen_by_applicant: int
    check: dict[str, Any]

    def errors(self) -> list[Sample]:
        return [s for s in self.samples if s.status != 200]

    def first_success_after(self, outage: Outage) -> float | None:
        after = [s.ended for s in self.samples if s.started >= outage.up and s.status == 200]
        return min(after) - outage.up if after else None

    def lines(self) -> list[str]:
        lines = [
            f"requests: {len(self.samples)}, errors: {len(self.errors())} "
            f"(500 with Bidra's error page: {sum(s.page_500 for s in self.samples)}, "
            f"no answer: {sum(s.status == 0 for s in self.samples)})",
        ]
        for outage in self.outages:
            recovered = self.first_success_after(outage)
            shown = "never" if recovered is None else f"{recovered:.2f} s"
            down = [s for s in self.errors() if outage.stopping <= s.started <= outage.up]
            lines.append(
                f"PostgreSQL stopped (-m {outage.mode}) for {outage.up - outage.stopping:.1f} s: "
                f"{len(down)} errors while down; first success {shown} after it accepted connections again"
            )
        lines.append(f"gunicorn processes before {sorted(self.pids_before)}, after {sorted(self.pids_after)}")
        lines.append(f"submissions acknowledged: {self.acknowledged}; problems: {self.check['problems']}")
        return lines


ERROR_PAGE_MARK = "<h1>Tekniskt fel</h1>"


def postgres_restart_run(
    folder: Path, outages: tuple[tuple[str, float], ...] = (("immediate", 3.0), ("fast", 3.0)), settle: float = 3.0
) -> RestartFigures:
    """A private cluster stopped and started under load while gunicorn keeps running."""
    cluster = PrivateCluster()
    try:
        cluster.init()
        site = seed_site(cluster.url, folder / "private", users=1)
        server = Server(site.env, folder)
        server.start()
        try:
            return _hammer_through_outages(cluster, server, site, outages, settle)
        finally:
            server.stop()
    finally:
        cluster.remove()


def _hammer_through_outages(
    cluster: PrivateCluster, server: Server, site: Site, outages: tuple[tuple[str, float], ...], settle: float
) -> RestartFigures:
    stop = threading.Event()
    figures = ClientFigures()
    applicant = Applicant(server.url, site.seed["users"][0], site.seed, figures, stop)
    applicant.log_in()
    hammer = requests.Session()
    hammer.cookies.update(applicant.session.cookies)
    samples: list[Sample] = []
    failures: list[BaseException] = []

    def hammering() -> None:
        paths = ("/healthz", "/ansokningar/")  # a bare query, and a page with the session and the ORM
        index = 0
        while not stop.is_set():
            path = paths[index % 2]
            index += 1
            started = time.monotonic()
            try:
                response = hammer.get(server.url + path, timeout=30, allow_redirects=False)
                status, text = response.status_code, response.text
            except requests.RequestException:
                status, text = 0, ""
            samples.append(Sample(started, time.monotonic(), path, status, status == 500 and ERROR_PAGE_MARK in text))
            time.sleep(0.02)

    def applying() -> None:
        try:
            while not stop.is_set():
                applicant.apply_once()
        except BaseException as error:  # noqa: BLE001 - reported after the run
            failures.append(error)

    threads = [threading.Thread(target=hammering, daemon=True), threading.Thread(target=applying, daemon=True)]
    pids_before = server.pids()
    for thread in threads:
        thread.start()
    done: list[Outage] = []
    time.sleep(settle)
    for mode, seconds in outages:
        stopping = time.monotonic()
        cluster.stop(mode)
        time.sleep(seconds)
        cluster.start()
        done.append(Outage(mode, stopping, time.monotonic()))
        time.sleep(settle)
    stop.set()
    for thread in threads:
        thread.join(timeout=300)
    if failures:
        raise failures[0]
    pids_after = server.pids()
    acknowledged = figures.acknowledged
    return RestartFigures(
        samples=samples,
        outages=done,
        pids_before=pids_before,
        pids_after=pids_after,
        acknowledged=len(acknowledged),
        errors_seen_by_applicant=figures.errors,
        check=site.verify(acknowledged),
    )

"""Benchmark of the deadline-day surge: many municipalities submitting at once (a script, not a test).

Run from the project root:
    .venv/bin/python bench/surge.py [--databases postgresql sqlite] [--users 50] [--clients 50]
        [--processes 2] [--duration 60] [--attachment-kb 200]

For each database (each in a child process, as Django's settings are read once) it makes a throwaway
database (PostgreSQL ``bidra_bench_surge``, dropped at the end, or a SQLite file in a temporary
folder), migrates it, loads the municipalities and the Roma programme, opens a call and makes
``--users`` municipality users, each a member of a different municipality. gunicorn (2 sync workers,
DEBUG off) serves it; e-mail receipts are built but kept in memory.

The clients are Python processes (``--processes``), each with threads, one requests.Session per
client, together ``--clients`` at a time. First every client logs in with the log-in form (timed on
its own: password hashing is deliberately slow). Then, for ``--duration`` seconds, each client
applies again and again as a browser would: my applications, start, each of the five steps (GET the
form, POST it with its CSRF token and lock version, follow the redirect), upload a PDF attachment
(unique content), check your answers, submit, receipt. Each HTTP request is one measured request;
an unexpected status, a failed connection or no answer within 60 s is an error (a client whose
log-in failed logs in again before its next application). Then, with the same clients and sessions,
the same number of seconds of GET /livez (no database query, the whole middleware stack): the bare
Django view on the same server configuration in the same run.

Afterwards the database is checked: every submission the clients saw succeed is there, received, and
the year's case numbers run without a gap.

Target (issue 7): surge throughput ≥ 50 % of the bare view's, with p95 < 250 ms and 0 errors.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import sys
import tempfile
import threading
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving import database, each_database, gunicorn, met, server_env  # noqa: E402

PASSWORD = "bench-surge-password-2024"  # noqa: S105 - the throwaway users of a throwaway database
PDF_HEAD = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
PDF_TAIL = b"trailer<</Root 1 0 R>>\n%%EOF\n"


# --- The client: one browser-like session per thread ------------------------------------------


class Flow:
    """One client: a requests.Session that records every request as (phase, kind, seconds, ok)."""

    def __init__(self, base: str, config: dict, user: dict, records: list, attachment_kb: int) -> None:
        import requests

        self.base, self.config, self.user, self.records = base, config, user, records
        self.http = requests.Session()
        self.attachment_kb = attachment_kb
        self.phase = "login"
        self.deadline = float("inf")
        self.logged_in = False
        self.submitted = 0

    class Stop(Exception):
        """The phase's time is up."""

    def request(self, kind: str, method: str, path: str, expect: int, **kwargs):
        if time.monotonic() >= self.deadline:
            raise self.Stop
        if method == "POST":
            data = kwargs.setdefault("data", {})
            data["csrfmiddlewaretoken"] = self.http.cookies.get("csrftoken", "")
        started = time.monotonic()
        try:
            response = self.http.request(method, self.base + path, allow_redirects=False, timeout=60, **kwargs)
            ok = response.status_code == expect
        except Exception:  # noqa: BLE001 - a refused or broken connection is an error to count
            response, ok = None, False
        ended = time.monotonic()
        if ended <= self.deadline:
            self.records.append((self.phase, kind, ended - started, ok))
        if not ok:
            status = response.status_code if response is not None else "no answer"
            raise RuntimeError(f"{kind}: {method} {path} answered {status}, expected {expect}")
        return response

    def follow(self, kind: str, response, expect: int = 200):
        location = response.headers["Location"]
        return self.request(kind, "GET", location.removeprefix(self.base), expect)

    def log_in(self) -> None:
        self.request("log-in page", "GET", "/konto/logga-in/", 200)
        self.request(
            "log-in", "POST", "/konto/logga-in/", 302, data={"username": self.user["email"], "password": PASSWORD}
        )
        self.logged_in = True

    def apply(self) -> None:
        """One complete application, step by step, as a browser sends it."""
        config = self.config
        if not self.logged_in:  # the log-in failed (or timed out) before: the user tries again
            self.log_in()
        mine = self.request("my applications", "GET", "/ansokningar/", 200)
        start_key = re.search(r'name="start_key" value="([^"]+)"', mine.text).group(1)
        started = self.request(
            "start",
            "POST",
            f"/ansokningar/ny/{config['call_slug']}/",
            302,
            data={"start_key": start_key, "municipality": self.user["municipality"]},
        )
        page = self.follow("step (GET)", started)
        for slug, answers in steps(config, self.user):
            lock = re.search(r'name="lock_version" value="(\d+)"', page.text).group(1)
            path = page.url.removeprefix(self.base)
            if not path.endswith(f"/steg/{slug}/"):
                raise RuntimeError(f"expected step {slug}, got {path}")
            saved = self.request(
                "step (POST)", "POST", path, 302, data={"lock_version": lock, "action": "continue", **answers}
            )
            page = self.follow("step (GET)", saved)
        attachments = page.url.removeprefix(self.base)
        padding = b"%" + os.urandom(self.attachment_kb * 512).hex().encode() + b"\n"
        uploaded = self.request(
            "upload",
            "POST",
            attachments,
            302,
            data={"action": "upload"},
            files={"file": ("projektplan.pdf", PDF_HEAD + padding + PDF_TAIL, "application/pdf")},
        )
        self.follow("step (GET)", uploaded)
        done = self.request("step (POST)", "POST", attachments, 302, data={"action": "continue"})
        check = self.follow("check answers", done)
        submit = check.url.removeprefix(self.base).replace("/granska/", "/skicka-in/")
        received = self.request("submit", "POST", submit, 302)
        if "/kvitto/" not in received.headers["Location"]:
            raise RuntimeError(f"submit went to {received.headers['Location']}, not the receipt")
        self.submitted += 1
        self.follow("receipt", received)

    def bare(self) -> None:
        self.request("/livez", "GET", "/livez", 200)


def steps(config: dict, user: dict) -> list[tuple[str, dict]]:
    """The answers of the five form steps, as the forms post them."""

    def rows(items: list[dict]) -> dict:
        data = {"rows-TOTAL_FORMS": str(len(items)), "rows-INITIAL_FORMS": "0", "rows-MIN_NUM_FORMS": "0"}
        data["rows-MAX_NUM_FORMS"] = "1000"
        for index, row in enumerate(items):
            data.update({f"rows-{index}-{key}": value for key, value in row.items()})
        return data

    year = config["year"]
    return [
        (
            "organisation",
            {
                "administration": "Socialförvaltningen",
                "contact_name": "Anna Andersson",
                "contact_email": user["email"],
                "contact_phone": "08-123 45 67",
            },
        ),
        (
            "insatsen",
            {
                "title": "Brobyggare i skolan",
                "summary": "Två brobyggare stöder romska elever och deras familjer i kontakten med skolan.",
                "purpose": "Öka närvaron och måluppfyllelsen i skolan bland romska elever.",
                "activities": "Hembesök, läxhjälp, föräldraträffar och fortbildning för lärare.",
            },
        ),
        (
            "omraden",
            {
                "areas": config["areas"],
                "target_groups": ["children_youth", "women"],
                "target_group_description": "Cirka 60 barn och deras föräldrar.",
            },
        ),
        (
            "forankring",
            {
                "roma_participation": "En referensgrupp med romska föräldrar styr arbetet.",
                "long_term_effects": "Arbetssättet förs in i skolans ordinarie elevhälsa.",
                **rows([{"name": "Romska kulturföreningen", "organisation_number": "", "role": "Medarrangör"}]),
            },
        ),
        (
            "budget",
            {
                "period_start": f"{year}-08-01",
                "period_end": f"{year + 1}-06-30",
                "requested_amount": "400 000",
                "minimum_amount": "250000",
                "own_funding": "",
                "other_funding": "",
                "other_funding_description": "",
                **rows(
                    [
                        {"category": "personnel", "description": "Brobyggare 2 × 50 %", "amount": "300 000"},
                        {"category": "materials", "description": "Material och träffar", "amount": "100000"},
                    ]
                ),
            },
        ),
    ]


def client_thread(flow: Flow, barrier, duration: float, summary: dict) -> None:
    try:
        flow.log_in()
    except Exception as error:  # noqa: BLE001 - reported, the others go on
        summary["failures"].append(f"log-in: {error}")
    for phase, action in (("surge", flow.apply), ("bare", flow.bare)):
        barrier.wait()
        flow.phase = phase
        flow.deadline = time.monotonic() + duration
        while True:
            try:
                action()
            except Flow.Stop:
                break
            except Exception as error:  # noqa: BLE001 - counted as an error; the client starts over
                summary["failures"].append(f"{phase}: {error}")
        if phase == "surge":
            summary["submitted"] += flow.submitted


def client_process(base: str, config: dict, users: list[dict], args: dict, barrier, results) -> None:
    records: list = []
    summary: dict = {"failures": [], "submitted": 0}
    threads = []
    for user in users:
        flow = Flow(base, config, user, records, args["attachment_kb"])
        threads.append(threading.Thread(target=client_thread, args=(flow, barrier, args["duration"], summary)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put({"records": records, **summary})


# --- The server side: data, gunicorn, figures ------------------------------------------------


def prepare(count: int) -> dict:
    """Municipalities, the programme, an open call and ``count`` users, each in a different municipality."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from bidra.accounts.models import Membership, User
    from bidra.municipalities.models import Municipality
    from bidra.municipalities.reference_data import load_shipped_reference_data
    from bidra.programmes.models import Call
    from bidra.programmes.seed import ensure_roma_programme

    load_shipped_reference_data()
    programme = ensure_roma_programme()
    now, today = timezone.now(), timezone.localdate()
    call = Call.objects.create(
        programme=programme,
        title=f"Statsbidrag {today.year}",
        slug="sista-dagen",
        opens_at=now - timedelta(days=60),
        closes_at=now + timedelta(days=1),
        budget=Decimal(8_650_000),
        period_start_earliest=today.replace(month=1, day=1),
        period_end_latest=today.replace(year=today.year + 2, month=12, day=31),
        report_due_date=today.replace(year=today.year + 3, month=3, day=31),
    )
    places = list(Municipality.objects.order_by("code"))
    random.Random(2024).shuffle(places)  # noqa: S311 - which municipalities, reproducibly
    password = make_password(PASSWORD)  # hashed once, the same work factor as every real password
    users = User.objects.bulk_create(
        User(email=f"ansokan{i}@{place.code}.kommun.test", full_name=f"Sökande {place.name}", password=password)
        for i, place in enumerate(places[i % len(places)] for i in range(count))
    )
    Membership.objects.bulk_create(
        Membership(user=user, municipality=places[i % len(places)]) for i, user in enumerate(users)
    )
    areas = [str(a.pk) for a in programme.areas.filter(code__in=["utbildning", "social-omsorg-trygghet"])]
    config = {"call_slug": call.slug, "year": call.period_start_earliest.year, "areas": areas}
    return {
        "config": config,
        "users": [
            {"email": user.email, "municipality": str(places[i % len(places)].pk)} for i, user in enumerate(users)
        ],
    }


def verify(submitted: int) -> dict:
    """What the database holds after the surge: received applications and gap-free case numbers."""
    from bidra.applications.models import Application
    from bidra.diarium.models import Case

    received = Application.objects.filter(status="submitted").count()
    numbers = sorted(Case.objects.values_list("year", "serial"))
    by_year: dict[int, list[int]] = {}
    for year, serial in numbers:
        by_year.setdefault(year, []).append(serial)
    gap_free = all(serials == list(range(1, len(serials) + 1)) for serials in by_year.values())
    return {"seen": submitted, "received": received, "cases": len(numbers), "gap_free": gap_free}


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share / 100 * (len(ordered) - 1)))]


def figures(records: list, phase: str, duration: float, kind: str | None = None) -> dict:
    chosen = [r for r in records if r[0] == phase and (kind is None or r[1] == kind)]
    seconds = [r[2] * 1000 for r in chosen]
    return {
        "requests": len(chosen),
        "per_second": len(chosen) / duration,
        "p50": percentile(seconds, 50),
        "p95": percentile(seconds, 95),
        "p99": percentile(seconds, 99),
        "errors": sum(1 for r in chosen if not r[3]),
    }


def child(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="bidra-bench-surge-") as name:
        folder = Path(name)
        with database(args.child, "surge", folder) as url:
            env = server_env(url, folder)
            os.environ.update(env)
            import django

            django.setup()
            from django.core.management import call_command
            from django.db import connection

            call_command("migrate", verbosity=0)
            prepared = prepare(args.users)
            connection.close()
            users = [prepared["users"][i % args.users] for i in range(args.clients)]
            context = multiprocessing.get_context("fork")
            barrier = context.Barrier(args.clients + 1)
            results = context.Queue()
            with gunicorn(env, folder) as base:
                shares = [users[i :: args.processes] for i in range(args.processes)]
                options = {"duration": args.duration, "attachment_kb": args.attachment_kb}
                processes = [
                    context.Process(
                        target=client_process, args=(base, prepared["config"], share, options, barrier, results)
                    )
                    for share in shares
                    if share
                ]
                started = time.monotonic()
                for process in processes:
                    process.start()
                barrier.wait()  # everyone has logged in
                logins = time.monotonic() - started
                print(f"[{args.child}] {args.clients} clients logged in within {logins:.1f} s; surge …", flush=True)
                barrier.wait()  # the surge is over; the bare view next
                print(f"[{args.child}] bare view …", flush=True)
                gathered = [results.get() for _ in processes]
                for process in processes:
                    process.join()
            records = [r for g in gathered for r in g["records"]]
            failures = [f for g in gathered for f in g["failures"]]
            submitted = sum(g["submitted"] for g in gathered)
            kinds = sorted({r[1] for r in records if r[0] == "surge"})
            result = {
                "vendor": args.child,
                "login": figures(records, "login", 1) | {"seconds": logins},
                "surge": figures(records, "surge", args.duration),
                "bare": figures(records, "bare", args.duration),
                "kinds": {kind: figures(records, "surge", args.duration, kind) for kind in kinds},
                "failures": failures[:10],
                "failure_count": len(failures),
                "database": verify(submitted),
            }
            connection.close()
    Path(args.results).write_text(json.dumps(result))


def report(all_results: list[dict], args: argparse.Namespace) -> None:
    print()
    print(
        f"Deadline-day surge: gunicorn 2 sync workers, {args.clients} clients in {args.processes} processes, "
        f"{args.duration} s per phase, attachment {args.attachment_kb} kB"
    )
    verdicts = []
    for result in all_results:
        vendor = result["vendor"]
        print()
        print(f"{vendor}")
        header = f"  {'requests':<16} {'count':>7} {'per s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"
        print(header)
        rows = [("log-in (phase)", result["login"])]
        rows += [(f"  {kind}", f) for kind, f in result["kinds"].items()]
        rows += [("surge, all", result["surge"]), ("bare /livez", result["bare"])]
        for label, f in rows:
            rate = f"{f['per_second']:>8.1f}" if label != "log-in (phase)" else f"{'-':>8}"
            print(
                f"  {label:<16} {f['requests']:>7} {rate} {f['p50']:>8.1f} {f['p95']:>8.1f} {f['p99']:>8.1f} "
                f"{f['errors']:>7}"
            )
        surge, bare, db = result["surge"], result["bare"], result["database"]
        ratio = surge["per_second"] / bare["per_second"] if bare["per_second"] else 0.0
        print(
            f"  applications submitted: {db['seen']} ({db['seen'] / args.duration * 60:.0f} a minute); "
            f"in the database: {db['received']} received, {db['cases']} cases, "
            f"case numbers {'gap-free' if db['gap_free'] else 'WITH GAPS'}"
        )
        print(f"  surge throughput / bare view throughput: {100 * ratio:.1f} %")
        for failure in result["failures"]:
            print(f"  error: {failure}")
        if result["failure_count"] > len(result["failures"]):
            print(f"  … {result['failure_count'] - len(result['failures'])} more errors")
        errors = surge["errors"] + result["login"]["errors"]
        verdicts += [
            (f"{vendor}: surge throughput ≥ 50 % of the bare view ({100 * ratio:.1f} %)", ratio >= 0.5),
            (f"{vendor}: surge p95 < 250 ms ({surge['p95']:.0f} ms)", surge["p95"] < 250),
            (
                f"{vendor}: 0 errors ({errors} requests failed, {result['failure_count']} applications broken off)",
                errors == 0 and result["failure_count"] == 0,
            ),
            (
                f"{vendor}: every submission seen is in the database, numbered without gaps",
                db["gap_free"] and db["received"] >= db["seen"],
            ),
        ]
    print()
    print("Targets (issue 7):")
    for text, ok in verdicts:
        print(f"  {met(ok):<6} {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", nargs="+", choices=["postgresql", "sqlite"], default=["postgresql", "sqlite"])
    parser.add_argument("--users", type=int, default=50, help="municipality users (each its own municipality)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--processes", type=int, default=2, help="client processes the clients are spread over")
    parser.add_argument("--duration", type=int, default=60, help="seconds of surge, and again of the bare view")
    parser.add_argument("--attachment-kb", type=int, default=200, help="size of each uploaded PDF")
    parser.add_argument("--child", choices=["postgresql", "sqlite"], help=argparse.SUPPRESS)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    print(f"Surge benchmark: databases {args.databases}", flush=True)
    all_results = each_database(__file__, args.databases, "surge")
    report(all_results, args)


if __name__ == "__main__":
    main()

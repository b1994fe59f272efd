"""Benchmark of the officers' work list and case page as the register grows (a script, not a test).

Run from the project root:
    .venv/bin/python bench/worklist.py [--sizes 100 10000 100000] [--databases postgresql sqlite]
        [--runs 7] [--serve-at 10000] [--clients 20] [--duration 20]

For each database (each in a child process, as Django's settings are read once) it makes a throwaway
database (PostgreSQL ``bidra_bench_worklist`` dropped at the end, or a SQLite file in a temporary
folder), migrates it and grows a register in bulk to each size: applications over ten yearly calls
(municipalities weighted by √population, 1–3 areas, statuses spread as in a real register: drafts,
open cases in the current call, decided ones in past calls with their decisions and reports, some
overdue), each received one with its diarium case number. bulk_create bypasses the services (no
event log, no received documents) except for one application submitted through the real services,
whose case page is measured. After loading, PostgreSQL's tables are vacuumed and analysed, as autovacuum
would, and SQLite's analysed (as PRAGMA optimize would).

At each size, in process through Django's test client and the whole middleware stack, with a case
officer's session: queries and server time (median and least of ``--runs`` after a warm-up) for the work list
(60 rows a page; it opens on open cases) and the same list of every received application, free-text
searches, a filter and a sort. At ``--serve-at`` applications, on
PostgreSQL: gunicorn (2 sync workers) serves the work list to wrk (``--clients`` connections,
``--duration`` seconds, the officer's cookie), and /livez (no database query) through the same
middleware with the same cookie in the same run.

Targets (issue 7): ≤ 12 queries per work list page; server time at 100 000 ≤ 1.5 × at 100;
≥ 100 requests/s at 10 000 applications and within 17 × of the trivial view; case page ≤ 15 queries.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving import answer, database, each_database, gunicorn, logged_in_session, met, server_env, wrk  # noqa: E402

STOCKHOLM = ZoneInfo("Europe/Stockholm")
BATCH = 5_000
YEARS = 10  # one call a year, the last one open now
PAGES = {
    "work list": "/handlaggning/",  # open cases, as the list opens
    "all received": "/handlaggning/?status=",  # counts and sums every application ever received
    "search municipality": "/handlaggning/?q=Malmö",
    "search case number": "/handlaggning/?q=851-0042",
    "case number, all": "/handlaggning/?status=&q=851-0042",
    "filter status+area": "/handlaggning/?status=granted&national_area=north",
    "sort by amount": "/handlaggning/?sort=amount&direction=desc",
}
ADMINISTRATIONS = [
    "Socialförvaltningen",
    "Kulturförvaltningen",
    "Utbildningsförvaltningen",
    "Arbetsmarknadsförvaltningen",
    "Kommunledningskontoret",
    "Fritidsförvaltningen",
]
WHAT = ["Brobyggare", "Läsambassadörer", "Hälsoinformatörer", "Bostadslotsar", "Kulturhus", "Språkcaféer", "Mentorer"]
WHERE = ["i skolan", "för unga", "i förskolan", "för kvinnor", "på biblioteket", "i arbetslivet", "för äldre"]
# (status, weight) for the open call and for past calls.
OPEN_STATUSES = [("draft", 15), ("submitted", 40), ("in_assessment", 25), ("awaiting_applicant", 5), ("assessed", 15)]
PAST_STATUSES = [("draft", 5), ("granted", 30), ("partly_granted", 10), ("refused", 50), ("withdrawn", 5)]


class Register:
    """Applications, cases, decisions and reports made with bulk_create (a benchmark fixture).

    Real applications are only ever received through bidra.applications.services.submit; this
    makes rows shaped as the work list reads them, fast.
    """

    def __init__(self) -> None:
        from django.contrib.auth.hashers import make_password
        from django.utils import timezone

        from bidra.accounts.models import AgencyRole, StaffRole, User
        from bidra.decisions.models import DecisionBatch
        from bidra.municipalities.models import Municipality
        from bidra.municipalities.reference_data import load_shipped_reference_data
        from bidra.programmes.models import Call
        from bidra.programmes.seed import ensure_roma_programme

        self.rng = random.Random(2024)  # noqa: S311 - reproducible data, not security
        load_shipped_reference_data()
        self.programme = ensure_roma_programme()
        self.areas = list(self.programme.areas.all())
        self.places = list(Municipality.objects.order_by("code"))
        self.weights = [max(p.population, 1) ** 0.5 for p in self.places]
        password = make_password("bench-password-1234")  # hashed once: PBKDF2 per user would take minutes
        self.applicants = {
            u.email: u
            for u in User.objects.bulk_create(
                User(email=f"ansokan@{p.code}.kommun.test", full_name=f"Handläggare {p.name}", password=password)
                for p in self.places
            )
        }
        self.officer = User.objects.create_user("hanna@lst.test", "bench-password-1234", full_name="Hanna Handläggare")
        StaffRole.objects.create(user=self.officer, role=AgencyRole.CASE_OFFICER)
        self.now = timezone.now()
        this_year = timezone.localdate().year
        self.calls = []
        for year in range(this_year - YEARS + 1, this_year + 1):
            current = year == this_year
            opens = self.now - timedelta(days=30) if current else datetime(year, 1, 15, tzinfo=STOCKHOLM)
            closes = self.now + timedelta(days=30) if current else datetime(year, 4, 15, 23, 59, tzinfo=STOCKHOLM)
            self.calls.append(
                Call.objects.create(
                    programme=self.programme,
                    title=f"Statsbidrag {year}",
                    slug=f"statsbidrag-{year}",
                    opens_at=opens,
                    closes_at=closes,
                    budget=Decimal(8_650_000),
                    period_start_earliest=date(year, 7, 1),
                    period_end_latest=date(year + 1, 12, 31),
                    report_due_date=date(year + 2, 3, 31),
                )
            )
        self.batches = {
            call.pk: DecisionBatch.objects.create(
                call=call,
                presenter=self.officer,
                state=DecisionBatch.State.SIGNED,
                signed_by=self.officer,
                signed_at=call.closes_at + timedelta(days=50),
            )
            for call in self.calls[:-1]
        }
        self.serials: dict[int, int] = {}
        self.count = 0

    def grow_to(self, total: int) -> None:
        from django.db import connection, transaction

        from bidra.diarium.models import CaseNumberSequence

        for sequence in CaseNumberSequence.objects.filter(prefix=self.programme.case_number_prefix):
            # Numbers taken by real submissions in between (submitted_for_real) are not made again.
            self.serials[sequence.year] = max(self.serials.get(sequence.year, 0), sequence.last_number)
        while self.count < total:
            with transaction.atomic():
                self._add(min(BATCH, total - self.count))
        # Real submissions continue each year's numbering after the bulk-made cases.
        for year, last in self.serials.items():
            CaseNumberSequence.objects.update_or_create(
                prefix=self.programme.case_number_prefix, year=year, defaults={"last_number": last}
            )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # What autovacuum does to a table after many inserts (PostgreSQL 13 and later): statistics,
                # and the visibility map that lets a count be answered from an index alone.
                cursor.execute("VACUUM ANALYZE")
            else:
                # SQLite plans without statistics until ANALYZE (or PRAGMA optimize) has run; without
                # them it counts open cases by walking the newest-first index instead of the status index.
                cursor.execute("ANALYZE")

    def _add(self, n: int) -> None:
        from bidra.applications.models import Application
        from bidra.decisions.models import Decision
        from bidra.diarium.models import Case
        from bidra.reports.models import Report

        rng = self.rng
        rows = []
        for _ in range(n):
            call = rng.choice(self.calls)
            current = call is self.calls[-1]
            statuses = OPEN_STATUSES if current else PAST_STATUSES
            status = rng.choices([s for s, _ in statuses], [w for _, w in statuses])[0]
            place = rng.choices(self.places, self.weights)[0]
            span = (min(call.closes_at, self.now) - call.opens_at).total_seconds()
            at = call.opens_at + timedelta(seconds=rng.uniform(0, span))
            rows.append((call, status, place, at))
        cases = {}
        for i, (_call, status, _place, at) in enumerate(rows):
            if status != "draft":
                year = at.astimezone(STOCKHOLM).year
                serial = self.serials[year] = self.serials.get(year, 0) + 1
                cases[i] = Case(
                    number=f"{self.programme.case_number_prefix}-{serial:04d}-{year}",
                    prefix=self.programme.case_number_prefix,
                    year=year,
                    serial=serial,
                    subject="Ansökan om statsbidrag till kommuner för att främja romsk inkludering",
                    programme=self.programme,
                    registered_at=at,
                )
        Case.objects.bulk_create(cases.values(), batch_size=1000)
        applications = []
        for i, (call, status, place, at) in enumerate(rows):
            received = status != "draft"
            requested = Decimal(rng.randrange(50, 1501) * 1000)
            applications.append(
                Application(
                    call=call,
                    municipality=place,
                    status=status,
                    created_by=self.applicants[f"ansokan@{place.code}.kommun.test"],
                    created_at=at - timedelta(days=rng.randint(0, 20)),
                    updated_at=at,
                    administration=rng.choice(ADMINISTRATIONS),
                    contact_name="Kontaktperson",
                    contact_email=f"kontakt@{place.code}.kommun.test",
                    title=f"{rng.choice(WHAT)} {rng.choice(WHERE)}",
                    summary="Insatsen stöder romska familjer i kontakten med kommunens verksamheter.",
                    target_groups=rng.sample(["women", "children_youth", "elderly", "socially_vulnerable"], 2),
                    period_start=call.period_start_earliest,
                    period_end=call.period_end_latest,
                    requested_amount=requested,
                    submitted_at=at if received else None,
                    submitted_by=self.applicants[f"ansokan@{place.code}.kommun.test"] if received else None,
                    case=cases.get(i),
                    screening_outcome=("passed" if rng.random() < 0.85 else "failed") if received else "not_screened",
                )
            )
        Application.objects.bulk_create(applications, batch_size=1000)
        Through = Application.areas.through
        Through.objects.bulk_create(
            (
                Through(application_id=a.pk, area_id=area.pk)
                for a in applications
                for area in rng.sample(self.areas, rng.randint(1, 3))
            ),
            batch_size=2000,
        )
        decisions = []
        for a in applications:
            if a.status in ("granted", "partly_granted", "refused"):
                amount = {"granted": a.requested_amount, "partly_granted": a.requested_amount / 2, "refused": 0}
                decisions.append(
                    Decision(
                        batch=self.batches[a.call_id],
                        application=a,
                        outcome=a.status,
                        amount=Decimal(amount[a.status]).quantize(Decimal(1)),
                        reasons="Skäl för beslutet.",
                        report_due_date=a.call.report_due_date if a.status != "refused" else None,
                        appeal_text="Beslutet får inte överklagas.",
                        published=a.status != "refused",
                    )
                )
        Decision.objects.bulk_create(decisions, batch_size=1000)
        today = self.now.date()
        reports = []
        for d in decisions:
            if d.outcome == "refused":
                continue
            due = d.report_due_date
            if due < today:  # mostly reported and approved; about one in ten overdue
                status = rng.choices(["approved", "submitted", "draft", None], [85, 5, 4, 6])[0]
            else:
                status = rng.choice(["draft", None])
            if status:
                reports.append(Report(decision=d, municipality=d.application.municipality, status=status, due_date=due))
        Report.objects.bulk_create(reports, batch_size=1000)
        self.count += n

    def submitted_for_real(self):
        """One application through the real services (draft, attachment, submission, a recorded check)."""
        import io
        import uuid

        from bidra.accounts.models import Membership
        from bidra.applications import services
        from bidra.applications.models import BudgetLine

        place = next(p for p in self.places if p.code == "0180")
        user = self.applicants[f"ansokan@{place.code}.kommun.test"]
        Membership.objects.get_or_create(user=user, municipality=place)
        call = self.calls[-1]
        draft = services.start_application(call=call, municipality=place, by=user, start_key=uuid.uuid4())
        draft.administration = "Socialförvaltningen"
        draft.contact_name, draft.contact_email = "Anna Andersson", "anna@0180.kommun.test"
        draft.title = "Brobyggare i skolan"
        draft.summary = "Två brobyggare stöder romska elever och deras familjer."
        draft.purpose, draft.activities = "Öka närvaron i skolan.", "Hembesök, läxhjälp och föräldraträffar."
        draft.target_groups = ["children_youth", "women"]
        draft.roma_participation = "En referensgrupp med romska föräldrar styr arbetet."
        draft.long_term_effects = "Arbetssättet förs in i skolans ordinarie elevhälsa."
        draft.period_start = call.period_start_earliest
        draft.period_end = call.period_start_earliest + timedelta(days=300)
        draft.requested_amount = Decimal(400_000)
        draft.save()
        draft.areas.set(self.areas[:2])
        BudgetLine.objects.create(application=draft, category="personnel", description="Brobyggare", amount=300_000)
        BudgetLine.objects.create(application=draft, category="materials", description="Material", amount=100_000)
        pdf = (
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        )
        services.add_attachment(draft, upload=io.BytesIO(pdf), name="plan.pdf", size=len(pdf), by=user)
        application = services.submit(draft.pk, by=user).application
        services.record_manual_check(
            application, code="not_statutory_duty", passed=True, note="Går utöver skollagens krav.", by=self.officer
        )
        self.count += 1
        return application


def measure(client, url: str, runs: int) -> dict:
    """Median and least wall time of ``runs`` requests (the least is the one other load on a shared machine
    disturbed least), the median process time, and the usual and the largest number of queries (once a
    minute a request also writes the session's last-seen time)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up; also checks the page
    assert response.status_code == 200, (url, response.status_code)
    times, cpu, counts = [], [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200
        counts.append(len(queries))
    return {
        "ms": 1000 * statistics.median(times),
        "min_ms": 1000 * min(times),
        "cpu_ms": 1000 * statistics.median(cpu),
        "queries": statistics.mode(counts),
        "queries_max": max(counts),
    }


def child(args: argparse.Namespace) -> None:
    """Everything for one database, in this process; writes the figures as JSON to ``--results``."""
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it comes, also into a file
    results: dict = {"vendor": args.child, "pages": [], "case": None, "load": None}
    with tempfile.TemporaryDirectory(prefix="bidra-bench-worklist-") as name:
        folder = Path(name)
        with database(args.child, "worklist", folder) as url:
            env = server_env(url, folder)
            os.environ.update(env)
            import django

            django.setup()
            from django.conf import settings
            from django.core.management import call_command
            from django.db import connection
            from django.test import Client

            started = time.perf_counter()
            call_command("migrate", verbosity=0)
            register = Register()
            print(f"[{args.child}] migrated and set up in {time.perf_counter() - started:.1f} s", flush=True)
            session = logged_in_session(register.officer)
            client = Client()
            client.cookies[settings.SESSION_COOKIE_NAME] = session
            for size in sorted(args.sizes):
                started = time.perf_counter()
                register.grow_to(size)
                print(
                    f"[{args.child}] {register.count} applications made in {time.perf_counter() - started:.1f} s",
                    flush=True,
                )
                if size == args.serve_at and results["case"] is None:
                    application = register.submitted_for_real()
                    case_url = f"/handlaggning/arenden/{application.pk}/"
                    results["case"] = {"size": register.count, **measure(client, case_url, args.runs)}
                for label, page in PAGES.items():
                    row = {"size": size, "page": label, **measure(client, page, args.runs)}
                    results["pages"].append(row)
                    print(
                        f"[{args.child}] {size:>7} {label:<21} {row['queries']:>3} queries, "
                        f"median {row['ms']:>7.1f} ms, least {row['min_ms']:>7.1f} ms, "
                        f"process time {row['cpu_ms']:>7.1f} ms",
                        flush=True,
                    )
                if results["case"] and results["case"]["size"] == register.count:
                    case = results["case"]
                    print(f"[{args.child}] case page: {case['queries']} queries {case['ms']:.1f} ms")
                if size == args.serve_at and args.child == "postgresql" and args.duration:
                    connection.close()
                    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
                    with gunicorn(env, folder) as base:
                        load = {}
                        for label, path in (("work list", "/handlaggning/"), ("/livez", "/livez")):
                            status = answer(base + path, cookie)
                            assert status == 200, f"{path} answered {status} with the officer's cookie"
                            figures = wrk(
                                label,
                                base + path,
                                cookie=cookie,
                                threads=args.threads,
                                connections=args.clients,
                                seconds=args.duration,
                            )
                            load[label] = figures.__dict__ | {"per_second": figures.per_second}
                            print(f"[{args.child}] wrk {label}: {figures.per_second:.1f} requests/s", flush=True)
                        results["load"] = {"size": register.count, **load}
            connection.close()
    Path(args.results).write_text(json.dumps(results))


def report(all_results: list[dict], args: argparse.Namespace) -> None:
    print()
    print(
        f"Work list and search, in process (Django test client, whole middleware stack), {args.runs} runs: "
        "queries, median ms, least ms"
    )
    smallest, largest = min(args.sizes), max(args.sizes)
    header = f"{'database':<11} {'page':<21} " + " ".join(f"{f'{s:,}':>21}" for s in sorted(args.sizes))
    header += f" {f'{largest:,}/{smallest:,} median':>18} {'least':>6}"
    print(header)
    print("-" * len(header))
    verdicts = []
    for results in all_results:
        vendor = results["vendor"]
        for label in PAGES:
            by_size = {row["size"]: row for row in results["pages"] if row["page"] == label}
            cells = [
                f"{by_size[size]['queries']:>3} {by_size[size]['ms']:>8.1f} {by_size[size]['min_ms']:>8.1f}"
                for size in sorted(args.sizes)
            ]
            ratio = by_size[largest]["ms"] / by_size[smallest]["ms"]
            least = by_size[largest]["min_ms"] / by_size[smallest]["min_ms"]
            print(f"{vendor:<11} {label:<21} " + " ".join(f"{c:>21}" for c in cells) + f" {ratio:>18.2f} {least:>6.2f}")
            if label == "work list":
                usual = max(r["queries"] for r in by_size.values())
                most = max(r["queries_max"] for r in by_size.values())
                verdicts.append(
                    (f"{vendor}: work list ≤ 12 queries a page ({usual}; {most} with the session's write)", usual <= 12)
                )
                verdicts.append(
                    (
                        f"{vendor}: work list time at {largest:,} ≤ 1.5 × at {smallest:,} "
                        f"(least {least:.2f} ×, median {ratio:.2f} ×)",
                        least <= 1.5,
                    )
                )
        if results["case"]:
            case = results["case"]
            print(
                f"{vendor:<11} case page at {case['size']:,}: {case['queries']} queries "
                f"({case['queries_max']} with the session's write), median {case['ms']:.1f} ms"
            )
            verdicts.append((f"{vendor}: case page ≤ 15 queries ({case['queries']})", case["queries"] <= 15))
        if results["load"]:
            load = results["load"]
            page, trivial = load["work list"], load["/livez"]
            print()
            print(
                f"gunicorn, 2 sync workers, {vendor}, {load['size']:,} applications: wrk -t{args.threads} "
                f"-c{args.clients} -d{args.duration}s, the officer's cookie"
            )
            print(
                f"{'url':<16} {'requests/s':>11} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
                f"{'requests':>9} {'errors':>7}"
            )
            for row in (page, trivial):
                print(
                    f"{row['label']:<16} {row['per_second']:>11.1f} {row['p50']:>8.1f} {row['p95']:>8.1f} "
                    f"{row['p99']:>8.1f} {row['requests']:>9} {row['errors']:>7}"
                )
            slower = trivial["per_second"] / page["per_second"] if page["per_second"] else float("inf")
            print(f"the trivial view serves {slower:.1f} × as many requests a second as the work list")
            verdicts.append((f"{vendor}: ≥ 100 requests/s ({page['per_second']:.0f})", page["per_second"] >= 100))
            verdicts.append((f"{vendor}: within 17 × of the trivial view ({slower:.1f} ×)", slower <= 17))
            verdicts.append((f"{vendor}: 0 errors under load ({page['errors']})", page["errors"] == 0))
    print()
    print("Targets (issue 7):")
    for text, ok in verdicts:
        print(f"  {met(ok):<6} {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000, 100_000])
    parser.add_argument("--databases", nargs="+", choices=["postgresql", "sqlite"], default=["postgresql", "sqlite"])
    parser.add_argument("--runs", type=int, default=7, help="timed requests per page (median)")
    parser.add_argument("--serve-at", type=int, default=10_000, help="size at which gunicorn is measured")
    parser.add_argument("--clients", type=int, default=20, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per URL (0: no server run)")
    parser.add_argument("--child", choices=["postgresql", "sqlite"], help=argparse.SUPPRESS)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if args.serve_at not in args.sizes:
        parser.error("--serve-at must be one of --sizes")
    print(f"Work list benchmark: sizes {args.sizes}, databases {args.databases}", flush=True)
    all_results = each_database(__file__, args.databases, "worklist")
    report(all_results, args)


if __name__ == "__main__":
    main()

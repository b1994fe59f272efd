"""Benchmark of the yearly follow-up report on ten years of data (a script, not a test).

Run from the project root:  .venv/bin/python bench/followup.py [--per-year 40] [--years 10]

Builds a throwaway SQLite database in a temporary folder, migrates it and loads the municipalities and the
Roma programme. For speed the grants are written with bulk_create, bypassing the services (no diarium
events, no decision letters, no audit trail): per year one call, ``--per-year`` received applications
(municipalities weighted by √population, 1–3 areas, target groups), signed decisions for about 70 % of them,
payment orders (paid for all but the last year), and, when the reports app is present, reports and a few
reclaims. Then it times computing the figures, rendering the HTML page and writing the PDF for the last year.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def setup(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["PRIVATE_FILES_ROOT"] = str(folder / "private")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bidra.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(years: list[int], per_year: int, seed: int = 2024) -> None:
    from bidra.accounts.models import AgencyRole, StaffRole, User
    from bidra.applications.models import Application
    from bidra.decisions.models import Decision, DecisionBatch
    from bidra.diarium.models import Case
    from bidra.followup.figures import reports_available
    from bidra.municipalities.models import Municipality
    from bidra.municipalities.reference_data import load_shipped_reference_data
    from bidra.payments.models import PaymentOrder
    from bidra.programmes.models import Call
    from bidra.programmes.seed import ensure_roma_programme

    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    load_shipped_reference_data()
    programme = ensure_roma_programme()
    areas = list(programme.areas.all())
    places = list(Municipality.objects.all())
    weights = [p.population**0.5 for p in places]
    staff = User.objects.create_user("bench@lst.test", "bench-password-1234", full_name="Bench")
    StaffRole.objects.create(user=staff, role=AgencyRole.ANALYST)
    groups = ["women", "children_youth", "elderly", "socially_vulnerable", "municipal_staff"]
    Through = Application.areas.through
    for year in years:
        call = Call.objects.create(
            programme=programme,
            title=f"Statsbidrag {year}",
            slug=f"bench-{year}",
            opens_at=datetime(year, 1, 15, tzinfo=STOCKHOLM),
            closes_at=datetime(year, 4, 15, 23, 59, tzinfo=STOCKHOLM),
            budget=Decimal(8_650_000),
            period_start_earliest=date(year, 7, 1),
            period_end_latest=date(year + 1, 12, 31),
            report_due_date=date(year + 2, 3, 31),
        )
        cases = Case.objects.bulk_create(
            Case(
                number=f"851-{i:04d}-{year}", prefix="851", year=year, serial=i, subject="Ansökan", programme=programme
            )
            for i in range(1, per_year + 1)
        )
        chosen = rng.choices(places, weights, k=per_year)
        applications = Application.objects.bulk_create(
            Application(
                call=call,
                municipality=place,
                created_by=staff,
                status="submitted",
                title=f"Insats {i} i {place.name}",
                target_groups=rng.sample(groups, rng.randint(1, 3)),
                requested_amount=Decimal(rng.randrange(100, 1500) * 1000),
                submitted_at=call.closes_at - timedelta(days=rng.randint(0, 30)),
                case=case,
            )
            for i, (place, case) in enumerate(zip(chosen, cases, strict=True), 1)
        )
        Through.objects.bulk_create(
            Through(application_id=a.pk, area_id=area.pk)
            for a in applications
            for area in rng.sample(areas, rng.randint(1, 3))
        )
        batch = DecisionBatch.objects.create(
            call=call,
            presenter=staff,
            state="signed",
            signed_by=staff,
            signed_at=datetime(year, 6, 10, tzinfo=STOCKHOLM),
        )
        decisions = []
        for a in applications:
            granted = rng.random() < 0.7
            amount = (a.requested_amount * Decimal(rng.choice([1, 1, 0.8, 0.6]))).quantize(Decimal(1)) if granted else 0
            decisions.append(
                Decision(
                    batch=batch,
                    application=a,
                    outcome="granted" if granted else "refused",
                    amount=amount,
                    reasons="Skäl",
                    appeal_text="Beslutet får inte överklagas.",
                    published=granted,
                )
            )
        decisions = Decision.objects.bulk_create(decisions)
        Application.objects.filter(pk__in=[d.application_id for d in decisions if d.amount]).update(status="granted")
        Application.objects.filter(pk__in=[d.application_id for d in decisions if not d.amount]).update(
            status="refused"
        )
        grants = [d for d in decisions if d.amount]
        last = year == years[-1]
        PaymentOrder.objects.bulk_create(
            PaymentOrder(
                decision=d,
                municipality=d.application.municipality,
                call=call,
                amount=d.amount,
                status="planned" if last and rng.random() < 0.5 else "paid",
                reference=f"B{year}-{d.pk}",
            )
            for d in grants
        )
        if reports_available():
            from bidra.reports.models import Reclaim, Report

            Report.objects.bulk_create(
                Report(
                    decision=d,
                    municipality=d.application.municipality,
                    status=rng.choice(["draft", "submitted", "approved", "approved"]),
                    results=f"Insatsen i {d.application.municipality.name} nådde sina mål.",
                )
                for d in grants
            )
            Reclaim.objects.bulk_create(
                Reclaim(
                    decision=d,
                    amount=(d.amount / 10).quantize(Decimal(1)),
                    reasons="Outnyttjade medel",
                    repay_by=date(year + 2, 6, 30),
                    presenter=staff,
                    status=rng.choice(["claimed", "paid_back"]),
                )
                for d in rng.sample(grants, max(1, len(grants) // 10))
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bidra-bench-") as folder:
        started = time.perf_counter()
        setup(Path(folder))
        migrated = time.perf_counter()
        years = list(range(2034 - args.years, 2034))
        build(years, args.per_year)
        built = time.perf_counter()

        from django.conf import settings
        from django.db import connection, reset_queries
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from bidra.accounts.models import User
        from bidra.core.pdf import render_pdf
        from bidra.followup import report
        from bidra.followup.figures import compute, reports_available
        from bidra.programmes.models import Programme

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        programme, year = Programme.objects.get(), years[-1]
        reset_queries()
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            figures = compute(programme, year)
        t1 = time.perf_counter()
        context = report.build(programme, year)
        t2 = time.perf_counter()
        client = Client()
        client.force_login(User.objects.get(email="bench@lst.test"))
        t3 = time.perf_counter()
        page = client.get(f"/uppfoljning/{programme.slug}/{year}/")
        t4 = time.perf_counter()
        pdf = render_pdf("followup/report_pdf.html", context)
        t5 = time.perf_counter()
        assert page.status_code == 200 and pdf.startswith(b"%PDF")
        total = (t1 - t0) + (t4 - t3) + (t5 - t4)
        print(
            f"data: {len(years)} years × {args.per_year} applications ({years[0]}–{year}), "
            f"reports app: {reports_available()}"
        )
        print(f"setup+migrate {migrated - started:.1f} s, building data {built - migrated:.1f} s (not timed below)")
        print(
            f"year {year}: {figures.totals.grants} grants, {figures.totals.granted} kr granted, "
            f"{figures.totals.paid} kr paid"
        )
        print(f"compute figures:     {t1 - t0:6.2f} s ({len(queries)} queries)")
        print(f"figures + charts:    {t2 - t1:6.2f} s")
        print(f"HTML page (request): {t4 - t3:6.2f} s ({len(page.content) // 1024} KiB)")
        print(f"PDF:                 {t5 - t4:6.2f} s ({len(pdf) // 1024} KiB)")
        print(f"total (figures + HTML + PDF): {total:.2f} s  (target < 15 s)")


if __name__ == "__main__":
    main()

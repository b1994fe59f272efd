"""Benchmark of the open-data exports (360Giving JSON and CSV): speed and memory (a script, not a test).

Run from the project root:  .venv/bin/python bench/export.py [--sizes 10000 100000]

Sets up a throwaway SQLite database in a temporary folder (never the project's own), migrates it,
loads the municipalities and the Roma programme, and creates published grants in bulk. Then it
requests /opendata/360giving.json and /opendata/360giving.csv through Django's test client, the
whole stack with its middleware, and reads the streamed body piece by piece without keeping it.

For each size and format it prints: grants, seconds and grants per second (a pass without
tracemalloc, which slows Python down), the peak Python memory while exporting (tracemalloc, a
second pass), and the process's maximum resident set size before and after the export. If the
export streams, the tracemalloc peak stays about the same from 10 000 to 100 000 grants.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
import warnings
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKDIR = tempfile.TemporaryDirectory(prefix="bidra-bench-export-")
os.environ["DATABASE_URL"] = f"sqlite:///{Path(WORKDIR.name) / 'bench.sqlite3'}"
os.environ["PRIVATE_FILES_ROOT"] = str(Path(WORKDIR.name) / "private")
os.environ["DEBUG"] = "false"  # no query log kept in memory
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bidra.settings")
warnings.filterwarnings("ignore", "No directory at", UserWarning)  # whitenoise before collectstatic

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bidra.accounts.models import User  # noqa: E402
from bidra.applications.models import Application  # noqa: E402
from bidra.decisions.models import Decision, DecisionBatch, Outcome  # noqa: E402
from bidra.diarium.models import Case  # noqa: E402
from bidra.municipalities.models import Municipality  # noqa: E402
from bidra.municipalities.reference_data import load_shipped_reference_data  # noqa: E402
from bidra.programmes.models import Call  # noqa: E402
from bidra.programmes.seed import ensure_roma_programme  # noqa: E402

BATCH = 5_000  # rows per bulk_create, and grants per signed decision batch
URLS = {"json": "/opendata/360giving.json", "csv": "/opendata/360giving.csv"}


class Fixture:
    """Published grants made directly with bulk_create.

    This bypasses the services (submission, assessment, signing with PDF letters, the event log):
    it is a benchmark fixture that only needs rows shaped as published_grants() reads them, made
    fast. Real grants are only ever made through bidra.decisions.services.sign_batch.
    """

    def __init__(self) -> None:
        self.rng = random.Random(2024)  # noqa: S311 - reproducible data, not security
        load_shipped_reference_data()
        self.programme = ensure_roma_programme()
        self.areas = list(self.programme.areas.all())
        self.municipalities = list(Municipality.objects.order_by("code"))
        # A few municipalities have their organisation number recorded (SE-ON-…), the rest use the fallback.
        Municipality.objects.filter(code="1280").update(organisation_number="212000-1124")
        self.applicant = User.objects.create_user("bench@kommun.test", "bench-password-123", full_name="Bench")
        self.officer = User.objects.create_user("officer@lst.test", "bench-password-123", full_name="Officer")
        self.signer = User.objects.create_user("signer@lst.test", "bench-password-123", full_name="Signer")
        now = datetime(2024, 1, 15, 9, 0, tzinfo=UTC)
        self.call = Call.objects.create(
            programme=self.programme,
            title="Benchmark",
            slug="benchmark",
            opens_at=now - timedelta(days=60),
            closes_at=now,
            budget=Decimal(10**12),
            period_start_earliest=date(2024, 1, 1),
            period_end_latest=date(2025, 12, 31),
            report_due_date=date(2026, 3, 31),
        )
        self.count = 0

    def grow_to(self, total: int) -> None:
        while self.count < total:
            self._add(min(BATCH, total - self.count))

    def _add(self, n: int) -> None:
        rng, start = self.rng, self.count
        signed_at = datetime(2024, 5, 2, 21, 30, tzinfo=UTC) + timedelta(days=start // BATCH)
        batch = DecisionBatch.objects.create(
            call=self.call,
            presenter=self.officer,
            state=DecisionBatch.State.SIGNED,
            signed_by=self.signer,
            signed_at=signed_at,
        )
        cases = Case.objects.bulk_create(
            Case(
                number=f"851-{start + i + 1:06d}-2024",
                prefix="851",
                year=2024,
                serial=start + i + 1,
                subject="Ansökan om statsbidrag",
                programme=self.programme,
                registered_at=signed_at - timedelta(days=30),
            )
            for i in range(n)
        )
        applications = Application.objects.bulk_create(
            Application(
                call=self.call,
                municipality=rng.choice(self.municipalities),
                status="granted",
                created_by=self.applicant,
                title=f"Brobyggare i skolan {start + i + 1}",
                summary="Två brobyggare stöder romska elever och deras familjer, med läxhjälp och hembesök.",
                period_start=date(2024, 8, 1),
                period_end=date(2025, 6, 30),
                requested_amount=Decimal(rng.randrange(50, 1501) * 1000),
                submitted_at=signed_at - timedelta(days=30),
                case=case,
            )
            for i, case in enumerate(cases)
        )
        Application.areas.through.objects.bulk_create(
            Application.areas.through(application_id=application.pk, area_id=area.pk)
            for application in applications
            for area in rng.sample(self.areas, rng.randint(1, 3))
        )
        Decision.objects.bulk_create(
            Decision(
                batch=batch,
                application=application,
                outcome=Outcome.GRANTED,
                amount=application.requested_amount,
                reasons="Benchmark.",
                appeal_text="Beslutet får inte överklagas.",
                published=True,
            )
            for application in applications
        )
        self.count += n


def max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def consume(client: Client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200 and response.streaming, (url, response.status_code)
    size = 0
    for piece in response.streaming_content:
        size += len(piece)
    response.close()
    return size


def measure(client: Client, grants: int, kind: str) -> dict:
    url = URLS[kind]
    rss_before = max_rss_mib()
    started = time.perf_counter()
    size = consume(client, url)
    seconds = time.perf_counter() - started
    rss_after = max_rss_mib()
    tracemalloc.start()
    consume(client, url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "format": kind,
        "grants": grants,
        "mib_out": size / 2**20,
        "seconds": seconds,
        "per_second": grants / seconds,
        "peak_mib": peak / 2**20,
        "rss_before": rss_before,
        "rss_after": rss_after,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    sizes = sorted(parser.parse_args().sizes)

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    fixture = Fixture()
    migrated = time.perf_counter() - started
    print(f"Database: {connection.vendor} in {WORKDIR.name} (throwaway), migrated in {migrated:.1f} s")
    client = Client()
    for url in URLS.values():  # warm up: imports, URL resolving and templates are not the export's cost
        consume(client, url)
    header = (
        f"{'format':<6} {'grants':>8} {'output MiB':>10} {'seconds':>8} {'grants/s':>9} "
        f"{'tracemalloc peak MiB':>20} {'max RSS before MiB':>18} {'max RSS after MiB':>17}"
    )
    rows = []
    for size in sizes:
        started = time.perf_counter()
        fixture.grow_to(size)
        print(f"Made {size} published grants (bulk_create) in {time.perf_counter() - started:.1f} s")
        for kind in URLS:
            rows.append(measure(client, size, kind))
    print()
    print(header)
    for r in rows:
        print(
            f"{r['format']:<6} {r['grants']:>8} {r['mib_out']:>10.1f} {r['seconds']:>8.2f} {r['per_second']:>9.0f} "
            f"{r['peak_mib']:>20.2f} {r['rss_before']:>18.1f} {r['rss_after']:>17.1f}"
        )
    WORKDIR.cleanup()


if __name__ == "__main__":
    main()

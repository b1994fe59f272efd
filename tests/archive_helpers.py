"""Building closed cases in the past, for the gallring (weeding) and erasure tests."""

import io
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from bidra.applications import services
from bidra.programmes.models import Call

from .helpers import PDF_BYTES, fill_complete, start_draft


def past_call(programme, years_ago: int) -> Call:
    now = timezone.now() - timedelta(days=365 * years_ago + 60)
    return Call.objects.create(
        programme=programme,
        title=f"Omgång för {years_ago} år sedan",
        slug=f"omgang-{years_ago}-ar-sedan",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=30),
        budget=Decimal(8_650_000),
        period_start_earliest=date(now.year, 1, 1),
        period_end_latest=date(now.year + 1, 12, 31),
        report_due_date=date(now.year + 2, 3, 31),
    )


def withdrawn_case(call, user, *, code: str = "0180", pdf: bytes = PDF_BYTES):
    """An application with an attachment, submitted and withdrawn while ``call`` was open."""
    at = call.opens_at + timedelta(days=1)
    draft = fill_complete(start_draft(call, user, code=code, at=at))
    services.add_attachment(draft, upload=io.BytesIO(pdf), name="plan.pdf", size=len(pdf), by=user)
    submitted = services.submit(draft.pk, by=user, at=at + timedelta(hours=1)).application
    services.withdraw(submitted.pk, by=user, at=at + timedelta(days=2))
    submitted.refresh_from_db()
    return submitted

"""Building closed cases in the past, for the gallring (weeding) and erasure tests."""

import io
from datetime import timedelta

from django.utils import timezone

from bidra.applications import services
from bidra.programmes.models import Call

from .helpers import PDF_BYTES, fill_complete, make_call, start_draft


def past_call(programme, years_ago: int) -> Call:
    return make_call(
        programme,
        title=f"Omgång för {years_ago} år sedan",
        slug=f"omgang-{years_ago}-ar-sedan",
        around=timezone.now() - timedelta(days=365 * years_ago + 60),
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

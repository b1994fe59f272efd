"""The closing minute is judged in Stockholm time, on both sides, across daylight-saving changes."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from bidra.applications import services
from bidra.audit.models import Event
from bidra.core.stockholm import at
from bidra.programmes.models import Call
from bidra.programmes.rules import call_accepts

from .helpers import fill_complete, start_draft


def call_closing(closes_at: datetime, opens_at: datetime | None = None) -> Call:
    return Call(
        title="t",
        slug="t",
        opens_at=opens_at or closes_at - timedelta(days=60),
        closes_at=closes_at,
        budget=Decimal(1),
        period_start_earliest=date(2024, 1, 1),
        period_end_latest=date(2025, 12, 31),
        report_due_date=date(2026, 3, 31),
    )


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_the_whole_closing_minute_is_in_time():
    call = call_closing(at(2024, 4, 15, 23, 59))  # 21:59 UTC in summer time
    assert call_accepts(call, utc(2024, 4, 15, 21, 59, 0))
    assert call_accepts(call, utc(2024, 4, 15, 21, 59, 59, 999999))


def test_the_minute_after_closing_is_late():
    call = call_closing(at(2024, 4, 15, 23, 59))
    assert not call_accepts(call, utc(2024, 4, 15, 22, 0, 0))
    assert not call_accepts(call, utc(2024, 4, 16, 9, 0))


def test_deadline_is_stockholm_time_not_utc():
    call = call_closing(at(2024, 4, 15, 23, 59))
    # 23:30 UTC on 15 April is already 01:30 on 16 April in Stockholm.
    assert not call_accepts(call, utc(2024, 4, 15, 23, 30))


def test_deadline_on_the_day_summer_time_starts():
    # 31 March 2024: clocks go from 02:00 to 03:00; 23:59 local is 21:59 UTC (UTC+2).
    call = call_closing(at(2024, 3, 31, 23, 59))
    assert call_accepts(call, utc(2024, 3, 31, 21, 59, 30))
    assert not call_accepts(call, utc(2024, 3, 31, 22, 0, 0))


def test_deadline_on_the_day_summer_time_ends():
    # 27 October 2024: clocks go from 03:00 back to 02:00; 23:59 local is 22:59 UTC (UTC+1).
    call = call_closing(at(2024, 10, 27, 23, 59))
    assert call_accepts(call, utc(2024, 10, 27, 22, 59, 30))
    assert not call_accepts(call, utc(2024, 10, 27, 23, 0, 0))
    assert call_accepts(call, utc(2024, 10, 27, 21, 59, 59))


def test_a_call_that_has_not_opened_accepts_nothing():
    call = call_closing(at(2024, 4, 15, 23, 59), opens_at=at(2024, 1, 15, 8, 0))
    assert not call_accepts(call, at(2024, 1, 15, 7, 59))
    assert call_accepts(call, at(2024, 1, 15, 8, 0))


@pytest.mark.django_db
def test_application_after_deadline_is_refused_and_logged(programme, stockholm_user):
    call = call_closing(at(2024, 4, 15, 23, 59))
    call.programme = programme
    call.save()
    application = fill_complete(start_draft(call, stockholm_user, at=at(2024, 4, 1, 10, 0)))
    with pytest.raises(services.SubmissionRefused) as refusal:
        services.submit(application.pk, by=stockholm_user, at=utc(2024, 4, 15, 22, 0, 0))
    assert refusal.value.reason == "deadline"
    application.refresh_from_db()
    assert application.status == "draft"
    assert application.case is None
    assert Event.objects.filter(action="application.submit_refused", target_id=str(application.pk)).count() == 1


@pytest.mark.django_db
def test_application_in_the_closing_minute_is_received(programme, stockholm_user):
    call = call_closing(at(2024, 4, 15, 23, 59))
    call.programme = programme
    call.save()
    application = fill_complete(start_draft(call, stockholm_user, at=at(2024, 4, 1, 10, 0)))
    result = services.submit(application.pk, by=stockholm_user, at=utc(2024, 4, 15, 21, 59, 59))
    assert result.application.status == "submitted"
    assert result.application.case_number.endswith("-2024")


@pytest.mark.django_db
def test_late_submission_over_http_shows_a_clear_refusal(client, programme, stockholm_user):
    call = call_closing(at(2024, 4, 15, 23, 59))
    call.programme = programme
    call.save()
    application = fill_complete(start_draft(call, stockholm_user, at=at(2024, 4, 1, 10, 0)))
    client.force_login(stockholm_user)
    response = client.post(f"/ansokningar/{application.pk}/skicka-in/")
    assert response.status_code == 403
    assert "Sista ansökningstid har passerat" in response.content.decode()

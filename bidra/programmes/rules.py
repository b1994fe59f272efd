"""Rules about calls: when a call accepts applications."""

from datetime import UTC, datetime, timedelta

from .models import Call


def call_has_opened(call: Call, moment: datetime) -> bool:
    return moment >= call.opens_at


def call_accepts(call: Call, moment: datetime) -> bool:
    """True when an application arriving at ``moment`` is in time.

    The closing time names a minute in Stockholm time ("senast kl. 23.59"): the whole of
    that minute is in time and the next minute is late. Comparisons are between aware
    datetimes, so daylight-saving changes need no special case.
    """
    return call.opens_at <= moment < call.last_accepted_instant


def open_calls(moment: datetime) -> list[Call]:
    """Calls that accept applications at ``moment``, soonest closing first."""
    # A minute back in UTC: on a Stockholm datetime, "- 1 minute" moves the wall clock, which lands
    # an hour off when it crosses the spring-forward gap (03:00 minus a minute is 02:59, taken as CET).
    a_minute_before = moment.astimezone(UTC) - timedelta(minutes=1)
    candidates = (
        Call.objects.select_related("programme")
        .filter(opens_at__lte=moment, closes_at__gt=a_minute_before)
        .order_by("closes_at")
    )
    return [call for call in candidates if call_accepts(call, moment)]

"""Rules about calls: when a call accepts applications."""

from datetime import datetime, timedelta

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
    candidates = (
        Call.objects.select_related("programme")
        .filter(opens_at__lte=moment, closes_at__gt=moment - timedelta(minutes=1))
        .order_by("closes_at")
    )
    return [call for call in candidates if call_accepts(call, moment)]

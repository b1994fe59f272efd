"""Time in Europe/Stockholm: deadlines are judged here, times are stored in UTC."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def now() -> datetime:
    return timezone.now()


def local(moment: datetime) -> datetime:
    return moment.astimezone(STOCKHOLM)


def local_date(moment: datetime) -> date:
    return local(moment).date()


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware datetime for a wall-clock time in Stockholm."""
    return datetime.combine(date(year, month, day), time(hour, minute), tzinfo=STOCKHOLM)

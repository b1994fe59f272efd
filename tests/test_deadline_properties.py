"""Deadlines over generated closing minutes and arrivals: Stockholm time, DST days, ± 1 µs at the edge.

A call "closes" at a wall-clock minute in Stockholm; the whole of that minute is in time and the
first microsecond of the next is late, whatever the time zone the arrival is expressed in, on the
days the clocks change, and whether the call comes from memory or from the database.
"""

from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bidra.applications import services
from bidra.core.stockholm import STOCKHOLM
from bidra.programmes.models import Call
from bidra.programmes.rules import call_accepts, open_calls

from .helpers import fill_complete, start_draft

MINUTE = timedelta(minutes=1)
MICROSECOND = timedelta(microseconds=1)
# The days Stockholm changes its clocks (last Sunday of March and of October), where mistakes hide.
DST_DAYS = [
    date(year, month, day)
    for year, month, day in [(2024, 3, 31), (2024, 10, 27), (2025, 3, 30), (2025, 10, 26), (2026, 3, 29)]
]
DB_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def exists_in_stockholm(moment: datetime) -> bool:
    """False for wall-clock times skipped when summer time starts (02:00–03:00 in March)."""
    return moment.astimezone(UTC).astimezone(STOCKHOLM).replace(tzinfo=None) == moment.replace(tzinfo=None)


def ambiguous_in_stockholm(moment: datetime) -> bool:
    """True for wall-clock times that happen twice when summer time ends (02:00–03:00 in October)."""
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()


@st.composite
def closing_minutes(draw) -> datetime:
    """A wall-clock minute in Stockholm that exists and happens once, often on a day the clocks change."""
    day = draw(st.one_of(st.sampled_from(DST_DAYS), st.dates(min_value=date(2022, 1, 1), max_value=date(2035, 12, 31))))
    clock = draw(st.one_of(st.just(time(23, 59)), st.times().map(lambda t: t.replace(second=0, microsecond=0))))
    moment = datetime.combine(day, clock, tzinfo=STOCKHOLM)
    if not exists_in_stockholm(moment) or ambiguous_in_stockholm(moment):
        moment = datetime.combine(day, time(23, 59), tzinfo=STOCKHOLM)
    return moment


# How far after the start of the closing minute something arrives: the edges first, then anywhere.
EDGES = [-MICROSECOND, timedelta(0), MINUTE - MICROSECOND, MINUTE, MINUTE + MICROSECOND]
offsets = st.one_of(
    st.sampled_from(EDGES),
    st.integers(min_value=-3 * 60 * 10**6, max_value=3 * 60 * 10**6).map(lambda us: timedelta(microseconds=us)),
)
zones = st.one_of(
    st.just(UTC),
    st.just(STOCKHOLM),
    st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m))),
)


def after(moment: datetime, offset: timedelta) -> datetime:
    """``offset`` later in real time. (Arithmetic on a Stockholm datetime moves the wall clock, which
    is an hour off across a clock change.)"""
    return moment.astimezone(UTC) + offset


def call_closing(closes_at: datetime, slug: str = "egenskap") -> Call:
    return Call(
        title="Egenskapstest",
        slug=slug,
        opens_at=closes_at - timedelta(days=60),
        closes_at=closes_at,
        budget=Decimal(1_000_000),
        period_start_earliest=date(2022, 1, 1),
        period_end_latest=date(2036, 12, 31),
        report_due_date=date(2037, 3, 31),
    )


@given(closing_minutes(), offsets, zones)
@example(datetime(2024, 3, 31, 23, 59, tzinfo=STOCKHOLM), MINUTE - MICROSECOND, UTC)
@example(datetime(2024, 10, 27, 23, 59, tzinfo=STOCKHOLM), MINUTE, UTC)
@example(datetime(2024, 3, 31, 3, 0, tzinfo=STOCKHOLM), -MICROSECOND, STOCKHOLM)  # just after the clocks jump
@example(datetime(2024, 10, 27, 3, 0, tzinfo=STOCKHOLM), timedelta(0), STOCKHOLM)  # just after they go back
def test_the_closing_minute_is_in_time_to_the_microsecond(closes_at, offset, zone):
    call = call_closing(closes_at)
    arrival = after(closes_at, offset).astimezone(zone)
    assert call_accepts(call, arrival) == (offset < MINUTE)


@given(closing_minutes(), offsets, zones, zones)
def test_the_verdict_does_not_depend_on_the_time_zone_anything_is_written_in(closes_at, offset, call_zone, zone):
    arrival = after(closes_at, offset)
    in_stockholm = call_accepts(call_closing(closes_at), arrival.astimezone(STOCKHOLM))
    assert call_accepts(call_closing(closes_at.astimezone(call_zone)), arrival.astimezone(zone)) == in_stockholm


@given(closing_minutes(), st.times())
def test_on_the_closing_day_a_stockholm_clock_reading_up_to_the_closing_minute_is_in_time(closes_at, clock):
    """What the applicant's clock in Stockholm shows decides, also on the days the clocks change."""
    arrival = datetime.combine(closes_at.date(), clock, tzinfo=STOCKHOLM)
    if not exists_in_stockholm(arrival) or ambiguous_in_stockholm(arrival):
        return  # a reading that never happens, or happens twice, is no evidence either way
    on_time = (clock.hour, clock.minute) <= (closes_at.hour, closes_at.minute)
    assert call_accepts(call_closing(closes_at), arrival) == on_time


@given(closing_minutes(), st.integers(min_value=1, max_value=10**6))
def test_nothing_is_accepted_before_the_call_opens(closes_at, early_by_us):
    call = call_closing(closes_at)
    assert not call_accepts(call, after(call.opens_at, -timedelta(microseconds=early_by_us)))
    assert call_accepts(call, call.opens_at)


@pytest.mark.django_db
@DB_SETTINGS
@given(closes_at=closing_minutes(), offset=offsets)
@example(closes_at=datetime(2024, 3, 31, 3, 0, tzinfo=STOCKHOLM), offset=timedelta(0))
@example(closes_at=datetime(2024, 10, 27, 3, 0, tzinfo=STOCKHOLM), offset=MINUTE - MICROSECOND)
def test_a_stored_call_is_open_exactly_when_it_accepts(programme, closes_at, offset):
    """The database's pre-filter in open_calls agrees with the rule, on SQLite and PostgreSQL alike."""
    with transaction.atomic():
        call = call_closing(closes_at)
        call.programme = programme
        call.save()
        stored = Call.objects.get(pk=call.pk)  # back from the database: UTC, as stored
        moment = after(closes_at, offset).astimezone(STOCKHOLM)  # as a Stockholm clock would give it
        assert stored.closes_at == closes_at
        assert call_accepts(stored, moment) == (offset < MINUTE)
        assert (call in open_calls(moment)) == (offset < MINUTE)
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings(DB_SETTINGS, max_examples=12)
@given(closes_at=closing_minutes(), offset=st.sampled_from(EDGES))
def test_submission_at_the_edge_of_the_closing_minute(programme, stockholm_user, closes_at, offset):
    with transaction.atomic():
        call = call_closing(closes_at)
        call.programme = programme
        call.save()
        draft = fill_complete(start_draft(call, stockholm_user, at=closes_at - timedelta(days=1)))
        draft.period_start = closes_at.date()
        draft.period_end = closes_at.date() + timedelta(days=200)
        draft.save()
        try:
            result = services.submit(draft.pk, by=stockholm_user, at=after(closes_at, offset))
        except services.SubmissionRefused as refusal:
            assert refusal.reason == "deadline"
            assert offset >= MINUTE
        else:
            assert offset < MINUTE
            assert result.application.status == "submitted"
        transaction.set_rollback(True)

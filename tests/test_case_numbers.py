"""Case numbers: <prefix>-<running number>-<year>, unique and gap-free per year, even concurrently."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from bidra.applications import services
from bidra.core.stockholm import at
from bidra.diarium.models import Case
from bidra.diarium.registration import format_case_number, open_case

from .helpers import fill_complete, start_draft


def test_case_number_format():
    assert format_case_number("851", 42, 2024) == "851-0042-2024"
    assert format_case_number("851", 12345, 2024) == "851-12345-2024"


@pytest.mark.django_db
def test_numbers_run_per_year_in_stockholm_time(db):
    with transaction.atomic():
        first = open_case(prefix="851", subject="a", at=at(2024, 12, 31, 23, 30), by=None)
        # 23:30 UTC on 31 December is already the new year in Stockholm.
        second = open_case(prefix="851", subject="b", at=at(2025, 1, 1, 0, 30), by=None)
        third = open_case(prefix="851", subject="c", at=at(2025, 1, 2, 9, 0), by=None)
    assert [first.number, second.number, third.number] == ["851-0001-2024", "851-0001-2025", "851-0002-2025"]


@pytest.mark.django_db
def test_a_rolled_back_registration_gives_its_number_back(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        open_case(prefix="851", subject="a", at=at(2024, 3, 1), by=None)
        raise RuntimeError("the submission failed after the number was taken")
    with transaction.atomic():
        case = open_case(prefix="851", subject="b", at=at(2024, 3, 1), by=None)
    assert case.number == "851-0001-2024"


@pytest.mark.django_db(transaction=True)
def test_a_case_is_only_opened_inside_a_transaction():
    with pytest.raises(RuntimeError):
        open_case(prefix="851", subject="a", at=at(2024, 3, 1), by=None)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_unique_gap_free_numbers(open_call, reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency is tested on PostgreSQL")
    from .helpers import make_member

    count = 24
    users = [make_member(f"user{i}@stockholm.test", "0180") for i in range(count)]
    drafts = [fill_complete(start_draft(open_call, user)) for user in users]
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def submit(draft, user):
        try:
            barrier.wait()
            services.submit(draft.pk, by=type(user).objects.get(pk=user.pk))
        except BaseException as error:  # noqa: BLE001 - asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=pair) for pair in zip(drafts, users, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    serials = sorted(Case.objects.values_list("serial", flat=True))
    assert serials == list(range(1, count + 1))
    assert len(set(Case.objects.values_list("number", flat=True))) == count
    call_command("verify_audit")  # concurrent events still form one unbroken chain

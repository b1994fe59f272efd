"""Five wrong passwords lock the e-mail address out from that client address, for longer each time."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.utils import timezone

from bidra.accounts.lockout import cool_off_for
from bidra.audit.models import Event

from .helpers import PASSWORD

LOGIN = "/konto/logga-in/"


def try_password(client, email, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def fail(client, email, times, address="10.0.0.1"):
    return [try_password(client, email, "fel-losenord-999", address).status_code for _ in range(times)]


def as_if_earlier(seconds):
    """Move every recorded failure ``seconds`` into the past (instead of waiting)."""
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=attempt.attempt_time - timedelta(seconds=seconds)
        )


@pytest.mark.django_db
def test_the_fifth_wrong_password_locks_out_with_a_clear_message(client, stockholm_user):
    statuses = fail(client, stockholm_user.email, 5)
    assert statuses == [200, 200, 200, 200, 429]
    locked = try_password(client, stockholm_user.email, PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "För många felaktiga inloggningsförsök" in page and "Vänta 5 minuter" in page
    assert locked["Retry-After"] == "300"
    assert "_auth_user_id" not in client.session
    assert Event.objects.filter(action="account.locked_out", target_id=str(stockholm_user.pk)).exists()


@pytest.mark.django_db
def test_the_right_password_works_again_after_the_cool_off(client, stockholm_user):
    fail(client, stockholm_user.email, 5)
    as_if_earlier(4 * 60)
    assert try_password(client, stockholm_user.email, PASSWORD).status_code == 429
    as_if_earlier(5 * 60 + 1)
    response = try_password(client, stockholm_user.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(stockholm_user.pk)


@pytest.mark.django_db
def test_each_new_lockout_doubles_the_wait(client, stockholm_user):
    fail(client, stockholm_user.email, 5)
    as_if_earlier(6 * 60)
    # the lockout has passed; five more wrong passwords lock out again, now for ten minutes
    assert fail(client, stockholm_user.email, 5)[-1] == 429
    page = try_password(client, stockholm_user.email, PASSWORD).content.decode()
    assert "Vänta 10 minuter" in page
    assert cool_off_for(1) == timedelta(minutes=5)
    assert cool_off_for(2) == timedelta(minutes=10)
    assert cool_off_for(4) == timedelta(minutes=40)
    assert cool_off_for(100) == timedelta(days=1)


@pytest.mark.django_db
def test_lockouts_older_than_a_day_no_longer_lengthen_the_wait(client, stockholm_user):
    fail(client, stockholm_user.email, 5)
    AccessFailureLog.objects.update(attempt_time=timezone.now() - timedelta(days=2))
    as_if_earlier(6 * 60)
    fail(client, stockholm_user.email, 5)
    assert "Vänta 5 minuter" in try_password(client, stockholm_user.email, PASSWORD).content.decode()


@pytest.mark.django_db
def test_the_lockout_is_per_address_and_ignores_the_case_of_the_e_mail(client, stockholm_user):
    fail(client, stockholm_user.email.upper(), 5)
    assert try_password(client, stockholm_user.email, PASSWORD).status_code == 429
    other_address = try_password(client, stockholm_user.email, PASSWORD, address="10.0.0.2")
    assert other_address.status_code == 302

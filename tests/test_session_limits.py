"""A session ends after a working day in all, or an hour unused; cookies are not readable by scripts."""

import time

import pytest
from django.conf import settings

from bidra.accounts.middleware import SEEN_AT_SESSION_KEY, STARTED_AT_SESSION_KEY


def set_session(client, **values):
    session = client.session
    session.update(values)
    session.save()


@pytest.mark.django_db
def test_an_unused_session_ends_after_the_idle_limit(client, stockholm_user):
    client.force_login(stockholm_user)
    assert client.get("/ansokningar/").status_code == 200
    set_session(client, **{SEEN_AT_SESSION_KEY: int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 1})
    response = client.get("/ansokningar/")
    assert (response.status_code, response.url) == (302, "/konto/logga-in/?next=%2Fansokningar%2F")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_session_in_use_ends_after_the_longest_age(client, stockholm_user):
    client.force_login(stockholm_user)
    set_session(client, **{STARTED_AT_SESSION_KEY: int(time.time()) - settings.SESSION_COOKIE_AGE - 1})
    assert client.get("/ansokningar/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_session_used_within_the_idle_limit_goes_on(client, stockholm_user):
    client.force_login(stockholm_user)
    set_session(client, **{SEEN_AT_SESSION_KEY: int(time.time()) - settings.SESSION_IDLE_TIMEOUT + 120})
    assert client.get("/ansokningar/").status_code == 200
    assert client.session[SEEN_AT_SESSION_KEY] >= int(time.time()) - 5  # the clock restarts


def test_session_and_csrf_cookie_settings():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.STAFF_REQUIRE_2FA
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"

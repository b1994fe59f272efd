"""Shared fixtures: reference data, the Roma programme, an open call, users with roles and memberships."""

import pytest

from bidra.accounts.models import AgencyRole
from bidra.applications import services
from bidra.municipalities.reference_data import load_shipped_reference_data
from bidra.programmes.seed import ensure_roma_programme

from .helpers import BidraClient, fill_complete, make_call, make_member, make_staff, start_draft


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; not a production setting
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def client():
    """Django's test client, whose force_login gives staff a session verified by a real TOTP device."""
    return BidraClient()


@pytest.fixture
def reference_data(db):
    load_shipped_reference_data()


@pytest.fixture
def programme(reference_data):
    return ensure_roma_programme()


@pytest.fixture
def open_call(programme):
    return make_call(programme, title="Öppen testomgång", slug="oppen-testomgang")


@pytest.fixture
def stockholm_user(reference_data):
    return make_member("anna@stockholm.test", "0180", is_admin=True)


@pytest.fixture
def malmo_user(reference_data):
    return make_member("sara@malmo.test", "1280")


@pytest.fixture
def officer(db):
    return make_staff("hanna@lst.test", AgencyRole.CASE_OFFICER)


@pytest.fixture
def analyst(db):
    return make_staff("ulla@lst.test", AgencyRole.ANALYST)


@pytest.fixture
def complete_draft(open_call, stockholm_user):
    return fill_complete(start_draft(open_call, stockholm_user))


@pytest.fixture
def submitted(complete_draft, stockholm_user):
    return services.submit(complete_draft.pk, by=stockholm_user).application

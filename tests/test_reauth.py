"""Signing decisions and changing rights need a fresh proof of identity: password, and a code for staff."""

import re
import time

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from bidra.accounts.authn import AUTHENTICATED_AT_SESSION_KEY
from bidra.accounts.models import AgencyRole, StaffRole, User
from bidra.audit.models import Event
from bidra.decisions.models import DecisionBatch

from .helpers import PASSWORD, app_device, current_code, make_staff, municipality
from .test_decisions import assessed, batch  # noqa: F401 - fixtures


def make_stale(client, seconds=6 * 60):
    """As if the person last proved who they are ``seconds`` ago."""
    session = client.session
    session[AUTHENTICATED_AT_SESSION_KEY] = int(time.time()) - seconds
    session.save()


@pytest.fixture
def signer(db):
    return make_staff("signerare@lst.test", AgencyRole.DECISION_MAKER)


@pytest.mark.django_db
def test_signing_after_the_re_authentication_window_asks_to_confirm_first(client, batch, signer):  # noqa: F811
    client.force_login(signer)
    make_stale(client)
    response = client.post(f"/handlaggning/beslut/{batch.pk}/signera/")
    assert response.status_code == 302
    assert response.url == f"/konto/bekrafta/?next=%2Fhandlaggning%2Fbeslut%2F{batch.pk}%2F"
    assert DecisionBatch.objects.get(pk=batch.pk).state == "draft"

    page = client.get(response.url).content.decode()
    assert 'name="password"' in page and 'name="code"' in page
    confirmed = client.post(response.url, {"password": PASSWORD, "code": current_code(app_device(signer))})
    assert (confirmed.status_code, confirmed.url) == (302, f"/handlaggning/beslut/{batch.pk}/")
    # back on the batch page, the same button signs
    assert "signera" in client.get(confirmed.url).content.decode()
    client.post(f"/handlaggning/beslut/{batch.pk}/signera/")
    assert DecisionBatch.objects.get(pk=batch.pk).state == "signed"
    assert Event.objects.filter(action="account.reauthenticated", actor=signer).exists()


@pytest.mark.django_db
def test_a_fresh_log_in_counts_as_confirmation(client, batch, signer):  # noqa: F811
    client.force_login(signer)
    client.post(f"/handlaggning/beslut/{batch.pk}/signera/")
    assert DecisionBatch.objects.get(pk=batch.pk).state == "signed"


@pytest.mark.django_db
def test_confirmation_refuses_a_wrong_password_or_code(client, signer):
    client.force_login(signer)
    make_stale(client)
    device = app_device(signer)
    wrong_password = client.post("/konto/bekrafta/?next=/handlaggning/", {"password": "fel", "code": "000000"})
    assert wrong_password.status_code == 200 and "Lösenordet stämmer inte" in wrong_password.content.decode()
    good = current_code(device)
    wrong_code = client.post("/konto/bekrafta/?next=/handlaggning/", {"password": PASSWORD, "code": "000000"})
    assert wrong_code.status_code == 200 and "Koden stämmer inte" in wrong_code.content.decode()
    assert client.session[AUTHENTICATED_AT_SESSION_KEY] < time.time() - 300
    device.refresh_from_db()
    device.throttle_reset()
    # an address outside Bidra is never followed
    ok = client.post("/konto/bekrafta/?next=https://evil.example/", {"password": PASSWORD, "code": good})
    assert (ok.status_code, ok.url) == (302, "/")


@pytest.mark.django_db
def test_a_municipality_user_confirms_with_the_password_alone(client, stockholm_user):
    client.force_login(stockholm_user)
    make_stale(client)
    assert 'name="code"' not in client.get("/konto/bekrafta/").content.decode()
    assert client.post("/konto/bekrafta/?next=/konto/kollegor/", {"password": PASSWORD}).url == "/konto/kollegor/"


@pytest.mark.django_db
def test_inviting_with_admin_rights_asks_to_confirm_and_keeps_the_form(client, stockholm_user):
    client.force_login(stockholm_user)
    make_stale(client)
    values = {"email": "ny@stockholm.test", "full_name": "Ny Kollega", "municipality": municipality("0180").pk}
    held = client.post("/konto/kollegor/", {**values, "is_admin": "on"})
    assert held.url.startswith("/konto/bekrafta/")
    assert not User.objects.filter(email="ny@stockholm.test").exists()
    client.post(held.url, {"password": PASSWORD})
    page = client.get("/konto/kollegor/").content.decode()
    assert 'value="ny@stockholm.test"' in page and 'value="Ny Kollega"' in page
    # an invitation without admin rights needs no confirmation
    client.post("/konto/kollegor/", {**values, "email": "vanlig@stockholm.test"})
    make_stale(client)
    client.post("/konto/kollegor/", {**values, "email": "vanlig2@stockholm.test"})
    assert User.objects.filter(email="vanlig2@stockholm.test").exists()


@pytest.fixture
def agency_admin(db):
    user = make_staff("admin@lst.test", AgencyRole.ADMINISTRATOR)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def change_form(client, url, user, **overrides):
    """The admin's change form for ``user`` as sent unchanged (every inline's management form), then overrides."""
    page = client.get(url).content.decode()
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "phone": "",
        "language": "sv",
        "is_active": "on",
    }
    for prefix in re.findall(r'name="([\w-]+)-TOTAL_FORMS"', page):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_changing_roles_in_the_admin_needs_confirmation_and_is_recorded(client, agency_admin, officer):
    client.force_login(agency_admin)
    url = f"/admin/accounts/user/{officer.pk}/change/"
    # The officer's case-officer role (the inline's first, existing row) is removed; a new row grants another.
    existing = StaffRole.objects.get(user=officer)
    grant = change_form(
        client,
        url,
        officer,
        **{
            "is_superuser": "on",
            "staff_roles-TOTAL_FORMS": "2",
            "staff_roles-INITIAL_FORMS": "1",
            "staff_roles-0-id": str(existing.pk),
            "staff_roles-0-user": str(officer.pk),
            "staff_roles-0-role": existing.role,
            "staff_roles-0-granted_at_0": "2026-01-01",
            "staff_roles-0-granted_at_1": "09:00:00",
            "staff_roles-0-DELETE": "on",
            "staff_roles-1-user": str(officer.pk),
            "staff_roles-1-role": AgencyRole.DECISION_MAKER,
            "staff_roles-1-granted_at_0": "2026-01-01",
            "staff_roles-1-granted_at_1": "10:00:00",
        },
    )
    make_stale(client)
    refused = client.post(url, grant)
    assert refused.status_code == 302 and refused.url.startswith("/konto/bekrafta/")
    assert not StaffRole.objects.filter(user=officer, role=AgencyRole.DECISION_MAKER).exists()
    assert client.get(url).url.startswith("/konto/bekrafta/")

    client.post(refused.url, {"password": PASSWORD, "code": current_code(app_device(agency_admin))})
    saved = client.post(url, grant)
    assert saved.status_code == 302
    assert set(StaffRole.objects.filter(user=officer).values_list("role", flat=True)) == {"decision_maker"}
    granted = Event.objects.get(action="account.role_granted", target_id=str(officer.pk))
    assert (granted.actor, granted.data["role"]) == (agency_admin, "decision_maker")
    assert Event.objects.get(action="account.role_revoked", target_id=str(officer.pk)).data["role"] == "case_officer"
    flags = Event.objects.get(action="account.access_changed", target_id=str(officer.pk))
    assert flags.after == {"is_superuser": True}


@pytest.mark.django_db
def test_a_membership_given_in_the_admin_is_recorded(client, agency_admin, reference_data):
    user = User.objects.create_user("kommun@example.test", PASSWORD)
    client.force_login(agency_admin)
    url = f"/admin/accounts/user/{user.pk}/change/"
    form = change_form(
        client,
        url,
        user,
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-user": str(user.pk),
            "memberships-0-municipality": str(municipality("0180").pk),
            "memberships-0-is_admin": "on",
        },
    )
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(action="account.membership_changed", target_id=str(user.pk))
    assert event.data["change"] == "granted" and event.data["municipality"] == "0180" and event.data["admin"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("kort-ord-12", "minst 12 tecken"),
        ("password1234", "för vanligt"),
        ("847261930571", "enbart numeriskt"),
        ("aktivera.kollega", "för likt"),
    ],
)
def test_passwords_follow_the_rules_when_an_account_is_activated(client, reference_data, password, rule):
    user = User.objects.create_user("aktivera.kollega@stockholm.test", None, full_name="Aktivera Kollega")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    url = f"/konto/aktivera/{uid}/{default_token_generator.make_token(user)}/"
    form_url = client.get(url).url
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 200
    assert rule in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()


@pytest.mark.django_db
def test_changing_the_password_follows_the_same_rules(client, stockholm_user):
    client.force_login(stockholm_user)
    short = client.post(
        "/konto/losenord/", {"old_password": PASSWORD, "new_password1": "kort-ord-12", "new_password2": "kort-ord-12"}
    )
    assert short.status_code == 200 and "minst 12 tecken" in short.content.decode()
    good = "Romsk-inkludering-i-skolan-77"
    done = client.post("/konto/losenord/", {"old_password": PASSWORD, "new_password1": good, "new_password2": good})
    assert done.status_code == 302
    stockholm_user.refresh_from_db()
    assert stockholm_user.check_password(good)
    assert client.get("/ansokningar/").status_code == 200  # still logged in

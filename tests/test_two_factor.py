"""Agency staff log in with a password and a second factor (TOTP app or a one-time backup code)."""

import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidra.accounts import second_factor
from bidra.accounts.authn import AUTH_METHOD_SESSION_KEY, EID
from bidra.accounts.middleware import SECOND_FACTOR_OPEN
from bidra.accounts.models import AgencyRole
from bidra.audit.models import Event

from .helpers import PASSWORD, app_device, current_code, make_staff, verified_session_key
from .test_permission_matrix import ROUTES, expected_status, world  # noqa: F401 - world is a fixture

STEP = "/konto/tvastegsverifiering/"


def log_in_with_password(client, user, next_url="/handlaggning/"):
    return client.post(f"/konto/logga-in/?next={next_url}", {"username": user.email, "password": PASSWORD})


def code_for_secret(secret: str) -> str:
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{totp(key):06d}"


@pytest.mark.django_db
def test_staff_without_an_app_must_enrol_before_reaching_the_work_list(client, officer):
    response = log_in_with_password(client, officer)
    assert response.status_code == 302 and response.url.startswith(STEP)
    # Every other page leads back to the second step, which sends a person without an app to enrol.
    blocked = client.get("/handlaggning/")
    assert blocked.status_code == 302 and blocked.url.startswith(STEP)
    enrol = client.get(blocked.url, follow=True)
    assert enrol.request["PATH_INFO"] == "/konto/tvastegsverifiering/aktivera/"
    page = enrol.content.decode()
    assert "<svg" in page and 'role="img"' in page and "style=" not in page
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)

    wrong = client.post("/konto/tvastegsverifiering/aktivera/?next=/handlaggning/", {"code": "000000"})
    assert wrong.status_code == 200 and "Koden stämmer inte" in wrong.content.decode()
    assert client.get("/handlaggning/").status_code == 302
    TOTPDevice.objects.get(user=officer).throttle_reset()  # the wrong code made the next try wait a second

    done = client.post("/konto/tvastegsverifiering/aktivera/?next=/handlaggning/", {"code": code_for_secret(secret)})
    assert done.status_code == 302 and done.url.startswith("/konto/tvastegsverifiering/reservkoder/")
    codes_page = client.get(done.url).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", codes_page)
    assert len(codes) == 10
    # shown once: the next visit shows only how many are left
    assert "<li><code>" not in client.get("/konto/tvastegsverifiering/reservkoder/").content.decode()
    assert client.get("/handlaggning/").status_code == 200
    assert Event.objects.filter(action="account.2fa_enrolled", actor=officer).exists()
    assert Event.objects.filter(action="account.backup_codes_generated", actor=officer).exists()


@pytest.mark.django_db
def test_a_wrong_code_is_refused_and_the_right_code_lets_staff_in(client, officer):
    device = app_device(officer)
    log_in_with_password(client, officer)
    wrong = client.post(
        f"{STEP}?next=/handlaggning/", {"code": "123456" if current_code(device) != "123456" else "654321"}
    )
    assert wrong.status_code == 200 and "Koden stämmer inte" in wrong.content.decode()
    assert client.get("/handlaggning/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # the back-off is tested on its own below
    right = client.post(f"{STEP}?next=/handlaggning/", {"code": current_code(device)})
    assert (right.status_code, right.url) == (302, "/handlaggning/")
    assert client.get("/handlaggning/").status_code == 200


@pytest.mark.django_db
def test_a_code_cannot_be_used_twice(client, officer):
    device = app_device(officer)
    code = current_code(device)
    log_in_with_password(client, officer)
    assert client.post(STEP, {"code": code}).status_code == 302
    client.post("/konto/logga-ut/")
    log_in_with_password(client, officer)
    again = client.post(STEP, {"code": code})
    assert again.status_code == 200


@pytest.mark.django_db
def test_a_backup_code_works_once_only(client, officer):
    app_device(officer)
    codes = second_factor.issue_backup_codes(officer)
    log_in_with_password(client, officer)
    used = client.post(f"{STEP}?next=/handlaggning/", {"code": codes[0].upper()})
    assert used.status_code == 302
    assert second_factor.backup_codes_left(officer) == 9
    client.post("/konto/logga-ut/")
    log_in_with_password(client, officer)
    assert client.post(STEP, {"code": codes[0]}).status_code == 200
    assert client.get("/handlaggning/").status_code == 302


@pytest.mark.django_db
def test_new_backup_codes_replace_the_old_ones(client, officer):
    old = second_factor.issue_backup_codes(officer)
    client.force_login(officer)
    response = client.post("/konto/tvastegsverifiering/reservkoder/")
    assert response.status_code == 302
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", client.get(response.url).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True)) == set(new)


def waited(device, *, seconds):
    """As if the last wrong code was given ``seconds`` ago."""
    then = timezone.now() - timedelta(seconds=seconds)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=then)


@pytest.mark.django_db
def test_wrong_codes_make_the_next_try_wait_longer_and_longer(client, officer):
    device = app_device(officer)
    log_in_with_password(client, officer)
    bad = "000000" if current_code(device) != "000000" else "111111"
    client.post(STEP, {"code": bad})
    client.post(STEP, {"code": bad})  # within the one-second wait: not even tried
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # after the first wait, a second wrong code doubles the wait
    waited(device, seconds=2)
    client.post(STEP, {"code": bad})
    device.refresh_from_db()
    assert device.throttling_failure_count == 2
    for _ in range(5):
        waited(device, seconds=600)
        client.post(STEP, {"code": bad})
    device.refresh_from_db()
    assert device.throttling_failure_count == 7
    # now even the right code waits out 2**6 = 64 seconds
    refused = client.post(STEP, {"code": current_code(device)})
    assert refused.status_code == 200 and "Vänta" in refused.content.decode()
    assert client.get("/handlaggning/").status_code == 302
    waited(device, seconds=65)
    assert client.post(STEP, {"code": current_code(device)}).status_code == 302
    assert client.get("/handlaggning/").status_code == 200


@pytest.mark.django_db
def test_a_session_without_the_second_factor_reaches_only_the_second_step_and_log_out(client, officer):
    officer.is_staff = True
    officer.save()
    app_device(officer)
    client.force_login(officer, second_factor=False)
    for path in ("/handlaggning/", "/admin/", "/ekonomi/", "/konto/bekrafta/", "/aviseringar/", "/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith(STEP), path
    assert client.post("/handlaggning/beslut/1/signera/").status_code == 302
    assert client.get(STEP).status_code == 200
    # the enrolment page cannot add a second app on the strength of the password alone
    assert client.get("/konto/tvastegsverifiering/aktivera/").url.startswith(STEP)
    assert TOTPDevice.objects.filter(user=officer).count() == 1
    assert client.post("/konto/logga-ut/").status_code == 302
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_django_admin_users_without_a_role_also_give_the_second_factor(client, db):
    admin_user = make_staff("admin@lst.test")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user, second_factor=False)
    assert client.get("/admin/").url.startswith(STEP)


@pytest.mark.django_db
def test_municipality_users_log_in_with_the_password_only(client, stockholm_user):
    response = log_in_with_password(client, stockholm_user, next_url="/ansokningar/")
    assert (response.status_code, response.url) == (302, "/ansokningar/")
    assert client.get("/ansokningar/").status_code == 200


@pytest.mark.django_db
def test_an_e_id_session_is_not_asked_for_a_code(client, officer):
    client.force_login(officer, second_factor=False)
    session = client.session
    session[AUTH_METHOD_SESSION_KEY] = EID
    session.save()
    assert client.get("/handlaggning/").status_code == 200


@pytest.mark.django_db
def test_the_second_factor_can_be_switched_off_for_a_small_installation(client, officer, settings):
    settings.STAFF_REQUIRE_2FA = False
    response = log_in_with_password(client, officer)
    assert (response.status_code, response.url) == (302, "/handlaggning/")
    assert client.get("/handlaggning/").status_code == 200


@pytest.mark.django_db
def test_log_ins_are_recorded_without_the_password(client, officer):
    client.post("/konto/logga-in/", {"username": officer.email, "password": "fel-losenord-123"})
    failed = Event.objects.get(action="account.login_failed")
    assert failed.target_id == str(officer.pk)
    assert failed.personal.get("email") == officer.email
    stored = f"{failed.data}{failed.personal}{failed.before}{failed.after}"
    assert "fel-losenord" not in stored
    log_in_with_password(client, officer)
    login = Event.objects.get(action="account.login")
    assert login.actor == officer
    assert login.data == {"method": "password", "second_factor_required": True}


def test_the_qr_code_is_an_inline_svg_without_style_attributes():
    svg = str(second_factor.qr_svg("otpauth://totp/Bidra:a%40b.se?secret=JBSWY3DPEHPK3PXP&issuer=Bidra", "QR"))
    assert svg.startswith("<svg") and "<title" in svg and "style" not in svg and "<script" not in svg


@pytest.mark.django_db
def test_a_staff_member_with_another_role_is_asked_too(client, db):
    finance = make_staff("ekonomi@lst.test", AgencyRole.FINANCE)
    client.force_login(finance, second_factor=False)
    assert client.get("/ekonomi/").url.startswith(STEP)


@pytest.mark.django_db
def test_every_page_staff_may_see_waits_for_the_second_factor(client, world):  # noqa: F811
    users, objects = world
    open_pages = {"home", "healthz", "livez", "accounts:login", "set_language"}
    checked = 0
    for role in AgencyRole:
        client.logout()
        client.force_login(users[role.value], second_factor=False)
        for name, (build, expected) in ROUTES.items():
            if expected_status(expected, role.value) != 200 or name in open_pages:
                continue
            if name.startswith("accounts:") and name in SECOND_FACTOR_OPEN:
                continue
            response = client.get(build(objects))
            assert response.status_code == 302 and response.url.startswith(STEP), (role.value, name)
            checked += 1
    assert checked > 100


@pytest.mark.django_db
def test_a_session_built_for_a_benchmark_is_verified_like_a_real_one(officer):
    browser = Client()
    browser.cookies["sessionid"] = verified_session_key(officer)
    assert browser.get("/handlaggning/").status_code == 200


@pytest.mark.django_db
def test_the_account_page_links_to_backup_codes_for_staff_only(client, officer, stockholm_user):
    client.force_login(officer)
    assert "/konto/tvastegsverifiering/reservkoder/" in client.get("/konto/").content.decode()
    client.force_login(stockholm_user)
    page = client.get("/konto/").content.decode()
    assert "/konto/losenord/" in page and "/konto/tvastegsverifiering/reservkoder/" not in page

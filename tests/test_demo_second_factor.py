"""Demo staff log in with the second factor without a phone: demo_otp prints the code, backup codes are printed."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticDevice

from bidra.demo import content, loader
from bidra.demo.second_factor import demo_backup_codes

from .helpers import app_device, make_staff

pytestmark = pytest.mark.django_db


def demo_otp(email: str) -> str:
    out = io.StringIO()
    call_command("demo_otp", email, stdout=out)
    return out.getvalue().split()[0]


def test_a_demo_case_officer_logs_in_with_the_printed_code(client):
    loader.ensure_staff()
    email = "handlaggare@lansstyrelsen.demo"
    response = client.post("/konto/logga-in/?next=/handlaggning/", {"username": email, "password": content.PASSWORD})
    assert response.url.startswith("/konto/tvastegsverifiering/")
    code = demo_otp(email)
    assert len(code) == 6 and code.isdigit()
    assert client.post(response.url, {"code": code}).url == "/handlaggning/"
    assert client.get("/handlaggning/").status_code == 200
    # the code is used up; demo_otp now prints the next one, which is accepted too
    client.post("/konto/logga-ut/")
    again = client.post("/konto/logga-in/", {"username": email, "password": content.PASSWORD})
    assert client.post(again.url, {"code": demo_otp(email)}).status_code == 302


def test_demo_backup_codes_work_and_come_back_when_the_demo_is_loaded_again(client):
    loader.ensure_staff()
    email = "beslutsfattare@lansstyrelsen.demo"
    code = demo_backup_codes(email)[0]
    client.post("/konto/logga-in/", {"username": email, "password": content.PASSWORD})
    assert client.post("/konto/tvastegsverifiering/", {"code": code}).status_code == 302
    client.post("/konto/logga-ut/")
    client.post("/konto/logga-in/", {"username": email, "password": content.PASSWORD})
    assert client.post("/konto/tvastegsverifiering/", {"code": code}).status_code == 200
    loader.ensure_staff()
    StaticDevice.objects.filter(user__email=email).update(throttling_failure_count=0)  # the refused try's wait
    assert client.post("/konto/tvastegsverifiering/", {"code": code}).status_code == 302


def test_demo_otp_refuses_accounts_without_the_demo_key(db):
    officer = make_staff("riktig@lst.test")
    app_device(officer)
    with pytest.raises(CommandError):
        demo_otp(officer.email)

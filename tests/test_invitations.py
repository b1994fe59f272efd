"""A municipality administrator invites a colleague, who chooses a password and acts for the municipality."""

import re

import pytest
from django.core import mail

from bidra.accounts.models import Membership, User
from bidra.municipalities.models import Municipality


@pytest.mark.django_db
def test_an_invited_colleague_activates_the_account_and_may_apply(
    client, stockholm_user, open_call, django_capture_on_commit_callbacks
):
    client.force_login(stockholm_user)
    stockholm = Municipality.objects.get(code="0180")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/konto/kollegor/",
            {"email": "Ny.Kollega@Stockholm.test", "full_name": "Ny Kollega", "municipality": stockholm.pk},
        )
    assert response.status_code == 302
    colleague = User.objects.get(email="ny.kollega@stockholm.test")
    assert not colleague.has_usable_password()
    assert Membership.objects.get(user=colleague).granted_by == stockholm_user
    link = re.search(r"/konto/aktivera/\S+", mail.outbox[0].body).group(0)

    client.logout()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Romsk-inkludering-77", "new_password2": "Romsk-inkludering-77"},
    )
    assert client.login(username="ny.kollega@stockholm.test", password="Romsk-inkludering-77")
    assert open_call.title in client.get("/ansokningar/").content.decode()


@pytest.mark.django_db
def test_an_ordinary_member_cannot_invite(client, malmo_user):
    client.force_login(malmo_user)
    assert client.get("/konto/kollegor/").status_code == 404


@pytest.mark.django_db
def test_an_administrator_cannot_invite_to_another_municipality(client, stockholm_user):
    client.force_login(stockholm_user)
    malmo = Municipality.objects.get(code="1280")
    response = client.post("/konto/kollegor/", {"email": "x@malmo.test", "full_name": "X", "municipality": malmo.pk})
    assert response.status_code == 200  # the form refuses a municipality outside the choices
    assert not User.objects.filter(email="x@malmo.test").exists()

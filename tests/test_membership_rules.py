"""A municipality's users see only their own municipality's applications; staff see all."""

import io

import pytest

from bidra.applications import services

from .helpers import PDF_BYTES


@pytest.fixture
def stockholm_case(submitted, stockholm_user):
    return submitted


@pytest.fixture
def draft_with_attachment(complete_draft, stockholm_user):
    attachment = services.add_attachment(
        complete_draft, upload=io.BytesIO(PDF_BYTES), name="plan.pdf", size=len(PDF_BYTES), by=stockholm_user
    )
    return complete_draft, attachment


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["", "steg/insatsen/", "granska/", "kvitto/", "aterkalla/"])
def test_another_municipality_gets_404_on_the_application(client, draft_with_attachment, malmo_user, path):
    application, _ = draft_with_attachment
    client.force_login(malmo_user)
    assert client.get(f"/ansokningar/{application.pk}/{path}").status_code == 404


@pytest.mark.django_db
def test_another_municipality_gets_404_on_the_attachment(client, draft_with_attachment, malmo_user):
    application, attachment = draft_with_attachment
    client.force_login(malmo_user)
    assert client.get(f"/ansokningar/{application.pk}/bilagor/{attachment.pk}/").status_code == 404
    assert client.post(f"/ansokningar/{application.pk}/bilagor/{attachment.pk}/ta-bort/").status_code == 404
    assert application.attachments.count() == 1


@pytest.mark.django_db
def test_another_municipality_cannot_post_to_a_step_or_submit(client, complete_draft, malmo_user):
    client.force_login(malmo_user)
    assert client.post(f"/ansokningar/{complete_draft.pk}/steg/insatsen/", {"title": "Kapad"}).status_code == 404
    assert client.post(f"/ansokningar/{complete_draft.pk}/skicka-in/").status_code == 404
    complete_draft.refresh_from_db()
    assert complete_draft.title == "Brobyggare i skolan"
    assert complete_draft.status == "draft"


@pytest.mark.django_db
def test_another_municipality_gets_404_on_received_document_files(client, stockholm_user, malmo_user, complete_draft):
    services.add_attachment(
        complete_draft, upload=io.BytesIO(PDF_BYTES), name="p.pdf", size=len(PDF_BYTES), by=stockholm_user
    )
    application = services.submit(complete_draft.pk, by=stockholm_user).application
    stored = application.received_document.files.get()
    client.force_login(malmo_user)
    assert client.get(f"/handlingar/filer/{stored.pk}/").status_code == 404
    client.force_login(stockholm_user)
    assert client.get(f"/handlingar/filer/{stored.pk}/").status_code == 200


@pytest.mark.django_db
def test_my_applications_lists_only_own_municipality(client, stockholm_case, malmo_user, stockholm_user):
    client.force_login(malmo_user)
    assert stockholm_case.title not in client.get("/ansokningar/").content.decode()
    client.force_login(stockholm_user)
    assert stockholm_case.title in client.get("/ansokningar/").content.decode()


@pytest.mark.django_db
def test_municipality_users_cannot_see_the_work_list_or_case_pages(client, stockholm_case, stockholm_user):
    client.force_login(stockholm_user)
    assert client.get("/handlaggning/").status_code == 404
    assert client.get(f"/handlaggning/arenden/{stockholm_case.pk}/").status_code == 404


@pytest.mark.django_db
def test_agency_staff_see_every_case(client, stockholm_case, officer, analyst):
    for user in (officer, analyst):
        client.force_login(user)
        assert client.get(f"/handlaggning/arenden/{stockholm_case.pk}/").status_code == 200
        assert client.get(f"/ansokningar/{stockholm_case.pk}/").status_code == 200


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, stockholm_case):
    response = client.get(f"/ansokningar/{stockholm_case.pk}/")
    assert response.status_code == 302
    assert response.url.startswith("/konto/logga-in/")


@pytest.mark.django_db
def test_a_user_may_not_start_an_application_for_another_municipality(client, open_call, malmo_user):
    from bidra.municipalities.models import Municipality

    client.force_login(malmo_user)
    stockholm = Municipality.objects.get(code="0180")
    response = client.post(
        f"/ansokningar/ny/{open_call.slug}/",
        {"start_key": "6f1c1f2e-1f7a-4b8e-9d55-0a8c6f8e0b11", "municipality": stockholm.pk},
    )
    assert response.status_code == 404

"""The municipality's whole journey through the e-service, over HTTP."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from bidra.applications.models import Application
from bidra.diarium.models import Document

from .helpers import PASSWORD, pdf_upload


def login(client, user):
    assert client.login(username=user.email, password=PASSWORD)


def post_step(client, application, slug, data, action="continue"):
    payload = {"lock_version": Application.objects.get(pk=application.pk).lock_version, "action": action, **data}
    return client.post(reverse("applications:step", args=[application.pk, slug]), payload)


def rows(prefix_rows: list[dict], total_initial: int = 0) -> dict:
    data = {
        "rows-TOTAL_FORMS": str(len(prefix_rows)),
        "rows-INITIAL_FORMS": str(total_initial),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(prefix_rows):
        for key, value in row.items():
            data[f"rows-{index}-{key}"] = value
    return data


@pytest.mark.django_db
def test_a_municipality_applies_from_start_to_receipt(
    client, open_call, stockholm_user, django_capture_on_commit_callbacks
):
    login(client, stockholm_user)
    page = client.get(reverse("applications:mine"))
    assert open_call.title in page.content.decode()

    start_key = str(uuid.uuid4())
    municipality_id = stockholm_user.memberships.get().municipality_id
    response = client.post(
        reverse("applications:start", args=[open_call.slug]), {"start_key": start_key, "municipality": municipality_id}
    )
    application = Application.objects.get()
    assert response.url == reverse("applications:step", args=[application.pk, "organisation"])
    # A double click on "start" gives the same draft.
    client.post(
        reverse("applications:start", args=[open_call.slug]), {"start_key": start_key, "municipality": municipality_id}
    )
    assert Application.objects.count() == 1

    assert (
        post_step(
            client,
            application,
            "organisation",
            {
                "administration": "Kulturförvaltningen",
                "contact_name": "Anna Andersson",
                "contact_email": "anna@stockholm.test",
                "contact_phone": "08-123 45",
            },
        ).status_code
        == 302
    )
    assert (
        post_step(
            client,
            application,
            "insatsen",
            {
                "title": "Romska läsambassadörer",
                "summary": "Biblioteket utvecklar läsfrämjande arbete.",
                "purpose": "Fler romska barn läser.",
                "activities": "Läsgrupper och författarbesök.",
            },
        ).status_code
        == 302
    )
    areas = [str(a.pk) for a in open_call.programme.areas.filter(code__in=["kultur-sprak", "utbildning"])]
    assert (
        post_step(
            client,
            application,
            "omraden",
            {
                "areas": areas,
                "target_groups": ["children_youth", "women"],
                "target_group_description": "Cirka 60 barn.",
            },
        ).status_code
        == 302
    )
    assert (
        post_step(
            client,
            application,
            "forankring",
            {
                "roma_participation": "Romska föreningar planerar med oss.",
                "long_term_effects": "Ingår i bibliotekets plan.",
                **rows([{"name": "Romska kulturföreningen", "organisation_number": "", "role": "Medarrangör"}]),
            },
        ).status_code
        == 302
    )
    year = open_call.period_start_earliest.year
    response = post_step(
        client,
        application,
        "budget",
        {
            "period_start": f"{year}-02-01",
            "period_end": f"{year}-12-31",
            "requested_amount": "250 000",
            "minimum_amount": "150000",
            "own_funding": "",
            "other_funding": "",
            "other_funding_description": "",
            **rows(
                [
                    {"category": "personnel", "description": "Läsambassadör 50 %", "amount": "200 000"},
                    {"category": "materials", "description": "Böcker på romani", "amount": "50000 kr"},
                ]
            ),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(
        reverse("applications:step", args=[application.pk, "bilagor"]), {"action": "upload", "file": _named_pdf()}
    )
    assert response.status_code == 302
    check = client.get(reverse("applications:check", args=[application.pk]))
    assert check.status_code == 200
    assert "250\u202f000\u00a0kr" in check.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:submit", args=[application.pk]))
    application.refresh_from_db()
    assert response.url == reverse("applications:receipt", args=[application.pk])
    assert application.status == "submitted"
    receipt = client.get(response.url).content.decode()
    assert application.case_number in receipt
    assert len(mail.outbox) == 1
    assert application.case_number in mail.outbox[0].subject
    assert mail.outbox[0].to == ["anna@stockholm.test"]
    document = Document.objects.get(kind="application")
    assert document.snapshot["requested_amount"] == "250000"
    assert [f.name for f in document.files.all()] == ["plan.pdf"]


def _named_pdf():
    upload = pdf_upload()
    upload.name = "plan.pdf"
    return upload


@pytest.mark.django_db
def test_a_draft_survives_validation_errors(client, open_call, stockholm_user, complete_draft):
    login(client, stockholm_user)
    response = post_step(
        client,
        complete_draft,
        "budget",
        {
            "period_start": "not a date",
            "period_end": "",
            "requested_amount": "lots",
            "minimum_amount": "",
            "own_funding": "12 000",
            "other_funding": "",
            "other_funding_description": "Regionen",
            **rows([{"category": "personnel", "description": "Brobyggare", "amount": "abc"}]),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "error-summary" in page
    assert "Ange beloppet i hela kronor" in page
    complete_draft.refresh_from_db()
    # Valid answers were saved, invalid input kept verbatim for the next visit.
    assert complete_draft.own_funding == 12000
    assert complete_draft.other_funding_description == "Regionen"
    assert complete_draft.draft_inputs["budget"]["requested_amount"] == ["lots"]
    again = client.get(reverse("applications:step", args=[complete_draft.pk, "budget"])).content.decode()
    assert 'value="lots"' in again
    assert "abc" in again
    # A draft with uncorrected input cannot be sent.
    client.post(reverse("applications:submit", args=[complete_draft.pk]))
    complete_draft.refresh_from_db()
    assert complete_draft.status == "draft"


@pytest.mark.django_db
def test_save_and_exit_keeps_the_draft_and_resumes_where_the_user_left(
    client, open_call, stockholm_user, complete_draft
):
    login(client, stockholm_user)
    response = post_step(
        client,
        complete_draft,
        "insatsen",
        {
            "title": "Nytt namn",
            "summary": "",
            "purpose": "Syftet",
            "activities": "",
        },
        action="save_exit",
    )
    assert response.status_code == 302 and response.url == reverse("applications:mine")
    complete_draft.refresh_from_db()
    assert complete_draft.title == "Nytt namn"
    assert complete_draft.last_step == "insatsen"
    assert "insatsen" in complete_draft.draft_inputs  # summary and activities still missing
    mine = client.get(reverse("applications:mine")).content.decode()
    assert reverse("applications:step", args=[complete_draft.pk, "insatsen"]) in mine


@pytest.mark.django_db
def test_a_stale_save_is_refused_without_losing_the_input(client, stockholm_user, complete_draft):
    login(client, stockholm_user)
    stale_version = complete_draft.lock_version
    post_step(
        client,
        complete_draft,
        "insatsen",
        {
            "title": "Kollegans namn",
            "summary": "S",
            "purpose": "P",
            "activities": "A",
        },
    )
    response = client.post(
        reverse("applications:step", args=[complete_draft.pk, "insatsen"]),
        {
            "lock_version": stale_version,
            "action": "continue",
            "title": "Mitt namn",
            "summary": "S2",
            "purpose": "P2",
            "activities": "A2",
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Någon annan har sparat ansökan" in page
    assert 'value="Mitt namn"' in page  # the user's own input is shown again, not lost
    complete_draft.refresh_from_db()
    assert complete_draft.title == "Kollegans namn"


@pytest.mark.django_db
def test_more_budget_rows_can_be_added_without_javascript(client, stockholm_user, complete_draft):
    login(client, stockholm_user)
    before = client.get(reverse("applications:step", args=[complete_draft.pk, "budget"])).context["formset"]
    response = post_step(
        client,
        complete_draft,
        "budget",
        {
            "period_start": str(complete_draft.period_start),
            "period_end": str(complete_draft.period_end),
            "requested_amount": "400000",
            "minimum_amount": "",
            "own_funding": "",
            "other_funding": "",
            "other_funding_description": "",
            **rows(
                [
                    {
                        "id": str(line.pk),
                        "category": line.category,
                        "description": line.description,
                        "amount": str(line.amount),
                    }
                    for line in complete_draft.budget_lines.all()
                ],
                total_initial=2,
            ),
        },
        action="add_rows",
    )
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == len(before.forms) + 3


@pytest.mark.django_db
def test_the_check_page_lists_what_is_missing_with_links(client, open_call, stockholm_user):
    from .helpers import start_draft

    draft = start_draft(open_call, stockholm_user)
    login(client, stockholm_user)
    page = client.get(reverse("applications:check", args=[draft.pk])).content.decode()
    assert "Ansökan är inte komplett" in page
    assert reverse("applications:step", args=[draft.pk, "insatsen"]) + "#id_title" in page
    assert "Skicka in ansökan" not in page

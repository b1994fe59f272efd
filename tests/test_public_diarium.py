"""The public case register: cases and their document lists, never the documents' contents or files."""

import pytest

from bidra.applications import services
from bidra.core.stockholm import local
from bidra.diarium.models import Case, Document
from bidra.public import views

from .helpers import fill_complete, make_member, start_draft
from .test_public_fixtures import CONTACT_EMAIL, build_rounds


def numbers(response) -> list[str]:
    assert response.status_code == 200
    return [case.number for case in response.context["page"].object_list]


@pytest.mark.django_db
def test_the_diarium_lists_registered_cases_newest_first(client, submitted, malmo_user, open_call):
    other = fill_complete(start_draft(open_call, malmo_user, code="1280"))
    other.title = "Kulturdagar i Malmö"
    other.save()
    malmo = services.submit(other.pk, by=malmo_user).application
    draft = fill_complete(start_draft(open_call, malmo_user, code="1280"))
    draft.title = "Ett utkast som aldrig skickats"
    draft.save()

    response = client.get("/diarium/")
    assert numbers(response) == [malmo.case_number, submitted.case_number]
    page = response.content.decode()
    assert "Stockholm" in page and "Malmö" in page  # the parties
    assert draft.title not in page  # drafts are never registered
    assert response.context["count"] == Case.objects.count() == 2


@pytest.mark.django_db
def test_the_diarium_is_searched_by_number_year_and_party(client, submitted, malmo_user, open_call):
    malmo = services.submit(
        fill_complete(start_draft(open_call, malmo_user, code="1280")).pk, by=malmo_user
    ).application
    year = submitted.case.year
    assert numbers(client.get("/diarium/", {"number": submitted.case_number})) == [submitted.case_number]
    serial = malmo.case_number.split("-")[1]
    assert numbers(client.get("/diarium/", {"number": serial})) == [malmo.case_number]
    assert numbers(client.get("/diarium/", {"year": year})) == [malmo.case_number, submitted.case_number]
    assert numbers(client.get("/diarium/", {"municipality": "1280"})) == [malmo.case_number]
    assert numbers(client.get("/diarium/", {"municipality": "0180", "year": year})) == [submitted.case_number]
    assert numbers(client.get("/diarium/", {"municipality": "2584"})) == []
    assert numbers(client.get("/diarium/", {"number": "851-9999"})) == []


@pytest.mark.django_db
def test_the_diarium_is_paginated(client, open_call, monkeypatch, reference_data):
    user = make_member("many@goteborg.test", "1480")
    made = [
        services.submit(fill_complete(start_draft(open_call, user, code="1480")).pk, by=user).application
        for _ in range(3)
    ]
    monkeypatch.setattr(views, "DIARIUM_PAGE_SIZE", 2)
    first = client.get("/diarium/", {"municipality": "1480"})
    second = client.get("/diarium/", {"municipality": "1480", "page": 2})
    assert len(numbers(first)) == 2 and len(numbers(second)) == 1
    assert set(numbers(first) + numbers(second)) == {a.case_number for a in made}
    assert "municipality=1480&amp;page=2" in first.content.decode()


@pytest.mark.django_db
def test_a_case_shows_its_documents_without_their_contents(client, submitted):
    response = client.get(f"/diarium/{submitted.case_number}/")
    assert response.status_code == 200
    page = response.content.decode()
    document = submitted.received_document
    assert submitted.case.subject in page
    assert document.title in page
    assert local(document.registered_at).strftime("%Y-%m-%d") in page
    assert "Inkommen" in page  # direction, in words
    # The received version's answers and its files stay out of the public register.
    snapshot = Document.objects.get(pk=document.pk).snapshot
    for secret in (snapshot["purpose"], snapshot["activities"], snapshot["roma_participation"], CONTACT_EMAIL):
        assert secret not in page
    assert "/handlingar/filer/" not in page
    for stored in document.files.all():
        assert stored.name not in page and stored.sha256 not in page
    # How to get a copy: the registrar of the agency named in the programme.
    assert "registratorn vid Länsstyrelsen i Stockholms län" in page


@pytest.mark.django_db
def test_a_decided_case_lists_the_decision_letter_but_not_its_reasons(client, programme):
    rounds = build_rounds(programme)
    refused = rounds.refused
    response = client.get(f"/diarium/{refused.application.case_number}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert refused.letter_document.title in page  # every registered case is public, refusals too
    assert "Utgående" in page
    assert refused.reasons not in page
    assert f"/beviljade/{refused.application.case_number}/" not in page  # no register entry for a refusal
    granted = rounds.grants[0].application.case_number
    assert f"/beviljade/{granted}/" in client.get(f"/diarium/{granted}/").content.decode()


@pytest.mark.django_db
def test_an_unknown_case_number_is_not_found(client, reference_data):
    assert client.get("/diarium/851-0001-1999/").status_code == 404
    assert client.get("/diarium/inget-sadant/").status_code == 404

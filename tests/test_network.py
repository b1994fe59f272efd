"""The municipal network, meetings, the follow-up calendar and the outreach view."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from bidra.applications import services
from bidra.municipalities.models import Municipality
from bidra.network import outreach
from bidra.network.models import (
    AssignmentDeadline,
    GovernmentAssignment,
    Meeting,
    MeetingDocument,
    NationalAgency,
    NetworkMember,
)
from bidra.network.seed import NETWORK_MUNICIPALITIES, seed_network

from .helpers import PDF_BYTES, fill_complete, make_member, municipality, start_draft

pytestmark = pytest.mark.django_db


def test_seed_network_is_idempotent(reference_data):
    assert seed_network() == []
    call_command("seed_network", stdout=io.StringIO())
    assert NetworkMember.objects.count() == len(NETWORK_MUNICIPALITIES) == 28
    assert NationalAgency.objects.count() == 5
    names = set(NetworkMember.objects.values_list("municipality__name", flat=True))
    assert {"Botkyrka", "Upplands Väsby", "Örebro", "Stockholm"} <= names
    assert not any(name.startswith("Region") for name in names)


def test_outreach_lists_exactly_the_municipalities_never_reached(open_call, stockholm_user, analyst, client):
    NetworkMember.objects.create(municipality=municipality("1280"))  # Malmö: member
    meeting = Meeting.objects.create(date=date(2025, 3, 1), kind=Meeting.Kind.LEARNING, topic="Skola")
    meeting.municipalities.add(municipality("0127"))  # Botkyrka: took part in a meeting
    services.submit(fill_complete(start_draft(open_call, stockholm_user)).pk, by=stockholm_user)  # Stockholm applied
    start_draft(open_call, make_member("l@lund.test", "1281"), code="1281")  # a draft is not an application
    statuses = outreach.status_by_code()
    assert statuses["0180"] == outreach.APPLIED
    assert statuses["1280"] == statuses["0127"] == outreach.REACHED
    assert statuses["1281"] == outreach.NEITHER
    expected = set(Municipality.objects.exclude(code__in=["0180", "1280", "0127"]).values_list("name", flat=True))
    assert {m.name for m in outreach.never_reached(Municipality.objects.all(), statuses)} == expected
    client.force_login(analyst)
    page = client.get("/natverk/utatriktat/?county=01")
    body = page.content.decode()
    assert page.status_code == 200 and "<svg" in body
    table = body.split('id="never-reached"')[1]
    stockholm_county = set(
        Municipality.objects.filter(county__code="01").exclude(code__in=["0180", "0127"]).values_list("name", flat=True)
    )
    assert all(name in table for name in stockholm_county)
    assert "<td>Stockholm</td>" not in table and "<td>Botkyrka</td>" not in table
    assert "<td>Lund</td>" not in table  # outside the filter
    assert 'id="m0180" d=' in body


def test_meetings_and_documents(reference_data, analyst, officer, client):
    client.force_login(analyst)
    response = client.post(
        "/natverk/moten/ny/",
        {
            "date": "2025-05-14",
            "kind": "experience_day",
            "topic": "Erfarenhetsdag",
            "municipalities": [municipality("0180").pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    upload = io.BytesIO(PDF_BYTES)
    upload.name = "protokoll.pdf"
    assert client.post(f"/natverk/moten/{meeting.pk}/", {"file": upload}).status_code == 302
    document = MeetingDocument.objects.get()
    assert len(document.sha256) == 64
    client.force_login(officer)
    assert client.get(f"/natverk/moten/{meeting.pk}/dokument/{document.pk}/").status_code == 200
    assert client.get("/natverk/moten/ny/").status_code == 404
    bad = io.BytesIO(b"not a pdf")
    bad.name = "x.pdf"
    assert client.post(f"/natverk/moten/{meeting.pk}/", {"file": bad}).status_code == 404


def test_member_with_contacts(reference_data, analyst, client):
    client.force_login(analyst)
    response = client.post(
        "/natverk/medlemmar/ny/",
        {
            "municipality": municipality("0380").pk,
            "member_since": "2012-06-01",
            "priorities": "Utbildning",
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Eva Ek",
            "contacts-0-email": "eva@uppsala.test",
            "contacts-0-role": "Samordnare",
        },
    )
    assert response.status_code == 302
    member = NetworkMember.objects.get()
    assert member.contacts.get().email == "eva@uppsala.test"
    assert "Eva Ek" in client.get("/natverk/").content.decode()


def test_calendar_lists_upcoming_deadlines_in_date_order(analyst, client):
    today = timezone.localdate()
    first = GovernmentAssignment.objects.create(title="Samordna och följa upp", period_start=date(2016, 1, 1))
    second = GovernmentAssignment.objects.create(title="Nulägesbeskrivningar", period_start=date(2017, 1, 1))
    AssignmentDeadline.objects.create(assignment=first, due_on=today + timedelta(days=90), what="Årsrapport")
    AssignmentDeadline.objects.create(assignment=second, due_on=today + timedelta(days=10), what="Delredovisning")
    AssignmentDeadline.objects.create(assignment=first, due_on=today - timedelta(days=1), what="Passerad")
    client.force_login(analyst)
    body = client.get("/natverk/kalender/").content.decode()
    assert body.index("Delredovisning") < body.index("Årsrapport")
    assert "Passerad" not in body

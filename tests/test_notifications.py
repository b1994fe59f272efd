"""Notifications are an outbox: a failed e-mail is kept and sent by the next run, never twice."""

import io
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from bidra.applications import services
from bidra.audit.events import send_pending_email
from bidra.audit.models import Notification


@pytest.mark.django_db
def test_a_receipt_survives_a_mail_server_outage(complete_draft, stockholm_user, django_capture_on_commit_callbacks):
    with (
        mock.patch("bidra.audit.events.send_mail", side_effect=ConnectionRefusedError("smtp down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.submit(complete_draft.pk, by=stockholm_user)
    receipt = Notification.objects.get(channel="email")
    assert receipt.sent_at is None and receipt.attempts == 1 and "smtp down" in receipt.last_error
    assert mail.outbox == []

    out = io.StringIO()
    call_command("send_notifications", stdout=out)
    assert "1 sent" in out.getvalue()
    assert len(mail.outbox) == 1 and "851-" in mail.outbox[0].subject
    call_command("send_notifications", stdout=io.StringIO())
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_receipt_goes_to_the_contact_person_too(complete_draft, stockholm_user, django_capture_on_commit_callbacks):
    complete_draft.contact_email = "kontakt@stockholm.test"
    complete_draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(complete_draft.pk, by=stockholm_user)
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@stockholm.test", "kontakt@stockholm.test"]


@pytest.mark.django_db
def test_e_mail_is_written_in_the_recipients_language(
    complete_draft, stockholm_user, django_capture_on_commit_callbacks
):
    stockholm_user.language = "en"
    stockholm_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(complete_draft.pk, by=stockholm_user)
    assert mail.outbox[0].subject.startswith("Receipt")


@pytest.mark.django_db
def test_the_in_app_notification_is_listed_and_marked_read(client, submitted, stockholm_user):
    client.force_login(stockholm_user)
    page = client.get("/aviseringar/").content.decode()
    assert submitted.case_number in page
    client.post("/aviseringar/markera-lasta/")
    assert not Notification.objects.filter(recipient=stockholm_user, channel="in_app", read_at__isnull=True).exists()


def test_sending_with_nothing_queued_sends_nothing(db):
    assert send_pending_email() == (0, 0)

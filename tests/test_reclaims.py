"""Reclaims (återkrav): proposed from a report, signed with four eyes, letter in the diarium, repayment."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bidra.accounts.models import AgencyRole
from bidra.assessment import services as assessment
from bidra.audit.models import Notification
from bidra.core.files import open_blob
from bidra.diarium.models import Document
from bidra.reports import services
from bidra.reports.models import Reclaim

from .helpers import make_staff
from .test_reports import _submitted, grant  # noqa: F401 - the fixture


@pytest.fixture
def report(grant):  # noqa: F811
    decision, user, _officer = grant
    return _submitted(decision, user)


@pytest.mark.django_db
def test_one_step_reclaim_of_the_declared_unused_amount(client, grant, report):  # noqa: F811
    _decision, _user, officer = grant
    client.force_login(officer)
    response = client.post(
        f"/handlaggning/redovisningar/{report.pk}/aterkrav/",
        {"amount": "", "reasons": "Bidraget har inte använts fullt ut.", "repay_by": "2030-01-31"},
    )
    assert response.status_code == 302
    reclaim = Reclaim.objects.get()
    assert reclaim.amount == Decimal(50_000) == report.unused_amount
    assert reclaim.status == "draft" and reclaim.presenter == officer and reclaim.report == report


@pytest.mark.django_db
def test_a_typed_amount_cannot_exceed_the_grant(grant, report):  # noqa: F811
    decision, _user, officer = grant
    with pytest.raises(ValidationError):
        services.propose_reclaim(decision, by=officer, reasons="x", repay_by=date(2030, 1, 1), amount=Decimal(10**7))
    reclaim = services.propose_reclaim(
        decision, by=officer, reasons="Otillåtna kostnader.", repay_by=date(2030, 1, 1), amount=Decimal(75_000)
    )
    assert reclaim.amount == Decimal(75_000)


@pytest.mark.django_db
def test_four_eyes_letter_and_repayment(client, grant, report):  # noqa: F811
    decision, user, officer = grant
    reclaim = services.propose_reclaim(
        decision, by=officer, reasons="Bidraget har inte använts fullt ut.", repay_by=date(2030, 1, 31), report=report
    )
    # the presenter cannot sign, even as a decision-maker
    officer.staff_roles.create(role=AgencyRole.DECISION_MAKER)
    presenter = type(officer).objects.get(pk=officer.pk)
    with pytest.raises(PermissionDenied, match="fyra ögon"):
        services.sign_reclaim(reclaim, by=presenter)
    # a decision-maker with jäv in the case cannot sign
    conflicted = make_staff("javig@lst.test", AgencyRole.DECISION_MAKER)
    assessment.declare_conflict(decision.application, by=conflicted, has_conflict=True, reason="Närstående.")
    with pytest.raises(PermissionDenied, match=decision.application.case_number):
        services.sign_reclaim(reclaim, by=conflicted)
    # finance cannot sign
    finance = make_staff("ekonomi@lst.test", AgencyRole.FINANCE)
    client.force_login(finance)
    assert client.post(f"/handlaggning/aterkrav/{reclaim.pk}/signera/").status_code == 404
    assert Reclaim.objects.get(pk=reclaim.pk).status == "draft"
    # a proper decision-maker signs through the list
    signer = make_staff("beslutare@lst.test", AgencyRole.DECISION_MAKER)
    client.force_login(signer)
    client.post(f"/handlaggning/aterkrav/{reclaim.pk}/signera/")
    reclaim.refresh_from_db()
    assert reclaim.status == "claimed" and reclaim.signed_by == signer and reclaim.signed_at
    document = reclaim.letter_document
    assert document.direction == Document.Direction.OUTGOING and document.kind == "reclaim"
    assert document.case_id == decision.application.case_id
    letter = document.files.get()
    assert letter.content_type == "application/pdf" and letter.name.endswith(".pdf")
    with open_blob(letter.sha256) as handle:
        assert handle.read(5) == b"%PDF-"
    assert Notification.objects.filter(recipient=user, subject__contains="återkrav").exists()
    # the case officer cannot record repayment; finance can
    client.force_login(officer)
    assert client.post(f"/handlaggning/aterkrav/{reclaim.pk}/mark_paid_back/").status_code == 404
    client.force_login(finance)
    assert "Markera som återbetalt" in client.get("/handlaggning/aterkrav/").content.decode()
    client.post(f"/handlaggning/aterkrav/{reclaim.pk}/mark_paid_back/")
    reclaim.refresh_from_db()
    assert reclaim.status == "paid_back" and reclaim.settled_by == finance
    # once settled, nothing more
    client.post(f"/handlaggning/aterkrav/{reclaim.pk}/write_off/", {"note": "x"})
    assert Reclaim.objects.get(pk=reclaim.pk).status == "paid_back"


@pytest.mark.django_db
def test_write_off_needs_a_reason(grant, report):  # noqa: F811
    decision, _user, officer = grant
    reclaim = services.propose_reclaim(
        decision, by=officer, reasons="Outnyttjat.", repay_by=date(2030, 1, 31), report=report
    )
    Reclaim.objects.filter(pk=reclaim.pk).update(status="claimed")
    finance = make_staff("ekonomi@lst.test", AgencyRole.FINANCE)
    with pytest.raises(ValidationError):
        services.settle_reclaim(reclaim, "write_off", by=finance)
    services.settle_reclaim(reclaim, "write_off", by=finance, note="Kommunen har upphört med insatsen.")
    assert Reclaim.objects.get(pk=reclaim.pk).status == "written_off"

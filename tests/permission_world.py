"""The objects of the permission matrix's world that come after the application stage.

tests/test_permission_matrix.py builds applications, a case in assessment and a draft decision
batch; this module adds what lives after a signed grant (its payment order, report and reclaim),
an API token and the network side, so that every route of the matrix points at an object that
really exists and a 404 proves a refusal rather than a missing row. Everything is made through
the services where there is one; the network's plain records are saved as their forms would.
"""

import io
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from bidra.accounts.models import AgencyRole
from bidra.api import tokens
from bidra.core import files
from bidra.network import services as network
from bidra.network import surveys
from bidra.network.models import AssignmentReport, GovernmentAssignment, Meeting, NetworkMember
from bidra.network.seed import seed_survey_year
from bidra.payments.models import PaymentOrder
from bidra.reports import services as reports

from .decision_helpers import signed_grant
from .helpers import PDF_BYTES, make_call, make_staff, municipality

REPORT_TEXTS = {
    "activities": "Läxhjälp och hembesök.",
    "results": "Närvaron ökade.",
    "target_groups_reached": "40 barn och unga, 15 föräldrar.",
    "roma_participation": "Referensgrupp med romska föräldrar.",
    "continuation": "Skolan tar över brobyggarna.",
    "public_summary": "Brobyggare i skolan ökade närvaron.",
}


def grant_objects(programme, users: dict) -> dict:
    """A grant signed for the owner's municipality (Stockholm) in a call of its own, with the payment
    order planned at signing, the report the owner submitted and a reclaim the case officer proposed.

    A second call keeps the matrix's first call, with its unsigned draft batch, as it was.
    """
    call = make_call(programme, title="Beviljad testomgång", slug="beviljad-testomgang")
    presenter = make_staff("grant-presenter@lst.test", AgencyRole.CASE_OFFICER)
    (grant,), _officer = signed_grant(call, [("0180", 400_000, 4)], officer=presenter)
    report = reports.ensure_report(grant)
    report = reports.save_draft(report, by=users["owner"], values=REPORT_TEXTS, line_amounts={0: Decimal(350_000)})
    report = reports.submit_report(report, by=users["owner"])
    reclaim = reports.propose_reclaim(
        grant,
        by=users["case_officer"],
        reasons="Bidraget har inte använts fullt ut.",
        repay_by=timezone.localdate() + timedelta(days=30),
        report=report,
    )
    return {
        "grant": grant,
        "payment_order": PaymentOrder.objects.get(decision=grant),
        "report": report,
        "reclaim": reclaim,
    }


def api_objects(users: dict) -> dict:
    """A personal API token of the case officer: only its owner may revoke it."""
    return {"token": tokens.create_token(user=users["case_officer"], name="Matrisens nyckel").token}


def network_objects(users: dict) -> dict:
    """Stockholm in the network, a meeting with a document, a delivered assignment report and this
    year's status description, open, with Stockholm's response waiting."""
    member = NetworkMember.objects.create(municipality=municipality("0180"))
    meeting = Meeting.objects.create(date=date(2025, 5, 14), kind=Meeting.Kind.LEARNING, topic="Skola")
    document = network.add_meeting_document(
        meeting, upload=io.BytesIO(PDF_BYTES), name="protokoll.pdf", size=len(PDF_BYTES), by=users["analyst"]
    )
    return {
        "network_member": member,
        "meeting": meeting,
        "meeting_document": document,
        "assignment_report": _assignment_report(),
        **_survey_objects(),
    }


def _assignment_report() -> AssignmentReport:
    # Reports to the government are uploaded in the admin, which has no service of its own.
    stored = files.store_bytes(PDF_BYTES, "redovisning.pdf", "application/pdf")
    assignment = GovernmentAssignment.objects.create(title="Samordna och följa upp", period_start=date(2024, 1, 1))
    return AssignmentReport.objects.create(
        assignment=assignment,
        delivered_on=date(2024, 12, 1),
        title="Årsrapport",
        **stored.fields(),
    )


def _survey_objects() -> dict:
    today = timezone.localdate()
    survey = seed_survey_year(today.year)
    survey.opens_on, survey.closes_on = today - timedelta(days=5), today + timedelta(days=20)
    survey.save()
    surveys.ensure_responses(survey)
    return {"survey": survey, "survey_response": survey.responses.get(municipality=municipality("0180"))}

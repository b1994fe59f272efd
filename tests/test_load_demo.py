"""The demo loader: idempotent, spread over the country, real case numbers and screening."""

import io
import re
from collections import defaultdict
from decimal import Decimal

import filetype
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from bidra.accounts.models import Membership, StaffRole, User
from bidra.allocation.models import Proposal
from bidra.applications.models import Application, Attachment, BudgetLine, CoActor, ScreeningOutcome, TargetGroup
from bidra.applications.workflow import Status
from bidra.assessment.models import ApplicantRequest, ConflictDeclaration
from bidra.audit.models import Event, Notification
from bidra.core.files import open_blob
from bidra.core.organisation_number import validate_organisation_number
from bidra.core.stockholm import local
from bidra.decisions.models import Decision, DecisionBatch
from bidra.demo import content, loader
from bidra.diarium.models import Case, Document
from bidra.network.models import Response
from bidra.payments.models import PaymentOrder
from bidra.programmes.models import Call
from bidra.reports.models import Reclaim, Report
from bidra.reports.selectors import overdue_application_ids

pytestmark = pytest.mark.django_db

CASE_NUMBER = re.compile(r"^851-(\d{4})-2024$")


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once for this module (it takes seconds), inside a transaction rolled back at the end."""
    root = tmp_path_factory.mktemp("demo-private")
    fast = {"PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"]}
    with django_db_blocker.unblock(), override_settings(PRIVATE_FILES_ROOT=root, **fast), transaction.atomic():
        output = load()
        yield root, output
        transaction.set_rollback(True)


@pytest.fixture
def private_root(loaded_demo, settings):
    settings.PRIVATE_FILES_ROOT = loaded_demo[0]
    return loaded_demo[0]


def totals() -> dict[str, int]:
    models = (
        Call,
        User,
        StaffRole,
        Membership,
        Application,
        BudgetLine,
        CoActor,
        Attachment,
        Case,
        Document,
        Event,
        Notification,
    )
    return {model.__name__: model.objects.count() for model in models}


def spring_submitted():
    return (
        Application.objects.filter(call__slug=content.SPRING_SLUG)
        .exclude(status__in=[Status.DRAFT, Status.WITHDRAWN])
        .select_related("municipality", "case", "received_document")
    )


def test_running_twice_changes_nothing(private_root, loaded_demo):
    first_output = loaded_demo[1]
    first = totals()
    second_output = load()

    assert totals() == first
    assert Event.objects.filter(action="application.submit_refused").count() == 1
    assert "0 new applications" in second_output
    for output in (first_output, second_output):
        assert "http://127.0.0.1:8000/" in output
        assert content.PASSWORD in output
        assert "handlaggare@lansstyrelsen.demo" in output and "lena.lind@norrkoping.demo" in output
        assert "demo+" not in output  # the unlisted users stay unlisted
        assert "manage.py demo_otp" in output and "otpauth://totp/Bidra" in output  # staff second factor


def test_spring_round_is_spread_over_the_country_and_numbered_without_gaps(private_root):
    received = list(spring_submitted())

    assert len(received) >= 38
    assert len({a.municipality_id for a in received}) >= 25
    assert {a.municipality.national_area for a in received} == {"east", "south", "north"}
    assert len({a.municipality.skr_group_code for a in received}) >= 6
    administrations = defaultdict(set)
    for application in received:
        administrations[application.municipality_id].add(application.administration)
    assert sum(len(names) >= 2 for names in administrations.values()) >= 4

    serials = []
    for application in received:
        match = CASE_NUMBER.match(application.case_number)
        assert match, application.case_number
        serials.append(int(match.group(1)))
    assert sorted(serials) == list(range(1, len(received) + 1))
    by_arrival = sorted(received, key=lambda a: a.submitted_at)
    assert [a.case.serial for a in by_arrival] == sorted(serials)  # numbered in the order they arrived

    call = Call.objects.get(slug=content.SPRING_SLUG)
    assert all(call.opens_at <= a.submitted_at <= call.closes_at for a in received)
    assert sum(local(a.submitted_at).date().isoformat() == "2024-04-15" for a in received) >= 3


def test_screening_budgets_and_answers_are_realistic(private_root):
    flawed = loader.flawed_start_keys()
    assert 2 <= len(flawed) <= 3

    for application in spring_submitted():
        received = application.received_document.snapshot
        lines_total = sum(int(line["amount"]) for line in received["budget_lines"])
        if application.start_key in flawed:
            assert application.screening_outcome == ScreeningOutcome.FAILED
        else:
            assert application.screening_outcome == ScreeningOutcome.PASSED, application.title
            assert lines_total == int(received["requested_amount"])
        assert received["areas"] and received["target_groups"]
        assert set(received["target_groups"]) <= set(TargetGroup.values)
        assert application.summary.count(".") in (2, 3)

    with_amount = Application.objects.exclude(requested_amount=None)
    assert all(Decimal(50_000) <= a.requested_amount <= Decimal(1_500_000) for a in with_amount)
    minimum_share = spring_submitted().exclude(minimum_amount=None).count() / spring_submitted().count()
    assert 0.35 <= minimum_share <= 0.65
    assert all(a.minimum_amount < a.requested_amount for a in with_amount.exclude(minimum_amount=None))

    for co_actor in CoActor.objects.exclude(organisation_number=""):
        validate_organisation_number(co_actor.organisation_number)
    attachments = list(Attachment.objects.all())
    assert attachments
    for attachment in attachments:
        with open_blob(attachment.sha256) as stored:
            kind = filetype.guess(stored.read(8192))
        assert kind is not None and kind.mime == "application/pdf"
    assert len({a.sha256 for a in attachments}) == len(attachments)


def test_open_round_drafts_and_the_late_attempt(private_root):
    open_call = Call.objects.get(slug=content.OPEN_SLUG)
    current = Application.objects.filter(call=open_call)
    drafts = current.filter(status=Status.DRAFT)

    assert drafts.count() >= 4
    assert {d.municipality.code for d in drafts} == {"0180", "1480", "1280", "0581"}
    assert len({d.last_step for d in drafts}) >= 4
    submitted_now = current.filter(status=Status.SUBMITTED)
    assert submitted_now.count() == 2
    for application in submitted_now:
        assert application.submitted_at is not None
        assert application.case_number.endswith(f"-{local(application.submitted_at).year}")

    refused = Event.objects.get(action="application.submit_refused")
    late = Application.objects.get(start_key=loader.start_key(content.LATE_ATTEMPT["n"]))
    assert refused.target_id == str(late.pk)
    assert late.status == Status.DRAFT and late.case is None
    assert refused.data["reason"] == "deadline"


def test_the_spring_round_is_decided_and_paid(private_root):
    spring = Call.objects.get(slug=content.SPRING_SLUG)
    batch = DecisionBatch.objects.get(call=spring)
    assert batch.state == "signed" and batch.signed_by != batch.presenter
    decided = Decision.objects.filter(batch=batch)
    assert decided.count() >= 30
    assert {d.outcome for d in decided} == {"granted", "partly_granted", "refused"}
    assert sum(d.amount for d in decided) <= spring.budget
    assert all(d.letter_document.files.count() == 1 for d in decided)
    statuses = set(PaymentOrder.objects.filter(call=spring).values_list("status", flat=True))
    assert statuses == {"planned", "approved", "paid"}
    assert Proposal.objects.filter(call=spring).exists()
    assert ApplicantRequest.objects.filter(application__call=spring, state="answered").count() == 1
    assert ApplicantRequest.objects.filter(application__call=spring, state="open").count() == 1
    assert ConflictDeclaration.objects.filter(application__call=spring, has_conflict=True).count() == 1


def test_reports_a_reclaim_and_status_descriptions_follow_the_decisions(private_root):
    statuses = set(Report.objects.values_list("status", flat=True))
    assert {"submitted", "approved"} <= statuses
    assert overdue_application_ids(timezone.localdate())  # some grantees have not reported
    assert Reclaim.objects.filter(status="paid_back").count() == 1
    assert Response.objects.filter(survey_year__year=2025, status="submitted", municipality__isnull=False).count() >= 20
    assert Response.objects.filter(survey_year__year=2024, status="submitted").exists()  # comparable over years

"""The grant rounds that the public-page tests build on, and a check that they are what those tests assume.

Three calls of the Roma programme, built through the real services:

- ``last_year``: Stockholm and Malmö granted, Kiruna refused (score 0, under the minimum score);
  signed a year ago.
- ``this_year``: Norrköping and Stockholm granted (Stockholm's second grant); signed now.
- ``pending``: Göteborg assessed and drafted, never signed (not public).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from bidra.accounts.models import AgencyRole, User
from bidra.allocation import services as allocation
from bidra.applications.models import Application
from bidra.decisions import services as decisions
from bidra.decisions.models import Decision, DecisionBatch
from bidra.programmes.models import Call

from .decision_helpers import assessed_call
from .helpers import PDF_BYTES, make_staff

CONTACT_EMAIL = "anna@stockholm.test"  # set on every application by tests.helpers.fill_complete
CONTACT_PHONE = "070-123 45 67"
SECRET_TITLE = "Avslagen insats i Kiruna"
DRAFT_TITLE = "Utkast till beslut i Göteborg"


def codes_of(decisions) -> list[str]:
    return sorted(d.application.municipality.code for d in decisions)


def granted_to(rounds, code: str, call=None) -> list[Decision]:
    return [
        d
        for d in rounds.grants
        if d.application.municipality.code == code and (call is None or d.batch.call_id == call.pk)
    ]


@dataclass
class Rounds:
    last_year: Call
    this_year: Call
    pending: Call
    grants: list[Decision]  # every published grant
    refused: Decision
    unsigned: Decision
    last_year_signed_at: object
    this_year_signed_at: object


def _call(programme, slug: str, budget: int) -> Call:
    now = timezone.now()
    today = timezone.localdate()
    return Call.objects.create(
        programme=programme,
        title=f"Omgång {slug}",
        slug=slug,
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=30),
        budget=Decimal(budget),
        period_start_earliest=date(today.year, 1, 1),
        period_end_latest=date(today.year + 1, 12, 31),
        report_due_date=date(today.year + 2, 3, 31),
    )


def _assess(call: Call, applicants) -> tuple[list[Application], User]:
    made, presenter = assessed_call(call, applicants)
    # assessed_call always names its presenter presenter@lst.test; free the address for the next call.
    User.objects.filter(pk=presenter.pk).update(email=f"presenter-{call.slug}@lst.test")
    return made, presenter


def _decide(call: Call, presenter: User, **rules) -> DecisionBatch:
    proposal = allocation.run_proposal(
        call, by=presenter, choices=allocation.RulesInput(require_each_national_area=False, **rules)
    )
    return decisions.draft_from_proposal(proposal, by=presenter)


def build_rounds(programme) -> Rounds:
    # The public pages never show decision letters; a stand-in PDF saves WeasyPrint a second per batch.
    with mock.patch("bidra.decisions.services.render_decision_letter", return_value=PDF_BYTES):
        return _build_rounds(programme)


def _build_rounds(programme) -> Rounds:
    signer = make_staff("beslutsfattare@lst.test", AgencyRole.DECISION_MAKER)
    now = timezone.now()
    last_year_signed_at = now.replace(year=now.year - 1, month=6, day=3, hour=10)

    last_year = _call(programme, "forra-aret", 600_000)
    applications, presenter = _assess(last_year, [("0180", 400_000, 4), ("1280", 300_000, 3), ("2584", 200_000, 0)])
    by_code = {a.municipality.code: a for a in applications}
    Application.objects.filter(pk=by_code["0180"].pk).update(
        title="Brobyggarna i skolan",
        summary="Stöd till elever och föräldrar med läxhjälp och hembesök.",
        administration="Utbildningsförvaltningen",
        contact_phone=CONTACT_PHONE,
    )
    Application.objects.filter(pk=by_code["1280"].pk).update(
        title="Romska kulturdagar",
        summary="Musik och berättande för barn på stadsbiblioteket.",
        administration="Kulturförvaltningen",
        contact_phone=CONTACT_PHONE,
    )
    Application.objects.filter(pk=by_code["2584"].pk).update(title=SECRET_TITLE, summary="Ska aldrig synas.")
    by_code["1280"].areas.set(programme.areas.filter(code="kultur-sprak"))
    batch = _decide(last_year, presenter, min_score=1.0)
    decisions.sign_batch(batch, by=signer, at=last_year_signed_at)

    this_year = _call(programme, "i-ar", 1_000_000)
    applications, presenter = _assess(this_year, [("0581", 100_000, 3), ("0180", 150_000, 3)])
    Application.objects.filter(pk=applications[0].pk).update(
        title="Mötesplats för unga", summary="En kväll i veckan på fritidsgården.", administration=""
    )
    Application.objects.filter(pk=applications[1].pk).update(
        title="Läsambassadörer på biblioteket",
        summary="Högläsning på romani för barn.",
        administration="Kulturförvaltningen",
    )
    batch = _decide(this_year, presenter)
    decisions.sign_batch(batch, by=signer, at=now)

    pending = _call(programme, "vantar", 500_000)
    applications, presenter = _assess(pending, [("1480", 150_000, 4)])
    Application.objects.filter(pk=applications[0].pk).update(title=DRAFT_TITLE)
    draft = _decide(pending, presenter)

    all_decisions = Decision.objects.select_related("application__municipality")
    return Rounds(
        last_year=last_year,
        this_year=this_year,
        pending=pending,
        grants=list(all_decisions.filter(batch__state="signed").exclude(outcome="refused").order_by("pk")),
        refused=all_decisions.get(application__municipality__code="2584"),
        unsigned=draft.decisions.get(),
        last_year_signed_at=last_year_signed_at,
        this_year_signed_at=now,
    )


@pytest.fixture
def rounds(programme) -> Rounds:
    return build_rounds(programme)


@pytest.mark.django_db
def test_the_rounds_are_what_the_public_tests_assume(rounds):
    assert codes_of(rounds.grants) == ["0180", "0180", "0581", "1280"]
    assert all(d.published and d.amount > 0 for d in rounds.grants)
    assert sum(d.amount for d in rounds.grants if d.batch.call == rounds.last_year) <= 600_000
    assert (rounds.refused.outcome, rounds.refused.amount, rounds.refused.published) == ("refused", 0, False)
    assert rounds.refused.batch.state == "signed"
    assert (rounds.unsigned.batch.state, rounds.unsigned.amount > 0) == ("draft", True)
    assert rounds.unsigned.application.title == DRAFT_TITLE

"""The spring round taken through assessment, allocation, signed decisions and payments.

Everything goes through the real services, in the order an agency would do it, so that the
demo shows what a new user can repeat from the interface. Idempotent: a round that already
has a decision batch is left alone.
"""

import random
from decimal import Decimal

from bidra.accounts.models import User
from bidra.allocation import services as allocation
from bidra.applications import screening
from bidra.applications import services as applications
from bidra.applications.models import Application
from bidra.applications.workflow import Status
from bidra.assessment import services as assessment
from bidra.core.organisation_number import luhn_valid
from bidra.core.stockholm import at
from bidra.decisions import services as decisions
from bidra.decisions.models import DecisionBatch
from bidra.payments import services as payments
from bidra.payments.models import PaymentDetails, PaymentOrder
from bidra.programmes.models import Call, Criterion

COMMENTS = {
    4: "Välgrundad insats med tydlig romsk delaktighet och en realistisk plan för att arbetet ska leva vidare.",
    3: "God insats. Förankringen är beskriven, men uppföljningen kunde vara mer konkret.",
    2: "Insatsen är relevant men beskrivningen av långsiktighet och delaktighet är allmänt hållen.",
    1: "Svagt underlag: oklart hur romer deltar och vad som finns kvar efter bidragsperioden.",
}


def staff(email: str) -> User:
    return User.objects.get(email=email)


def bankgiro_for(code: str) -> str:
    """A valid-looking bankgiro per municipality for the demo (Luhn check digit computed)."""
    body = f"5{code}00"
    digit = next(d for d in "0123456789" if luhn_valid(body + d))
    number = body + digit
    return f"{number[:3]}-{number[3:]}" if len(number) == 7 else f"{number[:4]}-{number[4:]}"


def _level(application: Application, rng: random.Random) -> int:
    if application.screening_outcome == "failed":
        return 1
    return rng.choice([2, 3, 3, 3, 4, 4])


def _assess(application: Application, assessor: User, level: int, rng: random.Random, **extra) -> None:
    scores = {}
    for criterion in assessment.scored_criteria(application):
        if criterion.kind == Criterion.Kind.MANUAL_CHECK:
            scores[criterion.pk] = 1 if level >= 2 else 0
        else:
            scores[criterion.pk] = max(0, min(4, level + rng.choice([-1, 0, 0, 1])))
    assessment.save_assessment(application, by=assessor, scores=scores, comment=COMMENTS[level], complete=True, **extra)


def decide_spring_round(spring: Call, autumn: Call) -> bool:
    """Returns True when it did the work, False when the round was already decided."""
    if DecisionBatch.objects.filter(call=spring).exists():
        return False
    hanna = staff("handlaggare@lansstyrelsen.demo")
    oskar = staff("handlaggare2@lansstyrelsen.demo")
    margareta = staff("beslutsfattare@lansstyrelsen.demo")
    finance = staff("ekonomi@lansstyrelsen.demo")
    rng = random.Random(2024)
    received = list(
        Application.objects.filter(call=spring, status=Status.SUBMITTED).select_related("case", "municipality")
    )
    received.sort(key=lambda a: a.case.serial)
    for index, application in enumerate(received):
        officer = hanna if index % 2 == 0 else oskar
        second = oskar if officer == hanna else hanna
        assessment.take_case(application, by=officer)
        for person in (officer, margareta):
            assessment.declare_conflict(application, by=person, has_conflict=False)
        if index == 5:  # a second assessor with a conflict of interest, declared and logged
            assessment.declare_conflict(
                application,
                by=second,
                has_conflict=True,
                reason="Min make arbetar på den förvaltning som har sökt.",
            )
        else:
            assessment.declare_conflict(application, by=second, has_conflict=False)
        application.refresh_from_db()
        applicant = application.submitted_by
        if index == 2:  # a completion request answered before the assessment
            request = assessment.ask_applicant(
                application,
                by=officer,
                kind="completion",
                message="Skicka en specificerad budget för personalkostnaderna (tjänstgöringsgrad och period).",
                reply_by=at(2024, 5, 6).date(),
                at=at(2024, 4, 22, 9, 30),
            )
            assessment.answer_request(
                request,
                by=applicant,
                at=at(2024, 4, 29, 14, 5),
                answer="Brobyggaren anställs på 75 procent under perioden, totalt 8 månader. Övriga kostnader är "
                "material och lokalhyra för träffarna.",
            )
            application.refresh_from_db()
        if index == len(received) - 1:  # one case still waiting for the applicant
            assessment.ask_applicant(
                application,
                by=officer,
                kind="completion",
                message="Beskriv hur romska föreningar deltar i planeringen.",
                reply_by=at(2024, 5, 15).date(),
                at=at(2024, 5, 2, 10, 0),
            )
            continue
        if index == len(received) - 2:  # and one still being assessed
            continue
        applications.record_manual_check(
            application,
            code=screening.STATUTORY_DUTY,
            passed=application.screening_outcome != "failed" or index % 2,
            note="Insatsen går utöver det kommunen är skyldig att göra enligt skollag och socialtjänstlag.",
            by=officer,
        )
        level = _level(application, rng)
        proposed = {}
        if level == 2 and application.requested_amount and application.requested_amount > 400_000:
            proposed = {
                "proposed_amount": (application.requested_amount * Decimal("0.8")).quantize(Decimal(1000)),
                "reduction_reason": "Lokalkostnaderna bedöms som höga i förhållande till antalet deltagare.",
            }
        _assess(application, officer, level, rng, **proposed)
        if index != 5 and index % 3 == 0:
            _assess(application, second, max(1, min(4, level + rng.choice([-1, 0, 1]))), rng)
        assessment.finish_assessment(application, by=officer)

    proposal = allocation.run_proposal(
        spring,
        by=hanna,
        choices=allocation.RulesInput(min_score=1.5, min_skr_main_groups=3, max_share_per_municipality=0.2),
    )
    batch = decisions.draft_from_proposal(proposal, by=hanna)
    decisions.sign_batch(batch, by=margareta, at=at(2024, 6, 3, 10, 15))
    if allocation.money_left(proposal) > 0:
        allocation.carry_leftover(proposal, by=hanna)

    granted = PaymentOrder.objects.filter(call=spring).select_related("municipality").order_by("reference")
    for order in granted:
        PaymentDetails.objects.get_or_create(
            municipality=order.municipality, defaults={"bankgiro": bankgiro_for(order.municipality.code)}
        )
    for index, order in enumerate(granted):
        if index % 7 == 6:
            continue  # still planned: finance has not approved these yet
        payments.approve(order, by=finance)
        if index % 5 != 4:
            payments.mark_paid(order, by=finance)
    return True

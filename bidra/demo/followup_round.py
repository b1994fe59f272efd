"""After the decisions: reports (submitted, approved, overdue), a reclaim, the municipal network
and two years of status descriptions. Through the real services; idempotent."""

import random
from datetime import date
from decimal import Decimal

from bidra.accounts.models import Membership, User
from bidra.core.stockholm import at
from bidra.decisions.models import Decision
from bidra.municipalities.models import Municipality
from bidra.network import surveys
from bidra.network.models import (
    AssignmentDeadline,
    GovernmentAssignment,
    KnowledgeMaterial,
    Meeting,
    Question,
    Response,
    SurveyYear,
)
from bidra.network.seed import seed_network, seed_survey_year
from bidra.programmes.models import Call
from bidra.reports import services as reports
from bidra.reports.models import Reclaim, Report

REPORT_TEXTS = {
    "activities": "Insatsen genomfördes i stort sett enligt plan. Brobyggaren anställdes i februari och "
    "träffpunkten har varit öppen två kvällar i veckan.",
    "results": "Fler romska familjer har kontakt med skolan och socialtjänsten, och närvaron har ökat i de "
    "klasser som arbetet riktade sig till.",
    "target_groups_reached": "Omkring 40 barn och unga och ett 20-tal föräldrar, de flesta kvinnor. "
    "Inga uppgifter om enskildas etniska tillhörighet har samlats in.",
    "roma_participation": "En referensgrupp med romska föräldrar och en romsk förening har träffats varje månad "
    "och beslutat om aktiviteterna.",
    "continuation": "Förvaltningen har tagit in brobyggarfunktionen i sin ordinarie budget från nästa år.",
    "public_summary": "Kommunen har med bidraget arbetat med romska brobyggare och en träffpunkt för familjer. "
    "Arbetet fortsätter inom den ordinarie verksamheten.",
}


def _user(email: str) -> User:
    return User.objects.get(email=email)


def report_on_spring_round(spring: Call) -> bool:
    """Submit and approve some reports, leave others overdue, and reclaim unused money once."""
    if Report.objects.filter(decision__batch__call=spring).exclude(status="draft").exists():
        return False
    hanna = _user("handlaggare@lansstyrelsen.demo")
    margareta = _user("beslutsfattare@lansstyrelsen.demo")
    finance = _user("ekonomi@lansstyrelsen.demo")
    granted = list(
        Decision.objects.filter(batch__call=spring, amount__gt=0)
        .select_related("application__submitted_by", "application__case")
        .order_by("application__case__serial")
    )
    for index, decision in enumerate(granted[:16]):
        report = reports.ensure_report(decision)
        submitter = decision.application.submitted_by
        lines = {line.position: line.budgeted for line in report.lines.all()}
        if index == 3:  # one grantee did not use all the money
            lines = {position: (amount * Decimal("0.7")).quantize(Decimal(1)) for position, amount in lines.items()}
        scale = decision.amount / max(sum(lines.values(), Decimal(0)), Decimal(1))
        lines = {p: min(a, (a * scale).quantize(Decimal(1))) for p, a in lines.items()}
        reports.save_draft(report, by=submitter, values=dict(REPORT_TEXTS), line_amounts=lines)
        reports.submit_report(report, by=submitter, at=at(2025, 9, 10 + index % 15, 14, 0))
        if index < 10:
            reports.approve_report(Report.objects.get(pk=report.pk), by=hanna)
        if index == 3:
            report = Report.objects.get(pk=report.pk)
            reclaim = reports.propose_reclaim(
                decision,
                by=hanna,
                report=report,
                reasons="Kommunen har i sin redovisning angett att en del av bidraget inte har använts.",
                repay_by=date(2025, 12, 31),
            )
            reports.sign_reclaim(reclaim, by=margareta, at=at(2025, 11, 3, 10, 0))
            reports.settle_reclaim(Reclaim.objects.get(pk=reclaim.pk), "mark_paid_back", by=finance)
    return True


def _answer_value(question: Question, rng: random.Random, year: int):
    if question.kind == Question.Kind.YES_NO:
        return rng.random() < (0.55 if year == 2024 else 0.7)
    if question.kind == Question.Kind.TEXT:
        return rng.choice(
            [
                "Brobyggare i skolan och samråd med romska föreningar två gånger per år.",
                "Svårt att nå familjer utanför de etablerade kontakterna; bristande kunskap i förvaltningarna.",
                "Ett nytt samverkansavtal mellan skola och socialtjänst ger bättre förutsättningar.",
                "Samråd har skett i en referensgrupp med romska företrädare.",
            ]
        )
    if question.kind == Question.Kind.SCALE:
        return rng.randint(2, 5) if year == 2025 else rng.randint(1, 4)
    return rng.randint(0, 6) + (1 if year == 2025 else 0)


def network_activity() -> None:
    """Meetings of the network, knowledge material and the government assignments (idempotent)."""
    members = list(Municipality.objects.filter(network_member__isnull=False).order_by("name"))
    meetings = [
        (date(2024, 3, 14), Meeting.Kind.EXPERIENCE_DAY, "Brobyggare i skola och socialtjänst", members[:14]),
        (date(2024, 5, 22), Meeting.Kind.CONSULTATION, "Samråd om bostadsfrågor med romska företrädare", members[3:9]),
        (date(2024, 10, 8), Meeting.Kind.LEARNING, "Uppföljning av insatser med statsbidrag", members[8:20]),
        (date(2025, 4, 2), Meeting.Kind.EXPERIENCE_DAY, "Hälsoinspiratörer och samverkan med regionen", members[:16]),
    ]
    for on, kind, topic, participants in meetings:
        meeting, created = Meeting.objects.get_or_create(date=on, topic=topic, defaults={"kind": kind})
        if created:
            meeting.municipalities.set(participants)
    for title, kind, description in [
        (
            "Filmreportage om romsk inkludering",
            KnowledgeMaterial.Kind.FILM,
            "Korta filmer från kommuner som arbetar med brobyggare och samråd.",
        ),
        (
            "Poddavsnitt för anställda i offentlig sektor",
            KnowledgeMaterial.Kind.PODCAST,
            "Samtal om bemötande, rättigheter och långsiktigt arbete.",
        ),
        ("Skolbok om antiziganism", KnowledgeMaterial.Kind.BOOK, "Undervisningsmaterial för grundskolan."),
    ]:
        KnowledgeMaterial.objects.get_or_create(title=title, defaults={"kind": kind, "description": description})
    assignment, created = GovernmentAssignment.objects.get_or_create(
        title="Samordna och följa upp strategin för romsk inkludering",
        defaults={
            "period_start": date(2024, 1, 1),
            "period_end": date(2027, 12, 31),
            "description": "Årlig rapport om arbetet i kommunerna och nulägesbeskrivningar.",
        },
    )
    if created:
        for year in (2025, 2026, 2027):
            AssignmentDeadline.objects.create(assignment=assignment, due_on=date(year, 4, 15), what="Årsrapport")
        AssignmentDeadline.objects.create(assignment=assignment, due_on=date(2026, 12, 15), what="Nulägesbeskrivning")


def describe_status(years: tuple[int, ...] = (2024, 2025)) -> bool:
    """The network, and status descriptions answered by most network municipalities in two years."""
    seed_network()
    network_activity()
    if SurveyYear.objects.filter(year=years[-1], responses__status=Response.Status.SUBMITTED).exists():
        return False
    rng = random.Random(2025)
    for year in years:
        survey = seed_survey_year(year)
        questions = list(surveys.questions_of(survey))
        responses = list(surveys.invited_responses(survey).filter(municipality__isnull=False))
        answering = responses[: 18 if year == 2024 else 22]
        for response in answering:
            municipality: Municipality = response.municipality
            user, _ = User.objects.get_or_create(
                email=f"demo+{municipality.code}@kommun.demo", defaults={"full_name": f"Kontakt {municipality.name}"}
            )
            Membership.objects.get_or_create(user=user, municipality=municipality, revoked_at=None)
            surveys.save_answers(response, {q.pk: _answer_value(q, rng, year) for q in questions})
            surveys.submit(response, by=user)
    return True

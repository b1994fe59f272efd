"""From assessed applications to the optimiser's candidates (plain values, whole kronor)."""

from decimal import Decimal

from bidra.applications.models import Application
from bidra.applications.workflow import Status
from bidra.assessment.scoring import mean
from bidra.programmes.models import Call, Criterion

from .optimiser import Candidate

LONG_TERM_CRITERION = "langsiktighet"


def assessed_applications(call: Call) -> list[Application]:
    return list(
        Application.objects.filter(call=call, status=Status.ASSESSED, decision__isnull=True)
        .select_related("municipality__county")
        .prefetch_related("assessments__scores__criterion")
        .order_by("pk")
    )


def candidate_for(application: Application) -> Candidate:
    completed = [a for a in application.assessments.all() if a.completed_at]
    score = mean(a.weighted_score for a in completed) or Decimal(0)
    long_term = mean(
        Decimal(s.value)
        for a in completed
        for s in a.scores.all()
        if s.criterion.code == LONG_TERM_CRITERION and s.criterion.kind == Criterion.Kind.SCORED
    )
    proposed = [a.proposed_amount for a in completed if a.proposed_amount is not None]
    requested = int(min([application.requested_amount or 0, *proposed]))
    minimum = application.minimum_amount
    municipality = application.municipality
    return Candidate(
        id=str(application.pk),
        score=float(score),
        requested=requested,
        minimum=int(minimum) if minimum is not None and 0 < minimum <= requested else None,
        municipality=municipality.code,
        county=municipality.county.code,
        national_area=municipality.national_area,
        skr_group=municipality.skr_group_code,
        involves_women_children=application.involves_women_and_children,
        long_term_score=float(long_term or 0),
    )


def candidates_for(call: Call) -> tuple[list[Candidate], dict[str, Application]]:
    applications = [a for a in assessed_applications(call) if (a.requested_amount or 0) > 0]
    return [candidate_for(a) for a in applications], {str(a.pk): a for a in applications}

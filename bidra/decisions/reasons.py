"""The reasons (motivering, förvaltningslagen 32 §) proposed for a decision, assembled from the
assessment. The officer edits them before the decision is signed."""

from decimal import Decimal

from django.utils.translation import gettext as _

from bidra.applications.models import Application
from bidra.assessment.models import Assessment
from bidra.assessment.services import case_score
from bidra.core.money import format_kronor
from bidra.programmes.models import Criterion

from .models import Outcome


def _criterion_means(assessments: list[Assessment]) -> list[tuple[str, Decimal]]:
    totals: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for assessment in assessments:
        for score in assessment.scores.all():
            if score.criterion.kind != Criterion.Kind.SCORED:
                continue
            totals.setdefault(score.criterion.code, []).append(score.value)
            names[score.criterion.code] = str(score.criterion)
    return [(names[code], Decimal(sum(values)) / len(values)) for code, values in totals.items()]


def propose_reasons(application: Application, outcome: str, amount: Decimal) -> str:
    assessments = [
        a
        for a in application.assessments.select_related("assessor").prefetch_related("scores__criterion")
        if a.completed_at
    ]
    score = case_score(application, assessments)
    programme = application.call.programme
    paragraphs = []
    if outcome == Outcome.REFUSED:
        paragraphs.append(
            _(
                "Bidrag lämnas i den mån det finns medel. %(agency)s har prioriterat de insatser som bedöms ha "
                "bäst förutsättningar att uppfylla bidragets syfte, med hänsyn till långsiktiga effekter, spridning "
                "över landet och mellan kommuner av olika storlek, förankring bland romer och insatser som "
                "involverar romska kvinnor och barn. Ansökan har inte rymts inom de medel som finns att fördela."
            )
            % {"agency": programme.agency_name}
        )
    else:
        paragraphs.append(
            _(
                "%(agency)s bedömer att insatsen har goda förutsättningar att uppfylla bidragets syfte att främja "
                "romsk inkludering."
            )
            % {"agency": programme.agency_name}
        )
    if score is not None:
        lines = [_("Bedömningen (skala 0–4) gav ett viktat medelvärde på %(score)s.") % {"score": score}]
        lines += [f"– {name}: {value:.1f}" for name, value in _criterion_means(assessments)]
        paragraphs.append("\n".join(lines))
    comments = [a.comment.strip() for a in assessments if a.comment.strip()]
    if comments:
        paragraphs.append("\n\n".join(comments))
    if outcome == Outcome.PARTLY_GRANTED:
        reductions = [a.reduction_reason.strip() for a in assessments if a.reduction_reason.strip()]
        paragraphs.append(
            _("Bidraget beviljas med %(amount)s i stället för sökta %(requested)s.")
            % {"amount": format_kronor(amount), "requested": format_kronor(application.requested_amount)}
            + (" " + " ".join(reductions) if reductions else "")
        )
    return "\n\n".join(paragraphs)


def default_conditions() -> str:
    return _(
        "Bidraget får bara användas till den insats som beskrivs i ansökan. Medel som inte har använts, eller "
        "som har använts till annat, kan krävas tillbaka."
    )

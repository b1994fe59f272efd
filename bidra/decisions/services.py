"""Drafting decisions from a proposal and signing them: four eyes, all or none, letters in the diarium."""

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bidra.accounts.identity import has_role
from bidra.accounts.models import AgencyRole
from bidra.allocation.models import Proposal
from bidra.applications.models import Application
from bidra.applications.workflow import APPLICATION_WORKFLOW, Status
from bidra.audit.events import label_actions, record
from bidra.audit.workflow import transition
from bidra.core import files
from bidra.core.stockholm import local_date
from bidra.diarium.models import Document
from bidra.diarium.registration import register_document
from bidra.programmes.models import Call

from .letter import DecisionLetter, appeal_text, default_report_requirements, render_decision_letter
from .letter import Outcome as LetterOutcome
from .models import OUTCOME_ACTIONS, Decision, DecisionBatch, Outcome
from .reasons import default_conditions, propose_reasons

label_actions(
    {
        "decision.drafted": _("Beslutsutkast skapat"),
        "decision.edited": _("Beslutsutkast ändrat"),
        "decision.signed": _("Beslut fattat"),
        "decision.batch_signed": _("Beslutsomgång signerad"),
    }
)


def outcome_for(requested: Decimal | None, amount: Decimal) -> str:
    if amount <= 0:
        return Outcome.REFUSED
    if requested is not None and amount < requested:
        return Outcome.PARTLY_GRANTED
    return Outcome.GRANTED


def legal_basis_text(application: Application) -> str:
    programme = application.call.programme
    title = programme.legal_basis_title or f"SFS {programme.legal_basis}"
    return title[0].lower() + title[1:] if title.startswith("Förordning") else title


def draft_batch(call: Call, amounts: Mapping[int, Decimal], *, by: Any, proposal: Any = None) -> DecisionBatch:
    """Draft one decision per assessed application of the call; ``amounts`` maps application id to kronor."""
    if not has_role(by, AgencyRole.CASE_OFFICER):
        raise PermissionDenied
    applications = list(
        Application.objects.filter(call=call, status=Status.ASSESSED, decision__isnull=True).select_related(
            "call__programme", "municipality"
        )
    )
    if not applications:
        raise ValidationError(_("Det finns inga bedömda ansökningar utan beslut i utlysningen."))
    programme = call.programme
    with transaction.atomic():
        batch = DecisionBatch.objects.create(call=call, proposal=proposal, presenter=by)
        for application in applications:
            amount = Decimal(amounts.get(application.pk, 0))
            if application.requested_amount is not None and amount > application.requested_amount:
                raise ValidationError(_("Ett belopp är större än det sökta."))
            outcome = outcome_for(application.requested_amount, amount)
            Decision.objects.create(
                batch=batch,
                application=application,
                outcome=outcome,
                amount=amount if outcome != Outcome.REFUSED else 0,
                reasons=propose_reasons(application, outcome, amount),
                conditions=default_conditions() if outcome != Outcome.REFUSED else "",
                report_due_date=call.report_due_date if outcome != Outcome.REFUSED else None,
                appeal_text=appeal_text(
                    programme.decisions_appealable,
                    agency_name=programme.agency_name,
                    legal_basis=legal_basis_text(application),
                ),
            )
        record("decision.drafted", actor=by, target=batch, data={"call": call.slug, "decisions": len(applications)})
    return batch


def draft_from_proposal(proposal: Proposal, *, by: Any) -> DecisionBatch:
    """Draft decisions for every candidate of the latest proposal with its amount (0 means refusal)."""
    latest = Proposal.objects.filter(call=proposal.call).order_by("-version").first()
    if latest is None or latest.pk != proposal.pk:
        raise ValidationError(_("Bara den senaste versionen av förslaget kan gå till beslut."))
    if proposal.result.get("status") not in ("optimal", "time_limit", "adjusted"):
        raise ValidationError(_("Förslaget saknar en giltig fördelning."))
    amounts = {int(cid): Decimal(amount) for cid, amount in proposal.amounts.items()}
    return draft_batch(proposal.call, amounts, by=by, proposal=proposal)


def update_decision(decision: Decision, *, by: Any, lock_version: int, **changes: Any) -> Decision:
    """Edit a draft decision (outcome, amount, reasons, conditions, report date)."""
    if decision.batch.state != DecisionBatch.State.DRAFT or not has_role(by, AgencyRole.CASE_OFFICER):
        raise PermissionDenied
    with transaction.atomic():
        locked = Decision.objects.select_for_update().select_related("application").get(pk=decision.pk)
        if locked.lock_version != lock_version:
            raise StaleDecision(locked)
        before = {key: str(getattr(locked, key)) for key in changes}
        for key, value in changes.items():
            setattr(locked, key, value)
        requested = locked.application.requested_amount
        if locked.outcome == Outcome.REFUSED:
            locked.amount, locked.report_due_date = Decimal(0), None
        elif locked.amount <= 0 or (requested is not None and locked.amount > requested):
            raise ValidationError(_("Ett beviljat belopp ska vara större än noll och högst det sökta."))
        elif locked.outcome != outcome_for(requested, locked.amount):
            raise ValidationError(
                _("Beslutet och beloppet stämmer inte: delvis beviljat betyder lägre än sökt belopp.")
            )
        if locked.outcome != Outcome.REFUSED and locked.report_due_date is None:
            raise ValidationError(_("Ange när redovisningen ska lämnas."))
        locked.lock_version += 1
        locked.save()
        record(
            "decision.edited",
            actor=by,
            target=locked.application,
            case_number=locked.application.case_number,
            before=before,
            after={key: str(getattr(locked, key)) for key in changes},
        )
    return locked


class StaleDecision(Exception):
    def __init__(self, decision: Decision):
        super().__init__("stale decision")
        self.decision = decision


def four_eyes_obstacles(
    signer: Any, *, presenter_id: int, applications: list[Any], presenter_refusal: str
) -> list[str]:
    """The rule for every signed decision (grants, reclaims): a decision-maker, not the presenting
    officer, with no declared jäv in any of the cases."""
    problems = []
    if not has_role(signer, AgencyRole.DECISION_MAKER):
        problems.append(_("Bara en beslutsfattare kan fatta beslut."))
    if signer.pk == presenter_id:
        problems.append(presenter_refusal)
    for application in applications:
        if not signer.has_perm("decisions.sign_application", application):
            problems.append(_("Jäv eller saknad behörighet i ärende %(case)s.") % {"case": application.case_number})
    return problems


def signing_obstacles(batch: DecisionBatch, signer: Any) -> list[str]:
    """Why ``signer`` may not sign the batch; empty when they may."""
    applications = [d.application for d in batch.decisions.select_related("application")]
    problems = four_eyes_obstacles(
        signer,
        presenter_id=batch.presenter_id,
        applications=applications,
        presenter_refusal=_("Den som föredrar ärendena kan inte också fatta beslut i dem (fyra ögon)."),
    )
    for application in applications:
        if application.status != Status.ASSESSED:
            problems.append(_("Ärende %(case)s är inte färdigbedömt.") % {"case": application.case_number})
    if batch.state != DecisionBatch.State.DRAFT:
        problems.append(_("Beslutsomgången är redan beslutad."))
    return problems


def letter_for(decision: Decision, *, signer: Any, on: Any) -> DecisionLetter:
    application = decision.application
    programme = application.call.programme
    municipality = application.municipality
    return DecisionLetter(
        agency_name=programme.agency_name,
        agency_unit=programme.agency_unit,
        agency_address=programme.agency_address,
        agency_organisation_number=programme.agency_organisation_number,
        case_number=application.case_number,
        decision_date=on,
        addressee_name=f"{municipality.name} kommun",
        addressee_administration=application.administration,
        addressee_contact=application.contact_name,
        application_title=application.title,
        received_date=local_date(application.submitted_at or decision.batch.created_at),
        outcome=cast(LetterOutcome, decision.outcome),
        amount_granted=int(decision.amount),
        amount_requested=int(application.requested_amount or 0),
        reasons=decision.reasons,
        conditions=decision.conditions,
        report_due_date=decision.report_due_date,
        report_requirements=default_report_requirements(),
        legal_basis=legal_basis_text(application),
        appealable=programme.decisions_appealable,
        appeal_text=decision.appeal_text,
        signatory_name=signer.get_full_name(),
        signatory_title=str(AgencyRole.DECISION_MAKER.label).lower(),
        presenting_officer_name=decision.batch.presenter.get_full_name(),
        period_start=application.period_start,
        period_end=application.period_end,
        grant_name=programme.name[0].lower() + programme.name[1:],
    )


def sign_batch(batch: DecisionBatch, *, by: Any, at: datetime | None = None) -> DecisionBatch:
    """Sign every decision of the batch in one transaction: all are decided, or none is.

    Letters are rendered first (outside the transaction, into content-addressed storage, so
    a failed signing leaves only unreferenced files); then, atomically, each letter is
    registered as an outgoing document, each application moves to its outcome, the applicant
    is notified and the published flag is set for grants.
    """
    at = at or timezone.now()
    problems = signing_obstacles(batch, by)
    if problems:
        raise PermissionDenied(" ".join(problems))
    decisions = list(
        batch.decisions.select_related(
            "application__call__programme", "application__municipality", "application__case", "batch__presenter"
        )
    )
    letters = {}
    for decision in decisions:
        pdf = render_decision_letter(letter_for(decision, signer=by, on=local_date(at)))
        stored = files.store_bytes(pdf, f"beslut-{decision.application.case_number}.pdf", "application/pdf")
        letters[decision.pk] = stored
    with transaction.atomic():
        locked = DecisionBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.state != DecisionBatch.State.DRAFT:
            raise PermissionDenied(_("Beslutsomgången är redan beslutad."))
        for decision in decisions:
            application = (
                Application.objects.select_for_update(of=("self",))
                .select_related("case")
                .get(pk=decision.application_id)
            )
            if application.case is None:  # a decided application was always received and registered
                raise PermissionDenied(_("Ärendet saknar diarienummer."))
            document = register_document(
                application.case,
                direction=Document.Direction.OUTGOING,
                kind="decision",
                title=f"Beslut – {application.title}",
                at=at,
                by=by,
                counterparty=application.municipality,
                snapshot={
                    "outcome": decision.outcome,
                    "amount": str(int(decision.amount)),
                    "reasons": decision.reasons,
                    "conditions": decision.conditions,
                    "report_due_date": decision.report_due_date.isoformat() if decision.report_due_date else None,
                    "signed_by": by.get_full_name(),
                    "presenter": batch.presenter.get_full_name(),
                },
                files=[letters[decision.pk]],
            )
            decision.letter_document = document
            decision.published = decision.outcome != Outcome.REFUSED
            decision.save(update_fields=["letter_document", "published"])
            transition(
                application,
                APPLICATION_WORKFLOW,
                OUTCOME_ACTIONS[Outcome(decision.outcome)],
                by=by,
                case_number=application.case_number,
                data={"amount": str(int(decision.amount)), "document": document.reference},
                context={
                    "application": application,
                    "decision": decision,
                    "case_number": application.case_number,
                    "link": reverse("applications:detail", args=[application.pk]),
                },
                at=at,
            )
            record(
                "decision.signed",
                actor=by,
                target=decision,
                case_number=application.case_number,
                data={"outcome": decision.outcome, "amount": str(int(decision.amount))},
                at=at,
            )
        locked.state, locked.signed_by, locked.signed_at = DecisionBatch.State.SIGNED, by, at
        locked.save(update_fields=["state", "signed_by", "signed_at"])
        record("decision.batch_signed", actor=by, target=locked, data={"decisions": len(decisions)}, at=at)
    return locked

"""Building a call that has been assessed, for allocation, decision and payment tests."""

from decimal import Decimal

from bidra.accounts.models import AgencyRole
from bidra.allocation import services as allocation
from bidra.applications import services as applications
from bidra.assessment import services as assessment
from bidra.decisions import services as decisions
from bidra.programmes.models import Criterion

from .helpers import fill_complete, make_member, make_staff, start_draft

# (municipality code, requested, score level 0-4); each may be reduced to 60 % of its request
DEFAULT_APPLICANTS = [("0180", 400_000, 4), ("1280", 300_000, 3), ("2584", 200_000, 2)]


def assessed_call(call, applicants=DEFAULT_APPLICANTS, *, officer=None):
    """Submit, assess and finish one application per applicant; returns (applications, officer).

    Pass ``officer`` to assess more than one call in a test (the default presenter's address is taken once)."""
    officer = officer or make_staff("presenter@lst.test", AgencyRole.CASE_OFFICER)
    made = []
    for index, (code, amount, level) in enumerate(applicants):
        user = make_member(f"user{index}@{code}.test", code)
        draft = fill_complete(start_draft(call, user, code=code))
        draft.requested_amount = Decimal(amount)
        draft.minimum_amount = Decimal(amount * 6 // 10)
        draft.save()
        draft.budget_lines.all().delete()
        draft.budget_lines.create(category="personnel", description="Lön", amount=amount)
        application = applications.submit(draft.pk, by=user).application
        assessment.take_case(application, by=officer)
        assessment.declare_conflict(application, by=officer, has_conflict=False)
        application.refresh_from_db()
        scores = {
            c.pk: (1 if c.kind == Criterion.Kind.MANUAL_CHECK else level)
            for c in assessment.scored_criteria(application)
        }
        assessment.save_assessment(application, by=officer, scores=scores, comment=f"Bedömning {index}", complete=True)
        assessment.finish_assessment(application, by=officer)
        application.refresh_from_db()
        made.append(application)
    return made, officer


def signed_grant(call, applicants=(("0180", 400_000, 4),), *, officer=None):
    """Assess, propose, draft and sign through the services: returns (signed decisions, presenting officer)."""
    _applications, officer = assessed_call(call, list(applicants), officer=officer)
    rules = allocation.RulesInput(require_each_national_area=False)
    proposal = allocation.run_proposal(call, by=officer, choices=rules)
    batch = decisions.draft_from_proposal(proposal, by=officer)
    decisions.sign_batch(batch, by=make_staff("signer@lst.test", AgencyRole.DECISION_MAKER))
    return list(batch.decisions.select_related("application__submitted_by")), officer

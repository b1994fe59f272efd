"""Random sequences of attempted transitions, by random people, never leave the workflow's table.

Each workflow (application, payment order, report, reclaim) is driven through
``bidra.audit.workflow.transition`` with generated (action, person) attempts. Every attempt either
moves the object along a row of the table and records exactly one event, or is refused (wrong state
or no permission) and changes nothing; the stored state is always one the table names and reachable
from where the object started.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bidra.accounts.models import AgencyRole
from bidra.allocation import services as allocation
from bidra.applications import services as applications
from bidra.applications.workflow import APPLICATION_WORKFLOW
from bidra.assessment import services as assessment
from bidra.audit.models import Event
from bidra.audit.workflow import TransitionNotAllowed, Workflow, transition
from bidra.decisions import services as decisions
from bidra.payments.models import PaymentOrder
from bidra.payments.workflow import PAYMENT_WORKFLOW
from bidra.reports import services as reports
from bidra.reports.workflow import RECLAIM_WORKFLOW, REPORT_WORKFLOW

from .decision_helpers import assessed_call
from .helpers import fill_complete, make_member, make_staff, start_draft

PEOPLE = ["owner", "other_municipality", *[role.value for role in AgencyRole]]
# (workflow, name of the object in the world fixture)
SUBJECTS = [
    (APPLICATION_WORKFLOW, "draft"),
    (APPLICATION_WORKFLOW, "submitted"),
    (APPLICATION_WORKFLOW, "in_assessment"),
    (PAYMENT_WORKFLOW, "payment"),
    (REPORT_WORKFLOW, "report"),
    (RECLAIM_WORKFLOW, "reclaim"),
]


def reachable(workflow: Workflow, start: str) -> set[str]:
    seen, frontier = {start}, [start]
    while frontier:
        state = frontier.pop()
        for step in workflow.transitions:
            if state in step.sources and step.target not in seen:
                seen.add(step.target)
                frontier.append(step.target)
    return seen


def test_every_workflow_names_only_its_own_states():
    for workflow, _name in SUBJECTS:
        for step in workflow.transitions:
            assert {*step.sources, step.target} <= set(workflow.states), step.action


@pytest.fixture
def world(open_call, stockholm_user, malmo_user):
    """An object in each workflow, and a person of every kind."""
    (application,), officer = assessed_call(open_call, [("0180", 400_000, 4)])
    owner = application.submitted_by
    proposal = allocation.run_proposal(
        open_call, by=officer, choices=allocation.RulesInput(require_each_national_area=False)
    )
    batch = decisions.draft_from_proposal(proposal, by=officer)
    decisions.sign_batch(batch, by=make_staff("signer@lst.test", AgencyRole.DECISION_MAKER))
    decision = batch.decisions.get()
    people = {"owner": owner, "other_municipality": make_member("annan@malmo.test", "1280")}
    people |= {role.value: make_staff(f"{role.value}@lst.test", role) for role in AgencyRole}
    people["case_officer"] = officer  # the one who holds the cases
    submitted = applications_submitted(open_call, owner)
    in_assessment = applications_submitted(open_call, owner)
    assessment.take_case(in_assessment, by=officer)
    objects = {
        "draft": fill_complete(start_draft(open_call, owner)),
        "submitted": submitted,
        "in_assessment": in_assessment,
        "payment": PaymentOrder.objects.get(decision=decision),
        "report": reports.ensure_report(decision),
        "reclaim": reports.propose_reclaim(
            decision, by=officer, reasons="Otillåtna kostnader.", repay_by=date(2030, 1, 31), amount=decision.amount
        ),
    }
    return people, objects


def applications_submitted(call, owner):
    return applications.submit(fill_complete(start_draft(call, owner)).pk, by=owner).application


def context_for(obj, objects: dict) -> dict:
    """What the services hand the notification templates: the application and the money involved."""
    reclaim = objects["reclaim"]
    if hasattr(obj, "decision"):  # payment order, report, reclaim: all about the one grant
        return {"application": reclaim.decision.application, "decision": reclaim.decision, "reclaim": reclaim}
    return {"application": obj}


@st.composite
def walks(draw):
    index = draw(st.integers(min_value=0, max_value=len(SUBJECTS) - 1))
    workflow, name = SUBJECTS[index]
    actions = [t.action for t in workflow.transitions]
    attempts = draw(st.lists(st.tuples(st.sampled_from(actions), st.sampled_from(PEOPLE)), min_size=1, max_size=8))
    return workflow, name, attempts


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(walk=walks())
def test_random_attempts_stay_inside_the_table(world, walk):
    workflow, name, attempts = walk
    people, objects = world
    model = type(objects[name])
    with transaction.atomic():
        obj = model.objects.get(pk=objects[name].pk)
        start = getattr(obj, workflow.state_field)
        allowed = reachable(workflow, start)
        for action, who in attempts:
            before = getattr(obj, workflow.state_field)
            step = workflow.get(action)
            events = Event.objects.count()
            try:
                recorded = transition(obj, workflow, action, by=people[who], context=context_for(obj, objects))
            except TransitionNotAllowed:
                assert before not in step.sources
                event(f"{workflow.name}: refused from the wrong state")
            except PermissionDenied:
                assert before in step.sources
                event(f"{workflow.name}: refused to {who}")
            else:
                assert before in step.sources
                assert getattr(obj, workflow.state_field) == step.target
                assert (recorded.action, recorded.before, recorded.after) == (
                    f"{workflow.name}.{action}",
                    {workflow.state_field: before},
                    {workflow.state_field: step.target},
                )
                assert Event.objects.count() == events + 1
                event(f"{workflow.name}: reached {step.target}")
                continue
            assert Event.objects.count() == events
            assert getattr(obj, workflow.state_field) == before
            stored = getattr(model.objects.get(pk=obj.pk), workflow.state_field)
            assert stored == before
        stored = getattr(model.objects.get(pk=obj.pk), workflow.state_field)
        assert stored in workflow.states
        assert stored in allowed
        transaction.set_rollback(True)

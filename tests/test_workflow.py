"""The workflow engine: transitions are data; one function checks, changes, records and notifies."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from bidra.applications.workflow import APPLICATION_WORKFLOW
from bidra.audit.models import Event, Notification
from bidra.audit.workflow import Transition, TransitionNotAllowed, Workflow, transition


def test_a_workflow_naming_an_unknown_state_is_refused():
    with pytest.raises(ValueError, match="unknown states"):
        Workflow(name="x", states={"a": "A"}, transitions=(Transition("go", ("a",), "b", "p", "Go"),))


def test_every_state_of_the_application_workflow_can_be_reached_from_draft():
    reached, frontier = {"draft"}, ["draft"]
    while frontier:
        state = frontier.pop()
        for step in APPLICATION_WORKFLOW.transitions:
            if state in step.sources and step.target not in reached:
                reached.add(step.target)
                frontier.append(step.target)
    assert reached == set(APPLICATION_WORKFLOW.states)


def test_decided_and_withdrawn_applications_have_no_way_out():
    final = {"granted", "partly_granted", "refused", "withdrawn"}
    assert not [t.action for t in APPLICATION_WORKFLOW.transitions if final & set(t.sources)]


@pytest.mark.django_db
def test_a_transition_from_the_wrong_state_is_refused(submitted, stockholm_user):
    with pytest.raises(TransitionNotAllowed):
        transition(submitted, APPLICATION_WORKFLOW, "submit", by=stockholm_user)


@pytest.mark.django_db
def test_a_transition_without_permission_is_refused_and_nothing_is_recorded(complete_draft, malmo_user):
    events = Event.objects.count()
    with pytest.raises(PermissionDenied):
        transition(complete_draft, APPLICATION_WORKFLOW, "withdraw", by=malmo_user)
    complete_draft.refresh_from_db()
    assert complete_draft.status == "draft"
    assert Event.objects.count() == events


@pytest.mark.django_db
def test_a_transition_records_who_what_when_and_notifies(
    complete_draft, stockholm_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = transition(complete_draft, APPLICATION_WORKFLOW, "withdraw", by=stockholm_user)
    assert (event.action, event.actor, event.before, event.after) == (
        "application.withdraw",
        stockholm_user,
        {"status": "draft"},
        {"status": "withdrawn"},
    )
    assert Notification.objects.filter(event=event, channel="in_app", recipient=stockholm_user).exists()
    assert [m.to for m in mail.outbox] == [["anna@stockholm.test"]]


@pytest.mark.django_db
def test_available_transitions_depend_on_state_and_user(complete_draft, stockholm_user, officer):
    assert {t.action for t in APPLICATION_WORKFLOW.available(complete_draft, stockholm_user)} == {"submit", "withdraw"}
    assert APPLICATION_WORKFLOW.available(complete_draft, officer) == []

"""Workflows declared as data, and the one function that moves an object between states.

Each stage of the grant declares its workflow (states and allowed transitions) once, in its
own ``workflow.py``. ``transition`` checks the state and the permission, changes the state,
records the event and queues the notifications, all in the caller's transaction.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.functional import Promise

from .events import Recipient, label_actions, record
from .models import Event


class TransitionNotAllowed(Exception):
    """The object is not in a state from which this transition starts."""


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    permission: str  # a rule name in bidra/permissions.py
    label: str | Promise
    notification: str = ""  # template name under notifications/, empty for none


@dataclass(frozen=True)
class Workflow:
    name: str
    states: dict[str, str | Promise]
    transitions: tuple[Transition, ...]
    state_field: str = "status"
    recipients: Callable[[Any, Transition], Iterable[Recipient]] = field(default=lambda obj, t: ())

    def __post_init__(self) -> None:
        for transition in self.transitions:
            unknown = {*transition.sources, transition.target} - set(self.states)
            if unknown:
                raise ValueError(f"{self.name}.{transition.action} names unknown states {unknown}")
        label_actions({f"{self.name}.{t.action}": t.label for t in self.transitions})

    def choices(self) -> list[tuple[str, str | Promise]]:
        return list(self.states.items())

    def get(self, action: str) -> Transition:
        for transition in self.transitions:
            if transition.action == action:
                return transition
        raise KeyError(f"{self.name} has no transition {action!r}")

    def check(self, obj: Any, action: str, user: Any) -> Transition:
        transition = self.get(action)
        if getattr(obj, self.state_field) not in transition.sources:
            raise TransitionNotAllowed(f"{self.name}: cannot {action} from {getattr(obj, self.state_field)}")
        if not user.has_perm(transition.permission, obj):
            raise PermissionDenied(f"{self.name}: {action} not permitted")
        return transition

    def available(self, obj: Any, user: Any) -> list[Transition]:
        state = getattr(obj, self.state_field)
        return [t for t in self.transitions if state in t.sources and user.has_perm(t.permission, obj)]


def transition(
    obj: models.Model,
    workflow: Workflow,
    action: str,
    *,
    by: Any,
    case_number: str = "",
    changes: dict[str, Any] | None = None,
    data: dict | None = None,
    context: dict | None = None,
    at: datetime | None = None,
) -> Event:
    """Move ``obj`` along ``workflow`` by ``action`` and record it.

    ``changes`` are further field values set in the same write (for example a timestamp).
    The caller should hold a row lock (select_for_update) when races matter.
    """
    with transaction.atomic():
        step = workflow.check(obj, action, by)
        before = getattr(obj, workflow.state_field)
        setattr(obj, workflow.state_field, step.target)
        for name, value in (changes or {}).items():
            setattr(obj, name, value)
        obj.save(update_fields=[workflow.state_field, *(changes or {})])
        recipients = list(workflow.recipients(obj, step)) if step.notification else []
        return record(
            f"{workflow.name}.{action}",
            actor=by,
            target=obj,
            case_number=case_number,
            before={workflow.state_field: before},
            after={workflow.state_field: step.target},
            data=data,
            notify=recipients,
            template=step.notification,
            context={**(context or {}), "object": obj},
            at=at,
        )

"""The application workflow, declared once. Later stages add states here through new transitions."""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from bidra.audit.events import Recipient, label_actions
from bidra.audit.workflow import Transition, Workflow


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inkommen")
    WITHDRAWN = "withdrawn", _("Återkallad")


def _applicant_recipients(application: Any, transition: Transition) -> Iterable[Recipient]:
    actor = application.submitted_by or application.created_by
    yield Recipient.for_user(actor)
    if application.contact_email and application.contact_email.lower() != actor.email.lower():
        yield Recipient(email=application.contact_email)


APPLICATION_WORKFLOW = Workflow(
    name="application",
    states=dict(Status.choices),
    transitions=(
        Transition(
            "submit",
            (Status.DRAFT,),
            Status.SUBMITTED,
            "applications.submit",
            _("Skicka in"),
            notification="application_submitted",
        ),
        Transition(
            "withdraw",
            (Status.DRAFT, Status.SUBMITTED),
            Status.WITHDRAWN,
            "applications.withdraw",
            _("Återkalla"),
            notification="application_withdrawn",
        ),
    ),
    recipients=_applicant_recipients,
)

label_actions(
    {
        "application.started": _("Utkast påbörjat"),
        "application.draft_saved": _("Utkast sparat"),
        "application.attachment_added": _("Bilaga uppladdad"),
        "application.attachment_removed": _("Bilaga borttagen"),
        "application.submit_refused": _("Inskickning nekad"),
        "application.check_recorded": _("Kontroll dokumenterad"),
    }
)

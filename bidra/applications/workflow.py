"""The application workflow, declared once for every stage of the grant's life.

Later stages (assessment, decisions) move applications through these transitions with
``bidra.audit.workflow.transition``; the rule each transition needs is named here and
defined in ``bidra/permissions.py``.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from bidra.audit.events import Recipient, label_actions
from bidra.audit.workflow import Transition, Workflow


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inkommen")
    IN_ASSESSMENT = "in_assessment", _("Under bedömning")
    AWAITING_APPLICANT = "awaiting_applicant", _("Väntar på sökanden")
    ASSESSED = "assessed", _("Bedömd")
    GRANTED = "granted", _("Beviljad")
    PARTLY_GRANTED = "partly_granted", _("Delvis beviljad")
    REFUSED = "refused", _("Avslagen")
    WITHDRAWN = "withdrawn", _("Återkallad")


OPEN_CASE = (Status.SUBMITTED, Status.IN_ASSESSMENT, Status.AWAITING_APPLICANT, Status.ASSESSED)
DECIDED = (Status.GRANTED, Status.PARTLY_GRANTED, Status.REFUSED)
WITH_GRANT = (Status.GRANTED, Status.PARTLY_GRANTED)  # decided with money, so owing a report


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
            (Status.DRAFT, *OPEN_CASE),
            Status.WITHDRAWN,
            "applications.withdraw",
            _("Återkalla"),
            notification="application_withdrawn",
        ),
        Transition("take", (Status.SUBMITTED,), Status.IN_ASSESSMENT, "assessment.take", _("Påbörja bedömning")),
        Transition(
            "ask_applicant",
            (Status.IN_ASSESSMENT,),
            Status.AWAITING_APPLICANT,
            "assessment.ask_applicant",
            _("Begär svar från sökanden"),
            notification="applicant_request",
        ),
        Transition(
            "applicant_replied",
            (Status.AWAITING_APPLICANT,),
            Status.IN_ASSESSMENT,
            "applications.reply",
            _("Sökanden har svarat"),
        ),
        Transition(
            "close_request",
            (Status.AWAITING_APPLICANT,),
            Status.IN_ASSESSMENT,
            "assessment.ask_applicant",
            _("Begäran avslutad utan svar"),
        ),
        Transition(
            "finish_assessment", (Status.IN_ASSESSMENT,), Status.ASSESSED, "assessment.finish", _("Bedömning klar")
        ),
        Transition(
            "reopen", (Status.ASSESSED,), Status.IN_ASSESSMENT, "assessment.finish", _("Bedömning återupptagen")
        ),
        Transition(
            "grant",
            (Status.ASSESSED,),
            Status.GRANTED,
            "decisions.sign_application",
            _("Beviljad"),
            notification="decision_made",
        ),
        Transition(
            "grant_partly",
            (Status.ASSESSED,),
            Status.PARTLY_GRANTED,
            "decisions.sign_application",
            _("Delvis beviljad"),
            notification="decision_made",
        ),
        Transition(
            "refuse",
            (Status.ASSESSED,),
            Status.REFUSED,
            "decisions.sign_application",
            _("Avslagen"),
            notification="decision_made",
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

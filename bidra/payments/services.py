"""Payment orders: planned when a grant is signed, approved and paid by finance, exported as CSV."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from bidra.audit.events import label_actions, record
from bidra.audit.models import Event
from bidra.audit.workflow import transition
from bidra.decisions.models import Decision, Outcome
from bidra.programmes.models import Call

from .bankgiro import normalise_bankgiro
from .models import PaymentDetails, PaymentOrder
from .workflow import PAYMENT_WORKFLOW, PaymentStatus

label_actions({"payment.planned": _("Utbetalning planerad"), "payment.bankgiro_set": _("Bankgiro ändrat")})


def plan_payment_for(event: Event) -> None:
    """Listener for 'decision.signed': a grant gets a planned payment order of the granted amount."""
    decision = Decision.objects.select_related("application__call", "application__municipality").get(
        pk=int(event.target_id)
    )
    if decision.outcome == Outcome.REFUSED or decision.amount <= 0:
        return
    application = decision.application
    order = PaymentOrder.objects.create(
        decision=decision,
        municipality=application.municipality,
        call=application.call,
        amount=decision.amount,
        reference=application.case_number,
    )
    record(
        "payment.planned",
        actor=event.actor,
        target=order,
        case_number=application.case_number,
        data={"amount": str(int(order.amount))},
    )


def set_bankgiro(municipality: Any, bankgiro: str, *, by: Any) -> PaymentDetails:
    """Record where a municipality is paid; the change is logged with the old and new number."""
    if not by.has_perm("payments.approve"):
        raise PermissionDenied
    number = normalise_bankgiro(bankgiro)
    with transaction.atomic():
        details = PaymentDetails.objects.select_for_update().filter(municipality=municipality).first()
        before = details.bankgiro if details else ""
        details, _created = PaymentDetails.objects.update_or_create(
            municipality=municipality, defaults={"bankgiro": number, "updated_at": timezone.now()}
        )
        record(
            "payment.bankgiro_set",
            actor=by,
            target=details,
            before={"bankgiro": before},
            after={"bankgiro": number},
            data={"municipality": municipality.code},
        )
    return details


def approve(order: PaymentOrder, *, by: Any) -> PaymentOrder:
    """Finance approves (attesterar); the municipality's bankgiro must be known and is fixed on the order."""
    with transaction.atomic():
        order = PaymentOrder.objects.select_for_update().get(pk=order.pk)
        details = PaymentDetails.objects.filter(municipality_id=order.municipality_id).first()
        if details is None:
            raise ValidationError(_("Kommunens bankgiro saknas. Lägg in det innan utbetalningen attesteras."))
        transition(
            order,
            PAYMENT_WORKFLOW,
            "approve",
            by=by,
            case_number=order.reference,
            changes={"approved_by": by, "approved_at": timezone.now(), "bankgiro": details.bankgiro},
        )
    return order


def mark_paid(order: PaymentOrder, *, by: Any) -> PaymentOrder:
    with transaction.atomic():
        order = PaymentOrder.objects.select_for_update().get(pk=order.pk)
        transition(
            order,
            PAYMENT_WORKFLOW,
            "mark_paid",
            by=by,
            case_number=order.reference,
            changes={"paid_at": timezone.now()},
        )
    return order


def stop(order: PaymentOrder, *, by: Any, reason: str) -> PaymentOrder:
    if not reason.strip():
        raise ValidationError(_("Ange varför utbetalningen stoppas."))
    with transaction.atomic():
        order = PaymentOrder.objects.select_for_update().get(pk=order.pk)
        transition(order, PAYMENT_WORKFLOW, "stop", by=by, case_number=order.reference, changes={"stop_reason": reason})
    return order


@dataclass(frozen=True)
class CallTotals:
    budget: Decimal
    granted: Decimal
    paid: Decimal
    approved: Decimal

    @property
    def left(self) -> Decimal:
        """Budget not granted: what may be carried to the follow-up round."""
        return self.budget - self.granted

    @property
    def unpaid(self) -> Decimal:
        return self.granted - self.paid


def totals(call: Call) -> CallTotals:
    granted = Decision.objects.filter(batch__call=call, batch__state="signed").aggregate(s=Sum("amount"))["s"]
    figures = PaymentOrder.objects.filter(call=call).aggregate(
        paid=Sum("amount", filter=Q(status=PaymentStatus.PAID)),
        approved=Sum("amount", filter=Q(status=PaymentStatus.APPROVED)),
    )
    return CallTotals(
        budget=call.budget,
        granted=granted or Decimal(0),
        paid=figures["paid"] or Decimal(0),
        approved=figures["approved"] or Decimal(0),
    )


EXPORT_COLUMNS = ["referens", "kommunkod", "kommun", "organisationsnummer", "bankgiro", "belopp", "beslutsdatum"]


def approved_orders_csv(call: Call | None = None) -> str:
    """Approved orders for the finance system: one row each, amounts in whole kronor, UTF-8 with header."""
    orders = PaymentOrder.objects.filter(status=PaymentStatus.APPROVED).select_related(
        "municipality", "decision__batch"
    )
    if call is not None:
        orders = orders.filter(call=call)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for order in orders.order_by("reference"):
        writer.writerow(
            [
                order.reference,
                order.municipality.code,
                order.municipality.name,
                order.municipality.organisation_number,
                order.bankgiro,
                str(int(order.amount)),
                timezone.localtime(order.decision.batch.signed_at).date().isoformat(),
            ]
        )
    return buffer.getvalue()

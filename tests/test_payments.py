"""Payment orders: planned at signing, approved and paid by finance, exported for the finance system."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bidra.accounts.models import AgencyRole
from bidra.allocation import services as allocation
from bidra.audit.models import Event
from bidra.decisions import services as decisions
from bidra.payments import services
from bidra.payments.bankgiro import normalise_bankgiro
from bidra.payments.models import PaymentDetails, PaymentOrder

from .decision_helpers import assessed_call
from .helpers import make_staff


@pytest.fixture
def finance(db):
    return make_staff("ekonomi@lst.test", AgencyRole.FINANCE)


@pytest.fixture
def signed_call(open_call):
    applications, officer = assessed_call(open_call)
    proposal = allocation.run_proposal(
        open_call, by=officer, choices=allocation.RulesInput(require_each_national_area=False)
    )
    batch = decisions.draft_from_proposal(proposal, by=officer)
    decisions.sign_batch(batch, by=make_staff("beslut@lst.test", AgencyRole.DECISION_MAKER))
    for application in applications:
        PaymentDetails.objects.create(municipality=application.municipality, bankgiro="5050-1055")
    return open_call


def test_bankgiro_numbers_are_checked():
    assert normalise_bankgiro("50501055") == "5050-1055"
    with pytest.raises(ValidationError):
        normalise_bankgiro("5050-1056")


@pytest.mark.django_db
def test_finance_approves_and_pays_and_totals_follow(signed_call, finance):
    orders = list(PaymentOrder.objects.all())
    assert orders and all(o.status == "planned" for o in orders)
    first = services.approve(orders[0], by=finance)
    assert (first.status, first.bankgiro, first.approved_by) == ("approved", "5050-1055", finance)
    services.mark_paid(first, by=finance)
    figures = services.totals(signed_call)
    assert figures.granted == sum(o.amount for o in orders)
    assert figures.paid == orders[0].amount
    assert figures.left == signed_call.budget - figures.granted


@pytest.mark.django_db
def test_only_finance_approves(signed_call, officer):
    with pytest.raises(PermissionDenied):
        services.approve(PaymentOrder.objects.first(), by=officer)


@pytest.mark.django_db
def test_an_order_cannot_be_paid_before_approval(signed_call, finance):
    from bidra.audit.workflow import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed):
        services.mark_paid(PaymentOrder.objects.first(), by=finance)


@pytest.mark.django_db
def test_approval_needs_the_municipalitys_bankgiro(signed_call, finance):
    order = PaymentOrder.objects.first()
    PaymentDetails.objects.filter(municipality=order.municipality).delete()
    with pytest.raises(ValidationError, match="bankgiro"):
        services.approve(order, by=finance)


@pytest.mark.django_db
def test_a_stopped_order_needs_a_reason_and_is_not_paid(signed_call, finance):
    order = PaymentOrder.objects.first()
    with pytest.raises(ValidationError):
        services.stop(order, by=finance, reason="")
    services.stop(order, by=finance, reason="Kommunen har återkallat ansökan.")
    assert PaymentOrder.objects.get(pk=order.pk).status == "stopped"


@pytest.mark.django_db
def test_the_export_lists_approved_orders_in_whole_kronor(client, signed_call, finance):
    for order in PaymentOrder.objects.all():
        services.approve(order, by=finance)
    client.force_login(finance)
    response = client.get(f"/ekonomi/export.csv?call={signed_call.slug}")
    rows = list(csv.DictReader(io.StringIO(response.content.decode()), delimiter=";"))
    assert len(rows) == PaymentOrder.objects.count()
    assert {row["bankgiro"] for row in rows} == {"5050-1055"}
    assert sum(Decimal(row["belopp"]) for row in rows) == sum(o.amount for o in PaymentOrder.objects.all())
    assert all(row["referens"].startswith("851-") for row in rows)


@pytest.mark.django_db
def test_finance_records_a_missing_bankgiro_and_it_is_logged(client, signed_call, finance):
    order = PaymentOrder.objects.select_related("municipality").first()
    PaymentDetails.objects.filter(municipality=order.municipality).delete()
    client.force_login(finance)
    client.post(f"/ekonomi/{order.pk}/bankgiro/", {"bankgiro": "5050-1056"})  # wrong check digit
    assert not PaymentDetails.objects.filter(municipality=order.municipality).exists()
    client.post(f"/ekonomi/{order.pk}/bankgiro/", {"bankgiro": "50501055"})
    assert PaymentDetails.objects.get(municipality=order.municipality).bankgiro == "5050-1055"
    assert Event.objects.filter(action="payment.bankgiro_set", after={"bankgiro": "5050-1055"}).exists()
    services.approve(order, by=finance)

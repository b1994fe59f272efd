"""Finance's view: payment orders per call with totals, approval, payment and the CSV export."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bidra.audit.workflow import TransitionNotAllowed
from bidra.core.feedback import flash_refusal
from bidra.core.forms import BidraForm
from bidra.permissions import require
from bidra.programmes.models import Call

from . import services
from .models import PaymentOrder
from .workflow import PaymentStatus


class StopForm(BidraForm):
    reason = forms.CharField(label=gettext_lazy("Skäl för stopp"), max_length=500)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    require(request.user, "payments.view")
    calls = Call.objects.filter(payment_orders__isnull=False).distinct().order_by("-closes_at")
    call = calls.filter(slug=request.GET.get("call")).first() or calls.first()
    orders = PaymentOrder.objects.select_related("municipality__payment_details", "approved_by").order_by("reference")
    status = request.GET.get("status", "")
    if call is not None:
        orders = orders.filter(call=call)
    if status in PaymentStatus.values:
        orders = orders.filter(status=status)
    return render(
        request,
        "payments/overview.html",
        {
            "calls": calls,
            "call": call,
            "orders": orders,
            "status": status,
            "statuses": PaymentStatus.choices,
            "totals": services.totals(call) if call else None,
            "can_act": request.user.has_perm("payments.approve"),
            "stop_form": StopForm(),
        },
    )


@login_required
@require_POST
def act(request: HttpRequest, order_id: int, action: str) -> HttpResponse:
    require(request.user, "payments.approve")
    order = get_object_or_404(PaymentOrder, pk=order_id)
    try:
        if action == "approve":
            services.approve(order, by=request.user)
        elif action == "pay":
            services.mark_paid(order, by=request.user)
        elif action == "stop":
            services.stop(order, by=request.user, reason=request.POST.get("reason", ""))
        else:
            raise Http404
    except (ValidationError, TransitionNotAllowed, PermissionDenied) as error:
        flash_refusal(request, error, _("Det går inte i utbetalningens nuvarande läge."))
    return redirect(f"{reverse('payments:overview')}?call={order.call.slug}")


@login_required
@require_POST
def set_bankgiro(request: HttpRequest, order_id: int) -> HttpResponse:
    require(request.user, "payments.approve")
    order = get_object_or_404(PaymentOrder.objects.select_related("municipality", "call"), pk=order_id)
    try:
        services.set_bankgiro(order.municipality, request.POST.get("bankgiro", ""), by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Bankgirot för %(name)s är sparat.") % {"name": order.municipality})
    return redirect(f"{reverse('payments:overview')}?call={order.call.slug}")


@login_required
def export(request: HttpRequest) -> HttpResponse:
    require(request.user, "payments.approve")
    call = Call.objects.filter(slug=request.GET.get("call")).first()
    response = HttpResponse(services.approved_orders_csv(call), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="attesterade-utbetalningar.csv"'
    return response

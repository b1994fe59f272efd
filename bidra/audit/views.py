"""The user's in-app notifications."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import Notification


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = Notification.objects.filter(recipient=request.user, channel=Notification.Channel.IN_APP)[:100]
    return render(request, "audit/notifications.html", {"items": items})


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(
        recipient=request.user, channel=Notification.Channel.IN_APP, read_at__isnull=True
    ).update(read_at=timezone.now())
    return redirect("audit:notifications")

"""Gallring (weeding) for administrators: what is due, and weeding it with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bidra.diarium.models import Document
from bidra.permissions import require

from .forms import WeedForm
from .models import RetentionRule
from .retention import due_for_weeding
from .weeding import weed


@login_required
def due(request: HttpRequest) -> HttpResponse:
    require(request.user, "archive.view_due")
    can_weed = request.user.has_perm("archive.weed")
    if request.method == "POST" and not can_weed:
        raise Http404  # a registrar sees what is due; weeding is refused as any other missing page
    items = due_for_weeding(timezone.localdate())
    form = WeedForm(request.POST or None, due=items) if can_weed else None
    if request.method == "POST" and form is not None and form.is_valid():
        chosen = Document.objects.filter(pk__in=form.cleaned_data["documents"])
        try:
            result = weed(chosen, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(count)s handlingar gallrades.") % {"count": len(result.documents)})
            return redirect("archive:due")
    weeded = Document.objects.filter(weeded_at__isnull=False).select_related("case").order_by("-weeded_at")[:50]
    return render(
        request,
        "archive/due.html",
        {"items": items, "form": form, "rules": RetentionRule.objects.all(), "weeded": weeded},
    )

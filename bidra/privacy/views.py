"""Personal data for administrators (search, export, erase) and each user's own export."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bidra.accounts.models import User
from bidra.permissions import require

from .forms import EraseForm, PersonSearchForm
from .services import (
    ERASED_DOMAIN,
    ErasureRefused,
    erase_person,
    erasure_obstacles,
    export_person,
    find_people,
    record_export,
)


def _download(user: User, *, by) -> HttpResponse:
    record_export(user, by=by)
    response = HttpResponse(
        json.dumps(export_person(user), ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="personuppgifter-{user.pk}-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def search(request: HttpRequest) -> HttpResponse:
    require(request.user, "privacy.manage")
    form = PersonSearchForm(request.GET or None)
    people = find_people(form.cleaned_data["q"]) if form.is_valid() else []
    return render(request, "privacy/search.html", {"form": form, "people": people, "searched": form.is_bound})


def _person(user_id: int) -> User:
    return get_object_or_404(User.objects.exclude(email__endswith=f"@{ERASED_DOMAIN}"), pk=user_id)


@login_required
def person(request: HttpRequest, user_id: int) -> HttpResponse:
    require(request.user, "privacy.manage")
    subject = _person(user_id)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure = erase_person(subject, by=request.user, reason=form.cleaned_data["reason"])
        except ErasureRefused as refusal:
            form.add_error(None, refusal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Personuppgifterna är raderade. I händelseloggen heter personen nu %(pseudonym)s.")
                % {"pseudonym": erasure.pseudonym},
            )
            return redirect("privacy:search")
    return render(
        request,
        "privacy/person.html",
        {
            "person": subject,
            "export": export_person(subject),
            "obstacles": erasure_obstacles(subject, by=request.user),
            "form": form,
        },
    )


@login_required
@require_POST
def export(request: HttpRequest, user_id: int) -> HttpResponse:
    require(request.user, "privacy.manage")
    return _download(_person(user_id), by=request.user)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    require(request.user, "privacy.export_own")
    return render(request, "privacy/mine.html", {"export": export_person(request.user)})


@login_required
@require_POST
def export_mine(request: HttpRequest) -> HttpResponse:
    require(request.user, "privacy.export_own")
    return _download(request.user, by=request.user)
